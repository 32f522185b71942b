//! The one vocabulary of cells, shared by every reader: dates, numbers in both notations, yes/no,
//! blank and total rows. A parser takes the cell's text and says what it holds or that it cannot
//! read it; the caller turns that into a problem with its row and column.

use crate::basics::problem::Code;
use crate::basics::text::fold;
use crate::basics::time::{minutes_of, Minutes};

/// A cell that could not be read as the kind of value its column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreadable;

/// Parses `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` (each with an optional
/// ` HH:MM[:SS]`), `HH:MM[:SS][,] dd/mm/yyyy`, ISO `yyyy-mm-dd[THH:MM[:SS][.fff][Z|±hh:mm]]` and
/// `yyyyMMdd[HHmm[ss]]`. Wall-clock time is kept as written (no zone conversion).
pub fn parse_date(s: &[u8]) -> Result<Minutes, Code> {
    const BAD: Code = Code::BadDate;
    if let Some(m) = fast_date(s) {
        return Ok(m);
    }
    if s.iter().all(u8::is_ascii_digit) {
        let n = |a: usize, b: usize| -> u32 {
            s[a..b]
                .iter()
                .fold(0, |acc, &c| acc * 10 + u32::from(c - b'0'))
        };
        return match s.len() {
            8 | 12 | 14 => {
                let (hh, mi, ss) = if s.len() >= 12 {
                    (
                        n(8, 10),
                        n(10, 12),
                        if s.len() == 14 { n(12, 14) } else { 0 },
                    )
                } else {
                    (0, 0, 0)
                };
                minutes_of(n(0, 4) as i32, n(4, 6), n(6, 8), hh, mi, ss).ok_or(BAD)
            }
            _ => Err(BAD),
        };
    }
    // Split into up to 7 digit groups, remembering each group's length and the byte after it.
    let mut groups = [(0u32, 0usize, 0u8); 7];
    let mut ng = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c.is_ascii_digit() {
            let start = i;
            let mut v: u32 = 0;
            while i < s.len() && s[i].is_ascii_digit() {
                if i - start >= 9 {
                    return Err(BAD);
                }
                v = v * 10 + u32::from(s[i] - b'0');
                i += 1;
            }
            if ng == groups.len() {
                return Err(BAD);
            }
            groups[ng] = (v, i - start, s.get(i).copied().unwrap_or(0));
            ng += 1;
        } else if matches!(c, b'/' | b'-' | b'.' | b':' | b' ' | b'T' | b',') {
            i += 1;
        } else if ng >= 6 && matches!(c, b'Z' | b'+') || (ng >= 3 && c == b'Z') {
            break; // a zone suffix: keep the wall clock
        } else {
            return Err(BAD);
        }
    }
    let g = &groups[..ng];
    if ng < 3 {
        return Err(BAD);
    }
    type Groups<'a> = &'a [(u32, usize, u8)];
    let (date, time): (Groups, Groups) = if g[0].1 == 4 {
        // ISO: y m d [H M [S [frac]]] [zone]
        if g[0].2 != b'-' && g[0].2 != b'/' {
            return Err(BAD);
        }
        (&g[..3], &g[3..])
    } else if g[0].2 == b':' {
        // time first: H M [S] d m y
        let tlen = if g.len() >= 6 && g[1].2 == b':' { 3 } else { 2 };
        (&g[tlen..], &g[..tlen])
    } else {
        (&g[..3], &g[3..])
    };
    if date.len() != 3 {
        return Err(BAD);
    }
    let (y, m, d) = if g[0].1 == 4 {
        (date[0].0 as i32, date[1].0, date[2].0)
    } else {
        if date[2].1 != 4 {
            return Err(BAD);
        }
        (date[2].0 as i32, date[1].0, date[0].0)
    };
    let (hh, mi, ss) = match time.len() {
        0 => (0, 0, 0),
        1 => return Err(BAD),
        2 => (time[0].0, time[1].0, 0),
        // seconds, possibly followed by a fraction of a second or an hour offset we ignore
        _ => (time[0].0, time[1].0, time[2].0),
    };
    if time.len() > 4 || (time.len() == 4 && g[0].1 != 4) {
        return Err(BAD);
    }
    minutes_of(y, m, d, hh, mi, ss).ok_or(BAD)
}

/// The common exported shape, `dd/mm/yyyy[ HH:MM[:SS]]` with two-digit day and month, read by
/// position. Anything else (or anything invalid) falls through to the general parser.
#[inline]
fn fast_date(s: &[u8]) -> Option<Minutes> {
    if !matches!(s.len(), 10 | 16 | 19) || !matches!(s[2], b'/' | b'-' | b'.') || s[5] != s[2] {
        return None;
    }
    let d2 = |i: usize| -> Option<u32> {
        let (a, b) = (s[i].wrapping_sub(b'0'), s[i + 1].wrapping_sub(b'0'));
        (a < 10 && b < 10).then_some(u32::from(a) * 10 + u32::from(b))
    };
    let (d, m) = (d2(0)?, d2(3)?);
    let y = d2(6)? * 100 + d2(8)?;
    let (hh, mi, ss) = match s.len() {
        10 => (0, 0, 0),
        _ if s[10] == b' ' && s[13] == b':' => {
            let ss = if s.len() == 19 {
                if s[16] != b':' {
                    return None;
                }
                d2(17)?
            } else {
                0
            };
            (d2(11)?, d2(14)?, ss)
        }
        _ => return None,
    };
    minutes_of(y as i32, m, d, hh, mi, ss)
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

/// Serde helpers for numbers a user typed: a field that takes a JSON number also takes the text
/// as typed («1.234,5», «81,61», «2024»), read by [`parse_number`] — the page sends what the user
/// wrote and the core decides, so the rule lives here only. An empty text is «not given».
pub mod typed {
    use super::parse_number;
    use serde::{de::Error, Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(f64),
        Text(String),
    }

    fn read<E: Error>(raw: Option<Raw>) -> Result<Option<f64>, E> {
        match raw {
            None => Ok(None),
            Some(Raw::Number(x)) => Ok(Some(x)),
            Some(Raw::Text(t)) => {
                parse_number(&t).map_err(|_| E::custom(format!("«{}» không phải là số", t.trim())))
            }
        }
    }

    /// `Option<f64>` from a number, a typed text or null.
    pub fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        read(Option::<Raw>::deserialize(d)?)
    }

    /// `Option<i32>` (a year, a count) from a whole number, a typed text or null.
    pub fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
        match read::<D::Error>(Option::<Raw>::deserialize(d)?)? {
            None => Ok(None),
            Some(x) if x.fract() == 0.0 && x.abs() < 1e9 => Ok(Some(x as i32)),
            Some(x) => Err(D::Error::custom(format!("«{x}» không phải là số nguyên"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basics::time::days_from_civil;

    fn m(y: i32, mo: u32, d: u32, h: i32, mi: i32) -> Minutes {
        days_from_civil(y, mo, d) * 1440 + h * 60 + mi
    }

    #[test]
    fn dates_in_every_accepted_form() {
        for (s, want) in [
            ("05/01/2024", m(2024, 1, 5, 0, 0)),
            ("5/1/2024", m(2024, 1, 5, 0, 0)),
            ("05-01-2024", m(2024, 1, 5, 0, 0)),
            ("05.01.2024", m(2024, 1, 5, 0, 0)),
            ("05/01/2024 14:30", m(2024, 1, 5, 14, 30)),
            ("05/01/2024 14:30:59", m(2024, 1, 5, 14, 30)),
            ("14:30, 05/01/2024", m(2024, 1, 5, 14, 30)),
            ("14:30:10 05/01/2024", m(2024, 1, 5, 14, 30)),
            ("2024-01-05", m(2024, 1, 5, 0, 0)),
            ("2024-01-05T14:30:00", m(2024, 1, 5, 14, 30)),
            ("2024-01-05 14:30", m(2024, 1, 5, 14, 30)),
            ("2024-01-05T14:30:00.123", m(2024, 1, 5, 14, 30)),
            ("2024-01-05T14:30:00Z", m(2024, 1, 5, 14, 30)),
            ("2024-01-05T14:30:00+07:00", m(2024, 1, 5, 14, 30)),
            ("20240105143059", m(2024, 1, 5, 14, 30)),
            ("20240105", m(2024, 1, 5, 0, 0)),
            ("29/02/2024", m(2024, 2, 29, 0, 0)),
        ] {
            assert_eq!(parse_date(s.as_bytes()), Ok(want), "{s}");
        }
    }

    #[test]
    fn bad_dates_are_refused() {
        for s in [
            "31/02/2024",
            "29/02/2023",
            "00/01/2024",
            "05/13/2024",
            "05/01/24",
            "hôm qua",
            "2024",
            "45292",
            "05/01/2024 25:00",
            "2024-13-01",
            "1/1/1800",
            "05/01/2024 14",
        ] {
            assert_eq!(parse_date(s.as_bytes()), Err(Code::BadDate), "{s}");
        }
    }

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
    fn yes_no() {
        assert_eq!(parse_yes_no("Có"), Ok(Some(true)));
        assert_eq!(parse_yes_no("Đã công khai"), Ok(Some(true)));
        assert_eq!(parse_yes_no("Chưa tích hợp"), Ok(Some(false)));
        assert_eq!(parse_yes_no(""), Ok(None));
        assert!(parse_yes_no("có lẽ?").is_ok());
        assert!(parse_yes_no("abc").is_err());
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct T {
        #[serde(default, deserialize_with = "typed::number")]
        n: Option<f64>,
        #[serde(default, deserialize_with = "typed::whole")]
        y: Option<i32>,
    }

    #[test]
    fn typed_numbers_from_json() {
        let t = |j: &str| serde_json::from_str::<T>(j).map_err(|e| e.to_string());
        assert_eq!(
            t(r#"{"n": 81.61, "y": 2024}"#),
            Ok(T {
                n: Some(81.61),
                y: Some(2024)
            })
        );
        assert_eq!(
            t(r#"{"n": "1.234,5", "y": "2024"}"#),
            Ok(T {
                n: Some(1234.5),
                y: Some(2024)
            })
        );
        assert_eq!(
            t(r#"{"n": "1,234.5"}"#),
            Ok(T {
                n: Some(1234.5),
                y: None
            })
        );
        assert_eq!(t(r#"{"n": "", "y": null}"#), Ok(T { n: None, y: None }));
        assert!(t(r#"{"n": "abc"}"#)
            .unwrap_err()
            .contains("«abc» không phải là số"));
        assert!(t(r#"{"y": "2024,5"}"#)
            .unwrap_err()
            .contains("không phải là số nguyên"));
    }
}
