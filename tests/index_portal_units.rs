//! The six group files of the national portal for a month and for a year, for the province and
//! several units, written here in the portal's shapes (domain.md §1.4) with the portal's group
//! scores: every unit's total over the six files equals the sum of the portal's group scores,
//! no indicator the portal scores per unit is taken as out of scope, and every recomputed
//! indicator agrees with the portal's. The payment composite's rounding order, case by case;
//! former indicator ids; «chưa kiểm chứng» where a rule part has no source.

use serde_json::{json, Value};
use tthc_analytics::index::score::{EntityScore, IndicatorScore, State};
use tthc_analytics::index::{build, IndexBuilder, IndexOptions, IndexReport, ManualEntry};

/// Rounded to 2 decimals as the portal publishes (half away from zero).
fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn ratio(n: f64, d: f64) -> f64 {
    if d > 0.0 {
        n / d
    } else {
        0.0
    }
}

/// A small deterministic generator (no randomness crate: the figures must not move).
struct Gen(u64);

impl Gen {
    fn next(&mut self, lo: u64, hi: u64) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (lo + (self.0 >> 33) % (hi - lo + 1)) as f64
    }
}

/// One record: the province (`parent` / `overview`) or a unit.
struct Who {
    name: &'static str,
    code: &'static str,
    level: &'static str,
    /// The portal's CLGQ score for this record (its formula is unknown, domain.md §6 item 3).
    clgq: f64,
    /// Dossiers received in the period (0: a unit with nothing, every 0/0 case).
    received: u64,
}

const WHO: [Who; 6] = [
    Who {
        name: "UBND tỉnh Bình Thuận",
        code: "H12",
        level: "PROVINCE",
        clgq: 8.83,
        received: 9000,
    },
    Who {
        name: "Văn phòng UBND Tỉnh - Tỉnh Bình Thuận",
        code: "H12.01",
        level: "PROVINCE",
        clgq: 0.0,
        received: 0,
    },
    Who {
        name: "Sở Tư pháp - Tỉnh Bình Thuận",
        code: "H12.20",
        level: "PROVINCE",
        clgq: 7.09,
        received: 1200,
    },
    Who {
        name: "UBND Phường Phú Thủy",
        code: "H12.100",
        level: "COMMUNE",
        clgq: 6.41,
        received: 2900,
    },
    Who {
        name: "UBND xã Hàm Hiệp",
        code: "H12.101",
        level: "COMMUNE",
        clgq: 6.2,
        received: 800,
    },
    Who {
        name: "UBND xã Tân Thành - Tỉnh Bình Thuận",
        code: "H12.102",
        level: "COMMUNE",
        clgq: 6.32,
        received: 450,
    },
];

/// The period: `(request, label, scale)`: a year has about twelve times a month's dossiers.
fn periods() -> [(Value, &'static str, u64); 2] {
    [
        (
            json!({"timeType": "month", "year": 2026, "month": 8}),
            "tháng 08/2026",
            1,
        ),
        (json!({"timeType": "year", "year": 2026}), "năm 2026", 12),
    ]
}

fn head(w: &Who) -> Value {
    json!({"departmentName": w.name, "departmentCode": w.code, "level": w.level,
           "departmentLevel": w.level, "scoreDelta": null})
}

/// A metric as the portal writes it: a null score for 0/0 where the portal leaves it blank.
fn metric(code: &str, n: Option<f64>, d: Option<f64>, max: f64, score: Option<f64>) -> Value {
    json!({"code": code, "name": code, "numerator": n, "denominator": d,
           "ratio": n.zip(d).map(|(n, d)| r2(100.0 * ratio(n, d))), "score": score, "maxScore": max})
}

/// `max × n / d` (capped at max when `cap`), null for 0/0.
fn lin(code: &str, n: f64, d: f64, max: f64, threshold: f64) -> Value {
    let s = (d > 0.0).then(|| r2((max * n / d / threshold).min(max)));
    metric(code, Some(n), Some(d), max, s)
}

fn sum_scores(metrics: &[Value]) -> f64 {
    r2(metrics.iter().filter_map(|m| m["score"].as_f64()).sum())
}

/// One record of each of the six files, and the portal's six group scores for it.
fn record(w: &Who, g: &mut Gen, scale: u64) -> ([Value; 6], [f64; 6]) {
    let rec = (w.received * scale) as f64;
    let part = |g: &mut Gen, lo: u64, hi: u64| {
        if rec > 0.0 {
            (rec * g.next(lo, hi) / 100.0).round()
        } else {
            0.0
        }
    };
    // transparency: publication counts are the province's; units get them too (the portal does)
    let (pub_d, upd_d) = (g.next(20, 40), g.next(10, 30));
    let ckmb = vec![
        lin(
            "PUBLISH_ON_TIME",
            (pub_d - g.next(0, 5)).max(0.0),
            pub_d,
            6.0,
            1.0,
        ),
        lin(
            "PUBLIC_UPDATE_ON_TIME",
            (upd_d - g.next(0, 4)).max(0.0),
            upd_d,
            4.0,
            1.0,
        ),
        lin("PUBLIC_CONTENT_FULL", 87.0, 89.0, 2.0, 1.0),
        lin("DOSSIER_SYNC", part(g, 95, 100), rec, 6.0, 1.0),
    ];
    let ckmb_score = sum_scores(&ckmb);
    let on_time = part(g, 60, 98);
    let tdgq_score = if rec > 0.0 {
        r2(20.0 * on_time / rec)
    } else {
        0.0
    };
    let tdgq = json!({"totalReceived": rec, "totalOnTime": on_time, "totalOverdue": rec - on_time,
                      "ratio": r2(tdgq_score * 5.0), "score": tdgq_score, "maxScore": 20});
    let clgq = json!({"totalScore": w.clgq, "totalMaxScore": 12, "ratio": r2(w.clgq / 0.12)});
    let (tttt, tttt_score) = payment(g, rec);
    let sat = vec![
        metric(
            "PETITION_CLASSIFICATION_TTHC",
            Some(3.0),
            Some(5.0),
            0.0,
            None,
        ),
        lin(
            "DOSSIER_RECEIVING_SATISFACTION",
            part(g, 70, 99),
            rec,
            6.0,
            0.9,
        ),
        petition("PETITION_PROCESSING_ON_TIME", g, w.received > 1000),
        petition("PETITION_HANDLING_SATISFACTION", g, w.received > 1000),
    ];
    let mdhl_score = sum_scores(&sat);
    let dig = vec![
        lin("ORIGINAL_RESULT_AVAILABLE", part(g, 50, 95), rec, 6.0, 1.0),
        lin("SO_HOA_GIAY_TO_GIAI_QUYET", part(g, 5, 80), rec, 4.0, 1.0),
        lin("REUSED_DIGITIZED_DATA", part(g, 0, 5), rec, 2.0, 0.8),
        lin("SYNCED_WITH_DVCQG_PERSONAL_STORAGE", 0.0, rec, 4.0, 1.0),
        lin(
            "CITIZEN_DATA_CONNECTED_DOSSIER",
            part(g, 30, 100),
            rec,
            2.0,
            1.0,
        ),
        lin(
            "CITIZEN_DATA_CONNECTED_FORMALITY",
            g.next(5, 60),
            385.0,
            2.0,
            1.0,
        ),
        metric("ELECTRONIC_CERTIFIED_COPY", None, None, 2.0, Some(2.0)),
    ];
    let mdsh_score = sum_scores(&dig);
    let with = |extra: Value| {
        let mut o = head(w);
        o.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        o
    };
    let metrics = |m: Vec<Value>, s: f64, max: f64| {
        with(json!({"metrics": m, "totalScore": s, "totalMaxScore": max}))
    };
    (
        [
            metrics(ckmb, ckmb_score, 18.0),
            with(tdgq),
            with(clgq),
            with(tttt),
            metrics(sat, mdhl_score, 18.0),
            metrics(dig, mdsh_score, 22.0),
        ],
        [
            ckmb_score, tdgq_score, w.clgq, tttt_score, mdhl_score, mdsh_score,
        ],
    )
}

/// A petition metric: 0/0 gives 6 (nothing to handle).
fn petition(code: &str, g: &mut Gen, some: bool) -> Value {
    if some {
        let d = g.next(5, 40);
        lin(code, (d - g.next(0, 5)).max(0.0), d, 6.0, 1.0)
    } else {
        metric(code, Some(0.0), Some(0.0), 6.0, Some(6.0))
    }
}

/// The payment record: 6A + min(2; 2,5B) + 2,5C, each term rounded before the sum.
fn payment(g: &mut Gen, rec: f64) -> (Value, f64) {
    let oblig = (rec * g.next(20, 60) / 100.0).round();
    let paid = (oblig * g.next(50, 99) / 100.0).round();
    let fee = g.next(30, 38);
    let (form_paid, fee_dossier) = (g.next(5, 15), g.next(3, 11));
    let terms = [
        6.0 * ratio(paid, oblig),
        (2.5 * ratio(form_paid, fee)).min(2.0),
        2.5 * ratio(fee_dossier, fee),
    ];
    let score = r2(terms.iter().map(|t| r2(*t)).sum());
    (
        json!({"totalDossierOnlinePaymentSuccess": paid, "totalDossierFinancialObligation": oblig,
            "totalDossierOnlineFormalityPaymentSuccess": form_paid, "totalFeeDossierFormalityDistinct": fee,
            "totalFeeDossierFormality": fee_dossier, "totalFeeFormality": fee, "ratio": r2(score * 10.0),
            "totalScore": score, "totalMaxScore": 10}),
        score,
    )
}

const FILES: [(&str, bool); 6] = [
    ("transparency", false),
    ("dvc-progress-tree", true),
    ("provide-online-tree", true),
    ("formality-online-payment-tree", true),
    ("handling-satisfaction", false),
    ("dossier-digitized", false),
];

/// A record's name and the portal's six group scores for it.
type Expected = (&'static str, [f64; 6]);

/// The payment terms (numerator, denominator of A, B, C).
type Terms = [(f64, f64); 3];

/// The six files of a period (`(name, JSON text)`) and each record's six group scores.
fn six_files(request: &Value, scale: u64) -> (Vec<(String, String)>, Vec<Expected>) {
    let mut g = Gen(scale * 7919);
    let recs: Vec<([Value; 6], [f64; 6])> = WHO.iter().map(|w| record(w, &mut g, scale)).collect();
    let files = FILES
        .iter()
        .enumerate()
        .map(|(k, (name, tree))| {
            let mut first = recs[0].0[k].clone();
            if *name == "provide-online-tree" {
                // the parent carries the raw parameters, the children only their scores
                let params = json!({"authorityCount": 56, "partialCount": 31, "fullCount": 21,
                    "onlineDossierCount": 406, "onlineServiceTotal": 1968, "channelOnlineSum": 150956,
                    "channelDirectSum": 1639, "channelPostalSum": 0, "channelTotalSum": 152595});
                first.as_object_mut().unwrap().extend(params.as_object().unwrap().clone());
            }
            let rest: Vec<Value> = recs[1..].iter().map(|r| r.0[k].clone()).collect();
            let data = if *tree { json!({"parent": first, "children": rest}) } else { json!({"overview": first, "evaluation": rest}) };
            let text = json!({"code": "OK", "message": null, "request": request, "data": data}).to_string();
            (format!("{name}.json"), text)
        })
        .collect();
    (
        files,
        WHO.iter().zip(recs).map(|(w, r)| (w.name, r.1)).collect(),
    )
}

fn run(files: &[(String, String)]) -> IndexReport {
    let f: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    build(IndexOptions::default(), &f).unwrap()
}

fn entity<'a>(r: &'a IndexReport, name: &str) -> &'a EntityScore {
    if r.province.as_ref().is_some_and(|p| p.name == name) {
        return r.province.as_ref().unwrap();
    }
    r.units
        .iter()
        .find(|u| u.name == name)
        .unwrap_or_else(|| panic!("{name}"))
}

fn ind<'a>(e: &'a EntityScore, id: &str) -> &'a IndicatorScore {
    e.indicators.iter().find(|i| i.id == id).unwrap()
}

#[test]
fn each_total_is_the_sum_of_the_portal_group_scores_for_a_month_and_a_year() {
    for (request, label, scale) in periods() {
        let (files, expected) = six_files(&request, scale);
        let r = run(&files);
        assert!(
            r.files.iter().all(|f| f.period.as_deref() == Some(label)),
            "{:?}",
            r.files
        );
        assert_eq!(r.units.len(), WHO.len() - 1);
        for (name, groups) in &expected {
            let e = entity(&r, name);
            let want: f64 = groups.iter().sum();
            let total = e.total.unwrap();
            assert!(
                (total - want).abs() <= 0.05,
                "{label}, {name}: {total} ≠ {want}"
            );
            assert!(e.complete, "{label}, {name}");
            // the portal's own CLGQ score of each unit (e.g. a ward at 6,41/12), not 12
            assert_eq!(e.groups.get("CLGQ"), Some(groups[2]), "{label}, {name}");
            assert_eq!(ind(e, "3.3").state, State::Portal, "{label}, {name}");
            // nothing the portal scores per unit is out of scope, nothing is missing
            for i in &e.indicators {
                assert!(
                    !matches!(i.state, State::OutOfScope | State::Missing),
                    "{label}, {name}, {}: {:?}",
                    i.id,
                    i.state
                );
            }
            // every recomputed indicator and group agrees with the portal's
            assert_eq!(e.mismatches, 0, "{label}, {name}: {:?}", e.group_details);
            for (gd, want) in e.group_details.iter().zip(groups) {
                assert!(
                    (gd.recomputed.unwrap() - want).abs() <= 0.011,
                    "{label}, {name}, {}: {:?} ≠ {want}",
                    gd.code,
                    gd.recomputed
                );
            }
        }
    }
}

#[test]
fn a_ward_s_online_services_score_is_its_own() {
    let (files, _) = six_files(&periods()[0].0, 1);
    let r = run(&files);
    let ward = entity(&r, "UBND Phường Phú Thủy");
    let c = ind(ward, "3.3");
    assert_eq!(
        (c.state, c.points, c.portal_points),
        (State::Portal, Some(6.41), Some(6.41))
    );
    assert!(
        c.unverified.is_empty(),
        "the portal's points rely on no rule of ours"
    );
    // the file alone, without the parent's raw parameters: the file's name tells the group
    let only = &files[2].1;
    let v: Value = serde_json::from_str(only).unwrap();
    let children = json!({"code": "OK", "data": {"children": v["data"]["children"]}}).to_string();
    let r = build(
        IndexOptions::default(),
        &[("provide-online-tree-2026-08.json", children.as_bytes())],
    )
    .unwrap();
    let ward = entity(&r, "UBND Phường Phú Thủy");
    assert_eq!(ward.groups.get("CLGQ"), Some(6.41));
}

/// A manual entry of the payment composite's three terms (province).
fn pay(t: Terms) -> Vec<ManualEntry> {
    ["A", "B", "C"]
        .iter()
        .zip(t)
        .map(|(k, (n, d))| ManualEntry {
            unit: None,
            indicator: "3.6".into(),
            term: Some((*k).into()),
            numerator: Some(n),
            denominator: Some(d),
            points: None,
            note: None,
        })
        .collect()
}

fn with_manual(m: &str, entries: Vec<ManualEntry>) -> IndexReport {
    let mut b = IndexBuilder::new(IndexOptions {
        methodology: Some(m.into()),
        ..Default::default()
    })
    .unwrap();
    b.set_manual(entries);
    b.finish()
}

#[test]
fn payment_terms_are_rounded_before_the_sum() {
    // (A, B, C as numerator/denominator, the portal's score, the sum rounded once): the first
    // three from a portal capture (ChippedTopaz/qd766 tests/fixtures/formality-online-payment-
    // tree/month-all.json), where rounding the sum once is 0,01 away
    let cases: [(Terms, f64, f64); 5] = [
        ([(1491.0, 1651.0), (7.0, 31.0), (6.0, 31.0)], 6.46, 6.47),
        ([(771.0, 906.0), (7.0, 32.0), (5.0, 32.0)], 6.05, 6.04),
        ([(264.0, 325.0), (14.0, 38.0), (6.0, 38.0)], 6.18, 6.19),
        // 5,7 + 0,7353 + 0,5882 = 7,0235 → 7,02 once; 5,7 + 0,74 + 0,59 = 7,03 term by term
        ([(19.0, 20.0), (10.0, 34.0), (8.0, 34.0)], 7.03, 7.02),
        // the orders agree here
        ([(1516.0, 1707.0), (12.0, 35.0), (7.0, 35.0)], 6.69, 6.69),
    ];
    // the same methodology with the other order
    let json_sum = include_str!("../src/index/methodologies/qd766-portal.json")
        .replace("\"rounding\": \"terms\"", "\"rounding\": \"sum\"");
    assert_ne!(
        json_sum,
        include_str!("../src/index/methodologies/qd766-portal.json")
    );
    for (t, by_terms, by_sum) in cases {
        let r = with_manual("qd766-portal", pay(t));
        let i = ind(r.province.as_ref().unwrap(), "3.6");
        assert_eq!(i.points, Some(by_terms), "{t:?}");
        let r = with_manual(&json_sum, pay(t));
        let i = ind(r.province.as_ref().unwrap(), "3.6");
        assert_eq!(i.points, Some(by_sum), "{t:?}, rounding «sum»");
    }
}

#[test]
fn former_ids_still_name_their_indicators() {
    let m = tthc_analytics::index::Methodology::builtin("qd766-portal").unwrap();
    for (old, new) in [
        ("3.1", "3.3"),
        ("5.1", "5.4"),
        ("6.1", "4.1"),
        ("6.2", "4.2"),
        ("6.3", "4.6"),
        ("6.4", "4.3"),
        ("6.5", "4.4"),
        ("6.6", "4.5b"),
        ("6.7", "4.5a"),
    ] {
        assert_eq!(m.find_indicator(old).unwrap().id, new, "{old}");
    }
    // «4.1» is now the electronic results indicator; with a term it is the payment composite
    assert_eq!(m.find_indicator("4.1").unwrap().id, "4.1");
    assert_eq!(m.find_entry_indicator("4.1", Some("B")).unwrap().id, "3.6");
    // a manual entry for a unit under a former id, and a plain «4.1» warned about
    let entries = vec![
        ManualEntry {
            unit: Some("UBND xã Hàm Hiệp".into()),
            indicator: "6.6".into(),
            term: None,
            numerator: Some(1.0),
            denominator: Some(2.0),
            points: None,
            note: None,
        },
        ManualEntry {
            unit: None,
            indicator: "4.1".into(),
            term: None,
            numerator: None,
            denominator: None,
            points: Some(5.5),
            note: None,
        },
    ];
    let r = with_manual("qd766-portal", entries);
    let u = entity(&r, "UBND xã Hàm Hiệp");
    assert_eq!(ind(u, "4.5b").points, Some(1.0));
    assert_eq!(ind(r.province.as_ref().unwrap(), "4.1").points, Some(5.5));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("«4.1» được hiểu là chỉ tiêu 4.1") && w.contains("3.6")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn out_of_scope_and_unverified_rules_are_said() {
    // a unit with only its progress: 1.2 and 1.3 are province-only (full points, marked), the
    // rest of the transparency group has no data
    let tree = r#"{"code":"OK","data":{"children":[{"departmentName":"UBND xã Hàm Hiệp","level":"COMMUNE",
        "totalReceived":0,"totalOnTime":0,"score":0,"maxScore":20}]}}"#;
    let r = build(
        IndexOptions::default(),
        &[("dvc-progress-tree.json", tree.as_bytes())],
    )
    .unwrap();
    let u = entity(&r, "UBND xã Hàm Hiệp");
    for id in ["1.2", "1.3"] {
        let i = ind(u, id);
        assert_eq!(i.state, State::OutOfScope, "{id}");
        assert_eq!(i.unverified, vec!["phạm vi áp dụng".to_string()], "{id}");
    }
    assert_eq!(ind(u, "1.1").state, State::Missing);
    // 2.1 with nothing received: 0 points by a sourced zero rule, nothing unverified
    let p = ind(u, "2.1");
    assert_eq!((p.state, p.points), (State::ZeroDenominator, Some(0.0)));
    assert!(p.unverified.is_empty());
    // the methodology says which parts are unverified, with their evidence
    let info = |id: &str| {
        r.methodology
            .indicators
            .iter()
            .find(|i| i.id == id)
            .unwrap()
    };
    assert!(info("3.6")
        .unverified
        .contains(&"mức trần điểm".to_string()));
    assert!(!info("3.6")
        .unverified
        .contains(&"thứ tự làm tròn".to_string()));
    assert!(info("2.1")
        .checks
        .iter()
        .any(|c| c.part == "zero" && c.verified && c.source.contains("dvc-progress-tree")));
    assert_eq!(info("3.6").aliases, vec!["4.1".to_string()]);
    // the CLI text says it too
    let text = tthc_analytics::index::output::text(&r);
    assert!(text.contains("Quy tắc chưa kiểm chứng"), "{text}");
    assert!(
        text.contains("3.6   Thanh toán trực tuyến: 6A + min(2; 2,5B) + 2,5C: mức trần điểm"),
        "{text}"
    );
    // … and on the line of a score that relies on it
    let r = with_manual("qd766-portal", pay([(1.0, 1.0), (1.0, 1.0), (1.0, 1.0)]));
    let text = tthc_analytics::index::output::text(&r);
    assert!(
        text.contains("[nhập tay; chưa kiểm chứng: mức trần điểm]"),
        "{text}"
    );
}
