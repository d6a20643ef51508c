//! [`load`]: read a folder of cable files, or a Cablegate CSV dump, into a [`Corpus`].

use std::path::{Path, PathBuf};

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

/// Read the header of every cable file under `root` (see the module documentation of
/// [`crate::corpus`]), on as many threads as there are cores.
///
/// # Errors
/// Only when `root` itself cannot be listed; a file that cannot be read is listed in
/// [`Corpus::unreadable`].
pub fn load(root: &Path) -> Result<Corpus, Error> {
    if root.is_file() {
        return load_csv(root);
    }
    let listing = crate::check::cable_files(root)?;
    let files = listing.files;
    let all = super::parallel::map_indexed(&files, |_, path| read_one(path));
    let mut corpus = Corpus {
        root: root.to_owned(),
        records: Vec::with_capacity(all.len()),
        unreadable: listing.unreadable,
    };
    for result in all {
        match result {
            Ok(record) => corpus.records.push(record),
            Err(bad) => corpus.unreadable.push(bad),
        }
    }
    corpus.unreadable.sort();
    super::place_undated(&mut corpus.records);
    Ok(corpus)
}

/// One file as a record, or why it could not be read.
fn read_one(path: &Path) -> Outcome {
    let source = source::read(path).map_err(|e| (path.to_owned(), e.reason()))?;
    Ok(Record::new(path.to_owned(), &source.parse_header()))
}

/// Read a file that holds many cables ([`crate::split`]): a Cablegate CSV dump
/// (`cables.csv`; each record's header read with the id column as the name
/// hint) or plain-text cables one after another. A cable that cannot be read is listed as
/// `FILE#N`.
///
/// # Errors
/// When the file cannot be opened.
pub fn load_csv(path: &Path) -> Result<Corpus, Error> {
    let pieces = crate::split::Pieces::open(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut corpus = Corpus {
        root: path.to_owned(),
        ..Corpus::default()
    };
    for piece in pieces {
        match piece {
            Ok(piece) => corpus.records.push(piece_record(path, &piece)),
            Err(bad) => {
                let at = PathBuf::from(format!("{}#{}", path.display(), bad.number));
                corpus.unreadable.push((at, bad.why));
            }
        }
    }
    super::place_undated(&mut corpus.records);
    Ok(corpus)
}

/// The record of one cable of a file of many: its id from the text, else the file's.
#[must_use]
pub fn piece_record(path: &Path, piece: &crate::split::Piece) -> Record {
    record_of(path, piece, &piece.parse_header())
}

/// [`piece_record`] of a piece already parsed into `cable`.
#[must_use]
pub fn record_of(path: &Path, piece: &crate::split::Piece, cable: &crate::cable::Cable) -> Record {
    let mut record = Record::new(path.to_owned(), cable);
    if cable.id.is_none() {
        record.id = piece
            .name
            .clone()
            .unwrap_or_else(|| format!("@{}", piece.range.start));
    }
    record
}
