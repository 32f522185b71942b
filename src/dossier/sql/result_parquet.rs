//! An engine's result table saved as Parquet (`COPY … TO 'r.parquet'` in DuckDB, one file of
//! `res.write.parquet` in Spark) read into rows of text, the first row the column names, for
//! [`super::result`] to read as it reads the CSV. Native only (feature `parquet`).

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

/// Whether the bytes are a Parquet file (its magic number).
pub fn is_parquet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PAR1")
}

/// A cell as text: integers as written, a decimal with scale 0 or a whole double as its
/// integer, text as is, a null as empty.
fn text(f: &Field) -> String {
    match f {
        Field::Null => String::new(),
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => String::from_utf8_lossy(b.data()).into_owned(),
        Field::Decimal(d) if d.scale() == 0 => {
            let b = d.data();
            if b.is_empty() || b.len() > 16 {
                return f.to_string();
            }
            // big-endian two's complement, sign-extended to 128 bits
            let fill = if b[0] & 0x80 != 0 { 0xFF } else { 0 };
            let mut full = [fill; 16];
            full[16 - b.len()..].copy_from_slice(b);
            i128::from_be_bytes(full).to_string()
        }
        // DuckDB writes its 128-bit sums (HUGEINT) as DOUBLE: exact below 2^53
        Field::Double(x) if x.fract() == 0.0 && x.abs() < 9.007_199_254_740_992e15 => {
            format!("{x:.0}")
        }
        other => other.to_string(),
    }
}

/// The table's rows: the column names, then each row's cells as text. The error is a
/// Vietnamese sentence (a file the reader cannot read, even one that makes it panic).
pub fn rows(bytes: Vec<u8>) -> Result<Vec<Vec<String>>, String> {
    let read = move || -> Result<Vec<Vec<String>>, parquet::errors::ParquetError> {
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes))?;
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let mut out = vec![schema
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect::<Vec<_>>()];
        for row in reader.get_row_iter(None)? {
            out.push(row?.get_column_iter().map(|(_, f)| text(f)).collect());
        }
        Ok(out)
    };
    match std::panic::catch_unwind(read) {
        Ok(Ok(rows)) => Ok(rows),
        Ok(Err(e)) => Err(format!("Tệp Parquet không đọc được: {e}")),
        Err(_) => Err("Tệp Parquet hỏng: bộ đọc Parquet không đọc được tệp này".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::data_type::{ByteArray, Decimal};

    #[test]
    fn cells_read_as_the_csv_has_them() {
        let dec =
            |b: &[u8]| Field::Decimal(Decimal::from_bytes(ByteArray::from(b.to_vec()), 38, 0));
        for (f, want) in [
            (Field::Null, ""),
            (Field::Long(585_000), "585000"),
            (Field::Str("Bình Thuận".into()), "Bình Thuận"),
            (Field::Double(98_942.0), "98942"),
            (Field::Double(0.0), "0"),
            (dec(&[0x01, 0x82, 0x8E]), "98958"),
            (dec(&[0xFF, 0xFE]), "-2"),
        ] {
            assert_eq!(text(&f), want, "{f:?}");
        }
        assert_ne!(text(&Field::Double(0.5)), "0", "a fraction is not a count");
    }

    #[test]
    fn a_broken_file_is_a_message() {
        let e = rows(b"PAR1 not really PAR1".to_vec()).unwrap_err();
        assert!(e.starts_with("Tệp Parquet"), "{e}");
    }
}
