//! REF lists against the hand-checked table in `tests/data/refs/` (615 REF blocks of the
//! real corpus, every layout found in it, read by hand; see its README): each named cable
//! is parsed whole and its REF list compared entry by entry. Prints the rate; fails on
//! any disagreement not listed, with its reason, in `tests/data/refs/misses.txt`.
//!
//! See: issue 12.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use cablescope::parse::{Hints, parse_with};

use super::corpus::corpus;

/// One hand-checked block: the citing cable and the entries a careful reader writes.
struct Case {
    id: String,
    block: String,
    want: Vec<String>,
}

fn cases() -> Vec<Case> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/refs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/data/refs")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && !p.ends_with("misses.txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        let mut cur: Option<Case> = None;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("@ ") {
                let id = rest.split_whitespace().next().unwrap_or("").to_owned();
                cur = Some(Case {
                    id,
                    block: String::new(),
                    want: Vec::new(),
                });
            } else if let Some(rest) = line.strip_prefix('=') {
                if let Some(mut c) = cur.take() {
                    c.want = rest
                        .split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                    out.push(c);
                }
            } else if line.starts_with('%') || line.starts_with('#') {
            } else if let Some(c) = cur.as_mut() {
                c.block.push_str(line);
                c.block.push('\n');
            }
        }
    }
    out
}

fn misses() -> BTreeMap<String, String> {
    include_str!("../data/refs/misses.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, reason) = l.split_once(' ').unwrap_or((l, ""));
            assert!(
                !reason.trim().is_empty(),
                "a listed miss needs a reason: {l}"
            );
            (id.to_owned(), reason.trim().to_owned())
        })
        .collect()
}

#[test]
fn ref_lists_match_the_hand_checked_table() {
    let cases = cases();
    assert!(cases.len() >= 600, "the table has {} blocks", cases.len());
    let listed = misses();
    let corpus = corpus();
    let (mut right, mut entries_right, mut entries_all) = (0, 0, 0);
    let mut report = String::new();
    for c in &cases {
        assert!(
            corpus
                .text(&c.id)
                .contains(c.block.lines().next().unwrap_or("")),
            "{}: the block's first line is in the cable",
            c.id
        );
        let parsed = parse_with(corpus.text(&c.id), &Hints { name: Some(&c.id) });
        let got: Vec<String> = parsed
            .cable
            .header
            .refs
            .iter()
            .map(|r| {
                let id = r.id.clone().unwrap_or_else(|| "-".to_owned());
                r.letter.map_or(id.clone(), |l| format!("{l}:{id}"))
            })
            .collect();
        entries_all += c.want.len();
        entries_right += c.want.iter().filter(|w| got.contains(w)).count();
        if got == c.want {
            right += 1;
            if listed.contains_key(&c.id) {
                let _ = writeln!(report, "now right, remove from misses.txt: {}", c.id);
            }
        } else if !listed.contains_key(&c.id) {
            let _ = writeln!(
                report,
                "{}:\n  got  {}\n  want {}",
                c.id,
                got.join(" | "),
                c.want.join(" | ")
            );
        }
    }
    println!(
        "REF blocks right: {right} / {} ({:.1}%); entries right: {entries_right} / {entries_all} ({:.1}%)",
        cases.len(),
        100.0 * f64::from(right) / cases.len() as f64,
        100.0 * entries_right as f64 / entries_all.max(1) as f64,
    );
    assert!(report.is_empty(), "{report}");
}

/// A corpus places the REFs written without a year by its own cables' serials and
/// dates (`corpus::Serials`): every cite it moves is checked against the hand table where
/// the table has the citing cable, and the two lists the parser alone gets wrong for want
/// of a post's serials come out as the table reads them.
#[test]
fn the_corpus_places_undated_refs_as_the_table_reads_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (id, text) in &corpus().texts {
        std::fs::write(tmp.path().join(format!("{id}.txt")), text).expect("written");
    }
    let loaded = cablescope::corpus::load(tmp.path()).expect("folder listed");
    let table: BTreeMap<String, Vec<String>> = cases()
        .into_iter()
        .map(|c| {
            let ids = c
                .want
                .iter()
                .map(|w| {
                    w.split_once(':')
                        .map_or(w.as_str(), |(_, id)| id)
                        .to_owned()
                })
                .collect();
            (c.id, ids)
        })
        .collect();
    let (mut moved, mut checked, mut report) = (Vec::new(), 0, String::new());
    for r in &loaded.records {
        let parsed = parse_with(corpus().text(&r.id), &Hints { name: Some(&r.id) });
        let alone: Vec<String> = parsed
            .cable
            .header
            .refs
            .iter()
            .filter_map(|x| x.id.clone())
            .collect();
        for placed in r.refs.iter().filter(|id| !alone.contains(id)) {
            moved.push(format!("{} {placed}", r.id));
            if let Some(want) = table.get(&r.id) {
                checked += 1;
                if !want.contains(placed) {
                    let _ = writeln!(report, "{}: placed {placed}, the table has {want:?}", r.id);
                }
            }
        }
    }
    println!(
        "REFs placed in another year by the corpus: {} ({checked} in hand-checked blocks, all as the table reads them)\n  {}",
        moved.len(),
        moved.join("\n  ")
    );
    assert!(report.is_empty(), "{report}");
    for id in ["09STATE41025", "08STATE50524"] {
        let r = loaded
            .records
            .iter()
            .find(|r| r.id == id)
            .expect("in the corpus");
        assert_eq!(Some(&r.refs), table.get(id), "{id}");
    }
}
