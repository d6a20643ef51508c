//! `cablescope notes`: export golden files on the seed cable, and the command end to end.

use std::fs;
use std::path::Path;
use std::process::Command;

use cablescope::annotation::{Anchor, Annotation, AnnotationSet, TextPos, text_hash};
use cablescope::cable::Cable;
use cablescope::export::{self, Format, Options};
use cablescope::store::{Store, sidecar_path};

use super::anchor::at;

const SEED: &str = include_str!("../fixtures/06MEXICO1113.txt");

/// An annotation on the first paragraph of `cable` whose clean text holds `quote`.
fn on(cable: &Cable, quote: &str, id: &str, tags: &[&str], note: &str) -> Annotation {
    let (i, start) = cable
        .paragraphs
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.text.find(quote).map(|s| (i, s)))
        .unwrap_or_else(|| panic!("{quote:?} not in the seed"));
    let anchor = Anchor::from_selection(cable, i, start..start + quote.len()).expect("anchor");
    Annotation::with_id(
        id.to_owned(),
        anchor,
        tags.iter().map(|t| (*t).to_owned()).collect(),
        note.to_owned(),
        at(0),
    )
}

/// The seed with five annotations: four found, one orphaned.
fn seed_set(cable: &Cable) -> AnnotationSet {
    let mut set = AnnotationSet::new();
    set.insert_new(on(
        cable,
        "commendable progress in combating",
        "a1",
        &["progress", "GOM"],
        "Compare with the 2005 report.",
    ));
    set.insert_new(on(
        cable,
        "Interinstitutional Working Group on Trafficking",
        "a2",
        &["institutions"],
        "Who chairs it?\nAsk the PGR contact, \"quoted\", with a comma.",
    ));
    set.insert_new(on(
        cable,
        "Please provide a general overview",
        "a3",
        &["questionnaire"],
        "",
    ));
    set.insert_new(on(
        cable,
        "forced into prostitution or debt-bondage",
        "a4",
        &["victims", "debt bondage"],
        "Escape \u{1b}[31mred\u{1b}[0m and bell \u{7} must not reach a terminal.",
    ));
    let gone = "This sentence was in an earlier version of the cable.";
    let pos = TextPos {
        paragraph: Some(999),
        index: 400,
        offset: 0,
    };
    set.insert_new(Annotation::with_id(
        "a5".to_owned(),
        Anchor {
            start: pos.clone(),
            end: TextPos {
                offset: gone.len(),
                ..pos
            },
            exact: gone.to_owned(),
            prefix: String::new(),
            suffix: String::new(),
            paragraph_hash: String::new(),
            current: None,
        },
        vec!["orphan-demo".to_owned()],
        "Kept although its passage is gone.".to_owned(),
        at(30),
    ));
    set
}

fn exported(format: Format, tag: Option<&str>) -> String {
    let cable = cablescope::parse::parse(SEED).cable;
    let mut set = seed_set(&cable);
    let report = set.reanchor(&cable, &text_hash(SEED));
    assert_eq!(
        (report.exact(), report.moved(), report.orphaned()),
        (4, 0, 1)
    );
    let mut out = Vec::new();
    let options = Options {
        format,
        tag: tag.map(str::to_owned),
    };
    export::export(&cable, &set, "06MEXICO1113.txt", &options, &mut out).expect("export");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn markdown_golden() {
    let md = exported(Format::Markdown, None);
    assert!(
        !md.contains('\u{1b}') && !md.contains('\u{7}'),
        "control characters sanitised"
    );
    insta::assert_snapshot!("seed_notes_md", md);
}

#[test]
fn json_golden() {
    let json = exported(Format::Json, None);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["annotations"].as_array().map(Vec::len), Some(5));
    assert!(
        json.contains("\\u001b[31m"),
        "JSON keeps the character, escaped"
    );
    insta::assert_snapshot!("seed_notes_json", json);
}

#[test]
fn csv_golden() {
    let csv = exported(Format::Csv, None);
    assert!(csv.ends_with("\r\n"));
    assert_eq!(
        csv.matches("\r\n").count(),
        6,
        "header and one row per annotation"
    );
    insta::assert_snapshot!("seed_notes_csv", csv);
}

#[test]
fn tag_filter_ignores_case() {
    let md = exported(Format::Markdown, Some("gom"));
    assert!(md.contains("commendable progress"));
    assert!(!md.contains("Interinstitutional"));
    let none = exported(Format::Csv, Some("no-such-tag"));
    assert_eq!(none.lines().count(), 1);
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cablescope"))
}

/// A copy of the seed in a temporary folder, with the five annotations saved beside it.
fn seed_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cable_path = dir.path().join("06MEXICO1113.txt");
    fs::write(&cable_path, SEED).expect("copy");
    let cable = cablescope::parse::parse(SEED).cable;
    let mut set = seed_set(&cable);
    set.reanchor(&cable, &text_hash(SEED));
    Store::at(sidecar_path(&cable_path), None, "06MEXICO1113.txt")
        .save(&mut set)
        .expect("save");
    (dir, cable_path)
}

fn data_dir(dir: &Path) -> std::path::PathBuf {
    dir.join("data")
}

#[test]
fn notes_command_exports_json_and_filters_csv() {
    let (dir, cable_path) = seed_folder();
    let out = bin()
        .env("CABLESCOPE_DATA_DIR", data_dir(dir.path()))
        .arg("notes")
        .arg(&cable_path)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let statuses: Vec<&str> = v["annotations"]
        .as_array()
        .expect("array")
        .iter()
        .map(|a| a["status"].as_str().expect("status"))
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "exact").count(), 4);
    assert_eq!(statuses.iter().filter(|s| **s == "orphaned").count(), 1);

    let out = bin()
        .env("CABLESCOPE_DATA_DIR", data_dir(dir.path()))
        .arg("notes")
        .arg(&cable_path)
        .args(["--format", "csv", "--tag", "VICTIMS"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains("a4,exact,"));
    assert!(!data_dir(dir.path()).exists(), "exporting writes nothing");
}

#[test]
fn notes_command_follows_an_edited_cable() {
    let (_dir, cable_path) = seed_folder();
    let edited = SEED.replacen("commendable", "real and commendable", 1);
    fs::write(&cable_path, edited).expect("edit cable");
    let out = bin()
        .env("CABLESCOPE_DATA_DIR", cable_path.with_file_name("data"))
        .arg("notes")
        .arg(&cable_path)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let a1 = v["annotations"]
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["id"] == "a1")
        .expect("a1");
    assert_eq!(a1["status"], "moved");
    assert_eq!(a1["quote"], "commendable progress in combating");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("re-anchored: ") && err.contains(" moved, 0 changed, 1 orphaned"),
        "{err}"
    );
}

#[test]
fn notes_command_reports_a_broken_sidecar_and_leaves_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cable_path = dir.path().join("c.txt");
    fs::write(&cable_path, SEED).expect("copy");
    let sidecar = sidecar_path(&cable_path);
    fs::write(
        &sidecar,
        "(\n  version: 1,\n  annotations: [ (id: \"x\" oops ]\n)",
    )
    .expect("broken");
    let out = bin()
        .env("CABLESCOPE_DATA_DIR", data_dir(dir.path()))
        .arg("notes")
        .arg(&cable_path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("cablescope: {}:3:", sidecar.display())),
        "{err}"
    );
    assert!(err.contains("left untouched"), "{err}");
    assert_eq!(
        fs::read_to_string(&sidecar).expect("kept"),
        "(\n  version: 1,\n  annotations: [ (id: \"x\" oops ]\n)"
    );
}

#[test]
fn notes_for_the_embedded_cable_come_from_the_data_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = data_dir(dir.path());
    let sidecar = cablescope::store::data_sidecar_path(&data, None, cablescope::EMBEDDED_NAME);
    let cable = cablescope::parse::parse(cablescope::EMBEDDED_CABLE).cable;
    let mut set = AnnotationSet::new();
    set.insert_new(on(
        &cable,
        "commendable progress",
        "e1",
        &["embedded"],
        "on the seed",
    ));
    Store::at(sidecar, None, "embedded")
        .save(&mut set)
        .expect("save");
    let out = bin()
        .env("CABLESCOPE_DATA_DIR", &data)
        .args(["notes", "--format", "md"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        md.contains("> commendable progress") && md.contains("`embedded`"),
        "{md}"
    );
}

/// An annotation set on `text`'s parse with one annotation per `(quote, id)`.
fn annotated(text: &str, quotes: &[(&str, &str)]) -> (Cable, AnnotationSet) {
    let cable = cablescope::parse::parse(text).cable;
    let mut set = AnnotationSet::new();
    for (quote, id) in quotes {
        set.insert_new(on(&cable, quote, id, &[], ""));
    }
    set.reanchor(&cable, &text_hash(text));
    (cable, set)
}

fn export_of(cable: &Cable, set: &AnnotationSet, name: &str, format: Format) -> String {
    let mut out = Vec::new();
    let options = Options { format, tag: None };
    export::export(cable, set, name, &options, &mut out).expect("export");
    String::from_utf8(out).expect("utf-8")
}

// See: issue 13 (headings said `Unnumbered text (paragraph 16) · Question 28.H`; the export
// must name the answer, the portion marking and the page).
#[test]
fn quotes_carry_their_answer_key_marking_and_page() {
    let keyed = include_str!("../fixtures/synthetic/tasker-keyed.txt");
    let (cable, set) = annotated(keyed, &[("Local committees were set up", "k")]);
    let md = export_of(&cable, &set, "tasker-keyed.txt", Format::Markdown);
    assert!(md.contains("\n### Answer 28.B (SBU) · page 1\n"), "{md}");
    assert!(!md.contains("Unnumbered text"), "{md}");
    let json = export_of(&cable, &set, "tasker-keyed.txt", Format::Json);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let a = &v["annotations"][0];
    assert_eq!(
        (&a["answer"], &a["marking"], &a["page"]),
        (
            &serde_json::json!("28.B"),
            &serde_json::json!("SBU"),
            &serde_json::json!(1)
        )
    );
    assert_eq!(v["cable"], "07BOGOTA1234");
    assert_eq!(v["date"], "2007-03-02 15:00 UTC");
    let csv = export_of(&cable, &set, "tasker-keyed.txt", Format::Csv);
    assert!(
        csv.contains(",28.B,SBU,1,Local committees were set up,"),
        "{csv}"
    );

    let vienna = include_str!("../fixtures/06VIENNA515.txt");
    let (cable, set) = annotated(vienna, &[("Novin Energy", "v")]);
    let md = export_of(&cable, &set, "06VIENNA515.txt", Format::Markdown);
    assert!(
        md.contains("\n### ¶5 (S/NF) · Answer 5.A · page 1\n"),
        "{md}"
    );
    assert!(md.contains("- **Classification:** SECRET"), "{md}");
}

// See: issue 13 (line breaks of quotes and notes were lost; status must show).
#[test]
fn line_breaks_and_status_are_kept() {
    let cable = cablescope::parse::parse(SEED).cable;
    let p1 = &cable.paragraphs[0].text;
    let p2 = &cable.paragraphs[1].text;
    let mut set = AnnotationSet::new();
    let span = Anchor::from_span(&cable, (0, p1.len() - 10), (1, p2.len().min(20)))
        .expect("across two paragraphs");
    set.insert_new(Annotation::with_id(
        "s".into(),
        span,
        vec![],
        "first line\nsecond line\n\nnew paragraph".into(),
        at(0),
    ));
    set.reanchor(&cable, &text_hash(SEED));
    let md = export_of(&cable, &set, "06MEXICO1113.txt", Format::Markdown);
    assert!(
        md.contains("first line  \nsecond line\n\nnew paragraph\n"),
        "{md}"
    );
    assert!(
        md.contains("\n>\n> "),
        "the paragraph break inside the quote: {md}"
    );
    // A moved passage says so.
    let edited = SEED.replacen("commendable", "real and commendable", 1);
    let after = cablescope::parse::parse(&edited).cable;
    let mut set = seed_set(&cable);
    set.reanchor(&after, &text_hash(&edited));
    let md = export_of(&after, &set, "06MEXICO1113.txt", Format::Markdown);
    assert!(
        md.contains("Status: moved (found elsewhere in the current text)."),
        "{md}"
    );
    assert!(
        md.contains("- **Annotations:** 5 (2 moved, 1 orphaned)"),
        "both passages of ¶1 moved: {md}"
    );
}

// See: issue 13 (`--tag` with no match must say so on stderr).
#[test]
fn a_tag_with_no_match_says_so_on_stderr() {
    let (dir, cable_path) = seed_folder();
    let out = bin()
        .env("CABLESCOPE_DATA_DIR", data_dir(dir.path()))
        .arg("notes")
        .arg(&cable_path)
        .args(["--tag", "no-such-tag"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().last(),
        Some("cablescope: note: no annotation carries the tag `no-such-tag`"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("No annotations."));
}
