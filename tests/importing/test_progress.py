"""On a terminal, a long import shows a progress bar; in a pipe or a log it does not."""

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from tests.factories import write_listing

ROOT = Path(__file__).resolve().parents[2]


def on_a_terminal(command, env):
    """What ``command`` shows on a terminal 80 columns wide, once it has ended well."""
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(60) == 0
    return shown


def test_progress_bar_on_a_terminal_only(tmp_path):
    listing = write_listing(tmp_path / "a.txt", 1, 300)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_SECRET_KEY": "x",
           "DJANGO_DEBUG": ""}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    command = [sys.executable, "manage.py", "load_seeds", "--dry-run", str(listing)]
    shown = on_a_terminal(command, env)
    assert b"100%" in shown and b"300 posts]" in shown
    piped = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert "100%" not in piped.stdout + piped.stderr and "300 posts]" not in piped.stdout + piped.stderr
    assert "Posts: 300 created" in piped.stdout


def test_a_wordpress_export_shows_its_items_read_on_a_terminal(tmp_path):
    export = ROOT / "tests" / "wordpress" / "fixtures" / "classic.xml"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_SECRET_KEY": "x",
           "DJANGO_DEBUG": ""}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    command = [sys.executable, "manage.py", "load_seeds", "--dry-run", str(export)]
    shown = on_a_terminal(command, env)
    assert b"WordPress export: 14 items" in shown  # the export's 14 <item>s, whatever became of each
    piped = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert "WordPress export:" not in piped.stdout + piped.stderr
