//! `cablescope index` and `search` on the vendored real corpus, unpacked into a temporary
//! folder, with the cache folder in another: fielded search checked against the corpus
//! model, incremental re-indexing, an unreadable index rebuilt, a killed build reopened.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use cablescope::corpus::{self, RefGraph};

use super::corpus::corpus;

/// A corpus folder and a cache folder.
struct Setup {
    _tmp: tempfile::TempDir,
    cables: std::path::PathBuf,
    cache: std::path::PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cables = tmp.path().join("cables");
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(&cables).expect("folder");
    for (id, text) in &corpus().texts {
        std::fs::write(cables.join(format!("{id}.txt")), text).expect("written");
    }
    Setup {
        _tmp: tmp,
        cables,
        cache,
    }
}

fn run(s: &Setup, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cablescope"));
    cmd.env("CABLESCOPE_CACHE_DIR", &s.cache);
    for a in args {
        if *a == "DIR" {
            cmd.arg(&s.cables);
        } else {
            cmd.arg(a);
        }
    }
    cmd.output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The ids `search --json` finds for `query`.
fn ids(s: &Setup, query: &str) -> Vec<serde_json::Value> {
    let out = run(s, &["search", "DIR", query, "--json", "--limit", "5000"]);
    assert!(out.status.success(), "{query}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn id_set(hits: &[serde_json::Value]) -> BTreeSet<String> {
    hits.iter()
        .map(|h| h["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn fielded_search_agrees_with_the_corpus_model() {
    let s = setup();
    let out = run(&s, &["index", "DIR"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1095 files, 1095 indexed, 0 removed, 0 unreadable"),
        "{}",
        stderr(&out)
    );
    let model = corpus::load(&s.cables).expect("listed");
    let graph = RefGraph::new(&model.records);
    let expect = |pred: &dyn Fn(&corpus::Record) -> bool| -> BTreeSet<String> {
        model
            .records
            .iter()
            .filter(|r| pred(r))
            .map(|r| r.id.clone())
            .collect()
    };

    // ref: is the cited-by set of the REF graph.
    let cited: BTreeSet<String> = graph
        .links(&model.records, "08PARIS1501")
        .expect("cited")
        .cited_by
        .into_iter()
        .collect();
    assert_eq!(id_set(&ids(&s, "ref:08PARIS1501")), cited);
    assert_eq!(cited.len(), 4);

    let one = ids(&s, "id:08paris1568");
    assert_eq!(id_set(&one), BTreeSet::from(["08PARIS1568".to_owned()]));
    assert!(
        one[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("08PARIS1568.txt"))
    );

    let ktip = expect(&|r| r.tags.iter().any(|t| t == "KTIP"));
    assert!(!ktip.is_empty());
    assert_eq!(id_set(&ids(&s, "tag:ktip")), ktip);

    // The year of an undated cable (a partial extract) is its id's.
    let years = expect(&|r| r.year().is_some_and(|y| (2005..=2007).contains(&y)));
    assert_eq!(id_set(&ids(&s, "year:2005..2007")), years);
    let april = expect(&|r| r.day().is_some_and(|d| d.starts_with("2009-04")));
    assert_eq!(id_set(&ids(&s, "date:2009-04")), april);

    let caracas = expect(&|r| {
        matches!(
            r.listed_origin().as_deref(),
            Some("Embassy Caracas" | "CARACAS")
        )
    });
    assert!(
        caracas.contains("04CARACAS2200"),
        "a partial extract, no FM line"
    );
    assert_eq!(id_set(&ids(&s, "from:caracas")), caracas);
    // A cable whose text names no sender (a partial extract, no FM line) is indexed under
    // its id's station, and listed under the post the station's other cables name:
    // Ankara's 15 with an FM line and the four without are all `Embassy Ankara`'s.
    let hits = ids(&s, "from:ankara");
    let ankara = expect(&|r| r.id.contains("ANKARA"));
    assert_eq!(id_set(&hits), ankara);
    assert_eq!(ankara.len(), 19);
    assert_eq!(
        expect(&|r| r.id.contains("ANKARA") && r.origin.is_none()).len(),
        4
    );
    assert!(hits.iter().all(|h| h["origin"] == "Embassy Ankara"));
    // A phrase naming the post finds those listed under its station too: exactly the
    // cables WikiLeaks gives to Embassy Madrid, 29 of the 89 without an FM line.
    let madrid: BTreeSet<String> = corpus()
        .meta
        .iter()
        .filter(|m| m.origin == "Embassy Madrid")
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(madrid.len(), 89);
    let named = id_set(&ids(&s, "from:\"embassy madrid\""));
    assert_eq!(named, madrid);
    assert_eq!(
        expect(&|r| named.contains(&r.id) && r.origin.is_none()).len(),
        29
    );
    let rest = id_set(&ids(&s, "trafficking -from:\"embassy madrid\""));
    assert!(rest.is_disjoint(&madrid) && !rest.is_empty());
    let secret = expect(&|r| {
        r.classification
            .as_deref()
            .is_some_and(|c| c.contains("SECRET"))
    });
    assert_eq!(id_set(&ids(&s, "class:secret")), secret);

    // Words AND, -word, OR, phrases; snippets and paragraphs.
    let both = id_set(&ids(&s, "trafficking victims"));
    let either = id_set(&ids(&s, "trafficking OR victims"));
    let traf = id_set(&ids(&s, "trafficking"));
    assert!(!both.is_empty() && both.is_subset(&traf) && traf.is_subset(&either));
    let not_ktip = id_set(&ids(&s, "trafficking -tag:KTIP"));
    assert!(not_ktip.is_disjoint(&ktip) && not_ktip.is_subset(&traf));
    let phrase = ids(&s, "\"trafficking in persons\"");
    assert!(!phrase.is_empty());
    for h in &phrase {
        // The snippet is the best 200 characters: it holds the phrase's start at least.
        let snippet = h["snippet"].as_str().expect("snippet").to_lowercase();
        assert!(snippet.contains("trafficking"), "{h}");
    }
    assert!(phrase.iter().any(|h| h["paragraph"].as_u64().is_some()));
    for key in [
        "id",
        "path",
        "date",
        "origin",
        "classification",
        "subject",
        "score",
        "paragraph",
        "snippet",
    ] {
        assert!(phrase[0].get(key).is_some(), "{key} in {}", phrase[0]);
    }

    // The text form: a line per cable, the snippet under it.
    let text = run(&s, &["search", "DIR", "id:08PARIS1568"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("08PARIS1568  2008-08-"), "{text}");
}

#[test]
fn only_changed_files_are_reindexed_and_a_broken_index_is_rebuilt() {
    let s = setup();
    assert!(run(&s, &["index", "DIR"]).status.success());
    let again = run(&s, &["index", "DIR"]);
    assert!(
        stderr(&again).contains("1095 files, 0 indexed, 0 removed"),
        "{}",
        stderr(&again)
    );

    let edited = s.cables.join("08PARIS1568.txt");
    let mut text = std::fs::read_to_string(&edited).expect("read");
    text = text.replacen("1. ", "1. Quetzalcoatlus ", 1);
    std::fs::write(&edited, text).expect("written");
    std::fs::remove_file(s.cables.join("09BERLIN1167.txt")).expect("removed");
    let out = run(&s, &["index", "DIR"]);
    assert!(
        stderr(&out).contains("1094 files, 1 indexed, 1 removed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        id_set(&ids(&s, "quetzalcoatlus")),
        BTreeSet::from(["08PARIS1568".to_owned()])
    );
    assert!(ids(&s, "id:09BERLIN1167").is_empty());
    assert_eq!(ids(&s, "id:08PARIS1568").len(), 1, "replaced, not doubled");

    // An index folder that tantivy cannot read is rebuilt, with a message.
    let dir = std::fs::read_dir(&s.cache)
        .expect("cache")
        .next()
        .expect("an index folder")
        .expect("entry")
        .path();
    std::fs::write(dir.join("meta.json"), "not json").expect("broken");
    let out = run(&s, &["index", "DIR"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not be read"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("1094 indexed"), "{}", stderr(&out));
    assert_eq!(ids(&s, "id:08PARIS1568").len(), 1);
}

#[test]
fn a_killed_build_leaves_an_index_that_opens_and_completes() {
    let s = setup();
    for delay in [150, 400, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cablescope"))
            .env("CABLESCOPE_CACHE_DIR", &s.cache)
            .arg("index")
            .arg(&s.cables)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawned");
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let out = run(&s, &["index", "DIR"]);
        assert!(
            out.status.success(),
            "after a kill at {delay} ms: {}",
            stderr(&out)
        );
        assert_eq!(ids(&s, "id:08PARIS1568").len(), 1);
        let all = ids(&s, "year:1900..2100");
        let model_dated = corpus::load(&s.cables)
            .expect("listed")
            .records
            .iter()
            .filter(|r| r.year().is_some())
            .count();
        assert_eq!(
            all.len(),
            model_dated,
            "complete after a kill at {delay} ms"
        );
        // Start over for the next delay.
        std::fs::remove_dir_all(&s.cache).expect("cache removed");
    }
}

#[test]
fn search_needs_a_folder() {
    let s = setup();
    let missing = s.cables.join("nope");
    let out = Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .env("CABLESCOPE_CACHE_DIR", &s.cache)
        .arg("search")
        .arg(&missing)
        .arg("x")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("neither a folder nor a file of cables"));
    let _ = Path::new("");
}

#[test]
fn while_another_process_writes_search_reads_the_last_commit_and_index_says_so() {
    let s = setup();
    assert!(run(&s, &["index", "DIR"]).status.success());
    let dir = std::fs::read_dir(&s.cache)
        .expect("cache")
        .next()
        .expect("an index folder")
        .expect("entry")
        .path();
    // Hold the writer lock as another cablescope would.
    let index = tantivy::Index::open_in_dir(&dir).expect("opens");
    let writer: tantivy::IndexWriter = index.writer(15_000_000).expect("lock taken");
    let busy = run(&s, &["index", "DIR"]);
    assert_eq!(busy.status.code(), Some(2));
    assert!(
        stderr(&busy).contains("another cablescope is updating this index"),
        "{}",
        stderr(&busy)
    );
    let out = run(&s, &["search", "DIR", "id:08PARIS1568", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("searching its last commit"),
        "{}",
        stderr(&out)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    drop(writer);
    assert!(run(&s, &["index", "DIR"]).status.success());
}
