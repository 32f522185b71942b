//! `tthc normalize` (issue 12): the canonical dossier records are the dossiers the Report
//! counts — read back by `tthc report` they give the same Report figures (the Bình Thuận 2024
//! figures from the built-in sample, both conventions) — and `problems.csv` lists every problem,
//! with its file, row, column and code.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use tthc_analytics::dossier::canonical::{DOSSIER_COLUMNS, PROBLEM_COLUMNS};

const TTHC: &str = env!("CARGO_BIN_EXE_tthc");

fn dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cli_normalize")
        .join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn tthc(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(TTHC).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn report(args: &[&str]) -> Value {
    let mut all = vec!["report", "--json"];
    all.extend_from_slice(args);
    let (ok, out, err) = tthc(&all);
    assert!(ok, "tthc {all:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The figures a Report's levels, total and months hold (files and problems aside: those are
/// about the input, not the dossiers).
fn figures(r: &Value) -> Value {
    serde_json::json!({
        "levels": r["levels"], "total": r["total"], "units": r["units"], "fields": r["fields"],
        "procedures": r["procedures"], "months": r["months"], "late_total": r["late_total"],
    })
}

#[test]
fn the_sample_normalised_gives_the_same_report() {
    let d = dir("sample");
    let sample = d.join("mau.csv");
    assert!(tthc(&["sample", "--out", p(&sample)]).0);
    let out = d.join("out");
    let (ok, _, err) = tthc(&[
        "normalize",
        "--out",
        p(&out),
        "--format",
        "csv",
        "--source",
        "Bình Thuận",
        p(&sample),
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("Đã ghi 585.000 hồ sơ vào"), "{err}");
    let csv = std::fs::read_to_string(out.join("dossiers.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), DOSSIER_COLUMNS.join(","));
    assert_eq!(DOSSIER_COLUMNS[0], "source");
    // the label on every row, and nothing else
    assert_eq!(
        lines
            .map(|l| l.starts_with("Bình Thuận,") as u64)
            .sum::<u64>(),
        585_000
    );
    let norm = out.join("dossiers.csv");
    for convention in ["mac-dinh", "bieu-06"] {
        let a = report(&["--convention", convention, p(&sample)]);
        let b = report(&["--convention", convention, p(&norm)]);
        assert_eq!(figures(&a), figures(&b), "{convention}");
    }
    // the province's figures, from the normalised file
    let b = report(&[p(&norm)]);
    let levels: Vec<(u64, u64, u64)> = b["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let n = |k: &str| l[k].as_u64().unwrap();
            (n("resolved"), n("on_time"), n("late"))
        })
        .collect();
    assert_eq!(
        levels,
        [
            (98_942, 98_783, 159),
            (108_509, 106_466, 2_043),
            (357_622, 351_372, 6_250)
        ]
    );
    // every column mapped back to its field; `source` and `file` (where the record comes from)
    // are no field and stay unmapped
    let mapped: Vec<&str> = b["files"][0]["mapping"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["header"].as_str())
        .collect();
    for c in DOSSIER_COLUMNS {
        let field = !["source", "file"].contains(&c);
        assert_eq!(mapped.contains(&c), field, "{c}: {mapped:?}");
    }
}

#[test]
fn every_problem_is_listed_and_duplicates_are_left_out() {
    let d = dir("bad");
    let f = d.join("xau.csv");
    // a bad date (row 3), a duplicate of row 2 (row 4), an unknown status (row 5), then more
    // bad rows than the Report lists (1.000)
    let mut text = String::from(
        "Mã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái\n\
         A1;Sở Tư pháp;02/01/2024;10/01/2024;09/01/2024;10\n\
         A2;Sở Tư pháp;02/01/2024;31/02/2024;09/01/2024;10\n\
         A1;Sở Tư pháp;02/01/2024;10/01/2024;09/01/2024;10\n\
         A3;UBND xã Phú Lạc;03/01/2024;10/01/2024;;99\n",
    );
    for i in 0..1_200 {
        text += &format!("B{i};Sở Tư pháp;xx/01/2024;10/01/2024;09/01/2024;10\n");
    }
    std::fs::write(&f, text).unwrap();
    let out = d.join("out");
    let (ok, _, err) = tthc(&["normalize", "--out", p(&out), "--format", "csv", p(&f)]);
    assert!(ok, "{err}");
    let r = report(&[p(&f)]);
    let problems = std::fs::read_to_string(out.join("problems.csv")).unwrap();
    let rows: Vec<&str> = problems.lines().collect();
    assert_eq!(rows[0], PROBLEM_COLUMNS.join(","));
    assert_eq!(
        (rows.len() - 1) as u64,
        r["problems_total"].as_u64().unwrap(),
        "every problem, not the first 1.000"
    );
    assert!(rows.len() > 1_000);
    assert!(
        rows.iter()
            .any(|l| l.starts_with("xau.csv,3,Ngày hẹn trả,due,31/02/2024,bad_date,")),
        "{:?}",
        &rows[..4]
    );
    let dossiers = std::fs::read_to_string(out.join("dossiers.csv")).unwrap();
    let ids: Vec<&str> = dossiers
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    // the dossiers counted (a duplicate row is not: `read` = counted + rejected + duplicates +
    // ignored)
    assert_eq!(ids.len() as u64, r["rows"]["counted"].as_u64().unwrap());
    assert_eq!(r["rows"]["duplicates"].as_u64(), Some(1));
    assert_eq!(ids.iter().filter(|i| **i == "A1").count(), 1, "one A1");
    // a summary file is not dossiers
    let s = d.join("s.json");
    assert!(tthc(&["summary", "--out", p(&s), p(&f)]).0);
    let (ok, _, err) = tthc(&["normalize", "--out", p(&out), p(&s)]);
    assert!(!ok && err.contains("tệp tóm tắt"), "{err}");
}
