//! The Report is a contract: the CLI's `--json` Report of the built-in sample must stay byte for
//! byte what it was when the code was reorganised into layers (issue 6, measured at 011c7dc).
//! A change to any figure, field, order or number format changes this hash; when a change is
//! meant (a new field, a fixed rule), update the hash in the same commit and say why.
//! Last changes (issue 8): the `convention`, the narrative in report style; working days added `calendar`, `processing_working_days`,
//! `avg_processing_working_days` and `working_days_late`; with those four keys removed the
//! Report is byte for byte the previous one. Issue 9 added `late_total` (the late list is cut at
//! 10.000): with that key removed the Report is byte for byte the previous one. Issue 11 added
//! each month's `levels` (the monthly chart per level): with that key removed from every month
//! the Report is byte for byte the previous one (checked with the previous hash).

use sha2::{Digest, Sha256};
use std::process::Command;

const SAMPLE_REPORT_SHA256: &str =
    "8a5fec338769527734dd2c69bdc6b21524feec1ec9127d9d8b223051b96549ed";

#[test]
fn cli_json_report_of_the_sample_is_unchanged() {
    let dir = std::env::temp_dir().join(format!("tthc-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = env!("CARGO_BIN_EXE_tthc");
    let st = Command::new(exe)
        .args(["sample", "--out", "sample.csv"])
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(st.success());
    let out = Command::new(exe)
        .args(["report", "--json", "sample.csv"])
        .current_dir(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hash: String = Sha256::digest(&out.stdout)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        hash, SAMPLE_REPORT_SHA256,
        "the sample's JSON Report changed"
    );
}
