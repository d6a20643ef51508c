//! The signer: the surname(s) under the last paragraph (`GARZA`, `Leach`). Found from the
//! end of the body, past the lines that mirrors, printouts and posts put after it (`NNNN`,
//! `End Cable Text`, a post's "Visit … Classified Web Site" note and its address, a row of
//! stars, a database query, a lowered copy of the name, a newspaper copy's tag), so that a
//! signature followed by them is still the signature and they are not read as the
//! cable's last paragraph.

use super::breaks::ends_sentence;
use super::numbers::para_start;
use crate::parse::lines::{Line, LineKind};

/// Words that close a cable's text but sign nothing.
const NOT_NAMES: &[&str] = &[
    "End",
    "Comment",
    "Summary",
    "Note",
    "Text",
    "Thanks",
    "Regards",
    "Action",
    "Request",
    "Cable",
    "Ends",
    "Unclassified",
    "Confidential",
    "Secret",
    "Sipdis",
];

/// What may follow a surname in a signature.
const SUFFIXES: &[&str] = &["jr", "Jr", "Jr.", "JR", "Sr", "Sr.", "II", "III"];

/// What a row of stars, dashes or dots is made of.
const RULE_CHARS: &str = "*-=_.>< ";

/// How many furniture lines may follow the signature.
const MAX_TRAILER: usize = 6;

/// What the line above a candidate signature is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Above {
    /// The end of a sentence: a name in mixed case (`Leach`) may sign.
    Sentence,
    /// Furniture (a row of stars, a web address): the name below it signs, in any case
    /// (`jones`, 10KUWAIT45).
    Trailer,
    /// Running text: only a name in capitals signs.
    Text,
}

/// The signature found: its line (index into the body's lines), the name, and where
/// the paragraph's text ends on that line when the name is glued to it (`…is less clear.
/// ROEMER`: the source offset just after the full stop).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Signature {
    pub line: usize,
    pub name: String,
    pub glued_at: Option<usize>,
    /// Where the cable's text ends (an index into the body's lines, exclusive): the
    /// signature's line, or a post's web-site note above it (`Please visit Paris'
    /// Classified Website at:` / its address / `Hofmann`, 05PARIS7360).
    pub text_end: usize,
}

/// Whether `t`, a line after the last paragraph, is not cable text: [`furniture`] or a
/// post's note pointing to its classified web site (`Visit London's Classified Website:`,
/// its address), which may also end a paragraph's text and so is only passed over on the
/// way to a signature.
fn trailer(t: &str) -> bool {
    let lower = t.trim().to_ascii_lowercase();
    furniture(t)
        || site_note(t)
        || lower.contains("http://")
        || lower.contains("https://")
        // `sgov.gov`, or its end when the address is wrapped (`…http://www.intelink.s` /
        // `gov.gov/wiki/Portal:Turkey"`, Ankara's cables).
        || lower.contains("gov.gov")
}

/// A post's note pointing to its classified web site (`Visit London's Classified
/// Website:`, `Please visit Paris' Classified Website at:`).
fn site_note(t: &str) -> bool {
    let lower = t
        .trim()
        .trim_start_matches(|c| RULE_CHARS.contains(c) || c == '"')
        .to_ascii_lowercase();
    (lower.starts_with("visit ") || lower.starts_with("please visit ")) && lower.contains("web")
        // Kuwait's line before it (`For more reporting from Embassy Kuwait, visit:`).
        || lower.starts_with("for more reporting from")
        // Its second sentence (`You can also access this site through the State
        // Department's Classified SIPRNET website.`), over one line or two.
        || lower.starts_with("you can also access this site")
        || lower.contains("classified siprnet website")
}

/// Where in line `t` a post's web-site note begins ([`site_note`]): at its start, or
/// after the last paragraph's words glued before it (`… issue. Visit London’s Classified
/// Website: …`).
fn site_note_at(t: &str) -> Option<usize> {
    if site_note(t) {
        return Some(0);
    }
    let at = t.to_ascii_lowercase().rfind(" visit ")? + 1;
    site_note(t.get(at..)?).then_some(at)
}

/// Whether `t` is what transmission and printouts add after a cable's text, never its
/// words: `NNNN`, `End Cable Text`, a row of stars or dots, a database query or print
/// stamp (`SELECT * FROM …`, `Track impresión: …`, `ID: 187536`), a printout's id line
/// (`2004CARACA02200 - CONFIDENTIAL`). A classification banner alone is a line of its
/// own kind already (`LineKind::Banner`).
fn furniture(t: &str) -> bool {
    let t = t.trim();
    let lower = t.to_ascii_lowercase();
    t.is_empty()
        || t.chars().all(|c| RULE_CHARS.contains(c))
        || matches!(lower.as_str(), "nnnn" | "end cable text" | "end of cable")
        || lower.starts_with("select ") && lower.contains(" from ")
        || lower.starts_with("track impres")
        || lower.starts_with("id:")
        || id_banner(t)
        || media_line(t)
}

/// What a newspaper's copy of a cable puts after it: its tag (`EPET @ EL PAÍS`, cut
/// short in 10BOGOTA13).
fn media_line(t: &str) -> bool {
    // The tag is at most six letters: only the line's first bytes are looked at.
    let head = t.as_bytes().get(..t.len().min(9)).unwrap_or_default();
    head.iter().position(|&b| b == b'@').is_some_and(|at| {
        let tag = head.get(..at).unwrap_or_default();
        tag.strip_suffix(b" ").is_some_and(|tag| {
            (2..=6).contains(&tag.len()) && tag.iter().all(u8::is_ascii_uppercase)
        }) && head.get(at + 1) == Some(&b' ')
    })
}

/// The next cable's headline cut short, in capitals (`DANIEL ORTEGA AN...`,
/// 06MANAGUA1002): passed over only under a name, as a cable's own text cut short ends
/// the same way (`GOG PERMREP HAS NOW RECEIVED F...`, 7575LIBREVILLE1895), and so does a
/// page header (`DUSHANBE 00000575 001.2 OF 0...`).
fn cut_headline(t: &str) -> bool {
    t.strip_suffix("...").is_some_and(|h| {
        h.len() >= 8
            && h.bytes().any(|b| b.is_ascii_uppercase())
            && !h
                .bytes()
                .any(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// A line of a redacted name or words (`xxxxx`, 05LONDON4981): nothing of the text
/// is left in it, so a name under it signs as under furniture.
fn redacted(t: &str) -> bool {
    t.len() >= 3 && t.bytes().all(|b| matches!(b, b'x' | b'X' | b' '))
}

/// Where the furniture after the last paragraph begins (an index into `lines`), when a
/// cable with no signature ends with some (`… END TALKING POINTS. RICE` / `NNNN`).
pub(super) fn furniture_from(src: &str, lines: &[Line]) -> Option<usize> {
    let mut from = None;
    for (k, l) in lines.iter().enumerate().rev() {
        if l.kind != LineKind::Text {
            continue;
        }
        if !furniture(l.text(src)) {
            break;
        }
        from = Some(k);
    }
    from
}

/// A short line ending in a number, a row of a table or list (`OC  - 1`, 06HONGKONG817),
/// which ends the text above a signature as a sentence does.
fn table_row(t: &str) -> bool {
    t.len() <= 40 && t.ends_with(|c: char| c.is_ascii_digit())
}

/// A printout's id and classification line (`2004CARACA02200 - CONFIDENTIAL`).
fn id_banner(t: &str) -> bool {
    let Some((id, class)) = t.split_once(" - ") else {
        return false;
    };
    id.len() >= 8
        && id.bytes().take(4).all(|b| b.is_ascii_digit())
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
        && class
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b' ' || b == b'/')
}

/// Whether `t` ends with the words that close a block of text: `END COMMENT`, `End
/// comment.`, `END TALKING POINTS` (`END` and one to three words, after a sentence's
/// end or alone), which end the text above a signature as a sentence does.
fn ends_block(t: &str) -> bool {
    let t = t.trim().trim_end_matches('.');
    let words: Vec<&str> = t.rsplitn(5, char::is_whitespace).collect();
    (2..=4).any(|n| {
        let Some((&end, rest)) = words.get(..n).and_then(<[&str]>::split_last) else {
            return false;
        };
        matches!(end, "END" | "End")
            && rest
                .iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_alphabetic()))
            && words
                .get(n)
                .is_none_or(|before| before.ends_with(['.', '"', '\u{201d}']))
    })
}

/// Words a line ends with when its sentence runs on into the next line (`… met xxxxx
/// and` / `Cunningham`).
const RUNS_ON: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Whether line `t` ends with a word its sentence runs on from ([`RUNS_ON`]).
fn runs_on(t: &str) -> bool {
    t.rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| RUNS_ON.contains(&w))
}

/// Whether `t` is the signer's surname(s): one to three names in capitals (`KELLY`,
/// `KEEGANPAAL`), in mixed case (`Leach`) when the text above it ends a sentence, and a
/// single name in any case under furniture, so that a paragraph's last words are never
/// taken. On the cable's very last line (`last`), a single word alone is a name under
/// running text too when it is written with a capital (`… in the Spanish media` /
/// `Aguirre`), and in small letters under a sentence's end (`… END COMMENT` / `curran`):
/// of the 1,095 real cables, the 147 whose last line is one word of letters all end with
/// their signer's name.
fn signs(t: &str, above: Above, last: bool) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let short = (1..=3).contains(&words.len()) && t.len() <= 40;
    let capitals = words.iter().all(|w| {
        w.len() >= 2
            && w.bytes()
                .all(|b| b.is_ascii_uppercase() || matches!(b, b'\'' | b'-' | b','))
    });
    let names = words.iter().enumerate().all(|(i, w)| {
        let mut b = w.bytes();
        // A generation after the surname (`Timken jr`, 08BERLIN643).
        (i > 0 && SUFFIXES.contains(w))
            || w.len() >= 2
                && b.next().is_some_and(|c| c.is_ascii_uppercase())
                && b.all(|c| c.is_ascii_alphabetic() || matches!(c, b'\'' | b'-'))
                && !NOT_NAMES.contains(w)
    });
    let one_word = words.len() == 1
        && t.len() >= 3
        && t.bytes().all(|b| b.is_ascii_alphabetic())
        && !NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(t));
    let alone = last && words.len() == 1;
    short
        && (capitals
            || names && (above != Above::Text || alone)
            || one_word && (above == Above::Trailer || alone && above == Above::Sentence))
        && para_start(t, 1, false).is_none()
}

/// Words that close a quoted text or stand for an instruction on the signer's line,
/// before the name: `CLINTON UNQUOTE CLINTON` (a cable sent again, its own signer after
/// the quoted one's, 09STATE127892), `END TEXT HEFFERN` (10USNATO52), `MINIMIZE
/// CONSIDERED SHANNON` (sent while traffic was to be minimized, 10BRASILIA43).
const BEFORE_NAME: &[&str] = &["UNQUOTE", "END QUOTE", "END TEXT", "MINIMIZE CONSIDERED"];

/// A signature line without what some copies put before the name ([`BEFORE_NAME`]) or
/// after it: a full stop after a space (`MURRAY .`, Brussels' cables) or the date it was
/// signed (`SOBEL 2008-01-08`, 08BRASILIA43).
fn name_of(t: &str) -> &str {
    // Only a short line in capitals is looked through (the words are written so).
    let looked = t.len() <= 60 && t.as_bytes().get(1).is_some_and(u8::is_ascii_uppercase);
    let closers = if looked { BEFORE_NAME } else { &[] };
    let t = closers
        .iter()
        .filter_map(|w| {
            let end = t.rfind(w)? + w.len();
            t[end..].starts_with(' ').then_some(end)
        })
        .max()
        .map_or(t, |from| t[from..].trim_start());
    if let Some(name) = t.strip_suffix(" .") {
        return name.trim_end();
    }
    match t.rsplit_once(' ') {
        Some((name, date))
            if date.len() == 10
                && date.bytes().enumerate().all(|(i, b)| match i {
                    4 | 7 => b == b'-',
                    _ => b.is_ascii_digit(),
                }) =>
        {
            name.trim_end()
        }
        _ => t,
    }
}

/// Where the cable's text ends above a signature on line `k`: at the highest web-site
/// note of the run of trailer lines starting `above` (text lines read upward: those above
/// the signature, or its own line first when the name is glued to the note), as the
/// note, its address and stars are not the cable's text; else at the signature.
fn text_end(src: &str, lines: &[Line], above: &[usize], k: usize) -> usize {
    let text = |p: usize| lines.get(p).map_or("", |l| l.text(src).trim());
    let run: Vec<usize> = above
        .iter()
        .copied()
        .take_while(|&p| trailer(text(p)))
        .collect();
    run.iter()
        .rposition(|&p| site_note(text(p)))
        .map_or(k, |i| run[i])
}

/// The signature of the body `lines` of `src`, if its last text lines (past furniture)
/// end with one.
pub(super) fn find(src: &str, lines: &[Line]) -> Option<Signature> {
    let texts: Vec<usize> = lines
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, l)| l.kind == LineKind::Text)
        .map(|(k, _)| k)
        .take(MAX_TRAILER + 3)
        .collect();
    let text = |k: usize| lines.get(k).map_or("", |l| l.text(src).trim());
    let mut at = 0;
    while at < MAX_TRAILER && texts.get(at).is_some_and(|&k| trailer(text(k))) {
        at += 1;
    }
    // The next cable's headline cut short under the name (`Randt` / `HTS ACTIVIST LIU
    // XIAOBO...`, 08BEIJING4687).
    if let (Some(&k), Some(&above)) = (texts.get(at), texts.get(at + 1))
        && cut_headline(text(k))
        && signs(name_of(text(above)), Above::Sentence, false)
    {
        at += 1;
    }
    // A lowered copy of the name under it (`Huntsman` / `huntsman`, 09BEIJING2964).
    if let (Some(&k), Some(&above)) = (texts.get(at), texts.get(at + 1))
        && text(k).bytes().all(|b| b.is_ascii_lowercase())
        && text(k).eq_ignore_ascii_case(text(above))
    {
        at += 1;
    }
    // A name glued after a row of stars ending the last line (`… SIPRNET website.
    // ****** ******* KURTZER`, 05TELAVIV1580).
    if at > 0
        && let Some(&k) = texts.first()
        && let Some((furniture, name)) = text(k).rsplit_once("* ")
        && signs(name.trim(), Above::Trailer, false)
        && trailer(furniture)
    {
        return Some(Signature {
            line: k,
            name: crate::parse::scan::collapse(name),
            glued_at: None,
            text_end: text_end(src, lines, &texts, k),
        });
    }
    // A name glued after the web-site note's address (`Visit London’s Classified
    // Website: http://www.state.sgov.gov/p/eur/london/index. cfm Tuttle`, 08LONDON930),
    // the note itself glued to the last paragraph's words or not (`… on a widely
    // supported international issue. Visit London’s Classified Website: http://…
    // TUTTLE`, 08LONDON1176).
    if let Some(&k) = texts.first()
        && let Some(line) = lines.get(k)
        && let Some(note_at) = site_note_at(line.text(src))
        && let Some((note, name)) = text(k).rsplit_once(' ')
        && note.contains("gov")
        && !name.contains(['.', '/', ':'])
        && signs(name, Above::Sentence, false)
    {
        let (glued_at, text_end) = match line.text(src).get(..note_at) {
            Some(before) if !before.trim().is_empty() => {
                (Some(line.start() + before.trim_end().len()), k + 1)
            }
            _ => (None, text_end(src, lines, &texts, k)),
        };
        return Some(Signature {
            line: k,
            name: name.to_owned(),
            glued_at,
            text_end,
        });
    }
    let k = *texts.get(at)?;
    let above = match texts.get(at + 1) {
        Some(&p) if trailer(text(p)) || redacted(text(p)) => Above::Trailer,
        // `… with the U.S.` ends a sentence there, whatever it does inside one
        // (09MOSCOW2747).
        Some(&p)
            if ends_sentence(text(p))
                || table_row(text(p))
                || text(p).ends_with(" U.S.")
                || ends_block(text(p)) =>
        {
            Above::Sentence
        }
        _ => Above::Text,
    };
    let name = name_of(text(k));
    // The cable's last line, under a line that does not run on into it.
    let last = at == 0 && texts.get(1).is_none_or(|&p| !runs_on(text(p)));
    if signs(name, above, last) {
        return Some(Signature {
            line: k,
            name: crate::parse::scan::collapse(name),
            glued_at: None,
            text_end: text_end(src, lines, texts.get(at + 1..).unwrap_or_default(), k),
        });
    }
    // Glued to the last paragraph: `…is less clear. ROEMER`.
    let line = lines.get(k)?;
    let (at, name) = glued(line.text(src))?;
    Some(Signature {
        line: k,
        name: name.to_owned(),
        glued_at: Some(line.start() + at),
        text_end: k + 1,
    })
}

/// Words that start a sentence, never a signature glued after one (`… he said. The`,
/// a text cut short).
const STARTS_SENTENCE: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "We",
    "It",
    "He",
    "She",
    "They",
    "In",
    "On",
    "At",
    "For",
    "But",
    "And",
    "As",
    "If",
    "Of",
    "To",
    "With",
    "See",
    "Please",
    "Post",
    "Embassy",
    "Mission",
    "Department",
    "Washington",
    "Ambassador",
];

/// What closes the text before a signature glued to it: a sentence's end, quotes and
/// brackets after it included (`… its “war heroes.” BUTENIS`), or the words that close a
/// block (`END COMMENT RAY`, `END COMMENT) HUNTSMAN`).
fn closes_text(before: &str) -> bool {
    let t = before.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
    ends_sentence(t) && !t.ends_with([':', ';']) || ends_block(t)
}

/// A signature glued to the end of the last paragraph's line `t`: where the text ends
/// (a byte offset into `t`) and the name. The name is one or two words in capitals
/// (`… is less clear. ROEMER`, `LA LIME`) or, in a line with small letters, written with
/// a capital (`… inside Burma. Martinez`), after the end of a sentence or of a block; a
/// name in capitals also after a number (`… spoiled: 14 EIKENBERRY`, a page marker's
/// `002 OF 002 HEARNE`), a redaction (`XXXXXXXXXXX STEPHENS`) or a full stop glued to
/// it (`.FARRAR`), with the date some copies put after it (`KUBISKE 2009-12-31`). In a cable all in capitals, only after the words
/// that close a block (`END TALKING POINTS. RICE`, 08STATE50524): elsewhere the capitals
/// are the sentence's (`WE WILL MEET HIM AGAIN. SOON`).
fn glued(t: &str) -> Option<(usize, &str)> {
    let mixed = t.bytes().any(|b| b.is_ascii_lowercase());
    let line = name_of(t.trim_end());
    // The last one or two words: the second only when the first alone is no name.
    let mut cut = line.len();
    for _ in 0..2 {
        cut = line.get(..cut)?.trim_end().rfind(char::is_whitespace)?;
        let (before, name) = line.split_at(cut);
        let name = name.trim();
        let (before, name) = match name.strip_prefix('.') {
            // `.FARRAR`: the full stop is the text's.
            Some(rest) if !name.contains(' ') => (line.get(..=cut + 1)?, rest),
            _ => (before, name),
        };
        let words = || name.split_whitespace();
        let capitals = words().all(|w| {
            w.len() >= 2
                && w.bytes()
                    .all(|b| b.is_ascii_uppercase() || matches!(b, b'\'' | b'-'))
        }) && name.len() >= 3;
        let capitalized = words().all(|w| {
            let mut b = w.bytes();
            w.len() >= 2
                && b.next().is_some_and(|c| c.is_ascii_uppercase())
                && b.all(|c| c.is_ascii_alphabetic() || matches!(c, b'\'' | b'-'))
                && !NOT_NAMES.contains(&w)
                && !STARTS_SENTENCE.iter().any(|s| s.eq_ignore_ascii_case(w))
        }) && name.len() >= 3;
        let before = before.trim_end();
        let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let ok = if !mixed {
            capitals && ends_block(before)
        } else if capitals {
            // Any full stop: `… in the U.S. DANILOVICH`, `… ISN, NEA, and T. CLINTON`.
            closes_text(before)
                || before.ends_with('.')
                || last_word.bytes().all(|b| b.is_ascii_digit()) && !last_word.is_empty()
                || redacted(last_word)
        } else {
            capitalized && (closes_text(before) || before.ends_with(" U.S."))
        };
        if ok {
            return Some((before.len(), name));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split;

    fn signature(body: &str) -> Option<String> {
        let lines = split(body);
        find(body, &lines).map(|s| s.name)
    }

    #[test]
    fn words_that_close_a_block() {
        for (t, want) in [
            ("with compassion and humanity.\" END COMMENT", true),
            ("End comment.", true),
            ("END TALKING POINTS.", true),
            ("the talks will go on until the End", false),
            ("at the END OF THE", false),
            ("END", false),
        ] {
            assert_eq!(ends_block(t), want, "{t}");
        }
    }

    #[test]
    fn the_text_ends_above_a_site_note_not_above_an_address_in_it() {
        let body = "It went well.\nPlease visit Paris' Classified Website at:\n\
                    http://www.state.sgov.gov/p/eur/paris/index.cfm\nStapleton\n";
        let lines = split(body);
        let s = find(body, &lines).expect("signature");
        assert_eq!((s.line, s.text_end), (3, 1));
        // The note's second sentence, wrapped, and stars (07TELAVIV64).
        let body = "It went well.\n***** *****\nVisit Embassy Tel Aviv's Classified Website:\n\
                    http://www.state.sgov.gov/p/nea/telaviv\n\n\
                    You can also access this site through the State Department's\n\
                    Classified SIPRNET website.\n***** *****\nJONES\n";
        let lines = split(body);
        let s = find(body, &lines).expect("signature");
        assert_eq!((s.name.as_str(), s.line, s.text_end), ("JONES", 8, 2));
        // The name glued after the stars ending the note (05TELAVIV1580).
        let body = "It went well.\n***** ***** Visit Embassy Tel Aviv's Classified Website: \
                    http://www.state.sgov.gov/p/nea/telaviv\nYou can also access this site \
                    through the State Department's Classified SIPRNET website. ***** ***** \
                    KURTZER\n";
        let lines = split(body);
        let s = find(body, &lines).expect("signature");
        assert_eq!((s.name.as_str(), s.line, s.text_end), ("KURTZER", 2, 1));
        let body = "It will be posted at\nwww.state.sgov.gov/demarche.\nRice\nNnnn\n";
        let lines = split(body);
        let s = find(body, &lines).expect("signature");
        assert_eq!((s.name.as_str(), s.line, s.text_end), ("Rice", 2, 2));
    }

    #[test]
    fn furniture_after_unsigned_text() {
        let body = "It went well. END TALKING POINTS. RICE\nNNNN\n\nEnd Cable Text\n";
        let lines = split(body);
        assert_eq!(furniture_from(body, &lines), Some(1));
        let body = "It is posted at\nwww.state.sgov.gov/demarche.\n";
        let lines = split(body);
        assert_eq!(furniture_from(body, &lines), None);
    }

    #[test]
    fn signatures_past_what_follows_them() {
        let cases = [
            ("¶3. (C) The talks went well.\nGARZA\n", Some("GARZA")),
            ("¶3. (C) The talks went well.\n\nLeach\n", Some("Leach")),
            ("¶3. (C) The talks went\nwell for Leach\n", None),
            (
                "¶3. (C) It went well.\nFEIERSTEIN\nNNNN\nEnd Cable Text\n",
                Some("FEIERSTEIN"),
            ),
            (
                "¶3. (C) It went well.\nLeBaron\n\nVisit London's Classified Website: \
                 http://www.intelink.sgov.gov/\n",
                Some("LeBaron"),
            ),
            (
                "¶3. (C) It went well.\nPlease visit Paris' Classified Website at:\n\
                 http://www.state.sgov.gov/p/eur/paris/index.cfm\nStapleton\n",
                Some("Stapleton"),
            ),
            (
                "It went well.\nhttp://www.state.sgov.gov/p/nea/kuwait/\n*****\njones\n",
                Some("jones"),
            ),
            (
                "It went well.\nMCDONALD\nCONFIDENTIAL\n>\n",
                Some("MCDONALD"),
            ),
            (
                "It went well.\nMCFARLAND\nNNNN\n2004CARACA02200 - CONFIDENTIAL\n",
                Some("MCFARLAND"),
            ),
            (
                "It went well.\nMCGEE\nSELECT * FROM `cable` WHERE `id` = '188474'\n",
                Some("MCGEE"),
            ),
            ("It went well.\nHuntsman\nhuntsman\n", Some("Huntsman")),
            // Under a table's last row (06HONGKONG817).
            (
                "Hours:\nFS4 - 26\nOC  - 1\nCunningham\n",
                Some("Cunningham"),
            ),
            // Under running text only a name in capitals signs, but for a word alone on
            // the cable's last line under a line that does not run on into it.
            (
                "The team met the minister on the morning of\nCunningham\n",
                None,
            ),
            (
                "The team met the minister on the morning of\nCunningham Smith\n",
                None,
            ),
            (
                "The team met the minister this morning\nCunningham\nand left.\n",
                None,
            ),
            // A lowercase word under running text signs nothing.
            ("the talks went\nwell\n", None),
            ("It went well.\nEnd Comment.\nNNNN\n", None),
            (
                "It went well. End talking points. RICE\nNNNN\n",
                Some("RICE"),
            ),
            ("It went well.\nMURRAY .\n", Some("MURRAY")),
            ("It went well.\nSOBEL 2008-01-08\n", Some("SOBEL")),
            ("from.\"\nCLINTON UNQUOTE CLINTON\n", Some("CLINTON")),
            (
                "It went well.\nMINIMIZE CONSIDERED SHANNON\n",
                Some("SHANNON"),
            ),
            (
                "-- Urge partners to act.\nEND TEXT HEFFERN\n",
                Some("HEFFERN"),
            ),
            ("End of text.\n\nxxxxx\nJohnson\n", Some("Johnson")),
            (
                "careful not to get too far out in front. End comment.\nBROWNFIELD\n\nEPET @ EL P\n",
                Some("BROWNFIELD"),
            ),
            (
                "June 24, 1984.\nTRIVELLI\n\nDANIEL ORTEGA AN...\n",
                Some("TRIVELLI"),
            ),
            (
                "It went well.\nVisit London’s Classified Website: \
                 http://www.state.sgov.gov/p/eur/london/index. cfm Tuttle\n",
                Some("Tuttle"),
            ),
            (
                "It went well.\nVisit London’s Classified Website: \
                 http://www.state.sgov.gov/p/eur/london/index. cfm\n",
                None,
            ),
            (
                "next year.\nJeffrey\n\n   \"Visit Ankara's Classified Web Site at \
                 http://www.intelink.s\ngov.gov/wiki/Portal:Turkey\"\n",
                Some("Jeffrey"),
            ),
            ("in the German nonpaper.\nTimken jr\n", Some("Timken jr")),
            ("and even with the U.S.\nBeyrle\n", Some("Beyrle")),
            ("and even with the\nU.S. Government\n", None),
            ("in the German\njr\n", None),
            // A cable's own text cut short is no headline (7575LIBREVILLE1895).
            (
                "1. PRESIDENT BONGO ASSURED ME THAT\nGOG PERMREP HAS NOW RECEIVED F...\n",
                None,
            ),
            // A redacted line above does not make the last word of a sentence a name.
            ("the minister met\nxxxxx and\nCunningham\n", None),
            // A period after a space ends no signature in running text.
            ("the talks went\nwell .\n", None),
            // A word alone on the last line (07MADRID545, 10ASHGABAT245), not where the
            // line above runs on into it or in small letters under running text.
            ("aired in the Spanish media\nAguirre\n", Some("Aguirre")),
            ("and humanity.\" END COMMENT\ncurran\n", Some("curran")),
            ("the talks went\nwell\n", None),
            ("talks with the\nMinister\n", None),
            ("It went well.\nAguirre\nNNNN\n", Some("Aguirre")),
            ("END TALKING POINTS. RICE\nNNNN\n", Some("RICE")),
            ("WE WILL MEET HIM AGAIN. SOON\n", None),
            // Glued to the last paragraph: a name with a capital after a sentence's end
            // (04RANGOON88, 10MOSCOW266), a block's end (10KABUL503, 10BEIJING263,
            // 09ROME1187), `U.S.` (05BRASILIA2767), a number (10KABUL131), a redaction
            // (10SEOUL248), a glued full stop (10HAVANA84), with a date (09BRASILIA1540),
            // two words (09PRETORIA954).
            ("in Burma. Martinez\n", Some("Martinez")),
            ("is just for show.” Beyrle\n", Some("Beyrle")),
            (
                "and women’s rights. End Comment. Eikenberry\n",
                Some("Eikenberry"),
            ),
            (
                "quantum teleportation. END COMMENT) HUNTSMAN\n",
                Some("HUNTSMAN"),
            ),
            ("with the government. END COMMENT THORNE\n", Some("THORNE")),
            ("resettled in the U.S. DANILOVICH\n", Some("DANILOVICH")),
            ("Abstain/blank/spoiled: 14 EIKENBERRY\n", Some("EIKENBERRY")),
            (
                "the North Korean people. XXXXXXXXXXX STEPHENS\n",
                Some("STEPHENS"),
            ),
            ("radical restructuring. .FARRAR\n", Some("FARRAR")),
            (
                "an autonomous offense. KUBISKE 2009-12-31\n",
                Some("KUBISKE"),
            ),
            ("for South Africa in 2009. LA LIME\n", Some("LA LIME")),
            // The web-site note glued to the paragraph, the name after its address.
            (
                "It went well. Visit London’s Classified Website: \
                 http://www.intelink.sgov.gov/wiki/Portal:Unit ed_Kingdom TUTTLE\n",
                Some("TUTTLE"),
            ),
            // Not a word that starts a sentence, nor a name in running text, nor a name
            // with a capital after a number.
            ("the minister said. The\n", None),
            ("the minister said that Martinez\n", None),
            ("they met 14 times in Bogota\n", None),
            ("the vote was 14 Eikenberry\n", None),
        ];
        for (body, want) in cases {
            assert_eq!(signature(body).as_deref(), want, "{body:?}");
        }
    }
}
