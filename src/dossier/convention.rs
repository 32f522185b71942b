//! Counting conventions as data: which dossiers a report counts as resolved, on time and in
//! progress. Sources differ (domain.md §2.3 and §6 item 9): the 766 formula document and this
//! crate's default count a withdrawn dossier apart, while the one-stop systems' form 06 / II.06a
//! count it as resolved on time and count supplement-pending and stopped dossiers as in progress
//! within time. Each convention is an entry of `conventions/conventions.json` (embedded,
//! versioned, with its sources); [`classify`](crate::dossier::classify::classify) reads the
//! three switches of [`Rules`] and nothing else.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The convention used when none is asked for: it reproduces the Bình Thuận 2024 report.
pub const DEFAULT: &str = "mac-dinh";

const EMBEDDED: &str = include_str!("conventions/conventions.json");

/// Which end dates make a dossier resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolved {
    /// Any received dossier with an end of processing in the period (withdrawn and stopped
    /// ones aside).
    EndDate,
    /// Only statuses 9 and 10 (Đã xử lý xong, Đã trả kết quả) with an end date in the period;
    /// any other open status is in progress whatever its end date.
    DoneStatus,
}

/// Where a withdrawn dossier (status 7) goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Withdrawn {
    /// Counted apart («Trả lại/Xin rút»), never resolved.
    Apart,
    /// Resolved and on time (and still counted as withdrawn, as a part).
    ResolvedOnTime,
}

/// Where a supplement-pending (5), financial-obligation (6) or stopped (8) dossier goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Suspended {
    /// By its dates like any other (stopped ones apart in the period of their end date).
    ByEndDate,
    /// In progress within time at the period's end, when received by then and not closed
    /// before the period began.
    PendingWithinTime,
}

/// The switches `classify` reads (copied into the hot loop).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    pub resolved: Resolved,
    pub withdrawn: Withdrawn,
    pub suspended: Suspended,
}

/// One counting convention, as written in the embedded file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Convention {
    /// The name the CLI (`--convention`), the page and the Report use: `mac-dinh`, `bieu-06`.
    pub id: String,
    /// Vietnamese name shown to the user.
    pub name: String,
    /// The rules in one Vietnamese paragraph (shown in the page and the exports).
    pub description: String,
    pub resolved: Resolved,
    pub withdrawn: Withdrawn,
    pub suspended: Suspended,
    pub sources: Vec<String>,
}

impl Convention {
    pub fn rules(&self) -> Rules {
        Rules {
            resolved: self.resolved,
            withdrawn: self.withdrawn,
            suspended: self.suspended,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    kind: String,
    version: u32,
    conventions: Vec<Convention>,
}

/// Every convention of the embedded file, in its order (the default first).
pub fn all() -> &'static [Convention] {
    static ALL: OnceLock<Vec<Convention>> = OnceLock::new();
    ALL.get_or_init(|| {
        // the embedded file is checked by the tests below; it cannot fail at run time
        let f: File = serde_json::from_str(EMBEDDED).expect("conventions.json is valid");
        assert!(f.kind == "tthc-conventions" && f.version == 1);
        f.conventions
    })
}

/// The convention named `id` (`None`, empty or `auto` = the default); the error is a
/// Vietnamese sentence naming the known ones.
pub fn find(id: Option<&str>) -> Result<&'static Convention, String> {
    let id = match id.map(str::trim) {
        None | Some("" | "auto") => DEFAULT,
        Some(id) => id,
    };
    all().iter().find(|c| c.id == id).ok_or_else(|| {
        let known: Vec<&str> = all().iter().map(|c| c.id.as_str()).collect();
        format!(
            "Quy ước đếm «{id}» không tồn tại (cần một trong: {})",
            known.join(", ")
        )
    })
}

/// The default convention.
pub fn default() -> &'static Convention {
    &all()[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_holds_both_conventions() {
        let ids: Vec<&str> = all().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["mac-dinh", "bieu-06"]);
        assert_eq!(default().id, DEFAULT);
        for c in all() {
            assert!(!c.sources.is_empty(), "{} has no source", c.id);
            assert!(!c.description.is_empty());
        }
        let b = find(Some("bieu-06")).unwrap().rules();
        assert_eq!(
            b,
            Rules {
                resolved: Resolved::DoneStatus,
                withdrawn: Withdrawn::ResolvedOnTime,
                suspended: Suspended::PendingWithinTime
            }
        );
        assert_eq!(find(None).unwrap().id, "mac-dinh");
        assert_eq!(find(Some(" auto ")).unwrap().id, "mac-dinh");
        let e = find(Some("bieu-07")).unwrap_err();
        assert!(
            e.contains("«bieu-07»") && e.contains("mac-dinh, bieu-06"),
            "{e}"
        );
    }
}
