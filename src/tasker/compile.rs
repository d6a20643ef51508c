//! The question view as one document: every reply's answer to one tasker question,
//! gathered into a [`Cable`] that the reader shows like any other (links, search, the
//! glossary and annotations work there), with the map back to each reply, so that a
//! note taken on an answer is kept in the sidecar of the cable it came from.
//!
//! Each reply is a section, titled with its post, id, date, page, paragraph and how its
//! answer was aligned. Its answer's passages are its paragraphs, cut to the passage: Dakar's
//! 23.E is the `-- E.` part of its ¶23, not all of ¶23. A compiled paragraph holds the
//! reply paragraph's clean text byte for byte from the passage's start, so a position
//! maps back by adding that start ([`Compiled::to_reply`]). A reply with no answer gets a
//! line saying so, which maps to no cable.
//!
//! Compiled paragraphs carry no `¶` number (the section title says which paragraph it
//! is): numbers repeat from reply to reply, and an anchor must name its paragraph here
//! by index alone.

use std::ops::Range;
use std::path::PathBuf;

use crate::cable::{
    Block, Cable, CrossRef, Definition, PageBreak, Paragraph, Question, Reference, Section,
    SubParagraph, XrefTarget,
};

use super::align::How;
use super::keys::Key;
use super::study::{Studied, Study, paragraph_label};

/// Where a compiled paragraph's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Index into [`Compiled::parts`].
    pub part: usize,
    /// Index of the paragraph in the reply's parse.
    pub paragraph: usize,
    /// Byte offset in that paragraph's clean text where the compiled text starts.
    pub base: usize,
}

/// One reply in the compiled document.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The post that sent it.
    pub post: String,
    /// Its id.
    pub id: String,
    /// The path naming it (a cable of a file of many's `FILE.cablescope/ID`): its
    /// sidecar is this path's.
    pub path: PathBuf,
    /// Whether an answer was aligned (else its one paragraph says so).
    pub answered: bool,
    /// Its compiled paragraphs.
    pub paragraphs: Range<usize>,
}

/// Every reply's answer to one question, as one document.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The tasker.
    pub tasker: String,
    /// The question.
    pub key: Key,
    /// The document: a section per reply.
    pub cable: Cable,
    /// The replies' sources one after another (for the raw view).
    pub source: String,
    /// The replies, in the study's order.
    pub parts: Vec<Part>,
    /// Per compiled paragraph, where it comes from (`None` for the question and the
    /// "no answer" lines).
    pub pieces: Vec<Option<Piece>>,
}

impl Compiled {
    /// Every reply of `study`'s answer to `key`. `source_of` gives a reply's source text
    /// for the raw view (`None` leaves its raw lines empty).
    #[must_use]
    pub fn new(study: &Study, key: Key, source_of: impl Fn(&Studied) -> Option<String>) -> Self {
        let mut b = Builder::default();
        let question = study
            .questionnaire
            .items
            .iter()
            .find(|it| it.key == key)
            .map(|it| it.text.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "(no reply quotes this question's text)".to_owned());
        b.section("THE QUESTION".to_owned());
        b.line(format!("{key}. {question}"));
        let mut answered = 0;
        for r in &study.replies {
            let chosen = r.answers_to(key);
            let date = r.date.map_or_else(
                || "no date".to_owned(),
                |d| d.format("%Y-%m-%d").to_string(),
            );
            if chosen.is_empty() {
                let why = r.error.as_deref().map_or_else(
                    || format!("No answer aligned to {key}."),
                    |e| format!("Not read: {e}"),
                );
                b.part(
                    r,
                    format!("{} — {}, {date}: no answer", r.post, r.id),
                    false,
                );
                b.line(why);
                continue;
            }
            answered += 1;
            let source = source_of(r);
            let base = b.add_source(source.as_deref());
            for a in chosen {
                let page = a
                    .passages
                    .first()
                    .and_then(|p| page_at(r.cable.paragraphs.get(p.paragraph)?, p.range.start))
                    .map_or_else(String::new, |p| format!(", page {p}"));
                let how = match a.how {
                    How::Heading => format!("section {} by heading", a.section),
                    how => format!("{} by {}", a.key.unwrap_or(key), how.as_str()),
                };
                let title = format!(
                    "{} — {}, {date}{page}, {} ({}): {how}, {:.2}",
                    r.post,
                    r.id,
                    paragraph_label(&r.cable, a),
                    a.label,
                    a.confidence
                );
                b.part(r, title, true);
                for p in &a.passages {
                    b.passage(r, p.paragraph, p.range.clone(), base);
                }
            }
        }
        let mut cable = b.cable;
        cable.header.subject = Some(format!(
            "{} {key}: every reply's answer ({answered} of {} replies answer)",
            study.responders.tasker,
            study.replies.len()
        ));
        Self {
            tasker: study.responders.tasker.clone(),
            key,
            cable,
            source: b.source,
            parts: b.parts,
            pieces: b.pieces,
        }
    }

    /// The reply position of byte `offset` of compiled paragraph `index`: `(part, the
    /// paragraph's index in the reply, offset in its clean text)`.
    #[must_use]
    pub fn to_reply(&self, index: usize, offset: usize) -> Option<(usize, usize, usize)> {
        let piece = (*self.pieces.get(index)?)?;
        Some((piece.part, piece.paragraph, piece.base + offset))
    }

    /// The compiled position of byte `offset` of reply paragraph `paragraph` of `part`,
    /// when the view shows it: `(compiled index, offset)`.
    #[must_use]
    pub fn to_compiled(
        &self,
        part: usize,
        paragraph: usize,
        offset: usize,
    ) -> Option<(usize, usize)> {
        let range = self.parts.get(part)?.paragraphs.clone();
        range.into_iter().find_map(|i| {
            let piece = (*self.pieces.get(i)?)?;
            let len = self.cable.paragraphs.get(i)?.text.len();
            (piece.paragraph == paragraph && (piece.base..=piece.base + len).contains(&offset))
                .then(|| (i, offset - piece.base))
        })
    }

    /// The part showing compiled paragraph `index`.
    #[must_use]
    pub fn part_of(&self, index: usize) -> Option<usize> {
        self.parts
            .iter()
            .position(|p| p.paragraphs.contains(&index))
    }

    /// Whether an annotation from paragraph `start` to paragraph `end` can be kept: both
    /// ends in one reply's answer (it goes to that reply's sidecar).
    #[must_use]
    pub fn holds(&self, start: usize, end: usize) -> bool {
        let part = self.part_of(start);
        part.is_some()
            && part == self.part_of(end)
            && self.to_reply(start, 0).is_some()
            && self.to_reply(end, 0).is_some()
    }

    /// The first compiled paragraph of reply `id`'s answer.
    #[must_use]
    pub fn first_of(&self, id: &str) -> Option<usize> {
        self.parts
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.paragraphs.start)
    }
}

/// The page a paragraph is on at byte `offset` of its clean text.
fn page_at(p: &Paragraph, offset: usize) -> Option<u32> {
    let page = p
        .page_breaks
        .iter()
        .take_while(|b| b.offset <= offset)
        .last()
        .map_or(p.page, |b| b.page);
    (page > 0).then_some(page)
}

/// The compiled document as it grows.
#[derive(Default)]
struct Builder {
    cable: Cable,
    source: String,
    /// Lines in `source` so far.
    lines: usize,
    parts: Vec<Part>,
    pieces: Vec<Option<Piece>>,
}

impl Builder {
    /// Open a section titled `title` (its paragraphs follow).
    fn section(&mut self, title: String) {
        self.cable.sections.push(Section {
            title,
            paragraphs: Vec::new(),
            span: 0..0,
            line: 0,
        });
    }

    /// Open reply `r`'s part (and its section).
    fn part(&mut self, r: &Studied, title: String, answered: bool) {
        self.section(title);
        let at = self.cable.paragraphs.len();
        self.parts.push(Part {
            post: r.post.clone(),
            id: r.id.clone(),
            path: r.path.clone(),
            answered,
            paragraphs: at..at,
        });
    }

    /// Add `paragraph` (from `piece`, if any) to the open section and part.
    fn push(&mut self, mut paragraph: Paragraph, piece: Option<Piece>) {
        let i = self.cable.paragraphs.len();
        let s = self.cable.sections.len().checked_sub(1);
        paragraph.section = s;
        if let Some(section) = s.and_then(|s| self.cable.sections.get_mut(s)) {
            section.paragraphs.push(i);
        }
        self.cable.paragraphs.push(paragraph);
        self.pieces.push(piece);
        if let Some(part) = self.parts.last_mut()
            && self.cable.sections.len() > 1
        {
            part.paragraphs.end = i + 1;
        }
    }

    /// A line of the view's own (no reply's text).
    fn line(&mut self, text: String) {
        let p = Paragraph {
            text,
            ..Paragraph::default()
        };
        self.push(p, None);
    }

    /// Append a reply's source; returns its byte and line offsets in the whole.
    fn add_source(&mut self, source: Option<&str>) -> Option<(usize, usize)> {
        let source = source?;
        let at = (self.source.len(), self.lines);
        self.source.push_str(source);
        if !source.ends_with('\n') {
            self.source.push('\n');
        }
        // The lines of this source only: counting the whole again for each reply made
        // a 75-reply view quadratic (half its open time).
        self.lines += memchr::memchr_iter(b'\n', &self.source.as_bytes()[at.0..]).count();
        Some(at)
    }

    /// Add the passage `range` of reply `r`'s paragraph `index`, its links and
    /// definitions; `base` is where the reply's source starts in the whole.
    fn passage(
        &mut self,
        r: &Studied,
        index: usize,
        range: Range<usize>,
        base: Option<(usize, usize)>,
    ) {
        let Some(p) = r.cable.paragraphs.get(index) else {
            return;
        };
        let range = clamp(&p.text, range);
        let mut cut = cut(p, range.clone());
        match base {
            Some((bytes, lines)) => {
                cut.span = p.span.start + bytes..p.span.end + bytes;
                cut.lines = p.lines.start + lines..p.lines.end + lines;
            }
            None => {
                cut.span = 0..0;
                cut.lines = 0..0;
            }
        }
        let part = self.parts.len() - 1;
        let at = self.cable.paragraphs.len();
        self.push(
            cut,
            Some(Piece {
                part,
                paragraph: index,
                base: range.start,
            }),
        );
        let inside = |x: &Range<usize>| shift(x, &range);
        for x in r.cable.xrefs.iter().filter(|x| x.paragraph == index) {
            let (Some(phrase), Some(within)) = (inside(&x.phrase), inside(&x.range)) else {
                continue;
            };
            let target = match &x.target {
                XrefTarget::Paragraph(t) => self.paragraph_target(r, *t),
                XrefTarget::Ref(k) => r.cable.header.refs.get(*k).map_or_else(
                    || x.target.clone(),
                    |re| XrefTarget::Ref(self.reference(re)),
                ),
                XrefTarget::Unresolved(_) => x.target.clone(),
            };
            self.cable.xrefs.push(CrossRef {
                paragraph: at,
                phrase,
                range: within,
                kind: x.kind,
                target,
            });
        }
        for d in r.cable.definitions.iter().filter(|d| d.paragraph == index) {
            if let Some(within) = inside(&d.range) {
                self.cable.definitions.push(Definition {
                    paragraph: at,
                    range: within,
                    ..d.clone()
                });
            }
        }
    }

    /// A link of the open part's reply to its paragraph `t`: to its compiled copy when the
    /// view holds it (an earlier passage of the same answer), else unresolved here.
    fn paragraph_target(&self, r: &Studied, t: usize) -> XrefTarget {
        let part = self
            .parts
            .last()
            .map_or(0..0, |p| p.paragraphs.start..self.cable.paragraphs.len());
        part.into_iter()
            .find(|&i| {
                self.pieces
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|p| p.paragraph == t)
            })
            .map_or_else(
                || {
                    let label = r
                        .cable
                        .paragraphs
                        .get(t)
                        .map_or_else(String::new, Paragraph::label);
                    XrefTarget::Unresolved(format!(
                        "{label} of {} is not in this view (Enter opens the reply)",
                        r.id
                    ))
                },
                XrefTarget::Paragraph,
            )
    }

    /// The index of REF entry `re` in the view's REF list (one entry per cited cable).
    fn reference(&mut self, re: &Reference) -> usize {
        let refs = &mut self.cable.header.refs;
        let same = |o: &Reference| match (&o.id, &re.id) {
            (Some(a), Some(b)) => a == b,
            _ => o.text == re.text,
        };
        refs.iter().position(same).unwrap_or_else(|| {
            refs.push(Reference {
                letter: None,
                span: 0..0,
                ..re.clone()
            });
            refs.len() - 1
        })
    }
}

/// `range` within `text`'s length and on its character boundaries (the whole text when it
/// is not).
fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    if text.is_char_boundary(start) && text.is_char_boundary(end) && start < end {
        start..end
    } else {
        0..text.len()
    }
}

/// `inner` in the coordinates of `outer`'s start, when it lies within `outer`.
fn shift(inner: &Range<usize>, outer: &Range<usize>) -> Option<Range<usize>> {
    (inner.start >= outer.start && inner.end <= outer.end)
        .then(|| inner.start - outer.start..inner.end - outer.start)
}

/// Paragraph `p` cut to `range` of its clean text: the text, and the questions,
/// sub-paragraphs, blocks and page breaks that lie within it, moved to the cut's start.
/// Repairs are left out (they describe the whole paragraph's source); the number too (see
/// the module's note).
fn cut(p: &Paragraph, range: Range<usize>) -> Paragraph {
    let inside = |x: &Range<usize>| shift(x, &range);
    let question = |q: &Question| {
        Some(Question {
            number: q.number.clone(),
            text: inside(&q.text)?,
            response: inside(&q.response)?,
        })
    };
    Paragraph {
        number: None,
        marking: p.marking.clone(),
        page: page_at(p, range.start).unwrap_or(p.page),
        lines: p.lines.clone(),
        span: p.span.clone(),
        text: p.text[range.clone()].to_owned(),
        question: p.question.as_ref().and_then(question),
        subparagraphs: p
            .subparagraphs
            .iter()
            .filter_map(|s| {
                Some(SubParagraph {
                    range: inside(&s.range)?,
                    question: s.question.as_ref().and_then(question),
                    ..s.clone()
                })
            })
            .collect(),
        blocks: p
            .blocks
            .iter()
            .filter_map(|b| {
                Some(Block {
                    range: inside(&b.range)?,
                    ..b.clone()
                })
            })
            .collect(),
        page_breaks: p
            .page_breaks
            .iter()
            .filter(|b| b.offset > range.start && b.offset < range.end)
            .map(|b| PageBreak {
                offset: b.offset - range.start,
                page: b.page,
            })
            .collect(),
        section: None,
        repairs: Vec::new(),
        line_joins: Vec::new(),
    }
}
