//! End-to-end: the real binary in a pseudo-terminal, driven by keys, read through a
//! vt100 emulator. Few and bounded by timeouts (env `CABLESCOPE_TEST_TIMEOUT_SECS`,
//! default 20); no fixed sleeps: every step waits until the screen shows some text.
//!
//! See: issue 3 (the reader).

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 140;

/// A running `cablescope` in a pty.
pub(super) struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    pub(super) parser: vt100::Parser,
    pub(super) raw: Vec<u8>,
    _master: Box<dyn MasterPty + Send>,
}

fn timeout() -> Duration {
    let secs = std::env::var("CABLESCOPE_TEST_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

impl Session {
    /// Start the binary with `args`; `home` holds its data and config folders.
    pub(super) fn start(args: &[&str], home: &std::path::Path, extra_env: &[(&str, &str)]) -> Self {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cablescope"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let dir = home.to_str().expect("utf-8 tempdir");
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("HOME", dir);
        cmd.env("XDG_CONFIG_HOME", format!("{dir}/config"));
        cmd.env("XDG_DATA_HOME", format!("{dir}/data"));
        cmd.env("CABLESCOPE_DATA_DIR", format!("{dir}/cablescope"));
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Self {
            child,
            writer,
            output,
            parser: vt100::Parser::new(
                std::num::NonZero::new(ROWS).expect("rows"),
                std::num::NonZero::new(COLS).expect("cols"),
                0,
            ),
            raw: Vec::new(),
            _master: pair.master,
        }
    }

    pub(super) fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until `pred` holds for the screen text; panics with the screen on timeout.
    pub(super) fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        self.wait_screen(what, |screen| pred(&screen.contents()));
    }

    /// Wait until `pred` holds for the screen (cells with their attributes); panics with
    /// the screen on timeout.
    pub(super) fn wait_screen(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout();
        loop {
            if pred(self.parser.screen()) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            if let Ok(bytes) = self
                .output
                .recv_timeout(left.min(Duration::from_millis(200)))
            {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
        }
    }

    /// Read what the program draws for `time` (when nothing on the screen says that the
    /// awaited change is done).
    pub(super) fn read_for(&mut self, time: Duration) {
        let deadline = Instant::now() + time;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            if let Ok(bytes) = self.output.recv_timeout(left) {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
        }
    }

    pub(super) fn wait_text(&mut self, text: &str) {
        self.wait_for(text, |s| s.contains(text));
    }

    pub(super) fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
    }

    /// Wait for the process to end and drain what it wrote; returns its success.
    pub(super) fn finish(&mut self) -> bool {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                return status.success();
            }
            assert!(Instant::now() < deadline, "the program did not exit");
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// The `k/N` after `prefix` on the screen.
fn match_count(screen: &str, prefix: &str) -> Option<(usize, usize)> {
    let rest = &screen[screen.find(prefix)? + prefix.len()..];
    let word = rest.split_whitespace().next()?;
    let (k, n) = word.split_once('/')?;
    Some((k.parse().ok()?, n.parse().ok()?))
}

fn seed_path() -> String {
    format!(
        "{}/tests/fixtures/06MEXICO1113.txt",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn q9_link_to_q35_back_and_search() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[&seed_path()], home.path(), &[]);
    s.wait_text("Contents");
    s.wait_text("[reader]");
    s.send(":q9\r");
    s.wait_text("│ Q9 │");
    s.wait_text("Question 9. What is the relationship");
    // Q9's links: "see questions 20 and 35" — the second is question 35.
    s.send("]]\r");
    s.wait_text("│ Q35 │");
    s.wait_text("Question 35. Which international organizations");
    s.send("\x0f"); // Ctrl-o: back
    s.wait_text("│ Q9 │");
    s.send("/trafficking victims");
    // Search starts from the current paragraph: the prompt shows `k/N`.
    s.wait_for("a match count", |sc| {
        match_count(sc, "/trafficking victims   ").is_some()
    });
    let (k, n) = match_count(&s.screen(), "/trafficking victims   ").expect("count");
    assert!(n > 3 && k >= 1 && k <= n, "{k}/{n}");
    s.send("\r");
    s.wait_text(&format!("│ /trafficking victims {k}/{n}"));
    s.send("n");
    s.wait_text(&format!("│ /trafficking victims {}/{n}", k % n + 1));
    s.send("q");
    assert!(s.finish(), "exit status 0");
    assert!(
        !s.parser.screen().alternate_screen(),
        "left the alternate screen"
    );
}

#[test]
fn reading_position_is_restored_on_reopen() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[], home.path(), &[]);
    s.wait_text("(embedded)");
    s.send(":q17\r");
    s.wait_text("│ Q17 │");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    assert!(home.path().join("cablescope/positions.json").is_file());

    let mut s = Session::start(&["open"], home.path(), &[]);
    s.wait_text("│ Q17 │");
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

#[test]
fn a_panic_restores_the_terminal() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(
        &[&seed_path()],
        home.path(),
        &[("CABLESCOPE_DEBUG_PANIC", "1")],
    );
    s.wait_text("Contents");
    s.send("j");
    assert!(!s.finish(), "a panic is a failure exit");
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(
        raw.contains("panicking as asked"),
        "the panic message is shown"
    );
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn a_ref_link_opens_the_cable_beside_it_and_back_returns() {
    let home = tempfile::tempdir().expect("tempdir");
    let cables = home.path().join("cables");
    std::fs::create_dir(&cables).expect("mkdir");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    std::fs::copy(
        format!("{fixtures}/06MEXICO1113.txt"),
        cables.join("06MEXICO1113.txt"),
    )
    .expect("copy seed");
    // Any cable will do as REF C's stand-in; only its file name matters here.
    std::fs::copy(
        format!("{fixtures}/09LAPAZ96.txt"),
        cables.join("05MEXICO5224.txt"),
    )
    .expect("copy sibling");
    let seed = cables.join("06MEXICO1113.txt");
    let mut s = Session::start(&[seed.to_str().expect("utf-8")], home.path(), &[]);
    s.wait_text("Contents");
    // ¶4 (question 3) cites "(Ref C)", its only link.
    s.send(":4\r");
    s.wait_text("│ ¶4 │");
    s.send("\r");
    s.wait_text("05MEXICO5224.txt ─");
    s.send("\x0f"); // Ctrl-o at the start of the opened cable: back to the first one
    s.wait_text("06MEXICO1113.txt ─");
    s.wait_text("│ ¶4 │");
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

#[test]
fn without_a_terminal_the_reader_says_so() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .arg(seed_path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "cablescope: the reader needs a terminal; use `cablescope text` or `dump` to print\n"
    );
    assert!(out.stdout.is_empty());
}

/// Issue 6: a user's `config.ron` remaps keys in the real binary; a broken one is
/// reported in the status bar and the reader still starts with the defaults.
#[test]
fn config_remaps_keys_and_a_broken_config_is_reported() {
    let home = tempfile::tempdir().expect("tempdir");
    let config_dir = home.path().join("conf");
    std::fs::create_dir_all(&config_dir).expect("mkdir");
    let config = config_dir.join("config.ron");
    let dir = config_dir.to_str().expect("utf-8 tempdir");
    std::fs::write(
        &config,
        "(keys: [(\"global\", \"x\", \"quit\"), (\"global\", \"q\", \"none\")])",
    )
    .expect("write");
    let env = [("CABLESCOPE_CONFIG_DIR", dir)];
    let mut s = Session::start(&[&seed_path()], home.path(), &env);
    s.wait_text("Contents");
    s.send("?");
    s.wait_text("Everywhere");
    assert!(
        !s.screen().contains("  q                             quit"),
        "q is unbound: {}",
        s.screen()
    );
    s.send("?q:q17\r");
    s.wait_text("│ Q17 │");
    s.send("x");
    assert!(s.finish(), "x quits");

    std::fs::write(&config, "(\n  theme: \"dark\",\n  tree_widht: 3,\n)").expect("write");
    let mut s = Session::start(&[&seed_path()], home.path(), &env);
    s.wait_text("config not used (defaults apply): config.ron:3:3: Unexpected field");
    s.send("q");
    assert!(s.finish(), "q quits again (defaults)");
}

/// Issue 6: a very large file shows a progress line (spinner, name, megabytes) while it
/// is read and parsed, then the reader opens on it.
#[test]
fn a_large_file_shows_progress_while_it_opens() {
    let home = tempfile::tempdir().expect("tempdir");
    let big = home.path().join("big.txt");
    let cable = std::fs::read_to_string(seed_path()).expect("fixture");
    // One cable with a huge last paragraph (copies of the cable would be a file of many
    // cables, which opens as a library).
    let line = "THE MINISTRY SAID IT WOULD STUDY THE MATTER FURTHER.\n";
    let copies =
        usize::try_from(cablescope::loading::PROGRESS_THRESHOLD).expect("fits") / line.len() + 1;
    std::fs::write(&big, format!("{cable}\n{}", line.repeat(copies))).expect("write");
    let mut s = Session::start(&[big.to_str().expect("utf-8")], home.path(), &[]);
    s.wait_text("Contents");
    let raw = String::from_utf8_lossy(&s.raw);
    let opening = raw.find("Opening ").expect("a progress line was shown");
    let mb = raw[opening..].find(" MB").expect("with megabytes");
    assert!(
        mb < 200 + big.to_string_lossy().len(),
        "{}",
        &raw[opening..]
    );
    assert!(
        raw.find("\x1b[?1049h").is_some_and(|alt| alt > opening),
        "progress comes before the reader's screen"
    );
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

/// Copy the seed into `dir` (annotations are written beside it).
pub(super) fn seed_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let cable = dir.join("06MEXICO1113.txt");
    std::fs::copy(seed_path(), &cable).expect("copy seed");
    cable
}

/// Whether the screen cell under the first occurrence of `text` is underlined.
fn underlined_at(s: &Session, text: &str) -> Option<bool> {
    let screen = s.parser.screen();
    for (row, line) in screen.rows(0, COLS).enumerate() {
        if let Some(byte) = line.find(text) {
            let col = u16::try_from(line[..byte].chars().count()).ok()?;
            let row = u16::try_from(row).ok()?;
            return screen.cell(row, col).map(vt100::Cell::underline);
        }
    }
    None
}

/// The path printed after `marker` in the program's output.
fn printed_path(raw: &str, marker: &str) -> std::path::PathBuf {
    let at = raw
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} in {raw}"));
    let rest = &raw[at + marker.len()..];
    let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
    std::path::PathBuf::from(rest[..end].trim())
}

/// Issue 4: select a passage, tag it, quit, reopen: the highlight and the tag are there,
/// and `cablescope notes --format json` shows them.
#[test]
fn tag_a_passage_quit_reopen_and_export() {
    let home = tempfile::tempdir().expect("tempdir");
    let cable = seed_copy(home.path());
    let arg = cable.to_str().expect("utf-8");
    let mut s = Session::start(&[arg], home.path(), &[]);
    s.wait_text("Contents");
    s.send(":q9\r");
    s.wait_text("│ Q9 │");
    s.send("vw");
    s.wait_text("SELECT");
    s.send("t");
    s.wait_text("tags: ");
    s.send("x, policy\r");
    s.wait_text("added x, policy");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    let sidecar = home.path().join("06MEXICO1113.txt.annotations.ron");
    let saved = std::fs::read_to_string(&sidecar).expect("the sidecar was written");
    assert!(saved.contains("\"policy\""), "{saved}");

    let mut s = Session::start(&[arg], home.path(), &[]);
    s.wait_text("│ Q9 │");
    s.wait_text("[1] Q9");
    assert_eq!(
        underlined_at(&s, "Question 9. What"),
        Some(true),
        "highlight"
    );
    assert_eq!(underlined_at(&s, "What is the relationship"), Some(false));
    s.send("A");
    s.wait_text("Annotations: paragraph");
    s.wait_text("· x, policy");
    s.wait_text("“Question 9”");
    s.send("q");
    assert!(s.finish(), "exit status 0");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .args(["notes", arg, "--format", "json"])
        .env("CABLESCOPE_DATA_DIR", home.path().join("cablescope"))
        .output()
        .expect("run notes");
    assert!(out.status.success());
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("\"policy\"") && json.contains("Question 9"),
        "{json}"
    );
}

/// Issue 4: with saves failing (a simulated full disk), a panic restores the terminal and
/// writes the unsaved annotations to a recovery file whose path it prints.
#[test]
fn a_panic_with_unsaved_annotations_leaves_a_recovery_file() {
    let home = tempfile::tempdir().expect("tempdir");
    let cable = seed_copy(home.path());
    let env = [
        ("CABLESCOPE_DEBUG_SAVE_FAIL", "1"),
        ("CABLESCOPE_DEBUG_PANIC", "!"),
    ];
    let mut s = Session::start(&[cable.to_str().expect("utf-8")], home.path(), &env);
    s.wait_text("Contents");
    s.send(":q9\r");
    s.wait_text("│ Q9 │");
    s.send("vwt");
    s.wait_text("tags: ");
    s.send("policy\r");
    s.wait_text("annotations NOT saved");
    s.send("!");
    assert!(!s.finish(), "a panic is a failure exit");
    assert!(!s.parser.screen().alternate_screen());
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    let path = printed_path(&raw, "unsaved annotations were written to ");
    let text = std::fs::read_to_string(&path).expect("the recovery file exists");
    assert!(text.contains("\"policy\""), "{text}");
    assert!(
        !home
            .path()
            .join("06MEXICO1113.txt.annotations.ron")
            .exists()
    );
}

/// Issue 4: `q` with unsaved annotations asks first; the second `q` quits and writes them
/// to a recovery file, printing where.
#[test]
fn quit_with_unsaved_annotations_asks_and_writes_a_recovery_file() {
    let home = tempfile::tempdir().expect("tempdir");
    let cable = seed_copy(home.path());
    let env = [("CABLESCOPE_DEBUG_SAVE_FAIL", "1")];
    let mut s = Session::start(&[cable.to_str().expect("utf-8")], home.path(), &env);
    s.wait_text("Contents");
    s.send("jvwt");
    s.wait_text("tags: ");
    s.send("first\r");
    s.wait_text("annotations NOT saved");
    s.send("q");
    s.wait_text("q again quits");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    let raw = String::from_utf8_lossy(&s.raw).into_owned();
    let path = printed_path(&raw, "they were written to ");
    let text = std::fs::read_to_string(&path).expect("the recovery file exists");
    assert!(text.contains("\"first\""), "{text}");
}
