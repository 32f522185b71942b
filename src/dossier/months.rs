//! The month slots of a Report: one `Counts` per month of the period, a dossier's month found by
//! table lookup instead of civil arithmetic per dossier.

use crate::basics::time::{civil_from_days, day_of, DayRange};
use crate::dossier::aggregate::Counts;
use crate::dossier::report::MonthFigures;

/// Months since year 0 of a day (January 2024 = 2024 × 12).
fn month_index(day: i32) -> i64 {
    let (y, m, _) = civil_from_days(day);
    i64::from(y) * 12 + i64::from(m) - 1
}

/// One slot of counts per month of the period, found by table lookup instead of civil
/// arithmetic per dossier.
pub(super) struct Months {
    /// Month index of the period's first month.
    m0: i64,
    counts: Vec<Counts>,
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
        let n = (month_index(p.to) - m0 + 1).clamp(0, 1200) as usize;
        Months {
            m0,
            counts: vec![Counts::default(); n],
            of_day: (p.from..=p.to)
                .map(|d| (month_index(d) - m0) as u16)
                .collect(),
            from: p.from,
        }
    }

    /// The slot of a date, when it falls in the period.
    #[inline]
    pub(super) fn slot(&mut self, p: &DayRange, m: Option<i32>) -> Option<&mut Counts> {
        let day = day_of(m?);
        if !p.contains(day) {
            return None;
        }
        let i = usize::from(self.of_day[(day - self.from) as usize]);
        Some(&mut self.counts[i])
    }

    pub(super) fn figures(self) -> Vec<MonthFigures> {
        let m0 = self.m0;
        self.counts
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let mi = m0 + i as i64;
                MonthFigures {
                    month: format!("{:04}-{:02}", mi.div_euclid(12), mi.rem_euclid(12) + 1),
                    figures: c.into(),
                }
            })
            .collect()
    }
}
