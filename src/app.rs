//! The reader's model: the open cable, the panes' states, focus, mode, search, history.
//!
//! [`App::update`] is the only way state changes, one [`Action`] at a time, and it does no
//! I/O: what needs the outside world (opening another cable) is left as an [`Effect`] for
//! the event loop in `tui.rs` to carry out. What only drawing knows stays in the UI's
//! `ui::view::View` (styles, where links landed on screen); the mouse reaches the app as
//! actions about the document, and which panes fitted and the reading pane's size come
//! back as actions. The wrapped lines ([`ReaderState`]) are a memo that scrolling and
//! drawing share.

pub mod annotate;
pub mod cursor;
pub mod document;
pub mod editors;
pub mod explain;
pub mod history;
pub mod motion;
pub mod navigate;
pub mod outline;
pub mod prompt;
pub mod reader;
pub mod search;
pub mod sidebar;
pub mod sidebar_control;

use std::path::PathBuf;

use crate::action::Action;
use crate::keymap::Keymap;
use crate::parse;

pub use crate::mode::{Focus, Mode};
pub use annotate::{AnnotateState, Target};
pub use document::Document;
pub use history::History;
pub use motion::TextCursor;
pub use outline::{NodeId, OutlineState};
pub use prompt::{PromptKind, PromptState};
pub use reader::{Anchor, ReaderState};
pub use search::SearchState;
pub use sidebar::{Scope, SidebarContent, SidebarState};

/// Something the event loop must do outside the app (the app does no I/O).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open the cable with this id (a REF's) on top of this one: the loop looks for it in
    /// the corpus, then beside the open file.
    OpenRef(String),
    /// Go back to the cable this one was opened from.
    CloseCable,
    /// Open the reply whose answer this is (the question view's `Enter`) on top of the
    /// view, at its paragraph.
    OpenReply {
        /// The path naming the reply (its sidecar's).
        path: PathBuf,
        /// Its id.
        id: String,
        /// The paragraph (an index into the reply's paragraphs).
        paragraph: usize,
        /// The byte offset in it.
        offset: usize,
    },
    /// Show every reply's answer to the question at this paragraph and byte offset of
    /// the cable (the library's question view).
    EveryAnswer {
        /// The paragraph (an index into the cable's paragraphs).
        paragraph: usize,
        /// The byte offset in it.
        offset: usize,
    },
}

/// Which panes are shown and how wide the side panes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    /// Show the section tree.
    pub show_tree: bool,
    /// Show the sidebar.
    pub show_sidebar: bool,
    /// Section tree width in columns.
    pub tree_width: u16,
    /// Sidebar width in columns.
    pub sidebar_width: u16,
    /// Whether the section tree was on screen at the last draw (it may be hidden for
    /// width although shown).
    pub tree_shown: bool,
    /// Whether the sidebar was on screen at the last draw.
    pub sidebar_shown: bool,
}

impl Default for Panes {
    fn default() -> Self {
        Self {
            show_tree: true,
            show_sidebar: true,
            tree_width: 36,
            sidebar_width: 34,
            tree_shown: true,
            sidebar_shown: true,
        }
    }
}

/// The whole reader state.
#[derive(Debug)]
pub struct App {
    /// The open cable.
    pub doc: Document,
    /// Key bindings.
    pub keymap: Keymap,
    /// Focused pane.
    pub focus: Focus,
    /// Current mode.
    pub mode: Mode,
    /// Section tree.
    pub outline: OutlineState,
    /// Reading pane.
    pub reader: ReaderState,
    /// Search.
    pub search: SearchState,
    /// Jump history.
    pub history: History,
    /// Sidebar.
    pub sidebar: SidebarState,
    /// Pane visibility and widths.
    pub panes: Panes,
    /// The open prompt's line and the prompts' histories.
    pub prompt: PromptState,
    /// Where an incremental search started (restored on cancel).
    pub search_origin: Option<Anchor>,
    /// Key list scroll.
    pub help_scroll: u16,
    /// A message for the status bar.
    pub message: Option<String>,
    /// The selected link: an index into [`crate::cable::Cable::xrefs`].
    pub selected_link: Option<usize>,
    /// Whether this cable was opened from another one's REF (Back at the start returns).
    pub is_nested: bool,
    /// The acronym the last key explained (`K`), so that `K` again goes to its definition.
    pub explained: Option<String>,
    /// The acronym the mouse rests on, explained in the status bar (until a key is
    /// pressed or the mouse leaves it).
    pub hovered: Option<String>,
    /// Annotations, cursor, selection, prompts (see [`annotate`]).
    pub ann: AnnotateState,
    effect: Option<Effect>,
    should_quit: bool,
}

impl App {
    /// A reader on a document, at the top, reader focused.
    #[must_use]
    pub fn new(doc: Document) -> Self {
        let outline = OutlineState::new(&doc);
        Self {
            doc,
            keymap: Keymap::default(),
            focus: Focus::Reader,
            mode: Mode::Normal,
            outline,
            reader: ReaderState::default(),
            search: SearchState::default(),
            history: History::default(),
            sidebar: SidebarState::default(),
            panes: Panes::default(),
            prompt: PromptState::default(),
            search_origin: None,
            help_scroll: 0,
            message: None,
            selected_link: None,
            is_nested: false,
            explained: None,
            hovered: None,
            ann: AnnotateState::default(),
            effect: None,
            should_quit: false,
        }
    }

    /// Parse `text` and open it.
    #[must_use]
    pub fn from_text(name: &str, path: Option<PathBuf>, text: &str) -> Self {
        let mut parsed = parse::parse(text);
        parse::find_definitions(&mut parsed.cable);
        Self::new(Document::new(
            name.to_owned(),
            path,
            parsed.cable,
            text.to_owned(),
        ))
    }

    /// Whether the user asked to quit.
    #[must_use]
    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    /// Take the pending effect, if any, for the event loop to carry out.
    pub fn take_effect(&mut self) -> Option<Effect> {
        self.effect.take()
    }

    /// Show a message in the status bar.
    pub fn set_message(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Add `text` to the status bar message (after what it already says).
    pub fn add_message(&mut self, text: &str) {
        let joined = match self.message.take() {
            Some(m) if !m.is_empty() => format!("{m} — {text}"),
            _ => text.to_owned(),
        };
        self.set_message(joined);
    }

    /// The unit at the top of the reading pane: the current paragraph (or header).
    #[must_use]
    pub fn current_unit(&self) -> usize {
        self.reader.top.unit
    }

    /// The current paragraph index (`None` on the header).
    #[must_use]
    pub fn current_paragraph(&self) -> Option<usize> {
        Document::paragraph_of(self.current_unit())
    }

    /// Restore a saved reading position (ignored when out of range); not a jump.
    pub fn restore_position(&mut self, top: Anchor) {
        if top.unit < self.doc.unit_count() {
            let h = self.reader.height_of(&self.doc, top.unit);
            self.reader.top = Anchor {
                unit: top.unit,
                line: top.line.min(h.saturating_sub(1)),
            };
            self.after_move();
        }
    }

    /// Show byte `offset` of paragraph `paragraph`: its line second from the top, the
    /// text cursor on it (ignored when out of range); not a jump.
    fn show_place(&mut self, paragraph: usize, offset: usize) -> bool {
        let Some(boundary) = self
            .doc
            .cable
            .paragraphs
            .get(paragraph)
            .map(|p| p.text.is_char_boundary(offset))
        else {
            return false;
        };
        let unit = Document::unit_of(paragraph);
        let line = self.reader.line_of_offset(&self.doc, unit, offset);
        self.restore_position(Anchor {
            unit,
            line: line.saturating_sub(1),
        });
        if boundary {
            self.ann.cursor = Some(TextCursor::new(paragraph, offset));
        }
        true
    }

    /// Apply one action. Returns whether anything visible changed (the loop redraws then).
    pub fn update(&mut self, action: Action) -> bool {
        // A message says what the last action did; the next one replaces or clears it
        // (as vim does), so no message outlives the moment it describes.
        let had_message = !action.is_internal() && self.message.take().is_some();
        if !action.is_internal() && action != Action::ExplainTerm {
            self.explained = None;
        }
        if !action.is_internal() {
            self.hovered = None;
        }
        self.apply(action) || had_message
    }

    fn apply(&mut self, action: Action) -> bool {
        let page = isize::try_from(self.reader.height).unwrap_or(20);
        // A first `q` with unsaved work asks; any other key cancels the question, but
        // typing `:q` is the same answer as `q`.
        let typing_goto = matches!(
            action,
            Action::OpenGoto
                | Action::PromptEdit(_)
                | Action::PromptBackspace
                | Action::PromptHistoryPrev
                | Action::PromptHistoryNext
                | Action::PromptSubmit
        ) && matches!(self.mode, Mode::Normal | Mode::Select | Mode::Goto);
        let quit_pending = if typing_goto || action.is_internal() {
            self.ann.quit_pending
        } else {
            std::mem::take(&mut self.ann.quit_pending)
        };
        match action {
            Action::Quit => {
                if self.confirm_quit(quit_pending) {
                    self.should_quit = true;
                }
                true
            }
            Action::SelectStart => self.select_start(),
            Action::SelectCancel => self.select_cancel(),
            Action::CursorRight
            | Action::CursorLeft
            | Action::WordForward
            | Action::WordEnd
            | Action::WordBack
            | Action::SentenceForward
            | Action::SentenceBack
            | Action::CursorDown
            | Action::CursorUp
            | Action::ParagraphForward
            | Action::ParagraphBack => self.move_cursor(&action),
            Action::OpenTagPrompt => self.open_tag_prompt(),
            Action::OpenNoteEditor => self.open_note_editor(),
            Action::NoteSave => self.note_save(),
            Action::NoteCancel => self.note_cancel(),
            Action::EditorInput(key) => self.editor_input(key),
            Action::PromptComplete => self.complete_tag(),
            Action::Undo => self.undo(false),
            Action::Redo => self.undo(true),
            Action::CycleSidebar => self.cycle_sidebar(),
            Action::ExplainTerm => self.explain_term(),
            Action::EveryAnswer if self.doc.compiled.is_some() => {
                self.set_message("this is every reply's answer already (Enter opens one)");
                true
            }
            Action::EveryAnswer => {
                // The text cursor's place when it is in view, else the paragraph at the top.
                let at = self
                    .ann
                    .cursor
                    .map(|c| (c.para, c.offset))
                    .or_else(|| self.current_paragraph().map(|p| (p, 0)));
                match at {
                    Some((paragraph, offset)) => {
                        self.effect = Some(Effect::EveryAnswer { paragraph, offset });
                    }
                    None => self.set_message("no question here: go to an answer first"),
                }
                true
            }
            Action::CycleScope => self.cycle_scope(),
            Action::SidebarActivate => self.sidebar_activate(),
            Action::SidebarDelete => self.sidebar_delete(),
            Action::Reattach => self.reattach(),
            Action::AcceptWording => self.accept_wording(),
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    Mode::Help
                };
                self.help_scroll = 0;
                true
            }
            Action::SidebarDown => self.sidebar_step(true),
            Action::SidebarUp => self.sidebar_step(false),
            Action::HelpDown => {
                self.help_scroll = self.help_scroll.saturating_add(1);
                true
            }
            Action::HelpUp => {
                let before = self.help_scroll;
                self.help_scroll = self.help_scroll.saturating_sub(1);
                before != self.help_scroll
            }
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::ScrollDown => self.scroll(1),
            Action::ScrollUp => self.scroll(-1),
            Action::HalfPageDown => self.scroll((page / 2).max(1)),
            Action::HalfPageUp => self.scroll(-(page / 2).max(1)),
            Action::PageDown => self.scroll((page - 1).max(1)),
            Action::PageUp => self.scroll(-(page - 1).max(1)),
            Action::Top => self.move_to(Anchor::default(), false),
            Action::Bottom => {
                let to = self.reader.bottom(&self.doc).max(self.reader.top);
                let changed = self.move_to(to, false);
                // As in vim, `G` puts the cursor on the last line.
                if let Some((_, (p, r))) = self.reader.visible_text(&self.doc) {
                    self.ann.cursor = Some(TextCursor::new(p, r.start));
                }
                changed
            }
            Action::NextParagraph => {
                let to = (self.current_unit() + 1).min(self.doc.unit_count() - 1);
                self.move_to(Anchor { unit: to, line: 0 }, false)
            }
            Action::PrevParagraph => {
                let to = if self.reader.top.line > 0 {
                    self.current_unit()
                } else {
                    self.current_unit().saturating_sub(1)
                };
                self.move_to(Anchor { unit: to, line: 0 }, false)
            }
            Action::NextQuestion => self.step_question(true),
            Action::PrevQuestion => self.step_question(false),
            Action::NextSection => {
                self.find_unit(true, |app, i| app.doc.opens_section(i).is_some())
            }
            Action::PrevSection => {
                self.find_unit(false, |app, i| app.doc.opens_section(i).is_some())
            }
            Action::TreeNext => {
                let row = self.outline.selected + 1;
                self.outline.select_row(row) && self.reader_to_tree(false)
            }
            Action::TreePrev => {
                let row = self.outline.selected.saturating_sub(1);
                self.outline.select_row(row) && self.reader_to_tree(false)
            }
            Action::TreeExpand => self.outline.expand(),
            Action::TreeCollapse => {
                let changed = self.outline.collapse();
                self.reader_to_tree(false);
                changed
            }
            Action::TreeToggle => self.outline.toggle(),
            Action::TreeActivate => {
                self.reader_to_tree(true);
                self.focus = Focus::Reader;
                true
            }
            Action::OpenGoto => self.open_prompt(Mode::Goto),
            Action::OpenSearch => {
                self.search_origin = Some(self.reader.top);
                self.open_prompt(Mode::Search)
            }
            Action::PromptEdit(input) => {
                if self.prompt.edit(input) {
                    self.prompt_typed();
                    self.prompt_changed();
                }
                true
            }
            Action::PromptBackspace => {
                if self.prompt.text().is_empty() {
                    return self.apply(Action::PromptCancel);
                }
                let backspace = ratatui_textarea::Input {
                    key: ratatui_textarea::Key::Backspace,
                    ..ratatui_textarea::Input::default()
                };
                if self.prompt.edit(backspace) {
                    self.prompt_typed();
                    self.prompt_changed();
                }
                true
            }
            Action::PromptHistoryPrev | Action::PromptHistoryNext => {
                let Some(kind) = self.prompt_kind() else {
                    return false;
                };
                let changed = if action == Action::PromptHistoryPrev {
                    self.prompt.history_prev(kind)
                } else {
                    self.prompt.history_next(kind)
                };
                if changed {
                    self.prompt_typed();
                    self.prompt_changed();
                }
                changed
            }
            Action::PromptCancel => {
                if self.mode == Mode::Search {
                    self.search = SearchState::default();
                    if let Some(origin) = self.search_origin.take() {
                        self.move_to(origin, false);
                    }
                }
                if self.mode == Mode::Tag {
                    self.cancel_annotation_prompt();
                } else {
                    self.mode = Mode::Normal;
                }
                self.prompt.clear();
                true
            }
            Action::PromptSubmit => {
                let input = self.prompt.take();
                if let Some(kind) = self.prompt_kind() {
                    self.prompt.remember(kind, &input);
                }
                let mode = std::mem::replace(&mut self.mode, Mode::Normal);
                match mode {
                    Mode::Goto => self.goto(&input),
                    Mode::Search => self.submit_search(),
                    Mode::Tag => self.submit_tags(&input),
                    Mode::Normal | Mode::Help | Mode::Select | Mode::Note => {}
                }
                true
            }
            Action::SearchNext => self.step_search(true),
            Action::SearchPrev => self.step_search(false),
            Action::ClearHighlights => {
                let filtered = self.clear_filter();
                let selecting = self.select_cancel();
                let changed = !self.search.query.is_empty()
                    || self.selected_link.is_some()
                    || self.message.is_some()
                    || self.sidebar.shown_ref.is_some()
                    || filtered
                    || selecting;
                self.search = SearchState::default();
                self.selected_link = None;
                self.message = None;
                self.sidebar.shown_ref = None;
                changed
            }
            Action::NextLink => self.cycle_link(true),
            Action::PrevLink => self.cycle_link(false),
            Action::FollowLink => self.follow_link(None),
            Action::Back => {
                if let Some(to) = self.history.go_back(self.reader.top) {
                    self.move_to(to, false)
                } else if self.is_nested {
                    self.effect = Some(Effect::CloseCable);
                    true
                } else {
                    self.set_message("no earlier jump");
                    true
                }
            }
            Action::Forward => {
                if let Some(to) = self.history.go_forward(self.reader.top) {
                    self.move_to(to, false)
                } else {
                    self.set_message("no later jump");
                    true
                }
            }
            Action::ToggleRaw => {
                self.reader.raw = !self.reader.raw;
                self.reader.top.line = 0;
                self.set_message(if self.reader.raw {
                    "raw original"
                } else {
                    "clean text"
                });
                true
            }
            Action::ToggleTree => {
                if self.panes.show_tree && !self.panes.tree_shown {
                    self.set_message(
                        "the section tree is hidden for width: it shows when the window is \
                         wider (Tab shows it alone)",
                    );
                    return true;
                }
                self.panes.show_tree = !self.panes.show_tree;
                if !self.panes.show_tree && self.focus == Focus::Tree {
                    self.focus = Focus::Reader;
                }
                true
            }
            Action::ToggleSidebar => {
                // Hidden for width, `3` only keeps the wish to see it: turning it off
                // would leave it off for good once the window is wide again.
                if self.panes.show_sidebar && !self.panes.sidebar_shown {
                    self.set_message(
                        "the sidebar is hidden for width: it shows when the window is wider \
                         (Tab shows it alone)",
                    );
                    return true;
                }
                self.panes.show_sidebar = !self.panes.show_sidebar;
                if !self.panes.show_sidebar && self.focus == Focus::Sidebar {
                    self.focus = Focus::Reader;
                }
                true
            }
            Action::WidenPane => self.resize_pane(4),
            Action::NarrowPane => self.resize_pane(-4),
            Action::ClickTree { row } => self.click_tree(row),
            Action::ClickLink(xref) => {
                if self.mode != Mode::Normal {
                    return false;
                }
                self.focus = Focus::Reader;
                self.follow_link(Some(xref))
            }
            Action::ClickText { at } => {
                if self.mode != Mode::Normal {
                    return false;
                }
                self.focus = Focus::Reader;
                if let Some((para, offset)) = at {
                    self.click_text(TextCursor::new(para, offset));
                }
                true
            }
            Action::ClickSidebar => {
                if self.mode != Mode::Normal {
                    return false;
                }
                self.focus = Focus::Sidebar;
                true
            }
            Action::DragText { para, offset } => self.drag(TextCursor::new(para, offset)),
            Action::WheelTree(delta) => {
                let row = self.outline.selected.saturating_add_signed(delta);
                self.outline.select_row(row) && self.reader_to_tree(false)
            }
            Action::WheelReader(delta) => self.scroll(delta),
            Action::Viewport { width, height } => {
                let changed = self.reader.set_viewport(width, height);
                if changed {
                    self.keep_cursor_in_view();
                }
                changed
            }
            Action::PanesShown { tree, sidebar } => {
                self.panes.tree_shown = tree;
                self.panes.sidebar_shown = sidebar;
                false
            }
            Action::Resize => true,
            Action::AnnotationsLoaded(loaded) => self.annotations_loaded(*loaded.0),
            Action::AnnotationsSaved(saved) => self.annotations_saved(*saved.0),
            Action::AnnotationsNotSaved(failure) => self.annotations_not_saved(*failure.0),
            Action::RecentTags(tags) => {
                self.ann.recent_tags = *tags.0;
                false
            }
            Action::Report(text) => {
                self.add_message(&text);
                true
            }
            Action::CorpusGlossary(corpus) => self.explain_from_corpus(&corpus.0),
            Action::HoverText { at } => self.hover(at),
            Action::RestorePosition { unit, line } => {
                self.restore_position(Anchor { unit, line });
                true
            }
            Action::ShowPlace { paragraph, offset } => self.show_place(paragraph, offset),
            Action::CitedBy(entries) => {
                self.sidebar.corpus.cited_by = Some(*entries.0);
                true
            }
            Action::MissingCable(stub) => {
                let (id, citing) = *stub.0;
                self.set_message(format!(
                    "{id} is not in this corpus; {} of its cables cite it (sidebar)",
                    citing.len()
                ));
                self.sidebar.corpus.missing = Some((id, citing));
                self.sidebar.content = SidebarContent::Details;
                self.panes.show_sidebar = true;
                true
            }
            Action::Highlight(phrases) => {
                self.search.run_any(&self.doc, &phrases);
                let from = self.current_paragraph().unwrap_or(0);
                self.search.current = self.search.first_from(from);
                true
            }
        }
    }

    fn cycle_focus(&mut self, forward: bool) -> bool {
        let mut panes = Vec::with_capacity(3);
        if self.panes.show_tree {
            panes.push(Focus::Tree);
        }
        panes.push(Focus::Reader);
        if self.panes.show_sidebar {
            panes.push(Focus::Sidebar);
        }
        let i = panes.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = panes.len();
        let next = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        let changed = self.focus != panes[next];
        self.focus = panes[next];
        changed
    }

    fn resize_pane(&mut self, delta: i16) -> bool {
        let width = match self.focus {
            Focus::Tree => &mut self.panes.tree_width,
            Focus::Sidebar => &mut self.panes.sidebar_width,
            Focus::Reader => return false,
        };
        let before = *width;
        *width = width.saturating_add_signed(delta).clamp(16, 100);
        before != *width
    }

    fn scroll(&mut self, delta: isize) -> bool {
        let changed = self.reader.scroll(&self.doc, delta);
        if changed {
            self.after_move();
        }
        changed
    }

    /// Move the reading pane to `to`, recording a jump when `record` is set; the cursor
    /// goes to the first text on screen (callers with a better place put it there after).
    pub(crate) fn move_to(&mut self, to: Anchor, record: bool) -> bool {
        if record && to != self.reader.top {
            self.history.record(self.reader.top);
        }
        let changed = self.reader.set_top(to);
        self.after_move();
        self.cursor_to_top();
        changed
    }

    /// Keep the tree selection and the selected link in step with the reading position.
    fn after_move(&mut self) {
        if self.outline.follow_unit(self.reader.top.unit) {
            self.sidebar.scroll = 0;
        }
        let current = self.current_paragraph();
        if let Some(x) = self.selected_link
            && self.doc.cable.xrefs.get(x).map(|x| x.paragraph) != current
        {
            self.selected_link = None;
        }
        self.keep_cursor_in_view();
    }

    /// Move the reader to the selected tree node.
    fn reader_to_tree(&mut self, record: bool) -> bool {
        let Some(node) = self.outline.selected_node() else {
            return false;
        };
        let unit = self.outline.unit_of(&self.doc, node.id);
        // An exchange row opens at its own line inside the paragraph.
        let line = match OutlineState::offset_of(&self.doc, node.id) {
            0 => 0,
            offset => self.reader.line_of_offset(&self.doc, unit, offset),
        };
        let selected = self.outline.selected;
        let changed = self.move_to(Anchor { unit, line }, record);
        // A section row selects its first paragraph's unit; keep the row the user chose.
        self.outline.select_row(selected);
        changed || record
    }

    /// The kind of the open prompt, if one is open.
    fn prompt_kind(&self) -> Option<PromptKind> {
        match self.mode {
            Mode::Goto => Some(PromptKind::Goto),
            Mode::Search => Some(PromptKind::Search),
            Mode::Tag => Some(PromptKind::Tag),
            Mode::Normal | Mode::Help | Mode::Select | Mode::Note => None,
        }
    }

    fn open_prompt(&mut self, mode: Mode) -> bool {
        self.mode = mode;
        self.prompt.clear();
        true
    }

    /// A click on the tree: focus it; on a row, select it and move the reader there
    /// (a click on the selected row also expands or collapses it).
    fn click_tree(&mut self, row: Option<usize>) -> bool {
        if self.mode != Mode::Normal {
            return false;
        }
        self.focus = Focus::Tree;
        if let Some(row) = row.filter(|&r| r < self.outline.rows.len()) {
            if row == self.outline.selected {
                self.outline.toggle();
            }
            self.outline.select_row(row);
            self.reader_to_tree(true);
        }
        true
    }
}
