//! How many indexed cables cite each cable: the library's `cited` order.
//!
//! Read from the index's `refs` field, whose terms are the canonical ids the REF lists
//! name (lower case): each term's live documents are its citers. This is the REF lists
//! as the parser read them; the corpus's placement of a year a REF did not write
//! ([`crate::corpus::Serials`]), which the library applies when it lists one cable's
//! citers ([`crate::library::study::citing`]), moves a handful of cites in a corpus
//! (9 of the 1,357 in the 1,095 real cables) and is left out of the order.

use rustc_hash::FxHashMap;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, TERMINATED};

use super::entries::Entry;

/// For each of `entries`, how many live documents of `searcher` name its id in `refs`.
/// A segment that cannot be read counts nothing (the order is a view, never an error).
pub(super) fn counts(searcher: &Searcher, refs: Field, entries: &[Entry]) -> Vec<u32> {
    let mut by_id: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(refs) else {
            continue;
        };
        let alive = segment.alive_bitset();
        let Ok(mut terms) = inverted.terms().stream() else {
            continue;
        };
        while terms.advance() {
            let Ok(mut postings) =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
            else {
                continue;
            };
            let mut live = 0;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    live += 1;
                }
                doc = postings.advance();
            }
            if live > 0 {
                *by_id.entry(terms.key().to_vec()).or_default() += live;
            }
        }
    }
    entries
        .iter()
        .map(|e| {
            by_id
                .get(e.id.to_ascii_lowercase().as_bytes())
                .copied()
                .unwrap_or(0)
        })
        .collect()
}
