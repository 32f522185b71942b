//! HTML tables saved as `.xls`: what several one-stop systems export (an Excel-HTML page with
//! `x:ExcelWorkbook`, `mso-number-format`, numbers already written «1.234»), read into records.
//!
//! - Kind: [`looks_like_html`] on the first bytes (markup first, then `<table` or `<html`).
//! - Encoding: a BOM (or UTF-16 without one) wins; then a `<meta charset=…>` /
//!   `content="text/html; charset=…"` the `encoding_rs` knows (windows-1258 text is put in NFC);
//!   bytes that are valid UTF-8 stay UTF-8 whatever the page declares; otherwise
//!   [`decode_text_with`] (UTF-8, or a legacy Vietnamese encoding found from the text, with the
//!   detector's doubt as a warning).
//! - Records: every `<tr>` of every table, in the order the rows end, is one record; rows are
//!   numbered 1, 2, … in that order; a row whose cells are all empty is a blank line. For tables
//!   that are not nested this is document order. A table inside a cell is not flattened into
//!   that cell: its rows are records of their own, handed out before the row that holds it (which
//!   ends after them); the cell keeps only its own text around the inner table.
//! - Cells are `<td>` / `<th>`; their text as a browser shows it: tags dropped, `<br>` a line
//!   break, `<p>` / `<div>` (and other blocks) start a new line, entities decoded (named, decimal,
//!   hex), runs of white space (and `&nbsp;`) one space, trimmed. `colspan=n` is the cell then
//!   n − 1 empty cells; `rowspan=n` leaves empty cells at its columns in the n − 1 rows below.
//!   `colspan` is capped at 1000 and `rowspan` at 65534 as browsers do (`rowspan=0` counts as 1);
//!   a row stops at [`MAX_COLUMNS`].
//! - Ignored: comments, `<!…>` / `<?…>`, the content of `<script>`, `<style>`, `<title>` and
//!   the other raw-text elements, text outside cells (the page head, captions, text between
//!   cells). Hidden rows and columns (`display:none`) are read like the others. Omitted end tags
//!   (`</td>`, `</tr>`, `</table>`) and upper-case tags are fine.
//!
//! One pass over the text, `memchr` between tags and entities.

use crate::basics::text::nfc;
use crate::table::html_entities::entity;
use crate::table::reader::{Format, Record, Sink};
use crate::table::sheet::{decode_text, decode_text_with};
use memchr::memmem;

/// Bytes of the page looked at to tell the kind and find a declared charset.
const PREFIX: usize = 4096;

/// Cells of one row at most (a spreadsheet's width).
pub const MAX_COLUMNS: usize = crate::basics::limits::MAX_COLUMNS;

/// Tags that may open an HTML page or fragment.
const OPENING_TAGS: [&str; 34] = [
    "html", "head", "body", "table", "meta", "title", "style", "div", "p", "span", "font",
    "center", "br", "b", "i", "u", "strong", "link", "script", "base", "thead", "tbody", "tr",
    "td", "th", "caption", "colgroup", "col", "h1", "h2", "h3", "xml", "form", "hr",
];

/// Whether the first bytes of a file are an HTML page with a table (a `.xls` saved as HTML):
/// after an optional BOM and white space, markup (`<!doctype`, `<!--`, `<?xml`, or a known HTML
/// element) and, within the first 4 KiB, `<table` or `<html` (ASCII case ignored). A delimited
/// text whose first cell merely starts with `<` («<Mã hồ sơ>,…») is not claimed.
pub fn looks_like_html(prefix: &[u8]) -> bool {
    let (text, _) = decode_text(&prefix[..prefix.len().min(PREFIX)]);
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let lower = t.to_ascii_lowercase();
    let b = lower.as_bytes();
    if b.first() != Some(&b'<') {
        return false;
    }
    let markup = ["<!doctype", "<!--", "<?xml"]
        .iter()
        .any(|m| lower.starts_with(m))
        || {
            let name_len = b[1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            let after = b.get(1 + name_len).copied();
            OPENING_TAGS.contains(&&lower[1..1 + name_len])
                && matches!(after, Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n'))
        };
    markup && (memmem::find(b, b"<table").is_some() || memmem::find(b, b"<html").is_some())
}

/// Reads an HTML page (whole) into records: the format first, then every table row. Never
/// panics; a page without a table gives the format and no record.
pub fn read_html<S: Sink>(bytes: &[u8], sink: &mut S) {
    let (text, encoding, warnings) = decode_html(bytes);
    sink.format(&Format {
        kind: "html",
        encoding,
        delimiter: 0,
        sheet: None,
        sheets: Vec::new(),
        hidden_columns: Vec::new(),
        warnings,
    });
    let mut p = Parser {
        sink,
        tables: Vec::new(),
        spare: Vec::new(),
        row: 0,
        blanks: 0,
    };
    p.run(text.as_bytes());
    while !p.tables.is_empty() {
        p.end_table();
    }
    p.flush_blanks();
}

/// The code pages a page may declare and be read in (besides UTF-8 and UTF-16, which are
/// detected): Windows-1258 and Windows-1252 (also ISO-8859-1 and ASCII, which the WHATWG labels
/// map to it). Another declared code page is not one of Vietnamese data: the text's encoding is
/// detected, with a warning. (A short list on purpose: a code page chosen at run time from all
/// of encoding_rs's would bring its CJK tables into the page's wasm.)
const DECLARED: [&encoding_rs::Encoding; 2] =
    [encoding_rs::WINDOWS_1258, encoding_rs::WINDOWS_1252];

/// The page's text, the encoding's name and doubts about it.
fn decode_html(bytes: &[u8]) -> (String, &'static str, Vec<String>) {
    let mut warnings = Vec::new();
    let unicode_mark = bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || (bytes.len() >= 4 && (bytes[1] == 0 && bytes[3] == 0 || bytes[0] == 0 && bytes[2] == 0));
    if !unicode_mark {
        let label = declared_charset(&bytes[..bytes.len().min(PREFIX)]);
        let declared = label
            .as_deref()
            .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
        if let (Some(l), Some(e)) = (&label, declared) {
            if !DECLARED.contains(&e) && e != encoding_rs::UTF_8 && e.is_ascii_compatible() {
                warnings.push(format!(
                    "Trang khai báo bảng mã «{l}», không dùng cho dữ liệu tiếng Việt: bảng mã được nhận tự động"
                ));
            }
        }
        if let Some(enc) = declared.filter(|e| DECLARED.contains(e)) {
            if let Ok(s) = std::str::from_utf8(bytes) {
                if !s.is_ascii() {
                    warnings.push(format!(
                        "Trang khai báo bảng mã {} nhưng nội dung là UTF-8 hợp lệ: đọc theo UTF-8",
                        enc.name()
                    ));
                }
                return (s.to_string(), "utf-8", warnings);
            }
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return (nfc(&text).into_owned(), enc.name(), warnings);
        }
    }
    let (text, encoding, doubt) = decode_text_with(bytes, None);
    warnings.extend(doubt);
    (text, encoding, warnings)
}

/// The charset a `<meta>` of the page declares (`charset=…` inside the tag), lower-cased.
fn declared_charset(prefix: &[u8]) -> Option<String> {
    let lower = prefix.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = memmem::find(&lower[from..], b"<meta") {
        let start = from + p;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start().strip_prefix(b"=").unwrap_or(b"");
            let rest = rest.trim_ascii_start();
            let rest = rest
                .strip_prefix(b"\"")
                .or(rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let label: Vec<u8> = rest
                .iter()
                .copied()
                .take_while(|c| c.is_ascii_alphanumeric() || b"-_.:".contains(c))
                .collect();
            if !label.is_empty() {
                return Some(String::from_utf8_lossy(&label).into_owned());
            }
        }
        from = end;
    }
    None
}

/// The cell being filled: where its text starts in the row's buffer, its spans, and the white
/// space seen since its last character (a space, or line breaks).
struct Cell {
    start: usize,
    colspan: usize,
    rowspan: u32,
    space: bool,
    breaks: u8,
    /// Past [`MAX_COLUMNS`]: its text is dropped.
    discard: bool,
}

/// The row being read: cells as spans into one buffer.
#[derive(Default)]
struct Row {
    buf: Vec<u8>,
    spans: Vec<(usize, usize)>,
    /// Columns taken by a `rowspan` from a row above.
    covered: Vec<bool>,
    cell: Option<Cell>,
}

/// One open table: its open row and the `rowspan`s still running per column.
struct Table {
    row: Option<Row>,
    pending: Vec<u32>,
}

struct Parser<'s, S: Sink> {
    sink: &'s mut S,
    /// Open tables, innermost last.
    tables: Vec<Table>,
    /// Rows kept for reuse of their buffers.
    spare: Vec<Row>,
    /// Rows handed out so far.
    row: u64,
    /// Blank rows not yet handed out.
    blanks: u64,
}

impl<S: Sink> Parser<'_, S> {
    fn run(&mut self, s: &[u8]) {
        let mut i = 0;
        while i < s.len() {
            let lt = memchr::memchr(b'<', &s[i..]).map_or(s.len(), |p| i + p);
            if lt > i {
                self.text(&s[i..lt]);
            }
            if lt >= s.len() {
                break;
            }
            i = self.markup(s, lt);
        }
    }

    /// The markup at `s[at] == '<'`; returns where the text after it starts.
    fn markup(&mut self, s: &[u8], at: usize) -> usize {
        let rest = &s[at + 1..];
        if rest.starts_with(b"!--") {
            return memmem::find(&s[at + 2..], b"-->").map_or(s.len(), |p| at + 2 + p + 3);
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            return memchr::memchr(b'>', rest).map_or(s.len(), |p| at + 1 + p + 1);
        }
        let (end_tag, name_at) = match rest.first() {
            Some(b'/') => (true, at + 2),
            _ => (false, at + 1),
        };
        let name_len = s[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b':' || **c == b'-')
            .count();
        if name_len == 0 || !s[name_at].is_ascii_alphabetic() {
            if end_tag {
                // `</>` or `</ …>`: a bogus comment
                return memchr::memchr(b'>', rest).map_or(s.len(), |p| at + 1 + p + 1);
            }
            self.text(b"<");
            return at + 1;
        }
        let mut name = [0u8; 12];
        let n = name_len.min(name.len());
        for (d, c) in name.iter_mut().zip(&s[name_at..name_at + n]) {
            *d = c.to_ascii_lowercase();
        }
        let name: &[u8] = if name_len > name.len() {
            b""
        } else {
            &name[..n]
        };
        let (end, span) = scan_tag(s, name_at + name_len);
        if end_tag {
            self.end_tag(name);
            return end;
        }
        self.start_tag(name, span);
        if matches!(
            name,
            b"script"
                | b"style"
                | b"title"
                | b"textarea"
                | b"xmp"
                | b"iframe"
                | b"noembed"
                | b"noframes"
                | b"noscript"
        ) {
            return skip_raw_text(s, end, name);
        }
        end
    }

    fn start_tag(&mut self, name: &[u8], attrs: Attrs) {
        match name {
            b"table" => self.tables.push(Table {
                row: None,
                pending: Vec::new(),
            }),
            b"tr" if !self.tables.is_empty() => {
                self.end_row();
                self.start_row();
            }
            b"td" | b"th" => {
                if self.tables.is_empty() {
                    return;
                }
                if self.tables.last().is_some_and(|t| t.row.is_none()) {
                    self.start_row();
                }
                self.end_cell();
                self.start_cell(attrs);
            }
            b"thead" | b"tbody" | b"tfoot" | b"caption" | b"colgroup" => self.end_row(),
            b"br" => self.line_break(true),
            _ if is_block(name) => self.line_break(false),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        match name {
            b"table" if !self.tables.is_empty() => self.end_table(),
            b"tr" | b"thead" | b"tbody" | b"tfoot" => self.end_row(),
            b"td" | b"th" => self.end_cell(),
            b"br" => self.line_break(true),
            _ if is_block(name) => self.line_break(false),
            _ => {}
        }
    }

    fn end_table(&mut self) {
        self.end_row();
        self.tables.pop();
    }

    fn start_row(&mut self) {
        let mut row = self.spare.pop().unwrap_or_default();
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        row.covered.clear();
        row.covered.extend(t.pending.iter().map(|&p| p > 0));
        for p in t.pending.iter_mut().filter(|p| **p > 0) {
            *p -= 1;
        }
        t.row = Some(row);
    }

    fn start_cell(&mut self, attrs: Attrs) {
        let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) else {
            return;
        };
        while row.covered.get(row.spans.len()) == Some(&true) {
            let at = row.buf.len();
            row.spans.push((at, at));
        }
        row.cell = Some(Cell {
            start: row.buf.len(),
            colspan: attrs.colspan,
            rowspan: attrs.rowspan,
            space: false,
            breaks: 0,
            discard: row.spans.len() >= MAX_COLUMNS,
        });
    }

    fn end_cell(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = t.row.as_mut() else {
            return;
        };
        let Some(cell) = row.cell.take() else {
            return;
        };
        if cell.discard {
            return;
        }
        let col = row.spans.len();
        row.spans.push((cell.start, row.buf.len()));
        let end = (col + cell.colspan).min(MAX_COLUMNS);
        let at = row.buf.len();
        row.spans.resize(end.max(col + 1), (at, at));
        if cell.rowspan > 1 {
            if t.pending.len() < end {
                t.pending.resize(end, 0);
            }
            for p in &mut t.pending[col..end] {
                *p = cell.rowspan - 1;
            }
        }
    }

    /// Ends the innermost table's open row, if any, and hands it out.
    fn end_row(&mut self) {
        self.end_cell();
        let Some(mut row) = self.tables.last_mut().and_then(|t| t.row.take()) else {
            return;
        };
        if row.spans.iter().all(|&(a, b)| a == b) {
            self.blanks += 1;
        } else {
            self.flush_blanks();
            self.row += 1;
            self.sink
                .record(self.row, &Record::new(&row.buf, &row.spans));
        }
        row.buf.clear();
        row.spans.clear();
        self.spare.push(row);
    }

    fn flush_blanks(&mut self) {
        if self.blanks > 0 {
            self.row += self.blanks;
            self.sink.blank_lines(self.row, self.blanks);
            self.blanks = 0;
        }
    }

    /// The open cell of the innermost table, with its row's buffer.
    fn cell(&mut self) -> Option<(&mut Cell, &mut Vec<u8>)> {
        let row = self.tables.last_mut()?.row.as_mut()?;
        let cell = row.cell.as_mut().filter(|c| !c.discard)?;
        Some((cell, &mut row.buf))
    }

    /// `<br>` (a line break of its own) or a block's edge (a new line if text came before).
    fn line_break(&mut self, hard: bool) {
        if let Some((cell, buf)) = self.cell() {
            if hard {
                cell.breaks = cell.breaks.saturating_add(1);
            } else if buf.len() > cell.start {
                cell.breaks = cell.breaks.max(1);
            }
        }
    }

    /// Text between tags: entities decoded, white space collapsed, into the open cell.
    fn text(&mut self, t: &[u8]) {
        let Some((cell, buf)) = self.cell() else {
            return;
        };
        let mut i = 0;
        while i < t.len() {
            let amp = memchr::memchr(b'&', &t[i..]).map_or(t.len(), |p| i + p);
            push_text(cell, buf, &t[i..amp]);
            if amp >= t.len() {
                break;
            }
            let (ch, used) = entity(&t[amp..]);
            let mut utf8 = [0u8; 4];
            push_text(cell, buf, ch.encode_utf8(&mut utf8).as_bytes());
            i = amp + used;
        }
    }
}

/// Appends text to a cell as a browser lays it out: white space (ASCII and no-break) runs are
/// one space between words, none at the cell's edges; pending line breaks come before the next
/// character.
fn push_text(cell: &mut Cell, buf: &mut Vec<u8>, t: &[u8]) {
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        let nbsp = c == 0xC2 && t.get(i + 1) == Some(&0xA0);
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0C) || nbsp {
            cell.space = true;
            i += 1 + usize::from(nbsp);
            continue;
        }
        if buf.len() > cell.start {
            if cell.breaks > 0 {
                buf.extend(std::iter::repeat_n(b'\n', usize::from(cell.breaks)));
            } else if cell.space {
                buf.push(b' ');
            }
        }
        cell.breaks = 0;
        cell.space = false;
        buf.push(c);
        i += 1;
    }
}

/// Elements that start a new line inside a cell.
fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"li"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"pre"
            | b"blockquote"
            | b"hr"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
    )
}

/// What a cell tag says about its span.
#[derive(Clone, Copy)]
struct Attrs {
    colspan: usize,
    rowspan: u32,
}

/// Reads a tag's attributes from `from` (just after its name) to its `>`, quotes respected.
/// Returns where the text after the tag starts and the cell spans it sets.
fn scan_tag(s: &[u8], mut i: usize) -> (usize, Attrs) {
    let mut a = Attrs {
        colspan: 1,
        rowspan: 1,
    };
    loop {
        while i < s.len() && (s[i].is_ascii_whitespace() || s[i] == b'/') {
            i += 1;
        }
        if i >= s.len() {
            return (s.len(), a);
        }
        if s[i] == b'>' {
            return (i + 1, a);
        }
        let name_start = i;
        while i < s.len() && !matches!(s[i], b'=' | b'>' | b'/') && !s[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &s[name_start..i];
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr::memchr(q, &s[i + 1..]).map_or(s.len(), |p| i + 1 + p);
                let v = &s[i + 1..end];
                i = (end + 1).min(s.len());
                v
            }
            _ => {
                let start = i;
                while i < s.len() && s[i] != b'>' && !s[i].is_ascii_whitespace() {
                    i += 1;
                }
                &s[start..i]
            }
        };
        if name.eq_ignore_ascii_case(b"colspan") {
            a.colspan = leading_number(value).clamp(1, 1000) as usize;
        } else if name.eq_ignore_ascii_case(b"rowspan") {
            a.rowspan = leading_number(value).clamp(1, 65_534);
        }
    }
}

/// The number a browser reads from an attribute: leading digits after white space (0 if none).
fn leading_number(v: &[u8]) -> u32 {
    v.trim_ascii_start()
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .fold(0u32, |n, &c| {
            n.saturating_mul(10).saturating_add(u32::from(c - b'0'))
        })
}

/// Skips a raw-text element's content up to its end tag; returns where the text after it starts.
fn skip_raw_text(s: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = memmem::find(&s[i..], b"</") {
        let at = i + p + 2;
        let n = name.len();
        if s.len() >= at + n && s[at..at + n].eq_ignore_ascii_case(name) {
            let after = s.get(at + n).copied();
            if after.is_none_or(|c| c == b'>' || c == b'/' || c.is_ascii_whitespace()) {
                return scan_tag(s, at + n).0;
            }
        }
        i = at;
    }
    s.len()
}
