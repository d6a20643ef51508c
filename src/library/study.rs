//! Finding a cable's tasker in a corpus's index and studying it: what the event loop does
//! for the library's `t` (it reads files, so it runs outside `update`).
//!
//! The tasker is the cable itself when replies cite it, else the one of its REFs that the
//! most cables of the corpus cite (06MEXICO1113's REF A, 06STATE3836). Only the cables
//! that cite it are read (the index says which), so this stays quick in a corpus of any
//! size.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Datelike;

use crate::cable::Cable;
use crate::corpus::{Record, RefGraph};
use crate::index::{Catalog, Entry, Query};
use crate::store::routed::Routed;
use crate::tasker::compile::Compiled;
use crate::tasker::{Key, Study};

/// Fewest citing cables that make a cable a tasker.
pub const MIN_REPLIES: usize = 2;

/// The entries of the cables of `catalog` whose REF list cites `id` (the index's
/// `ref:` field; none when the query fails), with the years of REFs written without one
/// placed by the corpus ([`crate::corpus::Serials`]): a cable that cited the next year's
/// serial where the corpus proves it meant this one is counted, one that cited this id
/// where the corpus proves it meant the year before is not.
#[must_use]
pub fn citing(catalog: &Catalog, id: &str) -> Vec<usize> {
    citers(catalog, id).into_iter().map(|(e, _)| e).collect()
}

/// [`citing`], each entry with whether its cite is there by the corpus's placement of a
/// year its REF did not write (it wrote the next year's serial).
#[must_use]
pub fn citers(catalog: &Catalog, id: &str) -> Vec<(usize, bool)> {
    let serials = catalog.serials();
    let entries = catalog.entries();
    // Whether entry `e` cites `written` without its year and the corpus places it.
    let placed = |e: usize, written: &str| -> Option<String> {
        let entry = entries.get(e)?;
        let placed = serials.place(written, entry.day()?)?;
        let cable = entry.read().ok()?.parse_header();
        cable
            .header
            .refs
            .iter()
            .any(|r| r.year_inferred && r.id.as_deref() == Some(written))
            .then_some(placed)
    };
    let mut found: Vec<(usize, bool)> = cites(catalog, id)
        .into_iter()
        .filter(|&e| placed(e, id).is_none())
        .map(|e| (e, false))
        .collect();
    if let Some(next) = crate::corpus::serials::year_after(id) {
        found.extend(
            cites(catalog, &next)
                .into_iter()
                .filter(|&e| placed(e, &next).as_deref() == Some(id))
                .map(|e| (e, true)),
        );
    }
    found
}

/// The entries whose REF list, as the parser read it, names `id`.
fn cites(catalog: &Catalog, id: &str) -> Vec<usize> {
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

/// The tasker of the cable `id` (read from the index's entry, so a cable of a file of
/// many is read from its range; from `path` when the index does not have it yet), with
/// the entries of the cables citing it.
///
/// # Errors
/// When the cable cannot be read, or neither it nor any of its REFs is cited by
/// [`MIN_REPLIES`] cables of the corpus.
pub fn tasker_of(catalog: &Catalog, path: &Path, id: &str) -> Result<(String, Vec<usize>), String> {
    // The entry named by `path` (a folder may hold two copies of one cable), else by id.
    let entries = catalog.entries();
    let entry = entries
        .iter()
        .find(|e| e.id == id && e.cable_path() == path)
        .or_else(|| entries.iter().find(|e| e.id == id));
    let source = match entry {
        Some(e) => e.read()?,
        None => crate::source::read(path).map_err(|e| e.to_string())?,
    };
    let cable = source.parse_header();
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
    study_of(catalog, &tasker, &who)
}

/// Study `tasker` (any spelling of its id): the cables of the corpus citing it, found by
/// the index's `ref:` field, read and aligned (`cablescope answers`).
///
/// # Errors
/// When no cable of the corpus is or cites it.
pub fn study_cited(catalog: &Catalog, tasker: &str) -> Result<Study, String> {
    let canonical = crate::parse::canonical_id(tasker).unwrap_or_else(|| tasker.to_owned());
    study_of(catalog, &canonical, &citing(catalog, &canonical))
        .map_err(|_| format!("{canonical}: not in the folder and cited by none of its cables"))
}

/// Study `tasker`, whose citing cables are the entries `who`.
fn study_of(catalog: &Catalog, tasker: &str, who: &[usize]) -> Result<Study, String> {
    let tasker = tasker.to_owned();
    let entries = catalog.entries();
    let mut cables: Vec<&crate::index::Entry> =
        who.iter().filter_map(|&e| entries.get(e)).collect();
    // The tasker itself, when the corpus has it.
    let canonical = crate::parse::canonical_id(&tasker).unwrap_or_else(|| tasker.clone());
    if let Some(e) = entries.iter().find(|e| e.id == canonical) {
        cables.push(e);
    }
    // Each cable read and parsed once, on every core: its record (named by its cable
    // path, so a cable of a file of many is told from its neighbours), and the parse the
    // study aligns.
    let parsed = crate::corpus::parallel::map_indexed(&cables, |_, e| {
        let cable = e.read().ok()?.parse().cable;
        Some((Record::new(e.cable_path().into_owned(), &cable), cable))
    });
    let (records, mut cables): (Vec<Record>, Vec<Cable>) = parsed.into_iter().flatten().unzip();
    let graph = RefGraph::new(&records);
    Study::load_parsed(&records, &mut cables, &graph, &tasker)
        .ok_or_else(|| format!("no reply of {tasker} to study"))
}

/// Every reply's answer to `key` as one document for the reader ([`Compiled`]), with the
/// notes routed to each reply's sidecar ([`Routed`]) and what the user should be told of
/// replies whose notes cannot be kept (the library's `r`). The answering replies'
/// sources are read again, on every core, each from its index entry (a cable of a file
/// of many from its range), else from its path: the raw view shows them and the notes'
/// re-anchoring checks them.
#[must_use]
pub fn answers_for_reader(
    catalog: Option<&Catalog>,
    study: &Study,
    key: Key,
) -> (Arc<Compiled>, Routed, Vec<String>) {
    let answering: Vec<&crate::tasker::study::Studied> = study
        .replies
        .iter()
        .filter(|r| !r.answers_to(key).is_empty())
        .collect();
    // Their entries, found in one pass over the index by id, then by cable path (as
    // [`super::locate`] finds one; a folder may hold two copies of one cable).
    let mut wanted: HashMap<&str, Vec<&Path>> = HashMap::new();
    for r in &answering {
        wanted
            .entry(r.id.as_str())
            .or_default()
            .push(r.path.as_path());
    }
    let mut entries: HashMap<PathBuf, &Entry> = HashMap::new();
    for e in catalog.map_or(&[][..], Catalog::entries) {
        let Some(paths) = wanted.get(e.id.as_str()) else {
            continue;
        };
        let path = e.cable_path();
        if paths.contains(&path.as_ref()) {
            entries.entry(path.into_owned()).or_insert(e);
        }
    }
    let read = crate::corpus::parallel::map_indexed(&answering, |_, r| {
        let source = match entries.get(&r.path) {
            Some(e) => e.read().ok(),
            None => crate::source::read(&r.path).ok(),
        };
        source.map(|s| (r.path.clone(), s.text))
    });
    let sources: HashMap<PathBuf, String> = read.into_iter().flatten().collect();
    let source_of = |r: &crate::tasker::study::Studied| sources.get(&r.path).cloned();
    let compiled = Arc::new(Compiled::new(study, key, source_of));
    let (routed, notices) = Routed::new(compiled.clone(), study, source_of);
    (compiled, routed, notices)
}

/// Another year's tasker of the family of `this` that `post` answered, studied: the cables
/// of `post` whose subject shares a word of the family (the words most of the replies'
/// subjects share, [`crate::tasker::responders::family`]) and that do not reply to `this`
/// are read; of the cables their REF lists cite at the tasker's station, the one cited by
/// the most cables (at least [`MIN_REPLIES`]) that are no replies to `this` and are dated in
/// another year than its replies is studied. The year is the replies', not the id's: the
/// 2007 TIP tasker is 06STATE202745, sent in late 2006. Only the post's cables on the
/// subject are read, so this stays quick in a corpus of any size.
///
/// # Errors
/// When the post answered no other year's tasker in this corpus.
pub fn other_year(catalog: &Catalog, this: &Study, post: &str) -> Result<Study, String> {
    use crate::tasker::responders::{family, year_station};
    let tasker = &this.responders.tasker;
    let none = || format!("{post} answered no other year's tasker like {tasker} in this corpus");
    let (_, station) = year_station(tasker).ok_or_else(none)?;
    let words = family(
        this.replies
            .iter()
            .map(|r| r.cable.header.subject.as_deref().unwrap_or("")),
    );
    let year = most_common(this.replies.iter().filter_map(|r| r.date.map(|d| d.year())));
    if words.is_empty() {
        return Err(none());
    }
    let quoted = post.replace('"', " ");
    let subject: Vec<String> = words.iter().map(|w| format!("subject:{w}")).collect();
    let query = Query {
        text: format!("from:\"{quoted}\" ({})", subject.join(" OR ")),
        lenient: true,
        ..Query::default()
    };
    let hits = catalog.query(&query).map_err(|e| e.to_string())?;
    let entries = catalog.entries();
    let mut candidates: Vec<String> = Vec::new();
    for e in hits.matches.iter().filter_map(|m| entries.get(m.entry)) {
        if this.reply(&e.id).is_some() {
            continue;
        }
        let Ok(source) = e.read() else {
            continue;
        };
        for r in source
            .parse_header()
            .header
            .refs
            .iter()
            .filter_map(|r| r.id.as_ref())
        {
            let at_station = year_station(r).is_some_and(|(_, s)| s == station);
            if at_station && r != tasker && !candidates.contains(r) {
                candidates.push(r.clone());
            }
        }
    }
    let (best, who) = candidates
        .into_iter()
        .filter_map(|c| {
            // The cables citing it that do not reply to this tasker, and their year.
            let who: Vec<usize> = citing(catalog, &c)
                .into_iter()
                .filter(|&i| entries.get(i).is_some_and(|e| this.reply(&e.id).is_none()))
                .collect();
            let theirs = most_common(
                who.iter()
                    .filter_map(|&i| entries.get(i)?.year.map(i32::from)),
            );
            (who.len() >= MIN_REPLIES && theirs != year).then_some((c, who))
        })
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| b.0.cmp(&a.0)))
        .ok_or_else(none)?;
    let study = study_of(catalog, &best, &who)?;
    if study.responders.posts.iter().any(|p| p.post == post) {
        Ok(study)
    } else {
        Err(none())
    }
}

/// The most frequent of `values` (the smallest of those tied); `None` when there are none.
fn most_common(values: impl Iterator<Item = i32>) -> Option<i32> {
    let mut counts = std::collections::BTreeMap::new();
    for v in values {
        *counts.entry(v).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(v, _)| v)
}
