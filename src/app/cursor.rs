//! The reading cursor and the selection: motions that need the layout (a screen line
//! up or down), the mouse, keeping the cursor on screen as the view moves, and starting
//! or ending a selection. Motions on the text alone are pure functions in
//! [`super::motion`].

use super::motion::{self, TextCursor};
use super::reader::LineText;
use super::{Anchor, App, Document, Focus, Mode};

impl App {
    /// The clean-text ranges of `para`'s screen lines.
    pub(super) fn clean_lines(&mut self, para: usize) -> Vec<std::ops::Range<usize>> {
        self.reader
            .lines(&self.doc, Document::unit_of(para))
            .iter()
            .filter_map(|l| match &l.text {
                LineText::Clean(r) => Some(r.clone()),
                LineText::Owned(_) => None,
            })
            .collect()
    }

    pub(super) fn line_move(&mut self, c: TextCursor, down: bool) -> TextCursor {
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

    /// A click on text puts the cursor there (and ends a selection).
    pub(super) fn click_text(&mut self, at: TextCursor) {
        self.ann.cursor = Some(at);
        self.ann.selection = None;
    }

    /// Dragging over text selects from where the button went down.
    pub(super) fn drag(&mut self, to: TextCursor) -> bool {
        if !matches!(self.mode, Mode::Normal | Mode::Select) || self.reader.raw {
            return false;
        }
        if self.ann.selection.is_none() {
            self.ann.selection = Some(self.cursor());
            self.mode = Mode::Select;
            self.focus = Focus::Reader;
            self.set_message("selected with the mouse: t tag, a note, Esc cancel");
        }
        // The selection includes the character under the cursor (as in vim), so the
        // character under the pointer is in it whichever way the drag goes.
        self.ann.cursor = Some(to);
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
    /// Where the cursor's line is, the top line on screen, and the rows below it.
    fn cursor_on_screen(&self) -> (Anchor, Anchor, isize) {
        let c = self.cursor();
        let unit = Document::unit_of(c.para);
        let line = self.reader.line_of_offset(&self.doc, unit, c.offset);
        let rows = isize::try_from(self.reader.height.saturating_sub(1)).unwrap_or(0);
        (Anchor { unit, line }, self.reader.top, rows)
    }

    pub(super) fn show_cursor(&mut self) {
        let (at, top, rows) = self.cursor_on_screen();
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
        let (at, top, rows) = self.cursor_on_screen();
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
}
