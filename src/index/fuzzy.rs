//! [`fuzzy_filter`]: jump to a cable by name. The library's fuzzy filter over ids and
//! subjects, with `nucleo-matcher` (the matcher of the helix editor's picker): each word of
//! the pattern must match, fuzzily and ignoring case, the id or the subject.
//! [`FuzzyFilter`] keeps the last matches so that each key typed narrows them.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::Entry;

/// Entries per piece of work given to a thread.
const CHUNK: usize = 8192;

/// Indexes of the entries whose id or subject match `pattern`, best first (ties in entry
/// order); every entry, in order, for a blank pattern.
#[must_use]
pub fn fuzzy_filter(entries: &[Entry], pattern: &str) -> Vec<usize> {
    let all: Vec<usize> = (0..entries.len()).collect();
    filter_among(entries, &all, pattern)
}

/// [`fuzzy_filter`] for a pattern typed a key at a time: when the pattern extends the last
/// one (a key added), only the last matches are tried again, since a longer pattern never
/// matches more.
#[derive(Debug, Clone, Default)]
pub struct FuzzyFilter {
    /// The last pattern, the number of entries it ran over, and its matches.
    last: Option<(String, usize, Vec<usize>)>,
}

impl FuzzyFilter {
    /// The matches of `pattern` among `entries`, best first.
    pub fn filter(&mut self, entries: &[Entry], pattern: &str) -> Vec<usize> {
        let found = match &self.last {
            Some((last, n, matches))
                if *n == entries.len()
                    && !last.trim().is_empty()
                    && pattern.starts_with(last.as_str()) =>
            {
                let mut candidates = matches.clone();
                candidates.sort_unstable();
                filter_among(entries, &candidates, pattern)
            }
            _ => fuzzy_filter(entries, pattern),
        };
        self.last = Some((pattern.to_owned(), entries.len(), found.clone()));
        found
    }
}

/// The matches of `pattern` among the entries `candidates` (in entry order), best first.
fn filter_among(entries: &[Entry], candidates: &[usize], pattern: &str) -> Vec<usize> {
    let pattern = Pattern::new(
        pattern,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    if pattern.atoms.is_empty() {
        return candidates.to_vec();
    }
    let chunks: Vec<&[usize]> = candidates.chunks(CHUNK).collect();
    let scored = crate::corpus::parallel::map_indexed(&chunks, |_, chunk| {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut found = Vec::new();
        for &i in *chunk {
            if let Some(score) = entries
                .get(i)
                .and_then(|e| score(&pattern, e, &mut matcher, &mut buf))
            {
                found.push((i, score));
            }
        }
        found
    });
    // Best score first, ties in entry order: one packed key per match sorts several times
    // faster than pairs compared field by field (it matters when a first key matches most
    // of 251k entries).
    let mut keys: Vec<u64> = scored
        .into_iter()
        .flatten()
        .map(|(i, score)| (u64::from(u32::MAX - score) << 32) | i as u64)
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| (k & u64::from(u32::MAX)) as usize)
        .collect()
}

/// `text` as the matcher reads it: its bytes when ASCII, else its characters (one per
/// `char`, not per grapheme as `Utf32Str::new` would cut them, which is much slower).
fn haystack<'a>(text: &'a str, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
    if text.is_ascii() {
        Utf32Str::Ascii(text.as_bytes())
    } else {
        buf.clear();
        buf.extend(text.chars());
        Utf32Str::Unicode(buf)
    }
}

/// The score of one entry: per word of the pattern its score on the id, else on the
/// subject (an id is what one jumps to; the subject is not scored when the id matches),
/// summed; `None` when a word matches neither.
///
/// An id is short and scored by the optimal alignment. A subject is long, and aligning a
/// first key or two optimally against most of 251k subjects cost 40–80 ms a key; it is
/// matched greedily instead (forward, then tightened backward, as fzf's v1): the same
/// entries match, and a word found whole in the subject scores as it would.
fn score(pattern: &Pattern, e: &Entry, matcher: &mut Matcher, buf: &mut Vec<char>) -> Option<u32> {
    let mut total = 0u32;
    for atom in &pattern.atoms {
        // Also sets the matcher's case and normalization for the atom.
        let on_id = atom.score(haystack(&e.id, buf), matcher);
        let word = match on_id {
            Some(s) => s,
            None => matcher
                .fuzzy_match_greedy(haystack(e.subject.as_deref()?, buf), atom.needle_text())?,
        };
        total += u32::from(word);
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
            range: None,
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

    #[test]
    fn typing_narrows_the_last_matches_and_agrees_with_the_stateless_filter() {
        let e = entries();
        let mut f = FuzzyFilter::default();
        for typed in [
            "0", "06", "06s", "06st", "06st ", "06st r", "06st re", "0", "b", "be",
        ] {
            assert_eq!(f.filter(&e, typed), fuzzy_filter(&e, typed), "{typed:?}");
        }
        assert_eq!(f.filter(&e, "06st re")[0], 1);
    }
}
