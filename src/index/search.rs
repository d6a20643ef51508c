//! [`search`]: run a query in the documented syntax against a corpus's index.

use std::ops::Range;
use std::path::Path;

use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;

use super::{IndexError, open_existing, query};

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
    /// The best-matching stretch of the body.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<Range<usize>>,
}

/// The `limit` best cables of `root`'s index for `input` (see [`query`]). With `lenient`,
/// a query that does not parse still runs on what does (search as you type).
///
/// # Errors
/// When there is no index, it cannot be read, or (not `lenient`) the query is malformed.
pub fn search(
    root: &Path,
    input: &str,
    limit: usize,
    lenient: bool,
) -> Result<Vec<Hit>, IndexError> {
    let opened = open_existing(root)?;
    let f = opened.fields;
    let reader = opened.index.reader()?;
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&opened.index, vec![f.subject, f.body, f.id]);
    parser.set_conjunction_by_default();
    let text = query::rewrite(input);
    let q = if lenient {
        parser.parse_query_lenient(&text).0
    } else {
        parser
            .parse_query(&text)
            .map_err(|e| IndexError::Query(format!("{e:?}")))?
    };
    let top = searcher.search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
    let mut snippets = SnippetGenerator::create(&searcher, &*q, f.body)?;
    snippets.set_max_num_chars(200);
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_owned))
        };
        let body = text(f.body).unwrap_or_default();
        let snippet = snippets.snippet(&body);
        let starts: Vec<u64> = doc.get_all(f.starts).filter_map(|v| v.as_u64()).collect();
        let numbers: Vec<u64> = doc.get_all(f.numbers).filter_map(|v| v.as_u64()).collect();
        let (paragraph_index, paragraph) = if snippet.is_empty() {
            (None, None)
        } else {
            let at = snippet.fragment_range().start as u64
                + snippet.highlighted().first().map_or(0, |r| r.start as u64);
            let i = starts.iter().rposition(|&s| s <= at);
            let number = i
                .and_then(|i| numbers.get(i))
                .and_then(|&n| u32::try_from(n).ok())
                .filter(|&n| n > 0);
            (i, number)
        };
        let (fragment, highlights) = if snippet.is_empty() {
            let head: String = body.chars().take(200).collect();
            (head, Vec::new())
        } else {
            (
                snippet.fragment().to_owned(),
                snippet.highlighted().to_vec(),
            )
        };
        hits.push(Hit {
            id: text(f.id).unwrap_or_default(),
            path: text(f.path).unwrap_or_default(),
            date: text(f.day),
            origin: text(f.origin),
            classification: text(f.classification),
            subject: text(f.subject),
            score,
            paragraph,
            paragraph_index,
            snippet: fragment,
            highlights,
        });
    }
    Ok(hits)
}
