//! The sheets of a QĐ 766 IndexReport, as the «Chỉ số 766» view shows it: «Chỉ số 766» (the
//! report sentences, the subject's groups and points lost, the comparison, the catalogue),
//! «Điểm 766» (the province, each level and the units ranked, by group), «Chỉ tiêu 766» (every
//! entity's indicators and their terms), «Xếp hạng» (the ranking tables), «Kịch bản nâng điểm» and
//! «Kịch bản nâng điểm – đơn vị» (the what-if) and «Nguồn chỉ số» (files and problems). Headers are the page's (`index.col.*`).

use super::sheet::{int, num, opt_text, text, Cell, Layout, Num, Res, Sheet, Styles};
use crate::basics::format::{dec, dec_trim};
use crate::dossier::narrative::NOT_KNOWN;
use crate::index::score::{EntityScore, GroupSource, IndicatorScore};
use crate::index::whatif::WhatIf;
use crate::index::IndexReport;
use rust_xlsxwriter::Workbook;

/// Every sheet of the index that has something to show.
pub(super) fn sheets(wb: &mut Workbook, st: &Styles, r: &IndexReport) -> Res {
    summary(wb, st, r)?;
    let all = entities(r);
    if !all.is_empty() {
        scores(wb, st, r, &all)?;
        indicators(wb, st, &all)?;
    }
    if !r.ranking.is_empty() {
        ranking(wb, st, r)?;
    }
    if let Some(w) = &r.what_if {
        what_if(wb, st, w)?;
    }
    if !r.files.is_empty() || !r.problems.is_empty() {
        sources(wb, st, r)?;
    }
    Ok(())
}

/// The province, each level, each unit.
fn entities(r: &IndexReport) -> Vec<&EntityScore> {
    r.province.iter().chain(&r.levels).chain(&r.units).collect()
}

/// The entity the view shows first: the focus unit, else the province, else the first one.
fn subject(r: &IndexReport) -> Option<&EntityScore> {
    r.units
        .iter()
        .find(|u| u.focus)
        .or(r.province.as_ref())
        .or(r.levels.first())
        .or(r.units.first())
}

fn name(e: &EntityScore) -> &str {
    if e.name.is_empty() {
        "Toàn tỉnh"
    } else {
        &e.name
    }
}

fn level_label(level: Option<&str>) -> Cell {
    opt_text(level.map(|l| match l {
        "province" => "Cấp tỉnh",
        "district" => "Cấp huyện",
        "commune" => "Cấp xã",
        other => other,
    }))
}

fn pts(x: Option<f64>) -> Cell {
    num(x, Num::Dec2)
}

/// «Chỉ số 766»: what a report needs on its first page.
fn summary(wb: &mut Workbook, st: &Styles, r: &IndexReport) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Chỉ số 766")?;
    let m = &r.methodology;
    s.title("CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QĐ 766/QĐ-TTg)")?;
    s.line(&format!(
        "Phương pháp tính: {} ({}, {})",
        m.name, m.id, m.version
    ))?;
    if let Some(p) = &r.dossier_period {
        s.line(&format!("Kỳ của dữ liệu hồ sơ: {p}"))?;
    }
    s.skip();
    if !r.narrative.is_empty() {
        s.heading("Nội dung báo cáo")?;
        s.para(&r.narrative, 5)?;
        s.skip();
    }
    if let Some(e) = subject(r) {
        groups(&mut s, e)?;
        losses(&mut s, e)?;
    }
    if let Some(c) = &r.comparison {
        s.heading("So sánh hai kỳ")?;
        s.para(&format!("{}: {}", c.name, c.text), 5)?;
        s.skip();
    }
    if let Some(c) = &r.catalog {
        s.heading("Danh mục TTHC")?;
        s.para(&c.text, 5)?;
        s.skip();
    }
    if !r.warnings.is_empty() {
        s.heading("Lưu ý")?;
        for w in &r.warnings {
            s.para(w, 5)?;
        }
    }
    s.finish(Layout::default())
}

/// An entity's total and its groups.
fn groups(s: &mut Sheet, e: &EntityScore) -> Res {
    s.heading(&format!("Điểm chỉ số — {}", name(e)))?;
    if !e.complete {
        s.note(&format!(
            "Tạm tính: {} chỉ tiêu chưa có dữ liệu (không tính là 0).",
            e.missing
        ))?;
    }
    if let (Some(rank), Some(of)) = (e.rank, e.of) {
        s.line(&format!("Xếp hạng trong tỉnh: {rank}/{of}"))?;
    }
    // the same columns as the losses below: code, name, points, maximum, lost, note
    s.header(&[
        "Nhóm",
        "Tên nhóm",
        "Điểm",
        "Tối đa",
        "Điểm chưa đạt",
        "Ghi chú",
    ])?;
    for g in &e.group_details {
        let mut notes = Vec::new();
        match g.source {
            GroupSource::Portal => notes.push("điểm nhóm do Cổng công bố".to_string()),
            GroupSource::Partial => notes.push(format!("thiếu dữ liệu: {}", g.missing.join(", "))),
            GroupSource::Computed => {}
        }
        if let (Some(p), true) = (g.portal_points, g.mismatch) {
            notes.push(format!("≠ Cổng: {}", dec(p, 2)));
        }
        s.row(&[
            text(&g.code),
            text(&g.name),
            pts(g.points),
            num(Some(g.max), Num::Trim),
            // what is lost is known only when every indicator of the group is
            pts(g.points.filter(|_| g.complete).map(|p| g.max - p)),
            text(notes.join("; ")),
        ])?;
    }
    s.total(&[
        text(""),
        text("Tổng điểm"),
        pts(e.total),
        num(Some(e.max), Num::Trim),
        pts(e.total.filter(|_| e.complete).map(|t| e.max - t)),
        text(if e.complete { "" } else { "tạm tính" }),
    ])?;
    s.skip();
    Ok(())
}

/// Points lost per indicator, largest first.
fn losses(s: &mut Sheet, e: &EntityScore) -> Res {
    let mut lost: Vec<_> = e.lost.iter().filter(|l| l.lost > 0.0).collect();
    if lost.is_empty() {
        return Ok(());
    }
    lost.sort_by(|a, b| b.lost.total_cmp(&a.lost).then_with(|| a.id.cmp(&b.id)));
    s.heading(&format!("Điểm chưa đạt — {}", name(e)))?;
    s.header(&["Mã", "Chỉ tiêu", "Điểm", "Tối đa", "Điểm chưa đạt", "Nhóm"])?;
    for l in lost {
        s.row(&[
            text(&l.id),
            text(&l.name),
            pts(Some(l.points)),
            num(Some(l.max), Num::Trim),
            pts(Some(l.lost)),
            text(&l.group),
        ])?;
    }
    s.skip();
    Ok(())
}

/// «Điểm 766»: each entity's total and groups, units by rank.
fn scores(wb: &mut Workbook, st: &Styles, r: &IndexReport, all: &[&EntityScore]) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Điểm 766")?;
    let groups: Vec<(String, String)> = r
        .methodology
        .groups
        .iter()
        .map(|g| (g.code.clone(), format!("{} ({})", g.name, g.code)))
        .collect();
    let mut heads = vec!["Hạng", "Đối tượng", "Cấp", "Tổng điểm", "Tối đa"];
    heads.extend(groups.iter().map(|(_, h)| h.as_str()));
    heads.push("Dữ liệu");
    s.header(&heads)?;
    for e in all {
        let mut cells = vec![
            num(e.rank.map(f64::from), Num::Trim),
            text(name(e)),
            level_label(e.level.as_deref()),
            pts(e.total),
            num(Some(e.max), Num::Trim),
        ];
        cells.extend(groups.iter().map(|(c, _)| pts(e.groups.get(c))));
        cells.push(text(if e.complete {
            "đủ dữ liệu".to_string()
        } else {
            format!("tạm tính, thiếu {}", e.missing)
        }));
        if e.focus {
            s.total(&cells)?;
        } else {
            s.row(&cells)?;
        }
    }
    s.finish(Layout::table(2, true))
}

/// «nhập tay; ước tính; …» of an indicator.
fn flags(i: &IndicatorScore) -> String {
    let mut f = Vec::new();
    if i.manual {
        f.push("nhập tay");
    }
    if i.approx {
        f.push("ước tính");
    }
    if i.over_100 {
        f.push("tỷ lệ > 100%");
    }
    if i.mismatch {
        f.push("lệch điểm Cổng > 0,01");
    }
    f.join("; ")
}

/// «Chỉ tiêu 766»: every entity's indicators, and the terms of composite ones.
fn indicators(wb: &mut Workbook, st: &Styles, all: &[&EntityScore]) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Chỉ tiêu 766")?;
    s.header(&[
        "Đối tượng",
        "Mã",
        "Chỉ tiêu",
        "Nhóm",
        "Tử số",
        "Mẫu số",
        "Tỷ lệ",
        "Điểm",
        "Tối đa",
        "Điểm Cổng",
        "Tình trạng",
        "Ghi chú",
        "Cách tính",
        "Nguồn",
    ])?;
    for e in all {
        for i in &e.indicators {
            s.row(&[
                text(name(e)),
                text(&i.id),
                text(&i.name),
                text(&i.group),
                num(i.numerator, Num::Count),
                num(i.denominator, Num::Count),
                num(i.rate, Num::Pct),
                pts(i.points),
                num(Some(i.max), Num::Trim),
                pts(i.portal_points),
                text(&i.state_label),
                text(flags(i)),
                text(&i.rule),
                opt_text(i.source.as_deref()),
            ])?;
            for t in &i.terms {
                s.row(&[
                    text(name(e)),
                    text(format!("{}/{}", i.id, t.key)),
                    text(&t.name),
                    text(&i.group),
                    num(t.numerator, Num::Count),
                    num(t.denominator, Num::Count),
                    num(t.ratio, Num::Pct),
                    pts(t.points),
                    num(Some(t.cap.unwrap_or(t.weight)), Num::Trim),
                    text(""),
                    text(t.state.label()),
                    text(if t.manual { "nhập tay" } else { "" }),
                    text(""),
                    opt_text(t.source.as_deref()),
                ])?;
            }
        }
    }
    s.finish(Layout::table(2, true))
}

/// «Xếp hạng»: each period's table, the focus row in bold.
fn ranking(wb: &mut Workbook, st: &Styles, r: &IndexReport) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Xếp hạng")?;
    // the methodology's group order first, then any other code in order of appearance
    let mut codes: Vec<&str> = Vec::new();
    let known = r.methodology.groups.iter().map(|g| g.code.as_str());
    let seen = r
        .ranking
        .iter()
        .flat_map(|x| x.groups.0.iter())
        .map(|(c, _)| c.as_str());
    for c in known.chain(seen) {
        if !codes.contains(&c)
            && r.ranking
                .iter()
                .any(|x| x.groups.0.iter().any(|(k, _)| k == c))
        {
            codes.push(c);
        }
    }
    let deltas = r.ranking.iter().any(|x| x.delta.is_some());
    let mut heads = vec!["Kỳ", "Hạng", "Số tỉnh/đơn vị", "Tỉnh / đơn vị", "Tổng điểm"];
    heads.extend(codes.iter().copied());
    if deltas {
        heads.push("Tăng/giảm");
    }
    s.header(&heads)?;
    for x in &r.ranking {
        let mut cells = vec![
            text(&x.period),
            num(Some(f64::from(x.rank)), Num::Trim),
            num(Some(f64::from(x.of)), Num::Trim),
            text(&x.name),
            pts(Some(x.score)),
        ];
        cells.extend(codes.iter().map(|c| pts(x.groups.get(c))));
        if deltas {
            cells.push(pts(x.delta));
        }
        if x.focus {
            s.total(&cells)?;
        } else {
            s.row(&cells)?;
        }
    }
    s.finish(Layout::table(0, true))
}

/// The what-if's first line, as the page writes it.
fn what_if_line(w: &WhatIf) -> String {
    let total = w.total.map_or(NOT_KNOWN.to_string(), |t| dec(t, 2));
    let mut s = format!("Tổng điểm hiện tại: {total}.");
    match (w.target, w.needed) {
        (Some(t), Some(n)) if n > 0.0 => {
            s += &format!(
                " Mục tiêu {} điểm: cần thêm {} điểm.",
                dec_trim(t, 2),
                dec(n, 2)
            )
        }
        (Some(t), _) => s += &format!(" Mục tiêu {} điểm: đã đạt.", dec_trim(t, 2)),
        (None, _) => {}
    }
    s
}

/// «Kịch bản nâng điểm»: the levers (and «Kịch bản nâng điểm – đơn vị», the units that hold the most dossiers to
/// move).
fn what_if(wb: &mut Workbook, st: &Styles, w: &WhatIf) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Kịch bản nâng điểm")?;
    let entity = if w.entity.is_empty() {
        "Toàn tỉnh"
    } else {
        &w.entity
    };
    s.heading(&format!("Kịch bản nâng điểm — {entity}"))?;
    s.line(&what_if_line(w))?;
    let target = w.target.is_some();
    let mut heads = vec![
        "Chỉ tiêu",
        "Tên chỉ tiêu",
        "Cần tăng",
        "Tử số",
        "Mẫu số",
        "Điểm",
        "Tối đa",
        "Điểm / hồ sơ",
        "Hồ sơ cho +1 điểm",
        "Hồ sơ để đạt tối đa",
    ];
    if target {
        heads.push("Hồ sơ để đạt mục tiêu");
    }
    s.header(&heads)?;
    for l in w.levers.iter().filter(|l| l.dossiers_to_max != Some(0)) {
        let id = l
            .term
            .as_ref()
            .map_or(l.indicator.clone(), |t| format!("{}/{t}", l.indicator));
        let mut cells = vec![
            text(id),
            text(&l.name),
            text(&l.lever),
            num(Some(l.numerator), Num::Count),
            num(Some(l.denominator), Num::Count),
            pts(Some(l.points)),
            num(Some(l.max), Num::Trim),
            num(Some(l.points_per_dossier), Num::Dec4),
            num(l.dossiers_per_point.map(|k| k as f64), Num::Int),
            num(l.dossiers_to_max.map(|k| k as f64), Num::Int),
        ];
        if target {
            cells.push(match l.dossiers_to_target {
                Some(k) => int(k),
                None => text("một mình không đủ"),
            });
        }
        s.row(&cells)?;
    }
    if !w.note.is_empty() {
        s.skip();
        s.para(&w.note, 6)?;
    }
    s.finish(Layout::table(1, false))?;
    if !w.units.is_empty() {
        what_if_units(wb, st, w)?;
    }
    Ok(())
}

/// «Kịch bản nâng điểm – đơn vị»: the units whose movable dossiers are worth the most to the province.
fn what_if_units(wb: &mut Workbook, st: &Styles, w: &WhatIf) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Kịch bản nâng điểm – đơn vị")?;
    s.heading("Đơn vị giúp tỉnh tăng điểm nhiều nhất")?;
    s.header(&[
        "Đơn vị",
        "Cấp",
        "Chỉ tiêu",
        "Cần tăng",
        "Hồ sơ có thể cải thiện",
        "Điểm tỉnh / hồ sơ",
        "Điểm đơn vị / hồ sơ",
        "Điểm tỉnh nếu cải thiện hết",
    ])?;
    for u in &w.units {
        let id = u
            .term
            .as_ref()
            .map_or(u.indicator.clone(), |t| format!("{}/{t}", u.indicator));
        s.row(&[
            text(&u.unit),
            level_label(u.level.as_deref()),
            text(id),
            text(&u.lever),
            int(u.headroom),
            num(Some(u.province_points_per_dossier), Num::Dec4),
            num(Some(u.unit_points_per_dossier), Num::Dec4),
            pts(Some(u.province_gain_if_all)),
        ])?;
    }
    s.finish(Layout::table(1, true))
}

/// «Nguồn chỉ số»: the files read for the index, and their problems.
fn sources(wb: &mut Workbook, st: &Styles, r: &IndexReport) -> Res {
    let mut s = Sheet::new(wb.add_worksheet(), st, "Nguồn chỉ số")?;
    s.heading("Tệp đã đọc cho chỉ số")?;
    s.header(&["Tệp", "Nhận là", "Kỳ", "Số bản ghi", "Lỗi"])?;
    for f in &r.files {
        s.row(&[
            text(&f.name),
            text(&f.label),
            opt_text(f.period.as_deref()),
            int(f.records),
            opt_text(f.error.as_deref()),
        ])?;
    }
    if !r.problems.is_empty() {
        s.skip();
        s.heading(&format!(
            "Lỗi dữ liệu ({})",
            crate::basics::format::int(r.problems_total)
        ))?;
        s.header(&["Tệp", "Dòng", "Trường", "Giá trị", "Lỗi"])?;
        for p in &r.problems {
            s.row(&[
                text(&p.file),
                num(p.row.map(|x| x as f64), Num::Trim),
                opt_text(p.field.as_deref()),
                opt_text(p.value.as_deref()),
                text(&p.message),
            ])?;
        }
    }
    s.finish(Layout::default())
}
