//! A folder's glossary (`cablescope glossary DIR`): per sending post, one record per
//! acronym its cables define or use.
//!
//! A use is counted against every definition the post's cables give, so no cable's uses
//! can be counted before every cable's definitions are known. Holding every parsed cable
//! in between took 0.8 GB for 32,850 cables and 3.8 GB for 251,287; so a folder is
//! read twice instead: the first pass keeps each cable's definitions and the post it was
//! sent from ([`FirstRead`]), the second reads the cables again a batch at a time and
//! counts their uses ([`Folder::count`]). Both passes read on every core.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::corpus::{Defined, Scope};
use super::report::Record;
use super::{CorpusGlossary, Glossary, Source, Vocabulary};
use crate::cable::Cable;
use crate::corpus::parallel::map_indexed;

/// Cables read at once in the second pass: enough to keep every core busy, few enough
/// that a batch's parsed cables take a few megabytes.
const BATCH: usize = 512;

/// What the first pass keeps of a cable: its definitions and what names its post.
#[derive(Debug, Clone)]
pub struct FirstRead {
    defined: Defined,
    id: Option<String>,
    /// Its `FM` line's post, else its id's station.
    listed: Option<String>,
}

impl FirstRead {
    /// What the first pass keeps of `cable`, named `name` when it has no id.
    #[must_use]
    pub fn of(cable: &Cable, name: &str) -> Self {
        Self {
            defined: Defined::of(cable, name),
            id: cable.id.clone(),
            listed: cable.header.post_name().or_else(|| {
                cable
                    .id
                    .as_deref()
                    .and_then(crate::parse::station_of_id)
                    .map(str::to_owned)
            }),
        }
    }
}

/// A folder's definitions, scoped by post, and the records counted so far.
#[derive(Debug)]
pub struct Folder {
    corpus: CorpusGlossary,
    /// The scope of each cable of the first pass, in its order.
    scopes: Vec<Scope>,
    /// (post, acronym) → record, built cable by cable.
    records: BTreeMap<(String, String), Record>,
    /// Each post's scope.
    post_scopes: BTreeMap<String, Scope>,
}

impl Folder {
    /// The folder whose cables' first reads are `first`, in the order read.
    ///
    /// A cable's post is its `FM` line's, else, as the library lists a cable whose text
    /// names no sender, the post the other cables of its id's station name
    /// ([`crate::index::station_posts`]), else the station.
    #[must_use]
    pub fn new(first: Vec<FirstRead>) -> Self {
        let named = crate::index::station_posts(
            first
                .iter()
                .filter_map(|f| Some((f.id.as_deref()?, f.listed.as_deref()?))),
        );
        let scopes: Vec<Scope> = first
            .iter()
            .map(|f| {
                let o = f.listed.as_deref();
                Scope::of_post(o.and_then(|o| named.get(o).copied()).or(o))
            })
            .collect();
        let mut corpus = CorpusGlossary::default();
        for (f, scope) in first.into_iter().zip(&scopes) {
            corpus.add_defined(f.defined, scope);
        }
        Self {
            corpus,
            scopes,
            records: BTreeMap::new(),
            post_scopes: BTreeMap::new(),
        }
    }

    /// The glossary of cable `i` of the first pass (`cable`, read again), explained by
    /// its post's cables; [`Folder::count`] it in the order read.
    #[must_use]
    pub fn glossary(&self, i: usize, cable: &Cable, vocab: &Vocabulary) -> Option<Glossary> {
        let scope = self.scopes.get(i)?;
        Some(Glossary::build_as(cable, Some(&self.corpus), scope, vocab))
    }

    /// Count the uses in the glossary of cable `i` ([`Folder::glossary`]); the first
    /// cable of its post to explain an acronym gives the meaning a post that never
    /// defines it shows.
    pub fn count(&mut self, i: usize, glossary: Glossary) {
        let Some(scope) = self.scopes.get(i) else {
            return;
        };
        let post = scope.post.clone();
        self.post_scopes
            .entry(post.clone())
            .or_insert_with(|| scope.clone());
        for e in glossary.entries {
            let key = (post.clone(), e.acronym.clone());
            let record = self.records.entry(key).or_insert_with(|| Record {
                acronym: e.acronym.clone(),
                expansion: None,
                source: None,
                paragraph: None,
                confidence: None,
                uses: 0,
                post: Some(post.clone()),
                cable: None,
                conflicts: Vec::new(),
            });
            record.uses += e.uses;
            if record.source.is_none() && e.source.is_some() {
                record.expansion = e.expansion;
                record.source = e.source.map(|s| match s {
                    // In a folder, a definition by the post's cables is inline.
                    Source::Corpus => Source::Inline,
                    s => s,
                });
            }
        }
    }

    /// The records, by post and acronym: the meaning the post's own cables give most
    /// often first, then the vocabularies'; meanings the same letters have in the post's
    /// other cables or in other posts are listed as conflicts.
    #[must_use]
    pub fn records(self) -> Vec<Record> {
        let Self {
            corpus,
            mut records,
            post_scopes,
            ..
        } = self;
        for ((post, acronym), record) in &mut records {
            let Some(scope) = post_scopes.get(post) else {
                continue;
            };
            if let Some(best) = corpus.best(scope, acronym) {
                record.expansion = Some(best.expansion.clone());
                // The post's own definition; a government form from another post of the
                // same country is the corpus's.
                record.source = Some(if best.post == *post {
                    Source::Inline
                } else {
                    Source::Corpus
                });
                record.cable = Some(best.cable.clone());
                record.paragraph = best.paragraph;
                record.confidence = Some(best.confidence);
                for other in corpus.others(scope, acronym, &best.expansion) {
                    record
                        .conflicts
                        .push(format!("{} ({})", other.expansion, other.cable));
                }
            }
            let Some(expansion) = record.expansion.clone() else {
                continue;
            };
            if !matches!(record.source, Some(Source::Inline | Source::Corpus)) {
                continue;
            }
            for other_post in corpus.posts().filter(|p| p != post) {
                let Some(k) = corpus.post_best(other_post, acronym) else {
                    continue;
                };
                if !super::same_meaning(&k.expansion, &expansion) {
                    record
                        .conflicts
                        .push(format!("{} ({}, {other_post})", k.expansion, k.cable));
                }
            }
        }
        records.into_values().collect()
    }
}

/// The records of cables already parsed, (name, cable) in the order read: both passes
/// over them.
#[must_use]
pub fn records(cables: &[(String, Cable)], vocab: &Vocabulary) -> Vec<Record> {
    let mut folder = Folder::new(
        cables
            .iter()
            .map(|(name, cable)| FirstRead::of(cable, name))
            .collect(),
    );
    for (i, (_, cable)) in cables.iter().enumerate() {
        if let Some(g) = folder.glossary(i, cable, vocab) {
            folder.count(i, g);
        }
    }
    folder.records()
}

/// The records of the cable files `paths`, read in two passes on every core with `read`
/// (the file's name and its parsed cable, or why it cannot be read). A file that cannot
/// be read is passed to `skipped` with the reason, once, and left out.
pub fn read<E: Send>(
    paths: &[PathBuf],
    read: impl Fn(&Path) -> Result<(String, Cable), E> + Sync,
    vocab: &Vocabulary,
    mut skipped: impl FnMut(&Path, E),
) -> Vec<Record> {
    let first = map_indexed(paths, |_, p| {
        read(p).map(|(name, cable)| FirstRead::of(&cable, &name))
    });
    let mut kept = Vec::with_capacity(paths.len());
    let mut readable = Vec::with_capacity(paths.len());
    for (path, f) in paths.iter().zip(first) {
        match f {
            Ok(f) => {
                kept.push(f);
                readable.push(path.clone());
            }
            Err(e) => skipped(path, e),
        }
    }
    let mut folder = Folder::new(kept);
    for (b, batch) in readable.chunks(BATCH).enumerate() {
        let start = b * BATCH;
        let glossaries = map_indexed(batch, |j, p| {
            read(p).map(|(_, cable)| folder.glossary(start + j, &cable, vocab))
        });
        for (j, (path, g)) in batch.iter().zip(glossaries).enumerate() {
            match g {
                Ok(Some(g)) => folder.count(start + j, g),
                Ok(None) => {}
                // Readable a moment ago: changed or removed since.
                Err(e) => skipped(path, e),
            }
        }
    }
    folder.records()
}
