//! `.xls`, `.xlsb` and `.ods` through calamine's readers (the `legacy-workbooks` feature: the CLI
//! and the page's legacy module; the lean analysis module reads .xlsx only, `super::read_xlsx`).

use super::*;
use calamine::Data;

/// `.xls`, `.xlsb`, `.ods`: calamine reads a sheet whole; these files are small (an `.xls`
/// holds at most 65.536 rows).
pub(super) fn read_other<S: Sink>(
    bytes: &[u8],
    wanted: Option<&str>,
    sink: &mut S,
) -> Result<(), String> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unopened)?;
    let kind = match &wb {
        calamine::Sheets::Xls(_) => "xls",
        calamine::Sheets::Xlsb(_) => "xlsb",
        calamine::Sheets::Ods(_) => "ods",
        calamine::Sheets::Xlsx(_) => "xlsx",
    };
    let names = worksheets(wb.sheets_metadata());
    let mut ranges = Vec::new();
    for n in &names {
        ranges.push(wb.worksheet_range(n).ok());
    }
    let (chosen, holding, warnings) = choose(&names, wanted, |name| {
        let i = names.iter().position(|n| n == name)?;
        let range = ranges[i].as_ref()?;
        let mut scorer = Scorer { sink, best: None };
        let mut rows = Rows::new(&mut scorer, SCORE_ROWS);
        feed(range, &mut rows);
        rows.flush();
        scorer.best
    });
    something_to_read(&names, &holding)?;
    sink.format(&Format {
        kind,
        encoding: "",
        delimiter: 0,
        sheet: chosen.clone(),
        sheets: holding,
        hidden_columns: Vec::new(),
        warnings,
    });
    if let Some(i) = chosen.and_then(|c| names.iter().position(|n| *n == c)) {
        if let Some(range) = &ranges[i] {
            let mut rows = Rows::new(sink, u32::MAX);
            feed(range, &mut rows);
            rows.flush();
        }
    }
    Ok(())
}

/// Feeds a whole sheet's cells to `rows`, stopping at its limit.
fn feed<S: Sink>(range: &calamine::Range<Data>, rows: &mut Rows<'_, S>) {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (i, row) in range.rows().enumerate() {
        for (j, v) in row.iter().enumerate() {
            if !rows.cell(r0 + i as u32, c0 + j as u32, &data_ref(v)) {
                return;
            }
        }
    }
}

/// A whole sheet's cell as the streaming reader's.
fn data_ref(v: &Data) -> DataRef<'_> {
    match v {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::SharedString(s),
        Data::DurationIso(s) => DataRef::SharedString(s),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}
