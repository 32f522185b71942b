//! From ingested dossiers to the Report: choose the period, classify each dossier once, add its
//! outcome into every aggregate it belongs to, and write the narrative.

use crate::basics::format;
use crate::basics::time::{civil_from_days, day_of, days_from_civil, iso_date, vi_date};
use crate::basics::time::{DayRange, REFORM_DAY};
use crate::dossier::aggregate::{Counts, Figures};
use crate::dossier::analyzer::Analyzer;
use crate::dossier::classify::{classify, Outcome, Timeliness};
use crate::dossier::model::Level;
use crate::dossier::report::{
    Breakdown, LateDossier, LevelFigures, MonthFigures, PeriodOut, ReasonCount, Report, RowCounts,
    REPORT_VERSION,
};

/// The calendar year holding the most end-of-processing dates (ties → the later year); without
/// any end date, the year holding the most receipt dates.
fn auto_period(a: &Analyzer) -> Option<DayRange> {
    let mut years: std::collections::BTreeMap<i32, u64> = Default::default();
    for pick in [true, false] {
        for d in &a.store.dossiers {
            let m = if pick { d.finished } else { d.received };
            if let Some(m) = m {
                *years.entry(civil_from_days(day_of(m)).0).or_insert(0) += 1;
            }
        }
        if !years.is_empty() {
            break;
        }
    }
    let (&y, _) = years.iter().max_by_key(|&(y, n)| (*n, *y))?;
    Some(DayRange {
        from: days_from_civil(y, 1, 1),
        to: days_from_civil(y, 12, 31),
    })
}

fn period_label(p: &DayRange) -> String {
    let (y1, m1, d1) = civil_from_days(p.from);
    let (y2, m2, d2) = civil_from_days(p.to);
    if y1 == y2 && (m1, d1, m2, d2) == (1, 1, 12, 31) {
        format!("năm {y1}")
    } else {
        format!("từ ngày {} đến ngày {}", vi_date(p.from), vi_date(p.to))
    }
}

fn month_index(day: i32) -> i64 {
    let (y, m, _) = civil_from_days(day);
    i64::from(y) * 12 + i64::from(m) - 1
}

pub(crate) fn build_report(a: Analyzer) -> Report {
    let (period, auto) = match a.period() {
        Some(p) => (Some(p), false),
        None => (auto_period(&a), true),
    };
    let two_tier = a
        .two_tier()
        .unwrap_or_else(|| period.is_some_and(|p| p.from >= REFORM_DAY));
    let st = &a.store;
    let shown = |l: Level| {
        if two_tier && l == Level::District {
            Level::Commune
        } else {
            l
        }
    };

    let mut levels = [Counts::default(); 3];
    let mut units = vec![Counts::default(); st.units.names.len()];
    let mut fields = vec![Counts::default(); st.fields.names.len()];
    let mut procs = vec![Counts::default(); st.procedures.names.len()];
    let (m0, nmonths) = period.map_or((0, 0), |p| {
        let m0 = month_index(p.from);
        (m0, (month_index(p.to) - m0 + 1).clamp(0, 1200) as usize)
    });
    let mut months = vec![Counts::default(); nmonths];
    // month slot of every day of the period, looked up instead of civil arithmetic per dossier
    let month_of_day: Vec<u16> = period.map_or_else(Vec::new, |p| {
        (p.from..=p.to)
            .map(|d| (month_index(d) - m0) as u16)
            .collect()
    });
    let slot = |p: &DayRange, day: i32| -> Option<usize> {
        p.contains(day)
            .then(|| usize::from(month_of_day[(day - p.from) as usize]))
    };
    let mut late = Vec::new();

    if let Some(p) = period {
        for d in &st.dossiers {
            let o = classify(d, &p);
            if o == Outcome::default() {
                continue;
            }
            levels[shown(d.level).index()].add(d, &o);
            units[d.unit as usize].add(d, &o);
            fields[d.field as usize].add(d, &o);
            procs[d.procedure as usize].add(d, &o);
            let by_month = Outcome {
                pending: None,
                carried_over: false,
                ..o
            };
            if let Some(m) = d.finished.and_then(|f| slot(&p, day_of(f))) {
                months[m].add_end(d, &by_month);
            }
            if let (true, Some(m)) = (o.received, d.received.and_then(|r| slot(&p, day_of(r)))) {
                months[m].add_receipt(d, &o);
            }
            let days_late = match (o.resolved, o.pending, d.due) {
                (Some(Timeliness::Late), _, Some(due)) => {
                    Some(("resolved", day_of(d.finished.unwrap_or(due)) - day_of(due)))
                }
                (_, Some(true), Some(due)) => Some(("pending", p.to - day_of(due))),
                _ => None,
            };
            if let Some((kind, days)) = days_late {
                late.push(LateDossier {
                    kind: kind.into(),
                    id: st.id(d.id).to_string(),
                    unit: st.units.names[d.unit as usize].clone(),
                    level: shown(d.level),
                    procedure: st.procedure_names[d.procedure as usize].clone(),
                    field: st.fields.names[d.field as usize].clone(),
                    received: d.received.map(|m| iso_date(day_of(m))),
                    due: d.due.map(|m| iso_date(day_of(m))),
                    finished: d.finished.map(|m| iso_date(day_of(m))),
                    days_late: days,
                });
            }
        }
    }
    late.sort_by(|x, y| y.days_late.cmp(&x.days_late).then_with(|| x.id.cmp(&y.id)));
    // the total is the sum of the levels (Counts is a monoid)
    let mut total = Counts::default();
    for l in &levels {
        total += l;
    }

    let level_list: Vec<Level> = if two_tier {
        vec![Level::Province, Level::Commune]
    } else {
        Level::ALL.to_vec()
    };
    let levels_out: Vec<LevelFigures> = level_list
        .iter()
        .map(|&l| LevelFigures {
            level: l,
            label: l.vi().into(),
            figures: levels[l.index()].into(),
        })
        .collect();

    let breakdown =
        |counts: Vec<Counts>, name: &dyn Fn(usize) -> (String, Option<Level>, Option<String>)| {
            let mut v: Vec<Breakdown> = counts
                .into_iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(|(i, c)| {
                    let (name, level, code) = name(i);
                    Breakdown {
                        name,
                        level,
                        code,
                        figures: c.into(),
                    }
                })
                .collect();
            v.sort_by(|a, b| {
                b.figures
                    .counts
                    .resolved
                    .cmp(&a.figures.counts.resolved)
                    .then_with(|| a.name.cmp(&b.name))
            });
            v
        };
    let or_unknown = |s: &str, what: &str| {
        if s.is_empty() {
            format!("(không rõ {what})")
        } else {
            s.to_string()
        }
    };
    let units_out = breakdown(units, &|i| {
        (
            or_unknown(&st.units.names[i], "đơn vị"),
            Some(shown(st.unit_levels[i])),
            None,
        )
    });
    let fields_out = breakdown(fields, &|i| {
        (or_unknown(&st.fields.names[i], "lĩnh vực"), None, None)
    });
    let procs_out = breakdown(procs, &|i| {
        let key = &st.procedures.names[i];
        let name = &st.procedure_names[i];
        if name.is_empty() || name == key {
            (or_unknown(key, "thủ tục"), None, None)
        } else {
            (name.clone(), None, Some(key.clone()))
        }
    });
    let months_out = months
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let mi = m0 + i as i64;
            MonthFigures {
                month: format!("{:04}-{:02}", mi.div_euclid(12), mi.rem_euclid(12) + 1),
                figures: c.into(),
            }
        })
        .collect();

    let mut rows = RowCounts::default();
    for f in &a.files {
        rows.add(&f.rows);
    }
    let total_fig: Figures = total.into();
    let narrative = period.map_or_else(
        || "Không có hồ sơ nào có ngày hợp lệ để lập báo cáo.".to_string(),
        |p| narrative(&p, &levels_out, &total_fig),
    );
    Report {
        version: REPORT_VERSION,
        period: match period {
            Some(p) => PeriodOut {
                from: iso_date(p.from),
                to: iso_date(p.to),
                label: period_label(&p),
                auto,
            },
            None => PeriodOut {
                from: String::new(),
                to: String::new(),
                label: "không xác định".into(),
                auto,
            },
        },
        two_tier,
        rows,
        problems_total: a.problems_total,
        problems_by_reason: a
            .reasons
            .values()
            .map(|&(code, count)| ReasonCount {
                code,
                reason: code.vi().into(),
                count,
            })
            .collect(),
        problems: a.problems,
        files: a.files,
        levels: levels_out,
        total: total_fig,
        units: units_out,
        fields: fields_out,
        procedures: procs_out,
        months: months_out,
        late,
        narrative,
    }
}

/// Report text in the style of a provincial report.
fn narrative(p: &DayRange, levels: &[LevelFigures], total: &Figures) -> String {
    use format::{int, pct};
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
    s.push_str(&format!(
        "{head}, toàn tỉnh tiếp nhận {} hồ sơ TTHC, trong đó trực tuyến {} hồ sơ (tỷ lệ {}); từ kỳ trước chuyển sang {} hồ sơ.",
        int(t.received),
        int(t.received_online),
        pct(total.online_rate),
        int(t.carried_over)
    ));
    for l in levels {
        let c = &l.figures.counts;
        if c.resolved == 0 {
            s.push_str(&format!(
                " {} không có hồ sơ TTHC đã giải quyết trong kỳ.",
                l.label
            ));
            continue;
        }
        s.push_str(&format!(
            " {} đã giải quyết hồ sơ TTHC xong {} hồ sơ; trong đó, đúng hạn là {} hồ sơ (tỷ lệ {}), trễ hạn {} hồ sơ (tỷ lệ {}).",
            l.label,
            int(c.resolved),
            int(c.on_time),
            pct(l.figures.on_time_rate),
            int(c.late),
            pct(l.figures.late_rate)
        ));
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
        s.push_str(&format!(
            " Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt {}; tỷ lệ hồ sơ thanh toán trực tuyến đạt {}.",
            pct(total.digitized_rate),
            pct(total.paid_online_rate)
        ));
    }
    s
}
