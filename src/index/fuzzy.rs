//! [`fuzzy_filter`]: jump to a cable by name. The library's fuzzy filter over ids and
//! subjects, with `nucleo-matcher` (the matcher of the helix editor's picker): each word of
//! the pattern must match, fuzzily and ignoring case, the id or the subject.
//! [`FuzzyFilter`] keeps the last matches with each word's score, so that each key typed
//! narrows them and rescores only the word it changed, and the ids' and subjects'
//! [`Haystacks`], made once.
//!
//! A subject written with typographic quotes, dashes or accented letters (about one in
//! ten) is matched as the ASCII it folds to ([`fold`]), and the pattern is folded the
//! same way: `'` finds `’`, `Sao` finds `São`, and the matcher reads those subjects on
//! its fast ASCII path instead of converting and normalising each one at every key.

use std::ops::Range;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::Entry;

/// Entries per piece of work given to a thread.
const CHUNK: usize = 8192;

/// The ids and subjects as the matcher reads them, made once for a list of entries: each
/// piece of [`CHUNK`] entries' text one after another in one buffer, the subjects
/// [`fold`]ed, so that a key's scan reads memory in order instead of two strings per
/// entry wherever they were allocated.
#[derive(Debug, Clone, Default)]
pub struct Haystacks {
    /// The entries these were made for: their number and where they are, so that a
    /// [`FuzzyFilter`] knows when the catalog changed.
    of: (usize, usize),
    pieces: Vec<Piece>,
}

/// The haystacks of [`CHUNK`] entries.
#[derive(Debug, Clone, Default)]
struct Piece {
    /// The ASCII ids and subjects.
    text: Vec<u8>,
    /// The texts holding characters past ASCII (another script): their characters.
    chars: Vec<Vec<char>>,
    /// Per entry: its id and its subject.
    at: Vec<[Place; 2]>,
}

/// Where a piece keeps one text.
#[derive(Debug, Clone, Copy)]
enum Place {
    None,
    /// A range of [`Piece::text`].
    Ascii(u32, u32),
    /// An item of [`Piece::chars`].
    Chars(u32),
}

impl Piece {
    /// The haystacks of `entries`.
    fn new(entries: &[Entry]) -> Self {
        let mut piece = Self::default();
        for e in entries {
            let id = piece.keep(Some(&e.id), false);
            let subject = piece.keep(e.subject.as_deref(), true);
            piece.at.push([id, subject]);
        }
        piece
    }

    /// Keep `text`, `folded` or as it is.
    fn keep(&mut self, text: Option<&str>, folded: bool) -> Place {
        let Some(text) = text else {
            return Place::None;
        };
        let owned;
        let text = if folded && !text.is_ascii() {
            owned = fold(text);
            owned.as_str()
        } else {
            text
        };
        if text.is_ascii() {
            let start = self.text.len();
            self.text.extend_from_slice(text.as_bytes());
            Place::Ascii(offset(start), offset(self.text.len()))
        } else {
            self.chars.push(text.chars().collect());
            Place::Chars(offset(self.chars.len() - 1))
        }
    }

    /// The text kept at `place`.
    fn get(&self, place: Place) -> Option<Utf32Str<'_>> {
        match place {
            Place::None => None,
            Place::Ascii(start, end) => self
                .text
                .get(start as usize..end as usize)
                .map(Utf32Str::Ascii),
            Place::Chars(i) => self.chars.get(i as usize).map(|c| Utf32Str::Unicode(c)),
        }
    }
}

/// An offset within a piece: its text is that of [`CHUNK`] entries, far under 4 GB
/// (a subject is a line, an id a few characters).
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl Haystacks {
    /// The haystacks of `entries`.
    #[must_use]
    pub fn new(entries: &[Entry]) -> Self {
        let chunks: Vec<&[Entry]> = entries.chunks(CHUNK).collect();
        Self {
            of: identity(entries),
            pieces: crate::corpus::parallel::map_indexed(&chunks, |_, chunk| Piece::new(chunk)),
        }
    }

    /// Entry `i`'s id and subject as the matcher reads them.
    fn get(&self, i: usize) -> Option<(Utf32Str<'_>, Option<Utf32Str<'_>>)> {
        let piece = self.pieces.get(i / CHUNK)?;
        let [id, subject] = *piece.at.get(i % CHUNK)?;
        Some((piece.get(id)?, piece.get(subject)))
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
    let words = words(pattern);
    if words.is_empty() {
        return (0..entries.len()).collect();
    }
    ranked(&filter_among(haystacks, &words, Among::All))
}

/// [`fuzzy_filter`] for a pattern typed a key at a time: when the pattern's words narrow
/// the last ones (a word lengthened or added), only the last matches are tried again, since
/// such a pattern never matches more, and the words the key left as they were are not
/// scored again. It makes the entries' [`Haystacks`] when asked to [`prepare`], or at its
/// first key, and again when the entries change.
///
/// [`prepare`]: FuzzyFilter::prepare
#[derive(Debug, Clone, Default)]
pub struct FuzzyFilter {
    last: Option<Last>,
    haystacks: Haystacks,
}

/// A filtering kept for the next key: the entries it ran over, its pattern's words and
/// its matches in entry order.
#[derive(Debug, Clone)]
struct Last {
    of: (usize, usize),
    words: Vec<Atom>,
    matches: Vec<Scored>,
}

/// A match and its score: of all the pattern's words, and of all but the last (what a
/// key lengthening the last word leaves as it was).
#[derive(Debug, Clone, Copy)]
struct Scored {
    entry: usize,
    but_last: u32,
    total: u32,
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
        let words = words(pattern);
        if words.is_empty() {
            self.last = None;
            return (0..entries.len()).collect();
        }
        let among = match self.last.take() {
            Some(last) if last.of == of && last.words == words => Among::Same(last.matches),
            Some(last) if last.of == of => match narrowing(&last.words, &words) {
                Some(kept) => Among::Some(last.matches, kept),
                None => Among::All,
            },
            _ => Among::All,
        };
        let matches = filter_among(&self.haystacks, &words, among);
        let found = ranked(&matches);
        self.last = Some(Last { of, words, matches });
        found
    }
}

/// The words of a pattern, folded as the subjects are ([`fold`]): each must match.
fn words(pattern: &str) -> Vec<Atom> {
    Pattern::new(
        &fold(pattern),
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    )
    .atoms
}

/// How the words `new` narrow the words `old`, if they do: every old word kept and words
/// added, or the old words with the last one lengthened and perhaps words added. A
/// lengthened word matches only what it matched before (its letters are a subsequence of
/// the longer one's), and an added word only keeps fewer.
fn narrowing(old: &[Atom], new: &[Atom]) -> Option<Kept> {
    let (last, before) = old.split_last()?;
    if new.get(..before.len())? != before {
        return None;
    }
    let typed = new.get(before.len())?;
    if typed == last {
        Some(Kept::All(old.len()))
    } else if starts_with(typed.needle_text(), last.needle_text()) {
        Some(Kept::ButLast(before.len()))
    } else {
        None
    }
}

/// Whether `text` begins with `start`, character by character.
fn starts_with(text: Utf32Str<'_>, start: Utf32Str<'_>) -> bool {
    start.len() <= text.len() && text.chars().zip(start.chars()).all(|(a, b)| a == b)
}

/// The words at the start of a new pattern that are the last pattern's, unchanged: their
/// number, and which of the last scores is their sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kept {
    /// All the last words: the total.
    All(usize),
    /// All the last words but the last: their score.
    ButLast(usize),
}

impl Kept {
    /// The number of words kept and their score in the last match `m`.
    fn known(self, m: &Scored) -> (usize, u32) {
        match self {
            Kept::All(n) => (n, m.total),
            Kept::ButLast(n) => (n, m.but_last),
        }
    }
}

/// The entries a filtering runs over: all; the last matches, their words narrowed; or
/// the last matches of the same words.
enum Among {
    All,
    Some(Vec<Scored>, Kept),
    Same(Vec<Scored>),
}

/// One thread's share of [`Among`].
enum Share<'a> {
    Range(Range<usize>),
    Some(&'a [Scored]),
}

/// The matches of the (not empty) `words` among the entries `among` of `haystacks`, in
/// entry order.
fn filter_among(haystacks: &Haystacks, words: &[Atom], among: Among) -> Vec<Scored> {
    let (count, _) = haystacks.of;
    let last;
    let (shares, kept): (Vec<Share<'_>>, _) = match among {
        Among::Same(matches) => return matches,
        Among::All => (
            (0..count)
                .step_by(CHUNK)
                .map(|s| Share::Range(s..(s + CHUNK).min(count)))
                .collect(),
            None,
        ),
        Among::Some(matches, kept) => {
            last = matches;
            (last.chunks(CHUNK).map(Share::Some).collect(), Some(kept))
        }
    };
    let scored = crate::corpus::parallel::map_indexed(&shares, |_, share| {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut found = Vec::new();
        let mut try_one = |entry: usize, known: (usize, u32)| {
            if let Some((but_last, total)) = haystacks
                .get(entry)
                .and_then(|(id, subject)| score(words, known, id, subject, &mut matcher))
            {
                found.push(Scored {
                    entry,
                    but_last,
                    total,
                });
            }
        };
        match share {
            Share::Range(r) => r.clone().for_each(|i| try_one(i, (0, 0))),
            Share::Some(some) => some.iter().for_each(|m| {
                try_one(m.entry, kept.map_or((0, 0), |k| k.known(m)));
            }),
        }
        found
    });
    scored.into_iter().flatten().collect()
}

/// Matches in entry order, best score first (ties in entry order). The scores are small
/// numbers (a few hundred for a long pattern), so they are counted and each match put in
/// its place: linear, where sorting the quarter million matches of a first key took
/// longer than scoring them.
fn ranked(matches: &[Scored]) -> Vec<usize> {
    let Some(best) = matches.iter().map(|m| m.total).max() else {
        return Vec::new();
    };
    // `next[best - score]`: where the next match of that score goes.
    let mut next = vec![0usize; best as usize + 2];
    for m in matches {
        next[(best - m.total) as usize + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut out = vec![0; matches.len()];
    for m in matches {
        let at = &mut next[(best - m.total) as usize];
        out[*at] = m.entry;
        *at += 1;
    }
    out
}

/// The score of one entry: per word of the pattern its score on the id, else on the
/// subject (an id is what one jumps to; the subject is not scored when the id matches):
/// the sum of the words but the last, and of all; `None` when a word matches neither.
/// The first `known.0` words are not scored again: their sum is `known.1`.
///
/// An id is short and scored by the optimal alignment. A subject is long, and aligning a
/// first key or two optimally against most of 251k subjects cost 40–80 ms a key; it is
/// matched greedily instead (forward, then tightened backward, as fzf's v1): the same
/// entries match, and a word found whole in the subject scores as it would.
fn score(
    words: &[Atom],
    (from, mut total): (usize, u32),
    id: Utf32Str<'_>,
    subject: Option<Utf32Str<'_>>,
    matcher: &mut Matcher,
) -> Option<(u32, u32)> {
    let mut but_last = total;
    for word in words.get(from..)? {
        but_last = total;
        // `score` also sets the matcher's case and normalization for the word.
        let s = match word.score(id, matcher) {
            Some(s) => s,
            None => matcher.fuzzy_match_greedy(subject?, word.needle_text())?,
        };
        total += u32::from(s);
    }
    Some((but_last, total))
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
            tags: std::sync::Arc::default(),
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
        // Keys added, words added and lengthened, keys taken back, a first word edited.
        for typed in [
            "0",
            "06",
            "06s",
            "06st",
            "06st ",
            "06st r",
            "06st re",
            "0",
            "b",
            "be",
            "berlin 1",
            "berlin 11",
            "berlin 11 c",
            "berlin 11 cd",
            "berlin 11 c",
            "berlin 116 c",
            "berlin 116 cdu  ",
            "berlin 116 cdu  v",
            "berlin116",
            "g",
            "g r",
            "ge r",
            "ge ra",
            "ge ra germ",
        ] {
            assert_eq!(f.filter(&e, typed), filter(&e, typed), "{typed:?}");
        }
        assert_eq!(f.filter(&e, "06st re")[0], 1);
    }

    #[test]
    fn a_key_narrows_when_it_lengthens_the_last_word_or_adds_one() {
        let narrows = |old: &str, new: &str| narrowing(&words(old), &words(new));
        assert_eq!(narrows("paris", "paris s"), Some(Kept::All(1)));
        assert_eq!(narrows("paris", "paris sar"), Some(Kept::All(1)));
        assert_eq!(narrows("paris s", "paris sa"), Some(Kept::ButLast(1)));
        assert_eq!(narrows("par", "paris s"), Some(Kept::ButLast(0)));
        assert_eq!(narrows("PARIS", "paris"), Some(Kept::All(1)));
        // A word shortened or edited before the last: tried over every entry.
        assert_eq!(narrows("paris", "pari"), None);
        assert_eq!(narrows("tr p", "tra p"), None);
        assert_eq!(narrows("paris", "sparis"), None);
        assert_eq!(narrows("", "p"), None);
        // The folded pattern: a typographic quote lengthens as its ASCII.
        assert_eq!(narrows("chirac", "chirac\u{2019}s"), Some(Kept::ButLast(0)));
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
        // One piece: the ASCII ids and folded subjects one after another, and the subject
        // in another script as its characters.
        let piece = &g.haystacks.pieces[0];
        assert_eq!(
            String::from_utf8_lossy(&piece.text),
            "09SAOPAULO273BRAZIL: SaO PAULO'S \"FAVELA\" POLICING - AN UPDATE\
             09PARIS1FRANCE: CHIRAC'S LEGACY09MOSCOW1"
        );
        assert_eq!(piece.chars.len(), 1);
        assert_eq!(g.filter(&e, "sao paulo's"), [0]);
    }
}
