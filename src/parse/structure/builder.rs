//! One paragraph under construction: its number, marking, page, lines and span, and the
//! clean text built line by line with every repair recorded.

use std::borrow::Cow;

use super::blocks::{blocks, question};
use crate::cable::{Paragraph, Question, QuestionNumber, Repair, RepairKind, SubParagraph};
use crate::parse::clean::{Join, TextBuilder, to_text};
use crate::parse::lines::{Line, Lines};

/// Working buffers handed from one paragraph's [`Builder`] to the next. A paragraph's text
/// and line joins are built in these (they grow once, to the longest paragraph) and then
/// copied out at their exact size, so there are no growth reallocations per paragraph and
/// no shrinking copy at the end, and the stored buffers waste no capacity.
#[derive(Default)]
pub(super) struct Spare {
    pub(super) text: Vec<u8>,
    pub(super) line_joins: Vec<[u32; 2]>,
    pub(super) repairs: Vec<Repair>,
    pub(super) scratch: Vec<u8>,
}

pub(super) struct Builder<'a> {
    pub(super) src: &'a str,
    /// The lines, for the rare parts of a line (see [`Lines::rare`]).
    pub(super) lines: &'a Lines,
    pub(super) number: Option<u32>,
    pub(super) marking: Option<String>,
    pub(super) page: u32,
    pub(super) first_line: usize,
    pub(super) last_line: usize,
    pub(super) span_start: usize,
    pub(super) span_end: usize,
    pub(super) tb: TextBuilder,
    pub(super) subs: Vec<(char, Option<String>, usize)>,
    pub(super) want_sub: u8,
    pub(super) extra: Vec<Repair>,
    pub(super) last_text: (usize, usize),
    /// A numbered paragraph whose first line is a heading over a rule.
    pub(super) is_heading: bool,
    /// A `Question A` heading above this paragraph.
    pub(super) question_label: Option<String>,
    /// The key of an answer keyed to a tasker's paragraph (`27.A`), see
    /// [`super::exchanges`].
    pub(super) keyed: Option<String>,
    /// The number an item of a list inside a paragraph starts with (`¶2. Abolish special
    /// pensions`, kept unnumbered as out of the cable's sequence).
    pub(super) list_item: Option<u32>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(
        src: &'a str,
        lines: &'a Lines,
        line_no: usize,
        span_start: usize,
        page: u32,
        spare: &mut Spare,
    ) -> Self {
        let mut text = std::mem::take(&mut spare.text);
        text.clear();
        text.reserve(512);
        let mut line_joins = std::mem::take(&mut spare.line_joins);
        line_joins.clear();
        line_joins.reserve(16);
        let mut repairs = std::mem::take(&mut spare.repairs);
        repairs.clear();
        Self {
            src,
            lines,
            number: None,
            marking: None,
            page,
            first_line: line_no,
            last_line: line_no,
            span_start,
            span_end: span_start,
            tb: TextBuilder::with_buffers(
                text,
                repairs,
                line_joins,
                std::mem::take(&mut spare.scratch),
            ),
            subs: Vec::new(),
            want_sub: b'A',
            extra: Vec::new(),
            last_text: (0, 0),
            is_heading: false,
            question_label: None,
            keyed: None,
            list_item: None,
        }
    }

    /// Add `line` whole, without the `¶` WikiLeaks put on a number at its start when
    /// the number is no paragraph's (a list's item, a number wrapped from the line
    /// before): the text reads as the drafter wrote it, the `¶` a repair.
    pub(super) fn push_without_pilcrow(&mut self, line: &Line, line_no: usize, text: &str) {
        let from = if text.starts_with('¶') {
            let skip = line.start() + '¶'.len_utf8();
            self.tb.remove(line.start(), skip, RepairKind::Artefact);
            skip
        } else {
            line.start()
        };
        self.push(line, line_no, from, Join::Space);
    }

    pub(super) fn push(&mut self, line: &Line, line_no: usize, start: usize, join: Join) {
        // `line` is a copy (its end may be moved), so its flag saves reading the line
        // again; `line_no` is 1-based.
        let rare = if line.has_rare() {
            self.lines.rare(line_no - 1)
        } else {
            crate::parse::lines::Rare::default()
        };
        if let Some(p) = rare.prefix {
            let kind = if line.page > 0 {
                RepairKind::PageMarker
            } else {
                RepairKind::Sipdis
            };
            self.tb.remove(p, start.min(line.start()), kind);
        }
        if let Some((a, e)) = rare.artefact {
            self.tb.remove(a, e, RepairKind::Artefact);
        }
        self.tb.push_line(self.src, start, line.end(), join);
        self.last_line = line_no;
        self.span_end = line.end();
        self.last_text = (start, line.end());
    }

    /// Add `line` as lettered sub-paragraph `letter` (`5.A.` under ¶5), label and all.
    pub(super) fn push_sub(
        &mut self,
        line: &Line,
        line_no: usize,
        letter: u8,
        marking: Option<String>,
    ) {
        let join = if self.tb.is_empty() {
            Join::Space
        } else {
            Join::Newline
        };
        let at = self.tb.text.len() + usize::from(join == Join::Newline);
        self.subs.push((char::from(letter), marking, at));
        self.want_sub = letter.saturating_add(1);
        self.push(line, line_no, line.start(), join);
    }

    pub(super) fn finish(mut self, section: Option<usize>, spare: &mut Spare) -> Option<Paragraph> {
        let crate::parse::clean::Built {
            text: work_text,
            repairs: mut work,
            line_joins: work_joins,
            page_breaks,
            collapsed,
            scratch,
        } = self.tb.finish();
        spare.scratch = scratch;
        // Exact-size copies; the working buffers go back for the next paragraph.
        let text = to_text(&work_text);
        let line_joins = work_joins.as_slice().to_vec();
        spare.text = work_text;
        spare.line_joins = work_joins;
        if text.is_empty() && self.number.is_none() {
            spare.repairs = work;
            return None;
        }
        let span = self.span_start..self.span_end.max(self.span_start);
        let key = |r: &Repair| (r.source.start, r.source.end);
        if !self.extra.is_empty() {
            if work.is_sorted_by_key(key) {
                // The usual case (a recovered number): insert each after every repair
                // with a key <= its own, which is exactly where the stable sort below
                // would put it, without re-sorting the whole list.
                for r in self.extra.drain(..) {
                    let at = work.partition_point(|x| key(x) <= key(&r));
                    work.insert(at, r);
                }
            } else {
                work.append(&mut self.extra);
                work.sort_by_key(key);
            }
        }
        if collapsed {
            // The paragraph-wide `Whitespace`, placed as if appended last and stably
            // sorted (without allocating an `extra` list for it).
            if !work.is_sorted_by_key(key) {
                work.sort_by_key(key);
            }
            let r = Repair {
                kind: RepairKind::Whitespace,
                source: span.clone(),
                replacement: Cow::Borrowed(""),
            };
            let at = work.partition_point(|x| key(x) <= key(&r));
            work.insert(at, r);
        }
        // Moved out at exact size (no allocation when there are none); `mem::take` would
        // hand over the working buffer's spare capacity and lose it for reuse.
        #[expect(
            clippy::drain_collect,
            reason = "exact-size copy; the buffer is reused"
        )]
        let repairs: Vec<Repair> = work.drain(..).collect();
        spare.repairs = work;
        let mut subparagraphs = Vec::new();
        for (i, (label, marking, start)) in self.subs.iter().enumerate() {
            let end = self.subs.get(i + 1).map_or(text.len(), |s| s.2);
            subparagraphs.push(SubParagraph {
                label: label.to_string(),
                marking: marking.clone(),
                range: (*start).min(end)..end,
                question: None,
            });
        }
        crate::parse::exchanges::attach(&text, self.number, &mut subparagraphs);
        let keyed = self.keyed.map(|k| Question {
            number: QuestionNumber::Label(k),
            text: 0..0,
            response: 0..text.len(),
        });
        let question = keyed.or_else(|| question(&text)).or_else(|| {
            self.question_label.map(|l| Question {
                number: QuestionNumber::Label(l),
                text: 0..text.len(),
                response: text.len()..text.len(),
            })
        });
        let blocks = blocks(&text);
        Some(Paragraph {
            number: self.number,
            marking: self.marking,
            page: self.page,
            lines: self.first_line..self.last_line,
            span,
            text,
            question,
            subparagraphs,
            blocks,
            page_breaks,
            section,
            repairs,
            line_joins,
        })
    }
}
