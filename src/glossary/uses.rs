//! Where a cable uses its acronyms: every word of the paragraphs' clean text written as
//! an acronym ([`crate::parse::acronym_key`]), and the acronym under a cursor.
//!
//! Capitals are not always acronyms: old telegrams are written all in capitals, and
//! modern ones capitalise surnames (`MUGABE`) and phrases (`END SUMMARY`). So a word
//! counts as an acronym when something explains it (the cable defines it, or a shipped
//! vocabulary lists it), or when it looks like one on its own: in a paragraph that is not
//! shouting, short, without dots, not a word of [`vocab::NOT_ACRONYMS`] and poor in
//! vowels (`PGR`, `MDC`, but not `IRAN` or `NOTE`).

use std::ops::Range;

use crate::cable::Cable;
use crate::parse::acronym_key;
use crate::parse::vocab;

/// One use of an acronym in a paragraph's clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// The acronym, a plural `s` dropped.
    pub acronym: String,
    /// Index into [`Cable::paragraphs`].
    pub paragraph: usize,
    /// Byte range of the word in that paragraph's clean text.
    pub range: Range<usize>,
}

/// Whether `c` can be part of an acronym's word (`DHS-ICE`, `HIV/AIDS`, `U.S.`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '/' | '&' | '.' | '\'')
}

/// The words of `text` with their byte ranges, trimmed of edge punctuation.
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| {
            if is_word_char(c) {
                start.get_or_insert(i);
                None
            } else {
                let s = start.take()?;
                let raw = text.get(s..i)?;
                let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                let word = raw
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
                let word = word.strip_suffix("'s").unwrap_or(word);
                (!word.is_empty()).then(|| (s + lead..s + lead + word.len(), word))
            }
        })
}

/// Whether a paragraph is written in capitals (fewer than three letters in ten lower case).
fn is_shouting(text: &str) -> bool {
    let (mut lower, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        lower += usize::from(c.is_lowercase());
    }
    letters > 0 && lower * 10 < letters * 3
}

/// Whether an acronym nothing explains still looks like one.
fn looks_like_acronym(key: &str) -> bool {
    let letters: Vec<char> = key.chars().filter(char::is_ascii_alphabetic).collect();
    let vowels = letters.iter().filter(|c| "AEIOU".contains(**c)).count();
    !key.contains('.')
        && letters.len() >= 2
        && !key.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        && !vocab::NOT_ACRONYMS.contains(&key)
        && (letters.len() <= 3 || (letters.len() <= 5 && vowels * 5 <= letters.len() * 2))
}

/// Every acronym use in the cable's paragraphs, in text order. `is_known` says whether
/// something explains an acronym (a definition, a vocabulary entry).
pub fn uses_with(cable: &Cable, is_known: &dyn Fn(&str) -> bool) -> Vec<Use> {
    let mut out = Vec::new();
    for (paragraph, p) in cable.paragraphs.iter().enumerate() {
        let shouting = is_shouting(&p.text);
        for (range, word) in words(&p.text) {
            let Some(key) = acronym_key(word) else {
                continue;
            };
            if is_known(key) || (!shouting && looks_like_acronym(key)) {
                out.push(Use {
                    acronym: key.to_owned(),
                    paragraph,
                    range,
                });
            }
        }
    }
    out
}

/// Every acronym use in the cable's paragraphs: those it defines, those the shipped
/// vocabularies explain, and those that look like acronyms.
#[must_use]
pub fn uses(cable: &Cable) -> Vec<Use> {
    uses_with(cable, &|key| explains(cable, super::shipped(), key))
}

/// Whether the cable itself or `vocab` explains `key`: it defines it, the abbreviations
/// list it, or it is one of the header's TAGS.
pub(super) fn explains(cable: &Cable, vocab: &super::Vocabulary, key: &str) -> bool {
    cable.definitions.iter().any(|d| d.acronym == key)
        || vocab.abbreviations.get(key).is_some()
        || cable.header.tags.iter().any(|t| t == key)
}

/// The acronym written at byte `at` of `text` (a paragraph's clean text) and the word's
/// range, if the word there is written as one.
#[must_use]
pub fn acronym_at(text: &str, at: usize) -> Option<(String, Range<usize>)> {
    words(text)
        .find(|(range, _)| range.start <= at && at < range.end.max(range.start + 1))
        .and_then(|(range, word)| acronym_key(word).map(|k| (k.to_owned(), range)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_prose() {
        let text = "the PGR, the INM's staff and NGOs (see U.S. DHS-ICE). END SUMMARY";
        let got: Vec<&str> = words(text)
            .filter_map(|(_, w)| acronym_key(w))
            .filter(|k| looks_like_acronym(k))
            .collect();
        // DHS-ICE is too long to pass for an acronym unexplained: it counts once the
        // cable or a vocabulary explains it.
        assert_eq!(got, ["PGR", "INM", "NGO"]);
    }

    #[test]
    fn acronym_under_the_cursor() {
        let text = "Officials of the PGR said";
        assert_eq!(acronym_at(text, 18), Some(("PGR".to_owned(), 17..20)));
        assert_eq!(acronym_at(text, 2), None);
        assert_eq!(
            acronym_at("TCNs intercepted", 0),
            Some(("TCN".to_owned(), 0..4))
        );
    }

    #[test]
    fn shouting_and_names() {
        assert!(is_shouting("THE MINISTER SAID THAT THE GOC WOULD"));
        assert!(!is_shouting("The GOC said"));
        assert!(!looks_like_acronym("MUGABE"));
        assert!(!looks_like_acronym("IRAN"));
        assert!(!looks_like_acronym("III"));
        assert!(looks_like_acronym("MDC"));
        assert!(looks_like_acronym("UNSC"));
    }
}
