//! The tests of `build` (the Report from hand-made dossiers, no CSV text).
use super::*;
use crate::basics::time::minutes_of;
use crate::dossier::model::{Channel, Rating, Status};

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
            id: 0,
            unit,
            field: st.field("Tư pháp".as_bytes()),
            procedure: st.procedure(b"1.001", "Cấp phiếu lý lịch tư pháp".as_bytes()),
            received: (*received).into(),
            due: (*due).into(),
            finished: (*finished).into(),
            status: Some(*status),
            channel: Channel::Online,
            level: st.unit_levels[unit as usize],
            flags: 0,
            rating: Rating::None,
            file: 0,
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
