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
