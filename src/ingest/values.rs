//! Cell values: dates, status, channel, yes/no, level, rating. Each parser takes the trimmed cell
//! and returns `Err(code)` with a stable problem code when it cannot read it.

use crate::model::{days_from_civil, days_in_month, Channel, Level, Minutes, Rating, Status};
use crate::text::{fold, has_words};

/// Parses `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` (each with an optional
/// ` HH:MM[:SS]`), `HH:MM[:SS][,] dd/mm/yyyy`, ISO `yyyy-mm-dd[THH:MM[:SS][.fff][Z|±hh:mm]]` and
/// `yyyyMMdd[HHmm[ss]]`. Wall-clock time is kept as written (no zone conversion).
pub fn parse_date(s: &[u8]) -> Result<Minutes, &'static str> {
    const BAD: &str = "bad_date";
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
                build(n(0, 4) as i32, n(4, 6), n(6, 8), hh, mi, ss).ok_or(BAD)
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
    build(y, m, d, hh, mi, ss).ok_or(BAD)
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
    build(y as i32, m, d, hh, mi, ss)
}

const FIRST_YEAR: i32 = 1900;
const YEARS: usize = 201;

/// (day number of the 1st, length) of every month of 1900–2100, computed at compile time: a
/// date is then a lookup instead of the civil-calendar arithmetic.
static MONTHS: [(i32, u8); YEARS * 12] = {
    let mut t = [(0i32, 0u8); YEARS * 12];
    let mut i = 0;
    while i < YEARS * 12 {
        let y = FIRST_YEAR + (i / 12) as i32;
        let m = (i % 12) as u32 + 1;
        t[i] = (days_from_civil(y, m, 1), days_in_month(y, m) as u8);
        i += 1;
    }
    t
};

fn build(y: i32, m: u32, d: u32, hh: u32, mi: u32, ss: u32) -> Option<Minutes> {
    if !(FIRST_YEAR..FIRST_YEAR + YEARS as i32).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let (first, len) = MONTHS[(y - FIRST_YEAR) as usize * 12 + m as usize - 1];
    if d == 0 || d > u32::from(len) || hh > 23 || mi > 59 || ss > 59 {
        return None;
    }
    Some((first + d as i32 - 1) * 1440 + (hh * 60 + mi) as i32)
}

/// DVCQG status code 1–10, or its name (domain.md §3.2), with common variants.
pub fn parse_status(s: &str) -> Result<Status, &'static str> {
    if let Ok(n) = s.trim().parse::<u8>() {
        return Status::from_code(n).ok_or("bad_status");
    }
    let f = fold(s);
    const TABLE: &[(&str, Status)] = &[
        ("khong duoc tiep nhan", Status::NotReceived),
        ("khong tiep nhan", Status::NotReceived),
        ("tu choi tiep nhan", Status::NotReceived),
        ("moi dang ky", Status::Registered),
        ("cho tiep nhan", Status::Registered),
        ("rut ho so", Status::Withdrawn),
        ("xin rut", Status::Withdrawn),
        ("tra lai", Status::Withdrawn),
        ("rut", Status::Withdrawn),
        ("dung xu ly", Status::Stopped),
        ("tu choi", Status::Stopped),
        ("bo sung", Status::Supplement),
        ("nghia vu tai chinh", Status::FinancialObligation),
        ("tra ket qua", Status::Returned),
        ("da tra", Status::Returned),
        ("da xu ly xong", Status::Done),
        ("xu ly xong", Status::Done),
        ("da giai quyet", Status::Done),
        ("hoan thanh", Status::Done),
        ("da xu ly", Status::Done),
        ("co ket qua", Status::Done),
        ("dang xu ly", Status::Processing),
        ("dang giai quyet", Status::Processing),
        ("dang thu ly", Status::Processing),
        ("cho xu ly", Status::Processing),
        ("da tiep nhan", Status::Received),
        ("duoc tiep nhan", Status::Received),
        ("tiep nhan", Status::Received),
    ];
    TABLE
        .iter()
        .find(|(k, _)| has_words(&f, k))
        .map(|&(_, st)| st)
        .ok_or("bad_status")
}

/// KenhThucHien 1–3 or a name; empty means direct (domain.md §1.3, group 3).
pub fn parse_channel(s: &str) -> Result<Channel, &'static str> {
    match s.trim() {
        "" | "1" => return Ok(Channel::Direct),
        "2" => return Ok(Channel::Online),
        "3" => return Ok(Channel::Postal),
        _ => {}
    }
    let f = fold(s);
    let any = |ks: &[&str]| ks.iter().any(|k| has_words(&f, k));
    if any(&[
        "truc tuyen",
        "online",
        "qua mang",
        "dich vu cong",
        "dvc",
        "dvctt",
    ]) {
        Ok(Channel::Online)
    } else if any(&["buu chinh", "bcci", "buu dien"]) {
        Ok(Channel::Postal)
    } else if any(&["truc tiep", "tai quay", "mot cua", "bo phan mot cua"]) {
        Ok(Channel::Direct)
    } else {
        Err("bad_channel")
    }
}

/// Yes/no: Có/Không, x, 1/0 (2 = paid through the province's gateway), true/false, Đã…/Chưa….
pub fn parse_bool(s: &str) -> Result<bool, &'static str> {
    if matches!(s.trim(), "" | "-") {
        return Ok(false);
    }
    let f = fold(s);
    match f.as_str() {
        "0" | "khong" | "false" | "no" | "n" | "chua" => Ok(false),
        "1" | "2" | "co" | "x" | "true" | "yes" | "y" | "da" => Ok(true),
        _ if f.starts_with("da ") => Ok(true),
        _ if f.starts_with("chua ") || f.starts_with("khong ") => Ok(false),
        _ => Err("bad_bool"),
    }
}

/// A level column: Cấp tỉnh / huyện / xã, their group names in form 06, or 1/2/3.
pub fn parse_level(s: &str) -> Result<Level, &'static str> {
    match s.trim() {
        "1" => return Ok(Level::Province),
        "2" => return Ok(Level::District),
        "3" => return Ok(Level::Commune),
        _ => {}
    }
    let f = fold(s);
    let any = |ks: &[&str]| ks.iter().any(|k| has_words(&f, k));
    if any(&["tinh", "so ban nganh", "so", "province"]) {
        Ok(Level::Province)
    } else if any(&["huyen", "quan", "thi xa", "thanh pho", "district"]) {
        Ok(Level::District)
    } else if any(&["xa", "phuong", "thi tran", "dac khu", "commune"]) {
        Ok(Level::Commune)
    } else {
        Err("bad_level")
    }
}

/// The level a unit works at, from its name: UBND huyện / thị xã / thành phố / quận → huyện;
/// UBND xã / phường / thị trấn / đặc khu → xã; every other unit (Sở…, Ban…, Công an tỉnh…) → tỉnh.
pub fn level_of_unit(name: &str) -> Level {
    let f = fold(name);
    const DISTRICT: [&str; 4] = ["thi xa", "huyen", "thanh pho", "quan"];
    const COMMUNE: [&str; 4] = ["thi tran", "xa", "phuong", "dac khu"];
    let kind_at = |rest: &str| -> Option<Level> {
        let starts = |k: &str| rest == k || rest.starts_with(&format!("{k} "));
        if DISTRICT.iter().any(|k| starts(k)) {
            Some(Level::District)
        } else if COMMUNE.iter().any(|k| starts(k)) {
            Some(Level::Commune)
        } else {
            None
        }
    };
    for prefix in ["ubnd ", "uy ban nhan dan "] {
        let mut start = 0;
        while let Some(pos) = f[start..].find(prefix) {
            let i = start + pos;
            if i == 0 || f.as_bytes()[i - 1] == b' ' {
                if let Some(l) = kind_at(&f[i + prefix.len()..]) {
                    return l;
                }
            }
            start = i + 1;
        }
    }
    kind_at(&f).unwrap_or(Level::Province)
}

/// A citizen rating: Rất hài lòng / Hài lòng / Bình thường / Không hài lòng, or 1–5 stars.
pub fn parse_rating(s: &str) -> Result<Rating, &'static str> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(Rating::None);
    }
    if let Ok(n) = t.parse::<u8>() {
        return match n {
            4 | 5 => Ok(Rating::Satisfied),
            3 => Ok(Rating::Neutral),
            1 | 2 => Ok(Rating::Unsatisfied),
            _ => Err("bad_rating"),
        };
    }
    let f = fold(t);
    if has_words(&f, "khong hai long") || has_words(&f, "chua hai long") {
        Ok(Rating::Unsatisfied)
    } else if has_words(&f, "hai long") {
        Ok(Rating::Satisfied)
    } else if has_words(&f, "binh thuong") || has_words(&f, "chap nhan") {
        Ok(Rating::Neutral)
    } else if f == "chua danh gia" || f == "khong danh gia" {
        Ok(Rating::None)
    } else {
        Err("bad_rating")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::days_from_civil;

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
            assert_eq!(parse_date(s.as_bytes()), Err("bad_date"), "{s}");
        }
    }

    #[test]
    fn statuses_by_code_and_name() {
        for (s, want) in [
            ("10", Status::Returned),
            ("7", Status::Withdrawn),
            ("Đã trả kết quả", Status::Returned),
            ("Đã xử lý xong", Status::Done),
            ("Đang xử lý", Status::Processing),
            ("Không được tiếp nhận", Status::NotReceived),
            ("Được tiếp nhận", Status::Received),
            ("Công dân yêu cầu rút hồ sơ", Status::Withdrawn),
            ("Yêu cầu bổ sung giấy tờ", Status::Supplement),
            ("Dừng xử lý", Status::Stopped),
            ("Mới đăng ký", Status::Registered),
            ("DA GIAI QUYET", Status::Done),
        ] {
            assert_eq!(parse_status(s), Ok(want), "{s}");
        }
        assert_eq!(parse_status("11"), Err("bad_status"));
        assert_eq!(parse_status("???"), Err("bad_status"));
    }

    #[test]
    fn channels_bools_levels_ratings() {
        assert_eq!(parse_channel("Trực tuyến"), Ok(Channel::Online));
        assert_eq!(parse_channel("2"), Ok(Channel::Online));
        assert_eq!(parse_channel("Qua bưu chính công ích"), Ok(Channel::Postal));
        assert_eq!(parse_channel("Trực tiếp"), Ok(Channel::Direct));
        assert_eq!(parse_channel(""), Ok(Channel::Direct));
        assert_eq!(parse_channel("fax"), Err("bad_channel"));
        for (s, b) in [
            ("Có", true),
            ("x", true),
            ("1", true),
            ("true", true),
            ("Không", false),
            ("", false),
            ("0", false),
            ("Đã số hóa", true),
            ("Chưa số hóa", false),
        ] {
            assert_eq!(parse_bool(s), Ok(b), "{s}");
        }
        assert_eq!(parse_bool("maybe"), Err("bad_bool"));
        assert_eq!(parse_bool("?"), Err("bad_bool"));
        assert_eq!(parse_bool("có lẽ"), Err("bad_bool"));
        assert_eq!(parse_level("Cấp huyện"), Ok(Level::District));
        assert_eq!(parse_level("Xã, phường, thị trấn"), Ok(Level::Commune));
        assert_eq!(parse_level("Huyện, thị xã, thành phố"), Ok(Level::District));
        assert_eq!(parse_level("Sở ban ngành"), Ok(Level::Province));
        assert_eq!(parse_rating("Rất hài lòng"), Ok(Rating::Satisfied));
        assert_eq!(parse_rating("Không hài lòng"), Ok(Rating::Unsatisfied));
    }

    #[test]
    fn unit_levels_from_names() {
        for (s, want) in [
            ("UBND huyện Tuy Phong", Level::District),
            ("UBND thị xã La Gi", Level::District),
            ("UBND thành phố Phan Thiết", Level::District),
            ("Ủy ban nhân dân huyện Phú Quý", Level::District),
            ("UBND xã Hòa Minh", Level::Commune),
            ("UBND phường Mũi Né", Level::Commune),
            ("UBND thị trấn Liên Hương", Level::Commune),
            ("Bộ phận một cửa UBND xã Chí Công", Level::Commune),
            ("Xã Phong Nẫm", Level::Commune),
            ("Sở Tư pháp", Level::Province),
            ("Văn phòng UBND tỉnh", Level::Province),
            ("Công an tỉnh", Level::Province),
            ("Ban Quản lý các khu công nghiệp", Level::Province),
        ] {
            assert_eq!(level_of_unit(s), want, "{s}");
        }
    }
}
