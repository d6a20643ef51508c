//! [`load`]: read a folder of cable files into a [`Corpus`].

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::Record;
use crate::error::Error;
use crate::source;

/// A file's record, or the file and why it could not be read.
type Outcome = Result<Record, (PathBuf, String)>;

/// The cables read from one folder.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The folder they were read from.
    pub root: PathBuf,
    /// One record per file read, in walk order (file names sorted, depth first).
    pub records: Vec<Record>,
    /// Files and folders that could not be read, with why, sorted by path.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Read and parse every cable file under `root` (see the module documentation of
/// [`crate::corpus`]), on as many threads as there are cores.
///
/// # Errors
/// Only when `root` itself cannot be listed; a file that cannot be read is listed in
/// [`Corpus::unreadable`].
pub fn load(root: &Path) -> Result<Corpus, Error> {
    let listing = crate::check::cable_files(root)?;
    let files = listing.files;
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files.len().max(1));
    let next = Mutex::new(0usize);
    let results: Vec<Vec<(usize, Outcome)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = {
                            let Ok(mut n) = next.lock() else { break };
                            let i = *n;
                            *n += 1;
                            i
                        };
                        let Some(path) = files.get(i) else { break };
                        out.push((i, read_one(path)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut all: Vec<_> = results.into_iter().flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    let mut corpus = Corpus {
        root: root.to_owned(),
        records: Vec::with_capacity(all.len()),
        unreadable: listing.unreadable,
    };
    for (_, result) in all {
        match result {
            Ok(record) => corpus.records.push(record),
            Err(bad) => corpus.unreadable.push(bad),
        }
    }
    corpus.unreadable.sort();
    Ok(corpus)
}

/// One file as a record, or why it could not be read.
fn read_one(path: &Path) -> Outcome {
    let source = source::read(path).map_err(|e| (path.to_owned(), e.reason()))?;
    let parsed = source.parse();
    Ok(Record::new(path.to_owned(), &parsed.cable))
}
