//! [`DossierSummary`]: exactly what the service index reads from a dossier [`Report`] — the
//! period, the row counts, which columns each file mapped, and the counts of the whole, of each
//! level, unit and procedure. The seam between the dossier layer and the index: the index never
//! reads a Report (nor dossiers), only this.
//!
//! Its fields have the Report's names and shapes, so a summary is read straight from a whole
//! Report's JSON (serde skips the fields it does not need: rates, months, the late list,
//! problems, the narrative): the page hands over the Report it has, and no JavaScript decides
//! which fields the index needs. [`DossierSummary::of`] gives the same value from a Report in
//! memory.
//!
//! Not the summary *file* of issue 11 ([`Rollup`](crate::dossier::rollup::Rollup), «tóm tắt»):
//! that one holds every mergeable aggregate of a Report so that provinces merge into a region;
//! the Report made from merged summaries is a Report like any other, and the index reads its
//! `DossierSummary` as it reads one of dossier files.

use crate::dossier::aggregate::Counts;
use crate::dossier::model::Level;
use crate::dossier::report::{Breakdown, FileInfo, Report, RowCounts};
use serde::{Deserialize, Serialize};

/// What the index needs from a dossier Report. See the module docs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DossierSummary {
    pub period: SummaryPeriod,
    pub rows: RowCounts,
    pub files: Vec<SummaryFile>,
    /// The counts of every dossier (the Report's `total`, without its rates).
    pub total: Counts,
    pub levels: Vec<SummaryLevel>,
    pub units: Vec<SummaryBreakdown>,
    pub procedures: Vec<SummaryBreakdown>,
}

/// The Report's period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryPeriod {
    /// ISO `yyyy-mm-dd`, inclusive.
    pub from: String,
    pub to: String,
    /// «năm 2024» or «từ ngày 01/01/2024 đến ngày 31/03/2024».
    pub label: String,
}

/// A file of the Report: its name, its error, and which canonical fields it mapped to a column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryFile {
    pub name: String,
    pub error: Option<String>,
    pub mapping: Vec<SummaryMapping>,
}

/// One canonical field (`due`, `channel`…) and its column, when mapped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryMapping {
    pub field: String,
    pub column: Option<usize>,
}

/// A level's counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryLevel {
    pub level: Level,
    /// «Cấp tỉnh», «Cấp huyện», «Cấp xã».
    pub label: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// A unit's or a procedure's counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryBreakdown {
    pub name: String,
    pub level: Option<Level>,
    /// Procedure code (mã TTHC), where the file has one.
    pub code: Option<String>,
    #[serde(flatten)]
    pub counts: Counts,
}

impl DossierSummary {
    /// The summary of a Report: equal to reading the Report's JSON as a summary.
    pub fn of(r: &Report) -> DossierSummary {
        DossierSummary {
            period: SummaryPeriod {
                from: r.period.from.clone(),
                to: r.period.to.clone(),
                label: r.period.label.clone(),
            },
            rows: r.rows,
            files: r.files.iter().map(SummaryFile::of).collect(),
            total: r.total.counts,
            levels: r
                .levels
                .iter()
                .map(|l| SummaryLevel {
                    level: l.level,
                    label: l.label.clone(),
                    counts: l.figures.counts,
                })
                .collect(),
            units: r.units.iter().map(SummaryBreakdown::of).collect(),
            procedures: r.procedures.iter().map(SummaryBreakdown::of).collect(),
        }
    }

    /// The canonical fields (`due`, `channel`, `paid_online`…) some readable file mapped to a
    /// column: the figures that depend on them exist.
    pub fn mapped_fields(&self) -> std::collections::BTreeSet<String> {
        self.files
            .iter()
            .filter(|f| f.error.is_none())
            .flat_map(|f| &f.mapping)
            .filter(|m| m.column.is_some())
            .map(|m| m.field.clone())
            .collect()
    }
}

impl SummaryFile {
    fn of(f: &FileInfo) -> SummaryFile {
        SummaryFile {
            name: f.name.clone(),
            error: f.error.clone(),
            mapping: f
                .mapping
                .iter()
                .map(|m| SummaryMapping {
                    field: m.field.clone(),
                    column: m.column,
                })
                .collect(),
        }
    }
}

impl SummaryBreakdown {
    fn of(b: &Breakdown) -> SummaryBreakdown {
        SummaryBreakdown {
            name: b.name.clone(),
            level: b.level,
            code: b.code.clone(),
            counts: b.figures.counts,
        }
    }
}

impl Report {
    /// What the index reads from this Report ([`DossierSummary::of`]).
    pub fn summary(&self) -> DossierSummary {
        DossierSummary::of(self)
    }
}
