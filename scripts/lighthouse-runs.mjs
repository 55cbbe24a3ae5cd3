// Runs Lighthouse over a list of pages in one Node process, one fresh Chrome per run.
//
//   node scripts/lighthouse-runs.mjs PLAN.json
//
// PLAN.json: {"chromeFlags": [...], "categories": [...],
//             "runs": [{"url", "formFactor": "mobile"|"desktop", "errorPage": bool, "report": PATH}]}
// Each run's full result (the Lighthouse JSON report) is written to its "report"
// path; stdout gets one JSON line per run: {"report": PATH} or {"error": MESSAGE}.
// Used by scripts/lighthouse.py, which prints the scores.

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
    };
    if (run.errorPage) {
      // An error page is meant to answer with its error status.
      flags.ignoreStatusCode = true;
      flags.skipAudits = ['http-status-code'];
    }
    const config = run.formFactor === 'desktop' ? desktopConfig : undefined;
    const result = await lighthouse(run.url, flags, config);
    writeFileSync(run.report, result.report);
    process.stdout.write(JSON.stringify({report: run.report}) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({error: `${run.url} (${run.formFactor}): ${error.message}`}) + '\n');
  } finally {
    await chrome?.kill();
  }
}
