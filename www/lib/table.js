// @ts-check
// The sortable, filterable, paged table used by every long list of the page. Its sort, page and
// filter text survive re-renders: they are kept here per table id.

import { t } from '../i18n.js';
import { h } from './dom.js';
import { COLLATOR, finite, fmt, fold, num } from './format.js';
import { csvButton } from './export.js';

/** @typedef {'text' | 'int' | 'rate' | 'days' | 'pts' | 'pts4' | 'date' | 'month'} ColType */

/**
 * A column. `label` is an i18n key (shown as is when there is none, e.g. a group code).
 * @template R
 * @typedef {object} Column
 * @property {string} key
 * @property {string} label
 * @property {ColType} type
 * @property {(row: R) => unknown} [get]  the value (default: `row[key]`)
 * @property {(row: R, v: any) => Node | string} [render]  the cell's content (default: formatted by type)
 * @property {boolean} [sortable]  false: no sort button
 * @property {boolean} [header]  a row header (th scope=row)
 * @property {string} [cls]
 */

/**
 * @template R
 * @typedef {object} TableSpec
 * @property {string} id  also the data-testid of the table
 * @property {Column<R>[]} columns
 * @property {R[]} rows
 * @property {number} [pageSize]
 * @property {boolean} [filter]
 * @property {(row: R) => Record<string, unknown>} [rowAttrs]
 * @property {(shown: number, total: number) => string} [countText]
 * @property {boolean} [compact]
 */

/** @typedef {{ sort: { key: string, dir: number } | null, page: number, text: string }} TableState */

/** @type {Map<string, TableState>} */
const states = new Map();

/** @param {string} id @returns {TableState} */
export function tableState(id) {
  let st = states.get(id);
  if (!st) { st = { sort: null, page: 0, text: '' }; states.set(id, st); }
  return st;
}

/** Back to the first page of every table (a new report). */
export function resetPages() {
  for (const st of states.values()) st.page = 0;
}

const NUMERIC = new Set(['int', 'rate', 'days', 'pts', 'pts4']);

/** @param {{ type: ColType }} col @param {any} v @returns {string} */
export function cellText(col, v) {
  switch (col.type) {
    case 'int': return fmt.int(v);
    case 'rate': return fmt.rate(v);
    case 'days': return fmt.days(v);
    case 'pts': return fmt.pts(v);
    case 'pts4': return fmt.pts4(v);
    case 'date': return fmt.date(v);
    case 'month': return fmt.month(v);
    default: return v == null || v === '' ? '–' : String(v);
  }
}

/** @template R @param {Column<R>} col @param {R} row @returns {any} */
const colValue = (col, row) => (col.get ? col.get(row) : /** @type {any} */ (row)[col.key]);

/**
 * The rows filtered by the folded text and sorted by one column (missing values last, ties in
 * their original order).
 * @template R
 * @param {TableSpec<R>} spec
 * @param {TableState} st
 * @param {(row: R) => string} haystack
 * @returns {R[]}
 */
function ordered({ rows, columns }, st, haystack) {
  let list = rows;
  const q = fold(st.text.trim());
  if (q) list = list.filter((r) => haystack(r).includes(q));
  const sort = st.sort;
  const col = sort && columns.find((c) => c.key === sort.key);
  if (!sort || !col) return list;
  const numeric = NUMERIC.has(col.type);
  const missing = (/** @type {any} */ v) => v == null || v === '' || (numeric && !finite(v));
  /** @type {[R, any, number][]} */
  const keyed = list.map((r, i) => [r, colValue(col, r), i]);
  keyed.sort((a, b) => {
    const na = missing(a[1]);
    const nb = missing(b[1]);
    if (na || nb) return na === nb ? a[2] - b[2] : na ? 1 : -1;
    const c = numeric ? num(a[1]) - num(b[1]) : COLLATOR.compare(String(a[1]), String(b[1]));
    return c !== 0 ? c * sort.dir : a[2] - b[2];
  });
  return keyed.map((x) => x[0]);
}

/**
 * A table with a filter box, sortable headers, a count and a pager.
 * @template R
 * @param {TableSpec<R>} spec
 * @returns {HTMLDivElement}
 */
export function dataTable(spec) {
  const { id, columns, rows, pageSize = 500, filter = true, rowAttrs, countText, compact } = spec;
  const st = tableState(id);
  const root = h('div', { class: 'dt', 'data-testid': `${id}-wrap` });
  const count = h('span', { class: 'dt-count', 'data-testid': `${id}-count` });
  const pager = h('span', { class: 'dt-pager no-print' });
  const tools = h('div', { class: 'dt-tools' });
  if (filter) tools.append(filterInput(id, st, () => draw()));
  // «CSV»: every row as filtered and sorted (not only this page), the cells as shown
  const csv = csvButton(() => [
    columns.map((c) => t(c.label)),
    ...ordered(spec, st, haystack).map((row) => columns.map((c) => cellText(c, colValue(c, row)))),
  ], `${id}.csv`, `${id}-csv`);
  tools.append(count, csv, pager);
  const thead = h('thead');
  const tbody = h('tbody');
  root.append(tools, h('div', { class: 'table-wrap' }, h('table', { class: compact ? 'data compact' : 'data', 'data-testid': id }, thead, tbody)));

  const searchCache = new WeakMap();
  const textCols = columns.filter((c) => !NUMERIC.has(c.type));
  /** @param {R} row */
  const haystack = (row) => {
    let v = searchCache.get(/** @type {object} */ (row));
    if (v === undefined) {
      v = fold(textCols.map((c) => colValue(c, row) ?? '').join(' \u0001 '));
      searchCache.set(/** @type {object} */ (row), v);
    }
    return v;
  };

  function draw() {
    thead.replaceChildren(headRow(columns, st, draw));
    const list = ordered(spec, st, haystack);
    const pages = Math.max(1, Math.ceil(list.length / pageSize));
    st.page = Math.min(st.page, pages - 1);
    const start = st.page * pageSize;
    const frag = document.createDocumentFragment();
    for (const row of list.slice(start, start + pageSize)) frag.append(bodyRow(columns, row, rowAttrs));
    if (!list.length) frag.append(h('tr', null, h('td', { colspan: columns.length, class: 'empty', text: t('table.empty') })));
    tbody.replaceChildren(frag);
    count.textContent = countText
      ? countText(list.length, rows.length)
      : list.length === rows.length ? t('table.count', { n: fmt.int(rows.length) })
        : t('table.countFiltered', { n: fmt.int(list.length), total: fmt.int(rows.length) });
    pager.replaceChildren();
    if (pages > 1) {
      pager.append(
        h('button', { type: 'button', class: 'btn btn-small', disabled: st.page === 0, 'data-testid': `${id}-prev`, onclick: () => { st.page--; draw(); } }, t('btn.prev')),
        h('span', { class: 'dt-page', text: t('table.page', { page: st.page + 1, pages }) }),
        h('button', { type: 'button', class: 'btn btn-small', disabled: st.page >= pages - 1, 'data-testid': `${id}-next`, onclick: () => { st.page++; draw(); } }, t('btn.next')),
      );
    }
    root.dataset.count = String(list.length);
  }

  draw();
  return root;
}

/** The filter box: redraws 120 ms after the last keystroke. @param {string} id @param {TableState} st @param {() => void} draw */
function filterInput(id, st, draw) {
  const input = h('input', {
    type: 'search', class: 'dt-filter no-print', 'data-testid': `${id}-filter`,
    placeholder: t('table.filter'), 'aria-label': t('table.filterLabel'), value: st.text,
  });
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { st.text = input.value; st.page = 0; draw(); }, 120);
  });
  return input;
}

/** @template R @param {Column<R>[]} columns @param {TableState} st @param {() => void} draw */
function headRow(columns, st, draw) {
  const tr = h('tr');
  for (const c of columns) {
    const dir = st.sort && st.sort.key === c.key ? st.sort.dir : 0;
    const th = h('th', {
      scope: 'col', class: NUMERIC.has(c.type) ? 'num' : null, 'data-col': c.key,
      'aria-sort': dir ? (dir > 0 ? 'ascending' : 'descending') : 'none',
    });
    if (c.sortable === false) {
      th.textContent = t(c.label);
    } else {
      const ind = h('span', { class: `sort-ind${dir ? ' on' : ''}`, 'aria-hidden': 'true', text: dir ? (dir > 0 ? '▲' : '▼') : '↕' });
      th.append(h('button', {
        type: 'button', class: 'sort', title: t('table.sortHint'),
        onclick: () => {
          st.sort = { key: c.key, dir: dir ? -dir : NUMERIC.has(c.type) ? -1 : 1 };
          st.page = 0;
          draw();
        },
      }, t(c.label), ' ', ind));
    }
    tr.append(th);
  }
  return tr;
}

/** @template R @param {Column<R>[]} columns @param {R} row @param {((row: R) => Record<string, unknown>) | undefined} rowAttrs */
function bodyRow(columns, row, rowAttrs) {
  const tr = h('tr', rowAttrs ? rowAttrs(row) : null);
  for (const c of columns) {
    const v = colValue(c, row);
    const td = h(c.header ? 'th' : 'td', {
      class: NUMERIC.has(c.type) ? 'num' : c.cls || null, 'data-col': c.key, scope: c.header ? 'row' : null,
    });
    if (c.render) td.append(c.render(row, v));
    else td.textContent = cellText(c, v);
    tr.append(td);
  }
  return tr;
}
