//! `tthc normalize`'s Parquet output (issue 12, `dossier::canonical_parquet`): read back with the
//! `parquet` crate's reader, the records are the CSV's, row for row (nulls and local timestamps
//! included), in the partition folder named from `--source`, with the schema's logical types.
#![cfg(all(feature = "parquet", not(target_arch = "wasm32")))]

use parquet::basic::{LogicalType, TimeUnit, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use std::path::{Path, PathBuf};
use std::process::Command;
use tthc_analytics::basics::time::days_from_civil;
use tthc_analytics::dossier::canonical::DOSSIER_COLUMNS;

const TTHC: &str = env!("CARGO_BIN_EXE_tthc");

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli_parquet")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn tthc(args: &[&str]) -> (bool, String) {
    let out = Command::new(TTHC).args(args).output().unwrap();
    (out.status.success(), String::from_utf8(out.stderr).unwrap())
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The rows of an RFC 4180 text (quoted cells with `""`, line breaks inside quotes).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

/// A CSV cell as the Parquet value it must be: the dates (`yyyy-mm-ddThh:mm`, local) as
/// milliseconds since 1970-01-01 00:00, empty as null.
fn expected(column: &str, cell: &str) -> Field {
    if cell.is_empty() && column != "id" {
        return Field::Null;
    }
    let n = |r: std::ops::Range<usize>| cell[r].parse::<u32>().unwrap();
    match column {
        "file" | "status" => Field::Int(cell.parse().unwrap()),
        "received" | "due" | "finished" => {
            let day = days_from_civil(n(0..4) as i32, n(5..7), n(8..10));
            let minutes = i64::from(day) * 1440 + i64::from(n(11..13) * 60 + n(14..16));
            Field::TimestampMillis(minutes * 60_000)
        }
        "paid_online" | "digitized" => Field::Bool(cell == "true"),
        _ => Field::Str(cell.to_string()),
    }
}

#[test]
fn the_parquet_rows_are_the_csv_rows() {
    let d = dir("sample");
    let sample = d.join("mau.csv");
    assert!(tthc(&["sample", "--out", p(&sample), "--rows", "20000"]).0);
    let out = d.join("out");
    let label = "Bình Thuận/2024: quý 1";
    let (ok, err) = tthc(&["normalize", "--out", p(&out), "--source", label, p(&sample)]);
    assert!(ok, "{err}");
    // the partition folder: the label with `/` and `:` escaped, the rest as is
    let parts: Vec<String> = std::fs::read_dir(out.join("dossiers.parquet"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(parts, ["source=Bình Thuận%2F2024%3A quý 1"]);
    let file = out
        .join("dossiers.parquet")
        .join(&parts[0])
        .join("part-0.parquet");
    assert!(err.contains(p(&file)), "{err}");

    let csv = csv_rows(&std::fs::read_to_string(out.join("dossiers.csv")).unwrap());
    assert_eq!(csv[0], DOSSIER_COLUMNS);
    let reader = SerializedFileReader::new(std::fs::File::open(&file).unwrap()).unwrap();
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), csv.len() - 1);
    assert!(rows.len() > 19_000, "{}", rows.len());
    // every row, field by field; nulls and values both seen in the nullable columns
    let mut nulls = vec![(0, 0); DOSSIER_COLUMNS.len()];
    for (i, (row, cells)) in rows.iter().zip(&csv[1..]).enumerate() {
        assert_eq!(cells[0], label, "row {i}: source");
        let fields: Vec<(&String, &Field)> = row.get_column_iter().collect();
        assert_eq!(fields.len(), DOSSIER_COLUMNS.len() - 1);
        for (c, (name, value)) in fields.into_iter().enumerate() {
            assert_eq!(name, DOSSIER_COLUMNS[c + 1]);
            assert_eq!(*value, expected(name, &cells[c + 1]), "row {i}, {name}");
            let n = &mut nulls[c + 1];
            if *value == Field::Null {
                n.0 += 1
            } else {
                n.1 += 1
            }
        }
    }
    for c in ["finished", "status", "paid_online", "channel"] {
        let (null, value) = nulls[DOSSIER_COLUMNS.iter().position(|x| *x == c).unwrap()];
        assert!(value > 0, "{c}: {null} nulls, {value} values");
    }
    let finished = DOSSIER_COLUMNS.iter().position(|x| *x == "finished");
    assert!(nulls[finished.unwrap()].0 > 0, "some dossiers unfinished");
}

#[test]
fn the_schema_has_the_logical_types() {
    let d = dir("schema");
    let f = d.join("hs.csv");
    std::fs::write(
        &f,
        "Mã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái\n\
         A1;Sở Tư pháp;02/01/2024 08:30;10/01/2024;09/01/2024 16:05;10\n\
         A2;UBND xã Phú Lạc;03/01/2024;10/01/2024;;\n",
    )
    .unwrap();
    let out = d.join("out");
    let (ok, err) = tthc(&["normalize", "--out", p(&out), "--format", "parquet", p(&f)]);
    assert!(ok, "{err}");
    assert!(
        !out.join("dossiers.csv").exists(),
        "--format parquet: no CSV"
    );
    // the label by default: the first file's name without its extension
    let file = out.join("dossiers.parquet/source=hs/part-0.parquet");
    let reader = SerializedFileReader::new(std::fs::File::open(&file).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let text = Some(LogicalType::String);
    // local wall time: not adjusted to UTC
    let time = Some(LogicalType::timestamp(false, TimeUnit::MILLIS));
    use Physical::{BOOLEAN, BYTE_ARRAY, INT32, INT64};
    let want = [
        ("file", INT32, None, false),
        ("id", BYTE_ARRAY, text.clone(), false),
        ("procedure_code", BYTE_ARRAY, text.clone(), true),
        ("procedure", BYTE_ARRAY, text.clone(), false),
        ("field", BYTE_ARRAY, text.clone(), false),
        ("unit", BYTE_ARRAY, text.clone(), false),
        ("level", BYTE_ARRAY, text.clone(), false),
        ("channel", BYTE_ARRAY, text.clone(), true),
        ("received", INT64, time.clone(), true),
        ("due", INT64, time.clone(), true),
        ("finished", INT64, time, true),
        ("status", INT32, None, true),
        ("paid_online", BOOLEAN, None, true),
        ("digitized", BOOLEAN, None, true),
        ("rating", BYTE_ARRAY, text, true),
    ];
    assert_eq!(schema.num_columns(), want.len());
    for (c, (name, physical, logical, nullable)) in schema.columns().iter().zip(want) {
        assert_eq!(c.name(), name);
        assert_eq!(c.physical_type(), physical, "{name}");
        assert_eq!(c.logical_type_ref().cloned(), logical, "{name}");
        assert_eq!(c.self_type().is_optional(), nullable, "{name}");
    }
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let minutes = |d: u32, h: i64, m: i64| {
        Field::TimestampMillis(
            ((i64::from(days_from_civil(2024, 1, d)) * 24 + h) * 60 + m) * 60_000,
        )
    };
    let col = |r: usize, name: &str| {
        let row = rows[r].get_column_iter();
        row.into_iter().find(|(n, _)| *n == name).unwrap().1.clone()
    };
    assert_eq!(col(0, "received"), minutes(2, 8, 30));
    assert_eq!(col(0, "finished"), minutes(9, 16, 5));
    assert_eq!(col(0, "status"), Field::Int(10));
    assert_eq!(col(1, "id"), Field::Str("A2".into()));
    assert_eq!(col(1, "received"), minutes(3, 0, 0));
    assert_eq!(col(1, "finished"), Field::Null);
    assert_eq!(col(1, "status"), Field::Null);
    assert_eq!(col(1, "channel"), Field::Null);
    // and the formats refused
    let (ok, err) = tthc(&["normalize", "--out", p(&out), "--format", "xml", p(&f)]);
    assert!(
        !ok && err.contains("--format «xml»: cần csv, parquet hoặc both"),
        "{err}"
    );
    let (ok, err) = tthc(&["normalize", "--out", p(&out), "--source", " ", p(&f)]);
    assert!(
        !ok && err.contains("--source cần một nhãn không rỗng"),
        "{err}"
    );
}
