//! Period comparison: the figures of the report's period beside those of an earlier one (the
//! previous year, quarter or month, or any period asked for), per level, per unit and in total,
//! with the change in dossiers, in percent and, for the on-time rate, in points of percent. Both
//! periods are classified from the same dossiers (files that span both, or two file sets loaded
//! together), under the same convention and two-tier mode.

use crate::dossier::aggregate::{pct, Counts, Figures};
use crate::dossier::model::Level;
use crate::dossier::report::PeriodOut;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One entity's figures in the two periods and the change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Change {
    pub resolved_before: u64,
    pub resolved: u64,
    /// resolved − resolved_before.
    pub resolved_change: i64,
    /// The change in percent of `resolved_before`; `None` when that is 0.
    pub resolved_change_pct: Option<f64>,
    pub received_before: u64,
    pub received: u64,
    pub received_change_pct: Option<f64>,
    pub on_time_rate_before: Option<f64>,
    pub on_time_rate: Option<f64>,
    /// In points of percent, between the rates as shown (rounded to two decimals), so that
    /// 99,84% against 99,42% is 0,42 points; `None` when either rate is.
    pub on_time_rate_points: Option<f64>,
    pub late_before: u64,
    pub late: u64,
    pub late_change: i64,
}

impl Change {
    pub fn of(before: &Counts, now: &Counts) -> Change {
        let (b, n): (Figures, Figures) = ((*before).into(), (*now).into());
        let change = |b: u64, n: u64| n as i64 - b as i64;
        let change_pct =
            |b: u64, n: u64| pct(n.abs_diff(b), b).map(|x| x.copysign(change(b, n) as f64));
        Change {
            resolved_before: before.resolved,
            resolved: now.resolved,
            resolved_change: change(before.resolved, now.resolved),
            resolved_change_pct: change_pct(before.resolved, now.resolved),
            received_before: before.received,
            received: now.received,
            received_change_pct: change_pct(before.received, now.received),
            on_time_rate_before: b.on_time_rate,
            on_time_rate: n.on_time_rate,
            on_time_rate_points: b
                .on_time_rate
                .zip(n.on_time_rate)
                .map(|(b, n)| round2(round2(n) - round2(b))),
            late_before: before.late,
            late: now.late,
            late_change: change(before.late, now.late),
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct LevelChange {
    pub level: Level,
    pub label: String,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct UnitChange {
    pub name: String,
    pub level: Option<Level>,
    pub change: Change,
}

/// The report's period against an earlier one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodComparison {
    /// The period compared with.
    pub period: PeriodOut,
    pub total: Change,
    pub levels: Vec<LevelChange>,
    /// Every unit with figures in either period, most resolved now first.
    pub units: Vec<UnitChange>,
}

/// The comparison from the two periods' sums: `levels` as reported (label per level), `units`
/// by unit index with their names and levels.
pub fn comparison(
    period: PeriodOut,
    levels: &[(Level, &str, Counts, Counts)],
    units: &[(String, Option<Level>, Counts, Counts)],
) -> PeriodComparison {
    let mut total_before = Counts::default();
    let mut total_now = Counts::default();
    for (_, _, b, n) in levels {
        total_before += b;
        total_now += n;
    }
    let mut units: Vec<UnitChange> = units
        .iter()
        .filter(|(_, _, b, n)| !b.is_empty() || !n.is_empty())
        .map(|(name, level, b, n)| UnitChange {
            name: name.clone(),
            level: *level,
            change: Change::of(b, n),
        })
        .collect();
    units.sort_by(|a, b| {
        b.change
            .resolved
            .cmp(&a.change.resolved)
            .then_with(|| b.change.resolved_before.cmp(&a.change.resolved_before))
            .then_with(|| a.name.cmp(&b.name))
    });
    PeriodComparison {
        period,
        total: Change::of(&total_before, &total_now),
        levels: levels
            .iter()
            .map(|(level, label, b, n)| LevelChange {
                level: *level,
                label: label.to_string(),
                change: Change::of(b, n),
            })
            .collect(),
        units,
    }
}

/// «So với năm 2023, số hồ sơ đã giải quyết tăng 5,12% (4.821 hồ sơ), tỷ lệ giải quyết đúng
/// hạn tăng 0,42 điểm %, số hồ sơ trễ hạn giảm 37 hồ sơ.» (with its leading space).
pub fn sentence(c: &Change, before_label: &str) -> String {
    use crate::basics::format::{dec_trim, int, pct as pct_text};
    let way = |x: f64| if x >= 0.0 { "tăng" } else { "giảm" };
    let resolved = match c.resolved_change_pct {
        Some(p) if c.resolved_change != 0 => format!(
            "{} {} ({} hồ sơ)",
            way(p),
            pct_text(Some(p.abs())),
            int(c.resolved_change.unsigned_abs())
        ),
        Some(_) => "không đổi".to_string(),
        None => format!("là {} hồ sơ (kỳ trước không có)", int(c.resolved)),
    };
    let rate = match c.on_time_rate_points {
        Some(p) if p != 0.0 => format!(
            ", tỷ lệ giải quyết đúng hạn {} {} điểm %",
            way(p),
            dec_trim(p.abs(), 2)
        ),
        Some(_) => ", tỷ lệ giải quyết đúng hạn không đổi".to_string(),
        None => String::new(),
    };
    let late = match c.late_change {
        0 => "không đổi".to_string(),
        x => format!("{} {} hồ sơ", way(x as f64), int(x.unsigned_abs())),
    };
    format!(
        " So với {before_label}, số hồ sơ đã giải quyết {resolved}{rate}, số hồ sơ trễ hạn {late}."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(resolved: u64, on_time: u64, received: u64) -> Counts {
        Counts {
            resolved,
            on_time,
            late: resolved - on_time,
            received,
            ..Counts::default()
        }
    }

    #[test]
    fn change_and_its_sentence() {
        // 2023: 94.121 resolved, 99,42% on time; 2024: 98.942, 99,84%
        let before = counts(94_121, 93_575, 95_000);
        let now = counts(98_942, 98_783, 99_000);
        let c = Change::of(&before, &now);
        assert_eq!(c.resolved_change, 4_821);
        assert_eq!(c.late_change, 159 - 546);
        assert_eq!(c.on_time_rate_points, Some(0.42));
        assert_eq!(
            sentence(&c, "năm 2023"),
            " So với năm 2023, số hồ sơ đã giải quyết tăng 5,12% (4.821 hồ sơ), tỷ lệ giải quyết đúng hạn tăng 0,42 điểm %, số hồ sơ trễ hạn giảm 387 hồ sơ."
        );
        // nothing before: no percent, no points
        let c = Change::of(&Counts::default(), &now);
        assert_eq!(c.resolved_change_pct, None);
        assert_eq!(c.on_time_rate_points, None);
        assert_eq!(
            sentence(&c, "năm 2023"),
            " So với năm 2023, số hồ sơ đã giải quyết là 98.942 hồ sơ (kỳ trước không có), số hồ sơ trễ hạn tăng 159 hồ sơ."
        );
        // fewer now
        let c = Change::of(&now, &before);
        assert_eq!(c.on_time_rate_points, Some(-0.42));
        assert!(sentence(&c, "quý IV năm 2023").contains("giảm 4,87% (4.821 hồ sơ)"));
    }
}
