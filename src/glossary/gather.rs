//! The corpus definitions a cable opened from a library can borrow, read from the files
//! of the cables that can give them: which ones is [`Scope::reach`]'s rule (the same
//! post, and the other posts of its country for government forms), applied to the
//! index's entries (their origin is the post's name), so no other cable is read.
//!
//! A big post sends thousands of cables; reading them all would keep the reader waiting
//! for its glossary, so at most [`MOST`] are read: the post's own first, then its
//! country's, each nearest in date to the open cable first (an acronym's meaning drifts
//! with the years). The reader runs this in a thread of its own and applies the result as
//! an action when it arrives ([`crate::action::Action::CorpusGlossary`]).

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::corpus::{CorpusGlossary, Defined, Reach, Scope};
use crate::cable::Cable;
use crate::index::Entry;

/// Most cables read for one cable's glossary: 2,000 take about 92–112 ms on two cores,
/// choosing them among 251,287 entries 9–13 ms, the open cable's post looked up first
/// (`cargo bench --bench glossary_gather`).
pub const MOST: usize = 2000;

/// The scope of `cable` read from a corpus: the post the index lists it under (its entry
/// is the one at `open`, its path: [`Entry::cable_path`]), which names the post of a cable
/// whose text names none ([`crate::index::Entry::origin`]); else the cable's own.
#[must_use]
pub fn scope_of(entries: &[Entry], cable: &Cable, open: Option<&Path>) -> Scope {
    open.and_then(|p| entries.iter().find(|e| e.cable_path() == p))
        .and_then(|e| e.origin.as_deref())
        .map_or_else(|| Scope::of(cable), |post| Scope::of_post(Some(post)))
}

/// The entries whose cables can explain the acronyms of `cable`, of `scope`
/// ([`scope_of`]), at most [`MOST`]: its post's first, then its country's, each nearest
/// in date first (undated last); `open`, the cable's own path ([`Entry::cable_path`]: a
/// cable inside a file of many has its own), is left out.
#[must_use]
pub fn definers(
    entries: &[Entry],
    scope: &Scope,
    cable: &Cable,
    open: Option<&Path>,
) -> Vec<Entry> {
    let day = cable
        .header
        .date
        .map(|d| i64::from(d.date_naive().num_days_from_ce()));
    // A corpus has a few hundred posts and may have hundreds of thousands of cables:
    // each post's reach is worked out once.
    let mut reach: HashMap<Option<&str>, Option<Reach>> = HashMap::new();
    let mut found: Vec<(Reach, i64, usize)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let origin = e.origin.as_deref();
        let Some(r) = *reach
            .entry(origin)
            .or_insert_with(|| scope.reach(&Scope::of_post(origin)))
        else {
            continue;
        };
        if open.is_some_and(|p| e.cable_path() == p) {
            continue;
        }
        let distance = match (day, e.date.as_deref().and_then(day_number)) {
            (Some(a), Some(b)) => (a - b).abs(),
            _ => i64::MAX,
        };
        found.push((r, distance, i));
    }
    if found.len() > MOST {
        found.select_nth_unstable(MOST);
        found.truncate(MOST);
    }
    found.sort_unstable();
    found
        .into_iter()
        .map(|(_, _, i)| entries[i].clone())
        .collect()
}

/// Days since the common era's start of a `YYYY-MM-DD` date.
fn day_number(date: &str) -> Option<i64> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|d| i64::from(d.num_days_from_ce()))
}

/// The definitions of the cables of `entries` that reach `scope`
/// ([`CorpusGlossary::for_scope`]), read on every core (a cable inside a file of many by
/// its range); a cable that cannot be read is skipped.
#[must_use]
pub fn gather(entries: &[Entry], scope: &Scope) -> CorpusGlossary {
    // Each cable's definitions alone are kept, not the cable.
    let defined = crate::corpus::parallel::map_indexed(entries, |_, entry| {
        let source = entry.read().ok()?;
        Some(Defined::of(&source.parse().cable, &source.name))
    });
    let mut all = CorpusGlossary::default();
    // Each cable as the post the index lists it under, as [`definers`] chose it.
    for (entry, defined) in entries
        .iter()
        .zip(defined)
        .filter_map(|(e, d)| Some((e, d?)))
    {
        all.add_defined(defined, &Scope::of_post(entry.origin.as_deref()));
    }
    all.for_scope(scope)
}
