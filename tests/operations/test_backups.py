"""Backups: export_archive writes the whole archive, restore_archive brings it back into an empty database.

Each test runs the documented commands as an operator would, against real
database files and real PostgreSQL databases, and compares everything in the
two databases record by record: posts with their ranks and search terms,
category placements, sources, comments of every status, editors with their
passwords and groups, the admin's log and every saved version of a post.
"""

import datetime
import json
import os
import re
import sqlite3
import subprocess

import pytest
from django.core import serializers

from archive.models import Listing

from .. import processes

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")

# An editor's day: edits with history, comments of every status, a deleted post, a new category.
EDITORS_DAY = """
import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from archive.models import Category, Comment, Post
editor = User.objects.create_user("edith", "edith@example.com", "a long editor passphrase", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
post = Post.objects.get(title="Canada Finally Bans Huawei From Its 5G Networks")
with reversion.create_revision():
    reversion.set_user(editor)
    post.save()
with reversion.create_revision():
    reversion.set_user(editor)
    post.title = "Canada Finally Bans Huawei and ZTE From Its 5G Networks"
    post.body += "\\n\\nAn editor's note: **updated**."
    post.save()
LogEntry.objects.log_actions(editor.pk, [post], CHANGE, change_message="Corrected the title", single_object=True)
for status in Comment.Status.values:
    Comment.objects.create(post=post, author_name=f"A {status} reader", body=f"Ünïcode <b>{status}</b>\\nline two",
                           status=status)
category = Category.objects.create(name="Semiconductors", description="Chips and the machines that make them.")
post.categories.add(category)
Post.objects.exclude(pk=post.pk).order_by("rank")[3].delete()
"""
# Every record, in a form that does not depend on the database that holds it.
EVERYTHING = """
import json
from django.core import serializers
from django.apps import apps
records = []
for model in apps.get_models():
    if model._meta.label in {"sessions.Session", "contenttypes.ContentType", "auth.Permission"}:
        continue
    for data in json.loads(serializers.serialize("json", model.objects.order_by("pk"),
                                                 use_natural_foreign_keys=True, use_natural_primary_keys=True)):
        data["fields"].pop("search_vector", None)  # PostgreSQL computes it from the other fields
        if model._meta.label in {"archive.CategoryPlacement", "archive.OutletPlacement", "archive.TagPlacement"}:
            data.pop("pk")  # rebuilt from the ranks: the same rows, numbered afresh
        records.append(json.dumps(data, sort_keys=True))
from archive.search.query import search
found = [post.title for post in search("huawei")[:20]]
print(json.dumps({"records": sorted(records), "search": found}))
"""


def manage(database, *args, check=True):
    return processes.manage(*args, check=check, env={
        **os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "tests.settings",
    })


def postgresql_database(name, template=None):
    create = f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else "")
    for statement in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", create):
        subprocess.run(["psql", PG_ADMIN, "-qc", statement], check=True, capture_output=True)
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def drop_postgresql_databases(names):
    for name in names:
        subprocess.run(["psql", PG_ADMIN, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


def everything(database):
    return json.loads(manage(database, "shell", "-c", EVERYTHING).stdout.strip().splitlines()[-1])


class Originals:
    """Two databases of each kind, made once per test session, for tests to copy.

    "empty" is migrated and holds nothing; "archive" holds the seeds and an editor's
    day. Each comes with `everything` it holds. Migrating and loading once, instead of
    in every test, keeps these subprocess-heavy tests quick.
    """

    def __init__(self, folder):
        self.folder = folder
        self.made = {}
        self.postgresql_names = []

    def get(self, kind, original):
        if (kind, original) not in self.made:
            if original == "empty":
                url = new_database(kind, self.folder, "empty", self.postgresql_names)
                manage(url, "migrate", "-v0")
            else:
                url = self.copy(kind, "empty", self.folder, "archive", self.postgresql_names)
                manage(url, "load_seeds", "-v0")
                manage(url, "shell", "-c", EDITORS_DAY)
            self.made[kind, original] = (url, everything(url))
        return self.made[kind, original]

    def copy(self, kind, original, folder, name, postgresql_names):
        """A new database called `name`, holding what the original holds; SQLite's file goes in `folder`."""
        url, _ = self.get(kind, original)
        if kind == "postgresql":
            return new_database(kind, folder, name, postgresql_names, template=url.rsplit("/", 1)[1])
        copy = new_database(kind, folder, name, postgresql_names)
        with sqlite3.connect(url.removeprefix("sqlite:///")) as source, \
                sqlite3.connect(copy.removeprefix("sqlite:///")) as target:
            source.backup(target)
        return copy


def new_database(kind, folder, name, postgresql_names, template=None):
    if kind == "sqlite":
        return f"sqlite:///{folder / name}.sqlite3"
    # Each pytest-xdist worker has databases of its own.
    database = f"briefings_backup_{name}{os.environ.get('PYTEST_XDIST_WORKER', '')}"
    postgresql_names.append(database)
    return postgresql_database(database, template)


@pytest.fixture(scope="session")
def originals(tmp_path_factory):
    made = Originals(tmp_path_factory.mktemp("originals"))
    yield made
    drop_postgresql_databases(made.postgresql_names)


@pytest.fixture
def databases(tmp_path, originals):
    """databases(kind, original, name): this test's own copy of an original, and everything the original holds."""
    made = []

    def copy(kind, original, name):
        return originals.copy(kind, original, tmp_path, name, made), originals.get(kind, original)[1]

    yield copy
    drop_postgresql_databases(made)


ROUTES = [
    pytest.param("sqlite", "sqlite", marks=pytest.mark.skipif(ON_POSTGRESQL, reason="runs in the SQLite pass")),
    pytest.param("postgresql", "postgresql",
                 marks=pytest.mark.skipif(not ON_POSTGRESQL, reason="runs in the PostgreSQL pass")),
    # Moving a laptop's archive to a production server.
    pytest.param("sqlite", "postgresql",
                 marks=pytest.mark.skipif(not ON_POSTGRESQL, reason="runs in the PostgreSQL pass")),
]


@pytest.mark.parametrize("source_kind, target_kind", ROUTES)
def test_a_restored_archive_is_the_archive_that_was_exported(tmp_path, databases, source_kind, target_kind):
    source, before = databases(source_kind, "archive", "source")
    backup = tmp_path / "archive.jsonl.gz"

    exported = manage(source, "export_archive", str(backup))
    assert "archive.Post: 17" in exported.stdout and "reversion.Version" in exported.stdout

    target, _ = databases(target_kind, "empty", "target")
    restored = manage(target, "restore_archive", str(backup))
    assert "archive.Post: 17" in restored.stdout and "archive.Comment: 4" in restored.stdout

    after = everything(target)
    if target_kind == "postgresql":  # searches do not read through entries left pending in the index
        pending = manage(target, "shell", "-c", (
            "from django.db import connection; from archive.search.index import SEARCH_INDEX;"
            "cursor = connection.cursor();"
            "cursor.execute('SELECT gin_clean_pending_list(%s::regclass)', [SEARCH_INDEX]);"
            "print(cursor.fetchone()[0])"
        )).stdout
        assert pending.strip().splitlines()[-1] == "0"
    assert len(after["records"]) == len(before["records"]) > 80
    assert after["records"] == before["records"]
    assert after["search"] == before["search"] and after["search"]
    # The editor signs in with the same password, and the site serves the restored posts.
    check = manage(target, "shell", "-c", (
        "from django.contrib.auth import authenticate; from django.test import Client, RequestFactory;"
        "request = RequestFactory().post('/admin/login/');"
        "print(authenticate(request, username='edith', password='a long editor passphrase') is not None);"
        "print(Client().get('/category/semiconductors/').content.decode())"
    )).stdout
    assert "\nTrue\n<!doctype html>" in check
    assert "Canada Finally Bans Huawei and ZTE From Its 5G Networks" in check


def test_a_restore_never_overwrites_an_archive(tmp_path, databases):
    kind = "postgresql" if ON_POSTGRESQL else "sqlite"
    source, before = databases(kind, "archive", "source")
    backup = tmp_path / "archive.jsonl"
    manage(source, "export_archive", str(backup))

    refused = manage(source, "restore_archive", str(backup), check=False)
    assert refused.returncode == 1
    assert "already holds 17 posts" in refused.stderr and "empty database" in refused.stderr
    assert everything(source) == before


def damage(backup, how):
    lines = backup.read_text(encoding="utf-8").splitlines(keepends=True)
    if how == "truncated":
        backup.write_text("".join(lines[:-3]) + lines[-3][: len(lines[-3]) // 2], encoding="utf-8")
        return len(lines) - 2
    if how == "unknown model":
        lines[4] = re.sub(r'"model": ?"[^"]+"', '"model": "nosuchapp.thing"', lines[4], count=1)
        backup.write_text("".join(lines), encoding="utf-8")
        return 5
    if how == "refused by the database":  # a comment on a post that does not exist
        comment = json.loads(next(line for line in lines if '"archive.comment"' in line))
        comment["pk"], comment["fields"]["post"] = 999, 424242
        backup.write_text("".join(lines) + json.dumps(comment) + "\n", encoding="utf-8")
        return None


@pytest.mark.parametrize("how", ["truncated", "unknown model", "refused by the database"])
def test_a_damaged_backup_is_refused_and_changes_nothing(tmp_path, databases, how):
    kind = "postgresql" if ON_POSTGRESQL else "sqlite"
    source, _ = databases(kind, "archive", "source")
    backup = tmp_path / "archive.jsonl"
    manage(source, "export_archive", str(backup))
    line = damage(backup, how)

    target, empty = databases(kind, "empty", "target")
    result = manage(target, "restore_archive", str(backup), check=False)
    assert result.returncode == 1
    message = result.stderr.strip().splitlines()[-1]
    assert str(backup) + (f":{line}:" if line else ":") in message, message
    assert everything(target) == empty



@pytest.mark.django_db
def test_backups_keep_times_to_the_microsecond():
    # On a whole millisecond, with microseconds beyond it: Django's own JSON would write .000.
    when = datetime.datetime(2026, 11, 22, 20, 4, 50, 312, tzinfo=datetime.timezone.utc)
    Listing.objects.create(file_name="exact.txt", kind="front", imported=when)
    text = serializers.serialize("jsonl", Listing.objects.all())
    assert "2026-11-22T20:04:50.000312Z" in text
    assert [record.object.imported for record in serializers.deserialize("jsonl", text)] == [when]
