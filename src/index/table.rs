//! Small whole-file CSV reading for the index inputs (catalogue, ranking table, manual entries):
//! decoding and delimiter sniffing are the ingest's (`ingest::decode`), header names are matched
//! after `text::fold` like `ingest::header`, numbers are read in vi-VN or plain form.

use crate::ingest::decode::{sniff_delimiter, Decode};
use crate::text::fold;

/// A decoded CSV file: records of cells (1-based record number = index + 1).
/// A cell that could not be read as the kind of value its column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreadable;

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

pub use crate::ingest::header::match_columns;

pub fn col(map: &[(&'static str, usize)], key: &str) -> Option<usize> {
    map.iter().find(|(k, _)| *k == key).map(|&(_, c)| c)
}

pub fn cell(row: &[String], c: Option<usize>) -> &str {
    c.and_then(|c| row.get(c)).map_or("", |s| s.trim())
}

/// A number as people type it: `81,61`, `81.61`, `1.994`, `98.942`, `1,234.5`, `12 %`, `-3`.
/// With both separators the last one is the decimal; a lone `,` is decimal; a lone `.` followed
/// by exactly three digits (and a non-zero integer part) is a thousands separator, as in vi-VN.
/// `Ok(None)` for an empty cell or a dash.
pub fn parse_number(s: &str) -> Result<Option<f64>, Unreadable> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '%')
        .collect();
    if t.is_empty() || t == "-" || t == "–" {
        return Ok(None);
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(Unreadable);
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let normal: String = if commas > 0 && dots > 0 {
        let last_comma = body.rfind(',').unwrap_or(0);
        let last_dot = body.rfind('.').unwrap_or(0);
        let (group, dec) = if last_comma > last_dot {
            ('.', ',')
        } else {
            (',', '.')
        };
        if body.matches(dec).count() > 1 {
            return Err(Unreadable);
        }
        body.chars()
            .filter(|&c| c != group)
            .map(|c| if c == dec { '.' } else { c })
            .collect()
    } else if commas == 1 {
        body.replace(',', ".")
    } else if commas > 1 {
        if !grouped(body, ',') {
            return Err(Unreadable);
        }
        body.replace(',', "")
    } else if dots > 1 {
        if !grouped(body, '.') {
            return Err(Unreadable);
        }
        body.replace('.', "")
    } else if dots == 1 {
        let (ip, fp) = body.split_once('.').unwrap_or((body, ""));
        if fp.len() == 3 && !ip.is_empty() && ip != "0" && ip.len() <= 3 {
            format!("{ip}{fp}")
        } else {
            body.to_string()
        }
    } else {
        body.to_string()
    };
    let v: f64 = normal.parse().map_err(|_| Unreadable)?;
    if !v.is_finite() {
        return Err(Unreadable);
    }
    Ok(Some(if neg { -v } else { v }))
}

/// `1.234.567`: groups of exactly three digits after the first.
fn grouped(s: &str, sep: char) -> bool {
    let parts: Vec<&str> = s.split(sep).collect();
    !parts[0].is_empty() && parts[0].len() <= 3 && parts[1..].iter().all(|p| p.len() == 3)
}

/// Yes/no cells of catalogues and tables: Có/Không, x, 1/0, Đã…/Chưa…, true/false.
pub fn parse_yes_no(s: &str) -> Result<Option<bool>, Unreadable> {
    let f = fold(s);
    if f.is_empty() {
        return Ok(None);
    }
    match f.as_str() {
        "0" | "khong" | "false" | "no" | "n" | "chua" | "-" => Ok(Some(false)),
        "1" | "co" | "x" | "true" | "yes" | "y" | "da" | "v" => Ok(Some(true)),
        _ if f.starts_with("da ") || f.starts_with("co ") => Ok(Some(true)),
        _ if f.starts_with("chua ") || f.starts_with("khong ") => Ok(Some(false)),
        _ => Err(Unreadable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for (s, want) in [
            ("81,61", Some(81.61)),
            ("81.61", Some(81.61)),
            ("1.994", Some(1994.0)),
            ("98.942", Some(98942.0)),
            ("1.234.567", Some(1234567.0)),
            ("1,234.5", Some(1234.5)),
            ("1.234,5", Some(1234.5)),
            ("0.125", Some(0.125)),
            ("12 %", Some(12.0)),
            ("-18,76", Some(-18.76)),
            ("", None),
            ("-", None),
            ("100", Some(100.0)),
        ] {
            assert_eq!(parse_number(s), Ok(want), "{s}");
        }
        for bad in ["abc", "1,2,3", "1.2.3.4x", "1.23.4"] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
    }

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

    #[test]
    fn yes_no() {
        assert_eq!(parse_yes_no("Có"), Ok(Some(true)));
        assert_eq!(parse_yes_no("Đã công khai"), Ok(Some(true)));
        assert_eq!(parse_yes_no("Chưa tích hợp"), Ok(Some(false)));
        assert_eq!(parse_yes_no(""), Ok(None));
        assert!(parse_yes_no("có lẽ?").is_ok());
        assert!(parse_yes_no("abc").is_err());
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
