//! [`fuzzy_filter`]: jump to a cable by name. The library's fuzzy filter over ids and
//! subjects, with `nucleo-matcher` (the matcher of the helix editor's picker): each word of
//! the pattern must match, fuzzily and ignoring case, the id or the subject.
//! [`FuzzyFilter`] keeps the last matches so that each key typed narrows them, and the
//! subjects' [`Haystacks`], made once.
//!
//! A subject written with typographic quotes, dashes or accented letters (about one in
//! ten) is matched as the ASCII it folds to ([`fold`]), and the pattern is folded the
//! same way: `'` finds `’`, `Sao` finds `São`, and the matcher reads those subjects on
//! its fast ASCII path instead of converting and normalising each one at every key.

use std::ops::Range;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::Entry;

/// Entries per piece of work given to a thread.
const CHUNK: usize = 8192;

/// The subjects as the matcher reads them, made once for a list of entries: for each
/// entry whose subject is not plain ASCII, its [`fold`]ed text.
#[derive(Debug, Clone, Default)]
pub struct Haystacks {
    /// The entries these were made for: their number and where they are, so that a
    /// [`FuzzyFilter`] knows when the catalog changed.
    of: (usize, usize),
    /// Per entry: `None` for an ASCII subject (read as it is) or no subject.
    folded: Vec<Option<Box<Folded>>>,
}

/// A subject that was not ASCII, folded.
#[derive(Debug, Clone)]
enum Folded {
    /// Folded to ASCII (most).
    Ascii(String),
    /// Still holding characters past ASCII (another script): its characters.
    Chars(Vec<char>),
}

impl Haystacks {
    /// The haystacks of `entries`.
    #[must_use]
    pub fn new(entries: &[Entry]) -> Self {
        let chunks: Vec<&[Entry]> = entries.chunks(CHUNK).collect();
        let folded = crate::corpus::parallel::map_indexed(&chunks, |_, chunk| {
            chunk
                .iter()
                .map(|e| {
                    let subject = e.subject.as_deref().filter(|s| !s.is_ascii())?;
                    let text = fold(subject);
                    Some(Box::new(if text.is_ascii() {
                        Folded::Ascii(text)
                    } else {
                        Folded::Chars(text.chars().collect())
                    }))
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        Self {
            of: identity(entries),
            folded,
        }
    }

    /// Entry `i`'s subject as the matcher reads it.
    fn subject<'a>(&'a self, i: usize, e: &'a Entry) -> Option<Utf32Str<'a>> {
        Some(match self.folded.get(i).and_then(Option::as_deref) {
            Some(Folded::Ascii(s)) => Utf32Str::Ascii(s.as_bytes()),
            Some(Folded::Chars(c)) => Utf32Str::Unicode(c),
            None => Utf32Str::Ascii(e.subject.as_deref()?.as_bytes()),
        })
    }
}

/// Which list of entries this is: its length and address.
fn identity(entries: &[Entry]) -> (usize, usize) {
    (entries.len(), entries.as_ptr() as usize)
}

/// `text` with typographic quotes, dashes, spaces and the ellipsis written in ASCII, and
/// accented Latin letters without their accents (nucleo's own table): what the fuzzy
/// filter matches a subject and a pattern as.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // ASCII runs are copied whole; each other character is looked at.
    while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
        let (ascii, tail) = rest.split_at(at);
        out.push_str(ascii);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => out.push(' '),
            '\u{2026}' => out.push_str("..."),
            c => out.push(nucleo_matcher::chars::normalize(c)),
        }
    }
    out.push_str(rest);
    out
}

/// Indexes of the entries whose id or subject match `pattern`, best first (ties in entry
/// order); every entry, in order, for a blank pattern.
#[must_use]
pub fn fuzzy_filter(entries: &[Entry], haystacks: &Haystacks, pattern: &str) -> Vec<usize> {
    let mut keys = Vec::new();
    filter_among(entries, haystacks, Among::All, pattern, &mut keys)
}

/// [`fuzzy_filter`] for a pattern typed a key at a time: when the pattern extends the last
/// one (a key added), only the last matches are tried again, since a longer pattern never
/// matches more. It makes the entries' [`Haystacks`] when asked to [`prepare`], or at its
/// first key, and again when the entries change.
///
/// [`prepare`]: FuzzyFilter::prepare
#[derive(Debug, Clone, Default)]
pub struct FuzzyFilter {
    /// The last pattern, the entries it ran over, and its matches.
    last: Option<(String, (usize, usize), Vec<usize>)>,
    haystacks: Haystacks,
    /// The sort keys of the last filtering, kept for the next.
    keys: Vec<u64>,
}

impl FuzzyFilter {
    /// Make the haystacks of `entries` now (when the filter line opens, before the first
    /// key), unless they are made already.
    pub fn prepare(&mut self, entries: &[Entry]) {
        if self.haystacks.of != identity(entries) {
            self.haystacks = Haystacks::new(entries);
        }
    }

    /// The matches of `pattern` among `entries`, best first.
    pub fn filter(&mut self, entries: &[Entry], pattern: &str) -> Vec<usize> {
        self.prepare(entries);
        let of = identity(entries);
        let found = match &mut self.last {
            Some((last, seen, matches))
                if *seen == of && !last.trim().is_empty() && pattern.starts_with(last.as_str()) =>
            {
                matches.sort_unstable();
                filter_among(
                    entries,
                    &self.haystacks,
                    Among::Some(matches),
                    pattern,
                    &mut self.keys,
                )
            }
            _ => filter_among(
                entries,
                &self.haystacks,
                Among::All,
                pattern,
                &mut self.keys,
            ),
        };
        self.last = Some((pattern.to_owned(), of, found.clone()));
        found
    }
}

/// The entries a filtering runs over: all, or some (in entry order).
#[derive(Clone, Copy)]
enum Among<'a> {
    All,
    Some(&'a [usize]),
}

/// One thread's share of [`Among`].
enum Share<'a> {
    Range(Range<usize>),
    Some(&'a [usize]),
}

/// The matches of `pattern` among the entries `among`, best first (ties in entry order),
/// sorting with `keys` (a buffer kept between calls).
fn filter_among(
    entries: &[Entry],
    haystacks: &Haystacks,
    among: Among<'_>,
    pattern: &str,
    keys: &mut Vec<u64>,
) -> Vec<usize> {
    let folded = fold(pattern);
    let pattern = Pattern::new(
        &folded,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let shares: Vec<Share<'_>> = match among {
        _ if pattern.atoms.is_empty() => {
            return match among {
                Among::All => (0..entries.len()).collect(),
                Among::Some(some) => some.to_vec(),
            };
        }
        Among::All => (0..entries.len())
            .step_by(CHUNK)
            .map(|s| Share::Range(s..(s + CHUNK).min(entries.len())))
            .collect(),
        Among::Some(some) => some.chunks(CHUNK).map(Share::Some).collect(),
    };
    let scored = crate::corpus::parallel::map_indexed(&shares, |_, share| {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut found = Vec::new();
        let mut try_one = |i: usize| {
            if let Some(score) = entries
                .get(i)
                .and_then(|e| score(&pattern, e, haystacks.subject(i, e), &mut matcher))
            {
                found.push((i, score));
            }
        };
        match share {
            Share::Range(r) => r.clone().for_each(&mut try_one),
            Share::Some(some) => some.iter().copied().for_each(&mut try_one),
        }
        found
    });
    // Best score first, ties in entry order: one packed key per match sorts several times
    // faster than pairs compared field by field (it matters when a first key matches most
    // of 251k entries).
    keys.clear();
    keys.extend(
        scored
            .into_iter()
            .flatten()
            .map(|(i, score)| (u64::from(u32::MAX - score) << 32) | i as u64),
    );
    keys.sort_unstable();
    keys.iter()
        .map(|k| (k & u64::from(u32::MAX)) as usize)
        .collect()
}

/// The score of one entry: per word of the pattern its score on the id, else on the
/// subject (an id is what one jumps to; the subject is not scored when the id matches),
/// summed; `None` when a word matches neither.
///
/// An id is short and scored by the optimal alignment. A subject is long, and aligning a
/// first key or two optimally against most of 251k subjects cost 40–80 ms a key; it is
/// matched greedily instead (forward, then tightened backward, as fzf's v1): the same
/// entries match, and a word found whole in the subject scores as it would.
fn score(
    pattern: &Pattern,
    e: &Entry,
    subject: Option<Utf32Str<'_>>,
    matcher: &mut Matcher,
) -> Option<u32> {
    let mut total = 0u32;
    for atom in &pattern.atoms {
        // Also sets the matcher's case and normalization for the atom. An id is ASCII
        // ([`crate::parse`] writes it from capitals and digits); one that is not is
        // read as its characters.
        let mut chars = Vec::new();
        let id = if e.id.is_ascii() {
            Utf32Str::Ascii(e.id.as_bytes())
        } else {
            chars.extend(e.id.chars());
            Utf32Str::Unicode(&chars)
        };
        let word = match atom.score(id, matcher) {
            Some(s) => s,
            None => matcher.fuzzy_match_greedy(subject?, atom.needle_text())?,
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

    /// [`fuzzy_filter`] with the entries' haystacks.
    fn filter(e: &[Entry], pattern: &str) -> Vec<usize> {
        fuzzy_filter(e, &Haystacks::new(e), pattern)
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
        assert_eq!(filter(&e, "06mex")[0], 0);
        assert_eq!(filter(&e, "08PARIS1568"), [2]);
        // `berlin` is in two ids; `1167` narrows it to one.
        assert_eq!(filter(&e, "berlin").len(), 2);
        assert_eq!(filter(&e, "berlin 1167"), [3]);
    }

    #[test]
    fn words_match_the_subject_or_the_id() {
        let e = entries();
        let traf = filter(&e, "trafficking");
        assert_eq!(traf.len(), 2);
        assert!(traf.contains(&0) && traf.contains(&1));
        // One word from the id, one from the subject.
        assert_eq!(filter(&e, "state3836 persons"), [1]);
        assert_eq!(filter(&e, "iran sanctions"), [4]);
        assert!(filter(&e, "quetzalcoatlus").is_empty());
        assert_eq!(filter(&e, "  "), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn typing_narrows_the_last_matches_and_agrees_with_the_stateless_filter() {
        let e = entries();
        let mut f = FuzzyFilter::default();
        for typed in [
            "0", "06", "06s", "06st", "06st ", "06st r", "06st re", "0", "b", "be",
        ] {
            assert_eq!(f.filter(&e, typed), filter(&e, typed), "{typed:?}");
        }
        assert_eq!(f.filter(&e, "06st re")[0], 1);
    }

    #[test]
    fn typographic_quotes_and_accents_match_as_ascii() {
        let e = vec![
            entry(
                "09SAOPAULO273",
                "BRAZIL: S\u{e3}O PAULO\u{2019}S \u{201c}FAVELA\u{201d} POLICING \u{2014} AN UPDATE",
            ),
            entry("09PARIS1", "FRANCE: CHIRAC\u{2019}S LEGACY"),
            entry(
                "09MOSCOW1",
                "\u{420}\u{41e}\u{421}\u{421}\u{418}\u{42f}: DUMA",
            ),
        ];
        assert_eq!(
            fold("S\u{e3}o Paulo\u{2019}s \u{201c}x\u{201d} \u{2014} y\u{2026}"),
            "Sao Paulo's \"x\" - y..."
        );
        // The pattern as typed, plain or with the accents and quotes of the subject.
        assert_eq!(filter(&e, "sao paulo's"), [0]);
        assert_eq!(filter(&e, "s\u{e3}o paulo\u{2019}s"), [0]);
        assert_eq!(filter(&e, "\"favela\" - an"), [0]);
        assert_eq!(filter(&e, "chirac's"), [1]);
        // Another script is matched as its characters.
        assert_eq!(filter(&e, "\u{440}\u{43e}\u{441}\u{441}"), [2]);
        assert_eq!(filter(&e, "duma"), [2]);
        // The typing filter agrees, and makes its haystacks again for other entries.
        let mut f = FuzzyFilter::default();
        assert_eq!(f.filter(&e, "sao"), filter(&e, "sao"));
        let fewer = e.get(1..).unwrap_or_default().to_vec();
        assert_eq!(f.filter(&fewer, "chirac's"), [0]);
        // Prepared when the line opens, before any key: the first key finds them made.
        let mut g = FuzzyFilter::default();
        g.prepare(&e);
        assert_eq!(g.haystacks.of, identity(&e));
        assert_eq!(g.haystacks.folded.iter().filter(|f| f.is_some()).count(), 3);
        assert_eq!(g.filter(&e, "sao paulo's"), [0]);
    }
}
