"""The WordPress import's benchmark: a synthetic export into SQLite and PostgreSQL.

    python bench/wordpress.py [--posts 100000] [--data /tmp/wxr100k.xml] [--databases sqlite,postgresql]

Generates an export (bench/generate_wxr.py: 60 categories, 3 000 tags, about
three comments a post), imports it with `load_seeds` into a fresh database of
each kind (time, peak memory, the CPU time of the command and of PostgreSQL's
server), times the pages of dated posts and tags on the imported archive
(bench/server_times.py --dated: date archives, the date index, tag pages and
feeds, page cache off), then times the database alone writing the same rows
into an empty archive (bench/writes_alone.py), the floor no import can beat.
Writes the table to bench/WORDPRESS.md.
"""

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import PYTHON, ROOT, drop_database, env, fresh_database, run, timed_load, writes_alone  # noqa: E402

BUDGET_POSTS_PER_S, BUDGET_PEAK_MB = 1000, 300
# Each page type is timed this many times (issue budget for date, tag and redirect pages: median ≤ 10 ms).
PAGE_REQUESTS, BUDGET_PAGE_MS = 100, 10


def measure(kind, export, posts, workdir):
    database_url = fresh_database(kind, workdir, "briefings_wxr")
    try:
        run([PYTHON, "manage.py", "migrate", "-v0"], env(database_url))
        measured = timed_load(database_url, export, posts)
        pages = json.loads(run([PYTHON, "bench/server_times.py", "--dated", str(PAGE_REQUESTS)], env(database_url)).stdout)
        floor = writes_alone(database_url, workdir)
        return {
            **measured, "pages": pages, "writes_alone": floor,
            "of_floor": round(100 * floor["seconds"] / measured["seconds"]),
        }
    finally:
        drop_database(database_url)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--data", help="the export to write (kept between runs)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="briefings-wxr-"))
    export = Path(args.data) if args.data else workdir / "export.xml"
    if not export.exists():
        print(f"generating {args.posts} posts in {export} …", flush=True)
        run([PYTHON, "bench/generate_wxr.py", str(export), "--posts", str(args.posts)], os.environ)
    results = {}
    for kind in args.databases.split(","):
        print(f"{kind}: importing …", flush=True)
        results[kind] = measure(kind, export, args.posts, workdir)
    kinds = list(results)
    rows = [
        ("import, posts/s (with their comments)", lambda r: str(r["posts_per_s"]), f"≥ {BUDGET_POSTS_PER_S} (SQLite)"),
        ("import, seconds", lambda r: str(r["seconds"]), ""),
        ("import, peak memory (MB)", lambda r: str(r["peak_mb"]), f"< {BUDGET_PEAK_MB}"),
        ("import, CPU seconds: command / database server",
         lambda r: f"{r['cpu_python_s']} / {r['cpu_server_s'] or 'in process'}", ""),
        ("the database alone writing the same rows: seconds", lambda r: str(r["writes_alone"]["seconds"]), ""),
        ("import's speed as a share of the database alone's", lambda r: f"{r['of_floor']} %", ""),
    ]
    for page in results[kinds[0]]["pages"]:
        rows.append((
            f"{page}: median / p95 ms",
            lambda r, page=page: f"{r['pages'][page]['median_ms']} / {r['pages'][page]['p95_ms']}",
            f"median ≤ {BUDGET_PAGE_MS} ms",
        ))
    lines = ["| measurement | " + " | ".join(kinds) + " | budget |", "| --- |" + " --- |" * (len(kinds) + 1)]
    lines += [f"| {name} | " + " | ".join(value(results[kind]) for kind in kinds) + f" | {budget} |"
              for name, value, budget in rows]
    table = "\n".join(lines)
    summary = "\n".join(results[kinds[0]]["summary"])
    machine = f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    command = "python bench/wordpress.py " + " ".join(sys.argv[1:])
    (ROOT / "bench" / "WORDPRESS.md").write_text(
        f"# Importing a WordPress export\n\nMeasured {datetime.date.today()} on {machine}, with {args.posts} posts, "
        f"by `{command}`.\n\n{table}\n\nWhat the import said ({kinds[0]}):\n\n```\n{summary}\n```\n"
    )
    print(table)


if __name__ == "__main__":
    main()
