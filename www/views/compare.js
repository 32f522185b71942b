// @ts-check
// «So sánh kỳ trước»: the report's period beside the one compared with, per level (and in total)
// and per unit, as the core computed them (Report.comparison). Nothing is recomputed here.

import { t } from '../i18n.js';
import { h, panel } from '../lib/dom.js';
import { fmt } from '../lib/format.js';
import { dataTable } from '../lib/table.js';
import { COLORS, chartFigure, hbars } from './charts.js';

/** @typedef {import('../types.js').Report} Report */
/** @typedef {import('../types.js').Change} Change */
/** @typedef {import('../types.js').PeriodComparison} PeriodComparison */
/** @typedef {import('./charts.js').Series} Series */
/** @template R @typedef {import('../lib/table.js').Column<R>} Column */

/** A signed figure: «+93», «−101», «0». @param {number | null | undefined} v @param {(x: number) => string} f */
function signed(v, f) {
  if (v == null || !Number.isFinite(v)) return '–';
  if (v === 0) return f(0);
  return `${v > 0 ? '+' : '−'}${f(Math.abs(v))}`;
}

/**
 * The columns of a change, for rows that hold one in `change`.
 * @template {{ change: Change }} R
 * @returns {Column<R>[]}
 */
function changeColumns() {
  return [
    { key: 'resolved_before', type: 'int', label: 'compare.resolvedBefore', get: (r) => r.change.resolved_before },
    { key: 'resolved', type: 'int', label: 'compare.resolved', get: (r) => r.change.resolved },
    {
      key: 'resolved_change', type: 'int', label: 'compare.resolvedChange', get: (r) => r.change.resolved_change,
      render: (_, v) => signed(v, fmt.int),
    },
    {
      key: 'resolved_change_pct', type: 'rate', label: 'compare.resolvedChangePct', get: (r) => r.change.resolved_change_pct,
      render: (_, v) => signed(v, fmt.rate),
    },
    { key: 'on_time_rate_before', type: 'rate', label: 'compare.rateBefore', get: (r) => r.change.on_time_rate_before },
    { key: 'on_time_rate', type: 'rate', label: 'compare.rate', get: (r) => r.change.on_time_rate },
    {
      key: 'on_time_rate_points', type: 'pts', label: 'compare.ratePoints', get: (r) => r.change.on_time_rate_points,
      render: (_, v) => signed(v, fmt.trim),
    },
    { key: 'late_before', type: 'int', label: 'compare.lateBefore', get: (r) => r.change.late_before },
    { key: 'late', type: 'int', label: 'compare.late', get: (r) => r.change.late },
    {
      key: 'late_change', type: 'int', label: 'compare.lateChange', get: (r) => r.change.late_change,
      render: (_, v) => signed(v, fmt.int),
    },
  ];
}

/**
 * The period comparison as a chart: per level, dossiers resolved in the period compared with
 * (dotted grey) and in the report's period (blue), each with its on-time rate; the table holds
 * the same figures with the change, the total included.
 * @param {Report} r @param {PeriodComparison} c
 */
export function compareChart(r, c) {
  const levels = c.levels.filter((l) => l.change.resolved > 0 || l.change.resolved_before > 0);
  if (!levels.length) return null;
  const [before, now] = [c.period.label, r.period.label];
  /** @type {Series[]} */
  const series = [
    { label: t('chart.compare.before', { period: before }), color: COLORS.grey, pattern: 'dots' },
    { label: t('chart.compare.now', { period: now }), color: COLORS.blue },
  ];
  const text = (/** @type {number} */ n, /** @type {number | null} */ rate) => t('chart.compare.text', { resolved: fmt.int(n), rate: fmt.rate(rate) });
  const title = t('chart.compare.title', { now, before });
  return chartFigure({
    id: 'chart-compare', title, file: 'bieu-do-so-sanh-ky.png',
    summary: `${title}. ${levels.map((l) => t('chart.compare.item', {
      level: l.label, now, before, resolved: fmt.int(l.change.resolved), resolvedBefore: fmt.int(l.change.resolved_before),
      rate: fmt.rate(l.change.on_time_rate), rateBefore: fmt.rate(l.change.on_time_rate_before),
    })).join('; ')}.`,
    plot: hbars({
      rows: levels.flatMap((l) => [
        { label: `${l.label} — ${before}`, parts: [l.change.resolved_before, 0], text: text(l.change.resolved_before, l.change.on_time_rate_before ?? null) },
        { label: `${l.label} — ${now}`, parts: [0, l.change.resolved], text: text(l.change.resolved, l.change.on_time_rate ?? null) },
      ]),
      series,
    }),
    legend: series,
    table: {
      head: [t('col.level'), t('compare.resolvedBefore'), t('compare.resolved'), t('compare.resolvedChange'),
        t('compare.rateBefore'), t('compare.rate'), t('compare.ratePoints')],
      rows: [...levels.map((l) => ({ name: l.label, ch: l.change })), { name: t('level.total'), ch: c.total }].map(({ name, ch }) => [
        name, fmt.int(ch.resolved_before), fmt.int(ch.resolved), signed(ch.resolved_change, fmt.int),
        fmt.rate(ch.on_time_rate_before), fmt.rate(ch.on_time_rate), signed(ch.on_time_rate_points, fmt.trim),
      ]),
    },
  });
}

/** @param {Report} r */
export function renderCompare(r) {
  const c = r.comparison;
  if (!c) {
    // summary files keep no previous period: say so rather than «not asked»
    const why = r.sources?.length ? 'compare.fromSummaries' : 'compare.none';
    panel('compare').replaceChildren(h('p', { class: 'hint', 'data-testid': 'compare-none' }, t(why)));
    return;
  }
  /** @typedef {{ name: string, level: string, change: Change }} Row */
  /** @type {Row[]} */
  const levels = [
    ...c.levels.map((l) => ({ name: l.label, level: l.level, change: l.change })),
    { name: t('level.total'), level: 'total', change: c.total },
  ];
  /** @type {Column<Row>[]} */
  const levelColumns = [{ key: 'name', type: 'text', label: 'col.level', header: true, sortable: false }, ...changeColumns()];
  /** @type {Column<import('../types.js').UnitChange>[]} */
  const unitColumns = [
    { key: 'name', type: 'text', label: 'col.unit', header: true },
    { key: 'level', type: 'text', label: 'col.level', get: (u) => (u.level ? t(`level.${u.level}`) : null) },
    ...changeColumns(),
  ];
  panel('compare').replaceChildren(
    h('p', { class: 'period-label', 'data-testid': 'compare-title' }, t('compare.title', {
      now: r.period.label, before: c.period.label, from: fmt.date(c.period.from), to: fmt.date(c.period.to),
    })),
    compareChart(r, c) ?? '',
    h('h3', null, t('compare.levels')),
    dataTable({ id: 'compare-levels', columns: levelColumns, rows: levels, filter: false, compact: true, rowAttrs: (row) => ({ 'data-level': row.level }) }),
    h('h3', null, t('compare.units')),
    dataTable({ id: 'compare-units', columns: unitColumns, rows: c.units, compact: true }),
  );
}
