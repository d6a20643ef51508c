//! What a cable's acronyms and TAGS mean, and where that was read.
//!
//! The parser finds the acronyms a cable defines itself ([`crate::cable::Definition`]);
//! this module adds what the cable does not say: definitions from other cables of the
//! same post ([`corpus`]), the shipped vocabularies ([`vocabulary`]: TAGS and standard
//! abbreviations) and, for everything else, an honest "unknown". It is the one place
//! that decides which meaning wins, so the `glossary` command, `dump` and the reader's
//! `K` and glossary view all say the same. It knows nothing of terminals.

pub mod corpus;
pub mod folder;
pub mod gather;
pub mod report;
mod uses;
pub mod vocabulary;

use serde::Serialize;

use crate::cable::Cable;
pub use corpus::{CorpusGlossary, Defined, Known, Reach, Scope};
pub use uses::{Use, acronym_at, uses};
pub use vocabulary::{Meaning, Vocabulary, shipped};

/// Where a meaning was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Defined in the cable itself (`Government of Mexico (GOM)`).
    Inline,
    /// Defined in another cable of the same post.
    Corpus,
    /// A TAGS code, from the shipped TAGS lists.
    Tags,
    /// A standard cable abbreviation, from the shipped list.
    Abbreviations,
}

impl Source {
    /// The word the `glossary` command prints.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Inline => "inline",
            Self::Corpus => "corpus",
            Self::Tags => "tags",
            Self::Abbreviations => "abbreviations",
        }
    }
}

/// One acronym or TAGS code of a cable and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The acronym or code (`GOM`, `PHUM`).
    pub acronym: String,
    /// What it stands for, or `None` when no source explains it (shown as unknown).
    pub expansion: Option<String>,
    /// Where the meaning was read; `None` when unknown.
    pub source: Option<Source>,
    /// Index into [`Cable::paragraphs`] of the first definition, for inline ones.
    #[serde(skip)]
    pub paragraph: Option<usize>,
    /// The defining cable, for corpus ones (`07BOGOTA1234`).
    pub cable: Option<String>,
    /// The number of the defining paragraph in that cable, for corpus ones when numbered.
    #[serde(skip)]
    pub corpus_paragraph: Option<u32>,
    /// How well the letters match the words (inline and corpus definitions), 0 to 1.
    pub confidence: Option<f32>,
    /// How many times the cable's paragraphs use it.
    pub uses: usize,
    /// Other meanings the cable (or its post) gives the same letters, each with where.
    pub conflicts: Vec<String>,
    /// Whether the entry is one of the header's TAGS.
    pub is_tag: bool,
}

/// The glossary of one cable, in the order a reader meets the entries: the header's
/// TAGS first, then acronyms by first use.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Glossary {
    /// One entry per acronym or code.
    pub entries: Vec<Entry>,
}

impl Glossary {
    /// The glossary of `cable` from its own definitions, `corpus` (definitions from other
    /// cables, already scoped to this cable's post) and the shipped vocabularies.
    #[must_use]
    pub fn build(cable: &Cable, corpus: Option<&CorpusGlossary>, vocab: &Vocabulary) -> Self {
        // The post the corpus was gathered for names a cable whose text names none.
        let scope = corpus
            .and_then(CorpusGlossary::scope)
            .cloned()
            .unwrap_or_else(|| Scope::of(cable));
        Self::build_as(cable, corpus, &scope, vocab)
    }

    /// [`Glossary::build`] for a cable of `scope`'s post, which its text may not name.
    #[must_use]
    pub fn build_as(
        cable: &Cable,
        corpus: Option<&CorpusGlossary>,
        scope: &Scope,
        vocab: &Vocabulary,
    ) -> Self {
        // A word counts as a use when something explains it, other cables of the post
        // included (`FATA` has too many vowels to pass for an acronym unexplained).
        let found = uses::uses_with(cable, &|key| {
            uses::explains(cable, vocab, key) || corpus.is_some_and(|c| c.knows(scope, key))
        });
        let mut entries: Vec<Entry> = Vec::new();
        for tag in &cable.header.tags {
            if entries.iter().any(|e| e.acronym == *tag) {
                continue;
            }
            let meaning = vocab.tag(tag);
            entries.push(Entry {
                acronym: tag.clone(),
                expansion: meaning.map(|m| m.text.clone()),
                source: meaning.map(|_| Source::Tags),
                paragraph: None,
                cable: None,
                corpus_paragraph: None,
                confidence: None,
                uses: found.iter().filter(|u| u.acronym == *tag).count(),
                conflicts: Vec::new(),
                is_tag: true,
            });
        }
        let mut order: Vec<&str> = Vec::new();
        for d in &cable.definitions {
            if !order.contains(&d.acronym.as_str()) {
                order.push(&d.acronym);
            }
        }
        for u in &found {
            if !order.contains(&u.acronym.as_str()) {
                order.push(&u.acronym);
            }
        }
        order.sort_by_key(|a| first_place(cable, &found, a));
        for acronym in order {
            if entries.iter().any(|e| e.acronym == acronym) {
                continue;
            }
            let count = found.iter().filter(|u| u.acronym == acronym).count();
            let mut defs = cable.definitions.iter().filter(|d| d.acronym == acronym);
            let mut entry = Entry {
                acronym: acronym.to_owned(),
                expansion: None,
                source: None,
                paragraph: None,
                cable: None,
                corpus_paragraph: None,
                confidence: None,
                uses: count,
                conflicts: Vec::new(),
                is_tag: false,
            };
            if let Some(first) = defs.next() {
                entry.expansion = Some(first.expansion.clone());
                entry.source = Some(Source::Inline);
                entry.paragraph = Some(first.paragraph);
                entry.confidence = Some(first.confidence);
                for other in defs {
                    if !same_meaning(&other.expansion, &first.expansion)
                        && !entry.conflicts.contains(&other.expansion)
                    {
                        entry.conflicts.push(other.expansion.clone());
                    }
                }
                // Other meanings the post's other cables give the same letters.
                if let Some(c) = corpus {
                    for k in c.others(scope, acronym, &first.expansion) {
                        if cable.id.as_deref() != Some(k.cable.as_str())
                            && !entry
                                .conflicts
                                .iter()
                                .any(|x| same_meaning(x, &k.expansion))
                        {
                            entry
                                .conflicts
                                .push(format!("{} ({})", k.expansion, k.cable));
                        }
                    }
                }
            } else if let Some(known) = corpus.and_then(|c| c.best(scope, acronym)) {
                entry.expansion = Some(known.expansion.clone());
                entry.source = Some(Source::Corpus);
                entry.cable = Some(known.cable.clone());
                entry.corpus_paragraph = known.paragraph;
                entry.confidence = Some(known.confidence);
                if let Some(c) = corpus {
                    entry.conflicts = c
                        .others(scope, acronym, &known.expansion)
                        .into_iter()
                        .map(|k| format!("{} ({})", k.expansion, k.cable))
                        .collect();
                }
            } else if let Some(m) = vocab.abbreviations.get(acronym) {
                entry.expansion = Some(m.text.clone());
                entry.source = Some(Source::Abbreviations);
            }
            // A TAGS code means its subject only in the TAGS line: in running text `ECON`
            // is the embassy's economic section, not "Economic Conditions".
            entries.push(entry);
        }
        Self { entries }
    }

    /// The entry for `acronym` (a plural `s` already dropped).
    #[must_use]
    pub fn get(&self, acronym: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.acronym == acronym)
    }
}

/// Where `acronym` is first met: its first definition or use, as (paragraph, offset).
fn first_place(cable: &Cable, found: &[Use], acronym: &str) -> (usize, usize) {
    let def = cable
        .definitions
        .iter()
        .find(|d| d.acronym == acronym)
        .map(|d| (d.paragraph, d.range.start));
    let used = found
        .iter()
        .find(|u| u.acronym == acronym)
        .map(|u| (u.paragraph, u.range.start));
    match (def, used) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or((usize::MAX, 0)),
    }
}

/// Whether two expansions say the same thing (case, spacing and hyphens aside).
#[must_use]
pub fn same_meaning(a: &str, b: &str) -> bool {
    meaning_key(a) == meaning_key(b)
}

/// What [`same_meaning`] compares: the letters and digits of an expansion, lower case.
#[must_use]
pub fn meaning_key(expansion: &str) -> String {
    expansion
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_glossary_explains_tags_and_acronyms() {
        let cable = crate::source::Source::embedded().parse().cable;
        let g = Glossary::build(&cable, None, shipped());
        let tags: Vec<(&str, Option<&str>)> = g
            .entries
            .iter()
            .filter(|e| e.is_tag)
            .map(|e| (e.acronym.as_str(), e.expansion.as_deref()))
            .collect();
        assert_eq!(
            tags,
            [
                ("KCRM", None),
                ("PHUM", Some("Human Rights")),
                ("KWMN", None),
                ("ELAB", Some("Labor Sector Affairs")),
                ("SMIG", Some("Migration")),
                ("ASEC", Some("Security")),
                ("KFRD", None),
                ("PREF", None),
            ]
        );
        let gom = g.get("GOM").expect("GOM");
        assert_eq!(gom.expansion.as_deref(), Some("Government of Mexico"));
        assert_eq!(gom.source, Some(Source::Inline));
        assert_eq!(gom.paragraph, Some(0));
        let tcn = g.get("TCN").expect("TCN");
        assert_eq!(tcn.expansion.as_deref(), Some("Third Country Nationals"));
        let pgr = g.get("PGR").expect("PGR is used");
        assert_eq!((pgr.expansion.as_deref(), pgr.source), (None, None));
        assert!(pgr.uses > 10, "{}", pgr.uses);
    }

    #[test]
    fn same_meaning_ignores_case_and_hyphens() {
        assert!(same_meaning(
            "Non-Governmental Organizations",
            "nongovernmental organizations"
        ));
        assert!(!same_meaning(
            "Government of Colombia",
            "Government of China"
        ));
    }
}
