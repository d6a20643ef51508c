//! The library list's rows: the query's matches in the chosen order, or narrowed and
//! ordered by the fuzzy filter.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::index::{Entry, FuzzyFilter, Match};

/// Orders of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Best match first (only with a query).
    Relevance,
    /// Oldest first.
    Date,
    /// By id.
    Id,
    /// By sending post, then date.
    Origin,
    /// Most annotated first.
    Annotations,
}

impl Sort {
    /// The next order (`s`); relevance only when there is a query.
    #[must_use]
    pub fn next(self, has_query: bool) -> Self {
        match self {
            Self::Relevance => Self::Date,
            Self::Date => Self::Id,
            Self::Id => Self::Origin,
            Self::Origin => Self::Annotations,
            Self::Annotations if has_query => Self::Relevance,
            Self::Annotations => Self::Date,
        }
    }

    /// Name shown in the status line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Date => "date",
            Self::Id => "id",
            Self::Origin => "origin",
            Self::Annotations => "notes",
        }
    }
}

/// The matches' entries in `sort` order (reversed when `descending`); ties keep the
/// date order (undated last), then the id, so that the list never shuffles between two
/// draws.
#[must_use]
pub fn sorted_rows(
    entries: &[Entry],
    matches: &[Match],
    sort: Sort,
    descending: bool,
    annotations: &HashMap<PathBuf, usize>,
) -> Vec<usize> {
    let mut rows: Vec<(usize, f32)> = matches
        .iter()
        .filter(|m| m.entry < entries.len())
        .map(|m| (m.entry, m.score))
        .collect();
    let notes = |i: usize| {
        annotations
            .get(&*entries[i].cable_path())
            .copied()
            .unwrap_or(0)
    };
    // Undated cables after the dated ones, in every order.
    let by_date = |a: usize, b: usize| {
        let (da, db) = (&entries[a].date, &entries[b].date);
        da.is_none()
            .cmp(&db.is_none())
            .then_with(|| da.cmp(db))
            .then_with(|| entries[a].id.cmp(&entries[b].id))
    };
    rows.sort_by(|&(a, sa), &(b, sb)| {
        let primary = match sort {
            Sort::Relevance => sb.partial_cmp(&sa).unwrap_or(Ordering::Equal),
            Sort::Date => Ordering::Equal,
            Sort::Id => entries[a].id.cmp(&entries[b].id),
            Sort::Origin => entries[a].origin.cmp(&entries[b].origin),
            Sort::Annotations => notes(b).cmp(&notes(a)),
        };
        primary.then_with(|| by_date(a, b))
    });
    let mut rows: Vec<usize> = rows.into_iter().map(|(i, _)| i).collect();
    if descending {
        rows.reverse();
    }
    rows
}

/// The matches whose id or subject fuzzily match `pattern`, best first: `filter` (which
/// narrows its last matches as keys are typed) over the whole catalog, kept to the
/// query's matches.
#[must_use]
pub fn fuzzy_rows(
    entries: &[Entry],
    matches: &[Match],
    pattern: &str,
    filter: &mut FuzzyFilter,
) -> Vec<usize> {
    let found = filter.filter(entries, pattern);
    if matches.len() == entries.len() {
        // Every cable matches (no query): nothing to keep out.
        return found;
    }
    let matched: HashSet<usize> = matches.iter().map(|m| m.entry).collect();
    found.into_iter().filter(|i| matched.contains(i)).collect()
}
