//! Ranking tables: rows of (province or unit, period, total score, optional group scores), from a
//! CSV copied by hand from the portal's table or from the portal's `service-results` JSON.
//! Ranks are standard competition ranks within each period (ties share a rank: 1, 2, 2, 4);
//! `of` is the number of rows of that period.

use super::inputs::province_key;
use super::period::Period;
use super::problem::{IndexProblem, Problems};
use super::score::{competition_rank, round2, OrderedMap};
use super::sentences::comparison_text;
use crate::basics::problem::Code;
use crate::basics::text::fold;
use crate::table::cells::{is_total_row, parse_number};
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
    /// «81,61 điểm (tăng 18,76 điểm), xếp hạng 29/63 (tăng 24 bậc); tháng 01/2024: 62,85 điểm, hạng 53/63».
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

/// The columns of a ranking table (besides the group columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankingField {
    Name,
    Period,
    Total,
    Rank,
    Delta,
}

/// A ranking header's columns: the field map and the group columns (code, column).
pub type RankingColumns = (Vec<(RankingField, usize)>, Vec<(String, usize)>);

/// Header recognition: the column map (name, period, total, rank, delta) and the group columns,
/// recognised by the group's code or name. `None` without a name and a total column.
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
    let fields: [(RankingField, &[&str]); 5] = [
        (RankingField::Name, NAME),
        (RankingField::Period, PERIOD),
        (RankingField::Total, TOTAL),
        (RankingField::Rank, RANK),
        (RankingField::Delta, DELTA),
    ];
    let map = match_columns(row, &fields, &taken);
    (col(&map, RankingField::Name).is_some() && col(&map, RankingField::Total).is_some())
        .then_some((map, gcols))
}

/// Rows that are not a province or unit: totals ([`is_total_row`]) and the national average.
fn is_summary_row(row: &[String], folded_name: &str) -> bool {
    is_total_row(row) || ["trung binh", "ca nuoc", "binh quan"].contains(&folded_name)
}

/// One ranking table being read: where it is and what its header says.
pub struct RankingTable<'a> {
    pub file: &'a str,
    pub table: &'a Table,
    /// 0-based row of the header.
    pub header_row: usize,
    pub map: &'a [(RankingField, usize)],
    pub gcols: &'a [(String, usize)],
    /// From the title rows or the file name, for rows without a period cell.
    pub default_period: Option<Period>,
}

impl RankingTable<'_> {
    fn header_name(&self, c: Option<usize>) -> String {
        c.and_then(|c| self.table.rows[self.header_row].get(c))
            .cloned()
            .unwrap_or_default()
    }

    /// Loads the rows under the header into `out`; returns how many were read.
    pub fn load(&self, out: &mut Vec<RowIn>, problems: &mut Problems) -> u64 {
        let mut n = 0;
        for (i, row) in self.table.rows.iter().enumerate().skip(self.header_row + 1) {
            if let Some(r) = self.row(row, i as u64 + 1, problems) {
                out.push(r);
                n += 1;
            }
        }
        n
    }

    /// One row: `None` for a blank, total or average row, and for a row with a problem.
    fn row(&self, row: &[String], rn: u64, problems: &mut Problems) -> Option<RowIn> {
        let c = |f| col(self.map, f);
        let name = cell(row, c(RankingField::Name));
        if is_blank(row) || name.is_empty() || is_summary_row(row, &fold(name)) {
            return None;
        }
        let mut problem = |col: Option<usize>, v: &str, code, msg: String| {
            let h = self.header_name(col);
            problems.push(IndexProblem::at(self.file, Some(rn), &h, v, code, msg));
        };
        let total = cell(row, c(RankingField::Total));
        let score = match parse_number(total) {
            Ok(Some(v)) if (0.0..=100.0 + 1e-9).contains(&v) => v,
            Ok(None) => {
                let msg = format!("{name}: thiếu tổng điểm; bỏ qua dòng");
                problem(c(RankingField::Total), "", Code::MissingScore, msg);
                return None;
            }
            _ => {
                let msg = format!(
                    "{name}: tổng điểm «{total}» không hợp lệ (cần số từ 0 đến 100); bỏ qua dòng"
                );
                problem(c(RankingField::Total), total, Code::BadScore, msg);
                return None;
            }
        };
        let period = match c(RankingField::Period).map(|_| cell(row, c(RankingField::Period))) {
            None | Some("") => self.default_period,
            Some(v) => match Period::parse(v) {
                Some(p) => Some(p),
                None => {
                    let msg = format!("{name}: không hiểu kỳ «{v}» (ví dụ: 01/2024, tháng 01/2024, Quý 1/2024, 2024); bỏ qua dòng");
                    problem(c(RankingField::Period), v, Code::BadPeriod, msg);
                    return None;
                }
            },
        };
        let mut groups = Vec::new();
        for (code, gc) in self.gcols {
            let v = cell(row, Some(*gc));
            match parse_number(v) {
                Ok(Some(x)) => groups.push((code.clone(), x)),
                Ok(None) => {}
                Err(_) => {
                    let msg = format!("{name}: điểm nhóm {code} «{v}» không hợp lệ; bỏ qua ô này");
                    problem(Some(*gc), v, Code::BadScore, msg);
                }
            }
        }
        let number = |f| parse_number(cell(row, c(f))).ok().flatten();
        Some(RowIn {
            name: name.to_string(),
            period,
            score,
            groups,
            delta: number(RankingField::Delta),
            given_rank: number(RankingField::Rank)
                .filter(|r| *r >= 1.0 && r.fract() == 0.0)
                .map(|r| r as u32),
            file: self.file.to_string(),
            row: Some(rn),
        })
    }
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
    for p in periods {
        let label = p.map_or_else(|| "không rõ kỳ".to_string(), |p| p.label());
        let these = first_per_name(rows, p, &label, &mut warnings);
        let of = these.len() as u32;
        let scores: Vec<Option<f64>> = these.iter().map(|r| Some(r.score)).collect();
        let mut rs: Vec<RankRow> = these
            .iter()
            .zip(competition_rank(&scores))
            .map(|(r, k)| {
                let k = k.unwrap_or(of);
                if let Some(g) = r.given_rank.filter(|g| *g != k) {
                    warnings.push(format!(
                        "Bảng xếp hạng {label}: «{}» ghi hạng {g}, tính theo điểm là hạng {k}",
                        r.name
                    ));
                }
                let focus = fkey.as_deref().is_some_and(|f| province_key(&r.name) == f);
                rank_row(r, &label, k, of, focus, group_order)
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

/// The rows of one period, one per name: the first kept, a warning for the others.
fn first_per_name<'a>(
    rows: &'a [RowIn],
    p: Option<Period>,
    label: &str,
    warnings: &mut Vec<String>,
) -> Vec<&'a RowIn> {
    let mut these: Vec<&RowIn> = Vec::new();
    // one key per row, looked up in a set: linear in the rows (a pairwise check was quadratic,
    // found slow by the methodology fuzz target on a large ranking)
    let mut seen = std::collections::HashSet::new();
    for r in rows.iter().filter(|r| r.period == p) {
        if !seen.insert(province_key(&r.name)) {
            warnings.push(format!(
                "Bảng xếp hạng {label}: «{}» có hơn một dòng (tệp {}); giữ dòng đầu",
                r.name, r.file
            ));
            continue;
        }
        these.push(r);
    }
    these
}

/// A ranked row; its group scores in the methodology's group order, then the others.
fn rank_row(
    r: &RowIn,
    label: &str,
    rank: u32,
    of: u32,
    focus: bool,
    group_order: &[String],
) -> RankRow {
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
        period: label.to_string(),
        score: r.score,
        rank,
        of,
        groups,
        delta: r.delta,
        focus,
        file: r.file.clone(),
    }
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
    let text = comparison_text(&before, &after, delta);
    Some(Comparison {
        name: last.name.clone(),
        before,
        after,
        delta,
        text,
    })
}
