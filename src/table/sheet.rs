//! Small whole-file CSV reading for the index inputs (catalogue, ranking table, manual entries):
//! decoding and delimiter sniffing are the ingest's (`ingest::decode`), header names are matched
//! after `text::fold` like `ingest::header`, numbers are read in vi-VN or plain form.

use crate::table::decode::{sniff_delimiter, Decode};

/// A decoded CSV file: records of cells (1-based record number = index + 1).
pub struct Table {
    pub rows: Vec<Vec<String>>,
    pub encoding: &'static str,
    pub delimiter: u8,
}

/// Decodes bytes (UTF-8 with or without BOM, UTF-16 LE/BE) to a String; invalid UTF-8 sequences
/// become U+FFFD rather than an error.
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    let mut d = Decode::new();
    let mut out = Vec::with_capacity(bytes.len());
    let mut scratch = Vec::new();
    let name = d
        .push(bytes, true, &mut scratch, &mut |b| out.extend_from_slice(b))
        .unwrap_or("utf-8");
    let text = match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    (text, name)
}

/// Reads a whole CSV file: one row per spreadsheet row (blank lines included, so that a row
/// number in a problem is the row a spreadsheet shows); each record is unquoted by csv-core.
pub fn read_table(bytes: &[u8]) -> Table {
    let (text, encoding) = decode_text(bytes);
    let delimiter = sniff_delimiter(text.as_bytes());
    let b = text.as_bytes();
    let mut rows = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    for i in 0..=b.len() {
        match b.get(i) {
            Some(b'"') => in_quotes = !in_quotes,
            Some(b'\n') if !in_quotes => {
                rows.push(record(&b[start..i], delimiter));
                start = i + 1;
            }
            None if start < b.len() => rows.push(record(&b[start..], delimiter)),
            _ => {}
        }
    }
    Table {
        rows,
        encoding,
        delimiter,
    }
}

/// The cells of one record (its bytes without the line end).
fn record(line: &[u8], delimiter: u8) -> Vec<String> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.is_empty() {
        return vec![String::new()];
    }
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; line.len() + 1];
    let mut ends = vec![0usize; line.len() + 1];
    let (mut input, mut nout_total, mut nend_total) = (line, 0, 0);
    loop {
        let (res, nin, nout, nend) =
            rdr.read_record(input, &mut out[nout_total..], &mut ends[nend_total..]);
        input = &input[nin..];
        nout_total += nout;
        nend_total += nend;
        match res {
            csv_core::ReadRecordResult::InputEmpty => continue, // then empty input: end
            csv_core::ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => break,
        }
    }
    let mut start = 0;
    ends[..nend_total]
        .iter()
        .map(|&e| {
            let cell = String::from_utf8_lossy(&out[start..e]).into_owned();
            start = e;
            cell
        })
        .collect()
}

pub fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

pub use crate::table::columns::match_columns;

pub fn col(map: &[(&'static str, usize)], key: &str) -> Option<usize> {
    map.iter().find(|(k, _)| *k == key).map(|&(_, c)| c)
}

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
