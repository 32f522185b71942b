//! Layer 2, tables: bytes of a delimited text file to records of cells, for every reader of the
//! crate. Decoding (BOM / UTF-16 sniff, legacy Vietnamese encodings detected), delimiter sniffing, the header matcher, the record
//! reader and the one vocabulary of cells (dates, numbers in both notations, yes/no, blank and
//! total rows). The other text formats hand the same records to the same `Sink`: HTML tables
//! saved as `.xls` (`html`), JSON and JSON Lines, streamed (`json`), and workbooks (`workbook`,
//! calamine); `source` tells a file's kind from its first bytes. Knows nothing of dossiers
//! or of the index. Uses `basics`.

pub mod cells;
pub mod columns;
pub mod decode;
pub mod html;
mod html_entities;
pub mod json;
mod json_rows;
mod json_tree;
pub mod legacy;
pub mod ooxml;
pub mod reader;
pub mod sheet;
pub mod source;
pub mod syllable;
pub mod workbook;
