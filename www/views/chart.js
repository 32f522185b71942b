// @ts-check
// The months chart: resolved on time and late per month, stacked bars (SVG, built as elements).

import { t } from '../i18n.js';
import { h, s } from '../lib/dom.js';
import { fmt } from '../lib/format.js';

/** @typedef {import('../types.js').MonthFigures} MonthFigures */

/** A round step for about 4 grid lines up to `peak`. @param {number} peak */
function gridStep(peak) {
  const p10 = 10 ** Math.floor(Math.log10(peak / 4));
  const f = peak / 4 / p10;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p10;
}

/** @param {MonthFigures[]} months @returns {HTMLElement} */
export function monthChart(months) {
  const W = 720; const H = 220; const L = 56; const B = 26; const T = 10;
  const peak = Math.max(1, ...months.map((m) => m.on_time + m.late));
  const step = gridStep(peak);
  const max = Math.max(step, Math.ceil(peak / step) * step);
  const ticks = Math.round(max / step);
  const bw = (W - L - 10) / months.length;
  const y = (/** @type {number} */ v) => T + (H - T - B) * (1 - v / max);
  const g = s('g');
  for (let i = 0; i <= ticks; i++) {
    const v = step * i;
    g.append(s('line', { x1: L, x2: W - 4, y1: y(v), y2: y(v), class: 'grid' }),
      s('text', { x: L - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, fmt.int(Math.round(v))));
  }
  months.forEach((m, i) => {
    const x = L + i * bw + bw * 0.15;
    const w = bw * 0.7;
    const ot = m.on_time; const lt = m.late;
    const title = `${fmt.month(m.month)}: ${t('months.legendOnTime')} ${fmt.int(ot)}, ${t('months.legendLate')} ${fmt.int(lt)}`;
    g.append(
      s('rect', { x, y: y(ot), width: w, height: Math.max(0, y(0) - y(ot)), class: 'bar-ontime' }, s('title', {}, title)),
      s('rect', { x, y: y(ot + lt), width: w, height: Math.max(0, y(ot) - y(ot + lt)), class: 'bar-late' }, s('title', {}, title)),
      s('text', { x: x + w / 2, y: H - 8, class: 'axis', 'text-anchor': 'middle' }, fmt.month(m.month).slice(0, 2)),
    );
  });
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': t('months.chart') }, g);
  return h('figure', { class: 'chart-box', 'data-testid': 'months-chart' }, svg,
    h('figcaption', null, t('months.chart'), ' ',
      h('span', { class: 'legend legend-ontime', text: t('months.legendOnTime') }), ' ',
      h('span', { class: 'legend legend-late', text: t('months.legendLate') })));
}
