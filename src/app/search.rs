//! Incremental, case-insensitive search over the paragraphs' clean text.
//!
//! Searching the clean text of whole paragraphs (not screen lines) is what makes a phrase
//! match across line breaks: the wrapping never enters into it. Whitespace in the query
//! matches any run of whitespace, so a phrase that straddles a block break still matches.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use super::document::Document;

/// The last search and its matches.
#[derive(Debug, Default)]
pub struct SearchState {
    /// The query as typed.
    pub query: String,
    /// Matches in document order: (paragraph index, byte range in its clean text).
    pub matches: Vec<(usize, Range<usize>)>,
    /// The current match (index into `matches`).
    pub current: Option<usize>,
}

/// Build the matcher for a query: literal words, any case, whitespace-insensitive.
#[must_use]
pub fn matcher(query: &str) -> Option<Regex> {
    let words: Vec<String> = query.split_whitespace().map(regex::escape).collect();
    if words.is_empty() {
        return None;
    }
    RegexBuilder::new(&words.join(r"\s+"))
        .case_insensitive(true)
        .build()
        .ok()
}

/// Build the matcher of any of `phrases` (each literal, any case, whitespace-insensitive,
/// whole words): the words a library query matched, for the reader to highlight.
#[must_use]
pub fn any_matcher(phrases: &[String]) -> Option<Regex> {
    let alternatives: Vec<String> = phrases
        .iter()
        .filter_map(|p| matcher(p))
        .map(|re| format!(r"\b(?:{})\b", re.as_str()))
        .collect();
    if alternatives.is_empty() {
        return None;
    }
    RegexBuilder::new(&alternatives.join("|"))
        .case_insensitive(true)
        .build()
        .ok()
}

impl SearchState {
    /// Run `query` over the document, replacing the matches.
    pub fn run(&mut self, doc: &Document, query: &str) {
        self.run_with(doc, query, matcher(query));
    }

    /// Match any of `phrases` (see [`any_matcher`]), replacing the matches.
    pub fn run_any(&mut self, doc: &Document, phrases: &[String]) {
        self.run_with(doc, &phrases.join(" | "), any_matcher(phrases));
    }

    fn run_with(&mut self, doc: &Document, query: &str, re: Option<Regex>) {
        self.query = query.to_owned();
        self.matches.clear();
        self.current = None;
        let Some(re) = re else {
            return;
        };
        for (i, p) in doc.cable.paragraphs.iter().enumerate() {
            for m in re.find_iter(&p.text) {
                self.matches.push((i, m.range()));
            }
        }
    }

    /// The first match in paragraph `from` or later (wrapping to the start).
    #[must_use]
    pub fn first_from(&self, paragraph: usize) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self.matches.partition_point(|(p, _)| *p < paragraph);
        Some(if i < self.matches.len() { i } else { 0 })
    }

    /// The match after (or before) position `(paragraph, byte offset)`, as vim's `n` /
    /// `N` find it from the cursor, and whether the search wrapped around the document
    /// to find it. There must be matches.
    #[must_use]
    pub fn step_from(&self, at: (usize, usize), forward: bool) -> (usize, bool) {
        let n = self.matches.len();
        let key = |(p, r): &(usize, Range<usize>)| (*p, r.start);
        if forward {
            let i = self.matches.partition_point(|m| key(m) <= at);
            if i < n { (i, false) } else { (0, true) }
        } else {
            let i = self.matches.partition_point(|m| key(m) < at);
            if i > 0 {
                (i - 1, false)
            } else {
                (n.saturating_sub(1), true)
            }
        }
    }

    /// Matches inside paragraph `index`, as (match index, range).
    pub fn in_paragraph(&self, index: usize) -> impl Iterator<Item = (usize, &Range<usize>)> {
        let start = self.matches.partition_point(|(p, _)| *p < index);
        self.matches[start..]
            .iter()
            .take_while(move |(p, _)| *p == index)
            .enumerate()
            .map(move |(k, (_, r))| (start + k, r))
    }

    /// `3/12` for the status bar, when there is a search.
    #[must_use]
    pub fn status(&self) -> Option<String> {
        if self.query.is_empty() {
            return None;
        }
        Some(match self.current {
            Some(c) => format!("{}/{}", c + 1, self.matches.len()),
            None => format!("0/{}", self.matches.len()),
        })
    }
}
