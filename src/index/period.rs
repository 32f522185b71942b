//! Evaluation periods as officials write them: «01/2024», «tháng 01/2024», «T1/2024», «2024-01»,
//! «Quý 1/2024», «Q1/2024», «quý I/2024», «6 tháng đầu năm 2024», «9 tháng 2024», «năm 2024»,
//! «2024». The portal evaluates by month, quarter and year (and 6 months in the old service)
//! (domain.md §1.4 [S5][S8][S12]).

use crate::basics::text::fold;
use crate::basics::time::{days_from_civil, days_in_month, Day, REFORM_DAY};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Month,
    Quarter,
    /// 6 months: n = 1 (first half) or 2 (second half).
    Half,
    /// 9 months (January–September).
    Nine,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub year: i32,
    pub kind: Kind,
    pub n: u8,
}

impl Period {
    pub fn first_day(&self) -> Day {
        let m = match self.kind {
            Kind::Month => self.n as u32,
            Kind::Quarter => 3 * (self.n as u32 - 1) + 1,
            Kind::Half => 6 * (self.n as u32 - 1) + 1,
            Kind::Nine | Kind::Year => 1,
        };
        days_from_civil(self.year, m, 1)
    }

    pub fn last_day(&self) -> Day {
        let m = match self.kind {
            Kind::Month => self.n as u32,
            Kind::Quarter => 3 * self.n as u32,
            Kind::Half => 6 * self.n as u32,
            Kind::Nine => 9,
            Kind::Year => 12,
        };
        days_from_civil(self.year, m, days_in_month(self.year, m))
    }

    /// Order for «earlier / later»: by last day, then the longer period later (a year after its
    /// December).
    pub fn sort_key(&self) -> (Day, i32) {
        (self.last_day(), -self.first_day())
    }

    /// Number of provinces a national ranking of this period has: 63 for periods ending before
    /// 1/7/2025, 34 for periods starting on or after it; none for a period across the reform.
    pub fn provinces(&self) -> Option<u32> {
        if self.last_day() < REFORM_DAY {
            Some(63)
        } else if self.first_day() >= REFORM_DAY {
            Some(34)
        } else {
            None
        }
    }

    /// «tháng 01/2024», «quý 1/2024», «6 tháng đầu năm 2024», «9 tháng năm 2024», «năm 2024».
    pub fn label(&self) -> String {
        match self.kind {
            Kind::Month => format!("tháng {:02}/{}", self.n, self.year),
            Kind::Quarter => format!("quý {}/{}", self.n, self.year),
            Kind::Half if self.n == 1 => format!("6 tháng đầu năm {}", self.year),
            Kind::Half => format!("6 tháng cuối năm {}", self.year),
            Kind::Nine => format!("9 tháng năm {}", self.year),
            Kind::Year => format!("năm {}", self.year),
        }
    }

    /// Parses a period cell. `None` when no year can be found or the rest makes no sense.
    pub fn parse(s: &str) -> Option<Period> {
        let f = fold(s);
        let toks: Vec<&str> = f.split(' ').filter(|t| !t.is_empty()).collect();
        let yi = toks.iter().position(|t| {
            t.len() == 4 && t.parse::<i32>().is_ok_and(|y| (1990..=2100).contains(&y))
        })?;
        let year: i32 = toks[yi].parse().ok()?;
        let rest: Vec<&str> = toks
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != yi)
            .map(|(_, t)| *t)
            .collect();
        let (kind, n) = match quarter(&rest)
            .or_else(|| months(&rest))
            .or_else(|| month(&rest))
        {
            Some(Ok(kn)) => kn,
            Some(Err(OutOfRange)) => return None,
            None => (Kind::Year, 0),
        };
        Some(Period {
            year,
            kind,
            n: n as u8,
        })
    }
}

/// A period word followed by a number out of its range («quý 5», «tháng 13»).
struct OutOfRange;

/// What the words besides the year say: `None` when they name no period.
type Found = Option<Result<(Kind, u32), OutOfRange>>;

fn num(t: &str) -> Option<u32> {
    t.parse::<u32>().ok()
}

/// A number within its range, for a kind.
fn within(kind: Kind, n: u32, max: u32) -> Found {
    Some(if (1..=max).contains(&n) {
        Ok((kind, n))
    } else {
        Err(OutOfRange)
    })
}

/// A quarter: «quy 1», «quy i», «q1», «q 1».
fn quarter(rest: &[&str]) -> Found {
    let roman = |t: &str| match t {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ => None,
    };
    for (i, t) in rest.iter().enumerate() {
        let next = rest.get(i + 1).copied().unwrap_or("");
        let q = if *t == "quy" || *t == "q" {
            num(next).or_else(|| roman(next))
        } else if let Some(d) = t.strip_prefix('q') {
            num(d).or_else(|| roman(d))
        } else {
            None
        };
        if let Some(n) = q {
            return within(Kind::Quarter, n, 4);
        }
    }
    None
}

/// «6 thang (dau|cuoi)», «9 thang».
fn months(rest: &[&str]) -> Found {
    for (i, t) in rest.iter().enumerate() {
        if *t == "thang" && i > 0 {
            let after = rest.get(i + 1).and_then(|t| num(t));
            match (num(rest[i - 1]), after) {
                (Some(6), None) => {
                    let second = rest.contains(&"cuoi");
                    return Some(Ok((Kind::Half, if second { 2 } else { 1 })));
                }
                (Some(9), None) => return Some(Ok((Kind::Nine, 9))),
                _ => {}
            }
        }
    }
    None
}

/// A month: «thang 1», «t01», or a bare 1–12 («01/2024», «2024-01»); other numbers («chỉ số
/// 766») are not periods.
fn month(rest: &[&str]) -> Found {
    for (i, t) in rest.iter().enumerate() {
        let named = if *t == "thang" || *t == "t" {
            rest.get(i + 1).and_then(|t| num(t))
        } else {
            t.strip_prefix('t').filter(|d| !d.is_empty()).and_then(num)
        };
        if let Some(m) = named {
            return within(Kind::Month, m, 12);
        }
    }
    let bare = rest.iter().find_map(|t| num(t).filter(|_| t.len() <= 2))?;
    within(Kind::Month, bare, 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        Period::parse(s).map(|p| p.label())
    }

    #[test]
    fn periods_as_written() {
        for (s, want) in [
            ("01/2024", "tháng 01/2024"),
            ("tháng 01/2024", "tháng 01/2024"),
            ("Tháng 1 năm 2024", "tháng 01/2024"),
            ("T12/2024", "tháng 12/2024"),
            ("2024-03", "tháng 03/2024"),
            ("2024", "năm 2024"),
            ("Năm 2024", "năm 2024"),
            ("Quý 1/2024", "quý 1/2024"),
            ("Q3/2024", "quý 3/2024"),
            ("quý IV/2024", "quý 4/2024"),
            ("6 tháng đầu năm 2024", "6 tháng đầu năm 2024"),
            ("6 tháng cuối năm 2024", "6 tháng cuối năm 2024"),
            ("9 tháng 2024", "9 tháng năm 2024"),
            ("service-results-2024-01.json", "tháng 01/2024"),
            ("BẢNG XẾP HẠNG CHỈ SỐ 766 THÁNG 01/2024", "tháng 01/2024"),
            ("KẾT QUẢ CHỈ SỐ 766 NĂM 2024", "năm 2024"),
        ] {
            assert_eq!(p(s).as_deref(), Some(want), "{s}");
        }
        assert_eq!(p("13/2024"), None);
        assert_eq!(p("Quý 5/2024"), None);
        assert_eq!(p("tháng 01"), None);
    }

    #[test]
    fn order_and_province_count() {
        let jan = Period::parse("01/2024").unwrap();
        let dec = Period::parse("12/2024").unwrap();
        let year = Period::parse("2024").unwrap();
        assert!(jan.sort_key() < dec.sort_key());
        assert!(dec.sort_key() < year.sort_key());
        assert_eq!(year.provinces(), Some(63));
        assert_eq!(Period::parse("08/2025").unwrap().provinces(), Some(34));
        assert_eq!(Period::parse("2025").unwrap().provinces(), None);
        assert_eq!(Period::parse("Q2/2025").unwrap().provinces(), Some(63));
    }
}
