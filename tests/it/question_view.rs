//! The question view rendered by the reader (issue 15): every reply's answer to 23.E of
//! the 2006 TIP tasker 06STATE3836 compiled into one document, on the five real replies
//! of `tests/data/tip2006/` copied to a temporary folder; notes taken there land in the
//! sidecar of the reply they were taken on, and nothing else is touched.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cablescope::action::Action;
use cablescope::app::{App, Document, Effect, Mode};
use cablescope::corpus::{self, RefGraph};
use cablescope::store::Store;
use cablescope::store::routed::Routed;
use cablescope::tasker::compile::Compiled;
use cablescope::tasker::{Key, Study};
use cablescope::tui::Notes;

const TIP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tip2006");
const E23: Key = Key {
    paragraph: 23,
    letter: 'E',
};

/// The TIP replies copied to a temporary folder, studied.
fn tip_study() -> (tempfile::TempDir, Study) {
    let tmp = tempfile::tempdir().expect("tempdir");
    for f in std::fs::read_dir(TIP).expect("tip") {
        let f = f.expect("entry").path();
        if f.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&f, tmp.path().join(f.file_name().expect("name"))).expect("copy");
        }
    }
    let study = study_in(tmp.path());
    (tmp, study)
}

/// The replies of folder `dir` to 06STATE3836, studied.
fn study_in(dir: &Path) -> Study {
    let corpus = corpus::load(dir).expect("the TIP folder");
    let graph = RefGraph::new(&corpus.records);
    Study::load(&corpus.records, &graph, "06STATE3836").expect("cited")
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn compiled(study: &Study) -> Arc<Compiled> {
    Arc::new(Compiled::new(study, E23, |r| read(&r.path)))
}

/// The reader on the question view, its notes routed to the replies' sidecars.
fn view(study: &Study) -> (App, Notes) {
    let compiled = compiled(study);
    let (routed, notices) = Routed::new(compiled.clone(), study, |r| read(&r.path));
    assert!(notices.is_empty(), "{notices:?}");
    let mut app = App::new(Document::compiled(compiled));
    let notes = Notes::attach_routed(&mut app, Box::new(routed), Vec::new());
    (app, notes)
}

fn path_of(study: &Study, id: &str) -> PathBuf {
    study.reply(id).expect("a reply").path.clone()
}

/// The annotations in `id`'s own sidecar, re-anchored on its own text as the reader
/// does when it opens the reply.
fn sidecar_of(study: &Study, id: &str) -> Vec<cablescope::annotation::Annotation> {
    let path = path_of(study, id);
    let source = cablescope::source::read(&path).expect("read");
    let cable = source.parse().cable;
    let opened = Store::open(&source, &cable).expect("store");
    assert_eq!(opened.report.orphaned(), 0);
    opened.set.iter().cloned().collect()
}

/// The names of the files of `dir` whose name contains `part`, sorted.
fn files_named(dir: &Path, part: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains(part))
        .collect();
    names.sort();
    names
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(super::ui::typed_char(c));
    }
}

/// The first compiled paragraph of reply `id`'s answer in the view.
fn answer_of(app: &App, id: &str) -> usize {
    app.doc
        .compiled
        .as_ref()
        .and_then(|c| c.first_of(id))
        .expect("an answer of the reply")
}

/// Select `words` words from `quote` in compiled paragraph `index`: the cursor to its
/// start (as a click does), `v`, `e` to the end of its last word.
fn select_words(app: &mut App, index: usize, quote: &str, words: usize) {
    let at = app.doc.cable.paragraphs[index]
        .text
        .find(quote)
        .expect("the quote");
    app.update(Action::ShowPlace {
        paragraph: index,
        offset: at,
    });
    app.update(Action::SelectStart);
    for _ in 0..words {
        app.update(Action::WordEnd);
    }
}

/// Tag the passage `quote` of compiled paragraph `index` with `tags`: the words selected
/// ([`select_words`]), `a`, the tags, Enter.
fn tag_words(app: &mut App, index: usize, quote: &str, words: usize, tags: &str) {
    select_words(app, index, quote, words);
    app.update(Action::OpenTagPrompt);
    assert_eq!(app.mode, Mode::Tag, "{:?}", app.message);
    type_text(app, tags);
    app.update(Action::PromptSubmit);
}

#[test]
fn every_replys_answer_to_23e_is_one_document_with_a_section_per_reply() {
    let (_tmp, study) = tip_study();
    let c = compiled(&study);
    let titles: Vec<&str> = c.cable.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "THE QUESTION",
            "Consulate Hong Kong — 06HONGKONG817, 2006-02-28, page 6, ¶24–¶33 (Investigation and Prosecution of Traffickers): section 23 by heading, 0.50",
            "Consulate Hong Kong — 06HONGKONG818, 2006-02-28, page 3, ¶11–¶16 (Investigation and Prosecution of Traffickers): section 23 by heading, 0.50",
            "Consulate Jerusalem — 06JERUSALEM836, 2006-02-28: no answer",
            "Embassy Dakar — 06DAKAR528, 2006-03-02, page 8, ¶23 (23.E): 23.E by key, 1.00",
            "Embassy Mexico — 06MEXICO1113, 2006-03-02, page 10, ¶18 (Question 17): 23.E by question text, 1.00",
        ]
    );
    let text = |i: usize| c.cable.paragraphs[i].text.as_str();
    assert!(
        text(0).starts_with("23.E. Has the Government prosecuted any cases against traffickers?"),
        "{}",
        text(0)
    );
    assert_eq!(text(17), "No answer aligned to 23.E.");
    // Dakar's answer is the `-- E.` part of its ¶23, not all of ¶23: it starts after the
    // quoted question and ends before `-- F.`.
    let dakar = c.first_of("06DAKAR528").expect("Dakar");
    assert_eq!(dakar, 18);
    assert!(
        text(dakar).starts_with("The GOS prosecuted individuals responsible for rape"),
        "{}",
        text(dakar)
    );
    assert!(!text(dakar).contains("-- F."), "{}", text(dakar));
    let reply = study.reply("06DAKAR528").expect("Dakar");
    let (part, paragraph, offset) = c.to_reply(dakar, 4).expect("maps back");
    assert_eq!(c.parts[part].id, "06DAKAR528");
    assert_eq!(reply.cable.paragraphs[paragraph].number, Some(23));
    assert_eq!(
        &reply.cable.paragraphs[paragraph].text[offset..offset + 10],
        &text(dakar)[4..14],
        "a position maps back byte for byte"
    );
    assert_eq!(c.to_compiled(part, paragraph, offset), Some((dakar, 4)));
    assert_eq!(
        c.to_compiled(part, paragraph, 0),
        None,
        "¶23's start is not shown"
    );
    // Hong Kong 817 answers by its section's ten paragraphs; Jerusalem with nothing.
    assert_eq!(c.parts[0].paragraphs, 1..11);
    assert!(!c.parts[2].answered);
    assert_eq!(
        c.to_reply(17, 0),
        None,
        "the no-answer line is no reply's text"
    );
    assert_eq!(c.to_reply(0, 0), None, "nor is the question");
    // Mexico's answer's "see question 5" is kept as a link that says where it points.
    let mexico = c.first_of("06MEXICO1113").expect("Mexico");
    assert!(
        c.cable.xrefs.iter().any(|x| x.paragraph == mexico
            && format!("{:?}", x.target).contains("of 06MEXICO1113 is not in this view")),
        "{:?}",
        c.cable.xrefs
    );
    // The raw view shows the reply's own source lines.
    let doc = Document::compiled(c.clone());
    let raw = doc
        .source_lines(&doc.cable.paragraphs[mexico].lines)
        .join("\n");
    assert!(
        raw.contains("(SBU)  Question  17.  Has  the  Government"),
        "{raw}"
    );
}

#[test]
fn a_tag_taken_in_the_question_view_lands_in_the_replys_own_sidecar() {
    let (tmp, study) = tip_study();
    let (mut app, mut notes) = view(&study);
    let dakar = answer_of(&app, "06DAKAR528");
    tag_words(&mut app, dakar, "prosecuted individuals", 2, "prosecution");
    assert!(app.ann.unsaved(), "{:?}", app.message);
    notes.save(&mut app, false);
    assert!(!app.ann.unsaved(), "{:?}", app.ann.save_error);
    // Dakar's sidecar holds it, anchored on Dakar's ¶23 as the reader would anchor it.
    let saved = sidecar_of(&study, "06DAKAR528");
    assert_eq!(saved.len(), 1);
    let a = &saved[0];
    assert_eq!(a.tags, ["prosecution"]);
    assert_eq!(a.anchor.exact, "prosecuted individuals");
    assert_eq!(a.anchor.start.paragraph, Some(23));
    assert_eq!(a.status, cablescope::annotation::AnchorStatus::Exact);
    assert!(
        a.anchor.prefix.ends_with("The GOS "),
        "the context is Dakar's own: {:?}",
        a.anchor.prefix
    );
    // No other reply got a sidecar.
    assert_eq!(
        files_named(tmp.path(), ".annotations.ron"),
        ["06DAKAR528.txt.annotations.ron"]
    );

    // Reopened, the view shows it where it was taken; a note added there is saved to it.
    let (mut again, mut notes) = view(&study);
    let shown: Vec<_> = again.ann.set.iter().cloned().collect();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].id, a.id);
    assert_eq!(shown[0].anchor.start.index, dakar);
    assert_eq!(shown[0].status, cablescope::annotation::AnchorStatus::Exact);
    again.update(Action::ShowPlace {
        paragraph: dakar,
        offset: 10,
    });
    again.update(Action::OpenNoteEditor);
    assert_eq!(again.mode, Mode::Note, "{:?}", again.message);
    for c in "talibe cases".chars() {
        let key = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        again.update(Action::EditorInput(key.into()));
    }
    again.update(Action::NoteSave);
    notes.save(&mut again, false);
    let saved = sidecar_of(&study, "06DAKAR528");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].note, "talibe cases");
    assert_eq!(
        saved[0].anchor, a.anchor,
        "the anchor is not touched by a note"
    );

    // Deleted in the view, it is deleted in Dakar's sidecar.
    while again.sidebar.content != cablescope::app::SidebarContent::Annotations {
        again.update(Action::CycleSidebar);
    }
    again.update(Action::SidebarDelete);
    notes.save(&mut again, false);
    assert!(sidecar_of(&study, "06DAKAR528").is_empty());
}

#[test]
fn the_view_never_touches_a_note_it_does_not_show_and_refuses_one_across_replies() {
    let (_tmp, study) = tip_study();
    // A note on Dakar's ¶1, outside its answer to 23.E, taken in Dakar itself.
    let path = path_of(&study, "06DAKAR528");
    let source = cablescope::source::read(&path).expect("read");
    let cable = source.parse().cable;
    let mut opened = Store::open(&source, &cable).expect("store");
    let flat = cablescope::annotation::FlatText::new(&cable);
    let s = flat.to_flat(0, 0).expect("¶1");
    opened.set.add(
        flat.anchor_at(&cable, s..s + 8),
        vec!["elsewhere".into()],
        String::new(),
    );
    opened.store.save(&mut opened.set).expect("saved");
    let before = sidecar_of(&study, "06DAKAR528");

    let (mut app, mut notes) = view(&study);
    assert!(
        app.ann.set.is_empty(),
        "a note outside the answers is not shown"
    );
    let mexico = answer_of(&app, "06MEXICO1113");
    tag_words(&mut app, mexico, "The names", 2, "secret");
    notes.save(&mut app, false);
    assert_eq!(
        sidecar_of(&study, "06DAKAR528"),
        before,
        "Dakar's note is untouched"
    );
    let mexico_notes = sidecar_of(&study, "06MEXICO1113");
    assert_eq!(mexico_notes.len(), 1);
    assert_eq!(mexico_notes[0].anchor.exact, "The names");

    // A passage from Dakar's answer into Mexico's belongs to no one reply.
    let dakar = mexico - 1;
    app.update(Action::ShowPlace {
        paragraph: dakar,
        offset: 0,
    });
    app.update(Action::SelectStart);
    app.update(Action::ParagraphForward);
    app.update(Action::ParagraphForward);
    app.update(Action::OpenTagPrompt);
    assert_ne!(app.mode, Mode::Tag);
    assert_eq!(
        app.message.as_deref(),
        Some("a note here belongs to one reply: select a passage inside one answer")
    );
    // Nor does the question itself.
    app.update(Action::SelectCancel);
    app.update(Action::ShowPlace {
        paragraph: 0,
        offset: 0,
    });
    app.update(Action::SelectStart);
    app.update(Action::WordEnd);
    app.update(Action::OpenTagPrompt);
    assert_ne!(app.mode, Mode::Tag);
}

#[test]
fn a_changed_note_is_re_attached_only_inside_its_own_replys_answer() {
    let (tmp, study) = tip_study();
    let (mut app, mut notes) = view(&study);
    let dakar = answer_of(&app, "06DAKAR528");
    tag_words(&mut app, dakar, "two Koranic teachers", 3, "convictions");
    notes.save(&mut app, false);
    // Dakar's answer is edited: the quote now reads otherwise (and is nowhere else).
    let path = path_of(&study, "06DAKAR528");
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text.replace("two Koranic teachers were", "two Koranic teachrs were");
    assert_ne!(edited, text);
    std::fs::write(&path, edited).expect("write");

    let study = study_in(tmp.path());
    let (mut app, mut notes) = view(&study);
    let (dakar, mexico) = (
        answer_of(&app, "06DAKAR528"),
        answer_of(&app, "06MEXICO1113"),
    );
    let shown: Vec<_> = app
        .ann
        .set
        .iter()
        .map(|a| (a.status, a.anchor.start.index))
        .collect();
    assert_eq!(
        shown,
        [(cablescope::annotation::AnchorStatus::Changed, dakar)]
    );
    for _ in 0..3 {
        app.update(Action::CycleSidebar);
    }
    assert_eq!(app.sidebar.content, cablescope::app::SidebarContent::Review);
    // Re-attached to a passage of Mexico's answer: refused, it stays in Dakar's sidecar.
    select_words(&mut app, mexico, "The names", 2);
    app.update(Action::Reattach);
    assert_eq!(
        app.message.as_deref(),
        Some("this note is kept with 06DAKAR528: re-attach it inside that reply's answer")
    );
    assert!(!app.ann.unsaved());
    // Inside Dakar's own answer it goes through, and is saved in Dakar's sidecar.
    app.update(Action::SelectCancel);
    select_words(&mut app, dakar, "two Koranic", 2);
    app.update(Action::Reattach);
    assert_eq!(app.message.as_deref(), Some("re-attached"));
    notes.save(&mut app, false);
    let saved = sidecar_of(&study, "06DAKAR528");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].anchor.exact, "two Koranic");
    assert_eq!(saved[0].anchor.start.paragraph, Some(23));
    assert!(
        files_named(tmp.path(), "06MEXICO1113.txt.annotations").is_empty(),
        "no note went to Mexico's sidecar"
    );
}

#[test]
fn enter_in_the_question_view_opens_the_reply_at_its_answer() {
    let (_tmp, study) = tip_study();
    let (mut app, _notes) = view(&study);
    let c = app.doc.compiled.clone().expect("compiled");
    let dakar = c.first_of("06DAKAR528").expect("Dakar");
    app.update(Action::ShowPlace {
        paragraph: dakar,
        offset: 8,
    });
    app.update(Action::FollowLink);
    let Some(Effect::OpenReply {
        path,
        id,
        paragraph,
        offset,
    }) = app.take_effect()
    else {
        panic!("no reply opened: {:?}", app.message);
    };
    assert_eq!(id, "06DAKAR528");
    assert_eq!(path, path_of(&study, "06DAKAR528"));
    let reply = study.reply("06DAKAR528").expect("Dakar");
    let p = &reply.cable.paragraphs[paragraph];
    assert_eq!(p.number, Some(23));
    assert!(p.text[offset..].starts_with("prosecuted individuals"));
    // Opened there, the reader shows that place with the cursor on it.
    let mut reply_app = App::from_text(
        "06DAKAR528.txt",
        Some(path),
        &read(&reply.path).expect("read"),
    );
    reply_app.update(Action::ShowPlace { paragraph, offset });
    assert_eq!(reply_app.current_paragraph(), Some(paragraph));
    assert_eq!(
        reply_app.ann.cursor.map(|c| (c.para, c.offset)),
        Some((paragraph, offset))
    );
    // On the question, Enter has no reply to open.
    app.update(Action::ShowPlace {
        paragraph: 0,
        offset: 0,
    });
    app.update(Action::FollowLink);
    assert_eq!(app.take_effect(), None);
    assert_eq!(
        app.message.as_deref(),
        Some("no reply's answer here: go to one first")
    );
}

#[test]
fn a_failed_save_keeps_the_tag_and_writes_it_beside_the_replys_sidecar_on_the_way_out() {
    let (tmp, study) = tip_study();
    let (mut app, mut notes) = view(&study);
    let dakar = answer_of(&app, "06DAKAR528");
    tag_words(&mut app, dakar, "prosecuted individuals", 2, "prosecution");
    notes.save(&mut app, true);
    assert!(app.ann.unsaved(), "still in memory");
    let error = app.ann.save_error.clone().unwrap_or_default();
    assert!(
        error.contains("06DAKAR528") && error.contains("simulated full disk"),
        "{error}"
    );
    let lines = notes.final_save(&mut app, true);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("they were written to")
            && lines[0].contains("06DAKAR528.txt.annotations.recovered-"),
        "{lines:?}"
    );
    let recovered = files_named(tmp.path(), ".recovered-");
    assert_eq!(recovered.len(), 1, "{recovered:?}");
    let text = std::fs::read_to_string(tmp.path().join(&recovered[0])).expect("recovery");
    assert!(
        text.contains("\"prosecution\"") && text.contains("exact: \"prosecuted individuals\""),
        "{text}"
    );
    assert!(
        !path_of(&study, "06DAKAR528")
            .with_extension("txt.annotations.ron")
            .exists()
    );
}

#[test]
fn q_in_the_question_view_says_it_is_one_already() {
    let (_tmp, study) = tip_study();
    let (mut app, _notes) = view(&study);
    app.update(Action::EveryAnswer);
    assert_eq!(app.take_effect(), None);
    assert_eq!(
        app.message.as_deref(),
        Some("this is every reply's answer already (Enter opens one)")
    );
}
