// @ts-check
// What the workers (worker.js, part-worker.js, export-worker.js) do alike: find their wasm module
// (the workers' side of lib/wasm.js; `compile`, the page uses too), read a File (or a slice of
// it) in chunks, warm the wasm up.

/** @typedef {import('../types.js').WorkerConfig} WorkerConfig */
/** @typedef {import('../types.js').WasmMsg} WasmMsg */

/**
 * What the starter told this worker in its name (lib/wasm.js): where the wasm modules and the part
 * worker are when the page set them, and whether a compiled module will be posted. A name that is
 * not ours (a worker started otherwise, the benchmark's): the defaults.
 * @returns {WorkerConfig}
 */
export function workerConfig() {
  try {
    const c = self.name ? JSON.parse(self.name) : null;
    if (c && typeof c === 'object' && c.wasm && typeof c.wasm === 'object') return c;
  } catch { /* a name that is not ours: defaults */ }
  return { wasm: {} };
}

/**
 * What the self-contained dist/tthc.html puts before each worker's bundled code (scripts/dist.mjs):
 * the wasm modules it needs as base64 (of their gzipped bytes when `gzip`) and every worker's
 * code, so that a worker started from a Blob URL on file:// — which may fetch nothing, not even
 * another Blob URL of the page — has its module and can start its own part workers. Null
 * everywhere else.
 * @returns {{ wasm: Record<string, string>, gzip?: boolean, workers: Record<string, string> } | null}
 */
function inlineAssets() {
  return /** @type {any} */ (self).TTHC_INLINE ?? null;
}

/** @type {Promise<WebAssembly.Module | null> | null} */
let posted = null;

/**
 * The compiled module this worker's starter posts (`{ type: 'wasm', module }`, its first message)
 * when the name says `posted`; null when none is posted, or the starter could not compile it.
 * Called at the worker's start (its listener must be there before the first message is handed
 * out); the worker's `onmessage` ignores that message.
 * @returns {Promise<WebAssembly.Module | null>}
 */
export function postedModule() {
  if (posted) return posted;
  if (!workerConfig().posted) {
    posted = Promise.resolve(null);
    return posted;
  }
  posted = new Promise((resolve) => {
    /** @param {MessageEvent} ev */
    const first = (ev) => {
      if (ev.data?.type !== 'wasm') return;
      self.removeEventListener('message', first);
      resolve(ev.data.module ?? null);
    };
    self.addEventListener('message', first);
  });
  return posted;
}

/**
 * The argument for a wasm-bindgen glue's `init` for the module `file` (its name in www/pkg):
 * the compiled module when the starter posted one; its bytes when inlined (dist/tthc.html, which
 * carries them gzipped: inflated here); its URL when the page said where it is; else undefined
 * (the glue loads it from next to itself). The
 * glue streams a URL (`instantiateStreaming`), and falls back to reading the bytes when a server
 * sends another Content-Type than application/wasm.
 * @param {string} file
 * @param {boolean} [posted]  whether the module the starter posts is this one (the analysis
 *   module: not the index module, which the analysis worker loads itself)
 * @returns {Promise<{ module_or_path: WebAssembly.Module | string | Uint8Array } | undefined>}
 */
export async function wasmInput(file, posted = true) {
  const b64 = inlineAssets()?.wasm[file];
  if (b64) {
    const s = atob(b64);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    if (!inlineAssets()?.gzip) return { module_or_path: bytes };
    // dist/tthc.html carries them gzipped (scripts/dist.mjs)
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return { module_or_path: new Uint8Array(await new Response(inflated).arrayBuffer()) };
  }
  const module = posted ? await postedModule() : null;
  if (module) return { module_or_path: module };
  const url = workerConfig().wasm[file];
  return url ? { module_or_path: url } : undefined;
}

/**
 * The compiled module `file` (its name in www/pkg): the one the starter posted, else compiled
 * from what `wasmInput` finds (the bytes dist/tthc.html carries, the URL the page set, or next to
 * this file's www/pkg), streaming when the server says application/wasm. For a worker that posts
 * it on to the workers it starts.
 * @param {string} file
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compiledModule(file) {
  const input = (await wasmInput(file))?.module_or_path;
  if (input instanceof WebAssembly.Module) return input;
  if (input instanceof Uint8Array) return WebAssembly.compile(/** @type {Uint8Array<ArrayBuffer>} */ (input));
  return compile(input ?? new URL(`../pkg/${file}`, import.meta.url).href);
}

/**
 * A compiled module, from the streaming fetch (falling back to the whole bytes when the server
 * does not say `application/wasm`, with a warning, as wasm-bindgen's own loader does).
 * @param {string} url @returns {Promise<WebAssembly.Module>}
 */
export async function compile(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const type = res.headers.get('Content-Type');
  if (type === 'application/wasm') return WebAssembly.compileStreaming(res);
  console.warn(`tthc-analytics: ${url} is not served as application/wasm (Content-Type: ${type}): `
    + 'compiled from the whole bytes instead of while downloading (slower start).');
  return WebAssembly.compile(await res.arrayBuffer());
}

/**
 * A worker started by this worker (the part workers): from the inlined code (dist/tthc.html), or
 * from where the page said, or `near` (next to the caller); it is told the same places, and
 * posted `module` (this worker's compiled module; null: it loads its own as this one did).
 * @param {string} file  e.g. `part-worker.js`
 * @param {() => URL} near  (a function: a bundled worker has no address to resolve against)
 * @param {Promise<WebAssembly.Module | null>} module
 * @returns {Worker}
 */
export function startWorker(file, near, module) {
  const inl = inlineAssets();
  if (inl?.workers[file]) {
    const code = ['self.TTHC_INLINE=', JSON.stringify(inl), ';\n', inl.workers[file]];
    return new Worker(URL.createObjectURL(new Blob(code, { type: 'text/javascript' })));
  }
  /** @type {WorkerConfig} */
  const config = { ...workerConfig(), posted: true };
  const url = (file === 'part-worker.js' ? config.partWorker : undefined) ?? near();
  const w = new Worker(url, { type: 'module', name: JSON.stringify(config) });
  module.then((m) => m, () => null).then((m) => w.postMessage(/** @type {WasmMsg} */ ({ type: 'wasm', module: m })));
  return w;
}

/**
 * The bytes of a Blob as Uint8Array chunks, never the whole of it at once. Blob.stream() is the
 * fastest read in Chromium (≈1 MiB chunks, about half the time of 4 MiB Blob.slice reads on a
 * 170 MB file). Each next read is started before the current chunk is handed over, so the browser
 * reads while the analyzer (synchronous, in this thread) parses. `waited(ms)` is told how long
 * each read kept the analysis waiting.
 * @param {Blob} blob
 * @param {(ms: number) => void} waited
 * @returns {AsyncGenerator<Uint8Array>}
 */
export async function* chunksOf(blob, waited) {
  const reader = blob.stream().getReader();
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

/**
 * Runs a small built-in sample through the analyzer once, while the user is still choosing a
 * file: the engine compiles the hot wasm functions with its optimising tier, so the first real
 * file is read as fast as the later ones (≈ 40 ms here). The worker's own bindings are passed
 * in, so that this module needs no import of its own.
 * @param {typeof import('../pkg/tthc_analytics.js').Analyzer} Analyzer
 * @param {typeof import('../pkg/tthc_analytics.js').SampleStream} SampleStream
 */
export function warmUp(Analyzer, SampleStream) {
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
