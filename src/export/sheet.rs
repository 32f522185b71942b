//! A worksheet writer: typed cells ([`Cell`]) with the workbook's formats ([`Styles`]), column
//! widths from the content, paragraphs merged across the table's width with a row height that
//! fits them, and at the end ([`Sheet::finish`]) the frozen header, the filter and the print
//! set-up (A4, landscape when wide, one page wide, the header row repeated, page numbers).

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError,
};

pub(super) type Res<T = ()> = Result<T, XlsxError>;

/// The last row of a sheet (0-based); a table longer than this is cut with a note.
const LAST_ROW: u32 = 1_048_575;
/// The longest text a cell holds.
const MAX_TEXT: usize = 32_767;
/// Texts longer than this (in characters) wrap; a column is never made wider for them.
const WRAP_AT: usize = 50;
/// Narrowest and widest column, in Excel's width unit (about one digit).
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = WRAP_AT as f64 + 2.0;
/// Excel's default column width.
const DEFAULT_WIDTH: f64 = 8.43;
/// Wider than this (sum of column widths) prints in landscape.
const PORTRAIT_WIDTH: f64 = 100.0;
/// Height of one line of the default font (Calibri 11), in points.
const LINE_HEIGHT: f64 = 15.0;

/// How a number is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Num {
    /// `#,##0`: counts.
    Int,
    /// `#,##0` when whole, else `#,##0.00`: numerators and denominators of the index.
    Count,
    /// `#,##0.00`: days, points.
    Dec2,
    /// `0.00%`, given in percent (99,84 is written 0,9984).
    Pct,
    /// `0.0000`: points per dossier.
    Dec4,
    /// `0` when whole, else `0.00`: maxima.
    Trim,
}

/// One cell of a table.
#[derive(Clone, Debug)]
pub(super) enum Cell {
    Text(String),
    /// A number; `None` is the page's «–».
    Num(Option<f64>, Num),
    /// An ISO date (`yyyy-mm-dd…`), shown `dd/mm/yyyy`; `None` is «–».
    Date(Option<String>),
    /// `yyyy-mm`, shown `mm/yyyy`.
    Month(String),
}

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}
pub(super) fn int(n: u64) -> Cell {
    Cell::Num(Some(n as f64), Num::Int)
}
pub(super) fn num(x: Option<f64>, kind: Num) -> Cell {
    Cell::Num(x, kind)
}
pub(super) fn opt_text(s: Option<&str>) -> Cell {
    Cell::Text(s.filter(|s| !s.is_empty()).unwrap_or("–").to_string())
}

/// The kinds of cell format, each plain and in a total row (bold, shaded).
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Wrap,
    Dash,
    Date,
    Month,
    Int,
    Dec2,
    Pct,
    Dec4,
    Whole,
}

const SHADE: u32 = 0xEEF2F7;
const ACCENT: u32 = 0x0B4A8B;
const GRID: u32 = 0xAEB6C2;

/// The workbook's formats, made once.
pub(super) struct Styles {
    title: Format,
    heading: Format,
    plain: Format,
    para: Format,
    note: Format,
    header: Format,
    label: Format,
    cells: Vec<Format>,
}

fn boxed(f: Format) -> Format {
    f.set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(GRID))
        .set_align(FormatAlign::Top)
}

fn cell_format(kind: Kind, total: bool) -> Format {
    let f = boxed(Format::new());
    let f = match kind {
        Kind::Text => f,
        Kind::Wrap => f.set_text_wrap(),
        Kind::Dash => f.set_align(FormatAlign::Right),
        Kind::Date => f.set_num_format("dd/mm/yyyy"),
        Kind::Month => f.set_num_format("mm/yyyy").set_align(FormatAlign::Left),
        Kind::Int => f.set_num_format("#,##0"),
        Kind::Dec2 => f.set_num_format("#,##0.00"),
        Kind::Pct => f.set_num_format("0.00%"),
        Kind::Dec4 => f.set_num_format("0.0000"),
        Kind::Whole => f.set_num_format("0"),
    };
    if total {
        f.set_bold().set_background_color(Color::RGB(SHADE))
    } else {
        f
    }
}

impl Styles {
    pub(super) fn new() -> Styles {
        use Kind::*;
        let kinds = [Text, Wrap, Dash, Date, Month, Int, Dec2, Pct, Dec4, Whole];
        let cells = kinds
            .iter()
            .flat_map(|&k| [cell_format(k, false), cell_format(k, true)])
            .collect();
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(ACCENT)),
            plain: Format::new(),
            para: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Justify),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x5B6573)),
            header: boxed(Format::new())
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(SHADE)),
            label: boxed(Format::new()).set_text_wrap(),
            cells,
        }
    }

    fn cell(&self, kind: Kind, total: bool) -> &Format {
        &self.cells[kind as usize * 2 + usize::from(total)]
    }
}

/// What [`Sheet::finish`] sets up besides widths and printing. The default is a report page:
/// nothing frozen, no filter.
#[derive(Clone, Copy, Default)]
pub(super) struct Layout {
    /// A data sheet: the rows down to the first header stay in view, with this many columns
    /// (the name column), and the header row is repeated on each printed page.
    pub freeze: Option<u16>,
    /// An autofilter on the first table.
    pub filter: bool,
}

impl Layout {
    /// A data sheet: the header frozen with `cols` columns, filtered or not.
    pub(super) fn table(cols: u16, filter: bool) -> Layout {
        Layout {
            freeze: Some(cols),
            filter,
        }
    }
}

/// A worksheet being written, row by row.
pub(super) struct Sheet<'a> {
    ws: &'a mut Worksheet,
    st: &'a Styles,
    /// The next row to write.
    row: u32,
    /// Content width of each column, in characters.
    widths: Vec<f64>,
    /// Texts that wrap (paragraphs, headers, long cells): their rows' heights are set at the
    /// end, when the widths are known.
    wraps: Vec<Wrap>,
    /// The main table's header row: frozen, filtered and repeated on each printed page.
    main: Option<u32>,
    /// Rows left out because the sheet was full.
    cut: u64,
}

/// Characters, as a rough width: a Vietnamese letter is about as wide as a digit.
fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A text that wraps over the columns `first..=last` of a row.
struct Wrap {
    row: u32,
    first: u16,
    last: u16,
    text: String,
    bold: bool,
}

/// Lines `s` takes when wrapped at word boundaries into lines of `per_line` characters (a word
/// longer than a line is broken).
fn lines(s: &str, per_line: f64) -> usize {
    let cap = per_line.max(1.0) as usize;
    let mut n = 0;
    for para in s.split('\n') {
        n += 1;
        let mut used = 0;
        for w in para.split_whitespace().map(chars) {
            let need = if used == 0 { w } else { used + 1 + w };
            if need <= cap {
                used = need;
            } else {
                n += usize::from(used > 0) + (w.max(1) - 1) / cap;
                used = (w - 1) % cap + 1;
            }
        }
    }
    n
}

/// `s` cut to what a cell holds.
fn fit(s: &str) -> &str {
    match s.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `yyyy-mm-dd…` as an Excel date.
fn iso_date(s: &str) -> Option<ExcelDateTime> {
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10).map_or(Some(1), |d| d.parse().ok())?;
    (s.get(4..5) == Some("-")).then_some(())?;
    ExcelDateTime::from_ymd(y, m, d).ok()
}

impl<'a> Sheet<'a> {
    pub(super) fn new(ws: &'a mut Worksheet, st: &'a Styles, name: &str) -> Res<Sheet<'a>> {
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            st,
            row: 0,
            widths: Vec::new(),
            wraps: Vec::new(),
            main: None,
            cut: 0,
        })
    }

    fn wrap(&mut self, first: u16, last: u16, text: &str, bold: bool) {
        self.wraps.push(Wrap {
            row: self.row,
            first,
            last,
            text: text.to_string(),
            bold,
        });
    }

    fn widen(&mut self, col: u16, w: f64) {
        let c = col as usize;
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0.0);
        }
        self.widths[c] = self.widths[c].max(w);
    }

    /// The sheet's title (bold, large), on one line.
    pub(super) fn title(&mut self, s: &str) -> Res {
        self.ws
            .write_string_with_format(self.row, 0, fit(s), &self.st.title)?;
        self.row += 1;
        Ok(())
    }

    /// A section heading.
    pub(super) fn heading(&mut self, s: &str) -> Res {
        self.ws
            .write_string_with_format(self.row, 0, fit(s), &self.st.heading)?;
        self.row += 1;
        Ok(())
    }

    /// A line of text that may run over the next (empty) cells.
    pub(super) fn line(&mut self, s: &str) -> Res {
        self.ws
            .write_string_with_format(self.row, 0, fit(s), &self.st.plain)?;
        self.row += 1;
        Ok(())
    }

    /// A muted note.
    pub(super) fn note(&mut self, s: &str) -> Res {
        self.ws
            .write_string_with_format(self.row, 0, fit(s), &self.st.note)?;
        self.row += 1;
        Ok(())
    }

    /// A paragraph merged over the columns `0..=last`, wrapped; one per line of `s`.
    pub(super) fn para(&mut self, s: &str, last: u16) -> Res {
        for p in s.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            let p = fit(p);
            if last == 0 {
                self.ws
                    .write_string_with_format(self.row, 0, p, &self.st.para)?;
            } else {
                self.ws
                    .merge_range(self.row, 0, self.row, last, p, &self.st.para)?;
            }
            self.wrap(0, last, p, false);
            self.widen(last, 0.0);
            self.row += 1;
        }
        Ok(())
    }

    pub(super) fn skip(&mut self) {
        self.row += 1;
    }

    /// A label merged over the columns `0..last` (wrapped) and its value in column `last`.
    pub(super) fn pair(&mut self, label: &str, value: Cell, last: u16) -> Res {
        let label = fit(label);
        if last <= 1 {
            self.ws
                .write_string_with_format(self.row, 0, label, &self.st.label)?;
            self.widen(0, chars(label).min(WRAP_AT) as f64 + 1.5);
        } else {
            self.ws
                .merge_range(self.row, 0, self.row, last - 1, label, &self.st.label)?;
            self.wrap(0, last - 1, label, false);
        }
        self.put(last, &value, false)?;
        self.row += 1;
        Ok(())
    }

    /// A header row; the first one is the main table's (frozen, filtered and repeated when
    /// printed, as [`Layout`] says). Columns are sized for the header's longest word, the header wraps.
    pub(super) fn header(&mut self, cols: &[&str]) -> Res {
        for (c, h) in cols.iter().enumerate() {
            let c = c as u16;
            self.ws
                .write_string_with_format(self.row, c, *h, &self.st.header)?;
            // wide enough for the longest word, and for the header in at most three lines
            let word = h.split_whitespace().map(chars).max().unwrap_or(0) as f64;
            let lines = (chars(h) as f64 / 2.6).min(18.0);
            self.widen(c, word.max(lines) * 1.1 + 2.0);
            self.wrap(c, c, h, true);
        }
        self.main.get_or_insert(self.row);
        self.row += 1;
        Ok(())
    }

    /// A row of a table.
    pub(super) fn row(&mut self, cells: &[Cell]) -> Res {
        self.cells(cells, false)
    }

    /// A total row (bold, shaded).
    pub(super) fn total(&mut self, cells: &[Cell]) -> Res {
        self.cells(cells, true)
    }

    fn cells(&mut self, cells: &[Cell], total: bool) -> Res {
        if self.row >= LAST_ROW {
            self.cut += 1;
            return Ok(());
        }
        for (c, cell) in cells.iter().enumerate() {
            self.put(c as u16, cell, total)?;
        }
        self.row += 1;
        Ok(())
    }

    fn dash(&mut self, col: u16, total: bool) -> Res {
        self.ws
            .write_string_with_format(self.row, col, "–", self.st.cell(Kind::Dash, total))?;
        self.widen(col, 3.0);
        Ok(())
    }

    /// One cell, its width noted.
    fn put(&mut self, col: u16, cell: &Cell, total: bool) -> Res {
        let (row, st) = (self.row, self.st);
        match cell {
            Cell::Text(s) => {
                let s = fit(s);
                let n = chars(s);
                let kind = if n > WRAP_AT || s.contains('\n') {
                    self.wrap(col, col, s, total);
                    Kind::Wrap
                } else {
                    Kind::Text
                };
                self.ws
                    .write_string_with_format(row, col, s, st.cell(kind, total))?;
                self.widen(col, n.min(WRAP_AT) as f64 + 1.5);
            }
            Cell::Num(None, _) => self.dash(col, total)?,
            Cell::Num(Some(x), kind) => {
                let whole = x.fract() == 0.0 && x.abs() < 1e15;
                let (k, value, shown) = match kind {
                    Num::Int => (Kind::Int, *x, crate::basics::format::dec(*x, 0)),
                    Num::Count if whole => (Kind::Int, *x, crate::basics::format::dec(*x, 0)),
                    Num::Count | Num::Dec2 => (Kind::Dec2, *x, crate::basics::format::dec(*x, 2)),
                    Num::Pct => (
                        Kind::Pct,
                        x / 100.0,
                        crate::basics::format::dec(*x, 2) + "%",
                    ),
                    // as the page: less than the precision is not «nothing»
                    Num::Dec4 if *x == 0.0 => {
                        let s = "< 0,0001";
                        self.ws.write_string_with_format(
                            row,
                            col,
                            s,
                            st.cell(Kind::Dash, total),
                        )?;
                        self.widen(col, 10.0);
                        return Ok(());
                    }
                    Num::Dec4 => (Kind::Dec4, *x, crate::basics::format::dec(*x, 4)),
                    Num::Trim if whole => (Kind::Whole, *x, crate::basics::format::dec(*x, 0)),
                    Num::Trim => (Kind::Dec2, *x, crate::basics::format::dec(*x, 2)),
                };
                self.ws
                    .write_number_with_format(row, col, value, st.cell(k, total))?;
                self.widen(col, chars(&shown) as f64 + 2.0);
            }
            Cell::Date(d) => match d.as_deref().and_then(iso_date) {
                Some(dt) => {
                    self.ws
                        .write_datetime_with_format(row, col, dt, st.cell(Kind::Date, total))?;
                    self.widen(col, 12.0);
                }
                None => match d {
                    Some(s) if !s.is_empty() => self.put(col, &text(s.clone()), total)?,
                    _ => self.dash(col, total)?,
                },
            },
            Cell::Month(m) => match iso_date(m) {
                Some(dt) => {
                    self.ws.write_datetime_with_format(
                        row,
                        col,
                        dt,
                        st.cell(Kind::Month, total),
                    )?;
                    self.widen(col, 9.0);
                }
                None => self.put(col, &text(m.clone()), total)?,
            },
        }
        Ok(())
    }

    /// Widths, paragraph heights, the frozen header, the filter and the print set-up.
    pub(super) fn finish(mut self, layout: Layout) -> Res {
        if self.cut > 0 {
            let msg = format!(
                "… còn {} dòng không ghi được: một trang tính chứa tối đa 1.048.576 dòng.",
                crate::basics::format::int(self.cut)
            );
            self.ws
                .write_string_with_format(LAST_ROW, 0, &msg, &self.st.note)?;
            self.row = LAST_ROW + 1;
        }
        let widths: Vec<f64> = self
            .widths
            .iter()
            // a column only under a paragraph keeps Excel's default width
            .map(|&w| {
                if w == 0.0 {
                    DEFAULT_WIDTH
                } else {
                    w.clamp(MIN_WIDTH, MAX_WIDTH)
                }
            })
            .collect();
        for (c, w) in widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *w)?;
        }
        let mut heights: Vec<(u32, usize)> = self
            .wraps
            .iter()
            .map(|w| {
                // merged cells also span the padding between columns (about 0,7 unit each)
                let span: f64 = (w.first..=w.last)
                    .map(|c| widths.get(c as usize).copied().unwrap_or(DEFAULT_WIDTH))
                    .sum::<f64>()
                    + 0.7 * f64::from(w.last - w.first);
                // characters per line: a Vietnamese letter is a little narrower than a digit
                // (Excel's width unit), bold about as wide; less than measured (LibreOffice:
                // 1,2), as a margin for other fonts and zooms
                let per_line = span * if w.bold { 0.95 } else { 1.1 } - 1.0;
                (w.row, lines(&w.text, per_line))
            })
            .collect();
        heights.sort_unstable();
        for (i, (row, n)) in heights.iter().enumerate() {
            let last_of_row = heights.get(i + 1).is_none_or(|(r, _)| r != row);
            if last_of_row && *n > 1 {
                self.ws
                    .set_row_height(*row, *n as f64 * LINE_HEIGHT + 2.0)?;
            }
        }
        let last_col = widths.len().saturating_sub(1) as u16;
        let last_row = self.row.saturating_sub(1);
        if let (Some(h), Some(cols)) = (self.main, layout.freeze) {
            self.ws.set_freeze_panes(h + 1, cols)?;
            self.ws.set_repeat_rows(h, h)?;
        }
        if let (Some(h), true) = (self.main, layout.filter) {
            if last_row > h {
                self.ws.autofilter(h, 0, last_row, last_col)?;
            }
        }
        self.ws.set_paper_size(9); // A4
        if widths.iter().sum::<f64>() > PORTRAIT_WIDTH {
            self.ws.set_landscape();
        }
        self.ws.set_print_fit_to_pages(1, 0);
        self.ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        self.ws.set_print_area(0, 0, last_row, last_col)?;
        self.ws.set_header("&L&8&A");
        self.ws.set_footer("&C&8Trang &P/&N");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert!(iso_date("2024-12-31").is_some());
        assert!(iso_date("2024-12-31T08:30").is_some());
        assert!(iso_date("2024-02").is_some());
        assert!(iso_date("2024-02-30").is_none());
        assert!(iso_date("31/12/2024").is_none());
        assert!(iso_date("").is_none());
    }

    #[test]
    fn word_wrap_lines() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("Đã giải quyết", 10.0), 2);
        assert_eq!(lines("Đã giải quyết", 13.0), 1);
        assert_eq!(lines("a\nb c", 10.0), 2);
        assert_eq!(lines("abcdefghijklmnopqrstuvwxy", 10.0), 3);
        assert_eq!(lines("ab abcdefghijklmnopqrstuvwxy", 10.0), 4);
    }

    #[test]
    fn long_texts_are_cut_to_a_cell() {
        let s = "ễ".repeat(MAX_TEXT + 5);
        assert_eq!(fit(&s).chars().count(), MAX_TEXT);
        assert_eq!(fit("abc"), "abc");
    }
}
