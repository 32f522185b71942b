// @ts-check
// Types only (JSDoc): the core's values as the page sees them, and the messages between the page
// (run.js) and the worker (worker.js). Nothing here runs. The core's types are generated from the
// Rust types into www/pkg/tthc_types.d.ts by the wasm build (src/typescript.rs).

/** @typedef {import('./pkg/tthc_analytics.js').Report} Report */
/** @typedef {import('./pkg/tthc_analytics.js').Figures} Figures */
/** @typedef {import('./pkg/tthc_analytics.js').Breakdown} Breakdown */
/** @typedef {import('./pkg/tthc_analytics.js').FileInfo} FileInfo */
/** @typedef {import('./pkg/tthc_analytics.js').MappingEntry} MappingEntry */
/** @typedef {import('./pkg/tthc_analytics.js').LateDossier} LateDossier */
/** @typedef {import('./pkg/tthc_analytics.js').MonthFigures} MonthFigures */
/** @typedef {import('./pkg/tthc_analytics.js').Problem} Problem */
/** @typedef {import('./pkg/tthc_analytics.js').Change} Change */
/** @typedef {import('./pkg/tthc_analytics.js').UnitChange} UnitChange */
/** @typedef {import('./pkg/tthc_analytics.js').PeriodComparison} PeriodComparison */
/** @typedef {import('./pkg/tthc_analytics.js').AnalyzerOptions} AnalyzerOptions */
/** @typedef {import('./pkg/tthc_analytics.js').IndexReport} IndexReport */
/** @typedef {import('./pkg/tthc_analytics.js').EntityScore} EntityScore */
/** @typedef {import('./pkg/tthc_analytics.js').IndexOptions} IndexOptions */
/** @typedef {import('./pkg/tthc_analytics.js').ManualEntry} ManualEntry */
/** @typedef {import('./pkg/tthc_analytics.js').MappingPreset} MappingPreset */
/** @typedef {import('./pkg/tthc_analytics.js').SampleFile} SampleFile */

/**
 * Page → worker: a dossier run through `Analyzer` (files, or the built-in sample when `files` is
 * null) …
 * @typedef {object} RunJob
 * @property {'run'} type
 * @property {number} id
 * @property {File[] | null} files
 * @property {{ rows: number } | null} sample
 * @property {AnalyzerOptions} options
 * @property {number} [workers]  workers reading a large file at once (default: one per core,
 *   `navigator.hardwareConcurrency`); 1 = the dossier worker alone
 */

/**
 * Dossier worker (worker.js) → part worker (part-worker.js): read the byte range [start, end) of
 * `file` (`last`: it runs to the end of the file) into a part for `Analyzer.absorbPart`.
 * @typedef {{ type: 'part', id: number, file: File, start: number, end: number, last: boolean,
 *   options: AnalyzerOptions }} PartJob
 */

/**
 * Part worker → dossier worker: bytes read so far, then the part (null: the range is read by the
 * dossier worker itself).
 * @typedef {{ type: 'part-progress', id: number, bytes: number, rows: number }
 *   | { type: 'part-done', id: number, bytes: Uint8Array | null, ms: number, takeMs: number }} PartMsg
 */

/**
 * … or an index run through `IndexBuilder`, with the last dossier Report when there is one.
 * @typedef {object} IndexJob
 * @property {'index'} type
 * @property {number} id
 * @property {File[]} files
 * @property {boolean} sample  add the built-in index sample (its files are sent back)
 * @property {Report | null} report
 * @property {IndexOptions} options
 * @property {ManualEntry[]} manual
 */

/** @typedef {RunJob | IndexJob} Job */

/** @typedef {{ type: 'ready', version: string, methodologies: string[] }} ReadyMsg */
/** @typedef {{ type: 'init-error', message: string }} InitErrorMsg */

/**
 * @typedef {object} ProgressMsg
 * @property {'progress'} type
 * @property {number} id
 * @property {number} bytesDone
 * @property {number | null} bytesTotal  null when unknown (the sample)
 * @property {number} rows
 * @property {number} [rowsTotal]  the sample's row count
 * @property {number} fileIndex
 * @property {number} fileCount
 * @property {string} fileName
 */

/**
 * @typedef {object} DoneMsg
 * @property {'done'} type
 * @property {number} id
 * @property {string} reportJson  the Report as JSON text (`JSON.parse` → Report): parsed once, on
 *   the page, instead of parsed in the worker and cloned as an object graph
 * @property {number} analysisMs  time inside the wasm calls
 * @property {number} readWaitMs  time waiting for file reads
 * @property {number} workerMs
 * @property {number} bytes
 * @property {number} workers  workers that read the largest file (1: the dossier worker alone)
 * @property {number} partWaitMs  time the dossier worker waited for part workers
 * @property {number} ownMs  time the dossier worker took for its own range (0: not cut)
 * @property {number} partMs  the slowest part worker's time, from its job to its part sent
 * @property {number} takeMs  … of which making the part's bytes
 * @property {number} absorbMs  time the dossier worker took to absorb the parts
 * @property {number} finishMs  time of `finish` (duplicates, the Report built and handed over)
 */

/**
 * @typedef {object} IndexDoneMsg
 * @property {'index-done'} type
 * @property {number} id
 * @property {IndexReport} report
 * @property {string[]} kinds  the kind recognised for each file
 * @property {SampleFile[] | null} sampleFiles
 * @property {number} ms
 */

/**
 * A job failed: `message` is the core's (Vietnamese); `fatal`: the wasm instance trapped (the page
 * restarts the worker); `crash`: what the trap was, when known — a Rust panic (`message` is the
 * panic's text, shown as «Lỗi nội bộ: …») or memory exhausted (`oom`, «Hết bộ nhớ…»).
 * @typedef {{ type: 'error', id: number, message: string, fatal: boolean, crash: Crash }} ErrorMsg
 */

/** @typedef {'panic' | 'oom' | null} Crash */

/**
 * Test hook, sent only by the e2e test (from the worker's own scope, with id 0): makes the wasm
 * instance trap on purpose (`debugPanic`: a panic, or `what` = 'oom' an allocation failure), to
 * check «Lỗi nội bộ: …» / «Hết bộ nhớ…» and the recovery. The page never sends it.
 * @typedef {{ type: 'debug-panic', id: number, what: string }} DebugPanic
 */

/** @typedef {ReadyMsg | InitErrorMsg | ProgressMsg | DoneMsg | IndexDoneMsg | ErrorMsg} WorkerMsg */

/**
 * Starter → a worker whose name says `posted` (lib/wasm.js, lib/worker-shared.js `startWorker`),
 * first: the analysis module the page compiled once (null: the worker loads its own).
 * @typedef {{ type: 'wasm', module: WebAssembly.Module | null }} WasmMsg
 */

/**
 * Page (lib/export.js) → export worker (export-worker.js): a workbook of the dossier Report and,
 * when computed, the IndexReport (both as JSON text); form 06 / II.06a of the dossier Report
 * (workbook or CSV); a workbook of the IndexReport alone; the summary file of the dossier Report
 * («Xuất tóm tắt», labelled with a province's name); or the rows of a table as CSV.
 * @typedef {{ id: number, kind: 'xlsx', report: string, index: string | null }
 *   | { id: number, kind: 'form06', report: string, variant: '06' | 'II.06a', csv: boolean }
 *   | { id: number, kind: 'index-xlsx', index: string }
 *   | { id: number, kind: 'summary', report: string, label: string }
 *   | { id: number, kind: 'csv', rows: string[][], semicolon: boolean }} ExportJob
 */

/**
 * Export worker → page: the file's bytes, or the core's message (`fatal`: the wasm instance
 * trapped; the page starts a new worker for the next export).
 * @typedef {{ id: number, bytes: Uint8Array, error?: undefined, fatal?: undefined }
 *   | { id: number, bytes?: undefined, error: string, fatal: boolean }} ExportReply
 */

/**
 * What the starter tells a module worker through the worker's `name` (JSON; lib/wasm.js, and a
 * worker to its part workers): where the wasm modules are (a file name in www/pkg → URL; one not
 * listed: next to its glue), where the part worker is (absent: next to the worker), and `posted`:
 * the compiled analysis module comes as the first message (`WasmMsg`). Another name: defaults.
 * @typedef {{ wasm: Record<string, string>, partWorker?: string, posted?: boolean }} WorkerConfig
 */

export {};
