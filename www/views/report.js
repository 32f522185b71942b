// @ts-check
// The dossier Report's views: the summary (period, accounting, alerts, level table, narrative,
// files), and the tabs by unit, field, procedure, month, the late list, the column mapping and
// the data problems. They render what the core computed; nothing is recomputed here.

import { t } from '../i18n.js';
import { h, byId, panel } from '../lib/dom.js';
import { fmt } from '../lib/format.js';
import { cellText, dataTable, tableState } from '../lib/table.js';
import { attachCsv } from '../lib/export.js';
import { channelChart, levelsChart, monthsChart, unitsChart } from './report-charts.js';
import { renderCompare } from './compare.js';

/** @typedef {import('../types.js').Report} Report */
/** @typedef {import('../types.js').Figures} Figures */
/** @typedef {import('../types.js').Breakdown} Breakdown */
/** @typedef {import('../types.js').FileInfo} FileInfo */
/** @typedef {import('../types.js').LateDossier} LateDossier */
/** @typedef {import('../types.js').MonthFigures} MonthFigures */
/** @typedef {import('../types.js').Problem} Problem */
/** @template R @typedef {import('../lib/table.js').Column<R>} Column */

/**
 * What the views need from the page.
 * @typedef {object} ReportHooks
 * @property {(name: string) => void} showTab
 * @property {() => boolean} canRun  a new run can start now
 * @property {(changes: Record<string, string>, f: FileInfo) => void} applyMapping  canonical field →
 *   header text ('' = do not use the field) for file `f`; remembered for its header; re-runs
 * @property {(read: { sheet?: string | null, encoding?: string | null }) => void} applyRead  the
 *   sheet or the encoding to read with (null = automatic); re-runs
 * @property {() => string | null} encoding  the encoding asked for (null = automatic)
 * @property {(f: FileInfo) => void} exportPreset  saves the file's mapping as a JSON preset
 * @property {(file: File) => void} importPreset  reads a JSON preset and re-runs with it
 */

/** The encodings the user may force (the core's names), and automatic detection. */
const ENCODINGS = ['', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni'];

/** @type {ReportHooks} */
let hooks;
/** @type {Report | null} */
let report = null;
/** The late list's filters and the mapping tab's file: kept across re-renders. */
const view = { lateUnit: /** @type {string | null} */ (null), lateKind: 'all', mappingFile: 0, monthsLevel: '' };

/** @param {ReportHooks} h */
export function initReportView(h) { hooks = h; }

/** A new report: back to the whole late list, the first page of every table. @param {Report} r */
export function newReport(r) {
  view.lateUnit = null;
  if (view.mappingFile >= r.files.length) view.mappingFile = 0;
}

/** The mapping tab's file index goes back to the first (a new source). */
export function resetMappingFile() { view.mappingFile = 0; }

const FIGURE_COLS = /** @type {const} */ ([
  ['resolved', 'int'], ['on_time', 'int'], ['on_time_rate', 'rate'], ['early', 'int'], ['late', 'int'],
  ['late_rate', 'rate'], ['pending', 'int'], ['pending_overdue', 'int'], ['withdrawn', 'int'],
  ['received', 'int'], ['received_online', 'int'], ['carried_over', 'int'], ['digitized_rate', 'rate'],
  ['paid_online_rate', 'rate'], ['avg_processing_days', 'days'], ['avg_processing_working_days', 'days'],
]);

/** @template {Figures} R @returns {Column<R>[]} */
/** A rate and the count it needs: null with that count > 0 means the files do not say (no column). */
const KNOWN_BY = /** @type {Record<string, 'resolved' | 'received'>} */ ({ digitized_rate: 'resolved', paid_online_rate: 'resolved', online_rate: 'received' });

/** A figure's text: «chưa có dữ liệu» where the core has no rate for want of data, never 0%. @param {string} key @param {string} type @param {any} fig */
function figureText(key, type, fig) {
  const base = KNOWN_BY[key];
  if (base && fig[key] == null && fig[base] > 0) return t('value.unknown');
  return cellText(/** @type {any} */ ({ type }), fig[key]);
}

const figureColumns = () => FIGURE_COLS.map(([key, type]) => ({
  key, type, label: `col.${key}`,
  ...(KNOWN_BY[key] ? { render: (/** @type {any} */ row) => figureText(key, type, row) } : {}),
}));

/** @param {string | null | undefined} level */
const levelName = (level) => (level ? t(`level.${level}`) : null);

/** Renders every part of the report. @param {Report} r */
export function renderReport(r) {
  report = r;
  const p = r.period;
  let pl = t('summary.period', { label: p.label, from: fmt.date(p.from), to: fmt.date(p.to) });
  if (p.auto) pl += ` — ${t('summary.periodAuto')}`;
  byId('period-label').textContent = pl;
  byId('model-label').textContent = t(r.two_tier ? 'summary.model2' : 'summary.model3');
  byId('convention-label').textContent = t('summary.convention', r.convention);
  const rc = r.rows;
  byId('rows-accounting').textContent = t('summary.accounting', {
    read: fmt.int(rc.read), counted: fmt.int(rc.counted), rejected: fmt.int(rc.rejected),
    duplicates: fmt.int(rc.duplicates), ignored: fmt.int(rc.ignored), title: fmt.int(rc.ignored_title),
    header: fmt.int(rc.ignored_header), blank: fmt.int(rc.ignored_blank), total: fmt.int(rc.ignored_total),
  });
  byId('file-errors').replaceChildren(...alerts(r));
  renderLevelSummary(r);
  byId('narrative').textContent = r.narrative;
  renderFilesTable(r);
  renderUnits(r);
  renderBreakdown('fields', r.fields, 'col.field');
  renderBreakdown('procedures', r.procedures, 'col.procedure');
  renderMonths(r.months);
  renderCompare(r);
  renderLate(r);
  renderMapping(r);
  renderProblems(r);
}

/** File errors and warnings, the calendar's warnings, and the problems note. @param {Report} r */
function alerts(r) {
  const items = [];
  if (r.sources?.length) {
    items.push(h('li', { class: 'note', 'data-testid': 'sources-note' }, t('summary.fromSummaries', {
      n: fmt.int(r.sources.length), names: r.sources.map((s) => s.name).join(', '),
    })));
  }
  for (const w of r.calendar?.warnings ?? []) {
    items.push(h('li', { class: 'note', 'data-testid': 'calendar-warning' }, t('summary.calendarWarning', { name: r.calendar.name, warning: w })));
  }
  for (const f of r.files) {
    if (f.error) items.push(h('li', { class: 'alert', 'data-testid': 'file-error' }, t('summary.fileError', { name: f.name, error: f.error })));
    for (const w of f.warnings) {
      items.push(h('li', { class: 'note', 'data-testid': 'file-warning' }, t('summary.fileError', { name: f.name, error: w })));
    }
  }
  if (r.problems_total > 0) {
    items.push(h('li', { class: 'note' }, t('summary.problemsNote', { total: fmt.int(r.problems_total) }), ' ',
      h('button', { type: 'button', class: 'link no-print', 'data-testid': 'open-problems', onclick: () => hooks.showTab('problems') }, t('summary.problemsOpen'))));
  }
  return items;
}

/** @param {Report} r */
function renderLevelSummary(r) {
  const cols = figureColumns();
  const thead = h('thead', null, h('tr', null,
    h('th', { scope: 'col', 'data-col': 'level', text: t('col.level') }),
    cols.map((c) => h('th', { scope: 'col', class: 'num', 'data-col': c.key, text: t(c.label) }))));
  /** @param {string} level @param {string} label @param {Figures} fig @param {string} [cls] */
  const row = (level, label, fig, cls) => h('tr', { 'data-level': level, class: cls || null },
    h('th', { scope: 'row', 'data-col': 'level', text: label }),
    cols.map((c) => h('td', { class: 'num', 'data-col': c.key, text: figureText(c.key, c.type, fig) })));
  const tbody = h('tbody', null, r.levels.map((l) => row(l.level, l.label, l)));
  const tfoot = h('tfoot', null, row('total', t('level.total'), r.total, 'total'));
  const table = byId('level-summary', HTMLTableElement);
  table.replaceChildren(thead, tbody, tfoot);
  attachCsv(table, 'level-summary');
  // the charts of the summary: on time and late per level, the channel mix (when the files say it)
  byId('summary-charts').replaceChildren(...[levelsChart(r), channelChart(r)].filter((x) => x !== null));
}

/** @param {string} e */
function encodingName(e) {
  if (!e) return '–';
  const bom = /-bom$/i.test(e);
  const base = e.replace(/-bom$/i, '');
  const pretty = /^(utf|windows|iso|tcvn|vni)/i.test(base) ? base.toUpperCase() : base;
  return bom ? `${pretty} (BOM)` : pretty;
}

/** @param {string} f csv, xlsx, xls, html, json, jsonl… */
function formatName(f) {
  return f === 'html' ? t('mapping.formatHtml') : f ? f.toUpperCase() : '–';
}

/** @param {string} d */
function delimiterName(d) {
  if (d === '\t') return t('mapping.tab');
  if (d === ' ') return t('mapping.space');
  return d ? `«${d}»` : '–';
}

/** @param {Report} r */
function renderFilesTable(r) {
  /** @type {[string, (f: FileInfo) => string][]} */
  const cols = [
    ['col.file', (f) => f.name], ['mapping.format', (f) => formatName(f.format)], ['mapping.sheet', (f) => f.sheet ?? '–'],
    ['mapping.encoding', (f) => encodingName(f.encoding)], ['mapping.delimiter', (f) => delimiterName(f.delimiter)],
    ['mapping.bytes', (f) => fmt.size(f.bytes)], ['mapping.rows', (f) => fmt.int(f.rows.read)],
  ];
  const table = byId('files-table', HTMLTableElement);
  table.replaceChildren(
    h('thead', null, h('tr', null, cols.map(([k], i) => h('th', { scope: 'col', class: i >= 5 ? 'num' : null, text: t(k) })))),
    h('tbody', null, r.files.map((f) => h('tr', { class: f.error ? 'has-error' : null },
      cols.map(([k, g], i) => h('td', { class: i >= 5 ? 'num' : null, 'data-col': k.split('.')[1], text: g(f) ?? '–' }))))),
  );
  attachCsv(table, 'files-table');
}

/** @param {Report} r */
function renderUnits(r) {
  /** @type {Column<Breakdown>[]} */
  const columns = [
    {
      key: 'name', type: 'text', label: 'col.unit', header: true,
      render: (row) => h('button', { type: 'button', class: 'link', 'data-testid': 'unit-link', onclick: () => openLate(row.name) }, row.name || '–'),
    },
    { key: 'level', type: 'text', label: 'col.level', get: (row) => levelName(row.level) },
    ...figureColumns(),
    {
      // the unit's dossiers in the late list (resolved late + overdue at the period's end), from its
      // figures: the list itself is cut at 10.000
      key: 'late_list', type: 'int', label: 'col.lateList', get: (row) => row.late + row.pending_overdue,
      render: (row, v) => (v > 0
        ? h('button', { type: 'button', class: 'link', 'data-testid': 'unit-late-link', onclick: () => openLate(row.name) }, `${fmt.int(v)} ›`)
        : '0'),
    },
  ];
  const units = dataTable({ id: 'units-table', columns, rows: r.units, compact: true, rowAttrs: (row) => ({ 'data-unit': row.name }) });
  // a Report of summary files: one row per province (source summary) above the units
  const sources = r.sources?.length
    ? [h('h2', { text: t('summary.sources') }), dataTable({
      id: 'sources-table', columns: [{ key: 'name', type: 'text', label: 'col.source', header: true }, ...figureColumns()],
      rows: r.sources, compact: true, rowAttrs: (row) => ({ 'data-source': row.name }),
    }), h('h2', { text: t('tab.units') })]
    : [];
  const chart = unitsChart(r);
  panel('units').replaceChildren(...sources, ...(chart ? [chart] : []), units);
}

/** @param {string} name @param {Breakdown[]} rows @param {string} labelKey */
function renderBreakdown(name, rows, labelKey) {
  /** @type {Column<Breakdown>[]} */
  const columns = [
    { key: 'code', type: 'text', label: 'col.code' },
    { key: 'name', type: 'text', label: labelKey, header: true, cls: 'wide' },
    ...figureColumns(),
  ];
  if (!rows.some((x) => x.code)) columns.shift();
  panel(name).replaceChildren(dataTable({ id: `${name}-table`, columns, rows, compact: true }));
}

/**
 * The months: all levels, or one level's months (the core's `MonthFigures.levels`), chosen in a
 * select above the chart; chart and table show the same rows.
 * @param {MonthFigures[]} months
 */
function renderMonths(months) {
  /** @type {Column<MonthFigures>[]} */
  const columns = [
    { key: 'month', type: 'month', label: 'col.month' },
    // Months carry end-of-processing and receipt figures; period-end stocks are not monthly.
    ...figureColumns().filter((c) => !['pending', 'pending_overdue', 'carried_over'].includes(c.key)),
  ];
  const levels = months[0]?.levels ?? [];
  if (!levels.some((l) => l.level === view.monthsLevel)) view.monthsLevel = '';
  const k = levels.findIndex((l) => l.level === view.monthsLevel);
  /** @type {MonthFigures[]} */
  const rows = k < 0 ? months : months.map((m) => ({ ...m, ...m.levels[k], month: m.month }));
  const children = [];
  if (levels.length) {
    children.push(h('label', { class: 'field inline no-print' }, h('span', { text: t('months.level') }),
      h('select', {
        'data-testid': 'months-level',
        onchange: (/** @type {Event} */ e) => {
          view.monthsLevel = /** @type {HTMLSelectElement} */ (e.target).value;
          renderMonths(months);
          byId('months-level-select')?.focus();
        },
        id: 'months-level-select',
      }, [h('option', { value: '', selected: k < 0 }, t('months.allLevels')),
        ...levels.map((l) => h('option', { value: l.level, selected: l.level === view.monthsLevel }, t(`level.${l.level}`)))])));
  }
  const chart = monthsChart(rows, k < 0 ? null : t(`level.${levels[k].level}`));
  if (chart) children.push(chart);
  children.push(dataTable({ id: 'months-table', columns, rows, filter: false, pageSize: 240, compact: true }));
  panel('months').replaceChildren(...children);
}

/** The late list of one unit. @param {string} unit */
function openLate(unit) {
  view.lateUnit = unit;
  const st = tableState('late-table');
  st.page = 0;
  st.text = '';
  if (report) renderLate(report);
  hooks.showTab('late');
}

/** @param {Report} r */
function renderLate(r) {
  const all = r.late;
  const { lateUnit: unit, lateKind: kind } = view;
  const rows = all.filter((d) => (unit == null || d.unit === unit) && (kind === 'all' || d.kind === kind));
  const tools = h('div', { class: 'late-tools no-print' });
  const kindSel = h('select', { 'data-testid': 'late-kind', 'aria-label': t('late.filterKind') },
    ['all', 'resolved', 'pending'].map((k) => h('option', { value: k, selected: k === kind }, t(`late.kind.${k}`))));
  kindSel.addEventListener('change', () => { view.lateKind = kindSel.value; renderLate(r); });
  tools.append(h('label', { class: 'field inline' }, h('span', { text: t('late.filterKind') }), kindSel));
  if (unit != null) {
    tools.append(h('span', { class: 'chip', 'data-testid': 'late-unit' }, t('late.unit', { unit }),
      h('button', {
        type: 'button', class: 'chip-x', 'aria-label': t('btn.clearUnit'), title: t('btn.clearUnit'), 'data-testid': 'late-unit-clear',
        onclick: () => { view.lateUnit = null; renderLate(r); },
      }, '×')));
  }
  /** @type {Column<LateDossier>[]} */
  const columns = [
    { key: 'kind', type: 'text', label: 'col.kind', get: (d) => t(`late.kind.${d.kind}`) },
    { key: 'id', type: 'text', label: 'col.id' },
    { key: 'unit', type: 'text', label: 'col.unit' },
    { key: 'level', type: 'text', label: 'col.level', get: (d) => levelName(d.level) },
    { key: 'procedure', type: 'text', label: 'col.procedure', cls: 'wide' },
    { key: 'field', type: 'text', label: 'col.field' },
    { key: 'received', type: 'date', label: 'col.receivedDate' },
    { key: 'due', type: 'date', label: 'col.dueDate' },
    { key: 'finished', type: 'date', label: 'col.finishedDate' },
    { key: 'days_late', type: 'int', label: 'col.daysLate' },
    { key: 'working_days_late', type: 'int', label: 'col.workingDaysLate' },
  ];
  const table = dataTable({
    id: 'late-table', columns, rows, pageSize: 1000,
    rowAttrs: (d) => ({ 'data-kind': d.kind }),
    countText: (n) => (n === all.length ? t('late.count', { n: fmt.int(n) }) : t('late.countOf', { n: fmt.int(n), total: fmt.int(all.length) })),
  });
  // the Report lists at most 10.000 late dossiers (most days late first); `late_total` is the true count
  const total = Math.max(r.late_total ?? 0, all.length);
  const note = r.sources?.length && !all.length
    ? t('late.fromSummaries', { total: fmt.int(total) })
    : t('late.cut', { n: fmt.int(all.length), total: fmt.int(total) });
  const cut = total > all.length ? [h('p', { class: 'note', 'data-testid': 'late-cut', text: note })] : [];
  panel('late').replaceChildren(tools, ...cut, table);
}

/** The mapping tab: the file's facts, and one select per canonical field. @param {Report} r */
function renderMapping(r) {
  const files = r.files;
  const box = panel('mapping');
  if (!files.length) { box.replaceChildren(h('p', { text: t('mapping.noFiles') })); return; }
  const fi = Math.min(view.mappingFile, files.length - 1);
  const f = files[fi];
  // from summary files: the columns were matched when each summary was made (shown, not changed here)
  const frozen = Boolean(r.sources?.length);
  /** @type {HTMLElement[]} */
  const children = [frozen
    ? h('p', { class: 'note', 'data-testid': 'mapping-from-summaries', text: t('mapping.fromSummaries') })
    : h('p', { class: 'hint', text: t('mapping.intro') })];
  if (files.length > 1) {
    const sel = h('select', { 'data-testid': 'mapping-file' }, files.map((x, i) => h('option', { value: String(i), selected: i === fi }, x.name)));
    sel.addEventListener('change', () => { view.mappingFile = Number(sel.value); renderMapping(r); });
    children.push(h('label', { class: 'field inline no-print' }, h('span', { text: t('mapping.file') }), sel));
  }
  const info = [
    ['col.file', f.name], ['mapping.format', formatName(f.format)], ['mapping.sheet', f.sheet ?? '–'],
    ['mapping.encoding', encodingName(f.encoding)], ['mapping.delimiter', delimiterName(f.delimiter)],
    ['mapping.headerRow', f.header_row != null ? fmt.int(f.header_row) : '–'],
    ['mapping.bytes', fmt.size(f.bytes)], ['mapping.rows', fmt.int(f.rows.read)],
  ];
  children.push(h('dl', { class: 'file-info', 'data-testid': 'file-info' },
    info.map(([k, v]) => [h('dt', { text: t(k) }), h('dd', { 'data-info': k.split('.')[1], text: v ?? '–' })])));
  for (const w of f.warnings) children.push(h('p', { class: 'hint', 'data-testid': 'mapping-file-warning', text: w }));
  if (f.error) children.push(h('p', { class: 'alert', 'data-testid': 'mapping-file-error', text: f.error }));
  if (frozen) children.push(...mappingTable(f, true));
  else children.push(readControls(f), ...mappingTable(f), presetControls(f));
  box.replaceChildren(...children);
}

/** The sheet picker (workbooks with several sheets) and the encoding override. @param {FileInfo} f */
function readControls(f) {
  const row = h('p', { class: 'actions no-print read-controls' });
  const sheets = f.sheets ?? [];
  if (sheets.length > 1) {
    const sel = h('select', { 'data-testid': 'sheet-select', disabled: !hooks.canRun() },
      sheets.map((s) => h('option', { value: s, selected: s === f.sheet }, s)));
    sel.addEventListener('change', () => hooks.applyRead({ sheet: sel.value }));
    row.append(h('label', { class: 'field inline' }, h('span', { text: t('mapping.sheetPick') }), sel), ' ');
  }
  if (f.format === 'csv' || f.format === 'html' || f.format === 'json' || f.format === 'jsonl') {
    const chosen = hooks.encoding() ?? '';
    const sel = h('select', { 'data-testid': 'encoding-select', disabled: !hooks.canRun() },
      ENCODINGS.map((e) => h('option', { value: e, selected: e === chosen }, e ? encodingName(e) : t('mapping.encodingAuto'))));
    sel.addEventListener('change', () => hooks.applyRead({ encoding: sel.value || null }));
    row.append(h('label', { class: 'field inline' }, h('span', { text: t('mapping.encodingPick') }), sel));
  }
  return row;
}

/** Save the mapping as a JSON preset; read one. @param {FileInfo} f */
function presetControls(f) {
  const input = h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-testid': 'preset-input' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) hooks.importPreset(file);
  });
  return h('p', { class: 'actions no-print' },
    h('span', { class: 'hint', text: t('mapping.presetHint') }), ' ',
    h('button', { type: 'button', class: 'btn', 'data-testid': 'preset-export', onclick: () => hooks.exportPreset(f) }, t('mapping.presetExport')), ' ',
    h('button', { type: 'button', class: 'btn', 'data-testid': 'preset-import', disabled: !hooks.canRun(), onclick: () => input.click() }, t('mapping.presetImport')),
    input);
}

/** The selects of the canonical fields, and «Áp dụng» (none when `frozen`). @param {FileInfo} f @param {boolean} [frozen] */
function mappingTable(f, frozen = false) {
  const headers = f.headers;
  const hidden = new Set(f.hidden_columns ?? []);
  /** @type {[import('../types.js').MappingEntry, HTMLSelectElement][]} */
  const selects = [];
  const tbody = h('tbody', null, f.mapping.map((m) => {
    const sel = h('select', { 'data-field': m.field, 'aria-label': m.label || m.field, disabled: frozen },
      h('option', { value: '', selected: m.column == null }, t('mapping.unused')),
      headers.map((hd, i) => h('option', { value: String(i), selected: m.column === i }, `${i + 1}. ${hd}${hidden.has(i) ? ` ${t('mapping.hiddenCol')}` : ''}`)));
    selects.push([m, sel]);
    const how = m.overridden ? t('mapping.user') : m.column == null ? t('mapping.none') : t('mapping.auto');
    return h('tr', { 'data-field': m.field, class: m.overridden ? 'overridden' : null },
      h('th', { scope: 'row' }, m.label || m.field, h('span', { class: 'muted field-key', text: ` ${m.field}` })),
      h('td', null, sel),
      h('td', { class: 'muted', text: how }));
  }));
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data narrow mapping', 'data-testid': 'mapping-table' },
    h('thead', null, h('tr', null, ['col.canonical', 'col.header', 'col.how'].map((k) => h('th', { scope: 'col', text: t(k) })))),
    tbody));
  if (frozen) return [table];
  const msg = h('span', { class: 'muted', 'data-testid': 'mapping-message', role: 'status' });
  const apply = h('button', {
    type: 'button', class: 'btn btn-primary', id: 'apply-mapping', 'data-testid': 'apply-mapping', disabled: !hooks.canRun(),
    onclick: () => {
      /** @type {Record<string, string>} */
      const changes = {};
      for (const [m, sel] of selects) {
        const col = sel.value === '' ? null : Number(sel.value);
        if (col !== (m.column ?? null)) changes[m.field] = col == null ? '' : headers[col];
      }
      if (Object.keys(changes).length) hooks.applyMapping(changes, f);
      else msg.textContent = t('mapping.unchanged');
    },
  }, t('btn.apply'));
  return [h('p', { class: 'actions no-print' }, apply, ' ', msg), table];
}

/** @param {Report} r */
function renderProblems(r) {
  const problems = r.problems;
  const total = r.problems_total;
  const box = panel('problems');
  if (!total) {
    box.replaceChildren(h('p', { 'data-testid': 'problems-total', text: t('problems.none') }));
    return;
  }
  const byReason = h('table', { class: 'data narrow', 'data-testid': 'problems-by-reason' },
    h('thead', null, h('tr', null, h('th', { scope: 'col', text: t('col.reason') }), h('th', { scope: 'col', class: 'num', text: t('col.count') }))),
    h('tbody', null, r.problems_by_reason.map((x) => h('tr', { 'data-code': x.code },
      h('td', { text: x.reason || x.code }), h('td', { class: 'num', 'data-col': 'count', text: fmt.int(x.count) })))));
  const head = [
    h('p', { 'data-testid': 'problems-total', text: t('problems.total', { total: fmt.int(total), shown: fmt.int(problems.length) }) }),
    h('h2', { text: t('problems.byReason') }),
    h('div', { class: 'table-wrap' }, byReason),
  ];
  // summary files keep the counts by reason, not the problems (no row, no value)
  if (r.sources?.length && !problems.length) {
    head[0].textContent = t('problems.fromSummaries', { total: fmt.int(total) });
    box.replaceChildren(...head);
    attachCsv(byReason, 'problems-by-reason');
    return;
  }
  box.replaceChildren(
    ...head,
    h('h2', { text: t('problems.list') }),
    dataTable({
      id: 'problems-table', pageSize: 500, rows: problems,
      rowAttrs: (p) => ({ 'data-code': p.code, 'data-row': p.row }),
      /** @type {Column<Problem>[]} */
      columns: [
        { key: 'file', type: 'text', label: 'col.file' },
        { key: 'row', type: 'int', label: 'col.row', render: (p) => String(p.row) }, // as a spreadsheet shows it
        { key: 'column', type: 'text', label: 'col.column' },
        { key: 'value', type: 'text', label: 'col.value', cls: 'value' },
        { key: 'reason', type: 'text', label: 'col.reason', cls: 'wide' },
      ],
    }),
  );
  attachCsv(byReason, 'problems-by-reason');
}
