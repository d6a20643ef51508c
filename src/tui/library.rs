//! The library's event loop: the terminal, the background work, and the hand-over to the
//! reader and back.
//!
//! Two threads work for the library while it is on screen: one brings the corpus's index
//! up to date ([`crate::index::update`]), reporting progress and commits, and one counts
//! the annotations in the cables' sidecars. Their results arrive as [`LibAction`]s over a
//! channel, polled between key presses, so the screen never freezes. `Enter` runs the
//! reader ([`super::read_cable`]) on the chosen cable; its Back returns here, to the
//! library exactly as it was left.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};

use super::{Links, Notes, ReaderExit, TerminalGuard, configure, nested, read_cable};
use crate::action::{Action, Carried};
use crate::app::App;
use crate::config::Config;
use crate::index::{self, Catalog, IndexError};
use crate::library::study::{answers_for_reader, other_year, study_tasker};
use crate::library::{IndexProgress, LibAction, LibEffect, Library, keys};
use crate::ui::library::render_library;
use crate::ui::theme::ColorSupport;
use crate::ui::view::View;

/// How often the loop looks at the background threads' messages between keys.
const TICK: Duration = Duration::from_millis(100);

/// How often while no cable is listed yet (the first commit is awaited).
const FIRST_TICK: Duration = Duration::from_millis(5);

/// Least time between two progress redraws.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// Open the library of `root` until the user quits.
///
/// # Errors
/// Terminal I/O errors (the terminal is restored first).
pub fn run_library(root: &Path) -> io::Result<()> {
    let (config, error) = Config::load();
    let support = ColorSupport::from_env();
    let mut lib = Library::new(root);
    let (tx, rx) = mpsc::channel();
    match Catalog::open(root) {
        Ok(catalog) => {
            spawn_annotation_count(&catalog, tx.clone());
            lib.update(LibAction::CatalogOpened(Carried::new(catalog)));
        }
        Err(_) => {
            lib.update(LibAction::Report(
                "no index of this folder yet: building it".to_owned(),
            ));
        }
    }
    spawn_index_update(root, tx.clone());
    let mut guard = TerminalGuard::new()?;
    // The reader's view: its theme is the user's; a scratch app carries the config's
    // report to the library's status line.
    let mut scratch = App::from_text("", None, "");
    let mut view = configure(&mut scratch, &config, error.as_ref(), support);
    if let Some(m) = scratch.message.take() {
        lib.update(LibAction::Report(m));
    }
    let mut report = Vec::new();
    let mut last_progress = Instant::now();
    draw(&mut guard, &mut lib, &view)?;
    loop {
        let mut changed = false;
        let tick = if lib.total() == 0 { FIRST_TICK } else { TICK };
        if event::poll(tick)? {
            let action = match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => keys::resolve(lib.focus, key),
                Event::Resize(_, _) => {
                    changed = true;
                    None
                }
                _ => None,
            };
            if let Some(a) = action {
                changed |= lib.update(a);
            }
        }
        for message in rx.try_iter() {
            match message {
                Message::Lib(LibAction::Progress(p)) => {
                    lib.update(LibAction::Progress(p));
                    if last_progress.elapsed() >= PROGRESS_EVERY {
                        last_progress = Instant::now();
                        changed = true;
                    }
                }
                Message::Lib(a) => changed |= lib.update(a),
                Message::Committed => {
                    if lib.catalog().is_some() {
                        lib.update(LibAction::IndexCommitted);
                    } else if let Ok(catalog) = Catalog::open(root) {
                        spawn_annotation_count(&catalog, tx.clone());
                        lib.update(LibAction::CatalogOpened(Carried::new(catalog)));
                    }
                    changed = true;
                }
            }
        }
        match lib.take_effect() {
            Some(LibEffect::Open {
                path,
                range,
                paragraph,
                words,
            }) => {
                let read = read_for_library(&lib, &path, range.as_ref()).map(|src| Reading {
                    app: open_from_library(
                        src,
                        lib.catalog().map(Catalog::serials),
                        &words,
                        &mut scratch,
                        &config,
                        support,
                    ),
                    at: paragraph,
                    notes: None,
                });
                if read_in_library(&mut guard, &mut lib, &mut view, read, &mut report, &tx)? {
                    break;
                }
                changed = true;
            }
            Some(LibEffect::ReadAnswers { key, id }) => {
                draw(&mut guard, &mut lib, &view)?;
                let read = question_view(&lib, key, id.as_deref(), &mut scratch, &config, support);
                if read_in_library(&mut guard, &mut lib, &mut view, read, &mut report, &tx)? {
                    break;
                }
                changed = true;
            }
            Some(LibEffect::Study { path, id }) => {
                draw(&mut guard, &mut lib, &view)?;
                let studied = match lib.catalog() {
                    Some(c) => study_tasker(c, &path, &id),
                    None => Err("the index is not open yet".to_owned()),
                };
                match studied {
                    Ok(study) => lib.update(LibAction::Studied(Carried::new((study, None)))),
                    Err(e) => lib.update(LibAction::Report(e)),
                };
                changed = true;
            }
            Some(LibEffect::OtherYear { post }) => {
                draw(&mut guard, &mut lib, &view)?;
                let other = match (lib.catalog(), lib.tasker.as_ref()) {
                    (Some(c), Some(t)) => other_year(c, &t.study, &post),
                    _ => Err("no tasker view open".to_owned()),
                };
                lib.update(LibAction::OtherYearStudied(Carried::new((post, other))));
                changed = true;
            }
            Some(LibEffect::CountTags) => {
                draw(&mut guard, &mut lib, &view)?;
                let census = crate::corpus::tags::census(&corpus_places(&lib));
                lib.update(LibAction::TagsCounted(Carried::new(census)));
                changed = true;
            }
            Some(LibEffect::GatherTag(tag)) => {
                draw(&mut guard, &mut lib, &view)?;
                let report = crate::corpus::tags::gather_places(&corpus_places(&lib), &tag);
                lib.update(LibAction::TagGathered(Carried::new(report)));
                changed = true;
            }
            None => {}
        }
        if lib.should_quit() {
            break;
        }
        if changed {
            draw(&mut guard, &mut lib, &view)?;
        }
    }
    drop(guard);
    for line in report {
        eprintln!("cablescope: {line}");
    }
    Ok(())
}

/// A document to read from the library: the reader on it, where to open it, and where
/// its annotations go (`None`: its own sidecar).
struct Reading {
    app: App,
    at: Option<usize>,
    notes: Option<Notes>,
}

/// Read `read` in the reader until its Back (or a quit: returns `true`), then bring the
/// library up to date with what was done there; or say why it could not be opened.
fn read_in_library(
    guard: &mut TerminalGuard,
    lib: &mut Library,
    view: &mut View,
    read: Result<Reading, String>,
    report: &mut Vec<String>,
    tx: &Sender<Message>,
) -> io::Result<bool> {
    let read = match read {
        Ok(read) => read,
        Err(e) => {
            lib.update(LibAction::Report(e));
            return Ok(false);
        }
    };
    let links = match lib.catalog() {
        Some(c) => Links::Corpus(c),
        None => Links::Beside,
    };
    let (lines, exit) = read_cable(guard, read.app, view, &links, read.at, read.notes)?;
    report.extend(lines.iter().cloned());
    if let Some(last) = lines.last() {
        lib.update(LibAction::Report(last.clone()));
    }
    match exit {
        ReaderExit::Quit => return Ok(true),
        ReaderExit::Back => {}
        ReaderExit::EveryAnswer {
            path,
            id,
            paragraph,
            offset,
        } => every_answer(lib, &path, &id, paragraph, offset),
    }
    // Counts may have changed with the notes just taken.
    if let Some(c) = lib.catalog() {
        spawn_annotation_count(c, tx.clone());
    }
    refresh_tags(lib);
    Ok(false)
}

/// The question view of `key` of the open tasker view, rendered by the reader, at reply
/// `id`'s answer: every reply's answer compiled into one document, whose notes go to each
/// reply's sidecar.
fn question_view(
    lib: &Library,
    key: crate::tasker::Key,
    id: Option<&str>,
    scratch: &mut App,
    config: &Config,
    support: ColorSupport,
) -> Result<Reading, String> {
    let study = &lib.tasker.as_ref().ok_or("no tasker view open")?.study;
    let (compiled, routed, notices) = answers_for_reader(lib.catalog(), study, key);
    let at = id.and_then(|id| compiled.first_of(id));
    let mut app = App::new(crate::app::Document::compiled(compiled));
    app.keymap = scratch.keymap.clone();
    let _ = configure(&mut app, config, None, support);
    app.is_nested = true;
    let notes = Notes::attach_routed(&mut app, Box::new(routed), notices);
    Ok(Reading {
        app,
        at,
        notes: Some(notes),
    })
}

/// Open the question view of the answer at `paragraph`, `offset` of reply `id`.
fn every_answer(lib: &mut Library, path: &Path, id: &str, paragraph: usize, offset: usize) {
    let studied = match lib.catalog() {
        Some(c) => study_tasker(c, path, id),
        None => Err("the index is not open yet".to_owned()),
    };
    match studied {
        Ok(study) => {
            let key = study.answer_at(id, paragraph, offset).and_then(|a| a.key);
            let note = key.is_none().then(|| {
                format!(
                    "no question of {} is aligned here: its questionnaire",
                    study.responders.tasker
                )
            });
            lib.update(LibAction::Studied(Carried::new((study, key))));
            if let Some(n) = note {
                lib.update(LibAction::Report(n));
            }
        }
        Err(e) => {
            lib.update(LibAction::Report(e));
        }
    }
}

/// Read the tags again when the tag view is open (the reader may have tagged or untagged
/// passages): its tag list, and the passages of the tag shown.
fn refresh_tags(lib: &mut Library) {
    let Some(view) = &lib.tags else {
        return;
    };
    let shown = view.passages.as_ref().map(|p| p.report.tag.clone());
    let places = corpus_places(lib);
    lib.update(LibAction::TagsCounted(Carried::new(
        crate::corpus::tags::census(&places),
    )));
    if let Some(tag) = shown {
        let report = crate::corpus::tags::gather_places(&places, &tag);
        lib.update(LibAction::TagGathered(Carried::new(report)));
    }
}

/// Where the cables of the library's index are (none before it is open): each file of a
/// folder, each cable of a file of many.
fn corpus_places(lib: &Library) -> Vec<crate::split::Place> {
    lib.catalog().map_or_else(Vec::new, |c| {
        c.entries().iter().map(crate::index::Entry::place).collect()
    })
}

/// Draw the library and tell it how many list rows fitted.
fn draw(guard: &mut TerminalGuard, lib: &mut Library, view: &View) -> io::Result<()> {
    let mut rows = 0;
    guard
        .terminal
        .draw(|f| rows = render_library(lib, &view.theme, f))?;
    if lib.update(LibAction::Resize(rows)) {
        guard
            .terminal
            .draw(|f| rows = render_library(lib, &view.theme, f))?;
    }
    Ok(())
}

/// The cable at `path` (its `range` when the file holds many), read.
fn read_for_library(
    lib: &Library,
    path: &Path,
    range: Option<&std::ops::Range<u64>>,
) -> Result<crate::source::Source, String> {
    if range.is_none() {
        return crate::source::read(path).map_err(|e| e.to_string());
    }
    lib.catalog()
        .and_then(|c| {
            c.entries()
                .iter()
                .find(|e| e.path == path && e.range.as_ref() == range)
        })
        .ok_or_else(|| "the index is not open yet".to_owned())?
        .read()
}

/// The reader on the cable read into `src`, the query's `words` highlighted, nested (its
/// Back at the start returns to the library).
fn open_from_library(
    src: crate::source::Source,
    serials: Option<&crate::corpus::Serials>,
    words: &[String],
    scratch: &mut App,
    config: &Config,
    support: ColorSupport,
) -> App {
    let mut app = nested(src, scratch, serials);
    let _ = configure(&mut app, config, None, support);
    app.is_nested = true;
    if !words.is_empty() {
        app.update(Action::Highlight(words.to_vec()));
    }
    app
}

/// What the background threads send.
enum Message {
    /// An action for the library.
    Lib(LibAction),
    /// The index made a commit: reopen or reload it.
    Committed,
}

/// Bring the index of `root` up to date in a thread, sending progress, commits and the
/// outcome (a panic's too).
fn spawn_index_update(root: &Path, tx: Sender<Message>) {
    let root = root.to_owned();
    let done = tx.clone();
    let debug_panic =
        cfg!(debug_assertions) && std::env::var(super::DEBUG_PANIC_ENV).is_ok_and(|v| v == "index");
    super::background::spawn(
        move || {
            assert!(
                !debug_panic,
                "{} is index: panicking as asked",
                super::DEBUG_PANIC_ENV
            );
            update_index(&root, tx)
        },
        move |outcome| {
            let message = outcome.unwrap_or_else(|e| Some(format!("indexing stopped: {e}")));
            let _ = done.send(Message::Committed);
            let _ = done.send(Message::Lib(LibAction::IndexDone(message)));
        },
    );
}

/// Bring the index of `root` up to date, sending progress and commits; what to say of
/// the outcome, when there is something to say.
fn update_index(root: &Path, tx: Sender<Message>) -> Option<String> {
    let started = Instant::now();
    let sender = std::sync::Mutex::new(tx);
    let progress = |done: usize, total: usize, bytes: u64| {
        let Ok(tx) = sender.lock() else { return };
        let _ = tx.send(Message::Lib(LibAction::Progress(IndexProgress {
            done,
            total,
            bytes,
            elapsed: started.elapsed().as_secs_f64(),
        })));
    };
    // Go on while the library is there to show it.
    let committed = || {
        sender
            .lock()
            .is_ok_and(|tx| tx.send(Message::Committed).is_ok())
    };
    match index::update_with(root, &progress, &committed) {
        Ok(u) => {
            let mut parts = Vec::new();
            if let Some(why) = u.rebuilt {
                parts.push(why);
            }
            if u.indexed > 0 || u.removed > 0 {
                parts.push(format!("{} indexed, {} removed", u.indexed, u.removed));
            }
            if !u.unreadable.is_empty() {
                parts.push(format!(
                    "{} files could not be read (cablescope check lists them)",
                    u.unreadable.len()
                ));
            }
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Err(IndexError::Busy(_)) => {
            Some("another cablescope is updating this index: showing its last commit".to_owned())
        }
        Err(e) => Some(e.to_string()),
    }
}

/// Count the annotations of every cable of `catalog` in a thread (sidecars that cannot
/// be read count nothing here; the reader reports them when the cable is opened).
fn spawn_annotation_count(catalog: &Catalog, tx: Sender<Message>) {
    let paths: Vec<PathBuf> = catalog
        .entries()
        .iter()
        .map(|e| e.cable_path().into_owned())
        .collect();
    super::background::spawn(
        move || annotation_counts(&paths),
        move |counted| {
            let _ = tx.send(Message::Lib(match counted {
                Ok(counts) => LibAction::Annotations(Carried::new(counts)),
                Err(e) => LibAction::Report(format!("annotations were not counted: {e}")),
            }));
        },
    );
}

/// Annotations per cable file, for those that have a sidecar.
#[must_use]
pub fn annotation_counts(paths: &[PathBuf]) -> HashMap<PathBuf, usize> {
    let mut counts = HashMap::new();
    for p in paths {
        let sidecar = crate::store::sidecar_path(p);
        let Ok(text) = std::fs::read_to_string(&sidecar) else {
            continue;
        };
        if let Ok(decoded) = crate::store::format::decode_general(&text) {
            let n = decoded.set.len();
            if n > 0 {
                counts.insert(p.clone(), n);
            }
        }
    }
    counts
}
