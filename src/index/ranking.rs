//! Ranking tables: rows of (province or unit, period, total score, optional group scores), from a
//! CSV copied by hand from the portal's table or from the portal's `service-results` JSON.
//! Ranks are standard competition ranks within each period (ties share a rank: 1, 2, 2, 4);
//! `of` is the number of rows of that period.

use super::inputs::{province_key, IndexProblem};
use super::period::Period;
use super::score::{cents, competition_rank, round2, OrderedMap};
use crate::basics::format::dec;
use crate::basics::text::fold;
use crate::table::cells::parse_number;
use crate::table::sheet::{cell, col, is_blank, match_columns, Table};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One row as loaded.
#[derive(Clone, Debug)]
pub struct RowIn {
    pub name: String,
    pub period: Option<Period>,
    pub score: f64,
    pub groups: Vec<(String, f64)>,
    pub delta: Option<f64>,
    /// A rank written in the file, checked against ours.
    pub given_rank: Option<u32>,
    pub file: String,
    pub row: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct RankRow {
    pub name: String,
    /// «tháng 01/2024», «năm 2024»; «không rõ kỳ» when the file did not say.
    pub period: String,
    pub score: f64,
    pub rank: u32,
    pub of: u32,
    /// Group scores where the table has them, `{CODE: points}`.
    #[ts(type = "{ [code: string]: number | null }")]
    pub groups: OrderedMap,
    /// The portal's change from the previous period, where given.
    pub delta: Option<f64>,
    pub focus: bool,
    pub file: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodInfo {
    pub period: String,
    pub of: u32,
    /// 63 before 1/7/2025, 34 after, for a table of provinces.
    pub provinces_expected: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Snapshot {
    pub period: Option<String>,
    pub score: f64,
    pub rank: Option<u32>,
    pub of: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Comparison {
    pub name: String,
    pub before: Snapshot,
    pub after: Snapshot,
    /// after − before, rounded to 2 decimals.
    pub delta: f64,
    /// «81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63; tháng 01/2024: 62,85 điểm, hạng 53/63».
    pub text: String,
}

const NAME: &[&str] = &[
    "tinh",
    "tinh thanh",
    "tinh thanh pho",
    "ten tinh",
    "ten tinh thanh",
    "ten tinh thanh pho",
    "dia phuong",
    "ten dia phuong",
    "don vi",
    "ten don vi",
    "co quan",
    "ten co quan",
    "ten",
    "province",
    "unit",
    "name",
    "department name",
    "department",
];
const PERIOD: &[&str] = &[
    "ky",
    "ky danh gia",
    "ky bao cao",
    "thoi gian",
    "thoi ky",
    "thang nam",
    "period",
];
const TOTAL: &[&str] = &[
    "tong diem",
    "tong so diem",
    "diem tong",
    "tong",
    "diem",
    "diem so",
    "total",
    "total score",
    "score",
];
const RANK: &[&str] = &["xep hang", "hang", "thu hang", "vi tri", "rank"];
const DELTA: &[&str] = &[
    "tang giam",
    "thay doi",
    "chenh lech",
    "so voi ky truoc",
    "score delta",
    "delta",
];

/// Header recognition: the column map (name, period, total, rank, delta) and group columns
/// (code, column) recognised by the group's code or name.
/// A ranking header's columns: the field map and the group columns.
pub type RankingColumns = (Vec<(&'static str, usize)>, Vec<(String, usize)>);

pub fn header(row: &[String], groups: &[(String, String)]) -> Option<RankingColumns> {
    let folded: Vec<String> = row.iter().map(|c| fold(c)).collect();
    let mut gcols: Vec<(String, usize)> = Vec::new();
    for (code, name) in groups {
        let fc = fold(code);
        let fname = fold(name);
        if let Some(c) = folded.iter().enumerate().position(|(i, h)| {
            !gcols.iter().any(|(_, gc)| *gc == i)
                && (crate::basics::text::has_words(h, &fc)
                    || (!fname.is_empty() && (*h == fname || h.ends_with(&format!(" {fname}")))))
        }) {
            gcols.push((code.clone(), c));
        }
    }
    let taken: Vec<usize> = gcols.iter().map(|g| g.1).collect();
    let fields: [(&'static str, &[&str]); 5] = [
        ("name", NAME),
        ("period", PERIOD),
        ("total", TOTAL),
        ("rank", RANK),
        ("delta", DELTA),
    ];
    let map = match_columns(row, &fields, &taken);
    (col(&map, "name").is_some() && col(&map, "total").is_some()).then_some((map, gcols))
}

/// Loads a ranking table whose header is at `header_row` (0-based). `default_period` comes from
/// the title rows or the file name.
#[allow(clippy::too_many_arguments)]
pub fn load_csv(
    file: &str,
    t: &Table,
    header_row: usize,
    map: &[(&'static str, usize)],
    gcols: &[(String, usize)],
    default_period: Option<Period>,
    out: &mut Vec<RowIn>,
    problems: &mut Vec<IndexProblem>,
) -> u64 {
    let headers = &t.rows[header_row];
    let hname = |c: Option<usize>| c.and_then(|c| headers.get(c)).cloned().unwrap_or_default();
    let (c_name, c_period, c_total) = (col(map, "name"), col(map, "period"), col(map, "total"));
    let (c_rank, c_delta) = (col(map, "rank"), col(map, "delta"));
    let mut n = 0;
    for (i, row) in t.rows.iter().enumerate().skip(header_row + 1) {
        let rn = Some(i as u64 + 1);
        if is_blank(row) {
            continue;
        }
        let name = cell(row, c_name);
        let fname = fold(name);
        if name.is_empty()
            || ["tong", "tong cong", "trung binh", "ca nuoc", "binh quan"].contains(&fname.as_str())
        {
            continue;
        }
        let score = match parse_number(cell(row, c_total)) {
            Ok(Some(v)) if (0.0..=100.0 + 1e-9).contains(&v) => v,
            Ok(None) => {
                problems.push(IndexProblem::at(
                    file,
                    rn,
                    &hname(c_total),
                    "",
                    "missing_score",
                    format!("{name}: thiếu tổng điểm; bỏ qua dòng"),
                ));
                continue;
            }
            _ => {
                let v = cell(row, c_total);
                problems.push(IndexProblem::at(
                    file,
                    rn,
                    &hname(c_total),
                    v,
                    "bad_score",
                    format!(
                        "{name}: tổng điểm «{v}» không hợp lệ (cần số từ 0 đến 100); bỏ qua dòng"
                    ),
                ));
                continue;
            }
        };
        let period = match c_period {
            Some(_) => {
                let v = cell(row, c_period);
                match Period::parse(v) {
                    Some(p) => Some(p),
                    None if v.is_empty() => default_period,
                    None => {
                        problems.push(IndexProblem::at(file, rn, &hname(c_period), v, "bad_period", format!("{name}: không hiểu kỳ «{v}» (ví dụ: 01/2024, tháng 01/2024, Quý 1/2024, 2024); bỏ qua dòng")));
                        continue;
                    }
                }
            }
            None => default_period,
        };
        let mut groups = Vec::new();
        for (code, c) in gcols {
            let v = cell(row, Some(*c));
            match parse_number(v) {
                Ok(Some(x)) => groups.push((code.clone(), x)),
                Ok(None) => {}
                Err(_) => problems.push(IndexProblem::at(
                    file,
                    rn,
                    &hname(Some(*c)),
                    v,
                    "bad_score",
                    format!("{name}: điểm nhóm {code} «{v}» không hợp lệ; bỏ qua ô này"),
                )),
            }
        }
        let delta = parse_number(cell(row, c_delta)).ok().flatten();
        let given_rank = parse_number(cell(row, c_rank))
            .ok()
            .flatten()
            .filter(|r| *r >= 1.0 && r.fract() == 0.0)
            .map(|r| r as u32);
        out.push(RowIn {
            name: name.to_string(),
            period,
            score,
            groups,
            delta,
            given_rank,
            file: file.to_string(),
            row: rn,
        });
        n += 1;
    }
    n
}

/// Ranks rows within each period; returns the rows (periods in time order, then rank, then
/// name), the periods, and warnings (duplicate names, ranks that differ from the file's).
pub fn rank(
    rows: &[RowIn],
    focus: Option<&str>,
    group_order: &[String],
) -> (Vec<RankRow>, Vec<PeriodInfo>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut periods: Vec<Option<Period>> = Vec::new();
    for r in rows {
        if !periods.contains(&r.period) {
            periods.push(r.period);
        }
    }
    periods.sort_by_key(|p| p.map(|p| p.sort_key()));
    let fkey = focus.map(province_key);
    let mut out = Vec::new();
    let mut infos = Vec::new();
    for p in &periods {
        let label = p.map_or_else(|| "không rõ kỳ".to_string(), |p| p.label());
        // one row per name and period: the first kept
        let mut these: Vec<&RowIn> = Vec::new();
        for r in rows.iter().filter(|r| r.period == *p) {
            if these
                .iter()
                .any(|o| province_key(&o.name) == province_key(&r.name))
            {
                warnings.push(format!(
                    "Bảng xếp hạng {label}: «{}» có hơn một dòng (tệp {}); giữ dòng đầu",
                    r.name, r.file
                ));
                continue;
            }
            these.push(r);
        }
        let scores: Vec<Option<f64>> = these.iter().map(|r| Some(r.score)).collect();
        let ranks = competition_rank(&scores);
        let of = these.len() as u32;
        let mut rs: Vec<RankRow> = these
            .iter()
            .zip(ranks)
            .map(|(r, k)| {
                let k = k.unwrap_or(of);
                if let Some(g) = r.given_rank.filter(|g| *g != k) {
                    warnings.push(format!(
                        "Bảng xếp hạng {label}: «{}» ghi hạng {g}, tính theo điểm là hạng {k}",
                        r.name
                    ));
                }
                let mut groups = OrderedMap::default();
                for code in group_order {
                    if let Some((_, v)) = r.groups.iter().find(|(c, _)| c == code) {
                        groups.0.push((code.clone(), Some(*v)));
                    }
                }
                for (c, v) in &r.groups {
                    if !group_order.contains(c) {
                        groups.0.push((c.clone(), Some(*v)));
                    }
                }
                RankRow {
                    name: r.name.clone(),
                    period: label.clone(),
                    score: r.score,
                    rank: k,
                    of,
                    groups,
                    delta: r.delta,
                    focus: fkey.as_deref().is_some_and(|f| province_key(&r.name) == f),
                    file: r.file.clone(),
                }
            })
            .collect();
        rs.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.name.cmp(&b.name)));
        let expected = p.and_then(|p| p.provinces());
        if let Some(e) = expected {
            // a table of 30–70 rows is taken to be a table of provinces
            if of != e && (30..=70).contains(&of) {
                warnings.push(format!(
                    "Bảng xếp hạng {label} có {of} dòng; cả nước có {e} tỉnh, thành phố trong kỳ này — kiểm tra bảng có đủ không"
                ));
            }
        }
        infos.push(PeriodInfo {
            period: label,
            of,
            provinces_expected: expected,
        });
        out.extend(rs);
    }
    (out, infos, warnings)
}

fn points(x: f64) -> String {
    dec(x, 2)
}

/// The comparison for the focus: its earliest and latest periods in the table; with one period
/// and the portal's `scoreDelta`, the previous score is after − delta (rank unknown).
pub fn compare(rows: &[RankRow], focus: &str) -> Option<Comparison> {
    let fk = province_key(focus);
    let mine: Vec<&RankRow> = rows
        .iter()
        .filter(|r| province_key(&r.name) == fk)
        .collect();
    let first = mine.first()?;
    let last = *mine.last()?;
    let snap = |r: &RankRow| Snapshot {
        period: Some(r.period.clone()),
        score: r.score,
        rank: Some(r.rank),
        of: Some(r.of),
    };
    let (before, after) = if mine.len() >= 2 {
        (snap(first), snap(last))
    } else {
        let d = last.delta?;
        (
            Snapshot {
                period: None,
                score: round2(last.score - d),
                rank: None,
                of: None,
            },
            snap(last),
        )
    };
    let delta = round2(after.score - before.score);
    let change = match cents(delta) {
        0 => "không đổi".to_string(),
        c if c > 0 => format!("tăng {} điểm", points(delta)),
        _ => format!("giảm {} điểm", points(-delta)),
    };
    let mut text = format!("{} điểm ({change})", points(after.score));
    if let (Some(r), Some(o)) = (after.rank, after.of) {
        text += &format!(", xếp hạng {r}/{o}");
    }
    if let Some(p) = &before.period {
        text += &format!("; {p}: {} điểm", points(before.score));
        if let (Some(r), Some(o)) = (before.rank, before.of) {
            text += &format!(", hạng {r}/{o}");
        }
    } else {
        text += &format!("; kỳ trước: {} điểm", points(before.score));
    }
    Some(Comparison {
        name: last.name.clone(),
        before,
        after,
        delta,
        text,
    })
}
