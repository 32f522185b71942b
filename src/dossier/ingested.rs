//! The seam between ingest and the report: what [`Analyzer::finish`] leaves — deduplicated
//! dossiers and their string tables, the files with their row counts, the problems — and what
//! [`build`](crate::dossier::build()) reads. It can be made by hand (the build tests do), so the
//! report is built and tested without CSV text.
//!
//! [`Analyzer::finish`]: crate::dossier::Analyzer::finish

use crate::basics::problem::Code;
use crate::dossier::form_read::FormTable;
use crate::dossier::options::Settings;
use crate::dossier::report::{FileInfo, Problem, ReasonCount, RowCounts};
use crate::dossier::store::Store;

/// Everything ingest found, once every file is read and duplicates are resolved.
#[derive(Default)]
pub struct Ingested {
    /// One dossier per id, with the interned units, fields, procedures and the text of the ids
    /// kept (`store`: those the late list may show).
    pub store: Store,
    /// Per file: name, format, header, mapping, row counts (duplicates included), error.
    pub files: Vec<FileInfo>,
    /// The first problems (at most `settings.max_problems`), in file and row order.
    pub problems: Vec<Problem>,
    /// Every problem, listed or not.
    pub problems_total: u64,
    /// Problem counts by code, in the order of the codes' strings.
    pub problems_by_code: Vec<(Code, u64)>,
    /// The data rows of the aggregated forms read (form 06 / II.06a), one table per form file
    /// that does not overlap the dossiers or an earlier form; `build` adds them in.
    pub forms: Vec<FormTable>,
    /// The settings ingest ran with.
    pub settings: Settings,
}

impl Ingested {
    /// The problem counts by code, with each code's Vietnamese reason.
    pub fn problems_by_reason(&self) -> Vec<ReasonCount> {
        self.problems_by_code
            .iter()
            .map(|&(code, count)| ReasonCount {
                code,
                reason: code.vi().into(),
                count,
            })
            .collect()
    }

    /// The row counts of all files.
    pub fn rows(&self) -> RowCounts {
        let mut rows = RowCounts::default();
        for f in &self.files {
            rows.add(&f.rows);
        }
        rows
    }
}
