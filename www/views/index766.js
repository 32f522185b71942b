// @ts-check
// The «Chỉ số 766» view: renders an IndexReport (src/index/output.rs) into the index panel. The
// run itself (worker, options, files, manual entries) is app.js's; this module gets the report,
// the view state and callbacks. The inputs' parts (manual entries, files, methodology) are in
// index766-inputs.js.

import { t } from '../i18n.js';
import { h } from '../lib/dom.js';
import { fmt, finite as ok } from '../lib/format.js';
import { dataTable } from '../lib/table.js';
import { attachCsv } from '../lib/export.js';
import { manualBlock, filesBlock, methodologyBlock } from './index766-inputs.js';
import { focusPeriodsChart, groupsChart, rankingChart } from './index-charts.js';

/** @typedef {import('../types.js').IndexReport} IndexReport */
/** @typedef {import('../types.js').EntityScore} EntityScore */
/** @typedef {import('../pkg/tthc_analytics.js').RankRow} RankRow */
/** @typedef {import('../types.js').ManualEntry} ManualEntry */
/** @template R @typedef {import('../lib/table.js').Column<R>} Column */

/**
 * The view's state, kept by app.js across renders.
 * @typedef {object} IndexView
 * @property {string | null} entity  the entity shown (`province`, `level:i`, `unit:i`)
 * @property {string | null} period  the ranking period shown
 * @property {string | null} manualIndicator  the indicator preselected in the manual form
 */

/**
 * The page's callbacks.
 * @typedef {object} IndexActions
 * @property {(key: string) => void} setEntity
 * @property {(period: string) => void} setPeriod
 * @property {(name: string) => void} removeFile
 * @property {(id: string) => void} addManualFor  open the manual form on this indicator
 * @property {(entry: ManualEntry, refused: (message: string) => void) => void} addManual  adds the
 *   entry and re-runs; `refused` gets the core's message when it refuses the entry
 * @property {(i: number) => void} removeManual
 * @property {(text: string, button: HTMLButtonElement) => void} copy
 */

/** @typedef {{ key: string, e: EntityScore, label: string }} Entity */

const { pts, trim, count, rate, wholePct, perDossier } = fmt;

/** State → the label shown; Vietnamese labels are the core's own (state_label). @param {string} s */
const stateLabel = (s) => t(`index.state.${s}`);

// ---------------------------------------------------------------------------------------------
// Entities: the province, each level, each unit; the default is the report's subject.

/** @param {IndexReport} r @returns {Entity[]} */
export function entities(r) {
  const list = [];
  if (r.province) list.push({ key: 'province', e: r.province, label: r.province.name || t('index.province') });
  r.levels.forEach((e, i) => list.push({ key: `level:${i}`, e, label: `${t('index.level')}: ${e.name}` }));
  r.units.forEach((e, i) => list.push({ key: `unit:${i}`, e, label: e.name }));
  return list;
}

/** @param {IndexReport} r @param {Entity[]} list */
function defaultEntity(r, list) {
  const focusUnit = r.units.findIndex((u) => u.focus);
  if (focusUnit >= 0) return `unit:${focusUnit}`;
  return list.length ? list[0].key : null;
}

// ---------------------------------------------------------------------------------------------
// The view

/**
 * Fills `root` with the IndexReport `r` (a note before the first run).
 * @param {HTMLElement} root
 * @param {IndexReport | null} r
 * @param {IndexView} view
 * @param {IndexActions} act
 * @param {{ manual: ManualEntry[], files: string[] }} inputs  the page's manual entries and the
 *   names of the chosen files (removable)
 */
export function renderIndex(root, r, view, act, { manual, files }) {
  if (!r) {
    root.replaceChildren(h('p', { class: 'muted', 'data-testid': 'index-empty', text: t('index.empty') }));
    return;
  }
  const list = entities(r);
  if (!list.some((x) => x.key === view.entity)) view.entity = defaultEntity(r, list);
  const cur = list.find((x) => x.key === view.entity);

  /** @type {(HTMLElement | null)[]} */
  const out = [];
  out.push(alerts(r));
  if (r.narrative) {
    const p = h('p', { class: 'narrative', 'data-testid': 'index-narrative', text: r.narrative });
    const copy = h('button', { type: 'button', class: 'btn btn-quiet no-print', 'data-testid': 'index-copy', text: t('btn.copy') });
    copy.addEventListener('click', () => act.copy(p.textContent, copy));
    out.push(h('div', { class: 'narrative-box' }, p, copy));
  }

  // Top: score of the chosen entity | comparison and catalogue
  const left = h('section', { class: 'index-card', 'data-testid': 'index-score' });
  left.append(h('h2', { text: t('index.score') }));
  if (list.length > 1) {
    left.append(h('label', { class: 'field inline no-print' }, h('span', { text: t('index.entity') }),
      h('select', { 'data-testid': 'index-entity', onchange: (/** @type {Event} */ e) => act.setEntity(/** @type {HTMLSelectElement} */ (e.target).value) },
        list.map((x) => h('option', { value: x.key, selected: x.key === view.entity }, x.label)))));
  }
  if (cur) left.append(scoreBlock(cur.e, r));
  else left.append(h('p', { class: 'muted', text: t('index.noEntity') }));

  const right = h('section', { class: 'index-card' });
  right.append(h('h2', { text: t('index.comparison') }));
  if (r.comparison) {
    const c = r.comparison;
    right.append(
      h('p', { class: 'index-cmp-name', 'data-testid': 'index-comparison-name', text: c.name }),
      h('p', { class: 'index-cmp', 'data-testid': 'index-comparison', text: c.text }),
      h('p', {
        class: `index-delta ${c.delta > 0 ? 'up' : c.delta < 0 ? 'down' : ''}`, 'data-testid': 'index-delta',
        text: t('index.delta', { delta: `${c.delta > 0 ? '+' : ''}${pts(c.delta)}`, before: c.before.period || '–', after: c.after.period || '–' }),
      }),
    );
  } else {
    right.append(h('p', { class: 'muted', 'data-testid': 'index-comparison-none', text: t(r.ranking && r.ranking.length ? 'index.noComparisonFocus' : 'index.noComparison') }));
  }
  right.append(h('h2', { text: t('index.catalog') }));
  right.append(catalogBlock(r.catalog));
  out.push(h('div', { class: 'index-grid' }, left, right));
  // the charts: the entity's groups against their maxima; the focus over the ranking's periods
  const charts = [cur ? groupsChart(cur.e) : null, focusPeriodsChart(r)].filter((x) => x !== null);
  if (charts.length) out.push(h('section', { class: 'index-section chart-grid', 'data-testid': 'index-charts' }, charts));

  if (cur) out.push(indicatorsBlock(cur.e, act));
  if (cur) out.push(lossesBlock(cur.e));
  out.push(whatIfBlock(r.what_if));
  out.push(rankingBlock(r, view, act));
  out.push(unitsBlock(r, act));
  out.push(manualBlock(r, manual, act, view.manualIndicator, cur));
  out.push(filesBlock(r, files, act));
  out.push(methodologyBlock(r.methodology));
  root.replaceChildren(...out.filter((x) => x !== null));
}

/** @param {IndexReport} r */
function alerts(r) {
  const items = [];
  for (const f of r.files) {
    if (f.error) items.push(h('li', { class: 'alert', 'data-testid': 'index-file-error' }, t('summary.fileError', { name: f.name, error: f.error })));
  }
  for (const w of r.warnings) items.push(h('li', { class: 'note', 'data-testid': 'index-warning', text: w }));
  return items.length ? h('ul', { class: 'alerts', 'data-testid': 'index-alerts' }, items) : null;
}

/** A bar of `points` out of `max`. @param {number | null} points @param {number} max @param {string} [cls] */
function bar(points, max, cls) {
  const fill = h('span', { class: `bar-fill ${cls || ''}` });
  const share = ok(points) && max > 0 ? Math.max(0, Math.min(1, points / max)) : 0;
  fill.style.width = `${(share * 100).toFixed(1)}%`; // CSSOM, allowed by the CSP (no style attribute)
  return h('span', { class: 'bar', 'aria-hidden': 'true' }, fill);
}

/** @param {EntityScore} e @param {IndexReport} r */
function scoreBlock(e, r) {
  const box = h('div', { class: 'index-total-box' });
  const total = h('p', { class: 'index-total', 'data-testid': 'index-total' },
    h('span', { class: ok(e.total) ? 'big' : 'big missing', text: ok(e.total) ? pts(e.total) : t('index.state.missing') }),
    h('span', { class: 'muted', text: ` / ${trim(e.max)} ${t('index.points')}` }));
  box.append(total);
  if (!e.complete) {
    box.append(h('p', { class: 'note', 'data-testid': 'index-provisional', text: t('index.provisional', { n: e.missing }) }));
  }
  if (e.rank != null) {
    box.append(h('p', { class: 'muted', text: t('index.unitRank', { rank: e.rank, of: e.of }) }));
  }
  const rows = e.group_details.map((g) => {
    const src = g.source === 'portal' ? t('index.group.portal') : g.source === 'partial' ? t('index.group.partial', { ids: g.missing.join(', ') }) : '';
    const portal = g.portal_points != null && g.recomputed != null
      ? h('span', { class: g.mismatch ? 'mismatch' : 'muted', 'data-testid': g.mismatch ? 'index-mismatch' : null,
        text: ` ${t(g.mismatch ? 'index.portalDiffers' : 'index.portalSame', { p: pts(g.portal_points) })}` })
      : null;
    return h('tr', { 'data-group': g.code, class: g.points == null ? 'missing' : null },
      h('th', { scope: 'row' }, h('span', { class: 'code', text: g.code }), ' ', g.name),
      h('td', { class: 'bar-cell' }, bar(g.points, g.max, g.complete ? '' : 'partial')),
      h('td', { class: 'num', 'data-col': 'points', text: g.points == null ? t('index.state.missing') : pts(g.points) }),
      h('td', { class: 'num muted', 'data-col': 'max', text: `/ ${trim(g.max)}` }),
      h('td', { class: 'hint' }, src, portal));
  });
  const groups = h('table', { class: 'groups', 'data-testid': 'index-groups' }, h('tbody', null, rows));
  box.append(h('div', { class: 'table-wrap' }, groups));
  attachCsv(groups, 'index-groups');
  box.append(h('p', { class: 'hint', text: t('index.methodologyLine', { id: r.methodology.id, version: r.methodology.version }) }));
  return box;
}

/** @param {IndexReport['catalog']} c */
function catalogBlock(c) {
  if (!c) return h('p', { class: 'muted', 'data-testid': 'index-catalog-none', text: t('index.noCatalog') });
  /** @param {string} k @param {string} label @param {string} value @param {string} [title] */
  const item = (k, label, value, title) => [h('dt', { text: t(label) }), h('dd', { 'data-k': k, title: title || null, text: value })];
  const rows = [
    item('procedures', 'index.cat.procedures', count(c.procedures)),
  ];
  if (c.published != null) {
    rows.push(item('published', 'index.cat.published', `${count(c.published)}/${count(c.procedures)} (${wholePct(c.published_rate)})`, rate(c.published_rate)));
  }
  if (c.online_services != null) {
    rows.push(item('online_services', 'index.cat.online', t('index.cat.onlineValue', { n: count(c.online_services), full: count(c.online_full), partial: count(c.online_partial) })));
  }
  if (c.integrated != null) {
    rows.push(item('integrated', 'index.cat.integrated', `${count(c.integrated)} (${wholePct(c.integrated_rate)})`, rate(c.integrated_rate)));
  }
  if (c.with_fees != null) rows.push(item('with_fees', 'index.cat.fees', count(c.with_fees)));
  if (c.duplicates) rows.push(item('duplicates', 'index.cat.duplicates', count(c.duplicates)));
  return h('div', { 'data-testid': 'index-catalog' },
    h('dl', { class: 'file-info catalog' }, rows),
    h('p', { class: 'hint', 'data-testid': 'index-catalog-text', text: c.text }));
}

/** @param {{ manual: boolean, approx: boolean, over_100?: boolean, mismatch?: boolean, unverified?: string[] }} x */
function flagList(x) {
  const f = [];
  if (x.manual) f.push(h('span', { class: 'badge manual', 'data-testid': 'index-manual-badge', text: t('index.flag.manual') }));
  if (x.approx) f.push(h('span', { class: 'badge', title: t('index.flag.approxTitle'), text: t('index.flag.approx') }));
  if (x.over_100) f.push(h('span', { class: 'badge warn', text: t('index.flag.over100') }));
  if (x.mismatch) f.push(h('span', { class: 'badge mismatch', text: t('index.flag.mismatch') }));
  // the core names the unverified rule parts this score relies on («mức trần điểm»…)
  if (x.unverified && x.unverified.length) {
    const parts = x.unverified.join(', ');
    f.push(h('span', { class: 'badge warn', 'data-testid': 'index-unverified', title: t('index.flag.unverifiedTitle', { parts }),
      text: t('index.flag.unverified', { parts }) }));
  }
  return f;
}

/** @param {EntityScore} e @param {IndexActions} act */
function indicatorsBlock(e, act) {
  const head = ['index.col.id', 'index.col.indicator', 'index.col.numerator', 'index.col.denominator', 'index.col.rate',
    'index.col.points', 'index.col.max', 'index.col.portal', 'index.col.state'];
  const num = new Set([2, 3, 4, 5, 6, 7]);
  const rows = [];
  for (const i of e.indicators) {
    const missing = i.points == null;
    const pointsText = missing ? stateLabel(i.state) : pts(i.points);
    const portal = i.portal_points == null ? '–' : pts(i.portal_points);
    // a missing indicator says so in its points cell; here only the way to enter it
    const stateCell = h('td', { 'data-col': 'state', title: i.source || null },
      missing && i.state === 'missing' ? null : h('span', { class: `state state-${i.state}`, text: stateLabel(i.state) }), ' ', flagList(i));
    if (i.state === 'missing' && act.addManualFor) {
      stateCell.append(' ', h('button', {
        type: 'button', class: 'link no-print', 'data-testid': 'index-enter', onclick: () => act.addManualFor(i.id),
      }, t('index.enterByHand')));
    }
    rows.push(h('tr', { 'data-id': i.id, 'data-state': i.state, class: missing ? 'missing' : null },
      h('th', { scope: 'row', 'data-col': 'id', text: i.id }),
      h('td', { 'data-col': 'name' }, i.name, h('span', { class: 'rule', text: i.rule })),
      h('td', { class: 'num', 'data-col': 'numerator', text: count(i.numerator) }),
      h('td', { class: 'num', 'data-col': 'denominator', text: count(i.denominator) }),
      h('td', { class: 'num', 'data-col': 'rate', text: rate(i.rate) }),
      h('td', { class: `num${missing ? ' missing' : ''}`, 'data-col': 'points', text: pointsText }),
      h('td', { class: 'num', 'data-col': 'max', text: trim(i.max) }),
      h('td', { class: `num${i.mismatch ? ' mismatch' : ''}`, 'data-col': 'portal', text: portal }),
      stateCell));
    for (const term of i.terms ?? []) { // absent when the indicator has no terms
      rows.push(h('tr', { class: 'term', 'data-id': `${i.id}/${term.key}`, 'data-state': term.state },
        h('th', { scope: 'row', 'data-col': 'id', text: `${i.id}/${term.key}` }),
        h('td', { 'data-col': 'name', text: term.name }),
        h('td', { class: 'num', text: count(term.numerator) }),
        h('td', { class: 'num', text: count(term.denominator) }),
        h('td', { class: 'num', text: rate(term.ratio) }),
        h('td', { class: 'num', text: term.points == null ? stateLabel(term.state) : pts(term.points) }),
        h('td', { class: 'num', text: trim(term.cap ?? term.weight) }),
        h('td', { class: 'num', text: '' }),
        h('td', { title: term.source || null }, h('span', { class: `state state-${term.state}`, text: stateLabel(term.state) }), ' ', flagList(term))));
    }
  }
  const table = h('table', { class: 'data compact index-indicators', 'data-testid': 'index-indicators' },
    h('thead', null, h('tr', null, head.map((k, n) => h('th', { scope: 'col', class: num.has(n) ? 'num' : null, text: t(k) })))),
    h('tbody', null, rows));
  const sec = h('section', { class: 'index-section' },
    h('h2', { text: t('index.indicators', { name: e.name || t('index.province') }) }),
    h('div', { class: 'table-wrap' }, table));
  attachCsv(table, 'index-indicators');
  return sec;
}

/** @param {EntityScore} e */
function lossesBlock(e) {
  const lost = [...e.lost].filter((l) => l.lost > 0).sort((a, b) => b.lost - a.lost || String(a.id).localeCompare(String(b.id)));
  const most = lost.length ? lost[0].lost : 1;
  const table = lost.length
    ? h('table', { class: 'data narrow', 'data-testid': 'index-losses' },
      h('thead', null, h('tr', null, ['index.col.id', 'index.col.indicator', 'index.col.group', 'index.col.points', 'index.col.max', 'index.col.lost']
        .map((k, n) => h('th', { scope: 'col', class: n >= 3 ? 'num' : null, text: t(k) })))),
      h('tbody', null, lost.map((l) => h('tr', { 'data-id': l.id },
        h('th', { scope: 'row', text: l.id }), h('td', { text: l.name }), h('td', { text: l.group }),
        h('td', { class: 'num', text: pts(l.points) }), h('td', { class: 'num', text: trim(l.max) }),
        h('td', { class: 'num lost', 'data-col': 'lost' }, bar(l.lost, most, 'lost'), ' ', pts(l.lost))))))
    : null;
  const body = table ? h('div', { class: 'table-wrap' }, table)
    : h('p', { class: 'muted', 'data-testid': 'index-losses-none', text: t('index.noLosses') });
  const sec = h('section', { class: 'index-section' }, h('h2', { text: t('index.losses', { name: e.name || t('index.province') }) }),
    h('p', { class: 'hint', text: t('index.lossesHint') }), body);
  if (table) attachCsv(table, 'index-losses');
  return sec;
}

/** @param {IndexReport['what_if']} w */
function whatIfBlock(w) {
  const sec = h('section', { class: 'index-section', 'data-testid': 'index-whatif' });
  sec.append(h('h2', { text: t('index.whatif', { name: w ? (w.entity || t('index.province')) : '' }) }));
  if (!w) { sec.append(h('p', { class: 'muted', text: t('index.noWhatif') })); return sec; }
  const parts = [t('index.whatif.total', { total: ok(w.total) ? pts(w.total) : t('index.state.missing') })];
  if (w.target != null) {
    parts.push(t('index.whatif.target', { target: trim(w.target) }));
    if (w.needed != null) parts.push(w.needed > 0 ? t('index.whatif.needed', { needed: pts(w.needed) }) : t('index.whatif.reached'));
  } else {
    parts.push(t('index.whatif.noTarget'));
  }
  sec.append(h('p', { 'data-testid': 'index-whatif-line', text: parts.join(' ') }));
  // levers already at their maximum are left out, as in the CLI
  const levers = w.levers.filter((l) => l.dossiers_to_max !== 0);
  if (levers.length) {
    const cols = ['index.col.indicator', 'index.col.lever', 'index.col.current', 'index.col.points', 'index.col.perDossier',
      'index.col.perPoint', 'index.col.toMax'];
    if (w.target != null) cols.push('index.col.toTarget');
    const table = h('table', { class: 'data compact', 'data-testid': 'index-levers' },
      h('thead', null, h('tr', null, cols.map((k, n) => h('th', { scope: 'col', class: n >= 2 ? 'num' : null, text: t(k) })))),
      h('tbody', null, levers.map((l) => h('tr', { 'data-id': l.indicator + (l.term ? `/${l.term}` : '') },
        h('th', { scope: 'row' }, `${l.indicator}${l.term ? `/${l.term}` : ''} `, h('span', { class: 'muted', text: l.name })),
        h('td', { text: l.lever }),
        h('td', { class: 'num', text: `${count(l.numerator)}/${count(l.denominator)}` }),
        h('td', { class: 'num', text: `${pts(l.points)} / ${trim(l.max)}` }),
        h('td', { class: 'num', text: perDossier(l.points_per_dossier) }),
        h('td', { class: 'num', text: l.dossiers_per_point == null ? '–' : count(l.dossiers_per_point) }),
        h('td', { class: 'num', text: l.dossiers_to_max == null ? '–' : count(l.dossiers_to_max) }),
        w.target != null ? h('td', { class: 'num', text: l.dossiers_to_target == null ? t('index.whatif.notAlone') : count(l.dossiers_to_target) }) : null))));
    sec.append(h('div', { class: 'table-wrap' }, table));
    attachCsv(table, 'index-levers');
  } else {
    sec.append(h('p', { class: 'muted', text: t('index.noLevers') }));
  }
  const units = w.units;
  if (units.length) {
    sec.append(h('h3', { text: t('index.whatif.units') }));
    sec.append(dataTable({
      id: 'index-whatif-units', rows: units, compact: true, pageSize: 20, filter: units.length > 20,
      columns: [
        { key: 'unit', type: 'text', label: 'col.unit', header: true },
        { key: 'level', type: 'text', label: 'col.level', get: (u) => (u.level ? t(`level.${u.level}`) : null) },
        { key: 'indicator', type: 'text', label: 'index.col.indicator', get: (u) => `${u.indicator}${u.term ? `/${u.term}` : ''}` },
        { key: 'lever', type: 'text', label: 'index.col.lever' },
        { key: 'headroom', type: 'int', label: 'index.col.headroom' },
        { key: 'province_points_per_dossier', type: 'pts4', label: 'index.col.provincePerDossier', render: (u) => perDossier(u.province_points_per_dossier) },
        { key: 'unit_points_per_dossier', type: 'pts4', label: 'index.col.unitPerDossier', render: (u) => perDossier(u.unit_points_per_dossier) },
        { key: 'province_gain_if_all', type: 'pts', label: 'index.col.gainIfAll' },
      ],
    }));
  }
  if (w.note) sec.append(h('p', { class: 'hint', text: w.note }));
  return sec;
}

/** @param {IndexReport} r @param {IndexView} view @param {IndexActions} act */
function rankingBlock(r, view, act) {
  const rows = r.ranking;
  const sec = h('section', { class: 'index-section' }, h('h2', { text: t('index.ranking') }));
  if (!rows.length) { sec.append(h('p', { class: 'muted', 'data-testid': 'index-ranking-none', text: t('index.noRanking') })); return sec; }
  const periods = r.periods.map((p) => p.period);
  if (view.period == null || !periods.includes(view.period)) {
    view.period = (r.comparison && r.comparison.after && r.comparison.after.period) || periods[periods.length - 1];
  }
  const info = r.periods.find((p) => p.period === view.period);
  if (periods.length > 1) {
    sec.append(h('label', { class: 'field inline no-print' }, h('span', { text: t('index.period') }),
      h('select', { 'data-testid': 'index-ranking-period', onchange: (/** @type {Event} */ e) => act.setPeriod(/** @type {HTMLSelectElement} */ (e.target).value) },
        periods.map((p) => h('option', { value: p, selected: p === view.period }, p)))));
  }
  const shown = rows.filter((x) => x.period === view.period);
  const focus = shown.find((x) => x.focus);
  sec.append(h('p', { 'data-testid': 'index-ranking-caption' },
    t('index.rankingCaption', { period: view.period, of: info ? info.of : shown.length }),
    focus ? h('strong', { 'data-testid': 'index-ranking-focus', text: ` ${t('index.rankingFocus', { name: focus.name, rank: focus.rank, of: focus.of, score: pts(focus.score) })}` }) : null));
  const chart = rankingChart(shown, view.period, info ? info.of : shown.length);
  if (chart) sec.append(chart);
  /** @type {string[]} */
  const groupCodes = [];
  for (const x of shown) for (const k of Object.keys(x.groups)) if (!groupCodes.includes(k)) groupCodes.push(k);
  /** @type {Column<RankRow>[]} */
  const columns = [
    { key: 'rank', type: 'int', label: 'index.col.rank' },
    { key: 'name', type: 'text', label: 'index.col.name', header: true },
    { key: 'score', type: 'pts', label: 'index.col.score' },
    ...groupCodes.map((c) => /** @type {Column<RankRow>} */ ({ key: `g_${c}`, type: 'pts', label: c, get: (x) => x.groups[c] })),
  ];
  if (shown.some((x) => x.delta != null)) columns.push({ key: 'delta', type: 'pts', label: 'index.col.delta' });
  sec.append(dataTable({
    id: 'index-ranking', rows: shown, columns, compact: true, pageSize: 100,
    rowAttrs: (x) => ({ class: x.focus ? 'focus' : null, 'data-focus': x.focus ? 'true' : null, 'data-rank': x.rank, 'data-of': x.of, 'aria-current': x.focus ? 'true' : null }),
  }));
  return sec;
}

/** @param {IndexReport} r @param {IndexActions} act */
function unitsBlock(r, act) {
  const units = r.units;
  const sec = h('section', { class: 'index-section' }, h('h2', { text: t('index.units') }));
  if (!units.length) { sec.append(h('p', { class: 'muted', text: t('index.noUnits') })); return sec; }
  sec.append(h('p', { class: 'hint', text: t('index.unitsHint') }));
  const codes = r.methodology.groups.map((g) => g.code);
  sec.append(dataTable({
    id: 'index-units', rows: units, compact: true, pageSize: 50,
    rowAttrs: (u) => ({ class: u.focus ? 'focus' : null, 'data-focus': u.focus ? 'true' : null, 'data-unit': u.name }),
    columns: [
      { key: 'rank', type: 'int', label: 'index.col.rank' },
      {
        key: 'name', type: 'text', label: 'col.unit', header: true,
        render: (u) => h('button', { type: 'button', class: 'link', onclick: () => act.setEntity(`unit:${units.indexOf(u)}`) }, u.name),
      },
      { key: 'level', type: 'text', label: 'col.level', get: (u) => (u.level ? t(`level.${u.level}`) : null) },
      { key: 'total', type: 'pts', label: 'index.col.total' },
      ...codes.map((c) => /** @type {Column<EntityScore>} */ ({ key: `g_${c}`, type: 'pts', label: c, get: (u) => u.groups[c] })),
      { key: 'complete', type: 'text', label: 'index.col.complete', get: (u) => (u.complete ? t('index.final') : t('index.provisionalShort', { n: u.missing })) },
    ],
  }));
  return sec;
}

