//! Streaming decode to UTF-8 and delimiter sniffing.
//!
//! The encoding is known from the first bytes: a BOM (UTF-8, UTF-16 LE/BE — Excel's «Unicode
//! text»), or, without one, NUL bytes in alternate positions (UTF-16 without BOM); otherwise UTF-8.
//! UTF-8 passes through untouched; UTF-16 goes through an `encoding_rs` decoder that keeps its
//! state across chunks, so a code unit split between two chunks decodes correctly.

use encoding_rs::{CoderResult, Decoder, UTF_16BE, UTF_16LE};

pub enum Decode {
    /// Not enough bytes seen to know the encoding.
    Pending(Vec<u8>),
    Utf8,
    Utf16(Box<Decoder>),
}

impl Default for Decode {
    fn default() -> Self {
        Decode::Pending(Vec::new())
    }
}

impl Decode {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds raw bytes; calls `out` with UTF-8 bytes. Returns the encoding's name once known.
    pub fn push(
        &mut self,
        input: &[u8],
        last: bool,
        scratch: &mut Vec<u8>,
        out: &mut dyn FnMut(&[u8]),
    ) -> Option<&'static str> {
        if let Decode::Pending(buf) = self {
            buf.extend_from_slice(input);
            if buf.len() < 4 && !last {
                return None;
            }
            let buf = std::mem::take(buf);
            let (dec, name, skip) = sniff_encoding(&buf);
            *self = dec;
            self.push_known(&buf[skip..], last, scratch, out);
            return Some(name);
        }
        if !input.is_empty() || last {
            self.push_known(input, last, scratch, out);
        }
        None
    }

    fn push_known(
        &mut self,
        input: &[u8],
        last: bool,
        scratch: &mut Vec<u8>,
        out: &mut dyn FnMut(&[u8]),
    ) {
        match self {
            Decode::Pending(_) => unreachable!("encoding is known"),
            Decode::Utf8 => {
                if !input.is_empty() {
                    out(input)
                }
            }
            Decode::Utf16(dec) => {
                let mut src = input;
                loop {
                    let need = dec
                        .max_utf8_buffer_length(src.len())
                        .unwrap_or(src.len() * 3 + 16)
                        .max(16);
                    scratch.clear();
                    scratch.resize(need, 0);
                    let (res, read, written, _) = dec.decode_to_utf8(src, scratch, last);
                    if written > 0 {
                        out(&scratch[..written]);
                    }
                    src = &src[read..];
                    if res == CoderResult::InputEmpty {
                        break;
                    }
                }
            }
        }
    }
}

fn sniff_encoding(b: &[u8]) -> (Decode, &'static str, usize) {
    if b.starts_with(&[0xEF, 0xBB, 0xBF]) {
        (Decode::Utf8, "utf-8-bom", 3)
    } else if b.starts_with(&[0xFF, 0xFE]) {
        (
            Decode::Utf16(Box::new(UTF_16LE.new_decoder_without_bom_handling())),
            "utf-16le",
            2,
        )
    } else if b.starts_with(&[0xFE, 0xFF]) {
        (
            Decode::Utf16(Box::new(UTF_16BE.new_decoder_without_bom_handling())),
            "utf-16be",
            2,
        )
    } else if b.len() >= 4 && b[1] == 0 && b[3] == 0 && b[0] != 0 && b[2] != 0 {
        (
            Decode::Utf16(Box::new(UTF_16LE.new_decoder_without_bom_handling())),
            "utf-16le",
            0,
        )
    } else if b.len() >= 4 && b[0] == 0 && b[2] == 0 && b[1] != 0 && b[3] != 0 {
        (
            Decode::Utf16(Box::new(UTF_16BE.new_decoder_without_bom_handling())),
            "utf-16be",
            0,
        )
    } else {
        (Decode::Utf8, "utf-8", 0)
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
