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
