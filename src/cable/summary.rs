//! Where the cable's own summary is: the `Summary: … End Summary.` text most cables open
//! with, which may run over several paragraphs.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The author's summary, as positions in the clean text of the paragraphs it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Indices into [`crate::cable::Cable::paragraphs`] of the first and last paragraph
    /// it covers (`start..end`, end exclusive).
    pub paragraphs: Range<usize>,
    /// Byte offset in the first paragraph's clean text where the summary's words begin
    /// (after `Summary:`).
    pub start: usize,
    /// Byte offset in the last paragraph's clean text where they end (before `End
    /// Summary.`, or the paragraph's end when the author closed it with none).
    pub end: usize,
}
