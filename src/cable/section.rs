//! Section headings and the paragraphs they group.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A heading (an all-caps line or a dashed heading) and the paragraphs under it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Heading text, whitespace collapsed and joined across lines.
    pub title: String,
    /// Indices into [`crate::cable::Cable::paragraphs`] of the paragraphs under this heading.
    pub paragraphs: Vec<usize>,
    /// Byte range of the heading in the source.
    pub span: Range<usize>,
    /// 1-based source line of the heading.
    pub line: usize,
}
