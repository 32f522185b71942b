//! [`Rollup`]: a summary file («tóm tắt», `"kind": "tthc-summary"`) — the mergeable aggregates of
//! a Report and nothing else: no dossier id, no late list, no problem values, no cell of a file.
//! A province writes one (`tthc summary`, «Xuất tóm tắt»); summaries of several provinces merge
//! into one view (a region, the nation) exactly as if their dossier files had been loaded
//! together, with one row per province in `Report::sources` (issue 11).
//!
//! The contract (version [`SUMMARY_VERSION`]; a reader refuses another kind or version, and
//! unknown keys):
//! - `kind`, `version`; `label`: who the figures are about (a province), the name of its row in
//!   `sources`;
//! - the settings that shape the figures: `period` (`from`, `to` ISO dates, `label`, `auto`),
//!   `two_tier`, `convention` (`id`, `name`, `description`), `calendar` (`name`, `years_covered`,
//!   `warnings`): summaries that differ in period, two-tier mode, convention or calendar do not
//!   merge (a Vietnamese message says which and how), nor a summary whose province and a file
//!   are already in the merge (the same summary loaded twice);
//! - `rows` (the row accounting), `files` (each file's name, format, header, column mapping and
//!   row counts — the Report's `FileInfo`, no cell below the header), `forms` (form 06 / II.06a
//!   read), `problems_total`, `problems_by_reason` (counts by code);
//! - [`Counts`] per level, unit (name + level), field, field within a level, procedure (name +
//!   code, keyed by the code, else the name), month (`yyyy-mm`); `late_total`;
//! - `sources`: one row per province (label and counts), added by label.
//!
//! A monoid: [`Rollup::merge`] adds every list by key, [`Rollup::empty`] is its identity; the
//! figures do not depend on the order of the merge. What follows the order: the files listed
//! (in merge order) and a procedure's name when two summaries name one code differently (the
//! first met, as when the files are loaded in that order).
//!
//! What a merge cannot know: whether two summaries hold the same dossier (a summary has no ids),
//! so summaries of overlapping files count those dossiers twice — summaries are for disjoint
//! sets (provinces, units, or one export cut in two); the late list and the problem list (the
//! Report from summaries has none: `late_total` and `problems_by_reason` keep the counts); the
//! period comparison (not kept).
//!
//! [`Rollup::of`] takes the aggregates of a Report (the page has the Report, the CLI makes one);
//! [`Rollup::report`] assembles a Report from them with `build`'s own functions (levels, total,
//! sorted breakdowns, the scope of the narrative), and `tests/rollup.rs` checks that a Report's
//! summary gives back its aggregates unchanged. Not to be confused with
//! [`DossierSummary`](crate::dossier::summary::DossierSummary), the part of a Report the
//! service index reads: a Report made from summaries gives the index the same view.

use crate::basics::limits::MAX_SUMMARY_BYTES;
use crate::basics::time::{days_from_civil, vi_date, DayRange};
use crate::dossier::aggregate::Counts;
use crate::dossier::build::{breakdown, level_figures, scope};
use crate::dossier::model::Level;
use crate::dossier::months::month_figures;
use crate::dossier::narrative::{narrative, Subject};
use crate::dossier::options::{Options, Settings};
use crate::dossier::report::{
    Breakdown, CalendarOut, ConventionOut, FileInfo, FormSource, LevelFigures, PeriodOut,
    ReasonCount, Report, RowCounts, REPORT_VERSION,
};
use serde::{Deserialize, Serialize};

/// The `kind` of a summary file.
pub const SUMMARY_KIND: &str = "tthc-summary";
/// The version this program writes and reads.
pub const SUMMARY_VERSION: u32 = 1;

/// The mergeable aggregates of a Report (see the module docs).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rollup {
    /// [`SUMMARY_KIND`].
    pub kind: String,
    /// [`SUMMARY_VERSION`].
    pub version: u32,
    /// Who the figures are about (a province's name): its row in `sources`.
    pub label: String,
    pub period: PeriodOut,
    pub two_tier: bool,
    pub convention: ConventionOut,
    pub calendar: CalendarOut,
    pub rows: RowCounts,
    #[serde(default)]
    pub files: Vec<FileInfo>,
    #[serde(default)]
    pub forms: Vec<FormSource>,
    pub problems_total: u64,
    pub problems_by_reason: Vec<ReasonCount>,
    /// The levels reported (tỉnh, huyện, xã; tỉnh, xã in two-tier mode).
    pub levels: Vec<LevelCounts>,
    /// Keyed by name and level.
    pub units: Vec<Entry>,
    /// Keyed by name.
    pub fields: Vec<Entry>,
    /// Keyed by name and level (form 06's rows).
    pub field_levels: Vec<Entry>,
    /// Keyed by code, else by name.
    pub procedures: Vec<Entry>,
    /// Every month of the period, keyed by `yyyy-mm`.
    pub months: Vec<MonthCounts>,
    /// Dossiers late (resolved late in the period or overdue at its end).
    pub late_total: u64,
    /// One row per province (source summary), keyed by label.
    pub sources: Vec<SourceCounts>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelCounts {
    pub level: Level,
    pub counts: Counts,
}

/// A unit's, field's or procedure's counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// A procedure's code (mã TTHC), when it has a name besides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub counts: Counts,
}

impl Entry {
    /// What two summaries' entries are added by: the code (else the name) and the level.
    fn key(&self) -> (&str, Option<Level>) {
        (self.code.as_deref().unwrap_or(&self.name), self.level)
    }

    fn of(b: &Breakdown) -> Entry {
        Entry {
            name: b.name.clone(),
            level: b.level,
            code: b.code.clone(),
            counts: b.figures.counts,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthCounts {
    /// `yyyy-mm`.
    pub month: String,
    /// By level, as `Rollup::levels` (the month's total is their sum).
    pub levels: Vec<LevelCounts>,
}

/// A province's (a source summary's) row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceCounts {
    pub label: String,
    pub counts: Counts,
}

/// The Report's levels (or a month's) as a summary holds them.
fn level_counts(levels: &[LevelFigures]) -> Vec<LevelCounts> {
    levels
        .iter()
        .map(|l| LevelCounts {
            level: l.level,
            counts: l.figures.counts,
        })
        .collect()
}

/// Counts by `Level::index` (a level listed twice is added up).
fn by_level(levels: &[LevelCounts]) -> [Counts; 3] {
    let mut by = [Counts::default(); 3];
    for l in levels {
        by[l.level.index()] += &l.counts;
    }
    by
}

/// Adds `other`'s levels into `list`'s, by level, in level order.
fn add_levels(list: &mut Vec<LevelCounts>, other: &[LevelCounts]) {
    for l in other {
        add_by(list, l, |x| x.level, |a, b| a.counts += &b.counts);
    }
    list.sort_by_key(|l| l.level);
}

/// Adds `x` into the entry of `list` with the same key, or appends it.
fn add_by<T: Clone, K: PartialEq>(
    list: &mut Vec<T>,
    x: &T,
    key: impl Fn(&T) -> K,
    add: impl Fn(&mut T, &T),
) {
    match list.iter_mut().find(|y| key(y) == key(x)) {
        Some(y) => add(y, x),
        None => list.push(x.clone()),
    }
}

/// Adds every entry of `from` into `into`, by key (a map for the large lists).
fn add_entries(into: &mut Vec<Entry>, from: &[Entry]) {
    let mut at: std::collections::HashMap<(String, Option<Level>), usize> = into
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.key().0.to_string(), e.key().1), i))
        .collect();
    for e in from {
        let k = (e.key().0.to_string(), e.key().1);
        match at.get(&k) {
            Some(&i) => into[i].counts += &e.counts,
            None => {
                at.insert(k, into.len());
                into.push(e.clone());
            }
        }
    }
}

/// An ISO `yyyy-mm-dd` date as a day number.
fn iso_day(s: &str) -> Option<i32> {
    let mut p = s.splitn(3, '-').map(|x| x.parse::<u32>().ok());
    let (y, m, d) = (p.next()??, p.next()??, p.next()??);
    Some(days_from_civil(y as i32, m, d))
}

/// A period as the user reads it: «01/01/2024 – 31/12/2024», or «không xác định».
fn period_text(p: &PeriodOut) -> String {
    match (iso_day(&p.from), iso_day(&p.to)) {
        (Some(a), Some(b)) => format!("{} – {}", vi_date(a), vi_date(b)),
        _ => "không xác định".into(),
    }
}

impl Rollup {
    /// The identity of [`Rollup::merge`]: no source, no figure.
    pub fn empty() -> Rollup {
        Rollup {
            kind: SUMMARY_KIND.into(),
            version: SUMMARY_VERSION,
            label: String::new(),
            period: PeriodOut {
                from: String::new(),
                to: String::new(),
                label: String::new(),
                auto: false,
            },
            two_tier: false,
            convention: ConventionOut::default(),
            calendar: CalendarOut::default(),
            rows: RowCounts::default(),
            files: Vec::new(),
            forms: Vec::new(),
            problems_total: 0,
            problems_by_reason: Vec::new(),
            levels: Vec::new(),
            units: Vec::new(),
            fields: Vec::new(),
            field_levels: Vec::new(),
            procedures: Vec::new(),
            months: Vec::new(),
            late_total: 0,
            sources: Vec::new(),
        }
    }

    /// Whether this is the identity (no source summary in it).
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The summary of a Report, labelled `label` (a province's name). A Report made from
    /// summaries keeps its sources (a region's summary lists its provinces).
    pub fn of(r: &Report, label: &str) -> Rollup {
        let entries = |v: &[Breakdown]| v.iter().map(Entry::of).collect::<Vec<_>>();
        let sources = if r.sources.is_empty() {
            vec![SourceCounts {
                label: label.to_string(),
                counts: r.total.counts,
            }]
        } else {
            r.sources
                .iter()
                .map(|s| SourceCounts {
                    label: s.name.clone(),
                    counts: s.figures.counts,
                })
                .collect()
        };
        Rollup {
            kind: SUMMARY_KIND.into(),
            version: SUMMARY_VERSION,
            label: label.to_string(),
            period: r.period.clone(),
            two_tier: r.two_tier,
            convention: r.convention.clone(),
            calendar: r.calendar.clone(),
            rows: r.rows,
            files: r.files.clone(),
            forms: r.forms.clone(),
            problems_total: r.problems_total,
            problems_by_reason: r.problems_by_reason.clone(),
            levels: level_counts(&r.levels),
            units: entries(&r.units),
            fields: entries(&r.fields),
            field_levels: entries(&r.field_levels),
            procedures: entries(&r.procedures),
            months: r
                .months
                .iter()
                .map(|m| MonthCounts {
                    month: m.month.clone(),
                    levels: level_counts(&m.levels),
                })
                .collect(),
            late_total: r.late_total,
            sources,
        }
    }

    /// Why `other` cannot be added to this summary (a Vietnamese sentence naming both), if so.
    fn conflict(&self, other: &Rollup) -> Option<String> {
        let why = if (self.period.from.as_str(), self.period.to.as_str())
            != (other.period.from.as_str(), other.period.to.as_str())
        {
            format!(
                "kỳ báo cáo khác nhau ({} và {})",
                period_text(&self.period),
                period_text(&other.period)
            )
        } else if self.two_tier != other.two_tier {
            let mode = |t: bool| if t { "hai cấp" } else { "ba cấp" };
            format!(
                "cách chia cấp khác nhau (chính quyền {} và {})",
                mode(self.two_tier),
                mode(other.two_tier)
            )
        } else if self.convention.id != other.convention.id {
            format!(
                "quy ước đếm khác nhau («{}» và «{}»)",
                self.convention.name, other.convention.name
            )
        } else if (&self.calendar.name, &self.calendar.years_covered)
            != (&other.calendar.name, &other.calendar.years_covered)
        {
            format!(
                "lịch ngày làm việc khác nhau («{}» và «{}»)",
                self.calendar.name, other.calendar.name
            )
        } else if let Some((label, file)) = self.same_source(other) {
            format!(
                "tóm tắt này có vẻ đã được nạp (cùng địa phương «{label}», cùng tệp «{file}»): số liệu sẽ bị cộng hai lần"
            )
        } else {
            return None;
        };
        Some(format!(
            "Không gộp được tóm tắt «{}» với «{}»: {why}. Hãy lập lại các tóm tắt với cùng kỳ báo cáo, cách chia cấp, quy ước đếm và lịch.",
            other.label,
            self.sources
                .iter()
                .map(|s| s.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }

    /// A province and a file both summaries hold: `other` is probably a summary already merged
    /// (the same file dropped twice). The parts of one province's export carry different file
    /// names.
    fn same_source<'a>(&'a self, other: &'a Rollup) -> Option<(&'a str, &'a str)> {
        let label = other
            .sources
            .iter()
            .find(|s| self.sources.iter().any(|t| t.label == s.label))?;
        let file = other
            .files
            .iter()
            .find(|f| self.files.iter().any(|g| g.name == f.name))?;
        Some((&label.label, &file.name))
    }

    /// Adds `other` into this summary: every list by key, counts by addition. Refused (nothing
    /// changed) when the two differ in period, two-tier mode, convention or calendar.
    pub fn merge(&mut self, other: &Rollup) -> Result<(), String> {
        if other.is_empty() {
            return Ok(());
        }
        if self.is_empty() {
            *self = other.clone();
            return Ok(());
        }
        if let Some(why) = self.conflict(other) {
            return Err(why);
        }
        self.period.auto &= other.period.auto;
        for w in &other.calendar.warnings {
            if !self.calendar.warnings.contains(w) {
                self.calendar.warnings.push(w.clone());
            }
        }
        self.rows.add(&other.rows);
        self.files.extend(other.files.iter().cloned());
        self.forms.extend(other.forms.iter().cloned());
        self.problems_total += other.problems_total;
        for r in &other.problems_by_reason {
            add_by(
                &mut self.problems_by_reason,
                r,
                |x| x.code,
                |a, b| a.count += b.count,
            );
        }
        self.problems_by_reason
            .sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
        add_levels(&mut self.levels, &other.levels);
        add_entries(&mut self.units, &other.units);
        add_entries(&mut self.fields, &other.fields);
        add_entries(&mut self.field_levels, &other.field_levels);
        add_entries(&mut self.procedures, &other.procedures);
        for m in &other.months {
            add_by(
                &mut self.months,
                m,
                |x| x.month.clone(),
                |a, b| add_levels(&mut a.levels, &b.levels),
            );
        }
        self.months.sort_by(|a, b| a.month.cmp(&b.month));
        self.late_total += other.late_total;
        for s in &other.sources {
            add_by(
                &mut self.sources,
                s,
                |x| x.label.clone(),
                |a, b| a.counts += &b.counts,
            );
        }
        if self.label != other.label {
            self.label = self
                .sources
                .iter()
                .map(|s| s.label.as_str())
                .collect::<Vec<_>>()
                .join(", ");
        }
        Ok(())
    }

    /// Why these summaries cannot be reported under `settings` (a period, a two-tier mode or,
    /// when `convention_asked`, a convention other than theirs), if so.
    pub fn check(&self, settings: &Settings, convention_asked: bool) -> Result<(), String> {
        if self.is_empty() {
            return Ok(());
        }
        let asked = |what: String| {
            Err(format!(
                "Các tóm tắt được lập với {what}; không lập lại được theo tùy chọn khác (hãy bỏ tùy chọn đó, hoặc lập lại tóm tắt từ tệp hồ sơ)."
            ))
        };
        if let Some(p) = settings.period {
            if (iso_day(&self.period.from), iso_day(&self.period.to)) != (Some(p.from), Some(p.to))
            {
                return asked(format!("kỳ báo cáo {}", period_text(&self.period)));
            }
        }
        if settings.two_tier.is_some_and(|t| t != self.two_tier) {
            return asked(format!(
                "chính quyền {} cấp",
                if self.two_tier { "hai" } else { "ba" }
            ));
        }
        if convention_asked && settings.convention.id != self.convention.id {
            return asked(format!("quy ước đếm «{}»", self.convention.name));
        }
        Ok(())
    }

    /// The Report of these aggregates: levels, total, sorted breakdowns, months, narrative, one
    /// row per source; no late list, problem list or comparison (a summary has none). Long: it
    /// fills every field of the Report, one after the other.
    pub fn report(&self) -> Report {
        let two_tier = self.two_tier;
        let levels_now = by_level(&self.levels);
        let mut total = Counts::default();
        for l in &levels_now {
            total += l;
        }
        let levels = level_figures(&levels_now, two_tier);
        let total = total.into();
        let list = |v: &[Entry]| {
            breakdown(v.iter().map(|e| e.counts).collect(), |i| {
                (v[i].name.clone(), v[i].level, v[i].code.clone())
            })
        };
        let units = list(&self.units);
        let field_levels = levels
            .iter()
            .flat_map(|l| {
                let at: Vec<Entry> = self
                    .field_levels
                    .iter()
                    .filter(|e| e.level == Some(l.level))
                    .cloned()
                    .collect();
                list(&at)
            })
            .collect();
        let period = iso_day(&self.period.from)
            .zip(iso_day(&self.period.to))
            .map(|(from, to)| DayRange { from, to });
        let sources = if self.sources.is_empty() {
            Vec::new()
        } else {
            breakdown(self.sources.iter().map(|s| s.counts).collect(), |i| {
                (self.sources[i].label.clone(), None, None)
            })
        };
        let scope = if sources.len() > 1 {
            // in the sources' order (most resolved first): the same whatever the merge order
            let labels: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
            format!("các địa phương {}", labels.join(", "))
        } else {
            let counts: Vec<Counts> = self.units.iter().map(|e| e.counts).collect();
            // «(không rõ đơn vị)» names no one (as an empty name in `build`)
            scope(&counts, &levels, |i| {
                let n = self.units[i].name.as_str();
                if n.starts_with("(không rõ") {
                    ""
                } else {
                    n
                }
            })
        };
        let narrative = narrative(&Subject {
            period: period.as_ref(),
            scope: &scope,
            levels: &levels,
            total: &total,
            convention: &self.convention.name,
            comparison: None,
        });
        Report {
            version: REPORT_VERSION,
            period: self.period.clone(),
            two_tier,
            convention: self.convention.clone(),
            calendar: self.calendar.clone(),
            files: self.files.clone(),
            rows: self.rows,
            problems: Vec::new(),
            problems_total: self.problems_total,
            problems_by_reason: self.problems_by_reason.clone(),
            levels,
            total,
            units,
            fields: list(&self.fields),
            field_levels,
            forms: self.forms.clone(),
            procedures: list(&self.procedures),
            months: self
                .months
                .iter()
                .map(|m| month_figures(m.month.clone(), &by_level(&m.levels), two_tier))
                .collect(),
            late: Vec::new(),
            late_total: self.late_total,
            narrative,
            comparison: None,
            sources,
        }
    }

    /// The summary file's text (pretty JSON, `kind` first).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a summary serialises") + "\n"
    }

    /// A summary file's text read back; `name` names it in the messages. Refused: another kind
    /// or version, an unknown key, a text over [`MAX_SUMMARY_BYTES`]. A summary without
    /// `sources` gets one row, its own.
    pub fn read(text: &str, name: &str) -> Result<Rollup, String> {
        if let Some(e) = too_large(name, text.len() as u64) {
            return Err(e);
        }
        let bad = |e: String| format!("Tệp tóm tắt {name} không hợp lệ: {e}");
        let v: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| bad(e.to_string()))?;
        match v.get("kind").and_then(|k| k.as_str()) {
            Some(SUMMARY_KIND) => {}
            k => {
                return Err(bad(format!(
                    "«kind» là {}, cần «{SUMMARY_KIND}»",
                    k.map_or("(không có)".into(), |k| format!("«{k}»"))
                )))
            }
        }
        match v.get("version").and_then(|k| k.as_u64()) {
            Some(n) if n == u64::from(SUMMARY_VERSION) => {}
            n => {
                return Err(bad(format!(
                    "phiên bản {}, chương trình này đọc phiên bản {SUMMARY_VERSION}",
                    n.map_or("(không có)".into(), |n| n.to_string())
                )))
            }
        }
        let mut r: Rollup = serde_json::from_value(v).map_err(|e| bad(e.to_string()))?;
        if r.sources.is_empty() {
            let mut counts = Counts::default();
            for l in &r.levels {
                counts += &l.counts;
            }
            r.sources.push(SourceCounts {
                label: r.label.clone(),
                counts,
            });
        }
        Ok(r)
    }
}

/// Why a summary file of `size` bytes is refused unread: over [`MAX_SUMMARY_BYTES`].
pub fn too_large(name: &str, size: u64) -> Option<String> {
    (size > MAX_SUMMARY_BYTES as u64).then(|| {
        format!(
            "Tệp tóm tắt {name} lớn hơn {} MiB, giới hạn của một tệp tóm tắt",
            MAX_SUMMARY_BYTES >> 20
        )
    })
}

/// Whether a file's first bytes are those of a summary: a JSON object whose first key is
/// `"kind"` with the value `"tthc-summary"` (as [`Rollup::to_json`] writes it; spaces and a
/// BOM allowed). The CLI and the page send such files here, the others to the Analyzer.
pub fn is_summary(head: &[u8]) -> bool {
    let s = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut rest = s.trim_ascii_start();
    for token in [&b"{"[..], b"\"kind\"", b":"] {
        match rest.strip_prefix(token) {
            Some(r) => rest = r.trim_ascii_start(),
            None => return false,
        }
    }
    rest.starts_with(format!("\"{SUMMARY_KIND}\"").as_bytes())
}

/// The Report of merged summaries under the options the user gave (CLI, page): refused when
/// the options are not valid or ask for another period, two-tier mode or convention than the
/// summaries were made with.
pub fn report_under(all: &Rollup, opts: &Options) -> Result<Report, String> {
    all.check(&opts.check()?, opts.convention.is_some())?;
    Ok(all.report())
}

/// Summary texts (name, text) merged in order.
pub fn merge_texts<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Rollup, String> {
    let mut all = Rollup::empty();
    for (name, text) in texts {
        all.merge(&Rollup::read(text, name)?)?;
    }
    Ok(all)
}
