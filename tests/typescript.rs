//! The TypeScript declarations the page is type-checked against (`www/pkg/tthc_types.d.ts`,
//! written by the wasm build from `tthc_analytics::typescript::declarations()`) must describe the
//! values that really cross: every field of a real Report and IndexReport is declared, every type
//! named is declared, and the file the last build wrote is the current one.

use serde_json::Value;
use std::collections::BTreeSet;
use tthc_analytics::export::FormVariant;
use tthc_analytics::index::{IndexBuilder, IndexOptions};
use tthc_analytics::{analyze_files, typescript, Options};

/// The declared fields of `export type NAME = { … }` (top level of the object, comments out).
fn fields_of(decls: &str, name: &str) -> BTreeSet<String> {
    let start = decls
        .find(&format!("export type {name} = {{"))
        .unwrap_or_else(|| panic!("no declaration of {name}"));
    let body = &decls[start..];
    let body = &body[body.find('{').unwrap() + 1..];
    let mut out = BTreeSet::new();
    let (mut depth, mut in_comment, mut word) = (0, false, String::new());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if in_comment {
            if c == '*' && chars.peek() == Some(&'/') {
                chars.next();
                in_comment = false;
            }
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'*') => in_comment = true,
            '{' | '(' | '<' => depth += 1,
            '}' if depth == 0 => break,
            '}' | ')' | '>' => depth -= 1,
            ':' | '?' if depth == 0 && !word.is_empty() => {
                out.insert(std::mem::take(&mut word));
            }
            c if c.is_alphanumeric() || c == '_' => word.push(c),
            _ => word.clear(),
        }
    }
    out
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn small_report() -> tthc_analytics::Report {
    let csv =
        "Mã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả;Trạng thái\n\
               H1;Sở Tư pháp;02/01/2024;10/01/2024;09/01/2024;10\n\
               H2;UBND xã Hòa Minh;02/01/2024;10/01/2024;12/01/2024;10\n\
               H3;UBND xã Hòa Minh;31/02/2024;10/01/2024;12/01/2024;10\n";
    let compared = Options {
        compare_previous: Some(true),
        ..Options::default()
    };
    analyze_files(compared, [("a.csv", csv.as_bytes())]).unwrap()
}

/// A file entry with the workbook-only fields (sheet, sheets, hidden columns): the sample's
/// first rows as an .xlsx.
fn workbook_file_info() -> Value {
    use tthc_analytics::sample::{workbook::xlsx, Sample};
    let rows = tthc_analytics::table::reader::read_all(&Sample::new(20).to_vec()).rows;
    let book = xlsx(&rows).unwrap();
    let r = analyze_files(Options::default(), [("a.xlsx", book.as_slice())]).unwrap();
    serde_json::to_value(&r.files[0]).unwrap()
}

#[test]
fn every_report_field_is_declared() {
    let decls = typescript::declarations();
    let r = serde_json::to_value(small_report()).unwrap();
    // `forms` is there only when a form 06 was read: the small report's form, read back
    let form = tthc_analytics::export::form06_csv(&small_report(), FormVariant::Form06);
    let compared = Options {
        compare_previous: Some(true),
        ..Options::default()
    };
    let of_form = analyze_files(compared, [("b.csv", form.as_slice())]).unwrap();
    let of_form = serde_json::to_value(of_form).unwrap();
    // `sources` is there only in a Report made from summary files (issue 11)
    let mut regions = tthc_analytics::dossier::rollup::Rollup::of(&small_report(), "Tỉnh A");
    regions
        .merge(&tthc_analytics::dossier::rollup::Rollup::of(
            &small_report(),
            "Tỉnh B",
        ))
        .unwrap();
    let of_summaries = serde_json::to_value(regions.report()).unwrap();
    assert_eq!(
        fields_of(&decls, "Report"),
        &keys(&of_form) | &keys(&of_summaries)
    );
    assert!(keys(&of_summaries).contains("sources"));
    assert_eq!(
        fields_of(&decls, "Breakdown"),
        keys(&of_summaries["sources"][0])
    );
    assert!(keys(&of_form).is_superset(&keys(&r)));
    assert_eq!(fields_of(&decls, "PeriodOut"), keys(&r["period"]));
    assert_eq!(fields_of(&decls, "RowCounts"), keys(&r["rows"]));
    assert_eq!(fields_of(&decls, "FileInfo"), keys(&workbook_file_info()));
    assert_eq!(
        fields_of(&decls, "MappingEntry"),
        keys(&r["files"][0]["mapping"][0])
    );
    assert_eq!(fields_of(&decls, "Problem"), keys(&r["problems"][0]));
    assert_eq!(
        fields_of(&decls, "ReasonCount"),
        keys(&r["problems_by_reason"][0])
    );
    assert_eq!(fields_of(&decls, "LevelFigures"), keys(&r["levels"][0]));
    assert_eq!(fields_of(&decls, "Figures"), keys(&r["total"]));
    assert_eq!(fields_of(&decls, "Breakdown"), keys(&r["units"][0]));
    assert_eq!(fields_of(&decls, "MonthFigures"), keys(&r["months"][0]));
    assert_eq!(fields_of(&decls, "LateDossier"), keys(&r["late"][0]));
    assert_eq!(fields_of(&decls, "ConventionOut"), keys(&r["convention"]));
    let c = &r["comparison"];
    assert_eq!(fields_of(&decls, "PeriodComparison"), keys(c));
    assert_eq!(fields_of(&decls, "Change"), keys(&c["total"]));
    assert_eq!(fields_of(&decls, "LevelChange"), keys(&c["levels"][0]));
    assert_eq!(fields_of(&decls, "UnitChange"), keys(&c["units"][0]));
}

#[test]
fn every_index_report_field_is_declared() {
    let decls = typescript::declarations();
    let mut b = IndexBuilder::new(IndexOptions {
        focus: Some("Bình Thuận".into()),
        target: Some(90.0),
        ..Default::default()
    })
    .unwrap();
    b.add_report(&small_report());
    for (name, bytes) in tthc_analytics::sample::index::files() {
        b.add_file(name, &bytes);
    }
    let r = serde_json::to_value(b.finish()).unwrap();
    assert_eq!(fields_of(&decls, "IndexReport"), keys(&r));
    for (ty, v) in [
        ("MethodologyInfo", &r["methodology"]),
        ("GroupInfo", &r["methodology"]["groups"][0]),
        ("IndicatorInfo", &r["methodology"]["indicators"][0]),
        ("FileOut", &r["files"][0]),
        ("CatalogSummary", &r["catalog"]),
        ("EntityScore", &r["province"]),
        ("GroupScore", &r["province"]["group_details"][0]),
        ("RankRow", &r["ranking"][0]),
        ("PeriodInfo", &r["periods"][0]),
        ("Comparison", &r["comparison"]),
        ("Snapshot", &r["comparison"]["before"]),
        ("WhatIf", &r["what_if"]),
    ] {
        assert_eq!(fields_of(&decls, ty), keys(v), "{ty}");
    }
    // an indicator declares `terms` optional: it is left out when empty
    let ind = &r["province"]["indicators"][0];
    let declared = fields_of(&decls, "IndicatorScore");
    assert!(keys(ind).is_subset(&declared), "{:?}", keys(ind));
    assert!(decls.contains("terms?: Array<TermScore>"));
}

#[test]
fn every_type_named_is_declared() {
    let decls = typescript::declarations();
    let declared: BTreeSet<&str> = decls
        .lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .map(|l| l.split([' ', '<']).next().unwrap())
        .collect();
    let builtin = ["Array", "Record", "Partial"];
    let mut named = BTreeSet::new();
    let mut in_comment = false;
    for line in decls.lines() {
        let line = line.trim();
        if line.starts_with("/**") || line.starts_with("//") {
            in_comment = !line.ends_with("*/");
            continue;
        }
        if in_comment {
            in_comment = !line.ends_with("*/");
            continue;
        }
        let mut word = String::new();
        // the words of string literal types (`"II.06a"`) name no type
        let mut quoted = false;
        for c in line.chars().chain([' ']) {
            if c == '"' {
                quoted = !quoted;
                word.clear();
            } else if quoted {
                continue;
            } else if c.is_alphanumeric() || c == '_' {
                word.push(c);
            } else {
                if word.starts_with(|c: char| c.is_ascii_uppercase()) {
                    named.insert(std::mem::take(&mut word));
                }
                word.clear();
            }
        }
    }
    for n in named {
        assert!(
            declared.contains(n.as_str()) || builtin.contains(&n.as_str()),
            "{n} is named but not declared"
        );
    }
    for root in [
        "Report",
        "IndexReport",
        "AnalyzerOptions",
        "IndexOptions",
        "ManualEntry",
    ] {
        assert!(declared.contains(root), "{root}");
    }
    assert!(!decls.contains("bigint"), "integers cross as numbers");
}

#[test]
fn the_built_declarations_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/pkg/tthc_types.d.ts");
    match std::fs::read_to_string(path) {
        Ok(built) => assert!(
            built == typescript::declarations(),
            "{path} is stale: run `make wasm` (scripts/build-wasm.sh writes it)"
        ),
        Err(_) => eprintln!("{path} not built yet (make wasm): nothing to compare"),
    }
}
