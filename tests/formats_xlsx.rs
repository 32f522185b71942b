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
    // a zip header naming no workbook part is refused by its first bytes (tests/ingest.rs)
    let r = report(
        "hong.xlsx",
        b"PK\x03\x04 not a zip at all",
        4096,
        Options::default(),
    );
    let e = r.files[0].error.as_deref().unwrap_or_default();
    assert!(e.contains("tệp nén ZIP không chứa bảng tính"), "{e}");
    for bad in [
        book[..book.len() / 2].to_vec(),
        vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0],
    ] {
        let r = report("hong.xlsx", &bad, 4096, Options::default());
        let f = &r.files[0];
        let e = f.error.as_deref().unwrap_or_default();
        assert!(e.starts_with("Không mở được bảng tính: "), "{f:?}");
        assert_eq!(f.rows.read, 0, "{f:?}");
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

/// A minimal OpenDocument spreadsheet (what LibreOffice saves): the whole-sheet path of the
/// workbook reader (`.xls`, `.xlsb`, `.ods`), with a title row and a date cell.
fn ods(rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write;
    let mut cells = String::new();
    for r in rows {
        cells += "<table:table-row>";
        for c in *r {
            if let Some(n) = c.strip_prefix("num:") {
                cells += &format!(
                    r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                );
            } else if let Some(iso) = c.strip_prefix("date:") {
                cells += &format!(
                    r#"<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>"#
                );
            } else {
                cells += &format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#
                );
            }
        }
        cells += "</table:table-row>";
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Hồ sơ">{cells}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        z.start_file(name, stored).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn ods_reads_through_the_whole_sheet_path() {
    let book = ods(&[
        &["DANH SÁCH HỒ SƠ"],
        &[
            "Mã hồ sơ",
            "Cơ quan giải quyết",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày kết thúc xử lý",
            "Trạng thái",
        ],
        &[
            "H-1",
            "Sở Tư pháp",
            "date:2024-03-01T08:00:00",
            "date:2024-03-05",
            "date:2024-03-04T10:30:00",
            "Đã trả kết quả",
        ],
        &[
            "H-2",
            "UBND xã Phú Lạc",
            "date:2024-03-02",
            "date:2024-03-03",
            "date:2024-03-06",
            "10",
        ],
    ]);
    let r = report("mau.ods", &book, 100, Options::default());
    let f = &r.files[0];
    assert_eq!(f.format, "ods");
    assert_eq!(f.sheet.as_deref(), Some("Hồ sơ"));
    assert_eq!(f.header_row, Some(2));
    assert_eq!(
        (f.rows.read, f.rows.counted, f.rows.ignored_title),
        (4, 2, 1),
        "{f:?}"
    );
    assert_eq!(r.total.counts.resolved, 2);
    assert_eq!((r.total.counts.on_time, r.total.counts.late), (1, 1));
}
