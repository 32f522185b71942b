//! The canonical dossier records as Parquet (issue 12, `tthc normalize --format parquet`), native
//! only (feature `parquet`): the same [`Record`]s as the CSV of `dossier::canonical`, typed
//! columns an engine (DuckDB, Spark, Polars) reads without guessing.
//!
//! Layout: a hive-partitioned data set, one partition per source, so that the records of many
//! provinces are read as one table with a `source` column: `DIR/dossiers.parquet/source=LABEL/
//! part-0.parquet` ([`DATASET`], [`partition`], [`PART_FILE`]). Row groups of at most
//! [`MAX_PARQUET_ROW_GROUP_ROWS`] rows, Snappy pages, dictionary-encoded text.
//!
//! Schema ([`SCHEMA`]; the CSV's columns but `source`): `file` INT32; `id`, `procedure_code`,
//! `procedure`, `field`, `unit`, `level`, `channel`, `rating` STRING; `received`, `due`,
//! `finished` INT64 TIMESTAMP(MILLIS, isAdjustedToUTC = false): local wall time, as the exports
//! carry it (`basics::time`: minutes since 1970-01-01 00:00, × 60.000); `status` INT32;
//! `paid_online`, `digitized` BOOLEAN. `procedure_code`, `channel`, the dates, `status`, the two
//! flags and `rating` are null where the CSV cell is empty.

use crate::basics::limits::MAX_PARQUET_ROW_GROUP_ROWS;
use crate::dossier::canonical::{kept, record, Record};
use crate::dossier::ingested::Ingested;
use crate::dossier::model::Dossier;
use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::{self, Write};
use std::sync::Arc;

/// The data set's folder in the output folder.
pub const DATASET: &str = "dossiers.parquet";
/// The file of one partition.
pub const PART_FILE: &str = "part-0.parquet";

/// The Parquet schema, in the order of `canonical::DOSSIER_COLUMNS` (without `source`).
pub const SCHEMA: &str = "message dossier {
  REQUIRED INT32 file;
  REQUIRED BYTE_ARRAY id (STRING);
  OPTIONAL BYTE_ARRAY procedure_code (STRING);
  REQUIRED BYTE_ARRAY procedure (STRING);
  REQUIRED BYTE_ARRAY field (STRING);
  REQUIRED BYTE_ARRAY unit (STRING);
  REQUIRED BYTE_ARRAY level (STRING);
  OPTIONAL BYTE_ARRAY channel (STRING);
  OPTIONAL INT64 received (TIMESTAMP(MILLIS,false));
  OPTIONAL INT64 due (TIMESTAMP(MILLIS,false));
  OPTIONAL INT64 finished (TIMESTAMP(MILLIS,false));
  OPTIONAL INT32 status;
  OPTIONAL BOOLEAN paid_online;
  OPTIONAL BOOLEAN digitized;
  OPTIONAL BYTE_ARRAY rating (STRING);
}";

/// Values handed to a column writer at once (the writer pages and encodes them itself).
const BATCH_ROWS: usize = 8_192;

pub use crate::dossier::canonical::partition;

/// Writes the dossiers kept (duplicates left out, as in the CSV) as one Parquet file; returns
/// how many. `w` is written through, not flushed.
pub fn write_dossiers<W: Write + Send>(ing: &Ingested, w: W) -> io::Result<u64> {
    write_groups(ing, w, MAX_PARQUET_ROW_GROUP_ROWS)
}

/// [`write_dossiers`] with row groups of at most `group_rows` rows.
fn write_groups<W: Write + Send>(ing: &Ingested, w: W, group_rows: usize) -> io::Result<u64> {
    let schema = Arc::new(parse_message_type(SCHEMA)?);
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("tthc-analytics {}", env!("CARGO_PKG_VERSION")))
        .build();
    let mut file = SerializedFileWriter::new(w, schema, Arc::new(props))?;
    let optional: Vec<bool> = (file.schema_descr().columns().iter())
        .map(|c| c.max_def_level() > 0)
        .collect();
    let dossiers: Vec<&Dossier> = kept(ing).collect();
    let mut buf = Buffers::default();
    for group in dossiers.chunks(group_rows.max(1)) {
        let mut rg = file.next_row_group()?;
        let mut c = 0;
        while let Some(mut col) = rg.next_column()? {
            for batch in group.chunks(BATCH_ROWS) {
                buf.clear();
                for d in batch {
                    buf.push(cell(&record(&ing.store, d), c));
                }
                buf.write(col.untyped(), optional[c])?;
            }
            col.close()?;
            c += 1;
        }
        rg.close()?;
    }
    file.close()?;
    Ok(dossiers.len() as u64)
}

/// One value of a record, by its physical type; `None` is null.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cell<'a> {
    Int(Option<i32>),
    Long(Option<i64>),
    Bool(Option<bool>),
    Text(Option<&'a str>),
}

/// Milliseconds of a local wall time.
fn millis(m: Option<i32>) -> Cell<'static> {
    Cell::Long(m.map(|m| i64::from(m) * 60_000))
}

/// The value of column `c` of [`SCHEMA`].
fn cell<'a>(r: &Record<'a>, c: usize) -> Cell<'a> {
    match c {
        0 => Cell::Int(Some(r.file.into())),
        1 => Cell::Text(Some(r.id)),
        2 => Cell::Text(r.procedure_code),
        3 => Cell::Text(Some(r.procedure)),
        4 => Cell::Text(Some(r.field)),
        5 => Cell::Text(Some(r.unit)),
        6 => Cell::Text(Some(r.level)),
        7 => Cell::Text(r.channel),
        8 => millis(r.received),
        9 => millis(r.due),
        10 => millis(r.finished),
        11 => Cell::Int(r.status.map(i32::from)),
        12 => Cell::Bool(r.paid_online),
        13 => Cell::Bool(r.digitized),
        14 => Cell::Text(r.rating),
        _ => unreachable!("the schema has 15 columns"),
    }
}

/// A batch of one column: the definition levels (1 a value, 0 a null) and the values.
#[derive(Default)]
struct Buffers {
    def: Vec<i16>,
    ints: Vec<i32>,
    longs: Vec<i64>,
    bools: Vec<bool>,
    texts: Vec<ByteArray>,
}

impl Buffers {
    fn clear(&mut self) {
        self.def.clear();
        self.ints.clear();
        self.longs.clear();
        self.bools.clear();
        self.texts.clear();
    }

    fn push(&mut self, c: Cell) {
        let present = match c {
            Cell::Int(v) => v.map(|v| self.ints.push(v)),
            Cell::Long(v) => v.map(|v| self.longs.push(v)),
            Cell::Bool(v) => v.map(|v| self.bools.push(v)),
            Cell::Text(v) => v.map(|v| self.texts.push(ByteArray::from(v))),
        };
        self.def.push(i16::from(present.is_some()));
    }

    fn write(&self, col: &mut ColumnWriter, optional: bool) -> parquet::errors::Result<()> {
        let def = optional.then_some(&self.def[..]);
        match col {
            ColumnWriter::Int32ColumnWriter(w) => w.write_batch(&self.ints, def, None),
            ColumnWriter::Int64ColumnWriter(w) => w.write_batch(&self.longs, def, None),
            ColumnWriter::BoolColumnWriter(w) => w.write_batch(&self.bools, def, None),
            ColumnWriter::ByteArrayColumnWriter(w) => w.write_batch(&self.texts, def, None),
            _ => unreachable!("no other physical type in the schema"),
        }?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::canonical::DOSSIER_COLUMNS;

    #[test]
    fn partition_values_are_escaped_as_spark_does() {
        for (label, dir) in [
            ("Bình Thuận", "source=Bình Thuận"),
            ("Bình Thuận 2024", "source=Bình Thuận 2024"),
            ("a/b\\c", "source=a%2Fb%5Cc"),
            ("x=1", "source=x%3D1"),
            ("50%", "source=50%25"),
            ("C:dir?#", "source=C%3Adir%3F%23"),
            ("\"q\" 'q' *", "source=%22q%22 %27q%27 %2A"),
            ("{[^]}", "source=%7B%5B%5E%5D}"),
            ("tab\there\nnew\u{7f}", "source=tab%09here%0Anew%7F"),
            ("..", "source=.."),
            ("", "source=__HIVE_DEFAULT_PARTITION__"),
        ] {
            assert_eq!(partition(label), dir, "{label:?}");
        }
    }

    #[test]
    fn the_rows_are_split_into_row_groups_of_the_limit() {
        use crate::dossier::{Analyzer, Options};
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let mut a = Analyzer::new(Options::default()).unwrap();
        a.begin_file("t.csv");
        let row = "Sở Tư pháp;02/01/2024;10/01/2024;09/01/2024;10\n";
        let mut text =
            "Mã hồ sơ;Cơ quan giải quyết;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái\n"
                .to_string();
        for i in 0..7 {
            text += &format!("H{i};{row}");
        }
        text += &format!("H3;{row}"); // a duplicate, left out
        a.push(text.as_bytes());
        a.end_file();
        let ing = a.finish();
        for (group_rows, groups) in [(3, vec![3, 3, 1]), (7, vec![7]), (100, vec![7])] {
            let mut bytes = Vec::new();
            assert_eq!(write_groups(&ing, &mut bytes, group_rows).unwrap(), 7);
            let r = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
            let rows: Vec<i64> = (r.metadata().row_groups().iter())
                .map(|g| g.num_rows())
                .collect();
            assert_eq!(rows, groups, "{group_rows}");
        }
    }

    #[test]
    fn the_schema_has_the_csv_columns_but_source() {
        let schema = parse_message_type(SCHEMA).unwrap();
        let names: Vec<&str> = schema.get_fields().iter().map(|f| f.name()).collect();
        assert_eq!(names, DOSSIER_COLUMNS[1..]);
    }
}
