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
use crate::keymap;
use crate::parse;
use crate::position::{PositionStore, SavedPosition};
use crate::source;
use crate::ui;

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

/// Open `path` as a nested app (a REF's cable), or say why not.
fn open_nested(path: &Path, theme: ui::theme::Theme) -> Result<App, String> {
    if !path.is_file() {
        return Err(format!("no file {} beside this cable", path.display()));
    }
    let src = source::read(path).map_err(|e| e.to_string())?;
    let parsed = parse::parse(&src.text);
    let mut app = App::new(Document::new(src.name, src.path, parsed.cable, src.text));
    app.theme = theme;
    app.is_nested = true;
    Ok(app)
}

/// Run the reader on `app` until the user quits.
///
/// # Errors
/// Terminal I/O errors (the terminal is restored first).
pub fn run(mut app: App) -> io::Result<()> {
    let store = PositionStore::from_env();
    app.theme = ui::theme::Theme::from_env();
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
            Some(Effect::OpenCable(path)) => match open_nested(&path, app.theme) {
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
