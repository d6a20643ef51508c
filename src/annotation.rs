//! Annotations: tagged and noted passages of a cable, anchored so they survive edits.
//!
//! This is the part of cablescope whose data cannot be recomputed, so it is built around
//! `ANNOTATIONS.md`: each annotation keeps several selectors ([`Anchor`]), re-anchoring
//! runs a cascade and reports each annotation as exact, moved, changed (found with other
//! words: the annotated quote is kept beside the current one, see [`wording`]) or orphaned
//! ([`AnnotationSet::reanchor`]), orphans are never deleted, and two copies merge per id
//! ([`AnnotationSet::merge`]). The sidecar file lives in [`crate::store`]. No terminal code
//! here: the reader builds on this API.

mod anchor;
mod fuzzy;
mod hash;
mod model;
mod reanchor;
mod set;
pub mod wording;

pub use anchor::{
    Anchor, AnchorError, CONTEXT_CHARS, Extra, FlatText, PARAGRAPH_SEPARATOR, TextPos, head_chars,
    tail_chars,
};
pub use fuzzy::{Match, distance, search, similarity};
pub use hash::{fnv1a64, text_hash};
pub use model::{AnchorStatus, Annotation, Tombstone, new_id, normalize_tags};
pub use reanchor::{Method, ReanchorEntry, ReanchorReport, Reanchorer};
pub use set::{AnnotationSet, Change, MergeReport, SetError};
