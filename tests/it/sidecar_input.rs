//! Hostile sidecars read through the real loader (issue 5): offsets past the end of a
//! paragraph in a file on disk, as the `notes` command shows them; and property tests:
//! loading arbitrary bytes, and mutated valid sidecars, never panics, and what loads
//! writes back and reads again with the same annotations. The other cases of the list
//! (truncated, not RON, versions, nesting, size, duplicate ids, a directory) are in
//! `store.rs`; permissions in `permissions.rs`.

use std::fs;
use std::process::Command;

use proptest::prelude::*;

use cablescope::store::{Notice, Store, format, sidecar_path};

const SEED: &str = include_str!("../fixtures/06MEXICO1113.txt");

/// One annotation whose positions lie far past the end of their paragraph (and one past
/// the end of the cable), but whose quote is in ¶12.
const PAST_THE_END: &str = r#"(
    version: 1,
    annotations: [
        (
            id: "far",
            start: (paragraph: Some(12), index: 25, offset: 999999),
            end: (paragraph: Some(12), index: 25, offset: 18446744073709551615),
            exact: "commendable progress",
            tags: ["edge"],
            note: "offsets past the end",
            created: "2026-03-02T14:05:11.204Z",
            updated: "2026-03-02T14:07:40.918Z",
        ),
        (
            id: "gone",
            start: (paragraph: Some(4000), index: 99999, offset: 5),
            end: (paragraph: Some(4000), index: 99999, offset: 2),
            exact: "no such words anywhere in this cable",
            note: "its paragraph does not exist",
            created: "2026-03-02T14:05:11.204Z",
            updated: "2026-03-02T14:07:40.918Z",
        ),
    ],
)"#;

#[test]
fn offsets_past_the_end_of_a_paragraph_are_found_again_or_kept_as_orphans() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cable = dir.path().join("06MEXICO1113.txt");
    fs::write(&cable, SEED).expect("cable");
    fs::write(sidecar_path(&cable), PAST_THE_END).expect("sidecar");
    let out = Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .args(["notes", "--format", "json"])
        .arg(&cable)
        .env("CABLESCOPE_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("re-anchored") && err.contains("1 orphaned"),
        "the user is told: {err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let notes = json["annotations"].as_array().expect("annotations");
    assert_eq!(notes.len(), 2, "both kept: {json}");
    let far = notes.iter().find(|n| n["id"] == "far").expect("far");
    assert_eq!(far["quote"], "commendable progress", "{far}");
    let gone = notes.iter().find(|n| n["id"] == "gone").expect("gone");
    assert_eq!(gone["status"], "orphaned", "{gone}");
    assert_eq!(
        fs::read_to_string(sidecar_path(&cable)).expect("read"),
        PAST_THE_END,
        "reading never writes"
    );
}

/// Load `bytes` as a sidecar file through the store; check what the user would see.
fn load_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.txt.annotations.ron");
    fs::write(&path, bytes).expect("write");
    let mut store = Store::at(path.clone(), None, "c.txt");
    let loaded = store.load();
    match loaded.notices.first() {
        Some(Notice::Unreadable { path: p, .. }) => {
            prop_assert_eq!(p, &path);
            prop_assert!(store.is_recovering());
        }
        _ => {
            // It loaded: it writes back and reads again with the same annotations.
            let text = format::encode(&loaded.set, "c.txt");
            let again = format::decode(&text).map_err(|e| {
                TestCaseError::fail(format!("cannot read what was written: {e}\n{text}"))
            })?;
            prop_assert_eq!(again.set.len(), loaded.set.len());
            prop_assert_eq!(format::encode(&again.set, "c.txt"), text);
        }
    }
    prop_assert_eq!(
        fs::read(&path).expect("read"),
        bytes,
        "loading never writes"
    );
    Ok(())
}

fn sample_sidecar() -> String {
    let readme = include_str!("../../README.md");
    let start = readme.find("```ron\n").expect("sample in README") + "```ron\n".len();
    let end = start + readme[start..].find("```").expect("end of sample");
    readme[start..end].to_owned()
}

/// RON fragments that make mutations land on interesting parse paths.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "Some(",
    "None",
    "-1",
    "18446744073709551616",
    "r#\"",
    "/*",
    "//",
    "\n",
    "version: 0",
    "version: 2",
    "\u{feff}",
    "id: \"0f6e2a4c-9a53-4c55-b0d4-3f1a9c8e7d21\",",
    "1e309",
    "\u{0}",
    "é",
];

#[derive(Debug, Clone)]
enum Edit {
    Cut(usize),
    Delete(usize, usize),
    Insert(usize, usize),
    Flip(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Cut),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match *e {
            Edit::Cut(a) => bytes.truncate(a % len),
            Edit::Delete(a, n) => {
                let a = a % len;
                let b = (a + n).min(bytes.len());
                if a < b {
                    bytes.drain(a..b);
                }
            }
            Edit::Insert(a, t) => {
                let a = (a % len).min(bytes.len());
                bytes.splice(a..a, TOKENS[t].bytes());
            }
            Edit::Flip(a, b) => {
                if let Some(x) = bytes.get_mut(a % len) {
                    *x = b;
                }
            }
        }
    }
    bytes
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        load_bytes(&bytes)?;
    }

    #[test]
    fn arbitrary_ron_like_text_never_panics_the_loader(text in "[(){}\\[\\],:\"a-z0-9 \n_#/*-]{0,400}") {
        load_bytes(text.as_bytes())?;
    }

    #[test]
    fn mutated_valid_sidecars_never_panic_the_loader(edits in proptest::collection::vec(edit(), 1..6)) {
        load_bytes(&apply(sample_sidecar().into_bytes(), &edits))?;
    }
}
