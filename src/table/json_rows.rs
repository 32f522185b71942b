//! JSON objects to rows of cells, for [`crate::table::json`]: one object parsed (serde_json, key
//! order kept), flattened to cells, the header made from the keys of the first objects, and the
//! rows handed to the [`Sink`].
//!
//! Flattening (a key path is the keys joined by `.`):
//! - a string is its text as is; a number its value (integers exactly as written, decimals in
//!   their shortest form: `81.610` → `81.61`); `true` / `false` → `1` / `0`; `null` → empty;
//! - an object: its keys, under `parent.child`;
//! - an array holding objects (`TaiLieuNop: [{…}, {…}]`): `parent` = the number of elements and,
//!   for each key `k` of the objects (flattened the same way), a cell `parent.k`: when every
//!   value of `k` is a flag (a boolean, `0` / `1`, `"0"` / `"1"`, `"true"` / `"false"`, empty) it
//!   is `1` if any element's value is true (`true`, `1`, `"1"`, `"true"`) else `0`; otherwise the
//!   distinct non-empty values joined by `; `. So `TaiLieuNop.DuocSoHoa` is `1` when any
//!   submitted document is digitised;
//! - any other array: its values joined by `; ` (a nested array in brackets).
//!
//! The header is the union of the keys of the first [`WINDOW_OBJECTS`] objects (or the objects of
//! the first [`WINDOW_BYTES`]), in first-seen order: those objects are held until the window
//! closes, then the format, the header (row 1) and the held rows go out. A key first seen after
//! the window has no column: its values are dropped and the key is listed in
//! `Rows::late_keys` (and in `Rows::late_warnings`).

use crate::table::reader::{Format, RowBuf, Sink};
use rustc_hash::FxHashMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;

/// Objects whose keys make the header.
pub const WINDOW_OBJECTS: usize = 1000;
/// Bytes of objects whose keys make the header, if fewer objects fill them.
pub const WINDOW_BYTES: usize = 1 << 20;
/// Events held before the window closes even without objects (malformed records, blank lines).
const WINDOW_EVENTS: usize = 5000;
/// The warning for bytes that are not UTF-8.
const LOSSY: &str = "Tệp JSON có byte không phải UTF-8: đã thay bằng «�», chữ có dấu có thể sai";
/// Bytes of a malformed record's text kept.
pub(crate) const TEXT_CUT: usize = 200;

/// One JSON value, object keys in file order, strings borrowed when unescaped.
enum Node<'a> {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    Obj(Vec<(Cow<'a, str>, Node<'a>)>),
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(Node::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Int(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node<'de>, E> {
        Ok(Node::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(n) = seq.next_element()? {
            items.push(n);
        }
        Ok(Node::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some((Key(k), v)) = map.next_entry()? {
            entries.push((k, v));
        }
        Ok(Node::Obj(entries))
    }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

/// An object key, borrowed when it has no escape.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A scalar's cell text; `None` for an array or object.
fn scalar<'a>(n: &'a Node<'a>) -> Option<Cow<'a, str>> {
    Some(match n {
        Node::Null => Cow::Borrowed(""),
        Node::Bool(b) => Cow::Borrowed(if *b { "1" } else { "0" }),
        Node::Int(i) => Cow::Owned(i.to_string()),
        Node::Float(f) => Cow::Owned(f.to_string()),
        Node::Str(s) => Cow::Borrowed(s.as_ref()),
        Node::Arr(_) | Node::Obj(_) => return None,
    })
}

/// Flattens an object's entries under `prefix` (see the module docs), calling `out` per cell.
fn flatten(entries: &[(Cow<str>, Node)], prefix: &mut String, out: &mut dyn FnMut(&str, &str)) {
    for (k, v) in entries {
        let len = prefix.len();
        if len > 0 {
            prefix.push('.');
        }
        prefix.push_str(k);
        match v {
            Node::Obj(o) => flatten(o, prefix, out),
            Node::Arr(items) => array(items, prefix, out),
            n => out(prefix, &scalar(n).unwrap_or_default()),
        }
        prefix.truncate(len);
    }
}

/// One key of the objects of an array: flag-like so far, any true, the distinct values.
struct Agg {
    key: String,
    flags: bool,
    any: bool,
    values: Vec<String>,
}

fn array(items: &[Node], prefix: &mut String, out: &mut dyn FnMut(&str, &str)) {
    if !items.iter().any(|n| matches!(n, Node::Obj(_))) {
        let mut joined = String::new();
        join(items, &mut joined);
        out(prefix, &joined);
        return;
    }
    out(prefix, &items.len().to_string());
    let mut aggs: Vec<Agg> = Vec::new();
    let mut sub = String::new();
    for item in items {
        let Node::Obj(o) = item else { continue };
        flatten(o, &mut sub, &mut |k, v| {
            let i = match aggs.iter().position(|a| a.key == k) {
                Some(i) => i,
                None => {
                    aggs.push(Agg {
                        key: k.to_string(),
                        flags: true,
                        any: false,
                        values: Vec::new(),
                    });
                    aggs.len() - 1
                }
            };
            let a = &mut aggs[i];
            let t = v.trim();
            let flag = matches!(t, "" | "0" | "1")
                || ["true", "false"].iter().any(|f| t.eq_ignore_ascii_case(f));
            a.flags &= flag;
            a.any |= t == "1" || t.eq_ignore_ascii_case("true");
            if !t.is_empty() && !a.values.iter().any(|x| x == t) {
                a.values.push(t.to_string());
            }
        });
    }
    let len = prefix.len();
    for a in aggs {
        prefix.push('.');
        prefix.push_str(&a.key);
        if a.flags {
            out(prefix, if a.any { "1" } else { "0" });
        } else {
            out(prefix, &a.values.join("; "));
        }
        prefix.truncate(len);
    }
}

/// The values of an array of scalars joined by `; ` (nested arrays in brackets).
fn join(items: &[Node], s: &mut String) {
    for n in items {
        let start = s.len();
        if !s.is_empty() && !s.ends_with('[') {
            s.push_str("; ");
        }
        match n {
            Node::Arr(inner) => {
                s.push('[');
                join(inner, s);
                s.push(']');
            }
            Node::Obj(_) | Node::Null => s.truncate(start),
            n => s.push_str(&scalar(n).unwrap_or_default()),
        }
    }
}

/// What the window holds until the header is known.
enum Event {
    Object(u64, Vec<(String, String)>),
    Malformed(u64, Vec<u8>, String),
    Blank(u64),
}

/// The rows of one JSON file: the window, the header, and the rows handed out.
pub(crate) struct Rows {
    /// `json` or `jsonl`, set by the reader when it knows.
    pub kind: &'static str,
    pub encoding: &'static str,
    pub(crate) warnings: Vec<String>,
    /// The format and the header have gone out.
    started: bool,
    window: Vec<Event>,
    objects: usize,
    object_bytes: usize,
    keys: Vec<String>,
    index: FxHashMap<String, usize>,
    late_keys: Vec<String>,
    late_warnings: Vec<String>,
    cells: Vec<String>,
    row: RowBuf,
    prefix: String,
    /// Some object was not valid UTF-8 (read with U+FFFD).
    lossy: bool,
}

impl Default for Rows {
    fn default() -> Self {
        Rows {
            kind: "json",
            encoding: "utf-8",
            warnings: Vec::new(),
            started: false,
            window: Vec::new(),
            objects: 0,
            object_bytes: 0,
            keys: Vec::new(),
            index: FxHashMap::default(),
            late_keys: Vec::new(),
            late_warnings: Vec::new(),
            cells: Vec::new(),
            row: RowBuf::default(),
            prefix: String::new(),
            lossy: false,
        }
    }
}

impl Rows {
    /// A doubt about the file for the format's warnings (kept for [`Rows::late_warnings`] once
    /// the format has gone out).
    pub fn warn(&mut self, text: String) {
        if self.started {
            if !self.late_warnings.contains(&text) {
                self.late_warnings.push(text);
            }
        } else if !self.warnings.contains(&text) {
            self.warnings.push(text);
        }
    }

    /// Keys first seen after the header was made (at most 100): they have no column.
    pub fn late_keys(&self) -> &[String] {
        &self.late_keys
    }

    /// Doubts found after the format went out, in Vietnamese, the late keys first.
    pub fn late_warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if !self.late_keys.is_empty() {
            w.push(format!(
                "Các trường chỉ có từ sau {WINDOW_OBJECTS} hồ sơ đầu không được đọc: {}",
                self.late_keys.join(", ")
            ));
        }
        w.extend(self.late_warnings.iter().cloned());
        w
    }

    /// Objects read so far.
    pub fn objects(&self) -> usize {
        self.objects
    }

    /// One record's bytes at `row`: an object's row, or a malformed record.
    pub fn object<S: Sink>(&mut self, row: u64, bytes: &[u8], sink: &mut S) {
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => Cow::Borrowed(t),
            Err(_) => {
                if !std::mem::replace(&mut self.lossy, true) && self.started {
                    self.late_warnings.push(LOSSY.into());
                }
                String::from_utf8_lossy(bytes)
            }
        };
        let entries = match serde_json::from_str::<Node>(&text) {
            Ok(Node::Obj(entries)) => entries,
            Ok(_) => return self.malformed(row, bytes, "không phải một đối tượng JSON", sink),
            Err(e) => {
                let why = format!("JSON không hợp lệ: {e}");
                return self.malformed(row, bytes, &why, sink);
            }
        };
        self.objects += 1;
        if self.started {
            self.put(row, &entries, sink);
            return;
        }
        let mut pairs = Vec::new();
        let (keys, index) = (&mut self.keys, &mut self.index);
        flatten(&entries, &mut self.prefix, &mut |k, v| {
            if !index.contains_key(k) {
                index.insert(k.to_string(), keys.len());
                keys.push(k.to_string());
            }
            pairs.push((k.to_string(), v.to_string()));
        });
        self.window.push(Event::Object(row, pairs));
        self.object_bytes += bytes.len();
        if self.objects >= WINDOW_OBJECTS || self.object_bytes >= WINDOW_BYTES {
            self.start(sink);
        }
    }

    /// A record that cannot be read: `text` cut to [`TEXT_CUT`] bytes.
    pub fn malformed<S: Sink>(&mut self, row: u64, text: &[u8], why: &str, sink: &mut S) {
        let text = cut(text);
        if self.started {
            sink.malformed(row, text, why);
        } else {
            self.window
                .push(Event::Malformed(row, text.to_vec(), why.to_string()));
            self.check_window(sink);
        }
    }

    /// A blank line (JSON Lines).
    pub fn blank<S: Sink>(&mut self, row: u64, sink: &mut S) {
        if self.started {
            sink.blank_lines(row, 1);
        } else {
            self.window.push(Event::Blank(row));
            self.check_window(sink);
        }
    }

    fn check_window<S: Sink>(&mut self, sink: &mut S) {
        if self.window.len() >= WINDOW_EVENTS {
            self.start(sink);
        }
    }

    /// Ends the file: what the window still holds goes out.
    pub fn finish<S: Sink>(&mut self, sink: &mut S) {
        if !self.started {
            self.start(sink);
        }
    }

    /// The format, the header (row 1) and the rows held in the window.
    fn start<S: Sink>(&mut self, sink: &mut S) {
        if self.lossy {
            self.warnings.push(LOSSY.into());
        }
        sink.format(&Format {
            kind: self.kind,
            encoding: self.encoding,
            delimiter: 0,
            sheet: None,
            sheets: Vec::new(),
            hidden_columns: Vec::new(),
            warnings: std::mem::take(&mut self.warnings),
        });
        self.started = true;
        self.cells = vec![String::new(); self.keys.len()];
        if !self.keys.is_empty() {
            self.row.clear();
            for k in &self.keys {
                self.row.push(k.as_bytes());
            }
            sink.record(1, &self.row.record());
        }
        for e in std::mem::take(&mut self.window) {
            match e {
                Event::Object(row, pairs) => {
                    for c in &mut self.cells {
                        c.clear();
                    }
                    for (k, v) in &pairs {
                        if let Some(&i) = self.index.get(k.as_str()) {
                            self.cells[i].clone_from(v);
                        }
                    }
                    self.emit(row, sink);
                }
                Event::Malformed(row, text, why) => sink.malformed(row, &text, &why),
                Event::Blank(row) => sink.blank_lines(row, 1),
            }
        }
    }

    /// An object after the window: its cells in header order.
    fn put<S: Sink>(&mut self, row: u64, entries: &[(Cow<str>, Node)], sink: &mut S) {
        for c in &mut self.cells {
            c.clear();
        }
        let (cells, index, late) = (&mut self.cells, &self.index, &mut self.late_keys);
        flatten(entries, &mut self.prefix, &mut |k, v| match index.get(k) {
            Some(&i) => {
                cells[i].clear();
                cells[i].push_str(v);
            }
            None => {
                if late.len() < 100 && !late.iter().any(|l| l == k) {
                    late.push(k.to_string());
                }
            }
        });
        self.emit(row, sink);
    }

    fn emit<S: Sink>(&mut self, row: u64, sink: &mut S) {
        self.row.clear();
        for c in &self.cells {
            self.row.push(c.as_bytes());
        }
        sink.record(row, &self.row.record());
    }
}

/// The first [`TEXT_CUT`] bytes of a text, not splitting a UTF-8 character.
pub(crate) fn cut(text: &[u8]) -> &[u8] {
    if text.len() <= TEXT_CUT {
        return text;
    }
    let mut end = TEXT_CUT;
    while end > 0 && (text[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(json: &str) -> Vec<(String, String)> {
        let Node::Obj(o) = serde_json::from_str::<Node>(json).unwrap() else {
            panic!("not an object")
        };
        let mut v = Vec::new();
        flatten(&o, &mut String::new(), &mut |k, x| {
            v.push((k.to_string(), x.to_string()))
        });
        v
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn flattening() {
        let got = flat(
            r#"{"b":"x\u00e0","a":1,"f":81.610,"big":18446744073709551615,"t":true,"n":null,
            "o":{"p":{"q":-2}},
            "TaiLieuNop":[{"Ten":"a.pdf","DuocSoHoa":0},{"Ten":"b.pdf","DuocSoHoa":"1","X":{"y":true}},{"Ten":"a.pdf"}],
            "none":[{"DuocSoHoa":false},{"DuocSoHoa":null}],
            "tags":["x",2,null,[1,2],false],"empty":[]}"#,
        );
        assert_eq!(
            got,
            pairs(&[
                ("b", "xà"),
                ("a", "1"),
                ("f", "81.61"),
                ("big", "18446744073709551615"),
                ("t", "1"),
                ("n", ""),
                ("o.p.q", "-2"),
                ("TaiLieuNop", "3"),
                ("TaiLieuNop.Ten", "a.pdf; b.pdf"),
                ("TaiLieuNop.DuocSoHoa", "1"),
                ("TaiLieuNop.X.y", "1"),
                ("none", "2"),
                ("none.DuocSoHoa", "0"),
                ("tags", "x; 2; [1; 2]; 0"),
                ("empty", ""),
            ])
        );
    }

    #[test]
    fn cut_keeps_characters_whole() {
        let s = "ạ".repeat(100); // 3 bytes each
        let c = cut(s.as_bytes());
        assert!(c.len() <= TEXT_CUT && std::str::from_utf8(c).is_ok());
        assert_eq!(cut(b"abc"), b"abc");
    }
}
