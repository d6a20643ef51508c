//! Pass 2b: the body. Turns classified lines into numbered paragraphs (with markings,
//! pages, line ranges, spans and clean text), section headings, questions and responses,
//! lettered sub-paragraphs, Note/Comment/Summary blocks and the signature.
//!
//! The core judgement here is which blank lines are real paragraph breaks and which are
//! OCR noise: a blank line is a break when the text before it ends a sentence on a short
//! line, or when the next line opens a block (list item, `Post Response:`, sub-paragraph).
//! Paragraph numbers are taken from the *expected* sequence, which is what recovers
//! OCR-garbled pilcrows (`J.2 .`, `1121.`, `11.2  9.`) and rejects years (`11_2005.`).

mod blocks;
mod breaks;
mod builder;
mod classify;
mod numbers;
mod signature;

use std::borrow::Cow;
use std::ops::Range;

use self::breaks::{collapsed_len, ends_sentence, first_word_len, is_response, opens_block};
use self::builder::{Builder, Spare};
use self::classify::{Ctx, Cur, Kind, classify, glued_title, next_is_rule, opens_box};
pub use self::numbers::para_start;
use self::numbers::{garbled_year_prefix, glued_start, sub_start};
use super::clean::{Join, to_text};
use super::lines::{Line, LineKind, Lines};
use super::scan::marking;
use super::{Diagnostic, Severity};
use crate::cable::{Paragraph, Repair, RepairKind, Section};

/// What the body pass produced.
#[derive(Debug, Default)]
pub struct Body {
    /// Paragraphs in document order.
    pub paragraphs: Vec<Paragraph>,
    /// Section headings.
    pub sections: Vec<Section>,
    /// Signature.
    pub signature: Option<String>,
}

impl Body {
    /// Start a section heading; returns its index.
    /// Open a section under `title`, without the slashes or dashes that frame some
    /// headings (`//COMMENT//`, `-- Overview --`).
    fn open_section(&mut self, title: String, span: Range<usize>, line: usize) -> usize {
        let framed = |c: char| c == '/' || c == '-' || c.is_whitespace();
        let title = match title.trim_matches(framed) {
            t if t.len() == title.len() || t.is_empty() => title,
            t => t.to_owned(),
        };
        self.sections.push(Section {
            title,
            paragraphs: Vec::new(),
            span,
            line,
        });
        self.sections.len() - 1
    }
}

/// The widest a cable's lines are wrapped at: a line longer than this is a paragraph of
/// its own or lines joined.
const WRAP_MAX: usize = 80;

/// The title of a heading over `n` source lines from line `i`, its first line as read
/// (`first`: the text and where it ends), and where its last line ends.
fn heading(
    src: &str,
    body_lines: &[Line],
    i: usize,
    n: usize,
    first: (&str, usize),
) -> (String, usize) {
    let mut title = super::scan::collapse(first.0);
    let mut end = first.1;
    for l in body_lines.get(i + 1..i + n).unwrap_or(&[]) {
        if l.kind == LineKind::Text {
            title.push(' ');
            title.push_str(&super::scan::collapse(l.text(src)));
            end = l.end();
        }
    }
    (title, end)
}

/// The next line for the body pass to read after line `i`: its own rest when a paragraph
/// is glued into it at `split` (read again from there), else the line after it.
fn step(i: usize, split: Option<usize>, resume: &mut Option<(usize, usize)>) -> usize {
    match split {
        Some(at) => {
            *resume = Some((i, at));
            i
        }
        None => i + 1,
    }
}

/// Build the body from `lines[start..]`.
#[allow(clippy::too_many_lines)]
pub fn build(src: &str, lines: &Lines, start: usize, diags: &mut Vec<Diagnostic>) -> Body {
    let mut body = Body::default();
    let body_lines = lines.get(start..).unwrap_or(&[]);
    // Room for a paragraph per 8 lines (cables run 15–40 lines per paragraph; one-line
    // paragraphs with blank lines between still grow), so a long cable's paragraph list
    // is not copied as it grows. Capacity never written costs address space only.
    body.paragraphs.reserve(body_lines.len() / 8);
    // Signature: the last text line (past furniture) when it is the signer's name.
    let mut end = body_lines.len();
    let mut last_end_override: Option<(usize, usize)> = None;
    if let Some(sig) = signature::find(src, body_lines) {
        body.signature = Some(sig.name);
        end = sig.text_end;
        if let Some(at) = sig.glued_at {
            last_end_override = Some((sig.line, at));
        }
    } else if let Some(k) = signature::furniture_from(src, body_lines) {
        end = k;
    }
    let body_lines = body_lines.get(..end).unwrap_or(&[]);
    // Layout: median line length decides whether every blank line is a break.
    let mut hist = [0usize; 82];
    let mut n_text = 0usize;
    let mut has_lower = false;
    let mut has_pilcrow_or_marking = false;
    // A sample is enough to judge the layout, and keeps this pass cheap on huge inputs.
    for l in body_lines
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .take(400)
    {
        let t = l.text(src);
        let c = collapsed_len(t).min(81);
        if let Some(h) = hist.get_mut(c) {
            *h += 1;
        }
        n_text += 1;
        if !has_lower && t.bytes().any(|b| b.is_ascii_lowercase()) {
            has_lower = true;
        }
        if !has_pilcrow_or_marking && t.starts_with('¶') {
            has_pilcrow_or_marking = true;
        }
    }
    let pct = |p: usize| -> usize {
        let target = n_text * p / 100;
        let mut acc = 0;
        for (len, n) in hist.iter().enumerate() {
            acc += n;
            if acc > target {
                return len;
            }
        }
        81
    };
    let one_line_paragraphs = n_text > 0 && pct(50) >= 81;
    let width = pct(90).clamp(40, WRAP_MAX);
    let _ = has_pilcrow_or_marking;

    let mut page = 1u32;
    let mut expected = 1u32;
    let mut cur: Option<Builder<'_>> = None;
    let mut section: Option<usize> = None;
    let mut blanks = 0usize;
    let mut after_rule = false;
    let mut pending_question: Option<String> = None;
    // Under a numbered section heading (`3 - Investigation …`): its number, for the keys of
    // the lettered answers below it (see `exchanges`).
    let mut lettered_section: Option<u32> = None;
    // Whether the last numbered paragraph carried a portion marking, and the last list
    // item read since it.
    let mut marked = false;
    let mut last_item: Option<u32> = None;
    let mut i = 0usize;
    let mut resume: Option<(usize, usize)> = None;
    let mut spare = Spare::default();
    while i < body_lines.len() {
        let Some(line) = body_lines.get(i) else { break };
        let line_no = start + i + 1;
        match line.kind {
            LineKind::Blank => {
                blanks += 1;
                i += 1;
                continue;
            }
            LineKind::PageMarker | LineKind::Banner => {
                if line.kind == LineKind::PageMarker && line.page > 0 {
                    page = line.page;
                }
                if let Some(b) = cur.as_mut() {
                    b.tb.remove(line.start(), line.end(), RepairKind::PageMarker);
                    if line.kind == LineKind::PageMarker {
                        b.tb.page(page);
                    }
                }
                if lines.rare(start + i).prefix.is_none() {
                    i += 1;
                    continue;
                }
            }
            LineKind::Sipdis => {
                if let Some(b) = cur.as_mut() {
                    b.tb.remove(line.start(), line.end(), RepairKind::Sipdis);
                }
                i += 1;
                continue;
            }
            LineKind::Rule => {
                // A numbered heading paragraph (`¶5. WMD … Issues` over a rule) stays open
                // so the lettered items under it join it; anything else ends here.
                if !cur.as_ref().is_some_and(|b| b.is_heading) {
                    flush(&mut cur, &mut body, section, &mut spare);
                }
                after_rule = true;
                blanks = 0;
                i += 1;
                continue;
            }
            LineKind::Text => {
                // Text after an old print header on its line (`PAGE 04 HARARE 06677 01
                // OF 03 291400Z COALITION GOVERNMENT…`) starts the page.
                if line.page > 0 {
                    page = line.page;
                    if let Some(b) = cur.as_mut() {
                        b.tb.page(page);
                    }
                }
            }
        }
        let mut line = *line;
        // The rest of a line after a paragraph glued into it (below).
        if let Some((k, from)) = resume.take()
            && k == i
        {
            line.set_start(from);
        }
        let t = line.text(src);
        let (content_end, t) = match last_end_override {
            Some((k, e)) if k == i => (e, src.get(line.start()..e).unwrap_or(t)),
            _ => (line.end(), t),
        };
        // A paragraph glued after this line's last sentence (`… grow. 12. (C) Ambassador
        // …`): the line ends before it, and is read again from it as the next line. Only
        // a line longer than any cable is wrapped at can hold one (lines joined, or a
        // paragraph a line): looking in every line cost the seed's parse 3%.
        let rule_next = next_is_rule(body_lines, i);
        let split = (t.len() > WRAP_MAX)
            .then(|| glued_start(t, expected))
            .flatten()
            .or_else(|| {
                rule_next
                    .then(|| glued_title(src, body_lines, i, t))
                    .flatten()
            })
            .map(|at| line.start() + at);
        let (content_end, t) = match split {
            Some(at) => {
                let t = src.get(line.start()..at).unwrap_or(t).trim_end();
                (line.start() + t.len(), t)
            }
            None => (content_end, t),
        };
        line.set_end(content_end);
        let ctx = Ctx {
            src,
            lines: body_lines,
            i,
            t,
            expected,
            blanks,
            after_rule,
            rule_next,
            lettered_section,
            marked,
            last_item,
            has_lower,
            cur: cur.as_ref().map(|b| Cur {
                number: b.number,
                list_item: b.list_item,
                last_text: src.get(b.last_text.0..b.last_text.1).unwrap_or(""),
                one_line: b.first_line == b.last_line,
            }),
        };
        let kind = classify(&ctx);
        // A number behind the sequence (the drafter's second ¶6) does not set it back:
        // the paragraphs after it go on from the highest number read.
        let behind = matches!(&kind, Kind::AsPrinted(ps) if ps.number < expected);
        let list_item = matches!(kind, Kind::ListItem(_));
        if let Kind::AsPrinted(ps) = &kind {
            diags.push(Diagnostic {
                severity: Severity::Warning,
                line: line_no,
                message: format!(
                    "paragraph number {} out of sequence (expected {expected}); kept as printed",
                    ps.number
                ),
            });
        }
        match kind {
            Kind::Paragraph(ps) | Kind::AsPrinted(ps) => {
                // A number left with no text before the same number starts again (`…
                // REASON: 1.4(D) 1. (C)` / `¶1. (C) During…`) is a stray: the paragraph
                // is this one.
                if cur
                    .as_ref()
                    .is_some_and(|b| b.number == Some(ps.number) && b.tb.text.is_empty())
                {
                    cur = None;
                }
                flush(&mut cur, &mut body, section, &mut spare);
                let mut b = Builder::new(src, lines, line_no, line.start(), page, &mut spare);
                b.number = Some(ps.number);
                b.marking = ps
                    .marking
                    .clone()
                    .and_then(|r| t.get(r))
                    .map(super::scan::collapse);
                if ps.garbled {
                    let raw = t.get(..ps.number_len).unwrap_or("");
                    diags.push(Diagnostic {
                        severity: Severity::Info,
                        line: line_no,
                        message: format!(
                            "paragraph number read as {:?}: taken as ¶{} from the sequence",
                            raw.trim(),
                            ps.number
                        ),
                    });
                    b.extra.push(Repair {
                        kind: RepairKind::ParagraphNumber,
                        source: line.start()..line.start() + ps.number_len,
                        replacement: Cow::Owned(format!("{}.", ps.number)),
                    });
                }
                if !behind {
                    expected = ps.number + 1;
                }
                marked = b.marking.is_some();
                last_item = None;
                lettered_section = None;
                let ts = line.start() + ps.text_start.min(t.len());
                b.push(&line, line_no, ts, Join::Space);
                b.question_label = pending_question.take();
                // A numbered heading (`¶5. WMD Proliferation Financing Issues`, `¶7. (S)
                // Where Will Change Come From?` over a rule), not a sentence over the top
                // rule of the next title's box (`¶6. (U) Post is asked to report results
                // of its efforts.` / `-----` / `POINTS OF CONTACT` / `-----`,
                // 09STATE130330).
                if rule_next
                    && t.len() <= 100
                    && (t.ends_with('?') || !ends_sentence(t))
                    && !opens_box(body_lines, i)
                {
                    section = Some(body.open_section(to_text(&b.tb.text), ts..line.end(), line_no));
                    b.is_heading = true;
                }
                cur = Some(b);
            }
            Kind::OwnSub { letter, marking } => {
                if let Some(b) = cur.as_mut() {
                    b.push_sub(&line, line_no, letter, marking);
                }
            }
            Kind::Keyed(k) => {
                flush(&mut cur, &mut body, section, &mut spare);
                let mut b = Builder::new(src, lines, line_no, line.start(), page, &mut spare);
                b.marking = k.marking;
                b.keyed = Some(k.key);
                b.push(
                    &line,
                    line_no,
                    line.start() + k.text_start.min(t.len()),
                    Join::Space,
                );
                cur = Some(b);
            }
            Kind::NumberedSection(n) => {
                flush(&mut cur, &mut body, section, &mut spare);
                section = Some(body.open_section(
                    super::scan::collapse(t),
                    line.start()..line.end(),
                    line_no,
                ));
                lettered_section = Some(n);
            }
            Kind::OutOfSequence(ps) | Kind::ListItem(ps) => {
                flush(&mut cur, &mut body, section, &mut spare);
                let message = if list_item {
                    format!(
                        "paragraph number {} without a marking continues the list before it; kept as an item",
                        ps.number
                    )
                } else {
                    format!(
                        "paragraph number {} out of sequence (expected {expected}); kept as an unnumbered paragraph",
                        ps.number
                    )
                };
                diags.push(Diagnostic {
                    severity: Severity::Warning,
                    line: line_no,
                    message,
                });
                let mut b = Builder::new(src, lines, line_no, line.start(), page, &mut spare);
                b.list_item = Some(ps.number);
                last_item = Some(ps.number);
                // The item reads as the drafter wrote it (`1. We agreed…`).
                b.push_without_pilcrow(&line, line_no, t);
                cur = Some(b);
                // A rule before it still counts for what follows (as before the split).
                blanks = 0;
                i = step(i, split, &mut resume);
                continue;
            }
            Kind::RuleTitle { lines: n_lines } => {
                flush(&mut cur, &mut body, section, &mut spare);
                // A title's later lines (none after a line cut before a glued paragraph).
                let n_lines = if split.is_some() { 1 } else { n_lines };
                let (title, span_end) = heading(src, body_lines, i, n_lines, (t, line.end()));
                if let Some(l) = title.strip_prefix("Question ")
                    && !l.is_empty()
                    && l.len() <= 4
                {
                    pending_question = Some(l.trim_end_matches(['.', ':']).to_owned());
                }
                section = Some(body.open_section(title, line.start()..span_end, line_no));
                lettered_section = None;
                blanks = 0;
                i = if n_lines > 1 {
                    i + n_lines
                } else {
                    step(i, split, &mut resume)
                };
                continue;
            }
            Kind::CapsHeading { lines: n_lines } => {
                flush(&mut cur, &mut body, section, &mut spare);
                // A line cut before a glued paragraph is read again: the heading is it.
                let n_lines = if split.is_some() { 1 } else { n_lines };
                let (title, span_end) = heading(src, body_lines, i, n_lines, (t, line.end()));
                section = Some(body.open_section(title, line.start()..span_end, line_no));
                lettered_section = None;
                i = if split.is_some() {
                    step(i, split, &mut resume)
                } else {
                    i + n_lines
                };
                blanks = 0;
                continue;
            }
            Kind::KeyedHeading => {
                flush(&mut cur, &mut body, section, &mut spare);
                section = Some(body.open_section(
                    super::scan::collapse(t),
                    line.start()..line.end(),
                    line_no,
                ));
                lettered_section = None;
            }
            Kind::Title => {
                flush(&mut cur, &mut body, section, &mut spare);
                let title = super::scan::collapse(t);
                section = Some(body.open_section(title, line.start()..line.end(), line_no));
                lettered_section = None;
            }
            Kind::FalsePilcrow => {
                diags.push(Diagnostic {
                    severity: Severity::Info,
                    line: line_no,
                    message: format!(
                        "{:?} continues the sentence before it: its ¶ is not a paragraph number",
                        t.get(..t.len().min(8)).unwrap_or(t)
                    ),
                });
                if let Some(b) = cur.as_mut() {
                    b.push_without_pilcrow(&line, line_no, t);
                }
            }
            Kind::Text => text_line(
                &mut TextLine {
                    src,
                    lines,
                    line: &line,
                    line_no,
                    t,
                    page,
                    blanks,
                    expected,
                    one_line_paragraphs,
                    width,
                },
                &mut cur,
                &mut body,
                section,
                &mut spare,
                diags,
            ),
        }
        blanks = 0;
        after_rule = false;
        i = step(i, split, &mut resume);
    }
    flush(&mut cur, &mut body, section, &mut spare);
    for p in &body.paragraphs {
        if p.text.len() > LONG_PARAGRAPH {
            let name = p
                .number
                .map_or_else(|| "An unnumbered paragraph".to_owned(), |n| format!("¶{n}"));
            diags.push(Diagnostic {
                severity: Severity::Info,
                line: p.lines.start,
                message: format!(
                    "{name} is {} KB long: a paragraph start may have been missed inside it",
                    p.text.len() / 1024
                ),
            });
        }
    }
    body
}

/// Paragraphs longer than this (bytes of clean text) get a diagnostic: cables' paragraphs
/// rarely pass a few KB, so one this long usually holds a missed paragraph start.
const LONG_PARAGRAPH: usize = 8 * 1024;

/// One running-text line and what [`text_line`] needs to place it.
struct TextLine<'a, 'l> {
    src: &'a str,
    lines: &'a Lines,
    line: &'l Line,
    line_no: usize,
    t: &'l str,
    page: u32,
    blanks: usize,
    expected: u32,
    /// Whether every line is a paragraph (media renderings).
    one_line_paragraphs: bool,
    /// The usual width of a full line, to judge whether a short line ended a paragraph.
    width: usize,
}

/// Place a running-text line: a lettered sub-paragraph of the current paragraph, its
/// continuation (after a real break or an OCR blank line), or plain unnumbered text.
fn text_line<'a>(
    l: &mut TextLine<'a, '_>,
    cur: &mut Option<Builder<'a>>,
    body: &mut Body,
    section: Option<usize>,
    spare: &mut Spare,
    diags: &mut Vec<Diagnostic>,
) {
    // Boilerplate before the signature.
    let boiler = l.t.starts_with("Visit ") && l.t.contains("Web") && l.t.contains("Site");
    match cur.as_mut() {
        Some(b) if !boiler => {
            // Lettered sub-paragraph?
            if b.number.is_some()
                && let Some((letter, off)) = sub_start(l.t, b.want_sub)
            {
                if off > 0 {
                    b.tb.remove(l.line.start(), l.line.start() + off, RepairKind::Artefact);
                }
                let mk = marking(l.t, off + 2)
                    .and_then(|(r, _)| l.t.get(r))
                    .map(str::to_owned);
                let join = if b.tb.is_empty() {
                    Join::Space
                } else {
                    Join::Newline
                };
                let at = b.tb.text.len() + usize::from(join == Join::Newline && !b.tb.is_empty());
                b.subs.push((letter, mk, at));
                b.want_sub += 1;
                b.push(l.line, l.line_no, l.line.start() + off, join);
            } else {
                let prev = l.src.get(b.last_text.0..b.last_text.1).unwrap_or("");
                let real_break = if l.blanks == 0 {
                    is_response(l.t)
                } else {
                    opens_block(l.t)
                        || l.one_line_paragraphs
                        || (ends_sentence(prev)
                            && collapsed_len(prev) + 1 + first_word_len(l.t) <= l.width)
                        // In a keyed answer, a portion-marked paragraph (`(SBU) …`).
                        || (b.keyed.is_some()
                            && l.t.starts_with('(')
                            && marking(l.t, 0).is_some())
                };
                if real_break && b.number.is_none() && b.keyed.is_none() && !is_response(l.t) {
                    // Unnumbered text: a real break starts a new plain paragraph.
                    flush(cur, body, section, spare);
                    let mut nb =
                        Builder::new(l.src, l.lines, l.line_no, l.line.start(), l.page, spare);
                    nb.push(l.line, l.line_no, l.line.start(), Join::Space);
                    *cur = Some(nb);
                } else {
                    let join = if real_break {
                        Join::Newline
                    } else {
                        Join::Space
                    };
                    let mut from = l.line.start();
                    if let Some(n) = garbled_year_prefix(l.t) {
                        b.tb.remove(from, from + n, RepairKind::Artefact);
                        from += n;
                    }
                    b.push(l.line, l.line_no, from, join);
                }
            }
        }
        _ => {
            flush(cur, body, section, spare);
            let mut b = Builder::new(l.src, l.lines, l.line_no, l.line.start(), l.page, spare);
            b.push(l.line, l.line_no, l.line.start(), Join::Space);
            if l.expected == 1 || boiler {
                // Text before the first numbered paragraph is normal (summaries).
            } else {
                diags.push(Diagnostic {
                    severity: Severity::Info,
                    line: l.line_no,
                    message: "text outside numbered paragraphs kept as a plain paragraph"
                        .to_owned(),
                });
            }
            *cur = Some(b);
        }
    }
}

/// Finish the paragraph being built, if any, and file it under `section`.
fn flush(
    cur: &mut Option<Builder<'_>>,
    body: &mut Body,
    section: Option<usize>,
    spare: &mut Spare,
) {
    if let Some(b) = cur.take()
        && let Some(p) = b.finish(section, spare)
    {
        if let Some(s) = section.and_then(|s| body.sections.get_mut(s)) {
            s.paragraphs.push(body.paragraphs.len());
        }
        body.paragraphs.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::blocks::{blocks, find_ci, find_opener, question};
    use super::breaks::{head, opens_block_head};
    use super::*;
    use crate::parse::vocab::{GARBLES, INLINE_BLOCKS, RESPONSE_MARKERS};

    #[test]
    fn recovers_garbled_numbers_from_the_sequence() {
        let cases = [
            ("11.  (SBU)  The", 1, Some(1)),
            ("J.2 . (SBU)  Question  1.", 2, Some(2)),
            ("1[4 . (SBU)  Question  3.", 4, Some(4)),
            ("T_8 . (SBU)  Question  7.", 8, Some(8)),
            ("1121.  (SBU)  Question  20.", 21, Some(21)),
            ("112  3.  (SBU)  Question  22.", 23, Some(23)),
            ("11.2  9.  (SBU)  Question  28.", 29, Some(29)),
            ("17 . (SBU)  Question  6.", 7, Some(7)),
            ("11_2005.  The  OAS  funds", 15, None),
            ("11959  .", 27, None),
            ("¶2006.", 5, None),
            ("¶1. (U) This is", 1, Some(1)),
            ("1.(C) Summary", 1, Some(1)),
            ("1.4(b) and (d).", 1, None),
            ("¶1. ON FEB 24", 1, Some(1)),
        ];
        for (line, expected, want) in cases {
            assert_eq!(
                para_start(line, expected, false).map(|p| p.number),
                want,
                "{line}"
            );
        }
    }

    #[test]
    fn questions_split_from_responses() {
        let t = "Question 3. What is it?\nPost Response: It is.";
        let q = question(t).expect("question");
        assert_eq!(t.get(q.text), Some("What is it?"));
        assert_eq!(t.get(q.response), Some("It is."));
    }

    #[test]
    fn finds_blocks() {
        let b = blocks("A (Note: x. End Note.) B Comment: y End Comment.");
        assert_eq!(b.len(), 2);
    }

    /// Every response marker of the table is recognised, in any case and after a
    /// marking: the fast test in front of it is derived from the same table, so a marker
    /// added there cannot be turned away by a gate written elsewhere.
    #[test]
    fn every_response_marker_opens_a_response_and_a_block() {
        for m in RESPONSE_MARKERS {
            let upper = m.to_ascii_uppercase();
            let title: String = m
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join("  ");
            for line in [
                format!("{m} text"),
                format!("{upper} text"),
                format!("{title} text"),
                format!("(SBU) {title} text"),
            ] {
                assert!(is_response(&line), "{line}");
                assert!(opens_block(&line), "{line}");
            }
        }
        assert!(!is_response("Responses vary by region"));
        assert!(!is_response("(SBU) The post responded"));
    }

    /// Every garble before a year is recognised (the first-byte test is derived from
    /// the same table).
    #[test]
    fn garbles_before_a_year_are_dropped() {
        for g in GARBLES {
            // The first word ends at a `.`, so a garble with one is never a year's prefix.
            let want = (!g.contains('.')).then_some(g.len());
            assert_eq!(garbled_year_prefix(&format!("{g}2005. text")), want, "{g}");
        }
    }

    /// Lines long enough to fill the `u8` lanes past 255 blocks are counted exactly.
    #[test]
    fn collapsed_len_of_long_lines() {
        for n in [4079, 4080, 4081, 4096, 9000] {
            let t: String = (0..n)
                .map(|i| match i % 7 {
                    0 | 1 => ' ',
                    2 => '\t',
                    _ => 'a',
                })
                .collect();
            let want = t
                .split([' ', '\t'])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .len();
            assert_eq!(collapsed_len(&t), want, "length {n}");
        }
    }

    proptest::proptest! {
        /// The two-byte filter in `opens_block` never turns away a line the full test
        /// (on the line's head) takes.
        #[test]
        fn opens_block_filter_keeps_every_opener(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                " ", "\t", "-", "*", "(", ")", "SBU", "Note", "NOTE", "note", ":", "Comment",
                "COMMENT", "BEGIN", "END", "End", "Question", "Post", "post", "response",
                "Response", "GOA", "goa", "x", "é", "1", "Embassy", "Question",
            ][..]), 0..8),
        ) {
            let t = pieces.concat();
            let full = opens_block_head(head(&t).as_str());
            proptest::prop_assert_eq!(opens_block(&t), full, "{:?}", t);
        }
    }

    proptest::proptest! {
        /// `find_opener` finds what the regex of the openers finds, leftmost first.
        #[test]
        fn find_opener_is_the_opener_regex(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "Note", "NOTE", ":", ".", " ", "Comment", "COMMENT:", "Summary", "SUMMARY",
                "BEGIN", "BEGIN SUMMARY", "Begin translation", "BEGIN TEXT", "B", "x", "é",
            ][..]), 0..12),
            from in 0usize..40,
        ) {
            let text = pieces.concat();
            let re = regex::Regex::new(
                "Note[:.]|NOTE:|Comment:|COMMENT:|Summary:|SUMMARY:|BEGIN SUMMARY|Begin translation|BEGIN TEXT",
            ).expect("regex");
            let from = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let want = re.find_at(&text, from).map(|m| (m.start(), m.end(), m.as_str().to_owned()));
            let got = find_opener(&text, from)
                .and_then(|(s, e, i)| INLINE_BLOCKS.get(i).map(|o| (s, e, o.0.to_owned())));
            proptest::prop_assert_eq!(got, want);
        }

        /// The rare-letter search finds what a plain case-insensitive scan finds.
        #[test]
        fn find_ci_is_the_first_case_insensitive_match(
            hay in proptest::collection::vec(proptest::sample::select(&[
                "e", "E", "n", "d", "D", " ", "End", "end note", "END NOTE", "x", "é", "Note",
            ][..]), 0..16),
            needle in proptest::sample::select(&["End Note", "END TEXT", "End translation", "d", "Ed"][..]),
        ) {
            let hay = hay.concat();
            let want = hay
                .as_bytes()
                .windows(needle.len())
                .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
            proptest::prop_assert_eq!(find_ci(&hay, needle), want);
        }

        /// The branch-free count is the length of the collapsed, trimmed text.
        #[test]
        fn collapsed_len_is_the_collapsed_length(
            t in proptest::collection::vec(proptest::sample::select(&[
                " ", "\t", "a", "é", "  ", ".",
            ][..]), 0..60),
        ) {
            let t = t.concat();
            let want = t.split([' ', '\t']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").len();
            proptest::prop_assert_eq!(collapsed_len(&t), want);
        }
    }
}
