"""Two versions of the code in one run: server time per page type, each version on its own copy of one archive.

    python bench/compare.py BASE [--against HEAD] [--posts 20000] [--data DIR] [--requests 300]
                                 [--imports N] [--export EXPORT.xml]

The machines are noisy: figures of two runs, even an hour apart, cannot be set
side by side. This checks out BASE and the version to compare (``--against``; by
default the working tree as it is, uncommitted changes included) into a
temporary folder each, imports the same generated listings (bench/generate.py)
into a fresh SQLite file with each version's own code, then times the same pages
in both, request by request (a page from BASE, the same page from the other, in
turns of which goes first), each version served by a process of its own, so that
a slow moment of the machine falls on both alike. Each page is timed as
bench/server_times.py times it: one GET through Django's WSGI handler, page
cache off. Prints the median of ``--requests`` of each page in each version,
and their ratio (the other / BASE). With
``--imports N``, each version then imports the listings N times more, into a
fresh file each time, alternately: the import's seconds and their ratio. With
``--export``, both import that WordPress export instead (bench/generate_wxr.py)
and the pages timed are those of dated posts and tags (DATED_PAGES).
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import PYTHON, ROOT, env, run

PAGES = """
from archive.models import Category, Outlet, Post
from django.db.models import Count
total = Post.objects.count()
category = Category.objects.annotate(n=Count("posts")).order_by("-n").first()
outlet = Outlet.objects.annotate(n=Count("citations__post", distinct=True)).order_by("-n").first()
PAGES = {
    "archive page 1": "/",
    "archive, deep page": f"/page/{max(1, total // 20)}/",
    "category, first page": category.get_absolute_url(),
    "post": Post.objects.get(rank=total // 2).get_absolute_url(),
    "source page": outlet.get_absolute_url(),
    "RSS feed": "/feed/",
    "sitemap (posts)": "/sitemap-posts.xml",
    "sitemap (index)": "/sitemap.xml",
}
"""

# The pages of an imported WordPress blog: its busiest month, that month's year and its first day, the date
# index, its biggest tag.
DATED_PAGES = """
from archive.models import Month, Post, Tag
month = Month.objects.order_by("-post_count", "year", "month").first()
day = Post.objects.filter(published__year=month.year, published__month=month.month).order_by("rank")[0].published
PAGES = {
    "year page": f"/{month.year:04}/",
    "month page": f"/{month.year:04}/{month.month:02}/",
    "day page": f"/{month.year:04}/{month.month:02}/{day.day:02}/",
    "date index": "/dates/",
    "tag page": Tag.objects.order_by("-post_count").first().get_absolute_url(),
    "sitemap (index)": "/sitemap.xml",
}
"""

# Run in a version's folder, with its code first on the path: prints its PAGES as JSON, then answers each path
# read from stdin with the milliseconds of one GET of it through its WSGI handler, as bench/server_times.py's
# request() times it (which cannot be imported here: it puts this tree's code on the path).
WORKER = """
import io, json, os, sys, time
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefings.settings")
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
%s
handler = WSGIHandler()

def get(path):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
               "wsgi.errors": sys.stderr, "wsgi.version": (1, 0), "wsgi.multithread": False,
               "wsgi.multiprocess": False, "wsgi.run_once": False, "SERVER_PROTOCOL": "HTTP/1.1"}
    status = []
    start = time.perf_counter()
    b"".join(handler(environ, lambda s, headers, exc_info=None: status.append(s)))
    elapsed = time.perf_counter() - start
    if not status[0].startswith("200"):
        raise SystemExit(f"{path}: {status[0]}")
    return elapsed * 1000

print(json.dumps(PAGES), flush=True)
for line in sys.stdin:
    print(get(line.strip()), flush=True)
"""


class Worker:
    """A version's server: a process of its own in its folder, timing one GET of each path it is sent."""

    def __init__(self, folder, environment, script):
        self.process = subprocess.Popen([PYTHON, str(script)], cwd=folder, env=environment, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.pages = json.loads(self.process.stdout.readline())

    def time(self, path):
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise SystemExit(f"{path}: the server stopped (its error is above)")
        return float(answer)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def time_pages(workers, requests):
    """{page: {version: median ms}}: each page from each version in turn, ``requests`` times, after a warm-up."""
    pages = workers["base"].pages
    times = {page: {key: [] for key in workers} for page in pages}
    for number in range(5 + requests):
        for page, path in pages.items():
            turn = list(workers.items()) if number % 2 else list(workers.items())[::-1]
            for key, worker in turn:
                elapsed = worker.time(path)
                if number >= 5:
                    times[page][key].append(elapsed)
    return {page: {key: statistics.median(values) for key, values in by_version.items()}
            for page, by_version in times.items()}


def checkout(revision, folder):
    """The tree of ``revision`` (or of the working tree, for None) in ``folder``."""
    if revision is None:
        # What git tracks and what it would track, as the files are now.
        names = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT, check=True, capture_output=True,
        ).stdout
        command = ["tar", "-cf", "-", "--null", "-T", "-"]
    else:
        names, command = b"", ["git", "archive", revision]
    tree = subprocess.run(command, cwd=ROOT, input=names, check=True, capture_output=True).stdout
    folder.mkdir()
    subprocess.run(["tar", "-xf", "-"], cwd=folder, input=tree, check=True)
    return folder


def prepare(folder, data):
    """A fresh SQLite archive of ``data``, imported by the code in ``folder``; the environment to serve it."""
    environment = env(f"sqlite:///{folder / 'bench.sqlite3'}")
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        manage(folder, environment, command)
    time_import(folder, environment, data)
    return environment


def manage(folder, environment, command):
    subprocess.run([PYTHON, "manage.py", *command], cwd=folder, env=environment, check=True, capture_output=True)


def time_import(folder, environment, data):
    """Seconds that ``load_seeds`` of the code in ``folder`` takes to import ``data`` into its (empty) archive."""
    start = time.perf_counter()
    manage(folder, environment, ["load_seeds", str(data)])
    return time.perf_counter() - start


def import_rounds(versions, data, rounds):
    """Each version imports ``data`` into a fresh SQLite file of its own, alternately, ``rounds`` times."""
    seconds = {key: [] for key in versions}
    for number in range(rounds):
        for key, (folder, _) in versions.items():
            environment = env(f"sqlite:///{folder / f'import-{number}.sqlite3'}")
            manage(folder, environment, ["migrate", "-v0"])
            seconds[key].append(time_import(folder, environment, data))
            (folder / f"import-{number}.sqlite3").unlink()
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the version to compare against: a commit, a branch, a tag")
    parser.add_argument("--against", help="the other version (default: the working tree)")
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--data", help="folder for the generated listings (kept between runs)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--imports", type=int, default=0, help="also time this many imports of each, alternated")
    parser.add_argument("--export", help="a WordPress export to import instead (written if missing), and time "
                                         "the pages of dated posts and tags")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="briefings-compare-"))
    if args.export:
        data = Path(args.export)
        if not data.exists():
            run([PYTHON, "bench/generate_wxr.py", str(data), "--posts", str(args.posts)], env(""))
    else:
        data = Path(args.data) if args.data else work / "listings"
        if not (data.exists() and any(data.glob("*.txt"))):
            run([PYTHON, "bench/generate.py", str(data), "--posts", str(args.posts)], env(""))
    names = {"base": args.base, "other": args.against or "working tree"}
    versions = {}
    for key, revision in (("base", args.base), ("other", args.against)):
        folder = checkout(revision, work / key)
        versions[key] = (folder, prepare(folder, data))
    script = work / "worker.py"
    script.write_text(WORKER % (DATED_PAGES if args.export else PAGES))
    workers = {key: Worker(folder, environment, script) for key, (folder, environment) in versions.items()}
    try:
        medians = time_pages(workers, args.requests)
    finally:
        for worker in workers.values():
            worker.close()
    print(f"| page | {names['base']}: ms | {names['other']}: ms | ratio |")
    print("| --- | --- | --- | --- |")
    for page, by_version in medians.items():
        print(f"| {page} | {by_version['base']:.2f} | {by_version['other']:.2f} "
              f"| {by_version['other'] / by_version['base']:.2f} |")
    if args.imports:
        seconds = import_rounds(versions, data, args.imports)
        base, other = seconds["base"], seconds["other"]
        ratio = statistics.median(other) / statistics.median(base)
        print(f"| import into an empty archive, s | {' / '.join(f'{v:.1f}' for v in base)} "
              f"| {' / '.join(f'{v:.1f}' for v in other)} | {ratio:.2f} |")
    subprocess.run(["rm", "-rf", str(work)], check=False)


if __name__ == "__main__":
    sys.exit(main())
