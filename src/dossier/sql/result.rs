//! An engine's result table (the script's one result set, saved as CSV) back into a summary
//! file ([`Rollup`]): the same levels, months, breakdowns and sources a Report of the same
//! dossiers holds, named as `build` names them («(không rõ đơn vị)»), so that `tthc report`
//! and the page show it as any summary, and summaries of provinces merge with it.
//!
//! What the table cannot tell: the row accounting of the files (the engine sees the dossiers
//! kept, not the rows read): `rows` holds the dossiers the engine read (`read` = `counted`), and
//! no file or problem; `tthc normalize` wrote those (`problems.csv`).

use super::{result_columns, COUNT_COLUMNS, SQL_KIND, SQL_VERSION};
use crate::basics::calendar::Calendar;
use crate::basics::time::{
    civil_from_days, days_from_civil, DayRange, FIRST_YEAR, REFORM_DAY, YEARS,
};
use crate::dossier::aggregate::Counts;
use crate::dossier::build::{level_figures, or_unknown, period_out};
use crate::dossier::convention;
use crate::dossier::model::Level;
use crate::dossier::report::{CalendarOut, ConventionOut, RowCounts};
use crate::dossier::rollup::{Entry, LevelCounts, MonthCounts, Rollup, SourceCounts};
use crate::dossier::rollup::{SUMMARY_KIND, SUMMARY_VERSION};
use crate::table::reader::read_all;
use std::collections::BTreeMap;

/// The settings row's JSON.
#[derive(serde::Deserialize)]
struct ScriptSettings {
    kind: String,
    version: u32,
    convention: String,
    two_tier: Option<bool>,
    auto: bool,
    calendar: String,
}

fn level_of(s: &str) -> Option<Level> {
    Level::ALL.into_iter().find(|l| l.key() == s)
}

/// A count cell: an integer, as an engine writes it (`12`, `12.0`; empty = 0).
fn count(cell: &str) -> Option<u64> {
    let c = cell.trim();
    if c.is_empty() {
        return Some(0);
    }
    c.parse::<u64>()
        .ok()
        .or_else(|| c.strip_suffix(".0").and_then(|x| x.parse().ok()))
}

/// A day-number cell (empty = none): a day of 1900–2100, the dates the core reads.
fn day(cell: &str) -> Result<Option<i32>, ()> {
    let c = cell.trim();
    if c.is_empty() {
        return Ok(None);
    }
    let first = days_from_civil(FIRST_YEAR, 1, 1);
    let last = days_from_civil(FIRST_YEAR + YEARS as i32 - 1, 12, 31);
    c.parse::<i64>()
        .ok()
        .or_else(|| c.strip_suffix(".0").and_then(|x| x.parse().ok()))
        .filter(|&x| x >= i64::from(first) && x <= i64::from(last))
        .map(|x| Some(x as i32))
        .ok_or(())
}

/// What the rows of a result table add up to, before the summary is made of it.
#[derive(Default)]
struct Tables {
    settings: Option<(ScriptSettings, Option<i32>, Option<i32>)>,
    levels: [Counts; 3],
    months: BTreeMap<String, [Counts; 3]>,
    units: Vec<Entry>,
    fields: Vec<Entry>,
    field_levels: Vec<Entry>,
    procedures: Vec<Entry>,
    sources: Vec<SourceCounts>,
    /// The days the working-day counts used.
    span: Option<(i32, i32)>,
    dossiers: u64,
}

/// One row of the table, its cells by column name; `row` its spreadsheet row.
struct Row<'a> {
    row: usize,
    cells: &'a [String],
    at: &'a BTreeMap<&'static str, usize>,
}

impl Row<'_> {
    fn cell(&self, name: &str) -> &str {
        self.cells.get(self.at[name]).map_or("", |s| s.as_str())
    }

    fn bad(&self, name: &str, what: &str) -> String {
        format!(
            "Dòng {}, cột «{name}»: «{}» {what}",
            self.row,
            self.cell(name)
        )
    }

    fn count(&self, name: &str) -> Result<u64, String> {
        count(self.cell(name)).ok_or_else(|| self.bad(name, "không phải số nguyên không âm"))
    }

    fn day(&self, name: &str) -> Result<Option<i32>, String> {
        day(self.cell(name))
            .map_err(|()| self.bad(name, "không phải số ngày của một ngày từ năm 1900 đến 2100"))
    }

    fn level(&self) -> Result<Level, String> {
        level_of(self.cell("level"))
            .ok_or_else(|| self.bad("level", "không phải cấp (province, district, commune)"))
    }

    fn counts(&self) -> Result<Counts, String> {
        let mut values = serde_json::Map::new();
        for name in COUNT_COLUMNS {
            values.insert(name.into(), self.count(name)?.into());
        }
        serde_json::from_value(serde_json::Value::Object(values))
            .map_err(|e| format!("Dòng {}: {e}", self.row))
    }
}

impl Tables {
    /// Adds one row of the table by its kind.
    fn add(&mut self, r: &Row) -> Result<(), String> {
        let c = r.counts()?;
        let entry = |level: Option<Level>, what: &str, code: Option<String>| Entry {
            name: or_unknown(r.cell("name"), what),
            level,
            code,
            counts: c,
        };
        match r.cell("kind") {
            "settings" => {
                let s: ScriptSettings = serde_json::from_str(r.cell("name")).map_err(|e| {
                    format!(
                        "Dòng {}, cột «name»: thông tin của câu lệnh không đọc được ({e})",
                        r.row
                    )
                })?;
                if s.kind != SQL_KIND || s.version != SQL_VERSION {
                    return Err(format!(
                        "Bảng kết quả của «{}» phiên bản {}; chương trình này đọc «{SQL_KIND}» phiên bản {SQL_VERSION}: hãy sinh lại câu lệnh bằng `tthc sql`",
                        s.kind, s.version
                    ));
                }
                self.settings = Some((s, r.day("first_day")?, r.day("last_day")?));
            }
            "level" => {
                self.levels[r.level()?.index()] += &c;
                self.dossiers += r.count("dossiers")?;
                if let (Some(a), Some(b)) = (r.day("first_day")?, r.day("last_day")?) {
                    let (x, y) = self.span.unwrap_or((a, b));
                    self.span = Some((x.min(a), y.max(b)));
                }
            }
            "month" => {
                let m = r.cell("month").to_string();
                self.months.entry(m).or_default()[r.level()?.index()] += &c;
            }
            "unit" => self.units.push(entry(Some(r.level()?), "đơn vị", None)),
            "field" => self.fields.push(entry(None, "lĩnh vực", None)),
            "field_level" => self
                .field_levels
                .push(entry(Some(r.level()?), "lĩnh vực", None)),
            "procedure" => {
                let code = Some(r.cell("code").to_string()).filter(|c| !c.is_empty());
                self.procedures.push(entry(None, "thủ tục", code));
            }
            "source" => self.sources.push(SourceCounts {
                label: r.cell("source").to_string(),
                counts: c,
            }),
            _ => return Err(r.bad("kind", "không phải loại dòng của bảng kết quả")),
        }
        Ok(())
    }
}

/// The summary of an engine's result table (`bytes`: CSV, a header row first, as DuckDB's
/// `COPY … (HEADER)` or Spark writes it; or, natively, Parquet). `label` names the whole (default: the sources'
/// names); `calendar` is the one the script was written with (its name is checked). The error
/// is a Vietnamese sentence naming the row and column.
pub fn rollup(bytes: &[u8], label: Option<&str>, calendar: &Calendar) -> Result<Rollup, String> {
    #[cfg(all(feature = "parquet", not(target_arch = "wasm32")))]
    if super::result_parquet::is_parquet(bytes) {
        let rows = super::result_parquet::rows(bytes.to_vec())?;
        return rollup_rows(&rows, label, calendar);
    }
    rollup_rows(&read_all(bytes).rows, label, calendar)
}

/// [`rollup`] of the table's rows of text (the column names first, after any blank rows).
fn rollup_rows(
    table: &[Vec<String>],
    label: Option<&str>,
    calendar: &Calendar,
) -> Result<Rollup, String> {
    let mut rows = table.iter().enumerate();
    let (_, header) = rows
        .find(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .ok_or("Tệp kết quả trống: cần bảng kết quả của câu lệnh `tthc sql`")?;
    let mut at = BTreeMap::new();
    for name in result_columns() {
        let i = header.iter().position(|h| h.trim() == name).ok_or_else(|| {
            format!("Tệp kết quả thiếu cột «{name}»: cần đúng bảng kết quả của câu lệnh `tthc sql` (phiên bản {SQL_VERSION})")
        })?;
        at.insert(name, i);
    }
    let mut t = Tables::default();
    for (i, cells) in rows {
        if cells.iter().any(|c| !c.trim().is_empty()) {
            t.add(&Row {
                row: i + 1,
                cells,
                at: &at,
            })?;
        }
    }
    assemble(t, label, calendar)
}

/// The summary of the rows added up: the settings checked, every level and month of the
/// period, the breakdowns without their empty entries, the calendar's warnings (long: it fills
/// every field of the summary, one after the other).
fn assemble(t: Tables, label: Option<&str>, calendar: &Calendar) -> Result<Rollup, String> {
    let Tables {
        settings,
        levels,
        months,
        units,
        fields,
        field_levels,
        procedures,
        mut sources,
        span,
        dossiers,
    } = t;
    let (s, from, to) = settings
        .ok_or("Bảng kết quả thiếu dòng «settings»: cần đúng kết quả của câu lệnh `tthc sql`")?;
    let conv = convention::find(Some(&s.convention))?;
    if s.calendar != calendar.name {
        return Err(format!(
            "Câu lệnh được sinh với lịch «{}», không phải «{}»: hãy dùng cùng tùy chọn --calendar",
            s.calendar, calendar.name
        ));
    }
    let period = from.zip(to).map(|(from, to)| DayRange { from, to });
    let two_tier = s
        .two_tier
        .unwrap_or_else(|| period.is_some_and(|p| p.from >= REFORM_DAY));
    let level_counts = |by: &[Counts; 3]| -> Vec<LevelCounts> {
        level_figures(by, two_tier)
            .into_iter()
            .map(|l| LevelCounts {
                level: l.level,
                counts: l.figures.counts,
            })
            .collect()
    };
    let late_total = levels.iter().map(|l| l.late + l.pending_overdue).sum();
    let keep =
        |v: Vec<Entry>| -> Vec<Entry> { v.into_iter().filter(|e| !e.counts.is_empty()).collect() };
    let month_list = period.map_or_else(Vec::new, |p| every_month(&p));
    if let Some(m) = months.keys().find(|m| !month_list.contains(m)) {
        return Err(format!(
            "Bảng kết quả có tháng «{m}» ngoài kỳ báo cáo: cần đúng kết quả của câu lệnh `tthc sql`"
        ));
    }
    let label = label.map(str::to_string).unwrap_or_else(|| {
        let names: Vec<&str> = sources.iter().map(|s| s.label.as_str()).collect();
        names.join(", ")
    });
    for s in &mut sources {
        if s.label.is_empty() {
            s.label = label.clone();
        }
    }
    Ok(Rollup {
        kind: SUMMARY_KIND.into(),
        version: SUMMARY_VERSION,
        label,
        period: period_out(period, s.auto),
        two_tier,
        convention: ConventionOut::of(conv),
        calendar: CalendarOut {
            name: calendar.name.clone(),
            years_covered: calendar.years.clone(),
            warnings: span.map_or_else(Vec::new, |(a, b)| calendar.warnings(a, b)),
        },
        rows: RowCounts {
            read: dossiers,
            counted: dossiers,
            ..RowCounts::default()
        },
        files: Vec::new(),
        forms: Vec::new(),
        problems_total: 0,
        problems_by_reason: Vec::new(),
        levels: level_counts(&levels),
        units: keep(units),
        fields: keep(fields),
        field_levels: keep(field_levels),
        procedures: keep(procedures),
        months: month_list
            .into_iter()
            .map(|m| MonthCounts {
                levels: level_counts(&months.get(&m).copied().unwrap_or_default()),
                month: m,
            })
            .collect(),
        late_total,
        sources: sources
            .into_iter()
            .filter(|s| !s.counts.is_empty())
            .collect(),
    })
}

/// `yyyy-mm` of every month of the period.
fn every_month(p: &DayRange) -> Vec<String> {
    let (mut y, mut m, _) = civil_from_days(p.from);
    let mut out = Vec::new();
    while days_from_civil(y, m, 1) <= p.to {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}
