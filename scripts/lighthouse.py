#!/usr/bin/env python3
"""Lighthouse scores for every type of page of a running archive, on mobile and desktop.

    scripts/lighthouse.py BASE_URL [--form-factor mobile|desktop] [--page NAME] [--reports DIR]

Runs Lighthouse 12 (installed by `npm ci`) in headless Chromium (CHROME_PATH,
default /usr/bin/chromium) once for each page type of tests/browser/pages.py
and each form factor, prints one table of the performance, accessibility,
best-practices and SEO scores, lists every audit that cost points, and exits
with status 0 only if every score is 100: 1 if any is lower or a run failed,
2 if Lighthouse, Node or Chromium is missing.

Performance is measured on this machine's CPU. On mobile, Lighthouse multiplies
the CPU time it measures to emulate a mid-tier phone; the multiplier is calibrated
to this machine as Lighthouse's documentation asks, from the benchmarkIndex that
Lighthouse measures just before it loads the page (the table's last column;
scripts/lighthouse-runs.mjs). A busy machine
still slows a run down: a run whose performance is below 100 is repeated, up to
--attempts runs in all, and the best run counts (the table says how many runs a
row took).
The other categories do not depend on timing. A run that Lighthouse itself
asks to run again (a glitch in Chrome's trace) is repeated the same way.

Some audits do not apply to some pages. An error page (a 404) answers with
its error status on purpose: it is scored without http-status-code, and the
console error that Chrome logs for that status is not counted. A page marked
not indexable (search results) asks search engines to skip it on purpose: it is
scored without is-crawlable.
"""

import argparse
import concurrent.futures
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
FORM_FACTORS = ("desktop", "mobile")
# Lighthouse's errors that say "please run Lighthouse again": the page was fine, the recording was not.
MEASUREMENT_GLITCHES = {
    "NO_SPEEDLINE_FRAMES", "SPEEDINDEX_OF_ZERO", "NO_SCREENSHOTS", "INVALID_SPEEDLINE",
    "NO_TRACING_STARTED", "NO_RESOURCE_REQUEST", "NO_NAVSTART", "NO_FCP", "NO_DCL",
    "TRACING_ALREADY_STARTED", "PARSING_PROBLEM", "READ_FAILED", "PROTOCOL_TIMEOUT", "CRI_TIMEOUT",
    "PAGE_HUNG", "TARGET_CRASHED",
}
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
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("base_url", help="the archive's address, e.g. http://127.0.0.1:8000")
    parser.add_argument("--form-factor", choices=FORM_FACTORS, action="append", help="default: both")
    parser.add_argument("--page", choices=PAGE_NAMES, action="append", help="default: every page type")
    parser.add_argument("--reports", type=Path, help="keep every run's JSON report in this folder")
    parser.add_argument("--processes", type=int, default=2, help="Lighthouse runs at a time (default 2)")
    parser.add_argument("--attempts", type=int, default=8, help="runs at most, for performance (default 8)")
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


def skipped_audits(page):
    skipped = []
    if page.status >= 400:
        skipped.append("http-status-code")
    if not page.indexable:
        skipped.append("is-crawlable")
    return skipped


def run_lighthouse(runs, reports, attempt, chrome, processes):
    """Run Lighthouse for each run, in `processes` runners at once; returns, for each, its report or an error."""
    shares = [runs[share::processes] for share in range(min(processes, len(runs)))]
    outcomes = [None] * len(runs)
    with concurrent.futures.ThreadPoolExecutor(len(shares)) as pool:
        results = pool.map(lambda share: run_share(shares[share], reports, f"{attempt}-{share}", attempt, chrome),
                           range(len(shares)))
        for share, share_outcomes in enumerate(results):
            outcomes[share::processes] = share_outcomes
    return outcomes


def run_share(runs, reports, plan_name, attempt, chrome):
    """One runner's share: Lighthouse for each run, one after the other; returns their outcomes."""
    plan_runs = []
    for run in runs:
        page = run["page"]
        plan_run = {
            "url": run["url"],
            "formFactor": run["form_factor"],
            "ignoreStatusCode": page.status >= 400,
            "report": str(reports / f"{page.name}-{run['form_factor']}-{attempt}.json"),
        }
        if skipped_audits(page):
            plan_run["skipAudits"] = skipped_audits(page)
        if page.status >= 400:
            # Chrome logs the page's own error status as a console error.
            plan_run["ignoredConsoleErrors"] = [f"the server responded with a status of {page.status}"]
        plan_runs.append(plan_run)
    plan = reports / f"plan-{plan_name}.json"
    plan.write_text(json.dumps({
        "chromeFlags": CHROME_FLAGS, "categories": CATEGORIES, "runs": plan_runs,
    }))

    process = subprocess.Popen(
        ["node", str(RUNNER), str(plan)],
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": chrome},
        stdout=subprocess.PIPE,
        text=True,
    )
    outcomes = []
    for line in process.stdout:
        outcome = json.loads(line)
        run = runs[len(outcomes)]
        if "report" in outcome:
            outcome = {"report": json.loads(Path(outcome["report"]).read_text())}
        outcomes.append(outcome)
        print(f"  {run['page'].name} {run['form_factor']} (run {attempt})", file=sys.stderr, flush=True)
    process.wait()
    while len(outcomes) < len(runs):
        outcomes.append({"error": f"the Lighthouse runner stopped (exit status {process.returncode})"})
    return outcomes


def scores_of(report):
    return {
        key: None if report["categories"].get(key, {}).get("score") is None
        else round(report["categories"][key]["score"] * 100)
        for key in CATEGORIES
    }


def cpu_slowdown(report):
    """The CPU slowdown the counted run simulated, and the host's benchmarkIndex it measured."""
    multiplier = report.get("configSettings", {}).get("throttling", {}).get("cpuSlowdownMultiplier")
    index = report.get("environment", {}).get("benchmarkIndex")
    return "" if multiplier is None else f"{multiplier:g}x ({index:.0f})" if index else f"{multiplier:g}x"


def rank(report):
    """Which of two runs of the same page counts: a completed one, then the faster one."""
    return (not report.get("runtimeError"), scores_of(report)["performance"] or 0)


def worth_another_run(report):
    """A run that may come out differently: a glitch in Chrome's recording, or performance below 100.

    A page that failed to load, or that lost points anywhere but in performance,
    would fail again in the same way.
    """
    if report is None:
        return True
    error = report.get("runtimeError")
    if error:
        return error.get("code") in MEASUREMENT_GLITCHES
    scores = scores_of(report)
    return scores["performance"] != 100 and all(scores[key] == 100 for key in CATEGORIES if key != "performance")


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
        {"page": page, "url": base_url + page.path, "form_factor": form_factor, "runs": 0, "best": None}
        for page in pages
        for form_factor in form_factors
    ]

    started = time.monotonic()
    print(f"Lighthouse {len(runs)} runs against {base_url}", file=sys.stderr, flush=True)
    pending = runs
    for attempt in range(1, max(args.attempts, 1) + 1):
        for run, outcome in zip(pending, run_lighthouse(pending, reports, attempt, chrome, args.processes)):
            run["runs"] += 1
            if "error" in outcome:
                run["error"] = outcome["error"]
                continue
            if run["best"] is None or rank(outcome["report"]) > rank(run["best"]):
                run["best"] = outcome["report"]
        pending = [run for run in runs if worth_another_run(run["best"])]
        if not pending:
            break
    elapsed = time.monotonic() - started

    all_perfect = True
    rows, notes = [], []
    for run in runs:
        name, form_factor = run["page"].name, run["form_factor"]
        report = run["best"]
        if report is None:
            rows.append((name, form_factor, *["error"] * len(CATEGORIES), str(run["runs"]), ""))
            notes.append(f"{name} {form_factor}: {run.get('error')}")
            all_perfect = False
            continue
        scores = scores_of(report)
        rows.append((name, form_factor, *["n/a" if s is None else str(s) for s in scores.values()], str(run["runs"]),
                     cpu_slowdown(report)))
        if report.get("runtimeError"):
            notes.append(f"{name} {form_factor}: {report['runtimeError'].get('message')}")
        if any(score != 100 for score in scores.values()):
            all_perfect = False
            notes.extend(f"{name} {form_factor}: {lost}" for lost in lost_points(report))

    header = ("page", "form factor", *CATEGORIES, "runs", "cpu slowdown (benchmarkIndex)")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    for page in pages:
        if skipped_audits(page):
            print(f"({page.name} is scored without {', '.join(skipped_audits(page))}, which does not apply there)")
    for note in notes:
        print(f"- {note}")
    summary = f"Lighthouse {json.loads(LIGHTHOUSE.read_text())['version']}: {sum(r['runs'] for r in runs)} runs in {elapsed:.0f} s"
    if all_perfect and not args.reports:
        shutil.rmtree(reports)
        print(summary)
    else:
        print(f"{summary}; reports in {reports}")
    return 0 if all_perfect else 1


if __name__ == "__main__":
    sys.exit(main())
