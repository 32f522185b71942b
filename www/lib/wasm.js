// @ts-check
// The workers and the page's four wasm modules, page side, in one place (issues 10 and 11): where
// each is, and how each worker gets its module. The workers' side of it is lib/worker-shared.js
// (`workerConfig`, `wasmInput`, `startWorker`, and `compile`, which both sides use).
//
// The modules: scripts/build-wasm.sh writes them into pkg/ (wasm-bindgen + wasm-opt):
//   pkg/tthc_analytics.js + _bg.wasm  the analysis worker (worker.js) and its part workers
//                                     (part-worker.js): every page load
//   pkg/tthc_index.js + _bg.wasm      the QĐ 766 index: the analysis worker, on the first index job
//   pkg/tthc_export.js + _bg.wasm     the outputs (the workbook writer): the export worker
//                                     (export-worker.js) only, started on the first export
//   pkg/tthc_analytics_legacy.js + _bg.wasm  the analysis module with calamine's .xls/.xlsb/.ods
//                                     readers: the analysis worker, when a job's file is one
//                                     of those (the lean module's analyzer says so), which then
//                                     reads the job's files again with it
// The workers import their modules' bindings by name (a static import, the index's a dynamic
// one); the .wasm files are named here.
//
// Where: next to these modules by default (the page, or the npm package's folder as it is); a
// portal that rewrites paths says otherwise with `init({ wasmUrl, wasmUrls, workerUrl })`
// (tthc.js → `setAssets`; `wasmUrls` by file name, e.g. `tthc_index_bg.wasm`), and the
// self-contained dist/tthc.html points the workers at Blob URLs (classic workers carrying the
// bytes of the modules they load in `self.TTHC_INLINE`, scripts/dist.mjs).
//
// How: a module worker is told what it needs in its `name`, as JSON (`WorkerConfig`, types.js):
// the wasm URLs and the part worker's when the page set them, and `posted: true` when its starter
// will post it the compiled analysis module (`{ type: 'wasm', module }`, its first message). The
// page compiles the analysis module once, from its streaming fetch (boot.js starts it while the
// page's scripts are still loading), and posts the `WebAssembly.Module` to the analysis worker,
// which posts it on to its part workers: the module is fetched and compiled once per page, not
// once per worker, and a restarted worker (after a cancel or a crash) is ready without fetching
// it again. A worker without a posted module (the export worker; any worker when the page could
// not compile: it is then posted null) loads its module from the URL in its name, or from next
// to its glue; a bundled classic worker (dist/tthc.html) from the bytes it carries. The index
// module is never posted: the analysis worker loads it the same way (URL in its name, bytes it
// carries, or next to its glue) on its first index job, and the legacy module the same way. A
// worker not posted a module (the benchmark's, a page that could not compile) compiles its own
// and posts that to its part workers (`compiledModule`).

import { compile } from './worker-shared.js';

/** The analysis module's wasm file (its bindings: pkg/tthc_analytics.js). */
export const ANALYSIS = 'tthc_analytics_bg.wasm';
/** The index module's wasm file (its bindings: pkg/tthc_index.js). */
export const INDEX = 'tthc_index_bg.wasm';
/** The export module's wasm file (its bindings: pkg/tthc_export.js). */
export const EXPORT = 'tthc_export_bg.wasm';
/** The legacy analysis module's wasm file (its bindings: pkg/tthc_analytics_legacy.js). */
export const LEGACY = 'tthc_analytics_legacy_bg.wasm';

/** The default place of each wasm file: next to its glue in pkg/. @type {Record<string, () => string>} */
const NEAR_WASM = {
  [ANALYSIS]: () => new URL('../pkg/tthc_analytics_bg.wasm', import.meta.url).href,
  [INDEX]: () => new URL('../pkg/tthc_index_bg.wasm', import.meta.url).href,
  [EXPORT]: () => new URL('../pkg/tthc_export_bg.wasm', import.meta.url).href,
  [LEGACY]: () => new URL('../pkg/tthc_analytics_legacy_bg.wasm', import.meta.url).href,
};

/**
 * @typedef {object} Assets
 * @property {string} worker  the dossier worker (worker.js)
 * @property {string} partWorker  the part worker (part-worker.js), started by the dossier worker
 * @property {string} exportWorker  the outputs' worker (export-worker.js)
 * @property {'module' | 'classic'} type  module workers (www/, the npm folder), or classic ones
 *   (the bundled workers of dist/tthc.html: Chromium starts no module worker from a Blob URL on
 *   file://)
 * @property {Record<string, string>} wasm  a wasm file's name in www/pkg (e.g.
 *   `tthc_analytics_bg.wasm`) → where to load it from; a module not listed loads from next to
 *   its glue
 */

/** @typedef {import('../types.js').WorkerConfig} WorkerConfig */

/** @type {Partial<Assets>} what was set (the rest is next to these modules) */
let set = {};

/**
 * Changes where the workers and wasm modules are; relative URLs are resolved against the
 * document's address. A worker URL given alone moves its siblings with it (the part and export
 * workers are looked for next to it unless named too). A compile or an early worker started
 * before (for the old places) is dropped.
 * @param {{ worker?: string | URL, partWorker?: string | URL, exportWorker?: string | URL, wasm?: Record<string, string | URL>, type?: 'module' | 'classic' }} a
 */
export function setAssets(a) {
  const base = document.baseURI;
  const abs = (/** @type {string | URL} */ u) => new URL(String(u), base).href;
  const next = { ...set };
  /** the sibling `f` of the worker (none for a Blob URL, which has no folder) @param {string} f */
  const sibling = (f) => { try { return new URL(f, next.worker).href; } catch { return undefined; } };
  if (a.worker) {
    next.worker = abs(a.worker);
    next.partWorker = sibling('part-worker.js');
    next.exportWorker = sibling('export-worker.js');
  }
  if (a.partWorker) next.partWorker = abs(a.partWorker);
  if (a.exportWorker) next.exportWorker = abs(a.exportWorker);
  if (a.type) next.type = a.type;
  next.wasm = { ...next.wasm };
  for (const [name, url] of Object.entries(a.wasm ?? {})) next.wasm[name] = abs(url);
  set = next;
  analysis = null;
  if (early) early.worker.terminate();
  early = null;
}

/**
 * Where each is now (a default is resolved only when asked for: a bundle that sets them all never
 * resolves a path against its own address).
 * @returns {Assets}
 */
export function getAssets() {
  const near = (/** @type {string} */ f) => new URL(f, import.meta.url).href;
  return {
    worker: set.worker ?? near('../worker.js'),
    partWorker: set.partWorker ?? near('../part-worker.js'),
    exportWorker: set.exportWorker ?? near('../export-worker.js'),
    type: set.type ?? 'module',
    wasm: set.wasm ?? {},
  };
}

/** Where the wasm file `file` is loaded from (the page's setting, else next to its glue). @param {string} file */
export function wasmUrl(file) {
  return set.wasm?.[file] ?? NEAR_WASM[file]?.() ?? new URL(`../pkg/${file}`, import.meta.url).href;
}

/** @type {Promise<WebAssembly.Module> | null} */
let analysis = null;

/**
 * The analysis module compiled by the page (once per page and per `setAssets`), or null where the
 * workers get their bytes otherwise: classic (bundled) workers carry them.
 * @returns {Promise<WebAssembly.Module> | null}
 */
function analysisModule() {
  if (getAssets().type === 'classic') return null;
  if (!analysis) {
    const p = compile(wasmUrl(ANALYSIS));
    analysis = p;
    // a failed compile is not kept: the worker is posted null and loads its own (and says why
    // when it cannot), and the next worker tries again
    p.catch(() => { if (analysis === p) analysis = null; });
  }
  return analysis;
}

/**
 * A started worker: its messages and its load error, kept until the caller listens
 * (`listen`), so that a worker started early loses nothing it said before the page's scripts ran.
 * @typedef {object} Started
 * @property {Worker} worker
 * @property {(onMessage: (data: any) => void, onError: (ev: ErrorEvent) => void) => void} listen
 *   sets the handlers; what the worker said before is handed to them at once
 */

/**
 * A worker at `url`, told where things are (its `name`, a module worker) and posted `module` once
 * compiled when there is one (null: it loads its own).
 * @param {string} url @param {Promise<WebAssembly.Module> | null} module @returns {Started}
 */
function start(url, module) {
  const a = getAssets();
  /** @type {WorkerOptions} */
  let options;
  if (a.type === 'classic') {
    options = { type: 'classic' }; // the bundled workers carry every module (dist/tthc.html)
  } else {
    /** @type {WorkerConfig} */
    const config = { wasm: { ...a.wasm } };
    if (set.partWorker) config.partWorker = a.partWorker;
    if (module) config.posted = true;
    options = { type: 'module', name: JSON.stringify(config) };
  }
  const worker = new Worker(url, options);
  /** @type {{ data?: any, error?: ErrorEvent }[]} */
  let said = [];
  worker.onmessage = (ev) => { said.push({ data: ev.data }); };
  worker.onerror = (ev) => { ev.preventDefault(); said.push({ error: ev }); };
  if (module) module.then((m) => m, () => null).then((m) => worker.postMessage({ type: 'wasm', module: m }));
  return {
    worker,
    listen(onMessage, onError) {
      worker.onmessage = (ev) => onMessage(ev.data);
      worker.onerror = onError;
      const before = said;
      said = [];
      for (const s of before) {
        if (s.error) onError(s.error);
        else onMessage(s.data);
      }
    },
  };
}

/** @type {Started | null} */
let early = null;

/** Starts the analysis module's compile and the analysis worker now (boot.js: before app.js runs). */
export function startEarly() {
  try {
    early ??= start(getAssets().worker, analysisModule());
  } catch {
    // no worker here (e.g. a policy): `analysisWorker` tries again and says why
  }
}

/** The analysis worker: the one started early the first time, then a new one (restarts). */
export function analysisWorker() {
  const w = early ?? start(getAssets().worker, analysisModule());
  early = null;
  return w;
}

/** The export worker (it loads the export module itself, on the first export). @returns {Worker} */
export function exportWorker() {
  return start(getAssets().exportWorker, null).worker;
}
