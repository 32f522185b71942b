// @ts-check
// A part worker: reads one byte range of a large file for the dossier worker (worker.js starts
// it, one per core beyond its own), so that a file is read by every core without
// SharedArrayBuffer (a portal sends no COOP/COEP). The protocol (typed in types.js):
//   worker → part worker: first WasmMsg { type: 'wasm', module } (the compiled module, or null),
//                         then PartJob { type: 'part', id, file, start, end, last, options }
//   part worker → worker: PartProgress { type: 'part-progress', id, bytes, rows }
//                         | PartDone { type: 'part-done', id, bytes: Uint8Array | null, ms, takeMs }
// `bytes` null: the file does not split (the core said why) or the part failed; the dossier
// worker then reads that range itself. What the bytes hold and how they are merged is the
// core's (`dossier::part`, `Analyzer.absorbPart`).

import init, { Analyzer, SampleStream, partHeadBytes } from './pkg/tthc_analytics.js';
import { chunksOf, warmUp, wasmInput } from './lib/worker-shared.js';

/** @typedef {import('./types.js').PartJob} PartJob */
/** @typedef {import('./types.js').PartMsg} PartMsg */
/** @typedef {import('./types.js').WasmMsg} WasmMsg */

/** @param {PartMsg} m @param {Transferable[]} [transfer] */
const post = (m, transfer = []) => postMessage(m, { transfer });

// the same warm-up as the dossier worker: the first part is read at full speed
// (the module the dossier worker posts, else from where the page said: lib/worker-shared.js)
const ready = wasmInput('tthc_analytics_bg.wasm').then(init).then(() => warmUp(Analyzer, SampleStream));

self.onmessage = async (/** @type {MessageEvent<PartJob | WasmMsg>} */ ev) => {
  const job = ev.data;
  if (job.type === 'wasm') return; // taken by postedModule
  const t0 = performance.now();
  /** @type {Analyzer | null} */
  let a = null;
  try {
    await ready;
    const head = new Uint8Array(await job.file.slice(0, partHeadBytes()).arrayBuffer());
    a = Analyzer.forPart(job.options, job.file.name, head);
    let done = 0;
    for await (const chunk of chunksOf(job.file.slice(job.start, job.end), () => {})) {
      a.push(chunk);
      done += chunk.byteLength;
      post({ type: 'part-progress', id: job.id, bytes: done, rows: a.rowsRead() });
    }
    const t1 = performance.now();
    const bytes = a.takePart(job.last);
    post({ type: 'part-done', id: job.id, bytes, ms: performance.now() - t0, takeMs: performance.now() - t1 }, [bytes.buffer]);
  } catch {
    // not a file that splits, or a failure here: the dossier worker reads this range itself
    post({ type: 'part-done', id: job.id, bytes: null, ms: performance.now() - t0, takeMs: 0 });
  } finally {
    a?.free();
  }
};
