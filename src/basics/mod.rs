//! Layer 1, basics: what every other layer may use and which uses nothing of the crate — calendar
//! time, working days (holidays as data), text folding and normalisation, vi-VN number formatting, the problem codes.

pub mod calendar;
pub mod format;
pub mod limits;
pub mod period;
pub mod problem;
pub mod text;
pub mod time;
