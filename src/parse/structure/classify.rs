//! What a body text line is, in its context: a paragraph start, a keyed or lettered
//! answer, one of the heading shapes, or running text. [`classify`] decides from the line
//! and what the body pass knows so far ([`Ctx`]); `build` acts on the answer with one
//! `match`. A new layout is one recogniser here, one [`Kind`] and one arm there.

use super::breaks::{ends_sentence, is_end_mark, is_heading_text};
use super::numbers::{ParaStart, number_with_period, para_start, written_number};
use crate::parse::exchanges::{self, KeyedStart};
use crate::parse::lines::{Line, LineKind};
use crate::parse::scan::marking;
use crate::parse::vocab;
use crate::parse::xrefs;

/// What a body text line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// The next numbered paragraph (`¶12. (SBU) …`, `J.2 .` from OCR).
    Paragraph(ParaStart),
    /// A lettered part of the current paragraph written with its number (`5.A.` in ¶5).
    OwnSub {
        /// The letter.
        letter: u8,
        /// Its marking.
        marking: Option<String>,
    },
    /// An answer keyed to a tasker's paragraph (`27.A. (SBU) …`), or a lettered answer
    /// under a numbered section (`3.E`).
    Keyed(KeyedStart),
    /// A numbered section heading over lettered answers (`3 - Investigation …`).
    NumberedSection(u32),
    /// A paragraph number behind the expected one without a marking, an item of a list
    /// inside a paragraph (`¶1. We agreed…` in a quoted letter): a paragraph of its own
    /// without a number, with a warning.
    OutOfSequence(ParaStart),
    /// The next item of a list inside a paragraph, numbered as the next paragraph (or
    /// one past it) would be but without the portion marking the cable's paragraphs
    /// carry (`¶3. The agencies…` after `¶2. Additionally…` in the message ¶2 quotes,
    /// 07MADRID1952; `¶10.`–`¶23.` of the list in 09BEIJING1582's ¶9, one item apart at
    /// most): an item, as [`Kind::OutOfSequence`].
    ListItem(ParaStart),
    /// A title directly over a rule (`The Assessment` / `-----`), or boxed between rules
    /// over `lines` source lines (`-----` / `Recommendation 2 - DOD and DOS Discussions
    /// with GOI on New` / `Regulatory Framework for …` / `-----`, 08BAGHDAD357).
    RuleTitle {
        /// Lines the title takes.
        lines: usize,
    },
    /// An all-caps heading (over `lines` source lines) before a paragraph start.
    CapsHeading {
        /// Lines the heading takes.
        lines: usize,
    },
    /// A short title (`Overview`) over a keyed answer.
    KeyedHeading,
    /// A paragraph number out of sequence that still starts a paragraph: past the
    /// expected window (`¶15.` after ¶3), or behind it with a portion marking after it
    /// (`¶6. (C)` after ¶6, `¶4. (SBU)` after ¶5: the drafter's slip) or under a
    /// heading's rule (`¶5.` after ¶6, 08RIODEJANEIRO171). A paragraph of
    /// that number, with a warning; the sequence goes on from the highest number read.
    AsPrinted(ParaStart),
    /// A `¶` that WikiLeaks put on a wrapped line starting with a number (`…in Lyon on
    /// November` / `¶16. His aim…`): running text, the `¶` dropped.
    FalsePilcrow,
    /// A heading standing alone between blank lines before a paragraph: a question
    /// (`Third Term for President Lula?`), `//COMMENT//`, a title-case line.
    Title,
    /// Running text: a continuation, a sub-paragraph, or plain unnumbered text.
    Text,
}

/// What the body pass knows when it meets a line.
pub(super) struct Ctx<'a> {
    /// The source.
    pub src: &'a str,
    /// The body's lines.
    pub lines: &'a [Line],
    /// Index of the line in `lines`.
    pub i: usize,
    /// Its text (cut before a glued signature).
    pub t: &'a str,
    /// The paragraph number expected next.
    pub expected: u32,
    /// Blank lines just before it.
    pub blanks: usize,
    /// Whether a rule is just before it.
    pub after_rule: bool,
    /// Whether a rule is just after it ([`next_is_rule`]).
    pub rule_next: bool,
    /// The number of the numbered section heading it is under, if any.
    pub lettered_section: Option<u32>,
    /// Whether the last numbered paragraph carried a portion marking.
    pub marked: bool,
    /// The number of the last item of a list read since that paragraph (see
    /// [`Kind::ListItem`]), whatever text came after it.
    pub last_item: Option<u32>,
    /// Whether the body has lower-case text (so that all-caps lines stand out).
    pub has_lower: bool,
    /// The paragraph being built, if any.
    pub cur: Option<Cur<'a>>,
}

/// What the classifier needs of the paragraph being built.
#[derive(Clone, Copy)]
pub(super) struct Cur<'a> {
    /// Its number.
    pub number: Option<u32>,
    /// The number of the list item it is, when it is one (see `Builder::list_item`).
    pub list_item: Option<u32>,
    /// Its last source line's text.
    pub last_text: &'a str,
    /// It has one source line so far.
    pub one_line: bool,
}

/// Classify the line `c.t`.
pub(super) fn classify(c: &Ctx<'_>) -> Kind {
    let t = c.t;
    if t.starts_with('¶') && is_false_pilcrow(c) {
        return Kind::FalsePilcrow;
    }
    // A list's next item where the sequence would take it for the next paragraph (a
    // number behind the sequence is an item anyway).
    if c.marked
        && t.starts_with('¶')
        && let Some(item) = c.last_item
        && item >= c.expected.saturating_sub(1)
        && let Some(ps) = para_start(t, item + 1, false)
        // One item may be missing between, its number glued to its words (`15.UK and
        // China…`, 09BEIJING1582).
        && (item + 1..=item + 2).contains(&ps.number)
        && ps.marking.is_none()
    {
        return Kind::ListItem(ps);
    }
    if let Some(ps) = para_start(t, c.expected, false) {
        return Kind::Paragraph(ps);
    }
    // The two shapes are disjoint: a digit or a capital first.
    let keyed = match exchanges::keyed_start(t) {
        Some(k) => {
            // `5.A.` inside ¶5 is the paragraph's own sub-paragraph A, not an answer.
            if let Some(n) = c.cur.and_then(|b| b.number)
                && let Some((num, letter)) = k.key.split_once('.')
                && num.parse::<u32>().ok() == Some(n)
            {
                return Kind::OwnSub {
                    letter: letter.bytes().next().unwrap_or(b'A'),
                    marking: k.marking,
                };
            }
            Some(k)
        }
        None => c.lettered_section.and_then(|n| {
            exchanges::lettered_start(t).map(|k| KeyedStart {
                key: format!("{n}.{}", k.key),
                ..k
            })
        }),
    };
    if let Some(k) = keyed {
        return Kind::Keyed(k);
    }
    let fresh = c.blanks > 0 || c.after_rule || c.cur.is_none();
    if fresh
        && let Some(n) = exchanges::numbered_heading(t)
        && next_text_is_lettered(c.src, c.lines, c.i)
    {
        return Kind::NumberedSection(n);
    }
    if (t.starts_with('¶') || marking_after_number(t))
        && let Some(n) = written_number(t)
        && let Some(ps) = para_start(t, n, false)
    {
        // A marking after the number makes it a paragraph's start, whatever the
        // sequence says: a list's items carry none. So does a heading's rule above it
        // (`Brazil Plans to Enrich …` / `--------` / `¶5. At the …` after ¶6,
        // 08RIODEJANEIRO171): a list goes on under no heading.
        return if n > c.expected || ps.marking.is_some() || c.after_rule {
            Kind::AsPrinted(ps)
        } else {
            Kind::OutOfSequence(ps)
        };
    }
    // The line closing quoted material ends what it closes: it heads nothing after it,
    // boxed between rules or not (`-----` / `END TALKING POINTS` / `-----`).
    if (fresh || c.rule_next) && is_end_mark(t) {
        return Kind::Text;
    }
    // Right under a rule and over one, a title may end as a sentence does (`The
    // Opposition Has Failed...`, 06CARACAS219), go on in a second line, or run past the
    // width cables are wrapped at in a copy of one line a paragraph (`EARLY FOREIGN
    // POLICY GOALS: RETURN TO EUROPEAN LEADERSHIP AND THE ALLIANCE WITH THE U.S.`,
    // 09PARIS410). The rules' places are looked at first, the line's words last.
    let under_rule = c.after_rule && c.blanks == 0;
    let len = || super::breaks::collapsed_len(t);
    if (c.rule_next && !c.after_rule || c.blanks > 0)
        && let Some(lines) = wrapped_title(c)
    {
        return Kind::RuleTitle { lines };
    }
    if c.rule_next {
        let len = len();
        if under_rule && len <= 120 || len <= 80 && !ends_sentence(t) {
            return Kind::RuleTitle { lines: 1 };
        }
    } else if c.after_rule {
        if under_rule
            && let Some(lines) = lines_to_rule(c.src, c.lines, c.i, c.expected)
            && len() <= 80
        {
            return Kind::RuleTitle { lines };
        }
        // Boxed with blank lines between, a title starts with a capital: not a table's
        // footnote (`*Source: SEDENA` between a table's closing rule and the next
        // heading's, 09MEXICO193).
        if t.starts_with(char::is_uppercase)
            && rule_past_blanks(c.lines, c.i)
            && len() <= 80
            && !ends_sentence(t)
        {
            return Kind::RuleTitle { lines: 1 };
        }
    }
    if c.has_lower
        && fresh
        && is_heading_text(t)
        && let Some((lines, _)) = heading_extent(
            c.src,
            c.lines,
            c.i,
            c.expected,
            c.cur.is_some_and(|b| ends_sentence(b.last_text)),
        )
    {
        return Kind::CapsHeading { lines };
    }
    if (c.blanks > 0 || c.after_rule)
        && exchanges::is_keyed_heading(t)
        && next_text_is_keyed(c.src, c.lines, c.i)
    {
        return Kind::KeyedHeading;
    }
    if fresh && is_title(c) {
        return Kind::Title;
    }
    Kind::Text
}

/// The lines of a title over a rule that takes more than its first line, line `c.t`:
/// two lines each underlined, the second going on with the first (`Minister of Foreign
/// and European` / `-----` / `Affairs -- Bernard Kouchner` / `-----`, 07PARIS2027), the
/// first not under a rule; or, after a blank line, two or three lines over the rule
/// under the last (`Sandinistas Look out for Themselves and the Wealthy, While` / `the
/// Poor Suffer` / `- - - -`, 06MANAGUA1003). None of them ends a sentence.
#[cold]
#[inline(never)]
fn wrapped_title(c: &Ctx<'_>) -> Option<usize> {
    let t = c.t;
    let fits = |t: &str| super::breaks::collapsed_len(t) <= 80 && !ends_sentence(t);
    if !c.after_rule
        && let Some(lines) = stacked_underlines(c.src, c.lines, c.i, c.expected)
    {
        // The second line is the one over the last rule.
        let second = c.lines.get(c.i + lines - 2)?;
        return (fits(t) && fits(second.text(c.src))).then_some(lines);
    }
    if c.rule_next || c.blanks == 0 || !t.starts_with(char::is_uppercase) {
        return None;
    }
    let lines = lines_to_rule(c.src, c.lines, c.i, c.expected)?;
    (!opens_box(c.lines, c.i + lines - 1)
        && c.lines
            .get(c.i..c.i + lines)?
            .iter()
            .all(|l| fits(l.text(c.src))))
    .then_some(lines)
}

/// Month names as a sentence may end a line with them before a day number.
const MONTH_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
];

/// Whether the `¶` of line `c.t` is WikiLeaks' mark on a wrapped number: the line before
/// leaves its sentence open, ending in a month name (`November` / `¶16.`) or giving a
/// number out of sequence (`see 09 Caracas 442 and 10 Caracas` / `¶187.`); across a
/// blank line, only after the keyword of a paragraph or question cross-reference.
#[inline(never)]
fn is_false_pilcrow(c: &Ctx<'_>) -> bool {
    let Some(cur) = c.cur else {
        return false;
    };
    // Any number: `… violations of UNSCRs 1718 and` / `¶1737.` (07STATE152317).
    let Some(n) = number_with_period(c.t) else {
        return false;
    };
    let in_sequence = (c.expected..=c.expected + 5).contains(&n);
    // The next item of a list inside a paragraph (`¶2. Abolish special pensions` /
    // `¶3. Limit pensions…`, 10KYIV278), not a number wrapped from the line before.
    if cur.list_item.is_some_and(|item| item + 1 == n) {
        return false;
    }
    // Past a blank line only a number out of sequence, checked first as most paragraph
    // starts are in sequence.
    if c.blanks > 0 && in_sequence {
        return false;
    }
    let prev = cur.last_text.trim_end();
    if prev.is_empty() || ends_sentence(prev) || prev.ends_with([':', ';']) {
        return false;
    }
    // A marking after the number (`¶4. (C)`) is a paragraph's, whatever came before.
    let after = c.t.find('.').map_or(c.t.len(), |k| k + 1);
    if marking(c.t, after).is_some() {
        return false;
    }
    // Past a blank line only a phrase that needs its number continues (`… posed in
    // paragraph` / blank / `¶3. Koenig`, 08BERLIN1068, where the number was a line's
    // first word).
    if c.blanks > 0 {
        return xrefs::awaits_number(prev);
    }
    let last = prev.rsplit(char::is_whitespace).next().unwrap_or("");
    let month = MONTH_NAMES.iter().any(|m| last.eq_ignore_ascii_case(m));
    // A list's first item under its heading (`Other Social Funds` / `¶1. Temporary…`,
    // 10KYIV278): a line of its own in capitalised words, not a date's month.
    if n == 1 && !month && cur.number.is_none() && cur.one_line && list_heading(prev) {
        return false;
    }
    month || !in_sequence
}

/// Whether `t` is shaped as a list's heading: at most six words, each capitalised but for
/// the small words that join a name's ([`vocab::NAME_CONNECTORS`]: `Other Social Funds`,
/// `Rule of Law`).
fn list_heading(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && words
            .first()
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || *w == "&"
                || vocab::NAME_CONNECTORS.contains(w)
        })
}

/// Whether line `c.t` is a heading standing alone: after a blank line, before a paragraph
/// start (or keyed answer), short, with no sentence end, and shaped as a heading.
#[cold]
#[inline(never)]
fn is_title(c: &Ctx<'_>) -> bool {
    // Cheapest tests first: this runs on every line after a blank one that is nothing else
    // (lines come without leading or trailing whitespace).
    let t = c.t;
    let first = t.as_bytes().first().copied().unwrap_or(b'a');
    // A label of a few words (`Other issues:`, `Iran:`, `KEY POLITICAL CRITERIA:`) heads
    // what follows it, rather than ending the paragraph before.
    let label = t.ends_with(':') && t.len() <= 40 && t.split_whitespace().count() <= 3;
    if t.len() > 100
        || !label && t.ends_with(['.', ',', ';', ':'])
        || !(first.is_ascii_uppercase() || matches!(first, b'/' | b'-' | b'"') || first >= 0x80)
    {
        return false;
    }
    // A wrapped line of prose ends in a lower-case word; a heading does not.
    let last = t.rsplit(' ').next().unwrap_or(t);
    if last.starts_with(|ch: char| ch.is_ascii_lowercase()) && !t.ends_with('?') && !label {
        return false;
    }
    let inner = t.trim_matches(|ch: char| ch == '/' || ch == '-' || ch.is_whitespace());
    let slashed = t.starts_with("//") && t.ends_with("//");
    let dashed = t.starts_with("--") && t.ends_with("--");
    let question = t.ends_with('?');
    let shaped = inner.starts_with(|ch: char| ch.is_uppercase() || ch == '"')
        && (slashed
            || dashed
            || question
            || label
            || inner
                .split_whitespace()
                .filter(|w| w.len() >= 4)
                .all(|w| w.starts_with(|ch: char| ch.is_uppercase() || !ch.is_alphabetic())));
    // The end of a Classified By line (`REASON: 1.4 (b), (d)`), a print page header.
    shaped
        && t.split_whitespace().count() <= 14
        && !t.contains("1.4")
        && !t.contains("1.5")
        && !t.starts_with("PAGE ")
        && next_text_opens_paragraph(c.src, c.lines, c.i, c.expected)
}

/// Whether the next text line after `i` opens the next paragraph or a keyed answer.
fn next_text_opens_paragraph(src: &str, lines: &[Line], i: usize, expected: u32) -> bool {
    lines
        .iter()
        .skip(i + 1)
        .find(|l| l.kind == LineKind::Text)
        .is_some_and(|l| {
            let t = l.text(src);
            para_start(t, expected, false).is_some() || exchanges::keyed_start(t).is_some()
        })
}

/// The line after `i`, a `SIPDIS` or banner line passed over (no blank line).
fn next_line(lines: &[Line], i: usize) -> Option<&Line> {
    lines
        .iter()
        .skip(i + 1)
        .find(|l| !matches!(l.kind, LineKind::Sipdis | LineKind::Banner))
}

/// Whether the line after `i` (with no blank between) is a rule.
pub(super) fn next_is_rule(lines: &[Line], i: usize) -> bool {
    next_line(lines, i).is_some_and(|l| l.kind == LineKind::Rule)
}

/// Whether the next line after `i` that is not blank (nor a page's marker) is a rule: with
/// a rule above, the line is a title boxed between rules (`-----` / blank / `Working with
/// Neighbors` / blank / `-----`, 10BOGOTA201).
fn rule_past_blanks(lines: &[Line], i: usize) -> bool {
    past_blanks(lines, i).is_some_and(|r| lines.get(r).is_some_and(|l| l.kind == LineKind::Rule))
}

/// The index of the next line after `i` that is not blank (nor a page's marker, a
/// `SIPDIS` or banner line).
fn past_blanks(lines: &[Line], i: usize) -> Option<usize> {
    let after = lines.get(i + 1..)?.iter().position(|l| {
        !matches!(
            l.kind,
            LineKind::Blank | LineKind::Sipdis | LineKind::Banner | LineKind::PageMarker
        )
    })?;
    Some(i + 1 + after)
}

/// The lines of a title boxed between rules that goes on after line `i`: one or two
/// more short lines of text, no paragraph's start, with a rule right under the last
/// (`(U) Russian presentation on FSB work to interdict Iranian and` / `North Korean …` /
/// `transship third party materials through Russia` / `-----`, 10STATE17263). The rule
/// is looked for first: most lines have none under them.
fn lines_to_rule(src: &str, lines: &[Line], i: usize, expected: u32) -> Option<usize> {
    let n = (2..=3).find(|&n| lines.get(i + n).is_some_and(|l| l.kind == LineKind::Rule))?;
    lines
        .get(i + 1..i + n)?
        .iter()
        .all(|l| {
            let t = l.text(src);
            l.kind == LineKind::Text
                && super::breaks::collapsed_len(t) <= 80
                && para_start(t, expected, false).is_none()
        })
        .then_some(n)
}

/// Whether the rule under line `i` is the top of a box around the next line (`-----` /
/// `POINTS OF CONTACT` / `-----`) rather than a line drawn under line `i`.
pub(super) fn opens_box(lines: &[Line], i: usize) -> bool {
    lines.get(i + 1).is_some_and(|l| l.kind == LineKind::Rule)
        && lines.get(i + 2).is_some_and(|l| l.kind == LineKind::Text)
        && lines.get(i + 3).is_some_and(|l| l.kind == LineKind::Rule)
}

/// How many characters a line shows: a rule drawn under a title is as long as the title,
/// give or take two.
fn width(src: &str, l: &Line) -> usize {
    l.text(src).trim_end().chars().count()
}

/// The lines of a title written as two lines each underlined (line `i`, its rule, a
/// short line going on with it, its rule), a page's marker perhaps between the first
/// and its rule: when each rule is as long as its line (`XXXXXXXXXXXX` / `=====…` /
/// `U.S.-SPAIN RELATIONS` / `=====…` is a box after a line, 05MADRID1317).
fn stacked_underlines(src: &str, lines: &[Line], i: usize, expected: u32) -> Option<usize> {
    let r = past_blanks(lines, i)?;
    let shown = |j: usize| lines.get(j).map(|l| width(src, l));
    let underlines = |text: usize, rule: usize| match (shown(text), shown(rule)) {
        (Some(a), Some(b)) => a.abs_diff(b) <= 2,
        _ => false,
    };
    (lines.get(r).is_some_and(|l| l.kind == LineKind::Rule)
        && opens_box(lines, r - 1)
        && underlines(i, r)
        && underlines(r + 1, r + 2)
        && lines
            .get(r + 1)
            .is_some_and(|l| para_start(l.text(src), expected, false).is_none()))
    .then_some(r + 3 - i)
}

/// Where a title glued after the last sentence of line `i` (text `t`) starts, when the
/// line is over a rule drawn as long as that title (`neighbors in the region. TURKEY:
/// BETTER THAN THE REST` / 28 dashes, 09BAGHDAD2562; `… can win. VAT Exemption on New
/// Embassy Unlikely` / 37 dashes, 09LONDON2225): a copy joining a heading onto the
/// paragraph line before it. The line is read again from there, as the title.
#[cold]
#[inline(never)]
pub(super) fn glued_title(src: &str, lines: &[Line], i: usize, t: &str) -> Option<usize> {
    let rule = next_line(lines, i)?;
    // The title's first byte, as many characters from the end as the rule has (give or
    // take a few bytes).
    let from_end = t
        .char_indices()
        .rev()
        .nth(width(src, rule).checked_sub(1)?)?
        .0;
    (from_end.saturating_sub(3)..=from_end + 2).find(|&at| {
        at > 0
            && t.is_char_boundary(at)
            && t.as_bytes().get(at - 1) == Some(&b' ')
            && t.get(at..)
                .is_some_and(|title| title.starts_with(char::is_uppercase) && !ends_sentence(title))
            && t.get(..at).is_some_and(|head| {
                // A sentence of its own, not a label's colon (`Coalition Calculus:`) nor
                // a paragraph's number (`¶5. WMD Proliferation Financing Issues`).
                ends_sentence(head)
                    && !head.trim_end().ends_with([':', ';'])
                    && head.split_whitespace().nth(2).is_some()
            })
    })
}

/// Whether the next text line after `i` opens a keyed answer (`27.A.`).
pub(super) fn next_text_is_keyed(src: &str, lines: &[Line], i: usize) -> bool {
    lines
        .iter()
        .skip(i + 1)
        .take(8)
        .find(|l| l.kind == LineKind::Text)
        .is_some_and(|l| crate::parse::exchanges::keyed_start(l.text(src)).is_some())
}

/// Whether the next text line after `i` opens a lettered answer (`¶A. (SBU)`).
pub(super) fn next_text_is_lettered(src: &str, lines: &[Line], i: usize) -> bool {
    lines
        .iter()
        .skip(i + 1)
        .take(8)
        .find(|l| l.kind == LineKind::Text)
        .is_some_and(|l| crate::parse::exchanges::lettered_start(l.text(src)).is_some())
}

pub(super) fn marking_after_number(t: &str) -> bool {
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    n > 0 && t.as_bytes().get(n) == Some(&b'.') && marking(t, n + 1).is_some()
}

/// How many lines (from `i`) an all-caps heading spans, if a paragraph start follows it.
pub(super) fn heading_extent(
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
                    || crate::parse::exchanges::keyed_start(t).is_some()
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
    use crate::parse::lines::split;

    /// Classify the first line of `snippet` (real lines, with what follows them), with
    /// `expected` the next paragraph number and `cur_number` the current paragraph's.
    fn kind(snippet: &str, expected: u32, cur_number: Option<u32>, blanks: usize) -> Kind {
        let lines = split(snippet);
        let t = lines.first().map_or("", |l| l.text(snippet));
        classify(&Ctx {
            src: snippet,
            lines: &lines,
            i: 0,
            t,
            expected,
            blanks,
            after_rule: false,
            rule_next: next_is_rule(&lines, 0),
            lettered_section: None,
            marked: false,
            last_item: None,
            has_lower: true,
            cur: cur_number.map(|n| Cur {
                number: Some(n),
                list_item: None,
                last_text: if blanks == 0 {
                    "Muslim, Christian, and Jewish communities in Lyon on November"
                } else {
                    "the end of a sentence."
                },
                one_line: false,
            }),
        })
    }

    fn name(k: &Kind) -> &'static str {
        match k {
            Kind::Paragraph(_) => "paragraph",
            Kind::OwnSub { .. } => "own-sub",
            Kind::Keyed(_) => "keyed",
            Kind::NumberedSection(_) => "numbered-section",
            Kind::OutOfSequence(_) => "out-of-sequence",
            Kind::ListItem(_) => "list-item",
            Kind::RuleTitle { .. } => "rule-title",
            Kind::CapsHeading { .. } => "caps-heading",
            Kind::KeyedHeading => "keyed-heading",
            Kind::AsPrinted(_) => "as-printed",
            Kind::FalsePilcrow => "false-pilcrow",
            Kind::Title => "title",
            Kind::Text => "text",
        }
    }

    /// Real lines of the fixtures and the corpus, each with the kind a reader sees.
    #[test]
    fn real_lines_are_classified() {
        let cases: &[(&str, u32, Option<u32>, usize, &str)] = &[
            // 06ASUNCION589
            (
                "¶1. (U) This is an action request; see para 10.",
                1,
                None,
                1,
                "paragraph",
            ),
            // seed, OCR'd pilcrow
            (
                "J.2 .  (SBU)  Question  1.  Is  the  country  a",
                2,
                Some(1),
                1,
                "paragraph",
            ),
            // 08TRIPOLI220 early-2011 rendering
            ("2.(C) The Libyan government", 2, Some(1), 1, "paragraph"),
            // 09STATE80163: a lettered part of ¶5 written with its number
            (
                "5.A. (S/NF) Leadership intentions",
                6,
                Some(5),
                1,
                "own-sub",
            ),
            // a 2007 TIP reply keyed to the tasker's paragraphs
            (
                "27.A. (SBU) Mexico is a source, transit",
                3,
                Some(2),
                1,
                "keyed",
            ),
            // 2010 TIP sections over lettered answers
            (
                "3 - Investigation and Prosecution of Traffickers\n\n¶A. (SBU) Yes.",
                5,
                Some(4),
                1,
                "numbered-section",
            ),
            // 09BEIJING1582: an item of a list inside ¶9, no marking
            (
                "¶1. We agreed the importance of safeguarding development",
                10,
                Some(9),
                1,
                "out-of-sequence",
            ),
            // 04MADRID4063: the drafter's second ¶6, with its marking
            (
                "¶6. (C) Cuba: Leon said the GOS did not want a wholesale",
                7,
                Some(6),
                1,
                "as-printed",
            ),
            // 09BEIJING2963: the numbering restarted after a memo's heading lines
            (
                "¶1. (S) Summary: Deputy Secretary Steinberg explained U.S.",
                3,
                Some(2),
                1,
                "as-printed",
            ),
            // 06ASUNCION589 dashed heading
            (
                "The Assessment\n--------------",
                4,
                Some(3),
                1,
                "rule-title",
            ),
            // seed all-caps section heading before ¶6
            (
                "PREVENTION\n\n16.  (SBU)  Question  5.",
                6,
                Some(5),
                1,
                "caps-heading",
            ),
            // a continuation
            ("the government has taken steps to", 3, Some(2), 0, "text"),
            // 09BRASILIA905: a heading standing alone before ¶7
            (
                "Third Term for President Lula? \n\n¶7. (SBU) President Lula",
                7,
                Some(6),
                1,
                "title",
            ),
            // 09RIYADH651: a slashed heading right before ¶3
            (
                "//Family Business?//\n¶3. (S) Embassy press officers",
                3,
                Some(2),
                1,
                "title",
            ),
            // 09STATE80163: ¶15 printed after ¶3
            (
                "¶15. Collection requirements and tasking",
                4,
                Some(3),
                1,
                "as-printed",
            ),
            // 05PARIS7835: after `…in Lyon on November`
            (
                "¶16. His aim was to convince those present",
                11,
                Some(10),
                0,
                "false-pilcrow",
            ),
            // 09BRUSSELS1399: a number with no period
            (
                "15 (C) Sanctions were discussed",
                15,
                Some(14),
                1,
                "paragraph",
            ),
        ];
        for &(line, expected, cur, blanks, want) in cases {
            assert_eq!(name(&kind(line, expected, cur, blanks)), want, "{line}");
        }
    }
}
