//! The manifest: what the index holds of each file (size, modification time, content
//! hash), and the parser version that read them. Saved after each commit; a file whose
//! size and time match is not read again, one whose hash matches is not re-indexed.
//!
//! Over 251k files the whole manifest is 35 MB of JSON, too much to write and sync at
//! each commit of an update that changed a hundred files. So a save appends the changes
//! since the last one to a journal (`cablescope-manifest.log`, a JSON line each, synced)
//! and rewrites the whole file only when the journal has grown to a quarter of it;
//! loading replays the journal over the whole file. A line cut short by a killed process
//! is ignored with what follows it: its files then differ from the manifest and are read
//! again, as after a kill between a commit and its save.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The parser version: a change re-indexes everything. Raise it when the parser reads
/// any field of the index differently, or when the index's fields change (2: nothing
/// stored, the listed fields in columns; 3: the year of an undated cable from its id,
/// the classification as WikiLeaks names it; 4: the cables of a file of many, by byte
/// range; 5: a first paragraph glued after the Classified By line, REF lists and TAGS
/// read further, Paris' print page headers left out of the text; 6: a cable without a
/// sender listed under its id's station, subjects and REF lists read further; 7: a
/// portion marking after a subject's words left out, a `¶` past a blank line that
/// completes a paragraph phrase joined to it, a `¶` on a wrapped year dropped, a marking
/// before a paragraph's number, signatures read further; 8: a paragraph number behind
/// the sequence with a portion marking read as printed, its `¶N. (C)` out of the text;
/// 9: a `Derived from:` line and the caveat of a sensitive but unclassified cable no
/// longer a subject's last words, the classification said again with its caveat and
/// handling in small letters read, so NOFORN where the text says so; 10: a title
/// wrapped over its rule, underlined line by line or glued after a paragraph's last
/// sentence no longer in the paragraph's text, a line closing quoted material in it).
pub const PARSER_VERSION: u32 = 10;

/// File name of the manifest inside the index folder.
pub const FILE_NAME: &str = "cablescope-manifest.json";

/// File name of its journal: the changes saved since the manifest was last written whole.
pub const JOURNAL_NAME: &str = "cablescope-manifest.log";

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
    files: BTreeMap<String, Entry>,
    /// What changed since the last save: an entry set, or `None` for one removed.
    #[serde(skip)]
    changes: BTreeMap<String, Option<Entry>>,
    /// Bytes of the whole file and of its journal as last saved or loaded; `None` until
    /// the whole file is written or read (a new or rebuilt index writes it first), and
    /// after a journal with a line cut short (the next save writes the whole).
    #[serde(skip)]
    saved: Option<(u64, u64)>,
}

/// One save's changes, a line of the journal.
#[derive(Serialize, Deserialize)]
struct Changes {
    /// Entries set.
    set: BTreeMap<String, Entry>,
    /// Paths removed.
    gone: Vec<String>,
}

impl Manifest {
    /// The manifest in `dir` with its journal replayed, or `None` when it is missing or
    /// cannot be read.
    #[must_use]
    pub fn load(dir: &Path) -> Option<Self> {
        let bytes = std::fs::read(dir.join(FILE_NAME)).ok()?;
        let mut manifest: Self = serde_json::from_slice(&bytes).ok()?;
        let journal = std::fs::read(dir.join(JOURNAL_NAME)).unwrap_or_default();
        // Whole lines only, each read until one does not parse (a save cut short).
        let mut kept = 0;
        for line in journal.split_inclusive(|&b| b == b'\n') {
            let Some(changes) = line
                .strip_suffix(b"\n")
                .and_then(|l| serde_json::from_slice::<Changes>(l).ok())
            else {
                break;
            };
            manifest.files.extend(changes.set);
            for path in &changes.gone {
                manifest.files.remove(path);
            }
            kept += line.len();
        }
        manifest.saved = (kept == journal.len()).then_some((bytes.len() as u64, kept as u64));
        Some(manifest)
    }

    /// The entry of the file at `path`.
    #[must_use]
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.files.get(path)
    }

    /// Every file's path and entry, by path.
    pub fn files(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.files.iter()
    }

    /// How many files it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Set the entry of the file at `path`.
    pub fn insert(&mut self, path: String, entry: Entry) {
        if self.files.get(&path) != Some(&entry) {
            self.files.insert(path.clone(), entry);
            self.changes.insert(path, Some(entry));
        }
    }

    /// Forget the file at `path`.
    pub fn remove(&mut self, path: &str) {
        if self.files.remove(path).is_some() {
            self.changes.insert(path.to_owned(), None);
        }
    }

    /// Save into `dir`: the changes since the last save appended to the journal, or the
    /// whole manifest written atomically (and the journal emptied) when there is none
    /// yet or the journal would outgrow a quarter of it.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn save(&mut self, dir: &Path) -> std::io::Result<()> {
        if let Some((whole, journal)) = self.saved {
            let (mut set, mut gone) = (BTreeMap::new(), Vec::new());
            for (path, change) in std::mem::take(&mut self.changes) {
                match change {
                    Some(entry) => {
                        set.insert(path, entry);
                    }
                    None => gone.push(path),
                }
            }
            if set.is_empty() && gone.is_empty() {
                return Ok(());
            }
            let mut line =
                serde_json::to_vec(&Changes { set, gone }).map_err(std::io::Error::from)?;
            line.push(b'\n');
            let grown = journal + line.len() as u64;
            if grown <= whole / 4 && append(&dir.join(JOURNAL_NAME), &line).is_ok() {
                self.saved = Some((whole, grown));
                return Ok(());
            }
        }
        self.write_whole(dir)
    }

    /// Empty the journal, then write the whole manifest atomically (killed between the
    /// two, the manifest lacks the journal's changes, and their files are read again).
    fn write_whole(&mut self, dir: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(dir.join(JOURNAL_NAME)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::from)?;
        crate::store::atomic::replace_atomic(&dir.join(FILE_NAME), &bytes)?;
        self.changes.clear();
        self.saved = Some((bytes.len() as u64, 0));
        Ok(())
    }
}

/// The key of the file at `path` in the manifest and in the index's path field: the
/// path as text (borrowed when it is UTF-8, as nearly every one is: the check of an
/// unchanged corpus looks up every file's).
#[must_use]
pub fn key(path: &Path) -> std::borrow::Cow<'_, str> {
    path.to_string_lossy()
}

/// Append `line` to the journal at `path` and sync it.
fn append(path: &Path, line: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(line)?;
    file.sync_data()
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

/// Size and modification time of a file ([`crate::check::size_and_mtime`]).
#[must_use]
pub fn stat(path: &Path) -> Option<(u64, u128)> {
    std::fs::metadata(path)
        .ok()
        .map(|m| crate::check::size_and_mtime(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(size: u64) -> Entry {
        Entry {
            size,
            mtime: u128::from(size) * 1_000,
            hash: size ^ 0xFF,
        }
    }

    /// A manifest of `n` files, saved whole in `dir`.
    fn saved(dir: &Path, n: u64) -> Manifest {
        let mut m = Manifest {
            parser_version: PARSER_VERSION,
            root: "/corpus".to_owned(),
            ..Manifest::default()
        };
        for i in 0..n {
            m.insert(format!("/corpus/{i:04}.txt"), entry(i));
        }
        m.save(dir).expect("saved");
        m
    }

    fn journal(dir: &Path) -> String {
        std::fs::read_to_string(dir.join(JOURNAL_NAME)).unwrap_or_default()
    }

    #[test]
    fn a_save_appends_its_changes_and_a_load_replays_them() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path();
        let mut m = saved(dir, 100);
        assert_eq!(journal(dir), "", "the first save writes the whole manifest");
        let whole = std::fs::read(dir.join(FILE_NAME)).expect("whole");
        m.insert("/corpus/0001.txt".to_owned(), entry(7));
        m.insert("/corpus/new.txt".to_owned(), entry(8));
        m.remove("/corpus/0002.txt");
        m.remove("/corpus/not-there.txt");
        m.save(dir).expect("saved");
        assert_eq!(std::fs::read(dir.join(FILE_NAME)).expect("whole"), whole);
        assert_eq!(
            journal(dir),
            concat!(
                r#"{"set":{"/corpus/0001.txt":{"size":7,"mtime":7000,"hash":248},"#,
                r#""/corpus/new.txt":{"size":8,"mtime":8000,"hash":247}},"#,
                r#""gone":["/corpus/0002.txt"]}"#,
                "\n"
            )
        );
        // Nothing changed: nothing written.
        m.save(dir).expect("saved");
        assert_eq!(journal(dir).lines().count(), 1);
        let loaded = Manifest::load(dir).expect("loads");
        assert_eq!(loaded.files, m.files);
        assert_eq!(loaded.len(), 100);
        assert_eq!(loaded.get("/corpus/0001.txt"), Some(&entry(7)));
        assert_eq!(loaded.get("/corpus/0002.txt"), None);
    }

    #[test]
    fn a_line_cut_short_is_ignored_and_the_next_save_writes_the_whole() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path();
        let mut m = saved(dir, 100);
        m.insert("/corpus/0001.txt".to_owned(), entry(7));
        m.save(dir).expect("saved");
        let before = m.files.clone();
        // A save killed while appending: part of a line, no newline.
        let mut torn = journal(dir);
        torn.push_str(r#"{"set":{"/corpus/0003.txt":{"size":9"#);
        std::fs::write(dir.join(JOURNAL_NAME), torn).expect("written");
        let mut loaded = Manifest::load(dir).expect("loads");
        assert_eq!(loaded.files, before);
        loaded.insert("/corpus/0004.txt".to_owned(), entry(10));
        loaded.save(dir).expect("saved");
        assert_eq!(journal(dir), "", "written whole, the journal emptied");
        let again = Manifest::load(dir).expect("loads");
        assert_eq!(again.files, loaded.files);
        assert_eq!(again.get("/corpus/0001.txt"), Some(&entry(7)));
        assert_eq!(again.get("/corpus/0004.txt"), Some(&entry(10)));
    }

    #[test]
    fn the_whole_is_written_again_when_the_journal_outgrows_a_quarter_of_it() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path();
        let mut m = saved(dir, 40);
        let whole = std::fs::metadata(dir.join(FILE_NAME)).expect("whole").len();
        let mut lines = 0;
        for i in 0..40 {
            m.insert(format!("/corpus/{i:04}.txt"), entry(1_000 + i));
            m.save(dir).expect("saved");
            let now = journal(dir);
            assert!(now.len() as u64 <= whole / 4 + 1, "{}", now.len());
            if now.lines().count() < lines {
                // Rewritten: the whole holds every change so far.
                assert_eq!(now, "");
                let loaded = Manifest::load(dir).expect("loads");
                assert_eq!(loaded.files, m.files);
                assert_eq!(
                    loaded.get(&format!("/corpus/{i:04}.txt")),
                    Some(&entry(1_000 + i))
                );
                return;
            }
            lines = now.lines().count();
        }
        panic!("the journal was never folded into the whole");
    }
}
