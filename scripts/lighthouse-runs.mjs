// Runs Lighthouse over a list of pages in one Node process, with a fresh Chrome for each run.
//
//   node scripts/lighthouse-runs.mjs PLAN.json
//
// PLAN.json: {"chromeFlags": [...], "categories": [...], "runs": [{"url", "formFactor":
//   "mobile"|"desktop", "ignoreStatusCode": bool, "skipAudits": [...], "ignoredConsoleErrors": [...],
//   "report": PATH}]}
// Each run's Lighthouse JSON report is written to its "report" path; stdout gets
// one JSON line per run: {"report": PATH} or {"error": MESSAGE}.
// scripts/lighthouse.py writes the plan and reads the reports.

import {readFileSync, writeFileSync} from 'node:fs';

import * as ChromeLauncher from 'chrome-launcher';
import lighthouse, {desktopConfig} from 'lighthouse';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));

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
    const config = {
      ...(run.formFactor === 'desktop' ? desktopConfig : {extends: 'lighthouse:default'}),
      audits: [{path: 'errors-in-console', options: {ignoredPatterns: run.ignoredConsoleErrors ?? []}}],
    };
    const result = await lighthouse(run.url, flags, config);
    writeFileSync(run.report, result.report);
    process.stdout.write(JSON.stringify({report: run.report}) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({error: `${run.url} (${run.formFactor}): ${error.message}`}) + '\n');
  } finally {
    await chrome?.kill();
  }
}
