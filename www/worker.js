// @ts-check
// Dedicated module worker: owns the wasm module and runs one job at a time. The protocol (its
// messages are typed in types.js; run.js is the page's side):
//   page → worker: RunJob { type: 'run', … } | IndexJob { type: 'index', … }
//                  (| DebugPanic { type: 'debug-panic' }: a test hook, see types.js)
//   worker → page: ready | init-error | progress | done | index-done | error
// Cancelling is done by the page terminating this worker.

import init, {
  Analyzer, SampleStream, IndexBuilder, version, indexMethodologies, indexSampleFiles, takePanic, debugPanic,
} from './pkg/tthc_analytics.js';

/** @typedef {import('./types.js').RunJob} RunJob */
/** @typedef {import('./types.js').IndexJob} IndexJob */
/** @typedef {import('./types.js').DebugPanic} DebugPanic */
/** @typedef {import('./types.js').ErrorMsg} ErrorMsg */
/** @typedef {import('./types.js').WorkerMsg} WorkerMsg */

const CHUNK = 4 << 20; // 4 MiB per chunk of the built-in sample

/** @param {WorkerMsg} m */
const post = (m) => postMessage(m);

const ready = init()
  .then(() => {
    warmUp();
    post({ type: 'ready', version: version(), methodologies: indexMethodologies() });
    return true;
  })
  .catch((e) => { post({ type: 'init-error', message: errorMsg(0, e).message }); return false; });

/**
 * Runs a small built-in sample through the analyzer once, while the user is still choosing a
 * file: the engine compiles the hot wasm functions with its optimising tier, so the first real
 * file is read as fast as the later ones (≈ 40 ms here).
 */
function warmUp() {
  const a = new Analyzer({});
  const s = new SampleStream(20000);
  try {
    a.beginFile('warm-up');
    for (let c = s.nextChunk(1 << 20); c !== undefined; c = s.nextChunk(1 << 20)) a.push(c);
    a.endFile();
    a.finish();
  } finally {
    a.free();
    s.free();
  }
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
    try { message = takePanic() ?? message; } catch { /* the instance cannot answer */ }
  }
  const crash = OOM.test(message) ? 'oom' : fatal ? 'panic' : null;
  return { type: 'error', id, message, fatal, crash };
}

/**
 * The bytes of a File as Uint8Array chunks, never the whole file at once. File.stream() is the
 * fastest read in Chromium (≈1 MiB chunks, about half the time of 4 MiB Blob.slice reads on a
 * 170 MB file). Each next read is started before the current chunk is handed over, so the browser
 * reads while the analyzer (synchronous, in this thread) parses. `waited(ms)` is told how long
 * each read kept the analysis waiting.
 * @param {File} file
 * @param {(ms: number) => void} waited
 * @returns {AsyncGenerator<Uint8Array>}
 */
async function* chunksOf(file, waited) {
  const reader = file.stream().getReader();
  try {
    let pending = reader.read();
    for (;;) {
      const w0 = performance.now();
      const { done, value } = await pending;
      waited(performance.now() - w0);
      if (done) return;
      pending = reader.read();
      if (value.byteLength) yield value;
    }
  } finally {
    // also when the caller stops early (a refused file): the pending read ends, nothing more is read
    reader.cancel().catch(() => {});
  }
}

self.onmessage = async (/** @type {MessageEvent<RunJob | IndexJob | DebugPanic>} */ ev) => {
  const m = ev.data;
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
  const b = new IndexBuilder(options);
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
 * A dossier run: the files (or the built-in sample) through one Analyzer, in chunks, with
 * progress messages; the time spent inside wasm is measured apart from the reads.
 * @param {RunJob} job
 */
async function run({ id, files, sample, options }) {
  const t0 = performance.now();
  const clock = { analysisMs: 0, readWaitMs: 0, bytes: 0 };
  /** @template T @param {() => T} f @returns {T} */
  const timed = (f) => {
    const s = performance.now();
    try { return f(); } finally { clock.analysisMs += performance.now() - s; }
  };
  const analyzer = timed(() => new Analyzer(options));
  try {
    if (files) await readFiles(id, analyzer, files, clock, timed);
    else readSample(id, analyzer, sample ? sample.rows : 0, clock, timed);
    const report = timed(() => analyzer.finish());
    post({
      type: 'done', id, report, analysisMs: clock.analysisMs, readWaitMs: clock.readWaitMs,
      workerMs: performance.now() - t0, bytes: clock.bytes,
    });
  } finally {
    analyzer.free();
  }
}

/** @typedef {{ analysisMs: number, readWaitMs: number, bytes: number }} Clock */
/** @typedef {<T>(f: () => T) => T} Timed */

/**
 * @param {number} id @param {Analyzer} analyzer @param {File[]} files @param {Clock} clock
 * @param {Timed} timed
 */
async function readFiles(id, analyzer, files, clock, timed) {
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    timed(() => analyzer.beginFile(f.name));
    for await (const bytes of chunksOf(f, (ms) => { clock.readWaitMs += ms; })) {
      timed(() => analyzer.push(bytes));
      clock.bytes += bytes.byteLength;
      post({
        type: 'progress', id, bytesDone: clock.bytes, bytesTotal, rows: analyzer.rowsRead(),
        fileIndex: i, fileCount: files.length, fileName: f.name,
      });
      if (!analyzer.wantsMore()) break; // refused (not a table): the rest is not read
    }
    timed(() => analyzer.endFile());
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
