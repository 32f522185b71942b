//! The classification rules: one dossier against one reporting period, under a counting
//! convention (`convention.rs`, data: `mac-dinh` by default, `bieu-06` as form 06 counts).
//!
//! Sources: domain.md §1.3 (group 2, the 766 formula document) and §2.3 (how a provincial
//! one-stop system builds form 06). The choices, written out in README.md:
//! - end of processing = NgayKetThucXuLy / Ngày có kết quả, else NgayTra;
//! - resolved in the period: end of processing in the period, status not 1/3 (never received),
//!   7 (withdrawn) or 8 (stopped/refused); under `bieu-06` only statuses 9/10. Early when its
//!   calendar date is before the due date's, on the due date → on time, after → late; no due
//!   date → on time (§2.3);
//! - `bieu-06` only: withdrawn (7) is also resolved on time; supplement (5), financial
//!   obligation (6) and stopped (8) are in progress within time;
//! - in progress at period end: received on or before the end and not finished by it (no end date,
//!   or one after the period); overdue when the due date is before the period's last day;
//! - withdrawn (7) and stopped (8) are counted apart in the period of their end date (or, without
//!   one, of their receipt), never as resolved;
//! - received in the period: receipt date in the period (status not 1/3), by channel;
//! - carried over: received before the period and not finished before it.

use crate::basics::time::{day_of, DayRange};
use crate::dossier::convention::{Resolved, Rules, Suspended, Withdrawn};
use crate::dossier::model::{Dossier, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeliness {
    Early,
    DueDay,
    Late,
}

/// What one dossier contributes to the figures of one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Outcome {
    pub resolved: Option<Timeliness>,
    /// In progress at period end; `Some(true)` when overdue.
    pub pending: Option<bool>,
    pub withdrawn: bool,
    pub stopped: bool,
    pub not_received: bool,
    pub received: bool,
    pub carried_over: bool,
}

/// The status a row without a status column is taken to have: finished when it has an end date.
pub fn effective_status(d: &Dossier) -> Status {
    d.status.unwrap_or(if d.finished().is_some() {
        Status::Done
    } else {
        Status::Processing
    })
}

/// What `d` contributes to period `p` under the convention's `rules`.
pub fn classify(d: &Dossier, p: &DayRange, rules: Rules) -> Outcome {
    let mut o = Outcome::default();
    let status = effective_status(d);
    let fin = d.finished().map(day_of);
    let rec = d.received().map(day_of);
    if status.is_not_received() {
        o.not_received = rec.or(fin).is_some_and(|x| p.contains(x));
        return o;
    }
    o.received = rec.is_some_and(|r| p.contains(r));
    let finished_before_period = fin.is_some_and(|f| f < p.from);
    let closed_without_date =
        fin.is_none() && matches!(status, Status::Withdrawn | Status::Stopped);
    let ends_in_period = match fin {
        Some(f) => p.contains(f),
        None => closed_without_date && o.received,
    };
    let suspended = matches!(
        status,
        Status::Supplement | Status::FinancialObligation | Status::Stopped
    );
    if suspended && rules.suspended == Suspended::PendingWithinTime {
        // form 06: in progress within time at the period's end, unless closed before it began
        if rec.is_some_and(|r| r <= p.to) && !finished_before_period {
            o.pending = Some(false);
            o.carried_over = rec.is_some_and(|r| r < p.from);
        }
        o.stopped = status == Status::Stopped && ends_in_period;
        return o;
    }
    if rules.resolved == Resolved::DoneStatus
        && matches!(status, Status::Received | Status::Processing)
    {
        // form 06: statuses 2 and 4 are in progress, whatever end date the file gives
        if rec.is_some_and(|r| r <= p.to) {
            o.pending = Some(overdue_at(d, p));
            o.carried_over = rec.is_some_and(|r| r < p.from);
        }
        return o;
    }
    o.carried_over =
        rec.is_some_and(|r| r < p.from) && !finished_before_period && !closed_without_date;
    match status {
        Status::Withdrawn if ends_in_period && rules.withdrawn == Withdrawn::ResolvedOnTime => {
            o.withdrawn = true;
            o.resolved = Some(Timeliness::DueDay);
            return o;
        }
        Status::Withdrawn | Status::Stopped if ends_in_period => {
            o.withdrawn = status == Status::Withdrawn;
            o.stopped = status == Status::Stopped;
            return o;
        }
        _ if ends_in_period => {
            let f = fin.expect("in period implies a date");
            o.resolved = Some(match d.due().map(day_of) {
                Some(due) if f < due => Timeliness::Early,
                Some(due) if f > due => Timeliness::Late,
                _ => Timeliness::DueDay,
            });
            return o;
        }
        _ => {}
    }
    let open_at_end = match fin {
        Some(f) => f > p.to,
        None => !closed_without_date,
    };
    if open_at_end && rec.is_some_and(|r| r <= p.to) {
        o.pending = Some(overdue_at(d, p));
    }
    o
}

/// In progress at the period's end and overdue: its due date is before the last day.
fn overdue_at(d: &Dossier, p: &DayRange) -> bool {
    d.due().map(day_of).is_some_and(|due| due < p.to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basics::time::{days_from_civil, MINUTES_PER_DAY};

    fn at(y: i32, m: u32, d: u32) -> Option<i32> {
        Some(days_from_civil(y, m, d) * MINUTES_PER_DAY + 9 * 60)
    }

    fn dossier(
        received: Option<i32>,
        due: Option<i32>,
        finished: Option<i32>,
        status: Option<u8>,
    ) -> Dossier {
        Dossier {
            received: received.into(),
            due: due.into(),
            finished: finished.into(),
            status: status.and_then(Status::from_code),
            ..Dossier::default()
        }
    }

    fn year2024() -> DayRange {
        DayRange {
            from: days_from_civil(2024, 1, 1),
            to: days_from_civil(2024, 12, 31),
        }
    }

    /// The specification table: one row per rule case (over 80 lines because it is data).
    #[test]
    fn table_of_cases() {
        use Timeliness::*;
        let p = year2024();
        // (received, due, finished, status) -> expected outcome pieces
        let cases: Vec<(Dossier, Outcome)> = vec![
            // early: finished the day before the due date, even at a later hour
            (
                dossier(at(2024, 3, 1), at(2024, 3, 10), at(2024, 3, 9), Some(10)),
                Outcome {
                    resolved: Some(Early),
                    received: true,
                    ..Default::default()
                },
            ),
            // due day, late in the evening: on time (calendar date comparison)
            (
                dossier(
                    at(2024, 3, 1),
                    at(2024, 3, 10),
                    Some(days_from_civil(2024, 3, 10) * 1440 + 23 * 60),
                    Some(9),
                ),
                Outcome {
                    resolved: Some(DueDay),
                    received: true,
                    ..Default::default()
                },
            ),
            (
                dossier(at(2024, 3, 1), at(2024, 3, 10), at(2024, 3, 11), Some(10)),
                Outcome {
                    resolved: Some(Late),
                    received: true,
                    ..Default::default()
                },
            ),
            // no due date: on time
            (
                dossier(at(2024, 3, 1), None, at(2024, 3, 11), None),
                Outcome {
                    resolved: Some(DueDay),
                    received: true,
                    ..Default::default()
                },
            ),
            // carried over from 2023, resolved in 2024
            (
                dossier(at(2023, 12, 20), at(2024, 1, 5), at(2024, 1, 3), Some(10)),
                Outcome {
                    resolved: Some(Early),
                    carried_over: true,
                    ..Default::default()
                },
            ),
            // resolved in 2023: nothing in 2024
            (
                dossier(at(2023, 12, 1), at(2023, 12, 5), at(2023, 12, 3), Some(10)),
                Outcome::default(),
            ),
            // pending at year end, within time
            (
                dossier(at(2024, 12, 20), at(2025, 1, 5), None, Some(4)),
                Outcome {
                    pending: Some(false),
                    received: true,
                    ..Default::default()
                },
            ),
            // pending, due before the last day: overdue
            (
                dossier(at(2024, 12, 1), at(2024, 12, 30), None, Some(4)),
                Outcome {
                    pending: Some(true),
                    received: true,
                    ..Default::default()
                },
            ),
            // finished after the period: pending at its end
            (
                dossier(at(2024, 12, 28), at(2025, 1, 8), at(2025, 1, 2), Some(10)),
                Outcome {
                    pending: Some(false),
                    received: true,
                    ..Default::default()
                },
            ),
            // withdrawn: apart, never resolved
            (
                dossier(at(2024, 5, 1), at(2024, 5, 9), at(2024, 5, 3), Some(7)),
                Outcome {
                    withdrawn: true,
                    received: true,
                    ..Default::default()
                },
            ),
            (
                dossier(at(2024, 5, 1), at(2024, 5, 9), None, Some(7)),
                Outcome {
                    withdrawn: true,
                    received: true,
                    ..Default::default()
                },
            ),
            (
                dossier(at(2024, 5, 1), at(2024, 5, 9), at(2024, 5, 3), Some(8)),
                Outcome {
                    stopped: true,
                    received: true,
                    ..Default::default()
                },
            ),
            // not received (3): only its own counter
            (
                dossier(at(2024, 5, 1), None, None, Some(3)),
                Outcome {
                    not_received: true,
                    ..Default::default()
                },
            ),
            // in progress status but with an end date in the period: the end date rules
            (
                dossier(at(2024, 5, 1), at(2024, 5, 9), at(2024, 5, 8), Some(4)),
                Outcome {
                    resolved: Some(Early),
                    received: true,
                    ..Default::default()
                },
            ),
            // received after the period: nothing
            (
                dossier(at(2025, 1, 2), at(2025, 1, 9), None, Some(2)),
                Outcome::default(),
            ),
        ];
        let rules = crate::dossier::convention::default().rules();
        for (i, (d, want)) in cases.iter().enumerate() {
            assert_eq!(classify(d, &p, rules), *want, "case {i}: {d:?}");
        }
    }

    /// The `bieu-06` convention (form 06 / II.06a, domain.md §2.3), case by case; each row
    /// also gives what `mac-dinh` says of the same dossier (over 80 lines because it is data).
    #[test]
    fn table_of_form06_cases() {
        use Timeliness::*;
        let p = year2024();
        let o = |resolved, pending, withdrawn, stopped, carried_over| Outcome {
            resolved,
            pending,
            withdrawn,
            stopped,
            received: true,
            carried_over,
            ..Default::default()
        };
        let rec = at(2024, 5, 1);
        let due = at(2024, 5, 9);
        // (dossier, bieu-06, mac-dinh)
        let cases: Vec<(Dossier, Outcome, Outcome)> = vec![
            // withdrawn in the period: resolved on time (and a withdrawn part) / apart
            (
                dossier(rec, due, at(2024, 5, 12), Some(7)),
                o(Some(DueDay), None, true, false, false),
                o(None, None, true, false, false),
            ),
            // supplement pending, with or without a date: in progress within time / by dates
            (
                dossier(rec, due, None, Some(5)),
                o(None, Some(false), false, false, false),
                o(None, Some(true), false, false, false),
            ),
            (
                dossier(rec, due, at(2024, 5, 20), Some(5)),
                o(None, Some(false), false, false, false),
                o(Some(Late), None, false, false, false),
            ),
            // financial obligation pending: in progress within time
            (
                dossier(rec, due, at(2024, 5, 3), Some(6)),
                o(None, Some(false), false, false, false),
                o(Some(Early), None, false, false, false),
            ),
            // stopped in the period: in progress within time (and a stopped part) / apart
            (
                dossier(rec, due, at(2024, 5, 3), Some(8)),
                o(None, Some(false), false, true, false),
                o(None, None, false, true, false),
            ),
            // processing (4) with an end date in the period: in progress / resolved
            (
                dossier(rec, due, at(2024, 5, 8), Some(4)),
                o(None, Some(true), false, false, false),
                o(Some(Early), None, false, false, false),
            ),
            // done (9), carried over from 2023, late: the same under both
            (
                dossier(at(2023, 12, 1), at(2023, 12, 20), at(2024, 1, 3), Some(9)),
                o(Some(Late), None, false, false, true),
                o(Some(Late), None, false, false, true),
            ),
            // supplement pending since 2023: carried over and in progress within time
            (
                dossier(at(2023, 12, 1), at(2023, 12, 20), None, Some(5)),
                o(None, Some(false), false, false, true),
                o(None, Some(true), false, false, true),
            ),
        ];
        let bieu06 = crate::dossier::convention::find(Some("bieu-06"))
            .unwrap()
            .rules();
        let mac_dinh = crate::dossier::convention::default().rules();
        for (i, (d, form, default)) in cases.iter().enumerate() {
            let mut form = *form;
            let mut default = *default;
            // the 2023 dossiers were not received in 2024
            if d.received() < at(2024, 1, 1) {
                form.received = false;
                default.received = false;
            }
            assert_eq!(classify(d, &p, bieu06), form, "bieu-06 case {i}: {d:?}");
            assert_eq!(
                classify(d, &p, mac_dinh),
                default,
                "mac-dinh case {i}: {d:?}"
            );
        }
    }
}
