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

/// One accepted dossier row. Strings are interned (see `store::Interner`).
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
