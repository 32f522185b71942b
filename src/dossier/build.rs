//! From ingested dossiers to the Report, as a pure function of an [`Ingested`] and the
//! [`Settings`]: choose the period, classify each dossier once, add its outcome into every
//! aggregate it belongs to (levels, units, fields, procedures, months), list the late dossiers,
//! sort the breakdowns, and assemble the Report with its narrative (`narrative.rs`). Working
//! days (late, processing time) are counted once per dossier with the settings' calendar.

use crate::basics::calendar::Calendar;
use crate::basics::limits::MAX_LATE_LISTED;
use crate::basics::period::label as period_label;
use crate::basics::period::previous;
use crate::basics::time::{civil_from_days, day_of, days_from_civil, iso_date, Day};
use crate::basics::time::{DayRange, REFORM_DAY};
use crate::dossier::aggregate::{Counts, Figures};
use crate::dossier::chunked::Chunked;
use crate::dossier::classify::{classify, Outcome, Timeliness};
use crate::dossier::compare::{comparison, PeriodComparison};
use crate::dossier::convention::{Convention, Rules};
use crate::dossier::form_build::{form_adds, forms_period, merge_into};
use crate::dossier::ingested::Ingested;
use crate::dossier::model::{Dossier, Level};
use crate::dossier::months::Months;
use crate::dossier::narrative::{narrative, Subject, NO_PERIOD};
use crate::dossier::options::{Compare, Settings};
use crate::dossier::report::{
    Breakdown, CalendarOut, ConventionOut, LateDossier, LevelFigures, PeriodOut, Report,
    REPORT_VERSION,
};
use crate::dossier::store::Store;
use std::sync::Arc;

/// The Report of `ingested` under `settings` (its period and two-tier mode; the period, when
/// not given, is the year with most end dates). Pure: the same inputs give the same Report, so
/// one ingest can be reported under several settings.
pub fn build(ingested: &Ingested, settings: &Settings) -> Report {
    let (period, auto) = match settings.period {
        Some(p) => (Some(p), false),
        None => (
            auto_period(&ingested.store.dossiers).or_else(|| forms_period(ingested)),
            true,
        ),
    };
    let two_tier = settings
        .two_tier
        .unwrap_or_else(|| period.is_some_and(|p| p.from >= REFORM_DAY));
    let st = &ingested.store;
    let rules = settings.convention.rules();
    let mut tally = Tally::new(st, period, two_tier, rules, settings.calendar.clone());
    if let Some(p) = period {
        tally.add_all(st, &p);
    }
    let before = match settings.compare {
        Compare::None => None,
        Compare::Previous => period.map(|p| previous(&p)),
        Compare::Range(r) => Some(r),
    };
    let comparison = before.map(|b| {
        let mut t = Tally::new(st, Some(b), two_tier, rules, settings.calendar.clone());
        t.add_all(st, &b);
        compared(st, &t, &tally, b)
    });
    let forms = form_adds(ingested, period, |l| shown(two_tier, l));
    for (l, c) in tally.levels.iter_mut().zip(&forms.levels) {
        *l += c;
    }
    let mut report = tally.assemble(ingested, period, auto, settings.convention, comparison);
    merge_into(&mut report, forms);
    report
}

/// The comparison of the report's sums (`now`) with those of the period `b` (`before`).
fn compared(st: &Store, before: &Tally, now: &Tally, b: DayRange) -> PeriodComparison {
    let two_tier = now.two_tier;
    let levels: Vec<(Level, &str, Counts, Counts)> = level_figures(&now.levels, two_tier)
        .iter()
        .map(|l| {
            let i = l.level.index();
            (l.level, l.level.vi(), before.levels[i], now.levels[i])
        })
        .collect();
    let units: Vec<(String, Option<Level>, Counts, Counts)> = (0..now.units.len())
        .map(|i| {
            (
                or_unknown(&st.units.names[i], "đơn vị"),
                Some(shown(two_tier, st.unit_levels[i])),
                before.units[i],
                now.units[i],
            )
        })
        .collect();
    comparison(period_out(Some(b), false), &levels, &units)
}

/// The calendar year holding the most end-of-processing dates (ties → the later year); without
/// any end date, the year holding the most receipt dates. A dossier's year is its cached
/// year's when its day falls in it (no civil arithmetic per dossier: the dates cluster).
fn auto_period(dossiers: &Chunked<Dossier>) -> Option<DayRange> {
    let mut years: Vec<(i32, u64)> = Vec::new();
    let mut slots = std::collections::BTreeMap::new();
    for pick in [true, false] {
        // the year of the last date counted: its days and its slot in `years`
        let mut cached = (1, 0, 0usize);
        for d in dossiers.chunks().flatten() {
            let m = if pick { d.finished } else { d.received };
            let Some(m) = m.get() else { continue };
            let day = day_of(m);
            if day < cached.0 || day > cached.1 {
                let y = civil_from_days(day).0;
                let slot = *slots.entry(y).or_insert_with(|| {
                    years.push((y, 0));
                    years.len() - 1
                });
                cached = (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31), slot);
            }
            years[cached.2].1 += 1;
        }
        if !years.is_empty() {
            break;
        }
    }
    let &(y, _) = years.iter().max_by_key(|&&(y, n)| (n, y))?;
    Some(DayRange {
        from: days_from_civil(y, 1, 1),
        to: days_from_civil(y, 12, 31),
    })
}

/// The level a dossier is reported at: in two-tier mode district units go with the communes.
fn shown(two_tier: bool, l: Level) -> Level {
    if two_tier && l == Level::District {
        Level::Commune
    } else {
        l
    }
}

/// The aggregates being added up, one classified dossier at a time.
struct Tally {
    two_tier: bool,
    rules: Rules,
    levels: [Counts; 3],
    units: Vec<Counts>,
    fields: Vec<Counts>,
    /// Per field, its counts at each shown level (form 06's rows).
    field_levels: Vec<[Counts; 3]>,
    procedures: Vec<Counts>,
    months: Months,
    /// Every late dossier, light: named only for those listed, at the end.
    late: Vec<Late>,
    cal: Arc<Calendar>,
    /// The first and last day any working-day count used (for the calendar's warnings).
    span: (Day, Day),
}

impl Tally {
    fn new(
        st: &Store,
        period: Option<DayRange>,
        two_tier: bool,
        rules: Rules,
        cal: Arc<Calendar>,
    ) -> Tally {
        Tally {
            two_tier,
            rules,
            levels: [Counts::default(); 3],
            units: vec![Counts::default(); st.units.names.len()],
            fields: vec![Counts::default(); st.fields.names.len()],
            field_levels: vec![[Counts::default(); 3]; st.fields.names.len()],
            procedures: vec![Counts::default(); st.procedures.names.len()],
            months: Months::new(period),
            late: Vec::new(),
            cal,
            span: (Day::MAX, Day::MIN),
        }
    }

    /// Working days after `from` up to `to`, noting the days used.
    #[inline]
    fn working_days(&mut self, from: Day, to: Day) -> i32 {
        self.span = (self.span.0.min(from.min(to)), self.span.1.max(from.max(to)));
        self.cal.working_days_between(from, to)
    }

    /// A resolved dossier's processing time in working days (0 without both dates).
    #[inline]
    fn processing_working_days(&mut self, d: &Dossier, o: &Outcome) -> u32 {
        match (o.resolved, d.received(), d.finished()) {
            (Some(_), Some(r), Some(f)) => self.working_days(day_of(r), day_of(f)).max(0) as u32,
            _ => 0,
        }
    }

    /// Classifies every dossier of the store for the period (chunk by chunk: a plain loop over
    /// each slice, as fast as over one `Vec`).
    fn add_all(&mut self, st: &Store, p: &DayRange) {
        for (i, d) in st.dossiers.chunks().flatten().enumerate() {
            self.add(i, d, p);
        }
    }

    /// Classifies one dossier (the `i`-th of the store) for the period and adds its outcome
    /// everywhere it belongs.
    #[inline]
    fn add(&mut self, i: usize, d: &Dossier, p: &DayRange) {
        let o = classify(d, p, self.rules);
        if o == Outcome::default() {
            return;
        }
        let work = self.processing_working_days(d, &o);
        // the dossier's counts worked out once, then added where it belongs
        let mut c = Counts::default();
        c.add(d, &o, work);
        let level = shown(self.two_tier, d.level);
        self.levels[level.index()] += &c;
        self.units[d.unit() as usize] += &c;
        self.fields[d.field() as usize] += &c;
        self.field_levels[d.field() as usize][level.index()] += &c;
        self.procedures[d.procedure() as usize] += &c;
        // a month holds what ended in it and what was received in it, not the period-end state
        let by_month = Outcome {
            pending: None,
            carried_over: false,
            ..o
        };
        // dated as classify dates them: by the end of processing, and a withdrawn or stopped
        // dossier without an end date by its receipt; a not-received one by receipt, else end
        let ended = match d.finished() {
            None if o.withdrawn || o.stopped => d.received(),
            f => f,
        };
        if let Some(m) = self.months.slot(p, ended, level) {
            m.add_end(d, &by_month, work);
        }
        if o.received || o.not_received {
            let at = if o.received {
                d.received()
            } else {
                d.received().or(d.finished())
            };
            if let Some(m) = self.months.slot(p, at, level) {
                m.add_receipt(d, &o);
            }
        }
        if let Some((resolved, days_late, due)) = late_kind(d, &o, p) {
            let working_days_late = self.working_days(due, due + days_late);
            self.late.push(Late {
                dossier: i,
                resolved,
                days_late,
                working_days_late,
            });
        }
    }

    /// The Report from the sums: levels, total, sorted breakdowns, months, late list, text (over
    /// 80 lines: it fills every field of the Report, one after the other).
    fn assemble(
        self,
        ing: &Ingested,
        period: Option<DayRange>,
        auto: bool,
        convention: &Convention,
        comparison: Option<PeriodComparison>,
    ) -> Report {
        let st = &ing.store;
        let two_tier = self.two_tier;
        // the total is the sum of the levels (Counts is a monoid)
        let mut total = Counts::default();
        for l in &self.levels {
            total += l;
        }
        let levels = level_figures(&self.levels, two_tier);
        let total: Figures = total.into();
        let scope = scope(&self.units, &levels, |i| st.units.names[i].as_str());
        let narrative = narrative(&Subject {
            period: period.as_ref(),
            scope: &scope,
            levels: &levels,
            total: &total,
            convention: &convention.name,
            comparison: comparison.as_ref(),
        });
        let calendar = CalendarOut {
            name: self.cal.name.clone(),
            years_covered: self.cal.years.clone(),
            warnings: self.cal.warnings(self.span.0, self.span.1),
        };
        let field_levels = levels
            .iter()
            .flat_map(|l| {
                let at = self
                    .field_levels
                    .iter()
                    .map(|c| c[l.level.index()])
                    .collect();
                breakdown(at, |i| {
                    let name = or_unknown(&st.fields.names[i], "lĩnh vực");
                    (name, Some(l.level), None)
                })
            })
            .collect();
        let mut late = self.late;
        let late_total = late.len() as u64;
        let listed = listed_late(st, &mut late);
        let late = listed
            .into_iter()
            .map(|(l, d, id)| late_dossier(st, l, d, id, two_tier))
            .collect();
        Report {
            version: REPORT_VERSION,
            period: period_out(period, auto),
            two_tier,
            convention: ConventionOut::of(convention),
            calendar,
            rows: ing.rows(),
            problems_total: ing.problems_total,
            problems_by_reason: ing.problems_by_reason(),
            problems: ing.problems.clone(),
            files: ing.files.clone(),
            levels,
            total,
            units: breakdown(self.units, |i| {
                let name = or_unknown(&st.units.names[i], "đơn vị");
                (name, Some(shown(two_tier, st.unit_levels[i])), None)
            }),
            field_levels,
            forms: Vec::new(),
            fields: breakdown(self.fields, |i| {
                (or_unknown(&st.fields.names[i], "lĩnh vực"), None, None)
            }),
            procedures: breakdown(self.procedures, |i| procedure_name(st, i)),
            months: self.months.figures(two_tier),
            late,
            late_total,
            narrative,
            comparison,
            sources: Vec::new(),
        }
    }
}

/// A late dossier as the tally keeps it (16 bytes: names are looked up only for the dossiers
/// listed, at most [`MAX_LATE_LISTED`]).
struct Late {
    /// Its index in the store.
    dossier: usize,
    /// Resolved late in the period (else overdue at its end).
    resolved: bool,
    days_late: i32,
    working_days_late: i32,
}

/// The late dossiers listed, in the order of the list (most days late first, then by id, then
/// in store order: a total order, so the same list however the sort runs), at most
/// [`MAX_LATE_LISTED`], each with its dossier and id. Ids compare as bytes (the order of `str`).
/// Past the limit, the listed ones are selected first (in place); then each is looked up once,
/// in store order, and the sort compares what was looked up (a lookup per comparison reached
/// into the whole store at random).
fn listed_late<'a>(st: &'a Store, late: &'a mut [Late]) -> Vec<(&'a Late, &'a Dossier, &'a [u8])> {
    let key = |l: &Late| {
        let d = &st.dossiers[l.dossier];
        (std::cmp::Reverse(l.days_late), st.id_raw(d), l.dossier)
    };
    let mut late = late;
    if late.len() > MAX_LATE_LISTED {
        late.select_nth_unstable_by(MAX_LATE_LISTED, |x, y| key(x).cmp(&key(y)));
        late = &mut late[..MAX_LATE_LISTED];
        late.sort_unstable_by_key(|l| l.dossier);
    }
    let mut listed: Vec<(&Late, &Dossier, &[u8])> = late
        .iter()
        .map(|l| {
            let d = &st.dossiers[l.dossier];
            (l, d, st.id_raw(d))
        })
        .collect();
    listed.sort_unstable_by(|x, y| {
        (std::cmp::Reverse(x.0.days_late), x.2, x.0.dossier).cmp(&(
            std::cmp::Reverse(y.0.days_late),
            y.2,
            y.0.dossier,
        ))
    });
    listed
}

/// Whether a dossier was resolved late in the period (true) or is overdue at its end (false),
/// its days late and its due day; `None` when neither.
fn late_kind(d: &Dossier, o: &Outcome, p: &DayRange) -> Option<(bool, i32, Day)> {
    match (o.resolved, o.pending, d.due()) {
        (Some(Timeliness::Late), _, Some(due)) => {
            let due = day_of(due);
            Some((true, d.finished().map_or(due, day_of) - due, due))
        }
        (_, Some(true), Some(due)) => Some((false, p.to - day_of(due), day_of(due))),
        _ => None,
    }
}

/// A listed late dossier, named.
fn late_dossier(st: &Store, l: &Late, d: &Dossier, id: &[u8], two_tier: bool) -> LateDossier {
    LateDossier {
        kind: if l.resolved { "resolved" } else { "pending" }.into(),
        id: std::str::from_utf8(id).unwrap_or("").to_string(),
        unit: st.units.names[d.unit() as usize].clone(),
        level: shown(two_tier, d.level),
        procedure: st.procedure_names[d.procedure() as usize].clone(),
        field: st.fields.names[d.field() as usize].clone(),
        received: d.received().map(|m| iso_date(day_of(m))),
        due: d.due().map(|m| iso_date(day_of(m))),
        finished: d.finished().map(|m| iso_date(day_of(m))),
        days_late: l.days_late,
        working_days_late: l.working_days_late,
    }
}

/// The levels reported: tỉnh, huyện, xã, or tỉnh, xã in two-tier mode.
pub(crate) fn level_figures(levels: &[Counts; 3], two_tier: bool) -> Vec<LevelFigures> {
    let list: &[Level] = if two_tier {
        &[Level::Province, Level::Commune]
    } else {
        &Level::ALL
    };
    list.iter()
        .map(|&l| LevelFigures {
            level: l,
            label: l.vi().into(),
            figures: levels[l.index()].into(),
        })
        .collect()
}

/// Who the figures are about, as the report's subject: «toàn tỉnh» only when the files hold
/// every level of the model; the unit's name when they hold one unit; else the levels held
/// («cấp huyện, cấp xã»).
pub(super) fn scope<'a>(
    units: &[Counts],
    levels: &[LevelFigures],
    name: impl Fn(usize) -> &'a str,
) -> String {
    let empty = Counts::default();
    let active: Vec<usize> = (0..units.len()).filter(|&i| units[i] != empty).collect();
    if let [one] = active[..] {
        if !name(one).is_empty() {
            return name(one).to_string();
        }
    }
    let held: Vec<&LevelFigures> = levels
        .iter()
        .filter(|l| l.figures.counts != empty)
        .collect();
    if held.len() == levels.len() || held.is_empty() {
        "toàn tỉnh".into()
    } else {
        held.iter()
            .map(|l| l.label.to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub(crate) fn period_out(period: Option<DayRange>, auto: bool) -> PeriodOut {
    match period {
        Some(p) => PeriodOut {
            from: iso_date(p.from),
            to: iso_date(p.to),
            label: period_label(&p),
            auto,
        },
        None => PeriodOut {
            from: String::new(),
            to: String::new(),
            label: NO_PERIOD.into(),
            auto,
        },
    }
}

/// An interned name, or «(không rõ …)» for an empty one.
pub(crate) fn or_unknown(s: &str, what: &str) -> String {
    if s.is_empty() {
        format!("(không rõ {what})")
    } else {
        s.to_string()
    }
}

/// A procedure's name and, when it has a name besides its key, its code.
fn procedure_name(st: &Store, i: usize) -> (String, Option<Level>, Option<String>) {
    let (code, name) = st.procedure_code_name(i);
    (or_unknown(name, "thủ tục"), None, code.map(str::to_string))
}

/// The non-empty entries of a breakdown, most resolved first, then by name (then by code and
/// level: an order that does not depend on the store's, so summaries merge to the same order).
pub(super) fn breakdown(
    counts: Vec<Counts>,
    name: impl Fn(usize) -> (String, Option<Level>, Option<String>),
) -> Vec<Breakdown> {
    let mut v: Vec<Breakdown> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, c)| {
            let (name, level, code) = name(i);
            Breakdown {
                name,
                level,
                code,
                figures: c.into(),
            }
        })
        .collect();
    v.sort_by(|a, b| {
        b.figures
            .counts
            .resolved
            .cmp(&a.figures.counts.resolved)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.level.cmp(&b.level))
    });
    v
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
