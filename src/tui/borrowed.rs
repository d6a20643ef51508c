//! Definitions the reader's cables borrow from the rest of a corpus, gathered in the
//! background: opening a cable from the library, or a REF's cable on top of it, starts a
//! thread that reads the cables that can explain its acronyms
//! ([`crate::glossary::gather`]) and sends what they define back as an
//! [`Action::CorpusGlossary`] for that cable's file. The reader applies it when it
//! arrives, so `K`, the mouse and the glossary view explain from the corpus without the
//! screen ever waiting for the files.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use super::Links;
use crate::action::{Action, Carried};
use crate::app::App;
use crate::glossary::gather;

/// The threads at work and what they sent.
pub(super) struct Borrowed {
    tx: Sender<(PathBuf, Action)>,
    rx: Receiver<(PathBuf, Action)>,
    /// Threads started whose result has not arrived yet.
    pending: usize,
}

impl Borrowed {
    pub(super) fn new() -> Self {
        let (tx, rx) = mpsc::channel();
        Self { tx, rx, pending: 0 }
    }

    /// Gather the corpus definitions for `app`'s cable, when it is read from a corpus.
    /// The files to read are chosen here (from the index's entries, in memory); reading
    /// them is the thread's.
    pub(super) fn start(&mut self, links: &Links<'_>, app: &App) {
        let (Links::Corpus(catalog), Some(path)) = (links, &app.doc.path) else {
            return;
        };
        let cable = &app.doc.cable;
        let scope = gather::scope_of(catalog.entries(), cable, Some(path));
        let chosen = gather::definers(catalog.entries(), &scope, cable, Some(path));
        let (tx, path) = (self.tx.clone(), path.clone());
        self.pending += 1;
        super::background::spawn(
            move || gather::gather(&chosen, &scope),
            move |gathered| {
                let action = match gathered {
                    Ok(glossary) => Action::CorpusGlossary(Carried::new(glossary)),
                    Err(e) => Action::Report(format!("the corpus glossary was not read: {e}")),
                };
                let _ = tx.send((path, action));
            },
        );
    }

    /// Whether a result is still to come (the reader then looks for it between events).
    pub(super) fn waiting(&self) -> bool {
        self.pending > 0
    }

    /// The results arrived since last asked: each with the file of the cable it is for.
    pub(super) fn arrived(&mut self) -> Vec<(PathBuf, Action)> {
        let got: Vec<_> = self.rx.try_iter().collect();
        self.pending = self.pending.saturating_sub(got.len());
        got
    }
}
