// @ts-check
// The worker protocol, page side: starts (and restarts) the worker, posts jobs, and routes the
// worker's messages to the hooks of the job they belong to. One job at a time; cancelling
// terminates the worker (it stops whatever wasm is doing) and starts a fresh one. Where the
// worker is and how it gets its wasm: lib/wasm.js (next to this file unless an embedding page
// said otherwise).

import { analysisWorker } from './lib/wasm.js';

/** @typedef {import('./types.js').Job} Job */
/** @typedef {import('./types.js').RunJob} RunJob */
/** @typedef {import('./types.js').IndexJob} IndexJob */
/** @typedef {import('./types.js').WorkerMsg} WorkerMsg */
/** @typedef {import('./types.js').Crash} Crash */
/** @typedef {'run' | 'index'} JobKind */

/**
 * @typedef {object} RunnerHooks
 * @property {(m: import('./types.js').ReadyMsg) => void} ready  the (re)started worker is ready
 * @property {(message: string) => void} initError  the worker or the wasm module did not load
 * @property {(m: import('./types.js').ProgressMsg) => void} progress
 * @property {(m: import('./types.js').DoneMsg) => void} done
 * @property {(m: import('./types.js').IndexDoneMsg) => void} indexDone
 * @property {(kind: JobKind | null, message: string, fatal: boolean, crash: Crash) => void} failed
 *   a job failed (fatal: the worker crashed and was restarted; kind null: no job was running;
 *   crash: a panic, with its text as the message, or memory exhausted)
 */

export class Runner {
  /** @param {RunnerHooks} hooks */
  constructor(hooks) {
    this.hooks = hooks;
    /** @type {Worker | null} */
    this.worker = null;
    this.ready = false;
    /** @type {{ id: number, kind: JobKind } | null} */
    this.job = null;
    this.seq = 0;
  }

  /** A job is running. */
  get busy() { return this.job !== null; }

  start() {
    this.ready = false;
    let started;
    try {
      // on the page, the first one was started by boot.js, before this script ran (lib/wasm.js)
      started = analysisWorker();
    } catch (e) {
      this.hooks.initError(e instanceof Error ? e.message : String(e));
      return;
    }
    const w = started.worker;
    this.worker = w;
    w.onmessageerror = () => { if (this.worker === w) this.fail('messageerror', true); };
    started.listen((m) => { if (this.worker === w) this.route(m); }, (ev) => {
      if (this.worker !== w) return;
      ev.preventDefault();
      if (this.ready) this.fail(ev.message || 'worker error', true);
      else this.hooks.initError(ev.message || '');
    });
  }

  restart() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.start();
  }

  /** Stops the running job at once (by restarting the worker). */
  cancel() {
    this.job = null;
    this.restart();
  }

  /** @param {Omit<RunJob, 'type' | 'id'>} job @returns {number} the job's id */
  run(job) { return this.post({ type: 'run', id: ++this.seq, ...job }); }

  /** @param {Omit<IndexJob, 'type' | 'id'>} job @returns {number} the job's id */
  index(job) { return this.post({ type: 'index', id: ++this.seq, ...job }); }

  /** @param {Job} job */
  post(job) {
    if (!this.worker || !this.ready || this.job) throw new Error('the worker is not ready for a job');
    this.job = { id: job.id, kind: job.type };
    this.worker.postMessage(job);
    return job.id;
  }

  /** @param {string} message @param {boolean} fatal @param {Crash} [crash] */
  fail(message, fatal, crash = null) {
    const kind = this.job ? this.job.kind : null;
    this.job = null;
    if (fatal) this.restart();
    this.hooks.failed(kind, message, fatal, crash);
  }

  /** @param {WorkerMsg} m */
  route(m) {
    if (m.type === 'ready') { this.ready = true; this.hooks.ready(m); return; }
    if (m.type === 'init-error') { this.ready = false; this.hooks.initError(m.message); return; }
    // A trap leaves the instance unusable whichever job it belongs to: restart in any case.
    if (m.type === 'error' && m.fatal) { this.fail(m.message, true, m.crash); return; }
    if (!this.job || m.id !== this.job.id) return; // a cancelled job's late message
    switch (m.type) {
      case 'progress': this.hooks.progress(m); break;
      case 'done': this.job = null; this.hooks.done(m); break;
      case 'index-done': this.job = null; this.hooks.indexDone(m); break;
      case 'error': this.fail(m.message, false, m.crash); break;
      default: break;
    }
  }
}
