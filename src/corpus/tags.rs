//! Tags across a corpus: every passage carrying one tag in any cable's sidecar, grouped
//! by cable, with counts per post and per year (`cablescope notes DIR --tag TAG`, the tag
//! view).
//!
//! Sidecars are only read ([`crate::store::Store::peek`]): nothing is written, and a
//! sidecar that cannot be read is reported in [`TagReport::skipped`] and left as it is.
//! Only cables whose sidecar carries the tag are parsed again, to re-anchor the passages
//! on the current text (so paragraph, section and answer key are today's).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::Datelike;

use super::{Corpus, Record};
use crate::annotation::{AnnotationSet, text_hash};
use crate::cable::Cable;
use crate::store::{Notice, Store};

/// One cable with passages carrying the tag.
#[derive(Debug, Clone)]
pub struct Tagged {
    /// The cable's record.
    pub record: Record,
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

/// Gather the passages tagged `tag` (case ignored) in every cable of `corpus`.
#[must_use]
pub fn gather(corpus: &Corpus, tag: &str) -> TagReport {
    let mut report = TagReport {
        tag: tag.to_owned(),
        ..TagReport::default()
    };
    for record in &corpus.records {
        let name = record
            .path
            .file_name()
            .map_or_else(|| record.id.clone(), |n| n.to_string_lossy().into_owned());
        let Ok(store) = Store::for_cable(Some(&record.path), &name) else {
            continue;
        };
        let loaded = store.peek();
        for n in loaded.notices {
            match n {
                Notice::Unreadable { ref path, .. } => {
                    report.skipped.push((path.clone(), n.to_string()));
                }
                other => report.notes.push(other.to_string()),
            }
        }
        let count = loaded.set.iter().filter(|a| a.has_tag(tag)).count();
        if count == 0 {
            continue;
        }
        let source = match crate::source::read(&record.path) {
            Ok(s) => s,
            Err(e) => {
                report.skipped.push((record.path.clone(), e.to_string()));
                continue;
            }
        };
        let cable = source.parse().cable;
        let mut set = loaded.set;
        set.reanchor(&cable, &text_hash(&source.text));
        let post = record.post();
        *report.per_post.entry(post.clone()).or_default() += count;
        *report
            .per_year
            .entry(record.date.map(|d| d.year()))
            .or_default() += count;
        report.cables.push(Tagged {
            record: record.clone(),
            post,
            cable,
            set,
            count,
        });
    }
    report
}
