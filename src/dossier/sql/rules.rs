//! The classification rules of [`classify`](crate::dossier::classify::classify) as data: one
//! boolean expression per part of an [`Outcome`](crate::dossier::classify::Outcome), built from
//! a convention's [`Rules`], that `emit` writes as SQL and [`eval`] evaluates in Rust.
//!
//! The two are one source: `tests` below evaluates every part on every combination of status
//! and date positions around the period (before, on and after each bound; a date missing) under
//! every convention, and fails where an expression and `classify` disagree; and the SQL emitter
//! writes every [`Part`] of [`Part::ALL`] (its test fails on a part the script lacks). So a rule
//! changed in `classify` and not here fails the tests before it can drift.
//!
//! Atoms are total: `VsBound(v, …)` and `VsVar(a, …, b)` are false when a date is missing (as
//! `Option::is_some_and`), so a `Not` of them is the Rust negation, never SQL's `NULL`.

use crate::dossier::convention::{Resolved, Rules, Suspended, Withdrawn};

/// A dossier's dates, as day numbers (the calendar date of each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Var {
    /// Received (NgayTiepNhan).
    Rec,
    /// Due (NgayHenTra).
    Due,
    /// End of processing (NgayKetThucXuLy, else the return date).
    Fin,
}

/// The period's first and last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    From,
    To,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub fn holds(self, a: i32, b: i32) -> bool {
        match self {
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }

    pub fn sql(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// A boolean expression over one dossier and the period.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Const(bool),
    /// The effective status (the file's, else 9 with an end date and 4 without) is one of these.
    StatusIn(&'static [u8]),
    /// The date is given.
    Has(Var),
    /// The date is given and compares so with the period's bound.
    VsBound(Var, Op, Bound),
    /// Both dates are given and compare so.
    VsVar(Var, Op, Var),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

fn not(e: Expr) -> Expr {
    Expr::Not(Box::new(e))
}

fn and(v: Vec<Expr>) -> Expr {
    Expr::And(v)
}

fn or(v: Vec<Expr>) -> Expr {
    Expr::Or(v)
}

/// The date is in the period.
fn in_period(v: Var) -> Expr {
    and(vec![
        Expr::VsBound(v, Op::Ge, Bound::From),
        Expr::VsBound(v, Op::Le, Bound::To),
    ])
}

/// The parts of an outcome, each a 0/1 column of the SQL and a bool of [`eval`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Never received (status 1 or 3), dated by receipt, else end, in the period.
    NotReceived,
    /// Received in the period.
    Received,
    /// Received before the period and not finished before it.
    CarriedOver,
    /// Resolved in the period before the due date's day.
    Early,
    /// Resolved in the period on the due date's day (or without a due date; a withdrawn dossier
    /// under a convention that counts it resolved on time).
    DueDay,
    /// Resolved in the period after the due date's day.
    Late,
    /// In progress at the period's end.
    Pending,
    /// In progress at the period's end, due before its last day.
    PendingOverdue,
    Withdrawn,
    Stopped,
}

impl Part {
    pub const ALL: [Part; 10] = [
        Part::NotReceived,
        Part::Received,
        Part::CarriedOver,
        Part::Early,
        Part::DueDay,
        Part::Late,
        Part::Pending,
        Part::PendingOverdue,
        Part::Withdrawn,
        Part::Stopped,
    ];

    /// The column name in the SQL.
    pub fn name(self) -> &'static str {
        match self {
            Part::NotReceived => "is_not_received",
            Part::Received => "is_received",
            Part::CarriedOver => "is_carried_over",
            Part::Early => "is_early",
            Part::DueDay => "is_due_day",
            Part::Late => "is_late",
            Part::Pending => "is_pending",
            Part::PendingOverdue => "is_pending_overdue",
            Part::Withdrawn => "is_withdrawn",
            Part::Stopped => "is_stopped",
        }
    }

    /// What the part counts, for the SQL's comments.
    pub fn doc(self) -> &'static str {
        match self {
            Part::NotReceived => "không tiếp nhận (trạng thái 1, 3)",
            Part::Received => "tiếp nhận trong kỳ",
            Part::CarriedOver => "kỳ trước chuyển sang",
            Part::Early => "giải quyết trước hạn",
            Part::DueDay => "giải quyết đúng hạn (đúng ngày hẹn, hoặc không có hạn)",
            Part::Late => "giải quyết quá hạn",
            Part::Pending => "đang giải quyết cuối kỳ",
            Part::PendingOverdue => "đang giải quyết, quá hạn",
            Part::Withdrawn => "rút hồ sơ (trạng thái 7)",
            Part::Stopped => "dừng xử lý (trạng thái 8)",
        }
    }
}

/// Every part's expression under `rules`, in [`Part::ALL`]'s order: `classify` written as data
/// (its branches named as there; the convention's switches folded into constants). Long: it is
/// the rules, one expression per part, read best in one piece beside `classify`.
pub fn parts(rules: Rules) -> Vec<(Part, Expr)> {
    use Expr::{Const, Has, StatusIn, VsBound, VsVar};
    let nr = StatusIn(&[1, 3]);
    let fbp = VsBound(Var::Fin, Op::Lt, Bound::From);
    let closed_without_date = and(vec![not(Has(Var::Fin)), StatusIn(&[7, 8])]);
    let ends_in_period = or(vec![
        in_period(Var::Fin),
        and(vec![closed_without_date.clone(), in_period(Var::Rec)]),
    ]);
    let suspended = match rules.suspended {
        Suspended::PendingWithinTime => StatusIn(&[5, 6, 8]),
        Suspended::ByEndDate => Const(false),
    };
    let done_only = match rules.resolved {
        Resolved::DoneStatus => StatusIn(&[2, 4]),
        Resolved::EndDate => Const(false),
    };
    // the three branches of classify after the not-received return
    let branch_a = and(vec![not(nr.clone()), suspended.clone()]);
    let branch_b = and(vec![
        not(nr.clone()),
        not(suspended.clone()),
        done_only.clone(),
    ]);
    let branch_c = and(vec![not(nr.clone()), not(suspended), not(done_only)]);
    let rec_le_to = VsBound(Var::Rec, Op::Le, Bound::To);
    let rec_lt_from = VsBound(Var::Rec, Op::Lt, Bound::From);
    let overdue = VsBound(Var::Due, Op::Lt, Bound::To);
    let a_pending = and(vec![branch_a.clone(), rec_le_to.clone(), not(fbp.clone())]);
    let b_pending = and(vec![branch_b, rec_le_to.clone()]);
    // branch C: withdrawn resolved on time, withdrawn/stopped apart, resolved, open at the end
    let c1 = and(vec![
        branch_c.clone(),
        StatusIn(&[7]),
        ends_in_period.clone(),
        Const(rules.withdrawn == Withdrawn::ResolvedOnTime),
    ]);
    let c2 = and(vec![
        branch_c.clone(),
        StatusIn(&[7, 8]),
        ends_in_period.clone(),
        not(c1.clone()),
    ]);
    let c3 = and(vec![
        branch_c.clone(),
        not(StatusIn(&[7, 8])),
        ends_in_period.clone(),
    ]);
    let open_at_end = or(vec![
        VsBound(Var::Fin, Op::Gt, Bound::To),
        and(vec![not(Has(Var::Fin)), not(closed_without_date.clone())]),
    ]);
    let c_pending = and(vec![
        branch_c.clone(),
        not(ends_in_period.clone()),
        open_at_end,
        rec_le_to,
    ]);
    let before_due = VsVar(Var::Fin, Op::Lt, Var::Due);
    let after_due = VsVar(Var::Fin, Op::Gt, Var::Due);
    vec![
        (
            Part::NotReceived,
            and(vec![
                nr.clone(),
                or(vec![
                    in_period(Var::Rec),
                    and(vec![not(Has(Var::Rec)), in_period(Var::Fin)]),
                ]),
            ]),
        ),
        (Part::Received, and(vec![not(nr), in_period(Var::Rec)])),
        (
            Part::CarriedOver,
            or(vec![
                and(vec![a_pending.clone(), rec_lt_from.clone()]),
                and(vec![b_pending.clone(), rec_lt_from.clone()]),
                and(vec![
                    branch_c,
                    rec_lt_from,
                    not(fbp),
                    not(closed_without_date),
                ]),
            ]),
        ),
        (Part::Early, and(vec![c3.clone(), before_due.clone()])),
        (
            Part::DueDay,
            or(vec![
                c1.clone(),
                and(vec![c3.clone(), not(before_due), not(after_due.clone())]),
            ]),
        ),
        (Part::Late, and(vec![c3, after_due])),
        (
            Part::Pending,
            or(vec![a_pending, b_pending.clone(), c_pending.clone()]),
        ),
        (
            Part::PendingOverdue,
            or(vec![
                and(vec![b_pending, overdue.clone()]),
                and(vec![c_pending, overdue]),
            ]),
        ),
        (
            Part::Withdrawn,
            or(vec![c1, and(vec![c2.clone(), StatusIn(&[7])])]),
        ),
        (
            Part::Stopped,
            or(vec![
                and(vec![branch_a, StatusIn(&[8]), ends_in_period]),
                and(vec![c2, StatusIn(&[8])]),
            ]),
        ),
    ]
}

/// One dossier as the expressions read it: effective status and day numbers.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    pub status: u8,
    pub rec: Option<i32>,
    pub due: Option<i32>,
    pub fin: Option<i32>,
    pub from: i32,
    pub to: i32,
}

impl Env {
    fn var(&self, v: Var) -> Option<i32> {
        match v {
            Var::Rec => self.rec,
            Var::Due => self.due,
            Var::Fin => self.fin,
        }
    }

    fn bound(&self, b: Bound) -> i32 {
        match b {
            Bound::From => self.from,
            Bound::To => self.to,
        }
    }
}

/// The value of `e` for one dossier.
pub fn eval(e: &Expr, env: &Env) -> bool {
    match e {
        Expr::Const(b) => *b,
        Expr::StatusIn(set) => set.contains(&env.status),
        Expr::Has(v) => env.var(*v).is_some(),
        Expr::VsBound(v, op, b) => env.var(*v).is_some_and(|x| op.holds(x, env.bound(*b))),
        Expr::VsVar(a, op, b) => {
            matches!((env.var(*a), env.var(*b)), (Some(x), Some(y)) if op.holds(x, y))
        }
        Expr::Not(x) => !eval(x, env),
        Expr::And(v) => v.iter().all(|x| eval(x, env)),
        Expr::Or(v) => v.iter().any(|x| eval(x, env)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basics::time::{days_from_civil, DayRange, MINUTES_PER_DAY};
    use crate::dossier::classify::{classify, effective_status, Outcome, Timeliness};
    use crate::dossier::convention;
    use crate::dossier::model::{Dossier, Status};

    fn part_of(o: &Outcome, p: Part) -> bool {
        match p {
            Part::NotReceived => o.not_received,
            Part::Received => o.received,
            Part::CarriedOver => o.carried_over,
            Part::Early => o.resolved == Some(Timeliness::Early),
            Part::DueDay => o.resolved == Some(Timeliness::DueDay),
            Part::Late => o.resolved == Some(Timeliness::Late),
            Part::Pending => o.pending.is_some(),
            Part::PendingOverdue => o.pending == Some(true),
            Part::Withdrawn => o.withdrawn,
            Part::Stopped => o.stopped,
        }
    }

    /// Every status (and none) × every position of the three dates around the period's bounds
    /// (and none), under every combination of the convention switches (the embedded
    /// conventions among them): the expressions say what `classify` says, part by part (long:
    /// the grid of cases is built in place, loop by loop).
    #[test]
    fn the_expressions_are_classify() {
        let p = DayRange {
            from: days_from_civil(2024, 1, 1),
            to: days_from_civil(2024, 12, 31),
        };
        let mut days: Vec<Option<i32>> = vec![None];
        for d in [
            p.from - 10,
            p.from - 1,
            p.from,
            p.from + 1,
            p.from + 150,
            p.to - 1,
            p.to,
            p.to + 1,
            p.to + 10,
        ] {
            days.push(Some(d));
        }
        let at = |d: Option<i32>| d.map(|d| d * MINUTES_PER_DAY + 9 * 60);
        let mut checked = 0;
        let mut all_rules = Vec::new();
        for resolved in [Resolved::EndDate, Resolved::DoneStatus] {
            for withdrawn in [Withdrawn::Apart, Withdrawn::ResolvedOnTime] {
                for suspended in [Suspended::ByEndDate, Suspended::PendingWithinTime] {
                    all_rules.push(Rules {
                        resolved,
                        withdrawn,
                        suspended,
                    });
                }
            }
        }
        for c in convention::all() {
            assert!(all_rules.contains(&c.rules()), "{}", c.id);
        }
        for rules in all_rules {
            let parts = parts(rules);
            assert_eq!(parts.iter().map(|(p, _)| *p).collect::<Vec<_>>(), Part::ALL);
            for status in std::iter::once(None).chain((1..=10).map(Some)) {
                for &rec in &days {
                    for &due in &days {
                        for &fin in &days {
                            let d = Dossier {
                                received: at(rec).into(),
                                due: at(due).into(),
                                finished: at(fin).into(),
                                status: status.and_then(Status::from_code),
                                ..Dossier::default()
                            };
                            let o = classify(&d, &p, rules);
                            // a dossier the late list may show keeps its id's text
                            let late =
                                o.resolved == Some(Timeliness::Late) || o.pending == Some(true);
                            assert!(!late || d.may_be_listed(), "{d:?}");
                            let env = Env {
                                status: effective_status(&d) as u8,
                                rec,
                                due,
                                fin,
                                from: p.from,
                                to: p.to,
                            };
                            for (part, e) in &parts {
                                assert_eq!(
                                    eval(e, &env),
                                    part_of(&o, *part),
                                    "{rules:?} {part:?}: {env:?} → {o:?}"
                                );
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked >= 8 * 11 * 1000 * 10, "{checked}");
    }
}
