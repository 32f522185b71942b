//! Manual entries («số liệu nhập tay»), in one place: an indicator (id, portal code or name) of
//! the province (no `unit`) or of a unit, given as numerator/denominator or as points; `term`
//! names a composite rule's part. They come from a JSON file (a list, or `{"manual": [...]}`),
//! from a CSV table, or from the page (`IndexBuilder::set_manual`); their numbers are checked
//! on entry ([`check`]), against the methodology at `finish` ([`ManualByEntity::new`]), and the
//! scorer finds the entry of an indicator or term with [`find`]. An entry wins over every file.

use super::inputs::{unit_key, InputStore};
use super::methodology::{Indicator, Methodology, Rule};
use super::problem::{IndexProblem, Problems};
use crate::basics::format::dec_trim;
use crate::basics::problem::Code;
use crate::table::cells::parse_number;
use crate::table::columns::match_columns;
use crate::table::sheet::{cell, col, is_blank, Table};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One manual entry. See the module docs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(optional_fields)]
pub struct ManualEntry {
    #[serde(default, alias = "entity")]
    pub unit: Option<String>,
    pub indicator: String,
    #[serde(default)]
    pub term: Option<String>,
    /// Numbers as JSON numbers or as the text typed («1.234», «81,61»).
    #[serde(default, deserialize_with = "crate::table::cells::typed::number")]
    #[ts(optional, type = "number | string")]
    pub numerator: Option<f64>,
    #[serde(default, deserialize_with = "crate::table::cells::typed::number")]
    #[ts(optional, type = "number | string")]
    pub denominator: Option<f64>,
    #[serde(default, deserialize_with = "crate::table::cells::typed::number")]
    #[ts(optional, type = "number | string")]
    pub points: Option<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The columns of a manual-entry table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManualField {
    Unit,
    Indicator,
    Term,
    Numerator,
    Denominator,
    Points,
    Note,
}

impl ManualField {
    /// The field's JSON name, also the `field` of a problem about its cell.
    pub fn key(self) -> &'static str {
        match self {
            ManualField::Unit => "unit",
            ManualField::Indicator => "indicator",
            ManualField::Term => "term",
            ManualField::Numerator => "numerator",
            ManualField::Denominator => "denominator",
            ManualField::Points => "points",
            ManualField::Note => "note",
        }
    }
}

/// Header aliases of a manual-entry table (folded).
const FIELDS: [(ManualField, &[&str]); 7] = [
    (
        ManualField::Unit,
        &["don vi", "ten don vi", "co quan", "unit", "entity"],
    ),
    (
        ManualField::Indicator,
        &[
            "chi tieu",
            "ma chi tieu",
            "chi so",
            "ma chi so",
            "tieu chi",
            "indicator",
        ],
    ),
    (ManualField::Term, &["thanh phan", "term"]),
    (ManualField::Numerator, &["tu so", "numerator"]),
    (ManualField::Denominator, &["mau so", "denominator"]),
    (ManualField::Points, &["diem", "so diem", "points"]),
    (ManualField::Note, &["ghi chu", "note"]),
];

/// A column map of a manual-entry table.
pub type ManualColumns = Vec<(ManualField, usize)>;

/// Whether a row is the header of a manual-entry table (an indicator column and a numerator or
/// points column): its column map when it is.
pub fn header(row: &[String]) -> Option<ManualColumns> {
    let m = match_columns(row, &FIELDS, &[]);
    let has = |f| col(&m, f).is_some();
    (has(ManualField::Indicator) && (has(ManualField::Numerator) || has(ManualField::Points)))
        .then_some(m)
}

/// Manual entries from JSON: an array of entries or `{"manual": [...]}`.
pub fn from_json(v: &serde_json::Value) -> Result<Vec<ManualEntry>, String> {
    let arr = match v {
        serde_json::Value::Array(_) => v.clone(),
        serde_json::Value::Object(o) => {
            o.get("manual").cloned().ok_or("Thiếu danh sách «manual»")?
        }
        _ => return Err("Số liệu nhập tay phải là một danh sách".into()),
    };
    serde_json::from_value(arr).map_err(|e| format!("Số liệu nhập tay không hợp lệ: {e}"))
}

/// Whether a JSON value looks like manual entries (a list of objects with `indicator`, or an
/// object with `manual`).
pub fn looks_like(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Array(a) => {
            !a.is_empty() && a.iter().all(|x| x.get("indicator").is_some())
        }
        serde_json::Value::Object(o) => o.contains_key("manual"),
        _ => false,
    }
}

/// Manual entries from a table whose header is at `header_row` (0-based). A row with a cell
/// that is not a number is left out with a `bad_number` problem; a row without an indicator is
/// skipped.
pub fn from_table(
    file: &str,
    t: &Table,
    header_row: usize,
    map: &[(ManualField, usize)],
    problems: &mut Problems,
) -> Vec<ManualEntry> {
    let mut out = Vec::new();
    for (r, row) in t.rows.iter().enumerate().skip(header_row + 1) {
        if is_blank(row) {
            continue;
        }
        let get = |k: ManualField| cell(row, col(map, k)).to_string();
        let text = |k: ManualField| Some(get(k)).filter(|s| !s.is_empty());
        let mut num = |k: ManualField| -> Result<Option<f64>, ()> {
            let v = get(k);
            parse_number(&v).map_err(|_| {
                problems.push(IndexProblem::at(
                    file,
                    Some(r as u64 + 1),
                    k.key(),
                    &v,
                    Code::BadNumber,
                    format!("«{v}» không phải là số; bỏ qua dòng"),
                ));
            })
        };
        let (Ok(numerator), Ok(denominator), Ok(points)) = (
            num(ManualField::Numerator),
            num(ManualField::Denominator),
            num(ManualField::Points),
        ) else {
            continue;
        };
        let e = ManualEntry {
            unit: text(ManualField::Unit),
            indicator: get(ManualField::Indicator),
            term: text(ManualField::Term),
            numerator,
            denominator,
            points,
            note: text(ManualField::Note),
        };
        if !e.indicator.is_empty() {
            out.push(e);
        }
    }
    out
}

/// Checks one manual entry's numbers; the message is Vietnamese.
pub fn check(e: &ManualEntry) -> Result<(), String> {
    for (what, v) in [
        ("tử số", e.numerator),
        ("mẫu số", e.denominator),
        ("điểm", e.points),
    ] {
        if let Some(x) = v {
            if !x.is_finite() || x < 0.0 {
                return Err(format!("{what} {x} không hợp lệ (cần số không âm)"));
            }
        }
    }
    match (e.numerator, e.denominator, e.points) {
        (Some(_), Some(_), None) | (None, None, Some(_)) => Ok(()),
        (Some(_), Some(_), Some(_)) => Err("nhập tử số/mẫu số hoặc điểm, không nhập cả hai".into()),
        _ => Err("cần cả tử số và mẫu số, hoặc điểm".into()),
    }
}

/// Why an entry does not fit the methodology: (field, value, code, message).
type Unfit = (&'static str, String, Code, String);

/// Checks one entry against the methodology: a known indicator, valid numbers, a term exactly
/// when the rule is composite (or points for the whole indicator), points within the maximum.
fn check_against(m: &Methodology, e: &ManualEntry) -> Result<(), Unfit> {
    let what = format!("chỉ tiêu «{}»", e.indicator);
    let on_indicator = |code, msg| Err(("indicator", e.indicator.clone(), code, msg));
    let Some(ind) = m.find_entry_indicator(&e.indicator, e.term.as_deref()) else {
        let msg = format!("Không có {what} trong phương pháp {}", m.id);
        return on_indicator(Code::UnknownIndicator, msg);
    };
    if let Err(msg) = check(e) {
        return on_indicator(Code::BadManual, format!("{what}: {msg}"));
    }
    match (&ind.rule, &e.term) {
        (Rule::Composite { terms, .. }, Some(t))
            if !terms.iter().any(|x| x.key.eq_ignore_ascii_case(t.trim())) =>
        {
            let msg = format!("{what} không có thành phần «{t}»");
            return Err(("term", t.clone(), Code::UnknownTerm, msg));
        }
        (Rule::Composite { .. }, None) if e.points.is_none() => {
            let msg = format!("{what} tính theo nhiều thành phần: nhập điểm, hoặc tử số/mẫu số cho từng thành phần («term»)");
            return on_indicator(Code::BadManual, msg);
        }
        (r, Some(t)) if !matches!(r, Rule::Composite { .. }) => {
            let msg = format!("{what} không có thành phần");
            return Err(("term", t.clone(), Code::UnknownTerm, msg));
        }
        _ => {}
    }
    match e.points {
        Some(p) if p > ind.max + 1e-9 => {
            let msg = format!(
                "{what}: {} điểm vượt điểm tối đa {}",
                dec_trim(p, 2),
                dec_trim(ind.max, 2)
            );
            Err(("points", p.to_string(), Code::BadManual, msg))
        }
        _ => Ok(()),
    }
}

/// The entries that fit the methodology, by entity: `None` for the province, `Some(unit_key)`
/// for a unit.
#[derive(Default)]
pub struct ManualByEntity(HashMap<Option<String>, Vec<ManualEntry>>);

impl ManualByEntity {
    /// Checks `(source, entry)` pairs in order; an entry that does not fit becomes a problem of
    /// its source. A unit named only by a manual entry is added to the store.
    pub fn new(
        m: &Methodology,
        entries: impl IntoIterator<Item = (String, ManualEntry)>,
        store: &mut InputStore,
        problems: &mut Problems,
        warnings: &mut Vec<String>,
    ) -> ManualByEntity {
        let mut by = ManualByEntity::default();
        for (file, e) in entries {
            if let Err((field, value, code, msg)) = check_against(m, &e) {
                problems.push(IndexProblem::at(&file, None, field, &value, code, msg));
                continue;
            }
            let found = m.find_entry_indicator(&e.indicator, e.term.as_deref());
            if let (Some(other), Some(i)) = (m.alias_shadowed(&e.indicator), found) {
                if i.id == e.indicator.trim() {
                    let w = format!(
                        "{file}: «{}» được hiểu là chỉ tiêu {} ({}) theo cách đánh số mới; nếu ý là mã cũ «{}» thì nay là chỉ tiêu {} ({})",
                        e.indicator.trim(), i.id, i.name, e.indicator.trim(), other.id, other.name
                    );
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                }
            }
            let unit = e.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
            let key = unit.map(|u| {
                store.unit_mut(u);
                unit_key(u)
            });
            by.0.entry(key).or_default().push(e);
        }
        by
    }

    /// The province's entries.
    pub fn province(&self) -> &[ManualEntry] {
        self.0.get(&None).map_or(&[], Vec::as_slice)
    }

    /// A unit's entries, by its name.
    pub fn unit(&self, name: &str) -> &[ManualEntry] {
        self.0.get(&Some(unit_key(name))).map_or(&[], Vec::as_slice)
    }
}

/// The entry (the last one given) for an indicator, or for one term of its composite rule.
pub fn find<'a>(
    manual: &'a [ManualEntry],
    m: &Methodology,
    ind: &Indicator,
    term: Option<&str>,
) -> Option<&'a ManualEntry> {
    manual.iter().rev().find(|e| {
        m.find_entry_indicator(&e.indicator, e.term.as_deref())
            .is_some_and(|i| i.id == ind.id)
            && match (term, e.term.as_deref()) {
                (None, None) => true,
                (Some(t), Some(et)) => t.eq_ignore_ascii_case(et.trim()),
                _ => false,
            }
    })
}
