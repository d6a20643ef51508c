//! The library's model ([`cablescope::index::Catalog`]) on the vendored real corpus, in
//! temporary folders (the cache folder given explicitly, never the user's): entries read
//! from the index agree with the corpus model, facet counts and filters agree with it, a
//! blank query is every cable, a snippet from the file names the right paragraph, and a
//! reload picks up what a later update committed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use cablescope::corpus;
use cablescope::index::{self, Catalog, Filters, Query};

use super::corpus::corpus;

/// A corpus folder with `ids` (every vendored cable when empty), and a cache folder.
struct Setup {
    _tmp: tempfile::TempDir,
    cables: PathBuf,
    cache: PathBuf,
}

fn setup(ids: &[&str]) -> Setup {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cables = tmp.path().join("cables");
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(&cables).expect("folder");
    for (id, text) in &corpus().texts {
        if ids.is_empty() || ids.contains(&id.as_str()) {
            std::fs::write(cables.join(format!("{id}.txt")), text).expect("written");
        }
    }
    let cables = std::fs::canonicalize(&cables).expect("canonical");
    Setup {
        _tmp: tmp,
        cables,
        cache,
    }
}

fn update(s: &Setup) -> index::Update {
    index::update_in_cache(&s.cache, &s.cables, &|_, _, _| {}).expect("indexed")
}

fn open(s: &Setup) -> Catalog {
    Catalog::open_in_cache(&s.cache, &s.cables).expect("opens")
}

fn text(q: &str) -> Query {
    Query {
        text: q.to_owned(),
        ..Query::default()
    }
}

/// `(value, count)` sorted as the facets are: count first (most), then value.
fn ranked(counts: BTreeMap<String, u32>) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[test]
fn entries_and_facet_counts_agree_with_the_corpus_model() {
    let s = setup(&[]);
    assert_eq!(update(&s).indexed, 1095);
    let catalog = open(&s);
    let model = corpus::load(&s.cables).expect("listed");
    let by_path: BTreeMap<&Path, &corpus::Record> = model
        .records
        .iter()
        .map(|r| (r.path.as_path(), r))
        .collect();

    // Every cable, as the parser reads it, without reading a file.
    let entries = catalog.entries();
    assert_eq!(entries.len(), 1095);
    let page_origin: BTreeMap<&str, &str> = corpus()
        .meta
        .iter()
        .map(|m| (m.id.as_str(), m.origin.as_str()))
        .collect();
    let (mut named, mut kept) = (0, Vec::new());
    for e in entries {
        let r = by_path[e.path.as_path()];
        assert_eq!(e.id, r.id);
        assert_eq!(e.date.as_deref(), r.day().as_deref());
        assert_eq!(e.year.map(i32::from), r.year());
        if r.origin.is_some() {
            assert_eq!(e.origin.as_deref(), r.origin.as_deref());
        } else if e.origin == r.listed_origin().map(Arc::from) {
            kept.push(e.id.as_str());
        } else {
            // A cable whose text names no sender (no FM line), under the post its
            // station's other cables name: WikiLeaks' name for it too.
            assert_eq!(e.origin.as_deref(), page_origin.get(e.id.as_str()).copied());
            named += 1;
        }
        assert_eq!(e.classification.as_deref(), r.classification.as_deref());
        assert_eq!(e.subject, r.subject);
        let tags: Vec<&str> = e.tags.iter().map(|t| &**t).collect();
        assert_eq!(tags, r.tags, "{} keeps the header's order", e.id);
    }
    let e = entries
        .iter()
        .find(|e| e.id == "08PARIS1568")
        .expect("listed");
    assert_eq!(e.origin.as_deref(), Some("Embassy Paris"));
    assert!(e.date.as_deref().is_some_and(|d| d.starts_with("2008-08-")));
    // 81 cables have no FM line; 77 are named for their station's post. Brussels and
    // Vienna are each the station of two posts (an embassy and a mission), so their
    // four keep the station.
    assert_eq!(
        kept,
        [
            "04BRUSSELS1868",
            "05VIENNA3833",
            "06BRUSSELS524",
            "06VIENNA515"
        ]
    );
    assert_eq!(named, 77);
    let e = entries
        .iter()
        .find(|e| e.id == "05ANKARA3199")
        .expect("listed");
    assert_eq!(e.origin.as_deref(), Some("Embassy Ankara"));

    // A blank query is every cable, in entry order, and its facets count them all.
    let all = catalog.query(&text("  ")).expect("runs");
    assert_eq!(all.matches.len(), 1095);
    assert!(
        all.matches
            .iter()
            .enumerate()
            .all(|(i, m)| m.entry == i && m.score == 0.0)
    );
    // Every cable has a year: its date's, or (74 partial extracts without one) its id's.
    let dated = model.records.iter().filter(|r| r.year().is_some()).count();
    assert_eq!(dated, 1095);
    let years: u32 = all.facets.years.iter().map(|&(_, n)| n).sum();
    assert_eq!(years as usize, dated);

    // Facets over every match of a word query, counted from the model.
    let q = text("trafficking");
    let found = catalog.query(&q).expect("runs");
    assert!(found.matches.len() > 50, "{}", found.matches.len());
    assert!(found.matches.windows(2).all(|w| w[0].score >= w[1].score));
    let (mut origins, mut classes, mut tags) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let mut years: BTreeMap<u16, u32> = BTreeMap::new();
    for m in &found.matches {
        let r = by_path[entries[m.entry].path.as_path()];
        if let Some(o) = &entries[m.entry].origin {
            *origins.entry(o.to_string()).or_default() += 1;
        }
        if let Some(c) = &r.classification {
            *classes.entry(c.clone()).or_default() += 1;
        }
        for t in &r.tags {
            *tags.entry(t.clone()).or_default() += 1;
        }
        if let Some(y) = r.year() {
            let y = u16::try_from(y).expect("a year");
            *years.entry(y).or_default() += 1;
        }
    }
    assert_eq!(found.facets.origins, ranked(origins));
    assert_eq!(found.facets.classifications, ranked(classes));
    assert_eq!(found.facets.tags, ranked(tags));
    assert_eq!(found.facets.years, years.into_iter().collect::<Vec<_>>());
    // The same set as `tag:` through the query language, the model's KTIP cables.
    let ktip = catalog.query(&text("tag:KTIP")).expect("runs");
    let model_ktip = model
        .records
        .iter()
        .filter(|r| r.tags.iter().any(|t| t == "KTIP"))
        .count();
    assert_eq!(ktip.matches.len(), model_ktip);

    // Filters AND with the text; names compare ignoring case.
    let (top_origin, n) = found.facets.origins[0].clone();
    let narrowed = catalog
        .query(&Query {
            filters: Filters {
                origin: Some(top_origin.to_lowercase()),
                ..Filters::default()
            },
            ..q.clone()
        })
        .expect("runs");
    assert_eq!(narrowed.matches.len(), n as usize);
    assert_eq!(narrowed.facets.origins, [(top_origin.clone(), n)]);
    let (year, in_year) = found.facets.years[0];
    let both = catalog
        .query(&Query {
            filters: Filters {
                year: Some(year),
                tag: Some("ktip".to_owned()),
                ..Filters::default()
            },
            ..q.clone()
        })
        .expect("runs");
    assert!(both.matches.len() <= in_year as usize);
    for m in &both.matches {
        let e = &entries[m.entry];
        assert_eq!(e.year, Some(year));
        assert!(e.tags.iter().any(|t| &**t == "KTIP"));
    }
    let nowhere = Filters {
        origin: Some("Embassy Atlantis".to_owned()),
        ..Filters::default()
    };
    let none = catalog
        .query(&Query {
            filters: nowhere,
            ..Query::default()
        })
        .expect("runs");
    assert!(none.matches.is_empty() && none.facets == index::Facets::default());

    // Malformed: an error, unless lenient.
    assert!(matches!(
        catalog.query(&text("(trafficking")),
        Err(index::IndexError::Query(_))
    ));
    assert!(
        catalog
            .query(&Query {
                text: "(trafficking".to_owned(),
                lenient: true,
                ..Query::default()
            })
            .is_ok()
    );
}

/// Words of `text` as the body's tokenizer cuts them (letters and digits, lower case).
fn count_word(text: &str, word: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.to_lowercase() == word)
        .count()
}

#[test]
fn a_snippet_from_the_file_names_the_paragraph_and_counts_hits() {
    let s = setup(&["08PARIS1568", "08PARIS1501", "09BERLIN1167"]);
    update(&s);
    let catalog = open(&s);
    let paris = catalog
        .entries()
        .iter()
        .position(|e| e.id == "08PARIS1568")
        .expect("listed");

    // `Karcher` is in ¶3 alone.
    let q = text("Karcher");
    let found = catalog.query(&q).expect("runs");
    assert_eq!(found.matches.len(), 1);
    assert_eq!(found.matches[0].entry, paris);
    let snip = catalog.snippet(paris, &q).expect("the file is there");
    assert_eq!(snip.paragraph, Some(3));
    assert_eq!(snip.paragraph_index.map(|i| i > 0), Some(true));
    assert_eq!(snip.hits, 1);
    assert_eq!(snip.hits_by_paragraph.len(), 1);
    assert_eq!(snip.highlights.len(), 1);
    assert_eq!(&snip.text[snip.highlights[0].clone()], "Karcher");

    // `Bockel` in several paragraphs: counted in each, the snippet from the richest.
    let cable = cablescope::source::read(&catalog.entries()[paris].path)
        .expect("read")
        .parse()
        .cable;
    let expected: Vec<(usize, usize)> = cable
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (i, count_word(&p.text, "bockel")))
        .filter(|&(_, n)| n > 0)
        .collect();
    assert!(expected.len() >= 2, "{expected:?}");
    let q = text("bockel -karcher");
    let snip = catalog.snippet(paris, &q).expect("snippet");
    assert_eq!(snip.hits_by_paragraph, expected);
    assert_eq!(snip.hits, expected.iter().map(|&(_, n)| n).sum::<usize>());
    let richest = expected
        .iter()
        .max_by_key(|&&(i, n)| (n, std::cmp::Reverse(i)));
    assert_eq!(snip.paragraph_index, richest.map(|&(i, _)| i));
    for r in &snip.highlights {
        assert_eq!(snip.text[r.clone()].to_lowercase(), "bockel");
    }
    // A word after `-` is never highlighted nor counted.
    let snip = catalog
        .snippet(paris, &text("sarkozy -karcher"))
        .expect("snippet");
    assert!(
        snip.highlights
            .iter()
            .all(|r| !snip.text[r.clone()].eq_ignore_ascii_case("karcher"))
    );

    // A file gone: no snippet, nothing else breaks.
    std::fs::remove_file(&catalog.entries()[paris].path).expect("removed");
    assert_eq!(catalog.snippet(paris, &q), None);
}

#[test]
fn reload_picks_up_added_edited_and_removed_files() {
    let s = setup(&["08PARIS1568", "08PARIS1501", "09BERLIN1167"]);
    update(&s);
    let mut catalog = open(&s);
    let before: Vec<String> = catalog.entries().iter().map(|e| e.id.clone()).collect();
    assert_eq!(before, ["08PARIS1501", "08PARIS1568", "09BERLIN1167"]);

    // Added, edited, removed; then an update (as the library's background thread).
    std::fs::write(
        s.cables.join("10BERLIN180.txt"),
        corpus().text("10BERLIN180"),
    )
    .expect("written");
    let edited = s.cables.join("08PARIS1568.txt");
    let text_of = std::fs::read_to_string(&edited).expect("read");
    std::fs::write(&edited, text_of.replacen("Karcher", "Quetzalcoatlus", 1)).expect("written");
    std::fs::remove_file(s.cables.join("09BERLIN1167.txt")).expect("removed");
    // Not seen before a reload.
    assert_eq!(catalog.entries().len(), 3);
    let u = update(&s);
    assert_eq!((u.indexed, u.removed), (2, 1));
    catalog.reload().expect("reloads");

    let ids: Vec<&str> = catalog.entries().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["08PARIS1501", "08PARIS1568", "09BERLIN1167", "10BERLIN180"]
    );
    let all = catalog.query(&Query::default()).expect("runs");
    let live: Vec<usize> = all.matches.iter().map(|m| m.entry).collect();
    assert_eq!(
        live,
        [0, 1, 3],
        "the removed cable keeps its place but never matches"
    );
    let q = text("quetzalcoatlus");
    let found = catalog.query(&q).expect("runs");
    assert_eq!(found.matches.len(), 1);
    assert_eq!(
        found.matches[0].entry, 1,
        "the edited cable keeps its index"
    );
    assert_eq!(catalog.snippet(1, &q).expect("snippet").paragraph, Some(3));
    assert!(
        catalog
            .query(&text("karcher"))
            .expect("runs")
            .matches
            .is_empty()
    );
    assert!(
        catalog
            .query(&text("id:09BERLIN1167"))
            .expect("runs")
            .matches
            .is_empty()
    );
}

#[test]
fn a_folder_without_an_index_is_an_error() {
    let s = setup(&["08PARIS1568"]);
    let e = Catalog::open_in_cache(&s.cache, &s.cables).expect_err("no index yet");
    assert!(e.to_string().contains("no index yet"), "{e}");
}

/// REFs written without a year, placed by the corpus in the library: a cable opened from
/// it lists 09STATE41025's `BRASILIA 681` as 08BRASILIA681 (the corpus's 09BRASILIA634 is
/// of May 19, after the cite of April 23), cited-by follows (`08BRASILIA681` is cited by
/// it, `09BRASILIA681` is not), and a REF whose year the author wrote is never moved.
#[test]
fn the_library_places_undated_refs_by_the_corpus() {
    use cablescope::library::study::citing;
    let s = setup(&["09STATE41025", "09BRASILIA634", "09SAOPAULO487"]);
    // The same cable numbered 41026, citing BRASILIA 681 with its year written.
    let written = corpus()
        .text("09STATE41025")
        .replace("STATE 041025", "STATE 041026")
        .replace("#1025", "#1026")
        .replace("¶D. BRASILIA 000681", "¶D. 09 BRASILIA 000681");
    std::fs::write(s.cables.join("09STATE41026.txt"), written).expect("written");
    update(&s);
    let cat = open(&s);
    let ids = |entries: Vec<usize>| -> Vec<String> {
        let mut ids: Vec<String> = entries
            .into_iter()
            .map(|e| cat.entries()[e].id.clone())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(citing(&cat, "08BRASILIA681")), ["09STATE41025"]);
    assert_eq!(ids(citing(&cat, "09BRASILIA681")), ["09STATE41026"]);
    assert_eq!(
        ids(citing(&cat, "08SAOPAULO679")),
        ["09STATE41025", "09STATE41026"]
    );
    assert!(citing(&cat, "09SAOPAULO679").is_empty());
    // Which cites are the corpus's placement: 41025's, which wrote no year.
    let placed = |id: &str| -> Vec<(String, bool)> {
        let mut v: Vec<(String, bool)> = cablescope::library::study::citers(&cat, id)
            .into_iter()
            .map(|(e, placed)| (cat.entries()[e].id.clone(), placed))
            .collect();
        v.sort();
        v
    };
    assert_eq!(placed("08BRASILIA681"), [("09STATE41025".to_owned(), true)]);
    assert_eq!(
        placed("09BRASILIA681"),
        [("09STATE41026".to_owned(), false)]
    );
    assert_eq!(
        ids(citing(&cat, "09BRASILIA202")),
        ["09STATE41025", "09STATE41026"]
    );

    let text = corpus().text("09STATE41025");
    let mut cable = cablescope::parse::parse(text).cable;
    corpus::place_refs(&mut cable, cat.serials());
    let refs = |cable: &cablescope::cable::Cable| -> Vec<(String, bool)> {
        cable
            .header
            .refs
            .iter()
            .filter_map(|r| Some((r.id.clone()?, r.year_placed)))
            .collect()
    };
    let want = [
        ("09SAOPAULO90", false),
        ("08SAOPAULO679", true),
        ("09BRASILIA202", false),
        ("08BRASILIA681", true),
        ("08BRASILIA855", true),
        ("09BRASILIA158", false),
        ("09BRASILIA388", false),
        ("09BRASILIA128", false),
    ]
    .map(|(id, placed)| (id.to_owned(), placed));
    assert_eq!(refs(&cable), want);
    // Placing again moves nothing further.
    corpus::place_refs(&mut cable, cat.serials());
    assert_eq!(refs(&cable), want);

    // The reader marks the placed ids, and only those, in the header's REF lines.
    let doc = cablescope::app::document::Document::new(
        "09STATE41025.txt".into(),
        None,
        cable,
        text.into(),
    );
    let mut app = cablescope::app::App::new(doc);
    let screen = super::ui::draw(&mut app, 200, 70);
    let marked: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains(corpus::PLACED_MARK))
        .filter_map(|l| l.split("REF ").nth(1))
        .filter_map(|l| l.get(..=l.rfind(']')?))
        .collect();
    assert_eq!(
        marked,
        [
            "B. SAO PAULO 000679  [08SAOPAULO679, year placed by the corpus]",
            "D. BRASILIA 000681  [08BRASILIA681, year placed by the corpus]",
            "E. BRASILIA 000855  [08BRASILIA855, year placed by the corpus]",
        ],
        "{screen}"
    );
    // The stub of REF D's cable, not in the corpus, marks its citer's placed cite.
    let citers: Vec<cablescope::index::Citer> =
        cablescope::library::study::citers(&cat, "08BRASILIA681")
            .into_iter()
            .map(|(e, placed)| cablescope::index::Citer {
                entry: cat.entries()[e].clone(),
                placed,
            })
            .collect();
    app.update(cablescope::action::Action::MissingCable(
        cablescope::action::Carried::new(("08BRASILIA681".to_owned(), citers)),
    ));
    let screen = super::ui::draw(&mut app, 200, 70);
    let stub: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.rsplit('│').nth(1))
        .map(str::trim)
        .skip_while(|l| !l.starts_with("08BRASILIA681"))
        .take(8)
        .collect();
    assert_eq!(
        stub,
        [
            // The sidebar is 32 columns wide: lines wrap.
            "08BRASILIA681 — not in this",
            "corpus",
            "cited by 1 of its cables:",
            "← 09STATE41025 2009-04-23",
            "Secretary of State",
            "KUDOS FOR BRAZIL REPORTING",
            "(C-AL9-00886)",
            "(year placed by the corpus)"
        ],
        "{screen}"
    );
    // Following `REF E` from ¶3 shows it in the details, the mark under its cable.
    use cablescope::action::Action;
    app.update(Action::OpenGoto);
    app.update(super::ui::typed_char('3'));
    app.update(Action::PromptSubmit);
    app.update(Action::FollowLink);
    let screen = super::ui::draw(&mut app, 200, 70);
    let details: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.rsplit('│').nth(1))
        .map(str::trim)
        .skip_while(|l| *l != "REF E")
        .take(4)
        .collect();
    assert_eq!(
        details,
        [
            "REF E",
            "BRASILIA 000855",
            "cable 08BRASILIA855",
            "(year placed by the corpus)"
        ],
        "{screen}"
    );
}
