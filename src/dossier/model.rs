//! The canonical dossier, as ingest leaves it and classification reads it.
//!
//! Dates are [`Minutes`] (basics::time).

use crate::basics::time::Minutes;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Administrative level of the unit that resolves a dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
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
    /// Its name in the Report's JSON (`province`, `district`, `commune`: serde's).
    pub fn key(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
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
/// The file says whether the dossier was paid online (a yes or a no, not a blank or no column).
pub const FLAG_PAID_KNOWN: u8 = 4;
/// The file says whether the dossier was digitised.
pub const FLAG_DIGITIZED_KNOWN: u8 = 8;
/// The file says how the dossier was submitted (a channel cell, not a blank or no column).
pub const FLAG_CHANNEL_KNOWN: u8 = 16;
/// Set by the store: the id is a placeholder (kept for the late list, not deduplicated).
pub const FLAG_ID_NOT_DEDUPLICATED: u8 = 32;
/// Set by `Store::dedup` on a copy it drops, for the moment it takes to remove them.
pub const FLAG_DUPLICATE: u8 = 64;

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

/// A date that may be missing, in 4 bytes instead of the 8 of `Option<Minutes>`: the minutes,
/// or [`OptMinutes::NONE`] (`i32::MIN`, about 4.000 years before 1970: no date read is there,
/// `table::cells` keeps dates within 1900–2100).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OptMinutes(i32);

impl OptMinutes {
    /// No date.
    pub const NONE: OptMinutes = OptMinutes(i32::MIN);

    #[inline]
    pub fn get(self) -> Option<Minutes> {
        (self != Self::NONE).then_some(self.0)
    }

    /// The raw value (`i32::MIN` for none), as stored.
    #[inline]
    pub fn raw(self) -> i32 {
        self.0
    }

    /// From a raw value ([`OptMinutes::raw`]).
    #[inline]
    pub fn from_raw(raw: i32) -> OptMinutes {
        OptMinutes(raw)
    }
}

impl From<Option<Minutes>> for OptMinutes {
    #[inline]
    fn from(m: Option<Minutes>) -> OptMinutes {
        debug_assert_ne!(m, Some(i32::MIN), "a date at the sentinel");
        m.map_or(Self::NONE, OptMinutes)
    }
}

/// One accepted dossier row, 36 bytes (dates as [`OptMinutes`], small enums as bytes). Strings
/// are interned (see `store::Interner`). Read the dates through [`Dossier::received`],
/// [`Dossier::due`], [`Dossier::finished`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dossier {
    /// Index into the store's ids (u32::MAX when the file had no id column).
    pub id: u32,
    pub unit: u32,
    pub field: u32,
    pub procedure: u32,
    pub received: OptMinutes,
    pub due: OptMinutes,
    /// End of processing: NgayKetThucXuLy / Ngày có kết quả, else NgayTra.
    pub finished: OptMinutes,
    pub status: Option<Status>,
    pub channel: Channel,
    pub level: Level,
    pub flags: u8,
    pub rating: Rating,
    /// Which input file it came from (index into the report's `files`).
    pub file: u16,
}

impl Dossier {
    #[inline]
    pub fn received(&self) -> Option<Minutes> {
        self.received.get()
    }
    #[inline]
    pub fn due(&self) -> Option<Minutes> {
        self.due.get()
    }
    /// End of processing: NgayKetThucXuLy / Ngày có kết quả, else NgayTra.
    #[inline]
    pub fn finished(&self) -> Option<Minutes> {
        self.finished.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dossier_is_36_bytes_and_dates_round_trip() {
        assert_eq!(std::mem::size_of::<Dossier>(), 36);
        for m in [None, Some(0), Some(-1), Some(i32::MAX), Some(i32::MIN + 1)] {
            assert_eq!(OptMinutes::from(m).get(), m);
        }
    }
}
