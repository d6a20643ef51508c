//! `K` (as in vim): what the acronym or TAGS code under the cursor means and where the
//! cable defines it; pressed again on the same acronym, the reader goes to that
//! definition (a jump, so Back returns). The glossary view's Enter goes there too.

use crate::glossary::{Entry, Source, acronym_at};

use super::motion::TextCursor;
use super::{Anchor, App, Document};

/// One line saying what `entry` means and where that was read.
#[must_use]
pub fn describe(doc: &Document, entry: &Entry) -> String {
    let meaning = entry.expansion.as_deref().unwrap_or("unknown");
    let whence = match entry.source {
        Some(Source::Inline) => entry
            .paragraph
            .map(|p| format!("defined in {} (K again: go there)", doc.short_label(p)))
            .unwrap_or_default(),
        Some(Source::Corpus) => format!(
            "defined in {}",
            entry
                .cable
                .as_deref()
                .unwrap_or("another cable of this post")
        ),
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
        let message = match self.doc.glossary.get(&acronym) {
            Some(entry) => describe(&self.doc, entry),
            None => format!("{acronym}: unknown"),
        };
        self.set_message(message);
        self.explained = Some(acronym);
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
            let message = match self.doc.glossary.get(acronym) {
                Some(entry) => describe(&self.doc, entry),
                None => format!("{acronym}: unknown"),
            };
            self.set_message(message);
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
