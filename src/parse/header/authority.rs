//! Who classified the cable, under which reasons, and until when: the `Classified By:`
//! line split into the classifying official and the E.O. reasons (`1.4(b)`, `1.4(d)`),
//! and the E.O. line's declassification instruction (`DECL: 03/02/2016`) read as a date.
//!
//! The lines are written by hand at every post, so the reading is lenient: `for reasons
//! 1.4 (b) and (d)`, `, REASON 1.4 (B and D)`, `. REASONS: 1.4 (B)(D).`, `; E.O. 12958,
//! reasons 1.4 b and d`, `: 1.4 (b), (d)`; dates as `MM/DD/YYYY`, `YYYY/MM/DD` or
//! `MM/DD/YY`. What is not a date (`OADR`, `TEN YEARS AFTER KOREAN UNIFICATION`) is kept
//! as written with no date.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// Where the reasons begin: a `reason(s)` word (with the `for` before it), an `E.O.
/// 12958` citation, or a bare section number `1.4`/`1.5` after a separator.
static REASONS_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bfor?\s+)?\breasons?\b|\bE\.?\s?O\.?\s?1[23]\d{3}\b|(?:^|[\s,;:])1\s?\.\s?[4-8](?:[^0-9]|$)",
    )
    .expect("static regex")
});

/// One E.O. section (`1.4`, `1.5`, and as typed: `1.4B`, `1:4`, `1/4`, `14`) and the
/// letters after it, read one by one.
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b1\s?[.:/]?\s?([4-8])(?:[^0-9]|$)").expect("static regex"));

/// The order cited inside the reasons (`; E.O. 12958, reasons 1.4 …`, 05ANKARA1730), as
/// against the E.O. line glued after them (`E.O. 12958: DECL: …`).
static ORDER_IN_REASONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:1[23]\d{3}\b)?[\s,:;]*(?:reasons?\b|1\s?[.:/]\s?[4-8])")
        .expect("static regex")
});

/// Where the reasons begin in a `Classified By:` line, if it gives any.
#[must_use]
pub fn reasons_at(line: &str) -> Option<usize> {
    REASONS_START.find(line).map(|m| m.start())
}

/// Whether `next`, the line after a `Classified By:` line read so far as `line`, goes
/// on with it. A line that does not end in a full stop always does; after a full stop,
/// only the reasons (`Sison.` / `For reasons 1.4 …`, 05ABUDHABI2178), a section number
/// cut in two (`Reasons 1.` / `4 (b/d).`, 09BEIJING2438) or a name cut after an initial
/// or an abbreviation (`U.S.` / `Embassy Tripoli`, 09TRIPOLI943).
#[must_use]
pub fn continues(line: &str, next: &str) -> bool {
    let line = line.trim_end();
    let next = next.trim_start();
    if !line.ends_with('.') {
        return true;
    }
    if line.ends_with("1.") && next.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    if REASONS_START.find(line).is_some() {
        return false;
    }
    if REASONS_START.find(next).is_some_and(|m| m.start() == 0) {
        return true;
    }
    let last = line.rsplit(' ').next().unwrap_or("");
    let stem = &last[..last.len() - 1];
    let initial = stem.len() == 1 && stem.starts_with(|c: char| c.is_ascii_uppercase());
    initial || stem.contains('.')
}

/// Whether the line after a blank goes on with a `Classified By:` line that ends on its
/// reason word (`FOR REASON` / blank / `1.4(C).`, 05SOFIA1207).
#[must_use]
pub fn continues_after_blank(line: &str, next: &str) -> bool {
    dangling(line) && SECTION.find(next).is_some_and(|m| m.start() == 0)
}

/// Whether a `Classified By:` line ends on its reason word, the reasons still to come.
#[must_use]
pub fn dangling(line: &str) -> bool {
    line.trim_end().rsplit(' ').next().is_some_and(|w| {
        w.trim_end_matches(':')
            .to_ascii_lowercase()
            .starts_with("reason")
    })
}

/// Whether an E.O. key found inside a `Classified By:` line, followed by `after`, cites
/// the order as part of the reasons rather than starting the E.O. line.
#[must_use]
pub fn order_in_reasons(after: &str) -> bool {
    ORDER_IN_REASONS.is_match(after)
}

/// The width at which the published text cut long lines, whatever was there: a
/// `Classified By:` line of this length or more that ends inside a word was cut in it
/// (`Josiah Rosen` / `blatt`, `FOR REAS` / `ONS`, `(B) a` / `nd (D)`).
const CUT_WIDTH: usize = 69;

/// Words that stand alone at a cut, where the cut fell on the space the text dropped
/// (`… Yee` / `for Reasons`, `… for` / `reasons 1.4`).
const WHOLE_AT_CUT: &[&str] = &["for", "reason", "reasons", "and", "or"];

/// Whether `next` joins the physical line `prev` with no space: `prev` reaches the cut
/// width and the cut fell between two letters of one word.
#[must_use]
pub fn glued(prev: &str, next: &str) -> bool {
    let prev = prev.trim_end();
    let next = next.trim_start();
    let word = |w: &str| {
        let w = w.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
        WHOLE_AT_CUT.iter().any(|k| w.eq_ignore_ascii_case(k))
    };
    let tail = prev.rsplit(' ').next().unwrap_or("");
    let head = next.split(' ').next().unwrap_or("");
    prev.chars().count() >= CUT_WIDTH
        && tail.ends_with(|c: char| c.is_ascii_alphabetic())
        && head.starts_with(|c: char| c.is_ascii_alphabetic())
        && !(tail.eq_ignore_ascii_case("for") || tail.eq_ignore_ascii_case("and"))
        && !word(head)
}

/// The classifying official and the reasons, from the `Classified By:` line's content.
/// Either may be missing: `Political Counselor John Creamer` names no reason.
#[must_use]
pub fn classified_by(content: &str) -> (Option<String>, Vec<String>) {
    // A doubled key (`Classified By: Classified By: Charge …`).
    let mut text = content.trim();
    while let Some(rest) = strip_key(text) {
        text = rest;
    }
    let (who, rest) = match REASONS_START.find(text) {
        Some(m) => (&text[..m.start()], &text[m.start()..]),
        None => (text, ""),
    };
    let who = trim_official(who);
    let who = (!who.is_empty()).then(|| who.to_owned());
    (who, reasons(rest))
}

/// `Classified By:` at the start of `text`, any case, the colon optional.
fn strip_key(text: &str) -> Option<&str> {
    let key = "classified by";
    let head = text.get(..key.len())?;
    head.eq_ignore_ascii_case(key)
        .then(|| text[key.len()..].trim_start_matches([':', ' ']))
}

/// The official without the separators and the dangling `for` before the reasons.
fn trim_official(who: &str) -> &str {
    let mut who = who.trim_end_matches([' ', ',', ';', ':', '.', '-']);
    for tail in [" for", " fo", " FOR", " under Section", " UNDER SECTION"] {
        if let Some(w) = who.strip_suffix(tail) {
            who = w.trim_end_matches([' ', ',', ';']);
        }
    }
    who
}

/// The reasons, `1.4(b)`, `1.4(d)`, in order, each once; a section named without letters
/// is given alone (`1.4`).
fn reasons(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |r: String| {
        if !out.contains(&r) {
            out.push(r);
        }
    };
    let sections: Vec<_> = SECTION.captures_iter(text).collect();
    for (k, c) in sections.iter().enumerate() {
        let digit = c.get(1).expect("group");
        let section = format!("1.{}", digit.as_str());
        let end = sections
            .get(k + 1)
            .map_or(text.len(), |n| n.get(0).expect("match").start());
        let letters = letters(&text[digit.end()..end]);
        for l in &letters {
            push(format!("{section}({l})"));
        }
        if letters.is_empty() {
            push(section);
        }
    }
    // Letters with no section (`for reasons b, d.`, `Reasons (b) and (d)`): the section
    // is not guessed.
    if sections.is_empty() {
        let lower = text.to_ascii_lowercase();
        let after_word = lower.find("reason").map_or("", |k| {
            let rest = &text[k..];
            rest.find(|c: char| !c.is_ascii_alphabetic())
                .map_or("", |e| &rest[e..])
        });
        for l in letters(after_word) {
            push(format!("({l})"));
        }
    }
    out
}

/// The letters after a section number: `(b) and (d)`, `(B and D)`, `(B, D)`, `b and d`,
/// `(b)(d)`, `B/D`, `( d)`. Reading stops at the first word that is not a letter or a
/// joining word, so text glued after the line (a paragraph's start) is not read.
fn letters(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "(),/&;.".contains(c)) {
        match word {
            "" => {}
            w if w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or") => {}
            w if w.len() == 1 && matches!(w.as_bytes()[0].to_ascii_lowercase(), b'a'..=b'h') => {
                let l = char::from(w.as_bytes()[0].to_ascii_lowercase());
                if !out.contains(&l) {
                    out.push(l);
                }
            }
            _ => break,
        }
    }
    out
}

/// The declassification instruction of the E.O. line's content (`12958: DECL:
/// 03/02/2016`): as written, and as a date when it is one. `N/A` (an unclassified cable)
/// and a line with no instruction give nothing.
#[must_use]
pub fn declassify(eo: &str) -> (Option<String>, Option<NaiveDate>) {
    // After the order's number and its colon.
    let rest = eo
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches([':', ' ', ',']);
    // A TAGS field glued to the line is not part of it.
    let rest = match rest.find("TAGS") {
        Some(i) => &rest[..i],
        None => rest,
    };
    let rest = rest.trim();
    let instruction = match rest.get(..4) {
        Some(k) if k.eq_ignore_ascii_case("decl") => rest[4..]
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .trim_start_matches([':', ' ']),
        // `12958: 03/02/2016`: a date alone is the declassification date.
        _ if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => return (None, None),
    };
    // `Declassify on 8/31/2034` (09OUAGADOUGOU1159), `Declassify on: …`.
    let instruction = instruction.trim();
    let instruction = match instruction.get(..3) {
        Some(on) if on.eq_ignore_ascii_case("on ") || on.eq_ignore_ascii_case("on:") => {
            &instruction[3..]
        }
        _ => instruction,
    };
    let instruction = instruction.trim().trim_end_matches(['.', ' ']);
    if instruction.is_empty() {
        return (None, None);
    }
    (Some(instruction.to_owned()), date(instruction))
}

/// `MM/DD/YYYY`, `M/D/YYYY`, `YYYY/MM/DD` or `MM/DD/YY` (this century) at the start, or
/// a date with its month in words (`JAN 05, 2018`, `5 January 2018`).
fn date(text: &str) -> Option<NaiveDate> {
    numeric_date(text).or_else(|| worded_date(text))
}

/// A date whose month is written in words, in its first three words.
fn worded_date(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_end_matches(['.', ',']))
        .collect();
    let words = words.join(" ");
    ["%b %d %Y", "%d %b %Y", "%B %d %Y", "%d %B %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&words, f).ok())
}

fn numeric_date(text: &str) -> Option<NaiveDate> {
    let token = text.split_whitespace().next()?;
    let parts: Vec<&str> = token.split(['/', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let n = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if a.len() == 4 {
        (n(a)?, n(b)?, n(c)?)
    } else if c.len() == 4 {
        (n(c)?, n(a)?, n(b)?)
    } else if c.len() == 2 {
        (2000 + n(c)?, n(a)?, n(b)?)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (Option<String>, Vec<String>) {
        classified_by(s)
    }

    #[test]
    fn officials_and_reasons_in_the_spellings_of_the_corpus() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "A/DCM Kathleen Fitzpatrick for Reasons 1.4 (B) and (D)",
                "A/DCM Kathleen Fitzpatrick",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Ambassador Eric Edelman; reasons: E.O. 12958 1.4 (b) and (d)",
                "Ambassador Eric Edelman",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "SUZANNE MCCORMICK, DIR., INR/OPS. REASON: 1.4(C).",
                "SUZANNE MCCORMICK, DIR., INR/OPS",
                &["1.4(c)"],
            ),
            (
                "Classified By: Charge d'Affaires Patricia A. Butenis for reasons 1.4 (b,d)",
                "Charge d'Affaires Patricia A. Butenis",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "POLECON COUNSELOR ROB GARVERICK, REASON 1.4 (B and D)",
                "POLECON COUNSELOR ROB GARVERICK",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Julieta Valls Noyes, DCM. REASON: 1.4 (b), (d) 1. (C) Summary: The Holy See",
                "Julieta Valls Noyes, DCM",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Ambassador Christopher R. Hill, for reasons 1.4 b and d.",
                "Ambassador Christopher R. Hill",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Economic Counselor Matthew J. Matthews, reason 1.4",
                "Economic Counselor Matthew J. Matthews",
                &["1.4"],
            ),
            (
                "Anne W. Patterson, for reasons 1.4 (b)(d)",
                "Anne W. Patterson",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Charge D'Affaires Lisa Kubiske for reasons 1.4 (b) and ( d).",
                "Charge D'Affaires Lisa Kubiske",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "U/S Maria Otero (G). Reason: 1.4 (b) and (d)",
                "U/S Maria Otero (G)",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Ambassador Richard E. Hoagland: 1.4 (b), (d)",
                "Ambassador Richard E. Hoagland",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "DCM Robert Goldberg fo Reasons: 1.4(B), (D).",
                "DCM Robert Goldberg",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "CDA Robert Deutsch; E.O. 12958, reasons 1.4 (b) and (d).",
                "CDA Robert Deutsch",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Ambassador Frank Almaguer for reasons 1.5 (b) and 1.5 (d)",
                "Ambassador Frank Almaguer",
                &["1.5(b)", "1.5(d)"],
            ),
            (
                "Political Counselor John Creamer",
                "Political Counselor John Creamer",
                &[],
            ),
            (
                "CHARGE D'AFFAIRES HUGO LLORENS, REASONS 1.4B AND D.",
                "CHARGE D'AFFAIRES HUGO LLORENS",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Ambassador Karl W. Eikenberry for Reasons 1:4 b,d",
                "Ambassador Karl W. Eikenberry",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "S/CT DAS, Susan F. Burk, Reason: 1/4 (B), (D), (E), and (G)",
                "S/CT DAS, Susan F. Burk",
                &["1.4(b)", "1.4(d)", "1.4(e)", "1.4(g)"],
            ),
            (
                "Glbal Affairs Unit Chief Don L. Brown for reasons 14 (b) and (d).",
                "Glbal Affairs Unit Chief Don L. Brown",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "Ambassador Christopher W. Dell under Section 1.4b/d",
                "Ambassador Christopher W. Dell",
                &["1.4(b)", "1.4(d)"],
            ),
            (
                "DCM Tom Kelly for reasons b, d.",
                "DCM Tom Kelly",
                &["(b)", "(d)"],
            ),
            (
                "D/Ambassador Ricciardone; Reasons (b) and (d)",
                "D/Ambassador Ricciardone",
                &["(b)", "(d)"],
            ),
        ];
        for (line, who, why) in cases {
            let (w, r) = split(line);
            assert_eq!(w.as_deref(), Some(*who), "{line}");
            assert_eq!(r, *why, "{line}");
        }
    }

    #[test]
    fn lines_that_go_on_and_lines_that_end() {
        // (line so far, next line, goes on)
        let cases = [
            (
                "Ambassador Michele J. Sison.",
                "For reasons 1.4 (a), (b), and (d).",
                true,
            ),
            (
                "Ambassador William R. Brownfield.",
                "Reasons: 1.4 (b) and (d).",
                true,
            ),
            (
                "Political Minister Counselor Aubrey Carlson.  Reasons 1.",
                "4 (b/d).",
                true,
            ),
            (
                "Joan A. Polaschik, Charge d'Affaires, U.S.",
                "Embassy Tripoli, Department of State.",
                true,
            ),
            (
                "Charge d'Affaires J. Robert Manzanares,",
                "reasons 1.4(B) and (D).",
                true,
            ),
            (
                "Joan A. Polaschik, Charge d'Affaires, U.S. Embassy Tripoli.",
                "REASON: 1.4 (b), (d)",
                true,
            ),
            (
                "Ambassador Tom McDonald for reasons 1.5 (b) and (d).",
                "Summary follows.",
                false,
            ),
            (
                "Political Counselor John S. Creamer.",
                "Summary: the talks went well.",
                false,
            ),
        ];
        for (line, next, goes_on) in cases {
            assert_eq!(continues(line, next), goes_on, "{line} / {next}");
        }
        assert!(dangling("AMBASSADOR JAMES PARDEW, FOR REASON"));
        assert!(continues_after_blank(
            "ELISSA G. PITTERLE, DIRECTOR, INR/OPS. REASON:",
            "1.4(C)."
        ));
        assert!(!continues_after_blank(
            "Ambassador Clifford Sobel",
            "1. (C) Minister of Defense"
        ));
    }

    #[test]
    fn words_cut_at_the_published_width_are_joined() {
        // The physical lines as 05PARIS104, 04MADRID3914, 05PARIS1807 and others print them.
        let cases = [
            (
                "Classified By: Political Minister-Counselor Josiah Rosenblatt for reaso ",
                "ns 1.4 b and d.",
                true,
            ),
            (
                "Classified By: Political Counselor Kathy Fitzpatrick; reasons 1.5 (B) a",
                "nd (D).",
                true,
            ),
            (
                "Classified By: POLITICAL MINISTER COUNSELOR JOSIAH ROSENBLATT, FOR REAS ",
                "ONS 1.4 B/D ",
                true,
            ),
            (
                "Classified By: Deputy Assistant Secretary for Political Affairs for ",
                "reasons 1.4 (b) and (d)",
                false,
            ),
            (
                "Classified By: Deputy Political Counselor for Regional Affairs Hoyt Yee",
                "for Reasons 1.4 (b) and (d)",
                false,
            ),
            (
                "Classified By: Charge d'Affaires J. Robert Manzanares, ",
                "reasons 1.4(B) and (D). ",
                false,
            ),
            (
                "Classified By: Ambassador Michele J. Sison. ",
                "For reasons 1.4 (a), (b), and (d). ",
                false,
            ),
        ];
        for (prev, next, glue) in cases {
            assert_eq!(glued(prev, next), glue, "{prev} / {next}");
        }
        assert!(order_in_reasons(" 12958, reasons 1.4 (b) and (d)."));
        assert!(order_in_reasons(" 12958 1.4 (b,d)."));
        assert!(!order_in_reasons(" 12958: DECL: 03/02/2016"));
    }

    #[test]
    fn declassification_dates_and_instructions() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let cases = [
            ("12958: DECL: 03/02/2016", Some("03/02/2016"), d(2016, 3, 2)),
            ("12958 DECL: 2019/05/14", Some("2019/05/14"), d(2019, 5, 14)),
            ("12958: decl: 1/5/2017", Some("1/5/2017"), d(2017, 1, 5)),
            (
                "12958: DECL: 12/31/16 TAGS: PGOV",
                Some("12/31/16"),
                d(2016, 12, 31),
            ),
            ("12958: 06/30/2015", Some("06/30/2015"), d(2015, 6, 30)),
            ("12958: DECL: OADR", Some("OADR"), None),
            (
                "12958 DECL: TEN YEARS AFTER KOREAN UNIFICATION",
                Some("TEN YEARS AFTER KOREAN UNIFICATION"),
                None,
            ),
            ("12958: N/A", None, None),
            (
                "12958: Declassify on 8/31/2034",
                Some("8/31/2034"),
                d(2034, 8, 31),
            ),
            ("12958: DNG: CO 12/31/2016", None, None),
            (
                "12958: DECLASSIFY ON: 01/05/2018",
                Some("01/05/2018"),
                d(2018, 1, 5),
            ),
            (
                "12958: DECL: JAN 05, 2018",
                Some("JAN 05, 2018"),
                d(2018, 1, 5),
            ),
            (
                "12958: DECL: 5 January 2018",
                Some("5 January 2018"),
                d(2018, 1, 5),
            ),
            ("12958: DECL: Sept. 30, 2019", Some("Sept. 30, 2019"), None),
            ("12958: DECL: 1.6X1", Some("1.6X1"), None),
        ];
        for (eo, text, date) in cases {
            let (t, dt) = declassify(eo);
            assert_eq!(t.as_deref(), text, "{eo}");
            assert_eq!(dt, date, "{eo}");
        }
    }
}
