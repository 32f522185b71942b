//! Cell values: dates, status, channel, yes/no, level, rating. Each parser takes the trimmed cell
//! and returns `Err(code)` with a stable problem code when it cannot read it.

use crate::basics::problem::Code;
use crate::basics::text::{fold, has_words};
use crate::dossier::model::{Channel, Level, Rating, Status};

/// DVCQG status code 1–10, or its name (domain.md §3.2), with common variants.
pub fn parse_status(s: &str) -> Result<Status, Code> {
    if let Ok(n) = s.trim().parse::<u8>() {
        return Status::from_code(n).ok_or(Code::BadStatus);
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
        .ok_or(Code::BadStatus)
}

/// KenhThucHien 1–3 or a name; empty means direct (domain.md §1.3, group 3).
pub fn parse_channel(s: &str) -> Result<Channel, Code> {
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
    } else if any(&["buu chinh", "bcci", "buu dien", "postal"]) {
        Ok(Channel::Postal)
    } else if any(&[
        "truc tiep",
        "tai quay",
        "mot cua",
        "bo phan mot cua",
        "direct",
    ]) {
        Ok(Channel::Direct)
    } else {
        Err(Code::BadChannel)
    }
}

/// Yes/no: Có/Không, x, 1/0 (2 = paid through the province's gateway), true/false, Đã…/Chưa….
pub fn parse_bool(s: &str) -> Result<bool, Code> {
    use crate::table::cells::{parse_yes_no, YesNo};
    match parse_yes_no(s) {
        Ok(YesNo::Yes) => Ok(true),
        Ok(YesNo::No | YesNo::Blank) => Ok(false),
        Ok(YesNo::Hedged) | Err(_) => Err(Code::BadBool),
    }
}

/// A level column: Cấp tỉnh / huyện / xã, their group names in form 06, or 1/2/3.
pub fn parse_level(s: &str) -> Result<Level, Code> {
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
        Err(Code::BadLevel)
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
pub fn parse_rating(s: &str) -> Result<Rating, Code> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(Rating::None);
    }
    if let Ok(n) = t.parse::<u8>() {
        return match n {
            4 | 5 => Ok(Rating::Satisfied),
            3 => Ok(Rating::Neutral),
            1 | 2 => Ok(Rating::Unsatisfied),
            _ => Err(Code::BadRating),
        };
    }
    let f = fold(t);
    // the canonical records' words (`dossier::canonical`) besides the Vietnamese ones
    if has_words(&f, "khong hai long") || has_words(&f, "chua hai long") || f == "unsatisfied" {
        Ok(Rating::Unsatisfied)
    } else if has_words(&f, "hai long") || f == "satisfied" {
        Ok(Rating::Satisfied)
    } else if has_words(&f, "binh thuong") || has_words(&f, "chap nhan") || f == "neutral" {
        Ok(Rating::Neutral)
    } else if f == "chua danh gia" || f == "khong danh gia" {
        Ok(Rating::None)
    } else {
        Err(Code::BadRating)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(parse_status("11"), Err(Code::BadStatus));
        assert_eq!(parse_status("???"), Err(Code::BadStatus));
    }

    #[test]
    fn channels_bools_levels_ratings() {
        assert_eq!(parse_channel("Trực tuyến"), Ok(Channel::Online));
        assert_eq!(parse_channel("2"), Ok(Channel::Online));
        assert_eq!(parse_channel("Qua bưu chính công ích"), Ok(Channel::Postal));
        assert_eq!(parse_channel("Trực tiếp"), Ok(Channel::Direct));
        assert_eq!(parse_channel(""), Ok(Channel::Direct));
        // the canonical records' words (`tthc normalize`)
        for (w, c) in [
            ("direct", Channel::Direct),
            ("online", Channel::Online),
            ("postal", Channel::Postal),
        ] {
            assert_eq!(parse_channel(w), Ok(c));
        }
        for (w, r) in [
            ("satisfied", Rating::Satisfied),
            ("neutral", Rating::Neutral),
            ("unsatisfied", Rating::Unsatisfied),
        ] {
            assert_eq!(parse_rating(w), Ok(r));
        }
        assert_eq!(parse_channel("fax"), Err(Code::BadChannel));
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
        assert_eq!(parse_bool("maybe"), Err(Code::BadBool));
        assert_eq!(parse_bool("?"), Err(Code::BadBool));
        assert_eq!(parse_bool("có lẽ"), Err(Code::BadBool));
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
