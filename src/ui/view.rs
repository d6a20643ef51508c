//! The view's own state, owned by the UI: the styles it draws with, and what it learnt
//! while drawing that only the mouse needs (where the panes, links and lines of text
//! landed on screen, how far the section tree is scrolled).
//!
//! The app never reads this: a mouse event is turned into an action about the document
//! here ([`View::mouse`]: a click on tree row 12, on link 7, on byte 40 of paragraph 9),
//! and which side panes fitted and the reading pane's size go back to the app as actions
//! ([`View::feedback`]), so `update` stays the only writer of the app's state and the
//! app knows nothing of screen cells or colours.

use std::ops::Range;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::app::App;

use super::theme::{TagColors, Theme};

/// Screen areas of the panes at the last draw (empty when not shown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneAreas {
    /// The section tree, border included.
    pub tree: Rect,
    /// The reading pane's text area.
    pub reader: Rect,
    /// The sidebar, border included.
    pub sidebar: Rect,
}

/// A link drawn on screen during the last draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkHit {
    /// Screen row.
    pub row: u16,
    /// First and one-past-last screen column.
    pub columns: (u16, u16),
    /// Index into [`crate::cable::Cable::xrefs`].
    pub xref: usize,
}

/// A line of clean text drawn during the last draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRow {
    /// Screen row.
    pub row: u16,
    /// Screen column where the text starts.
    pub x: u16,
    /// Paragraph index.
    pub para: usize,
    /// Byte range of the paragraph's clean text on this line.
    pub range: Range<usize>,
}

/// Lines of the mouse wheel per notch.
const WHEEL_LINES: isize = 3;

/// The UI's state.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Styles.
    pub theme: Theme,
    /// Colours for annotation tags (configured or from the palette; none under `NO_COLOR`).
    pub tags: TagColors,
    /// Pane areas at the last draw.
    pub areas: PaneAreas,
    /// Links drawn by the last draw.
    pub link_hits: Vec<LinkHit>,
    /// Clean-text lines drawn by the last draw.
    pub text_rows: Vec<TextRow>,
    /// First tree row on screen.
    pub tree_offset: usize,
}

impl View {
    /// A view drawing with `theme` and `tags`.
    #[must_use]
    pub fn new(theme: Theme, tags: TagColors) -> Self {
        Self {
            theme,
            tags,
            ..Self::default()
        }
    }

    /// The action a mouse event means at the last draw: a click on a tree row, a link,
    /// text or a pane; a drag over text; a move over text (or off it); the wheel over
    /// the tree or elsewhere.
    #[must_use]
    pub fn mouse(&self, app: &App, event: MouseEvent) -> Option<Action> {
        let at = Position::new(event.column, event.row);
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => self.click(app, at),
            MouseEventKind::Drag(MouseButton::Left) if self.areas.reader.contains(at) => {
                let (para, offset) = self.text_at(app, at)?;
                Some(Action::DragText { para, offset })
            }
            // Resting on an acronym explains it (as `K`); the terminal reports moves
            // because mouse capture asks for all motion.
            MouseEventKind::Moved if self.areas.reader.contains(at) => Some(Action::HoverText {
                at: self.text_at(app, at),
            }),
            MouseEventKind::Moved => Some(Action::HoverText { at: None }),
            MouseEventKind::ScrollDown if self.areas.tree.contains(at) => {
                Some(Action::WheelTree(WHEEL_LINES))
            }
            MouseEventKind::ScrollUp if self.areas.tree.contains(at) => {
                Some(Action::WheelTree(-WHEEL_LINES))
            }
            MouseEventKind::ScrollDown => Some(Action::WheelReader(WHEEL_LINES)),
            MouseEventKind::ScrollUp => Some(Action::WheelReader(-WHEEL_LINES)),
            _ => None,
        }
    }

    fn click(&self, app: &App, at: Position) -> Option<Action> {
        if self.areas.tree.contains(at) {
            let inner = self.areas.tree.y + 1;
            let row = (at.y >= inner)
                .then(|| self.tree_offset + usize::from(at.y - inner))
                .filter(|&r| r < app.outline.rows.len());
            return Some(Action::ClickTree { row });
        }
        if self.areas.reader.contains(at) {
            let hit = self
                .link_hits
                .iter()
                .find(|h| h.row == at.y && (h.columns.0..h.columns.1).contains(&at.x));
            if let Some(h) = hit {
                return Some(Action::ClickLink(h.xref));
            }
            return Some(Action::ClickText {
                at: self.text_at(app, at),
            });
        }
        self.areas
            .sidebar
            .contains(at)
            .then_some(Action::ClickSidebar)
    }

    /// The text position (paragraph index, byte offset) under a screen cell of the
    /// reading pane.
    #[must_use]
    pub fn text_at(&self, app: &App, at: Position) -> Option<(usize, usize)> {
        let line = self.text_rows.iter().find(|t| t.row == at.y)?;
        let text = app
            .doc
            .cable
            .paragraphs
            .get(line.para)?
            .text
            .get(line.range.clone())?;
        let want = usize::from(at.x.saturating_sub(line.x));
        let mut width = 0;
        for (i, ch) in text.char_indices() {
            let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if width + w > want {
                return Some((line.para, line.range.start + i));
            }
            width += w;
        }
        Some((line.para, line.range.end))
    }

    /// After a draw: what the app should learn from it, when that changed: which side
    /// panes fitted, and the reading pane's size (apply these, and draw again if any of
    /// them changed something).
    #[must_use]
    pub fn feedback(&self, app: &App) -> Vec<Action> {
        let mut out = Vec::new();
        let tree = !self.areas.tree.is_empty();
        let sidebar = !self.areas.sidebar.is_empty();
        if app.panes.tree_shown != tree || app.panes.sidebar_shown != sidebar {
            out.push(Action::PanesShown { tree, sidebar });
        }
        let reader = self.areas.reader;
        let (width, height) = (usize::from(reader.width), usize::from(reader.height));
        if !reader.is_empty() && (app.reader.width, app.reader.height) != (width, height) {
            out.push(Action::Viewport { width, height });
        }
        out
    }
}
