// Throughput of the page on the full sample CSV: 3 runs through the real file input.
// Run through ./run.sh bench. RUNS=n to change the count.
//   page ms     = data-elapsed-ms: in the page, from posting the run to the rendered report
//   analysis ms = data-analysis-ms: time spent inside the wasm calls (push/endFile/finish)
//   wall ms     = from setInputFiles to status done, seen from Node
// Then the two ways of crossing the sample's Report out of wasm (`benchReportCrossing`, in the
// page): JSON text + JSON.parse (the way `finish()` uses) and serde-wasm-bindgen's
// JSON-compatible serializer, CROSSINGS=n times each (default 5).

import { statSync } from 'node:fs';
import { launch, openPage, gotoReady, lastRun, waitRun, requireSample, SAMPLE } from './lib.mjs';

requireSample();
const RUNS = Number(process.env.RUNS ?? 3);
const bytes = statSync(SAMPLE).size;
const MB = 1e6;
const f1 = (x) => x.toFixed(1);
const browser = await launch();
const { ctx, page, issues } = await openPage(browser);
let code = 0;
try {
  await gotoReady(page);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const prev = await lastRun(page);
    const t0 = performance.now();
    await page.setInputFiles('[data-testid=file-input]', SAMPLE);
    await waitRun(page, prev);
    const wall = performance.now() - t0;
    const st = await page.$eval('[data-testid=status]', (s) => ({ ...s.dataset }));
    const run = { wall, page: Number(st.elapsedMs), worker: Number(st.workerMs), readWait: Number(st.readWaitMs), analysis: Number(st.analysisMs), rows: Number(st.rowsRead) };
    runs.push(run);
    console.log(`run ${i + 1}: wall ${run.wall.toFixed(0)} ms, page ${run.page} ms, worker ${run.worker} ms (waiting for file reads ${run.readWait} ms), analysis ${run.analysis} ms, ${run.rows} rows`);
  }
  const best = runs.reduce((a, b) => (b.page < a.page ? b : a));
  console.log(`file: ${SAMPLE} (${f1(bytes / MB)} MB, ${best.rows} rows read)`);
  console.log(`best run, page time ${best.page} ms: ${f1(bytes / MB / (best.page / 1000))} MB/s, ${Math.round(best.rows / (best.page / 1000))} rows/s`);
  console.log(`best run, wasm analysis ${best.analysis} ms: ${f1(bytes / MB / (best.analysis / 1000))} MB/s, ${Math.round(best.rows / (best.analysis / 1000))} rows/s`);
  console.log(`best run, wall (Node) ${best.wall.toFixed(0)} ms: ${f1(bytes / MB / (best.wall / 1000))} MB/s`);
  const crossings = Number(process.env.CROSSINGS ?? 5);
  const c = await page.evaluate(async (n) => {
    const m = await import('./pkg/tthc_analytics.js');
    await m.default();
    return m.benchReportCrossing(0, n);
  }, crossings);
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return `best ${s[0].toFixed(1)} ms, median ${s[Math.floor(s.length / 2)].toFixed(1)} ms`;
  };
  console.log(`Report out of wasm (sample, ${f1(c.json_bytes / MB)} MB as JSON), ${crossings} crossings each:`);
  console.log(`  JSON text + JSON.parse:             ${stats(c.json_text_ms)}`);
  console.log(`  serde-wasm-bindgen json_compatible: ${stats(c.serde_wasm_bindgen_ms)}`);
  if (issues.length) {
    console.log(`page issues:\n  ${issues.join('\n  ')}`);
    code = 1;
  }
} catch (e) {
  console.log(`FAIL: ${e && e.stack ? e.stack : e}`);
  code = 1;
} finally {
  await ctx.close();
  await browser.close();
}
process.exit(code);
