//! Where the reader's annotations are kept, and how they are never lost: a cable's own
//! sidecar ([`Store`]), or, for a question view, each reply's sidecar ([`Routed`]).
//!
//! The loop saves after every change and on the way out. A save that fails leaves the
//! annotations in memory (the next change or the quit tries again), encoded for the panic
//! hook; what still cannot be saved on the way out is written to recovery files, each
//! beside the sidecar it belongs to.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, TryLockError};

use chrono::Utc;

use crate::action::{Action, Carried, LoadedAnnotations, SaveFailure, SavedAnnotations};
use crate::app::App;
use crate::store::routed::Routed;
use crate::store::{self, Notice, Store};

/// Where the open document's annotations go.
#[derive(Debug)]
pub enum Notes {
    /// The cable's sidecar (`None`: annotations are off, the app was told why).
    Sidecar(Option<Store>),
    /// A question view's: each reply's sidecar; with the sets of the last failed save.
    Routed(Box<Routed>, Vec<(PathBuf, String)>),
}

impl Notes {
    /// Read the annotations of `app`'s cable and hand them to it.
    pub fn attach(app: &mut App) -> Self {
        Self::Sidecar(attach_annotations(app))
    }

    /// Read (again) the replies' annotations of a question view and hand them to `app`.
    pub fn attach_routed(app: &mut App, mut routed: Box<Routed>, notices: Vec<String>) -> Self {
        let (set, mut more) = routed.load();
        let mut all = notices;
        all.append(&mut more);
        app.update(Action::AnnotationsLoaded(Carried::new(LoadedAnnotations {
            set,
            recent_tags: store::recent_tags(),
            notices: all,
        })));
        Self::Routed(routed, Vec::new())
    }

    /// After the reply opened from the view was read: the view reads its replies' notes
    /// again (those just taken there among them). Nothing for a cable's own sidecar.
    pub fn refresh(self, app: &mut App) -> Self {
        match self {
            Self::Routed(routed, pending) if pending.is_empty() && !app.ann.unsaved() => {
                Self::attach_routed(app, routed, Vec::new())
            }
            other => other,
        }
    }

    /// Save `app`'s annotations if they changed (see [`save_annotations`]).
    pub fn save(&mut self, app: &mut App, fail: bool) {
        match self {
            Self::Sidecar(store) => save_annotations(app, store.as_mut(), fail),
            Self::Routed(routed, pending) => save_routed(app, routed, pending, fail),
        }
    }

    /// The last save on the way out; what could not be saved goes to recovery files.
    /// Returns what the user should be told.
    pub fn final_save(&mut self, app: &mut App, fail: bool) -> Vec<String> {
        match self {
            Self::Sidecar(store) => final_save_one(app, store.as_mut(), fail),
            Self::Routed(routed, pending) => {
                save_routed(app, routed, pending, fail);
                if !app.ann.unsaved() {
                    return Vec::new();
                }
                let why = app.ann.save_error.clone().unwrap_or_default();
                let lines = pending
                    .iter()
                    .map(|(sidecar, text)| match write_recovery(sidecar, text) {
                        Ok(p) => format!(
                            "annotations could not be saved ({why}); they were written to {}",
                            p.display()
                        ),
                        Err(e) => format!(
                            "annotations could not be saved ({why}) nor written to a recovery file: {e}"
                        ),
                    })
                    .collect();
                set_unsaved(Vec::new());
                lines
            }
        }
    }
}

/// Save a question view's annotations to the replies' sidecars, as [`save_annotations`]
/// does for one.
fn save_routed(
    app: &mut App,
    routed: &mut Routed,
    pending: &mut Vec<(PathBuf, String)>,
    fail: bool,
) {
    if !app.ann.unsaved() {
        return;
    }
    let result = if fail {
        routed.save_with(&app.ann.set, |_, _| {
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "simulated full disk",
            ))
        })
    } else {
        routed.save(&app.ann.set)
    };
    match result {
        Ok((notices, merged)) => {
            pending.clear();
            set_unsaved(Vec::new());
            app.update(Action::AnnotationsSaved(Carried::new(SavedAnnotations {
                merged,
                notices,
            })));
        }
        Err(failure) => {
            set_unsaved(failure.pending.clone());
            let recovery = failure
                .pending
                .first()
                .map(|(p, _)| store::recovery_path(p, Utc::now()));
            *pending = failure.pending;
            app.update(Action::AnnotationsNotSaved(Carried::new(SaveFailure {
                error: failure.error,
                recovery,
            })));
        }
    }
}

/// Annotations not yet saved, encoded, each with the sidecar it belongs to (a question
/// view's go to several): the panic hook writes them to recovery files. The loop sets
/// them when a save fails and clears them when one succeeds.
static UNSAVED: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

fn set_unsaved(value: Vec<(PathBuf, String)>) {
    let mut guard = match UNSAVED.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    *guard = value;
}

fn take_unsaved() -> Vec<(PathBuf, String)> {
    match UNSAVED.try_lock() {
        Ok(mut g) => std::mem::take(&mut *g),
        Err(TryLockError::Poisoned(p)) => std::mem::take(&mut *p.into_inner()),
        Err(TryLockError::WouldBlock) => Vec::new(),
    }
}

/// Write unsaved annotations (`text`, the sidecar format) to a recovery file: beside the
/// sidecar, else in the data folder, else in the temporary folder. Returns the file.
///
/// # Errors
/// The last error when no place could be written.
pub fn write_recovery(sidecar: &Path, text: &str) -> io::Result<PathBuf> {
    let now = Utc::now();
    let name = sidecar
        .file_name()
        .map_or_else(|| "cable.annotations.ron".into(), ToOwned::to_owned);
    let mut places = vec![store::recovery_path(sidecar, now)];
    if let Some(d) = store::data_dir() {
        places.push(store::recovery_path(
            &d.join("annotations").join(&name),
            now,
        ));
    }
    places.push(store::recovery_path(&std::env::temp_dir().join(&name), now));
    let mut last = io::Error::other("nowhere to write");
    for p in places {
        if let Some(dir) = p.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match store::atomic::write_atomic(&p, text.as_bytes()) {
            Ok(()) => return Ok(p),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Called from the panic hook: save what the loop could not.
pub(super) fn recover_on_panic() {
    for (sidecar, text) in take_unsaved() {
        match write_recovery(&sidecar, &text) {
            Ok(p) => eprintln!(
                "cablescope: unsaved annotations were written to {}",
                p.display()
            ),
            Err(e) => eprintln!("cablescope: unsaved annotations could not be written: {e}"),
        }
    }
}

/// Read the cable's annotations and hand them to `app` (which re-anchors them and says
/// what the user should know); returns the store that saves them.
pub fn attach_annotations(app: &mut App) -> Option<Store> {
    let mut store = match Store::for_cable(app.doc.path.as_deref(), &app.doc.name) {
        Ok(s) => s,
        Err(e) => {
            app.update(Action::Report(format!("annotations are off: {e}")));
            return None;
        }
    };
    let loaded = store.load();
    app.update(Action::AnnotationsLoaded(Carried::new(LoadedAnnotations {
        set: loaded.set,
        recent_tags: store::recent_tags(),
        notices: loaded.notices.iter().map(ToString::to_string).collect(),
    })));
    Some(store)
}

/// Save `app`'s annotations if they changed, and hand the outcome to `app`. A copy is
/// saved (a merge with another instance's changes happens in the copy, which `app` then
/// takes over), so only `update` writes the app's state. A failure leaves a copy for the
/// panic hook; the next change (or quit) tries again.
pub fn save_annotations(app: &mut App, store: Option<&mut Store>, fail: bool) {
    if !app.ann.unsaved() {
        return;
    }
    let Some(store) = store else {
        app.update(Action::AnnotationsNotSaved(Carried::new(SaveFailure {
            error: "no place for annotations".to_owned(),
            recovery: None,
        })));
        return;
    };
    let mut set = app.ann.set.clone();
    let result = if fail {
        store.save_with(&mut set, |_, _| {
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "simulated full disk",
            ))
        })
    } else {
        store.save(&mut set)
    };
    match result {
        Ok(notices) => {
            set_unsaved(Vec::new());
            let merged = notices.iter().any(|n| matches!(n, Notice::Merged { .. }));
            app.update(Action::AnnotationsSaved(Carried::new(SavedAnnotations {
                merged: merged.then_some(set),
                notices: notices.iter().map(ToString::to_string).collect(),
            })));
        }
        Err(e) => {
            set_unsaved(vec![(
                store.sidecar().to_owned(),
                store::format::encode(&app.ann.set, store.title()),
            )]);
            app.update(Action::AnnotationsNotSaved(Carried::new(SaveFailure {
                error: e.to_string(),
                recovery: Some(store::recovery_path(store.sidecar(), Utc::now())),
            })));
        }
    }
}

fn final_save_one(app: &mut App, store: Option<&mut Store>, fail: bool) -> Vec<String> {
    let sidecar = store
        .as_ref()
        .map(|s| (s.sidecar().to_owned(), s.title().to_owned()));
    save_annotations(app, store, fail);
    if !app.ann.unsaved() {
        return Vec::new();
    }
    let Some((sidecar, title)) = sidecar else {
        return vec!["annotations could not be saved (no data folder)".to_owned()];
    };
    let text = store::format::encode(&app.ann.set, &title);
    let why = app.ann.save_error.clone().unwrap_or_default();
    match write_recovery(&sidecar, &text) {
        Ok(p) => {
            set_unsaved(Vec::new());
            vec![format!(
                "annotations could not be saved ({why}); they were written to {}",
                p.display()
            )]
        }
        Err(e) => vec![format!(
            "annotations could not be saved ({why}) nor written to a recovery file: {e}"
        )],
    }
}
