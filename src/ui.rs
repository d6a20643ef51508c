//! Drawing the app: layout of the panes and delegation to one `render_*` per pane.
//!
//! Rendering reads the app (`&App`) and writes only the UI's own [`View`] (pane areas,
//! where links and lines of text landed, the tree's scroll offset); what the app must
//! learn from a draw (which panes fitted, the reading pane's size) goes back to it as
//! actions ([`View::feedback`]). It never changes what the user is reading and does no
//! I/O. (The wrapped lines it reads are a memo shared with scrolling.)

pub mod help;
pub mod library;
pub mod outline;
pub mod reader;
pub mod sidebar;
pub mod status;
pub mod tag_view;
pub mod tasker;
pub mod theme;
pub mod view;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::app::{App, Focus, Mode};

use view::{PaneAreas, View};

/// Below this width the panes are shown one at a time (the focused one).
pub const WIDE_LAYOUT_MIN_WIDTH: u16 = 100;

/// Columns the reading pane keeps (borders included) before side panes get any.
const READER_MIN_WIDTH: u16 = 68;

/// Narrowest useful side pane; below it the sidebar is hidden to keep the tree usable.
const SIDE_MIN_WIDTH: u16 = 18;

/// Below this size nothing but a one-line message is drawn.
pub const MIN_SIZE: (u16, u16) = (24, 6);

/// Draw the whole screen.
pub fn render(app: &App, view: &mut View, frame: &mut Frame) {
    let area = frame.area();
    view.areas = PaneAreas::default();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let msg = format!(
            "terminal too small ({}x{}); need {}x{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        frame.render_widget(Paragraph::new(msg), Rect { height: 1, ..area });
        return;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let (tree, reader, sidebar) = split(app, main);
    if let Some(r) = tree {
        view.areas.tree = r;
        outline::render_outline(app, view, frame, r);
    }
    let facts = match reader {
        Some(r) => reader::render_reader(app, view, frame, r),
        None => reader::ReaderFacts {
            page: app
                .current_paragraph()
                .and_then(|i| app.doc.cable.paragraphs.get(i))
                .map_or(1, |p| p.page),
            at_bottom: false,
        },
    };
    if let Some(r) = sidebar {
        view.areas.sidebar = r;
        sidebar::render_sidebar(app, view, frame, r);
    }
    status::render_status(app, view, facts, frame, status);
    if app.mode == Mode::Help {
        help::render_help(app, view, frame, area);
    }
    if app.mode == Mode::Note {
        render_note_editor(app, view, frame, area);
    }
}

/// The note editor, over the middle of the screen.
fn render_note_editor(app: &App, view: &View, frame: &mut Frame, area: Rect) {
    let Some(editor) = app.ann.editor.as_ref() else {
        return;
    };
    let width = area.width.saturating_sub(4).min(72);
    let height = area.height.saturating_sub(4).min(12);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let subject = crate::sanitize::sanitize(&app.ann.editor_subject).into_owned();
    let block = ratatui::widgets::Block::bordered()
        .title(format!(" Note on {subject} "))
        .title_bottom(" Ctrl-s save · Esc close ")
        .border_style(view.theme.border_focused);
    let inner = block.inner(popup);
    frame.render_widget(ratatui::widgets::Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(editor, inner);
}

/// Areas of (tree, reader, sidebar). Narrow terminals show only the focused pane.
fn split(app: &App, main: Rect) -> (Option<Rect>, Option<Rect>, Option<Rect>) {
    if main.width < WIDE_LAYOUT_MIN_WIDTH {
        return match app.focus {
            Focus::Tree if app.panes.show_tree => (Some(main), None, None),
            Focus::Sidebar if app.panes.show_sidebar => (None, None, Some(main)),
            _ => (None, Some(main), None),
        };
    }
    // The reading pane comes first: telegrams are ~65 columns wide, so the side panes
    // share only what is left after READER_MIN_WIDTH, and the sidebar gives way first.
    let spare = main.width.saturating_sub(READER_MIN_WIDTH);
    let (mut tree_w, mut side_w) = (
        if app.panes.show_tree {
            app.panes.tree_width
        } else {
            0
        },
        if app.panes.show_sidebar {
            app.panes.sidebar_width
        } else {
            0
        },
    );
    if tree_w + side_w > spare {
        let half = spare / 2;
        match (tree_w > 0, side_w > 0) {
            (true, true) if half >= SIDE_MIN_WIDTH => {
                tree_w = tree_w.min(half);
                side_w = side_w.min(spare - tree_w);
            }
            (true, true) if app.focus == Focus::Sidebar => (tree_w, side_w) = (0, spare),
            (true, _) => (tree_w, side_w) = (tree_w.min(spare), 0),
            (false, _) => side_w = side_w.min(spare),
        }
    }
    let [t, r, s] = Layout::horizontal([
        Constraint::Length(tree_w),
        Constraint::Min(20),
        Constraint::Length(side_w),
    ])
    .areas(main);
    (
        (tree_w > 0).then_some(t),
        Some(r),
        (side_w > 0).then_some(s),
    )
}
