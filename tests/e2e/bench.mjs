// Throughput of the page on the full sample CSV: 3 runs through the real file input.
// Run through ./run.sh bench. RUNS=n to change the count.
//   page ms     = data-elapsed-ms: in the page, from posting the run to the rendered report
//   analysis ms = data-analysis-ms: time spent inside the wasm calls (push/endFile/finish)
//   wall ms     = from setInputFiles to status done, seen from Node
// Then the two ways of crossing the sample's Report out of wasm (`benchReportCrossing`, in the
// page): JSON text + JSON.parse (the way `finish()` uses) and serde-wasm-bindgen's
// JSON-compatible serializer, CROSSINGS=n times each (default 5).
// Then the sample CSV in Windows-1258, TCVN3 and VNI (written by run.sh), RUNS times each: page
// time against the UTF-8 CSV's best (target ≤ 1,3×).
// Then the sample as .xlsx: XLSX_RUNS=n runs (default 2) through the file input, and the peer,
// SheetJS (npm `xlsx`, pinned in package.json, served from node_modules), merely parsing the same
// file in the same browser (`XLSX.read`, dense), SHEETJS_RUNS=n times (default 1); the ratio is
// SheetJS parse time / our file-to-rendered-report time. Target: ours < 10 s and ≥ 3× faster.

import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import { launch, openPage, gotoReady, lastRun, waitRun, requireSample, SAMPLE, SAMPLE_XLSX, OUT } from './lib.mjs';

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
  await benchLegacy(page, best);
  await benchXlsx(page);
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

/** Our .xlsx → rendered report through the file input, against SheetJS parsing the same file. */
async function benchXlsx(page) {
  const xbytes = statSync(SAMPLE_XLSX).size;
  const runs = Number(process.env.XLSX_RUNS ?? 2);
  const ours = [];
  for (let i = 0; i < runs; i++) {
    const prev = await lastRun(page);
    await page.setInputFiles('[data-testid=file-input]', SAMPLE_XLSX);
    await waitRun(page, prev);
    const st = await page.$eval('[data-testid=status]', (s) => ({ ...s.dataset }));
    ours.push({ page: Number(st.elapsedMs), analysis: Number(st.analysisMs), rows: Number(st.rowsRead) });
    console.log(`xlsx run ${i + 1}: page ${st.elapsedMs} ms, analysis ${st.analysisMs} ms, ${st.rowsRead} rows`);
  }
  const best = ours.reduce((a, b) => (b.page < a.page ? b : a));
  const sheetjs = await page.evaluate(async ({ file, n }) => {
    await new Promise((ok, fail) => {
      const s = document.createElement('script');
      s.src = '/__bench/node_modules/xlsx/dist/xlsx.full.min.js';
      s.onload = ok;
      s.onerror = () => fail(new Error('xlsx.full.min.js did not load'));
      document.head.append(s);
    });
    const buf = new Uint8Array(await (await fetch(`/__bench/out/${file}`)).arrayBuffer());
    // @ts-ignore: the SheetJS global
    const X = window.XLSX;
    const times = [];
    let rows = 0;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const wb = X.read(buf, { type: 'array', dense: true });
      times.push(performance.now() - t0);
      const ws = wb.Sheets[wb.SheetNames[1]];
      rows = X.utils.decode_range(ws['!ref']).e.r + 1;
    }
    return { version: X.version, times, rows };
  }, { file: basename(SAMPLE_XLSX), n: Number(process.env.SHEETJS_RUNS ?? 1) });
  const peer = Math.min(...sheetjs.times);
  console.log(`xlsx file: ${SAMPLE_XLSX} (${f1(xbytes / MB)} MB, ${best.rows} rows read)`);
  console.log(`xlsx best run, ours: file → rendered report ${best.page} ms (wasm ${best.analysis} ms): ${f1(xbytes / MB / (best.page / 1000))} MB/s`);
  console.log(`xlsx SheetJS ${sheetjs.version} XLSX.read (parse only, ${sheetjs.rows} rows): ${peer.toFixed(0)} ms`);
  console.log(`xlsx ratio SheetJS parse / ours end to end: ${(peer / best.page).toFixed(2)}×`);
}

/** The sample in each legacy encoding through the file input, against the UTF-8 CSV's best run. */
async function benchLegacy(page, utf8) {
  for (const enc of ['windows-1258', 'tcvn3', 'vni']) {
    const file = join(OUT, `sample-${enc}.csv`);
    if (!existsSync(file)) { console.log(`${enc}: ${file} missing (run.sh writes it)`); continue; }
    const times = [];
    let encoding = '';
    for (let i = 0; i < RUNS; i++) {
      const prev = await lastRun(page);
      await page.setInputFiles('[data-testid=file-input]', file);
      await waitRun(page, prev);
      times.push(Number(await page.getAttribute('[data-testid=status]', 'data-elapsed-ms')));
      encoding = (await page.textContent('#files-table td[data-col=encoding]')) ?? '';
    }
    const b = Math.min(...times);
    console.log(`${enc} CSV (detected as ${encoding}): best page time ${b} ms = ${(b / utf8.page).toFixed(2)}× the UTF-8 CSV's ${utf8.page} ms`);
  }
}
