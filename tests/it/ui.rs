//! Whole-screen snapshots of the reader on `TestBackend` (buffer text only, so colours
//! and `NO_COLOR` do not matter).
//!
//! See: issue 3 (the reader).

use cablescope::action::Action;
use cablescope::app::App;
use cablescope::ui::view::View;
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The buffer's text, one line per row, trailing spaces trimmed.
pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The seed cable, opened as the binary opens it.
pub fn seed() -> App {
    App::from_text(
        "06MEXICO1113.txt",
        None,
        include_str!("../fixtures/06MEXICO1113.txt"),
    )
}

/// The action of typing `c` into a prompt.
pub fn typed_char(c: char) -> Action {
    Action::PromptEdit(ratatui_textarea::Input {
        key: ratatui_textarea::Key::Char(c),
        ..ratatui_textarea::Input::default()
    })
}

/// Where `text` starts on screen (first row that has it).
pub fn find(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    find_in(buf, buf.area, text)
}

/// Where `text` starts inside `area` of the screen (first row that has it).
pub fn find_in(buf: &Buffer, area: ratatui::layout::Rect, text: &str) -> Option<(u16, u16)> {
    for y in area.top()..area.bottom() {
        let row: Vec<&str> = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        let line: String = row.concat();
        if let Some(byte) = line.find(text) {
            let col = line[..byte].chars().count();
            return Some((area.left() + u16::try_from(col).ok()?, y));
        }
    }
    None
}

/// The view the reader uses under `NO_COLOR` (modifiers only).
pub fn mono_view() -> View {
    View::new(
        cablescope::ui::theme::Theme::mono(),
        cablescope::ui::theme::TagColors::from_config(
            &cablescope::config::Config::default(),
            cablescope::ui::theme::ColorSupport::None,
        )
        .0,
    )
}

/// Draw `app` with `view` at `width`x`height` as the event loop does (what the draw
/// learnt goes back to the app, and a change draws again), and return the terminal.
pub fn draw_view(app: &mut App, view: &mut View, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    for _ in 0..2 {
        terminal
            .draw(|f| cablescope::ui::render(app, view, f))
            .expect("draw");
        let mut changed = false;
        for action in view.feedback(app) {
            changed |= app.update(action);
        }
        if !changed {
            break;
        }
    }
    terminal
}

/// Draw `app` at `width`x`height` with the default view and return the screen text.
pub fn draw(app: &mut App, width: u16, height: u16) -> String {
    let terminal = draw_view(app, &mut View::default(), width, height);
    buffer_text(terminal.backend().buffer())
}

fn goto(app: &mut App, target: &str) {
    app.update(Action::OpenGoto);
    for c in target.chars() {
        app.update(typed_char(c));
    }
    app.update(Action::PromptSubmit);
}

#[test]
fn opening_screen_at_160x50() {
    let mut app = seed();
    insta::assert_snapshot!(draw(&mut app, 160, 50));
}

#[test]
fn q9_with_a_selected_link_and_search_at_160x50() {
    let mut app = seed();
    goto(&mut app, "q9");
    app.update(Action::OpenSearch);
    for c in "question 20".chars() {
        app.update(typed_char(c));
    }
    app.update(Action::PromptSubmit);
    app.update(Action::NextLink);
    app.update(Action::NextLink);
    let screen = draw(&mut app, 160, 50);
    assert!(screen.contains("/question 20 1/"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn one_pane_at_a_time_at_80x24() {
    let mut app = seed();
    goto(&mut app, "q17");
    insta::assert_snapshot!("reader_80x24", draw(&mut app, 80, 24));
    app.update(Action::FocusPrev);
    insta::assert_snapshot!("tree_80x24", draw(&mut app, 80, 24));
    app.update(Action::FocusPrev);
    insta::assert_snapshot!("sidebar_80x24", draw(&mut app, 80, 24));
}

#[test]
fn raw_original_at_80x24() {
    let mut app = seed();
    goto(&mut app, "q2");
    app.update(Action::ToggleRaw);
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("raw original"));
    insta::assert_snapshot!(screen);
}

#[test]
fn key_list_at_160x50() {
    let mut app = seed();
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(draw(&mut app, 160, 50));
}

#[test]
fn tiny_terminals_get_one_line_and_never_panic() {
    let mut app = seed();
    let screen = draw(&mut app, 20, 3);
    assert!(screen.starts_with("terminal too small"), "{screen}");
    for (w, h) in [(1, 1), (24, 6), (30, 7), (99, 10), (100, 8), (250, 80)] {
        draw(&mut app, w, h);
        app.update(Action::PageDown);
    }
}

#[test]
fn every_cable_draws_at_both_sizes_through_to_the_end() {
    // Walk every fixture from top to bottom at both sizes: no panic, the end is reached.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).expect("read");
        for (w, h) in [(80, 24), (160, 50)] {
            let mut app = App::from_text("f", None, &text);
            for _ in 0..10_000 {
                draw(&mut app, w, h);
                if !app.update(Action::PageDown) {
                    break;
                }
            }
            let screen = draw(&mut app, w, h);
            assert!(screen.contains("100%"), "{}: {screen}", path.display());
        }
    }
}

/// The action the view makes of a mouse event at a cell.
pub fn mouse(
    view: &View,
    app: &App,
    kind: MouseEventKind,
    column: u16,
    row: u16,
) -> Option<Action> {
    view.mouse(
        app,
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        },
    )
}

#[test]
fn mouse_clicks_a_tree_row_then_a_link_then_wheels() {
    let click = MouseEventKind::Down(MouseButton::Left);
    let mut app = seed();
    let mut view = View::default();
    let q9 = app.doc.cable.question_index(9).expect("Q9");
    let q35 = app.doc.cable.question_index(35).expect("Q35");
    let screen = buffer_text(draw_view(&mut app, &mut view, 160, 50).backend().buffer());
    let row = screen
        .lines()
        .position(|l| l.contains("│    Q9 What is the relationship"))
        .expect("Q9 row in the tree");
    let action = mouse(&view, &app, click, 8, u16::try_from(row).expect("row"));
    assert!(
        matches!(action, Some(Action::ClickTree { row: Some(_) })),
        "{action:?}"
    );
    app.update(action.expect("an action"));
    assert_eq!(app.current_paragraph(), Some(q9));
    assert_eq!(app.history.back.len(), 1, "a tree click is a jump");

    draw_view(&mut app, &mut view, 160, 50);
    let hit = view
        .link_hits
        .iter()
        .copied()
        .find(|h| app.doc.cable.xrefs[h.xref].target.paragraph() == Some(q35))
        .expect("the link to Q35 is on screen");
    let action = mouse(&view, &app, click, hit.columns.0, hit.row);
    assert_eq!(action, Some(Action::ClickLink(hit.xref)));
    app.update(action.expect("an action"));
    assert_eq!(app.current_paragraph(), Some(q35));
    assert_eq!(app.history.back.len(), 2);

    let before = app.reader.top;
    let down = mouse(&view, &app, MouseEventKind::ScrollDown, 80, 20);
    assert_eq!(down, Some(Action::WheelReader(3)));
    app.update(down.expect("an action"));
    assert_ne!(app.reader.top, before);
    app.update(mouse(&view, &app, MouseEventKind::ScrollUp, 80, 20).expect("an action"));
    assert_eq!(app.reader.top, before);
    assert_eq!(
        mouse(&view, &app, MouseEventKind::ScrollDown, 8, 20),
        Some(Action::WheelTree(3)),
        "over the tree the wheel moves its selection"
    );
}

#[test]
fn control_characters_from_the_cable_never_reach_the_screen() {
    let text = "SUBJECT: EVIL \x1b]52;c;ZXZpbA==\x07 SUBJECT\n\n\
                1. (SBU) Body with \x1b[2J a clear-screen and a bell \x07 here.\n\n\
                2. (SBU) Question 1. Why \x1b[31m red? Post Response: Because \u{9b}.\n";
    let mut app = App::from_text("evil\x1b[1m.txt", None, text);
    for (w, h) in [(160, 50), (80, 24)] {
        for raw in [false, true] {
            app.reader.raw = raw;
            for focus in [Action::FocusNext, Action::FocusNext, Action::FocusNext] {
                let screen = draw(&mut app, w, h);
                assert!(
                    !screen.chars().any(|c| c.is_control() && c != '\n'),
                    "{screen:?}"
                );
                app.update(focus);
            }
        }
    }
    app.reader.raw = false;
    let screen = draw(&mut app, 160, 50);
    assert!(screen.contains('␛'), "{screen}");
}

#[test]
fn links_matches_and_selection_are_styled() {
    use ratatui::style::Modifier;
    let mut app = seed();
    let mut view = mono_view();
    goto(&mut app, "q9");
    app.update(Action::OpenSearch);
    for c in "relationship".chars() {
        app.update(typed_char(c));
    }
    app.update(Action::PromptSubmit);
    app.update(Action::NextLink);
    let terminal = draw_view(&mut app, &mut view, 160, 50);
    let buf = terminal.backend().buffer().clone();
    let selected = app.selected_link.expect("selected");
    assert!(!view.link_hits.is_empty());
    for hit in &view.link_hits {
        let cell = &buf[(hit.columns.0, hit.row)];
        assert!(cell.modifier.contains(Modifier::UNDERLINED), "{hit:?}");
        let reversed = cell.modifier.contains(Modifier::REVERSED);
        assert_eq!(reversed, hit.xref == selected, "{hit:?}");
    }
    // The current match ("relationship" in Q9's question) is reversed and bold.
    let text = buffer_text(&buf);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("What is the relationship"))
        .expect("Q9 on screen");
    let col = line[..line.find("relationship").expect("word")]
        .chars()
        .count();
    let cell = &buf[(
        u16::try_from(col).expect("col"),
        u16::try_from(row).expect("row"),
    )];
    assert!(cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD));
}

/// 06VIENNA515's `USG Concern: …` exchanges are drawn like questionnaire questions (the
/// question style up to the response), their `GOA Response:` text as body text.
#[test]
fn vienna_exchanges_are_styled_as_questions() {
    use cablescope::app::document::Document;
    use cablescope::app::reader::{LineKind, LineText, layout_unit};
    let app = App::from_text(
        "06VIENNA515.txt",
        None,
        include_str!("../fixtures/06VIENNA515.txt"),
    );
    let doc = &app.doc;
    let i = doc.cable.paragraph_index(5).expect("¶5");
    let text = &doc.cable.paragraphs[i].text;
    let lines = layout_unit(doc, Document::unit_of(i), 80, false);
    let kind_of = |needle: &str| {
        lines
            .iter()
            .find(|l| match &l.text {
                LineText::Clean(r) => text.get(r.clone()).is_some_and(|t| t.contains(needle)),
                LineText::Owned(_) => false,
            })
            .map(|l| l.kind)
    };
    assert_eq!(kind_of("WMD Proliferation"), Some(LineKind::Body));
    assert_eq!(kind_of("USG Concern: Novin"), Some(LineKind::Question));
    assert_eq!(kind_of("GOA Response:"), Some(LineKind::Question));
    assert_eq!(kind_of("xxxxx reiterated"), Some(LineKind::Body));
    assert_eq!(kind_of("USG Concern: Syria"), Some(LineKind::Question));
    assert_eq!(kind_of("BA/CA has no direct"), Some(LineKind::Body));
}

/// Keyed answers (`27.A.`) are drawn under their own label and the whole cable can be
/// paged through.
#[test]
fn tasker_keyed_answers_draw_with_their_keys() {
    let text = include_str!("../fixtures/synthetic/tasker-keyed.txt");
    let mut app = App::from_text("tasker-keyed.txt", None, text);
    let mut seen = String::new();
    for _ in 0..1_000 {
        seen.push_str(&draw(&mut app, 100, 30));
        if !app.update(Action::PageDown) {
            break;
        }
    }
    let screen = draw(&mut app, 100, 30);
    assert!(screen.contains("100%"), "{screen}");
    assert!(seen.contains("27.A. (SBU) Colombia is a country"), "{seen}");
    assert!(seen.contains("30.G. (SBU) Please see paragraphs 29.I. and 30.C."));
}

// See: issue 13 (messages were cut off at 80 columns behind the position).
#[test]
fn a_message_is_readable_on_a_narrow_terminal() {
    let mut app = seed();
    draw(&mut app, 80, 24);
    app.update(Action::OpenGoto);
    for c in "q99".chars() {
        app.update(typed_char(c));
    }
    app.update(Action::PromptSubmit);
    let screen = draw(&mut app, 80, 24);
    let status = screen.lines().last().expect("status line");
    assert_eq!(
        status, " header │ p1/18 │ 0% │ [reader]  no question 99 in this cable",
        "the file name and the key hint give way: {screen}"
    );
    // A long one: the focus and the percentage give way too.
    app.update(Action::OpenSearch);
    for c in "Fundacion Infancia".chars() {
        app.update(typed_char(c));
    }
    app.update(Action::PromptSubmit);
    app.update(Action::Bottom);
    app.update(Action::SearchNext);
    let screen = draw(&mut app, 80, 24);
    let status = screen.lines().last().expect("status line");
    assert!(
        status.ends_with(" search hit BOTTOM, continuing at TOP"),
        "{status:?}"
    );
    assert!(status.contains("p"), "the position stays: {status:?}");
}

/// A classified cable's header in the reader: who classified it and why, and until when,
/// under the TAGS (06BUENOSAIRES1594: `Classified By: Ambassador Lino Gutierrez for
/// Reasons 1.4 (B) and (D).`, `E.O. 12958: DECL: 07/19/2016`).
#[test]
fn classified_header_at_100x30() {
    let mut app = App::from_text(
        "06BUENOSAIRES1594.txt",
        None,
        include_str!("../fixtures/06BUENOSAIRES1594.txt"),
    );
    insta::assert_snapshot!(draw(&mut app, 100, 30));
}
