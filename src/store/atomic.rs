//! Writing a file so that a crash or a full disk never leaves it half-written.
//!
//! The bytes go to a temporary file in the same folder (so the rename cannot cross file
//! systems), are flushed to disk with `fsync`, the previous version is kept as `FILE.bak`
//! (a hard link, so it costs no copy), and the temporary file is renamed over `FILE` —
//! an atomic step on POSIX file systems. Readers see the old file or the new one, never
//! a mix. KOReader's `metadata.lua` saving works the same way.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// `FILE.bak` beside `FILE`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replace `path` with `bytes` atomically, keeping the previous version as `FILE.bak`.
///
/// # Errors
/// Any I/O error; `path` is then unchanged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, bytes, |f, b| f.write_all(b))
}

/// Replace `path` with `bytes` atomically, without keeping a backup (for files that are
/// cheap to lose, such as reading positions).
///
/// # Errors
/// Any I/O error; `path` is then unchanged.
pub fn replace_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_temp_then_rename(path, bytes, false, |f, b| f.write_all(b))
}

/// [`write_atomic`] with the writing step supplied (tests inject failures here).
///
/// # Errors
/// Any I/O error, including one returned by `write`; `path` is then unchanged and the
/// temporary file removed.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    write_temp_then_rename(path, bytes, true, write)
}

fn write_temp_then_rename(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    // A stale temporary file left by a crashed process may hold the name: try others.
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{name}.tmp-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let written = write(&mut file, bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if keep_backup && fs::metadata(path).is_ok_and(|m| m.is_file()) {
        let bak = backup_path(path);
        let _ = fs::remove_file(&bak);
        if fs::hard_link(path, &bak).is_err() {
            // Best effort: a missing backup must not stop the save itself.
            let _ = fs::copy(path, &bak);
        }
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    // Make the rename itself durable (POSIX; a no-op error elsewhere is ignored).
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Remove temporary files of `path` left by crashed saves: only ones untouched for ten
/// minutes, so a save in progress in another instance is never disturbed.
pub fn remove_stale_temporaries(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok).take(10_000) {
        if !e.file_name().to_string_lossy().starts_with(&prefix) {
            continue;
        }
        let old = e
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 600);
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}
