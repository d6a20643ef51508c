//! [`Catalog`]: a corpus's index kept open, the model of the library screen.
//!
//! Opening reads what the library lists of every cable ([`Entry`]: id, path, date, origin,
//! classification, subject, TAGS) from the index's columns (fast fields), never from the
//! files. [`Catalog::query`] runs the documented syntax ([`super::query`]) with [`Filters`]
//! ANDed to it and returns every match, best first, with the facet counts (years, origins,
//! classifications, TAGS) over all of them; a blank query matches every cable. A custom
//! collector maps each (segment, document) to its entry, so counting is done in memory on
//! interned values. [`Catalog::snippet`] reads one cable's file again and picks the
//! paragraph with the most of the query's words, counting them per paragraph.
//!
//! Entries keep their index across [`Catalog::reload`] (a background update committing
//! more): new cables are appended, an edited one is updated in place, a removed one stays
//! in [`Catalog::entries`] but no query matches it any more.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{BooleanQuery, Occur, QueryParser};
use tantivy::schema::Term;
use tantivy::{DocId, Index, IndexReader, ReloadPolicy, Score, Searcher, SegmentOrdinal};

use super::entries::{Columns, Entry, by_path};
use super::fragment;
use super::schema::Fields;
use super::{IndexError, open_existing, query};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 200;

/// A document that maps to no entry (deleted, or unknown).
const NO_ENTRY: u32 = u32::MAX;

/// A query of the library: text in the documented syntax and filters ANDed to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// The documented syntax; blank matches every cable.
    pub text: String,
    /// Run what parses of a malformed query instead of failing (search as you type).
    pub lenient: bool,
    /// Chosen facet values.
    pub filters: Filters,
}

/// Facet values a query is narrowed to (strings compared ignoring ASCII case).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub year: Option<u16>,
    pub origin: Option<String>,
    pub classification: Option<String>,
    pub tag: Option<String>,
}

/// What a query found.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Matching entries, best first (ties and a blank query in entry order).
    pub matches: Vec<Match>,
    /// Counts over all matches.
    pub facets: Facets,
}

/// One matching entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Index into [`Catalog::entries`].
    pub entry: usize,
    /// Relevance (BM25; 0 for a blank query).
    pub score: f32,
}

/// How many matches have each value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    /// By year.
    pub years: Vec<(u16, u32)>,
    /// By count (most first), then name.
    pub origins: Vec<(String, u32)>,
    /// By count, then name.
    pub classifications: Vec<(String, u32)>,
    /// By count, then name.
    pub tags: Vec<(String, u32)>,
}

/// The best stretch of one cable for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    /// Number of the paragraph it comes from (`None`: unnumbered, or no word matched).
    pub paragraph: Option<u32>,
    /// Index of that paragraph among the cable's paragraphs.
    pub paragraph_index: Option<usize>,
    /// At most 200 characters of it.
    pub text: String,
    /// Byte ranges of the query's words in `text`.
    pub highlights: Vec<Range<usize>>,
    /// The query's words in the whole cable.
    pub hits: usize,
    /// (paragraph index, hits) for each paragraph with any, in order.
    pub hits_by_paragraph: Vec<(usize, usize)>,
}

/// Facet values interned: each entry's as small numbers, so counting is indexing.
#[derive(Debug, Default)]
struct Facts {
    origins: Vec<String>,
    classifications: Vec<String>,
    tags: Vec<String>,
    /// Per entry: origin, classification ([`NO_ENTRY`] when none).
    origin: Vec<u32>,
    classification: Vec<u32>,
    /// Per entry: its tags are `tag_ids[tag_starts[i]..tag_starts[i + 1]]`.
    tag_starts: Vec<u32>,
    tag_ids: Vec<u32>,
}

impl Facts {
    fn new(entries: &[Entry]) -> Self {
        let mut f = Self::default();
        let (mut o, mut c, mut t) = (Names::default(), Names::default(), Names::default());
        f.tag_starts.push(0);
        for e in entries {
            f.origin.push(o.id(e.origin.as_ref(), &mut f.origins));
            f.classification
                .push(c.id(e.classification.as_ref(), &mut f.classifications));
            for tag in e.tags.iter() {
                f.tag_ids.push(t.id(Some(tag), &mut f.tags));
            }
            f.tag_starts
                .push(u32::try_from(f.tag_ids.len()).unwrap_or(u32::MAX));
        }
        f
    }

    fn tags_of(&self, entry: usize) -> &[u32] {
        let at = |i: usize| self.tag_starts.get(i).map_or(0, |&s| s as usize);
        self.tag_ids.get(at(entry)..at(entry + 1)).unwrap_or(&[])
    }
}

/// The ids [`Facts`] gives the values of one column: by the shared string's address
/// first (the same value read from one segment is one string), then by its text (the
/// same value from another segment).
#[derive(Default)]
struct Names {
    by_address: FxHashMap<usize, u32>,
    by_text: FxHashMap<Arc<str>, u32>,
}

impl Names {
    /// The id of `value`, a new one (its text pushed onto `names`) when it is the first
    /// of its text; [`NO_ENTRY`] for none.
    fn id(&mut self, value: Option<&Arc<str>>, names: &mut Vec<String>) -> u32 {
        let Some(v) = value else { return NO_ENTRY };
        let address = v.as_ptr() as usize;
        if let Some(&id) = self.by_address.get(&address) {
            return id;
        }
        let id = *self.by_text.entry(Arc::clone(v)).or_insert_with(|| {
            names.push(v.to_string());
            u32::try_from(names.len() - 1).unwrap_or(NO_ENTRY)
        });
        self.by_address.insert(address, id);
        id
    }
}

/// The id of `value` among `names`, ignoring ASCII case; `NO_ENTRY` when absent.
fn find(names: &[String], value: &str) -> u32 {
    names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(value))
        .and_then(|i| u32::try_from(i).ok())
        .unwrap_or(NO_ENTRY)
}

/// A corpus's index, open (see the module documentation).
pub struct Catalog {
    root: PathBuf,
    index: Index,
    reader: IndexReader,
    searcher: Searcher,
    fields: Fields,
    entries: Vec<Entry>,
    /// Whether each entry is in the current searcher.
    alive: Vec<bool>,
    facts: Facts,
    /// Stations listed under their posts' names, which `from:` a post also matches.
    stations: super::posts::Stations,
    /// Per segment of `searcher` (by ordinal), the entry of each document.
    maps: Arc<Vec<Arc<Vec<u32>>>>,
    /// The entries' serials by station and year, made when first asked for
    /// ([`Catalog::serials`]) and again after a reload.
    serials: std::sync::OnceLock<crate::corpus::Serials>,
    /// How many entries cite each entry, made when first asked for
    /// ([`Catalog::cited_counts`]) and again after a reload.
    cited: std::sync::OnceLock<Vec<u32>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("root", &self.root)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// Opens the existing index of `root`.
    ///
    /// # Errors
    /// [`IndexError`] when there is none yet or it cannot be read.
    pub fn open(root: &Path) -> Result<Catalog, IndexError> {
        Self::open_in(&super::index_dir(root)?, root)
    }

    /// [`Catalog::open`] with the index in the cache folder `cache` (see
    /// [`super::update_in_cache`]).
    ///
    /// # Errors
    /// As [`Catalog::open`].
    pub fn open_in_cache(cache: &Path, root: &Path) -> Result<Catalog, IndexError> {
        Self::open_in(&super::index_dir_in(cache, root), root)
    }

    fn open_in(dir: &Path, root: &Path) -> Result<Catalog, IndexError> {
        let opened = open_existing(dir, root)?;
        let reader = opened
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let mut catalog = Catalog {
            root: root.to_owned(),
            index: opened.index,
            reader,
            searcher,
            fields: opened.fields,
            entries: Vec::new(),
            alive: Vec::new(),
            facts: Facts::default(),
            stations: super::posts::Stations::default(),
            maps: Arc::default(),
            serials: std::sync::OnceLock::new(),
            cited: std::sync::OnceLock::new(),
        };
        catalog.read_entries()?;
        Ok(catalog)
    }

    /// Picks up commits made since (a background [`super::update`]); entries may grow.
    ///
    /// # Errors
    /// When the index cannot be read any more.
    pub fn reload(&mut self) -> Result<(), IndexError> {
        self.reader.reload()?;
        self.searcher = self.reader.searcher();
        self.read_entries()
    }

    /// The corpus folder.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every indexed cable (ordered by path when opened; later ones appended).
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The serials and dates of the indexed cables, which place the REFs a cable wrote
    /// without a year ([`crate::corpus::Serials`]).
    pub fn serials(&self) -> &crate::corpus::Serials {
        self.serials.get_or_init(|| {
            crate::corpus::Serials::new(self.entries.iter().map(|e| (e.id.as_str(), e.day())))
        })
    }

    /// For each entry (by index), how many indexed cables cite it, as their REF lists
    /// read ([`super::cited`]).
    pub fn cited_counts(&self) -> &[u32] {
        self.cited
            .get_or_init(|| super::cited::counts(&self.searcher, self.fields.refs, &self.entries))
    }

    /// Read the entries of the current searcher's documents, keeping the index of those
    /// already known (by path and, in a file of many cables, where the cable starts).
    fn read_entries(&mut self) -> Result<(), IndexError> {
        let segments = self.searcher.segment_readers();
        let mut read = crate::corpus::parallel::map_indexed(segments, |_, s| Columns::read(s))
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        // Where each entry is taken from (segment, place), in the order it is taken: by
        // path on the first read, as read after. Each entry is made once, from its
        // segment's columns, where it goes in the catalog.
        let first = self.entries.is_empty();
        let order = if first {
            by_path(&read)
        } else {
            read.iter()
                .enumerate()
                .flat_map(|(s, columns)| (0..columns.len()).map(move |i| (s, i)))
                .collect()
        };
        // Entries already known keep their place (found by path and, in a file of many
        // cables, where the cable starts); on the first read every one is new.
        let key = |e: &Entry| {
            (
                e.path.as_os_str().to_owned(),
                e.range.as_ref().map(|r| r.start),
            )
        };
        let known: FxHashMap<(std::ffi::OsString, Option<u64>), usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (key(e), i))
            .collect();
        let mut maps: Vec<Vec<u32>> = self
            .searcher
            .segment_readers()
            .iter()
            .map(|s| vec![NO_ENTRY; s.max_doc() as usize])
            .collect();
        let mut alive = vec![false; self.entries.len()];
        self.entries
            .reserve(order.len().saturating_sub(self.entries.len()));
        for (ord, at) in order {
            let Some((doc, entry)) = read.get_mut(ord).and_then(|columns| columns.take(at)) else {
                continue;
            };
            let i = match (!first).then(|| known.get(&key(&entry))).flatten() {
                Some(&i) => {
                    if let Some(slot) = self.entries.get_mut(i) {
                        *slot = entry;
                    }
                    i
                }
                None => {
                    self.entries.push(entry);
                    alive.push(false);
                    self.entries.len() - 1
                }
            };
            if let Some(a) = alive.get_mut(i) {
                *a = true;
            }
            if let Some(slot) = maps.get_mut(ord).and_then(|m| m.get_mut(doc as usize)) {
                *slot = u32::try_from(i).unwrap_or(NO_ENTRY);
            }
        }
        self.alive = alive;
        self.stations = super::posts::name_stations(&mut self.entries);
        self.facts = Facts::new(&self.entries);
        self.maps = Arc::new(maps.into_iter().map(Arc::new).collect());
        self.serials = std::sync::OnceLock::new();
        self.cited = std::sync::OnceLock::new();
        Ok(())
    }

    /// The tantivy query of `text` (`None` when blank).
    fn parse(
        &self,
        text: &str,
        lenient: bool,
    ) -> Result<Option<Box<dyn tantivy::query::Query>>, IndexError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let f = self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.subject, f.body, f.id]);
        parser.set_conjunction_by_default();
        let rewritten = query::rewrite_with(text, &|value| {
            self.stations
                .named_by(value)
                .into_iter()
                .map(str::to_owned)
                .collect()
        });
        let q = if lenient {
            parser.parse_query_lenient(&rewritten).0
        } else {
            parser
                .parse_query(&rewritten)
                .map_err(|e| IndexError::Query(format!("{e:?}")))?
        };
        Ok(Some(q))
    }

    /// Matching entries best first, and facet counts over all matches.
    ///
    /// # Errors
    /// When the query is malformed (and not lenient) or the index cannot be read.
    pub fn query(&self, q: &Query) -> Result<Results, IndexError> {
        let mut matches: Vec<Match> = match self.parse(&q.text, q.lenient)? {
            None => self
                .alive
                .iter()
                .enumerate()
                .filter(|&(_, &a)| a)
                .map(|(entry, _)| Match { entry, score: 0.0 })
                .collect(),
            Some(parsed) => {
                let collector = ToEntries {
                    maps: Arc::clone(&self.maps),
                };
                let mut found = self.searcher.search(&*parsed, &collector)?;
                found.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                found
                    .into_iter()
                    .map(|(entry, score)| Match {
                        entry: entry as usize,
                        score,
                    })
                    .collect()
            }
        };
        self.filter(&mut matches, &q.filters);
        let facets = self.facets(&matches);
        Ok(Results { matches, facets })
    }

    /// Keep the matches that have every chosen facet value.
    fn filter(&self, matches: &mut Vec<Match>, filters: &Filters) {
        let facts = &self.facts;
        let origin = filters.origin.as_deref().map(|v| find(&facts.origins, v));
        let class = filters
            .classification
            .as_deref()
            .map(|v| find(&facts.classifications, v));
        let tag = filters.tag.as_deref().map(|v| find(&facts.tags, v));
        if filters.year.is_none() && origin.is_none() && class.is_none() && tag.is_none() {
            return;
        }
        matches.retain(|m| {
            let i = m.entry;
            filters
                .year
                .is_none_or(|y| self.entries.get(i).and_then(|e| e.year) == Some(y))
                && origin.is_none_or(|o| o != NO_ENTRY && facts.origin.get(i) == Some(&o))
                && class.is_none_or(|c| c != NO_ENTRY && facts.classification.get(i) == Some(&c))
                && tag.is_none_or(|t| t != NO_ENTRY && facts.tags_of(i).contains(&t))
        });
    }

    /// Facet counts over `matches`.
    fn facets(&self, matches: &[Match]) -> Facets {
        let facts = &self.facts;
        let mut years: BTreeMap<u16, u32> = BTreeMap::new();
        let mut origins = vec![0u32; facts.origins.len()];
        let mut classes = vec![0u32; facts.classifications.len()];
        let mut tags = vec![0u32; facts.tags.len()];
        let bump = |counts: &mut Vec<u32>, id: u32| {
            if let Some(c) = counts.get_mut(id as usize) {
                *c += 1;
            }
        };
        for m in matches {
            if let Some(y) = self.entries.get(m.entry).and_then(|e| e.year) {
                *years.entry(y).or_default() += 1;
            }
            if let Some(&o) = facts.origin.get(m.entry) {
                bump(&mut origins, o);
            }
            if let Some(&c) = facts.classification.get(m.entry) {
                bump(&mut classes, c);
            }
            for &t in facts.tags_of(m.entry) {
                bump(&mut tags, t);
            }
        }
        Facets {
            years: years.into_iter().collect(),
            origins: ranked(&facts.origins, &origins),
            classifications: ranked(&facts.classifications, &classes),
            tags: ranked(&facts.tags, &tags),
        }
    }

    /// The best snippet of one entry for the query's words, from its file (read and
    /// parsed again), with the hits of each paragraph. `None` when the file cannot be
    /// read.
    #[must_use]
    pub fn snippet(&self, entry: usize, q: &Query) -> Option<Snippet> {
        let e = self.entries.get(entry)?;
        let cable = e.read().ok()?.parse().cable;
        let terms: Vec<(String, Score)> = self.body_terms(&q.text).into_iter().collect();
        let tokenizer = self.index.tokenizer_for_field(self.fields.body).ok()?;
        let mut hits_by_paragraph = Vec::new();
        // (index, its hits, different words, hits)
        let mut best: Option<(usize, Vec<fragment::Hit>, usize)> = None;
        for (i, p) in cable.paragraphs.iter().enumerate() {
            let mut tokenizer = tokenizer.clone();
            let mut stream = tokenizer.token_stream(&p.text);
            let mut hits = Vec::new();
            while stream.advance() {
                let token = stream.token();
                if let Some(term) = terms.iter().position(|(t, _)| *t == token.text) {
                    hits.push(fragment::Hit {
                        at: token.offset_from..token.offset_to,
                        term,
                        weight: terms[term].1,
                    });
                }
            }
            if hits.is_empty() {
                continue;
            }
            hits_by_paragraph.push((i, hits.len()));
            let mut distinct: Vec<usize> = hits.iter().map(|h| h.term).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let rank = (distinct.len(), hits.len());
            if best.as_ref().is_none_or(|(_, h, d)| rank > (*d, h.len())) {
                best = Some((i, hits, distinct.len()));
            }
        }
        let hits = hits_by_paragraph.iter().map(|&(_, h)| h).sum();
        let (index, found) = match best {
            Some((i, found, _)) => (Some(i), found),
            None => (
                cable
                    .paragraphs
                    .iter()
                    .position(|p| !p.text.trim().is_empty()),
                Vec::new(),
            ),
        };
        let text = index
            .and_then(|i| cable.paragraphs.get(i))
            .map_or("", |p| p.text.as_str());
        let (range, highlights) = fragment::best(text, &found, SNIPPET_CHARS);
        let matched = !found.is_empty();
        Some(Snippet {
            paragraph: index
                .filter(|_| matched)
                .and_then(|i| cable.paragraphs.get(i))
                .and_then(|p| p.number),
            paragraph_index: index.filter(|_| matched),
            text: text.get(range).unwrap_or_default().to_owned(),
            highlights,
            hits,
            hits_by_paragraph,
        })
    }

    /// The body words of a query that a matching cable holds (not those after `-`), with
    /// a weight (rarer words weigh more). Words in most cables (`in`, `the` of a phrase)
    /// are left out when the query has rarer ones, so they are neither counted nor marked.
    fn body_terms(&self, text: &str) -> BTreeMap<String, Score> {
        let Ok(Some(parsed)) = self.parse(text, true) else {
            return BTreeMap::new();
        };
        let body = self.fields.body;
        let mut excluded: Vec<Term> = Vec::new();
        collect_excluded(&*parsed, false, &mut excluded);
        let mut terms = BTreeMap::new();
        parsed.query_terms(&mut |term, _| {
            if term.field() != body || excluded.contains(term) {
                return;
            }
            let value = term.value();
            let Some(word) = value.as_str() else {
                return;
            };
            let freq = self.searcher.doc_freq(term).unwrap_or(0);
            terms.insert(word.to_owned(), freq);
        });
        let common = self.searcher.num_docs() / 2;
        if terms.values().any(|&f| f <= common) {
            terms.retain(|_, f| *f <= common);
        }
        #[allow(clippy::cast_precision_loss)]
        terms
            .into_iter()
            .map(|(w, f)| (w, 1.0 / (1.0 + f as Score)))
            .collect()
    }
}

/// Terms under a `MustNot` clause (at any depth) of `query`.
fn collect_excluded(query: &dyn tantivy::query::Query, negated: bool, out: &mut Vec<Term>) {
    if let Some(b) = query.downcast_ref::<BooleanQuery>() {
        for (occur, sub) in b.clauses() {
            collect_excluded(&**sub, negated || *occur == Occur::MustNot, out);
        }
    } else if negated {
        query.query_terms(&mut |t, _| out.push(t.clone()));
    }
}

/// `(name, count)` for every non-zero count, most first, then by name.
fn ranked(names: &[String], counts: &[u32]) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = names
        .iter()
        .zip(counts)
        .filter(|&(_, &c)| c > 0)
        .map(|(n, &c)| (n.clone(), c))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Collects every match as (entry, score), through the (segment, document) → entry maps.
struct ToEntries {
    maps: Arc<Vec<Arc<Vec<u32>>>>,
}

/// [`ToEntries`] on one segment.
struct SegmentToEntries {
    map: Arc<Vec<u32>>,
    found: Vec<(u32, Score)>,
}

impl Collector for ToEntries {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentToEntries;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        _segment: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentToEntries> {
        Ok(SegmentToEntries {
            map: self.maps.get(ord as usize).cloned().unwrap_or_default(),
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentToEntries {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(&entry) = self.map.get(doc as usize)
            && entry != NO_ENTRY
        {
            self.found.push((entry, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}
