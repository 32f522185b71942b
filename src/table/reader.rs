//! The streaming record reader of delimited text, for every table the crate reads.
//!
//! Bytes go in as chunks cut anywhere; records come out, each as cells (byte spans into a
//! buffer, no copy on the fast path) with the row number a spreadsheet shows. The reader knows
//! nothing of what the cells mean.
//!
//! - Decoding through [`Decode`]: UTF-8 (with or without BOM) passes through, the others are
//!   decoded; the delimiter is sniffed from the first [`SNIFF_BYTES`] of decoded text.
//! - Complete lines are split in place (memchr), quoted fields included; csv-core only sees a
//!   line with an escaped quote or a newline inside a field, and a line cut by a chunk's end.
//! - Row numbers are spreadsheet rows: csv-core skips empty lines silently, so they are counted
//!   back from its line counter (CRLF-aware) and handed to the caller as runs of blank lines.
//!
//! - Limits (issue 9): a record longer than [`MAX_RECORD_BYTES`] is not kept: the sink is told
//!   ([`Sink::too_long`]) and reading resumes at the next newline, quote state ignored, so every
//!   buffer stays under about twice the limit whatever the chunking. A quoted field spanning more
//!   than [`MAX_QUOTED_LINES`] lines, or open at the end of the file, is read but warned about
//!   ([`Sink::open_quote`]).
//!
//! The caller is a [`Sink`] (monomorphised: no dynamic call per record). [`read_all`] reads a
//! whole buffer into rows of strings, for small tables.

use crate::basics::format::int;
use crate::basics::limits::{MAX_QUOTED_LINES, MAX_RECORD_BYTES};
use crate::table::decode::{sniff_delimiter, Decode, Encoding, NOT_UTF8};

mod middle;
mod split;
use split::split_line;

/// Decoded bytes gathered before the delimiter is sniffed.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// One record: a byte buffer and the span of each cell in it.
pub struct Record<'a> {
    buf: &'a [u8],
    spans: &'a [(usize, usize)],
}

impl<'a> Record<'a> {
    /// A record over `buf` with cells at `spans` (for readers that build their own rows).
    pub fn new(buf: &'a [u8], spans: &'a [(usize, usize)]) -> Record<'a> {
        Record { buf, spans }
    }
}

impl Record<'_> {
    /// The number of cells.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The i-th cell, trimmed of ASCII whitespace; empty past the end of the record.
    #[inline]
    pub fn get(&self, i: usize) -> &[u8] {
        self.raw(i).trim_ascii()
    }

    /// The i-th cell as written (unquoted, untrimmed); empty past the end of the record.
    #[inline]
    pub fn raw(&self, i: usize) -> &[u8] {
        match self.spans.get(i) {
            Some(&(s, e)) => &self.buf[s..e],
            None => b"",
        }
    }

    /// Whether byte `b` may be in some cell: false only when it is nowhere from the first
    /// cell's start to the last one's end (one search over the record instead of one per cell).
    #[inline]
    pub fn may_contain(&self, b: u8) -> bool {
        match (self.spans.first(), self.spans.last()) {
            (Some(&(s, _)), Some(&(_, e))) if s <= e => {
                memchr::memchr(b, &self.buf[s..e]).is_some()
            }
            (None, _) => false,
            _ => true,
        }
    }

    /// Every cell empty after trimming.
    pub fn is_blank(&self) -> bool {
        super::cells::is_blank_row((0..self.len()).map(|i| self.get(i)))
    }
}

/// One row built cell by cell, handed out as a [`Record`] (workbooks, HTML tables, JSON).
#[derive(Default)]
pub struct RowBuf {
    buf: Vec<u8>,
    spans: Vec<(usize, usize)>,
}

impl RowBuf {
    pub fn clear(&mut self) {
        self.buf.clear();
        self.spans.clear();
    }

    /// Appends the next cell.
    pub fn push(&mut self, cell: &[u8]) {
        let start = self.buf.len();
        self.buf.extend_from_slice(cell);
        self.spans.push((start, self.buf.len()));
    }

    /// The number of cells so far.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn record(&self) -> Record<'_> {
        Record::new(&self.buf, &self.spans)
    }
}

/// What the reader found out about a file, known before its first record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Format {
    /// What the bytes are, found from their content: `csv`, `xlsx`, `xls`, `html`, `json`,
    /// `jsonl`.
    pub kind: &'static str,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1258`, `tcvn3`, `vni`;
    /// for workbooks, what the format fixes (`xlsx`: `utf-8`).
    pub encoding: &'static str,
    /// The delimiter of delimited text; 0 for the other kinds.
    pub delimiter: u8,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Every sheet of a workbook that holds a table, in workbook order; empty for the others.
    pub sheets: Vec<String>,
    /// The 0-based columns hidden in the workbook's sheet (read all the same); empty for the
    /// others.
    pub hidden_columns: Vec<u32>,
    /// Doubts about the file, in Vietnamese (e.g. not valid UTF-8).
    pub warnings: Vec<String>,
}

/// Receives what the reader reads, in file order.
pub trait Sink {
    /// Once per file, when encoding and delimiter are known, before any record or blank line.
    fn format(&mut self, _format: &Format) {}
    /// A record and its 1-based spreadsheet row number (its first line's).
    fn record(&mut self, row: u64, record: &Record<'_>);
    /// `count` empty lines (> 0), the last of them at spreadsheet row `last_row`.
    fn blank_lines(&mut self, last_row: u64, count: u64);
    /// A record at `row` that could not be read at all (a JSON object that does not parse, a
    /// broken table row): the caller rejects it; `text` is what was there (cut short), `why` a
    /// Vietnamese reason.
    fn malformed(&mut self, _row: u64, _text: &[u8], _why: &str) {}
    /// A record at `row` longer than the record limit ([`MAX_RECORD_BYTES`]): its bytes are
    /// dropped and reading goes on at the next line; `why` names the row and the limit. The
    /// caller rejects it (by default, as [`Sink::malformed`]).
    fn too_long(&mut self, row: u64, why: &str) {
        self.malformed(row, b"", why);
    }
    /// A quoted field that started at `row` spans more than [`MAX_QUOTED_LINES`] lines, runs to
    /// the end of the file or past the record limit: a closing quote is probably missing. The
    /// record is still handed out (or rejected as too long); `why` is a Vietnamese sentence.
    fn open_quote(&mut self, _row: u64, _why: &str) {}
    /// The file is not a table (an image, a PDF, an archive, binary bytes: told by its first
    /// bytes), said once at its end instead of any record; `why` is a Vietnamese sentence naming
    /// what it looks like. The caller refuses the file.
    fn not_a_table(&mut self, _why: &str) {}
    /// The file is a workbook this build does not read (.xls, .xlsb, .ods without the
    /// `legacy-workbooks` feature: the page's lean analysis module), said before
    /// [`Sink::not_a_table`]: the caller may read it again with a build that does.
    fn needs_legacy_workbooks(&mut self) {}
    /// How much a record looks like the header row the caller wants (recognised columns), to
    /// choose among a workbook's sheets; 0 by default.
    fn header_score(&mut self, _record: &Record<'_>) -> usize {
        0
    }
}

/// The streaming reader of one file: [`Reader::push`] chunks, then [`Reader::finish`].
pub struct Reader {
    decode: Decode,
    decoded: Vec<u8>,
    encoding: Option<&'static str>,
    /// Decoded text kept until the delimiter is sniffed.
    sniff: Vec<u8>,
    format: Option<Format>,
    rdr: Option<csv_core::Reader>,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    /// csv-core's line counter when it last ended a record.
    line: u64,
    /// csv-core's last record ended with `\r`: its `\n`, if any, comes next.
    cr_pending: bool,
    /// csv-core is inside a record (a quoted line, or a line cut by a chunk's end).
    core_has_record: bool,
    delimiter: u8,
    /// Cell spans of the current record (reused).
    spans: Vec<(usize, usize)>,
    /// Spreadsheet rows handed out so far.
    row: u64,
    /// The longest record kept ([`MAX_RECORD_BYTES`]; smaller in tests).
    max_record: usize,
    /// Input bytes csv-core consumed for the record it is in; never more than one past
    /// `max_record`: it is fed no further.
    core_in: usize,
    /// Where csv-core's record stands in quoting (tracked beside it: csv-core does not say).
    quote: Quote,
    /// A record went past the limit: bytes are dropped up to the next newline.
    skipping: bool,
}

/// Quoting state of the record csv-core is reading, as its state machine has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quote {
    /// At the start of a field.
    Start,
    /// In an unquoted field (a quote there is a plain character).
    Plain,
    /// In a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field (an escaped `""` or the closing quote).
    Closing,
}

impl Quote {
    /// The state after `bytes`.
    fn after(mut self, mut bytes: &[u8], delim: u8) -> Quote {
        while let Some((&b, rest)) = bytes.split_first() {
            (self, bytes) = match (self, b) {
                // inside quotes, on to the next quote
                (Quote::Quoted, _) => match memchr::memchr(b'"', bytes) {
                    Some(p) => (Quote::Closing, &bytes[p + 1..]),
                    None => return Quote::Quoted,
                },
                (Quote::Start | Quote::Closing, b'"') => (Quote::Quoted, rest),
                (_, b'\n' | b'\r') => (Quote::Start, rest),
                (_, d) if d == delim => (Quote::Start, rest),
                _ => (Quote::Plain, rest),
            };
        }
        self
    }
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            decode: Decode::new(),
            decoded: Vec::new(),
            encoding: None,
            sniff: Vec::new(),
            format: None,
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
            max_record: MAX_RECORD_BYTES,
            core_in: 0,
            quote: Quote::Start,
            skipping: false,
        }
    }
}

impl Reader {
    pub fn new() -> Reader {
        Reader::default()
    }

    /// A reader that decodes `encoding` (a BOM is still skipped), or finds it (`None`).
    pub fn with_encoding(encoding: Option<Encoding>) -> Reader {
        let mut r = Reader::new();
        r.decode = Decode::with_encoding(encoding);
        r
    }

    /// The encoding, once the first bytes are seen.
    pub fn encoding(&self) -> Option<&'static str> {
        self.encoding
    }

    /// Encoding, delimiter and warnings, once the delimiter is sniffed.
    pub fn format(&self) -> Option<&Format> {
        self.format.as_ref()
    }

    /// Spreadsheet rows handed to the sink so far (records and blank lines).
    pub fn rows(&self) -> u64 {
        self.row
    }

    /// Sets the longest record kept (default [`MAX_RECORD_BYTES`]): for tests, which check the
    /// limit with small records.
    pub fn set_max_record_bytes(&mut self, n: usize) {
        self.max_record = n.max(1);
        self.out.truncate(self.max_record + 1);
        self.out.shrink_to_fit();
        self.ends.truncate(self.max_record + 2);
        self.ends.shrink_to_fit();
    }

    /// Bytes the reader holds in its buffers (capacity): stays under about twice the record
    /// limit plus [`SNIFF_BYTES`], whatever the records and the chunking.
    pub fn held_bytes(&self) -> usize {
        let bytes = self.decoded.capacity() + self.sniff.capacity() + self.out.capacity();
        bytes + (self.ends.capacity() + 2 * self.spans.capacity()) * size_of::<usize>()
    }

    /// Feeds the next bytes of the file; chunk boundaries may fall anywhere.
    pub fn push<S: Sink>(&mut self, chunk: &[u8], sink: &mut S) {
        self.feed(chunk, false, sink);
    }

    /// Ends the file: the last record, trailing blank lines, and the format if still unknown.
    pub fn finish<S: Sink>(&mut self, sink: &mut S) {
        self.feed(&[], true, sink);
    }

    fn feed<S: Sink>(&mut self, chunk: &[u8], last: bool, sink: &mut S) {
        if self.decode.passes_through() {
            self.feed_text(chunk, last, sink);
            return;
        }
        let mut decoded = std::mem::take(&mut self.decoded);
        // 64 KiB at a time, so that the buffer stays small; the empty piece last ends the text
        for piece in chunk.chunks(1 << 16).chain([&[][..]]) {
            let end = last && piece.is_empty();
            let (enc, n) = self.decode.decode_into(piece, end, &mut decoded);
            self.encoding = enc.or(self.encoding);
            self.feed_text(&decoded[..n], end, sink);
        }
        self.decoded = decoded;
    }

    fn feed_text<S: Sink>(&mut self, text: &[u8], last: bool, sink: &mut S) {
        if self.rdr.is_none() {
            // at most SNIFF_BYTES are copied, whatever the size of the first chunk
            let take = SNIFF_BYTES.saturating_sub(self.sniff.len()).min(text.len());
            self.sniff.extend_from_slice(&text[..take]);
            if self.sniff.len() < SNIFF_BYTES && !last {
                return;
            }
            self.start(sink);
            let buffered = std::mem::take(&mut self.sniff);
            self.run(&buffered, false, sink);
            self.run(&text[take..], false, sink);
        } else {
            self.run(text, false, sink);
        }
        if last {
            self.run(&[], true, sink);
        }
    }

    /// Sniffs the delimiter from the buffered text and tells the sink the format.
    fn start<S: Sink>(&mut self, sink: &mut S) {
        let d = sniff_delimiter(&self.sniff);
        let encoding = self.encoding.unwrap_or("utf-8");
        let mut warnings: Vec<String> = self.decode.warning().map(Into::into).into_iter().collect();
        let head = &self.sniff[..self.sniff.len().min(SNIFF_BYTES - 4)];
        if encoding.starts_with("utf-8") && std::str::from_utf8(head).is_err() {
            warnings.push(NOT_UTF8.into());
        }
        self.delimiter = d;
        let rdr = csv_core::ReaderBuilder::new().delimiter(d).build();
        self.line = rdr.line();
        self.rdr = Some(rdr);
        let format = Format {
            kind: "csv",
            encoding,
            delimiter: d,
            sheet: None,
            sheets: Vec::new(),
            hidden_columns: Vec::new(),
            warnings,
        };
        sink.format(&format);
        self.format = Some(format);
    }

    fn blank_lines<S: Sink>(&mut self, n: u64, sink: &mut S) {
        if n > 0 {
            self.row += n;
            sink.blank_lines(self.row, n);
        }
    }

    /// Splits decoded text into records. Complete lines without a quote take a fast path (split
    /// on the delimiter in place, no copy); a line with a quote that needs unescaping, or a line
    /// cut by the chunk's end, goes through csv-core until that record ends, which handles
    /// quoting, embedded newlines and records spanning chunks.
    fn run<S: Sink>(&mut self, mut input: &[u8], eof: bool, sink: &mut S) {
        use csv_core::ReadRecordResult::*;
        loop {
            if self.skipping {
                // the rest of a record over the limit, up to the next newline, quotes ignored
                match memchr::memchr2(b'\n', b'\r', input) {
                    Some(p) => {
                        // a `\n` after a `\r` is the same line end
                        self.cr_pending = input[p] == b'\r';
                        input = &input[p + 1..];
                    }
                    None if eof => input = &[],
                    None => return,
                }
                self.skipping = false;
            }
            if !self.core_has_record {
                input = self.fast_lines(input, sink);
                if input.is_empty() && !eof {
                    return;
                }
                self.core_has_record = true;
            }
            // csv-core reads an empty input as end of file: only give it one at the real end.
            if input.is_empty() && !eof {
                return;
            }
            // csv-core is fed no further than one byte past the limit: a record whose bytes,
            // with its line end, are more than one past it is cut there, whatever the chunking
            let room = (self.max_record + 1).saturating_sub(self.core_in);
            let fed = &input[..input.len().min(room)];
            let rdr = self.rdr.as_mut().expect("reader exists");
            let (res, nin, nout, nend) = rdr.read_record(
                fed,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            let last_byte = if nin > 0 { input[nin - 1] } else { 0 };
            self.quote = self.quote.after(&input[..nin], self.delimiter);
            self.core_in += nin;
            input = &input[nin..];
            self.out_len += nout;
            self.ends_len += nend;
            // the output is never longer than the input, the cells never more than one more:
            // the buffers stop growing at one past the limit
            let over = self.core_in > self.max_record
                || (res == OutputFull && self.out.len() > self.max_record)
                || (res == OutputEndsFull && self.ends.len() > self.max_record + 1);
            match res {
                InputEmpty | OutputFull | OutputEndsFull if over => self.too_long(sink),
                // At end of file the input is empty and csv-core reports Record or End.
                InputEmpty if !eof => return,
                InputEmpty => {}
                OutputFull => {
                    let n = (self.out.len() * 2).min(self.max_record + 1);
                    self.out.resize(n, 0);
                }
                OutputEndsFull => {
                    let n = (self.ends.len() * 2).min(self.max_record + 2);
                    self.ends.resize(n, 0);
                }
                Record => self.core_record(last_byte, eof, sink),
                End => {
                    self.core_has_record = false;
                    let line_now = self.rdr.as_ref().expect("reader exists").line();
                    // trailing empty lines after the last record
                    let lag = u64::from(std::mem::take(&mut self.cr_pending));
                    let blanks = line_now.saturating_sub(self.line + lag);
                    self.line = line_now;
                    self.blank_lines(blanks, sink);
                    return;
                }
            }
        }
    }

    /// The fast path: hands out the complete lines at the start of `input` that split in place;
    /// returns the rest (a line for csv-core, or an incomplete last line).
    #[inline]
    fn fast_lines<'i, S: Sink>(&mut self, mut input: &'i [u8], sink: &mut S) -> &'i [u8] {
        if self.cr_pending && !input.is_empty() {
            // the `\n` of a `\r\n` that ended csv-core's last record
            if input[0] == b'\n' {
                input = &input[1..];
            }
            self.cr_pending = false;
        }
        let delim = self.delimiter;
        while let Some(nl) = memchr::memchr(b'\n', input) {
            let mut line = &input[..nl];
            if let [rest @ .., b'\r'] = line {
                line = rest;
            }
            if line.len() > self.max_record {
                // as csv-core would: cut at the limit, the rest of the line skipped
                input = &input[nl + 1..];
                self.row += 1;
                let (long, open) = self.too_long_why(self.row);
                sink.too_long(self.row, &long);
                if Quote::Start.after(&line[..self.max_record + 1], delim) == Quote::Quoted {
                    sink.open_quote(self.row, &open);
                }
                continue;
            }
            if !split_line(line, delim, &mut self.spans) {
                break; // an embedded newline or an escaped quote: csv-core's job
            }
            input = &input[nl + 1..];
            if line.is_empty() {
                self.blank_lines(1, sink);
                continue;
            }
            self.row += 1;
            let rec = Record {
                buf: line,
                spans: &self.spans,
            };
            sink.record(self.row, &rec);
        }
        input
    }

    /// The message of a record over the limit, and the warning when a quoted field was open.
    fn too_long_why(&self, row: u64) -> (String, String) {
        let (size, bytes) = (size_vi(self.max_record), int(self.max_record as u64));
        (format!("Dòng {row} dài hơn {size} (giới hạn {bytes} byte của một dòng): bỏ qua, đọc tiếp từ dòng sau"),
         format!("Ô trong ngoặc kép mở ở dòng {row} chưa đóng khi dòng đã dài hơn {size}: có thể thiếu dấu ngoặc kép đóng"))
    }

    /// A record went past the limit: count the blank lines csv-core skipped before it, reject
    /// it at its row, drop what csv-core holds and skip to the next newline.
    fn too_long<S: Sink>(&mut self, sink: &mut S) {
        let rdr = self.rdr.as_mut().expect("reader exists");
        let delta = rdr.line() - self.line;
        let embedded = memchr::memchr_iter(b'\n', &self.out[..self.out_len]).count() as u64;
        let lag = u64::from(std::mem::take(&mut self.cr_pending));
        self.blank_lines(delta.saturating_sub(embedded + lag), sink);
        self.row += 1;
        let (long, open) = self.too_long_why(self.row);
        sink.too_long(self.row, &long);
        if self.quote == Quote::Quoted {
            sink.open_quote(self.row, &open);
        }
        let rdr = self.rdr.as_mut().expect("reader exists");
        rdr.reset();
        self.line = rdr.line();
        (self.out_len, self.ends_len, self.core_in) = (0, 0, 0);
        (self.quote, self.core_has_record, self.skipping) = (Quote::Start, false, true);
    }

    /// csv-core ended a record (at end of file when `eof`): count the blank lines it skipped
    /// before it, then hand it out.
    fn core_record<S: Sink>(&mut self, last_byte: u8, eof: bool, sink: &mut S) {
        self.core_has_record = false;
        let open_at_end = eof && self.quote == Quote::Quoted;
        self.quote = Quote::Start;
        self.core_in = 0;
        // Spreadsheet row numbers: csv-core skips empty lines silently, so count them from its
        // line counter. A record ended by `\r` has its `\n` counted on the next call; a record
        // ended by `\n` has it counted now.
        let line_now = self.rdr.as_ref().expect("reader exists").line();
        let delta = line_now - self.line;
        self.line = line_now;
        let own = u64::from(last_byte == b'\n');
        let lag = u64::from(std::mem::replace(&mut self.cr_pending, last_byte == b'\r'));
        let embedded = if delta > own + lag {
            self.out[..self.out_len]
                .iter()
                .filter(|&&c| c == b'\n')
                .count() as u64
        } else {
            0
        };
        self.blank_lines(delta.saturating_sub(embedded + own + lag), sink);
        if open_at_end || embedded > MAX_QUOTED_LINES {
            let row = self.row + 1;
            let said = if open_at_end {
                "chưa đóng đến hết tệp: có thể thiếu dấu ngoặc kép đóng (phần còn lại của tệp bị gộp vào một ô)".to_string()
            } else {
                format!("kéo dài qua {} dòng văn bản: có thể thiếu dấu ngoặc kép đóng (các dòng này bị gộp vào một ô)", int(embedded + 1))
            };
            sink.open_quote(row, &format!("Ô trong ngoặc kép mở ở dòng {row} {said}"));
        }
        self.spans.clear();
        let mut start = 0;
        for &e in &self.ends[..self.ends_len] {
            self.spans.push((start, e));
            start = e;
        }
        self.row += 1;
        let rec = Record {
            buf: &self.out[..self.out_len],
            spans: &self.spans,
        };
        sink.record(self.row, &rec);
        self.out_len = 0;
        self.ends_len = 0;
    }
}

/// A size in bytes as the user reads it: «1 MiB», «1.000 byte».
fn size_vi(n: usize) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", int((n >> 20) as u64)),
        n => format!("{} byte", int(n as u64)),
    }
}

/// A whole table read at once: one row per spreadsheet row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Cells as written (unquoted, untrimmed; invalid UTF-8 as U+FFFD); a blank line is one
    /// empty cell, so `rows[i]` is spreadsheet row `i + 1`.
    pub rows: Vec<Vec<String>>,
    pub encoding: &'static str,
    pub delimiter: u8,
}

/// Collects rows of strings (for [`read_all`] and [`read_chunked`]).
#[derive(Default)]
struct Rows(Vec<Vec<String>>);

impl Sink for Rows {
    fn record(&mut self, _row: u64, record: &Record<'_>) {
        let cells = (0..record.len())
            .map(|i| String::from_utf8_lossy(record.raw(i)).into_owned())
            .collect();
        self.0.push(cells);
    }

    fn blank_lines(&mut self, _last_row: u64, count: u64) {
        for _ in 0..count {
            self.0.push(vec![String::new()]);
        }
    }

    /// A row over the limit is an empty row, so that `rows[i]` stays row `i + 1`.
    fn too_long(&mut self, _row: u64, _why: &str) {
        self.0.push(vec![String::new()]);
    }
}

/// Reads a whole buffer (a small table: catalogue, ranking, manual entries).
pub fn read_all(bytes: &[u8]) -> Table {
    read_chunked(bytes, bytes.len().max(1))
}

/// Reads a buffer fed in chunks of `chunk` bytes: the same [`Table`] as [`read_all`], whatever
/// the chunk size.
pub fn read_chunked(bytes: &[u8], chunk: usize) -> Table {
    let mut r = Reader::new();
    let mut rows = Rows::default();
    for c in bytes.chunks(chunk.max(1)) {
        r.push(c, &mut rows);
    }
    r.finish(&mut rows);
    let f = r.format.expect("known after finish");
    Table {
        rows: rows.0,
        encoding: f.encoding,
        delimiter: f.delimiter,
    }
}
