//! What a reply cable offers for alignment: its answers as units (a key or a question
//! number, the quoted question if any, the answer's place), and its section headings.
//!
//! Read from the parsed model only: numbered questions (`Question 17.` … `Post
//! Response:`) from [`crate::cable::Question`], keyed paragraphs (`27.A. (SBU) …`) from
//! [`crate::cable::Paragraph::keyed_label`], and keys at the start of a line inside a
//! paragraph's clean text (its blocks are separated by `\n`) by [`super::keys`].

use std::ops::Range;

use crate::cable::{Cable, QuestionNumber};

use super::keys::{self, Key};

/// One answer as the reply writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Index in [`Cable::paragraphs`].
    pub paragraph: usize,
    /// The tasker key the reply writes (`23.E`), when it writes one.
    pub key: Option<Key>,
    /// Whether the key is written whole (`23.E.`, `23E.`, a keyed paragraph `27.A.`)
    /// rather than as a letter under the reply's own paragraph number (`-- E.` under
    /// `¶23.`), which may be the reply's own numbering and not the tasker's.
    pub whole_key: bool,
    /// The reply's own question number (`Question 17.`), when it numbers them.
    pub number: Option<u32>,
    /// The quoted question, as a byte range of the paragraph's clean text.
    pub question: Option<Range<usize>>,
    /// The answer, as a byte range of the paragraph's clean text.
    pub answer: Range<usize>,
    /// The heading the unit stands under: the cable's section title, or the title line
    /// opening a keyed paragraph (`PREVENTION:` in `¶22.`), colon dropped.
    pub heading: Option<String>,
}

impl Unit {
    /// The quoted question's text.
    #[must_use]
    pub fn question_text<'a>(&self, cable: &'a Cable) -> Option<&'a str> {
        let p = cable.paragraphs.get(self.paragraph)?;
        p.text.get(self.question.clone()?)
    }

    /// The answer's text.
    #[must_use]
    pub fn answer_text<'a>(&self, cable: &'a Cable) -> &'a str {
        cable
            .paragraphs
            .get(self.paragraph)
            .and_then(|p| p.text.get(self.answer.clone()))
            .unwrap_or("")
    }
}

/// The units of `cable`, in document order.
#[must_use]
pub fn units(cable: &Cable) -> Vec<Unit> {
    let mut out = Vec::new();
    for (i, p) in cable.paragraphs.iter().enumerate() {
        let section = p
            .section
            .and_then(|s| cable.sections.get(s))
            .map(|s| s.title.clone());
        if let Some(q) = &p.question {
            let (key, number) = match &q.number {
                QuestionNumber::Number(n) => (None, Some(*n)),
                QuestionNumber::Label(l) => (p.keyed_label().and(Key::parse(l)), None),
            };
            let unit = Unit {
                paragraph: i,
                key,
                whole_key: key.is_some(),
                number,
                question: (!q.text.is_empty()).then(|| q.text.clone()),
                answer: q.response.clone(),
                heading: section.clone(),
            };
            if number.is_some() {
                out.push(unit);
                continue;
            }
            if key.is_some() {
                // A keyed paragraph may hold more keyed answers the parser did not split
                // off (`27B.` on a line of its own inside `27.A.`).
                keyed_lines(cable, i, section, Some(unit), &mut out);
                continue;
            }
        }
        keyed_lines(cable, i, section, None, &mut out);
    }
    out
}

/// Units opened by keys at the start of lines of paragraph `i`; `first` is a unit already
/// open at the paragraph's start (a keyed paragraph), whose lines are not read again.
fn keyed_lines(
    cable: &Cable,
    i: usize,
    section: Option<String>,
    first: Option<Unit>,
    out: &mut Vec<Unit>,
) {
    let Some(p) = cable.paragraphs.get(i) else {
        return;
    };
    let text = &p.text;
    // (line start, line end) of every line.
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        lines.push(start..start + line.len());
        start += line.len() + 1;
    }
    let skip_to = first.as_ref().map_or(0, |u| u.answer.start);
    let mut open: Option<Unit> = first;
    let mut heading = section;
    let close = |open: &mut Option<Unit>, end: usize, out: &mut Vec<Unit>| {
        if let Some(mut u) = open.take() {
            // `… reform. (There is no Question I.)`: the note is no part of the answer.
            let end = keys::no_question_suffix(&text[..end]).unwrap_or(end);
            u.answer.end = end.max(u.answer.start);
            out.push(u);
        }
    };
    for (n, r) in lines.iter().enumerate() {
        if r.end <= skip_to {
            continue;
        }
        let line = &text[r.clone()];
        let end_before = r.start.saturating_sub(1);
        if keys::is_no_question(line) {
            close(&mut open, end_before, out);
            continue;
        }
        let Some(key) = keys::key_at_line_start(line).and_then(|w| Some((w.key(p.number)?, w)))
        else {
            // A short title line opening the paragraph (`PREVENTION:`) before any key.
            if n == 0 && open.is_none() && line.len() <= 100 && line.trim_end().ends_with(':') {
                heading = Some(line.trim_end().trim_end_matches(':').trim().to_owned());
            }
            continue;
        };
        let (key, written) = key;
        close(&mut open, end_before, out);
        let after = r.start + written.text_start;
        // Whether a line of answer follows this one (not the next key).
        let answer_follows = lines.get(n + 1).is_some_and(|next| {
            let t = &text[next.clone()];
            keys::key_at_line_start(t).is_none() && !keys::is_no_question(t)
        });
        let (question, answer_start) = match question_end(&text[after..r.end], answer_follows) {
            // The question fills the line: the answer starts on the next one.
            Some(q) if after + q == r.end && n + 1 < lines.len() => (Some(after..r.end), r.end + 1),
            // The question and the answer were joined on one line.
            Some(q) if after + q < r.end => {
                let rest = &text[after + q..r.end];
                (
                    Some(after..after + q),
                    after + q + rest.len() - rest.trim_start().len(),
                )
            }
            _ => (None, after),
        };
        open = Some(Unit {
            paragraph: i,
            key: Some(key),
            whole_key: written.paragraph.is_some(),
            number: None,
            question,
            answer: answer_start..text.len(),
            heading: heading.clone(),
        });
    }
    close(&mut open, text.len(), out);
}

/// Where a quoted question ends in `line` (the text after its key): after its last `?`
/// and any `)` closing it, then a parenthesis after it (`? (e.g. armed groups…)`); when
/// an answer follows on the next lines, a closing request (`? Please provide the date…`)
/// too. The rest of the line, if any, is the answer the parser joined to it (a blank line
/// holding a space is no paragraph break). `None` when it asks nothing.
fn question_end(line: &str, answer_follows: bool) -> Option<usize> {
    let mut q = line.rfind('?')? + 1;
    q += line[q..].len() - line[q..].trim_start_matches(')').len();
    let rest = line[q..].trim_start();
    if rest.starts_with('(')
        && let Some(close) = rest.find(')')
    {
        q = line.len() - rest.len() + close + 1;
    }
    let rest = line[q..].trim();
    let one_request = rest.starts_with("Please") && rest.find('.') == Some(rest.len() - 1);
    if answer_follows && one_request {
        q = line.len();
    }
    Some(q)
}
