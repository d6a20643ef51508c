//! The manifest: what the index holds of each file (size, modification time, content
//! hash), and the parser version that read them. Written after each commit; a file whose
//! size and time match is not read again, one whose hash matches is not re-indexed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The parser version: a change re-indexes everything. Raise it when the parser reads
/// any field of the index differently, or when the index's fields change (2: nothing
/// stored, the listed fields in columns; 3: the year of an undated cable from its id,
/// the classification as WikiLeaks names it; 4: the cables of a file of many, by byte
/// range; 5: a first paragraph glued after the Classified By line, REF lists and TAGS
/// read further, Paris' print page headers left out of the text; 6: a cable without a
/// sender listed under its id's station, subjects and REF lists read further).
pub const PARSER_VERSION: u32 = 6;

/// File name of the manifest inside the index folder.
pub const FILE_NAME: &str = "cablescope-manifest.json";

/// One indexed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch (0 when unknown).
    pub mtime: u128,
    /// FNV-1a 64 of the bytes ([`hash_file`] for a file of many cables, 0 when an older
    /// version indexed it).
    pub hash: u64,
}

/// The files the index holds, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`PARSER_VERSION`] of the parser that read the files.
    pub parser_version: u32,
    /// The corpus root the index is for.
    pub root: String,
    /// Indexed files by path.
    pub files: BTreeMap<String, Entry>,
}

impl Manifest {
    /// The manifest in `dir`, or `None` when it is missing or cannot be read.
    #[must_use]
    pub fn load(dir: &Path) -> Option<Self> {
        let bytes = std::fs::read(dir.join(FILE_NAME)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Write the manifest into `dir`, atomically.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::from)?;
        crate::store::atomic::replace_atomic(&dir.join(FILE_NAME), &bytes)
    }
}

/// FNV-1a 64 of the content of the file `path`, read in chunks (a file of many cables
/// can be larger than memory).
///
/// # Errors
/// When the file cannot be read.
pub fn hash_file(path: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut h = crate::fnv::FNV_START;
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Ok(h),
            Ok(n) => h = crate::fnv::fnv1a64_more(h, buf.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Size and modification time of a file.
#[must_use]
pub fn stat(path: &Path) -> Option<(u64, u128)> {
    let m = std::fs::metadata(path).ok()?;
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Some((m.len(), mtime))
}
