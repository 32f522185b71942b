// @ts-check
// The page's three wasm modules (issue 10), in one place: where they are and how a worker gets
// one. scripts/build-wasm.sh writes them into pkg/ (wasm-bindgen + wasm-opt):
//   pkg/tthc_analytics.js + _bg.wasm  the analysis worker (worker.js) and its part workers
//                                     (part-worker.js): every page load
//   pkg/tthc_index.js + _bg.wasm      the QĐ 766 index: the analysis worker, on the first index job
//   pkg/tthc_export.js + _bg.wasm     the outputs (the workbook writer): the export worker
//                                     (export-worker.js) only, started on the first export
// The workers import their modules' bindings by name (a static import, the index's a dynamic
// one); the .wasm files are named here.
//
// Cold start: the page compiles the analysis module once, from its streaming fetch, while its own
// scripts are still loading (boot.js calls `startEarly`), and posts the compiled
// `WebAssembly.Module` to the analysis worker, which posts it on to its part workers: the module
// is fetched and compiled once per page, not once per worker, and a restarted worker (after a
// cancel or a crash) is ready without fetching it again. A worker started here has the name
// `POSTED` and waits for `{ type: 'wasm', module }` before it loads the bindings; a worker
// started otherwise (the benchmark's) fetches its module itself.

/** The analysis module's wasm (its bindings: pkg/tthc_analytics.js). */
export const ANALYSIS_WASM = new URL('../pkg/tthc_analytics_bg.wasm', import.meta.url);
/** The index module's wasm (its bindings: pkg/tthc_index.js). */
export const INDEX_WASM = new URL('../pkg/tthc_index_bg.wasm', import.meta.url);
/** The export module's wasm (its bindings: pkg/tthc_export.js). */
export const EXPORT_WASM = new URL('../pkg/tthc_export_bg.wasm', import.meta.url);

/** The name of a worker whose wasm module the starter posts (`{ type: 'wasm', module }`). */
const POSTED = 'tthc-wasm-posted';

/**
 * A compiled module, from the streaming fetch (falling back to the whole bytes when the server
 * does not say `application/wasm`, as wasm-bindgen's own loader does).
 * @param {URL} url @returns {Promise<WebAssembly.Module>}
 */
export async function compile(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  if (res.headers.get('Content-Type') === 'application/wasm') return WebAssembly.compileStreaming(res);
  return WebAssembly.compile(await res.arrayBuffer());
}

/** @type {Promise<WebAssembly.Module> | null} */
let analysis = null;

/** The analysis module, compiled once per page. */
function analysisModule() {
  analysis ??= compile(ANALYSIS_WASM);
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
 * A module worker at `url` that is posted `module` (or null: it loads its own) once compiled.
 * @param {URL} url @param {Promise<WebAssembly.Module | null>} module @returns {Started}
 */
export function startWorker(url, module) {
  const worker = new Worker(url, { type: 'module', name: POSTED });
  /** @type {{ data?: any, error?: ErrorEvent }[]} */
  let said = [];
  worker.onmessage = (ev) => { said.push({ data: ev.data }); };
  worker.onerror = (ev) => { ev.preventDefault(); said.push({ error: ev }); };
  module.then((m) => m, () => null).then((m) => worker.postMessage({ type: 'wasm', module: m }));
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
    early ??= startWorker(new URL('../worker.js', import.meta.url), analysisModule());
  } catch {
    // no worker here (e.g. a policy): `analysisWorker` tries again and says why
  }
}

/** The analysis worker: the one started early the first time, then a new one (restarts). */
export function analysisWorker() {
  const w = early ?? startWorker(new URL('../worker.js', import.meta.url), analysisModule());
  early = null;
  return w;
}

/**
 * In a worker: the compiled module its starter posts when it started it by `startWorker`
 * (null: none, or the starter could not compile it: the worker loads its own).
 * @returns {Promise<WebAssembly.Module | null>}
 */
export function postedModule() {
  if (self.name !== POSTED) return Promise.resolve(null);
  return new Promise((resolve) => {
    /** @param {MessageEvent} ev */
    const first = (ev) => {
      if (ev.data?.type !== 'wasm') return;
      self.removeEventListener('message', first);
      resolve(ev.data.module ?? null);
    };
    self.addEventListener('message', first);
  });
}
