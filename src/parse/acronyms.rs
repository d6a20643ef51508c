//! Pass 5: acronyms the cable defines inline, read from the paragraphs' clean text (so a
//! definition split over a line break or a page marker is one phrase).
//!
//! Three shapes are read: `Full Name (ACR)`, `ACR (Full Name)` and `(Full Name, ACR)`.
//! The name is matched to the letters the way Schwartz and Hearst's abbreviation finder
//! does (each letter in order, the first at a word's start, the shortest name that
//! fits), scored by how many letters are words' initials. A name translated from another
//! language keeps its letters in another order (`National Migration Institute (INM)`); it
//! is taken, with a low confidence, only when it names an institution (a word of
//! [`vocab::NAME_HEADS`]). A parenthesis holding a marking (`(SBU)`), a reference
//! (`(Ref C)`), a pointer (`(see question 20)`) or a gloss (`Lenocinio (Pimping)`) is not
//! an acronym's definition: its content is no acronym, or nothing before it is one.
//!
//! This module exists apart from the body pass because it needs the finished clean text
//! and nothing else, and because its rules (what counts as an acronym, how letters match
//! words) are one idea that the glossary and the reader reuse ([`acronym_key`]).

use super::scan::is_marking;
use super::vocab;
use crate::cable::{Cable, Definition};

/// Longest parenthesis content considered, in bytes.
const MAX_INNER: usize = 120;

/// For each byte a connector word can start with, the lengths of the connectors that
/// start with it (bit `n` for `n` letters), derived from [`vocab::NAME_CONNECTORS`]:
/// most words are ruled out without being compared with the list.
const CONNECTOR_SHAPES: [u32; 256] = word_shapes(vocab::NAME_CONNECTORS);

/// [`CONNECTOR_SHAPES`] for [`vocab::NAME_HEADS`].
const HEAD_SHAPES: [u32; 256] = word_shapes(vocab::NAME_HEADS);

/// [`CONNECTOR_SHAPES`] for [`vocab::NAME_BREAKERS`].
const BREAKER_SHAPES: [u32; 256] = word_shapes(vocab::NAME_BREAKERS);

/// [`vocab::NAME_CONNECTORS`] packed in a number each (a byte a letter), so a word is
/// compared with all of them in a few instructions.
const CONNECTOR_KEYS: [u64; vocab::NAME_CONNECTORS.len()] = connector_keys(vocab::NAME_CONNECTORS);

/// [`BYTE_CLASS`] bits: a letter or digit (bit 0, so that it counts as 1), a letter, a
/// capital, ASCII whitespace.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
const SPACE: u8 = 8;
/// A byte that ends a word inside a token (`-`, `/`) or is not ASCII.
const BREAK: u8 = 16;
/// A small letter.
const LOWER: u8 = 32;

/// What each byte is ([`ALNUM`], [`ALPHA`], [`UPPER`], [`SPACE`], [`BREAK`], [`LOWER`]), so a word
/// is read with one lookup a byte.
const BYTE_CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut out = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        out[c] = if b.is_ascii_uppercase() {
            ALNUM | ALPHA | UPPER
        } else if b.is_ascii_lowercase() {
            ALNUM | ALPHA | LOWER
        } else if b.is_ascii_digit() {
            ALNUM
        } else if b.is_ascii_whitespace() {
            SPACE
        } else if b == b'-' || b == b'/' {
            BREAK
        } else {
            0
        };
        c += 1;
    }
    while c < 256 {
        out[c] = BREAK;
        c += 1;
    }
    out
}

/// Each ASCII letter or digit in lower case; every other byte 0 (which no acronym's
/// letter is).
const LOWER_ALNUM: [u8; 256] = lower_alnum();

const fn lower_alnum() -> [u8; 256] {
    let mut out = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            out[c] = b.to_ascii_lowercase();
        }
        c += 1;
    }
    out
}

/// Whether a word of `len` letters starting with `first` (lower case) may be in the table
/// whose [`word_shapes`] are `shapes`.
fn may_be(shapes: &[u32; 256], first: u8, len: usize) -> bool {
    len < 32 && shapes[usize::from(first)] & (1 << len) != 0
}

/// Whether byte `c` is ASCII whitespace.
fn is_space(c: u8) -> bool {
    BYTE_CLASS[usize::from(c)] & SPACE != 0
}

const fn connector_keys<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        let w = words[i].as_bytes();
        let mut j = 0;
        while j < w.len() {
            out[i] = out[i] << 8 | w[j] as u64;
            j += 1;
        }
        i += 1;
    }
    out
}

/// For each first byte of `words` (ASCII), the lengths of the words that start with it,
/// as bits (bit `n` for `n` letters).
const fn word_shapes(words: &[&str]) -> [u32; 256] {
    let mut out = [0u32; 256];
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_bytes();
        assert!(
            !w.is_empty() && w.len() < 32,
            "a table word has 1 to 31 letters"
        );
        out[w[0] as usize] |= 1 << w.len();
        i += 1;
    }
    out
}

/// Find every inline definition in the cable's paragraphs.
// Kept out of line so that its share of the parse can be measured (callgrind).
#[inline(never)]
pub(super) fn find(cable: &mut Cable) {
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    for (index, p) in cable.paragraphs.iter().enumerate() {
        in_text(&p.text, index, &mut out, &mut scratch);
    }
    cable.definitions = out;
}

/// The definitions in one paragraph's clean text.
#[must_use]
pub fn in_paragraph(text: &str, paragraph: usize) -> Vec<Definition> {
    let mut out = Vec::new();
    in_text(text, paragraph, &mut out, &mut Scratch::default());
    out
}

/// Buffers reused from one parenthesis to the next, so that reading a candidate name
/// allocates nothing once they have grown.
#[derive(Default)]
struct Scratch<'a> {
    /// The words of those tokens, in text order.
    words: Vec<Word<'a>>,
    /// Words of tokens read later (further back), put before `words`.
    more: Vec<Word<'a>>,
    /// The acronym's letters.
    letters: Vec<char>,
    /// [`Memo`]'s cells.
    memo: Cells,
}

fn in_text<'a>(text: &'a str, paragraph: usize, out: &mut Vec<Definition>, sc: &mut Scratch<'a>) {
    let b = text.as_bytes();
    for open in memchr::memchr_iter(b'(', b) {
        let rest = b.get(open + 1..).unwrap_or_default();
        let rest = rest.get(..rest.len().min(MAX_INNER)).unwrap_or(rest);
        // Most parentheses close within a few words: a plain loop finds the end faster
        // than memchr's setup.
        let Some(len) = rest.iter().position(|&c| c == b')' || c == b'(') else {
            continue;
        };
        let close = open + 1 + len;
        if b.get(close) != Some(&b')') {
            continue;
        }
        let Some(inner) = text.get(open + 1..close) else {
            continue;
        };
        // Every shape needs an acronym or a name starting with a capital in the
        // parenthesis (`(GOM)`, `(Institutional ...)`), or a comma before the acronym
        // (`(Grupo ..., GANSEF)`): `(1)`, `(see question 20)` are passed over unread.
        let head = inner.trim_start().as_bytes().first().copied();
        if !head.is_some_and(|c| c.is_ascii_uppercase() || !c.is_ascii())
            && !inner.bytes().any(|c| c == b',')
        {
            continue;
        }
        let found = name_first(text, open, inner, sc)
            .or_else(|| name_inside(open, inner, sc))
            .or_else(|| acronym_first(text, open, inner, sc));
        if let Some(f) = found {
            out.push(Definition {
                acronym: f.acronym,
                expansion: f.expansion,
                paragraph,
                range: f.start..close + 1,
                confidence: f.confidence,
            });
        }
    }
}

/// A definition found, before it is placed.
struct Found {
    acronym: String,
    expansion: String,
    start: usize,
    confidence: f32,
}

/// The glossary key of `word` when it is written as an acronym: two or more capitals,
/// digits and `-` `/` `&` `.` inside, a plural `s` dropped (`TCNs` → `TCN`); never a
/// portion marking (`SBU`, `S/NF`).
#[must_use]
pub fn acronym_key(word: &str) -> Option<&str> {
    // At most 16 characters, a plural `s` or a `.` after them; a capital first.
    let b = word.as_bytes();
    if !(2..=17).contains(&b.len())
        || !b.first().is_some_and(u8::is_ascii_uppercase)
        || !b.last().is_some_and(|&c| may_end_key(c))
    {
        return None;
    }
    let body = word
        .strip_suffix('s')
        .filter(|b| b.ends_with(|c: char| c.is_ascii_uppercase()))
        .unwrap_or(word);
    let body = body.strip_suffix('.').unwrap_or(body);
    if !(2..=16).contains(&body.len()) || !body.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let mut capitals = 0;
    for c in body.bytes() {
        match c {
            b'A'..=b'Z' => capitals += 1,
            b'0'..=b'9' | b'-' | b'/' | b'&' | b'.' => {}
            _ => return None,
        }
    }
    if capitals < 2 || body.ends_with(['-', '/', '&']) || is_marking(body) {
        return None;
    }
    Some(body)
}

/// Whether a word ending in byte `last` may be read as an acronym ([`acronym_key`]): a
/// key ends in a capital or a digit, and a `.` or a plural `s` may follow. Callers use it
/// to pass over a parenthesis or a word on one byte.
fn may_end_key(last: u8) -> bool {
    last.is_ascii_uppercase() || last.is_ascii_digit() || matches!(last, b'.' | b's')
}

/// The letters of an acronym key that name words, lower case, into `out`.
fn letters(key: &str, out: &mut Vec<char>) {
    out.clear();
    // A key is ASCII ([`acronym_key`]).
    out.extend(
        key.bytes()
            .map(|b| LOWER_ALNUM[usize::from(b)])
            .filter(|&b| b != 0)
            .map(char::from),
    );
}

/// One word of a candidate name (hyphenated words are split: `non-governmental`).
#[derive(Debug)]
struct Word<'a> {
    /// Byte offset of its first character in the paragraph text.
    start: usize,
    /// The word as written, punctuation included (`Women's`, `Mexico,`).
    text: &'a str,
    /// Its first letter or digit, lower case.
    first: char,
    /// How many letters and digits it has.
    len: usize,
    /// Written with a capital.
    capital: bool,
    /// All capitals (an acronym inside the name, `DOJ`): its inner letters count as
    /// initials.
    caps: bool,
    /// One of [`vocab::NAME_CONNECTORS`].
    connector: bool,
    /// Followed by a comma (a list or an apposition, which a translated name does not
    /// run back past).
    comma: bool,
    /// Its token's place counted back from the parenthesis (0 for the last token).
    place: usize,
    /// Written in ASCII only (its letters are then read byte by byte).
    ascii: bool,
}

impl<'a> Word<'a> {
    fn new(start: usize, text: &'a str) -> Option<Self> {
        if text.is_ascii() {
            return Self::new_ascii(start, text);
        }
        // One pass: the first letter or digit, how many there are, whether all the
        // letters are capitals.
        let (mut head, mut len, mut letters, mut upper) = (None, 0, 0, true);
        for c in text.chars() {
            if c.is_alphanumeric() {
                head.get_or_insert(c);
                len += 1;
                if c.is_alphabetic() {
                    letters += 1;
                    upper &= c.is_uppercase();
                }
            }
        }
        let head = head?;
        let mut word = Self {
            start,
            text,
            first: head.to_lowercase().next().unwrap_or(head),
            len,
            capital: head.is_uppercase(),
            caps: letters >= 2 && upper,
            connector: false,
            comma: false,
            place: 0,
            ascii: false,
        };
        word.connector = word.is_in(vocab::NAME_CONNECTORS, &CONNECTOR_SHAPES);
        Some(word)
    }

    /// [`Word::new`] for the common ASCII word, byte by byte.
    fn new_ascii(start: usize, text: &'a str) -> Option<Self> {
        let mut stats = AsciiStats::default();
        for &c in text.as_bytes() {
            stats.add(c);
        }
        stats.word(start, text)
    }

    /// Where `letter` is among its letters and digits (lower case), from the `from`th on,
    /// counted from there.
    fn find(&self, from: usize, letter: char) -> Option<usize> {
        if self.ascii {
            let letter = u8::try_from(letter).ok()?;
            return self
                .text
                .bytes()
                .map(|b| LOWER_ALNUM[usize::from(b)])
                .filter(|&b| b != 0)
                .skip(from)
                .position(|b| b == letter);
        }
        self.text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .skip(from)
            .position(|x| x == letter)
    }

    /// Whether it is one of `table` (lower-case ASCII words), whose [`word_shapes`] are
    /// `shapes`: most words are ruled out by their first letter and length alone.
    fn is_in(&self, table: &[&str], shapes: &[u32; 256]) -> bool {
        u8::try_from(self.first).is_ok_and(|first| may_be(shapes, first, self.len))
            && table.iter().any(|t| self.is(t))
    }

    /// Whether it is `lower` (a lower-case ASCII table word), punctuation aside.
    fn is(&self, lower: &str) -> bool {
        self.len == lower.len()
            && self
                .text
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .eq(lower.bytes())
    }
}

/// What an ASCII word is made of, read one byte at a time over a table of byte classes:
/// how many letters and digits, and letters, it has, and whether a letter is small. Its
/// first letter and its connector key are read from the word afterwards, when it is
/// made ([`AsciiStats::word`]).
#[derive(Debug, Default, Clone, Copy)]
struct AsciiStats {
    len: usize,
    letters: usize,
    /// [`LOWER`] when a small letter was seen.
    small: u8,
}

impl AsciiStats {
    fn add(&mut self, c: u8) {
        let class = BYTE_CLASS[usize::from(c)];
        self.len += usize::from(class & ALNUM);
        self.letters += usize::from(class & ALPHA != 0);
        self.small |= class & LOWER;
    }

    /// The word `text` these are the bytes of, at `start`; none without a letter or digit.
    fn word(self, start: usize, text: &str) -> Option<Word<'_>> {
        if self.len == 0 {
            return None;
        }
        let head = *text
            .as_bytes()
            .iter()
            .find(|&&c| BYTE_CLASS[usize::from(c)] & ALNUM != 0)?;
        let lower = head | 0x20;
        // The letters and digits packed in a number, lower case (`| 0x20` lowers a
        // capital and leaves digits and small letters as they are).
        let key = || {
            text.bytes()
                .filter(|&c| BYTE_CLASS[usize::from(c)] & ALNUM != 0)
                .fold(0u64, |key, c| key << 8 | u64::from(c | 0x20))
        };
        let connector = self.len <= 7
            && may_be(&CONNECTOR_SHAPES, lower, self.len)
            && CONNECTOR_KEYS.contains(&key());
        Some(Word {
            start,
            text,
            first: char::from(lower),
            len: self.len,
            capital: head.is_ascii_uppercase(),
            caps: self.letters >= 2 && self.small == 0,
            connector,
            comma: false,
            place: 0,
            ascii: true,
        })
    }
}

/// Whether a whitespace-separated token ends a phrase, so a name cannot run back past it.
fn ends_phrase(token: &str) -> bool {
    let mut b = token.as_bytes();
    // Closing quotes (`"`, `'`, and the last byte of `”`) do not end a phrase themselves.
    while let Some((b'"' | b'\'' | 0x9D, rest)) = b.split_last() {
        b = rest;
    }
    if b.iter().any(|c| matches!(c, b'(' | b')')) {
        return true;
    }
    match b.split_last() {
        Some((b';' | b':' | b']' | b'!' | b'?', _)) => true,
        // A sentence's full stop, not an abbreviation's (`U.S.`, `Gen.`).
        Some((b'.', inner)) => {
            !inner.contains(&b'.') && inner.iter().filter(|c| c.is_ascii_alphabetic()).count() > 3
        }
        _ => false,
    }
}

/// Whitespace-separated tokens read back from a byte of a text, not past the end of a
/// phrase, into words: a few first, more only when needed, each token read once.
struct Back<'a> {
    text: &'a str,
    /// Where the next token back ends.
    stop: usize,
    /// No token is left (start of text, or the end of a phrase).
    done: bool,
    /// Tokens read so far.
    read: usize,
}

impl<'a> Back<'a> {
    fn new(text: &'a str, end: usize) -> Self {
        Self {
            text,
            stop: end.min(text.len()),
            done: false,
            read: 0,
        }
    }

    /// Read tokens until `max` have been read in all, their words onto `words` last word
    /// first, each with its token's place counted back from the start (0 for the last
    /// token).
    fn read_words(&mut self, max: usize, words: &mut Vec<Word<'a>>) {
        let b = self.text.as_bytes();
        while !self.done && self.read < max {
            let head = b.get(..self.stop).unwrap_or_default();
            let Some(last) = head.iter().rposition(|&c| !is_space(c)) else {
                self.done = true;
                break;
            };
            // Back to the token's start, reading its bytes on the way: a token of ASCII
            // letters and punctuation, without `-` or `/` (most of them), is one word,
            // made from what was read.
            let mut start = last + 1;
            let mut stats = AsciiStats::default();
            let mut breaks = 0;
            while let Some(&c) = start.checked_sub(1).and_then(|i| head.get(i)) {
                let class = BYTE_CLASS[usize::from(c)];
                if class & SPACE != 0 {
                    break;
                }
                breaks |= class & BREAK;
                stats.add(c);
                start -= 1;
            }
            let Some(token) = self.text.get(start..=last) else {
                self.done = true;
                break;
            };
            if self.read > 0 && ends_phrase(token) {
                self.done = true;
                break;
            }
            let first = words.len();
            if breaks == 0 {
                if let Some(mut w) = stats.word(start, token) {
                    w.comma = token.ends_with(',');
                    words.push(w);
                }
            } else {
                split_words(start, token, words);
            }
            let new = words.get_mut(first..).unwrap_or_default();
            new.reverse();
            for w in new {
                w.place = self.read;
            }
            self.read += 1;
            self.stop = start;
        }
    }
}

/// Split a token on hyphens and slashes into [`Word`]s.
fn split_words<'a>(start: usize, token: &'a str, words: &mut Vec<Word<'a>>) {
    let comma = token.ends_with(',');
    // The common case, an ASCII token: `-` and `/` are the only separators, each word
    // read once. A byte past ASCII sends the token to the general reading below.
    let b = token.as_bytes();
    let first = words.len();
    let mut from = 0;
    let mut ascii = true;
    let mut stats = AsciiStats::default();
    for (i, &c) in b.iter().enumerate() {
        if BYTE_CLASS[usize::from(c)] & BREAK == 0 {
            stats.add(c);
            continue;
        }
        if c >= 0x80 {
            ascii = false;
            break;
        }
        if let Some(w) = token.get(from..i).and_then(|t| stats.word(start + from, t)) {
            words.push(w);
        }
        stats = AsciiStats::default();
        from = i + 1;
    }
    if ascii {
        if let Some(mut w) = token.get(from..).and_then(|t| stats.word(start + from, t)) {
            w.comma = comma;
            words.push(w);
        }
        return;
    }
    words.truncate(first);
    let mut from = 0;
    // `-` and `/` are ASCII; the em dash is the only other separator, found by its
    // first byte, so the token is walked byte by byte.
    let b = token.as_bytes();
    let mut i = 0;
    while i <= b.len() {
        let sep = match b.get(i) {
            None => 1,
            Some(b'-' | b'/') => 1,
            Some(0xE2) if token.get(i..).is_some_and(|t| t.starts_with('\u{2014}')) => 3,
            Some(_) => 0,
        };
        if sep > 0 {
            if let Some(mut w) = token.get(from..i).and_then(|t| Word::new(start + from, t)) {
                w.comma = comma && i == b.len();
                words.push(w);
            }
            from = i + sep;
            i += sep;
        } else {
            i += 1;
        }
    }
}

/// How a name's words carry an acronym's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    /// Letters that are words' initials (or letters of an all-capitals word).
    initials: usize,
    /// Words other than connectors that give a letter.
    used: usize,
}

/// The best way to read `letters` in `words`, in order, the first letter being the first
/// word's initial.
fn align(letters: &[char], words: &[Word], cells: &mut Cells) -> Option<Score> {
    let first = words.first()?;
    if Some(&first.first) != letters.first() {
        return None;
    }
    let width = words.iter().map(|w| w.len).max().unwrap_or(0) + 1;
    cells.start(letters.len() * words.len() * width);
    let mut memo = Memo {
        width,
        words: words.len(),
        cells,
    };
    let rest = step(letters, words, 1, 0, 1, &mut memo)?;
    Some(Score {
        initials: rest.initials + 1,
        used: rest.used + usize::from(!first.connector),
    })
}

/// What [`step`] found for each (letter, word, character) it was asked about, packed in
/// two bytes: [`NO_MATCH`] or `initials << 8 | used`.
struct Memo<'m> {
    width: usize,
    words: usize,
    cells: &'m mut Cells,
}

/// [`Memo`]'s cells, kept from one alignment to the next (one parenthesis has several,
/// a paragraph many): a cell is known only when it carries the current alignment's
/// generation, so starting an alignment clears nothing.
#[derive(Default)]
struct Cells {
    cells: Vec<u32>,
    generation: u16,
}

impl Cells {
    /// Forget every cell and make room for `len`.
    fn start(&mut self, len: usize) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.cells.fill(0);
            self.generation = 1;
        }
        if self.cells.len() < len {
            self.cells.resize(len, 0);
        }
    }

    fn get(&self, i: usize) -> Option<u16> {
        let c = *self.cells.get(i)?;
        (c >> 16 == u32::from(self.generation)).then_some(c as u16)
    }

    fn set(&mut self, i: usize, value: u16) {
        if let Some(slot) = self.cells.get_mut(i) {
            *slot = u32::from(self.generation) << 16 | u32::from(value);
        }
    }
}

const NO_MATCH: u16 = u16::MAX - 1;

fn pack(score: Option<Score>) -> u16 {
    score.map_or(NO_MATCH, |s| {
        (s.initials.min(0xFD) as u16) << 8 | s.used.min(0xFF) as u16
    })
}

fn unpack(cell: u16) -> Option<Score> {
    (cell != NO_MATCH).then_some(Score {
        initials: usize::from(cell >> 8),
        used: usize::from(cell & 0xFF),
    })
}

impl Memo<'_> {
    fn index(&self, k: usize, w: usize, c: usize) -> usize {
        (k * self.words + w) * self.width + c.min(self.width - 1)
    }
}

/// Read `letters[k..]` from character `c` of word `w` on.
fn step(
    letters: &[char],
    words: &[Word],
    k: usize,
    w: usize,
    c: usize,
    memo: &mut Memo<'_>,
) -> Option<Score> {
    let Some(&letter) = letters.get(k) else {
        return Some(Score {
            initials: 0,
            used: 0,
        });
    };
    let cell = memo.index(k, w, c);
    if let Some(known) = memo.cells.get(cell) {
        return unpack(known);
    }
    let mut best: Option<Score> = None;
    let word = words.get(w)?;
    // The letter inside the current word, at its first place from `c`.
    if let Some(i) = word.find(c, letter)
        && let Some(mut s) = step(letters, words, k + 1, w, c + i + 1, memo)
    {
        s.initials += usize::from(word.caps);
        best = best.max(Some(s));
    }
    // Or the initial of a later word.
    for (n, next) in words.iter().enumerate().skip(w + 1) {
        if next.first == letter
            && let Some(mut s) = step(letters, words, k + 1, n, 1, memo)
        {
            s.initials += 1;
            s.used += usize::from(!next.connector);
            best = best.max(Some(s));
        }
    }
    memo.cells.set(cell, pack(best));
    best
}

/// Whether the letters read in `words` make a definition, and with what confidence.
fn judge(letters: &[char], words: &[Word], score: Score) -> Option<f32> {
    // One word is not a name its initials could stand for (`COMMENT (CONT)`).
    if words.len() < 2 {
        return None;
    }
    let content = words.iter().filter(|w| !w.connector).count().max(1);
    let skipped = content.saturating_sub(score.used);
    // Every letter an initial of its own word (`End Child Prostitution, Child
    // Pornography and Trafficking of Children for Sexual Purposes (ECPAT)`) may leave
    // words out; otherwise at most one.
    let all_initials = score.initials == letters.len() && letters.len() >= 4;
    if skipped > 1 && !all_initials {
        return None;
    }
    // Syllable acronyms (`SECTUR`) need most of their words' initials anyway.
    if score.initials * 2 < score.used.max(1) || score.initials < 2 {
        return None;
    }
    let share = score.initials as f32 / letters.len() as f32;
    Some(round(share * score.used as f32 / content as f32))
}

fn round(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

/// The shortest name ending at `words`' end whose words carry `letters`.
fn matched_name(letters: &[char], words: &[Word], memo: &mut Cells) -> Option<(usize, f32)> {
    for s in (0..words.len()).rev() {
        let tail = words.get(s..)?;
        let Some(first) = tail.first() else { continue };
        if first.connector || Some(&first.first) != letters.first() {
            continue;
        }
        if let Some(score) = align(letters, tail, memo)
            && let Some(confidence) = judge(letters, tail, score)
        {
            return Some(longer_if_better(letters, words, s, score, confidence, memo));
        }
    }
    None
}

/// The shortest name can cut an initial off (`Closed Circuit Television (CCTV)` read
/// as `Circuit Television`, its second C inside `Circuit`): a name one or two words
/// longer is taken when more of the letters are initials there.
fn longer_if_better(
    letters: &[char],
    words: &[Word],
    s: usize,
    score: Score,
    confidence: f32,
    memo: &mut Cells,
) -> (usize, f32) {
    let mut best = (s, score.initials, confidence);
    // Each letter counts once at most: when every one is an initial already, no longer
    // name has more.
    if score.initials >= letters.len() {
        return (s, confidence);
    }
    for longer in s.saturating_sub(2)..s {
        let Some(tail) = words.get(longer..) else {
            continue;
        };
        if tail.first().is_some_and(|w| w.connector) {
            continue;
        }
        if let Some(sc) = align(letters, tail, memo)
            && sc.initials > best.1
            && let Some(c) = judge(letters, tail, sc)
        {
            best = (longer, sc.initials, c);
        }
    }
    (best.0, best.2)
}

/// A translated name: capitalised words (connectors between them) naming an institution.
/// Its confidence is half the share of the acronym's letters found among its initials.
fn translated_name(letters: &[char], words: &[Word]) -> Option<(usize, f32)> {
    let mut s = words.len();
    while s > 0
        && words
            .get(s - 1)
            .is_some_and(|w| (w.capital || w.connector) && !w.comma)
    {
        s -= 1;
    }
    // Not past a possessive (`Necmettin Erbakan's Welfare Party`) or a title or verb
    // before the name (`Interior Minister and Union for a Popular Movement`).
    // A possessive cuts only when a name of an institution follows it (not in `National
    // Institute for Women's Issues`).
    let is_head = |w: &Word| w.is_in(vocab::NAME_HEADS, &HEAD_SHAPES);
    if let Some(run) = words.get(s..)
        && let Some(cut) = run.iter().enumerate().rposition(|(i, w)| {
            let possessive = w.text.ends_with("'s") || w.text.ends_with("\u{2019}s");
            (possessive
                && run
                    .get(i + 1..)
                    .is_some_and(|rest| rest.iter().any(is_head)))
                || w.is_in(vocab::NAME_BREAKERS, &BREAKER_SHAPES)
        })
    {
        s += cut + 1;
    }
    while words.get(s).is_some_and(|w| w.connector || w.is("the")) {
        s += 1;
    }
    let name = words.get(s..)?;
    let capitals = name.iter().filter(|w| w.capital && !w.connector).count();
    let institution = name.iter().any(is_head);
    if capitals < 2 || !institution || name.last().is_some_and(|w| w.connector) {
        return None;
    }
    let mut initials: Vec<char> = name
        .iter()
        .filter(|w| !w.connector)
        .map(|w| w.first)
        .collect();
    let mut found = 0;
    for l in letters {
        if let Some(i) = initials.iter().position(|c| c == l) {
            initials.swap_remove(i);
            found += 1;
        }
    }
    // With no letter in common the name must end in the institution's head word
    // (`Foreign Ministry (SRE)`), not merely hold one (`UN Security Council Reform
    // (FPOL-1)`, a heading and its priority code).
    if found == 0 && !name.last().is_some_and(is_head) {
        return None;
    }
    Some((s, round(found as f32 / letters.len() as f32 / 2.0)))
}

/// The text of words `s..` up to byte `end`, trimmed of trailing punctuation.
fn name_text(text: &str, words: &[Word], s: usize, end: usize) -> Option<String> {
    let start = words.get(s)?.start;
    let name = text.get(start..end)?.trim_end();
    let mut name = name;
    while let Some(rest) = name
        .strip_suffix([',', '-'])
        .or_else(|| name.strip_suffix('\u{2014}'))
    {
        name = rest;
    }
    let name = name.trim_end();
    if name.is_empty() {
        return None;
    }
    // Words one space, `-` or `/` apart are written as the name reads: most names are
    // copied as they are without a look at each byte.
    let b = text.as_bytes();
    let plain = words.get(s..)?.windows(2).all(|pair| match pair {
        [w, next] => {
            let gap = w.start + w.text.len();
            next.start == gap + 1 && matches!(b.get(gap), Some(b' ' | b'-' | b'/'))
        }
        _ => true,
    });
    Some(if plain {
        name.to_owned()
    } else {
        collapse(name)
    })
}

fn collapse(s: &str) -> String {
    let b = s.as_bytes();
    let spaced = memchr::memchr3(b'\n', b'\t', b'\r', b).is_some()
        || memchr::memchr_iter(b' ', b).any(|i| b.get(i + 1) == Some(&b' '));
    if !spaced {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `Full Name (ACR)`.
fn name_first<'a>(text: &'a str, open: usize, inner: &str, sc: &mut Scratch<'a>) -> Option<Found> {
    let key = acronym_key(inner.trim())?;
    letters(key, &mut sc.letters);
    let n = sc.letters.len();
    // Shortest names first: most are found among the last few words, so the wide
    // window (the letter match's, or ten words for a translated name) is read only when
    // the narrow one fails, from where the narrow one stopped.
    let max = (n + 7).min(n * 3);
    // Most parentheses holding an acronym follow words that cannot spell it; a scan of
    // the bytes rules them out before any word is read. A translated name needs a
    // capital just before the parenthesis.
    let fits = letters_fit(text.as_bytes(), open, &sc.letters, max);
    let capital_before = || {
        text.get(..open)
            .and_then(|h| h.trim_end().rsplit(char::is_whitespace).next())
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
    };
    // A code with digits (`FPOL-1`, `SM-3`) is no translated institution's name.
    let translatable = !key.contains(|c: char| c.is_ascii_digit());
    if !(fits || (translatable && capital_before())) {
        return None;
    }
    sc.words.clear();
    let mut back = Back::new(text, open);
    if fits {
        back.read_words(n + 2, &mut sc.words);
        sc.words.reverse();
    }
    let s = if let Some((s, c)) = matched_name(&sc.letters, &sc.words, &mut sc.memo) {
        Some((s, c))
    } else {
        let wide = max.max(10);
        sc.more.clear();
        if fits {
            back.read_words(wide, &mut sc.more);
        } else {
            // Only a translated name can be found, a run of capitalised words and
            // connectors ending at the parenthesis ([`translated_name`]): the tokens are
            // read while they continue it, not the whole window.
            while back.read < wide {
                let (before, read) = (sc.more.len(), back.read);
                back.read_words(read + 1, &mut sc.more);
                if back.read == read
                    || sc
                        .more
                        .get(before..)
                        .unwrap_or_default()
                        .iter()
                        .any(|w| !(w.capital || w.connector) || w.comma)
                {
                    break;
                }
            }
        }
        sc.more.reverse();
        sc.more.append(&mut sc.words);
        std::mem::swap(&mut sc.more, &mut sc.words);
        None
    };
    let (s, confidence) = match s {
        Some(found) => found,
        None => {
            let wide = &sc.words;
            let cut = wide
                .iter()
                .position(|w| w.place < max)
                .unwrap_or(wide.len());
            let matched = if fits {
                matched_name(
                    &sc.letters,
                    wide.get(cut..).unwrap_or_default(),
                    &mut sc.memo,
                )
            } else {
                None
            };
            match matched {
                Some((s, c)) => (s + cut, c),
                None if translatable => translated_name(&sc.letters, wide)?,
                None => return None,
            }
        }
    };
    let start = sc.words.get(s)?.start;
    Some(Found {
        acronym: key.to_owned(),
        expansion: name_text(text, &sc.words, s, open)?,
        start,
        confidence,
    })
}

/// Whether `letters` can be read in order in the `max` whitespace-separated tokens
/// before byte `end`, the first at a word's start: what [`matched_name`] needs, tested on
/// the bytes (ASCII letters compared without case; others never match). Reading the
/// letters from the last back, each at its latest place, finds them if any reading does.
fn letters_fit(b: &[u8], end: usize, letters: &[char], max: usize) -> bool {
    // The letters as bytes (a key is ASCII); a letter that is not stays unmatched.
    let mut want = [0u8; 16];
    for (w, &l) in want.iter_mut().zip(letters) {
        *w = u8::try_from(l).unwrap_or(0);
    }
    let mut k = letters.len().min(want.len());
    if k == 0 {
        return true;
    }
    let head = b.get(..end.min(b.len())).unwrap_or_default();
    let mut tokens = 0;
    let mut in_space = true;
    for (i, &c) in head.iter().enumerate().rev() {
        if is_space(c) {
            if !in_space {
                tokens += 1;
                if tokens >= max {
                    return false;
                }
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if want.get(k - 1) != Some(&LOWER_ALNUM[usize::from(c)]) {
            continue;
        }
        if k == 1 {
            let prev = match i.checked_sub(1) {
                Some(p) => head.get(p).copied().unwrap_or(b' '),
                None => b' ',
            };
            if is_space(prev) || matches!(prev, b'-' | b'/' | b'(' | b'"') {
                return true;
            }
        } else {
            k -= 1;
        }
    }
    false
}

/// `(Full Name, ACR)`: a foreign name and its acronym together.
fn name_inside<'a>(open: usize, inner: &'a str, sc: &mut Scratch<'a>) -> Option<Found> {
    // The acronym ends the parenthesis: most are passed over on their last byte.
    if !may_end_key(*inner.trim_end().as_bytes().last()?) {
        return None;
    }
    let (name, acr) = split_last_comma(inner)?;
    let key = acronym_key(acr.trim())?;
    letters(key, &mut sc.letters);
    sc.words.clear();
    let mut at = open + 1;
    for token in name.split(' ') {
        split_words(at, token, &mut sc.words);
        at += token.len() + 1;
    }
    let score = align(&sc.letters, &sc.words, &mut sc.memo)?;
    let confidence = judge(&sc.letters, &sc.words, score)?;
    if sc.words.iter().filter(|w| !w.connector).count() > score.used + 1 {
        return None;
    }
    Some(Found {
        acronym: key.to_owned(),
        expansion: collapse(name),
        start: open,
        confidence,
    })
}

/// `inner` split at its last `, ` (what `rsplit_once(", ")` does, without building a
/// substring searcher for every parenthesis).
fn split_last_comma(inner: &str) -> Option<(&str, &str)> {
    let b = inner.as_bytes();
    let at = (0..b.len())
        .rev()
        .find(|&i| b.get(i) == Some(&b',') && b.get(i + 1) == Some(&b' '))?;
    Some((inner.get(..at)?, inner.get(at + 2..)?))
}

/// `ACR (Full Name)`.
fn acronym_first<'a>(
    text: &'a str,
    open: usize,
    inner: &'a str,
    sc: &mut Scratch<'a>,
) -> Option<Found> {
    let head = text.get(..open)?.trim_end();
    // A word [`acronym_key`] takes ends in a capital, a digit, `.` or a plural `s`:
    // most words before a parenthesis are passed over on their last byte.
    if !may_end_key(*head.as_bytes().last()?) {
        return None;
    }
    let start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let token = head.get(start..)?;
    let token = token.trim_start_matches(['"', '\u{201c}']);
    let key = acronym_key(token)?;
    letters(key, &mut sc.letters);
    let inner = inner.trim();
    let tokens = inner.split_whitespace().count();
    // A name in capitals after a word in capitals is a shouting cable's aside
    // (`MILITARY (I.E. IRGC-QODS FORCE)`), not a definition.
    if !(2..=12).contains(&tokens)
        || !inner.contains(|c: char| c.is_lowercase())
        || !inner.starts_with(|c: char| c.is_uppercase())
        || inner.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | ';' | ':'))
    {
        return None;
    }
    sc.words.clear();
    let mut at =
        open + 1 + (text.get(open + 1..)?.len() - text.get(open + 1..)?.trim_start().len());
    for token in inner.split(' ') {
        split_words(at, token, &mut sc.words);
        at += token.len() + 1;
    }
    let (letters, words) = (&sc.letters, &sc.words);
    let confidence = match align(letters, words, &mut sc.memo) {
        Some(score) if words.iter().filter(|w| !w.connector).count() <= score.used + 1 => {
            judge(letters, words, score)
        }
        _ => None,
    }
    .or_else(|| {
        translated_name(letters, words)
            .filter(|(s, _)| *s == 0)
            .map(|(_, c)| c)
    })?;
    Some(Found {
        acronym: key.to_owned(),
        expansion: collapse(inner),
        start,
        confidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Option<(String, String, f32)> {
        let found = in_paragraph(text, 0);
        assert!(found.len() <= 1, "{found:?}");
        found
            .into_iter()
            .next()
            .map(|d| (d.acronym, d.expansion, d.confidence))
    }

    #[test]
    fn shapes_of_definitions() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "working with the Government of Mexico (GOM) on",
                Some(("GOM", "Government of Mexico")),
            ),
            (
                "the names of the non-governmental organizations (NGOs) working",
                Some(("NGO", "non-governmental organizations")),
            ),
            (
                "for those who self-refer. Third Country Nationals (TCNs) are",
                Some(("TCN", "Third Country Nationals")),
            ),
            (
                "the Secretariat of Tourism (SECTUR), and",
                Some(("SECTUR", "Secretariat of Tourism")),
            ),
            (
                "the domestic violence shelter Centro Integral de Atencion a Las Mujeres (CIAM) in",
                Some(("CIAM", "Centro Integral de Atencion a Las Mujeres")),
            ),
            (
                "the Instituto Nacional de Migracion (INM) said",
                Some(("INM", "Instituto Nacional de Migracion")),
            ),
            (
                "la Police Judiciaire (PJ) a",
                Some(("PJ", "Police Judiciaire")),
            ),
            (
                "the Foreign Ministry (SRE) and",
                Some(("SRE", "Foreign Ministry")),
            ),
            (
                "The Mexican National Migration Institute (INM) has",
                Some(("INM", "Mexican National Migration Institute")),
            ),
            (
                "the High-Level Border Security Group (Grupo de Alto Nivel de Seguridad Fronteriza, GANSEF) met",
                Some(("GANSEF", "Grupo de Alto Nivel de Seguridad Fronteriza")),
            ),
            (
                "met the PRI (Institutional Revolutionary Party) leaders",
                Some(("PRI", "Institutional Revolutionary Party")),
            ),
            (
                "the U.S. Government (USG) and",
                Some(("USG", "U.S. Government")),
            ),
            (
                "the Department of Homeland Security Immigration and Customs Enforcement (DHS-ICE) and",
                Some((
                    "DHS-ICE",
                    "Department of Homeland Security Immigration and Customs Enforcement",
                )),
            ),
            // Not definitions.
            ("is (SBU) marked", None),
            ("as reported (Ref C), the", None),
            ("in Puebla (see question 20).", None),
            ("on the charge of Lenocinio (Pimping) and", None),
            ("met Senator Juan Perez (PRI) and", None),
            ("the cable (S/NF) said", None),
            ("the PGR (see question 17) said", None),
        ];
        for (text, want) in cases {
            let got = one(text).map(|(a, e, _)| (a, e));
            let want = want.map(|(a, e)| (a.to_owned(), e.to_owned()));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn confidence_follows_the_letters() {
        let c = |t: &str| one(t).map(|d| d.2);
        assert_eq!(c("the Government of Mexico (GOM)"), Some(1.0));
        assert_eq!(c("the Foreign Ministry (SRE)"), Some(0.0));
        assert_eq!(c("the National Human Rights Commission (CNDH)"), Some(0.38));
        assert_eq!(c("the Secretariat of Tourism (SECTUR)"), Some(0.33));
    }

    #[test]
    fn acronym_keys() {
        assert_eq!(acronym_key("TCNs"), Some("TCN"));
        assert_eq!(acronym_key("DHS-ICE"), Some("DHS-ICE"));
        assert_eq!(acronym_key("SBU"), None);
        assert_eq!(acronym_key("S/NF"), None);
        assert_eq!(acronym_key("Pimping"), None);
        assert_eq!(acronym_key("A"), None);
    }
}
