//! The fast path's split of a complete line into cells, in place (`Reader::fast_lines`): what it
//! cannot split exactly as csv-core would, it hands back.

/// Splits one complete line into cell spans, in place. Quoted fields without an escaped quote
/// lose their quotes and keep their delimiters; false when the line needs csv-core (an escaped
/// `""` or a quote left open, i.e. a newline inside a field) or holds a CR (a lone CR ends a
/// record for csv-core; the fast path must not read it as a character of a cell, or the rows
/// would depend on where the chunks fall).
pub(super) fn split_line(line: &[u8], delim: u8, spans: &mut Vec<(usize, usize)>) -> bool {
    spans.clear();
    match memchr::memchr2(b'"', b'\r', line) {
        None => {}
        Some(p) if line[p] == b'\r' || memchr::memchr(b'\r', &line[p..]).is_some() => {
            return false;
        }
        Some(_) => return split_quoted(line, delim, spans),
    }
    split_plain(line, delim, spans);
    true
}

/// The spans of a line without quotes, split at every `delim`: eight bytes at a time, the
/// delimiters of a word found as a mask of its bytes equal to `delim` (a cell is ~18 bytes in
/// the sample: one `memchr` call per cell spent more in starting than in searching).
fn split_plain(line: &[u8], delim: u8, spans: &mut Vec<(usize, usize)>) {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = LOW * u64::from(delim);
    let mut start = 0;
    let mut words = line.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().expect("8 bytes")) ^ pattern;
        // the high bit of each byte of `w` that is zero (exact: no carry crosses a byte)
        let mut zeros = !(((w & LOW7) + LOW7) | w | LOW7);
        while zeros != 0 {
            let p = at + (zeros.trailing_zeros() / 8) as usize;
            spans.push((start, p));
            start = p + 1;
            zeros &= zeros - 1;
        }
        at += 8;
    }
    for (k, &b) in words.remainder().iter().enumerate() {
        if b == delim {
            spans.push((start, at + k));
            start = at + k + 1;
        }
    }
    spans.push((start, line.len()));
}

/// [`split_line`] of a line with a quote and no CR.
fn split_quoted(line: &[u8], delim: u8, spans: &mut Vec<(usize, usize)>) -> bool {
    let mut i = 0;
    loop {
        if line.get(i) == Some(&b'"') {
            let start = i + 1;
            let Some(len) = memchr::memchr(b'"', &line[start..]) else {
                return false;
            };
            let after = start + len + 1;
            spans.push((start, start + len));
            match line.get(after) {
                None => return true,
                Some(&c) if c == delim => i = after + 1,
                Some(_) => return false,
            }
        } else {
            match memchr::memchr(delim, &line[i..]) {
                Some(p) => {
                    spans.push((i, i + p));
                    i += p + 1;
                }
                None => {
                    spans.push((i, line.len()));
                    return true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of every length up to 40 with delimiters, other bytes and bytes with the high bit
    /// at every position: the spans are those of splitting at each delimiter byte.
    #[test]
    fn split_plain_finds_every_delimiter() {
        let alphabet = [b',', b';', b'a', 0x80, 0xff, 0x2b, 0x2d, 0];
        let mut spans = Vec::new();
        let mut seed = 7u64;
        for len in 0..40 {
            for _ in 0..200 {
                let line: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        alphabet[(seed >> 61) as usize]
                    })
                    .collect();
                for delim in [b',', b';'] {
                    split_plain(&line, delim, &mut spans);
                    let mut want = Vec::new();
                    let mut start = 0;
                    for (i, &b) in line.iter().enumerate() {
                        if b == delim {
                            want.push((start, i));
                            start = i + 1;
                        }
                    }
                    want.push((start, line.len()));
                    assert_eq!(spans, want, "{line:?}");
                    spans.clear();
                }
            }
        }
    }
}
