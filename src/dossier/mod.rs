//! Layer 3, dossiers: the canonical dossier record, its fields and values, the streaming
//! [`Analyzer`] (ingest) that leaves an [`Ingested`], the classification rules, the mergeable
//! counts, and the [`Report`] that [`build()`] makes from an [`Ingested`]. Uses `table` and
//! `basics`; knows nothing of the index.
//!
//! Ingest: `options` (checked into `Settings`) → `analyzer` (the state machine over
//! `table::reader`'s records; header seeking, row accounting) → `records` (one row → a
//! `Dossier` or problems; `fields`, `values`) → `store` (interning, ids, dedup) → `ingested`.
//! Report: `build` (`classify`, `aggregate`) → `report`, with the text of `narrative`.
//! Summary files: `rollup` (a Report's mergeable aggregates, merged by key into a Report of
//! several provinces).

pub mod aggregate;
pub mod analyzer;
pub mod build;
pub mod canonical;
#[cfg(all(feature = "parquet", not(target_arch = "wasm32")))]
pub mod canonical_parquet;
pub mod chunked;
pub mod classify;
pub mod compare;
pub mod convention;
pub mod fields;
pub mod form;
mod form_build;
pub mod form_read;
mod header;
pub mod ingested;
pub mod model;
mod months;
pub mod narrative;
pub mod options;
pub mod part;
pub mod records;
pub mod report;
pub mod rollup;
pub mod sql;
pub mod store;
pub mod summary;
pub mod values;

pub use analyzer::Analyzer;
pub use build::build;
pub use ingested::Ingested;
pub use options::{Column, Options, Settings};
pub use report::Report;
