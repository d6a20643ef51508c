//! The REF list: a block of text after `REF:` (one line or many) split into entries and
//! each entry read as a canonical cable id.
//!
//! Entries are lettered (`A.`, `(A)`, `A)`, `A:`, `¶B.`, OCR'd `IB.`, doubled `A. (A)` or
//! `A. A:`) or separated (`;`, `:`, `,`, `AND`). The letters must come in sequence, so a
//! lower-case "and" or the `A` of `U.S.A.` is never read as one. An entry that names no
//! cable (an e-mail, an IIR, a DTG, `AND PREVIOUS`) is kept without an id and never takes
//! the next entry's words. Where WikiLeaks lettered every line in front of the author's
//! own letters (`¶C. (B) …`, a wrapped `¶B. 2006`), the author's letters are kept, since
//! the text's `ref B` means them.

use std::sync::LazyLock;

use regex::Regex;

use crate::parse::scan::{canonical_origin, collapse};
use crate::parse::vocab::{NOT_STATIONS, OFFICE_WORDS, is_station};

/// One entry read from the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The letter, for a lettered list.
    pub letter: Option<char>,
    /// Byte range of the entry's text in the block.
    pub range: std::ops::Range<usize>,
    /// The cited cable, when the entry names one.
    pub cite: Option<Cite>,
}

/// A cited cable as written: year (when given), station and serial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    /// Two-digit year, when the entry gives one.
    pub year: Option<u32>,
    /// Canonical station (`BUENOSAIRES`, `STATE`).
    pub station: String,
    /// Serial without padding.
    pub serial: u32,
}

#[allow(clippy::expect_used)]
static CITE: LazyLock<Regex> = LazyLock::new(|| {
    // `[2006|06|(08)] STATION WORDS 0012345 [2008] [--05/DEC/2008]`, any case.
    // ASCII classes and word boundaries (`(?-u)`): a Unicode `\b` sends the regex engine to
    // its slowest search, and cites are ASCII.
    Regex::new(r"(?-u)^\(?(\d{4}|\d{2})?\)?\s*([A-Za-z][A-Za-z'.-]*(?:\s+[A-Za-z][A-Za-z'.-]*){0,3}?)\s*0*(\d{1,6})\b(?:\s*(?:--|,)?\s*((?:19|20)\d\d)\b)?(?:\s*--\s*\d{1,2}/[A-Za-z]{3,9}/\d{2,4}\b)?")
        .expect("valid built-in regex")
});

#[allow(clippy::expect_used)]
static PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)^[A-Z][A-Z ]{0,10}\s+\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}")
        .expect("valid built-in regex")
});

/// Whether `words` (as written) name a station: a known one in any case, or an unknown
/// one in capitals that has no word of a non-cable reference or of a known station.
fn station_of(words: &str) -> Option<String> {
    let mut ws: Vec<&str> = words.split_whitespace().collect();
    if ws.len() > 1
        && ws
            .first()
            .is_some_and(|w| OFFICE_WORDS.contains(&w.to_ascii_uppercase().as_str()))
    {
        ws.remove(0);
    }
    let canonical = canonical_origin(&ws.join(" "));
    if is_station(&canonical) {
        return Some(canonical);
    }
    // A capital or two standing alone beside a known station: a list's letter before it
    // (`REF B SECSTATE 76108`, each line keyed), a country code after it (`MADRID SP
    // 0307`).
    let short =
        |w: &&str, most: usize| w.len() <= most && w.bytes().all(|b| b.is_ascii_uppercase());
    let letter_dropped = ws
        .split_first()
        .filter(|(l, place)| !place.is_empty() && short(l, 1));
    let code_dropped = ws
        .split_last()
        .filter(|(c, place)| !place.is_empty() && short(c, 2));
    let known = letter_dropped
        .into_iter()
        .chain(code_dropped)
        .find_map(|(_, place)| {
            let place = canonical_origin(&place.join(" "));
            is_station(&place).then_some(place)
        });
    if known.is_some() {
        return known;
    }
    let upper: Vec<String> = ws.iter().map(|w| w.to_ascii_uppercase()).collect();
    let capitals = ws
        .iter()
        .all(|w| !w.bytes().any(|b| b.is_ascii_lowercase()));
    let letters = canonical.bytes().filter(u8::is_ascii_alphabetic).count();
    let bad = upper
        .iter()
        .any(|w| NOT_STATIONS.contains(&w.as_str()) || (ws.len() > 1 && is_station(w)));
    (capitals && !bad && letters >= 3 && ws.len() <= 3).then_some(canonical)
}

/// Read a cited cable at the start of `s`; returns it and the bytes it took.
#[must_use]
pub fn cite(s: &str) -> Option<(Cite, usize)> {
    // Most text starts no cite: the fast engine says so before the groups are read.
    let m = CITE.find(s)?;
    let c = CITE.captures(s.get(..m.end())?)?;
    // Numbers that run on with `/` or `-` and a digit are a date or a report number
    // (`GRUBB-MILLER 07/22/09 E-MAIL`, `TDX-315/090481-08`, `IMSWM-0028-2010`), not a
    // serial.
    let serial = c.get(3)?;
    let after = s.as_bytes().get(serial.end()..).unwrap_or_default();
    if matches!(after.first(), Some(b'/' | b'-')) && after.get(1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let station = station_of(c.get(2)?.as_str())?;
    let year = c
        .get(1)
        .or_else(|| c.get(4))
        .and_then(|m| m.as_str().parse::<u32>().ok())
        .map(|y| y % 100);
    Some((
        Cite {
            year,
            station,
            serial: serial.as_str().parse().ok()?,
        },
        c.get(0)?.end(),
    ))
}

/// The lettered items of `block`, in sequence from `A`: (letter, where the marker starts,
/// where its text starts).
fn markers(block: &str) -> Vec<(char, usize, usize)> {
    markers_from(block, 'A')
}

/// [`markers`], starting the sequence at `first`. A marker is a letter in parentheses, or
/// a letter followed by `.`, `)` or `:` and then a space, `(` or the end, at a word start
/// (after a space, `,` or `;`); `¶` may stand before it, and an OCR'd `I` or `1` before a
/// capital after `A` (`IB.`). A capital after `A` alone at a line's start is one when a
/// cite follows it (`B KUALA LUMPUR 739`). Scanned by hand: this runs on every line of a
/// REF block.
fn markers_from(block: &str, first: char) -> Vec<(char, usize, usize)> {
    let b = block.as_bytes();
    let mut out = Vec::new();
    let mut want = u8::try_from(first).unwrap_or(b'A');
    // The list's `A` was a bare capital: so are its other letters.
    let mut bare = false;
    let mut i = 0;
    while i < b.len() && want <= b'Z' {
        let at_word = i == 0
            || b.get(i - 1)
                .is_some_and(|&c| c.is_ascii_whitespace() || c == b',' || c == b';');
        if !at_word {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        if b.get(j..j + 2) == Some("¶".as_bytes()) {
            j += 2;
            while b.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
        }
        let found = match b.get(j..) {
            Some([b'(', l, b')', ..]) if l.eq_ignore_ascii_case(&want) => Some(j + 3),
            // `A)` may touch a year (`C)2008 SAO PAULO 260`); `A.` and `A:` may not.
            Some([l, p @ (b'.' | b')' | b':'), rest @ ..])
                if l.eq_ignore_ascii_case(&want)
                    && rest.first().is_none_or(|&c| {
                        c.is_ascii_whitespace() || c == b'(' || (*p == b')' && c.is_ascii_digit())
                    }) =>
            {
                Some(j + 2)
            }
            // `IB.` / `1C.`: an OCR'd `¶`, before a capital after `A` only.
            Some([b'I' | b'1', l, b'.' | b')' | b':', rest @ ..])
                if j == start
                    && *l == want
                    && want > b'A'
                    && rest
                        .first()
                        .is_none_or(|&c| c.is_ascii_whitespace() || c == b'(') =>
            {
                Some(j + 3)
            }
            // `B KUALA LUMPUR 739`: a bare capital after `A`, starting a line, before a
            // cite; any bare capital starting a line in a list whose `A` is bare too.
            Some([l, b' ', ..])
                if j == start
                    && *l == want
                    && want > b'A'
                    && (i == 0 || b.get(i - 1) == Some(&b'\n'))
                    && (bare || block.get(j + 2..).and_then(cite).is_some()) =>
            {
                Some(j + 2)
            }
            // A bare `A` starting the block, when a line starting with a bare `B`
            // follows (`A SECRETARY'S LETTER …` / `B SECSTATE 76108`, 09ABUDHABI754).
            Some([b'A', b' ', ..]) if j == 0 && want == b'A' && block.contains("\nB ") => {
                bare = true;
                Some(j + 2)
            }
            _ => None,
        };
        if let Some(after) = found {
            out.push((char::from(want), start, after));
            want += 1;
            i = after;
        } else if let Some(after) = repeated(block, want, start, j) {
            out.push((char::from(want - 1), start, after));
            i = after;
        } else {
            i += 1;
        }
    }
    out
}

/// A letter the author used twice (`A) TALLINN 366 B) LEE-GOLDSTEIN EMAIL 05/11/07` /
/// `B) TALLINN 347`, 07TALLINN375): the letter before `want` again, with `.` or `)`,
/// starting a line and before a cite, is an entry of its own under that letter. Where its
/// text starts, when it is one.
fn repeated(block: &str, want: u8, start: usize, j: usize) -> Option<usize> {
    let b = block.as_bytes();
    let line_start = start == 0 || b.get(start - 1) == Some(&b'\n');
    match b.get(j..) {
        Some([l, b'.' | b')', b' ', ..])
            if line_start
                && j == start
                && want > b'B'
                && *l == want - 1
                && block.get(j + 3..).and_then(cite).is_some() =>
        {
            Some(j + 2)
        }
        _ => None,
    }
}

/// The letter a lettered list would go on with (`C` after `A.` and `B.`), if lettered.
#[must_use]
pub fn next_letter(block: &str) -> Option<char> {
    markers(block)
        .last()
        .and_then(|&(l, _, _)| char::from_u32(u32::from(l) + 1))
}

/// Whether `line` starts with the marker of `letter` (`B.`, `¶B.`, `IB.`, `(B)`, `B)`).
#[must_use]
pub fn starts_with_letter(line: &str, letter: char) -> bool {
    markers_from(line.trim_start(), letter)
        .first()
        .is_some_and(|&(l, start, _)| l == letter && start == 0)
}

/// Skip a doubled letter after a marker: `A. (A) STATE`, `A. A: SECSTATE`, `A. A) …`.
fn skip_double(text: &str, letter: char) -> usize {
    if let Some((own, n)) = author_letter(text) {
        return if own == letter { n } else { 0 };
    }
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let b = t.as_bytes();
    let l = letter as u8;
    let n = match b {
        [x, b':' | b')' | b'.', rest @ ..]
            if x.to_ascii_uppercase() == l && rest.first().is_none_or(u8::is_ascii_whitespace) =>
        {
            2
        }
        _ => 0,
    };
    if n == 0 { 0 } else { lead + n }
}

/// The author's own letter at the start of an entry's text, in parentheses (`(B) EMBASSY
/// …` after WikiLeaks' `¶C.`), in capitals, and the bytes it takes.
fn author_letter(text: &str) -> Option<(char, usize)> {
    let t = text.trim_start();
    match t.as_bytes() {
        [b'(', x, b')', ..] if x.is_ascii_alphabetic() => {
            Some((char::from(x.to_ascii_uppercase()), text.len() - t.len() + 3))
        }
        _ => None,
    }
}

/// Separators between the cables of an entry or an unlettered list: the bytes they take
/// at the start of `t` (`,`, `;`, `:`, `&`, `/`, `--`, `AND`), 0 when none.
fn separator(t: &str) -> usize {
    let trimmed = t.trim_start();
    let lead = t.len() - trimmed.len();
    let b = trimmed.as_bytes();
    let n = match b {
        [b';' | b',' | b':' | b'&' | b'/', ..] => 1,
        [b'-', b'-', ..] => 2,
        [a, n, d, rest @ ..]
            if a.eq_ignore_ascii_case(&b'A')
                && n.eq_ignore_ascii_case(&b'N')
                && d.eq_ignore_ascii_case(&b'D')
                && rest.first().is_none_or(u8::is_ascii_whitespace) =>
        {
            3
        }
        _ => 0,
    };
    if n == 0 { 0 } else { lead + n }
}

/// Where the non-cable text at the start of `t` ends: at a `;`, or at a separator that a
/// cable follows.
fn chunk_end(t: &str) -> usize {
    let mut i = 0;
    while i < t.len() {
        let rest = t.get(i..).unwrap_or("");
        if rest.starts_with(';') {
            return i;
        }
        let sep = separator(rest);
        if sep > 0 && i > 0 {
            let after = rest.get(sep..).unwrap_or("");
            if cite(after.trim_start()).is_some() {
                return i;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    t.len()
}

/// A non-cable piece that only qualifies the cable before it: a parenthesis or bracket
/// (`(NOTAL)`, `[title]`), a dashed title, words without digits (`AND PREVIOUS`, `PLEASE
/// PASS TO RSO`).
fn is_qualifier(piece: &str) -> bool {
    let p = piece.trim();
    p.starts_with(['(', '[', '-', '"']) || !p.bytes().any(|b| b.is_ascii_digit())
}

/// The cables one entry's text names, in order, with non-cable references kept as
/// `None`: `09 FOO 12 AND 13` names two cables, `STATE 1 AND PREVIOUS` one,
/// `CARACAS 27 CARACAS 39` two; a serial alone takes the station and year before it.
fn cites_in(text: &str) -> Vec<(std::ops::Range<usize>, Option<Cite>)> {
    let mut out: Vec<(std::ops::Range<usize>, Option<Cite>)> = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = text.get(pos..).unwrap_or("");
        let sep = separator(rest);
        if sep > 0 {
            pos += sep;
            continue;
        }
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        pos += rest.len() - trimmed.len();
        if let Some(m) = PAGE_MARKER.find(trimmed) {
            // A page marker glued to the list (`BRASILIA 00000034 001.2 OF 005`).
            pos += m.end();
            continue;
        }
        if let Some((c, len)) = cite(trimmed) {
            out.push((pos..pos + len, Some(c)));
            pos += len;
            continue;
        }
        let word = trimmed.split_whitespace().next().unwrap_or("");
        let digits = word.trim_end_matches([',', ';', '.']);
        if !digits.is_empty()
            && digits.len() <= 6
            && digits.bytes().all(|b| b.is_ascii_digit())
            && let Some((_, Some(prev))) = out.last()
        {
            let c = Cite {
                serial: digits.parse().unwrap_or(0),
                ..prev.clone()
            };
            out.push((pos..pos + digits.len(), Some(c)));
            pos += word.len();
            continue;
        }
        // A qualifier word between two cites (`STATE 297614 AND PREVIOUS 03 RANGOON
        // 1427`): the cite before takes it, and the cite after is read.
        let after_word = trimmed.get(word.len()..).unwrap_or("").trim_start();
        if is_qualifier(word)
            && matches!(out.last(), Some((_, Some(_))))
            && cite(after_word).is_some()
            && let Some((prev, _)) = out.last_mut()
        {
            prev.end = pos + word.len();
            pos += trimmed.len() - after_word.len();
            continue;
        }
        let end = chunk_end(trimmed).max(1);
        let piece = trimmed.get(..end).unwrap_or(trimmed);
        let range = pos..pos + piece.trim_end().len();
        match out.last_mut() {
            Some((prev, Some(_))) if is_qualifier(piece) => prev.end = range.end,
            _ => out.push((range, None)),
        }
        pos += end;
    }
    // Only non-cable text: one entry.
    if out.len() > 1 && out.iter().all(|(_, c)| c.is_none()) {
        let t = text.trim();
        let lead = text.len() - text.trim_start().len();
        return vec![(lead..lead + t.len(), None)];
    }
    out
}

/// Split a REF block into entries.
#[must_use]
pub fn entries(block: &str) -> Vec<Entry> {
    // A `Classified By` line glued to the last entry ends the list.
    let block = block
        .as_bytes()
        .windows(13)
        .position(|w| w.eq_ignore_ascii_case(b"CLASSIFIED BY"))
        .and_then(|end| block.get(..end))
        .unwrap_or(block);
    let marks = markers(block);
    let mut out = Vec::new();
    if marks.is_empty() {
        for (range, cite) in cites_in(block) {
            out.push(Entry {
                letter: None,
                range,
                cite,
            });
        }
        return out;
    }
    let texts: Vec<&str> = marks
        .iter()
        .enumerate()
        .map(|(k, &(_, _, start))| {
            let end = marks.get(k + 1).map_or(block.len(), |m| m.1);
            block.get(start..end).unwrap_or("")
        })
        .collect();
    // WikiLeaks lettered every line of some lists in front of the author's letters
    // (`A. (A) EMBASSY PARIS DAILY REPORT` / `¶B. 2006` / `¶C. (B) …`): when the first
    // entry carries a letter of its own and those that do run in sequence from A (not
    // markings such as `(C)`), those are the author's, and a line lettered only by
    // WikiLeaks that names no cable is the wrapped tail of the entry before it.
    let own: Vec<Option<(char, usize)>> = texts.iter().map(|t| author_letter(t)).collect();
    let relettered = own.first().is_some_and(Option::is_some)
        && own
            .iter()
            .flatten()
            .map(|&(l, _)| l)
            .zip('A'..)
            .all(|(l, e)| l == e);
    // Text before the first letter (`REF: (A) …` has none; `REF: STATE 1 A. …` some).
    for (k, &(letter, _, text_start)) in marks.iter().enumerate() {
        let Some(&text) = texts.get(k) else {
            continue;
        };
        let own = own.get(k).copied().flatten().filter(|_| relettered);
        let (letter, skip) = own.unwrap_or((letter, skip_double(text, letter)));
        let body = text.get(skip..).unwrap_or("");
        let base = text_start + skip;
        let cites = cites_in(body);
        if relettered
            && own.is_none()
            && cites.iter().all(|(_, c)| c.is_none())
            && let Some(last) = out.last_mut()
        {
            last.range.end = text_start + text.trim_end().len();
            continue;
        }
        if cites.is_empty() {
            out.push(Entry {
                letter: Some(letter),
                range: base..base,
                cite: None,
            });
        }
        for (r, cite) in cites {
            out.push(Entry {
                letter: Some(letter),
                range: base + r.start..base + r.end,
                cite,
            });
        }
    }
    out
}

/// The text of an entry for people: whitespace collapsed, trailing separators dropped,
/// and the letter WikiLeaks put on a wrapped line of it (`… FEBRUARY 17 ¶B. 2006`) left
/// out.
#[must_use]
pub fn entry_text(block: &str, e: &Entry) -> String {
    let t = collapse(block.get(e.range.clone()).unwrap_or(""));
    let t = t.trim_end_matches([',', ';', '.', ':']);
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(at) = rest.find(" ¶") {
        let after = rest.get(at + " ¶".len()..).unwrap_or("");
        let letter = after.as_bytes();
        out.push_str(rest.get(..at).unwrap_or(""));
        rest = match letter {
            [l, b'.', b' ', ..] if l.is_ascii_uppercase() => after.get(2..).unwrap_or(""),
            _ => {
                out.push_str(" ¶");
                after
            }
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(block: &str) -> Vec<String> {
        entries(block)
            .iter()
            .map(|e| {
                let l = e.letter.map_or(String::new(), |l| format!("{l}:"));
                let id = e.cite.as_ref().map_or("-".to_owned(), |c| {
                    format!(
                        "{}{}{}",
                        c.year.map_or("??".to_owned(), |y| format!("{y:02}")),
                        c.station,
                        c.serial
                    )
                });
                format!("{l}{id}")
            })
            .collect()
    }

    #[test]
    fn the_authors_letters_under_wikileaks_letters_on_every_line() {
        // 06PARIS1031: WikiLeaks lettered each line, wrapped years too; the author's
        // letters are in parentheses, and the text's `ref F` means the author's F.
        let block = "A. (A) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 17 \n\n¶B. 2006 \n\
            ¶C. (B) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 10 \n\
            ¶D. (C) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 6 \n\
            ¶E. (D) EMBASSY PARIS DAILY REPORT FOR JANUARY 20 \n\
            ¶F. (E) EMBASSY PARIS DAILY REPORT FOR DECEMBER 19 \n¶G. 2005 \n\
            ¶H. (F) EMBASSY PARIS DAILY REPORT FOR SEPTEMBER 23 ";
        assert_eq!(ids(block), ["A:-", "B:-", "C:-", "D:-", "E:-", "F:-"]);
        let texts: Vec<String> = entries(block)
            .iter()
            .map(|e| entry_text(block, e))
            .collect();
        assert_eq!(
            texts,
            [
                "EMBASSY PARIS DAILY REPORT FOR FEBRUARY 17 2006",
                "EMBASSY PARIS DAILY REPORT FOR FEBRUARY 10",
                "EMBASSY PARIS DAILY REPORT FOR FEBRUARY 6",
                "EMBASSY PARIS DAILY REPORT FOR JANUARY 20",
                "EMBASSY PARIS DAILY REPORT FOR DECEMBER 19 2005",
                "EMBASSY PARIS DAILY REPORT FOR SEPTEMBER 23",
            ]
        );
        // 07PARIS1791: the wrapped tail of B lettered C.
        assert_eq!(
            ids(
                "A. (A) PARIS 1784 AND PREVIOUS \n¶B. (B) EMBASSY PARIS DAILY SIPRNET REPORT FOR MAY 4 \n¶C. 2007 AND PREVIOUS "
            ),
            ["A:??PARIS1784", "B:-"]
        );
        // 06PARIS953: one entry of the author's, its wrapped year lettered B.
        assert_eq!(
            ids(
                "A. (A) EMBASSY PARIS DAILY REPORT FOR FEBRUARY 6 \n¶B. 2006 AND PRIOR \n(WWW.STATE.SGOV.GOV/P/EUR/PARIS/INDEX.CFM) "
            ),
            ["A:-"]
        );
        // A line lettered only by WikiLeaks that names a cable stays an entry; portion
        // markings in parentheses are no letters.
        assert_eq!(
            ids("A. (A) STATE 1 B. (B) STATE 2 C. PARIS 3"),
            ["A:??STATE1", "B:??STATE2", "C:??PARIS3"]
        );
        let letters: Vec<Option<char>> = entries("A. (C) TEXT B. (S) TEXT C. 2006")
            .iter()
            .map(|e| e.letter)
            .collect();
        assert_eq!(letters, [Some('A'), Some('B'), Some('C')]);
    }

    #[test]
    fn lettered_lists() {
        assert_eq!(
            ids("A. 06  STATE  3836 IB.  05  STATE  168419"),
            ["A:06STATE3836", "B:05STATE168419"]
        );
        assert_eq!(
            ids("A. (A) STATE 112368 B. (B) RIYADH 1499"),
            ["A:??STATE112368", "B:??RIYADH1499"]
        );
        assert_eq!(
            ids("A. A: SECSTATE 45218 ¶B. B: KIGALI 301"),
            ["A:??STATE45218", "B:??KIGALI301"]
        );
        assert_eq!(
            ids("(A)STATE 071143, (B)STATE 073601"),
            ["A:??STATE71143", "B:??STATE73601"]
        );
        assert_eq!(
            ids("A) TALLINN 366 B) TALLINN 370"),
            ["A:??TALLINN366", "B:??TALLINN370"]
        );
        assert_eq!(ids("(A) 09 FOO 12 AND 13"), ["A:09FOO12", "A:09FOO13"]);
        // Bare capitals starting each line, the first entry no cable (09ABUDHABI754).
        assert_eq!(
            ids("A SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS\nB SECSTATE 76108"),
            ["A:-", "B:??STATE76108"]
        );
        // A bare `A` alone is the article.
        assert_eq!(ids("A LETTER OF THE MINISTER"), ["-"]);
    }

    #[test]
    fn separated_lists() {
        assert_eq!(
            ids("SAO PAULO 273, SAO PAULO 90, BRASILIA 791, BRASILIA 799"),
            [
                "??SAOPAULO273",
                "??SAOPAULO90",
                "??BRASILIA791",
                "??BRASILIA799"
            ]
        );
        assert_eq!(
            ids("TEHRAN 1091: TEHRAN 263: MOSCOW 1603"),
            ["??TEHRAN1091", "??TEHRAN263", "??MOSCOW1603"]
        );
        assert_eq!(ids("DUBLIN 265 AND PREVIOUS"), ["??DUBLIN265"]);
        // 04RANGOON88: the cite after the qualifier is read, the qualifier kept with the
        // cite before.
        assert_eq!(
            ids("STATE 297614 AND PREVIOUS 03 RANGOON 1427"),
            ["??STATE297614", "03RANGOON1427"]
        );
        let text = "STATE 297614 AND PREVIOUS 03 RANGOON 1427";
        let spans: Vec<&str> = cites_in(text)
            .into_iter()
            .map(|(r, _)| text.get(r).unwrap_or(""))
            .collect();
        assert_eq!(spans, ["STATE 297614 AND PREVIOUS", "03 RANGOON 1427"]);
        // Not without a cite before, nor before what names no cable.
        assert_eq!(ids("PREVIOUS 03 RANGOON 1427"), ["-"]);
        assert_eq!(ids("STATE 1 AND PREVIOUS EMAILS"), ["??STATE1"]);
        assert_eq!(ids("STATE CA-3400 NOV 2, 1966"), ["-"]);
        assert_eq!(ids("2007 MANAGUA 2135"), ["07MANAGUA2135"]);
        assert_eq!(ids("RIO DE JAN 0012"), ["??RIODEJANEIRO12"]);
    }

    #[test]
    fn words_around_a_known_station() {
        // The word for a cable repeated before it; a country code after it.
        assert_eq!(ids("REFTEL KABUL 02245"), ["??KABUL2245"]);
        assert_eq!(
            ids("A) SECSTATE 2743 B) MADRID SP 0307"),
            ["A:??STATE2743", "B:??MADRID307"]
        );
        // A list's letter before a known station.
        assert_eq!(ids("B SECSTATE 76108"), ["??STATE76108"]);
        // Neither makes a station of words that are none.
        assert_eq!(ids("REFTEL PARA 5"), ["-"]);
        assert_eq!(ids("IIR 6 834 0012 09"), ["-"]);
        // A letter without its period, starting a line.
        assert_eq!(
            ids("A. SECSTATE 90063\nB KUALA LUMPUR 739"),
            ["A:??STATE90063", "B:??KUALALUMPUR739"]
        );
        assert_eq!(ids("A. STATE 1\nB PARAGRAPHS"), ["A:??STATE1"]);
        // A Classified By line glued to the last entry is none.
        assert_eq!(
            ids("A. (A) RIO 329 ¶B. (B) RIO 346 Classified By: Principal Officer"),
            ["A:??RIODEJANEIRO329", "B:??RIODEJANEIRO346"]
        );
        // A date glued after the serial is the cite's.
        assert_eq!(
            ids("A. 08 KIGALI 00830--05/DEC/2008 ¶B. 08 STATE 122706--19/NOV/2008"),
            ["A:08KIGALI830", "B:08STATE122706"]
        );
        // A date or a report number is no serial.
        assert_eq!(ids("GRUBB-MILLER 07/22/09 E-MAIL"), ["-"]);
        assert_eq!(ids("IMSWM-0028-2010"), ["-"]);
        assert_eq!(
            ids("(A) BUENOS AIRES 2336 (B) MCWHIRTER 12/14/07"),
            ["A:??BUENOSAIRES2336", "B:-"]
        );
    }

    #[test]
    fn every_post_in_any_case_and_with_words_that_start_no_station() {
        // A post named in small letters, or with `THE`, `OF` or `ES` in its name.
        assert_eq!(
            ids("A) 08 Hanoi 123 B) 08 Dar es Salaam 45 C) 09 The Hague 6"),
            ["A:08HANOI123", "B:08DARESSALAAM45", "C:09THEHAGUE6"]
        );
        assert_eq!(
            ids("A. 08 PORT OF SPAIN 5 B. Ho Chi Minh City 8 C. Hong Kong 77"),
            ["A:08PORTOFSPAIN5", "B:??HOCHIMINHCITY8", "C:??HONGKONG77"]
        );
        // Missions to organisations, whose names hold a capital's, as their ids spell
        // them: the mission to the EU numbers its cables in Embassy Brussels' series
        // (09BRUSSELS269 is `FM USEU BRUSSELS`).
        assert_eq!(
            ids("A. 08 USEU BRUSSELS 14 B. 08 USUN ROME 12 C. USEU 123"),
            ["A:08BRUSSELS14", "B:08UNROME12", "C:??BRUSSELS123"]
        );
        assert_eq!(
            ids("A. SECSTATE WASHDC 12345 B. 08 USMISSION GENEVA 99"),
            ["A:??STATE12345", "B:08GENEVA99"]
        );
        // An office's word before the station (`FM AIT TAIPEI`, `FM USINT HAVANA`).
        assert_eq!(
            ids("A. AIT TAIPEI 1234 B. USINT HAVANA 56"),
            ["A:??TAIPEI1234", "B:??HAVANA56"]
        );
        // A word that is a post's name in prose is still no cite without a serial.
        assert_eq!(ids("E-MAIL FROM HANOI OF MAY 11"), ["-"]);
    }

    #[test]
    fn a_letter_used_twice_is_an_entry_of_its_own() {
        // 07TALLINN375, verbatim: the author wrote B twice, the second before a cite.
        assert_eq!(
            ids("A) TALLINN 366 B) LEE-GOLDSTEIN EMAIL 05/11/07 \nB) TALLINN 347 "),
            ["A:??TALLINN366", "B:-", "B:??TALLINN347"]
        );
        // Not within a line, nor before what names no cable, nor a letter earlier than
        // the last one: those stay text of the entry before.
        assert_eq!(
            ids("A) TALLINN 366 B) EMAIL OF MAY 11 B) TALLINN 347"),
            ["A:??TALLINN366", "B:-"]
        );
        assert_eq!(
            ids("A) TALLINN 366 B) EMAIL OF MAY 11\nB) SEE ABOVE"),
            ["A:??TALLINN366", "B:-"]
        );
        assert_eq!(
            ids("A) TALLINN 366 B) EMAIL OF MAY 11\nA) TALLINN 347"),
            ["A:??TALLINN366", "B:-"]
        );
    }

    #[test]
    fn and_is_never_a_letter() {
        assert_eq!(
            ids("A. STATE 1 B. STATE 2 and a note"),
            ["A:??STATE1", "B:??STATE2"]
        );
    }
}
