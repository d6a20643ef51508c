//! Each reply's answers aligned to the questionnaire, each alignment saying how it was
//! made and how sure it is. Nothing is forced: what matches nothing stays unaligned.
//!
//! In order of preference:
//! 1. **key**: the reply writes a key the questionnaire has (`23.E.`, `¶23.` + `-- E.`);
//!    confidence 1 when its quoted question agrees with the questionnaire's, 0.9 when
//!    there is no quotation to compare, 0.6 when its quotation reads like another question;
//! 2. **question text**: the reply quotes a question the questionnaire has (fuzzy,
//!    [`super::similarity::question_similarity`] ≥ [`MIN_QUESTION_SIMILARITY`]; the
//!    confidence is that similarity; the question after the last one aligned is tried
//!    first, as replies quote them in order);
//! 3. **heading**: a reply with neither keys nor numbered questions, only section
//!    headings, is aligned section by section ([`super::similarity::HeadingMatcher`]): the
//!    answer is every paragraph under the heading, it claims the tasker's section
//!    (`23`) and never a key, and its confidence is at most [`HEADING_CONFIDENCE`].

use std::ops::Range;

use serde::Serialize;

use crate::cable::Cable;

use super::keys::Key;
use super::questionnaire::{Item, Questionnaire};
use super::reply::Unit;
use super::similarity::{Bigrams, HeadingMatcher, question_similarity};

/// Below this similarity a quoted question matches no question of the questionnaire.
pub const MIN_QUESTION_SIMILARITY: f64 = 0.5;

/// The highest confidence of a section-level (heading) alignment.
pub const HEADING_CONFIDENCE: f64 = 0.5;

/// How an answer was aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum How {
    /// By the tasker key the reply writes.
    #[serde(rename = "key")]
    Key,
    /// By the question text the reply quotes.
    #[serde(rename = "question text")]
    QuestionText,
    /// By the section heading it stands under (section level: no key).
    #[serde(rename = "heading")]
    Heading,
}

impl How {
    /// The name used in output and in the hand-checked table: `key`, `question text`,
    /// `heading`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Key => "key",
            Self::QuestionText => "question text",
            Self::Heading => "heading",
        }
    }
}

/// A stretch of a reply's text: a byte range of one paragraph's clean text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Index in [`Cable::paragraphs`].
    pub paragraph: usize,
    /// Byte range in that paragraph's clean text.
    pub range: Range<usize>,
}

/// One answer of a reply, aligned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// The tasker key answered; `None` for a section-level (heading) alignment.
    pub key: Option<Key>,
    /// The tasker section (paragraph) the answer falls under.
    pub section: u32,
    /// How it was aligned.
    pub how: How,
    /// From 0 to 1.
    pub confidence: f64,
    /// How the reply labels it: `23.E`, `Question 17`, or the heading.
    pub label: String,
    /// The reply's own question number (`Question 17.`), when it numbers them.
    pub number: Option<u32>,
    /// The answer's text, in one passage or (a heading's section) several.
    pub passages: Vec<Passage>,
    /// The question as the reply quotes it, when it does.
    pub question: Option<Passage>,
}

/// A quoted question at least this like the questionnaire's next question (replies quote
/// them in order) is taken as that one without comparing it with every other.
pub const IN_ORDER_SIMILARITY: f64 = 0.95;

/// Align one reply (`cable`, with its `units`) to `q`.
#[must_use]
pub fn align(q: &Questionnaire, cable: &Cable, units: &[Unit]) -> Vec<Answer> {
    if units.is_empty() {
        return by_heading(q, cable);
    }
    let mut next = 0;
    // The items' bigrams, made once for the reply when a quotation is out of order.
    let items = std::cell::OnceCell::new();
    units
        .iter()
        .filter_map(|u| {
            let a = by_unit(q, cable, u, next, &items)?;
            next = q
                .items
                .iter()
                .position(|i| Some(i.key) == a.key)
                .map_or(next, |i| i + 1);
            Some(a)
        })
        .collect()
}

/// The questionnaire item `text` quotes, with the similarity: item `next` when it is at
/// least [`IN_ORDER_SIMILARITY`] alike, else the most alike of all (`items`: the items'
/// bigrams, made on first need).
fn quoted_item<'q>(
    q: &'q Questionnaire,
    text: &str,
    next: usize,
    items: &std::cell::OnceCell<Vec<Bigrams>>,
) -> Option<(&'q Item, f64)> {
    let text = Bigrams::new(text);
    if let Some(item) = q.items.get(next) {
        let s = text.dice(&Bigrams::new(&item.text));
        if s >= IN_ORDER_SIMILARITY {
            return Some((item, s));
        }
    }
    let items = items.get_or_init(|| q.items.iter().map(|i| Bigrams::new(&i.text)).collect());
    q.items
        .iter()
        .zip(items)
        .map(|(i, b)| (i, text.dice(b)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

fn by_unit(
    q: &Questionnaire,
    cable: &Cable,
    u: &Unit,
    next: usize,
    items: &std::cell::OnceCell<Vec<Bigrams>>,
) -> Option<Answer> {
    let quoted = u.question_text(cable);
    let (key, how, confidence) = match u.key.and_then(|k| q.item(k)) {
        Some(item) => {
            let known = (!item.text.is_empty()).then_some(&item.text);
            let confidence = match quoted.zip(known).map(|(t, k)| question_similarity(t, k)) {
                None => 0.9,
                Some(s) if s >= MIN_QUESTION_SIMILARITY => 1.0,
                Some(_) => 0.6,
            };
            (item.key, How::Key, confidence)
        }
        None => {
            let (item, s) = quoted_item(q, quoted?, next, items)?;
            if s < MIN_QUESTION_SIMILARITY {
                return None;
            }
            (item.key, How::QuestionText, (s * 100.0).round() / 100.0)
        }
    };
    let label = match (u.key, u.number) {
        (Some(k), _) => k.to_string(),
        (None, Some(n)) => format!("Question {n}"),
        (None, None) => key.to_string(),
    };
    Some(Answer {
        key: Some(key),
        section: key.paragraph,
        how,
        confidence,
        label,
        number: u.number,
        passages: vec![Passage {
            paragraph: u.paragraph,
            range: u.answer.clone(),
        }],
        question: u.question.clone().map(|range| Passage {
            paragraph: u.paragraph,
            range,
        }),
    })
}

/// Phrases of a reply's closing paragraph about itself (who wrote it, the hours it took),
/// which answers no question even under a heading (06HONGKONG817's `¶44. (U) Post point
/// of contact is poloff…`).
pub const ADMIN_PHRASES: &[&str] = &["point of contact", "hours required", "hours spent"];

/// Whether a paragraph is the reply's note about itself ([`ADMIN_PHRASES`]).
#[must_use]
pub fn is_admin(text: &str) -> bool {
    let lower = text.to_lowercase();
    ADMIN_PHRASES.iter().any(|p| lower.contains(p))
}

/// Section-level answers of a reply that has only headings.
fn by_heading(q: &Questionnaire, cable: &Cable) -> Vec<Answer> {
    let sections: Vec<(u32, Vec<String>)> = q
        .sections
        .iter()
        .map(|s| (s.paragraph, s.titles.clone()))
        .collect();
    let matcher = HeadingMatcher::new(&sections);
    cable
        .sections
        .iter()
        .filter_map(|s| {
            let (section, share) = matcher.section(&s.title)?;
            Some(Answer {
                key: None,
                section,
                how: How::Heading,
                confidence: HEADING_CONFIDENCE * share,
                label: s.title.clone(),
                number: None,
                passages: s
                    .paragraphs
                    .iter()
                    .filter_map(|&i| {
                        let p = cable.paragraphs.get(i).filter(|p| !is_admin(&p.text))?;
                        Some(Passage {
                            paragraph: i,
                            range: 0..p.text.len(),
                        })
                    })
                    .collect(),
                question: None,
            })
        })
        .collect()
}

/// The headings of a reply's aligned answers, as other spellings of their sections'
/// titles (06MEXICO1113's `PREVENTION` for 22): a heading counts for the section most of
/// its aligned answers fall in.
pub fn learn_titles(q: &mut Questionnaire, units: &[Unit], answers: &[Answer]) {
    let mut votes: Vec<(&str, u32, usize)> = Vec::new();
    for a in answers.iter().filter(|a| a.how != How::Heading) {
        let Some(first) = a.passages.first() else {
            continue;
        };
        let Some(h) = units
            .iter()
            .find(|u| u.paragraph == first.paragraph && u.answer == first.range)
            .and_then(|u| u.heading.as_deref())
        else {
            continue;
        };
        match votes
            .iter_mut()
            .find(|(t, s, _)| *t == h && *s == a.section)
        {
            Some(v) => v.2 += 1,
            None => votes.push((h, a.section, 1)),
        }
    }
    let mut headings: Vec<&str> = votes.iter().map(|v| v.0).collect();
    headings.dedup();
    for h in headings {
        if let Some((_, section, _)) = votes.iter().filter(|v| v.0 == h).max_by_key(|v| v.2) {
            q.add_title(*section, h);
        }
    }
}
