//! The command line, defined once with clap so that `--help`, shell completions and the
//! man page all come from the same definitions.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Read and annotate US diplomatic cables in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "cablescope",
    version,
    about,
    after_help = "Examples:\n  cablescope                      open the embedded cable (06MEXICO1113)\n  cablescope 09STATE80163.txt     open a cable\n  cablescope dump --json x.txt    print the parsed model as JSON\n  cablescope text --raw x.txt     print the raw text\n  cablescope check x.txt          list parser diagnostics\n  cablescope notes x.txt --format csv   export x.txt's annotations"
)]
pub struct Cli {
    /// What to do (default: open the reader).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Cable file to open in the reader (default: the embedded cable).
    pub file: Option<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the interactive reader (the default).
    Open {
        /// Cable file (default: the embedded cable).
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
    /// List the parser's diagnostics for a file (exit status 1 if there are warnings).
    Check {
        /// Cable file.
        file: PathBuf,
    },
    /// Export a cable's annotations (from FILE.annotations.ron) as Markdown, JSON or CSV.
    Notes {
        /// Cable file (default: the embedded cable, whose notes live in the data folder).
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = NotesFormat::Md)]
        format: NotesFormat,
        /// Only annotations carrying this tag (case ignored).
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
    },
    /// Print a shell completion script (e.g. `cablescope completions bash > ~/.local/share/bash-completion/completions/cablescope`).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Show where the config file is and whether it is valid, or print the default config.
    Config {
        /// Print the default configuration (a starting point for your own `config.ron`).
        #[arg(long)]
        print_default: bool,
    },
    /// Print the man page (roff), e.g. `cablescope man > ~/.local/share/man/man1/cablescope.1`.
    Man,
}

/// Output formats of `cablescope notes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotesFormat {
    /// Markdown grouped by section and question, ready to paste into a report.
    Md,
    /// JSON, for tools.
    Json,
    /// CSV (RFC 4180), one row per annotation.
    Csv,
}

/// Write the completion script for `shell` to `out`.
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut cmd, "cablescope", out);
}

/// Write the man page to `out`.
///
/// # Errors
/// When writing fails.
pub fn write_man_page(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(out)
}
