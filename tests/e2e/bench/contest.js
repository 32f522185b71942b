// The side-by-side benchmark, page side (tests/e2e/contest.mjs drives it, one step at a time).
// Every contestant gets the same `File` (made here from the served CSV, untimed) and answers the
// same question for one calendar year, under the default counting convention (`mac-dinh`, see
// README.md «Classification rules»):
//   per level (province / district / commune) and per unit: resolved, on_time, late
// Each answer is normalised to { levels: {level: [resolved, on_time, late]}, units: {name: [...]} }
// (units with three zeros left out) so that the driver can check them equal before timing counts.
//
//   ours     File → full Report through the page's own worker (www/worker.js via ours-worker.js):
//            cold = a new worker (wasm fetch, compile, start-up, warm-up) + the run; warm = the run
//            on a started worker. The Report holds far more than the three counts.
//   duckdb   DuckDB-Wasm (eh bundle, its own worker): start-up (worker + instantiate + connect)
//            timed apart from load + query (register the File, one scan of read_csv with
//            GROUPING SETS).
//   arquero  Arquero: the File's text (File.text()), parsed (fromCSV), derive, group by, roll up.
//   floor    the File read in slices (File.stream()), counting newlines: no contestant can read
//            the file faster than this.

import * as duckdb from '/__bench/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';

const DUCK = '/__bench/node_modules/@duckdb/duckdb-wasm/dist';
/** @type {File | null} */
let FILE = null;

// The CSV's header names (the sample's, NFC) and its title block: 4 lines before the header.
const COL = {
  unit: 'Cơ quan giải quyết',
  due: 'Ngày hẹn trả',
  finished: 'Ngày có kết quả',
  returned: 'Ngày trả kết quả',
  status: 'Trạng thái',
};
const SKIP = 4;

const now = () => performance.now();

/** @param {string} url @param {string} name */
async function load(url, name) {
  const blob = await (await fetch(url)).blob();
  FILE = new File([blob], name, { type: 'text/csv' });
  return { size: FILE.size, crossOriginIsolated: self.crossOriginIsolated };
}

/** The file set in the page's file input (huge.mjs: a file too large to fetch into a Blob). */
function picked() {
  const input = /** @type {HTMLInputElement} */ (document.getElementById('file'));
  const f = input.files?.[0];
  if (!f) throw new Error('no file in the input');
  FILE = f;
  return { size: FILE.size, crossOriginIsolated: self.crossOriginIsolated };
}

/** The floor: the File in slices, counting newlines. */
async function floor() {
  const t0 = now();
  const reader = FILE.stream().getReader();
  let lines = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
  }
  return { ms: now() - t0, lines, chunks };
}

// ---- ours ---------------------------------------------------------------------------------

/** @param {any} report */
function fromReport(report) {
  const levels = {};
  for (const l of report.levels) levels[l.level] = [l.resolved, l.on_time, l.late];
  const units = {};
  for (const u of report.units) {
    if (u.resolved || u.on_time || u.late) units[u.name] = [u.resolved, u.on_time, u.late];
  }
  return { levels, units };
}

/** A started worker of the page's, and the time it took to say «ready». */
function startOurs() {
  const t0 = now();
  const w = new Worker('/__bench/bench/ours-worker.js', { type: 'module' });
  return new Promise((ok, fail) => {
    w.onerror = (e) => fail(new Error(`ours worker: ${e.message}`));
    w.onmessage = (ev) => {
      if (ev.data.type === 'ready') ok({ w, startupMs: now() - t0 });
      else if (ev.data.type === 'init-error') fail(new Error(`ours: ${ev.data.message}`));
    };
  });
}

let runId = 0;
/**
 * One run on a started worker: post the job, wait for `done`. `workers`: how many read a large
 * file at once (undefined: the page's choice, one per core).
 * @param {Worker} w @param {number} year @param {number} [workers]
 */
function runOurs(w, year, workers) {
  const id = ++runId;
  const t0 = now();
  return new Promise((ok, fail) => {
    w.onmessage = (ev) => {
      const m = ev.data;
      if (m.id !== id) return;
      if (m.type === 'done') {
        // the page's own step: the Report's JSON text parsed on this thread (timed: it is in `ms`)
        m.report = JSON.parse(m.reportJson);
        ok({
          ms: now() - t0, analysisMs: m.analysisMs, readWaitMs: m.readWaitMs, workerMs: m.workerMs,
          wasmBytes: m.wasmBytes, rows: m.report.rows.counted, result: fromReport(m.report),
          accounting: m.report.rows, fileErrors: m.report.files.map((/** @type {any} */ f) => f.error ?? null),
          workers: m.workers, partWaitMs: m.partWaitMs, finishMs: m.finishMs, ownMs: m.ownMs,
          partMs: m.partMs, takeMs: m.takeMs, absorbMs: m.absorbMs,
        });
      } else if (m.type === 'error') fail(new Error(`ours: ${m.message}`));
    };
    w.postMessage({ type: 'run', id, files: [FILE], sample: null, options: { year }, workers });
  });
}

/** @type {Worker | null} */
let warmWorker = null;
const ours = {
  /** A new worker: start-up + one run, then it is stopped. @param {number} year */
  async cold(year) {
    const { w, startupMs } = await startOurs();
    try {
      const r = await runOurs(w, year);
      return { ...r, startupMs, ms: startupMs + r.ms };
    } finally {
      w.terminate();
    }
  },
  /** A run on the started worker (started on first use, untimed). @param {number} year */
  async warm(year) {
    if (!warmWorker) warmWorker = (await startOurs()).w;
    return runOurs(warmWorker, year);
  },
  /** The same, the file read by the dossier worker alone (no part workers). @param {number} year */
  async warm1(year) {
    if (!warmWorker) warmWorker = (await startOurs()).w;
    return runOurs(warmWorker, year, 1);
  },
};

// ---- DuckDB-Wasm --------------------------------------------------------------------------

async function duckStart() {
  const t0 = now();
  const worker = new Worker(`${DUCK}/duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${DUCK}/duckdb-eh.wasm`, null);
  const conn = await db.connect();
  return { db, conn, worker, ms: now() - t0 };
}

const lit = (s) => `'${s.replace(/'/g, "''")}'`;

// The query, shared with the native DuckDB contestant (scripts/bench-native-duckdb.py): one scan
// of the CSV, GROUPING SETS (level), (level, unit); {{file}} and {{year}} filled in here.
const SQL = await (await fetch(new URL('./contest.sql', import.meta.url))).text();
if (!SQL.includes('{{file}}') || !SQL.includes('{{year}}')) throw new Error('contest.sql: placeholders {{file}} and {{year}} missing');

/** The query for one file and year. @param {string} file @param {number} year */
function duckSql(file, year) {
  if (!Number.isInteger(year)) throw new Error(`year ${year}: an integer is needed`);
  return SQL.replaceAll('{{file}}', lit(file)).replaceAll('{{year}}', String(year));
}

/** @type {Awaited<ReturnType<typeof duckStart>> | null} */
let duckLive = null;
const duck = {
  /** A fresh instance, timed, then stopped. */
  async startup() {
    const s = await duckStart();
    const ms = s.ms;
    await s.conn.close();
    await s.db.terminate();
    return { ms };
  },
  /** Load + query on the live instance (started on first use, untimed). @param {number} year */
  async query(year) {
    if (!duckLive) duckLive = await duckStart();
    const { db, conn } = duckLive;
    const name = `bench-${++runId}.csv`;
    const t0 = now();
    await db.registerFileHandle(name, FILE, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const res = await conn.query(duckSql(name, year));
    const ms = now() - t0;
    await db.dropFile(name);
    const levels = {};
    const units = {};
    for (const r of res.toArray()) {
      const v = [Number(r.resolved), Number(r.on_time), Number(r.late)];
      if (Number(r.g) === 1) levels[r.level] = v;
      else if (v.some((x) => x)) units[r.unit] = v;
    }
    return { ms, result: { levels, units }, version: await db.getVersion() };
  },
  sql: (year) => duckSql('FILE.csv', year),
  /** Time one SQL text on the live instance, FILE registered as 'f.csv' (for exploring). @param {string} sql */
  async raw(sql) {
    if (!duckLive) duckLive = await duckStart();
    const t0 = now();
    await duckLive.db.registerFileHandle('f.csv', FILE, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const res = await duckLive.conn.query(sql);
    const ms = now() - t0;
    await duckLive.db.dropFile('f.csv');
    return { ms, rows: res.numRows, first: JSON.stringify(res.toArray()[0] ?? null, (k, v) => (typeof v === 'bigint' ? Number(v) : v)) };
  },
};

// ---- Arquero ------------------------------------------------------------------------------

/** dd/mm/yyyy… → yyyymmdd (a calendar day as a comparable string), or null. @param {string | null} s */
const dayKey = (s) => (s && s.length >= 10 ? s.slice(6, 10) + s.slice(3, 5) + s.slice(0, 2) : null);
const EXCLUDED = /không được tiếp nhận|không tiếp nhận|từ chối|mới đăng ký|chờ tiếp nhận|rút|trả lại|dừng xử lý/;
const DISTRICT = /^(ubnd|ủy ban nhân dân) (huyện|thị xã|thành phố|quận)/;
const COMMUNE = /^(ubnd|ủy ban nhân dân) (xã|phường|thị trấn|đặc khu)/;

async function arqueroRun(year) {
  // @ts-ignore: the UMD global
  const aq = self.aq;
  const t0 = now();
  // fromCSV on the whole text: Arquero 8.0.3's fromCSVStream splits quoted fields that straddle
  // two stream chunks (rows with a quoted comma came out shifted), so it is not used.
  const t = aq.fromCSV(await FILE.text(), { skip: SKIP, autoType: false });
  const parseMs = now() - t0;
  const from = `${year}0101`;
  const to = `${year}1231`;
  // 0: not resolved in the year; 1: on time; 2: late
  const outcome = aq.escape((d) => {
    const st = (d[COL.status] ?? '').toLowerCase();
    if (st === '1' || st === '3' || st === '7' || st === '8' || EXCLUDED.test(st)) return 0;
    const fin = dayKey(d[COL.finished] || null) ?? dayKey(d[COL.returned] || null);
    if (fin === null || fin < from || fin > to) return 0;
    const due = dayKey(d[COL.due] || null);
    return due !== null && fin > due ? 2 : 1;
  });
  const level = aq.escape((d) => {
    const u = (d[COL.unit] ?? '').toLowerCase();
    return DISTRICT.test(u) ? 'district' : COMMUNE.test(u) ? 'commune' : 'province';
  });
  const units = t
    .derive({ o: outcome })
    .filter((d) => d.o > 0)
    .derive({ level, ot: (d) => (d.o === 1 ? 1 : 0), lt: (d) => (d.o === 2 ? 1 : 0) })
    .groupby('level', COL.unit)
    .rollup({ resolved: aq.op.count(), on_time: aq.op.sum('ot'), late: aq.op.sum('lt') });
  const levels = units.groupby('level').rollup({ resolved: aq.op.sum('resolved'), on_time: aq.op.sum('on_time'), late: aq.op.sum('late') });
  const ms = now() - t0;
  const out = { levels: {}, units: {} };
  for (const r of levels.objects()) out.levels[r.level] = [r.resolved, r.on_time, r.late];
  for (const r of units.objects()) out.units[r[COL.unit]] = [r.resolved, r.on_time, r.late];
  return { ms, parseMs, rows: t.numRows(), result: out };
}

// ---- memory -------------------------------------------------------------------------------

/** performance.measureUserAgentSpecificMemory, by context (page / our worker / DuckDB's worker). */
async function uaMemory() {
  // @ts-ignore: not in every lib.dom
  const f = performance.measureUserAgentSpecificMemory;
  if (!self.crossOriginIsolated || typeof f !== 'function') {
    return { available: false, why: !self.crossOriginIsolated ? 'page not cross-origin isolated' : 'API missing' };
  }
  // @ts-ignore
  const m = await performance.measureUserAgentSpecificMemory();
  const by = { page: 0, ours: 0, duckdb: 0, other: 0 };
  const entries = [];
  for (const b of m.breakdown) {
    if (b.bytes) entries.push({ bytes: b.bytes, types: b.types, attribution: b.attribution });
    const urls = (b.attribution ?? []).map((a) => `${a.url ?? ''} ${a.scope ?? ''}`).join(' ');
    const k = urls.includes('ours-worker') ? 'ours' : urls.includes('duckdb') ? 'duckdb' : urls.includes('Window') ? 'page' : 'other';
    by[k] += b.bytes;
  }
  return { available: true, bytes: m.bytes, by, entries };
}

// @ts-ignore
self.bench = { load, picked, floor, ours, duck, arquero: { run: arqueroRun }, uaMemory };
document.getElementById('status').textContent = 'ready';
// @ts-ignore
self.benchReady = true;
