//! Pass 4: the author's summary. Most cables open with `Summary: … End Summary.` in their
//! first paragraph, running on over the next ones when the summary is long; some have a
//! `SUMMARY.` paragraph of its own followed by the text, some a `Summary` heading over
//! the paragraphs (`------- SUMMARY -------`), and some only the closing words at the end
//! of the first paragraph (07BAGHDAD3895) or of the second (09PESHAWAR2). With no closing words the summary is the
//! paragraph that opened it, or the paragraphs under its heading.
//!
//! The in-paragraph `Summary: … End Summary.` blocks of [`crate::cable::Block`] mark
//! ranges inside one paragraph for the reader; this pass finds the cable's summary, which
//! may span paragraphs and open with a label or a heading those blocks do not read.

use std::sync::LazyLock;

use regex::Regex;

use crate::cable::{Paragraph, Section, Summary};

/// How far into the body a summary may open (after a precedence note or an action line),
/// in paragraphs or paragraph numbers.
const OPENS_WITHIN: usize = 4;
/// How many paragraphs a summary may run over before its `End Summary.`.
const RUNS_OVER: usize = 12;

/// The label opening a summary: `Summary:`, `SUMMARY.`, `Summary and Comment:`, `BEGIN
/// SUMMARY`, `Executive Summary:`, `Introduction and Summary:`, `Summary/Introduction.`,
/// with a marking before or after it kept out (`(c) SUMMARY:`, `Summary: (C)`).
static OPENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\([A-Z/ ]{1,12}\)\s*)?(?:begin\s+)?(?:executive\s+|introduction\s+and\s+|\(u\)\s+)?summary(?:\s*(?:and|&|/)\s*(?:comment|introduction|background|objectives|action\s+requests?|recommendations?|table\s+of\s+contents))?(?:\s*[:.\-–—]+\s*|\s+|$)(?:\([A-Z/ ]{1,12}\)\s*)?",
    )
    .expect("static regex")
});

/// The words closing it: `End Summary`, `END OF SUMMARY`.
static CLOSES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bend\s+(?:of\s+)?summary\b").expect("static regex"));

/// The summary of a cable whose body is `paragraphs` under the headings `sections`, if
/// it has one.
pub(super) fn find(paragraphs: &[Paragraph], sections: &[Section]) -> Option<Summary> {
    // Among the first paragraphs, or the first numbered ones after a participants list
    // of unnumbered lines (09STATE30049's `¶4. (C/Rel Aus) SUMMARY.`).
    let early = |(i, p): &(usize, &Paragraph)| {
        *i < OPENS_WITHIN || p.number.is_some_and(|n| n as usize <= OPENS_WITHIN)
    };
    if let Some((first, label)) = paragraphs
        .iter()
        .enumerate()
        .take(OPENS_WITHIN * 8)
        .filter(early)
        .find_map(|(i, p)| OPENS.find(&p.text).map(|m| (i, m.end())))
    {
        // A `SUMMARY.` paragraph alone: the text is the next one.
        return if paragraphs[first].text[label..].trim().is_empty() {
            closed(paragraphs, first + 1, 0, first + 1)
        } else {
            closed(paragraphs, first, label, first)
        };
    }
    // A `Summary` heading over the first paragraphs: they are the summary, to its closing
    // words or the next heading.
    if let Some(section) = sections.iter().take(2).find(|s| {
        OPENS
            .find(s.title.trim())
            .is_some_and(|m| m.end() == s.title.trim().len())
    }) && let (Some(&first), Some(&last)) =
        (section.paragraphs.first(), section.paragraphs.last())
        && first < OPENS_WITHIN
    {
        return closed(paragraphs, first, 0, last);
    }
    // Only the closing words, in the first paragraph, or in the second when the opening
    // label was lost (glued to the Classified By line, 09PESHAWAR2): the paragraphs up to
    // them are the summary.
    let (last, close) = paragraphs
        .iter()
        .take(2)
        .enumerate()
        .find_map(|(i, p)| CLOSES.find(&p.text).map(|m| (i, m)))?;
    let end = closed_at(&paragraphs[last].text[..close.start()]);
    (end > 0).then_some(Summary {
        paragraphs: 0..last + 1,
        start: 0,
        end,
    })
}

/// The summary opening at byte `start` of paragraph `first`, to its closing words within
/// [`RUNS_OVER`] paragraphs, or else to the end of paragraph `last`.
fn closed(paragraphs: &[Paragraph], first: usize, start: usize, last: usize) -> Option<Summary> {
    paragraphs.get(first)?;
    let close = paragraphs
        .iter()
        .enumerate()
        .skip(first)
        .take(RUNS_OVER)
        .find_map(|(i, p)| {
            let from = if i == first { start } else { 0 };
            CLOSES
                .find_at(&p.text, from)
                .map(|m| (i, closed_at(&p.text[..m.start()])))
        });
    let last = last.max(first).min(paragraphs.len() - 1);
    let (last, end) = close.unwrap_or_else(|| (last, open_end(&paragraphs[last].text)));
    if last == first && end <= start {
        return None;
    }
    Some(Summary {
        paragraphs: first..last + 1,
        start,
        end,
    })
}

/// Where an unclosed summary ends in its last paragraph: at the end of its text, or before
/// an `End` closing it whose `Summary` was printed as the next heading (`… in the region.
/// End` / `Summary`, 10MEXICO83).
fn open_end(text: &str) -> usize {
    let text = text.trim_end();
    match text.rsplit_once(char::is_whitespace) {
        Some((before, last)) if last.eq_ignore_ascii_case("end") => closed_at(before),
        _ => text.len(),
    }
}

/// Where the summary's words end before its closing words: spaces and the opening
/// parenthesis or dash of `(End Summary)`, `-- End Summary` left out.
fn closed_at(before: &str) -> usize {
    before
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '-' | '–' | '—'))
        .len()
}
