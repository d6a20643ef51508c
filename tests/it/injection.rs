//! Terminal injection (issue 5): a cable and a sidecar note full of escape sequences —
//! OSC title, OSC 52 clipboard, OSC 8 hyperlinks, CSI clear screen and cursor moves, BEL,
//! backspace, a C1 CSI (U+009B) — shown by the real binary in a pseudo-terminal. The test
//! reads the raw bytes the program writes: none of the content's sequences ever reaches
//! the terminal, and their visible placeholders (`␛`, `␇`, `␈`) are on the screen.

use std::path::{Path, PathBuf};

use cablescope::annotation::{Anchor, Annotation, AnnotationSet};
use cablescope::store::{format, sidecar_path};

use super::anchor::at;
use super::e2e::Session;

/// A cable whose subject, REF entry, section heading and paragraph carry hostile bytes.
/// `ZQ…` markers make the content's sequences unmistakable in the output.
const EVIL: &str = "UNCLAS SECTION 01 OF 01 MEXICO 009999\n\n\
SUBJECT: EVIL \x1b]0;pwned\x07 TITLE\n\n\
REF: A. 06 STATE 3836 \x1b]0;pwnedref\x07 ZQREF\n\n\
1. (U) Clear \x1b[2JZQCLR screen, \x1b]52;c;ZXZpbA==\x07 clip, bell \x07ZQBEL, \
back\x08ZQBS space, \x1b]8;;http://evil.example/\x1b\\ZQLINK\x1b]8;;\x1b\\ and \u{9b}31mZQC1 \
moves \x1b[12;40HZQMOVE. See REF A.\n\n\
2. (U) Second paragraph, plain.\n";

/// The note saved in the sidecar: the same kinds of sequence.
const EVIL_NOTE: &str = "note \x1b]0;pwnednote\x07 ZQNOTE \x1b]52;c;bm90ZQ==\x07 \x1b[2JZQNCLR \
\u{9b}2JZQNC1 bell\x07 back\x08\n\x1b]8;;http://evil.example/\x1b\\ZQNLINK\x1b]8;;\x1b\\";

/// Byte strings that must never appear in anything the program writes.
const FORBIDDEN: &[&[u8]] = &[
    b"\x1b]0;pwned",
    b"\x1b]52;",
    b"\x1b]8;;http://evil",
    b"\x1b[2JZQ",
    b"\x1b[12;40HZQ",
    b"\xc2\x9b", // U+009B, the one-byte CSI, as UTF-8
    b"\x07",
    b"\x08",
];

fn assert_clean(what: &str, raw: &[u8]) {
    for bad in FORBIDDEN {
        assert!(
            !raw.windows(bad.len()).any(|w| w == *bad),
            "{what}: the program wrote {:?} to the terminal",
            String::from_utf8_lossy(bad)
        );
    }
}

fn write_cable(dir: &Path) -> PathBuf {
    let path = dir.join("09EVIL1.txt");
    std::fs::write(&path, EVIL).expect("write cable");
    path
}

/// Save a sidecar beside `cable` holding one annotation with [`EVIL_NOTE`].
fn write_sidecar(cable: &Path) {
    let parsed = cablescope::parse::parse(EVIL);
    let (index, start) = parsed
        .cable
        .paragraphs
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.text.find("Second").map(|s| (i, s)))
        .expect("second paragraph");
    let anchor = Anchor::from_selection(&parsed.cable, index, start..start + 6).expect("anchor");
    let mut set = AnnotationSet::new();
    set.insert_new(Annotation::with_id(
        "evil".to_owned(),
        anchor,
        vec!["tag\x1b]0;pwnedtag\x07".to_owned()],
        EVIL_NOTE.to_owned(),
        at(0),
    ));
    std::fs::write(sidecar_path(cable), format::encode(&set, "09EVIL1.txt")).expect("sidecar");
}

#[test]
fn the_reader_raw_view_search_prompt_and_sidebar_show_placeholders() {
    let home = tempfile::tempdir().expect("tempdir");
    let cable = write_cable(home.path());
    write_sidecar(&cable);
    let mut s = Session::start(&[cable.to_str().expect("utf-8")], home.path(), &[]);
    // The reading pane, the tree and the sidebar.
    s.wait_text("ZQCLR");
    s.send(":1\r");
    s.wait_text("Links out");
    let screen = s.screen();
    for shown in [
        "␛[2JZQCLR",
        "␛]52;c;ZXZpbA==␇",
        "␇ZQBEL",
        "␈ZQBS",
        "␛[12;40HZQMOVE",
    ] {
        assert!(screen.contains(shown), "reader shows {shown}:\n{screen}");
    }
    assert!(
        screen.contains("pwnedref␇"),
        "the sidebar shows the REF text with placeholders:\n{screen}"
    );
    // The raw view: the original text.
    s.send("r");
    s.wait_text("raw original");
    s.wait_text("␛]0;pwned␇");
    // The search prompt echoes a typed C1 control and an escape sequence's text.
    s.send("/ZQ");
    s.wait_for("the prompt", |screen| screen.contains("/ZQ "));
    let mark = s.raw.len();
    s.send("\u{9b}x");
    // (the cell after the text is the prompt's cursor)
    s.wait_for("the prompt", |screen| screen.contains("x    0/0"));
    // (vt100 keeps U+FFFD out of its text; the bytes written show the placeholder.)
    assert!(
        String::from_utf8_lossy(&s.raw[mark..]).contains('\u{fffd}'),
        "the prompt echoes the C1 control as a placeholder"
    );
    s.send("\x1b");
    s.wait_for("the prompt to close", |screen| !screen.contains("x    0/0"));
    s.send("q");
    assert!(s.finish(), "exit status 0");
    assert_clean("reader", &s.raw);
    assert!(!s.parser.screen().alternate_screen());
}

#[test]
fn notes_exports_show_placeholders_in_a_terminal() {
    let home = tempfile::tempdir().expect("tempdir");
    let cable = write_cable(home.path());
    write_sidecar(&cable);
    let path = cable.to_str().expect("utf-8");
    for format in ["md", "csv", "json"] {
        let mut s = Session::start(&["notes", "--format", format, path], home.path(), &[]);
        assert!(s.finish(), "{format}: exit status 0");
        assert_clean(format, &s.raw);
        let out = String::from_utf8_lossy(&s.raw).into_owned();
        assert!(
            out.contains("ZQNOTE"),
            "{format}: the note is printed: {out}"
        );
        if format != "json" {
            assert!(out.contains("␛]0;pwnednote␇"), "{format}: {out}");
        }
    }
    for args in [&["text"][..], &["text", "--raw"], &["dump"], &["check"]] {
        let mut all = args.to_vec();
        all.push(path);
        let mut s = Session::start(&all, home.path(), &[]);
        s.finish();
        assert_clean(&format!("{args:?}"), &s.raw);
    }
}

#[test]
fn a_hostile_sidecar_error_message_is_clean() {
    let home = tempfile::tempdir().expect("tempdir");
    let cable = write_cable(home.path());
    // Not RON: the parser's message quotes what it found.
    std::fs::write(
        sidecar_path(&cable),
        "\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07(version: 1)",
    )
    .expect("sidecar");
    let mut s = Session::start(&["notes", cable.to_str().expect("utf-8")], home.path(), &[]);
    assert!(!s.finish(), "an unreadable sidecar is an error");
    assert_clean("notes error", &s.raw);
    let out = String::from_utf8_lossy(&s.raw).into_owned();
    assert!(out.contains("left untouched"), "{out}");
}
