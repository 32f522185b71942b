// @ts-check
// The «Chỉ số 766» charts (issue 11): the chosen entity's group scores against their maxima, the
// ranking of one period with the focus province marked, and the focus's score and rank over
// the periods of the ranking table. Figures as the core gave them (IndexReport).

import { t } from '../i18n.js';
import { fmt } from '../lib/format.js';
import { COLORS, chartFigure, columns, hbars } from './charts.js';

/** @typedef {import('../types.js').IndexReport} IndexReport */
/** @typedef {import('../types.js').EntityScore} EntityScore */
/** @typedef {import('../pkg/tthc_analytics.js').RankRow} RankRow */
/** @typedef {import('./charts.js').Series} Series */

const { pts, trim } = fmt;

/** The group scores of `e` against their maxima. @param {EntityScore} e */
export function groupsChart(e) {
  const groups = e.group_details;
  if (!groups.length) return null;
  const name = e.name || t('index.province');
  const title = t('chart.index.groups', { name });
  /** @type {Series[]} */
  const series = [{ label: t('chart.index.points'), color: COLORS.blue }, { label: t('chart.index.missing'), color: COLORS.light }];
  const shown = (/** @type {number | null} */ p) => (p == null ? t('index.state.missing') : pts(p));
  return chartFigure({
    id: 'index-groups-chart', title, file: 'chi-so-766-nhom.png',
    summary: `${title}. ${groups.map((g) => t('chart.index.groupsItem', { code: g.code, group: g.name, points: shown(g.points), max: trim(g.max) })).join('; ')}.`,
    plot: hbars({
      rows: groups.map((g) => ({
        label: `${g.code} ${g.name}`, parts: [g.points ?? 0, Math.max(0, g.max - (g.points ?? 0))],
        text: t('chart.index.groupsText', { points: shown(g.points), max: trim(g.max) }),
      })),
      series, value: pts,
    }),
    legend: series,
    table: {
      head: [t('index.col.group'), t('index.col.points'), t('index.col.max')],
      rows: groups.map((g) => [`${g.code} ${g.name}`, shown(g.points), trim(g.max)]),
    },
  });
}

/**
 * The ranking of `period` (rows sorted by rank), the focus marked.
 * @param {RankRow[]} shown @param {string} period @param {number} of
 */
export function rankingChart(shown, period, of) {
  const rows = [...shown].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'vi'));
  if (!rows.length) return null;
  const focus = rows.find((x) => x.focus);
  const title = t('chart.index.ranking', { period, of: fmt.int(of) });
  const top = pts(rows[0].score); const bottom = pts(rows[rows.length - 1].score);
  const focusText = focus ? t('index.rankingFocus', { name: focus.name, rank: focus.rank, of: focus.of, score: pts(focus.score) }).replace(/\.$/, '') : '';
  /** @type {Series} */
  const others = { label: t('chart.index.others'), color: COLORS.blue };
  /** @type {Series} */
  const marked = { label: focus ? `${t('chart.index.focus')}: ${focus.name}` : t('chart.index.focus'), color: COLORS.vermillion, pattern: 'hatch' };
  return chartFigure({
    id: 'index-ranking-chart', title, file: 'chi-so-766-xep-hang.png',
    summary: `${title}. ${focus ? t('chart.index.rankingItem', { name: focus.name, rank: focus.rank, of: focus.of, score: pts(focus.score), top, bottom })
      : t('chart.index.rankingNoFocus', { top, bottom })}.`,
    plot: columns({
      rows: rows.map((x) => ({ label: x.name, value: x.score, focus: x.focus })),
      max: 100, series: others, focusSeries: marked, focusText, axis: t('chart.index.rankAxis'),
    }),
    legend: focus ? [others, marked] : [others],
    table: {
      head: [t('index.col.rank'), t('index.col.name'), t('index.col.score')],
      rows: rows.map((x) => [fmt.int(x.rank), x.focus ? `${x.name} ◀` : x.name, pts(x.score)]),
    },
  });
}

/** The focus's score and rank in each period of the ranking table. @param {IndexReport} r */
export function focusPeriodsChart(r) {
  const mine = r.periods.map((p) => r.ranking.find((x) => x.focus && x.period === p.period)).filter((x) => x !== undefined);
  if (mine.length < 2) return null;
  const name = mine[0].name;
  const title = t('chart.index.periods', { name });
  /** @type {Series[]} */
  const series = [{ label: t('index.col.score'), color: COLORS.blue }];
  const text = (/** @type {RankRow} */ x) => t('chart.index.periodsText', { score: pts(x.score), rank: x.rank, of: x.of });
  return chartFigure({
    id: 'index-periods-chart', title, file: 'chi-so-766-qua-cac-ky.png',
    summary: `${title}. ${mine.map((x) => `${x.period}: ${text(x)}`).join('; ')}.`,
    plot: hbars({ rows: mine.map((x) => ({ label: x.period, parts: [x.score], text: text(x) })), series, max: 100, value: pts }),
    table: {
      head: [t('index.period'), t('index.col.score'), t('index.col.rank')],
      rows: mine.map((x) => [x.period, pts(x.score), `${x.rank}/${x.of}`]),
    },
  });
}
