// @ts-check
// The «Chỉ số 766» wiring: its inputs (files, the built-in sample, methodology, focus, target,
// manual entries) live here between runs, and every change re-runs the whole index in the worker
// (it is fast: the inputs are small and the dossier report is already aggregated). A change the
// core refuses is undone and the core's message shown.

import { t } from './i18n.js';
import { readSettingsFile } from './lib/settings-file.js';
import { byId, saveJson } from './lib/dom.js';
import { fmt } from './lib/format.js';
import { h } from './lib/dom.js';
import { exportFrom, saveIndexXlsx } from './lib/export.js';
import { renderIndex } from './views/index766.js';

/** @typedef {import('./types.js').Report} Report */
/** @typedef {import('./types.js').IndexReport} IndexReport */
/** @typedef {import('./types.js').IndexOptions} IndexOptions */
/** @typedef {import('./types.js').ManualEntry} ManualEntry */

/**
 * What the index needs from the page.
 * @typedef {object} PageHooks
 * @property {import('./run.js').Runner} runner
 * @property {() => Report | null} dossierReport  the last dossier Report
 * @property {() => void} updateControls
 * @property {() => void} showReportSection
 * @property {(name: string) => void} showTab
 * @property {(text: string, button: HTMLButtonElement) => void} copy
 */

const els = {
  open: byId('index-open', HTMLButtonElement),
  fileInput: byId('index-file-input', HTMLInputElement),
  fileLabel: byId('index-file-label'),
  dropzone: byId('index-dropzone'),
  sample: byId('index-sample-button', HTMLButtonElement),
  clear: byId('index-clear', HTMLButtonElement),
  options: byId('index-options', HTMLFormElement),
  methodology: byId('index-methodology', HTMLSelectElement),
  methodologyFile: byId('index-methodology-file', HTMLInputElement),
  focus: byId('index-focus', HTMLSelectElement),
  target: byId('index-target', HTMLInputElement),
  recompute: byId('index-recompute', HTMLButtonElement),
  export: byId('index-export', HTMLButtonElement),
  exportXlsx: byId('index-export-xlsx', HTMLButtonElement),
  status: byId('index-status'),
  body: byId('index-body'),
};

// Files dropped during a run are not read: this note says so until the run ends (as on the
// dossier zone, `drop.busy`).
const busyNote = h('p', {
  class: 'busy-note', id: 'index-drop-busy', 'data-testid': 'index-drop-busy', role: 'status', 'data-i18n': 'drop.busy', hidden: true,
}, t('drop.busy'));
els.dropzone.querySelector('.drop-actions')?.after(busyNote);

const USER_METHODOLOGY = '\u0000user';
const PICK_METHODOLOGY = '\u0000pick';
const FOCUS_KEY = 'tthc-analytics.index.focus';

const ix = {
  open: false, // the view was opened: later dossier reports re-run it
  /** @type {File[]} chosen (and the sample's files once loaded), in reading order */
  files: [],
  sample: false, // add the built-in sample at the next run
  /** @type {string[]} embedded names, from the worker */
  methodologies: [],
  /** @type {string | null} an embedded name, or USER_METHODOLOGY */
  methodology: null,
  /** @type {{ name: string, text: string } | null} the user's methodology file */
  methodologyFile: null,
  focus: loadFocus(),
  /** @type {string | null} the target as typed (the core reads it) */
  target: null,
  /** @type {ManualEntry[]} */
  manual: [],
  /** @type {IndexReport | null} the last IndexReport */
  report: null,
  /** @type {{ id: number, started: number, revert?: (message: string) => void } | null} */
  run: null,
  pending: false, // a run was asked for while another one was running
  halted: false, // the last run failed or was cancelled: not re-run by itself when the worker restarts
  /** @type {{ state: string, key: string, params: Record<string, unknown> | null }} */
  status: { state: 'idle', key: 'index.status.idle', params: null },
  /** @type {import('./views/index766.js').IndexView} */
  view: { entity: null, period: null, manualIndicator: null },
};

/** @type {PageHooks} */
let page;

function loadFocus() {
  try { return localStorage.getItem(FOCUS_KEY) || ''; } catch { return ''; }
}

/** @param {string} v */
function saveFocus(v) {
  try {
    if (v) localStorage.setItem(FOCUS_KEY, v); else localStorage.removeItem(FOCUS_KEY);
  } catch { /* storage may be disabled */ }
}

/** @param {PageHooks} hooks */
export function init(hooks) {
  page = hooks;
  setStatus('idle', 'index.status.idle');
  fillFocus();
}

export const isOpen = () => ix.open;
export const report = () => ix.report;

/** @param {string} st @param {string} key @param {Record<string, unknown> | null} [params] */
function setStatus(st, key, params = null) {
  ix.status = { state: st, key, params };
  els.status.textContent = key ? t(key, params) : '';
  els.status.dataset.state = st;
}

/** @param {boolean} idle @param {boolean} running @param {boolean} ready */
export function updateControls(idle, running, ready) {
  for (const el of [els.fileInput, els.sample, els.methodology, els.focus, els.target, els.recompute]) el.disabled = !idle;
  els.fileLabel.classList.toggle('disabled', !idle);
  els.dropzone.classList.toggle('busy', running);
  if (!running) busyNote.hidden = true;
  els.clear.disabled = !idle || !(ix.files.length || ix.sample);
  els.export.disabled = !ix.report;
  if (!els.exportXlsx.dataset.busy) els.exportXlsx.disabled = !ix.report;
  els.open.disabled = !ready;
}

/** @param {string[]} names the embedded methodologies, the default first */
export function setMethodologies(names) {
  ix.methodologies = names;
  if (ix.methodology == null) ix.methodology = names[0];
  fillMethodologies();
}

/**
 * The worker is (again) ready: run what waits. A run that failed or was cancelled is not run
 * again by itself (a crashing one would crash → restart → re-run forever); the user's next
 * action runs it.
 */
export function workerReady() {
  if (ix.pending || (ix.open && !ix.report && !ix.halted)) runIndex();
}

/** A dossier run ended: run the index if one was asked for meanwhile. */
export function runPending() {
  if (ix.pending) runIndex();
}

/** A new dossier report: a new index, when the view is in use. */
export function dossierReportChanged() {
  if (ix.open || ix.pending) runIndex();
}

/** The running job was cancelled (the page restarts the worker). */
export function cancelled() {
  if (!ix.run) return;
  els.status.dataset.run = String(ix.run.id);
  ix.run = null;
  ix.pending = false;
  ix.halted = true;
  setStatus('idle', 'index.status.cancelled');
}

export function applyLanguage() {
  setStatus(ix.status.state, ix.status.key, ix.status.params);
  fillMethodologies();
  fillFocus();
  renderView();
}

function fillMethodologies() {
  const opts = ix.methodologies.map((m) => h('option', { value: m, selected: m === ix.methodology }, m));
  if (ix.methodologyFile) {
    opts.push(h('option', { value: USER_METHODOLOGY, selected: ix.methodology === USER_METHODOLOGY },
      t('index.methodologyUser', { name: ix.methodologyFile.name })));
  }
  opts.push(h('option', { value: PICK_METHODOLOGY }, t('index.methodologyPick')));
  els.methodology.replaceChildren(...opts);
}

/** Focus choices: the ranking table's names, then the units of the province (and the saved one). */
function fillFocus() {
  const r = ix.report;
  const byName = (/** @type {string} */ a, /** @type {string} */ b) => a.localeCompare(b, 'vi');
  const ranking = r ? [...new Set(r.ranking.map((x) => x.name))].sort(byName) : [];
  const units = r ? [...new Set(r.units.map((u) => u.name))].filter((n) => !ranking.includes(n)).sort(byName) : [];
  /** @type {HTMLElement[]} */
  const children = [h('option', { value: '', selected: !ix.focus }, t('index.focusNone'))];
  const known = new Set([...ranking, ...units]);
  if (ix.focus && !known.has(ix.focus)) children.push(h('option', { value: ix.focus, selected: true }, ix.focus));
  /** @param {string} label @param {string[]} names */
  const group = (label, names) => h('optgroup', { label: t(label) },
    names.map((n) => h('option', { value: n, selected: n === ix.focus }, n)));
  if (ranking.length) children.push(group('index.focusRanking', ranking));
  if (units.length) children.push(group('index.focusUnits', units));
  els.focus.replaceChildren(...children);
}

export function open() {
  if (!ix.open) { ix.open = true; page.showReportSection(); }
  if (!ix.report && !ix.run) runIndex();
}

/** @returns {IndexOptions} */
function indexOptions() {
  /** @type {IndexOptions} */
  const o = {};
  if (ix.methodology === USER_METHODOLOGY && ix.methodologyFile) o.methodology = ix.methodologyFile.text;
  else if (ix.methodology) o.methodology = ix.methodology;
  if (ix.focus) o.focus = ix.focus;
  if (ix.target != null) o.target = ix.target;
  return o;
}

/**
 * Runs the index now, or as soon as the running job ends. `revert` undoes the change that asked
 * for this run when the core refuses it (it gets the core's message, also shown in the status).
 * @param {(message: string) => void} [revert]
 */
function runIndex(revert) {
  const { runner } = page;
  ix.halted = false;
  if (!runner.ready || runner.busy) { ix.pending = true; return; }
  ix.pending = false;
  ix.open = true;
  const id = runner.index({
    files: ix.files, sample: ix.sample, report: page.dossierReport(), options: indexOptions(), manual: ix.manual,
  });
  ix.run = { id, started: performance.now(), revert };
  setStatus('working', 'index.status.working');
  page.updateControls();
}

/** @param {import('./types.js').IndexDoneMsg} m */
export function finishIndexRun(m) {
  const run = ix.run;
  ix.run = null;
  if (!run) return;
  ix.report = m.report;
  if (m.sampleFiles) {
    // the sample becomes ordinary files, first as they were read
    const sample = m.sampleFiles.map((f) => new File([f.bytes], f.name, { type: 'text/csv' }));
    const names = new Set(sample.map((f) => f.name));
    ix.files = [...sample, ...ix.files.filter((f) => !names.has(f.name))];
    ix.sample = false;
    // with no focus chosen, the worker focused the sample on its province: kept for the next
    // runs (shown in the select, not remembered as the user's choice)
    if (!ix.focus && m.report.focus) ix.focus = m.report.focus;
  }
  const read = m.report.files.length;
  els.status.dataset.run = String(run.id);
  els.status.dataset.elapsedMs = String(Math.round(performance.now() - run.started));
  setStatus('done', read ? 'index.status.done' : 'index.status.doneEmpty', { n: fmt.int(read), ms: fmt.int(Math.round(m.ms)) });
  fillFocus();
  renderView();
  page.updateControls();
  if (ix.pending) runIndex();
}

/**
 * The index run failed: the change that asked for it is undone, the message shown (`key`: the
 * status text, «Lỗi: …», «Lỗi nội bộ: …» or «Hết bộ nhớ…»). After a crash nothing runs by itself.
 * @param {string} message @param {boolean} fatal @param {string} [key]
 */
export function failIndexRun(message, fatal, key = 'index.status.error') {
  const run = ix.run;
  ix.run = null;
  ix.halted = true;
  if (run && run.revert) run.revert(message);
  if (run) els.status.dataset.run = String(run.id);
  setStatus('error', key, { message });
  fillMethodologies();
  page.updateControls();
  if (fatal) ix.pending = false;
  else if (ix.pending) runIndex();
}

function renderView() {
  renderIndex(els.body, ix.report, ix.view, {
    setEntity: (key) => { ix.view.entity = key; renderView(); },
    setPeriod: (p) => { ix.view.period = p; renderView(); },
    removeFile: (name) => {
      ix.files = ix.files.filter((f) => f.name !== name);
      runIndex();
    },
    addManualFor: (id) => {
      ix.view.manualIndicator = id;
      renderView();
      const sel = els.body.querySelector('[data-testid=index-manual-indicator]');
      if (sel instanceof HTMLElement) { sel.scrollIntoView({ block: 'center' }); sel.focus(); }
    },
    addManual: (entry, refused) => {
      const before = ix.manual;
      // one entry per (indicator, term, unit): a new one replaces the old
      /** @param {ManualEntry} x */
      const same = (x) => x.indicator === entry.indicator && (x.term || '') === (entry.term || '') && (x.unit || '') === (entry.unit || '');
      ix.manual = [...before.filter((x) => !same(x)), entry];
      runIndex((message) => { ix.manual = before; refused(message); });
    },
    removeManual: (i) => {
      ix.manual = ix.manual.filter((_, k) => k !== i);
      runIndex();
    },
    copy: page.copy,
  }, { manual: ix.manual, files: ix.files.map((f) => f.name) });
}

/** @param {Iterable<File>} list */
function addFiles(list) {
  const files = [...list];
  if (!files.length) return;
  // a file chosen again (same name) replaces the earlier one
  const names = new Set(files.map((f) => f.name));
  ix.files = [...ix.files.filter((f) => !names.has(f.name)), ...files];
  runIndex();
}

els.open.addEventListener('click', () => { open(); page.showTab('index'); });

els.fileInput.addEventListener('change', () => {
  const files = [...(els.fileInput.files ?? [])];
  els.fileInput.value = '';
  addFiles(files);
});

els.sample.addEventListener('click', () => {
  ix.sample = true;
  runIndex();
});

els.clear.addEventListener('click', () => {
  ix.files = [];
  ix.sample = false;
  runIndex();
});

els.methodology.addEventListener('change', () => {
  const v = els.methodology.value;
  if (v === PICK_METHODOLOGY) {
    fillMethodologies(); // back to the current choice until a file is read
    els.methodologyFile.click();
    return;
  }
  const before = ix.methodology;
  ix.methodology = v;
  runIndex(() => { ix.methodology = before; });
});

els.methodologyFile.addEventListener('change', async () => {
  const f = els.methodologyFile.files?.[0];
  els.methodologyFile.value = '';
  if (!f) return;
  const before = { methodology: ix.methodology, file: ix.methodologyFile };
  let text;
  try {
    text = await readSettingsFile(f);
  } catch (e) {
    setStatus('error', 'index.status.error', { message: e instanceof Error ? e.message : String(e) });
    return;
  }
  if (!text.replace(/^\uFEFF/, '').trimStart().startsWith('{')) {
    setStatus('error', 'index.status.badMethodology', { name: f.name });
    return;
  }
  ix.methodologyFile = { name: f.name, text };
  ix.methodology = USER_METHODOLOGY;
  fillMethodologies();
  runIndex(() => { ix.methodology = before.methodology; ix.methodologyFile = before.file; });
});

els.focus.addEventListener('change', () => {
  ix.focus = els.focus.value;
  saveFocus(ix.focus);
  ix.view.entity = null; // back to the report's subject
  runIndex();
});

/** The target as typed: the core reads it (or refuses it, and the previous one comes back). */
function applyTarget() {
  const typed = els.target.value.trim() ? els.target.value : null;
  if (typed === ix.target) return;
  const before = ix.target;
  ix.target = typed;
  runIndex(() => {
    ix.target = before;
    els.target.value = before ?? '';
  });
}

els.target.addEventListener('change', applyTarget);
els.options.addEventListener('submit', (e) => {
  e.preventDefault();
  const typed = els.target.value.trim() ? els.target.value : null;
  if (typed !== ix.target) applyTarget(); else runIndex();
});

els.export.addEventListener('click', () => {
  if (ix.report) saveJson(ix.report, 'chi-so-766.json');
});
els.exportXlsx.addEventListener('click', () => {
  const r = ix.report;
  if (r) exportFrom(els.exportXlsx, () => saveIndexXlsx(r, 'chi-so-766.xlsx'), els.status);
});

// Files dropped on the index zone are index inputs (elsewhere the window ignores drops).
// A drop during a run is taken (not refused by the cursor) and answered by the busy note.
els.dropzone.addEventListener('dragover', (e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; });
els.dropzone.addEventListener('dragenter', () => els.dropzone.classList.add('over'));
els.dropzone.addEventListener('dragleave', (e) => { if (!(e.relatedTarget instanceof Node && els.dropzone.contains(e.relatedTarget))) els.dropzone.classList.remove('over'); });
els.dropzone.addEventListener('drop', (e) => {
  e.preventDefault();
  els.dropzone.classList.remove('over');
  const files = [...(e.dataTransfer ? e.dataTransfer.files : [])];
  if (files.length && page.runner.busy) busyNote.hidden = false;
  else if (files.length && page.runner.ready) addFiles(files);
});
