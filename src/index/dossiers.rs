//! What the index takes from dossiers: the `dossier.*` data items of a [`DossierSummary`] (the
//! province from its total, each level, each unit) and the per-procedure figures kept for the
//! join with the catalogue. An item is derived only when the export had the column it needs
//! (due date, channel, digitised, paid online, rating); otherwise it is missing, never 0.

use super::inputs::InputStore;
use crate::dossier::aggregate::Counts;
use crate::dossier::summary::DossierSummary;
use std::collections::BTreeSet;

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

/// The columns an indicator family needs, and what is lost without them.
const NEEDED_COLUMNS: [(&str, &str); 5] = [
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
];

/// Loads a dossier summary into the store: the province from `total`, each level, each unit;
/// appends its procedures and mapped columns. Returns warnings.
pub fn add_summary(
    store: &mut InputStore,
    r: &DossierSummary,
    source: &str,
    procedures: &mut Vec<ProcedureFigures>,
    mapped_out: &mut BTreeSet<String>,
) -> Vec<String> {
    let mapped = r.mapped_fields();
    if r.rows.counted == 0 && r.total.is_empty() {
        return vec![format!(
            "{source}: không có hồ sơ nào được tính, không lấy được chỉ tiêu nào từ hồ sơ"
        )];
    }
    let warnings = NEEDED_COLUMNS
        .iter()
        .filter(|(field, _)| !mapped.contains(*field))
        .map(|(_, what)| {
            format!("{source}: không có cột cho {what}; chỉ tiêu này không tính từ hồ sơ")
        })
        .collect();
    mapped_out.extend(mapped.iter().cloned());
    add_items(store, r, source, &mapped);
    procedures.extend(procedure_figures(r));
    warnings
}

/// The `dossier.*` items of the province, each level and each unit.
fn add_items(store: &mut InputStore, r: &DossierSummary, source: &str, mapped: &BTreeSet<String>) {
    let mut conflicts = std::mem::take(&mut store.conflicts);
    let p = store.province_mut();
    for (k, v) in dossier_items(&r.total, mapped) {
        InputStore::set(&mut conflicts, p, k, v, source);
    }
    for l in &r.levels {
        let e = store.level_mut(&l.label);
        e.level = Some(l.level.key().to_string());
        for (k, v) in dossier_items(&l.counts, mapped) {
            InputStore::set(&mut conflicts, e, k, v, source);
        }
    }
    for u in &r.units {
        let e = store.unit_mut(&u.name);
        if e.level.is_none() {
            e.level = u.level.map(|l| l.key().to_string());
        }
        for (k, v) in dossier_items(&u.counts, mapped) {
            InputStore::set(&mut conflicts, e, k, v, source);
        }
    }
    store.conflicts = conflicts;
}

/// The procedures with a code (a file with codes and no names lists the code as the name).
fn procedure_figures(r: &DossierSummary) -> impl Iterator<Item = ProcedureFigures> + '_ {
    r.procedures.iter().filter_map(|p| {
        let code = p.code.as_deref().unwrap_or(p.name.as_str()).trim();
        (!code.is_empty()).then(|| ProcedureFigures {
            code: code.to_string(),
            received: p.counts.received,
            received_online: p.counts.received_online,
            resolved: p.counts.resolved,
            paid_online: p.counts.paid_online,
        })
    })
}
