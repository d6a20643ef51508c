//! The sidebar's annotation views as a controller: what each view lists, moving in the
//! list, jumping to a passage, filtering the reading pane by a tag, deleting, and the
//! review list's re-attach and accept-the-new-wording. Drawing is in `ui/sidebar.rs`.

use crate::annotation::{Anchor as TextAnchor, AnchorStatus, Annotation};

use super::motion::TextCursor;
use super::{Anchor, App, Document, Mode, Scope, SidebarContent};

impl App {
    /// The tag of the "tag" scope: the filter's, else the first tag.
    #[must_use]
    pub fn scope_tag(&self) -> Option<String> {
        self.ann
            .filter
            .clone()
            .or_else(|| self.ann.set.tag_counts().into_iter().next().map(|(t, _)| t))
    }

    /// The annotations listed in the sidebar's current view.
    #[must_use]
    pub fn sidebar_items(&self) -> Vec<&Annotation> {
        let set = &self.ann.set;
        match self.sidebar.content {
            SidebarContent::Annotations => match self.sidebar.scope {
                Scope::Paragraph => self
                    .annotation_paragraph()
                    .map(|p| set.in_paragraph(p).collect())
                    .unwrap_or_default(),
                Scope::Cable => set.iter().collect(),
                Scope::Tag => match self.scope_tag() {
                    Some(t) => set.iter().filter(|a| a.has_tag(&t)).collect(),
                    None => Vec::new(),
                },
            },
            SidebarContent::Review => set.to_review().collect(),
            SidebarContent::Details | SidebarContent::Tags | SidebarContent::Glossary => Vec::new(),
        }
    }

    /// Number of rows of the sidebar's list view.
    pub(super) fn sidebar_len(&self) -> usize {
        match self.sidebar.content {
            SidebarContent::Tags => self.ann.set.tag_counts().len(),
            SidebarContent::Glossary => self.doc.glossary.entries.len(),
            _ => self.sidebar_items().len(),
        }
    }

    pub(super) fn cycle_sidebar(&mut self) -> bool {
        self.sidebar.content = self.sidebar.content.next();
        self.sidebar.selected = 0;
        self.sidebar.scroll = 0;
        self.panes.show_sidebar = true;
        true
    }

    pub(super) fn cycle_scope(&mut self) -> bool {
        if self.sidebar.content == SidebarContent::Annotations {
            self.sidebar.scope = self.sidebar.scope.next();
        } else {
            self.sidebar.content = SidebarContent::Annotations;
        }
        self.sidebar.selected = 0;
        true
    }

    /// Move the list selection (list views) or scroll (details).
    pub(super) fn sidebar_step(&mut self, down: bool) -> bool {
        if self.sidebar.content == SidebarContent::Details {
            let before = self.sidebar.scroll;
            self.sidebar.scroll = if down {
                before.saturating_add(1)
            } else {
                before.saturating_sub(1)
            };
            return before != self.sidebar.scroll;
        }
        let len = self.sidebar_len();
        let before = self.sidebar.selected;
        self.sidebar.selected = if down {
            (before + 1).min(len.saturating_sub(1))
        } else {
            before.saturating_sub(1)
        };
        before != self.sidebar.selected
    }

    /// Jump to the start of `a`'s passage (a recorded jump) and put the cursor there.
    pub(super) fn jump_to(&mut self, a: &TextAnchor) {
        let c = TextCursor {
            para: a.start.index.min(self.para_count().saturating_sub(1)),
            offset: a.start.offset,
        };
        let unit = Document::unit_of(c.para);
        let line = self.reader.line_of_offset(&self.doc, unit, c.offset);
        self.move_to(
            Anchor {
                unit,
                line: line.saturating_sub(1),
            },
            true,
        );
        self.ann.cursor = Some(c);
    }

    pub(super) fn sidebar_activate(&mut self) -> bool {
        match self.sidebar.content {
            SidebarContent::Details => false,
            SidebarContent::Glossary => {
                let Some(entry) = self.doc.glossary.entries.get(self.sidebar.selected) else {
                    return false;
                };
                let acronym = entry.acronym.clone();
                self.go_to_definition(&acronym)
            }
            SidebarContent::Annotations => {
                let Some(anchor) = self
                    .sidebar_items()
                    .get(self.sidebar.selected)
                    .map(|a| a.anchor.clone())
                else {
                    return false;
                };
                self.jump_to(&anchor);
                true
            }
            SidebarContent::Review => {
                let Some(a) = self.sidebar_items().get(self.sidebar.selected).copied() else {
                    return false;
                };
                if a.status == AnchorStatus::Changed {
                    let anchor = a.anchor.clone();
                    self.jump_to(&anchor);
                    self.set_message(
                        "changed: y accepts the new wording; or select the passage (v…) and R re-attaches",
                    );
                } else {
                    self.set_message(
                        "orphan: select its new passage (v…), then R here re-attaches it; d deletes",
                    );
                }
                true
            }
            SidebarContent::Tags => {
                let Some((tag, _)) = self
                    .ann
                    .set
                    .tag_counts()
                    .into_iter()
                    .nth(self.sidebar.selected)
                else {
                    return false;
                };
                self.toggle_filter(tag);
                true
            }
        }
    }

    /// Filter the reading pane by `tag`, or clear the filter if it is that tag.
    pub fn toggle_filter(&mut self, tag: String) {
        if self.ann.filter.as_deref() == Some(tag.as_str()) {
            self.clear_filter();
            return;
        }
        self.set_message(format!(
            "showing paragraphs tagged {tag} (Esc or Enter again: all)"
        ));
        self.ann.filter = Some(tag);
        self.apply_filter();
        let first = self.reader.filter_first();
        if let Some(p) = first {
            self.move_to(
                Anchor {
                    unit: Document::unit_of(p),
                    line: 0,
                },
                true,
            );
        }
    }

    /// Drop the tag filter; returns whether there was one.
    pub fn clear_filter(&mut self) -> bool {
        if self.ann.filter.take().is_none() {
            return false;
        }
        self.apply_filter();
        self.set_message("filter cleared");
        true
    }

    pub(super) fn sidebar_delete(&mut self) -> bool {
        if !matches!(
            self.sidebar.content,
            SidebarContent::Annotations | SidebarContent::Review
        ) {
            return false;
        }
        let Some(id) = self
            .sidebar_items()
            .get(self.sidebar.selected)
            .map(|a| a.id.clone())
        else {
            self.set_message("nothing selected");
            return true;
        };
        match self.ann.set.delete(&id) {
            Ok(change) => {
                self.record_change(&change);
                let m = self.message.take().unwrap_or_default();
                self.set_message(format!("{m} (u undoes)"));
            }
            Err(e) => self.set_message(e.to_string()),
        }
        true
    }

    /// The id of the annotation selected in the review list, or a message saying why
    /// there is none (`what`: the action, for the message).
    fn selected_for_review(&mut self, what: &str, nothing: &str) -> Option<String> {
        if self.sidebar.content != SidebarContent::Review {
            self.set_message(format!("{what} works in the review list (A)"));
            return None;
        }
        let id = self
            .sidebar_items()
            .get(self.sidebar.selected)
            .map(|a| a.id.clone());
        if id.is_none() {
            self.set_message(nothing.to_owned());
        }
        id
    }

    pub(super) fn reattach(&mut self) -> bool {
        let Some(id) = self.selected_for_review("re-attach", "nothing to re-attach selected")
        else {
            return true;
        };
        let Some((a, b)) = self.selection_span() else {
            self.set_message("select the new passage first (v in the reading pane, then move)");
            return true;
        };
        if let Some(why) = self.refused_reattach(&id, a, b) {
            self.set_message(why);
            return true;
        }
        match self.span_anchor(a, b) {
            Ok(anchor) => match self.ann.set.reattach(&id, anchor) {
                Ok(change) => {
                    self.ann.selection = None;
                    if self.mode == Mode::Select {
                        self.mode = Mode::Normal;
                    }
                    self.record_change(&change);
                    self.set_message("re-attached");
                }
                Err(e) => self.set_message(e.to_string()),
            },
            Err(e) => self.set_message(e),
        }
        true
    }

    pub(super) fn accept_wording(&mut self) -> bool {
        let Some(id) = self.selected_for_review("accepting a new wording", "nothing selected")
        else {
            return true;
        };
        match self.ann.set.accept_wording(&id, &self.doc.cable) {
            Ok(change) => {
                self.record_change(&change);
                self.set_message("new wording accepted (u undoes)");
            }
            Err(e) => self.set_message(format!("cannot accept: {e}")),
        }
        true
    }
}
