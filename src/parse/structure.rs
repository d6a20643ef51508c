//! Pass 2b: the body. Turns classified lines into numbered paragraphs (with markings,
//! pages, line ranges, spans and clean text), section headings, questions and responses,
//! lettered sub-paragraphs, Note/Comment/Summary blocks and the signature.
//!
//! The core judgement here is which blank lines are real paragraph breaks and which are
//! OCR noise: a blank line is a break when the text before it ends a sentence on a short
//! line, or when the next line opens a block (list item, `Post Response:`, sub-paragraph).
//! Paragraph numbers are taken from the *expected* sequence, which is what recovers
//! OCR-garbled pilcrows (`J.2 .`, `1121.`, `11.2  9.`) and rejects years (`11_2005.`).

use std::borrow::Cow;
use std::ops::Range;

use super::clean::{Join, TextBuilder, to_text};
use super::lines::{Line, LineKind, Lines};
use super::vocab::{
    GARBLE_FIRST, GARBLES, INLINE_BLOCKS, LINE_OPENERS, NUMBER_BYTES, NUMBER_FIRST, OPENER_FIRST,
    PARA_FIRST, RESPONSE_FIRST, RESPONSE_MARKERS, starts_with_marker,
};
use super::{Diagnostic, Severity};
use crate::cable::{
    Block, BlockKind, Paragraph, Question, QuestionNumber, Repair, RepairKind, Section,
    SubParagraph,
};

/// A recognised paragraph start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParaStart {
    /// The paragraph number.
    pub number: u32,
    /// Whether the number was recovered from an OCR-garbled `¶`.
    pub garbled: bool,
    /// Bytes of the number (with `¶` and `.`), from the line start.
    pub number_len: usize,
    /// Marking without parentheses.
    pub marking: Option<Range<usize>>,
    /// Where the paragraph text begins, from the line start.
    pub text_start: usize,
}

/// Read a marking like `(SBU)`, `(S/NF)`, `(C/REL LIBYA)` or malformed `SBU)` at `s`;
/// returns the inner range and the byte after it.
pub(super) fn marking(s: &str, from: usize) -> Option<(Range<usize>, usize)> {
    let b = s.as_bytes();
    let mut i = from;
    while b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
        i += 1;
    }
    let open = b.get(i) == Some(&b'(');
    let inner = if open { i + 1 } else { i };
    let mut j = inner;
    while j < b.len() && j - inner <= 16 {
        match b.get(j) {
            Some(b')') => break,
            Some(c) if c.is_ascii_uppercase() || matches!(c, b'/' | b' ') => j += 1,
            _ => return None,
        }
    }
    if b.get(j) != Some(&b')') || j == inner {
        return None;
    }
    if !open && j - inner > 6 {
        return None;
    }
    let mut k = j + 1;
    while b.get(k).is_some_and(|c| *c == b' ' || *c == b'\t') {
        k += 1;
    }
    Some((inner..j, k))
}

/// Is `line` the start of paragraph `expected` (or a near successor)?
///
/// `strict` demands a marking or `¶` for clean numbers (used for body lines when the
/// cable's paragraphs have markings).
///
/// Called on every body line: the first-byte test that rejects nearly all of them is
/// inlined at the call and the rest ([`para_start_full`]) is not.
#[must_use]
#[inline]
pub fn para_start(line: &str, expected: u32, strict: bool) -> Option<ParaStart> {
    if PARA_FIRST.has(line.as_bytes().first()) {
        para_start_full(line, expected, strict)
    } else {
        None
    }
}

#[inline(never)]
fn para_start_full(line: &str, expected: u32, strict: bool) -> Option<ParaStart> {
    let (pilcrow, body, off) = match line.strip_prefix('¶') {
        Some(rest) => (true, rest, '¶'.len_utf8()),
        None => (false, line, 0),
    };
    let b = body.as_bytes();
    if !NUMBER_FIRST.has(b.first()) {
        return None;
    }
    // Segment up to the terminating '.' (followed by space, '(' or end).
    let mut end = None;
    for (i, &c) in b.iter().enumerate().take(12) {
        match c {
            b'.' => {
                let nx = b.get(i + 1);
                if nx.is_none_or(|n| matches!(n, b' ' | b'\t' | b'(')) {
                    end = Some(i);
                    break;
                }
            }
            c if NUMBER_BYTES.has(Some(&c)) => {}
            _ => return None,
        }
    }
    let end = end?;
    let seg = body.get(..end)?;
    if !seg.bytes().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // The number without spaces, in a stack buffer (this runs on every line that starts
    // with a digit or a letter OCR makes of `¶`): `seg` is at most 11 ASCII bytes.
    let mut cbuf = [0u8; 12];
    let mut clen = 0;
    for c in seg.bytes().filter(|c| *c != b' ') {
        if let Some(slot) = cbuf.get_mut(clen) {
            *slot = c;
            clen += 1;
        }
    }
    let compact = std::str::from_utf8(cbuf.get(..clen)?).ok()?;
    let after = end + 1;
    let mk = marking(body, after);
    let text_start = mk.as_ref().map_or_else(
        || {
            let mut k = after;
            while body
                .as_bytes()
                .get(k)
                .is_some_and(|c| *c == b' ' || *c == b'\t')
            {
                k += 1;
            }
            k
        },
        |m| m.1,
    );
    let rest = body.get(text_start..).unwrap_or("");
    let has_text = !rest.is_empty() || mk.is_some();
    if !has_text && !pilcrow {
        return None;
    }
    // `expected` in decimal, also on the stack.
    let mut ebuf = [0u8; 10];
    let mut k = ebuf.len();
    let mut v = expected;
    while let Some(slot) = k.checked_sub(1).and_then(|j| ebuf.get_mut(j)) {
        *slot = b'0' + u8::try_from(v % 10).unwrap_or(0);
        k -= 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let exp = std::str::from_utf8(ebuf.get(k..)?).ok()?;
    let mut result = None;
    if compact.bytes().all(|c| c.is_ascii_digit())
        && let Ok(n) = compact.parse::<u32>()
        && n >= expected
        && n <= expected + 5
        && n < 1000
        && !(compact.starts_with('0'))
    {
        result = Some((n, false));
    }

    if result.is_none()
        && let Some(prefix) = compact.strip_suffix(exp)
        && GARBLES.contains(&prefix)
        && mk.is_some()
    {
        result = Some((expected, true));
    }
    let (number, garbled) = result?;
    if strict && !garbled && !pilcrow && mk.is_none() {
        return None;
    }
    // Continuation lines like "1.4(b) and (d)." never reach here; a bare number followed
    // by lower-case text is a wrapped sentence, not a paragraph.
    if !pilcrow && mk.is_none() && rest.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    Some(ParaStart {
        number,
        garbled,
        number_len: off + after,
        marking: mk.map(|(r, _)| r.start + off..r.end + off),
        text_start: off + text_start,
    })
}

/// A lettered sub-paragraph start (`A. (S/NF) …`, `¶B.`): letter, offset of the label.
fn sub_start(line: &str, want: u8) -> Option<(char, usize)> {
    let (off, body) = match line.strip_prefix('¶') {
        Some(r) => ('¶'.len_utf8(), r),
        None => (0, line),
    };
    let b = body.as_bytes();
    match b {
        [l, b'.', rest @ ..]
            if *l == want && rest.first().is_none_or(|c| *c == b' ' || *c == b'(') =>
        {
            Some((char::from(*l), off))
        }
        _ => None,
    }
}

/// The first few words of `t` with whitespace collapsed (OCR doubles every space), in a
/// stack buffer so the per-line checks do not allocate.
struct Head {
    buf: [u8; 32],
    len: usize,
}

impl Head {
    fn as_str(&self) -> &str {
        self.buf
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

fn head(t: &str) -> Head {
    let mut h = Head {
        buf: [0; 32],
        len: 0,
    };
    let mut space = false;
    for &b in t.as_bytes() {
        if h.len >= h.buf.len() || !b.is_ascii() {
            break;
        }
        if b.is_ascii_whitespace() {
            space = h.len > 0;
            continue;
        }
        if space {
            if let Some(slot) = h.buf.get_mut(h.len) {
                *slot = b' ';
            }
            h.len += 1;
            space = false;
            if h.len >= h.buf.len() {
                break;
            }
        }
        if let Some(slot) = h.buf.get_mut(h.len) {
            *slot = b;
        }
        h.len += 1;
    }
    h
}

/// A false `¶` on a year at a line start (`11_2005.`, `11959  .`): bytes to drop.
fn garbled_year_prefix(t: &str) -> Option<usize> {
    // Most lines are told apart by their first byte, without finding the end of their
    // first word.
    if !GARBLE_FIRST.has(t.as_bytes().first()) {
        return None;
    }
    let tok_end = t
        .bytes()
        .position(|b| b.is_ascii_whitespace() || b == b'.')
        .unwrap_or(t.len());
    let tok = t.get(..tok_end)?;
    if tok.len() < 5 || !tok.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year = tok.get(tok.len() - 4..)?;
    let prefix = tok.get(..tok.len() - 4)?;
    let y: u32 = year.parse().ok()?;
    ((1900..=2099).contains(&y) && GARBLES.contains(&prefix)).then_some(prefix.len())
}

/// Does `t` open a response (`Post response:`, `(SBU) GOA Response:` …, see
/// [`RESPONSE_MARKERS`])? Called on nearly every continuation line, so the first-byte
/// test derived from the table is inlined at the call and the rest is not.
#[inline]
fn is_response(t: &str) -> bool {
    RESPONSE_FIRST.has(t.as_bytes().first()) && is_response_full(t)
}

#[inline(never)]
fn is_response_full(t: &str) -> bool {
    let b = t.as_bytes();
    // Only a marking can come before the words.
    let from = if b.first() == Some(&b'(') {
        match marking(t, 0) {
            Some((_, k)) => k,
            None => return false,
        }
    } else {
        0
    };
    let rest = b.get(from..).unwrap_or(&[]);
    RESPONSE_MARKERS.iter().any(|m| starts_with_marker(rest, m))
}

/// Does line `t` open a block of its own (a response, a list item, an inline note; see
/// [`LINE_OPENERS`])? Lines whose first non-space byte starts no opener are turned away
/// before the line's head is built.
fn opens_block(t: &str) -> bool {
    let first = t.bytes().find(|b| !b.is_ascii_whitespace());
    OPENER_FIRST.has(first.as_ref()) && opens_block_head(head(t).as_str())
}

/// The opener test on a line's head (see [`head`]).
fn opens_block_head(t: &str) -> bool {
    is_response(t) || LINE_OPENERS.iter().any(|o| t.starts_with(o))
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end().trim_end_matches([')', '"', '\'']);
    // The last word, found from the end (lines can be long).
    let last = t
        .rfind(|c: char| c.is_ascii_whitespace())
        .map_or(t, |i| t.get(i + 1..).unwrap_or(""));
    if last.is_empty() {
        return false;
    }
    if !last.ends_with(['.', '?', '!', ':', ';']) {
        return false;
    }
    let word = last.trim_end_matches(['.', '?', '!', ':', ';']);
    // An initial (`Scott C.`) or common abbreviation does not end a sentence.
    let abbrev = word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase())
        || matches!(
            word,
            "U.S"
                | "Mr"
                | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "No"
                | "ext"
                | "e.g"
                | "i.e"
                | "Gen"
                | "Amb"
                | "Sen"
                | "Rep"
                | "Lt"
                | "Col"
        );
    !abbrev
}

/// Length of `t` with whitespace runs collapsed to one space and the ends trimmed: its
/// length less every space or tab that follows one (or starts the line), less a trailing
/// one. This runs on hundreds of lines per cable to judge the layout, so the pairs are
/// counted 16 at a time in `u8` lanes with no branch, which the compiler turns into
/// vector compares (a `u32` sum ran four lanes wide). The last piece is padded with `x`,
/// which is not whitespace.
fn collapsed_len(t: &str) -> usize {
    const L: usize = 16;
    let b = t.as_bytes();
    let Some(&first) = b.first() else {
        return 0;
    };
    let mut pairs = 0usize;
    let mut lanes = [0u8; L];
    let mut rest = b;
    let mut blocks = 0u8;
    // Pairs starting in the first `L` bytes, while `L + 1` are there.
    while let (Some(x), Some(y)) = (
        super::clean::block::<L>(rest, 0),
        super::clean::block::<L>(rest, 1),
    ) {
        add_ws_pairs(&mut lanes, x, y);
        rest = rest.get(L..).unwrap_or(&[]);
        blocks += 1;
        if blocks == u8::MAX {
            // A lane counts at most one pair per block: empty them before they overflow.
            pairs += lanes.iter().map(|&l| usize::from(l)).sum::<usize>();
            lanes = [0; L];
            blocks = 0;
        }
    }
    // At most `L` bytes are left: pad them.
    let mut padded = [b'x'; L + 1];
    if let Some(head) = padded.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    if let (Some(x), Some(y)) = (
        super::clean::block::<L>(&padded, 0),
        super::clean::block::<L>(&padded, 1),
    ) {
        add_ws_pairs(&mut lanes, x, y);
    }
    pairs += lanes.iter().map(|&l| usize::from(l)).sum::<usize>();
    let n = b.len() - usize::from(is_ws(first)) - pairs;
    let trailing = b.last().is_some_and(|&c| is_ws(c) == 1) && n > 0;
    n - usize::from(trailing)
}

/// 1 for a space or tab, else 0.
#[inline]
fn is_ws(c: u8) -> u8 {
    u8::from(c == b' ' || c == b'\t')
}

/// Add to each lane 1 where `x` and `y` (the next byte) are both whitespace.
#[inline]
fn add_ws_pairs<const L: usize>(lanes: &mut [u8; L], x: &[u8; L], y: &[u8; L]) {
    for ((lane, &x), &y) in lanes.iter_mut().zip(x).zip(y) {
        *lane += is_ws(x) & is_ws(y);
    }
}

fn first_word_len(t: &str) -> usize {
    t.split_ascii_whitespace().next().map_or(0, str::len)
}

fn is_heading_text(t: &str) -> bool {
    t.len() <= 80
        && !t.bytes().any(|b| b.is_ascii_lowercase())
        && t.bytes().filter(u8::is_ascii_alphabetic).count() >= 3
        && !t.ends_with([',', ';', '.', ':'])
        && !t.starts_with(['(', '-', '"'])
}

/// Working buffers handed from one paragraph's [`Builder`] to the next. A paragraph's text
/// and line joins are built in these (they grow once, to the longest paragraph) and then
/// copied out at their exact size, so there are no growth reallocations per paragraph and
/// no shrinking copy at the end, and the stored buffers waste no capacity.
#[derive(Default)]
struct Spare {
    text: Vec<u8>,
    line_joins: Vec<[u32; 2]>,
    repairs: Vec<Repair>,
    scratch: Vec<u8>,
}

struct Builder<'a> {
    src: &'a str,
    /// The lines, for the rare parts of a line (see [`Lines::rare`]).
    lines: &'a Lines,
    number: Option<u32>,
    marking: Option<String>,
    page: u32,
    first_line: usize,
    last_line: usize,
    span_start: usize,
    span_end: usize,
    tb: TextBuilder,
    subs: Vec<(char, Option<String>, usize)>,
    want_sub: u8,
    extra: Vec<Repair>,
    last_text: (usize, usize),
    /// A numbered paragraph whose first line is a heading over a rule.
    is_heading: bool,
    /// A `Question A` heading above this paragraph.
    question_label: Option<String>,
    /// The key of an answer keyed to a tasker's paragraph (`27.A`), see
    /// [`super::exchanges`].
    keyed: Option<String>,
}

impl<'a> Builder<'a> {
    fn new(
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
        }
    }

    fn push(&mut self, line: &Line, line_no: usize, start: usize, join: Join) {
        // `line` is a copy (its end may be moved), so its flag saves reading the line
        // again; `line_no` is 1-based.
        let rare = if line.has_rare() {
            self.lines.rare(line_no - 1)
        } else {
            super::lines::Rare::default()
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
    fn push_sub(&mut self, line: &Line, line_no: usize, letter: u8, marking: Option<String>) {
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

    fn finish(mut self, section: Option<usize>, spare: &mut Spare) -> Option<Paragraph> {
        let super::clean::Built {
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
        super::exchanges::attach(&text, self.number, &mut subparagraphs);
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

/// Find `Question N.` / `Question A` at the start and the response marker after it.
fn question(text: &str) -> Option<Question> {
    let rest = text.strip_prefix("Question ")?;
    let label_len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let label = rest.get(..label_len)?;
    if label.is_empty() || label.len() > 4 {
        return None;
    }
    let number = match label.parse::<u32>() {
        Ok(n) => QuestionNumber::Number(n),
        Err(_) => QuestionNumber::Label(label.to_owned()),
    };
    let mut q_start = "Question ".len() + label_len;
    let tb = text.as_bytes();
    while tb
        .get(q_start)
        .is_some_and(|b| matches!(b, b'.' | b':' | b' '))
    {
        q_start += 1;
    }
    let markers = ["post response:", "goa response:", "response:"];
    let mut found: Option<(usize, usize)> = None;
    for (i, _) in text.match_indices('\n') {
        let line = text.get(i + 1..).unwrap_or("");
        let line_m = match marking(line, 0) {
            Some((_, k)) if line.starts_with('(') => k,
            _ => 0,
        };
        // Compared in place, ignoring ASCII case (no lower-cased copy per line).
        let l = line.get(line_m..).unwrap_or("").as_bytes();
        if let Some(m) = markers.iter().find(|m| {
            l.get(..m.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(m.as_bytes()))
        }) {
            found = Some((i, i + 1 + line_m + m.len()));
            break;
        }
    }
    let (q_end, r_start) = found.unwrap_or((text.len(), text.len()));
    let mut r_start = r_start;
    while tb.get(r_start) == Some(&b' ') {
        r_start += 1;
    }
    Some(Question {
        number,
        text: q_start.min(q_end)..q_end,
        response: r_start.min(text.len())..text.len(),
    })
}

/// The automaton of [`INLINE_BLOCKS`]' openers, leftmost first.
#[allow(clippy::expect_used)]
static OPENERS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(INLINE_BLOCKS.iter().map(|(open, _, _)| open))
        .expect("valid built-in patterns")
});

/// The leftmost block opener starting at or after `from`: its start, end and the index of
/// its row in [`INLINE_BLOCKS`].
fn find_opener(text: &str, from: usize) -> Option<(usize, usize, usize)> {
    let m = OPENERS.find(aho_corasick::Input::new(text).span(from..text.len()))?;
    Some((m.start(), m.end(), m.pattern().as_usize()))
}

/// Inline Begin/End blocks.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut from = 0;
    // Per closer, the earliest position from which it was searched for and not found:
    // it cannot be found from any later position either, so a paragraph with many
    // openers and no closers is searched once per closer, not once per opener.
    let mut missing = [usize::MAX; INLINE_BLOCKS.len()];
    while let Some((m_start, m_end, slot)) = find_opener(text, from) {
        let Some(&(_, close, kind)) = INLINE_BLOCKS.get(slot) else {
            break;
        };
        let s = m_start;
        let s = if s > 0 && text.as_bytes().get(s - 1) == Some(&b'(') {
            s - 1
        } else {
            s
        };
        let after = m_end;
        let rest = text.get(after..).unwrap_or("");
        // The close must come before the next opener of the same kind.
        let gone = missing.get(slot).is_some_and(|&m| after >= m);
        let found = if gone {
            None
        } else {
            memchr::memmem::find(rest.as_bytes(), close.as_bytes()).or_else(|| find_ci(rest, close))
        };
        if found.is_none()
            && let Some(m) = missing.get_mut(slot)
        {
            *m = (*m).min(after);
        }
        let end = match found {
            Some(j) => {
                let mut e = after + j + close.len();
                let tb = text.as_bytes();
                while tb.get(e).is_some_and(|b| matches!(b, b'.' | b')' | b']')) {
                    e += 1;
                }
                e
            }
            None if s == 0 && kind == BlockKind::Comment => text.len(),
            None => {
                from = after;
                continue;
            }
        };
        out.push(Block {
            kind,
            range: s..end,
        });
        from = end.max(after);
    }
    out
}

/// Case-insensitive ASCII find. The needle's rarest letter in English (by a fixed
/// frequency order) is located with `memchr2` in either case and the whole needle
/// compared around it: for `End Note` that is every `d` rather than every `e`, a third as
/// many candidates.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    /// Letters from most to least frequent in English text.
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let n = needle.as_bytes();
    let h = hay.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    let rank = |b: u8| {
        BY_FREQUENCY
            .iter()
            .position(|&f| f == b.to_ascii_lowercase())
            .unwrap_or(0)
    };
    let (at, &anchor) = n
        .iter()
        .enumerate()
        .max_by_key(|&(i, &b)| (rank(b), usize::MAX - i))?;
    let (lo, up) = (anchor.to_ascii_lowercase(), anchor.to_ascii_uppercase());
    let last = h.len() - n.len() + at;
    let mut i = at;
    while i <= last {
        let j = i + memchr::memchr2(lo, up, h.get(i..=last)?)?;
        let start = j - at;
        if h.get(start..start + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(start);
        }
        i = j + 1;
    }
    None
}

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
    fn open_section(&mut self, title: String, span: Range<usize>, line: usize) -> usize {
        self.sections.push(Section {
            title,
            paragraphs: Vec::new(),
            span,
            line,
        });
        self.sections.len() - 1
    }
}

fn signature_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && t.len() <= 40
        && words.iter().all(|w| {
            w.len() >= 2
                && w.bytes()
                    .all(|b| b.is_ascii_uppercase() || matches!(b, b'\'' | b'-' | b','))
        })
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
    // Signature: the last text line when it is one or two upper-case names.
    let mut end = body_lines.len();
    let mut last_end_override: Option<(usize, usize)> = None;
    if let Some(k) = body_lines.iter().rposition(|l| l.kind == LineKind::Text)
        && let Some(l) = body_lines.get(k)
    {
        {
            let t = l.text(src);
            if signature_line(t) && para_start(t, 1, false).is_none() {
                body.signature = Some(super::scan::collapse(t));
                end = k;
            } else if let Some(sp) = t.rfind(". ") {
                // Glued to the last paragraph: `…is less clear. ROEMER`.
                let name = t.get(sp + 2..).unwrap_or("").trim();
                if name.len() >= 3
                    && name.bytes().all(|b| b.is_ascii_uppercase())
                    && t.bytes().any(|b| b.is_ascii_lowercase())
                {
                    body.signature = Some(name.to_owned());
                    last_end_override = Some((k, l.start() + sp + 1));
                }
            }
        }
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
    let width = pct(90).clamp(40, 80);
    let strict = false;
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
    let mut i = 0usize;
    let mut spare = Spare::default();
    let flush = |cur: &mut Option<Builder<'_>>,
                 body: &mut Body,
                 section: Option<usize>,
                 spare: &mut Spare| {
        if let Some(b) = cur.take()
            && let Some(p) = b.finish(section, spare)
        {
            if let Some(s) = section.and_then(|s| body.sections.get_mut(s)) {
                s.paragraphs.push(body.paragraphs.len());
            }
            body.paragraphs.push(p);
        }
    };
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
            LineKind::Text => {}
        }
        let t = line.text(src);
        let (content_end, t) = match last_end_override {
            Some((k, e)) if k == i => (e, src.get(line.start()..e).unwrap_or(t)),
            _ => (line.end(), t),
        };
        let mut line = *line;
        line.set_end(content_end);
        // Paragraph start?
        if let Some(ps) = para_start(t, expected, strict) {
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
            expected = ps.number + 1;
            lettered_section = None;
            let ts = line.start() + ps.text_start.min(t.len());
            b.push(&line, line_no, ts, Join::Space);
            b.question_label = pending_question.take();
            if next_is_rule(body_lines, i) && t.len() <= 100 {
                section = Some(body.open_section(to_text(&b.tb.text), ts..line.end(), line_no));
                b.is_heading = true;
            }
            cur = Some(b);
            blanks = 0;
            after_rule = false;
            i += 1;
            continue;
        }
        // An answer keyed to a tasker's paragraph (`27.A. (SBU) …`), or a lettered answer
        // under a numbered section, keyed section + letter (`3.E`): unnumbered, and the
        // sequence stays where it is. (The two line shapes are disjoint: a digit or a
        // capital first.)
        let keyed = match super::exchanges::keyed_start(t) {
            Some(k) => {
                // `5.A.` inside ¶5 is the paragraph's own sub-paragraph A, not an answer.
                if let Some(b) = cur.as_mut()
                    && let Some(n) = b.number
                    && let Some((num, letter)) = k.key.split_once('.')
                    && num.parse::<u32>().ok() == Some(n)
                {
                    let letter = letter.bytes().next().unwrap_or(b'A');
                    b.push_sub(&line, line_no, letter, k.marking);
                    blanks = 0;
                    after_rule = false;
                    i += 1;
                    continue;
                }
                Some(k)
            }
            None => lettered_section.and_then(|n| {
                super::exchanges::lettered_start(t).map(|k| super::exchanges::KeyedStart {
                    key: format!("{n}.{}", k.key),
                    ..k
                })
            }),
        };
        if let Some(k) = keyed {
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
            blanks = 0;
            after_rule = false;
            i += 1;
            continue;
        }
        // A numbered section heading over lettered answers (`1 - The Country's TIP
        // Situation` / `¶A. (SBU) …`).
        if (blanks > 0 || after_rule || cur.is_none())
            && let Some(n) = super::exchanges::numbered_heading(t)
            && next_text_is_lettered(src, body_lines, i)
        {
            flush(&mut cur, &mut body, section, &mut spare);
            section = Some(body.open_section(
                super::scan::collapse(t),
                line.start()..line.end(),
                line_no,
            ));
            lettered_section = Some(n);
            blanks = 0;
            after_rule = false;
            i += 1;
            continue;
        }
        // Out-of-sequence paragraph start (a second cable glued on, a restart).
        if (t.starts_with('¶') || marking_after_number(t))
            && let Some(ps) = para_start(t, 1, false)
        {
            flush(&mut cur, &mut body, section, &mut spare);
            diags.push(Diagnostic {
                severity: Severity::Warning,
                line: line_no,
                message: format!(
                    "paragraph number {} out of sequence (expected {expected}); kept as an unnumbered paragraph",
                    ps.number
                ),
            });
            let mut b = Builder::new(src, lines, line_no, line.start(), page, &mut spare);
            b.push(&line, line_no, line.start(), Join::Space);
            cur = Some(b);
            blanks = 0;
            i += 1;
            continue;
        }
        // A title directly over a rule (`The Assessment`, `Question A` / `----------`).
        if next_is_rule(body_lines, i) && collapsed_len(t) <= 80 && !ends_sentence(t) {
            flush(&mut cur, &mut body, section, &mut spare);
            let title = super::scan::collapse(t);
            if let Some(l) = title.strip_prefix("Question ")
                && !l.is_empty()
                && l.len() <= 4
            {
                pending_question = Some(l.trim_end_matches(['.', ':']).to_owned());
            }
            section = Some(body.open_section(title, line.start()..line.end(), line_no));
            lettered_section = None;
            blanks = 0;
            i += 1;
            continue;
        }
        // All-caps heading followed by a paragraph start.
        if has_lower
            && (blanks > 0 || after_rule || cur.is_none())
            && is_heading_text(t)
            && let Some((n_lines, next)) = heading_extent(
                src,
                body_lines,
                i,
                expected,
                cur.as_ref().is_some_and(|b| {
                    ends_sentence(src.get(b.last_text.0..b.last_text.1).unwrap_or(""))
                }),
            )
        {
            flush(&mut cur, &mut body, section, &mut spare);
            let mut title = String::new();
            let mut span_end = line.end();
            for l in body_lines.get(i..i + n_lines).unwrap_or(&[]) {
                if l.kind == LineKind::Text {
                    if !title.is_empty() {
                        title.push(' ');
                    }
                    title.push_str(&super::scan::collapse(l.text(src)));
                    span_end = l.end();
                }
            }
            section = Some(body.open_section(title, line.start()..span_end, line_no));
            lettered_section = None;
            let _ = next;
            i += n_lines;
            blanks = 0;
            continue;
        }
        // A short title (`Overview`) over a keyed answer.
        if (blanks > 0 || after_rule)
            && super::exchanges::is_keyed_heading(t)
            && next_text_is_keyed(src, body_lines, i)
        {
            flush(&mut cur, &mut body, section, &mut spare);
            section = Some(body.open_section(
                super::scan::collapse(t),
                line.start()..line.end(),
                line_no,
            ));
            lettered_section = None;
            blanks = 0;
            i += 1;
            continue;
        }
        // Boilerplate before the signature.
        let boiler = t.starts_with("Visit ") && t.contains("Web") && t.contains("Site");
        match cur.as_mut() {
            Some(b) if !boiler => {
                // Lettered sub-paragraph?
                if b.number.is_some()
                    && let Some((letter, off)) = sub_start(t, b.want_sub)
                {
                    if off > 0 {
                        b.tb.remove(line.start(), line.start() + off, RepairKind::Artefact);
                    }
                    let mk = marking(t, off + 2)
                        .and_then(|(r, _)| t.get(r))
                        .map(str::to_owned);
                    let join = if b.tb.is_empty() {
                        Join::Space
                    } else {
                        Join::Newline
                    };
                    let at =
                        b.tb.text.len() + usize::from(join == Join::Newline && !b.tb.is_empty());
                    b.subs.push((letter, mk, at));
                    b.want_sub += 1;
                    b.push(&line, line_no, line.start() + off, join);
                } else {
                    let prev = src.get(b.last_text.0..b.last_text.1).unwrap_or("");
                    let real_break = if blanks == 0 {
                        is_response(t)
                    } else {
                        opens_block(t)
                            || one_line_paragraphs
                            || (ends_sentence(prev)
                                && collapsed_len(prev) + 1 + first_word_len(t) <= width)
                            // In a keyed answer, a portion-marked paragraph (`(SBU) …`).
                            || (b.keyed.is_some()
                                && t.starts_with('(')
                                && marking(t, 0).is_some())
                    };
                    if real_break && b.number.is_none() && b.keyed.is_none() && !is_response(t) {
                        // Unnumbered text: a real break starts a new plain paragraph.
                        flush(&mut cur, &mut body, section, &mut spare);
                        let mut nb =
                            Builder::new(src, lines, line_no, line.start(), page, &mut spare);
                        nb.push(&line, line_no, line.start(), Join::Space);
                        cur = Some(nb);
                    } else {
                        let join = if real_break {
                            Join::Newline
                        } else {
                            Join::Space
                        };
                        let mut from = line.start();
                        if let Some(n) = garbled_year_prefix(t) {
                            b.tb.remove(from, from + n, RepairKind::Artefact);
                            from += n;
                        }
                        b.push(&line, line_no, from, join);
                    }
                }
            }
            _ => {
                flush(&mut cur, &mut body, section, &mut spare);
                let mut b = Builder::new(src, lines, line_no, line.start(), page, &mut spare);
                b.push(&line, line_no, line.start(), Join::Space);
                if expected == 1 || boiler {
                    // Text before the first numbered paragraph is normal (summaries).
                } else {
                    diags.push(Diagnostic {
                        severity: Severity::Info,
                        line: line_no,
                        message: "text outside numbered paragraphs kept as a plain paragraph"
                            .to_owned(),
                    });
                }
                cur = Some(b);
            }
        }
        blanks = 0;
        after_rule = false;
        i += 1;
    }
    flush(&mut cur, &mut body, section, &mut spare);
    body
}

/// Whether the line after `i` (with no blank between) is a rule.
fn next_is_rule(lines: &[Line], i: usize) -> bool {
    lines
        .iter()
        .skip(i + 1)
        .find(|l| !matches!(l.kind, LineKind::Sipdis | LineKind::Banner))
        .is_some_and(|l| l.kind == LineKind::Rule)
}

/// Whether the next text line after `i` opens a keyed answer (`27.A.`).
fn next_text_is_keyed(src: &str, lines: &[Line], i: usize) -> bool {
    lines
        .iter()
        .skip(i + 1)
        .take(8)
        .find(|l| l.kind == LineKind::Text)
        .is_some_and(|l| super::exchanges::keyed_start(l.text(src)).is_some())
}

/// Whether the next text line after `i` opens a lettered answer (`¶A. (SBU)`).
fn next_text_is_lettered(src: &str, lines: &[Line], i: usize) -> bool {
    lines
        .iter()
        .skip(i + 1)
        .take(8)
        .find(|l| l.kind == LineKind::Text)
        .is_some_and(|l| super::exchanges::lettered_start(l.text(src)).is_some())
}

fn marking_after_number(t: &str) -> bool {
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    n > 0 && t.as_bytes().get(n) == Some(&b'.') && marking(t, n + 1).is_some()
}

/// How many lines (from `i`) an all-caps heading spans, if a paragraph start follows it.
fn heading_extent(
    src: &str,
    lines: &[Line],
    i: usize,
    expected: u32,
    loose: bool,
) -> Option<(usize, usize)> {
    let mut j = i + 1;
    let mut text_lines = 1;
    while let Some(l) = lines.get(j) {
        match l.kind {
            LineKind::Blank | LineKind::PageMarker | LineKind::Sipdis | LineKind::Banner => {
                j += 1;
            }
            LineKind::Rule => return Some((j - i, j)),
            LineKind::Text => {
                let t = l.text(src);
                if para_start(t, expected, false).is_some()
                    || super::exchanges::keyed_start(t).is_some()
                {
                    // Trim trailing blanks from the heading extent.
                    let mut k = j;
                    while k > i + 1 && lines.get(k - 1).is_some_and(|l| l.kind != LineKind::Text) {
                        k -= 1;
                    }
                    return Some((k - i, j));
                }
                let gap = lines.get(j - 1).is_some_and(|l| l.kind != LineKind::Text);
                if text_lines < 3 && is_heading_text(t) && (!gap || !loose) {
                    text_lines += 1;
                    j += 1;
                } else if loose && gap {
                    // A heading followed by introductory text (seed line 779).
                    let mut k = j;
                    while k > i + 1 && lines.get(k - 1).is_some_and(|l| l.kind != LineKind::Text) {
                        k -= 1;
                    }
                    return Some((k - i, j));
                } else {
                    return None;
                }
            }
        }
        if j - i > 12 {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
