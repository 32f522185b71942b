//! The point rules, with numbers checked by hand (and, where marked, against scores the portal
//! published for Phú Thọ, 08/2026, domain.md §1.3 [S3]); zero denominators; thresholds; the
//! payment composite; missing inputs; methodology validation.

use tthc_analytics::index::methodology::Methodology;
use tthc_analytics::index::score::{EntityScore, IndicatorScore, State};
use tthc_analytics::index::{IndexBuilder, IndexOptions, IndexReport, ManualEntry};

fn entry(indicator: &str, num: f64, den: f64) -> ManualEntry {
    ManualEntry {
        unit: None,
        indicator: indicator.into(),
        term: None,
        numerator: Some(num),
        denominator: Some(den),
        points: None,
        note: None,
    }
}

fn term(indicator: &str, t: &str, num: f64, den: f64) -> ManualEntry {
    ManualEntry {
        term: Some(t.into()),
        ..entry(indicator, num, den)
    }
}

fn run(methodology: &str, entries: Vec<ManualEntry>) -> IndexReport {
    let mut b = IndexBuilder::new(IndexOptions {
        methodology: Some(methodology.into()),
        ..Default::default()
    })
    .unwrap();
    b.set_manual(entries);
    b.finish()
}

fn province(r: &IndexReport) -> &EntityScore {
    r.province.as_ref().expect("province scored")
}

fn ind<'a>(e: &'a EntityScore, id: &str) -> &'a IndicatorScore {
    e.indicators.iter().find(|i| i.id == id).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn linear_rules_progress_and_transparency() {
    let r = run(
        "qd766-portal",
        vec![
            entry("2.1", 486.0, 588.0),         // Ban quản lý KCN, portal 16,53
            entry("PUBLISH_ON_TIME", 5.0, 6.0), // by portal code: 6 × 5/6 = 5
            entry("1.4", 90.0, 100.0),          // 6 × 0,9 = 5,4
            entry("1.2", 7.0, 6.0),             // rate above 100%: held at 4, flagged
            entry("1.3", 0.0, 0.0),             // zero denominator, rule «zero»
        ],
    );
    let p = province(&r);
    let i = ind(p, "2.1");
    assert_eq!(i.points, Some(16.53));
    assert!(close(i.rate.unwrap(), 486.0 / 588.0 * 100.0));
    assert!(i.manual);
    assert_eq!(i.state, State::Ok);
    assert_eq!(ind(p, "1.1").points, Some(5.0));
    assert_eq!(ind(p, "1.4").points, Some(5.4));
    let over = ind(p, "1.2");
    assert_eq!(over.points, Some(4.0));
    assert!(over.over_100);
    let z = ind(p, "1.3");
    assert_eq!((z.points, z.state), (Some(0.0), State::ZeroDenominator));
    // progress: 20 × on time / received; 0/0 gives 0 (the portal's department with nothing received)
    let r = run("qd766-portal", vec![entry("2.1", 0.0, 0.0)]);
    assert_eq!(ind(province(&r), "2.1").points, Some(0.0));
}

#[test]
fn satisfaction_threshold_and_petitions() {
    let r = run(
        "qd766-portal",
        vec![
            entry("5.1", 144574.0, 184513.0), // min(6, 6 × 78,354% / 90%) = 5,2236 → 5,22 (portal 5,22)
            entry("5.2", 182.0, 247.0),       // 6 × 73,68% = 4,4211 → 4,42 (portal 4,42)
            entry("5.3", 137.0, 247.0),       // 6 × 55,47% = 3,3279 → 3,33 (portal 3,33)
        ],
    );
    let p = province(&r);
    assert_eq!(ind(p, "5.4").points, Some(5.22));
    assert_eq!(ind(p, "5.2").points, Some(4.42));
    assert_eq!(ind(p, "5.3").points, Some(3.33));
    let g = p.group_details.iter().find(|g| g.code == "MDHL").unwrap();
    assert_eq!(g.points, Some(12.97)); // portal group score 12,97
    assert!(g.complete);

    // at or above the threshold: full; zero denominators: 0 for dossiers, 6 for petitions
    let r = run(
        "qd766-portal",
        vec![
            entry("5.1", 939.0, 1038.0),
            entry("5.2", 0.0, 0.0),
            entry("5.3", 0.0, 0.0),
        ],
    );
    let p = province(&r);
    assert_eq!(ind(p, "5.4").points, Some(6.0)); // 90,46% ≥ 90%
    let pakn = ind(p, "5.2");
    assert_eq!(
        (pakn.points, pakn.state),
        (Some(6.0), State::ZeroDenominator)
    );
    assert_eq!(ind(p, "5.3").points, Some(6.0));
    let r = run("qd766-portal", vec![entry("5.1", 0.0, 0.0)]);
    assert_eq!(ind(province(&r), "5.4").points, Some(0.0));
    // just below: 6 × 89,9 / 90 = 5,9933 → 5,99
    let r = run("qd766-portal", vec![entry("5.1", 899.0, 1000.0)]);
    assert_eq!(ind(province(&r), "5.4").points, Some(5.99));
}

#[test]
fn digitisation_caps_and_reuse_threshold() {
    let r = run(
        "qd766-portal",
        vec![
            entry("6.1", 120.0, 100.0), // min(6, 6 × 120%) = 6, no «over 100» flag: capped rule
            entry("6.2", 738.0, 1000.0), // min(4, 4 × 73,8%) = 2,952 → 2,95
            entry("6.4", 30.0, 100.0),  // min(2, 2 × 30% / 80%) = 0,75
            entry("REUSED_DIGITIZED_DATA", 90.0, 100.0), // later entry wins: 2
        ],
    );
    let p = province(&r);
    // entered under the former ids 6.1, 6.2, 6.4: now 4.1, 4.2, 4.3
    let i = ind(p, "4.1");
    assert_eq!(i.points, Some(6.0));
    assert!(!i.over_100);
    assert_eq!(ind(p, "4.2").points, Some(2.95));
    assert_eq!(ind(p, "4.3").points, Some(2.0));
    let r = run("qd766-portal", vec![entry("6.4", 30.0, 100.0)]);
    assert_eq!(ind(province(&r), "4.3").points, Some(0.75));
    assert_eq!(ind(province(&r), "4.3").rule, "min(2; 2 × tỷ lệ / 80%)");
}

#[test]
fn payment_composite() {
    // entered under the former id 4.1 with a term: the composite, now 3.6 (4.1 is now the
    // electronic results indicator, which has no terms)
    // Phú Thọ parent: A = 82.913/98.459, B = 93/310, C = 56/310:
    // 6 × 0,842117 + min(2; 2,5 × 0,3) + 2,5 × 0,180645 = 5,0527 + 0,75 + 0,4516 = 6,2543 → 6,25
    let r = run(
        "qd766-portal",
        vec![
            term("4.1", "A", 82913.0, 98459.0),
            term("4.1", "B", 93.0, 310.0),
            term("4.1", "C", 56.0, 310.0),
        ],
    );
    let i = ind(province(&r), "3.6");
    assert_eq!(i.points, Some(6.25));
    assert_eq!(i.terms.len(), 3);
    assert_eq!(i.terms[1].points, Some(0.75));
    assert_eq!(
        i.rule,
        "min(10; 6A + min(2; 2,5B) + 2,5C), làm tròn từng thành phần"
    );
    // the rounding order is sourced: nothing unverified below the cap
    assert!(i.unverified.is_empty(), "{:?}", i.unverified);
    // Sở Công Thương: 44/44, 7/8, 0/8 → 6 + min(2; 2,1875) + 0 = 8
    let r = run(
        "qd766-portal",
        vec![
            term("4.1", "A", 44.0, 44.0),
            term("4.1", "B", 7.0, 8.0),
            term("4.1", "C", 0.0, 8.0),
        ],
    );
    assert_eq!(ind(province(&r), "3.6").points, Some(8.0));
    // Ban quản lý KCN: 7/7, 2/3, 0/3 → 6 + 1,6667 + 0 = 7,67
    let r = run(
        "qd766-portal",
        vec![
            term("4.1", "A", 7.0, 7.0),
            term("4.1", "B", 2.0, 3.0),
            term("4.1", "C", 0.0, 3.0),
        ],
    );
    assert_eq!(ind(province(&r), "3.6").points, Some(7.67));
    // everything at 100%: 6 + 2 + 2,5 = 10,5, held at the maximum 10
    let r = run(
        "qd766-portal",
        vec![
            term("4.1", "A", 1.0, 1.0),
            term("4.1", "B", 1.0, 1.0),
            term("4.1", "C", 1.0, 1.0),
        ],
    );
    let i = ind(province(&r), "3.6");
    assert_eq!(i.points, Some(10.0));
    // … a cap no portal record has shown: «chưa kiểm chứng»
    assert_eq!(i.unverified, vec!["mức trần điểm".to_string()]);
    // a zero denominator gives that ratio 0: 0 + min(2; 2,5 × 0,5) + 2,5 × 0,5 = 2,5
    let r = run(
        "qd766-portal",
        vec![
            term("4.1", "A", 0.0, 0.0),
            term("4.1", "B", 1.0, 2.0),
            term("4.1", "C", 1.0, 2.0),
        ],
    );
    let i = ind(province(&r), "3.6");
    assert_eq!(i.points, Some(2.5));
    assert_eq!(i.terms[0].state, State::ZeroDenominator);
    // one term missing: the indicator has no data, never a silent 0
    let r = run(
        "qd766-portal",
        vec![term("4.1", "A", 1.0, 1.0), term("4.1", "B", 1.0, 1.0)],
    );
    let i = ind(province(&r), "3.6");
    assert_eq!((i.points, i.state), (None, State::Missing));
    assert_eq!(i.state_label, "chưa có dữ liệu");
}

#[test]
fn missing_inputs_are_never_zero_or_full() {
    let r = run("qd766-portal", vec![entry("2.1", 90.0, 100.0)]);
    let p = province(&r);
    assert_eq!(p.total, Some(18.0));
    assert!(!p.complete);
    assert_eq!(p.missing, 16); // 17 indicators, one given
    for i in p.indicators.iter().filter(|i| i.id != "2.1") {
        assert_eq!(i.points, None, "{}", i.id);
        assert_eq!(i.state, State::Missing, "{}", i.id);
    }
    assert_eq!(p.groups.get("TDGQ"), Some(18.0));
    assert_eq!(p.groups.get("CKMB"), None);
    let g = p.group_details.iter().find(|g| g.code == "CKMB").unwrap();
    assert_eq!((g.source.as_str(), g.complete), ("partial", false));
    assert_eq!(g.missing, vec!["1.1", "1.2", "1.3", "1.4"]);
    // points lost, largest first: only indicators with points
    assert_eq!(p.lost.len(), 1);
    assert_eq!(p.lost[0].lost, 2.0);
}

#[test]
fn manual_points_and_bad_entries() {
    let mut pts = entry("1.2", 0.0, 0.0);
    pts.numerator = None;
    pts.denominator = None;
    pts.points = Some(3.5);
    let mut too_many = pts.clone();
    too_many.indicator = "1.3".into();
    too_many.points = Some(2.5); // max 2
    let unknown = entry("9.9", 1.0, 2.0);
    let mut half = entry("1.1", 1.0, 2.0);
    half.denominator = None;
    let r = run("qd766-portal", vec![pts, too_many, unknown, half]);
    let i = ind(province(&r), "1.2");
    assert_eq!((i.points, i.manual, i.numerator), (Some(3.5), true, None));
    assert_eq!(ind(province(&r), "1.3").points, None);
    let codes: Vec<&str> = r.problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, vec!["bad_manual", "unknown_indicator", "bad_manual"]);
    assert!(
        r.problems[0].message.contains("vượt điểm tối đa"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn the_2022_methodology() {
    let m = Methodology::builtin("qd766-2022").unwrap();
    let maxima: Vec<(String, f64)> = m.groups.iter().map(|g| (g.code.clone(), g.max)).collect();
    assert_eq!(
        maxima,
        vec![
            ("CKMB".into(), 18.0),
            ("TDGQ".into(), 20.0),
            ("MDSH".into(), 22.0),
            ("DVTT".into(), 22.0),
            ("MDHL".into(), 18.0)
        ]
    );
    let r = run(
        "qd766-2022",
        vec![
            entry("4.2", 60.0, 100.0),   // threshold 80%: 4 × 60 / 80 = 3
            entry("3.3", 30.0, 100.0),   // threshold 50%: 6 × 30 / 50 = 3,6
            entry("3.1", 881.0, 1994.0), // threshold 80%: 2 × 44,18% / 80% = 1,1046 → 1,1
            entry("3.6", 55.0, 100.0),   // linear: 3,3
        ],
    );
    let p = province(&r);
    assert_eq!(ind(p, "4.2").points, Some(3.0));
    assert_eq!(ind(p, "3.3").points, Some(3.6));
    assert_eq!(ind(p, "3.1").points, Some(1.1));
    assert_eq!(ind(p, "3.6").points, Some(3.3));
    let portal = Methodology::builtin("qd766-portal").unwrap();
    let maxima: Vec<f64> = portal.groups.iter().map(|g| g.max).collect();
    assert_eq!(maxima, vec![18.0, 20.0, 12.0, 10.0, 18.0, 22.0]);
}

const CUSTOM: &str = r#"{
  "schema": 1, "id": "tinh-x", "version": "1", "total": 100,
  "groups": [{"code": "A", "name": "Tiến độ", "max": 60}, {"code": "B", "name": "Trực tuyến", "max": 40}],
  "indicators": [
    {"id": "a", "name": "Đúng hạn", "group": "A", "max": 60, "rule": "linear", "zero": "na",
     "inputs": [{"numerator": "on", "denominator": "all"}]},
    {"id": "b", "name": "Trực tuyến", "group": "B", "max": 40, "rule": {"kind": "threshold", "threshold": 50},
     "inputs": [{"numerator": "x", "denominator": "y"}]}
  ]
}"#;

#[test]
fn a_users_methodology_and_the_na_rule() {
    let r = run(CUSTOM, vec![entry("a", 0.0, 0.0), entry("b", 1.0, 4.0)]);
    let p = province(&r);
    assert_eq!(r.methodology.id, "tinh-x");
    let a = ind(p, "a");
    assert_eq!((a.points, a.state), (None, State::NotApplicable));
    assert_eq!(ind(p, "b").points, Some(20.0)); // 40 × 25 / 50
    assert_eq!(p.max, 40.0); // the not-applicable maximum leaves the attainable total
    assert_eq!(p.total, Some(20.0));
    assert!(p.complete);
}

#[test]
fn methodology_validation_messages() {
    let bad =
        |from: &str, to: &str| Methodology::from_json(&CUSTOM.replacen(from, to, 1)).unwrap_err();
    let e = bad(r#""max": 40}]"#, r#""max": 39}]"#);
    assert!(
        e.contains("Tổng điểm tối đa các nhóm là 99, không bằng 100"),
        "{e}"
    );
    let e = bad(r#""rule": "linear""#, r#""rule": "exponential""#);
    assert!(e.contains("quy tắc «exponential» không được hỗ trợ"), "{e}");
    let e = bad(r#""threshold": 50"#, r#""threshold": 0"#);
    assert!(e.contains("ngưỡng 0 phải trong khoảng"), "{e}");
    let e = bad(r#""threshold": 50"#, r#""treshold": 50"#);
    assert!(e.contains("khóa lạ «treshold»"), "{e}");
    let e = bad(r#""group": "B", "max": 40"#, r#""group": "B", "max": 30"#);
    assert!(
        e.contains("Nhóm B: tổng điểm tối đa các chỉ tiêu là 30"),
        "{e}"
    );
    let e = bad(r#""zero": "na""#, r#""zero": "half""#);
    assert!(e.contains("quy tắc mẫu số 0 «half»"), "{e}");
    let e = bad(r#""group": "B", "max": 40"#, r#""group": "C", "max": 40"#);
    assert!(e.contains("nhóm «C» không có"), "{e}");
    let e = bad(
        r#""inputs": [{"numerator": "x", "denominator": "y"}]"#,
        r#""inputs": []"#,
    );
    assert!(e.contains("cần ít nhất một cặp tử số/mẫu số"), "{e}");
    let e = Methodology::from_json("{not json").unwrap_err();
    assert!(e.starts_with("Tệp phương pháp tính không hợp lệ"), "{e}");
    let e = Methodology::load("qd766-2030").unwrap_err();
    assert!(e.contains("có sẵn: qd766-portal, qd766-2022"), "{e}");
    // a composite whose terms cannot reach the maximum
    let comp = CUSTOM.replacen(
        r#""rule": "linear", "zero": "na",
     "inputs": [{"numerator": "on", "denominator": "all"}]"#,
        r#""rule": {"kind": "composite", "terms": [{"key": "P", "weight": 50, "inputs": [{"numerator": "on", "denominator": "all"}]}]}"#,
        1,
    );
    let e = Methodology::from_json(&comp).unwrap_err();
    assert!(e.contains("chỉ đạt tối đa 50 điểm"), "{e}");
    // the builder refuses a bad methodology up front
    let e = IndexBuilder::new(IndexOptions {
        methodology: Some(CUSTOM.replacen("\"linear\"", "\"bogus\"", 1)),
        ..Default::default()
    })
    .err()
    .unwrap();
    assert!(e.contains("«bogus»"), "{e}");
}
