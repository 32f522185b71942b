//! Portal-shaped JSON written here (both evaluation shapes and the province ranking
//! `service-results`), loaded, recomputed, compared with the portal's published points; files of
//! several groups combining into one picture; `null` is not 0; bad input never panics.

use tthc_analytics::index::score::{EntityScore, IndicatorScore, State};
use tthc_analytics::index::{build, IndexBuilder, IndexOptions, IndexReport};

/// dvc-progress-tree, parent/children shape (values after the Phú Thọ 08/2026 capture [S8]).
/// «Sở Công Thương» carries a wrong published score (17 instead of 13,78); «Sở Ngoại vụ» a null
/// totalOnTime.
const PROGRESS: &str = r#"{"code":"OK","data":{
  "parent":{"departmentId":"p","departmentName":"UBND tỉnh Phú Thọ","departmentCode":"H44",
    "totalReceived":184513,"totalOnTime":144625,"totalCompleted":147765,"avgProcessingDays":7.05,
    "ratio":78.38,"totalScore":15.68,"totalMaxScore":20},
  "children":[
    {"departmentId":"a","departmentName":"Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ","departmentCode":"H44.03",
     "level":"PROVINCE","totalReceived":588,"totalOnTime":486,"totalOverdue":102,"ratio":82.65,"score":16.53,"maxScore":20,"scoreDelta":null},
    {"departmentId":"b","departmentName":"Sở Công Thương - Tỉnh Phú Thọ","departmentCode":"H44.07",
     "level":"PROVINCE","totalReceived":482,"totalOnTime":332,"totalOverdue":150,"ratio":68.88,"score":17,"maxScore":20,"scoreDelta":null},
    {"departmentId":"c","departmentName":"Sở Ngoại vụ - Tỉnh Phú Thọ","departmentCode":"H44.13",
     "level":"PROVINCE","totalReceived":2,"totalOnTime":null,"totalOverdue":2,"ratio":0,"score":0,"maxScore":20,"scoreDelta":null},
    {"departmentId":"d","departmentName":"UBND xã Xuân Lũng","departmentCode":"H44.105",
     "level":"COMMUNE","totalReceived":1038,"totalOnTime":939,"totalOverdue":99,"ratio":90.46,"score":18.09,"maxScore":20,"scoreDelta":null}
  ]},"message":null}"#;

/// formality-online-payment-tree: parent and children use totalScore/totalMaxScore.
const PAYMENT: &str = r#"{"code":"OK","data":{
  "parent":{"departmentName":"UBND tỉnh Phú Thọ","departmentCode":"H44","totalMaxScore":10,"totalScore":6.25,
    "totalDossierOnlinePaymentSuccess":82913,"totalDossierFinancialObligation":98459,
    "totalDossierOnlineFormalityPaymentSuccess":93,"totalFeeDossierFormalityDistinct":310,
    "totalFeeDossierFormality":56,"totalFeeFormality":310,"ratio":62.5},
  "children":[
    {"departmentName":"Sở Công Thương - Tỉnh Phú Thọ","level":"PROVINCE","totalMaxScore":10,"ratio":80,"totalScore":8,
     "totalDossierOnlinePaymentSuccess":44,"totalDossierFinancialObligation":44,"totalDossierOnlineFormalityPaymentSuccess":7,
     "totalFeeDossierFormalityDistinct":8,"totalFeeDossierFormality":0,"totalFeeFormality":8,"scoreDelta":null},
    {"departmentName":"Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ","level":"PROVINCE","totalMaxScore":10,"ratio":76.7,"totalScore":7.67,
     "totalDossierOnlinePaymentSuccess":7,"totalDossierFinancialObligation":7,"totalDossierOnlineFormalityPaymentSuccess":2,
     "totalFeeDossierFormalityDistinct":3,"totalFeeDossierFormality":0,"totalFeeFormality":3,"scoreDelta":null}
  ]}}"#;

/// handling-satisfaction, overview/evaluation/metrics shape. The commune's
/// DOSSIER_RECEIVING_SATISFACTION has a null numerator.
const SATISFACTION: &str = r#"{"code":"OK","data":{
  "overview":{"departmentName":"UBND tỉnh Phú Thọ","departmentLevel":"PROVINCE","totalScore":12.97,"totalMaxScore":18,"ratio":72.06,
    "metrics":[
      {"code":"PETITION_CLASSIFICATION_TTHC","name":"Tỷ lệ PAKN về quy định, thủ tục hành chính","numerator":179,"denominator":247,"ratio":72.47,"score":null,"maxScore":0},
      {"code":"DOSSIER_RECEIVING_SATISFACTION","name":"Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC","numerator":144574,"denominator":184513,"ratio":78.35,"score":5.22,"maxScore":6},
      {"code":"PETITION_PROCESSING_ON_TIME","name":"Tỷ lệ PAKN xử lý đúng hạn","numerator":182,"denominator":247,"ratio":73.68,"score":4.42,"maxScore":6},
      {"code":"PETITION_HANDLING_SATISFACTION","name":"Tỷ lệ hài lòng trong xử lý PAKN","numerator":137,"denominator":247,"ratio":55.47,"score":3.33,"maxScore":6}]},
  "evaluation":[
    {"departmentName":"Sở Công Thương - Tỉnh Phú Thọ","departmentLevel":"PROVINCE","totalScore":16.59,"totalMaxScore":18,
     "metrics":[
      {"code":"DOSSIER_RECEIVING_SATISFACTION","numerator":332,"denominator":482,"ratio":68.88,"score":4.59,"maxScore":6},
      {"code":"PETITION_PROCESSING_ON_TIME","numerator":0,"denominator":0,"ratio":0,"score":6,"maxScore":6},
      {"code":"PETITION_HANDLING_SATISFACTION","numerator":0,"denominator":0,"ratio":0,"score":6,"maxScore":6}]},
    {"departmentName":"UBND xã Xuân Lũng","departmentLevel":"COMMUNE","totalScore":18,"totalMaxScore":18,
     "metrics":[
      {"code":"DOSSIER_RECEIVING_SATISFACTION","numerator":null,"denominator":1038,"ratio":90.46,"score":6,"maxScore":6},
      {"code":"PETITION_PROCESSING_ON_TIME","numerator":0,"denominator":0,"ratio":0,"score":6,"maxScore":6},
      {"code":"PETITION_HANDLING_SATISFACTION","numerator":0,"denominator":0,"ratio":0,"score":6,"maxScore":6,
       "dataQualityStatus":"TEMP_NATIONAL_REPORT_DENOMINATOR","dataQualityMessage":"Mẫu số tạm tính"}]}
  ]}}"#;

/// service-results: the province ranking; the period is the file name's.
const SERVICE_RESULTS: &str = r#"{"code":"OK","data":{"evaluation":[
  {"departmentId":"1","departmentName":"Tỉnh Phú Thọ","departmentCode":"H44","totalScore":80.5,"scoreDelta":2.25,
   "groupScores":{"CKMB":16.1,"TDGQ":15.68,"CLGQ":10.2,"TTTT":6.25,"MDHL":12.97,"MDSH":19.3}},
  {"departmentId":"2","departmentName":"Tỉnh Lào Cai","totalScore":82.1,"scoreDelta":null,
   "groupScores":{"CKMB":17,"TDGQ":16,"CLGQ":11,"TTTT":7,"MDHL":13,"MDSH":18.1}},
  {"departmentId":"3","departmentName":"Tỉnh Yên Bái","totalScore":80.5,"scoreDelta":-1,
   "groupScores":{"CKMB":15,"TDGQ":16,"CLGQ":10,"TTTT":7,"MDHL":13,"MDSH":19.5}},
  {"departmentId":"4","departmentName":"Tỉnh Tuyên Quang","totalScore":79.99,"scoreDelta":0.5,"groupScores":{}}
]}}"#;

fn all() -> IndexReport {
    build(
        IndexOptions {
            focus: Some("Phú Thọ".into()),
            ..Default::default()
        },
        &[
            ("dvc-progress-tree-2026-08.json", PROGRESS.as_bytes()),
            (
                "formality-online-payment-tree-2026-08.json",
                PAYMENT.as_bytes(),
            ),
            (
                "handling-satisfaction-2026-08.json",
                SATISFACTION.as_bytes(),
            ),
            ("service-results-2026-08.json", SERVICE_RESULTS.as_bytes()),
        ],
    )
    .unwrap()
}

fn unit<'a>(r: &'a IndexReport, name: &str) -> &'a EntityScore {
    r.units.iter().find(|u| u.name.starts_with(name)).unwrap()
}

fn ind<'a>(e: &'a EntityScore, id: &str) -> &'a IndicatorScore {
    e.indicators.iter().find(|i| i.id == id).unwrap()
}

#[test]
fn shapes_are_recognised() {
    let r = all();
    let kinds: Vec<(&str, &str, Option<&str>)> = r
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.kind.as_str(), f.period.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (
                "dvc-progress-tree-2026-08.json",
                "portal_tree",
                Some("tháng 08/2026")
            ),
            (
                "formality-online-payment-tree-2026-08.json",
                "portal_tree",
                Some("tháng 08/2026")
            ),
            (
                "handling-satisfaction-2026-08.json",
                "portal_metrics",
                Some("tháng 08/2026")
            ),
            (
                "service-results-2026-08.json",
                "portal_ranking",
                Some("tháng 08/2026")
            ),
        ]
    );
    assert_eq!(r.files[0].records, 5);
    assert!(r.files.iter().all(|f| f.error.is_none()));
}

#[test]
fn province_recomputed_beside_the_portal() {
    let r = all();
    let p = r.province.as_ref().unwrap();
    assert_eq!(p.name, "UBND tỉnh Phú Thọ");
    // progress: 20 × 144.625 / 184.513 = 15,676 → 15,68 = portal
    let t = ind(p, "2.1");
    assert_eq!(
        (t.points, t.portal_points, t.mismatch),
        (Some(15.68), Some(15.68), false)
    );
    assert!(t
        .source
        .as_deref()
        .unwrap()
        .contains("dvc-progress-tree-2026-08.json"));
    assert!(!t.manual);
    // payment: 6,25 both ways
    let pay = ind(p, "3.6");
    assert_eq!(
        (pay.points, pay.portal_points, pay.mismatch),
        (Some(6.25), Some(6.25), false)
    );
    // satisfaction metrics and the group total 12,97
    assert_eq!(ind(p, "5.4").portal_points, Some(5.22));
    let g = p.group_details.iter().find(|g| g.code == "MDHL").unwrap();
    assert_eq!(
        (g.points, g.portal_points, g.mismatch),
        (Some(12.97), Some(12.97), false)
    );
    // three groups known, three with no data: a provisional total
    assert_eq!(p.groups.get("TDGQ"), Some(15.68));
    assert_eq!(p.groups.get("TTTT"), Some(6.25));
    assert_eq!(p.groups.get("CKMB"), None);
    assert_eq!(p.total, Some(34.9)); // 15,68 + 6,25 + 12,97
    assert!(!p.complete);
    assert_eq!(p.missing, 4 + 1 + 7);
    assert_eq!(p.mismatches, 0);
}

#[test]
fn units_combine_across_files_and_mismatches_are_flagged() {
    let r = all();
    // the portal appends « - Tỉnh Phú Thọ»; the same unit in three files is one unit
    assert_eq!(r.units.len(), 4);
    let cong_thuong = unit(&r, "Sở Công Thương");
    let t = ind(cong_thuong, "2.1");
    // 20 × 332 / 482 = 13,776 → 13,78, but the file says 17
    assert_eq!(
        (t.points, t.portal_points, t.mismatch),
        (Some(13.78), Some(17.0), true)
    );
    let g = cong_thuong
        .group_details
        .iter()
        .find(|g| g.code == "TDGQ")
        .unwrap();
    assert!(g.mismatch);
    assert_eq!(ind(cong_thuong, "3.6").points, Some(8.0));
    assert_eq!(ind(cong_thuong, "5.4").points, Some(4.59)); // 6 × 68,88 / 90 = 4,592
    assert_eq!(ind(cong_thuong, "5.2").points, Some(6.0)); // nothing to handle: full
    assert_eq!(cong_thuong.level.as_deref(), Some("province"));
    assert!(
        r.warnings.iter().any(|w| w.contains("lệch quá 0,01")),
        "{:?}",
        r.warnings
    );

    // null ≠ 0: Sở Ngoại vụ's null on-time count is no data; the portal's 0 is shown as such
    let nv = unit(&r, "Sở Ngoại vụ");
    let t = ind(nv, "2.1");
    assert_eq!(
        (t.state, t.points, t.numerator),
        (State::Portal, Some(0.0), None)
    );
    assert!(!t.mismatch);
    // … and the commune's null satisfaction numerator: the portal's 6 is used, not recomputed
    let xl = unit(&r, "UBND xã Xuân Lũng");
    let s = ind(xl, "5.4");
    assert_eq!((s.state, s.points), (State::Portal, Some(6.0)));
    assert_eq!(xl.level.as_deref(), Some("commune"));
    assert_eq!(ind(xl, "2.1").points, Some(18.09));
    // a province-only indicator is full points for a unit, marked as such
    let c = ind(xl, "3.3");
    assert_eq!((c.state, c.points), (State::OutOfScope, Some(12.0)));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("TEMP_NATIONAL_REPORT_DENOMINATOR")));
    // units ranked on their (provisional) totals
    let ranks: Vec<(String, Option<u32>)> =
        r.units.iter().map(|u| (u.name.clone(), u.rank)).collect();
    assert_eq!(ranks[0].1, Some(1));
    assert!(r.units.windows(2).all(|w| w[0].total >= w[1].total));
}

#[test]
fn service_results_rank_the_provinces() {
    let r = all();
    let rows: Vec<(&str, f64, u32, u32)> = r
        .ranking
        .iter()
        .map(|x| (x.name.as_str(), x.score, x.rank, x.of))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Tỉnh Lào Cai", 82.1, 1, 4),
            ("Tỉnh Phú Thọ", 80.5, 2, 4),
            ("Tỉnh Yên Bái", 80.5, 2, 4),
            ("Tỉnh Tuyên Quang", 79.99, 4, 4),
        ]
    );
    let pt = &r.ranking[1];
    assert!(pt.focus);
    assert_eq!(pt.groups.get("MDSH"), Some(19.3));
    assert_eq!(pt.period, "tháng 08/2026");
    // one period: the comparison uses the portal's scoreDelta (previous rank unknown)
    let c = r.comparison.as_ref().unwrap();
    assert_eq!(c.before.score, 78.25);
    assert_eq!(c.before.rank, None);
    assert_eq!(
        c.text,
        "80,50 điểm (tăng 2,25 điểm), xếp hạng 2/4; kỳ trước: 78,25 điểm"
    );
    // after 1/7/2025 there are 34 provinces; a table of 4 rows is not taken for a full table
    assert_eq!(r.periods[0].provinces_expected, Some(34));
}

#[test]
fn period_from_the_request_and_envelope_errors() {
    let with_request = format!(
        r#"{{"request":{{"timeType":"quarter","year":2024,"quarter":1}},"code":"OK","data":{}}}"#,
        &SERVICE_RESULTS[SERVICE_RESULTS.find("{\"evaluation").unwrap()..SERVICE_RESULTS.len() - 1]
    );
    let error = r#"{"code":"ERROR","message":"Phiên làm việc hết hạn","data":null}"#;
    let r = build(
        IndexOptions::default(),
        &[
            ("xep-hang.json", with_request.as_bytes()),
            ("loi.json", error.as_bytes()),
        ],
    )
    .unwrap();
    assert_eq!(r.files[0].period.as_deref(), Some("quý 1/2024"));
    assert_eq!(r.ranking[0].period, "quý 1/2024");
    assert_eq!(
        r.files[1].error.as_deref(),
        Some("Cổng trả về mã «ERROR»: Phiên làm việc hết hạn")
    );
}

#[test]
fn the_2022_methodology_reads_the_same_portal_files() {
    let r = build(
        IndexOptions {
            methodology: Some("qd766-2022".into()),
            ..Default::default()
        },
        &[
            ("payment.json", PAYMENT.as_bytes()),
            ("progress.json", PROGRESS.as_bytes()),
        ],
    )
    .unwrap();
    let p = r.province.as_ref().unwrap();
    // 3.6 = 6 × 82.913 / 98.459 = 5,0527 → 5,05; 3.5 = min(2, 2 × 18,06% / 80%) = 0,45;
    // 3.5b = min(2, 2 × 30% / 80%) = 0,75
    assert_eq!(ind(p, "3.6").points, Some(5.05));
    assert_eq!(ind(p, "3.5").points, Some(0.45));
    assert_eq!(ind(p, "3.5b").points, Some(0.75));
    assert_eq!(ind(p, "2.1").points, Some(15.68));
    // the portal's 10-point payment score belongs to no 2022 group
    let g = p.group_details.iter().find(|g| g.code == "DVTT").unwrap();
    assert_eq!(g.portal_points, None);
}

#[test]
fn bad_input_never_panics() {
    let mut b = IndexBuilder::new(IndexOptions::default()).unwrap();
    let junk: Vec<&[u8]> = vec![
        b"",
        b"   \n",
        b"{",
        b"[1, 2, 3]",
        br#"{"code":"OK","data":{"children":[{"departmentName":"X","totalReceived":"abc","totalOnTime":-5}, 7, null]}}"#,
        br#"{"code":"OK","data":{"evaluation":[{"totalScore":"n/a"},{"departmentName":"Y","totalScore":null}]}}"#,
        br#"{"data":{"overview":{"metrics":[{"numerator":1},{"code":"X","numerator":"1,5","denominator":true}]}}}"#,
        br#"{"groups":[],"indicators":[]}"#,
        br#"[{"indicator":"2.1","numerator":"x"}]"#,
        &[0xff, 0xfe, 0x00, 0xd8, 0x41],
        &[0x80, 0x81, b'\n', b'"', b';', b'"'],
        "Mã TTHC;Công khai\n;\n\"".as_bytes(),
        "Tỉnh;Tổng điểm;Kỳ\nA;abc;01/2024\nB;101;01/2024\nC;50;13/2024\n".as_bytes(),
        "chỉ tiêu;tử số;mẫu số\n2.1;x;3\n9.9;1;2\n".as_bytes(),
    ];
    for (i, j) in junk.iter().enumerate() {
        b.add_file(&format!("rac-{i}"), j);
    }
    let r = b.finish();
    assert!(!r.problems.is_empty());
    assert!(r.files.iter().filter(|f| f.error.is_some()).count() >= 5);
    let codes: Vec<&str> = r.problems.iter().map(|p| p.code.as_str()).collect();
    for c in [
        "bad_json",
        "bad_number",
        "negative",
        "bad_score",
        "bad_period",
        "bad_methodology",
        "bad_manual",
    ] {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }
    // every message is Vietnamese text, not an empty string
    assert!(r.problems.iter().all(|p| !p.message.is_empty()));
    serde_json::to_string(&r).unwrap();
}
