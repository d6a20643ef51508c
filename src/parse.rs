//! `parse(&str)`: text in, [`Cable`] plus [`Diagnostic`]s out. Never panics, never gives up.
//!
//! The parser runs in named passes, each in its own module:
//! 1. [`lines`]: split on `\n`, `\r\n` and lone `\r`; classify each line on its own
//!    (blank, page marker, SIPDIS, rule, text) and cut off `\` / `<br>` artefacts;
//! 2. [`header`]: envelope, classification, handling, E.O., TAGS, SUBJECT, REF list,
//!    Classified By; finds where the body starts; [`trailer`] where it ends, before a
//!    database record glued after the last words;
//! 3. [`structure`]: paragraphs, headings, questions, sub-paragraphs, blocks, signature,
//!    with the clean text built by [`clean`] (every repair recorded);
//! 4. [`summary`]: where the author's `Summary: … End Summary.` begins and ends;
//! 5. [`xrefs`]: cross-references, resolved once the whole tree exists;
//! 6. [`acronyms`]: acronyms defined inline (`Government of Mexico (GOM)`), read from the
//!    finished clean text by [`find_definitions`], a pass of its own that the program runs
//!    on the cables it shows or explains ([`crate::source::Source::parse`]), so that
//!    parsing for checks, ids and headers does not pay for it.
//!
//! All positions are byte offsets into the given text; slicing goes through `str::get`
//! so a bad offset can never split a UTF-8 character or panic.

mod acronyms;
mod clean;
mod diagnostic;
mod exchanges;
mod header;
mod lines;
mod scan;
mod structure;
mod summary;
mod trailer;
pub(crate) mod vocab;
mod xrefs;

pub use acronyms::{acronym_key, in_paragraph as definitions_in};
pub use diagnostic::{Diagnostic, Severity};

use serde::{Deserialize, Serialize};

use crate::cable::Cable;

/// The result of parsing: the model and the problems met on the way.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    /// The document model.
    pub cable: Cable,
    /// Non-fatal problems, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// What is known of a text besides the text itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// The file name without its extension (`06MEXICO1113`), when the text came from a
    /// file. A name that is a reference id cross-checks the id the text gives, and
    /// supplies the year when the text has no date (partial extracts).
    pub name: Option<&'a str>,
}

/// A reference id as the parser writes it (`10 secstate 0123` → `10STATE123`): spaces
/// dropped, upper case, the station's aliases mapped (`SECSTATE` = `STATE`), the serial
/// unpadded; `None` when `s` is no reference id.
#[must_use]
pub fn canonical_id(s: &str) -> Option<String> {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let (year, station, serial) = scan::split_cable_id(&compact)?;
    Some(format!(
        "{year:02}{}{serial}",
        scan::canonical_origin(station)
    ))
}

/// The station of a reference id written as the parser writes ids (`ANKARA` for
/// `05ANKARA3199`); `None` for anything else.
#[must_use]
pub fn station_of_id(id: &str) -> Option<&str> {
    scan::split_cable_id(id)
        .map(|(_, station, _)| station)
        .filter(|station| canonical_id(id).as_deref() == Some(id) && !station.is_empty())
}

/// A portion marking at byte `from` of `s` (spaces before it skipped): `(SBU)`, `(S/NF)`,
/// `(C/REL LIBYA)`; its inner range and the byte after it. The parser's own rule, for
/// readers of clean text such as [`crate::tasker::keys`].
#[must_use]
pub fn marking_at(s: &str, from: usize) -> Option<(std::ops::Range<usize>, usize)> {
    scan::marking(s, from)
}

/// Find the acronyms a parsed cable defines inline and fill [`Cable::definitions`].
pub fn find_definitions(cable: &mut Cable) {
    acronyms::find(cable);
}

/// Parse cable text.
#[must_use]
pub fn parse(text: &str) -> Parsed {
    parse_with(text, &Hints::default())
}

/// Parse cable text, with what is known of where it came from.
#[must_use]
pub fn parse_with(text: &str, hints: &Hints<'_>) -> Parsed {
    let mut diagnostics = Vec::new();
    let text = within_limit(text, &mut diagnostics);
    let mut lines = lines::split(text);
    let head = read_header(text, &mut lines, hints, &mut diagnostics);
    let body = structure::build(text, &lines, head.body_start, &mut diagnostics);
    drop(lines);
    let summary = summary::find(&body.paragraphs, &body.sections);
    let mut cable = Cable {
        id: head.id,
        summary,
        page_count: head.header.section_count,
        header: head.header,
        sections: body.sections,
        paragraphs: body.paragraphs,
        xrefs: Vec::new(),
        signature: body.signature,
        definitions: Vec::new(),
    };
    // Old print headers count more pages than sections (`PAGE 04 … 01 OF 03`).
    let last_page = cable
        .paragraphs
        .iter()
        .map(|p| p.page_breaks.iter().map(|b| b.page).max().unwrap_or(p.page))
        .max();
    if let Some(last) = last_page
        && cable.page_count.is_some_and(|n| n < last)
    {
        cable.page_count = Some(last);
    }
    if !cable.paragraphs.is_empty() && !cable.paragraphs.iter().any(|p| p.number.is_some()) {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            line: cable.paragraphs.first().map_or(1, |p| p.lines.start),
            message: "no numbered paragraphs found; the body is kept as plain paragraphs"
                .to_owned(),
        });
    }
    xrefs::resolve(&mut cable);
    for x in &cable.xrefs {
        let line = cable
            .paragraphs
            .get(x.paragraph)
            .map_or(1, |p| p.lines.start);
        match &x.target {
            crate::cable::XrefTarget::Unresolved(what) => diagnostics.push(Diagnostic {
                severity: Severity::Info,
                line,
                message: format!("cross-reference to {what} does not resolve"),
            }),
            // A letter of a list that has none, read by its place: say so.
            crate::cable::XrefTarget::Ref(i) => {
                if let Some(letter) = x.letter_by_place(&cable.header.refs) {
                    diagnostics.push(Diagnostic {
                        severity: Severity::Info,
                        line,
                        message: format!(
                            "cross-reference to ref {letter} taken as entry {} of the REF list, whose entries carry no letters",
                            i + 1
                        ),
                    });
                }
            }
            _ => {}
        }
    }
    diagnostics.sort_by_key(|d| d.line);
    Parsed { cable, diagnostics }
}

/// The header alone (id, envelope, classification, TAGS, SUBJECT, REF list, Classified
/// By…), read by the same passes as [`parse_with`] reads it, without the body: what a
/// corpus's records need ([`crate::corpus::Record`]), at a fraction of a whole parse.
/// The body's fields are empty, the page count is the header's, and the header's
/// diagnostics are not kept (`check` runs the whole parse).
#[must_use]
pub fn parse_header_with(text: &str, hints: &Hints<'_>) -> Cable {
    let text = within_limit(text, &mut Vec::new());
    let mut lines = lines::split(text);
    let head = read_header(text, &mut lines, hints, &mut Vec::new());
    Cable {
        id: head.id,
        page_count: head.header.section_count,
        header: head.header,
        ..Cable::default()
    }
}

/// The header, and where the body starts and ends in `lines`: after the header's last
/// field (inside its line when a paragraph is glued on), before a database record glued
/// after the last words ([`trailer`]), whose subject stands in for a missing one.
fn read_header(
    text: &str,
    lines: &mut lines::Lines,
    hints: &Hints<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> header::HeaderOut {
    let mut head = header::parse(text, lines, hints, diagnostics);
    if let Some(at) = head.body_from {
        lines.start_at(head.body_start, at);
    }
    if let Some(t) = trailer::find(text, lines, &head.header) {
        lines.end_at(t.line, t.start);
        let took = head.header.subject.is_none() && !t.subject.is_empty();
        let mut message = "a database record (date, TAGS, subject, summary) glued after the text is left out of it".to_owned();
        if took {
            message.push_str("; its subject is the cable's, which has no SUBJECT line");
            head.header.subject = Some(t.subject);
        }
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            line: t.line + 1,
            message,
        });
    }
    head
}

/// `text`, or its first 4 GiB with a warning: line records store 32-bit offsets, and a
/// cable is never near that size, so anything larger is cut at a character boundary
/// rather than refused.
fn within_limit<'t>(text: &'t str, diagnostics: &mut Vec<Diagnostic>) -> &'t str {
    let limit = u32::MAX as usize - 1;
    if text.len() <= limit {
        return text;
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    diagnostics.push(Diagnostic {
        severity: Severity::Warning,
        line: 1,
        message: format!("input larger than 4 GiB: only the first {cut} bytes were parsed"),
    });
    text.get(..cut).unwrap_or("")
}

#[cfg(test)]
mod id_tests {
    use super::canonical_id;

    #[test]
    fn canonical_ids_are_the_parsers() {
        assert_eq!(
            canonical_id("09caracas442").as_deref(),
            Some("09CARACAS442")
        );
        assert_eq!(
            canonical_id("10 SECSTATE 0123").as_deref(),
            Some("10STATE123")
        );
        assert_eq!(canonical_id("06STATE3836").as_deref(), Some("06STATE3836"));
        assert_eq!(canonical_id("caracas 442"), None);
        assert_eq!(canonical_id(""), None);
    }
}
