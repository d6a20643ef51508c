//! How alike two question texts or two headings are.
//!
//! Question texts: the Sørensen–Dice coefficient of character bigrams (`strsim`'s, on
//! sorted bigrams: [`Bigrams`]) on the
//! texts normalised (lower case, letters and digits only, single spaces), so a reply's
//! retyped or OCR'd copy of a question (`Government` / `government`, `anti- trafficking`)
//! still scores near 1. Headings: the words that name only one of the questionnaire's
//! sections (see [`HeadingMatcher`]), each word cut to its first five letters so
//! `Preventing` meets `PREVENTION`.

use std::collections::BTreeSet;

/// Text lowered to letters, digits and single spaces.
fn normal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Similarity of two question texts, from 0 (nothing alike) to 1 (the same words).
#[must_use]
pub fn question_similarity(a: &str, b: &str) -> f64 {
    Bigrams::new(a).dice(&Bigrams::new(b))
}

/// A question text's character bigrams, normalised, as `strsim::sorensen_dice` counts
/// them (white space dropped), kept sorted so that two texts compare by one merge
/// instead of a hash map per call: the question view aligns thousands of answers, and
/// strsim's map was a third of its time. The same coefficient to the last bit (a test
/// checks it against strsim on the real questions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bigrams {
    /// The normalised text without white space.
    text: String,
    /// Its bigrams, sorted (a multiset).
    pairs: Vec<(char, char)>,
}

impl Bigrams {
    /// The bigrams of `text` once normalised.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let text: String = normal(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        Self { text, pairs }
    }

    /// The Sørensen–Dice coefficient of the two texts: twice the shared bigrams over the
    /// bigrams of both, as strsim computes it (1 for equal texts, 0 when either is
    /// shorter than two bytes; lengths in bytes).
    #[must_use]
    pub fn dice(&self, other: &Self) -> f64 {
        if self.text == other.text {
            return 1.0;
        }
        if self.text.len() < 2 || other.text.len() < 2 {
            return 0.0;
        }
        let (a, b) = (&self.pairs, &other.pairs);
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (2 * shared) as f64 / (self.text.len() + other.text.len() - 2) as f64
    }
}

/// A heading's word stems: words of four letters or more, lowered, cut to five letters.
#[must_use]
pub fn stems(heading: &str) -> BTreeSet<String> {
    normal(heading)
        .split(' ')
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// Matches a reply's heading to one of the questionnaire's sections by the stems that
/// name that section only (`preve` for Prevention; `traff`, in every title, decides
/// nothing).
#[derive(Debug, Clone, Default)]
pub struct HeadingMatcher {
    /// Per section: its tasker paragraph and the stems no other section's titles have.
    own: Vec<(u32, BTreeSet<String>)>,
}

impl HeadingMatcher {
    /// A matcher over sections given as (tasker paragraph, every title seen for it).
    #[must_use]
    pub fn new(sections: &[(u32, Vec<String>)]) -> Self {
        let all: Vec<(u32, BTreeSet<String>)> = sections
            .iter()
            .map(|(n, titles)| (*n, titles.iter().flat_map(|t| stems(t)).collect()))
            .collect();
        let own = all
            .iter()
            .map(|(n, s)| {
                let others: BTreeSet<&String> = all
                    .iter()
                    .filter(|(m, _)| m != n)
                    .flat_map(|(_, o)| o)
                    .collect();
                (
                    *n,
                    s.iter().filter(|w| !others.contains(w)).cloned().collect(),
                )
            })
            .collect();
        Self { own }
    }

    /// The section `heading` names, with the share of its telling stems that point there
    /// (1 when all do); `None` when it names none, or two equally.
    #[must_use]
    pub fn section(&self, heading: &str) -> Option<(u32, f64)> {
        let words = stems(heading);
        let hits: Vec<(u32, usize)> = self
            .own
            .iter()
            .map(|(n, own)| (*n, words.intersection(own).count()))
            .filter(|(_, c)| *c > 0)
            .collect();
        let total: usize = hits.iter().map(|(_, c)| c).sum();
        let best = hits.iter().map(|(_, c)| *c).max()?;
        let mut winners = hits.iter().filter(|(_, c)| *c == best);
        let (n, c) = winners.next()?;
        if winners.next().is_some() {
            return None;
        }
        #[allow(clippy::cast_precision_loss)]
        Some((*n, *c as f64 / total as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sorted-bigram coefficient is strsim's, bit for bit, on every pair of the
    /// questions Dakar and Mexico quote (35 × 35) and on texts with accents.
    #[test]
    fn bigrams_give_strsims_coefficient() {
        let questions = |id: &str| -> Vec<String> {
            let path = format!("{}/tests/data/tip2006/{id}.txt", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).expect("a real reply");
            let cable = crate::parse::parse(&text).cable;
            crate::tasker::reply::units(&cable)
                .iter()
                .filter_map(|u| u.question_text(&cable).map(str::to_owned))
                .collect()
        };
        let dakar = questions("06DAKAR528");
        let mexico = questions("06MEXICO1113");
        assert_eq!((dakar.len(), mexico.len()), (35, 35));
        let mut texts: Vec<String> = dakar.into_iter().chain(mexico).collect();
        texts.extend(["Sécurité publique", "securite publique", "a", ""].map(str::to_owned));
        for a in &texts {
            for b in &texts {
                let ours = question_similarity(a, b);
                let theirs = strsim::sorensen_dice(&normal(a), &normal(b));
                assert_eq!(ours.to_bits(), theirs.to_bits(), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn questions_and_headings() {
        let a = "Does the Government acknowledge that trafficking is a problem in that country? If no, why not?";
        let b = "Does the government acknowledge that trafficking is a problem in that country? If no, why not?";
        assert!((question_similarity(a, b) - 1.0).abs() < 1e-9);
        assert!(question_similarity(a, "What are the penalties for rape?") < 0.5);
        let m = HeadingMatcher::new(&[
            (
                21,
                vec![
                    "Overview of a country's activities to eliminate trafficking in persons".into(),
                ],
            ),
            (22, vec!["PREVENTION".into()]),
            (
                23,
                vec!["INVESTIGATION AND PROSECUTION OF TRAFFICKERS".into()],
            ),
            (24, vec!["PROTECTION AND ASSISTANCE TO VICTIMS".into()]),
        ]);
        assert_eq!(
            m.section("Overview of Trafficking Problem"),
            Some((21, 1.0))
        );
        assert_eq!(
            m.section("Hong Kong's Efforts in Preventing and Combating Trafficking"),
            Some((22, 1.0))
        );
        assert_eq!(m.section("Prostitution in Macau"), None);
        assert_eq!(m.section("Trafficking"), None);
    }
}
