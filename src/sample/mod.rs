//! The deterministic samples: the Bình Thuận 2024 dossier export (`dossiers`), the same table in
//! the other text formats (`formats`: HTML saved as `.xls`, the portal's JSON, JSON Lines) and
//! the index's inputs (`index`: procedure catalogue, two-period ranking table). Used by the page's sample
//! buttons, the CLI (`tthc sample`, `tthc sample-index`) and the tests. Not part of the
//! analysis: nothing under `dossier` or `index` uses it.

pub mod dossiers;
pub mod formats;
pub mod index;
mod places;

pub use dossiers::{Sample, FILE_NAME};
pub mod workbook;
