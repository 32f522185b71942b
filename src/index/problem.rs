//! [`IndexProblem`]: one problem found in an index input, with a stable [`Code`] from the crate's
//! one list (`basics::problem`) and a Vietnamese message.

use crate::basics::problem::Code;
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
