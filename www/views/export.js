// @ts-check
// «Xuất Excel» beside «Xuất JSON»: the dossier Report as a workbook, with the «Chỉ số 766»
// sheets once the index was computed (as «Xuất JSON» adds `index`); then «Biểu 06» and «Biểu
// II.06a» (form 06 of Thông tư 01/2020/TT-VPCP, by field within the levels or by unit), each as
// a workbook or, with its small «CSV» button, as CSV; then «Xuất tóm tắt», the summary file of
// the Report (issue 11: the aggregates, no dossier id; summaries of several provinces, loaded
// together, merge into one view), labelled with the name typed in «Tên tỉnh / nguồn» beside it
// (prefilled). The files are written
// by the core (lib/export.js); a failure is said next to the buttons.

import { byId, h } from '../lib/dom.js';
import { t } from '../i18n.js';
import { exportFrom, saveForm06, saveSummary, saveXlsx } from '../lib/export.js';

/** @typedef {import('../types.js').Report} Report */
/** @typedef {import('../types.js').IndexReport} IndexReport */

/**
 * Wires the buttons and the summary's name field.
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
  // «Xuất tóm tắt» with the name of its row when merged, typed beside it (prefilled: the sources'
  // names, else the first file's name; Enter in the field exports too)
  const label = h('input', {
    type: 'text', id: 'summary-label', 'data-testid': 'summary-label', autocomplete: 'off', spellcheck: 'false',
    'data-i18n-title': 'summary.labelTitle', title: t('summary.labelTitle'),
  });
  const labelBox = h('label', { class: 'field inline summary-label', for: 'summary-label' },
    h('span', { 'data-i18n': 'summary.label', text: t('summary.label') }), label);
  const summary = h('button', { type: 'button', class: 'btn', 'data-testid': 'export-summary', 'data-i18n': 'btn.summary', 'data-i18n-title': 'btn.summaryTitle', title: t('btn.summaryTitle'), text: t('btn.summary') });
  const exportSummary = () => {
    const report = source.report();
    if (!report) return;
    const name = label.value.trim() || defaultLabel(report);
    exportFrom(summary, () => saveSummary(report, name, `tom-tat-${fileSlug(name)}.json`), status);
  };
  summary.addEventListener('click', exportSummary);
  label.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); exportSummary(); }
  });
  after.after(h('span', { class: 'summary-export' }, labelBox, summary));
  /** The default name last put in the field: a user's own name stays while the files do. */
  let prefilled = '';
  return {
    /** A new Report is shown: the field takes its default name, unless the user typed one for the same files. @param {Report} report */
    shown(report) {
      const named = defaultLabel(report);
      if (named !== prefilled || !label.value.trim()) label.value = named;
      label.placeholder = named;
      prefilled = named;
    },
  };
}

/** A summary's default name: its sources' names (a merged view), else the first file's name without its extension. @param {Report} report */
export function defaultLabel(report) {
  return report.sources?.map((s) => s.name).join(', ') || (report.files[0]?.name ?? '').replace(/\.[^.]*$/, '');
}

/**
 * A file name's part from a label: letters and digits without diacritics, joined by «-»
 * («Bình Thuận» → «binh-thuan»); «tthc» when nothing is left.
 * @param {string} label
 */
export function fileSlug(label) {
  const s = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return s || 'tthc';
}
