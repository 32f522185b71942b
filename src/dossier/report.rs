//! The one contract: what the core returns, the CLI prints with `--json`, the page renders and
//! its «Xuất JSON» button downloads. Field names are stable; add, don't rename.

use crate::basics::limits::MAX_PROBLEM_TEXT;
use crate::basics::problem::Code;
use crate::dossier::aggregate::Figures;
use crate::dossier::compare::PeriodComparison;
use crate::dossier::convention::Convention;
use crate::dossier::form::Variant;
use crate::dossier::model::Level;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const REPORT_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct Report {
    pub version: u32,
    pub period: PeriodOut,
    /// Two-tier local government (tỉnh, xã), for data after 1/7/2025.
    pub two_tier: bool,
    /// The counting convention the figures follow (`mac-dinh`, `bieu-06`).
    #[serde(default)]
    pub convention: ConventionOut,
    /// The calendar of working days used for `working_days_late` and the processing time in
    /// working days.
    #[serde(default)]
    pub calendar: CalendarOut,
    pub files: Vec<FileInfo>,
    pub rows: RowCounts,
    /// The first problems found (at most `max_problems`); `problems_total` keeps the full count.
    pub problems: Vec<Problem>,
    pub problems_total: u64,
    pub problems_by_reason: Vec<ReasonCount>,
    pub levels: Vec<LevelFigures>,
    pub total: Figures,
    /// Sorted by resolved, descending.
    pub units: Vec<Breakdown>,
    pub fields: Vec<Breakdown>,
    /// Fields within each level (`level` set): the rows of form 06 («Biểu 06»), levels in the
    /// order of `levels`, each sorted like `fields`.
    #[serde(default)]
    pub field_levels: Vec<Breakdown>,
    /// The aggregated forms read (form 06 / II.06a) and whether their figures were added into
    /// the levels, units and fields (not into procedures, months or the late list, which need
    /// dossiers); absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<FormSource>>")]
    pub forms: Vec<FormSource>,
    pub procedures: Vec<Breakdown>,
    /// Each month of the period: resolved-side figures by month of end of processing, received
    /// by month of receipt.
    pub months: Vec<MonthFigures>,
    /// Dossiers resolved late in the period and dossiers overdue at its end, most days late first:
    /// the first `basics::limits::MAX_LATE_LISTED` (10.000) of them.
    pub late: Vec<LateDossier>,
    /// How many dossiers are late, listed or not (`late` is cut past 10.000: the page and the CLI
    /// say «hiển thị 10.000 trên 12.345 hồ sơ trễ hạn»). Reports written before it read as 0.
    #[serde(default)]
    pub late_total: u64,
    /// Report text in the style of a provincial report, ready to paste.
    pub narrative: String,
    /// The figures beside those of an earlier period, when a comparison was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comparison: Option<PeriodComparison>,
    /// One row per source summary (a province) when the Report was made from summary files
    /// (`dossier::rollup`), sorted like `units`; absent for a load of dossier files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Breakdown>>")]
    pub sources: Vec<Breakdown>,
}

/// The counting convention of a Report, as the user sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConventionOut {
    /// `mac-dinh` or `bieu-06`.
    pub id: String,
    /// «Mặc định», «Biểu 06 / II.06a».
    pub name: String,
    /// Its rules in one Vietnamese paragraph.
    pub description: String,
}

impl ConventionOut {
    pub fn of(c: &Convention) -> ConventionOut {
        ConventionOut {
            id: c.id.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodOut {
    /// ISO `yyyy-mm-dd`, inclusive.
    pub from: String,
    pub to: String,
    /// «năm 2024» or «từ ngày 01/01/2024 đến ngày 31/03/2024».
    pub label: String,
    /// True when the period was chosen from the data (the year with most end dates).
    pub auto: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowCounts {
    /// Every record of every file, title and header rows included.
    pub read: u64,
    pub counted: u64,
    pub rejected: u64,
    pub duplicates: u64,
    /// = ignored_title + ignored_header + ignored_blank + ignored_total.
    pub ignored: u64,
    pub ignored_title: u64,
    pub ignored_header: u64,
    pub ignored_blank: u64,
    pub ignored_total: u64,
}

impl RowCounts {
    pub fn add(&mut self, o: &RowCounts) {
        self.read += o.read;
        self.counted += o.counted;
        self.rejected += o.rejected;
        self.duplicates += o.duplicates;
        self.ignored += o.ignored;
        self.ignored_title += o.ignored_title;
        self.ignored_header += o.ignored_header;
        self.ignored_blank += o.ignored_blank;
        self.ignored_total += o.ignored_total;
    }
    /// read = counted + rejected + duplicates + ignored.
    pub fn balanced(&self) -> bool {
        self.read == self.counted + self.rejected + self.duplicates + self.ignored
            && self.ignored
                == self.ignored_title
                    + self.ignored_header
                    + self.ignored_blank
                    + self.ignored_total
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct FileInfo {
    pub name: String,
    /// What the bytes are, found from their content: csv, xlsx, xls, html, json, jsonl.
    pub format: String,
    pub encoding: String,
    /// The sheet read, for workbooks; absent for the other formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// Every sheet of a workbook that holds a table, in workbook order (for the sheet picker);
    /// absent for the other formats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub sheets: Vec<String>,
    /// The 0-based columns hidden in the workbook (read all the same); absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<u32>>")]
    pub hidden_columns: Vec<u32>,
    /// The sniffed delimiter, as a one-character string (`"\t"` for tab).
    pub delimiter: String,
    pub bytes: u64,
    /// 1-based record number of the header row, when one was found.
    pub header_row: Option<u64>,
    /// The header row's cells as found.
    pub headers: Vec<String>,
    /// One entry per canonical field, mapped or not.
    pub mapping: Vec<MappingEntry>,
    pub rows: RowCounts,
    /// A file-level error (no header row, a required column missing…), in Vietnamese.
    pub error: Option<String>,
    /// Non-fatal notes about the file (encoding doubts, overrides that matched no column).
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct MappingEntry {
    /// Canonical key: id, procedure_code, procedure_name, field_code, field_name, unit, level,
    /// channel, received, due, finished, returned, status, paid_online, digitized, rating.
    pub field: String,
    /// Vietnamese label of the canonical field.
    pub label: String,
    /// 0-based column index and its header text, when mapped.
    pub column: Option<usize>,
    pub header: Option<String>,
    /// Mapped because the user said so, not by recognition.
    pub overridden: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Problem {
    pub file: String,
    /// 1-based record number in the file (the row number a spreadsheet shows).
    pub row: u64,
    /// The header of the offending column as found in the file.
    pub column: String,
    /// Its canonical field key (`received`, `due`…), when the problem is about one field.
    pub field: Option<String>,
    pub value: String,
    /// Stable machine code, e.g. `bad_date`.
    pub code: Code,
    /// Vietnamese explanation.
    pub reason: String,
}

/// Problems as ingest finds them: the first `max` listed (their texts cut at
/// [`MAX_PROBLEM_TEXT`] characters), all counted, in the total and by code.
#[derive(Default)]
pub struct Problems {
    pub list: Vec<Problem>,
    pub total: u64,
    /// Counts by code, in the order of the codes' strings.
    pub by_code: std::collections::BTreeMap<&'static str, (Code, u64)>,
}

impl Problems {
    /// `n` problems of one kind, the first of them at `(file, row, field key)`: listed while
    /// the list holds fewer than `max`, all counted.
    pub fn add(
        &mut self,
        max: usize,
        (file, row, field): (&str, u64, Option<&str>),
        column: &str,
        value: &[u8],
        code: Code,
        n: u64,
    ) {
        self.total += n;
        self.by_code.entry(code.as_str()).or_insert((code, 0)).1 += n;
        if self.list.len() < max {
            self.list.push(Problem {
                file: file.to_string(),
                row,
                column: cut(column),
                field: field.map(str::to_string),
                value: cut(&String::from_utf8_lossy(value)),
                code,
                reason: code.vi().into(),
            });
        }
    }
}

/// Text kept in a listed problem: at most [`MAX_PROBLEM_TEXT`] characters, then «…».
pub fn cut(s: &str) -> String {
    match s.char_indices().nth(MAX_PROBLEM_TEXT) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReasonCount {
    pub code: Code,
    pub reason: String,
    pub count: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct LevelFigures {
    pub level: Level,
    /// «Cấp tỉnh», «Cấp huyện», «Cấp xã».
    pub label: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct Breakdown {
    pub name: String,
    /// For units: their level. For procedures: the level of their first unit is not implied.
    pub level: Option<Level>,
    /// Procedure code (mã TTHC) or field code, where the file has one.
    pub code: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// An aggregated form read as input.
#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct FormSource {
    pub file: String,
    /// `"06"` (by field within the levels) or `"II.06a"` (by unit).
    pub variant: Variant,
    /// Its data rows.
    pub rows: u64,
    /// Whether its figures are in the Report (not when its period is not the Report's).
    pub added: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct MonthFigures {
    /// `yyyy-mm`.
    pub month: String,
    /// The month's total: the sum of its levels.
    #[serde(flatten)]
    pub figures: Figures,
    /// The levels reported (tỉnh, huyện, xã; tỉnh, xã in two-tier mode), as in `Report.levels`.
    pub levels: Vec<LevelFigures>,
}

#[derive(Clone, Debug, Serialize, Deserialize, TS)]
pub struct LateDossier {
    /// `resolved` (resolved late in the period) or `pending` (overdue at period end).
    pub kind: String,
    pub id: String,
    pub unit: String,
    pub level: Level,
    pub procedure: String,
    pub field: String,
    /// ISO dates.
    pub received: Option<String>,
    pub due: Option<String>,
    pub finished: Option<String>,
    /// Calendar days past the due date (at the end of processing, or at period end).
    pub days_late: i32,
    /// Working days after the due date up to that day (weekends and holidays not counted; 0
    /// when every day past the due date was a day off). Whether a dossier is late stays the
    /// date against the due date.
    #[serde(default)]
    pub working_days_late: i32,
}

/// The calendar of working days a Report used.
#[derive(Clone, Debug, Default, Serialize, Deserialize, TS)]
pub struct CalendarOut {
    /// «Lịch nghỉ lễ, Tết của công chức, viên chức 2020–2026», plus the user's file if any.
    pub name: String,
    /// The years with holiday data; in other years only weekends are days off.
    pub years_covered: Vec<i32>,
    /// Years the report's dates reach that the data does not cover, and days used that are not
    /// yet checked against their announcement (Vietnamese sentences).
    pub warnings: Vec<String>,
}
