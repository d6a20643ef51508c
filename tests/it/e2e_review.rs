//! End-to-end runs of the real binary for what issue 13 is about seeing: a changed
//! annotation reported and reviewed. Same harness and rules as [`super::e2e`].
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
