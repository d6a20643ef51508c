//! Tasker keys (`23.E`: the tasker's paragraph 23, question E) and the one table of the
//! ways replies write them at the start of a line.
//!
//! A reply may write the key whole (`23.E.`, `23E.`, `23 E.`) or give the paragraph once
//! (`¶23.`, the reply's own paragraph number) and then only the letter (`-- E.`). Every
//! form is a row of [`FORMS`]; [`key_at_line_start`] is the only reader of them, so a new
//! spelling is one new row.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Serialize, Serializer};

/// A question of a tasker: its paragraph and letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The tasker's paragraph (`23`).
    pub paragraph: u32,
    /// The question's letter in it (`E`).
    pub letter: char,
}

impl Key {
    /// Read a key as a user types it: `23.E`, `23E`, `23 e`, `23.E.`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().trim_end_matches('.');
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let paragraph = s.get(..digits)?.parse().ok()?;
        let rest = s.get(digits..)?.trim_start_matches(['.', ' ']);
        let mut chars = rest.chars();
        let letter = chars.next()?.to_ascii_uppercase();
        (letter.is_ascii_uppercase() && chars.next().is_none())
            .then_some(Self { paragraph, letter })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.paragraph, self.letter)
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One way of writing a key at the start of a line.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    /// An example, for documentation and tests.
    pub example: &'static str,
    /// The pattern after optional leading spaces: `para` (absent for letter-only forms)
    /// and `letter` groups.
    pub pattern: &'static str,
}

/// Every spelling of a key met in replies. Each must be followed by a space, a tab, `(`
/// or the end of the line (so `5 U.S.C.` is no key).
pub const FORMS: &[Form] = &[
    Form {
        example: "23.E.",
        pattern: r"¶?(?P<para>\d{1,2})\.(?P<letter>[A-Z])\.",
    },
    Form {
        example: "23E.",
        pattern: r"¶?(?P<para>\d{1,2})(?P<letter>[A-Z])\.",
    },
    Form {
        example: "23 E.",
        pattern: r"¶?(?P<para>\d{1,2}) (?P<letter>[A-Z])\.",
    },
    // The paragraph is the reply's own paragraph number (`¶23.` above it).
    Form {
        example: "-- E.",
        pattern: r"--\s*(?P<letter>[A-Z])\.",
    },
];

/// A key written at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The paragraph, when the line gives it (`23.E.`); `None` for `-- E.`.
    pub paragraph: Option<u32>,
    /// The letter.
    pub letter: char,
    /// Where the text after the key begins in the line.
    pub text_start: usize,
}

impl Written {
    /// The key, taking the paragraph from `paragraph` (the reply's own paragraph number)
    /// when the line gives only the letter.
    #[must_use]
    pub fn key(&self, paragraph: Option<u32>) -> Option<Key> {
        Some(Key {
            paragraph: self.paragraph.or(paragraph)?,
            letter: self.letter,
        })
    }
}

fn compiled() -> &'static [Regex] {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    RES.get_or_init(|| {
        FORMS
            .iter()
            .filter_map(|f| Regex::new(&format!(r"^\s*(?:{})(?:[ \t(]|$)", f.pattern)).ok())
            .collect()
    })
}

/// The key written at the start of `line`, by the first row of [`FORMS`] that matches.
#[must_use]
pub fn key_at_line_start(line: &str) -> Option<Written> {
    compiled().iter().find_map(|re| {
        let c = re.captures(line)?;
        let letter = c.name("letter")?.as_str().chars().next()?;
        let paragraph = match c.name("para") {
            Some(p) => Some(p.as_str().parse().ok()?),
            None => None,
        };
        let end = c.get(0)?.end();
        // The separator was matched; the text starts after it (a `(` belongs to the text).
        let sep_end = if line[..end].ends_with('(') {
            end - 1
        } else {
            end
        };
        // After a portion marking (`(SBU)`), if there is one.
        let after = crate::parse::marking_at(line, sep_end).map_or(sep_end, |(_, k)| k);
        let text_start = after + line[after..].len() - line[after..].trim_start().len();
        Some(Written {
            paragraph,
            letter,
            text_start,
        })
    })
}

/// A line saying the tasker has no such question (`(There is no Question E.)`): it ends
/// the answer before it and is no answer itself.
#[must_use]
pub fn is_no_question(line: &str) -> bool {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)^\s*\(?there is no question [A-Z]\.?\)?\s*$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(line))
}

/// Where a `(There is no Question I.)` ending `text` starts (spaces before it
/// included), when it ends with one.
#[must_use]
pub fn no_question_suffix(text: &str) -> Option<usize> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)\s*\(there is no question [A-Z]\.?\)\s*$").ok())
        .as_ref()
        .and_then(|re| re.find(text))
        .map(|m| m.start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_as_one_key() {
        let e = Key {
            paragraph: 23,
            letter: 'E',
        };
        for form in FORMS {
            let line = format!("{} Has the Government prosecuted", form.example);
            let w = key_at_line_start(&line).expect(form.example);
            assert_eq!(w.key(Some(23)), Some(e), "{}", form.example);
            assert_eq!(&line[w.text_start..], "Has the Government prosecuted");
        }
        for typed in ["23.E", "23E", "23 e", "23.E.", " 23.e "] {
            assert_eq!(Key::parse(typed), Some(e), "{typed}");
        }
        assert_eq!(e.to_string(), "23.E");
        let w = key_at_line_start("¶23.E. (SBU) The GOS").expect("marked");
        assert_eq!(w.text_start, "¶23.E. (SBU) ".len());
        let w = key_at_line_start("23.E. (Again, see 23.D.)").expect("no marking");
        assert_eq!(w.text_start, "23.E. ".len());
        assert_eq!(
            key_at_line_start("-- F. What is").and_then(|w| w.key(None)),
            None
        );
    }

    #[test]
    fn not_keys() {
        for no in [
            "5 U.S.C. 552",
            "2005.A. x",
            "23.EF. x",
            "23.e. x",
            "-- ILO Convention 182",
            "23. (SBU) x",
            "A.23. x",
            "23.E.x",
        ] {
            assert_eq!(key_at_line_start(no), None, "{no}");
        }
        for no in ["", "23", "23.", "E", "23.EF", "x23.E"] {
            assert_eq!(Key::parse(no), None, "{no}");
        }
        assert!(is_no_question("(There is no Question E.)"));
        assert!(!is_no_question("There is no question that E. coli"));
        assert_eq!(
            no_question_suffix("to reform. (There is no Question I.)"),
            Some(10)
        );
        assert_eq!(no_question_suffix("to reform."), None);
    }
}
