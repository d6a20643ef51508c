//! Annotating in the reader: the text cursor, the selection, the tag prompt, the note
//! editor, the sidebar's annotation views, undo/redo and the tag filter.
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
use super::reader::LineText;
use super::{Anchor, App, Document, Focus, Mode, Scope, SidebarContent};

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
    /// A first `q` with unsaved annotations was pressed.
    pub quit_pending: bool,
    /// Annotations per paragraph (for the tree).
    pub counts: Vec<usize>,
    completion: Option<(String, usize)>,
}

impl AnnotateState {
    /// Whether changes have not been saved yet.
    #[must_use]
    pub fn unsaved(&self) -> bool {
        self.set.revision() != self.saved_revision
    }
}

/// Split a tag prompt into tags (commas and spaces separate).
#[must_use]
pub fn parse_tags(input: &str) -> Vec<String> {
    input
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A short description of a change, for the status bar.
fn describe(change: &Change) -> String {
    let what = |a: &Annotation| {
        if a.tags.is_empty() {
            "note".to_owned()
        } else {
            a.tags.join(", ")
        }
    };
    match change {
        Change::Added(a) => format!("added {}", what(a)),
        Change::Deleted(a) => format!("deleted {}", what(a)),
        Change::Edited { after, .. } => format!("changed {}", what(after)),
    }
}

impl App {
    /// Take the tags used since the last call, for the event loop to add to the recent
    /// tags (an outbox, like [`App::take_effect`]).
    pub fn take_tags_to_remember(&mut self) -> Vec<String> {
        std::mem::take(&mut self.ann.remember)
    }

    fn para_text(&self, i: usize) -> &str {
        self.doc
            .cable
            .paragraphs
            .get(i)
            .map_or("", |p| p.text.as_str())
    }

    fn para_count(&self) -> usize {
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

    /// The tag of the "tag" scope: the filter's, else the first tag.
    #[must_use]
    pub fn scope_tag(&self) -> Option<String> {
        self.ann
            .filter
            .clone()
            .or_else(|| self.ann.set.tag_counts().into_iter().next().map(|(t, _)| t))
    }

    /// The annotations listed in the sidebar's current view.
    #[must_use]
    pub fn sidebar_items(&self) -> Vec<&Annotation> {
        let set = &self.ann.set;
        match self.sidebar.content {
            SidebarContent::Annotations => match self.sidebar.scope {
                Scope::Paragraph => self
                    .annotation_paragraph()
                    .map(|p| set.in_paragraph(p).collect())
                    .unwrap_or_default(),
                Scope::Cable => set.iter().collect(),
                Scope::Tag => match self.scope_tag() {
                    Some(t) => set.iter().filter(|a| a.has_tag(&t)).collect(),
                    None => Vec::new(),
                },
            },
            SidebarContent::Review => set.to_review().collect(),
            SidebarContent::Details | SidebarContent::Tags => Vec::new(),
        }
    }

    /// Number of rows of the sidebar's list view.
    fn sidebar_len(&self) -> usize {
        match self.sidebar.content {
            SidebarContent::Tags => self.ann.set.tag_counts().len(),
            _ => self.sidebar_items().len(),
        }
    }

    /// Install a set (it counts as saved).
    fn set_annotations(&mut self, set: AnnotationSet) {
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

    fn apply_filter(&mut self) {
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

    fn record_change(&mut self, change: &Change) {
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

    fn edit_target(&self) -> Option<Target> {
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

    /// An anchor for the passage between `a` and `b`, whitespace at the ends left out.
    fn span_anchor(&self, a: TextCursor, b: TextCursor) -> Result<TextAnchor, String> {
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

    // ---- cursor motions -------------------------------------------------------------

    /// The clean-text ranges of `para`'s screen lines.
    fn clean_lines(&mut self, para: usize) -> Vec<std::ops::Range<usize>> {
        self.reader
            .lines(&self.doc, Document::unit_of(para))
            .iter()
            .filter_map(|l| match &l.text {
                LineText::Clean(r) => Some(r.clone()),
                LineText::Owned(_) => None,
            })
            .collect()
    }

    fn line_move(&mut self, c: TextCursor, down: bool) -> TextCursor {
        let lines = self.clean_lines(c.para);
        let text = self.para_text(c.para).to_owned();
        let li = lines.iter().rposition(|r| r.start <= c.offset).unwrap_or(0);
        let column = lines
            .get(li)
            .and_then(|r| text.get(r.start..c.offset.max(r.start)))
            .map_or(0, |s| s.chars().count());
        let (para, range) = if down {
            if let Some(r) = lines.get(li + 1) {
                (c.para, r.clone())
            } else if c.para + 1 < self.para_count() {
                let next = self.clean_lines(c.para + 1);
                match next.first() {
                    Some(r) => (c.para + 1, r.clone()),
                    None => {
                        return TextCursor {
                            para: c.para + 1,
                            offset: 0,
                        };
                    }
                }
            } else {
                return TextCursor {
                    offset: text.len(),
                    ..c
                };
            }
        } else if li > 0 {
            (c.para, lines[li - 1].clone())
        } else if c.para > 0 {
            let prev = self.clean_lines(c.para - 1);
            match prev.last() {
                Some(r) => (c.para - 1, r.clone()),
                None => {
                    return TextCursor {
                        para: c.para - 1,
                        offset: 0,
                    };
                }
            }
        } else {
            return TextCursor { offset: 0, ..c };
        };
        let t = self.para_text(para);
        let piece = t.get(range.clone()).unwrap_or("");
        let offset = piece
            .char_indices()
            .nth(column)
            .map_or(range.end, |(i, _)| range.start + i);
        TextCursor { para, offset }
    }

    /// The text position under a screen cell of the reading pane (last render's lines).
    #[must_use]
    pub fn text_at(&self, column: u16, row: u16) -> Option<TextCursor> {
        let line = self.reader.text_rows.iter().find(|t| t.row == row)?;
        let text = self.para_text(line.para).get(line.range.clone())?;
        let want = usize::from(column.saturating_sub(line.x));
        let mut width = 0;
        for (i, ch) in text.char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if width + w > want {
                return Some(TextCursor {
                    para: line.para,
                    offset: line.range.start + i,
                });
            }
            width += w;
        }
        Some(TextCursor {
            para: line.para,
            offset: line.range.end,
        })
    }

    /// A click on text puts the cursor there (and ends a selection).
    pub(super) fn click_text(&mut self, column: u16, row: u16) {
        if let Some(c) = self.text_at(column, row) {
            self.ann.cursor = Some(c);
            self.ann.selection = None;
        }
    }

    /// Dragging over text selects from where the button went down.
    pub(super) fn drag(&mut self, column: u16, row: u16) -> bool {
        if !matches!(self.mode, Mode::Normal | Mode::Select) || self.reader.raw {
            return false;
        }
        let Some(c) = self.text_at(column, row) else {
            return false;
        };
        if self.ann.selection.is_none() {
            self.ann.selection = Some(self.cursor());
            self.mode = Mode::Select;
            self.focus = Focus::Reader;
            self.set_message("selected with the mouse: t tag, a note, Esc cancel");
        }
        // The character under the pointer is included when dragging forward.
        // The selection includes the character under the cursor (as in vim), so the
        // character under the pointer is in it whichever way the drag goes.
        self.ann.cursor = Some(c);
        true
    }

    /// Move the cursor for a motion action; keeps it on screen.
    pub(super) fn move_cursor(&mut self, action: &crate::action::Action) -> bool {
        use crate::action::Action as A;
        if self.para_count() == 0 || self.reader.raw {
            self.set_message(if self.reader.raw {
                "the cursor works on the clean text (r)"
            } else {
                "no paragraphs"
            });
            return true;
        }
        let c = self.cursor();
        let t = self.doc.cable.paragraphs.as_slice();
        let to = match action {
            A::CursorRight => motion::right(t, c),
            A::CursorLeft => motion::left(t, c),
            A::WordForward => motion::word_forward(t, c),
            A::WordEnd => motion::word_end(t, c),
            A::WordBack => motion::word_back(t, c),
            A::SentenceForward => motion::sentence_forward(t, c),
            A::SentenceBack => motion::sentence_back(t, c),
            A::ParagraphForward => motion::paragraph_forward(t, c),
            A::ParagraphBack => motion::paragraph_back(c),
            A::CursorDown => self.line_move(c, true),
            A::CursorUp => self.line_move(c, false),
            _ => c,
        };
        self.ann.cursor = Some(to);
        self.show_cursor();
        true
    }

    /// Scroll so the cursor's line is on screen.
    fn show_cursor(&mut self) {
        let c = self.cursor();
        let unit = Document::unit_of(c.para);
        let line = self.reader.line_of_offset(&self.doc, unit, c.offset);
        let at = Anchor { unit, line };
        let top = self.reader.top;
        let rows = isize::try_from(self.reader.height.saturating_sub(1)).unwrap_or(0);
        if at < top {
            self.reader.set_top(at);
        } else if self.reader.offset(&self.doc, top, rows) < at {
            let to = self.reader.offset(&self.doc, at, -rows);
            self.reader.set_top(to);
        }
        if self.outline.follow_unit(self.reader.top.unit) {
            self.sidebar.scroll = 0;
        }
    }

    /// After the view scrolled: a cursor that left the screen is brought back to the
    /// nearest line on screen (the first when it was above, the last when below), as in
    /// vim, so the cursor is always where the reader is looking (and a selection being
    /// made grows with the scroll).
    pub(super) fn keep_cursor_in_view(&mut self) {
        let c = self.cursor();
        let unit = Document::unit_of(c.para);
        let line = self.reader.line_of_offset(&self.doc, unit, c.offset);
        let at = Anchor { unit, line };
        let top = self.reader.top;
        let rows = isize::try_from(self.reader.height.saturating_sub(1)).unwrap_or(0);
        let bottom = self.reader.offset(&self.doc, top, rows);
        if top <= at && at <= bottom {
            return;
        }
        if let Some(((fp, fr), (lp, lr))) = self.reader.visible_text(&self.doc) {
            self.ann.cursor = Some(if at < top {
                TextCursor::new(fp, fr.start)
            } else {
                TextCursor::new(lp, lr.start)
            });
        }
    }

    /// After a jump: the cursor goes to the first text on screen (the jump's target).
    pub(super) fn cursor_to_top(&mut self) {
        if let Some(((p, r), _)) = self.reader.visible_text(&self.doc) {
            self.ann.cursor = Some(TextCursor::new(p, r.start));
        }
    }

    // ---- actions ----------------------------------------------------------------------

    pub(super) fn select_start(&mut self) -> bool {
        if self.reader.raw {
            self.set_message("selecting works on the clean text (r)");
            return true;
        }
        if self.para_count() == 0 {
            return false;
        }
        let c = self.cursor();
        self.ann.cursor = Some(c);
        self.ann.selection = Some(c);
        self.mode = Mode::Select;
        self.focus = Focus::Reader;
        self.set_message("selecting: move with h l w b s S j k { }; t tag, a note, Esc cancel");
        true
    }

    pub(super) fn select_cancel(&mut self) -> bool {
        let changed = self.ann.selection.is_some() || self.mode == Mode::Select;
        self.ann.selection = None;
        if self.mode == Mode::Select {
            self.mode = Mode::Normal;
        }
        changed
    }

    fn back_from_prompt(&mut self) {
        self.mode = if self.ann.selection.is_some() {
            Mode::Select
        } else {
            Mode::Normal
        };
    }

    pub(super) fn open_tag_prompt(&mut self) -> bool {
        let Some(target) = self.edit_target() else {
            self.set_message("nothing to tag: select a passage first (v, then move)");
            return true;
        };
        let tags = match &target {
            Target::Existing(id) => self
                .ann
                .set
                .get(id)
                .map(|a| a.tags.join(", "))
                .unwrap_or_default(),
            Target::Span(..) => String::new(),
        };
        self.prompt.set(&tags);
        self.ann.target = Some(target);
        self.ann.completion = None;
        self.mode = Mode::Tag;
        true
    }

    /// Tags offered by Tab: those in the file, then the recent ones (no repeats).
    #[must_use]
    pub fn tag_candidates(&self, prefix: &str) -> Vec<String> {
        let prefix = prefix.to_lowercase();
        let mut out: Vec<String> = Vec::new();
        let file = self.ann.set.tag_counts().into_iter().map(|(t, _)| t);
        for t in file.chain(self.ann.recent_tags.iter().cloned()) {
            if t.to_lowercase().starts_with(&prefix)
                && !out.iter().any(|o| o.eq_ignore_ascii_case(&t))
            {
                out.push(t);
            }
        }
        out
    }

    pub(super) fn complete_tag(&mut self) -> bool {
        if self.mode != Mode::Tag {
            return false;
        }
        let text = self.prompt.text().to_owned();
        let split = text
            .rfind(|c: char| c == ',' || c.is_whitespace())
            .map_or(0, |i| i + 1);
        let (prefix, index) = match self.ann.completion.take() {
            Some((p, i)) => (p, i + 1),
            None => (text[split..].to_owned(), 0),
        };
        let candidates = self.tag_candidates(&prefix);
        if candidates.is_empty() {
            self.set_message(format!("no tag starts with “{prefix}”"));
            return true;
        }
        let pick = candidates[index % candidates.len()].clone();
        self.prompt.set(&format!("{}{pick}", &text[..split]));
        self.ann.completion = Some((prefix, index));
        self.set_message(format!("tags: {}", candidates.join(" ")));
        true
    }

    /// Typing into the tag prompt ends a Tab cycle.
    pub(super) fn prompt_typed(&mut self) {
        self.ann.completion = None;
    }

    pub(super) fn cancel_annotation_prompt(&mut self) {
        self.ann.target = None;
        self.ann.completion = None;
        self.back_from_prompt();
    }

    pub(super) fn submit_tags(&mut self, input: &str) {
        let tags = parse_tags(input);
        let Some(target) = self.ann.target.take() else {
            self.back_from_prompt();
            return;
        };
        match target {
            Target::Span(a, b) => {
                if tags.is_empty() {
                    self.set_message("no tags given; nothing saved");
                    self.back_from_prompt();
                    return;
                }
                match self.span_anchor(a, b) {
                    Ok(anchor) => {
                        let change = self.ann.set.add(anchor, tags.clone(), String::new());
                        self.finish_selection();
                        self.record_change(&change);
                    }
                    Err(e) => {
                        self.set_message(e);
                        self.back_from_prompt();
                        return;
                    }
                }
            }
            Target::Existing(id) => match self.ann.set.set_tags(&id, tags.clone()) {
                Ok(change) => {
                    self.back_from_prompt();
                    self.record_change(&change);
                }
                Err(e) => {
                    self.back_from_prompt();
                    self.set_message(e.to_string());
                }
            },
        }
        self.ann.remember.extend(tags);
    }

    fn finish_selection(&mut self) {
        self.ann.selection = None;
        self.mode = Mode::Normal;
    }

    pub(super) fn open_note_editor(&mut self) -> bool {
        let Some(target) = self.edit_target() else {
            self.set_message("nothing to note: select a passage first (v, then move)");
            return true;
        };
        let note = match &target {
            Target::Existing(id) => self
                .ann
                .set
                .get(id)
                .map(|a| a.note.clone())
                .unwrap_or_default(),
            Target::Span(..) => String::new(),
        };
        let lines: Vec<String> = if note.is_empty() {
            Vec::new()
        } else {
            // The editor draws its text as is: control characters from a sidecar are
            // made visible first (saving keeps them visible).
            note.lines()
                .map(|l| crate::sanitize::sanitize(l).into_owned())
                .collect()
        };
        let mut editor = TextArea::new(lines);
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.ann.editor = Some(editor);
        self.ann.target = Some(target);
        self.mode = Mode::Note;
        true
    }

    pub(super) fn editor_input(&mut self, key: ratatui_textarea::Input) -> bool {
        match self.ann.editor.as_mut() {
            Some(e) => {
                e.input(key);
                true
            }
            None => false,
        }
    }

    pub(super) fn note_cancel(&mut self) -> bool {
        self.ann.editor = None;
        self.cancel_annotation_prompt();
        self.set_message("note not saved");
        true
    }

    pub(super) fn note_save(&mut self) -> bool {
        let Some(editor) = self.ann.editor.take() else {
            return false;
        };
        let note = editor.lines().join("\n").trim_end().to_owned();
        let Some(target) = self.ann.target.take() else {
            self.back_from_prompt();
            return true;
        };
        match target {
            Target::Span(a, b) => {
                if note.trim().is_empty() {
                    self.back_from_prompt();
                    self.set_message("empty note; nothing saved");
                    return true;
                }
                match self.span_anchor(a, b) {
                    Ok(anchor) => {
                        let change = self.ann.set.add(anchor, Vec::new(), note);
                        self.finish_selection();
                        self.record_change(&change);
                    }
                    Err(e) => {
                        self.back_from_prompt();
                        self.set_message(e);
                    }
                }
            }
            Target::Existing(id) => {
                self.back_from_prompt();
                match self.ann.set.set_note(&id, note) {
                    Ok(change) => self.record_change(&change),
                    Err(e) => self.set_message(e.to_string()),
                }
            }
        }
        true
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
                let verb = if redo { "redone" } else { "undone" };
                self.set_message(format!("{verb}: {}", describe(&c)));
            }
            None => self.set_message(if redo {
                "nothing to redo"
            } else {
                "nothing to undo"
            }),
        }
        true
    }

    pub(super) fn cycle_sidebar(&mut self) -> bool {
        self.sidebar.content = self.sidebar.content.next();
        self.sidebar.selected = 0;
        self.sidebar.scroll = 0;
        self.panes.show_sidebar = true;
        true
    }

    pub(super) fn cycle_scope(&mut self) -> bool {
        if self.sidebar.content == SidebarContent::Annotations {
            self.sidebar.scope = self.sidebar.scope.next();
        } else {
            self.sidebar.content = SidebarContent::Annotations;
        }
        self.sidebar.selected = 0;
        true
    }

    /// Move the list selection (list views) or scroll (details).
    pub(super) fn sidebar_step(&mut self, down: bool) -> bool {
        if self.sidebar.content == SidebarContent::Details {
            let before = self.sidebar.scroll;
            self.sidebar.scroll = if down {
                before.saturating_add(1)
            } else {
                before.saturating_sub(1)
            };
            return before != self.sidebar.scroll;
        }
        let len = self.sidebar_len();
        let before = self.sidebar.selected;
        self.sidebar.selected = if down {
            (before + 1).min(len.saturating_sub(1))
        } else {
            before.saturating_sub(1)
        };
        before != self.sidebar.selected
    }

    /// Jump to the start of `a`'s passage (a recorded jump) and put the cursor there.
    fn jump_to(&mut self, a: &TextAnchor) {
        let c = TextCursor {
            para: a.start.index.min(self.para_count().saturating_sub(1)),
            offset: a.start.offset,
        };
        let unit = Document::unit_of(c.para);
        let line = self.reader.line_of_offset(&self.doc, unit, c.offset);
        self.move_to(
            Anchor {
                unit,
                line: line.saturating_sub(1),
            },
            true,
        );
        self.ann.cursor = Some(c);
    }

    pub(super) fn sidebar_activate(&mut self) -> bool {
        match self.sidebar.content {
            SidebarContent::Details => false,
            SidebarContent::Annotations => {
                let Some(anchor) = self
                    .sidebar_items()
                    .get(self.sidebar.selected)
                    .map(|a| a.anchor.clone())
                else {
                    return false;
                };
                self.jump_to(&anchor);
                true
            }
            SidebarContent::Review => {
                let Some(a) = self.sidebar_items().get(self.sidebar.selected).copied() else {
                    return false;
                };
                if a.status == AnchorStatus::Changed {
                    let anchor = a.anchor.clone();
                    self.jump_to(&anchor);
                    self.set_message(
                        "changed: y accepts the new wording; or select the passage (v…) and R re-attaches",
                    );
                } else {
                    self.set_message(
                        "orphan: select its new passage (v…), then R here re-attaches it; d deletes",
                    );
                }
                true
            }
            SidebarContent::Tags => {
                let Some((tag, _)) = self
                    .ann
                    .set
                    .tag_counts()
                    .into_iter()
                    .nth(self.sidebar.selected)
                else {
                    return false;
                };
                self.toggle_filter(tag);
                true
            }
        }
    }

    /// Filter the reading pane by `tag`, or clear the filter if it is that tag.
    pub fn toggle_filter(&mut self, tag: String) {
        if self.ann.filter.as_deref() == Some(tag.as_str()) {
            self.clear_filter();
            return;
        }
        self.set_message(format!(
            "showing paragraphs tagged {tag} (Esc or Enter again: all)"
        ));
        self.ann.filter = Some(tag);
        self.apply_filter();
        let first = self.reader.filter_first();
        if let Some(p) = first {
            self.move_to(
                Anchor {
                    unit: Document::unit_of(p),
                    line: 0,
                },
                true,
            );
        }
    }

    /// Drop the tag filter; returns whether there was one.
    pub fn clear_filter(&mut self) -> bool {
        if self.ann.filter.take().is_none() {
            return false;
        }
        self.apply_filter();
        self.set_message("filter cleared");
        true
    }

    pub(super) fn sidebar_delete(&mut self) -> bool {
        if !matches!(
            self.sidebar.content,
            SidebarContent::Annotations | SidebarContent::Review
        ) {
            return false;
        }
        let Some(id) = self
            .sidebar_items()
            .get(self.sidebar.selected)
            .map(|a| a.id.clone())
        else {
            self.set_message("nothing selected");
            return true;
        };
        match self.ann.set.delete(&id) {
            Ok(change) => {
                self.record_change(&change);
                let m = self.message.take().unwrap_or_default();
                self.set_message(format!("{m} (u undoes)"));
            }
            Err(e) => self.set_message(e.to_string()),
        }
        true
    }

    pub(super) fn reattach(&mut self) -> bool {
        if self.sidebar.content != SidebarContent::Review {
            self.set_message("re-attach works in the review list (A)");
            return true;
        }
        let Some(id) = self
            .sidebar_items()
            .get(self.sidebar.selected)
            .map(|a| a.id.clone())
        else {
            self.set_message("nothing to re-attach selected");
            return true;
        };
        let Some((a, b)) = self.selection_span() else {
            self.set_message("select the new passage first (v in the reading pane, then move)");
            return true;
        };
        match self.span_anchor(a, b) {
            Ok(anchor) => match self.ann.set.reattach(&id, anchor) {
                Ok(change) => {
                    self.ann.selection = None;
                    if self.mode == Mode::Select {
                        self.mode = Mode::Normal;
                    }
                    self.record_change(&change);
                    self.set_message("re-attached");
                }
                Err(e) => self.set_message(e.to_string()),
            },
            Err(e) => self.set_message(e),
        }
        true
    }

    pub(super) fn accept_wording(&mut self) -> bool {
        if self.sidebar.content != SidebarContent::Review {
            self.set_message("accepting a new wording works in the review list (A)");
            return true;
        }
        let Some(id) = self
            .sidebar_items()
            .get(self.sidebar.selected)
            .map(|a| a.id.clone())
        else {
            self.set_message("nothing selected");
            return true;
        };
        match self.ann.set.accept_wording(&id, &self.doc.cable) {
            Ok(change) => {
                self.record_change(&change);
                self.set_message("new wording accepted (u undoes)");
            }
            Err(e) => self.set_message(format!("cannot accept: {e}")),
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
