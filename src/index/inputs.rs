//! The [`InputStore`]: per entity (the province, a level, a unit) a flat set of named data items
//! (numbers with the file they came from) and the portal's own scores; the keys entities are
//! matched by across files. Loaders only add to it; the methodology is applied at the end, so
//! files can come in any order. (Manual entries are kept apart: `manual.rs`.)
//!
//! Data item names: the portal's own field names for the parent/children shape
//! (`totalOnTime`, `totalReceived`, `totalDossierOnlinePaymentSuccess`…), `CODE.numerator` /
//! `CODE.denominator` for the metrics shape, `dossier.*` for figures derived from a dossier
//! summary (`dossiers.rs`) and `catalog.*` for the procedure catalogue.

use crate::basics::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use ts_rs::TS;

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

/// The level named by the portal's `level` / `departmentLevel` (or by our own `province`,
/// `district`, `commune`), as ours.
pub fn portal_level(s: &str) -> Option<String> {
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

/// Every input loaded so far, by entity: the store the loaders fill and `finish` scores.
#[derive(Default)]
pub struct InputStore {
    pub province: Option<Entity>,
    pub levels: Vec<Entity>,
    pub units: Vec<Entity>,
    unit_index: HashMap<String, usize>,
    /// Item values that differed from one already loaded (first one kept): (entity, item, files).
    pub conflicts: Vec<(String, String, String, String)>,
    /// Names the province was given by different files.
    pub province_names: Vec<String>,
}

/// Other province names kept for the warning (a file naming thousands is not checked pairwise).
const OTHER_PROVINCE_NAMES: usize = 20;

impl InputStore {
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
            && self.province_names.len() < OTHER_PROVINCE_NAMES
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

// The manual entries' functions by their former paths (src/wasm/index.rs names them so).
pub use super::manual::{check as check_manual, from_json as manual_from_json, ManualEntry};

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
        InputStore::set(&mut c, &mut e, "a", 2.0, "f1");
        InputStore::set(&mut c, &mut e, "b", 3.0, "f2");
        InputStore::set(&mut c, &mut e, "a", 5.0, "f3");
        assert_eq!(e.get("a+b"), Some((5.0, "f1, f2".into())));
        assert_eq!(e.get("a+c"), None);
        assert_eq!(c.len(), 1);
    }
}
