//! One line index per text: converts byte offsets (what the core uses everywhere) into the
//! positions editors and JavaScript use — UTF-16 code units and 1-based line/column, where the
//! column is counted in UTF-16 code units too.
//!
//! Lines end at `\n`; a `\r` before it belongs to the line's end, so CRLF text gets the same
//! line numbers as LF text.

use serde::Serialize;

/// Byte range plus the same range in UTF-16 code units and 1-based line/column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    /// Byte offset of the first byte (UTF-8).
    pub start_byte: usize,
    /// Byte offset one past the last byte.
    pub end_byte: usize,
    /// Offset in UTF-16 code units (what `String.prototype.slice` takes).
    pub start: usize,
    /// End offset in UTF-16 code units (exclusive).
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in UTF-16 code units.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, in UTF-16 code units.
    pub end_column: usize,
}

/// Line starts and their UTF-16 offsets, computed once per text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
    /// UTF-16 offset of each line start. Empty for ASCII text, where UTF-16 offsets are byte
    /// offsets.
    utf16_starts: Vec<usize>,
    /// (byte, UTF-16) checkpoints every [`CHECKPOINT`] bytes inside lines longer than that, so
    /// converting an offset costs at most one checkpoint's worth of counting even on a
    /// megabyte-long line. Empty for ASCII.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // About one line per 40 bytes in prose; a closer guess costs a pass of its own.
        let mut starts = Vec::with_capacity(text.len() / 40 + 2);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let mut next_non_ascii = first_non_ascii(bytes, 0);
        if next_non_ascii == bytes.len() {
            return LineIndex { starts, utf16_starts: Vec::new(), checkpoints: Vec::new() };
        }
        let mut utf16_starts = Vec::with_capacity(starts.len());
        let mut checkpoints = Vec::new();
        // Bytes minus UTF-16 units before the current line: it changes only across a line with
        // a non-ASCII byte, so only those lines are counted (and long ones, for checkpoints).
        let mut surplus = 0;
        for (line, &start) in starts.iter().enumerate() {
            let end = starts.get(line + 1).copied().unwrap_or(bytes.len());
            let start16 = start - surplus;
            utf16_starts.push(start16);
            if end - start > CHECKPOINT {
                surplus = end - count_utf16(text, start..end, start16, &mut checkpoints);
            } else if next_non_ascii < end {
                surplus += (end - start) - utf16_len(&text[start..end]);
            }
            if next_non_ascii < end {
                next_non_ascii = first_non_ascii(bytes, end);
            }
        }
        LineIndex { starts, utf16_starts, checkpoints }
    }

    /// Number of lines (a text without a newline has one line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// Byte range of 0-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end.max(start))
    }

    /// UTF-16 offset of a byte offset on a char boundary.
    pub fn utf16_offset(&self, text: &str, offset: usize) -> usize {
        if self.utf16_starts.is_empty() {
            return offset;
        }
        self.utf16_in_line(text, self.line_of(offset), offset)
    }

    /// UTF-16 offset of `offset`, which lies on 0-based `line` (non-ASCII text only): counted
    /// from the line start or from the last checkpoint before `offset` on a long line.
    fn utf16_in_line(&self, text: &str, line: usize, offset: usize) -> usize {
        let (mut b, mut u) = (self.starts[line], self.utf16_starts[line]);
        if offset - b > CHECKPOINT {
            let i = self.checkpoints.partition_point(|&(cb, _)| cb <= offset);
            if i > 0 && self.checkpoints[i - 1].0 > b {
                (b, u) = self.checkpoints[i - 1];
            }
        }
        u + utf16_len(&text[b..offset])
    }

    /// (UTF-16 offset, 1-based line, 1-based UTF-16 column) of a byte offset on a char boundary.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let line = self.line_of(offset);
        if self.utf16_starts.is_empty() {
            return (offset, line + 1, offset - self.starts[line] + 1);
        }
        let u = self.utf16_in_line(text, line, offset);
        (u, line + 1, u - self.utf16_starts[line] + 1)
    }

    /// The full [`Span`] of a byte range (both ends on char boundaries).
    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let (s16, line, column) = self.position(text, start);
        // A short range ending on its start's line (most of them): count on from the start.
        let same_line = end >= start && end - start <= CHECKPOINT && self.starts.get(line).is_none_or(|&next| end < next);
        let (e16, end_line, end_column) = if same_line {
            let e16 = if self.utf16_starts.is_empty() { end } else { s16 + utf16_len(&text[start..end]) };
            (e16, line, column + (e16 - s16))
        } else {
            self.position(text, end)
        };
        Span { start_byte: start, end_byte: end, start: s16, end: e16, line, column, end_line, end_column }
    }
}

/// Offset of the first byte at or after `from` that is not ASCII (`bytes.len()` if none),
/// looked for eight bytes at a time.
fn first_non_ascii(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or(&[]);
    let chunks = rest.chunks_exact(8);
    let tail = chunks.remainder();
    for (k, c) in chunks.enumerate() {
        let w = <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes) & 0x8080_8080_8080_8080;
        if w != 0 {
            return from + 8 * k + (w.trailing_zeros() / 8) as usize;
        }
    }
    tail.iter().position(|&b| b >= 0x80).map_or(bytes.len(), |i| bytes.len() - tail.len() + i)
}

/// UTF-16 offset at the end of `range` (a line, or the rest of the text), given `utf16` at its
/// start; records checkpoints inside it when it is longer than [`CHECKPOINT`].
fn count_utf16(text: &str, range: std::ops::Range<usize>, mut utf16: usize, checkpoints: &mut Vec<(usize, usize)>) -> usize {
    if range.end - range.start <= CHECKPOINT {
        return utf16 + utf16_len(&text[range]);
    }
    let mut next = range.start + CHECKPOINT;
    for (k, &b) in text.as_bytes()[range.clone()].iter().enumerate() {
        // Continuation bytes add nothing; a character's first byte adds its UTF-16 length.
        if (b as i8) < -0x40 {
            continue;
        }
        let i = range.start + k;
        if i >= next {
            checkpoints.push((i, utf16));
            next = i + CHECKPOINT;
        }
        utf16 += 1 + usize::from(b >= 0xF0);
    }
    utf16
}

/// UTF-16 length of a string. Every character is one UTF-16 unit but
/// those of four UTF-8 bytes, which are two: the count is the bytes that start a character
/// (not `0b10xx_xxxx`) plus those that start a four-byte one (`0b1111_0xxx`), taken eight
/// bytes at a time instead of decoding characters.
pub fn utf16_len(s: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Number of bytes of `w` whose top bit is set in `m` (a subset of HIGH): the bytes' 0/1
    // values summed into the top byte by the multiplication.
    let count = |m: u64| ((m >> 7).wrapping_mul(ONES) >> 56) as usize;
    let chunks = s.as_bytes().chunks_exact(8);
    let rest = chunks.remainder();
    let mut n = 0;
    for c in chunks {
        let w = <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
        if w & HIGH == 0 {
            // Eight ASCII bytes.
            n += 8;
            continue;
        }
        // Within each byte, `w << k` puts bit 7 - k at bit 7.
        let continuation = w & !(w << 1) & HIGH;
        let four_byte = w & (w << 1) & (w << 2) & (w << 3) & HIGH;
        n += 8 - count(continuation) + count(four_byte);
    }
    n + rest.iter().map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0)).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_len_counts_like_char_by_char() {
        for s in ["", "abc", "é", "中文", "😀", "a😀é中\u{10FFFF}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"] {
            assert_eq!(utf16_len(s), s.chars().map(char::len_utf16).sum::<usize>(), "{s:?}");
        }
        for c in (0u32..0x11_0000).step_by(7).filter_map(char::from_u32) {
            let s = format!("x{c}");
            assert_eq!(utf16_len(&s), 1 + c.len_utf16(), "{c:?}");
            let s = format!("ab{c}{c}cd{c}efghij{c}k");
            assert_eq!(utf16_len(&s), 11 + 4 * c.len_utf16(), "{c:?}");
        }
        let pieces = ["a", "é", "中", "😀", "\u{7f}", "\u{80}", "\u{7ff}", "\u{800}", "\u{ffff}", "\u{10000}", "\u{10ffff}", "  "];
        for s in crate::test_input::piece_strings(&pieces, 30, 7, 50_000, 0x6a09_e667_f3bc_c908) {
            assert_eq!(utf16_len(&s), s.chars().map(char::len_utf16).sum::<usize>(), "{s:?}");
        }
    }

    #[test]
    fn first_non_ascii_finds_the_first_high_byte() {
        for t in ["", "abc", "é", "abcdefghé", "abcdefgh", "0123456789abcdef😀", "a\n中"] {
            for from in 0..=t.len() {
                let want = t.as_bytes()[from..].iter().position(|&b| b >= 0x80).map_or(t.len(), |i| from + i);
                assert_eq!(first_non_ascii(t.as_bytes(), from), want, "{t:?} {from}");
            }
        }
    }

    #[test]
    fn ascii_positions() {
        let t = "ab\ncd\r\nef";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_count(), 3);
        assert_eq!(ix.position(t, 0), (0, 1, 1));
        assert_eq!(ix.position(t, 4), (4, 2, 2));
        assert_eq!(ix.position(t, 7), (7, 3, 1));
        assert_eq!(ix.line_range(t, 1), (3, 5));
    }

    #[test]
    fn emoji_and_cjk_count_utf16_units() {
        // 😀 is 4 bytes / 2 UTF-16 units; 中 is 3 bytes / 1 unit.
        let t = "😀中\nx😀[y]";
        let ix = LineIndex::new(t);
        let y = t.find("[y]").unwrap();
        let span = ix.span(t, y, y + 3);
        let utf16: Vec<u16> = t.encode_utf16().collect();
        assert_eq!(String::from_utf16(&utf16[span.start..span.end]).unwrap(), "[y]");
        assert_eq!((span.line, span.column, span.end_column), (2, 4, 7));
    }

    #[test]
    fn long_lines_and_every_offset_match_counting_from_the_start() {
        let long = "é😀a".repeat(700);
        let pieces = ["a", "é", "中", "😀", "\n", "\r\n", "\n\n", "abcdefg", "\u{10ffff}", " "];
        let odd = crate::test_input::piece_strings(&pieces, 40, 5, 300, 0x3c6e_f372_fe94_f82b);
        let fixed = [format!("x\n{long}\r\n{long}"), format!("{long}\n\n中"), "a\nb".to_string(), String::new(), format!("é\n{long}")];
        for t in fixed.into_iter().chain(odd) {
            let ix = LineIndex::new(&t);
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for &o in &bounds {
                let u = utf16_len(&t[..o]);
                let line = t[..o].matches('\n').count();
                let ls = t[..o].rfind('\n').map_or(0, |i| i + 1);
                assert_eq!(ix.position(&t, o), (u, line + 1, utf16_len(&t[ls..o]) + 1), "{o}");
                assert_eq!(ix.utf16_offset(&t, o), u);
            }
            for (k, &s) in bounds.iter().enumerate().step_by(97) {
                for &e in bounds[k..].iter().step_by(89) {
                    let (s16, line, column) = ix.position(&t, s);
                    let (e16, end_line, end_column) = ix.position(&t, e);
                    let want = Span { start_byte: s, end_byte: e, start: s16, end: e16, line, column, end_line, end_column };
                    assert_eq!(ix.span(&t, s, e), want);
                }
            }
        }
    }
}
