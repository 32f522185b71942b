//! The canonical dossier records (issue 12, `tthc normalize`): what ingest kept — every reader,
//! the column mapping, the value rules, duplicates resolved — one row per dossier with typed
//! columns, for an engine (DuckDB, Spark) to run the same counts on; and every problem found,
//! one row each. CSV (UTF-8, `,`, RFC 4180 quoting, a header row), written to any `Write`; the
//! same [`Record`]s as Parquet in `canonical_parquet` (native, feature `parquet`).
//!
//! The dossier columns ([`DOSSIER_COLUMNS`]): `source` (the label of the files read: a province,
//! `tthc normalize --source`; the same on every row, so that several provinces' records can be
//! read as one table), `file` (its index in the Report's `files`), `id`, `procedure_code` (empty
//! when the file names the procedure only), `procedure`, `field`, `unit`, `level` (`province` /
//! `district` / `commune`, from the unit as the Report counts it), `channel` (`direct` /
//! `online` / `postal`; empty when the file does not say), `received`, `due`, `finished` (local
//! wall time, ISO `yyyy-mm-ddThh:mm`, empty when missing; `finished` is the end of processing,
//! else the return date, as the Report uses it), `status` (the DVCQG status code 1–10, empty when
//! the file has none), `paid_online`, `digitized` (`true` / `false`, empty when the file does not
//! say), `rating` (`satisfied` / `neutral` / `unsatisfied`, empty when none). The header names
//! are read back by the column mapping (`dossier::fields`; `source` and `file` match no field
//! and are left unmapped), so a normalised file is itself an input that gives the same Report.

use crate::basics::time::{civil_from_days, day_of, Minutes, MINUTES_PER_DAY};
use crate::dossier::ingested::Ingested;
use crate::dossier::model::{
    Channel, Dossier, Rating, FLAG_CHANNEL_KNOWN, FLAG_DIGITIZED, FLAG_DIGITIZED_KNOWN,
    FLAG_DUPLICATE, FLAG_PAID_KNOWN, FLAG_PAID_ONLINE,
};
use crate::dossier::store::Store;
use std::io::{self, Write};

/// The header of the dossier records: `source`, then the columns of a [`Record`] (the Parquet
/// columns, `canonical_parquet`, are the same but `source`, which there is the partition).
pub const DOSSIER_COLUMNS: [&str; 16] = [
    "source",
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

/// One dossier's canonical values, typed (`None`: the file does not say): the one place the
/// record's rules live, written as text by [`write_dossiers`] and as typed columns by
/// `canonical_parquet`. The words are the canonical ones the column mapping reads back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record<'a> {
    pub file: u16,
    pub id: &'a str,
    pub procedure_code: Option<&'a str>,
    pub procedure: &'a str,
    pub field: &'a str,
    pub unit: &'a str,
    /// `province` / `district` / `commune`.
    pub level: &'static str,
    /// `direct` / `online` / `postal`.
    pub channel: Option<&'static str>,
    pub received: Option<Minutes>,
    pub due: Option<Minutes>,
    /// The end of processing, else the return date.
    pub finished: Option<Minutes>,
    /// The DVCQG status code, 1–10.
    pub status: Option<u8>,
    pub paid_online: Option<bool>,
    pub digitized: Option<bool>,
    /// `satisfied` / `neutral` / `unsatisfied`.
    pub rating: Option<&'static str>,
}

/// The dossiers kept (duplicates left out: the one counted stays), in store order.
pub fn kept(ing: &Ingested) -> impl Iterator<Item = &Dossier> {
    ing.store
        .dossiers
        .iter()
        .filter(|d| d.flags & FLAG_DUPLICATE == 0)
}

/// A dossier's canonical values.
pub fn record<'a>(st: &'a Store, d: &Dossier) -> Record<'a> {
    let (procedure_code, procedure) = st.procedure_code_name(d.procedure() as usize);
    Record {
        file: d.file,
        id: st.id(d),
        procedure_code,
        procedure,
        field: &st.fields.names[d.field() as usize],
        unit: &st.units.names[d.unit() as usize],
        level: d.level.key(),
        channel: channel(d),
        received: d.received(),
        due: d.due(),
        finished: d.finished(),
        status: d.status.map(|s| s as u8),
        paid_online: flag(d, FLAG_PAID_KNOWN, FLAG_PAID_ONLINE),
        digitized: flag(d, FLAG_DIGITIZED_KNOWN, FLAG_DIGITIZED),
        rating: rating(d.rating),
    }
}

/// Writes the dossiers kept ([`kept`]) as CSV, `source` (the label of the files: a province,
/// a period) on every row; returns how many.
pub fn write_dossiers(ing: &Ingested, source: &str, w: &mut impl Write) -> io::Result<u64> {
    let mut line = String::new();
    put_row(&mut line, DOSSIER_COLUMNS.iter().copied());
    w.write_all(line.as_bytes())?;
    let mut n = 0;
    let text = |b: Option<bool>| b.map_or("", |b| if b { "true" } else { "false" });
    for d in kept(ing) {
        line.clear();
        let r = record(&ing.store, d);
        let (file, received, due, finished) = (
            r.file.to_string(),
            iso(r.received),
            iso(r.due),
            iso(r.finished),
        );
        let status = r.status.map_or(String::new(), |s| s.to_string());
        let cells = [
            source,
            &file,
            r.id,
            r.procedure_code.unwrap_or(""),
            r.procedure,
            r.field,
            r.unit,
            r.level,
            r.channel.unwrap_or(""),
            &received,
            &due,
            &finished,
            &status,
            text(r.paid_online),
            text(r.digitized),
            r.rating.unwrap_or(""),
        ];
        put_row(&mut line, cells.into_iter());
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

/// The partition folder of a source: `source=LABEL`, with the characters Spark and Hive escape
/// in a partition value written `%XX` (control characters, DEL, `" # % ' * / : = ? \ { [ ] ^`);
/// spaces and Vietnamese letters stay. An empty label is Hive's null partition.
pub fn partition(label: &str) -> String {
    if label.is_empty() {
        return "source=__HIVE_DEFAULT_PARTITION__".to_string();
    }
    let mut out = String::from("source=");
    for c in label.chars() {
        if c.is_ascii_control() || "\"#%'*/:=?\\{[]^".contains(c) {
            out += &format!("%{:02X}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
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

fn channel(d: &Dossier) -> Option<&'static str> {
    if d.flags & FLAG_CHANNEL_KNOWN == 0 {
        return None;
    }
    Some(match d.channel {
        Channel::Direct => "direct",
        Channel::Online => "online",
        Channel::Postal => "postal",
    })
}

/// Whether the flag `yes` is set, when the file says (`known` set).
fn flag(d: &Dossier, known: u8, yes: u8) -> Option<bool> {
    (d.flags & known != 0).then_some(d.flags & yes != 0)
}

fn rating(r: Rating) -> Option<&'static str> {
    match r {
        Rating::None => None,
        Rating::Satisfied => Some("satisfied"),
        Rating::Neutral => Some("neutral"),
        Rating::Unsatisfied => Some("unsatisfied"),
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
