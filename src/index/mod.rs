//! The QĐ 766 service index («Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người
//! dân, doanh nghiệp…», Quyết định 766/QĐ-TTg, 23/6/2022 [S20][S21]): score, ranking, period
//! comparison, points lost and what would raise the score. Tags like [S3] are the sources of
//! ../shared/docs/domain.md §7.
//!
//! # Design
//!
//! Pure core, like the dossier engine: bytes and options in, one serialisable [`IndexReport`]
//! out; only `src/wasm/index.rs` knows wasm-bindgen. [`IndexBuilder`] takes any mix of files
//! (`add_file`, kind detected from content: JSON shape or CSV header), dossier summaries
//! (`add_summary`: what the index reads of a dossier Report, [`DossierSummary`]) and manual
//! entries (`set_manual`), then `finish()` scores everything.
//!
//! Files: `builder` (the builder, file kinds, JSON inputs), `tables` (CSV inputs: which kind
//! a table is, reading it), `manual` (manual entries: parsing, checking, finding — in one
//! place), `dossiers` (items from a dossier summary), `finish` (the phases of `finish()`),
//! `sentences` (the comparison sentence and the report paragraph), `problem` ([`IndexProblem`]).
//!
//! - **Methodology as data** ([`methodology`]): a versioned JSON schema (groups with maxima,
//!   indicators with maxima, point rule, zero-denominator rule, scope, the numerator/denominator
//!   data items each reads — several alternatives in priority order — sources and notes),
//!   validated on load (group maxima sum to the total, indicator maxima to their group, known
//!   rules only). Two are embedded with `include_str!`: `qd766-portal` (default) and
//!   `qd766-2022`; a user's file in the same schema replaces them.
//! - **Loaders only fill a store** ([`inputs::InputStore`]): per entity (the province, each level, each
//!   unit) a flat set of named data items with the file each came from, the portal's published
//!   scores and manual entries. Item names are the portal's own field names (`totalOnTime`…),
//!   `CODE.numerator` / `CODE.denominator` for metric lists, `dossier.*` from a dossier summary and
//!   `catalog.*` from the procedure catalogue. The methodology is applied only in `finish()`, so
//!   files may come in any order, and a portal file and a dossier file never overwrite each
//!   other: the methodology lists which source an indicator prefers. Where two files give the
//!   same item different values, the first is kept and a warning names both files.
//! - **Scoring** ([`score`], `groups`): rate = numerator / denominator (percent); points by
//!   the rule; each indicator rounded to 2 decimals as the portal publishes; a composite rule
//!   says its rounding order (`sum`, or `terms`: each term rounded, then summed — the portal's
//!   payment score) and its cap. A group is the portal's published group score whenever a file
//!   carried one for the entity (so a unit's total over the six group files is the sum of the
//!   portal's group scores), else the sum of its indicators (the portal's group score equals the
//!   sum of its metric scores [S3]); the total the sum of groups. An indicator without inputs is
//!   «chưa có dữ liệu» — never 0, never full — unless the portal published its points (state
//!   `portal`); a group without a published score and with missing indicators is partial and the
//!   total provisional (`complete: false`). The recomputed points stay beside the portal's and a
//!   difference above 0,01 is flagged (`mismatch`). A parent/children record's group is told by
//!   the fields of the whole file (a child of `provide-online-tree` carries only its score) or
//!   by the file's name (`portal_files`).
//! - **Evidence** ([`methodology::Check`]): an indicator's rule, zero rule, cap, rounding order
//!   and scope may each carry `verified` and a source; the parts a score relies on without one
//!   are listed in `IndicatorScore.unverified` and shown as «chưa kiểm chứng» (page, CLI).
//! - **Numbering**: indicator ids follow the formula document (1.x–5.x, domain.md §1.3); former
//!   ids are `aliases`, so manual entries and files naming them still work (a former id that is
//!   now another indicator's id is read under the new numbering, with a warning, unless the
//!   entry names a term only the former indicator has).
//! - **Ranking** ([`ranking`]): standard competition ranking (1, 2, 2, 4) on scores compared in
//!   hundredths (the published precision), for units within the province and for each period
//!   of a ranking table; `of` is the number of rows of the period (63 provinces before
//!   1/7/2025, 34 after [S57][S58]; a table of 30–70 rows with another count is warned about).
//!   How the portal breaks ties is not documented (§6 item 7); one tool uses competition
//!   ranking [S7].
//! - **What-if** ([`whatif`]): per lever (an indicator whose numerator counts dossiers) the
//!   dossiers that must move from «not counted» to «counted» with the denominator fixed.
//! - **Sample** (`src/sample/index.rs`, a layer above): the built-in catalogue and two-period
//!   ranking table (the Bình Thuận figures) that the page, `tthc sample-index`, the native and
//!   the e2e tests all use.
//!
//! # Methodology choices (to be read with domain.md §1 and §6)
//!
//! - Rules reproduced from the portal's published scores [S3]: progress 2.1 = 20 × on time /
//!   received (0 when nothing received, as the portal shows for a department with 0/0);
//!   transparency 1.x = max × rate; dossier satisfaction = min(6; 6 × rate / 90%), 0 when the
//!   denominator is 0; the two petition (PAKN) indicators = 6 × rate, 6 when there is nothing
//!   to handle; digitisation = min(max; max × rate) except reuse of digitised data
//!   min(2; 2 × rate / 80%); payment = 6A + min(2; 2,5B) + 2,5C with ratio 0 for a zero
//!   denominator, each term rounded to 2 decimals before the sum (74 of 75 records of a portal
//!   capture; rounding the sum once matched 52), held at 10 (the terms can reach 10,5; no record
//!   shows the portal's handling: «chưa kiểm chứng»). 2.1's 0 for nothing received rests on one
//!   observed record (Văn phòng UBND Tỉnh Phú Thọ, 08/2026, in the capture [S3] drew on).
//! - `qd766-portal` takes the six portal groups and their maxima [S1][S5][S6][S7] (CLGQ = online
//!   services 12, TTTT = payment 10, as the newer sources map them; §6 item 6). The CLGQ
//!   formula is unknown [S3]: the one scored METRICS row (3.3: full-online dossiers / dossiers
//!   of procedures eligible for full online, 12 points, province only) is scored linearly and
//!   marked unverified; with a provide-online-tree file the portal's score of the province and
//!   of each unit is used.
//! - `qd766-2022` takes the five groups of the decision (18/20/22/22/18) [S21][S25]; its
//!   within-group split and thresholds come from the formula document [S2] and the profiles
//!   [S4][S9][S11] because the decision's appendix was not found (§6 item 1). Digitisation 4.2
//!   keeps the document's 80% threshold there, while the portal's scores fit min(4; 4 × rate).
//! - Province-only indicators (METRICS scope «Tỉnh» [S1][S12]; 1.2 and 1.3 [S2]) give a unit
//!   without inputs for them full points marked `out_of_scope` («chưa kiểm chứng»: the business
//!   policy recorded in [S12], not a rule seen on the portal); a methodology may say
//!   `"out_of_scope": "na"` instead. A unit the portal scores (inputs or published points) is
//!   never out of scope.
//! - From dossiers (a [`DossierSummary`]): progress = (on time + in progress within time) / (resolved +
//!   in progress) [S1][S2]; online share = received online / received; digitised and paid
//!   online over resolved; satisfaction = 100% − (late + unsatisfied) over handled, the
//!   document's definition [S2] 5.4. An item is derived only when the export had the column it
//!   needs (due date, channel, digitised, paid online, rating), otherwise it is missing, not 0.
//!   Dossier ratios that only approximate the official denominators are marked `approx`, and
//!   the portal's figures are always preferred when both are given.
//! - The catalogue yields procedures, published, online services (một phần + toàn trình, a
//!   procedure counted once at its higher level [S2] 3.1), integrated on the portal (of the
//!   online services) and with fees; joined with a Report's procedures by code it gives the
//!   province's full-online dossier share and the paid-online share of fee-bearing procedures.

mod builder;
pub mod catalog;
mod dossiers;
mod finish;
mod groups;
pub mod inputs;
pub mod manual;
pub mod methodology;
pub mod output;
pub mod period;
pub mod portal;
pub mod problem;
pub mod ranking;
mod rules;
pub mod score;
pub mod sentences;
mod tables;
pub mod whatif;

pub use crate::dossier::summary::DossierSummary;
pub use builder::IndexBuilder;
pub use manual::ManualEntry;
pub use methodology::Methodology;
pub use output::{FileKind, IndexReport};
pub use problem::IndexProblem;

use serde::Deserialize;
use ts_rs::TS;

/// What the caller may set; every field is optional.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct IndexOptions {
    /// `qd766-portal` (default), `qd766-2022`, or the JSON text of a methodology.
    pub methodology: Option<String>,
    /// The own province or unit: highlighted, compared across periods, the what-if's subject.
    pub focus: Option<String>,
    /// A target total for the what-if (a number, or the text the user typed: «85», «85,5»).
    #[serde(default, deserialize_with = "crate::table::cells::typed::number")]
    #[ts(optional, type = "number | string")]
    pub target: Option<f64>,
    /// Options for dossier CSV files given to `add_file` (period…).
    pub dossier: Option<crate::dossier::Options>,
}

/// Convenience: a whole set of files at once.
pub fn build(opts: IndexOptions, files: &[(&str, &[u8])]) -> Result<IndexReport, String> {
    let mut b = IndexBuilder::new(opts)?;
    for (name, bytes) in files {
        b.add_file(name, bytes);
    }
    Ok(b.finish())
}
