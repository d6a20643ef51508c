//! `cablescope man`: one man page, `cablescope(1)`, with every command and every key.
//!
//! clap_mangen renders the name, synopsis, options and the `--help` epilogue from the
//! command-line definitions in [`crate::cli`]; its subcommand section would point to
//! `cablescope-dump(1)` and other pages that are not installed, so the commands are
//! written here into this page instead, with their arguments. The keys come from the
//! default keymap (as the README's table and the `?` list do), so the page cannot drift
//! from behaviour. Hyphenation is off: a cable id such as `06MEXICO1113` must never be
//! broken across lines.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::keymap::Keymap;

/// Text made safe for roff: backslashes, hyphens (which roff would turn into real
/// hyphens, breaking copy and paste of options) and a leading `.` or `'`.
#[must_use]
pub fn roff_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            _ => out.push(c),
        }
    }
    if out.starts_with(['.', '\'']) {
        out.insert_str(0, "\\&");
    }
    out
}

/// Write the man page to `out`.
///
/// # Errors
/// When writing fails.
pub fn write_man_page(out: &mut dyn Write) -> io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    // No hyphenation, ragged right: ids and options stay whole.
    writeln!(out, ".nh\n.ad l")?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    write_commands(&cmd, out)?;
    write_keys(out)?;
    man.render_extra_section(out)?;
    man.render_version_section(out)?;
    Ok(())
}

/// Every subcommand with its usage, what it does and its arguments.
fn write_commands(cmd: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands() {
        let mut usage = format!("\\fBcablescope {}\\fR", roff_escape(sub.get_name()));
        let args: Vec<&clap::Arg> = sub
            .get_arguments()
            .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
            .collect();
        for a in &args {
            let name = a.get_id().as_str().to_uppercase();
            let part = match a.get_long() {
                Some(long) if a.get_action().takes_values() => {
                    format!("\\fB\\-\\-{}\\fR \\fI{name}\\fR", roff_escape(long))
                }
                Some(long) => format!("\\fB\\-\\-{}\\fR", roff_escape(long)),
                None => format!("\\fI{}\\fR", roff_escape(&name)),
            };
            if a.is_required_set() {
                usage.push_str(&format!(" {part}"));
            } else {
                usage.push_str(&format!(" [{part}]"));
            }
        }
        writeln!(out, ".TP\n{usage}")?;
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            for (i, line) in about.to_string().lines().enumerate() {
                if i > 0 {
                    writeln!(out, ".br")?;
                }
                writeln!(out, "{}", roff_escape(line))?;
            }
        }
        for a in &args {
            let name = match a.get_long() {
                Some(long) => format!("\\-\\-{}", roff_escape(long)),
                None => roff_escape(&a.get_id().as_str().to_uppercase()),
            };
            let help = a.get_help().map(ToString::to_string).unwrap_or_default();
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_owned())
                .collect();
            let values = if !a.get_action().takes_values() || values.is_empty() || values.len() > 8
            {
                String::new()
            } else {
                format!(" ({})", values.join(", "))
            };
            writeln!(
                out,
                ".RS\n.TP\n\\fB{name}\\fR\n{}{}\n.RE",
                roff_escape(&help),
                roff_escape(&values)
            )?;
        }
    }
    Ok(())
}

/// The default keys, per context, as the reader's `?` list shows them.
fn write_keys(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        ".SH KEYS\nThe reader's default keys (vim\\-style keys and arrow keys both work). \
         Keys can be changed in \\fIconfig.ron\\fR; \\fB?\\fR in the reader lists the keys \
         in use."
    )?;
    for (context, rows) in Keymap::default().help() {
        writeln!(out, ".SS {}", roff_escape(context.title()))?;
        for (keys, what) in rows {
            writeln!(
                out,
                ".TP\n\\fB{}\\fR\n{}",
                roff_escape(&keys),
                roff_escape(what)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_escapes() {
        assert_eq!(roff_escape("ctrl-o"), "ctrl\\-o");
        assert_eq!(roff_escape(".hidden"), "\\&.hidden");
        assert_eq!(roff_escape("a\\b"), "a\\eb");
    }
}
