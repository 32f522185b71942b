//! One file read by several workers at once: each reads a byte range, the ranges meet at
//! record boundaries, and the first worker absorbs the others' [`Part`]s in file order. The
//! result is the one the file read in one go gives, byte for byte (tests/parallel.rs).
//!
//! How a file is cut ([`cut_points`]): at `n` evenly spaced offsets, each moved to just after
//! the next `\n`. A part is read by an analyzer made for it ([`Analyzer::for_part`]): the start
//! of the file (its first MiB: title rows, header, delimiter) tells it the format and the
//! columns, then the part's bytes go through a reader placed at a record boundary. A cut may
//! fall inside a quoted cell that holds line breaks: then the bytes before it do not end at a
//! record boundary ([`Analyzer::at_record_boundary`]), the part read from there is refused by
//! [`Analyzer::absorb`], and the first worker reads the rest of the file itself. So no record is
//! lost or doubled, whatever the cut.
//!
//! Only delimited UTF-8 text is cut (its decoder holds no state across a line end; the legacy
//! encodings and UTF-16 do); a part that touched a limit, or whose messages name a row in their
//! text, is refused too, so that every message and count stays the one-go one.
//!
//! Between workers a part travels as bytes ([`Part::to_bytes`], [`Part::from_bytes`]): no
//! SharedArrayBuffer, so a page without cross-origin isolation (a portal) splits all the same.
//!
//! [`Analyzer::for_part`]: crate::dossier::Analyzer::for_part
//! [`Analyzer::at_record_boundary`]: crate::dossier::Analyzer::at_record_boundary
//! [`Analyzer::absorb`]: crate::dossier::Analyzer::absorb

use crate::basics::problem::Code;
use crate::dossier::analyzer::Analyzer;
use crate::dossier::model::{Channel, Dossier, Level, Rating, Status};
use crate::dossier::options::Options;
use crate::dossier::records::FileNotes;
use crate::dossier::report::{Problem, Problems, RowCounts};
use crate::dossier::store::{Interner, Store};
use serde::{Deserialize, Serialize};

/// Files smaller than this are read in one go: cutting them saves less than starting parts.
pub const MIN_SPLIT_BYTES: u64 = 8 << 20;

/// The start of a file a part's analyzer reads to learn its format and header.
pub const HEAD_BYTES: usize = 1 << 20;

/// Where [`cut_points`] looks for line ends in a file of `len` bytes cut into `n` ranges: at
/// `k·len/n` for k = 1…n−1. Empty when `n` < 2 or the file is under [`MIN_SPLIT_BYTES`].
pub fn window_offsets(len: u64, n: usize) -> Vec<u64> {
    if n < 2 || len < MIN_SPLIT_BYTES {
        return Vec::new();
    }
    (1..n as u64).map(|k| len / n as u64 * k).collect()
}

/// Bytes of the window [`cut_points`] looks in for a line end.
pub const WINDOW_BYTES: usize = 1 << 16;

/// Where to cut a file of `len` bytes into at most `n` ranges: the starts of ranges 2…n, each
/// just after the first `\n` in the window at [`window_offsets`]. `window(at)` gives bytes of
/// the file from `at` ([`WINDOW_BYTES`] of them); a window with no line end gives no cut, and
/// cuts that would meet, or fall in the first [`HEAD_BYTES`], are dropped.
pub fn cut_points(len: u64, n: usize, mut window: impl FnMut(u64) -> Vec<u8>) -> Vec<u64> {
    let mut cuts: Vec<u64> = Vec::new();
    for at in window_offsets(len, n) {
        let Some(p) = memchr::memchr(b'\n', &window(at)) else {
            continue;
        };
        let cut = at + p as u64 + 1;
        if cut < len && cuts.last().is_none_or(|&c| cut > c) && cut > HEAD_BYTES as u64 {
            cuts.push(cut);
        }
    }
    cuts
}

/// The file `bytes` read as the workers read it, in one thread: a part's analyzer for each range
/// after the first (`cuts`: their starts, increasing), each part through its bytes, then `a`
/// reads the first range and absorbs the parts in order, reading the rest itself from a part
/// it refuses. `chunk`: the size of the pieces pushed. `a` must have begun the file `name`;
/// returns how many parts were absorbed. The reference for the CLI's threads and the page's
/// part workers (tests/parallel.rs, the `part` fuzz target): it gives what reading `bytes` in
/// one go gives.
pub fn read_in_parts(
    a: &mut Analyzer,
    options: &Options,
    name: &str,
    bytes: &[u8],
    cuts: &[usize],
    chunk: usize,
) -> usize {
    let push = |a: &mut Analyzer, b: &[u8]| b.chunks(chunk.max(1)).for_each(|c| a.push(c));
    let Some(&first) = cuts.first() else {
        push(a, bytes);
        return 0;
    };
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let mut parts = Vec::new();
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(bytes.len());
        let part = Analyzer::for_part(options.clone(), name, head)
            .ok()
            .map(|mut p| {
                push(&mut p, &bytes[start..end]);
                p.take_part(i + 1 == cuts.len()).to_bytes()
            });
        parts.push((start, part));
    }
    push(a, &bytes[..first]);
    let mut absorbed = 0;
    for (start, part) in parts {
        let part = part.and_then(|b| Part::from_bytes(&b).ok());
        if part.is_some_and(|p| a.absorb(p)) {
            absorbed += 1;
        } else {
            push(a, &bytes[start..]);
            break;
        }
    }
    absorbed
}

/// What one part of a file gave: its dossiers and names, row counts, problems (rows counted
/// from the part's start), and whether it ended at a record boundary.
pub struct Part {
    pub(crate) store: Store,
    pub(crate) meta: Meta,
}

/// The part beside its store (small: travels as JSON inside [`Part::to_bytes`]).
#[derive(Serialize, Deserialize)]
pub(crate) struct Meta {
    /// The file's rows the part read, by what became of them.
    pub rows: RowCounts,
    /// Spreadsheet rows the part read (records and blank lines): the next part's first row
    /// comes after them.
    pub row_span: u64,
    /// Bytes read.
    pub bytes: u64,
    /// The first problems (rows from the part's start), all counted.
    pub problems: Vec<Problem>,
    pub problems_total: u64,
    pub problems_by_code: Vec<(Code, u64)>,
    /// Rows with a placeholder id: how many, the first one's row and id.
    pub placeholders: Option<(u64, u64, String)>,
    /// The part's bytes ended at a record boundary (or at the end of the file).
    pub at_boundary: bool,
    /// Why the part cannot be merged as if the file were read in one go (a limit reached, a
    /// message that names a row in its text); `None` when it can.
    pub unmergeable: Option<String>,
}

impl Meta {
    pub(crate) fn empty() -> Meta {
        Meta {
            rows: RowCounts::default(),
            row_span: 0,
            bytes: 0,
            problems: Vec::new(),
            problems_total: 0,
            problems_by_code: Vec::new(),
            placeholders: None,
            at_boundary: false,
            unmergeable: None,
        }
    }
}

impl Part {
    pub(crate) fn new(store: Store, problems: Problems, notes: &FileNotes, meta: Meta) -> Part {
        let mut meta = meta;
        meta.problems = problems.list;
        meta.problems_total = problems.total;
        meta.problems_by_code = problems.by_code.into_values().collect();
        meta.placeholders = notes.placeholders.clone();
        // messages whose text names a row (the row of the part, not of the file), and limits
        // that the parts would each reach apart
        let named_rows = [Code::RecordTooLong, Code::OpenQuote, Code::StoreFull];
        let limited = [Code::TooManyNames];
        if let Some((c, _)) = meta
            .problems_by_code
            .iter()
            .find(|(c, _)| named_rows.contains(c) || limited.contains(c))
        {
            meta.unmergeable
                .get_or_insert_with(|| c.as_str().to_string());
        }
        Part { store, meta }
    }

    /// Dossiers the part holds.
    pub fn dossiers(&self) -> usize {
        self.store.dossiers.len()
    }

    /// Whether the part's bytes ended at a record boundary (or at the end of the file).
    pub fn at_boundary(&self) -> bool {
        self.meta.at_boundary
    }

    /// The part as bytes, to send to the worker that absorbs it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let s = &self.store;
        let meta = serde_json::to_vec(&self.meta).unwrap_or_default();
        let mut out = Vec::with_capacity(
            64 + meta.len() + s.dossiers.len() * DOSSIER_BYTES + s.id_bytes.len() * 2,
        );
        out.extend_from_slice(MAGIC);
        put_bytes(&mut out, &meta);
        for names in [&s.units, &s.fields, &s.procedures] {
            put_interner(&mut out, names);
        }
        put_u32(&mut out, s.procedure_names.len() as u32);
        for n in &s.procedure_names {
            put_bytes(&mut out, n.as_bytes());
        }
        put_u32(&mut out, s.dossiers.len() as u32);
        for d in &s.dossiers {
            put_dossier(&mut out, d);
        }
        put_bytes(&mut out, &s.id_bytes);
        put_u32(&mut out, s.id_ends.len() as u32);
        for &e in &s.id_ends {
            put_u32(&mut out, e);
        }
        put_u32(&mut out, s.id_hashes.len() as u32);
        for &(h, i) in &s.id_hashes {
            out.extend_from_slice(&h.to_le_bytes());
            put_u32(&mut out, i);
        }
        out
    }

    /// A part from [`Part::to_bytes`]; `Err` when the bytes are not one (cut short, or indices
    /// out of range): the caller reads that range itself.
    pub fn from_bytes(bytes: &[u8]) -> Result<Part, String> {
        let mut c = Cursor(bytes);
        if c.take(MAGIC.len())? != MAGIC {
            return Err("not a part".into());
        }
        let meta: Meta = serde_json::from_slice(c.bytes()?).map_err(|e| e.to_string())?;
        let mut store = Store::default();
        for names in [&mut store.units, &mut store.fields, &mut store.procedures] {
            get_interner(&mut c, names)?;
        }
        for _ in 0..c.u32()? {
            store
                .procedure_names
                .push(String::from_utf8_lossy(c.bytes()?).into_owned());
        }
        store.unit_levels = store
            .units
            .names
            .iter()
            .map(|n| crate::dossier::values::level_of_unit(n))
            .collect();
        let n = c.u32()? as usize;
        if n > c.0.len() / DOSSIER_BYTES {
            return Err("cut short".into());
        }
        let block = c.take(n * DOSSIER_BYTES)?;
        store.dossiers = block
            .chunks_exact(DOSSIER_BYTES)
            .map(get_dossier)
            .collect::<Option<Vec<Dossier>>>()
            .ok_or("a dossier's codes out of range")?;
        store.id_bytes = c.bytes()?.to_vec();
        let n = c.u32()? as usize;
        for _ in 0..n {
            store.id_ends.push(c.u32()?);
        }
        let n = c.u32()? as usize;
        for _ in 0..n {
            let h = u64::from_le_bytes(c.take(8)?.try_into().map_err(|_| "cut short")?);
            store.id_hashes.push((h, c.u32()?));
        }
        if !c.0.is_empty() {
            return Err("trailing bytes".into());
        }
        check(&store)?;
        Ok(Part { store, meta })
    }
}

/// Every index of a decoded store in range, so that absorbing it cannot panic.
fn check(s: &Store) -> Result<(), String> {
    let ids = s.id_ends.len() as u32;
    if s.id_ends.windows(2).any(|w| w[0] > w[1])
        || s.id_ends
            .last()
            .is_some_and(|&e| e as usize > s.id_bytes.len())
        || std::str::from_utf8(&s.id_bytes).is_err()
        || s.procedure_names.len() != s.procedures.names.len()
    {
        return Err("ids or names out of order".into());
    }
    let bad = |d: &Dossier| {
        d.unit as usize >= s.units.names.len()
            || d.field as usize >= s.fields.names.len().max(1)
            || d.procedure as usize >= s.procedures.names.len().max(1)
            || (d.id != u32::MAX && d.id >= ids)
    };
    if s.dossiers.iter().any(bad) {
        return Err("index out of range".into());
    }
    if s.id_hashes
        .iter()
        .any(|&(_, i)| i as usize >= s.dossiers.len())
    {
        return Err("hash of no dossier".into());
    }
    Ok(())
}

/// Appends `part`'s dossiers to `store` as if they had been read after its own: names interned
/// in the part's order (so new names get the indices a read in one go gives), ids appended,
/// `file` set. `Err` (nothing changed) when the sum would pass the store's limits.
pub(crate) fn append(store: &mut Store, part: &Store, file: u16) -> Result<(), String> {
    let l = store.limits.clamped();
    let names = |a: &Interner, b: &Interner| a.names.len() + b.names.len() > l.names;
    if store.dossiers.len() + part.dossiers.len() > l.dossiers
        || store.id_bytes.len() + part.id_bytes.len() > l.id_bytes
        || [
            (&store.units, &part.units),
            (&store.fields, &part.fields),
            (&store.procedures, &part.procedures),
        ]
        .iter()
        .any(|(a, b)| names(a, b))
    {
        return Err("limits".into());
    }
    let units: Vec<u32> = keys(&part.units)
        .into_iter()
        .map(|k| store.unit(k))
        .collect();
    let fields: Vec<u32> = keys(&part.fields)
        .into_iter()
        .map(|k| store.field(k))
        .collect();
    let procedures: Vec<u32> = keys(&part.procedures)
        .into_iter()
        .enumerate()
        .map(|(i, k)| store.procedure(k, part.procedure_names[i].as_bytes()))
        .collect();
    // exact: the absorbing worker holds the whole file at the end, no doubling on top
    store.dossiers.reserve_exact(part.dossiers.len());
    store.id_bytes.reserve_exact(part.id_bytes.len());
    store.id_ends.reserve_exact(part.id_ends.len());
    store.id_hashes.reserve_exact(part.id_hashes.len());
    let base_id = store.id_ends.len() as u32;
    let base_bytes = store.id_bytes.len() as u32;
    let base_dossier = store.dossiers.len() as u32;
    store.id_bytes.extend_from_slice(&part.id_bytes);
    store
        .id_ends
        .extend(part.id_ends.iter().map(|&e| e + base_bytes));
    store
        .id_hashes
        .extend(part.id_hashes.iter().map(|&(h, i)| (h, i + base_dossier)));
    let remap = |v: &[u32], i: u32| v.get(i as usize).copied().unwrap_or(i);
    store.dossiers.extend(part.dossiers.iter().map(|d| Dossier {
        id: if d.id == u32::MAX {
            u32::MAX
        } else {
            d.id + base_id
        },
        unit: remap(&units, d.unit),
        field: remap(&fields, d.field),
        procedure: remap(&procedures, d.procedure),
        file,
        ..*d
    }));
    Ok(())
}

/// The raw keys of an interner, by index.
fn keys(names: &Interner) -> Vec<&[u8]> {
    let mut keys: Vec<&[u8]> = vec![&[]; names.names.len()];
    for (k, &i) in &names.map {
        if let Some(slot) = keys.get_mut(i as usize) {
            *slot = k;
        }
    }
    keys
}

const MAGIC: &[u8] = b"TTHC-PART-1\n";

/// Bytes of one dossier in [`Part::to_bytes`]: id, unit, field, procedure, three dates (u32
/// each), then which dates are there, status, channel, level, flags, rating (a byte each).
const DOSSIER_BYTES: usize = 4 * 4 + 3 * 4 + 6;

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len() as u32);
    out.extend_from_slice(b);
}

fn put_interner(out: &mut Vec<u8>, names: &Interner) {
    put_u32(out, names.names.len() as u32);
    for (k, n) in keys(names).into_iter().zip(&names.names) {
        put_bytes(out, k);
        put_bytes(out, n.as_bytes());
    }
}

fn get_interner(c: &mut Cursor, names: &mut Interner) -> Result<(), String> {
    for i in 0..c.u32()? {
        let key = c.bytes()?;
        let name = String::from_utf8_lossy(c.bytes()?).into_owned();
        if names.map.insert(key.into(), i).is_some() {
            return Err("a name twice".into());
        }
        names.names.push(name);
    }
    Ok(())
}

fn put_dossier(out: &mut Vec<u8>, d: &Dossier) {
    for v in [d.id, d.unit, d.field, d.procedure] {
        put_u32(out, v);
    }
    let mut present = 0u8;
    for (bit, m) in [d.received, d.due, d.finished].into_iter().enumerate() {
        present |= u8::from(m.is_some()) << bit;
        out.extend_from_slice(&m.unwrap_or(0).to_le_bytes());
    }
    out.push(present);
    out.extend_from_slice(&[
        d.status.map_or(0, |s| s as u8),
        d.channel as u8,
        d.level.index() as u8,
        d.flags,
        d.rating as u8,
    ]);
}

/// One dossier of [`put_dossier`]'s `DOSSIER_BYTES`; `None` when a code is out of range.
fn get_dossier(b: &[u8]) -> Option<Dossier> {
    let u = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let tail = &b[28..DOSSIER_BYTES];
    let date = |bit: usize| (tail[0] >> bit & 1 == 1).then_some(u(16 + 4 * bit) as i32);
    let status = match tail[1] {
        0 => None,
        s => Some(Status::from_code(s)?),
    };
    let channel = match tail[2] {
        1 => Channel::Direct,
        2 => Channel::Online,
        3 => Channel::Postal,
        _ => return None,
    };
    let rating = match tail[5] {
        0 => Rating::None,
        1 => Rating::Satisfied,
        2 => Rating::Neutral,
        3 => Rating::Unsatisfied,
        _ => return None,
    };
    Some(Dossier {
        id: u(0),
        unit: u(4),
        field: u(8),
        procedure: u(12),
        received: date(0),
        due: date(1),
        finished: date(2),
        status,
        channel,
        level: *Level::ALL.get(tail[3] as usize)?,
        flags: tail[4],
        rating,
        file: 0,
    })
}

/// Reads [`Part::to_bytes`]: every read checked, never a panic on short bytes.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.0.len() {
            return Err("cut short".into());
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}
