//! Cross-references: "see question 17", "para 10", "(Ref C)", "reftel".

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One link from a place in a paragraph's clean text to one target.
///
/// A phrase naming several targets ("see questions 9 and 17") gives one `CrossRef` per
/// target; they share `phrase` and each has its own `range` (the part to highlight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrossRef {
    /// Index into [`crate::cable::Cable::paragraphs`] of the paragraph holding the phrase.
    pub paragraph: usize,
    /// Byte range in that paragraph's clean text of the whole phrase.
    pub phrase: Range<usize>,
    /// Byte range in that paragraph's clean text of this target's part of the phrase.
    pub range: Range<usize>,
    /// What kind of thing the phrase points at.
    pub kind: XrefKind,
    /// Where it points, or why it could not be resolved.
    pub target: XrefTarget,
}

impl CrossRef {
    /// The letter this link cites a REF entry by when the REF list carries no letters and
    /// the entry is taken at that letter's place ([`super::Reference::named_by`]): `Ref
    /// C` of `REF: BRASILIA 1250; RECIFE 66; (08) SAO PAULO 581`.
    #[must_use]
    pub fn letter_by_place(&self, refs: &[super::Reference]) -> Option<char> {
        match self.target {
            XrefTarget::Ref(k) if self.kind == XrefKind::Ref => {
                match super::Reference::letter_of(refs, k) {
                    Some((letter, true)) => Some(letter),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// What a cross-reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum XrefKind {
    /// "see question 9".
    Question,
    /// "see para 10", "paragraphs 27-30".
    Paragraph,
    /// "(Ref C)", "See Reftel A".
    Ref,
    /// A bare "reftel" / "reftels".
    Reftel,
}

/// The resolved target of a [`CrossRef`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum XrefTarget {
    /// A paragraph, by index into [`crate::cable::Cable::paragraphs`].
    Paragraph(usize),
    /// An entry of the REF list, by index into [`crate::cable::Header::refs`].
    Ref(usize),
    /// Nothing in this cable matches; the string says what was sought.
    Unresolved(String),
}

impl XrefTarget {
    /// The target paragraph index, for paragraph and question links.
    #[must_use]
    pub fn paragraph(&self) -> Option<usize> {
        match self {
            Self::Paragraph(i) => Some(*i),
            _ => None,
        }
    }

    /// Whether the link points somewhere.
    #[must_use]
    pub fn is_resolved(&self) -> bool {
        !matches!(self, Self::Unresolved(_))
    }
}
