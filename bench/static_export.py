"""The static export's benchmark: pages written a second, and peak memory, on an archive already loaded.

    DATABASE_URL=<an imported archive> python bench/static_export.py [--processes 1,2] [--search-part-size N]

Runs ``export_static`` into a fresh folder once for each number of processes
(page cache off, as an export always runs), then once more into the last
folder, when nothing has changed (only comparisons, no writes). Prints one
JSON line: for each run, the pages and files written, the seconds, pages a
second and the peak memory of the command (its worker processes' own peaks
are not included). Writes nothing into the repository.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(folder, processes, part_size):
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "manage.py", "export_static", str(folder),
         "--base-url", "https://archive.example", "--processes", str(processes),
         "--search-part-size", str(part_size)],
        cwd=ROOT, env=os.environ, check=True, text=True, capture_output=True,
    )
    seconds = time.perf_counter() - started
    pages = sum(1 for path in folder.rglob("index.html") if not path.is_relative_to(folder / "pagefind"))
    return {
        "processes": processes, "search_part_size": part_size, "pages": pages, "said": result.stdout.strip(),
        "seconds": round(seconds, 1),
        "pages_per_s": round(pages / seconds), "peak_mb": round(int(result.stderr.strip().splitlines()[-1]) / 1024),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", default="1,2")
    parser.add_argument("--search-part-size", type=int, default=5_000, help="as export_static's")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="briefings-export-") as scratch:
        for processes in map(int, args.processes.split(",")):
            folder = Path(scratch) / f"site-{processes}"
            runs.append(export(folder, processes, args.search_part_size))
        runs.append({**export(folder, processes, args.search_part_size), "again": True})
    print(json.dumps(runs))


if __name__ == "__main__":
    main()
