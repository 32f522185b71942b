//! Ingest: bytes of one or more files in, canonical dossiers plus row-level problems out.
//!
//! The streaming contract: `Analyzer::new(options)`, then per file `begin_file(name)`,
//! `push(chunk)` any number of times with chunk boundaries anywhere, `end_file()`; then
//! `finish() -> Report`. The worker, the CLI and the tests all drive exactly this. Ingest never
//! aborts on a bad row: every record is counted, rejected with a reason, a duplicate, or ignored.

use crate::basics::problem::Code;
use crate::basics::text::{fold, nfc};
use crate::basics::time::DayRange;
use crate::basics::time::{day_of, days_from_civil, Minutes};
use crate::dossier::fields::{is_header, recognise, Field, Mapping, FIELD_COUNT};
use crate::dossier::model::{
    Channel, Dossier, Level, Rating, Status, FLAG_DIGITIZED, FLAG_PAID_ONLINE,
};
use crate::dossier::report::{FileInfo, MappingEntry, Problem, Report, RowCounts};
use crate::dossier::values;
use crate::table::cells;
use crate::table::columns::find_column;
use crate::table::decode::{sniff_delimiter, Decode};
use rustc_hash::{FxHashMap, FxHasher};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::hash::Hasher;
use ts_rs::TS;

/// What the caller may set; every field is optional. Deserialised from the page's options object
/// and built by the CLI.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "AnalyzerOptions", optional_fields)]
pub struct Options {
    /// A calendar year as the period (a number, or the text the user typed).
    #[serde(default, deserialize_with = "crate::table::cells::typed::whole")]
    #[ts(optional, type = "number | string")]
    pub year: Option<i32>,
    /// An explicit period, `dd/mm/yyyy` or `yyyy-mm-dd`, both ends inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Two-tier local government (tỉnh, xã); `None` = from the period (on or after 1/7/2025).
    pub two_tier: Option<bool>,
    /// Canonical field key → the column to use: its header text, or its 0-based index
    /// ("" = do not use the field).
    #[serde(default)]
    #[ts(as = "Option<BTreeMap<String, Column>>", optional)]
    pub mapping: BTreeMap<String, Column>,
    /// How many problems the report lists (the total is always kept). Default 1000.
    pub max_problems: Option<usize>,
}

/// A column named by its header text or by its 0-based position.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(untagged)]
pub enum Column {
    Index(usize),
    Header(String),
}

/// Options checked once, up front.
#[derive(Clone, Debug)]
struct Settings {
    period: Option<DayRange>,
    two_tier: Option<bool>,
    overrides: Vec<(Field, Column)>,
    max_problems: usize,
}

fn parse_day(s: &str, what: &str) -> Result<i32, String> {
    cells::parse_date(s.trim().as_bytes())
        .map(day_of)
        .map_err(|_| format!("{what} «{s}» không hợp lệ (cần dd/mm/yyyy hoặc yyyy-mm-dd)"))
}

impl Options {
    fn check(&self) -> Result<Settings, String> {
        let period = match (self.year, &self.from, &self.to) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err("Chọn năm hoặc khoảng ngày, không chọn cả hai".into())
            }
            (Some(y), None, None) => {
                if !(1900..=2100).contains(&y) {
                    return Err(format!("Năm {y} không hợp lệ"));
                }
                Some(DayRange {
                    from: days_from_civil(y, 1, 1),
                    to: days_from_civil(y, 12, 31),
                })
            }
            (None, Some(f), Some(t)) => {
                let p = DayRange {
                    from: parse_day(f, "Từ ngày")?,
                    to: parse_day(t, "Đến ngày")?,
                };
                if p.from > p.to {
                    return Err("«Từ ngày» phải trước hoặc bằng «Đến ngày»".into());
                }
                Some(p)
            }
            (None, Some(_), None) | (None, None, Some(_)) => {
                return Err("Cần cả «Từ ngày» và «Đến ngày»".into())
            }
            (None, None, None) => None,
        };
        let mut overrides = Vec::new();
        for (k, v) in &self.mapping {
            let f = Field::from_key(k).ok_or_else(|| format!("Trường «{k}» không tồn tại"))?;
            overrides.push((f, v.clone()));
        }
        Ok(Settings {
            period,
            two_tier: self.two_tier,
            overrides,
            max_problems: self.max_problems.unwrap_or(1000),
        })
    }
}

/// Interned strings: raw bytes → dense index; names kept in NFC.
#[derive(Default)]
pub(crate) struct Interner {
    map: FxHashMap<Box<[u8]>, u32>,
    pub names: Vec<String>,
}

impl Interner {
    fn get(&mut self, raw: &[u8]) -> (u32, bool) {
        if let Some(&i) = self.map.get(raw) {
            return (i, false);
        }
        let i = self.names.len() as u32;
        let s = String::from_utf8_lossy(raw);
        self.names.push(nfc(s.trim()).into_owned());
        self.map.insert(raw.into(), i);
        (i, true)
    }
}

/// Accepted dossiers and the string tables they point into.
#[derive(Default)]
pub(crate) struct Store {
    pub dossiers: Vec<Dossier>,
    id_bytes: Vec<u8>,
    id_ends: Vec<u32>,
    /// (hash of the id, dossier index), appended in order; duplicates are resolved once, in
    /// `dedup`, by sorting: sequential writes while streaming instead of a random-access set.
    id_hashes: Vec<(u64, u32)>,
    pub units: Interner,
    pub unit_levels: Vec<Level>,
    pub fields: Interner,
    pub procedures: Interner,
    pub procedure_names: Vec<String>,
}

impl Store {
    pub fn id(&self, i: u32) -> &str {
        if i == u32::MAX {
            return "";
        }
        let end = self.id_ends[i as usize] as usize;
        let start = if i == 0 {
            0
        } else {
            self.id_ends[i as usize - 1] as usize
        };
        std::str::from_utf8(&self.id_bytes[start..end]).unwrap_or("")
    }

    fn insert(&mut self, mut d: Dossier, id: Option<&[u8]>) {
        if let Some(id) = id {
            let mut h = FxHasher::default();
            h.write(id);
            match std::str::from_utf8(id) {
                Ok(_) => self.id_bytes.extend_from_slice(id),
                Err(_) => self
                    .id_bytes
                    .extend_from_slice(String::from_utf8_lossy(id).as_bytes()),
            }
            self.id_ends.push(self.id_bytes.len() as u32);
            d.id = self.id_ends.len() as u32 - 1;
            self.id_hashes
                .push((h.finish(), self.dossiers.len() as u32));
        } else {
            d.id = u32::MAX;
        }
        self.dossiers.push(d);
    }

    /// Keeps one dossier per id (over all files): the first, unless a later copy carries an end
    /// of processing the first lacks. Returns the file index of every dropped copy.
    fn dedup(&mut self) -> Vec<u16> {
        let mut hs = std::mem::take(&mut self.id_hashes);
        radix_sort(&mut hs);
        let mut drop = vec![false; self.dossiers.len()];
        let mut dropped_files = Vec::new();
        let mut i = 0;
        while i < hs.len() {
            let mut j = i + 1;
            while j < hs.len() && hs[j].0 == hs[i].0 {
                j += 1;
            }
            if j - i > 1 {
                // same hash: group by the exact id, keep one per group
                let run: Vec<u32> = hs[i..j].iter().map(|&(_, di)| di).collect();
                let mut done = vec![false; run.len()];
                for a in 0..run.len() {
                    if done[a] {
                        continue;
                    }
                    let id_a = self.id(self.dossiers[run[a] as usize].id).to_owned();
                    let group: Vec<usize> = (a..run.len())
                        .filter(|&b| !done[b] && self.id(self.dossiers[run[b] as usize].id) == id_a)
                        .collect();
                    let first = group[0];
                    let keep = if self.dossiers[run[first] as usize].finished.is_none() {
                        group
                            .iter()
                            .copied()
                            .find(|&b| self.dossiers[run[b] as usize].finished.is_some())
                            .unwrap_or(first)
                    } else {
                        first
                    };
                    for &b in &group {
                        done[b] = true;
                        if b != keep {
                            drop[run[b] as usize] = true;
                            dropped_files.push(self.dossiers[run[b] as usize].file);
                        }
                    }
                }
            }
            i = j;
        }
        if !dropped_files.is_empty() {
            let mut k = 0;
            self.dossiers.retain(|_| {
                k += 1;
                !drop[k - 1]
            });
        }
        dropped_files
    }
}

/// Sorts (hash, index) pairs by hash, stable (so equal hashes stay in index order): four LSD
/// passes of 16 bits, several times faster than a comparison sort on 10⁵–10⁶ ids.
fn radix_sort(v: &mut Vec<(u64, u32)>) {
    if v.len() < 1 << 12 {
        v.sort_unstable();
        return;
    }
    let mut buf = vec![(0u64, 0u32); v.len()];
    let mut counts = vec![0usize; 1 << 16];
    for shift in [0, 16, 32, 48] {
        counts.fill(0);
        for &(h, _) in v.iter() {
            counts[((h >> shift) & 0xFFFF) as usize] += 1;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for &x in v.iter() {
            let k = ((x.0 >> shift) & 0xFFFF) as usize;
            buf[counts[k]] = x;
            counts[k] += 1;
        }
        std::mem::swap(v, &mut buf);
    }
}

/// Parsed categorical values, cached by raw bytes (a column holds a handful of distinct values).
#[derive(Default)]
struct Caches {
    status: FxHashMap<Box<[u8]>, Result<Status, Code>>,
    channel: FxHashMap<Box<[u8]>, Result<Channel, Code>>,
    boolean: FxHashMap<Box<[u8]>, Result<bool, Code>>,
    level: FxHashMap<Box<[u8]>, Result<Level, Code>>,
    rating: FxHashMap<Box<[u8]>, Result<Rating, Code>>,
}

fn cached<T: Copy>(
    map: &mut FxHashMap<Box<[u8]>, Result<T, Code>>,
    raw: &[u8],
    parse: fn(&str) -> Result<T, Code>,
) -> Result<T, Code> {
    if let Some(r) = map.get(raw) {
        return *r;
    }
    let r = parse(&String::from_utf8_lossy(raw));
    map.insert(raw.into(), r);
    r
}

/// Rows searched for the header before the file is declared headerless.
const HEADER_SEARCH_ROWS: u64 = 100;
/// Decoded bytes gathered before the delimiter is sniffed.
const SNIFF_BYTES: usize = 64 * 1024;

struct Header {
    cells: Vec<String>,
    map: Mapping,
    /// Set when the file cannot be read further (missing required column): rows are rejected.
    fatal: Option<Code>,
}

/// Per-file ingest state.
struct FileState {
    index: usize,
    decode: Decode,
    scratch: Vec<u8>,
    sniff: Vec<u8>,
    rdr: Option<csv_core::Reader>,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    line: u64,
    cr_pending: bool,
    /// csv-core is inside a record (a quoted line, or a line cut by a chunk's end).
    core_has_record: bool,
    delimiter: u8,
    /// Field spans of the current record (reused).
    spans: Vec<(usize, usize)>,
    row: u64,
    header: Option<Header>,
    no_header: bool,
    rows: RowCounts,
}

/// The streaming analyzer. See the module docs for the contract.
pub struct Analyzer {
    settings: Settings,
    pub(crate) store: Store,
    caches: Caches,
    pub(crate) problems: Vec<Problem>,
    pub(crate) problems_total: u64,
    /// Problem counts by code, in the order of the codes' strings.
    pub(crate) reasons: BTreeMap<&'static str, (Code, u64)>,
    pub(crate) files: Vec<FileInfo>,
    cur: Option<FileState>,
}

impl Analyzer {
    pub fn new(options: Options) -> Result<Analyzer, String> {
        Ok(Analyzer {
            settings: options.check()?,
            store: Store::default(),
            caches: Caches::default(),
            problems: Vec::new(),
            problems_total: 0,
            reasons: BTreeMap::new(),
            files: Vec::new(),
            cur: None,
        })
    }

    pub fn begin_file(&mut self, name: &str) {
        if self.cur.is_some() {
            self.end_file();
        }
        let index = self.files.len();
        self.files.push(FileInfo {
            name: name.to_string(),
            format: "csv".into(),
            encoding: String::new(),
            delimiter: String::new(),
            bytes: 0,
            header_row: None,
            headers: Vec::new(),
            mapping: Vec::new(),
            rows: RowCounts::default(),
            error: None,
            warnings: Vec::new(),
        });
        self.cur = Some(FileState {
            index,
            decode: Decode::new(),
            scratch: Vec::new(),
            sniff: Vec::new(),
            rdr: None,
            out: vec![0; 64 * 1024],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            line: 0,
            cr_pending: false,
            core_has_record: false,
            delimiter: b',',
            spans: Vec::new(),
            row: 0,
            header: None,
            no_header: false,
            rows: RowCounts::default(),
        });
    }

    /// Feeds the next bytes of the current file (a file named «dữ liệu» is begun if none is).
    pub fn push(&mut self, chunk: &[u8]) {
        if self.cur.is_none() {
            self.begin_file("dữ liệu");
        }
        self.feed(chunk, false);
    }

    pub fn end_file(&mut self) {
        if self.cur.is_none() {
            return;
        }
        self.feed(&[], true);
        let fs = self.cur.take().expect("checked");
        let info = &mut self.files[fs.index];
        info.rows = fs.rows;
        if fs.header.is_none() && fs.rows.read > fs.rows.ignored_blank {
            info.error = Some(format!(
                "{}: không có dòng nào có ít nhất 3 cột nhận ra được (Mã hồ sơ, Ngày tiếp nhận, Ngày hẹn trả…)",
                Code::NoHeader.vi()
            ));
        } else if fs.rows.read == 0 {
            info.error = Some("Tệp rỗng".into());
        }
    }

    /// Records read so far, over all files (for progress).
    pub fn rows_read(&self) -> u64 {
        self.files.iter().map(|f| f.rows.read).sum::<u64>()
            + self.cur.as_ref().map_or(0, |f| f.rows.read)
    }

    /// Ends the last file and builds the Report.
    pub fn finish(mut self) -> Report {
        self.end_file();
        for f in self.store.dedup() {
            let rows = &mut self.files[f as usize].rows;
            rows.counted -= 1;
            rows.duplicates += 1;
        }
        crate::dossier::build::build_report(self)
    }

    pub(crate) fn period(&self) -> Option<DayRange> {
        self.settings.period
    }

    pub(crate) fn two_tier(&self) -> Option<bool> {
        self.settings.two_tier
    }

    fn feed(&mut self, chunk: &[u8], last: bool) {
        let Some(mut fs) = self.cur.take() else {
            return;
        };
        self.files[fs.index].bytes += chunk.len() as u64;
        if matches!(fs.decode, Decode::Utf8) {
            self.feed_text(&mut fs, chunk, last);
        } else {
            let mut decoded: Vec<u8> = Vec::new();
            let mut scratch = std::mem::take(&mut fs.scratch);
            let enc = fs.decode.push(chunk, last, &mut scratch, &mut |b| {
                decoded.extend_from_slice(b)
            });
            fs.scratch = scratch;
            if let Some(e) = enc {
                self.files[fs.index].encoding = e.into();
            }
            self.feed_text(&mut fs, &decoded, last);
        }
        self.cur = Some(fs);
    }

    fn feed_text(&mut self, fs: &mut FileState, text: &[u8], last: bool) {
        if fs.rdr.is_none() {
            fs.sniff.extend_from_slice(text);
            if fs.sniff.len() < SNIFF_BYTES && !last {
                return;
            }
            let d = sniff_delimiter(&fs.sniff);
            let info = &mut self.files[fs.index];
            info.delimiter = (d as char).to_string();
            if std::str::from_utf8(&fs.sniff[..fs.sniff.len().min(SNIFF_BYTES - 4)]).is_err()
                && info.encoding == "utf-8"
            {
                info.warnings.push(
                    "Tệp không phải UTF-8 hợp lệ: các bảng mã cũ (Windows-1258, TCVN3, VNI) chưa được hỗ trợ, chữ có dấu có thể sai".into(),
                );
            }
            fs.delimiter = d;
            let rdr = csv_core::ReaderBuilder::new().delimiter(d).build();
            fs.line = rdr.line();
            fs.rdr = Some(rdr);
            let buffered = std::mem::take(&mut fs.sniff);
            self.run_csv(fs, &buffered, false);
            if last {
                self.run_csv(fs, &[], true);
            }
            return;
        }
        self.run_csv(fs, text, false);
        if last {
            self.run_csv(fs, &[], true);
        }
    }

    /// Splits decoded text into records. Complete lines without a quote take a fast path (split
    /// on the delimiter in place, no copy); a line with a quote, or a line cut by the chunk's
    /// end, goes through csv-core until that record ends, which handles quoting, embedded
    /// newlines and records spanning chunks.
    fn run_csv(&mut self, fs: &mut FileState, mut input: &[u8], eof: bool) {
        use csv_core::ReadRecordResult::*;
        loop {
            if !fs.core_has_record {
                if fs.cr_pending && !input.is_empty() {
                    // the `\n` of a `\r\n` that ended csv-core's last record
                    if input[0] == b'\n' {
                        input = &input[1..];
                    }
                    fs.cr_pending = false;
                }
                let delim = fs.delimiter;
                let mut spans = std::mem::take(&mut fs.spans);
                while let Some(nl) = memchr::memchr(b'\n', input) {
                    let mut line = &input[..nl];
                    if let [rest @ .., b'\r'] = line {
                        line = rest;
                    }
                    if !split_line(line, delim, &mut spans) {
                        break; // an embedded newline or an escaped quote: csv-core's job
                    }
                    input = &input[nl + 1..];
                    if line.is_empty() {
                        self.skip_blank_lines(fs, 1);
                        continue;
                    }
                    let rec = Rec {
                        buf: line,
                        spans: &spans,
                    };
                    self.record(fs, &rec);
                }
                fs.spans = spans;
                if input.is_empty() && !eof {
                    return;
                }
                fs.core_has_record = true;
            }
            // csv-core reads an empty input as end of file: only give it one at the real end.
            if input.is_empty() && !eof {
                return;
            }
            let rdr = fs.rdr.as_mut().expect("reader exists");
            let (res, nin, nout, nend) = rdr.read_record(
                input,
                &mut fs.out[fs.out_len..],
                &mut fs.ends[fs.ends_len..],
            );
            let last_byte = if nin > 0 { input[nin - 1] } else { 0 };
            input = &input[nin..];
            fs.out_len += nout;
            fs.ends_len += nend;
            match res {
                InputEmpty => {
                    // At end of file the input is empty and csv-core reports Record or End.
                    if !eof {
                        return;
                    }
                }
                OutputFull => {
                    let n = fs.out.len() * 2;
                    fs.out.resize(n, 0);
                }
                OutputEndsFull => {
                    let n = fs.ends.len() * 2;
                    fs.ends.resize(n, 0);
                }
                Record => {
                    fs.core_has_record = false;
                    // Spreadsheet row numbers: csv-core skips empty lines silently, so count
                    // them from its line counter. A record ended by `\r` has its `\n` counted
                    // on the next call; a record ended by `\n` has it counted now.
                    let line_now = rdr.line();
                    let delta = line_now - fs.line;
                    fs.line = line_now;
                    let own = u64::from(last_byte == b'\n');
                    let lag = u64::from(std::mem::replace(&mut fs.cr_pending, last_byte == b'\r'));
                    let embedded = if delta > own + lag {
                        fs.out[..fs.out_len].iter().filter(|&&c| c == b'\n').count() as u64
                    } else {
                        0
                    };
                    let blanks = delta.saturating_sub(embedded + own + lag);
                    self.skip_blank_lines(fs, blanks);
                    let out = std::mem::take(&mut fs.out);
                    let mut spans = std::mem::take(&mut fs.spans);
                    spans.clear();
                    let mut start = 0;
                    for &e in &fs.ends[..fs.ends_len] {
                        spans.push((start, e));
                        start = e;
                    }
                    let rec = Rec {
                        buf: &out[..fs.out_len],
                        spans: &spans,
                    };
                    self.record(fs, &rec);
                    fs.out = out;
                    fs.spans = spans;
                    fs.out_len = 0;
                    fs.ends_len = 0;
                }
                End => {
                    fs.core_has_record = false;
                    let line_now = rdr.line();
                    // trailing empty lines after the last record
                    let lag = u64::from(std::mem::take(&mut fs.cr_pending));
                    let blanks = line_now.saturating_sub(fs.line + lag);
                    fs.line = line_now;
                    self.skip_blank_lines(fs, blanks);
                    return;
                }
            }
        }
    }

    fn skip_blank_lines(&mut self, fs: &mut FileState, n: u64) {
        fs.row += n;
        fs.rows.read += n;
        fs.rows.ignored += n;
        fs.rows.ignored_blank += n;
    }

    fn problem(
        &mut self,
        file: usize,
        row: u64,
        field: Option<Field>,
        column: &str,
        value: &[u8],
        code: Code,
    ) {
        self.problems_total += 1;
        self.reasons.entry(code.as_str()).or_insert((code, 0)).1 += 1;
        if self.problems.len() < self.settings.max_problems {
            let mut v = String::from_utf8_lossy(value).into_owned();
            if v.chars().count() > 200 {
                v = v.chars().take(200).collect::<String>() + "…";
            }
            self.problems.push(Problem {
                file: self.files[file].name.clone(),
                row,
                column: column.to_string(),
                field: field.map(|f| f.key().to_string()),
                value: v,
                code,
                reason: code.vi().into(),
            });
        }
    }

    fn record(&mut self, fs: &mut FileState, rec: &Rec) {
        fs.row += 1;
        fs.rows.read += 1;
        if rec.is_blank() {
            fs.rows.ignored += 1;
            fs.rows.ignored_blank += 1;
            return;
        }
        if fs.header.is_none() {
            self.seek_header(fs, rec);
            return;
        }
        let h = fs.header.as_ref().expect("checked");
        if let Some(code) = h.fatal {
            fs.rows.rejected += 1;
            self.problem(fs.index, fs.row, None, "", b"", code);
            return;
        }
        let map = h.map;
        let cell = |f: Field| map[f as usize].map_or(&b""[..], |c| rec.get(c));
        // a header repeated on every printed page
        if let Some(c) = map[Field::Received as usize] {
            if rec.get(c) == h.cells[c].trim().as_bytes() {
                fs.rows.ignored += 1;
                fs.rows.ignored_header += 1;
                return;
            }
        }
        let id = cell(Field::Id);
        if cell(Field::Received).is_empty() && rec.is_total() {
            fs.rows.ignored += 1;
            fs.rows.ignored_total += 1;
            return;
        }
        let row = fs.row;
        let mut errors: [(Field, Code); 8] = [(Field::Id, Code::BadDate); 8];
        let mut ne = 0;
        let mut err = |f: Field, code: Code| {
            if ne < errors.len() {
                errors[ne] = (f, code);
                ne += 1;
            }
        };
        let mut date = |f: Field| -> Option<Minutes> {
            let v = cell(f);
            if v.is_empty() {
                return None;
            }
            match cells::parse_date(v) {
                Ok(m) => Some(m),
                Err(code) => {
                    err(f, code);
                    None
                }
            }
        };
        let received = date(Field::Received);
        let due = date(Field::Due);
        let finished = date(Field::Finished);
        let returned = date(Field::Returned);
        let c = &mut self.caches;
        let status = match cell(Field::Status) {
            b"" => None,
            v => cached(&mut c.status, v, values::parse_status)
                .map_err(|e| err(Field::Status, e))
                .ok(),
        };
        let channel = cached(&mut c.channel, cell(Field::Channel), values::parse_channel)
            .unwrap_or_else(|e| {
                err(Field::Channel, e);
                Channel::Direct
            });
        let mut flags = 0;
        for (f, bit) in [
            (Field::PaidOnline, FLAG_PAID_ONLINE),
            (Field::Digitized, FLAG_DIGITIZED),
        ] {
            match cached(&mut c.boolean, cell(f), values::parse_bool) {
                Ok(true) => flags |= bit,
                Ok(false) => {}
                Err(e) => err(f, e),
            }
        }
        let rating = cached(&mut c.rating, cell(Field::Rating), values::parse_rating)
            .unwrap_or_else(|e| {
                err(Field::Rating, e);
                Rating::None
            });
        let level_cell = cell(Field::Level);
        let level = if level_cell.is_empty() {
            None
        } else {
            cached(&mut c.level, level_cell, values::parse_level)
                .map_err(|e| err(Field::Level, e))
                .ok()
        };
        let finished_any = finished.or(returned);
        let not_received = status.is_some_and(Status::is_not_received);
        if map[Field::Id as usize].is_some() && id.is_empty() {
            err(Field::Id, Code::MissingId);
        }
        if received.is_none() && cell(Field::Received).is_empty() && !not_received {
            err(Field::Received, Code::MissingReceived);
        }
        if finished_any.is_none()
            && status.is_some_and(Status::is_finished)
            && cell(Field::Finished).is_empty()
            && cell(Field::Returned).is_empty()
        {
            let f = if map[Field::Finished as usize].is_some() {
                Field::Finished
            } else {
                Field::Returned
            };
            err(f, Code::MissingFinished);
        }
        if let (Some(r), Some(f)) = (received, finished_any) {
            if day_of(f) < day_of(r) {
                let col = if finished.is_some() {
                    Field::Finished
                } else {
                    Field::Returned
                };
                err(col, Code::FinishedBeforeReceived);
            }
        }
        if ne > 0 {
            fs.rows.rejected += 1;
            for &(f, code) in &errors[..ne] {
                let col = map[f as usize];
                let header = col.map_or("", |c| h.cells[c].as_str()).to_string();
                let value = col.map_or(&b""[..], |c| rec.get(c)).to_vec();
                self.problem(fs.index, row, Some(f), &header, &value, code);
            }
            return;
        }
        let st = &mut self.store;
        let (unit, new_unit) = st.units.get(cell(Field::Unit));
        if new_unit {
            let name = &st.units.names[unit as usize];
            st.unit_levels.push(values::level_of_unit(name));
        }
        let field_raw = match cell(Field::FieldName) {
            b"" => cell(Field::FieldCode),
            v => v,
        };
        let (field, _) = st.fields.get(field_raw);
        let code = cell(Field::ProcedureCode);
        let (procedure, new_proc) = st.procedures.get(if code.is_empty() {
            cell(Field::ProcedureName)
        } else {
            code
        });
        if new_proc {
            let name = String::from_utf8_lossy(cell(Field::ProcedureName));
            st.procedure_names.push(nfc(name.trim()).into_owned());
        }
        let d = Dossier {
            id: 0,
            unit,
            field,
            procedure,
            received,
            due,
            finished: finished_any,
            status,
            channel,
            level: level.unwrap_or(st.unit_levels[unit as usize]),
            flags,
            rating,
            file: fs.index as u16,
        };
        let id_opt = map[Field::Id as usize].map(|_| id);
        st.insert(d, id_opt);
        fs.rows.counted += 1;
    }

    fn seek_header(&mut self, fs: &mut FileState, rec: &Rec) {
        if fs.no_header {
            fs.rows.rejected += 1;
            self.problem(fs.index, fs.row, None, "", b"", Code::NoHeader);
            return;
        }
        let cells: Vec<String> = (0..rec.len())
            .map(|i| nfc(String::from_utf8_lossy(rec.get(i)).trim()).into_owned())
            .collect();
        let mut map = recognise(&cells);
        if !is_header(&map) {
            fs.rows.ignored += 1;
            fs.rows.ignored_title += 1;
            if fs.row >= HEADER_SEARCH_ROWS {
                fs.no_header = true;
            }
            return;
        }
        fs.rows.ignored += 1;
        fs.rows.ignored_header += 1;
        let info = &mut self.files[fs.index];
        info.header_row = Some(fs.row);
        let mut overridden = [false; FIELD_COUNT];
        for (f, wanted) in &self.settings.overrides {
            let found = match wanted {
                Column::Index(i) if *i < cells.len() => Ok(Some(*i)),
                Column::Index(_) => Err(crate::table::columns::NoSuchColumn),
                Column::Header(h) => find_column(&cells, h),
            };
            let wanted = match wanted {
                Column::Index(i) => format!("số {}", i + 1),
                Column::Header(h) => h.clone(),
            };
            match found {
                Ok(col) => {
                    if let Some(c) = col {
                        for m in map.iter_mut() {
                            if *m == Some(c) {
                                *m = None;
                            }
                        }
                    }
                    map[*f as usize] = col;
                    overridden[*f as usize] = true;
                }
                Err(crate::table::columns::NoSuchColumn) => info.warnings.push(format!(
                    "Không có cột «{wanted}» cho trường «{}»; giữ cột tự nhận",
                    f.label()
                )),
            }
        }
        info.mapping = Field::ALL
            .iter()
            .map(|&f| MappingEntry {
                field: f.key().into(),
                label: f.label().into(),
                column: map[f as usize],
                header: map[f as usize].map(|c| cells[c].clone()),
                overridden: overridden[f as usize],
            })
            .collect();
        info.headers = cells.clone();
        let missing: Vec<&str> = [
            (Field::Received, map[Field::Received as usize].is_some()),
            (
                Field::Finished,
                map[Field::Finished as usize].is_some() || map[Field::Returned as usize].is_some(),
            ),
        ]
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(f, _)| f.label())
        .collect();
        let fatal = if missing.is_empty() {
            None
        } else {
            info.error = Some(format!(
                "{}: {} (sửa ở mục «Cột dữ liệu»)",
                Code::MissingColumn.vi(),
                missing.join(", ")
            ));
            Some(Code::MissingColumn)
        };
        fs.header = Some(Header { cells, map, fatal });
    }
}

/// Splits one complete line into field spans, in place. Quoted fields without an escaped quote
/// lose their quotes and keep their delimiters; false when the line needs csv-core (an escaped
/// `""` or a quote left open, i.e. a newline inside a field).
fn split_line(line: &[u8], delim: u8, spans: &mut Vec<(usize, usize)>) -> bool {
    spans.clear();
    if memchr::memchr(b'"', line).is_none() {
        let mut start = 0;
        for p in memchr::memchr_iter(delim, line) {
            spans.push((start, p));
            start = p + 1;
        }
        spans.push((start, line.len()));
        return true;
    }
    let mut i = 0;
    loop {
        if line.get(i) == Some(&b'"') {
            let start = i + 1;
            let Some(len) = memchr::memchr(b'"', &line[start..]) else {
                return false;
            };
            let after = start + len + 1;
            spans.push((start, start + len));
            match line.get(after) {
                None => return true,
                Some(&c) if c == delim => i = after + 1,
                Some(_) => return false,
            }
        } else {
            match memchr::memchr(delim, &line[i..]) {
                Some(p) => {
                    spans.push((i, i + p));
                    i += p + 1;
                }
                None => {
                    spans.push((i, line.len()));
                    return true;
                }
            }
        }
    }
}

/// One CSV record: a byte buffer and the span of each field in it.
struct Rec<'a> {
    buf: &'a [u8],
    spans: &'a [(usize, usize)],
}

impl Rec<'_> {
    fn len(&self) -> usize {
        self.spans.len()
    }
    /// The i-th field, trimmed of ASCII whitespace; empty past the end of the record.
    #[inline]
    fn get(&self, i: usize) -> &[u8] {
        match self.spans.get(i) {
            Some(&(s, e)) => self.buf[s..e].trim_ascii(),
            None => b"",
        }
    }
    fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.get(i).is_empty())
    }
    /// «Tổng cộng», «Tổng số», «Cộng» in one of the first cells.
    fn is_total(&self) -> bool {
        (0..self.len().min(4)).any(|i| {
            let f = fold(&String::from_utf8_lossy(self.get(i)));
            f.starts_with("tong") || f == "cong" || f.starts_with("cong ") || f == "total"
        })
    }
}
