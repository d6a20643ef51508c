//! The document model: what a cable *is*, independent of how it was read or shown.
//!
//! Every other layer reads this model: the parser builds it, the reader draws it, the
//! annotation store anchors notes to it, and `cablescope dump` serialises a view of it.
//! It knows nothing of terminals (no ratatui, no crossterm), so it can be used from plain
//! unit tests and other tools.
//!
//! Positions come in two coordinate systems, kept apart on purpose:
//! - *source* byte ranges (`span`, [`Repair::source`]) index the text given to
//!   [`crate::parse::parse`], so the raw original can always be shown beside the clean text;
//! - *clean* byte ranges (question parts, cross-reference phrases, blocks, page breaks)
//!   index a paragraph's [`Paragraph::text`].

mod definition;
mod header;
mod paragraph;
mod post;
mod section;
mod summary;
mod xref;

pub use definition::Definition;
pub use header::{Header, Level, Recipient, Reference};
pub use paragraph::{
    Block, BlockKind, PageBreak, Paragraph, Question, QuestionNumber, Repair, RepairKind,
    SubParagraph,
};
pub use post::{is_post_name, post_name, station, station_of_post};
pub use section::Section;
pub use summary::Summary;
pub use xref::{CrossRef, XrefKind, XrefTarget};

use serde::{Deserialize, Serialize};

/// A parsed cable: header, body paragraphs grouped into sections, and the links between them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cable {
    /// Canonical reference id such as `06MEXICO1113`, when the header yields one.
    pub id: Option<String>,
    /// Envelope, classification, TAGS, SUBJECT and REF list.
    pub header: Header,
    /// Section headings in document order; each lists the paragraphs under it.
    pub sections: Vec<Section>,
    /// Body paragraphs in document order (numbered ones in increasing number order).
    pub paragraphs: Vec<Paragraph>,
    /// Cross-references found in the paragraphs' clean text, one per named target.
    pub xrefs: Vec<CrossRef>,
    /// The signer's surname(s) from the last line, e.g. `KELLY`.
    pub signature: Option<String>,
    /// Total number of pages (sections of transmission), e.g. 18 for `SECTION 01 OF 18`.
    pub page_count: Option<u32>,
    /// Where the author's own summary (`Summary: … End Summary.`) is, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// Acronyms the cable defines inline (`Government of Mexico (GOM)`), in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub definitions: Vec<Definition>,
}

impl Cable {
    /// The text of the author's summary, its paragraphs joined by a blank line.
    #[must_use]
    pub fn summary_text(&self) -> Option<String> {
        let s = self.summary.as_ref()?;
        let last = s.paragraphs.end.checked_sub(1)?;
        let mut out = String::new();
        for i in s.paragraphs.clone() {
            let text = &self.paragraphs.get(i)?.text;
            let from = if i == s.paragraphs.start { s.start } else { 0 };
            let to = if i == last { s.end } else { text.len() };
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(text.get(from..to)?.trim());
        }
        Some(out)
    }

    /// Index in [`Cable::paragraphs`] of the (first) paragraph numbered `number`.
    #[must_use]
    pub fn paragraph_index(&self, number: u32) -> Option<usize> {
        self.paragraphs_numbered(number).next()
    }

    /// Indices in [`Cable::paragraphs`] of the paragraphs numbered `number`, in order:
    /// one, or none, except where the drafter printed a number twice (a second `¶6.
    /// (C)`, a numbering restarted), which the parser keeps as printed.
    pub fn paragraphs_numbered(&self, number: u32) -> impl Iterator<Item = usize> + '_ {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.number == Some(number))
            .map(|(i, _)| i)
    }

    /// Index of the paragraph that holds question `number` (numbered questions only).
    #[must_use]
    pub fn question_index(&self, number: u32) -> Option<usize> {
        self.paragraphs.iter().position(|p| {
            p.question
                .as_ref()
                .is_some_and(|q| q.number == QuestionNumber::Number(number))
        })
    }

    /// Index of the first paragraph that starts on or after `page`.
    #[must_use]
    pub fn page_index(&self, page: u32) -> Option<usize> {
        self.paragraphs
            .iter()
            .position(|p| p.page >= page || p.page_breaks.iter().any(|b| b.page == page))
    }

    /// Cross-references made by paragraph `index`.
    pub fn links_from(&self, index: usize) -> impl Iterator<Item = &CrossRef> {
        self.xrefs.iter().filter(move |x| x.paragraph == index)
    }

    /// Cross-references from other paragraphs that land on paragraph `index`.
    pub fn backlinks_to(&self, index: usize) -> impl Iterator<Item = &CrossRef> {
        self.xrefs
            .iter()
            .filter(move |x| x.target.paragraph() == Some(index))
    }
}
