//! A database record glued after a cable's last words by an early WikiLeaks rendering
//! (08TRIPOLI220: `… End comment. STEVENS 0 03/13/2008 9871 PGOV,PREL,PHUM,PINR,LY
//! DETAINED HUMAN RIGHTS ACTIVIST FATHI EL-JAHMI "RELEASED" Reports by the Qadhafi …`):
//! a count, the cable's date, a record number, its TAGS joined by commas, its subject and
//! the first words of its summary.
//!
//! It is not the cable's text, so the body ends before it; but it is the only place such
//! a page gives the subject (its body has no SUBJECT line), so the header takes the
//! subject from it when it has none. It is told from text by its shape and by agreeing
//! with the cable's own header (the same day as the DTG, or the same TAGS).

use std::sync::LazyLock;

use chrono::Datelike;
use regex::Regex;

use super::lines::{LineKind, Lines};
use crate::cable::Header;

#[allow(clippy::expect_used)]
static RECORD: LazyLock<Regex> = LazyLock::new(|| {
    // ` 0 03/13/2008 9871 PGOV,PREL,LY ` before the subject and summary, from the space
    // before the count ([`record_at`]).
    Regex::new(
        r"^(?-u: \d{1,4} (\d{1,2})/(\d{1,2})/(\d{4}) \d{1,9} ([A-Z][A-Z0-9]{1,5}(?:,[A-Z][A-Z0-9]{1,5})*) )",
    )
    .expect("valid built-in regex")
});

/// How many words of the record's summary are looked for in the text before it to mark
/// where its subject ends, and the fewest that will do at the record's end.
const SUMMARY_WORDS: usize = 6;
const SUMMARY_WORDS_LEAST: usize = 3;

/// Most words a subject is read to (a line of hostile length is not read word by word).
const SUBJECT_WORDS_MOST: usize = 40;

/// How far into the text the summary's copy is looked for: the summary opens the body.
const SUMMARY_WITHIN: usize = 64 * 1024;

/// A record found after the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trailer {
    /// Index of the line it is on.
    pub line: usize,
    /// Byte offset where it starts (the space before its count).
    pub start: usize,
    /// The subject it gives.
    pub subject: String,
}

/// The record glued to the end of the last line of `text`, when there is one and it
/// agrees with `header`.
#[must_use]
pub fn find(text: &str, lines: &Lines, header: &Header) -> Option<Trailer> {
    let (i, last) = lines
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| l.kind != LineKind::Blank && l.end() > l.start())?;
    let line = text.get(last.start()..last.end())?;
    let (at, c) = record_at(line)?;
    let number = |k| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let (month, day, year) = (number(1)?, number(2)?, number(3)?);
    let tags: Vec<&str> = c.get(4)?.as_str().split(',').collect();
    let same_day = header.date.is_some_and(|d| {
        (d.month(), d.day(), i64::from(d.year())) == (month, day, i64::from(year))
    });
    let same_tags = !header.tags.is_empty() && header.tags.iter().map(String::as_str).eq(tags);
    if !(same_day || same_tags) {
        return None;
    }
    let start = last.start() + at;
    let rest = line.get(at + c.get(0)?.end()..)?;
    if !rest.starts_with(|ch: char| !ch.is_whitespace()) {
        return None;
    }
    let mut within = start.min(SUMMARY_WITHIN);
    while !text.is_char_boundary(within) {
        within -= 1;
    }
    Some(Trailer {
        line: i,
        start,
        subject: subject(rest, text.get(..within)?),
    })
}

/// The record in `line` and where it starts: tried only where a date's first slash has a
/// count and a month before it (` 0 03/`), so a line (a whole paragraph, in WikiLeaks'
/// renderings) is read once, by `memchr`, and the pattern only from there.
fn record_at(line: &str) -> Option<(usize, regex::Captures<'_>)> {
    let b = line.as_bytes();
    memchr::memchr_iter(b'/', b).find_map(|slash| {
        let digits_before = |end: usize| {
            b.get(..end)
                .unwrap_or_default()
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count()
        };
        let month = digits_before(slash);
        let space = slash.checked_sub(month + 1)?;
        let count = digits_before(space);
        let start = space.checked_sub(count + 1)?;
        if !(1..=2).contains(&month) || count == 0 || b.get(space) != Some(&b' ') {
            return None;
        }
        let c = RECORD.captures(line.get(start..)?)?;
        Some((start, c))
    })
}

/// The subject at the start of `rest` (subject, then the first words of the summary):
/// up to where the words that follow are found in `before` (the cable's text, which the
/// summary copies), or else its run of words without a small letter.
fn subject(rest: &str, before: &str) -> String {
    let words: Vec<&str> = rest
        .split_whitespace()
        .take(SUBJECT_WORDS_MOST + SUMMARY_WORDS)
        .collect();
    let copied = (1..words.len().min(SUBJECT_WORDS_MOST + 1)).find(|&k| {
        let run = words
            .get(k..(k + SUMMARY_WORDS).min(words.len()))
            .unwrap_or_default();
        run.len() >= SUMMARY_WORDS_LEAST && before.contains(&run.join(" "))
    });
    let end = copied.unwrap_or_else(|| {
        words
            .iter()
            .position(|w| w.bytes().any(|b| b.is_ascii_lowercase()))
            .unwrap_or(words.len())
            .min(SUBJECT_WORDS_MOST)
    });
    words.get(..end).unwrap_or_default().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{SUBJECT_WORDS_MOST, find, subject};
    use crate::cable::Header;
    use crate::parse::lines;

    fn header(tags: &[&str]) -> Header {
        Header {
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            ..Header::default()
        }
    }

    #[test]
    fn a_record_agreeing_with_the_header_is_found_where_it_starts() {
        let text = "1. (C) Summary: Talks resume in Tripoli on the fuel transfer.\n\n2. (C) End comment. STEVENS 0 03/13/2008 9871 PGOV,LY LIBYA: TALKS RESUME Talks resume in Tripoli on the fuel transfer.";
        let lines = lines::split(text);
        let t = find(text, &lines, &header(&["PGOV", "LY"])).expect("a record");
        assert_eq!(
            text.get(..t.start),
            Some(
                "1. (C) Summary: Talks resume in Tripoli on the fuel transfer.\n\n2. (C) End comment. STEVENS"
            )
        );
        assert_eq!(t.subject, "LIBYA: TALKS RESUME");
        // Other TAGS and no date to agree with: text, not a record.
        assert_eq!(find(text, &lines, &header(&["PREL"])), None);
        // A date inside a sentence is no record.
        let text = "1. (C) On 03/13/2008 9871 PGOV,LY officials met.";
        assert_eq!(
            find(text, &lines::split(text), &header(&["PGOV", "LY"])),
            None
        );
    }

    #[test]
    fn a_line_of_hostile_length_is_read_in_bounded_time() {
        // Many candidate dates, then a record whose words never end.
        let mut text = "1 1/".repeat(50_000);
        text.push_str(" 0 03/13/2008 9871 PGOV,LY ");
        text.push_str(&"WORD ".repeat(200_000));
        let t = find(&text, &lines::split(&text), &header(&["PGOV", "LY"])).expect("a record");
        assert_eq!(t.subject.split(' ').count(), SUBJECT_WORDS_MOST);
    }

    #[test]
    fn the_subject_ends_where_the_summary_copies_the_text() {
        let before = "1.(C) Summary: Reports by the Qadhafi Development Foundation (QDF) that";
        assert_eq!(
            subject(
                r#"DETAINED ACTIVIST "RELEASED" Reports by the Qadhafi Development Foundation (QDF) that"#,
                before
            ),
            r#"DETAINED ACTIVIST "RELEASED""#
        );
        // A summary starting with capitals is still told by the text it copies.
        let before = "1. (C) SUMMARY: U.S. AND LIBYAN OFFICIALS MET ON MAY 3 TO";
        assert_eq!(
            subject(
                "LIBYA: TALKS RESUME U.S. AND LIBYAN OFFICIALS MET ON MAY 3 TO",
                before
            ),
            "LIBYA: TALKS RESUME"
        );
        // No copy found: the words without a small letter.
        assert_eq!(
            subject("TALKS RESUME Officials met", "other text"),
            "TALKS RESUME"
        );
    }
}
