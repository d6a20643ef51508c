//! Opening a cable file with visible progress, so a very large file never looks like a
//! frozen terminal.
//!
//! The work (reading, parsing, building the reader's indexes) stays on the calling
//! thread, because the reader's state is not `Send`; a small [`Progress`] thread redraws
//! one status line on stderr (a spinner, the file name, megabytes read, then the phase)
//! every [`TICK`] until the work is done, then erases it. This happens before the reader
//! enters the alternate screen, so the line is on the user's normal screen and never
//! mixes with the reader's drawing. Files below [`PROGRESS_THRESHOLD`] and a stderr that
//! is not a terminal get no line at all.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::error::Result;
use crate::parse::Parsed;
use crate::source::{self, Source};

/// Files at least this big (in bytes) are opened with a progress line.
pub const PROGRESS_THRESHOLD: u64 = 8 * 1024 * 1024;

/// How often the progress line is redrawn.
pub const TICK: Duration = Duration::from_millis(100);

const SPINNER: [char; 4] = ['-', '\\', '|', '/'];

/// What the loading is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Phase {
    /// Reading bytes (the line shows how many).
    Reading = 0,
    /// Parsing the text.
    Parsing = 1,
    /// Building the reader's indexes.
    Preparing = 2,
}

impl Phase {
    fn from_u8(n: u8) -> Self {
        match n {
            0 => Self::Reading,
            1 => Self::Parsing,
            _ => Self::Preparing,
        }
    }
}

/// One progress line: `- Opening big.txt… 12.0 of 50.0 MB read`, then `… parsing 50.0 MB`
/// and `… preparing the reader`.
#[must_use]
pub fn progress_line(name: &str, tick: usize, read: u64, total: u64, phase: Phase) -> String {
    let mb = |b: u64| {
        // Display only: a tenth of a megabyte is plenty.
        #[allow(clippy::cast_precision_loss)]
        let m = b as f64 / (1024.0 * 1024.0);
        m
    };
    let spin = SPINNER[tick % SPINNER.len()];
    let name = crate::sanitize::sanitize(name);
    match phase {
        Phase::Reading => format!(
            "{spin} Opening {name}… {:.1} of {:.1} MB read",
            mb(read),
            mb(total)
        ),
        Phase::Parsing => format!("{spin} Opening {name}… parsing {:.1} MB", mb(total)),
        Phase::Preparing => format!("{spin} Opening {name}… preparing the reader"),
    }
}

/// A progress line drawn by its own thread until [`Progress::finish`] (or drop).
pub struct Progress {
    read: Arc<AtomicU64>,
    phase: Arc<AtomicU8>,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Start drawing on `out` for a file `name` of `total` bytes.
    pub fn start(name: String, total: u64, mut out: Box<dyn Write + Send>) -> Self {
        let read = Arc::new(AtomicU64::new(0));
        let phase = Arc::new(AtomicU8::new(Phase::Reading as u8));
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = {
            let (read, phase) = (Arc::clone(&read), Arc::clone(&phase));
            std::thread::spawn(move || {
                let mut tick = 0;
                loop {
                    let line = progress_line(
                        &name,
                        tick,
                        read.load(Ordering::Relaxed),
                        total,
                        Phase::from_u8(phase.load(Ordering::Relaxed)),
                    );
                    // Progress is a courtesy: a failing stderr must not stop the opening.
                    let _ = write!(out, "\r\x1b[2K{line}");
                    let _ = out.flush();
                    tick += 1;
                    if !matches!(
                        stopped.recv_timeout(TICK),
                        Err(mpsc::RecvTimeoutError::Timeout)
                    ) {
                        break;
                    }
                }
                let _ = write!(out, "\r\x1b[2K");
                let _ = out.flush();
            })
        };
        Self {
            read,
            phase,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// The byte counter the reading adds to.
    #[must_use]
    pub fn counter(&self) -> &AtomicU64 {
        &self.read
    }

    /// Move to the next phase.
    pub fn set_phase(&self, phase: Phase) {
        self.phase.store(phase as u8, Ordering::Relaxed);
    }

    /// Stop drawing and erase the line (waits for the drawing thread).
    pub fn finish(mut self) {
        self.stop_thread();
    }

    fn stop_thread(&mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop_thread();
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
    out: Box<dyn Write + Send>,
) -> Result<(Source, Parsed)> {
    open_and_build(path, threshold, out, |source, parsed| (source, parsed))
}

/// Like [`open_with_progress`], then `build` turns the result into what the caller needs
/// (the reader's state, whose indexes take time on a large cable) while the line shows
/// "preparing".
///
/// # Errors
/// As [`source::read`].
pub fn open_and_build<T>(
    path: &Path,
    threshold: u64,
    out: Box<dyn Write + Send>,
    build: impl FnOnce(Source, Parsed) -> T,
) -> Result<T> {
    let total = std::fs::metadata(path).map_or(0, |m| m.len());
    if total < threshold || path.is_dir() {
        let source = source::read(path)?;
        let parsed = source.parse();
        return Ok(build(source, parsed));
    }
    let progress = Progress::start(path.display().to_string(), total, out);
    let source = source::read_counting(path, progress.counter())?;
    progress.set_phase(Phase::Parsing);
    let parsed = source.parse();
    progress.set_phase(Phase::Preparing);
    let built = build(source, parsed);
    progress.finish();
    Ok(built)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A `Write` whose bytes the test can read after the drawing thread is done.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().expect("lock").clone()).expect("utf-8")
        }
    }

    #[test]
    fn the_line_says_what_is_happening() {
        let mb = 1024 * 1024;
        assert_eq!(
            progress_line("big.txt", 0, 3 * mb, 12 * mb, Phase::Reading),
            "- Opening big.txt… 3.0 of 12.0 MB read"
        );
        assert_eq!(
            progress_line("big.txt", 1, 12 * mb, 12 * mb, Phase::Parsing),
            "\\ Opening big.txt… parsing 12.0 MB"
        );
        assert_eq!(
            progress_line("big.txt", 2, 12 * mb, 12 * mb, Phase::Preparing),
            "| Opening big.txt… preparing the reader"
        );
        assert!(!progress_line("a\x1b[2Jb", 0, 0, 0, Phase::Reading).contains('\x1b'));
    }

    #[test]
    fn large_files_show_progress_and_small_ones_do_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("cable.txt");
        std::fs::write(&path, crate::EMBEDDED_CABLE).expect("write");
        let out = Shared::default();
        let (source, parsed) =
            open_with_progress(&path, u64::MAX, Box::new(out.clone())).expect("opens");
        assert!(out.text().is_empty());
        assert_eq!(source.text, crate::EMBEDDED_CABLE);
        let small = parsed.cable.paragraphs.len();

        let slow = open_and_build(&path, 1, Box::new(out.clone()), |_, parsed| {
            // Long enough for the line to be redrawn a few times.
            std::thread::sleep(TICK * 3);
            parsed.cable.paragraphs.len()
        })
        .expect("opens");
        assert_eq!(slow, small);
        let shown = out.text();
        assert!(shown.starts_with("\r\x1b[2K- Opening "), "{shown:?}");
        assert!(shown.contains("preparing the reader"), "{shown:?}");
        assert!(
            shown.ends_with("\r\x1b[2K"),
            "the line is erased: {shown:?}"
        );

        let missing = open_with_progress(&dir.path().join("nope.txt"), 1, Box::new(out));
        assert!(missing.is_err());
    }
}
