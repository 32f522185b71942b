// @ts-check
// The charts (issue 11): every chart is a <figure> with its Vietnamese title, a plot with
// role="img" and an aria-label that says the figures in words, a key that does not rely on
// colour alone (Okabe–Ito colours, and hatching on the second series), «Bảng số liệu» (the
// chart's numbers as a table, one click away) and «Lưu PNG». The months chart is drawn by uPlot
// (vendored from npm into www/vendor by scripts/vendor.sh; a canvas); the bar charts are SVG
// built here as elements, styled by attributes (not by the stylesheet) so that the same SVG
// saved as PNG looks as it does on screen. Nothing here queries the document: the charts work
// in the page, in the <tthc-dashboard> shadow root and in dist/tthc.html alike.

import uPlot from '../vendor/uplot.js';
import { t } from '../i18n.js';
import { h, s } from '../lib/dom.js';
import { fmt } from '../lib/format.js';

/**
 * Okabe–Ito colours that keep at least 3:1 against white (WCAG 1.4.11), and a grey at 4,5:1.
 * The orange, sky blue and yellow of the palette are too light for bars on white.
 */
export const COLORS = { blue: '#0072B2', vermillion: '#D55E00', green: '#009E73', purple: '#CC79A7', grey: '#6E6E6E', ink: '#1d2430', light: '#DCE3EA' };

/** @typedef {'solid' | 'hatch' | 'dots'} Pattern */
/** @typedef {{ label: string, color: string, pattern?: Pattern }} Series */
/** @typedef {{ head: string[], rows: string[][] }} TableData */

const FONT = '"Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

// ---------------------------------------------------------------------------------------------
// The figure around a chart

/**
 * @typedef {object} FigureOptions
 * @property {string} id  the figure's data-testid (its buttons and table: `<id>-table`,
 *   `<id>-table-toggle`, `<id>-png`)
 * @property {string} title  the chart's title (Vietnamese), also the PNG's
 * @property {string} summary  the aria-label: what the chart shows, its figures in words
 * @property {Element} plot  the SVG, or uPlot's root
 * @property {Series[]} [legend]
 * @property {string | null} [note]  a line under the chart (e.g. what was left out)
 * @property {TableData} table
 * @property {string} file  the PNG's file name
 * @property {() => Promise<HTMLCanvasElement>} [canvas]  the chart drawn on a canvas (default:
 *   the SVG `plot` rendered)
 */

/** A chart in its figure, with the key, «Bảng số liệu» and «Lưu PNG». @param {FigureOptions} o */
export function chartFigure(o) {
  const tableId = `chart-${o.id}-data`;
  // a column is right-aligned when every cell is a number (vi-VN: 1.234; 98,12%; –)
  const numeric = (/** @type {number} */ i) => i > 0 && o.table.rows.every((r) => /^[\d.,%–+\s-]*$/.test(r[i] ?? ''));
  const table = h('table', { class: 'data narrow chart-table', 'data-testid': `${o.id}-table` },
    h('caption', { class: 'visually-hidden', text: o.title }),
    h('thead', null, h('tr', null, o.table.head.map((x, i) => h('th', { scope: 'col', class: numeric(i) ? 'num' : null, text: x })))),
    h('tbody', null, o.table.rows.map((r) => h('tr', null,
      r.map((x, i) => (i ? h('td', { class: numeric(i) ? 'num' : null, text: x }) : h('th', { scope: 'row', text: x })))))));
  const wrap = h('div', { class: 'table-wrap chart-data', id: tableId, hidden: true }, table);
  const toggle = h('button', {
    type: 'button', class: 'btn btn-quiet btn-small', 'aria-expanded': 'false', 'aria-controls': tableId,
    'data-testid': `${o.id}-table-toggle`, text: t('chart.table'),
  });
  toggle.addEventListener('click', () => {
    wrap.hidden = !wrap.hidden;
    toggle.setAttribute('aria-expanded', String(!wrap.hidden));
    toggle.textContent = t(wrap.hidden ? 'chart.table' : 'chart.tableHide');
  });
  const png = h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-testid': `${o.id}-png`, text: t('chart.png') });
  png.addEventListener('click', () => {
    const draw = o.canvas ?? (() => svgCanvas(/** @type {SVGSVGElement} */ (o.plot)));
    draw().then((c) => savePng(framed(c, o.title, o.legend ?? []), o.file)).catch(() => { png.classList.add('failed'); });
  });
  const plot = h('div', { class: 'chart-plot', role: 'img', 'aria-label': o.summary, 'data-testid': `${o.id}-plot` }, o.plot);
  return h('figure', { class: 'chart-box', 'data-testid': o.id },
    h('figcaption', { class: 'chart-title', text: o.title }),
    plot,
    o.legend?.length ? legendEl(o.legend) : null,
    o.note ? h('p', { class: 'hint chart-note', text: o.note }) : null,
    h('div', { class: 'chart-tools no-print' }, toggle, png),
    wrap);
}

/** The key: a swatch (colour and pattern) and the series' name. @param {Series[]} list */
function legendEl(list) {
  return h('ul', { class: 'chart-legend' }, list.map((x) => h('li', null,
    svgSwatch(x), ' ', x.label)));
}

/** @param {Series} x */
function svgSwatch(x) {
  const id = `sw-${Math.random().toString(36).slice(2, 9)}`;
  return s('svg', { width: 14, height: 14, viewBox: '0 0 14 14', 'aria-hidden': 'true', class: 'swatch' },
    patternDefs(id, x), s('rect', { x: 0.5, y: 0.5, width: 13, height: 13, fill: fillOf(id, x), stroke: x.color }));
}

// ---------------------------------------------------------------------------------------------
// SVG patterns: the second and third series carry hatching or dots as well as their colour.

/** @param {string} id @param {Series} x */
function patternDefs(id, x) {
  if (!x.pattern || x.pattern === 'solid') return null;
  const p = s('pattern', { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: x.pattern === 'hatch' ? 'rotate(45)' : null },
    s('rect', { width: 6, height: 6, fill: x.color }));
  if (x.pattern === 'hatch') p.append(s('rect', { width: 2, height: 6, fill: '#ffffff', 'fill-opacity': 0.55 }));
  else p.append(s('circle', { cx: 3, cy: 3, r: 1.3, fill: '#ffffff', 'fill-opacity': 0.7 }));
  return s('defs', {}, p);
}

/** @param {string} id @param {Series} x */
const fillOf = (id, x) => (!x.pattern || x.pattern === 'solid' ? x.color : `url(#${id})`);

let uid = 0;

// ---------------------------------------------------------------------------------------------
// Horizontal bars (levels, channels, units, index groups)

/**
 * @typedef {object} BarRow
 * @property {string} label
 * @property {number[]} parts  one value per series, stacked left to right
 * @property {string} text  written after the bar (e.g. «98,12% · 2.043 trễ hạn»)
 * @property {boolean} [focus]  drawn bold, with a marker
 */

/**
 * Stacked horizontal bars, one row per `rows` item, scaled to the largest row sum or to `max`;
 * `value` formats a part in its tooltip (default: a count).
 * @param {{ rows: BarRow[], series: Series[], max?: number, value?: (v: number) => string }} o
 * @returns {SVGSVGElement}
 */
export function hbars(o) {
  // each row: its label on a line of its own, the figures right-aligned on the same line (long
  // names stay readable on a phone), the bar under them across the whole width
  const W = 560; const RH = 38; const BH = 14; const TOP = 4;
  const H = TOP + o.rows.length * RH + 2;
  const max = o.max ?? Math.max(1, ...o.rows.map((r) => r.parts.reduce((a, b) => a + b, 0)));
  const x = (/** @type {number} */ v) => (W - 4) * (v / max);
  const ids = o.series.map(() => `p${++uid}`);
  const defs = o.series.map((se, i) => patternDefs(ids[i], se));
  const g = s('g', { 'font-family': FONT, 'font-size': 14, fill: COLORS.ink });
  o.rows.forEach((r, i) => {
    const y = TOP + i * RH;
    // the label gives way to the figures: about 7 px per character at 14 px
    const room = Math.max(12, Math.floor((W - 16 - r.text.length * 6.6) / 7.4));
    const label = r.label.length > room ? `${r.label.slice(0, room - 1)}…` : r.label;
    g.append(s('text', { x: 2, y: y + 13, 'font-weight': r.focus ? 700 : 600 }, label, s('title', {}, r.label)));
    const by = y + 18;
    let at = 2;
    r.parts.forEach((v, k) => {
      const w = x(v);
      if (w > 0) {
        g.append(s('rect', { x: at, y: by, width: w, height: BH, fill: fillOf(ids[k], o.series[k]), stroke: o.series[k].color, 'stroke-width': 0.5 },
          s('title', {}, `${r.label} — ${o.series[k].label}: ${(o.value ?? fmt.int)(v)}`)));
      }
      at += w;
    });
    if (r.focus) g.append(s('rect', { x: 0, y: by - 2, width: at + 2, height: BH + 4, fill: 'none', stroke: COLORS.ink, 'stroke-width': 2 }));
    g.append(s('text', { x: W - 2, y: y + 13, 'text-anchor': 'end', 'font-size': 13, 'font-weight': r.focus ? 700 : null }, r.text));
  });
  return s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chart-svg', 'data-rows': o.rows.length }, s('defs', {}, ...defs.map((d) => d?.firstChild ?? null)), g);
}

/**
 * Columns (the index ranking): one per row, in order, the focus in another colour with its label.
 * @param {{ rows: { label: string, value: number, focus?: boolean }[], max: number, series: Series, focusSeries: Series, focusText: string, axis: string }} o
 * @returns {SVGSVGElement}
 */
export function columns(o) {
  const W = 640; const H = 260; const L = 40; const R = 8; const T = 34; const B = 30;
  const n = o.rows.length;
  const cw = (W - L - R) / Math.max(1, n);
  const y = (/** @type {number} */ v) => T + (H - T - B) * (1 - v / o.max);
  const fid = `p${++uid}`;
  const g = s('g', { 'font-family': FONT, 'font-size': 12, fill: COLORS.ink });
  for (let v = 0; v <= o.max; v += o.max / 4) {
    g.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e3e7ec' }),
      s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', fill: '#4a5361' }, fmt.trim(v)));
  }
  o.rows.forEach((r, i) => {
    const x = L + i * cw;
    const se = r.focus ? o.focusSeries : o.series;
    g.append(s('rect', { x: x + cw * 0.12, y: y(r.value), width: cw * 0.76, height: Math.max(0, y(0) - y(r.value)), fill: r.focus ? fillOf(fid, se) : se.color },
      s('title', {}, `${i + 1}. ${r.label}: ${fmt.pts(r.value)}`)));
    if (i === 0 || (i + 1) % 10 === 0 || i === n - 1) {
      g.append(s('text', { x: x + cw / 2, y: H - B + 16, 'text-anchor': 'middle', fill: '#4a5361' }, String(i + 1)));
    }
    if (r.focus) {
      const tx = Math.min(Math.max(x + cw / 2, L + 150), W - R - 150);
      g.append(s('line', { x1: x + cw / 2, x2: x + cw / 2, y1: y(r.value) - 3, y2: T - 8, stroke: COLORS.ink, 'stroke-width': 1.5 }),
        s('text', { x: tx, y: T - 14, 'text-anchor': 'middle', 'font-weight': 700 }, o.focusText));
    }
  });
  g.append(s('text', { x: W - R, y: H - 2, 'text-anchor': 'end', fill: '#4a5361' }, o.axis));
  return s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'chart-svg' }, patternDefs(fid, o.focusSeries), g);
}

// ---------------------------------------------------------------------------------------------
// The months chart: uPlot, resolved on time and late stacked as bars, the on-time rate a line on
// its own axis (%).

/** A hatch pattern for canvas bars. @param {string} color */
function canvasHatch(color) {
  const c = document.createElement('canvas');
  c.width = 8; c.height = 8;
  const ctx = c.getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = color; ctx.fillRect(0, 0, 8, 8);
  ctx.strokeStyle = 'rgba(255,255,255,.55)'; ctx.lineWidth = 2;
  ctx.beginPath(); ctx.moveTo(-2, 10); ctx.lineTo(10, -2); ctx.moveTo(-2, 2); ctx.lineTo(2, -2); ctx.moveTo(6, 10); ctx.lineTo(10, 6); ctx.stroke();
  return ctx.createPattern(c, 'repeat') ?? color;
}

/**
 * @param {{ months: string[], onTime: number[], late: number[], rate: (number | null)[] }} d
 * @param {Series[]} series  on time, late, rate
 * @param {string[]} axes  the titles of the x axis, the count axis and the rate axis
 * @returns {{ root: HTMLElement, canvas: () => Promise<HTMLCanvasElement> }}
 */
export function monthsPlot(d, series, axes) {
  const n = d.months.length;
  const xs = d.months.map((_, i) => i);
  const total = d.onTime.map((v, i) => v + d.late[i]);
  const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.62, 60], align: 0 }) : undefined;
  const box = h('div', { class: 'uplot-box' });
  const width = () => Math.max(300, Math.min(900, box.clientWidth || 760));
  /** @type {uPlot.Options} */
  const opts = {
    width: 760, height: 280,
    legend: { show: false },
    cursor: { show: true, drag: { x: false, y: false } },
    // counts from 0 (bars), the rate from 0 to 100%
    scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: (_, _min, max) => [0, Math.max(1, max) * 1.08] }, '%': { range: [0, 100] } },
    axes: [
      {
        label: axes[0], labelSize: 20, stroke: '#4a5361', grid: { show: false }, splits: () => xs,
        values: (_, vals) => vals.map((v) => (Number.isInteger(v) && v >= 0 && v < n ? fmt.month(d.months[v]).slice(0, 2) : '')),
      },
      { label: axes[1], labelSize: 20, values: (_, vals) => vals.map((v) => fmt.int(v)), stroke: '#4a5361', size: 60, grid: { stroke: '#e3e7ec', width: 1 } },
      { label: axes[2], labelSize: 20, scale: '%', side: 1, values: (_, vals) => vals.map((v) => `${fmt.trim(v)}%`), stroke: '#4a5361', grid: { show: false }, size: 50 },
    ],
    series: [
      {},
      // drawn first: the whole column (late on top), then on-time over its lower part
      { label: series[1].label, fill: canvasHatch(series[1].color), stroke: series[1].color, width: 0, paths: bars, points: { show: false } },
      { label: series[0].label, fill: series[0].color, stroke: series[0].color, width: 0, paths: bars, points: { show: false } },
      { label: series[2].label, scale: '%', stroke: series[2].color, width: 2, dash: [6, 3], points: { show: true, size: 6, fill: '#fff' } },
    ],
  };
  const u = new uPlot(opts, [xs, total, d.onTime, d.rate], box);
  // the box's width once it is laid out (a hidden tab has none), and on resize
  const ro = new ResizeObserver(() => { if (box.clientWidth > 0 && Math.abs(u.width - width()) > 4) u.setSize({ width: width(), height: 280 }); });
  ro.observe(box);
  return {
    root: box,
    canvas: async () => {
      u.redraw(false, true);
      const src = u.ctx.canvas;
      const c = document.createElement('canvas');
      c.width = src.width; c.height = src.height;
      const ctx = c.getContext('2d');
      if (ctx) { ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, c.width, c.height); ctx.drawImage(src, 0, 0); }
      return c;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PNG

/** The SVG drawn on a canvas at twice its size. @param {SVGSVGElement} svg @returns {Promise<HTMLCanvasElement>} */
export function svgCanvas(svg) {
  const W = Number(svg.getAttribute('width')); const H = Number(svg.getAttribute('height'));
  const clone = /** @type {SVGSVGElement} */ (svg.cloneNode(true));
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const text = new XMLSerializer().serializeToString(clone);
  const img = new Image();
  return new Promise((resolve, reject) => {
    img.onload = () => {
      const c = document.createElement('canvas');
      c.width = W * 2; c.height = H * 2;
      const ctx = c.getContext('2d');
      if (!ctx) { reject(new Error('canvas')); return; }
      ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, c.width, c.height);
      ctx.drawImage(img, 0, 0, c.width, c.height);
      resolve(c);
    };
    img.onerror = () => reject(new Error('svg'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}

/**
 * The chart with its title above and its key below, on white.
 * @param {HTMLCanvasElement} chart @param {string} title @param {Series[]} legend
 */
function framed(chart, title, legend) {
  const k = chart.width / 640 > 1.5 ? 2 : 1; // the chart's pixel ratio, about
  const pad = 16 * k; const titleH = 30 * k; const keyH = legend.length ? 26 * k : 0;
  const c = document.createElement('canvas');
  c.width = chart.width + 2 * pad; c.height = chart.height + titleH + keyH + 2 * pad;
  const ctx = c.getContext('2d');
  if (!ctx) return chart;
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, c.width, c.height);
  ctx.fillStyle = COLORS.ink;
  ctx.font = `600 ${16 * k}px ${FONT}`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, pad, pad, c.width - 2 * pad);
  ctx.drawImage(chart, pad, pad + titleH);
  let x = pad; const y = pad + titleH + chart.height + 8 * k;
  ctx.font = `${13 * k}px ${FONT}`;
  for (const se of legend) {
    ctx.fillStyle = se.pattern === 'hatch' ? canvasHatch(se.color) : se.color;
    ctx.fillRect(x, y, 13 * k, 13 * k);
    ctx.strokeStyle = se.color; ctx.strokeRect(x, y, 13 * k, 13 * k);
    ctx.fillStyle = COLORS.ink;
    ctx.fillText(se.label, x + 18 * k, y);
    x += 18 * k + ctx.measureText(se.label).width + 20 * k;
  }
  return c;
}

/** Offers the canvas as a PNG download. @param {HTMLCanvasElement} c @param {string} name */
function savePng(c, name) {
  c.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, class: 'hidden' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }, 'image/png');
}
