#!/usr/bin/env python3
"""Lighthouse scores for every type of page of a running archive, on mobile and desktop.

    scripts/lighthouse.py http://127.0.0.1:8000 [--form-factor mobile|desktop] [--page NAME] [--reports DIR]

Runs Lighthouse 12 (from node_modules: `npm ci`) in headless Chromium
(CHROME_PATH, default /usr/bin/chromium) once per page type and form factor,
prints one table of the performance, accessibility, best-practices and SEO
scores, lists every audit that cost a point, and exits with status 0 only if
every score is 100; 1 if any is lower, 2 if Lighthouse could not run. The page
types are those of tests/browser/pages.py. --reports keeps each run's full JSON
report (for the Lighthouse viewer).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.pages import PAGE_NAMES, PAGE_TYPES  # noqa: E402

RUNNER = ROOT / "scripts" / "lighthouse-runs.mjs"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Nothing leaves the machine: every host but this one fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="the archive's address, e.g. http://127.0.0.1:8000")
    parser.add_argument("--form-factor", choices=FORM_FACTORS, action="append", help="default: both")
    parser.add_argument("--page", choices=PAGE_NAMES, action="append", help="default: every page type")
    parser.add_argument("--reports", type=Path, help="keep each run's JSON report in this folder")
    return parser.parse_args(argv)


def missing_tools(chrome):
    problems = []
    if not shutil.which("node"):
        problems.append("node is not installed")
    if not LIGHTHOUSE.exists():
        problems.append("Lighthouse is not installed: run `npm ci` (or `make test`)")
    if not Path(chrome).exists():
        problems.append(f"Chromium not found at {chrome}: install it with `apt-get install -y chromium`")
    return problems


def score_of(category):
    return None if category.get("score") is None else round(category["score"] * 100)


def lost_points(report):
    """The audits that count towards a category's score and did not pass."""
    lost = []
    for key, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or ""
                lost.append(f"{key}: {ref['id']} ({audit['score']:.2f}) {audit['title']} {shown}".rstrip())
    return lost


def main(argv=None):
    args = parse_args(argv)
    base_url = args.base_url.rstrip("/")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    problems = missing_tools(chrome)
    if problems:
        for problem in problems:
            print(f"lighthouse.py: {problem}", file=sys.stderr)
        return 2

    form_factors = args.form_factor or FORM_FACTORS
    pages = [page for page in PAGE_TYPES if not args.page or page.name in args.page]
    reports = args.reports or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    runs = [
        {
            "page": page.name,
            "url": base_url + page.path,
            "formFactor": form_factor,
            "errorPage": page.status >= 400,
            "report": str(reports / f"{page.name}-{form_factor}.json"),
        }
        for page in pages
        for form_factor in form_factors
    ]
    plan = reports / "plan.json"
    plan.write_text(json.dumps({"chromeFlags": CHROME_FLAGS, "categories": CATEGORIES, "runs": runs}))

    started = time.monotonic()
    print(f"Lighthouse: {len(runs)} runs against {base_url}", file=sys.stderr, flush=True)
    process = subprocess.Popen(
        ["node", str(RUNNER), str(plan)],
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": chrome},
        stdout=subprocess.PIPE,
        text=True,
    )
    outcomes = []
    for line in process.stdout:
        outcomes.append(json.loads(line))
        run = runs[len(outcomes) - 1]
        print(f"  {len(outcomes)}/{len(runs)} {run['page']} {run['formFactor']}", file=sys.stderr, flush=True)
    process.wait()
    elapsed = time.monotonic() - started

    rows, notes, all_perfect = [], [], len(outcomes) == len(runs) and process.returncode == 0
    if not all_perfect:
        notes.append(f"the Lighthouse runner stopped early (exit status {process.returncode})")
    for run, outcome in zip(runs, outcomes):
        if "error" in outcome:
            rows.append((run["page"], run["formFactor"], *["error"] * len(CATEGORIES)))
            notes.append(outcome["error"])
            all_perfect = False
            continue
        report = json.loads(Path(outcome["report"]).read_text())
        scores = [score_of(report["categories"].get(key, {})) for key in CATEGORIES]
        rows.append((run["page"], run["formFactor"], *["n/a" if s is None else str(s) for s in scores]))
        if report.get("runtimeError"):
            notes.append(f"{run['page']} {run['formFactor']}: {report['runtimeError'].get('message')}")
        if any(score != 100 for score in scores):
            all_perfect = False
            notes.extend(f"{run['page']} {run['formFactor']}: {lost}" for lost in lost_points(report))

    header = ("page", "form factor", *CATEGORIES)
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    if any(page.status >= 400 for page in pages):
        print("(error pages are scored without the SEO audit http-status-code: they answer 404 on purpose)")
    for note in notes:
        print(f"- {note}")
    if all_perfect and not args.reports:
        shutil.rmtree(reports)
        print(f"{len(outcomes)} runs in {elapsed:.0f} s")
    else:
        print(f"{len(outcomes)} runs in {elapsed:.0f} s; reports in {reports}")
    if process.returncode not in (0, None) and not outcomes:
        return 2
    return 0 if all_perfect else 1


if __name__ == "__main__":
    sys.exit(main())
