//! Pass 3: cross-references, found in each paragraph's clean text and resolved once the
//! whole tree (paragraphs, questions, REF list) exists.
//!
//! Working on clean text means phrases broken across lines or page markers ("see
//! question" / marker / "17)") are already whole. One [`CrossRef`] is made per target.

use std::sync::LazyLock;

use regex::Regex;

use crate::cable::{Cable, CrossRef, QuestionNumber, Reference, XrefKind, XrefTarget};

#[allow(clippy::expect_used)]
static XREF: LazyLock<Regex> = LazyLock::new(|| {
    // Keyword first, spelled in its case variants, so the regex engine can use a fast
    // literal prefilter; a preceding "see" is picked up by looking back (`see_before`).
    Regex::new(concat!(
        r"\b(?:(?P<q>(?:[Qq]uestions?|QUESTIONS?)\s+(?P<qn>\d{1,3}(?:\s*(?:,|and|&|or)\s*\d{1,3})*))",
        r"|(?P<p>(?:[Pp]ara(?:graph)?s?|PARA(?:GRAPH)?S?|[Pp]ars?|PARS?)\.?\s+(?P<pn>(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s*(?:-|through|to)\s*(?:\d{1,3}|end))?(?:\s*(?:,|and|&|or)\s*\d{1,3}(?:\s*(?:-|through|to)\s*(?:\d{1,3}|end))?)*)\b)",
        r"|(?P<r>(?:[Rr]ef(?:tel)?s?|REF(?:TEL)?S?|REFTELs)\.?(?:\s+|\s*\()(?P<rl>[A-Za-z](?:\s*(?:,\s*(?:and|AND)|,|and|AND|&|/|-|through|THROUGH|or|OR)\s*[A-Za-z])*)\b)",
        // A bare `reftel`, or `ref`/`refs` closed by `)`, `,` or `:` (`(ref)`, `in ref,`).
        r"|(?P<bare>[Rr]eftels?|REFTELS?|REFTELs)\b|(?P<bare_ref>[Rr]efs?|REFS?)[),:])"
    ))
    .expect("valid built-in regex")
});

/// Which branch of [`XREF`] a match took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Branch {
    /// `question(s) 9 and 17`
    Question,
    /// `para 10`, `paragraphs 27-30`
    Paragraph,
    /// `Ref C`, `reftels A and B`
    Ref,
    /// `reftel` alone
    Bare,
}

/// A match of [`XREF`]: the branch, and the list after the keyword (`9 and 17`, `C`),
/// as byte ranges of the text. The whole match is the phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    branch: Branch,
    phrase: std::ops::Range<usize>,
    list: std::ops::Range<usize>,
}

/// Read a match of [`XREF`] without asking the regex for its groups (which runs a second,
/// slower engine over every match). The branches start with different letters except
/// `ref`/`reftel`, which differ in having a list: what follows the keyword's letters
/// (after `.`, spaces or `(`), where a bare `ref` has only a closing `)`, `,` or `:`.
fn hit(m: &regex::Match<'_>) -> Hit {
    let t = m.as_str();
    let word = t
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(t.len());
    let list_start = t
        .get(word..)
        .and_then(|rest| rest.find(|c: char| !(c.is_whitespace() || c == '.' || c == '(')))
        .map_or(t.len(), |k| word + k);
    let branch = match t.as_bytes().first() {
        Some(b'q' | b'Q') => Branch::Question,
        Some(b'p' | b'P') => Branch::Paragraph,
        // A REF list starts with a letter; a bare `ref` has only its closing `)`, `,`, `:`.
        _ if t
            .get(list_start..)
            .is_some_and(|l| l.starts_with(|c: char| c.is_ascii_alphabetic())) =>
        {
            Branch::Ref
        }
        _ => Branch::Bare,
    };
    let (phrase, list) = if branch == Branch::Bare {
        // The keyword alone, without the `)`/`,`/`:` that closed it.
        (m.start()..m.start() + word, m.start()..m.start() + word)
    } else {
        (m.range(), m.start() + list_start..m.end())
    };
    Hit {
        branch,
        phrase,
        list,
    }
}

/// Whether `text` ends with the keyword of a paragraph or question cross-reference
/// (`… the dissemination request posed in paragraph`), so that a number starting the
/// next line completes the phrase: asked of [`XREF`] itself, with a number put after
/// the last word.
pub(super) fn awaits_number(text: &str) -> bool {
    let Some(last) = text.trim_end().rsplit(char::is_whitespace).next() else {
        return false;
    };
    if last.is_empty() || last.len() > 12 {
        return false;
    }
    let probe = format!("{last} 1");
    XREF.find_iter(&probe).any(|m| {
        m.start() == 0
            && m.end() == probe.len()
            && matches!(hit(&m).branch, Branch::Question | Branch::Paragraph)
    })
}

/// A part of a [`Hit`] with the few accessors of a `regex::Match` the resolver uses.
struct Part<'t> {
    text: &'t str,
    range: std::ops::Range<usize>,
}

impl Part<'_> {
    fn start(&self) -> usize {
        self.range.start
    }
    fn end(&self) -> usize {
        self.range.end
    }
    fn as_str(&self) -> &str {
        self.text
    }
}

/// The first paragraph with each number: `(number, paragraph index)` pairs sorted by
/// number, the first of each number kept.
struct NumberIndex(Vec<(u32, usize)>);

impl NumberIndex {
    /// From pairs in paragraph order.
    fn new(mut pairs: Vec<(u32, usize)>) -> Self {
        // Stable, so the first paragraph with a number stays first among its equals.
        pairs.sort_by_key(|&(n, _)| n);
        pairs.dedup_by_key(|&mut (n, _)| n);
        Self(pairs)
    }

    fn get(&self, n: u32) -> Option<usize> {
        self.0
            .binary_search_by_key(&n, |&(k, _)| k)
            .ok()
            .and_then(|k| self.0.get(k))
            .map(|&(_, i)| i)
    }
}

/// Find and resolve the cross-references of `cable`.
pub fn resolve(cable: &mut Cable) {
    let mut out = Vec::new();
    // Number → first paragraph with it (a cable has tens of paragraphs, where a hash
    // map cost more to build than to use).
    let mut by_number: Vec<(u32, usize)> = Vec::new();
    let mut by_question: Vec<(u32, usize)> = Vec::new();
    for (i, p) in cable.paragraphs.iter().enumerate() {
        if let Some(n) = p.number {
            by_number.push((n, i));
        }
        if let Some(q) = &p.question
            && let QuestionNumber::Number(n) = q.number
        {
            by_question.push((n, i));
        }
    }
    let by_number = NumberIndex::new(by_number);
    let by_question = NumberIndex::new(by_question);
    let max_number = cable.paragraphs.iter().filter_map(|p| p.number).max();
    for (pi, p) in cable.paragraphs.iter().enumerate() {
        let text = p.text.as_str();
        for m in XREF.find_iter(text) {
            let h = hit(&m);
            let part = |r: std::ops::Range<usize>| Part {
                text: text.get(r.clone()).unwrap_or(""),
                range: r,
            };
            if h.branch == Branch::Question {
                let (q, nums) = (part(h.phrase), part(h.list));
                // "Question 17." opening the paragraph is the question itself.
                if q.start() == 0 {
                    continue;
                }
                let q = (super::scan::see_before(text, q.start()), q.end());
                for m in digits(nums.as_str()) {
                    let (s, e, n) = (nums.start() + m.0, nums.start() + m.1, m.2);
                    let target = by_question.get(n).map_or_else(
                        || XrefTarget::Unresolved(format!("question {n}")),
                        XrefTarget::Paragraph,
                    );
                    out.push(CrossRef {
                        paragraph: pi,
                        phrase: q.0..q.1,
                        range: s..e,
                        kind: XrefKind::Question,
                        target,
                    });
                }
            } else if h.branch == Branch::Paragraph {
                let (ph, nums) = (part(h.phrase), part(h.list));
                // `PAR 3 STATE 106206`, `para 4 of reftel`: a paragraph of another cable.
                let after = text.get(ph.end()..).unwrap_or("");
                let external = other_cable(after);
                // `paragraph 6 of UNSCR 1747`, `Article 4 paragraph 1`: not a cable's;
                // `(Ref C, paras 6-7)`, `Paragraph 10 of Ref A`: the REF link says it.
                let before = text.get(..ph.start()).unwrap_or("");
                if other_document(before, after) || of_lettered_ref(before, after) {
                    continue;
                }
                let mut targets: Vec<(usize, usize, u32)> = Vec::new();
                for (s, e, lo, hi) in number_ranges(nums.as_str(), max_number) {
                    // Inside a range only the paragraphs the cable has are targets (a
                    // redacted or skipped number in the middle is no broken link); its
                    // ends are named whether or not they exist.
                    let top = hi.min(lo + 60);
                    for n in lo..=top {
                        if n == lo || n == top || by_number.get(n).is_some() || external {
                            targets.push((nums.start() + s, nums.start() + e, n));
                        }
                    }
                }
                for (s, e, n) in targets {
                    if external {
                        out.push(CrossRef {
                            paragraph: pi,
                            phrase: super::scan::see_before(text, ph.start())..ph.end(),
                            range: s..e,
                            kind: XrefKind::Paragraph,
                            target: XrefTarget::Unresolved(format!(
                                "paragraph {n} of another cable"
                            )),
                        });
                        continue;
                    }
                    let target = by_number.get(n).map_or_else(
                        || XrefTarget::Unresolved(format!("paragraph {n}")),
                        XrefTarget::Paragraph,
                    );
                    out.push(CrossRef {
                        paragraph: pi,
                        phrase: super::scan::see_before(text, ph.start())..ph.end(),
                        range: s..e,
                        kind: XrefKind::Paragraph,
                        target,
                    });
                }
            } else if h.branch == Branch::Ref {
                let (ph, letters) = (part(h.phrase), part(h.list));
                // Lower-case letters as `(ref a)`, or where the REF list has that letter;
                // "reftel a request" is not a link.
                let lower = letters.as_str().bytes().any(|b| b.is_ascii_lowercase());
                let lettered = |l: u8| {
                    cable
                        .header
                        .refs
                        .iter()
                        .any(|r| r.letter == Some(char::from(l.to_ascii_uppercase())))
                };
                if lower
                    && text.as_bytes().get(letters.end()) != Some(&b')')
                    && !letters.as_str().bytes().next().is_some_and(lettered)
                {
                    continue;
                }
                for (off, up) in ref_letters(letters.as_str()) {
                    let refs = &cable.header.refs;
                    let target = Reference::named_by(refs, up).map_or_else(
                        || XrefTarget::Unresolved(format!("ref {up}")),
                        XrefTarget::Ref,
                    );
                    let s = letters.start() + off;
                    out.push(CrossRef {
                        paragraph: pi,
                        phrase: super::scan::see_before(text, ph.start())..ph.end(),
                        range: s..s + 1,
                        kind: XrefKind::Ref,
                        target,
                    });
                }
            } else {
                let b = part(h.phrase);
                let refs = &cable.header.refs;
                let target = if refs.len() == 1 {
                    XrefTarget::Ref(0)
                } else if refs.is_empty() {
                    XrefTarget::Unresolved("reftel (no REF list)".to_owned())
                } else {
                    XrefTarget::Unresolved("reftel (several REF entries)".to_owned())
                };
                out.push(CrossRef {
                    paragraph: pi,
                    phrase: b.start()..b.end(),
                    range: b.start()..b.end(),
                    kind: XrefKind::Reftel,
                    target,
                });
            }
        }
    }
    doubt_places(&cable.header.refs, &mut out);
    super::exchanges::keyed_xrefs(cable, &mut out);
    cable.xrefs = out;
}

/// A list without letters that is shorter than the letters its cable's text uses is not
/// the list those letters name (a copy that lost entries: 09BRASILIA1439 cites refs A to
/// E beside two entries), so none of its entries is read by place
/// ([`Reference::named_by`]).
fn doubt_places(refs: &[Reference], out: &mut [CrossRef]) {
    let unlettered = refs.iter().all(|r| r.letter.is_none());
    let past_the_end = out
        .iter()
        .any(|x| x.kind == XrefKind::Ref && matches!(x.target, XrefTarget::Unresolved(_)));
    if !unlettered || !past_the_end {
        return;
    }
    for x in out.iter_mut().filter(|x| x.kind == XrefKind::Ref) {
        if let XrefTarget::Ref(i) = x.target {
            let letter = Reference::place_letter(i).unwrap_or('?');
            x.target = XrefTarget::Unresolved(format!("ref {letter}"));
        }
    }
}

/// Does `after` (the text following a paragraph reference) name another cable?
/// Whether the paragraph named between `before` and `after` is one of a document that is
/// no cable (a resolution, an article, a statement): `paragraph 6 of UNSCR 1747`,
/// `paragraph 43 of the Riga Summit statement`, `Resolution 1747, paragraph 5`.
fn other_document(before: &str, after: &str) -> bool {
    let mut w = after.split_whitespace();
    if w.next().is_some_and(|f| f.eq_ignore_ascii_case("of")) {
        let next = w
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric());
        if !next.to_ascii_lowercase().starts_with("ref") && !next.eq_ignore_ascii_case("this") {
            return true;
        }
    }
    let mut from = before.len().saturating_sub(28);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = before.get(from..).unwrap_or("");
    [
        "UNSCR",
        "UNSC ",
        "Resolution",
        "RESOLUTION",
        "Article",
        "ARTICLE",
    ]
    .iter()
    .any(|d| tail.contains(d))
}

fn other_cable(after: &str) -> bool {
    let mut w = after.split_whitespace();
    let first = w.next().unwrap_or("");
    let first = if first.eq_ignore_ascii_case("of") || first.eq_ignore_ascii_case("in") {
        w.next().unwrap_or("")
    } else {
        first
    };
    let lower = first.to_ascii_lowercase();
    // `paragraphs 27-30 ofreftel` (the space lost in the original).
    let lower = lower
        .strip_prefix("of")
        .filter(|l| l.starts_with("reftel"))
        .unwrap_or(&lower);
    if lower.starts_with("reftel") || lower == "ref" || lower == "ref." {
        return true;
    }
    let second = w.next().unwrap_or("");
    first.len() >= 3
        && first.bytes().all(|b| b.is_ascii_uppercase())
        && second.len() >= 2
        && second.bytes().all(|b| b.is_ascii_digit())
}

/// The letters of a REF list like `A and B`, `a, b`, `A-G`, `A through D`: (offset of the
/// letter written, letter in capitals), a range giving every letter in it at the offset of
/// its first. Words (`and`, `or`, `through`) are separators, never letters.
fn ref_letters(list: &str) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = Vec::new();
    let mut range_next = false;
    let mut i = 0;
    let b = list.as_bytes();
    while i < b.len() {
        let start = i;
        while i < b.len() && b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        if i > start {
            let word = list.get(start..i).unwrap_or("");
            if word.len() == 1 {
                let up = char::from(word.as_bytes()[0].to_ascii_uppercase());
                match out.last() {
                    Some(&(at, from)) if range_next && from < up => {
                        let mut c = from;
                        while c < up {
                            c = char::from_u32(u32::from(c) + 1).unwrap_or(up);
                            out.push((if c == up { start } else { at }, c));
                        }
                    }
                    _ => out.push((start, up)),
                }
                range_next = false;
            } else {
                range_next = word.eq_ignore_ascii_case("through");
            }
            continue;
        }
        if b.get(i) == Some(&b'-') {
            range_next = true;
        }
        i += 1;
    }
    out
}

/// Numbers written as words in cross-references (`see paragraph four`).
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// The items of a paragraph list (`3`, `27-30`, `1 and 3 through 13`, `3-end`, `four`):
/// (start, end, first, last) with offsets in `list`; `end` is `max` (the last paragraph).
fn number_ranges(list: &str, max: Option<u32>) -> Vec<(usize, usize, u32, u32)> {
    let mut nums = digits(list);
    for (k, w) in NUMBER_WORDS.iter().enumerate() {
        if let Some(at) = list.find(w) {
            nums.push((at, at + w.len(), u32::try_from(k + 1).unwrap_or(0)));
        }
    }
    nums.sort_unstable();
    let connects = |between: &str| {
        let b = between.to_ascii_lowercase();
        b.contains('-') || b.contains("through") || b.contains(" to ")
    };
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(&(s, e, n)) = nums.get(k) {
        match nums.get(k + 1) {
            Some(&(s2, e2, m)) if connects(list.get(e..s2).unwrap_or("")) && m >= n => {
                out.push((s, e2, n, m));
                k += 2;
            }
            _ => {
                let rest = list.get(e..).unwrap_or("");
                let to_end = connects(rest) && rest.to_ascii_lowercase().contains("end");
                let next_is_number = nums.get(k + 1).is_some();
                let hi = if to_end && !next_is_number {
                    max.unwrap_or(n).max(n)
                } else {
                    n
                };
                out.push((s, e, n, hi));
                k += 1;
            }
        }
    }
    out
}

/// Whether the paragraphs named between `before` and `after` are a lettered REF's
/// (`(Ref C, paras 6-7)`, `Paragraph 10 of Ref A`): the REF link covers them.
fn of_lettered_ref(before: &str, after: &str) -> bool {
    let after = after.trim_start().to_ascii_lowercase();
    let ref_letter = |s: &str| {
        s.strip_prefix("reftel ")
            .or_else(|| s.strip_prefix("ref "))
            .is_some_and(|r| {
                let b = r.as_bytes();
                b.first().is_some_and(u8::is_ascii_alphabetic)
                    && b.get(1).is_none_or(|c| !c.is_ascii_alphabetic())
            })
    };
    if after
        .strip_prefix("of ")
        .is_some_and(|r| ref_letter(r.trim_start()))
    {
        return true;
    }
    let mut from = before.len().saturating_sub(12);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = before.get(from..).unwrap_or("").to_ascii_lowercase();
    let tail = tail.trim_end().trim_end_matches(',');
    tail.rsplit_once("ref ")
        .is_some_and(|(_, l)| l.len() == 1 && l.bytes().all(|c| c.is_ascii_alphabetic()))
}

/// Numbers in a list like `9 and 17`: (start, end, value) relative to the list.
fn digits(s: &str) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b.get(i).is_some_and(u8::is_ascii_digit) {
            let st = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if let Some(n) = s.get(st..i).and_then(|d| d.parse().ok()) {
                out.push((st, i, n));
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the regex's own groups say about a match, in [`Hit`] form.
    fn by_groups(c: &regex::Captures<'_>) -> Option<Hit> {
        let whole = c.get(0)?.range();
        let (branch, list) = if let Some(n) = c.name("qn") {
            (Branch::Question, n.range())
        } else if let Some(n) = c.name("pn") {
            (Branch::Paragraph, n.range())
        } else if let Some(l) = c.name("rl") {
            (Branch::Ref, l.range())
        } else {
            // A bare keyword is its own phrase, without the `)`/`,`/`:` closing it.
            let b = c.name("bare").or_else(|| c.name("bare_ref"))?.range();
            return Some(Hit {
                branch: Branch::Bare,
                phrase: b.clone(),
                list: b,
            });
        };
        Some(Hit {
            branch,
            phrase: whole,
            list,
        })
    }

    proptest::proptest! {
        /// Reading a match by hand gives the regex's own groups.
        #[test]
        fn hit_is_what_the_groups_say(pieces in proptest::collection::vec(proptest::sample::select(&[
            "see ", "question", "Questions", "QUESTION", "para", "Paragraphs", "PARAS", "pars",
            "Par", "ref", "Reftel", "REFTELS", "refs", " ", "  ", "\u{a0}", "\n", ".", "9",
            "17", "123", "4567", "and", ",", "&", "or", "-", "through", "to", "end", "A", "b",
            "/", "x", "é", "\u{661}", "(", ")", ":", "REF", "Refs", "AND",
        ][..]), 0..16)) {
            let text = pieces.concat();
            let by_hand: Vec<Hit> = XREF.find_iter(&text).map(|m| hit(&m)).collect();
            let groups: Vec<Hit> = XREF.captures_iter(&text).filter_map(|c| by_groups(&c)).collect();
            proptest::prop_assert_eq!(by_hand, groups, "{:?}", text);
        }
    }

    #[test]
    fn ref_letters_never_read_and_as_letters() {
        let l = |s: &str| ref_letters(s).iter().map(|&(_, c)| c).collect::<String>();
        assert_eq!(l("A and B"), "AB");
        assert_eq!(l("A, B and D"), "ABD");
        assert_eq!(l("A-G"), "ABCDEFG");
        assert_eq!(l("a through d"), "ABCD");
        assert_eq!(l("c & d"), "CD");
    }

    #[test]
    fn paragraph_lists_and_ranges() {
        let r = |s: &str| {
            number_ranges(s, Some(20))
                .iter()
                .map(|&(_, _, a, b)| (a, b))
                .collect::<Vec<_>>()
        };
        assert_eq!(r("10"), [(10, 10)]);
        assert_eq!(r("27-30"), [(27, 30)]);
        assert_eq!(r("1 and 3 through 13"), [(1, 1), (3, 13)]);
        assert_eq!(r("3-end"), [(3, 20)]);
        assert_eq!(r("four"), [(4, 4)]);
        assert_eq!(r("9, 12 and 17"), [(9, 9), (12, 12), (17, 17)]);
    }

    #[test]
    fn a_keyword_awaits_its_number() {
        for (text, want) in [
            ("the dissemination request posed in paragraph", true),
            ("see paras", true),
            ("in response to Question", true),
            ("Lieberman said no.", false),
            ("the request posed in", false),
            ("see para 4", false),
            ("", false),
        ] {
            assert_eq!(super::awaits_number(text), want, "{text}");
        }
    }

    #[test]
    fn paragraphs_of_a_lettered_ref_are_the_ref_s() {
        assert!(of_lettered_ref("(Ref C, ", ")"));
        assert!(of_lettered_ref("correcting text in ", " of Ref A"));
        assert!(!of_lettered_ref("see ", " below"));
        assert!(!of_lettered_ref("as in reference, ", ""));
    }
}
