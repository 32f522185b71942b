// @ts-check
// The progress bar and its text (bytes and rows read so far), as the page and the
// <tthc-dashboard> element show them.

import { t } from '../i18n.js';
import { fmt } from './format.js';

/**
 * @param {{ progressRow: HTMLElement, progress: HTMLProgressElement, progressText: HTMLElement }} els
 * @param {import('../types.js').ProgressMsg} m
 */
export function showProgress(els, m) {
  els.progressRow.hidden = false;
  const parts = [];
  if (m.bytesTotal) {
    els.progress.max = m.bytesTotal;
    els.progress.value = Math.min(m.bytesDone, m.bytesTotal);
    parts.push(t('progress.files', { done: fmt.mb(m.bytesDone), total: fmt.mb(m.bytesTotal) }));
  } else if (m.rowsTotal) {
    els.progress.max = m.rowsTotal;
    els.progress.value = Math.min(m.rows, m.rowsTotal);
    parts.push(t('progress.bytes', { done: fmt.mb(m.bytesDone) }));
  } else {
    els.progress.removeAttribute('value'); // indeterminate
    parts.push(t('progress.bytes', { done: fmt.mb(m.bytesDone) }));
  }
  parts.push(m.rowsTotal
    ? t('progress.rowsOf', { rows: fmt.int(m.rows), total: fmt.int(m.rowsTotal) })
    : t('progress.rows', { rows: fmt.int(m.rows) }));
  if (m.fileCount > 1) parts.push(t('progress.file', { i: m.fileIndex + 1, n: m.fileCount, name: m.fileName }));
  els.progressText.textContent = parts.join(' · ');
  els.progressRow.dataset.bytesDone = String(m.bytesDone);
  els.progressRow.dataset.rows = String(m.rows);
}
