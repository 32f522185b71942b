//! Workbooks: `.xlsx` (streamed cell by cell) and `.xls` / `.xlsb` / `.ods` (a sheet at a time),
//! read with `calamine` into the same [`Sink`] as delimited text.
//!
//! - The sheet: the caller's choice by name, else the sheet whose first rows score best with
//!   [`Sink::header_score`] (the dossier layer counts recognised columns), first on ties.
//! - Row numbers are Excel's: a row absent from the sheet is a blank line, so a problem at row 7
//!   is at row 7 in Excel. Title blocks and merged cells above the header are rows like any
//!   other (a merged cell's value sits in its top-left cell; the others are empty).
//! - Cells become the text Excel shows: text as is; whole numbers without a decimal point;
//!   other numbers to 15 significant digits (Excel's precision, so 0.1+0.2 is «0.3»); dates
//!   (1900 system with its leap-year quirk, or 1904) as `dd/mm/yyyy` or `dd/mm/yyyy HH:MM:SS`;
//!   booleans TRUE/FALSE; errors as Excel writes them (#N/A).
//! - `.xlsx` is streamed (`worksheet_cells_reader`): a 585.000-row sheet is never held as a grid
//!   of strings. The file's bytes are held whole (a zip is read from its end).

use crate::basics::{format, limits};
use crate::table::ooxml;
use crate::table::reader::{Format, RowBuf, Sink};
use calamine::{DataRef, ExcelDateTime, Reader as _, SheetType, Xlsx};
use std::io::Cursor;

/// Rows of each sheet read to choose the sheet.
const SCORE_ROWS: u32 = 30;

/// A zip (xlsx, xlsb, ods) or an OLE2 compound file (xls).
pub fn looks_like_workbook(prefix: &[u8]) -> Option<&'static str> {
    if prefix.starts_with(b"PK\x03\x04") {
        Some("xlsx")
    } else if prefix.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("xls")
    } else {
        None
    }
}

/// Reads the chosen sheet of a workbook into `sink`. `sheet`: the sheet the user picked (by
/// name); another name, or `None`, chooses by header score. A workbook that cannot be opened, or
/// that declares more than the limits allow ([`unpacked_sizes`]), is refused as a whole
/// ([`Sink::not_a_table`]) with the reason.
pub fn read_workbook<S: Sink>(bytes: &[u8], sheet: Option<&str>, sink: &mut S) {
    let kind = looks_like_workbook(bytes).unwrap_or("xlsx");
    let sizes = if kind == "xlsx" {
        unpacked_sizes(bytes)
    } else {
        Ok(())
    };
    let result = sizes.and_then(|()| {
        if kind == "xlsx" && is_xlsx(bytes) {
            read_xlsx(bytes, sheet, sink)
        } else {
            read_other(bytes, sheet, sink)
        }
    });
    if let Err(e) = result {
        let kind = if kind == "xls" { "xls" } else { "xlsx" };
        sink.format(&Format {
            kind,
            encoding: "",
            delimiter: 0,
            sheet: None,
            sheets: Vec::new(),
            hidden_columns: Vec::new(),
            warnings: vec![e.clone()],
        });
        sink.not_a_table(&e);
    }
}

/// Refuses a zip whose entries declare more unpacked bytes than the limits allow, before any is
/// unpacked (see [`limits::MAX_WORKBOOK_UNPACKED_BYTES`], [`limits::MAX_WORKBOOK_HELD_PART_BYTES`],
/// [`limits::MAX_WORKBOOK_PACK_RATIO`]). A zip that cannot be listed passes: calamine says why.
fn unpacked_sizes(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (f.size(), f.compressed_size().max(1));
        total = total.saturating_add(size);
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        let sheet = name.contains("worksheets/") || name.contains("/sheet");
        if !sheet {
            if size > limits::MAX_WORKBOOK_HELD_PART_BYTES {
                return Err(format!(
                    "Bảng tính bị từ chối: phần «{name}» khai báo {} khi giải nén, vượt giới hạn {} của một phần bảng tính giữ trong bộ nhớ",
                    mib(size),
                    mib(limits::MAX_WORKBOOK_HELD_PART_BYTES)
                ));
            }
            if size > 64 << 20 && size / packed > limits::MAX_WORKBOOK_PACK_RATIO {
                return Err(format!(
                    "Bảng tính bị từ chối: phần «{name}» nén {} lần ({} thành {}), vượt giới hạn {} lần: có thể là tệp «bom nén»",
                    size / packed,
                    mib(packed),
                    mib(size),
                    limits::MAX_WORKBOOK_PACK_RATIO
                ));
            }
        }
    }
    if total > limits::MAX_WORKBOOK_UNPACKED_BYTES {
        return Err(format!(
            "Bảng tính bị từ chối: các phần của bảng tính khai báo {} khi giải nén, vượt giới hạn {}; hãy lưu trang tính thành CSV",
            mib(total),
            mib(limits::MAX_WORKBOOK_UNPACKED_BYTES)
        ));
    }
    Ok(())
}

#[cfg(feature = "legacy-workbooks")]
mod other;
#[cfg(feature = "legacy-workbooks")]
use other::read_other;

/// Without the `legacy-workbooks` feature (the page's lean analysis module: calamine's .xls,
/// .xlsb and .ods readers, and the legacy code pages they decode, are ~60 KB of its gzipped
/// wasm) such a workbook is not read here: the sink is told, so that the page reads the files
/// again with the module that has them (www/worker.js).
#[cfg(not(feature = "legacy-workbooks"))]
fn read_other<S: Sink>(_: &[u8], _: Option<&str>, sink: &mut S) -> Result<(), String> {
    sink.needs_legacy_workbooks();
    Err(LEGACY_NOT_LOADED.into())
}

/// The file's error when this build does not read its kind of workbook (never shown by the
/// page, which reads the files again with the module that does).
pub const LEGACY_NOT_LOADED: &str =
    "Tệp Excel 97–2003 (.xls), .xlsb hoặc .ods: bản dựng này không có bộ đọc các định dạng đó";

/// A calamine error as the file's message.
fn unopened(e: impl std::fmt::Display) -> String {
    format!("Không mở được bảng tính: {e}")
}

/// A workbook with no worksheet, or whose worksheets are all empty, is refused with that said.
fn something_to_read(names: &[String], holding: &[String]) -> Result<(), String> {
    if names.is_empty() {
        Err("Bảng tính không có trang tính nào chứa dữ liệu dạng bảng".into())
    } else if holding.is_empty() {
        let list: Vec<String> = names.iter().take(5).map(|n| format!("«{n}»")).collect();
        Err(format!(
            "Mọi trang tính của bảng tính đều trống ({}{})",
            list.join(", "),
            if names.len() > 5 { ", …" } else { "" }
        ))
    } else {
        Ok(())
    }
}

/// `n` bytes as vi-VN MiB («1.234,5 MiB»).
fn mib(n: u64) -> String {
    format!(
        "{} MiB",
        format::dec_trim(n as f64 / (1u64 << 20) as f64, 1)
    )
}

/// An OOXML workbook (not xlsb, not ods): the zip names `xl/workbook.xml`.
fn is_xlsx(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"xl/workbook.xml").is_some()
}

/// The worksheets of a workbook (chart sheets and macro sheets left out), and which are hidden.
fn worksheets(meta: &[calamine::Sheet]) -> Vec<String> {
    meta.iter()
        .filter(|s| matches!(s.typ, SheetType::WorkSheet))
        .map(|s| s.name.clone())
        .collect()
}

/// Chooses the sheet: the user's if it exists, else the best header score (first on ties) among
/// sheets that hold anything. Returns (chosen, sheets holding a table, warnings).
fn choose(
    names: &[String],
    wanted: Option<&str>,
    mut score_of: impl FnMut(&str) -> Option<usize>,
) -> (Option<String>, Vec<String>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut holding = Vec::new();
    let mut best: Option<(usize, &String)> = None;
    let mut with_header = 0;
    for name in names {
        let Some(score) = score_of(name) else {
            continue;
        };
        holding.push(name.clone());
        with_header += usize::from(score > 0);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, name));
        }
    }
    let chosen = match wanted {
        Some(w) if names.iter().any(|n| n == w) => Some(w.to_string()),
        Some(w) => {
            warnings.push(format!(
                "Không có trang tính «{w}»; đã đọc trang phù hợp nhất"
            ));
            best.map(|(_, n)| n.clone())
        }
        None => best.map(|(_, n)| n.clone()),
    };
    if with_header > 1 && wanted.is_none() {
        if let Some(c) = &chosen {
            warnings.push(format!(
                "Bảng tính có {with_header} trang có dòng tiêu đề cột; đã đọc trang «{c}» (chọn trang khác nếu cần)"
            ));
        }
    }
    (chosen, holding, warnings)
}

/// Turns rows of cells, in sheet order, into records and blank lines with Excel's row numbers.
struct Rows<'s, S: Sink> {
    sink: &'s mut S,
    row: RowBuf,
    /// 0-based sheet row of the row being built; `None` before the first cell.
    current: Option<u32>,
    /// Rows handed out so far (= the next row's 0-based index).
    done: u32,
    text: String,
    /// Stop after this many rows (for scoring); `u32::MAX` to read all.
    limit: u32,
}

impl<'s, S: Sink> Rows<'s, S> {
    fn new(sink: &'s mut S, limit: u32) -> Self {
        Rows {
            sink,
            row: RowBuf::default(),
            current: None,
            done: 0,
            text: String::new(),
            limit,
        }
    }

    /// One cell at (row, col), 0-based; false once `limit` rows are done.
    fn cell(&mut self, r: u32, c: u32, value: &DataRef<'_>) -> bool {
        if self.current != Some(r) {
            self.flush();
            if r >= self.limit {
                return false;
            }
            self.current = Some(r);
        }
        // past Excel's last column (XFD) no real sheet has a cell: a crafted `r="ZZZZZ1"` would
        // otherwise pad the row with millions of empty cells (found by the xlsx fuzz target)
        if c as usize >= limits::MAX_COLUMNS {
            return true;
        }
        self.text.clear();
        show(value, &mut self.text);
        if self.text.is_empty() {
            return true;
        }
        while self.row.len() < c as usize {
            self.row.push(b"");
        }
        if self.row.len() == c as usize {
            self.row.push(self.text.as_bytes());
        }
        true
    }

    /// Hands out the row being built, after the blank rows before it.
    fn flush(&mut self) {
        let Some(r) = self.current.take() else {
            return;
        };
        if r < self.done {
            // cells out of row order (not written by Excel): the row was handed out already
            self.row.clear();
            return;
        }
        if r > self.done {
            self.sink
                .blank_lines(u64::from(r), u64::from(r - self.done));
        }
        if self.row.is_empty() {
            self.sink.blank_lines(u64::from(r) + 1, 1);
        } else {
            self.sink.record(u64::from(r) + 1, &self.row.record());
        }
        self.row.clear();
        self.done = r + 1;
    }
}

/// The best header score among the first [`SCORE_ROWS`] rows of a sheet's cells; `None` when
/// they hold nothing.
struct Scorer<'s, S: Sink> {
    sink: &'s mut S,
    best: Option<usize>,
}

impl<S: Sink> Sink for Scorer<'_, S> {
    fn record(&mut self, _row: u64, record: &crate::table::reader::Record<'_>) {
        let s = self.sink.header_score(record);
        self.best = Some(self.best.map_or(s, |b| b.max(s)));
    }
    fn blank_lines(&mut self, _last_row: u64, _count: u64) {}
}

fn read_xlsx<S: Sink>(bytes: &[u8], wanted: Option<&str>, sink: &mut S) -> Result<(), String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unopened)?;
    let names = worksheets(wb.sheets_metadata());
    let (chosen, holding, warnings) = choose(&names, wanted, |name| {
        let mut scorer = Scorer { sink, best: None };
        let mut rows = Rows::new(&mut scorer, SCORE_ROWS);
        let mut cells = wb.worksheet_cells_reader(name).ok()?;
        while let Ok(Some(cell)) = cells.next_cell() {
            let (r, c) = cell.get_position();
            if !rows.cell(r, c, cell.get_value()) {
                break;
            }
        }
        rows.flush();
        scorer.best
    });
    something_to_read(&names, &holding)?;
    sink.format(&Format {
        kind: "xlsx",
        encoding: "utf-8",
        delimiter: 0,
        hidden_columns: chosen
            .as_deref()
            .map_or(Vec::new(), |s| ooxml::hidden_columns(bytes, s)),
        sheet: chosen.clone(),
        sheets: holding,
        warnings,
    });
    let Some(name) = chosen else {
        return Ok(()); // no sheet holds anything: an empty file
    };
    let mut cells = wb.worksheet_cells_reader(&name).map_err(unopened)?;
    let mut rows = Rows::new(sink, u32::MAX);
    loop {
        match cells.next_cell() {
            Ok(Some(cell)) => {
                let (r, c) = cell.get_position();
                rows.cell(r, c, cell.get_value());
            }
            Ok(None) => break,
            Err(e) => {
                rows.flush();
                let row = u64::from(rows.done) + 1;
                rows.sink
                    .malformed(row, b"", &format!("trang tính hỏng từ dòng {row}: {e}"));
                break;
            }
        }
    }
    rows.flush();
    Ok(())
}

/// The text Excel shows for a cell (see the module docs).
fn show(v: &DataRef<'_>, out: &mut String) {
    use std::fmt::Write;
    match v {
        DataRef::Empty => {}
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) => number(*f, out),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => date(d, out),
        DataRef::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

/// A number as Excel's General format shows it: 15 significant digits, no trailing zeros.
fn number(f: f64, out: &mut String) {
    use std::fmt::Write;
    if !f.is_finite() {
        return;
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
        return;
    }
    let s = format!("{:.*e}", 14, f); // d.dddddddddddddde±x: 15 significant digits
    let v: f64 = s.parse().unwrap_or(f);
    let _ = write!(out, "{v}");
}

/// A date cell as `dd/mm/yyyy`, with ` HH:MM:SS` when it has a time of day. A duration (a
/// time-only format) is shown as the number of days it is.
fn date(d: &ExcelDateTime, out: &mut String) {
    use std::fmt::Write;
    if d.is_duration() {
        number(d.as_f64(), out);
        return;
    }
    let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
    // round to the second, as Excel shows it
    let (h, mi, s) = if ms >= 500 {
        let t = u32::from(h) * 3600 + u32::from(mi) * 60 + u32::from(s) + 1;
        if t >= 86_400 {
            (23, 59, 59) // a second before midnight: keep the day
        } else {
            ((t / 3600) as u8, (t / 60 % 60) as u8, (t % 60) as u8)
        }
    } else {
        (h, mi, s)
    };
    let _ = write!(out, "{da:02}/{mo:02}/{y:04}");
    if (h, mi, s) != (0, 0, 0) {
        let _ = write!(out, " {h:02}:{mi:02}:{s:02}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_excel_does() {
        for (f, want) in [
            (1.0, "1"),
            (98942.0, "98942"),
            (0.1 + 0.2, "0.3"),
            (2.000908, "2.000908"),
            (-1.5, "-1.5"),
            (81.61, "81.61"),
            (1e20, "100000000000000000000"),
        ] {
            let mut s = String::new();
            number(f, &mut s);
            assert_eq!(s, want, "{f}");
        }
    }
}
