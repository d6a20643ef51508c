//! [`Entry`]: what the library lists of one cable, and how a catalog reads every entry
//! from the index's columns (fast fields) when it opens.
//!
//! Opening a corpus is the library's first screen, and at 251k cables it is shaped by
//! memory more than by work: each segment's columns are read on their own core
//! ([`Columns::read`]), a value that many cables share (a day, a post, a classification,
//! a TAGS line) is made once per segment and shared, and each entry is made once, in its
//! place in the catalog, from those columns ([`Columns::take`]).

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::columnar::StrColumn;
use tantivy::{DocId, SegmentReader};

use super::IndexError;
use super::schema::{TAG_SEPARATOR, columns};

/// One indexed cable, as the library lists it.
///
/// The values that many cables share (a day, a post, a classification, a TAGS line) are
/// shared, each made once per segment of the index: a catalog of 251k cables then holds
/// a few thousand of them instead of a million and a half.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// Canonical id (`09CARACAS442`).
    pub id: String,
    /// The file, a full path.
    pub path: PathBuf,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<Arc<str>>,
    /// The date's year.
    pub year: Option<u16>,
    /// The sending post (`Embassy Caracas`).
    pub origin: Option<Arc<str>>,
    /// The classification (`CONFIDENTIAL`).
    pub classification: Option<Arc<str>>,
    /// SUBJECT.
    pub subject: Option<String>,
    /// TAGS, in the header's order (shared by the cables with the same TAGS line).
    pub tags: Arc<[Arc<str>]>,
    /// Its bytes in `path` when the file holds many cables ([`crate::split`]).
    pub range: Option<Range<u64>>,
}

/// A cable of the corpus citing another, as its Details view lists it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Citer {
    /// The citing cable.
    pub entry: Entry,
    /// Its REF wrote no year, and the corpus's serials place the cite here
    /// ([`crate::corpus::Serials`]): the parser alone reads it as the next year's cable.
    pub placed: bool,
}

impl Entry {
    /// The day it was sent, when known.
    #[must_use]
    pub fn day(&self) -> Option<chrono::NaiveDate> {
        self.date.as_deref()?.parse().ok()
    }

    /// The path that names this cable for its annotations and reading position: its
    /// file, or for a cable inside a file of many `FILE.cablescope/ID`
    /// ([`crate::split::cable_path`]).
    #[must_use]
    pub fn cable_path(&self) -> std::borrow::Cow<'_, Path> {
        crate::split::place_path(&self.path, &self.id, self.range.as_ref())
    }

    /// Read the cable: its file, or its range of the file of many
    /// ([`crate::split::read_place`]).
    ///
    /// # Errors
    /// When it cannot be read, saying why.
    pub fn read(&self) -> Result<crate::source::Source, String> {
        crate::split::read_place(&self.path, &self.id, self.range.as_ref())
    }

    /// Where the cable is, for the views that read cables of the corpus again.
    #[must_use]
    pub fn place(&self) -> crate::split::Place {
        crate::split::Place {
            file: self.path.clone(),
            range: self.range.clone(),
            id: self.id.clone(),
        }
    }
}

/// One segment's live documents, column by column, until [`Columns::take`] makes each
/// one's entry.
#[derive(Debug, Default)]
pub(super) struct Columns {
    docs: Vec<DocId>,
    paths: Vec<Option<String>>,
    ids: Vec<Option<String>>,
    days: Vec<Option<Arc<str>>>,
    years: Vec<Option<u16>>,
    origins: Vec<Option<Arc<str>>>,
    classifications: Vec<Option<Arc<str>>>,
    subjects: Vec<Option<String>>,
    tags: Vec<Option<Arc<[Arc<str>]>>>,
    ranges: Vec<Option<Range<u64>>>,
}

impl Columns {
    /// The columns of `segment`'s live documents.
    pub(super) fn read(segment: &SegmentReader) -> Result<Self, IndexError> {
        let ff = segment.fast_fields();
        let docs: Vec<DocId> = (0..segment.max_doc())
            .filter(|&d| !segment.is_deleted(d))
            .collect();
        let column = |name: &str| -> Result<Vec<Option<String>>, IndexError> {
            column_values(ff.str(name)?.as_ref(), &docs)
        };
        let shared = |name: &str| -> Result<Vec<Option<Arc<str>>>, IndexError> {
            shared_values(ff.str(name)?.as_ref(), &docs, Arc::from)
        };
        // Each TAG made once, whatever line it is on; each line once, shared by its cables.
        let mut tag_names: FxHashMap<String, Arc<str>> = FxHashMap::default();
        let tags = shared_values(ff.str(columns::TAG_LINE)?.as_ref(), &docs, |line| {
            line.split(TAG_SEPARATOR)
                .map(|t| {
                    Arc::clone(
                        tag_names
                            .entry(t.to_owned())
                            .or_insert_with(|| Arc::from(t)),
                    )
                })
                .collect::<Arc<[Arc<str>]>>()
        })?;
        let number = |name: &str| ff.u64(name).ok();
        let (year, start, end) = (
            number(columns::YEAR),
            number(columns::START),
            number(columns::END),
        );
        let first = |c: &Option<tantivy::columnar::Column<u64>>, doc| c.as_ref()?.first(doc);
        Ok(Self {
            paths: column(columns::PATH)?,
            ids: column(columns::ID)?,
            days: shared(columns::DAY)?,
            years: docs
                .iter()
                .map(|&d| first(&year, d).and_then(|y| u16::try_from(y).ok()))
                .collect(),
            origins: shared(columns::ORIGIN)?,
            classifications: shared(columns::CLASSIFICATION)?,
            subjects: column(columns::SUBJECT)?,
            tags,
            ranges: docs
                .iter()
                .map(|&d| Some(first(&start, d)?..first(&end, d)?))
                .collect(),
            docs,
        })
    }

    /// How many documents it holds.
    pub(super) fn len(&self) -> usize {
        self.docs.len()
    }

    /// Move document `i`'s values out into its entry, with its document id; none for a
    /// document without a path, or one taken already.
    pub(super) fn take(&mut self, i: usize) -> Option<(DocId, Entry)> {
        let path = self.paths.get_mut(i)?.take()?;
        let take = |c: &mut Vec<Option<Arc<str>>>| c.get_mut(i).and_then(Option::take);
        let (date, origin, classification) = (
            take(&mut self.days),
            take(&mut self.origins),
            take(&mut self.classifications),
        );
        let entry = Entry {
            id: self
                .ids
                .get_mut(i)
                .and_then(Option::take)
                .unwrap_or_default(),
            path: PathBuf::from(path),
            date,
            year: self.years.get(i).copied().flatten(),
            origin,
            classification,
            subject: self.subjects.get_mut(i).and_then(Option::take),
            tags: self
                .tags
                .get_mut(i)
                .and_then(Option::take)
                .unwrap_or_default(),
            range: self.ranges.get_mut(i).and_then(Option::take),
        };
        Some((*self.docs.get(i)?, entry))
    }

    /// Document `i`'s path and, in a file of many cables, where it starts: what
    /// [`by_path`] orders by.
    fn place(&self, i: usize) -> Option<(&[u8], Option<u64>)> {
        let path = self.paths.get(i)?.as_deref()?;
        let start = self.ranges.get(i)?.as_ref().map(|r| r.start);
        Some((path.as_bytes(), start))
    }
}

/// Where the documents `read` from each segment are, (segment, place), in the order of
/// their paths (and, in a file of many cables, of where each starts); a document without
/// a path is left out. The paths share a long beginning (the corpus root), so each is
/// first compared by the 32 bytes after it, packed in two numbers
/// (`2008/08ISLAMABAD1568.txt`), and whole only on a tie.
pub(super) fn by_path(read: &[Columns]) -> Vec<(usize, usize)> {
    let all = || {
        read.iter().enumerate().flat_map(|(s, columns)| {
            (0..columns.len()).filter_map(move |i| Some(((s, i), columns.place(i)?)))
        })
    };
    let first = all().next().map_or(&[][..], |(_, (path, _))| path);
    let skip = all().fold(first.len(), |common, (_, (path, _))| {
        first
            .iter()
            .zip(path)
            .take(common)
            .take_while(|(a, b)| a == b)
            .count()
    });
    let head = |path: &[u8]| {
        let after = path.get(skip..).unwrap_or(path);
        let mut key = [[0u8; 16]; 2];
        for (k, b) in key.as_flattened_mut().iter_mut().zip(after) {
            *k = *b;
        }
        key.map(u128::from_be_bytes)
    };
    let mut order: Vec<([u128; 2], (usize, usize))> =
        all().map(|(at, (path, _))| (head(path), at)).collect();
    let full = |(s, i): (usize, usize)| read.get(s).and_then(|c| c.place(i));
    order.sort_unstable_by(|&(ka, a), &(kb, b)| ka.cmp(&kb).then_with(|| full(a).cmp(&full(b))));
    order.into_iter().map(|(_, place)| place).collect()
}

/// A column's distinct values (its dictionary, in order) and, for each of `docs`, the
/// place of its value among them.
fn dictionary(
    column: &StrColumn,
    docs: &[DocId],
) -> Result<(Vec<String>, Vec<Option<usize>>), IndexError> {
    let dict = column.dictionary();
    let mut values: Vec<String> = Vec::with_capacity(dict.num_terms());
    let mut stream = dict.stream()?;
    while stream.advance() {
        values.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    let ords = docs
        .iter()
        .map(|&d| {
            column
                .term_ords(d)
                .next()
                .and_then(|o| usize::try_from(o).ok())
        })
        .collect();
    Ok((values, ords))
}

/// A column's value for each of `docs`: its dictionary read once, each value moved out
/// at its last use (most ids, paths and subjects are used once).
fn column_values(
    column: Option<&StrColumn>,
    docs: &[DocId],
) -> Result<Vec<Option<String>>, IndexError> {
    let Some(column) = column else {
        return Ok(vec![None; docs.len()]);
    };
    let (mut values, ords) = dictionary(column, docs)?;
    let mut uses = vec![0u32; values.len()];
    for o in ords.iter().flatten() {
        if let Some(u) = uses.get_mut(*o) {
            *u += 1;
        }
    }
    Ok(ords
        .into_iter()
        .map(|o| {
            let o = o?;
            let left = uses.get_mut(o)?;
            *left -= 1;
            let v = values.get_mut(o)?;
            Some(if *left == 0 {
                std::mem::take(v)
            } else {
                v.clone()
            })
        })
        .collect())
}

/// A column of values that many documents share (a day, a post, a classification, a
/// TAGS line) for each of `docs`: each distinct value made once by `make`, then shared.
fn shared_values<T: Clone>(
    column: Option<&StrColumn>,
    docs: &[DocId],
    make: impl FnMut(String) -> T,
) -> Result<Vec<Option<T>>, IndexError> {
    let Some(column) = column else {
        return Ok(vec![None; docs.len()]);
    };
    let (values, ords) = dictionary(column, docs)?;
    let values: Vec<T> = values.into_iter().map(make).collect();
    Ok(ords
        .into_iter()
        .map(|o| o.and_then(|o| values.get(o).cloned()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A segment's columns holding these paths (and starts in a file of many).
    fn segment(places: &[(&str, Option<u64>)]) -> Columns {
        Columns {
            docs: (0..).take(places.len()).collect(),
            paths: places.iter().map(|&(p, _)| Some(p.to_owned())).collect(),
            ranges: places.iter().map(|&(_, s)| s.map(|s| s..s + 1)).collect(),
            ..Columns::default()
        }
    }

    #[test]
    fn entries_are_put_in_the_order_of_their_paths_then_starts() {
        let places = [
            ("/corpus/2008/08ISLAMABAD1568.txt", None),
            ("/corpus/2008/08ISLAMABAD1568-long-name-b.txt", None),
            ("/corpus/2008/08ISLAMABAD1568-long-name-a.txt", None),
            ("/corpus/2006/06MEXICO1113.txt", None),
            ("/corpus/cables.csv", Some(900)),
            ("/corpus/cables.csv", Some(12)),
            ("/corpus/2008", None),
        ];
        // Read from two segments.
        let (one, two) = places.split_at(3);
        let mut read = vec![segment(one), segment(two)];
        let order = by_path(&read);
        let sorted: Vec<(String, Option<u64>)> = order
            .into_iter()
            .map(|(s, i)| {
                let (_, e) = read[s].take(i).expect("taken once");
                (e.path.display().to_string(), e.range.map(|r| r.start))
            })
            .collect();
        let mut expected: Vec<(String, Option<u64>)> =
            places.iter().map(|&(p, s)| (p.to_owned(), s)).collect();
        expected.sort();
        assert_eq!(sorted, expected);
        // Each entry is made once.
        assert_eq!(read[0].take(0), None);
        // One path alone, and none.
        assert_eq!(by_path(&[segment(&[("/a", None)])]), [(0, 0)]);
        assert!(by_path(&[]).is_empty());
    }

    #[test]
    fn a_document_without_a_path_makes_no_entry() {
        let mut read = segment(&[("/c/b.txt", None), ("/c/a.txt", None)]);
        read.paths[0] = None;
        assert_eq!(by_path(std::slice::from_ref(&read)), [(0, 1)]);
        assert_eq!(read.take(0), None);
        let (doc, entry) = read.take(1).expect("an entry");
        assert_eq!((doc, entry.path.as_path()), (1, Path::new("/c/a.txt")));
    }
}
