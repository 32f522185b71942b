// @ts-check
// The inputs' parts of the «Chỉ số 766» view: the manual entry form and its list, the files read
// (with their errors and problems), and the methodology's description.

import { t } from '../i18n.js';
import { h } from '../lib/dom.js';
import { fmt } from '../lib/format.js';
import { dataTable } from '../lib/table.js';

/** @typedef {import('../types.js').IndexReport} IndexReport */
/** @typedef {import('../types.js').ManualEntry} ManualEntry */
/** @typedef {import('./index766.js').IndexActions} IndexActions */
/** @typedef {import('./index766.js').Entity} Entity */

const { trim, count } = fmt;

/**
 * The manual entry form (indicator, term, unit, numerator and denominator or points, note) and
 * the list of the entries given.
 * @param {IndexReport} r
 * @param {ManualEntry[]} manual
 * @param {IndexActions} act
 * @param {string | null} preselect  the indicator to preselect
 * @param {Entity | undefined} cur  the entity shown (its unit is preselected)
 */
export function manualBlock(r, manual, act, preselect, cur) {
  const sec = h('section', { class: 'index-section', 'data-testid': 'index-manual' }, h('h2', { text: t('index.manual') }),
    h('p', { class: 'hint', text: t('index.manualHint') }));
  sec.append(...manualForm(r, act, preselect, cur));
  if (manual.length) sec.append(manualList(manual, act));
  return sec;
}

/**
 * @param {IndexReport} r @param {IndexActions} act @param {string | null} preselect
 * @param {Entity | undefined} cur
 */
function manualForm(r, act, preselect, cur) {
  const indicators = r.methodology.indicators;
  const selInd = h('select', { 'data-testid': 'index-manual-indicator', 'aria-label': t('index.col.indicator') },
    indicators.map((i) => h('option', { value: i.id, selected: i.id === preselect }, `${i.id} — ${i.name} (${trim(i.max)})`)));
  const termSel = h('select', { 'data-testid': 'index-manual-term', 'aria-label': t('index.manual.term') });
  const termField = h('label', { class: 'field' }, h('span', { text: t('index.manual.term') }), termSel);
  const syncTerms = () => {
    const ind = cur && cur.e.indicators.find((i) => i.id === selInd.value);
    const terms = ind?.terms ?? []; // absent when the indicator has none
    termSel.replaceChildren(h('option', { value: '', text: t('index.manual.wholeIndicator') }),
      ...terms.map((x) => h('option', { value: x.key }, `${x.key} — ${x.name}`)));
    termField.hidden = !terms.length;
  };
  selInd.addEventListener('change', syncTerms);
  syncTerms();
  const selUnit = h('select', { 'data-testid': 'index-manual-unit', 'aria-label': t('index.manual.unit') },
    h('option', { value: '', text: t('index.manual.province') }),
    r.units.map((u) => h('option', { value: u.name, selected: !!cur && cur.key.startsWith('unit:') && cur.e.name === u.name }, u.name)));
  const inp = (/** @type {string} */ id, /** @type {string} */ key) => h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', 'data-testid': `index-manual-${id}`, 'aria-label': t(key), class: 'short' });
  const num = inp('numerator', 'index.col.numerator');
  const den = inp('denominator', 'index.col.denominator');
  const points = inp('points', 'index.col.points');
  const note = h('input', { type: 'text', 'data-testid': 'index-manual-note', 'aria-label': t('index.manual.note'), placeholder: t('index.manual.notePlaceholder') });
  const err = h('p', { class: 'form-error', 'data-testid': 'index-manual-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'index-manual-form no-print', novalidate: true },
    h('label', { class: 'field' }, h('span', { text: t('index.col.indicator') }), selInd),
    termField,
    h('label', { class: 'field' }, h('span', { text: t('index.manual.unit') }), selUnit),
    h('label', { class: 'field' }, h('span', { text: t('index.col.numerator') }), num),
    h('label', { class: 'field' }, h('span', { text: t('index.col.denominator') }), den),
    h('span', { class: 'muted or', text: t('drop.or') }),
    h('label', { class: 'field' }, h('span', { text: t('index.col.points') }), points),
    h('label', { class: 'field' }, h('span', { text: t('index.manual.note') }), note),
    h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'index-manual-add', text: t('index.manual.add') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    err.hidden = true;
    // the numbers as typed: the core reads them («1.234,5», «1234,5», «1,234.5») or says why not
    /** @type {ManualEntry} */
    const entry = { indicator: selInd.value };
    if (!termField.hidden && termSel.value) entry.term = termSel.value;
    if (selUnit.value) entry.unit = selUnit.value;
    if (num.value.trim()) entry.numerator = num.value;
    if (den.value.trim()) entry.denominator = den.value;
    if (points.value.trim()) entry.points = points.value;
    if (note.value.trim()) entry.note = note.value.trim();
    act.addManual(entry, (message) => { err.textContent = message; err.hidden = false; });
  });
  return [form, err];
}

/** A number of a manual entry as the user typed it. @param {string | number | null | undefined} v */
const typed = (v) => (v == null ? '–' : String(v).trim());

/** @param {ManualEntry[]} manual @param {IndexActions} act */
function manualList(manual, act) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data narrow', 'data-testid': 'index-manual-list' },
    h('thead', null, h('tr', null, ['index.col.indicator', 'index.manual.unit', 'index.col.numerator', 'index.col.denominator', 'index.col.points', 'index.manual.note', '']
      .map((k) => h('th', { scope: 'col', text: k ? t(k) : '' })))),
    h('tbody', null, manual.map((x, i) => h('tr', { 'data-indicator': x.indicator },
      h('th', { scope: 'row', text: x.indicator + (x.term ? `/${x.term}` : '') }),
      h('td', { text: x.unit || t('index.manual.province') }),
      h('td', { class: 'num', text: typed(x.numerator) }), h('td', { class: 'num', text: typed(x.denominator) }),
      h('td', { class: 'num', text: typed(x.points) }), h('td', { text: x.note || '' }),
      h('td', null, h('button', { type: 'button', class: 'btn btn-small no-print', 'data-testid': 'index-manual-remove', onclick: () => act.removeManual(i) }, t('index.remove'))))))));
}

/**
 * The files read, each removable when the user chose it, and their problems.
 * @param {IndexReport} r @param {string[]} files @param {IndexActions} act
 */
export function filesBlock(r, files, act) {
  const list = r.files;
  const sec = h('section', { class: 'index-section' }, h('h2', { text: t('index.files') }));
  if (!list.length) { sec.append(h('p', { class: 'muted', text: t('index.noFiles') })); return sec; }
  sec.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data narrow', 'data-testid': 'index-files' },
    h('thead', null, h('tr', null, ['col.file', 'index.col.kind', 'index.period', 'index.col.records', 'index.col.error', '']
      .map((k, n) => h('th', { scope: 'col', class: n === 3 ? 'num' : null, text: k ? t(k) : '' })))),
    h('tbody', null, list.map((f) => h('tr', { class: f.error ? 'has-error' : null, 'data-kind': f.kind },
      h('td', { text: f.name }), h('td', { text: f.label }), h('td', { text: f.period || '–' }),
      h('td', { class: 'num', text: count(f.records) }), h('td', { text: f.error || '' }),
      h('td', null, files.includes(f.name)
        ? h('button', { type: 'button', class: 'btn btn-small no-print', 'data-testid': 'index-file-remove', onclick: () => act.removeFile(f.name) }, t('index.remove'))
        : null)))))));
  const problems = r.problems;
  if (problems.length) {
    // the true count: past the core's cap, problems are counted, not listed (a warning says so)
    sec.append(h('h3', { text: t('index.problems', { n: count(Math.max(r.problems_total, problems.length)) }) }));
    sec.append(dataTable({
      id: 'index-problems', rows: problems, compact: true, pageSize: 50, filter: problems.length > 50,
      rowAttrs: (p) => ({ 'data-code': p.code }),
      columns: [
        { key: 'file', type: 'text', label: 'col.file' },
        { key: 'row', type: 'int', label: 'col.row', render: (p) => String(p.row ?? '–') },
        { key: 'field', type: 'text', label: 'col.column' },
        { key: 'value', type: 'text', label: 'col.value', cls: 'value' },
        { key: 'message', type: 'text', label: 'col.reason', cls: 'wide' },
      ],
    }));
  }
  return sec;
}

/** The methodology's groups and indicators, folded. @param {IndexReport['methodology']} m */
export function methodologyBlock(m) {
  if (!m) return null;
  const det = h('details', { class: 'index-section', 'data-testid': 'index-methodology-details' },
    h('summary', { text: t('index.methodologyAbout', { name: m.name || m.id, version: m.version }) }));
  if (m.description) det.append(h('p', { class: 'hint', text: m.description }));
  det.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data compact' },
    h('thead', null, h('tr', null, ['index.col.id', 'index.col.indicator', 'index.col.group', 'index.col.max', 'index.col.rule', 'index.col.zero', 'index.col.source']
      .map((k) => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', null, m.indicators.map((i) => h('tr', null,
      h('th', { scope: 'row', text: i.id }), h('td', null, i.name, i.unverified.length
        ? h('span', { class: 'badge warn', 'data-testid': 'index-rule-unverified', text: t('index.unverifiedParts', { parts: i.unverified.join(', ') }) }) : null,
        i.aliases.length ? h('span', { class: 'hint', text: ` ${t('index.aliases', { ids: i.aliases.join(', ') })}` }) : null),
      h('td', { text: i.group }), h('td', { class: 'num', text: trim(i.max) }),
      h('td', { text: i.rule }), h('td', { text: t(`index.zero.${i.zero}`) }), h('td', { class: 'hint', text: [i.source, i.note, ...i.checks.map((c) => `${c.label}: ${c.verified ? t('index.checkVerified') : t('index.unverified')} — ${c.source}`)].filter(Boolean).join(' — ') })))))));
  return det;
}
