//! [`search`]: run a query in the documented syntax against a corpus's index, as
//! `cablescope search` prints it; a [`Catalog`] query and a snippet from each file.

use std::ops::Range;
use std::path::Path;

use serde::Serialize;

use super::IndexError;
use super::catalog::{Catalog, Query};

/// One cable that matched, as `cablescope search --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Canonical id.
    pub id: String,
    /// The file.
    pub path: String,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// The sending post (`Embassy Mexico`).
    pub origin: Option<String>,
    /// The classification.
    pub classification: Option<String>,
    /// SUBJECT.
    pub subject: Option<String>,
    /// Relevance (BM25).
    pub score: f32,
    /// Number of the paragraph the snippet comes from (`None`: unnumbered or no body match).
    pub paragraph: Option<u32>,
    /// Index of that paragraph among the cable's paragraphs.
    pub paragraph_index: Option<usize>,
    /// The best-matching stretch of the body (empty when the file is gone).
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<Range<usize>>,
}

/// The `limit` best cables of `root`'s index for `input` (see [`super::query`]). With
/// `lenient`, a query that does not parse still runs on what does (search as you type).
///
/// # Errors
/// When there is no index, it cannot be read, or (not `lenient`) the query is malformed.
pub fn search(
    root: &Path,
    input: &str,
    limit: usize,
    lenient: bool,
) -> Result<Vec<Hit>, IndexError> {
    let catalog = Catalog::open(root)?;
    let q = Query {
        text: input.to_owned(),
        lenient,
        ..Query::default()
    };
    let results = catalog.query(&q)?;
    let hits = results
        .matches
        .iter()
        .take(limit.max(1))
        .filter_map(|m| {
            let e = catalog.entries().get(m.entry)?;
            let s = catalog.snippet(m.entry, &q);
            Some(Hit {
                id: e.id.clone(),
                path: e.path.display().to_string(),
                date: e.date.as_deref().map(str::to_owned),
                origin: e.origin.as_deref().map(str::to_owned),
                classification: e.classification.as_deref().map(str::to_owned),
                subject: e.subject.clone(),
                score: m.score,
                paragraph: s.as_ref().and_then(|s| s.paragraph),
                paragraph_index: s.as_ref().and_then(|s| s.paragraph_index),
                snippet: s.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
                highlights: s.map(|s| s.highlights).unwrap_or_default(),
            })
        })
        .collect();
    Ok(hits)
}
