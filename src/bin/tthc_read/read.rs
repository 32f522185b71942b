//! Reading a file into the Analyzer: a megabyte at a time, or, for a large delimited UTF-8
//! file, in byte ranges by one thread each (`dossier::part`), the parts absorbed in order.

use super::{file_error, Failure};
use std::io::Read;
use tthc_analytics::dossier::part;
use tthc_analytics::{Analyzer, Options};

/// Pushes the file's bytes from where `file` stands, up to `end`, into the analyzer; stops early
/// when the analyzer refuses the file.
pub(crate) fn read_into(
    a: &mut Analyzer,
    f: &str,
    file: &mut std::fs::File,
    end: u64,
) -> Result<(), Failure> {
    let mut buf = vec![0u8; 1 << 20];
    let mut left = end;
    while left > 0 {
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = file
            .read(&mut buf[..want])
            .map_err(|e| file_error(format!("không đọc được {f}: {e}")))?;
        if n == 0 {
            break;
        }
        left -= n as u64;
        a.push(&buf[..n]);
        if !a.wants_more() {
            break; // refused: the rest is not read
        }
    }
    Ok(())
}

/// Up to `n` bytes of the file `f` from `at`.
pub(crate) fn read_at(f: &str, at: u64, n: usize) -> std::io::Result<Vec<u8>> {
    use std::io::{Seek, SeekFrom};
    let mut file = std::fs::File::open(f)?;
    file.seek(SeekFrom::Start(at))?;
    let mut out = Vec::with_capacity(n);
    file.take(n as u64).read_to_end(&mut out)?;
    Ok(out)
}

/// One file in byte ranges: a thread per range after the first reads it into a `Part`, this
/// thread reads the first range, then absorbs the parts in order; from a part it cannot absorb
/// (a cut inside a quoted cell, a read error), it reads the rest of the file itself.
pub(crate) fn in_parts(
    a: &mut Analyzer,
    opts: &Options,
    (f, name): (&str, &str),
    file: &mut std::fs::File,
    (cuts, size): (&[u64], u64),
) -> Result<(), Failure> {
    use std::io::{Seek, SeekFrom};
    let head = read_at(f, 0, part::HEAD_BYTES).unwrap_or_default();
    let parts = std::thread::scope(|s| {
        let handles: Vec<_> = (0..cuts.len())
            .map(|i| {
                let (start, end) = (cuts[i], cuts.get(i + 1).copied().unwrap_or(size));
                let head = &head;
                s.spawn(move || -> Option<part::Part> {
                    let mut p = Analyzer::for_part(opts.clone(), name, head).ok()?;
                    let mut file = std::fs::File::open(f).ok()?;
                    file.seek(SeekFrom::Start(start)).ok()?;
                    read_into(&mut p, f, &mut file, end - start).ok()?;
                    Some(p.take_part(i + 1 == cuts.len()))
                })
            })
            .collect();
        let own = read_into(a, f, file, cuts[0]);
        let parts: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect();
        own.map(|()| parts)
    })?;
    for (&start, part) in cuts.iter().zip(parts) {
        if !a.wants_more() {
            break;
        }
        if !part.is_some_and(|p| a.absorb(p)) {
            file.seek(SeekFrom::Start(start))
                .map_err(|e| file_error(format!("không đọc được {f}: {e}")))?;
            read_into(a, f, file, u64::MAX)?;
            break;
        }
    }
    Ok(())
}
