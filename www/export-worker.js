// @ts-check
// The outputs' worker (lib/export.js is the page's side): the core writes an .xlsx workbook of a
// report, form 06 of a report (workbook or CSV), the summary file of a report, or the CSV of a
// table, and the bytes go back transferred. Its wasm module
// is the export module (pkg/tthc_export.js: the workbook writer, which the analysis module does
// not have; lib/wasm.js), loaded here on the first export, apart from the analysis worker
// (worker.js), which runs one job at a time and is restarted when a run is cancelled.

import init, { exportXlsx, exportForm06, exportIndexXlsx, tableCsv, makeSummary, takePanic } from './pkg/tthc_export.js';
import { wasmInput } from './lib/worker-shared.js';

/** @typedef {import('./types.js').ExportJob} ExportJob */
/** @typedef {import('./types.js').ExportReply} ExportReply */

// from the URL the page gave, the bytes dist/tthc.html carries, or next to the glue (lib/wasm.js)
const ready = wasmInput('tthc_export_bg.wasm').then(init);

/** @param {ExportReply} m @param {Transferable[]} [transfer] */
const reply = (m, transfer = []) => postMessage(m, transfer);

/** @param {ExportJob} m @returns {Uint8Array} */
function write(m) {
  switch (m.kind) {
    case 'xlsx': return exportXlsx(m.report, m.index);
    case 'form06': return exportForm06(m.report, m.variant, m.csv);
    case 'index-xlsx': return exportIndexXlsx(m.index);
    case 'summary': return new TextEncoder().encode(makeSummary(m.report, m.label));
    default: return tableCsv(m.rows, m.semicolon);
  }
}

self.onmessage = async (/** @type {MessageEvent<ExportJob>} */ ev) => {
  const m = ev.data;
  try {
    await ready;
    const bytes = write(m);
    reply({ id: m.id, bytes }, [bytes.buffer]);
  } catch (e) {
    let message = e instanceof Error ? e.message || String(e) : String(e ?? 'lỗi không xác định');
    // a Rust panic traps the instance (WebAssembly.RuntimeError): the page starts a new worker;
    // the panic's text (kept by the panic hook) says more than «unreachable»
    const fatal = e instanceof WebAssembly.RuntimeError;
    if (fatal) {
      try { message = takePanic() ?? message; } catch { /* the instance cannot answer */ }
    }
    reply({ id: m.id, error: message, fatal });
  }
};
