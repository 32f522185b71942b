//! The index's sentences, ready to paste into a report: the comparison of the focus across
//! the periods of a ranking table, and the summary paragraph of the whole `IndexReport` (its
//! `narrative` field: comparison, recomputed score, catalogue, largest losses).

use super::catalog::CatalogSummary;
use super::ranking::{Comparison, Snapshot};
use super::score::{cents, EntityScore, Loss};
use crate::basics::format::{dec, dec_trim};

/// Points as published: two decimals, vi-VN («81,61»).
fn points(x: f64) -> String {
    dec(x, 2)
}

/// «81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63»; with
/// an earlier score known only from the portal's delta: «…; kỳ trước: 62,85 điểm».
pub fn comparison_text(before: &Snapshot, after: &Snapshot, delta: f64) -> String {
    let change = match cents(delta) {
        0 => "không đổi".to_string(),
        c if c > 0 => format!("tăng {} điểm", points(delta)),
        _ => format!("giảm {} điểm", points(-delta)),
    };
    let mut text = format!("{} điểm ({change})", points(after.score));
    if let (Some(r), Some(o)) = (after.rank, after.of) {
        text += &format!(", xếp hạng {r}/{o}");
        // the rank change, as reports say it («tăng 24 bậc»)
        if let Some(b) = before.rank {
            text += &match i64::from(b) - i64::from(r) {
                0 => " (giữ nguyên thứ hạng)".to_string(),
                d if d > 0 => format!(" (tăng {d} bậc)"),
                d => format!(" (giảm {} bậc)", -d),
            };
        }
    }
    if let Some(p) = &before.period {
        text += &format!("; {p}: {} điểm", points(before.score));
        if let (Some(r), Some(o)) = (before.rank, before.of) {
            text += &format!(", hạng {r}/{o}");
        }
    } else {
        text += &format!("; kỳ trước: {} điểm", points(before.score));
    }
    text
}

/// The report paragraph (`IndexReport.narrative`): the comparison, the province's recomputed
/// score, the catalogue's sentence and the three largest losses.
pub fn summary_paragraph(
    province: Option<&EntityScore>,
    catalog: Option<&CatalogSummary>,
    comparison: Option<&Comparison>,
    losses: &[Loss],
) -> String {
    let mut s = Vec::new();
    if let Some(c) = comparison {
        s.push(format!("{}: {}.", c.name, c.text));
    }
    if let Some((p, t)) = province.and_then(|p| p.total.map(|t| (p, t))) {
        let who = if p.name == "Toàn tỉnh" {
            "toàn tỉnh".to_string()
        } else {
            p.name.clone()
        };
        let provisional = if p.complete {
            String::new()
        } else {
            format!(" (tạm tính, {} chỉ tiêu chưa có dữ liệu)", p.missing)
        };
        s.push(format!(
            "Điểm {who} tính lại từ dữ liệu: {}/{} điểm{provisional}.",
            dec(t, 2),
            dec_trim(p.max, 2)
        ));
    }
    if let Some(c) = catalog {
        s.push(c.text.clone());
    }
    let top: Vec<String> = losses
        .iter()
        .filter(|l| l.lost > 0.0)
        .take(3)
        .map(|l| format!("{} {} (mất {} điểm)", l.id, l.name, dec(l.lost, 2)))
        .collect();
    if !top.is_empty() {
        s.push(format!("Mất điểm nhiều nhất: {}.", top.join("; ")));
    }
    s.join(" ")
}
