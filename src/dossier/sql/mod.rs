//! The same counts on another engine (issue 12): [`script`] writes one SQL statement, for DuckDB
//! or Apache Spark, that reads a relation `dossiers` of canonical records (`tthc normalize`,
//! `dossier::canonical`) and returns the mergeable aggregates of a Report as one long table;
//! [`result::rollup`] turns that table back into a summary file
//! ([`Rollup`](crate::dossier::rollup::Rollup)) that the page and `tthc report` open as any other.
//!
//! One source for the rules: the classification is `rules.rs` (data, checked equal to
//! `classify` on every case), the counts are `Counts`' own fields ([`COUNT_COLUMNS`], checked
//! equal to its serialised keys), the working days are the calendar's steps
//! (`Calendar::offset_steps`), and the grouping is `build`'s (shown level, name, code).
//!
//! The result table ([`RESULT_COLUMNS`]): `kind` is `level`, `unit`, `field`, `field_level`,
//! `procedure`, `source`, `month` or `settings`; `source`, `level` (`province` / `district` /
//! `commune`, as reported), `name`, `code`, `month` (`yyyy-mm`) are the keys the kind has; then
//! every count of `Counts`; `first_day` / `last_day` are the days the working-day counts used (for
//! the calendar's warnings), and in the `settings` row the period's bounds (day numbers from
//! 1970-01-01), its `name` a JSON object: the script's kind and version, the convention, the
//! two-tier mode asked, whether the period was chosen from the data, the calendar's name.

mod emit;
pub mod ingest;
pub mod result;
#[cfg(all(feature = "parquet", not(target_arch = "wasm32")))]
pub mod result_parquet;
pub mod rules;

use crate::basics::calendar::Calendar;
use crate::basics::time::DayRange;
use crate::dossier::convention::Convention;

/// The `kind` of the settings row's JSON.
pub const SQL_KIND: &str = "tthc-sql";
/// The version of the result table: a summary is made only from the same version.
pub const SQL_VERSION: u32 = 1;

/// Every field of [`Counts`](crate::dossier::aggregate::Counts), in its order: a column of
/// the result each (a test fails when `Counts` has a field this list lacks).
pub const COUNT_COLUMNS: [&str; 23] = [
    "resolved",
    "on_time",
    "early",
    "late",
    "pending",
    "pending_overdue",
    "withdrawn",
    "stopped",
    "not_received",
    "received",
    "received_online",
    "received_direct",
    "received_postal",
    "carried_over",
    "digitized",
    "paid_online",
    "digitized_known",
    "paid_online_known",
    "channel_known",
    "rated",
    "unsatisfied",
    "processing_minutes",
    "processing_working_days",
];

/// The key columns of the result, before the counts.
pub const KEY_COLUMNS: [&str; 6] = ["kind", "source", "level", "name", "code", "month"];

/// Every column of the result, in order: the keys, the counts, then `dossiers` (how many records
/// the row's group holds) and the days `first_day`, `last_day`.
pub fn result_columns() -> Vec<&'static str> {
    let mut v: Vec<&str> = KEY_COLUMNS.to_vec();
    v.extend(COUNT_COLUMNS);
    v.extend(["dossiers", "first_day", "last_day"]);
    v
}

/// The engines a script is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Duckdb,
    Spark,
}

impl Dialect {
    /// `duckdb` or `spark` (the CLI's `--dialect`); the error is a Vietnamese sentence.
    pub fn parse(s: &str) -> Result<Dialect, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "duckdb" => Ok(Dialect::Duckdb),
            "spark" | "sparksql" | "spark-sql" => Ok(Dialect::Spark),
            other => Err(format!(
                "Phương ngữ SQL «{other}» không được hỗ trợ (cần duckdb hoặc spark)"
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Duckdb => "duckdb",
            Dialect::Spark => "spark",
        }
    }
}

/// What shapes the figures, as for a Report: the period (`None`: the year with most end dates,
/// as `build` chooses), the two-tier mode (`None`: from the period), the convention, the
/// calendar.
pub struct SqlSettings<'a> {
    pub dialect: Dialect,
    pub period: Option<DayRange>,
    pub two_tier: Option<bool>,
    pub convention: &'a Convention,
    pub calendar: &'a Calendar,
}

/// The SQL script (one statement; `;` at its end for DuckDB, none for Spark's `spark.sql`).
pub fn script(s: &SqlSettings) -> String {
    emit::script(s)
}

#[cfg(test)]
mod tests {
    use super::rules::Part;
    use super::*;
    use crate::dossier::aggregate::Counts;
    use crate::dossier::convention;

    #[test]
    fn every_count_and_every_part_is_in_the_script() {
        let keys: Vec<String> = match serde_json::to_value(Counts::default()).unwrap() {
            serde_json::Value::Object(m) => m.keys().cloned().collect(),
            _ => unreachable!(),
        };
        let mut listed: Vec<String> = COUNT_COLUMNS.iter().map(|s| s.to_string()).collect();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort();
        listed.sort();
        assert_eq!(listed, keys_sorted, "COUNT_COLUMNS is not Counts' fields");
        let cal = Calendar::embedded();
        for dialect in [Dialect::Duckdb, Dialect::Spark] {
            for c in convention::all() {
                for period in [
                    None,
                    Some(DayRange {
                        from: crate::basics::time::days_from_civil(2024, 1, 1),
                        to: crate::basics::time::days_from_civil(2024, 12, 31),
                    }),
                ] {
                    let sql = script(&SqlSettings {
                        dialect,
                        period,
                        two_tier: None,
                        convention: c,
                        calendar: &cal,
                    });
                    assert!(!sql.contains("no_rule_for_"), "{sql}");
                    for p in Part::ALL {
                        assert!(sql.contains(&format!("END AS {}", p.name())), "{p:?}");
                    }
                    for col in result_columns() {
                        let quoted = match dialect {
                            Dialect::Duckdb => format!("AS \"{col}\""),
                            Dialect::Spark => format!("AS `{col}`"),
                        };
                        assert!(sql.contains(&quoted), "{col} in {}", dialect.name());
                    }
                }
            }
        }
    }

    #[test]
    fn dialects_are_named() {
        assert_eq!(Dialect::parse(" DuckDB ").unwrap(), Dialect::Duckdb);
        assert_eq!(Dialect::parse("spark").unwrap(), Dialect::Spark);
        let e = Dialect::parse("oracle").unwrap_err();
        assert!(e.contains("«oracle»") && e.contains("duckdb"), "{e}");
    }
}
