// Page logic: state, worker lifecycle, rendering. Everything the page shows is built with
// createElement / textContent; no HTML string is ever parsed.

import { t, getLang, setLang, applyStatic } from './i18n.js';
import { initIndexView, renderIndex, parseNumber } from './index766.js';

// ---------------------------------------------------------------------------------------------
// Formatting (always vi-VN, as in official reports: 98.942; 99,84%; 31/12/2024)

const NF = new Intl.NumberFormat('vi-VN');
const NF1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const NF2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const NF4 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 4 });
const COLLATOR = new Intl.Collator('vi'); // same order as localeCompare(…, 'vi')

const num = (v) => (v == null ? null : typeof v === 'bigint' ? Number(v) : Number(v));
const finite = (v) => v != null && Number.isFinite(num(v));

export const fmt = {
  int: (v) => (finite(v) ? NF.format(num(v)) : '–'),
  rate: (v) => (finite(v) ? `${NF2.format(num(v))}%` : '–'),
  days: (v) => (finite(v) ? NF2.format(num(v)) : '–'),
  /** Index points, 2 decimals as the portal publishes them: 81,61. */
  pts: (v) => (finite(v) ? NF2.format(num(v)) : '–'),
  pts4: (v) => (finite(v) ? NF4.format(num(v)) : '–'),
  mb: (bytes) => NF1.format(num(bytes) / 1048576),
  /** File size: KB under 1 MB, else MB with one decimal. */
  size(bytes) {
    const b = num(bytes);
    if (!Number.isFinite(b)) return '–';
    return b < 1048576 ? `${NF.format(Math.ceil(b / 1024))} KB` : `${NF1.format(b / 1048576)} MB`;
  },
  /** ISO `yyyy-mm-dd[Thh:mm…]` → `dd/mm/yyyy`; anything else as is. */
  date(iso) {
    if (!iso) return '–';
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
    return m ? `${m[3]}/${m[2]}/${m[1]}` : String(iso);
  },
  /** `yyyy-mm` → `mm/yyyy`. */
  month(ym) {
    const m = /^(\d{4})-(\d{2})/.exec(String(ym ?? ''));
    return m ? `${m[2]}/${m[1]}` : String(ym ?? '–');
  },
};

/** Lower-case, no diacritics, đ → d: lets officials filter with or without accents. */
function fold(s) {
  return String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// DOM helpers

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
      else if (k in e && typeof v !== 'string') e[k] = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

const SVGNS = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) if (v != null) e.setAttribute(k, String(v));
  for (const c of children.flat()) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}

const $ = (id) => document.getElementById(id);

const els = {
  status: $('status'),
  cancel: $('cancel-button'),
  progressRow: $('progress-row'),
  progress: $('progress'),
  progressText: $('progress-text'),
  fileInput: $('file-input'),
  fileLabel: $('file-label'),
  dropzone: $('dropzone'),
  sample: $('sample-button'),
  periodForm: $('period-form'),
  year: $('year'),
  from: $('from'),
  to: $('to'),
  twoTier: $('two-tier'),
  twoTierState: $('two-tier-state'),
  recompute: $('recompute'),
  periodError: $('period-error'),
  report: $('report'),
  emptyNote: $('empty-note'),
  periodLabel: $('period-label'),
  modelLabel: $('model-label'),
  accounting: $('rows-accounting'),
  fileErrors: $('file-errors'),
  levelSummary: $('level-summary'),
  narrative: $('narrative'),
  copy: $('copy-narrative'),
  filesTable: $('files-table'),
  exportJson: $('export-json'),
  print: $('print-button'),
  tabs: $('tabs'),
  lang: $('lang-toggle'),
  reportHead: $('report-head'),
  indexOpen: $('index-open'),
  indexFileInput: $('index-file-input'),
  indexFileLabel: $('index-file-label'),
  indexDropzone: $('index-dropzone'),
  indexSample: $('index-sample-button'),
  indexClear: $('index-clear'),
  indexOptions: $('index-options'),
  indexMethodology: $('index-methodology'),
  indexMethodologyFile: $('index-methodology-file'),
  indexFocus: $('index-focus'),
  indexTarget: $('index-target'),
  indexRecompute: $('index-recompute'),
  indexExport: $('index-export'),
  indexStatus: $('index-status'),
  indexBody: $('index-body'),
};
const panel = (name) => document.querySelector(`[data-panel="${name}"]`);

// ---------------------------------------------------------------------------------------------
// State

const USER_METHODOLOGY = '\u0000user';
const PICK_METHODOLOGY = '\u0000pick';
const FOCUS_KEY = 'tthc-analytics.index.focus';

const state = {
  worker: null,
  workerReady: false,
  readyKey: 'status.ready', // status text to show when the (re)started worker is ready
  run: null, // { id, started, kind }
  runSeq: 0,
  source: null, // { kind: 'files', files: File[] } | { kind: 'sample', rows }
  mapping: {}, // user overrides sent as options.mapping: canonical field → header ('' = unmapped)
  twoTier: 'auto', // 'auto' | 'true' | 'false'
  report: null,
  activeTab: 'summary',
  mappingFile: 0,
  late: { unit: null, kind: 'all' },
  tables: {}, // per table id: { sort: {key, dir} | null, page, text }
  status: { state: 'working', key: 'status.loading', params: null },
  // The «Chỉ số 766» view: its inputs live here between runs; every change re-runs the index.
  index: {
    open: false, // the view was opened: later dossier reports re-run it
    files: [], // File[] chosen (and the sample's files once loaded), in reading order
    sample: false, // add the built-in sample at the next run
    methodologies: [], // embedded names, from the worker
    methodology: null, // an embedded name, or USER_METHODOLOGY
    methodologyFile: null, // { name, text } of the user's methodology file
    focus: loadFocus(),
    target: null,
    manual: [], // [{indicator, unit?, term?, numerator?, denominator?, points?, note?}]
    report: null, // the last IndexReport
    run: null, // { id, started, revert? }
    pending: false, // a run was asked for while another one was running
    status: { state: 'idle', key: 'index.status.idle', params: null },
    view: { entity: null, period: null, manualIndicator: null },
  },
};


function loadFocus() {
  try { return localStorage.getItem(FOCUS_KEY) || ''; } catch { return ''; }
}

function saveFocus(v) {
  try {
    if (v) localStorage.setItem(FOCUS_KEY, v); else localStorage.removeItem(FOCUS_KEY);
  } catch { /* storage may be disabled */ }
}

function setStatus(st, key, params) {
  state.status = { state: st, key, params };
  els.status.textContent = t(key, params);
  els.status.dataset.state = st;
}

function updateControls() {
  const running = !!state.run || !!state.index.run;
  const idle = state.workerReady && !running;
  els.fileInput.disabled = !idle;
  els.sample.disabled = !idle;
  els.recompute.disabled = !idle || !state.source;
  els.cancel.hidden = !running;
  els.dropzone.classList.toggle('busy', running);
  els.fileLabel.classList.toggle('disabled', !idle);
  const apply = document.getElementById('apply-mapping');
  if (apply) apply.disabled = !idle || !state.source;
  els.exportJson.disabled = !state.report;
  const ix = state.index;
  for (const el of [els.indexFileInput, els.indexSample, els.indexMethodology, els.indexFocus, els.indexTarget, els.indexRecompute]) el.disabled = !idle;
  els.indexFileLabel.classList.toggle('disabled', !idle);
  els.indexDropzone.classList.toggle('busy', running);
  els.indexClear.disabled = !idle || !(ix.files.length || ix.sample);
  els.indexExport.disabled = !ix.report;
  els.indexOpen.disabled = !state.workerReady;
}

// ---------------------------------------------------------------------------------------------
// Worker lifecycle

function startWorker() {
  state.workerReady = false;
  updateControls();
  let w;
  try {
    w = new Worker('./worker.js', { type: 'module' });
  } catch (e) {
    setStatus('error', 'status.initError', { message: e && e.message ? e.message : String(e) });
    return;
  }
  state.worker = w;
  w.onmessage = (ev) => { if (state.worker === w) onWorkerMessage(ev.data); };
  w.onerror = (ev) => {
    if (state.worker !== w) return;
    ev.preventDefault();
    const message = ev.message || t('status.loadHint');
    if (!state.workerReady) {
      setStatus('error', 'status.initError', { message });
    } else {
      failRun(message, true);
    }
  };
  w.onmessageerror = () => { if (state.worker === w) failRun('messageerror', true); };
}

function restartWorker() {
  if (state.worker) state.worker.terminate();
  state.worker = null;
  startWorker();
}

function onWorkerMessage(m) {
  switch (m.type) {
    case 'ready':
      state.workerReady = true;
      if (m.version) $('version').textContent = `tthc-analytics ${m.version}`;
      if (Array.isArray(m.methodologies) && m.methodologies.length) {
        state.index.methodologies = m.methodologies;
        if (state.index.methodology == null) state.index.methodology = m.methodologies[0];
        fillMethodologies();
      }
      // After a crash the error stays on screen; otherwise the page is ready.
      if (!state.run && state.status.state !== 'error') setStatus('ready', state.readyKey);
      state.readyKey = 'status.ready';
      updateControls();
      if (state.index.pending || (state.index.open && !state.index.report)) runIndex();
      break;
    case 'init-error':
      state.workerReady = false;
      setStatus('error', 'status.initError', { message: m.message });
      updateControls();
      break;
    case 'progress':
      if (state.run && m.id === state.run.id) showProgress(m);
      break;
    case 'done':
      if (state.run && m.id === state.run.id) finishRun(m);
      break;
    case 'index-done':
      if (state.index.run && m.id === state.index.run.id) finishIndexRun(m);
      break;
    case 'error':
      if (state.run && m.id === state.run.id) failRun(m.message, m.fatal);
      else if (state.index.run && m.id === state.index.run.id) failIndexRun(m.message, m.fatal);
      break;
    default:
      break;
  }
}

function showProgress(m) {
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

function resetProgress() {
  els.progress.max = 1;
  els.progress.value = 0;
  els.progressText.textContent = '';
}

// ---------------------------------------------------------------------------------------------
// Runs

/** Reads the period controls into Analyzer options; null (and a message) when invalid. */
function readOptions() {
  els.periodError.hidden = true;
  const bad = (key, params) => {
    els.periodError.textContent = t(key, params);
    els.periodError.hidden = false;
    return null;
  };
  const opts = {};
  const fromS = els.from.value.trim();
  const toS = els.to.value.trim();
  const yearS = els.year.value.trim();
  if (fromS || toS) {
    if (!fromS || !toS) return bad('period.needBoth');
    const from = parseDate(fromS);
    if (!from) return bad('period.badDate', { value: fromS });
    const to = parseDate(toS);
    if (!to) return bad('period.badDate', { value: toS });
    // The order (from ≤ to) is the core's to check: its message is shown like any thrown error.
    opts.from = from;
    opts.to = to;
  } else if (yearS) {
    const y = Number(yearS);
    if (!Number.isInteger(y) || y < 1900 || y > 2100) return bad('period.badYear', { value: yearS });
    opts.year = y;
  }
  if (state.twoTier !== 'auto') opts.two_tier = state.twoTier === 'true';
  if (Object.keys(state.mapping).length) opts.mapping = { ...state.mapping };
  return opts;
}

/** dd/mm/yyyy (also d/m/yyyy, with - or .) or yyyy-mm-dd → ISO yyyy-mm-dd, or null. */
export function parseDate(str) {
  let y, m, d;
  let r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(str);
  if (r) { d = +r[1]; m = +r[2]; y = +r[3]; } else {
    r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(str);
    if (!r) return null;
    y = +r[1]; m = +r[2]; d = +r[3];
  }
  if (m < 1 || m > 12 || d < 1) return null;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function startRun(source) {
  if (!state.workerReady || state.run || state.index.run || !source) return;
  if (source.kind === 'files' && !source.files.length) return;
  const options = readOptions();
  if (!options) return;
  state.source = source;
  const id = ++state.runSeq;
  state.run = { id, started: performance.now(), kind: source.kind };
  resetProgress();
  els.progressRow.hidden = false;
  setStatus('working', 'status.working');
  updateControls();
  state.worker.postMessage({
    type: 'run',
    id,
    files: source.kind === 'files' ? source.files : null,
    sample: source.kind === 'sample' ? { rows: source.rows || 0 } : null,
    options,
  });
}

function finishRun(m) {
  const run = state.run;
  state.report = m.report;
  state.late.unit = null;
  for (const k of Object.keys(state.tables)) state.tables[k].page = 0;
  if (state.mappingFile >= (m.report.files || []).length) state.mappingFile = 0;
  renderReport();
  const elapsed = performance.now() - run.started;
  state.run = null;
  els.progressRow.hidden = true;
  els.status.dataset.elapsedMs = String(Math.round(elapsed));
  els.status.dataset.analysisMs = String(Math.round(m.analysisMs));
  els.status.dataset.workerMs = String(Math.round(m.workerMs));
  els.status.dataset.readWaitMs = String(Math.round(m.readWaitMs || 0));
  els.status.dataset.bytes = String(m.bytes);
  els.status.dataset.run = String(run.id);
  const rows = m.report.rows ? m.report.rows.read : 0;
  els.status.dataset.rowsRead = String(rows);
  setStatus('done', 'status.done', { rows: fmt.int(rows), seconds: NF1.format(elapsed / 1000) });
  updateControls();
  // The index reads the dossier report: a new report means a new index.
  if (state.index.open || state.index.pending) runIndex();
}

function failRun(message, fatal) {
  if (!state.run && state.index.run) { failIndexRun(message, fatal); return; }
  const run = state.run;
  state.run = null;
  els.progressRow.hidden = true;
  if (run) els.status.dataset.run = String(run.id);
  setStatus('error', fatal ? 'status.workerCrash' : 'status.error', { message });
  if (fatal) restartWorker();
  updateControls();
  if (state.index.pending) runIndex();
}

function cancelRun() {
  if (!state.run && !state.index.run) return;
  if (state.index.run) {
    const id = state.index.run.id;
    state.index.run = null;
    state.index.pending = false;
    els.indexStatus.dataset.run = String(id);
    setIndexStatus('idle', 'index.status.cancelled');
  }
  state.run = null;
  els.progressRow.hidden = true;
  state.readyKey = 'status.readyAfterCancel';
  setStatus('working', 'status.loading');
  restartWorker(); // terminate() stops the analysis at once, whatever it is doing
}

// ---------------------------------------------------------------------------------------------
// Sortable, filterable, paginated table

const NUMERIC = new Set(['int', 'rate', 'days', 'pts', 'pts4']);

function cellText(col, v) {
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

const colValue = (col, row) => (col.get ? col.get(row) : row[col.key]);

/**
 * columns: [{ key, label (i18n key), type: text|int|rate|days|date|month, get?, render?, sortable? }]
 * Returns a container element; state survives re-renders through state.tables[id].
 */
function dataTable({ id, columns, rows, pageSize = 500, filter = true, rowAttrs, countText, compact }) {
  const st = (state.tables[id] ??= { sort: null, page: 0, text: '' });
  const root = h('div', { class: 'dt', 'data-testid': `${id}-wrap` });
  const count = h('span', { class: 'dt-count', 'data-testid': `${id}-count` });
  const pager = h('span', { class: 'dt-pager no-print' });
  const tools = h('div', { class: 'dt-tools' });
  let input = null;
  if (filter) {
    input = h('input', {
      type: 'search', class: 'dt-filter no-print', 'data-testid': `${id}-filter`,
      placeholder: t('table.filter'), 'aria-label': t('table.filterLabel'), value: st.text,
    });
    let timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { st.text = input.value; st.page = 0; draw(); }, 120);
    });
    tools.append(input);
  }
  tools.append(count, pager);
  const table = h('table', { class: compact ? 'data compact' : 'data', 'data-testid': id });
  const thead = h('thead');
  const tbody = h('tbody');
  table.append(thead, tbody);
  root.append(tools, h('div', { class: 'table-wrap' }, table));

  const searchCache = new WeakMap();
  const textCols = columns.filter((c) => !NUMERIC.has(c.type));
  const haystack = (row) => {
    let v = searchCache.get(row);
    if (v === undefined) {
      v = fold(textCols.map((c) => colValue(c, row) ?? '').join(' \u0001 '));
      searchCache.set(row, v);
    }
    return v;
  };

  function drawHead() {
    const tr = h('tr');
    for (const c of columns) {
      const sorted = st.sort && st.sort.key === c.key;
      const th = h('th', {
        scope: 'col', class: NUMERIC.has(c.type) ? 'num' : null, 'data-col': c.key,
        'aria-sort': sorted ? (st.sort.dir > 0 ? 'ascending' : 'descending') : 'none',
      });
      if (c.sortable === false) {
        th.textContent = t(c.label);
      } else {
        const ind = h('span', { class: `sort-ind${sorted ? ' on' : ''}`, 'aria-hidden': 'true', text: sorted ? (st.sort.dir > 0 ? '▲' : '▼') : '↕' });
        th.append(h('button', {
          type: 'button', class: 'sort', title: t('table.sortHint'),
          onclick: () => {
            if (st.sort && st.sort.key === c.key) st.sort = { key: c.key, dir: -st.sort.dir };
            else st.sort = { key: c.key, dir: NUMERIC.has(c.type) ? -1 : 1 };
            st.page = 0;
            draw();
          },
        }, t(c.label), ' ', ind));
      }
      tr.append(th);
    }
    thead.replaceChildren(tr);
  }

  function ordered() {
    let list = rows;
    const q = fold(st.text.trim());
    if (q) list = list.filter((r) => haystack(r).includes(q));
    if (st.sort) {
      const col = columns.find((c) => c.key === st.sort.key);
      if (col) {
        const dir = st.sort.dir;
        const numeric = NUMERIC.has(col.type);
        list = list.map((r, i) => [r, colValue(col, r), i]);
        list.sort((a, b) => {
          const va = a[1]; const vb = b[1];
          const na = va == null || va === '' || (numeric && !finite(va));
          const nb = vb == null || vb === '' || (numeric && !finite(vb));
          if (na || nb) return na === nb ? a[2] - b[2] : na ? 1 : -1; // missing values last
          const c = numeric ? num(va) - num(vb) : COLLATOR.compare(String(va), String(vb));
          return c !== 0 ? c * dir : a[2] - b[2];
        });
        list = list.map((x) => x[0]);
      }
    }
    return list;
  }

  function draw() {
    drawHead();
    const list = ordered();
    const pages = Math.max(1, Math.ceil(list.length / pageSize));
    st.page = Math.min(st.page, pages - 1);
    const start = st.page * pageSize;
    const frag = document.createDocumentFragment();
    for (const row of list.slice(start, start + pageSize)) {
      const tr = h('tr', rowAttrs ? rowAttrs(row) : null);
      for (const c of columns) {
        const v = colValue(c, row);
        const numeric = NUMERIC.has(c.type);
        const td = h(c.header ? 'th' : 'td', {
          class: numeric ? 'num' : c.cls || null, 'data-col': c.key, scope: c.header ? 'row' : null,
        });
        if (c.render) td.append(c.render(row, v));
        else td.textContent = cellText(c, v);
        tr.append(td);
      }
      frag.append(tr);
    }
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

// ---------------------------------------------------------------------------------------------
// Report rendering

const FIGURE_COLS = [
  ['resolved', 'int'], ['on_time', 'int'], ['on_time_rate', 'rate'], ['early', 'int'], ['late', 'int'],
  ['late_rate', 'rate'], ['pending', 'int'], ['pending_overdue', 'int'], ['withdrawn', 'int'],
  ['received', 'int'], ['received_online', 'int'], ['carried_over', 'int'], ['digitized_rate', 'rate'],
  ['paid_online_rate', 'rate'], ['avg_processing_days', 'days'],
];
const figureColumns = () => FIGURE_COLS.map(([key, type]) => ({ key, type, label: `col.${key}` }));
const levelLabel = (level, label) => label || (level ? t(`level.${level}`) : '–');

function renderReport() {
  const r = state.report;
  showReportSection();
  if (!r) return;

  const p = r.period || {};
  let pl = t('summary.period', { label: p.label ?? '', from: fmt.date(p.from), to: fmt.date(p.to) });
  if (p.auto) pl += ` — ${t('summary.periodAuto')}`;
  els.periodLabel.textContent = pl;
  els.modelLabel.textContent = t(r.two_tier ? 'summary.model2' : 'summary.model3');
  updateTwoTierLabel();
  els.year.placeholder = p.auto && p.from ? String(p.from).slice(0, 4) : t('period.auto');

  const rc = r.rows || {};
  els.accounting.textContent = t('summary.accounting', {
    read: fmt.int(rc.read), counted: fmt.int(rc.counted), rejected: fmt.int(rc.rejected),
    duplicates: fmt.int(rc.duplicates), ignored: fmt.int(rc.ignored), title: fmt.int(rc.ignored_title),
    header: fmt.int(rc.ignored_header), blank: fmt.int(rc.ignored_blank), total: fmt.int(rc.ignored_total),
  });

  const alerts = [];
  for (const f of r.files || []) {
    if (f.error) alerts.push(h('li', { class: 'alert', 'data-testid': 'file-error' }, t('summary.fileError', { name: f.name, error: f.error })));
    for (const w of f.warnings || []) {
      alerts.push(h('li', { class: 'note', 'data-testid': 'file-warning' }, t('summary.fileError', { name: f.name, error: w })));
    }
  }
  if (num(r.problems_total) > 0) {
    alerts.push(h('li', { class: 'note' }, t('summary.problemsNote', { total: fmt.int(r.problems_total) }), ' ',
      h('button', { type: 'button', class: 'link no-print', 'data-testid': 'open-problems', onclick: () => showTab('problems') }, t('summary.problemsOpen'))));
  }
  els.fileErrors.replaceChildren(...alerts);

  renderLevelSummary(r);
  els.narrative.textContent = r.narrative || '';
  renderFilesTable(r);
  renderUnits(r);
  renderBreakdown('fields', r.fields || [], 'col.field');
  renderBreakdown('procedures', r.procedures || [], 'col.procedure');
  renderMonths(r);
  renderLate(r);
  renderMapping(r);
  renderProblems(r);
  showTab(state.activeTab);
  updateControls();
}

function renderLevelSummary(r) {
  const cols = figureColumns();
  const thead = h('thead', null, h('tr', null,
    h('th', { scope: 'col', 'data-col': 'level', text: t('col.level') }),
    cols.map((c) => h('th', { scope: 'col', class: 'num', 'data-col': c.key, text: t(c.label) }))));
  const row = (level, label, fig, cls) => h('tr', { 'data-level': level, class: cls || null },
    h('th', { scope: 'row', 'data-col': 'level', text: label }),
    cols.map((c) => h('td', { class: 'num', 'data-col': c.key, text: cellText(c, fig ? fig[c.key] : null) })));
  const tbody = h('tbody', null, (r.levels || []).map((l) => row(l.level, levelLabel(l.level, l.label), l)));
  const tfoot = h('tfoot', null, row('total', t('level.total'), r.total, 'total'));
  els.levelSummary.replaceChildren(thead, tbody, tfoot);
}

function encodingName(e) {
  if (!e) return '–';
  const bom = /-bom$/i.test(e);
  const base = e.replace(/-bom$/i, '');
  const pretty = /^(utf|windows|iso|tcvn|vni)/i.test(base) ? base.toUpperCase() : base;
  return bom ? `${pretty} (BOM)` : pretty;
}

function delimiterName(d) {
  if (d === '\t') return t('mapping.tab');
  if (d === ' ') return t('mapping.space');
  return d ? `«${d}»` : '–';
}

function renderFilesTable(r) {
  const cols = [
    ['col.file', (f) => f.name], ['mapping.format', (f) => f.format], ['mapping.encoding', (f) => encodingName(f.encoding)],
    ['mapping.delimiter', (f) => delimiterName(f.delimiter)], ['mapping.bytes', (f) => fmt.size(f.bytes)],
    ['mapping.rows', (f) => fmt.int(f.rows && f.rows.read)],
  ];
  els.filesTable.replaceChildren(
    h('thead', null, h('tr', null, cols.map(([k], i) => h('th', { scope: 'col', class: i >= 4 ? 'num' : null, text: t(k) })))),
    h('tbody', null, (r.files || []).map((f) => h('tr', { class: f.error ? 'has-error' : null },
      cols.map(([, g], i) => h('td', { class: i >= 4 ? 'num' : null, text: g(f) ?? '–' }))))),
  );
}

function lateCountByUnit(r) {
  const m = new Map();
  for (const d of r.late || []) m.set(d.unit, (m.get(d.unit) || 0) + 1);
  return m;
}

function renderUnits(r) {
  const counts = lateCountByUnit(r);
  const columns = [
    {
      key: 'name', type: 'text', label: 'col.unit', header: true,
      render: (row) => h('button', { type: 'button', class: 'link', 'data-testid': 'unit-link', onclick: () => openLate(row.name) }, row.name || '–'),
    },
    { key: 'level', type: 'text', label: 'col.level', get: (row) => (row.level ? t(`level.${row.level}`) : null) },
    ...figureColumns(),
    {
      key: 'late_list', type: 'int', label: 'col.lateList', get: (row) => counts.get(row.name) || 0,
      render: (row, v) => (v > 0
        ? h('button', { type: 'button', class: 'link', 'data-testid': 'unit-late-link', onclick: () => openLate(row.name) }, `${fmt.int(v)} ›`)
        : '0'),
    },
  ];
  panel('units').replaceChildren(dataTable({ id: 'units-table', columns, rows: r.units || [], compact: true, rowAttrs: (row) => ({ 'data-unit': row.name }) }));
}

function renderBreakdown(name, rows, labelKey) {
  const columns = [
    { key: 'code', type: 'text', label: 'col.code' },
    { key: 'name', type: 'text', label: labelKey, header: true, cls: 'wide' },
    ...figureColumns(),
  ];
  if (!rows.some((x) => x.code)) columns.shift();
  panel(name).replaceChildren(dataTable({ id: `${name}-table`, columns, rows, compact: true }));
}

function renderMonths(r) {
  const months = r.months || [];
  const columns = [
    { key: 'month', type: 'month', label: 'col.month', get: (row) => row.month },
    // Months carry end-of-processing and receipt figures; period-end stocks are not monthly.
    ...figureColumns().filter((c) => !['pending', 'pending_overdue', 'carried_over'].includes(c.key)),
  ];
  const children = [];
  if (months.length) children.push(monthChart(months));
  children.push(dataTable({ id: 'months-table', columns, rows: months, filter: false, pageSize: 240, compact: true }));
  panel('months').replaceChildren(...children);
}

function monthChart(months) {
  const W = 720; const H = 220; const L = 56; const B = 26; const T = 10;
  const peak = Math.max(1, ...months.map((m) => num(m.on_time || 0) + num(m.late || 0)));
  const p10 = 10 ** Math.floor(Math.log10(peak / 4));
  const f = peak / 4 / p10;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p10;
  const max = Math.max(step, Math.ceil(peak / step) * step);
  const ticks = Math.round(max / step);
  const bw = (W - L - 10) / months.length;
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const g = s('g');
  for (let i = 0; i <= ticks; i++) {
    const v = step * i;
    g.append(s('line', { x1: L, x2: W - 4, y1: y(v), y2: y(v), class: 'grid' }),
      s('text', { x: L - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, NF.format(Math.round(v))));
  }
  months.forEach((m, i) => {
    const x = L + i * bw + bw * 0.15;
    const w = bw * 0.7;
    const ot = num(m.on_time || 0); const lt = num(m.late || 0);
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

function openLate(unit) {
  state.late.unit = unit;
  const st = state.tables['late-table'];
  if (st) { st.page = 0; st.text = ''; }
  renderLate(state.report);
  showTab('late');
}

function renderLate(r) {
  const all = r.late || [];
  const { unit, kind } = state.late;
  const rows = all.filter((d) => (unit == null || d.unit === unit) && (kind === 'all' || d.kind === kind));
  const tools = h('div', { class: 'late-tools no-print' });
  const kindSel = h('select', {
    'data-testid': 'late-kind', 'aria-label': t('late.filterKind'),
    onchange: (e) => { state.late.kind = e.target.value; renderLate(state.report); },
  }, ['all', 'resolved', 'pending'].map((k) => h('option', { value: k, selected: k === kind }, t(`late.kind.${k}`))));
  tools.append(h('label', { class: 'field inline' }, h('span', { text: t('late.filterKind') }), kindSel));
  if (unit != null) {
    tools.append(h('span', { class: 'chip', 'data-testid': 'late-unit' }, t('late.unit', { unit }),
      h('button', {
        type: 'button', class: 'chip-x', 'aria-label': t('btn.clearUnit'), title: t('btn.clearUnit'), 'data-testid': 'late-unit-clear',
        onclick: () => { state.late.unit = null; renderLate(state.report); },
      }, '×')));
  }
  const columns = [
    { key: 'kind', type: 'text', label: 'col.kind', get: (d) => t(`late.kind.${d.kind}`) },
    { key: 'id', type: 'text', label: 'col.id' },
    { key: 'unit', type: 'text', label: 'col.unit' },
    { key: 'level', type: 'text', label: 'col.level', get: (d) => (d.level ? t(`level.${d.level}`) : null) },
    { key: 'procedure', type: 'text', label: 'col.procedure', cls: 'wide' },
    { key: 'field', type: 'text', label: 'col.field' },
    { key: 'received', type: 'date', label: 'col.receivedDate' },
    { key: 'due', type: 'date', label: 'col.dueDate' },
    { key: 'finished', type: 'date', label: 'col.finishedDate' },
    { key: 'days_late', type: 'int', label: 'col.daysLate' },
  ];
  const table = dataTable({
    id: 'late-table', columns, rows, pageSize: 1000,
    rowAttrs: (d) => ({ 'data-kind': d.kind }),
    countText: (n) => (n === all.length ? t('late.count', { n: fmt.int(n) }) : t('late.countOf', { n: fmt.int(n), total: fmt.int(all.length) })),
  });
  panel('late').replaceChildren(tools, table);
}

function renderMapping(r) {
  const files = r.files || [];
  const box = panel('mapping');
  if (!files.length) { box.replaceChildren(h('p', { text: t('mapping.noFiles') })); return; }
  const fi = Math.min(state.mappingFile, files.length - 1);
  const f = files[fi];
  const children = [h('p', { class: 'hint', text: t('mapping.intro') })];
  if (files.length > 1) {
    children.push(h('label', { class: 'field inline no-print' }, h('span', { text: t('mapping.file') }),
      h('select', {
        'data-testid': 'mapping-file',
        onchange: (e) => { state.mappingFile = Number(e.target.value); renderMapping(state.report); },
      }, files.map((x, i) => h('option', { value: String(i), selected: i === fi }, x.name)))));
  }
  const info = [
    ['col.file', f.name], ['mapping.format', f.format], ['mapping.encoding', encodingName(f.encoding)],
    ['mapping.delimiter', delimiterName(f.delimiter)],
    ['mapping.headerRow', f.header_row != null ? fmt.int(f.header_row) : '–'],
    ['mapping.bytes', fmt.size(f.bytes)], ['mapping.rows', fmt.int(f.rows && f.rows.read)],
  ];
  children.push(h('dl', { class: 'file-info', 'data-testid': 'file-info' },
    info.map(([k, v]) => [h('dt', { text: t(k) }), h('dd', { 'data-info': k.split('.')[1], text: v ?? '–' })])));
  if (f.error) children.push(h('p', { class: 'alert', 'data-testid': 'mapping-file-error', text: f.error }));

  const headers = f.headers || [];
  const selects = [];
  const tbody = h('tbody', null, (f.mapping || []).map((m) => {
    const sel = h('select', { 'data-field': m.field, 'aria-label': m.label || m.field },
      h('option', { value: '', selected: m.column == null }, t('mapping.unused')),
      headers.map((hd, i) => h('option', { value: String(i), selected: m.column === i }, `${i + 1}. ${hd}`)));
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
  const msg = h('span', { class: 'muted', 'data-testid': 'mapping-message', role: 'status' });
  const apply = h('button', {
    type: 'button', class: 'btn btn-primary', id: 'apply-mapping', 'data-testid': 'apply-mapping',
    disabled: !state.workerReady || !!state.run || !state.source,
    onclick: () => {
      let changed = 0;
      for (const [m, sel] of selects) {
        const col = sel.value === '' ? null : Number(sel.value);
        if (col === (m.column ?? null)) continue;
        state.mapping[m.field] = col == null ? '' : headers[col];
        changed++;
      }
      if (!changed) { msg.textContent = t('mapping.unchanged'); return; }
      startRun(state.source);
    },
  }, t('btn.apply'));
  children.push(h('p', { class: 'actions no-print' }, apply, ' ', msg), table);
  box.replaceChildren(...children);
}

function renderProblems(r) {
  const problems = r.problems || [];
  const total = num(r.problems_total ?? problems.length);
  const box = panel('problems');
  if (!total && !problems.length) {
    box.replaceChildren(h('p', { 'data-testid': 'problems-total', text: t('problems.none') }));
    return;
  }
  const byReason = r.problems_by_reason || [];
  box.replaceChildren(
    h('p', { 'data-testid': 'problems-total', text: t('problems.total', { total: fmt.int(total), shown: fmt.int(problems.length) }) }),
    h('h2', { text: t('problems.byReason') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data narrow', 'data-testid': 'problems-by-reason' },
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: t('col.reason') }), h('th', { scope: 'col', class: 'num', text: t('col.count') }))),
      h('tbody', null, byReason.map((x) => h('tr', { 'data-code': x.code },
        h('td', { text: x.reason || x.code }), h('td', { class: 'num', 'data-col': 'count', text: fmt.int(x.count) })))))),
    h('h2', { text: t('problems.list') }),
    dataTable({
      id: 'problems-table', pageSize: 500, rows: problems,
      rowAttrs: (p) => ({ 'data-code': p.code, 'data-row': p.row }),
      columns: [
        { key: 'file', type: 'text', label: 'col.file' },
        { key: 'row', type: 'int', label: 'col.row', render: (p) => String(p.row ?? '–') }, // as a spreadsheet shows it
        { key: 'column', type: 'text', label: 'col.column' },
        { key: 'value', type: 'text', label: 'col.value', cls: 'value' },
        { key: 'reason', type: 'text', label: 'col.reason', cls: 'wide' },
      ],
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Tabs

const TAB_NAMES = ['summary', 'units', 'fields', 'procedures', 'months', 'late', 'mapping', 'problems', 'index'];

/** Tabs that can be shown: the dossier tabs need a dossier report, the index tab does not. */
const tabNames = () => (state.report ? TAB_NAMES : ['index']);

/** The report section shows once there is a dossier report or the index view was opened. */
function showReportSection() {
  const any = !!state.report || state.index.open;
  els.report.hidden = !any;
  els.emptyNote.hidden = any;
  els.reportHead.hidden = !state.report;
  for (const b of els.tabs.querySelectorAll('[role=tab]')) b.hidden = !tabNames().includes(b.dataset.tab);
}

function showTab(name) {
  if (!tabNames().includes(name)) name = tabNames()[0];
  state.activeTab = name;
  for (const b of els.tabs.querySelectorAll('[role=tab]')) {
    const on = b.dataset.tab === name;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
  }
  for (const p of document.querySelectorAll('[data-panel]')) p.hidden = p.dataset.panel !== name;
  if (name === 'index') openIndex();
}

els.tabs.addEventListener('click', (e) => {
  const b = e.target.closest('[role=tab]');
  if (b) showTab(b.dataset.tab);
});
els.tabs.addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
  const names = tabNames();
  const i = names.indexOf(state.activeTab);
  const next = names[(i + (e.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length];
  showTab(next);
  els.tabs.querySelector(`[data-tab="${next}"]`).focus();
});

// ---------------------------------------------------------------------------------------------
// Controls

function updateTwoTierLabel() {
  const v = state.twoTier;
  let key = 'period.twoTier.auto';
  if (v === 'true') key = 'period.twoTier.yes';
  else if (v === 'false') key = 'period.twoTier.no';
  else if (state.report) key = state.report.two_tier ? 'period.twoTier.autoYes' : 'period.twoTier.autoNo';
  els.twoTierState.textContent = t(key);
}

function setTwoTier(v) {
  state.twoTier = v;
  els.twoTier.indeterminate = v === 'auto';
  els.twoTier.checked = v === 'true';
  els.twoTier.dataset.value = v;
  updateTwoTierLabel();
}

// Tri-state: auto → yes → no → auto.
els.twoTier.addEventListener('click', () => {
  setTwoTier({ auto: 'true', true: 'false', false: 'auto' }[state.twoTier]);
});

function newSource(source) {
  state.mapping = {};
  state.mappingFile = 0;
  startRun(source);
}

els.fileInput.addEventListener('change', () => {
  const files = [...els.fileInput.files];
  els.fileInput.value = ''; // choosing the same file again must fire `change` again
  if (files.length) newSource({ kind: 'files', files });
});

els.sample.addEventListener('click', () => newSource({ kind: 'sample', rows: 0 }));
els.cancel.addEventListener('click', cancelRun);
els.periodForm.addEventListener('submit', (e) => {
  e.preventDefault();
  startRun(state.source);
});
for (const inp of [els.year, els.from, els.to]) inp.addEventListener('input', () => { els.periodError.hidden = true; });

// Drag and drop: the zone takes files; elsewhere a drop must not navigate away from the page.
for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());
let dragDepth = 0;
els.dropzone.addEventListener('dragenter', (e) => { e.preventDefault(); dragDepth++; els.dropzone.classList.add('over'); });
els.dropzone.addEventListener('dragleave', () => { if (--dragDepth <= 0) { dragDepth = 0; els.dropzone.classList.remove('over'); } });
els.dropzone.addEventListener('dragover', (e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = state.run ? 'none' : 'copy'; });
els.dropzone.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  els.dropzone.classList.remove('over');
  const files = [...(e.dataTransfer ? e.dataTransfer.files : [])];
  if (files.length && !state.run && !state.index.run && state.workerReady) newSource({ kind: 'files', files });
});

els.exportJson.addEventListener('click', () => {
  if (!state.report) return;
  // One JSON for everything shown: the dossier Report, plus `index` once the index was computed.
  const data = state.index.report ? { ...state.report, index: state.index.report } : state.report;
  saveJson(data, 'bao-cao-tthc.json');
});

function saveJson(data, name) {
  const json = JSON.stringify(data, (k, v) => (typeof v === 'bigint' ? Number(v) : v), 2);
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = h('a', { href: url, download: name, class: 'hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

function copyText(text, button) {
  try {
    navigator.clipboard.writeText(text).then(() => {
      button.textContent = t('btn.copied');
      setTimeout(() => { button.textContent = t('btn.copy'); }, 1500);
    }, () => { /* no permission: fail silently */ });
  } catch { /* no clipboard API: fail silently */ }
}

els.copy.addEventListener('click', () => copyText(els.narrative.textContent, els.copy));

els.print.addEventListener('click', () => window.print());

els.lang.addEventListener('click', () => {
  setLang(getLang() === 'vi' ? 'en' : 'vi');
  applyLanguage();
});

function applyLanguage() {
  applyStatic();
  els.status.textContent = t(state.status.key, state.status.params);
  updateTwoTierLabel();
  setIndexStatus(state.index.status.state, state.index.status.key, state.index.status.params);
  fillMethodologies();
  fillFocus();
  if (state.report) renderReport();
  renderIndexView();
}

// ---------------------------------------------------------------------------------------------
// «Chỉ số 766»: inputs kept here, each change re-runs the whole index in the worker (it is fast:
// the inputs are small and the dossier report is already aggregated).

function setIndexStatus(st, key, params) {
  state.index.status = { state: st, key, params };
  els.indexStatus.textContent = key ? t(key, params) : '';
  els.indexStatus.dataset.state = st;
}

function fillMethodologies() {
  const ix = state.index;
  const opts = ix.methodologies.map((m) => h('option', { value: m, selected: m === ix.methodology }, m));
  if (ix.methodologyFile) {
    opts.push(h('option', { value: USER_METHODOLOGY, selected: ix.methodology === USER_METHODOLOGY },
      t('index.methodologyUser', { name: ix.methodologyFile.name })));
  }
  opts.push(h('option', { value: PICK_METHODOLOGY }, t('index.methodologyPick')));
  els.indexMethodology.replaceChildren(...opts);
}

/** Focus choices: the ranking table's names, then the units of the province (and the saved one). */
function fillFocus() {
  const ix = state.index;
  const r = ix.report;
  const byName = (a, b) => a.localeCompare(b, 'vi');
  const ranking = r ? [...new Set((r.ranking || []).map((x) => x.name))].sort(byName) : [];
  const units = r ? [...new Set((r.units || []).map((u) => u.name))].filter((n) => !ranking.includes(n)).sort(byName) : [];
  const children = [h('option', { value: '', selected: !ix.focus }, t('index.focusNone'))];
  const known = new Set([...ranking, ...units]);
  if (ix.focus && !known.has(ix.focus)) children.push(h('option', { value: ix.focus, selected: true }, ix.focus));
  const group = (label, names) => names.length && h('optgroup', { label: t(label) },
    names.map((n) => h('option', { value: n, selected: n === ix.focus }, n)));
  children.push(group('index.focusRanking', ranking), group('index.focusUnits', units));
  els.indexFocus.replaceChildren(...children.filter(Boolean));
}

function openIndex() {
  const ix = state.index;
  if (!ix.open) { ix.open = true; showReportSection(); }
  if (!ix.report && !ix.run) runIndex();
}

function indexOptions() {
  const ix = state.index;
  const o = {};
  if (ix.methodology === USER_METHODOLOGY && ix.methodologyFile) o.methodology = ix.methodologyFile.text;
  else if (ix.methodology) o.methodology = ix.methodology;
  if (ix.focus) o.focus = ix.focus;
  if (ix.target != null) o.target = ix.target;
  return o;
}

/** Runs the index now, or as soon as the running job ends. `revert` undoes the change that asked
 * for this run when the core refuses it (its message is shown). */
function runIndex(revert) {
  const ix = state.index;
  if (!state.workerReady || state.run || ix.run) { ix.pending = true; return; }
  ix.pending = false;
  ix.open = true;
  const id = ++state.runSeq;
  ix.run = { id, started: performance.now(), revert };
  setIndexStatus('working', 'index.status.working');
  updateControls();
  // The index reads levels, units, procedures and totals; the late list is not sent.
  const report = state.report ? { ...state.report, late: [], problems: [] } : null;
  state.worker.postMessage({
    type: 'index', id, files: ix.files, sample: ix.sample, report, options: indexOptions(), manual: ix.manual,
  });
}

function finishIndexRun(m) {
  const ix = state.index;
  const run = ix.run;
  ix.run = null;
  ix.report = m.report;
  if (m.sampleFiles) {
    // the sample becomes ordinary files, first as they were read
    const sample = m.sampleFiles.map((f) => new File([f.bytes], f.name, { type: 'text/csv' }));
    const names = new Set(sample.map((f) => f.name));
    ix.files = [...sample, ...ix.files.filter((f) => !names.has(f.name))];
    ix.sample = false;
  }
  const read = (m.report.files || []).length;
  els.indexStatus.dataset.run = String(run.id);
  els.indexStatus.dataset.elapsedMs = String(Math.round(performance.now() - run.started));
  setIndexStatus('done', read ? 'index.status.done' : 'index.status.doneEmpty', { n: fmt.int(read), ms: fmt.int(Math.round(m.ms)) });
  fillFocus();
  renderIndexView();
  updateControls();
  if (ix.pending) runIndex();
}

function failIndexRun(message, fatal) {
  const ix = state.index;
  const run = ix.run;
  ix.run = null;
  if (run && run.revert) run.revert();
  if (run) els.indexStatus.dataset.run = String(run.id);
  setIndexStatus('error', 'index.status.error', { message });
  fillMethodologies();
  if (fatal) restartWorker();
  updateControls();
  if (ix.pending && !fatal) runIndex();
}

function renderIndexView() {
  const ix = state.index;
  renderIndex(els.indexBody, ix.report, ix.view, {
    setEntity: (key) => { ix.view.entity = key; renderIndexView(); },
    setPeriod: (p) => { ix.view.period = p; renderIndexView(); },
    removeFile: (name) => {
      ix.files = ix.files.filter((f) => f.name !== name);
      runIndex();
    },
    addManualFor: (id) => {
      ix.view.manualIndicator = id;
      renderIndexView();
      const sel = els.indexBody.querySelector('[data-testid=index-manual-indicator]');
      if (sel) { sel.scrollIntoView({ block: 'center' }); sel.focus(); }
    },
    manualIndicator: ix.view.manualIndicator,
    addManual: (entry) => {
      const before = ix.manual;
      // one entry per (indicator, term, unit): a new one replaces the old
      const same = (x) => x.indicator === entry.indicator && (x.term || '') === (entry.term || '') && (x.unit || '') === (entry.unit || '');
      ix.manual = [...before.filter((x) => !same(x)), entry];
      runIndex(() => { ix.manual = before; });
    },
    removeManual: (i) => {
      ix.manual = ix.manual.filter((_, k) => k !== i);
      runIndex();
    },
    copy: copyText,
  }, { manual: ix.manual, files: ix.files.map((f) => f.name) });
}

function addIndexFiles(list) {
  const ix = state.index;
  const files = [...list];
  if (!files.length) return;
  // a file chosen again (same name) replaces the earlier one
  const names = new Set(files.map((f) => f.name));
  ix.files = [...ix.files.filter((f) => !names.has(f.name)), ...files];
  runIndex();
}

els.indexOpen.addEventListener('click', () => { openIndex(); showTab('index'); });

els.indexFileInput.addEventListener('change', () => {
  const files = [...els.indexFileInput.files];
  els.indexFileInput.value = '';
  addIndexFiles(files);
});

els.indexSample.addEventListener('click', () => {
  state.index.sample = true;
  runIndex();
});

els.indexClear.addEventListener('click', () => {
  state.index.files = [];
  state.index.sample = false;
  runIndex();
});

els.indexMethodology.addEventListener('change', () => {
  const ix = state.index;
  const v = els.indexMethodology.value;
  if (v === PICK_METHODOLOGY) {
    fillMethodologies(); // back to the current choice until a file is read
    els.indexMethodologyFile.click();
    return;
  }
  const before = ix.methodology;
  ix.methodology = v;
  runIndex(() => { ix.methodology = before; });
});

els.indexMethodologyFile.addEventListener('change', async () => {
  const f = els.indexMethodologyFile.files[0];
  els.indexMethodologyFile.value = '';
  if (!f) return;
  const ix = state.index;
  const before = { methodology: ix.methodology, file: ix.methodologyFile };
  let text;
  try {
    text = await f.text();
  } catch (e) {
    setIndexStatus('error', 'index.status.error', { message: e && e.message ? e.message : String(e) });
    return;
  }
  if (!text.replace(/^\uFEFF/, '').trimStart().startsWith('{')) {
    setIndexStatus('error', 'index.status.badMethodology', { name: f.name });
    return;
  }
  ix.methodologyFile = { name: f.name, text };
  ix.methodology = USER_METHODOLOGY;
  fillMethodologies();
  runIndex(() => { ix.methodology = before.methodology; ix.methodologyFile = before.file; });
});

els.indexFocus.addEventListener('change', () => {
  const ix = state.index;
  ix.focus = els.indexFocus.value;
  saveFocus(ix.focus);
  ix.view.entity = null; // back to the report's subject
  runIndex();
});

function applyTarget() {
  const ix = state.index;
  const raw = els.indexTarget.value.trim();
  const v = raw ? parseNumber(raw) : null;
  if (Number.isNaN(v)) {
    setIndexStatus('error', 'index.status.badTarget', { value: raw });
    return;
  }
  if (v === ix.target) return;
  const before = ix.target;
  ix.target = v;
  runIndex(() => {
    ix.target = before;
    els.indexTarget.value = before == null ? '' : fmt.pts4(before);
  });
}

els.indexTarget.addEventListener('change', applyTarget);
els.indexOptions.addEventListener('submit', (e) => {
  e.preventDefault();
  const raw = els.indexTarget.value.trim();
  const v = raw ? parseNumber(raw) : null;
  if (v !== state.index.target) applyTarget(); else runIndex();
});

els.indexExport.addEventListener('click', () => {
  if (state.index.report) saveJson(state.index.report, 'chi-so-766.json');
});

// Files dropped on the index zone are index inputs (elsewhere the window ignores drops).
els.indexDropzone.addEventListener('dragover', (e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = state.run || state.index.run ? 'none' : 'copy'; });
els.indexDropzone.addEventListener('dragenter', () => els.indexDropzone.classList.add('over'));
els.indexDropzone.addEventListener('dragleave', (e) => { if (!els.indexDropzone.contains(e.relatedTarget)) els.indexDropzone.classList.remove('over'); });
els.indexDropzone.addEventListener('drop', (e) => {
  e.preventDefault();
  els.indexDropzone.classList.remove('over');
  const files = [...(e.dataTransfer ? e.dataTransfer.files : [])];
  if (files.length && !state.run && !state.index.run && state.workerReady) addIndexFiles(files);
});

// ---------------------------------------------------------------------------------------------
// Start

applyStatic();
initIndexView({ h, dataTable, fmt });
setTwoTier('auto');
showReportSection();
setIndexStatus('idle', 'index.status.idle');
fillFocus();
setStatus('working', 'status.loading');
startWorker();
