//! Cursor motions over the clean text, as pure functions with table tests.
//!
//! The reader's cursor is a [`TextCursor`] (paragraph index, byte offset). Motions behave
//! as vim users expect: `w` to the start of the next word, `e` to the end of the word, `b`
//! to the start of the word; a word is a run of letters and digits (and apostrophes, so
//! `Mexico's` is one word) or a run of other non-blank characters, and the end of a
//! paragraph counts as a blank, so motions cross paragraphs. Sentences follow
//! [`crate::sentence`]. Lines need the layout and stay in `annotate.rs`.

use crate::cable::Paragraph;
use crate::sentence::sentence_starts;

/// A position in the clean text: paragraph index and byte offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextCursor {
    /// Index into [`crate::cable::Cable::paragraphs`].
    pub para: usize,
    /// Byte offset in that paragraph's clean text (on a character boundary).
    pub offset: usize,
}

impl TextCursor {
    /// Paragraph `para`, byte `offset`.
    #[must_use]
    pub const fn new(para: usize, offset: usize) -> Self {
        Self { para, offset }
    }
}

/// The paragraphs' texts, as motions see them.
pub trait Texts {
    /// Number of paragraphs.
    fn count(&self) -> usize;
    /// Clean text of paragraph `i` (empty past the end).
    fn text(&self, i: usize) -> &str;
}

impl Texts for [Paragraph] {
    fn count(&self) -> usize {
        self.len()
    }
    fn text(&self, i: usize) -> &str {
        self.get(i).map_or("", |p| p.text.as_str())
    }
}

impl Texts for [&str] {
    fn count(&self) -> usize {
        self.len()
    }
    fn text(&self, i: usize) -> &str {
        self.get(i).copied().unwrap_or("")
    }
}

/// What kind of character a motion sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Blank,
    Word,
    Punct,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Blank
    } else if c.is_alphanumeric() || matches!(c, '_' | '\'' | '’') {
        Class::Word
    } else {
        Class::Punct
    }
}

/// The character at `c`; the end of a paragraph (not the last) reads as a line break.
fn char_at<T: Texts + ?Sized>(t: &T, c: TextCursor) -> Option<char> {
    match t
        .text(c.para)
        .get(c.offset..)
        .and_then(|r| r.chars().next())
    {
        Some(ch) => Some(ch),
        None if c.para + 1 < t.count() => Some('\n'),
        None => None,
    }
}

/// One character on (the end of a paragraph steps to the next one's start).
#[must_use]
pub fn next_char<T: Texts + ?Sized>(t: &T, c: TextCursor) -> Option<TextCursor> {
    match t
        .text(c.para)
        .get(c.offset..)
        .and_then(|r| r.chars().next())
    {
        Some(ch) => Some(TextCursor::new(c.para, c.offset + ch.len_utf8())),
        None if c.para + 1 < t.count() => Some(TextCursor::new(c.para + 1, 0)),
        None => None,
    }
}

/// One character back (a paragraph's start steps to the previous one's end).
#[must_use]
pub fn prev_char<T: Texts + ?Sized>(t: &T, c: TextCursor) -> Option<TextCursor> {
    match t
        .text(c.para)
        .get(..c.offset)
        .and_then(|r| r.chars().next_back())
    {
        Some(ch) => Some(TextCursor::new(c.para, c.offset - ch.len_utf8())),
        None if c.para > 0 => Some(TextCursor::new(c.para - 1, t.text(c.para - 1).len())),
        None => None,
    }
}

/// `l`: the next character, staying put at the very end.
#[must_use]
pub fn right<T: Texts + ?Sized>(t: &T, c: TextCursor) -> TextCursor {
    next_char(t, c).unwrap_or(c)
}

/// `h`: the previous character, staying put at the very start.
#[must_use]
pub fn left<T: Texts + ?Sized>(t: &T, c: TextCursor) -> TextCursor {
    prev_char(t, c).unwrap_or(c)
}

/// `w`: the start of the next word (or the end of the text).
#[must_use]
pub fn word_forward<T: Texts + ?Sized>(t: &T, c: TextCursor) -> TextCursor {
    let Some(first) = char_at(t, c) else {
        return c;
    };
    let mut at = c;
    let start = class(first);
    // The rest of the current word, then the blanks after it.
    while start != Class::Blank && char_at(t, at).map(class) == Some(start) {
        match next_char(t, at) {
            Some(n) => at = n,
            None => return at,
        }
    }
    while char_at(t, at).map(class) == Some(Class::Blank) {
        match next_char(t, at) {
            Some(n) => at = n,
            None => return at,
        }
    }
    at
}

/// `e`: the last character of this word, or of the next one when already there.
#[must_use]
pub fn word_end<T: Texts + ?Sized>(t: &T, c: TextCursor) -> TextCursor {
    let Some(mut at) = next_char(t, c) else {
        return c;
    };
    while char_at(t, at).map(class) == Some(Class::Blank) {
        match next_char(t, at) {
            Some(n) => at = n,
            None => return c,
        }
    }
    let Some(kind) = char_at(t, at).map(class) else {
        return c;
    };
    while let Some(n) = next_char(t, at)
        && char_at(t, n).map(class) == Some(kind)
    {
        at = n;
    }
    at
}

/// `b`: the start of this word, or of the previous one when already there.
#[must_use]
pub fn word_back<T: Texts + ?Sized>(t: &T, c: TextCursor) -> TextCursor {
    let Some(mut at) = prev_char(t, c) else {
        return c;
    };
    while char_at(t, at).map(class) == Some(Class::Blank) {
        match prev_char(t, at) {
            Some(p) => at = p,
            None => return at,
        }
    }
    let Some(kind) = char_at(t, at).map(class) else {
        return at;
    };
    while let Some(p) = prev_char(t, at)
        && char_at(t, p).map(class) == Some(kind)
    {
        at = p;
    }
    at
}

/// `s`: the start of the next sentence (the paragraph's end, then the next paragraph).
#[must_use]
pub fn sentence_forward<T: Texts + ?Sized>(t: &T, c: TextCursor) -> TextCursor {
    let text = t.text(c.para);
    if c.offset >= text.len() {
        return if c.para + 1 < t.count() {
            TextCursor::new(c.para + 1, 0)
        } else {
            c
        };
    }
    let to = sentence_starts(text)
        .into_iter()
        .find(|&s| s > c.offset)
        .unwrap_or(text.len());
    TextCursor::new(c.para, to)
}

/// `S`: the start of this sentence, or of the previous one when already there.
#[must_use]
pub fn sentence_back<T: Texts + ?Sized>(t: &T, c: TextCursor) -> TextCursor {
    let before = sentence_starts(t.text(c.para))
        .into_iter()
        .rev()
        .find(|&s| s < c.offset);
    match before {
        Some(s) => TextCursor::new(c.para, s),
        None if c.para > 0 => {
            let p = c.para - 1;
            let s = sentence_starts(t.text(p)).last().copied().unwrap_or(0);
            TextCursor::new(p, s)
        }
        None => c,
    }
}

/// `}` while selecting: the end of this paragraph, or of the next one when already there.
#[must_use]
pub fn paragraph_forward<T: Texts + ?Sized>(t: &T, c: TextCursor) -> TextCursor {
    let len = t.text(c.para).len();
    if c.offset < len {
        TextCursor::new(c.para, len)
    } else if c.para + 1 < t.count() {
        TextCursor::new(c.para + 1, t.text(c.para + 1).len())
    } else {
        c
    }
}

/// `{` while selecting: the start of this paragraph, or of the previous one.
#[must_use]
pub fn paragraph_back(c: TextCursor) -> TextCursor {
    if c.offset > 0 {
        TextCursor::new(c.para, 0)
    } else if c.para > 0 {
        TextCursor::new(c.para - 1, 0)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &[&str] = &[
        "Question 9. What is the U.S. role?",
        "Mexico's NGOs -- and others.",
    ];

    type Motion = fn(&'static [&'static str], TextCursor) -> TextCursor;

    /// Where `motion` from byte `at` of paragraph `para` lands: `"paragraph:rest of it"`.
    fn land(motion: Motion, para: usize, at: usize) -> String {
        let c = motion(TEXT, TextCursor::new(para, at));
        format!("{}:{}", c.para, &TEXT[c.para][c.offset..])
    }

    #[test]
    fn words_as_vim() {
        // (motion, paragraph, byte, where it lands: "paragraph:rest of the text")
        let cases: &[(&str, Motion, usize, usize, &str)] = &[
            ("w", word_forward, 0, 0, "0:9. What is the U.S. role?"),
            ("w", word_forward, 0, 9, "0:. What is the U.S. role?"),
            ("w", word_forward, 0, 10, "0:What is the U.S. role?"),
            ("w", word_forward, 0, 24, "0:.S. role?"), // in U.S. letters and stops alternate
            ("w", word_forward, 0, 29, "0:?"),
            ("w", word_forward, 0, 33, "1:Mexico's NGOs -- and others."),
            ("w", word_forward, 1, 0, "1:NGOs -- and others."),
            ("w", word_forward, 1, 14, "1:and others."),
            ("w", word_forward, 1, 27, "1:"), // the end of the text
            ("e", word_end, 0, 0, "0:n 9. What is the U.S. role?"),
            ("e", word_end, 0, 7, "0:9. What is the U.S. role?"),
            ("e", word_end, 1, 0, "1:s NGOs -- and others."),
            ("e", word_end, 0, 33, "1:s NGOs -- and others."),
            ("e", word_end, 1, 27, "1:."),
            ("b", word_back, 0, 12, "0:. What is the U.S. role?"),
            ("b", word_back, 0, 14, "0:What is the U.S. role?"),
            ("b", word_back, 1, 0, "0:?"),
            ("b", word_back, 1, 9, "1:Mexico's NGOs -- and others."),
            ("b", word_back, 0, 0, "0:Question 9. What is the U.S. role?"),
        ];
        for &(name, motion, para, at, expected) in cases {
            assert_eq!(land(motion, para, at), expected, "{name} from {para}:{at}");
        }
    }

    #[test]
    fn sentences_skip_abbreviations_and_cross_paragraphs() {
        let cases: &[(&str, Motion, usize, usize, &str)] = &[
            ("s", sentence_forward, 0, 0, "0:What is the U.S. role?"),
            ("s", sentence_forward, 0, 12, "0:"), // U.S. ends no sentence
            (
                "s",
                sentence_forward,
                0,
                34,
                "1:Mexico's NGOs -- and others.",
            ),
            ("S", sentence_back, 0, 20, "0:What is the U.S. role?"),
            ("S", sentence_back, 1, 0, "0:What is the U.S. role?"),
        ];
        for &(name, motion, para, at, expected) in cases {
            assert_eq!(land(motion, para, at), expected, "{name} from {para}:{at}");
        }
    }

    #[test]
    fn characters_and_paragraphs_cross_boundaries() {
        let t = TEXT;
        assert_eq!(right(t, TextCursor::new(0, 34)), TextCursor::new(1, 0));
        assert_eq!(left(t, TextCursor::new(1, 0)), TextCursor::new(0, 34));
        assert_eq!(left(t, TextCursor::new(0, 0)), TextCursor::new(0, 0));
        assert_eq!(right(t, TextCursor::new(1, 28)), TextCursor::new(1, 28));
        assert_eq!(
            paragraph_forward(t, TextCursor::new(0, 3)),
            TextCursor::new(0, 34)
        );
        assert_eq!(
            paragraph_forward(t, TextCursor::new(0, 34)),
            TextCursor::new(1, 28)
        );
        assert_eq!(paragraph_back(TextCursor::new(1, 0)), TextCursor::new(0, 0));
        let accents: &[&str] = &["año víctimas"];
        assert_eq!(
            word_forward(accents, TextCursor::new(0, 0)),
            TextCursor::new(0, 5)
        );
        assert_eq!(
            word_end(accents, TextCursor::new(0, 5)).offset,
            "año víctima".len()
        );
    }
}
