//! Taskers and aligned answers (issue 15) on real replies to the 2006 TIP tasker
//! 06STATE3836: the four alx replies and the seed, vendored in `tests/data/tip2006/`,
//! and the 1,095-cable corpus around them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use cablescope::corpus::{self, RefGraph};
use cablescope::tasker::{How, Key, Study, study};

const TIP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tip2006");

fn study() -> Study {
    let corpus = corpus::load(Path::new(TIP)).expect("the TIP folder");
    assert!(corpus.unreadable.is_empty(), "{:?}", corpus.unreadable);
    let graph = RefGraph::new(&corpus.records);
    Study::load(&corpus.records, &graph, "06STATE3836").expect("cited")
}

/// One row of `expected-answers.tsv`.
#[derive(Debug)]
struct Expected {
    reply: String,
    tasker: String,
    paragraph: String,
    how: String,
}

fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(Path::new(TIP).join("expected-answers.tsv")).expect("tsv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "{l}");
            Expected {
                reply: f[0].to_owned(),
                tasker: f[1].to_owned(),
                paragraph: f[2].to_owned(),
                how: f[3].to_owned(),
            }
        })
        .collect()
}

#[test]
fn alignment_is_the_hand_checked_table() {
    let study = study();
    let rows = expected();
    // Every aligned answer of every reply, as the table writes it.
    let mut got = BTreeSet::new();
    for r in &study.replies {
        for a in &r.answers {
            let tasker = match (a.key, a.how) {
                (Some(k), How::Key | How::QuestionText) => k.to_string(),
                (None, How::Heading) => a.section.to_string(),
                other => panic!("{}: {other:?} mixes a key and a heading", r.id),
            };
            got.insert((
                r.id.clone(),
                tasker,
                study::paragraph_label(&r.cable, a),
                a.how.as_str().to_owned(),
            ));
        }
    }
    let want: BTreeSet<_> = rows
        .iter()
        .filter(|e| e.how != "none")
        .map(|e| {
            (
                e.reply.clone(),
                e.tasker.clone(),
                e.paragraph.clone(),
                e.how.clone(),
            )
        })
        .collect();
    assert_eq!(want.len(), 35 + 35 + 4 + 4);
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
    // What the table says answers nothing is in no alignment.
    for e in rows.iter().filter(|e| e.how == "none") {
        let r = study
            .replies
            .iter()
            .find(|r| r.id == e.reply)
            .expect("a reply");
        let paragraphs: Vec<usize> = match e.paragraph.strip_prefix("text:") {
            Some(start) => r
                .cable
                .paragraphs
                .iter()
                .position(|p| p.text.starts_with(start))
                .into_iter()
                .collect(),
            None => {
                let (a, b) = e
                    .paragraph
                    .split_once('–')
                    .unwrap_or((&e.paragraph, &e.paragraph));
                let n = |s: &str| s.trim_start_matches('¶').parse::<u32>().expect("¶N");
                (n(a)..=n(b))
                    .map(|k| r.cable.paragraph_index(k).expect("numbered"))
                    .collect()
            }
        };
        assert!(!paragraphs.is_empty(), "{e:?}");
        for a in &r.answers {
            for p in &a.passages {
                assert!(!paragraphs.contains(&p.paragraph), "{e:?} aligned as {a:?}");
            }
        }
    }
}

#[test]
fn keyed_and_quoted_answers_are_sure_headings_never_claim_a_key() {
    let study = study();
    for r in &study.replies {
        for a in &r.answers {
            match a.how {
                How::Key => assert!((a.confidence - 1.0).abs() < 1e-9, "{}: {a:?}", r.id),
                How::QuestionText => assert!(a.confidence >= 0.7, "{}: {a:?}", r.id),
                How::Heading => {
                    assert_eq!(a.key, None);
                    assert!(a.confidence <= 0.5);
                }
            }
            assert!(
                !study::answer_text(&r.cable, a).is_empty(),
                "{} {}: empty answer",
                r.id,
                a.label
            );
        }
    }
    let jerusalem = study
        .replies
        .iter()
        .find(|r| r.id == "06JERUSALEM836")
        .expect("reply");
    assert!(jerusalem.answers.is_empty());
}

#[test]
fn questionnaire_rebuilt_from_the_replies() {
    let study = study();
    let q = &study.questionnaire;
    let keys: Vec<String> = q.items.iter().map(|i| i.key.to_string()).collect();
    let mut want = Vec::new();
    for (p, letters) in [
        (21, "ABCD"),
        (22, "ABCDFGHJ"),
        (23, "ABCDEFGHIJKLMN"),
        (24, "ABCDEFGHI"),
    ] {
        want.extend(letters.chars().map(|l| format!("{p}.{l}")));
    }
    assert_eq!(keys, want);
    let e = q.item(Key::parse("23.E").expect("key")).expect("23.E");
    assert!(
        e.text
            .starts_with("Has the Government prosecuted any cases against traffickers?"),
        "{}",
        e.text
    );
    assert_eq!(e.quoted_by, ["06DAKAR528"]);
    let g = q.item(Key::parse("22.G").expect("key")).expect("22.G");
    // The question was joined to its answer on one line; it ends at its last `?`.
    assert!(g.text.ends_with("along borders?"), "{}", g.text);
    let titles: Vec<&Vec<String>> = q.sections.iter().map(|s| &s.titles).collect();
    assert_eq!(
        titles,
        [
            // Mexico's headings are the same titles in capitals: kept once.
            &vec![
                "Overview of a country's activities to eliminate trafficking in persons".to_owned()
            ],
            &vec!["PREVENTION".to_owned()],
            &vec!["INVESTIGATION AND PROSECUTION OF TRAFFICKERS".to_owned()],
            &vec!["PROTECTION AND ASSISTANCE TO VICTIMS".to_owned()],
        ]
    );
}

#[test]
fn keys_named_by_a_replys_numbering() {
    let study = study();
    let e = Key::parse("23.E").expect("key");
    assert_eq!(study.resolve("q17@06MEXICO1113"), Ok(e));
    assert_eq!(study.resolve("Q17@06 mexico 1113"), Ok(e));
    assert_eq!(study.resolve("23E"), Ok(e));
    assert_eq!(
        study.resolve("q36@06MEXICO1113"),
        Err("06MEXICO1113 has no question 36".to_owned())
    );
    assert_eq!(
        study.resolve("q1@06PARIS741"),
        Err("06PARIS741: not a reply to 06STATE3836".to_owned())
    );
    assert!(study.resolve("prosecutions").is_err());
    let rows = study.answers(e);
    let got: Vec<(&str, Option<&str>, Option<&str>)> = rows
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.paragraph.as_deref(),
                r.how.map(How::as_str),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("06HONGKONG817", Some("¶24–¶33"), Some("heading")),
            ("06HONGKONG818", Some("¶11–¶16"), Some("heading")),
            ("06JERUSALEM836", None, None),
            ("06DAKAR528", Some("¶23"), Some("key")),
            ("06MEXICO1113", Some("¶18"), Some("question text")),
        ]
    );
    // From the reader's cursor in a reply to the tasker's key.
    let mexico_q17 = study
        .reply("06MEXICO1113")
        .and_then(|r| r.cable.question_index(17))
        .expect("Question 17");
    let at = study
        .answer_at("06MEXICO1113", mexico_q17, 0)
        .expect("the question");
    assert_eq!((at.key, at.how), (Some(e), How::QuestionText));
    let hk = study.reply("06HONGKONG817").expect("reply");
    let p30 = hk.cable.paragraph_index(30).expect("¶30");
    let at = study.answer_at("06HONGKONG817", p30, 5).expect("a section");
    assert_eq!((at.key, at.section, at.how), (None, 23, How::Heading));
    // A questionnaire is its own counterpart, key for key.
    let q = &study.questionnaire;
    assert_eq!(q.counterpart(e, q), Some((e, 1.0)));
    let dakar = &rows[3];
    assert!(
        dakar
            .text
            .starts_with("The GOS prosecuted individuals responsible for rape"),
        "{}",
        dakar.text
    );
}

/// The program, its cache (where `answers` keeps the folder's index) in a temporary
/// folder shared by the tests here.
fn bin() -> Command {
    static CACHE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(|| tempfile::tempdir().expect("tempdir"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cablescope"));
    cmd.env("CABLESCOPE_CACHE_DIR", cache.path());
    cmd
}

#[test]
fn answers_command_prints_one_json_record_per_reply() {
    let out = bin()
        .args([
            "answers",
            TIP,
            "06 STATE 3836",
            "q17@06MEXICO1113",
            "--json",
        ])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(records.len(), 5);
    for r in &records {
        for field in [
            "post",
            "id",
            "paragraph",
            "key",
            "how",
            "confidence",
            "text",
        ] {
            assert!(r.get(field).is_some(), "{field} missing in {r}");
        }
    }
    let mexico = &records[4];
    assert_eq!(mexico["post"], "Embassy Mexico");
    assert_eq!(mexico["id"], "06MEXICO1113");
    assert_eq!(mexico["paragraph"], "¶18");
    assert_eq!(mexico["key"], "23.E");
    assert_eq!(mexico["label"], "Question 17");
    assert_eq!(mexico["how"], "question text");
    assert_eq!(mexico["confidence"], 1.0);
    let hk = &records[0];
    assert_eq!(hk["key"], serde_json::Value::Null);
    assert_eq!(hk["section"], 23);
    assert_eq!(hk["how"], "heading");
    assert_eq!(records[2]["how"], "none");
    assert_eq!(records[2]["post"], "Consulate Jerusalem");

    let plain = bin()
        .args(["answers", TIP, "06STATE3836", "23.E"])
        .output()
        .expect("run");
    assert!(plain.status.success());
    let plain = String::from_utf8(plain.stdout).expect("utf-8");
    assert!(
        plain.contains(
            "Embassy Dakar  06DAKAR528  2006-03-02  ¶23  23.E  [key 1.00]\n    The GOS prosecuted"
        ),
        "{plain}"
    );
    let bad = bin()
        .args(["answers", TIP, "06STATE3836", "q99@06MEXICO1113"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "cablescope: 06MEXICO1113 has no question 99\n"
    );
}

/// The vendored 1,095 cables and the five TIP replies in one temporary folder.
fn corpus_with_tip() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("cables");
    std::fs::create_dir(&root).expect("mkdir");
    for (id, text) in &super::corpus::corpus().texts {
        std::fs::write(root.join(format!("{id}.txt")), text).expect("write");
    }
    for entry in std::fs::read_dir(TIP).expect("tip") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, root.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    (dir, root)
}

#[test]
fn responders_of_06state3836_in_the_real_corpus() {
    let (_dir, root) = corpus_with_tip();
    let corpus = corpus::load(&root).expect("load");
    assert_eq!(corpus.records.len(), 1095 + 5);
    let graph = RefGraph::new(&corpus.records);
    let tip_ids = [
        "06DAKAR528",
        "06HONGKONG817",
        "06HONGKONG818",
        "06JERUSALEM836",
        "06MEXICO1113",
    ];
    // Each reply spells the tasker its own way; all are one id.
    let spelled: BTreeSet<String> = corpus
        .records
        .iter()
        .filter(|r| tip_ids.contains(&r.id.as_str()))
        .map(|r| {
            let text = std::fs::read_to_string(&r.path).expect("read");
            let cable = cablescope::parse::parse(&text).cable;
            let reference = cable
                .header
                .refs
                .iter()
                .find(|x| x.id.as_deref() == Some("06STATE3836"))
                .expect("cites the tasker");
            reference.text.clone()
        })
        .collect();
    assert_eq!(
        spelled,
        [
            "06 STATE 3836",
            "SECSTATE 003836",
            "STATE 003836",
            "STATE 03836"
        ]
        .map(str::to_owned)
        .into()
    );
    // Typed ids need their year; the REF lists' year-less ones got it from their cable.
    for spelling in ["06STATE3836", "06 SECSTATE 003836", "06 state 03836"] {
        let r = cablescope::tasker::responders(&corpus.records, &graph, spelling).expect("cited");
        assert_eq!(r.tasker, "06STATE3836");
        assert!(!r.in_corpus);
        let posts: Vec<(&str, Vec<&str>)> = r
            .posts
            .iter()
            .map(|p| {
                (
                    p.post.as_str(),
                    p.replies.iter().map(|x| x.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            posts,
            [
                (
                    "Consulate Hong Kong",
                    vec!["06HONGKONG817", "06HONGKONG818"]
                ),
                ("Consulate Jerusalem", vec!["06JERUSALEM836"]),
                ("Embassy Dakar", vec!["06DAKAR528"]),
                ("Embassy Mexico", vec!["06MEXICO1113"]),
            ]
        );
        assert!(r.replies().all(|(_, x)| x.part.is_none() && !x.follow_up));
        // No other year's TIP tasker is in this corpus.
        assert!(r.other_years.is_empty());
    }
    // Cables cited by cables of three posts or more: the TIP tasker, and one NATO
    // cable of 2009 answered by Tallinn and USNATO and followed up by State.
    let candidates: Vec<(String, bool, usize, usize)> =
        cablescope::tasker::taskers(&corpus.records, &graph, 3)
            .into_iter()
            .map(|c| (c.id, c.missing, c.replies, c.posts))
            .collect();
    assert_eq!(
        candidates,
        [
            ("06STATE3836".to_owned(), true, 5, 4),
            ("09STATE127892".to_owned(), false, 3, 3)
        ]
    );
}

/// An annotation on the passage `quote` of `cable` (the first paragraph holding it).
pub(crate) fn tag_passage(
    cable: &cablescope::cable::Cable,
    quote: &str,
    tags: &[&str],
    note: &str,
) -> cablescope::annotation::Annotation {
    let (i, start) = cable
        .paragraphs
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.text.find(quote).map(|s| (i, s)))
        .unwrap_or_else(|| panic!("{quote:?} not in the cable"));
    let anchor =
        cablescope::annotation::Anchor::from_selection(cable, i, start..start + quote.len())
            .expect("anchor");
    cablescope::annotation::Annotation::new(
        anchor,
        tags.iter().map(|t| (*t).to_owned()).collect(),
        note.to_owned(),
        chrono::Utc::now(),
    )
}

/// The TIP folder copied to a temporary one, with annotations saved through the store on
/// Dakar (two passages tagged `prosecution`, one other) and Mexico (one), and a corrupt
/// sidecar beside 06HONGKONG817.
pub(crate) fn tagged_folder() -> (tempfile::TempDir, PathBuf, PathBuf, &'static str) {
    use cablescope::annotation::{AnnotationSet, text_hash};
    use cablescope::store::{Store, sidecar_path};
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("tip");
    std::fs::create_dir(&root).expect("mkdir");
    for entry in std::fs::read_dir(TIP).expect("tip") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, root.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    for (id, passages) in [
        (
            "06DAKAR528",
            vec![
                (
                    "The GOS prosecuted individuals responsible for rape",
                    vec!["prosecution"],
                    "23.E",
                ),
                (
                    "Two Koranic teachers were arrested and prosecuted in 2005",
                    vec!["Prosecution", "talibe"],
                    "",
                ),
                ("Ginddi Center received 4,137 children", vec!["victims"], ""),
            ],
        ),
        (
            "06MEXICO1113",
            vec![(
                "Mexico still lacks a federal anti-trafficking law",
                vec!["prosecution"],
                "Q13",
            )],
        ),
    ] {
        let path = root.join(format!("{id}.txt"));
        let text = std::fs::read_to_string(&path).expect("read");
        let cable = cablescope::parse::parse(&text).cable;
        let mut set = AnnotationSet::new();
        for (quote, tags, note) in passages {
            set.insert_new(tag_passage(&cable, quote, &tags, note));
        }
        set.reanchor(&cable, &text_hash(&text));
        Store::at(sidecar_path(&path), None, &format!("{id}.txt"))
            .save(&mut set)
            .expect("save");
    }
    let corrupt = "(\n  version: 1,\n  annotations: [ (id: \"x\" oops ]\n)";
    let broken = sidecar_path(&root.join("06HONGKONG817.txt"));
    std::fs::write(&broken, corrupt).expect("corrupt sidecar");
    (dir, root, broken, corrupt)
}

#[test]
fn notes_tag_across_a_folder() {
    let (dir, root, broken, corrupt) = tagged_folder();
    let data = dir.path().join("data");
    let run = |format: &str| {
        bin()
            .env("CABLESCOPE_DATA_DIR", &data)
            .arg("notes")
            .arg(&root)
            .args(["--tag", "PROSECUTION", "--format", format])
            .output()
            .expect("run")
    };
    let out = run("json");
    // The corrupt sidecar is reported and skipped: status 1, the rest exported.
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:3:", broken.display())) && err.contains("left untouched"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["tag"], "PROSECUTION");
    assert_eq!(v["passages"], 3);
    assert_eq!(
        v["by_post"],
        serde_json::json!({"Embassy Dakar": 2, "Embassy Mexico": 1})
    );
    assert_eq!(v["by_year"], serde_json::json!({"2006": 2 + 1}));
    let cables: Vec<(&str, usize)> = v["cables"]
        .as_array()
        .expect("cables")
        .iter()
        .map(|c| {
            (
                c["cable"].as_str().expect("id"),
                c["annotations"].as_array().expect("annotations").len(),
            )
        })
        .collect();
    assert_eq!(cables, [("06DAKAR528", 2), ("06MEXICO1113", 1)]);
    // In text order: the 23.A answer's passage, then 23.E's.
    let quotes: Vec<(&str, u64, &str)> = v["cables"][0]["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .map(|a| {
            (
                a["quote"].as_str().expect("quote"),
                a["paragraph"].as_u64().expect("paragraph"),
                a["status"].as_str().expect("status"),
            )
        })
        .collect();
    assert_eq!(
        quotes,
        [
            (
                "Two Koranic teachers were arrested and prosecuted in 2005",
                23,
                "exact"
            ),
            (
                "The GOS prosecuted individuals responsible for rape",
                23,
                "exact"
            ),
        ]
    );
    assert_eq!(v["skipped"].as_array().map(Vec::len), Some(1));

    let md = String::from_utf8(run("markdown").stdout).expect("utf-8");
    for line in [
        "# Passages tagged `PROSECUTION`",
        "- **Passages:** 3 in 2 cables",
        "| Embassy Dakar | 2 |",
        "| 2006 | 3 |",
        "## 06DAKAR528 · Embassy Dakar · 2006-03-02",
        "> The GOS prosecuted individuals responsible for rape",
        "## 06MEXICO1113 · Embassy Mexico · 2006-03-02",
    ] {
        assert!(md.lines().any(|l| l == line), "{line:?} not in\n{md}");
    }
    let csv = String::from_utf8(run("csv").stdout).expect("utf-8");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 1 + 3, "{csv}");
    assert!(rows[0].starts_with("cable,post,date,id,status,section,paragraph"));
    assert!(
        rows[3].starts_with("06MEXICO1113,Embassy Mexico,2006-03-02,"),
        "{csv}"
    );
    // Nothing was written: the corrupt sidecar is as it was, no data folder appeared.
    assert_eq!(std::fs::read_to_string(&broken).expect("kept"), corrupt);
    assert!(!data.exists());
    let names: BTreeSet<String> = std::fs::read_dir(&root)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 5 + 3, "{names:?}");

    let none = bin()
        .env("CABLESCOPE_DATA_DIR", &data)
        .arg("notes")
        .arg(&root)
        .output()
        .expect("run");
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("needs --tag TAG"));
}

/// Keys written whole without the question (a 2007-style reply, `27.A. (SBU) …`, and
/// the same reply respelled `27B.` / `27 C.`) give the questionnaire its keys and align
/// by key with 0.9, there being no quotation to compare.
#[test]
fn keys_without_quotations_align_by_key() {
    use cablescope::tasker::{Questionnaire, align, reply};
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/synthetic/tasker-keyed.txt"
    ))
    .expect("fixture");
    // (A `27A.` right after the `Overview` heading is joined to ¶2 by the parser, whose
    // keyed-paragraph rule knows `27.A.` only; after an answer the line start is kept.)
    let respelled =
        src.replacen("27.B. (SBU)", "27B. (SBU)", 1)
            .replacen("27.C. (SBU)", "27 C. (SBU)", 1);
    for text in [&src, &respelled] {
        let cable = cablescope::parse::parse(text).cable;
        let units = reply::units(&cable);
        let keys: Vec<String> = units
            .iter()
            .filter_map(|u| u.key)
            .map(|k| k.to_string())
            .collect();
        assert_eq!(
            &keys[..7],
            ["27.A", "27.B", "27.C", "27.D", "28.A", "28.B", "28.C"]
        );
        let q = Questionnaire::build("06STATE202745", &[("07BOGOTA1234", &cable, &units)]);
        assert_eq!(q.items.len(), keys.len());
        let answers = align::align(&q, &cable, &units);
        assert_eq!(answers.len(), keys.len());
        assert!(
            answers
                .iter()
                .all(|a| a.how == How::Key && (a.confidence - 0.9).abs() < 1e-9)
        );
        let a = &answers[1];
        assert!(
            study::answer_text(&cable, a).starts_with("Internal trafficking from rural areas"),
            "{}",
            study::answer_text(&cable, a)
        );
    }
}
