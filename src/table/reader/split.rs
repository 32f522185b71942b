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
    let mut start = 0;
    for p in memchr::memchr_iter(delim, line) {
        spans.push((start, p));
        start = p + 1;
    }
    spans.push((start, line.len()));
    true
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
