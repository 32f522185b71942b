// @ts-check
// «Xuất Excel» beside «Xuất JSON»: the dossier Report as a workbook, with the «Chỉ số 766»
// sheets once the index was computed (as «Xuất JSON» adds `index`); then «Biểu 06» and «Biểu
// II.06a» (form 06 of Thông tư 01/2020/TT-VPCP, by field within the levels or by unit), each as
// a workbook or, with its small «CSV» button, as CSV; then «Xuất tóm tắt», the summary file of
// the Report (issue 11: the aggregates, no dossier id; summaries of several provinces, loaded
// together, merge into one view), labelled with the name the user gives. The files are written
// by the core (lib/export.js); a failure is said next to the buttons.

import { byId, h } from '../lib/dom.js';
import { t } from '../i18n.js';
import { exportFrom, saveForm06, saveSummary, saveXlsx } from '../lib/export.js';

/** @typedef {import('../types.js').Report} Report */
/** @typedef {import('../types.js').IndexReport} IndexReport */

/**
 * Wires the button.
 * @param {{ report: () => Report | null, index: () => IndexReport | null }} source  the page's
 *   last dossier Report and IndexReport
 */
export function initExport(source) {
  const button = byId('export-xlsx', HTMLButtonElement);
  const status = byId('export-status');
  button.addEventListener('click', () => {
    const report = source.report();
    if (report) exportFrom(button, () => saveXlsx(report, source.index(), 'bao-cao-tthc.xlsx'), status);
  });
  /** @type {HTMLElement} */
  let after = button;
  for (const [variant, key, file] of /** @type {const} */ ([['06', 'btn.form06', 'bieu-06'], ['II.06a', 'btn.form06a', 'bieu-II.06a']])) {
    const id = variant === '06' ? 'export-form06' : 'export-form06a';
    const xlsx = h('button', { type: 'button', class: 'btn', 'data-testid': id, 'data-i18n': key, 'data-i18n-title': 'btn.form06Title', title: t('btn.form06Title'), text: t(key) });
    const csv = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': `${id}-csv`, 'data-i18n': 'btn.csv', 'data-i18n-title': 'btn.form06CsvTitle', title: t('btn.form06CsvTitle'), text: t('btn.csv') });
    for (const [b, asCsv] of /** @type {const} */ ([[xlsx, false], [csv, true]])) {
      b.addEventListener('click', () => {
        const report = source.report();
        if (report) exportFrom(b, () => saveForm06(report, variant, asCsv, `${file}.${asCsv ? 'csv' : 'xlsx'}`), status);
      });
    }
    after.after(xlsx, csv);
    after = csv;
  }
  const summary = h('button', { type: 'button', class: 'btn', 'data-testid': 'export-summary', 'data-i18n': 'btn.summary', 'data-i18n-title': 'btn.summaryTitle', title: t('btn.summaryTitle'), text: t('btn.summary') });
  summary.addEventListener('click', () => {
    const report = source.report();
    if (!report) return;
    // the label of its row when merged: what the user types, else the sources' or first file's name
    const named = report.sources?.map((s) => s.name).join(', ') || (report.files[0]?.name ?? '').replace(/\.[^.]*$/, '');
    const label = (window.prompt(t('summary.labelPrompt'), named) ?? named).trim() || named;
    exportFrom(summary, () => saveSummary(report, label, 'tom-tat-tthc.json'), status);
  });
  after.after(summary);
}
