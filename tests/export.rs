//! Outputs: the workbook of a Report (and of an IndexReport) read back with calamine — sheet
//! names, headers, figures equal to the Report's, number formats, frozen header and print
//! set-up (from the sheet XML), names that look like formulas kept as text — and CSV (BOM,
//! quoting, formula injection, a round trip through the crate's own reader). And the CLI's
//! `--xlsx`.

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};
use tthc_analytics::dossier::rollup::Rollup;
use tthc_analytics::dossier::Report;
use tthc_analytics::export::{index_xlsx, report_xlsx, table_csv};
use tthc_analytics::index::{IndexBuilder, IndexOptions, IndexReport};
use tthc_analytics::sample::dossiers::{Sample, FILE_NAME};
use tthc_analytics::sample::index as index_sample;
use tthc_analytics::table::reader::read_all;
use tthc_analytics::{Analyzer, Options};

const DOSSIER_SHEETS: [&str; 9] = [
    "Tổng hợp",
    "Đơn vị",
    "Lĩnh vực",
    "Thủ tục",
    "Theo tháng",
    "Theo tháng và cấp",
    "Hồ sơ trễ hạn",
    "Lỗi dữ liệu",
    "Tệp đã đọc",
];

/// The built-in sample, scaled to `rows`, through the Analyzer.
fn sample_report(rows: usize) -> Report {
    let mut a = Analyzer::new(Options::default()).unwrap();
    a.begin_file(FILE_NAME);
    let mut s = Sample::new(rows);
    while let Some(c) = s.next_chunk(1 << 16) {
        a.push(&c);
    }
    a.end_file();
    a.finish_report()
}

/// The index of the sample files with the Report's dossiers, focus Bình Thuận, a target.
fn sample_index(report: &Report) -> IndexReport {
    let mut b = IndexBuilder::new(IndexOptions {
        focus: Some(index_sample::FOCUS.into()),
        target: Some(85.0),
        ..Default::default()
    })
    .unwrap();
    b.add_report(report);
    for (name, bytes) in index_sample::files() {
        b.add_file(name, &bytes);
    }
    b.finish()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("a workbook calamine reads")
}

/// The cell at an absolute (row, column).
fn at(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn string(d: &Data) -> &str {
    match d {
        Data::String(s) => s,
        other => panic!("not a string: {other:?}"),
    }
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(x) => *x,
        Data::Int(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The row whose first cell is `label`.
fn row_of(range: &calamine::Range<Data>, label: &str) -> u32 {
    (0..range.height() as u32)
        .find(|&r| matches!(at(range, r, 0), Data::String(s) if s == label))
        .unwrap_or_else(|| panic!("no row «{label}»"))
}

/// The texts of a row, from column 0 to its last cell.
fn texts(range: &calamine::Range<Data>, row: u32) -> Vec<String> {
    (0..range.width() as u32)
        .map(|c| match at(range, row, c) {
            Data::String(s) => s,
            Data::Empty => String::new(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .skip_while(String::is_empty)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

/// `yyyy-mm-dd…` as Excel's day number (days since 30/12/1899).
fn excel_day(iso: &str) -> f64 {
    let (y, m, d): (i64, i64, i64) = (
        iso[..4].parse().unwrap(),
        iso[5..7].parse().unwrap(),
        iso[8..10].parse().unwrap(),
    );
    // days from civil (Howard Hinnant), then from 1970-01-01 to 1899-12-30
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468 + 25_569) as f64
}

/// The XML of the n-th sheet (1-based), from the zip.
fn sheet_xml(bytes: &[u8], n: usize) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = z.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_workbook_holds_the_report() {
    let r = sample_report(5000);
    let bytes = report_xlsx(&r, None).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let mut wb = open(&bytes);
    assert_eq!(wb.sheet_names(), DOSSIER_SHEETS);

    let sum = wb.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(
        string(&at(&sum, 0, 0)),
        "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    );
    assert!(string(&at(&sum, 1, 0)).starts_with("Kỳ báo cáo: năm 2024 (01/01/2024 – 31/12/2024)"));
    let head = row_of(&sum, "Cấp");
    assert_eq!(
        texts(&sum, head)[..7],
        [
            "Cấp",
            "Đã giải quyết",
            "Đúng hạn (gồm trước hạn)",
            "Tỷ lệ đúng hạn",
            "Trước hạn",
            "Giải quyết quá hạn",
            "Tỷ lệ quá hạn"
        ]
    );
    // the narrative paragraph, as the Report has it
    let narrative = (0..head)
        .map(|row| at(&sum, row, 0))
        .find(|d| matches!(d, Data::String(s) if s.starts_with("Trong năm 2024")))
        .unwrap();
    assert_eq!(string(&narrative), r.narrative.trim());
    for l in &r.levels {
        let row = row_of(&sum, &l.label);
        assert_eq!(number(&at(&sum, row, 1)), l.figures.counts.resolved as f64);
        assert_eq!(number(&at(&sum, row, 2)), l.figures.counts.on_time as f64);
        let rate = number(&at(&sum, row, 3));
        assert!((rate * 100.0 - l.figures.on_time_rate.unwrap()).abs() < 1e-9);
        assert_eq!(number(&at(&sum, row, 5)), l.figures.counts.late as f64);
    }
    let total = row_of(&sum, "Tổng cộng");
    assert_eq!(number(&at(&sum, total, 1)), r.total.counts.resolved as f64);
    assert_eq!(number(&at(&sum, total, 10)), r.total.counts.received as f64);

    let units = wb.worksheet_range("Đơn vị").unwrap();
    assert_eq!(units.height(), r.units.len() + 1);
    assert_eq!(texts(&units, 0)[..3], ["Đơn vị", "Cấp", "Đã giải quyết"]);
    assert_eq!(string(&at(&units, 1, 0)), r.units[0].name);
    assert_eq!(
        number(&at(&units, 1, 2)),
        r.units[0].figures.counts.resolved as f64
    );

    let late = wb.worksheet_range("Hồ sơ trễ hạn").unwrap();
    assert_eq!(late.height(), r.late.len() + 1);
    let d = &r.late[0];
    assert_eq!(string(&at(&late, 1, 1)), d.id);
    match at(&late, 1, 6) {
        Data::DateTime(dt) => assert_eq!(dt.as_f64(), excel_day(d.received.as_ref().unwrap())),
        other => panic!("received is not a date: {other:?}"),
    }
    assert_eq!(number(&at(&late, 1, 9)), f64::from(d.days_late));

    let files = wb.worksheet_range("Tệp đã đọc").unwrap();
    assert_eq!(string(&at(&files, 1, 0)), FILE_NAME);
    assert_eq!(number(&at(&files, 1, 7)), r.rows.read as f64);
    assert_eq!(string(&at(&files, 2, 0)), "Tổng cộng");
    assert_eq!(number(&at(&files, 2, 8)), r.rows.counted as f64);

    let months = wb.worksheet_range("Theo tháng").unwrap();
    assert_eq!(months.height(), r.months.len() + 1);
    // each month's levels on rows of their own, adding up to the levels of «Tổng hợp»
    let by_level = wb.worksheet_range("Theo tháng và cấp").unwrap();
    assert_eq!(by_level.height(), r.months.len() * r.levels.len() + 1);
    assert_eq!(string(&at(&by_level, 0, 1)), "Cấp");
    for l in &r.levels {
        let resolved: f64 = (1..by_level.height() as u32)
            .filter(|&i| string(&at(&by_level, i, 1)) == l.label)
            .map(|i| number(&at(&by_level, i, 2)))
            .sum();
        assert_eq!(resolved, l.figures.counts.resolved as f64, "{}", l.label);
    }
}

#[test]
fn numbers_have_formats_and_sheets_a_print_set_up() {
    let r = sample_report(2000);
    let bytes = report_xlsx(&r, None).unwrap();
    let mut wb = open(&bytes);
    let sum = wb.worksheet_range("Tổng hợp").unwrap();
    let row = row_of(&sum, "Cấp tỉnh");
    let styles = wb.worksheet_style("Tổng hợp").unwrap();
    let code = |c: u32| {
        styles
            .get((row, c))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
            .unwrap_or_default()
    };
    assert_eq!(code(1), "#,##0", "a count");
    assert_eq!(code(3), "0.00%", "a rate");
    assert_eq!(code(15), "#,##0.00", "days");
    let late = wb.worksheet_style("Hồ sơ trễ hạn").unwrap();
    let date = late
        .get((1, 6))
        .and_then(|s| s.number_format.as_ref())
        .unwrap();
    assert_eq!(date.format_code, "dd/mm/yyyy");

    // the summary is a report page: not frozen; A4, one page wide
    let summary = sheet_xml(&bytes, 1);
    assert!(!summary.contains("state=\"frozen\""));
    assert!(summary.contains("paperSize=\"9\""), "A4");
    assert!(summary.contains("fitToHeight=\"0\""), "fit to width");
    // «Đơn vị»: header row and name column frozen, filter, landscape, header repeated
    let units = sheet_xml(&bytes, 2);
    assert!(
        units.contains(r#"<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>"#),
        "{}",
        &units[..600]
    );
    assert!(units.contains("<autoFilter ref=\"A1:"));
    assert!(units.contains("orientation=\"landscape\""));
    let mut z = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
    let mut book = String::new();
    z.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut book)
        .unwrap();
    assert!(book.contains("_xlnm.Print_Titles"), "header rows repeated");
    assert!(book.contains("_xlnm.Print_Area"));
    // widths from the content: the unit names' column is wider than a count's
    let width = |xml: &str, col: usize| -> f64 {
        let key = format!("<col min=\"{col}\" max=\"");
        let i = xml.find(&key).unwrap();
        let w = &xml[i..];
        let w = &w[w.find("width=\"").unwrap() + 7..];
        w[..w.find('"').unwrap()].parse().unwrap()
    };
    assert!(width(&units, 1) > 2.0 * width(&units, 3));
}

#[test]
fn names_that_look_like_formulas_stay_text() {
    let mut r = sample_report(1000);
    let evil = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "@SUM(1)",
        "+cmd|' /C calc'!A0",
        "-2+3",
    ];
    for (u, name) in r.units.iter_mut().zip(evil) {
        u.name = name.to_string();
    }
    r.late[0].unit = evil[0].to_string();
    r.narrative = format!("{}\n{}", evil[0], r.narrative);
    let bytes = report_xlsx(&r, None).unwrap();
    let mut wb = open(&bytes);
    let units = wb.worksheet_range("Đơn vị").unwrap();
    for (i, name) in evil.iter().enumerate() {
        assert_eq!(at(&units, i as u32 + 1, 0), Data::String(name.to_string()));
    }
    let late = wb.worksheet_range("Hồ sơ trễ hạn").unwrap();
    assert_eq!(string(&at(&late, 1, 2)), evil[0]);
    for sheet in DOSSIER_SHEETS {
        let f = wb.worksheet_formula(sheet).unwrap();
        assert!(
            f.used_cells().all(|(_, _, s)| s.is_empty()),
            "a formula in «{sheet}»"
        );
    }
    // and no cell of the XML is a formula
    for n in 1..=DOSSIER_SHEETS.len() {
        assert!(!sheet_xml(&bytes, n).contains("<f>"));
    }
}

#[test]
fn the_index_adds_its_sheets() {
    let r = sample_report(3000);
    let ix = sample_index(&r);
    let bytes = report_xlsx(&r, Some(&ix)).unwrap();
    let mut wb = open(&bytes);
    let names = wb.sheet_names();
    let n = DOSSIER_SHEETS.len();
    assert_eq!(names[..n], DOSSIER_SHEETS);
    assert_eq!(
        names[n..],
        [
            "Chỉ số 766",
            "Điểm 766",
            "Chỉ tiêu 766",
            "Xếp hạng",
            "Kịch bản nâng điểm",
            "Kịch bản nâng điểm – đơn vị",
            "Nguồn chỉ số"
        ]
    );
    let p = ix.province.as_ref().unwrap();
    let scores = wb.worksheet_range("Điểm 766").unwrap();
    assert_eq!(
        texts(&scores, 0)[..5],
        ["Hạng", "Đối tượng", "Cấp", "Tổng điểm", "Tối đa"]
    );
    assert_eq!(string(&at(&scores, 1, 1)), p.name);
    assert_eq!(number(&at(&scores, 1, 3)), p.total.unwrap());
    assert_eq!(scores.height(), 1 + 1 + ix.levels.len() + ix.units.len());
    let first_unit = 2 + ix.levels.len() as u32;
    assert_eq!(
        number(&at(&scores, first_unit, 0)),
        f64::from(ix.units[0].rank.unwrap())
    );

    let ind = wb.worksheet_range("Chỉ tiêu 766").unwrap();
    let prog = p.indicators.iter().find(|i| i.id == "2.1").unwrap();
    let row = (1..ind.height() as u32)
        .find(|&r| at(&ind, r, 1) == Data::String("2.1".into()))
        .unwrap();
    assert_eq!(number(&at(&ind, row, 4)), prog.numerator.unwrap());
    assert_eq!(number(&at(&ind, row, 7)), prog.points.unwrap());
    // a missing indicator is «–» with its state, never 0
    let sync = (1..ind.height() as u32)
        .find(|&r| at(&ind, r, 1) == Data::String("1.4".into()))
        .unwrap();
    assert_eq!(string(&at(&ind, sync, 7)), "–");
    assert_eq!(string(&at(&ind, sync, 10)), "chưa có dữ liệu");

    let rank = wb.worksheet_range("Xếp hạng").unwrap();
    let bt: Vec<(String, f64)> = (1..rank.height() as u32)
        .filter(|&r| at(&rank, r, 3) == Data::String(index_sample::FOCUS.into()))
        .map(|r| {
            (
                string(&at(&rank, r, 0)).to_string(),
                number(&at(&rank, r, 1)),
            )
        })
        .collect();
    assert_eq!(
        bt,
        [
            ("tháng 01/2024".to_string(), 53.0),
            ("năm 2024".to_string(), 29.0)
        ]
    );
    let summary = wb.worksheet_range("Chỉ số 766").unwrap();
    let all: Vec<String> = (0..summary.height() as u32)
        .map(|r| texts(&summary, r).join(" "))
        .collect();
    assert!(
        all.iter().any(|l| l.contains(index_sample::COMPARISON)),
        "{all:?}"
    );

    // the index alone
    let alone = index_xlsx(&ix).unwrap();
    assert_eq!(open(&alone).sheet_names()[0], "Chỉ số 766");
}

#[test]
fn csv_has_a_bom_quotes_and_no_formulas() {
    let rows: Vec<Vec<String>> = [
        vec!["Đơn vị", "Đã giải quyết", "Tỷ lệ đúng hạn", "Ghi chú"],
        vec!["Sở Tư pháp", "98.942", "99,84%", "có \"ngoặc kép\""],
        vec!["UBND xã Phú Quý; đảo", "-5", "-1,50", "hai\r\ndòng"],
        vec!["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "+1", "-2+3"],
        vec!["\t=1", "", "–", "a,b"],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    for delim in [b',', b';'] {
        let bytes = table_csv(&rows, delim);
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(text.ends_with("\r\n"));
        assert!(text.contains("\"có \"\"ngoặc kép\"\"\""));
        let back = read_all(&bytes);
        assert_eq!(back.delimiter, delim);
        assert_eq!(back.encoding, "utf-8-bom");
        let want: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| tthc_analytics::export::neutralise(c).into_owned())
                    .collect()
            })
            .collect();
        assert_eq!(back.rows, want, "delimiter {}", delim as char);
        // what a spreadsheet would take as a formula starts with «'» now; numbers stay numbers
        assert_eq!(back.rows[3][0], "'=HYPERLINK(\"http://x\",\"y\")");
        assert_eq!(back.rows[3][1], "'@SUM(1)");
        assert_eq!(back.rows[3][2], "'+1");
        assert_eq!(back.rows[3][3], "'-2+3");
        assert_eq!(back.rows[4][0], "'\t=1");
        assert_eq!(
            (back.rows[2][1].as_str(), back.rows[2][2].as_str()),
            ("-5", "-1,50")
        );
    }
}

#[test]
fn cli_writes_the_workbook_or_says_why_not() {
    let dir = std::env::temp_dir().join(format!("tthc-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("mau.csv");
    let mut s = Sample::new(500);
    let mut bytes = Vec::new();
    while let Some(c) = s.next_chunk(1 << 16) {
        bytes.extend_from_slice(&c);
    }
    std::fs::write(&csv, &bytes).unwrap();
    let bin = env!("CARGO_BIN_EXE_tthc");
    let out = dir.join("bao-cao.xlsx");
    let run = std::process::Command::new(bin)
        .args([
            "report",
            csv.to_str().unwrap(),
            "--xlsx",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("BÁO CÁO KẾT QUẢ GIẢI QUYẾT TTHC"));
    let written = std::fs::read(&out).unwrap();
    assert_eq!(open(&written).sheet_names(), DOSSIER_SHEETS);

    // a folder that does not exist: a Vietnamese message, a nonzero exit
    let bad = dir.join("khong-co").join("bao-cao.xlsx");
    let run = std::process::Command::new(bin)
        .args([
            "report",
            "--xlsx",
            bad.to_str().unwrap(),
            csv.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("không ghi được tệp Excel"), "{err}");

    // the index command too
    let ix = dir.join("chi-so.xlsx");
    let mut args = vec![
        "index".to_string(),
        "--xlsx".into(),
        ix.to_str().unwrap().into(),
    ];
    for (name, bytes) in index_sample::files() {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        args.push(p.to_str().unwrap().into());
    }
    let run = std::process::Command::new(bin)
        .args(&args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        open(&std::fs::read(&ix).unwrap()).sheet_names()[0],
        "Chỉ số 766"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rejected_rows_are_listed_with_their_reasons() {
    let csv = "UBND TỈNH BÌNH THUẬN;;;;;\n\
               Mã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái\n\
               H1;Sở Tư pháp;02/01/2024;10/01/2024;09/01/2024;Đã trả kết quả\n\
               H2;UBND xã Phú Lạc;05/01/2024;31/02/2024;06/01/2024;Đã trả kết quả\n";
    let r =
        tthc_analytics::analyze_files(Options::default(), [("nho.csv", csv.as_bytes())]).unwrap();
    assert_eq!(r.problems.len(), 1);
    let p = &r.problems[0];
    let bytes = report_xlsx(&r, None).unwrap();
    let mut wb = open(&bytes);
    let sheet = wb.worksheet_range("Lỗi dữ liệu").unwrap();
    assert!(string(&at(&sheet, 0, 0)).starts_with("Tổng số lỗi: 1."));
    assert_eq!(
        texts(&sheet, 1),
        ["Tệp", "Dòng", "Cột", "Giá trị", "Lý do", "Mã lỗi"]
    );
    assert_eq!(string(&at(&sheet, 2, 0)), "nho.csv");
    assert_eq!(
        number(&at(&sheet, 2, 1)),
        4.0,
        "the row a spreadsheet shows"
    );
    assert_eq!(string(&at(&sheet, 2, 2)), "Ngày hẹn trả");
    assert_eq!(string(&at(&sheet, 2, 3)), "31/02/2024");
    assert_eq!(string(&at(&sheet, 2, 4)), p.reason);
    let sum = wb.worksheet_range("Tổng hợp").unwrap();
    let reason = row_of(&sum, &r.problems_by_reason[0].reason);
    assert_eq!(number(&at(&sum, reason, 6)), 1.0);
    let files = wb.worksheet_range("Tệp đã đọc").unwrap();
    assert_eq!(number(&at(&files, 1, 9)), 1.0, "rejected");
}

/// A Report merged from summary files (issue 11): the workbook has a «Địa phương» sheet after
/// «Tổng hợp» (one row per province, its figures), and the late and problem sheets say that
/// summaries hold counts, not lists (the workbook had neither before: an empty late sheet, no
/// province row).
#[test]
fn a_merged_report_has_its_provinces_and_says_what_summaries_lack() {
    let r = sample_report(3000);
    let mut all = Rollup::of(&r, "Bình Thuận");
    all.merge(&Rollup::of(&r, "Lâm Đồng")).unwrap();
    let mut m = all.report();
    assert!(m.late.is_empty() && m.late_total > 0);
    m.problems_total = 3; // as summaries of files with rejected rows
    let mut wb = open(&report_xlsx(&m, None).unwrap());
    let names = wb.sheet_names();
    assert_eq!(names[..2], ["Tổng hợp", "Địa phương"]);
    assert_eq!(names[2..], DOSSIER_SHEETS[1..]);
    let places = wb.worksheet_range("Địa phương").unwrap();
    assert_eq!(string(&at(&places, 0, 0)), "Địa phương");
    assert_eq!(places.height(), 3);
    for row in 1..3 {
        assert!(["Bình Thuận", "Lâm Đồng"].contains(&string(&at(&places, row, 0))));
        assert_eq!(number(&at(&places, row, 1)), r.total.counts.resolved as f64);
    }
    let late = wb.worksheet_range("Hồ sơ trễ hạn").unwrap();
    assert_eq!(
        string(&at(&late, 0, 0)),
        format!(
            "Tệp tóm tắt không có danh sách hồ sơ (không có mã hồ sơ): {} hồ sơ trễ hạn được tính trong số liệu tổng hợp.",
            tthc_analytics::basics::format::int(m.late_total)
        )
    );
    let problems = wb.worksheet_range("Lỗi dữ liệu").unwrap();
    assert!(string(&at(&problems, 0, 0))
        .starts_with("Tổng số lỗi: 3. Tệp tóm tắt chỉ giữ số lỗi theo loại"));
    // a Report of dossier files is unchanged: no «Địa phương», the late sheet starts with its header
    assert_eq!(
        open(&report_xlsx(&r, None).unwrap()).sheet_names(),
        DOSSIER_SHEETS
    );
}
