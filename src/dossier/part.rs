//! One file read by several workers at once: each reads a byte range, the ranges meet at
//! record boundaries, and the first worker absorbs the others' [`Part`]s in file order. The
//! result is the one the file read in one go gives, byte for byte (tests/parallel.rs).
//!
//! How a file is cut ([`cut_points`]): at `n` offsets (the first range 1,2 times each other,
//! [`HEAD_SHARE`]), each moved to just after the next `\n`. A part is read by an analyzer made for it ([`Analyzer::for_part`]): the start
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
use crate::dossier::model::{
    Channel, Dossier, IdHash, Level, Names, Rating, Status, FLAG_DUPLICATE, FLAG_NO_ID,
};
use crate::dossier::options::Options;
use crate::dossier::records::FileNotes;
use crate::dossier::report::{Problem, Problems, RowCounts};
use crate::dossier::store::{Interner, Store};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Files smaller than this are read in one go: cutting them saves less than starting parts.
pub const MIN_SPLIT_BYTES: u64 = 8 << 20;

/// Files larger than this are read in one go too, for memory: a part holds its dossiers twice
/// (its store, then its bytes), and the absorbing worker holds the part's bytes while its own
/// store grows to the whole file's. On 5 million dossiers (1,45 GB), two threads took the CLI to
/// 404 MB resident (the page's dossier worker, by the same sum, to about 320 MB of wasm memory);
/// one took 219 MB and the page 228 MB (issue 10's budgets: 300 and 256 MB). What one worker
/// costs there (BENCHMARKS.md): little in the page, 1,6× natively.
pub const MAX_SPLIT_BYTES: u64 = 1 << 30;

/// The start of a file a part's analyzer reads to learn its format and header.
pub const HEAD_BYTES: usize = 1 << 20;

/// Where [`cut_points`] looks for line ends in a file of `len` bytes cut into `n` ranges. The
/// first range (the absorbing worker's) is [`HEAD_SHARE`] times as long as each of the others,
/// which also make their part's bytes: measured in headless Chromium on the sample, equal halves
/// kept the first worker waiting ~50–90 ms for the second. Empty when `n` < 2 or the file is
/// under [`MIN_SPLIT_BYTES`] or over [`MAX_SPLIT_BYTES`].
pub fn window_offsets(len: u64, n: usize) -> Vec<u64> {
    if n < 2 || !(MIN_SPLIT_BYTES..=MAX_SPLIT_BYTES).contains(&len) {
        return Vec::new();
    }
    // in tenths: the first range HEAD_SHARE·10, each other 10
    let head = (HEAD_SHARE * 10.0) as u64;
    let total = head + 10 * (n as u64 - 1);
    (0..n as u64 - 1)
        .map(|k| (u128::from(len) * u128::from(head + 10 * k) / u128::from(total)) as u64)
        .collect()
}

/// How much longer the first range is than each of the others ([`window_offsets`]).
pub const HEAD_SHARE: f64 = 1.2;

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
                p.take_part(i + 1 == cuts.len()).into_bytes()
            });
        parts.push((start, part));
    }
    push(a, &bytes[..first]);
    let mut absorbed = 0;
    for (start, part) in parts {
        let part = part.and_then(|b| Part::from_bytes(b).ok());
        if part.is_some_and(|p| a.absorb(p)) {
            absorbed += 1;
        } else {
            push(a, &bytes[start..]);
            break;
        }
    }
    absorbed
}

/// What one part of a file gave — its dossiers and names, row counts, problems (rows counted
/// from the part's start), whether it ended at a record boundary — held as the bytes that travel
/// between workers ([`Part::to_bytes`]), checked once when made ([`Part::from_bytes`]) and
/// appended from them straight into the absorbing store (no second copy of the dossiers).
pub struct Part {
    bytes: Vec<u8>,
    pub(crate) meta: Meta,
    /// Units, fields, procedures: (raw key, name) as ranges of `bytes`, by index.
    names: [Vec<(Range<usize>, Range<usize>)>; 3],
    /// The procedures' names, by index.
    procedure_names: Vec<Range<usize>>,
    /// [`DOSSIER_BYTES`] per dossier (each with its id's hash; a placeholder id says so in
    /// its flags, and `Store::dedup` runs once, after all parts).
    dossiers: Range<usize>,
    /// The ids' text the part's store kept (`Store::id`), each with its hash.
    ids: Vec<(IdHash, Range<usize>)>,
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
    /// The part of a store read by a part's analyzer, encoded.
    pub(crate) fn new(store: &Store, problems: Problems, notes: &FileNotes, meta: Meta) -> Part {
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
        let bytes = encode(store, &meta);
        // our own encoding reads back; were it not to, the part is one that cannot merge
        // made here from a store: its indices hold, only the layout is read (the worker that
        // receives the bytes checks everything, `from_bytes`)
        Part::parse(bytes, false).unwrap_or_else(|_| Part::refused())
    }

    /// A part no analyzer absorbs.
    fn refused() -> Part {
        let mut meta = Meta::empty();
        meta.unmergeable = Some("unreadable".into());
        Part::from_bytes(encode(&Store::default(), &meta)).unwrap_or(Part {
            bytes: Vec::new(),
            meta,
            names: Default::default(),
            procedure_names: Vec::new(),
            dossiers: 0..0,
            ids: Vec::new(),
        })
    }

    /// Dossiers the part holds.
    pub fn dossiers(&self) -> usize {
        self.dossiers.len() / DOSSIER_BYTES
    }

    /// Whether the part's bytes ended at a record boundary (or at the end of the file).
    pub fn at_boundary(&self) -> bool {
        self.meta.at_boundary
    }

    /// The part as bytes, to send to the worker that absorbs it.
    pub fn to_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// [`Part::to_bytes`], without a copy.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// A part from its bytes ([`Part::to_bytes`]), every length, index and code checked; `Err`
    /// when the bytes are not one (cut short, out of range): the caller reads that range itself.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Part, String> {
        Part::parse(bytes, true)
    }

    /// The ranges of a part's bytes; every index and code checked too when `check`.
    fn parse(bytes: Vec<u8>, check: bool) -> Result<Part, String> {
        let mut c = Cursor { b: &bytes, at: 0 };
        if bytes[c.take(MAGIC.len())?] != *MAGIC {
            return Err("not a part".into());
        }
        let meta = c.bytes()?;
        let meta: Meta = serde_json::from_slice(&bytes[meta]).map_err(|e| e.to_string())?;
        let mut names: [Vec<(Range<usize>, Range<usize>)>; 3] = Default::default();
        for table in &mut names {
            for _ in 0..c.u32()? {
                table.push((c.bytes()?, c.bytes()?));
            }
        }
        let procedure_names = (0..c.u32()?)
            .map(|_| c.bytes())
            .collect::<Result<Vec<_>, _>>()?;
        let n = c.u32()? as usize;
        let dossiers = c.take(n.checked_mul(DOSSIER_BYTES).ok_or("too many")?)?;
        let ids = (0..c.u32()?)
            .map(|_| Ok((get_hash(&bytes[c.take(12)?]), c.bytes()?)))
            .collect::<Result<Vec<_>, String>>()?;
        if c.at != bytes.len() {
            return Err("trailing bytes".into());
        }
        let part = Part {
            meta,
            names,
            procedure_names,
            dossiers,
            ids,
            bytes,
        };
        if check {
            part.check()?;
        }
        Ok(part)
    }

    /// Every index in range and every code known, so that appending cannot go wrong.
    fn check(&self) -> Result<(), String> {
        let b = &self.bytes;
        let [units, fields, procedures] = &self.names;
        if self.procedure_names.len() != procedures.len()
            || self
                .ids
                .iter()
                .any(|(_, r)| std::str::from_utf8(&b[r.clone()]).is_err())
        {
            return Err("names or ids".into());
        }
        let kept: rustc_hash::FxHashSet<IdHash> = self.ids.iter().map(|&(h, _)| h).collect();
        for d in b[self.dossiers.clone()].chunks_exact(DOSSIER_BYTES) {
            let (d, [unit, field, procedure]) =
                get_dossier(d).ok_or("a dossier's codes out of range")?;
            if unit as usize >= units.len()
                || field as usize >= fields.len().max(1)
                || procedure as usize >= procedures.len().max(1)
            {
                return Err("index out of range".into());
            }
            if d.flags & FLAG_NO_ID == 0 && d.may_be_listed() && !kept.contains(&d.id) {
                return Err("a listable dossier's id not kept".into());
            }
        }
        Ok(())
    }
}

/// The bytes of a part: magic, meta (JSON), the three tables of names (raw key and name),
/// the procedures' names, the dossiers, the kept ids (hash and text).
fn encode(s: &Store, meta: &Meta) -> Vec<u8> {
    let meta = serde_json::to_vec(meta).unwrap_or_default();
    let mut out = Vec::with_capacity(
        64 + meta.len()
            + s.dossiers.len() * DOSSIER_BYTES
            + s.ids.bytes.len()
            + s.ids.at.len() * 16,
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
    put_u32(&mut out, s.ids.at.len() as u32);
    for (h, &(start, end)) in &s.ids.at {
        put_hash(&mut out, *h);
        put_bytes(&mut out, s.ids.bytes.get(start as usize, end as usize));
    }
    out
}

/// Appends `part`'s dossiers to `store` as if they had been read after its own: names interned
/// in the part's order (so new names get the indices a read in one go gives), ids appended,
/// `file` set. `Err` (nothing changed) when the sum would pass the store's limits.
pub(crate) fn append(store: &mut Store, part: &Part, file: u16) -> Result<(), String> {
    let l = store.limits.clamped();
    let b = &part.bytes;
    let [units, fields, procedures] = &part.names;
    let id_bytes: usize = part.ids.iter().map(|(_, r)| r.len()).sum();
    if store.dossiers.len() + part.dossiers() > l.dossiers
        || store.ids.bytes.len() + id_bytes > l.id_bytes
        || store.units.names.len() + units.len() > l.names
        || store.fields.names.len() + fields.len() > l.names
        || store.procedures.names.len() + procedures.len() > l.names
    {
        return Err("limits".into());
    }
    let units: Vec<u32> = units
        .iter()
        .map(|(k, _)| store.unit(&b[k.clone()]))
        .collect();
    let fields: Vec<u32> = fields
        .iter()
        .map(|(k, _)| store.field(&b[k.clone()]))
        .collect();
    let procedures: Vec<u32> = procedures
        .iter()
        .zip(&part.procedure_names)
        .map(|((k, _), name)| store.procedure(&b[k.clone()], &b[name.clone()]))
        .collect();
    // the store grows in chunks: no doubling on top of the whole file at the end. A
    // placeholder id keeps its flag, and dedup runs once, after all parts.
    for (h, r) in &part.ids {
        store.ids.keep(*h, &b[r.clone()]);
    }
    let remap = |v: &[u32], i: u32| v.get(i as usize).copied().unwrap_or(i);
    let dossiers = b[part.dossiers.clone()].chunks_exact(DOSSIER_BYTES);
    store.dossiers.extend(
        dossiers
            .filter_map(get_dossier)
            .map(|(d, [unit, field, procedure])| Dossier {
                names: Names::new(
                    remap(&units, unit),
                    remap(&fields, field),
                    remap(&procedures, procedure),
                ),
                file,
                ..d
            }),
    );
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

const MAGIC: &[u8] = b"TTHC-PART-3\n";

/// Bytes of one dossier in [`Part::to_bytes`]: the id's hash (12), unit, field, procedure,
/// three dates (u32 each), then which dates are there, status, channel, level, flags, rating
/// (a byte each).
const DOSSIER_BYTES: usize = 12 + 3 * 4 + 3 * 4 + 6;

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

fn put_hash(out: &mut Vec<u8>, h: IdHash) {
    for v in h.0 {
        put_u32(out, v);
    }
}

fn get_hash(b: &[u8]) -> IdHash {
    let u = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    IdHash([u(0), u(4), u(8)])
}

fn put_dossier(out: &mut Vec<u8>, d: &Dossier) {
    put_hash(out, d.id);
    for v in [d.unit(), d.field(), d.procedure()] {
        put_u32(out, v);
    }
    let mut present = 0u8;
    for (bit, m) in [d.received(), d.due(), d.finished()]
        .into_iter()
        .enumerate()
    {
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

/// One dossier of [`put_dossier`]'s `DOSSIER_BYTES`, with its unit, field and procedure in
/// the part's interners (its `names` left at 0); `None` when a code is out of range.
fn get_dossier(b: &[u8]) -> Option<(Dossier, [u32; 3])> {
    let u = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let tail = &b[36..DOSSIER_BYTES];
    // `None` (refused) for a date at the value that means «no date»
    let date = |bit: usize| match (tail[0] >> bit & 1 == 1, u(24 + 4 * bit) as i32) {
        (true, i32::MIN) => None,
        (present, m) => Some(present.then_some(m)),
    };
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
    let names = [u(12), u(16), u(20)];
    if names.iter().any(|&n| n as usize >= Names::MAX) {
        return None;
    }
    let d = Dossier {
        id: get_hash(b),
        names: Names::default(),
        received: date(0)?.into(),
        due: date(1)?.into(),
        finished: date(2)?.into(),
        status,
        channel,
        level: *Level::ALL.get(tail[3] as usize)?,
        flags: tail[4] & !FLAG_DUPLICATE,
        rating,
        file: 0,
    };
    Some((d, names))
}

/// Reads [`Part::to_bytes`] as ranges: every read checked, never a panic on short bytes.
struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Result<Range<usize>, String> {
        if n > self.b.len() - self.at {
            return Err("cut short".into());
        }
        self.at += n;
        Ok(self.at - n..self.at)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let r = self.take(4)?;
        let b = &self.b[r];
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn bytes(&mut self) -> Result<Range<usize>, String> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}
