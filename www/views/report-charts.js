// @ts-check
// The dossier Report's charts (issue 11): on-time and late per level, the channel mix, the units
// ranked by on-time rate with their late count, and the months (uPlot). Each is built from the
// Report's figures as they are (nothing recomputed but shares for drawing); their tables are
// the same figures, formatted vi-VN.

import { t } from '../i18n.js';
import { fmt } from '../lib/format.js';
import { COLORS, chartFigure, hbars, monthsPlot } from './charts.js';

/** @typedef {import('../types.js').Report} Report */
/** @typedef {import('../types.js').Figures} Figures */
/** @typedef {import('../types.js').MonthFigures} MonthFigures */
/** @typedef {import('./charts.js').Series} Series */

/** Units drawn in the ranked chart (its table lists every unit). */
export const RANKED_UNITS = 15;

const onTimeLate = () => /** @type {Series[]} */ ([
  { label: t('months.legendOnTime'), color: COLORS.blue },
  { label: t('months.legendLate'), color: COLORS.vermillion, pattern: 'hatch' },
]);

/** @param {{ label: string } & Figures} l */
const levelSentence = (l) => t('chart.levels.item', {
  level: l.label, resolved: fmt.int(l.resolved), onTime: fmt.int(l.on_time), rate: fmt.rate(l.on_time_rate), late: fmt.int(l.late),
});

/** Resolved on time and late per level, with the on-time rate. @param {Report} r */
export function levelsChart(r) {
  const levels = r.levels.filter((l) => l.resolved > 0);
  if (!levels.length) return null;
  const rows = [...levels.map((l) => ({ label: l.label, fig: l })), { label: t('level.total'), fig: r.total }];
  const title = t('chart.levels.title');
  return chartFigure({
    id: 'chart-levels', title, file: 'bieu-do-theo-cap.png',
    summary: `${title}. ${levels.map(levelSentence).join('; ')}.`,
    plot: hbars({
      rows: rows.map(({ label, fig }) => ({
        label, parts: [fig.on_time, fig.late], text: t('chart.levels.text', { rate: fmt.rate(fig.on_time_rate), late: fmt.int(fig.late) }),
      })),
      series: onTimeLate(),
    }),
    legend: onTimeLate(),
    table: {
      head: [t('col.level'), t('col.resolved'), t('col.on_time'), t('col.late'), t('col.on_time_rate')],
      rows: rows.map(({ label, fig }) => [label, fmt.int(fig.resolved), fmt.int(fig.on_time), fmt.int(fig.late), fmt.rate(fig.on_time_rate)]),
    },
  });
}

const channelSeries = () => /** @type {Series[]} */ ([
  { label: t('chart.channel.online'), color: COLORS.blue },
  { label: t('chart.channel.direct'), color: COLORS.vermillion, pattern: 'hatch' },
  { label: t('chart.channel.postal'), color: COLORS.green, pattern: 'dots' },
  { label: t('chart.channel.unknown'), color: COLORS.grey },
]);

/** @param {Figures} f @returns {number[]} online, direct, postal, not said */
const channelParts = (f) => [f.received_online, f.received_direct, f.received_postal,
  Math.max(0, f.received - f.received_online - f.received_direct - f.received_postal)];

/** The channel mix of the dossiers received, per level; none when the files do not say the channel. @param {Report} r */
export function channelChart(r) {
  if (!r.total.received || !r.total.channel_known) return null;
  const rows = [...r.levels.filter((l) => l.received > 0).map((l) => ({ label: l.label, fig: /** @type {Figures} */ (l) })), { label: t('level.total'), fig: r.total }];
  const series = channelSeries();
  const title = t('chart.channel.title');
  const share = (/** @type {number} */ v, /** @type {number} */ of) => fmt.rate(of ? (100 * v) / of : null);
  return chartFigure({
    id: 'chart-channel', title, file: 'bieu-do-kenh-nop.png',
    summary: `${title}. ${rows.map(({ label, fig }) => t('chart.channel.item', {
      level: label, received: fmt.int(fig.received), online: fmt.int(fig.received_online), share: share(fig.received_online, fig.received),
      direct: fmt.int(fig.received_direct), postal: fmt.int(fig.received_postal),
    })).join('; ')}.`,
    plot: hbars({
      rows: rows.map(({ label, fig }) => ({
        label, parts: channelParts(fig).map((v) => (fig.received ? (100 * v) / fig.received : 0)),
        text: t('chart.channel.text', { share: share(fig.received_online, fig.received), received: fmt.int(fig.received) }),
      })),
      series, max: 100, value: fmt.rate,
    }),
    legend: series,
    table: {
      head: [t('col.level'), t('col.received'), ...series.map((x) => x.label), t('chart.channel.onlineShare')],
      rows: rows.map(({ label, fig }) => [label, fmt.int(fig.received), ...channelParts(fig).map(fmt.int), share(fig.received_online, fig.received)]),
    },
  });
}

/** The units ranked by on-time rate, lowest first, with their late count. @param {Report} r */
export function unitsChart(r) {
  const ranked = r.units.filter((u) => u.resolved > 0 && u.on_time_rate != null)
    .sort((a, b) => (a.on_time_rate ?? 0) - (b.on_time_rate ?? 0) || b.late - a.late || a.name.localeCompare(b.name, 'vi'));
  if (!ranked.length) return null;
  const shown = ranked.slice(0, RANKED_UNITS);
  const title = t('chart.units.title', { n: fmt.int(shown.length) });
  const series = [
    { label: t('chart.units.onTimeShare'), color: COLORS.blue },
    { label: t('chart.units.lateShare'), color: COLORS.vermillion, pattern: /** @type {const} */ ('hatch') },
  ];
  return chartFigure({
    id: 'chart-units', title, file: 'bieu-do-don-vi.png',
    summary: `${title}. ${shown.map((u, i) => t('chart.units.item', { i: i + 1, name: u.name, rate: fmt.rate(u.on_time_rate), late: fmt.int(u.late), resolved: fmt.int(u.resolved) })).join('; ')}.`,
    plot: hbars({
      rows: shown.map((u) => ({
        label: u.name, parts: [u.on_time_rate ?? 0, 100 - (u.on_time_rate ?? 0)],
        text: t('chart.units.text', { rate: fmt.rate(u.on_time_rate), late: fmt.int(u.late) }),
      })),
      series, max: 100, value: fmt.rate,
    }),
    legend: series,
    note: ranked.length > shown.length ? t('chart.units.note', { n: fmt.int(shown.length), total: fmt.int(ranked.length) }) : null,
    table: {
      head: [t('chart.units.rank'), t('col.unit'), t('col.level'), t('col.resolved'), t('col.late'), t('col.on_time_rate')],
      rows: ranked.map((u, i) => [fmt.int(i + 1), u.name, u.level ? t(`level.${u.level}`) : '–', fmt.int(u.resolved), fmt.int(u.late), fmt.rate(u.on_time_rate)]),
    },
  });
}

/**
 * Resolved per month, on time and late, with the on-time rate (uPlot); of one level when `level`
 * names it (its title says which).
 * @param {MonthFigures[]} months @param {string | null} [level]
 */
export function monthsChart(months, level = null) {
  if (!months.length) return null;
  const series = [...onTimeLate(), { label: t('col.on_time_rate'), color: COLORS.ink }];
  const plot = monthsPlot({
    months: months.map((m) => m.month), onTime: months.map((m) => m.on_time), late: months.map((m) => m.late),
    rate: months.map((m) => m.on_time_rate),
  }, series, [t('chart.axis.month'), t('chart.axis.dossiers'), t('chart.axis.rate')]);
  const title = level ? `${t('months.chart')} — ${level}` : t('months.chart');
  return chartFigure({
    id: 'months-chart', title, file: 'bieu-do-theo-thang.png', plot: plot.root, canvas: plot.canvas,
    summary: `${title}. ${months.map((m) => t('chart.months.item', {
      month: fmt.month(m.month), onTime: fmt.int(m.on_time), late: fmt.int(m.late), rate: fmt.rate(m.on_time_rate),
    })).join('; ')}.`,
    legend: series.map((x, i) => (i === 2 ? { ...x, label: t('chart.months.rateLine') } : x)),
    table: {
      head: [t('col.month'), t('col.resolved'), t('col.on_time'), t('col.late'), t('col.on_time_rate')],
      rows: months.map((m) => [fmt.month(m.month), fmt.int(m.resolved), fmt.int(m.on_time), fmt.int(m.late), fmt.rate(m.on_time_rate)]),
    },
  });
}
