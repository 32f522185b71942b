//! One file of any supported kind, told by its content (never by its name), into a [`Sink`].
//!
//! The first bytes decide: what is plainly not a table — an image, a PDF, an archive, a zip that
//! holds no workbook, binary bytes — is refused at once ([`not_a_table`], [`Sink::not_a_table`]:
//! the rest of the file is neither kept nor read); a zip or OLE2 header is a workbook
//! ([`workbook`]), markup with a table is an HTML table saved as `.xls` ([`html`]), `{` / `[` is
//! JSON or JSON Lines ([`json`]); anything else is delimited text ([`reader`]). Delimited text and JSON are
//! streamed chunk by chunk; a workbook or an HTML page is held whole until the file ends (a zip
//! is read from its end).
//!
//! [`workbook`]: crate::table::workbook
//! [`html`]: crate::table::html
//! [`json`]: crate::table::json
//! [`reader`]: crate::table::reader

use crate::table::decode::Encoding;
use crate::table::html;
use crate::table::json::{self, JsonReader};
use crate::table::reader::{Reader, Sink};
use crate::table::workbook;

/// Bytes looked at before the kind is decided.
const SNIFF: usize = 4096;

/// What the caller may say about how to read a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The text encoding of delimited text; `None` = detected.
    pub encoding: Option<Encoding>,
    /// The workbook sheet to read; `None` (or a name no sheet has) = the best-matching sheet.
    pub sheet: Option<String>,
}

enum State {
    /// Not enough bytes seen to tell the kind.
    Sniff(Vec<u8>),
    Text(Box<Reader>),
    Json(Box<JsonReader>),
    /// A workbook or an HTML page, gathered until the end.
    Whole(Kind, Vec<u8>),
    /// Not a table: told to the sink once, the rest of the bytes dropped.
    Refused,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Workbook,
    Html,
}

/// The reader of one file of any kind: [`FileReader::push`] chunks, then [`FileReader::finish`].
pub struct FileReader {
    state: State,
    options: ReadOptions,
    /// What a refused file looks like, until [`FileReader::finish`] tells the sink.
    refused: Option<&'static str>,
}

impl FileReader {
    pub fn new(options: ReadOptions) -> FileReader {
        FileReader {
            state: State::Sniff(Vec::new()),
            options,
            refused: None,
        }
    }

    /// The reader of a part of a UTF-8 delimited file, from a record boundary in its middle
    /// ([`Reader::from_middle`]).
    pub fn from_middle(delimiter: u8, options: ReadOptions) -> FileReader {
        FileReader {
            state: State::Text(Box::new(Reader::from_middle(delimiter))),
            options,
            refused: None,
        }
    }

    /// The delimiter, when the file is delimited UTF-8 text that can be split into parts
    /// ([`Reader::splittable`]).
    pub fn splittable(&self) -> Option<u8> {
        match &self.state {
            State::Text(r) => r.splittable(),
            _ => None,
        }
    }

    /// Whether the bytes so far end at a record boundary ([`Reader::at_record_boundary`]).
    pub fn at_record_boundary(&self) -> bool {
        matches!(&self.state, State::Text(r) if r.at_record_boundary())
    }

    /// Counts `n` rows read elsewhere ([`Reader::skip_rows`]).
    pub fn skip_rows(&mut self, n: u64) {
        if let State::Text(r) = &mut self.state {
            r.skip_rows(n);
        }
    }

    /// Spreadsheet rows read so far (delimited text; 0 for the other kinds).
    pub fn rows(&self) -> u64 {
        match &self.state {
            State::Text(r) => r.rows(),
            _ => 0,
        }
    }

    /// Feeds the next bytes of the file; chunk boundaries may fall anywhere.
    pub fn push<S: Sink>(&mut self, chunk: &[u8], sink: &mut S) {
        match &mut self.state {
            State::Sniff(buf) => {
                buf.extend_from_slice(chunk);
                if buf.len() >= SNIFF {
                    let buf = std::mem::take(buf);
                    self.decide(&buf);
                    self.push(&buf, sink);
                }
            }
            State::Text(r) => r.push(chunk, sink),
            State::Json(r) => r.push(chunk, sink),
            State::Whole(_, buf) => buf.extend_from_slice(chunk),
            State::Refused => {}
        }
    }

    /// Whether the file was refused (not a table): the rest of its bytes need not be read.
    pub fn refused(&self) -> bool {
        matches!(self.state, State::Refused)
    }

    /// Ends the file. Returns doubts found after the format went out (JSON keys first seen past
    /// the header window), for the file's warnings.
    pub fn finish<S: Sink>(&mut self, sink: &mut S) -> Vec<String> {
        if let State::Sniff(buf) = &mut self.state {
            let buf = std::mem::take(buf);
            self.decide(&buf);
            self.push(&buf, sink);
        }
        if let Some(what) = self.refused.take() {
            sink.not_a_table(&format!(
                "{what}, không phải bảng dữ liệu: cần tệp CSV, Excel (.xlsx, .xls, .ods), bảng HTML hoặc JSON xuất từ hệ thống"
            ));
        }
        match &mut self.state {
            State::Sniff(_) => unreachable!("decided above"),
            State::Refused => {}
            State::Text(r) => r.finish(sink),
            State::Json(r) => {
                r.finish(sink);
                return r.late_warnings();
            }
            State::Whole(Kind::Workbook, buf) => {
                workbook::read_workbook(buf, self.options.sheet.as_deref(), sink)
            }
            State::Whole(Kind::Html, buf) => html::read_html(buf, sink),
        }
        Vec::new()
    }

    /// Tells the kind from the first [`SNIFF`] bytes (never more, so that how the file was cut
    /// into chunks cannot change it) and sets the state for it (empty of bytes).
    fn decide(&mut self, buffered: &[u8]) {
        let prefix = &buffered[..buffered.len().min(SNIFF)];
        self.refused = not_a_table(prefix);
        self.state = if self.refused.is_some() {
            State::Refused
        } else if workbook::looks_like_workbook(prefix).is_some() {
            State::Whole(Kind::Workbook, Vec::new())
        } else if html::looks_like_html(prefix) {
            State::Whole(Kind::Html, Vec::new())
        } else if json::looks_like_json(prefix) {
            State::Json(Box::new(JsonReader::new()))
        } else {
            State::Text(Box::new(Reader::with_encoding(self.options.encoding)))
        };
    }
}

/// What the first bytes of a file show it to be when it is plainly not a table, in Vietnamese
/// («tệp PDF», «ảnh PNG»…); `None` for anything that may be one (empty included: the caller
/// says «Tệp rỗng»). Magic numbers first, then a zip that names no workbook part in `prefix`,
/// then binary bytes: many NUL or control bytes in the first KiB that are not UTF-16.
pub fn not_a_table(prefix: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 9] = [
        (b"\x89PNG\r\n\x1a\n", "Tệp này là ảnh PNG"),
        (b"%PDF-", "Tệp này là tệp PDF"),
        (b"\xff\xd8\xff", "Tệp này là ảnh JPEG"),
        (b"GIF87a", "Tệp này là ảnh GIF"),
        (b"GIF89a", "Tệp này là ảnh GIF"),
        (b"\x1f\x8b", "Tệp này là tệp nén gzip"),
        (b"7z\xbc\xaf\x27\x1c", "Tệp này là tệp nén 7z"),
        (b"Rar!\x1a\x07", "Tệp này là tệp nén RAR"),
        (b"PK\x05\x06", "Tệp này là tệp nén ZIP rỗng"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| prefix.starts_with(m)) {
        return Some(what);
    }
    if prefix.starts_with(b"PK\x03\x04") {
        return zip_content(prefix);
    }
    if workbook::looks_like_workbook(prefix).is_some() || utf16(prefix) {
        return None;
    }
    let head = &prefix[..prefix.len().min(1024)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a))
        .count();
    (control > 4.max(head.len() / 32))
        .then_some("Tệp này là dữ liệu nhị phân (nhiều byte điều khiển, không phải văn bản)")
}

/// A zip's kind from the part names in its first bytes: a workbook (`xl/`, an OpenDocument
/// spreadsheet, or only `[Content_Types].xml` seen: the benefit of the doubt) is `None`; a Word or
/// PowerPoint file, an OpenDocument text, or a zip naming none of these is refused.
fn zip_content(prefix: &[u8]) -> Option<&'static str> {
    let has = |s: &[u8]| memchr::memmem::find(prefix, s).is_some();
    if has(b"xl/") || has(b"opendocument.spreadsheet") {
        None
    } else if has(b"word/") {
        Some("Tệp này là văn bản Word (.docx)")
    } else if has(b"ppt/") {
        Some("Tệp này là bản trình chiếu PowerPoint (.pptx)")
    } else if has(b"opendocument.text") {
        Some("Tệp này là văn bản OpenDocument (.odt)")
    } else if has(b"[Content_Types].xml") {
        None
    } else {
        Some("Tệp này là tệp nén ZIP không chứa bảng tính")
    }
}

/// UTF-16 text: a BOM, or NUL bytes in alternate positions of the first four (as the decoder
/// tells it).
fn utf16(b: &[u8]) -> bool {
    matches!(b, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..])
        || matches!(b, [a, 0, c, 0, ..] | [0, a, 0, c, ..] if *a != 0 && *c != 0)
}
