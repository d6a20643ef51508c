//! The library: a corpus of cables as one list to search, narrow by facets and open.
//!
//! This is the second screen beside the reader (not a fork of it): `cablescope DIR`
//! opens it, `Enter` hands the chosen cable to the reader at the paragraph that matched,
//! and the reader's Back returns here with the query, selection and scroll as they were.
//!
//! As in the reader, every key becomes a [`LibAction`] ([`keys`]) and [`Library::update`]
//! is the only writer of this state; rendering (`ui::library`) reads it. The library's
//! data is the corpus's search index, a [`Catalog`] kept open: `update` runs its queries
//! (index reads, no writes) so that the list, counts and facets always follow the query
//! line. Everything else that touches files (building the index, counting annotations in
//! sidecars, opening a cable) happens in the event loop, whose results come back as
//! actions.

pub mod keys;
mod rows;
pub mod study;
mod tag_view;
mod tasker_view;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::action::Carried;
use crate::app::{PromptKind, PromptState};
use crate::index::{Catalog, Facets, Filters, Query, Results, Snippet};

pub use rows::{Sort, fuzzy_rows, sorted_rows};
pub use tag_view::{PassageRow, TagPassages, TagView};
pub use tasker_view::{QuestionView, TaskerView};

/// The part of the library with keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LibFocus {
    /// The list of cables.
    List,
    /// The query line (search as you type).
    Query,
    /// The fuzzy filter line (jump by id or subject).
    Fuzzy,
    /// The facet pane.
    Facets,
}

/// How far a background index build has come.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexProgress {
    /// Cables parsed (a folder's files).
    pub done: usize,
    /// Cables to parse (in a file of many, estimated from the bytes read).
    pub total: usize,
    /// Bytes read so far.
    pub bytes: u64,
    /// Seconds since the build started.
    pub elapsed: f64,
}

impl IndexProgress {
    /// Megabytes per second so far.
    #[must_use]
    pub fn mb_per_s(&self) -> f64 {
        if self.elapsed > 0.0 {
            self.bytes as f64 / 1e6 / self.elapsed
        } else {
            0.0
        }
    }

    /// Seconds left at the rate so far, once there is a rate.
    #[must_use]
    pub fn eta(&self) -> Option<f64> {
        (self.done > 0 && self.elapsed > 0.0 && self.total >= self.done)
            .then(|| (self.total - self.done) as f64 * self.elapsed / self.done as f64)
    }
}

/// One facet value the cursor can stand on and choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetItem {
    /// A year.
    Year(u16),
    /// A sending post.
    Origin(String),
    /// A classification.
    Classification(String),
    /// A TAGS code.
    Tag(String),
}

/// Most values shown per facet (years are all shown).
pub const FACET_VALUES: usize = 12;

/// What the library asks of the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibEffect {
    /// Open this cable in the reader, at this paragraph (an index into its paragraphs),
    /// with these words to highlight.
    Open {
        /// The file.
        path: PathBuf,
        /// The cable's bytes in the file when it holds many ([`crate::index::Entry::range`]).
        range: Option<std::ops::Range<u64>>,
        /// The best-matching paragraph.
        paragraph: Option<usize>,
        /// The query's plain words and phrases, for the reader to highlight.
        words: Vec<String>,
    },
    /// Study the tasker of this cable (the cable itself when replies cite it, else the
    /// most cited of its REFs) and hand it back with [`LibAction::Studied`].
    Study {
        /// The selected cable's file.
        path: PathBuf,
        /// Its id.
        id: String,
    },
    /// Study the tasker of another year that this post answered, like the open tasker,
    /// and hand it back with [`LibAction::OtherYearStudied`].
    OtherYear {
        /// The post.
        post: String,
    },
    /// Show every reply's answer to `key` of the open tasker in the reader (the question
    /// view rendered by the reader), at reply `id`'s answer.
    ReadAnswers {
        /// The tasker key.
        key: crate::tasker::Key,
        /// The reply to open at.
        id: Option<String>,
    },
    /// Count the tags of every sidecar of the corpus and hand them back with
    /// [`LibAction::TagsCounted`].
    CountTags,
    /// Gather the passages carrying this tag in the corpus and hand them back with
    /// [`LibAction::TagGathered`].
    GatherTag(String),
}

/// Every user intent and loop result the library understands.
#[derive(Debug, PartialEq)]
pub enum LibAction {
    /// Move the cursor of the focused list (cables or facets).
    Up,
    /// Move down.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
    /// Open the selected cable (list) or choose the facet value (facets).
    Enter,
    /// Type a query.
    FocusQuery,
    /// Type a fuzzy filter.
    FocusFuzzy,
    /// Next part (list, facets).
    NextPane,
    /// A key typed into the focused line.
    Edit(ratatui_textarea::Input),
    /// Leave the line, keeping it.
    Accept,
    /// Leave the line (the fuzzy line is emptied), or the facet pane.
    Cancel,
    /// Remove every facet filter.
    ClearFilters,
    /// Next sort order.
    CycleSort,
    /// Reverse the sort order.
    ReverseSort,
    /// Open the tasker view of the selected cable's tasker.
    Tasker,
    /// Open the tag view: every tag of the corpus's sidecars.
    Tags,
    /// In the question view: the selected answer next to the same post's answer to
    /// another year's tasker.
    YearOverYear,
    /// In the question view: read every answer in the reader.
    ReadAnswers,
    /// Leave cablescope.
    Quit,
    /// The list shows this many rows (from the draw).
    Resize(usize),
    /// The index of this corpus is open (first commit made).
    CatalogOpened(Carried<Catalog>),
    /// The background build committed more cables.
    IndexCommitted,
    /// The background build went on.
    Progress(IndexProgress),
    /// The background build ended; the text says how, when there is something to say.
    IndexDone(Option<String>),
    /// Annotation counts by cable file.
    Annotations(Carried<HashMap<PathBuf, usize>>),
    /// The tasker the loop studied, to show: its questionnaire, or the question view of
    /// this key (the reader's `Q` on an answer).
    Studied(Carried<(crate::tasker::Study, Option<crate::tasker::Key>)>),
    /// Another year's tasker the loop studied for this post (or why there is none).
    OtherYearStudied(Carried<(String, Result<crate::tasker::Study, String>)>),
    /// The tags of the corpus's sidecars the loop counted, to show in the tag view.
    TagsCounted(Carried<crate::corpus::tags::Census>),
    /// The passages of the chosen tag the loop gathered.
    TagGathered(Carried<crate::corpus::tags::TagReport>),
    /// A message for the status line.
    Report(String),
}

/// The library's whole state.
#[derive(Debug)]
pub struct Library {
    /// The corpus folder.
    pub root: PathBuf,
    catalog: Option<Catalog>,
    /// Focused part.
    pub focus: LibFocus,
    /// The query line.
    pub query: PromptState,
    /// The fuzzy filter line.
    pub fuzzy: PromptState,
    /// The fuzzy filter's last matches, narrowed as keys are typed.
    fuzzy_filter: crate::index::FuzzyFilter,
    /// Chosen facet values.
    pub filters: Filters,
    /// Matches and facet counts of the query and filters.
    pub results: Results,
    /// What the query could not read (shown while typing; the lenient parse runs).
    pub query_error: Option<String>,
    /// The rows shown: entry indices in display order.
    pub rows: Vec<usize>,
    /// Sort order of the rows (a fuzzy filter orders by match instead).
    pub sort: Sort,
    /// Whether the order is reversed.
    pub descending: bool,
    /// Whether the user chose the order (else it is relevance with a query, date without).
    pub sort_chosen: bool,
    /// Selected row.
    pub selected: usize,
    /// First row on screen.
    pub top: usize,
    /// Rows the list shows (from the last draw).
    pub height: usize,
    /// Facet cursor (an index into [`Library::facet_items`]).
    pub facet: usize,
    /// Annotations per cable file (from the sidecars).
    pub annotations: HashMap<PathBuf, usize>,
    /// The background index build, while it runs.
    pub progress: Option<IndexProgress>,
    /// The selected cable's best passage for the query.
    pub snippet: Option<(usize, Snippet)>,
    /// A message for the status line.
    pub message: Option<String>,
    /// The tasker view, over the list while open.
    pub tasker: Option<TaskerView>,
    /// The tag view, over the list while open.
    pub tags: Option<TagView>,
    effect: Option<LibEffect>,
    quit: bool,
}

impl Library {
    /// An empty library of `root` (its index arrives with [`LibAction::CatalogOpened`]).
    #[must_use]
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_owned(),
            catalog: None,
            focus: LibFocus::List,
            query: PromptState::default(),
            fuzzy: PromptState::default(),
            fuzzy_filter: crate::index::FuzzyFilter::default(),
            filters: Filters::default(),
            results: Results::default(),
            query_error: None,
            rows: Vec::new(),
            sort: Sort::Date,
            descending: false,
            sort_chosen: false,
            selected: 0,
            top: 0,
            height: 20,
            facet: 0,
            annotations: HashMap::new(),
            progress: None,
            snippet: None,
            message: None,
            tasker: None,
            tags: None,
            effect: None,
            quit: false,
        }
    }

    /// The open index, once there is one.
    #[must_use]
    pub fn catalog(&self) -> Option<&Catalog> {
        self.catalog.as_ref()
    }

    /// Cables in the index.
    #[must_use]
    pub fn total(&self) -> usize {
        self.catalog.as_ref().map_or(0, |c| c.entries().len())
    }

    /// The entry of the selected row.
    #[must_use]
    pub fn selected_entry(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// Whether the user asked to quit.
    #[must_use]
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Take what the event loop must do.
    pub fn take_effect(&mut self) -> Option<LibEffect> {
        self.effect.take()
    }

    /// The facet values, in the order the pane shows them: years, then the most frequent
    /// origins, classifications and TAGS of the current matches.
    #[must_use]
    pub fn facet_items(&self) -> Vec<(FacetItem, u32)> {
        facet_items(&self.results.facets)
    }

    /// Whether `item` is a chosen filter.
    #[must_use]
    pub fn is_chosen(&self, item: &FacetItem) -> bool {
        let f = &self.filters;
        match item {
            FacetItem::Year(y) => f.year == Some(*y),
            FacetItem::Origin(o) => f.origin.as_deref() == Some(o),
            FacetItem::Classification(c) => f.classification.as_deref() == Some(c),
            FacetItem::Tag(t) => f.tag.as_deref() == Some(t),
        }
    }

    /// Whether the query line holds anything.
    #[must_use]
    pub fn has_query(&self) -> bool {
        !self.query.text().trim().is_empty()
    }

    /// The query as the index reads it: the line, the chosen facets, a lenient parse.
    #[must_use]
    pub fn current_query(&self) -> Query {
        Query {
            text: self.query.text().to_owned(),
            lenient: true,
            filters: self.filters.clone(),
        }
    }

    /// Apply `action`; returns whether anything shown changed.
    pub fn update(&mut self, action: LibAction) -> bool {
        if self.focus == LibFocus::List {
            let view = if self.tasker.is_some() {
                self.update_tasker(action)
            } else if self.tags.is_some() {
                self.update_tags(action)
            } else {
                Err(action)
            };
            return match view {
                Ok(changed) => changed,
                Err(action) => self.update_library(action),
            };
        }
        self.update_library(action)
    }

    /// The keys of the tag view; other actions are the library's.
    fn update_tags(&mut self, action: LibAction) -> Result<bool, LibAction> {
        let Some(view) = self.tags.as_mut() else {
            return Err(action);
        };
        if let Some(by) = step_of(&action, self.height) {
            return Ok(view.step(by));
        }
        Ok(match action {
            LibAction::Enter => {
                if view.passages.is_some() {
                    match view.selected_passage() {
                        Some((place, paragraph)) => {
                            self.effect = Some(LibEffect::Open {
                                path: place.file,
                                range: place.range,
                                paragraph,
                                words: Vec::new(),
                            });
                            true
                        }
                        None => false,
                    }
                } else if let Some(tag) = view.selected_tag() {
                    self.message = Some(format!("gathering the passages tagged {tag}…"));
                    self.effect = Some(LibEffect::GatherTag(tag.to_owned()));
                    true
                } else {
                    false
                }
            }
            LibAction::Cancel => {
                if view.passages.take().is_none() {
                    self.tags = None;
                }
                true
            }
            other => return Err(other),
        })
    }

    /// The keys of the tasker view; other actions are the library's.
    fn update_tasker(&mut self, action: LibAction) -> Result<bool, LibAction> {
        let Some(view) = self.tasker.as_mut() else {
            return Err(action);
        };
        if let Some(by) = step_of(&action, self.height) {
            return Ok(view.step(by));
        }
        Ok(match action {
            LibAction::Enter => {
                if view.question.is_none() {
                    view.open_question()
                } else if view.question.as_ref().is_some_and(|q| q.years.is_some()) {
                    // The two years side by side: Esc returns to every answer first.
                    false
                } else if let Some((id, path, paragraph)) = view.selected_answer() {
                    let (path, range) = locate(self.catalog.as_ref(), id, path);
                    self.effect = Some(LibEffect::Open {
                        path,
                        range,
                        paragraph,
                        words: Vec::new(),
                    });
                    true
                } else {
                    false
                }
            }
            LibAction::Cancel => {
                match view.question.as_mut() {
                    Some(q) if q.years.is_some() => q.years = None,
                    Some(_) => view.question = None,
                    None => self.tasker = None,
                }
                true
            }
            LibAction::ReadAnswers => {
                let Some(q) = view.question.as_ref() else {
                    self.message = Some("open a question first (Enter on it)".to_owned());
                    return Ok(true);
                };
                self.effect = Some(LibEffect::ReadAnswers {
                    key: q.key,
                    id: q.rows.get(q.selected).map(|r| r.id.clone()),
                });
                true
            }
            LibAction::YearOverYear => {
                let post = view
                    .question
                    .as_ref()
                    .and_then(|q| q.rows.get(q.selected))
                    .map(|r| r.post.clone());
                match post {
                    Some(post) => {
                        self.message = Some(format!("looking for {post}'s other years…"));
                        self.effect = Some(LibEffect::OtherYear { post });
                    }
                    None => {
                        self.message = Some("year over year: choose a question first".to_owned());
                    }
                }
                true
            }
            LibAction::OtherYearStudied(studied) => {
                let (post, other) = *studied.0;
                let Some(q) = view.question.as_mut() else {
                    return Ok(false);
                };
                let pair = other.and_then(|other| {
                    crate::tasker::years::compare(&view.study, q.key, &other, &post).ok_or_else(
                        || {
                            format!(
                                "{post} answered {} but nothing there is aligned to {}",
                                other.responders.tasker, q.key
                            )
                        },
                    )
                });
                match pair {
                    Ok(pair) => {
                        self.message = None;
                        q.years = Some(pair);
                    }
                    Err(e) => self.message = Some(e),
                }
                true
            }
            other => return Err(other),
        })
    }

    fn update_library(&mut self, action: LibAction) -> bool {
        match action {
            LibAction::Up => self.step(-1),
            LibAction::Down => self.step(1),
            LibAction::PageUp => self.step(-(self.page() as isize)),
            LibAction::PageDown => self.step(self.page() as isize),
            LibAction::Top => self.step(isize::MIN / 2),
            LibAction::Bottom => self.step(isize::MAX / 2),
            LibAction::Enter => self.enter(),
            LibAction::FocusQuery => {
                self.focus = LibFocus::Query;
                true
            }
            LibAction::FocusFuzzy => {
                self.focus = LibFocus::Fuzzy;
                // The subjects are folded for the matcher now, not at the first key.
                if let Some(c) = &self.catalog {
                    self.fuzzy_filter.prepare(c.entries());
                }
                true
            }
            LibAction::NextPane => {
                self.focus = match self.focus {
                    LibFocus::List => LibFocus::Facets,
                    _ => LibFocus::List,
                };
                true
            }
            LibAction::Edit(input) => self.edit(input),
            LibAction::Accept => {
                if self.focus == LibFocus::Query {
                    let line = self.query.text().to_owned();
                    self.query.remember(PromptKind::Library, &line);
                }
                self.focus = LibFocus::List;
                true
            }
            LibAction::Cancel => {
                if self.focus == LibFocus::Fuzzy {
                    self.fuzzy.clear();
                    self.refresh_rows();
                }
                let changed = self.focus != LibFocus::List;
                self.focus = LibFocus::List;
                changed
            }
            LibAction::ClearFilters => {
                self.filters = Filters::default();
                self.requery();
                true
            }
            LibAction::CycleSort => {
                self.sort = self.sort.next(self.has_query());
                self.sort_chosen = true;
                self.refresh_rows();
                true
            }
            LibAction::ReverseSort => {
                self.descending = !self.descending;
                self.refresh_rows();
                true
            }
            LibAction::Tasker => {
                let entry = self
                    .selected_entry()
                    .and_then(|e| self.catalog.as_ref()?.entries().get(e));
                match entry {
                    Some(e) => {
                        self.effect = Some(LibEffect::Study {
                            path: e.path.clone(),
                            id: e.id.clone(),
                        });
                        self.message = Some(format!("reading the replies of {}'s tasker…", e.id));
                    }
                    None => self.message = Some("no cable here".to_owned()),
                }
                true
            }
            LibAction::ReadAnswers => {
                self.message = Some(
                    "every answer in the reader: open a question view (t, then Enter on a question)"
                        .to_owned(),
                );
                true
            }
            LibAction::YearOverYear | LibAction::OtherYearStudied(_) => {
                self.message = Some(
                    "year over year: open a question view (t, then Enter on a question)".to_owned(),
                );
                true
            }
            LibAction::Tags => {
                self.effect = Some(LibEffect::CountTags);
                self.message = Some("reading the tags of every sidecar…".to_owned());
                true
            }
            LibAction::TagsCounted(census) => {
                let census = *census.0;
                self.message = match census.skipped.len() {
                    0 if census.tags.is_empty() => {
                        Some("no annotation of this corpus carries a tag".to_owned())
                    }
                    0 => None,
                    n => Some(skipped(n, "sidecar")),
                };
                match self.tags.as_mut() {
                    // Counted again (back from the reader): the same tag stays selected.
                    Some(view) => view.recount(census),
                    None => self.tags = Some(TagView::new(census)),
                }
                self.tasker = None;
                self.focus = LibFocus::List;
                true
            }
            LibAction::TagGathered(report) => {
                let report = *report.0;
                self.message =
                    (!report.skipped.is_empty()).then(|| skipped(report.skipped.len(), "file"));
                match self.tags.as_mut() {
                    Some(view) if view.selected_tag() == Some(report.tag.as_str()) => {
                        view.show(report);
                    }
                    _ => {}
                }
                true
            }
            LibAction::Studied(studied) => {
                self.message = None;
                self.tags = None;
                let (study, key) = *studied.0;
                self.tasker = Some(match key {
                    Some(key) => TaskerView::at(study, key),
                    None => TaskerView::new(study),
                });
                self.focus = LibFocus::List;
                true
            }
            LibAction::Quit => {
                self.quit = true;
                true
            }
            LibAction::Resize(height) => {
                let changed = self.height != height.max(1);
                self.height = height.max(1);
                self.keep_visible();
                changed
            }
            LibAction::CatalogOpened(catalog) => {
                self.catalog = Some(*catalog.0);
                self.fuzzy_filter = crate::index::FuzzyFilter::default();
                self.requery();
                true
            }
            LibAction::IndexCommitted => {
                if let Some(c) = self.catalog.as_mut()
                    && let Err(e) = c.reload()
                {
                    self.message = Some(e.to_string());
                }
                // A reload may change entries in place (an edited cable's subject): the
                // fuzzy filter's haystacks and last matches are made again.
                self.fuzzy_filter = crate::index::FuzzyFilter::default();
                self.requery();
                true
            }
            LibAction::Progress(p) => {
                self.progress = Some(p);
                true
            }
            LibAction::IndexDone(message) => {
                self.progress = None;
                if message.is_some() {
                    self.message = message;
                }
                true
            }
            LibAction::Annotations(counts) => {
                self.annotations = *counts.0;
                if self.sort == Sort::Annotations {
                    self.refresh_rows();
                }
                true
            }
            LibAction::Report(text) => {
                self.message = Some(text);
                true
            }
        }
    }

    fn page(&self) -> usize {
        self.height.saturating_sub(1).max(1)
    }

    /// Move the focused cursor by `delta` rows (clamped).
    fn step(&mut self, delta: isize) -> bool {
        if self.focus == LibFocus::Facets {
            let n = self.facet_items().len();
            let at = self
                .facet
                .saturating_add_signed(delta)
                .min(n.saturating_sub(1));
            let changed = at != self.facet;
            self.facet = at;
            return changed;
        }
        let n = self.rows.len();
        let at = self
            .selected
            .saturating_add_signed(delta)
            .min(n.saturating_sub(1));
        let changed = at != self.selected;
        self.selected = at;
        self.keep_visible();
        if changed {
            self.refresh_snippet();
        }
        changed
    }

    fn keep_visible(&mut self) {
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + self.height {
            self.top = self.selected + 1 - self.height;
        }
        let last_top = self.rows.len().saturating_sub(self.height);
        self.top = self.top.min(last_top);
    }

    fn enter(&mut self) -> bool {
        match self.focus {
            LibFocus::Facets => {
                let items = self.facet_items();
                let Some((item, _)) = items.get(self.facet) else {
                    return false;
                };
                let chosen = self.is_chosen(item);
                let value = |s: &String| (!chosen).then(|| s.clone());
                match item {
                    FacetItem::Year(y) => self.filters.year = (!chosen).then_some(*y),
                    FacetItem::Origin(o) => self.filters.origin = value(o),
                    FacetItem::Classification(c) => self.filters.classification = value(c),
                    FacetItem::Tag(t) => self.filters.tag = value(t),
                }
                self.requery();
                // Keep the cursor on the value just chosen, wherever the new counts put it.
                let item = item.clone();
                if let Some(i) = self.facet_items().iter().position(|(it, _)| *it == item) {
                    self.facet = i;
                }
                true
            }
            LibFocus::Query | LibFocus::Fuzzy => self.update(LibAction::Accept),
            LibFocus::List => {
                let Some(entry) = self.selected_entry() else {
                    self.message = Some("no cable here".to_owned());
                    return true;
                };
                let Some(catalog) = &self.catalog else {
                    return false;
                };
                let Some(e) = catalog.entries().get(entry) else {
                    return false;
                };
                let paragraph = self
                    .snippet
                    .as_ref()
                    .filter(|(i, _)| *i == entry)
                    .and_then(|(_, s)| s.paragraph_index);
                self.effect = Some(LibEffect::Open {
                    path: e.path.clone(),
                    range: e.range.clone(),
                    paragraph,
                    words: crate::index::query::plain_words(self.query.text()),
                });
                true
            }
        }
    }

    fn edit(&mut self, input: ratatui_textarea::Input) -> bool {
        match self.focus {
            LibFocus::Query => {
                if self.query.edit(input) {
                    let keep = self.kept_while_typing();
                    self.run_query();
                    self.make_rows(keep);
                }
                true
            }
            LibFocus::Fuzzy => {
                if self.fuzzy.edit(input) {
                    let keep = self.kept_while_typing();
                    self.make_rows(keep);
                }
                true
            }
            LibFocus::List | LibFocus::Facets => false,
        }
    }

    /// The cable the rows keep selected after a key typed in the focused line: none (the
    /// first row, the best match of what is typed) unless the line is blank. Kept, the
    /// cable selected before may sit far down a new order, the best matches above the
    /// screen.
    fn kept_while_typing(&self) -> Option<usize> {
        let typed = match self.focus {
            LibFocus::Query => self.query.text(),
            LibFocus::Fuzzy => self.fuzzy.text(),
            LibFocus::List | LibFocus::Facets => "",
        };
        typed
            .trim()
            .is_empty()
            .then(|| self.selected_entry())
            .flatten()
    }

    /// Run the query again (new line, filters or index) and rebuild the rows.
    fn requery(&mut self) {
        self.run_query();
        self.refresh_rows();
    }

    /// Run the query again: its matches and facets, and the sort it implies.
    fn run_query(&mut self) {
        let Some(catalog) = &self.catalog else {
            return;
        };
        let query = self.current_query();
        match catalog.query(&query) {
            Ok(results) => {
                self.results = results;
                self.query_error = None;
            }
            Err(e) => self.query_error = Some(e.to_string()),
        }
        if !self.sort_chosen || (!self.has_query() && self.sort == Sort::Relevance) {
            self.sort = if self.has_query() {
                Sort::Relevance
            } else {
                Sort::Date
            };
        }
        self.facet = self.facet.min(self.facet_items().len().saturating_sub(1));
    }

    /// Rebuild the rows from the matches (sort, fuzzy filter), keeping the selected cable
    /// selected when it is still shown.
    fn refresh_rows(&mut self) {
        self.make_rows(self.selected_entry());
    }

    /// Rebuild the rows from the matches, with the entry `keep` selected when it is
    /// shown, else the first row.
    fn make_rows(&mut self, keep: Option<usize>) {
        let Some(catalog) = &self.catalog else {
            return;
        };
        let entries = catalog.entries();
        self.rows = if self.fuzzy.text().trim().is_empty() {
            // Counted once per index state, when the order is first chosen.
            let cited = if self.sort == Sort::Cited {
                catalog.cited_counts()
            } else {
                &[]
            };
            sorted_rows(
                entries,
                &self.results.matches,
                self.sort,
                self.descending,
                &self.annotations,
                cited,
            )
        } else {
            fuzzy_rows(
                entries,
                &self.results.matches,
                self.fuzzy.text(),
                &mut self.fuzzy_filter,
            )
        };
        self.selected = keep
            .and_then(|b| self.rows.iter().position(|&r| r == b))
            .unwrap_or(0);
        self.keep_visible();
        self.refresh_snippet();
    }

    /// The selected cable's best passage for the query (read from its file).
    fn refresh_snippet(&mut self) {
        self.snippet = None;
        let query = self.current_query();
        if query.text.trim().is_empty() {
            return;
        }
        if let (Some(entry), Some(catalog)) = (self.selected_entry(), &self.catalog) {
            self.snippet = catalog.snippet(entry, &query).map(|s| (entry, s));
        }
    }
}

/// `skipped 2 files that could not be read`.
fn skipped(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("skipped {n} {what}{s} that could not be read")
}

/// The facet values of `facets` in pane order (see [`Library::facet_items`]).
#[must_use]
pub fn facet_items(facets: &Facets) -> Vec<(FacetItem, u32)> {
    let mut items: Vec<(FacetItem, u32)> = facets
        .years
        .iter()
        .map(|&(y, n)| (FacetItem::Year(y), n))
        .collect();
    let top = |values: &[(String, u32)], make: fn(String) -> FacetItem| {
        values
            .iter()
            .take(FACET_VALUES)
            .map(|(v, n)| (make(v.clone()), *n))
            .collect::<Vec<_>>()
    };
    items.extend(top(&facets.origins, FacetItem::Origin));
    items.extend(top(&facets.classifications, FacetItem::Classification));
    items.extend(top(&facets.tags, FacetItem::Tag));
    items
}

/// The rows a moving key steps in a view `height` rows high; `None` for other actions.
fn step_of(action: &LibAction, height: usize) -> Option<isize> {
    let page = height.saturating_sub(1).max(1) as isize;
    Some(match action {
        LibAction::Up => -1,
        LibAction::Down => 1,
        LibAction::PageUp => -page,
        LibAction::PageDown => page,
        LibAction::Top => isize::MIN / 2,
        LibAction::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

/// The file and byte range to open for the cable `id` named `path` (its file, or for a
/// cable of a file of many `FILE.cablescope/ID`, [`crate::index::Entry::cable_path`]):
/// its index entry's, or `path` itself when the index has no such cable.
pub fn locate(
    catalog: Option<&Catalog>,
    id: &str,
    path: &Path,
) -> (PathBuf, Option<std::ops::Range<u64>>) {
    catalog
        .and_then(|c| {
            c.entries()
                .iter()
                .find(|e| e.id == id && e.cable_path() == path)
        })
        .map_or_else(
            || (path.to_owned(), None),
            |e| (e.path.clone(), e.range.clone()),
        )
}
