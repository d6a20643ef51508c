//! The corpus model and `cablescope links` on the vendored real corpus, unpacked into a
//! temporary folder (as a flat folder, an alx `dates/YYYY/MM/` tree, and with files that
//! cannot be read).

use std::path::Path;
use std::process::Command;

use cablescope::corpus::{self, RefGraph};

use super::corpus::corpus;

/// Write the vendored cables named `ids` (all of them when `None`) into `dir` as `ID.txt`.
fn unpack(dir: &Path, ids: Option<&[&str]>) {
    std::fs::create_dir_all(dir).expect("folder made");
    for (id, text) in &corpus().texts {
        if ids.is_none_or(|ids| ids.contains(&id.as_str())) {
            std::fs::write(dir.join(format!("{id}.txt")), text).expect("cable written");
        }
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cablescope"))
}

/// `cablescope links [--json] DIR ID`, run.
fn links(dir: &Path, id: &str, json: bool) -> std::process::Output {
    links_with(dir, id, json, &[])
}

/// `cablescope links [--json] [ARGS] DIR [ID]`, run.
fn links_with(dir: &Path, id: &str, json: bool, args: &[&str]) -> std::process::Output {
    let mut cmd = bin();
    cmd.arg("links");
    if json {
        cmd.arg("--json");
    }
    cmd.args(args).arg(dir);
    // An empty id leaves it out: the folder's overview.
    if !id.is_empty() {
        cmd.arg(id);
    }
    cmd.output().expect("runs")
}

#[test]
fn the_real_corpus_loads_whole_with_ids_from_the_text() {
    let tmp = tempfile::tempdir().expect("tempdir");
    unpack(tmp.path(), None);
    let c = corpus::load(tmp.path()).expect("folder listed");
    assert_eq!(c.records.len(), 1095);
    assert!(c.unreadable.is_empty(), "{:?}", c.unreadable);
    for r in &c.records {
        let stem = r.path.file_stem().and_then(|s| s.to_str());
        assert_eq!(Some(r.id.as_str()), stem, "id read from the text");
    }
    let r = c
        .records
        .iter()
        .find(|r| r.id == "08PARIS1568")
        .expect("08PARIS1568 read");
    assert_eq!(r.origin.as_deref(), Some("Embassy Paris"));
    assert_eq!(r.day().as_deref().map(|d| &d[..7]), Some("2008-08"));
    assert_eq!(r.refs.first().map(String::as_str), Some("08PARIS1501"));
}

#[test]
fn a_ref_chain_in_the_real_corpus_and_its_cited_by_sets() {
    let tmp = tempfile::tempdir().expect("tempdir");
    unpack(tmp.path(), None);
    let c = corpus::load(tmp.path()).expect("folder listed");
    let g = RefGraph::new(&c.records);
    // Follow the first in-corpus REF back from 10BERLIN180 to the cable that started it.
    let mut chain = vec!["10BERLIN180".to_owned()];
    while let Some(next) = g
        .links(&c.records, chain.last().expect("non-empty"))
        .and_then(|l| l.cites.into_iter().find(|id| g.record(id).is_some()))
    {
        chain.push(next);
    }
    assert_eq!(
        chain,
        ["10BERLIN180", "10BERLIN128", "09BERLIN1528", "09BERLIN1167"]
    );
    let root = g.links(&c.records, "09BERLIN1167").expect("in the corpus");
    assert_eq!(
        root.cited_by,
        [
            "09BERLIN1197",
            "09BERLIN1360",
            "09BERLIN1528",
            "10BERLIN128"
        ]
    );
    let paris = g.links(&c.records, "08PARIS1568").expect("in the corpus");
    assert_eq!(paris.cites.first().map(String::as_str), Some("08PARIS1501"));
    assert_eq!(paris.cited_by, ["08PARIS1698", "09PARIS1534", "09PARIS504"]);
    // Cited by three cables, absent from the leak's sample: a stub.
    let stub = g.links(&c.records, "08BRASILIA175").expect("cited");
    assert!(stub.missing);
    assert_eq!(stub.cited_by.len(), 3);
    assert!(g.missing().len() > 1000);
}

#[test]
fn links_command_prints_json_and_lines() {
    let tmp = tempfile::tempdir().expect("tempdir");
    unpack(tmp.path(), None);
    let out = links(tmp.path(), "08 paris 1568", true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["id"], "08PARIS1568");
    assert_eq!(v["missing"], false);
    assert_eq!(v["cites"][0], "08PARIS1501");
    assert_eq!(
        v["cited_by"],
        serde_json::json!(["08PARIS1698", "09PARIS1534", "09PARIS504"])
    );
    assert_eq!(v["placed_by"], serde_json::json!([]));
    // REFs whose year the corpus placed are named as such (09BRASILIA634 of May 19
    // proves 09STATE41025's `BRASILIA 681` of April 23 is of 2008).
    let placed = links(tmp.path(), "09STATE41025", true);
    let v: serde_json::Value = serde_json::from_slice(&placed.stdout).expect("JSON");
    assert_eq!(
        v["placed"],
        serde_json::json!(["08SAOPAULO679", "08BRASILIA681", "08BRASILIA855"])
    );
    let lines = links(tmp.path(), "09STATE41025", false);
    let text = String::from_utf8_lossy(&lines.stdout);
    assert!(
        text.contains("\n  08BRASILIA681  (not in the folder)  (year placed by the corpus)\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  09BRASILIA202  (not in the folder)\n"),
        "{text}"
    );
    // And from the cited side: 08BRASILIA681 is cited by 09STATE41025 only through the
    // placement (the cites of 08PARIS1568 above are none of them placed).
    let cited = links(tmp.path(), "08BRASILIA681", true);
    let v: serde_json::Value = serde_json::from_slice(&cited.stdout).expect("JSON");
    assert_eq!(v["cited_by"], serde_json::json!(["09STATE41025"]));
    assert_eq!(v["placed_by"], serde_json::json!(["09STATE41025"]));
    let text =
        String::from_utf8_lossy(&links(tmp.path(), "08BRASILIA681", false).stdout).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "08BRASILIA681  (not in the folder)",
            "cites: 0",
            "cited by: 1",
            "  09STATE41025  2009-04-23  Secretary of State  KUDOS FOR BRAZIL REPORTING \
             (C-AL9-00886)  (year placed by the corpus)",
        ],
        "{text}"
    );
    let stub = links(tmp.path(), "08BRASILIA175", false);
    assert!(stub.status.success());
    let text = String::from_utf8_lossy(&stub.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "08BRASILIA175  (not in the folder)");
    assert_eq!(lines[1], "cites: 0");
    assert_eq!(lines[2], "cited by: 3");
    assert!(lines[3].starts_with("  08BRASILIA"), "{text}");
    let unknown = links(tmp.path(), "01NOWHERE1", false);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("cited by none of its 1095 cables"));
    let bad = links(tmp.path(), "PARIS", false);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a reference id"));
}

#[test]
fn an_alx_dates_tree_with_unreadable_files_is_read_and_they_are_listed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    unpack(
        &root.join("dates/2009/08"),
        Some(&["09BERLIN1167", "09BERLIN1528"]),
    );
    unpack(
        &root.join("dates/2010/02"),
        Some(&["10BERLIN128", "10BERLIN180"]),
    );
    std::fs::write(root.join("dates/2010/02/empty.txt"), "").expect("written");
    std::fs::write(root.join("dates/2010/02/blob.txt"), [0u8, 1, 2, 0, 0, 3]).expect("written");
    let c = corpus::load(root).expect("folder listed");
    let ids: Vec<&str> = c.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["09BERLIN1167", "09BERLIN1528", "10BERLIN128", "10BERLIN180"]
    );
    let bad: Vec<String> = c
        .unreadable
        .iter()
        .map(|(p, why)| format!("{}: {why}", p.file_name().unwrap_or_default().display()))
        .collect();
    assert_eq!(
        bad,
        [
            "blob.txt: binary data, not a text cable",
            "empty.txt: the file is empty"
        ]
    );
    let out = links(root, "09BERLIN1528", true);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["cited_by"], serde_json::json!(["10BERLIN128"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("blob.txt: binary data"), "{err}");
    assert!(err.contains("empty.txt: the file is empty"), "{err}");
}

#[test]
fn a_cablegate_csv_dump_gives_the_ids_and_links_of_the_text_files() {
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cables-sample.csv");
    let c = corpus::load(Path::new(csv)).expect("read");
    assert!(c.unreadable.is_empty(), "{:?}", c.unreadable);
    assert_eq!(c.records.len(), 60);
    let tmp = tempfile::tempdir().expect("tempdir");
    let ids: Vec<&str> = c.records.iter().map(|r| r.id.as_str()).collect();
    unpack(tmp.path(), Some(&ids));
    let files = corpus::load(tmp.path()).expect("folder listed");
    assert_eq!(
        files.records.len(),
        60,
        "every CSV id names a vendored cable"
    );
    let by_id: std::collections::HashMap<&str, &corpus::Record> =
        files.records.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in &c.records {
        let f = by_id[r.id.as_str()];
        assert_eq!((&r.refs, &r.tags), (&f.refs, &f.tags), "{}", r.id);
    }
    let out = links(Path::new(csv), &c.records[0].id, true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The REF chains of real cables, followed deep: the Madrid chain back to 2006 (the REF
/// lists of the nine cables of the folder in its tree are in the hand-checked table,
/// `tests/data/refs`, and the tree reads them as it does), and Berlin's cited-by chains,
/// where a cable reached twice is followed where it is nearest.
#[test]
fn links_follows_ref_chains_to_a_depth() {
    let tmp = tempfile::tempdir().expect("tempdir");
    unpack(tmp.path(), None);
    let out = links_with(tmp.path(), "09MADRID612", false, &["--depth", "6"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // Each line's indent and id, and whether the folder has the cable.
    let tree: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| {
            let id = l.split_whitespace().next().unwrap_or_default();
            let indent = l.len() - l.trim_start().len();
            let gone = if l.contains("(not in the folder)") {
                " -"
            } else {
                ""
            };
            format!("{}{id}{gone}", " ".repeat(indent))
        })
        .collect();
    assert_eq!(
        tree,
        [
            "cites:",
            "  09MADRID551",
            "    09MADRID351 -",
            "    09STATE56239 -",
            "    09MADRID440",
            "      09MADRID392",
            "        09MADRID383 -",
            "        09MADRID347 -",
            "      09MADRID393 -",
            "      08MADRID1280",
            "        07MADRID173",
            "          06MADRID3104 -",
            "          06MADRID2657",
            "            06MADRID1914 -",
            "            06MADRID1799 -",
            "            06MADRID2374 -",
            "          06MADRID2374 -",
            "          06MADRID1799 -",
            "        08MADRID1021 -",
            "    09MADRID261 -",
            "    09MADRID484 -",
            "  09MADRID201 -",
            "  08MADRID1281",
            "    08MADRID1131 -",
            "    08MADRID751 -",
            "  08MADRID678",
            "    08MADRID610 -",
            "    08MADRID568 -",
            "  09MADRID432 -",
            "cited",
        ]
    );
    assert!(
        text.starts_with("09MADRID612  2009-06-26  Embassy Madrid  SCENESETTER"),
        "{text}"
    );
    assert!(text.contains("\ncites: 5 (6 links deep)\n"), "{text}");
    assert!(text.ends_with("\ncited by: 0 (6 links deep)\n"), "{text}");

    let out = links_with(tmp.path(), "09BERLIN1167", false, &["--depth", "2"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let cited_by: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("cited by:"))
        .collect();
    assert_eq!(
        cited_by,
        [
            "cited by: 4 (2 links deep)",
            "  09BERLIN1197  2009-09-28  Embassy Berlin  WESTERWELLE'S SURGE CLINCHES BLACK-YELLOW IN GERMANY; MERKEL GAINS SECOND TERM",
            "  09BERLIN1360  2009-10-29  Embassy Berlin  THE NEW GERMAN CABINET - AN OVERVIEW",
            "  09BERLIN1528  2009-12-03  Embassy Berlin  COALITION TESTED AS US-EU TFTP/SWIFT AGREEMENT PASSES ON GERMAN ABSTENTION",
            "    10BERLIN128  2010-01-29  Embassy Berlin  ACTION REQUEST: OVERCOMING GERMAN DOUBTS ON U.S. DATA PRIVACY PRACTICES  (followed elsewhere)",
            "    10BERLIN153  2010-02-03  Embassy Berlin  DEFLATED EXPECTATIONS FOR MERKEL'S DREAM COALITION AFTER FIRST 100 DAYS",
            "  10BERLIN128  2010-01-29  Embassy Berlin  ACTION REQUEST: OVERCOMING GERMAN DOUBTS ON U.S. DATA PRIVACY PRACTICES",
            "    10BERLIN180  2010-02-12  Embassy Berlin  CHANCELLOR MERKEL ANGERED BY LACK OF GERMAN MEP SUPPORT FOR TFTP",
        ]
    );
    // In JSON: a cable reached again (09BERLIN1167, cited directly too) is followed
    // where it is nearest; a missing one has nothing to follow.
    let out = links_with(tmp.path(), "10BERLIN128", true, &["--depth", "2"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["chain"]["depth"], 2);
    assert_eq!(
        v["chain"]["cites"],
        serde_json::json!([
            {"id": "10STATE8403", "missing": true},
            {"id": "09BERLIN1528", "next": [
                {"id": "09BERLIN1393", "missing": true},
                {"id": "09BERLIN1377", "missing": true},
                {"id": "09BERLIN1167", "repeated": true}
            ]},
            {"id": "09BERLIN1377", "missing": true},
            {"id": "09BERLIN1167", "next": [
                {"id": "09BERLIN988", "missing": true},
                {"id": "08BERLIN504", "missing": true},
                {"id": "08BERLIN354", "missing": true}
            ]}
        ])
    );
    // Where the depth stops before a chain does, the cable is flagged.
    let out = links_with(tmp.path(), "09MADRID612", true, &["--depth", "2"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let more: Vec<&str> = v["chain"]["cites"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|n| n["next"].as_array().into_iter().flatten())
        .filter(|n| n["more"] == true)
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert_eq!(more, ["09MADRID440"]);
    let out = links_with(tmp.path(), "09MADRID612", false, &["--depth", "2"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("GARZON OPENS SECOND INVESTIGATION INTO ALLEGED U.S. TORTURE OF TERRORISM DETAINEES  (more past depth 2)\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Without --depth, the JSON is as before: no chain.
    let out = links(tmp.path(), "10BERLIN128", true);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(v.get("chain").is_none(), "{v}");
    // A depth of 0 is refused with a usage error.
    let out = links_with(tmp.path(), "10BERLIN128", false, &["--depth", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `links DIR` without an id: the real corpus's links counted and its most cited cables
/// (the counts agree with a tally of every cable's REF ids from `dump --json`, made
/// apart: 1,358 links; 1,243 cables cited there, one fewer here, where the corpus places
/// the REFs written without a year: 08STATE50524's `BEIJING 5361` is placed in 2007, the
/// 07BEIJING5361 that 07STATE152317 cites).
#[test]
fn links_without_an_id_counts_the_folder_and_lists_its_most_cited() {
    let tmp = tempfile::tempdir().expect("tempdir");
    unpack(tmp.path(), None);
    let out = links_with(tmp.path(), "", false, &["--top", "6"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "1095 cables; 1358 REF links to 1242 cables, 117 of them in the folder",
            "most cited: 6",
            "  4  08PARIS1501  2008-08-01  Embassy Paris  FRANCE'S CHANGING AFRICA POLICY: PART I (BACKGROUND AND OUTLINE OF THE NEW POLICY)",
            "  4  09BERLIN1167  2009-09-21  Embassy Berlin  DATA PRIVACY TRUMPS SECURITY: IMPLICATIONS OF A FDP VICTORY ON COUNTERTERRORISM COOPERATION",
            "  4  09BRASILIA34  2009-01-09  Embassy Brasilia  BRAZIL,S NEW DEFENSE STRATEGY--STRATEGY FOR DEVELOPMENT",
            "  4  09TRIPOLI938  2009-11-25  Embassy Tripoli  LIBYA HALTS HIGHLY ENRICHED URANIUM FUEL TRANSFER",
            "  3  08BRASILIA175  (not in the folder)",
            "  3  08PARIS1568  2008-08-13  Embassy Paris  FRANCE\u{2019}S CHANGING AFRICA POLICY: PART II (FRENCH IMPLEMENTATION AND AFRICAN REACTIONS)",
        ]
    );
    let out = links_with(tmp.path(), "", true, &["--top", "2"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!({
            "cables": 1095, "links": 1358, "cited": 1242, "cited_in_corpus": 117,
            "top": [
                {"id": "08PARIS1501", "cited_by": 4, "missing": false},
                {"id": "09BERLIN1167", "cited_by": 4, "missing": false}
            ]
        })
    );
    // --top names no cable, --depth needs one: usage errors.
    let top_with_id = links_with(tmp.path(), "09MADRID612", false, &["--top", "3"]);
    assert_eq!(top_with_id.status.code(), Some(2));
    let depth_without = links_with(tmp.path(), "", false, &["--depth", "3"]);
    assert_eq!(depth_without.status.code(), Some(2));
}
