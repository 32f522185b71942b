//! What-if: for each indicator (or composite term) whose numerator counts dossiers (the
//! methodology's `lever`), how many more dossiers must move from «not counted» to «counted» —
//! late to on time, direct to online, not digitised to digitised — with the denominator fixed,
//! to gain one point, to reach the indicator's maximum, or to reach a target total; and, for the
//! province, which units hold the most such dossiers.
//!
//! The province's ratios are pooled counts (Σ numerators / Σ denominators over its units; the
//! portal's parent ratio equals totalOnTime / totalReceived over all children [S3][S8]), so one
//! dossier is worth the same to the province in every unit; units differ in how many dossiers
//! they can still move and in what each is worth to their own score.

use super::inputs::Entity;
use super::methodology::{Indicator, Methodology, Rule, Term};
use super::score::{points_at, round2, EntityScore};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Lever {
    pub indicator: String,
    /// The composite term (e.g. `A`), for a term of a composite rule.
    pub term: Option<String>,
    pub name: String,
    /// What one more counts as: «hồ sơ đúng hạn».
    pub lever: String,
    pub numerator: f64,
    pub denominator: f64,
    /// Current points of the indicator or term (2 decimals) and its attainable maximum.
    pub points: f64,
    pub max: f64,
    /// denominator − numerator: dossiers that can still move.
    pub headroom: u64,
    /// Points the next dossier brings (4 decimals).
    pub points_per_dossier: f64,
    /// Dossiers for one more point; `None` when less than a point is left to gain.
    pub dossiers_per_point: Option<u64>,
    /// Dossiers to reach the maximum (0 when already there).
    pub dossiers_to_max: Option<u64>,
    /// Dossiers to reach the target total with this lever alone; `None` when it cannot.
    pub dossiers_to_target: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct UnitLever {
    pub unit: String,
    pub level: Option<String>,
    pub indicator: String,
    pub term: Option<String>,
    pub lever: String,
    /// Dossiers of this unit that can still move.
    pub headroom: u64,
    /// What one of them brings to the unit's own score.
    pub unit_points_per_dossier: f64,
    /// What one of them brings to the province (the same in every unit: pooled counts).
    pub province_points_per_dossier: f64,
    /// Province points if all of this unit's movable dossiers moved.
    pub province_gain_if_all: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct WhatIf {
    /// The entity the levers are for (the province, or the focus unit).
    pub entity: String,
    pub total: Option<f64>,
    pub target: Option<f64>,
    /// target − total, when a target is set and above the total.
    pub needed: Option<f64>,
    pub levers: Vec<Lever>,
    /// Units ordered by what their movable dossiers are worth to the province (province only).
    pub units: Vec<UnitLever>,
    pub note: String,
}

/// (indicator, term) pairs that are levers, with the numerator/denominator item names in use.
struct Spot<'a> {
    ind: &'a Indicator,
    term: Option<&'a Term>,
    lever: String,
    /// The data items in use (none for a manual entry: no unit breakdown then).
    items: Option<(String, String)>,
    num: f64,
    den: f64,
}

fn spots<'a>(m: &'a Methodology, score: &EntityScore) -> Vec<Spot<'a>> {
    let mut v = Vec::new();
    for ind in &m.indicators {
        let Some(s) = score.indicators.iter().find(|s| s.id == ind.id) else {
            continue;
        };
        match &ind.rule {
            Rule::Composite { terms, .. } => {
                for t in terms {
                    let Some(lever) = &t.lever else { continue };
                    let Some(ts) = s.terms.iter().find(|x| x.key == t.key) else {
                        continue;
                    };
                    if let (Some(n), Some(d)) = (ts.numerator, ts.denominator) {
                        let items = ts
                            .input
                            .as_ref()
                            .map(|i| (i.numerator.clone(), i.denominator.clone()));
                        v.push(Spot {
                            ind,
                            term: Some(t),
                            lever: lever.clone(),
                            items,
                            num: n,
                            den: d,
                        });
                    }
                }
            }
            _ => {
                let Some(lever) = &ind.lever else { continue };
                if let (Some(n), Some(d)) = (s.numerator, s.denominator) {
                    let items = s
                        .input
                        .as_ref()
                        .map(|i| (i.numerator.clone(), i.denominator.clone()));
                    v.push(Spot {
                        ind,
                        term: None,
                        lever: lever.clone(),
                        items,
                        num: n,
                        den: d,
                    });
                }
            }
        }
    }
    v
}

fn pts(sp: &Spot, num: f64) -> f64 {
    points_at(sp.ind, sp.term, num, sp.den).unwrap_or(0.0)
}

/// The fewest dossiers k ≤ headroom with pts(num + k) − pts(num) ≥ gain (points are monotone).
fn dossiers_for(sp: &Spot, gain: f64) -> Option<u64> {
    let base = pts(sp, sp.num);
    let head = (sp.den - sp.num).max(0.0).floor() as u64;
    if gain <= 1e-12 {
        return Some(0);
    }
    if pts(sp, sp.num + head as f64) - base < gain - 1e-9 {
        return None;
    }
    let (mut lo, mut hi) = (0u64, head);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pts(sp, sp.num + mid as f64) - base >= gain - 1e-9 {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

fn attainable(sp: &Spot) -> f64 {
    match sp.term {
        Some(t) => t.cap.map_or(t.weight, |c| c.min(t.weight)),
        None => sp.ind.max,
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// What moving dossiers does for one spot: points per dossier, dossiers per point, to the
/// maximum and to the target.
fn lever(sp: &Spot, needed: Option<f64>) -> Lever {
    let head = (sp.den - sp.num).max(0.0).floor() as u64;
    let now = pts(sp, sp.num);
    let max = attainable(sp);
    let next = if head > 0 {
        pts(sp, sp.num + 1.0) - now
    } else {
        0.0
    };
    Lever {
        indicator: sp.ind.id.clone(),
        term: sp.term.map(|t| t.key.clone()),
        name: sp.term.map_or_else(
            || sp.ind.name.clone(),
            |t| format!("{} — {}", sp.ind.name, t.name),
        ),
        lever: sp.lever.clone(),
        numerator: sp.num,
        denominator: sp.den,
        points: round2(now),
        max,
        headroom: head,
        points_per_dossier: round4(next),
        dossiers_per_point: if max - now >= 1.0 - 1e-9 {
            dossiers_for(sp, 1.0)
        } else {
            None
        },
        dossiers_to_max: dossiers_for(sp, max - now - 1e-9),
        dossiers_to_target: needed.and_then(|g| dossiers_for(sp, g)),
    }
}

/// The province's spot unit by unit: each unit's movable dossiers, what one is worth to the
/// unit and to the province (`province_next`, the same in every unit), and what all of them
/// would bring the province. Only for spots read from data items (not manual entries).
fn by_unit(sp: &Spot, province_next: f64, units: &[(&Entity, &EntityScore)]) -> Vec<UnitLever> {
    let Some((num_item, den_item)) = sp.items.as_ref() else {
        return Vec::new();
    };
    let now = pts(sp, sp.num);
    let mut out = Vec::new();
    for (ue, us) in units {
        let (Some((un, _)), Some((ud, _))) = (ue.get(num_item), ue.get(den_item)) else {
            continue;
        };
        let uh = (ud - un).max(0.0).floor() as u64;
        if uh == 0 {
            continue;
        }
        let uspot = Spot {
            ind: sp.ind,
            term: sp.term,
            lever: sp.lever.clone(),
            items: None,
            num: un,
            den: ud,
        };
        let unit_next = pts(&uspot, un + 1.0) - pts(&uspot, un);
        let gain_all = pts(sp, (sp.num + uh as f64).min(sp.den)) - now;
        if gain_all <= 1e-9 {
            continue; // the province is at this lever's maximum
        }
        out.push(UnitLever {
            unit: us.name.clone(),
            level: us.level.clone(),
            indicator: sp.ind.id.clone(),
            term: sp.term.map(|t| t.key.clone()),
            lever: sp.lever.clone(),
            headroom: uh,
            unit_points_per_dossier: round4(unit_next),
            province_points_per_dossier: province_next,
            province_gain_if_all: round4(gain_all),
        });
    }
    out
}

/// The what-if for an entity (the province, or the focus unit): one lever per indicator or
/// term whose numerator counts dossiers; for the province, the units that hold the most
/// movable dossiers.
pub fn what_if(
    m: &Methodology,
    entity: &EntityScore,
    is_province: bool,
    target: Option<f64>,
    units: &[(&Entity, &EntityScore)],
) -> WhatIf {
    let needed = match (target, entity.total) {
        (Some(t), Some(total)) if t > total => Some(round2(t - total)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    let mut levers = Vec::new();
    let mut unit_levers = Vec::new();
    for sp in spots(m, entity) {
        let l = lever(&sp, needed);
        if is_province {
            unit_levers.extend(by_unit(&sp, l.points_per_dossier, units));
        }
        levers.push(l);
    }
    unit_levers.sort_by(|a, b| {
        b.province_gain_if_all
            .total_cmp(&a.province_gain_if_all)
            .then(b.headroom.cmp(&a.headroom))
            .then_with(|| a.unit.cmp(&b.unit))
    });
    WhatIf {
        entity: entity.name.clone(),
        total: entity.total,
        target,
        needed,
        levers,
        units: unit_levers,
        note: "Mỗi phương án tính riêng một đòn bẩy, giữ nguyên mẫu số (chuyển hồ sơ từ không đạt sang đạt). Tỷ lệ của tỉnh là số cộng dồn của các đơn vị nên mỗi hồ sơ có giá trị như nhau với tỉnh dù ở đơn vị nào; đơn vị xếp trước là đơn vị còn nhiều hồ sơ có thể cải thiện nhất.".into(),
    }
}
