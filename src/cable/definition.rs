//! Inline definitions of acronyms (`Government of Mexico (GOM)`): what the cable itself
//! says its letters mean, and where it says it. Found by the parser's last pass; the
//! glossary (shipped vocabularies, other cables) is built on top of these elsewhere.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One place where a cable spells out an acronym.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    /// The acronym as a glossary key: the letters in the parentheses, a plural `s`
    /// dropped (`TCNs` gives `TCN`).
    pub acronym: String,
    /// The words it stands for, as written (`Third Country Nationals`).
    pub expansion: String,
    /// Index into [`crate::cable::Cable::paragraphs`] of the paragraph holding it.
    pub paragraph: usize,
    /// Byte range in that paragraph's clean text of the whole definition, from the first
    /// word of the expansion to the closing parenthesis.
    pub range: Range<usize>,
    /// How well the acronym's letters match the words, from 0 to 1: the share of its
    /// letters that are the initials of words, in order (1.0 for `Government of Mexico
    /// (GOM)`), lower for syllable acronyms (`SECTUR`) and least for translations
    /// whose letters follow another language's words (`Foreign Ministry (SRE)`).
    pub confidence: f32,
}
