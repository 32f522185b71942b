//! Summary files (`dossier::rollup`, issue 11): the summaries of disjoint files, merged, give the
//! figures of the files loaded together — levels, total, units, fields, fields within levels,
//! procedures, months, row accounting, problem counts, late count — under both conventions,
//! two-tier on and off, the period chosen or given; the merge is a commutative monoid; what does
//! not merge is refused with a message; a summary holds no dossier id nor owner; and the CLI
//! writes and reads them. The data: the generated Bình Thuận sample cut into parts by rows.

use serde_json::{json, Value};
use tthc_analytics::dossier::rollup::{is_summary, merge_texts, Rollup};
use tthc_analytics::sample::Sample;
use tthc_analytics::{analyze_files, Options, Report};

/// The sample (`rows` rows) cut into `n` files: each has the title block and the header, and
/// every n-th data row.
fn parts(rows: usize, n: usize) -> Vec<Vec<u8>> {
    let text = String::from_utf8(Sample::new(rows).to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    let (head, data) = lines.split_at(5);
    let data: Vec<&str> = data
        .iter()
        .copied()
        .filter(|l| !l.starts_with("Tổng cộng"))
        .collect();
    (0..n)
        .map(|k| {
            let mut f: Vec<&str> = head.to_vec();
            f.extend(data.iter().skip(k).step_by(n));
            (f.join("\r\n") + "\r\n").into_bytes()
        })
        .collect()
}

fn names(n: usize) -> Vec<String> {
    (0..n).map(|k| format!("phan-{k}.csv")).collect()
}

fn options(v: Value) -> Options {
    serde_json::from_value(v).unwrap()
}

fn load(opts: &Value, files: &[(&str, &[u8])]) -> Report {
    analyze_files(options(opts.clone()), files.iter().copied()).unwrap()
}

/// The parts a merged Report must have as the files loaded together have them.
const AGGREGATES: [&str; 16] = [
    "period",
    "two_tier",
    "convention",
    "calendar",
    "rows",
    "problems_total",
    "problems_by_reason",
    "levels",
    "total",
    "units",
    "fields",
    "field_levels",
    "procedures",
    "months",
    "late_total",
    "narrative",
];

fn aggregates(r: &Report) -> Value {
    let v = serde_json::to_value(r).unwrap();
    AGGREGATES
        .iter()
        .map(|&k| (k.to_string(), v[k].clone()))
        .collect()
}

/// Each part's summary (labelled `label(k)`), written as text and read back, merged in order.
fn merged(opts: &Value, files: &[Vec<u8>], label: impl Fn(usize) -> String) -> Rollup {
    let names = names(files.len());
    let texts: Vec<String> = files
        .iter()
        .enumerate()
        .map(|(k, f)| Rollup::of(&load(opts, &[(&names[k], f)]), &label(k)).to_json())
        .collect();
    merge_texts(
        names
            .iter()
            .map(String::as_str)
            .zip(texts.iter().map(String::as_str)),
    )
    .unwrap()
}

#[test]
fn merged_summaries_give_the_figures_of_the_files_loaded_together() {
    let files = parts(6_000, 3);
    let names = names(3);
    let together: Vec<(&str, &[u8])> = names
        .iter()
        .map(String::as_str)
        .zip(files.iter().map(Vec::as_slice))
        .collect();
    let mut cases = 0;
    for convention in ["mac-dinh", "bieu-06"] {
        for two_tier in [json!(null), json!(false), json!(true)] {
            for year in [json!(null), json!(2024)] {
                let opts = json!({"convention": convention, "two_tier": two_tier, "year": year});
                let whole = load(&opts, &together);
                assert!(whole.total.counts.resolved > 1_000, "{opts}");
                // one province cut in three: one source row, the very same narrative
                let r = merged(&opts, &files, |_| "Bình Thuận".into()).report();
                same(&aggregates(&r), &aggregates(&whole));
                assert_eq!(r.sources.len(), 1);
                assert_eq!(r.sources[0].figures.counts, whole.total.counts);
                // three provinces: the same figures, one row each
                let r = merged(&opts, &files, |k| format!("Tỉnh {k}")).report();
                let (mut a, mut b) = (aggregates(&r), aggregates(&whole));
                for v in [&mut a, &mut b] {
                    v.as_object_mut().unwrap().remove("narrative");
                }
                same(&a, &b);
                let n = &r.narrative;
                assert!(n.contains(", các địa phương Tỉnh "), "{n}");
                assert!((0..3).all(|k| n.contains(&format!("Tỉnh {k}"))), "{n}");
                assert_eq!(r.sources.len(), 3);
                for (k, f) in files.iter().enumerate() {
                    let alone = load(&opts, &[(&names[k], f)]);
                    let row = r.sources.iter().find(|s| s.name == format!("Tỉnh {k}"));
                    assert_eq!(row.unwrap().figures.counts, alone.total.counts);
                }
                assert_eq!(r.files.len(), 3);
                assert!(r.late.is_empty() && r.problems.is_empty());
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 12);
}

/// A Report's summary gives back its aggregates unchanged (the sample as one file, which has
/// title rows, a total row and late dossiers).
#[test]
fn a_reports_summary_gives_back_its_aggregates() {
    let bytes = Sample::new(20_000).to_vec();
    for opts in [
        json!({}),
        json!({"convention": "bieu-06", "two_tier": true}),
    ] {
        let r = load(&opts, &[("mau.csv", &bytes)]);
        let back = Rollup::read(&Rollup::of(&r, "Bình Thuận").to_json(), "x.json")
            .unwrap()
            .report();
        same(&aggregates(&back), &aggregates(&r));
        assert!(r.late_total > 0 && back.late.is_empty());
        assert_eq!(
            serde_json::to_value(&back.files).unwrap(),
            serde_json::to_value(&r.files).unwrap()
        );
    }
}

/// Equal JSON values, or the first key where they differ (the values are large).
fn same(a: &Value, b: &Value) {
    if a != b {
        let mut keys = a.as_object().unwrap().keys();
        let k = keys.find(|k| a[*k] != b[*k]);
        panic!("differ at {k:?}");
    }
}

/// The merged Report without the lists that follow the order of the merge (files).
fn figures_of(r: &Rollup) -> Value {
    let mut v = serde_json::to_value(r.report()).unwrap();
    v.as_object_mut().unwrap().remove("files");
    v
}

#[test]
fn merge_is_a_commutative_monoid() {
    let opts = json!({"year": 2024});
    let files = parts(3_000, 3);
    let names = names(3);
    let s: Vec<Rollup> = files
        .iter()
        .enumerate()
        .map(|(k, f)| Rollup::of(&load(&opts, &[(&names[k], f)]), &format!("Tỉnh {k}")))
        .collect();
    let sum = |list: &[&Rollup]| {
        let mut acc = Rollup::empty();
        for x in list {
            acc.merge(x).unwrap();
        }
        acc
    };
    let (a, b, c) = (&s[0], &s[1], &s[2]);
    // (a ⊕ b) ⊕ c = a ⊕ (b ⊕ c)
    let ab = sum(&[a, b]);
    let bc = sum(&[b, c]);
    same(&figures_of(&sum(&[&ab, c])), &figures_of(&sum(&[a, &bc])));
    // a ⊕ b = b ⊕ a, and in any order of three
    same(&figures_of(&ab), &figures_of(&sum(&[b, a])));
    same(&figures_of(&sum(&[a, b, c])), &figures_of(&sum(&[c, a, b])));
    // the empty summary is the identity, on both sides
    let text = |r: &Rollup| r.to_json();
    for x in [a, &ab] {
        let mut l = Rollup::empty();
        l.merge(x).unwrap();
        let mut r = x.clone();
        r.merge(&Rollup::empty()).unwrap();
        assert_eq!(text(&l), text(x));
        assert_eq!(text(&r), text(x));
    }
    assert!(Rollup::empty().report().sources.is_empty());
}

#[test]
fn what_does_not_merge_is_refused_with_a_message() {
    let files = parts(2_000, 2);
    let of = |opts: Value, k: usize| {
        Rollup::of(&load(&opts, &[("a.csv", &files[k])]), &format!("Tỉnh {k}"))
    };
    let base = of(json!({"year": 2024}), 0);
    for (other, words) in [
        (
            of(json!({"year": 2023}), 1),
            "kỳ báo cáo khác nhau (01/01/2024 – 31/12/2024 và 01/01/2023 – 31/12/2023)",
        ),
        (
            of(json!({"year": 2024, "two_tier": true}), 1),
            "cách chia cấp khác nhau (chính quyền ba cấp và hai cấp)",
        ),
        (
            of(json!({"year": 2024, "convention": "bieu-06"}), 1),
            "quy ước đếm khác nhau",
        ),
    ] {
        let mut m = base.clone();
        let e = m.merge(&other).unwrap_err();
        assert!(
            e.starts_with("Không gộp được tóm tắt «Tỉnh 1» với «Tỉnh 0»: "),
            "{e}"
        );
        assert!(e.contains(words), "{e}");
        // nothing was added
        assert_eq!(m.to_json(), base.to_json());
    }
    // the same summary twice: the same province and file
    let mut m = base.clone();
    let e = m.merge(&base).unwrap_err();
    assert!(
        e.contains("tóm tắt này có vẻ đã được nạp (cùng địa phương «Tỉnh 0», cùng tệp «a.csv»)"),
        "{e}"
    );
    // kind, version, unknown keys, size
    let text = base.to_json();
    let v: Value = serde_json::from_str(&text).unwrap();
    let with = |k: &str, x: Value| {
        let mut v = v.clone();
        v[k] = x;
        v.to_string()
    };
    for (bad, words) in [
        (
            with("version", json!(2)),
            "phiên bản 2, chương trình này đọc phiên bản 1",
        ),
        (
            with("kind", json!("tthc-calendar")),
            "«kind» là «tthc-calendar», cần «tthc-summary»",
        ),
        (with("nguoi_nop", json!("x")), "unknown field `nguoi_nop`"),
        (
            " ".repeat(tthc_analytics::basics::limits::MAX_SUMMARY_BYTES + 1),
            "lớn hơn 64 MiB",
        ),
    ] {
        let e = Rollup::read(&bad, "t.json").unwrap_err();
        assert!(e.starts_with("Tệp tóm tắt t.json "), "{e}");
        assert!(e.contains(words), "{e}");
    }
    assert!(Rollup::read(&text, "t.json").is_ok());
}

#[test]
fn a_summary_holds_no_dossier_id_nor_owner() {
    let bytes = Sample::new(5_000).to_vec();
    let r = load(&json!({}), &[("mau.csv", &bytes)]);
    let text = Rollup::of(&r, "Bình Thuận").to_json();
    let table = tthc_analytics::table::reader::read_all(&bytes);
    let header = &table.rows[4];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, owner) = (col("Mã hồ sơ"), col("Chủ hồ sơ"));
    let mut checked = 0;
    for row in &table.rows[5..] {
        for c in [id, owner] {
            if let Some(v) = row.get(c).filter(|v| v.len() > 3) {
                assert!(!text.contains(v.as_str()), "{v} is in the summary");
                checked += 1;
            }
        }
    }
    assert!(checked > 9_000, "{checked}");
    // the Report itself names them (the late list): the check can fail
    let late = &r.late[0].id;
    assert!(serde_json::to_string(&r).unwrap().contains(late.as_str()));
    assert!(!text.contains(late.as_str()));
}

#[test]
fn summaries_are_told_by_their_first_bytes() {
    let text = Rollup::empty().to_json();
    assert!(is_summary(text.as_bytes()));
    assert!(is_summary(
        b"\xEF\xBB\xBF { \"kind\" :\n\"tthc-summary\", \"version\": 1"
    ));
    for other in [
        &b"[{\"kind\": \"tthc-summary\"}]"[..],
        b"{\"kind\": \"tthc-calendar\"}",
        b"{\"data\": [{\"kind\": \"tthc-summary\"}]}",
        b"Ma ho so,kind\r\n",
    ] {
        assert!(!is_summary(other), "{}", String::from_utf8_lossy(other));
    }
}

/// `tthc summary` writes each part's summary; `tthc report --json` of the summaries gives the
/// figures of `tthc report --json` of the parts; summaries and dossier files mix (the dossier
/// files are summarised first); options that contradict the summaries are refused.
#[test]
fn cli_round_trip() {
    let dir = std::env::temp_dir().join(format!("tthc-rollup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = parts(3_000, 3);
    let paths: Vec<String> = files
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let p = dir.join(format!("tinh-{k}.csv"));
            std::fs::write(&p, f).unwrap();
            p.to_string_lossy().into_owned()
        })
        .collect();
    let tthc = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tthc"))
            .args(args)
            .env("TTHC_THREADS", "1")
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let mut sums = Vec::new();
    for (k, p) in paths.iter().enumerate() {
        let s = dir
            .join(format!("tom-tat-{k}.json"))
            .to_string_lossy()
            .into_owned();
        let (code, _, err) = tthc(&[
            "summary",
            "--period",
            "2024",
            "--label",
            &format!("Tỉnh {k}"),
            "--out",
            &s,
            p,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("Đã ghi tóm tắt"), "{err}");
        sums.push(s);
    }
    let report = |args: &[&str]| -> Report {
        let (code, out, err) = tthc(args);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let strip = |r: &Report| {
        let mut v = aggregates(r);
        v.as_object_mut().unwrap().remove("narrative");
        v
    };
    let mut args = vec!["report", "--json", "--period", "2024"];
    args.extend(paths.iter().map(String::as_str));
    let whole = report(&args);
    let mut args = vec!["report", "--json"];
    args.extend(sums.iter().map(String::as_str));
    let merged = report(&args);
    assert_eq!(strip(&merged), strip(&whole));
    assert_eq!(merged.sources.len(), 3);
    // two summaries and the third part's dossier file
    let args = [
        "report", "--json", "--period", "2024", &sums[0], &sums[1], &paths[2],
    ];
    let mixed = report(&args);
    assert_eq!(strip(&mixed), strip(&whole));
    assert_eq!(mixed.sources.len(), 3);
    // the text report of summaries, and a region's summary of them merged again (two levels)
    let (code, out, _) = tthc(&["report", &sums[0], &sums[1]]);
    assert_eq!(code, 0);
    assert!(out.contains("Tỉnh 0") && out.contains("Tỉnh 1"), "{out}");
    let region = dir.join("vung.json").to_string_lossy().into_owned();
    let (code, _, err) = tthc(&[
        "summary", "--label", "Vùng", "--out", &region, &sums[0], &sums[1],
    ]);
    assert_eq!(code, 0, "{err}");
    let nation = report(&["report", "--json", &region, &sums[2]]);
    assert_eq!(strip(&nation), strip(&whole));
    assert_eq!(nation.sources.len(), 3);
    // refused: another period asked of summaries of 2024; summaries of different years
    let (code, _, err) = tthc(&["report", "--period", "2023", &sums[0]]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("Các tóm tắt được lập với kỳ báo cáo 01/01/2024 – 31/12/2024"),
        "{err}"
    );
    let s2023 = dir.join("nam-2023.json").to_string_lossy().into_owned();
    assert_eq!(
        tthc(&["summary", "--period", "2023", "--out", &s2023, &paths[0]]).0,
        0
    );
    let (code, _, err) = tthc(&["report", &sums[1], &s2023]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("kỳ báo cáo khác nhau"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
