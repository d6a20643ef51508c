//! The editors of an annotation: the tag prompt (with completion from the file's and the
//! recent tags) and the note editor (a `ratatui-textarea`), for a new passage or an
//! existing annotation.

use ratatui_textarea::TextArea;

use super::annotate::Target;
use super::{App, Mode};

/// Split a tag prompt into tags (commas and spaces separate).
#[must_use]
pub fn parse_tags(input: &str) -> Vec<String> {
    input
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

impl App {
    pub(super) fn back_from_prompt(&mut self) {
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
        if let Some(why) = self.refused(&target) {
            self.set_message(why);
            return true;
        }
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

    pub(super) fn finish_selection(&mut self) {
        self.ann.selection = None;
        self.mode = Mode::Normal;
    }

    pub(super) fn open_note_editor(&mut self) -> bool {
        let Some(target) = self.edit_target() else {
            self.set_message("nothing to note: select a passage first (v, then move)");
            return true;
        };
        if let Some(why) = self.refused(&target) {
            self.set_message(why);
            return true;
        }
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
        // Long lines wrap at words (no sideways scrolling); the cursor goes to the end of
        // an existing note, to add to it.
        editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.ann.editor_original = editor.lines().join("\n");
        self.ann.editor_subject = self.editor_subject(&target);
        self.ann.discard_pending = false;
        self.ann.editor = Some(editor);
        self.ann.target = Some(target);
        self.mode = Mode::Note;
        true
    }

    /// `¶10 · Q9 “Question 9” · policy, tip`: what a note being written belongs to.
    fn editor_subject(&self, target: &Target) -> String {
        let clip = |s: &str| -> String {
            let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut out: String = one.chars().take(40).collect();
            if one.chars().count() > 40 {
                out.push('…');
            }
            out
        };
        match target {
            Target::Existing(id) => self.ann.set.get(id).map_or_else(String::new, |a| {
                let place = self.doc.short_label(a.anchor.start.index);
                let tags = if a.tags.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", a.tags.join(", "))
                };
                format!("{place} “{}”{tags}", clip(&a.anchor.exact))
            }),
            Target::Span(a, b) => {
                let place = self.doc.short_label(a.para);
                let quote = if a.para == b.para {
                    self.para_text(a.para)
                        .get(a.offset..b.offset)
                        .unwrap_or_default()
                        .to_owned()
                } else {
                    self.para_text(a.para)
                        .get(a.offset..)
                        .unwrap_or_default()
                        .to_owned()
                };
                format!("{place} “{}” · new", clip(&quote))
            }
        }
    }

    pub(super) fn editor_input(&mut self, key: ratatui_textarea::Input) -> bool {
        match self.ann.editor.as_mut() {
            Some(e) => {
                e.input(key);
                self.ann.discard_pending = false;
                true
            }
            None => false,
        }
    }

    /// `Esc` in the note editor: closes it, but asks first when the note was edited (a
    /// second `Esc` discards the edit; any key goes back to editing).
    pub(super) fn note_cancel(&mut self) -> bool {
        let edited = self
            .ann
            .editor
            .as_ref()
            .is_some_and(|e| e.lines().join("\n") != self.ann.editor_original);
        if edited && !self.ann.discard_pending {
            self.ann.discard_pending = true;
            self.set_message("discard the changes to this note? Esc again discards, Ctrl-s saves");
            return true;
        }
        self.ann.discard_pending = false;
        self.ann.editor = None;
        self.cancel_annotation_prompt();
        self.set_message(if edited {
            "changes to the note discarded"
        } else {
            "note closed"
        });
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
}
