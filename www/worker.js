// Dedicated module worker: owns the wasm module and runs one analysis at a time.
//
// Protocol (page → worker):
//   { type: 'run', id, files: File[] | null, sample: { rows } | null, options }
//   { type: 'index', id, files: File[], sample: bool, report: Report | null, options, manual: [] }
// (worker → page):
//   { type: 'ready', version, methodologies: string[] } | { type: 'init-error', message }
//   { type: 'progress', id, bytesDone, bytesTotal (null when unknown), rows, rowsTotal (sample only),
//     fileIndex, fileCount, fileName }
//   { type: 'done', id, report, analysisMs, readWaitMs, workerMs, bytes }
//   { type: 'index-done', id, report: IndexReport, kinds: string[], sampleFiles: [{name, bytes}] | null, ms }
//   { type: 'error', id, message, fatal }   (for both kinds of run)
// Cancelling is done by the page terminating this worker.

import init, * as wasm from './pkg/tthc_analytics.js';

const { Analyzer, SampleStream, IndexBuilder } = wasm;

const CHUNK = 4 << 20; // 4 MiB per sample chunk / Blob slice (fallback reader)

const ready = init().then(
  () => {
    let version = null;
    let methodologies = [];
    try { version = typeof wasm.version === 'function' ? wasm.version() : null; } catch { /* optional */ }
    try { methodologies = wasm.indexMethodologies(); } catch { /* older module: none */ }
    warmUp();
    postMessage({ type: 'ready', version, methodologies });
    return true;
  },
  (e) => { postMessage({ type: 'init-error', message: messageOf(e) }); return false; },
);

/**
 * Runs a small built-in sample through the analyzer once, while the user is still choosing a
 * file: the engine compiles the hot wasm functions with its optimising tier, so the first real
 * file is read as fast as the later ones (≈ 40 ms here).
 */
function warmUp() {
  let a = null;
  let s = null;
  try {
    a = new Analyzer({});
    s = new SampleStream(20000);
    a.beginFile('warm-up');
    for (let c = s.nextChunk(1 << 20); c !== undefined; c = s.nextChunk(1 << 20)) a.push(c);
    a.endFile();
    a.finish();
  } catch { /* only an optimisation */ } finally {
    try { if (a) a.free(); } catch { /* freed */ }
    try { if (s) s.free(); } catch { /* freed */ }
  }
}

function messageOf(e) {
  if (e == null) return 'lỗi không xác định';
  if (typeof e === 'string') return e;
  if (e instanceof Error) return e.message || String(e);
  if (typeof e.message === 'string') return e.message;
  try { return JSON.stringify(e); } catch { return String(e); }
}

// A wasm trap (Rust panic → `unreachable`) leaves the instance unusable: the page restarts us.
function isFatal(e) {
  return typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError;
}

/** Options for the Analyzer: drop empty values so the core applies its own defaults. */
function cleanOptions(o) {
  const out = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    if (k === 'mapping' && (typeof v !== 'object' || Object.keys(v).length === 0)) continue;
    out[k] = v;
  }
  return out;
}

/**
 * The bytes of a File as Uint8Array chunks, never the whole file at once. File.stream() is the
 * fastest read in Chromium (≈1 MiB chunks, about half the time of 4 MiB Blob.slice reads on a
 * 170 MB file); Blob.slice(…).arrayBuffer() in CHUNK pieces is the fallback.
 * `waited(ms)` is told how long each read kept the analysis waiting.
 */
async function* chunksOf(file, waited) {
  // Each next read is started before the current chunk is handed over, so the browser reads
  // while the analyzer (synchronous, in this thread) parses.
  if (typeof file.stream === 'function') {
    const reader = file.stream().getReader();
    try {
      let pending = reader.read();
      for (;;) {
        const w0 = performance.now();
        const { done, value } = await pending;
        waited(performance.now() - w0);
        if (done) return;
        pending = reader.read();
        if (value && value.byteLength) yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  const slice = (off) => file.slice(off, Math.min(off + CHUNK, file.size)).arrayBuffer();
  let pending = file.size > 0 ? slice(0) : null;
  for (let off = 0; pending; off += CHUNK) {
    const w0 = performance.now();
    const buf = await pending;
    waited(performance.now() - w0);
    pending = off + CHUNK < file.size ? slice(off + CHUNK) : null;
    if (!buf.byteLength) return;
    yield new Uint8Array(buf);
  }
}

self.onmessage = async (ev) => {
  const m = ev.data;
  if (!m || (m.type !== 'run' && m.type !== 'index')) return;
  if (!(await ready)) {
    postMessage({ type: 'error', id: m.id, message: 'Mô-đun phân tích chưa tải được.', fatal: true });
    return;
  }
  if (m.type === 'index') await runIndex(m);
  else await run(m);
};

/**
 * The QĐ 766 index: every input through one IndexBuilder, in this order: the dossier Report
 * (when the page has one), the built-in sample (when asked; its files are sent back so the page
 * keeps them as ordinary files), the chosen files (whole: index inputs are small), the manual
 * entries. Files of the wrong kind or with errors are reported in the IndexReport, not thrown.
 */
async function runIndex({ id, files, sample, report, options, manual }) {
  const t0 = performance.now();
  let b = null;
  try {
    b = new IndexBuilder(cleanOptions(options));
    if (report) b.addReport(report);
    const kinds = [];
    let sampleFiles = null;
    if (sample) {
      sampleFiles = wasm.indexSampleFiles();
      for (const f of sampleFiles) kinds.push(b.addFile(f.name, f.bytes));
    }
    for (const f of files || []) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      kinds.push(b.addFile(f.name, bytes));
    }
    b.setManual(manual && manual.length ? manual : null);
    const out = b.finish();
    postMessage({ type: 'index-done', id, report: out, kinds, sampleFiles, ms: performance.now() - t0 });
  } catch (e) {
    postMessage({ type: 'error', id, message: messageOf(e), fatal: isFatal(e) });
  } finally {
    try { if (b) b.free(); } catch { /* already freed */ }
  }
}

async function run({ id, files, sample, options }) {
  const t0 = performance.now();
  let analysisMs = 0;
  let readWaitMs = 0; // time spent waiting for file reads (not overlapped with analysis)
  let analyzer = null;
  let stream = null;
  let bytesDone = 0;
  const timed = (f) => {
    const s = performance.now();
    try { return f(); } finally { analysisMs += performance.now() - s; }
  };
  try {
    analyzer = timed(() => new Analyzer(cleanOptions(options)));
    if (files && files.length) {
      const bytesTotal = files.reduce((n, f) => n + f.size, 0);
      for (let i = 0; i < files.length; i++) {
        const f = files[i];
        timed(() => analyzer.beginFile(f.name));
        const progress = () => postMessage({
          type: 'progress', id, bytesDone, bytesTotal, rows: analyzer.rowsRead(),
          fileIndex: i, fileCount: files.length, fileName: f.name,
        });
        for await (const bytes of chunksOf(f, (ms) => { readWaitMs += ms; })) {
          timed(() => analyzer.push(bytes));
          bytesDone += bytes.byteLength;
          progress();
        }
        timed(() => analyzer.endFile());
      }
    } else {
      stream = new SampleStream(sample && sample.rows ? sample.rows : 0);
      const name = typeof stream.fileName === 'function' ? stream.fileName() : 'mau.csv';
      // The sample knows its row count: progress by rows (its byte size is not known upfront).
      let rowsTotal = null;
      if (typeof stream.rows === 'function') {
        const n = Number(stream.rows());
        if (Number.isFinite(n) && n > 0) rowsTotal = n;
      }
      const bytesTotal = null;
      timed(() => analyzer.beginFile(name));
      for (;;) {
        const c = stream.nextChunk(CHUNK); // generating the sample is not analysis time
        if (c === undefined || c === null) break;
        timed(() => analyzer.push(c));
        bytesDone += c.byteLength;
        postMessage({
          type: 'progress', id, bytesDone, bytesTotal, rows: analyzer.rowsRead(), rowsTotal,
          fileIndex: 0, fileCount: 1, fileName: name,
        });
      }
      stream.free();
      stream = null;
      timed(() => analyzer.endFile());
    }
    const report = timed(() => analyzer.finish());
    postMessage({ type: 'done', id, report, analysisMs, readWaitMs, workerMs: performance.now() - t0, bytes: bytesDone });
  } catch (e) {
    postMessage({ type: 'error', id, message: messageOf(e), fatal: isFatal(e) });
  } finally {
    try { if (analyzer) analyzer.free(); } catch { /* already freed */ }
    try { if (stream) stream.free(); } catch { /* already freed */ }
  }
}
