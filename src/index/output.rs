//! The one serialisable result of the index (`IndexReport`) and its Vietnamese text rendering
//! for the CLI. Field names are stable; add, don't rename.

use super::catalog::CatalogSummary;
use super::methodology::{Check, Indicator, Methodology, OutOfScope, Scope, Zero};
use super::problem::IndexProblem;
use super::ranking::{Comparison, PeriodInfo, RankRow};
use super::score::{EntityScore, GroupSource, IndicatorScore, Loss, State};
use super::whatif::WhatIf;
use crate::basics::format::{dec, int};
use crate::dossier::report::ReasonCount;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const INDEX_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupInfo {
    pub code: String,
    pub name: String,
    pub max: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct IndicatorInfo {
    pub id: String,
    pub code: Option<String>,
    pub name: String,
    pub group: String,
    pub max: f64,
    pub rule: String,
    /// `zero`, `full` or `na`.
    pub zero: Zero,
    /// `all` or `province`.
    pub scope: Scope,
    pub verified: bool,
    /// Parts of the rule with their own evidence, each with its Vietnamese label.
    pub checks: Vec<Check>,
    /// The parts not verified («mức trần điểm»…): the page and the CLI say «chưa kiểm chứng».
    pub unverified: Vec<String>,
    /// Former ids that still name this indicator.
    pub aliases: Vec<String>,
    pub lever: Option<String>,
    pub note: String,
    pub source: String,
}

impl IndicatorInfo {
    fn of(i: &Indicator) -> IndicatorInfo {
        let checks: Vec<Check> = i
            .checks
            .iter()
            .map(|c| Check {
                label: if c.label.is_empty() {
                    Indicator::part_label(&c.part).to_string()
                } else {
                    c.label.clone()
                },
                ..c.clone()
            })
            .collect();
        let mut unverified = Vec::new();
        if !i.verified {
            unverified.push(Indicator::part_label("rule").to_string());
        }
        unverified.extend(
            checks
                .iter()
                .filter(|c| !c.verified && c.part != "rule")
                .map(|c| c.label.clone()),
        );
        IndicatorInfo {
            id: i.id.clone(),
            code: i.code.clone(),
            name: i.name.clone(),
            group: i.group.clone(),
            max: i.max,
            rule: i.rule.describe(i.max),
            zero: i.zero,
            scope: i.scope,
            verified: i.verified,
            checks,
            unverified,
            aliases: i.aliases.clone(),
            lever: i.lever.clone(),
            note: i.note.clone(),
            source: i.source.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct MethodologyInfo {
    pub id: String,
    pub version: String,
    pub name: String,
    pub description: String,
    pub total: f64,
    /// `full` or `na`.
    pub out_of_scope: OutOfScope,
    pub groups: Vec<GroupInfo>,
    pub indicators: Vec<IndicatorInfo>,
    pub sources: Vec<String>,
}

impl From<&Methodology> for MethodologyInfo {
    fn from(m: &Methodology) -> Self {
        MethodologyInfo {
            id: m.id.clone(),
            version: m.version.clone(),
            name: m.name.clone(),
            description: m.description.clone(),
            total: m.total,
            out_of_scope: m.out_of_scope,
            groups: m
                .groups
                .iter()
                .map(|g| GroupInfo {
                    code: g.code.clone(),
                    name: g.name.clone(),
                    max: g.max,
                })
                .collect(),
            indicators: m.indicators.iter().map(IndicatorInfo::of).collect(),
            sources: m.sources.clone(),
        }
    }
}

/// What an input file was recognised as (serialised as `dossier`, `portal_tree`…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A dossier list (CSV), read by the dossier Analyzer.
    Dossier,
    /// A dossier Report (JSON of `tthc report`), read as a `DossierSummary`.
    Report,
    /// A procedure catalogue (CSV).
    Catalog,
    /// The portal's parent/children evaluation JSON.
    PortalTree,
    /// The portal's overview/evaluation/metrics JSON.
    PortalMetrics,
    /// The portal's province ranking (`service-results`).
    PortalRanking,
    /// The portal's error envelope instead of data.
    PortalError,
    /// A ranking table copied from the portal (CSV).
    RankingTable,
    /// Manual entries (JSON or CSV).
    Manual,
    /// A methodology file replacing the embedded one.
    Methodology,
    Unknown,
}

impl FileKind {
    /// The stable string (`portal_tree`).
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Dossier => "dossier",
            FileKind::Report => "report",
            FileKind::Catalog => "catalog",
            FileKind::PortalTree => "portal_tree",
            FileKind::PortalMetrics => "portal_metrics",
            FileKind::PortalRanking => "portal_ranking",
            FileKind::PortalError => "portal_error",
            FileKind::RankingTable => "ranking_table",
            FileKind::Manual => "manual",
            FileKind::Methodology => "methodology",
            FileKind::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for FileKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct FileOut {
    pub name: String,
    pub kind: FileKind,
    /// Vietnamese description of what was recognised.
    pub label: String,
    /// The period the file is about, where known.
    pub period: Option<String>,
    /// Records read (rows, portal records, entries).
    pub records: u64,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct IndexReport {
    pub version: u32,
    pub methodology: MethodologyInfo,
    pub focus: Option<String>,
    pub files: Vec<FileOut>,
    /// The first problems found (at most `basics::limits::MAX_INDEX_PROBLEMS`);
    /// `problems_total` keeps the full count and `problems_by_reason` the count per code.
    pub problems: Vec<IndexProblem>,
    #[serde(default)]
    pub problems_total: u64,
    #[serde(default)]
    pub problems_by_reason: Vec<ReasonCount>,
    pub warnings: Vec<String>,
    /// The dossier Report's period label, where dossiers were given.
    pub dossier_period: Option<String>,
    pub catalog: Option<CatalogSummary>,
    /// The province as a whole (pooled inputs), where any input concerns it.
    pub province: Option<EntityScore>,
    /// Each administrative level, from dossiers.
    pub levels: Vec<EntityScore>,
    /// Units ranked within the province (tied totals share a rank).
    pub units: Vec<EntityScore>,
    /// Points lost by the province (or the focus unit), largest first.
    pub losses: Vec<Loss>,
    /// Ranking tables, by period then rank.
    pub ranking: Vec<RankRow>,
    pub periods: Vec<PeriodInfo>,
    /// The focus's earliest and latest periods of the ranking table.
    pub comparison: Option<Comparison>,
    pub what_if: Option<WhatIf>,
    /// Report sentences, ready to paste.
    pub narrative: String,
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| dec(v, 2))
}

fn count(x: Option<f64>) -> String {
    match x {
        Some(v) if v.fract() == 0.0 && (0.0..1e15).contains(&v) => int(v as u64),
        Some(v) => dec(v, 2),
        None => "–".into(),
    }
}

/// The bracketed notes after an indicator's line: its state, manual, approximate, over 100%,
/// the portal's differing points, the unverified rule parts it relies on.
fn indicator_flags(i: &IndicatorScore) -> String {
    let mut flags = Vec::new();
    if i.state != State::Ok {
        flags.push(i.state_label.clone());
    }
    if i.manual {
        flags.push("nhập tay".into());
    }
    if i.approx {
        flags.push("ước tính".into());
    }
    if i.over_100 {
        flags.push("tỷ lệ > 100%".into());
    }
    if let (Some(p), true) = (i.portal_points, i.mismatch) {
        flags.push(format!("Cổng: {}", dec(p, 2)));
    }
    if !i.unverified.is_empty() {
        flags.push(format!("chưa kiểm chứng: {}", i.unverified.join(", ")));
    }
    if flags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", flags.join("; "))
    }
}

fn entity_block(s: &mut String, e: &EntityScore) {
    let status = if e.complete {
        String::new()
    } else {
        format!(" — tạm tính, {} chỉ tiêu chưa có dữ liệu", e.missing)
    };
    s.push_str(&format!(
        "{}: {}/{} điểm{status}\n",
        if e.name.is_empty() {
            "Toàn tỉnh"
        } else {
            &e.name
        },
        opt(e.total),
        dec(e.max, 0)
    ));
    for g in &e.group_details {
        let src = match g.source {
            GroupSource::Portal => " (điểm Cổng)",
            GroupSource::Partial => " (thiếu dữ liệu)",
            GroupSource::Computed => "",
        };
        let cmp = match (g.portal_points, g.mismatch) {
            (Some(p), true) => format!("  ≠ Cổng {}", dec(p, 2)),
            _ => String::new(),
        };
        s.push_str(&format!(
            "  {:<6} {:<32} {:>7} / {:<5}{src}{cmp}\n",
            g.code,
            g.name,
            opt(g.points),
            dec(g.max, 0)
        ));
    }
    s.push_str("  Chỉ tiêu:\n");
    for i in &e.indicators {
        let ratio = match (i.numerator, i.denominator) {
            (Some(n), Some(d)) => format!(
                "{}/{} = {}",
                count(Some(n)),
                count(Some(d)),
                crate::basics::format::pct(i.rate)
            ),
            _ => String::new(),
        };
        let flags = indicator_flags(i);
        s.push_str(&format!(
            "    {:<5} {:>6}/{:<3} {}{}{flags}\n",
            i.id,
            opt(i.points),
            crate::basics::format::dec_trim(i.max, 2),
            i.name,
            if ratio.is_empty() {
                String::new()
            } else {
                format!(" — {ratio}")
            },
        ));
    }
}

/// The readable Vietnamese summary the CLI prints without `--json`.
pub fn text(r: &IndexReport) -> String {
    let mut s = String::new();
    header_text(&mut s, r);
    scores_text(&mut s, r);
    units_text(&mut s, r);
    ranking_text(&mut s, r);
    if let Some(w) = &r.what_if {
        what_if_text(&mut s, w);
    }
    unverified_text(&mut s, r);
    notes_text(&mut s, r);
    s
}

/// The title, the dossier period, the files read and the report sentences.
fn header_text(s: &mut String, r: &IndexReport) {
    s.push_str(&format!(
        "CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QĐ 766/QĐ-TTg) — phương pháp {} ({})\n",
        r.methodology.id, r.methodology.version
    ));
    if let Some(p) = &r.dossier_period {
        s.push_str(&format!("Kỳ của dữ liệu hồ sơ: {p}\n"));
    }
    s.push_str("\nTệp đã đọc:\n");
    for f in &r.files {
        s.push_str(&format!(
            "  {} — {}{}{}\n",
            f.name,
            f.label,
            f.period
                .as_ref()
                .map_or(String::new(), |p| format!(", {p}")),
            f.error
                .as_ref()
                .map_or(String::new(), |e| format!(" — LỖI: {e}"))
        ));
    }
    if !r.narrative.is_empty() {
        s.push_str(&format!("\n{}\n", r.narrative));
    }
    if let Some(c) = &r.catalog {
        s.push_str(&format!("\nDanh mục TTHC: {}\n", c.text));
    }
}

/// The province's block and the largest losses.
fn scores_text(s: &mut String, r: &IndexReport) {
    if let Some(p) = &r.province {
        s.push('\n');
        entity_block(s, p);
    }
    if !r.losses.is_empty() {
        s.push_str("\nĐiểm chưa đạt nhiều nhất:\n");
        for l in r.losses.iter().filter(|l| l.lost > 0.0).take(8) {
            s.push_str(&format!(
                "  {:<5} mất {:>6} / {:<3} {}\n",
                l.id,
                dec(l.lost, 2),
                crate::basics::format::dec_trim(l.max, 2),
                l.name
            ));
        }
    }
}

/// The units ranked within the province.
fn units_text(s: &mut String, r: &IndexReport) {
    if !r.units.is_empty() {
        s.push_str(&format!(
            "\nXếp hạng {} đơn vị trong tỉnh:\n",
            r.units.len()
        ));
        for u in &r.units {
            let groups: Vec<String> = u
                .groups
                .0
                .iter()
                .map(|(c, v)| format!("{c} {}", opt(*v)))
                .collect();
            s.push_str(&format!(
                "  {:>4} {}{} — {}{} ({})\n",
                u.rank.map_or("–".into(), |r| format!("{r}.")),
                u.name,
                if u.focus { " ◀" } else { "" },
                opt(u.total),
                if u.complete { "" } else { " tạm tính" },
                groups.join(", ")
            ));
        }
    }
}

/// Each period of the ranking tables, and the comparison.
fn ranking_text(s: &mut String, r: &IndexReport) {
    for p in &r.periods {
        let focus = r.ranking.iter().find(|x| x.focus && x.period == p.period);
        s.push_str(&format!(
            "\nBảng xếp hạng {}: {} dòng{}\n",
            p.period,
            p.of,
            focus.map_or(String::new(), |f| format!(
                "; {} hạng {}/{} với {} điểm",
                f.name,
                f.rank,
                f.of,
                dec(f.score, 2)
            ))
        ));
    }
    if let Some(c) = &r.comparison {
        s.push_str(&format!("\nSo sánh — {}: {}\n", c.name, c.text));
    }
}

/// The what-if's levers and units.
fn what_if_text(s: &mut String, w: &WhatIf) {
    if !w.levers.is_empty() {
        s.push_str(&format!(
            "\nGiả định cho {}{}:\n",
            if w.entity.is_empty() {
                "toàn tỉnh"
            } else {
                &w.entity
            },
            match (w.target, w.needed) {
                (Some(t), Some(n)) =>
                    format!(" (mục tiêu {} điểm, cần thêm {})", dec(t, 2), dec(n, 2)),
                _ => String::new(),
            }
        ));
        for l in w.levers.iter().filter(|l| l.dossiers_to_max != Some(0)) {
            let mut parts = vec![format!(
                "{} {} điểm/hồ sơ",
                l.lever,
                dec(l.points_per_dossier, 4)
            )];
            if let Some(k) = l.dossiers_per_point {
                parts.push(format!("+1 điểm cần {} hồ sơ", int(k)));
            }
            if let Some(k) = l.dossiers_to_max {
                parts.push(format!("đạt tối đa cần {} hồ sơ", int(k)));
            }
            if w.target.is_some() {
                parts.push(match l.dossiers_to_target {
                    Some(k) => format!("đạt mục tiêu cần {} hồ sơ", int(k)),
                    None => "một mình không đủ đạt mục tiêu".into(),
                });
            }
            s.push_str(&format!(
                "  {}{}: {}\n",
                l.indicator,
                l.term.as_ref().map_or(String::new(), |t| format!("/{t}")),
                parts.join("; ")
            ));
        }
        if !w.units.is_empty() {
            s.push_str(
                "  Đơn vị còn nhiều hồ sơ có thể cải thiện nhất (điểm tỉnh nếu cải thiện hết):\n",
            );
            for u in w.units.iter().take(8) {
                s.push_str(&format!(
                    "    {} — {} {} ({}{}): +{} điểm cho tỉnh\n",
                    u.unit,
                    int(u.headroom),
                    u.lever,
                    u.indicator,
                    u.term.as_ref().map_or(String::new(), |t| format!("/{t}")),
                    dec(u.province_gain_if_all, 2)
                ));
            }
        }
    }
}

/// The rule parts of the methodology no source shows the portal applies.
fn unverified_text(s: &mut String, r: &IndexReport) {
    let list: Vec<&IndicatorInfo> = r
        .methodology
        .indicators
        .iter()
        .filter(|i| !i.unverified.is_empty())
        .collect();
    if list.is_empty() {
        return;
    }
    s.push_str("\nQuy tắc chưa kiểm chứng (chưa có nguồn cho thấy Cổng áp dụng):\n");
    for i in list {
        s.push_str(&format!(
            "  {:<5} {}: {}\n",
            i.id,
            i.name,
            i.unverified.join(", ")
        ));
    }
}

/// Warnings and the first problems.
fn notes_text(s: &mut String, r: &IndexReport) {
    if !r.warnings.is_empty() {
        s.push_str("\nLưu ý:\n");
        for w in &r.warnings {
            s.push_str(&format!("  - {w}\n"));
        }
    }
    if !r.problems.is_empty() {
        s.push_str(&format!("\nLỗi dữ liệu ({}):\n", int(r.problems_total)));
        for p in r.problems.iter().take(20) {
            let mut at = p.file.clone();
            if let Some(row) = p.row {
                at += &format!(" dòng {row}");
            }
            if let Some(f) = &p.field {
                at += &format!(", «{f}»");
            }
            s.push_str(&format!("  {at}: {}\n", p.message));
        }
        if r.problems_total > 20 {
            s.push_str(&format!("  … và {} lỗi khác\n", int(r.problems_total - 20)));
        }
    }
}
