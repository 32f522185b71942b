//! From ingested dossiers to the Report, as a pure function of an [`Ingested`] and the
//! [`Settings`]: choose the period, classify each dossier once, add its outcome into every
//! aggregate it belongs to (levels, units, fields, procedures, months), list the late dossiers,
//! sort the breakdowns, and assemble the Report with its narrative (`narrative.rs`).

use crate::basics::time::{civil_from_days, day_of, days_from_civil, iso_date};
use crate::basics::time::{DayRange, REFORM_DAY};
use crate::dossier::aggregate::{Counts, Figures};
use crate::dossier::classify::{classify, Outcome, Timeliness};
use crate::dossier::ingested::Ingested;
use crate::dossier::model::{Dossier, Level};
use crate::dossier::narrative::{narrative, period_label, NO_DATA, NO_PERIOD};
use crate::dossier::options::Settings;
use crate::dossier::report::{
    Breakdown, LateDossier, LevelFigures, MonthFigures, PeriodOut, ReasonCount, Report,
    REPORT_VERSION,
};
use crate::dossier::store::Store;

/// The Report of `ingested` under `settings` (its period and two-tier mode; the period, when
/// not given, is the year with most end dates). Pure: the same inputs give the same Report, so
/// one ingest can be reported under several settings.
pub fn build(ingested: &Ingested, settings: &Settings) -> Report {
    let (period, auto) = match settings.period {
        Some(p) => (Some(p), false),
        None => (auto_period(&ingested.store.dossiers), true),
    };
    let two_tier = settings
        .two_tier
        .unwrap_or_else(|| period.is_some_and(|p| p.from >= REFORM_DAY));
    let st = &ingested.store;
    let mut tally = Tally::new(st, period, two_tier);
    if let Some(p) = period {
        for d in &st.dossiers {
            tally.add(st, d, &p);
        }
    }
    tally.assemble(ingested, period, auto)
}

/// The calendar year holding the most end-of-processing dates (ties → the later year); without
/// any end date, the year holding the most receipt dates.
fn auto_period(dossiers: &[Dossier]) -> Option<DayRange> {
    let mut years: std::collections::BTreeMap<i32, u64> = Default::default();
    for pick in [true, false] {
        for d in dossiers {
            let m = if pick { d.finished } else { d.received };
            if let Some(m) = m {
                *years.entry(civil_from_days(day_of(m)).0).or_insert(0) += 1;
            }
        }
        if !years.is_empty() {
            break;
        }
    }
    let (&y, _) = years.iter().max_by_key(|&(y, n)| (*n, *y))?;
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

/// Months since year 0 of a day (January 2024 = 2024 × 12).
fn month_index(day: i32) -> i64 {
    let (y, m, _) = civil_from_days(day);
    i64::from(y) * 12 + i64::from(m) - 1
}

/// One slot of counts per month of the period, found by table lookup instead of civil
/// arithmetic per dossier.
struct Months {
    /// Month index of the period's first month.
    m0: i64,
    counts: Vec<Counts>,
    /// Slot of every day of the period, from its first day.
    of_day: Vec<u16>,
    from: i32,
}

impl Months {
    fn new(period: Option<DayRange>) -> Months {
        let Some(p) = period else {
            return Months {
                m0: 0,
                counts: Vec::new(),
                of_day: Vec::new(),
                from: 0,
            };
        };
        let m0 = month_index(p.from);
        let n = (month_index(p.to) - m0 + 1).clamp(0, 1200) as usize;
        Months {
            m0,
            counts: vec![Counts::default(); n],
            of_day: (p.from..=p.to)
                .map(|d| (month_index(d) - m0) as u16)
                .collect(),
            from: p.from,
        }
    }

    /// The slot of a date, when it falls in the period.
    #[inline]
    fn slot(&mut self, p: &DayRange, m: Option<i32>) -> Option<&mut Counts> {
        let day = day_of(m?);
        if !p.contains(day) {
            return None;
        }
        let i = usize::from(self.of_day[(day - self.from) as usize]);
        Some(&mut self.counts[i])
    }

    fn figures(self) -> Vec<MonthFigures> {
        let m0 = self.m0;
        self.counts
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let mi = m0 + i as i64;
                MonthFigures {
                    month: format!("{:04}-{:02}", mi.div_euclid(12), mi.rem_euclid(12) + 1),
                    figures: c.into(),
                }
            })
            .collect()
    }
}

/// The aggregates being added up, one classified dossier at a time.
struct Tally {
    two_tier: bool,
    levels: [Counts; 3],
    units: Vec<Counts>,
    fields: Vec<Counts>,
    procedures: Vec<Counts>,
    months: Months,
    late: Vec<LateDossier>,
}

impl Tally {
    fn new(st: &Store, period: Option<DayRange>, two_tier: bool) -> Tally {
        Tally {
            two_tier,
            levels: [Counts::default(); 3],
            units: vec![Counts::default(); st.units.names.len()],
            fields: vec![Counts::default(); st.fields.names.len()],
            procedures: vec![Counts::default(); st.procedures.names.len()],
            months: Months::new(period),
            late: Vec::new(),
        }
    }

    /// Classifies one dossier for the period and adds its outcome everywhere it belongs.
    #[inline]
    fn add(&mut self, st: &Store, d: &Dossier, p: &DayRange) {
        let o = classify(d, p);
        if o == Outcome::default() {
            return;
        }
        self.levels[shown(self.two_tier, d.level).index()].add(d, &o);
        self.units[d.unit as usize].add(d, &o);
        self.fields[d.field as usize].add(d, &o);
        self.procedures[d.procedure as usize].add(d, &o);
        // a month holds what ended in it and what was received in it, not the period-end state
        let by_month = Outcome {
            pending: None,
            carried_over: false,
            ..o
        };
        if let Some(m) = self.months.slot(p, d.finished) {
            m.add_end(d, &by_month);
        }
        if o.received {
            if let Some(m) = self.months.slot(p, d.received) {
                m.add_receipt(d, &o);
            }
        }
        if let Some(l) = late_entry(st, d, &o, p, self.two_tier) {
            self.late.push(l);
        }
    }

    /// The Report from the sums: levels, total, sorted breakdowns, months, late list, text.
    fn assemble(self, ing: &Ingested, period: Option<DayRange>, auto: bool) -> Report {
        let st = &ing.store;
        let two_tier = self.two_tier;
        // the total is the sum of the levels (Counts is a monoid)
        let mut total = Counts::default();
        for l in &self.levels {
            total += l;
        }
        let levels = level_figures(&self.levels, two_tier);
        let total: Figures = total.into();
        let narrative =
            period.map_or_else(|| NO_DATA.to_string(), |p| narrative(&p, &levels, &total));
        let mut late = self.late;
        late.sort_by(|x, y| y.days_late.cmp(&x.days_late).then_with(|| x.id.cmp(&y.id)));
        Report {
            version: REPORT_VERSION,
            period: period_out(period, auto),
            two_tier,
            rows: ing.rows(),
            problems_total: ing.problems_total,
            problems_by_reason: ing
                .problems_by_code
                .iter()
                .map(|&(code, count)| ReasonCount {
                    code,
                    reason: code.vi().into(),
                    count,
                })
                .collect(),
            problems: ing.problems.clone(),
            files: ing.files.clone(),
            levels,
            total,
            units: breakdown(self.units, |i| {
                let name = or_unknown(&st.units.names[i], "đơn vị");
                (name, Some(shown(two_tier, st.unit_levels[i])), None)
            }),
            fields: breakdown(self.fields, |i| {
                (or_unknown(&st.fields.names[i], "lĩnh vực"), None, None)
            }),
            procedures: breakdown(self.procedures, |i| procedure_name(st, i)),
            months: self.months.figures(),
            late,
            narrative,
        }
    }
}

/// A dossier resolved late in the period, or overdue at its end, with its days late.
fn late_entry(
    st: &Store,
    d: &Dossier,
    o: &Outcome,
    p: &DayRange,
    two_tier: bool,
) -> Option<LateDossier> {
    let (kind, days_late) = match (o.resolved, o.pending, d.due) {
        (Some(Timeliness::Late), _, Some(due)) => {
            ("resolved", day_of(d.finished.unwrap_or(due)) - day_of(due))
        }
        (_, Some(true), Some(due)) => ("pending", p.to - day_of(due)),
        _ => return None,
    };
    Some(LateDossier {
        kind: kind.into(),
        id: st.id(d.id).to_string(),
        unit: st.units.names[d.unit as usize].clone(),
        level: shown(two_tier, d.level),
        procedure: st.procedure_names[d.procedure as usize].clone(),
        field: st.fields.names[d.field as usize].clone(),
        received: d.received.map(|m| iso_date(day_of(m))),
        due: d.due.map(|m| iso_date(day_of(m))),
        finished: d.finished.map(|m| iso_date(day_of(m))),
        days_late,
    })
}

/// The levels reported: tỉnh, huyện, xã, or tỉnh, xã in two-tier mode.
fn level_figures(levels: &[Counts; 3], two_tier: bool) -> Vec<LevelFigures> {
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

fn period_out(period: Option<DayRange>, auto: bool) -> PeriodOut {
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
fn or_unknown(s: &str, what: &str) -> String {
    if s.is_empty() {
        format!("(không rõ {what})")
    } else {
        s.to_string()
    }
}

/// A procedure's name and, when it has a name besides its key, its code.
fn procedure_name(st: &Store, i: usize) -> (String, Option<Level>, Option<String>) {
    let key = &st.procedures.names[i];
    let name = &st.procedure_names[i];
    if name.is_empty() || name == key {
        (or_unknown(key, "thủ tục"), None, None)
    } else {
        (name.clone(), None, Some(key.clone()))
    }
}

/// The non-empty entries of a breakdown, most resolved first, then by name.
fn breakdown(
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
    });
    v
}
