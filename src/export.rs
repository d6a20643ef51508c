//! `cablescope notes`: a cable's annotations as Markdown (for writing a report), JSON
//! or CSV (for other tools), grouped by section and question, orphans included and marked.
//!
//! Markdown and CSV are text a person reads, so control characters in quotes, tags and
//! notes are replaced with visible placeholders ([`crate::sanitize`]); JSON keeps every
//! character, escaped by the JSON encoder.

use std::io::{self, Write};

use serde::Serialize;

use crate::annotation::{AnchorStatus, Annotation, AnnotationSet, TextPos, wording};
use crate::cable::Cable;
use crate::sanitize::sanitize_with;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Markdown, grouped by section and paragraph.
    #[default]
    Markdown,
    /// One JSON document.
    Json,
    /// RFC 4180 CSV, one row per annotation.
    Csv,
}

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Output format.
    pub format: Format,
    /// Only annotations carrying this tag (case ignored).
    pub tag: Option<String>,
}

/// Where an annotation sits, described for people.
#[derive(Debug, Clone, Serialize)]
struct Place {
    section: Option<String>,
    paragraph: Option<u32>,
    paragraph_index: Option<usize>,
    question: Option<String>,
}

fn place(cable: &Cable, a: &Annotation) -> Place {
    let orphan = a.status == AnchorStatus::Orphaned;
    let p = (!orphan)
        .then(|| cable.paragraphs.get(a.anchor.start.index))
        .flatten();
    Place {
        section: p
            .and_then(|p| p.section)
            .and_then(|s| cable.sections.get(s))
            .map(|s| s.title.clone()),
        paragraph: a.anchor.start.paragraph,
        paragraph_index: (!orphan).then_some(a.anchor.start.index),
        question: p
            .and_then(|p| p.question.as_ref())
            .map(|q| q.number.to_string()),
    }
}

/// Write `set`'s annotations on `cable` (read from `source_name`) in the chosen format.
///
/// # Errors
/// Only when writing fails.
pub fn export(
    cable: &Cable,
    set: &AnnotationSet,
    source_name: &str,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let chosen: Vec<&Annotation> = set
        .iter()
        .filter(|a| options.tag.as_deref().is_none_or(|t| a.has_tag(t)))
        .collect();
    match options.format {
        Format::Markdown => markdown(cable, &chosen, source_name, options, out),
        Format::Json => json(cable, set, &chosen, source_name, out),
        Format::Csv => csv(cable, &chosen, out),
    }
}

fn text(s: &str) -> String {
    sanitize_with(s, true).into_owned()
}

fn line(s: &str) -> String {
    sanitize_with(s, false).into_owned()
}

fn markdown(
    cable: &Cable,
    chosen: &[&Annotation],
    source_name: &str,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = cable.id.as_deref().unwrap_or(source_name);
    writeln!(out, "# Annotations: {}\n", line(title))?;
    if let Some(subject) = &cable.header.subject {
        writeln!(out, "Subject: {}  ", line(subject))?;
    }
    let orphans = chosen
        .iter()
        .filter(|a| a.status == AnchorStatus::Orphaned)
        .count();
    write!(
        out,
        "Source: {} · {} annotation{}",
        line(source_name),
        chosen.len(),
        if chosen.len() == 1 { "" } else { "s" }
    )?;
    if orphans > 0 {
        write!(out, " ({orphans} orphaned)")?;
    }
    if let Some(tag) = &options.tag {
        write!(out, " · tag `{}`", line(tag))?;
    }
    writeln!(out)?;
    if chosen.is_empty() {
        writeln!(out, "\nNo annotations.")?;
        return Ok(());
    }
    let mut section: Option<Option<String>> = None;
    let mut paragraph: Option<usize> = None;
    for a in chosen.iter().filter(|a| a.status != AnchorStatus::Orphaned) {
        let p = place(cable, a);
        if section.as_ref() != Some(&p.section) {
            match &p.section {
                Some(t) => writeln!(out, "\n## {}", line(t))?,
                None if !cable.sections.is_empty() => {
                    writeln!(out, "\n## (before the first section)")?
                }
                None => {}
            }
            section = Some(p.section.clone());
            paragraph = None;
        }
        if paragraph != Some(a.anchor.start.index) {
            writeln!(out, "\n### {}", heading(&p))?;
            paragraph = Some(a.anchor.start.index);
        }
        entry(out, a)?;
    }
    let mut first = true;
    for a in chosen.iter().filter(|a| a.status == AnchorStatus::Orphaned) {
        if first {
            writeln!(
                out,
                "\n## Orphaned annotations\n\nTheir passage was not found in the current text; \
                 quote and note are as recorded."
            )?;
            first = false;
        }
        writeln!(out, "\n### was {}", heading(&place(cable, a)))?;
        entry(out, a)?;
    }
    Ok(())
}

fn heading(p: &Place) -> String {
    let mut h = match p.paragraph {
        Some(n) => format!("¶{n}"),
        None => match p.paragraph_index {
            Some(i) => format!("Unnumbered text (paragraph {})", i + 1),
            None => "Unnumbered text".to_owned(),
        },
    };
    if let Some(q) = &p.question {
        h.push_str(&format!(" · Question {}", line(q)));
    }
    h
}

fn quote_block(out: &mut dyn Write, quote: &str) -> io::Result<()> {
    for l in quote.lines() {
        if l.is_empty() {
            writeln!(out, ">")?;
        } else {
            writeln!(out, "> {l}")?;
        }
    }
    Ok(())
}

fn entry(out: &mut dyn Write, a: &Annotation) -> io::Result<()> {
    writeln!(out)?;
    match (&a.anchor.current, a.status) {
        (Some(now), AnchorStatus::Changed) => {
            let (was, now) = wording::sides(
                &text(&a.anchor.exact),
                &text(now),
                ("~~", "~~"),
                ("**", "**"),
            );
            quote_block(out, &was)?;
            writeln!(
                out,
                "\nStatus: changed. The cable now reads (new words in bold):\n"
            )?;
            quote_block(out, &now)?;
        }
        _ => {
            quote_block(out, &text(&a.anchor.exact))?;
            if a.status == AnchorStatus::Moved {
                writeln!(
                    out,
                    "\nStatus: moved (found elsewhere in the current text)."
                )?;
            }
        }
    }
    if !a.tags.is_empty() {
        let tags: Vec<String> = a.tags.iter().map(|t| format!("`{}`", line(t))).collect();
        writeln!(out, "\nTags: {}", tags.join(", "))?;
    }
    if !a.note.trim().is_empty() {
        writeln!(out, "\n{}", text(a.note.trim_end()))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    cable: Option<&'a str>,
    source: &'a str,
    subject: Option<&'a str>,
    source_hash: Option<&'a str>,
    annotations: Vec<JsonEntry<'a>>,
}

#[derive(Serialize)]
struct JsonEntry<'a> {
    id: &'a str,
    status: AnchorStatus,
    #[serde(flatten)]
    place: Place,
    start: &'a TextPos,
    end: &'a TextPos,
    quote: &'a str,
    /// The text now at the passage when its words changed (`status: "changed"`).
    current: Option<&'a str>,
    /// `quote` → `current` as `[-removed-]{+added+}` (changed passages only).
    diff: Option<String>,
    prefix: &'a str,
    suffix: &'a str,
    tags: &'a [String],
    note: &'a str,
    created: String,
    updated: String,
}

fn json(
    cable: &Cable,
    set: &AnnotationSet,
    chosen: &[&Annotation],
    source_name: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let doc = JsonDoc {
        cable: cable.id.as_deref(),
        source: source_name,
        subject: cable.header.subject.as_deref(),
        source_hash: set.source_hash.as_deref(),
        annotations: chosen
            .iter()
            .map(|a| JsonEntry {
                id: &a.id,
                status: a.status,
                place: place(cable, a),
                start: &a.anchor.start,
                end: &a.anchor.end,
                quote: &a.anchor.exact,
                current: a.anchor.current.as_deref(),
                diff: a
                    .anchor
                    .current
                    .as_deref()
                    .map(|now| wording::marked(&a.anchor.exact, now)),
                prefix: &a.anchor.prefix,
                suffix: &a.anchor.suffix,
                tags: &a.tags,
                note: &a.note,
                created: a
                    .created
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                updated: a
                    .updated
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            })
            .collect(),
    };
    crate::sanitize::write_json_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// RFC 4180 via the `csv` crate: CRLF record ends, fields quoted only when they hold a
/// comma, a quote, CR or LF.
fn csv(cable: &Cable, chosen: &[&Annotation], out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record([
        "id",
        "status",
        "section",
        "paragraph",
        "question",
        "quote",
        "current",
        "diff",
        "tags",
        "note",
        "created",
        "updated",
    ])?;
    for a in chosen {
        let p = place(cable, a);
        w.write_record([
            line(&a.id),
            a.status.as_str().to_owned(),
            p.section.as_deref().map(line).unwrap_or_default(),
            p.paragraph.map(|n| n.to_string()).unwrap_or_default(),
            p.question.as_deref().map(line).unwrap_or_default(),
            text(&a.anchor.exact),
            a.anchor.current.as_deref().map(text).unwrap_or_default(),
            a.anchor
                .current
                .as_deref()
                .map(|now| text(&wording::marked(&a.anchor.exact, now)))
                .unwrap_or_default(),
            a.tags
                .iter()
                .map(|t| line(t))
                .collect::<Vec<_>>()
                .join("; "),
            text(&a.note),
            a.created
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            a.updated
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ])?;
    }
    w.flush()
}
