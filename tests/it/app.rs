//! Headless scripts of actions against the app (no terminal): navigation, links,
//! history, search, go-to, tree, all on the real parse of the seed cable.
//!
//! See: issue 3 (the reader).

use cablescope::action::Action;
use cablescope::app::{Anchor, App, Document, Effect, Focus, Mode, NodeId};
use cablescope::cable::XrefTarget;
use cablescope::keymap::Keymap;

use super::ui::{draw, seed};

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}

fn typed(text: &str) -> impl Iterator<Item = Action> + '_ {
    text.chars().map(super::ui::typed_char)
}

fn goto(app: &mut App, target: &str) {
    app.update(Action::OpenGoto);
    run(app, typed(target));
    app.update(Action::PromptSubmit);
}

fn question_unit(app: &App, n: u32) -> usize {
    Document::unit_of(app.doc.cable.question_index(n).expect("question exists"))
}

fn search(app: &mut App, query: &str) {
    app.update(Action::OpenSearch);
    run(app, typed(query));
    app.update(Action::PromptSubmit);
}

#[test]
fn goto_q9_follow_link_to_q35_back_and_forward() {
    let mut app = seed();
    let q9 = question_unit(&app, 9);
    let q35 = question_unit(&app, 35);
    goto(&mut app, "q9");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.current_unit(), q9);
    assert_eq!(app.history.back, vec![Anchor::default()]);

    // Q9 says "see questions 20 and 35": the second link is question 35.
    run(&mut app, [Action::NextLink, Action::NextLink]);
    let selected = app.selected_link.expect("a link is selected");
    assert_eq!(
        app.doc.cable.xrefs[selected].target,
        XrefTarget::Paragraph(q35 - 1)
    );
    app.update(Action::FollowLink);
    assert_eq!(app.current_unit(), q35);
    assert_eq!(app.history.back.len(), 2);
    assert!(app.history.forward.is_empty());

    app.update(Action::Back);
    assert_eq!(app.current_unit(), q9);
    assert_eq!(app.history.forward.len(), 1);
    app.update(Action::Back);
    assert_eq!(app.current_unit(), 0);
    app.update(Action::Back);
    assert_eq!(app.current_unit(), 0, "nothing before the first jump");
    assert_eq!(app.message.as_deref(), Some("no earlier jump"));

    app.update(Action::Forward);
    assert_eq!(app.current_unit(), q9);
    app.update(Action::Forward);
    assert_eq!(app.current_unit(), q35);
    app.update(Action::Forward);
    assert_eq!(app.current_unit(), q35);

    // A new jump after going back drops the forward entries, as a browser does.
    run(&mut app, [Action::Back, Action::Back]);
    goto(&mut app, "17");
    assert!(app.history.forward.is_empty());
    assert_eq!(app.current_paragraph(), app.doc.cable.paragraph_index(17));
}

#[test]
fn search_counts_steps_and_wraps() {
    let mut app = seed();
    app.update(Action::OpenSearch);
    run(&mut app, typed("Trafficking VICTIMS"));
    let n = app.search.matches.len();
    assert!(n > 3, "{n} matches");
    assert_eq!(app.search.status(), Some(format!("1/{n}")));
    app.update(Action::PromptSubmit);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.history.back.len(), 1, "the search was a jump");
    let first = app.search.matches[0].0;
    assert_eq!(app.current_paragraph(), Some(first));

    app.update(Action::SearchNext);
    assert_eq!(app.search.status(), Some(format!("2/{n}")));
    assert_eq!(app.current_paragraph(), Some(app.search.matches[1].0));
    run(&mut app, [Action::SearchPrev, Action::SearchPrev]);
    assert_eq!(app.search.status(), Some(format!("{n}/{n}")));
    assert_eq!(app.current_paragraph(), Some(app.search.matches[n - 1].0));
    assert_eq!(app.history.back.len(), 4, "n and N are jumps too");
}

#[test]
fn search_matches_across_source_line_breaks_and_cancel_returns() {
    let mut app = seed();
    goto(&mut app, "q3");
    let before = app.reader.top;
    // "point of contact on the" / "Anti-Trafficking" are on two source lines of ¶1.
    app.update(Action::OpenSearch);
    run(&mut app, typed("contact on the anti-trafficking"));
    assert_eq!(app.search.matches.len(), 1);
    assert_eq!(
        app.search.matches[0].0,
        app.doc.cable.paragraph_index(1).expect("¶1")
    );
    assert_eq!(app.current_paragraph(), app.doc.cable.paragraph_index(1));
    app.update(Action::PromptCancel);
    assert_eq!(app.reader.top, before);
    assert!(app.search.matches.is_empty());

    search(&mut app, "no such phrase anywhere");
    assert_eq!(app.reader.top, before);
    assert_eq!(
        app.message.as_deref(),
        Some("not found: no such phrase anywhere")
    );
}

#[test]
fn goto_page_question_paragraph_and_errors() {
    let mut app = seed();
    goto(&mut app, "p10");
    let i = app.current_paragraph().expect("a paragraph");
    let p = &app.doc.cable.paragraphs[i];
    assert!(p.page == 10 || p.page_breaks.iter().any(|b| b.page == 10));
    let screen = draw(&mut app, 160, 50);
    assert!(screen.contains("│ p10/18 │"), "{screen}");

    goto(&mut app, "q99");
    assert_eq!(app.message.as_deref(), Some("no question 99 in this cable"));
    goto(&mut app, "zz");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("go to:"))
    );
    goto(&mut app, "Q17");
    assert_eq!(app.current_unit(), question_unit(&app, 17));
    assert_eq!(app.history.back.len(), 2, "failed go-tos are not jumps");
}

/// A paragraph number the drafter printed twice (04MADRID4063's two ¶6): `:6` goes to
/// the first, `:6` again to the second, then round to the first, each time saying so.
#[test]
fn goto_a_number_printed_twice_reaches_each_paragraph_of_it() {
    let id = "04MADRID4063";
    let mut app = App::from_text(&format!("{id}.txt"), None, super::corpus::corpus().text(id));
    let sixes: Vec<usize> = app.doc.cable.paragraphs_numbered(6).collect();
    assert_eq!(sixes.len(), 2);
    assert_eq!(app.doc.cable.paragraph_index(6), sixes.first().copied());
    for (k, want) in [(1, sixes[0]), (2, sixes[1]), (1, sixes[0])] {
        goto(&mut app, "6");
        assert_eq!(app.current_paragraph(), Some(want));
        assert_eq!(
            app.message.as_deref(),
            Some(
                format!("¶6, {k} of 2: the cable numbers 2 paragraphs 6 (:6 again for the next)")
                    .as_str()
            )
        );
    }
    // A number printed once says nothing.
    app.message = None;
    goto(&mut app, "7");
    assert_eq!(app.current_paragraph(), app.doc.cable.paragraph_index(7));
    assert_eq!(app.message, None);
}

#[test]
fn structure_navigation_and_tree_follow_the_reader() {
    let mut app = seed();
    app.update(Action::NextQuestion);
    assert_eq!(app.current_unit(), question_unit(&app, 1));
    app.update(Action::NextQuestion);
    assert_eq!(app.current_unit(), question_unit(&app, 2));
    app.update(Action::PrevQuestion);
    assert_eq!(app.current_unit(), question_unit(&app, 1));
    app.update(Action::NextSection);
    let i = app.current_paragraph().expect("paragraph");
    assert_eq!(app.doc.cable.paragraphs[i].section, Some(1));
    app.update(Action::NextParagraph);
    assert_eq!(app.current_paragraph(), Some(i + 1));

    // Scrolling the reader moves the tree's selection.
    let before = app.current_paragraph();
    while app.current_paragraph() == before {
        assert!(app.update(Action::ScrollDown), "scrolled to the end");
    }
    let now = app.current_paragraph().expect("paragraph");
    assert_eq!(
        app.outline.selected_node().map(|n| n.id),
        Some(NodeId::Paragraph(now))
    );
    assert!(app.history.back.is_empty(), "scrolling is not a jump");

    app.update(Action::Bottom);
    assert!(app.current_unit() > 30);
    app.update(Action::Top);
    assert_eq!(app.reader.top, Anchor::default());
}

#[test]
fn tree_selection_moves_the_reader_and_activation_is_a_jump() {
    let mut app = seed();
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Focus::Tree);
    // Down the tree until a question row; the reader follows without recording jumps.
    for _ in 0..12 {
        app.update(Action::TreeNext);
    }
    let node = app.outline.selected_node().expect("selected").id;
    let NodeId::Paragraph(p) = node else {
        panic!("expected a paragraph row, got {node:?}");
    };
    assert_eq!(app.current_paragraph(), Some(p));
    assert!(app.history.back.is_empty());
    app.update(Action::TreeActivate);
    assert_eq!(app.focus, Focus::Reader);

    // Collapse the section: the selection moves to its row.
    app.update(Action::FocusPrev);
    app.update(Action::TreeCollapse);
    let node = app.outline.selected_node().expect("selected").id;
    assert!(matches!(node, NodeId::Section(_)), "{node:?}");
    assert!(app.update(Action::TreeToggle));
    assert!(app.outline.rows.len() < app.outline.nodes.len());
}

#[test]
fn ref_link_shows_the_entry_and_asks_to_open_the_sibling_cable() {
    let dir = std::path::PathBuf::from("/cables");
    let mut app = App::from_text(
        "06MEXICO1113.txt",
        Some(dir.join("06MEXICO1113.txt")),
        include_str!("../fixtures/06MEXICO1113.txt"),
    );
    let (x, k) = app
        .doc
        .cable
        .xrefs
        .iter()
        .enumerate()
        .find_map(|(i, x)| match x.target {
            XrefTarget::Ref(k) if app.doc.cable.header.refs[k].letter == Some('C') => Some((i, k)),
            _ => None,
        })
        .expect("a link to REF C");
    let para = app.doc.cable.xrefs[x].paragraph;
    let number = app.doc.cable.paragraphs[para].number.expect("numbered");
    goto(&mut app, &number.to_string());
    while app.selected_link != Some(x) {
        app.update(Action::NextLink);
    }
    app.update(Action::FollowLink);
    assert_eq!(app.sidebar.shown_ref, Some(k));
    assert_eq!(app.message.as_deref(), Some("REF C: 05 MEXICO 5224"));
    assert_eq!(
        app.take_effect(),
        Some(Effect::OpenRef("05MEXICO5224".to_owned()))
    );
    assert_eq!(app.take_effect(), None);
}

/// 09SAOPAULO660's REF list carries no letters (WikiLeaks' 2011 copy): following its
/// `Ref C` names the third entry and says it was read by place.
#[test]
fn a_ref_read_by_place_says_so() {
    let text = super::corpus::corpus().text("09SAOPAULO660");
    let mut app = App::from_text("09SAOPAULO660.txt", None, text);
    let x = app
        .doc
        .cable
        .xrefs
        .iter()
        .position(|x| x.target == XrefTarget::Ref(2))
        .expect("a link to the third entry");
    assert_eq!(
        app.doc.cable.paragraphs[app.doc.cable.xrefs[x].paragraph].number,
        Some(1)
    );
    goto(&mut app, "1");
    for _ in 0..10 {
        if app.selected_link == Some(x) {
            break;
        }
        app.update(Action::NextLink);
    }
    assert_eq!(app.selected_link, Some(x), "the link is reached");
    // The sidebar's links out of ¶1 say it too.
    let screen = draw(&mut app, 200, 60);
    assert!(screen.contains("→ REF C, by place ((08) SAO"), "{screen}");
    assert!(screen.contains("→ REF B, by place (RECIFE 66)"), "{screen}");
    app.update(Action::FollowLink);
    assert_eq!(app.sidebar.shown_ref, Some(2));
    assert_eq!(
        app.message.as_deref(),
        Some("REF C (by place: the REF list has no letters): (08) SAO PAULO 581")
    );
    assert_eq!(
        app.take_effect(),
        Some(Effect::OpenRef("08SAOPAULO581".to_owned()))
    );
}

#[test]
fn panes_focus_and_widths() {
    let mut app = seed();
    assert_eq!(app.focus, Focus::Reader);
    run(&mut app, [Action::FocusNext]);
    assert_eq!(app.focus, Focus::Sidebar);
    run(&mut app, [Action::WidenPane, Action::WidenPane]);
    assert_eq!(app.panes.sidebar_width, 42);
    app.update(Action::ToggleSidebar);
    assert_eq!(app.focus, Focus::Reader);
    run(&mut app, [Action::FocusNext, Action::FocusNext]);
    assert_eq!(app.focus, Focus::Reader, "reader ↔ tree only");
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode, Mode::Help);
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode, Mode::Normal);
    app.update(Action::Quit);
    assert!(app.should_quit());
}

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme = include_str!("../../README.md");
    let table = Keymap::default().markdown();
    assert!(
        readme.contains(&table),
        "README key table is out of date; it should contain:\n{table}"
    );
}

/// Prints the key table for the README (`cargo test --test it print_key_table -- --ignored
/// --nocapture`).
#[test]
#[ignore = "helper for updating the README"]
fn print_key_table() {
    print!("{}", Keymap::default().markdown());
}

#[test]
fn selecting_a_link_scrolls_it_into_view() {
    let mut app = seed();
    goto(&mut app, "q17");
    draw(&mut app, 80, 24);
    for _ in 0..2 {
        app.update(Action::NextLink);
        let x = app.selected_link.expect("Q17 has links");
        let unit = app.current_unit();
        let start = app.doc.cable.xrefs[x].range.start;
        let line = app.reader.line_of_offset(&app.doc, unit, start);
        let top = app.reader.top.line;
        assert!(
            (top..top + app.reader.height).contains(&line),
            "link line {line} not in view from {top}"
        );
        let screen = draw(&mut app, 80, 24);
        assert!(screen.contains("│ ¶18 │ Q17 │"), "{screen}");
    }
}

/// 06VIENNA515's exchanges are children of their paragraph in the tree; selecting one
/// moves the reader to its line.
#[test]
fn vienna_exchanges_are_tree_children() {
    let mut app = App::from_text(
        "06VIENNA515.txt",
        None,
        include_str!("../fixtures/06VIENNA515.txt"),
    );
    let p5 = app.doc.cable.paragraph_index(5).expect("¶5");
    let node = app.outline.paragraph_node[p5];
    let children: Vec<(NodeId, String)> = app.outline.nodes[node + 1..app.outline.nodes[node].end]
        .iter()
        .map(|n| (n.id, n.label.chars().take(20).collect()))
        .collect();
    assert_eq!(
        children,
        [
            (NodeId::Exchange(p5, 0), "Q5.A Novin Energy Co".to_owned()),
            (NodeId::Exchange(p5, 1), "Q5.B Since 2001, Cre".to_owned()),
            (NodeId::Exchange(p5, 2), "Q5.C Syria was prepa".to_owned()),
        ]
    );
    let exchanges = app
        .outline
        .nodes
        .iter()
        .filter(|n| matches!(n.id, NodeId::Exchange(..)))
        .count();
    assert_eq!(exchanges, 10);
    // Expand ¶5 and select 5.C: the reader shows ¶5 from 5.C's line.
    app.update(Action::FocusPrev);
    let mut seen = Vec::new();
    for _ in 0..40 {
        let id = app.outline.selected_node().map(|n| n.id);
        if id == Some(NodeId::Paragraph(p5)) {
            break;
        }
        seen.push(id);
        app.update(Action::TreeNext);
    }
    assert_eq!(
        app.outline.selected_node().map(|n| n.id),
        Some(NodeId::Paragraph(p5)),
        "{seen:?}"
    );
    app.update(Action::TreeExpand);
    for _ in 0..3 {
        app.update(Action::TreeNext);
    }
    assert_eq!(
        app.outline.selected_node().map(|n| n.id),
        Some(NodeId::Exchange(p5, 2))
    );
    assert_eq!(app.reader.top.unit, Document::unit_of(p5));
    assert!(app.reader.top.line > 0, "{:?}", app.reader.top);
}

fn open(name: &str, text: &str) -> App {
    let mut app = App::from_text(name, None, text);
    draw(&mut app, 120, 40);
    app
}

/// The text of the first line on screen (the reading position), from the last render.
fn top_text(app: &mut App) -> String {
    let mut view = super::ui::mono_view();
    super::ui::draw_view(app, &mut view, 120, 40);
    let row = view
        .text_rows
        .iter()
        .min_by_key(|t| t.row)
        .expect("text on screen");
    app.doc.cable.paragraphs[row.para].text[row.range.clone()].to_owned()
}

// See: issue 13 (":28.H, :q28.H, :3.B, :5.A all said go to: q17 …").
#[test]
fn goto_reaches_keyed_and_lettered_answers_and_exchanges() {
    let keyed = include_str!("../fixtures/synthetic/tasker-keyed.txt");
    let mut app = open("tasker-keyed.txt", keyed);
    for (input, label) in [
        ("28.B", "28.B."),
        ("q28.b", "28.B."),
        ("28.C.", "28.C."),
        ("q28", "28.A."),
        ("Q29", "29.A."),
    ] {
        goto(&mut app, input);
        let i = Document::paragraph_of(app.reader.top.unit).expect("a paragraph");
        assert_eq!(app.doc.cable.paragraphs[i].label(), label, ":{input}");
        assert_eq!(app.reader.top.line, 0, ":{input}");
        assert_eq!(app.message, None, ":{input}");
    }
    goto(&mut app, "28.Z");
    assert_eq!(app.message.as_deref(), Some("no answer 28.Z in this cable"));

    let sections = include_str!("../fixtures/synthetic/tip-2010-sections.txt");
    let mut app = open("tip-2010-sections.txt", sections);
    for (input, label) in [("3.B", "3.B."), ("1.C", "1.B/C."), ("2.f", "2.E/F.")] {
        goto(&mut app, input);
        let i = Document::paragraph_of(app.reader.top.unit).expect("a paragraph");
        assert_eq!(app.doc.cable.paragraphs[i].label(), label, ":{input}");
    }

    let mut app = open(
        "06VIENNA515.txt",
        include_str!("../fixtures/06VIENNA515.txt"),
    );
    goto(&mut app, "5.A");
    let p5 = app.doc.cable.paragraph_index(5).expect("¶5");
    assert_eq!(app.reader.top.unit, Document::unit_of(p5));
    assert!(
        top_text(&mut app).starts_with("A. (S/NF) USG Concern"),
        "{}",
        top_text(&mut app)
    );
    goto(&mut app, "5.C");
    assert!(
        top_text(&mut app).starts_with("C. (S/NF) USG Concern"),
        "{}",
        top_text(&mut app)
    );
    goto(&mut app, "nonsense");
    assert_eq!(
        app.message.as_deref(),
        Some("go to: q17 (question), 17 (paragraph), p10 (page), 28.H or 5.A (answer)")
    );
}

// See: issue 13 ("`)` / `(` on 06VIENNA515's A./B./C. gave no further").
#[test]
fn next_and_previous_question_step_through_lettered_exchanges() {
    let mut app = open(
        "06VIENNA515.txt",
        include_str!("../fixtures/06VIENNA515.txt"),
    );
    let mut seen = Vec::new();
    for _ in 0..12 {
        app.update(Action::NextQuestion);
        if app.message.is_some() {
            break;
        }
        seen.push(top_text(&mut app).chars().take(24).collect::<String>());
    }
    assert_eq!(app.message.as_deref(), Some("no further question"));
    assert_eq!(seen.len(), 10, "{seen:#?}");
    assert!(
        seen.iter().all(|s| s.contains(". (S/NF) USG Concern")),
        "{seen:#?}"
    );
    assert!(seen[0].starts_with("A. "), "{seen:#?}");
    assert!(seen[1].starts_with("B. "), "{seen:#?}");
    // Back one by one to the first, then nothing before it.
    app.message = None;
    for _ in 0..9 {
        app.update(Action::PrevQuestion);
    }
    assert_eq!(
        top_text(&mut app).chars().take(24).collect::<String>(),
        seen[0]
    );
    app.update(Action::PrevQuestion);
    assert_eq!(app.message.as_deref(), Some("no question before"));
}

// See: issue 13 ("→ Q20 (back: Ctrl-o) stays after going back; no earlier jump stays after
// a successful :p10; a bad : entry stays through a search").
#[test]
fn messages_go_when_the_user_moves_on() {
    let mut app = seed();
    draw(&mut app, 120, 40);
    goto(&mut app, "q9");
    app.update(Action::FollowLink);
    assert_eq!(app.message.as_deref(), Some("→ Q20 (back: Ctrl-o)"));
    app.update(Action::Back);
    assert_eq!(app.message, None, "going back says nothing more");
    run(&mut app, [Action::Back, Action::Back]);
    assert_eq!(app.message.as_deref(), Some("no earlier jump"));
    goto(&mut app, "p10");
    assert_eq!(app.message, None, "a successful go-to clears it");
    goto(&mut app, "nonsense");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("go to: "))
    );
    search(&mut app, "Fundacion");
    assert_eq!(app.message, None, "the search replaced it");
    // Esc still reports a change when all it cleared was a message.
    app.set_message("something");
    assert!(app.update(Action::ClearHighlights));
    assert_eq!(app.message, None);
    // A resize is not the user moving on.
    app.set_message("kept");
    app.update(Action::Resize);
    assert_eq!(app.message.as_deref(), Some("kept"));
}

// See: issue 13 ("n searches on from the current position, not from the last match; a wrap
// says so").
#[test]
fn n_searches_on_from_the_cursor_and_says_when_it_wraps() {
    let mut app = seed();
    draw(&mut app, 120, 40);
    search(&mut app, "shelter");
    let n = app.search.matches.len();
    assert!(n > 4, "{n}");
    assert_eq!(app.search.current, Some(0));
    // Scroll far down past several matches: n continues from what is on screen.
    goto(&mut app, "q30");
    let c = app.cursor();
    app.update(Action::SearchNext);
    let m = app.search.current.expect("a match");
    let (p, r) = app.search.matches[m].clone();
    assert!((p, r.start) > (c.para, c.offset), "after the cursor");
    assert!(m > 1, "not simply the match after the last one");
    if m > 0 {
        let (pp, pr) = &app.search.matches[m - 1];
        assert!(
            (*pp, pr.start) <= (c.para, c.offset),
            "the first after the cursor"
        );
    }
    assert_eq!(app.message, None);
    // From the last match, n wraps to the first and says so; N wraps back.
    app.update(Action::Bottom);
    app.update(Action::SearchNext);
    let last = app.search.matches.len() - 1;
    if app.search.current != Some(0) {
        // Matches below the bottom line's start: step to the last one first.
        while app.search.current != Some(last) {
            app.update(Action::SearchNext);
        }
        app.update(Action::SearchNext);
    }
    assert_eq!(app.search.current, Some(0));
    assert_eq!(
        app.message.as_deref(),
        Some("search hit BOTTOM, continuing at TOP")
    );
    app.update(Action::SearchPrev);
    assert_eq!(app.search.current, Some(last));
    assert_eq!(
        app.message.as_deref(),
        Some("search hit TOP, continuing at BOTTOM")
    );
}

// See: issue 13 (several links on one span were four invisible stops; the selected link
// must be reverse video; unresolved links must look different).
#[test]
fn links_on_one_span_are_one_stop_selected_reversed_unresolved_distinct() {
    let keyed = include_str!("../fixtures/synthetic/tasker-keyed.txt");
    let mut app = App::from_text("tasker-keyed.txt", None, keyed);
    let mut view = super::ui::mono_view();
    super::ui::draw_view(&mut app, &mut view, 120, 40);
    goto(&mut app, "2");
    assert_eq!(
        app.current_links().len(),
        1,
        "`paragraphs 27-30` names four paragraphs: one stop"
    );
    let buf = |app: &mut App, view: &mut cablescope::ui::view::View| {
        super::ui::draw_view(app, view, 120, 40)
            .backend()
            .buffer()
            .clone()
    };
    let b = buf(&mut app, &mut view);
    // The four targets share the span `27-30`.
    let (x, y) = super::ui::find_in(&b, view.areas.reader, "27-30").expect("on screen");
    let cell = &b[(x, y)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::ITALIC),
        "unresolved"
    );
    assert!(!cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    app.update(Action::NextLink);
    let b = buf(&mut app, &mut view);
    for dx in 0..5 {
        assert!(
            b[(x + dx, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED),
            "the whole selected span is reverse video (column {dx})"
        );
    }
    app.update(Action::NextLink);
    assert_eq!(
        app.current_links().first().copied(),
        app.selected_link,
        "a second ] comes back to the one stop"
    );
    app.update(Action::FollowLink);
    assert_eq!(
        app.message.as_deref(),
        Some(
            "unresolved link: paragraph 27 of another cable; paragraph 28 of another cable; \
             paragraph 29 of another cable; paragraph 30 of another cable"
        )
    );
    // A resolved link keeps the plain link style.
    let mut app = seed();
    goto(&mut app, "q9");
    let b = buf(&mut app, &mut view);
    let hit = view
        .link_hits
        .iter()
        .find(|h| matches!(app.doc.cable.xrefs[h.xref].target, XrefTarget::Paragraph(_)))
        .copied()
        .expect("a resolved link on screen");
    let m = b[(hit.columns.0, hit.row)].modifier;
    assert!(
        m.contains(ratatui::style::Modifier::UNDERLINED)
            && !m.contains(ratatui::style::Modifier::ITALIC)
    );
}

// See: issue 13 ("3 while the sidebar is hidden for width turns it off for good").
#[test]
fn toggling_a_pane_hidden_for_width_keeps_the_wish() {
    let mut app = seed();
    let mut view = super::ui::mono_view();
    super::ui::draw_view(&mut app, &mut view, 90, 30);
    assert!(
        view.areas.sidebar.is_empty() && !app.panes.sidebar_shown,
        "one pane at a time below 100 columns"
    );
    app.update(Action::ToggleSidebar);
    assert!(app.panes.show_sidebar, "the wish to see it is kept");
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("the sidebar is hidden for width")),
        "{:?}",
        app.message
    );
    super::ui::draw_view(&mut app, &mut view, 160, 40);
    assert!(
        !view.areas.sidebar.is_empty() && app.panes.sidebar_shown,
        "wide again, it is back"
    );
    // With room for it, 3 hides it as before.
    app.update(Action::ToggleSidebar);
    assert!(!app.panes.show_sidebar);
    super::ui::draw_view(&mut app, &mut view, 160, 40);
    assert!(view.areas.sidebar.is_empty());
    app.update(Action::ToggleSidebar);
    assert!(app.panes.show_sidebar);
}

fn edit(app: &mut App, key: ratatui_textarea::Key, ctrl: bool) {
    app.update(Action::PromptEdit(ratatui_textarea::Input {
        key,
        ctrl,
        ..ratatui_textarea::Input::default()
    }));
}

// See: issue 13 (prompts edit like a shell line, with history; `:q` quits).
#[test]
fn prompts_edit_like_a_shell_line_with_history_per_prompt() {
    use ratatui_textarea::Key;
    let mut app = seed();
    draw(&mut app, 120, 40);
    app.update(Action::OpenGoto);
    run(&mut app, typed("p10"));
    edit(&mut app, Key::Char('u'), true);
    assert_eq!(app.prompt.text(), "", "Ctrl-u kills to the start");
    run(&mut app, typed("q"));
    run(&mut app, typed("9"));
    edit(&mut app, Key::Left, false);
    edit(&mut app, Key::Left, false);
    run(&mut app, typed("x"));
    assert_eq!(app.prompt.text(), "xq9");
    edit(&mut app, Key::Home, false);
    edit(&mut app, Key::Delete, false);
    assert_eq!(app.prompt.text(), "q9");
    let screen = draw(&mut app, 120, 40);
    assert_eq!(screen.lines().last(), Some(":q9"), "{screen}");
    app.update(Action::PromptSubmit);
    assert_eq!(app.current_unit(), question_unit(&app, 9));
    // Up brings back the last go-to; Down returns to the line being typed.
    app.update(Action::OpenGoto);
    run(&mut app, typed("1"));
    app.update(Action::PromptHistoryPrev);
    assert_eq!(app.prompt.text(), "q9");
    app.update(Action::PromptHistoryNext);
    assert_eq!(app.prompt.text(), "1");
    app.update(Action::PromptCancel);
    // The search prompt has its own history.
    search(&mut app, "shelter");
    app.update(Action::OpenSearch);
    app.update(Action::PromptHistoryPrev);
    assert_eq!(app.prompt.text(), "shelter");
    app.update(Action::PromptCancel);
    // `:q` quits.
    goto(&mut app, "q");
    assert!(app.should_quit());
}

#[test]
fn colon_q_with_unsaved_annotations_asks_first() {
    let mut app = seed();
    draw(&mut app, 120, 40);
    goto(&mut app, "q9");
    run(
        &mut app,
        [Action::SelectStart, Action::WordEnd, Action::OpenTagPrompt],
    );
    run(&mut app, typed("x"));
    app.update(Action::PromptSubmit);
    assert!(app.ann.unsaved());
    goto(&mut app, "q");
    assert!(!app.should_quit());
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("annotations not saved")),
        "{:?}",
        app.message
    );
    goto(&mut app, "q");
    assert!(app.should_quit(), "asked once, the second :q quits");
}
