//! The template's side of alignment, built once when a template is compiled: which sections
//! each exact key names, which words propose candidates, and each key's sorted tokens and
//! bigrams for fuzzy comparison.

use crate::hash::Map;
use crate::template::TemplateSection;
use crate::text::{push_sorted_bigrams, push_sorted_tokens};

/// What aligning needs of a template that depends on the template alone, computed when it is
/// compiled: which sections each exact key names, which template words propose candidates,
/// and each key's sorted tokens and bigrams for fuzzy comparison.
#[derive(Debug, Clone, Default)]
pub struct AlignIndex {
    /// How many sections the index describes.
    pub(super) sections: usize,
    /// Exact key → (section, which of its keys: 0 its own, 1… its aliases), in that order.
    pub(super) by_key: Map<String, Vec<(usize, usize)>>,
    /// Template word → its number.
    pub(super) words: Map<String, usize>,
    /// Per section: the numbers of the words whose headings are its candidates (a named
    /// section's key and alias tokens, a slot's literal words).
    pub(super) section_words: Vec<Vec<usize>>,
    /// Per section: its own key's and its aliases' distinct tokens and bigrams, sorted.
    pub(super) facts: Vec<Vec<KeyFacts>>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct KeyFacts {
    pub(super) tokens: Vec<String>,
    pub(super) bigrams: Vec<u64>,
}

impl AlignIndex {
    pub fn new(sections: &[TemplateSection]) -> Self {
        let nkeys: usize = sections.iter().map(|s| 1 + s.aliases.len()).sum();
        let mut ix = AlignIndex {
            sections: sections.len(),
            by_key: Map::with_capacity_and_hasher(nkeys, Default::default()),
            words: Map::with_capacity_and_hasher(2 * nkeys, Default::default()),
            section_words: Vec::with_capacity(sections.len()),
            facts: Vec::with_capacity(sections.len()),
        };
        let mut ids: Vec<usize> = Vec::new();
        let mut sorted: Vec<&str> = Vec::new();
        for (ti, s) in sections.iter().enumerate() {
            let keys = || std::iter::once(&s.key).chain(&s.aliases);
            for (k, key) in keys().enumerate() {
                ix.by_key.entry(key.key.clone()).or_default().push((ti, k));
            }
            ids.clear();
            let mut number = |w: &str| {
                let next = ix.words.len();
                match ix.words.get(w) {
                    Some(&id) => id,
                    None => {
                        ix.words.insert(w.to_string(), next);
                        next
                    }
                }
            };
            match &s.slot {
                Some(lit) => ids.extend(lit.iter().map(|w| number(w))),
                None => ids.extend(keys().flat_map(|k| k.tokens()).map(&mut number)),
            }
            crate::sort::sort(&mut ids);
            ids.dedup();
            ix.section_words.push(ids.clone());
            ix.facts.push(
                keys()
                    .map(|k| {
                        sorted.clear();
                        push_sorted_tokens(k.view(), &mut sorted);
                        let mut bigrams = Vec::with_capacity(k.key.len());
                        push_sorted_bigrams(&k.key, &mut bigrams);
                        KeyFacts { tokens: sorted.iter().map(|t| t.to_string()).collect(), bigrams }
                    })
                    .collect(),
            );
        }
        ix
    }
}
