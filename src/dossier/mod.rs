//! Layer 3, dossiers: the canonical dossier record, its fields and values, the streaming
//! [`Analyzer`] (ingest), the classification rules, the mergeable counts, and the [`Report`]
//! built from them. Uses `table` and `basics`; knows nothing of the index.

pub mod aggregate;
pub mod analyzer;
mod build;
pub mod classify;
pub mod fields;
pub mod model;
pub mod report;
pub mod summary;
pub mod values;

pub use analyzer::{Analyzer, Options};
pub use report::Report;
