//! The binary's non-interactive commands, run as a user would.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cablescope"))
}

#[test]
fn missing_file_is_one_clear_line() {
    let out = bin()
        .args(["dump", "/no/such/cable.txt"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err, "cablescope: /no/such/cable.txt: no such file\n");
}

#[test]
fn directory_and_empty_and_binary_files_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n\n").expect("write");
    let binary = dir.path().join("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    for (path, reason) in [
        (dir.path(), "is a directory, not a cable file"),
        (empty.as_path(), "the file is empty"),
        (binary.as_path(), "binary data, not a text cable"),
    ] {
        let out = bin().arg("text").arg(path).output().expect("run");
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err, format!("cablescope: {}: {reason}\n", path.display()));
    }
}

#[test]
fn dump_json_of_embedded_cable_is_valid_json() {
    let out = bin().args(["dump", "--json"]).output().expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for key in [
        "id",
        "header",
        "sections",
        "paragraphs",
        "xrefs",
        "signature",
        "diagnostics",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn completions_and_man_page_come_from_the_same_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = bin().args(["completions", shell]).output().expect("run");
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("dump"),
            "{shell} completion names the dump command"
        );
    }
    let out = bin().arg("man").output().expect("run");
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.starts_with(".ie"),
        "roff: {}",
        &page[..40.min(page.len())]
    );
    assert!(page.contains("cablescope"));
}

#[test]
fn version_and_unknown_arguments() {
    let out = bin().arg("--version").output().expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("cablescope {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = bin().arg("--no-such-flag").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_command_reports_a_broken_file_and_prints_the_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = bin()
        .env("CABLESCOPE_CONFIG_DIR", dir.path())
        .arg("config")
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("not present; using the defaults"));
    std::fs::write(
        dir.path().join("config.ron"),
        "(theme: \"dark\",\n tree_width: \"wide\")",
    )
    .expect("write");
    let out = bin()
        .env("CABLESCOPE_CONFIG_DIR", dir.path())
        .arg("config")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("config.ron:2:"), "{text}");
    let out = bin()
        .args(["config", "--print-default"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        cablescope::config::DEFAULT_CONFIG
    );
}

/// Issue 6: `--help` has examples and documents the exit statuses; `config` reports
/// entries it skips (unknown key names) with status 1.
#[test]
fn help_documents_exit_statuses_and_config_reports_skipped_entries() {
    let out = bin().arg("--help").output().expect("run");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for needed in [
        "Examples:",
        "Exit status:",
        "config --print-default",
        "  2  error",
    ] {
        assert!(help.contains(needed), "{needed} missing from:\n{help}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("config.ron"),
        r#"(keys: [("global", "x", "explode")], colors: {"link": "Red"})"#,
    )
    .expect("write");
    let out = bin()
        .env("CABLESCOPE_CONFIG_DIR", dir.path())
        .arg("config")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("unknown action `explode`"), "{text}");
    assert!(
        !text.contains("link"),
        "a good override is not reported: {text}"
    );
}

#[test]
fn the_reader_without_a_terminal_names_a_missing_file_first() {
    let out = bin().arg("/no/such/cable.txt").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "cablescope: /no/such/cable.txt: no such file\n"
    );
}

/// Synthetic cables for `check DIR`, each with diagnostics a careful reader would agree
/// with: `see para 9` in a cable of two paragraphs, and a paragraph number repeated out
/// of sequence.
const CHECK_A: &str = "R 071702Z JUN 06\nFM AMEMBASSY ASUNCION\nTO RUEHC/SECSTATE WASHDC 4352\n\n\
UNCLAS ASUNCION 000589\n\nE.O. 12958: N/A\nTAGS: PGOV, PA\nSUBJECT: A TEST\n\n\
1. (U) First paragraph.\n\n2. (U) Second paragraph; see para 9.\n";
const CHECK_B: &str = "R 011200Z JAN 09\nFM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC 1234\n\n\
C O N F I D E N T I A L PARIS 000456\n\nE.O. 12958: DECL: 01/01/2019\nTAGS: PREL, FR\n\
SUBJECT: ANOTHER TEST\n\n1. (C) One.\n\n2. (C) Two.\n\n3. (C) Three.\n\n2. (C) Two again.\n\n\
4. (C) Four; see para 12.\n";

/// A folder of cables for `check DIR`: two synthetic cables (one without an extension),
/// a real WikiLeaks page in a nested folder, files that cannot be read (a broken link, a
/// binary file, an empty file, a page without `<pre>`, a named pipe; with `locked`, a
/// file and a folder without read permission), and files that are not looked at (hidden
/// ones, sidecars, Markdown). Returns the folder and the lines `files not read` lists.
fn cable_folder(dir: &std::path::Path, locked: bool) -> (std::path::PathBuf, Vec<String>) {
    use std::os::unix::fs::PermissionsExt as _;
    let root = dir.join("cables");
    let deeper = root.join("pages").join("deeper");
    std::fs::create_dir_all(&deeper).expect("mkdir");
    std::fs::create_dir_all(root.join(".git")).expect("mkdir");
    let write =
        |path: std::path::PathBuf, bytes: &[u8]| std::fs::write(path, bytes).expect("write");
    write(root.join("a.txt"), CHECK_A.as_bytes());
    write(root.join("b"), CHECK_B.as_bytes());
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/html/06ASUNCION589.html"
        ),
        root.join("pages").join("06ASUNCION589.html"),
    )
    .expect("copy page");
    std::os::unix::fs::symlink("/no/such/cable.txt", root.join("gone.txt")).expect("symlink");
    write(
        root.join("scan.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    write(deeper.join("empty.txt"), b"");
    write(
        deeper.join("viewer.html"),
        b"<!DOCTYPE html><html><body>Cable Viewer</body></html>",
    );
    // Not looked at: hidden files and folders, sidecars, other extensions.
    write(root.join(".hidden.txt"), b"\0\0\0");
    write(root.join(".git").join("HEAD.txt"), b"\0\0\0");
    write(root.join("a.txt.annotations.ron"), b"(");
    write(root.join("README.md"), b"# notes\n");
    let shown = |rel: &str| format!("  {}: ", root.join(rel).display());
    let mut not_read = vec![
        format!("{}no such file", shown("gone.txt")),
        format!("{}the file is empty", shown("pages/deeper/empty.txt")),
        format!(
            "{}no cable text (<pre> block) in this HTML page",
            shown("pages/deeper/viewer.html")
        ),
        format!("{}not a regular file", shown("pipe.txt")),
        format!("{}binary data, not a text cable", shown("scan.txt")),
    ];
    // A named pipe would block a reader forever: it is listed, never opened.
    let made = Command::new("mkfifo")
        .arg(root.join("pipe.txt"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    if locked {
        let mode = |p: &std::path::Path, m| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
        };
        write(root.join("locked.txt"), CHECK_A.as_bytes());
        mode(&root.join("locked.txt"), 0o000);
        std::fs::create_dir(root.join("closed")).expect("mkdir");
        write(root.join("closed").join("c.txt"), CHECK_A.as_bytes());
        mode(&root.join("closed"), 0o000);
        not_read.insert(0, format!("{}permission denied", shown("closed")));
        not_read.insert(2, format!("{}permission denied", shown("locked.txt")));
    }
    (root, not_read)
}

/// A way to run the binary so that file modes stop it from reading: as this user, or,
/// when this is root (file modes do not stop root), as `nobody` through `setpriv`.
#[derive(Clone, Copy)]
enum Unprivileged {
    Me,
    Nobody,
}

impl Unprivileged {
    /// The way that works here (`dir` is made readable for `nobody`); `None` when this is
    /// root and `setpriv` is missing.
    fn find(dir: &std::path::Path) -> Option<Self> {
        use std::os::unix::fs::PermissionsExt as _;
        let probe = dir.join("probe");
        std::fs::write(&probe, "x").expect("probe");
        std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        let root = std::fs::read(&probe).is_ok();
        std::fs::remove_file(&probe).expect("rm probe");
        if !root {
            return Some(Self::Me);
        }
        Command::new("setpriv").arg("--version").output().ok()?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        Some(Self::Nobody)
    }

    fn command(self) -> Command {
        match self {
            Self::Me => bin(),
            Self::Nobody => {
                let mut cmd = Command::new("setpriv");
                cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                    .arg(env!("CARGO_BIN_EXE_cablescope"));
                cmd
            }
        }
    }
}

/// `check DIR`: every cable file under the folder, each diagnostic as `check FILE`
/// prints it, then the summary; files that cannot be read are listed, never fatal, and
/// make the exit status 1 like a warning.
#[test]
fn check_dir_lists_each_file_then_a_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let runner = Unprivileged::find(dir.path());
    if runner.is_none() {
        println!("skipped the permission cases: running as root and `setpriv` is not installed");
    }
    let (root, not_read) = cable_folder(dir.path(), runner.is_some());
    let out = runner
        .map_or_else(bin, Unprivileged::command)
        .arg("check")
        .arg(&root)
        .output()
        .expect("run");
    let at = |rel: &str| root.join(rel).display().to_string();
    let mut expected = vec![
        format!(
            "{}:13: info: cross-reference to paragraph 9 does not resolve",
            at("a.txt")
        ),
        format!(
            "{}:17: warning: paragraph number 2 out of sequence (expected 4); kept as printed",
            at("b")
        ),
        format!(
            "{}:19: info: cross-reference to paragraph 12 does not resolve",
            at("b")
        ),
        format!(
            "{}:25: info: cross-reference to paragraph 10 does not resolve",
            at("pages/06ASUNCION589.html")
        ),
        String::new(),
        "files read: 3".to_owned(),
        format!("files not read: {}", not_read.len()),
    ];
    expected.extend(not_read.iter().cloned());
    expected.extend(
        [
            "warnings: 1 in 1 file",
            "  1  paragraph number … out of sequence (expected …); kept as printed",
            "infos: 3 in 3 files",
            "  3  cross-reference … does not resolve",
        ]
        .map(String::from),
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .collect::<Vec<_>>(),
        expected
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(1));

    // --summary: the summary alone.
    let out = bin()
        .args(["check", "--summary"])
        .arg(root.join("pages"))
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "files read: 1\nfiles not read: 2\n  {}: the file is empty\n  \
             {}: no cable text (<pre> block) in this HTML page\nwarnings: 0\n\
             infos: 1 in 1 file\n  1  cross-reference … does not resolve\n",
            at("pages/deeper/empty.txt"),
            at("pages/deeper/viewer.html")
        )
    );
    assert_eq!(out.status.code(), Some(1), "files not read");
    if runner.is_some() {
        use std::os::unix::fs::PermissionsExt as _;
        let open = std::fs::Permissions::from_mode(0o755);
        std::fs::set_permissions(root.join("closed"), open).expect("chmod for cleanup");
    }
}

/// File names come from strangers too: one that holds escape sequences is shown with
/// them made visible, in the diagnostics and in the summary.
#[test]
fn check_dir_never_prints_control_characters_from_file_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("\x1b]0;pwned\x07.txt"), CHECK_A).expect("write");
    std::fs::write(dir.path().join("\x1b[2J"), b"\0\0").expect("write");
    let out = bin().arg("check").arg(dir.path()).output().expect("run");
    let shown = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown:?}"
    );
    assert!(shown.contains("␛]0;pwned␇.txt:13: info:"), "{shown}");
    assert!(
        shown.contains("␛[2J: binary data, not a text cable"),
        "{shown}"
    );
}

/// Without warnings or unreadable files the status is 0; `--summary` works on one file
/// too; a folder without cable files and bad usage are errors (status 2).
#[test]
fn check_dir_exit_statuses_and_summary_of_one_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clean = dir.path().join("clean");
    std::fs::create_dir_all(clean.join("sub")).expect("mkdir");
    std::fs::write(clean.join("sub").join("a.txt"), CHECK_A).expect("write");
    std::fs::write(clean.join("notes.md"), "# notes\n").expect("write");
    let out = bin()
        .args(["check", "--summary"])
        .arg(&clean)
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "files read: 1\nfiles not read: 0\nwarnings: 0\ninfos: 1 in 1 file\n  \
         1  cross-reference … does not resolve\n"
    );
    assert_eq!(out.status.code(), Some(0));

    let b = dir.path().join("b.txt");
    std::fs::write(&b, CHECK_B).expect("write");
    let out = bin()
        .args(["check", "--summary"])
        .arg(&b)
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "files read: 1\nfiles not read: 0\nwarnings: 1 in 1 file\n  \
         1  paragraph number … out of sequence (expected …); kept as printed\n\
         infos: 1 in 1 file\n  1  cross-reference … does not resolve\n"
    );
    assert_eq!(out.status.code(), Some(1));

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(empty.join(".hidden")).expect("mkdir");
    std::fs::write(empty.join(".hidden").join("a.txt"), CHECK_A).expect("write");
    std::fs::write(empty.join("notes.md"), "# notes\n").expect("write");
    let out = bin().arg("check").arg(&empty).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "cablescope: {}: no cable files in this folder (.txt, .html, .htm or no extension)\n",
            empty.display()
        )
    );
    let out = bin()
        .args(["check", "--summary", "--bogus"])
        .arg(&clean)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = bin().arg("check").output().expect("run");
    assert_eq!(out.status.code(), Some(2), "a path is required");
}
// See: issue 13 (`cablescope dump big.txt | head -1` said `writing output: Broken pipe`
// and exited 2).
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.txt");
    let seed = include_str!("../fixtures/06MEXICO1113.txt");
    std::fs::write(&big, seed.repeat(20)).expect("write");
    for args in [["text", "x"], ["dump", "x"]] {
        let mut child = bin()
            .arg(args[0])
            .arg(&big)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout); // as `head -1` does
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{}", args[0]);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{}", args[0]);
    }
}

// See: issue 13 (the man page referred to cablescope-open(1) and others that do not exist,
// broke ids across lines and had no key list).
#[test]
fn the_man_page_is_one_page_with_commands_and_keys() {
    let out = bin().arg("man").output().expect("run");
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    let references: Vec<&str> = page
        .split_whitespace()
        .filter(|w| w.contains("(1)") && !w.starts_with("cablescope(1)"))
        .collect();
    assert_eq!(references, Vec::<&str>::new(), "pages that do not exist");
    assert!(page.contains("\n.nh\n"), "no hyphenation: ids stay whole");
    for section in [
        ".SH COMMANDS",
        ".SH KEYS",
        ".SS Everywhere",
        ".SS Note editor",
    ] {
        assert!(page.contains(section), "{section}");
    }
    assert!(
        page.contains(
            "\\fBcablescope notes\\fR [\\fIFILE\\fR] [\\fB\\-\\-format\\fR \\fIFORMAT\\fR]"
        )
    );
    assert!(
        page.contains(".TP\n\\fBq Ctrl\\-c\\fR\nquit\n"),
        "keys from the keymap"
    );
    // Rendered by the system's man, when there is one: no id is broken.
    let Ok(dir) = tempfile::tempdir() else { return };
    let file = dir.path().join("cablescope.1");
    std::fs::write(&file, page.as_bytes()).expect("write");
    match Command::new("man")
        .args(["-l"])
        .arg(&file)
        .env("MANWIDTH", "50")
        .env("MANPAGER", "cat")
        .output()
    {
        Ok(r) if r.status.success() => {
            let text = String::from_utf8_lossy(&r.stdout);
            assert!(text.contains("06MEXICO1113"), "{text}");
            assert!(
                !text.contains("06MEX‐") && !text.contains("06MEX-\n"),
                "{text}"
            );
        }
        _ => super::skip("no `man` to render the page"),
    }
}
