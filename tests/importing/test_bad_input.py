"""A bad listing is reported as PATH:LINE: message, and changes nothing at all."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.models import Post
from tests.conftest import BRIEFINGS_SEED, TECHNOLOGY_SEED

from .helpers import database_state

BAD_LISTINGS = {
    "empty": (b"", 1, "empty listing"),
    "blank": (b"\n\n  \n", 1, "empty listing"),
    "not-utf8": ("Title\n\nCaf\u00e9 society.\n".encode("latin-1"), 3, "not valid UTF-8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary"),
    "cut-off": (b"Category Archives: X\n\nA Title\n\nThe text stops here.\n", 3, "cut off"),
    "title-only": (b"A Title\n", 1, "cut off"),
    "source-without-date": (b"T\n\nText.\n\nSource: Kyodo News\nhttps://a.example/\n", 5, "without a date"),
    "source-without-url": (b"T\n\nText.\n\nSource: Kyodo News, May 1, 2024\n", 5, "no URL"),
    "impossible-date": (b"T\n\nText.\n\nSource: Xinhua, February 30, 2024\nhttps://a.example/\n", 5,
                        "impossible date"),
    "comment-line-alone": (b"T\n\nText.\n\n1 Comment\n", 5, "Filed under"),
    "two-headings": (b"Category Archives: A\n\nBriefings - 2. page\n\nT\n\nText.\n\nLeave a comment\n\n"
                     b"Filed under A\n", 3, "second heading"),
    "title-too-long": (b"T" * 400 + b"\n\nText.\n\nLeave a comment\n\nFiled under A\n", 1, "longer than 300"),
    "10mb-single-line": (b"x" * 10_000_000, 1, "cut off"),
    "control-character": (b"T\n\nText\x07.\n\nLeave a comment\n\nFiled under A\n", 3, "control character U+0007"),
    "sources-header-alone": (b"T\n\nText.\n\nSources:\n", 5, "no sources"),
    "sources-misnumbered": (b"T\n\nText.\n\nSources:\n2. X, May 1, 2024\nhttps://a.example/\n", 6, "number 1"),
}


def run_load(*paths):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("load_seeds", *map(str, paths), stdout=out, stderr=err)
    assert caught.value.returncode == 1
    return err.getvalue()


@pytest.mark.parametrize("name", BAD_LISTINGS)
def test_bad_listing_is_reported_and_changes_nothing(seeded, listing_dir, name):
    data, line, words = BAD_LISTINGS[name]
    bad = listing_dir / f"{name}.txt"
    bad.write_bytes(data)
    # A valid, new listing alongside: it must not be imported either.
    shutil.copy(TECHNOLOGY_SEED, listing_dir / "001_new.txt")
    (listing_dir / "001_new.txt").write_text(
        TECHNOLOGY_SEED.read_text().replace("China Steals A March", "A New Post About"), "utf-8"
    )
    before = database_state()
    errors = run_load(listing_dir).splitlines()
    assert errors[0].startswith(f"{bad}:{line}: ")
    assert words in errors[0]
    assert len(errors[0]) < 500  # even for a 10 MB line
    assert database_state() == before


def test_every_problem_in_every_file_is_listed(db, listing_dir):
    for name in ("cut-off", "binary", "impossible-date"):
        (listing_dir / f"{name}.txt").write_bytes(BAD_LISTINGS[name][0])
    shutil.copy(BRIEFINGS_SEED, listing_dir)
    errors = run_load(listing_dir).splitlines()
    assert [error.split(":")[0] for error in errors] == [
        str(listing_dir / "binary.txt"),
        str(listing_dir / "cut-off.txt"),
        str(listing_dir / "impossible-date.txt"),
    ]
    assert Post.objects.count() == 0


def test_missing_path_and_empty_folder(db, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    errors = run_load(tmp_path / "missing.txt", empty).splitlines()
    assert errors == [
        f"{tmp_path / 'missing.txt'}:0: no such file or folder",
        f"{empty}:0: no listing (*.txt) or WordPress export (*.xml) files here",
    ]


def test_command_line_exit_codes_and_output(tmp_path):
    """The real command, as an importer runs it, against its own SQLite file."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
           "DJANGO_SECRET_KEY": "cli-test", "DJANGO_DEBUG": ""}
    root = Path(__file__).resolve().parents[2]

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=120)

    assert manage("migrate", "-v0").returncode == 0
    first = manage("load_seeds")
    assert first.returncode == 0, first.stderr
    assert "Posts: 18 created" in first.stdout
    bad = tmp_path / "bad.txt"
    bad.write_text("A Title\n\nBody.\n\nLeave a comment\n", "utf-8")
    failed = manage("load_seeds", str(bad))
    assert failed.returncode == 1
    assert f"{bad}:5: comment line “Leave a comment”" in failed.stderr
    again = manage("load_seeds")
    assert "Posts: 0 created, 0 updated, 18 unchanged, 0 kept" in again.stdout
