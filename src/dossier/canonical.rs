//! The canonical dossier records (issue 12, `tthc normalize`): what ingest kept — every reader,
//! the column mapping, the value rules, duplicates resolved — one row per dossier with typed
//! columns, for an engine (DuckDB, Spark) to run the same counts on; and every problem found,
//! one row each. CSV (UTF-8, `,`, RFC 4180 quoting, a header row), written to any `Write`.
//!
//! The dossier columns ([`DOSSIER_COLUMNS`]): `file` (its index in the Report's `files`), `id`,
//! `procedure_code` (empty when the file names the procedure only), `procedure`, `field`, `unit`,
//! `level` (`province` / `district` / `commune`, from the unit as the Report counts it), `channel`
//! (`direct` / `online` / `postal`; empty when the file does not say), `received`, `due`,
//! `finished` (ISO `yyyy-mm-ddThh:mm`, empty when missing; `finished` is the end of processing,
//! else the return date, as the Report uses it), `status` (the DVCQG status code 1–10, empty when
//! the file has none), `paid_online`, `digitized` (`true` / `false`, empty when the file does not
//! say), `rating` (`satisfied` / `neutral` / `unsatisfied`, empty when none). The header names
//! are read back by the column mapping (`dossier::mapping`), so a normalised file is itself an
//! input that gives the same Report.

use crate::basics::time::{civil_from_days, day_of, Minutes, MINUTES_PER_DAY};
use crate::dossier::ingested::Ingested;
use crate::dossier::model::{
    Channel, Dossier, Rating, FLAG_CHANNEL_KNOWN, FLAG_DIGITIZED, FLAG_DIGITIZED_KNOWN,
    FLAG_DUPLICATE, FLAG_PAID_KNOWN, FLAG_PAID_ONLINE,
};
use std::io::{self, Write};

/// The header of the dossier records.
pub const DOSSIER_COLUMNS: [&str; 15] = [
    "file",
    "id",
    "procedure_code",
    "procedure",
    "field",
    "unit",
    "level",
    "channel",
    "received",
    "due",
    "finished",
    "status",
    "paid_online",
    "digitized",
    "rating",
];

/// The header of the problems: the Report's `Problem`, every one of them (ingest run with no
/// cap on the list: `Options::max_problems`).
pub const PROBLEM_COLUMNS: [&str; 7] =
    ["file", "row", "column", "field", "value", "code", "reason"];

/// Writes the dossiers kept (duplicates left out: the one counted stays) as CSV; returns how
/// many.
pub fn write_dossiers(ing: &Ingested, w: &mut impl Write) -> io::Result<u64> {
    let st = &ing.store;
    let mut line = String::new();
    put_row(&mut line, DOSSIER_COLUMNS.iter().copied());
    w.write_all(line.as_bytes())?;
    let mut n = 0;
    for d in st.dossiers.iter().filter(|d| d.flags & FLAG_DUPLICATE == 0) {
        line.clear();
        let (code, procedure) = st.procedure_code_name(d.procedure as usize);
        let cells = [
            d.file.to_string(),
            st.id(d.id).to_string(),
            code.unwrap_or("").to_string(),
            procedure.to_string(),
            st.fields.names[d.field as usize].clone(),
            st.units.names[d.unit as usize].clone(),
            d.level.key().to_string(),
            channel(d).to_string(),
            iso(d.received()),
            iso(d.due()),
            iso(d.finished()),
            d.status.map_or(String::new(), |s| (s as u8).to_string()),
            flag(d, FLAG_PAID_KNOWN, FLAG_PAID_ONLINE).to_string(),
            flag(d, FLAG_DIGITIZED_KNOWN, FLAG_DIGITIZED).to_string(),
            rating(d.rating).to_string(),
        ];
        put_row(&mut line, cells.iter().map(String::as_str));
        w.write_all(line.as_bytes())?;
        n += 1;
    }
    Ok(n)
}

/// Writes every problem ingest listed as CSV; returns how many.
pub fn write_problems(ing: &Ingested, w: &mut impl Write) -> io::Result<u64> {
    let mut line = String::new();
    put_row(&mut line, PROBLEM_COLUMNS.iter().copied());
    w.write_all(line.as_bytes())?;
    for p in &ing.problems {
        line.clear();
        let row = p.row.to_string();
        put_row(
            &mut line,
            [
                p.file.as_str(),
                &row,
                &p.column,
                p.field.as_deref().unwrap_or(""),
                &p.value,
                p.code.as_str(),
                &p.reason,
            ]
            .into_iter(),
        );
        w.write_all(line.as_bytes())?;
    }
    Ok(ing.problems.len() as u64)
}

/// One CSV line (`\n` at its end): a cell with a `,`, a quote or a line break is quoted, its
/// quotes doubled.
fn put_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, c) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push('\n');
}

fn channel(d: &Dossier) -> &'static str {
    if d.flags & FLAG_CHANNEL_KNOWN == 0 {
        return "";
    }
    match d.channel {
        Channel::Direct => "direct",
        Channel::Online => "online",
        Channel::Postal => "postal",
    }
}

/// `true` / `false` when the file says (`known` set), else empty.
fn flag(d: &Dossier, known: u8, yes: u8) -> &'static str {
    match (d.flags & known != 0, d.flags & yes != 0) {
        (false, _) => "",
        (true, true) => "true",
        (true, false) => "false",
    }
}

fn rating(r: Rating) -> &'static str {
    match r {
        Rating::None => "",
        Rating::Satisfied => "satisfied",
        Rating::Neutral => "neutral",
        Rating::Unsatisfied => "unsatisfied",
    }
}

/// `yyyy-mm-ddThh:mm`, empty for no date.
fn iso(m: Option<Minutes>) -> String {
    let Some(m) = m else {
        return String::new();
    };
    let day = day_of(m);
    let (y, mo, d) = civil_from_days(day);
    let min = m - day * MINUTES_PER_DAY;
    format!("{y:04}-{mo:02}-{d:02}T{:02}:{:02}", min / 60, min % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basics::time::days_from_civil;

    #[test]
    fn cells_are_quoted_when_they_must_and_dates_are_iso() {
        let mut s = String::new();
        put_row(&mut s, ["a", "b,c", "say \"hi\"", "x\ny", ""].into_iter());
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\n");
        let m = days_from_civil(2024, 2, 29) * MINUTES_PER_DAY + 17 * 60 + 5;
        assert_eq!(iso(Some(m)), "2024-02-29T17:05");
        assert_eq!(iso(None), "");
    }
}
