//! How alike two question texts or two headings are.
//!
//! Question texts: the Sørensen–Dice coefficient of character bigrams (`strsim`) on the
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
    strsim::sorensen_dice(&normal(a), &normal(b))
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
