//! Every limit of the core, named in one place (issue 9). A limit never traps: what passes it is
//! refused or cut with a message that names the limit (a problem with its row, or a file error),
//! and the report says how much was left out. SECURITY.md lists them for users.
//!
//! Add a limit here, not as a local constant, and test how it fails in the module that enforces it.

/// The longest record of delimited text read, in bytes (a real dossier row is under 10 KiB). A
/// longer one is rejected as «dòng quá dài» and reading resumes at the next line.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// Excel's widest row (column XFD): in a workbook or an HTML table, a cell past it is dropped
/// (no real sheet has one; a crafted reference would pad the row with millions of empty cells).
pub const MAX_COLUMNS: usize = 16_384;

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

/// The largest index input file (a procedure catalogue, a ranking table, a portal JSON file,
/// manual entries: a few MB at most), in bytes. A larger one is refused before it is read, as a
/// file error naming the file and the limit («Tệp … lớn hơn 64 MiB, giới hạn của tệp đầu vào
/// Chỉ số 766»); the page checks `File.size` through the same rule before reading the file.
pub const MAX_INDEX_FILE_BYTES: usize = 64 << 20;

/// The largest summary file («tóm tắt», `dossier::rollup`: a province's aggregates are a few
/// hundred KB), in bytes. A larger one is refused before it is parsed, with a message naming the
/// file and the limit («Tệp tóm tắt … lớn hơn 64 MiB»); the page checks `File.size` first.
pub const MAX_SUMMARY_BYTES: usize = 64 << 20;

/// The largest methodology text (the embedded ones are about 20 KB), in bytes. A larger one is
/// refused as an invalid methodology naming the limit, before it is parsed.
pub const MAX_METHODOLOGY_BYTES: usize = 1 << 20;

/// The index problems kept in an `IndexReport` (the first ones, in file order). Past it a problem
/// is only counted: `problems_total` and `problems_by_reason` keep the true count per code, and
/// a warning says how many were left out.
pub const MAX_INDEX_PROBLEMS: usize = 1_000;

/// The most cells of an index table (a catalogue, a ranking table, manual entries: a national
/// catalogue is about 2.000 rows of 30 columns) held as text, a blank line counting as one. A
/// larger table is refused as a file error naming the limit, instead of filling the memory with
/// millions of empty cells (a file of delimiters or of line breaks under the size limit).
pub const MAX_INDEX_TABLE_CELLS: usize = 1_000_000;

/// A quoted field of delimited text spanning more lines than this (or running to the end of the
/// file, or past [`MAX_RECORD_BYTES`]) is read all the same but warned about: «open_quote», at
/// the row where it started (a closing quote is probably missing). Not a refusal.
pub const MAX_QUOTED_LINES: u64 = 100;

/// Distinct raw values remembered per value cache of the dossier reader (status, channel, yes/no,
/// level, rating: a real column holds a handful). Past it a value is parsed without being cached:
/// slower, never refused.
pub const MAX_CACHED_VALUES: usize = 4_096;

/// Distinct names per table of names (units, fields, procedures) over all files. A row that would
/// add one more is rejected as «too_many_names», with the table and the limit in its problem.
pub const MAX_NAMES: usize = 200_000;

/// Files read by one analysis. A file past it is listed with a file error «Vượt giới hạn … tệp»
/// and not read (a dossier's file index is 16 bits wide: this keeps it exact).
pub const MAX_FILES: usize = 10_000;

/// Dossiers held by one analysis (before duplicates are removed), the core's memory budget
/// (a dossier is 36 bytes, and 4 for the end of its id, plus the id). Past it the rest of the
/// data rows are rejected as «store_full», every file concerned gets an error «Vượt giới hạn …
/// hồ sơ …» saying how many rows were not read. The CLI holds 25.000.000; the browser
/// 10.000.000 (40 bytes each, about 0,45 GB with what `finish` adds): a tab's WebAssembly
/// memory is 4 GiB at most and often less is given, so a larger file stops with that message
/// instead of the browser killing the tab.
pub const MAX_DOSSIERS: usize = if cfg!(target_arch = "wasm32") {
    10_000_000
} else {
    25_000_000
};

/// Bytes of dossier ids' text held (the store keeps it for the dossiers the late list may show;
/// offsets are 32 bits). Past it, like
/// [`MAX_DOSSIERS`]: the rest of the data rows are rejected as «store_full» with a file error.
pub const MAX_ID_BYTES: usize = 1 << 30;

/// Late dossiers listed in a Report (`Report.late`, most days late first); `Report.late_total`
/// keeps the true count and the page and the CLI say «hiển thị … trên … hồ sơ trễ hạn».
pub const MAX_LATE_LISTED: usize = 10_000;

/// Characters of a cell kept in a listed problem (its value, its column's header); longer text is
/// cut with «…».
pub const MAX_PROBLEM_TEXT: usize = 200;

/// Rows per row group of `tthc normalize`'s Parquet file (`dossier::canonical_parquet`): an
/// engine reads a row group as a unit (and in parallel with the others), so the writer holds no
/// more than one group's values of a column at once. Never a refusal: more dossiers are written
/// as several row groups of this many rows, the last one shorter.
pub const MAX_PARQUET_ROW_GROUP_ROWS: usize = 1_000_000;

const _: () = assert!(MAX_FILES <= u16::MAX as usize + 1, "a file index is a u16");
const _: () = assert!(MAX_ID_BYTES < u32::MAX as usize, "id offsets are u32");
const _: () = assert!(MAX_DOSSIERS < u32::MAX as usize, "dossier indices are u32");
