//! The sidecar store: loading and saving a cable's annotations without ever losing them.
//!
//! `FILE.annotations.ron` sits beside `FILE` (the embedded cable's lives in the data
//! folder). The rules of `ANNOTATIONS.md` are kept here:
//! - saves are atomic (temp file, fsync, rename) and keep one `.bak` ([`atomic`]);
//! - before each save the file on disk is checked; if another instance changed it, it is
//!   read and merged per annotation id ([`AnnotationSet::merge`]);
//! - a sidecar that cannot be read is reported with line, column and reason and is
//!   **never** written; the run's work goes to a recovery file named in a [`Notice`];
//! - a folder that cannot be written makes the store fall back to the data folder;
//! - input is bounded in size and nesting ([`mod@format`]).
//!
//! Nothing here prints: what the user must be told comes back as [`Notice`]s.
//!
//! The reader's use, in short:
//!
//! ```text
//! let Opened { mut store, mut set, report, notices } = Store::open(&source, &cable)?;
//! // show notices; highlight set.highlights(i, len); list set.orphans() …
//! let change = set.add(Anchor::from_selection(&cable, i, range)?, tags, note);
//! let notices = store.save(&mut set)?;   // after every change; merges other instances
//! remember_tags(&tags);                  // for completion next time (recent_tags())
//! ```

pub mod atomic;
mod fast;
pub mod format;
pub mod paths;
pub mod recent;
pub mod routed;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::Utc;

use crate::annotation::{AnnotationSet, MergeReport, ReanchorReport, text_hash};
use crate::cable::Cable;
use crate::source::Source;

pub use format::{FORMAT_VERSION, FormatError, MAX_SIDECAR_BYTES, RECURSION_LIMIT};
pub use paths::{DATA_DIR_ENV, data_dir, data_sidecar_path, recovery_path, sidecar_path};
pub use recent::{recent_tags, remember_tags};

/// Something the user should be told about their annotation files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A sidecar could not be read; it will not be written.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// What is wrong.
        reason: String,
    },
    /// This run's annotations are saved here instead of the unreadable sidecar.
    Recovery {
        /// The recovery file.
        path: PathBuf,
        /// The sidecar left untouched.
        untouched: PathBuf,
    },
    /// The sidecar's folder cannot be written; annotations are kept in the data folder.
    Fallback {
        /// Where they are kept now.
        path: PathBuf,
        /// Why the usual place failed.
        reason: String,
    },
    /// Annotations were read from the data-folder copy of an earlier fallback.
    FromDataFolder {
        /// That file.
        path: PathBuf,
    },
    /// Another instance had changed the file; its changes were merged in.
    Merged {
        /// The file.
        path: PathBuf,
        /// What came in.
        report: MergeReport,
    },
    /// Recovery files from earlier sessions lie beside the sidecar, not yet merged back.
    RecoveryFilesExist {
        /// The files, sorted.
        paths: Vec<PathBuf>,
    },
    /// Something in the file was repaired or migrated while reading.
    Repaired {
        /// The file.
        path: PathBuf,
        /// What was done.
        message: String,
    },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unreadable {
                path,
                line,
                column,
                reason,
            } => {
                write!(f, "{}", path.display())?;
                if let (Some(l), Some(c)) = (line, column) {
                    write!(f, ":{l}:{c}")?;
                }
                write!(
                    f,
                    ": cannot read the annotations ({reason}); the file is left untouched"
                )
            }
            Self::Recovery { path, untouched } => write!(
                f,
                "annotations made in this session are saved to {} ({} is not overwritten)",
                path.display(),
                untouched.display()
            ),
            Self::Fallback { path, reason } => write!(
                f,
                "cannot write beside the cable ({reason}); annotations are kept in {}",
                path.display()
            ),
            Self::FromDataFolder { path } => {
                write!(f, "annotations also read from {}", path.display())
            }
            Self::Merged { path, report } => write!(
                f,
                "{} was changed by another instance; merged ({} added, {} updated, {} deleted)",
                path.display(),
                report.added,
                report.updated,
                report.deleted
            ),
            Self::RecoveryFilesExist { paths } => {
                write!(
                    f,
                    "notes saved by an earlier session while the sidecar was unreadable:"
                )?;
                for p in paths {
                    write!(f, " {}", p.display())?;
                }
                Ok(())
            }
            Self::Repaired { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

/// A failure to save.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// No data folder could be determined (needed for the embedded cable).
    NoDataDir,
    /// Writing failed everywhere it was tried.
    Write {
        /// The last file tried.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoDataDir => write!(
                f,
                "no data folder for annotations (set {DATA_DIR_ENV} or HOME)"
            ),
            Self::Write { path, source } => {
                write!(f, "{}: cannot save annotations: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Write { source, .. } => Some(source),
            Self::NoDataDir => None,
        }
    }
}

/// What was on disk when last read or written, to notice another writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    len: u64,
    modified: Option<SystemTime>,
    /// The inode: every atomic save makes a new one, so another writer is noticed even
    /// within one tick of the file system's clock.
    inode: u64,
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_meta: &fs::Metadata) -> u64 {
    0
}

/// Where the next save goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    /// The sidecar (or its data-folder fallback).
    Normal,
    /// A recovery file; `broken` is never written.
    Recovery { broken: PathBuf },
}

/// Loads and saves one cable's annotations.
#[derive(Debug, Clone)]
pub struct Store {
    /// The sidecar: beside the cable, or in the data folder for the embedded one.
    primary: PathBuf,
    /// The data-folder copy used when `primary`'s folder cannot be written.
    fallback: Option<PathBuf>,
    /// Where saves go now.
    target: PathBuf,
    mode: Mode,
    seen: Option<Seen>,
    title: String,
    /// Files that must never be written (unreadable when met).
    broken: Vec<PathBuf>,
}

/// Everything the reader needs to start: the store, the re-anchored set, the report.
#[derive(Debug)]
pub struct Opened {
    /// Where saves go.
    pub store: Store,
    /// The annotations, re-anchored on the cable.
    pub set: AnnotationSet,
    /// Exact / moved / orphaned per annotation.
    pub report: ReanchorReport,
    /// Messages for the user.
    pub notices: Vec<Notice>,
}

/// A loaded annotation set and what the user should be told.
#[derive(Debug)]
pub struct Loaded {
    /// The annotations (not yet re-anchored).
    pub set: AnnotationSet,
    /// Messages for the user.
    pub notices: Vec<Notice>,
}

impl Store {
    /// The store for `source` (a file, or the embedded cable).
    ///
    /// # Errors
    /// [`StoreError::NoDataDir`] for the embedded cable when there is no data folder.
    pub fn for_source(source: &Source) -> Result<Self, StoreError> {
        Self::for_cable(source.path.as_deref(), &source.name)
    }

    /// Open `source`'s annotations and re-anchor them on `cable` (its parse): the usual
    /// way to start. After each change, call [`Store::save`]; when its notices include
    /// [`Notice::Merged`], call [`AnnotationSet::reanchor`] again for the new arrivals.
    ///
    /// # Errors
    /// [`StoreError::NoDataDir`] for the embedded cable when there is no data folder.
    pub fn open(source: &Source, cable: &Cable) -> Result<Opened, StoreError> {
        let mut store = Self::for_source(source)?;
        let Loaded { mut set, notices } = store.load();
        let report = set.reanchor(cable, &text_hash(&source.text));
        Ok(Opened {
            store,
            set,
            report,
            notices,
        })
    }

    /// The store for the cable at `path` (`None`: the embedded cable called `name`).
    ///
    /// # Errors
    /// [`StoreError::NoDataDir`] for the embedded cable when there is no data folder.
    pub fn for_cable(path: Option<&Path>, name: &str) -> Result<Self, StoreError> {
        let data = data_dir();
        let (primary, fallback) = match path {
            Some(p) => (
                sidecar_path(p),
                data.map(|d| data_sidecar_path(&d, Some(p), name)),
            ),
            None => (
                data_sidecar_path(&data.ok_or(StoreError::NoDataDir)?, None, name),
                None,
            ),
        };
        // The header comment names the file, not the path it was opened by, so that the
        // sidecar does not change with the working folder.
        let title = match path.and_then(Path::file_name) {
            Some(f) => f.to_string_lossy().into_owned(),
            None => name.split(" (").next().unwrap_or(name).to_owned(),
        };
        Ok(Self::at(primary, fallback, &title))
    }

    /// A store for an explicit sidecar path and optional fallback (tests, tools).
    #[must_use]
    pub fn at(primary: PathBuf, fallback: Option<PathBuf>, title: &str) -> Self {
        Self {
            target: primary.clone(),
            primary,
            fallback,
            mode: Mode::Normal,
            seen: None,
            title: title.to_owned(),
            broken: Vec::new(),
        }
    }

    /// The sidecar beside the cable (or the embedded cable's in the data folder).
    #[must_use]
    pub fn sidecar(&self) -> &Path {
        &self.primary
    }

    /// Where the next save will go.
    #[must_use]
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The cable's name written in the sidecar's header comment (for recovery copies).
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether this run's work is going to a recovery file.
    #[must_use]
    pub fn is_recovering(&self) -> bool {
        matches!(self.mode, Mode::Recovery { .. })
    }

    /// Read the annotations. Never fails: a missing file is an empty set; an unreadable
    /// one is reported in the notices and the store switches to a recovery file.
    pub fn load(&mut self) -> Loaded {
        let mut notices = Vec::new();
        let mut set = AnnotationSet::new();
        let primary = self.primary.clone();
        match read_sidecar(&primary) {
            Ok(None) => self.seen = None,
            Ok(Some((decoded, seen))) => {
                self.seen = Some(seen);
                set = decoded.set;
                notices.extend(
                    decoded
                        .messages
                        .into_iter()
                        .map(|message| Notice::Repaired {
                            path: primary.clone(),
                            message,
                        }),
                );
            }
            Err(notice) => {
                notices.push(notice);
                self.enter_recovery(&primary, &mut notices);
            }
        }
        atomic::remove_stale_temporaries(&primary);
        let earlier = recovery_files(&primary);
        if !earlier.is_empty() {
            notices.push(Notice::RecoveryFilesExist { paths: earlier });
        }
        if let Some(fallback) = self.fallback.clone() {
            match read_sidecar(&fallback) {
                Ok(None) => {}
                Ok(Some((decoded, seen))) => {
                    set.merge(decoded.set);
                    notices.push(Notice::FromDataFolder {
                        path: fallback.clone(),
                    });
                    if self.mode == Mode::Normal && self.target == fallback {
                        self.seen = Some(seen);
                    }
                }
                Err(notice) => {
                    notices.push(notice);
                    self.broken.push(fallback);
                }
            }
        }
        Loaded { set, notices }
    }

    /// Read the annotations without changing anything on disk (no stale temporaries
    /// removed, no recovery file chosen): the sidecar merged with its data-folder copy,
    /// as [`Store::load`] reads them. For tools that only read, such as the corpus-wide
    /// tag export. A file that cannot be read is reported in the notices and skipped.
    #[must_use]
    pub fn peek(&self) -> Loaded {
        let mut set = AnnotationSet::new();
        let mut notices = Vec::new();
        for (i, path) in std::iter::once(&self.primary)
            .chain(self.fallback.as_ref())
            .enumerate()
        {
            match read_sidecar(path) {
                Ok(None) => {}
                Ok(Some((decoded, _))) => {
                    if i == 0 {
                        set = decoded.set;
                    } else {
                        set.merge(decoded.set);
                        notices.push(Notice::FromDataFolder { path: path.clone() });
                    }
                    notices.extend(
                        decoded
                            .messages
                            .into_iter()
                            .map(|message| Notice::Repaired {
                                path: path.clone(),
                                message,
                            }),
                    );
                }
                Err(notice) => notices.push(notice),
            }
        }
        Loaded { set, notices }
    }

    /// Save `set`: merge what another instance wrote meanwhile, then write atomically.
    /// Falls back to the data folder when the sidecar's folder cannot be written, and to
    /// a recovery file when the file on disk has become unreadable. Returns the notices.
    ///
    /// # Errors
    /// [`StoreError::Write`] when no place could be written.
    pub fn save(&mut self, set: &mut AnnotationSet) -> Result<Vec<Notice>, StoreError> {
        self.save_with(set, io::Write::write_all)
    }

    /// [`Store::save`] with the write step supplied (tests inject failures).
    ///
    /// # Errors
    /// [`StoreError::Write`] when no place could be written.
    pub fn save_with(
        &mut self,
        set: &mut AnnotationSet,
        mut write: impl FnMut(&mut fs::File, &[u8]) -> io::Result<()>,
    ) -> Result<Vec<Notice>, StoreError> {
        let mut notices = Vec::new();
        for _attempt in 0..4 {
            let target = self.target.clone();
            if self.mode == Mode::Normal && !self.merge_from_disk(set, &mut notices) {
                continue;
            }
            let text = format::encode(set, &self.title);
            let written = target
                .parent()
                .map_or(Ok(()), |d| {
                    if d.as_os_str().is_empty() || d.is_dir() {
                        Ok(())
                    } else if d.exists() {
                        Err(io::Error::from(io::ErrorKind::NotADirectory))
                    } else {
                        fs::create_dir_all(d)
                    }
                })
                .and_then(|()| atomic::write_atomic_with(&target, text.as_bytes(), &mut write));
            match written {
                Ok(()) => {
                    self.seen = Some(seen_written(&target, text.as_bytes()));
                    return Ok(notices);
                }
                Err(e) if cannot_write_here(&e) => {
                    if !self.next_place(&e, &mut notices) {
                        return Err(StoreError::Write {
                            path: target,
                            source: e,
                        });
                    }
                }
                Err(e) => {
                    return Err(StoreError::Write {
                        path: target,
                        source: e,
                    });
                }
            }
        }
        Err(StoreError::Write {
            path: self.target.clone(),
            source: io::Error::other("no writable place for the annotations"),
        })
    }

    /// Merge the file at the target if it changed since we read or wrote it. Returns
    /// false when it turned out unreadable (the store then moved to a recovery file).
    fn merge_from_disk(&mut self, set: &mut AnnotationSet, notices: &mut Vec<Notice>) -> bool {
        let target = self.target.clone();
        let Ok(meta) = fs::metadata(&target) else {
            return true;
        };
        if let Some(seen) = self.seen
            && meta.is_file()
            && meta.len() == seen.len
            && meta.modified().ok() == seen.modified
            && inode(&meta) == seen.inode
        {
            return true;
        }
        match read_sidecar(&target) {
            Ok(None) => true,
            Ok(Some((decoded, seen))) => {
                // Merging an unchanged copy changes nothing, so no content comparison.
                let report = set.merge(decoded.set);
                if !report.is_empty() {
                    notices.push(Notice::Merged {
                        path: target,
                        report,
                    });
                }
                self.seen = Some(seen);
                true
            }
            Err(notice) => {
                notices.push(notice);
                self.enter_recovery(&target, notices);
                false
            }
        }
    }

    fn enter_recovery(&mut self, broken: &Path, notices: &mut Vec<Notice>) {
        self.broken.push(broken.to_owned());
        let path = recovery_path(broken, Utc::now());
        self.target.clone_from(&path);
        self.seen = None;
        self.mode = Mode::Recovery {
            broken: broken.to_owned(),
        };
        notices.push(Notice::Recovery {
            path,
            untouched: broken.to_owned(),
        });
    }

    /// After a write was refused: move to the data folder (or, when recovering, to a
    /// recovery file there). Returns false when there is nowhere left to go.
    fn next_place(&mut self, error: &io::Error, notices: &mut Vec<Notice>) -> bool {
        let Some(fallback) = self.fallback.clone().or_else(|| {
            data_dir().map(|d| data_sidecar_path(&d, Some(&self.primary), &self.title))
        }) else {
            return false;
        };
        let next = match &self.mode {
            Mode::Normal if self.target != fallback && !self.broken.contains(&fallback) => fallback,
            Mode::Normal => return false,
            Mode::Recovery { broken } => {
                let broken = broken.clone();
                let path = recovery_path(&fallback, Utc::now());
                if self.target == path {
                    return false;
                }
                notices.push(Notice::Recovery {
                    path: path.clone(),
                    untouched: broken,
                });
                self.target = path;
                self.seen = None;
                return true;
            }
        };
        notices.push(Notice::Fallback {
            path: next.clone(),
            reason: error.to_string(),
        });
        self.target = next;
        self.seen = None;
        true
    }
}

/// Recovery files written beside `sidecar` by earlier sessions.
fn recovery_files(sidecar: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (sidecar.parent(), sidecar.file_name()) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    let prefix = format!("{}.recovered-", name.strip_suffix(".ron").unwrap_or(&name));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(&prefix) && n.ends_with(".ron")
        })
        .map(|e| e.path())
        .take(100)
        .collect();
    found.sort();
    found
}

fn cannot_write_here(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied
            | io::ErrorKind::ReadOnlyFilesystem
            | io::ErrorKind::NotADirectory
            | io::ErrorKind::NotFound
            | io::ErrorKind::StorageFull
            | io::ErrorKind::QuotaExceeded
    )
}

fn seen_written(path: &Path, bytes: &[u8]) -> Seen {
    let meta = fs::metadata(path).ok();
    Seen {
        len: bytes.len() as u64,
        modified: meta.as_ref().and_then(|m| m.modified().ok()),
        inode: meta.as_ref().map_or(0, inode),
    }
}

/// Read and decode a sidecar: `Ok(None)` when there is none, `Err` with the notice to show
/// when there is one that cannot be read.
fn read_sidecar(path: &Path) -> Result<Option<(format::Decoded, Seen)>, Notice> {
    let unreadable = |line, column, reason: String| Notice::Unreadable {
        path: path.to_owned(),
        line,
        column,
        reason,
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(unreadable(None, None, e.to_string())),
    };
    if meta.is_dir() {
        return Err(unreadable(
            None,
            None,
            "is a directory, not a file".to_owned(),
        ));
    }
    if !meta.is_file() {
        // A FIFO or a device would block or never end.
        return Err(unreadable(None, None, "not a regular file".to_owned()));
    }
    if meta.len() > MAX_SIDECAR_BYTES {
        return Err(unreadable(
            None,
            None,
            format!(
                "{} bytes, more than the {} MiB limit",
                meta.len(),
                MAX_SIDECAR_BYTES / 1024 / 1024
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    fs::File::open(path)
        .and_then(|f| f.take(MAX_SIDECAR_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| unreadable(None, None, e.to_string()))?;
    if bytes.len() as u64 > MAX_SIDECAR_BYTES {
        return Err(unreadable(
            None,
            None,
            "larger than the size limit".to_owned(),
        ));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, column) = line_col(&bytes[..e.valid_up_to()]);
        unreadable(Some(line), Some(column), "not valid UTF-8".to_owned())
    })?;
    let decoded = format::decode(text).map_err(|e| unreadable(e.line, e.column, e.reason))?;
    let seen = Seen {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode: inode(&meta),
    };
    Ok(Some((decoded, seen)))
}

fn line_col(valid: &[u8]) -> (usize, usize) {
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let last = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&valid[last..]).chars().count() + 1;
    (line, column)
}
