//! [`fuzzy_filter`]: jump to a cable by name. The library's fuzzy filter over ids and
//! subjects, with `nucleo-matcher` (the matcher of the helix editor's picker): each word of
//! the pattern must match, fuzzily and ignoring case, the id or the subject.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::Entry;

/// Entries per piece of work given to a thread.
const CHUNK: usize = 8192;

/// Indexes of the entries whose id or subject match `pattern`, best first (ties in entry
/// order); every entry, in order, for a blank pattern.
#[must_use]
pub fn fuzzy_filter(entries: &[Entry], pattern: &str) -> Vec<usize> {
    let pattern = Pattern::new(
        pattern,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    if pattern.atoms.is_empty() {
        return (0..entries.len()).collect();
    }
    let chunks: Vec<(usize, &[Entry])> = entries
        .chunks(CHUNK)
        .enumerate()
        .map(|(i, c)| (i * CHUNK, c))
        .collect();
    let scored = crate::corpus::parallel::map_indexed(&chunks, |_, &(start, chunk)| {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut found = Vec::new();
        for (i, e) in chunk.iter().enumerate() {
            if let Some(score) = score(&pattern, e, &mut matcher, &mut buf) {
                found.push((start + i, score));
            }
        }
        found
    });
    let mut all: Vec<(usize, u32)> = scored.into_iter().flatten().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    all.into_iter().map(|(i, _)| i).collect()
}

/// The score of one entry: per word of the pattern the better of id and subject, summed;
/// `None` when a word matches neither.
fn score(pattern: &Pattern, e: &Entry, matcher: &mut Matcher, buf: &mut Vec<char>) -> Option<u32> {
    let mut total = 0u32;
    for atom in &pattern.atoms {
        let id = atom.score(Utf32Str::new(&e.id, buf), matcher);
        let subject = e
            .subject
            .as_deref()
            .and_then(|s| atom.score(Utf32Str::new(s, buf), matcher));
        total += u32::from(id.max(subject)?);
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, subject: &str) -> Entry {
        Entry {
            id: id.to_owned(),
            path: format!("/c/{id}.txt").into(),
            date: None,
            year: None,
            origin: None,
            classification: None,
            subject: Some(subject.to_owned()),
            tags: Vec::new(),
        }
    }

    fn entries() -> Vec<Entry> {
        vec![
            entry(
                "06MEXICO1113",
                "MEXICO: 2006 TRAFFICKING IN PERSONS REPORT SUBMISSION",
            ),
            entry("06STATE3836", "TRAFFICKING IN PERSONS REPORT 2006"),
            entry("08PARIS1568", "FRANCE: SCENESETTER FOR THE VISIT"),
            entry("09BERLIN1167", "GERMANY: CDU VICTORY IN STATE ELECTIONS"),
            entry("10BERLIN180", "GERMAN VIEWS ON IRAN SANCTIONS"),
        ]
    }

    #[test]
    fn an_id_typed_in_part_finds_its_cable_first() {
        let e = entries();
        assert_eq!(fuzzy_filter(&e, "06mex")[0], 0);
        assert_eq!(fuzzy_filter(&e, "08PARIS1568"), [2]);
        // `berlin` is in two ids; `1167` narrows it to one.
        assert_eq!(fuzzy_filter(&e, "berlin").len(), 2);
        assert_eq!(fuzzy_filter(&e, "berlin 1167"), [3]);
    }

    #[test]
    fn words_match_the_subject_or_the_id() {
        let e = entries();
        let traf = fuzzy_filter(&e, "trafficking");
        assert_eq!(traf.len(), 2);
        assert!(traf.contains(&0) && traf.contains(&1));
        // One word from the id, one from the subject.
        assert_eq!(fuzzy_filter(&e, "state3836 persons"), [1]);
        assert_eq!(fuzzy_filter(&e, "iran sanctions"), [4]);
        assert!(fuzzy_filter(&e, "quetzalcoatlus").is_empty());
        assert_eq!(fuzzy_filter(&e, "  "), [0, 1, 2, 3, 4]);
    }
}
