//! Definitions gathered from many cables, scoped by the sending post: an acronym a cable
//! uses without defining is explained by another cable of the same post, never by a
//! cable of another post (GOC is the Government of Colombia in Bogota's cables and the
//! Government of China in the Department's 08STATE50524).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cable::Cable;

/// One definition read in one cable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Known {
    /// What the acronym stands for.
    pub expansion: String,
    /// The defining cable's id (or file name when it has none).
    pub cable: String,
    /// The defining paragraph's number, when numbered.
    pub paragraph: Option<u32>,
    /// How well the letters match the words, 0 to 1.
    pub confidence: f32,
}

/// Definitions by post, then acronym, in the order the cables were added.
#[derive(Debug, Clone, Default)]
pub struct CorpusGlossary {
    by_post: BTreeMap<String, BTreeMap<String, Vec<Known>>>,
}

impl CorpusGlossary {
    /// Add every definition of `cable`, named `name` when it has no id.
    pub fn add(&mut self, cable: &Cable, name: &str) {
        let post = post_of(cable);
        let id = cable.id.clone().unwrap_or_else(|| name.to_owned());
        let acronyms = self.by_post.entry(post).or_default();
        for d in &cable.definitions {
            acronyms.entry(d.acronym.clone()).or_default().push(Known {
                expansion: d.expansion.clone(),
                cable: id.clone(),
                paragraph: cable.paragraphs.get(d.paragraph).and_then(|p| p.number),
                confidence: d.confidence,
            });
        }
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

    /// The acronyms `post` defined, in name order.
    pub fn acronyms(&self, post: &str) -> impl Iterator<Item = &str> {
        self.by_post
            .get(post)
            .into_iter()
            .flat_map(|a| a.keys().map(String::as_str))
    }

    /// The meaning `post` gives `acronym` most often (the most confident on a tie, then
    /// the first read).
    #[must_use]
    pub fn best(&self, post: Option<&str>, acronym: &str) -> Option<&Known> {
        let defs = self.definitions(post?, acronym);
        let mut best: Option<(&Known, usize)> = None;
        for k in defs {
            let n = defs
                .iter()
                .filter(|o| super::same_meaning(&o.expansion, &k.expansion))
                .count();
            if best.is_none_or(|(b, bn)| n > bn || (n == bn && k.confidence > b.confidence)) {
                best = Some((k, n));
            }
        }
        best.map(|(k, _)| k)
    }

    /// Definitions of `acronym` by `post` that mean something other than `expansion`,
    /// one per meaning.
    pub fn others<'a>(
        &'a self,
        post: Option<&str>,
        acronym: &str,
        expansion: &'a str,
    ) -> impl Iterator<Item = &'a Known> {
        let defs = post.map_or(&[][..], |p| self.definitions(p, acronym));
        defs.iter().enumerate().filter_map(move |(i, k)| {
            let new = !defs[..i]
                .iter()
                .any(|o| super::same_meaning(&o.expansion, &k.expansion));
            (new && !super::same_meaning(&k.expansion, expansion)).then_some(k)
        })
    }
}

/// The post a cable was sent from (`Embassy Bogota`), or `unknown post`.
#[must_use]
pub fn post_of(cable: &Cable) -> String {
    cable
        .header
        .post_name()
        .unwrap_or_else(|| "unknown post".to_owned())
}
