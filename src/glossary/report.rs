//! `cablescope glossary FILE|DIR [--json]`: one record per acronym, for one cable or for
//! every cable of a folder scoped by sending post, as a table or JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::corpus::Scope;
use super::{CorpusGlossary, Glossary, Source, Vocabulary};
use crate::cable::Cable;
use crate::sanitize::sanitize_with;

/// One record of the `glossary` command.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// The acronym or TAGS code.
    pub acronym: String,
    /// What it stands for; `null` when no source explains it.
    pub expansion: Option<String>,
    /// `inline`, `corpus`, `tags` or `abbreviations`; `null` when unknown.
    pub source: Option<Source>,
    /// Number of the paragraph of the first definition (inline and corpus), when numbered.
    pub paragraph: Option<u32>,
    /// How well the letters match the words, 0 to 1 (inline and corpus).
    pub confidence: Option<f32>,
    /// Uses in the cable's (or the post's cables') paragraphs.
    pub uses: usize,
    /// The sending post the record is scoped to (folders only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    /// The cable that defines it (folders, and corpus definitions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cable: Option<String>,
    /// Other meanings given to the same letters, each with where.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

/// The records of one cable's glossary.
#[must_use]
pub fn file_records(cable: &Cable, glossary: &Glossary) -> Vec<Record> {
    glossary
        .entries
        .iter()
        .map(|e| Record {
            acronym: e.acronym.clone(),
            expansion: e.expansion.clone(),
            source: e.source,
            paragraph: e
                .paragraph
                .and_then(|i| cable.paragraphs.get(i))
                .and_then(|p| p.number),
            confidence: e.confidence,
            uses: e.uses,
            post: None,
            cable: e.cable.clone(),
            conflicts: e.conflicts.clone(),
        })
        .collect()
}

/// The records of a folder: per sending post, one per acronym its cables define or use,
/// the meaning the post's own cables give it first, then the vocabularies'; meanings the
/// same letters have in the post's other cables or in other posts are listed as
/// conflicts. `cables` are (name, cable) in the order read.
#[must_use]
pub fn folder_records(cables: &[(String, Cable)], vocab: &Vocabulary) -> Vec<Record> {
    let posts = posts_of(cables);
    let mut corpus = CorpusGlossary::default();
    for ((name, cable), scope) in cables.iter().zip(&posts) {
        corpus.add_as(cable, name, scope);
    }
    // (post, acronym) → record, built cable by cable; each post's scope.
    let mut records: BTreeMap<(String, String), Record> = BTreeMap::new();
    let mut scopes: BTreeMap<String, Scope> = BTreeMap::new();
    for ((_, cable), scope) in cables.iter().zip(posts) {
        let post = scope.post.clone();
        let glossary = Glossary::build_as(cable, Some(&corpus), &scope, vocab);
        scopes.entry(post.clone()).or_insert(scope);
        for e in glossary.entries {
            let key = (post.clone(), e.acronym.clone());
            let record = records.entry(key).or_insert_with(|| Record {
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
    for ((post, acronym), record) in &mut records {
        let Some(scope) = scopes.get(post) else {
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

/// The post of each of `cables`: its `FM` line's, else, as the library lists a cable
/// whose text names no sender, the post the other cables of its id's station name
/// ([`crate::index::station_posts`]), else the station.
fn posts_of(cables: &[(String, Cable)]) -> Vec<Scope> {
    let listed: Vec<Option<String>> = cables
        .iter()
        .map(|(_, c)| {
            c.header.post_name().or_else(|| {
                c.id.as_deref()
                    .and_then(crate::parse::station_of_id)
                    .map(str::to_owned)
            })
        })
        .collect();
    let named = crate::index::station_posts(
        cables
            .iter()
            .zip(&listed)
            .filter_map(|((_, c), o)| Some((c.id.as_deref()?, o.as_deref()?))),
    );
    listed
        .iter()
        .map(|o| {
            let o = o.as_deref();
            Scope::of_post(o.and_then(|o| named.get(o).copied()).or(o))
        })
        .collect()
}

/// Write `records` as JSON (an array) or as a table, one line each.
///
/// # Errors
/// Only when writing fails.
pub fn write(records: &[Record], json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        crate::sanitize::write_json_pretty(&mut *out, &records)?;
        return writeln!(out);
    }
    for r in records {
        let expansion = r.expansion.as_deref().unwrap_or("(unknown)");
        let source = r.source.map_or("-", Source::label);
        let mut line = format!("{:<10} {expansion}  [{source}", r.acronym);
        if let Some(post) = &r.post {
            line.push_str(&format!(", {post}"));
        }
        if let Some(cable) = &r.cable {
            line.push_str(&format!(", {cable}"));
        }
        if let Some(p) = r.paragraph {
            line.push_str(&format!(" ¶{p}"));
        }
        if let Some(c) = r.confidence {
            line.push_str(&format!(", confidence {c:.2}"));
        }
        line.push_str(&format!("]  {} uses", r.uses));
        if !r.conflicts.is_empty() {
            line.push_str(&format!("  also: {}", r.conflicts.join("; ")));
        }
        writeln!(out, "{}", sanitize_with(&line, false))?;
    }
    Ok(())
}
