//! The right-hand pane's state. What it shows is a [`SidebarContent`]: the current
//! paragraph's details, the annotation views (a list, the tags, the review list of orphaned
//! and changed passages), or the cable's glossary.

/// What the sidebar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SidebarContent {
    /// The current paragraph's details: number, page, section, links out and backlinks.
    #[default]
    Details,
    /// Annotations, in the chosen [`Scope`].
    Annotations,
    /// Every tag with its count; choosing one filters the reading pane.
    Tags,
    /// Annotations to review: those whose passage was not found again (orphans) and
    /// those found with other words (changed).
    Review,
    /// The cable's acronyms and TAGS: meaning, where first defined, number of uses.
    Glossary,
}

impl SidebarContent {
    /// The next view in the cycle.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Details => Self::Annotations,
            Self::Annotations => Self::Tags,
            Self::Tags => Self::Review,
            Self::Review => Self::Glossary,
            Self::Glossary => Self::Details,
        }
    }
}

/// Which annotations the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    /// Those of the current paragraph.
    #[default]
    Paragraph,
    /// All of the cable.
    Cable,
    /// Those carrying one tag (the filter's, or the first tag).
    Tag,
}

impl Scope {
    /// The next scope in the cycle.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Paragraph => Self::Cable,
            Self::Cable => Self::Tag,
            Self::Tag => Self::Paragraph,
        }
    }

    /// Word shown in the sidebar title.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Paragraph => "paragraph",
            Self::Cable => "cable",
            Self::Tag => "tag",
        }
    }
}

/// State of the sidebar.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SidebarState {
    /// The view shown.
    pub content: SidebarContent,
    /// Lines scrolled.
    pub scroll: u16,
    /// A REF entry the user followed a link to (index into the REF list), shown on top.
    pub shown_ref: Option<usize>,
    /// Scope of the annotation list.
    pub scope: Scope,
    /// Selected row of a list view.
    pub selected: usize,
    /// What the corpus knows of this cable's links (opened from a library).
    pub corpus: CorpusLinks,
}

/// What a corpus says about the open cable: who cites it, and the REF cable last followed
/// when it is not in the corpus (a stub naming who cites it).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CorpusLinks {
    /// Cables of the corpus whose REF names this one (`None`: not opened from a corpus).
    pub cited_by: Option<Vec<crate::index::Citer>>,
    /// A REF's cable that is not in the corpus, and the corpus's cables that cite it.
    pub missing: Option<(String, Vec<crate::index::Citer>)>,
}
