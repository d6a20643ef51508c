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

/// Read and parse every cable file under `root` (see the module documentation of
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
    Ok(corpus)
}

/// One file as a record, or why it could not be read.
fn read_one(path: &Path) -> Outcome {
    let source = source::read(path).map_err(|e| (path.to_owned(), e.reason()))?;
    let parsed = source.parse();
    Ok(Record::new(path.to_owned(), &parsed.cable))
}

/// Read a Cablegate CSV dump (`cables.csv`): fields in double quotes, a quote escaped with
/// a backslash, newlines kept; columns record number, date, id, origin, classification,
/// referrer, header (the routing block, `null` or empty for partial records), body. Each
/// record's text is its header and body, parsed with the id column as the name hint; a
/// record that cannot be read is listed as `FILE#N`.
///
/// # Errors
/// When the file cannot be opened.
pub fn load_csv(path: &Path) -> Result<Corpus, Error> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .double_quote(false)
        .escape(Some(b'\\'))
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let mut corpus = Corpus {
        root: path.to_owned(),
        ..Corpus::default()
    };
    for (n, row) in reader.records().enumerate() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let at = PathBuf::from(format!("{}#{}", path.display(), n + 1));
                corpus.unreadable.push((at, e.to_string()));
                continue;
            }
        };
        let field = |i| row.get(i).unwrap_or("");
        let (id, header, body) = (field(2), field(6), field(7));
        let mut text = String::with_capacity(header.len() + body.len() + 2);
        if !matches!(header.trim(), "" | "null") {
            text.push_str(header);
            text.push_str("\n\n");
        }
        text.push_str(body);
        let text = text.replace("\r\n", "\n");
        let parsed = crate::parse::parse_with(&text, &crate::parse::Hints { name: Some(id) });
        let mut record = Record::new(path.to_owned(), &parsed.cable);
        if parsed.cable.id.is_none() && !id.is_empty() {
            record.id = id.to_owned();
        }
        corpus.records.push(record);
    }
    Ok(corpus)
}
