//! The canonical dossier, as ingest leaves it and classification reads it.
//!
//! Dates are [`Minutes`] (basics::time).

use crate::basics::time::{day_of, Minutes};
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
/// Set by the store: the file had no id column (the dossier's `id` means nothing).
pub const FLAG_NO_ID: u8 = 128;

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

/// The identity of a dossier's id (Mã hồ sơ): 96 bits of its xxHash3-128, what
/// `Store::dedup` compares. The id's text is kept by the store only for a dossier that may be
/// listed late ([`Dossier::may_be_listed`]), so that the store holds 40 bytes per dossier, not
/// the id's ~28 more. Two different ids share a hash with a chance of about n² / 2⁹⁷ among n
/// ids: below 10⁻¹⁵ for 10 million. xxHash3 is not a cryptographic hash: ids made on purpose to
/// collide could be, which an official's own export has no reason to hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdHash(pub [u32; 3]);

impl IdHash {
    /// The hash of an id's bytes.
    #[inline]
    pub fn of(id: &[u8]) -> IdHash {
        let h = twox_hash::XxHash3_128::oneshot(id);
        IdHash([h as u32, (h >> 32) as u32, (h >> 64) as u32])
    }
}

/// A dossier's unit, field and procedure: indices into the store's interners, 21 bits each in
/// one `u64` (8 bytes instead of 12). [`Names::MAX`] bounds every interner
/// (`basics::limits::MAX_NAMES` is below it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Names(u64);

impl Names {
    /// Distinct names an interner may hold: 2²¹.
    pub const MAX: usize = 1 << BITS;

    /// The three indices, each below [`Names::MAX`] (the store's interners never reach it).
    #[inline]
    pub fn new(unit: u32, field: u32, procedure: u32) -> Names {
        debug_assert!([unit, field, procedure]
            .iter()
            .all(|&v| (v as usize) < Names::MAX));
        Names(
            u64::from(unit) & MASK
                | (u64::from(field) & MASK) << BITS
                | (u64::from(procedure) & MASK) << (2 * BITS),
        )
    }
}

const BITS: u32 = 21;
const MASK: u64 = (1 << BITS) - 1;

/// One accepted dossier row, 40 bytes (the id as its [`IdHash`], names packed in [`Names`],
/// dates as [`OptMinutes`], small enums as bytes). Strings are interned (see
/// `store::Interner`). Read the dates through [`Dossier::received`], [`Dossier::due`],
/// [`Dossier::finished`], the names through [`Dossier::unit`], [`Dossier::field`],
/// [`Dossier::procedure`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dossier {
    /// The id's hash (set by the store; meaningless with [`FLAG_NO_ID`]).
    pub id: IdHash,
    pub names: Names,
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

impl Default for Dossier {
    /// No id, names 0, no dates, no status, direct, province level (tests and hand-made stores).
    fn default() -> Dossier {
        Dossier {
            id: IdHash::default(),
            names: Names::default(),
            received: OptMinutes::NONE,
            due: OptMinutes::NONE,
            finished: OptMinutes::NONE,
            status: None,
            channel: Channel::Direct,
            level: Level::Province,
            flags: FLAG_NO_ID,
            rating: Rating::None,
            file: 0,
        }
    }
}

impl Dossier {
    #[inline]
    pub fn unit(&self) -> u32 {
        (self.names.0 & MASK) as u32
    }
    #[inline]
    pub fn field(&self) -> u32 {
        (self.names.0 >> BITS & MASK) as u32
    }
    #[inline]
    pub fn procedure(&self) -> u32 {
        (self.names.0 >> (2 * BITS) & MASK) as u32
    }

    /// Whether some period and convention could list this dossier late (resolved late, or
    /// overdue at the period's end; `build::late_kind`): it has a due date and is not finished
    /// on or before it, or its status is 2 or 4 (which `bieu-06` keeps in progress whatever
    /// end date the file gives). The store keeps the id's text of these dossiers only
    /// (`sql::rules`' test `the_expressions_are_classify` checks it against `classify` on every
    /// status, date position and convention).
    #[inline]
    pub fn may_be_listed(&self) -> bool {
        let Some(due) = self.due() else {
            return false;
        };
        match self.finished() {
            None => true,
            Some(f) => {
                day_of(f) > day_of(due)
                    || matches!(self.status, Some(Status::Received | Status::Processing))
            }
        }
    }

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
    fn a_dossier_is_40_bytes_and_dates_and_names_round_trip() {
        assert_eq!(std::mem::size_of::<Dossier>(), 40);
        const { assert!(crate::basics::limits::MAX_NAMES < Names::MAX) };
        let max = Names::MAX as u32 - 1;
        for (u, f, p) in [
            (0, 0, 0),
            (max, 0, 1),
            (1, max, 0),
            (max, max, max),
            (7, 200_000, 3),
        ] {
            let d = Dossier {
                names: Names::new(u, f, p),
                ..Dossier::default()
            };
            assert_eq!((d.unit(), d.field(), d.procedure()), (u, f, p));
        }
        for m in [None, Some(0), Some(-1), Some(i32::MAX), Some(i32::MIN + 1)] {
            assert_eq!(OptMinutes::from(m).get(), m);
        }
    }
}
