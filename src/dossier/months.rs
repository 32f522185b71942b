//! The month slots of a Report: one `Counts` per month of the period and level, a dossier's month
//! found by table lookup instead of civil arithmetic per dossier. A month's total is the sum of
//! its levels (`Counts` is a monoid).

use crate::basics::time::{civil_from_days, day_of, DayRange};
use crate::dossier::aggregate::Counts;
use crate::dossier::build::level_figures;
use crate::dossier::model::Level;
use crate::dossier::report::MonthFigures;

/// Months since year 0 of a day (January 2024 = 2024 × 12).
fn month_index(day: i32) -> i64 {
    let (y, m, _) = civil_from_days(day);
    i64::from(y) * 12 + i64::from(m) - 1
}

/// One slot of counts per month of the period and level, found by table lookup instead of civil
/// arithmetic per dossier.
pub(super) struct Months {
    /// Month index of the period's first month.
    m0: i64,
    /// By month, by level (`Level::index`).
    counts: Vec<[Counts; 3]>,
    /// Slot of every day of the period, from its first day.
    of_day: Vec<u16>,
    from: i32,
}

impl Months {
    pub(super) fn new(period: Option<DayRange>) -> Months {
        let Some(p) = period else {
            return Months {
                m0: 0,
                counts: Vec::new(),
                of_day: Vec::new(),
                from: 0,
            };
        };
        let m0 = month_index(p.from);
        // every month of the period, however long (dates are 1900–2100: at most 2.412 slots);
        // a cap here left the slots of later days past the end (01/01/1900–31/12/2024 panicked)
        let n = (month_index(p.to) - m0 + 1).max(0) as usize;
        Months {
            m0,
            counts: vec![[Counts::default(); 3]; n],
            of_day: (p.from..=p.to)
                .map(|d| (month_index(d) - m0) as u16)
                .collect(),
            from: p.from,
        }
    }

    /// The slot of a date at a level (as shown), when the date falls in the period.
    #[inline]
    pub(super) fn slot(
        &mut self,
        p: &DayRange,
        m: Option<i32>,
        level: Level,
    ) -> Option<&mut Counts> {
        let day = day_of(m?);
        if !p.contains(day) {
            return None;
        }
        let i = usize::from(self.of_day[(day - self.from) as usize]);
        Some(&mut self.counts[i][level.index()])
    }

    /// Every month, its total the sum of its levels, and the levels reported
    /// ([`level_figures`]: tỉnh, xã in two-tier mode).
    pub(super) fn figures(self, two_tier: bool) -> Vec<MonthFigures> {
        let m0 = self.m0;
        self.counts
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let mi = m0 + i as i64;
                month_figures(
                    format!("{:04}-{:02}", mi.div_euclid(12), mi.rem_euclid(12) + 1),
                    &c,
                    two_tier,
                )
            })
            .collect()
    }
}

/// A month's figures from its counts by level: the total their sum.
pub(crate) fn month_figures(month: String, levels: &[Counts; 3], two_tier: bool) -> MonthFigures {
    let mut total = Counts::default();
    for l in levels {
        total += l;
    }
    MonthFigures {
        month,
        figures: total.into(),
        levels: level_figures(levels, two_tier),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basics::time::{days_from_civil, MINUTES_PER_DAY};

    /// A period of 125 years (01/01/1900–31/12/2024) has a slot for each of its 1.500 months,
    /// its last day included (it indexed past a 1.200-slot cap and panicked).
    #[test]
    fn a_period_longer_than_a_century_has_every_month() {
        let p = DayRange {
            from: days_from_civil(1900, 1, 1),
            to: days_from_civil(2024, 12, 31),
        };
        let mut m = Months::new(Some(p));
        for day in [p.from, days_from_civil(2000, 2, 29), p.to] {
            m.slot(&p, Some(day * MINUTES_PER_DAY), Level::District)
                .expect("in the period")
                .resolved += 1;
        }
        assert!(m
            .slot(&p, Some((p.to + 1) * MINUTES_PER_DAY), Level::Province)
            .is_none());
        let f = m.figures(false);
        assert_eq!(f.len(), 1500);
        assert_eq!(
            (f[0].month.as_str(), f[0].figures.counts.resolved),
            ("1900-01", 1)
        );
        assert_eq!(f[1201].month, "2000-02");
        assert_eq!(f[1201].figures.counts.resolved, 1);
        assert_eq!(
            (f[1499].month.as_str(), f[1499].figures.counts.resolved),
            ("2024-12", 1)
        );
    }
}
