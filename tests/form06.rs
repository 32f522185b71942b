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
