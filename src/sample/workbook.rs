//! A table of text rows (the sample export, as [`crate::table::reader::read_all`] reads it)
//! written as an `.xlsx` the way officials' workbooks look: a notes sheet first, then the list
//! with its title block merged across the columns, real Excel dates in the «Ngày …» columns,
//! the row number as a number, and a hidden column. Rows keep their numbers (a blank row is
//! left out of the sheet, as Excel does). For the tests, the benchmark and `tthc sample --xlsx`.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

/// The sheet the list is written to (the second; the first holds notes).
pub const LIST_SHEET: &str = "Danh sách hồ sơ";

/// Writes `rows` as a workbook (see the module docs).
pub fn xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Ghi chú")?;
    notes.write_string(0, 0, "Danh sách hồ sơ ở trang tính thứ hai.")?;
    notes.write_string(1, 0, "Số liệu mẫu, không phải dữ liệu thật.")?;

    let title = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let datetime = Format::new().set_num_format("dd/mm/yyyy hh:mm:ss");
    let ws = wb.add_worksheet();
    ws.set_name(LIST_SHEET)?;
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1) as u16;
    let header = rows
        .iter()
        .position(|r| r.iter().filter(|c| !c.is_empty()).count() > 3);
    let mut date_cols = vec![false; width as usize];
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32;
        let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
        if filled == 0 {
            continue;
        }
        if header.is_some_and(|h| i < h) && filled == 1 && !row[0].is_empty() && width > 1 {
            ws.merge_range(r, 0, r, width - 1, &row[0], &title)?;
            continue;
        }
        if Some(i) == header {
            for (c, h) in row.iter().enumerate() {
                date_cols[c] = h.starts_with("Ngày");
                if h == "Chủ hồ sơ" {
                    ws.set_column_hidden(c as u16)?;
                }
            }
        }
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            if cell.is_empty() {
                continue;
            }
            let is_data = header.is_some_and(|h| i > h);
            if is_data && date_cols[c] {
                if let Some((d, has_time)) = excel_date(cell) {
                    ws.write_datetime_with_format(
                        r,
                        col,
                        d,
                        if has_time { &datetime } else { &date },
                    )?;
                    continue;
                }
            }
            if is_data && c == 0 {
                if let Ok(n) = cell.parse::<u32>() {
                    ws.write_number(r, col, n)?;
                    continue;
                }
            }
            ws.write_string(r, col, cell)?;
        }
    }
    wb.save_to_buffer()
}

/// `dd/mm/yyyy[ HH:MM[:SS]]` as an Excel date, and whether it has a time.
fn excel_date(s: &str) -> Option<(ExcelDateTime, bool)> {
    let (d, t) = s.split_once(' ').unwrap_or((s, ""));
    let mut p = d.split('/').map(|x| x.parse::<u16>().ok());
    let (day, month, year) = (p.next()??, p.next()??, p.next()??);
    let date = ExcelDateTime::from_ymd(year, month as u8, day as u8).ok()?;
    if t.is_empty() {
        return Some((date, false));
    }
    let mut q = t.split(':').map(|x| x.parse::<u16>().ok());
    let (h, m, sec) = (q.next()??, q.next()??, q.next().flatten().unwrap_or(0));
    Some((date.and_hms(h, m as u8, sec).ok()?, true))
}
