//! The SQL script: the rules of `rules.rs`, the counting of `aggregate::Counts`, the working
//! days of `basics::calendar` and the grouping of `build` (levels, units, fields, procedures,
//! months, sources) written for one engine, over a relation `dossiers` of canonical records
//! (`dossier::canonical`). One result set: the long table of [`super::RESULT_COLUMNS`].

use super::rules::{parts, Bound, Expr, Var};
use super::{Dialect, SqlSettings, COUNT_COLUMNS, SQL_KIND, SQL_VERSION};
use crate::basics::calendar::MONDAY;
use crate::basics::time::{iso_date, Day, REFORM_DAY};
use std::fmt::Write;

/// A shift (a whole number of weeks) that makes the weekday count's argument positive for every
/// date from 1900 on, so that plain integer division floors in any engine.
const WEEKS_SHIFT: i32 = 7 * 20_000;

struct W {
    d: Dialect,
}

impl W {
    /// A quoted identifier.
    fn q(&self, name: &str) -> String {
        match self.d {
            Dialect::Duckdb => format!("\"{name}\""),
            Dialect::Spark => format!("`{name}`"),
        }
    }

    fn text(&self) -> &'static str {
        match self.d {
            Dialect::Duckdb => "VARCHAR",
            Dialect::Spark => "STRING",
        }
    }

    /// An input column as text, NULL when empty.
    fn cell(&self, name: &str) -> String {
        format!("NULLIF(CAST({} AS {}), '')", self.q(name), self.text())
    }

    /// The day number (days since 1970-01-01, as `basics::time`) of a date expression.
    fn days(&self, date: &str) -> String {
        match self.d {
            Dialect::Duckdb => format!("({date} - DATE '1970-01-01')"),
            Dialect::Spark => format!("DATEDIFF({date}, DATE '1970-01-01')"),
        }
    }

    /// The day number of an ISO text (`yyyy-mm-dd…`).
    fn day_of(&self, iso: &str) -> String {
        self.days(&format!("CAST(SUBSTR({iso}, 1, 10) AS DATE)"))
    }

    /// Minutes since the day's start of an ISO text `yyyy-mm-dd?hh:mm…`.
    fn minute_of_day(iso: &str) -> String {
        format!(
            "(CAST(SUBSTR({iso}, 12, 2) AS INTEGER) * 60 + CAST(SUBSTR({iso}, 15, 2) AS INTEGER))"
        )
    }

    fn var(v: Var) -> &'static str {
        match v {
            Var::Rec => "d_rec",
            Var::Due => "d_due",
            Var::Fin => "d_fin",
        }
    }

    fn bound(b: Bound) -> &'static str {
        match b {
            Bound::From => "p_from",
            Bound::To => "p_to",
        }
    }

    /// An expression of `rules.rs`; every atom is TRUE or FALSE, never NULL.
    fn expr(e: &Expr) -> String {
        match e {
            Expr::Const(b) => (if *b { "TRUE" } else { "FALSE" }).into(),
            Expr::StatusIn(set) => {
                let list: Vec<String> = set.iter().map(u8::to_string).collect();
                format!("d_status IN ({})", list.join(", "))
            }
            Expr::Has(v) => format!("{} IS NOT NULL", Self::var(*v)),
            Expr::VsBound(v, op, b) => format!(
                "({0} IS NOT NULL AND {0} {1} {2})",
                Self::var(*v),
                op.sql(),
                Self::bound(*b)
            ),
            Expr::VsVar(a, op, b) => format!(
                "({0} IS NOT NULL AND {1} IS NOT NULL AND {0} {2} {1})",
                Self::var(*a),
                Self::var(*b),
                op.sql()
            ),
            Expr::Not(x) => format!("NOT {}", Self::expr(x)),
            Expr::And(v) | Expr::Or(v) => {
                let sep = if matches!(e, Expr::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                let inner: Vec<String> = v.iter().map(Self::expr).collect();
                format!("({})", inner.join(sep))
            }
        }
    }

    /// The calendar's working days up to and including day `x` (an expression), from an
    /// arbitrary origin: the weekday count plus the offset of the steps (a balanced CASE tree:
    /// a few comparisons per date).
    fn working_through(x: &str, steps: &[(Day, i32)]) -> String {
        let n = format!("({x} + {})", 1 - MONDAY + WEEKS_SHIFT);
        format!(
            "(5 * CAST(FLOOR({n} / 7) AS BIGINT) + LEAST({n} % 7, 5) + {})",
            Self::offset(x, steps, 0)
        )
    }

    /// The offset at `x` given that the steps before `steps` left `before`.
    fn offset(x: &str, steps: &[(Day, i32)], before: i32) -> String {
        match steps {
            [] => before.to_string(),
            [(d, o)] => format!("CASE WHEN {x} < {d} THEN {before} ELSE {o} END"),
            _ => {
                let mid = steps.len() / 2;
                let (left, right) = steps.split_at(mid);
                let carried = left.last().map_or(before, |s| s.1);
                format!(
                    "CASE WHEN {x} < {} THEN {} ELSE {} END",
                    right[0].0,
                    Self::offset(x, left, before),
                    Self::offset(x, right, carried)
                )
            }
        }
    }
}

/// Which counts a month holds by the end of processing, and which by receipt (`build`: a month
/// holds what ended in it and what was received in it, not the period-end state).
fn dated_by_receipt(count: &str) -> bool {
    matches!(
        count,
        "not_received"
            | "received"
            | "received_online"
            | "received_direct"
            | "received_postal"
            | "channel_known"
    )
}

/// The period-end state: in no month.
fn period_end_state(count: &str) -> bool {
    matches!(count, "pending" | "pending_overdue" | "carried_over")
}

/// Each count of `Counts` as an expression over one classified dossier (the columns of `o`):
/// `aggregate::Counts::add`, written for SQL.
fn count_expr(count: &str, wd: &str) -> String {
    let resolved = "(is_early + is_due_day + is_late)";
    let when = |cond: &str| format!("CASE WHEN {cond} THEN 1 ELSE 0 END");
    match count {
        "resolved" => resolved.into(),
        "on_time" => "(is_early + is_due_day)".into(),
        "early" => "is_early".into(),
        "late" => "is_late".into(),
        "pending" => "is_pending".into(),
        "pending_overdue" => "is_pending_overdue".into(),
        "withdrawn" => "is_withdrawn".into(),
        "stopped" => "is_stopped".into(),
        "not_received" => "is_not_received".into(),
        "received" => "is_received".into(),
        "carried_over" => "is_carried_over".into(),
        "received_online" => when("is_received = 1 AND d_channel = 'online'"),
        "received_postal" => when("is_received = 1 AND d_channel = 'postal'"),
        // a channel the file does not give counts as direct (`values::parse_channel`)
        "received_direct" => {
            when("is_received = 1 AND (d_channel IS NULL OR d_channel NOT IN ('online', 'postal'))")
        }
        "channel_known" => when("is_received = 1 AND d_channel IS NOT NULL"),
        "digitized" => when(&format!("{resolved} = 1 AND d_digitized = 'true'")),
        "digitized_known" => when(&format!("{resolved} = 1 AND d_digitized IS NOT NULL")),
        "paid_online" => when(&format!("{resolved} = 1 AND d_paid_online = 'true'")),
        "paid_online_known" => when(&format!("{resolved} = 1 AND d_paid_online IS NOT NULL")),
        "rated" => when(&format!("{resolved} = 1 AND d_rating IS NOT NULL")),
        "unsatisfied" => when(&format!("{resolved} = 1 AND d_rating = 'unsatisfied'")),
        "processing_minutes" => format!(
            "CASE WHEN {resolved} = 1 AND d_rec IS NOT NULL AND d_fin IS NOT NULL \
             THEN GREATEST(d_fin_min - d_rec_min, 0) ELSE 0 END"
        ),
        "processing_working_days" => format!(
            "CASE WHEN {resolved} = 1 AND d_rec IS NOT NULL AND d_fin IS NOT NULL \
             THEN GREATEST({}, 0) ELSE 0 END",
            wd
        ),
        // a count without a rule: the script fails to run (and `tests` fail first)
        other => format!("no_rule_for_{other}"),
    }
}

/// The settings row's JSON: what `result` needs to make the summary.
pub(super) fn settings_json(s: &SqlSettings) -> String {
    serde_json::json!({
        "kind": SQL_KIND,
        "version": SQL_VERSION,
        "convention": s.convention.id,
        "two_tier": s.two_tier,
        "auto": s.period.is_none(),
        "calendar": s.calendar.name,
    })
    .to_string()
}

/// The whole script (long: it is one SQL statement, written top to bottom).
pub(super) fn script(s: &SqlSettings) -> String {
    let w = W { d: s.dialect };
    let q = |n: &str| w.q(n);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "-- tthc-analytics {}: số liệu hồ sơ TTHC theo quy tắc của lõi (phiên bản SQL {SQL_VERSION}).",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        out,
        "-- Sinh bởi `tthc sql --dialect {}`; đừng sửa tay: sinh lại khi quy tắc đổi.",
        s.dialect.name()
    );
    let _ = writeln!(
        out,
        "-- Quy ước đếm: {} ({}).",
        s.convention.name, s.convention.id
    );
    let _ = writeln!(
        out,
        "-- Kỳ báo cáo: {}.",
        match s.period {
            Some(p) => format!("{} – {}", iso_date(p.from), iso_date(p.to)),
            None => "năm có nhiều ngày kết thúc xử lý nhất (như lõi)".into(),
        }
    );
    let _ = writeln!(out, "-- Lịch ngày làm việc: {}.", s.calendar.name);
    let _ = writeln!(
        out,
        "-- Đầu vào: quan hệ `dossiers` với các cột của `tthc normalize` (dossiers.csv / Parquet)."
    );
    // t: the input columns, as text, empty as NULL
    out += "WITH t AS (\n  SELECT\n";
    let texts = [
        ("source", "d_source"),
        ("unit", "d_unit"),
        ("field", "d_field"),
        ("procedure_code", "d_procedure_code"),
        ("procedure", "d_procedure"),
        ("level", "d_level"),
        ("channel", "d_channel"),
        ("rating", "d_rating"),
        ("paid_online", "d_paid_online"),
        ("digitized", "d_digitized"),
        ("received", "d_rec_s"),
        ("due", "d_due_s"),
        ("finished", "d_fin_s"),
    ];
    for (col, alias) in texts {
        let _ = writeln!(out, "    {} AS {alias},", w.cell(col));
    }
    let _ = writeln!(
        out,
        "    CAST({} AS INTEGER) AS d_status_code\n  FROM dossiers\n),",
        w.cell("status")
    );
    // p: the period (given, or the year with most end dates, else most receipt dates)
    match s.period {
        Some(p) => {
            let _ = writeln!(
                out,
                "p AS (\n  SELECT {} AS p_from, {} AS p_to\n),",
                p.from, p.to
            );
        }
        None => {
            let year = |col: &str| format!("CAST(SUBSTR({col}, 1, 4) AS INTEGER)");
            let _ = writeln!(
                out,
                "y AS (\n  SELECT y_year FROM (\n    SELECT 0 AS y_pass, {f} AS y_year, COUNT(*) AS y_n FROM t WHERE d_fin_s IS NOT NULL GROUP BY {f}\n    UNION ALL\n    SELECT 1 AS y_pass, {r} AS y_year, COUNT(*) AS y_n FROM t WHERE d_rec_s IS NOT NULL GROUP BY {r}\n  ) AS years\n  ORDER BY y_pass, y_n DESC, y_year DESC\n  LIMIT 1\n),",
                f = year("d_fin_s"),
                r = year("d_rec_s")
            );
            let _ = writeln!(
                out,
                "p AS (\n  SELECT {} AS p_from, {} AS p_to FROM y\n),",
                w.days("MAKE_DATE(y_year, 1, 1)"),
                w.days("MAKE_DATE(y_year, 12, 31)")
            );
        }
    }
    // d: day numbers, minutes, the effective status, the level as reported
    let two_tier = match s.two_tier {
        Some(t) => (if t { "TRUE" } else { "FALSE" }).to_string(),
        None => format!("p_from >= {REFORM_DAY}"),
    };
    let _ = writeln!(
        out,
        "d AS (\n  SELECT t.*, p.p_from, p.p_to,\n    {rec} AS d_rec,\n    {due} AS d_due,\n    {fin} AS d_fin,\n    {rec} * 1440 + {rec_m} AS d_rec_min,\n    {fin} * 1440 + {fin_m} AS d_fin_min,\n    COALESCE(d_status_code, CASE WHEN d_fin_s IS NULL THEN 4 ELSE 9 END) AS d_status,\n    CASE WHEN d_level = 'district' AND {two_tier} THEN 'commune' ELSE d_level END AS d_lvl\n  FROM t CROSS JOIN p\n),",
        rec = w.day_of("d_rec_s"),
        due = w.day_of("d_due_s"),
        fin = w.day_of("d_fin_s"),
        rec_m = W::minute_of_day("d_rec_s"),
        fin_m = W::minute_of_day("d_fin_s"),
    );
    // o: the parts of the outcome (classify)
    out += "o AS (\n  SELECT d.*";
    for (part, e) in parts(s.convention.rules()) {
        let _ = write!(
            out,
            ",\n    -- {}\n    CASE WHEN {} THEN 1 ELSE 0 END AS {}",
            part.doc(),
            W::expr(&e),
            part.name()
        );
    }
    out += "\n  FROM d\n),\n";
    // c: each dossier's counts, its months, and the days its working-day counts used
    let steps = s.calendar.offset_steps();
    let wd = format!(
        "{} - {}",
        W::working_through("d_fin", &steps),
        W::working_through("d_rec", &steps)
    );
    out += "c AS (\n  SELECT d_source, d_lvl, d_unit, d_field, d_procedure_code, d_procedure";
    for count in COUNT_COLUMNS {
        let _ = write!(out, ",\n    {} AS {}", count_expr(count, &wd), q(count));
    }
    let in_period = |x: &str| format!("{x} BETWEEN p_from AND p_to");
    let _ = write!(
        out,
        ",\n    CASE WHEN d_fin IS NOT NULL AND {} THEN SUBSTR(d_fin_s, 1, 7)\n      WHEN d_fin IS NULL AND (is_withdrawn = 1 OR is_stopped = 1) AND {} THEN SUBSTR(d_rec_s, 1, 7) END AS m_end",
        in_period("d_fin"),
        in_period("d_rec")
    );
    out += ",\n    CASE WHEN is_received = 1 THEN SUBSTR(d_rec_s, 1, 7)\n      WHEN is_not_received = 1 THEN SUBSTR(COALESCE(d_rec_s, d_fin_s), 1, 7) END AS m_receipt";
    out += ",\n    LEAST(\n      CASE WHEN is_early + is_due_day + is_late = 1 AND d_rec IS NOT NULL AND d_fin IS NOT NULL THEN LEAST(d_rec, d_fin) END,\n      CASE WHEN is_late = 1 THEN LEAST(d_due, d_fin) END,\n      CASE WHEN is_pending_overdue = 1 THEN LEAST(d_due, p_to) END) AS span_from";
    out += ",\n    GREATEST(\n      CASE WHEN is_early + is_due_day + is_late = 1 AND d_rec IS NOT NULL AND d_fin IS NOT NULL THEN GREATEST(d_rec, d_fin) END,\n      CASE WHEN is_late = 1 THEN GREATEST(d_due, d_fin) END,\n      CASE WHEN is_pending_overdue = 1 THEN GREATEST(d_due, p_to) END) AS span_to";
    out += "\n  FROM o\n),\n";
    // g: the counts summed by every key (a monoid: what follows adds these few rows, not the
    // dossiers, which are read once); f: each of them three times — what is dated by the end
    // (in the month `m_end`), what by the receipt (`m_receipt`), the period-end state (in no
    // month) — summed by key and month
    let keys = "d_source, d_lvl, d_unit, d_field, d_procedure_code, d_procedure";
    let _ = write!(out, "g AS (\n  SELECT {keys}, m_end, m_receipt");
    for count in COUNT_COLUMNS {
        let _ = write!(out, ",\n    SUM({0}) AS {0}", q(count));
    }
    let _ = write!(
        out,
        ",\n    COUNT(*) AS g_dossiers, MIN(span_from) AS span_from, MAX(span_to) AS span_to\n  FROM c\n  GROUP BY {keys}, m_end, m_receipt\n),\n"
    );
    let month = "CASE x_part WHEN 0 THEN m_end WHEN 1 THEN m_receipt END";
    let _ = write!(out, "f AS (\n  SELECT {keys},\n    {month} AS f_month");
    for count in COUNT_COLUMNS {
        let part = if period_end_state(count) {
            2
        } else if dated_by_receipt(count) {
            1
        } else {
            0
        };
        let _ = write!(
            out,
            ",\n    SUM(CASE WHEN x_part = {part} THEN {0} ELSE 0 END) AS {0}",
            q(count)
        );
    }
    let _ = write!(
        out,
        ",\n    SUM(CASE WHEN x_part = 0 THEN g_dossiers ELSE 0 END) AS f_dossiers, MIN(span_from) AS span_from, MAX(span_to) AS span_to\n  FROM g CROSS JOIN (SELECT 0 AS x_part UNION ALL SELECT 1 AS x_part UNION ALL SELECT 2 AS x_part) AS x\n  GROUP BY {keys}, {month}\n)\n"
    );
    // the long table: one row per level, unit, field, field × level, procedure, source, and
    // month × level (what ended in the month and what was received in it)
    let head = |kind: &str, source: &str, level: &str, name: &str, code: &str, month: &str| {
        format!(
            "SELECT {kind} AS {}, {source} AS {}, {level} AS {}, {name} AS {}, {code} AS {}, {month} AS {}",
            q("kind"),
            q("source"),
            q("level"),
            q("name"),
            q("code"),
            q("month")
        )
    };
    let g = |c: &str| format!("GROUPING({c}) = 0");
    let kind = format!(
        "CASE WHEN {} THEN 'month' WHEN {} THEN 'source' WHEN {} THEN 'procedure' WHEN {} THEN 'unit' WHEN {} AND {} THEN 'field_level' WHEN {} THEN 'field' ELSE 'level' END",
        g("f_month"),
        g("d_source"),
        g("d_procedure_code"),
        g("d_unit"),
        g("d_field"),
        g("d_lvl"),
        g("d_field")
    );
    let null_text = format!("CAST(NULL AS {})", w.text());
    // (the month × level rows of the period-end state have no month: left out)
    out += "SELECT * FROM (\n";
    out += &head(
        &kind,
        "d_source",
        "d_lvl",
        "COALESCE(d_unit, d_field, d_procedure)",
        "d_procedure_code",
        "f_month",
    );
    for count in COUNT_COLUMNS {
        let _ = write!(out, ",\n  SUM({0}) AS {0}", q(count));
    }
    let _ = write!(
        out,
        ",\n  SUM(f_dossiers) AS {}, MIN(span_from) AS {}, MAX(span_to) AS {}\nFROM f\nGROUP BY GROUPING SETS ((d_lvl), (d_unit, d_lvl), (d_field), (d_field, d_lvl), (d_procedure_code, d_procedure), (d_source), (d_lvl, f_month))\n) AS r\nWHERE NOT ({} = 'month' AND {} IS NULL)\nUNION ALL\n",
        q("dossiers"),
        q("first_day"),
        q("last_day"),
        q("kind"),
        q("month")
    );
    // the settings: what the summary needs to know of this script, and the period
    let mut json = settings_json(s).replace('\'', "''");
    if s.dialect == Dialect::Spark {
        // Spark reads a backslash in a literal as an escape (a `\"` in a calendar's name)
        json = json.replace('\\', "\\\\");
    }
    out += &head(
        "'settings'",
        &null_text,
        &null_text,
        &format!("'{json}'"),
        &null_text,
        &null_text,
    );
    for count in COUNT_COLUMNS {
        let _ = write!(out, ", 0 AS {}", q(count));
    }
    let _ = write!(
        out,
        ", 0 AS {}, CAST(p_from AS BIGINT) AS {}, CAST(p_to AS BIGINT) AS {}\nFROM p\n",
        q("dossiers"),
        q("first_day"),
        q("last_day")
    );
    let _ = write!(
        out,
        "ORDER BY {}, {}, {}, {}, {}, {}",
        q("kind"),
        q("source"),
        q("level"),
        q("name"),
        q("code"),
        q("month")
    );
    if s.dialect == Dialect::Duckdb {
        out += ";";
    }
    out += "\n";
    out
}
