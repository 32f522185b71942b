// @ts-check
// <tthc-dashboard>: the dossier report as a custom element, for a provincial portal (issue 11).
//
//   <script type="module" src="/tthc/tthc-dashboard.js"></script>
//   <tthc-dashboard lang="vi" period="2024" convention="mac-dinh" levels="3"></tthc-dashboard>
//
// Shadow DOM (the portal's styles do not reach in, ours do not leak out), themed through CSS
// custom properties (--tthc-accent, --tthc-ink… see tthc-dashboard.css). Attributes: lang
// (vi|en), period («2024», «2024-q2», «2024-03», «01/01/2024..30/06/2024»), convention
// (mac-dinh|bieu-06), methodology (an index methodology: the QĐ 766 index is computed after each
// report, `el.index`, and shown in a «Chỉ số 766» tab), levels (3|2: three tiers or tỉnh–xã; absent: from the period). JS:
// `el.load(files)` → Promise<Report>, `el.report`, `el.index`; events `progress` (detail: bytes
// and rows read), `done` (detail: { report, index }), `error` (detail: { message }).
// The views are the page's (views/report.js), drawn inside the shadow root; the analysis goes
// through the ES-module API (tthc.js), i.e. the page's worker path. One element per page.

import { init, analyze, index, toFiles } from './tthc.js';
import { t, useLang, applyStatic } from './i18n.js';
import { h, setRoot, saveJson } from './lib/dom.js';
import { fmt } from './lib/format.js';
import { resetPages } from './lib/table.js';
import { showProgress } from './lib/progress.js';
import { adoptStyles } from './lib/shadow-styles.js';
import { makePreset, parsePresets } from './lib/presets.js';
import { readSettingsFile } from './lib/settings-file.js';
import { initReportView, newReport, renderReport, resetMappingFile } from './views/report.js';
import { renderIndex } from './views/index766.js';

/** @typedef {import('./types.js').Report} Report */
/** @typedef {import('./types.js').IndexReport} IndexReport */
/** @typedef {import('./types.js').AnalyzerOptions} AnalyzerOptions */
/** @typedef {import('./types.js').ManualEntry} ManualEntry */
/** @typedef {import('./tthc.js').Input} Input */

/** The page's dossier tabs, and «Chỉ số 766» (shown with the `methodology` attribute). */
const TABS = ['summary', 'units', 'fields', 'procedures', 'months', 'compare', 'late', 'mapping', 'problems', 'index'];
const ACCEPT = '.xlsx,.xls,.xlsb,.ods,.csv,.txt,.tsv,.htm,.html,.json,.jsonl,.ndjson';

/**
 * The `period` attribute as Analyzer options, by its shape only (the core reads the values and
 * says in Vietnamese what it cannot read): «2024», «2024-q2», «2024-03» (a month), «A..B» (two
 * dates, dd/mm/yyyy or yyyy-mm-dd).
 * @param {string | null} p
 * @returns {AnalyzerOptions}
 */
export function periodOptions(p) {
  const v = (p ?? '').trim();
  if (!v) return {};
  const range = v.split('..');
  if (range.length === 2) return { from: range[0].trim(), to: range[1].trim() };
  const q = /^(\d{4})-[qQ]([1-4])$/.exec(v);
  if (q) return { year: q[1], quarter: Number(q[2]) };
  const m = /^(\d{4})-(\d{1,2})$/.exec(v);
  if (m) return { year: m[1], month: Number(m[2]) };
  return { year: v };
}

/** The markup of the shadow root (built as elements: no HTML is parsed). */
function skeleton() {
  const tab = (/** @type {string} */ name) => h('button', {
    type: 'button', role: 'tab', 'data-tab': name, 'data-testid': `tab-${name}`, 'data-i18n': `tab.${name}`,
    class: name === 'index' ? 'tab-index' : null, hidden: name === 'index',
  });
  const panelOf = (/** @type {string} */ name) => h('div', {
    class: 'panel tab-panel', role: 'tabpanel', 'data-panel': name, 'data-testid': `panel-${name}`, hidden: name !== 'summary',
  });
  const summary = panelOf('summary');
  summary.append(
    h('h2', { 'data-i18n': 'summary.levels' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data level-summary', id: 'level-summary', 'data-testid': 'level-summary' })),
    h('div', { class: 'chart-grid', id: 'summary-charts', 'data-testid': 'summary-charts' }),
    h('h2', { 'data-i18n': 'summary.narrative' }),
    h('div', { class: 'narrative-box' }, h('p', { class: 'narrative', id: 'narrative', 'data-testid': 'narrative' })),
    h('h2', { 'data-i18n': 'summary.files' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data narrow', id: 'files-table', 'data-testid': 'files-table' })),
  );
  return h('div', { class: 'tthc', part: 'container' },
    h('section', { class: 'panel input-panel' },
      h('div', { class: 'dropzone', id: 'dropzone', 'data-testid': 'dropzone' },
        h('p', { class: 'drop-title', 'data-i18n': 'drop.title' }),
        h('p', { class: 'drop-actions' },
          h('span', { 'data-i18n': 'drop.or' }), ' ',
          h('label', { class: 'btn btn-primary file-label', id: 'file-label' },
            h('span', { 'data-i18n': 'drop.choose' }),
            h('input', { type: 'file', id: 'file-input', 'data-testid': 'file-input', multiple: true, accept: ACCEPT, disabled: true })), ' ',
          h('button', { type: 'button', class: 'btn', id: 'sample-button', 'data-testid': 'sample-button', 'data-i18n': 'btn.sample', disabled: true }), ' ',
          h('button', { type: 'button', class: 'btn btn-danger', id: 'cancel-button', 'data-testid': 'cancel-button', 'data-i18n': 'btn.cancel', hidden: true })),
        h('p', { class: 'hint', 'data-i18n': 'drop.hint' }))),
    h('section', { class: 'panel status-panel', 'aria-live': 'polite' },
      h('p', { class: 'status', id: 'status', 'data-testid': 'status', 'data-state': 'working' }),
      h('div', { class: 'progress-row', id: 'progress-row', hidden: true },
        h('progress', { id: 'progress', 'data-testid': 'progress', max: '1', value: '0' }),
        h('span', { class: 'progress-text', id: 'progress-text', 'data-testid': 'progress-text' }))),
    h('section', { class: 'report', id: 'report', 'data-testid': 'report', hidden: true },
      h('div', { class: 'panel report-head' },
        h('p', { class: 'period-label', id: 'period-label', 'data-testid': 'period-label' }),
        h('p', { class: 'muted', id: 'model-label', 'data-testid': 'model-label' }),
        h('p', { class: 'muted', id: 'convention-label', 'data-testid': 'convention-label' }),
        h('p', { class: 'accounting', id: 'rows-accounting', 'data-testid': 'rows-accounting' }),
        h('ul', { class: 'alerts', id: 'file-errors', 'data-testid': 'file-errors' })),
      h('nav', { class: 'tabs', role: 'tablist', id: 'tabs', 'data-testid': 'tabs' }, TABS.map(tab)),
      summary,
      TABS.slice(1).map(panelOf)));
}

export class TthcDashboard extends HTMLElement {
  static observedAttributes = ['lang', 'period', 'convention', 'methodology', 'levels'];

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.root);
    this.root.append(skeleton());
    /** @type {Report | null} the last Report */
    this._report = null;
    /** @type {IndexReport | null} the QĐ 766 index of the last Report (with `methodology`) */
    this._index = null;
    /** @type {ManualEntry[]} the index's manual entries (its «Nhập tay» form) */
    this.manual = [];
    /** @type {import('./views/index766.js').IndexView} */
    this.indexView = { entity: null, period: null, manualIndicator: null };
    /** @type {File[] | { sample: number } | null} what the shown report was made from */
    this.source = null;
    /** @type {Record<string, string | number>} column overrides (the mapping tab) */
    this.mapping = {};
    /** @type {{ sheet?: string, encoding?: string }} */
    this.read = {};
    this.busy = false;
    /** an attribute changed during a run: run again after it */
    this.stale = false;
    /** runs ended (done or failed): the status's data-run, for tests */
    this.runs = 0;
    this.ready = false;
    this.activeTab = 'summary';
    /** @type {AbortController | null} */
    this.abort = null;
    /** @type {{ key: string, params: Record<string, unknown> | null }} */
    this.status = { key: 'status.loading', params: null };
    this.wire();
  }

  /** The last Report (null before the first load). */
  get report() { return this._report; }

  /** The QĐ 766 index of the last Report, when the `methodology` attribute is set. */
  get index() { return this._index; }

  /** @param {string} id @returns {any} */
  $(id) { return this.root.getElementById(id); }

  connectedCallback() {
    setRoot(this.root);
    useLang(this.getAttribute('lang') ?? 'vi');
    applyStatic(this.root);
    this.setStatus('working', 'status.loading');
    init().then(() => {
      this.ready = true;
      if (!this.busy) this.setStatus('ready', 'status.ready');
      this.updateControls();
    }, (e) => {
      this.setStatus('error', 'status.initError', { message: e instanceof Error ? e.message : String(e) });
      this.fire('error', { message: e instanceof Error ? e.message : String(e) });
    });
  }

  /** @param {string} name @param {string | null} old @param {string | null} value */
  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected) return;
    if (name === 'lang') {
      useLang(value ?? 'vi');
      applyStatic(this.root);
      this.setStatus(this.$('status').dataset.state, this.status.key, this.status.params);
      if (this._report) this.render();
      return;
    }
    if (this.busy) this.stale = true;
    else if (this.source) this.run(this.source).catch(() => {});
  }

  /**
   * Reads files (File, Blob, bytes, a list; or `{ sample: rows }` for the built-in sample) and
   * shows their report. Resolves with the Report; rejects with the core's message.
   * @param {Input | { sample: number }} files
   * @returns {Promise<Report>}
   */
  load(files) {
    this.mapping = {};
    this.read = {};
    resetMappingFile();
    const source = typeof files === 'object' && files !== null && !(files instanceof Blob) && 'sample' in files
      ? { sample: Number(files.sample) || 0 }
      : toFiles(/** @type {Input} */ (files));
    return this.run(source);
  }

  /** The options from the attributes and the mapping tab. @returns {AnalyzerOptions} */
  options() {
    /** @type {AnalyzerOptions} */
    const o = periodOptions(this.getAttribute('period'));
    const conv = this.getAttribute('convention');
    if (conv) o.convention = conv;
    const levels = this.getAttribute('levels');
    if (levels === '2') o.two_tier = true;
    else if (levels === '3') o.two_tier = false;
    if (Object.keys(this.mapping).length) o.mapping = { ...this.mapping };
    if (this.read.sheet) o.sheet = this.read.sheet;
    if (this.read.encoding) o.encoding = this.read.encoding;
    return o;
  }

  /** @param {File[] | { sample: number }} source @returns {Promise<Report>} */
  async run(source) {
    if (this.busy) throw new Error(t('drop.busy'));
    this.busy = true;
    this.stale = false;
    this.source = source;
    const abort = new AbortController();
    this.abort = abort;
    const started = performance.now();
    this.setStatus('working', 'status.working');
    this.$('progress-row').hidden = false;
    this.updateControls();
    try {
      const report = await analyze(source, this.options(), {
        signal: abort.signal,
        onProgress: (m) => {
          showProgress({ progressRow: this.$('progress-row'), progress: this.$('progress'), progressText: this.$('progress-text') }, m);
          this.fire('progress', { bytesDone: m.bytesDone, bytesTotal: m.bytesTotal, rows: m.rows, fileIndex: m.fileIndex, fileCount: m.fileCount, fileName: m.fileName });
        },
      });
      const methodology = this.getAttribute('methodology');
      this._index = methodology ? await index([], { methodology }, { report, manual: this.manual, signal: abort.signal }) : null;
      this._report = report;
      newReport(report);
      resetPages();
      this.render();
      const status = this.$('status');
      status.dataset.rowsRead = String(report.rows.read);
      this.setStatus('done', 'status.done', { rows: fmt.int(report.rows.read), seconds: fmt.seconds(performance.now() - started) });
      this.fire('done', { report, index: this._index });
      return report;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (abort.signal.aborted) this.setStatus('ready', 'status.readyAfterCancel');
      else this.setStatus('error', 'status.error', { message });
      this.fire('error', { message });
      throw e;
    } finally {
      this.busy = false;
      this.abort = null;
      this.$('status').dataset.run = String(++this.runs);
      this.$('progress-row').hidden = true;
      this.updateControls();
      if (this.stale) {
        this.stale = false;
        if (this.source) this.run(this.source).catch(() => {});
      }
    }
  }

  render() {
    const r = this._report;
    if (!r) return;
    setRoot(this.root);
    this.$('report').hidden = false;
    renderReport(r);
    this.renderIndexTab();
    this.showTab(this.activeTab);
  }

  /** «Chỉ số 766»: the page's index view (views/index766.js), when there is an index. */
  renderIndexTab() {
    const ix = this._index;
    const tab = this.root.querySelector('[data-tab=index]');
    if (tab instanceof HTMLElement) tab.hidden = !ix;
    const panel = this.root.querySelector('[data-panel=index]');
    if (!ix || !(panel instanceof HTMLElement)) return;
    const again = () => this.renderIndexTab();
    renderIndex(panel, ix, this.indexView, {
      setEntity: (key) => { this.indexView.entity = key; again(); },
      setPeriod: (p) => { this.indexView.period = p; again(); },
      removeFile: () => {},
      addManualFor: (id) => { this.indexView.manualIndicator = id; again(); },
      addManual: (entry, refused) => {
        const before = this.manual;
        const same = (/** @type {ManualEntry} */ x) => x.indicator === entry.indicator && (x.term || '') === (entry.term || '') && (x.unit || '') === (entry.unit || '');
        this.manual = [...before.filter((x) => !same(x)), entry];
        this.rerunIndex().catch((e) => { this.manual = before; refused(e instanceof Error ? e.message : String(e)); });
      },
      removeManual: (i) => {
        this.manual = this.manual.filter((_, j) => j !== i);
        this.rerunIndex().catch(() => {});
      },
      copy: (text, button) => {
        if (!window.isSecureContext) return; // no clipboard API outside https / localhost
        navigator.clipboard.writeText(text).then(() => { button.textContent = t('btn.copied'); }, () => {});
      },
    }, { manual: this.manual, files: [] });
  }

  /** The index again (a manual entry changed), from the last Report. */
  async rerunIndex() {
    const methodology = this.getAttribute('methodology');
    if (!this._report || !methodology || this.busy) return;
    this._index = await index([], { methodology }, { report: this._report, manual: this.manual });
    this.renderIndexTab();
    this.fire('done', { report: this._report, index: this._index });
  }

  /** @param {string} name */
  showTab(name) {
    this.activeTab = TABS.includes(name) && (name !== 'index' || this._index) ? name : 'summary';
    for (const b of this.root.querySelectorAll('[role=tab]')) {
      if (!(b instanceof HTMLElement)) continue;
      const on = b.dataset.tab === this.activeTab;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
    }
    for (const p of this.root.querySelectorAll('[data-panel]')) {
      if (p instanceof HTMLElement) p.hidden = p.dataset.panel !== this.activeTab;
    }
  }

  /** @param {string} state @param {string} key @param {Record<string, unknown> | null} [params] */
  setStatus(state, key, params = null) {
    this.status = { key, params };
    const s = this.$('status');
    s.textContent = t(key, params);
    s.dataset.state = state;
  }

  updateControls() {
    const idle = this.ready && !this.busy;
    this.$('file-input').disabled = !idle;
    this.$('sample-button').disabled = !idle;
    this.$('file-label').classList.toggle('disabled', !idle);
    this.$('cancel-button').hidden = !this.busy;
    this.$('dropzone').classList.toggle('busy', this.busy);
  }

  /** @param {string} type @param {Record<string, unknown>} detail */
  fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  wire() {
    const input = /** @type {HTMLInputElement} */ (this.$('file-input'));
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      input.value = '';
      if (files.length && !this.busy) this.load(files).catch(() => {});
    });
    this.$('sample-button').addEventListener('click', () => { if (!this.busy) this.load({ sample: 0 }).catch(() => {}); });
    this.$('cancel-button').addEventListener('click', () => this.abort?.abort());
    const zone = /** @type {HTMLElement} */ (this.$('dropzone'));
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      const files = [...(e.dataTransfer ? e.dataTransfer.files : [])];
      if (files.length && !this.busy && this.ready) this.load(files).catch(() => {});
    });
    this.$('tabs').addEventListener('click', (/** @type {Event} */ e) => {
      const b = e.target instanceof Element ? e.target.closest('[role=tab]') : null;
      if (b instanceof HTMLElement && b.dataset.tab) this.showTab(b.dataset.tab);
    });
    const rerun = () => { if (this.source && !this.busy) this.run(this.source).catch(() => {}); };
    initReportView({
      showTab: (name) => this.showTab(name),
      canRun: () => this.ready && !this.busy && !!this.source,
      applyMapping: (changes) => { Object.assign(this.mapping, changes); rerun(); },
      applyRead: (read) => {
        if (read.sheet !== undefined) this.read.sheet = read.sheet ?? undefined;
        if (read.encoding !== undefined) this.read.encoding = read.encoding ?? undefined;
        rerun();
      },
      encoding: () => this.read.encoding ?? null,
      exportPreset: (f) => {
        /** @type {Record<string, string>} */
        const mapping = {};
        for (const m of f.mapping) if (m.overridden) mapping[m.field] = m.header ?? '';
        saveJson(makePreset(f.headers, mapping), 'cach-ghep-cot.json');
      },
      importPreset: (file) => {
        readSettingsFile(file).then((text) => {
          for (const p of parsePresets(text)) Object.assign(this.mapping, p.mapping);
          rerun();
        }).catch((e) => this.setStatus('error', 'status.error', { message: e instanceof Error ? e.message : String(e) }));
      },
    });
  }
}

if (!customElements.get('tthc-dashboard')) customElements.define('tthc-dashboard', TthcDashboard);
