//! [`Record`]: what the library knows of one cable without keeping its text.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cable::{Cable, Level};

/// One cable of a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The canonical reference id (`09CARACAS442`); the file name without its extension
    /// when the text yields none.
    pub id: String,
    /// The file it was read from.
    pub path: PathBuf,
    /// The date-time group, when the header has one.
    pub date: Option<DateTime<Utc>>,
    /// The sending post as WikiLeaks names it (`Embassy Caracas`).
    pub origin: Option<String>,
    /// The classification level.
    pub level: Option<Level>,
    /// The classification as WikiLeaks names it: the level, and `//NOFORN` when the cable
    /// carries it (`CONFIDENTIAL//NOFORN`), so that the library's facet has one value per
    /// classification however the header spelt it (`UNCLAS`, `UNCLASSIFIED`).
    pub classification: Option<String>,
    /// TAGS.
    pub tags: Vec<String>,
    /// SUBJECT.
    pub subject: Option<String>,
    /// Canonical ids the REF list cites, in order, each once; never the cable's own id.
    pub refs: Vec<String>,
    /// Those of [`Record::refs`] written without a year, whose year the parser inferred
    /// (a corpus may prove it wrong: [`super::Serials`]).
    #[serde(skip)]
    pub undated: Vec<String>,
    /// Those of [`Record::refs`] whose year the corpus moved ([`super::place_undated`]).
    #[serde(skip)]
    pub placed: Vec<String>,
}

impl Record {
    /// The record of `cable`, read from `path`.
    #[must_use]
    pub fn new(path: PathBuf, cable: &Cable) -> Self {
        let header = &cable.header;
        let id = cable.id.clone().unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let (mut refs, mut undated): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        for r in &header.refs {
            let Some(cited) = r.id.as_ref() else { continue };
            if *cited != id && !refs.contains(cited) {
                refs.push(cited.clone());
                if r.year_inferred {
                    undated.push(cited.clone());
                }
            }
        }
        Self {
            date: header.date,
            origin: header.post_name(),
            level: header.level(),
            classification: header.level().map(|l| {
                let noforn = if header.is_noforn() { "//NOFORN" } else { "" };
                format!("{}{noforn}", l.name())
            }),
            tags: header.tags.clone(),
            subject: header.subject.clone(),
            refs,
            undated,
            placed: Vec::new(),
            path,
            id,
        }
    }

    /// The post that sent it: its origin (`Embassy Dakar`), else the station of its id
    /// (`DAKAR` for `06DAKAR528`).
    #[must_use]
    pub fn post(&self) -> String {
        self.listed_origin().unwrap_or_else(|| {
            self.id
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_owned()
        })
    }

    /// Where the library and `from:` place it: its origin, else, for a cable whose text
    /// names no sender (a partial extract has no `FM` line), the station of its reference
    /// id (`ANKARA` for `05ANKARA3199`), in capitals as the id writes it, so that it is
    /// not taken for a post's name; `None` for a file name that is no reference id.
    #[must_use]
    pub fn listed_origin(&self) -> Option<String> {
        self.origin
            .clone()
            .or_else(|| crate::parse::station_of_id(&self.id).map(str::to_owned))
    }

    /// The date as `YYYY-MM-DD`, when known.
    #[must_use]
    pub fn day(&self) -> Option<String> {
        self.date.map(|d| d.format("%Y-%m-%d").to_string())
    }

    /// The year: the date's, else the one the id's two leading digits give
    /// (`04MADRID1731`, a partial extract with no date-time group, is of 2004; cables run
    /// from 1966 to 2010, so `66` is 1966 and `04` is 2004).
    #[must_use]
    pub fn year(&self) -> Option<i32> {
        if let Some(d) = self.date {
            return Some(chrono::Datelike::year(&d));
        }
        // Only a reference id says its year (a file name such as `12345.txt` does not).
        if crate::parse::canonical_id(&self.id).as_deref() != Some(self.id.as_str()) {
            return None;
        }
        let yy: i32 = self.id.get(..2)?.parse().ok()?;
        Some(if yy >= 66 { 1900 + yy } else { 2000 + yy })
    }
}

/// A cable's body as one text: its paragraphs joined by blank lines, with where each
/// starts (a byte offset) and its number (`None` when unnumbered). The index and the bulk
/// export both use it, so a paragraph position means the same in each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The paragraphs' clean text joined by `\n\n`.
    pub text: String,
    /// (start in `text`, paragraph number) per paragraph, in order.
    pub paragraphs: Vec<(usize, Option<u32>)>,
}

impl Body {
    /// The body of `cable`.
    #[must_use]
    pub fn new(cable: &Cable) -> Self {
        let mut body = Self::default();
        for p in &cable.paragraphs {
            if !body.text.is_empty() {
                body.text.push_str("\n\n");
            }
            body.paragraphs.push((body.text.len(), p.number));
            body.text.push_str(&p.text);
        }
        body
    }
}
