//! How much decoded text reads like Vietnamese, to choose among the legacy encodings: each word
//! that holds a character outside ASCII is a Vietnamese syllable or not.
//!
//! A syllable is an initial consonant (possibly none), a vowel nucleus (with its glides) and a
//! final consonant (possibly none), with at most one tone; a syllable closed by `c`, `ch`, `p` or
//! `t` takes only the acute or the dot below. Case is ignored (TCVN3 titles mix cases). A wrong
//! reading of the bytes gives symbols (`¸`, `µ`, `¬`), letters foreign to Vietnamese (`å`, `ø`),
//! or vowels in impossible clusters — words that fail.

use crate::table::legacy::{letter_parts, tone, VOWEL_BASES};

/// Words with a character outside ASCII: Vietnamese syllables (`good`) and the others (`bad`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub good: u32,
    pub bad: u32,
}

impl Score {
    /// Syllables less other words.
    pub fn net(&self) -> i64 {
        i64::from(self.good) - i64::from(self.bad)
    }
}

/// Scores a text: words are runs of ASCII letters and of characters outside ASCII other than
/// spaces and general punctuation (so that a symbol read from a letter's byte stays in its word).
pub fn score(text: &str) -> Score {
    let mut s = Score::default();
    let mut word = String::new();
    let mut foreign = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        let in_word = c.is_ascii_alphabetic()
            || (!c.is_ascii() && !c.is_whitespace() && !('\u{2000}'..='\u{206F}').contains(&c));
        if in_word {
            word.push(c);
            foreign |= !c.is_ascii();
            continue;
        }
        if foreign {
            if is_syllable(&word) {
                s.good += 1;
            } else {
                s.bad += 1;
            }
        }
        word.clear();
        foreign = false;
    }
    s
}

const INITIALS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Where a nucleus may stand: before no final, before a final consonant, or both.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Either,
    Open,
    Closed,
}
use Place::*;

/// The vowel nuclei (glides included), where they stand, and which of their vowels may carry the
/// tone (bit i: the i-th vowel; both where old and new spelling differ, «hòa» / «hoà»).
const NUCLEI: [(&str, Place, u8); 54] = [
    ("a", Either, 1),
    ("e", Either, 1),
    ("ê", Either, 1),
    ("i", Either, 1),
    ("o", Either, 1),
    ("ô", Either, 1),
    ("ơ", Either, 1),
    ("u", Either, 1),
    ("ư", Either, 1),
    ("y", Either, 1),
    ("oa", Either, 0b11),
    ("oe", Either, 0b11),
    ("uê", Either, 0b10),
    ("uy", Either, 0b11),
    ("uơ", Either, 0b10),
    ("ai", Open, 1),
    ("ao", Open, 1),
    ("au", Open, 1),
    ("ay", Open, 1),
    ("âu", Open, 1),
    ("ây", Open, 1),
    ("eo", Open, 1),
    ("êu", Open, 1),
    ("ia", Open, 1),
    ("iu", Open, 1),
    ("oi", Open, 1),
    ("ôi", Open, 1),
    ("ơi", Open, 1),
    ("ua", Open, 1),
    ("ui", Open, 1),
    ("ưa", Open, 1),
    ("ưi", Open, 1),
    ("ưu", Open, 1),
    ("iêu", Open, 0b10),
    ("yêu", Open, 0b10),
    ("oai", Open, 0b10),
    ("oao", Open, 0b10),
    ("oay", Open, 0b10),
    ("oeo", Open, 0b10),
    ("uây", Open, 0b10),
    ("uôi", Open, 0b10),
    ("uya", Open, 0b10),
    ("uyu", Open, 0b10),
    ("ươi", Open, 0b10),
    ("ươu", Open, 0b10),
    ("ă", Closed, 1),
    ("â", Closed, 1),
    ("iê", Closed, 0b10),
    ("yê", Closed, 0b10),
    ("uô", Closed, 0b10),
    ("ươ", Closed, 0b10),
    ("oă", Closed, 0b10),
    ("uâ", Closed, 0b10),
    ("uyê", Closed, 0b100),
];

/// Whether a word is one Vietnamese syllable (any case).
pub fn is_syllable(word: &str) -> bool {
    let mut plain = String::with_capacity(word.len());
    // the tone and the byte offset in `plain` of the vowel carrying it
    let (mut t, mut at) = (0, 0);
    for c in word.chars() {
        if c.is_ascii_alphabetic() {
            plain.push(c.to_ascii_lowercase());
        } else if c == 'đ' || c == 'Đ' {
            plain.push('đ');
        } else if let Some((v, tn, _)) = letter_parts(c) {
            if tn != 0 {
                if t != 0 {
                    return false;
                }
                (t, at) = (tn, plain.len());
            }
            plain.push(VOWEL_BASES[v]);
        } else {
            return false;
        }
    }
    INITIALS.iter().any(|i| {
        let Some(rhyme) = plain.strip_prefix(i) else {
            return false;
        };
        // the tone's offset in the rhyme (none when the tone is not in it)
        let at = if t == 0 {
            None
        } else {
            at.checked_sub(i.len())
        };
        (t == 0 || at.is_some()) && rhyme_ok(rhyme, t, at)
    })
}

fn rhyme_ok(rhyme: &str, t: u8, at: Option<usize>) -> bool {
    FINALS.iter().any(|&f| {
        let Some(nucleus) = rhyme.strip_suffix(f) else {
            return false;
        };
        let Some(&(_, place, toned)) = NUCLEI.iter().find(|n| n.0 == nucleus) else {
            return false;
        };
        let placed = match place {
            Either => true,
            Open => f.is_empty(),
            Closed => !f.is_empty(),
        };
        let tone_ok = match at {
            None => true,
            Some(at) => at < nucleus.len() && toned & (1 << nucleus[..at].chars().count()) != 0,
        };
        let stop = matches!(f, "c" | "ch" | "p" | "t");
        placed && tone_ok && (!stop || t == tone::ACUTE || t == tone::DOT)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "Mã",
            "hồ",
            "sơ",
            "Ngày",
            "tiếp",
            "nhận",
            "giấy",
            "quyết",
            "Nguyễn",
            "người",
            "trường",
            "Huỳnh",
            "gì",
            "ĐĂNG",
            "ký",
            "Ủy",
            "khuya",
            "thuở",
            "hoặc",
            "Yến",
            "lịch",
            "THUẬN",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "M·", "hå", "s¬", "Ngµy", "tĩp", "Maơ", "nhËn", "hơÌ", /* hời */
            "aỏ", "ă", "hoáa", "tiến̉", "bàá", "ñ",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
        assert_eq!(
            score("Mã hồ sơ, «Ngµy» 12 TTHC ñ"),
            Score { good: 3, bad: 2 }
        );
    }
}
