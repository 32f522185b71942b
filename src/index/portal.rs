//! The national portal's evaluation JSON (domain.md §1.4 [S7][S8][S12]), in the envelope
//! `{code:"OK", data, message}`:
//! - parent/children: `data.parent` (the province) and `data.children[]` (its departments and
//!   communes) with raw parameters (`totalReceived`, `totalOnTime`, `totalDossierOnlinePaymentSuccess`…)
//!   and the group score (`score`/`maxScore` or `totalScore`/`totalMaxScore`);
//! - metrics: `data.overview` (the province) and `data.evaluation[]` (units), each with
//!   `metrics[] {code, name, numerator, denominator, ratio, score, maxScore}` and the group's
//!   `totalScore`;
//! - the province ranking `service-results`: `data.evaluation[] {departmentName, totalScore,
//!   scoreDelta, groupScores {CKMB, TDGQ, CLGQ, TTTT, MDHL, MDSH}}`.
//!
//! `null` is not 0: a null value is left out, never read as zero.

use super::inputs::{portal_level, Entity, InputStore, PortalScore};
use super::output::FileKind;
use super::period::Period;
use super::problem::{IndexProblem, Problems};
use super::ranking::RowIn;
use crate::basics::problem::Code;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Tree,
    Metrics,
    Ranking,
}

impl Shape {
    pub fn label(self) -> &'static str {
        match self {
            Shape::Tree => "Cổng DVCQG: dữ liệu đánh giá dạng parent/children",
            Shape::Metrics => "Cổng DVCQG: dữ liệu đánh giá dạng overview/evaluation/metrics",
            Shape::Ranking => "Cổng DVCQG: bảng xếp hạng tỉnh (service-results)",
        }
    }
    pub fn kind(self) -> FileKind {
        match self {
            Shape::Tree => FileKind::PortalTree,
            Shape::Metrics => FileKind::PortalMetrics,
            Shape::Ranking => FileKind::PortalRanking,
        }
    }
}

/// Fields that are scores or labels, not data items.
const NOT_ITEMS: [&str; 10] = [
    "ratio",
    "score",
    "maxScore",
    "totalScore",
    "totalMaxScore",
    "scoreDelta",
    "stt",
    "averageScore",
    "growthPercent",
    "level",
];

/// The `data` object of the envelope (or the value itself when saved without it).
fn data(v: &Value) -> Option<&Map<String, Value>> {
    v.get("data")
        .and_then(Value::as_object)
        .or_else(|| v.as_object())
}

pub fn detect(v: &Value) -> Option<Shape> {
    let d = data(v)?;
    if d.contains_key("parent") || d.get("children").is_some_and(Value::is_array) {
        return Some(Shape::Tree);
    }
    let has_metrics = |x: &Value| x.get("metrics").is_some_and(Value::is_array);
    let ev = d.get("evaluation").and_then(Value::as_array);
    if d.get("overview").is_some_and(has_metrics) || ev.is_some_and(|a| a.iter().any(has_metrics)) {
        return Some(Shape::Metrics);
    }
    if ev.is_some_and(|a| {
        a.iter()
            .any(|x| x.get("groupScores").is_some() || x.get("totalScore").is_some())
    }) {
        return Some(Shape::Ranking);
    }
    None
}

/// A number where the portal put one; `Ok(None)` for null or absent, `Err` for anything else.
fn number(v: Option<&Value>) -> Result<Option<f64>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) => match crate::table::cells::parse_number(s) {
            Ok(x) => Ok(x),
            Err(_) => Err(s.clone()),
        },
        Some(other) => Err(other.to_string()),
    }
}

fn text<'a>(o: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    o.get(k)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The period a file is about: `period`, or `timeType` + `year` + `month`/`quarter` (at the top
/// or in `data`, or in a saved `request`), else the file name.
pub fn period_of(v: &Value, file: &str) -> Option<Period> {
    let scopes = [Some(v), v.get("data"), v.get("request"), v.get("payload")];
    for s in scopes.into_iter().flatten() {
        if let Some(p) = s
            .get("period")
            .and_then(Value::as_str)
            .and_then(Period::parse)
        {
            return Some(p);
        }
        let year = s.get("year").and_then(Value::as_i64);
        let tt = s.get("timeType").and_then(Value::as_str).unwrap_or("");
        if let Some(y) = year {
            let m = s.get("month").and_then(Value::as_i64);
            let q = s.get("quarter").and_then(Value::as_i64);
            let txt = match (tt, m, q) {
                ("month", Some(m), _) | ("", Some(m), None) => format!("{m}/{y}"),
                ("quarter", _, Some(q)) | ("", None, Some(q)) => format!("quý {q}/{y}"),
                _ => format!("{y}"),
            };
            if let Some(p) = Period::parse(&txt) {
                return Some(p);
            }
        }
        if let Some(from) = s.get("fromDate").and_then(Value::as_str) {
            // the satisfaction endpoint takes a date range covering a month, quarter or year
            let to = s.get("toDate").and_then(Value::as_str).unwrap_or("");
            if let (Some(f), Some(t)) = (iso_ym(from), iso_ym(to)) {
                let txt = match (f, t) {
                    ((y1, 1), (y2, 12)) if y1 == y2 => format!("{y1}"),
                    ((y1, m1), (y2, m2)) if y1 == y2 && m1 == m2 => format!("{m1}/{y1}"),
                    ((y1, m1), (y2, m2)) if y1 == y2 && m2 == m1 + 2 && m1 % 3 == 1 => {
                        format!("quý {}/{y1}", m1 / 3 + 1)
                    }
                    _ => String::new(),
                };
                if let Some(p) = Period::parse(&txt) {
                    return Some(p);
                }
            }
        }
    }
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    Period::parse(stem)
}

fn iso_ym(s: &str) -> Option<(i32, u32)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    Some((y, m))
}

/// Checks the envelope's `code`; returns a problem when the portal said something else than OK.
pub fn check_envelope(v: &Value, file: &str) -> Option<IndexProblem> {
    match v.get("code") {
        Some(Value::String(c)) if !c.eq_ignore_ascii_case("OK") => Some(IndexProblem::file(
            file,
            Code::PortalError,
            format!(
                "Cổng trả về mã «{c}»{}",
                v.get("message")
                    .and_then(Value::as_str)
                    .map_or(String::new(), |m| format!(": {m}"))
            ),
        )),
        _ => None,
    }
}

struct Loader<'a> {
    file: &'a str,
    problems: &'a mut Problems,
    warnings: &'a mut Vec<String>,
    /// The data fields (or metric codes) of every record of the file: what tells which group
    /// a record's score is, also for a record that carries only its score.
    file_keys: BTreeSet<String>,
}

/// The data fields of a parent/children record (numbers or null, not scores or labels), or
/// the metric codes (upper case) of a metrics record.
fn record_keys(o: &Map<String, Value>, tree: bool) -> BTreeSet<String> {
    if tree {
        o.iter()
            .filter(|(k, v)| {
                !NOT_ITEMS.contains(&k.as_str()) && matches!(v, Value::Number(_) | Value::Null)
            })
            .map(|(k, _)| k.clone())
            .collect()
    } else {
        o.get("metrics")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|m| m.get("code").and_then(Value::as_str))
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
            .collect()
    }
}

impl Loader<'_> {
    fn bad(&mut self, path: &str, value: &str) {
        self.problems.push(IndexProblem {
            file: self.file.into(),
            row: None,
            field: Some(path.into()),
            value: Some(value.into()),
            code: Code::BadNumber,
            message: format!("«{value}» không phải là số; bỏ qua"),
        });
    }

    /// Every numeric field of a parent/child record becomes a data item; its score a group score.
    fn tree_record(
        &mut self,
        store: &mut InputStore,
        o: &Map<String, Value>,
        path: &str,
        province: bool,
    ) -> u64 {
        let Some(name) = self.record_name(store, o, path, province) else {
            return 0;
        };
        let mut conflicts = std::mem::take(&mut store.conflicts);
        let e: &mut Entity = if province {
            store.province_mut()
        } else {
            store.unit_mut(name)
        };
        fill_meta(e, o);
        let mut keys = BTreeSet::new();
        for (k, v) in o {
            if NOT_ITEMS.contains(&k.as_str())
                || matches!(
                    v,
                    Value::String(_) | Value::Bool(_) | Value::Object(_) | Value::Array(_)
                )
            {
                continue;
            }
            match number(Some(v)) {
                Ok(Some(x)) if x >= 0.0 => {
                    keys.insert(k.clone());
                    InputStore::set(&mut conflicts, e, k, x, self.file);
                }
                Ok(Some(x)) => self.bad_negative(&format!("{path}.{k}"), x),
                Ok(None) => {}
                Err(s) => self.bad(&format!("{path}.{k}"), &s),
            }
        }
        let score = number(o.get("score"))
            .ok()
            .flatten()
            .or(number(o.get("totalScore")).ok().flatten());
        let max = number(o.get("maxScore"))
            .ok()
            .flatten()
            .or(number(o.get("totalMaxScore")).ok().flatten());
        if let Some(points) = score {
            keys.extend(self.file_keys.iter().cloned());
            e.portal_groups.push(PortalScore {
                keys,
                points,
                max,
                file: self.file.into(),
            });
        }
        store.conflicts = conflicts;
        1
    }

    /// The record's departmentName: names the province, or must name a unit (a problem, and
    /// `None`, when it is missing).
    fn record_name<'o>(
        &mut self,
        store: &mut InputStore,
        o: &'o Map<String, Value>,
        path: &str,
        province: bool,
    ) -> Option<&'o str> {
        let name = text(o, "departmentName").unwrap_or("");
        if province {
            store.name_province(name);
        } else if name.is_empty() {
            self.problems.push(IndexProblem::file(
                self.file,
                Code::NoName,
                format!("{path}: thiếu departmentName; bỏ qua"),
            ));
            return None;
        }
        Some(name)
    }

    fn bad_negative(&mut self, path: &str, x: f64) {
        self.problems.push(IndexProblem {
            file: self.file.into(),
            row: None,
            field: Some(path.into()),
            value: Some(x.to_string()),
            code: Code::Negative,
            message: "số âm không hợp lệ; bỏ qua".into(),
        });
    }

    /// A record with `metrics[]`: items `CODE.numerator` / `CODE.denominator`, metric scores, and
    /// the record's `totalScore` as the group score.
    fn metrics_record(
        &mut self,
        store: &mut InputStore,
        o: &Map<String, Value>,
        path: &str,
        province: bool,
    ) -> u64 {
        let Some(name) = self.record_name(store, o, path, province) else {
            return 0;
        };
        let mut conflicts = std::mem::take(&mut store.conflicts);
        let ename = name.to_string();
        let e: &mut Entity = if province {
            store.province_mut()
        } else {
            store.unit_mut(name)
        };
        fill_meta(e, o);
        let mut keys = BTreeSet::new();
        let metrics = o
            .get("metrics")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (j, m) in metrics.iter().enumerate() {
            let mp = format!("{path}.metrics[{j}]");
            if let Some(code) = self.metric(&mut conflicts, e, m, &mp, &ename) {
                keys.insert(code);
            }
        }
        if let Ok(Some(points)) = number(o.get("totalScore")) {
            let max = number(o.get("totalMaxScore")).ok().flatten();
            keys.extend(self.file_keys.iter().cloned());
            e.portal_groups.push(PortalScore {
                keys,
                points,
                max,
                file: self.file.into(),
            });
        }
        store.conflicts = conflicts;
        1
    }

    /// One metric of a metrics record: its numerator and denominator as items, its published
    /// score, the portal's data-quality notes. Returns its code (upper case), `None` without one.
    fn metric(
        &mut self,
        conflicts: &mut Vec<(String, String, String, String)>,
        e: &mut Entity,
        m: &Value,
        mp: &str,
        ename: &str,
    ) -> Option<String> {
        let mo = m.as_object()?;
        let Some(code) = text(mo, "code") else {
            self.problems.push(IndexProblem::file(
                self.file,
                Code::NoCode,
                format!("{mp}: thiếu mã chỉ tiêu («code»); bỏ qua"),
            ));
            return None;
        };
        let code = code.to_ascii_uppercase();
        for part in ["numerator", "denominator"] {
            match number(mo.get(part)) {
                Ok(Some(x)) if x >= 0.0 => {
                    InputStore::set(conflicts, e, &format!("{code}.{part}"), x, self.file)
                }
                Ok(Some(x)) => self.bad_negative(&format!("{mp}.{part}"), x),
                Ok(None) => {}
                Err(s) => self.bad(&format!("{mp}.{part}"), &s),
            }
        }
        match number(mo.get("score")) {
            Ok(Some(s)) => {
                e.portal_metrics
                    .entry(code.clone())
                    .or_insert((s, self.file.to_string()));
            }
            Ok(None) => {}
            Err(s) => self.bad(&format!("{mp}.score"), &s),
        }
        let who = if ename.is_empty() {
            "toàn tỉnh"
        } else {
            ename
        };
        for flag in ["dataQualityStatus", "dataQualityMessage"] {
            if let Some(msg) = text(mo, flag) {
                self.warnings.push(format!(
                    "{}: Cổng ghi chú chất lượng dữ liệu cho {code} của {who}: {msg}",
                    self.file
                ));
            }
        }
        Some(code)
    }
}

fn fill_meta(e: &mut Entity, o: &Map<String, Value>) {
    if e.code.is_none() {
        e.code = text(o, "departmentCode").map(str::to_string);
    }
    if e.level.is_none() {
        e.level = text(o, "level")
            .or_else(|| text(o, "departmentLevel"))
            .and_then(portal_level);
    }
}

/// Loads a parent/children or metrics file into the store. Returns the number of records.
pub fn load(
    v: &Value,
    shape: Shape,
    file: &str,
    store: &mut InputStore,
    problems: &mut Problems,
    warnings: &mut Vec<String>,
) -> u64 {
    let Some(d) = data(v) else { return 0 };
    let (parent, children, tree) = match shape {
        Shape::Tree => ("parent", "children", true),
        Shape::Metrics => ("overview", "evaluation", false),
        Shape::Ranking => return 0,
    };
    let records = d.get(parent).into_iter().chain(
        d.get(children)
            .and_then(Value::as_array)
            .into_iter()
            .flatten(),
    );
    let file_keys = records
        .filter_map(Value::as_object)
        .flat_map(|o| record_keys(o, tree))
        .collect();
    let mut l = Loader {
        file,
        problems,
        warnings,
        file_keys,
    };
    let mut record =
        |store: &mut InputStore, o: &Map<String, Value>, path: &str, province: bool| {
            if tree {
                l.tree_record(store, o, path, province)
            } else {
                l.metrics_record(store, o, path, province)
            }
        };
    let mut n = 0;
    if let Some(p) = d.get(parent).and_then(Value::as_object) {
        n += record(store, p, &format!("data.{parent}"), true);
    }
    let list = d.get(children).and_then(Value::as_array);
    for (i, c) in list.into_iter().flatten().enumerate() {
        if let Some(o) = c.as_object() {
            n += record(store, o, &format!("data.{children}[{i}]"), false);
        }
    }
    n
}

/// Loads a `service-results` ranking into ranking rows.
pub fn load_ranking(
    v: &Value,
    file: &str,
    period: Option<Period>,
    out: &mut Vec<RowIn>,
    problems: &mut Problems,
) -> u64 {
    let Some(d) = data(v) else { return 0 };
    let mut n = 0;
    for (i, x) in d
        .get("evaluation")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let path = format!("data.evaluation[{i}]");
        let Some(o) = x.as_object() else { continue };
        let Some(name) = text(o, "departmentName") else {
            problems.push(IndexProblem::file(
                file,
                Code::NoName,
                format!("{path}: thiếu departmentName; bỏ qua"),
            ));
            continue;
        };
        let score = match number(o.get("totalScore")) {
            Ok(Some(s)) => s,
            Ok(None) => {
                problems.push(IndexProblem::file(
                    file,
                    Code::MissingScore,
                    format!("{path} ({name}): totalScore trống; bỏ qua"),
                ));
                continue;
            }
            Err(s) => {
                problems.push(IndexProblem::at(
                    file,
                    None,
                    &format!("{path}.totalScore"),
                    &s,
                    Code::BadScore,
                    format!("{name}: tổng điểm không phải là số; bỏ qua"),
                ));
                continue;
            }
        };
        let mut groups = Vec::new();
        if let Some(g) = o.get("groupScores").and_then(Value::as_object) {
            for (k, gv) in g {
                match number(Some(gv)) {
                    Ok(Some(x)) => groups.push((k.to_ascii_uppercase(), x)),
                    Ok(None) => {}
                    Err(s) => problems.push(IndexProblem::at(
                        file,
                        None,
                        &format!("{path}.groupScores.{k}"),
                        &s,
                        Code::BadScore,
                        format!("{name}: điểm nhóm {k} không phải là số; bỏ qua"),
                    )),
                }
            }
        }
        out.push(RowIn {
            name: name.to_string(),
            period,
            score,
            groups,
            delta: number(o.get("scoreDelta")).ok().flatten(),
            given_rank: None,
            file: file.to_string(),
            row: None,
        });
        n += 1;
    }
    n
}
