// The page's own worker (www/worker.js, unchanged: same wasm, same File → chunks → Analyzer →
// Report path, same messages), plus one probe for the benchmark: each `done` message also carries
// the wasm Memory's size at that moment (`wasmBytes`). A wasm Memory never shrinks, so this is the
// peak of the module's heap so far in this worker.
import '/worker.js';
import init from '/pkg/tthc_analytics.js';

/** @type {WebAssembly.Memory | null} */
let memory = null;
// the same instance as worker.js's (wasm-bindgen's init() is once per module)
init().then((ex) => { memory = ex.memory; }, () => {});
const post = self.postMessage.bind(self);
// worker.js posts through the global `postMessage`
self.postMessage = (m, ...rest) => post(m && m.type === 'done' && memory ? { ...m, wasmBytes: memory.buffer.byteLength } : m, ...rest);
