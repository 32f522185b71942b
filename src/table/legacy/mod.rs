//! The legacy Vietnamese encodings — Windows-1258, TCVN3 (ABC) and VNI: byte tables, a streaming
//! decoder to NFC UTF-8, and an encoder (for tests and sample files).
//!
//! How each writes a letter:
//! - **TCVN3** (TCVN 5712:1993, table VN3, the «ABC» fonts such as .VnTime): one byte per letter,
//!   the 67 lower-case letters with diacritics (toned or not) and đ, plus the seven upper-case
//!   letters without tone Ă Â Ê Ô Ơ Ư Đ. Upper-case toned letters do not exist: titles in capitals
//!   are the lower-case bytes shown in an upper-case font (.VnTimeH). So a byte decodes to the
//!   letter it stands for — `0xB8` is «á» whatever the font — and [`encode`] writes «Á» as `0xB8`
//!   (it decodes back as «á»).
//! - **VNI** (VNI-Windows fonts): the base letter, then one byte drawing its diacritics (a tone, a
//!   circumflex or breve, or a circumflex or breve with a tone); ơ ư đ, i with its tones and ỵ are
//!   single bytes. Upper-case letters take the upper-case diacritic bytes (`0xC0`–`0xDF`); the
//!   decoder composes whatever case the diacritic byte has, by the base letter's case. A second
//!   diacritic byte after a letter is not part of it (the chart has none).
//! - **Windows-1258**: letters of Latin-1 and ă â đ ê ô ơ ư are single bytes; the five tones are
//!   combining marks after the base (U+0300, U+0301, U+0303, U+0309, U+0323), composed here to
//!   NFC.
//!
//! Bytes outside TCVN3's and VNI's Vietnamese repertoire decode as Windows-1252 (the ANSI code page
//! such files were written through: curly quotes, dashes, `°`…). A VNI diacritic byte with no
//! letter to sit on is the Windows-1252 character it shows alone (`0xF9` → «ù»). A Windows-1258
//! tone mark that does not make a Vietnamese letter (after a consonant, a toned letter, another
//! mark) is kept as a combining mark, and that cluster (base and marks) is normalised to NFC on
//! that rare path.
//!
//! Sources of the tables: TCVN3 and VNI from the conversion tables of the `vietnamese-conversion`
//! package (duydev/vietnamese-conversion, `src/charsets.ts`) and of xvnkb (lamdao/xvnkb, `tcvn.h`,
//! `vni.h`), TCVN3 checked against the TCVN 5712 VN1 table of XFree86 (`TCVNtoUCS2.c`), which
//! agrees on every VN3 position; Windows-1258 and Windows-1252 from `encoding_rs` (the WHATWG
//! index).

use crate::table::decode::Encoding;
use encoding_rs::{WINDOWS_1252, WINDOWS_1258};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

mod decoder;
pub use decoder::LegacyDecoder;

/// The twelve vowels (lower case), each with its six tones in the order of [`tone`]: none,
/// grave (huyền), acute (sắc), hook above (hỏi), tilde (ngã), dot below (nặng).
const VOWELS: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];

/// The vowels without tone, in the order of [`VOWELS`].
pub(crate) const VOWEL_BASES: [char; 12] =
    ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// Tones, as numbered in [`VOWELS`].
pub(crate) mod tone {
    pub const GRAVE: u8 = 1;
    pub const ACUTE: u8 = 2;
    pub const HOOK: u8 = 3;
    pub const TILDE: u8 = 4;
    pub const DOT: u8 = 5;
}
use tone::*;

/// Vowel indices in [`VOWELS`] that a circumflex or breve changes.
const A: u8 = 0;
const A_BREVE: u8 = 1;
const A_CIRC: u8 = 2;
const E: u8 = 3;
const E_CIRC: u8 = 4;
const O: u8 = 6;
const O_CIRC: u8 = 7;

/// Vowel letters: 2 cases × 12 vowels × 6 tones; id = upper × 72 + vowel × 6 + tone.
const LETTERS: usize = 144;
/// Marks: 3 shapes (none, circumflex, breve) × 6 tones; id = shape × 6 + tone.
const MARKS: usize = 18;
const CIRC: u8 = 1;
const BREVE: u8 = 2;
/// No letter, no mark.
const NO: u8 = 0xFF;
/// Rows of [`Table::next`]: no vowel, then every vowel byte (Windows-1258 has 24, VNI 16).
const NEXT: usize = 32 * 256;
/// In [`Table::next`]: the UTF-8 in bits 0–23, its length in bits 30–31 (one shift to read),
/// and this flag.
const COMPOSES: u32 = 1 << 29;

/// TCVN3 bytes of each vowel's six tones (lower case; the toneless a e i o u y are ASCII).
const TCVN3_VOWELS: [[u8; 6]; 12] = [
    [b'a', 0xB5, 0xB8, 0xB6, 0xB7, 0xB9], // a
    [0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6], // ă
    [0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB], // â
    [b'e', 0xCC, 0xD0, 0xCE, 0xCF, 0xD1], // e
    [0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6], // ê
    [b'i', 0xD7, 0xDD, 0xD8, 0xDC, 0xDE], // i
    [b'o', 0xDF, 0xE3, 0xE1, 0xE2, 0xE4], // o
    [0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9], // ô
    [0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE], // ơ
    [b'u', 0xEF, 0xF3, 0xF1, 0xF2, 0xF4], // u
    [0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9], // ư
    [b'y', 0xFA, 0xFD, 0xFB, 0xFC, 0xFE], // y
];

/// TCVN3's other letters.
const TCVN3_OTHERS: [(u8, char); 8] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xAE, 'đ'),
];

/// VNI diacritic bytes: lower-case byte, upper-case byte, shape, tone.
const VNI_MARKS: [(u8, u8, u8, u8); 17] = [
    (0xF8, 0xD8, 0, GRAVE),
    (0xF9, 0xD9, 0, ACUTE),
    (0xFB, 0xDB, 0, HOOK),
    (0xF5, 0xD5, 0, TILDE),
    (0xEF, 0xCF, 0, DOT),
    (0xE2, 0xC2, CIRC, 0),
    (0xE0, 0xC0, CIRC, GRAVE),
    (0xE1, 0xC1, CIRC, ACUTE),
    (0xE5, 0xC5, CIRC, HOOK),
    (0xE3, 0xC3, CIRC, TILDE),
    (0xE4, 0xC4, CIRC, DOT),
    (0xEA, 0xCA, BREVE, 0),
    (0xE8, 0xC8, BREVE, GRAVE),
    (0xE9, 0xC9, BREVE, ACUTE),
    (0xFA, 0xDA, BREVE, HOOK),
    (0xFC, 0xDC, BREVE, TILDE),
    (0xEB, 0xCB, BREVE, DOT),
];

/// VNI single-byte letters: lower-case byte, upper-case byte, lower-case letter.
const VNI_LETTERS: [(u8, u8, char); 9] = [
    (0xF4, 0xD4, 'ơ'),
    (0xF6, 0xD6, 'ư'),
    (0xF1, 0xD1, 'đ'),
    (0xEC, 0xCC, 'ì'),
    (0xED, 0xCD, 'í'),
    (0xE6, 0xC6, 'ỉ'),
    (0xF3, 0xD3, 'ĩ'),
    (0xF2, 0xD2, 'ị'),
    (0xEE, 0xCE, 'ỵ'),
];

/// The decoding table of one legacy encoding.
struct Table {
    /// Each byte read alone, as UTF-8 padded to 4 bytes, its length in the last byte (every
    /// character here takes at most 3).
    utf8: [[u8; 4]; 256],
    /// The vowel letter a byte read alone is (a following mark may change it), or [`NO`].
    letter: [u8; 256],
    /// The mark a byte is, or [`NO`].
    mark: [u8; 256],
    /// All of the above in one word, for the decoder: bits 0–31 the UTF-8 as in `utf8`, bits
    /// 32–39 the letter (or [`LETTERS`]), bits 40–47 the mark (or [`MARKS`]).
    entry: [u64; 256],
    /// For the fast decoder: the row in `next` of a byte that a mark may follow (a vowel), 0 for
    /// any other byte.
    row: [u16; 256],
    /// By row of the previous byte and this byte: what this byte writes, as UTF-8 in a word (its
    /// length in bits 30–31), with [`COMPOSES`] when it is a mark that makes a letter of the
    /// previous byte (which then writes nothing).
    next: [u32; NEXT],
    /// `row` and `next` hold every vowel (else only [`run_exact`] decodes).
    fast: bool,
    /// The marks are Unicode combining characters (Windows-1258).
    combining: bool,
    has_marks: bool,
    /// The bytes of each character [`encode`] writes.
    encoder: FxHashMap<char, ([u8; 2], u8)>,
}

/// The tables, built once.
struct Tables {
    /// The letter a mark makes of a letter, or [`NO`].
    compose: [[u8; MARKS]; LETTERS],
    /// The same as UTF-8 in a word (as in `Table::utf8`), 0 for none; the last row and column
    /// (no letter, no mark) are all 0.
    pair: [[u32; MARKS + 1]; LETTERS + 1],
    /// Every vowel letter and its id, sorted by character.
    by_char: Vec<(char, u8)>,
    windows1258: Table,
    tcvn3: Table,
    vni: Table,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(Tables::build)
}

fn letter_char(id: usize) -> char {
    let c = VOWELS[id % 72 / 6].chars().nth(id % 6).unwrap_or('?');
    if id >= 72 {
        c.to_uppercase().next().unwrap_or(c)
    } else {
        c
    }
}

fn utf8_of(c: char) -> [u8; 4] {
    let mut b = [0u8; 4];
    let n = c.encode_utf8(&mut b).len();
    b[3] = n as u8;
    b
}

/// The letter a mark makes of a letter: a circumflex or breve needs the plain vowel, a tone a
/// toneless letter.
fn compose(letter: usize, mark: usize) -> u8 {
    let (upper, vowel, t) = (letter / 72, (letter % 72 / 6) as u8, (letter % 6) as u8);
    let (shape, mark_tone) = ((mark / 6) as u8, (mark % 6) as u8);
    let vowel = match (shape, vowel) {
        (0, v) => v,
        (CIRC, A) => A_CIRC,
        (CIRC, E) => E_CIRC,
        (CIRC, O) => O_CIRC,
        (BREVE, A) => A_BREVE,
        _ => return NO,
    };
    let t = match (mark_tone, t) {
        (0, t) if shape != 0 => t,
        (m, 0) if m != 0 => m,
        _ => return NO,
    };
    (upper * 72 + vowel as usize * 6 + t as usize) as u8
}

/// What each byte is in an encoding's chart: its character read alone, whether it belongs to
/// the encoding's own Vietnamese repertoire (preferred by the encoder), and its mark (or [`NO`]).
/// Bytes outside the chart are Windows-1252 (Windows-1258 for Windows-1258 itself).
fn chart(enc: Encoding) -> ([char; 256], [bool; 256], [u8; 256]) {
    let code_page = if enc == Encoding::Windows1258 {
        WINDOWS_1258
    } else {
        WINDOWS_1252
    };
    let mut chars = ['\0'; 256];
    let mut own = [false; 256];
    let mut mark = [NO; 256];
    for (b, c) in (0..=255u8).zip(chars.iter_mut()) {
        *c = if b < 0x80 {
            b as char
        } else {
            let byte = [b];
            let (s, _) = code_page.decode_without_bom_handling(&byte);
            s.chars().next().unwrap_or('\u{FFFD}')
        };
    }
    match enc {
        Encoding::Tcvn3 => {
            for (v, row) in TCVN3_VOWELS.iter().enumerate() {
                for (t, &b) in row.iter().enumerate() {
                    chars[b as usize] = letter_char(v * 6 + t);
                    own[b as usize] = true;
                }
            }
            for (b, c) in TCVN3_OTHERS {
                chars[b as usize] = c;
                own[b as usize] = true;
            }
        }
        Encoding::Vni => {
            for (lower, upper, shape, t) in VNI_MARKS {
                mark[lower as usize] = shape * 6 + t;
                mark[upper as usize] = shape * 6 + t;
            }
            for (lower, upper, c) in VNI_LETTERS {
                chars[lower as usize] = c;
                chars[upper as usize] = c.to_uppercase().next().unwrap_or(c);
                own[lower as usize] = true;
                own[upper as usize] = true;
            }
        }
        _ => {
            for b in 0x80..256usize {
                own[b] = true;
                mark[b] = match chars[b] {
                    '\u{300}' => GRAVE,
                    '\u{301}' => ACUTE,
                    '\u{309}' => HOOK,
                    '\u{303}' => TILDE,
                    '\u{323}' => DOT,
                    _ => NO,
                };
            }
        }
    }
    (chars, own, mark)
}

impl Tables {
    fn build() -> Tables {
        let mut compose_t = [[NO; MARKS]; LETTERS];
        let mut pair = [[0u32; MARKS + 1]; LETTERS + 1];
        let mut by_char = Vec::with_capacity(LETTERS);
        for id in 0..LETTERS {
            by_char.push((letter_char(id), id as u8));
            for m in 0..MARKS {
                let made = compose(id, m);
                compose_t[id][m] = made;
                if made != NO {
                    pair[id][m] = u32::from_le_bytes(utf8_of(letter_char(made as usize)));
                }
            }
        }
        by_char.sort_unstable();
        let mut t = Tables {
            compose: compose_t,
            pair,
            by_char,
            windows1258: Table::empty(),
            tcvn3: Table::empty(),
            vni: Table::empty(),
        };
        t.windows1258 = t.table(Encoding::Windows1258);
        t.tcvn3 = t.table(Encoding::Tcvn3);
        t.vni = t.table(Encoding::Vni);
        t
    }

    fn letter_id(&self, c: char) -> u8 {
        match self.by_char.binary_search_by_key(&c, |&(c, _)| c) {
            Ok(i) => self.by_char[i].1,
            Err(_) => NO,
        }
    }

    /// The decoding table of a legacy encoding, and its encoder.
    fn table(&self, enc: Encoding) -> Table {
        let (chars, own, mark) = chart(enc);
        let mut t = Table::empty();
        t.combining = enc == Encoding::Windows1258;
        t.has_marks = enc != Encoding::Tcvn3;
        for b in 0..256 {
            t.utf8[b] = utf8_of(chars[b]);
            t.mark[b] = mark[b];
            if mark[b] == NO {
                t.letter[b] = self.letter_id(chars[b]);
            }
            let letter = if t.letter[b] == NO {
                LETTERS
            } else {
                t.letter[b] as usize
            };
            let m = if mark[b] == NO {
                MARKS
            } else {
                mark[b] as usize
            };
            let utf8 = u64::from(u32::from_le_bytes(t.utf8[b]));
            t.entry[b] = utf8 | (letter as u64) << 32 | (m as u64) << 40;
        }
        self.fast_rows(&mut t);
        t.encoder = self.encoder(&t, &chars, &own);
        t
    }

    /// [`Table::row`] and [`Table::next`] from the other fields.
    fn fast_rows(&self, t: &mut Table) {
        let word = |u: [u8; 4]| u32::from_le_bytes([u[0], u[1], u[2], 0]) | u32::from(u[3]) << 30;
        let alone = |b: usize| word(t.utf8[b]);
        for b in 0..256 {
            t.next[b] = alone(b);
        }
        let marks: Vec<usize> = (0..256).filter(|&b| t.mark[b] != NO).collect();
        let mut rows = 1;
        for base in 0..256 {
            let l = t.letter[base];
            let takes_mark = l != NO
                && (marks.iter()).any(|&m| self.compose[l as usize][t.mark[m] as usize] != NO);
            if !takes_mark {
                continue;
            }
            if rows * 256 >= NEXT {
                t.fast = false;
                return;
            }
            t.row[base] = (rows * 256) as u16;
            for b in 0..256 {
                let m = t.mark[b];
                let made = if m == NO {
                    NO
                } else {
                    self.compose[l as usize][m as usize]
                };
                t.next[rows * 256 + b] = if made == NO {
                    alone(b)
                } else {
                    word(utf8_of(letter_char(made as usize))) | COMPOSES
                };
            }
            rows += 1;
        }
    }

    /// What [`encode`] writes for each character: a vowel letter as the encoding writes it (one
    /// byte, or base and mark, the mark in the letter's case for VNI; TCVN3's missing upper-case
    /// toned letters as their lower-case byte); then every other character a byte stands for.
    fn encoder(
        &self,
        t: &Table,
        chars: &[char; 256],
        own: &[bool; 256],
    ) -> FxHashMap<char, ([u8; 2], u8)> {
        let mut map = FxHashMap::default();
        let single = |id: usize| (0x80..256).find(|&b| own[b] && t.letter[b] == id as u8);
        for id in 0..LETTERS {
            let seq = if let Some(b) = single(id) {
                Some(([b as u8, 0], 1))
            } else {
                let mut best = None;
                for base in (0..256).filter(|&b| (b < 0x80 || own[b]) && t.letter[b] != NO) {
                    for m in (0x80..256).filter(|&m| t.mark[m] != NO) {
                        let made = self.compose[t.letter[base] as usize][t.mark[m] as usize];
                        let same_case = (m >= 0xE0) == (id < 72);
                        if made == id as u8 && (best.is_none() || same_case) {
                            best = Some(([base as u8, m as u8], 2));
                        }
                    }
                }
                best
            };
            let seq = seq.or_else(|| {
                // TCVN3: an upper-case toned letter is its lower-case byte
                let lower = id.checked_sub(72)?;
                single(lower).map(|b| ([b as u8, 0], 1))
            });
            if let Some(s) = seq {
                map.insert(letter_char(id), s);
            }
        }
        for (b, &c) in chars.iter().enumerate().skip(0x80) {
            if t.mark[b] == NO {
                map.entry(c).or_insert(([b as u8, 0], 1));
            }
        }
        map
    }
}

impl Table {
    fn empty() -> Table {
        Table {
            utf8: [[0; 4]; 256],
            letter: [NO; 256],
            mark: [NO; 256],
            entry: [0; 256],
            row: [0; 256],
            next: [0; NEXT],
            fast: true,
            combining: false,
            has_marks: false,
            encoder: FxHashMap::default(),
        }
    }

    fn of(enc: Encoding) -> &'static Table {
        let t = tables();
        match enc {
            Encoding::Tcvn3 => &t.tcvn3,
            Encoding::Vni => &t.vni,
            _ => &t.windows1258,
        }
    }
}

/// The parts of a vowel letter with or without diacritics: its index in [`VOWEL_BASES`], its
/// tone (see [`tone`]), whether upper case. None for any other character.
pub(crate) fn letter_parts(c: char) -> Option<(usize, u8, bool)> {
    match tables().letter_id(c) {
        NO => None,
        id => {
            let id = id as usize;
            Some((id % 72 / 6, (id % 6) as u8, id >= 72))
        }
    }
}

/// Decodes a whole legacy-encoded buffer (the detector's trial readings).
pub(crate) fn decode_all(bytes: &[u8], enc: Encoding) -> String {
    let mut out = Vec::new();
    let n = LegacyDecoder::new(enc).decode(bytes, true, &mut out);
    out.truncate(n);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Text in an encoding, for tests and sample files. UTF-8 without BOM; UTF-16 with its BOM (so
/// that the file says what it is). The legacy encodings write the text's NFC form, letters as the
/// encoding writes them (Windows-1258: a precomposed byte where the code page has one, otherwise
/// base and combining tone, as Windows does; TCVN3: an upper-case toned letter, which TCVN3
/// lacks, as its lower-case byte); U+FEFF (a BOM) is dropped and any other character the encoding
/// cannot write becomes `?`.
pub fn encode(text: &str, enc: Encoding) -> Vec<u8> {
    let legacy = match enc {
        Encoding::Utf8 => return text.as_bytes().to_vec(),
        Encoding::Utf16Le => {
            let units = text.encode_utf16().flat_map(u16::to_le_bytes);
            return [0xFF, 0xFE].into_iter().chain(units).collect();
        }
        Encoding::Utf16Be => {
            let units = text.encode_utf16().flat_map(u16::to_be_bytes);
            return [0xFE, 0xFF].into_iter().chain(units).collect();
        }
        Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni => Table::of(enc),
    };
    // combining marks U+0300–U+036F start with 0xCC or 0xCD in UTF-8
    let text = if memchr::memchr2(0xCC, 0xCD, text.as_bytes()).is_some() {
        std::borrow::Cow::Owned(text.nfc().collect::<String>())
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
        } else if let Some((b, n)) = legacy.encoder.get(&c) {
            out.extend_from_slice(&b[..*n as usize]);
        } else if c != '\u{FEFF}' {
            out.push(b'?');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_follow_the_charts() {
        // a few letters of each chart, byte by byte
        for (enc, text, bytes) in [
            (Encoding::Tcvn3, "Mã hồ sơ", &b"M\xB7 h\xE5 s\xAC"[..]),
            (Encoding::Tcvn3, "Đăng ký", b"\xA7\xA8ng k\xFD"),
            (Encoding::Vni, "Mã hồ sơ", b"Ma\xF5 ho\xE0 s\xF4"),
            (
                Encoding::Vni,
                "Đăng ký Ấp Ỵ",
                b"\xD1a\xEAng ky\xF9 A\xC1p \xCE",
            ),
            (Encoding::Windows1258, "Mã hồ sơ", b"Ma\xDE h\xF4\xCC s\xF5"),
            (Encoding::Windows1258, "Đăng ký", b"\xD0\xE3ng ky\xEC"),
        ] {
            assert_eq!(encode(text, enc), bytes, "{enc:?} {text}");
            assert_eq!(decode_all(bytes, enc), text, "{enc:?} {text}");
        }
        assert_eq!(letter_parts('Ậ'), Some((2, DOT, true)));
        assert_eq!(letter_parts('đ'), None);
    }

    #[test]
    fn stray_marks_and_other_bytes() {
        // VNI: a diacritic with no vowel before it is the character it shows alone
        assert_eq!(decode_all(b"b\xF9 \xF9", Encoding::Vni), "bù ù");
        // Windows-1258: a tone that makes no Vietnamese letter stays, normalised (ć, ạ + acute)
        assert_eq!(decode_all(b"c\xEC", Encoding::Windows1258), "ć");
        assert_eq!(decode_all(b"\xE1\xF2", Encoding::Windows1258), "ạ\u{301}");
        assert_eq!(decode_all(b"\xEC", Encoding::Windows1258), "\u{301}");
        // bytes outside TCVN3's repertoire are Windows-1252
        assert_eq!(decode_all(b"\x93x\x94 \x96", Encoding::Tcvn3), "“x” –");
        assert_eq!(encode("a€\u{FEFF}ж", Encoding::Tcvn3), b"a\x80?");
    }
}
