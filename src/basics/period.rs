//! Reporting periods by name: a calendar year, quarter or month, or the same under the reporting
//! regime's cut-off (Nghị định 09/2019/NĐ-CP, Điều 12 khoản 1: figures of a monthly report run
//! from the 15th of the previous month to the 14th of the month; of a quarterly report from the
//! 15th of the month before the quarter to the 14th of its last month; of a yearly report from
//! 15/12 of the previous year to 14/12). A [`Preset`] gives its [`DayRange`], its Vietnamese
//! label and the period before it; any range is recognised back as a preset when it is one, so
//! the label and the comparison depend on the days alone.

use crate::basics::time::{
    civil_from_days, days_from_civil, days_in_month, vi_date, Day, DayRange,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Year,
    /// 1–4.
    Quarter(u32),
    /// 1–12.
    Month(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub year: i32,
    pub span: Span,
    /// Under the reporting regime's cut-off (15th to 14th).
    pub cutoff: bool,
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

impl Preset {
    /// First and last month (1–12) of the span.
    fn months(&self) -> (u32, u32) {
        match self.span {
            Span::Year => (1, 12),
            Span::Quarter(q) => (3 * q - 2, 3 * q),
            Span::Month(m) => (m, m),
        }
    }

    pub fn range(&self) -> DayRange {
        let (m1, m2) = self.months();
        if self.cutoff {
            // from the 15th of the month before the first month to the 14th of the last
            let (py, pm) = if m1 == 1 {
                (self.year - 1, 12)
            } else {
                (self.year, m1 - 1)
            };
            DayRange {
                from: days_from_civil(py, pm, 15),
                to: days_from_civil(self.year, m2, 14),
            }
        } else {
            DayRange {
                from: days_from_civil(self.year, m1, 1),
                to: days_from_civil(self.year, m2, days_in_month(self.year, m2)),
            }
        }
    }

    /// «năm 2024», «quý I năm 2024», «tháng 3 năm 2024»; under the cut-off «kỳ báo cáo năm
    /// 2024»…
    pub fn label(&self) -> String {
        let y = self.year;
        let base = match self.span {
            Span::Year => format!("năm {y}"),
            Span::Quarter(q) => format!("quý {} năm {y}", ROMAN[q as usize - 1]),
            Span::Month(m) => format!("tháng {m} năm {y}"),
        };
        if self.cutoff {
            format!("kỳ báo cáo {base}")
        } else {
            base
        }
    }

    /// The period before: the previous year, quarter or month, under the same cut-off.
    pub fn previous(&self) -> Preset {
        let (year, span) = match self.span {
            Span::Year => (self.year - 1, Span::Year),
            Span::Quarter(1) => (self.year - 1, Span::Quarter(4)),
            Span::Quarter(q) => (self.year, Span::Quarter(q - 1)),
            Span::Month(1) => (self.year - 1, Span::Month(12)),
            Span::Month(m) => (self.year, Span::Month(m - 1)),
        };
        Preset {
            year,
            span,
            cutoff: self.cutoff,
        }
    }

    /// The preset whose range is exactly `p`, if any.
    pub fn recognise(p: &DayRange) -> Option<Preset> {
        let (_, _, d1) = civil_from_days(p.from);
        let cutoff = d1 == 15;
        // the year the period ends in names it
        let (y, m2, _) = civil_from_days(p.to);
        let spans = [Span::Year, Span::Quarter(m2.div_ceil(3)), Span::Month(m2)];
        spans
            .into_iter()
            .map(|span| Preset {
                year: y,
                span,
                cutoff,
            })
            .find(|c| c.range() == *p)
    }
}

/// The label of any period: a preset's name, else «từ ngày 01/02/2024 đến ngày 10/03/2024».
pub fn label(p: &DayRange) -> String {
    match Preset::recognise(p) {
        Some(preset) => preset.label(),
        None => format!("từ ngày {} đến ngày {}", vi_date(p.from), vi_date(p.to)),
    }
}

/// The period before `p`: the previous preset when `p` is one, else as many days just before.
pub fn previous(p: &DayRange) -> DayRange {
    match Preset::recognise(p) {
        Some(preset) => preset.previous().range(),
        None => {
            let len: Day = p.to - p.from + 1;
            DayRange {
                from: p.from - len,
                to: p.from - 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(y1: i32, m1: u32, d1: u32, y2: i32, m2: u32, d2: u32) -> DayRange {
        DayRange {
            from: days_from_civil(y1, m1, d1),
            to: days_from_civil(y2, m2, d2),
        }
    }

    /// Each preset: its range, its label, the range before it (over 80 lines because it is data).
    #[test]
    fn presets() {
        use Span::*;
        let cases = [
            (
                2024,
                Year,
                false,
                r(2024, 1, 1, 2024, 12, 31),
                "năm 2024",
                r(2023, 1, 1, 2023, 12, 31),
            ),
            (
                2024,
                Quarter(1),
                false,
                r(2024, 1, 1, 2024, 3, 31),
                "quý I năm 2024",
                r(2023, 10, 1, 2023, 12, 31),
            ),
            (
                2024,
                Quarter(3),
                false,
                r(2024, 7, 1, 2024, 9, 30),
                "quý III năm 2024",
                r(2024, 4, 1, 2024, 6, 30),
            ),
            (
                2024,
                Month(2),
                false,
                r(2024, 2, 1, 2024, 2, 29),
                "tháng 2 năm 2024",
                r(2024, 1, 1, 2024, 1, 31),
            ),
            (
                2024,
                Month(1),
                false,
                r(2024, 1, 1, 2024, 1, 31),
                "tháng 1 năm 2024",
                r(2023, 12, 1, 2023, 12, 31),
            ),
            (
                2024,
                Year,
                true,
                r(2023, 12, 15, 2024, 12, 14),
                "kỳ báo cáo năm 2024",
                r(2022, 12, 15, 2023, 12, 14),
            ),
            (
                2024,
                Quarter(1),
                true,
                r(2023, 12, 15, 2024, 3, 14),
                "kỳ báo cáo quý I năm 2024",
                r(2023, 9, 15, 2023, 12, 14),
            ),
            (
                2024,
                Quarter(2),
                true,
                r(2024, 3, 15, 2024, 6, 14),
                "kỳ báo cáo quý II năm 2024",
                r(2023, 12, 15, 2024, 3, 14),
            ),
            (
                2024,
                Month(3),
                true,
                r(2024, 2, 15, 2024, 3, 14),
                "kỳ báo cáo tháng 3 năm 2024",
                r(2024, 1, 15, 2024, 2, 14),
            ),
        ];
        for (year, span, cutoff, range, name, before) in cases {
            let p = Preset { year, span, cutoff };
            assert_eq!(p.range(), range, "{p:?}");
            assert_eq!(Preset::recognise(&range), Some(p), "{name}");
            assert_eq!(label(&range), name);
            assert_eq!(previous(&range), before, "{name}");
        }
        // any other range: its dates, and as many days just before
        let odd = r(2024, 2, 10, 2024, 3, 10);
        assert_eq!(label(&odd), "từ ngày 10/02/2024 đến ngày 10/03/2024");
        assert_eq!(previous(&odd), r(2024, 1, 11, 2024, 2, 9));
        // the first half of a year is not a preset
        assert_eq!(Preset::recognise(&r(2024, 1, 1, 2024, 6, 30)), None);
    }
}
