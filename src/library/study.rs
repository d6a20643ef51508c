//! Finding a cable's tasker in a corpus's index and studying it: what the event loop does
//! for the library's `t` (it reads files, so it runs outside `update`).
//!
//! The tasker is the cable itself when replies cite it, else the one of its REFs that the
//! most cables of the corpus cite (06MEXICO1113's REF A, 06STATE3836). Only the cables
//! that cite it are read (the index says which), so this stays quick in a corpus of any
//! size.

use std::path::Path;

use crate::corpus::{Record, RefGraph};
use crate::index::{Catalog, Query};
use crate::tasker::Study;

/// Fewest citing cables that make a cable a tasker.
pub const MIN_REPLIES: usize = 2;

/// The entries of the cables of `catalog` whose REF list cites `id` (the index's
/// `ref:` field; none when the query fails).
#[must_use]
pub fn citing(catalog: &Catalog, id: &str) -> Vec<usize> {
    let query = Query {
        text: format!("ref:{id}"),
        lenient: true,
        ..Query::default()
    };
    catalog
        .query(&query)
        .map(|r| r.matches.iter().map(|m| m.entry).collect())
        .unwrap_or_default()
}

/// The tasker of the cable `id` read from `path` (see the module documentation), with
/// the entries of the cables citing it.
///
/// # Errors
/// When the file cannot be read, or neither it nor any of its REFs is cited by
/// [`MIN_REPLIES`] cables of the corpus.
pub fn tasker_of(catalog: &Catalog, path: &Path, id: &str) -> Result<(String, Vec<usize>), String> {
    let cable = crate::source::read(path)
        .map_err(|e| e.to_string())?
        .parse()
        .cable;
    let candidates =
        std::iter::once(id.to_owned()).chain(cable.header.refs.iter().filter_map(|r| r.id.clone()));
    let best = candidates
        .map(|c| {
            let who = citing(catalog, &c);
            (c, who)
        })
        .max_by_key(|(_, who)| who.len());
    match best {
        Some((tasker, who)) if who.len() >= MIN_REPLIES => Ok((tasker, who)),
        _ => Err(format!(
            "{id} is no tasker: neither it nor a cable of its REF list is cited by {MIN_REPLIES} \
             cables of this corpus"
        )),
    }
}

/// Study the tasker of cable `id` (file `path`): its replies in the corpus, read and
/// aligned.
///
/// # Errors
/// As [`tasker_of`], or when no reply can be studied.
pub fn study_tasker(catalog: &Catalog, path: &Path, id: &str) -> Result<Study, String> {
    let (tasker, who) = tasker_of(catalog, path, id)?;
    let entries = catalog.entries();
    let mut paths: Vec<&Path> = who
        .iter()
        .filter_map(|&e| entries.get(e))
        .map(|e| e.path.as_path())
        .collect();
    // The tasker itself, when the corpus has it.
    let canonical = crate::parse::canonical_id(&tasker).unwrap_or_else(|| tasker.clone());
    if let Some(e) = entries.iter().find(|e| e.id == canonical) {
        paths.push(e.path.as_path());
    }
    let records: Vec<Record> = paths
        .iter()
        .filter_map(|p| {
            let source = crate::source::read(p).ok()?;
            Some(Record::new(p.to_path_buf(), &source.parse().cable))
        })
        .collect();
    let graph = RefGraph::new(&records);
    Study::load(&records, &graph, &tasker).ok_or_else(|| format!("no reply of {tasker} to study"))
}
