//! Year over year: one post's answer next to its answer to another year's tasker.
//!
//! The shared corpus holds no reply to a second year's TIP tasker (no cable of
//! `/work/shared` cites 06STATE202745, the 2007 tasker, nor any other TIP tasker from a
//! post that also answered 06STATE3836), so the second year here is **derived**: the real
//! 06DAKAR528 and 06MEXICO1113 (tests/data/tip2006) rewritten by [`derive`] into fictional
//! 2007 replies, `07DAKAR999` and `07MEXICO9113`, that cite `06 STATE 202745`, with
//! every change listed below. Dakar's tasker paragraphs move from ¶21–¶24 to ¶25–¶28 (as
//! the 2007 tasker numbers its sections: 2007 replies answer `27.A.`), so the pairing
//! must go by question text, not by key; one sentence of its 27.E answer is changed.
//!
//! See: issue 15.

use cablescope::index::{self, Catalog};
use cablescope::library::{LibAction, LibEffect, Library};
use cablescope::tasker::years::{Change, compare};

const TIP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tip2006");

/// `text` with each `(from, to)` replaced everywhere; each `from` must occur.
fn derive(text: &str, changes: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (from, to) in changes {
        assert!(out.contains(from), "{from:?} is not in the cable");
        out = out.replace(from, to);
    }
    out
}

/// DERIVED, fictional: 06DAKAR528 as if it answered the 2007 tasker.
fn dakar_2007() -> String {
    let real = std::fs::read_to_string(format!("{TIP}/06DAKAR528.txt")).expect("read");
    derive(
        &real,
        &[
            ("06DAKAR528\n", "07DAKAR999\n"),
            (
                "Thu Mar 02 00:00:00 +0100 2006",
                "Fri Mar 02 00:00:00 +0100 2007",
            ),
            ("R 020747Z MAR 06", "R 020747Z MAR 07"),
            ("#0528/", "#0999/"),
            ("DAKAR 000528", "DAKAR 000999"),
            ("00000528", "00000999"),
            ("REF: STATE 003836", "REF: 06 STATE 202745"),
            ("¶21.  Overview", "¶25.  Overview"),
            ("¶22.  PREVENTION:", "¶26.  PREVENTION:"),
            ("¶23.  INVESTIGATION AND", "¶27.  INVESTIGATION AND"),
            ("¶24.  PROTECTION AND", "¶28.  PROTECTION AND"),
            (
                "two Koranic teachers were \nconvicted and sentenced (though not under the new TIP law)",
                "three Koranic teachers were \nconvicted and sentenced (one of them under the new TIP law)",
            ),
        ],
    )
}

/// DERIVED, fictional: 06MEXICO1113 as if it answered the 2007 tasker (unchanged
/// answers: a second reply makes 06STATE202745 a tasker, cited by two posts).
fn mexico_2007() -> String {
    let real = std::fs::read_to_string(format!("{TIP}/06MEXICO1113.txt")).expect("read");
    derive(
        &real,
        &[
            ("R 021324Z  MAR  06", "R 021324Z  MAR  07"),
            ("#1113/", "#9113/"),
            ("MEXICO  001113", "MEXICO  009113"),
            ("00001113", "00009113"),
            ("REF:  A.  06  STATE  3836", "REF:  A.  06  STATE  202745"),
            ("SIXTH", "SEVENTH"),
        ],
    )
}

/// The five 2006 replies and the two derived 2007 ones in a temporary folder.
pub(crate) fn two_years_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("tip");
    std::fs::create_dir(&root).expect("mkdir");
    for entry in std::fs::read_dir(TIP).expect("tip") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, root.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(root.join("07DAKAR999.txt"), dakar_2007()).expect("write");
    std::fs::write(root.join("07MEXICO9113.txt"), mexico_2007()).expect("write");
    (tmp, root)
}

/// The five 2006 replies and the two derived 2007 ones, indexed, as a library.
fn two_years() -> (tempfile::TempDir, Library) {
    let (tmp, root) = two_years_folder();
    let cache = tmp.path().join("cache");
    let update = index::update_in_cache(&cache, &root, &|_, _, _| {}).expect("indexed");
    assert_eq!(update.indexed, 7);
    let mut lib = Library::new(&root);
    let catalog = Catalog::open_in_cache(&cache, &root).expect("opens");
    lib.update(LibAction::CatalogOpened(cablescope::action::Carried::new(
        catalog,
    )));
    (tmp, lib)
}

/// The question view of `key` of 06MEXICO1113's tasker, as the loop opens it.
fn question_view(lib: &mut Library, key: &str) {
    let c = lib.catalog().expect("catalog");
    let seed = c
        .entries()
        .iter()
        .find(|e| e.id == "06MEXICO1113")
        .expect("the seed")
        .path
        .clone();
    let study =
        cablescope::library::study::study_tasker(c, &seed, "06MEXICO1113").expect("a tasker");
    let key = study.resolve(key).expect("a key");
    lib.update(LibAction::Studied(cablescope::action::Carried::new((
        study,
        Some(key),
    ))));
}

/// Select the row of reply `id`, press `y`, and do what the loop does with the effect.
fn year_over_year(lib: &mut Library, id: &str) {
    let at = {
        let q = lib
            .tasker
            .as_ref()
            .and_then(|v| v.question.as_ref())
            .expect("the question view");
        q.rows.iter().position(|r| r.id == id).expect(id)
    };
    lib.update(LibAction::Top);
    for _ in 0..at {
        lib.update(LibAction::Down);
    }
    lib.update(LibAction::YearOverYear);
    let Some(LibEffect::OtherYear { post }) = lib.take_effect() else {
        panic!("no other-year effect");
    };
    let view = lib.tasker.as_ref().expect("view");
    let other =
        cablescope::library::study::other_year(lib.catalog().expect("catalog"), &view.study, &post);
    lib.update(LibAction::OtherYearStudied(
        cablescope::action::Carried::new((post, other)),
    ));
}

#[test]
fn dakars_prosecutions_answer_next_to_its_derived_2007_answer() {
    let (_tmp, mut lib) = two_years();
    question_view(&mut lib, "23.E");
    year_over_year(&mut lib, "06DAKAR528");
    let pair = lib
        .tasker
        .as_ref()
        .and_then(|v| v.question.as_ref())
        .and_then(|q| q.years.clone())
        .unwrap_or_else(|| panic!("no pair: {:?}", lib.message));
    assert_eq!(pair.post, "Embassy Dakar");
    let side = |s: &cablescope::tasker::years::Side| {
        (
            s.tasker.clone(),
            s.key.to_string(),
            s.row.id.clone(),
            s.row.date.clone(),
            s.row.paragraph.clone(),
            s.row.how.map(|h| h.as_str()),
        )
    };
    assert_eq!(
        side(&pair.earlier),
        (
            "06STATE3836".to_owned(),
            "23.E".to_owned(),
            "06DAKAR528".to_owned(),
            Some("2006-03-02".to_owned()),
            Some("¶23".to_owned()),
            Some("key"),
        )
    );
    // The 2007 tasker numbers the section 27: the same question, found by its text.
    assert_eq!(
        side(&pair.later),
        (
            "06STATE202745".to_owned(),
            "27.E".to_owned(),
            "07DAKAR999".to_owned(),
            Some("2007-03-02".to_owned()),
            Some("¶27".to_owned()),
            Some("key"),
        )
    );
    assert!((pair.similarity - 1.0).abs() < 1e-9, "{}", pair.similarity);
    let diff: Vec<(Change, &str)> = pair
        .diff
        .iter()
        .map(|p| (p.change, p.text.as_str()))
        .collect();
    assert_eq!(
        diff,
        [
            (
                Change::Same,
                "The GOS prosecuted individuals responsible for rape, pedophilia, prostitution \
                 and abuse of \"talibe\" children. In fact, in the past year, "
            ),
            (Change::Removed, "two"),
            (Change::Added, "three"),
            (
                Change::Same,
                " Koranic teachers were convicted and sentenced "
            ),
            // Words are split at white space: the parenthesis goes with its word.
            (Change::Removed, "(though not"),
            (Change::Added, "(one of them"),
            (Change::Same, " under the new TIP law) for such abuse."),
        ]
    );
    insta::assert_snapshot!("years_dakar_23e_120x30", draw(&mut lib));
    // Esc: every answer again, then the questionnaire.
    lib.update(LibAction::Cancel);
    let q = lib
        .tasker
        .as_ref()
        .and_then(|v| v.question.as_ref())
        .expect("the question view");
    assert!(q.years.is_none());
}

#[test]
fn a_post_without_another_year_says_so() {
    let (_tmp, mut lib) = two_years();
    question_view(&mut lib, "23.E");
    year_over_year(&mut lib, "06JERUSALEM836");
    let q = lib
        .tasker
        .as_ref()
        .and_then(|v| v.question.as_ref())
        .expect("the question view");
    assert!(q.years.is_none());
    assert_eq!(
        lib.message.as_deref(),
        Some("Consulate Jerusalem answered no other year's tasker like 06STATE3836 in this corpus")
    );
}

/// Mexico numbers its questions the same both years (Question 17), aligned by question
/// text to 23.E and 27.E: no word differs.
#[test]
fn mexicos_unchanged_answer_pairs_with_no_difference() {
    let (_tmp, lib) = two_years();
    let c = lib.catalog().expect("catalog");
    let path = |id: &str| {
        c.entries()
            .iter()
            .find(|e| e.id == id)
            .expect(id)
            .path
            .clone()
    };
    let y2006 = cablescope::library::study::study_tasker(c, &path("06MEXICO1113"), "06MEXICO1113")
        .expect("2006");
    let y2007 = cablescope::library::study::other_year(c, &y2006, "Embassy Mexico").expect("2007");
    assert_eq!(y2007.responders.tasker, "06STATE202745");
    let ids: Vec<&str> = y2007.replies.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["07DAKAR999", "07MEXICO9113"]);
    let key = y2006.resolve("q17@06MEXICO1113").expect("23.E");
    let pair = compare(&y2006, key, &y2007, "Embassy Mexico").expect("a pair");
    assert_eq!(
        (
            pair.earlier.key.to_string(),
            pair.later.key.to_string(),
            pair.earlier.row.label.as_deref(),
            pair.later.row.label.as_deref(),
        ),
        (
            "23.E".to_owned(),
            "27.E".to_owned(),
            Some("Question 17"),
            Some("Question 17")
        )
    );
    assert_eq!(pair.diff.len(), 1);
    assert_eq!(pair.diff[0].change, Change::Same);
}

/// The library as drawn on a 120×30 terminal.
fn draw(lib: &mut Library) -> String {
    let theme = cablescope::ui::theme::Theme::default();
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).expect("terminal");
    terminal
        .draw(|f| {
            cablescope::ui::library::render_library(lib, &theme, f);
        })
        .expect("draw");
    super::ui::buffer_text(terminal.backend().buffer())
}
