//! Working days in the dossier figures (issue 8, item 6): «số ngày trễ» and the processing time
//! in working days beside calendar days, over Tết, with a user calendar file, and outside the
//! years of the holiday data. Whether a dossier is late stays the date against the due date.
//!
//! Through `dossier::build` on hand-made dossiers (as `build.rs`'s tests make them), through
//! the Analyzer's options, and through the CLI's `--calendar`.

use std::sync::Arc;
use tthc_analytics::basics::calendar::Calendar;
use tthc_analytics::basics::time::{days_from_civil, minutes_of, DayRange};
use tthc_analytics::dossier::build;
use tthc_analytics::dossier::ingested::Ingested;
use tthc_analytics::dossier::model::{Channel, Dossier, Names, Rating, Status};
use tthc_analytics::dossier::options::Settings;
use tthc_analytics::dossier::report::Report;
use tthc_analytics::{analyze_files, Options};

fn at(y: i32, m: u32, d: u32) -> Option<i32> {
    minutes_of(y, m, d, 9, 0, 0)
}

/// Hand-made dossiers: (id, unit, received, due, finished, status).
type Case = (
    &'static str,
    &'static str,
    Option<i32>,
    Option<i32>,
    Option<i32>,
    Status,
);

fn ingested(cases: &[Case]) -> Ingested {
    let mut ing = Ingested::default();
    let st = &mut ing.store;
    for &(id, unit, received, due, finished, status) in cases {
        let unit = st.unit(unit.as_bytes());
        let d = Dossier {
            names: Names::new(
                unit,
                st.field("Tư pháp".as_bytes()),
                st.procedure(b"1.001", "Cấp phiếu lý lịch tư pháp".as_bytes()),
            ),
            received: received.into(),
            due: due.into(),
            finished: finished.into(),
            status: Some(status),
            channel: Channel::Online,
            level: st.unit_levels[unit as usize],
            rating: Rating::None,
            ..Dossier::default()
        };
        st.insert(d, Some(id.as_bytes()));
    }
    ing
}

fn year(y: i32) -> Settings {
    Settings {
        period: Some(DayRange::year(y)),
        ..Settings::default()
    }
}

/// (id, calendar days late, working days late) of the late list.
fn late(r: &Report) -> Vec<(String, i32, i32)> {
    r.late
        .iter()
        .map(|l| (l.id.clone(), l.days_late, l.working_days_late))
        .collect()
}

const SO: &str = "Sở Tư pháp";
const XA: &str = "UBND xã Hòa Minh";

fn over_tet() -> Ingested {
    ingested(&[
        // due Wednesday 7/2/2024, the day before Tết (8–14/2); finished Friday 16/2
        (
            "T",
            SO,
            at(2024, 2, 1),
            at(2024, 2, 7),
            at(2024, 2, 16),
            Status::Done,
        ),
        // overdue at the period's end: due Friday 27/12/2024
        (
            "P",
            XA,
            at(2024, 12, 20),
            at(2024, 12, 27),
            None,
            Status::Processing,
        ),
        // on time: finished on its due date, whatever the calendar
        (
            "O",
            SO,
            at(2024, 2, 5),
            at(2024, 2, 15),
            at(2024, 2, 15),
            Status::Done,
        ),
    ])
}

#[test]
fn late_over_tet_in_calendar_and_working_days() {
    let r = build(&over_tet(), &year(2024));
    // T: 9 calendar days, working days 15 and 16/2; P: 4 days, Monday 30 and Tuesday 31/12
    assert_eq!(late(&r), [("T".into(), 9, 2), ("P".into(), 4, 2)]);
    let t = &r.total;
    assert_eq!(
        (t.counts.resolved, t.counts.late, t.counts.on_time),
        (2, 1, 1)
    );
    // T: received Thursday 1/2, finished 16/2 → 2, 5, 6, 7, 15, 16/2 = 6 working days (15 days);
    // O: received Monday 5/2, finished 15/2 → 6, 7, 15/2 = 3 working days (10 days)
    assert_eq!(t.counts.processing_working_days, 9);
    assert_eq!(t.avg_processing_working_days, Some(4.5));
    assert_eq!(t.avg_processing_days, Some(12.5));
    // the same sums in every breakdown (Counts is a monoid)
    let months: u64 = r
        .months
        .iter()
        .map(|m| m.figures.counts.processing_working_days)
        .sum();
    assert_eq!(months, 9);
    assert_eq!(r.months[1].figures.avg_processing_working_days, Some(4.5));
    let units: u64 = r
        .units
        .iter()
        .map(|u| u.figures.counts.processing_working_days)
        .sum();
    assert_eq!(units, 9);
    assert_eq!(r.calendar.years_covered, (2020..=2026).collect::<Vec<_>>());
    assert!(r.calendar.warnings.is_empty(), "{:?}", r.calendar.warnings);
}

const USER: &str = r#"{"kind": "tthc-calendar", "version": 1, "name": "Lịch tỉnh X",
  "years": [{"year": 2024, "days_off": [{"date": "15/02/2024", "name": "Nghỉ thêm sau Tết"}]}]}"#;

#[test]
fn a_user_calendar_changes_working_days_not_lateness() {
    let s = Settings {
        calendar: Arc::new(Calendar::with_user(USER).unwrap()),
        ..year(2024)
    };
    let r = build(&over_tet(), &s);
    assert_eq!(late(&r), [("T".into(), 9, 1), ("P".into(), 4, 2)]);
    assert_eq!((r.total.counts.late, r.total.counts.on_time), (1, 1));
    assert_eq!(r.total.counts.processing_working_days, 5 + 2);
    assert!(
        r.calendar.name.ends_with("+ Lịch tỉnh X"),
        "{}",
        r.calendar.name
    );
    // the same through the Analyzer's options, as the page and the CLI give them
    let opts = Options {
        calendar: Some(USER.into()),
        ..Options::default()
    };
    let csv = "Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái
T,Sở Tư pháp,01/02/2024,07/02/2024,16/02/2024,Đã trả kết quả
";
    let r = analyze_files(opts, [("a.csv", csv.as_bytes())]).unwrap();
    assert_eq!(late(&r), [("T".into(), 9, 1)]);
    let bad = Options {
        calendar: Some(r#"{"kind": "tthc-calendar", "version": 1, "years": [{"year": 2024, "days_off": [{"date": "2024-13-01", "name": "Lễ sai"}]}]}"#.into()),
        ..Options::default()
    };
    let e = analyze_files(bad, [("a.csv", csv.as_bytes())]).unwrap_err();
    assert!(
        e.contains("«Lễ sai»: ngày «2024-13-01» không hợp lệ"),
        "{e}"
    );
}

#[test]
fn outside_the_holiday_data_weekends_only_and_said() {
    // due Monday 4/2/2019 (Tết Kỷ Hợi was 4–8/2, not in the data), finished Monday 11/2
    let ing = ingested(&[(
        "K",
        SO,
        at(2019, 1, 28),
        at(2019, 2, 4),
        at(2019, 2, 11),
        Status::Done,
    )]);
    let r = build(&ing, &year(2019));
    assert_eq!(late(&r), [("K".into(), 7, 5)]);
    assert_eq!(r.calendar.warnings.len(), 1, "{:?}", r.calendar.warnings);
    assert!(r.calendar.warnings[0].contains("không có năm 2019"));
    assert_eq!(
        r.period.from,
        tthc_analytics::basics::time::iso_date(days_from_civil(2019, 1, 1))
    );
}

#[test]
fn cli_calendar_flag() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("working_days");
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("a.csv");
    std::fs::write(
        &csv,
        "Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái
T,Sở Tư pháp,01/02/2024,07/02/2024,16/02/2024,Đã trả kết quả
",
    )
    .unwrap();
    let cal = dir.join("lich.json");
    std::fs::write(&cal, USER).unwrap();
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tthc"))
            .arg("report")
            .args(extra)
            .arg(&csv)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, text, _) = run(&[]);
    assert!(ok);
    assert!(
        text.contains("Thời gian giải quyết trung bình: 15,0 ngày (6,0 ngày làm việc)."),
        "{text}"
    );
    assert!(text.contains("9 ngày, 2 ngày làm việc"), "{text}");
    let (ok, json, _) = run(&["--json", "--calendar", cal.to_str().unwrap()]);
    assert!(ok);
    let r: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(late(&r), [("T".into(), 9, 1)]);
    assert!(r.calendar.name.ends_with("+ Lịch tỉnh X"));
    let missing = dir.join("khong-co.json");
    let (ok, _, err) = run(&["--calendar", missing.to_str().unwrap()]);
    assert!(!ok && err.contains("không đọc được"), "{err}");
}
