// @ts-check
// Dedicated module worker: owns the wasm module and runs one job at a time. The protocol (its
// messages are typed in types.js; run.js is the page's side):
//   page → worker: first WasmMsg { type: 'wasm', module } (the compiled module or null, when
//                  the name says `posted`: lib/wasm.js),
//                  then RunJob { type: 'run', … } | IndexJob { type: 'index', … }
//                  (| DebugPanic { type: 'debug-panic' }: a test hook, see types.js)
//   worker → page: ready | init-error | progress | done | index-done | error
// Cancelling is done by the page terminating this worker.

import init, {
  Analyzer, SampleStream, version, indexMethodologies, takePanic, debugPanic,
  partWindows, partWindowBytes, cutPoints, isSummary, mergeSummaries, summaryRefused,
} from './pkg/tthc_analytics.js';
import { chunksOf, warmUp, compiledModule, wasmInput, startWorker } from './lib/worker-shared.js';

/** @typedef {import('./types.js').RunJob} RunJob */
/** @typedef {import('./types.js').IndexJob} IndexJob */
/** @typedef {import('./types.js').DebugPanic} DebugPanic */
/** @typedef {import('./types.js').WasmMsg} WasmMsg */
/** @typedef {import('./types.js').ErrorMsg} ErrorMsg */
/** @typedef {import('./types.js').WorkerMsg} WorkerMsg */
/** @typedef {import('./types.js').PartMsg} PartMsg */
/** @typedef {import('./types.js').AnalyzerOptions} AnalyzerOptions */

const CHUNK = 4 << 20; // 4 MiB per chunk of the built-in sample

/** @param {WorkerMsg} m */
const post = (m) => postMessage(m);

/**
 * The analysis module compiled: the one the page posted, else compiled here (from where the page
 * said, the bytes dist/tthc.html carries, or next to the glue); the part workers are posted it,
 * so that no worker compiles it again (a part worker that compiled its own kept a job posted at
 * once waiting ~260 ms on 2 cores).
 */
const wasm = compiledModule('tthc_analytics_bg.wasm');
const ready = wasm
  .then((module) => init({ module_or_path: module }))
  .then(() => {
    post({ type: 'ready', version: version(), methodologies: indexMethodologies() });
    // after «ready», so that the page is usable sooner; a job posted meanwhile waits for it
    warmUp(Analyzer, SampleStream);
    return true;
  })
  .catch((e) => { post({ type: 'init-error', message: errorMsg(0, e).message }); return false; });

/** @type {Promise<typeof import('./pkg/tthc_index.js')> | null} */
let indexModule = null;
/** @type {typeof import('./pkg/tthc_index.js') | null} */
let indexLoaded = null;

/**
 * The index module (its own wasm instance), loaded on the first index job: a dynamic import (in
 * dist/tthc.html's classic bundle esbuild inlines it, and the worker carries the index module's
 * bytes), its wasm from the bytes this worker carries, the URL the page set or next to its glue
 * (never the posted module: that is the analysis module).
 */
function loadIndex() {
  indexModule ??= import('./pkg/tthc_index.js').then(async (m) => {
    await m.default(await wasmInput('tthc_index_bg.wasm', false));
    indexLoaded = m;
    return m;
  });
  return indexModule;
}

/** @type {Promise<typeof import('./pkg/tthc_analytics_legacy.js')> | null} */
let legacyModule = null;

/**
 * The legacy analysis module (the analysis module with calamine's .xls/.xlsb/.ods readers: ~60
 * KB gzipped that most pages never need), loaded the first time a file is such a workbook (the
 * lean module's analyzer says so: `needsLegacyWorkbooks`); then the job's files are read again
 * with it. Loaded as the index module is (`loadIndex`).
 */
function loadLegacy() {
  legacyModule ??= import('./pkg/tthc_analytics_legacy.js').then(async (m) => {
    await m.default(await wasmInput('tthc_analytics_legacy_bg.wasm', false));
    return m;
  });
  return legacyModule;
}

/** The message of an error thrown by the core (a JS Error with a Vietnamese message). @param {unknown} e */
function messageOf(e) {
  return e instanceof Error ? e.message || String(e) : String(e ?? 'lỗi không xác định');
}

/** A wasm trap (Rust panic → `unreachable`) leaves the instance unusable: the page restarts us. @param {unknown} e */
const isFatal = (e) => e instanceof WebAssembly.RuntimeError;

/** Out-of-memory, as the core's allocator or the engine words it. */
const OOM = /memory allocation of \d+ bytes failed|out of memory|allocation failed/i;

/**
 * The error message for the page. After a trap the trap's own text («unreachable») says nothing:
 * the panic hook's text (or the failed allocation) is asked of the trapped instance (a small call
 * still runs). `crash` tells the page which message to show: «Lỗi nội bộ: …» or «Hết bộ nhớ…».
 * @param {number} id @param {unknown} e @returns {ErrorMsg}
 */
function errorMsg(id, e) {
  const fatal = isFatal(e);
  let message = messageOf(e);
  if (fatal) {
    // the trap was in the analysis module or in the index module: the one that kept a panic says
    try { message = takePanic() ?? indexLoaded?.takePanic() ?? message; } catch { /* the instance cannot answer */ }
  }
  const crash = OOM.test(message) ? 'oom' : fatal ? 'panic' : null;
  return { type: 'error', id, message, fatal, crash };
}

self.onmessage = async (/** @type {MessageEvent<RunJob | IndexJob | DebugPanic | WasmMsg>} */ ev) => {
  const m = ev.data;
  if (m.type === 'wasm') return; // taken by postedModule
  if (!(await ready)) {
    post({ type: 'error', id: m.id, message: 'Mô-đun phân tích chưa tải được.', fatal: true, crash: null });
    return;
  }
  try {
    if (m.type === 'index') await runIndex(m);
    else if (m.type === 'debug-panic') debugPanic(m.what);
    else await run(m);
  } catch (e) {
    post(errorMsg(m.id, e));
  }
};

/**
 * The QĐ 766 index: every input through one IndexBuilder, in this order: the dossier Report
 * (when the page has one; the core takes what it needs from it), the built-in sample (when asked;
 * its files are sent back so the page keeps them as ordinary files), the chosen files (whole:
 * index inputs are small; one over the core's size limit is refused by its `File.size`, unread),
 * the manual entries. Files of the wrong kind or with errors are
 * reported in the IndexReport, not thrown.
 * @param {IndexJob} job
 */
async function runIndex({ id, files, sample, report, options, manual }) {
  const t0 = performance.now();
  const { IndexBuilder, indexSampleFiles, indexSampleFocus } = await loadIndex();
  // the sample opens on the province it is about unless the user chose a focus (the core's
  // constant; the page keeps it from the report's `focus` for the next runs)
  const b = new IndexBuilder(sample && !options.focus ? { ...options, focus: indexSampleFocus() } : options);
  try {
    if (report) b.addReport(report);
    const kinds = [];
    const sampleFiles = sample ? indexSampleFiles() : null;
    for (const f of sampleFiles ?? []) kinds.push(b.addFile(f.name, f.bytes));
    // a file over the core's size limit is listed with its error and never read
    for (const f of files) kinds.push(b.admitFile(f.name, f.size) ? b.addFile(f.name, new Uint8Array(await f.arrayBuffer())) : 'unknown');
    b.setManual(manual);
    const out = b.finish();
    post({ type: 'index-done', id, report: out, kinds, sampleFiles, ms: performance.now() - t0 });
  } finally {
    b.free();
  }
}

/**
 * Summary files (issue 11; the core tells them by their first bytes) apart from the dossier files.
 * @param {File[]} files @returns {Promise<{ summaries: File[], dossiers: File[] }>}
 */
async function splitSummaries(files) {
  /** @type {File[]} */ const summaries = [];
  /** @type {File[]} */ const dossiers = [];
  for (const f of files) {
    const head = new Uint8Array(await f.slice(0, 256).arrayBuffer());
    (isSummary(head) ? summaries : dossiers).push(f);
  }
  return { summaries, dossiers };
}

/**
 * The Report (JSON text) of the summary files merged, after the dossier files' Report summarised
 * under the first one's name (`own`: that summary's text, when there were dossier files); the core
 * refuses what does not merge, and options that contradict the summaries.
 * @param {string | null} own @param {File[]} dossiers @param {File[]} summaries
 * @param {AnalyzerOptions | undefined} options @returns {Promise<string>}
 */
async function withSummaries(own, dossiers, summaries, options) {
  const names = [];
  const texts = [];
  if (own !== null && dossiers.length) {
    names.push(dossiers[0].name);
    texts.push(own);
  }
  for (const f of summaries) {
    const refused = summaryRefused(f.name, f.size);
    if (refused) throw new Error(refused);
    names.push(f.name);
    texts.push(await f.text());
  }
  return mergeSummaries(options, names, texts);
}

/**
 * A dossier run: the files (or the built-in sample) through one Analyzer, in chunks, with
 * progress messages; the time spent inside wasm is measured apart from the reads. Summary files
 * among the files are merged with the dossier files' Report (`withSummaries`).
 * @param {RunJob} job
 */
async function run({ id, files: given, sample, options, workers }) {
  const { summaries, dossiers: files } = given ? await splitSummaries(given) : { summaries: [], dossiers: null };
  const t0 = performance.now();
  const clock = {
    analysisMs: 0, readWaitMs: 0, bytes: 0, workers: 1, partWaitMs: 0, finishMs: 0,
    ownMs: 0, partMs: 0, takeMs: 0, absorbMs: 0,
  };
  /** @template T @param {() => T} f @returns {T} */
  const timed = (f) => {
    const s = performance.now();
    try { return f(); } finally { clock.analysisMs += performance.now() - s; }
  };
  /** @type {Analyzer} */
  let analyzer = timed(() => new Analyzer(options));
  try {
    const want = Math.max(1, Math.min(workers ?? navigator.hardwareConcurrency ?? 1, MAX_WORKERS));
    if (files) await readFiles(id, analyzer, files, { clock, timed, options, workers: want });
    else readSample(id, analyzer, sample ? sample.rows : 0, clock, timed);
    if (files && analyzer.needsLegacyWorkbooks()) {
      // an .xls / .xlsb / .ods file: the whole job again with the module that reads them (the
      // others are read again too, so that every figure comes from one analyzer)
      const legacy = await loadLegacy();
      // made before the lean one is freed: `finally` frees whichever is current, never twice
      const next = timed(() => /** @type {Analyzer} */ (/** @type {unknown} */ (new legacy.Analyzer(options))));
      analyzer.free();
      analyzer = next;
      clock.bytes = 0;
      await readFiles(id, analyzer, files, { clock, timed, options, workers: 1 });
    }
    const f0 = performance.now();
    let reportJson;
    if (summaries.length) {
      // the dossier files' Report straight into its summary (the analysis module reads no Report
      // back from JSON: lib/wasm.js)
      const label = files?.length ? files[0].name.replace(/\.[^.]*$/, '') : null;
      const own = label === null ? null : timed(() => analyzer.finishSummary(label));
      reportJson = await withSummaries(own, files ?? [], summaries, options);
    } else {
      reportJson = timed(() => analyzer.finishJson());
    }
    clock.finishMs = performance.now() - f0;
    post({
      type: 'done', id, reportJson, analysisMs: clock.analysisMs, readWaitMs: clock.readWaitMs,
      workerMs: performance.now() - t0, bytes: clock.bytes, workers: clock.workers,
      partWaitMs: clock.partWaitMs, finishMs: clock.finishMs, ownMs: clock.ownMs,
      partMs: clock.partMs, takeMs: clock.takeMs, absorbMs: clock.absorbMs,
    });
  } finally {
    analyzer.free();
  }
}

/**
 * @typedef {{ analysisMs: number, readWaitMs: number, bytes: number, workers: number,
 *   partWaitMs: number, finishMs: number, ownMs: number, partMs: number, takeMs: number,
 *   absorbMs: number }} Clock
 */
/** @typedef {<T>(f: () => T) => T} Timed */
/** @typedef {{ clock: Clock, timed: Timed, options: AnalyzerOptions, workers: number }} RunCtx */

/** Workers reading one file at most (this one and the part workers). */
const MAX_WORKERS = 8;

/**
 * @param {number} id @param {Analyzer} analyzer @param {File[]} files @param {RunCtx} ctx
 */
async function readFiles(id, analyzer, files, ctx) {
  const { clock, timed } = ctx;
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const before = clock.bytes;
    /** @param {number} done bytes of this file read so far (by every worker) @param {number} rows */
    const progress = (done, rows) => post({
      type: 'progress', id, bytesDone: before + done, bytesTotal, rows,
      fileIndex: i, fileCount: files.length, fileName: f.name,
    });
    timed(() => analyzer.beginFile(f.name));
    const cuts = ctx.workers > 1 ? await cutsOf(f, ctx.workers) : [];
    if (cuts.length) await readInParts(analyzer, f, cuts, ctx, progress);
    else await readRange(analyzer, f, 0, ctx, (n) => progress(n, analyzer.rowsRead()));
    timed(() => analyzer.endFile());
  }
}

/**
 * Pushes the bytes of `f` from `start` to its end (or to `end`) into the analyzer; stops early
 * when the analyzer refuses the file. `step(n)` is told the bytes of the file read so far.
 * @param {Analyzer} analyzer @param {File} f @param {number} start @param {RunCtx} ctx
 * @param {(n: number) => void} step @param {number} [end]
 */
async function readRange(analyzer, f, start, ctx, step, end = f.size) {
  const { clock, timed } = ctx;
  let done = start;
  for await (const bytes of chunksOf(f.slice(start, end), (ms) => { clock.readWaitMs += ms; })) {
    timed(() => analyzer.push(bytes));
    done += bytes.byteLength;
    clock.bytes += bytes.byteLength;
    step(done);
    if (!analyzer.wantsMore()) break; // refused (not a table): the rest is not read
  }
}

/**
 * Where the core cuts `f` among `workers` workers (empty: read it alone): it is told the bytes
 * around each cut, read here.
 * @param {File} f @param {number} workers @returns {Promise<number[]>}
 */
async function cutsOf(f, workers) {
  const offsets = Array.from(partWindows(f.size, workers));
  if (!offsets.length) return [];
  const n = partWindowBytes();
  const windows = await Promise.all(
    offsets.map(async (o) => new Uint8Array(await f.slice(o, o + n).arrayBuffer())));
  return Array.from(cutPoints(f.size, workers, windows));
}

/**
 * One large file read by several workers at once: the part workers each read a range after the
 * first (`cuts`), this worker reads the first, then absorbs the parts in order; from a part the
 * core does not take (a cut inside a quoted cell, a file that does not split, a part worker that
 * failed) it reads the rest of the file itself. The Report is the one a single worker gives.
 * @param {Analyzer} analyzer @param {File} f @param {number[]} cuts @param {RunCtx} ctx
 * @param {(done: number, rows: number) => void} progress
 */
async function readInParts(analyzer, f, cuts, ctx, progress) {
  const { timed } = ctx;
  const done = cuts.map(() => ({ bytes: 0, rows: 0 }));
  let own = 0;
  const report = () => progress(own + done.reduce((n, d) => n + d.bytes, 0),
    analyzer.rowsRead() + done.reduce((n, d) => n + d.rows, 0));
  const parts = cuts.map((start, i) => partWorker(i).read({
    type: 'part', id: 0, file: f, start, end: cuts[i + 1] ?? f.size, last: i + 1 === cuts.length,
    options: ctx.options,
  }, (bytes, rows) => { done[i] = { bytes, rows }; report(); }));
  const o0 = performance.now();
  await readRange(analyzer, f, 0, ctx, (n) => { own = n; report(); }, cuts[0]);
  const clock = ctx.clock;
  clock.ownMs += performance.now() - o0;
  let absorbed = 0;
  for (let i = 0; i < cuts.length; i++) {
    const w0 = performance.now();
    const { bytes: part, ms, takeMs } = await parts[i];
    clock.partWaitMs += performance.now() - w0;
    clock.partMs = Math.max(clock.partMs, ms);
    clock.takeMs = Math.max(clock.takeMs, takeMs);
    if (!analyzer.wantsMore()) break;
    const a0 = performance.now();
    const taken = part && timed(() => analyzer.absorbPart(part));
    clock.absorbMs += performance.now() - a0;
    if (taken) {
      absorbed++;
      clock.bytes += done[i].bytes; // read by the part worker (its last progress came before its part)
      done[i] = { bytes: done[i].bytes, rows: 0 }; // its rows are the analyzer's now
      continue;
    }
    done.fill({ bytes: 0, rows: 0 });
    own = cuts[i];
    await readRange(analyzer, f, cuts[i], ctx, (n) => { own = n; report(); });
    break;
  }
  ctx.clock.workers = Math.max(ctx.clock.workers, 1 + absorbed);
}

/** @type {PartWorker[]} */
const partWorkers = [];

/**
 * The part workers for one per core, started with this worker (each loads and warms up the wasm
 * while the page loads and the user chooses a file), so that the first large file does not wait
 * for them.
 */
function startPartWorkers() {
  const n = Math.min(navigator.hardwareConcurrency ?? 1, MAX_WORKERS) - 1;
  if (n > 0) partWorker(n - 1);
}

/** The i-th part worker, started on first use and kept (it stays warm for the next run). @param {number} i */
function partWorker(i) {
  while (partWorkers.length <= i) partWorkers.push(new PartWorker());
  return partWorkers[i];
}

/**
 * A part worker, posted this worker's module (lib/worker-shared.js `startWorker`: next to this
 * file unless told otherwise).
 */
const startPartWorker = () => startWorker('part-worker.js', () => new URL('./part-worker.js', import.meta.url), wasm);

/** One part worker and its job (one at a time); a failed worker is replaced. */
class PartWorker {
  constructor() {
    this.seq = 0;
    this.worker = startPartWorker();
  }

  /**
   * Reads one range; resolves with the part's bytes, or null (the caller reads the range), and
   * the part worker's times.
   * @param {import('./types.js').PartJob} job @param {(bytes: number, rows: number) => void} step
   * @returns {Promise<{ bytes: Uint8Array | null, ms: number, takeMs: number }>}
   */
  read(job, step) {
    const id = ++this.seq;
    const w = this.worker;
    return new Promise((resolve) => {
      w.onmessage = (/** @type {MessageEvent<PartMsg>} */ ev) => {
        const m = ev.data;
        if (m.id !== id) return;
        if (m.type === 'part-progress') step(m.bytes, m.rows);
        else resolve({ bytes: m.bytes, ms: m.ms, takeMs: m.takeMs });
      };
      w.onerror = (ev) => {
        ev.preventDefault();
        w.terminate();
        this.worker = startPartWorker();
        resolve({ bytes: null, ms: 0, takeMs: 0 });
      };
      w.postMessage({ ...job, id });
    });
  }
}

/**
 * The built-in sample, generated in chunks (generating is not analysis time). It knows its row
 * count, so progress is by rows (its byte size is not known upfront).
 * @param {number} id @param {Analyzer} analyzer @param {number} rows @param {Clock} clock
 * @param {Timed} timed
 */
function readSample(id, analyzer, rows, clock, timed) {
  const stream = new SampleStream(rows);
  try {
    const name = stream.fileName();
    const rowsTotal = stream.rows();
    timed(() => analyzer.beginFile(name));
    for (let c = stream.nextChunk(CHUNK); c !== undefined; c = stream.nextChunk(CHUNK)) {
      const chunk = c;
      timed(() => analyzer.push(chunk));
      clock.bytes += chunk.byteLength;
      post({
        type: 'progress', id, bytesDone: clock.bytes, bytesTotal: null, rows: analyzer.rowsRead(),
        rowsTotal, fileIndex: 0, fileCount: 1, fileName: name,
      });
    }
    timed(() => analyzer.endFile());
  } finally {
    stream.free();
  }
}

// The part workers at once (here, after every declaration they use): they load while this worker
// starts. Started after its warm-up, a job posted at «ready» waited ~260 ms for its part worker.
startPartWorkers();
