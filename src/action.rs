//! Every user intent the reader understands, as data.
//!
//! Keys, mouse events and (later) configuration files all become an [`Action`] before
//! they touch any state, so [`crate::app::App::update`] is the one place where behaviour
//! lives and a headless test can drive the app with a script of actions. Variants that a
//! configuration file may name are serialised in `snake_case`; variants that only the
//! event loop produces (typed characters, mouse positions, resizes) are `#[serde(skip)]`.
//!
//! The results of the loop's I/O come back as actions too ([`Action::is_internal`]):
//! annotations read or saved, a message about a file, a saved reading position. So
//! `update` is the only writer of the app's state, and a headless test can replay a
//! session, loads and saves included.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::annotation::AnnotationSet;

/// A value an internal action carries from the event loop to `update`.
///
/// Actions are compared and hashed for key bindings, which never carry one; a carried
/// value equals only itself (the same allocation), never a copy.
#[derive(Debug, Clone)]
pub struct Carried<T>(pub Box<T>);

impl<T> Carried<T> {
    /// Carry `value`.
    pub fn new(value: T) -> Self {
        Self(Box::new(value))
    }
}

impl<T> PartialEq for Carried<T> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(&raw const *self.0, &raw const *other.0)
    }
}

impl<T> Eq for Carried<T> {}

impl<T> std::hash::Hash for Carried<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::ptr::hash(&raw const *self.0, state);
    }
}

/// A cable's annotations as the event loop read them.
#[derive(Debug, Clone)]
pub struct LoadedAnnotations {
    /// The annotations, not yet re-anchored.
    pub set: AnnotationSet,
    /// Recently used tags (from the data folder).
    pub recent_tags: Vec<String>,
    /// What the user should be told (recovery file, fallback…).
    pub notices: Vec<String>,
}

/// A finished save.
#[derive(Debug, Clone)]
pub struct SavedAnnotations {
    /// The set as written, when another instance's changes were merged into it (it then
    /// replaces the app's set and is re-anchored).
    pub merged: Option<AnnotationSet>,
    /// What the user should be told.
    pub notices: Vec<String>,
}

/// A failed save.
#[derive(Debug, Clone)]
pub struct SaveFailure {
    /// Why.
    pub error: String,
    /// Where the annotations would be written on quit.
    pub recovery: Option<PathBuf>,
}

/// One user intent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the program (the reading position is saved).
    Quit,
    /// Show or hide the key list.
    ToggleHelp,
    /// Move focus to the next pane (tree → reader → sidebar).
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Scroll the reading pane one line down.
    ScrollDown,
    /// Scroll the reading pane one line up.
    ScrollUp,
    /// Scroll half a page down.
    HalfPageDown,
    /// Scroll half a page up.
    HalfPageUp,
    /// Scroll a page down.
    PageDown,
    /// Scroll a page up.
    PageUp,
    /// Go to the top of the cable (the header).
    Top,
    /// Go to the end of the cable.
    Bottom,
    /// Go to the next paragraph.
    NextParagraph,
    /// Go to the previous paragraph.
    PrevParagraph,
    /// Go to the next question.
    NextQuestion,
    /// Go to the previous question.
    PrevQuestion,
    /// Go to the next section heading.
    NextSection,
    /// Go to the previous section heading.
    PrevSection,
    /// Select the next node of the section tree (the reader follows).
    TreeNext,
    /// Select the previous node of the section tree (the reader follows).
    TreePrev,
    /// Expand the selected tree node.
    TreeExpand,
    /// Collapse the selected tree node (or go to its parent).
    TreeCollapse,
    /// Expand or collapse the selected tree node.
    TreeToggle,
    /// Jump to the selected tree node and focus the reader.
    TreeActivate,
    /// Open the go-to prompt (`q17`, `17`, `p10`, `28.H`).
    OpenGoto,
    /// Open the incremental search prompt.
    OpenSearch,
    /// Go to the next search match.
    SearchNext,
    /// Go to the previous search match.
    SearchPrev,
    /// Clear search highlights, the selected link and the message.
    ClearHighlights,
    /// Select the next link in the current paragraph.
    NextLink,
    /// Select the previous link in the current paragraph.
    PrevLink,
    /// Follow the selected link (or the paragraph's first link).
    FollowLink,
    /// Go back in the jump history.
    Back,
    /// Go forward in the jump history.
    Forward,
    /// Show the raw original lines instead of the clean text.
    ToggleRaw,
    /// Show or hide the section tree pane.
    ToggleTree,
    /// Show or hide the sidebar pane.
    ToggleSidebar,
    /// Make the focused side pane wider.
    WidenPane,
    /// Make the focused side pane narrower.
    NarrowPane,
    /// Select the next item of a sidebar list (or scroll the details down).
    SidebarDown,
    /// Select the previous item of a sidebar list (or scroll the details up).
    SidebarUp,
    /// Scroll the key list down.
    HelpDown,
    /// Scroll the key list up.
    HelpUp,
    /// Accept the prompt's input.
    PromptSubmit,
    /// Close the prompt, undoing an incremental search's movement.
    PromptCancel,
    /// Delete the character before the prompt's cursor (an empty prompt closes).
    PromptBackspace,
    /// Show the previous entry of the prompt's history.
    PromptHistoryPrev,
    /// Show the next entry of the prompt's history (or the line being typed).
    PromptHistoryNext,
    /// Start selecting a passage at the cursor (motions then extend it).
    SelectStart,
    /// Cancel the selection.
    SelectCancel,
    /// Move the cursor one character right (extends a selection).
    CursorRight,
    /// Move the cursor one character left.
    CursorLeft,
    /// Move the cursor to the start of the next word (vim `w`).
    WordForward,
    /// Move the cursor to the end of the word, or of the next one (vim `e`).
    WordEnd,
    /// Move the cursor to the start of the word, or of the previous one (vim `b`).
    WordBack,
    /// Move the cursor to the start of the next sentence.
    SentenceForward,
    /// Move the cursor to the start of the sentence (or the previous one).
    SentenceBack,
    /// Move the cursor one screen line down.
    CursorDown,
    /// Move the cursor one screen line up.
    CursorUp,
    /// Move the cursor to the end of the paragraph (or the next one).
    ParagraphForward,
    /// Move the cursor to the start of the paragraph (or the previous one).
    ParagraphBack,
    /// Tag the selection (or the annotation under the cursor / selected in the sidebar).
    OpenTagPrompt,
    /// Write a note on the selection (or the annotation under the cursor / in the sidebar).
    OpenNoteEditor,
    /// Save the note being written.
    NoteSave,
    /// Close the note editor without saving.
    NoteCancel,
    /// Complete the tag being typed (tags in this file, then recent tags).
    PromptComplete,
    /// Undo the last annotation change.
    Undo,
    /// Redo the last undone annotation change.
    Redo,
    /// Cycle the sidebar: details, annotations, tags, review (orphaned and changed),
    /// glossary.
    CycleSidebar,
    /// Say what the acronym or TAGS code under the cursor means and where the cable
    /// defines it; pressed again on the same acronym, go to that definition.
    ExplainTerm,
    /// Every reply's answer to the question at the cursor, when the cable was opened
    /// from a library of the replies to its tasker (the question view).
    EveryAnswer,
    /// Cycle the annotation list's scope: this paragraph, the whole cable, one tag.
    CycleScope,
    /// Jump to the selected annotation, or filter by the selected tag (again: clear it).
    SidebarActivate,
    /// Delete the annotation (or orphan) selected in the sidebar.
    SidebarDelete,
    /// Re-attach the orphaned or changed annotation selected in the sidebar to the
    /// current selection.
    Reattach,
    /// Accept the current wording of the changed annotation selected in the sidebar.
    AcceptWording,
    /// A key typed into the note editor.
    #[serde(skip)]
    EditorInput(ratatui_textarea::Input),
    /// A key typed into the prompt line (a character, or an editing key: arrows,
    /// Home/End, `Ctrl-w`, `Ctrl-u`…).
    #[serde(skip)]
    PromptEdit(ratatui_textarea::Input),
    /// A click on the section tree: focus it; on a row (index into the tree's rows),
    /// select it and move the reader there (on the selected row, also expand/collapse).
    #[serde(skip)]
    ClickTree {
        /// The row clicked, if the click was on one.
        row: Option<usize>,
    },
    /// A click on a link in the reading pane: follow it (index into the cable's xrefs).
    #[serde(skip)]
    ClickLink(usize),
    /// A click in the reading pane: focus it; on text, put the cursor there.
    #[serde(skip)]
    ClickText {
        /// The paragraph index and byte offset clicked, if the click was on text.
        at: Option<(usize, usize)>,
    },
    /// A click in the sidebar: focus it.
    #[serde(skip)]
    ClickSidebar,
    /// A mouse drag (left button held) over text: select from the cursor to there.
    #[serde(skip)]
    DragText {
        /// Paragraph index.
        para: usize,
        /// Byte offset in its clean text.
        offset: usize,
    },
    /// The mouse wheel over the section tree: move the selection this many rows.
    #[serde(skip)]
    WheelTree(isize),
    /// The mouse wheel elsewhere: scroll the reading pane this many lines.
    #[serde(skip)]
    WheelReader(isize),
    /// The size the reading pane's text was drawn at (wrapping and paging follow it).
    #[serde(skip)]
    Viewport {
        /// Columns.
        width: usize,
        /// Rows.
        height: usize,
    },
    /// Which side panes the last draw could show (one may be hidden for width).
    #[serde(skip)]
    PanesShown {
        /// The section tree is on screen.
        tree: bool,
        /// The sidebar is on screen.
        sidebar: bool,
    },
    /// The terminal changed size: redraw.
    #[serde(skip)]
    Resize,
    /// The cable's annotations were read: re-anchor them on the cable and install them.
    #[serde(skip)]
    AnnotationsLoaded(Carried<LoadedAnnotations>),
    /// The annotations were saved (maybe merged with another instance's changes).
    #[serde(skip)]
    AnnotationsSaved(Carried<SavedAnnotations>),
    /// Saving the annotations failed: they stay in memory.
    #[serde(skip)]
    AnnotationsNotSaved(Carried<SaveFailure>),
    /// The recently used tags, read again.
    #[serde(skip)]
    RecentTags(Carried<Vec<String>>),
    /// A message from the event loop, added to the status bar.
    #[serde(skip)]
    Report(String),
    /// The corpus's cables that cite this one (it was opened from a library).
    #[serde(skip)]
    CitedBy(Carried<Vec<crate::index::Citer>>),
    /// A REF's cable is not in the corpus: these of its cables cite it.
    #[serde(skip)]
    MissingCable(Carried<(String, Vec<crate::index::Citer>)>),
    /// Highlight these words and phrases as search matches (a library query's words;
    /// `n`/`N` step through them).
    #[serde(skip)]
    Highlight(Vec<String>),
    /// Definitions from other cables for the open cable (corpus mode): what
    /// [`crate::glossary::CorpusGlossary::for_cable`] gives (the whole corpus's glossary
    /// works too, only slower to send). `K` and the glossary view then explain an
    /// acronym the cable does not define from another cable of its post.
    #[serde(skip)]
    CorpusGlossary(Carried<crate::glossary::CorpusGlossary>),
    /// The mouse moved over the reading pane, onto this text position (paragraph index,
    /// byte offset) or off the text: an acronym there is explained as `K` does.
    #[serde(skip)]
    HoverText {
        /// The paragraph index and byte offset under the mouse, if on text.
        at: Option<(usize, usize)>,
    },
    /// Go to a saved reading position (not a jump).
    #[serde(skip)]
    RestorePosition {
        /// Unit.
        unit: usize,
        /// Wrapped line in the unit.
        line: usize,
    },
    /// Open at this place of the text (an answer inside a paragraph): the text cursor
    /// there and its line near the top (not a jump).
    #[serde(skip)]
    ShowPlace {
        /// The paragraph (an index into the cable's paragraphs).
        paragraph: usize,
        /// The byte offset in its clean text.
        offset: usize,
    },
}

impl Action {
    /// Whether this action reports something from the event loop (a resize, a load, a
    /// save…) rather than a user's key: it neither clears the status message nor answers
    /// a pending question.
    #[must_use]
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Self::Resize
                | Self::PanesShown { .. }
                | Self::Viewport { .. }
                | Self::AnnotationsLoaded(_)
                | Self::AnnotationsSaved(_)
                | Self::AnnotationsNotSaved(_)
                | Self::RecentTags(_)
                | Self::Report(_)
                | Self::RestorePosition { .. }
                | Self::ShowPlace { .. }
                | Self::Highlight(_)
                | Self::CitedBy(_)
                | Self::MissingCable(_)
                | Self::CorpusGlossary(_)
                | Self::HoverText { .. }
        )
    }

    /// A one-line description for the generated key list.
    #[must_use]
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::ToggleHelp => "show/hide this key list",
            Self::FocusNext => "focus next pane",
            Self::FocusPrev => "focus previous pane",
            Self::ScrollDown => "scroll down a line",
            Self::ScrollUp => "scroll up a line",
            Self::HalfPageDown => "half page down",
            Self::HalfPageUp => "half page up",
            Self::PageDown => "page down",
            Self::PageUp => "page up",
            Self::Top => "top",
            Self::Bottom => "bottom",
            Self::NextParagraph => "next paragraph",
            Self::PrevParagraph => "previous paragraph",
            Self::NextQuestion => "next question",
            Self::PrevQuestion => "previous question",
            Self::NextSection => "next section",
            Self::PrevSection => "previous section",
            Self::TreeNext => "next tree node",
            Self::TreePrev => "previous tree node",
            Self::TreeExpand => "expand node",
            Self::TreeCollapse => "collapse node / go to parent",
            Self::TreeToggle => "expand/collapse node",
            Self::TreeActivate => "jump to node, focus reader",
            Self::OpenGoto => "go to: q17, 17 (¶), p10 (page), 28.H",
            Self::OpenSearch => "search (incremental, any case)",
            Self::SearchNext => "next match",
            Self::SearchPrev => "previous match",
            Self::ClearHighlights => "clear highlights and message",
            Self::NextLink => "select next link in paragraph",
            Self::PrevLink => "select previous link in paragraph",
            Self::FollowLink => "follow selected link",
            Self::Back => "back (jump history)",
            Self::Forward => "forward (jump history)",
            Self::ToggleRaw => "show raw original / clean text",
            Self::ToggleTree => "show/hide section tree",
            Self::ToggleSidebar => "show/hide sidebar",
            Self::WidenPane => "widen focused side pane",
            Self::NarrowPane => "narrow focused side pane",
            Self::SidebarDown => "sidebar: next item / scroll down",
            Self::SidebarUp => "sidebar: previous item / scroll up",
            Self::HelpDown => "scroll key list down",
            Self::HelpUp => "scroll key list up",
            Self::PromptSubmit => "accept",
            Self::PromptCancel => "cancel",
            Self::PromptBackspace => "delete a character",
            Self::PromptHistoryPrev => "previous entry (history)",
            Self::PromptHistoryNext => "next entry (history)",
            Self::SelectStart => "select: start at the cursor",
            Self::SelectCancel => "cancel the selection",
            Self::CursorRight => "cursor right a character",
            Self::CursorLeft => "cursor left a character",
            Self::WordForward => "cursor to next word",
            Self::WordEnd => "cursor to end of word",
            Self::WordBack => "cursor to start of word",
            Self::SentenceForward => "cursor to next sentence",
            Self::SentenceBack => "cursor to start of sentence",
            Self::CursorDown => "cursor down a line",
            Self::CursorUp => "cursor up a line",
            Self::ParagraphForward => "cursor to end of paragraph",
            Self::ParagraphBack => "cursor to start of paragraph",
            Self::OpenTagPrompt => "tag selection / annotation",
            Self::OpenNoteEditor => "note on selection / annotation",
            Self::NoteSave => "save the note",
            Self::NoteCancel => "close without saving",
            Self::PromptComplete => "complete the tag",
            Self::Undo => "undo annotation change",
            Self::Redo => "redo annotation change",
            Self::CycleSidebar => "sidebar: details/notes/tags/review/glossary",
            Self::ExplainTerm => {
                "explain the acronym under the cursor (again: go to its definition)"
            }
            Self::EveryAnswer => "every reply's answer to this question (library)",
            Self::CycleScope => "list scope: paragraph/cable/tag",
            Self::SidebarActivate => "jump to annotation / filter by tag",
            Self::SidebarDelete => "delete annotation or orphan",
            Self::Reattach => "re-attach to the selection",
            Self::AcceptWording => "accept the changed wording",
            Self::EditorInput(_) => "type",
            Self::PromptEdit(_) => "edit the line",
            Self::ClickTree { .. }
            | Self::ClickLink(_)
            | Self::ClickText { .. }
            | Self::ClickSidebar => "click",
            Self::DragText { .. } => "drag",
            Self::WheelTree(_) | Self::WheelReader(_) => "wheel",
            Self::PanesShown { .. } => "panes shown",
            Self::Viewport { .. } => "reading pane size",
            Self::Resize => "resize",
            Self::AnnotationsLoaded(_) => "annotations loaded",
            Self::AnnotationsSaved(_) => "annotations saved",
            Self::AnnotationsNotSaved(_) => "annotations not saved",
            Self::RecentTags(_) => "recent tags",
            Self::Report(_) => "message",
            Self::CitedBy(_) => "the cables citing this one",
            Self::MissingCable(_) => "a cited cable not in the corpus",
            Self::Highlight(_) => "highlight the query's words",
            Self::RestorePosition { .. } => "restore the reading position",
            Self::ShowPlace { .. } => "open at a place of the text",
            Self::CorpusGlossary(_) => "definitions from other cables",
            Self::HoverText { .. } => "mouse over text",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde() {
        let json = serde_json::to_string(&Action::FollowLink).expect("serialise");
        assert_eq!(json, "\"follow_link\"");
        let back: Action = serde_json::from_str("\"half_page_down\"").expect("parse");
        assert_eq!(back, Action::HalfPageDown);
        assert!(serde_json::from_str::<Action>("\"no_such_action\"").is_err());
    }
}
