//! Calendar time, the project's one notion of it: local wall-clock minutes and civil days (no
//! time crate: wasm32 has no clock and needs none), the month table dates are read with, ranges
//! of days, and the dates the rules depend on (the end of the district level).
//!
//! Dates are local (Asia/Ho_Chi_Minh) wall-clock minutes since 1970-01-01 00:00: the exports carry
//! no zone, every comparison the rules make is by calendar date, and an `i32` keeps a record small.

/// Minutes since 1970-01-01 00:00 local time.
pub type Minutes = i32;
/// Days since 1970-01-01.
pub type Day = i32;

pub const MINUTES_PER_DAY: i32 = 1440;

pub fn day_of(m: Minutes) -> Day {
    m.div_euclid(MINUTES_PER_DAY)
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian), after H. Hinnant.
pub const fn days_from_civil(y: i32, m: u32, d: u32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date (year, month, day) of a day number.
pub fn civil_from_days(z: Day) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub const fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// ISO `yyyy-mm-dd`, the form dates take in the Report.
pub fn iso_date(d: Day) -> String {
    let (y, m, dd) = civil_from_days(d);
    format!("{y:04}-{m:02}-{dd:02}")
}

/// Vietnamese `dd/mm/yyyy`.
pub fn vi_date(d: Day) -> String {
    let (y, m, dd) = civil_from_days(d);
    format!("{dd:02}/{m:02}/{y:04}")
}

/// An inclusive range of calendar days (a reporting period of the dossier figures).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRange {
    pub from: Day,
    pub to: Day,
}

impl DayRange {
    pub fn contains(&self, d: Day) -> bool {
        self.from <= d && d <= self.to
    }

    /// The calendar year `y`.
    pub const fn year(y: i32) -> DayRange {
        DayRange {
            from: days_from_civil(y, 1, 1),
            to: days_from_civil(y, 12, 31),
        }
    }
}

/// The end of the district level: from 1/7/2025 local government has two tiers (tỉnh, xã) and
/// the country 34 provinces instead of 63 (Nghị quyết 202/2025/QH15, domain.md §5 [S57][S58]).
pub const REFORM_DAY: Day = days_from_civil(2025, 7, 1);

/// First year of the month table: dates outside `FIRST_YEAR..FIRST_YEAR + YEARS` are refused.
pub const FIRST_YEAR: i32 = 1900;
/// Years in the month table (1900–2100).
pub const YEARS: usize = 201;

/// (day number of the 1st, length) of every month of 1900–2100, computed at compile time: a
/// date is then a lookup instead of the civil-calendar arithmetic.
static MONTHS: [(i32, u8); YEARS * 12] = {
    let mut t = [(0i32, 0u8); YEARS * 12];
    let mut i = 0;
    while i < YEARS * 12 {
        let y = FIRST_YEAR + (i / 12) as i32;
        let m = (i % 12) as u32 + 1;
        t[i] = (days_from_civil(y, m, 1), days_in_month(y, m) as u8);
        i += 1;
    }
    t
};

/// Minutes of a wall-clock date and time, `None` when it is not a real date of 1900–2100.
pub fn minutes_of(y: i32, m: u32, d: u32, hh: u32, mi: u32, ss: u32) -> Option<Minutes> {
    if !(FIRST_YEAR..FIRST_YEAR + YEARS as i32).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let (first, len) = MONTHS[(y - FIRST_YEAR) as usize * 12 + m as usize - 1];
    if d == 0 || d > u32::from(len) || hh > 23 || mi > 59 || ss > 59 {
        return None;
    }
    Some((first + d as i32 - 1) * MINUTES_PER_DAY + (hh * 60 + mi) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for (y, m, d, n) in [
            (1970, 1, 1, 0),
            (2024, 2, 29, 19782),
            (2024, 12, 31, 20088),
            (2000, 3, 1, 11017),
        ] {
            assert_eq!(days_from_civil(y, m, d), n, "{y}-{m}-{d}");
            assert_eq!(civil_from_days(n), (y, m, d));
        }
        for n in -1000..40000 {
            let (y, m, d) = civil_from_days(n);
            assert_eq!(days_from_civil(y, m, d), n);
        }
    }

    #[test]
    fn minutes_of_checks_the_calendar() {
        assert_eq!(
            minutes_of(2024, 2, 29, 0, 0, 0),
            Some(days_from_civil(2024, 2, 29) * 1440)
        );
        assert_eq!(minutes_of(2023, 2, 29, 0, 0, 0), None);
        assert_eq!(minutes_of(1899, 12, 31, 0, 0, 0), None);
        assert_eq!(minutes_of(2024, 1, 5, 24, 0, 0), None);
        assert!(DayRange::year(2024).contains(days_from_civil(2024, 12, 31)));
        assert_eq!(REFORM_DAY, days_from_civil(2025, 7, 1));
    }

    #[test]
    fn date_renderings() {
        let d = days_from_civil(2024, 1, 5);
        assert_eq!(iso_date(d), "2024-01-05");
        assert_eq!(vi_date(d), "05/01/2024");
        assert_eq!(day_of(-1), -1);
    }
}
