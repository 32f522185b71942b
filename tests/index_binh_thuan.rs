//! The Bình Thuận 2024 figures (domain.md §0) from the built-in sample (`index::sample`, the one
//! generator the page, `tthc sample-index` and the e2e use): a procedure catalogue giving
//! 1.994/1.994 published, 881 online services, 706 integrated (80%); a two-period ranking table
//! of the 63 provinces where Bình Thuận reads exactly «81,61 điểm (tăng 18,76 điểm), xếp hạng
//! 29/63; tháng 01/2024: 62,85 điểm, hạng 53/63»; ties; the what-if by hand; dossiers through
//! the Analyzer; the CLI.

use tthc_analytics::index::{build, IndexBuilder, IndexOptions, IndexReport, ManualEntry};
use tthc_analytics::sample::index as sample;

/// The one generator of the sample (`tthc_analytics::sample::index`), as the page and the CLI
/// use it.
fn catalogue(headers: &str) -> String {
    sample::catalogue_with_headers(headers)
}

const VI_HEADERS: &str = sample::CATALOGUE_HEADERS;
const CAMEL_HEADERS: &str = sample::CATALOGUE_HEADERS_CAMEL;

fn ranking_table() -> String {
    sample::ranking()
}

#[test]
fn catalogue_gives_the_article_figures() {
    for headers in [VI_HEADERS, CAMEL_HEADERS] {
        let csv = catalogue(headers);
        let r = build(IndexOptions::default(), &[("danh-muc.csv", csv.as_bytes())]).unwrap();
        assert_eq!(r.files[0].kind, "catalog", "{headers}");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let c = r.catalog.as_ref().unwrap();
        assert_eq!(c.procedures, 1994);
        assert_eq!(c.published, Some(1994));
        assert_eq!(c.published_rate, Some(100.0));
        assert_eq!(c.online_services, Some(881));
        assert_eq!((c.online_full, c.online_partial), (Some(500), Some(381)));
        assert_eq!(c.integrated, Some(706));
        assert!((c.integrated_rate.unwrap() - 80.136).abs() < 1e-3);
        assert_eq!(c.with_fees, Some(499));
        assert_eq!(c.duplicates, 1);
        assert_eq!(
            c.text,
            "1.994/1.994 TTHC công khai trên CSDL quốc gia về TTHC (100%); 881 dịch vụ công trực tuyến (toàn trình 500, một phần 381), trong đó 706 tích hợp trên Cổng DVCQG (80%); 499 TTHC có phí, lệ phí."
        );
        let levels: Vec<(&str, u64)> = c
            .by_level
            .iter()
            .map(|l| (l.level.as_str(), l.procedures))
            .collect();
        assert_eq!(
            levels,
            vec![("Cấp tỉnh", 665), ("Cấp huyện", 665), ("Cấp xã", 664)]
        );
    }
}

#[test]
fn catalogue_problems_are_located() {
    let csv = format!("{VI_HEADERS}\n1;1.1;A;Cấp tỉnh;Có lẽ;;Mức 9;x;Không\n2;1.2;B;Cấp xã;Có;;Toàn trình;abc;Có\n");
    let r = build(IndexOptions::default(), &[("dm.csv", csv.as_bytes())]).unwrap();
    let found: Vec<(Option<u64>, Option<&str>, Option<&str>)> = r
        .problems
        .iter()
        .map(|p| (p.row, p.field.as_deref(), p.value.as_deref()))
        .collect();
    assert_eq!(
        found,
        vec![
            (Some(2), Some("Mức độ DVCTT"), Some("Mức 9")),
            (Some(3), Some("Tích hợp Cổng DVCQG"), Some("abc")),
        ]
    );
    assert!(r.problems[0].message.contains("Không hiểu giá trị «Mức 9»"));
    assert_eq!(r.catalog.unwrap().procedures, 2);
}

#[test]
fn binh_thuan_two_periods_exactly() {
    let r = build(
        IndexOptions {
            focus: Some("Bình Thuận".into()),
            ..Default::default()
        },
        &[("xep-hang-2024.csv", ranking_table().as_bytes())],
    )
    .unwrap();
    assert_eq!(r.files[0].kind, "ranking_table");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let c = r.comparison.as_ref().unwrap();
    assert_eq!(
        c.text,
        "81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63"
    );
    assert_eq!(c.name, "Tỉnh Bình Thuận");
    assert_eq!(c.delta, 18.76);
    assert_eq!(c.before.period.as_deref(), Some("tháng 01/2024"));
    assert_eq!((c.before.rank, c.before.of), (Some(53), Some(63)));
    assert_eq!(c.after.period.as_deref(), Some("năm 2024"));
    assert_eq!((c.after.rank, c.after.of), (Some(29), Some(63)));
    let periods: Vec<(&str, u32, Option<u32>)> = r
        .periods
        .iter()
        .map(|p| (p.period.as_str(), p.of, p.provinces_expected))
        .collect();
    assert_eq!(
        periods,
        vec![("tháng 01/2024", 63, Some(63)), ("năm 2024", 63, Some(63))]
    );
    assert_eq!(r.ranking.len(), 126);
    let bt: Vec<_> = r.ranking.iter().filter(|x| x.focus).collect();
    assert_eq!(bt.len(), 2);
    assert_eq!(bt[0].groups.get("CKMB"), Some(15.2));
    assert_eq!(bt[1].groups.get("TDGQ"), Some(17.5));
    assert!(r
        .narrative
        .starts_with("Tỉnh Bình Thuận: 81,61 điểm (tăng 18,76 điểm)"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

    // a table missing a province in one period is warned about (62 ≠ 63)
    let short: String = ranking_table()
        .lines()
        .filter(|l| !l.starts_with("An Giang,01/2024") && !l.starts_with("\"An Giang\",tháng"))
        .map(|l| format!("{l}\n"))
        .collect();
    let r = build(IndexOptions::default(), &[("x.csv", short.as_bytes())]).unwrap();
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("có 62 dòng; cả nước có 63 tỉnh")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn ties_share_a_rank() {
    // a hand-copied table without a period column: the period is the title row's
    let csv = "BẢNG XẾP HẠNG CHỈ SỐ 766 QUÝ 1/2024\nĐơn vị;Điểm;Xếp hạng\nSở A;90;1\nSở B;85,00;2\nSở C;85;2\nSở D;70;3\n";
    let r = build(IndexOptions::default(), &[("bxh.csv", csv.as_bytes())]).unwrap();
    let ranks: Vec<(&str, u32, u32)> = r
        .ranking
        .iter()
        .map(|x| (x.name.as_str(), x.rank, x.of))
        .collect();
    assert_eq!(
        ranks,
        vec![
            ("Sở A", 1, 4),
            ("Sở B", 2, 4),
            ("Sở C", 2, 4),
            ("Sở D", 4, 4)
        ]
    );
    assert_eq!(r.ranking[0].period, "quý 1/2024");
    // the file said 3 for Sở D
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("«Sở D» ghi hạng 3, tính theo điểm là hạng 4")),
        "{:?}",
        r.warnings
    );

    // units within the province, under a one-indicator methodology
    let m = r#"{"schema":1,"id":"mot","total":100,
      "groups":[{"code":"G","name":"Tiến độ","max":100}],
      "indicators":[{"id":"p","name":"Đúng hạn","group":"G","max":100,"rule":"linear",
        "inputs":[{"numerator":"dossier.on_time_or_within","denominator":"dossier.handled"}]}]}"#;
    let mut b = IndexBuilder::new(IndexOptions {
        methodology: Some(m.into()),
        ..Default::default()
    })
    .unwrap();
    let e = |u: &str, n: f64, d: f64| ManualEntry {
        unit: Some(u.into()),
        indicator: "p".into(),
        term: None,
        numerator: Some(n),
        denominator: Some(d),
        points: None,
        note: None,
    };
    b.set_manual(vec![
        e("Xã D", 70.0, 100.0),
        e("Xã B", 85.0, 100.0),
        e("Xã A", 9.0, 10.0),
        e("Xã C", 17.0, 20.0),
    ]);
    let r = b.finish();
    type Ranked<'a> = (&'a str, Option<f64>, Option<u32>, Option<u32>);
    let ranks: Vec<Ranked> = r
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.total, u.rank, u.of))
        .collect();
    assert_eq!(
        ranks,
        vec![
            ("Xã A", Some(90.0), Some(1), Some(4)),
            ("Xã B", Some(85.0), Some(2), Some(4)),
            ("Xã C", Some(85.0), Some(2), Some(4)),
            ("Xã D", Some(70.0), Some(4), Some(4)),
        ]
    );
    assert!(r.units.iter().all(|u| u.indicators[0].manual));
}

/// Progress 900/1.000 for the province (units 500/520, 300/350, 100/130); dossier satisfaction
/// 800/1.000.
const TREE: &str = r#"{"code":"OK","data":{
  "parent":{"departmentName":"UBND tỉnh Bình Thuận","totalReceived":1000,"totalOnTime":900,"totalScore":18,"totalMaxScore":20},
  "children":[
    {"departmentName":"Sở Tư pháp","level":"PROVINCE","totalReceived":520,"totalOnTime":500,"score":19.23,"maxScore":20},
    {"departmentName":"UBND huyện Tuy Phong","level":"DISTRICT","totalReceived":350,"totalOnTime":300,"score":17.14,"maxScore":20},
    {"departmentName":"UBND xã Phú Quý","level":"COMMUNE","totalReceived":130,"totalOnTime":100,"score":15.38,"maxScore":20}]}}"#;
const SAT: &str = r#"{"code":"OK","data":{"overview":{"departmentName":"UBND tỉnh Bình Thuận",
  "metrics":[{"code":"DOSSIER_RECEIVING_SATISFACTION","numerator":800,"denominator":1000,"score":5.33,"maxScore":6}]}}}"#;

#[test]
fn what_if_by_hand() {
    let r = build(
        IndexOptions {
            target: Some(19.5),
            ..Default::default()
        },
        &[
            ("tien-do.json", TREE.as_bytes()),
            ("hai-long.json", SAT.as_bytes()),
        ],
    )
    .unwrap();
    let p = r.province.as_ref().unwrap();
    assert_eq!(p.total, Some(23.33)); // 18 + 5,33, provisional
    let w = r.what_if.as_ref().unwrap();
    assert_eq!(w.entity, "UBND tỉnh Bình Thuận");
    assert_eq!(w.needed, Some(0.0)); // 23,33 is already above 19,5
    let prog = w.levers.iter().find(|l| l.indicator == "2.1").unwrap();
    // 20 points over 1.000 dossiers: 0,02 per dossier, 50 for a point, 100 to the maximum
    assert_eq!(prog.lever, "hồ sơ đúng hạn");
    assert_eq!((prog.headroom, prog.points_per_dossier), (100, 0.02));
    assert_eq!(
        (prog.dossiers_per_point, prog.dossiers_to_max),
        (Some(50), Some(100))
    );
    let sat = w.levers.iter().find(|l| l.indicator == "5.4").unwrap();
    // 6 × rate / 90%: 6/900 = 0,0067 per dossier; less than a point left (6 − 5,33); 90% = 900
    // → 100 to the maximum
    assert_eq!(sat.points_per_dossier, 0.0067);
    assert_eq!(
        (sat.dossiers_per_point, sat.dossiers_to_max),
        (None, Some(100))
    );
    // the units holding the most movable dossiers first; each is worth 0,02 to the province
    let u: Vec<(&str, u64, f64, f64)> = w
        .units
        .iter()
        .map(|x| {
            (
                x.unit.as_str(),
                x.headroom,
                x.unit_points_per_dossier,
                x.province_gain_if_all,
            )
        })
        .collect();
    assert_eq!(
        u,
        vec![
            ("UBND huyện Tuy Phong", 50, 0.0571, 1.0),
            ("UBND xã Phú Quý", 30, 0.1538, 0.6),
            ("Sở Tư pháp", 20, 0.0385, 0.4),
        ]
    );
    assert!(w
        .units
        .iter()
        .all(|x| x.province_points_per_dossier == 0.02));

    // a target above the total: 25 − 23,33 = 1,67 points → 84 on-time dossiers (1,68), or 251
    // satisfied ones (6 × 1.051/1.000 / 0,9 … reaches 0,67 short of the cap: not enough alone)
    let r = build(
        IndexOptions {
            target: Some(25.0),
            ..Default::default()
        },
        &[
            ("tien-do.json", TREE.as_bytes()),
            ("hai-long.json", SAT.as_bytes()),
        ],
    )
    .unwrap();
    let w = r.what_if.as_ref().unwrap();
    assert_eq!(w.needed, Some(1.67));
    let prog = w.levers.iter().find(|l| l.indicator == "2.1").unwrap();
    assert_eq!(prog.dossiers_to_target, Some(84));
    let sat = w.levers.iter().find(|l| l.indicator == "5.4").unwrap();
    assert_eq!(sat.dossiers_to_target, None); // at most 6 − 5,33 = 0,67 more

    // the focus unit: its own levers
    let r = build(
        IndexOptions {
            focus: Some("Huyện Tuy Phong".into()),
            ..Default::default()
        },
        &[("tien-do.json", TREE.as_bytes())],
    )
    .unwrap();
    let w = r.what_if.as_ref().unwrap();
    assert_eq!(w.entity, "UBND huyện Tuy Phong");
    let prog = &w.levers[0];
    // 20/350 per dossier: 18 dossiers for a point (17,5), 50 to the maximum
    assert_eq!(
        (prog.dossiers_per_point, prog.dossiers_to_max),
        (Some(18), Some(50))
    );
    assert!(w.units.is_empty());
    assert!(r
        .units
        .iter()
        .any(|u| u.focus && u.name == "UBND huyện Tuy Phong"));
    assert_eq!(r.losses[0].id, "2.1");
    assert_eq!(r.losses[0].lost, 2.86); // 20 − 17,14
}

const DOSSIERS: &str = "\
DANH SÁCH HỒ SƠ NĂM 2024;;;;;;
Mã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả;Hình thức nộp;Mã TTHC
H1;Sở Tư pháp;02/01/2024;10/01/2024;09/01/2024;Trực tuyến;1.001000
H2;Sở Tư pháp;02/01/2024;10/01/2024;12/01/2024;Trực tiếp;1.001000
H3;Sở Tư pháp;03/01/2024;10/01/2024;;Trực tuyến;1.001001
H4;UBND xã Phú Quý;04/01/2024;08/01/2024;05/01/2024;Trực tiếp;1.001004
H5;UBND xã Phú Quý;04/01/2024;08/01/2024;07/01/2024;Trực tuyến;1.001004
";

#[test]
fn dossiers_catalogue_and_portal_together() {
    let cat = catalogue(VI_HEADERS);
    let r = build(
        IndexOptions {
            dossier: Some(serde_json::from_str(r#"{"year": 2024}"#).unwrap()),
            ..Default::default()
        },
        &[
            ("ho-so.csv", DOSSIERS.as_bytes()),
            ("danh-muc.csv", cat.as_bytes()),
            ("tien-do.json", TREE.as_bytes()),
        ],
    )
    .unwrap();
    assert_eq!(r.files[0].kind, "dossier");
    assert_eq!(r.files[0].records, 5);
    assert_eq!(r.dossier_period.as_deref(), Some("năm 2024"));
    let p = r.province.as_ref().unwrap();
    let prog = p.indicators.iter().find(|i| i.id == "2.1").unwrap();
    // the portal's figures are preferred over the dossiers' 4/5
    assert_eq!(
        (prog.numerator, prog.denominator),
        (Some(900.0), Some(1000.0))
    );
    // full-online share from dossiers × catalogue: procedures 1.001000 and 1.001001 are full
    // online (index 0 and 1 < 500), 1.001004 too: received 5, of which online 3 → 12 × 60% = 7,2
    let clgq = p.indicators.iter().find(|i| i.id == "3.3").unwrap();
    assert_eq!(
        (clgq.numerator, clgq.denominator, clgq.points),
        (Some(3.0), Some(5.0), Some(7.2))
    );
    assert!(clgq.approx);
    // a unit only in the dossiers: progress from its dossiers, (1 on time + 1 pending within) / 3
    let tp = r.units.iter().find(|u| u.name == "Sở Tư pháp").unwrap();
    let t = tp.indicators.iter().find(|i| i.id == "2.1").unwrap();
    // Sở Tư pháp is in the portal file too: portal 500/520 wins
    assert_eq!(t.numerator, Some(500.0));
    let levels: Vec<&str> = r.levels.iter().map(|l| l.name.as_str()).collect();
    assert!(levels.contains(&"Cấp tỉnh"));
    // the export had no digitised, payment or rating column: those are missing, not 0
    assert!(
        r.warnings.iter().any(|w| w.contains("tỷ lệ số hóa")),
        "{:?}",
        r.warnings
    );
    let dig = p.indicators.iter().find(|i| i.id == "4.2").unwrap();
    assert_eq!(dig.points, None);

    // dossiers alone: progress from the dossiers, per unit and level
    let r = build(
        IndexOptions {
            dossier: Some(serde_json::from_str(r#"{"year": 2024}"#).unwrap()),
            ..Default::default()
        },
        &[("ho-so.csv", DOSSIERS.as_bytes())],
    )
    .unwrap();
    let p = r.province.as_ref().unwrap();
    let prog = p.indicators.iter().find(|i| i.id == "2.1").unwrap();
    // resolved 4 (3 on time, 1 late) + 1 in progress at 31/12/2024, overdue → 3/5 → 12 points
    assert_eq!(
        (prog.numerator, prog.denominator, prog.points),
        (Some(3.0), Some(5.0), Some(12.0))
    );
    assert_eq!(p.name, "Toàn tỉnh");
    let xa = r
        .units
        .iter()
        .find(|u| u.name == "UBND xã Phú Quý")
        .unwrap();
    assert_eq!(
        xa.indicators.iter().find(|i| i.id == "2.1").unwrap().points,
        Some(20.0)
    );
    assert_eq!(xa.rank, Some(1));
}

fn tmp(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tthc-index-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn cli_reads_any_mix() {
    let rank = tmp("xep-hang.csv", &ranking_table());
    let cat = tmp("danh-muc.csv", &catalogue(VI_HEADERS));
    let tree = tmp("tien-do-2024.json", TREE);
    let manual = tmp(
        "nhap-tay.csv",
        "Chỉ tiêu;Đơn vị;Tử số;Mẫu số;Điểm;Ghi chú\n1.1;;5;6;;QĐ công bố\n1.2;;;;3,5;\n",
    );
    let bin = env!("CARGO_BIN_EXE_tthc");
    let out = std::process::Command::new(bin)
        .args(["index", "--focus", "Bình Thuận", "--json"])
        .arg(&rank)
        .arg(&cat)
        .arg(&tree)
        .arg(&manual)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: IndexReport = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = r.files.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["ranking_table", "catalog", "portal_tree", "manual"]
    );
    assert_eq!(
        r.comparison.unwrap().text,
        "81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63"
    );
    assert_eq!(r.catalog.unwrap().integrated, Some(706));
    let p = r.province.unwrap();
    let i = p.indicators.iter().find(|i| i.id == "1.1").unwrap();
    assert_eq!((i.points, i.manual), (Some(5.0), true));
    assert_eq!(i.source.as_deref(), Some("nhập tay: QĐ công bố"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // the JSON contract's minimum
    assert!(v["catalog"]["procedures"].is_u64());
    assert!(v["catalog"]["published"].is_u64());
    assert!(v["catalog"]["online_services"].is_u64());
    assert!(v["units"][0]["name"].is_string());
    assert!(v["units"][0]["groups"]["TDGQ"].is_number());
    assert!(v["units"][0]["rank"].is_u64());
    assert!(v["units"][0].get("level").is_some());
    assert!(v["units"][0]["total"].is_number());
    for k in ["name", "period", "score", "rank", "of"] {
        assert!(!v["ranking"][0][k].is_null(), "{k}");
    }
    for k in ["period", "score", "rank", "of"] {
        assert!(!v["comparison"]["before"][k].is_null(), "{k}");
        assert!(!v["comparison"]["after"][k].is_null(), "{k}");
    }
    assert!(v["comparison"]["delta"].is_number());

    // the readable summary
    let out = std::process::Command::new(bin)
        .args([
            "index",
            "--focus",
            "Bình Thuận",
            "--methodology",
            "qd766-2022",
            "--target",
            "90",
        ])
        .arg(&rank)
        .arg(&tree)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("phương pháp qd766-2022"), "{text}");
    assert!(
        text.contains(
            "81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63"
        ),
        "{text}"
    );
    assert!(text.contains("hồ sơ đúng hạn"), "{text}");
    // errors in Vietnamese, exit code 2
    let out = std::process::Command::new(bin)
        .args(["index", "--methodology", "khong-co", "x.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Không có phương pháp «khong-co»"));
    let _ = std::fs::remove_dir_all(rank.parent().unwrap());
}

#[test]
fn the_sample_is_deterministic_and_gives_the_figures() {
    let files = sample::files();
    assert_eq!(files, sample::files(), "deterministic");
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, vec![sample::CATALOGUE_FILE, sample::RANKING_FILE]);
    assert_eq!(files[0].1, sample::catalogue().into_bytes());
    assert_eq!(
        sample::catalogue(),
        sample::catalogue_with_headers(sample::CATALOGUE_HEADERS)
    );
    assert_eq!(files[1].1, sample::ranking().into_bytes());
    // plain UTF-8, NFC, no BOM: what a spreadsheet saves as «CSV UTF-8» minus the BOM
    for (name, bytes) in &files {
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(!text.starts_with('\u{feff}'), "{name}");
        assert!(text.ends_with('\n'), "{name}");
    }
    // 2 title rows + header + 1.994 procedures + the repeated one; header + 2 × 63 rows
    assert_eq!(sample::catalogue().lines().count(), 3 + 1994 + 1);
    assert_eq!(sample::ranking().lines().count(), 1 + 126);
    assert_eq!(sample::PROVINCES.len(), 63);

    // all files at once, as the page and `tthc index` read them; the focus as a user types it
    let inputs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let r = build(
        IndexOptions {
            focus: Some("Bình Thuận".into()),
            ..Default::default()
        },
        &inputs,
    )
    .unwrap();
    let kinds: Vec<&str> = r.files.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(kinds, vec!["catalog", "ranking_table"]);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let c = r.catalog.as_ref().unwrap();
    assert_eq!(
        (c.procedures, c.published, c.online_services, c.integrated),
        (1994, Some(1994), Some(881), Some(706))
    );
    assert_eq!(c.published_rate, Some(100.0));
    assert_eq!(c.integrated_rate.map(|x| x.round()), Some(80.0));
    let cmp = r.comparison.as_ref().unwrap();
    assert_eq!(cmp.text, sample::COMPARISON);
    assert_eq!(cmp.name, sample::FOCUS);
    assert_eq!(cmp.delta, 18.76);
    let focus: Vec<(&str, u32, u32)> = r
        .ranking
        .iter()
        .filter(|x| x.focus)
        .map(|x| (x.period.as_str(), x.rank, x.of))
        .collect();
    assert_eq!(focus, vec![("tháng 01/2024", 53, 63), ("năm 2024", 29, 63)]);
    // no other province shares Bình Thuận's score in either period
    for p in ["tháng 01/2024", "năm 2024"] {
        let bt = r.ranking.iter().find(|x| x.focus && x.period == p).unwrap();
        assert_eq!(
            r.ranking
                .iter()
                .filter(|x| x.period == p && x.rank == bt.rank)
                .count(),
            1,
            "{p}"
        );
    }
    // the catalogue alone scores nothing: every indicator is «chưa có dữ liệu», never 0
    let p = r.province.as_ref().unwrap();
    assert_eq!(p.total, None);
    assert!(!p.complete);
    assert!(p
        .indicators
        .iter()
        .all(|i| i.points.is_none() && i.state_label == "chưa có dữ liệu"));
}

#[test]
fn the_sample_with_dossiers_as_the_page_combines_them() {
    // a scaled dossier sample through the Analyzer, then its Report with the index sample
    let mut s = tthc_analytics::sample::dossiers::Sample::new(3000);
    let mut bytes = Vec::new();
    while let Some(c) = s.next_chunk(1 << 16) {
        bytes.extend_from_slice(&c);
    }
    let report = tthc_analytics::analyze_files(
        Default::default(),
        [(
            tthc_analytics::sample::dossiers::FILE_NAME,
            bytes.as_slice(),
        )],
    )
    .unwrap();
    let mut b = IndexBuilder::new(IndexOptions {
        focus: Some(sample::FOCUS.into()),
        ..Default::default()
    })
    .unwrap();
    b.add_report(&report);
    for (name, bytes) in sample::files() {
        b.add_file(name, &bytes);
    }
    let r = b.finish();
    assert_eq!(r.comparison.as_ref().unwrap().text, sample::COMPARISON);
    assert_eq!(r.catalog.as_ref().unwrap().procedures, 1994);
    let p = r.province.as_ref().unwrap();
    assert_eq!(p.name, sample::FOCUS);
    let prog = p.indicators.iter().find(|i| i.id == "2.1").unwrap();
    assert!(prog.points.is_some() && prog.denominator.unwrap() > 0.0);
    // what dossiers cannot give stays «chưa có dữ liệu»
    let sync = p.indicators.iter().find(|i| i.id == "1.4").unwrap();
    assert_eq!(
        (sync.points, sync.state_label.as_str()),
        (None, "chưa có dữ liệu")
    );
    assert!(!r.units.is_empty());
    assert!(r
        .units
        .iter()
        .all(|u| u.rank.is_some() == u.total.is_some()));
    assert!(r.what_if.is_some());
}

#[test]
fn cli_writes_the_sample() {
    let dir = std::env::temp_dir().join(format!("tthc-sample-index-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bin = env!("CARGO_BIN_EXE_tthc");
    let out = std::process::Command::new(bin)
        .args(["sample-index", "--out-dir"])
        .arg(dir.join("mau"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, bytes) in sample::files() {
        assert_eq!(
            std::fs::read(dir.join("mau").join(name)).unwrap(),
            bytes,
            "{name}"
        );
    }
    let mut listed: Vec<String> = std::fs::read_dir(dir.join("mau"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    assert_eq!(listed.len(), 2, "no temporary file left: {listed:?}");
    // and `tthc index` reads them back
    let out = std::process::Command::new(bin)
        .args(["index", "--focus", "Bình Thuận", "--json"])
        .args(sample::files().iter().map(|(n, _)| dir.join("mau").join(n)))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["comparison"]["text"], sample::COMPARISON);
    assert_eq!(v["catalog"]["procedures"], 1994);
    // a missing --out-dir is refused in Vietnamese, exit code 2
    let out = std::process::Command::new(bin)
        .arg("sample-index")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cần --out-dir"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_report_json_reads_as_its_dossier_summary() {
    // the whole Report's JSON (as the page hands it over) deserialises into exactly the summary
    // the core makes of the Report, and the index gives the same figures from either
    use tthc_analytics::index::DossierSummary;
    let mut s = tthc_analytics::sample::dossiers::Sample::new(
        tthc_analytics::sample::dossiers::DEFAULT_ROWS,
    );
    let mut bytes = Vec::new();
    while let Some(c) = s.next_chunk(1 << 20) {
        bytes.extend_from_slice(&c);
    }
    let report = tthc_analytics::analyze_files(
        Default::default(),
        [(
            tthc_analytics::sample::dossiers::FILE_NAME,
            bytes.as_slice(),
        )],
    )
    .unwrap();
    let json = serde_json::to_string(&report).unwrap();
    let summary = DossierSummary::of(&report);
    assert_eq!(
        serde_json::from_str::<DossierSummary>(&json).unwrap(),
        summary
    );
    assert_eq!(report.summary(), summary);
    let index = |add: &dyn Fn(&mut IndexBuilder)| {
        let mut b = IndexBuilder::new(IndexOptions {
            focus: Some(sample::FOCUS.into()),
            ..Default::default()
        })
        .unwrap();
        add(&mut b);
        for (name, bytes) in sample::files() {
            b.add_file(name, &bytes);
        }
        b.finish()
    };
    let by_report = index(&|b| b.add_report(&report));
    let by_summary = index(&|b| b.add_summary(&summary));
    let by_file = index(&|b| {
        b.add_file("bao-cao.json", json.as_bytes());
    });
    assert_eq!(by_report, by_summary);
    // read from a file, only the items' source (the file's name) differs
    let points = |r: &IndexReport| -> Vec<(Option<f64>, Vec<Option<f64>>)> {
        r.province
            .iter()
            .chain(&r.units)
            .map(|e| (e.total, e.indicators.iter().map(|i| i.points).collect()))
            .collect()
    };
    assert_eq!(points(&by_summary), points(&by_file));
    assert_eq!(by_file.files[0].kind, "report");
    assert_eq!(by_report.comparison.unwrap().text, sample::COMPARISON);
    let p = by_report.province.unwrap();
    let prog = p.indicators.iter().find(|i| i.id == "2.1").unwrap();
    assert!(prog.points.is_some() && prog.denominator.unwrap() > 0.0);
}
