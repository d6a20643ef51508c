//! Annotating in the reader, headless: scripts of actions against the app (select, tag,
//! note, undo/redo, delete, tag filter, orphan re-attach, quit confirmation) and
//! `TestBackend` snapshots of the sidebar views and the highlight.
//!
//! See: issue 4 ("In the reader").

use cablescope::action::{Action, Carried, LoadedAnnotations};
use cablescope::annotation::{Anchor as TextAnchor, AnchorStatus, text_hash};
use cablescope::app::reader::LineKind;
use cablescope::app::{App, Document, Focus, Mode, Scope, SidebarContent};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use super::ui::{buffer_text, draw, draw_view, find, mono_view, seed};

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(super::ui::typed_char).collect()
}

fn goto(app: &mut App, target: &str) {
    app.update(Action::OpenGoto);
    run(app, typed(target));
    app.update(Action::PromptSubmit);
}

/// The seed at Q9 with "Question 9" selected (`v w`: as in vim, the selection takes in
/// the character under the cursor, the first of the next word).
fn q9_selected() -> App {
    let mut app = seed();
    draw(&mut app, 160, 50);
    goto(&mut app, "q9");
    run(&mut app, [Action::SelectStart, Action::WordForward]);
    app
}

fn tag(app: &mut App, tags: &str) {
    app.update(Action::OpenTagPrompt);
    assert_eq!(app.mode, Mode::Tag);
    run(app, typed(tags));
    app.update(Action::PromptSubmit);
}

fn q9_index(app: &App) -> usize {
    app.doc.cable.question_index(9).expect("Q9")
}

#[test]
fn select_a_passage_and_tag_it() {
    let mut app = q9_selected();
    assert_eq!(app.mode, Mode::Select);
    let (a, b) = app.selection_span().expect("a selection");
    let q9 = q9_index(&app);
    assert_eq!((a.para, a.offset), (q9, 0));
    assert_eq!(b.para, q9);
    let text = app.doc.cable.paragraphs[q9].text.clone();
    assert_eq!(&text[..b.offset], "Question 9");
    tag(&mut app, "policy, tip");
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.selection_span().is_none(), "the selection ends");
    let all: Vec<_> = app.ann.set.iter().collect();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].tags, ["policy", "tip"]);
    assert_eq!(all[0].anchor.exact, "Question 9");
    assert_eq!(app.ann.remember, ["policy", "tip"], "queued as recent tags");
    assert!(app.ann.unsaved(), "the loop saves it");
    assert_eq!(app.message.as_deref(), Some("added policy, tip"));
    assert_eq!(app.ann.counts[q9], 1, "the tree counts it");
}

#[test]
fn motions_cross_paragraphs_and_trim_whitespace() {
    let mut app = q9_selected();
    let q9 = q9_index(&app);
    // `}` twice: to the end of Q9, then to the end of the next paragraph.
    run(
        &mut app,
        [Action::ParagraphForward, Action::ParagraphForward],
    );
    assert_eq!(app.cursor().para, q9 + 1);
    let (_, b) = app.selection_span().expect("selection");
    assert_eq!(
        (b.para, b.offset),
        (q9 + 2, 0),
        "the end of ¶ is in the selection, up to the next one"
    );
    run(&mut app, [Action::ParagraphBack, Action::CursorUp]);
    assert_eq!(
        app.cursor().para,
        q9,
        "a line up from ¶ start lands in Q9's last line"
    );
    // Sentences and characters, from the start of Q9 again.
    run(&mut app, [Action::SelectCancel]);
    assert_eq!(app.mode, Mode::Normal);
    app.ann.cursor = None;
    run(&mut app, [Action::SelectStart, Action::SentenceForward]);
    let (a, b) = app.selection_span().expect("selection");
    let text = &app.doc.cable.paragraphs[q9].text;
    assert_eq!((a.para, b.para), (q9, q9));
    // "Question 9." ends a sentence; the selection takes in the next one's first letter.
    assert_eq!(&text[a.offset..b.offset], "Question 9. W");
    run(&mut app, [Action::CursorLeft]);
    tag(&mut app, "x");
    let exact = &app.ann.set.iter().next().expect("added").anchor.exact;
    assert_eq!(
        exact, "Question 9.",
        "one character back: the space is left out"
    );
}

#[test]
fn a_note_undo_redo_and_delete() {
    let mut app = q9_selected();
    app.update(Action::OpenNoteEditor);
    assert_eq!(app.mode, Mode::Note);
    for c in "Check against the 2005 report".chars() {
        app.update(Action::EditorInput(
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE).into(),
        ));
    }
    app.update(Action::EditorInput(
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE).into(),
    ));
    app.update(Action::EditorInput(
        KeyEvent::new(KeyCode::Char('!'), KeyModifiers::NONE).into(),
    ));
    app.update(Action::NoteSave);
    assert_eq!(app.mode, Mode::Normal);
    let a = app.ann.set.iter().next().expect("a note").clone();
    assert_eq!(a.note, "Check against the 2005 report\n!");
    assert!(a.tags.is_empty());

    // `t` with no selection tags the annotation under the cursor (prefilled).
    app.update(Action::OpenTagPrompt);
    assert_eq!(app.prompt.text(), "");
    run(&mut app, typed("gov"));
    app.update(Action::PromptSubmit);
    let a = app.ann.set.iter().next().expect("one").clone();
    assert_eq!(
        (a.tags.as_slice(), a.note.as_str()),
        (&["gov".to_owned()][..], "Check against the 2005 report\n!")
    );

    app.update(Action::Undo);
    assert!(app.ann.set.iter().next().expect("one").tags.is_empty());
    app.update(Action::Undo);
    assert!(app.ann.set.is_empty());
    app.update(Action::Undo);
    assert_eq!(app.message.as_deref(), Some("nothing to undo"));
    run(&mut app, [Action::Redo, Action::Redo]);
    assert_eq!(app.ann.set.iter().next().expect("back").tags, ["gov"]);

    // Delete from the sidebar (paragraph scope), then undo.
    run(&mut app, [Action::CycleSidebar, Action::FocusNext]);
    assert_eq!(app.focus, Focus::Sidebar);
    assert_eq!(app.sidebar.content, SidebarContent::Annotations);
    assert_eq!(app.sidebar_items().len(), 1);
    app.update(Action::SidebarDelete);
    assert!(app.ann.set.is_empty());
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("u undoes"))
    );
    app.update(Action::Undo);
    assert_eq!(app.ann.set.len(), 1);
}

#[test]
fn sidebar_scopes_jump_and_tag_filter() {
    let mut app = q9_selected();
    tag(&mut app, "policy");
    goto(&mut app, "q17");
    run(&mut app, [Action::SelectStart, Action::WordEnd]);
    tag(&mut app, "victims");
    goto(&mut app, "q35");
    run(&mut app, [Action::CycleSidebar, Action::FocusNext]);
    assert!(app.sidebar_items().is_empty(), "nothing in Q35");
    app.update(Action::CycleScope);
    assert_eq!(app.sidebar.scope, Scope::Cable);
    assert_eq!(app.sidebar_items().len(), 2);
    // Select the first (Q9) and jump: a recorded jump.
    let back = app.history.back.len();
    app.update(Action::SidebarActivate);
    assert_eq!(app.current_paragraph(), Some(q9_index(&app)));
    assert_eq!(app.history.back.len(), back + 1);
    app.update(Action::CycleScope);
    assert_eq!(app.sidebar.scope, Scope::Tag);
    assert_eq!(app.scope_tag().as_deref(), Some("policy"));

    // Tag view: the second tag (victims) filters the reading pane.
    app.update(Action::CycleSidebar);
    assert_eq!(app.sidebar.content, SidebarContent::Tags);
    run(&mut app, [Action::SidebarDown, Action::SidebarActivate]);
    assert_eq!(app.ann.filter.as_deref(), Some("victims"));
    let q17 = app.doc.cable.question_index(17).expect("Q17");
    assert_eq!(app.current_paragraph(), Some(q17));
    // The paragraphs before Q17 shrink to one line for the whole run (issue 13: it was
    // one line per paragraph); the others of the run have none.
    let first: Vec<(LineKind, String)> = app
        .reader
        .lines(&app.doc, Document::unit_of(0))
        .iter()
        .map(|l| {
            let text = match &l.text {
                cablescope::app::reader::LineText::Owned(t) => t.clone(),
                cablescope::app::reader::LineText::Clean(_) => String::new(),
            };
            (l.kind, text)
        })
        .collect();
    assert_eq!(
        first,
        [(LineKind::Hidden, "┄ ¶1–¶17 hidden ┄".to_owned())],
        "other paragraphs shrink to a line per run"
    );
    assert!(
        app.reader
            .lines(&app.doc, Document::unit_of(q17 - 1))
            .is_empty()
    );
    let hidden_lines = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .filter(|l| l.contains(" hidden ┄"))
            .map(|l| {
                l[l.find("┄").unwrap_or(0)..]
                    .trim_end_matches([' ', '│'])
                    .to_owned()
            })
            .collect()
    };
    app.update(Action::Top);
    let screen = draw(&mut app, 160, 50);
    assert_eq!(hidden_lines(&screen), ["┄ ¶1–¶17 hidden ┄"], "{screen}");
    app.update(Action::Bottom);
    let screen = draw(&mut app, 160, 50);
    let last = app.doc.cable.paragraphs.last().expect("paragraphs").label();
    assert_eq!(
        hidden_lines(&screen),
        [format!("┄ ¶19–{last} hidden ┄")],
        "{screen}"
    );
    goto(&mut app, "q17");
    assert!(app.reader.lines(&app.doc, Document::unit_of(q17)).len() > 1);
    // The same key again clears it; Esc does too.
    app.update(Action::SidebarActivate);
    assert_eq!(app.ann.filter, None);
    app.update(Action::SidebarActivate);
    assert!(app.ann.filter.is_some());
    app.update(Action::ClearHighlights);
    assert_eq!(app.ann.filter, None);
    assert!(app.reader.lines(&app.doc, Document::unit_of(q17 - 1)).len() > 1);
}

#[test]
fn tab_completes_from_the_file_then_recent_tags() {
    let mut app = q9_selected();
    app.ann.recent_tags = vec!["prosecution".to_owned(), "policy-old".to_owned()];
    tag(&mut app, "policy");
    run(&mut app, [Action::SelectStart, Action::WordEnd]);
    app.update(Action::OpenTagPrompt);
    run(&mut app, typed("a, po"));
    app.update(Action::PromptComplete);
    assert_eq!(app.prompt.text(), "a, policy");
    app.update(Action::PromptComplete);
    assert_eq!(app.prompt.text(), "a, policy-old");
    app.update(Action::PromptCancel);
    assert_eq!(app.mode, Mode::Select, "cancel returns to the selection");
    assert_eq!(app.ann.set.len(), 1);
}

#[test]
fn an_orphan_is_listed_and_reattached_or_deleted() {
    let mut app = seed();
    draw(&mut app, 160, 50);
    let q9 = q9_index(&app);
    let mut anchor = TextAnchor::from_selection(&app.doc.cable, q9, 0..10).expect("anchor");
    anchor.exact = "a passage that is nowhere in this cable at all".to_owned();
    anchor.prefix = "zzz".to_owned();
    anchor.suffix = "qqq".to_owned();
    anchor.paragraph_hash = "0".to_owned();
    anchor.start.paragraph = Some(999);
    anchor.end.paragraph = Some(999);
    let mut set = cablescope::annotation::AnnotationSet::new();
    set.add(
        anchor,
        vec!["lost".to_owned()],
        "was in the old text".to_owned(),
    );
    set.reanchor(&app.doc.cable, &text_hash(&app.doc.source));
    assert_eq!(set.orphans().count(), 1);
    app.update(Action::AnnotationsLoaded(Carried::new(LoadedAnnotations {
        set,
        recent_tags: Vec::new(),
        notices: Vec::new(),
    })));
    assert!(!app.ann.unsaved(), "a loaded set counts as saved");

    run(
        &mut app,
        [
            Action::CycleSidebar,
            Action::CycleSidebar,
            Action::CycleSidebar,
        ],
    );
    assert_eq!(app.sidebar.content, SidebarContent::Review);
    let screen = draw(&mut app, 160, 50);
    assert!(screen.contains("was in the old text"), "{screen}");
    assert!(screen.contains("orphan · lost"), "{screen}");
    // Re-attach to a new selection.
    goto(&mut app, "q9");
    run(&mut app, [Action::SelectStart, Action::WordEnd]);
    app.update(Action::FocusNext);
    app.update(Action::Reattach);
    assert_eq!(app.ann.set.orphans().count(), 0, "{:?}", app.message);
    let a = app.ann.set.iter().next().expect("still there");
    assert_eq!(a.status, AnchorStatus::Exact);
    assert_eq!(a.anchor.exact, "Question");
    assert_eq!(a.note, "was in the old text");
    // Undo makes it an orphan again; delete removes it.
    app.update(Action::Undo);
    assert_eq!(app.ann.set.orphans().count(), 1);
    app.update(Action::SidebarDelete);
    assert!(app.ann.set.is_empty());
}

#[test]
fn quit_with_unsaved_annotations_asks_first() {
    let mut app = q9_selected();
    tag(&mut app, "policy");
    app.ann.save_error = Some("disk full".to_owned());
    app.update(Action::Quit);
    assert!(!app.should_quit());
    let m = app.message.clone().unwrap_or_default();
    assert!(
        m.contains("not saved: q again quits") && m.contains("(disk full)"),
        "{m}"
    );
    // Any other key goes back to reading; the next q asks again.
    app.update(Action::ScrollDown);
    app.update(Action::Quit);
    assert!(!app.should_quit());
    app.update(Action::Quit);
    assert!(app.should_quit());
    // Saved: q quits at once.
    let mut app = q9_selected();
    tag(&mut app, "policy");
    app.ann.saved_revision = app.ann.set.revision();
    app.update(Action::Quit);
    assert!(app.should_quit());
}

/// Draw under `NO_COLOR` (the mono view), returning the terminal.
fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    draw_view(app, &mut mono_view(), w, h)
}

#[test]
fn sidebar_tag_view_and_highlight_snapshots() {
    let mut app = q9_selected();
    tag(&mut app, "policy, tip");
    app.update(Action::OpenNoteEditor);
    for c in "Compare with 2005".chars() {
        app.update(Action::EditorInput(
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE).into(),
        ));
    }
    app.update(Action::NoteSave);
    app.update(Action::CycleSidebar);
    let terminal = render(&mut app, 160, 50);
    let screen = buffer_text(terminal.backend().buffer());
    assert!(screen.contains("[1] Q9"), "tree count: {screen}");
    insta::assert_snapshot!("annotations_sidebar_160x50", screen);
    // The passage is underlined under NO_COLOR (the mono theme); the word after is not.
    let buf = terminal.backend().buffer();
    let (x, y) = find(buf, "Question 9. ").expect("Q9 on screen");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(buf[(x + 9, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(!buf[(x + 11, y)].modifier.contains(Modifier::UNDERLINED));

    app.update(Action::CycleSidebar);
    insta::assert_snapshot!("tags_sidebar_160x50", draw(&mut app, 160, 50));
}

#[test]
fn sidecar_text_is_sanitised_before_drawing() {
    let mut app = q9_selected();
    tag(&mut app, "evil\u{1b}[31m");
    let id = app.ann.set.iter().next().expect("one").id.clone();
    app.ann
        .set
        .set_note(&id, "bell\u{7} and \u{1b}]0;title\u{7}".to_owned())
        .expect("note");
    app.annotations_changed();
    app.update(Action::CycleSidebar);
    let mut all = draw(&mut app, 160, 50);
    app.update(Action::CycleSidebar);
    all.push_str(&draw(&mut app, 160, 50));
    // The note editor on that annotation (tags, review, glossary, details, annotations).
    run(
        &mut app,
        [
            Action::CycleSidebar,
            Action::CycleSidebar,
            Action::CycleSidebar,
            Action::CycleSidebar,
        ],
    );
    assert_eq!(app.sidebar.content, SidebarContent::Annotations);
    app.update(Action::FocusNext);
    app.update(Action::OpenNoteEditor);
    assert_eq!(app.mode, Mode::Note);
    let editor = draw(&mut app, 160, 50);
    assert!(
        editor.contains("Note on Q9 “Question 9” · evil␛[31m")
            && editor.contains("Ctrl-s save · Esc close"),
        "the editor says which passage and tags the note belongs to: {editor}"
    );
    all.push_str(&editor);
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all}");
}

/// The seed opened from a copy in `dir`, as the binary opens it.
fn seed_in(dir: &std::path::Path) -> App {
    let path = dir.join("06MEXICO1113.txt");
    let text = include_str!("../fixtures/06MEXICO1113.txt");
    std::fs::write(&path, text).expect("write");
    App::from_text("06MEXICO1113.txt", Some(path), text)
}

#[test]
fn on_open_an_unreadable_sidecar_is_reported_and_work_goes_to_a_recovery_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sidecar = dir.path().join("06MEXICO1113.txt.annotations.ron");
    std::fs::write(&sidecar, "(version: 1, annotations: [(id: ").expect("write");
    let mut app = seed_in(dir.path());
    let mut store = cablescope::tui::attach_annotations(&mut app);
    let m = app.message.clone().unwrap_or_default();
    assert!(m.contains("cannot read the annotations"), "{m}");
    assert!(m.contains(".recovered-"), "names the recovery file: {m}");
    goto(&mut app, "q9");
    run(&mut app, [Action::SelectStart, Action::WordEnd]);
    tag(&mut app, "kept");
    cablescope::tui::save_annotations(&mut app, store.as_mut(), false);
    assert!(!app.ann.unsaved());
    assert_eq!(
        std::fs::read_to_string(&sidecar).expect("still there"),
        "(version: 1, annotations: [(id: ",
        "the unreadable sidecar is never written"
    );
    let target = store.as_ref().expect("a store").target().to_owned();
    assert!(
        std::fs::read_to_string(target)
            .expect("recovery")
            .contains("\"kept\"")
    );
}

#[test]
fn a_failed_save_is_reported_kept_in_memory_and_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = seed_in(dir.path());
    let sidecar = dir.path().join("06MEXICO1113.txt.annotations.ron");
    // An explicit fallback inside the tempdir: a failed save never touches the real HOME.
    let mut store = Some(cablescope::store::Store::at(
        sidecar.clone(),
        Some(dir.path().join("data/fallback.annotations.ron")),
        "06MEXICO1113.txt",
    ));
    goto(&mut app, "q9");
    run(&mut app, [Action::SelectStart, Action::WordEnd]);
    tag(&mut app, "kept");
    cablescope::tui::save_annotations(&mut app, store.as_mut(), true);
    assert!(app.ann.unsaved());
    let m = app.message.clone().unwrap_or_default();
    assert!(m.starts_with("annotations NOT saved"), "{m}");
    assert!(app.ann.recovery_hint.is_some());
    let screen = draw(&mut app, 160, 50);
    assert!(screen.contains("UNSAVED"), "{screen}");
    // The next attempt succeeds (here in the fallback the store moved to): saved.
    cablescope::tui::save_annotations(&mut app, store.as_mut(), false);
    assert!(!app.ann.unsaved());
    assert_eq!(app.ann.save_error, None);
    let target = store.as_ref().expect("store").target().to_owned();
    let saved = std::fs::read_to_string(target).expect("saved");
    assert!(saved.contains("\"kept\""));
}

#[test]
fn a_mouse_drag_selects_text() {
    let mut app = seed();
    draw(&mut app, 160, 50);
    goto(&mut app, "q9");
    let mut view = mono_view();
    let terminal = draw_view(&mut app, &mut view, 160, 50);
    let (x, y) = find(terminal.backend().buffer(), "Question 9. What").expect("on screen");
    let click = MouseEventKind::Down(MouseButton::Left);
    let drag = MouseEventKind::Drag(MouseButton::Left);
    let q9 = q9_index(&app);
    assert_eq!(
        super::ui::mouse(&view, &app, click, x, y),
        Some(Action::ClickText { at: Some((q9, 0)) })
    );
    app.update(super::ui::mouse(&view, &app, click, x, y).expect("click"));
    assert_eq!(app.mode, Mode::Normal);
    app.update(super::ui::mouse(&view, &app, drag, x + 5, y).expect("drag"));
    app.update(super::ui::mouse(&view, &app, drag, x + 9, y).expect("drag"));
    assert_eq!(app.mode, Mode::Select);
    tag(&mut app, "dragged");
    let a = app.ann.set.iter().next().expect("added");
    assert_eq!(a.anchor.exact, "Question 9");
}

/// The seed with one annotation whose recorded quote says "partnership" where the cable
/// now says "relationship": after re-anchoring it is changed.
fn seed_with_changed_quote() -> App {
    let mut app = seed();
    draw(&mut app, 160, 50);
    let q9 = q9_index(&app);
    let text = app.doc.cable.paragraphs[q9].text.clone();
    let quote = "What is the relationship between government officials";
    let at = text.find(quote).expect("quote in Q9");
    let mut anchor =
        TextAnchor::from_selection(&app.doc.cable, q9, at..at + quote.len()).expect("anchor");
    anchor.exact = "What is the partnership between government officials".to_owned();
    anchor.end.offset -= 1; // the recorded offsets no longer hold the quote
    let mut set = cablescope::annotation::AnnotationSet::new();
    set.add(anchor, vec!["gov".to_owned()], "as annotated".to_owned());
    let report = set.reanchor(&app.doc.cable, &text_hash(&app.doc.source));
    assert_eq!(report.changed(), 1, "{report:?}");
    app.update(Action::AnnotationsLoaded(Carried::new(LoadedAnnotations {
        set,
        recent_tags: Vec::new(),
        notices: Vec::new(),
    })));
    app
}

// See: issue 13 (a changed quote shows both wordings; the user accepts or re-attaches).
#[test]
fn a_changed_quote_is_listed_for_review_with_both_wordings_and_can_be_accepted() {
    let mut app = seed_with_changed_quote();
    let a = app.ann.set.iter().next().expect("one");
    assert_eq!(a.status, AnchorStatus::Changed);
    assert_eq!(
        a.anchor.exact,
        "What is the partnership between government officials"
    );
    run(
        &mut app,
        [
            Action::CycleSidebar,
            Action::CycleSidebar,
            Action::CycleSidebar,
        ],
    );
    assert_eq!(app.sidebar.content, SidebarContent::Review);
    let terminal = render(&mut app, 160, 50);
    let screen = buffer_text(terminal.backend().buffer());
    insta::assert_snapshot!("review_changed_sidebar_160x50", screen);
    // The differing words are marked without colour: crossed out on the annotated side,
    // bold and underlined on the current side; shared words are plain.
    let buf = terminal.backend().buffer();
    let (x, y) = find(buf, "partnership").expect("old word shown");
    assert!(buf[(x, y)].modifier.contains(Modifier::CROSSED_OUT));
    let (x, y) = find(buf, "now “What is the relationship").expect("new word");
    let x = x + "now “What is the ".chars().count() as u16;
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::UNDERLINED | Modifier::BOLD)
    );
    assert!(!buf[(x - 2, y)].modifier.contains(Modifier::UNDERLINED));

    // Enter shows the passage; y accepts the new wording; u brings the old one back.
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Sidebar);
    app.update(Action::SidebarActivate);
    assert_eq!(app.cursor().para, q9_index(&app));
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("changed: y accepts"))
    );
    app.update(Action::AcceptWording);
    assert_eq!(
        app.message.as_deref(),
        Some("new wording accepted (u undoes)")
    );
    let a = app.ann.set.iter().next().expect("one");
    assert_eq!(a.status, AnchorStatus::Exact);
    assert_eq!(
        a.anchor.exact,
        "What is the relationship between government officials"
    );
    assert_eq!(a.anchor.current, None);
    assert_eq!(app.ann.set.to_review().count(), 0);
    assert!(app.ann.unsaved());
    app.update(Action::Undo);
    let a = app.ann.set.iter().next().expect("one");
    assert_eq!(a.status, AnchorStatus::Changed);
    assert_eq!(
        a.anchor.exact,
        "What is the partnership between government officials"
    );
}

#[test]
fn a_changed_quote_can_be_reattached_to_a_selection_instead() {
    let mut app = seed_with_changed_quote();
    run(
        &mut app,
        [
            Action::CycleSidebar,
            Action::CycleSidebar,
            Action::CycleSidebar,
        ],
    );
    goto(&mut app, "q9");
    run(&mut app, [Action::SelectStart, Action::WordEnd]);
    app.update(Action::Reattach);
    let a = app.ann.set.iter().next().expect("one");
    assert_eq!(a.status, AnchorStatus::Exact, "{:?}", app.message);
    assert_eq!(a.anchor.exact, "Question");
    assert_eq!(a.note, "as annotated");
}

/// Draw at `w`x`h` and return where the first and the last line of text on screen
/// start: (paragraph index, byte offset) each.
fn text_on_screen(app: &mut App, w: u16, h: u16) -> ((usize, usize), (usize, usize)) {
    let mut view = mono_view();
    draw_view(app, &mut view, w, h);
    let first = view.text_rows.iter().min_by_key(|t| t.row).expect("text");
    let last = view.text_rows.iter().max_by_key(|t| t.row).expect("text");
    (
        (first.para, first.range.start),
        (last.para, last.range.start),
    )
}

// See: issue 13 (":q17, Ctrl-d Ctrl-d, v w jumped back to the top of ¶18").
#[test]
fn the_cursor_stays_on_screen_as_the_text_scrolls_and_v_starts_there() {
    let mut app = seed();
    draw(&mut app, 120, 30);
    goto(&mut app, "q17");
    let q17 = app.doc.cable.question_index(17).expect("Q17");
    assert_eq!(
        (app.cursor().para, app.cursor().offset),
        (q17, 0),
        "a jump puts the cursor at its target"
    );
    run(&mut app, [Action::HalfPageDown, Action::HalfPageDown]);
    let (first, _) = text_on_screen(&mut app, 120, 30);
    let c = app.cursor();
    assert_eq!(
        (c.para, c.offset),
        first,
        "scrolled past, the cursor comes to the first line on screen"
    );
    assert_eq!(
        app.annotation_paragraph(),
        Some(c.para),
        "the paragraph scope follows"
    );
    run(&mut app, [Action::SelectStart, Action::WordEnd]);
    let (a, _) = app.selection_span().expect("selection");
    assert_eq!(a, c, "v starts at the cursor, where the reader is looking");
    // Scrolling back up brings the cursor to the last line on screen.
    run(
        &mut app,
        [Action::SelectCancel, Action::PageUp, Action::PageUp],
    );
    let (_, last) = text_on_screen(&mut app, 120, 30);
    assert_eq!((app.cursor().para, app.cursor().offset), last);
}

#[test]
fn search_and_bottom_put_the_cursor_where_they_land() {
    let mut app = seed();
    draw(&mut app, 120, 30);
    app.update(Action::OpenSearch);
    run(&mut app, typed("Fundacion Infancia"));
    app.update(Action::PromptSubmit);
    let (p, r) = app.search.matches[app.search.current.expect("a match")].clone();
    assert_eq!((app.cursor().para, app.cursor().offset), (p, r.start));
    app.update(Action::Bottom);
    let (_, last) = text_on_screen(&mut app, 120, 30);
    assert_eq!((app.cursor().para, app.cursor().offset), last);
}

// See: issue 13 ("update is the only writer of state": loads and saves come back from
// the event loop as actions, so a session can be replayed headless).
#[test]
fn loads_and_saves_are_actions_applied_by_update() {
    use cablescope::action::{SaveFailure, SavedAnnotations};
    let mut app = seed();
    draw(&mut app, 160, 50);
    let q9 = q9_index(&app);
    let mut set = cablescope::annotation::AnnotationSet::new();
    set.add(
        TextAnchor::from_selection(&app.doc.cable, q9, 0..8).expect("anchor"),
        vec!["t".to_owned()],
        String::new(),
    );
    app.update(Action::AnnotationsLoaded(Carried::new(LoadedAnnotations {
        set: set.clone(),
        recent_tags: vec!["recent".to_owned()],
        notices: vec!["a notice".to_owned()],
    })));
    assert_eq!(app.ann.set.len(), 1);
    assert_eq!(
        app.ann.set.iter().next().map(|a| a.status),
        Some(AnchorStatus::Exact)
    );
    assert!(!app.ann.unsaved());
    assert_eq!(app.ann.recent_tags, ["recent"]);
    assert_eq!(app.message.as_deref(), Some("a notice"));

    goto(&mut app, "q17");
    run(&mut app, [Action::SelectStart, Action::WordEnd]);
    tag(&mut app, "more");
    assert!(app.ann.unsaved());
    app.update(Action::AnnotationsNotSaved(Carried::new(SaveFailure {
        error: "disk full".to_owned(),
        recovery: None,
    })));
    assert_eq!(app.ann.save_error.as_deref(), Some("disk full"));
    assert!(app.ann.unsaved());
    // Another instance added one: the merged set replaces ours and is re-anchored.
    let mut merged = app.ann.set.clone();
    merged.add(
        TextAnchor::from_selection(&app.doc.cable, q9, 9..10).expect("anchor"),
        vec!["theirs".to_owned()],
        String::new(),
    );
    app.update(Action::AnnotationsSaved(Carried::new(SavedAnnotations {
        merged: Some(merged),
        notices: vec!["merged 1 from another cablescope".to_owned()],
    })));
    assert_eq!(app.ann.set.len(), 3);
    assert!(app.ann.set.iter().all(|a| a.status == AnchorStatus::Exact));
    assert!(!app.ann.unsaved());
    assert_eq!(app.ann.save_error, None);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.ends_with("merged 1 from another cablescope")),
        "{:?}",
        app.message
    );
}

fn type_in_editor(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::EditorInput(
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE).into(),
        ));
    }
}

// See: issue 13 (the note editor soft-wraps, shows what the note belongs to, asks before
// Esc discards an edit; messages say what happened, undo names what was undone).
#[test]
fn the_note_editor_wraps_asks_before_discarding_and_messages_say_what_happened() {
    let mut app = q9_selected();
    tag(&mut app, "policy");
    assert_eq!(app.message.as_deref(), Some("added policy"));
    // The note of the annotation under the cursor.
    app.update(Action::OpenNoteEditor);
    assert_eq!(app.ann.editor_subject, "Q9 “Question 9” · policy");
    let long = "word ".repeat(40);
    type_in_editor(&mut app, long.trim_end());
    let screen = draw(&mut app, 120, 40);
    let rows = screen.lines().filter(|l| l.contains("word word")).count();
    assert!(rows >= 3, "a long line wraps onto several rows: {screen}");
    // Esc on an edited note asks; a key goes back to editing; Esc Esc discards.
    app.update(Action::NoteCancel);
    assert_eq!(app.mode, Mode::Note, "still editing");
    assert_eq!(
        app.message.as_deref(),
        Some("discard the changes to this note? Esc again discards, Ctrl-s saves")
    );
    let screen = draw(&mut app, 120, 40);
    assert!(
        screen.contains("discard the changes to this note?"),
        "{screen}"
    );
    type_in_editor(&mut app, "!");
    app.update(Action::NoteCancel);
    assert_eq!(app.mode, Mode::Note, "a key in between asks again");
    app.update(Action::NoteCancel);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.message.as_deref(),
        Some("changes to the note discarded")
    );
    assert_eq!(app.ann.set.iter().next().expect("one").note, "");
    // An unedited note closes at once.
    app.update(Action::OpenNoteEditor);
    app.update(Action::NoteCancel);
    assert_eq!(
        (app.mode, app.message.as_deref()),
        (Mode::Normal, Some("note closed"))
    );
    // Saving says so; undo names what it undid.
    app.update(Action::OpenNoteEditor);
    type_in_editor(&mut app, "checked");
    app.update(Action::NoteSave);
    assert_eq!(app.message.as_deref(), Some("note saved"));
    app.update(Action::Undo);
    assert_eq!(app.message.as_deref(), Some("undone: note saved"));
    app.update(Action::Redo);
    assert_eq!(app.message.as_deref(), Some("redone: note saved"));
    run(&mut app, [Action::CycleSidebar, Action::FocusNext]);
    app.update(Action::SidebarDelete);
    assert_eq!(app.message.as_deref(), Some("deleted policy (u undoes)"));
    app.update(Action::Undo);
    assert_eq!(
        app.message.as_deref(),
        Some("undone: deleting policy (it is back)")
    );
    assert_eq!(app.ann.set.len(), 1);
}
