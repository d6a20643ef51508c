//! The search index of a cable folder (tantivy), kept in the cache folder.
//!
//! One index per corpus root, in `CACHE/index-HASH/` (the FNV-1a hash of the root's
//! canonical path; [`crate::paths::cache_dir`], `$CABLESCOPE_CACHE_DIR` overrides it).
//! [`update`] brings it up to date with the folder: the [`manifest`] says which files
//! changed (size and time, then content hash); those are re-read, parsed and replaced
//! (deleted by path, then added), removed files are deleted, and a changed parser version
//! rebuilds everything. Work is committed every [`COMMIT_EVERY`] files and the manifest
//! written after each commit, so a build killed at any point leaves the last commit
//! openable and the next update resumes from it (a file indexed but not yet in the
//! manifest is replaced, never doubled). An index that cannot be opened is rebuilt, and
//! [`Update::rebuilt`] says why. Only one process writes at a time (tantivy's lock);
//! another gets [`IndexError::Busy`]. [`Catalog`] keeps an index open for the library
//! (entries, queries with facet counts, snippets from the files); [`search`] runs the
//! documented syntax ([`query`]) through it; [`fuzzy_filter`] jumps by id or subject.
//! A file that holds many cables (a CSV dump, a concatenation) is a corpus root too: its
//! cables are indexed by byte range ([`many`]). [`update_with`] says when each commit is
//! made (the library reloads then) and can stop the update after one.
//!
//! This layer knows nothing of the terminal.

mod catalog;
mod cited;
mod entries;
mod fragment;
pub mod fuzzy;
pub mod manifest;
pub mod many;
mod posts;
pub mod query;
mod schema;
mod search;

pub use catalog::{Catalog, Facets, Filters, Match, Query, Results, Snippet};
pub use entries::{Citer, Entry};
pub use fuzzy::{FuzzyFilter, Haystacks, fuzzy_filter};
pub(crate) use posts::station_posts;
pub use search::{Hit, search};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::schema::Term;
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::corpus::Record;
use manifest::{Manifest, PARSER_VERSION};
use schema::Fields;

/// Files parsed between two commits.
pub const COMMIT_EVERY: usize = 2000;

/// Memory budget of the index writer, in bytes.
const WRITER_MEMORY: usize = 100_000_000;

/// What can go wrong with an index.
#[derive(Debug)]
pub enum IndexError {
    /// No cache folder on this system and no `$CABLESCOPE_CACHE_DIR`.
    NoCacheDir,
    /// Another process is writing this index.
    Busy(PathBuf),
    /// The corpus folder could not be listed.
    Corpus(crate::error::Error),
    /// The query could not be read.
    Query(String),
    /// Anything else tantivy or the file system reported.
    Other(String),
}

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoCacheDir => write!(
                f,
                "no cache folder on this system; set CABLESCOPE_CACHE_DIR to keep the index"
            ),
            Self::Busy(dir) => write!(
                f,
                "{}: another cablescope is updating this index; try again when it is done",
                dir.display()
            ),
            Self::Corpus(e) => write!(f, "{e}"),
            Self::Query(e) => write!(f, "query: {e}"),
            Self::Other(e) => write!(f, "index: {e}"),
        }
    }
}

impl std::error::Error for IndexError {}

impl From<tantivy::TantivyError> for IndexError {
    fn from(e: tantivy::TantivyError) -> Self {
        Self::Other(e.to_string())
    }
}

impl From<std::io::Error> for IndexError {
    fn from(e: std::io::Error) -> Self {
        Self::Other(e.to_string())
    }
}

/// The folder of the index of `root`.
///
/// # Errors
/// [`IndexError::NoCacheDir`].
pub fn index_dir(root: &Path) -> Result<PathBuf, IndexError> {
    let cache = crate::paths::cache_dir().ok_or(IndexError::NoCacheDir)?;
    Ok(index_dir_in(&cache, root))
}

/// The folder of the index of `root` inside the cache folder `cache`.
#[must_use]
pub fn index_dir_in(cache: &Path, root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    let key = crate::fnv::fnv1a64(root.as_os_str().as_encoded_bytes());
    cache.join(format!("index-{key:016x}"))
}

/// What an update did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    /// Where the index is.
    pub dir: PathBuf,
    /// Cable files in the folder.
    pub files: usize,
    /// Files (re-)indexed.
    pub indexed: usize,
    /// Files removed from the index.
    pub removed: usize,
    /// Files that could not be read, with why.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Why the index was rebuilt from nothing, when it was (unreadable, new parser).
    pub rebuilt: Option<String>,
}

/// A file to read again: its path, size and modification time.
type Todo = (PathBuf, u64, u128);

/// Progress of an update: files done, files to do, bytes read so far (in a file of
/// many cables: cables done, cables estimated, bytes of the file read).
pub type Progress<'a> = &'a (dyn Fn(usize, usize, u64) + Sync);

/// Called after each commit (a reader can reload and see more); returns whether to go on
/// (`false` stops the update there, as if it had been killed: the next one resumes).
pub type Committed<'a> = &'a (dyn Fn() -> bool + Sync);

/// An open index and its fields.
struct Opened {
    index: Index,
    fields: Fields,
}

/// Open the index in `dir`, creating it when absent.
fn open_or_create(dir: &Path) -> Result<Opened, IndexError> {
    let (schema, fields) = schema::schema();
    std::fs::create_dir_all(dir)?;
    let directory = tantivy::directory::MmapDirectory::open(dir)
        .map_err(|e| IndexError::Other(e.to_string()))?;
    let index = Index::open_or_create(directory, schema)?;
    schema::register_tokenizers(&index);
    Ok(Opened { index, fields })
}

/// Open the index of `root` for reading.
///
/// # Errors
/// When there is none yet or it cannot be read.
fn open_existing(dir: &Path, root: &Path) -> Result<Opened, IndexError> {
    if !dir.join("meta.json").exists() {
        return Err(IndexError::Other(format!(
            "no index yet for {}; run `cablescope index` first",
            root.display()
        )));
    }
    open_or_create(dir)
}

/// Bring the index of `root` up to date (see the module documentation).
///
/// # Errors
/// When the folder cannot be listed, the index is busy, or writing fails.
pub fn update(root: &Path, progress: Progress<'_>) -> Result<Update, IndexError> {
    update_with(root, progress, &|| true)
}

/// [`update`], calling `committed` after each commit.
///
/// # Errors
/// As [`update`].
pub fn update_with(
    root: &Path,
    progress: Progress<'_>,
    committed: Committed<'_>,
) -> Result<Update, IndexError> {
    update_in_cache_with(
        &crate::paths::cache_dir().ok_or(IndexError::NoCacheDir)?,
        root,
        progress,
        committed,
    )
}

/// [`update`] with the index in the cache folder `cache` (for a program or test that
/// chooses it without the environment).
///
/// # Errors
/// As [`update`].
pub fn update_in_cache(
    cache: &Path,
    root: &Path,
    progress: Progress<'_>,
) -> Result<Update, IndexError> {
    update_in_cache_with(cache, root, progress, &|| true)
}

/// [`update_in_cache`], calling `committed` after each commit. `root` is a folder, or a
/// file that holds many cables ([`many`]).
///
/// # Errors
/// As [`update`].
pub fn update_in_cache_with(
    cache: &Path,
    root: &Path,
    progress: Progress<'_>,
    committed: Committed<'_>,
) -> Result<Update, IndexError> {
    let dir = index_dir_in(cache, root);
    // Keys are full paths, whichever spelling of the folder was given.
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    let root = canonical.as_path();
    let listing = if root.is_file() {
        crate::check::Listing {
            files: vec![root.to_owned()],
            ..crate::check::Listing::default()
        }
    } else {
        crate::check::cable_files_with_stats(root).map_err(IndexError::Corpus)?
    };
    let root_name = root.display().to_string();
    let mut rebuilt = None;
    let mut manifest = match Manifest::load(&dir) {
        Some(m) if m.parser_version == PARSER_VERSION => m,
        Some(_) => {
            rebuilt = Some("the parser changed; the index is rebuilt".to_owned());
            Manifest::default()
        }
        None => Manifest::default(),
    };
    let opened = match open_or_create(&dir) {
        Ok(o) if rebuilt.is_none() => o,
        result => {
            if let Err(e) = result {
                rebuilt = Some(format!("the index could not be read ({e}); it is rebuilt"));
            }
            remove_index(&dir)?;
            manifest = Manifest::default();
            open_or_create(&dir)?
        }
    };
    manifest.parser_version = PARSER_VERSION;
    manifest.root = root_name;
    let Opened { index, fields } = opened;
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer(WRITER_MEMORY).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => IndexError::Busy(dir.clone()),
            e => e.into(),
        })?;
    let mut result = Update {
        dir: dir.clone(),
        files: listing.files.len(),
        unreadable: listing.unreadable,
        rebuilt,
        ..Update::default()
    };
    // Changed or new files, by size and time; and how many of the manifest's are listed.
    let checked: Vec<(bool, Option<Todo>)> =
        crate::corpus::parallel::map_indexed(&listing.files, |i, p| {
            let listed = listing.stats.as_ref().and_then(|s| s.get(i)).copied();
            let (size, mtime) = listed.unwrap_or_else(|| manifest::stat(p).unwrap_or((0, 0)));
            let known = manifest.get(&manifest::key(p));
            let same = known.is_some_and(|e| e.size == size && e.mtime == mtime);
            (known.is_some(), (!same).then(|| (p.clone(), size, mtime)))
        });
    let listed_known = checked.iter().filter(|(k, _)| *k).count();
    let todo: Vec<Todo> = checked.into_iter().filter_map(|(_, t)| t).collect();
    // Removed files: the manifest's that are not listed (none when all of them are).
    let gone: Vec<String> = if listed_known == manifest.len() {
        Vec::new()
    } else {
        let present: std::collections::HashSet<String> = listing
            .files
            .iter()
            .map(|p| manifest::key(p).into_owned())
            .collect();
        manifest
            .files()
            .map(|(k, _)| k)
            .filter(|k| !present.contains(*k))
            .cloned()
            .collect()
    };
    for path in &gone {
        writer.delete_term(Term::from_field_text(fields.path, path));
        manifest.remove(path);
    }
    result.removed = gone.len();
    if root.is_file() {
        many::update_file(
            &mut writer,
            fields,
            root,
            &mut manifest,
            &mut result,
            (progress, committed),
        )?;
        writer.commit()?;
        manifest.save(&dir)?;
        writer.wait_merging_threads()?;
        return Ok(result);
    }
    let total = todo.len();
    let mut done = 0usize;
    let mut bytes = 0u64;
    for chunk in todo.chunks(COMMIT_EVERY) {
        let outcomes = index_chunk(
            &writer, fields, chunk, &manifest, done, total, &mut bytes, progress,
        );
        for (path, outcome) in outcomes {
            match outcome {
                Outcome::Indexed(entry) => {
                    result.indexed += 1;
                    manifest.insert(manifest::key(&path).into_owned(), entry);
                }
                Outcome::Unchanged(entry) => {
                    manifest.insert(manifest::key(&path).into_owned(), entry);
                }
                Outcome::Unreadable(why) => {
                    let key = manifest::key(&path);
                    writer.delete_term(Term::from_field_text(fields.path, &key));
                    manifest.remove(&key);
                    result.unreadable.push((path, why));
                }
            }
        }
        done += chunk.len();
        writer.commit()?;
        manifest.save(&dir)?;
        if !committed() {
            break;
        }
    }
    // Nothing read: commit only what was removed (an unchanged folder writes nothing).
    let saved = dir.join(manifest::FILE_NAME).exists();
    if total == 0 && (result.removed > 0 || result.rebuilt.is_some() || !saved) {
        writer.commit()?;
        manifest.save(&dir)?;
    }
    writer.wait_merging_threads()?;
    result.unreadable.sort();
    Ok(result)
}

/// Remove an index folder's files (the folder is kept).
fn remove_index(dir: &Path) -> std::io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)
}

/// What became of one file.
enum Outcome {
    /// Parsed and added.
    Indexed(manifest::Entry),
    /// Its content is what the index holds (only its time changed).
    Unchanged(manifest::Entry),
    /// It could not be read.
    Unreadable(String),
}

/// Read, parse and add the files of `chunk` on every core.
#[allow(clippy::too_many_arguments)]
fn index_chunk(
    writer: &IndexWriter<TantivyDocument>,
    fields: Fields,
    chunk: &[(PathBuf, u64, u128)],
    manifest: &Manifest,
    done: usize,
    total: usize,
    bytes: &mut u64,
    progress: Progress<'_>,
) -> Vec<(PathBuf, Outcome)> {
    let read = AtomicU64::new(*bytes);
    let outcomes = crate::corpus::parallel::map_indexed(chunk, |i, (path, size, mtime)| {
        let known = manifest.get(&manifest::key(path));
        let outcome = index_file(writer, fields, path, *size, *mtime, known);
        let so_far = read.fetch_add(*size, Ordering::Relaxed) + size;
        progress(done + i + 1, total, so_far);
        outcome
    });
    *bytes = read.load(Ordering::Relaxed);
    chunk
        .iter()
        .zip(outcomes)
        .map(|((p, _, _), o)| (p.clone(), o))
        .collect()
}

/// Read one file and, unless its content is what the index holds, replace its document.
fn index_file(
    writer: &IndexWriter<TantivyDocument>,
    fields: Fields,
    path: &Path,
    size: u64,
    mtime: u128,
    known: Option<&manifest::Entry>,
) -> Outcome {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Unreadable(
                crate::error::Error::Io {
                    path: path.to_owned(),
                    source: e,
                }
                .reason(),
            );
        }
    };
    let entry = manifest::Entry {
        size,
        mtime,
        hash: crate::fnv::fnv1a64(&bytes),
    };
    if known.is_some_and(|k| k.hash == entry.hash) {
        return Outcome::Unchanged(entry);
    }
    let source = match crate::source::from_bytes(path, &bytes) {
        Ok(s) => s,
        Err(e) => return Outcome::Unreadable(e.reason()),
    };
    let parsed = source.parse_without_definitions();
    let record = Record::new(path.to_owned(), &parsed.cable);
    let key = manifest::key(path).into_owned();
    writer.delete_term(Term::from_field_text(fields.path, &key));
    match writer.add_document(document(fields, &key, &record, &parsed.cable, None)) {
        Ok(_) => Outcome::Indexed(entry),
        Err(e) => Outcome::Unreadable(e.to_string()),
    }
}

/// The tantivy document of one cable (`range`: its bytes in a file of many).
fn document(
    fields: Fields,
    key: &str,
    record: &Record,
    cable: &crate::cable::Cable,
    range: Option<&std::ops::Range<u64>>,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.path, key);
    if let Some(r) = range {
        doc.add_u64(fields.start, r.start);
        doc.add_u64(fields.end, r.end);
    }
    doc.add_text(fields.id, &record.id);
    for r in &record.refs {
        doc.add_text(fields.refs, r);
    }
    for t in &record.tags {
        doc.add_text(fields.tags, t);
    }
    if !record.tags.is_empty() {
        let line = record.tags.join(&schema::TAG_SEPARATOR.to_string());
        doc.add_text(fields.tag_line, line);
    }
    if let Some(o) = record.listed_origin() {
        doc.add_text(fields.origin, o);
    }
    if let Some(c) = &record.classification {
        doc.add_text(fields.classification, c);
    }
    if let Some(s) = &record.subject {
        doc.add_text(fields.subject, s);
    }
    if let Some(year) = record.year().and_then(|y| u64::try_from(y).ok()) {
        doc.add_u64(fields.year, year);
    }
    if let Some(d) = record.date {
        let day = d.format("%Y-%m-%d").to_string();
        doc.add_text(fields.month, &day[..7]);
        doc.add_text(fields.day, &day);
    }
    doc.add_text(fields.body, crate::corpus::Body::new(cable).text);
    doc
}
