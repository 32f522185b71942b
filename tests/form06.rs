//! Form 06 (Thông tư 01/2020/TT-VPCP) out and in: the workbook re-read cell by cell with
//! calamine (title block, two header rows and their merges, the columns' numbers, the level
//! groups with their subtotals, the rows, the total; number formats, print set-up), the CSV
//! (vi-VN numbers, `;`), the II.06a variant by unit, the CLI's `tthc form06`; and the round trip
//! dossiers → form 06 → load → the same per-level figures.

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};
use tthc_analytics::dossier::form::{columns, mismatches, Variant};
use tthc_analytics::dossier::Report;
use tthc_analytics::export::{form06_csv, form06_xlsx};
use tthc_analytics::sample::dossiers::{Sample, FILE_NAME};
use tthc_analytics::table::reader::read_all;
use tthc_analytics::{Analyzer, Options};

/// The built-in sample through the Analyzer (the whole of it: the Bình Thuận figures).
fn sample_report() -> Report {
    let mut a = Analyzer::new(Options::default()).unwrap();
    a.begin_file(FILE_NAME);
    let mut s = Sample::new(0);
    while let Some(c) = s.next_chunk(1 << 20) {
        a.push(&c);
    }
    a.end_file();
    a.finish_report()
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

fn number(range: &calamine::Range<Data>, row: u32, col: u32) -> u64 {
    match range.get_value((row, col)) {
        Some(Data::Float(x)) => *x as u64,
        Some(Data::Int(x)) => *x as u64,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

fn sheet_xml(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The expected table rows of a form: (STT, name, 11 figures), per level group then the total.
fn expected(r: &Report, variant: Variant) -> Vec<(String, String, [u64; 11])> {
    let mut out = Vec::new();
    let mut total = [0u64; 11];
    for (g, l) in r.levels.iter().enumerate() {
        let items = match variant {
            Variant::Form06 => &r.field_levels,
            Variant::Ii06a => &r.units,
        };
        let rows: Vec<_> = items
            .iter()
            .filter(|b| b.level == Some(l.level))
            .enumerate()
            .map(|(i, b)| {
                (
                    (i + 1).to_string(),
                    b.name.clone(),
                    columns(&b.figures.counts),
                )
            })
            .collect();
        let sub = columns(&l.figures.counts);
        for (t, s) in total.iter_mut().zip(sub) {
            *t += s;
        }
        let label = [
            "Sở ban ngành",
            "Huyện, thị xã, thành phố",
            "Xã, phường, thị trấn",
        ][l.level.index()];
        out.push((["I", "II", "III"][g].to_string(), label.to_string(), sub));
        out.extend(rows);
    }
    out.push((String::new(), "Tổng cộng".into(), total));
    out
}

#[test]
fn form06_layout_cell_by_cell() {
    let r = sample_report();
    let bytes = form06_xlsx(&r, Variant::Form06).unwrap();
    let mut wb = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), ["Biểu 06"]);
    let ws = wb.worksheet_range("Biểu 06").unwrap();
    // the title block
    assert_eq!(cell(&ws, 0, 0), "Biểu số 06/VPCP/KSTT");
    assert_eq!(
        cell(&ws, 0, 8),
        "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ"
    );
    assert!(cell(&ws, 2, 0).starts_with("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"));
    assert_eq!(
        cell(&ws, 3, 0),
        "Kỳ báo cáo: năm 2024 (Từ ngày 01/01/2024 đến ngày 31/12/2024)"
    );
    assert_eq!(cell(&ws, 4, 8), "Đơn vị tính: Số hồ sơ TTHC");
    // two header rows, then the columns' numbers
    let row = |r: u32| (0..13).map(|c| cell(&ws, r, c)).collect::<Vec<_>>();
    assert_eq!(
        row(5),
        [
            "STT",
            "Lĩnh vực, công việc giải quyết theo cấp",
            "Số hồ sơ nhận giải quyết",
            "",
            "",
            "",
            "Số hồ sơ đã giải quyết",
            "",
            "",
            "",
            "Số lượng hồ sơ đang giải quyết",
            "",
            ""
        ]
    );
    assert_eq!(
        row(6)[2..],
        [
            "Tổng số",
            "Trực tuyến",
            "Trực tiếp, dịch vụ bưu chính",
            "Từ kỳ trước",
            "Tổng số",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Tổng số",
            "Trong hạn",
            "Quá hạn"
        ]
    );
    assert_eq!(
        row(7),
        (1..=13).map(|i| format!("({i})")).collect::<Vec<_>>()
    );
    // the merges of the header and the title block
    let xml = sheet_xml(&bytes);
    for m in [
        "A6:A7", "B6:B7", "C6:F6", "G6:J6", "K6:M6", "A3:M3", "A4:M4", "I1:M2",
    ] {
        assert!(xml.contains(&format!("<mergeCell ref=\"{m}\"/>")), "{m}");
    }
    // every row of the table, cell by cell
    let want = expected(&r, Variant::Form06);
    for (i, (stt, name, figures)) in want.iter().enumerate() {
        let r = 8 + i as u32;
        assert_eq!((&cell(&ws, r, 0), &cell(&ws, r, 1)), (stt, name), "row {r}");
        let got: Vec<u64> = (2..13).map(|c| number(&ws, r, c)).collect();
        assert_eq!(&got, figures, "row {r} «{name}»");
        assert!(mismatches(figures).is_empty(), "row {r}: parts add up");
    }
    // the Bình Thuận figures: col 7 and col 10 of the three groups and the total
    let level_rows: Vec<u32> = want
        .iter()
        .enumerate()
        .filter(|(_, w)| ["I", "II", "III", ""].contains(&w.0.as_str()))
        .map(|(i, _)| 8 + i as u32)
        .collect();
    let resolved: Vec<(u64, u64)> = level_rows
        .iter()
        .map(|&r| (number(&ws, r, 6), number(&ws, r, 9)))
        .collect();
    assert_eq!(
        resolved,
        [(98942, 159), (108509, 2043), (357622, 6250), (565073, 8452)]
    );
    // a group's subtotal is the sum of its rows
    let total_row = 8 + want.len() as u32 - 1;
    assert_eq!(cell(&ws, total_row, 1), "Tổng cộng");
    assert!(cell(&ws, total_row + 2, 0).starts_with("Ghi chú: cột (3) = (4) + (5) + (6)"));
    // numbers formatted #,##0 (98.942 under Vietnamese settings); A4 landscape, header repeated
    let styles = wb.worksheet_style("Biểu 06").unwrap();
    let code = styles
        .get((8, 6))
        .and_then(|s| s.number_format.as_ref())
        .map(|f| f.format_code.clone());
    assert_eq!(code.as_deref(), Some("#,##0"));
    assert!(xml.contains("paperSize=\"9\"") && xml.contains("orientation=\"landscape\""));
    assert!(xml.contains("state=\"frozen\""));
    assert!(!xml.contains("<f>"), "no formulas");
}

#[test]
fn ii06a_is_by_unit() {
    let r = sample_report();
    let bytes = form06_xlsx(&r, Variant::Ii06a).unwrap();
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    let ws = wb.worksheet_range("Biểu II.06a").unwrap();
    assert_eq!(cell(&ws, 0, 0), "Biểu số II.06a/VPCP/KSTT");
    assert!(cell(&ws, 2, 0).ends_with("TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"));
    assert_eq!(
        (0..13).map(|c| cell(&ws, 5, c)).collect::<Vec<_>>(),
        [
            "TT",
            "Đơn vị",
            "Tiếp nhận",
            "",
            "",
            "",
            "Số lượng hồ sơ đã giải quyết",
            "",
            "",
            "",
            "Hồ sơ đang xử lý",
            "",
            ""
        ]
    );
    assert_eq!(cell(&ws, 6, 3), "Trong kỳ: Trực tuyến");
    assert_eq!(cell(&ws, 6, 5), "Kỳ trước");
    let want = expected(&r, Variant::Ii06a);
    assert!(want.len() > 10, "a row per unit");
    for (i, (stt, name, figures)) in want.iter().enumerate() {
        let row = 8 + i as u32;
        assert_eq!((&cell(&ws, row, 0), &cell(&ws, row, 1)), (stt, name));
        let got: Vec<u64> = (2..13).map(|c| number(&ws, row, c)).collect();
        assert_eq!(&got, figures, "«{name}»");
    }
}

#[test]
fn csv_has_the_same_rows_with_vietnamese_numbers() {
    let r = sample_report();
    let csv = form06_csv(&r, Variant::Form06);
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let rows = read_all(&csv).rows;
    assert_eq!(rows[0][0], "Biểu số 06/VPCP/KSTT");
    assert_eq!(
        rows[3][0],
        "Kỳ báo cáo: năm 2024 (Từ ngày 01/01/2024 đến ngày 31/12/2024)"
    );
    assert_eq!(rows[5][1], "Lĩnh vực, công việc giải quyết theo cấp");
    assert_eq!(rows[6][4], "Trực tiếp, dịch vụ bưu chính");
    assert_eq!(rows[8][..2], ["I", "Sở ban ngành"]);
    assert_eq!(rows[8][6], "98.942", "vi-VN thousands");
    let want = expected(&r, Variant::Form06);
    for (i, (stt, name, figures)) in want.iter().enumerate() {
        let got = &rows[8 + i];
        assert_eq!((&got[0], &got[1]), (stt, name));
        let shown: Vec<String> = figures
            .iter()
            .map(|&n| tthc_analytics::basics::format::int(n))
            .collect();
        assert_eq!(got[2..13], shown[..]);
    }
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("\r\nI;Sở ban ngành;"), "`;` between cells");
}

#[test]
fn cli_writes_form06_as_xlsx_and_csv() {
    let dir = std::env::temp_dir().join(format!("tthc-form06-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = env!("CARGO_BIN_EXE_tthc");
    let run = |args: &[&str]| {
        std::process::Command::new(exe)
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    assert!(run(&["sample", "--rows", "3000", "--out", "s.csv"])
        .status
        .success());
    let out = run(&["form06", "--out", "f.xlsx", "--period", "2024", "s.csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(dir.join("f.xlsx")).unwrap();
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    let ws = wb.worksheet_range("Biểu 06").unwrap();
    assert_eq!(cell(&ws, 8, 1), "Sở ban ngành");
    let out = run(&["form06", "--variant", "II.06a", "--out", "u.csv", "s.csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read(dir.join("u.csv")).unwrap();
    assert!(String::from_utf8_lossy(&csv).contains("Biểu số II.06a/VPCP/KSTT"));
    let out = run(&["form06", "--variant", "07", "--out", "x.xlsx", "s.csv"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cần 06 hoặc II.06a"));
    let out = run(&["form06", "s.csv"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cần --out"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Files (name, bytes) through the Analyzer.
fn report_of(files: &[(&str, &[u8])]) -> Report {
    let mut a = Analyzer::new(Options::default()).unwrap();
    for (name, bytes) in files {
        a.begin_file(name);
        for chunk in bytes.chunks(7000) {
            a.push(chunk);
        }
        a.end_file();
    }
    a.finish_report()
}

/// The figures form 06 carries, per level and in total.
fn form_figures(r: &Report) -> Vec<[u64; 9]> {
    let f = |c: &tthc_analytics::dossier::aggregate::Counts| {
        [
            c.received,
            c.received_online,
            c.carried_over,
            c.resolved,
            c.on_time,
            c.early,
            c.late,
            c.pending,
            c.pending_overdue,
        ]
    };
    let mut v: Vec<[u64; 9]> = r.levels.iter().map(|l| f(&l.figures.counts)).collect();
    v.push(f(&r.total.counts));
    v
}

#[test]
fn round_trip_dossiers_form_load_same_figures() {
    let r = sample_report();
    let want = form_figures(&r);
    for (name, bytes) in [
        ("bieu-06.xlsx", form06_xlsx(&r, Variant::Form06).unwrap()),
        ("bieu-06.csv", form06_csv(&r, Variant::Form06)),
        ("bieu-II.06a.xlsx", form06_xlsx(&r, Variant::Ii06a).unwrap()),
        ("bieu-II.06a.csv", form06_csv(&r, Variant::Ii06a)),
    ] {
        let back = report_of(&[(name, &bytes)]);
        assert_eq!(form_figures(&back), want, "{name}");
        assert_eq!(
            (back.period.from.as_str(), back.period.to.as_str()),
            ("2024-01-01", "2024-12-31"),
            "{name}: the period from the title block"
        );
        assert_eq!(back.problems_total, 0, "{name}: {:?}", back.problems);
        assert!(back.rows.balanced(), "{name}");
        assert_eq!(back.rows.rejected, 0);
        assert_eq!(back.files[0].error, None, "{name}");
        assert_eq!(back.forms.len(), 1);
        assert!(back.forms[0].added);
        assert!(
            back.late.is_empty() && back.procedures.is_empty(),
            "no dossiers"
        );
        assert_eq!(back.total.digitized_rate, None, "the form does not say");
        assert!(back.narrative.contains("98.942"), "{name}");
        if name.contains("II.06a") {
            assert_eq!(back.units.len(), r.units.len(), "{name}: a row per unit");
            assert_eq!(back.units[0].name, r.units[0].name);
            assert_eq!(back.forms[0].variant, Variant::Ii06a);
        } else {
            assert_eq!(back.field_levels.len(), r.field_levels.len(), "{name}");
            assert_eq!(back.rows.counted, r.field_levels.len() as u64);
            // writing the form read back gives the same form
            let table = |r: &Report| {
                let rows = read_all(&form06_csv(r, Variant::Form06)).rows;
                rows[..8 + expected(r, Variant::Form06).len()].to_vec()
            };
            assert_eq!(table(&back), table(&r), "{name}: the same form again");
        }
    }
}

/// A form 06 as officials type it: CSV with `;`, «1.234», the groups, a subtotal and a total.
const HAND_FORM: &str = "\u{feff}Biểu số 06/VPCP/KSTT\r
Kỳ báo cáo: quý III năm 2025 (Từ ngày 01/07/2025 đến ngày 30/09/2025)\r
STT;Lĩnh vực, công việc giải quyết theo cấp;Số hồ sơ nhận giải quyết;;;;Số hồ sơ đã giải quyết;;;;Số lượng hồ sơ đang giải quyết;;\r
;;Tổng số;Trong đó;;Từ kỳ trước;Tổng số;Trước hạn;Đúng hạn;Quá hạn;Tổng số;Trong hạn;Quá hạn\r
;;;Trực tuyến;Trực tiếp, dịch vụ bưu chính;;;;;;;;\r
I;Sở ban ngành;1.300;600;600;100;1.200;1.000;150;50;100;90;10\r
1;Tư pháp;1.000;500;400;100;900;800;50;50;100;90;10\r
2;Đất đai;300;100;200;0;300;200;100;0;0;0;0\r
II;Xã, phường, thị trấn;;;;;;;;;;;\r
1;Hộ tịch;2.000;1.000;900;100;1.900;1.800;100;0;100;100;0\r
2;Chứng thực;500;200;200;50;400;300;50;0;50;40;10\r
3;Người có công;abc;1;1;1;1;1;0;0;0;0;0\r
;Tổng cộng;3.800;1.800;1.700;300;3.500;3.100;300;100;250;230;20\r
";

#[test]
fn a_hand_made_form_lists_its_problems_with_the_row() {
    let r = report_of(&[("bieu.csv", HAND_FORM.as_bytes())]);
    assert!(r.two_tier, "a period after 1/7/2025");
    assert_eq!(r.levels.len(), 2);
    assert_eq!(
        (r.period.from.as_str(), r.period.to.as_str()),
        ("2025-07-01", "2025-09-30")
    );
    assert!(r.rows.balanced());
    assert_eq!(
        (r.rows.counted, r.rows.rejected),
        (3, 2),
        "{:?}",
        r.problems
    );
    let p: Vec<(u64, &str, &str)> = r
        .problems
        .iter()
        .map(|p| (p.row, p.code.as_str(), p.column.as_str()))
        .collect();
    assert!(p.contains(&(11, "form_parts", "(3)")), "{p:?}: 500 ≠ 450");
    assert!(p.contains(&(12, "bad_number", "(3)")), "{p:?}");
    assert!(
        !p.iter().any(|&(row, _, _)| row == 6),
        "the subtotal of I is right"
    );
    assert!(
        p.iter()
            .any(|&(row, code, _)| row == 13 && code == "form_total"),
        "{p:?}: the total"
    );
    let c = &r.levels[0].figures.counts;
    assert_eq!(
        (c.resolved, c.on_time, c.early, c.late, c.pending),
        (1200, 1150, 1000, 50, 100)
    );
    let c = &r.levels[1].figures.counts;
    assert_eq!(
        (c.resolved, c.received, c.carried_over),
        (1900, 1900, 100),
        "the rejected rows are not added"
    );
    assert_eq!(r.field_levels.len(), 3);
}

#[test]
fn dossiers_and_forms_load_together_only_when_they_do_not_overlap() {
    // the sample's form with the sample's dossiers: the same levels
    let r = sample_report();
    let form = form06_csv(&r, Variant::Form06);
    let mut csv = Vec::new();
    let mut s = Sample::new(3000);
    while let Some(c) = s.next_chunk(1 << 20) {
        csv.extend_from_slice(&c);
    }
    let both = report_of(&[(FILE_NAME, &csv), ("bieu-06.csv", &form)]);
    let err = both.files[1].error.as_deref().unwrap_or_default();
    assert!(
        err.starts_with("Biểu tổng hợp trùng phạm vi với số liệu đã nạp — danh sách hồ sơ (cấp"),
        "{err}"
    );
    assert!(both.rows.balanced());
    let alone = report_of(&[(FILE_NAME, &csv)]);
    assert_eq!(
        form_figures(&both),
        form_figures(&alone),
        "the form is not added"
    );
    assert!(both.forms.is_empty());
    // two forms of the same level: the second is refused
    let communes = HAND_FORM.replace("I;Sở ban ngành;1.300;600;600;100;1.200;1.000;150;50;100;90;10\r\n1;Tư pháp;1.000;500;400;100;900;800;50;50;100;90;10\r\n2;Đất đai;300;100;200;0;300;200;100;0;0;0;0\r\n", "");
    let two = report_of(&[
        ("bieu.csv", communes.as_bytes()),
        ("bieu-2.csv", communes.as_bytes()),
    ]);
    assert!(two.files[1]
        .error
        .as_deref()
        .unwrap_or_default()
        .contains("biểu đã nạp trước"));
    assert_eq!(two.levels[1].figures.counts.resolved, 1900, "once");
}
