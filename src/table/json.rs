//! JSON dossiers, streamed: the national portal's sync payload
//! (`{"service":"DongBoHoSoMC","isUpdating":…,"data":[{…},{…}]}`), a plain array of objects, or
//! JSON Lines. A file is never parsed into one tree: a byte scanner (strings, escapes, depth;
//! iterative, so nesting cannot overflow the stack) finds each record, copies its bytes and
//! parses that one object; `json_rows` flattens it into cells (its module docs say how: nested
//! objects as `parent.child`, arrays of objects as counts and «any true» flags such as
//! `TaiLieuNop.DuocSoHoa`) and makes the header from the keys of the first objects.
//!
//! - The shape is told from the first value: `[` → the array's elements are the records; `{`
//!   followed (on its own line) by another `{` → JSON Lines, one record per line; any other
//!   `{` → an object whose first key holding an array of objects (the portal's `data`) has the
//!   records. An object spanning several lines, or longer than 1 MiB, is not JSON Lines.
//! - Rows: row 1 is the header (the keys of the first [`WINDOW_OBJECTS`] objects, or of the
//!   objects in the first [`WINDOW_BYTES`]; a key first seen later has no column and is listed by
//!   [`JsonReader::late_keys`]); the n-th element of the records array is row n + 1; in JSON
//!   Lines, line n is row n + 1 and an empty line a blank line. The format and the header go out
//!   when the window closes (the first 1.000 objects are held until then).
//! - An element that does not parse, or is not an object, is a malformed record (its first 200
//!   bytes, the reason). When the structure itself breaks (a bracket that does not match, a
//!   string across a line end, a character that cannot stand outside a string, nesting deeper
//!   than [`MAX_DEPTH`]) the scanner skips to the next object that starts with the same key as
//!   the first record (`{"MaHoSo":`), or to the next object start when none is known; what it
//!   skipped belongs to the malformed record. An element over [`MAX_RECORD`] bytes is malformed
//!   without being held. A file that ends inside a record makes that record malformed.
//! - Arrays of objects under later keys of the top object are not dossiers: each of their
//!   elements is a malformed record saying so. Text after the end of the JSON is one malformed
//!   record. A file with no records array (a scalar, an object without an array of objects) is a
//!   warning in the format and one malformed record.
//! - Encoding: as `table::decode` finds it: UTF-8 with or without BOM, UTF-16, or a legacy
//!   Vietnamese encoding when the bytes are not UTF-8 (with the detector's doubt as a warning).

use crate::table::decode::Decode;
use crate::table::json_rows::Rows;
pub use crate::table::json_rows::{WINDOW_BYTES, WINDOW_OBJECTS};
use crate::table::json_tree::Tree;
use crate::table::reader::Sink;

/// Bytes of one record held at most; a longer one is malformed.
pub const MAX_RECORD: usize = crate::basics::limits::MAX_JSON_ELEMENT_BYTES;
/// Nesting deeper than this breaks the structure (serde_json stops at 128 inside a record).
pub const MAX_DEPTH: usize = crate::basics::limits::MAX_JSON_DEPTH;
/// The first object is decided not to be a JSON Lines record past this many bytes.
const LINE_LIMIT: usize = 1 << 20;

/// Whether the first bytes of a file are JSON or JSON Lines holding objects: after an optional
/// BOM (UTF-8 or UTF-16) and white space, `{` then `"` or `}`, or `[` then `{`, `[` or `]`. A
/// delimited text whose first cell starts with `{` or `[` is not claimed.
pub fn looks_like_json(prefix: &[u8]) -> bool {
    let head = &prefix[..prefix.len().min(1024)];
    let (text, _) = crate::table::sheet::decode_text(head);
    let mut it = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars();
    let first = it.next();
    let second = it.find(|c| !c.is_whitespace());
    match first {
        Some('{') => matches!(second, Some('"' | '}')),
        Some('[') => matches!(second, Some('{' | '[' | ']')),
        _ => false,
    }
}

/// Reads a whole JSON buffer into the sink (as [`JsonReader`] does chunk by chunk); the finished
/// reader is returned for its late keys and warnings.
pub fn read_json<S: Sink>(bytes: &[u8], sink: &mut S) -> JsonReader {
    let mut r = JsonReader::new();
    r.push(bytes, sink);
    r.finish(sink);
    r
}

/// The streaming JSON reader of one file: [`JsonReader::push`] chunks cut anywhere (inside
/// strings, escapes, UTF-8 characters), then [`JsonReader::finish`].
pub struct JsonReader {
    decode: Decode,
    scratch: Vec<u8>,
    decoded: Vec<u8>,
    state: State,
    rows: Rows,
}

enum State {
    /// The shape is not known yet: the text so far and the scan of the first object.
    Start(Vec<u8>, Pre),
    Lines(Lines),
    Tree(Box<Tree>),
    /// Not JSON holding objects: the first bytes, for the malformed record.
    Other(Vec<u8>),
}

impl Default for JsonReader {
    fn default() -> Self {
        JsonReader {
            decode: Decode::new(),
            scratch: Vec::new(),
            decoded: Vec::new(),
            state: State::Start(Vec::new(), Pre::default()),
            rows: Rows::default(),
        }
    }
}

impl JsonReader {
    pub fn new() -> JsonReader {
        JsonReader::default()
    }

    /// Feeds the next bytes of the file.
    pub fn push<S: Sink>(&mut self, chunk: &[u8], sink: &mut S) {
        self.feed(chunk, false, sink);
    }

    /// Ends the file: the last record, and the format if it has not gone out.
    pub fn finish<S: Sink>(&mut self, sink: &mut S) {
        self.feed(&[], true, sink);
        match &mut self.state {
            State::Start(..) => unreachable!("decided at the end"),
            State::Lines(l) => l.finish(&mut self.rows, sink),
            State::Tree(t) => t.finish(&mut self.rows, sink),
            State::Other(text) => {
                if !text.trim_ascii().is_empty() {
                    self.rows.warn(
                        "Tệp JSON không chứa danh sách hồ sơ (mảng các đối tượng): không đọc được"
                            .into(),
                    );
                    let text = std::mem::take(text);
                    self.rows
                        .malformed(2, &text, "JSON không phải danh sách đối tượng", sink);
                }
            }
        }
        self.rows.finish(sink);
    }

    /// Keys first seen after the header was made (at most 100): they have no column, their
    /// values are not read.
    pub fn late_keys(&self) -> &[String] {
        self.rows.late_keys()
    }

    /// What the format's warnings could not say because it went out before (keys first seen late,
    /// the file cut short, bytes not UTF-8…), in Vietnamese: for the file's warnings at its end.
    pub fn late_warnings(&self) -> Vec<String> {
        self.rows.late_warnings()
    }

    fn feed<S: Sink>(&mut self, chunk: &[u8], last: bool, sink: &mut S) {
        let mut text = std::mem::take(&mut self.decoded);
        text.clear();
        if let Some(enc) = self.decode.push(chunk, last, &mut self.scratch, &mut |b| {
            text.extend_from_slice(b)
        }) {
            self.rows.encoding = enc;
            if let Some(w) = self.decode.warning() {
                self.rows.warnings.push(w.to_string());
            }
        }
        self.text(&text, last, sink);
        self.decoded = text;
    }

    fn text<S: Sink>(&mut self, text: &[u8], last: bool, sink: &mut S) {
        let rows = &mut self.rows;
        match &mut self.state {
            State::Start(head, pre) => {
                head.extend_from_slice(text);
                let Some(shape) = pre.decide(head, last) else {
                    return;
                };
                let head = std::mem::take(head);
                self.state = match shape {
                    Shape::Lines => {
                        rows.kind = "jsonl";
                        State::Lines(Lines::default())
                    }
                    Shape::Array => State::Tree(Box::new(Tree::new(false))),
                    Shape::Object => State::Tree(Box::new(Tree::new(true))),
                    Shape::Other => State::Other(Vec::new()),
                };
                self.text(&head, last, sink);
            }
            State::Lines(l) => l.push(text, rows, sink),
            State::Tree(t) => t.push(text, rows, sink),
            State::Other(keep) => {
                let room = 256usize.saturating_sub(keep.len());
                keep.extend_from_slice(&text[..text.len().min(room)]);
            }
        }
    }
}

enum Shape {
    Lines,
    Array,
    Object,
    Other,
}

/// The scan of the first top-level object, to tell JSON Lines from one object.
#[derive(Default)]
struct Pre {
    pos: usize,
    started: bool,
    depth: usize,
    in_str: bool,
    esc: bool,
    /// Where to look for the next value: after the first object closed, or after a line end
    /// inside its string.
    after: Option<usize>,
}

impl Pre {
    fn decide(&mut self, head: &[u8], last: bool) -> Option<Shape> {
        if !self.started {
            let first = head.iter().position(|c| !c.is_ascii_whitespace());
            match first.map(|i| head[i]) {
                None if last => return Some(Shape::Other),
                None => return None,
                Some(b'[') => return Some(Shape::Array),
                Some(b'{') => {}
                Some(_) => return Some(Shape::Other),
            }
            self.started = true;
            self.pos = first.unwrap_or(0);
        }
        if self.after.is_none() {
            self.scan(head);
        }
        if let Some(after) = self.after {
            if after == usize::MAX {
                return Some(Shape::Object);
            }
            return match head[after.min(head.len())..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
            {
                Some(b'{') => Some(Shape::Lines),
                Some(_) => Some(Shape::Object),
                None if last => Some(Shape::Object),
                None => None,
            };
        }
        (last || head.len() > LINE_LIMIT).then_some(Shape::Object)
    }

    /// Scans the first object from where it stopped; sets `after` when it closes or a line ends
    /// inside one of its strings. A line end outside strings means several lines: one object.
    fn scan(&mut self, head: &[u8]) {
        while self.pos < head.len() {
            let c = head[self.pos];
            self.pos += 1;
            if self.in_str {
                match c {
                    _ if self.esc => self.esc = false,
                    b'\\' => self.esc = true,
                    b'"' => self.in_str = false,
                    b'\n' => {
                        self.after = Some(self.pos);
                        return;
                    }
                    _ => {}
                }
                continue;
            }
            match c {
                b'"' => self.in_str = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.after = Some(self.pos);
                        return;
                    }
                }
                b'\n' => {
                    // several lines: mark as decided for an object
                    self.after = Some(usize::MAX);
                    return;
                }
                _ => {}
            }
        }
    }
}

/// JSON Lines: one record per line.
#[derive(Default)]
struct Lines {
    line: Vec<u8>,
    too_big: bool,
    line_no: u64,
}

impl Lines {
    fn push<S: Sink>(&mut self, mut text: &[u8], rows: &mut Rows, sink: &mut S) {
        while let Some(nl) = memchr::memchr(b'\n', text) {
            self.add(&text[..nl]);
            self.end_line(rows, sink);
            text = &text[nl + 1..];
        }
        self.add(text);
    }

    fn add(&mut self, part: &[u8]) {
        if self.line.len() + part.len() > MAX_RECORD {
            self.too_big = true;
            let room = 256usize.saturating_sub(self.line.len());
            self.line.extend_from_slice(&part[..part.len().min(room)]);
        } else if !self.too_big {
            self.line.extend_from_slice(part);
        }
    }

    fn end_line<S: Sink>(&mut self, rows: &mut Rows, sink: &mut S) {
        self.line_no += 1;
        let row = self.line_no + 1;
        let line = self.line.trim_ascii();
        if self.too_big {
            rows.malformed(row, line, "bản ghi JSON quá lớn (hơn 16 MiB)", sink);
        } else if line.is_empty() {
            rows.blank(row, sink);
        } else if line[0] != b'{' {
            rows.malformed(row, line, "dòng không phải một đối tượng JSON", sink);
        } else {
            rows.object(row, line, sink);
        }
        self.line.clear();
        self.too_big = false;
    }

    fn finish<S: Sink>(&mut self, rows: &mut Rows, sink: &mut S) {
        if !self.line.trim_ascii().is_empty() || self.too_big {
            self.end_line(rows, sink);
        }
    }
}
