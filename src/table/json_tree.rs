//! The scanner of a JSON array of records, or of an object holding one under a key, for
//! `table::json` (whose module docs say what it does with broken input).

use crate::table::json::{MAX_DEPTH, MAX_RECORD};
use crate::table::json_rows::Rows;
use crate::table::reader::Sink;

/// Where the scanner is in the records.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before the records array (inside the top object, looking for an array of objects).
    Seek,
    /// Inside a records array whose elements are at `depth == rec_depth`.
    Records,
    /// Inside an array of objects after the records: elements are reported as not dossiers.
    Extra,
    /// After a broken structure: looking for the next record's start.
    Resync,
    /// After the end of the JSON (or a fatal error): the rest is ignored.
    Done,
}

/// The scanner of an array of records or of an object holding one (see the module docs).
pub(crate) struct Tree {
    /// The top value is an object (records under one of its keys) rather than an array.
    wrapper: bool,
    phase: Phase,
    /// Depth of the records array's elements (1 for a top array, 2 under a key).
    rec_depth: usize,
    depth: usize,
    /// Kind of each open bracket (true = object), innermost last.
    kinds: Vec<bool>,
    in_str: bool,
    esc: bool,
    /// The element being captured (its bytes so far) and whether its value has ended.
    elem: Option<Vec<u8>>,
    elem_done: bool,
    too_big: bool,
    /// Elements (records) seen, for row numbers.
    ordinal: u64,
    found: bool,
    /// The last string at depth 1 (a key of the top object) and whether a value follows `:`.
    key: Vec<u8>,
    value_next: bool,
    /// `[` just opened as a value of the top object: its first element decides.
    probe: bool,
    extra_key: String,
    data_key: String,
    /// The first record's first key as written (`"MaHoSo"`), to find records after a break.
    signature: Option<Vec<u8>>,
    /// Bytes matched of a record's start while resyncing.
    sync: Vec<u8>,
    /// The first bytes of the file (for a malformed record when no records array is found).
    first: Vec<u8>,
    /// The malformed record for the file's shape or its trailing text has been given.
    reported: bool,
    /// The phase a resync goes back to.
    resume: Phase,
    /// The first bytes of text after the end of the JSON.
    tail: Vec<u8>,
    /// The top object has `"data": []`: no records, but not a file of another shape.
    empty_data: bool,
}

impl Tree {
    pub(crate) fn new(wrapper: bool) -> Tree {
        Tree {
            wrapper,
            phase: if wrapper { Phase::Seek } else { Phase::Records },
            rec_depth: if wrapper { 2 } else { 1 },
            depth: 0,
            kinds: Vec::new(),
            in_str: false,
            esc: false,
            elem: None,
            elem_done: false,
            too_big: false,
            ordinal: 0,
            found: !wrapper,
            key: Vec::new(),
            value_next: false,
            probe: false,
            extra_key: String::new(),
            data_key: String::new(),
            signature: None,
            sync: Vec::new(),
            first: Vec::new(),
            reported: false,
            resume: Phase::Records,
            tail: Vec::new(),
            empty_data: false,
        }
    }
}

impl Tree {
    /// Scans a chunk of text. Outside strings byte by byte; inside a record's strings from one
    /// `"`, `\` or line end to the next (memchr). Over 80 lines long because it is the one loop
    /// of the state machine: strings, element boundaries, the top object's keys, brackets.
    pub(crate) fn push<S: Sink>(&mut self, text: &[u8], rows: &mut Rows, sink: &mut S) {
        if self.first.len() < 256 {
            let room = 256 - self.first.len();
            self.first.extend_from_slice(&text[..text.len().min(room)]);
        }
        // where the open element's bytes start in this chunk
        let mut from = self.elem.as_ref().map(|_| 0);
        let mut i = 0;
        while i < text.len() {
            match self.phase {
                Phase::Done => {
                    self.trailing(&text[i..]);
                    return;
                }
                Phase::Resync => {
                    i = self.resync(text, i, &mut from);
                    continue;
                }
                _ => {}
            }
            if self.in_str {
                if self.esc {
                    self.esc = false;
                    i += 1;
                    continue;
                }
                if self.depth == 1 && self.elem.is_none() {
                    // a key or value of the top object: kept byte by byte (short)
                    match text[i] {
                        b'"' => self.in_str = false,
                        b'\\' => self.esc = true,
                        b'\n' => {
                            self.broken(text, i, &mut from, "chuỗi xuống dòng", rows, sink);
                            continue;
                        }
                        c if self.key.len() < 256 => self.key.push(c),
                        _ => {}
                    }
                    i += 1;
                    continue;
                }
                match memchr::memchr3(b'"', b'\\', b'\n', &text[i..]) {
                    None => i = text.len(),
                    Some(p) => {
                        let j = i + p;
                        match text[j] {
                            b'"' => {
                                self.in_str = false;
                                if self.elem.is_some() && self.depth == self.rec_depth {
                                    self.elem_done = true;
                                }
                                i = j + 1;
                            }
                            b'\\' => {
                                self.esc = true;
                                i = j + 1;
                            }
                            _ => {
                                self.broken(text, j, &mut from, "chuỗi xuống dòng", rows, sink);
                                i = j;
                            }
                        }
                    }
                }
                continue;
            }
            let c = text[i];
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if self.probe && self.depth == 2 {
                self.probe = false;
                self.empty_data |= c == b']' && self.key.eq_ignore_ascii_case(b"data");
                if c == b'{' {
                    let key = String::from_utf8_lossy(&self.key).into_owned();
                    if self.found {
                        self.phase = Phase::Extra;
                        self.extra_key = key;
                    } else {
                        self.phase = Phase::Records;
                        self.found = true;
                        self.data_key = key;
                    }
                }
            }
            let records = matches!(self.phase, Phase::Records | Phase::Extra);
            if records && self.depth == self.rec_depth {
                if matches!(c, b',' | b']') || (self.elem.is_some() && self.elem_done) {
                    if self.elem.is_some() {
                        self.end_elem(text, i, &mut from, rows, sink);
                    }
                    if c == b',' {
                        i += 1;
                        continue;
                    }
                }
                if self.elem.is_none() && c != b']' {
                    self.elem = Some(Vec::new());
                    self.elem_done = false;
                    from = Some(i);
                    self.ordinal += 1;
                }
            }
            if self.depth == 1 && self.elem.is_none() && self.value_next {
                self.value_next = false;
                self.probe = c == b'[' && self.phase == Phase::Seek;
            }
            match c {
                b'"' => {
                    self.in_str = true;
                    if self.depth == 1 {
                        self.key.clear();
                    }
                }
                b'{' | b'[' => {
                    if self.depth >= MAX_DEPTH {
                        self.broken(text, i, &mut from, "lồng quá sâu", rows, sink);
                        continue;
                    }
                    self.kinds.push(c == b'{');
                    self.depth += 1;
                }
                b'}' | b']' => {
                    if self.kinds.last() != Some(&(c == b'}')) {
                        self.broken(text, i, &mut from, "ngoặc không khớp", rows, sink);
                        continue;
                    }
                    self.kinds.pop();
                    self.depth -= 1;
                    self.closed(rows, sink);
                }
                b':' if self.depth == 1 => self.value_next = true,
                b':' | b',' => {}
                b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E' => {}
                b't' | b'r' | b'u' | b'f' | b'a' | b'l' | b's' | b'n' => {}
                _ => {
                    self.broken(text, i, &mut from, "ký tự lạ ngoài chuỗi", rows, sink);
                    continue;
                }
            }
            i += 1;
        }
        if let (Some(f), Some(buf)) = (from, self.elem.as_mut()) {
            append(buf, &text[f..], &mut self.too_big);
        }
    }

    /// A bracket closed: the element's value ended, the records array ended, or the top value.
    fn closed<S: Sink>(&mut self, rows: &mut Rows, sink: &mut S) {
        if self.elem.is_some() && self.depth == self.rec_depth {
            self.elem_done = true;
        }
        if matches!(self.phase, Phase::Records | Phase::Extra) && self.depth + 1 == self.rec_depth {
            self.phase = if self.wrapper {
                Phase::Seek
            } else {
                Phase::Done
            };
        }
        if self.depth == 0 {
            self.phase = Phase::Done;
            if !self.found {
                self.no_records(rows, sink);
            }
        }
    }

    /// The top object holds no array of objects: a warning and one malformed record.
    fn no_records<S: Sink>(&mut self, rows: &mut Rows, sink: &mut S) {
        if self.reported || self.empty_data {
            return;
        }
        self.reported = true;
        rows.warn("Tệp JSON không có mảng các đối tượng (như «data» của DongBoHoSoMC): không có hồ sơ nào".into());
        self.ordinal += 1;
        let first = std::mem::take(&mut self.first);
        rows.malformed(
            self.ordinal + 1,
            &first,
            "JSON không có danh sách hồ sơ",
            sink,
        );
    }

    /// Text after the end of the JSON: its first bytes are kept for one malformed record (given
    /// at the end of the file), unless it is white space.
    fn trailing(&mut self, text: &[u8]) {
        if self.reported {
            return;
        }
        let text = if self.tail.is_empty() {
            text.trim_ascii_start()
        } else {
            text
        };
        let room = 256usize.saturating_sub(self.tail.len());
        self.tail.extend_from_slice(&text[..text.len().min(room)]);
    }

    /// The element ends before `text[end]`: parsed and handed out.
    fn end_elem<S: Sink>(
        &mut self,
        text: &[u8],
        end: usize,
        from: &mut Option<usize>,
        rows: &mut Rows,
        sink: &mut S,
    ) {
        let Some(mut buf) = self.elem.take() else {
            return;
        };
        if let Some(f) = from.take() {
            append(&mut buf, &text[f..end], &mut self.too_big);
        }
        let row = self.ordinal + 1;
        let bytes = buf.trim_ascii();
        if std::mem::take(&mut self.too_big) {
            rows.malformed(row, bytes, "bản ghi JSON quá lớn (hơn 16 MiB)", sink);
        } else if self.phase == Phase::Extra {
            let why = format!(
                "phần tử của «{}», không thuộc danh sách hồ sơ «{}»",
                self.extra_key, self.data_key
            );
            rows.malformed(row, bytes, &why, sink);
        } else if bytes.first() != Some(&b'{') {
            rows.malformed(row, bytes, "phần tử không phải một đối tượng JSON", sink);
        } else {
            if self.signature.is_none() {
                self.signature = first_key(bytes);
            }
            rows.object(row, bytes, sink);
        }
        self.elem_done = false;
    }

    /// The structure broke at `text[at]`: the element so far is malformed; inside records the
    /// scanner resyncs, before them the file cannot be read further.
    fn broken<S: Sink>(
        &mut self,
        text: &[u8],
        at: usize,
        from: &mut Option<usize>,
        why: &str,
        rows: &mut Rows,
        sink: &mut S,
    ) {
        let why = format!("JSON không hợp lệ: {why}");
        let in_records = matches!(self.phase, Phase::Records | Phase::Extra);
        if let Some(mut buf) = self.elem.take() {
            if let Some(f) = from.take() {
                append(&mut buf, &text[f..at], &mut self.too_big);
            }
            self.too_big = false;
            rows.malformed(self.ordinal + 1, buf.trim_ascii(), &why, sink);
        } else if in_records || self.found {
            self.ordinal += 1;
            rows.malformed(self.ordinal + 1, &text[at..], &why, sink);
        } else {
            rows.warn(format!("Tệp JSON hỏng trước danh sách hồ sơ ({why})"));
            self.reported = true;
            self.ordinal += 1;
            let first = std::mem::take(&mut self.first);
            rows.malformed(self.ordinal + 1, &first, &why, sink);
            self.phase = Phase::Done;
            self.reported = true;
            return;
        }
        self.in_str = false;
        self.esc = false;
        self.elem_done = false;
        self.sync.clear();
        if in_records {
            self.resume = self.phase;
            self.phase = Phase::Resync;
        } else {
            // after the records, in the top object: nothing more to read
            self.phase = Phase::Done;
            self.reported = true;
        }
    }

    /// Looks for the next record's start (`{` then the first key); returns where to go on.
    fn resync(&mut self, text: &[u8], mut i: usize, from: &mut Option<usize>) -> usize {
        let generic = b"\"".to_vec();
        while i < text.len() {
            if self.sync.is_empty() {
                match memchr::memchr(b'{', &text[i..]) {
                    None => return text.len(),
                    Some(p) => {
                        i += p + 1;
                        self.sync.push(b'{');
                        continue;
                    }
                }
            }
            if self.sync.len() > 1024 {
                self.sync.clear();
                continue;
            }
            let sig = self.signature.as_ref().unwrap_or(&generic);
            let matched = self
                .sync
                .iter()
                .skip(1)
                .filter(|c| !c.is_ascii_whitespace());
            let k = matched.count();
            let c = text[i];
            if k == 0 && c.is_ascii_whitespace() {
                self.sync.push(c);
            } else if sig.get(k) == Some(&c) {
                self.sync.push(c);
                if k + 1 == sig.len() {
                    let generic_sig = self.signature.is_none();
                    self.kinds.clear();
                    if self.wrapper {
                        self.kinds.push(true);
                    }
                    self.kinds.push(false);
                    self.kinds.push(true);
                    self.depth = self.rec_depth + 1;
                    self.in_str = generic_sig;
                    self.esc = false;
                    self.elem = Some(std::mem::take(&mut self.sync));
                    self.elem_done = false;
                    self.ordinal += 1;
                    self.phase = self.resume;
                    *from = Some(i + 1);
                    return i + 1;
                }
            } else {
                self.sync.clear();
                if c == b'{' {
                    self.sync.push(b'{');
                }
            }
            i += 1;
        }
        i
    }

    pub(crate) fn finish<S: Sink>(&mut self, rows: &mut Rows, sink: &mut S) {
        if let Some(buf) = self.elem.take() {
            let why = "JSON bị cắt cụt: tệp kết thúc giữa một bản ghi";
            rows.malformed(self.ordinal + 1, buf.trim_ascii(), why, sink);
        }
        if !self.tail.is_empty() && !self.reported {
            self.ordinal += 1;
            rows.malformed(self.ordinal + 1, &self.tail, "nội dung thừa sau JSON", sink);
        }
        if !self.found && self.phase != Phase::Done {
            self.no_records(rows, sink);
        } else if self.depth > 0 && self.phase != Phase::Resync {
            rows.warn("Tệp JSON bị cắt cụt (thiếu phần cuối)".into());
        }
        if !self.wrapper && self.ordinal > 0 && rows.objects() == 0 {
            rows.warn("Mảng JSON không chứa đối tượng nào: không có hồ sơ".into());
        }
    }
}

/// Appends a part of a record, holding at most [`MAX_RECORD`] bytes (then only the first 256).
fn append(buf: &mut Vec<u8>, part: &[u8], too_big: &mut bool) {
    if *too_big {
        return;
    }
    if buf.len() + part.len() > MAX_RECORD {
        *too_big = true;
        let room = 256usize.saturating_sub(buf.len());
        buf.truncate(256);
        buf.extend_from_slice(&part[..part.len().min(room)]);
    } else {
        buf.extend_from_slice(part);
    }
}

/// An object's first key as written, quotes included (`"MaHoSo"`).
fn first_key(obj: &[u8]) -> Option<Vec<u8>> {
    let rest = obj.strip_prefix(b"{")?.trim_ascii_start();
    let body = rest.strip_prefix(b"\"")?;
    let mut esc = false;
    for (i, &c) in body.iter().enumerate() {
        match c {
            _ if esc => esc = false,
            b'\\' => esc = true,
            b'"' => return Some(rest[..i + 2].to_vec()),
            _ => {}
        }
    }
    None
}
