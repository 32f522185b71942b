//! The tests of `build` (the Report from hand-made dossiers, no CSV text).
use super::*;
use crate::basics::time::minutes_of;
use crate::dossier::model::{Channel, Names, Rating, Status};
use crate::dossier::narrative::NO_DATA;

fn at(y: i32, m: u32, d: u32) -> Option<i32> {
    minutes_of(y, m, d, 9, 0, 0)
}

/// A hand-made dossier: unit, received, due, finished, status.
struct Case(
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
    for Case(id, unit, received, due, finished, status) in cases {
        let unit = st.unit(unit.as_bytes());
        let d = Dossier {
            names: Names::new(
                unit,
                st.field("Tư pháp".as_bytes()),
                st.procedure(b"1.001", "Cấp phiếu lý lịch tư pháp".as_bytes()),
            ),
            received: (*received).into(),
            due: (*due).into(),
            finished: (*finished).into(),
            status: Some(*status),
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
        period: Some(DayRange {
            from: days_from_civil(y, 1, 1),
            to: days_from_civil(y, 12, 31),
        }),
        ..Settings::default()
    }
}

const SO: &str = "Sở Tư pháp";
const HUYEN: &str = "UBND huyện Tuy Phong";
const XA: &str = "UBND xã Hòa Minh";

fn cases() -> Vec<Case> {
    use Status::*;
    vec![
        Case(
            "A",
            SO,
            at(2024, 1, 2),
            at(2024, 1, 10),
            at(2024, 1, 9),
            Returned,
        ),
        Case(
            "B",
            SO,
            at(2024, 1, 2),
            at(2024, 1, 10),
            at(2024, 1, 10),
            Done,
        ),
        Case(
            "C",
            HUYEN,
            at(2024, 1, 2),
            at(2024, 1, 10),
            at(2024, 1, 13),
            Done,
        ),
        Case("D", XA, at(2024, 12, 1), at(2024, 12, 20), None, Processing),
        Case(
            "E",
            XA,
            at(2024, 3, 5),
            at(2024, 3, 12),
            at(2024, 3, 6),
            Withdrawn,
        ),
        Case(
            "F",
            XA,
            at(2023, 12, 20),
            at(2024, 1, 5),
            at(2024, 1, 4),
            Done,
        ),
    ]
}

#[test]
fn on_time_late_pending_withdrawn() {
    let ing = ingested(&cases());
    let r = build(&ing, &year(2024));
    assert!(!r.period.auto && !r.two_tier);
    assert_eq!(r.period.label, "năm 2024");
    let lv: Vec<(Level, u64, u64, u64, u64)> = r
        .levels
        .iter()
        .map(|l| {
            let c = &l.figures.counts;
            (l.level, c.resolved, c.on_time, c.late, c.pending)
        })
        .collect();
    assert_eq!(
        lv,
        [
            (Level::Province, 2, 2, 0, 0),
            (Level::District, 1, 0, 1, 0),
            (Level::Commune, 1, 1, 0, 1)
        ]
    );
    let t = &r.total.counts;
    assert_eq!((t.resolved, t.on_time, t.early, t.late), (4, 3, 2, 1));
    assert_eq!((t.withdrawn, t.pending_overdue, t.carried_over), (1, 1, 1));
    assert_eq!((t.received, t.received_online), (5, 5));
    let late: Vec<(&str, &str, i32)> = r
        .late
        .iter()
        .map(|l| (l.kind.as_str(), l.id.as_str(), l.days_late))
        .collect();
    assert_eq!(late, [("pending", "D", 11), ("resolved", "C", 3)]);
    assert_eq!(r.months.len(), 12);
    assert_eq!(r.months[0].figures.counts.resolved, 4);
    // January by level: what ended in it at each level, as the levels above
    let jan: Vec<(Level, u64, u64)> = r.months[0]
        .levels
        .iter()
        .map(|l| (l.level, l.figures.counts.resolved, l.figures.counts.late))
        .collect();
    assert_eq!(
        jan,
        [
            (Level::Province, 2, 0),
            (Level::District, 1, 1),
            (Level::Commune, 1, 0)
        ]
    );
    assert_eq!(r.units[0].name, SO, "most resolved first");
    assert_eq!(r.procedures[0].code.as_deref(), Some("1.001"));
    assert!(r
        .narrative
        .starts_with("Trong năm 2024 (từ ngày 01/01/2024"));
}

#[test]
fn auto_period_is_the_year_with_most_end_dates() {
    let ing = ingested(&cases());
    let r = build(&ing, &Settings::default());
    assert!(r.period.auto);
    assert_eq!(
        (r.period.from.as_str(), r.period.to.as_str()),
        ("2024-01-01", "2024-12-31")
    );
    // the same ingest under other settings
    let r23 = build(&ing, &year(2023));
    assert_eq!(r23.total.counts.received, 1);
    assert_eq!(r23.total.counts.pending, 1);
}

#[test]
fn two_tier_puts_districts_with_communes() {
    use Status::*;
    let ing = ingested(&[
        Case(
            "A",
            HUYEN,
            at(2025, 7, 2),
            at(2025, 7, 9),
            at(2025, 7, 8),
            Done,
        ),
        Case(
            "B",
            XA,
            at(2025, 7, 2),
            at(2025, 7, 9),
            at(2025, 7, 8),
            Done,
        ),
    ]);
    let s = Settings {
        period: Some(DayRange {
            from: REFORM_DAY,
            to: days_from_civil(2025, 12, 31),
        }),
        ..Settings::default()
    };
    let r = build(&ing, &s);
    assert!(r.two_tier, "automatic from 1/7/2025");
    let lv: Vec<(Level, u64)> = r
        .levels
        .iter()
        .map(|l| (l.level, l.figures.counts.resolved))
        .collect();
    assert_eq!(lv, [(Level::Province, 0), (Level::Commune, 2)]);
    assert_eq!(r.units[0].level, Some(Level::Commune));
    let forced = build(
        &ing,
        &Settings {
            two_tier: Some(false),
            ..s
        },
    );
    assert_eq!(forced.levels.len(), 3);
}

#[test]
fn nothing_ingested() {
    let r = build(&Ingested::default(), &Settings::default());
    assert_eq!(r.period.label, NO_PERIOD);
    assert_eq!(r.narrative, NO_DATA);
    assert!(r.levels.iter().all(|l| l.figures.counts.is_empty()));
}

/// The late list's order: most days late first, then by id, then store order, cut at
/// [`MAX_LATE_LISTED`] — here past the limit, with many equal days and equal ids.
#[test]
fn the_late_list_orders_by_days_then_id_then_store_order() {
    let n = MAX_LATE_LISTED + 2_500;
    let day = |i: usize, base: u32| at(2024, 3, base + (i % 9) as u32);
    let ids: &'static [String] = (0..n)
        .map(|i| format!("K{:03}", i * 7919 % 997))
        .collect::<Vec<_>>()
        .leak();
    let cases: Vec<Case> = (0..n)
        .map(|i| {
            // due 10–18/3, finished 1–7 days after: resolved late
            let due = day(i, 10).expect("a date");
            let late = (i % 7 + 1) as i32 * 1440;
            Case(
                &ids[i],
                XA,
                day(i, 1),
                Some(due),
                Some(due + late),
                Status::Done,
            )
        })
        .collect();
    let r = build(&ingested(&cases), &year(2024));
    assert_eq!(r.late_total, n as u64);
    let mut want: Vec<(i32, &str, usize)> = (0..n)
        .map(|i| ((i % 7 + 1) as i32, ids[i].as_str(), i))
        .collect();
    want.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(y.1)).then(x.2.cmp(&y.2)));
    want.truncate(MAX_LATE_LISTED);
    let got: Vec<(i32, &str, Option<&str>)> = r
        .late
        .iter()
        .map(|l| (l.days_late, l.id.as_str(), l.received.as_deref()))
        .collect();
    let received: Vec<String> = want
        .iter()
        .map(|w| iso_date(day_of(day(w.2, 1).expect("a date"))))
        .collect();
    let want: Vec<(i32, &str, Option<&str>)> = want
        .iter()
        .zip(&received)
        .map(|(w, r)| (w.0, w.1, Some(r.as_str())))
        .collect();
    assert_eq!(got, want);
}

/// Dates that alternate between years, the counts tied: the later year (the cached year
/// changes at every dossier).
#[test]
fn auto_period_ties_go_to_the_later_year() {
    let cases: Vec<Case> = (0..10)
        .map(|i| {
            let y = [2023, 2022, 2021][i % 3] + i32::from(i == 9);
            Case("A", SO, at(y, 1, 2), None, at(y, 5, 6), Status::Done)
        })
        .collect();
    // 2023, 2022, 2021 three times each, 2024 once (i = 9): the tie goes to 2023
    let r = build(&ingested(&cases), &Settings::default());
    assert_eq!(r.period.from, "2023-01-01");
    let cases: Vec<Case> = (0..6)
        .map(|i| {
            let y = [2023, 2024][i % 2];
            Case("A", SO, at(y, 1, 2), None, None, Status::Processing)
        })
        .collect();
    let r = build(&ingested(&cases), &Settings::default());
    assert_eq!(
        r.period.from, "2024-01-01",
        "no end date: by receipt, ties → later"
    );
}
