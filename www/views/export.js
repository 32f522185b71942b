// @ts-check
// «Xuất Excel» beside «Xuất JSON»: the dossier Report as a workbook, with the «Chỉ số 766»
// sheets once the index was computed (as «Xuất JSON» adds `index`). The file is written by the
// core (lib/export.js); a failure is said next to the buttons.

import { byId } from '../lib/dom.js';
import { exportFrom, saveXlsx } from '../lib/export.js';

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
}
