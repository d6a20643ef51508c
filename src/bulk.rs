//! `cablescope export DIR --format ndjson`: every cable of a folder in the
//! Elasticsearch/OpenSearch bulk format, for corpora that outgrow one machine.
//!
//! Two lines per cable: the action `{"index":{"_id":"ID"}}` and the document (id, date,
//! year, origin, classification, tags, refs, subject, body, paragraphs with their number
//! and start in body). The field types are in `assets/opensearch-mapping.json`
//! ([`MAPPING`]); the README says how to load both into a cluster.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::{Body, Record};

/// The index mapping for the documents, as shipped in the repository.
pub const MAPPING: &str = include_str!("../assets/opensearch-mapping.json");

/// The action line of one document.
#[derive(Serialize)]
struct Action<'a> {
    index: ActionId<'a>,
}

#[derive(Serialize)]
struct ActionId<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
}

/// One paragraph of a document.
#[derive(Serialize)]
struct Paragraph<'a> {
    number: Option<u32>,
    start: usize,
    text: &'a str,
}

/// The document line of one cable.
#[derive(Serialize)]
struct Document<'a> {
    id: &'a str,
    date: Option<String>,
    year: Option<i32>,
    origin: Option<&'a str>,
    classification: Option<&'a str>,
    tags: &'a [String],
    refs: &'a [String],
    subject: Option<&'a str>,
    path: String,
    body: &'a str,
    paragraphs: Vec<Paragraph<'a>>,
}

/// Write the two bulk lines of one cable.
///
/// # Errors
/// Only when writing fails.
pub fn write_cable(record: &Record, body: &Body, out: &mut dyn Write) -> io::Result<()> {
    let paragraphs = body
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, &(start, number))| {
            let end = body
                .paragraphs
                .get(i + 1)
                .map_or(body.text.len(), |&(next, _)| next.saturating_sub(2));
            Paragraph {
                number,
                start,
                text: body.text.get(start..end).unwrap_or(""),
            }
        })
        .collect();
    let doc = Document {
        id: &record.id,
        date: record
            .date
            .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        year: record.date.map(|d| chrono::Datelike::year(&d)),
        origin: record.origin.as_deref(),
        classification: record.classification.as_deref(),
        tags: &record.tags,
        refs: &record.refs,
        subject: record.subject.as_deref(),
        path: record.path.display().to_string(),
        body: &body.text,
        paragraphs,
    };
    let action = Action {
        index: ActionId { id: &record.id },
    };
    serde_json::to_writer(&mut *out, &action).map_err(io::Error::from)?;
    writeln!(out)?;
    serde_json::to_writer(&mut *out, &doc).map_err(io::Error::from)?;
    writeln!(out)
}

/// Export every cable under `root`; returns the files that could not be read.
///
/// # Errors
/// When `root` cannot be listed (as [`crate::Error`] text) or writing fails.
pub fn export(root: &Path, out: &mut dyn Write) -> Result<Vec<(PathBuf, String)>, ExportError> {
    let listing = crate::check::cable_files(root).map_err(ExportError::Corpus)?;
    let mut unreadable = listing.unreadable;
    for path in listing.files {
        match crate::source::read(&path) {
            Ok(source) => {
                let parsed = source.parse_without_definitions();
                let record = Record::new(path, &parsed.cable);
                write_cable(&record, &Body::new(&parsed.cable), out).map_err(ExportError::Write)?;
            }
            Err(e) => unreadable.push((path, e.reason())),
        }
    }
    unreadable.sort();
    Ok(unreadable)
}

/// Why an export stopped.
#[derive(Debug)]
pub enum ExportError {
    /// The folder could not be listed.
    Corpus(crate::error::Error),
    /// Writing the output failed.
    Write(io::Error),
}
