//! `IndexBuilder::finish`: the methodology applied once, in phases — dossier files read by the
//! Analyzer become a summary; the catalogue gives province items and its join with the dossiers'
//! procedures; manual entries are checked; the province, each level and each unit are scored
//! and the units ranked; ranking tables are ranked and the focus compared across periods; the
//! points lost and the what-if are computed for the focus unit (else the province); warnings are
//! gathered and the report assembled.

use super::builder::IndexBuilder;
use super::catalog::{self, Online};
use super::inputs::{province_key, unit_key, Entity, EntityKind, InputStore};
use super::manual::ManualByEntity;
use super::output::{IndexReport, INDEX_VERSION};
use super::ranking::{self, Comparison, PeriodInfo, RankRow};
use super::score::{competition_rank, score_entity, EntityScore};
use super::sentences::summary_paragraph;
use super::whatif::{self, WhatIf};
use super::{IndexProblem, Methodology};
use crate::basics::format::int;
use crate::basics::limits::MAX_INDEX_PROBLEMS;
use crate::basics::problem::Code;
use crate::basics::text::fold;
use crate::dossier::summary::DossierSummary;
use std::collections::{BTreeSet, HashMap};

/// Dossier problems copied into the index report; the rest are counted by code and in a warning.
const DOSSIER_PROBLEMS: usize = 50;

/// Units with their index in the store, ranked.
type Units = Vec<(usize, EntityScore)>;

/// The ranking tables' outcome: rows, periods and the focus's comparison.
type Rankings = (Vec<RankRow>, Vec<PeriodInfo>, Option<Comparison>);

impl IndexBuilder {
    /// Scores everything and builds the report.
    pub fn finish(mut self) -> IndexReport {
        self.read_dossier_files();
        let m = self.methodology.clone();
        self.catalog_items();
        let focus = self.opts.focus.clone().filter(|f| !f.trim().is_empty());
        let entries: Vec<_> = std::mem::take(&mut self.manual_files)
            .into_iter()
            .chain(
                self.manual_set
                    .iter()
                    .cloned()
                    .map(|e| ("nhập tay".to_string(), e)),
            )
            .collect();
        let manual = ManualByEntity::new(
            &m,
            entries,
            &mut self.store,
            &mut self.problems,
            &mut self.warnings,
        );
        let focus_unit = focus
            .as_deref()
            .and_then(|f| self.store.find_unit(f).map(|u| unit_key(&u.name)));
        let province = self.score_province(&m, &manual, focus.as_deref(), focus_unit.is_some());
        let levels = self
            .store
            .levels
            .iter()
            .map(|l| score_entity(&m, l, &[]))
            .collect();
        let units = self.score_units(&m, &manual, focus_unit.as_deref());
        let (ranking, periods, comparison) = self.rankings(
            &m,
            focus.as_deref(),
            province.as_ref(),
            focus_unit.is_some(),
        );
        let (losses, what_if) = self.subject_levers(&m, &units, province.as_ref());
        self.collect_warnings(province.as_ref(), units.iter().map(|(_, u)| u));
        let catalog = (!self.catalog.entries.is_empty()).then(|| self.catalog.summary());
        if self.problems.left_out() > 0 {
            self.warnings.push(format!(
                "Có {} lỗi dữ liệu, chỉ liệt kê {} lỗi đầu tiên (giới hạn {} lỗi); {} lỗi không liệt kê vẫn được đếm theo từng loại",
                int(self.problems.total()),
                int(self.problems.kept().len() as u64),
                int(MAX_INDEX_PROBLEMS as u64),
                int(self.problems.left_out())
            ));
        }
        let (problems, problems_total, problems_by_reason) = self.problems.into_parts();
        let narrative = summary_paragraph(
            province.as_ref(),
            catalog.as_ref(),
            comparison.as_ref(),
            &losses,
        );
        IndexReport {
            version: INDEX_VERSION,
            methodology: (&m).into(),
            focus,
            files: self.files,
            problems,
            problems_total,
            problems_by_reason,
            warnings: self.warnings,
            dossier_period: self.dossier_period,
            catalog,
            province,
            levels,
            units: units.into_iter().map(|(_, u)| u).collect(),
            losses,
            ranking,
            periods,
            comparison,
            what_if,
            narrative,
        }
    }

    /// The dossier CSV files given to `add_file`: the Analyzer's Report fills their file
    /// entries and problems, and its summary the store.
    fn read_dossier_files(&mut self) {
        let Some(a) = self.analyzer.take() else {
            return;
        };
        let r = a.finish_report();
        for (k, &fi) in self.dossier_files.iter().enumerate() {
            let Some(info) = r.files.get(k) else { continue };
            self.files[fi].records = info.rows.counted;
            self.files[fi].period = Some(r.period.label.clone());
            if let Some(e) = &info.error {
                self.files[fi].error = Some(e.clone());
                let p = IndexProblem::file(&info.name, Code::DossierFile, e.clone());
                self.problems.push(p);
            }
        }
        let copied = &r.problems[..r.problems.len().min(DOSSIER_PROBLEMS)];
        for p in copied {
            self.problems.push(IndexProblem {
                file: p.file.clone(),
                row: Some(p.row),
                field: Some(p.column.clone()),
                value: Some(p.value.clone()),
                code: p.code,
                message: p.reason.clone(),
            });
        }
        // the dossier problems not copied are counted by code
        for rc in &r.problems_by_reason {
            let shown = copied.iter().filter(|p| p.code == rc.code).count() as u64;
            self.problems.count(rc.code, rc.count.saturating_sub(shown));
        }
        if r.problems_total > DOSSIER_PROBLEMS as u64 {
            self.warnings.push(format!(
                "Danh sách hồ sơ có {} dòng lỗi; xem chi tiết bằng «tthc report»",
                int(r.problems_total)
            ));
        }
        self.add_summary_from(&DossierSummary::of(&r), "danh sách hồ sơ");
    }

    /// The province, when any input concerns it; named by the inputs, else by the focus when
    /// the focus is not a unit, else «Toàn tỉnh».
    fn score_province(
        &mut self,
        m: &Methodology,
        manual: &ManualByEntity,
        focus: Option<&str>,
        focus_is_unit: bool,
    ) -> Option<EntityScore> {
        let has_data = self.store.province.as_ref().is_some_and(Entity::has_data);
        if !has_data && manual.province().is_empty() {
            return None;
        }
        let mut p = self
            .store
            .province
            .take()
            .unwrap_or_else(|| Entity::new("", EntityKind::Province));
        if p.name.is_empty() {
            p.name = match (focus, focus_is_unit) {
                (Some(f), false) => f.trim().to_string(),
                _ => "Toàn tỉnh".into(),
            };
        }
        let s = score_entity(m, &p, manual.province());
        self.store.province = Some(p);
        Some(s)
    }

    /// Every unit scored, ranked by competition ranking (tied totals share a rank), sorted by
    /// rank then name.
    fn score_units(
        &mut self,
        m: &Methodology,
        manual: &ManualByEntity,
        focus_unit: Option<&str>,
    ) -> Units {
        let mut units: Units = self
            .store
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (i, score_entity(m, u, manual.unit(&u.name))))
            .collect();
        let totals: Vec<Option<f64>> = units.iter().map(|(_, u)| u.total).collect();
        let ranks = competition_rank(&totals);
        let of = totals.iter().filter(|t| t.is_some()).count() as u32;
        for ((_, u), r) in units.iter_mut().zip(ranks) {
            u.rank = r;
            u.of = r.map(|_| of);
            u.focus = focus_unit.is_some_and(|f| unit_key(&u.name) == f);
        }
        units.sort_by(|a, b| {
            let rank = |u: &EntityScore| u.rank.unwrap_or(u32::MAX);
            rank(&a.1)
                .cmp(&rank(&b.1))
                .then_with(|| a.1.name.cmp(&b.1.name))
        });
        if units.iter().any(|(_, u)| u.total.is_some() && !u.complete) {
            self.warnings.push("Một số đơn vị chưa đủ dữ liệu mọi chỉ tiêu: tổng điểm là tạm tính và thứ hạng chỉ so sánh được giữa các đơn vị có cùng loại dữ liệu".into());
        }
        units
    }

    /// The ranking tables ranked per period, and the comparison of the focus (else the
    /// province) across periods.
    fn rankings(
        &mut self,
        m: &Methodology,
        focus: Option<&str>,
        province: Option<&EntityScore>,
        focus_is_unit: bool,
    ) -> Rankings {
        let group_order: Vec<String> = m.groups.iter().map(|g| g.code.clone()).collect();
        let rank_focus = focus
            .map(str::to_string)
            .or(province.map(|p| p.name.clone()));
        let (rows, periods, w) = ranking::rank(&self.ranking, rank_focus.as_deref(), &group_order);
        self.warnings.extend(w);
        let comparison = rank_focus
            .as_deref()
            .and_then(|f| ranking::compare(&rows, f));
        if let (Some(f), false) = (focus, rows.is_empty()) {
            let listed = rows
                .iter()
                .any(|r| province_key(&r.name) == province_key(f));
            if comparison.is_none() && !focus_is_unit && !listed {
                self.warnings
                    .push(format!("«{f}» không có trong bảng xếp hạng"));
            }
        }
        (rows, periods, comparison)
    }

    /// The points lost and the what-if, for the focus unit, else the province.
    fn subject_levers(
        &self,
        m: &Methodology,
        units: &Units,
        province: Option<&EntityScore>,
    ) -> (Vec<super::score::Loss>, Option<WhatIf>) {
        let subject: Option<(&EntityScore, bool)> = units
            .iter()
            .find(|(_, u)| u.focus)
            .map(|(_, u)| (u, false))
            .or(province.map(|p| (p, true)));
        let losses = subject.map(|(s, _)| s.lost.clone()).unwrap_or_default();
        let what_if = subject.map(|(s, is_province)| {
            let pairs: Vec<(&Entity, &EntityScore)> = units
                .iter()
                .map(|(i, u)| (&self.store.units[*i], u))
                .collect();
            whatif::what_if(m, s, is_province, self.opts.target, &pairs)
        });
        (losses, what_if)
    }

    /// The catalogue's counts as province items, and its join with the dossiers' procedures.
    fn catalog_items(&mut self) {
        if self.catalog.entries.is_empty() {
            return;
        }
        let s = self.catalog.summary();
        let mut conflicts = std::mem::take(&mut self.store.conflicts);
        let src = "danh mục TTHC";
        let p = self.store.province_mut();
        InputStore::set(
            &mut conflicts,
            p,
            "catalog.procedures",
            s.procedures as f64,
            src,
        );
        for (k, v) in [
            ("catalog.published", s.published),
            ("catalog.online_services", s.online_services),
            ("catalog.online_full", s.online_full),
            ("catalog.integrated", s.integrated),
            ("catalog.with_fees", s.with_fees),
        ] {
            if let Some(v) = v {
                InputStore::set(&mut conflicts, p, k, v as f64, src);
            }
        }
        if !self.procedures.is_empty() {
            self.catalog_join(&mut conflicts);
        }
        self.store.conflicts = conflicts;
    }

    /// Dossiers × catalogue by procedure code: dossiers of full-online procedures (received,
    /// received online) and of fee-bearing procedures (resolved, paid online).
    fn catalog_join(&mut self, conflicts: &mut Vec<(String, String, String, String)>) {
        let by_code: HashMap<String, &catalog::Entry> = self
            .catalog
            .entries
            .iter()
            .map(|e| (fold(&e.code), e))
            .collect();
        let mut matched = 0u64;
        let [mut full_rec, mut full_onl, mut fee_res, mut fee_paid] = [0u64; 4];
        for pf in &self.procedures {
            let Some(e) = by_code.get(&fold(&pf.code)) else {
                continue;
            };
            matched += 1;
            if e.online == Some(Online::Full) {
                full_rec += pf.received;
                full_onl += pf.received_online;
            }
            if e.fees == Some(true) {
                fee_res += pf.resolved;
                fee_paid += pf.paid_online;
            }
        }
        if matched == 0 {
            self.warnings.push("Không mã TTHC nào của danh sách hồ sơ có trong danh mục; không ghép được hồ sơ với mức độ DVCTT và phí, lệ phí".into());
            return;
        }
        let join = "danh sách hồ sơ × danh mục TTHC";
        let mut items = Vec::new();
        if self.catalog.has_online && self.mapped.contains("channel") {
            items.push(("dossier.full_online_received", full_rec));
            items.push(("dossier.full_online_received_online", full_onl));
        }
        if self.catalog.has_fees && self.mapped.contains("paid_online") {
            items.push(("dossier.fee_resolved", fee_res));
            items.push(("dossier.fee_paid_online", fee_paid));
        }
        let p = self.store.province_mut();
        for (k, v) in items {
            InputStore::set(conflicts, p, k, v as f64, join);
        }
    }

    /// Warnings about the inputs as a whole: conflicting items, several provinces or periods,
    /// scores that differ from the portal's.
    fn collect_warnings<'a>(
        &mut self,
        province: Option<&EntityScore>,
        units: impl Iterator<Item = &'a EntityScore>,
    ) {
        let n = self.store.conflicts.len();
        for (who, item, a, b) in self.store.conflicts.iter().take(10) {
            self.warnings.push(format!(
                "Số liệu «{item}» của {who} khác nhau giữa {a} và {b}; dùng số của {a}"
            ));
        }
        if n > 10 {
            self.warnings
                .push(format!("… và {} số liệu trùng khác nhau nữa", n - 10));
        }
        if !self.store.province_names.is_empty() {
            self.warnings.push(format!(
                "Các tệp của Cổng thuộc nhiều đơn vị gốc khác nhau ({}); số liệu toàn tỉnh có thể bị trộn",
                self.store.province_names.join(", ")
            ));
        }
        let labels: BTreeSet<&str> = self
            .portal_periods
            .iter()
            .filter_map(|(_, p)| p.as_deref())
            .collect();
        if labels.len() > 1 {
            self.warnings.push(format!(
                "Các tệp dữ liệu đánh giá của Cổng thuộc nhiều kỳ khác nhau ({}); mỗi số liệu lấy theo tệp đầu tiên có nó",
                labels.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
        let mismatches: u32 =
            province.map_or(0, |p| p.mismatches) + units.map(|u| u.mismatches).sum::<u32>();
        if mismatches > 0 {
            self.warnings.push(format!(
                "{mismatches} điểm tính lại lệch quá 0,01 so với điểm Cổng công bố (đánh dấu mismatch)"
            ));
        }
    }
}
