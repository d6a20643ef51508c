//! The non-interactive subcommands (`dump`, `text`, `check`), writing to any
//! [`std::io::Write`] so they can be tested without a process.

use std::io::{self, Write};

use crate::dump::Dump;
use crate::parse::{Parsed, Severity};
use crate::sanitize::sanitize_with;
use crate::source::Source;

/// `cablescope dump`: the JSON interface, or a readable outline of the model.
///
/// # Errors
/// Only when writing fails.
pub fn dump(source: &Source, parsed: &Parsed, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        crate::sanitize::write_json_pretty(&mut *out, &Dump::new(parsed))?;
        return writeln!(out);
    }
    let cable = &parsed.cable;
    let h = &cable.header;
    let line = |out: &mut dyn Write, k: &str, v: &str| -> io::Result<()> {
        writeln!(out, "{k:<15}{}", sanitize_with(v, false))
    };
    line(out, "file", &source.name)?;
    line(out, "id", cable.id.as_deref().unwrap_or("-"))?;
    let date = h.date_label();
    line(out, "date", date.as_deref().unwrap_or("-"))?;
    line(out, "from", h.from.as_deref().unwrap_or("-"))?;
    line(out, "to", &crate::cable::Recipient::names(&h.to, "; "))?;
    line(out, "info", &crate::cable::Recipient::names(&h.info, "; "))?;
    line(
        out,
        "classification",
        h.classification.as_deref().unwrap_or("-"),
    )?;
    line(out, "handling", &h.handling.join(", "))?;
    line(out, "tags", &h.tags.join(" "))?;
    line(out, "subject", h.subject.as_deref().unwrap_or("-"))?;
    if let Some(by) = h.authority_label() {
        line(out, "classified by", &by)?;
    }
    if let Some(guide) = &h.derived_from {
        line(out, "derived from", guide)?;
    }
    if let Some(until) = h.declassify_label() {
        line(out, "declassify", &until)?;
    }
    if let Some(partial) = h.partial_label() {
        line(out, "partial", partial)?;
    }
    if let Some(corrected) = h.correction_label() {
        line(out, "corrected copy", corrected)?;
    }
    for r in &h.refs {
        let letter = r.letter.map_or_else(|| "-".to_owned(), String::from);
        let id = r.id.as_deref().unwrap_or("?");
        line(
            out,
            &format!("ref {letter}"),
            &format!("{} -> {id}", r.text),
        )?;
    }
    let mut section = None;
    for p in &cable.paragraphs {
        if p.section != section {
            section = p.section;
            if let Some(s) = p.section.and_then(|i| cable.sections.get(i)) {
                writeln!(out, "\n== {}", sanitize_with(&s.title, false))?;
            }
        }
        let marking = p
            .marking
            .as_deref()
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        let q = p
            .question
            .as_ref()
            .map(|q| format!(" Q{}", q.number))
            .unwrap_or_default();
        let preview: String = p.text.chars().take(60).collect();
        writeln!(
            out,
            "{}{marking}{q} p{} l{}-{}  {}",
            p.label(),
            p.page,
            p.lines.start,
            p.lines.end,
            sanitize_with(&preview, false)
        )?;
    }
    writeln!(
        out,
        "\n{} paragraphs, {} sections, {} cross-references, signature {}",
        cable.paragraphs.len(),
        cable.sections.len(),
        cable.xrefs.len(),
        cable.signature.as_deref().unwrap_or("-")
    )?;
    writeln!(out, "{} diagnostics", parsed.diagnostics.len())
}

/// `cablescope text`: clean text paragraph by paragraph, or the raw source.
///
/// # Errors
/// Only when writing fails.
pub fn text(source: &Source, parsed: &Parsed, raw: bool, out: &mut dyn Write) -> io::Result<()> {
    if raw {
        return out.write_all(sanitize_with(&source.text, true).as_bytes());
    }
    for p in &parsed.cable.paragraphs {
        let number = p.number.map(|n| format!("{n}. ")).unwrap_or_default();
        let marking = p
            .marking
            .as_deref()
            .map(|m| format!("({m}) "))
            .unwrap_or_default();
        writeln!(out, "{number}{marking}{}\n", sanitize_with(&p.text, true))?;
    }
    Ok(())
}

/// `cablescope check`: diagnostics one per line as `FILE:LINE: LEVEL: MESSAGE` (the form
/// editors jump to); returns whether any is a warning.
///
/// # Errors
/// Only when writing fails.
pub fn check(source: &Source, parsed: &Parsed, out: &mut dyn Write) -> io::Result<bool> {
    for d in &parsed.diagnostics {
        let level = match d.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
        };
        let message = sanitize_with(&d.message, false);
        let name = sanitize_with(&source.name, false);
        writeln!(out, "{name}:{}: {level}: {message}", d.line)?;
    }
    Ok(parsed
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning))
}

/// A cable of a corpus on one line, for `links`: id, date, origin and subject (`(not in
/// the folder)` for a cable only cited), then each of `marks` in parentheses.
fn cable_line(
    corpus: &crate::corpus::Corpus,
    graph: &crate::corpus::RefGraph,
    id: &str,
    marks: &[&str],
) -> String {
    let record = graph.record(id).and_then(|i| corpus.records.get(i));
    let mut line = match record {
        Some(r) => [
            r.id.clone(),
            r.day().unwrap_or_else(|| "-".to_owned()),
            r.origin.clone().unwrap_or_else(|| "-".to_owned()),
            r.subject.clone().unwrap_or_default(),
        ]
        .join("  "),
        None => format!("{id}  (not in the folder)"),
    };
    for mark in marks {
        line.push_str("  (");
        line.push_str(mark);
        line.push(')');
    }
    sanitize_with(&line, false).into_owned()
}

/// `cablescope links DIR` without an id: the folder's REF links counted, then its most
/// cited cables, one a line after how many cables cite it; or the [`Overview`] as JSON.
///
/// [`Overview`]: crate::corpus::Overview
///
/// # Errors
/// Only when writing fails.
pub fn overview(
    corpus: &crate::corpus::Corpus,
    graph: &crate::corpus::RefGraph,
    overview: &crate::corpus::Overview,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        crate::sanitize::write_json_pretty(&mut *out, overview)?;
        return writeln!(out);
    }
    let o = overview;
    writeln!(
        out,
        "{} cables; {} REF links to {} cables, {} of them in the folder",
        o.cables, o.links, o.cited, o.cited_in_corpus
    )?;
    writeln!(out, "most cited: {}", o.top.len())?;
    let width = o.top.first().map_or(1, |c| c.cited_by.to_string().len());
    for c in &o.top {
        writeln!(
            out,
            "  {:>width$}  {}",
            c.cited_by,
            cable_line(corpus, graph, &c.id, &[])
        )?;
    }
    Ok(())
}

/// `cablescope links`: a cable's REF links in the corpus, as JSON (`{"id", "cites",
/// "placed", "cited_by", "placed_by", "missing"}`, and `"chain"` when followed deeper)
/// or as lines:
/// the cable, then `cites:` and `cited by:` with one cable a line (id, date, origin,
/// subject; `(not in the folder)` for a missing one, `(year placed by the corpus)` for a
/// link whose year the corpus gave), each followed by the cables it leads to, indented,
/// when the chains were followed deeper (`(followed elsewhere)` for a cable whose links
/// are written at another place, `(more past depth N)` where the depth stopped).
///
/// # Errors
/// Only when writing fails.
pub fn links(
    corpus: &crate::corpus::Corpus,
    graph: &crate::corpus::RefGraph,
    links: &crate::corpus::Links,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if json {
        crate::sanitize::write_json_pretty(&mut *out, links)?;
        return writeln!(out);
    }
    let line = |id: &str, marks: &[&str]| cable_line(corpus, graph, id, marks);
    writeln!(out, "{}", line(&links.id, &[]))?;
    let placed = [crate::corpus::PLACED_MARK];
    let Some(chain) = &links.chain else {
        let list = |out: &mut dyn Write, ids: &[String], placed_ids: &[String]| {
            for id in ids {
                let marks: &[&str] = if placed_ids.contains(id) {
                    &placed
                } else {
                    &[]
                };
                writeln!(out, "  {}", line(id, marks))?;
            }
            io::Result::Ok(())
        };
        writeln!(out, "cites: {}", links.cites.len())?;
        list(out, &links.cites, &links.placed)?;
        writeln!(out, "cited by: {}", links.cited_by.len())?;
        return list(out, &links.cited_by, &links.placed_by);
    };
    let more = format!("more past depth {}", chain.depth);
    let tree = |out: &mut dyn Write, nodes: &[crate::corpus::Node]| -> io::Result<()> {
        // Depth first, each node's indent its distance from the cable.
        let mut stack: Vec<(usize, &crate::corpus::Node)> =
            nodes.iter().rev().map(|n| (1, n)).collect();
        while let Some((at, node)) = stack.pop() {
            let mut marks: Vec<&str> = Vec::new();
            if node.placed {
                marks.push(crate::corpus::PLACED_MARK);
            }
            if node.repeated {
                marks.push("followed elsewhere");
            }
            if node.more {
                marks.push(&more);
            }
            writeln!(out, "{}{}", "  ".repeat(at), line(&node.id, &marks))?;
            stack.extend(node.next.iter().rev().map(|n| (at + 1, n)));
        }
        Ok(())
    };
    writeln!(
        out,
        "cites: {} ({} links deep)",
        links.cites.len(),
        chain.depth
    )?;
    tree(out, &chain.cites)?;
    writeln!(
        out,
        "cited by: {} ({} links deep)",
        links.cited_by.len(),
        chain.depth
    )?;
    tree(out, &chain.cited_by)
}

/// `cablescope search`: one line per cable (id, date, origin, `¶N`, subject, then the
/// snippet indented on the next line), or with `json` one JSON object per line.
///
/// # Errors
/// Only when writing fails.
pub fn search(hits: &[crate::index::Hit], json: bool, out: &mut dyn Write) -> io::Result<()> {
    for h in hits {
        if json {
            let mut v = serde_json::to_value(h).map_err(io::Error::from)?;
            if let Some(o) = v.as_object_mut() {
                o.remove("paragraph_index");
                o.remove("highlights");
            }
            let line = serde_json::to_string(&v).map_err(io::Error::from)?;
            writeln!(out, "{}", sanitize_with(&line, false))?;
            continue;
        }
        let para = h.paragraph.map(|n| format!("¶{n}")).unwrap_or_default();
        let fields = [
            h.id.as_str(),
            h.date.as_deref().unwrap_or("-"),
            h.origin.as_deref().unwrap_or("-"),
            &para,
            h.subject.as_deref().unwrap_or(""),
        ];
        writeln!(out, "{}", sanitize_with(&fields.join("  "), false))?;
        let snippet = h.snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "    {}", sanitize_with(&snippet, false))?;
    }
    Ok(())
}

/// `cablescope answers`: one record per reply, as JSON lines or as a readable block each:
/// a line with post, id, date, paragraph, key (`section 23` for a heading alignment),
/// how and confidence, then the answer's text indented.
///
/// # Errors
/// Only when writing fails.
pub fn answers(rows: &[crate::tasker::Row], json: bool, out: &mut dyn Write) -> io::Result<()> {
    for row in rows {
        if json {
            serde_json::to_writer(&mut *out, row)?;
            writeln!(out)?;
            continue;
        }
        let how = match row.how {
            Some(h) => format!("{} {:.2}", h.as_str(), row.confidence),
            None => "not aligned".to_owned(),
        };
        let key = match (row.key, row.section) {
            (Some(k), _) => Some(k.to_string()),
            (None, Some(s)) => Some(format!("section {s}")),
            (None, None) => None,
        };
        // The reply's label when it is not the key itself (`Question 17`, a heading).
        let label = row.label.as_deref().filter(|l| Some(*l) != key.as_deref());
        let place = [row.paragraph.as_deref(), key.as_deref(), label]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("  ");
        let place = if place.is_empty() {
            "-".to_owned()
        } else {
            place
        };
        writeln!(
            out,
            "{}  {}  {}  {}  [{how}]",
            sanitize_with(&row.post, false),
            row.id,
            row.date.as_deref().unwrap_or("-"),
            sanitize_with(&place, false)
        )?;
        for line in sanitize_with(&row.text, true).lines() {
            if line.trim().is_empty() {
                writeln!(out)?;
            } else {
                writeln!(out, "    {line}")?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
