//! One file of any supported kind, told by its content (never by its name), into a [`Sink`].
//!
//! The first bytes decide: a zip or OLE2 header is a workbook ([`workbook`]), markup with a
//! table is an HTML table saved as `.xls` ([`html`]), `{` / `[` is JSON or JSON Lines
//! ([`json`]); anything else is delimited text ([`reader`]). Delimited text and JSON are
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
}

impl FileReader {
    pub fn new(options: ReadOptions) -> FileReader {
        FileReader {
            state: State::Sniff(Vec::new()),
            options,
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
        }
    }

    /// Ends the file. Returns doubts found after the format went out (JSON keys first seen past
    /// the header window), for the file's warnings.
    pub fn finish<S: Sink>(&mut self, sink: &mut S) -> Vec<String> {
        if let State::Sniff(buf) = &mut self.state {
            let buf = std::mem::take(buf);
            self.decide(&buf);
            self.push(&buf, sink);
        }
        match &mut self.state {
            State::Sniff(_) => unreachable!("decided above"),
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

    /// Tells the kind from the first bytes and sets the state for it (empty of bytes).
    fn decide(&mut self, prefix: &[u8]) {
        self.state = if workbook::looks_like_workbook(prefix).is_some() {
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
