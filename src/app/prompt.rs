//! The one-line prompts (`:` go-to, `/` search, tags): a line editor with history.
//!
//! Editing is done by `ratatui-textarea` on a single line, so the prompt behaves like a
//! shell line (Left/Right, Home/End, `Ctrl-a`/`Ctrl-e`, `Ctrl-w` deletes a word back,
//! `Alt-b`/`Alt-f` move by words, Delete) without hand-written editing code. Only what a
//! shell does differently from the widget's own bindings is mapped here: `Ctrl-u`
//! deletes to the start of the line (the widget would undo), and keys that would make a
//! second line are ignored. Each prompt kind keeps its own history (Up/Down), as shells
//! and vim do; a line being typed is kept while browsing it.

use std::collections::HashMap;

use ratatui_textarea::{CursorMove, Input, Key, TextArea};

/// Which prompt is open (each has its own history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptKind {
    /// `:` go to.
    Goto,
    /// `/` search.
    Search,
    /// Tags for a passage.
    Tag,
    /// The library's query line.
    Library,
}

/// Most entries kept per history.
const HISTORY_LIMIT: usize = 100;

/// The prompt line and the histories of every prompt kind.
#[derive(Debug, Default)]
pub struct PromptState {
    line: TextArea<'static>,
    histories: HashMap<PromptKind, Vec<String>>,
    /// While browsing: the history index shown, and the line typed before browsing.
    browsing: Option<(usize, String)>,
}

impl PromptState {
    /// The text typed.
    #[must_use]
    pub fn text(&self) -> &str {
        self.line.lines().first().map_or("", String::as_str)
    }

    /// The cursor's position, in characters from the start of the line.
    #[must_use]
    pub fn cursor(&self) -> usize {
        self.line.cursor().1
    }

    /// Replace the line with `text`, the cursor at its end.
    pub fn set(&mut self, text: &str) {
        let one_line: String = text.lines().collect::<Vec<_>>().join(" ");
        self.line = TextArea::new(vec![one_line]);
        self.line.move_cursor(CursorMove::End);
        self.browsing = None;
    }

    /// Empty the line.
    pub fn clear(&mut self) {
        self.set("");
    }

    /// Take the text, leaving the line empty.
    pub fn take(&mut self) -> String {
        let text = self.text().to_owned();
        self.clear();
        text
    }

    /// Apply one key to the line as a shell would; returns whether the text changed.
    pub fn edit(&mut self, input: Input) -> bool {
        let before = self.text().to_owned();
        match input {
            // A shell's kill-to-start (the widget's own Ctrl-u is undo).
            Input {
                key: Key::Char('u'),
                ctrl: true,
                alt: false,
                ..
            } => {
                self.line.delete_line_by_head();
            }
            // Nothing makes a second line.
            Input {
                key: Key::Enter | Key::Char('\n' | '\r'),
                ..
            }
            | Input {
                key: Key::Char('m'),
                ctrl: true,
                ..
            } => {}
            input => {
                self.line.input(input);
            }
        }
        let changed = self.text() != before;
        if changed {
            self.browsing = None;
        }
        changed
    }

    /// Remember `entry` in `kind`'s history (not empty, not a repeat of the last one).
    pub fn remember(&mut self, kind: PromptKind, entry: &str) {
        let entry = entry.trim();
        if entry.is_empty() {
            return;
        }
        let h = self.histories.entry(kind).or_default();
        h.retain(|e| e != entry);
        h.push(entry.to_owned());
        if h.len() > HISTORY_LIMIT {
            h.remove(0);
        }
    }

    /// Up: the previous entry of `kind`'s history; returns whether the line changed.
    pub fn history_prev(&mut self, kind: PromptKind) -> bool {
        let Some(h) = self.histories.get(&kind).filter(|h| !h.is_empty()) else {
            return false;
        };
        let (at, typed) = match self.browsing.take() {
            Some((0, typed)) => (0, typed),
            Some((i, typed)) => (i - 1, typed),
            None => (h.len() - 1, self.text().to_owned()),
        };
        let entry = h[at].clone();
        self.set(&entry);
        self.browsing = Some((at, typed));
        true
    }

    /// Down: the next entry, or back to the line typed before browsing.
    pub fn history_next(&mut self, kind: PromptKind) -> bool {
        let Some((at, typed)) = self.browsing.take() else {
            return false;
        };
        let len = self.histories.get(&kind).map_or(0, Vec::len);
        if at + 1 < len {
            let entry = self.histories[&kind][at + 1].clone();
            self.set(&entry);
            self.browsing = Some((at + 1, typed));
        } else {
            self.set(&typed);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: Key) -> Input {
        Input {
            key,
            ..Input::default()
        }
    }

    fn ctrl(c: char) -> Input {
        Input {
            key: Key::Char(c),
            ctrl: true,
            ..Input::default()
        }
    }

    fn typed(p: &mut PromptState, s: &str) {
        for c in s.chars() {
            p.edit(key(Key::Char(c)));
        }
    }

    #[test]
    fn edits_like_a_shell_line() {
        let mut p = PromptState::default();
        typed(&mut p, "see question 17");
        assert_eq!((p.text(), p.cursor()), ("see question 17", 15));
        p.edit(ctrl('w'));
        assert_eq!(p.text(), "see question ");
        p.edit(key(Key::Home));
        p.edit(key(Key::Right));
        typed(&mut p, "X");
        assert_eq!(p.text(), "sXee question ");
        p.edit(key(Key::End));
        typed(&mut p, "20");
        p.edit(key(Key::Left));
        p.edit(key(Key::Left));
        p.edit(ctrl('u'));
        assert_eq!(
            (p.text(), p.cursor()),
            ("20", 0),
            "Ctrl-u kills to the start"
        );
        p.edit(ctrl('e'));
        p.edit(key(Key::Backspace));
        assert_eq!(p.text(), "2");
        assert!(!p.edit(key(Key::Enter)), "no second line");
        assert!(!p.edit(ctrl('m')));
        assert_eq!(p.take(), "2");
        assert_eq!(p.text(), "");
    }

    #[test]
    fn history_per_kind_keeps_the_line_being_typed() {
        let mut p = PromptState::default();
        p.remember(PromptKind::Goto, "q17");
        p.remember(PromptKind::Goto, "p10");
        p.remember(PromptKind::Goto, "q17");
        p.remember(PromptKind::Search, "shelter");
        p.remember(PromptKind::Goto, "  ");
        typed(&mut p, "q2");
        assert!(p.history_prev(PromptKind::Goto));
        assert_eq!(
            p.text(),
            "q17",
            "the latest first; a repeat moves to the end"
        );
        assert!(p.history_prev(PromptKind::Goto));
        assert_eq!(p.text(), "p10");
        assert!(p.history_prev(PromptKind::Goto));
        assert_eq!(p.text(), "p10", "stays at the oldest");
        assert!(p.history_next(PromptKind::Goto));
        assert_eq!(p.text(), "q17");
        assert!(p.history_next(PromptKind::Goto));
        assert_eq!(p.text(), "q2", "back to what was typed");
        assert!(!p.history_next(PromptKind::Goto));
        assert!(!p.history_prev(PromptKind::Tag), "no tag history yet");
    }
}
