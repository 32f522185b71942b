//! HTML character references for [`crate::table::html`]: named (the markup ones, the Latin
//! letters with the marks Vietnamese uses, common punctuation), decimal and hex, as a browser
//! reads them.

/// Decodes the character reference at `t[0] == '&'`: the character and the bytes it used. An
/// unknown or malformed reference is a literal `&`.
pub(crate) fn entity(t: &[u8]) -> (char, usize) {
    const LITERAL: (char, usize) = ('&', 1);
    if t.get(1) == Some(&b'#') {
        let hex = matches!(t.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let digits = t[start.min(t.len())..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return LITERAL;
        }
        let radix = if hex { 16 } else { 10 };
        let value = t[start..start + digits].iter().fold(0u32, |n, &c| {
            let d = (c as char).to_digit(radix).unwrap_or(0);
            n.saturating_mul(radix).saturating_add(d)
        });
        let end = start + digits;
        let used = end + usize::from(t.get(end) == Some(&b';'));
        return (numeric_char(value), used);
    }
    let len = t[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = &t[1..1 + len];
    let semi = t.get(1 + len) == Some(&b';');
    let Some(&(_, ch)) = ENTITIES.iter().find(|(n, _)| n.as_bytes() == name) else {
        return LITERAL;
    };
    if semi {
        (ch, len + 2)
    } else if u32::from(ch) <= 0xFF && name != b"apos" {
        // the HTML 4 (Latin-1) names are read without `;` too
        (ch, len + 1)
    } else {
        LITERAL
    }
}

/// A numeric character reference as a browser reads it: 0x80–0x9F as Windows-1252, NUL,
/// surrogates and values past U+10FFFF as U+FFFD.
fn numeric_char(v: u32) -> char {
    const CP1252: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
        0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ];
    let v = match v {
        0x80..=0x9F => u32::from(CP1252[(v - 0x80) as usize]),
        0 => 0xFFFD,
        _ => v,
    };
    char::from_u32(v).unwrap_or('\u{FFFD}')
}

/// Named character references: the markup ones, the Latin letters with the marks Vietnamese
/// uses, and common punctuation.
const ENTITIES: [(&str, char); 78] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("shy", '\u{ad}'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("times", '×'),
    ("divide", '÷'),
    ("middot", '·'),
    ("bull", '•'),
    ("hellip", '…'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("sect", '§'),
    ("para", '¶'),
    ("ordm", 'º'),
    ("ordf", 'ª'),
    ("euro", '€'),
    ("permil", '‰'),
    ("Agrave", 'À'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Atilde", 'Ã'),
    ("Abreve", 'Ă'),
    ("Egrave", 'È'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Igrave", 'Ì'),
    ("Iacute", 'Í'),
    ("Itilde", 'Ĩ'),
    ("Ograve", 'Ò'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Otilde", 'Õ'),
    ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'),
    ("Utilde", 'Ũ'),
    ("Yacute", 'Ý'),
    ("Dstrok", 'Đ'),
    ("ETH", 'Ð'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("atilde", 'ã'),
    ("abreve", 'ă'),
    ("egrave", 'è'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("igrave", 'ì'),
    ("iacute", 'í'),
    ("itilde", 'ĩ'),
    ("ograve", 'ò'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("otilde", 'õ'),
    ("ugrave", 'ù'),
    ("uacute", 'ú'),
    ("utilde", 'ũ'),
    ("yacute", 'ý'),
    ("dstrok", 'đ'),
    ("eth", 'ð'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        for (text, want) in [
            ("&amp;x", ('&', 5)),
            ("&amp x", ('&', 4)),
            ("&nbsp;", ('\u{a0}', 6)),
            ("&Dstrok;", ('Đ', 8)),
            ("&ocirc;", ('ô', 7)),
            ("&copy x", ('©', 5)),
            ("&dstrok x", ('&', 1)),
            ("&#273;", ('đ', 6)),
            ("&#x1EA1;", ('ạ', 8)),
            ("&#X1ea1", ('ạ', 7)),
            ("&#150;", ('–', 6)),
            ("&#0;", ('\u{FFFD}', 4)),
            ("&#xD800;", ('\u{FFFD}', 8)),
            ("&#99999999999;", ('\u{FFFD}', 14)),
            ("&#;", ('&', 1)),
            ("&unknown;", ('&', 1)),
            ("&", ('&', 1)),
        ] {
            assert_eq!(entity(text.as_bytes()), want, "{text}");
        }
    }
}
