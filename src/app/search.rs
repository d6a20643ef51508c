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

impl SearchState {
    /// Run `query` over the document, replacing the matches.
    pub fn run(&mut self, doc: &Document, query: &str) {
        self.query = query.to_owned();
        self.matches.clear();
        self.current = None;
        let Some(re) = matcher(query) else {
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

    /// Step the current match forwards (`+1`) or backwards (`-1`), wrapping.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let next = match self.current {
            None => 0,
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
        };
        self.current = Some(next);
        Some(next)
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
