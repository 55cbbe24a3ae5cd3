"""The newcomer's first command, `make serve`, as they run it: the seeds loaded, the site as readers see it."""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.contrib.auth.hashers import check_password

from tests.processes import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_make_serve_serves_the_seeds_with_the_sites_own_error_pages(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "BRIEFINGS_"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", BRIEFINGS_STATIC_ROOT=str(tmp_path / "static"),
               BRIEFINGS_MEDIA_ROOT=str(tmp_path / "media"))
    server = subprocess.Popen(["make", "serve", f"PORT={port}"], cwd=ROOT, env=env, start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                status, home = get(base + "/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None and time.monotonic() < deadline, "make serve did not start"
                time.sleep(0.5)
        assert status == 200 and "Category Archives" not in home and "Older posts" in home
        # A reader's mistyped address gets the site's own page, not Django's technical one.
        status, missing = get(base + "/no-such-page/")
        assert status == 404 and "<title>Page not found | Briefings</title>" in missing
        assert "Django" not in missing and "URLconf" not in missing
        stylesheet = missing.split('<link rel="stylesheet" href="')[1].split('"')[0]
        assert stylesheet.startswith("/static/css/site.") and get(base + stylesheet)[0] == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=30)


def test_make_account_makes_an_administrator_who_can_sign_in(tmp_path, settings):
    # The README's next step after the quick start; Django's own variables make it ask nothing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the site's (tests use MD5)
    database = tmp_path / "db.sqlite3"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "BRIEFINGS_"))}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_SUPERUSER_USERNAME="owner",
               DJANGO_SUPERUSER_EMAIL="owner@example.org", DJANGO_SUPERUSER_PASSWORD="a long pass phrase 42")
    subprocess.run(["make", "account"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=240)
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT username, is_superuser, is_staff, password FROM auth_user").fetchall()
    [(username, superuser, staff, password)] = rows
    assert (username, superuser, staff) == ("owner", 1, 1)
    # Kept hashed, never as typed; and the pass phrase signs in.
    assert "a long pass phrase 42" not in password and check_password("a long pass phrase 42", password)
