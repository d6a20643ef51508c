//! The annotations of one cable, with undo/redo, lookups, re-anchoring and merging.
//!
//! Every change goes through [`AnnotationSet`] and returns the [`Change`] it made, so the
//! reader can redraw just what changed and the store can save after each change. Times
//! are taken from the caller-visible clock [`Utc::now`] except in the `*_at` variants,
//! which tests and imports use for reproducible files.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use chrono::{DateTime, Utc};

use crate::cable::Cable;

use super::anchor::{Anchor, Extra};
use super::model::{AnchorStatus, Annotation, Tombstone, normalize_tags};
use super::reanchor::{ReanchorEntry, ReanchorReport, Reanchorer};

/// One change to a set; undoing it applies the inverse change.
#[allow(clippy::large_enum_variant)] // made one at a time, per user action
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// This annotation was added.
    Added(Annotation),
    /// This annotation changed.
    Edited {
        /// As it was.
        before: Annotation,
        /// As it is now.
        after: Annotation,
    },
    /// This annotation was deleted.
    Deleted(Annotation),
}

impl Change {
    /// The id of the annotation concerned.
    #[must_use]
    pub fn id(&self) -> &str {
        match self {
            Self::Added(a) | Self::Deleted(a) | Self::Edited { after: a, .. } => &a.id,
        }
    }

    fn inverse(&self) -> Self {
        match self {
            Self::Added(a) => Self::Deleted(a.clone()),
            Self::Deleted(a) => Self::Added(a.clone()),
            Self::Edited { before, after } => Self::Edited {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }
}

/// Why a change could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetError {
    /// No annotation has this id.
    NoSuchId(String),
    /// The annotation's passage has not changed wording (nothing to accept).
    NotChanged(String),
}

impl std::fmt::Display for SetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSuchId(id) => write!(f, "no annotation with id {id}"),
            Self::NotChanged(_) => f.write_str("its wording has not changed"),
        }
    }
}

impl std::error::Error for SetError {}

/// What a merge with another copy of the file brought in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations only the other copy had.
    pub added: usize,
    /// Annotations the other copy had edited later.
    pub updated: usize,
    /// Annotations the other copy had deleted.
    pub deleted: usize,
}

impl MergeReport {
    /// Whether the merge changed nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added + self.updated + self.deleted == 0
    }
}

/// The annotations of one cable.
#[derive(Debug, Clone, Default)]
pub struct AnnotationSet {
    items: Vec<Annotation>,
    tombstones: BTreeMap<String, Tombstone>,
    /// Hash of the source the anchors were last checked against.
    pub source_hash: Option<String>,
    /// Top-level fields from the file this version does not know.
    pub extra: Extra,
    undo: Vec<Change>,
    redo: Vec<Change>,
    revision: u64,
}

impl AnnotationSet {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A set from stored parts. Duplicate ids are resolved deterministically: an exact
    /// copy is dropped, a different annotation under a taken id gets the id `ID~N`; each
    /// case adds a message.
    #[must_use]
    pub fn from_parts(
        items: Vec<Annotation>,
        tombstones: Vec<Tombstone>,
        source_hash: Option<String>,
        extra: Extra,
    ) -> (Self, Vec<String>) {
        let mut messages = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
        let mut kept: Vec<Annotation> = Vec::with_capacity(items.len());
        for mut a in items {
            if let Some(&i) = seen.get(&a.id) {
                if kept[i].same_content(&a) {
                    messages.push(format!("annotation {} appears twice; one copy kept", a.id));
                    continue;
                }
                let mut n = 2;
                let new_id = loop {
                    let candidate = format!("{}~{n}", a.id);
                    if !seen.contains_key(&candidate) {
                        break candidate;
                    }
                    n += 1;
                };
                messages.push(format!(
                    "two different annotations share the id {}; the second is now {new_id}",
                    a.id
                ));
                a.id = new_id;
            }
            seen.insert(a.id.clone(), kept.len());
            kept.push(a);
        }
        let mut set = Self {
            items: kept,
            tombstones: BTreeMap::new(),
            source_hash,
            extra,
            ..Self::default()
        };
        for t in tombstones {
            set.remember_deletion(t);
        }
        set.sort();
        (set, messages)
    }

    /// Number of annotations (orphans included).
    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no annotations.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All annotations in document order (then id).
    pub fn iter(&self) -> impl Iterator<Item = &Annotation> {
        self.items.iter()
    }

    /// The remembered deletions, by id.
    pub fn tombstones(&self) -> impl Iterator<Item = &Tombstone> {
        self.tombstones.values()
    }

    /// Increases with every change (for "needs saving" checks).
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The annotation with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.items.iter().find(|a| a.id == id)
    }

    /// Add a passage with tags and a note, now.
    pub fn add(&mut self, anchor: Anchor, tags: Vec<String>, note: String) -> Change {
        self.insert_new(Annotation::new(anchor, tags, note, Utc::now()))
    }

    /// Add a ready-made annotation (its times and id kept).
    pub fn insert_new(&mut self, annotation: Annotation) -> Change {
        let change = Change::Added(annotation);
        self.apply(&change);
        self.record(change.clone());
        change
    }

    /// Replace the tags of `id`.
    ///
    /// # Errors
    /// [`SetError::NoSuchId`].
    pub fn set_tags(&mut self, id: &str, tags: Vec<String>) -> Result<Change, SetError> {
        self.edit(id, |a| a.tags = normalize_tags(tags))
    }

    /// Replace the note of `id`.
    ///
    /// # Errors
    /// [`SetError::NoSuchId`].
    pub fn set_note(&mut self, id: &str, note: String) -> Result<Change, SetError> {
        self.edit(id, |a| a.note = note)
    }

    /// Attach `id` (typically an orphan) to a new passage.
    ///
    /// # Errors
    /// [`SetError::NoSuchId`].
    pub fn reattach(&mut self, id: &str, anchor: Anchor) -> Result<Change, SetError> {
        self.edit(id, |a| {
            a.anchor = anchor;
            a.status = AnchorStatus::Exact;
        })
    }

    /// Accept the current wording of a changed passage (status
    /// [`AnchorStatus::Changed`]): the quote becomes the text now at its place, with fresh
    /// context. Undo brings the annotated quote back.
    ///
    /// # Errors
    /// [`SetError::NoSuchId`]; [`SetError::NotChanged`] when the passage is not changed or
    /// its place is no longer in `cable`.
    pub fn accept_wording(&mut self, id: &str, cable: &Cable) -> Result<Change, SetError> {
        let a = self
            .get(id)
            .ok_or_else(|| SetError::NoSuchId(id.to_owned()))?;
        if a.status != AnchorStatus::Changed || a.anchor.current.is_none() {
            return Err(SetError::NotChanged(id.to_owned()));
        }
        let (s, e) = (&a.anchor.start, &a.anchor.end);
        let anchor = Anchor::from_span(cable, (s.index, s.offset), (e.index, e.offset))
            .map_err(|_| SetError::NotChanged(id.to_owned()))?;
        self.edit(id, |a| {
            a.anchor = anchor;
            a.status = AnchorStatus::Exact;
        })
    }

    /// Change `id` with `f`, now.
    ///
    /// # Errors
    /// [`SetError::NoSuchId`].
    pub fn edit(&mut self, id: &str, f: impl FnOnce(&mut Annotation)) -> Result<Change, SetError> {
        self.edit_at(id, Utc::now(), f)
    }

    /// Change `id` with `f`, at time `now`.
    ///
    /// # Errors
    /// [`SetError::NoSuchId`].
    pub fn edit_at(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Annotation),
    ) -> Result<Change, SetError> {
        let before = self
            .get(id)
            .cloned()
            .ok_or_else(|| SetError::NoSuchId(id.to_owned()))?;
        let mut after = before.clone();
        f(&mut after);
        after.id.clone_from(&before.id);
        after.updated = now.max(before.updated);
        let change = Change::Edited { before, after };
        self.apply(&change);
        self.record(change.clone());
        Ok(change)
    }

    /// Delete `id` (remembered, so a merge does not bring it back).
    ///
    /// # Errors
    /// [`SetError::NoSuchId`].
    pub fn delete(&mut self, id: &str) -> Result<Change, SetError> {
        let a = self
            .get(id)
            .cloned()
            .ok_or_else(|| SetError::NoSuchId(id.to_owned()))?;
        let change = Change::Deleted(a);
        self.apply(&change);
        self.record(change.clone());
        Ok(change)
    }

    /// Undo the last change; returns the change this made (the inverse), if any.
    pub fn undo(&mut self) -> Option<Change> {
        let change = self.undo.pop()?;
        let inverse = self.restamp(change.inverse());
        self.apply(&inverse);
        self.redo.push(change);
        Some(inverse)
    }

    /// Redo the last undone change; returns the change this made, if any.
    pub fn redo(&mut self) -> Option<Change> {
        let change = self.redo.pop()?;
        let again = self.restamp(change.clone());
        self.apply(&again);
        self.undo.push(change);
        Some(again)
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Annotations whose passage covers part of paragraph `index`.
    pub fn in_paragraph(&self, index: usize) -> impl Iterator<Item = &Annotation> {
        self.items
            .iter()
            .filter(move |a| a.status != AnchorStatus::Orphaned && a.anchor.touches(index))
    }

    /// Highlight ranges in paragraph `index` (clean text of `len` bytes), in order.
    #[must_use]
    pub fn highlights(&self, index: usize, len: usize) -> Vec<(Range<usize>, &Annotation)> {
        self.in_paragraph(index)
            .filter_map(|a| a.anchor.range_in(index, len).map(|r| (r, a)))
            .collect()
    }

    /// Annotations carrying `tag` (case ignored).
    pub fn with_tag<'s>(&'s self, tag: &'s str) -> impl Iterator<Item = &'s Annotation> {
        self.items.iter().filter(move |a| a.has_tag(tag))
    }

    /// Every tag with the number of annotations carrying it, sorted by tag (case ignored).
    #[must_use]
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for a in &self.items {
            for t in &a.tags {
                counts
                    .entry(t.to_lowercase())
                    .or_insert_with(|| (t.clone(), 0))
                    .1 += 1;
            }
        }
        counts.into_values().collect()
    }

    /// Annotations whose passage was not found in the current text.
    pub fn orphans(&self) -> impl Iterator<Item = &Annotation> {
        self.items
            .iter()
            .filter(|a| a.status == AnchorStatus::Orphaned)
    }

    /// Annotations the user should review: orphaned, or found with changed words.
    pub fn to_review(&self) -> impl Iterator<Item = &Annotation> {
        self.items
            .iter()
            .filter(|a| matches!(a.status, AnchorStatus::Orphaned | AnchorStatus::Changed))
    }

    /// Find every passage again in `cable` (whose source hashes to `source_hash`),
    /// updating anchors that moved; orphans keep their old anchor.
    pub fn reanchor(&mut self, cable: &Cable, source_hash: &str) -> ReanchorReport {
        let mut r = Reanchorer::new(cable);
        let mut entries = Vec::with_capacity(self.items.len());
        for a in &mut self.items {
            let (found, status, method) = r.locate(&a.anchor);
            if let Some(found) = found {
                a.anchor = found;
            }
            a.status = status;
            entries.push(ReanchorEntry {
                id: a.id.clone(),
                status,
                method,
            });
        }
        self.source_hash = Some(source_hash.to_owned());
        self.sort();
        ReanchorReport {
            entries,
            narrowed: r.narrowed(),
        }
    }

    /// Merge another copy (typically the file as another instance saved it): per id the
    /// later `updated` wins (ties keep this copy); a deletion wins over an annotation not
    /// edited after it. Unknown top-level fields of `other` are kept where this copy has
    /// none of that name. The undo history is kept.
    pub fn merge(&mut self, other: Self) -> MergeReport {
        let mut report = MergeReport::default();
        for t in other.tombstones.into_values() {
            self.remember_deletion(t);
        }
        let mut index: HashMap<String, usize> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        for theirs in other.items {
            match index.get(&theirs.id) {
                Some(&i) => {
                    let ours = &mut self.items[i];
                    if theirs.updated > ours.updated {
                        let status = ours.status;
                        *ours = theirs;
                        ours.status = status;
                        report.updated += 1;
                    }
                }
                None => {
                    if self
                        .tombstones
                        .get(&theirs.id)
                        .is_some_and(|t| t.deleted >= theirs.updated)
                    {
                        continue;
                    }
                    index.insert(theirs.id.clone(), self.items.len());
                    self.items.push(theirs);
                    report.added += 1;
                }
            }
        }
        let tombstones = &self.tombstones;
        let before = self.items.len();
        self.items
            .retain(|a| tombstones.get(&a.id).is_none_or(|t| t.deleted < a.updated));
        report.deleted = before - self.items.len();
        let live: Vec<String> = self.items.iter().map(|a| a.id.clone()).collect();
        for id in live {
            self.tombstones.remove(&id);
        }
        for (k, v) in other.extra {
            self.extra.entry(k).or_insert(v);
        }
        if self.source_hash.is_none() {
            self.source_hash = other.source_hash;
        }
        if !report.is_empty() {
            self.revision += 1;
            self.sort();
        }
        report
    }

    /// Sort into the stored order: document position, then id.
    pub fn sort(&mut self) {
        self.items.sort_by(order);
    }

    fn remember_deletion(&mut self, t: Tombstone) {
        match self.tombstones.get_mut(&t.id) {
            Some(old) if old.deleted >= t.deleted => {}
            Some(old) => *old = t,
            None => {
                self.tombstones.insert(t.id.clone(), t);
            }
        }
    }

    /// An undo or redo is a new edit: it gets the current time so that it wins merges.
    fn restamp(&self, change: Change) -> Change {
        let now = Utc::now();
        let stamp = |mut a: Annotation| {
            a.updated = now.max(a.updated);
            a
        };
        let _ = self;
        match change {
            Change::Added(a) => Change::Added(stamp(a)),
            Change::Deleted(a) => Change::Deleted(a),
            Change::Edited { before, after } => Change::Edited {
                before,
                after: stamp(after),
            },
        }
    }

    fn apply(&mut self, change: &Change) {
        match change {
            Change::Added(a) => {
                self.tombstones.remove(&a.id);
                self.items.retain(|x| x.id != a.id);
                self.place(a.clone());
            }
            Change::Edited { after, .. } => {
                self.items.retain(|x| x.id != after.id);
                self.place(after.clone());
            }
            Change::Deleted(a) => {
                self.items.retain(|x| x.id != a.id);
                let now = Utc::now().max(a.updated);
                self.tombstones.insert(
                    a.id.clone(),
                    Tombstone {
                        id: a.id.clone(),
                        deleted: now,
                        extra: Extra::new(),
                    },
                );
            }
        }
        self.revision += 1;
    }

    /// Insert keeping the stored order.
    fn place(&mut self, a: Annotation) {
        let at = self
            .items
            .partition_point(|x| order(x, &a) == std::cmp::Ordering::Less);
        self.items.insert(at, a);
    }

    fn record(&mut self, change: Change) {
        self.undo.push(change);
        self.redo.clear();
    }
}

/// The stored order: document position (start, then end), then id.
fn order(a: &Annotation, b: &Annotation) -> std::cmp::Ordering {
    let key = |x: &Annotation| {
        (
            x.anchor.start.index,
            x.anchor.start.offset,
            x.anchor.end.index,
            x.anchor.end.offset,
        )
    };
    key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
}
