//! Paragraph numbers and markings at a line start: `¶12. (SBU)`, `12.(C)`, the OCR
//! garbles of `¶` (`J.2 .`, `1121.`), lettered sub-paragraph labels, and the false `¶`
//! WikiLeaks puts on a year (`11_2005.`). Each reads one line; which number is expected
//! next is the caller's business.

use std::ops::Range;

use super::breaks::ends_sentence;
use crate::parse::scan::{is_marking, marking};
use crate::parse::vocab::{GARBLE_FIRST, GARBLES, NUMBER_BYTES, NUMBER_FIRST, PARA_FIRST};

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
pub(super) fn para_start_full(line: &str, expected: u32, strict: bool) -> Option<ParaStart> {
    if let Some(rest) = line.strip_prefix('(') {
        return marking_first(line, expected).or_else(|| stray_bracket(rest, expected));
    }
    let (pilcrow, body, off) = match line.strip_prefix('¶') {
        Some(rest) => (true, rest, '¶'.len_utf8()),
        None => (false, line, 0),
    };
    let b = body.as_bytes();
    if !NUMBER_FIRST.has(b.first()) {
        return None;
    }
    // A number with no period before its marking (`15 (SBU) …`).
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && b.get(digits) == Some(&b' ')
        && body
            .get(digits..)
            .is_some_and(|r| r.trim_start().starts_with('('))
        && let Some((mk, text_start)) = marking(body, digits)
        && let Some(n) = body.get(..digits).and_then(|d| d.parse::<u32>().ok())
        && (expected..=expected + 5).contains(&n)
    {
        return Some(ParaStart {
            number: n,
            garbled: false,
            number_len: off + digits,
            marking: Some(mk.start + off..mk.end + off),
            text_start: off + text_start,
        });
    }
    // Segment up to the terminating '.' (followed by space, '(' or end), and how many
    // bytes the stop takes. `tight`: a stop doubled (`3.. (SBU) All elections…`,
    // 05PARIS4760), with no space before a word (`2.In interviews…`, 09RIYADH651) or a
    // comma before a marking, taken for the expected number only.
    let mut end = None;
    let mut stop = 1;
    let mut tight = false;
    let mut comma = false;
    for (i, &c) in b.iter().enumerate().take(12) {
        match c {
            b'.' => {
                let nx = b.get(i + 1);
                if nx.is_none_or(|n| matches!(n, b' ' | b'\t' | b'(')) {
                    end = Some(i);
                    break;
                }
                let word = b.get(i + 2).is_some_and(u8::is_ascii_lowercase);
                if nx == Some(&b'.') && matches!(b.get(i + 2), Some(b' ' | b'(')) {
                    (end, stop, tight) = (Some(i), 2, true);
                    break;
                }
                if nx.is_some_and(u8::is_ascii_uppercase) && word {
                    (end, tight) = (Some(i), true);
                    break;
                }
            }
            // A comma for the stop before a marking (`18, (SBU) Accompanying…`,
            // 07TELAVIV2652), also taken for the expected number only.
            b',' if b.get(i + 1) == Some(&b' ') && b.get(i + 2) == Some(&b'(') => {
                (end, tight, comma) = (Some(i), true, true);
                break;
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
    let after = end + stop;
    let mk = marking(body, after);
    if comma && mk.is_none() {
        return None;
    }
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
    if tight && seg != exp {
        return None;
    }
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
    if strict && !garbled && !pilcrow && mk.is_none() && !tight {
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

/// Where a paragraph glued after the last sentence of line `t` begins (`… develop and
/// grow. 12. (C) Ambassador Reich observed …`, 02BRASILIA4227: the WikiLeaks text of a
/// few cables joins paragraphs): a number after a sentence's end, the one expected next
/// or the one after it (the line may start its own paragraph), with a portion marking
/// proper after it (`12. (C)`, `6.(S)`); a number in the sentence (`… page 12. (C) is
/// …`) is not after a sentence's end.
pub(super) fn glued_start(t: &str, expected: u32) -> Option<usize> {
    let b = t.as_bytes();
    memchr::memchr_iter(b'(', b).find_map(|open| {
        // The number's full stop, a space before the bracket or none (`6.(S)`).
        let stop = match b.get(..open)? {
            [.., b'.', b' '] => open - 2,
            [.., b'.'] => open - 1,
            _ => return None,
        };
        let digits = b
            .get(..stop)?
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let at = stop.checked_sub(digits)?;
        let before = t.get(..at)?;
        if !(1..=2).contains(&digits) || !before.ends_with(' ') || !ends_sentence(before.trim_end())
        {
            return None;
        }
        let ps = para_start(t.get(at..)?, expected, true)?;
        let marking = ps.marking.and_then(|r| t.get(at..)?.get(r))?;
        ((ps.number == expected || ps.number == expected + 1) && is_marking(marking.trim()))
            .then_some(at)
    })
}

/// The expected number after a stray bracket, with its marking (`(11. (C) Comment: As
/// noted…`, 06CARACAS2367): `rest` is the line after the bracket.
fn stray_bracket(rest: &str, expected: u32) -> Option<ParaStart> {
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let ps = para_start_full(rest, expected, true)?;
    let one = '('.len_utf8();
    (ps.number == expected && ps.marking.is_some()).then(|| ParaStart {
        number_len: ps.number_len + one,
        marking: ps.marking.map(|r| r.start + one..r.end + one),
        text_start: ps.text_start + one,
        ..ps
    })
}

/// A paragraph whose portion marking comes before its number (`(C) 6. As agreed at
/// the first Joint Commission Meeting …`, every paragraph of 07BAGHDAD3504): only a
/// marking proper ([`crate::parse::vocab::PORTION_MARKS`]) and a plain number in
/// sequence, a space after its period.
fn marking_first(line: &str, expected: u32) -> Option<ParaStart> {
    // Most lines starting with `(` are a marking before words, or an aside: a digit after
    // the closing parenthesis is looked for before the marking is read.
    let b = line.as_bytes();
    let close = b.iter().take(24).position(|&c| c == b')')?;
    let gap = b
        .get(close + 1..)?
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t'))
        .count();
    if gap == 0 || !b.get(close + 1 + gap).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (mk, after) = marking(line, 0)?;
    if !is_marking(line.get(mk.clone())?) {
        return None;
    }
    let rest = line.get(after..)?.as_bytes();
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits)
        || rest.get(digits) != Some(&b'.')
        || !matches!(rest.get(digits + 1), Some(b' ' | b'\t'))
    {
        return None;
    }
    let number: u32 = line.get(after..after + digits)?.parse().ok()?;
    if !(expected..=expected + 5).contains(&number) {
        return None;
    }
    let number_len = after + digits + 1;
    let spaces = rest
        .get(digits + 1..)?
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t'))
        .count();
    Some(ParaStart {
        number,
        garbled: false,
        number_len,
        marking: Some(mk),
        text_start: number_len + spaces,
    })
}

/// The number a line starts with as written (`¶15.`, `15.`), whatever number is expected:
/// for telling a number out of sequence. Numbers past 199 are years or serials.
#[must_use]
pub fn written_number(line: &str) -> Option<u32> {
    number_with_period(line).filter(|&n| n < 200)
}

/// The number a line starts with before a period, `¶` aside, however large (`¶1737.`,
/// a resolution's number that WikiLeaks marked as a paragraph's).
#[must_use]
pub fn number_with_period(line: &str) -> Option<u32> {
    let body = line.strip_prefix('¶').unwrap_or(line);
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let n: u32 = body.get(..digits)?.parse().ok()?;
    (digits > 0 && body.as_bytes().get(digits) == Some(&b'.')).then_some(n)
}

/// A lettered sub-paragraph start (`A. (S/NF) …`, `¶B.`): letter, offset of the label.
pub(super) fn sub_start(line: &str, want: u8) -> Option<(char, usize)> {
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

/// A false `¶` on a year at a line start (`11_2005.`, `11959  .`): bytes to drop.
pub(super) fn garbled_year_prefix(t: &str) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::{glued_start, para_start};

    /// The number, marking and text of `line` read as a paragraph's start.
    fn read(line: &str, expected: u32, strict: bool) -> Option<(u32, &str, &str)> {
        para_start(line, expected, strict).map(|p| {
            (
                p.number,
                p.marking.and_then(|r| line.get(r)).unwrap_or_default(),
                line.get(p.text_start..).unwrap_or_default(),
            )
        })
    }

    /// A marking written before the number starts a paragraph like one after it; only a
    /// portion marking, a plain number in sequence and a space after its period.
    #[test]
    fn a_marking_before_the_number() {
        assert_eq!(
            read("(C) 6. As agreed at the first", 6, true),
            Some((6, "C", "As agreed at the first"))
        );
        assert_eq!(
            read("(S/NF) 12.  Text", 10, true),
            Some((12, "S/NF", "Text"))
        );
        // Out of sequence, not a marking, not a paragraph number.
        for (line, expected) in [
            ("(C) 9. Text", 2),
            ("(INM) 3. Text", 3),
            ("(C) 1.4(b) and (d)", 1),
            ("(U) 2006. Text", 2),
            ("(see para 3) 3. Text", 3),
        ] {
            assert_eq!(read(line, expected, true), None, "{line}");
        }
    }

    /// A stop doubled or with no space after it, a comma for it before a marking, a stray
    /// bracket before the number: for the expected number only, and not a decimal, an
    /// abbreviation or a list of numbers.
    #[test]
    fn a_stop_doubled_or_glued_to_the_word() {
        for (line, expected, strict, want) in [
            (
                "3.. (SBU) All elections",
                3,
                true,
                Some((3, "SBU", "All elections")),
            ),
            (
                "2.In interviews with",
                2,
                true,
                Some((2, "", "In interviews with")),
            ),
            (
                "18.This cable was",
                18,
                false,
                Some((18, "", "This cable was")),
            ),
            (
                "18, (SBU) Accompanying",
                18,
                true,
                Some((18, "SBU", "Accompanying")),
            ),
            (
                "(11. (C) Comment: As",
                11,
                true,
                Some((11, "C", "Comment: As")),
            ),
            ("3.In interviews", 2, false, None),
            ("2.5 percent of", 2, false, None),
            ("2.A. Text", 2, false, None),
            ("2.US policy", 2, false, None),
            ("4.. (C) Text", 2, false, None),
            ("18, (SBU) Text", 12, false, None),
            ("18, (see above) Text", 18, false, None),
            ("18, 19 and 20 were", 18, false, None),
            ("(11. (C) Comment", 10, false, None),
            ("(11. Comment", 11, false, None),
            ("(11) (C) Comment", 11, false, None),
        ] {
            assert_eq!(read(line, expected, strict), want, "{line}");
        }
    }

    /// A paragraph glued after a line's last sentence: the number expected or the one
    /// after it, a marking proper after it, a sentence's end before it.
    #[test]
    fn a_paragraph_glued_after_a_sentence() {
        let t = "in order to develop and grow. 12. (C) Ambassador Reich observed";
        assert_eq!(glued_start(t, 12), t.find("12."));
        assert_eq!(glued_start(t, 11), t.find("12."));
        let t = "assistance along those lines. 6.(S) Embassy Comment";
        assert_eq!(glued_start(t, 6), t.find("6.("));
        let t = "the two. 2. (C) German officials were";
        assert_eq!(glued_start(t, 2), Some(9));
        assert_eq!(
            glued_start("about the \"summit.\" 4. (S/NF) When", 4),
            Some(20)
        );
        // Out of sequence, no marking proper, no sentence's end, an abbreviation.
        assert_eq!(glued_start(t, 5), None);
        // A marking with a space inside (`9. ( C) With regard`, 07SANTIAGO983).
        assert_eq!(glued_start("more vocal. 9. ( C) With", 9), Some(12));
        assert_eq!(glued_start("It grew. 12. (INM) said", 12), None);
        assert_eq!(glued_start("It grew. 12. Ambassador Reich", 12), None);
        assert_eq!(glued_start("see page 12. (C) is", 12), None);
        assert_eq!(glued_start("met the U.S. 12. (C) The", 12), None);
        assert_eq!(glued_start("It grew. 2012. (C) The", 12), None);
    }
}
