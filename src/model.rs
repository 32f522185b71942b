//! The canonical dossier, as ingest leaves it and classification reads it.
//!
//! Dates are local (Asia/Ho_Chi_Minh) wall-clock minutes since 1970-01-01 00:00: the exports carry
//! no zone, every comparison the rules make is by calendar date, and an `i32` keeps a record small.

use serde::{Deserialize, Serialize};

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

/// Administrative level of the unit that resolves a dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Province,
    District,
    Commune,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Province, Level::District, Level::Commune];
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn vi(self) -> &'static str {
        match self {
            Level::Province => "Cấp tỉnh",
            Level::District => "Cấp huyện",
            Level::Commune => "Cấp xã",
        }
    }
}

/// DVCQG TrangThaiHoSo (domain.md §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    Registered = 1,
    Received = 2,
    NotReceived = 3,
    Processing = 4,
    Supplement = 5,
    FinancialObligation = 6,
    Withdrawn = 7,
    Stopped = 8,
    Done = 9,
    Returned = 10,
}

impl Status {
    pub fn from_code(c: u8) -> Option<Status> {
        use Status::*;
        Some(match c {
            1 => Registered,
            2 => Received,
            3 => NotReceived,
            4 => Processing,
            5 => Supplement,
            6 => FinancialObligation,
            7 => Withdrawn,
            8 => Stopped,
            9 => Done,
            10 => Returned,
            _ => return None,
        })
    }
    /// 1 and 3: the dossier never entered processing.
    pub fn is_not_received(self) -> bool {
        matches!(self, Status::Registered | Status::NotReceived)
    }
    pub fn is_finished(self) -> bool {
        matches!(self, Status::Done | Status::Returned)
    }
}

/// KenhThucHien: 1 direct, 2 online, 3 postal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Channel {
    Direct = 1,
    Online = 2,
    Postal = 3,
}

pub const FLAG_PAID_ONLINE: u8 = 1;
pub const FLAG_DIGITIZED: u8 = 2;

/// Citizen rating of a dossier, where the export has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum Rating {
    #[default]
    None = 0,
    Satisfied = 1,
    Neutral = 2,
    Unsatisfied = 3,
}

/// One accepted dossier row. Strings are interned (see `ingest::Interner`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dossier {
    /// Index into the analyzer's id arena (u32::MAX when the file had no id column).
    pub id: u32,
    pub unit: u32,
    pub field: u32,
    pub procedure: u32,
    pub received: Option<Minutes>,
    pub due: Option<Minutes>,
    /// End of processing: NgayKetThucXuLy / Ngày có kết quả, else NgayTra.
    pub finished: Option<Minutes>,
    pub status: Option<Status>,
    pub channel: Channel,
    pub level: Level,
    pub flags: u8,
    pub rating: Rating,
    /// Which input file it came from (index into the report's `files`).
    pub file: u16,
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
    fn date_renderings() {
        let d = days_from_civil(2024, 1, 5);
        assert_eq!(iso_date(d), "2024-01-05");
        assert_eq!(vi_date(d), "05/01/2024");
        assert_eq!(day_of(-1), -1);
    }
}
