//! [`IndexProblem`]: one problem found in an index input, with a stable [`Code`] from the crate's
//! one list (`basics::problem`) and a Vietnamese message; [`Problems`]: the problems of a run,
//! the first ones kept and every one counted by code.

use crate::basics::limits::MAX_INDEX_PROBLEMS;
use crate::basics::problem::Code;
use crate::dossier::report::ReasonCount;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One problem found in an input, in Vietnamese.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct IndexProblem {
    pub file: String,
    /// 1-based record number for CSV files.
    pub row: Option<u64>,
    /// The column header or JSON path.
    pub field: Option<String>,
    pub value: Option<String>,
    /// Stable machine code (serialised as its string, `bad_number`).
    pub code: Code,
    pub message: String,
}

impl IndexProblem {
    /// A problem of a file as a whole (or of a record without a cell to name).
    pub fn file(file: &str, code: Code, message: impl Into<String>) -> Self {
        IndexProblem {
            file: file.into(),
            row: None,
            field: None,
            value: None,
            code,
            message: message.into(),
        }
    }

    /// A problem of one cell or JSON field: its row (CSV), column header or path, and value.
    pub fn at(
        file: &str,
        row: Option<u64>,
        field: &str,
        value: &str,
        code: Code,
        message: impl Into<String>,
    ) -> Self {
        IndexProblem {
            file: file.into(),
            row,
            field: Some(field.into()),
            value: Some(value.into()),
            code,
            message: message.into(),
        }
    }
}

/// The problems of the index inputs as they are found: the first [`MAX_INDEX_PROBLEMS`] kept,
/// every one counted by code, so that a file of a million bad rows costs a counter, not a
/// million problems.
#[derive(Clone, Debug, Default)]
pub struct Problems {
    kept: Vec<IndexProblem>,
    total: u64,
    /// Count per code, in the order each code was first seen.
    by_code: Vec<(Code, u64)>,
}

impl Problems {
    /// Records a problem: kept while under the limit, counted in any case.
    pub fn push(&mut self, p: IndexProblem) {
        self.count(p.code, 1);
        if self.kept.len() < MAX_INDEX_PROBLEMS {
            self.kept.push(p);
        }
    }

    /// Counts `n` problems of `code` that are not kept (another reader's list already cut).
    pub fn count(&mut self, code: Code, n: u64) {
        if n == 0 {
            return;
        }
        self.total += n;
        match self.by_code.iter_mut().find(|(c, _)| *c == code) {
            Some((_, k)) => *k += n,
            None => self.by_code.push((code, n)),
        }
    }

    /// Problems counted, kept or not.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The problems kept.
    pub fn kept(&self) -> &[IndexProblem] {
        &self.kept
    }

    /// Problems counted but not kept.
    pub fn left_out(&self) -> u64 {
        self.total - self.kept.len() as u64
    }

    /// The kept problems, the total and the count per code (as the dossier Report says them).
    pub fn into_parts(self) -> (Vec<IndexProblem>, u64, Vec<ReasonCount>) {
        let by_reason = self
            .by_code
            .into_iter()
            .map(|(code, count)| ReasonCount {
                code,
                reason: code.vi().into(),
                count,
            })
            .collect();
        (self.kept, self.total, by_reason)
    }
}
