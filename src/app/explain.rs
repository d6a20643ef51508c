//! `K` (as in vim): what the acronym or TAGS code under the cursor means and where the
//! cable defines it; pressed again on the same acronym, the reader goes to that
//! definition (a jump, so Back returns). The glossary view's Enter goes there too.
//! Resting the mouse on an acronym says the same as `K`. In corpus mode the event loop
//! sends definitions from other cables of the post
//! ([`crate::action::Action::CorpusGlossary`]), and an
//! acronym this cable does not define is explained from them, naming the defining cable.

use crate::glossary::{Entry, Source, acronym_at};

use super::motion::TextCursor;
use super::{Anchor, App, Document, Mode};
use crate::glossary::CorpusGlossary;

/// One line saying what `entry` means and where that was read.
#[must_use]
pub fn describe(doc: &Document, entry: &Entry) -> String {
    let meaning = entry.expansion.as_deref().unwrap_or("unknown");
    let whence = match entry.source {
        Some(Source::Inline) => entry
            .paragraph
            .map(|p| format!("defined in {} (K again: go there)", doc.short_label(p)))
            .unwrap_or_default(),
        Some(Source::Corpus) => {
            let cable = entry
                .cable
                .as_deref()
                .unwrap_or("another cable of this post");
            match entry.corpus_paragraph {
                Some(p) => format!("corpus: defined in {cable} ¶{p}"),
                None => format!("corpus: defined in {cable}"),
            }
        }
        Some(Source::Tags) => "TAGS".to_owned(),
        Some(Source::Abbreviations) => "standard abbreviation".to_owned(),
        None => "not defined in this cable, nor in the TAGS or abbreviation lists".to_owned(),
    };
    let uses = match entry.uses {
        1 => ", used once".to_owned(),
        n if n > 1 => format!(", used {n} times"),
        _ => String::new(),
    };
    let also = if entry.conflicts.is_empty() {
        String::new()
    } else {
        format!("; also: {}", entry.conflicts.join("; "))
    };
    format!("{}: {meaning} — {whence}{uses}{also}", entry.acronym)
}

impl App {
    /// `K`: explain the acronym under the cursor, or go to its definition when the last
    /// key explained the same one.
    pub(super) fn explain_term(&mut self) -> bool {
        let cursor = self.ann.cursor;
        let found = cursor.and_then(|c| {
            let p = self.doc.cable.paragraphs.get(c.para)?;
            acronym_at(&p.text, c.offset)
        });
        let Some((acronym, _)) = found else {
            self.explained = None;
            self.set_message("K: no acronym under the cursor (move onto one with w, b, h, l)");
            return true;
        };
        if self.explained.as_deref() == Some(acronym.as_str()) {
            self.explained = None;
            return self.go_to_definition(&acronym);
        }
        self.set_message(self.explanation(&acronym));
        self.explained = Some(acronym);
        true
    }

    /// What `K` says about `acronym`.
    fn explanation(&self, acronym: &str) -> String {
        match self.doc.glossary.get(acronym) {
            Some(entry) => describe(&self.doc, entry),
            None => format!("{acronym}: unknown"),
        }
    }

    /// The mouse moved onto text position `at` (or off the text): an acronym there is
    /// explained as `K` explains it; leaving it takes its explanation away.
    pub(super) fn hover(&mut self, at: Option<(usize, usize)>) -> bool {
        if self.mode != Mode::Normal {
            return false;
        }
        let found = at.and_then(|(para, offset)| {
            let p = self.doc.cable.paragraphs.get(para)?;
            acronym_at(&p.text, offset).map(|(a, _)| a)
        });
        if found == self.hovered {
            return false;
        }
        let left = self.hovered.take();
        if let Some(acronym) = found {
            self.set_message(self.explanation(&acronym));
            self.hovered = Some(acronym);
            return true;
        }
        let shown = left.is_some_and(|a| self.message.as_deref() == Some(&self.explanation(&a)));
        if shown {
            self.message = None;
        }
        shown
    }

    /// Definitions from other cables arrived: explain the acronyms this cable does not
    /// define from them too (the glossary view keeps its selection).
    pub(super) fn explain_from_corpus(&mut self, corpus: &CorpusGlossary) -> bool {
        self.doc.explain_from(corpus);
        let n = self.doc.glossary.entries.len();
        if self.sidebar.selected >= n {
            self.sidebar.selected = n.saturating_sub(1);
        }
        true
    }

    /// Go to where the cable first defines `acronym`, recording the jump; says so when
    /// it does not define it.
    pub(super) fn go_to_definition(&mut self, acronym: &str) -> bool {
        let Some(d) = self
            .doc
            .cable
            .definitions
            .iter()
            .find(|d| d.acronym == acronym)
            .cloned()
        else {
            self.set_message(self.explanation(acronym));
            return true;
        };
        let unit = Document::unit_of(d.paragraph);
        let line = self.reader.line_of_offset(&self.doc, unit, d.range.start);
        self.move_to(
            Anchor {
                unit,
                line: line.saturating_sub(1),
            },
            true,
        );
        self.ann.cursor = Some(TextCursor::new(d.paragraph, d.range.start));
        self.set_message(format!(
            "{acronym}: {} — defined here, {} (Back returns)",
            d.expansion,
            self.doc.short_label(d.paragraph)
        ));
        true
    }
}
