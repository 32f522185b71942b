// @ts-check
// The page's wiring: controls → jobs for the worker (run.js) → views. The page decides nothing
// the core decides: it sends what the user chose and shows the core's figures and errors.
// The «Chỉ số 766» inputs are wired in app-index.js.

import { t, getLang, setLang, applyStatic } from './i18n.js';
import { byId, saveJson } from './lib/dom.js';
import { fmt } from './lib/format.js';
import { showProgress as showProgressIn } from './lib/progress.js';
import { resetPages } from './lib/table.js';
import { Runner } from './run.js';
import { initReportView, newReport, renderReport, resetMappingFile } from './views/report.js';
import { initExport } from './views/export.js';
import * as indexPanel from './app-index.js';
import { readSettingsFile } from './lib/settings-file.js';
import { findPreset, makePreset, parsePresets, rememberPreset } from './lib/presets.js';

/** @typedef {import('./types.js').Report} Report */
/** @typedef {import('./types.js').AnalyzerOptions} AnalyzerOptions */
/** @typedef {{ kind: 'files', files: File[] } | { kind: 'sample', rows: number }} Source */

const els = {
  status: byId('status'),
  cancel: byId('cancel-button', HTMLButtonElement),
  progressRow: byId('progress-row'),
  progress: byId('progress', HTMLProgressElement),
  progressText: byId('progress-text'),
  fileInput: byId('file-input', HTMLInputElement),
  fileLabel: byId('file-label'),
  dropzone: byId('dropzone'),
  busyNote: byId('drop-busy'),
  sample: byId('sample-button', HTMLButtonElement),
  periodForm: byId('period-form', HTMLFormElement),
  year: byId('year', HTMLInputElement),
  from: byId('from', HTMLInputElement),
  to: byId('to', HTMLInputElement),
  span: byId('span', HTMLSelectElement),
  cutoff: byId('cutoff', HTMLInputElement),
  convention: byId('convention', HTMLSelectElement),
  comparePrevious: byId('compare-previous', HTMLInputElement),
  compareYear: byId('compare-year', HTMLInputElement),
  calendarFile: byId('calendar-file', HTMLInputElement),
  calendarState: byId('calendar-state'),
  calendarClear: byId('calendar-clear', HTMLButtonElement),
  twoTier: byId('two-tier', HTMLInputElement),
  twoTierState: byId('two-tier-state'),
  recompute: byId('recompute', HTMLButtonElement),
  report: byId('report'),
  emptyNote: byId('empty-note'),
  narrative: byId('narrative'),
  copy: byId('copy-narrative', HTMLButtonElement),
  exportJson: byId('export-json', HTMLButtonElement),
  print: byId('print-button', HTMLButtonElement),
  tabs: byId('tabs'),
  lang: byId('lang-toggle', HTMLButtonElement),
  reportHead: byId('report-head'),
  version: byId('version'),
};

/** @typedef {{ source: Source | null, mapping: Record<string, string | number>, sheet: string | null, encoding: string | null, presetTried: boolean }} Shown */

/** @returns {Shown} */
const inputs = () => ({
  source: state.source, mapping: { ...state.mapping }, sheet: state.sheet, encoding: state.encoding, presetTried: state.presetTried,
});

/** After a cancelled or failed run, the inputs are again those of the report on screen (none: nothing loaded). */
function restoreShown() {
  const s = state.shown;
  Object.assign(state, s ? { ...s, mapping: { ...s.mapping } } : { source: null, mapping: {}, sheet: null, encoding: null, presetTried: false });
}

const state = {
  readyKey: 'status.ready', // status text to show when the (re)started worker is ready
  /** @type {{ id: number, started: number, inputs: Shown } | null} */
  run: null,
  /** @type {Source | null} */
  source: null,
  /** @type {Record<string, string | number>} user overrides sent as options.mapping: canonical field → header ('' = unmapped) or index */
  mapping: {},
  /** @type {string | null} the workbook sheet asked for (null = the best-matching one) */
  sheet: null,
  /** @type {string | null} the encoding asked for (null = detected) */
  encoding: null,
  /** @type {{ name: string, text: string } | null} a user calendar file (extra days off), sent as is; the core checks it */
  calendar: null,
  /** A remembered mapping was looked for after this source's first run. */
  presetTried: false,
  /** @type {'auto' | 'true' | 'false'} */
  twoTier: 'auto',
  /** @type {Report | null} */
  report: null,
  /** @type {Shown | null} what the shown report was made from: restored when a later run is cancelled or fails */
  shown: null,
  activeTab: 'summary',
  /** @type {{ state: string, key: string, params: Record<string, unknown> | null }} */
  status: { state: 'working', key: 'status.loading', params: null },
};

const runner = new Runner({
  ready(m) {
    // the page's cold start: from the navigation to the first «ready» (make bench reads it)
    els.status.dataset.readyMs ??= String(Math.round(performance.now()));
    if (m.version) els.version.textContent = `tthc-analytics ${m.version}`;
    indexPanel.setMethodologies(m.methodologies);
    // After a crash the error stays on screen; otherwise the page is ready.
    if (!state.run && state.status.state !== 'error') setStatus('ready', state.readyKey);
    state.readyKey = 'status.ready';
    updateControls();
    indexPanel.workerReady();
  },
  initError(message) {
    setStatus('error', 'status.initError', { message: message || t('status.loadHint') });
    updateControls();
  },
  progress: showProgress,
  done: finishRun,
  indexDone: indexPanel.finishIndexRun,
  failed(kind, message, fatal, crash) {
    if (kind === 'index') indexPanel.failIndexRun(message, fatal, failureKey(fatal, crash, 'index.status.error'));
    else failRun(message, failureKey(fatal, crash, 'status.error'));
  },
});

/** @param {string} st @param {string} key @param {Record<string, unknown> | null} [params] */
function setStatus(st, key, params = null) {
  state.status = { state: st, key, params };
  els.status.textContent = t(key, params);
  els.status.dataset.state = st;
}

/** A new job can start now. */
const canRun = () => runner.ready && !runner.busy;

/**
 * The status text of a failed job: a panic's text as «Lỗi nội bộ: …», memory exhausted as «Hết bộ
 * nhớ…», another trap as a restart, else the core's message (`plain`).
 * @param {boolean} fatal @param {import('./types.js').Crash} crash @param {string} plain
 */
function failureKey(fatal, crash, plain) {
  if (crash === 'oom') return 'status.outOfMemory';
  if (crash === 'panic') return 'status.internalError';
  return fatal ? 'status.workerCrash' : plain;
}

/** Files chosen or dropped while a job runs are not read: say so (until the job ends). */
function refuseWhileBusy() {
  els.busyNote.hidden = false;
}

function updateControls() {
  const running = runner.busy;
  const idle = canRun();
  els.fileInput.disabled = !idle;
  els.sample.disabled = !idle;
  els.recompute.disabled = !idle || !state.source;
  els.cancel.hidden = !running;
  if (!running) els.busyNote.hidden = true;
  els.dropzone.classList.toggle('busy', running);
  els.fileLabel.classList.toggle('disabled', !idle);
  const apply = document.getElementById('apply-mapping');
  if (apply instanceof HTMLButtonElement) apply.disabled = !idle || !state.source;
  els.exportJson.disabled = !state.report;
  indexPanel.updateControls(idle, running, runner.ready);
}

/** @param {import('./types.js').ProgressMsg} m */
function showProgress(m) {
  showProgressIn(els, m);
}

// ---------------------------------------------------------------------------------------------
// Dossier runs

/**
 * The Analyzer options: the period as typed (the core reads it, or says in Vietnamese why not),
 * the two-tier choice, the column overrides. An empty box is not sent.
 * @returns {AnalyzerOptions}
 */
function readOptions() {
  /** @type {AnalyzerOptions} */
  const opts = {};
  for (const key of /** @type {const} */ (['year', 'from', 'to'])) {
    const typed = els[key].value;
    if (typed.trim()) opts[key] = typed;
  }
  // the period presets: a quarter or month of the year, the 15th-to-14th cut-off
  const span = els.span.value;
  if (span.startsWith('q')) opts.quarter = Number(span.slice(1));
  if (span.startsWith('m')) opts.month = Number(span.slice(1));
  if (els.cutoff.checked) opts.cutoff = true;
  if (els.convention.value !== 'mac-dinh') opts.convention = els.convention.value;
  if (els.comparePrevious.checked) opts.compare_previous = true;
  if (els.compareYear.value.trim()) opts.compare_year = els.compareYear.value;
  if (state.calendar) opts.calendar = state.calendar.text;
  if (state.twoTier !== 'auto') opts.two_tier = state.twoTier === 'true';
  if (Object.keys(state.mapping).length) opts.mapping = { ...state.mapping };
  if (state.sheet) opts.sheet = state.sheet;
  if (state.encoding) opts.encoding = state.encoding;
  return opts;
}

/**
 * Workers reading a large file at once: one per core (the worker's choice), unless the address
 * says `?workers=N` (the tests compare 1 with the default; a slow machine can ask for 1).
 */
const WORKERS = Number(new URLSearchParams(location.search).get('workers')) || undefined;

/** @param {Source | null} source */
function startRun(source) {
  if (!canRun() || !source) return;
  if (source.kind === 'files' && !source.files.length) return;
  state.source = source;
  const id = runner.run({
    files: source.kind === 'files' ? source.files : null,
    sample: source.kind === 'sample' ? { rows: source.rows } : null,
    options: readOptions(),
    workers: WORKERS,
  });
  state.run = { id, started: performance.now(), inputs: inputs() };
  els.progress.max = 1;
  els.progress.value = 0;
  els.progressText.textContent = '';
  els.progressRow.hidden = false;
  setStatus('working', 'status.working');
  updateControls();
}

/** @param {import('./types.js').DoneMsg} m */
function finishRun(m) {
  const run = state.run;
  state.run = null;
  if (!run) return;
  /** @type {Report} */
  const report = JSON.parse(m.reportJson);
  state.report = report;
  state.shown = { ...run.inputs, presetTried: true }; // a finished run has had its remembered mapping looked for
  newReport(report);
  resetPages();
  renderAll();
  exportView.shown(report);
  const elapsed = performance.now() - run.started;
  els.progressRow.hidden = true;
  Object.assign(els.status.dataset, {
    elapsedMs: String(Math.round(elapsed)), analysisMs: String(Math.round(m.analysisMs)),
    workerMs: String(Math.round(m.workerMs)), readWaitMs: String(Math.round(m.readWaitMs)),
    bytes: String(m.bytes), run: String(run.id), rowsRead: String(report.rows.read),
    workers: String(m.workers),
  });
  setStatus('done', 'status.done', { rows: fmt.int(report.rows.read), seconds: fmt.seconds(elapsed) });
  updateControls();
  // The index reads the dossier report: a new report means a new index.
  indexPanel.dossierReportChanged();
  applyRememberedMapping(report);
}

/**
 * After a new source's first run: if this browser remembers a mapping for a file's header row
 * and the user set none, run again with it (once), and say so.
 * @param {Report} r
 */
function applyRememberedMapping(r) {
  if (state.presetTried) return;
  state.presetTried = true;
  if (Object.keys(state.mapping).length) return;
  for (const f of r.files) {
    const p = findPreset(f.headers);
    if (p && Object.keys(p.mapping).length) {
      state.mapping = { ...p.mapping };
      state.readyKey = 'status.ready';
      startRun(state.source);
      setStatus('working', 'status.presetApplied', { name: f.name });
      return;
    }
  }
}

/**
 * A run failed: the core's message (e.g. a period it cannot read) in the status line, with the
 * text `key` (see failureKey); the last report stays as it was.
 * @param {string} message @param {string} key
 */
function failRun(message, key) {
  const run = state.run;
  state.run = null;
  if (run) restoreShown();
  els.progressRow.hidden = true;
  if (run) els.status.dataset.run = String(run.id);
  setStatus('error', key, { message });
  updateControls();
  indexPanel.runPending();
}

function cancelRun() {
  if (!runner.busy) return;
  indexPanel.cancelled();
  state.run = null;
  restoreShown();
  els.progressRow.hidden = true;
  state.readyKey = 'status.readyAfterCancel';
  setStatus('working', 'status.loading');
  runner.cancel(); // terminate() stops the analysis at once, whatever it is doing
  updateControls();
}

// ---------------------------------------------------------------------------------------------
// Report and tabs

function renderAll() {
  showReportSection();
  if (!state.report) return;
  renderReport(state.report);
  updateTwoTierLabel();
  const p = state.report.period;
  els.year.placeholder = p.auto ? p.from.slice(0, 4) : t('period.auto');
  showTab(state.activeTab);
  updateControls();
}

const TAB_NAMES = ['summary', 'units', 'fields', 'procedures', 'months', 'compare', 'late', 'mapping', 'problems', 'index'];

/** Tabs that can be shown: the dossier tabs need a dossier report, the index tab does not. */
const tabNames = () => (state.report ? TAB_NAMES : ['index']);

/** The report section shows once there is a dossier report or the index view was opened. */
function showReportSection() {
  const any = !!state.report || indexPanel.isOpen();
  els.report.hidden = !any;
  els.emptyNote.hidden = any;
  els.reportHead.hidden = !state.report;
  for (const b of els.tabs.querySelectorAll('[role=tab]')) {
    if (b instanceof HTMLElement) b.hidden = !tabNames().includes(b.dataset.tab ?? '');
  }
}

/** @param {string} name */
function showTab(name) {
  if (!tabNames().includes(name)) name = tabNames()[0];
  state.activeTab = name;
  for (const b of els.tabs.querySelectorAll('[role=tab]')) {
    if (!(b instanceof HTMLElement)) continue;
    const on = b.dataset.tab === name;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
  }
  for (const p of document.querySelectorAll('[data-panel]')) {
    if (p instanceof HTMLElement) p.hidden = p.dataset.panel !== name;
  }
  if (name === 'index') indexPanel.open();
}

els.tabs.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('[role=tab]') : null;
  if (b instanceof HTMLElement && b.dataset.tab) showTab(b.dataset.tab);
});
els.tabs.addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
  const names = tabNames();
  const i = names.indexOf(state.activeTab);
  const next = names[(i + (e.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length];
  showTab(next);
  const tab = els.tabs.querySelector(`[data-tab="${next}"]`);
  if (tab instanceof HTMLElement) tab.focus();
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

/** @param {'auto' | 'true' | 'false'} v */
function setTwoTier(v) {
  state.twoTier = v;
  els.twoTier.indeterminate = v === 'auto';
  els.twoTier.checked = v === 'true';
  els.twoTier.dataset.value = v;
  updateTwoTierLabel();
}

// Tri-state: auto → yes → no → auto.
els.twoTier.addEventListener('click', () => {
  setTwoTier(state.twoTier === 'auto' ? 'true' : state.twoTier === 'true' ? 'false' : 'auto');
});

/** A new source: the column overrides of the previous one do not apply. @param {Source} source */
function newSource(source) {
  state.mapping = {};
  state.sheet = null;
  state.encoding = null;
  state.presetTried = false;
  resetMappingFile();
  startRun(source);
}

els.fileInput.addEventListener('change', () => {
  const files = [...(els.fileInput.files ?? [])];
  els.fileInput.value = ''; // choosing the same file again must fire `change` again
  if (files.length && runner.busy) refuseWhileBusy();
  else if (files.length) newSource({ kind: 'files', files });
});

// A calendar file extends the embedded holidays; it is read as text and checked by the core
// (an invalid one is refused with its Vietnamese message when the next run starts).
els.calendarFile.addEventListener('change', async () => {
  const file = els.calendarFile.files?.[0];
  els.calendarFile.value = '';
  if (!file) return;
  let text;
  try {
    text = await readSettingsFile(file);
  } catch (e) {
    setStatus('error', 'status.error', { message: e instanceof Error ? e.message : String(e) });
    return;
  }
  state.calendar = { name: file.name, text };
  showCalendar();
  startRun(state.source);
});
els.calendarClear.addEventListener('click', () => {
  state.calendar = null;
  showCalendar();
  startRun(state.source);
});
function showCalendar() {
  els.calendarState.textContent = state.calendar ? t('period.calendarLoaded', { name: state.calendar.name }) : '';
  els.calendarClear.hidden = !state.calendar;
}

els.sample.addEventListener('click', () => newSource({ kind: 'sample', rows: 0 }));
els.cancel.addEventListener('click', cancelRun);
els.periodForm.addEventListener('submit', (e) => {
  e.preventDefault();
  startRun(state.source);
});

// Drag and drop: the zone takes files; elsewhere a drop must not navigate away from the page.
for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());
let dragDepth = 0;
els.dropzone.addEventListener('dragenter', (e) => { e.preventDefault(); dragDepth++; els.dropzone.classList.add('over'); });
els.dropzone.addEventListener('dragleave', () => { if (--dragDepth <= 0) { dragDepth = 0; els.dropzone.classList.remove('over'); } });
els.dropzone.addEventListener('dragover', (e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; });
els.dropzone.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  els.dropzone.classList.remove('over');
  const files = [...(e.dataTransfer ? e.dataTransfer.files : [])];
  if (files.length && runner.busy) refuseWhileBusy();
  else if (files.length && canRun()) newSource({ kind: 'files', files });
});

els.exportJson.addEventListener('click', () => {
  if (!state.report) return;
  // One JSON for everything shown: the dossier Report, plus `index` once the index was computed.
  const index = indexPanel.report();
  saveJson(index ? { ...state.report, index } : state.report, 'bao-cao-tthc.json');
});

/** Copies `text`, and says so on the button for a moment. @param {string} text @param {HTMLButtonElement} button */
function copyText(text, button) {
  if (!window.isSecureContext) return; // no clipboard API outside https / localhost
  navigator.clipboard.writeText(text).then(() => {
    button.textContent = t('btn.copied');
    setTimeout(() => { button.textContent = t('btn.copy'); }, 1500);
  }, () => { /* no permission: fail silently */ });
}

els.copy.addEventListener('click', () => copyText(els.narrative.textContent ?? '', els.copy));
els.print.addEventListener('click', () => window.print());
els.lang.addEventListener('click', () => {
  setLang(getLang() === 'vi' ? 'en' : 'vi');
  applyStatic();
  els.status.textContent = t(state.status.key, state.status.params);
  updateTwoTierLabel();
  indexPanel.applyLanguage();
  if (state.report) renderAll();
});

// ---------------------------------------------------------------------------------------------
// Start

initReportView({
  showTab,
  canRun: () => canRun() && !!state.source,
  applyMapping(changes, f) {
    Object.assign(state.mapping, changes);
    rememberPreset(f.headers, /** @type {Record<string, string>} */ (state.mapping));
    startRun(state.source);
  },
  applyRead(read) {
    if (read.sheet !== undefined) state.sheet = read.sheet;
    if (read.encoding !== undefined) state.encoding = read.encoding;
    startRun(state.source);
  },
  encoding: () => state.encoding,
  exportPreset(f) {
    /** @type {Record<string, string>} */
    const mapping = {};
    for (const m of f.mapping) if (m.overridden) mapping[m.field] = m.header ?? '';
    saveJson(makePreset(f.headers, mapping), 'cach-ghep-cot.json');
  },
  importPreset(file) {
    readSettingsFile(file).then((text) => {
      const presets = parsePresets(text);
      for (const p of presets) Object.assign(state.mapping, p.mapping);
      startRun(state.source);
    }).catch((e) => setStatus('error', 'status.error', { message: e instanceof Error ? e.message : String(e) }));
  },
});
indexPanel.init({ runner, dossierReport: () => state.report, updateControls, showReportSection, showTab, copy: copyText });
const exportView = initExport({ report: () => state.report, index: indexPanel.report });
applyStatic();
setTwoTier('auto');
showReportSection();
setStatus('working', 'status.loading');
runner.start();
updateControls();
