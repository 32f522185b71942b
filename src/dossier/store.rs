//! The dossier store: accepted dossiers, their ids in one arena, and the interned strings they
//! point into (units with their level, fields, procedures). Duplicates are resolved once, at the
//! end, by a bucket sort of id hashes computed then from the arena ([`Store::dedup`]): sequential
//! writes while streaming instead of a random-access set, and nothing per dossier but the
//! 36-byte [`Dossier`] and its id's 4-byte end (plus the id's bytes) held while streaming.
//!
//! The store is bounded ([`Limits`], from `basics::limits`): the `try_` methods refuse a dossier
//! past the memory budget ([`Full`]) and a name past the limit of distinct names (`None`); the
//! analyzer turns both into problems. Nothing wraps: dossier and id offsets stay under `u32::MAX`.

use crate::basics::format::int;
use crate::basics::limits::{MAX_DOSSIERS, MAX_FILES, MAX_ID_BYTES, MAX_NAMES};
use crate::basics::text::nfc;
use crate::dossier::chunked::{Arena, Chunked};
use crate::dossier::model::{Dossier, Level, FLAG_DUPLICATE, FLAG_ID_NOT_DEDUPLICATED};
use crate::dossier::values;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// The limits of one analysis, as values: the defaults are the named limits of
/// `basics::limits`; a test sets smaller ones (`Analyzer::with_limits`) to see how each fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Files read ([`MAX_FILES`], at most 65.536: a dossier's file index is a `u16`).
    pub files: usize,
    /// Dossiers held ([`MAX_DOSSIERS`]).
    pub dossiers: usize,
    /// Bytes of ids held ([`MAX_ID_BYTES`]).
    pub id_bytes: usize,
    /// Distinct names per table: units, fields, procedures ([`MAX_NAMES`]).
    pub names: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            files: MAX_FILES,
            dossiers: MAX_DOSSIERS,
            id_bytes: MAX_ID_BYTES,
            names: MAX_NAMES,
        }
    }
}

impl Limits {
    /// The same limits, none past what the store's offsets can hold.
    pub fn clamped(self) -> Limits {
        Limits {
            files: self.files.min(MAX_FILES),
            dossiers: self.dossiers.min(MAX_DOSSIERS),
            id_bytes: self.id_bytes.min(MAX_ID_BYTES),
            names: self.names.min(MAX_NAMES),
        }
    }
}

/// Why the store takes no more dossiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Full {
    /// [`Limits::dossiers`] dossiers are held.
    Dossiers,
    /// The ids held would pass [`Limits::id_bytes`].
    IdBytes,
}

impl Full {
    /// The limit reached, in Vietnamese: «Vượt giới hạn 25.000.000 hồ sơ giữ trong bộ nhớ».
    pub fn message(self, limits: &Limits) -> String {
        match self {
            Full::Dossiers => format!(
                "Vượt giới hạn {} hồ sơ giữ trong bộ nhớ của một lần phân tích{}",
                int(limits.dossiers as u64),
                if cfg!(target_arch = "wasm32") {
                    " trong trình duyệt (công cụ dòng lệnh tthc đọc được nhiều hơn)"
                } else {
                    ""
                }
            ),
            Full::IdBytes => format!(
                "Vượt giới hạn {} byte mã hồ sơ giữ trong bộ nhớ của một lần phân tích",
                int(limits.id_bytes as u64)
            ),
        }
    }
}

/// Interned strings: raw bytes → dense index; names kept in NFC, trimmed.
#[derive(Default)]
pub struct Interner {
    pub(crate) map: FxHashMap<Box<[u8]>, u32>,
    pub names: Vec<String>,
}

impl Interner {
    /// The index of `raw`, and whether it is new (for hand-made stores: no limit but the `u32`
    /// index, which no memory reaches).
    #[inline]
    pub fn intern(&mut self, raw: &[u8]) -> (u32, bool) {
        self.try_intern(raw, u32::MAX as usize)
            .unwrap_or((0, false))
    }

    /// The index of `raw` and whether it is new; `None` when it is new and `max` names are held.
    #[inline]
    pub fn try_intern(&mut self, raw: &[u8], max: usize) -> Option<(u32, bool)> {
        if let Some(&i) = self.map.get(raw) {
            return Some((i, false));
        }
        if self.names.len() >= max {
            return None;
        }
        let i = self.names.len() as u32;
        let s = String::from_utf8_lossy(raw);
        self.names.push(nfc(s.trim()).into_owned());
        self.map.insert(raw.into(), i);
        Some((i, true))
    }
}

/// Accepted dossiers and the string tables they point into.
#[derive(Default)]
pub struct Store {
    /// What the store holds at most (the `try_` methods refuse past it).
    pub limits: Limits,
    /// The dossiers, in chunks (no copy, no doubling as they grow).
    pub dossiers: Chunked<Dossier>,
    /// The ids' bytes (valid UTF-8), one after the other, in blocks.
    pub(crate) id_bytes: Arena,
    /// The end of each id in `id_bytes` (its start is the previous one's end).
    pub(crate) id_ends: Chunked<u32>,
    pub units: Interner,
    /// The level of each unit, from its name (`values::level_of_unit`).
    pub unit_levels: Vec<Level>,
    pub fields: Interner,
    /// Procedures by code (or by name, without a code).
    pub procedures: Interner,
    /// The name of each procedure (NFC, trimmed; may be empty).
    pub procedure_names: Vec<String>,
}

impl Store {
    /// A procedure's code and name: `(Some(code), name)` when the file gave a name besides
    /// the key it is interned by, else `(None, key)` (the key is then its name, or its code
    /// alone).
    pub fn procedure_code_name(&self, i: usize) -> (Option<&str>, &str) {
        let key = self.procedures.names[i].as_str();
        let name = self.procedure_names[i].as_str();
        if name.is_empty() || name == key {
            (None, key)
        } else {
            (Some(key), name)
        }
    }

    /// The id of a dossier (`Dossier::id`); empty for `u32::MAX` (a file without an id column).
    pub fn id(&self, i: u32) -> &str {
        std::str::from_utf8(self.id_raw(i)).unwrap_or("")
    }

    /// The bytes of [`Store::id`] (valid UTF-8: `try_insert` keeps no other), unchecked.
    #[inline]
    pub(crate) fn id_raw(&self, i: u32) -> &[u8] {
        if i == u32::MAX {
            return b"";
        }
        let end = self.id_ends[i as usize] as usize;
        let start = if i == 0 {
            0
        } else {
            self.id_ends[i as usize - 1] as usize
        };
        self.id_bytes.get(start, end)
    }

    /// [`Store::id_raw`] for ids read in increasing order (`block`: 0 at first; `Arena::get_after`).
    #[inline]
    fn id_raw_after(&self, block: &mut usize, i: u32) -> &[u8] {
        if i == u32::MAX {
            return b"";
        }
        let end = self.id_ends[i as usize] as usize;
        let start = match i.checked_sub(1) {
            Some(p) => self.id_ends[p as usize] as usize,
            None => 0,
        };
        self.id_bytes.get_after(block, start, end)
    }

    /// The unit's index; a new unit gets its level from its name (hand-made stores: no limit).
    #[inline]
    pub fn unit(&mut self, raw: &[u8]) -> u32 {
        self.try_unit_max(raw, u32::MAX as usize).unwrap_or(0)
    }

    /// The unit's index, `None` when it is new and [`Limits::names`] units are held.
    #[inline]
    pub fn try_unit(&mut self, raw: &[u8]) -> Option<u32> {
        self.try_unit_max(raw, self.limits.names)
    }

    fn try_unit_max(&mut self, raw: &[u8], max: usize) -> Option<u32> {
        let (unit, new) = self.units.try_intern(raw, max)?;
        if new {
            let name = &self.units.names[unit as usize];
            self.unit_levels.push(values::level_of_unit(name));
        }
        Some(unit)
    }

    #[inline]
    pub fn field(&mut self, raw: &[u8]) -> u32 {
        self.fields.intern(raw).0
    }

    /// The field's index, `None` when it is new and [`Limits::names`] fields are held.
    #[inline]
    pub fn try_field(&mut self, raw: &[u8]) -> Option<u32> {
        Some(self.fields.try_intern(raw, self.limits.names)?.0)
    }

    /// The procedure's index by `key` (its code, or its name without one); a new procedure keeps
    /// `name` (hand-made stores: no limit).
    #[inline]
    pub fn procedure(&mut self, key: &[u8], name: &[u8]) -> u32 {
        self.try_procedure_max(key, name, u32::MAX as usize)
            .unwrap_or(0)
    }

    /// [`Store::procedure`], `None` when it is new and [`Limits::names`] procedures are held.
    #[inline]
    pub fn try_procedure(&mut self, key: &[u8], name: &[u8]) -> Option<u32> {
        self.try_procedure_max(key, name, self.limits.names)
    }

    fn try_procedure_max(&mut self, key: &[u8], name: &[u8], max: usize) -> Option<u32> {
        let (procedure, new) = self.procedures.try_intern(key, max)?;
        if new {
            let name = String::from_utf8_lossy(name);
            self.procedure_names.push(nfc(name.trim()).into_owned());
        }
        Some(procedure)
    }

    /// Whether one more dossier with an id of `id_len` bytes fits: `Err` names the limit it
    /// would pass ([`Limits::dossiers`], [`Limits::id_bytes`]).
    #[inline]
    pub fn room(&self, id_len: usize) -> Result<(), Full> {
        let l = self.limits.clamped();
        if self.dossiers.len() >= l.dossiers {
            Err(Full::Dossiers)
        } else if self.id_bytes.len() + id_len > l.id_bytes {
            Err(Full::IdBytes)
        } else {
            Ok(())
        }
    }

    /// Adds a dossier; `d.id` is set from `id` (`u32::MAX` without an id column). Hand-made
    /// stores: a dossier past the limits is left out (ingest calls [`Store::try_insert`]).
    pub fn insert(&mut self, d: Dossier, id: Option<&[u8]>) {
        let _ = self.try_insert(d, id, true);
    }

    /// Adds a dossier, or says which limit it would pass. Its id is kept (shown in the late
    /// list); it takes part in [`Store::dedup`] only when `dedup` (not a placeholder id).
    pub fn try_insert(
        &mut self,
        mut d: Dossier,
        id: Option<&[u8]>,
        dedup: bool,
    ) -> Result<(), Full> {
        self.room(id.map_or(0, <[u8]>::len))?;
        if let Some(id) = id {
            let lossy;
            let id = match std::str::from_utf8(id) {
                Ok(_) => id,
                Err(_) => {
                    lossy = String::from_utf8_lossy(id).into_owned();
                    lossy.as_bytes()
                }
            };
            if self.id_bytes.len() + id.len() > self.limits.clamped().id_bytes {
                // the lossy form of invalid UTF-8 is longer than the bytes
                return Err(Full::IdBytes);
            }
            self.id_bytes.push(id);
            self.id_ends.push(self.id_bytes.len() as u32);
            d.id = self.id_ends.len() as u32 - 1;
            if !dedup {
                d.flags |= FLAG_ID_NOT_DEDUPLICATED;
            }
        } else {
            d.id = u32::MAX;
        }
        self.dossiers.push(d);
        Ok(())
    }

    /// Keeps one dossier per id (over all files): the first, unless a later copy carries an end
    /// of processing the first lacks. Returns the file index of every dropped copy.
    ///
    /// The ids taking part are hashed now, from the arena (once each, in store order: the blocks
    /// are not searched), into one `u64` each (hash in the high half, dossier index in the low),
    /// sorted in place: 8 bytes per dossier for the moment of the sort, none while streaming. (A
    /// bucket sort that hashed every id twice to need no other buffer took twice as long; an
    /// in-place radix pass over 65.536 buckets, longer still: its swaps miss the cache.) A 32-bit
    /// hash collides more often than a 64-bit one, which costs nothing: every run of equal
    /// hashes is compared by the ids themselves.
    pub fn dedup(&mut self) -> Vec<u16> {
        self.dedup_by(id_hash)
    }

    /// [`Store::dedup`] with another hash (the tests make every id collide).
    fn dedup_by(&mut self, id_hash: impl Fn(&[u8]) -> u32) -> Vec<u16> {
        let mut keys = Vec::with_capacity(self.dossiers.len());
        let mut block = 0;
        for (i, d) in self.dossiers.chunks().flatten().enumerate() {
            if d.id != u32::MAX && d.flags & FLAG_ID_NOT_DEDUPLICATED == 0 {
                let h = id_hash(self.id_raw_after(&mut block, d.id));
                keys.push(u64::from(h) << 32 | i as u64);
            }
        }
        keys.sort_unstable();
        let mut dropped_files = Vec::new();
        let mut run = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let mut j = i + 1;
            while j < keys.len() && keys[j] >> 32 == keys[i] >> 32 {
                j += 1;
            }
            if j - i > 1 {
                run.clear();
                run.extend(keys[i..j].iter().map(|&k| k as u32));
                self.drop_copies(&mut run, &mut dropped_files);
            }
            i = j;
        }
        drop(keys);
        if !dropped_files.is_empty() {
            self.dossiers.retain(|d| d.flags & FLAG_DUPLICATE == 0);
        }
        dropped_files
    }

    /// One run of dossiers (indices, in order) with the same id hash: groups them by the exact
    /// id and marks all but the kept copy of each group ([`FLAG_DUPLICATE`]). The run is sorted
    /// by (id, index), so that equal ids are adjacent: O(k log k) for a run of k, however many
    /// distinct ids share the hash (FxHash is not keyed: colliding ids can be made on purpose).
    fn drop_copies(&mut self, run: &mut [u32], dropped_files: &mut Vec<u16>) {
        let mut marked = Vec::new();
        {
            let dossier = |i: u32| &self.dossiers[i as usize];
            // stable: equal ids stay in index order
            run.sort_by(|&a, &b| self.id(dossier(a).id).cmp(self.id(dossier(b).id)));
            for group in run.chunk_by(|&a, &b| self.id(dossier(a).id) == self.id(dossier(b).id)) {
                let first = group[0];
                let keep = if dossier(first).finished.get().is_none() {
                    group
                        .iter()
                        .copied()
                        .find(|&b| dossier(b).finished.get().is_some())
                        .unwrap_or(first)
                } else {
                    first
                };
                marked.extend(group.iter().copied().filter(|&b| b != keep));
            }
        }
        for b in marked {
            let d = &mut self.dossiers[b as usize];
            d.flags |= FLAG_DUPLICATE;
            dropped_files.push(d.file);
        }
    }
}

/// The 32-bit hash of an id that [`Store::dedup`] sorts by (FxHash, folded).
#[inline]
fn id_hash(id: &[u8]) -> u32 {
    let mut h = FxHasher::default();
    h.write(id);
    let h = h.finish();
    (h ^ (h >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::model::{Channel, Rating};

    fn dossier(file: u16, finished: Option<i32>) -> Dossier {
        Dossier {
            id: 0,
            unit: 0,
            field: 0,
            procedure: 0,
            received: Some(0).into(),
            due: None.into(),
            finished: finished.into(),
            status: None,
            channel: Channel::Direct,
            level: Level::Province,
            flags: 0,
            rating: Rating::None,
            file,
        }
    }

    /// Ids over several blocks of the arena (some longer than a block), copies far apart and
    /// ids without dedup among them: dedup keeps what a map of the first copy per id keeps.
    #[test]
    fn dedup_reads_ids_across_the_arenas_blocks() {
        let mut s = Store::default();
        let mut want = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for i in 0..120_000u32 {
            let id = match i % 50_000 {
                // three copies of one id longer than a block
                7 => vec![b'L'; (1 << 20) + 5],
                _ => {
                    let k = i % 90_000;
                    format!("H{k:07}-{}", "x".repeat((k % 23) as usize)).into_bytes()
                }
            };
            let placeholder = i % 1000 == 999;
            let _ = s.try_insert(dossier(0, None), Some(&id), !placeholder);
            if placeholder || seen.insert(id.clone()) {
                want.push(id);
            }
        }
        let dropped = s.dedup();
        assert_eq!(dropped.len(), 120_000 - want.len());
        let kept: Vec<&[u8]> = s.dossiers.iter().map(|d| s.id_raw(d.id)).collect();
        assert_eq!(kept, want.iter().map(Vec::as_slice).collect::<Vec<_>>());
    }

    #[test]
    fn dedup_keeps_the_first_or_the_finished_copy() {
        let mut s = Store::default();
        s.insert(dossier(0, None), Some(b"A"));
        s.insert(dossier(0, Some(5)), Some(b"B"));
        s.insert(dossier(1, Some(7)), Some(b"A"));
        s.insert(dossier(1, Some(9)), Some(b"B"));
        s.insert(dossier(1, None), None);
        s.insert(dossier(1, None), None);
        let mut dropped = s.dedup();
        dropped.sort();
        assert_eq!(dropped, vec![0, 1]);
        let kept: Vec<(&str, Option<i32>)> = s
            .dossiers
            .iter()
            .map(|d| (s.id(d.id), d.finished()))
            .collect();
        assert_eq!(
            kept,
            [("B", Some(5)), ("A", Some(7)), ("", None), ("", None)]
        );
    }

    #[test]
    fn units_get_their_level_from_the_name() {
        let mut s = Store::default();
        assert_eq!(s.unit("UBND xã Hòa Minh".as_bytes()), 0);
        assert_eq!(s.unit("Sở Tư pháp".as_bytes()), 1);
        assert_eq!(s.unit("UBND xã Hòa Minh".as_bytes()), 0);
        assert_eq!(s.unit_levels, [Level::Commune, Level::Province]);
        assert_eq!(s.procedure(b"1.001", " Cấp phép ".as_bytes()), 0);
        assert_eq!(s.procedure_names, ["Cấp phép"]);
    }

    /// Ids that all have the same hash: the worst a crafted file can do (FxHash is not keyed).
    #[test]
    fn dedup_of_colliding_ids_is_not_quadratic() {
        let n = 50_000;
        let id = |i: u32| format!("H{i:08}").into_bytes();
        let mut s = Store::default();
        for i in 0..n {
            s.insert(dossier(0, None), Some(&id(i)));
        }
        // and one real duplicate among them
        s.insert(dossier(1, Some(3)), Some(&id(7)));
        let t = std::time::Instant::now();
        let dropped = s.dedup_by(|_| 7);
        // pairwise comparison within the run took minutes here; sorting takes milliseconds
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
        assert_eq!(dropped, [0]);
        assert_eq!(s.dossiers.len(), n as usize);
        let finished: Vec<&str> = s
            .dossiers
            .iter()
            .filter(|d| d.finished().is_some())
            .map(|d| s.id(d.id))
            .collect();
        assert_eq!(finished.len(), 1, "the finished copy is kept");
        assert!(finished[0].ends_with("00000007"));
    }

    #[test]
    fn two_hundred_thousand_ids_distinct_or_equal() {
        let n = 200_000u32;
        let mut s = Store::default();
        for i in 0..n {
            s.insert(
                dossier((i % 3) as u16, None),
                Some(format!("H{i}").as_bytes()),
            );
        }
        assert!(s.dedup().is_empty());
        assert_eq!(s.dossiers.len(), n as usize);
        let mut s = Store::default();
        for i in 0..n {
            let finished = (i == 1234).then_some(5);
            s.insert(dossier((i % 3) as u16, finished), Some(b"H"));
        }
        let dropped = s.dedup();
        assert_eq!(dropped.len(), n as usize - 1);
        assert_eq!(s.dossiers.len(), 1);
        assert_eq!(s.dossiers[0].finished(), Some(5));
    }

    #[test]
    fn limits_refuse_never_wrap() {
        let mut s = Store {
            limits: Limits {
                dossiers: 2,
                id_bytes: 6,
                names: 2,
                ..Limits::default()
            },
            ..Store::default()
        };
        assert_eq!(s.try_insert(dossier(0, None), Some(b"abc"), true), Ok(()));
        assert_eq!(
            s.try_insert(dossier(0, None), Some(b"defg"), true),
            Err(Full::IdBytes)
        );
        // invalid UTF-8 is kept as U+FFFD (3 bytes): past the room, refused, nothing kept
        assert_eq!(
            s.try_insert(dossier(0, None), Some(b"\xff\xff"), true),
            Err(Full::IdBytes)
        );
        assert_eq!(s.try_insert(dossier(0, None), Some(b"de"), false), Ok(()));
        assert_eq!(
            s.try_insert(dossier(0, None), None, true),
            Err(Full::Dossiers)
        );
        assert_eq!((s.id(0), s.id(1)), ("abc", "de"));
        assert_eq!(s.dedup(), [0u16; 0]);
        assert_eq!(
            (s.try_unit(b"a"), s.try_unit(b"b"), s.try_unit(b"c")),
            (Some(0), Some(1), None)
        );
        assert_eq!(s.try_unit(b"a"), Some(0));
        assert_eq!(s.unit_levels.len(), 2);
        assert_eq!(s.try_procedure(b"1", b"x"), Some(0));
        assert_eq!(s.try_field(b"f"), Some(0));
        assert!(Full::Dossiers.message(&s.limits).contains("2 hồ sơ"));
    }
}
