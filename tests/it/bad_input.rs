//! Hostile and malformed cable files, each stating what the user sees (issue 5).
//! Files are written to real temp folders and read through the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .args(args)
        .arg(file)
        .output()
        .expect("run cablescope")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "failed: {}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("dump --json prints JSON")
}

const SEED: &str = include_str!("../fixtures/06MEXICO1113.txt");

#[test]
fn whitespace_only_file_is_reported_as_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "blank.txt", b"\n   \n\t\n\r\n");
    let out = run(&["dump"], &path);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!("cablescope: {}: the file is empty\n", path.display())
    );
}

#[test]
fn nul_bytes_and_images_are_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nul = write(
        dir.path(),
        "nul.txt",
        b"UNCLAS SECTION 01 OF 02\0\0\0 MEXICO 001113\n",
    );
    let jpeg = write(
        dir.path(),
        "scan.jpg",
        b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01",
    );
    for path in [nul, jpeg] {
        let out = run(&["text"], &path);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            format!(
                "cablescope: {}: binary data, not a text cable\n",
                path.display()
            )
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn latin1_and_windows_1252_are_read_lossily_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Latin-1 "Bogotá" and Windows-1252 curly quotes.
    let text = b"SUBJECT: VISIT TO BOGOT\xc1\n\n1. (U) The \x93quoted\x94 minister said caf\xe9.\n";
    let path = write(dir.path(), "latin1.txt", text);
    let out = run(&["text"], &path);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "cablescope: warning: {}: not valid UTF-8",
            path.display()
        )),
        "{err}"
    );
    let shown = String::from_utf8(out.stdout).expect("output is UTF-8");
    assert!(shown.contains("caf\u{fffd}"), "{shown}");
}

#[test]
fn bom_crlf_lone_cr_and_tabs_read_like_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = json(&run(
        &["dump", "--json"],
        &write(dir.path(), "a.txt", SEED.as_bytes()),
    ));
    let crlf = format!("\u{feff}{}", SEED.replace('\n', "\r\n"));
    let lone_cr = SEED.replace('\n', "\r");
    for (name, text) in [("crlf.txt", crlf), ("cr.txt", lone_cr)] {
        let got = json(&run(
            &["dump", "--json"],
            &write(dir.path(), name, text.as_bytes()),
        ));
        assert_eq!(got["id"], plain["id"], "{name}");
        assert_eq!(got["paragraphs"], plain["paragraphs"], "{name}");
        assert_eq!(got["header"], plain["header"], "{name}");
    }
    let tabs = "SUBJECT:\tTABBED\tSUBJECT\n\n1.\t(U)\tTabbed\ttext here.\n";
    let out = run(&["text"], &write(dir.path(), "tabs.txt", tabs.as_bytes()));
    assert!(out.status.success());
    assert!(
        !out.stdout.contains(&b'\t'),
        "tabs never reach the terminal"
    );
}

#[test]
fn a_single_5_mb_line_parses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "word ".repeat(1_000_000);
    let path = write(dir.path(), "long.txt", line.as_bytes());
    let got = json(&run(&["dump", "--json"], &path));
    let paragraphs = got["paragraphs"].as_array().expect("paragraphs");
    assert!(!paragraphs.is_empty());
    let total: usize = paragraphs
        .iter()
        .map(|p| p["text"].as_str().map_or(0, str::len))
        .sum();
    assert!(total >= 4_999_999, "the whole line is kept: {total}");
}

#[test]
fn plain_prose_still_reads_as_paragraphs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let prose = "It was a bright cold day in April.\nThe clocks were striking thirteen.\n\n\
                 Winston Smith slipped quickly through the glass doors.\n\nThe hallway smelt of boiled cabbage.\n";
    let got = json(&run(
        &["dump", "--json"],
        &write(dir.path(), "prose.txt", prose.as_bytes()),
    ));
    let texts: Vec<&str> = got["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .filter_map(|p| p["text"].as_str())
        .collect();
    let all = texts.join(" ");
    for phrase in [
        "bright cold day",
        "striking thirteen",
        "glass doors",
        "boiled cabbage",
    ] {
        assert!(all.contains(phrase), "{phrase} in {all}");
    }
    assert!(texts.len() >= 2, "prose splits into paragraphs: {texts:?}");
    assert_eq!(got["id"], serde_json::Value::Null);
}

#[test]
fn a_cable_cut_off_in_the_header_keeps_what_it_has() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cut = SEED.find("TAGS:").expect("seed has TAGS");
    let path = write(dir.path(), "cut.txt", &SEED.as_bytes()[..cut + 20]);
    let got = json(&run(&["dump", "--json"], &path));
    assert_eq!(got["header"]["from"], "AMEMBASSY MEXICO");
    assert_eq!(got["header"]["classification"], "UNCLAS");
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evil = "SUBJECT: EVIL \x1b]0;pwned\x07 TITLE\n\n1. (U) Clear \x1b[2J screen, \x1b]52;c;ZXZpbA==\x07 clip, \
                bell \x07, back\x08space, \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ and \u{9b}31m C1.\n";
    let path = write(dir.path(), "evil.txt", evil.as_bytes());
    for args in [&["text"][..], &["text", "--raw"], &["dump"]] {
        let out = run(args, &path);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let shown = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?} printed a control character: {shown:?}"
        );
        assert!(shown.contains('␛'), "{args:?} shows ESC as a placeholder");
    }
}
