// @ts-check
// The plain ES-module API, for a portal's own script (issue 11):
//
//   import { init, analyze, index } from './tthc.js';
//   await init({ wasmUrl: '/static/tthc/tthc_analytics_bg.wasm', workerUrl: '/static/tthc/worker.js' });
//   const report = await analyze(fileInput.files, { year: 2024 });
//   const idx = await index([], { methodology: 'qd766-portal' }, { report });
//
// Everything runs through the page's own path: run.js → worker.js (wasm), a large CSV cut among
// part workers, one per core (part-worker.js). One job at a time: calls wait for the one before.
// The analysis module is fetched and compiled once, here, and handed to the workers (lib/wasm.js).
// The types are the ones generated from the Rust types (pkg/tthc_types.d.ts).

import { Runner } from './run.js';
import { setAssets } from './lib/wasm.js';

/** @typedef {import('./types.js').Report} Report */
/** @typedef {import('./types.js').IndexReport} IndexReport */
/** @typedef {import('./types.js').AnalyzerOptions} AnalyzerOptions */
/** @typedef {import('./types.js').IndexOptions} IndexOptions */
/** @typedef {import('./types.js').ManualEntry} ManualEntry */
/** @typedef {import('./types.js').ProgressMsg} ProgressMsg */

/**
 * What `analyze` and `index` read: a File (its name is kept), a Blob, bytes, or a list of them
 * (a FileList too). Blobs and bytes are named `tep-1`, `tep-2`… in the Report.
 * @typedef {File | Blob | Uint8Array | ArrayBuffer | FileList | Array<File | Blob | Uint8Array | ArrayBuffer>} Input
 */

/**
 * @typedef {object} InitOptions
 * @property {string | URL} [wasmUrl]  the analysis module (`tthc_analytics_bg.wasm`); default: next
 *   to pkg/tthc_analytics.js
 * @property {Record<string, string | URL>} [wasmUrls]  any wasm module of pkg/ by its file name
 *   (`tthc_index_bg.wasm`, the index module; `tthc_analytics_legacy_bg.wasm`, the analysis module
 *   with the .xls/.xlsb/.ods readers; `tthc_export_bg.wasm`, the export module: the outputs)
 * @property {string | URL} [workerUrl]  worker.js; the part and export workers are looked for next to it
 * @property {string | URL} [partWorkerUrl]
 * @property {string | URL} [exportWorkerUrl]
 * @property {'module' | 'classic'} [workerType]  'classic' for bundled workers (dist/tthc.html)
 */

/**
 * @typedef {object} Ready
 * @property {string} version  the core's version
 * @property {string[]} methodologies  the embedded index methodologies
 */

/**
 * @typedef {object} RunControl
 * @property {(p: ProgressMsg) => void} [onProgress]  bytes and rows read so far
 * @property {AbortSignal} [signal]  aborting stops the analysis at once (the worker is restarted)
 * @property {number} [workers]  workers reading one large file (default: one per core)
 */

/** An error of a job: the core's message (Vietnamese), and what the failure was. */
export class TthcError extends Error {
  /** @param {string} message @param {{ fatal?: boolean, crash?: import('./types.js').Crash, aborted?: boolean }} [info] */
  constructor(message, info = {}) {
    super(message);
    this.name = 'TthcError';
    this.fatal = !!info.fatal;
    this.crash = info.crash ?? null;
    this.aborted = !!info.aborted;
  }
}

/**
 * @typedef {object} Pending
 * @property {(m: any) => void} resolve
 * @property {(e: TthcError) => void} reject
 * @property {((p: ProgressMsg) => void) | undefined} progress
 */

/**
 * @typedef {object} Session
 * @property {Runner} runner
 * @property {Promise<Ready>} ready  the first start
 * @property {Ready | null} info
 * @property {Array<() => void>} waiting  jobs waiting for the (re)started worker
 * @property {Pending | null} job
 * @property {Promise<unknown>} queue
 */

/** @type {Session | null} */
let session = null;

/**
 * Starts the analysis worker (once; later calls return the same promise) and loads the wasm
 * module. Options say where the files are when they are not next to this module.
 * @param {InitOptions} [options]
 * @returns {Promise<Ready>}
 */
export function init(options = {}) {
  if (session) return session.ready;
  const { wasmUrl, wasmUrls, workerUrl, partWorkerUrl, exportWorkerUrl, workerType } = options;
  if (wasmUrl || wasmUrls || workerUrl || partWorkerUrl || exportWorkerUrl || workerType) {
    setAssets({
      worker: workerUrl, partWorker: partWorkerUrl, exportWorker: exportWorkerUrl, type: workerType,
      wasm: { ...(wasmUrls ?? {}), ...(wasmUrl ? { 'tthc_analytics_bg.wasm': wasmUrl } : {}) },
    });
  }
  /** @type {(r: Ready) => void} */
  let ok = () => {};
  /** @type {(e: Error) => void} */
  let fail = () => {};
  const ready = new Promise((resolve, reject) => { ok = resolve; fail = reject; });
  // `runner` is set just below (its hooks need `s`)
  const s = /** @type {Session} */ (/** @type {unknown} */ ({ ready, info: null, waiting: [], job: null, queue: Promise.resolve() }));
  s.runner = new Runner({
    ready(m) {
      s.info = { version: m.version, methodologies: m.methodologies };
      ok(s.info);
      for (const go of s.waiting.splice(0)) go();
    },
    initError(message) {
      const e = new TthcError(message || 'Không tải được mô-đun phân tích (WebAssembly).');
      fail(e);
      if (s.job) { s.job.reject(e); s.job = null; }
    },
    progress(m) { s.job?.progress?.(m); },
    done(m) { const j = s.job; s.job = null; j?.resolve(JSON.parse(m.reportJson)); },
    indexDone(m) { const j = s.job; s.job = null; j?.resolve(m.report); },
    failed(_kind, message, fatal, crash) {
      const j = s.job;
      s.job = null;
      j?.reject(new TthcError(message, { fatal, crash }));
    },
  });
  session = s;
  s.runner.start();
  return ready;
}

/** @returns {Session} */
function started() {
  init();
  return /** @type {Session} */ (session);
}

/**
 * Runs `post` once the worker is ready and the jobs before it ended; settles with the job.
 * @template T
 * @param {(runner: Runner) => void} post  posts the job
 * @param {RunControl} ctl
 * @returns {Promise<T>}
 */
function enqueue(post, ctl) {
  const s = started();
  const result = s.queue.then(() => s.ready).then(() => new Promise((resolve, reject) => {
    const go = () => {
      if (ctl.signal?.aborted) { reject(abortError()); return; }
      s.job = { resolve, reject, progress: ctl.onProgress };
      const onAbort = () => {
        if (s.job?.resolve !== resolve) return;
        s.job = null;
        s.runner.cancel(); // terminates the worker: whatever wasm does stops now
        reject(abortError());
      };
      ctl.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        post(s.runner);
      } catch (e) {
        s.job = null;
        reject(new TthcError(e instanceof Error ? e.message : String(e)));
      }
    };
    if (s.runner.ready && !s.runner.busy) go();
    else s.waiting.push(go);
  }));
  s.queue = result.catch(() => {});
  return /** @type {Promise<T>} */ (result);
}

const abortError = () => new TthcError('Đã hủy.', { aborted: true });

/**
 * The files as File objects (the worker reads Files).
 * @param {Input} input
 * @returns {File[]}
 */
export function toFiles(input) {
  const list = (typeof FileList !== 'undefined' && input instanceof FileList) || Array.isArray(input) ? [...input] : [input];
  return list.map((x, i) => {
    if (x instanceof File) return x;
    const name = `tep-${i + 1}`;
    if (x instanceof Blob) return new File([x], name, { type: x.type });
    if (x instanceof ArrayBuffer || ArrayBuffer.isView(x)) return new File([/** @type {BlobPart} */ (x)], name);
    throw new TypeError('analyze: cần File, Blob, Uint8Array hoặc một danh sách của chúng.');
  });
}

/**
 * The dossier Report of `input` (the page's «Chọn tệp…»), or of the built-in sample
 * (`{ sample: 0 }`: the full province-year; a number: that many rows).
 * @param {Input | { sample: number }} input
 * @param {AnalyzerOptions} [options]  the period, convention, two-tier mode, mapping…
 * @param {RunControl} [control]
 * @returns {Promise<Report>}
 */
export function analyze(input, options = {}, control = {}) {
  const sample = isSample(input) ? { rows: input.sample } : null;
  const files = isSample(input) ? null : toFiles(input);
  return enqueue((r) => r.run({ files, sample, options, workers: control.workers }), control);
}

/** @param {unknown} x @returns {x is { sample: number }} */
const isSample = (x) => typeof x === 'object' && x !== null && !(x instanceof Blob) && 'sample' in x;

/**
 * The QĐ 766 service index, as the page's «Chỉ số 766» tab computes it: the files (catalogue,
 * portal JSON, ranking table, dossier CSVs…), the dossier Report when given, manual entries.
 * @param {Input} input  may be an empty list
 * @param {IndexOptions} [options]  methodology, focus, target
 * @param {{ report?: Report | null, manual?: ManualEntry[], sample?: boolean, signal?: AbortSignal }} [extra]
 *   `sample`: add the built-in index sample (catalogue and ranking table)
 * @returns {Promise<IndexReport>}
 */
export function index(input, options = {}, extra = {}) {
  const files = toFiles(input);
  return enqueue((r) => r.index({
    files, sample: !!extra.sample, report: extra.report ?? null, options, manual: extra.manual ?? [],
  }), { signal: extra.signal });
}
