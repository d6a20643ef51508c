//! The annotations of a question view ([`Compiled`]: every reply's answer to one
//! question) kept where they belong, each in the sidecar of the reply it was made on.
//!
//! Opening reads every answering reply's sidecar through its own [`Store`], re-anchors it
//! on the reply's parse, and shows, in the view's coordinates, the annotations that lie
//! wholly inside a passage the view holds.
//!
//! Saving compares the view's set with what was shown:
//! - an annotation added in the view is added to its reply's set, anchored afresh on the
//!   reply's own text (so its context is the reply's, not the neighbouring answer's);
//! - an edited one is edited there;
//! - a deleted one is deleted there.
//!
//! Then each reply whose set changed is saved by its store (atomic, merged with what
//! another instance wrote). Annotations the view does not show are never touched. Like
//! the store, nothing here prints: messages come back as strings.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use crate::annotation::{Anchor, AnchorStatus, Annotation, AnnotationSet, FlatText, text_hash};
use crate::cable::Cable;
use crate::tasker::Study;
use crate::tasker::compile::Compiled;
use crate::tasker::study::Studied;

use super::{Notice, Store, format};

/// One answering reply's annotations.
#[derive(Debug)]
struct Route {
    /// Index into [`Compiled::parts`].
    part: usize,
    store: Store,
    /// The reply's parse and its flat text (anchors are made on them).
    cable: Cable,
    flat: FlatText,
    /// [`text_hash`] of the reply's source.
    hash: String,
    /// The reply's set as last read or saved.
    set: AnnotationSet,
    /// The annotations the view shows of it: id → anchor in the view.
    shown: HashMap<String, Anchor>,
}

/// The annotations of a question view, routed to each reply's sidecar.
#[derive(Debug)]
pub struct Routed {
    compiled: Arc<Compiled>,
    routes: Vec<Route>,
}

/// A save that did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutedFailure {
    /// What went wrong, per reply.
    pub error: String,
    /// The sidecars not written and the sets they should hold (sidecar format), for a
    /// recovery file.
    pub pending: Vec<(PathBuf, String)>,
}

impl Routed {
    /// The routing of the replies answering in `compiled` (whose parses `study` holds;
    /// `source_of` gives a reply's source text, for the re-anchoring's check). Read
    /// their annotations with [`Routed::load`]. Returns what the user should be told of
    /// replies whose notes cannot be kept.
    #[must_use]
    pub fn new(
        compiled: Arc<Compiled>,
        study: &Study,
        source_of: impl Fn(&Studied) -> Option<String>,
    ) -> (Self, Vec<String>) {
        let mut notices = Vec::new();
        let mut routes = Vec::new();
        for (i, part) in compiled.parts.iter().enumerate() {
            let Some(reply) = study.replies.iter().find(|r| r.path == part.path) else {
                continue;
            };
            if !part.answered {
                continue;
            }
            let store = match Store::for_cable(Some(&part.path), &part.id) {
                Ok(s) => s,
                Err(e) => {
                    notices.push(format!("{}: annotations are off: {e}", part.id));
                    continue;
                }
            };
            routes.push(Route {
                part: i,
                store,
                flat: FlatText::new(&reply.cable),
                hash: source_of(reply).map(|s| text_hash(&s)).unwrap_or_default(),
                cable: reply.cable.clone(),
                set: AnnotationSet::new(),
                shown: HashMap::new(),
            });
        }
        (Self { compiled, routes }, notices)
    }

    /// Read (again) every reply's sidecar and re-anchor it on the reply: the view's set,
    /// and what the user should be told.
    pub fn load(&mut self) -> (AnnotationSet, Vec<String>) {
        let mut notices = Vec::new();
        for route in &mut self.routes {
            let loaded = route.store.load();
            let id = &self.compiled.parts[route.part].id;
            notices.extend(loaded.notices.iter().map(|n| format!("{id}: {n}")));
            route.set = loaded.set;
            route.set.reanchor(&route.cable, &route.hash);
        }
        (self.view_set(), notices)
    }

    /// The compiled view this routes for.
    #[must_use]
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// The view's set: every reply annotation that lies wholly inside a passage shown,
    /// in the view's coordinates (and the record of what is shown).
    fn view_set(&mut self) -> AnnotationSet {
        let view_flat = FlatText::new(&self.compiled.cable);
        let mut items = Vec::new();
        for route in &mut self.routes {
            route.shown.clear();
            for a in route.set.iter() {
                if a.status == AnchorStatus::Orphaned {
                    continue;
                }
                let to_view = |pos: &crate::annotation::TextPos| {
                    let (i, o) = self
                        .compiled
                        .to_compiled(route.part, pos.index, pos.offset)?;
                    view_flat.to_flat(i, o)
                };
                let (Some(s), Some(e)) = (to_view(&a.anchor.start), to_view(&a.anchor.end)) else {
                    continue;
                };
                if s > e {
                    continue;
                }
                let mut anchor = view_flat.anchor_at(&self.compiled.cable, s..e);
                if a.anchor.current.is_some() {
                    anchor.current =
                        Some(std::mem::replace(&mut anchor.exact, a.anchor.exact.clone()));
                }
                route.shown.insert(a.id.clone(), anchor.clone());
                items.push(Annotation {
                    anchor,
                    ..a.clone()
                });
            }
        }
        AnnotationSet::from_parts(items, Vec::new(), None, Default::default()).0
    }

    /// Carry the changes of `view` (the view's set) to the replies' sets and save those
    /// that changed. Returns the stores' notices, and the view's set anew when another
    /// instance's changes were merged in.
    ///
    /// # Errors
    /// When a reply's sidecar could not be written; the others are saved.
    pub fn save(
        &mut self,
        view: &AnnotationSet,
    ) -> Result<(Vec<String>, Option<AnnotationSet>), RoutedFailure> {
        self.save_with(view, io::Write::write_all)
    }

    /// [`Routed::save`] with the write step supplied (tests inject failures).
    ///
    /// # Errors
    /// As [`Routed::save`].
    pub fn save_with(
        &mut self,
        view: &AnnotationSet,
        mut write: impl FnMut(&mut fs::File, &[u8]) -> io::Result<()>,
    ) -> Result<(Vec<String>, Option<AnnotationSet>), RoutedFailure> {
        let mut notices = Vec::new();
        let mut failure = RoutedFailure {
            error: String::new(),
            pending: Vec::new(),
        };
        let mut merged = false;
        for route in &mut self.routes {
            let mine: Vec<&Annotation> = view
                .iter()
                .filter(|a| self.compiled.part_of(a.anchor.start.index) == Some(route.part))
                .collect();
            let mut next = route.set.clone();
            let mut changed = false;
            for id in route.shown.keys() {
                if view.get(id).is_none() && next.delete(id).is_ok() {
                    changed = true;
                }
            }
            for a in &mine {
                let moved = route
                    .shown
                    .get(&a.id)
                    .is_none_or(|shown| !same_place(shown, &a.anchor));
                let anchor = if moved {
                    match to_reply(&self.compiled, route, &a.anchor) {
                        Some(anchor) => Some(anchor),
                        None => continue,
                    }
                } else {
                    None
                };
                match next.get(&a.id) {
                    Some(had) => {
                        if had.tags != a.tags || had.note != a.note || anchor.is_some() {
                            let _ = next.edit(&a.id, |x| {
                                x.tags.clone_from(&a.tags);
                                x.note.clone_from(&a.note);
                                if let Some(anchor) = anchor {
                                    x.anchor = anchor;
                                }
                            });
                            changed = true;
                        }
                    }
                    None => {
                        let Some(anchor) = anchor else { continue };
                        let _ = next.insert_new(Annotation {
                            anchor,
                            ..(*a).clone()
                        });
                        changed = true;
                    }
                }
            }
            if !changed {
                continue;
            }
            let id = &self.compiled.parts[route.part].id;
            match route.store.save_with(&mut next, &mut write) {
                Ok(saved) => {
                    merged |= saved.iter().any(|n| matches!(n, Notice::Merged { .. }));
                    notices.extend(saved.iter().map(|n| format!("{id}: {n}")));
                    route.set = next;
                    route.shown = mine
                        .iter()
                        .map(|a| (a.id.clone(), a.anchor.clone()))
                        .collect();
                }
                Err(e) => {
                    if !failure.error.is_empty() {
                        failure.error.push_str("; ");
                    }
                    failure.error.push_str(&format!("{id}: {e}"));
                    failure.pending.push((
                        route.store.sidecar().to_owned(),
                        format::encode(&next, route.store.title()),
                    ));
                }
            }
        }
        if !failure.pending.is_empty() {
            return Err(failure);
        }
        Ok((notices, merged.then(|| self.view_set())))
    }
}

/// Whether two anchors mark the same passage (the view's re-anchoring may have changed
/// nothing but hints).
fn same_place(a: &Anchor, b: &Anchor) -> bool {
    (a.start.index, a.start.offset, a.end.index, a.end.offset)
        == (b.start.index, b.start.offset, b.end.index, b.end.offset)
        && a.exact == b.exact
}

/// The anchor in the reply of a view anchor, made on the reply's text; `None` when its
/// ends are not both in `route`'s answer.
fn to_reply(compiled: &Compiled, route: &Route, a: &Anchor) -> Option<Anchor> {
    let (p1, i1, o1) = compiled.to_reply(a.start.index, a.start.offset)?;
    let (p2, i2, o2) = compiled.to_reply(a.end.index, a.end.offset)?;
    if p1 != route.part || p2 != route.part {
        return None;
    }
    let s = route.flat.to_flat(i1, o1)?;
    let e = route.flat.to_flat(i2, o2)?;
    if s > e || e > route.flat.text.len() {
        return None;
    }
    let mut anchor = route.flat.anchor_at(&route.cable, s..e);
    if a.current.is_some() {
        anchor.current = Some(std::mem::replace(&mut anchor.exact, a.exact.clone()));
    }
    Some(anchor)
}
