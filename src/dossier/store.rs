//! The dossier store: accepted dossiers, the ids' text of those that may be listed late, and
//! the interned strings they point into (units with their level, fields, procedures). A dossier
//! is 40 bytes ([`Dossier`]): its id is held as a 96-bit hash ([`IdHash`]), which is all
//! [`Store::dedup`] compares; the id's text is kept only for a dossier that some period could
//! list late ([`Dossier::may_be_listed`], about 2% of the sample's), or for all with
//! [`Store::keep_all_ids`] (`tthc normalize` writes every id). Duplicates are resolved once, at
//! the end, by sorting the hashes.
//!
//! The store is bounded ([`Limits`], from `basics::limits`): the `try_` methods refuse a dossier
//! past the memory budget ([`Full`]) and a name past the limit of distinct names (`None`); the
//! analyzer turns both into problems. Nothing wraps: dossier and id offsets stay under `u32::MAX`.

use crate::basics::format::int;
use crate::basics::limits::{MAX_DOSSIERS, MAX_FILES, MAX_ID_BYTES, MAX_NAMES};
use crate::basics::text::nfc;
use crate::dossier::chunked::{Arena, Chunked};
use crate::dossier::model::{
    Dossier, IdHash, Level, Names, FLAG_DUPLICATE, FLAG_ID_NOT_DEDUPLICATED, FLAG_NO_ID,
};
use crate::dossier::values;
use rustc_hash::FxHashMap;

/// The limits of one analysis, as values: the defaults are the named limits of
/// `basics::limits`; a test sets smaller ones (`Analyzer::with_limits`) to see how each fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Files read ([`MAX_FILES`], at most 65.536: a dossier's file index is a `u16`).
    pub files: usize,
    /// Dossiers held ([`MAX_DOSSIERS`]).
    pub dossiers: usize,
    /// Bytes of ids' text held ([`MAX_ID_BYTES`]).
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
    /// The index of `raw`, and whether it is new (for hand-made stores: no limit but
    /// [`Names::MAX`], which a dossier's names can hold).
    #[inline]
    pub fn intern(&mut self, raw: &[u8]) -> (u32, bool) {
        self.try_intern(raw, Names::MAX).unwrap_or((0, false))
    }

    /// The index of `raw` and whether it is new; `None` when it is new and `max` names (at most
    /// [`Names::MAX`]) are held.
    #[inline]
    pub fn try_intern(&mut self, raw: &[u8], max: usize) -> Option<(u32, bool)> {
        if let Some(&i) = self.map.get(raw) {
            return Some((i, false));
        }
        if self.names.len() >= max.min(Names::MAX) {
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
    /// The ids' text kept (valid UTF-8), by hash.
    pub(crate) ids: KeptIds,
    pub units: Interner,
    /// The level of each unit, from its name (`values::level_of_unit`).
    pub unit_levels: Vec<Level>,
    pub fields: Interner,
    /// Procedures by code (or by name, without a code).
    pub procedures: Interner,
    /// The name of each procedure (NFC, trimmed; may be empty).
    pub procedure_names: Vec<String>,
}

/// The text of the ids kept ([`Store::id`]): one copy per distinct id, in an arena, found by
/// the id's hash.
#[derive(Default)]
pub(crate) struct KeptIds {
    /// Each kept id's `start..end` in `bytes`.
    pub(crate) at: FxHashMap<IdHash, (u32, u32)>,
    pub(crate) bytes: Arena,
    /// Keep every id's text, not only the listable ones ([`Store::keep_all_ids`]).
    pub(crate) all: bool,
}

impl KeptIds {
    /// The text of the id whose hash is `h`, if kept.
    #[inline]
    pub(crate) fn get(&self, h: IdHash) -> Option<&[u8]> {
        let &(start, end) = self.at.get(&h)?;
        Some(self.bytes.get(start as usize, end as usize))
    }

    /// Keeps `id` (whose hash is `h`) unless already kept.
    #[inline]
    pub(crate) fn keep(&mut self, h: IdHash, id: &[u8]) {
        if !self.at.contains_key(&h) {
            let start = self.bytes.len() as u32;
            self.bytes.push(id);
            self.at.insert(h, (start, self.bytes.len() as u32));
        }
    }
}

impl Store {
    /// A store that keeps the text of every id, not only of the dossiers that may be listed
    /// late (`tthc normalize`, which writes them all, and tests).
    pub fn keep_all_ids(&mut self) {
        self.ids.all = true;
    }

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

    /// The id of a dossier: its text when kept (a dossier that may be listed late, or all with
    /// [`Store::keep_all_ids`]), else empty, as for a file without an id column.
    pub fn id(&self, d: &Dossier) -> &str {
        std::str::from_utf8(self.id_raw(d)).unwrap_or("")
    }

    /// The bytes of [`Store::id`] (valid UTF-8: `try_insert` keeps no other).
    #[inline]
    pub(crate) fn id_raw(&self, d: &Dossier) -> &[u8] {
        if d.flags & FLAG_NO_ID != 0 {
            return b"";
        }
        self.ids.get(d.id).unwrap_or_default()
    }

    /// The unit's index; a new unit gets its level from its name (hand-made stores: no limit).
    #[inline]
    pub fn unit(&mut self, raw: &[u8]) -> u32 {
        self.try_unit_max(raw, Names::MAX).unwrap_or(0)
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
        self.try_procedure_max(key, name, Names::MAX).unwrap_or(0)
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

    /// Whether one more dossier with an id of `id_len` bytes fits, its text kept or not: `Err`
    /// names the limit it would pass ([`Limits::dossiers`], [`Limits::id_bytes`]).
    #[inline]
    pub fn room(&self, id_len: usize) -> Result<(), Full> {
        let l = self.limits.clamped();
        if self.dossiers.len() >= l.dossiers {
            Err(Full::Dossiers)
        } else if self.ids.bytes.len() + id_len > l.id_bytes {
            Err(Full::IdBytes)
        } else {
            Ok(())
        }
    }

    /// Adds a dossier; `d.id` is set from `id` (`FLAG_NO_ID` without an id column). Hand-made
    /// stores: a dossier past the limits is left out (ingest calls [`Store::try_insert`]).
    pub fn insert(&mut self, d: Dossier, id: Option<&[u8]>) {
        let _ = self.try_insert(d, id, true);
    }

    /// Adds a dossier, or says which limit it would pass. Its id's hash is set, and its text
    /// kept when the dossier may be listed late (or all are kept); it takes part in
    /// [`Store::dedup`] only when `dedup` (not a placeholder id).
    pub fn try_insert(
        &mut self,
        mut d: Dossier,
        id: Option<&[u8]>,
        dedup: bool,
    ) -> Result<(), Full> {
        self.room(id.map_or(0, <[u8]>::len))?;
        d.flags &= !(FLAG_NO_ID | FLAG_ID_NOT_DEDUPLICATED | FLAG_DUPLICATE);
        if let Some(id) = id {
            let lossy;
            let id = match std::str::from_utf8(id) {
                Ok(_) => id,
                Err(_) => {
                    lossy = String::from_utf8_lossy(id).into_owned();
                    lossy.as_bytes()
                }
            };
            if self.ids.bytes.len() + id.len() > self.limits.clamped().id_bytes {
                // the lossy form of invalid UTF-8 is longer than the bytes
                return Err(Full::IdBytes);
            }
            d.id = IdHash::of(id);
            if self.ids.all || d.may_be_listed() {
                self.ids.keep(d.id, id);
            }
            if !dedup {
                d.flags |= FLAG_ID_NOT_DEDUPLICATED;
            }
        } else {
            d.id = IdHash::default();
            d.flags |= FLAG_NO_ID;
        }
        self.dossiers.push(d);
        Ok(())
    }

    /// Keeps one dossier per id (over all files): the first, unless a later copy carries an end
    /// of processing the first lacks. Returns the file index of every dropped copy.
    ///
    /// Two ids are the same when their [`IdHash`]es are. The dossiers taking part are sorted
    /// by one word of the hash and their index packed in a `u64`; a run of equal words is then
    /// sorted by the whole hash. So that these keys stay small beside the store (8 bytes per
    /// dossier would be a fifth of it), a large store is done in passes, each over the dossiers
    /// whose hash falls in one slice ([`DEDUP_KEYS_PER_PASS`] keys or so each): the store is
    /// read once per pass, in order.
    pub fn dedup(&mut self) -> Vec<u16> {
        self.dedup_in(DEDUP_KEYS_PER_PASS)
    }

    /// [`Store::dedup`] with about `keys_per_pass` keys a pass (the tests make many passes).
    fn dedup_in(&mut self, keys_per_pass: usize) -> Vec<u16> {
        let n = self.dossiers.len();
        let bits = (n / keys_per_pass.max(1) + 1)
            .next_power_of_two()
            .trailing_zeros()
            .min(8);
        let slice = |d: &Dossier| (u64::from(d.id.0[2]) << bits >> 32) as usize;
        let takes_part = |d: &Dossier| d.flags & (FLAG_NO_ID | FLAG_ID_NOT_DEDUPLICATED) == 0;
        // the keys of the largest pass, allocated once: no doubling while they are pushed
        let mut per_pass = vec![0usize; 1 << bits];
        for d in self.dossiers.iter().filter(|d| takes_part(d)) {
            per_pass[slice(d)] += 1;
        }
        let mut keys: Vec<u64> = Vec::with_capacity(per_pass.iter().copied().max().unwrap_or(0));
        let mut dropped_files = Vec::new();
        let mut run = Vec::new();
        for pass in 0..1usize << bits {
            keys.clear();
            for (i, d) in self.dossiers.iter().enumerate() {
                if takes_part(d) && slice(d) == pass {
                    keys.push(u64::from(d.id.0[0]) << 32 | i as u64);
                }
            }
            keys.sort_unstable();
            for same in keys.chunk_by(|a, b| a >> 32 == b >> 32) {
                if same.len() > 1 {
                    run.clear();
                    run.extend(same.iter().map(|&k| k as u32));
                    self.drop_copies(&mut run, &mut dropped_files);
                }
            }
        }
        drop(keys);
        if !dropped_files.is_empty() {
            self.dossiers.retain(|d| d.flags & FLAG_DUPLICATE == 0);
        }
        dropped_files
    }

    /// One run of dossiers (indices, in order) with the same word of the id hash: groups them
    /// by the whole hash and marks all but the kept copy of each group ([`FLAG_DUPLICATE`]).
    fn drop_copies(&mut self, run: &mut [u32], dropped_files: &mut Vec<u16>) {
        let mut marked = Vec::new();
        {
            let dossier = |i: u32| &self.dossiers[i as usize];
            // stable: equal ids stay in index order
            run.sort_by_key(|&a| dossier(a).id);
            for group in run.chunk_by(|&a, &b| dossier(a).id == dossier(b).id) {
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

/// About how many keys one pass of [`Store::dedup`] sorts (8 bytes each: 16 MiB).
const DEDUP_KEYS_PER_PASS: usize = 1 << 21;

#[cfg(test)]
mod tests {
    use super::*;

    fn dossier(file: u16, finished: Option<i32>) -> Dossier {
        Dossier {
            received: Some(0).into(),
            finished: finished.into(),
            file,
            ..Dossier::default()
        }
    }

    /// A store that keeps every id's text (so that the tests can read the kept ones).
    fn keeping() -> Store {
        let mut s = Store::default();
        s.keep_all_ids();
        s
    }

    /// Copies far apart, ids without dedup among them, one id longer than an arena block, in
    /// one pass and in many: dedup keeps what a map of the first copy per id keeps.
    #[test]
    fn dedup_keeps_the_first_copy_of_each_id_in_one_pass_or_many() {
        for keys_per_pass in [DEDUP_KEYS_PER_PASS, 1000, 1] {
            let mut s = keeping();
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
            let dropped = s.dedup_in(keys_per_pass);
            assert_eq!(dropped.len(), 120_000 - want.len());
            let kept: Vec<&[u8]> = s.dossiers.iter().map(|d| s.id_raw(d)).collect();
            assert_eq!(kept, want.iter().map(Vec::as_slice).collect::<Vec<_>>());
        }
    }

    #[test]
    fn dedup_keeps_the_first_or_the_finished_copy() {
        let mut s = keeping();
        s.insert(dossier(0, None), Some(b"A"));
        s.insert(dossier(0, Some(5)), Some(b"B"));
        s.insert(dossier(1, Some(7)), Some(b"A"));
        s.insert(dossier(1, Some(9)), Some(b"B"));
        s.insert(dossier(1, None), None);
        s.insert(dossier(1, None), None);
        let mut dropped = s.dedup();
        dropped.sort();
        assert_eq!(dropped, vec![0, 1]);
        let kept: Vec<(&str, Option<i32>)> =
            s.dossiers.iter().map(|d| (s.id(d), d.finished())).collect();
        assert_eq!(
            kept,
            [("B", Some(5)), ("A", Some(7)), ("", None), ("", None)]
        );
    }

    /// Without [`Store::keep_all_ids`], only the text of a dossier that may be listed late is
    /// kept; dedup works all the same (it compares hashes).
    #[test]
    fn only_listable_ids_keep_their_text() {
        let mut s = Store::default();
        let day = crate::basics::time::MINUTES_PER_DAY;
        let with = |due: Option<i32>, finished: Option<i32>| Dossier {
            due: due.into(),
            ..dossier(0, finished)
        };
        s.insert(with(Some(5 * day), Some(6 * day)), Some(b"late"));
        s.insert(with(Some(5 * day), Some(5 * day + 60)), Some(b"on-time"));
        s.insert(with(Some(5 * day), None), Some(b"open"));
        s.insert(with(None, None), Some(b"no-due"));
        s.insert(with(None, Some(day)), Some(b"no-due"));
        assert_eq!(s.dedup(), [0]);
        let ids: Vec<&str> = s.dossiers.iter().map(|d| s.id(d)).collect();
        assert_eq!(ids, ["late", "", "open", ""]);
        assert_eq!(s.dossiers[3].finished(), Some(day), "the finished copy");
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

    #[test]
    fn two_hundred_thousand_ids_distinct_or_equal() {
        let n = 200_000u32;
        for keys_per_pass in [DEDUP_KEYS_PER_PASS, 10_000] {
            let mut s = Store::default();
            for i in 0..n {
                s.insert(
                    dossier((i % 3) as u16, None),
                    Some(format!("H{i}").as_bytes()),
                );
            }
            assert!(s.dedup_in(keys_per_pass).is_empty());
            assert_eq!(s.dossiers.len(), n as usize);
            let mut s = Store::default();
            for i in 0..n {
                let finished = (i == 1234).then_some(5);
                s.insert(dossier((i % 3) as u16, finished), Some(b"H"));
            }
            let dropped = s.dedup_in(keys_per_pass);
            assert_eq!(dropped.len(), n as usize - 1);
            assert_eq!(s.dossiers.len(), 1);
            assert_eq!(s.dossiers[0].finished(), Some(5));
        }
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
            ..keeping()
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
        assert_eq!((s.id(&s.dossiers[0]), s.id(&s.dossiers[1])), ("abc", "de"));
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
