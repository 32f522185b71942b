// @ts-check
// Types only (JSDoc): the core's values as the page sees them, and the messages between the page
// (run.js) and the worker (worker.js). Nothing here runs.

/** @typedef {any} Report */
/** @typedef {any} IndexReport */
/** @typedef {any} AnalyzerOptions */
/** @typedef {any} IndexOptions */
/** @typedef {any} ManualEntry */

/** @typedef {{ name: string, bytes: Uint8Array }} SampleFile */

/**
 * Page → worker: a dossier run through `Analyzer` (files, or the built-in sample when `files` is
 * null) …
 * @typedef {object} RunJob
 * @property {'run'} type
 * @property {number} id
 * @property {File[] | null} files
 * @property {{ rows: number } | null} sample
 * @property {AnalyzerOptions} options
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
 * @property {Report} report
 * @property {number} analysisMs  time inside the wasm calls
 * @property {number} readWaitMs  time waiting for file reads
 * @property {number} workerMs
 * @property {number} bytes
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

/** @typedef {{ type: 'error', id: number, message: string, fatal: boolean }} ErrorMsg */

/** @typedef {ReadyMsg | InitErrorMsg | ProgressMsg | DoneMsg | IndexDoneMsg | ErrorMsg} WorkerMsg */

export {};
