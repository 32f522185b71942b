//! Every limit of the core, named in one place (issue 9). A limit never traps: what passes it is
//! refused or cut with a message that names the limit (a problem with its row, or a file error),
//! and the report says how much was left out. SECURITY.md lists them for users.
//!
//! Add a limit here, not as a local constant, and test how it fails in the module that enforces it.

/// The longest record of delimited text read, in bytes (a real dossier row is under 10 KiB). A
/// longer one is rejected as «dòng quá dài» and reading resumes at the next line.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The longest JSON element (one record) held, in bytes; a longer one is malformed.
pub const MAX_JSON_ELEMENT_BYTES: usize = 16 << 20;

/// JSON nesting deeper than this is malformed (the scanner skips to the next record).
pub const MAX_JSON_DEPTH: usize = 10_000;

/// A zip workbook (.xlsx, .xlsb, .ods) whose entries declare more than this, unpacked in all,
/// is refused before it is read (a file error naming the limit): it would take minutes to read.
pub const MAX_WORKBOOK_UNPACKED_BYTES: u64 = 4 << 30;

/// A workbook part that is held whole in memory while the sheet is read (shared strings,
/// styles, the workbook and its relationships: every entry but the worksheets) declaring more
/// than this unpacked is refused before it is read (a file error naming the limit).
pub const MAX_WORKBOOK_HELD_PART_BYTES: u64 = 512 << 20;

/// A held part (see [`MAX_WORKBOOK_HELD_PART_BYTES`]) over 64 MiB that unpacks to more than this
/// many times its packed size is a zip bomb (real shared strings pack 5 to 20 times), refused.
pub const MAX_WORKBOOK_PACK_RATIO: u64 = 100;
