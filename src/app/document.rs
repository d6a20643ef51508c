//! The open cable as the reader sees it: the parsed model, its source text (for the raw
//! view) and the unit numbering the reading pane scrolls through.
//!
//! The reading pane shows a sequence of *units*: unit 0 is the header, unit `i + 1` is
//! paragraph `i`. Scroll positions, history entries and saved positions are expressed in
//! units plus a wrapped-line offset, so they survive a change of width.

use std::ops::Range;
use std::path::PathBuf;

use crate::cable::{Cable, QuestionNumber};
use crate::glossary::Glossary;
use crate::tasker::compile::Compiled;

/// A cable opened in the reader.
#[derive(Debug, Clone)]
pub struct Document {
    /// Display name (file path as given, or the embedded cable's name).
    pub name: String,
    /// The file, when the text came from one.
    pub path: Option<PathBuf>,
    /// The parsed model.
    pub cable: Cable,
    /// The source text the model was parsed from.
    pub source: String,
    /// Byte range of each source line (line `n` is at index `n - 1`).
    pub lines: Vec<Range<usize>>,
    /// Indices into `cable.xrefs`, ordered by paragraph then position (for fast lookup).
    link_order: Vec<usize>,
    /// Per paragraph, the xrefs that land on it.
    backlinks: Vec<Vec<usize>>,
    /// What the cable's acronyms and TAGS mean (its own definitions and the shipped
    /// vocabularies), built when the cable is opened, again when definitions from other
    /// cables arrive ([`Document::explain_from`]).
    pub glossary: Glossary,
    /// When this is a question view (every reply's answer to one question), where each
    /// paragraph comes from: notes go to that reply's sidecar, `Enter` opens the reply.
    pub compiled: Option<std::sync::Arc<Compiled>>,
}

impl Document {
    /// Wrap a parsed cable and its source.
    #[must_use]
    pub fn new(name: String, path: Option<PathBuf>, cable: Cable, source: String) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in source.split('\n') {
            lines.push(start..start + line.len());
            start += line.len() + 1;
        }
        let mut link_order: Vec<usize> = (0..cable.xrefs.len()).collect();
        link_order.sort_by_key(|&i| (cable.xrefs[i].paragraph, cable.xrefs[i].range.start));
        let mut backlinks = vec![Vec::new(); cable.paragraphs.len()];
        for (i, x) in cable.xrefs.iter().enumerate() {
            if let Some(t) = x.target.paragraph()
                && let Some(b) = backlinks.get_mut(t)
            {
                b.push(i);
            }
        }
        let glossary = Glossary::build(&cable, None, crate::glossary::shipped());
        Self {
            glossary,
            name,
            path,
            cable,
            source,
            lines,
            link_order,
            backlinks,
            compiled: None,
        }
    }

    /// The question view `compiled` as a document.
    #[must_use]
    pub fn compiled(compiled: std::sync::Arc<Compiled>) -> Self {
        let name = format!("{} {}: every answer", compiled.tasker, compiled.key);
        let mut doc = Self::new(name, None, compiled.cable.clone(), compiled.source.clone());
        doc.compiled = Some(compiled);
        doc
    }

    /// Explain the acronyms the cable does not define from `corpus` too (definitions
    /// from other cables, scoped to this cable's post and country).
    pub fn explain_from(&mut self, corpus: &crate::glossary::CorpusGlossary) {
        self.glossary = Glossary::build(&self.cable, Some(corpus), crate::glossary::shipped());
    }

    /// Indices into `cable.xrefs` of the links made by paragraph `index`, in text order.
    #[must_use]
    pub fn links_in(&self, index: usize) -> &[usize] {
        let xrefs = &self.cable.xrefs;
        let start = self
            .link_order
            .partition_point(|&i| xrefs[i].paragraph < index);
        let end = self
            .link_order
            .partition_point(|&i| xrefs[i].paragraph <= index);
        &self.link_order[start..end]
    }

    /// Indices into `cable.xrefs` of the links that land on paragraph `index`.
    #[must_use]
    pub fn backlinks_to(&self, index: usize) -> &[usize] {
        self.backlinks.get(index).map_or(&[], Vec::as_slice)
    }

    /// Number of units (header + paragraphs).
    #[must_use]
    pub fn unit_count(&self) -> usize {
        self.cable.paragraphs.len() + 1
    }

    /// The paragraph index of a unit (`None` for the header).
    #[must_use]
    pub fn paragraph_of(unit: usize) -> Option<usize> {
        unit.checked_sub(1)
    }

    /// The unit showing paragraph `index`.
    #[must_use]
    pub fn unit_of(index: usize) -> usize {
        index + 1
    }

    /// The numbered question held by paragraph `index`, if any.
    #[must_use]
    pub fn question_number(&self, index: usize) -> Option<u32> {
        match self.cable.paragraphs.get(index)?.question.as_ref()?.number {
            QuestionNumber::Number(n) => Some(n),
            QuestionNumber::Label(_) => None,
        }
    }

    /// Where every question, keyed answer and lettered exchange starts, in document
    /// order: `(paragraph index, byte offset)` (offset 0 for a paragraph's own question,
    /// the sub-paragraph's start for an exchange). `)` and `(` step through these.
    #[must_use]
    pub fn question_stops(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, p) in self.cable.paragraphs.iter().enumerate() {
            if p.question.is_some() {
                out.push((i, 0));
            }
            for sub in &p.subparagraphs {
                if sub.question.is_some() && !(p.question.is_some() && sub.range.start == 0) {
                    out.push((i, sub.range.start));
                }
            }
        }
        out
    }

    /// Where the answer keyed `key` starts (`28.H` a keyed answer, `3.B` a lettered answer
    /// of a numbered section, also inside a merged one such as `3.B/C`, `5.A` an exchange;
    /// case ignored): `(paragraph index, byte offset)`. A bare number (`28`) finds the
    /// first answer keyed to it, for `:q28` on a cable whose questions are keyed.
    #[must_use]
    pub fn answer_position(&self, key: &str) -> Option<(usize, usize)> {
        let key = key.trim().trim_end_matches('.').to_uppercase();
        if key.is_empty() {
            return None;
        }
        let matches = |label: &str| {
            let label = label.to_uppercase();
            if !key.contains('.') {
                return label.split_once('.').is_some_and(|(n, _)| n == key);
            }
            if label == key {
                return true;
            }
            // A merged answer `3.B/C` (or `3.B / C`) answers `3.B` and `3.C`.
            let (Some((kn, kl)), Some((ln, letters))) =
                (key.split_once('.'), label.split_once('.'))
            else {
                return false;
            };
            kn == ln && letters.split('/').any(|l| l.trim() == kl)
        };
        for (i, p) in self.cable.paragraphs.iter().enumerate() {
            if let Some(q) = &p.question
                && let QuestionNumber::Label(l) = &q.number
                && matches(l)
            {
                return Some((i, 0));
            }
            for sub in &p.subparagraphs {
                if let Some(q) = &sub.question
                    && let QuestionNumber::Label(l) = &q.number
                    && matches(l)
                {
                    return Some((i, sub.range.start));
                }
            }
        }
        None
    }

    /// A short label: `Q17` for a question, `¶17` for a numbered paragraph.
    #[must_use]
    pub fn short_label(&self, index: usize) -> String {
        let Some(p) = self.cable.paragraphs.get(index) else {
            return String::new();
        };
        match &p.question {
            Some(q) => format!("Q{}", q.number),
            None => p.label(),
        }
    }

    /// Whether paragraph `index` opens its section (the heading is drawn above it).
    #[must_use]
    pub fn opens_section(&self, index: usize) -> Option<usize> {
        let s = self.cable.paragraphs.get(index)?.section?;
        (self.cable.sections.get(s)?.paragraphs.first() == Some(&index)).then_some(s)
    }

    /// The source text of 1-based lines `first..=last`, one string per line.
    #[must_use]
    pub fn source_lines(&self, lines: &Range<usize>) -> Vec<&str> {
        let first = lines.start.max(1);
        let last = lines.end.max(first);
        (first..=last)
            .filter_map(|n| self.lines.get(n - 1))
            .filter_map(|r| self.source.get(r.clone()))
            .collect()
    }
}
