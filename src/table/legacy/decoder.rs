//! The streaming decoder of the legacy encodings: chunks cut anywhere in, NFC UTF-8 out, fast.
//!
//! A letter and its mark are two bytes in a row; the last letter of a chunk (and any marks after
//! it) waits for the next chunk. Within a chunk, eight bytes of ASCII are copied at once and the
//! others go through the encoding's table one by one, without a branch that depends on the text.

use super::{tables, Table, COMPOSES, LETTERS, MARKS, NEXT, NO};
use crate::table::decode::Encoding;
use unicode_normalization::UnicodeNormalization;

/// A mark after this many marks with no letter before them is decoded without waiting for the
/// next chunk (only text that is not Vietnamese has such runs).
const HOLD_MAX: usize = 32;

/// The streaming decoder of one legacy encoding: bytes in chunks cut anywhere, NFC UTF-8 out.
pub struct LegacyDecoder {
    table: &'static Table,
    /// The last letter of the previous chunk and the marks after it: a mark may still follow.
    held: Vec<u8>,
}

impl LegacyDecoder {
    /// A decoder of `enc` (Windows-1258, TCVN3 or VNI; any other is read as Windows-1258).
    pub fn new(enc: Encoding) -> LegacyDecoder {
        LegacyDecoder {
            table: Table::of(enc),
            held: Vec::new(),
        }
    }

    /// Decodes the next chunk; `last` ends the text. The UTF-8 is written at the start of `buf`,
    /// which grows as needed and is never shrunk (so that it is not zeroed again for each chunk):
    /// returns the length written.
    pub fn decode(&mut self, mut input: &[u8], last: bool, buf: &mut Vec<u8>) -> usize {
        let t = self.table;
        let mut o = 0;
        if !self.held.is_empty() {
            let k = input
                .iter()
                .take_while(|&&b| t.mark[b as usize] != NO)
                .count();
            self.held.extend_from_slice(&input[..k]);
            input = &input[k..];
            if input.is_empty() && !last && self.held.len() <= HOLD_MAX {
                return 0;
            }
            let held = std::mem::take(&mut self.held);
            o = run(t, &held, buf, o);
            self.held = held;
            self.held.clear();
        }
        let cut = if last || !t.has_marks {
            input.len()
        } else {
            tail_start(t, input)
        };
        o = run(t, &input[..cut], buf, o);
        self.held.extend_from_slice(&input[cut..]);
        o
    }
}

/// Where the last letter of a chunk starts, with the marks after it: kept for the next chunk.
fn tail_start(t: &Table, input: &[u8]) -> usize {
    let n = input.len();
    let mut k = n;
    while k > 0 && t.mark[input[k - 1] as usize] != NO {
        if n - k >= HOLD_MAX {
            return n;
        }
        k -= 1;
    }
    k.saturating_sub(1)
}

/// Decodes bytes in which every letter has its marks, writing UTF-8 into `out` from `start`;
/// returns the end. Eight bytes of ASCII are copied at once, the others go through a table one
/// by one without a branch that depends on the text ([`run_plain`], [`run_marks`]); Windows-1258
/// text with a tone mark that makes no Vietnamese letter is decoded again by [`run_exact`].
fn run(t: &Table, src: &[u8], out: &mut Vec<u8>, start: usize) -> usize {
    // every byte makes at most 3 bytes; more for the word-wide writes
    let need = start + 3 * src.len() + 64;
    if out.len() < need {
        out.resize(need, 0);
    }
    if !t.has_marks {
        return run_plain(t, src, out, start);
    }
    if !t.fast {
        return run_exact(t, src, out, start);
    }
    let end = run_marks(t, src, out, start);
    // a Windows-1258 mark that made no letter is the only combining mark (U+03xx: 0xCC, 0xCD)
    if t.combining && memchr::memchr2(0xCC, 0xCD, &out[start..end]).is_some() {
        run_exact(t, src, out, start)
    } else {
        end
    }
}

/// [`run`] without marks (TCVN3): each byte is its character.
fn run_plain(t: &Table, src: &[u8], out: &mut [u8], start: usize) -> usize {
    let mut o = start;
    let mut words = src.chunks_exact(8);
    for w in &mut words {
        let (Ok(w), Some(dst)) = (<[u8; 8]>::try_from(w), out.get_mut(o..o + 32)) else {
            break;
        };
        if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 == 0 {
            dst[..8].copy_from_slice(&w);
            o += 8;
            continue;
        }
        let mut p = 0;
        for b in w {
            let e = t.next[b as usize];
            dst[p..p + 4].copy_from_slice(&e.to_le_bytes());
            p += (e >> 30) as usize;
        }
        o += p;
    }
    for &b in words.remainder() {
        let e = t.next[b as usize];
        out[o..o + 4].copy_from_slice(&e.to_le_bytes());
        o += (e >> 30) as usize;
    }
    o
}

/// [`run`] with marks (VNI, Windows-1258): each byte's text is written one byte late, once the
/// next byte tells whether it is a mark that makes a letter of it (then only the letter is
/// written). Returns the end.
fn run_marks(t: &Table, src: &[u8], out: &mut [u8], start: usize) -> usize {
    let next = &t.next;
    let mut o = start;
    // the row of the previous byte, and its text, not yet written
    let (mut r, mut pending) = (0usize, 0u32);
    let mut words = src.chunks_exact(8);
    for w in &mut words {
        let (Ok(w), Some(dst)) = (<[u8; 8]>::try_from(w), out.get_mut(o..o + 40)) else {
            break;
        };
        if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 == 0 {
            // no mark here: the pending text, seven bytes, and the eighth pending
            dst[..4].copy_from_slice(&pending.to_le_bytes());
            let p = (pending >> 30) as usize;
            dst[p..p + 8].copy_from_slice(&w);
            o += p + 7;
            r = t.row[w[7] as usize] as usize;
            pending = u32::from(w[7]) | 1 << 30;
            continue;
        }
        let mut p = 0;
        for b in w {
            let e = next[(r + b as usize) & (NEXT - 1)];
            r = t.row[b as usize] as usize;
            dst[p..p + 4].copy_from_slice(&pending.to_le_bytes());
            let len = if e & COMPOSES == 0 { pending >> 30 } else { 0 };
            p += len as usize;
            pending = e;
        }
        o += p;
    }
    for &b in words.remainder() {
        let e = next[(r + b as usize) & (NEXT - 1)];
        r = t.row[b as usize] as usize;
        out[o..o + 4].copy_from_slice(&pending.to_le_bytes());
        o += if e & COMPOSES == 0 { pending >> 30 } else { 0 } as usize;
        pending = e;
    }
    out[o..o + 4].copy_from_slice(&pending.to_le_bytes());
    o + (pending >> 30) as usize
}

/// [`run`] one byte at a time with every rule: a mark rewrites the letter just written, and a
/// Windows-1258 mark that makes no letter is normalised with its cluster.
fn run_exact(t: &Table, src: &[u8], out: &mut Vec<u8>, start: usize) -> usize {
    let pair = &tables().pair;
    // every byte makes at most 3 bytes; more for the word-wide writes
    let need = start + 3 * src.len() + 64;
    if out.len() < need {
        out.resize(need, 0);
    }
    let mut s = Step {
        o: start,
        prev_o: start,
        prev_l: LETTERS,
    };
    let mut words = src.chunks_exact(8);
    for w in &mut words {
        let Ok(w) = <[u8; 8]>::try_from(w) else {
            break;
        };
        if out.len() < s.o + 64 {
            // only after a rare normalisation that made the text longer
            out.resize(s.o + 64 + 3 * src.len(), 0);
        }
        if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 == 0 {
            out[s.o..s.o + 8].copy_from_slice(&w);
            s.prev_o = s.o + 7;
            s.o += 8;
            s.prev_l = (t.entry[w[7] as usize] >> 32) as u8 as usize;
            continue;
        }
        for b in w {
            step(t, pair, out, b, &mut s);
        }
    }
    for &b in words.remainder() {
        if out.len() < s.o + 64 {
            out.resize(s.o + 64, 0);
        }
        step(t, pair, out, b, &mut s);
    }
    s.o
}

/// Where the decoder is: the end of the text, where the last character starts, and the letter
/// of the last byte ([`LETTERS`] for none).
struct Step {
    o: usize,
    prev_o: usize,
    prev_l: usize,
}

/// One byte: its character, or — a mark after a letter — the letter it makes, written over the
/// letter. A letter and its mark are two bytes in a row, so the letter before a mark is the
/// previous byte's (never a letter already made by a mark: a second mark does not compose).
#[inline(always)]
fn step(t: &Table, pair: &[[u32; MARKS + 1]; LETTERS + 1], out: &mut [u8], b: u8, s: &mut Step) {
    let e = t.entry[b as usize];
    let m = (e >> 40) as u8 as usize;
    let made = pair[s.prev_l][m];
    if made == 0 && m != MARKS && t.combining {
        // Windows-1258: a tone that makes no Vietnamese letter
        s.o = normalise(out, s.prev_o, s.o, e as u32);
        s.prev_l = LETTERS;
        return;
    }
    let (w, at) = if made != 0 {
        (made, s.prev_o)
    } else {
        (e as u32, s.o)
    };
    out[at..at + 4].copy_from_slice(&w.to_le_bytes());
    s.o = at + (w >> 24) as usize;
    s.prev_o = at;
    s.prev_l = (e >> 32) as u8 as usize;
}

/// The rare path of Windows-1258: the cluster `out[lo..o]` (a base and its marks) with one more
/// combining mark (UTF-8 in a word), normalised to NFC in place. Returns the new end.
fn normalise(out: &mut [u8], lo: usize, o: usize, mark: u32) -> usize {
    let mark = mark.to_le_bytes();
    let mut cluster = String::from_utf8_lossy(&out[lo..o]).into_owned();
    cluster.push_str(std::str::from_utf8(&mark[..mark[3] as usize]).unwrap_or(""));
    let nfc: String = cluster.nfc().collect();
    // never longer than the cluster and the mark for these marks; cut rather than overflow
    let end = (lo + nfc.len()).min(out.len());
    out[lo..end].copy_from_slice(&nfc.as_bytes()[..end - lo]);
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::legacy::{encode, VOWELS};

    #[test]
    fn fast_and_exact_decoders_agree() {
        let mut text = String::from("Mã hồ sơ «Ngày» HỒ SƠ, Ủy ban, quốc, thuở; ");
        for v in VOWELS {
            text.push_str(&format!("x{v} {}z ", v.to_uppercase()));
        }
        let mut bytes = Vec::new();
        for b in 0..=255u8 {
            for c in [b'a', b'O', 0xF4, 0xD6, 0xE2, 0xCC, 0xF9, 0xEC, 0xF2, b' '] {
                bytes.extend_from_slice(&[b, c, b, b'u', c]);
            }
        }
        for enc in [Encoding::Vni, Encoding::Windows1258, Encoding::Tcvn3] {
            let t = Table::of(enc);
            for src in [encode(&text, enc), bytes.clone()] {
                let (mut fast, mut exact) = (Vec::new(), Vec::new());
                let n = run(t, &src, &mut fast, 0);
                let m = run_exact(t, &src, &mut exact, 0);
                assert_eq!(fast[..n], exact[..m], "{enc:?}");
            }
            // Vietnamese text takes the fast path: no combining mark left
            assert!(t.fast, "{enc:?}");
            let src = encode(&text, enc);
            let mut out = vec![0; 3 * src.len() + 64];
            let n = run_marks(t, &src, &mut out, 0);
            assert_eq!(memchr::memchr2(0xCC, 0xCD, &out[..n]), None, "{enc:?}");
        }
    }
}
