//! The classification line (`C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220`) in
//! every spelling met in the wild: letter-spaced, doubled or dropped first letter
//! (`SS E C R E T`, `CC O N F I D E N T I A L`, `UUNCLAS`, `E C R E T`), mixed case
//! (`S e c r e t berlin 000643`), with a `CLASSIFICATION:` key, or glued to the end of the
//! last routing line (`RUEHDT/AMEMBASSY DILI 3432UNCLAS DILI 000134`).

use std::sync::LazyLock;

use regex::Regex;

use crate::parse::vocab::{CLASSIFICATIONS, HANDLING};

/// A classification word read at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassWord {
    /// The normal form (`SECRET`, `UNCLAS`…).
    pub class: &'static str,
    /// Bytes of the text the word (and any `CLASSIFICATION:` key) took.
    pub len: usize,
    /// Whether it was written with a distortion (a doubled or missing first letter).
    pub distorted: bool,
}

/// What follows the word on a full classification line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassLine {
    /// The classification word.
    pub word: ClassWord,
    /// Handling caveats written between the word and the origin (`SECRET//NOFORN`).
    pub caveats: Vec<&'static str>,
    /// `N` of `SECTION 01 OF N`.
    pub sections: Option<u32>,
    /// A year written before the origin (`75 LIBREVILLE 1895`).
    pub year: Option<u32>,
    /// The origin as written, upper case, whitespace collapsed (`PORT AU PRINCE`).
    pub origin: String,
    /// The serial (`000220` → 220).
    pub serial: u32,
    /// Where the rest of the line (glued fields) starts, from the start of the text given.
    pub rest: usize,
}

/// The letters of `word` (spaces removed).
fn letters(word: &str) -> impl Iterator<Item = u8> + Clone + '_ {
    word.bytes().filter(|b| *b != b' ')
}

/// Match `word` at the start of `t`, any case, with any single spaces between letters.
/// Returns the end of the match.
fn match_spaced(t: &[u8], word: &str) -> Option<usize> {
    let mut i = 0;
    for (k, want) in letters(word).enumerate() {
        if k > 0 {
            while t.get(i) == Some(&b' ') {
                i += 1;
            }
        }
        if t.get(i).map(u8::to_ascii_uppercase) != Some(want) {
            return None;
        }
        i += 1;
    }
    // The word must end there: not `SECRETARY`, not `Secrets`.
    t.get(i)
        .is_none_or(|b| !b.is_ascii_alphabetic())
        .then_some(i)
}

/// Whether the letters of `t` up to `end` are written one by one (`S E C R E T`).
fn is_letter_spaced(t: &[u8], end: usize) -> bool {
    t.get(..end)
        .is_some_and(|s| s.windows(2).filter(|w| w[1] == b' ').count() >= 3)
}

/// Read a classification word at the start of `text`.
#[must_use]
pub fn class_word(text: &str) -> Option<ClassWord> {
    let (key, t) = strip_key(text);
    let b = t.as_bytes();
    for &(spelling, class) in CLASSIFICATIONS {
        if let Some(end) = match_spaced(b, spelling) {
            return Some(ClassWord {
                class,
                len: key + end,
                distorted: false,
            });
        }
        let first = spelling.as_bytes().first().copied().unwrap_or(0);
        // Doubled first letter: `SS E C R E T`, `UUNCLAS`, `CC O N F I D E N T I A L`.
        if b.first().map(u8::to_ascii_uppercase) == Some(first)
            && let Some(end) = b.get(1..).and_then(|r| match_spaced(r, spelling))
        {
            return Some(ClassWord {
                class,
                len: key + 1 + end,
                distorted: true,
            });
        }
        // Dropped first letter, only when letter-spaced (`E C R E T SECTION`).
        if let Some(rest) = spelling.get(1..)
            && !rest.starts_with(' ')
            && rest.len() >= 5
            && let Some(end) = match_spaced(b, rest)
            && is_letter_spaced(b, end)
        {
            return Some(ClassWord {
                class,
                len: key + end,
                distorted: true,
            });
        }
    }
    None
}

/// Skip a `CLASSIFICATION:` key; returns its length and the rest.
fn strip_key(text: &str) -> (usize, &str) {
    const KEY: &str = "CLASSIFICATION:";
    match text.get(..KEY.len()) {
        Some(k) if k.eq_ignore_ascii_case(KEY) => {
            let rest = text.get(KEY.len()..).unwrap_or("");
            let trimmed = rest.trim_start();
            (KEY.len() + rest.len() - trimmed.len(), trimmed)
        }
        _ => (0, text),
    }
}

#[allow(clippy::expect_used)]
static REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s/]*(?:SECTION\s+(\d+)\s+OF\s+(\d+)\s+)?(?:(\d{2})\s+)?([A-Z][A-Z .'-]*?)\s+(\d{1,6})\b",
    )
    .expect("valid built-in regex")
});

/// Handling caveats at the start of `rest`, between the classification word and the
/// rest of the line (`//NOFORN`, `//NOFORN//EXDIS`, ` E F T O`), as [`HANDLING`] spells
/// them, letter-spaced or not: the caveats and where the text after them starts.
fn leading_caveats(rest: &str) -> (Vec<&'static str>, usize) {
    let b = rest.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        let from = at
            + b.get(at..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&c| c == b'/' || c.is_ascii_whitespace())
                .count();
        let t = b.get(from..).unwrap_or_default();
        let Some((word, end)) = HANDLING
            .iter()
            .find_map(|w| match_spaced(t, w).map(|end| (*w, end)))
        else {
            return (out, at);
        };
        out.push(word);
        at = from + end;
    }
}

/// Read a full classification line: a classification word, then an optional section,
/// the origin and the serial.
#[must_use]
pub fn class_line(text: &str) -> Option<ClassLine> {
    let word = class_word(text)?;
    let (caveats, skip) = leading_caveats(text.get(word.len..)?);
    let rest = text.get(word.len + skip..)?;
    let c = REST.captures(rest)?;
    let num = |i| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let origin = crate::parse::scan::collapse(c.get(4)?.as_str()).to_ascii_uppercase();
    // `SECTION` read as the origin (`SECTION 01 of 03` when the section failed to read)
    // or a word that is no station.
    if origin.starts_with("SECTION") || origin.len() < 2 {
        return None;
    }
    // A word in mixed case (`S e c r e t berlin 000643`) is only a classification line
    // with a zero-padded serial, as no sentence has.
    let upper = text
        .get(..word.len)
        .is_some_and(|w| !w.bytes().any(|b| b.is_ascii_lowercase()));
    if !upper && c.get(5).is_none_or(|m| m.as_str().len() < 4) {
        return None;
    }
    Some(ClassLine {
        caveats,
        sections: num(2),
        year: num(3),
        origin,
        serial: num(5)?,
        rest: word.len + skip + c.get(0)?.end(),
        word,
    })
}

/// The classification said again under the classification line, with its caveats and
/// nothing else (`SECRET//NOFORN`, 09STATE119085; `SECRET NOFORN`, 06CARACAS219), or the
/// whole line printed again (06LAPAZ3400): the caveats it adds. Not an office line.
#[must_use]
pub fn banner(text: &str) -> Option<Vec<&'static str>> {
    let word = class_word(text)?;
    if let Some(c) = class_line(text) {
        return Some(c.caveats);
    }
    let rest = text.get(word.len..)?;
    let (caveats, skip) = leading_caveats(rest);
    rest.get(skip..)?.trim().is_empty().then_some(caveats)
}

/// A classification line glued to the end of another line (the last routing line in the
/// alx mirror: `RUEHDT/AMEMBASSY DILI 3432UNCLAS DILI 000134`): where it starts.
#[must_use]
pub fn glued_class_line(text: &str) -> Option<(usize, ClassLine)> {
    let b = text.as_bytes();
    (1..b.len()).find_map(|i| {
        let prev = *b.get(i - 1)?;
        let here = *b.get(i)?;
        if !(prev.is_ascii_digit() && here.is_ascii_uppercase()) {
            return None;
        }
        let line = class_line(text.get(i..)?)?;
        Some((i, line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_banner_is_the_classification_and_its_caveats_alone() {
        for (line, want) in [
            ("SECRET//NOFORN", Some(vec!["NOFORN"])),
            ("SECRET/NOFORN", Some(vec!["NOFORN"])),
            ("SECRET NOFORN ", Some(vec!["NOFORN"])),
            ("CONFIDENTIAL", Some(vec![])),
            ("S E C R E T SECTION 01 OF 05 LA PAZ 003400", Some(vec![])),
            ("SECRET//REL SAU", None),
            ("CONFIDENTIAL FOR THE AMBASSADOR", None),
            ("SECRETARY RICE'S VISIT", None),
            ("STATE FOR WHA/PPC", None),
        ] {
            assert_eq!(banner(line), want, "{line}");
        }
    }

    #[test]
    fn every_spelling_of_the_classification_line() {
        for (line, class, origin, serial, sections) in [
            (
                "UNCLAS  SECTION  01  OF  18  MEXICO  001113",
                "UNCLAS",
                "MEXICO",
                1113,
                Some(18),
            ),
            (
                "C O N F I D E N T I A L SECTION 01 OF 03 TRIPOLI 000220",
                "CONFIDENTIAL",
                "TRIPOLI",
                220,
                Some(3),
            ),
            ("SS E C R E T MOSCOW 000226", "SECRET", "MOSCOW", 226, None),
            (
                "CC O N F I D E N T I A L SECTION 01 OF 04 BEIJING 001378",
                "CONFIDENTIAL",
                "BEIJING",
                1378,
                Some(4),
            ),
            (
                "E C R E T SECTION 01 OF 03 BAGHDAD 000146",
                "SECRET",
                "BAGHDAD",
                146,
                Some(3),
            ),
            ("S e c r e t berlin 000643", "SECRET", "BERLIN", 643, None),
            ("S e c r e t state 068250", "SECRET", "STATE", 68250, None),
            ("UUNCLAS MANAGUA 001002", "UNCLAS", "MANAGUA", 1002, None),
            (
                "UNCLAS SECTION 01 of 03 KUWAIT 000128",
                "UNCLAS",
                "KUWAIT",
                128,
                Some(3),
            ),
            (
                "S E C R E T SECTION 01 OF 07 PORT AU PRINCE 000408",
                "SECRET",
                "PORT AU PRINCE",
                408,
                Some(7),
            ),
            (
                "UNCLASSIFIED BUENOS AIRES 2481",
                "UNCLASSIFIED",
                "BUENOS AIRES",
                2481,
                None,
            ),
        ] {
            let c = class_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(c.word.class, class, "{line}");
            assert_eq!(c.origin, origin, "{line}");
            assert_eq!(c.serial, serial, "{line}");
            assert_eq!(c.sections, sections, "{line}");
        }
        let c = class_line("C O N F I D E N T I A L 75 LIBREVILLE 1895").expect("1975");
        assert_eq!((c.year, c.serial), (Some(75), 1895));
    }

    #[test]
    fn caveats_between_the_word_and_the_origin() {
        for (line, caveats, origin, sections) in [
            ("SECRET//NOFORN STATE 012345", vec!["NOFORN"], "STATE", None),
            (
                "S E C R E T//NOFORN//EXDIS SECTION 01 OF 02 ABIDJAN 000396",
                vec!["NOFORN", "EXDIS"],
                "ABIDJAN",
                Some(2),
            ),
            ("UNCLAS E F T O STATE 123456", vec!["EFTO"], "STATE", None),
            (
                "UNCLAS EFTO SECTION 01 OF 03 ROME 01234",
                vec!["EFTO"],
                "ROME",
                Some(3),
            ),
            (
                "UNCLAS SENSITIVE ABIDJAN 000396",
                vec!["SENSITIVE"],
                "ABIDJAN",
                None,
            ),
            (
                "C O N F I D E N T I A L PARIS 001234",
                vec![],
                "PARIS",
                None,
            ),
        ] {
            let c = class_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(c.caveats, caveats, "{line}");
            assert_eq!(c.origin, origin, "{line}");
            assert_eq!(c.sections, sections, "{line}");
        }
        // A station whose name begins like a caveat keeps it.
        let c = class_line("UNCLAS NODISTOWN 000012").expect("a line");
        assert_eq!((c.caveats.len(), c.origin.as_str()), (0, "NODISTOWN"));
    }

    #[test]
    fn words_that_are_not_a_classification() {
        for t in [
            "SECRETARY RICE MET",
            "Secrets of the trade 12",
            "CONFIDENTIALITY 5",
            "SECTION 01 OF 02",
            "Secret Service 12",
            "UNCLASSIFIED",
        ] {
            assert!(class_line(t).is_none(), "{t}");
        }
        assert_eq!(
            class_word("CLASSIFICATION: SECRET").map(|w| w.class),
            Some("SECRET")
        );
        assert_eq!(
            class_word("CONFIDENTIAL").map(|w| w.class),
            Some("CONFIDENTIAL")
        );
        assert_eq!(class_word("Secretary"), None);
    }

    #[test]
    fn glued_to_the_last_routing_line() {
        let (at, c) =
            glued_class_line("RUEHDT/AMEMBASSY DILI 3432UNCLAS DILI 000134").expect("glued");
        assert_eq!(at, 26);
        assert_eq!((c.origin.as_str(), c.serial), ("DILI", 134));
        let (_, c) = glued_class_line(
            "RUEHBL/AMCONSUL BELFAST 0754C O N F I D E N T I A L SECTION 01 OF 02 DUBLIN 000282",
        )
        .expect("glued");
        assert_eq!(
            (c.word.class, c.serial, c.sections),
            ("CONFIDENTIAL", 282, Some(2))
        );
        assert!(glued_class_line("RUEHC/SECSTATE WASHDC 9309").is_none());
    }
}
