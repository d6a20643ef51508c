//! Opening a cable file with visible progress, so a very large file never looks like a
//! frozen terminal.
//!
//! Reading and parsing run on a background thread; the calling thread redraws one
//! status line on stderr (a spinner, the file name, megabytes read, then "parsing") every
//! [`TICK`] until the work is done, then erases it. This happens before the reader
//! enters the alternate screen, so the line is on the user's normal screen and never
//! mixes with the reader's drawing. Small files (below [`PROGRESS_THRESHOLD`]) and a
//! stderr that is not a terminal get no line at all.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crate::error::Result;
use crate::parse::{self, Parsed};
use crate::source::{self, Source};

/// Files at least this big (in bytes) are opened with a progress line.
pub const PROGRESS_THRESHOLD: u64 = 8 * 1024 * 1024;

/// How often the progress line is redrawn.
pub const TICK: Duration = Duration::from_millis(100);

const SPINNER: [char; 4] = ['-', '\\', '|', '/'];

/// One progress line: `- Opening big.txt… 12.0 of 50.0 MB read`, or `… parsing 50.0 MB`
/// once every byte is in.
#[must_use]
pub fn progress_line(name: &str, tick: usize, read: u64, total: u64, parsing: bool) -> String {
    let mb = |b: u64| {
        // Display only: two decimal digits of precision are plenty.
        #[allow(clippy::cast_precision_loss)]
        let m = b as f64 / (1024.0 * 1024.0);
        m
    };
    let spin = SPINNER[tick % SPINNER.len()];
    let name = crate::sanitize::sanitize(name);
    if parsing {
        format!("{spin} Opening {name}… parsing {:.1} MB", mb(total))
    } else {
        format!(
            "{spin} Opening {name}… {:.1} of {:.1} MB read",
            mb(read),
            mb(total)
        )
    }
}

/// Read and parse `path`; when the file is at least `threshold` bytes, show progress on
/// `out` (a terminal: the line is redrawn with `\r` and erased at the end).
///
/// # Errors
/// As [`source::read`].
pub fn open_with_progress(
    path: &Path,
    threshold: u64,
    out: &mut dyn Write,
) -> Result<(Source, Parsed)> {
    let total = std::fs::metadata(path).map_or(0, |m| m.len());
    if total < threshold || path.is_dir() {
        let source = source::read(path)?;
        let parsed = parse::parse(&source.text);
        return Ok((source, parsed));
    }
    let read = Arc::new(AtomicU64::new(0));
    let parsing = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    let worker = {
        let (read, parsing, path) = (Arc::clone(&read), Arc::clone(&parsing), path.to_owned());
        std::thread::spawn(move || {
            let result = source::read_counting(&path, &read).map(|source| {
                parsing.store(true, Ordering::Relaxed);
                let parsed = parse::parse(&source.text);
                (source, parsed)
            });
            // The receiver only goes away if the caller panicked; nothing to do then.
            let _ = tx.send(result);
        })
    };
    let name = path.display().to_string();
    let mut tick = 0;
    let result = loop {
        let line = progress_line(
            &name,
            tick,
            read.load(Ordering::Relaxed),
            total,
            parsing.load(Ordering::Relaxed),
        );
        // Progress is a courtesy: a failing stderr must not stop the file opening.
        let _ = write!(out, "\r\x1b[2K{line}");
        let _ = out.flush();
        tick += 1;
        match rx.recv_timeout(TICK) {
            Ok(result) => break Some(result),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break None,
        }
    };
    let _ = write!(out, "\r\x1b[2K");
    let _ = out.flush();
    match result {
        Some(result) => result,
        None => {
            // The worker died without an answer (a panic in the parser): say so plainly.
            let panic = worker.join().err();
            let what = panic
                .as_ref()
                .and_then(|p| p.downcast_ref::<&str>().map(ToString::to_string))
                .unwrap_or_else(|| "the parser stopped unexpectedly".to_owned());
            Err(crate::error::Error::Io {
                path: path.to_owned(),
                source: std::io::Error::other(what),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_what_is_happening() {
        let mb = 1024 * 1024;
        assert_eq!(
            progress_line("big.txt", 0, 3 * mb, 12 * mb, false),
            "- Opening big.txt… 3.0 of 12.0 MB read"
        );
        assert_eq!(
            progress_line("big.txt", 1, 12 * mb, 12 * mb, true),
            "\\ Opening big.txt… parsing 12.0 MB"
        );
        assert!(!progress_line("a\x1b[2Jb", 0, 0, 0, false).contains('\x1b'));
    }

    #[test]
    fn large_files_show_progress_and_small_ones_do_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("cable.txt");
        std::fs::write(&path, crate::EMBEDDED_CABLE).expect("write");
        let mut out = Vec::new();
        let (source, parsed) = open_with_progress(&path, u64::MAX, &mut out).expect("opens");
        assert!(out.is_empty());
        assert_eq!(source.text, crate::EMBEDDED_CABLE);
        let small = parsed.cable.paragraphs.len();

        let (source, parsed) = open_with_progress(&path, 1, &mut out).expect("opens");
        let shown = String::from_utf8(out).expect("utf-8");
        assert!(shown.contains("Opening "), "{shown:?}");
        assert!(
            shown.ends_with("\r\x1b[2K"),
            "the line is erased: {shown:?}"
        );
        assert_eq!(source.text, crate::EMBEDDED_CABLE);
        assert_eq!(parsed.cable.paragraphs.len(), small);

        let mut out = Vec::new();
        let missing = open_with_progress(&dir.path().join("nope.txt"), 1, &mut out);
        assert!(missing.is_err());
    }
}
