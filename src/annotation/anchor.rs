//! Where an annotation sits: several selectors for one passage (W3C Web Annotation style).
//!
//! An [`Anchor`] records the passage three ways at once, so that it can be found again
//! after the cable text or the parser changes: the paragraph key (its cable number, which
//! survives re-parsing, or its index for unnumbered text) with byte offsets into the
//! paragraph's clean text; the quoted text itself with about 32 characters of context on
//! each side; and a hash of the paragraph text. A passage may run across paragraphs: the
//! document is then seen as the paragraphs' clean texts joined by [`PARAGRAPH_SEPARATOR`]
//! (see [`FlatText`]), and the quote contains that separator.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::cable::Cable;

use super::hash::text_hash;

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// What stands between two paragraphs in the flat document text.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// Fields read from a file that this version does not know, kept to be written back.
pub type Extra = BTreeMap<String, ron::Value>;

/// One end of a passage: a paragraph and a byte offset in its clean text.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct TextPos {
    /// The paragraph's cable number (`¶N`), the key that survives re-parsing.
    pub paragraph: Option<u32>,
    /// Index into [`Cable::paragraphs`]: the key for unnumbered text, a hint otherwise.
    pub index: usize,
    /// Byte offset into the paragraph's clean text.
    pub offset: usize,
}

/// The selectors of one annotated passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// Where the passage starts.
    pub start: TextPos,
    /// Where it ends (exclusive); may be a later paragraph.
    pub end: TextPos,
    /// The passage as it was quoted (paragraphs joined by [`PARAGRAPH_SEPARATOR`]).
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before the passage.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after the passage.
    pub suffix: String,
    /// [`text_hash`] of the start paragraph's clean text when the anchor was made.
    pub paragraph_hash: String,
    /// The text now at `start..end` when it differs from `exact` (the passage was found
    /// with changed words); `exact` stays the quote the user annotated until the new
    /// wording is accepted.
    pub current: Option<String>,
}

/// Why a selection cannot become an anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorError {
    /// No paragraph with this index.
    NoParagraph(usize),
    /// The range is empty, reversed, past the end, or not on character boundaries.
    BadRange,
}

impl std::fmt::Display for AnchorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoParagraph(i) => write!(f, "no paragraph {i}"),
            Self::BadRange => f.write_str("the selection is empty or outside the paragraph"),
        }
    }
}

impl std::error::Error for AnchorError {}

impl Anchor {
    /// An anchor for bytes `range` of paragraph `paragraph`'s clean text.
    ///
    /// # Errors
    /// [`AnchorError`] when the paragraph does not exist or the range is empty or invalid.
    pub fn from_selection(
        cable: &Cable,
        paragraph: usize,
        range: Range<usize>,
    ) -> Result<Self, AnchorError> {
        Self::from_span(cable, (paragraph, range.start), (paragraph, range.end))
    }

    /// An anchor from `(paragraph index, byte offset)` `start` to `end` (exclusive), which
    /// may lie in a later paragraph.
    ///
    /// # Errors
    /// [`AnchorError`] when a paragraph does not exist or the span is empty or invalid.
    pub fn from_span(
        cable: &Cable,
        start: (usize, usize),
        end: (usize, usize),
    ) -> Result<Self, AnchorError> {
        let flat = FlatText::new(cable);
        let s = flat
            .to_flat(start.0, start.1)
            .ok_or(AnchorError::NoParagraph(start.0))?;
        let e = flat
            .to_flat(end.0, end.1)
            .ok_or(AnchorError::NoParagraph(end.0))?;
        for (i, off) in [start, end] {
            let text = &cable.paragraphs[i].text;
            if off > text.len() || !text.is_char_boundary(off) {
                return Err(AnchorError::BadRange);
            }
        }
        if s >= e {
            return Err(AnchorError::BadRange);
        }
        Ok(flat.anchor_at(cable, s..e))
    }

    /// The byte range of this anchor inside paragraph `index`'s clean text (of length
    /// `len`), when the passage covers part of that paragraph.
    #[must_use]
    pub fn range_in(&self, index: usize, len: usize) -> Option<Range<usize>> {
        if index < self.start.index || index > self.end.index {
            return None;
        }
        let from = if index == self.start.index {
            self.start.offset.min(len)
        } else {
            0
        };
        let to = if index == self.end.index {
            self.end.offset.min(len)
        } else {
            len
        };
        (from < to || (from == to && self.start == self.end)).then_some(from..to)
    }

    /// Whether the passage covers (part of) paragraph `index`.
    #[must_use]
    pub fn touches(&self, index: usize) -> bool {
        (self.start.index..=self.end.index).contains(&index)
    }
}

/// The cable's paragraphs as one text, joined by [`PARAGRAPH_SEPARATOR`], with the map
/// between flat byte offsets and `(paragraph index, offset)`.
#[derive(Debug, Clone)]
pub struct FlatText {
    /// The joined text.
    pub text: String,
    /// Flat offset where each paragraph starts.
    pub starts: Vec<usize>,
    /// Length of each paragraph.
    pub lens: Vec<usize>,
}

impl FlatText {
    /// Join `cable`'s paragraphs.
    #[must_use]
    pub fn new(cable: &Cable) -> Self {
        let total: usize = cable
            .paragraphs
            .iter()
            .map(|p| p.text.len() + PARAGRAPH_SEPARATOR.len())
            .sum();
        let mut text = String::with_capacity(total);
        let mut starts = Vec::with_capacity(cable.paragraphs.len());
        let mut lens = Vec::with_capacity(cable.paragraphs.len());
        for (i, p) in cable.paragraphs.iter().enumerate() {
            if i > 0 {
                text.push_str(PARAGRAPH_SEPARATOR);
            }
            starts.push(text.len());
            lens.push(p.text.len());
            text.push_str(&p.text);
        }
        Self { text, starts, lens }
    }

    /// Flat offset of byte `offset` in paragraph `index` (the offset is not checked
    /// against the paragraph's length).
    #[must_use]
    pub fn to_flat(&self, index: usize, offset: usize) -> Option<usize> {
        self.starts.get(index).map(|s| s.saturating_add(offset))
    }

    /// `(paragraph index, offset)` of a flat offset; an offset inside a separator maps to
    /// the end of the paragraph before it.
    #[must_use]
    pub fn to_pos(&self, flat: usize) -> (usize, usize) {
        let i = self
            .starts
            .partition_point(|&s| s <= flat)
            .saturating_sub(1);
        let start = self.starts.get(i).copied().unwrap_or(0);
        let len = self.lens.get(i).copied().unwrap_or(0);
        (i, (flat - start.min(flat)).min(len))
    }

    /// Flat range of paragraphs `first..=last`.
    #[must_use]
    pub fn paragraphs_range(&self, first: usize, last: usize) -> Option<Range<usize>> {
        let s = *self.starts.get(first)?;
        let e = self.starts.get(last)? + self.lens.get(last)?;
        Some(s..e)
    }

    /// A fresh anchor for the flat byte range `range` (must lie on char boundaries).
    #[must_use]
    pub fn anchor_at(&self, cable: &Cable, range: Range<usize>) -> Anchor {
        let (si, so) = self.to_pos(range.start);
        // An end inside a separator belongs to the paragraph before it.
        let (ei, eo) = self.to_pos(range.end);
        let pos = |i: usize, offset: usize| TextPos {
            paragraph: cable.paragraphs.get(i).and_then(|p| p.number),
            index: i,
            offset,
        };
        let exact = self.text.get(range.clone()).unwrap_or_default().to_owned();
        let before = self.text.get(..range.start).unwrap_or_default();
        let after = self.text.get(range.end..).unwrap_or_default();
        Anchor {
            start: pos(si, so),
            end: pos(ei, eo),
            exact,
            prefix: tail_chars(before, CONTEXT_CHARS).to_owned(),
            suffix: head_chars(after, CONTEXT_CHARS).to_owned(),
            paragraph_hash: cable
                .paragraphs
                .get(si)
                .map(|p| text_hash(&p.text))
                .unwrap_or_default(),
            current: None,
        }
    }
}

/// The last `n` characters of `s`.
#[must_use]
pub fn tail_chars(s: &str, n: usize) -> &str {
    let cut = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 { "" } else { &s[cut..] }
}

/// The first `n` characters of `s`.
#[must_use]
pub fn head_chars(s: &str, n: usize) -> &str {
    let cut = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::Paragraph;

    fn cable(texts: &[&str]) -> Cable {
        Cable {
            paragraphs: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Paragraph {
                    number: u32::try_from(i + 1).ok(),
                    text: (*t).to_owned(),
                    ..Paragraph::default()
                })
                .collect(),
            ..Cable::default()
        }
    }

    #[test]
    fn selection_records_quote_and_context() {
        let c = cable(&["Alpha beta gamma.", "Delta épsilon zeta."]);
        let a = Anchor::from_selection(&c, 1, 6..14).expect("anchor");
        assert_eq!(a.exact, "épsilon");
        assert_eq!(a.prefix, "Alpha beta gamma.\n\nDelta ");
        assert_eq!(a.suffix, " zeta.");
        assert_eq!(a.start.paragraph, Some(2));
        assert_eq!(
            Anchor::from_selection(&c, 1, 7..8),
            Err(AnchorError::BadRange)
        );
        assert_eq!(
            Anchor::from_selection(&c, 1, 3..3),
            Err(AnchorError::BadRange)
        );
        assert_eq!(
            Anchor::from_selection(&c, 5, 0..1),
            Err(AnchorError::NoParagraph(5))
        );
        let span = Anchor::from_span(&c, (0, 6), (1, 5)).expect("span");
        assert_eq!(span.exact, "beta gamma.\n\nDelta");
        assert_eq!(span.range_in(0, 17), Some(6..17));
        assert_eq!(span.range_in(1, 20), Some(0..5));
    }

    #[test]
    fn char_helpers() {
        assert_eq!(tail_chars("héllo", 3), "llo");
        assert_eq!(tail_chars("hé", 5), "hé");
        assert_eq!(head_chars("héllo", 2), "hé");
        assert_eq!(tail_chars("abc", 0), "");
    }
}
