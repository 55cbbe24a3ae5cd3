"""Load and fault drills: gunicorn on PostgreSQL under wrk, steady and through a database restart.

    python bench/load.py [--posts 5000] [--seconds 60] [--connections 32] [--drill steady,restart]

Loads a synthetic archive (bench/generate.py) into a fresh PostgreSQL database,
serves it with gunicorn (2 workers, page cache off so that every request
reaches the database) and drives it from this machine with wrk over a mix of
every page type: archive pages, categories, posts, source pages, searches,
feeds, the sitemap and missing pages.

steady   --seconds at --connections: counts every status and socket error and
         samples the memory of gunicorn's processes each second. Passes with
         no error, no 5xx and memory flat (the last ten seconds within 5 % of
         the ten seconds after warm-up).
restart  30 s at --connections; PostgreSQL is stopped 10 s in and started
         again 5 s later. Passes when every answer is a 200 (or the mix's
         404), or during the outage the clean 503 page, never anything else,
         no connection is dropped, and the site serves normally again within
         5 s of the database's return, without gunicorn being restarted.

Writes bench/LOAD.md. Needs PostgreSQL on 127.0.0.1 (stopped and started with
pg_ctlcluster, so run it as root on a machine of its own) and Debian's wrk.
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from run import PG_SERVER, PYTHON, ROOT, env, fresh_database, run, wait_for

PG_URL = f"{PG_SERVER}/briefings_load"
PORT = 8012
BASE = f"http://127.0.0.1:{PORT}"
OUTAGE_AT, OUTAGE_SECONDS, RESTART_RUN_SECONDS = 10, 5, 30
RECOVERY_BUDGET = 5

URLS = """
import json, random
from django.conf import settings
from archive.models import Category, Outlet, Post
random.seed(1)
posts = list(Post.objects.order_by("rank").values_list("slug", flat=True))
pages = (len(posts) - 1) // settings.POSTS_PER_PAGE + 1
urls = ["/", "/feed/", "/feed/atom/", "/sitemap.xml", "/post/no-such-post/", "/search/?q=government",
        "/search/?q=lithium+battery", "/search/?q=%22supply+chain%22"]
urls += [f"/page/{random.randint(2, pages)}/" for _ in range(40)]
urls += [f"/post/{slug}/" for slug in random.sample(posts, 200)]
for category in Category.objects.all():
    urls += [category.get_absolute_url(), category.get_absolute_url() + "page/2/", category.get_absolute_url() + "feed/"]
urls += [outlet.get_absolute_url() for outlet in Outlet.objects.order_by("slug")[:40]]
random.shuffle(urls)
print(json.dumps(urls))
"""

# wrk runs this in each of its threads: walk the mix, count statuses per second.
LUA = """
local paths = {%(paths)s}
local next_path = 0
counts = {}
function setup(thread) table.insert(threads, thread) end
threads = {}
function init(args) next_path = math.random(#paths) end
function request()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end
function response(status, headers, body)
  local key = os.time() .. ":" .. status
  counts[key] = (counts[key] or 0) + 1
end
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts")) do merged[key] = (merged[key] or 0) + n end
  end
  io.write("COUNTS")
  for key, n in pairs(merged) do io.write(" ", key, "=", n) end
  io.write("\\n")
  local e = summary.errors
  io.write(string.format("ERRORS connect=%%d read=%%d write=%%d timeout=%%d status=%%d\\n",
    e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("LATENCY p50=%%.1f p99=%%.1f max=%%.1f\\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def prepare(posts, data, workdir):
    fresh_database("postgresql", workdir, name="briefings_load")
    if not any(data.glob("*.txt")):
        run([PYTHON, "bench/generate.py", str(data), "--posts", str(posts)], os.environ)
    environment = env(PG_URL)
    run([PYTHON, "manage.py", "migrate", "-v0"], environment)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], environment)
    run([PYTHON, "manage.py", "load_seeds", str(data)], environment)
    return json.loads(run([PYTHON, "manage.py", "shell", "-c", URLS], environment).stdout.strip().splitlines()[-1])


def rss_mb(pid):
    """Resident memory of gunicorn's master and workers together."""
    total = 0
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    for process in [str(pid), *children]:
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])
    return round(total / 1024, 1)


def wrk(urls, seconds, connections, workdir):
    script = workdir / "mix.lua"
    script.write_text(LUA % {"paths": ", ".join(json.dumps(url) for url in urls)})
    return subprocess.Popen(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), BASE],
        stdout=subprocess.PIPE, text=True,
    )


def read_wrk(process):
    output = process.communicate()[0]
    counts = {}
    for item in re.search(r"^COUNTS(.*)$", output, re.M)[1].split():
        key, n = item.split("=")
        second, status = key.split(":")
        counts.setdefault(int(second), {})[int(status)] = int(n)
    errors = dict(item.split("=") for item in re.search(r"^ERRORS (.*)$", output, re.M)[1].split())
    latency = dict(item.split("=") for item in re.search(r"^LATENCY (.*)$", output, re.M)[1].split())
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    # wrk's own "status" count is every answer outside 2xx/3xx, the mix's 404s included:
    # statuses are judged from the counts above instead.
    errors.pop("status")
    return counts, {k: int(v) for k, v in errors.items()}, latency, rate


def serve():
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "briefings.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}",
         "--access-logfile", "/dev/null", "--error-logfile", "/dev/null"],
        cwd=ROOT, env=env(PG_URL), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    wait_for(BASE + "/")
    return server


def sample_memory(pid, stop, samples):
    while not stop.wait(1):
        samples.append(rss_mb(pid))


def statuses(counts):
    total = {}
    for per_second in counts.values():
        for status, n in per_second.items():
            total[status] = total.get(status, 0) + n
    return dict(sorted(total.items()))


def steady(urls, seconds, connections, workdir):
    server = serve()
    samples, stop = [], threading.Event()
    sampler = threading.Thread(target=sample_memory, args=(server.pid, stop, samples))
    try:
        sampler.start()
        counts, errors, latency, rate = read_wrk(wrk(urls, seconds, connections, workdir))
    finally:
        stop.set()
        sampler.join()
        server.terminate()
        server.wait(timeout=30)
    by_status = statuses(counts)
    warm, last = samples[10:20], samples[-10:]
    growth = round(100 * (sum(last) / len(last) - sum(warm) / len(warm)) / (sum(warm) / len(warm)), 1)
    bad = {status: n for status, n in by_status.items() if status not in (200, 404)}
    passed = not bad and not any(errors.values()) and abs(growth) <= 5
    lines = [
        f"{seconds} s, {connections} connections, {len(urls)} URLs in the mix: "
        f"{sum(by_status.values())} requests, {rate:.0f} req/s; latency p50 {latency['p50']} ms, "
        f"p99 {latency['p99']} ms, max {latency['max']} ms.",
        f"Statuses: {by_status}. Socket errors: {errors}.",
        f"gunicorn memory (MB, master + 2 workers): {samples[10]} at 10 s, {samples[-1]} at the end, "
        f"max {max(samples)}; last 10 s vs 10-20 s: {growth:+} %.",
        "PASS" if passed else "FAIL",
    ]
    return passed, lines


def cluster(action):
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action, *(["-m", "fast"] if action == "stop" else [])],
                   check=True)


def restart(urls, connections, workdir):
    server = serve()
    outage_page = {}
    try:
        started = int(time.time())
        load = wrk(urls, RESTART_RUN_SECONDS, connections, workdir)
        time.sleep(OUTAGE_AT)
        cluster("stop")
        stopped = time.time()
        time.sleep(1)
        try:
            urllib.request.urlopen(BASE + "/", timeout=10)
        except urllib.error.HTTPError as error:
            outage_page = {"status": error.code, "retry_after": error.headers.get("Retry-After"),
                           "clean": "<h1>The archive is briefly unavailable</h1>" in error.read().decode()}
        time.sleep(max(0, OUTAGE_SECONDS - (time.time() - stopped)))
        starting = time.time()
        cluster("start")  # returns a moment after PostgreSQL accepts connections
        returned = time.time()
        counts, errors, latency, rate = read_wrk(load)
    finally:
        server.terminate()
        server.wait(timeout=30)
    timeline = []
    for second in sorted(counts):
        timeline.append(f"{second - started:>3} s: " + ", ".join(f"{s}×{n}" for s, n in sorted(counts[second].items())))
    by_status = statuses(counts)
    unexpected = {status: n for status, n in by_status.items() if status not in (200, 404, 503)}
    after = [second for second in sorted(counts) if second >= int(starting)]
    recovered = next((second for second in after if set(counts[second]) <= {200, 404}
                      and all(set(counts[later]) <= {200, 404} for later in after if later >= second)), None)
    # Whole seconds, from the second in which PostgreSQL was started to the first with only good answers.
    recovery = None if recovered is None else recovered - int(starting)
    first_200 = next((second for second in after if 200 in counts[second]), None)
    passed = (not unexpected and not any(errors.values()) and by_status.get(503, 0) > 0
              and outage_page.get("clean") and recovery is not None and recovery <= RECOVERY_BUDGET)
    lines = [
        f"{RESTART_RUN_SECONDS} s at {connections} connections; PostgreSQL stopped at {OUTAGE_AT} s, "
        f"started again {OUTAGE_SECONDS} s later.",
        f"Statuses: {by_status}. Socket errors: {errors}.",
        f"A page during the outage: {outage_page}.",
        f"PostgreSQL was started at {starting - started:.1f} s (pg_ctlcluster returned at "
        f"{returned - started:.1f} s). The first 200 after the outage came in second "
        f"{None if first_200 is None else first_200 - started}, and every answer was a 200 (or the mix's 404) "
        f"from second {None if recovered is None else recovered - started} on: {recovery} s after the start "
        f"(budget {RECOVERY_BUDGET} s), gunicorn never restarted.",
        "Per second (status×count):", "", "```", *timeline, "```", "",
        "PASS" if passed else "FAIL",
    ]
    return passed, lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--drill", default="steady,restart")
    parser.add_argument("--data", help="folder for the generated listings (kept between runs)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="briefings-load-"))
    data = Path(args.data) if args.data else workdir / "listings"
    data.mkdir(parents=True, exist_ok=True)
    print(f"loading {args.posts} posts into PostgreSQL …", flush=True)
    urls = prepare(args.posts, data, workdir)
    sections, verdicts = [], []
    for drill in args.drill.split(","):
        print(f"{drill} …", flush=True)
        passed, lines = steady(urls, args.seconds, args.connections, workdir) if drill == "steady" \
            else restart(urls, args.connections, workdir)
        verdicts.append(passed)
        sections.append(f"## {drill}\n\n" + "\n".join(lines))
        print("\n".join(lines), flush=True)
    machine = f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    command = "python bench/load.py " + " ".join(sys.argv[1:])
    (ROOT / "bench" / "LOAD.md").write_text(
        f"# Load and fault drills\n\nMeasured {datetime.date.today()} on {machine}, with {args.posts} posts "
        f"on PostgreSQL, gunicorn with 2 workers and the page cache off, by `{command}`.\n\n"
        + "\n\n".join(sections) + "\n"
    )
    raise SystemExit(0 if all(verdicts) else 1)


if __name__ == "__main__":
    main()
