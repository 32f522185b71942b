//! The words of the report: the period's label and the paragraph in the style of a provincial
//! report, ready to paste.

use crate::basics::format::{int, pct};
use crate::basics::time::{civil_from_days, vi_date, DayRange};
use crate::dossier::aggregate::Figures;
use crate::dossier::report::LevelFigures;

/// The paragraph when no dossier has a usable date.
pub const NO_DATA: &str = "Không có hồ sơ nào có ngày hợp lệ để lập báo cáo.";

/// The label when there is no period.
pub const NO_PERIOD: &str = "không xác định";

/// «năm 2024» for a calendar year, else «từ ngày 01/01/2024 đến ngày 31/03/2024».
pub fn period_label(p: &DayRange) -> String {
    let (y1, m1, d1) = civil_from_days(p.from);
    let (y2, m2, d2) = civil_from_days(p.to);
    if y1 == y2 && (m1, d1, m2, d2) == (1, 1, 12, 31) {
        format!("năm {y1}")
    } else {
        format!("từ ngày {} đến ngày {}", vi_date(p.from), vi_date(p.to))
    }
}

/// Words for a rate the files say nothing about (no column, or only blank cells): never 0%.
pub const NOT_KNOWN: &str = "chưa có dữ liệu";

/// Report text in the style of a provincial report: receipts, each level's resolved dossiers,
/// the totals, digitisation and online payment. `scope` is the subject («toàn tỉnh», a unit, the
/// levels held).
pub fn narrative(p: &DayRange, scope: &str, levels: &[LevelFigures], total: &Figures) -> String {
    let t = &total.counts;
    let label = period_label(p);
    let mut s = String::new();
    let head = if label.starts_with("năm") {
        format!(
            "Trong {label} (từ ngày {} đến ngày {})",
            vi_date(p.from),
            vi_date(p.to)
        )
    } else {
        format!("Trong kỳ báo cáo ({label})")
    };
    let online = match total.online_rate {
        Some(r) => format!(
            "trong đó trực tuyến {} hồ sơ (tỷ lệ {})",
            int(t.received_online),
            pct(Some(r))
        ),
        None => format!("hình thức nộp: {NOT_KNOWN}"),
    };
    s.push_str(&format!(
        "{head}, {scope} tiếp nhận {} hồ sơ TTHC, {online}; từ kỳ trước chuyển sang {} hồ sơ.",
        int(t.received),
        int(t.carried_over)
    ));
    // a level the files hold nothing of is not reported on (unless the subject is the province)
    let empty = crate::dossier::aggregate::Counts::default();
    for l in levels {
        if scope == "toàn tỉnh" || l.figures.counts != empty {
            s.push_str(&level_sentence(l));
        }
    }
    s.push_str(&format!(
        " Tổng cộng đã giải quyết {} hồ sơ, đúng hạn {} hồ sơ (tỷ lệ {}), trễ hạn {} hồ sơ (tỷ lệ {}); đang giải quyết {} hồ sơ, trong đó quá hạn {} hồ sơ.",
        int(t.resolved),
        int(t.on_time),
        pct(total.on_time_rate),
        int(t.late),
        pct(total.late_rate),
        int(t.pending),
        int(t.pending_overdue)
    ));
    if t.resolved > 0 {
        let rate = |r: Option<f64>| {
            r.map_or_else(
                || format!(": {NOT_KNOWN}"),
                |v| format!(" đạt {}", pct(Some(v))),
            )
        };
        s.push_str(&format!(
            " Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC{}; tỷ lệ hồ sơ thanh toán trực tuyến{}.",
            rate(total.digitized_rate),
            rate(total.paid_online_rate)
        ));
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
        " {} đã giải quyết hồ sơ TTHC xong {} hồ sơ; trong đó, đúng hạn là {} hồ sơ (tỷ lệ {}), trễ hạn {} hồ sơ (tỷ lệ {}).",
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
        assert_eq!(period_label(&q), "từ ngày 01/01/2024 đến ngày 31/03/2024");
    }
}
