//! Whole small tables as rows of strings, for the index inputs (catalogue, ranking table, manual
//! entries): the whole-buffer entry point of the one record reader ([`crate::table::reader`]),
//! text decoding for JSON files, and the helpers a reader of rows needs (columns by field,
//! trimmed cells, blank rows).

use crate::table::decode::{Decode, Encoding};

/// Decodes bytes to a String, the encoding found as for delimited text ([`Decode`]: BOM, UTF-16,
/// else UTF-8 or the legacy Vietnamese encoding the text reads as); invalid UTF-8 sequences
/// become U+FFFD rather than an error.
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    let (text, name, _) = decode_text_with(bytes, None);
    (text, name)
}

/// [`decode_text`] in a forced encoding (`None`: found, as there), with the detector's doubt
/// about the encoding, in Vietnamese, when it had one.
pub fn decode_text_with(
    bytes: &[u8],
    encoding: Option<Encoding>,
) -> (String, &'static str, Option<String>) {
    let mut d = Decode::with_encoding(encoding);
    let mut out = Vec::with_capacity(bytes.len());
    let mut scratch = Vec::new();
    let name = d
        .push(bytes, true, &mut scratch, &mut |b| out.extend_from_slice(b))
        .unwrap_or("utf-8");
    let text = match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    (text, name, d.warning().map(String::from))
}

/// A whole table read at once by the one record reader ([`crate::table::reader`]): one row per
/// spreadsheet row, blank lines included.
pub use crate::table::reader::{read_all as read_table, Table};

/// A blank row ([`crate::table::cells::is_blank_row`]).
pub fn is_blank(row: &[String]) -> bool {
    crate::table::cells::is_blank_row(row)
}

pub use crate::table::columns::match_columns;

/// The column of a field in a column map (from [`match_columns`]).
pub fn col<K: PartialEq>(map: &[(K, usize)], key: K) -> Option<usize> {
    map.iter().find(|(k, _)| *k == key).map(|&(_, c)| c)
}

/// A row's cell at a column, trimmed; "" when the column is absent or the row short.
pub fn cell(row: &[String], c: Option<usize>) -> &str {
    c.and_then(|c| row.get(c)).map_or("", |s| s.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records() {
        let t =
            read_table("a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";3\n\"multi\nline\";2;\n".as_bytes());
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1], vec!["x;y", "say \"hi\"", "3"]);
        assert_eq!(t.rows[2], vec!["multi\nline", "2", ""]);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Mã,Tên\n1,Á\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let t = read_table(&utf16);
        assert_eq!(t.encoding, "utf-16le");
        assert_eq!(t.rows[1], vec!["1", "Á"]);
    }
}

#[cfg(test)]
mod read_table_tests {
    use super::*;

    #[test]
    fn rows_are_spreadsheet_rows() {
        let t = read_table("a;b\r\n\r\n\"x;\ny\";\"q\"\"q\"\r\nlast;1".as_bytes());
        assert_eq!(t.delimiter, b';');
        assert_eq!(
            t.rows,
            vec![
                vec!["a".to_string(), "b".into()],
                vec![String::new()],
                vec!["x;\ny".into(), "q\"q".into()],
                vec!["last".into(), "1".into()],
            ]
        );
    }
}
