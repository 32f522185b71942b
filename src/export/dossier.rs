//! The sheets of a dossier Report, as the page shows it: «Tổng hợp» (title, period, narrative,
//! the per-level table with its «Tổng cộng» row (not «Toàn tỉnh»: the files may hold one unit), the other counts, the row accounting, the
//! problems by reason), «Đơn vị», «Lĩnh vực», «Thủ tục», «Theo tháng», «Theo tháng và cấp», «Hồ sơ trễ hạn», «Lỗi
//! dữ liệu» (the rejected rows with their reasons) and «Tệp đã đọc» (the files with their row
//! accounting). Headers are the page's (www/i18n/vi.js, `col.*`).

use super::sheet::{int, num, opt_text, text, Cell, Layout, Num, Res, Sheet, Styles};
use crate::basics::format::int as vi_int;
use crate::dossier::aggregate::Figures;
use crate::dossier::narrative::NOT_KNOWN;
use crate::dossier::report::{Breakdown, FileInfo, Report, RowCounts};
use rust_xlsxwriter::Workbook;

type Get = fn(&Figures) -> Cell;

/// The figure columns of every dossier table, in the page's order (`FIGURE_COLS` of
/// www/views/report.js).
const FIGURES: [(&str, Get); 16] = [
    ("Đã giải quyết", |f| int(f.counts.resolved)),
    ("Đúng hạn (gồm trước hạn)", |f| {
        int(f.counts.on_time)
    }),
    ("Tỷ lệ đúng hạn", |f| num(f.on_time_rate, Num::Pct)),
    ("Trước hạn", |f| int(f.counts.early)),
    ("Giải quyết quá hạn", |f| int(f.counts.late)),
    ("Tỷ lệ quá hạn", |f| num(f.late_rate, Num::Pct)),
    ("Đang giải quyết", |f| int(f.counts.pending)),
    ("Đang giải quyết quá hạn", |f| {
        int(f.counts.pending_overdue)
    }),
    ("Trả lại/Xin rút", |f| int(f.counts.withdrawn)),
    ("Tiếp nhận mới trong kỳ", |f| int(f.counts.received)),
    ("Trực tuyến", |f| int(f.counts.received_online)),
    ("Từ kỳ trước", |f| int(f.counts.carried_over)),
    ("Số hóa (%)", |f| {
        known(f.digitized_rate, f.counts.resolved)
    }),
    ("Thanh toán trực tuyến (%)", |f| {
        known(f.paid_online_rate, f.counts.resolved)
    }),
    ("Số ngày xử lý TB", |f| {
        num(f.avg_processing_days, Num::Dec2)
    }),
    ("Số ngày làm việc xử lý TB", |f| {
        num(f.avg_processing_working_days, Num::Dec2)
    }),
];

/// A rate that is missing although its base is not 0: the files do not say (no column, or only
/// blanks), written «chưa có dữ liệu» as on the page and in the narrative, never 0%.
fn known(rate: Option<f64>, base: u64) -> Cell {
    match rate {
        None if base > 0 => Cell::Text(NOT_KNOWN.into()),
        r => num(r, Num::Pct),
    }
}

/// Figures that are stocks at the period's end, not monthly (left out of «Theo tháng»).
const NOT_MONTHLY: [&str; 3] = ["Đang giải quyết", "Đang giải quyết quá hạn", "Từ kỳ trước"];

fn figure_heads(monthly: bool) -> impl Iterator<Item = &'static str> {
    FIGURES
        .iter()
        .map(|(h, _)| *h)
        .filter(move |h| !monthly || !NOT_MONTHLY.contains(h))
}

/// A row: its first cells (a name, a month…), then the figures.
fn figure_row(first: impl IntoIterator<Item = Cell>, f: &Figures, monthly: bool) -> Vec<Cell> {
    first.into_iter().chain(figure_cells(f, monthly)).collect()
}

fn figure_cells(f: &Figures, monthly: bool) -> impl Iterator<Item = Cell> + '_ {
    FIGURES
        .iter()
        .filter(move |(h, _)| !monthly || !NOT_MONTHLY.contains(h))
        .map(move |(_, get)| get(f))
}

/// `yyyy-mm-dd` → `dd/mm/yyyy`.
fn vi_date(iso: &str) -> String {
    match (iso.get(0..4), iso.get(5..7), iso.get(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// «Kỳ báo cáo: năm 2024 (01/01/2024 – 31/12/2024) — chọn tự động theo dữ liệu», as the page.
pub(super) fn period_line(r: &Report) -> String {
    let p = &r.period;
    let mut s = format!(
        "Kỳ báo cáo: {} ({} – {})",
        p.label,
        vi_date(&p.from),
        vi_date(&p.to)
    );
    if p.auto {
        s += " — chọn tự động theo dữ liệu";
    }
    s
}

fn accounting(r: &Report) -> String {
    let c = &r.rows;
    format!(
        "Đã đọc {} dòng = {} được tính + {} bị loại + {} trùng lặp + {} bỏ qua (tiêu đề {}, tên cột {}, dòng trống {}, dòng tổng {}).",
        vi_int(c.read),
        vi_int(c.counted),
        vi_int(c.rejected),
        vi_int(c.duplicates),
        vi_int(c.ignored),
        vi_int(c.ignored_title),
        vi_int(c.ignored_header),
        vi_int(c.ignored_blank),
        vi_int(c.ignored_total)
    )
}

/// Every sheet of the Report, in the page's tab order.
pub(super) fn sheets(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    summary(wb, st, r)?;
    if !r.sources.is_empty() {
        sources(wb, st, r)?;
    }
    units(wb, st, r)?;
    breakdown(wb, st, "Lĩnh vực", "Lĩnh vực", &r.fields)?;
    breakdown(wb, st, "Thủ tục", "Thủ tục", &r.procedures)?;
    months(wb, st, r)?;
    months_by_level(wb, st, r)?;
    late(wb, st, r)?;
    problems(wb, st, r)?;
    files(wb, st, r)
}

/// «Tổng hợp»: what a report needs on its first page.
fn summary(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Tổng hợp")?;
    let last = FIGURES.len() as u16;
    s.title("BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")?;
    s.line(&period_line(r))?;
    s.line(if r.two_tier {
        "Mô hình chính quyền hai cấp (tỉnh, xã)"
    } else {
        "Mô hình chính quyền ba cấp (tỉnh, huyện, xã)"
    })?;
    s.line(&format!("Quy ước đếm: {}", r.convention.name))?;
    s.skip();
    s.heading("Nội dung báo cáo")?;
    s.para(&r.narrative, last)?;
    s.skip();
    s.heading("Kết quả giải quyết hồ sơ theo cấp")?;
    let heads: Vec<&str> = std::iter::once("Cấp").chain(figure_heads(false)).collect();
    s.header(&heads)?;
    for l in &r.levels {
        s.row(&figure_row([text(&l.label)], &l.figures, false))?;
    }
    s.total(&figure_row([text("Tổng cộng")], &r.total, false))?;
    s.skip();
    other_counts(&mut s, r)?;
    s.skip();
    s.heading("Số dòng đã đọc")?;
    s.para(&accounting(r), last)?;
    for f in &r.files {
        for e in f.error.iter().chain(&f.warnings) {
            s.para(&format!("Tệp «{}»: {e}", f.name), last)?;
        }
    }
    if r.problems_total > 0 {
        s.skip();
        s.heading(&format!(
            "Lỗi dữ liệu theo loại (tổng số {}; các dòng có lỗi không được tính)",
            vi_int(r.problems_total)
        ))?;
        for p in &r.problems_by_reason {
            let reason = if p.reason.is_empty() {
                p.code.to_string()
            } else {
                p.reason.clone()
            };
            s.pair(&reason, int(p.count), 6)?;
        }
    }
    s.finish(Layout::default())
}

/// «Địa phương»: a Report merged from summary files (issue 11), one row per province (source
/// summary), as the page's table above the units.
fn sources(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Địa phương")?;
    let heads: Vec<&str> = std::iter::once("Địa phương")
        .chain(figure_heads(false))
        .collect();
    s.header(&heads)?;
    for x in &r.sources {
        s.row(&figure_row([text(&x.name)], &x.figures, false))?;
    }
    s.finish(Layout::table(1, true))
}

/// The period's counts that are not in the level table's columns.
fn other_counts(s: &mut Sheet, r: &Report) -> Res {
    let c = &r.total.counts;
    s.heading("Số liệu khác (toàn tỉnh)")?;
    let rows: [(&str, Cell); 14] = [
        ("Tiếp nhận trong kỳ", int(c.received)),
        ("– trực tuyến", int(c.received_online)),
        ("– trực tiếp", int(c.received_direct)),
        ("– qua bưu chính công ích", int(c.received_postal)),
        (
            "Tỷ lệ nộp trực tuyến",
            known(r.total.online_rate, c.received),
        ),
        ("Từ kỳ trước chuyển sang", int(c.carried_over)),
        ("Đang giải quyết cuối kỳ", int(c.pending)),
        ("– trong đó quá hạn", int(c.pending_overdue)),
        ("Trả lại/Xin rút", int(c.withdrawn)),
        ("Dừng xử lý", int(c.stopped)),
        ("Không được tiếp nhận", int(c.not_received)),
        (
            "Thời gian giải quyết trung bình (ngày)",
            num(r.total.avg_processing_days, Num::Dec2),
        ),
        (
            "Thời gian giải quyết trung bình (ngày làm việc)",
            num(r.total.avg_processing_working_days, Num::Dec2),
        ),
        ("Ngày làm việc tính theo", text(&r.calendar.name)),
    ];
    for (label, value) in rows {
        s.pair(label, value, 4)?;
    }
    for w in &r.calendar.warnings {
        s.para(w, FIGURES.len() as u16)?;
    }
    Ok(())
}

/// «Đơn vị»: the units' figures and their dossiers in the late list.
fn units(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Đơn vị")?;
    let heads: Vec<&str> = ["Đơn vị", "Cấp"]
        .into_iter()
        .chain(figure_heads(false))
        .chain(["Hồ sơ trễ"])
        .collect();
    s.header(&heads)?;
    for u in &r.units {
        let cells: Vec<Cell> = [text(&u.name), opt_text(u.level.map(|l| l.vi()))]
            .into_iter()
            .chain(figure_cells(&u.figures, false))
            // its dossiers in the late list (resolved late + overdue), from its figures: the
            // list is cut at limits::MAX_LATE_LISTED
            .chain([int(u.figures.counts.late + u.figures.counts.pending_overdue)])
            .collect();
        s.row(&cells)?;
    }
    s.finish(Layout::table(1, true))
}

/// «Lĩnh vực», «Thủ tục»: code (when the files have codes), name, figures.
fn breakdown(
    wb: &mut Workbook,
    st: &Styles,
    sheet: &str,
    label: &'static str,
    rows: &[Breakdown],
) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, sheet)?;
    let codes = rows.iter().any(|b| b.code.is_some());
    let first: Vec<&str> = if codes {
        vec!["Mã", label]
    } else {
        vec![label]
    };
    let heads: Vec<&str> = first.iter().copied().chain(figure_heads(false)).collect();
    s.header(&heads)?;
    for b in rows {
        let name = [text(&b.name)];
        let both = [opt_text(b.code.as_deref()), text(&b.name)];
        let first: &[Cell] = if codes { &both } else { &name };
        s.row(&figure_row(first.iter().cloned(), &b.figures, false))?;
    }
    s.finish(Layout::table(first.len() as u16, true))
}

/// «Theo tháng»: figures dated by the end of processing or by receipt, month by month.
fn months(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Theo tháng")?;
    let heads: Vec<&str> = std::iter::once("Tháng").chain(figure_heads(true)).collect();
    s.header(&heads)?;
    for m in &r.months {
        s.row(&figure_row(
            [Cell::Month(m.month.clone())],
            &m.figures,
            true,
        ))?;
    }
    s.finish(Layout::table(1, false))
}

/// «Theo tháng và cấp»: the months of «Theo tháng», each level on a row of its own.
fn months_by_level(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Theo tháng và cấp")?;
    let heads: Vec<&str> = ["Tháng", "Cấp"]
        .into_iter()
        .chain(figure_heads(true))
        .collect();
    s.header(&heads)?;
    for m in &r.months {
        for l in &m.levels {
            let first = [Cell::Month(m.month.clone()), text(&l.label)];
            s.row(&figure_row(first, &l.figures, true))?;
        }
    }
    s.finish(Layout::table(2, false))
}

/// «Hồ sơ trễ hạn»: resolved late in the period, and overdue at its end.
fn late(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Hồ sơ trễ hạn")?;
    if !r.sources.is_empty() && r.late.is_empty() && r.late_total > 0 {
        // merged from summary files: the count, not the list (as the page says)
        s.line(&format!(
            "Tệp tóm tắt không có danh sách hồ sơ (không có mã hồ sơ): {} hồ sơ trễ hạn được tính trong số liệu tổng hợp.",
            vi_int(r.late_total)
        ))?;
    }
    s.header(&[
        "Loại",
        "Mã hồ sơ",
        "Đơn vị",
        "Cấp",
        "Thủ tục",
        "Lĩnh vực",
        "Ngày nhận",
        "Hạn trả",
        "Ngày kết thúc",
        "Số ngày trễ",
        "Số ngày trễ (ngày làm việc)",
    ])?;
    for d in &r.late {
        let kind = match d.kind.as_str() {
            "resolved" => "Giải quyết trễ",
            "pending" => "Đang quá hạn",
            other => other,
        };
        s.row(&[
            text(kind),
            text(&d.id),
            text(&d.unit),
            text(d.level.vi()),
            text(&d.procedure),
            text(&d.field),
            Cell::Date(d.received.clone()),
            Cell::Date(d.due.clone()),
            Cell::Date(d.finished.clone()),
            num(Some(f64::from(d.days_late)), Num::Int),
            num(Some(f64::from(d.working_days_late)), Num::Int),
        ])?;
    }
    s.finish(Layout::table(0, true))
}

/// «Lỗi dữ liệu»: the rejected rows, with file, row (as a spreadsheet shows it), column, value
/// and reason.
fn problems(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Lỗi dữ liệu")?;
    s.line(&if r.problems_total == 0 {
        "Không có lỗi dữ liệu.".to_string()
    } else if !r.sources.is_empty() && r.problems.is_empty() {
        format!(
            "Tổng số lỗi: {}. Tệp tóm tắt chỉ giữ số lỗi theo loại (ở trang «Tổng hợp»), không có danh sách lỗi (dòng, cột, giá trị).",
            vi_int(r.problems_total)
        )
    } else {
        format!(
            "Tổng số lỗi: {}. Danh sách gồm {} lỗi đầu tiên; các dòng có lỗi không được tính.",
            vi_int(r.problems_total),
            vi_int(r.problems.len() as u64)
        )
    })?;
    s.header(&["Tệp", "Dòng", "Cột", "Giá trị", "Lý do", "Mã lỗi"])?;
    for p in &r.problems {
        s.row(&[
            text(&p.file),
            num(Some(p.row as f64), Num::Trim),
            text(&p.column),
            text(&p.value),
            text(&p.reason),
            text(p.code.to_string()),
        ])?;
    }
    s.finish(Layout::table(0, true))
}

fn delimiter_name(d: &str) -> String {
    match d {
        "\t" => "Tab".into(),
        " " => "dấu cách".into(),
        "" => "–".into(),
        d => format!("«{d}»"),
    }
}

/// `utf-8-bom` → `UTF-8 (BOM)`, as the page names encodings.
fn encoding_name(e: &str) -> String {
    if e.is_empty() {
        return "–".into();
    }
    let (base, bom) = match e.strip_suffix("-bom").or_else(|| e.strip_suffix("-BOM")) {
        Some(b) => (b, true),
        None => (e, false),
    };
    let known = ["utf", "windows", "iso", "tcvn", "vni"];
    let lower = base.to_ascii_lowercase();
    let base = if known.iter().any(|k| lower.starts_with(k)) {
        base.to_uppercase()
    } else {
        base.to_string()
    };
    if bom {
        format!("{base} (BOM)")
    } else {
        base
    }
}

fn file_cells(f: &FileInfo) -> Vec<Cell> {
    let c = &f.rows;
    let notes: Vec<&str> = f
        .error
        .iter()
        .chain(&f.warnings)
        .map(String::as_str)
        .collect();
    let mut cells = vec![
        text(&f.name),
        text(&f.format),
        opt_text(f.sheet.as_deref()),
        text(encoding_name(&f.encoding)),
        text(delimiter_name(&f.delimiter)),
        int(f.bytes),
        num(f.header_row.map(|r| r as f64), Num::Trim),
    ];
    cells.extend(row_counts(c));
    cells.push(opt_text(Some(&notes.join("; "))));
    cells
}

/// The row accounting's cells, in the order of «Tệp đã đọc»'s columns.
fn row_counts(c: &RowCounts) -> [Cell; 9] {
    [
        c.read,
        c.counted,
        c.rejected,
        c.duplicates,
        c.ignored,
        c.ignored_title,
        c.ignored_header,
        c.ignored_blank,
        c.ignored_total,
    ]
    .map(int)
}

/// «Tệp đã đọc»: each file, how it was read, and its row accounting (read = counted + rejected
/// + duplicates + ignored), with the total.
fn files(wb: &mut Workbook, st: &Styles, r: &Report) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Tệp đã đọc")?;
    s.header(&[
        "Tệp",
        "Định dạng",
        "Trang tính",
        "Bảng mã",
        "Dấu phân cách",
        "Dung lượng (byte)",
        "Dòng tiêu đề cột",
        "Số dòng đã đọc",
        "Được tính",
        "Bị loại",
        "Trùng lặp",
        "Bỏ qua",
        "Bỏ qua: tiêu đề",
        "Bỏ qua: tên cột",
        "Bỏ qua: dòng trống",
        "Bỏ qua: dòng tổng",
        "Lỗi, ghi chú",
    ])?;
    for f in &r.files {
        s.row(&file_cells(f))?;
    }
    let c = &r.rows;
    let bytes: u64 = r.files.iter().map(|f| f.bytes).sum();
    let mut total = vec![
        text("Tổng cộng"),
        text(""),
        text(""),
        text(""),
        text(""),
        int(bytes),
        text(""),
    ];
    total.extend(row_counts(c));
    total.push(text(""));
    s.total(&total)?;
    s.finish(Layout::table(1, false))
}
