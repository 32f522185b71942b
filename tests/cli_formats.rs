//! The CLI on the built-in sample written in each format the issue names: `tthc sample
//! --format F` then `tthc report --json` reproduces the Bình Thuận 2024 figures exactly, and the
//! Report says which format (and encoding, sheet) it detected.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const TTHC: &str = env!("CARGO_BIN_EXE_tthc");

/// (level, resolved, on time, late) of the province's 2024 report.
const FIGURES: [(&str, u64, u64, u64); 3] = [
    ("province", 98_942, 98_783, 159),
    ("district", 108_509, 106_466, 2_043),
    ("commune", 357_622, 351_372, 6_250),
];

fn dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_formats");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> String {
    let out = Command::new(TTHC).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "tthc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Writes the full sample with `sample_args`, reads it back with `report --json`, checks the
/// figures and returns the file's entry of the Report.
fn round_trip(file: &str, sample_args: &[&str], report_args: &[&str]) -> Value {
    let path = dir().join(file);
    let p = path.to_str().unwrap();
    let mut args = vec!["sample", "--out", p];
    args.extend_from_slice(sample_args);
    run(&args);
    let mut args = vec!["report", "--json"];
    args.extend_from_slice(report_args);
    args.push(p);
    let r: Value = serde_json::from_str(&run(&args)).unwrap();
    for (level, resolved, on_time, late) in FIGURES {
        let l = r["levels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["level"] == level)
            .unwrap();
        let got = (
            l["resolved"].as_u64(),
            l["on_time"].as_u64(),
            l["late"].as_u64(),
        );
        assert_eq!(
            got,
            (Some(resolved), Some(on_time), Some(late)),
            "{file} {level}"
        );
    }
    assert_eq!(r["rows"]["rejected"], 0, "{file}");
    r["files"][0].clone()
}

#[test]
fn xlsx() {
    let f = round_trip("mau.xlsx", &["--format", "xlsx"], &[]);
    assert_eq!(f["format"], "xlsx");
    assert_eq!(f["sheet"], "Danh sách hồ sơ");
}

#[test]
fn html_saved_as_xls() {
    let f = round_trip("mau-html.xls", &["--format", "html"], &[]);
    assert_eq!(f["format"], "html");
    assert_eq!(f["encoding"], "utf-8");
}

#[test]
fn dongbo_json_without_a_level_column() {
    let f = round_trip("mau-dongbo.json", &["--format", "json"], &[]);
    assert_eq!(f["format"], "json");
    let mapped: Vec<&str> = f["mapping"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["field"] == "level")
        .map(|m| m["header"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        mapped,
        vec![""],
        "no level column: the level comes from the unit"
    );
}

#[test]
fn json_lines() {
    let f = round_trip("mau.jsonl", &["--format", "jsonl"], &[]);
    assert_eq!(f["format"], "jsonl");
}

#[test]
fn legacy_encodings_are_detected() {
    for (enc, file) in [
        ("windows-1258", "mau-1258.csv"),
        ("tcvn3", "mau-tcvn3.csv"),
        ("vni", "mau-vni.csv"),
    ] {
        let f = round_trip(file, &["--encoding", enc], &[]);
        assert_eq!(f["format"], "csv", "{enc}");
        assert_eq!(f["encoding"], enc);
    }
}

#[test]
fn a_forced_encoding_is_used() {
    let f = round_trip(
        "mau-vni-forced.csv",
        &["--encoding", "vni"],
        &["--encoding", "VNI"],
    );
    assert_eq!(f["encoding"], "vni");
    let out = Command::new(TTHC)
        .args(["report", "--encoding", "latin-9", "x.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Bảng mã «latin-9» không được hỗ trợ"));
}
