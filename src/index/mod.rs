//! The QĐ 766 service index («Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người
//! dân, doanh nghiệp…», Quyết định 766/QĐ-TTg, 23/6/2022 [S20][S21]): score, ranking, period
//! comparison, points lost and what would raise the score. Tags like [S3] are the sources of
//! ../shared/docs/domain.md §7.
//!
//! # Design
//!
//! Pure core, like the dossier engine: bytes and options in, one serialisable [`IndexReport`]
//! out; only `src/wasm/index.rs` knows wasm-bindgen. [`IndexBuilder`] takes any mix of files
//! (`add_file`, kind detected from content: JSON shape or CSV header), dossier Reports
//! (`add_report`) and manual entries (`set_manual`), then `finish()` scores everything.
//!
//! - **Methodology as data** ([`methodology`]): a versioned JSON schema (groups with maxima,
//!   indicators with maxima, point rule, zero-denominator rule, scope, the numerator/denominator
//!   data items each reads — several alternatives in priority order — sources and notes),
//!   validated on load (group maxima sum to the total, indicator maxima to their group, known
//!   rules only). Two are embedded with `include_str!`: `qd766-portal` (default) and
//!   `qd766-2022`; a user's file in the same schema replaces them.
//! - **Loaders only fill a store** ([`inputs`]): per entity (the province, each level, each
//!   unit) a flat set of named data items with the file each came from, the portal's published
//!   scores and manual entries. Item names are the portal's own field names (`totalOnTime`…),
//!   `CODE.numerator` / `CODE.denominator` for metric lists, `dossier.*` from a Report and
//!   `catalog.*` from the procedure catalogue. The methodology is applied only in `finish()`, so
//!   files may come in any order, and a portal file and a dossier file never overwrite each
//!   other: the methodology lists which source an indicator prefers. Where two files give the
//!   same item different values, the first is kept and a warning names both files.
//! - **Scoring** ([`score`]): rate = numerator / denominator (percent); points by the rule;
//!   each indicator rounded to 2 decimals as the portal publishes; a group is the sum of its
//!   indicators (the portal's group score equals the sum of its metric scores [S3]); the total
//!   the sum of groups. An indicator without inputs is «chưa có dữ liệu» — never 0, never full —
//!   unless the portal published its points (state `portal`); a group with missing indicators
//!   takes the portal's group score when a file carried one, else it is partial and the total
//!   is marked provisional (`complete: false`). The portal's published points stay beside the
//!   recomputed ones and a difference above 0,01 is flagged (`mismatch`).
//! - **Ranking** ([`ranking`]): standard competition ranking (1, 2, 2, 4) on scores compared in
//!   hundredths (the published precision), for units within the province and for each period
//!   of a ranking table; `of` is the number of rows of the period (63 provinces before
//!   1/7/2025, 34 after [S57][S58]; a table of 30–70 rows with another count is warned about).
//!   How the portal breaks ties is not documented (§6 item 7); one tool uses competition
//!   ranking [S7].
//! - **What-if** ([`whatif`]): per lever (an indicator whose numerator counts dossiers) the
//!   dossiers that must move from «not counted» to «counted» with the denominator fixed.
//! - **Sample** ([`sample`]): the built-in catalogue and two-period ranking table (the Bình
//!   Thuận figures) that the page, `tthc sample-index`, the native and the e2e tests all use.
//!
//! # Methodology choices (to be read with domain.md §1 and §6)
//!
//! - Rules reproduced from the portal's published scores [S3]: progress 2.1 = 20 × on time /
//!   received (0 when nothing received, as the portal shows for a department with 0/0);
//!   transparency 1.x = max × rate; dossier satisfaction = min(6; 6 × rate / 90%), 0 when the
//!   denominator is 0; the two petition (PAKN) indicators = 6 × rate, 6 when there is nothing
//!   to handle; digitisation = min(max; max × rate) except reuse of digitised data
//!   min(2; 2 × rate / 80%); payment = 6A + min(2; 2,5B) + 2,5C with ratio 0 for a zero
//!   denominator, held at 10 (the terms can reach 10,5).
//! - `qd766-portal` takes the six portal groups and their maxima [S1][S5][S6][S7] (CLGQ = online
//!   services 12, TTTT = payment 10, as the newer sources map them; §6 item 6). The CLGQ
//!   formula is unknown [S3]: the one scored METRICS row (full-online dossiers / dossiers of
//!   procedures eligible for full online, 12 points, province only) is scored linearly and
//!   marked unverified; with a provide-online-tree file the portal's group score is used.
//! - `qd766-2022` takes the five groups of the decision (18/20/22/22/18) [S21][S25]; its
//!   within-group split and thresholds come from the formula document [S2] and the profiles
//!   [S4][S9][S11] because the decision's appendix was not found (§6 item 1). Digitisation 4.2
//!   keeps the document's 80% threshold there, while the portal's scores fit min(4; 4 × rate).
//! - Province-only indicators (METRICS scope «Tỉnh» [S1][S12]; 1.2 and 1.3 in the 2022 document
//!   [S2]) give a unit full points marked `out_of_scope`, the business policy recorded in [S12];
//!   a methodology may say `"out_of_scope": "na"` instead.
//! - From dossiers (a Report): progress = (on time + in progress within time) / (resolved +
//!   in progress) [S1][S2]; online share = received online / received; digitised and paid
//!   online over resolved; satisfaction = 100% − (late + unsatisfied) over handled, the
//!   document's definition [S2] 5.4. An item is derived only when the export had the column it
//!   needs (due date, channel, digitised, paid online, rating), otherwise it is missing, not 0.
//!   Dossier ratios that only approximate the official denominators are marked `approx`, and
//!   the portal's figures are always preferred when both are given.
//! - The catalogue yields procedures, published, online services (một phần + toàn trình, a
//!   procedure counted once at its higher level [S2] 3.1), integrated on the portal (of the
//!   online services) and with fees; joined with a Report's procedures by code it gives the
//!   province's full-online dossier share and the paid-online share of fee-bearing procedures.

pub mod catalog;
pub mod inputs;
pub mod methodology;
pub mod output;
pub mod period;
pub mod portal;
pub mod ranking;
pub mod score;
pub mod whatif;

pub use inputs::{IndexProblem, ManualEntry};
pub use methodology::Methodology;
pub use output::IndexReport;

use crate::dossier::fields as dossier_header;
use crate::dossier::report::Report;
use crate::dossier::Analyzer;
use crate::table::cells::parse_number;
use crate::table::sheet as table;
use catalog::{Catalog, Online};
use inputs::{province_key, unit_key, Entity, ProcedureFigures, Store};
use output::{FileOut, INDEX_VERSION};
use period::Period;
use ranking::RowIn;
use score::{competition_rank, score_entity, EntityScore};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use table::{col, is_blank, match_columns, read_table};

/// What the caller may set; every field is optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexOptions {
    /// `qd766-portal` (default), `qd766-2022`, or the JSON text of a methodology.
    pub methodology: Option<String>,
    /// The own province or unit: highlighted, compared across periods, the what-if's subject.
    pub focus: Option<String>,
    /// A target total for the what-if (a number, or the text the user typed: «85», «85,5»).
    #[serde(default, deserialize_with = "crate::table::cells::typed::number")]
    pub target: Option<f64>,
    /// Options for dossier CSV files given to `add_file` (period…).
    pub dossier: Option<crate::dossier::Options>,
}

/// Collects inputs; `finish()` scores them. See the module docs.
pub struct IndexBuilder {
    opts: IndexOptions,
    methodology: Methodology,
    store: Store,
    catalog: Catalog,
    ranking: Vec<RowIn>,
    manual_files: Vec<(String, ManualEntry)>,
    manual_set: Vec<ManualEntry>,
    files: Vec<FileOut>,
    problems: Vec<IndexProblem>,
    warnings: Vec<String>,
    analyzer: Option<Analyzer>,
    dossier_files: Vec<usize>,
    procedures: Vec<ProcedureFigures>,
    mapped: BTreeSet<String>,
    dossier_period: Option<String>,
    reports: u32,
    portal_periods: Vec<(String, Option<String>)>,
}

const MANUAL_FIELDS: [(&str, &[&str]); 7] = [
    (
        "unit",
        &["don vi", "ten don vi", "co quan", "unit", "entity"],
    ),
    (
        "indicator",
        &[
            "chi tieu",
            "ma chi tieu",
            "chi so",
            "ma chi so",
            "tieu chi",
            "indicator",
        ],
    ),
    ("term", &["thanh phan", "term"]),
    ("numerator", &["tu so", "numerator"]),
    ("denominator", &["mau so", "denominator"]),
    ("points", &["diem", "so diem", "points"]),
    ("note", &["ghi chu", "note"]),
];

/// Rows searched for a header.
const HEADER_ROWS: usize = 30;

enum CsvKind {
    Dossier,
    Catalog(usize, Vec<(&'static str, usize)>),
    Ranking(usize, Vec<(&'static str, usize)>, Vec<(String, usize)>),
    Manual(usize, Vec<(&'static str, usize)>),
}

impl IndexBuilder {
    pub fn new(opts: IndexOptions) -> Result<IndexBuilder, String> {
        let methodology = Methodology::load(opts.methodology.as_deref().unwrap_or("qd766-portal"))?;
        if let Some(d) = &opts.dossier {
            Analyzer::new(d.clone())?;
        }
        if let Some(t) = opts.target {
            if !(0.0..=methodology.total).contains(&t) {
                return Err(format!(
                    "Mục tiêu {} điểm không hợp lệ (từ 0 đến {})",
                    crate::basics::format::dec_trim(t, 2),
                    crate::basics::format::dec_trim(methodology.total, 2)
                ));
            }
        }
        Ok(IndexBuilder {
            opts,
            methodology,
            store: Store::default(),
            catalog: Catalog::default(),
            ranking: Vec::new(),
            manual_files: Vec::new(),
            manual_set: Vec::new(),
            files: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            analyzer: None,
            dossier_files: Vec::new(),
            procedures: Vec::new(),
            mapped: BTreeSet::new(),
            dossier_period: None,
            reports: 0,
            portal_periods: Vec::new(),
        })
    }

    pub fn methodology(&self) -> &Methodology {
        &self.methodology
    }

    fn file_out(&mut self, name: &str, kind: &str, label: &str) -> usize {
        self.files.push(FileOut {
            name: name.to_string(),
            kind: kind.to_string(),
            label: label.to_string(),
            period: None,
            records: 0,
            error: None,
        });
        self.files.len() - 1
    }

    fn fail(&mut self, i: usize, code: &str, msg: String) {
        self.problems.push(IndexProblem::file(
            &self.files[i].name.clone(),
            code,
            msg.clone(),
        ));
        self.files[i].error = Some(msg);
    }

    /// Adds one file of any kind; the kind is read from its content. Returns the kind
    /// (`dossier`, `catalog`, `portal_tree`…). Problems go to the report, never a panic.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> String {
        let head = bytes.iter().take(4096).copied().collect::<Vec<u8>>();
        let (head_text, _) = table::decode_text(&head);
        let first = head_text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next();
        if matches!(first, Some('{') | Some('[')) {
            self.add_json(name, bytes)
        } else if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            let i = self.file_out(name, "unknown", "Tệp rỗng");
            self.fail(i, "empty", "Tệp rỗng".into());
            "unknown".into()
        } else {
            self.add_csv(name, bytes)
        }
    }

    fn add_json(&mut self, name: &str, bytes: &[u8]) -> String {
        let (text, _) = table::decode_text(bytes);
        let text = text.trim_start_matches('\u{feff}');
        let v: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let i = self.file_out(name, "unknown", "Tệp JSON");
                self.fail(i, "bad_json", format!("Tệp JSON không đọc được: {e}"));
                return "unknown".into();
            }
        };
        let is_obj_with = |keys: &[&str]| {
            v.as_object()
                .is_some_and(|o| keys.iter().all(|k| o.contains_key(*k)))
        };
        if is_obj_with(&["groups", "indicators"]) {
            let i = self.file_out(name, "methodology", "Phương pháp tính (tệp của người dùng)");
            match Methodology::from_json(text) {
                Ok(m) => {
                    self.warnings.push(format!(
                        "Dùng phương pháp tính «{}» từ tệp {name} thay cho «{}»",
                        m.id, self.methodology.id
                    ));
                    self.files[i].records = m.indicators.len() as u64;
                    self.methodology = m;
                }
                Err(e) => self.fail(i, "bad_methodology", e),
            }
            return "methodology".into();
        }
        if is_obj_with(&["levels", "total", "units"]) {
            let i = self.file_out(name, "report", "Báo cáo hồ sơ (JSON của tthc report)");
            match serde_json::from_value::<Report>(v) {
                Ok(r) => {
                    self.files[i].records = r.rows.counted;
                    self.files[i].period = Some(r.period.label.clone());
                    self.add_report_named(&r, name);
                }
                Err(e) => self.fail(i, "bad_report", format!("Báo cáo hồ sơ không hợp lệ: {e}")),
            }
            return "report".into();
        }
        let manual_like = match &v {
            Value::Array(a) => !a.is_empty() && a.iter().all(|x| x.get("indicator").is_some()),
            Value::Object(o) => o.contains_key("manual"),
            _ => false,
        };
        if manual_like {
            let i = self.file_out(name, "manual", "Số liệu nhập tay");
            match inputs::manual_from_json(&v) {
                Ok(es) => {
                    self.files[i].records = es.len() as u64;
                    self.manual_files
                        .extend(es.into_iter().map(|e| (name.to_string(), e)));
                }
                Err(e) => self.fail(i, "bad_manual", e),
            }
            return "manual".into();
        }
        if let Some(p) = portal::check_envelope(&v, name) {
            let i = self.file_out(name, "portal_error", "Cổng DVCQG: phản hồi lỗi");
            self.files[i].error = Some(p.message.clone());
            self.problems.push(p);
            return "portal_error".into();
        }
        let Some(shape) = portal::detect(&v) else {
            let i = self.file_out(name, "unknown", "Tệp JSON");
            self.fail(i, "unknown_json", "Không nhận ra loại tệp JSON (cần dữ liệu đánh giá của Cổng DVCQG, bảng xếp hạng service-results, báo cáo hồ sơ, số liệu nhập tay hoặc phương pháp tính)".into());
            return "unknown".into();
        };
        let i = self.file_out(name, shape.kind(), shape.label());
        let period = portal::period_of(&v, name);
        self.files[i].period = period.map(|p| p.label());
        self.files[i].records = match shape {
            portal::Shape::Ranking => {
                if period.is_none() {
                    self.warnings.push(format!("{name}: không rõ kỳ của bảng xếp hạng (đặt tên tệp có kỳ, ví dụ service-results-2024-01.json)"));
                }
                portal::load_ranking(&v, name, period, &mut self.ranking, &mut self.problems)
            }
            _ => {
                self.portal_periods
                    .push((name.to_string(), period.map(|p| p.label())));
                portal::load(
                    &v,
                    shape,
                    name,
                    &mut self.store,
                    &mut self.problems,
                    &mut self.warnings,
                )
            }
        };
        if self.files[i].records == 0 {
            self.fail(i, "empty", "Tệp không có bản ghi nào dùng được".into());
        }
        shape.kind().into()
    }

    fn group_names(&self) -> Vec<(String, String)> {
        let mut g: Vec<(String, String)> = self
            .methodology
            .groups
            .iter()
            .map(|g| (g.code.clone(), g.name.clone()))
            .collect();
        for code in ["CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH"] {
            if !g.iter().any(|(c, _)| c == code) {
                g.push((code.to_string(), String::new()));
            }
        }
        g
    }

    fn classify_csv(&self, t: &table::Table) -> CsvKind {
        let groups = self.group_names();
        for (i, row) in t.rows.iter().enumerate().take(HEADER_ROWS) {
            if is_blank(row) {
                continue;
            }
            if dossier_header::is_header(&dossier_header::recognise(row)) {
                return CsvKind::Dossier;
            }
            if let Some(map) = catalog::header(row) {
                return CsvKind::Catalog(i, map);
            }
            let m = match_columns(row, &MANUAL_FIELDS, &[]);
            if col(&m, "indicator").is_some()
                && (col(&m, "numerator").is_some() || col(&m, "points").is_some())
            {
                return CsvKind::Manual(i, m);
            }
            if let Some((map, g)) = ranking::header(row, &groups) {
                return CsvKind::Ranking(i, map, g);
            }
        }
        CsvKind::Dossier
    }

    fn add_csv(&mut self, name: &str, bytes: &[u8]) -> String {
        let t = read_table(bytes);
        match self.classify_csv(&t) {
            CsvKind::Dossier => {
                let i = self.file_out(name, "dossier", "Danh sách hồ sơ TTHC");
                if self.analyzer.is_none() {
                    match Analyzer::new(self.opts.dossier.clone().unwrap_or_default()) {
                        Ok(a) => self.analyzer = Some(a),
                        Err(e) => {
                            self.fail(i, "bad_options", e);
                            return "dossier".into();
                        }
                    }
                }
                let a = self.analyzer.as_mut().expect("created above");
                a.begin_file(name);
                a.push(bytes);
                a.end_file();
                self.dossier_files.push(i);
                "dossier".into()
            }
            CsvKind::Catalog(h, map) => {
                let i = self.file_out(name, "catalog", "Danh mục thủ tục hành chính");
                let n = self.catalog.load(name, &t, h, &map, &mut self.problems);
                self.files[i].records = n;
                if n == 0 {
                    self.fail(i, "empty", "Danh mục không có thủ tục nào".into());
                }
                "catalog".into()
            }
            CsvKind::Ranking(h, map, g) => {
                let i = self.file_out(
                    name,
                    "ranking_table",
                    "Bảng xếp hạng (nhập từ bảng của Cổng)",
                );
                let title = t.rows[..h]
                    .iter()
                    .map(|r| r.join(" "))
                    .collect::<Vec<_>>()
                    .join(" ");
                let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
                let default_period = Period::parse(&title).or_else(|| Period::parse(stem));
                let has_col = col(&map, "period").is_some();
                if !has_col {
                    self.files[i].period = default_period.map(|p| p.label());
                    if default_period.is_none() {
                        self.warnings.push(format!("{name}: bảng xếp hạng không có cột kỳ và không rõ kỳ (ghi kỳ ở dòng tiêu đề hoặc tên tệp)"));
                    }
                }
                let n = ranking::load_csv(
                    name,
                    &t,
                    h,
                    &map,
                    &g,
                    default_period,
                    &mut self.ranking,
                    &mut self.problems,
                );
                self.files[i].records = n;
                if n == 0 {
                    self.fail(
                        i,
                        "empty",
                        "Bảng xếp hạng không có dòng nào dùng được".into(),
                    );
                }
                "ranking_table".into()
            }
            CsvKind::Manual(h, map) => {
                let i = self.file_out(name, "manual", "Số liệu nhập tay");
                let mut n = 0;
                for (r, row) in t.rows.iter().enumerate().skip(h + 1) {
                    if is_blank(row) {
                        continue;
                    }
                    let get = |k: &str| table::cell(row, col(&map, k)).to_string();
                    let rn = Some(r as u64 + 1);
                    let mut num = |k: &str| -> Result<Option<f64>, ()> {
                        let v = get(k);
                        parse_number(&v).map_err(|_| {
                            self.problems.push(IndexProblem::at(
                                name,
                                rn,
                                k,
                                &v,
                                "bad_number",
                                format!("«{v}» không phải là số; bỏ qua dòng"),
                            ));
                        })
                    };
                    let (Ok(numerator), Ok(denominator), Ok(points)) =
                        (num("numerator"), num("denominator"), num("points"))
                    else {
                        continue;
                    };
                    let e = ManualEntry {
                        unit: Some(get("unit")).filter(|s| !s.is_empty()),
                        indicator: get("indicator"),
                        term: Some(get("term")).filter(|s| !s.is_empty()),
                        numerator,
                        denominator,
                        points,
                        note: Some(get("note")).filter(|s| !s.is_empty()),
                    };
                    if e.indicator.is_empty() {
                        continue;
                    }
                    self.manual_files.push((name.to_string(), e));
                    n += 1;
                }
                self.files[i].records = n;
                "manual".into()
            }
        }
    }

    /// Adds a dossier Report (from the Analyzer, or deserialised from the page).
    pub fn add_report(&mut self, r: &Report) {
        let i = self.file_out("báo cáo hồ sơ", "report", "Báo cáo hồ sơ");
        self.files[i].records = r.rows.counted;
        self.files[i].period = Some(r.period.label.clone());
        self.add_report_named(r, "báo cáo hồ sơ");
    }

    fn add_report_named(&mut self, r: &Report, source: &str) {
        self.reports += 1;
        if self.reports > 1 {
            self.warnings.push(format!(
                "Có hơn một báo cáo hồ sơ; số liệu trùng đơn vị lấy theo báo cáo đầu ({source} chỉ bổ sung đơn vị mới)"
            ));
        }
        if self.dossier_period.is_none() {
            self.dossier_period = Some(r.period.label.clone());
        }
        let w = inputs::add_report(
            &mut self.store,
            r,
            source,
            &mut self.procedures,
            &mut self.mapped,
        );
        self.warnings.extend(w);
    }

    /// Sets the manual entries of the page (replacing earlier ones set this way; entries from
    /// files are kept). Entries set here take precedence.
    pub fn set_manual(&mut self, entries: Vec<ManualEntry>) {
        self.manual_set = entries;
    }

    /// Scores everything and builds the report.
    pub fn finish(mut self) -> IndexReport {
        if let Some(a) = self.analyzer.take() {
            let r = a.finish_report();
            for (k, &fi) in self.dossier_files.iter().enumerate() {
                if let Some(info) = r.files.get(k) {
                    self.files[fi].records = info.rows.counted;
                    self.files[fi].period = Some(r.period.label.clone());
                    if let Some(e) = &info.error {
                        self.files[fi].error = Some(e.clone());
                        self.problems.push(IndexProblem::file(
                            &info.name,
                            "dossier_file",
                            e.clone(),
                        ));
                    }
                }
            }
            for p in r.problems.iter().take(50) {
                self.problems.push(IndexProblem {
                    file: p.file.clone(),
                    row: Some(p.row),
                    field: Some(p.column.clone()),
                    value: Some(p.value.clone()),
                    code: p.code.to_string(),
                    message: p.reason.clone(),
                });
            }
            if r.problems_total > 50 {
                self.warnings.push(format!(
                    "Danh sách hồ sơ có {} dòng lỗi; xem chi tiết bằng «tthc report»",
                    crate::basics::format::int(r.problems_total)
                ));
            }
            self.add_report_named(&r, "danh sách hồ sơ");
        }
        let m = self.methodology.clone();
        self.catalog_items();
        let focus = self.opts.focus.clone().filter(|f| !f.trim().is_empty());

        // manual entries, checked against the methodology
        let mut by_entity: HashMap<Option<String>, Vec<ManualEntry>> = HashMap::new();
        let entries: Vec<(String, ManualEntry)> = self
            .manual_files
            .iter()
            .cloned()
            .chain(
                self.manual_set
                    .iter()
                    .cloned()
                    .map(|e| ("nhập tay".to_string(), e)),
            )
            .collect();
        for (file, e) in entries {
            let what = format!("chỉ tiêu «{}»", e.indicator);
            let Some(ind) = m.find_indicator(&e.indicator) else {
                self.problems.push(IndexProblem::at(
                    &file,
                    None,
                    "indicator",
                    &e.indicator,
                    "unknown_indicator",
                    format!("Không có {what} trong phương pháp {}", m.id),
                ));
                continue;
            };
            if let Err(msg) = inputs::check_manual(&e) {
                self.problems.push(IndexProblem::at(
                    &file,
                    None,
                    "indicator",
                    &e.indicator,
                    "bad_manual",
                    format!("{what}: {msg}"),
                ));
                continue;
            }
            match (&ind.rule, &e.term) {
                (methodology::Rule::Composite { terms }, Some(t))
                    if !terms.iter().any(|x| x.key.eq_ignore_ascii_case(t.trim())) =>
                {
                    self.problems.push(IndexProblem::at(
                        &file,
                        None,
                        "term",
                        t,
                        "unknown_term",
                        format!("{what} không có thành phần «{t}»"),
                    ));
                    continue;
                }
                (methodology::Rule::Composite { .. }, None) if e.points.is_none() => {
                    self.problems.push(IndexProblem::at(&file, None, "indicator", &e.indicator, "bad_manual", format!("{what} tính theo nhiều thành phần: nhập điểm, hoặc tử số/mẫu số cho từng thành phần («term»)")));
                    continue;
                }
                (r, Some(t)) if !matches!(r, methodology::Rule::Composite { .. }) => {
                    self.problems.push(IndexProblem::at(
                        &file,
                        None,
                        "term",
                        t,
                        "unknown_term",
                        format!("{what} không có thành phần"),
                    ));
                    continue;
                }
                _ => {}
            }
            if let Some(p) = e.points {
                if p > ind.max + 1e-9 {
                    self.problems.push(IndexProblem::at(
                        &file,
                        None,
                        "points",
                        &p.to_string(),
                        "bad_manual",
                        format!(
                            "{what}: {} điểm vượt điểm tối đa {}",
                            crate::basics::format::dec_trim(p, 2),
                            crate::basics::format::dec_trim(ind.max, 2)
                        ),
                    ));
                    continue;
                }
            }
            let key = e
                .unit
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(|u| {
                    let _ = self.store.unit_mut(u);
                    unit_key(u)
                });
            by_entity.entry(key).or_default().push(e);
        }
        let no_manual: Vec<ManualEntry> = Vec::new();
        let manual_for = |k: Option<String>| by_entity.get(&k).unwrap_or(&no_manual);

        // the province
        let focus_unit = focus
            .as_deref()
            .and_then(|f| self.store.find_unit(f).map(|u| unit_key(&u.name)));
        let province_manual = manual_for(None);
        let province = if self.store.province.as_ref().is_some_and(Entity::has_data)
            || !province_manual.is_empty()
        {
            let mut p = self
                .store
                .province
                .take()
                .unwrap_or_else(|| Entity::new("", inputs::EntityKind::Province));
            if p.name.is_empty() {
                p.name = match (&focus, &focus_unit) {
                    (Some(f), None) => f.trim().to_string(),
                    _ => "Toàn tỉnh".into(),
                };
            }
            let s = score_entity(&m, &p, province_manual);
            self.store.province = Some(p);
            Some(s)
        } else {
            None
        };
        let levels: Vec<EntityScore> = self
            .store
            .levels
            .iter()
            .map(|l| score_entity(&m, l, &no_manual))
            .collect();
        let mut units: Vec<(usize, EntityScore)> = self
            .store
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (i, score_entity(&m, u, manual_for(Some(unit_key(&u.name))))))
            .collect();
        let totals: Vec<Option<f64>> = units.iter().map(|(_, u)| u.total).collect();
        let ranks = competition_rank(&totals);
        let of = totals.iter().filter(|t| t.is_some()).count() as u32;
        for ((_, u), r) in units.iter_mut().zip(ranks) {
            u.rank = r;
            u.of = r.map(|_| of);
            u.focus = focus_unit
                .as_deref()
                .is_some_and(|f| unit_key(&u.name) == f);
        }
        units.sort_by(|a, b| {
            a.1.rank
                .unwrap_or(u32::MAX)
                .cmp(&b.1.rank.unwrap_or(u32::MAX))
                .then_with(|| a.1.name.cmp(&b.1.name))
        });
        if units.iter().any(|(_, u)| u.total.is_some() && !u.complete) {
            self.warnings.push("Một số đơn vị chưa đủ dữ liệu mọi chỉ tiêu: tổng điểm là tạm tính và thứ hạng chỉ so sánh được giữa các đơn vị có cùng loại dữ liệu".into());
        }

        // ranking tables and the comparison
        let group_order: Vec<String> = m.groups.iter().map(|g| g.code.clone()).collect();
        let rank_focus = focus
            .clone()
            .or_else(|| province.as_ref().map(|p| p.name.clone()));
        let (ranking, periods, w) =
            ranking::rank(&self.ranking, rank_focus.as_deref(), &group_order);
        self.warnings.extend(w);
        let comparison = rank_focus
            .as_deref()
            .and_then(|f| ranking::compare(&ranking, f));
        if let (Some(f), false) = (&focus, ranking.is_empty()) {
            if comparison.is_none()
                && focus_unit.is_none()
                && !ranking
                    .iter()
                    .any(|r| province_key(&r.name) == province_key(f))
            {
                self.warnings
                    .push(format!("«{f}» không có trong bảng xếp hạng"));
            }
        }

        // losses and the what-if: the focus unit, else the province
        let subject: Option<(&EntityScore, bool)> = units
            .iter()
            .find(|(_, u)| u.focus)
            .map(|(_, u)| (u, false))
            .or(province.as_ref().map(|p| (p, true)));
        let losses = subject.map(|(s, _)| s.lost.clone()).unwrap_or_default();
        let what_if = subject.map(|(s, is_prov)| {
            let pairs: Vec<(&Entity, &EntityScore)> = units
                .iter()
                .map(|(i, u)| (&self.store.units[*i], u))
                .collect();
            whatif::what_if(&m, s, is_prov, self.opts.target, &pairs)
        });

        self.collect_warnings(province.as_ref(), units.iter().map(|(_, u)| u));
        let catalog = (!self.catalog.entries.is_empty()).then(|| self.catalog.summary());
        let narrative = narrative(
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
            problems: self.problems,
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

    /// The catalogue's counts as province items, and its join with the dossiers' procedures.
    fn catalog_items(&mut self) {
        if self.catalog.entries.is_empty() {
            return;
        }
        let s = self.catalog.summary();
        let mut conflicts = std::mem::take(&mut self.store.conflicts);
        let src = "danh mục TTHC";
        {
            let p = self.store.province_mut();
            Store::set(
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
                    Store::set(&mut conflicts, p, k, v as f64, src);
                }
            }
        }
        if !self.procedures.is_empty() {
            let by_code: HashMap<String, &catalog::Entry> = self
                .catalog
                .entries
                .iter()
                .map(|e| (crate::basics::text::fold(&e.code), e))
                .collect();
            let (mut matched, mut full_rec, mut full_onl, mut fee_res, mut fee_paid) =
                (0u64, 0u64, 0u64, 0u64, 0u64);
            for pf in &self.procedures {
                let Some(e) = by_code.get(&crate::basics::text::fold(&pf.code)) else {
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
            let join = "danh sách hồ sơ × danh mục TTHC";
            if matched == 0 {
                self.warnings.push("Không mã TTHC nào của danh sách hồ sơ có trong danh mục; không ghép được hồ sơ với mức độ DVCTT và phí, lệ phí".into());
            } else {
                let p = self.store.province_mut();
                if self.catalog.has_online && self.mapped.contains("channel") {
                    Store::set(
                        &mut conflicts,
                        p,
                        "dossier.full_online_received",
                        full_rec as f64,
                        join,
                    );
                    Store::set(
                        &mut conflicts,
                        p,
                        "dossier.full_online_received_online",
                        full_onl as f64,
                        join,
                    );
                }
                if self.catalog.has_fees && self.mapped.contains("paid_online") {
                    Store::set(
                        &mut conflicts,
                        p,
                        "dossier.fee_resolved",
                        fee_res as f64,
                        join,
                    );
                    Store::set(
                        &mut conflicts,
                        p,
                        "dossier.fee_paid_online",
                        fee_paid as f64,
                        join,
                    );
                }
            }
        }
        self.store.conflicts = conflicts;
    }

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

fn narrative(
    province: Option<&EntityScore>,
    catalog: Option<&catalog::CatalogSummary>,
    comparison: Option<&ranking::Comparison>,
    losses: &[score::Loss],
) -> String {
    let mut s = Vec::new();
    if let Some(c) = comparison {
        s.push(format!("{}: {}.", c.name, c.text));
    }
    if let Some(p) = province {
        if let Some(t) = p.total {
            s.push(format!(
                "Điểm {} tính lại từ dữ liệu: {}/{} điểm{}.",
                if p.name == "Toàn tỉnh" {
                    "toàn tỉnh".to_string()
                } else {
                    p.name.clone()
                },
                crate::basics::format::dec(t, 2),
                crate::basics::format::dec_trim(p.max, 2),
                if p.complete {
                    String::new()
                } else {
                    format!(" (tạm tính, {} chỉ tiêu chưa có dữ liệu)", p.missing)
                }
            ));
        }
    }
    if let Some(c) = catalog {
        s.push(c.text.clone());
    }
    let top: Vec<String> = losses
        .iter()
        .filter(|l| l.lost > 0.0)
        .take(3)
        .map(|l| {
            format!(
                "{} {} (mất {} điểm)",
                l.id,
                l.name,
                crate::basics::format::dec(l.lost, 2)
            )
        })
        .collect();
    if !top.is_empty() {
        s.push(format!("Mất điểm nhiều nhất: {}.", top.join("; ")));
    }
    s.join(" ")
}

/// Convenience: a whole set of files at once.
pub fn build(opts: IndexOptions, files: &[(&str, &[u8])]) -> Result<IndexReport, String> {
    let mut b = IndexBuilder::new(opts)?;
    for (name, bytes) in files {
        b.add_file(name, bytes);
    }
    Ok(b.finish())
}
