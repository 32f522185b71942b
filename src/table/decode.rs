//! Streaming decode to UTF-8 and delimiter sniffing.
//!
//! The encoding is known from the first bytes: a BOM (UTF-8, UTF-16 LE/BE — Excel's «Unicode
//! text»), or, without one, NUL bytes in alternate positions (UTF-16 without BOM); otherwise
//! [`detect`] reads up to [`DETECT_BYTES`]: valid UTF-8 is UTF-8, anything else is the legacy
//! Vietnamese encoding (Windows-1258, TCVN3, VNI: [`crate::table::legacy`]) whose reading looks
//! most like Vietnamese ([`crate::table::syllable`]). The caller may force an encoding instead
//! ([`Decode::with_encoding`]); a BOM is skipped all the same.
//!
//! UTF-8 passes through untouched; UTF-16 goes through an `encoding_rs` decoder and the legacy
//! encodings through [`LegacyDecoder`], both keeping their state across chunks (a code unit, or a
//! letter and its diacritic, split between two chunks decodes correctly). Every output is NFC.

use crate::table::legacy::{self, LegacyDecoder};
use crate::table::syllable;
use encoding_rs::{CoderResult, Decoder, UTF_16BE, UTF_16LE};

/// A text encoding the decoder reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
    /// TCVN 5712:1993 VN3, the «ABC» fonts (.VnTime).
    Tcvn3,
    /// The VNI-Windows fonts.
    Vni,
}

impl Encoding {
    pub const ALL: [Encoding; 6] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
    ];

    /// The name in a file's `encoding` (`utf-8`, `utf-16le`, `utf-16be`, `windows-1258`, `tcvn3`,
    /// `vni`); a UTF-8 file with a BOM is `utf-8-bom` there.
    pub fn name(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
        }
    }

    /// The name shown to the user.
    pub fn label(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1258 => "Windows-1258",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
        }
    }

    /// The encoding a name or a common alias means, ignoring case, spaces, `-` and `_`
    /// (`utf8`, `utf-8-bom`, `utf16`, `cp1258`, `tcvn`, `abc`, `vni-windows`…). None for
    /// anything else, `auto` included: the caller treats that as automatic detection.
    pub fn from_name(name: &str) -> Option<Encoding> {
        let key: String = name
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "utf8" | "utf8bom" | "unicode" => Encoding::Utf8,
            "utf16" | "utf16le" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "windows1258" | "cp1258" | "win1258" | "1258" => Encoding::Windows1258,
            "tcvn3" | "tcvn" | "abc" | "tcvn5712" | "vn3" | "tcvn3abc" => Encoding::Tcvn3,
            "vni" | "vniwindows" | "vniwin" => Encoding::Vni,
            _ => return None,
        })
    }
}

/// Raw bytes [`detect`] reads, at most.
pub const DETECT_BYTES: usize = 64 * 1024;

/// What [`detect`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    pub encoding: Encoding,
    /// A doubt, in Vietnamese: a close call between legacy encodings, or none read like
    /// Vietnamese.
    pub warning: Option<String>,
}

/// The legacy encodings tried, in the order that breaks ties (TCVN3 was the state standard).
const LEGACY: [Encoding; 3] = [Encoding::Tcvn3, Encoding::Vni, Encoding::Windows1258];

/// The encoding of the first bytes of a file without BOM (up to [`DETECT_BYTES`] are read).
/// Valid UTF-8 is UTF-8 — pure ASCII too, and a character cut by the end of the bytes does not
/// count against it. Otherwise each legacy encoding reads the bytes and the one with the most
/// Vietnamese syllables less other words wins; a close call (the runner-up within a fifth, or
/// within 2 words) or a winner with fewer than twice as many syllables as other words comes with
/// a warning.
pub fn detect(bytes: &[u8]) -> Detection {
    let window = &bytes[..bytes.len().min(DETECT_BYTES)];
    match std::str::from_utf8(window) {
        Err(e) if e.error_len().is_some() => {}
        _ => {
            return Detection {
                encoding: Encoding::Utf8,
                warning: None,
            }
        }
    }
    let scores = LEGACY.map(|e| syllable::score(&legacy::decode_all(window, e)));
    let mut best = 0;
    for i in 1..LEGACY.len() {
        if scores[i].net() > scores[best].net() {
            best = i;
        }
    }
    let (s, label) = (scores[best], LEGACY[best].label());
    let runner_up = (0..LEGACY.len())
        .filter(|&i| i != best)
        .map(|i| scores[i].net())
        .max()
        .unwrap_or(i64::MIN);
    let warning = if s.good == 0 || s.good < 2 * s.bad {
        Some(format!(
            "Tệp không phải UTF-8 và không giống chữ Việt ở bảng mã cũ nào: đã đọc như {label}; chữ có dấu có thể sai, hãy chọn bảng mã của tệp"
        ))
    } else if runner_up >= s.net() - (s.net() / 5).max(2) {
        Some(format!(
            "Không chắc bảng mã: đã đọc như {label}; nếu chữ có dấu sai, hãy chọn bảng mã khác"
        ))
    } else {
        None
    };
    Detection {
        encoding: LEGACY[best],
        warning,
    }
}

/// The reader's warning on text read as UTF-8 that is not valid UTF-8.
pub const NOT_UTF8: &str = "Tệp không phải UTF-8 hợp lệ: chữ có dấu có thể sai; nếu tệp dùng bảng mã cũ (Windows-1258, TCVN3, VNI), hãy chọn bảng mã đó";

enum State {
    /// Not enough bytes seen to know the encoding.
    Pending(Vec<u8>),
    Utf8,
    Utf16(Box<Decoder>),
    Legacy(LegacyDecoder),
}

/// The streaming decoder of one file.
pub struct Decode {
    forced: Option<Encoding>,
    state: State,
    warning: Option<String>,
}

impl Default for Decode {
    fn default() -> Self {
        Decode::with_encoding(None)
    }
}

impl Decode {
    /// A decoder that finds the encoding (BOM, UTF-16 pattern, [`detect`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// A decoder of `encoding` (a BOM, whichever, is skipped), or one that finds it (`None`).
    pub fn with_encoding(encoding: Option<Encoding>) -> Self {
        Decode {
            forced: encoding,
            state: State::Pending(Vec::new()),
            warning: None,
        }
    }

    /// A decoder of UTF-8 text from the middle of a file (a part read by another worker):
    /// the bytes pass through from the first one, nothing is detected or skipped.
    pub fn utf8_from_middle() -> Self {
        Decode {
            forced: Some(Encoding::Utf8),
            state: State::Utf8,
            warning: None,
        }
    }

    /// The encoding is known and the bytes pass through as they are (UTF-8).
    pub fn passes_through(&self) -> bool {
        matches!(self.state, State::Utf8)
    }

    /// The detector's doubt about the encoding, in Vietnamese, once known.
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// Feeds raw bytes; calls `out` with UTF-8 bytes. Returns the encoding's name once known.
    pub fn push(
        &mut self,
        input: &[u8],
        last: bool,
        scratch: &mut Vec<u8>,
        out: &mut dyn FnMut(&[u8]),
    ) -> Option<&'static str> {
        if self.passes_through() {
            if !input.is_empty() {
                out(input);
            }
            return None;
        }
        let (name, n) = self.decode_into(input, last, scratch);
        if n > 0 {
            out(&scratch[..n]);
        }
        name
    }

    /// Feeds raw bytes; writes the UTF-8 at the start of `buf`, which grows as needed and is
    /// never shrunk (so that it is not zeroed for each chunk). Returns the encoding's name once
    /// known, and the length written.
    pub fn decode_into(
        &mut self,
        input: &[u8],
        last: bool,
        buf: &mut Vec<u8>,
    ) -> (Option<&'static str>, usize) {
        let State::Pending(pending) = &mut self.state else {
            return (None, self.write(input, last, buf));
        };
        let forced = self.forced.is_some();
        let ready = |b: &[u8]| {
            last || b.len() >= DETECT_BYTES || (b.len() >= 4 && (forced || unicode(b).is_some()))
        };
        if pending.is_empty() && ready(input) {
            let (name, skip) = self.start(input);
            return (Some(name), self.write(&input[skip..], last, buf));
        }
        pending.extend_from_slice(input);
        if !ready(pending) {
            return (None, 0);
        }
        let bytes = std::mem::take(pending);
        let (name, skip) = self.start(&bytes);
        (Some(name), self.write(&bytes[skip..], last, buf))
    }

    /// Decides the encoding from the first bytes; returns its name and the BOM's length.
    fn start(&mut self, b: &[u8]) -> (&'static str, usize) {
        let (bom, skip) = match b {
            [0xEF, 0xBB, 0xBF, ..] => (Some(Encoding::Utf8), 3),
            [0xFF, 0xFE, ..] => (Some(Encoding::Utf16Le), 2),
            [0xFE, 0xFF, ..] => (Some(Encoding::Utf16Be), 2),
            _ => (None, 0),
        };
        let enc = match (self.forced, bom) {
            (Some(e), _) | (None, Some(e)) => e,
            (None, None) => unicode(b).unwrap_or_else(|| {
                let d = detect(b);
                self.warning = d.warning;
                d.encoding
            }),
        };
        self.state = match enc {
            Encoding::Utf8 => State::Utf8,
            Encoding::Utf16Le => {
                State::Utf16(Box::new(UTF_16LE.new_decoder_without_bom_handling()))
            }
            Encoding::Utf16Be => {
                State::Utf16(Box::new(UTF_16BE.new_decoder_without_bom_handling()))
            }
            legacy => State::Legacy(LegacyDecoder::new(legacy)),
        };
        let name = if enc == Encoding::Utf8 && bom == Some(Encoding::Utf8) {
            "utf-8-bom"
        } else {
            enc.name()
        };
        (name, skip)
    }

    /// Decodes with the known encoding into the start of `buf`; returns the length written.
    fn write(&mut self, input: &[u8], last: bool, buf: &mut Vec<u8>) -> usize {
        match &mut self.state {
            State::Pending(_) => unreachable!("encoding is known"),
            State::Utf8 => {
                if buf.len() < input.len() {
                    buf.resize(input.len(), 0);
                }
                buf[..input.len()].copy_from_slice(input);
                input.len()
            }
            State::Legacy(dec) => dec.decode(input, last, buf),
            State::Utf16(dec) => {
                let (mut src, mut n) = (input, 0);
                loop {
                    let need = dec
                        .max_utf8_buffer_length(src.len())
                        .unwrap_or(src.len() * 3 + 16)
                        .max(16);
                    if buf.len() < n + need {
                        buf.resize(n + need, 0);
                    }
                    let (res, read, written, _) = dec.decode_to_utf8(src, &mut buf[n..], last);
                    n += written;
                    src = &src[read..];
                    if res == CoderResult::InputEmpty {
                        return n;
                    }
                }
            }
        }
    }
}

/// A BOM, or UTF-16 without one (NUL bytes in alternate positions of the first four): the
/// Unicode encoding the first bytes show.
fn unicode(b: &[u8]) -> Option<Encoding> {
    match b {
        [0xEF, 0xBB, 0xBF, ..] => Some(Encoding::Utf8),
        [0xFF, 0xFE, ..] => Some(Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => Some(Encoding::Utf16Be),
        [a, 0, c, 0, ..] if *a != 0 && *c != 0 => Some(Encoding::Utf16Le),
        [0, a, 0, c, ..] if *a != 0 && *c != 0 => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// Picks the delimiter among `,` `;` tab `|`: the one whose most common non-zero count per line
/// (outside quotes) occurs on the most lines, then the larger count. Title rows exported from a
/// spreadsheet carry the same run of empty cells, so they vote with the data.
pub fn sniff_delimiter(text: &[u8]) -> u8 {
    const CANDS: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut per_line: Vec<[u32; 4]> = Vec::new();
    let mut cur = [0u32; 4];
    let mut in_quotes = false;
    for &c in text {
        if c == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            if c == b'\n' {
                per_line.push(cur);
                cur = [0; 4];
                if per_line.len() >= 200 {
                    break;
                }
            } else if let Some(i) = CANDS.iter().position(|&d| d == c) {
                cur[i] += 1;
            }
        }
    }
    if cur.iter().any(|&n| n > 0) {
        per_line.push(cur);
    }
    let mut best = (0usize, 0u32, b',');
    for (i, &d) in CANDS.iter().enumerate() {
        let mut hist: Vec<(u32, usize)> = Vec::new();
        for l in &per_line {
            let n = l[i];
            if n == 0 {
                continue;
            }
            match hist.iter_mut().find(|(k, _)| *k == n) {
                Some(e) => e.1 += 1,
                None => hist.push((n, 1)),
            }
        }
        if let Some(&(count, freq)) = hist.iter().max_by_key(|&&(k, f)| (f, k)) {
            if (freq, count) > (best.0, best.1) {
                best = (freq, count, d);
            }
        }
    }
    best.2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], chunk: usize) -> (String, &'static str) {
        let mut d = Decode::new();
        let mut out = Vec::new();
        let mut scratch = Vec::new();
        let mut name = "";
        for c in bytes.chunks(chunk.max(1)) {
            if let Some(n) = d.push(c, false, &mut scratch, &mut |b| out.extend_from_slice(b)) {
                name = n;
            }
        }
        if let Some(n) = d.push(&[], true, &mut scratch, &mut |b| out.extend_from_slice(b)) {
            name = n;
        }
        (String::from_utf8(out).unwrap(), name)
    }

    #[test]
    fn encodings_at_any_chunk_size() {
        let text = "Mã hồ sơ;Ngày tiếp nhận\r\nG22-1;05/01/2024\r\n";
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        let bare16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let bom8: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
        for chunk in [1, 2, 3, 5, 7, 64] {
            assert_eq!(
                decode_all(text.as_bytes(), chunk),
                (text.to_string(), "utf-8")
            );
            assert_eq!(decode_all(&bom8, chunk), (text.to_string(), "utf-8-bom"));
            assert_eq!(decode_all(&utf16le, chunk), (text.to_string(), "utf-16le"));
            assert_eq!(decode_all(&utf16be, chunk), (text.to_string(), "utf-16be"));
            assert_eq!(decode_all(&bare16, chunk), (text.to_string(), "utf-16le"));
        }
        assert_eq!(decode_all(b"a", 1), ("a".to_string(), "utf-8"));
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(
            sniff_delimiter(b"UBND TINH;;\nMa;Ngay, gio;C\n1;\"2,3\";4\n"),
            b';'
        );
        assert_eq!(sniff_delimiter(b"a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"x;y\",b,c\n\"1\n2;3\",2,3\n"), b',');
        assert_eq!(sniff_delimiter(b"single\n"), b',');
    }
}
