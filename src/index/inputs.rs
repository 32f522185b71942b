//! The input store: per entity (the province, a level, a unit) a flat set of named data items
//! (numbers with the file they came from), the portal's own scores, and manual entries. Loaders
//! only add to it; the methodology is applied at the end, so files can come in any order.
//!
//! Data item names: the portal's own field names for the parent/children shape
//! (`totalOnTime`, `totalReceived`, `totalDossierOnlinePaymentSuccess`…), `CODE.numerator` /
//! `CODE.denominator` for the metrics shape, `dossier.*` for figures derived from a dossier
//! Report and `catalog.*` for the procedure catalogue.

use crate::basics::text::fold;
use crate::dossier::aggregate::Counts;
use crate::dossier::model::Level;
use crate::dossier::report::Report;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    /// Stable machine code.
    pub code: String,
    pub message: String,
}

impl IndexProblem {
    pub fn file(file: &str, code: &str, message: impl Into<String>) -> Self {
        IndexProblem {
            file: file.into(),
            row: None,
            field: None,
            value: None,
            code: code.into(),
            message: message.into(),
        }
    }
    pub fn at(
        file: &str,
        row: Option<u64>,
        field: &str,
        value: &str,
        code: &str,
        message: impl Into<String>,
    ) -> Self {
        IndexProblem {
            file: file.into(),
            row,
            field: Some(field.into()),
            value: Some(value.into()),
            code: code.into(),
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub value: f64,
    /// The file (or «báo cáo hồ sơ», «danh mục TTHC»…) it came from.
    pub file: String,
}

/// A score the portal published for an entity in one file: a group total (`keys` = the record's
/// field names or metric codes, which identify the group) or one metric.
#[derive(Clone, Debug, PartialEq)]
pub struct PortalScore {
    pub keys: BTreeSet<String>,
    pub points: f64,
    pub max: Option<f64>,
    pub file: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Province,
    Level,
    Unit,
}

#[derive(Clone, Debug)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// `province`, `district`, `commune` where known.
    pub level: Option<String>,
    pub code: Option<String>,
    pub items: BTreeMap<String, Item>,
    /// Group totals published by the portal.
    pub portal_groups: Vec<PortalScore>,
    /// Metric code (upper case) → published score.
    pub portal_metrics: BTreeMap<String, (f64, String)>,
}

impl Entity {
    pub fn new(name: &str, kind: EntityKind) -> Entity {
        Entity {
            name: name.to_string(),
            kind,
            level: None,
            code: None,
            items: BTreeMap::new(),
            portal_groups: Vec::new(),
            portal_metrics: BTreeMap::new(),
        }
    }

    pub fn has_data(&self) -> bool {
        !self.items.is_empty() || !self.portal_groups.is_empty() || !self.portal_metrics.is_empty()
    }

    /// The value of an item name; `a+b` sums several items (all must be present).
    pub fn get(&self, name: &str) -> Option<(f64, String)> {
        let mut sum = 0.0;
        let mut files: Vec<&str> = Vec::new();
        for part in name.split('+') {
            let it = self.items.get(part.trim())?;
            sum += it.value;
            if !files.contains(&it.file.as_str()) {
                files.push(&it.file);
            }
        }
        Some((sum, files.join(", ")))
    }
}

/// The key units are matched by across files: folded, without a leading «UBND»/«Ủy ban nhân
/// dân» and without a trailing « - Tỉnh X» that the portal appends to department names.
pub fn unit_key(name: &str) -> String {
    let base = match name.rfind(" - ") {
        Some(i) => {
            let tail = fold(&name[i + 3..]);
            if tail.starts_with("tinh ")
                || tail.starts_with("thanh pho ")
                || tail.starts_with("tp ")
            {
                &name[..i]
            } else {
                name
            }
        }
        None => name,
    };
    let mut f = fold(base);
    for p in ["uy ban nhan dan ", "ubnd "] {
        if let Some(r) = f.strip_prefix(p) {
            f = r.to_string();
        }
    }
    f
}

/// The key provinces are matched by: `unit_key` without «tỉnh», «thành phố», «TP».
pub fn province_key(name: &str) -> String {
    let mut f = unit_key(name);
    for p in ["tinh ", "thanh pho ", "tp "] {
        if let Some(r) = f.strip_prefix(p) {
            f = r.to_string();
        }
    }
    f
}

pub fn level_str(l: Level) -> &'static str {
    match l {
        Level::Province => "province",
        Level::District => "district",
        Level::Commune => "commune",
    }
}

/// The portal's `level` / `departmentLevel` values and ours, to ours.
pub fn parse_level(s: &str) -> Option<String> {
    let f = fold(s);
    Some(
        match f.as_str() {
            "province" | "tinh" | "cap tinh" | "so ban nganh" => "province",
            "district" | "huyen" | "cap huyen" => "district",
            "commune" | "xa" | "cap xa" => "commune",
            _ => return None,
        }
        .to_string(),
    )
}

/// Everything loaded so far.
#[derive(Default)]
pub struct Store {
    pub province: Option<Entity>,
    pub levels: Vec<Entity>,
    pub units: Vec<Entity>,
    unit_index: HashMap<String, usize>,
    /// Item values that differed from one already loaded (first one kept): (entity, item, files).
    pub conflicts: Vec<(String, String, String, String)>,
    /// Names the province was given by different files.
    pub province_names: Vec<String>,
}

impl Store {
    pub fn province_mut(&mut self) -> &mut Entity {
        self.province
            .get_or_insert_with(|| Entity::new("", EntityKind::Province))
    }

    /// Sets the province's name the first time; records other names to warn about.
    pub fn name_province(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let p = self.province_mut();
        if p.name.is_empty() {
            p.name = name.to_string();
        } else if province_key(&p.name) != province_key(name)
            && !self.province_names.iter().any(|n| n == name)
        {
            self.province_names.push(name.to_string());
        }
    }

    pub fn unit_mut(&mut self, name: &str) -> &mut Entity {
        let key = unit_key(name);
        let i = match self.unit_index.get(&key) {
            Some(&i) => i,
            None => {
                self.units.push(Entity::new(name.trim(), EntityKind::Unit));
                self.unit_index.insert(key, self.units.len() - 1);
                self.units.len() - 1
            }
        };
        &mut self.units[i]
    }

    pub fn find_unit(&self, name: &str) -> Option<&Entity> {
        self.unit_index
            .get(&unit_key(name))
            .map(|&i| &self.units[i])
    }

    pub fn level_mut(&mut self, label: &str) -> &mut Entity {
        let i = match self.levels.iter().position(|l| l.name == label) {
            Some(i) => i,
            None => {
                self.levels.push(Entity::new(label, EntityKind::Level));
                self.levels.len() - 1
            }
        };
        &mut self.levels[i]
    }

    /// Adds an item to an entity; the first value wins and a different later one is recorded.
    pub fn set(
        conflicts: &mut Vec<(String, String, String, String)>,
        e: &mut Entity,
        item: &str,
        value: f64,
        file: &str,
    ) {
        match e.items.get(item) {
            Some(old) if (old.value - value).abs() > 1e-9 => conflicts.push((
                if e.name.is_empty() {
                    "toàn tỉnh".into()
                } else {
                    e.name.clone()
                },
                item.to_string(),
                old.file.clone(),
                file.to_string(),
            )),
            Some(_) => {}
            None => {
                e.items.insert(
                    item.to_string(),
                    Item {
                        value,
                        file: file.to_string(),
                    },
                );
            }
        }
    }
}

/// The dossier columns a Report's figures depend on, over all its files.
fn mapped_fields(r: &Report) -> BTreeSet<String> {
    let mut s = BTreeSet::new();
    for f in &r.files {
        if f.error.is_some() {
            continue;
        }
        for m in &f.mapping {
            if m.column.is_some() {
                s.insert(m.field.clone());
            }
        }
    }
    s
}

/// The items one set of dossier counts gives, given which columns the files had.
fn dossier_items(c: &Counts, mapped: &BTreeSet<String>) -> Vec<(&'static str, f64)> {
    let has = |k: &str| mapped.contains(k);
    let mut v = Vec::new();
    let within = c.pending.saturating_sub(c.pending_overdue);
    let on_time_or_within = c.on_time + within;
    if has("due") {
        v.push(("dossier.handled", (c.resolved + c.pending) as f64));
        v.push(("dossier.on_time_or_within", on_time_or_within as f64));
        v.push((
            "dossier.late_or_overdue",
            (c.late + c.pending_overdue) as f64,
        ));
    }
    if has("channel") {
        v.push(("dossier.received", c.received as f64));
        v.push(("dossier.received_online", c.received_online as f64));
    }
    if has("digitized") || has("paid_online") {
        v.push(("dossier.resolved", c.resolved as f64));
    }
    if has("digitized") {
        v.push(("dossier.digitized", c.digitized as f64));
    }
    if has("paid_online") {
        v.push(("dossier.paid_online", c.paid_online as f64));
    }
    if has("rating") {
        v.push(("dossier.rated", c.rated as f64));
        v.push(("dossier.unsatisfied", c.unsatisfied as f64));
        if has("due") {
            v.push((
                "dossier.satisfied",
                on_time_or_within.saturating_sub(c.unsatisfied) as f64,
            ));
        }
    }
    v
}

/// The per-procedure figures kept for the join with the catalogue.
#[derive(Clone, Debug, Default)]
pub struct ProcedureFigures {
    pub code: String,
    pub received: u64,
    pub received_online: u64,
    pub resolved: u64,
    pub paid_online: u64,
}

/// Loads a dossier Report: the province from `total`, each level, each unit. Returns warnings.
pub fn add_report(
    store: &mut Store,
    r: &Report,
    source: &str,
    procedures: &mut Vec<ProcedureFigures>,
    mapped_out: &mut BTreeSet<String>,
) -> Vec<String> {
    let mut warnings = Vec::new();
    let mapped = mapped_fields(r);
    if r.rows.counted == 0 && r.total.counts.is_empty() {
        warnings.push(format!(
            "{source}: không có hồ sơ nào được tính, không lấy được chỉ tiêu nào từ hồ sơ"
        ));
        return warnings;
    }
    for (field, what) in [
        (
            "due",
            "tiến độ giải quyết và mức độ hài lòng (cần cột Ngày hẹn trả)",
        ),
        (
            "channel",
            "tỷ lệ hồ sơ trực tuyến (cần cột Hình thức nộp / Kênh)",
        ),
        ("digitized", "tỷ lệ số hóa (cần cột Số hóa)"),
        (
            "paid_online",
            "tỷ lệ thanh toán trực tuyến (cần cột Thanh toán trực tuyến)",
        ),
        ("rating", "mức độ hài lòng (cần cột Đánh giá)"),
    ] {
        if !mapped.contains(field) {
            warnings.push(format!(
                "{source}: không có cột cho {what}; chỉ tiêu này không tính từ hồ sơ"
            ));
        }
    }
    mapped_out.extend(mapped.iter().cloned());
    let mut conflicts = std::mem::take(&mut store.conflicts);
    {
        let p = store.province_mut();
        for (k, v) in dossier_items(&r.total.counts, &mapped) {
            Store::set(&mut conflicts, p, k, v, source);
        }
    }
    for l in &r.levels {
        let e = store.level_mut(&l.label);
        e.level = Some(level_str(l.level).to_string());
        for (k, v) in dossier_items(&l.figures.counts, &mapped) {
            Store::set(&mut conflicts, e, k, v, source);
        }
    }
    for u in &r.units {
        let e = store.unit_mut(&u.name);
        if e.level.is_none() {
            e.level = u.level.map(|l| level_str(l).to_string());
        }
        for (k, v) in dossier_items(&u.figures.counts, &mapped) {
            Store::set(&mut conflicts, e, k, v, source);
        }
    }
    store.conflicts = conflicts;
    for p in &r.procedures {
        // a file with codes and no names lists the code as the procedure's name
        if let Some(code) = p
            .code
            .as_deref()
            .or(Some(p.name.as_str()))
            .filter(|c| !c.trim().is_empty())
        {
            let c = &p.figures.counts;
            procedures.push(ProcedureFigures {
                code: code.trim().to_string(),
                received: c.received,
                received_online: c.received_online,
                resolved: c.resolved,
                paid_online: c.paid_online,
            });
        }
    }
    warnings
}

/// A manual entry: an indicator (id, portal code or name) of the province (no `unit`) or of a
/// unit, given as numerator/denominator, or as points. `term` names a composite rule's part.
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

/// Manual entries from JSON: an array of entries or `{"manual": [...]}`.
pub fn manual_from_json(v: &serde_json::Value) -> Result<Vec<ManualEntry>, String> {
    let arr = match v {
        serde_json::Value::Array(_) => v.clone(),
        serde_json::Value::Object(o) => {
            o.get("manual").cloned().ok_or("Thiếu danh sách «manual»")?
        }
        _ => return Err("Số liệu nhập tay phải là một danh sách".into()),
    };
    serde_json::from_value(arr).map_err(|e| format!("Số liệu nhập tay không hợp lệ: {e}"))
}

/// Checks one manual entry's numbers; the message is Vietnamese.
pub fn check_manual(e: &ManualEntry) -> Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(unit_key("Sở Công Thương - Tỉnh Phú Thọ"), "so cong thuong");
        assert_eq!(unit_key("Sở Công Thương"), "so cong thuong");
        assert_eq!(unit_key("UBND xã Hy Cương"), "xa hy cuong");
        assert_eq!(unit_key("Xã Hy Cương"), "xa hy cuong");
        assert_eq!(unit_key("Sở A - Phòng B"), "so a phong b");
        assert_eq!(province_key("UBND tỉnh Bình Thuận"), "binh thuan");
        assert_eq!(province_key("Tỉnh Bình Thuận"), "binh thuan");
        assert_eq!(province_key("TP. Hồ Chí Minh"), "ho chi minh");
        assert_eq!(province_key("Thành phố Hồ Chí Minh"), "ho chi minh");
    }

    #[test]
    fn sums_and_first_wins() {
        let mut e = Entity::new("x", EntityKind::Unit);
        let mut c = Vec::new();
        Store::set(&mut c, &mut e, "a", 2.0, "f1");
        Store::set(&mut c, &mut e, "b", 3.0, "f2");
        Store::set(&mut c, &mut e, "a", 5.0, "f3");
        assert_eq!(e.get("a+b"), Some((5.0, "f1, f2".into())));
        assert_eq!(e.get("a+c"), None);
        assert_eq!(c.len(), 1);
    }
}
