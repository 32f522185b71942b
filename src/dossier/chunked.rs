//! Storage grown in fixed chunks instead of by doubling: a `Vec` that doubles holds the old and
//! the new buffer at once while it copies (in wasm the linear memory keeps that peak for good: a
//! 5-million-dossier `Vec` reached 3 times its size), and up to twice what it needs after.
//! [`Chunked`] never copies and wastes at most one chunk; [`Arena`] holds byte strings in
//! blocks, each string whole in one block, so that it is lent as one `&[u8]`.

use std::ops::{Index, IndexMut};

const SHIFT: u32 = 16;
/// Elements per chunk (65.536: 2,4 MB of dossiers, 256 KiB of `u32`).
const CHUNK: usize = 1 << SHIFT;

/// A sequence of `Copy` values in chunks of [`CHUNK`], with the part of `Vec`'s interface the
/// store uses (push, index, iterate, retain, truncate, extend).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Copy> Chunked<T> {
    pub fn new() -> Self {
        Self::default()
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    pub fn push(&mut self, x: T) {
        if self.len == self.chunks.len() << SHIFT {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        self.chunks.last_mut().expect("a chunk with room").push(x);
        self.len += 1;
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&T> {
        (i < self.len).then(|| &self[i])
    }

    pub fn last(&self) -> Option<&T> {
        self.len.checked_sub(1).map(|i| &self[i])
    }

    /// The values in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// The chunks in order, as slices (all full but the last).
    pub fn chunks(&self) -> impl Iterator<Item = &[T]> + '_ {
        self.chunks.iter().map(Vec::as_slice)
    }

    /// Keeps the first `n` values.
    pub fn truncate(&mut self, n: usize) {
        if n >= self.len {
            return;
        }
        self.chunks.truncate(n.div_ceil(CHUNK));
        if let Some(last) = self.chunks.last_mut() {
            last.truncate(n - ((n - 1) >> SHIFT << SHIFT));
        }
        self.len = n;
    }

    /// Keeps the values `keep` says yes to, in order (in place).
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        let mut w = 0;
        for r in 0..self.len {
            let x = self[r];
            if keep(&x) {
                self[w] = x;
                w += 1;
            }
        }
        self.truncate(w);
    }
}

impl<T> Index<usize> for Chunked<T> {
    type Output = T;
    #[inline]
    fn index(&self, i: usize) -> &T {
        &self.chunks[i >> SHIFT][i & (CHUNK - 1)]
    }
}

impl<T> IndexMut<usize> for Chunked<T> {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i >> SHIFT][i & (CHUNK - 1)]
    }
}

impl<T: Copy> Extend<T> for Chunked<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for x in iter {
            self.push(x);
        }
    }
}

impl<T: Copy> FromIterator<T> for Chunked<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut c = Chunked::new();
        c.extend(iter);
        c
    }
}

impl<'a, T: Copy> IntoIterator for &'a Chunked<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
    }
}

/// Bytes per block of an [`Arena`] (a longer string gets a block of its own length).
const BLOCK: usize = 1 << 20;

/// Byte strings one after the other, addressed by offsets as if in one buffer (`0..len()`),
/// stored in blocks of [`BLOCK`] bytes: a string that does not fit in the current block starts
/// the next one, which begins where the previous one's strings end, so offsets stay contiguous.
#[derive(Clone, Debug, Default)]
pub struct Arena {
    blocks: Vec<Vec<u8>>,
    /// The offset of each block's first byte.
    starts: Vec<usize>,
    len: usize,
}

impl Arena {
    /// Bytes held (the end offset of the last string).
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `s`: it is at `len()..len() + s.len()` before the call.
    pub fn push(&mut self, s: &[u8]) {
        if s.is_empty() {
            return;
        }
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.capacity() - b.len() >= s.len());
        if !fits {
            self.blocks.push(Vec::with_capacity(BLOCK.max(s.len())));
            self.starts.push(self.len);
        }
        self.blocks
            .last_mut()
            .expect("a block")
            .extend_from_slice(s);
        self.len += s.len();
    }

    /// The string at `start..end` (offsets of one [`Arena::push`]).
    pub fn get(&self, start: usize, end: usize) -> &[u8] {
        if start >= end {
            return &[];
        }
        let b = self.starts.partition_point(|&s| s <= start) - 1;
        let at = start - self.starts[b];
        &self.blocks[b][at..at + (end - start)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_is_a_vec() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let mut c: Chunked<u32> = (0..n as u32).collect();
            let mut v: Vec<u32> = (0..n as u32).collect();
            assert_eq!(c.len(), n);
            assert!(c.iter().copied().eq(v.iter().copied()));
            assert!(c.chunks().all(|ch| ch.len() <= CHUNK));
            assert_eq!(c.last(), v.last());
            c.retain(|x| x % 3 != 1);
            v.retain(|x| x % 3 != 1);
            assert_eq!(c.len(), v.len());
            assert!((&c).into_iter().copied().eq(v.iter().copied()));
            if let Some(i) = v.len().checked_sub(1) {
                c[i] = 9;
                assert_eq!((c[i], c.get(i + 1)), (9, None));
            }
            c.truncate(0);
            assert!(c.is_empty());
            c.push(4);
            assert_eq!(c.iter().copied().collect::<Vec<_>>(), [4]);
        }
    }

    #[test]
    fn arena_strings_stay_whole_across_blocks() {
        let mut a = Arena::default();
        let strings: Vec<Vec<u8>> = (0..200_000u32)
            .map(|i| {
                let len = match i % 20_000 {
                    0 => BLOCK + 3,
                    1 => 0,
                    _ => (i % 40) as usize,
                };
                (0..len).map(|k| (i as usize + k) as u8).collect()
            })
            .collect();
        let mut ends = Vec::new();
        for s in &strings {
            a.push(s);
            ends.push(a.len());
        }
        for (i, s) in strings.iter().enumerate() {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            assert_eq!(a.get(start, ends[i]), &s[..], "string {i}");
        }
    }
}
