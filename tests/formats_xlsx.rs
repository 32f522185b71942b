//! Workbooks in: the sample written as .xlsx (title block merged above the header, a notes
//! sheet first, real Excel dates, a hidden column) gives the same Report as the CSV, and the
//! full sample reproduces the Bình Thuận figures.

use serde_json::Value;
use tthc_analytics::dossier::report::Report;
use tthc_analytics::sample::dossiers::{Sample, TARGETS};
use tthc_analytics::sample::workbook::{xlsx, LIST_SHEET};
use tthc_analytics::table::reader::read_all;
use tthc_analytics::{Analyzer, Options};

fn report(name: &str, bytes: &[u8], chunk: usize, options: Options) -> Report {
    let mut a = Analyzer::new(options).unwrap();
    a.begin_file(name);
    for c in bytes.chunks(chunk) {
        a.push(c);
    }
    a.end_file();
    a.finish_report()
}

/// The Report as JSON without what legitimately differs between formats of the same table.
fn comparable(r: &Report) -> Value {
    let mut v = serde_json::to_value(r).unwrap();
    for f in v["files"].as_array_mut().unwrap() {
        let f = f.as_object_mut().unwrap();
        for k in [
            "name",
            "format",
            "encoding",
            "delimiter",
            "bytes",
            "sheet",
            "sheets",
            "warnings",
            "hidden_columns",
        ] {
            f.remove(k);
        }
    }
    for p in v["problems"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("file");
    }
    v
}

/// Equal JSON values, or a panic naming the first path where they differ (not two whole dumps).
fn same(a: &Value, b: &Value) {
    fn walk(a: &Value, b: &Value, path: &str) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for k in x.keys().chain(y.keys()) {
                    let n = Value::Null;
                    walk(
                        x.get(k).unwrap_or(&n),
                        y.get(k).unwrap_or(&n),
                        &format!("{path}.{k}"),
                    );
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (p, q)) in x.iter().zip(y).enumerate() {
                    walk(p, q, &format!("{path}[{i}]"));
                }
            }
            _ => assert_eq!(a, b, "at {path}"),
        }
    }
    walk(a, b, "");
}

#[test]
fn xlsx_gives_the_csv_report() {
    let csv = Sample::new(3000).to_vec();
    let table = read_all(&csv);
    let book = xlsx(&table.rows).unwrap();
    let from_csv = report("mau.csv", &csv, 1 << 16, Options::default());
    for chunk in [1000, 65_537, book.len()] {
        let from_xlsx = report("mau.xlsx", &book, chunk, Options::default());
        let f = &from_xlsx.files[0];
        assert_eq!(f.format, "xlsx");
        assert_eq!(
            f.sheet.as_deref(),
            Some(LIST_SHEET),
            "the list, not the notes"
        );
        assert_eq!(
            f.sheets,
            vec!["Ghi chú".to_string(), LIST_SHEET.to_string()]
        );
        assert!(f.error.is_none(), "{:?}", f.error);
        // «Chủ hồ sơ» (column G) is hidden in the workbook: read, and said so
        assert_eq!(f.hidden_columns, vec![6]);
        assert!(
            f.warnings
                .iter()
                .any(|w| w == "Cột ẩn trong Excel vẫn được đọc: G «Chủ hồ sơ»"),
            "{:?}",
            f.warnings
        );
        same(&comparable(&from_xlsx), &comparable(&from_csv));
    }
}

#[test]
fn the_sheet_asked_for_is_read() {
    let table = read_all(&Sample::new(50).to_vec());
    let book = xlsx(&table.rows).unwrap();
    let r = report(
        "mau.xlsx",
        &book,
        4096,
        Options {
            sheet: Some("Ghi chú".into()),
            ..Default::default()
        },
    );
    assert_eq!(r.files[0].sheet.as_deref(), Some("Ghi chú"));
    assert_eq!(r.total.counts.received, 0);
    assert!(r.files[0].error.is_some(), "no header on the notes sheet");
}

#[test]
fn broken_workbooks_are_a_message_not_a_panic() {
    let table = read_all(&Sample::new(20).to_vec());
    let book = xlsx(&table.rows).unwrap();
    for bad in [
        book[..book.len() / 2].to_vec(),
        b"PK\x03\x04 not a zip at all".to_vec(),
        vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0],
    ] {
        let r = report("hong.xlsx", &bad, 4096, Options::default());
        let f = &r.files[0];
        assert!(f.rows.rejected >= 1, "{f:?}");
        assert!(
            f.warnings
                .iter()
                .any(|w| w.contains("Không mở được bảng tính")),
            "{:?}",
            f.warnings
        );
        assert!(r.problems.iter().any(|p| p.code.as_str() == "malformed"));
    }
}

#[test]
fn full_sample_as_xlsx_reproduces_binh_thuan() {
    let table = read_all(&Sample::new(0).to_vec());
    let book = xlsx(&table.rows).unwrap();
    let r = report("mau.xlsx", &book, 1 << 20, Options::default());
    for (level, resolved, on_time, late) in TARGETS {
        let l = r.levels.iter().find(|l| l.level == level).unwrap();
        assert_eq!(l.figures.counts.resolved, resolved, "{level:?}");
        assert_eq!(l.figures.counts.on_time, on_time, "{level:?}");
        assert_eq!(l.figures.counts.late, late, "{level:?}");
    }
}
