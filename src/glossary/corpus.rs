//! Definitions gathered from many cables, scoped by the sending post: an acronym a cable
//! uses without defining is explained by another cable of the same post, never by a
//! cable of another post (GOC is the Government of Colombia in Bogota's cables and the
//! Government of China in the Department's 08STATE50524).
//!
//! A government's form (`GOP`, `GOB`) is scoped by country as well: a consulate and its
//! embassy report on the same government, so Peshawar's `GOP` is explained by
//! Islamabad's "Government of Pakistan", never by Asuncion's "Government of Paraguay".
//! The country of a post is its station's, from the one station table
//! ([`crate::parse::vocab::STATIONS`]); the Department and missions to organisations
//! have none, so their government forms explain nobody else's.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cable::{Cable, Definition};
use crate::parse::vocab;

/// One definition read in one cable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Known {
    /// What the acronym stands for.
    pub expansion: String,
    /// The defining cable's id (or file name when it has none).
    pub cable: String,
    /// The defining cable's sending post (`Embassy Islamabad`).
    pub post: String,
    /// The defining paragraph's number, when numbered.
    pub paragraph: Option<u32>,
    /// How well the letters match the words, 0 to 1.
    pub confidence: f32,
    /// The expansion as [`super::same_meaning`] compares it ([`super::meaning_key`]),
    /// made once: a post's definitions of one acronym are compared with each other for
    /// every cable that uses it, and a post may send thousands.
    #[serde(skip)]
    meaning: String,
}

/// What the corpus keeps of one cable: its name and its definitions, each with its
/// paragraph's number. A folder or a library reads thousands of cables for their
/// definitions; this is all of each that it holds.
#[derive(Debug, Clone, Default)]
pub struct Defined {
    /// The cable's id, or its file name when it has none.
    pub cable: String,
    /// Each definition with the number of its paragraph, when numbered.
    pub definitions: Vec<(Definition, Option<u32>)>,
}

impl Defined {
    /// The definitions of `cable`, named `name` when it has no id.
    #[must_use]
    pub fn of(cable: &Cable, name: &str) -> Self {
        Self {
            cable: cable.id.clone().unwrap_or_else(|| name.to_owned()),
            definitions: cable
                .definitions
                .iter()
                .map(|d| {
                    let number = cable.paragraphs.get(d.paragraph).and_then(|p| p.number);
                    (d.clone(), number)
                })
                .collect(),
        }
    }
}

/// Whose definitions explain a cable's acronyms: its sending post and, for government
/// forms, the country the post is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The sending post (`Consulate Peshawar`), or `unknown post`.
    pub post: String,
    /// The post's country, as a FIPS 10-4 TAGS code (`PK`); `None` for the Department,
    /// missions to organisations and unknown posts.
    pub country: Option<&'static str>,
}

impl Scope {
    /// The scope of `cable`: its post (from the `FM` line) and that post's country.
    #[must_use]
    pub fn of(cable: &Cable) -> Self {
        Self::of_post(cable.header.post_name().as_deref())
    }

    /// The scope of a post named as [`crate::cable::post_name`] names it (`Consulate
    /// Peshawar`, a corpus index's origin); `None` for a cable with no `FM` line.
    #[must_use]
    pub fn of_post(post: Option<&str>) -> Self {
        Self {
            post: post.unwrap_or(UNKNOWN_POST).to_owned(),
            country: post
                .map(crate::cable::station_of_post)
                .and_then(|s| vocab::station_country(&s)),
        }
    }

    /// Which of the acronyms of a cable of `other` explain this scope's cables: all of
    /// them when it is the same post, its government forms when it is another post of
    /// the same country, none otherwise. The one rule of whose definitions reach whom:
    /// [`CorpusGlossary::for_scope`] keeps what it allows, and the reader gathers only
    /// the cables it allows ([`super::gather`]).
    #[must_use]
    pub fn reach(&self, other: &Scope) -> Option<Reach> {
        if other.post == self.post {
            Some(Reach::Post)
        } else if self.country.is_some() && other.country == self.country {
            Some(Reach::Country)
        } else {
            None
        }
    }
}

/// How far one post's definitions reach another's cables ([`Scope::reach`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// The same post: every definition.
    Post,
    /// Another post of the same country: government forms only ([`is_government_form`]).
    Country,
}

/// The post of a cable with no `FM` line.
const UNKNOWN_POST: &str = "unknown post";

/// Whether `acronym` is a government's form: `GO` and the country's one to three letters
/// (`GOC`, `GOM`, `GOSL`).
#[must_use]
pub fn is_government_form(acronym: &str) -> bool {
    acronym.strip_prefix("GO").is_some_and(|rest| {
        (1..=3).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_uppercase())
    })
}

/// Whether a definition of a government form names a government (`Government of
/// Pakistan`, even misspelt `Goverment of Burma`), not another `GO…` acronym.
fn names_a_government(acronym: &str, expansion: &str) -> bool {
    is_government_form(acronym)
        && expansion
            .get(..3)
            .is_some_and(|w| w.eq_ignore_ascii_case("gov"))
}

/// Definitions by post, then acronym, in the order the cables were added; and the
/// government forms again by country.
#[derive(Debug, Clone, Default)]
pub struct CorpusGlossary {
    by_post: BTreeMap<String, BTreeMap<String, Vec<Known>>>,
    by_country: BTreeMap<&'static str, BTreeMap<String, Vec<Known>>>,
    /// The scope it was kept for ([`CorpusGlossary::for_scope`]): the post an index lists
    /// its cable under, which the cable's own text may not name.
    scope: Option<Scope>,
}

impl CorpusGlossary {
    /// Add every definition of `cable`, named `name` when it has no id.
    pub fn add(&mut self, cable: &Cable, name: &str) {
        self.add_as(cable, name, &Scope::of(cable));
    }

    /// [`CorpusGlossary::add`] as a cable of `scope`: the post an index lists it under,
    /// which for a cable whose text names no sender is the one its station's other
    /// cables name ([`crate::index::Entry::origin`]).
    pub fn add_as(&mut self, cable: &Cable, name: &str, scope: &Scope) {
        self.add_defined(Defined::of(cable, name), scope);
    }

    /// [`CorpusGlossary::add_as`] from what a cable's definitions were kept as.
    pub fn add_defined(&mut self, defined: Defined, scope: &Scope) {
        let Defined { cable, definitions } = defined;
        for (d, paragraph) in definitions {
            let known = Known {
                meaning: super::meaning_key(&d.expansion),
                expansion: d.expansion,
                cable: cable.clone(),
                post: scope.post.clone(),
                paragraph,
                confidence: d.confidence,
            };
            if let Some(country) = scope.country
                && names_a_government(&d.acronym, &known.expansion)
            {
                self.by_country
                    .entry(country)
                    .or_default()
                    .entry(d.acronym.clone())
                    .or_default()
                    .push(known.clone());
            }
            self.by_post
                .entry(scope.post.clone())
                .or_default()
                .entry(d.acronym)
                .or_default()
                .push(known);
        }
    }

    /// Gather the definitions of every cable of `cables` (name, cable).
    #[must_use]
    pub fn of<'a>(cables: impl IntoIterator<Item = (&'a str, &'a Cable)>) -> Self {
        let mut corpus = Self::default();
        for (name, cable) in cables {
            corpus.add(cable, name);
        }
        corpus
    }

    /// What the reader of `cable` needs: the definitions of its post and, for government
    /// forms, those of the other posts of its country (the rest of the corpus cannot
    /// explain it). Deliver it with [`crate::action::Action::CorpusGlossary`].
    #[must_use]
    pub fn for_cable(&self, cable: &Cable) -> Self {
        self.for_scope(&Scope::of(cable))
    }

    /// [`CorpusGlossary::for_cable`] for the cables of `scope`: what [`Scope::reach`]
    /// lets through, the post's definitions ([`Reach::Post`]) and its country's
    /// government forms ([`Reach::Country`], kept by country when read).
    #[must_use]
    pub fn for_scope(&self, scope: &Scope) -> Self {
        let mut out = Self {
            scope: Some(scope.clone()),
            ..Self::default()
        };
        if let Some(defs) = self.by_post.get(&scope.post) {
            out.by_post.insert(scope.post.clone(), defs.clone());
        }
        if let Some(country) = scope.country
            && let Some(defs) = self.by_country.get(country)
        {
            out.by_country.insert(country, defs.clone());
        }
        out
    }

    /// The scope it was kept for, when [`CorpusGlossary::for_scope`] made it.
    #[must_use]
    pub fn scope(&self) -> Option<&Scope> {
        self.scope.as_ref()
    }

    /// The posts that defined anything, in name order.
    pub fn posts(&self) -> impl Iterator<Item = &str> {
        self.by_post.keys().map(String::as_str)
    }

    /// Every definition of `acronym` by `post`, in the order read.
    pub fn definitions(&self, post: &str, acronym: &str) -> &[Known] {
        self.by_post
            .get(post)
            .and_then(|a| a.get(acronym))
            .map_or(&[], Vec::as_slice)
    }

    /// The definitions of a government form by the other posts of `scope`'s country.
    fn country_definitions<'s, 'p>(
        &'s self,
        scope: &'p Scope,
        acronym: &str,
    ) -> impl Iterator<Item = &'s Known> + use<'s, 'p> {
        let defs = scope
            .country
            .filter(|_| is_government_form(acronym))
            .and_then(|c| self.by_country.get(c))
            .and_then(|a| a.get(acronym))
            .map_or(&[][..], Vec::as_slice);
        defs.iter().filter(move |k| k.post != scope.post)
    }

    /// The acronyms `post` defined, in name order.
    pub fn acronyms(&self, post: &str) -> impl Iterator<Item = &str> {
        self.by_post
            .get(post)
            .into_iter()
            .flat_map(|a| a.keys().map(String::as_str))
    }

    /// The meaning `post`'s own cables give `acronym` most often (the most confident on
    /// a tie, then the first read).
    #[must_use]
    pub fn post_best(&self, post: &str, acronym: &str) -> Option<&Known> {
        most_given(&self.definitions(post, acronym).iter().collect::<Vec<_>>())
    }

    /// The meaning `scope` gives `acronym`: its post's most frequent (the most confident
    /// on a tie, then the first read); for a government form the post does not define,
    /// the same from the other posts of its country.
    #[must_use]
    pub fn best(&self, scope: &Scope, acronym: &str) -> Option<&Known> {
        self.post_best(&scope.post, acronym)
            .or_else(|| most_given(&self.country_definitions(scope, acronym).collect::<Vec<_>>()))
    }

    /// Whether [`CorpusGlossary::best`] has a meaning for `acronym` in `scope`, without
    /// choosing it (asked of every word of a cable that may be an acronym).
    #[must_use]
    pub fn knows(&self, scope: &Scope, acronym: &str) -> bool {
        !self.definitions(&scope.post, acronym).is_empty()
            || self.country_definitions(scope, acronym).next().is_some()
    }

    /// Definitions of `acronym` in `scope` (its post's, then its country's for a
    /// government form) that mean something other than `expansion`, one per meaning.
    #[must_use]
    pub fn others(&self, scope: &Scope, acronym: &str, expansion: &str) -> Vec<&Known> {
        let meaning = super::meaning_key(expansion);
        let mut out: Vec<&Known> = Vec::new();
        let all = self
            .definitions(&scope.post, acronym)
            .iter()
            .chain(self.country_definitions(scope, acronym));
        for k in all {
            if k.meaning != meaning && !out.iter().any(|o| o.meaning == k.meaning) {
                out.push(k);
            }
        }
        out
    }
}

/// The meaning given most often among `defs` (the most confident on a tie, then the
/// first read).
fn most_given<'a>(defs: &[&'a Known]) -> Option<&'a Known> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for k in defs {
        *counts.entry(k.meaning.as_str()).or_default() += 1;
    }
    let mut best: Option<(&Known, usize)> = None;
    for &k in defs {
        let n = counts.get(k.meaning.as_str()).copied().unwrap_or(0);
        if best.is_none_or(|(b, bn)| n > bn || (n == bn && k.confidence > b.confidence)) {
            best = Some((k, n));
        }
    }
    best.map(|(k, _)| k)
}

/// The post a cable was sent from (`Embassy Bogota`), or `unknown post`.
#[must_use]
pub fn post_of(cable: &Cable) -> String {
    cable
        .header
        .post_name()
        .unwrap_or_else(|| UNKNOWN_POST.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn government_forms() {
        for a in ["GOC", "GOM", "GOSL", "GOSS"] {
            assert!(is_government_form(a), "{a}");
        }
        for a in ["GO", "NGO", "GOABCD", "GO-1"] {
            assert!(!is_government_form(a), "{a}");
        }
        assert!(names_a_government("GOB", "Goverment of Burma"));
        assert!(!names_a_government("GOAL", "Global Alliance"));
    }

    #[test]
    fn posts_have_countries_from_the_station_table() {
        let scope = |from: &str| {
            let mut cable = Cable::default();
            cable.header.from = Some(from.to_owned());
            Scope::of(&cable)
        };
        assert_eq!(scope("AMCONSUL PESHAWAR").country, Some("PK"));
        assert_eq!(scope("AMEMBASSY ISLAMABAD").country, Some("PK"));
        assert_eq!(scope("AMEMBASSY ASUNCION").country, Some("PA"));
        assert_eq!(scope("SECSTATE WASHDC").country, None);
        assert_eq!(scope("USMISSION USNATO").country, None);
        assert_eq!(Scope::of_post(None).country, None);
    }

    #[test]
    fn reach_is_the_post_then_its_country() {
        let scope = |post: &str| Scope::of_post(Some(post));
        let peshawar = scope("Consulate Peshawar");
        assert_eq!(peshawar.reach(&peshawar), Some(Reach::Post));
        assert_eq!(
            peshawar.reach(&scope("Embassy Islamabad")),
            Some(Reach::Country)
        );
        assert_eq!(peshawar.reach(&scope("Embassy Asuncion")), None);
        // The Department has no country: only its own cables explain it.
        let state = scope("Secretary of State");
        assert_eq!(state.reach(&scope("Mission USNATO")), None);
        assert_eq!(state.reach(&state), Some(Reach::Post));
    }

    /// The meaning a post gives most often wins, whatever its spelling; the others are
    /// listed once each; a government form reaches the other posts of the country.
    #[test]
    fn the_most_given_meaning_and_the_others() {
        let cable = |id: &str, from: &str, defs: &[(&str, &str, f32)]| {
            let mut c = Cable {
                id: Some(id.to_owned()),
                ..Cable::default()
            };
            c.header.from = Some(from.to_owned());
            c.definitions = defs
                .iter()
                .map(
                    |&(acronym, expansion, confidence)| crate::cable::Definition {
                        acronym: acronym.to_owned(),
                        expansion: expansion.to_owned(),
                        paragraph: 0,
                        range: 0..1,
                        confidence,
                    },
                )
                .collect();
            c
        };
        let islamabad = "AMEMBASSY ISLAMABAD";
        let cables = [
            cable(
                "06ISLAMABAD1",
                islamabad,
                &[("ABC", "Agency for Better Cities", 1.0)],
            ),
            cable(
                "06ISLAMABAD2",
                islamabad,
                &[("ABC", "Alpha Beta Council", 0.5)],
            ),
            cable(
                "06ISLAMABAD3",
                islamabad,
                &[("ABC", "alpha-beta  council", 0.4)],
            ),
            cable(
                "06ISLAMABAD4",
                islamabad,
                &[("ABC", "Alpha Beta Committee", 0.9)],
            ),
            cable(
                "06ISLAMABAD5",
                islamabad,
                &[("GOP", "Government of Pakistan", 1.0)],
            ),
        ];
        let corpus = CorpusGlossary::of(cables.iter().map(|c| ("", c)));
        let embassy = Scope::of(&cables[0]);
        let best = corpus.best(&embassy, "ABC").expect("defined");
        assert_eq!(
            (best.expansion.as_str(), best.cable.as_str()),
            ("Alpha Beta Council", "06ISLAMABAD2")
        );
        let others: Vec<&str> = corpus
            .others(&embassy, "ABC", "ALPHA BETA COUNCIL")
            .iter()
            .map(|k| k.cable.as_str())
            .collect();
        assert_eq!(others, ["06ISLAMABAD1", "06ISLAMABAD4"]);
        assert!(corpus.knows(&embassy, "ABC"));
        assert!(!corpus.knows(&embassy, "XYZ"));
        // Peshawar's cables are explained GOP by Islamabad's, not ABC.
        let mut peshawar = Cable::default();
        peshawar.header.from = Some("AMCONSUL PESHAWAR".to_owned());
        let peshawar = Scope::of(&peshawar);
        assert!(corpus.knows(&peshawar, "GOP"));
        assert_eq!(
            corpus.best(&peshawar, "GOP").map(|k| k.cable.as_str()),
            Some("06ISLAMABAD5")
        );
        assert!(!corpus.knows(&peshawar, "ABC"));
        assert_eq!(corpus.best(&peshawar, "ABC"), None);
    }
}
