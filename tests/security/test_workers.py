"""Every worker tells the same truth, with or without Redis (finding 3).

The archive as the README's production command runs it: gunicorn with two
workers, no REDIS_URL. A change made from the shell (a separate process, as an
import or a script would be) must show in the very next page from either
worker, and one reader's comment limit must hold whichever worker answers.
"""

import concurrent.futures
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from django.db import connection

from tests.processes import ROOT, manage

POST = "/post/biden-kicks-xi-when-hes-up/"


@pytest.fixture
def database_url(tmp_path, db):
    """A database of the test run's kind, apart from the test database (the servers commit to it)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'workers.sqlite3'}"
        return
    import psycopg

    name = f"briefings_workers_{uuid.uuid4().hex[:8]}"
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def seeded_environment(database_url):
    """The environment of a production process (no Redis) on a freshly seeded archive."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_", "BRIEFINGS_"))
    }
    environment.update({
        "DATABASE_URL": database_url, "DJANGO_SECRET_KEY": "workers-test", "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "briefings.settings", "BRIEFINGS_COMMENT_RATE": "3/10m",
    })
    manage("migrate", "--noinput", env=environment, check=True)
    manage("load_seeds", env=environment, check=True)
    return environment


@contextlib.contextmanager
def serving(environment, log, *options):
    """gunicorn with two workers (and ``options``), its access log naming the process of each request."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "briefings.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", str(log), "--access-logformat", "%(p)s %(U)s", *options],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def archive(seeded_environment, tmp_path):
    """The seeded archive served by gunicorn, two workers, no Redis: (base URL, environment, access log)."""
    log = tmp_path / "access.log"
    with serving(seeded_environment, log) as base:
        yield base, seeded_environment, log


def get_many(url, times=40):
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda _: urllib.request.urlopen(url, timeout=10).read().decode(), range(times)))


def workers_that_served(log, path):
    return {line.split()[0] for line in log.read_text().splitlines() if line.split()[1:] == [path]}


def test_a_change_from_the_shell_shows_in_every_worker_at_once(archive):
    base, environment, log = archive
    assert all("Biden Kicks Xi When He’s Up" in page for page in get_many(base + POST))  # stored in the cache
    manage("shell", "-c", (
        "from archive.models import Post\n"
        "post = Post.objects.get(slug='biden-kicks-xi-when-hes-up')\n"
        "post.title = 'Renamed From The Shell'\n"
        "post.save()\n"
    ), env=environment, check=True)
    log.write_text("")
    pages = get_many(base + POST)
    assert all("Renamed From The Shell" in page for page in pages)
    assert all("Renamed From The Shell" in page for page in get_many(base + "/"))
    assert len(workers_that_served(log, POST)) == 2


def test_moderation_from_another_process_reaches_every_worker(archive):
    base, environment, log = archive
    manage("shell", "-c", (
        "from archive.models import Comment, Post\n"
        "Comment.objects.create(post=Post.objects.get(slug='biden-kicks-xi-when-hes-up'), author_name='Ann',"
        " body='Soon to be spam.', status='approved')\n"
    ), env=environment, check=True)
    assert all("Soon to be spam." in page for page in get_many(base + POST))
    manage("shell", "-c", (
        "from archive.models import Comment\n"
        "for comment in Comment.objects.all():\n"
        "    comment.status = 'spam'\n"
        "    comment.save()\n"
    ), env=environment, check=True)
    assert not any("Soon to be spam." in page for page in get_many(base + POST))


def test_one_readers_comment_limit_holds_across_processes(seeded_environment, tmp_path):
    """Two servers, one process each, on one database: comments sent to each in turn share one count."""
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    with serving(seeded_environment, first_log, "--workers", "1") as first, \
            serving(seeded_environment, second_log, "--workers", "1") as second:

        def comment(base, number):
            data = urllib.parse.urlencode({
                "author_name": "Ann", "author_email": "", "body": f"Comment number {number}.", "website": "",
            }).encode()
            request = urllib.request.Request(base + POST, data=data, method="POST")
            try:
                with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code

        statuses = [comment((first, second)[number % 2], number) for number in range(6)]
    assert statuses == [302, 302, 302, 429, 429, 429], statuses


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
