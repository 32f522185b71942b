//! Vietnamese text folding: the case- and diacritic-insensitive key that header names, status
//! names and unit names are matched by, and NFC normalisation of strings we keep.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

const GROUPS: [(&str, char); 12] = [
    ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
    ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'),
    ("èéẻẽẹêềếểễệ", 'e'),
    ("ÈÉẺẼẸÊỀẾỂỄỆ", 'e'),
    ("ìíỉĩị", 'i'),
    ("ÌÍỈĨỊ", 'i'),
    ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
    ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'),
    ("ùúủũụưừứửữự", 'u'),
    ("ÙÚỦŨỤƯỪỨỬỮỰ", 'u'),
    ("ỳýỷỹỵ", 'y'),
    ("ỲÝỶỸỴ", 'y'),
];

fn base_letter(c: char) -> Option<char> {
    if c == 'đ' || c == 'Đ' {
        return Some('d');
    }
    GROUPS
        .iter()
        .find(|(set, _)| set.contains(c))
        .map(|&(_, b)| b)
}

/// Lower-case ASCII letters and digits, every other run of characters one space, trimmed.
/// «Ngày tiếp nhận» → `ngay tiep nhan`; `NgayTiepNhan` → `ngay tiep nhan`; `ngay_tiep_nhan` →
/// `ngay tiep nhan`. Combining marks (NFD input) vanish; camelCase splits at each capital.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_lower = false;
    let mut pending_space = false;
    for c in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue; // combining diacritic
        }
        let (b, upper) = if c.is_ascii_alphanumeric() {
            (c.to_ascii_lowercase(), c.is_ascii_uppercase())
        } else if let Some(b) = base_letter(c) {
            (b, c.is_uppercase())
        } else if c.is_alphanumeric() {
            (c, false)
        } else {
            pending_space = !out.is_empty();
            prev_lower = false;
            continue;
        };
        if (pending_space || (upper && prev_lower)) && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(b);
        prev_lower = !upper && b.is_ascii_alphanumeric();
    }
    out
}

/// NFC form of a string we keep (unit, field, procedure names), borrowing when already NFC.
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// Whether `hay` contains `needle` as whole words (both already folded).
pub fn has_words(hay: &str, needle: &str) -> bool {
    let h = hay.as_bytes();
    let mut start = 0;
    while let Some(pos) = hay[start..].find(needle) {
        let i = start + pos;
        let j = i + needle.len();
        let left_ok = i == 0 || h[i - 1] == b' ';
        let right_ok = j == h.len() || h[j] == b' ';
        if left_ok && right_ok {
            return true;
        }
        start = i + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_the_three_naming_families_alike() {
        for (input, want) in [
            ("Ngày tiếp nhận", "ngay tiep nhan"),
            ("NGÀY TIẾP NHẬN", "ngay tiep nhan"),
            ("Ngay tiep nhan", "ngay tiep nhan"),
            ("ngay_tiep_nhan", "ngay tiep nhan"),
            ("NgayTiepNhan", "ngay tiep nhan"),
            ("MaTTHC", "ma tthc"),
            ("  Mã hồ sơ (*) ", "ma ho so"),
            ("Đơn vị xử lý", "don vi xu ly"),
            ("Số hóa", "so hoa"),
            ("Ngày tiếp nhận", "ngay tiep nhan"), // NFD input
            ("UBND huyện Tuy Phong", "ubnd huyen tuy phong"),
        ] {
            assert_eq!(fold(input), want, "{input}");
        }
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("Ngày"), "Ngày");
        assert!(matches!(nfc("Ngày"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn whole_words() {
        assert!(has_words("ubnd thi xa la gi", "thi xa"));
        assert!(!has_words("ubnd xa hoa", "xa h"));
        assert!(has_words("ubnd xa hoa minh", "xa"));
        assert!(!has_words("thi xa", "xa la"));
    }
}
