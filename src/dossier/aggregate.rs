//! Mergeable figures. `Counts` is a commutative monoid (`Default` + `+=`): a unit's figures, a
//! level's, a month's, a file's and a province's are all sums of per-dossier contributions, so
//! chunks, files and provinces roll up by addition and never by re-reading rows.

use crate::dossier::classify::{Outcome, Timeliness};
use crate::dossier::model::{
    Channel, Dossier, Rating, FLAG_CHANNEL_KNOWN, FLAG_DIGITIZED, FLAG_DIGITIZED_KNOWN,
    FLAG_PAID_KNOWN, FLAG_PAID_ONLINE,
};
use serde::{Deserialize, Serialize};
use std::ops::AddAssign;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Counts {
    /// Resolved in the period (đã giải quyết) = on_time + late.
    pub resolved: u64,
    /// Early + on the due date (đúng hạn, includes trước hạn).
    pub on_time: u64,
    pub early: u64,
    pub late: u64,
    /// In progress at period end (đang giải quyết) = within time + overdue.
    pub pending: u64,
    pub pending_overdue: u64,
    pub withdrawn: u64,
    pub stopped: u64,
    pub not_received: u64,
    /// Received in the period, all channels.
    pub received: u64,
    pub received_online: u64,
    pub received_direct: u64,
    pub received_postal: u64,
    pub carried_over: u64,
    /// Of the resolved: digitised (số hóa) and paid online.
    pub digitized: u64,
    pub paid_online: u64,
    /// Of the resolved: those whose file says yes or no to digitised / paid online (a blank cell
    /// or a missing column says nothing). 0 makes the rate «chưa có dữ liệu», never 0%.
    pub digitized_known: u64,
    pub paid_online_known: u64,
    /// Of the received: those whose file says the channel (0 = online share «chưa có dữ liệu»).
    pub channel_known: u64,
    /// Of the resolved: rated at all, and rated unsatisfied.
    pub rated: u64,
    pub unsatisfied: u64,
    /// Sum over resolved dossiers of (end of processing − receipt), in minutes.
    pub processing_minutes: u64,
    /// Sum over resolved dossiers of the working days after the day of receipt up to the day of
    /// the end of processing (`basics::calendar`: weekends and holidays not counted).
    #[serde(default)]
    pub processing_working_days: u64,
}

impl AddAssign<&Counts> for Counts {
    fn add_assign(&mut self, o: &Counts) {
        self.resolved += o.resolved;
        self.on_time += o.on_time;
        self.early += o.early;
        self.late += o.late;
        self.pending += o.pending;
        self.pending_overdue += o.pending_overdue;
        self.withdrawn += o.withdrawn;
        self.stopped += o.stopped;
        self.not_received += o.not_received;
        self.received += o.received;
        self.received_online += o.received_online;
        self.received_direct += o.received_direct;
        self.received_postal += o.received_postal;
        self.carried_over += o.carried_over;
        self.digitized += o.digitized;
        self.paid_online += o.paid_online;
        self.digitized_known += o.digitized_known;
        self.paid_online_known += o.paid_online_known;
        self.channel_known += o.channel_known;
        self.rated += o.rated;
        self.unsatisfied += o.unsatisfied;
        self.processing_minutes += o.processing_minutes;
        self.processing_working_days += o.processing_working_days;
    }
}

impl Counts {
    /// The parts of an outcome dated by the end of processing (or the period end).
    /// `working_days`: the dossier's processing time in working days (counted once per dossier
    /// by the caller, from the calendar; added only when it is resolved).
    pub fn add_end(&mut self, d: &Dossier, o: &Outcome, working_days: u32) {
        if let Some(t) = o.resolved {
            self.resolved += 1;
            match t {
                Timeliness::Early => {
                    self.early += 1;
                    self.on_time += 1
                }
                Timeliness::DueDay => self.on_time += 1,
                Timeliness::Late => self.late += 1,
            }
            self.digitized += u64::from(d.flags & FLAG_DIGITIZED != 0);
            self.paid_online += u64::from(d.flags & FLAG_PAID_ONLINE != 0);
            self.digitized_known += u64::from(d.flags & FLAG_DIGITIZED_KNOWN != 0);
            self.paid_online_known += u64::from(d.flags & FLAG_PAID_KNOWN != 0);
            self.rated += u64::from(d.rating != Rating::None);
            self.unsatisfied += u64::from(d.rating == Rating::Unsatisfied);
            if let (Some(r), Some(f)) = (d.received(), d.finished()) {
                self.processing_minutes += (f - r).max(0) as u64;
            }
            self.processing_working_days += u64::from(working_days);
        }
        if let Some(overdue) = o.pending {
            self.pending += 1;
            self.pending_overdue += u64::from(overdue);
        }
        self.withdrawn += u64::from(o.withdrawn);
        self.stopped += u64::from(o.stopped);
        self.carried_over += u64::from(o.carried_over);
    }

    /// The parts of an outcome dated by receipt.
    pub fn add_receipt(&mut self, d: &Dossier, o: &Outcome) {
        self.not_received += u64::from(o.not_received);
        if o.received {
            self.received += 1;
            self.channel_known += u64::from(d.flags & FLAG_CHANNEL_KNOWN != 0);
            match d.channel {
                Channel::Online => self.received_online += 1,
                Channel::Direct => self.received_direct += 1,
                Channel::Postal => self.received_postal += 1,
            }
        }
    }

    pub fn add(&mut self, d: &Dossier, o: &Outcome, working_days: u32) {
        self.add_end(d, o, working_days);
        self.add_receipt(d, o);
    }

    /// Whether this dossier touched the period at all.
    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }
}

/// Percent with no rounding; `None` when the denominator is 0.
pub fn pct(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 * 100.0 / den as f64)
}

/// `Counts` plus the rates a reader wants next to them (percent, unrounded).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Figures {
    #[serde(flatten)]
    pub counts: Counts,
    pub on_time_rate: Option<f64>,
    pub early_rate: Option<f64>,
    pub late_rate: Option<f64>,
    pub pending_overdue_rate: Option<f64>,
    pub online_rate: Option<f64>,
    pub digitized_rate: Option<f64>,
    pub paid_online_rate: Option<f64>,
    pub avg_processing_days: Option<f64>,
    /// The same average in working days (`processing_working_days` / resolved).
    #[serde(default)]
    pub avg_processing_working_days: Option<f64>,
}

impl From<Counts> for Figures {
    fn from(c: Counts) -> Self {
        Figures {
            on_time_rate: pct(c.on_time, c.resolved),
            early_rate: pct(c.early, c.resolved),
            late_rate: pct(c.late, c.resolved),
            pending_overdue_rate: pct(c.pending_overdue, c.pending),
            online_rate: pct(c.received_online, c.received).filter(|_| c.channel_known > 0),
            // of all resolved (a blank is a no), but only when the files say anything at all
            digitized_rate: pct(c.digitized, c.resolved).filter(|_| c.digitized_known > 0),
            paid_online_rate: pct(c.paid_online, c.resolved).filter(|_| c.paid_online_known > 0),
            avg_processing_days: (c.resolved > 0)
                .then(|| c.processing_minutes as f64 / 1440.0 / c.resolved as f64),
            avg_processing_working_days: (c.resolved > 0)
                .then(|| c.processing_working_days as f64 / c.resolved as f64),
            counts: c,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_form_a_monoid() {
        let a = Counts {
            resolved: 3,
            on_time: 2,
            late: 1,
            processing_minutes: 10,
            processing_working_days: 2,
            ..Default::default()
        };
        let b = Counts {
            resolved: 1,
            on_time: 1,
            pending: 4,
            ..Default::default()
        };
        let c = Counts {
            received: 7,
            received_online: 2,
            ..Default::default()
        };
        let mut ab_c = a;
        ab_c += &b;
        ab_c += &c;
        let mut bc = b;
        bc += &c;
        let mut a_bc = a;
        a_bc += &bc;
        assert_eq!(ab_c, a_bc);
        let mut z = Counts::default();
        z += &a;
        assert_eq!(z, a);
    }

    #[test]
    fn rates() {
        let f = Figures::from(Counts {
            resolved: 98942,
            on_time: 98783,
            late: 159,
            ..Default::default()
        });
        assert!((f.on_time_rate.unwrap() - 99.8393).abs() < 1e-4);
        assert_eq!(f.pending_overdue_rate, None);
    }
}
