//! Position tests: documents with emoji (😀, the ZWJ family 👩‍👩‍👧, flags 🇯🇵), CJK, combining
//! marks, CRLF line endings and tabs. For every finding, fix and section range, the UTF-16
//! range sliced out of the text's UTF-16 encoding must equal the byte range decoded, and
//! line/column must agree with a from-scratch computation (see `common::span_problems`).
//! Placeholders after emoji must be pointed at exactly.

mod common;

use common::{assert_report_sound, check_with};
use speclint::{builtin_template, compile_template, Report, Template};

const TEMPLATE: &str = "# Spec: [Name]

**Owner**: [Name]
**Status**: [Draft | Review]

## Summary
> What does this component do, and for whom?

## Stack
| Layer | Choice |
|---|---|
| Database | |

## Notes
<!-- Write anything the reader should know before changing the component. -->
";

fn template() -> Template {
    compile_template(TEMPLATE).unwrap()
}

/// Checks and asserts every span of the report against the text.
fn checked(doc: &str, t: &Template) -> Report {
    let r = check_with(doc, t);
    assert_report_sound(doc, &r);
    r
}

/// (rule, text) of each finding.
fn texts<'a>(doc: &'a str, r: &Report) -> Vec<(&'static str, &'a str)> {
    r.findings.iter().map(|f| (f.rule, &doc[f.range.start_byte..f.range.end_byte])).collect()
}

/// The finding of `rule` whose text is `text` on 1-based `line`.
fn find<'r>(doc: &str, r: &'r Report, rule: &str, text: &str, line: usize) -> &'r speclint::Finding {
    r.findings
        .iter()
        .find(|f| f.rule == rule && f.range.line == line && &doc[f.range.start_byte..f.range.end_byte] == text)
        .unwrap_or_else(|| panic!("no {rule} {text:?} on line {line}: {:#?}", texts(doc, r)))
}

const EMOJI_DOC: &str = "# Spec: 😀[Name]

**Owner**: 👩‍👩‍👧 [Name] 🇯🇵 TODO
**Status**: José 🇯🇵[Draft | Review]

## Summary
😀 > not a prompt, the author's own line.
> What does this component do, and for whom?

## Stack
| Layer | Choice |
|---|---|
| 😀 Database | |
| Cache 🇯🇵 | Redis 👩‍👩‍👧 |

## Notes
<!-- Write anything the reader should know before changing the component. -->
👩‍👩‍👧 Ends without a newline: ???";

#[test]
fn placeholders_after_emoji_are_pointed_at_exactly() {
    let doc = EMOJI_DOC;
    let r = checked(doc, &template());

    // "# Spec: " is 8 UTF-16 units, 😀 is 2 (4 bytes).
    let f = find(doc, &r, "unfilled-placeholder", "[Name]", 1);
    assert_eq!((f.range.start, f.range.end, f.range.column, f.range.end_column), (10, 16, 11, 17));
    assert_eq!((f.range.start_byte, f.range.end_byte), (12, 18));

    // "**Owner**: " is 11 units; 👩‍👩‍👧 is 8 units (18 bytes: three 4-byte emoji, two 3-byte ZWJ).
    let f = find(doc, &r, "unfilled-placeholder", "[Name]", 3);
    let line3 = doc.find("**Owner**").unwrap();
    assert_eq!(f.range.start_byte - line3, 11 + 18 + 1);
    assert_eq!((f.range.column, f.range.end_column), (21, 27));

    // "TODO" after a flag (🇯🇵 is two regional indicators: 4 UTF-16 units, 8 bytes).
    let f = find(doc, &r, "todo-marker", "TODO", 3);
    assert_eq!(f.range.column, 21 + 6 + 1 + 4 + 1);

    // "**Status**: José " is 17 units; the flag adds 4.
    let f = find(doc, &r, "unresolved-choice", "[Draft | Review]", 4);
    assert_eq!((f.range.column, f.range.end_column), (22, 38));

    find(doc, &r, "template-text", "> What does this component do, and for whom?", 8);
    find(doc, &r, "empty-table-cell", "| 😀 Database | |", 13);
    let f = find(doc, &r, "todo-marker", "???", 18);
    // 👩‍👩‍👧 (8) + " Ends without a newline: " (25).
    assert_eq!((f.range.column, f.range.end_column), (34, 37));
    assert!(f.range.end_byte == doc.len());
    assert!(r.findings.iter().any(|f| f.rule == "guidance-comment" && f.range.line == 17));
    // The author's line starting with an emoji is content, not the template's prompt.
    assert!(r.findings.iter().all(|f| f.range.line != 7), "{:#?}", texts(doc, &r));
}

#[test]
fn cjk_and_combining_marks() {
    // 山田 is 2 units / 6 bytes; "é" written as e + U+0301 is 2 units / 3 bytes.
    let doc = "# Spec: 決済サービス\n\n**Owner**: 山田 Jose\u{301} [Name]\n**Status**: Revie\u{301}w [Draft | Review]\n\n## Summary\n課金の仕組みを説明する。\n> What does this component do, and for whom?\n\n## Stack\n| Layer | Choice |\n|---|---|\n| データベース | |\n\n## Notes\n注意: TBD\n";
    let r = checked(doc, &template());
    let f = find(doc, &r, "unfilled-placeholder", "[Name]", 3);
    // "**Owner**: " (11) + 山田 (2) + " " (1) + "Jose\u{301}" (5) + " " (1).
    assert_eq!(f.range.column, 21);
    let f = find(doc, &r, "unresolved-choice", "[Draft | Review]", 4);
    // "**Status**: " (12) + "Revie\u{301}w" (7) + " " (1).
    assert_eq!(f.range.column, 21);
    find(doc, &r, "empty-table-cell", "| データベース | |", 13);
    let f = find(doc, &r, "todo-marker", "TBD", 16);
    // 注意 (2) + ": " (2).
    assert_eq!(f.range.column, 5);
    assert_eq!(r.sections[0].heading.as_deref(), Some("Spec: 決済サービス"));
}

/// CJK text has no spaces between words: a marker right after CJK punctuation or an
/// ideograph is still a marker.
#[test]
fn markers_right_after_cjk() {
    let doc = "# Spec: 決済\n\n## Notes\n注意：TBD\n担当TODO\n";
    let r = checked(doc, &template());
    let f = find(doc, &r, "todo-marker", "TBD", 4);
    // 注意 (2) + full-width colon (1).
    assert_eq!(f.range.column, 4);
    let f = find(doc, &r, "todo-marker", "TODO", 5);
    assert_eq!(f.range.column, 3);
}

#[test]
fn tabs_count_as_one_column() {
    let doc = "# Spec:\tBilling\n\n**Owner**:\t[Name]\n**Status**:\tReview\t\tTODO\n\n## Summary\n\tIndented\tprose.\n\n## Stack\n|\tLayer\t|\tChoice\t|\n|---|---|\n|\tDatabase\t|\t|\n\n## Notes\nNone.\n";
    let r = checked(doc, &template());
    let f = find(doc, &r, "unfilled-placeholder", "[Name]", 3);
    assert_eq!(f.range.column, 12);
    let f = find(doc, &r, "todo-marker", "TODO", 4);
    assert_eq!(f.range.column, 21);
    find(doc, &r, "empty-table-cell", "|\tDatabase\t|\t|", 12);
}

/// The same document with LF and with CRLF line endings gets the same findings at the same
/// lines and columns, and no single-line finding includes the `\r`.
fn assert_crlf_like_lf(lf: &str, t: &Template) {
    assert!(!lf.contains('\r'));
    let crlf = lf.replace('\n', "\r\n");
    let a = checked(lf, t);
    let b = checked(&crlf, t);
    let key = |r: &Report| -> Vec<(&'static str, usize, usize, String)> {
        r.findings.iter().map(|f| (f.rule, f.range.line, f.range.column, f.message.clone())).collect()
    };
    assert_eq!(key(&a), key(&b), "CRLF changes the findings");
    assert_eq!(a.score, b.score);
    for f in &b.findings {
        let s = &crlf[f.range.start_byte..f.range.end_byte];
        if f.range.line == f.range.end_line {
            assert!(!s.contains('\r'), "{} includes the CR of its line end: {s:?}", f.rule);
        }
        if let Some(fix) = &f.fix {
            // A deletion takes whole lines (CR and LF) or nothing of the line end.
            let del = &crlf[fix.range.start_byte..fix.range.end_byte];
            assert!(!del.ends_with('\r'), "{} fix splits a CRLF: {del:?}", f.rule);
        }
    }
    let statuses = |r: &Report| r.sections.iter().map(|s| s.status).collect::<Vec<_>>();
    assert_eq!(statuses(&a), statuses(&b));
}

#[test]
fn crlf_line_endings_custom_template() {
    let lf = EMOJI_DOC;
    assert_crlf_like_lf(lf, &template());
    // Missing sections: the insertion point and skeleton work with CRLF too.
    assert_crlf_like_lf("# Spec: Billing\n\n**Owner**: Ana\n\n## Notes\nTBD\n", &template());
}

#[test]
fn crlf_line_endings_builtin_templates() {
    for id in ["spec-md", "tech-spec"] {
        let src = builtin_template(id).unwrap().source.clone();
        assert_crlf_like_lf(&src, builtin_template(id).unwrap());
    }
}

/// Decorates every `[` of a built-in template with emoji, a flag and CJK in front: each
/// placeholder is still found, and found exactly (its text is the same bracket token).
#[test]
fn builtin_templates_with_emoji_before_every_placeholder() {
    for id in ["spec-md", "tech-spec"] {
        let t = builtin_template(id).unwrap();
        let plain = t.source.clone();
        let decorated = plain.replace(" [", " 👩‍👩‍👧🇯🇵中 [").replace("\n[", "\n😀 [");
        let a = checked(&plain, t);
        let b = checked(&decorated, t);
        let tokens = |doc: &str, r: &Report| -> Vec<String> {
            r.findings
                .iter()
                .filter(|f| matches!(f.rule, "unfilled-placeholder" | "unresolved-choice"))
                .map(|f| doc[f.range.start_byte..f.range.end_byte].to_string())
                .collect()
        };
        let (ta, tb) = (tokens(&plain, &a), tokens(&decorated, &b));
        assert!(!ta.is_empty() || id == "spec-md");
        assert_eq!(ta, tb, "{id}: decorated placeholders differ");
        for f in b.findings.iter().filter(|f| f.rule == "unfilled-placeholder") {
            let s = &decorated[f.range.start_byte..f.range.end_byte];
            assert!(s.starts_with('[') && s.ends_with(']') || s.ends_with(':'), "{id}: {s:?}");
            let line_start = decorated[..f.range.start_byte].rfind('\n').map_or(0, |i| i + 1);
            let before = &decorated[line_start..f.range.start_byte];
            assert_eq!(f.range.column, before.encode_utf16().count() + 1);
        }
    }
}

#[test]
fn missing_section_insertion_points_after_multibyte_text() {
    let t = template();
    // No trailing newline, last line ends in an emoji: Stack and Notes are missing at the end.
    let doc = "# Spec: Billing 😀\n\n**Owner**: Ana\n**Status**: Review\n\n## Summary\nCharges cards 👩‍👩‍👧";
    let r = checked(doc, &t);
    let missing: Vec<_> = r.findings.iter().filter(|f| f.rule == "missing-section").collect();
    assert_eq!(missing.len(), 2, "{:#?}", texts(doc, &r));
    for f in missing {
        assert_eq!(f.range.start_byte, doc.len());
        assert_eq!(f.range.start, doc.encode_utf16().count());
        assert_eq!((f.range.line, f.range.column), (7, "Charges cards 👩‍👩‍👧".encode_utf16().count() + 1));
    }
}
