// @ts-check
// Where the workers and the wasm modules are. By default next to these modules (the page, or the
// npm package's folder as it is); a portal that rewrites paths says otherwise with
// `init({ wasmUrl, workerUrl })` (tthc.js), and the self-contained dist/tthc.html points them at
// Blob URLs. The page side (run.js, lib/export.js) starts each worker with `workerOptions()`:
// the worker's `name` carries the URLs it needs (the wasm modules, the part worker), read back
// in the worker by `workerConfig()` (lib/worker-shared.js) — no extra message, no change to the
// protocol; an empty name (the page's default) means «next to me».

/**
 * @typedef {object} Assets
 * @property {string} worker  the dossier worker (worker.js)
 * @property {string} partWorker  the part worker (part-worker.js), started by the dossier worker
 * @property {string} exportWorker  the outputs' worker (export-worker.js)
 * @property {'module' | 'classic'} type  module workers (www/, the npm folder), or classic ones
 *   (the bundled workers of dist/tthc.html: Chromium starts no module worker from a Blob URL on
 *   file://)
 * @property {Record<string, string>} wasm  a wasm file's name in www/pkg (e.g.
 *   `tthc_analytics_bg.wasm`) → where to load it from; a module not listed loads from its glue's
 *   default (next to the glue)
 */

/** @typedef {import('../types.js').WorkerConfig} WorkerConfig */

/** @type {Partial<Assets>} what was set (the rest is next to these modules) */
const set = {};
/** Whether anything was set (otherwise workers are started exactly as the page always did). */
let custom = false;

/**
 * Changes where the workers and wasm modules are; relative URLs are resolved against the
 * document's address. A worker URL given alone moves its siblings with it (the part and export
 * workers are looked for next to it unless named too).
 * @param {{ worker?: string | URL, partWorker?: string | URL, exportWorker?: string | URL, wasm?: Record<string, string | URL>, type?: 'module' | 'classic' }} a
 */
export function setAssets(a) {
  const base = document.baseURI;
  const abs = (/** @type {string | URL} */ u) => new URL(String(u), base).href;
  /** the sibling `f` of the worker (none for a Blob URL, which has no folder) @param {string} f */
  const sibling = (f) => { try { return new URL(f, set.worker).href; } catch { return undefined; } };
  if (a.worker) {
    set.worker = abs(a.worker);
    set.partWorker = sibling('part-worker.js');
    set.exportWorker = sibling('export-worker.js');
  }
  if (a.partWorker) set.partWorker = abs(a.partWorker);
  if (a.exportWorker) set.exportWorker = abs(a.exportWorker);
  if (a.type) set.type = a.type;
  set.wasm = { ...set.wasm };
  for (const [name, url] of Object.entries(a.wasm ?? {})) set.wasm[name] = abs(url);
  custom = true;
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

/** The options to start a worker with (module worker; its config in its name when customised). @returns {WorkerOptions} */
export function workerOptions() {
  if (!custom) return { type: 'module' };
  if (set.type === 'classic') return { type: 'classic' };
  /** @type {WorkerConfig} */
  const config = { wasm: set.wasm ?? {}, partWorker: getAssets().partWorker };
  return { type: 'module', name: JSON.stringify(config) };
}
