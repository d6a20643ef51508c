//! The terminal and the event loop: the only place that reads events, draws and touches
//! files while the reader runs.
//!
//! [`TerminalGuard`] puts the terminal in raw mode on the alternate screen with mouse
//! capture, and restores it when dropped; a panic hook installed after any other hook
//! restores it first, so a panic message lands on a sane screen. The loop turns each
//! event into an [`Action`] (key presses only, via the pure keymap), applies it, carries
//! out the app's [`Effect`]s, and redraws only when something changed.

use std::io::{self, Stdout};
use std::path::Path;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::action::Action;
use crate::app::{Anchor, App, Document, Effect};
use crate::config::{Config, ConfigError};
use crate::keymap::{self, Keymap};
use crate::parse;
use crate::position::{PositionStore, SavedPosition};
use crate::source;
use crate::ui;
use crate::ui::theme::{ColorSupport, TagColors, Theme};

/// Narrowest and widest side pane a config may ask for (the `+`/`-` keys keep the same
/// bounds).
const MIN_PANE_WIDTH: u16 = 16;
const MAX_PANE_WIDTH: u16 = 100;

/// Hidden, debug builds only: when set, the loop panics on the first key (tests use it to
/// check that a panic restores the terminal).
pub const DEBUG_PANIC_ENV: &str = "CABLESCOPE_DEBUG_PANIC";

/// Owns the terminal's raw/alternate-screen state; restores it on drop.
pub struct TerminalGuard {
    /// The ratatui terminal.
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

/// Put the terminal back: leave the alternate screen, stop mouse capture, cooked mode.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

impl TerminalGuard {
    /// Enter raw mode and the alternate screen, and install the restoring panic hook.
    ///
    /// # Errors
    /// When the terminal cannot be set up (it is restored before returning).
    pub fn new() -> io::Result<Self> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        let setup = || -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
            enable_raw_mode()?;
            // Clear with crossterm: `Terminal::clear` asks the terminal for the cursor
            // position, which needs an answer a pty test harness does not give.
            execute!(
                io::stdout(),
                EnterAlternateScreen,
                EnableMouseCapture,
                crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
            )?;
            Terminal::new(CrosstermBackend::new(io::stdout()))
        };
        match setup() {
            Ok(terminal) => Ok(Self { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn position_key(app: &App) -> String {
    PositionStore::key(app.doc.path.as_deref(), &app.doc.name)
}

fn save_position(store: Option<&PositionStore>, app: &App) {
    if let Some(store) = store {
        let top = app.reader.top;
        // Failing to remember the place must never stop the reader.
        let _ = store.save(
            &position_key(app),
            SavedPosition {
                unit: top.unit,
                line: top.line,
            },
        );
    }
}

fn restore_saved(store: Option<&PositionStore>, app: &mut App) {
    if let Some(saved) = store.and_then(|s| s.load(&position_key(app))) {
        app.restore_position(Anchor {
            unit: saved.unit,
            line: saved.line,
        });
    }
}

/// Open `path` as a nested app (a REF's cable), or say why not. It inherits the parent's
/// keys, colours and pane widths.
fn open_nested(path: &Path, parent: &App) -> Result<App, String> {
    if !path.is_file() {
        return Err(format!("no file {} beside this cable", path.display()));
    }
    let src = source::read(path).map_err(|e| e.to_string())?;
    let parsed = parse::parse(&src.text);
    let mut app = App::new(Document::new(src.name, src.path, parsed.cable, src.text));
    app.keymap = parent.keymap.clone();
    app.theme = parent.theme;
    app.tags = parent.tags.clone();
    app.panes.tree_width = parent.panes.tree_width;
    app.panes.sidebar_width = parent.panes.sidebar_width;
    app.is_nested = true;
    Ok(app)
}

/// Everything wrong with a configuration that still parsed: key rows, colour overrides
/// and tag colours that name unknown things (each is skipped; the rest applies).
#[must_use]
pub fn config_problems(config: &Config) -> Vec<String> {
    let support = ColorSupport::Ansi16;
    let mut problems = Keymap::from_config(config).1;
    problems.extend(Theme::from_config(config, support).1);
    problems.extend(TagColors::from_config(config, support).1);
    problems
}

/// Set up `app` from a configuration: keymap, theme (for what the terminal supports),
/// tag colours and initial pane widths. A file that did not load (`error`) and skipped
/// entries are reported in the status bar; the reader always starts.
pub fn configure(
    app: &mut App,
    config: &Config,
    error: Option<&ConfigError>,
    support: ColorSupport,
) {
    let (keymap, mut problems) = Keymap::from_config(config);
    let (theme, theme_problems) = Theme::from_config(config, support);
    let (tags, tag_problems) = TagColors::from_config(config, support);
    problems.extend(theme_problems);
    problems.extend(tag_problems);
    // An empty keymap (every key unbound) would leave no way out: keep the defaults.
    app.keymap = if keymap.bindings.iter().any(|b| b.action == Action::Quit) {
        keymap
    } else {
        problems.push("no key is bound to quit; using the default keys".to_owned());
        Keymap::default()
    };
    app.theme = theme;
    app.tags = tags;
    app.panes.tree_width = config.tree_width.clamp(MIN_PANE_WIDTH, MAX_PANE_WIDTH);
    app.panes.sidebar_width = config.sidebar_width.clamp(MIN_PANE_WIDTH, MAX_PANE_WIDTH);
    let mut parts = Vec::new();
    if let Some(e) = error {
        // The file name only: the status bar is one line, and `cablescope config` prints
        // the full path.
        let short = ConfigError {
            path: e
                .path
                .file_name()
                .map_or_else(|| e.path.clone(), Into::into),
            ..e.clone()
        };
        parts.push(format!("config not used (defaults apply): {short}"));
    }
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" (+{} more: run `cablescope config`)", n - 1),
        };
        parts.push(format!("config: {first}{more}"));
    }
    if !parts.is_empty() {
        app.set_message(parts.join(" — "));
    }
}

/// Run the reader on `app` until the user quits, with the user's configuration
/// ([`Config::load`]) applied.
///
/// # Errors
/// Terminal I/O errors (the terminal is restored first).
pub fn run(mut app: App) -> io::Result<()> {
    let store = PositionStore::from_env();
    let (config, error) = Config::load();
    configure(&mut app, &config, error.as_ref(), ColorSupport::from_env());
    restore_saved(store.as_ref(), &mut app);
    let mut guard = TerminalGuard::new()?;
    let mut stack: Vec<App> = Vec::new();
    let debug_panic = cfg!(debug_assertions) && std::env::var_os(DEBUG_PANIC_ENV).is_some();
    guard.terminal.draw(|f| ui::render(&mut app, f))?;
    loop {
        let actions: Vec<Action> = match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                assert!(!debug_panic, "{DEBUG_PANIC_ENV} is set: panicking as asked");
                keymap::resolve(&app.keymap, app.focus, app.mode, key)
                    .into_iter()
                    .collect()
            }
            Event::Mouse(m) => keymap::resolve_mouse(m).into_iter().collect(),
            Event::Resize(_, _) => vec![Action::Resize],
            _ => Vec::new(),
        };
        let mut changed = false;
        for action in actions {
            changed |= app.update(action);
        }
        match app.take_effect() {
            Some(Effect::OpenCable(path)) => match open_nested(&path, &app) {
                Ok(mut next) => {
                    save_position(store.as_ref(), &app);
                    restore_saved(store.as_ref(), &mut next);
                    stack.push(std::mem::replace(&mut app, next));
                    changed = true;
                }
                Err(msg) => {
                    let shown = app.message.take().unwrap_or_default();
                    app.set_message(format!("{shown} — {msg}"));
                    changed = true;
                }
            },
            Some(Effect::CloseCable) => {
                if let Some(previous) = stack.pop() {
                    save_position(store.as_ref(), &app);
                    app = previous;
                    changed = true;
                }
            }
            None => {}
        }
        if app.should_quit() {
            break;
        }
        if changed {
            guard.terminal.draw(|f| ui::render(&mut app, f))?;
        }
    }
    save_position(store.as_ref(), &app);
    for nested in &stack {
        save_position(store.as_ref(), nested);
    }
    drop(guard);
    Ok(())
}
