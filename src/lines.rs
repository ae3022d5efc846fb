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
    /// UTF-16 offset of each line start.
    utf16_starts: Vec<usize>,
    /// (byte, UTF-16) checkpoints every [`CHECKPOINT`] bytes, so converting an offset costs at
    /// most one checkpoint's worth of counting even on a megabyte-long line. Empty for ASCII.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let mut utf16_starts = vec![0];
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if ascii {
            for (i, b) in text.bytes().enumerate() {
                if b == b'\n' {
                    starts.push(i + 1);
                    utf16_starts.push(i + 1);
                }
            }
        } else {
            let mut utf16 = 0usize;
            let mut next_cp = 0usize;
            for (i, c) in text.char_indices() {
                if i >= next_cp {
                    checkpoints.push((i, utf16));
                    next_cp = i + CHECKPOINT;
                }
                utf16 += c.len_utf16();
                if c == '\n' {
                    starts.push(i + 1);
                    utf16_starts.push(utf16);
                }
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
        if self.checkpoints.is_empty() {
            return offset;
        }
        let i = self.checkpoints.partition_point(|&(b, _)| b <= offset) - 1;
        let (b, u) = self.checkpoints[i];
        u + utf16_len(&text[b..offset])
    }

    /// (UTF-16 offset, 1-based line, 1-based UTF-16 column) of a byte offset on a char boundary.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let line = self.line_of(offset);
        let u = self.utf16_offset(text, offset);
        let col16 = u - self.utf16_starts[line];
        (u, line + 1, col16 + 1)
    }

    /// The full [`Span`] of a byte range (both ends on char boundaries).
    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let (s16, line, column) = self.position(text, start);
        let (e16, end_line, end_column) = self.position(text, end);
        Span { start_byte: start, end_byte: end, start: s16, end: e16, line, column, end_line, end_column }
    }
}

/// UTF-16 length of a string, with an ASCII fast path.
pub fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
