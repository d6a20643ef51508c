//! The right-hand pane's state. What it shows is a [`SidebarContent`] so another view
//! (the annotations list) can be swapped in without touching the rest of the app.

/// What the sidebar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SidebarContent {
    /// The current paragraph's details: number, page, section, links out and backlinks.
    #[default]
    Details,
}

/// State of the sidebar.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SidebarState {
    /// The view shown.
    pub content: SidebarContent,
    /// Lines scrolled.
    pub scroll: u16,
    /// A REF entry the user followed a link to (index into the REF list), shown on top.
    pub shown_ref: Option<usize>,
}
