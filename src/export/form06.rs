//! Form 06 out: the Report as «Biểu số 06/VPCP/KSTT» (rows by field within the levels) or its
//! II.06a variant (rows by unit), as an .xlsx workbook ([`form06_xlsx`]) or CSV ([`form06_csv`]).
//! A pure function of the Report: its `field_levels` (06) or `units` (II.06a) grouped under the
//! levels «Sở ban ngành» / «Huyện, thị xã, thành phố» / «Xã, phường, thị trấn» (two groups in
//! two-tier mode), each group's heading row carrying its subtotal, then «Tổng cộng». The columns
//! and how they come from `Counts` are in `dossier::form` (3 = 4 + 5 + 6, 7 = 8 + 9 + 10,
//! 11 = 12 + 13 by construction); `dossier::form_read` reads either file back.
//!
//! The workbook follows the printed form: the form's number and «Ban hành theo Thông tư số
//! 01/2020/TT-VPCP…» above, the title, «Kỳ báo cáo: … (Từ ngày … đến ngày …)», «Đơn vị tính»,
//! two header rows with merged cells, the columns' numbers (1)–(13), then the rows; A4
//! landscape, one page wide, the header rows repeated on every page. Numbers are numbers
//! formatted `#,##0` (98.942 under Vietnamese regional settings; the module docs of `export`
//! say why there is no locale prefix). The CSV has the same rows, numbers written «98.942», `;`
//! between cells (Excel's list separator with Vietnamese settings), BOM, cells neutralised.

use super::csv::table_csv;
use crate::basics::format::int;
use crate::dossier::aggregate::Counts;
use crate::dossier::form::{columns, group_label, Variant, ISSUED_BY, UNIT_LINE};
use crate::dossier::report::Report;
use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// What a row of the form is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A level's heading (I, II, III), with the level's subtotal.
    Group,
    /// A field (06) or a unit (II.06a).
    Item,
    /// «Tổng cộng».
    Total,
}

/// One row of the form's table.
struct Line {
    kind: Kind,
    stt: String,
    name: String,
    figures: [u64; 11],
}

const ROMAN: [&str; 3] = ["I", "II", "III"];

/// The rows of the form: per level of the Report, its heading with the sum of its rows, the rows
/// (as the Report sorts them: most resolved first), then the total.
fn lines(report: &Report, variant: Variant) -> Vec<Line> {
    let mut out = Vec::new();
    let mut total = [0u64; 11];
    for (g, l) in report.levels.iter().enumerate() {
        let items: Vec<(&str, &Counts)> = match variant {
            Variant::Form06 => &report.field_levels,
            Variant::Ii06a => &report.units,
        }
        .iter()
        .filter(|b| b.level == Some(l.level))
        .map(|b| (b.name.as_str(), &b.figures.counts))
        .collect();
        let mut sub = [0u64; 11];
        let rows: Vec<Line> = items
            .iter()
            .enumerate()
            .map(|(i, (name, c))| {
                let figures = columns(c);
                add(&mut sub, &figures);
                Line {
                    kind: Kind::Item,
                    stt: (i + 1).to_string(),
                    name: name.to_string(),
                    figures,
                }
            })
            .collect();
        add(&mut total, &sub);
        out.push(Line {
            kind: Kind::Group,
            stt: ROMAN.get(g).unwrap_or(&"").to_string(),
            name: group_label(l.level).into(),
            figures: sub,
        });
        out.extend(rows);
    }
    out.push(Line {
        kind: Kind::Total,
        stt: String::new(),
        name: "Tổng cộng".into(),
        figures: total,
    });
    out
}

fn add(sum: &mut [u64; 11], v: &[u64; 11]) {
    for (s, x) in sum.iter_mut().zip(v) {
        *s += x;
    }
}

/// `yyyy-mm-dd` as `dd/mm/yyyy`.
fn vi(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    match p[..] {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// «Kỳ báo cáo: năm 2024 (Từ ngày 01/01/2024 đến ngày 31/12/2024)»; for a period that is not
/// a year, «Kỳ báo cáo: Từ ngày … đến ngày …».
fn period_line(r: &Report) -> String {
    let p = &r.period;
    if p.from.is_empty() {
        return format!("Kỳ báo cáo: {}", p.label);
    }
    let range = format!("Từ ngày {} đến ngày {}", vi(&p.from), vi(&p.to));
    if p.label.starts_with("từ ngày") {
        format!("Kỳ báo cáo: {range}")
    } else {
        format!("Kỳ báo cáo: {} ({range})", p.label)
    }
}

/// What the figures count that the form's headers do not say.
fn notes(r: &Report) -> Vec<String> {
    let t = &r.total.counts;
    let mut v = vec![
        "Ghi chú: cột (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13). Hồ sơ không ghi hình thức nộp được tính vào cột (5).".to_string(),
    ];
    v.push(format!(
        "Quy ước đếm: {}. {}",
        r.convention.name, r.convention.description
    ));
    if r.convention.id == "bieu-06" {
        if t.withdrawn > 0 {
            v.push(format!(
                "Hồ sơ Trả lại/Xin rút ({}) được tính vào cột (7) và (9).",
                int(t.withdrawn)
            ));
        }
    } else if t.withdrawn + t.stopped > 0 {
        v.push(format!(
            "Hồ sơ Trả lại/Xin rút ({}) và dừng xử lý ({}) trong kỳ không tính vào cột (7).",
            int(t.withdrawn),
            int(t.stopped)
        ));
    }
    v.push(format!(
        "Tổng hợp bởi tthc-analytics, {}.",
        if r.levels.len() == 2 {
            "chính quyền địa phương hai cấp"
        } else {
            "ba cấp tỉnh, huyện, xã"
        }
    ));
    v
}

/// The form as CSV: the title block, the two header rows, the columns' numbers, the rows with
/// vi-VN numbers («98.942»), the notes; `;` between cells, BOM, neutralised cells.
pub fn form06_csv(report: &Report, variant: Variant) -> Vec<u8> {
    let row = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    let mut rows = vec![
        row(&[&format!("Biểu số {}", variant.number())]),
        row(&[ISSUED_BY]),
        row(&[variant.title()]),
        row(&[&period_line(report)]),
        row(&[UNIT_LINE]),
        row(&variant.header1()),
        row(&variant.header2()),
        (1..=13).map(|i| format!("({i})")).collect(),
    ];
    for l in lines(report, variant) {
        let mut r = vec![l.stt, l.name];
        r.extend(l.figures.iter().map(|&n| int(n)));
        rows.push(r);
    }
    rows.extend(notes(report).into_iter().map(|n| vec![n]));
    table_csv(&rows, b';')
}

/// The workbook's formats.
struct Styles {
    number: Format,
    issued: Format,
    title: Format,
    period: Format,
    unit: Format,
    header: Format,
    colno: Format,
    note: Format,
    /// Per row kind: the STT cell, the name, the numbers.
    cells: [[Format; 3]; 3],
}

fn boxed() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}

impl Styles {
    fn new() -> Styles {
        let kind = |bold: bool, shade: bool| {
            let f = |f: Format| {
                let f = if bold { f.set_bold() } else { f };
                if shade {
                    f.set_background_color(Color::RGB(0xEEF2F7))
                } else {
                    f
                }
            };
            [
                f(boxed().set_align(FormatAlign::Center)),
                f(boxed().set_text_wrap()),
                f(boxed().set_num_format("#,##0")),
            ]
        };
        Styles {
            number: Format::new().set_bold(),
            issued: Format::new()
                .set_italic()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            title: Format::new()
                .set_bold()
                .set_font_size(13)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            period: Format::new().set_italic().set_align(FormatAlign::Center),
            unit: Format::new().set_italic().set_align(FormatAlign::Right),
            header: boxed()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xEEF2F7)),
            colno: boxed().set_italic().set_align(FormatAlign::Center),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x5B6573)),
            cells: [kind(true, false), kind(false, false), kind(true, true)],
        }
    }
}

/// Rows of the title block and the header (0-based).
const HEADER1: u32 = 5;
const HEADER2: u32 = 6;
const COLNO: u32 = 7;
const LAST_COL: u16 = 12;

/// The title block: the form's number and «Ban hành theo…», the title, the period, the unit.
fn title_block(ws: &mut Worksheet, st: &Styles, r: &Report, v: Variant) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, 3, &format!("Biểu số {}", v.number()), &st.number)?;
    ws.merge_range(0, 8, 1, LAST_COL, ISSUED_BY, &st.issued)?;
    ws.merge_range(2, 0, 2, LAST_COL, v.title(), &st.title)?;
    ws.set_row_height(2, 36.0)?;
    ws.merge_range(3, 0, 3, LAST_COL, &period_line(r), &st.period)?;
    ws.merge_range(4, 8, 4, LAST_COL, UNIT_LINE, &st.unit)?;
    Ok(())
}

/// The two header rows (merged: STT and the name down both rows, the three groups across their
/// columns) and the columns' numbers.
fn header(ws: &mut Worksheet, st: &Styles, v: Variant) -> Result<(), XlsxError> {
    let h1 = v.header1();
    let h2 = v.header2();
    ws.merge_range(HEADER1, 0, HEADER2, 0, h1[0], &st.header)?;
    ws.merge_range(HEADER1, 1, HEADER2, 1, h1[1], &st.header)?;
    for (first, last) in [(2u16, 5u16), (6, 9), (10, 12)] {
        ws.merge_range(
            HEADER1,
            first,
            HEADER1,
            last,
            h1[first as usize],
            &st.header,
        )?;
    }
    for c in 2..=LAST_COL {
        ws.write_string_with_format(HEADER2, c, h2[c as usize], &st.header)?;
    }
    for c in 0..=LAST_COL {
        ws.write_string_with_format(COLNO, c, format!("({})", c + 1), &st.colno)?;
    }
    ws.set_row_height(HEADER1, 32.0)?;
    ws.set_row_height(HEADER2, if v == Variant::Ii06a { 62.0 } else { 48.0 })?;
    Ok(())
}

/// The form as an .xlsx workbook of one sheet («Biểu 06» or «Biểu II.06a»); the error is a
/// Vietnamese message.
pub fn form06_xlsx(report: &Report, variant: Variant) -> Result<Vec<u8>, String> {
    write(report, variant).map_err(|e| format!("Không tạo được tệp Excel: {e}"))
}

fn write(report: &Report, variant: Variant) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let st = Styles::new();
    let ws = wb.add_worksheet();
    ws.set_name(match variant {
        Variant::Form06 => "Biểu 06",
        Variant::Ii06a => "Biểu II.06a",
    })?;
    title_block(ws, &st, report, variant)?;
    header(ws, &st, variant)?;
    let mut row = COLNO + 1;
    for l in lines(report, variant) {
        let f = &st.cells[match l.kind {
            Kind::Group => 0,
            Kind::Item => 1,
            Kind::Total => 2,
        }];
        ws.write_string_with_format(row, 0, &l.stt, &f[0])?;
        ws.write_string_with_format(row, 1, &l.name, &f[1])?;
        for (i, &n) in l.figures.iter().enumerate() {
            ws.write_number_with_format(row, i as u16 + 2, n as f64, &f[2])?;
        }
        row += 1;
    }
    let last_row = row - 1;
    row += 1;
    for n in notes(report) {
        ws.write_string_with_format(row, 0, &n, &st.note)?;
        row += 1;
    }
    ws.set_column_width(0, 6.0)?;
    ws.set_column_width(1, 42.0)?;
    for c in 2..=LAST_COL {
        ws.set_column_width(c, 11.5)?;
    }
    ws.set_freeze_panes(COLNO + 1, 2)?;
    ws.set_repeat_rows(HEADER1, COLNO)?;
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_area(0, 0, last_row.max(row - 1), LAST_COL)?;
    ws.set_footer("&C&8Trang &P/&N");
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Biểu số {} — {}",
                variant.number(),
                report.period.label
            ))
            .set_comment("Tạo bởi tthc-analytics từ tệp dữ liệu hồ sơ, ngay trên máy người dùng."),
    );
    wb.save_to_buffer()
}
