//! The index of a file that holds many cables (a Cablegate CSV dump, a concatenation).
//!
//! The same index as a folder's, keyed by the file: one document per cable, each with the
//! file as its `path` and its bytes in the file (`start`, `end`), so the library lists,
//! searches and opens it like a cable of a folder ([`super::Entry::range`]). The file is
//! one manifest entry; when its size or time changes and its content hash does not match,
//! its documents are deleted and the file read again. Cables are found as the file is
//! read ([`crate::split::Pieces`]) and committed in batches, the first one small
//! ([`FIRST_BATCH`]) so the library's first screen waits only for the start of the file;
//! the file enters the manifest after the last commit, so a build killed half-way is
//! read again from the start next time.

use std::path::Path;

use tantivy::schema::Term;
use tantivy::{IndexWriter, TantivyDocument};

use super::manifest::{self, Manifest};
use super::schema::Fields;
use super::{COMMIT_EVERY, Committed, IndexError, Progress, Update, document};
use crate::split::{Piece, Pieces};

/// Cables in the first commit: enough for a first screen.
pub const FIRST_BATCH: usize = 50;

/// Index the cables of `file` when it changed since the manifest's entry, committing each
/// batch (see the module documentation).
pub(super) fn update_file(
    writer: &mut IndexWriter<TantivyDocument>,
    fields: Fields,
    file: &Path,
    manifest: &mut Manifest,
    result: &mut Update,
    on: (Progress<'_>, Committed<'_>),
) -> Result<(), IndexError> {
    let (progress, committed) = on;
    let key = manifest::key(file).into_owned();
    let (size, mtime) = manifest::stat(file).unwrap_or((0, 0));
    let known = manifest.get(&key).copied();
    if known.is_some_and(|e| e.size == size && e.mtime == mtime) {
        return Ok(());
    }
    // Touched or copied but the same bytes: the time is updated, nothing re-indexed.
    if let Some(k) = known
        && k.size == size
        && k.hash != 0
        && manifest::hash_file(file).is_ok_and(|h| h == k.hash)
    {
        manifest.insert(key, manifest::Entry { mtime, ..k });
        return Ok(());
    }
    let mut pieces = Pieces::open(file).map_err(|source| {
        IndexError::Corpus(crate::error::Error::Io {
            path: file.to_owned(),
            source,
        })
    })?;
    writer.delete_term(Term::from_field_text(fields.path, &key));
    manifest.remove(&key);
    let mut done = 0usize;
    let mut batch_size = FIRST_BATCH;
    loop {
        let batch: Vec<Piece> = pieces
            .by_ref()
            .take(batch_size)
            .filter_map(|p| match p {
                Ok(p) => Some(p),
                Err(bad) => {
                    let at = format!("{}#{}", file.display(), bad.number);
                    result.unreadable.push((at.into(), bad.why));
                    None
                }
            })
            .collect();
        if batch.is_empty() {
            break;
        }
        let adder: &IndexWriter<TantivyDocument> = writer;
        let added = crate::corpus::parallel::map_indexed(&batch, |_, piece| {
            let parsed = piece.parse();
            let record = crate::corpus::load::record_of(file, piece, &parsed.cable);
            adder.add_document(document(
                fields,
                &key,
                &record,
                &parsed.cable,
                Some(&piece.range),
            ))
        });
        for (piece, outcome) in batch.iter().zip(added) {
            match outcome {
                Ok(_) => result.indexed += 1,
                Err(e) => {
                    let at = format!("{}#{}", file.display(), piece.number);
                    result.unreadable.push((at.into(), e.to_string()));
                }
            }
        }
        done += batch.len();
        writer.commit()?;
        let read = batch.last().map_or(0, |p| p.range.end);
        progress(done, estimate(done, read, size), read);
        if !committed() {
            // Stopped: the file is not in the manifest, so the next update reads it again.
            return Ok(());
        }
        batch_size = COMMIT_EVERY;
    }
    // Hashed after the last commit, so the first screen does not wait for it; a file
    // that changed meanwhile keeps no hash (its next change of time re-reads it).
    let hash = manifest::hash_file(file).unwrap_or(0);
    let hash = if manifest::stat(file) == Some((size, mtime)) {
        hash
    } else {
        0
    };
    manifest.insert(key, manifest::Entry { size, mtime, hash });
    Ok(())
}

/// The cables of a file of `size` bytes, at the rate so far (`done` in the first `read`).
fn estimate(done: usize, read: u64, size: u64) -> usize {
    if read == 0 {
        return done;
    }
    let total = u128::from(size) * done as u128 / u128::from(read);
    usize::try_from(total).unwrap_or(usize::MAX).max(done)
}
