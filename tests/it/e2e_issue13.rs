//! End-to-end runs of the real binary for what issue 13 is about seeing: a changed
//! annotation reported and reviewed, the cursor, answers reached with `:` and `)`.
//! Same harness and rules as [`super::e2e`].
//!
//! See: issue 13.

use cablescope::annotation::{Anchor, AnnotationSet};
use cablescope::store::{Store, sidecar_path};

use super::e2e::{Session, seed_copy};

/// Annotate "have an excellent working relationship" in a copy of the seed, then change
/// the cable to "have a poor working relationship": the status bar says changed (not
/// moved), the review list shows both wordings, `notes` marks the differing words, and
/// `y` accepts the new wording, which is what the sidecar then quotes.
#[test]
fn a_changed_quote_is_reported_reviewed_and_accepted() {
    let home = tempfile::tempdir().expect("tempdir");
    let cable = seed_copy(home.path());
    let raw = std::fs::read_to_string(&cable).expect("read");
    let parsed = cablescope::parse::parse(&raw).cable;
    let quote = "have an excellent working relationship";
    let (i, at) = parsed
        .paragraphs
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.text.find(quote).map(|at| (i, at)))
        .expect("quote in the seed");
    let mut set = AnnotationSet::new();
    set.add(
        Anchor::from_selection(&parsed, i, at..at + quote.len()).expect("anchor"),
        vec!["ngo".to_owned()],
        "evidence".to_owned(),
    );
    let sidecar = sidecar_path(&cable);
    Store::at(sidecar.clone(), None, "06MEXICO1113.txt")
        .save(&mut set)
        .expect("save");
    let edited = raw.replacen("have  an  excellent  working", "have  a  poor  working", 1);
    assert_ne!(edited, raw, "the OCR spacing of the seed");
    std::fs::write(&cable, edited).expect("edit the cable");
    let arg = cable.to_str().expect("utf-8");

    let notes = std::process::Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .args(["notes", arg])
        .env("CABLESCOPE_DATA_DIR", home.path().join("cablescope"))
        .output()
        .expect("run notes");
    assert!(notes.status.success());
    let md = String::from_utf8_lossy(&notes.stdout);
    assert!(
        md.contains("> have ~~an excellent~~ working relationship")
            && md.contains("Status: changed.")
            && md.contains("> have **a poor** working relationship"),
        "{md}"
    );
    let stderr = String::from_utf8_lossy(&notes.stderr);
    assert!(
        stderr.contains("0 moved, 1 changed, 0 orphaned"),
        "{stderr}"
    );

    let mut s = Session::start(&[arg], home.path(), &[]);
    s.wait_text("1 changed");
    assert!(!s.screen().contains("1 moved"), "{}", s.screen());
    s.send("AAA");
    s.wait_text("Review: orphaned, changed");
    s.wait_text("· changed · ngo");
    s.wait_text("was “have an excellent working");
    s.wait_text("now “have a poor working");
    s.send("\t");
    s.wait_text("[sidebar]");
    s.send("y");
    s.wait_text("new wording accepted");
    s.wait_text("nothing to review");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    let saved = std::fs::read_to_string(&sidecar).expect("sidecar");
    assert!(
        saved.contains("exact: \"have a poor working relationship\"")
            && !saved.contains("current:"),
        "{saved}"
    );
}

/// The reverse-video cell in the reading pane (the cursor), as (row, column).
fn cursor_cell(screen: &vt100::Screen) -> Option<(u16, u16)> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    // The reading pane sits between the tree (left) and the sidebar (right).
    for row in 1..rows.saturating_sub(2) {
        for col in 38..cols.saturating_sub(36) {
            if screen.cell(row, col).is_some_and(vt100::Cell::inverse) {
                return Some((row, col));
            }
        }
    }
    None
}

/// The word starting at a screen cell.
fn word_at(screen: &vt100::Screen, (row, col): (u16, u16)) -> String {
    let mut word = String::new();
    for c in col.. {
        match screen.cell(row, c).map(vt100::Cell::contents) {
            Some(t) if !t.trim().is_empty() && t != "│" => word.push_str(t),
            _ => break,
        }
    }
    word
}

/// Issue 13: the cursor is visible from the start, stays on screen as the text scrolls,
/// and `v e` there selects the word the reader sees under it.
#[test]
fn the_cursor_is_visible_follows_the_scroll_and_v_starts_there() {
    let home = tempfile::tempdir().expect("tempdir");
    let cable = seed_copy(home.path());
    let arg = cable.to_str().expect("utf-8");
    let mut s = Session::start(&[arg], home.path(), &[]);
    s.wait_text("Contents");
    s.wait_screen("a cursor before any motion", |sc| cursor_cell(sc).is_some());
    s.send(":q17\r");
    s.wait_text("│ Q17 │");
    s.wait_screen("the cursor at Q17", |sc| {
        cursor_cell(sc).is_some_and(|at| word_at(sc, at) == "Question")
    });
    // Ctrl-d twice, one at a time: Q17's start scrolls off the top and the cursor comes
    // along to the first line each time.
    let mut word = "Question".to_owned();
    for _ in 0..2 {
        s.send("\x04");
        let before = word.clone();
        s.wait_screen("the cursor on the first line", |sc| {
            cursor_cell(sc).is_some_and(|at| at.0 == 1 && word_at(sc, at) != before)
        });
        let at = cursor_cell(s.parser.screen()).expect("cursor on screen");
        word = word_at(s.parser.screen(), at);
    }
    assert!(!word.is_empty(), "{}", s.screen());
    s.send("vet");
    s.wait_text("tags: ");
    s.send("here\r");
    s.wait_text("added here");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    let saved = std::fs::read_to_string(sidecar_path(&cable)).expect("sidecar");
    let word = word.trim_end_matches([',', '.', ';', ':', ')']);
    assert!(
        saved.contains(&format!("exact: \"{word}")),
        "selected from the cursor on screen ({word}):\n{saved}"
    );
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Issue 13: `:28.B` and `:q28` reach keyed answers; `)` steps through 06VIENNA515's
/// lettered exchanges; both show at the top of the reading pane.
#[test]
fn answers_and_exchanges_are_reached_with_colon_and_parenthesis() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[&fixture("synthetic/tasker-keyed.txt")], home.path(), &[]);
    s.wait_text("Contents");
    s.send(":28.B\r");
    s.wait_text("│ 28.B. (SBU) Local committees");
    s.send(":q29\r");
    s.wait_text("│ 29.A. (SBU) The penal code");
    s.send("q");
    assert!(s.finish());

    let mut s = Session::start(&[&fixture("06VIENNA515.txt")], home.path(), &[]);
    s.wait_text("Contents");
    s.send("))");
    s.wait_screen("5.B at the top", |sc| {
        sc.contents_between(1, 0, 2, 0)
            .contains("B. (S/NF) USG Concern")
    });
    s.send("(");
    s.wait_screen("5.A at the top", |sc| {
        sc.contents_between(1, 0, 2, 0)
            .contains("A. (S/NF) USG Concern")
    });
    s.send("q");
    assert!(s.finish());
}

/// Issue 13: what a person sees of messages, search wrap and the selected link.
#[test]
fn messages_clear_n_wraps_and_the_selected_link_is_reverse_video() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[&fixture("06MEXICO1113.txt")], home.path(), &[]);
    s.wait_text("Contents");
    s.send(":q9\r");
    s.wait_text("│ Q9 │");
    s.send("]");
    // The selected link is drawn in reverse video (NO_COLOR is set for these runs).
    s.wait_screen("a reverse-video link", |sc| {
        let (rows, cols) = sc.size();
        (1..rows.get() - 1).any(|r| {
            (38..cols.get() - 36).any(|c| {
                sc.cell(r, c)
                    .is_some_and(|cell| cell.inverse() && cell.underline())
            })
        })
    });
    s.send("\r");
    s.wait_text("→ Q20 (back: Ctrl-o)");
    s.send("\x0f"); // Ctrl-o: back
    s.wait_for("the message gone", |sc| {
        !sc.contains("→ Q20 (back") && sc.contains("│ Q9 │")
    });
    // The last match of a word near the end, then n wraps and says so.
    s.send("/Fundacion Infancia\r");
    s.wait_text("/Fundacion Infancia 1/");
    s.send("G");
    s.wait_text("100%");
    s.send("n");
    s.wait_text("search hit BOTTOM, continuing at TOP");
    s.send("j");
    s.wait_for("the wrap message gone", |sc| {
        !sc.contains("search hit BOTTOM")
    });
    s.send("q");
    assert!(s.finish());
}

/// Issue 13: the prompt edits like a shell line with history, `:q` quits, and Ctrl-c
/// quits (it was ignored), asking first when annotations are unsaved.
#[test]
fn prompt_editing_history_colon_q_and_ctrl_c() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[&fixture("06MEXICO1113.txt")], home.path(), &[]);
    s.wait_text("Contents");
    s.send(":p10");
    s.wait_text(":p10");
    s.send("\x15q9"); // Ctrl-u, then q9
    s.wait_for("the edited line", |sc| {
        sc.lines().last().is_some_and(|l| l.starts_with(":q9"))
    });
    s.send("\r");
    s.wait_text("│ Q9 │");
    s.send(":\x1b[A"); // Up: the last go-to
    s.wait_for("history", |sc| {
        sc.lines().last().is_some_and(|l| l.starts_with(":q9"))
    });
    s.send("\x1b"); // Esc
    s.wait_text("? keys");
    s.send("\x06"); // Ctrl-f pages down
    s.wait_for("paged", |sc| !sc.contains("Question 9. What"));
    s.send(":q\r");
    assert!(s.finish(), ":q quits with status 0");

    let mut s = Session::start(&[&fixture("06MEXICO1113.txt")], home.path(), &[]);
    s.wait_text("Contents");
    s.send("\x03"); // Ctrl-c
    assert!(s.finish(), "Ctrl-c quits with status 0");

    // Unsaved annotations (saves fail): Ctrl-c asks first, a second one quits.
    let env = [("CABLESCOPE_DEBUG_SAVE_FAIL", "1")];
    let cable = seed_copy(home.path());
    let mut s = Session::start(&[cable.to_str().expect("utf-8")], home.path(), &env);
    s.wait_text("Contents");
    s.send(":q9\r");
    s.wait_text("│ Q9 │");
    s.send("vet");
    s.wait_text("tags: ");
    s.send("x\r");
    s.wait_text("NOT saved");
    s.send("\x03");
    s.wait_text("q again quits");
    s.send("\x03");
    assert!(s.finish(), "the second Ctrl-c quits");
}

/// Issue 13 (the view owns where things landed on screen): a mouse click on a tree row
/// and on a link, sent as a terminal sends them (SGR mouse reports), reach the document.
#[test]
fn the_mouse_reaches_the_document_through_the_view() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = Session::start(&[&fixture("06MEXICO1113.txt")], home.path(), &[]);
    s.wait_text("│    Q9 What is the");
    // The Q9 row of the tree.
    let (row, col) = {
        let screen = s.screen();
        let row = screen
            .lines()
            .position(|l| l.contains("│    Q9 What is the"))
            .expect("Q9 in the tree");
        (row, 8)
    };
    // SGR mouse: press and release of the left button at (col, row), 1-based.
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    ));
    s.wait_text("│ Q9 │");
    // Now click the first underlined cell of the reading pane (a link).
    let at = {
        let screen = s.parser.screen();
        let (rows, cols) = screen.size();
        (1..rows.get() - 1)
            .flat_map(|r| (38..cols.get() - 36).map(move |c| (r, c)))
            .find(|&(r, c)| screen.cell(r, c).is_some_and(vt100::Cell::underline))
            .expect("a link on screen")
    };
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        at.1 + 1,
        at.0 + 1,
        at.1 + 1,
        at.0 + 1
    ));
    s.wait_text("(back: Ctrl-o)");
    s.send("q");
    assert!(s.finish());
}
