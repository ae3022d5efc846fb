//! The crate's one sort: a stable bottom-up merge sort, with runs of 16 sorted by insertion and
//! every merge skipped when its two halves are already in order.
//!
//! Why not `sort_unstable`: the standard library's sort is fast but large, and it is compiled
//! once per element type and comparison. With about twenty call sites the WebAssembly build
//! carried about 45 KB of sorting code before wasm-opt; with this sort the `.wasm` went from
//! 508.4 to 479.9 KB (213.6 → 202.6 KB gzipped; BENCHMARKS.md). It is a few hundred bytes a copy and
//! costs O(n) on input that is already sorted, which most of the crate's inputs are or nearly
//! are (tokens, ranges and lines collected in document order). The report's findings, the one
//! large sort of arbitrary order, keep the standard sort.
//!
//! Being stable, it gives the same result as any correct sort whenever equal elements are
//! indistinguishable, which holds at every call site (plain values compared whole).

/// Sorts `v` in ascending order (stable).
pub fn sort<T: Ord + Clone>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

/// Sorts `v` so that no element is `less` than the one before it (stable). `less` must be a
/// strict weak order.
pub fn sort_by<T: Clone>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    const RUN: usize = 16;
    let n = v.len();
    for start in (0..n).step_by(RUN) {
        let run = &mut v[start..n.min(start + RUN)];
        for i in 1..run.len() {
            let mut j = i;
            while j > 0 && less(&run[j], &run[j - 1]) {
                run.swap(j, j - 1);
                j -= 1;
            }
        }
    }
    let mut buf: Vec<T> = Vec::new();
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = n.min(mid + width);
            if less(&v[mid], &v[mid - 1]) {
                merge(&mut v[lo..hi], mid - lo, &mut buf, &mut less);
            }
            lo = hi;
        }
        width *= 2;
    }
}

/// Merges the sorted `v[..mid]` and `v[mid..]` in place, the left half copied to `buf`.
fn merge<T: Clone>(v: &mut [T], mid: usize, buf: &mut Vec<T>, less: &mut impl FnMut(&T, &T) -> bool) {
    buf.clear();
    buf.extend_from_slice(&v[..mid]);
    let (mut i, mut j, mut k) = (0, mid, 0);
    // Invariant: k = i + (j - mid) < j, so writing v[k] never overwrites an unread right element.
    while i < buf.len() && j < v.len() {
        if less(&v[j], &buf[i]) {
            v[k] = v[j].clone();
            j += 1;
        } else {
            v[k] = buf[i].clone();
            i += 1;
        }
        k += 1;
    }
    while i < buf.len() {
        v[k] = buf[i].clone();
        i += 1;
        k += 1;
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // the standard sorts are the reference here
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            // Compare on the first field only: the second shows whether equal keys kept their order.
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0 < b.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn sorts_nearly_sorted_input(mut v in proptest::collection::vec(any::<u32>(), 0..400), swaps in proptest::collection::vec((any::<usize>(), any::<usize>()), 0..4)) {
            v.sort();
            let n = v.len();
            for (a, b) in swaps.into_iter().filter(|_| n > 0) {
                v.swap(a % n, b % n);
            }
            let mut ours = v.clone();
            sort(&mut ours);
            v.sort();
            prop_assert_eq!(ours, v);
        }
    }

    #[test]
    fn edge_lengths() {
        for n in [0usize, 1, 2, 15, 16, 17, 31, 32, 33, 1000] {
            let mut v: Vec<usize> = (0..n).rev().collect();
            sort(&mut v);
            assert_eq!(v, (0..n).collect::<Vec<_>>(), "n = {n}");
        }
    }
}
