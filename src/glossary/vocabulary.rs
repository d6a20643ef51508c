//! The shipped vocabularies: TAGS (subject and program codes, two-letter country codes)
//! and standard cable abbreviations, each a data file under `assets/` that names its
//! public sources. They are compiled in (`include_str!`) and read once by a small loader,
//! so a meaning can only come from a file that says where it was read.

use std::collections::HashMap;
use std::sync::OnceLock;

/// `assets/tags-subjects.txt`: subject and program TAGS with their source keys.
pub const TAGS_SUBJECTS: &str = include_str!("../../assets/tags-subjects.txt");
/// `assets/tags-countries.txt`: two-letter geographic TAGS (FIPS 10-4).
pub const TAGS_COUNTRIES: &str = include_str!("../../assets/tags-countries.txt");
/// `assets/abbreviations.txt`: standard cable abbreviations with their source keys.
pub const ABBREVIATIONS: &str = include_str!("../../assets/abbreviations.txt");

/// One meaning read from a vocabulary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meaning {
    /// What the code stands for.
    pub text: String,
    /// The key of the source named in the file's header (`fah`), when the file names one
    /// per line.
    pub source: Option<String>,
}

/// A vocabulary file read into a table: code → meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table(HashMap<String, Meaning>);

impl Table {
    /// The meaning of `code`, if the file lists it.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&Meaning> {
        self.0.get(code)
    }

    /// How many codes the file lists.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the file lists no code.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Read a vocabulary file: `CODE<TAB>MEANING[<TAB>SOURCE]` lines, `#` comments and blank
/// lines skipped. When the header declares sources (`#   [key] …`), every line must name
/// one of them.
///
/// # Errors
/// The 1-based line number and what is wrong: a line without a tab, an empty code or
/// meaning, a code listed twice, or a source key the header does not declare.
pub fn parse_table(text: &str) -> Result<Table, String> {
    let declared: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .filter_map(|l| l.trim_start().strip_prefix('['))
        .filter_map(|l| l.split_once(']').map(|(key, _)| key))
        .collect();
    let mut table = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let code = fields.next().unwrap_or("").trim();
        let meaning = fields.next().map(str::trim).unwrap_or("");
        let source = fields.next().map(str::trim);
        if code.is_empty() || meaning.is_empty() {
            return Err(format!("line {}: expected CODE<TAB>MEANING", n + 1));
        }
        if !declared.is_empty() && !source.is_some_and(|s| declared.contains(&s)) {
            return Err(format!("line {}: {code} names no declared source", n + 1));
        }
        let meaning = Meaning {
            text: meaning.to_owned(),
            source: source.map(str::to_owned),
        };
        if table.insert(code.to_owned(), meaning).is_some() {
            return Err(format!("line {}: {code} is listed twice", n + 1));
        }
    }
    Ok(Table(table))
}

/// The three shipped vocabularies.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Subject and program TAGS (`PHUM` → Human Rights).
    pub subjects: Table,
    /// Two-letter geographic TAGS (`MX` → Mexico).
    pub countries: Table,
    /// Standard cable abbreviations (`SIPDIS` → SIPRNet distribution).
    pub abbreviations: Table,
}

impl Vocabulary {
    /// The meaning of a TAGS code, subject or country.
    #[must_use]
    pub fn tag(&self, code: &str) -> Option<&Meaning> {
        self.subjects.get(code).or_else(|| self.countries.get(code))
    }
}

/// The shipped vocabularies, read once. A file that does not parse (which the tests
/// rule out) gives an empty table rather than a panic.
pub fn shipped() -> &'static Vocabulary {
    static SHIPPED: OnceLock<Vocabulary> = OnceLock::new();
    SHIPPED.get_or_init(|| Vocabulary {
        subjects: parse_table(TAGS_SUBJECTS).unwrap_or_default(),
        countries: parse_table(TAGS_COUNTRIES).unwrap_or_default(),
        abbreviations: parse_table(ABBREVIATIONS).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_files_parse() {
        for (name, text) in [
            ("tags-subjects", TAGS_SUBJECTS),
            ("tags-countries", TAGS_COUNTRIES),
            ("abbreviations", ABBREVIATIONS),
        ] {
            let table = parse_table(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!table.is_empty(), "{name}");
            assert!(text.starts_with('#'), "{name} names its source in a header");
        }
        let v = shipped();
        assert_eq!(v.subjects.len(), 71);
        assert_eq!(v.countries.len(), 249);
        assert_eq!(v.abbreviations.len(), 22);
    }

    #[test]
    fn meanings_and_sources() {
        let v = shipped();
        let phum = v.tag("PHUM").expect("PHUM");
        assert_eq!(phum.text, "Human Rights");
        assert_eq!(phum.source.as_deref(), Some("fah111"));
        assert_eq!(v.tag("MX").map(|m| m.text.as_str()), Some("Mexico"));
        assert_eq!(v.tag("CH").map(|m| m.text.as_str()), Some("China"));
        assert_eq!(v.tag("KCRM"), None, "not in a source read: unknown");
        let sipdis = v.abbreviations.get("SIPDIS").expect("SIPDIS");
        assert_eq!(sipdis.text, "SIPRNet distribution");
        assert_eq!(v.abbreviations.get("DTG"), None);
    }

    #[test]
    fn bad_files_are_refused_with_the_line() {
        assert_eq!(
            parse_table("# x\nPHUM Human Rights\n"),
            Err("line 2: expected CODE<TAB>MEANING".to_owned())
        );
        assert_eq!(
            parse_table("#   [a] a source\nX\tone\ta\nX\ttwo\ta\n"),
            Err("line 3: X is listed twice".to_owned())
        );
        assert_eq!(
            parse_table("#   [a] a source\nX\tone\tb\n"),
            Err("line 2: X names no declared source".to_owned())
        );
        let t = parse_table("# c\r\nMX\tMexico\r\n\r\n").expect("CRLF");
        assert_eq!(t.get("MX").map(|m| m.text.as_str()), Some("Mexico"));
    }
}
