//! What keys mean right now: the pane with focus and the mode (reading, a prompt, the
//! note editor, …).
//!
//! Both the app (which changes them) and the keymap (which reads them to resolve a key)
//! need these two types; they live in this leaf module so that neither depends on the
//! other through them (the keymap used to import them from `app`, which imports the
//! keymap).

/// The pane with keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    /// The section tree.
    Tree,
    /// The reading pane.
    Reader,
    /// The sidebar.
    Sidebar,
}

impl Focus {
    /// Name shown in the status bar.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Tree => "tree",
            Self::Reader => "reader",
            Self::Sidebar => "sidebar",
        }
    }
}

/// What keys currently mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Reading.
    Normal,
    /// The `:` go-to prompt is open.
    Goto,
    /// The `/` search prompt is open.
    Search,
    /// The key list is shown.
    Help,
    /// A passage is being selected (`v`): motions extend it.
    Select,
    /// The tag prompt is open.
    Tag,
    /// The note editor is open.
    Note,
}
