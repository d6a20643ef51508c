//! The command line, defined once with clap so that `--help`, shell completions and the
//! man page all come from the same definitions.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Examples, files and exit statuses, shown after `--help` (and in the man page).
const AFTER_HELP: &str = "\
Examples:
  cablescope                      open the embedded cable (06MEXICO1113)
  cablescope 09STATE80163.txt     open a cable (same as `cablescope open 09STATE80163.txt`)
  cablescope dump --json x.txt    print the parsed model as JSON
  cablescope dump 06ASUNCION589.html
                                  read a cable from its WikiLeaks page
  cablescope text --raw x.txt     print the raw text
  cablescope check x.txt          list parser diagnostics
  cablescope check --summary cables/
                                  check every cable in a folder; counts by kind
  cablescope links cables/ 09CARACAS442
                                  which cables cite 09CARACAS442, and which it cites
  cablescope links --depth 5 cables/ 09MADRID612
                                  its REF chains, five links deep both ways
  cablescope links cables/        the folder's most cited cables
  cablescope search cables/ 'tag:KTIP from:mexico \"forced labor\"'
                                  search a folder (indexed in the cache folder)
  cablescope glossary x.txt       what the cable's acronyms and TAGS mean
  cablescope glossary --json cables/
                                  definitions from every cable, by sending post
  cablescope notes x.txt --format csv
                                  export x.txt's annotations
  cablescope answers cables/ 06STATE3836 23.E
                                  every reply's answer to the tasker's question 23.E
  cablescope answers cables/ 06STATE3836 q17@06MEXICO1113
                                  the same question, named by the seed's numbering
  cablescope notes cables/ --tag prosecution
                                  every passage tagged `prosecution` in the folder
  cablescope config --print-default > ~/.config/cablescope/config.ron
                                  start your own configuration

Files:
  config.ron in the config folder (`cablescope config` prints where; CABLESCOPE_CONFIG_DIR
  overrides it); reading positions in the data folder (CABLESCOPE_DATA_DIR overrides it); search indexes
  in the cache folder (CABLESCOPE_CACHE_DIR overrides it).

Exit status:
  0  success
  1  `check` found warnings (or, in a folder, files it could not read), or `config`
     found entries it skips
  2  error: bad usage, unreadable or non-text file, broken config file, no terminal";

/// Read and annotate US diplomatic cables in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "cablescope",
    version,
    about,
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// What to do (default: open the reader).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Cable file to open in the reader (default: the embedded cable), or a folder of
    /// cables to open in the library.
    pub file: Option<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive reader (the default), or the library of a folder.
    Open {
        /// Cable file (default: the embedded cable), or a folder of cables.
        file: Option<PathBuf>,
    },
    /// Print the parsed document model.
    Dump {
        /// Cable file (default: the embedded cable).
        file: Option<PathBuf>,
        /// Print the documented JSON interface instead of the readable outline.
        #[arg(long)]
        json: bool,
    },
    /// Print the cable's clean text (or the raw original).
    Text {
        /// Cable file (default: the embedded cable).
        file: Option<PathBuf>,
        /// Print the raw source instead of the clean text.
        #[arg(long)]
        raw: bool,
    },
    /// List the parser's diagnostics for a file, or for every cable file in a folder with
    /// a summary (exit status 1 if there are warnings).
    ///
    /// A folder is searched recursively for `.txt`, `.html`/`.htm` and extension-less
    /// files (hidden ones skipped); each file's diagnostics are printed, then a summary:
    /// files read, files that could not be read, warnings and infos by kind.
    Check {
        /// Cable file, or a folder of cable files.
        #[arg(value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
        path: PathBuf,
        /// Print only the summary (files read and not read, diagnostics by kind).
        #[arg(long)]
        summary: bool,
    },
    /// Show which cables of a folder a cable cites and which cite it (from REF lists);
    /// without an id, the folder's links counted and its most cited cables.
    ///
    /// The folder is read as `check DIR` reads it (alx `dates/YYYY/MM/` trees too); ids are
    /// compared canonically (`SECSTATE` = `STATE`, serials unpadded). A cable that is cited
    /// but not in the folder is reported as missing, with who cites it. With --depth the
    /// links are followed further, as a tree: each cable's own links written once, where it
    /// is nearest. Files that cannot be read are named on stderr and skipped.
    Links {
        /// Folder of cable files, or a Cablegate CSV dump (`cables.csv`).
        #[arg(value_name = "DIR", value_hint = clap::ValueHint::AnyPath)]
        dir: PathBuf,
        /// Reference id, e.g. `09CARACAS442` (case and spaces ignored); without it, the
        /// folder's most cited cables.
        id: Option<String>,
        /// Print `{"id", "cites", "placed", "cited_by", "placed_by", "missing"}` as one JSON object
        /// (with `"chain"` when --depth is above 1); without an id, `{"cables", "links",
        /// "cited", "cited_in_corpus", "top"}`.
        #[arg(long)]
        json: bool,
        /// Follow the REF chains this many links deep, both ways: what the cables it
        /// cites cite, and what cites the cables citing it (1: its own links only).
        #[arg(long, value_name = "N", default_value_t = 1, requires = "id",
              value_parser = clap::value_parser!(u16).range(1..=1000))]
        depth: u16,
        /// Without an id: how many of the most cited cables to list.
        #[arg(long, value_name = "N", default_value_t = 20, conflicts_with = "id")]
        top: usize,
    },
    /// Build or update the search index of a folder of cables (progress on stderr).
    ///
    /// The index is kept in the cache folder (CABLESCOPE_CACHE_DIR overrides it), one per
    /// folder; only files changed since the last run are read again.
    Index {
        /// Folder of cable files.
        #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
    },
    /// Search a folder of cables (its index is brought up to date first).
    ///
    /// Words must all match; "a phrase", -word, a OR b, tag:KTIP, from:mexico,
    /// class:secret, year:2005..2007, date:2006-03, id:06MEXICO1113, ref:06STATE3836,
    /// subject:word.
    Search {
        /// Folder of cable files.
        #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
        /// The query.
        query: String,
        /// One JSON object per line: id, path, date, origin, classification, subject,
        /// score, paragraph, snippet.
        #[arg(long)]
        json: bool,
        /// At most this many results.
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
    },
    /// Export every cable of a folder for a search cluster (stdout).
    ///
    /// `--format ndjson`: the Elasticsearch/OpenSearch bulk format, an action line and a
    /// document line per cable; the mapping is `assets/opensearch-mapping.json`.
    Export {
        /// Folder of cable files.
        #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Ndjson)]
        format: ExportFormat,
    },
    /// List a cable's acronyms and TAGS with what they mean and where that was read; for a
    /// folder, the definitions of every cable, scoped by sending post, conflicts shown.
    ///
    /// One record per acronym: the acronym, its expansion (or unknown), the source
    /// (inline: defined in the cable; corpus: in another cable of the same post; tags;
    /// abbreviations), the paragraph of the first definition, a confidence (how well the
    /// letters match the words) and the number of uses.
    Glossary {
        /// Cable file, or a folder of cable files.
        #[arg(value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
        path: PathBuf,
        /// Print JSON (an array of records) instead of one line per acronym.
        #[arg(long)]
        json: bool,
    },
    /// Every reply's answer to one question of a tasker (a questionnaire cable such as
    /// 06STATE3836), aligned across the folder's replies.
    ///
    /// The replies are the cables whose REF list cites TASKER (any spelling of its id),
    /// found by the folder's search index (built or brought up to date first); the
    /// questionnaire is rebuilt from those that quote it. One record per reply: post,
    /// id, date, paragraph, key, how it was aligned (key / question text / heading /
    /// none), confidence, text.
    Answers {
        /// Folder of cable files.
        #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
        /// The tasker's reference id, e.g. `06STATE3836` (case and spaces ignored).
        tasker: String,
        /// The question: the tasker's key (`23.E`), or `qN@REPLY` for the question a reply
        /// numbers N (`q17@06MEXICO1113`).
        key: String,
        /// One JSON object per line: post, id, date, paragraph, paragraph_index, key,
        /// label, how, confidence, text.
        #[arg(long)]
        json: bool,
    },
    /// Export annotations as Markdown, JSON or CSV: a cable's (from FILE.annotations.ron),
    /// or, given a folder, the passages carrying `--tag` in every cable of it.
    ///
    /// For a folder, every sidecar is read (never written; one that cannot be read is
    /// reported and skipped); passages are grouped by cable, with counts per post and year.
    Notes {
        /// Cable file, or a folder of cables (then `--tag` is required) (default: the
        /// embedded cable, whose notes live in the data folder).
        #[arg(value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = NotesFormat::Md)]
        format: NotesFormat,
        /// Only annotations carrying this tag (case ignored).
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
    },
    /// Print a shell completion script.
    ///
    /// e.g. `cablescope completions bash > ~/.local/share/bash-completion/completions/cablescope`
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Check the config file (where it is, whether it is valid) or print the default.
    Config {
        /// Print the default configuration (a starting point for your own `config.ron`).
        #[arg(long)]
        print_default: bool,
    },
    /// Print the man page (roff).
    ///
    /// e.g. `cablescope man > ~/.local/share/man/man1/cablescope.1`
    Man,
}

/// Output formats of `cablescope export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The Elasticsearch/OpenSearch bulk format (NDJSON).
    Ndjson,
}

/// Output formats of `cablescope notes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotesFormat {
    /// Markdown grouped by section and question, ready to paste into a report.
    #[value(alias = "markdown")]
    Md,
    /// JSON, for tools.
    Json,
    /// CSV (RFC 4180), one row per annotation.
    Csv,
}

/// Write the completion script for `shell` to `out`.
///
/// # Errors
/// When writing fails (the script is made in memory first: the generator would panic on
/// a closed pipe).
pub fn write_completions(
    shell: clap_complete::Shell,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cablescope", &mut script);
    out.write_all(&script)
}
