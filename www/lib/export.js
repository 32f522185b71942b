// @ts-check
// Outputs, page side. The core writes the files — the .xlsx workbook of a report, the CSV of a
// table (UTF-8 with BOM, `;`, RFC 4180 quoting, formula-like cells neutralised) — in a worker of
// its own (export-worker.js), started on the first export: the analysis worker runs one job at a
// time and is restarted when a run is cancelled, and an export must not wait for, nor stop, an
// analysis. The bytes come back transferred and are offered as a download.
//
// CSV: the cells as the table shows them (vi-VN numbers: 98.942; 99,84%) with `;` between them,
// which is what Excel expects with Vietnamese regional settings (list separator `;`, decimal
// comma): the columns and the numbers open as such there, and elsewhere the file opens as one
// column instead of silently wrong numbers. «Xuất Excel» is the format that opens the same
// everywhere.

import { t } from '../i18n.js';
import { h } from './dom.js';
import { exportWorker } from './wasm.js';

/** @typedef {import('../types.js').Report} Report */
/** @typedef {import('../types.js').IndexReport} IndexReport */
/** @typedef {import('../types.js').ExportJob} ExportJob */
/** @typedef {import('../types.js').ExportReply} ExportReply */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** @type {Worker | null} */
let worker = null;
let seq = 0;
/** @type {Map<number, { resolve: (b: Uint8Array) => void, reject: (e: Error) => void }>} */
const pending = new Map();

/** Every pending request fails with `message`; the next request starts a new worker. @param {string} message */
function failAll(message) {
  if (worker) worker.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
}

function start() {
  const w = exportWorker();
  w.onmessage = (/** @type {MessageEvent<ExportReply>} */ ev) => {
    const m = ev.data;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.bytes) p.resolve(m.bytes);
    else p.reject(new Error(m.error));
    if (m.fatal) failAll(m.error ?? ''); // a wasm trap: this instance is unusable
  };
  w.onerror = (ev) => { ev.preventDefault(); failAll(ev.message || t('status.loadHint')); };
  return w;
}

/** @param {ExportJob} job @returns {Promise<Uint8Array>} */
function request(job) {
  worker ??= start();
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(job.id, { resolve, reject });
    w.postMessage(job);
  });
}

/** Offers bytes as a file download. @param {Uint8Array} bytes @param {string} name @param {string} type */
export function saveBytes(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)], { type }));
  const a = h('a', { href: url, download: name, class: 'hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

/**
 * The dossier Report, and the IndexReport when there is one, as a workbook download.
 * @param {Report} report @param {IndexReport | null} index @param {string} name
 */
export async function saveXlsx(report, index, name) {
  const job = { id: ++seq, kind: /** @type {const} */ ('xlsx'), report: JSON.stringify(report), index: index ? JSON.stringify(index) : null };
  saveBytes(await request(job), name, XLSX);
}

/**
 * The dossier Report as form 06 (`'06'`, by field within the levels) or II.06a (by unit), as a
 * workbook or CSV download.
 * @param {Report} report @param {'06' | 'II.06a'} variant @param {boolean} csv @param {string} name
 */
export async function saveForm06(report, variant, csv, name) {
  const job = { id: ++seq, kind: /** @type {const} */ ('form06'), report: JSON.stringify(report), variant, csv };
  saveBytes(await request(job), name, csv ? 'text/csv;charset=utf-8' : XLSX);
}

/**
 * The summary file of the dossier Report («Xuất tóm tắt»: its aggregates, no dossier id),
 * labelled `label`, as a JSON download.
 * @param {Report} report @param {string} label @param {string} name
 */
export async function saveSummary(report, label, name) {
  const job = { id: ++seq, kind: /** @type {const} */ ('summary'), report: JSON.stringify(report), label };
  saveBytes(await request(job), name, 'application/json');
}

/** The IndexReport alone as a workbook download. @param {IndexReport} index @param {string} name */
export async function saveIndexXlsx(index, name) {
  saveBytes(await request({ id: ++seq, kind: 'index-xlsx', index: JSON.stringify(index) }), name, XLSX);
}

/** Rows of cells as a CSV download (see the module comment). @param {string[][]} rows @param {string} name */
export async function saveCsv(rows, name) {
  saveBytes(await request({ id: ++seq, kind: 'csv', rows, semicolon: true }), name, 'text/csv;charset=utf-8');
}

/**
 * Runs an export from a button: the button is disabled meanwhile (and `status`, when given,
 * says so, then shows its text again), and a failure is said on it (its title keeps the core's
 * message) and in `status`.
 * @param {HTMLButtonElement} button @param {() => Promise<void>} run @param {HTMLElement | null} [status]
 */
export async function exportFrom(button, run, status = null) {
  if (button.dataset.busy) return;
  button.dataset.busy = 'true';
  button.disabled = true;
  button.classList.remove('failed');
  const before = status ? status.textContent : '';
  if (status) status.textContent = t('export.working');
  try {
    await run();
    if (status) status.textContent = before;
    button.title = button.classList.contains('btn-csv') ? t('btn.csvTitle') : '';
  } catch (e) {
    const message = t('export.failed', { message: e instanceof Error ? e.message : String(e) });
    button.classList.add('failed');
    button.title = message;
    if (status) status.textContent = message;
  } finally {
    delete button.dataset.busy;
    button.disabled = false;
  }
}

/**
 * A small «CSV» button that downloads `rows()` as `name`.
 * @param {() => string[][]} rows @param {string} name @param {string} testid
 */
export function csvButton(rows, name, testid) {
  const b = h('button', {
    type: 'button', class: 'btn btn-small btn-csv no-print', 'data-testid': testid, title: t('btn.csvTitle'), text: t('btn.csv'),
  });
  b.addEventListener('click', () => exportFrom(b, () => saveCsv(rows(), name)));
  return b;
}

/** Text of a cell as shown, without controls, sort marks and bars; its parts joined by spaces. @param {Node} node @returns {string} */
function shownText(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || node.matches('.no-print, .sort-ind, [aria-hidden=true]')) return '';
  const parts = [...node.childNodes].map(shownText);
  return node.matches('td, th') ? parts.join(' ').replace(/\s+/g, ' ').trim() : parts.join('');
}

/** The rows of a rendered table (head, body, foot), a cell spanning columns followed by empty ones. @param {HTMLTableElement} table */
export function tableRows(table) {
  return [...table.rows].map((tr) => [...tr.cells].flatMap((c) => [shownText(c), ...Array(Math.max(0, c.colSpan - 1)).fill('')]));
}

/**
 * Puts a «CSV» button for a rendered table just before its wrapper (once).
 * @param {HTMLTableElement} table @param {string} name  the file's name, without `.csv`
 */
export function attachCsv(table, name) {
  const wrap = table.closest('.table-wrap') ?? table;
  const prev = wrap.previousElementSibling;
  if (prev && prev.classList.contains('csv-tools')) return;
  wrap.before(h('div', { class: 'csv-tools no-print' }, csvButton(() => tableRows(table), `${name}.csv`, `${name}-csv`)));
}
