//! One annotation: a passage (its [`Anchor`]), tags, a note, a stable id and times.

use chrono::{DateTime, Utc};

use super::anchor::{Anchor, Extra};

/// How an annotation's passage was found in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorStatus {
    /// Not checked against a text yet.
    #[default]
    Unchecked,
    /// Found where it was recorded.
    Exact,
    /// The exact quote, found elsewhere; the anchor now points there.
    Moved,
    /// Found, but its words differ: the anchor points at the new place, the quote the
    /// user annotated is kept and the text there now is recorded beside it
    /// ([`crate::annotation::Anchor::current`]) until the user accepts or re-attaches.
    Changed,
    /// Not found: kept with its quote and note until re-attached or deleted.
    Orphaned,
}

impl AnchorStatus {
    /// The word used in reports and exports.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unchecked => "unchecked",
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Changed => "changed",
            Self::Orphaned => "orphaned",
        }
    }
}

/// A tagged and/or noted passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Stable id (a UUID v4 for new annotations); merges across instances go by it.
    pub id: String,
    /// Where the passage is.
    pub anchor: Anchor,
    /// Tags, in the order the user gave them, without duplicates.
    pub tags: Vec<String>,
    /// Free multi-line note (may be empty).
    pub note: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// When it was last changed by the user (the later edit wins in a merge).
    pub updated: DateTime<Utc>,
    /// Result of the last re-anchoring (not written to disk).
    pub status: AnchorStatus,
    /// Fields from the file this version does not know, written back as they were.
    pub extra: Extra,
}

impl Annotation {
    /// A new annotation with a fresh id, made `now`.
    #[must_use]
    pub fn new(anchor: Anchor, tags: Vec<String>, note: String, now: DateTime<Utc>) -> Self {
        Self::with_id(new_id(), anchor, tags, note, now)
    }

    /// A new annotation with a given id (tests, imports).
    #[must_use]
    pub fn with_id(
        id: String,
        anchor: Anchor,
        tags: Vec<String>,
        note: String,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            anchor,
            tags: normalize_tags(tags),
            note,
            created: now,
            updated: now,
            status: AnchorStatus::Exact,
            extra: Extra::new(),
        }
    }

    /// Whether it carries `tag` (compared without regard to case).
    #[must_use]
    pub fn has_tag(&self, tag: &str) -> bool {
        let tag = tag.to_lowercase();
        self.tags.iter().any(|t| t.to_lowercase() == tag)
    }

    /// Same content as `other`, ignoring the re-anchoring status.
    #[must_use]
    pub fn same_content(&self, other: &Self) -> bool {
        self.id == other.id
            && self.anchor == other.anchor
            && self.tags == other.tags
            && self.note == other.note
            && self.created == other.created
            && self.updated == other.updated
            && self.extra == other.extra
    }
}

/// A deletion remembered so that a merge does not bring the annotation back.
#[derive(Debug, Clone, PartialEq)]
pub struct Tombstone {
    /// The deleted annotation's id.
    pub id: String,
    /// When it was deleted.
    pub deleted: DateTime<Utc>,
    /// Unknown fields kept from the file.
    pub extra: Extra,
}

/// A fresh random annotation id.
#[must_use]
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Tags trimmed, empty ones dropped, duplicates (ignoring case) removed, order kept.
#[must_use]
pub fn normalize_tags(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for t in tags {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
            out.push(t.to_owned());
        }
    }
    out
}
