"""A flood of wrong passwords must not starve readers: GET / idle, then under 8 parallel guessers.

    python bench/login_flood.py [--seconds 20]

Serves a fresh SQLite archive (the seeds) with gunicorn (2 workers, production
settings, no Redis) and times GET / one request after another: first with the
server idle, then while 8 clients post wrong passwords to the admin's sign-in
form as fast as they are answered (each with its own session and CSRF token,
names from a list, from one address). Writes bench/LOGIN.md with the medians,
their ratio (budget: at most 3) and what the guessers got back.
"""

import argparse
import concurrent.futures
import datetime
import http.cookiejar
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUESSERS = 8
BUDGET_RATIO = 3


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed_get(url):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def median_of(url, requests):
    return statistics.median(timed_get(url) for _ in range(requests))


def guess(base, stop, answers, lock):
    """Post wrong passwords until ``stop`` is set; count the statuses."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    number = 0
    while not stop.is_set():
        number += 1
        try:
            page = opener.open(base + "/admin/login/", timeout=30).read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            data = urllib.parse.urlencode({
                "csrfmiddlewaretoken": token, "username": f"editor{number % 20}", "password": f"guess {number}",
                "next": "/admin/",
            }).encode()
            request = urllib.request.Request(base + "/admin/login/", data=data, headers={"Referer": base + "/admin/login/"})
            status = opener.open(request, timeout=30).status
        except urllib.error.HTTPError as error:
            status = error.code
        with lock:
            answers[status] = answers.get(status, 0) + 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20, help="how long the guessers run")
    parser.add_argument("--requests", type=int, default=300, help="GET / timed, idle and under the flood")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="briefings-login-"))
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_", "BRIEFINGS_"))},
        "DATABASE_URL": f"sqlite:///{workdir / 'archive.sqlite3'}", "DJANGO_SECRET_KEY": "benchmark-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SETTINGS_MODULE": "briefings.settings",
    }
    manage("migrate", "--noinput", env=environment)
    manage("collectstatic", "--noinput", env=environment)
    manage("load_seeds", env=environment)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "briefings.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "--error-logfile", "/dev/null"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                timed_get(base + "/")
                break
            except OSError:
                time.sleep(0.2)
        idle = median_of(base + "/", args.requests)
        stop, lock, answers = threading.Event(), threading.Lock(), {}
        with concurrent.futures.ThreadPoolExecutor(GUESSERS) as pool:
            for _ in range(GUESSERS):
                pool.submit(guess, base, stop, answers, lock)
            time.sleep(2)  # the flood under way
            started = time.monotonic()
            flooded = median_of(base + "/", args.requests)
            while time.monotonic() - started < args.seconds:
                time.sleep(0.5)
            stop.set()
    finally:
        server.terminate()
        server.wait(timeout=30)
    ratio = flooded / idle
    machine = f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    command = "python bench/login_flood.py " + " ".join(sys.argv[1:])
    table = "\n".join([
        "| measurement | value | budget |",
        "| --- | --- | --- |",
        f"| GET /, idle: median ms ({args.requests} requests) | {idle:.2f} | |",
        f"| GET /, under {GUESSERS} parallel wrong-password clients: median ms | {flooded:.2f} | |",
        f"| ratio | {ratio:.2f} | ≤ {BUDGET_RATIO} |",
        f"| sign-in attempts answered: by status | {', '.join(f'{status}: {count}' for status, count in sorted(answers.items()))} | |",
    ])
    (ROOT / "bench" / "LOGIN.md").write_text(
        f"# A flood of wrong passwords\n\nMeasured {datetime.date.today()} on {machine}, by `{command}`: "
        f"gunicorn with 2 workers, production settings, SQLite, no Redis; 200 is the form shown again "
        f"with its error (a password checked), 429 a locked-out attempt (no password checked).\n\n{table}\n"
    )
    print(table)


if __name__ == "__main__":
    main()
