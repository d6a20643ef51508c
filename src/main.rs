//! The `cablescope` binary: parse the command line, run one command, map failures to a
//! one-line message on stderr and an exit status (0 ok, 1 `check` found warnings (or, in
//! a folder, files it could not read) or `config` found entries it skips, 2 error).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cablescope::app::{App, Document};
use cablescope::cli::{Cli, Command, NotesFormat};
use cablescope::source::Source;
use cablescope::store::{Notice, Store};
use cablescope::{check, commands, export, glossary, loading, parse, tui};

/// mimalloc: parsing a large file makes hundreds of thousands of small allocations, and
/// with it the parse of ~100 MB runs about a tenth faster and is freed five times
/// faster than with the system allocator (see `cargo bench --bench parse` against
/// `--bench parse_system_alloc`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader of our output went away (`cablescope dump big.txt | head -1`): that
        // is not an error, and there is no one to tell, so end quietly, as ripgrep does.
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message) | Failure::Busy(message)) => {
            eprintln!("cablescope: {message}");
            ExitCode::from(2)
        }
    }
}

/// Why a command failed.
enum Failure {
    /// The output pipe was closed by its reader.
    BrokenPipe,
    /// Another process is writing the search index (a failure for `index`; `search` reads
    /// the last commit instead), as the one line to print.
    Busy(String),
    /// Anything else, as the one line to print.
    Message(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Self::Message(message)
    }
}

/// A failure to write the output.
fn write_failure(e: &std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::BrokenPipe
    } else {
        Failure::Message(format!("writing output: {e}"))
    }
}

/// Read and parse the file (or the embedded cable). A large file shows a progress line
/// on stderr while it loads, when stderr is a terminal.
fn open(file: Option<&std::path::Path>) -> Result<(Source, parse::Parsed), String> {
    let (source, parsed) = match file {
        Some(path) => {
            loading::open_with_progress(path, progress_threshold(), Box::new(std::io::stderr()))
                .map_err(|e| e.to_string())?
        }
        None => {
            let source = Source::open(file).map_err(|e| e.to_string())?;
            let parsed = source.parse();
            (source, parsed)
        }
    };
    for w in &source.warnings {
        eprintln!("cablescope: warning: {w}");
    }
    Ok((source, parsed))
}

/// Read, parse and index a cable for the reader, with the progress line for large files
/// (the reader's indexes are built on the loading thread too).
fn open_app(file: Option<&std::path::Path>) -> Result<App, String> {
    let build = |source: Source, parsed: parse::Parsed| {
        let warnings = source.warnings;
        let doc = Document::new(source.name, source.path, parsed.cable, source.text);
        (App::new(doc), warnings)
    };
    let (app, warnings) = match file {
        Some(path) => loading::open_and_build(
            path,
            progress_threshold(),
            Box::new(std::io::stderr()),
            build,
        )
        .map_err(|e| e.to_string())?,
        None => {
            let source = Source::embedded();
            let parsed = source.parse();
            build(source, parsed)
        }
    };
    for w in &warnings {
        eprintln!("cablescope: warning: {w}");
    }
    Ok(app)
}

/// [`loading::PROGRESS_THRESHOLD`], or never when stderr is not a terminal.
fn progress_threshold() -> u64 {
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        loading::PROGRESS_THRESHOLD
    } else {
        u64::MAX
    }
}

/// `cablescope config`: where the file is and whether it parses.
fn config_status(out: &mut dyn Write) -> std::io::Result<ExitCode> {
    use cablescope::config::{Config, FILE_NAME};
    let Some(dir) = cablescope::paths::config_dir() else {
        writeln!(out, "no config folder on this system; using the defaults")?;
        return Ok(ExitCode::SUCCESS);
    };
    let path = dir.join(FILE_NAME);
    let (config, error) = Config::load_from(&path);
    let problems = cablescope::tui::config_problems(&config);
    Ok(match error {
        Some(e) => {
            writeln!(out, "{e}")?;
            writeln!(out, "the defaults are used until this is fixed")?;
            ExitCode::from(2)
        }
        None if !problems.is_empty() => {
            for p in &problems {
                writeln!(out, "{}: {p}", path.display())?;
            }
            writeln!(
                out,
                "these entries are skipped; the rest of the file is used"
            )?;
            ExitCode::from(1)
        }
        None if path.exists() => {
            writeln!(out, "{}: ok", path.display())?;
            ExitCode::SUCCESS
        }
        None => {
            writeln!(out, "{}: not present; using the defaults", path.display())?;
            ExitCode::SUCCESS
        }
    })
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| write_failure(&e);
    let code = match cli.command {
        None | Some(Command::Open { .. }) => {
            let file = match cli.command {
                Some(Command::Open { file }) => file,
                _ => cli.file,
            };
            // A folder, or a file that holds many cables (a CSV dump, a concatenation).
            let library = file
                .as_deref()
                .filter(|p| p.is_dir() || (p.is_file() && cablescope::split::holds_many(p)));
            if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                if library.is_some() {
                    return Err(Failure::Message(
                        "the library needs a terminal; use `cablescope search` to print".to_owned(),
                    ));
                }
                // A file that cannot be read is the more useful message.
                Source::open(file.as_deref()).map_err(|e| e.to_string())?;
                return Err(Failure::Message(
                    "the reader needs a terminal; use `cablescope text` or `dump` to print"
                        .to_owned(),
                ));
            }
            if let Some(dir) = library {
                // A folder without a cable is refused here, before the screen changes.
                if dir.is_dir() {
                    cable_files(dir)?;
                }
                tui::run_library(dir).map_err(|e| format!("terminal: {e}"))?;
                return Ok(ExitCode::SUCCESS);
            }
            let app = open_app(file.as_deref())?;
            tui::run(app).map_err(|e| format!("terminal: {e}"))?;
            ExitCode::SUCCESS
        }
        Some(Command::Dump { file, json }) => {
            let (source, parsed) = open(file.as_deref())?;
            commands::dump(&source, &parsed, json, &mut out).map_err(io)?;
            ExitCode::SUCCESS
        }
        Some(Command::Text { file, raw }) => {
            let (source, parsed) = open(file.as_deref())?;
            commands::text(&source, &parsed, raw, &mut out).map_err(io)?;
            ExitCode::SUCCESS
        }
        Some(Command::Check { path, summary }) if path.is_dir() => {
            check_dir(&path, summary, &mut out)?
        }
        Some(Command::Check { path, summary }) => {
            let (source, parsed) = open(Some(&path))?;
            let warned = if summary {
                let mut report = check::Report::default();
                report.add(&parsed);
                report.write_summary(&mut out).map_err(io)?;
                report.failed()
            } else {
                commands::check(&source, &parsed, &mut out).map_err(io)?
            };
            if warned {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Some(Command::Links {
            dir,
            id: Some(id),
            json,
            depth,
            top: _,
        }) => links(&dir, &id, json, usize::from(depth), &mut out)?,
        Some(Command::Links {
            dir,
            id: None,
            json,
            depth: _,
            top,
        }) => {
            let corpus = load_links_corpus(&dir)?;
            let graph = cablescope::corpus::RefGraph::new(&corpus.records);
            let overview = graph.overview(&corpus.records, top);
            commands::overview(&corpus, &graph, &overview, json, &mut out)
                .map_err(|e| write_failure(&e))?;
            ExitCode::SUCCESS
        }
        Some(Command::Index { dir }) => {
            let update = update_index(&dir, true)?;
            eprintln!(
                "cablescope: {}: {} files, {} indexed, {} removed, {} unreadable; index in {}",
                cablescope::sanitize::sanitize(&dir.display().to_string()),
                update.files,
                update.indexed,
                update.removed,
                update.unreadable.len(),
                update.dir.display()
            );
            ExitCode::SUCCESS
        }
        Some(Command::Search {
            dir,
            query,
            json,
            limit,
        }) => {
            // Another process updating the index: search its last commit, and say so.
            match update_index(&dir, false) {
                Ok(_) => {}
                Err(Failure::Busy(m)) => {
                    eprintln!("cablescope: note: {m}; searching its last commit");
                }
                Err(e) => return Err(e),
            }
            let hits =
                cablescope::index::search(&dir, &query, limit, false).map_err(|e| e.to_string())?;
            commands::search(&hits, json, &mut out).map_err(io)?;
            ExitCode::SUCCESS
        }
        Some(Command::Export { dir, format: _ }) => {
            let name = cablescope::sanitize::sanitize(&dir.display().to_string()).into_owned();
            if !dir.is_dir() {
                return Err(Failure::Message(format!("{name}: not a folder")));
            }
            let unreadable = cablescope::bulk::export(&dir, &mut out).map_err(|e| match e {
                cablescope::bulk::ExportError::Corpus(e) => Failure::Message(e.to_string()),
                cablescope::bulk::ExportError::Write(e) => write_failure(&e),
            })?;
            for (path, why) in &unreadable {
                eprintln!(
                    "cablescope: warning: {}: {why}",
                    cablescope::sanitize::sanitize(&path.display().to_string())
                );
            }
            ExitCode::SUCCESS
        }
        Some(Command::Glossary { path, json }) if path.is_dir() => {
            glossary_dir(&path, json, &mut out)?
        }
        Some(Command::Glossary { path, json }) => {
            let (_, parsed) = open(Some(&path))?;
            let vocab = glossary::shipped();
            let cable = &parsed.cable;
            let records = glossary::report::file_records(
                cable,
                &glossary::Glossary::build(cable, None, vocab),
            );
            glossary::report::write(&records, json, &mut out).map_err(io)?;
            ExitCode::SUCCESS
        }
        Some(Command::Completions { shell }) => {
            cablescope::cli::write_completions(shell, &mut out).map_err(io)?;
            ExitCode::SUCCESS
        }
        Some(Command::Config { print_default }) => {
            if print_default {
                out.write_all(cablescope::config::DEFAULT_CONFIG.as_bytes())
                    .map_err(io)?;
                ExitCode::SUCCESS
            } else {
                config_status(&mut out).map_err(io)?
            }
        }
        Some(Command::Man) => {
            cablescope::manpage::write_man_page(&mut out).map_err(io)?;
            ExitCode::SUCCESS
        }
        Some(Command::Answers {
            dir,
            tasker,
            key,
            json,
        }) => answers(&dir, &tasker, &key, json, &mut out)?,
        Some(Command::Notes { file, format, tag }) => {
            let format = match format {
                NotesFormat::Md => export::Format::Markdown,
                NotesFormat::Json => export::Format::Json,
                NotesFormat::Csv => export::Format::Csv,
            };
            if let Some(dir) = file.as_deref().filter(|f| f.is_dir()) {
                notes_dir(dir, tag.as_deref(), format, &mut out)?
            } else {
                let (source, parsed) = open(file.as_deref())?;
                notes(&source, &parsed, export::Options { format, tag }, &mut out)?;
                ExitCode::SUCCESS
            }
        }
    };
    out.flush().map_err(io)?;
    Ok(code)
}

/// The cable files under `dir`; a folder without any is an error.
fn cable_files(dir: &std::path::Path) -> Result<check::Listing, String> {
    let listing = check::cable_files(dir).map_err(|e| e.to_string())?;
    if listing.is_empty() {
        return Err(format!(
            "{}: no cable files in this folder (.txt, .html, .htm or no extension)",
            cablescope::sanitize::sanitize(&dir.display().to_string())
        ));
    }
    Ok(listing)
}

/// `cablescope check DIR`: every cable file under the folder, then the summary (after a
/// blank line when diagnostics were printed above it). A folder without cable files is
/// an error, as an unreadable file is for `check FILE`.
fn check_dir(
    dir: &std::path::Path,
    summary: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, String> {
    let io = |e: std::io::Error| format!("writing output: {e}");
    let listing = cable_files(dir)?;
    let report = check::check_files(listing, summary, out, &mut std::io::stderr()).map_err(io)?;
    if !summary && report.warnings.len() + report.infos.len() > 0 {
        writeln!(out).map_err(io)?;
    }
    report.write_summary(out).map_err(io)?;
    Ok(if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `cablescope links DIR ID`: read the folder, name the files that could not be read on
/// stderr, print the cable's links (and its REF chains to `depth`, above 1). An id that is neither in the folder nor cited by it is
/// an error.
fn links(
    dir: &std::path::Path,
    id: &str,
    json: bool,
    depth: usize,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    use cablescope::sanitize::sanitize;
    let canonical = parse::canonical_id(id)
        .ok_or_else(|| format!("{}: not a reference id (like 09CARACAS442)", sanitize(id)))?;
    let corpus = load_links_corpus(dir)?;
    let graph = cablescope::corpus::RefGraph::new(&corpus.records);
    let mut found = graph.links(&corpus.records, &canonical).ok_or_else(|| {
        format!(
            "{canonical}: not in {} and cited by none of its {} cables",
            sanitize(&dir.display().to_string()),
            corpus.records.len()
        )
    })?;
    if depth > 1 {
        use cablescope::corpus::{Chain, Way};
        found.chain = Some(Chain {
            depth,
            cites: graph.chain(&corpus.records, &canonical, Way::Cites, depth),
            cited_by: graph.chain(&corpus.records, &canonical, Way::CitedBy, depth),
        });
    }
    commands::links(&corpus, &graph, &found, json, out).map_err(|e| write_failure(&e))?;
    Ok(ExitCode::SUCCESS)
}

/// Read the corpus `links` is given: a folder or a CSV dump.
fn load_links_corpus(dir: &std::path::Path) -> Result<cablescope::corpus::Corpus, Failure> {
    if !dir.is_dir() && !dir.is_file() {
        return Err(Failure::Message(format!(
            "{}: neither a folder nor a CSV dump",
            cablescope::sanitize::sanitize(&dir.display().to_string())
        )));
    }
    load_corpus(dir)
}

/// Read the corpus of `dir`, naming the files it could not read on stderr.
fn load_corpus(dir: &std::path::Path) -> Result<cablescope::corpus::Corpus, Failure> {
    use cablescope::sanitize::sanitize;
    let corpus =
        cablescope::corpus::load(dir).map_err(|e| sanitize(&e.to_string()).into_owned())?;
    for (path, why) in &corpus.unreadable {
        eprintln!(
            "cablescope: warning: {}: {why}",
            sanitize(&path.display().to_string())
        );
    }
    Ok(corpus)
}

/// `cablescope answers DIR TASKER KEY`: read the folder, study the tasker's replies,
/// print every reply's answer to KEY. Unreadable files are named on stderr.
fn answers(
    dir: &std::path::Path,
    tasker: &str,
    key: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    use cablescope::sanitize::sanitize;
    let canonical = parse::canonical_id(tasker).ok_or_else(|| {
        format!(
            "{}: not a reference id (like 06STATE3836)",
            sanitize(tasker)
        )
    })?;
    if !dir.is_dir() {
        return Err(Failure::Message(format!(
            "{}: not a folder",
            sanitize(&dir.display().to_string())
        )));
    }
    // The replies are found by the index's `ref:` field (brought up to date first, as
    // `search` does), so only they are read, whatever the size of the folder.
    match update_index(dir, false) {
        Ok(_) => {}
        Err(Failure::Busy(m)) => eprintln!("cablescope: note: {m}; reading its last commit"),
        Err(e) => return Err(e),
    }
    let catalog = cablescope::index::Catalog::open(dir).map_err(|e| e.to_string())?;
    let study = cablescope::library::study::study_cited(&catalog, &canonical).map_err(|_| {
        format!(
            "{canonical}: not in {} and cited by none of its {} cables",
            sanitize(&dir.display().to_string()),
            catalog.entries().len()
        )
    })?;
    for r in study.replies.iter().filter(|r| r.error.is_some()) {
        eprintln!(
            "cablescope: warning: {}: {}",
            r.id,
            sanitize(r.error.as_deref().unwrap_or(""))
        );
    }
    let key = study.resolve(key).map_err(|e| sanitize(&e).into_owned())?;
    let rows = study.answers(key);
    commands::answers(&rows, json, out).map_err(|e| write_failure(&e))?;
    Ok(ExitCode::SUCCESS)
}

/// Bring the index of `dir` up to date; with `verbose`, a progress line on stderr (when it
/// is a terminal). Files that could not be read and a rebuild are reported on stderr.
fn update_index(
    dir: &std::path::Path,
    verbose: bool,
) -> Result<cablescope::index::Update, Failure> {
    use cablescope::sanitize::sanitize;
    if !dir.is_dir() && !dir.is_file() {
        return Err(Failure::Message(format!(
            "{}: neither a folder nor a file of cables",
            sanitize(&dir.display().to_string())
        )));
    }
    let tty = verbose && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let started = std::time::Instant::now();
    let progress = move |done: usize, total: usize, bytes: u64| {
        if tty && (done.is_multiple_of(100) || done == total) {
            let secs = started.elapsed().as_secs_f64().max(0.001);
            #[allow(clippy::cast_precision_loss)]
            let (mb, rate) = (bytes as f64 / 1e6, done as f64 / secs);
            #[allow(clippy::cast_precision_loss)]
            let eta = (total - done) as f64 / rate.max(0.001);
            eprint!(
                "\r\x1b[2Kindexing {done}/{total} files, {:.1} MB/s, ETA {eta:.0} s",
                mb / secs
            );
        }
    };
    let update = cablescope::index::update(dir, &progress).map_err(|e| match e {
        cablescope::index::IndexError::Busy(_) => Failure::Busy(e.to_string()),
        e => Failure::Message(e.to_string()),
    })?;
    if tty {
        eprint!("\r\x1b[2K");
    }
    if let Some(why) = &update.rebuilt {
        eprintln!("cablescope: note: {why}");
    }
    for (path, why) in &update.unreadable {
        eprintln!(
            "cablescope: warning: {}: {why}",
            sanitize(&path.display().to_string())
        );
    }
    Ok(update)
}

/// `cablescope glossary DIR`: every cable file read twice (definitions, then uses), then one
/// record per post and acronym.
/// Files that cannot be read are reported on stderr and make the exit status 1.
fn glossary_dir(
    dir: &std::path::Path,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, String> {
    let io = |e: std::io::Error| format!("writing output: {e}");
    let listing = cable_files(dir)?;
    let mut failed = !listing.unreadable.is_empty();
    for (path, why) in &listing.unreadable {
        eprintln!(
            "cablescope: {}: {}",
            cablescope::sanitize::sanitize(&path.display().to_string()),
            cablescope::sanitize::sanitize(why)
        );
    }
    let records = glossary::folder::read(
        &listing.files,
        |path| {
            cablescope::source::read(path).map(|source| {
                let cable = source.parse().cable;
                (source.name, cable)
            })
        },
        glossary::shipped(),
        |_, e| {
            failed = true;
            eprintln!(
                "cablescope: {}",
                cablescope::sanitize::sanitize(&e.to_string())
            );
        },
    );
    glossary::report::write(&records, json, out).map_err(io)?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `cablescope notes DIR --tag TAG`: the passages carrying TAG in every sidecar of the
/// folder (read only). Unreadable cables and sidecars are named on stderr and skipped,
/// and make the exit status 1.
fn notes_dir(
    dir: &std::path::Path,
    tag: Option<&str>,
    format: export::Format,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    use cablescope::sanitize::sanitize;
    let tag = tag.ok_or_else(|| {
        "notes for a folder needs --tag TAG (the passages carrying TAG in every cable)".to_owned()
    })?;
    let corpus =
        cablescope::corpus::load(dir).map_err(|e| sanitize(&e.to_string()).into_owned())?;
    for (path, why) in &corpus.unreadable {
        eprintln!(
            "cablescope: warning: {}: {}",
            sanitize(&path.display().to_string()),
            sanitize(why)
        );
    }
    let report = cablescope::corpus::tags::gather(&corpus, tag);
    for (_, why) in &report.skipped {
        eprintln!("cablescope: warning: {} (skipped)", sanitize(why));
    }
    for note in &report.notes {
        eprintln!("cablescope: note: {}", sanitize(note));
    }
    if report.cables.is_empty() {
        eprintln!(
            "cablescope: note: no annotation in {} carries the tag `{}`",
            sanitize(&dir.display().to_string()),
            sanitize(tag)
        );
    }
    export::export_tag(&report, &dir.display().to_string(), format, out)
        .map_err(|e| write_failure(&e))?;
    Ok(
        if corpus.unreadable.is_empty() && report.skipped.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

/// `cablescope notes`: load the sidecar (read-only: nothing is saved), re-anchor, export.
fn notes(
    source: &Source,
    parsed: &parse::Parsed,
    options: export::Options,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let opened = Store::open(source, &parsed.cable).map_err(|e| e.to_string())?;
    let mut broken = None;
    for n in &opened.notices {
        match n {
            Notice::Unreadable { .. } => broken = Some(n.to_string()),
            // Nothing is saved by this command, so there is no recovery file to mention.
            Notice::Recovery { .. } => {}
            _ => eprintln!("cablescope: note: {n}"),
        }
    }
    if let Some(message) = broken {
        return Err(Failure::Message(message));
    }
    let (set, report) = (opened.set, opened.report);
    if set.is_empty() && !opened.store.sidecar().exists() {
        eprintln!(
            "cablescope: note: no annotations yet ({} does not exist)",
            opened.store.sidecar().display()
        );
    }
    if report.needs_notice() {
        eprintln!("cablescope: note: re-anchored: {report}");
    }
    if let Some(tag) = &options.tag
        && !set.iter().any(|a| a.has_tag(tag))
    {
        let tag = cablescope::sanitize::sanitize(tag);
        eprintln!("cablescope: note: no annotation carries the tag `{tag}`");
    }
    export::export(&parsed.cable, &set, &source.name, &options, out).map_err(|e| write_failure(&e))
}
