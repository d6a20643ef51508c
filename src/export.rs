//! `cablescope notes`: a cable's annotations as Markdown (for writing a report), JSON
//! or CSV (for other tools), grouped by section, orphans included and marked.
//!
//! All three carry the same facts: the cable's header block (id, date, classification,
//! subject, source file) and, per annotation, where it is (section, paragraph, question
//! or answer key, portion marking, page), its status (moved, changed with both wordings,
//! orphaned), the quote and note with their line breaks, and the tags.
//!
//! Markdown and CSV are text a person reads, so control characters in quotes, tags and
//! notes are replaced with visible placeholders ([`crate::sanitize`]); JSON keeps every
//! character, escaped by the JSON encoder.

use std::io::{self, Write};

use serde::Serialize;

use crate::annotation::{AnchorStatus, Annotation, AnnotationSet, TextPos, wording};
use crate::cable::Cable;
use crate::sanitize::sanitize_with;

mod tagged;

pub use tagged::export_tag;

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
    /// The answer the passage is in: keyed (`28.H`), lettered in a numbered section
    /// (`3.B`, `1.B/C`) or an exchange (`5.A`).
    answer: Option<String>,
    /// The portion marking where the passage starts (`SBU`).
    marking: Option<String>,
    /// The page where the passage starts.
    page: Option<u32>,
}

fn place(cable: &Cable, a: &Annotation) -> Place {
    let orphan = a.status == AnchorStatus::Orphaned;
    let p = (!orphan)
        .then(|| cable.paragraphs.get(a.anchor.start.index))
        .flatten();
    let at = a.anchor.start.offset;
    // The exchange (lettered sub-paragraph with a question) holding the start, if any.
    let sub = p.and_then(|p| {
        p.subparagraphs
            .iter()
            .find(|s| s.range.contains(&at) || (s.range.end == at && at == p.text.len()))
    });
    let answer = p.and_then(|p| {
        p.keyed_label().map(str::to_owned).or_else(|| {
            sub.and_then(|s| s.question.as_ref())
                .map(|q| q.number.to_string())
        })
    });
    let marking = sub
        .and_then(|s| s.marking.clone())
        .or_else(|| p.and_then(|p| p.marking.clone()));
    let page = p.map(|p| {
        p.page_breaks
            .iter()
            .rev()
            .find(|b| b.offset <= at)
            .map_or(p.page, |b| b.page)
    });
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
        answer,
        marking,
        page,
    }
}

/// The cable's header fields shown above the annotations.
#[derive(Debug, Clone, Serialize)]
struct CableInfo<'a> {
    cable: Option<&'a str>,
    date: Option<String>,
    classification: Option<String>,
    subject: Option<&'a str>,
    source: &'a str,
}

fn cable_info<'a>(cable: &'a Cable, source_name: &'a str) -> CableInfo<'a> {
    let h = &cable.header;
    let classification = h.classification.as_ref().map(|c| {
        let mut s = c.clone();
        for x in &h.handling {
            s.push(' ');
            s.push_str(x);
        }
        s
    });
    CableInfo {
        cable: cable.id.as_deref(),
        date: h.date_label(),
        classification,
        subject: h.subject.as_deref(),
        source: source_name,
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
    let info = cable_info(cable, source_name);
    let title = info.cable.unwrap_or(source_name);
    writeln!(out, "# Annotations: {}\n", line(title))?;
    let field = |out: &mut dyn Write, name: &str, value: Option<&str>| -> io::Result<()> {
        match value {
            Some(v) if !v.is_empty() => writeln!(out, "- **{name}:** {}", line(v)),
            _ => Ok(()),
        }
    };
    field(out, "Cable", info.cable)?;
    field(out, "Date", info.date.as_deref())?;
    field(out, "Classification", info.classification.as_deref())?;
    field(out, "Subject", info.subject)?;
    field(out, "Source file", Some(source_name))?;
    let count = |status| chosen.iter().filter(|a| a.status == status).count();
    let mut summary = chosen.len().to_string();
    let notable: Vec<String> = [
        AnchorStatus::Moved,
        AnchorStatus::Changed,
        AnchorStatus::Orphaned,
    ]
    .into_iter()
    .filter(|s| count(*s) > 0)
    .map(|s| format!("{} {}", count(s), s.as_str()))
    .collect();
    if !notable.is_empty() {
        summary.push_str(&format!(" ({})", notable.join(", ")));
    }
    if let Some(tag) = &options.tag {
        summary.push_str(&format!(" · tag `{}`", line(tag)));
    }
    field(out, "Annotations", Some(&summary))?;
    if chosen.is_empty() {
        writeln!(out, "\nNo annotations.")?;
        return Ok(());
    }
    let mut section: Option<Option<String>> = None;
    for a in chosen.iter().filter(|a| a.status != AnchorStatus::Orphaned) {
        let p = place(cable, a);
        if section.as_ref() != Some(&p.section) {
            match &p.section {
                Some(t) => writeln!(out, "\n## {}", line(t))?,
                None if !cable.sections.is_empty() => {
                    writeln!(out, "\n## (before the first section)")?;
                }
                None => {}
            }
            section = Some(p.section.clone());
        }
        writeln!(out, "\n### {}", heading(&p))?;
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

/// `¶10 (SBU) · Question 9 · page 6`, `Answer 28.H (SBU) · page 2`, `¶5 (S/NF) · Answer
/// 5.A · page 1`.
fn heading(p: &Place) -> String {
    let marking = p
        .marking
        .as_deref()
        .map(|m| format!(" ({})", line(m)))
        .unwrap_or_default();
    let mut h = match (p.paragraph, &p.answer) {
        (None, Some(key)) => format!("Answer {}{marking}", line(key)),
        (Some(n), answer) => {
            let mut h = format!("¶{n}{marking}");
            if let Some(key) = answer {
                h.push_str(&format!(" · Answer {}", line(key)));
            }
            h
        }
        (None, None) => format!("Unnumbered text{marking}"),
    };
    if let Some(q) = &p.question
        && p.answer.as_ref() != Some(q)
    {
        h.push_str(&format!(" · Question {}", line(q)));
    }
    if let Some(page) = p.page {
        h.push_str(&format!(" · page {page}"));
    }
    h
}

/// Lines as Markdown keeps them: a line break inside a paragraph is a hard break (two
/// spaces at the end of the line), so quotes and notes keep their lines.
fn kept_lines(text: &str, prefix: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let next_blank = lines.get(i + 1).is_none_or(|n| n.trim().is_empty());
        if l.trim().is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(l);
            if !next_blank {
                out.push_str("  ");
            }
        }
        out.push('\n');
    }
    out
}

fn quote_block(out: &mut dyn Write, quote: &str) -> io::Result<()> {
    out.write_all(kept_lines(quote, "> ").as_bytes())
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
        writeln!(out)?;
        out.write_all(kept_lines(&text(a.note.trim_end()), "").as_bytes())?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    #[serde(flatten)]
    info: CableInfo<'a>,
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

fn json_entries<'a>(cable: &Cable, chosen: &[&'a Annotation]) -> Vec<JsonEntry<'a>> {
    chosen
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
        .collect()
}

fn json(
    cable: &Cable,
    set: &AnnotationSet,
    chosen: &[&Annotation],
    source_name: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let doc = JsonDoc {
        info: cable_info(cable, source_name),
        source_hash: set.source_hash.as_deref(),
        annotations: json_entries(cable, chosen),
    };
    crate::sanitize::write_json_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// The CSV columns, one row per annotation.
const CSV_COLUMNS: [&str; 15] = [
    "id",
    "status",
    "section",
    "paragraph",
    "question",
    "answer",
    "marking",
    "page",
    "quote",
    "current",
    "diff",
    "tags",
    "note",
    "created",
    "updated",
];

/// One annotation's CSV fields, in [`CSV_COLUMNS`] order.
fn csv_row(cable: &Cable, a: &Annotation) -> Vec<String> {
    let p = place(cable, a);
    vec![
        line(&a.id),
        a.status.as_str().to_owned(),
        p.section.as_deref().map(line).unwrap_or_default(),
        p.paragraph.map(|n| n.to_string()).unwrap_or_default(),
        p.question.as_deref().map(line).unwrap_or_default(),
        p.answer.as_deref().map(line).unwrap_or_default(),
        p.marking.as_deref().map(line).unwrap_or_default(),
        p.page.map(|n| n.to_string()).unwrap_or_default(),
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
    ]
}

/// RFC 4180 via the `csv` crate: CRLF record ends, fields quoted only when they hold a
/// comma, a quote, CR or LF.
fn csv(cable: &Cable, chosen: &[&Annotation], out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    for a in chosen {
        w.write_record(csv_row(cable, a))?;
    }
    w.flush()
}
