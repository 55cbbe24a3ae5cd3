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

import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import * as ChromeLauncher from 'chrome-launcher';
import lighthouse, {desktopConfig} from 'lighthouse';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// Lighthouse's mobile score emulates a mid-tier phone by multiplying the CPU time it
// measures here: by 4 unless told otherwise, which suits a host whose benchmarkIndex is
// about 1 500. Its documentation asks for the multiplier to be calibrated to the host
// (docs/throttling.md, "Calibrating the CPU slowdown"); this is the formula of the
// calculator it links to. A shared 2-core machine's benchmarkIndex moves between about
// 700 and 2 000 from one minute to the next, so each mobile run is calibrated by its own:
// Lighthouse measures it just before loading the page, and simulates the throttled load
// afterwards. The run is gathered first (gatherMode), its settings are given the
// multiplier for the benchmarkIndex it measured, and then it is audited (auditMode).
function cpuSlowdownFor(benchmarkIndex) {
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  if (benchmarkIndex >= 150) return 1 + (benchmarkIndex - 150) / 650;
  return 1;
}

async function inFreshChrome(lighthouseRun) {
  const chrome = await ChromeLauncher.launch({chromeFlags: plan.chromeFlags});
  try {
    return await lighthouseRun(chrome.port);
  } finally {
    await chrome.kill();
  }
}

async function gatherCalibrateAndAudit(url, flags, config, artifactsDir) {
  await inFreshChrome(port => lighthouse(url, {...flags, port, gatherMode: artifactsDir}, config));
  const artifactsFile = join(artifactsDir, 'artifacts.json');
  const artifacts = JSON.parse(readFileSync(artifactsFile, 'utf8'));
  const cpuSlowdownMultiplier = Math.round(cpuSlowdownFor(artifacts.BenchmarkIndex) * 100) / 100;
  artifacts.settings.throttling.cpuSlowdownMultiplier = cpuSlowdownMultiplier;
  writeFileSync(artifactsFile, JSON.stringify(artifacts));
  return lighthouse(url, {...flags, auditMode: artifactsDir, throttling: artifacts.settings.throttling}, config);
}

for (const run of plan.runs) {
  const flags = {
    output: 'json',
    logLevel: 'error',
    onlyCategories: plan.categories,
    disableFullPageScreenshot: true,
    ignoreStatusCode: Boolean(run.ignoreStatusCode),
    // Only what is set: an audit compares the settings it is given with those saved by
    // the gathering, which lost every undefined one on its way through JSON.
    ...(run.skipAudits ? {skipAudits: run.skipAudits} : {}),
  };
  const config = {
    ...(run.formFactor === 'desktop' ? desktopConfig : {extends: 'lighthouse:default'}),
    audits: [{path: 'errors-in-console', options: {ignoredPatterns: run.ignoredConsoleErrors ?? []}}],
  };
  let artifactsDir;
  try {
    let result;
    if (run.formFactor === 'mobile') {
      artifactsDir = mkdtempSync(join(tmpdir(), 'lighthouse-artifacts-'));
      result = await gatherCalibrateAndAudit(run.url, flags, config, artifactsDir);
    } else {
      result = await inFreshChrome(port => lighthouse(run.url, {...flags, port}, config));
    }
    writeFileSync(run.report, result.report);
    process.stdout.write(JSON.stringify({report: run.report}) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({error: `${run.url} (${run.formFactor}): ${error.message}`}) + '\n');
  } finally {
    if (artifactsDir) rmSync(artifactsDir, {recursive: true, force: true});
  }
}
