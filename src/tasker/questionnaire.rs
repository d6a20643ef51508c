//! A tasker's questionnaire rebuilt from the replies that quote it.
//!
//! The tasker itself is usually not in the corpus (06STATE3836 is not in the leak), but
//! replies that key their answers and quote each question (06DAKAR528: `¶23.` then `--
//! E.  Has the Government prosecuted…`) give its keys, question texts and section titles.
//! Replies that number the questions their own way (06MEXICO1113's `Question 17.`) add
//! their section headings as other spellings of the section titles once aligned; they
//! never add keys, which only a keyed reply can give.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cable::Cable;

use super::keys::Key;
use super::reply::Unit;

/// One question of the tasker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Its key (`23.E`).
    pub key: Key,
    /// The question as quoted (the longest quotation met); empty when replies only write
    /// its key.
    pub text: String,
    /// The replies quoting it, in the order given to [`Questionnaire::build`].
    pub quoted_by: Vec<String>,
}

/// One section of the tasker: a paragraph of lettered questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The tasker's paragraph (`23`).
    pub paragraph: u32,
    /// Every title seen for it, first the keyed replies' (`INVESTIGATION AND PROSECUTION
    /// OF TRAFFICKERS`), then the headings of replies aligned to it.
    pub titles: Vec<String>,
}

/// The rebuilt questionnaire.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Questionnaire {
    /// The tasker's canonical id.
    pub tasker: String,
    /// Sections by paragraph number.
    pub sections: Vec<Section>,
    /// Questions in key order.
    pub items: Vec<Item>,
}

impl Questionnaire {
    /// Rebuild the questionnaire of `tasker` from `replies` (id, parse, units): every
    /// keyed unit that quotes its question gives that key, its text and its section; a
    /// key written whole without a quotation (`23E.`, `27.A.`) gives the key alone (its
    /// text stays empty until a reply quotes it).
    #[must_use]
    pub fn build(tasker: &str, replies: &[(&str, &Cable, &[Unit])]) -> Self {
        let mut items: BTreeMap<Key, Item> = BTreeMap::new();
        let mut sections: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for (id, cable, units) in replies {
            for u in units.iter() {
                let Some(key) = u.key else { continue };
                let q = match u.question_text(cable) {
                    Some(q) => q,
                    None if u.whole_key => "",
                    None => continue,
                };
                let item = items.entry(key).or_insert_with(|| Item {
                    key,
                    text: String::new(),
                    quoted_by: Vec::new(),
                });
                if q.len() > item.text.len() {
                    q.clone_into(&mut item.text);
                }
                if !q.is_empty() && !item.quoted_by.iter().any(|r| r == id) {
                    item.quoted_by.push((*id).to_owned());
                }
                let titles = sections.entry(key.paragraph).or_default();
                if let Some(h) = &u.heading
                    && !titles.contains(h)
                {
                    titles.push(h.clone());
                }
            }
        }
        Self {
            tasker: tasker.to_owned(),
            sections: sections
                .into_iter()
                .map(|(paragraph, titles)| Section { paragraph, titles })
                .collect(),
            items: items.into_values().collect(),
        }
    }

    /// The question keyed `key`.
    #[must_use]
    pub fn item(&self, key: Key) -> Option<&Item> {
        self.items.iter().find(|i| i.key == key)
    }

    /// The section of tasker paragraph `paragraph`.
    #[must_use]
    pub fn section(&self, paragraph: u32) -> Option<&Section> {
        self.sections.iter().find(|s| s.paragraph == paragraph)
    }

    /// Add `title` as another spelling of section `paragraph`'s title.
    pub fn add_title(&mut self, paragraph: u32, title: &str) {
        if let Some(s) = self.sections.iter_mut().find(|s| s.paragraph == paragraph)
            && !s.titles.iter().any(|t| t.eq_ignore_ascii_case(title))
        {
            s.titles.push(title.to_owned());
        }
    }

    /// The question of `other` (another year's questionnaire) that asks what `key` asks
    /// here, by question text ([`super::similarity::question_similarity`] at least
    /// [`super::align::MIN_QUESTION_SIMILARITY`]), with that similarity: how the
    /// year-over-year view pairs one post's answers across two taskers whose keys differ.
    #[must_use]
    pub fn counterpart(&self, key: Key, other: &Self) -> Option<(Key, f64)> {
        let text = &self.item(key)?.text;
        other
            .items
            .iter()
            .map(|i| (i.key, super::similarity::question_similarity(text, &i.text)))
            .filter(|(_, s)| *s >= super::align::MIN_QUESTION_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Whether no reply quoted any question.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
