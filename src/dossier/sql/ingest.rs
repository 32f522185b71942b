//! The row accounting of a normalised set of files (`tthc normalize` writes it beside the
//! records, `ingest/source=LABEL.json`): what the engine's table cannot tell — every row read,
//! counted, rejected (with the counts by reason), duplicate or ignored, and each file's name,
//! format and column mapping — so that a summary made from an engine's result
//! ([`super::result::rollup`]) accounts for every input row as a Report does.

use crate::basics::format::int;
use crate::dossier::ingested::Ingested;
use crate::dossier::report::{FileInfo, ReasonCount, RowCounts};
use crate::dossier::rollup::Rollup;
use serde::{Deserialize, Serialize};

/// The folder of the notes in `tthc normalize`'s output: `ingest/source=LABEL.json`, one per
/// source (the label escaped as its Parquet partition).
pub const INGEST_DIR: &str = "ingest";

/// The `kind` of an ingest note.
pub const INGEST_KIND: &str = "tthc-ingest";
pub const INGEST_VERSION: u32 = 1;

/// One source's row accounting (see the module docs).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestNote {
    pub kind: String,
    pub version: u32,
    /// The `source` of the records (a province's name).
    pub source: String,
    pub rows: RowCounts,
    pub files: Vec<FileInfo>,
    pub problems_total: u64,
    pub problems_by_reason: Vec<ReasonCount>,
}

impl IngestNote {
    pub fn of(ing: &Ingested, source: &str) -> IngestNote {
        IngestNote {
            kind: INGEST_KIND.into(),
            version: INGEST_VERSION,
            source: source.to_string(),
            rows: ing.rows(),
            files: ing.files.clone(),
            problems_total: ing.problems_total,
            problems_by_reason: ing.problems_by_reason(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a note serialises") + "\n"
    }

    /// A note's text read back; `name` names it in the messages (Vietnamese).
    pub fn read(text: &str, name: &str) -> Result<IngestNote, String> {
        let n: IngestNote = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| format!("Tệp ghi nhận dòng {name} không hợp lệ: {e}"))?;
        if n.kind != INGEST_KIND || n.version != INGEST_VERSION {
            return Err(format!(
                "Tệp {name} là «{}» phiên bản {}, cần «{INGEST_KIND}» phiên bản {INGEST_VERSION}",
                n.kind, n.version
            ));
        }
        Ok(n)
    }
}

/// Puts the notes' row accounting, files and problem counts into a summary made from an
/// engine's result. Refused when the notes do not describe the records the engine counted
/// (another number of dossiers, or a source the result does not have).
pub fn apply(r: &mut Rollup, notes: &[IngestNote]) -> Result<(), String> {
    if notes.is_empty() {
        return Ok(());
    }
    let mut rows = RowCounts::default();
    let mut files = Vec::new();
    let mut total = 0;
    let mut by: Vec<ReasonCount> = Vec::new();
    for n in notes {
        if !r.sources.iter().any(|s| s.label == n.source) && n.rows.counted > 0 {
            return Err(format!(
                "Tệp ghi nhận dòng của «{}» không khớp bảng kết quả (bảng có: {})",
                n.source,
                r.sources
                    .iter()
                    .map(|s| s.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        rows.add(&n.rows);
        files.extend(n.files.iter().cloned());
        total += n.problems_total;
        for c in &n.problems_by_reason {
            match by.iter_mut().find(|x| x.code == c.code) {
                Some(x) => x.count += c.count,
                None => by.push(c.clone()),
            }
        }
    }
    if rows.counted != r.rows.counted {
        return Err(format!(
            "Các tệp ghi nhận dòng tính {} hồ sơ, bảng kết quả có {}: chúng không mô tả cùng dữ liệu",
            int(rows.counted),
            int(r.rows.counted)
        ));
    }
    by.sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
    r.rows = rows;
    r.files = files;
    r.problems_total = total;
    r.problems_by_reason = by;
    Ok(())
}
