//! What the caller may ask of an analysis ([`Options`], as the page and the CLI give them) and
//! the same options checked once, up front ([`Settings`]): the period as a [`DayRange`], two-tier
//! mode, column overrides by canonical field, how many problems the report lists, and the
//! calendar of working days.

use crate::basics::calendar::Calendar;
use crate::basics::period::{Preset, Span};
use crate::basics::time::{day_of, DayRange};
use crate::dossier::convention::{self, Convention};
use crate::dossier::fields::Field;
use crate::table::cells;
use crate::table::decode::Encoding;
use crate::table::source::ReadOptions;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use ts_rs::TS;

/// What the caller may set; every field is optional. Deserialised from the page's options object
/// and built by the CLI.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(rename = "AnalyzerOptions", optional_fields)]
pub struct Options {
    /// A calendar year as the period (a number, or the text the user typed).
    #[serde(default, deserialize_with = "crate::table::cells::typed::whole")]
    #[ts(optional, type = "number | string")]
    pub year: Option<i32>,
    /// With `year`: one quarter (1–4) of it as the period.
    #[serde(default, deserialize_with = "crate::table::cells::typed::whole")]
    #[ts(optional, type = "number | string")]
    pub quarter: Option<i32>,
    /// With `year`: one month (1–12) of it as the period.
    #[serde(default, deserialize_with = "crate::table::cells::typed::whole")]
    #[ts(optional, type = "number | string")]
    pub month: Option<i32>,
    /// With `year`: the reporting regime's cut-off (15th of the month before to the 14th;
    /// a year from 15/12 of the previous year to 14/12), `basics::period`.
    pub cutoff: Option<bool>,
    /// An explicit period, `dd/mm/yyyy` or `yyyy-mm-dd`, both ends inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// A period to compare with: a year, two dates, or `compare_previous` (the period before:
    /// the previous year, quarter or month, or as many days just before).
    #[serde(default, deserialize_with = "crate::table::cells::typed::whole")]
    #[ts(optional, type = "number | string")]
    pub compare_year: Option<i32>,
    pub compare_from: Option<String>,
    pub compare_to: Option<String>,
    pub compare_previous: Option<bool>,
    /// Two-tier local government (tỉnh, xã); `None` = from the period (on or after 1/7/2025).
    pub two_tier: Option<bool>,
    /// Canonical field key → the column to use: its header text, or its 0-based index
    /// ("" = do not use the field).
    #[serde(default)]
    #[ts(as = "Option<BTreeMap<String, Column>>", optional)]
    pub mapping: BTreeMap<String, Column>,
    /// How many problems the report lists (the total is always kept). Default 1000.
    pub max_problems: Option<usize>,
    /// The workbook sheet to read (by name); absent = the sheet whose header matches best.
    pub sheet: Option<String>,
    /// The text encoding of the files (`utf-8`, `utf-16le`, `utf-16be`, `windows-1258`, `tcvn3`,
    /// `vni`); absent or `auto` = detected.
    pub encoding: Option<String>,
    /// The counting convention (`mac-dinh`, `bieu-06`); absent = `mac-dinh`.
    pub convention: Option<String>,
    /// A calendar file's JSON text (`"kind": "tthc-calendar"`) extending the embedded holidays;
    /// absent or empty = the embedded calendar alone.
    pub calendar: Option<String>,
    /// Keep the text of every dossier's id, not only of those the late list may show (the
    /// store holds the others as a hash: `dossier::store`). The CLI sets it for `tthc
    /// normalize`, which writes every id; the page cannot.
    #[serde(skip)]
    #[ts(skip)]
    pub keep_all_ids: bool,
}

/// A column named by its header text or by its 0-based position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Column {
    Index(usize),
    Header(String),
}

/// A column mapping kept for files with a given header row: what the page remembers when the
/// user corrects the mapping (and exports / imports as a small JSON file), and what the CLI
/// reads with `--mapping FILE`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MappingPreset {
    /// Always `"tthc-mapping"`: tells this file from others.
    pub kind: String,
    /// The file format's version (1).
    pub version: u32,
    /// The header row the mapping was made for (the cells as found).
    #[serde(default)]
    pub headers: Vec<String>,
    /// Canonical field key → column, as in [`Options::mapping`].
    #[ts(as = "BTreeMap<String, Column>")]
    pub mapping: BTreeMap<String, Column>,
}

/// The `kind` of a mapping preset file.
pub const MAPPING_KIND: &str = "tthc-mapping";

impl MappingPreset {
    /// Reads a preset file: one preset, or a list of them (their mappings in order, the later
    /// winning). The error is a Vietnamese sentence.
    pub fn read(text: &str) -> Result<Vec<MappingPreset>, String> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(MappingPreset),
            Many(Vec<MappingPreset>),
        }
        let bad = |e: &dyn std::fmt::Display| format!("Tệp cách ghép cột không hợp lệ: {e}");
        let presets = match serde_json::from_str::<OneOrMany>(text.trim_start_matches('\u{feff}')) {
            Ok(OneOrMany::One(p)) => vec![p],
            Ok(OneOrMany::Many(v)) => v,
            Err(e) => return Err(bad(&e)),
        };
        for p in &presets {
            if p.kind != MAPPING_KIND || p.version != 1 {
                return Err(bad(&format!(
                    "cần \"kind\": \"{MAPPING_KIND}\", \"version\": 1"
                )));
            }
            for k in p.mapping.keys() {
                if Field::from_key(k).is_none() {
                    return Err(bad(&format!("trường «{k}» không tồn tại")));
                }
            }
        }
        Ok(presets)
    }
}

/// A period to compare the figures with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    None,
    /// The period before the report's (`basics::period::previous`).
    Previous,
    Range(DayRange),
}

/// Options checked once, up front: what ingest and [`build`](crate::dossier::build()) read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The period asked for; `None` = chosen from the data (the year with most end dates).
    pub period: Option<DayRange>,
    /// The period to compare with.
    pub compare: Compare,
    /// Two-tier mode asked for; `None` = from the period (on or after 1/7/2025).
    pub two_tier: Option<bool>,
    /// User column overrides, in the order of the fields' keys.
    pub overrides: Vec<(Field, Column)>,
    /// How many problems the report lists.
    pub max_problems: usize,
    /// How files are read (encoding, sheet).
    pub read: ReadOptions,
    /// The counting convention (`convention.rs`).
    pub convention: &'static Convention,
    /// The working days (weekends, holidays) of «số ngày trễ» and processing time.
    pub calendar: Arc<Calendar>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            period: None,
            compare: Compare::None,
            two_tier: None,
            overrides: Vec::new(),
            max_problems: 1000,
            read: ReadOptions::default(),
            convention: convention::default(),
            calendar: Calendar::embedded(),
        }
    }
}

fn parse_day(s: &str, what: &str) -> Result<i32, String> {
    cells::parse_date(s.trim().as_bytes())
        .map(day_of)
        .map_err(|_| format!("{what} «{s}» không hợp lệ (cần dd/mm/yyyy hoặc yyyy-mm-dd)"))
}

impl Options {
    /// Checks the options; the error is a Vietnamese sentence for the user.
    pub fn check(&self) -> Result<Settings, String> {
        let mut overrides = Vec::new();
        for (k, v) in &self.mapping {
            let f = Field::from_key(k).ok_or_else(|| format!("Trường «{k}» không tồn tại"))?;
            overrides.push((f, v.clone()));
        }
        Ok(Settings {
            period: self.period()?,
            compare: self.compare()?,
            two_tier: self.two_tier,
            overrides,
            max_problems: self.max_problems.unwrap_or(1000),
            read: ReadOptions {
                sheet: self.sheet.clone().filter(|s| !s.is_empty()),
                encoding: self.encoding()?,
            },
            convention: convention::find(self.convention.as_deref())?,
            calendar: match self.calendar.as_deref().map(str::trim) {
                None | Some("") => Calendar::embedded(),
                Some(text) => Arc::new(Calendar::with_user(text)?),
            },
        })
    }

    /// The encoding asked for: `None` when absent, empty or `auto`; an unknown name is an error.
    fn encoding(&self) -> Result<Option<Encoding>, String> {
        match self.encoding.as_deref().map(str::trim) {
            None | Some("" | "auto") => Ok(None),
            Some(name) => Encoding::from_name(name).map(Some).ok_or_else(|| {
                format!(
                    "Bảng mã «{name}» không được hỗ trợ (cần utf-8, utf-16le, utf-16be, windows-1258, tcvn3 hoặc vni)"
                )
            }),
        }
    }

    fn period(&self) -> Result<Option<DayRange>, String> {
        if self.year.is_none()
            && (self.quarter.is_some() || self.month.is_some() || self.cutoff == Some(true))
        {
            return Err("Chọn năm cho quý, tháng hoặc kỳ báo cáo".into());
        }
        match self.year {
            Some(y) if self.from.is_none() && self.to.is_none() => Ok(Some(self.preset(y)?)),
            _ => range(self.year, &self.from, &self.to, ""),
        }
    }

    /// The year `y`, or its quarter or month, under the cut-off or not.
    fn preset(&self, y: i32) -> Result<DayRange, String> {
        check_year(y)?;
        let span = match (self.quarter, self.month) {
            (Some(_), Some(_)) => return Err("Chọn quý hoặc tháng, không chọn cả hai".into()),
            (Some(q @ 1..=4), None) => Span::Quarter(q as u32),
            (Some(q), None) => return Err(format!("Quý {q} không hợp lệ (cần 1 đến 4)")),
            (None, Some(m @ 1..=12)) => Span::Month(m as u32),
            (None, Some(m)) => return Err(format!("Tháng {m} không hợp lệ (cần 1 đến 12)")),
            (None, None) => Span::Year,
        };
        Ok(Preset {
            year: y,
            span,
            cutoff: self.cutoff == Some(true),
        }
        .range())
    }

    fn compare(&self) -> Result<Compare, String> {
        let asked = range(
            self.compare_year,
            &self.compare_from,
            &self.compare_to,
            " so sánh",
        )?;
        match (asked, self.compare_previous == Some(true)) {
            (Some(_), true) => {
                Err("Chọn kỳ so sánh hoặc «so với kỳ trước», không chọn cả hai".into())
            }
            (Some(p), false) => Ok(Compare::Range(p)),
            (None, true) => Ok(Compare::Previous),
            (None, false) => Ok(Compare::None),
        }
    }
}

fn check_year(y: i32) -> Result<(), String> {
    if (1900..=2100).contains(&y) {
        Ok(())
    } else {
        Err(format!("Năm {y} không hợp lệ"))
    }
}

/// A calendar year or two dates (`what` names the period in messages: "" or " so sánh").
fn range(
    year: Option<i32>,
    from: &Option<String>,
    to: &Option<String>,
    what: &str,
) -> Result<Option<DayRange>, String> {
    match (year, from, to) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(format!(
            "Chọn năm hoặc khoảng ngày{what}, không chọn cả hai"
        )),
        (Some(y), None, None) => {
            check_year(y)?;
            Ok(Some(DayRange::year(y)))
        }
        (None, Some(f), Some(t)) => {
            let p = DayRange {
                from: parse_day(f, &format!("Từ ngày{what}"))?,
                to: parse_day(t, &format!("Đến ngày{what}"))?,
            };
            if p.from > p.to {
                return Err(format!(
                    "«Từ ngày{what}» phải trước hoặc bằng «Đến ngày{what}»"
                ));
            }
            Ok(Some(p))
        }
        (None, Some(_), None) | (None, None, Some(_)) => {
            Err(format!("Cần cả «Từ ngày{what}» và «Đến ngày{what}»"))
        }
        (None, None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basics::time::days_from_civil;

    #[test]
    fn checks() {
        let y = Options {
            year: Some(2024),
            ..Default::default()
        };
        let s = y.check().unwrap();
        assert_eq!(
            s.period,
            Some(DayRange {
                from: days_from_civil(2024, 1, 1),
                to: days_from_civil(2024, 12, 31)
            })
        );
        assert_eq!(s.max_problems, 1000);
        let range = Options {
            from: Some("01/07/2025".into()),
            to: Some("2025-09-30".into()),
            ..Default::default()
        };
        assert_eq!(
            range.check().unwrap().period.map(|p| (p.from, p.to)),
            Some((days_from_civil(2025, 7, 1), days_from_civil(2025, 9, 30)))
        );
        for bad in [
            Options {
                year: Some(1800),
                ..Default::default()
            },
            Options {
                year: Some(2024),
                from: Some("01/01/2024".into()),
                ..Default::default()
            },
            Options {
                from: Some("02/01/2024".into()),
                to: Some("01/01/2024".into()),
                ..Default::default()
            },
            Options {
                to: Some("01/01/2024".into()),
                ..Default::default()
            },
            Options {
                mapping: [("colour".to_string(), Column::Index(1))].into(),
                ..Default::default()
            },
            Options {
                encoding: Some("latin-9".into()),
                ..Default::default()
            },
            Options {
                convention: Some("bieu-07".into()),
                calendar: Some("{\"kind\": \"tthc-calendar\"}".into()),
                ..Default::default()
            },
        ] {
            assert!(bad.check().is_err(), "{bad:?}");
        }
        assert_eq!(Options::default().check().unwrap(), Settings::default());
    }

    /// Period presets and comparisons as the page and the CLI send them, and the messages of
    /// the wrong ones.
    #[test]
    fn presets_and_comparisons() {
        let d = days_from_civil;
        let o = |year, quarter, month, cutoff| Options {
            year,
            quarter,
            month,
            cutoff,
            ..Default::default()
        };
        let period = |x: Options| x.check().map(|s| s.period.map(|p| (p.from, p.to)));
        let cases = [
            (
                o(Some(2024), Some(2), None, None),
                Ok(Some((d(2024, 4, 1), d(2024, 6, 30)))),
            ),
            (
                o(Some(2024), None, Some(2), None),
                Ok(Some((d(2024, 2, 1), d(2024, 2, 29)))),
            ),
            (
                o(Some(2024), None, None, Some(true)),
                Ok(Some((d(2023, 12, 15), d(2024, 12, 14)))),
            ),
            (
                o(Some(2024), Some(1), None, Some(true)),
                Ok(Some((d(2023, 12, 15), d(2024, 3, 14)))),
            ),
            (
                o(Some(2024), Some(5), None, None),
                Err("Quý 5 không hợp lệ (cần 1 đến 4)".to_string()),
            ),
            (
                o(Some(2024), None, Some(13), None),
                Err("Tháng 13 không hợp lệ (cần 1 đến 12)".to_string()),
            ),
            (
                o(Some(2024), Some(1), Some(1), None),
                Err("Chọn quý hoặc tháng, không chọn cả hai".to_string()),
            ),
            (
                o(None, Some(1), None, None),
                Err("Chọn năm cho quý, tháng hoặc kỳ báo cáo".to_string()),
            ),
        ];
        for (x, want) in cases {
            assert_eq!(period(x.clone()), want, "{x:?}");
        }
        let c = |x: Options| x.check().map(|s| s.compare);
        let year = Options {
            compare_year: Some(2023),
            ..Default::default()
        };
        assert_eq!(c(year), Ok(Compare::Range(DayRange::year(2023))));
        let prev = Options {
            compare_previous: Some(true),
            ..Default::default()
        };
        assert_eq!(c(prev), Ok(Compare::Previous));
        let both = Options {
            compare_previous: Some(true),
            compare_from: Some("01/01/2023".into()),
            compare_to: Some("31/03/2023".into()),
            ..Default::default()
        };
        assert!(c(both).is_err());
        let half = Options {
            compare_from: Some("01/01/2023".into()),
            ..Default::default()
        };
        assert_eq!(
            c(half),
            Err("Cần cả «Từ ngày so sánh» và «Đến ngày so sánh»".to_string())
        );
    }
}
