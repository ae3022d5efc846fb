//! The document model: one pulldown-cmark pass (offset iterator) turns Markdown into byte ranges
//! of everything the rules need — headings, code, HTML comments, links, task items, table rows,
//! block quotes. Templates and checked documents share this model. Nothing here fails: any text
//! is a document.

use crate::lines::LineIndex;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// Whole heading (ATX line or setext lines), without the trailing newline.
    pub range: Range<usize>,
    /// The heading's text as written (markers and setext underline removed).
    pub text: String,
    /// Byte range of that text in the source.
    pub text_range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// Whole block including fences.
    pub range: Range<usize>,
    /// The code inside the fences.
    pub content: Range<usize>,
    /// For a fenced block the document ends inside: its opening fence (```` ``` ````, `~~~~`, …),
    /// which text inserted after it must repeat to close the block first.
    pub unclosed_fence: Option<String>,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    pub range: Range<usize>,
    pub header: bool,
    pub cells: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct TaskItem {
    /// The list item (all its lines).
    pub item: Range<usize>,
    /// From the checkbox to the end of the item's first line.
    pub line: Range<usize>,
    pub checked: bool,
}

/// A parsed document. All ranges are byte ranges into `text`, sorted by start.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    pub headings: Vec<Heading>,
    pub code_blocks: Vec<CodeBlock>,
    /// HTML comments `<!-- … -->` (block or inline; an unclosed one runs to its block's end).
    pub comments: Vec<Range<usize>>,
    /// Other raw HTML (block and inline), comments excluded.
    pub html: Vec<Range<usize>>,
    pub inline_code: Vec<Range<usize>>,
    /// Links, images, autolinks, wiki links, footnote references and definition labels, and
    /// link reference definitions: bracket syntax that is never a placeholder.
    pub links: Vec<Range<usize>>,
    pub tasks: Vec<TaskItem>,
    pub rows: Vec<TableRow>,
    pub blockquotes: Vec<Range<usize>>,
    pub front_matter: Option<Range<usize>>,
}

/// Parser options. YAML metadata blocks are off: pulldown-cmark takes them anywhere in the
/// document, so a `---` break followed by text and a later `---` would swallow the headings in
/// between (pulldown-cmark issue #1000). Front matter is found by [`front_matter`] instead.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
}

/// YAML front matter at the very start: a `---` line, a non-blank line, and a closing `---`
/// or `...` line (pulldown-cmark's rules for a metadata block). The range ends before the
/// closing line's line ending.
pub fn front_matter(text: &str) -> Option<Range<usize>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end_matches(['\n', '\r']).trim_end_matches([' ', '\t']) != "---" {
        return None;
    }
    let mut pos = first.len();
    for (i, line) in lines.enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let closing = matches!(body.trim_end_matches(' '), "---" | "...");
        if i == 0 && (closing || body.trim().is_empty()) {
            return None;
        }
        if closing {
            return Some(0..pos + body.len());
        }
        pos += line.len();
    }
    None
}

fn level_num(l: HeadingLevel) -> u8 {
    l as u8
}

impl<'a> Doc<'a> {
    pub fn parse(text: &'a str) -> Doc<'a> {
        let lines = LineIndex::new(text);
        // Room for what a typical spec holds per line, so the lists rarely grow while parsing
        // (they still grow past it on documents denser than that).
        let n = lines.line_count();
        let mut doc = Doc {
            text,
            lines,
            headings: Vec::with_capacity(n / 8 + 1),
            code_blocks: Vec::new(),
            comments: Vec::new(),
            html: Vec::new(),
            inline_code: Vec::with_capacity(n / 4 + 1),
            links: Vec::with_capacity(n / 8 + 1),
            tasks: Vec::new(),
            rows: Vec::new(),
            blockquotes: Vec::new(),
            front_matter: None,
        };
        let mut raw_html: Vec<Range<usize>> = Vec::new();
        let mut item_stack: Vec<usize> = Vec::new();
        let mut row: Option<TableRow> = None;
        let mut in_head = false;
        // Front matter is blanked out (same byte length, line endings kept) so the parser sees
        // blank lines there and every range stays an offset into `text`.
        doc.front_matter = front_matter(text);
        let blanked: String;
        let source = match &doc.front_matter {
            Some(fm) => {
                let mut bytes = text.as_bytes().to_vec();
                bytes[..fm.end].iter_mut().filter(|b| !matches!(b, b'\n' | b'\r')).for_each(|b| *b = b' ');
                blanked = String::from_utf8(bytes).expect("whole characters replaced by spaces");
                blanked.as_str()
            }
            None => text,
        };
        let parser = Parser::new_ext(source, options()).into_offset_iter();
        let mut refdefs: Vec<Range<usize>> = Vec::new();
        let mut parser = parser;
        // Reference definitions are known after the first block pass; collect them up front.
        for (_, def) in parser.reference_definitions().iter() {
            refdefs.push(def.span.clone());
        }
        for (event, range) in parser.by_ref() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let (text_range, htext) = heading_text(text, range.clone());
                    doc.headings.push(Heading { level: level_num(level), range: trim_nl(text, range), text: htext, text_range });
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let (content, unclosed_fence) = code_content(text, &range, matches!(kind, CodeBlockKind::Fenced(_)));
                    doc.code_blocks.push(CodeBlock { range: trim_nl(text, range), content, unclosed_fence });
                }
                Event::Start(Tag::HtmlBlock) => raw_html.push(range),
                Event::Html(_) | Event::InlineHtml(_) => raw_html.push(range),
                Event::Code(_) => doc.inline_code.push(range),
                Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => doc.links.push(range),
                Event::FootnoteReference(_) => doc.links.push(range),
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let end = (range.start + label.len() + 4).min(range.end);
                    let end = floor_char(text, end);
                    doc.links.push(range.start..end);
                }
                Event::Start(Tag::Item) => item_stack.push(range.start),
                Event::End(TagEnd::Item) => {
                    item_stack.pop();
                }
                Event::TaskListMarker(checked) => {
                    let item_start = item_stack.last().copied().unwrap_or(range.start);
                    let line_end = memchr::memchr(b'\n', &text.as_bytes()[range.start..]).map_or(text.len(), |i| range.start + i);
                    let line_end = trim_cr(text, range.start, line_end);
                    // The item's full range is known at its end; record the first line now.
                    doc.tasks.push(TaskItem { item: item_start..line_end, line: range.start..line_end, checked });
                }
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    row = Some(TableRow { range: trim_nl(text, range), header: true, cells: Vec::new() });
                }
                Event::Start(Tag::TableRow) => {
                    row = Some(TableRow { range: trim_nl(text, range), header: in_head, cells: Vec::new() });
                }
                Event::Start(Tag::TableCell) => {
                    if let Some(r) = row.as_mut() {
                        r.cells.push(range);
                    }
                }
                Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                    in_head = false;
                    if let Some(r) = row.take() {
                        doc.rows.push(r);
                    }
                }
                Event::Start(Tag::BlockQuote(_)) => doc.blockquotes.push(range),
                _ => {}
            }
        }
        doc.links.extend(refdefs);
        sort_ranges(&mut doc.links);
        split_comments(text, raw_html, &mut doc.comments, &mut doc.html);
        doc
    }

    /// Text of a byte range.
    pub fn slice(&self, r: &Range<usize>) -> &'a str {
        &self.text[r.clone()]
    }

    /// Index of the first heading starting at or after `offset`.
    pub fn heading_at_or_after(&self, offset: usize) -> usize {
        self.headings.partition_point(|h| h.range.start < offset)
    }
}

/// Sorts ranges by start (then end). Every range sort in the crate goes through here (one copy
/// of [`crate::sort`] for ranges in the WebAssembly build).
pub fn sort_ranges(ranges: &mut [Range<usize>]) {
    crate::sort::sort_by(ranges, |a, b| (a.start, a.end) < (b.start, b.end));
}

/// Whether `pos` lies inside any of `ranges` (sorted by start, possibly nested or overlapping).
pub fn in_ranges(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= pos);
    // Ranges can nest (links in links are rare, code in emphasis etc.); scan back a little:
    // the last 8 starting at or before `pos`.
    ranges[i.saturating_sub(8)..i].iter().any(|r| pos < r.end)
}

/// [`in_ranges`] for positions asked in increasing order (a pass over the lines): the cursor
/// walks forward instead of searching, so a query costs O(1) amortized. A position before the
/// previous one is answered too, by a binary search.
pub struct RangeCursor<'r> {
    ranges: &'r [Range<usize>],
    /// Number of ranges starting at or before `last`.
    next: usize,
    last: usize,
}

impl<'r> RangeCursor<'r> {
    pub fn new(ranges: &'r [Range<usize>]) -> Self {
        RangeCursor { ranges, next: 0, last: 0 }
    }

    /// Same answer as `in_ranges(ranges, pos)`.
    pub fn contains(&mut self, pos: usize) -> bool {
        if pos < self.last {
            self.next = self.ranges.partition_point(|r| r.start <= pos);
        } else {
            while self.ranges.get(self.next).is_some_and(|r| r.start <= pos) {
                self.next += 1;
            }
        }
        self.last = pos;
        self.ranges[self.next.saturating_sub(8)..self.next].iter().any(|r| pos < r.end)
    }
}

/// The range in `ranges` containing `pos`, if any.
pub fn range_at(ranges: &[Range<usize>], pos: usize) -> Option<Range<usize>> {
    let i = ranges.partition_point(|r| r.start <= pos);
    ranges[..i].iter().rev().take(8).find(|r| pos < r.end).cloned()
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn trim_cr(text: &str, start: usize, mut end: usize) -> usize {
    if end > start && text.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
    end
}

fn trim_nl(text: &str, r: Range<usize>) -> Range<usize> {
    let mut end = r.end;
    while end > r.start && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    r.start..end
}

/// The heading's text as written: ATX markers and closing hashes or the setext underline removed.
fn heading_text(text: &str, r: Range<usize>) -> (Range<usize>, String) {
    let r = trim_nl(text, r);
    let raw = &text[r.clone()];
    let trimmed_start = raw.len() - raw.trim_start().len();
    let body = raw.trim_start();
    if body.starts_with('#') {
        let hashes = body.len() - body.trim_start_matches('#').len();
        let mut s = r.start + trimmed_start + hashes;
        let mut e = r.end;
        // Closing sequence: spaces + hashes at the end.
        let inner = &text[s..e];
        let t = inner.trim_end();
        let no_hash = t.trim_end_matches('#');
        if no_hash.len() < t.len() && (no_hash.is_empty() || no_hash.ends_with([' ', '\t'])) {
            e = s + no_hash.len();
        } else {
            e = s + t.len();
        }
        let inner = &text[s..e];
        s += inner.len() - inner.trim_start().len();
        let e2 = s + text[s..e].trim_end().len();
        (s..e2, text[s..e2].to_string())
    } else {
        // Setext: everything but the last line (the underline).
        let last_nl = raw.rfind('\n').unwrap_or(raw.len());
        let content = &raw[..last_nl];
        let s = r.start + (content.len() - content.trim_start().len());
        let e = r.start + content.trim_end().len();
        let e = e.max(s);
        let joined = text[s..e].lines().map(str::trim).collect::<Vec<_>>().join(" ");
        (s..e, joined)
    }
}

/// Content range of a code block (between the fences for fenced blocks), and the opening fence
/// when no closing fence ends the block.
fn code_content(text: &str, r: &Range<usize>, fenced: bool) -> (Range<usize>, Option<String>) {
    if !fenced {
        return (r.clone(), None);
    }
    let block = &text[r.clone()];
    let marker: String = block.trim_start().chars().take_while(|&c| c == '`' || c == '~').collect();
    let start = block.find('\n').map_or(r.end, |i| r.start + i + 1);
    let body = &text[start.min(r.end)..r.end];
    let trimmed = body.trim_end_matches(['\n', '\r']);
    let last_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
    let last = trimmed[last_start..].trim();
    let fence_char = marker.chars().next().unwrap_or('`');
    let closed = last.len() >= marker.len() && last.chars().all(|c| c == fence_char) && start < r.end;
    let end = if closed { start + last_start } else { start + trimmed.len() };
    let content = start.min(r.end)..end.max(start.min(r.end));
    (content, (!closed).then_some(marker))
}

/// Splits raw HTML ranges into comments and other HTML.
fn split_comments(text: &str, mut raw: Vec<Range<usize>>, comments: &mut Vec<Range<usize>>, html: &mut Vec<Range<usize>>) {
    sort_ranges(&mut raw);
    // Merge overlapping/adjacent ranges (block start tags repeat their lines as Html events).
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in raw {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    for r in merged {
        let mut pos = r.start;
        let mut plain_start = r.start;
        while let Some(i) = text[pos..r.end].find("<!--") {
            let s = pos + i;
            let e = match text[s + 4..].find("-->") {
                // An inline comment can end past this event's range only inside its block.
                Some(j) => (s + 4 + j + 3).max(s + 4),
                // Unclosed: to the end of its block, without the block's line ending.
                None => trim_nl(text, s..r.end).end,
            };
            if s > plain_start {
                html.push(plain_start..s);
            }
            comments.push(s..e);
            pos = e.min(text.len());
            plain_start = pos;
            if pos >= r.end {
                break;
            }
        }
        if plain_start < r.end {
            html.push(plain_start..r.end);
        }
    }
    comments.dedup_by(|b, a| b.start < a.end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_atx_setext_and_not_in_code_or_comments() {
        let t = "# Title #\n\nSub\n---\n\n```\n# not a heading\n```\n<!--\n## also not\n-->\n## Real [x]\n";
        let d = Doc::parse(t);
        let hs: Vec<(&str, u8)> = d.headings.iter().map(|h| (h.text.as_str(), h.level)).collect();
        assert_eq!(hs, vec![("Title", 1), ("Sub", 2), ("Real [x]", 2)]);
        assert_eq!(d.comments.len(), 1);
        assert_eq!(&t[d.comments[0].clone()], "<!--\n## also not\n-->");
        assert_eq!(d.code_blocks.len(), 1);
        assert_eq!(&t[d.code_blocks[0].content.clone()], "# not a heading\n");
    }

    #[test]
    fn unclosed_fence_swallows_the_rest() {
        let d = Doc::parse("# A\n```\n## B\n");
        assert_eq!(d.headings.len(), 1);
    }

    #[test]
    fn unclosed_comment_ends_before_the_line_ending() {
        for t in ["# A\n\n<!--\nnote\n", "# A\r\n\r\n<!--\r\nnote\r\n"] {
            let d = Doc::parse(t);
            assert_eq!(d.comments.len(), 1);
            assert!(t[d.comments[0].clone()].starts_with("<!--") && t[d.comments[0].clone()].ends_with("note"), "{t:?}");
        }
    }

    #[test]
    fn front_matter_only_at_the_start() {
        let t = "---\ntitle: x\nowner: [Name]\n---\n# Spec\n";
        let d = Doc::parse(t);
        assert_eq!(d.front_matter, Some(0..30));
        assert_eq!(d.headings.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(), vec!["Spec"]);
        // Breaks between sections are not metadata, even with text right after the `---`.
        let t = "# A\n\ntext\n\n---\n## B\nbody\n\n---\n## C\n";
        let d = Doc::parse(t);
        assert_eq!(d.front_matter, None);
        assert_eq!(d.headings.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(), vec!["A", "B", "C"]);
        // A leading break followed by a blank line, or never closed, is not front matter.
        assert_eq!(Doc::parse("---\n\n# A\n---\n").front_matter, None);
        assert_eq!(Doc::parse("---\n# A\n").headings.len(), 1);
        assert_eq!(Doc::parse("---\r\ntitle: é\r\n...\r\n# A\r\n").front_matter, Some(0..19));
    }

    #[test]
    fn links_refdefs_footnotes_tasks_tables() {
        let t = "See [a](http://x) and [b][r] and [^1].\n\n[r]: http://y\n[^1]: note\n\n- [ ] open\n- [x] done\n\n| A | B |\n|---|---|\n| x | |\n";
        let d = Doc::parse(t);
        let linked: Vec<&str> = d.links.iter().map(|r| &t[r.clone()]).collect();
        assert!(linked.contains(&"[a](http://x)"));
        assert!(linked.contains(&"[b][r]"));
        assert!(linked.contains(&"[^1]"));
        assert!(linked.iter().any(|l| l.starts_with("[r]: http://y")));
        assert!(linked.iter().any(|l| l.starts_with("[^1]:")));
        assert_eq!(d.tasks.len(), 2);
        assert!(!d.tasks[0].checked && d.tasks[1].checked);
        assert_eq!(d.rows.len(), 2);
        assert!(d.rows[0].header && !d.rows[1].header);
        assert_eq!(d.rows[1].cells.len(), 2);
    }
}
