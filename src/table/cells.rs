//! The one vocabulary of cells, shared by every reader: dates, numbers in both notations, yes/no,
//! blank and total rows. A parser takes the cell's text and says what it holds or that it cannot
//! read it; the caller turns that into a problem with its row and column.

use crate::basics::problem::Code;
use crate::basics::text::fold;
use crate::basics::time::{minutes_of, Minutes, FIRST_YEAR, YEARS};

/// A cell that could not be read as the kind of value its column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreadable;

/// Parses `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` (each with an optional
/// ` HH:MM[:SS]`), `HH:MM[:SS][,] dd/mm/yyyy`, ISO `yyyy-mm-dd[THH:MM[:SS][.fff][Z|±hh:mm]]` and
/// `yyyyMMdd[HHmm[ss]]`. Wall-clock time is kept as written (no zone conversion).
pub fn parse_date(s: &[u8]) -> Result<Minutes, Code> {
    if let Some(m) = fast_date(s) {
        return Ok(m);
    }
    if s.iter().all(u8::is_ascii_digit) {
        return compact_date(s);
    }
    grouped_date(&digit_groups(s)?)
}

/// An Excel serial date written as a number (`45292`, `45292.375`), as a workbook holds a date
/// whose cell has no date format: days since 30/12/1899 in the 1900 system, whose day 60 is
/// Excel's fictitious 29/02/1900; only serials from 1/3/1900 (61) to 31/12/2100 are dates here.
/// The time of day is rounded to the second, then cut to the minute as every date is.
pub fn parse_excel_serial(s: &[u8]) -> Option<Minutes> {
    let text = std::str::from_utf8(s).ok()?;
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let v: f64 = text.parse().ok()?;
    if !(61.0..73_051.0).contains(&v) {
        return None;
    }
    let days = v.floor();
    let seconds = ((v - days) * 86_400.0).round() as i32;
    let (y, m, d) = crate::basics::time::civil_from_days(
        crate::basics::time::days_from_civil(1899, 12, 30) + days as i32,
    );
    let base = crate::basics::time::minutes_of(y, m, d, 0, 0, 0)?;
    Some(base + seconds.min(86_399) / 60)
}

/// `yyyyMMdd[HHmm[ss]]`, the DVCQG sync format.
fn compact_date(s: &[u8]) -> Result<Minutes, Code> {
    let n = |a: usize, b: usize| -> u32 {
        s[a..b]
            .iter()
            .fold(0, |acc, &c| acc * 10 + u32::from(c - b'0'))
    };
    let (hh, mi, ss) = match s.len() {
        8 => (0, 0, 0),
        12 => (n(8, 10), n(10, 12), 0),
        14 => (n(8, 10), n(10, 12), n(12, 14)),
        _ => return Err(Code::BadDate),
    };
    checked(n(0, 4) as i32, n(4, 6), n(6, 8), hh, mi, ss)
}

/// [`minutes_of`], telling a well-formed date of a year outside 1900–2100 (0024, 2224: a typo
/// of the year) apart from a malformed one.
fn checked(y: i32, m: u32, d: u32, hh: u32, mi: u32, ss: u32) -> Result<Minutes, Code> {
    minutes_of(y, m, d, hh, mi, ss).ok_or_else(|| {
        // the same day in a year of the table with the same leap status (2000 is leap, 2001 not)
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let year_only = minutes_of(if leap { 2000 } else { 2001 }, m, d, hh, mi, ss).is_some();
        let (first, last) = (FIRST_YEAR, FIRST_YEAR + YEARS as i32 - 1);
        if year_only && !(first..=last).contains(&y) {
            Code::DateYear
        } else {
            Code::BadDate
        }
    })
}

/// One run of digits in a date: its value, its length and the byte after it (0 at the end).
type Group = (u32, usize, u8);

/// Splits a date into at most 7 digit groups; separators are `/ - . : , T` and spaces, and a
/// zone suffix (`Z`, `+hh:mm` after the seconds) ends the date.
fn digit_groups(s: &[u8]) -> Result<Vec<Group>, Code> {
    const BAD: Code = Code::BadDate;
    let mut groups: Vec<Group> = Vec::with_capacity(7);
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
            if groups.len() == 7 {
                return Err(BAD);
            }
            groups.push((v, i - start, s.get(i).copied().unwrap_or(0)));
        } else if matches!(c, b'/' | b'-' | b'.' | b':' | b' ' | b'T' | b',') {
            i += 1;
        } else if groups.len() >= 6 && matches!(c, b'Z' | b'+') || (groups.len() >= 3 && c == b'Z')
        {
            break; // a zone suffix: keep the wall clock
        } else {
            return Err(BAD);
        }
    }
    Ok(groups)
}

/// A date from its digit groups: ISO (a 4-digit first group), time first (`HH:MM[:SS] d m y`),
/// or day first (`d m y [H M [S]]`, a 4-digit year).
fn grouped_date(g: &[Group]) -> Result<Minutes, Code> {
    const BAD: Code = Code::BadDate;
    if g.len() < 3 {
        return Err(BAD);
    }
    let iso = g[0].1 == 4;
    let (date, time): (&[Group], &[Group]) = if iso {
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
    if date.len() != 3 || (!iso && date[2].1 != 4) {
        return Err(BAD);
    }
    let (y, m, d) = if iso {
        (date[0].0 as i32, date[1].0, date[2].0)
    } else {
        (date[2].0 as i32, date[1].0, date[0].0)
    };
    // seconds may be followed by a fraction of a second (ISO only), which is ignored
    let (hh, mi, ss) = match time.len() {
        0 => (0, 0, 0),
        2 => (time[0].0, time[1].0, 0),
        3 => (time[0].0, time[1].0, time[2].0),
        4 if iso => (time[0].0, time[1].0, time[2].0),
        _ => return Err(BAD),
    };
    checked(y, m, d, hh, mi, ss)
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

/// What a yes/no cell says ([`parse_yes_no`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
    /// Nothing written.
    Blank,
    /// «Có lẽ…», «Có thể…» («maybe»): a «có» that is not a yes. Each reader says what it means
    /// for its column (see [`parse_yes_no`]).
    Hedged,
}

/// The one yes/no rule of the crate, for dossier flags (Số hóa, Thanh toán trực tuyến) and the
/// index's catalogue columns (Công khai, Tích hợp, Phí). Matched after [`fold`] (case and
/// diacritics do not matter):
///
/// - [`YesNo::Blank`]: an empty cell;
/// - no: `-`, `–`, `0`, Không, Chưa, false, no, n, and «Chưa …» / «Không …» («Chưa số hóa»);
/// - yes: `1`, Có, Đã, x, v (a tick), true, yes, y, and «Đã …» / «Có …» («Đã công khai», «Có
///   tích hợp»); `2` is yes too: the DVCQG code for «paid through the province's gateway»;
/// - [`YesNo::Hedged`]: «Có lẽ…», «Có thể…»;
/// - anything else is unreadable, a cell of punctuation only («?») included.
///
/// What the readers make of it: a dossier flag is yes only for [`YesNo::Yes`], no for
/// [`YesNo::No`] and [`YesNo::Blank`], and a hedge or an unreadable cell is a `bad_bool`
/// problem; a catalogue column reads a blank as «not marked» (no) and, as it always has, a
/// hedge as marked («Có…» begins the cell), an unreadable cell being a `bad_value` problem.
pub fn parse_yes_no(s: &str) -> Result<YesNo, Unreadable> {
    let t = s.trim();
    match t {
        "" => return Ok(YesNo::Blank),
        "-" | "–" => return Ok(YesNo::No),
        _ => {}
    }
    let f = fold(t);
    let (first, rest) = f.split_once(' ').unwrap_or((f.as_str(), ""));
    match (first, rest) {
        ("0" | "khong" | "false" | "no" | "n" | "chua", "") => Ok(YesNo::No),
        ("1" | "2" | "co" | "da" | "x" | "v" | "true" | "yes" | "y", "") => Ok(YesNo::Yes),
        ("co", r) if r == "le" || r.starts_with("le ") || r == "the" || r.starts_with("the ") => {
            Ok(YesNo::Hedged)
        }
        ("co" | "da", _) => Ok(YesNo::Yes),
        ("chua" | "khong", _) => Ok(YesNo::No),
        _ => Err(Unreadable),
    }
}

/// How many leading cells of a row may carry a total label (STT, code, name, unit…).
pub const TOTAL_LABEL_CELLS: usize = 4;

/// A cell that labels a total row: «Tổng cộng», «Tổng số…», «Tổng», «Cộng», «Total», each
/// alone or followed by a number or punctuation («Tổng cộng:», «Cộng 152»); «Tổng cộng toàn
/// tỉnh» and «Tổng số hồ sơ» too. Not a total: names that only begin like one — «Tổng cục
/// Thuế», «Công an tỉnh», «Công bố…», «Công Thương» (folded, «Cộng» and «Công» are one word,
/// so «cong» counts only alone or before a number, or when written «Cộng» with its dot).
pub fn is_total_label(cell: &str) -> bool {
    let f = fold(cell);
    let mut words = f.split(' ');
    let first = words.next().unwrap_or("");
    let second = words.next();
    let numeric = |w: Option<&str>| w.is_none_or(|w| w.bytes().all(|b| b.is_ascii_digit()));
    match first {
        "tong" => numeric(second) || matches!(second, Some("cong" | "so")),
        "cong" => numeric(second) || starts_with_cong(cell),
        "total" => numeric(second),
        _ => false,
    }
}

/// «Cộng» (with its dot below, any case) as the first word, as opposed to «Công».
fn starts_with_cong(cell: &str) -> bool {
    let w: String = cell
        .trim()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    crate::basics::text::nfc(&w) == "cộng"
}

/// A total row: one of its first [`TOTAL_LABEL_CELLS`] cells is a total label
/// ([`is_total_label`]). The one test of every reader (dossier exports, catalogues, ranking
/// tables); a reader may add its own condition (the dossier reader: no receipt date).
pub fn is_total_row<S: AsRef<[u8]>>(cells: impl IntoIterator<Item = S>) -> bool {
    cells
        .into_iter()
        .take(TOTAL_LABEL_CELLS)
        .any(|c| is_total_label(&String::from_utf8_lossy(c.as_ref())))
}

/// A blank row: every cell empty after trimming white space (a non-breaking space included; a
/// blank line is one empty cell).
pub fn is_blank_row<S: AsRef<[u8]>>(cells: impl IntoIterator<Item = S>) -> bool {
    cells.into_iter().all(|c| {
        let t = c.as_ref().trim_ascii();
        t.is_empty() || (!t.is_ascii() && String::from_utf8_lossy(t).trim().is_empty())
    })
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

    #[test]
    fn excel_serials() {
        let at = |y, m, d, hh, mi| crate::basics::time::minutes_of(y, m, d, hh, mi, 0);
        assert_eq!(parse_excel_serial(b"45292"), at(2024, 1, 1, 0, 0));
        assert_eq!(parse_excel_serial(b"45292.375"), at(2024, 1, 1, 9, 0));
        assert_eq!(parse_excel_serial(b"61"), at(1900, 3, 1, 0, 0));
        assert_eq!(
            parse_excel_serial(b"45292.99999999"),
            at(2024, 1, 1, 23, 59)
        );
        for bad in ["60", "59", "0", "-1", "1e5", "", "45292,5", "73051", "abc"] {
            assert_eq!(parse_excel_serial(bad.as_bytes()), None, "{bad}");
        }
    }
    use crate::basics::time::days_from_civil;

    fn m(y: i32, mo: u32, d: u32, h: i32, mi: i32) -> Minutes {
        days_from_civil(y, mo, d) * 1440 + h * 60 + mi
    }

    /// What a cell should read as, for the one table of the shared vocabulary.
    enum Want {
        Date(Option<(i32, u32, u32, i32, i32)>),
        /// A well-formed date of a year outside 1900–2100: `Code::DateYear`.
        YearOutside,
        Number(Result<Option<f64>, Unreadable>),
        Flag(Result<YesNo, Unreadable>),
        Total(bool),
    }
    use Want::*;

    /// Every cell form the dossier reader and the index readers met so far, and what it reads as.
    /// The dossier reader's «no» is `Flag(Ok(YesNo::No | YesNo::Blank))`.
    const CASES: &[(&str, Want)] = &[
        // dates: every accepted form
        ("05/01/2024", Date(Some((2024, 1, 5, 0, 0)))),
        ("5/1/2024", Date(Some((2024, 1, 5, 0, 0)))),
        ("05-01-2024", Date(Some((2024, 1, 5, 0, 0)))),
        ("05.01.2024", Date(Some((2024, 1, 5, 0, 0)))),
        ("05/01/2024 14:30", Date(Some((2024, 1, 5, 14, 30)))),
        ("05/01/2024 14:30:59", Date(Some((2024, 1, 5, 14, 30)))),
        ("14:30, 05/01/2024", Date(Some((2024, 1, 5, 14, 30)))),
        ("14:30:10 05/01/2024", Date(Some((2024, 1, 5, 14, 30)))),
        ("2024-01-05", Date(Some((2024, 1, 5, 0, 0)))),
        ("2024-01-05T14:30:00", Date(Some((2024, 1, 5, 14, 30)))),
        ("2024-01-05 14:30", Date(Some((2024, 1, 5, 14, 30)))),
        ("2024-01-05T14:30:00.123", Date(Some((2024, 1, 5, 14, 30)))),
        ("2024-01-05T14:30:00Z", Date(Some((2024, 1, 5, 14, 30)))),
        (
            "2024-01-05T14:30:00+07:00",
            Date(Some((2024, 1, 5, 14, 30))),
        ),
        ("20240105143059", Date(Some((2024, 1, 5, 14, 30)))),
        ("202401051430", Date(Some((2024, 1, 5, 14, 30)))),
        ("20240105", Date(Some((2024, 1, 5, 0, 0)))),
        ("29/02/2024", Date(Some((2024, 2, 29, 0, 0)))),
        // dates: refused (impossible days, two-digit years, Excel serials, words)
        ("31/02/2024", Date(None)),
        ("29/02/2023", Date(None)),
        ("00/01/2024", Date(None)),
        ("05/13/2024", Date(None)),
        ("05/01/24", Date(None)),
        ("hôm qua", Date(None)),
        ("2024", Date(None)),
        ("45292", Date(None)),
        ("05/01/2024 25:00", Date(None)),
        ("2024-13-01", Date(None)),
        ("1/1/1800", YearOutside),
        ("01/03/0024", YearOutside),
        ("2224-03-01", YearOutside),
        ("22240301", YearOutside),
        ("31/02/2224", Date(None)),
        ("05/01/2024 14", Date(None)),
        ("05/01/2024 14:30:00:00", Date(None)),
        // numbers in both notations: vi-VN (`.` groups, `,` decimal) and en (`,` groups)
        ("81,61", Number(Ok(Some(81.61)))),
        ("81.61", Number(Ok(Some(81.61)))),
        ("1.994", Number(Ok(Some(1994.0)))),
        ("98.942", Number(Ok(Some(98942.0)))),
        ("1.234.567", Number(Ok(Some(1234567.0)))),
        ("1,234.5", Number(Ok(Some(1234.5)))),
        ("1.234,5", Number(Ok(Some(1234.5)))),
        ("0.125", Number(Ok(Some(0.125)))),
        ("12 %", Number(Ok(Some(12.0)))),
        ("-18,76", Number(Ok(Some(-18.76)))),
        ("100", Number(Ok(Some(100.0)))),
        ("", Number(Ok(None))),
        ("-", Number(Ok(None))),
        ("abc", Number(Err(Unreadable))),
        ("1,2,3", Number(Err(Unreadable))),
        ("1.2.3.4x", Number(Err(Unreadable))),
        ("1.23.4", Number(Err(Unreadable))),
        // yes/no: the dossier flags and the catalogue columns
        ("Có", Flag(Ok(YesNo::Yes))),
        ("có", Flag(Ok(YesNo::Yes))),
        ("x", Flag(Ok(YesNo::Yes))),
        ("X", Flag(Ok(YesNo::Yes))),
        ("v", Flag(Ok(YesNo::Yes))),
        ("1", Flag(Ok(YesNo::Yes))),
        ("2", Flag(Ok(YesNo::Yes))),
        ("true", Flag(Ok(YesNo::Yes))),
        ("Yes", Flag(Ok(YesNo::Yes))),
        ("Đã", Flag(Ok(YesNo::Yes))),
        ("Đã số hóa", Flag(Ok(YesNo::Yes))),
        ("Đã công khai", Flag(Ok(YesNo::Yes))),
        ("Có tích hợp", Flag(Ok(YesNo::Yes))),
        ("Không", Flag(Ok(YesNo::No))),
        ("0", Flag(Ok(YesNo::No))),
        ("false", Flag(Ok(YesNo::No))),
        ("Chưa", Flag(Ok(YesNo::No))),
        ("Chưa số hóa", Flag(Ok(YesNo::No))),
        ("Chưa tích hợp", Flag(Ok(YesNo::No))),
        ("Không thu", Flag(Ok(YesNo::No))),
        ("-", Flag(Ok(YesNo::No))),
        ("", Flag(Ok(YesNo::Blank))),
        ("  ", Flag(Ok(YesNo::Blank))),
        ("có lẽ", Flag(Ok(YesNo::Hedged))),
        ("Có lẽ?", Flag(Ok(YesNo::Hedged))),
        ("Có thể", Flag(Ok(YesNo::Hedged))),
        ("Có thu phí", Flag(Ok(YesNo::Yes))),
        ("maybe", Flag(Err(Unreadable))),
        ("?", Flag(Err(Unreadable))),
        ("abc", Flag(Err(Unreadable))),
        // total labels, and names that only begin like one
        ("Tổng cộng", Total(true)),
        ("TỔNG CỘNG", Total(true)),
        ("Tổng cộng:", Total(true)),
        ("Tổng cộng toàn tỉnh", Total(true)),
        ("Tổng số", Total(true)),
        ("Tổng số hồ sơ", Total(true)),
        ("Tổng", Total(true)),
        ("Cộng", Total(true)),
        ("Cộng 152", Total(true)),
        ("Cộng các đơn vị", Total(true)),
        ("Tong cong", Total(true)),
        ("Total", Total(true)),
        ("Công an tỉnh", Total(false)),
        ("Công bố", Total(false)),
        ("Công bố công khai", Total(false)),
        ("Sở Công Thương", Total(false)),
        ("Công Thương", Total(false)),
        ("Tổng cục Thuế", Total(false)),
        ("Tổng hợp", Total(false)),
        ("Trung bình", Total(false)),
        ("", Total(false)),
    ];

    #[test]
    fn cell_vocabulary() {
        for (s, want) in CASES {
            match want {
                Date(d) => {
                    let want = d
                        .map(|(y, mo, d, h, mi)| m(y, mo, d, h, mi))
                        .ok_or(Code::BadDate);
                    assert_eq!(parse_date(s.as_bytes()), want, "date {s}");
                }
                YearOutside => {
                    assert_eq!(parse_date(s.as_bytes()), Err(Code::DateYear), "date {s}")
                }
                Number(n) => assert_eq!(parse_number(s), *n, "number {s}"),
                Flag(b) => assert_eq!(parse_yes_no(s), *b, "yes/no {s}"),
                Total(t) => assert_eq!(is_total_label(s), *t, "total {s}"),
            }
        }
    }

    #[test]
    fn total_and_blank_rows() {
        assert!(is_total_row(["", "", "Tổng cộng", "585.000"]));
        assert!(is_total_row(["Tổng cộng,585.000 hồ sơ".as_bytes()]));
        assert!(!is_total_row(["1", "G12.1", "Công an tỉnh", "Cấp tỉnh"]));
        assert!(!is_total_row(["1", "2", "3", "4", "Tổng cộng"]));
        assert!(is_blank_row([""]));
        assert!(is_blank_row([" ", "\u{a0}", "\t"]));
        assert!(!is_blank_row(["", "x"]));
        let row: Vec<String> = vec!["".into(), "Tổng số".into()];
        assert!(is_total_row(&row) && !is_blank_row(&row));
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
