//! The terminal and the event loop: the only place that reads events, draws and touches
//! files while the reader runs.
//!
//! [`TerminalGuard`] puts the terminal in raw mode on the alternate screen with mouse
//! capture, and restores it when dropped; a panic hook installed after any other hook
//! restores it first, so a panic message lands on a sane screen. The loop turns each
//! event into an [`Action`] (key presses only, via the pure keymap), applies it, carries
//! out the app's [`Effect`]s, and redraws only when something changed.

mod background;
mod borrowed;
mod library;
mod notes;

pub use library::{annotation_counts, run_library};
pub use notes::{Notes, attach_annotations, save_annotations, write_recovery};

use std::io::{self, Stdout};
use std::path::{Path, PathBuf};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::action::{Action, Carried};
use crate::app::{App, Document, Effect};
use crate::config::{Config, ConfigError};
use crate::corpus::Serials;
use crate::keymap::{self, Keymap};
use crate::position::{PositionStore, SavedPosition};
use crate::source;
use crate::store;
use crate::ui;
use crate::ui::theme::{ColorSupport, TagColors, Theme};
use crate::ui::view::View;

/// Narrowest and widest side pane a config may ask for (the `+`/`-` keys keep the same
/// bounds).
const MIN_PANE_WIDTH: u16 = 16;
const MAX_PANE_WIDTH: u16 = 100;

/// How often the reader looks for background results (a corpus glossary) between events.
const INBOX_TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// Hidden, debug builds only: when set, the loop panics on the first key, or (when the
/// value is one character other than `1`) on that key (tests use it to check that a
/// panic restores the terminal and keeps unsaved annotations); `index`: the library's
/// background index update panics instead, and the screen goes on.
pub const DEBUG_PANIC_ENV: &str = "CABLESCOPE_DEBUG_PANIC";

/// Hidden, debug builds only: when set, every annotation save fails as on a full disk.
pub const DEBUG_SAVE_FAIL_ENV: &str = "CABLESCOPE_DEBUG_SAVE_FAIL";

/// Owns the terminal's raw/alternate-screen state; restores it on drop.
pub struct TerminalGuard {
    /// The ratatui terminal.
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

/// Put the terminal back: leave the alternate screen, stop mouse capture and the key
/// disambiguation, cooked mode.
pub fn restore() {
    let _ = disable_raw_mode();
    // Terminals without the keyboard protocol ignore this (as they ignored the push).
    let _ = execute!(io::stdout(), event::PopKeyboardEnhancementFlags);
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
        background::mark_screen_thread();
        std::panic::set_hook(Box::new(move |info| {
            // A background thread's panic is reported on the screen, which goes on.
            if !background::on_screen_thread() {
                background::keep(info);
                return;
            }
            restore();
            previous(info);
            notes::recover_on_panic();
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
            // Where the terminal speaks the keyboard protocol (kitty, foot, WezTerm…),
            // Ctrl-i is then told from Tab (history forward). Others ignore the request;
            // it is not queried, so nothing waits for an answer.
            let _ = execute!(
                io::stdout(),
                event::PushKeyboardEnhancementFlags(
                    event::KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES
                )
            );
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
        app.update(Action::RestorePosition {
            unit: saved.unit,
            line: saved.line,
        });
    }
}

/// The cable a link of `app` opens on top of it (`OpenRef`, `OpenReply`), or why it
/// cannot be opened; and the place to open it at, when the link names one.
fn open_on_top(
    links: &Links<'_>,
    app: &App,
    effect: Effect,
) -> (Result<App, Action>, Option<(usize, usize)>) {
    match effect {
        Effect::OpenReply {
            path,
            id,
            paragraph,
            offset,
        } => {
            // The reply by its id in the corpus (a cable of a file of many is read from
            // its range), else its own file.
            let read = links
                .find(&id, None)
                .unwrap_or_else(|| source::read(&path).map_err(|e| e.to_string()));
            let opened = read
                .map(|s| nested(s, app, links.serials()))
                .map_err(Action::Report);
            (opened, Some((paragraph, offset)))
        }
        Effect::OpenRef(id) => {
            let opened = match links.find(&id, app.doc.path.as_deref()) {
                Some(read) => read
                    .map(|s| nested(s, app, links.serials()))
                    .map_err(Action::Report),
                None => Err(match links.citing(&id) {
                    Some(citing) => Action::MissingCable(Carried::new((id, citing))),
                    None => Action::Report(format!("{id} is not beside this cable")),
                }),
            };
            (opened, None)
        }
        other => (
            Err(Action::Report(format!("{other:?} opens no cable"))),
            None,
        ),
    }
}

/// The cable read into `src` as a nested app (a REF's cable, one the library opens). It
/// inherits the parent's keys and pane widths (the colours are the view's, shared by
/// every cable). In a corpus, its REFs written without a year take the year the corpus's
/// `serials` prove ([`crate::corpus::place_refs`]).
fn nested(src: source::Source, parent: &App, serials: Option<&Serials>) -> App {
    let mut parsed = src.parse();
    if let Some(serials) = serials {
        crate::corpus::place_refs(&mut parsed.cable, serials);
    }
    let mut app = App::new(Document::new(src.name, src.path, parsed.cable, src.text));
    app.keymap = parent.keymap.clone();
    app.panes.tree_width = parent.panes.tree_width;
    app.panes.sidebar_width = parent.panes.sidebar_width;
    app.is_nested = true;
    app
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

/// Set up `app` from a configuration (keymap, initial pane widths) and return the view
/// that draws it (theme for what the terminal supports, tag colours). A file that did
/// not load (`error`) and skipped entries are reported in the status bar; the reader
/// always starts.
pub fn configure(
    app: &mut App,
    config: &Config,
    error: Option<&ConfigError>,
    support: ColorSupport,
) -> View {
    let (keymap, mut problems) = Keymap::from_config(config);
    let (theme, theme_problems) = Theme::from_config(config, support);
    let (tags, tag_problems) = TagColors::from_config(config, support);
    problems.extend(theme_problems);
    problems.extend(tag_problems);
    // An empty keymap (every key unbound) would leave no way out: keep the defaults.
    app.keymap = if keymap
        .bindings
        .iter()
        .any(|b| b.action == Action::Quit && b.context == crate::keymap::Context::Global)
    {
        keymap
    } else {
        problems.push("no key is bound to quit; using the default keys".to_owned());
        Keymap::default()
    };
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
        app.update(Action::Report(parts.join(" — ")));
    }
    View::new(theme, tags)
}

/// Draw, tell the app what the draw learnt (panes that fitted, the reading pane's size),
/// and draw again when that changed what is shown (a new width rewraps the text).
fn draw(guard: &mut TerminalGuard, app: &mut App, view: &mut View) -> io::Result<()> {
    for _ in 0..2 {
        guard.terminal.draw(|f| ui::render(app, view, f))?;
        let mut changed = false;
        for action in view.feedback(app) {
            changed |= app.update(action);
        }
        if !changed {
            break;
        }
    }
    Ok(())
}

/// Run the reader on `app` until the user quits, with the user's configuration
/// ([`Config::load`]) applied.
///
/// # Errors
/// Terminal I/O errors (the terminal is restored first).
pub fn run(mut app: App) -> io::Result<()> {
    let (config, error) = Config::load();
    let mut view = configure(&mut app, &config, error.as_ref(), ColorSupport::from_env());
    let mut guard = TerminalGuard::new()?;
    let (report, _) = read_cable(&mut guard, app, &mut view, &Links::Beside, None, None)?;
    drop(guard);
    for line in report {
        eprintln!("cablescope: {line}");
    }
    Ok(())
}

/// Where a REF's cable is looked for.
pub enum Links<'a> {
    /// Beside the open cable only (`ID.txt`, `ID.html`).
    Beside,
    /// In a corpus's index first, then beside the open cable.
    Corpus(&'a crate::index::Catalog),
}

impl Links<'_> {
    /// The corpus's serials, which place the REFs a cable opened from it wrote without a
    /// year (none outside a corpus).
    fn serials(&self) -> Option<&Serials> {
        match self {
            Self::Corpus(catalog) => Some(catalog.serials()),
            Self::Beside => None,
        }
    }

    /// The corpus's cables whose REF names `id` (none outside a corpus), by date.
    fn citing(&self, id: &str) -> Option<Vec<crate::index::Citer>> {
        let Self::Corpus(catalog) = self else {
            return None;
        };
        let entries = catalog.entries();
        let mut citing: Vec<crate::index::Citer> = crate::library::study::citers(catalog, id)
            .into_iter()
            .filter_map(|(e, placed)| {
                let entry = entries.get(e)?.clone();
                Some(crate::index::Citer { entry, placed })
            })
            .collect();
        citing.sort_by(|a, b| {
            a.entry
                .date
                .cmp(&b.entry.date)
                .then_with(|| a.entry.id.cmp(&b.entry.id))
        });
        Some(citing)
    }

    /// Tell `app` who in the corpus cites its cable.
    fn tell_cited_by(&self, app: &mut App) {
        if let Some(id) = app.doc.cable.id.clone()
            && let Some(citing) = self.citing(&id)
        {
            app.update(Action::CitedBy(Carried::new(citing)));
        }
    }

    /// Cable `id` seen from `from`, read, if there is one: the corpus's (a file, or a
    /// range of a file of many), else a file beside `from`.
    fn find(&self, id: &str, from: Option<&Path>) -> Option<Result<source::Source, String>> {
        if let Self::Corpus(catalog) = self {
            let canonical = crate::parse::canonical_id(id).unwrap_or_else(|| id.to_owned());
            if let Some(e) = catalog.entries().iter().find(|e| e.id == canonical) {
                return Some(e.read());
            }
        }
        let from = from?;
        ["txt", "html"]
            .iter()
            .map(|ext| from.with_file_name(format!("{id}.{ext}")))
            .find(|p| p.is_file())
            .map(|p| source::read(&p).map_err(|e| e.to_string()))
    }
}

/// How a reading session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderExit {
    /// The user quit cablescope.
    Quit,
    /// Back from the first cable (it was opened from the library).
    Back,
    /// The question view of the answer at this paragraph and offset of this cable.
    EveryAnswer {
        /// The cable's file.
        path: PathBuf,
        /// Its id.
        id: String,
        /// The paragraph.
        paragraph: usize,
        /// The byte offset in it.
        offset: usize,
    },
}

/// Read `app` (and the cables its links open on top of it) until the user quits, or goes
/// Back from `app` itself when it is nested. It opens at paragraph `at` when given, else
/// where the user last left it. In a corpus, each cable opened gets the definitions of the
/// cables that can explain its acronyms, read in the background ([`borrowed`]) and
/// applied when they arrive. Annotations are saved as they change and on the way out;
/// returns what the user should be told afterwards, and how it ended.
///
/// # Errors
/// Terminal I/O errors.
pub fn read_cable(
    guard: &mut TerminalGuard,
    mut app: App,
    view: &mut View,
    links: &Links<'_>,
    at: Option<usize>,
    notes: Option<Notes>,
) -> io::Result<(Vec<String>, ReaderExit)> {
    let store = PositionStore::from_env();
    match at {
        Some(i) => {
            app.update(Action::RestorePosition {
                unit: Document::unit_of(i),
                line: 0,
            });
        }
        None => restore_saved(store.as_ref(), &mut app),
    }
    let mut notes = notes.unwrap_or_else(|| Notes::attach(&mut app));
    links.tell_cited_by(&mut app);
    let mut borrowed = borrowed::Borrowed::new();
    borrowed.start(links, &app);
    let mut stack: Vec<(App, Notes)> = Vec::new();
    let debug = cfg!(debug_assertions);
    let debug_panic = std::env::var(DEBUG_PANIC_ENV).ok().filter(|_| debug);
    let fail_saves = debug && std::env::var_os(DEBUG_SAVE_FAIL_ENV).is_some();
    let mut last_attempt = app.ann.set.revision();
    let mut exit = ReaderExit::Quit;
    draw(guard, &mut app, view)?;
    loop {
        // Background results (corpus glossaries) arrive between keys, each for the cable
        // of its file, shown or not; with none to come the loop waits for the next event.
        if borrowed.waiting() {
            let mut changed = false;
            for (path, action) in borrowed.arrived() {
                for (parent, _) in &mut stack {
                    if parent.doc.path.as_ref() == Some(&path) {
                        parent.update(action.clone());
                    }
                }
                if app.doc.path.as_ref() == Some(&path) {
                    changed |= app.update(action);
                }
            }
            if changed {
                draw(guard, &mut app, view)?;
            }
            if !event::poll(INBOX_TICK)? {
                continue;
            }
        }
        let actions: Vec<Action> = match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                if let Some(trigger) = &debug_panic {
                    let on_this = match key.code {
                        crossterm::event::KeyCode::Char(c) => trigger == &c.to_string(),
                        _ => false,
                    };
                    assert!(
                        !(trigger == "1" || on_this),
                        "{DEBUG_PANIC_ENV} is set: panicking as asked"
                    );
                }
                keymap::resolve(&app.keymap, app.focus, app.mode, key)
                    .into_iter()
                    .collect()
            }
            Event::Mouse(m) => view.mouse(&app, m).into_iter().collect(),
            Event::Resize(_, _) => vec![Action::Resize],
            _ => Vec::new(),
        };
        let mut changed = false;
        for action in actions {
            changed |= app.update(action);
        }
        let tags = app.take_tags_to_remember();
        // Recent tags are a convenience: failing to write them never stops the reader.
        if !tags.is_empty() && store::remember_tags(&tags).is_ok() {
            app.update(Action::RecentTags(Carried::new(store::recent_tags())));
        }
        let revision = app.ann.set.revision();
        if app.ann.unsaved()
            && (revision != last_attempt || app.ann.quit_pending || app.should_quit())
        {
            last_attempt = revision;
            notes.save(&mut app, fail_saves);
            changed = true;
            if app.ann.quit_pending && !app.ann.unsaved() {
                break;
            }
        }
        match app.take_effect() {
            Some(effect @ (Effect::OpenRef(_) | Effect::OpenReply { .. })) => {
                let (opened, place) = open_on_top(links, &app, effect);
                match opened {
                    Ok(mut next) => {
                        save_position(store.as_ref(), &app);
                        match place {
                            Some((paragraph, offset)) => {
                                next.update(Action::ShowPlace { paragraph, offset });
                            }
                            None => restore_saved(store.as_ref(), &mut next),
                        }
                        let next_notes = Notes::attach(&mut next);
                        links.tell_cited_by(&mut next);
                        borrowed.start(links, &next);
                        let parent = std::mem::replace(&mut app, next);
                        stack.push((parent, std::mem::replace(&mut notes, next_notes)));
                        last_attempt = app.ann.set.revision();
                    }
                    Err(why) => {
                        app.update(why);
                    }
                }
                changed = true;
            }
            Some(Effect::EveryAnswer { paragraph, offset }) => {
                match (links, &app.doc.path, &app.doc.cable.id) {
                    (Links::Corpus(_), Some(path), Some(id)) => {
                        exit = ReaderExit::EveryAnswer {
                            path: path.clone(),
                            id: id.clone(),
                            paragraph,
                            offset,
                        };
                        break;
                    }
                    _ => {
                        app.update(Action::Report(
                            "answers side by side need the folder of replies: cablescope DIR"
                                .to_owned(),
                        ));
                    }
                }
                changed = true;
            }
            Some(Effect::CloseCable) => {
                if let Some((previous, previous_notes)) = stack.pop() {
                    save_position(store.as_ref(), &app);
                    let lines = notes.final_save(&mut app, fail_saves);
                    app = previous;
                    notes = previous_notes.refresh(&mut app);
                    last_attempt = app.ann.set.revision();
                    for l in lines {
                        app.update(Action::Report(l));
                    }
                    changed = true;
                } else {
                    exit = ReaderExit::Back;
                    break;
                }
            }
            None => {}
        }
        if app.should_quit() {
            break;
        }
        if changed {
            draw(guard, &mut app, view)?;
        }
    }
    save_position(store.as_ref(), &app);
    let mut report = notes.final_save(&mut app, fail_saves);
    for (nested, mut nested_notes) in stack {
        let mut nested = nested;
        save_position(store.as_ref(), &nested);
        report.extend(nested_notes.final_save(&mut nested, fail_saves));
    }
    Ok((report, exit))
}
