//! Deterministic test inputs: strings assembled from pieces chosen by an xorshift sequence, for
//! tests that compare a fast routine with its plain reference over many odd strings.

/// `count` strings, each of fewer than `max_pieces` pieces drawn from `pieces`; the same
/// `seed` (and `mix`, the rotation that decorrelates successive draws) gives the same strings.
pub(crate) fn piece_strings<'a>(
    pieces: &'a [&'a str],
    max_pieces: u64,
    mix: u32,
    count: usize,
    seed: u64,
) -> impl Iterator<Item = String> + 'a {
    let mut seed = seed;
    (0..count).map(move |_| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut s = String::new();
        let mut r = seed;
        for _ in 0..(r % max_pieces) {
            r /= max_pieces;
            s.push_str(pieces[(r % pieces.len() as u64) as usize]);
            r = r.rotate_left(mix) ^ seed;
        }
        s
    })
}
