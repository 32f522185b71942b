// @ts-check
// Reading a File (or a slice of it) in chunks, for the workers (worker.js, part-worker.js).

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
