//! Period presets, period comparison and counting conventions through the analyzer, as the page
//! and the CLI ask for them.

use tthc_analytics::{Analyzer, Options, Report};

/// Two units, dossiers in 2023 and 2024 (dd/mm/yyyy; status codes of DVCQG).
const CSV: &str = "\
Mã hồ sơ,Cơ quan giải quyết,Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái
A1,Sở Tư pháp,Trực tuyến,02/03/2023,10/03/2023,09/03/2023,10
A2,Sở Tư pháp,Trực tiếp,02/03/2023,10/03/2023,12/03/2023,10
A3,Sở Tư pháp,Trực tiếp,05/05/2023,10/05/2023,08/05/2023,10
A4,Sở Tư pháp,Trực tuyến,02/03/2024,10/03/2024,09/03/2024,10
A5,Sở Tư pháp,Trực tuyến,02/04/2024,10/04/2024,10/04/2024,10
A6,Sở Tư pháp,Trực tuyến,02/05/2024,10/05/2024,03/05/2024,10
A7,Sở Tư pháp,Trực tuyến,02/06/2024,10/06/2024,04/06/2024,10
B1,UBND xã Tân Hà,Trực tiếp,02/03/2023,10/03/2023,09/03/2023,10
B2,UBND xã Tân Hà,Trực tiếp,02/03/2024,10/03/2024,15/03/2024,10
B3,UBND xã Tân Hà,Trực tiếp,05/03/2024,10/03/2024,,5
B4,UBND xã Tân Hà,Trực tiếp,06/03/2024,12/03/2024,08/03/2024,7
";

fn run(opts: Options) -> Report {
    let mut a = Analyzer::new(opts).unwrap();
    a.begin_file("hai-nam.csv");
    a.push(CSV.as_bytes());
    a.end_file();
    a.finish_report()
}

#[test]
fn a_year_against_the_year_before() {
    let r = run(Options {
        year: Some(2024),
        compare_year: Some(2023),
        ..Options::default()
    });
    let c = r.comparison.as_ref().expect("a comparison");
    assert_eq!(c.period.label, "năm 2023");
    let t = &c.total;
    // 2023: 4 resolved, 1 late (A2); 2024: 5 resolved (A4–A7, B2), 1 late (B2)
    assert_eq!(
        (t.resolved_before, t.resolved, t.resolved_change),
        (4, 5, 1)
    );
    assert_eq!(t.resolved_change_pct, Some(25.0));
    assert_eq!(
        (t.on_time_rate_before, t.on_time_rate),
        (Some(75.0), Some(80.0))
    );
    assert_eq!(t.on_time_rate_points, Some(5.0));
    assert_eq!((t.late_before, t.late, t.late_change), (1, 1, 0));
    let province = c.levels.iter().find(|l| l.label == "Cấp tỉnh").unwrap();
    assert_eq!(
        (province.change.resolved_before, province.change.resolved),
        (3, 4)
    );
    assert_eq!(province.change.on_time_rate_points, Some(33.33));
    let units: Vec<(&str, u64, u64)> = c
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.change.resolved_before, u.change.resolved))
        .collect();
    assert_eq!(units, [("Sở Tư pháp", 3, 4), ("UBND xã Tân Hà", 1, 1)]);
    assert!(r.narrative.contains(
        "Cấp tỉnh đã giải quyết 4 hồ sơ TTHC, trong đó đúng hạn 4 hồ sơ (đạt 100%), trễ hạn 0 hồ sơ (chiếm 0%). So với năm 2023, số hồ sơ đã giải quyết tăng 33,33% (1 hồ sơ), tỷ lệ giải quyết đúng hạn tăng 33,33 điểm %, số hồ sơ trễ hạn giảm 1 hồ sơ."
    ), "{}", r.narrative);
    assert!(r.narrative.contains(
        " So với năm 2023, số hồ sơ đã giải quyết tăng 25% (1 hồ sơ), tỷ lệ giải quyết đúng hạn tăng 5 điểm %, số hồ sơ trễ hạn không đổi."
    ), "{}", r.narrative);
    // without a comparison asked for, none in the Report or its JSON
    let plain = run(Options {
        year: Some(2024),
        ..Options::default()
    });
    assert!(plain.comparison.is_none());
    assert!(!serde_json::to_string(&plain)
        .unwrap()
        .contains("comparison"));
}

#[test]
fn presets_name_the_period_and_the_one_before() {
    let r = run(Options {
        year: Some(2024),
        quarter: Some(2),
        compare_previous: Some(true),
        ..Options::default()
    });
    assert_eq!(r.period.label, "quý II năm 2024");
    assert_eq!(
        (r.period.from.as_str(), r.period.to.as_str()),
        ("2024-04-01", "2024-06-30")
    );
    let c = r.comparison.as_ref().unwrap();
    assert_eq!(c.period.label, "quý I năm 2024");
    assert_eq!((c.total.resolved_before, c.total.resolved), (2, 3));
    assert!(r
        .narrative
        .starts_with("Trong quý II năm 2024 (từ ngày 01/04/2024 đến ngày 30/06/2024)"));
    let m = run(Options {
        year: Some(2024),
        month: Some(3),
        cutoff: Some(true),
        ..Options::default()
    });
    assert_eq!(m.period.label, "kỳ báo cáo tháng 3 năm 2024");
    assert_eq!(
        (m.period.from.as_str(), m.period.to.as_str()),
        ("2024-02-15", "2024-03-14")
    );
    // A4 (9/3) and B4 withdrawn (8/3) end in it; B2 ends on the 15th, after it
    assert_eq!(m.total.counts.resolved, 1);
    assert_eq!(m.total.counts.withdrawn, 1);
    let y = run(Options {
        year: Some(2024),
        cutoff: Some(true),
        compare_previous: Some(true),
        ..Options::default()
    });
    assert_eq!(y.period.label, "kỳ báo cáo năm 2024");
    assert_eq!(y.comparison.unwrap().period.label, "kỳ báo cáo năm 2023");
}

/// The same file under the two conventions: withdrawn B4 and supplement-pending B3.
#[test]
fn conventions_on_the_same_file() {
    let at = |convention: &str| {
        run(Options {
            year: Some(2024),
            convention: Some(convention.into()),
            ..Options::default()
        })
    };
    let (mac, form) = (at("mac-dinh"), at("bieu-06"));
    let commune = |r: &Report| {
        let c = &r
            .levels
            .iter()
            .find(|l| l.label == "Cấp xã")
            .unwrap()
            .figures
            .counts;
        (
            c.resolved,
            c.on_time,
            c.late,
            c.pending,
            c.pending_overdue,
            c.withdrawn,
        )
    };
    // mac-dinh: B2 late; B3 pending and overdue (due 10/3); B4 apart
    assert_eq!(commune(&mac), (1, 0, 1, 1, 1, 1));
    // bieu-06: B2 late, B4 resolved on time; B3 in progress within time
    assert_eq!(commune(&form), (2, 1, 1, 1, 0, 1));
    assert_eq!(mac.convention.name, "Mặc định");
    assert_eq!(form.convention.name, "Biểu 06 / II.06a");
    assert!(form
        .narrative
        .ends_with("Số liệu được đếm theo quy ước «Biểu 06 / II.06a»."));
    let bad = Analyzer::new(Options {
        convention: Some("bieu-6".into()),
        ..Options::default()
    });
    let Err(e) = bad else {
        panic!("an unknown convention is refused")
    };
    assert!(e.contains("Quy ước đếm «bieu-6» không tồn tại"), "{e}");
}

/// The CLI: `report` and `form06` take the period presets, the comparison and the convention.
#[test]
fn the_cli_takes_presets_comparison_and_convention() {
    let dir = std::env::temp_dir().join(format!("tthc-periods-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("hai-nam.csv");
    std::fs::write(&csv, CSV).unwrap();
    let exe = env!("CARGO_BIN_EXE_tthc");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(exe).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&[
        "report",
        "--period",
        "2024",
        "--quarter",
        "2",
        "--compare-previous",
        "--convention",
        "bieu-06",
        csv.to_str().unwrap(),
    ]);
    assert!(
        text.contains(
            "quý II năm 2024 (từ 01/04/2024 đến 30/06/2024); quy ước đếm: Biểu 06 / II.06a"
        ),
        "{text}"
    );
    assert!(
        text.contains("So sánh với quý I năm 2024 (01/01/2024 – 31/03/2024):"),
        "{text}"
    );
    let form = dir.join("bieu-06.csv");
    run(&[
        "form06",
        "--out",
        form.to_str().unwrap(),
        "--period",
        "2024",
        "--convention",
        "bieu-06",
        csv.to_str().unwrap(),
    ]);
    let written = String::from_utf8(std::fs::read(&form).unwrap()).unwrap();
    assert!(
        written.contains("Quy ước đếm: Biểu 06 / II.06a."),
        "{written}"
    );
    assert!(written.contains("Hồ sơ Trả lại/Xin rút (1) được tính vào cột (7) và (9)."));
    std::fs::remove_dir_all(&dir).ok();
}
