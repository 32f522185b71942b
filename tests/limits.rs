//! The core's named limits (issue 9, `basics::limits`), each at its boundary through the
//! Analyzer: what passes a limit is refused or cut with a message naming it, the row accounting
//! (read = counted + rejected + duplicates + ignored) still holds, and nothing traps. The small
//! limits come from the `Analyzer::with_limits` test hook; the record length and the late list
//! are checked at their real values.

use tthc_analytics::basics::limits::{MAX_FILES, MAX_LATE_LISTED, MAX_RECORD_BYTES};
use tthc_analytics::dossier::report::Report;
use tthc_analytics::dossier::store::Limits;
use tthc_analytics::dossier::Column;
use tthc_analytics::{Analyzer, Options};

const HEADER: &str =
    "Mã hồ sơ,Cơ quan giải quyết,Tên thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n";

/// A resolved dossier row: id, unit, procedure; resolved on time in January 2024.
fn row(id: &str, unit: &str, procedure: &str) -> String {
    format!("{id},{unit},{procedure},02/01/2024,10/01/2024,09/01/2024,10\n")
}

fn analyze(a: Analyzer, files: &[(&str, &[u8])], chunk: usize) -> Report {
    let mut a = a;
    for (name, bytes) in files {
        a.begin_file(name);
        for c in bytes.chunks(chunk.max(1)) {
            a.push(c);
        }
        a.end_file();
    }
    let r = a.finish_report();
    assert!(r.rows.balanced(), "{:?}", r.rows);
    for f in &r.files {
        assert!(f.rows.balanced(), "{}: {:?}", f.name, f.rows);
    }
    r
}

fn analyzer() -> Analyzer {
    Analyzer::new(Options::default()).unwrap()
}

fn limited(l: Limits) -> Analyzer {
    analyzer().with_limits(l)
}

fn count_of(r: &Report, code: &str) -> u64 {
    r.problems_by_reason
        .iter()
        .find(|c| c.code.as_str() == code)
        .map_or(0, |c| c.count)
}

#[test]
fn a_ten_megabyte_line_between_good_lines_is_one_rejected_row() {
    let mut csv = HEADER.as_bytes().to_vec();
    csv.extend(row("A1", "Sở Tư pháp", "Cấp phiếu").bytes());
    csv.extend(std::iter::repeat_n(b'0', 10_000_000));
    csv.push(b'\n');
    csv.extend(row("A2", "Sở Tư pháp", "Cấp phiếu").bytes());
    for chunk in [1 << 16, 1 << 20, 7_000_000, usize::MAX] {
        let r = analyze(analyzer(), &[("dai.csv", &csv)], chunk);
        assert_eq!((r.rows.counted, r.rows.rejected), (2, 1), "chunk {chunk}");
        let p = &r.problems[0];
        assert_eq!((p.row, p.code.as_str()), (3, "record_too_long"));
        assert!(
            p.column.contains("Dòng 3 dài hơn 1 MiB") && p.column.contains("1.048.576 byte"),
            "{}",
            p.column
        );
        assert!(p.value.is_empty(), "the line's bytes are not kept");
    }
    assert_eq!(MAX_RECORD_BYTES, 1 << 20);
}

#[test]
fn a_stray_opening_quote_is_warned_about_at_its_row() {
    // the quote opens at row 3 and never closes: 300 lines merge into one cell, to the end
    let mut csv = format!("{HEADER}{}", row("A1", "Sở Tư pháp", "Cấp phiếu"));
    csv.push_str("A2,\"Sở Tư pháp,Cấp phiếu,02/01/2024,10/01/2024,09/01/2024,10\n");
    for i in 3..300 {
        csv.push_str(&row(&format!("A{i}"), "Sở Tư pháp", "Cấp phiếu"));
    }
    for chunk in [1, 64, usize::MAX] {
        let r = analyze(analyzer(), &[("ngoac.csv", csv.as_bytes())], chunk);
        assert_eq!(count_of(&r, "open_quote"), 1, "chunk {chunk}");
        let p = r.problems.iter().find(|p| p.code.as_str() == "open_quote");
        assert_eq!(p.map(|p| p.row), Some(3));
        assert!(
            r.files[0].warnings.iter().any(|w| w.contains("dòng 3")),
            "{:?}",
            r.files[0].warnings
        );
    }
    // a few lines in quotes are normal: silent
    let csv =
        format!("{HEADER}A1,\"Sở\nTư\npháp\",Cấp phiếu,02/01/2024,10/01/2024,09/01/2024,10\n");
    let r = analyze(analyzer(), &[("ok.csv", csv.as_bytes())], 1);
    assert_eq!((r.rows.counted, r.problems_total), (1, 0));
}

#[test]
fn placeholder_ids_count_each_row_and_are_said_once() {
    let mut csv = HEADER.to_string();
    for _ in 0..5 {
        csv.push_str(&row("-", "Sở Tư pháp", "Cấp phiếu"));
    }
    for id in ["0", "000", "null", "N/A", "không", "--"] {
        csv.push_str(&row(id, "Sở Tư pháp", "Cấp phiếu"));
    }
    // real ids still merge
    csv.push_str(&row("H1", "Sở Tư pháp", "Cấp phiếu"));
    csv.push_str(&row("H1", "Sở Tư pháp", "Cấp phiếu"));
    let r = analyze(analyzer(), &[("giu-cho.csv", csv.as_bytes())], usize::MAX);
    assert_eq!((r.rows.counted, r.rows.duplicates), (12, 1));
    assert_eq!(r.total.counts.resolved, 12);
    assert_eq!(count_of(&r, "placeholder_id"), 11);
    let listed: Vec<_> = r
        .problems
        .iter()
        .filter(|p| p.code.as_str() == "placeholder_id")
        .collect();
    assert_eq!(listed.len(), 1, "one problem listed for the file");
    assert_eq!((listed[0].row, listed[0].value.as_str()), (2, "-"));
    assert!(
        r.files[0]
            .warnings
            .iter()
            .any(|w| w.starts_with("11 dòng có mã hồ sơ giữ chỗ")),
        "{:?}",
        r.files[0].warnings
    );
}

#[test]
fn the_late_list_is_cut_and_keeps_its_true_count() {
    let n = MAX_LATE_LISTED + 2_345;
    let mut csv = HEADER.to_string();
    for i in 0..n {
        // resolved late: due 10/01, finished 1 to 28 days later
        csv.push_str(&format!(
            "L{i},Sở Tư pháp,Cấp phiếu,02/01/2024,10/01/2024,{:02}/02/2024,10\n",
            1 + i % 28
        ));
    }
    let r = analyze(analyzer(), &[("tre.csv", csv.as_bytes())], usize::MAX);
    assert_eq!(r.total.counts.late, n as u64);
    assert_eq!(r.late.len(), MAX_LATE_LISTED);
    assert_eq!(r.late_total, n as u64);
    assert!(r.late.windows(2).all(|w| w[0].days_late >= w[1].days_late));
    assert_eq!(r.late[0].days_late, 49, "most days late first");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["late_total"], n as u64);
}

#[test]
fn distinct_names_past_the_limit_are_rejected_rows() {
    let mut csv = HEADER.to_string();
    for i in 0..5 {
        csv.push_str(&row(&format!("U{i}"), &format!("UBND xã {i}"), "Cấp phiếu"));
    }
    // a known unit still reads
    csv.push_str(&row("U9", "UBND xã 0", "Cấp phiếu"));
    let l = Limits {
        names: 3,
        ..Limits::default()
    };
    let r = analyze(limited(l), &[("ten.csv", csv.as_bytes())], 3);
    assert_eq!((r.rows.counted, r.rows.rejected), (4, 2));
    assert_eq!(count_of(&r, "too_many_names"), 2);
    let p: Vec<(u64, &str)> = r
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(p, [(5, "Cơ quan giải quyết"), (6, "Cơ quan giải quyết")]);
    assert!(
        r.files[0]
            .warnings
            .iter()
            .any(|w| w.contains("Đã có 3 tên đơn vị khác nhau (giới hạn): từ dòng 5")),
        "{:?}",
        r.files[0].warnings
    );
}

#[test]
fn dossiers_past_the_budget_are_not_read_and_the_files_say_how_many() {
    let mut a = String::from(HEADER);
    for i in 0..5 {
        a.push_str(&row(&format!("A{i}"), "Sở Tư pháp", "Cấp phiếu"));
    }
    a.push_str("Tổng cộng,,,,,,\n");
    let b = format!(
        "{HEADER}{}{}",
        row("B1", "Sở Tư pháp", "Cấp phiếu"),
        row("B2", "Sở Tư pháp", "Cấp phiếu")
    );
    let l = Limits {
        dossiers: 3,
        ..Limits::default()
    };
    for chunk in [1, usize::MAX] {
        let r = analyze(
            limited(l),
            &[("a.csv", a.as_bytes()), ("b.csv", b.as_bytes())],
            chunk,
        );
        assert_eq!((r.rows.counted, r.rows.rejected), (3, 4));
        assert_eq!(r.rows.ignored_total, 1, "a total row is still a total row");
        assert_eq!(count_of(&r, "store_full"), 4);
        let e0 = r.files[0].error.as_deref().unwrap_or("");
        assert!(
            e0.starts_with("Vượt giới hạn 3 hồ sơ giữ trong bộ nhớ")
                && e0.contains("2 dòng dữ liệu từ dòng 5 không được đọc"),
            "{e0}"
        );
        let e1 = r.files[1].error.as_deref().unwrap_or("");
        assert!(e1.contains("2 dòng dữ liệu từ dòng 2"), "{e1}");
    }
    // the ids' text kept (late dossiers': resolved after the due date): 4-byte ids, 10 bytes
    // of room
    let l = Limits {
        id_bytes: 10,
        ..Limits::default()
    };
    let late = a.replace('A', "AAAA").replace("09/01/2024", "12/01/2024");
    let r = analyze(limited(l), &[("a.csv", late.as_bytes())], 7);
    assert_eq!((r.rows.counted, r.rows.rejected), (2, 3));
    let e0 = r.files[0].error.as_deref().unwrap_or("");
    assert!(e0.starts_with("Vượt giới hạn 10 byte mã hồ sơ"), "{e0}");
}

#[test]
fn files_past_the_limit_are_listed_with_an_error_and_not_read() {
    let csv = format!("{HEADER}{}", row("H1", "Sở Tư pháp", "Cấp phiếu"));
    let l = Limits {
        files: 2,
        ..Limits::default()
    };
    let files = [
        ("1.csv", csv.as_bytes()),
        ("2.csv", csv.as_bytes()),
        ("3.csv", csv.as_bytes()),
    ];
    let r = analyze(limited(l), &files, usize::MAX);
    assert_eq!((r.rows.counted, r.rows.duplicates), (1, 1));
    assert_eq!(r.files.len(), 3);
    assert_eq!(r.files[2].rows.read, 0);
    assert_eq!(r.files[2].bytes, csv.len() as u64);
    let e = r.files[2].error.as_deref().unwrap_or("");
    assert!(e.starts_with("Vượt giới hạn 2 tệp"), "{e}");
}

/// More files than a `u16` file index holds: before the file limit, the 65.537th file's dossier
/// was filed under file 0, and dropping it as a duplicate took `counted` of an empty file below
/// zero (a trap in debug builds, a wrap in release).
#[test]
fn more_files_than_a_file_index_holds_never_wrap() {
    let csv = format!("{HEADER}{}", row("H1", "Sở Tư pháp", "Cấp phiếu"));
    let mut a = analyzer();
    a.begin_file("0-rong.csv");
    a.end_file();
    for i in 1..=65_536 {
        a.begin_file(&format!("{i}.csv"));
        if i == 1 || i == 65_536 {
            a.push(csv.as_bytes());
        }
        a.end_file();
    }
    let r = a.finish_report();
    assert!(r.rows.balanced(), "{:?}", r.rows);
    assert_eq!((r.rows.counted, r.rows.duplicates), (1, 0));
    assert_eq!(r.files[0].rows.counted, 0);
    assert!(r.files[MAX_FILES].error.is_some());
    assert!(
        r.files[MAX_FILES - 1].error.is_some(),
        "an empty file says so"
    );
    assert!(r.files[MAX_FILES]
        .error
        .as_deref()
        .is_some_and(|e| e.starts_with("Vượt giới hạn 10.000 tệp")));
}

#[test]
fn problems_past_the_cap_are_counted_by_code_and_cut_short() {
    let mut csv = HEADER.to_string();
    for i in 0..6 {
        // no receipt date: missing_received
        csv.push_str(&format!(
            "H{i},Sở Tư pháp,Cấp phiếu,,10/01/2024,09/01/2024,10\n"
        ));
    }
    csv.push_str(",Sở Tư pháp,Cấp phiếu,02/01/2024,10/01/2024,09/01/2024,10\n");
    let opts = Options {
        max_problems: Some(2),
        ..Options::default()
    };
    let a = Analyzer::new(opts).unwrap();
    let r = analyze(a, &[("cap.csv", csv.as_bytes())], 5);
    assert_eq!((r.problems.len(), r.problems_total), (2, 7));
    assert_eq!(count_of(&r, "missing_received"), 6);
    assert_eq!(count_of(&r, "missing_id"), 1);
    let sum: u64 = r.problems_by_reason.iter().map(|c| c.count).sum();
    assert_eq!(sum, r.problems_total);
    assert_eq!(r.rows.rejected, 7);
    // a listed problem keeps at most 200 characters of a cell or of a header: here the id is
    // read from an 8th column with a 5.000-character header
    let long = "x".repeat(5_000);
    let csv = format!(
        "{},{long}\nH1,Sở Tư pháp,Cấp phiếu,02/01/2024,10/01/2024,09/01/2024,10,\n",
        HEADER.trim_end()
    );
    let opts = Options {
        mapping: [("id".to_string(), Column::Index(7))].into_iter().collect(),
        ..Options::default()
    };
    let r = analyze(
        Analyzer::new(opts).unwrap(),
        &[("dai.csv", csv.as_bytes())],
        usize::MAX,
    );
    assert_eq!(r.problems[0].code.as_str(), "missing_id");
    assert_eq!(r.problems[0].column.chars().count(), 201);
    assert!(r.problems[0].column.ends_with('…'));
}
