//! [`IndexBuilder`]: collects inputs of any kind — files (the kind read from their content:
//! JSON shape or CSV header), dossier summaries, manual entries — into the input store; nothing
//! is scored before `finish` (`finish.rs`). CSV files are recognised and read in `tables.rs`.

use super::catalog::Catalog;
use super::inputs::InputStore;
use super::manual::{self, ManualEntry};
use super::output::{FileKind, FileOut};
use super::problem::Problems;
use super::ranking::RowIn;
use super::{dossiers, portal, IndexOptions, IndexProblem, Methodology};
use crate::basics::format::{dec_trim, int};
use crate::basics::limits::MAX_INDEX_FILE_BYTES;
use crate::basics::problem::Code;
use crate::dossier::report::Report;
use crate::dossier::summary::DossierSummary;
use crate::dossier::Analyzer;
use crate::table::sheet::decode_text;
use serde_json::Value;
use std::collections::BTreeSet;

/// The error of an index input file over [`MAX_INDEX_FILE_BYTES`], in Vietnamese.
pub fn too_large(name: &str, size: u64) -> String {
    format!(
        "Tệp {name} ({} byte) lớn hơn {} MiB, giới hạn của tệp đầu vào Chỉ số 766",
        int(size),
        MAX_INDEX_FILE_BYTES >> 20
    )
}

/// Collects inputs; `finish()` scores them. See the module docs of [`crate::index`].
pub struct IndexBuilder {
    pub(super) opts: IndexOptions,
    pub(super) methodology: Methodology,
    pub(super) store: InputStore,
    pub(super) catalog: Catalog,
    pub(super) ranking: Vec<RowIn>,
    /// Manual entries from files, with the file's name.
    pub(super) manual_files: Vec<(String, ManualEntry)>,
    /// Manual entries set by the page (they win over the files').
    pub(super) manual_set: Vec<ManualEntry>,
    pub(super) files: Vec<FileOut>,
    pub(super) problems: Problems,
    pub(super) warnings: Vec<String>,
    /// The Analyzer reading dossier CSV files, created with the first one.
    pub(super) analyzer: Option<Analyzer>,
    /// The `files` index of each dossier CSV file, in the Analyzer's order.
    pub(super) dossier_files: Vec<usize>,
    pub(super) procedures: Vec<dossiers::ProcedureFigures>,
    /// The dossier columns some summary mapped (`due`, `channel`…).
    pub(super) mapped: BTreeSet<String>,
    pub(super) dossier_period: Option<String>,
    pub(super) summaries: u32,
    /// (file, period label) of each portal evaluation file.
    pub(super) portal_periods: Vec<(String, Option<String>)>,
}

impl IndexBuilder {
    pub fn new(opts: IndexOptions) -> Result<IndexBuilder, String> {
        let methodology = Methodology::load(opts.methodology.as_deref().unwrap_or("qd766-portal"))?;
        if let Some(d) = &opts.dossier {
            Analyzer::new(d.clone())?;
        }
        if let Some(t) = opts
            .target
            .filter(|t| !(0.0..=methodology.total).contains(t))
        {
            return Err(format!(
                "Mục tiêu {} điểm không hợp lệ (từ 0 đến {})",
                dec_trim(t, 2),
                dec_trim(methodology.total, 2)
            ));
        }
        Ok(IndexBuilder {
            opts,
            methodology,
            store: InputStore::default(),
            catalog: Catalog::default(),
            ranking: Vec::new(),
            manual_files: Vec::new(),
            manual_set: Vec::new(),
            files: Vec::new(),
            problems: Problems::default(),
            warnings: Vec::new(),
            analyzer: None,
            dossier_files: Vec::new(),
            procedures: Vec::new(),
            mapped: BTreeSet::new(),
            dossier_period: None,
            summaries: 0,
            portal_periods: Vec::new(),
        })
    }

    pub fn methodology(&self) -> &Methodology {
        &self.methodology
    }

    /// Lists a file in the report; returns its index in `files`.
    pub(super) fn file_out(&mut self, name: &str, kind: FileKind, label: &str) -> usize {
        self.files.push(FileOut {
            name: name.to_string(),
            kind,
            label: label.to_string(),
            period: None,
            records: 0,
            error: None,
        });
        self.files.len() - 1
    }

    /// A file-level problem: in the problems and as the file's error.
    pub(super) fn fail(&mut self, i: usize, code: Code, msg: String) {
        let p = IndexProblem::file(&self.files[i].name, code, msg.clone());
        self.problems.push(p);
        self.files[i].error = Some(msg);
    }

    /// Adds one file of any kind; the kind is read from its content. Returns the kind's string
    /// (`dossier`, `catalog`, `portal_tree`…), as the page's binding passes it on. Problems go
    /// to the report, never a panic.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> String {
        self.add(name, bytes).as_str().into()
    }

    /// Whether a file of `size` bytes may be read: a file over [`MAX_INDEX_FILE_BYTES`] is
    /// listed in the report with its error (naming the file and the limit) and must not be read.
    /// `add_file` asks it first; the page asks it with `File.size` before reading the file.
    pub fn admit(&mut self, name: &str, size: u64) -> bool {
        if size <= MAX_INDEX_FILE_BYTES as u64 {
            return true;
        }
        let i = self.file_out(name, FileKind::Unknown, "Tệp quá lớn");
        self.fail(i, Code::TooLarge, too_large(name, size));
        false
    }

    /// [`IndexBuilder::add_file`], returning the kind.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> FileKind {
        if !self.admit(name, bytes.len() as u64) {
            return FileKind::Unknown;
        }
        let head = &bytes[..bytes.len().min(4096)];
        let (head_text, _) = decode_text(head);
        let first = head_text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next();
        if matches!(first, Some('{') | Some('[')) {
            self.add_json(name, bytes)
        } else if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            let i = self.file_out(name, FileKind::Unknown, "Tệp rỗng");
            self.fail(i, Code::Empty, "Tệp rỗng".into());
            FileKind::Unknown
        } else {
            self.add_csv(name, bytes)
        }
    }

    /// A JSON file: a methodology, a dossier Report, manual entries, or a portal file.
    fn add_json(&mut self, name: &str, bytes: &[u8]) -> FileKind {
        let (text, _) = decode_text(bytes);
        let text = text.trim_start_matches('\u{feff}');
        let v: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let i = self.file_out(name, FileKind::Unknown, "Tệp JSON");
                self.fail(i, Code::BadJson, format!("Tệp JSON không đọc được: {e}"));
                return FileKind::Unknown;
            }
        };
        let has = |keys: &[&str]| {
            v.as_object()
                .is_some_and(|o| keys.iter().all(|k| o.contains_key(*k)))
        };
        if has(&["groups", "indicators"]) {
            self.json_methodology(name, text)
        } else if has(&["levels", "total", "units"]) {
            self.json_report(name, v)
        } else if manual::looks_like(&v) {
            self.json_manual(name, &v)
        } else {
            self.json_portal(name, &v)
        }
    }

    /// A user's methodology file: replaces the one in use.
    fn json_methodology(&mut self, name: &str, text: &str) -> FileKind {
        let label = "Phương pháp tính (tệp của người dùng)";
        let i = self.file_out(name, FileKind::Methodology, label);
        match Methodology::from_json(text) {
            Ok(m) => {
                self.warnings.push(format!(
                    "Dùng phương pháp tính «{}» từ tệp {name} thay cho «{}»",
                    m.id, self.methodology.id
                ));
                self.files[i].records = m.indicators.len() as u64;
                self.methodology = m;
            }
            Err(e) => self.fail(i, Code::BadMethodology, e),
        }
        FileKind::Methodology
    }

    /// A dossier Report's JSON, read as the summary the index needs.
    fn json_report(&mut self, name: &str, v: Value) -> FileKind {
        let label = "Báo cáo hồ sơ (JSON của tthc report)";
        let i = self.file_out(name, FileKind::Report, label);
        match serde_json::from_value::<DossierSummary>(v) {
            Ok(r) => {
                self.files[i].records = r.rows.counted;
                self.files[i].period = Some(r.period.label.clone());
                self.add_summary_from(&r, name);
            }
            Err(e) => self.fail(
                i,
                Code::BadReport,
                format!("Báo cáo hồ sơ không hợp lệ: {e}"),
            ),
        }
        FileKind::Report
    }

    /// Manual entries as JSON.
    fn json_manual(&mut self, name: &str, v: &Value) -> FileKind {
        let i = self.file_out(name, FileKind::Manual, "Số liệu nhập tay");
        match manual::from_json(v) {
            Ok(es) => {
                self.files[i].records = es.len() as u64;
                self.manual_files
                    .extend(es.into_iter().map(|e| (name.to_string(), e)));
            }
            Err(e) => self.fail(i, Code::BadManual, e),
        }
        FileKind::Manual
    }

    /// A file of the national portal: an error envelope, evaluation data or a ranking.
    fn json_portal(&mut self, name: &str, v: &Value) -> FileKind {
        if let Some(p) = portal::check_envelope(v, name) {
            let i = self.file_out(name, FileKind::PortalError, "Cổng DVCQG: phản hồi lỗi");
            self.files[i].error = Some(p.message.clone());
            self.problems.push(p);
            return FileKind::PortalError;
        }
        let Some(shape) = portal::detect(v) else {
            let i = self.file_out(name, FileKind::Unknown, "Tệp JSON");
            self.fail(i, Code::UnknownJson, "Không nhận ra loại tệp JSON (cần dữ liệu đánh giá của Cổng DVCQG, bảng xếp hạng service-results, báo cáo hồ sơ, số liệu nhập tay hoặc phương pháp tính)".into());
            return FileKind::Unknown;
        };
        let i = self.file_out(name, shape.kind(), shape.label());
        let period = portal::period_of(v, name);
        self.files[i].period = period.map(|p| p.label());
        self.files[i].records = if shape == portal::Shape::Ranking {
            if period.is_none() {
                self.warnings.push(format!("{name}: không rõ kỳ của bảng xếp hạng (đặt tên tệp có kỳ, ví dụ service-results-2024-01.json)"));
            }
            portal::load_ranking(v, name, period, &mut self.ranking, &mut self.problems)
        } else {
            self.portal_periods
                .push((name.to_string(), period.map(|p| p.label())));
            let (store, problems, warnings) =
                (&mut self.store, &mut self.problems, &mut self.warnings);
            portal::load(v, shape, name, store, problems, warnings)
        };
        if self.files[i].records == 0 {
            self.fail(i, Code::Empty, "Tệp không có bản ghi nào dùng được".into());
        }
        shape.kind()
    }

    /// Adds what the index needs of a dossier Report (from the Analyzer, or read from the
    /// page's Report object, which deserialises straight into a summary).
    pub fn add_summary(&mut self, r: &DossierSummary) {
        let i = self.file_out("báo cáo hồ sơ", FileKind::Report, "Báo cáo hồ sơ");
        self.files[i].records = r.rows.counted;
        self.files[i].period = Some(r.period.label.clone());
        self.add_summary_from(r, "báo cáo hồ sơ");
    }

    /// Adds a dossier Report: `add_summary(&r.summary())`.
    pub fn add_report(&mut self, r: &Report) {
        self.add_summary(&DossierSummary::of(r));
    }

    /// Loads a summary's items; `source` names it in warnings and item sources.
    pub(super) fn add_summary_from(&mut self, r: &DossierSummary, source: &str) {
        self.summaries += 1;
        if self.summaries > 1 {
            self.warnings.push(format!(
                "Có hơn một báo cáo hồ sơ; số liệu trùng đơn vị lấy theo báo cáo đầu ({source} chỉ bổ sung đơn vị mới)"
            ));
        }
        if self.dossier_period.is_none() {
            self.dossier_period = Some(r.period.label.clone());
        }
        let w = dossiers::add_summary(
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
}
