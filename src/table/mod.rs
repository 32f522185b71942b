//! Layer 2, tables: bytes of a delimited text file to records of cells, for every reader of the
//! crate. Decoding (BOM / UTF-16 sniff, legacy Vietnamese encodings detected), delimiter sniffing, the header matcher, the record
//! reader and the one vocabulary of cells (dates, numbers in both notations, yes/no, blank and
//! total rows). Knows nothing of dossiers or of the index. Uses `basics`.

pub mod cells;
pub mod columns;
pub mod decode;
pub mod legacy;
pub mod reader;
pub mod sheet;
pub mod syllable;
