// A file larger than the page holds (issue 10): the 20-million-row sample (~5,8 GB, written once
// by `make bench-huge`) handed to the page's own worker (www/worker.js through the benchmark's
// ours-worker.js, which adds the wasm Memory's size) as a `File` from a file input, as a user
// picks it (a file this large cannot be fetched into a Blob). Run through `./run.sh huge`.
//
// What must hold: the tab lives; the run ends with a Report, not an error; the browser's limit
// of dossiers (basics::limits::MAX_DOSSIERS, 10.000.000) are counted and the rest are rejected
// as «store_full», every row accounted for (read = counted + rejected + duplicates + ignored);
// the file carries the Vietnamese message naming the limit and how many rows were not read; the
// wasm memory stays under HUGE_MAX_MB (default 600). Exit 1 otherwise.
//
// Env: HUGE_CSV (default tests/e2e/out/sample-20m.csv), HUGE_MAX_MB.

import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { launch, openPage, OUT, URL_BASE } from './lib.mjs';

const FILE = resolve(process.env.HUGE_CSV ?? join(OUT, 'sample-20m.csv'));
const MAX_MB = Number(process.env.HUGE_MAX_MB ?? 600);
const LIMIT = 10_000_000;
const MB = 1e6;
const vi = (x, d = 0) => x.toLocaleString('vi-VN', { minimumFractionDigits: d, maximumFractionDigits: d });

if (!existsSync(FILE)) throw new Error(`${FILE} is missing: make bench-huge writes it`);
const bytes = statSync(FILE).size;
const browser = await launch();
const { ctx, page, issues } = await openPage(browser);
let code = 0;
try {
  await page.goto(new URL('__bench/bench/index.html', URL_BASE).href);
  await page.waitForFunction(() => self.benchReady === true, null, { timeout: 60000 });
  await page.setInputFiles('#file', FILE);
  const got = await page.evaluate(() => self.bench.picked());
  if (got.size !== bytes) throw new Error(`the page got ${got.size} bytes, the file has ${bytes}`);
  const t0 = performance.now();
  const r = await page.evaluate(() => self.bench.ours.warm(2024));
  const wall = performance.now() - t0;
  const a = r.accounting;
  const wasmMb = r.wasmBytes / MB;
  const error = r.fileErrors[0] ?? '';
  console.log(`${basename(FILE)}: ${vi(bytes / MB, 1)} MB; File → Report in ${vi(r.ms)} ms (wall ${vi(wall)} ms, ${r.workers} worker(s), finish ${vi(r.finishMs)} ms)`);
  console.log(`rows: read ${vi(a.read)}, counted ${vi(a.counted)}, rejected ${vi(a.rejected)}, duplicates ${vi(a.duplicates)}, ignored ${vi(a.ignored)}`);
  console.log(`the file's message: ${error}`);
  console.log(`peak wasm memory of the dossier worker: ${vi(wasmMb)} MB (at most ${MAX_MB})`);
  const fail = [];
  if (a.counted !== LIMIT) fail.push(`counted ${a.counted}, want ${LIMIT}`);
  if (a.read !== a.counted + a.rejected + a.duplicates + a.ignored) fail.push('rows not accounted for');
  if (!error.startsWith(`Vượt giới hạn ${vi(LIMIT)} hồ sơ`)) fail.push(`the message: ${error}`);
  if (!(wasmMb <= MAX_MB)) fail.push(`wasm memory ${wasmMb} MB`);
  if (issues.length) fail.push(`page issues: ${issues.join('; ')}`);
  if (fail.length) {
    console.log(`FAIL: ${fail.join('\n  ')}`);
    code = 1;
  } else {
    console.log('ok: the tab lived, the limit stopped the file with its message, every row accounted for');
  }
} catch (e) {
  console.log(`FAIL: ${e && e.stack ? e.stack : e}`);
  code = 1;
} finally {
  await ctx.close();
  await browser.close();
}
process.exit(code);
