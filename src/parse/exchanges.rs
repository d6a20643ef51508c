//! Question/response layouts other than `Question N.` … `Post Response:` (CABLE-FORMAT §5):
//!
//! - *exchanges* inside lettered sub-paragraphs, a demarche point and the host
//!   government's answer to it: `A. (S/NF) USG Concern: … (S/NF) GOA Response: …`
//!   (06VIENNA515). Each becomes [`SubParagraph::question`], numbered `5.A`;
//! - *keyed answers*, numbered by the tasker's paragraph and letter rather than by this
//!   cable's own paragraphs: `27.A. (SBU) …`, `28.B. …` (2007 TIP responses). Each becomes
//!   an unnumbered paragraph whose question is labelled `27.A` and whose whole text is
//!   the response ([`keyed_start`]); the paragraph-number sequence never sees them;
//! - *lettered answers under numbered sections* (2010 TIP responses): a heading
//!   `3 - Investigation and Prosecution of Traffickers` ([`numbered_heading`]) over answers
//!   `¶A.`, `¶B.      / C.`, `E./ F.`, `I/J.` whose letters restart in each section
//!   ([`lettered_start`]). They are keyed answers too, keyed section + letter: `3.A`,
//!   `1.B/C`;
//! - cross-references to keyed answers: `para. 28.B`, `paragraphs 29.I. and 30.C.`,
//!   `section 3(e)`, `(See paragraph A above …)` ([`keyed_xrefs`]).
//!
//! Kept apart from [`super::structure`] so the body pass only gains call sites: the work
//! here runs on paragraphs that already hold sub-paragraphs and the word "Response", or on
//! lines that start with a digit, so ordinary paragraphs pay one substring check at most.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;
use regex::Regex;

use super::scan::marking;
use super::vocab::RESPONSE_WORDS;
use crate::cable::{Cable, CrossRef, Question, QuestionNumber, SubParagraph, XrefKind, XrefTarget};

/// Last words of a prompt that opens an exchange: `USG Concern:`, `U.S. Request:`.
const PROMPTS: &[&str] = &["concern", "concerns", "question", "request", "point"];

/// Longest prompt or actor head (`Government of Austria Response`) looked at, in bytes.
const HEAD_MAX: usize = 48;

/// Mark each lettered sub-paragraph of a paragraph that holds an exchange.
///
/// `text` is the paragraph's clean text, `number` its number (for the `5.A` label).
pub fn attach(text: &str, number: Option<u32>, subs: &mut [SubParagraph]) {
    if subs.is_empty() {
        return;
    }
    // No response word, no exchange.
    if find_response_word(text.as_bytes()).is_none() {
        return;
    }
    for sub in subs.iter_mut() {
        sub.question = exchange(text, sub.range.clone(), &sub.label, number);
    }
}

/// The exchange in `text[range]` (one sub-paragraph, starting at its label), if it has
/// both a prompt (`USG Concern:`) and a response (`GOA Response:`).
fn exchange(text: &str, range: Range<usize>, label: &str, number: Option<u32>) -> Option<Question> {
    let sub = text.get(range.clone())?;
    let base = range.start;
    // `A.` (or `5.A.`) then an optional marking, then the prompt.
    let own = sub.trim_start_matches(|c: char| c.is_ascii_digit());
    let own = if own.len() < sub.len() {
        own.strip_prefix('.')?
    } else {
        sub
    };
    let mut at = own
        .strip_prefix(label)?
        .strip_prefix('.')
        .map(|r| sub.len() - r.len())?;
    if let Some((_, k)) = marking(sub, at) {
        at = k;
    }
    let at = skip_spaces(sub, at);
    let colon = head_colon(sub, at)?;
    let head = sub.get(at..colon)?;
    let last = head.rsplit(' ').next().unwrap_or("");
    if !PROMPTS.iter().any(|p| last.eq_ignore_ascii_case(p)) {
        return None;
    }
    let q_start = skip_spaces(sub, colon + 1);
    let (q_end, r_start) = find_response(sub, q_start)?;
    let r_end = response_end(sub, r_start);
    let number = match number {
        Some(n) => format!("{n}.{label}"),
        None => label.to_owned(),
    };
    Some(Question {
        number: QuestionNumber::Label(number),
        text: base + q_start..base + trim_end(sub, q_start, q_end),
        response: base + r_start.min(r_end)..base + r_end,
    })
}

fn skip_spaces(s: &str, mut i: usize) -> usize {
    while s.as_bytes().get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// `end` moved back over spaces and newlines, not before `start`.
fn trim_end(s: &str, start: usize, mut end: usize) -> usize {
    while end > start
        && s.as_bytes()
            .get(end - 1)
            .is_some_and(u8::is_ascii_whitespace)
    {
        end -= 1;
    }
    end
}

/// The colon ending a short label head at `at` (`USG Concern:`, `Embassy Note and
/// Comment:`): at most [`HEAD_MAX`] bytes and 6 words, starting with a capital, with no
/// sentence end, parenthesis or line break inside.
fn head_colon(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    if !b.get(at).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let mut words = 1;
    for (i, &c) in b.iter().enumerate().skip(at).take(HEAD_MAX) {
        match c {
            b':' => return Some(i),
            b'\n' | b'(' | b')' | b',' | b';' => return None,
            b' ' => {
                words += 1;
                if words > 6 {
                    return None;
                }
            }
            // A sentence end, unless after a one-letter initial (`U.S. Request:`).
            b'.' if b.get(i + 1) == Some(&b' ')
                && !(i == at + 1 || matches!(b.get(i.wrapping_sub(2)), Some(b'.' | b' '))) =>
            {
                return None;
            }
            _ => {}
        }
    }
    None
}

/// The response marker after `from`: `(end of the question, start of the response)`.
///
/// The marker is `<Actor> Response:` with an actor of one or two capitalised words (GOA,
/// Post, Embassy, Government, GOM…) or none, opening a block (after `\n`) or a sentence,
/// with an optional marking before it.
fn find_response(s: &str, from: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut pos = from;
    while let Some(j) = find_response_word(b.get(pos..)?) {
        let r = pos + j; // the `R` of "Response:"
        pos = r + 1;
        // The actor: back to the start of the block or sentence.
        let line_start = b
            .get(..r)?
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1)
            .max(from);
        let before = s.get(line_start..r)?;
        // Either the whole block start, or after the last sentence end in it.
        let (open, head) = match before.rfind(". ") {
            Some(k) => (line_start + k + 1, before.get(k + 2..)?),
            None => (line_start, before),
        };
        let head_off = r - head.len();
        let (actor_from, actor) = match marking(head, 0) {
            Some((_, k)) if head.starts_with('(') => (head_off + k, head.get(k..)?),
            _ => (head_off, head),
        };
        let words: Vec<&str> = actor.split_whitespace().collect();
        let ok = words.len() <= 2
            && words
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()) && w.len() <= 12);
        if !ok || actor_from > r {
            continue;
        }
        let word = RESPONSE_WORDS.first().map_or(0, |w| w.len());
        let r_start = skip_spaces(s, r + word);
        return Some((open, r_start));
    }
    None
}

/// The automaton of [`RESPONSE_WORDS`].
#[allow(clippy::expect_used)]
static RESPONSE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(RESPONSE_WORDS).expect("valid built-in patterns")
});

/// Offset of the next response word (`Response:`, `RESPONSE:`) in `b`.
fn find_response_word(b: &[u8]) -> Option<usize> {
    RESPONSE.find(b).map(|m| m.start())
}

/// Where a response starting at `from` ends: at the next block that opens with a
/// marking and a label of its own (another voice: `(S/NF) Embassy Note and Comment:`),
/// else at the end of the sub-paragraph; trailing whitespace left out.
fn response_end(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut pos = from;
    while let Some(j) = memchr::memchr(b'\n', b.get(pos..).unwrap_or(&[])) {
        let nl = pos + j;
        pos = nl + 1;
        if b.get(nl + 1) == Some(&b'(')
            && let Some((_, k)) = marking(s, nl + 1)
            && head_colon(s, k).is_some()
        {
            return trim_end(s, from, nl);
        }
    }
    trim_end(s, from, s.len())
}

/// A line opening an answer keyed to a tasker's paragraph: `27.A. (SBU) …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedStart {
    /// The key without the final dot, e.g. `27.A`.
    pub key: String,
    /// The marking, without parentheses.
    pub marking: Option<String>,
    /// Where the answer text begins, from the line start.
    pub text_start: usize,
}

/// Read a keyed answer start: 1–3 digits, `.`, one capital letter, `.`, then a space or a
/// marking (or the end of the line). Cheap on other lines: the first byte must be a digit.
#[must_use]
#[inline]
pub fn keyed_start(line: &str) -> Option<KeyedStart> {
    // Called on every body line: one byte decides for nearly all of them, inlined at the
    // call; the rest ([`keyed_start_full`]) is not.
    if matches!(line.as_bytes().first(), Some(b'0'..=b'9')) {
        keyed_start_full(line)
    } else {
        None
    }
}

#[inline(never)]
fn keyed_start_full(line: &str) -> Option<KeyedStart> {
    let b = line.as_bytes();
    let digits = b.iter().take(4).take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) || b.get(digits) != Some(&b'.') {
        return None;
    }
    let letter = *b.get(digits + 1)?;
    if !letter.is_ascii_uppercase() || b.get(digits + 2) != Some(&b'.') {
        return None;
    }
    let (marking, text_start) = after_label(line, digits + 3)?;
    Some(KeyedStart {
        key: line.get(..digits + 2)?.to_owned(),
        marking,
        text_start,
    })
}

/// What follows a label ending at `after` (`27.A.`, `B.`): a space, tab, `(` or the end
/// of the line must, then maybe a marking. Returns the marking (inner whitespace
/// collapsed) and where the text begins.
fn after_label(line: &str, after: usize) -> Option<(Option<String>, usize)> {
    let b = line.as_bytes();
    if !b
        .get(after)
        .is_none_or(|c| matches!(c, b' ' | b'\t' | b'('))
    {
        return None;
    }
    let mk = marking(line, after);
    let text_start = match &mk {
        Some((_, k)) => *k,
        None => {
            let mut k = after;
            while b.get(k).is_some_and(|c| *c == b' ' || *c == b'\t') {
                k += 1;
            }
            k
        }
    };
    let marking = mk.and_then(|(r, _)| line.get(r)).map(super::scan::collapse);
    Some((marking, text_start))
}

/// A short title line (`Overview`, `Prevention`) standing over a keyed answer: at most
/// five words and 40 bytes, starting with a capital, not ending a sentence.
#[must_use]
pub fn is_keyed_heading(t: &str) -> bool {
    // Byte checks, cheapest first: this runs on every line after a blank line.
    let b = t.as_bytes();
    if b.len() > 64 {
        return false;
    }
    let Some(start) = b.iter().position(|c| !c.is_ascii_whitespace()) else {
        return false;
    };
    if !b.get(start).is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |e| e + 1);
    if end - start > 40 || b.get(end - 1).is_some_and(|c| b".,;:?!".contains(c)) {
        return false;
    }
    // Words: starts of non-space runs.
    let words = b
        .get(start..end)
        .unwrap_or(&[])
        .windows(2)
        .filter(|w| matches!(w, [b' ' | b'\t', c] if !c.is_ascii_whitespace()))
        .count()
        + 1;
    words <= 5
}

/// A numbered section heading `3 - Investigation and Prosecution of Traffickers`: its
/// number. One or two digits, a dash between spaces, a capitalised title of at most 80
/// bytes that does not end a sentence.
#[must_use]
pub fn numbered_heading(t: &str) -> Option<u32> {
    let b = t.as_bytes();
    if !matches!(b.first(), Some(b'0'..=b'9')) || b.len() > 96 {
        return None;
    }
    let t = t.trim_end();
    let digits = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    if digits > 2 {
        return None;
    }
    let rest = t.get(digits..)?;
    let title = rest.trim_start().strip_prefix('-')?;
    if !title.starts_with(' ') {
        return None;
    }
    let title = title.trim_start();
    if !title.starts_with(|c: char| c.is_ascii_uppercase())
        || title.len() > 80
        || title.ends_with(['.', ',', ';', ':'])
    {
        return None;
    }
    t.get(..digits)?.parse().ok()
}

/// The section number of a heading written `3 - Title`, if it is one.
#[must_use]
pub fn section_number(title: &str) -> Option<u32> {
    numbered_heading(title)
}

/// A lettered answer start under a numbered section: `¶A. (SBU) …`, `A. …`,
/// `¶B.      / C. …`, `E./ F. …`, `I/J. …`. Like [`KeyedStart`], with `key` holding the
/// letters only (`A`, `B/C`).
#[must_use]
pub fn lettered_start(line: &str) -> Option<KeyedStart> {
    let (off, body) = match line.strip_prefix('¶') {
        Some(r) => ('¶'.len_utf8(), r),
        None => (0, line),
    };
    let b = body.as_bytes();
    let first = *b.first()?;
    if !first.is_ascii_uppercase() {
        return None;
    }
    let mut i = 1;
    let mut key = String::from(char::from(first));
    // `X.` then optionally `/ Y.` (spaces allowed around the slash, the first dot optional).
    let mut j = i + usize::from(b.get(i) == Some(&b'.'));
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    if b.get(j) == Some(&b'/') {
        j += 1;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        let second = *b.get(j)?;
        if !second.is_ascii_uppercase() || second <= first {
            return None;
        }
        key.push('/');
        key.push(char::from(second));
        i = j + 1;
    }
    if b.get(i) != Some(&b'.') {
        return None;
    }
    let (marking, text_start) = after_label(body, i + 1)?;
    // A lone initial opening a sentence (`J. Smith said`) is not an answer: demand a
    // marking or the `¶`.
    if marking.is_none() && off == 0 {
        return None;
    }
    Some(KeyedStart {
        key,
        marking,
        text_start: off + text_start,
    })
}

#[allow(clippy::expect_used)]
static KEYED_XREF: LazyLock<Regex> = LazyLock::new(|| {
    // `para. 28.B`, `paragraph 27.C.`, `paragraphs 29.I. and 30.C.`: the list of keys.
    Regex::new(concat!(
        r"\b(?:[Pp]ara(?:graph)?s?|PARA(?:GRAPH)?S?|[Pp]ars?|PARS?)\.?\s+",
        r"(?P<keys>\d{1,3}\.[A-Z]\b\.?(?:\s*(?:,|and|&)\s*\d{1,3}\.[A-Z]\b\.?)*)"
    ))
    .expect("valid built-in regex")
});

#[allow(clippy::expect_used)]
static SECTION_XREF: LazyLock<Regex> = LazyLock::new(|| {
    // `section 3(e)` (2010 TIP responses), and `paragraph A above` inside a section.
    Regex::new(concat!(
        r"\b(?:(?:[Ss]ection|SECTION)\s+(?P<sn>\d{1,2})\s*\(\s*(?P<sl>[a-zA-Z])\s*\)",
        r"|(?:[Pp]aragraph|PARAGRAPH)\s+(?P<pl>[A-Z])\s+(?P<dir>above|below)\b)"
    ))
    .expect("valid built-in regex")
});

#[allow(clippy::expect_used)]
static KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}\.[A-Z]\b").expect("valid built-in regex"));

/// Cross-references to keyed answers (`see para. 28.B`), resolved to the answer's
/// paragraph. Runs only when the cable has keyed answers; the paragraph links the main
/// pass made from the number part (`para. 28` of `para. 28.B`) are replaced.
pub fn keyed_xrefs(cable: &Cable, out: &mut Vec<CrossRef>) {
    let mut keys: HashMap<String, usize> = HashMap::new();
    for (i, p) in cable.paragraphs.iter().enumerate() {
        let Some(k) = p.keyed_label() else { continue };
        keys.entry(k.to_owned()).or_insert(i);
        // A merged answer `1.B/C` answers `1.B` and `1.C`.
        if let Some((n, letters)) = k.split_once('.')
            && letters.contains('/')
        {
            for l in letters.split('/') {
                keys.entry(format!("{n}.{l}")).or_insert(i);
            }
        }
    }
    if keys.is_empty() {
        return;
    }
    let numbered: Vec<u32> = cable
        .sections
        .iter()
        .filter_map(|s| section_number(&s.title))
        .collect();
    let mut found = Vec::new();
    for (pi, p) in cable.paragraphs.iter().enumerate() {
        let text = p.text.as_str();
        if memmem::find(text.as_bytes(), b"ection").is_some()
            || memmem::find(text.as_bytes(), b"ECTION").is_some()
            || memmem::find(text.as_bytes(), b"aragraph").is_some()
        {
            let own = p
                .section
                .and_then(|s| cable.sections.get(s))
                .and_then(|s| section_number(&s.title));
            section_xrefs(text, pi, own, &numbered, &keys, &mut found);
        }
        if memmem::find(text.as_bytes(), b"ar").is_none()
            && memmem::find(text.as_bytes(), b"AR").is_none()
        {
            continue;
        }
        for c in KEYED_XREF.captures_iter(text) {
            let (Some(whole), Some(list)) = (c.get(0), c.name("keys")) else {
                continue;
            };
            let end = trim_dot(text, whole.start(), whole.end());
            let phrase = super::scan::see_before(text, whole.start())..end;
            for k in KEY.find_iter(list.as_str()) {
                let key = k.as_str();
                let target = keys.get(key).copied().map_or_else(
                    || XrefTarget::Unresolved(format!("answer {key}")),
                    XrefTarget::Paragraph,
                );
                found.push(CrossRef {
                    paragraph: pi,
                    phrase: phrase.clone(),
                    range: list.start() + k.start()..list.start() + k.end(),
                    kind: XrefKind::Paragraph,
                    target,
                });
            }
        }
    }
    if found.is_empty() {
        return;
    }
    out.retain(|x| {
        !(x.kind == XrefKind::Paragraph
            && found.iter().any(|f| {
                f.paragraph == x.paragraph
                    && f.range.start < x.range.end
                    && x.range.start < f.range.end
            }))
    });
    out.append(&mut found);
    out.sort_by_key(|x| (x.paragraph, x.phrase.start, x.range.start));
}

/// `section 3(e)` and `paragraph A above` in paragraph `pi` (whose own section number is
/// `own`), resolved through `keys` (`3.E` → paragraph index).
fn section_xrefs(
    text: &str,
    pi: usize,
    own: Option<u32>,
    numbered: &[u32],
    keys: &HashMap<String, usize>,
    found: &mut Vec<CrossRef>,
) {
    for c in SECTION_XREF.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (n, letter, range, what) = if let (Some(sn), Some(sl)) = (c.name("sn"), c.name("sl")) {
            let n: Option<u32> = sn.as_str().parse().ok();
            let what = format!(
                "section {}({})",
                sn.as_str(),
                sl.as_str().to_ascii_lowercase()
            );
            (n, sl.as_str(), sn.start()..whole.end(), what)
        } else if let Some(pl) = c.name("pl") {
            let what = format!("paragraph {} in its section", pl.as_str());
            (own, pl.as_str(), pl.start()..pl.end(), what)
        } else {
            continue;
        };
        let target = match n {
            _ if numbered.is_empty() => {
                XrefTarget::Unresolved(format!("{what} (this cable's sections are not numbered)"))
            }
            None => XrefTarget::Unresolved(format!("{what} (not under a numbered section)")),
            Some(n) if !numbered.contains(&n) => {
                XrefTarget::Unresolved(format!("{what} (no section {n})"))
            }
            Some(n) => {
                let key = format!("{n}.{}", letter.to_ascii_uppercase());
                keys.get(&key).copied().map_or_else(
                    || XrefTarget::Unresolved(format!("{what} (no answer {key})")),
                    XrefTarget::Paragraph,
                )
            }
        };
        found.push(CrossRef {
            paragraph: pi,
            phrase: super::scan::see_before(text, whole.start())..whole.end(),
            range,
            kind: XrefKind::Paragraph,
            target,
        });
    }
}

/// `end` moved back over one final `.` (the sentence's, not the key's).
fn trim_dot(text: &str, start: usize, end: usize) -> usize {
    if end > start && text.as_bytes().get(end - 1) == Some(&b'.') {
        end - 1
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(label: &str, range: Range<usize>) -> SubParagraph {
        SubParagraph {
            label: label.to_owned(),
            marking: None,
            range,
            question: None,
        }
    }

    #[test]
    fn concern_and_response_are_split() {
        let t = "Title\nA. (S/NF) USG Concern: Money moved.\n(S/NF) GOA Response: It did not.\n\
                 B. (C) U.S. Request: Close it. Embassy Response: Done.";
        let a = t.find("A.").expect("A");
        let b = t.find("B.").expect("B");
        let mut subs = vec![sub("A", a..b), sub("B", b..t.len())];
        attach(t, Some(5), &mut subs);
        let q = subs[0].question.as_ref().expect("exchange A");
        assert_eq!(q.number, QuestionNumber::Label("5.A".to_owned()));
        assert_eq!(t.get(q.text.clone()), Some("Money moved."));
        assert_eq!(t.get(q.response.clone()), Some("It did not."));
        let q = subs[1].question.as_ref().expect("exchange B");
        assert_eq!(t.get(q.text.clone()), Some("Close it."));
        assert_eq!(t.get(q.response.clone()), Some("Done."));
    }

    #[test]
    fn a_later_labelled_block_ends_the_response() {
        let t = "A. (S) Concern: X.\n(S) GOA Response: Y.\n(S) Embassy Comment: Z.";
        let mut subs = vec![sub("A", 0..t.len())];
        attach(t, None, &mut subs);
        let q = subs[0].question.as_ref().expect("exchange");
        assert_eq!(q.number, QuestionNumber::Label("A".to_owned()));
        assert_eq!(t.get(q.response.clone()), Some("Y."));
    }

    #[test]
    fn no_prompt_or_no_response_is_no_exchange() {
        for t in [
            "A. (S) The concern is old. GOA Response: none.",
            "A. (S) USG Concern: X and no answer.",
            "A. (S) USG Concern: X. The vague response: none.",
        ] {
            let mut subs = vec![sub("A", 0..t.len())];
            attach(t, Some(1), &mut subs);
            assert_eq!(subs[0].question, None, "{t}");
        }
    }

    #[test]
    fn numbered_headings_and_lettered_starts() {
        assert_eq!(numbered_heading("1 - The Country's TIP Situation"), Some(1));
        assert_eq!(numbered_heading("12 - Partnerships  "), Some(12));
        for no in [
            "2010 - The year",
            "1 - the rest",
            "1 -Title",
            "1. Title",
            "3 - Done.",
        ] {
            assert_eq!(numbered_heading(no), None, "{no}");
        }
        let key = |t: &str| lettered_start(t).map(|k| k.key);
        assert_eq!(key("¶A. (SBU) Text"), Some("A".to_owned()));
        assert_eq!(key("A. (SBU) Text"), Some("A".to_owned()));
        assert_eq!(key("¶B.      / C. (SBU) Text"), Some("B/C".to_owned()));
        assert_eq!(key("E./ F. (SBU) Text"), Some("E/F".to_owned()));
        assert_eq!(key("I/J. (SBU) Text"), Some("I/J".to_owned()));
        assert_eq!(key("¶D. Text"), Some("D".to_owned()));
        for no in [
            "J. Smith said",
            "U.S. (SBU) x",
            "B/A. (SBU) x",
            "AB. (SBU) x",
            "a. (SBU) x",
        ] {
            assert_eq!(key(no), None, "{no}");
        }
        let k = lettered_start("¶B.      / C. (SBU) Most").expect("start");
        assert_eq!(k.marking.as_deref(), Some("SBU"));
        assert_eq!("¶B.      / C. (SBU) Most".get(k.text_start..), Some("Most"));
    }

    #[test]
    fn keyed_starts() {
        let k = keyed_start("27.A. (SBU) The GOC…").expect("keyed");
        assert_eq!(k.key, "27.A");
        assert_eq!(k.marking.as_deref(), Some("SBU"));
        assert_eq!(k.text_start, "27.A. (SBU) ".len());
        assert_eq!(
            keyed_start("30.G. Text").map(|k| k.key),
            Some("30.G".to_owned())
        );
        for no in [
            "27. (SBU) x",
            "27.AB. x",
            "2007.A. x",
            "27.a. x",
            "A.27. x",
            "27.A.x",
        ] {
            assert_eq!(keyed_start(no), None, "{no}");
        }
    }
}
