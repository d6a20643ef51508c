//! The tag view: every tag used in the corpus's sidecars with how many passages carry it,
//! then the passages of the chosen tag grouped by cable, with counts per post and year.
//!
//! The library opens it (`T`) on a [`Census`] the event loop read from the sidecars;
//! `Enter` on a tag has the loop gather its passages ([`crate::corpus::tags`], the same
//! gathering as `cablescope notes DIR --tag`), and `Enter` on a passage opens its cable in
//! the reader at that paragraph. Back returns from the passages to the tags, then to the
//! list. Reading files is the loop's; this holds what it read and the cursors.

use crate::annotation::AnchorStatus;
use crate::corpus::tags::{Census, TagReport};

/// The tags of the corpus, and the passages of one when chosen.
#[derive(Debug, Clone)]
pub struct TagView {
    /// Every tag with its passages.
    pub census: Census,
    /// Selected tag (an index into the census's tags).
    pub selected: usize,
    /// The chosen tag's passages, when gathered.
    pub passages: Option<TagPassages>,
}

/// The passages of one tag.
#[derive(Debug, Clone)]
pub struct TagPassages {
    /// What was gathered.
    pub report: TagReport,
    /// One row per passage, cable by cable in the report's order.
    pub rows: Vec<PassageRow>,
    /// Selected row.
    pub selected: usize,
}

/// One tagged passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageRow {
    /// Its cable (an index into the report's cables).
    pub cable: usize,
    /// Index of its paragraph in the cable's parse; `None` when the passage is orphaned
    /// (its text is no longer in the cable).
    pub paragraph: Option<usize>,
    /// Where it is: `¶23`, `¶` for unnumbered text, `orphaned`.
    pub place: String,
    /// The passage's words as tagged.
    pub quote: String,
    /// The note beside it.
    pub note: String,
}

impl TagView {
    /// The view of `census`, on its first (most used) tag.
    #[must_use]
    pub fn new(census: Census) -> Self {
        Self {
            census,
            selected: 0,
            passages: None,
        }
    }

    /// The selected tag.
    #[must_use]
    pub fn selected_tag(&self) -> Option<&str> {
        self.census.tags.get(self.selected).map(|(t, _)| t.as_str())
    }

    /// Move the cursor of the open list by `delta` (clamped); returns whether it moved.
    pub fn step(&mut self, delta: isize) -> bool {
        let (at, n) = match &mut self.passages {
            Some(p) => (&mut p.selected, p.rows.len()),
            None => (&mut self.selected, self.census.tags.len()),
        };
        let to = at.saturating_add_signed(delta).min(n.saturating_sub(1));
        let moved = to != *at;
        *at = to;
        moved
    }

    /// Show the passages of `report` (the chosen tag's); when they replace the same tag's,
    /// the cursor stays where it was (clamped).
    pub fn show(&mut self, report: TagReport) {
        let rows = passage_rows(&report);
        let selected = self
            .passages
            .as_ref()
            .filter(|p| p.report.tag == report.tag)
            .map_or(0, |p| p.selected.min(rows.len().saturating_sub(1)));
        self.passages = Some(TagPassages {
            report,
            rows,
            selected,
        });
    }

    /// Take a new count of the tags, the selected tag staying selected when it is still
    /// used (else the cursor is clamped); the passages shown stay until gathered again.
    pub fn recount(&mut self, census: Census) {
        let tag = self.selected_tag().map(str::to_owned);
        self.selected = tag
            .and_then(|t| census.tags.iter().position(|(c, _)| *c == t))
            .unwrap_or(self.selected)
            .min(census.tags.len().saturating_sub(1));
        self.census = census;
    }

    /// Where the selected passage's cable is, and its paragraph, when the passages are
    /// shown.
    #[must_use]
    pub fn selected_passage(&self) -> Option<(crate::split::Place, Option<usize>)> {
        let p = self.passages.as_ref()?;
        let row = p.rows.get(p.selected)?;
        let cable = p.report.cables.get(row.cable)?;
        Some((cable.place.clone(), row.paragraph))
    }
}

/// The rows of `report`: its passages, cable by cable, each cable's in sidecar order.
#[must_use]
pub fn passage_rows(report: &TagReport) -> Vec<PassageRow> {
    let mut rows = Vec::new();
    for (i, t) in report.cables.iter().enumerate() {
        for a in t.set.iter().filter(|a| a.has_tag(&report.tag)) {
            let paragraph = (a.status != AnchorStatus::Orphaned)
                .then_some(a.anchor.start.index)
                .filter(|&p| p < t.cable.paragraphs.len());
            let place = paragraph
                .and_then(|p| t.cable.paragraphs.get(p))
                .map_or_else(|| "orphaned".to_owned(), |p| p.label());
            rows.push(PassageRow {
                cable: i,
                paragraph,
                place,
                quote: a.anchor.exact.clone(),
                note: a.note.clone(),
            });
        }
    }
    rows
}
