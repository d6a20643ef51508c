//! Tags across a corpus: every passage carrying one tag in any cable's sidecar, grouped
//! by cable, with counts per post and per year (`cablescope notes DIR --tag TAG`, the tag
//! view); and the [`census`] of every tag used in a corpus's sidecars, with how many
//! passages carry each (the tag view's first list).
//!
//! Sidecars are only read ([`crate::store::Store::peek`]): nothing is written, and a
//! sidecar that cannot be read is reported in [`TagReport::skipped`] and left as it is.
//! Only cables whose sidecar carries the tag are parsed again, to re-anchor the passages
//! on the current text (so paragraph, section and answer key are today's).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use super::{Corpus, Record};
use crate::annotation::{AnnotationSet, text_hash};
use crate::cable::Cable;
use crate::split::Place;
use crate::store::{Notice, Store};

/// One cable with passages carrying the tag.
#[derive(Debug, Clone)]
pub struct Tagged {
    /// The cable's record.
    pub record: Record,
    /// Where the cable is (its file, or its range of a file of many).
    pub place: Place,
    /// The post that sent it.
    pub post: String,
    /// Its parse.
    pub cable: Cable,
    /// Its annotations, re-anchored on the parse (all of them; the export picks the tag).
    pub set: AnnotationSet,
    /// How many of them carry the tag.
    pub count: usize,
}

/// Every passage of a corpus carrying one tag.
#[derive(Debug, Clone, Default)]
pub struct TagReport {
    /// The tag asked for.
    pub tag: String,
    /// The cables with such passages, in corpus order.
    pub cables: Vec<Tagged>,
    /// Passages per post.
    pub per_post: BTreeMap<String, usize>,
    /// Passages per year of the cable (`None`: undated).
    pub per_year: BTreeMap<Option<i32>, usize>,
    /// Sidecars that could not be read, and cables whose text could not be read again,
    /// with why; skipped, never altered.
    pub skipped: Vec<(PathBuf, String)>,
    /// Other things worth telling (a data-folder copy read, a sidecar repaired on reading).
    pub notes: Vec<String>,
}

impl TagReport {
    /// How many passages carry the tag.
    #[must_use]
    pub fn passages(&self) -> usize {
        self.cables.iter().map(|c| c.count).sum()
    }
}

/// Every tag used in the sidecars of a corpus, with how many passages carry it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Census {
    /// Tags (lowercased, so that `Prosecution` and `prosecution` count as one) with their
    /// passages, most used first, then by name.
    pub tags: Vec<(String, usize)>,
    /// Sidecars that could not be read, with why; skipped, never altered.
    pub skipped: Vec<(PathBuf, String)>,
}

/// The tags of every sidecar of the cables `places` (only sidecars are read: a cable of
/// a file of many has its own, `FILE.cablescope/ID.annotations.ron`).
#[must_use]
pub fn census(places: &[Place]) -> Census {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut census = Census::default();
    for place in places {
        let (set, notices) = peek(&place.cable_path(), Some(&place.id));
        census.skipped.extend(unreadable(notices).0);
        for a in set.iter() {
            // Each passage counts once per tag, whatever the case of its spellings.
            let mut tags: Vec<String> = a.tags.iter().map(|t| t.to_lowercase()).collect();
            tags.sort();
            tags.dedup();
            for t in tags {
                *counts.entry(t).or_default() += 1;
            }
        }
    }
    census.tags = counts.into_iter().collect();
    census
        .tags
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    census
}

/// The annotations of the cable file `path` as its sidecars hold them, read only, with
/// what was noticed on the way.
fn peek(path: &Path, id: Option<&str>) -> (AnnotationSet, Vec<Notice>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| id.map(str::to_owned))
        .unwrap_or_default();
    match Store::for_cable(Some(path), &name) {
        Ok(store) => {
            let loaded = store.peek();
            (loaded.set, loaded.notices)
        }
        Err(_) => (AnnotationSet::new(), Vec::new()),
    }
}

/// The sidecars that could not be read, and the other notices as text.
fn unreadable(notices: Vec<Notice>) -> (Vec<(PathBuf, String)>, Vec<String>) {
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    for n in notices {
        match n {
            Notice::Unreadable { ref path, .. } => skipped.push((path.clone(), n.to_string())),
            other => notes.push(other.to_string()),
        }
    }
    (skipped, notes)
}

/// Gather the passages tagged `tag` (case ignored) in every cable of `corpus`.
#[must_use]
pub fn gather(corpus: &Corpus, tag: &str) -> TagReport {
    gather_from(
        corpus.records.iter().map(|r| {
            let place = Place {
                file: r.path.clone(),
                range: None,
                id: r.id.clone(),
            };
            (place, Some(r))
        }),
        tag,
    )
}

/// Gather the passages tagged `tag` (case ignored) in the cables `places` (the
/// library's, from its index): as [`gather`], the records made from the cables read again,
/// the cables in path order (a folder's walk order; a file of many's cables in its order).
#[must_use]
pub fn gather_places(places: &[Place], tag: &str) -> TagReport {
    let mut sorted: Vec<&Place> = places.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.file, a.range.as_ref().map(|r| r.start))
            .cmp(&(&b.file, b.range.as_ref().map(|r| r.start)))
    });
    gather_from(sorted.into_iter().map(|p| (p.clone(), None)), tag)
}

fn gather_from<'a>(
    cables: impl Iterator<Item = (Place, Option<&'a Record>)>,
    tag: &str,
) -> TagReport {
    let mut report = TagReport {
        tag: tag.to_owned(),
        ..TagReport::default()
    };
    for (place, record) in cables {
        let path = place.cable_path().into_owned();
        let path = path.as_path();
        let (set, notices) = peek(path, Some(&place.id));
        let (skipped, notes) = unreadable(notices);
        report.skipped.extend(skipped);
        report.notes.extend(notes);
        let count = set.iter().filter(|a| a.has_tag(tag)).count();
        if count == 0 {
            continue;
        }
        let source = match place.read() {
            Ok(s) => s,
            Err(e) => {
                report.skipped.push((path.to_owned(), e));
                continue;
            }
        };
        let cable = source.parse().cable;
        let record = record
            .cloned()
            .unwrap_or_else(|| Record::new(path.to_owned(), &cable));
        let mut set = set;
        set.reanchor(&cable, &text_hash(&source.text));
        let post = record.post();
        *report.per_post.entry(post.clone()).or_default() += count;
        *report
            .per_year
            .entry(record.date.map(|d| d.year()))
            .or_default() += count;
        report.cables.push(Tagged {
            record,
            place,
            post,
            cable,
            set,
            count,
        });
    }
    report
}
