//! Annotating in the reader: the annotation state, the cursor and selection as the
//! passage to annotate, loads and saves handed back by the event loop, undo/redo, the tag
//! filter and the unsaved-work question on quit.
//!
//! The rest lives beside it: motions in [`super::motion`] (pure) and [`super::cursor`]
//! (those that need the layout), the tag prompt and note editor in [`super::editors`], the
//! sidebar's annotation views in [`super::sidebar_control`].
//!
//! Like the rest of the app this does no I/O: every change goes into
//! [`AnnotateState::set`], whose revision the event loop compares with
//! [`AnnotateState::saved_revision`] to save after each change. Tags to remember as
//! "recent" are queued in [`AnnotateState::remember`] for the loop to write.

use std::collections::HashSet;
use std::path::PathBuf;
use std::rc::Rc;

use ratatui_textarea::TextArea;

use crate::action::{LoadedAnnotations, SaveFailure, SavedAnnotations};
use crate::annotation::{
    Anchor as TextAnchor, AnchorStatus, Annotation, AnnotationSet, Change, text_hash,
};

use super::motion::{self, TextCursor};
use super::{App, Focus, SidebarContent};

/// What the open tag prompt or note editor will change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A new annotation over the passage between these two positions.
    Span(TextCursor, TextCursor),
    /// The annotation with this id.
    Existing(String),
}

/// Annotation state of the reader.
#[derive(Debug, Default)]
pub struct AnnotateState {
    /// The cable's annotations.
    pub set: AnnotationSet,
    /// The set's revision when it was last saved (set by the event loop).
    pub saved_revision: u64,
    /// Why the last save failed, while the set is unsaved (set by the event loop).
    pub save_error: Option<String>,
    /// Where unsaved annotations would be written on quit (set by the event loop).
    pub recovery_hint: Option<PathBuf>,
    /// The text cursor (kept on screen as the view moves; before the first move, the
    /// current paragraph's start: see [`App::cursor`]).
    pub cursor: Option<TextCursor>,
    /// Where the selection started (the cursor is its other end).
    pub selection: Option<TextCursor>,
    /// Recently used tags (from the data folder, most recent first).
    pub recent_tags: Vec<String>,
    /// Tags used in this run, for the loop to add to the recent tags.
    pub remember: Vec<String>,
    /// The tag the reading pane is filtered by.
    pub filter: Option<String>,
    /// What the open prompt or editor changes.
    pub target: Option<Target>,
    /// The note editor, while open.
    pub editor: Option<TextArea<'static>>,
    /// The note as it was when the editor opened (to tell an edit from none).
    pub editor_original: String,
    /// What the open note editor belongs to, for its title: the place, the quote and
    /// the tags.
    pub editor_subject: String,
    /// A first `Esc` on an edited note was pressed (a second one discards it).
    pub discard_pending: bool,
    /// A first `q` with unsaved annotations was pressed.
    pub quit_pending: bool,
    /// Annotations per paragraph (for the tree).
    pub counts: Vec<usize>,
    /// The Tab completion in progress: the prefix typed and the candidate shown.
    pub(super) completion: Option<(String, usize)>,
}

impl AnnotateState {
    /// Whether changes have not been saved yet.
    #[must_use]
    pub fn unsaved(&self) -> bool {
        self.set.revision() != self.saved_revision
    }
}

/// What an annotation is called in messages: its tags, or "note".
fn what(a: &Annotation) -> String {
    if a.tags.is_empty() {
        "note".to_owned()
    } else {
        a.tags.join(", ")
    }
}

/// What a change did, for the status bar: `added policy, tip`, `note saved`, `tags set:
/// gov`, `deleted gov`.
fn describe(change: &Change) -> String {
    match change {
        Change::Added(a) => format!("added {}", what(a)),
        Change::Deleted(a) => format!("deleted {}", what(a)),
        Change::Edited { before, after } => {
            if before.anchor != after.anchor && before.anchor.current.is_some() {
                format!("new wording accepted for {}", what(after))
            } else if before.anchor != after.anchor {
                format!("re-attached {}", what(after))
            } else if before.note != after.note && before.tags == after.tags {
                if after.note.is_empty() {
                    "note cleared".to_owned()
                } else {
                    "note saved".to_owned()
                }
            } else if before.tags != after.tags && before.note == after.note {
                if after.tags.is_empty() {
                    "tags removed".to_owned()
                } else {
                    format!("tags set: {}", after.tags.join(", "))
                }
            } else {
                format!("changed {}", what(after))
            }
        }
    }
}

/// What undoing a change did, from the inverse change the set applied: undoing a delete
/// brings the annotation back and says so.
fn describe_undo(inverse: &Change) -> String {
    match inverse {
        Change::Added(a) => format!("undone: deleting {} (it is back)", what(a)),
        Change::Deleted(a) => format!("undone: adding {} (removed again)", what(a)),
        Change::Edited { before, after } => {
            // The inverse of an edit goes from the edited state back to the earlier one.
            let original = Change::Edited {
                before: after.clone(),
                after: before.clone(),
            };
            format!("undone: {}", describe(&original))
        }
    }
}

impl App {
    /// Take the tags used since the last call, for the event loop to add to the recent
    /// tags (an outbox, like [`App::take_effect`]).
    pub fn take_tags_to_remember(&mut self) -> Vec<String> {
        std::mem::take(&mut self.ann.remember)
    }

    pub(super) fn para_text(&self, i: usize) -> &str {
        self.doc
            .cable
            .paragraphs
            .get(i)
            .map_or("", |p| p.text.as_str())
    }

    pub(super) fn para_count(&self) -> usize {
        self.doc.cable.paragraphs.len()
    }

    /// The text cursor: where the user put it, or the current paragraph's start.
    #[must_use]
    pub fn cursor(&self) -> TextCursor {
        self.ann.cursor.unwrap_or(TextCursor {
            para: self.current_paragraph().unwrap_or(0),
            offset: 0,
        })
    }

    /// The selection's ends in order (the end exclusive), when a selection is being
    /// made. As in vim it includes the character under the cursor, so `v e` selects a
    /// whole word and `v` alone one character.
    #[must_use]
    pub fn selection_span(&self) -> Option<(TextCursor, TextCursor)> {
        let from = self.ann.selection?;
        let to = self.cursor();
        let (a, b) = (from.min(to), from.max(to));
        let end = motion::right(self.doc.cable.paragraphs.as_slice(), b);
        (a < end).then_some((a, end))
    }

    /// The paragraph the annotation list's "paragraph" scope shows: the cursor's.
    #[must_use]
    pub fn annotation_paragraph(&self) -> Option<usize> {
        (self.para_count() > 0).then(|| self.cursor().para)
    }

    /// Install a set (it counts as saved).
    pub(super) fn set_annotations(&mut self, set: AnnotationSet) {
        self.ann.saved_revision = set.revision();
        self.ann.set = set;
        self.annotations_changed();
    }

    /// The cable's annotations were read: find every passage again in this cable's text,
    /// install them and say what the user should know (moved, changed, orphaned).
    pub(super) fn annotations_loaded(&mut self, loaded: LoadedAnnotations) -> bool {
        let mut set = loaded.set;
        let report = set.reanchor(&self.doc.cable, &text_hash(&self.doc.source));
        self.set_annotations(set);
        self.ann.recent_tags = loaded.recent_tags;
        let mut parts = loaded.notices;
        if report.needs_notice() {
            parts.push(format!(
                "annotations re-anchored: {} moved, {} changed, {} orphaned (A shows the review list)",
                report.moved(),
                report.changed(),
                report.orphaned()
            ));
        }
        if !parts.is_empty() {
            self.add_message(&parts.join(" — "));
        }
        true
    }

    /// A save finished: the set counts as saved; one merged with another instance's
    /// changes replaces this one and is re-anchored.
    pub(super) fn annotations_saved(&mut self, saved: SavedAnnotations) -> bool {
        if let Some(mut merged) = saved.merged {
            merged.reanchor(&self.doc.cable, &text_hash(&self.doc.source));
            self.ann.set = merged;
            self.annotations_changed();
        }
        self.ann.saved_revision = self.ann.set.revision();
        self.ann.save_error = None;
        self.ann.recovery_hint = None;
        if !saved.notices.is_empty() {
            self.add_message(&saved.notices.join(" — "));
        }
        true
    }

    /// A save failed: the annotations stay in memory (the loop retries on the next change
    /// and on quit) and the user is told, unless a quit question is showing.
    pub(super) fn annotations_not_saved(&mut self, failure: SaveFailure) -> bool {
        self.ann.save_error = Some(failure.error.clone());
        self.ann.recovery_hint = failure.recovery;
        if !self.ann.quit_pending {
            self.set_message(format!(
                "annotations NOT saved: {} — kept in memory; retried on the next change and on quit",
                failure.error
            ));
        }
        true
    }

    /// Recount per paragraph and refresh the tag filter after any change.
    pub fn annotations_changed(&mut self) {
        let mut counts = vec![0; self.para_count()];
        for a in self.ann.set.iter() {
            if a.status != AnchorStatus::Orphaned
                && let Some(c) = counts.get_mut(a.anchor.start.index)
            {
                *c += 1;
            }
        }
        self.ann.counts = counts;
        self.apply_filter();
        let len = self.sidebar_len();
        if self.sidebar.selected >= len {
            self.sidebar.selected = len.saturating_sub(1);
        }
    }

    pub(super) fn apply_filter(&mut self) {
        let filter = self.ann.filter.as_ref().map(|tag| {
            let mut keep = HashSet::new();
            for a in self.ann.set.with_tag(tag) {
                if a.status != AnchorStatus::Orphaned {
                    keep.extend(a.anchor.start.index..=a.anchor.end.index);
                }
            }
            Rc::new(keep)
        });
        self.reader.set_filter(filter);
    }

    pub(super) fn record_change(&mut self, change: &Change) {
        self.set_message(describe(change));
        self.annotations_changed();
    }

    /// The annotation whose passage holds the cursor (or, with no cursor placed, the
    /// current paragraph's first).
    #[must_use]
    pub fn annotation_under_cursor(&self) -> Option<&Annotation> {
        let para = self.annotation_paragraph()?;
        let len = self.para_text(para).len();
        let here = self.ann.cursor.map(|c| c.offset);
        self.ann
            .set
            .highlights(para, len)
            .into_iter()
            .find(|(r, _)| here.is_none_or(|o| r.start <= o && o <= r.end))
            .map(|(_, a)| a)
    }

    pub(super) fn edit_target(&self) -> Option<Target> {
        if self.focus == Focus::Sidebar
            && matches!(
                self.sidebar.content,
                SidebarContent::Annotations | SidebarContent::Review
            )
        {
            return self
                .sidebar_items()
                .get(self.sidebar.selected)
                .map(|a| Target::Existing(a.id.clone()));
        }
        if let Some((a, b)) = self.selection_span() {
            return Some(Target::Span(a, b));
        }
        self.annotation_under_cursor()
            .map(|a| Target::Existing(a.id.clone()))
    }

    /// Why a new annotation cannot go over `target`, when it cannot: in the question
    /// view, a passage must lie in one reply's answer (it is kept in that reply's sidecar).
    pub(super) fn refused(&self, target: &Target) -> Option<String> {
        let (Target::Span(a, b), Some(compiled)) = (target, &self.doc.compiled) else {
            return None;
        };
        (!compiled.holds(a.para.min(b.para), a.para.max(b.para))).then(|| {
            "a note here belongs to one reply: select a passage inside one answer".to_owned()
        })
    }

    /// Why annotation `id` cannot be re-attached to the passage between `a` and `b`, when
    /// it cannot: in the question view, the passage must lie in one reply's answer, and in
    /// the answer of the reply whose sidecar keeps the annotation (a note never moves from
    /// one cable's sidecar to another's).
    pub(super) fn refused_reattach(
        &self,
        id: &str,
        a: TextCursor,
        b: TextCursor,
    ) -> Option<String> {
        let compiled = self.doc.compiled.as_ref()?;
        if let Some(why) = self.refused(&Target::Span(a, b)) {
            return Some(why);
        }
        let from = self
            .ann
            .set
            .get(id)
            .and_then(|n| compiled.part_of(n.anchor.start.index))?;
        (compiled.part_of(a.para.min(b.para)) != Some(from)).then(|| {
            format!(
                "this note is kept with {}: re-attach it inside that reply's answer",
                compiled
                    .parts
                    .get(from)
                    .map_or("its reply", |p| p.id.as_str())
            )
        })
    }

    /// An anchor for the passage between `a` and `b`, whitespace at the ends left out.
    pub(super) fn span_anchor(&self, a: TextCursor, b: TextCursor) -> Result<TextAnchor, String> {
        let n = self.para_count();
        let (mut s, mut e) = (a.min(b), a.max(b));
        while s < e {
            let t = self.para_text(s.para);
            match t.get(s.offset..).and_then(|r| r.chars().next()) {
                None if s.para + 1 < n => {
                    s = TextCursor {
                        para: s.para + 1,
                        offset: 0,
                    }
                }
                Some(c) if c.is_whitespace() => s.offset += c.len_utf8(),
                _ => break,
            }
        }
        while e > s {
            if e.offset == 0 {
                if e.para == 0 {
                    break;
                }
                e = TextCursor {
                    para: e.para - 1,
                    offset: self.para_text(e.para - 1).len(),
                };
                continue;
            }
            let t = self.para_text(e.para);
            match t.get(..e.offset).and_then(|r| r.chars().next_back()) {
                Some(c) if c.is_whitespace() => e.offset -= c.len_utf8(),
                _ => break,
            }
        }
        if s >= e {
            return Err("the selection is empty (v, then move the cursor)".to_owned());
        }
        TextAnchor::from_span(&self.doc.cable, (s.para, s.offset), (e.para, e.offset))
            .map_err(|e| e.to_string())
    }

    pub(super) fn undo(&mut self, redo: bool) -> bool {
        let change = if redo {
            self.ann.set.redo()
        } else {
            self.ann.set.undo()
        };
        match change {
            Some(c) => {
                self.annotations_changed();
                self.set_message(if redo {
                    format!("redone: {}", describe(&c))
                } else {
                    describe_undo(&c)
                });
            }
            None => self.set_message(if redo {
                "nothing to redo"
            } else {
                "nothing to undo"
            }),
        }
        true
    }

    /// The first `q`: with unsaved annotations it asks first. Returns whether to quit.
    pub(super) fn confirm_quit(&mut self, pending: bool) -> bool {
        if !self.ann.unsaved() || pending {
            return true;
        }
        self.ann.quit_pending = true;
        let why = self
            .ann
            .save_error
            .as_deref()
            .map(|e| format!(" ({e})"))
            .unwrap_or_default();
        let place = self
            .ann
            .recovery_hint
            .as_ref()
            .map_or_else(|| "a recovery file".to_owned(), |p| p.display().to_string());
        self.set_message(format!(
            "annotations not saved: q again quits and writes them to {place}; any other key stays{why}"
        ));
        false
    }
}
