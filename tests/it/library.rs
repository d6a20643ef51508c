//! The library screen on the vendored real corpus (1,095 cables in a temporary folder, its
//! index in another): the list, search as you type, facets that follow the query and
//! filter, the fuzzy jump, Enter at the matched paragraph, and the screen as drawn.
//!
//! See: issue 14.

use std::sync::OnceLock;

use cablescope::index::{self, Catalog, Entry};
use cablescope::library::{FacetItem, LibAction, LibEffect, LibFocus, Library, Sort};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::corpus::corpus;

/// The corpus folder and its index, built once for every test here (and the glossary's).
pub struct Built {
    _tmp: tempfile::TempDir,
    pub cables: std::path::PathBuf,
    pub cache: std::path::PathBuf,
}

pub fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cables = tmp.path().join("cables");
        let cache = tmp.path().join("cache");
        std::fs::create_dir_all(&cables).expect("folder");
        for (id, text) in &corpus().texts {
            std::fs::write(cables.join(format!("{id}.txt")), text).expect("written");
        }
        let update = index::update_in_cache(&cache, &cables, &|_, _, _| {}).expect("indexed");
        assert_eq!(update.indexed, corpus().texts.len());
        Built {
            _tmp: tmp,
            cables,
            cache,
        }
    })
}

fn library() -> Library {
    let b = built();
    let mut lib = Library::new(&b.cables);
    let catalog = Catalog::open_in_cache(&b.cache, &b.cables).expect("opens");
    lib.update(LibAction::CatalogOpened(cablescope::action::Carried::new(
        catalog,
    )));
    lib
}

fn key(c: char) -> LibAction {
    LibAction::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE).into())
}

fn type_query(lib: &mut Library, text: &str) {
    lib.update(LibAction::FocusQuery);
    for c in text.chars() {
        lib.update(key(c));
    }
}

fn ids(lib: &Library) -> Vec<String> {
    let entries = lib.catalog().expect("catalog").entries();
    lib.rows.iter().map(|&r| entries[r].id.clone()).collect()
}

#[test]
fn every_cable_is_listed_oldest_first() {
    let lib = library();
    assert_eq!(lib.total(), 1095);
    assert_eq!(lib.rows.len(), 1095);
    assert_eq!(lib.sort, Sort::Date);
    let entries = lib.catalog().expect("catalog").entries();
    // Dated cables by date, then the few whose header the parser could not date.
    let dates: Vec<_> = lib.rows.iter().map(|&r| entries[r].date.clone()).collect();
    let dated: Vec<_> = dates.iter().take_while(|d| d.is_some()).cloned().collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted);
    assert!(dates[dated.len()..].iter().all(Option::is_none));
    // The oldest cable of the corpus (metadata.csv's earliest `created`).
    let oldest = corpus()
        .meta
        .iter()
        .min_by_key(|m| m.created.clone())
        .expect("rows");
    assert_eq!(ids(&lib)[0], oldest.id);
}

#[test]
fn search_as_you_type_narrows_the_list_and_the_facets_follow() {
    let mut lib = library();
    type_query(&mut lib, "trafficking");
    assert_eq!(lib.focus, LibFocus::Query);
    let found = ids(&lib);
    // Every cable whose text says "trafficking" (any case, as a word), and no other.
    let expected: std::collections::BTreeSet<String> = corpus()
        .texts
        .iter()
        .filter(|(_, t)| {
            t.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("trafficking"))
        })
        .map(|(id, _)| id.clone())
        .collect();
    let got: std::collections::BTreeSet<String> = found.iter().cloned().collect();
    assert_eq!(got, expected);
    // A query orders by relevance, best match first.
    lib.update(LibAction::Accept);
    assert_eq!(lib.sort, Sort::Relevance);
    let scores: Vec<f32> = {
        let by_entry: std::collections::HashMap<usize, f32> = lib
            .results
            .matches
            .iter()
            .map(|m| (m.entry, m.score))
            .collect();
        lib.rows.iter().map(|r| by_entry[r]).collect()
    };
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    // The year facet counts the matches by year.
    let entries = lib.catalog().expect("catalog").entries();
    let mut by_year = std::collections::BTreeMap::new();
    for &r in &lib.rows {
        if let Some(y) = entries[r].year {
            *by_year.entry(y).or_insert(0u32) += 1;
        }
    }
    let years: std::collections::BTreeMap<u16, u32> =
        lib.results.facets.years.iter().copied().collect();
    assert_eq!(years, by_year);
}

#[test]
fn choosing_a_facet_filters_and_choosing_it_again_clears_it() {
    let mut lib = library();
    type_query(&mut lib, "trafficking");
    lib.update(LibAction::Accept);
    let all = lib.rows.len();
    lib.update(LibAction::NextPane);
    assert_eq!(lib.focus, LibFocus::Facets);
    let items = lib.facet_items();
    let (at, (item, count)) = items
        .iter()
        .enumerate()
        .find(|(_, (i, _))| matches!(i, FacetItem::Origin(_)))
        .expect("an origin facet");
    let FacetItem::Origin(origin) = item.clone() else {
        unreachable!()
    };
    let count = *count as usize;
    while lib.facet != at {
        lib.update(LibAction::Down);
    }
    lib.update(LibAction::Enter);
    assert_eq!(lib.filters.origin.as_deref(), Some(origin.as_str()));
    assert_eq!(lib.rows.len(), count);
    let entries = lib.catalog().expect("catalog").entries();
    assert!(
        lib.rows
            .iter()
            .all(|&r| entries[r].origin.as_deref() == Some(origin.as_str()))
    );
    // The cursor stays on the chosen value; Enter again removes the filter.
    assert!(lib.is_chosen(&lib.facet_items()[lib.facet].0));
    lib.update(LibAction::Enter);
    assert_eq!(lib.filters.origin, None);
    assert_eq!(lib.rows.len(), all);
}

#[test]
fn the_fuzzy_jump_finds_a_cable_by_a_sloppy_id() {
    let mut lib = library();
    lib.update(LibAction::FocusFuzzy);
    for c in "carac442".chars() {
        lib.update(key(c));
    }
    assert_eq!(ids(&lib).first().map(String::as_str), Some("09CARACAS442"));
    assert_eq!(lib.selected, 0, "the best match is selected");
    // Esc empties the jump line and gives the whole list back, the cable still selected.
    lib.update(LibAction::Cancel);
    assert_eq!(lib.rows.len(), 1095);
    assert_eq!(
        lib.selected_entry()
            .map(|e| lib.catalog().expect("c").entries()[e].id.clone())
            .as_deref(),
        Some("09CARACAS442")
    );
}

/// Each key of the jump line, and of the query line, selects the best match, wherever
/// the cable selected before sits in the new order: the list is not left scrolled down
/// to that cable with the best matches above the screen (as `paris sark` once showed
/// 04ANKARA7211 first).
#[test]
fn typing_in_a_line_selects_the_best_match_at_each_key() {
    let mut lib = library();
    lib.update(LibAction::Bottom);
    assert_eq!(lib.selected, 1094);
    lib.update(LibAction::FocusFuzzy);
    for c in "paris sark".chars() {
        lib.update(key(c));
        assert_eq!(lib.selected, 0, "after {c:?}");
    }
    let first = ids(&lib);
    assert_eq!(first.len(), 80);
    assert!(
        first[..5].iter().all(|id| id.contains("PARIS")),
        "{first:?}"
    );
    assert_eq!(
        lib.selected_entry()
            .map(|e| &lib.catalog().expect("c").entries()[e].id),
        Some(&first[0])
    );
    // So does each key of the query line (search as you type), in the relevance order.
    lib.update(LibAction::Cancel);
    lib.update(LibAction::Bottom);
    lib.update(LibAction::FocusQuery);
    for c in "iran".chars() {
        lib.update(key(c));
        assert_eq!(lib.selected, 0, "after {c:?}");
    }
    assert!(lib.rows.len() > 300, "{}", lib.rows.len());
}

#[test]
fn enter_opens_the_cable_at_the_paragraph_that_matched() {
    let mut lib = library();
    type_query(&mut lib, "id:09CARACAS442 chavez");
    lib.update(LibAction::Accept);
    assert_eq!(ids(&lib), ["09CARACAS442"]);
    let (_, snippet) = lib.snippet.clone().expect("a passage");
    assert!(!snippet.highlights.is_empty());
    lib.update(LibAction::Enter);
    let Some(LibEffect::Open {
        path,
        paragraph,
        words,
        ..
    }) = lib.take_effect()
    else {
        panic!("no open effect");
    };
    assert_eq!(path, built().cables.join("09CARACAS442.txt"));
    assert_eq!(words, ["chavez"]);
    let text = corpus().text("09CARACAS442");
    let cable = cablescope::parse::parse(text).cable;
    let p = &cable.paragraphs[paragraph.expect("a paragraph")];
    assert!(p.text.to_lowercase().contains("chavez"), "{}", p.text);
    // The library is left as it was, for Back.
    assert_eq!(lib.query.text(), "id:09CARACAS442 chavez");
    assert_eq!(lib.rows.len(), 1);
}

/// The library as drawn on a 120×30 terminal.
fn draw(lib: &mut Library) -> String {
    let theme = cablescope::ui::theme::Theme::default();
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).expect("terminal");
    let mut rows = 0;
    terminal
        .draw(|f| rows = cablescope::ui::library::render_library(lib, &theme, f))
        .expect("draw");
    if lib.update(LibAction::Resize(rows)) {
        terminal
            .draw(|f| rows = cablescope::ui::library::render_library(lib, &theme, f))
            .expect("draw");
    }
    super::ui::buffer_text(terminal.backend().buffer())
}

#[test]
fn the_screen_shows_list_facets_and_the_matched_passage() {
    let mut lib = library();
    type_query(&mut lib, "trafficking victims");
    lib.update(LibAction::Accept);
    lib.update(LibAction::Down);
    insta::assert_snapshot!("library_trafficking_120x30", draw(&mut lib));
}

/// The five replies to 06STATE3836 (tests/data/tip2006) as a library.
fn tip_library() -> (tempfile::TempDir, Library) {
    tip_library_as(false)
}

/// The five replies to 06STATE3836 as a library: a folder of files, or (`one_file`) one
/// file holding them one after another (`cat *.txt > tip.txt`).
fn tip_library_as(one_file: bool) -> (tempfile::TempDir, Library) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let folder = tmp.path().join("tip");
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(&folder).expect("folder");
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tip2006");
    let mut all = String::new();
    for id in TIP_REPLIES {
        let text = std::fs::read_to_string(from.join(format!("{id}.txt"))).expect("read");
        if one_file {
            all.push_str(&text);
            all.push('\n');
        } else {
            std::fs::write(folder.join(format!("{id}.txt")), text).expect("copied");
        }
    }
    let cables = if one_file {
        let file = folder.join("tip.txt");
        std::fs::write(&file, all).expect("written");
        file
    } else {
        folder
    };
    let update = index::update_in_cache(&cache, &cables, &|_, _, _| {}).expect("indexed");
    assert_eq!(update.indexed, TIP_REPLIES.len(), "{:?}", update.unreadable);
    let mut lib = Library::new(&cables);
    let catalog = Catalog::open_in_cache(&cache, &cables).expect("opens");
    lib.update(LibAction::CatalogOpened(cablescope::action::Carried::new(
        catalog,
    )));
    (tmp, lib)
}

const TIP_REPLIES: [&str; 5] = [
    "06DAKAR528",
    "06HONGKONG817",
    "06HONGKONG818",
    "06JERUSALEM836",
    "06MEXICO1113",
];

/// Press Enter and take the cable it opens: file, byte range, paragraph.
fn enter_opens(
    lib: &mut Library,
) -> (
    std::path::PathBuf,
    Option<std::ops::Range<u64>>,
    Option<usize>,
) {
    lib.update(LibAction::Enter);
    let Some(LibEffect::Open {
        path,
        range,
        paragraph,
        ..
    }) = lib.take_effect()
    else {
        panic!("no open effect");
    };
    (path, range, paragraph)
}

/// Select `id` with the fuzzy jump, press `t`, and do what the loop does with the effect.
fn open_tasker(lib: &mut Library, id: &str) {
    lib.update(LibAction::FocusFuzzy);
    for c in id.chars() {
        lib.update(key(c));
    }
    lib.update(LibAction::Accept);
    assert_eq!(ids(lib).first().map(String::as_str), Some(id));
    lib.update(LibAction::Tasker);
    let Some(LibEffect::Study { path, id }) = lib.take_effect() else {
        panic!("no study effect");
    };
    let study = cablescope::library::study::study_tasker(lib.catalog().expect("c"), &path, &id)
        .expect("a tasker");
    lib.update(LibAction::Studied(cablescope::action::Carried::new((
        study, None,
    ))));
}

#[test]
fn the_seeds_tasker_view_lists_its_replies_and_questions() {
    let (_tmp, mut lib) = tip_library();
    open_tasker(&mut lib, "06MEXICO1113");
    let view = lib.tasker.as_ref().expect("the tasker view");
    let r = &view.study.responders;
    assert_eq!(r.tasker, "06STATE3836");
    assert!(!r.in_corpus, "the tasker is not in the leak");
    let mut posts: Vec<(&str, usize)> = r
        .posts
        .iter()
        .map(|p| (p.post.as_str(), p.replies.len()))
        .collect();
    posts.sort();
    assert_eq!(
        posts,
        [
            ("Consulate Hong Kong", 2),
            ("Consulate Jerusalem", 1),
            ("Embassy Dakar", 1),
            ("Embassy Mexico", 1),
        ]
    );
    // The questionnaire as Dakar quotes it: 23.E is the prosecutions question.
    let e23 = view
        .study
        .questionnaire
        .items
        .iter()
        .find(|i| i.key.to_string() == "23.E")
        .expect("23.E");
    assert!(
        e23.text.contains("prosecuted"),
        "23.E is the prosecutions question: {}",
        e23.text
    );
    // Esc closes the view.
    lib.update(LibAction::Cancel);
    assert!(lib.tasker.is_none());
}

#[test]
fn the_question_view_of_23e_opens_dakars_answer() {
    let (_tmp, mut lib) = tip_library();
    question_view_of_23e_opens_dakars_answer(&mut lib, true);
}

/// The same when the replies are one file of many: the tasker view reads each reply from
/// its range, and Enter opens Dakar's range of the file.
#[test]
fn the_question_view_works_in_a_file_of_many_replies() {
    let (_tmp, mut lib) = tip_library_as(true);
    question_view_of_23e_opens_dakars_answer(&mut lib, false);
}

fn question_view_of_23e_opens_dakars_answer(lib: &mut Library, snapshot: bool) {
    let lib = &mut *lib;
    open_tasker(lib, "06MEXICO1113");
    let at = {
        let view = lib.tasker.as_ref().expect("view");
        view.study
            .questionnaire
            .items
            .iter()
            .position(|i| i.key.to_string() == "23.E")
            .expect("23.E")
    };
    while lib.tasker.as_ref().expect("view").selected < at {
        lib.update(LibAction::Down);
    }
    lib.update(LibAction::Enter);
    let q = lib
        .tasker
        .as_ref()
        .and_then(|v| v.question.clone())
        .expect("the question view");
    assert_eq!(q.key.to_string(), "23.E");
    let by_id = |id: &str| q.rows.iter().position(|r| r.id == id).expect(id);
    // Mexico's Question 17 and Dakar's `-- E.` are this question; Hong Kong answers it
    // only at the section's level; Jerusalem not at all.
    let mexico = &q.rows[by_id("06MEXICO1113")];
    assert_eq!(mexico.label.as_deref(), Some("Question 17"));
    assert!(mexico.key.is_some());
    let dakar = by_id("06DAKAR528");
    assert_eq!(q.rows[dakar].how.map(|h| h.as_str()), Some("key"));
    for hk in ["06HONGKONG817", "06HONGKONG818"] {
        assert!(
            q.rows
                .iter()
                .filter(|r| r.id == hk)
                .all(|r| r.key.is_none())
        );
    }
    assert!(q.rows[by_id("06JERUSALEM836")].how.is_none());
    if snapshot {
        insta::assert_snapshot!("question_view_23e_120x30", draw(lib));
    }
    // Step to Dakar's answer and open it: the reply, at that paragraph.
    while lib
        .tasker
        .as_ref()
        .and_then(|v| v.question.as_ref())
        .expect("q")
        .selected
        < dakar
    {
        lib.update(LibAction::Down);
    }
    let (path, range, paragraph) = enter_opens(lib);
    let dakar = lib
        .catalog()
        .expect("catalog")
        .entries()
        .iter()
        .find(|e| e.id == "06DAKAR528")
        .expect("indexed");
    assert_eq!((&path, &range), (&dakar.path, &dakar.range));
    assert_eq!(
        range.is_some(),
        !snapshot,
        "a range only in the file of many"
    );
    let text = cablescope::split::read_place(&path, "06DAKAR528", range.as_ref())
        .expect("read")
        .text;
    let cable = cablescope::parse::parse(&text).cable;
    assert_eq!(cable.id.as_deref(), Some("06DAKAR528"));
    let p = &cable.paragraphs[paragraph.expect("a paragraph")];
    assert!(p.text.contains("prosecuted"), "{}", p.text);
    // Esc: the questionnaire again, then the list.
    lib.update(LibAction::Cancel);
    assert!(lib.tasker.as_ref().expect("view").question.is_none());
    lib.update(LibAction::Cancel);
    assert!(lib.tasker.is_none());
}

/// The TIP folder with the sidecars of `tasker::tagged_folder` (Dakar: two passages
/// tagged `prosecution`, one `Prosecution`+`talibe`… see there; Mexico: one; a corrupt
/// sidecar beside 06HONGKONG817) as a library, and where its index's cables are.
fn tagged_library() -> (
    tempfile::TempDir,
    Library,
    Vec<cablescope::split::Place>,
    (std::path::PathBuf, &'static str),
) {
    let (tmp, root, broken, corrupt) = super::tasker::tagged_folder();
    let cache = tmp.path().join("cache");
    let update = index::update_in_cache(&cache, &root, &|_, _, _| {}).expect("indexed");
    assert_eq!(update.indexed, 5, "the sidecars are no cables");
    let mut lib = Library::new(&root);
    let catalog = Catalog::open_in_cache(&cache, &root).expect("opens");
    let files = catalog.entries().iter().map(Entry::place).collect();
    lib.update(LibAction::CatalogOpened(cablescope::action::Carried::new(
        catalog,
    )));
    (tmp, lib, files, (broken, corrupt))
}

/// Do what the loop does with the tag view's effects.
fn run_tag_effect(lib: &mut Library, files: &[cablescope::split::Place]) {
    use cablescope::corpus::tags;
    match lib.take_effect() {
        Some(LibEffect::CountTags) => {
            let census = tags::census(files);
            lib.update(LibAction::TagsCounted(cablescope::action::Carried::new(
                census,
            )));
        }
        Some(LibEffect::GatherTag(tag)) => {
            let report = tags::gather_places(files, &tag);
            lib.update(LibAction::TagGathered(cablescope::action::Carried::new(
                report,
            )));
        }
        other => panic!("not a tag view effect: {other:?}"),
    }
}

#[test]
fn the_tag_view_counts_every_tag_and_opens_a_passage_in_its_cable() {
    let (_tmp, mut lib, files, (broken, corrupt)) = tagged_library();
    assert_eq!(
        cablescope::library::keys::resolve(
            LibFocus::List,
            KeyEvent::new(KeyCode::Char('T'), KeyModifiers::SHIFT)
        ),
        Some(LibAction::Tags)
    );
    lib.update(LibAction::Tags);
    run_tag_effect(&mut lib, &files);
    let view = lib.tags.as_ref().expect("the tag view");
    // `Prosecution` and `prosecution` are one tag; most used first, then by name.
    assert_eq!(
        view.census.tags,
        [
            ("prosecution".to_owned(), 3),
            ("talibe".to_owned(), 1),
            ("victims".to_owned(), 1),
        ]
    );
    // The corrupt sidecar is named and skipped (and left as it was: peek writes nothing).
    let skipped: Vec<&std::path::Path> = view
        .census
        .skipped
        .iter()
        .map(|(p, _)| p.as_path())
        .collect();
    assert_eq!(skipped, [broken.as_path()]);
    assert_eq!(
        lib.message.as_deref(),
        Some("skipped 1 sidecar that could not be read")
    );
    // Enter on `prosecution`: its passages, cable by cable, in text order.
    lib.update(LibAction::Enter);
    run_tag_effect(&mut lib, &files);
    let p = lib
        .tags
        .as_ref()
        .and_then(|v| v.passages.as_ref())
        .expect("the passages");
    assert_eq!(p.report.tag, "prosecution");
    let per_post: Vec<(&str, usize)> = p
        .report
        .per_post
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(per_post, [("Embassy Dakar", 2), ("Embassy Mexico", 1)]);
    let per_year: Vec<(Option<i32>, usize)> =
        p.report.per_year.iter().map(|(y, n)| (*y, *n)).collect();
    assert_eq!(per_year, [(Some(2006), 3)]);
    let rows: Vec<(&str, &str, &str, &str)> = p
        .rows
        .iter()
        .map(|r| {
            (
                p.report.cables[r.cable].record.id.as_str(),
                r.place.as_str(),
                r.quote.as_str(),
                r.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "06DAKAR528",
                "¶23",
                "Two Koranic teachers were arrested and prosecuted in 2005",
                ""
            ),
            (
                "06DAKAR528",
                "¶23",
                "The GOS prosecuted individuals responsible for rape",
                "23.E"
            ),
            (
                "06MEXICO1113",
                // The seed's Question 13 is its ¶14 (`cablescope dump`).
                "¶14",
                "Mexico still lacks a federal anti-trafficking law",
                "Q13"
            ),
        ]
    );
    insta::assert_snapshot!("tag_view_prosecution_120x30", draw(&mut lib));
    // Enter on Mexico's passage: the reader at its paragraph.
    lib.update(LibAction::Bottom);
    let (path, _, paragraph) = enter_opens(&mut lib);
    assert!(path.ends_with("06MEXICO1113.txt"), "{}", path.display());
    let text = std::fs::read_to_string(&path).expect("read");
    let cable = cablescope::parse::parse(&text).cable;
    let at = &cable.paragraphs[paragraph.expect("a paragraph")];
    assert!(
        at.text
            .contains("Mexico still lacks a federal anti-trafficking law")
    );
    // Back from the reader, where a second passage of Mexico's was tagged: the loop
    // counts and gathers again, and the cursor stays on the passage it was on.
    {
        use cablescope::annotation::{AnnotationSet, text_hash};
        use cablescope::store::{Store, sidecar_path};
        let mut set = AnnotationSet::new();
        // Saved as the reader saves: merged with what the sidecar holds.
        set.insert_new(super::tasker::tag_passage(
            &cable,
            "most trafficking cases are prosecuted at the state level",
            &["prosecution"],
            "Q17",
        ));
        set.reanchor(&cable, &text_hash(&text));
        Store::at(sidecar_path(&path), None, "06MEXICO1113.txt")
            .save(&mut set)
            .expect("save");
    }
    lib.update(LibAction::TagsCounted(cablescope::action::Carried::new(
        cablescope::corpus::tags::census(&files),
    )));
    lib.update(LibAction::TagGathered(cablescope::action::Carried::new(
        cablescope::corpus::tags::gather_places(&files, "prosecution"),
    )));
    let view = lib.tags.as_ref().expect("the tag view");
    assert_eq!(view.census.tags[0], ("prosecution".to_owned(), 4));
    assert_eq!(view.selected_tag(), Some("prosecution"));
    let p = view.passages.as_ref().expect("the passages");
    let places: Vec<&str> = p.rows.iter().map(|r| r.place.as_str()).collect();
    assert_eq!(places, ["¶23", "¶23", "¶14", "¶18"]);
    assert_eq!(p.selected, 2);
    assert_eq!(p.report.per_post.get("Embassy Mexico"), Some(&2));
    // Back: the tags (the cursor where it was), then the list.
    lib.update(LibAction::Cancel);
    let view = lib.tags.as_ref().expect("the tag view");
    assert!(view.passages.is_none());
    assert_eq!(view.selected_tag(), Some("prosecution"));
    lib.update(LibAction::Down);
    assert_eq!(
        lib.tags.as_ref().and_then(|v| v.selected_tag()),
        Some("talibe")
    );
    lib.update(LibAction::Cancel);
    assert!(lib.tags.is_none());
    assert_eq!(lib.rows.len(), 5, "the list is back");
    // The corrupt sidecar is as it was: the tag view only reads.
    assert_eq!(std::fs::read_to_string(&broken).expect("kept"), corrupt);
}

/// In a file of many replies, each cable's sidecar is `FILE.cablescope/ID.annotations.ron`:
/// the tag view counts and gathers them, and Enter opens the passage's cable from its
/// range of the file.
#[test]
fn the_tag_view_reads_the_sidecars_of_a_file_of_many() {
    use cablescope::annotation::text_hash;
    use cablescope::store::Store;
    let (tmp, mut lib) = tip_library_as(true);
    let places: Vec<cablescope::split::Place> = lib
        .catalog()
        .expect("catalog")
        .entries()
        .iter()
        .map(Entry::place)
        .collect();
    let dakar = places
        .iter()
        .find(|p| p.id == "06DAKAR528")
        .expect("indexed")
        .clone();
    // Tagged as the reader tags a cable of a file of many: through its own store.
    let source = dakar.read().expect("reads");
    let cable = source.parse().cable;
    let mut store = Store::for_source(&source).expect("a store");
    let mut set = store.load().set;
    set.insert_new(super::tasker::tag_passage(
        &cable,
        "The GOS prosecuted individuals responsible for rape",
        &["prosecution"],
        "",
    ));
    set.reanchor(&cable, &text_hash(&source.text));
    store.save(&mut set).expect("saves");
    assert!(
        tmp.path()
            .join("tip/tip.txt.cablescope/06DAKAR528.annotations.ron")
            .is_file()
    );
    lib.update(LibAction::Tags);
    run_tag_effect(&mut lib, &places);
    let view = lib.tags.as_ref().expect("the tag view");
    assert_eq!(view.census.tags, [("prosecution".to_owned(), 1)]);
    assert!(view.census.skipped.is_empty());
    lib.update(LibAction::Enter);
    run_tag_effect(&mut lib, &places);
    let p = lib
        .tags
        .as_ref()
        .and_then(|v| v.passages.as_ref())
        .expect("the passages");
    let rows: Vec<(&str, &str)> = p
        .rows
        .iter()
        .map(|r| {
            (
                p.report.cables[r.cable].record.id.as_str(),
                r.place.as_str(),
            )
        })
        .collect();
    assert_eq!(rows, [("06DAKAR528", "¶23")]);
    // Enter on the passage: Dakar's range of the file, at ¶23.
    let (path, range, paragraph) = enter_opens(&mut lib);
    assert_eq!((path, range), (dakar.file.clone(), dakar.range.clone()));
    assert_eq!(
        paragraph.map(|i| cable.paragraphs[i].label()),
        Some("¶23".to_owned())
    );
}

#[test]
fn the_fuzzy_jump_sees_a_subject_changed_by_a_reindex() {
    // Two real cables in a folder of their own; the second's subject is then rewritten
    // and the folder indexed again while the jump line holds a word of the new subject.
    let tmp = tempfile::tempdir().expect("tempdir");
    let (cables, cache) = (tmp.path().join("cables"), tmp.path().join("cache"));
    std::fs::create_dir_all(&cables).expect("folder");
    let two: Vec<(&String, &String)> = corpus()
        .texts
        .iter()
        .filter(|(_, t)| t.lines().any(|l| l.starts_with("SUBJECT:")))
        .take(2)
        .collect();
    for (id, text) in &two {
        std::fs::write(cables.join(format!("{id}.txt")), text).expect("written");
    }
    index::update_in_cache(&cache, &cables, &|_, _, _| {}).expect("indexed");
    let mut lib = Library::new(&cables);
    let catalog = Catalog::open_in_cache(&cache, &cables).expect("opens");
    lib.update(LibAction::CatalogOpened(cablescope::action::Carried::new(
        catalog,
    )));
    lib.update(LibAction::FocusFuzzy);
    for c in "quetzalcoatl".chars() {
        lib.update(key(c));
    }
    assert!(ids(&lib).is_empty(), "{:?}", ids(&lib));
    let (id, text) = two[1];
    let edited: String = text
        .lines()
        .map(|l| {
            if l.starts_with("SUBJECT:") {
                "SUBJECT: THE QUETZALCOATL AFFAIR"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(cables.join(format!("{id}.txt")), edited).expect("rewritten");
    index::update_in_cache(&cache, &cables, &|_, _, _| {}).expect("indexed again");
    lib.update(LibAction::IndexCommitted);
    assert_eq!(ids(&lib), std::slice::from_ref(id));
}

/// `s` to the cited order: the cables the folder's REF lists name most come first, each
/// with its count in the last column. The counts agree with a tally of every cable's REF
/// ids from `dump --json`, made apart: four cables cited by four, five by three, then 13
/// by two and 95 by one (117 of the folder's cables are cited by another).
#[test]
fn the_cited_order_lists_the_most_cited_cables_first() {
    let mut lib = library();
    for _ in 0..4 {
        lib.update(LibAction::CycleSort);
    }
    assert_eq!(lib.sort, Sort::Cited);
    let catalog = lib.catalog().expect("open");
    let entries = catalog.entries();
    let counts = catalog.cited_counts();
    let head: Vec<(String, u32)> = lib
        .rows
        .iter()
        .take(9)
        .map(|&e| (entries[e].id.clone(), counts[e]))
        .collect();
    let want = [
        ("08PARIS1501", 4),
        ("09BRASILIA34", 4),
        ("09BERLIN1167", 4),
        ("09TRIPOLI938", 4),
        ("08PARIS1568", 3),
        ("09BERLIN1162", 3),
        ("09RIODEJANEIRO329", 3),
        ("09TRIPOLI941", 3),
        ("09STATE127892", 3),
    ]
    .map(|(id, n)| (id.to_owned(), n));
    assert_eq!(head, want);
    let mut tally = std::collections::BTreeMap::new();
    for &n in counts.iter().filter(|&&n| n > 0) {
        *tally.entry(n).or_insert(0) += 1;
    }
    assert_eq!(
        tally.into_iter().collect::<Vec<_>>(),
        [(1, 95), (2, 13), (3, 5), (4, 4)]
    );
    // The cable selected before stays selected; at the top, the most cited.
    lib.update(LibAction::Top);
    let screen = draw(&mut lib);
    assert!(screen.contains("sort: cited"), "{screen}");
    // The list pane's part of a line (the facets are drawn beside it).
    let list = |needle: &str| -> String {
        let line = screen.lines().find(|l| l.contains(needle)).expect(needle);
        line.split('│')
            .nth(1)
            .unwrap_or_default()
            .trim_end()
            .to_owned()
    };
    assert!(list("SUBJECT").ends_with(" CIT"), "{screen}");
    assert!(list("08PARIS1501").ends_with(" 4"), "{screen}");
    // Then back to the date order.
    lib.update(LibAction::CycleSort);
    assert_eq!(lib.sort, Sort::Date);
}
