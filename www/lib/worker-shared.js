// @ts-check
// What both workers (worker.js, part-worker.js) do alike: read a File (or a slice of it) in
// chunks, and warm the wasm up.

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
