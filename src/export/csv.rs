//! CSV out: [`table_csv`] writes rows of strings as UTF-8 with a byte-order mark (so that Excel
//! reads Vietnamese text as UTF-8 rather than as the machine's ANSI code page), `,` or `;` between
//! cells, CRLF after every row, and RFC 4180 quoting: a cell holding the delimiter, a double
//! quote, CR or LF is enclosed in double quotes and its quotes doubled.
//!
//! # Formula injection
//!
//! A spreadsheet opening a CSV takes a cell that starts with `=`, `+`, `-` or `@` (and, in some
//! programs, a tab or CR before them) as a formula, which can run commands (`=cmd|' /C calc'!A0`)
//! or send data away (`=HYPERLINK(…)`). Unit and procedure names come from the user's files, so
//! [`neutralise`] prefixes such a cell with `'` (OWASP's advice): the spreadsheet then shows the
//! text, with the apostrophe visible. The full-width forms `＝ ＋ － ＠`, which some
//! spreadsheets also accept as formula starts, are treated the same.
//!
//! One exception, on purpose: a cell that is a plain negative number — `-` then digits with `.`
//! or `,` separators and an optional final `%` (`-5`, `-1,50`, `-1.234,5`, `-0,16%`) — is left as
//! it is. It cannot hold a function name, a reference or an operator, every spreadsheet reads it
//! as a number, and prefixing it would turn every negative number of a table (the ranking's
//! «Tăng/giảm») into text.

/// The `'` that makes a spreadsheet read a cell as text.
const TEXT_MARK: char = '\'';

/// Whether a spreadsheet could read `s` as a formula.
fn formula_like(s: &str) -> bool {
    matches!(
        s.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
    )
}

/// `-` followed by digits with `.` / `,` between them and an optional final `%`: a negative
/// number, never a formula.
fn negative_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-') else {
        return false;
    };
    let body = rest.strip_suffix('%').unwrap_or(rest);
    let b = body.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
        && b.iter()
            .all(|c| c.is_ascii_digit() || *c == b'.' || *c == b',')
}

/// The cell as it is safe to write into a CSV: `'` before a formula-like start (see the module
/// docs), otherwise unchanged.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if formula_like(cell) && !negative_number(cell) {
        let mut s = String::with_capacity(cell.len() + 1);
        s.push(TEXT_MARK);
        s.push_str(cell);
        s.into()
    } else {
        cell.into()
    }
}

/// Rows of strings as CSV bytes: UTF-8 with BOM, `delimiter` between cells (`,` or `;`; tab
/// and `|` are also accepted, anything else is taken as `,`), CRLF after each row, RFC 4180
/// quoting, and formula-like cells neutralised (module docs).
pub fn table_csv(rows: &[Vec<String>], delimiter: u8) -> Vec<u8> {
    let d = match delimiter {
        b';' | b'\t' | b'|' => delimiter,
        _ => b',',
    };
    let size: usize = rows
        .iter()
        .map(|r| r.iter().map(|c| c.len() + 3).sum::<usize>() + 2)
        .sum();
    let mut out = Vec::with_capacity(size + 3);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(d);
            }
            let cell = neutralise(cell);
            let quote = cell
                .bytes()
                .any(|c| c == d || c == b'"' || c == b'\r' || c == b'\n');
            if quote {
                out.push(b'"');
                for c in cell.bytes() {
                    if c == b'"' {
                        out.push(b'"');
                    }
                    out.push(c);
                }
                out.push(b'"');
            } else {
                out.extend_from_slice(cell.as_bytes());
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_numbers_kept() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+84 912", "'+84 912"),
            ("@SUM(1)", "'@SUM(1)"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("＝1+1", "'＝1+1"),
            ("-", "'-"),
            ("-,5", "'-,5"),
            ("-5-", "'-5-"),
            ("-5", "-5"),
            ("-1,50", "-1,50"),
            ("-1.234,5", "-1.234,5"),
            ("-0,16%", "-0,16%"),
            ("Sở Tư pháp", "Sở Tư pháp"),
            ("", ""),
            ("a=1", "a=1"),
            ("–", "–"),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn rfc_4180_with_bom_and_crlf() {
        let rows = vec![
            vec!["Đơn vị".to_string(), "Số \"hồ sơ\"".into(), "a;b".into()],
            vec!["x,y".into(), "hai\ndòng".into(), String::new()],
        ];
        let semi = String::from_utf8(table_csv(&rows, b';')).unwrap();
        assert_eq!(
            semi,
            "\u{feff}Đơn vị;\"Số \"\"hồ sơ\"\"\";\"a;b\"\r\nx,y;\"hai\ndòng\";\r\n"
        );
        let comma = String::from_utf8(table_csv(&rows, b',')).unwrap();
        assert_eq!(
            comma,
            "\u{feff}Đơn vị,\"Số \"\"hồ sơ\"\"\",a;b\r\n\"x,y\",\"hai\ndòng\",\r\n"
        );
        assert_eq!(table_csv(&[], b'"'), b"\xEF\xBB\xBF");
        assert_eq!(
            table_csv(&[vec!["a".into(), "b".into()]], b'"'),
            "\u{feff}a,b\r\n".as_bytes()
        );
    }
}
