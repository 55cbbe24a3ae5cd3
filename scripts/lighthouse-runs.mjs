// Runs Lighthouse over a list of pages in one Node process, with a fresh Chrome for each run.
//
//   node scripts/lighthouse-runs.mjs PLAN.json
//
// PLAN.json: {"chromeFlags": [...], "categories": [...], "benchmarkIndex": number|null, "runs": [{"url", "formFactor":
//   "mobile"|"desktop", "ignoreStatusCode": bool, "skipAudits": [...], "ignoredConsoleErrors": [...],
//   "report": PATH}]}
// Each run's Lighthouse JSON report is written to its "report" path; stdout gets
// one JSON line per run: {"report": PATH} or {"error": MESSAGE}.
// scripts/lighthouse.py writes the plan and reads the reports.

import {readFileSync, writeFileSync} from 'node:fs';

import * as ChromeLauncher from 'chrome-launcher';
import lighthouse, {desktopConfig} from 'lighthouse';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// Lighthouse's mobile score emulates a mid-tier phone by multiplying the CPU time it
// measures here: by 4 unless told otherwise, which suits a host whose benchmarkIndex is
// about 1 500. Its documentation asks for the multiplier to be calibrated to the host
// (docs/throttling.md, "Calibrating the CPU slowdown"); this is the formula of the
// calculator it links to. A shared 2-core machine's benchmarkIndex moves between about
// 700 and 1 600 from one minute to the next, so each mobile run uses the benchmarkIndex
// that the run before it measured (a run's own is known only once it has ended), or
// the plan's "benchmarkIndex" for the first run.
function cpuSlowdownFor(benchmarkIndex) {
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  if (benchmarkIndex >= 150) return 1 + (benchmarkIndex - 150) / 650;
  return 1;
}

let benchmarkIndex = plan.benchmarkIndex;
for (const run of plan.runs) {
  let chrome;
  try {
    chrome = await ChromeLauncher.launch({chromeFlags: plan.chromeFlags});
    const flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: plan.categories,
      disableFullPageScreenshot: true,
      ignoreStatusCode: run.ignoreStatusCode,
      skipAudits: run.skipAudits,
    };
    if (run.formFactor === 'mobile' && benchmarkIndex) {
      flags.throttling = {cpuSlowdownMultiplier: Math.round(cpuSlowdownFor(benchmarkIndex) * 100) / 100};
    }
    const config = {
      ...(run.formFactor === 'desktop' ? desktopConfig : {extends: 'lighthouse:default'}),
      audits: [{path: 'errors-in-console', options: {ignoredPatterns: run.ignoredConsoleErrors ?? []}}],
    };
    const result = await lighthouse(run.url, flags, config);
    benchmarkIndex = result.lhr.environment.benchmarkIndex || benchmarkIndex;
    writeFileSync(run.report, result.report);
    process.stdout.write(JSON.stringify({report: run.report}) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({error: `${run.url} (${run.formFactor}): ${error.message}`}) + '\n');
  } finally {
    await chrome?.kill();
  }
}
