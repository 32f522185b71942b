//! Groups: which of the portal's published records is a group's score, a group's points from
//! its indicators and that score, and the points lost per indicator.
//!
//! A group's points are the portal's published group score whenever a file carried one for the
//! entity (the official figure: an entity's total over the six group files is then the sum of
//! the portal's group scores); the sum of the indicators, recomputed, stays beside it and a
//! difference above 0,01 is flagged. Without a published score the group is the sum of its
//! indicators, partial when some have no data.

use super::inputs::Entity;
use super::methodology::{Group, Methodology};
use super::score::{
    cents, round2, GroupScore, GroupSource, IndicatorScore, Loss, State, TOLERANCE,
};
use crate::basics::text::fold;

/// The portal's group score for an entity: (points, file). A record belongs to the group whose
/// `portal_keys` it carries (its own fields or, in a parent/children file, any record's: a
/// child of `provide-online-tree` carries only its score), whose indicators' metric codes it
/// carries, or whose `portal_files` its file's name contains.
pub fn portal_group_score(m: &Methodology, e: &Entity, group: &str) -> Option<(f64, String)> {
    let g = m.group(group)?;
    let file_matches = |file: &str| {
        let f = fold(file);
        g.portal_files.iter().any(|p| f.contains(&fold(p)))
    };
    e.portal_groups
        .iter()
        .find(|ps| {
            g.portal_keys.iter().any(|k| ps.keys.contains(k))
                || m.indicators.iter().any(|i| {
                    i.group == g.code
                        && i.code
                            .as_ref()
                            .is_some_and(|c| ps.keys.contains(&c.to_ascii_uppercase()))
                })
        })
        .or_else(|| e.portal_groups.iter().find(|ps| file_matches(&ps.file)))
        .map(|ps| (ps.points, ps.file.clone()))
}

/// A group's points: the portal's group score when a file carried one, else the sum of its
/// indicators (partial when some have no data). See the module docs.
pub(super) fn group_score(
    m: &Methodology,
    g: &Group,
    indicators: &[IndicatorScore],
    e: &Entity,
) -> GroupScore {
    let inds: Vec<&IndicatorScore> = indicators.iter().filter(|i| i.group == g.code).collect();
    let max: f64 = inds
        .iter()
        .filter(|i| i.state != State::NotApplicable)
        .map(|i| i.max)
        .sum();
    let missing: Vec<String> = inds
        .iter()
        .filter(|i| i.state == State::Missing)
        .map(|i| i.id.clone())
        .collect();
    let known: Vec<f64> = inds.iter().filter_map(|i| i.points).collect();
    let recomputed = (!known.is_empty()).then(|| round2(known.iter().sum()));
    let portal = portal_group_score(m, e, &g.code).map(|p| p.0);
    let (points, complete, source) = if let Some(p) = portal {
        (Some(p), true, GroupSource::Portal)
    } else if missing.is_empty() {
        (recomputed.or(Some(0.0)), true, GroupSource::Computed)
    } else {
        (recomputed, false, GroupSource::Partial)
    };
    let mismatch = missing.is_empty()
        && matches!((recomputed, portal), (Some(r), Some(p)) if (r - p).abs() > TOLERANCE + 1e-9);
    GroupScore {
        code: g.code.clone(),
        name: g.name.clone(),
        max,
        points,
        recomputed,
        portal_points: portal,
        mismatch,
        complete,
        source,
        missing,
    }
}

/// Points lost per indicator (indicators with points only), largest first.
pub(super) fn losses(indicators: &[IndicatorScore]) -> Vec<Loss> {
    let mut lost: Vec<Loss> = indicators
        .iter()
        .filter_map(|i| {
            i.points.map(|p| Loss {
                id: i.id.clone(),
                name: i.name.clone(),
                group: i.group.clone(),
                points: p,
                max: i.max,
                lost: round2((i.max - p).max(0.0)),
            })
        })
        .collect();
    lost.sort_by(|a, b| {
        cents(b.lost)
            .cmp(&cents(a.lost))
            .then_with(|| a.id.cmp(&b.id))
    });
    lost
}
