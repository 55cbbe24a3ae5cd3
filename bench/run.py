"""The archive's benchmark: import, server time per page type, throughput under load.

    python bench/run.py [--posts 100000] [--databases sqlite,postgresql] [--requests 200]

Generates a synthetic archive (bench/generate.py) as listing files, loads it with
load_seeds into a fresh SQLite file and a fresh PostgreSQL database, times every
page type through the WSGI handler, then serves the site with gunicorn (2 workers)
and drives it with wrk from this machine, uncached and cached (in Redis, and in
the database as without REDIS_URL), next to a static
file served by whitenoise (the ceiling, measured again before each run of a
page; each page is run three times and its median ratio reported).
Prints one table and writes it to bench/RESULTS.md. Needs PostgreSQL and Redis
on 127.0.0.1 and Debian's wrk.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_ADMIN = f"{PG_SERVER}/postgres"
PG_URL = f"{PG_SERVER}/briefings_bench"
REDIS_URL = "redis://127.0.0.1:6379/9"
PORT = 8011
WRK_SECONDS = 5
# Each page is driven this many times, each time right after the static file.
ALTERNATIONS = 3
# Issue budgets. PostgreSQL's import is held to a share of what the database alone
# takes to write the same rows (bench/writes_alone.py), measured in the same run.
BUDGETS = {
    "import_sqlite": 3000, "import_postgresql_of_floor": 85, "median_ms": 5, "search_p95_ms": 50,
    "uncached_of_ceiling": 10, "cached_of_ceiling": 70,
}


def env(database_url, **extra):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "benchmark-only",
        "DJANGO_DEBUG": "",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BRIEFINGS_PAGE_CACHE": "0",
        **extra,
    }


def run(args, environment, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=environment, check=True, text=True, capture_output=True, **kwargs)


def fresh_database(kind, workdir, name="briefings_bench"):
    if kind == "sqlite":
        path = workdir / f"{name}.sqlite3"
        for leftover in workdir.glob(f"{name}.sqlite3*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    for statement in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", PG_ADMIN, "-qc", statement], check=True, capture_output=True)
    return f"{PG_SERVER}/{name}"


def server_cpu_seconds():
    """CPU time used so far by the PostgreSQL server, its exited backends included."""
    processes = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # gone meanwhile
        name, fields = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        if name.startswith("postgres"):
            ppid, own, children = fields[1], int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])
            processes[stat.parent.name] = (ppid, own, children)
    # A backend's time moves to the postmaster (the process whose parent is not
    # PostgreSQL's) when it exits, as the time of its children.
    ticks = sum(own + (children if ppid not in processes else 0) for ppid, own, children in processes.values())
    return ticks / os.sysconf("SC_CLK_TCK")


def drop_database(database_url):
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()
        return
    name = database_url.rsplit("/", 1)[1]
    statement = f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    subprocess.run(["psql", PG_ADMIN, "-qc", statement], check=True, capture_output=True)


def writes_alone(database_url, workdir):
    """The database's own copy of the imported rows into an empty archive (bench/writes_alone.py)."""
    kind = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    target = fresh_database(kind, workdir, "briefings_bench_copy")
    try:
        run([PYTHON, "manage.py", "migrate", "-v0"], env(target))
        output = run([PYTHON, "bench/writes_alone.py", target], env(database_url)).stdout
    finally:
        drop_database(target)
    return json.loads(output.strip().splitlines()[-1])


def timed_load(database_url, path, posts):
    """``load_seeds PATH`` into the database, timed: seconds, posts/s, peak memory, CPU, and what it said."""
    environment = env(database_url)
    server_before = server_cpu_seconds()
    started = time.perf_counter()
    result = run(["/usr/bin/time", "-f", "%M %U %S", PYTHON, "manage.py", "load_seeds", str(path)], environment)
    elapsed = time.perf_counter() - started
    time.sleep(1)  # the import's backend exits just after the command, and is counted once it has
    server = server_cpu_seconds() - server_before if database_url.startswith("postgres") else 0
    if f"Posts: {posts} created" not in result.stdout:
        raise SystemExit(result.stdout + result.stderr)
    peak_kib, user, system = result.stderr.strip().splitlines()[-1].split()
    return {
        "seconds": round(elapsed, 1), "posts_per_s": round(posts / elapsed), "peak_mb": round(int(peak_kib) / 1024),
        "cpu_python_s": round(float(user) + float(system), 1), "cpu_server_s": round(server, 1),
        "summary": result.stdout.strip().splitlines(),
    }


def measure_import(database_url, data, posts, workdir):
    environment = env(database_url)
    run([PYTHON, "manage.py", "migrate", "-v0"], environment)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], environment)
    measured = timed_load(database_url, data, posts)
    index = json.loads(run([PYTHON, "bench/search_index.py"], environment).stdout.strip().splitlines()[-1])
    return {**measured, "search_index_alone": index, "writes_alone": writes_alone(database_url, workdir)}


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def wrk(url):
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{WRK_SECONDS}s", "--timeout", "10s", url],
        check=True, capture_output=True, text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": round(rate), "non_2xx": int(errors[1]) if errors else 0}


def measure_load(database_url, server_times):
    """Requests/s through gunicorn (2 workers) for three page types, uncached and cached.

    Each page is driven right after the static file, from the same server: its
    ratio is to the ceiling of that moment, so that a slow minute of a shared
    machine lowers both alike. Three such pairs per page; the median one is
    reported, and every run is kept in the raw figures.
    """
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    static = "/static/" + manifest["paths"]["css/site.css"]
    pages = {
        "archive page 1": "/",
        "deep category page": next(v["path"] for k, v in server_times.items() if k.startswith("category, last")),
        "post": server_times["post"]["path"],
    }
    results, ceilings = {}, []
    # Uncached; cached in Redis; cached in the database (the page cache without REDIS_URL).
    modes = {"uncached": ("0", REDIS_URL), "cached": ("1", REDIS_URL), "cached in the database": ("1", "")}
    for mode, (page_cache, redis_url) in modes.items():
        extra = {"BRIEFINGS_PAGE_CACHE": page_cache, "REDIS_URL": redis_url}
        subprocess.run(["redis-cli", "-n", "9", "flushdb"], check=True, capture_output=True)
        server = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "briefings.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}",
             "--access-logfile", "/dev/null", "--error-logfile", "/dev/null"],
            cwd=ROOT, env=env(database_url, **extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{PORT}"
            wait_for(base + "/")
            for name, path in pages.items():
                urllib.request.urlopen(base + path).read()  # fill the cache
                pairs = []
                for _ in range(ALTERNATIONS):
                    ceiling, result = wrk(base + static), wrk(base + path)
                    result["ceiling_rps"] = ceiling["rps"]
                    result["of_ceiling"] = round(100 * result["rps"] / ceiling["rps"])
                    pairs.append(result)
                    ceilings.append(ceiling["rps"])
                # The median of the alternations: one slow moment of a shared machine moves no figure.
                median = sorted(pairs, key=lambda pair: pair["rps"] / pair["ceiling_rps"])[len(pairs) // 2]
                results[f"{name}, {mode}"] = {**median, "runs": pairs}
        finally:
            server.terminate()
            server.wait(timeout=30)
    ceiling = {"rps": statistics.median_low(ceilings), "range": [min(ceilings), max(ceilings)]}
    return {"static file (ceiling), median of its runs": ceiling, **results}


def table(report):
    lines = ["| measurement | " + " | ".join(report["databases"]) + " | budget |", "| --- |" + " --- |" * (len(report["databases"]) + 1)]

    def row(name, values, budget=""):
        lines.append(f"| {name} | " + " | ".join(values) + f" | {budget} |")

    dbs = report["databases"]
    row("import, posts/s", [str(report[db]["import"]["posts_per_s"]) for db in dbs], "≥ 3 000 (SQLite)")
    row("import, % of the database-alone rate (below)", [
        f"{100 * report[db]['import']['posts_per_s'] / report[db]['import']['writes_alone']['posts_per_s']:.0f} %"
        for db in dbs
    ], f"≥ {BUDGETS['import_postgresql_of_floor']} % (PostgreSQL)")
    row("import, seconds for all posts", [str(report[db]["import"]["seconds"]) for db in dbs])
    row("import, peak memory (MB)", [str(report[db]["import"]["peak_mb"]) for db in dbs], "< 500")
    row("import, CPU seconds: Python processes / database server", [
        f"{report[db]['import']['cpu_python_s']} / {report[db]['import']['cpu_server_s'] or 'in process'}" for db in dbs
    ], "CPU seconds {} cores have at SQLite's budget rate: {:.0f}".format(
        os.cpu_count(), os.cpu_count() * report["posts"] / BUDGETS["import_sqlite"],
    ))
    row("search index alone, from the imported posts: seconds (posts/s)", [
        f"{report[db]['import']['search_index_alone']['seconds']} ({report[db]['import']['search_index_alone']['posts_per_s']})"
        for db in dbs
    ])
    row("the database alone writing the imported rows into an empty archive: seconds (posts/s)", [
        f"{report[db]['import']['writes_alone']['seconds']} ({report[db]['import']['writes_alone']['posts_per_s']})"
        for db in dbs
    ], "no import can be faster: see bench/writes_alone.py")
    for name in report[dbs[0]]["server"]:
        budget = (
            f"p95 ≤ {BUDGETS['search_p95_ms']} ms" if name.startswith("search") else f"median ≤ {BUDGETS['median_ms']} ms"
        )
        row(f"{name}: median / p95 ms", [
            f"{report[db]['server'][name]['median_ms']} / {report[db]['server'][name]['p95_ms']}" for db in dbs
        ], budget)
    for name in report[dbs[0]].get("load", {}):
        loads = [report[db]["load"][name] for db in dbs]
        if "ceiling" in name:
            row(f"gunicorn: {name}, req/s (lowest–highest)", [
                f"{load['rps']} ({load['range'][0]}–{load['range'][1]})" for load in loads
            ])
            continue
        share = BUDGETS["uncached_of_ceiling" if "uncached" in name else "cached_of_ceiling"]
        budget = "" if "database" in name else f"≥ {share} % of ceiling"
        row(f"gunicorn: {name}, req/s (% of the ceiling just before; median of {ALTERNATIONS})", [
            f"{load['rps']} ({load['of_ceiling']} %)" for load in loads
        ], budget)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--data", help="folder for the generated listings (kept between runs)")
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn and wrk part")
    args = parser.parse_args()
    if not args.no_load and not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    data = Path(args.data) if args.data else workdir / "listings"
    if not (data.exists() and any(data.glob("*.txt"))):
        print(f"generating {args.posts} posts in {data} …", flush=True)
        run([PYTHON, "bench/generate.py", str(data), "--posts", str(args.posts)], os.environ)
    report = {"databases": args.databases.split(","), "posts": args.posts}
    for kind in report["databases"]:
        database_url = fresh_database(kind, workdir)
        print(f"{kind}: importing …", flush=True)
        report[kind] = {"import": measure_import(database_url, data, args.posts, workdir)}
        print(f"{kind}: timing requests …", flush=True)
        output = run([PYTHON, "bench/server_times.py", str(args.requests)], env(database_url)).stdout
        report[kind]["server"] = json.loads(output.strip().splitlines()[-1])
        if not args.no_load:
            print(f"{kind}: gunicorn and wrk …", flush=True)
            report[kind]["load"] = measure_load(database_url, report[kind]["server"])
    text = table(report)
    print(text)
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    machine = f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    (ROOT / "bench" / "RESULTS.md").write_text(
        f"# Benchmark results\n\nMeasured {datetime.date.today()} on {machine}, "
        f"with {args.posts} posts, by `{command}`.\n\n{text}\n\n"
        f"Raw figures:\n\n```json\n{json.dumps(report, indent=1)}\n```\n"
    )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
