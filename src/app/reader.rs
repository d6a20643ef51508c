//! The reading pane's state: where it is scrolled to, and the wrapped lines of the units
//! drawn so far (cached by width).
//!
//! Wrapping is the only costly step of drawing, so it is done per unit, only for units
//! that are looked at, and cached until the width or the raw/clean view changes. Scroll
//! positions are an [`Anchor`] (unit + line inside it), so moving by lines only ever
//! measures the units it passes over: the cost is proportional to the distance moved or
//! the screen height, never to the document. No ratatui here: the view styles these
//! lines in `ui/reader.rs`.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;

use super::document::Document;

/// A position in the reading pane: wrapped line `line` of unit `unit`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    /// Unit index (0 = header, `i + 1` = paragraph `i`).
    pub unit: usize,
    /// Wrapped line inside the unit.
    pub line: usize,
}

/// What a wrapped line shows, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty separator line.
    Blank,
    /// A section heading or the header's title.
    Heading,
    /// Body text of a paragraph (or a response).
    Body,
    /// The question of a questionnaire paragraph.
    Question,
    /// A page boundary marker (`page 10 of 18`).
    PageMark(u32),
    /// Header fields and REF entries.
    Header,
    /// A raw source line.
    Raw,
    /// A paragraph hidden by the tag filter (one line stands for it).
    Hidden,
}

/// The text of a wrapped line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineText {
    /// A byte range of the paragraph's clean text (so links and matches can be styled).
    Clean(Range<usize>),
    /// Text made for display (headings, header fields, raw lines, page marks).
    Owned(String),
}

/// One screen line of a unit, before styling. Strings here are *not* yet sanitised:
/// the view sanitises everything it draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// Label drawn before the text (`¶9 (SBU) `), or indentation.
    pub prefix: String,
    /// The text.
    pub text: LineText,
    /// Its role.
    pub kind: LineKind,
}

impl WrappedLine {
    fn owned(kind: LineKind, text: impl Into<String>) -> Self {
        Self {
            prefix: String::new(),
            text: LineText::Owned(text.into()),
            kind,
        }
    }

    fn blank() -> Self {
        Self::owned(LineKind::Blank, "")
    }
}

/// Wrapped units for one width and view.
#[derive(Debug, Default)]
struct LayoutCache {
    width: usize,
    raw: bool,
    units: HashMap<usize, Rc<[WrappedLine]>>,
}

/// Past this many cached units the cache is emptied, bounding memory on huge documents.
const CACHE_LIMIT: usize = 20_000;

/// A line of clean text: paragraph index and the byte range of its text on the line.
pub type TextLine = (usize, Range<usize>);

/// State of the reading pane.
#[derive(Debug)]
pub struct ReaderState {
    /// The first line on screen.
    pub top: Anchor,
    /// Show raw source lines instead of the clean text.
    pub raw: bool,
    /// Text width used for wrapping (from the view's last draw, through
    /// [`crate::action::Action::Viewport`]; 80 before the first draw).
    pub width: usize,
    /// Text rows on screen (likewise).
    pub height: usize,
    /// Paragraphs shown while a tag filter is on (the others shrink to one line).
    filter: Option<Rc<HashSet<usize>>>,
    /// Wrapped units, a memo of a pure function of the document, the width and the view:
    /// filled by whoever asks first (scrolling or drawing), so drawing can read the app
    /// without changing it.
    cache: RefCell<LayoutCache>,
}

impl Default for ReaderState {
    fn default() -> Self {
        Self {
            top: Anchor::default(),
            raw: false,
            width: 80,
            height: 20,
            filter: None,
            cache: RefCell::new(LayoutCache::default()),
        }
    }
}

impl ReaderState {
    /// Record the size the pane was drawn at; wrapping follows the new width. Returns
    /// whether it changed.
    pub fn set_viewport(&mut self, width: usize, height: usize) -> bool {
        let (width, height) = (width.max(1), height.max(1));
        let changed = (self.width, self.height) != (width, height);
        self.width = width;
        self.height = height;
        changed
    }

    /// Show only these paragraphs (others become one dim line), or all with `None`.
    pub fn set_filter(&mut self, filter: Option<Rc<HashSet<usize>>>) {
        if self.filter != filter {
            self.filter = filter;
            self.cache.get_mut().units.clear();
        }
    }

    /// Whether a filter is on.
    #[must_use]
    pub fn is_filtered(&self) -> bool {
        self.filter.is_some()
    }

    /// The first paragraph the filter shows.
    #[must_use]
    pub fn filter_first(&self) -> Option<usize> {
        self.filter.as_ref().and_then(|f| f.iter().min().copied())
    }

    /// The wrapped lines of `unit` at the current width (cached).
    pub fn lines(&self, doc: &Document, unit: usize) -> Rc<[WrappedLine]> {
        {
            let mut cache = self.cache.borrow_mut();
            if cache.width != self.width || cache.raw != self.raw {
                cache.units.clear();
                cache.width = self.width;
                cache.raw = self.raw;
            }
            if let Some(lines) = cache.units.get(&unit) {
                return Rc::clone(lines);
            }
            if cache.units.len() >= CACHE_LIMIT {
                cache.units.clear();
            }
        }
        let hidden = |i: usize| self.filter.as_ref().is_some_and(|f| !f.contains(&i));
        let para = Document::paragraph_of(unit).filter(|&i| hidden(i));
        let lines: Rc<[WrappedLine]> = if let Some(i) = para {
            // A run of hidden paragraphs is one line, drawn by its first paragraph; the
            // others have no lines at all.
            if i > 0 && hidden(i - 1) {
                Vec::new().into()
            } else {
                let mut last = i;
                while last + 1 < doc.cable.paragraphs.len() && hidden(last + 1) {
                    last += 1;
                }
                let label = |k: usize| {
                    doc.cable
                        .paragraphs
                        .get(k)
                        .map(crate::cable::Paragraph::label)
                        .unwrap_or_default()
                };
                let text = if last == i {
                    format!("┄ {} hidden ┄", label(i))
                } else {
                    format!("┄ {}–{} hidden ┄", label(i), label(last))
                };
                vec![WrappedLine::owned(LineKind::Hidden, text)].into()
            }
        } else {
            layout_unit(doc, unit, self.width, self.raw).into()
        };
        self.cache
            .borrow_mut()
            .units
            .insert(unit, Rc::clone(&lines));
        lines
    }

    /// Number of wrapped lines of `unit` (0 for a paragraph inside a run hidden by the
    /// tag filter: the run's first paragraph draws its one line).
    pub fn height_of(&self, doc: &Document, unit: usize) -> usize {
        self.lines(doc, unit).len()
    }

    /// `at`, or when its unit has no lines, the first line of the next unit that has
    /// some (or the last unit that has some, at the end).
    fn on_a_line(&self, doc: &Document, at: Anchor) -> Anchor {
        let last = doc.unit_count() - 1;
        let mut unit = at.unit.min(last);
        if self.height_of(doc, unit) > 0 {
            return Anchor {
                unit,
                line: at.line,
            };
        }
        while unit < last && self.height_of(doc, unit) == 0 {
            unit += 1;
        }
        while unit > 0 && self.height_of(doc, unit) == 0 {
            unit -= 1;
        }
        let line = if unit < at.unit {
            self.height_of(doc, unit).saturating_sub(1)
        } else {
            0
        };
        Anchor { unit, line }
    }

    /// The anchor `delta` lines away from `from` (clamped to the document).
    pub fn offset(&self, doc: &Document, from: Anchor, delta: isize) -> Anchor {
        let mut a = self.on_a_line(doc, from);
        let last = doc.unit_count() - 1;
        if delta >= 0 {
            let mut left = delta.unsigned_abs();
            loop {
                let h = self.height_of(doc, a.unit);
                let room = h.saturating_sub(a.line + 1);
                if left <= room {
                    a.line += left;
                    break;
                }
                // The next unit that has lines, if any.
                let mut next = a.unit + 1;
                while next <= last && self.height_of(doc, next) == 0 {
                    next += 1;
                }
                if next > last {
                    a.line = h.saturating_sub(1);
                    break;
                }
                left -= room + 1;
                a = Anchor {
                    unit: next,
                    line: 0,
                };
            }
        } else {
            let mut left = delta.unsigned_abs();
            loop {
                if left <= a.line {
                    a.line -= left;
                    break;
                }
                let mut prev = a.unit;
                while prev > 0 {
                    prev -= 1;
                    if self.height_of(doc, prev) > 0 {
                        break;
                    }
                }
                let h = self.height_of(doc, prev);
                if prev == a.unit || h == 0 {
                    a.line = 0;
                    break;
                }
                left -= a.line + 1;
                a = Anchor {
                    unit: prev,
                    line: h - 1,
                };
            }
        }
        a
    }

    /// The top anchor that shows the document's last line on the screen's last row.
    pub fn bottom(&self, doc: &Document) -> Anchor {
        let last = doc.unit_count() - 1;
        let end = self.on_a_line(
            doc,
            Anchor {
                unit: last,
                line: usize::MAX,
            },
        );
        let end = Anchor {
            line: end
                .line
                .min(self.height_of(doc, end.unit).saturating_sub(1)),
            ..end
        };
        let up = isize::try_from(self.height.saturating_sub(1)).unwrap_or(isize::MAX);
        self.offset(doc, end, -up)
    }

    /// Scroll by `delta` lines; scrolling down stops where the last line reaches the
    /// bottom row (unless a jump already went further). Returns whether it moved.
    pub fn scroll(&mut self, doc: &Document, delta: isize) -> bool {
        let mut to = self.offset(doc, self.top, delta);
        if delta > 0 {
            let limit = self.bottom(doc).max(self.top);
            to = to.min(limit);
        }
        self.set_top(to)
    }

    /// Move the top line; returns whether it changed.
    pub fn set_top(&mut self, to: Anchor) -> bool {
        let changed = self.top != to;
        self.top = to;
        changed
    }

    /// The first and last lines of clean text on screen (from the top line, `height`
    /// rows); `None` when no text is on screen.
    pub fn visible_text(&self, doc: &Document) -> Option<(TextLine, TextLine)> {
        let mut first = None;
        let mut last = None;
        let mut rows = 0;
        let mut at = self.top;
        while rows < self.height && at.unit < doc.unit_count() {
            let lines = self.lines(doc, at.unit);
            for l in lines.iter().skip(at.line) {
                if rows >= self.height {
                    break;
                }
                rows += 1;
                if let (Some(i), LineText::Clean(r)) = (Document::paragraph_of(at.unit), &l.text) {
                    let here = (i, r.clone());
                    first.get_or_insert_with(|| here.clone());
                    last = Some(here);
                }
            }
            at = Anchor {
                unit: at.unit + 1,
                line: 0,
            };
        }
        Some((first?, last?))
    }

    /// The line of `unit` that shows byte `offset` of its clean text.
    pub fn line_of_offset(&self, doc: &Document, unit: usize, offset: usize) -> usize {
        let lines = self.lines(doc, unit);
        lines
            .iter()
            .rposition(|l| matches!(&l.text, LineText::Clean(r) if r.start <= offset))
            .unwrap_or(0)
    }

    /// The line of `unit` holding the marker of page `page`.
    pub fn line_of_page(&self, doc: &Document, unit: usize, page: u32) -> Option<usize> {
        self.lines(doc, unit)
            .iter()
            .position(|l| l.kind == LineKind::PageMark(page))
    }
}

/// Lay out one unit at `width` columns.
#[must_use]
pub fn layout_unit(doc: &Document, unit: usize, width: usize, raw: bool) -> Vec<WrappedLine> {
    let width = width.max(8);
    match Document::paragraph_of(unit) {
        None => layout_header(doc, width, raw),
        Some(i) => layout_paragraph(doc, i, width, raw),
    }
}

fn push_wrapped_owned(out: &mut Vec<WrappedLine>, kind: LineKind, text: &str, width: usize) {
    let opts = textwrap::Options::new(width).subsequent_indent("  ");
    // Wrapped as drawn: textwrap counts escape sequences as zero columns, but they are
    // drawn as visible placeholders, so a line holding one would run past the pane.
    let text = crate::sanitize::sanitize(text);
    for line in textwrap::wrap(&text, opts) {
        out.push(WrappedLine::owned(kind, line.into_owned()));
    }
}

fn push_raw(out: &mut Vec<WrappedLine>, lines: &[&str], width: usize) {
    for line in lines {
        let chars: Vec<char> = line.trim_end().chars().collect();
        if chars.is_empty() {
            out.push(WrappedLine::owned(LineKind::Raw, ""));
        }
        for chunk in chars.chunks(width) {
            out.push(WrappedLine::owned(
                LineKind::Raw,
                chunk.iter().collect::<String>(),
            ));
        }
    }
}

fn layout_header(doc: &Document, width: usize, raw: bool) -> Vec<WrappedLine> {
    let mut out = Vec::new();
    let h = &doc.cable.header;
    if raw {
        let end = doc
            .source
            .get(..h.span.end)
            .map_or(0, |s| s.lines().count());
        push_raw(&mut out, &doc.source_lines(&(1..end.max(1))), width);
        out.push(WrappedLine::blank());
        return out;
    }
    let title = doc.cable.id.clone().unwrap_or_else(|| doc.name.clone());
    out.push(WrappedLine::owned(LineKind::Heading, title));
    let mut field = |name: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            push_wrapped_owned(&mut out, LineKind::Header, &format!("{name}: {v}"), width);
        }
    };
    field("Subject", h.subject.clone());
    field("Date", h.date_label());
    field("From", h.from.clone());
    field("To", Some(crate::cable::Recipient::names(&h.to, ", ")));
    field("Info", Some(crate::cable::Recipient::names(&h.info, ", ")));
    field(
        "Class",
        h.classification.as_ref().map(|c| {
            let mut s = c.clone();
            for x in &h.handling {
                s.push(' ');
                s.push_str(x);
            }
            s
        }),
    );
    // Each TAG with its meaning, as the glossary has it.
    let tags: Vec<String> = h
        .tags
        .iter()
        .map(|t| {
            let meaning = doc.glossary.get(t).and_then(|e| e.expansion.as_deref());
            format!("{t} ({})", meaning.unwrap_or("unknown"))
        })
        .collect();
    field("Tags", Some(tags.join(", ")));
    field("Classified by", h.authority_label());
    field("Derived from", h.derived_from.clone());
    field("Declassify", h.declassify_label());
    field("Partial", h.partial_label().map(str::to_owned));
    field("Corrected copy", h.correction_label().map(str::to_owned));
    for r in &h.refs {
        let letter = r.letter.map(|c| format!("{c}. ")).unwrap_or_default();
        let id = match &r.id {
            Some(id) if r.year_placed => format!("  [{id}, {}]", crate::corpus::PLACED_MARK),
            Some(id) => format!("  [{id}]"),
            None => String::new(),
        };
        push_wrapped_owned(
            &mut out,
            LineKind::Header,
            &format!("REF {letter}{}{id}", r.text),
            width,
        );
    }
    out.push(WrappedLine::blank());
    out
}

fn layout_paragraph(doc: &Document, index: usize, width: usize, raw: bool) -> Vec<WrappedLine> {
    let mut out = Vec::new();
    let Some(p) = doc.cable.paragraphs.get(index) else {
        return out;
    };
    if let Some(s) = doc.opens_section(index)
        && let Some(section) = doc.cable.sections.get(s)
    {
        push_wrapped_owned(&mut out, LineKind::Heading, &section.title, width);
        out.push(WrappedLine::blank());
    }
    if raw {
        push_raw(&mut out, &doc.source_lines(&p.lines), width);
        out.push(WrappedLine::blank());
        return out;
    }
    let mut label = p.label();
    if let Some(m) = &p.marking {
        label.push_str(&format!(" ({m})"));
    }
    label.push(' ');
    // Pieces: (range of clean text, kind). A question is set apart from its response.
    let text = p.text.as_str();
    let mut pieces: Vec<(Range<usize>, LineKind)> = Vec::new();
    match &p.question {
        Some(q) if q.response.start <= text.len() && q.response.start > 0 => {
            pieces.push((0..q.response.start, LineKind::Question));
            pieces.push((q.response.start..text.len(), LineKind::Body));
        }
        _ => exchange_pieces(p, &mut pieces),
    }
    // Split pieces at block separators (`\n`) and page breaks.
    let mut cuts: Vec<(usize, Option<u32>)> = text
        .match_indices('\n')
        .map(|(i, _)| (i, None))
        .chain(p.page_breaks.iter().map(|b| (b.offset, Some(b.page))))
        .collect();
    cuts.sort_unstable();
    let total = doc.cable.page_count;
    let mut first = true;
    for (range, kind) in pieces {
        if kind == LineKind::Body && !first {
            push_separator(&mut out);
        }
        let mut start = range.start;
        for &(at, page) in cuts.iter().filter(|(at, _)| range.contains(at)) {
            if at < start || at > range.end {
                continue;
            }
            wrap_clean(&mut out, text, start..at, kind, width, &mut first, &label);
            if let Some(page) = page {
                let mark = match total {
                    Some(t) => format!("page {page} of {t}"),
                    None => format!("page {page}"),
                };
                out.push(WrappedLine::owned(LineKind::PageMark(page), mark));
                start = at;
            } else {
                // Blocks that were paragraphs of their own in the original stay apart.
                if !first {
                    push_separator(&mut out);
                }
                start = at + 1;
            }
        }
        wrap_clean(
            &mut out,
            text,
            start..range.end,
            kind,
            width,
            &mut first,
            &label,
        );
    }
    if first {
        out.push(WrappedLine {
            prefix: label,
            text: LineText::Clean(0..0),
            kind: LineKind::Body,
        });
    }
    out.push(WrappedLine::blank());
    out
}

/// The pieces of a paragraph without a question of its own: its sub-paragraph exchanges
/// (`A. (S/NF) USG Concern: …`) styled as questions up to their response, the rest as
/// body text. Without exchanges, one body piece.
fn exchange_pieces(p: &crate::cable::Paragraph, pieces: &mut Vec<(Range<usize>, LineKind)>) {
    let len = p.text.len();
    let mut at = 0;
    for sub in &p.subparagraphs {
        let Some(q) = &sub.question else { continue };
        let (start, split) = (sub.range.start, q.response.start);
        if start < at || split < start || split > len {
            continue;
        }
        if start > at {
            pieces.push((at..start, LineKind::Body));
        }
        pieces.push((start..split, LineKind::Question));
        at = split;
    }
    if at < len || pieces.is_empty() {
        pieces.push((at..len, LineKind::Body));
    }
}

/// A blank line, unless the last line already is one.
fn push_separator(out: &mut Vec<WrappedLine>) {
    if out.last().is_some_and(|l| l.kind != LineKind::Blank) {
        out.push(WrappedLine::blank());
    }
}

/// Wrap `text[range]` into lines whose ranges index `text`; the very first line of the
/// paragraph carries `label`.
fn wrap_clean(
    out: &mut Vec<WrappedLine>,
    text: &str,
    range: Range<usize>,
    kind: LineKind,
    width: usize,
    first: &mut bool,
    label: &str,
) {
    let Some(piece) = text.get(range.clone()) else {
        return;
    };
    if piece.trim().is_empty() {
        return;
    }
    let base = text.as_ptr() as usize;
    let words: Vec<Word<'_>> = WordSeparator::AsciiSpace.find_words(piece).collect();
    let mut words = break_words(words, width);
    // Measure words as they are drawn: textwrap counts escape sequences as zero columns,
    // but they are shown as visible placeholders (one column per control character).
    for w in &mut words {
        w.width = unicode_width::UnicodeWidthStr::width(&*crate::sanitize::sanitize(w.word));
    }
    let label_width = unicode_width::UnicodeWidthStr::width(label);
    let first_width = if *first {
        width.saturating_sub(label_width).max(1)
    } else {
        width
    };
    #[allow(clippy::cast_precision_loss)]
    let widths = [first_width as f64, width as f64];
    for line in wrap_first_fit(&words, &widths) {
        let (Some(a), Some(b)) = (line.first(), line.last()) else {
            continue;
        };
        let start = a.word.as_ptr() as usize - base;
        let end = b.word.as_ptr() as usize - base + b.word.len();
        let prefix = if *first {
            *first = false;
            label.to_owned()
        } else {
            String::new()
        };
        out.push(WrappedLine {
            prefix,
            text: LineText::Clean(start..end),
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::{Cable, PageBreak, Paragraph};

    fn doc(text: &str) -> Document {
        let mut cable = Cable::default();
        cable.paragraphs.push(Paragraph {
            number: Some(1),
            text: text.to_owned(),
            page_breaks: vec![PageBreak {
                offset: 11,
                page: 2,
            }],
            ..Paragraph::default()
        });
        Document::new("t".into(), None, cable, String::new())
    }

    #[test]
    fn wrapped_ranges_index_the_clean_text() {
        let d = doc("alpha beta gamma delta epsilon zeta eta theta");
        let lines = layout_unit(&d, 1, 16, false);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| match &l.text {
                LineText::Clean(r) => {
                    format!("{}{}", l.prefix, &d.cable.paragraphs[0].text[r.clone()])
                }
                LineText::Owned(s) => s.clone(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "¶1 alpha beta",
                "page 2",
                "gamma delta",
                "epsilon zeta eta",
                "theta",
                ""
            ]
        );
    }

    #[test]
    fn a_run_of_hidden_paragraphs_is_one_line_and_scrolling_steps_over_it() {
        let mut cable = Cable::default();
        for n in 1..=6 {
            cable.paragraphs.push(Paragraph {
                number: Some(n),
                text: format!("paragraph {n} text"),
                ..Paragraph::default()
            });
        }
        let d = Document::new("t".into(), None, cable, String::new());
        let mut r = ReaderState::default();
        r.set_viewport(40, 3);
        r.set_filter(Some(Rc::new([0, 5].into_iter().collect())));
        let text = |r: &mut ReaderState, unit: usize| -> Vec<String> {
            r.lines(&d, unit)
                .iter()
                .map(|l| match &l.text {
                    LineText::Owned(s) => s.clone(),
                    LineText::Clean(x) => d.cable.paragraphs[unit - 1].text[x.clone()].to_owned(),
                })
                .collect()
        };
        assert_eq!(text(&mut r, 2), ["┄ ¶2–¶5 hidden ┄"]);
        for unit in 3..=5 {
            assert_eq!(r.height_of(&d, unit), 0, "unit {unit}");
        }
        // Every line of the document, one step at a time, and back.
        let mut seen = vec![Anchor::default()];
        loop {
            let last = *seen.last().expect("one");
            let next = r.offset(&d, last, 1);
            if next == last {
                break;
            }
            assert!(r.height_of(&d, next.unit) > next.line, "{next:?} is a line");
            seen.push(next);
        }
        let total: usize = (0..d.unit_count()).map(|u| r.height_of(&d, u)).sum();
        assert_eq!(seen.len(), total);
        let end = *seen.last().expect("end");
        assert_eq!(
            r.offset(&d, end, -isize::try_from(total).expect("small")),
            Anchor::default()
        );
        for (k, a) in seen.iter().enumerate() {
            assert_eq!(
                r.offset(&d, end, -isize::try_from(total - 1 - k).expect("small")),
                *a
            );
        }
        // An anchor inside the run (a jump to ¶4) shows from the next line there is.
        assert_eq!(
            r.offset(&d, Anchor { unit: 4, line: 0 }, 0),
            Anchor { unit: 6, line: 0 }
        );
    }

    #[test]
    fn scrolling_walks_units() {
        let d = doc("one two three four five six");
        let mut r = ReaderState::default();
        r.set_viewport(8, 2);
        let h = r.height_of(&d, 1);
        let end = r.offset(&d, Anchor::default(), 1000);
        assert_eq!(
            end,
            Anchor {
                unit: 1,
                line: h - 1
            }
        );
        assert_eq!(r.offset(&d, end, -1000), Anchor::default());
    }
}
