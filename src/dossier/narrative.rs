//! The words of the report: the paragraph in the style of a provincial report, ready to paste
//! (the period's label is `basics::period::label`).

use crate::basics::format::{int, pct};
use crate::basics::period::label as period_label;
use crate::basics::time::{vi_date, DayRange};
use crate::dossier::aggregate::Figures;
use crate::dossier::compare::{self, PeriodComparison};
use crate::dossier::report::LevelFigures;

/// The paragraph when no dossier has a usable date.
pub const NO_DATA: &str = "Không có hồ sơ nào có ngày hợp lệ để lập báo cáo.";

/// The label when there is no period.
pub const NO_PERIOD: &str = "không xác định";

/// Words for a rate the files say nothing about (no column, or only blank cells): never 0%.
pub const NOT_KNOWN: &str = "chưa có dữ liệu";

/// What the paragraph speaks of.
pub struct Subject<'a> {
    /// None: no dossier had a valid date (the paragraph is then [`NO_DATA`]).
    pub period: Option<&'a DayRange>,
    /// «toàn tỉnh», a unit's name, or the levels held.
    pub scope: &'a str,
    pub levels: &'a [LevelFigures],
    pub total: &'a Figures,
    /// The counting convention's name.
    pub convention: &'a str,
    /// The earlier period's figures, when compared.
    pub comparison: Option<&'a PeriodComparison>,
}

/// Report text in the style of a provincial report: receipts by channel and carried over, each
/// level's resolved dossiers, the totals, digitisation and online payment, the convention.
pub fn narrative(w: &Subject) -> String {
    let Some(period) = w.period else {
        return NO_DATA.to_string();
    };
    let t = &w.total.counts;
    let label = period_label(period);
    let mut s = String::new();
    let head = if !label.starts_with("từ ngày") {
        format!(
            "Trong {label} (từ ngày {} đến ngày {})",
            vi_date(period.from),
            vi_date(period.to)
        )
    } else {
        format!("Trong kỳ báo cáo ({label})")
    };
    s.push_str(&format!(
        "{head}, {} tiếp nhận {} hồ sơ TTHC, {}; từ kỳ trước chuyển sang {} hồ sơ.",
        w.scope,
        int(t.received),
        channels(w.total),
        int(t.carried_over)
    ));
    // a level the files hold nothing of is not reported on (unless the subject is the province)
    let empty = crate::dossier::aggregate::Counts::default();
    let before = w.comparison.map(|c| {
        let l = &c.period.label;
        if l.starts_with("từ ngày") {
            format!("kỳ {l}")
        } else {
            l.clone()
        }
    });
    for l in w.levels {
        if w.scope == "toàn tỉnh" || l.figures.counts != empty {
            s.push_str(&level_sentence(l));
            if let (Some(c), Some(b)) = (w.comparison, &before) {
                if let Some(lc) = c.levels.iter().find(|x| x.level == l.level) {
                    s.push_str(&compare::sentence(&lc.change, b));
                }
            }
        }
    }
    s.push_str(&format!(
        " Tổng cộng đã giải quyết {} hồ sơ, đúng hạn {} hồ sơ (đạt {}), trễ hạn {} hồ sơ (chiếm {}); đang giải quyết {} hồ sơ, trong đó quá hạn {} hồ sơ.",
        int(t.resolved),
        int(t.on_time),
        pct(w.total.on_time_rate),
        int(t.late),
        pct(w.total.late_rate),
        int(t.pending),
        int(t.pending_overdue)
    ));
    if let (Some(c), Some(b)) = (w.comparison, &before) {
        s.push_str(&compare::sentence(&c.total, b));
    }
    if t.resolved > 0 {
        let rate = |r: Option<f64>| {
            r.map_or_else(
                || format!(": {NOT_KNOWN}"),
                |v| format!(" đạt {}", pct(Some(v))),
            )
        };
        s.push_str(&format!(
            " Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC{}; tỷ lệ hồ sơ thanh toán trực tuyến{}.",
            rate(w.total.digitized_rate),
            rate(w.total.paid_online_rate)
        ));
    }
    s.push_str(&format!(
        " Số liệu được đếm theo quy ước «{}».",
        w.convention
    ));
    s
}

/// The received dossiers by channel: «trong đó trực tuyến 1.234 hồ sơ (chiếm 20,5%), trực tiếp …, qua
/// dịch vụ bưu chính công ích …», with those whose file does not say apart.
fn channels(total: &Figures) -> String {
    let t = &total.counts;
    let Some(rate) = total.online_rate else {
        return format!("hình thức nộp: {NOT_KNOWN}");
    };
    // a dossier whose channel the file does not say is stored as direct
    let unknown = t.received.saturating_sub(t.channel_known);
    let mut s = format!(
        "trong đó trực tuyến {} hồ sơ (chiếm {}), trực tiếp {} hồ sơ, qua dịch vụ bưu chính công ích {} hồ sơ",
        int(t.received_online),
        pct(Some(rate)),
        int(t.received_direct.saturating_sub(unknown)),
        int(t.received_postal)
    );
    if unknown > 0 {
        s.push_str(&format!(", chưa rõ hình thức nộp {} hồ sơ", int(unknown)));
    }
    s
}

/// One level's sentence (with its leading space).
fn level_sentence(l: &LevelFigures) -> String {
    let c = &l.figures.counts;
    if c.resolved == 0 {
        return format!(" {} không có hồ sơ TTHC đã giải quyết trong kỳ.", l.label);
    }
    format!(
        " {} đã giải quyết {} hồ sơ TTHC, trong đó đúng hạn {} hồ sơ (đạt {}), trễ hạn {} hồ sơ (chiếm {}).",
        l.label,
        int(c.resolved),
        int(c.on_time),
        pct(l.figures.on_time_rate),
        int(c.late),
        pct(l.figures.late_rate)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basics::time::days_from_civil;

    #[test]
    fn labels() {
        let year = DayRange {
            from: days_from_civil(2024, 1, 1),
            to: days_from_civil(2024, 12, 31),
        };
        assert_eq!(period_label(&year), "năm 2024");
        let q = DayRange {
            from: days_from_civil(2024, 1, 1),
            to: days_from_civil(2024, 3, 31),
        };
        assert_eq!(period_label(&q), "quý I năm 2024");
        let odd = DayRange {
            from: days_from_civil(2024, 1, 1),
            to: days_from_civil(2024, 3, 30),
        };
        assert_eq!(period_label(&odd), "từ ngày 01/01/2024 đến ngày 30/03/2024");
    }
}
