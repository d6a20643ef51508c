//! Issue 6: the configuration reaches the reader: keys, theme, tag colours, pane widths,
//! and problems reported in the status bar (headless: no terminal, no real home).

use cablescope::action::Action;
use cablescope::app::{App, Focus, Mode};
use cablescope::config::{Config, FILE_NAME};
use cablescope::keymap::{Keymap, resolve};
use cablescope::tui::{config_problems, configure};
use cablescope::ui::theme::{ColorSupport, Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    App::from_text("06MEXICO1113.txt", None, cablescope::EMBEDDED_CABLE)
}

fn load(text: &str) -> (Config, Option<cablescope::config::ConfigError>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, text).expect("write");
    Config::load_from(&path)
}

fn key(app: &App, c: char) -> Option<Action> {
    resolve(
        &app.keymap,
        app.focus,
        Mode::Normal,
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
    )
}

#[test]
fn defaults_configure_like_a_fresh_app() {
    let mut a = app();
    let fresh = app();
    let view = configure(&mut a, &Config::default(), None, ColorSupport::Ansi16);
    assert_eq!(a.keymap, Keymap::default());
    assert_eq!(view.theme, Theme::dark());
    assert_eq!(a.panes, fresh.panes);
    assert_eq!(a.message, None);
    assert!(config_problems(&Config::default()).is_empty());
}

#[test]
fn a_user_file_sets_keys_theme_and_widths() {
    let (config, error) = load(
        r#"(
            theme: "light",
            colors: {"link": "Red"},
            tag_colors: {"victims": "Green"},
            tree_width: 24,
            sidebar_width: 500,
            keys: [("global", "x", "quit"), ("global", "q", "none"), ("tree", "j", "tree_prev")],
        )"#,
    );
    assert_eq!(error, None);
    let mut a = app();
    let view = configure(&mut a, &config, error.as_ref(), ColorSupport::Ansi16);
    assert_eq!(a.message, None);
    assert_eq!(view.theme.link.fg, Some(ratatui::style::Color::Red));
    assert_eq!(view.theme.heading, Theme::light().heading);
    assert_eq!(
        view.tags.color("victims"),
        Some(ratatui::style::Color::Green)
    );
    assert_eq!((a.panes.tree_width, a.panes.sidebar_width), (24, 100));
    assert_eq!(key(&a, 'x'), Some(Action::Quit));
    assert_eq!(key(&a, 'q'), None);
    a.focus = Focus::Tree;
    assert_eq!(key(&a, 'j'), Some(Action::TreePrev));
    assert!(a.keymap.markdown().contains("| `Ctrl-c` `x` | quit |"));
}

#[test]
fn a_broken_file_is_reported_with_line_and_column_and_defaults_apply() {
    let (config, error) = load("(\n  theme: \"dark\",\n  tree_width: \"wide\",\n)");
    let mut a = app();
    configure(&mut a, &config, error.as_ref(), ColorSupport::Ansi16);
    let message = a.message.clone().expect("a message");
    assert!(
        message.starts_with("config not used (defaults apply): config.ron:3:"),
        "{message}"
    );
    assert_eq!(a.keymap, Keymap::default());
    assert_eq!(key(&a, 'q'), Some(Action::Quit));
}

#[test]
fn unknown_names_are_reported_not_fatal() {
    let (config, error) = load(
        r#"(keys: [("global", "x", "explode"), ("global", "y", "quit")], colors: {"lnk": "Red"})"#,
    );
    assert_eq!(error, None);
    let mut a = app();
    configure(&mut a, &config, None, ColorSupport::Ansi16);
    let message = a.message.clone().expect("a message");
    assert!(message.contains("unknown action `explode`"), "{message}");
    assert!(message.contains("+1 more"), "{message}");
    assert_eq!(key(&a, 'y'), Some(Action::Quit));
    assert_eq!(config_problems(&config).len(), 2);
}

#[test]
fn unbinding_every_quit_key_keeps_the_defaults() {
    let (config, _) = load(r#"(keys: [("global", "q", "none"), ("global", "ctrl-c", "none")])"#);
    let mut a = app();
    configure(&mut a, &config, None, ColorSupport::Ansi16);
    assert_eq!(key(&a, 'q'), Some(Action::Quit));
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.contains("no key is bound to quit"))
    );
}

#[test]
fn no_color_wins_over_the_config() {
    let (config, _) = load(r#"(theme: "light", colors: {"link": "Red"})"#);
    let mut a = app();
    let view = configure(&mut a, &config, None, ColorSupport::None);
    assert_eq!(view.theme, Theme::mono());
    assert_eq!(view.tags.color("x"), None);
}

#[test]
fn the_readme_example_config_loads_without_problems() {
    let readme = include_str!("../../README.md");
    let section = readme
        .find("## Configuration")
        .expect("a configuration section");
    let start =
        section + readme[section..].find("```ron\n").expect("a ron block") + "```ron\n".len();
    let end = start + readme[start..].find("```").expect("closed");
    let (config, error) = load(&readme[start..end]);
    assert_eq!(error, None);
    assert!(
        config_problems(&config).is_empty(),
        "{:?}",
        config_problems(&config)
    );
    let mut a = app();
    let view = configure(&mut a, &config, None, ColorSupport::Ansi16);
    assert_eq!(a.message, None);
    assert_eq!(key(&a, 'x'), Some(Action::Quit));
    assert_eq!(view.theme.status.bg, Some(ratatui::style::Color::Black));
}

/// The configured theme reaches the screen: the status bar's last row is drawn with the
/// light theme's colours, and with a slot override.
#[test]
fn the_configured_theme_is_what_is_drawn() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;
    let status_bg = |config: &Config, support| {
        let mut a = app();
        let mut view = configure(&mut a, config, None, support);
        let mut terminal = Terminal::new(TestBackend::new(120, 32)).expect("terminal");
        terminal
            .draw(|f| cablescope::ui::render(&a, &mut view, f))
            .expect("draw");
        terminal.backend().buffer()[(1, 31)].bg
    };
    let (light, _) = load(r#"(theme: "light")"#);
    assert_eq!(status_bg(&light, ColorSupport::Ansi16), Color::Gray);
    assert_eq!(
        status_bg(&Config::default(), ColorSupport::Ansi16),
        Color::DarkGray
    );
    let (over, _) = load(r#"(colors: {"status": "White on #00005f"})"#);
    assert_eq!(status_bg(&over, ColorSupport::Ansi16), Color::Black);
    assert_eq!(
        status_bg(&over, ColorSupport::TrueColor),
        Color::Rgb(0, 0, 0x5f)
    );
    assert_eq!(status_bg(&over, ColorSupport::None), Color::Reset);
}

// See: issue 13 (key names case-insensitive, "did you mean", every problem listed).
#[test]
fn key_names_ignore_case_typos_get_a_suggestion_and_every_problem_is_listed() {
    let (config, error) = load(
        r#"(
            theme: "drak",
            keys: [("global", "F5", "quit"), ("Global", "Ctrl-J", "scroll_down"), ("global", "PageDown", "page_down"),
                   ("global", "x", "quiet"), ("globl", "y", "quit")],
            colors: {"lnk": "Red", "link": "Redd"},
        )"#,
    );
    assert_eq!(error, None, "an unknown theme does not throw the file away");
    let mut a = app();
    configure(&mut a, &config, None, ColorSupport::Ansi16);
    let f5 = cablescope::keymap::Key::parse("f5").expect("f5");
    assert_eq!(
        a.keymap.lookup(cablescope::keymap::Context::Global, f5),
        Some(&Action::Quit)
    );
    let ctrl_j = cablescope::keymap::Key::parse("ctrl-j").expect("ctrl-j");
    assert_eq!(
        a.keymap.lookup(cablescope::keymap::Context::Global, ctrl_j),
        Some(&Action::ScrollDown),
        "context and key names in any case"
    );
    let problems = config_problems(&config);
    assert_eq!(
        problems,
        [
            "key (\"global\", \"x\", \"quiet\"): unknown action `quiet`; did you mean `quit`?",
            "key (\"globl\", \"y\", \"quit\"): unknown context `globl`; did you mean `global`?",
            "theme \"drak\" is not \"dark\" or \"light\"; using dark; did you mean `dark`?",
            "colors \"link\": unknown colour `Redd`; did you mean `red`?",
            "colors \"lnk\": unknown theme slot `lnk`; did you mean `link`?",
        ]
    );
}
