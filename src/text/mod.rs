//! Text normalization shared by template compilation and checking: word tokens and line keys
//! here; `line_hash.rs` hashes normalized lines for the template-line look-ups, and
//! `heading_key.rs` makes heading keys (numbering, markup, case, punctuation and emoji removed)
//! and the similarity measures that match headings and lines.
//!
//! Tokens are runs of letters/digits, except that each CJK character is a token of its own, so
//! Chinese and Japanese headings compare by character.

mod heading_key;
mod line_core;
mod line_hash;
mod similarity;

pub use heading_key::*;
pub use line_core::*;
pub use line_hash::*;
pub use similarity::*;

/// True for characters of scripts written without spaces (CJK ideographs, kana, Hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF
        | 0x20000..=0x2FA1F)
}

/// Letters and digits (`char::is_alphanumeric`). The characters specs are full of (ASCII,
/// Latin and Cyrillic letters, punctuation, arrows, box drawing, shapes, emoji) are answered
/// from their block without the Unicode tables, which cost ~200 instructions a character; a
/// test checks the shortcut against `is_alphanumeric` for every character.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2C1 | 0x3A3..=0x3F5 | 0x3F7..=0x481 | 0x48A..=0x52F => true,
        0x2000..=0x206F
        | 0x218A..=0x245F
        | 0x2500..=0x2775
        | 0x2794..=0x27FF
        | 0x3000..=0x3004
        | 0x3008..=0x3020
        | 0xFF00..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0x1F18A..=0x1FAFF => false,
        _ => c.is_alphanumeric(),
    }
}

/// Lowercased word tokens of `s`, CJK characters one per token.
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(s.chars(), |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each lowercased word token of `chars` (as [`tokens`] splits them), built in
/// one reused buffer: no allocation per token.
fn each_token(chars: impl Iterator<Item = char>, mut f: impl FnMut(&str)) {
    let mut cur = String::with_capacity(32);
    let mut flush = |cur: &mut String| {
        if !cur.is_empty() {
            f(cur);
            cur.clear();
        }
    };
    for c in chars {
        if c.is_ascii() {
            // ASCII fast path: no CJK or Unicode tables.
            if c.is_ascii_alphanumeric() {
                cur.push(c.to_ascii_lowercase());
            } else {
                flush(&mut cur);
            }
        } else if is_cjk(c) {
            flush(&mut cur);
            cur.push(c);
            flush(&mut cur);
        } else if is_word_char(c) {
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur);
        }
    }
    flush(&mut cur);
}

/// Tokens joined by single spaces: the key used to compare lines of text for equality while
/// ignoring markup, punctuation, case and spacing.
pub fn norm_line(s: &str) -> String {
    tokens(s).join(" ")
}

/// True if `s` has at least one letter or digit.
pub fn has_word(s: &str) -> bool {
    s.chars().any(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        HeadingKey::new(s).key
    }

    #[test]
    fn numbering_markup_and_case_are_ignored() {
        for h in [
            "1. Overview",
            "1.2.3 Overview",
            "IV. Overview",
            "A) Overview",
            "Section 3: Overview",
            "**Overview**:",
            "`Overview`",
            "overview",
            "2) OVERVIEW",
        ] {
            assert_eq!(key(h), "overview", "{h}");
        }
        assert_eq!(key("User Scenarios & Testing *(mandatory)*"), key("User Scenarios and Testing"));
        assert_eq!(key("⚡ Quick Guidelines"), "quick guidelines");
        assert_eq!(key("2026 Roadmap"), "2026 roadmap");
    }

    #[test]
    fn stripping_numbering_twice_changes_nothing() {
        // Keys rely on it: only removed markup can uncover more numbering.
        for h in [
            "1. Overview",
            "1.2.3 2) Overview",
            "Section 3:\tChapter 2 - IV. A) Goals",
            "§ 4 § 5. x",
            "Part IV.\t1) Scope",
            "12",
            "1.",
            "  A) ",
            "Step 1 —  2. 中文",
            "X) Y) Z",
        ] {
            let once = strip_numbering(h);
            assert_eq!(strip_numbering(once), once, "{h:?}");
        }
        let pieces = ["1", "2.", "IV", "A", ")", ":", "-", "—", " ", "\t", "§", "Section ", "part", "x", "中", ".", "*"];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut h = String::new();
            for _ in 0..8 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                h.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let once = strip_numbering(&h);
            assert_eq!(strip_numbering(once), once, "{h:?}");
        }
    }

    #[test]
    fn renamed_headings_are_similar_unrelated_are_not() {
        let sim = |a: &str, b: &str| heading_similarity(&HeadingKey::new(a), &HeadingKey::new(b));
        assert!(sim("Webhook/Event Contracts", "Events & Webhooks") >= 0.6);
        assert!(sim("Architecture Overview", "Architecture") >= 0.6);
        assert!(sim("Data Models", "Data Model") >= 0.99);
        assert!(sim("Security Specification", "Testing Strategy") < 0.3);
        assert!(sim("Overview", "Deployment") < 0.3);
    }

    #[test]
    fn streaming_hash_equals_hash_of_normalized_line() {
        for s in ["", "  - **Method**: [Auth] JWT", "Ünïcode ÀB 中文テキスト x1", "a\tb--c__d", "👩‍👩‍👧 emoji ok", "İstanbul ß"]
        {
            assert_eq!(norm_hash(&[s]), hash_norm(&norm_line(s)), "{s:?}");
        }
        assert_eq!(norm_hash(&["ab", "cd"]), hash_norm("ab cd"));
    }

    #[test]
    fn keyed_hash_is_exact_for_listed_lines_and_unlisted_otherwise() {
        let lines = ["", "  - **Method**: [Auth] JWT", "one", "one two", "one two three", "中文テキスト x1", "İstanbul ß x", "a\tb--c__d"];
        let listed = ["one two three", "中文テキスト x1"];
        let norms: Vec<String> = listed.iter().map(|s| norm_line(s)).collect();
        let keys = LineKeys::of_lines(norms.iter().map(String::as_str));
        let prefixes: Vec<u64> = norms.iter().map(|n| hash_norm_prefix(n)).collect();
        for s in lines {
            let norm = norm_line(s);
            let expect = if norm.is_empty() {
                0
            } else if prefixes.contains(&hash_norm_prefix(&norm)) {
                hash_norm(&norm)
            } else {
                UNLISTED
            };
            assert_eq!(norm_hash_keyed(&[s], Some(&keys)), expect, "{s:?}");
            assert_eq!(hash_norm_keyed(&norm, Some(&keys)), expect, "{s:?}");
            assert_eq!(norm_hash_keyed(&[s], None), hash_norm(&norm), "{s:?}");
        }
        // "one two" shares its key with "one two three": a candidate, hashed in full.
        assert_eq!(norm_hash_keyed(&["One, two!"], Some(&keys)), hash_norm("one two"));
        assert_eq!(norm_hash_keyed(&["one"], Some(&keys)), UNLISTED);
    }

    #[test]
    fn keyed_hash_rules_out_lines_by_their_first_word_as_by_their_first_two() {
        let listed = ["the system must", "users can log in", "fr 001", "中文 テキスト", "one"];
        let keys = LineKeys::of_lines(listed);
        assert_eq!(keys.len(), 5);
        let prefixes: Vec<u64> = listed.iter().map(|n| hash_norm_prefix(n)).collect();
        let pieces = ["the", "system", "users", "can", "fr", "001", "中", "文", "テ", "one", "x", " ", "- ", "**", "é", "Ü"];
        for s in crate::test_input::piece_strings(&pieces, 8, 9, 50_000, 0x1f83_d9ab_fb41_bd6b) {
            let norm = norm_line(&s);
            let expect = if norm.is_empty() {
                0
            } else if prefixes.contains(&hash_norm_prefix(&norm)) {
                hash_norm(&norm)
            } else {
                UNLISTED
            };
            assert_eq!(norm_hash_keyed(&[&s], Some(&keys)), expect, "{s:?}");
        }
    }

    #[test]
    fn word_char_shortcuts_agree_with_unicode() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{:#X}", c as u32);
        }
    }

    #[test]
    fn cjk_tokens_are_per_character() {
        assert_eq!(tokens("主要エンティティ abc"), vec!["主", "要", "エ", "ン", "テ", "ィ", "テ", "ィ", "abc"]);
    }

    /// The heading key as first written: tokens collected, then joined and stemmed.
    fn reference_key(heading: &str) -> (String, Vec<String>, Vec<String>) {
        fn stems(toks: &[String]) -> Vec<String> {
            toks.iter()
                .filter(|t| !["and", "the", "of", "a", "an", "for", "to", "in", "on", "with", "or"].contains(&t.as_str()))
                .map(|t| {
                    let mut s = String::new();
                    push_stem(&mut s, t);
                    s.trim_end_matches(' ').to_string()
                })
                .collect()
        }
        let unnumbered = strip_numbering(heading.trim());
        let unnumbered = strip_numbering(unnumbered.trim_start_matches(['*', '_', '`']));
        let full = tokens(unnumbered);
        let outside = if unnumbered.contains(['(', '（']) { tokens(&strip_parentheticals(unnumbered)) } else { Vec::new() };
        let core = if outside.is_empty() { &full } else { &outside };
        let key = core.iter().filter(|t| *t != "and").cloned().collect::<Vec<_>>().join(" ");
        (key, stems(core), stems(&full))
    }

    #[test]
    fn heading_keys_agree_with_the_reference() {
        let pieces = [
            "1.",
            " ",
            "2)",
            "IV.",
            "A)",
            "Section 3:",
            "§",
            "**",
            "`",
            "_",
            "(",
            ")",
            "（",
            "）",
            "and",
            "And",
            "the",
            "of",
            "Data",
            "models",
            "Webhooks",
            "policies",
            "ss",
            "us",
            "is",
            "Ünïcode",
            "İ",
            "ß",
            "中文",
            "テ",
            "x1",
            "-",
            ":",
            "\t",
            "⚡",
            "a",
            "with",
            "or",
            "*(mandatory)*",
            "S",
            "c",
            "P",
            "I",
            "V",
            "X",
            "L",
            ".",
        ];
        let mut shared = HeadingKeys::default();
        let mut all = Vec::new();
        for h in crate::test_input::piece_strings(&pieces, 10, 7, 60_000, 0x1234_5678_9abc_def1) {
            let (key, core, full) = reference_key(&h);
            let k = HeadingKey::new(&h);
            let v = k.view();
            assert_eq!(k.key, key, "{h:?}");
            assert_eq!(v.tokens().collect::<Vec<_>>(), core, "{h:?}");
            assert_eq!(v.full_tokens().collect::<Vec<_>>(), full, "{h:?}");
            assert_eq!((k.token_count(), k.full_token_count()), (core.len(), full.len()), "{h:?}");
            let pos = build_key(&h, &mut shared.keys, &mut shared.words, &mut shared.scratch);
            shared.pos.push(pos);
            all.push(k);
        }
        for (i, k) in all.iter().enumerate() {
            let (a, b) = (shared.get(i), k.view());
            assert_eq!((a.key, a.core, a.full, a.core_count, a.full_count), (b.key, b.core, b.full, b.core_count, b.full_count));
        }
    }

    #[test]
    fn precomputed_similarity_agrees_with_the_plain_one() {
        let pieces = [
            " ",
            "data",
            "model",
            "models",
            "api",
            "Architecture",
            "Overview",
            "(",
            ")",
            "and",
            "the",
            "events",
            "webhook",
            "archtecture",
            "ovreview",
            "x",
            "1",
            "中",
            "é",
            "-",
            "Testing",
            "strategy",
        ];
        let keys: Vec<HeadingKey> =
            crate::test_input::piece_strings(&pieces, 6, 5, 600, 0x0bad_cafe_f00d_1234).map(|h| HeadingKey::new(&h)).collect();
        let facts = |k: &HeadingKey| {
            let (mut t, mut b) = (Vec::new(), Vec::new());
            push_sorted_tokens(k.view(), &mut t);
            push_sorted_bigrams(&k.key, &mut b);
            (t.into_iter().map(str::to_string).collect::<Vec<_>>(), b)
        };
        let all: Vec<_> = keys.iter().map(facts).collect();
        for (a, (at, ab)) in keys.iter().zip(&all) {
            for (b, (bt, bb)) in keys.iter().zip(&all) {
                let (score, typo) = token_similarity(a.view(), at, b.view(), bt);
                let fast = if typo { score.max(bigram_similarity(ab, bb) - 0.1) } else { score };
                let plain = heading_similarity(a, b);
                assert_eq!(fast.to_bits(), plain.to_bits(), "{:?} / {:?}", a.key, b.key);
            }
        }
    }

    #[test]
    fn bigram_fast_path_agrees_with_chars() {
        for s in ["", "a", "ab c", "a\tb\x0bc\x0cd\re\nf", "data model", "x  y", "\u{85}ab", "é a"] {
            let (mut fast, mut plain) = (Vec::new(), Vec::new());
            push_bigrams(s, &mut fast);
            let mut prev: Option<char> = None;
            for c in s.chars().filter(|c| !c.is_whitespace()) {
                if let Some(p) = prev {
                    plain.push((p as u64) << 32 | c as u64);
                }
                prev = Some(c);
            }
            assert_eq!(fast, plain, "{s:?}");
        }
    }
}
