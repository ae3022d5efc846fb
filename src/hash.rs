//! The crate's hash maps and sets: a word-at-a-time multiply-rotate hash (as rustc's FxHash)
//! instead of the standard SipHash. What is hashed is short (words, keys, placeholder tokens,
//! line hashes) and comes from the user's own template and document, checked on their own
//! machine, so there is no hash flooding to defend against, and nothing here is iterated in
//! an order anyone sees (the report's order comes from positions and sorting, never from a
//! map).

// The one place that names the std maps (clippy's `disallowed_types` rejects them elsewhere in
// `src/`, see `clippy.toml`).
#![allow(clippy::disallowed_types)]

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`WordHasher`].
pub type Map<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A `HashSet` with [`WordHasher`].
pub type Set<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// Word-at-a-time multiply-rotate hashing (as rustc's FxHash).
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(w) ^ (rest.len() as u64) << 59);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
