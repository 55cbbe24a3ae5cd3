"""SQLite: readers keep reading while an import writes, and never see "database is locked".

An import is one long transaction. With SQLite's default rollback journal the
writer locks readers out for much of it; in write-ahead-log mode (the archive's
settings) readers carry on from the last committed state. Each run below loads
2 000 generated posts into a file database that already holds the seeds, with a
separate process reading pages the whole time. The run without WAL shows that
the test sees the failure when it happens.
"""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from ..processes import ROOT, manage

POSTS = 2000

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite's own locking; runs in the SQLite pass"
)


def environment(database, **variant):
    names = {"journal": "BRIEFINGS_TEST_JOURNAL", "timeout": "BRIEFINGS_TEST_TIMEOUT"}
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("BRIEFINGS_TEST_")},
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "tests.operations.sqlite_journal",
        "PYTHONPATH": str(ROOT),
        **{names[key]: str(value) for key, value in variant.items()},
    }


@pytest.fixture(scope="module")
def listings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("listings")
    subprocess.run([sys.executable, "bench/generate.py", str(folder), "--posts", str(POSTS)], cwd=ROOT, check=True)
    return folder


def read_during_import(tmp_path, listings, reader_timeout=None, **variant):
    database = tmp_path / "archive.sqlite3"
    env = environment(database, **variant)
    reader_env = env if reader_timeout is None else {**env, "BRIEFINGS_TEST_TIMEOUT": str(reader_timeout)}
    for command in (["migrate", "-v0"], ["load_seeds", "-v0"]):
        manage(*command, env=env, check=True, timeout=120)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "tests/operations/sqlite_reader.py", str(stop)],
                              cwd=ROOT, env=reader_env, stdout=subprocess.PIPE, text=True)
    try:
        import_ = manage("load_seeds", str(listings), env=env)
    finally:
        stop.touch()
        output = reader.communicate(timeout=60)[0]
    assert import_.returncode == 0, import_.stdout + import_.stderr
    assert f"Posts: {POSTS} created" in import_.stdout
    return [json.loads(line) for line in output.splitlines()]


def test_readers_are_never_locked_out_by_an_import(tmp_path, listings):
    # The archive's settings, except that the reader gives up after 0.2 s instead of 20 s:
    # in WAL mode it never waits for the writer at all.
    reads = read_during_import(tmp_path, listings, reader_timeout=0.2)
    with sqlite3.connect(tmp_path / "archive.sqlite3") as database:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    failed = [read for read in reads if read["status"] != 200]
    assert failed == []
    assert len(reads) >= 20, "the reader hardly read anything while the import ran"


def test_without_write_ahead_logging_readers_are_locked_out(tmp_path, listings):
    # The importer keeps the archive's 20 s busy timeout; the reader gives up after 0.2 s.
    reads = read_during_import(tmp_path, listings, reader_timeout=0.2, journal="delete")
    locked = [read for read in reads if "database is locked" in read["error"]]
    assert locked, "the rollback journal should have locked readers out"
    # What reaches the reader is the clean 503 page, never a traceback.
    assert {read["status"] for read in locked} == {503}
