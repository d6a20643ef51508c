//! A tasker studied: its responders read and parsed, its questionnaire rebuilt from them,
//! and every reply's answers aligned — what `cablescope answers` prints and what the
//! tasker and question views show.
//!
//! ```text
//! let corpus = corpus::load(dir)?;
//! let graph = RefGraph::new(&corpus.records);
//! let study = Study::load(&corpus.records, &graph, "06STATE3836")?;   // reads the replies
//! let key = study.resolve("q17@06MEXICO1113")?;                        // → 23.E
//! for row in study.answers(key) { … row.post, row.id, row.paragraph, row.how … }
//! ```

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::cable::Cable;
use crate::corpus::{Record, RefGraph};

use super::align::{self, Answer, How};
use super::keys::Key;
use super::questionnaire::Questionnaire;
use super::reply::{self, Unit};
use super::responders::{self, Responders};

/// How many bytes before an answer's question its label may take (`Question 17. `).
pub const LABEL_SLACK: usize = 16;

/// One reply, read and aligned.
#[derive(Debug, Clone)]
pub struct Studied {
    /// The post that sent it.
    pub post: String,
    /// Its canonical id.
    pub id: String,
    /// Its date-time group.
    pub date: Option<DateTime<Utc>>,
    /// The file it was read from.
    pub path: PathBuf,
    /// Whether it follows up an earlier reply of its post.
    pub follow_up: bool,
    /// Its parse (empty when it could not be read).
    pub cable: Cable,
    /// Its answers as written.
    pub units: Vec<Unit>,
    /// Its answers aligned to the questionnaire.
    pub answers: Vec<Answer>,
    /// Why it could not be read, when it could not.
    pub error: Option<String>,
}

impl Studied {
    /// Its answers to `key`: those aligned to the key, else the section-level answers of
    /// the key's section (a reply may answer in several places); none when nothing aligned.
    #[must_use]
    pub fn answers_to(&self, key: Key) -> Vec<&Answer> {
        let keyed: Vec<&Answer> = self.answers.iter().filter(|a| a.key == Some(key)).collect();
        if !keyed.is_empty() {
            return keyed;
        }
        self.answers
            .iter()
            .filter(|a| a.how == How::Heading && a.section == key.paragraph)
            .collect()
    }
}

/// A tasker with its replies aligned.
#[derive(Debug, Clone)]
pub struct Study {
    /// Who replied.
    pub responders: Responders,
    /// The questionnaire rebuilt from the replies.
    pub questionnaire: Questionnaire,
    /// The replies in the order of [`Responders::replies`].
    pub replies: Vec<Studied>,
}

/// One reply's answer to one question: a row of `cablescope answers`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The post.
    pub post: String,
    /// The reply's id.
    pub id: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where the answer is: `¶18`, `¶24–¶33` for a section, `¶` for unnumbered text;
    /// `None` when the reply has no answer aligned to the question.
    pub paragraph: Option<String>,
    /// Index of the answer's first paragraph in the reply's parse.
    pub paragraph_index: Option<usize>,
    /// The tasker key the answer is aligned to; `None` for a section-level alignment.
    pub key: Option<Key>,
    /// The tasker section (paragraph) the answer falls under.
    pub section: Option<u32>,
    /// How the reply labels it (`Question 17`, `23.E`, a heading).
    pub label: Option<String>,
    /// How it was aligned; `None` (written `"none"`) when nothing aligned.
    #[serde(serialize_with = "how_or_none")]
    pub how: Option<How>,
    /// From 0 to 1 (0 when nothing aligned).
    pub confidence: f64,
    /// The answer's text (paragraphs joined by blank lines).
    pub text: String,
}

impl Study {
    /// Read and align the replies of `tasker` (any spelling of its id). `None` when no
    /// cable of the corpus is or cites it. A reply file that cannot be read is kept with
    /// its error and no answers.
    #[must_use]
    pub fn load(records: &[Record], graph: &RefGraph, tasker: &str) -> Option<Self> {
        Self::with_parses(
            records,
            graph,
            tasker,
            |rec: &Record, _| match crate::source::read(&rec.path) {
                Ok(source) => (source.parse().cable, None),
                Err(e) => (Cable::default(), Some(e.to_string())),
            },
        )
    }

    /// As [`Study::load`], the replies' parses given: `cables[i]` is the parse of
    /// `records[i]` (taken from it), for a caller that parsed them to make the records.
    #[must_use]
    pub fn load_parsed(
        records: &[Record],
        cables: &mut [Cable],
        graph: &RefGraph,
        tasker: &str,
    ) -> Option<Self> {
        Self::with_parses(records, graph, tasker, |_, i| {
            (
                cables.get_mut(i).map(std::mem::take).unwrap_or_default(),
                None,
            )
        })
    }

    /// Study `tasker`, `parse` giving each reply's parse (or why it could not be read)
    /// from its record and index.
    fn with_parses(
        records: &[Record],
        graph: &RefGraph,
        tasker: &str,
        mut parse: impl FnMut(&Record, usize) -> (Cable, Option<String>),
    ) -> Option<Self> {
        let responders = responders::responders(records, graph, tasker)?;
        let replies = responders
            .replies()
            .filter_map(|(post, r)| {
                let rec = records.get(r.record)?;
                let (cable, error) = parse(rec, r.record);
                Some((post.to_owned(), rec, r.follow_up, cable, error))
            })
            .collect::<Vec<_>>();
        let mut study = Self {
            questionnaire: Questionnaire::default(),
            replies: replies
                .into_iter()
                .map(|(post, rec, follow_up, cable, error)| Studied {
                    units: reply::units(&cable),
                    post,
                    id: rec.id.clone(),
                    date: rec.date,
                    path: rec.path.clone(),
                    follow_up,
                    cable,
                    answers: Vec::new(),
                    error,
                })
                .collect(),
            responders,
        };
        study.align();
        Some(study)
    }

    /// Rebuild the questionnaire from the replies and align each of them: keyed and
    /// numbered replies first (their headings become titles of the sections they answer),
    /// then the headings-only ones.
    pub fn align(&mut self) {
        let quoting: Vec<(&str, &Cable, &[Unit])> = self
            .replies
            .iter()
            .map(|r| (r.id.as_str(), &r.cable, r.units.as_slice()))
            .collect();
        let mut q = Questionnaire::build(&self.responders.tasker, &quoting);
        for r in self.replies.iter_mut().filter(|r| !r.units.is_empty()) {
            r.answers = align::align(&q, &r.cable, &r.units);
            align::learn_titles(&mut q, &r.units, &r.answers);
        }
        for r in self.replies.iter_mut().filter(|r| r.units.is_empty()) {
            r.answers = align::align(&q, &r.cable, &r.units);
        }
        self.questionnaire = q;
    }

    /// The tasker key a user names: `23.E`, or `q17@06MEXICO1113` (the question that
    /// reply numbers 17, by its alignment).
    ///
    /// # Errors
    /// A message saying what is wrong with `spec`.
    pub fn resolve(&self, spec: &str) -> Result<Key, String> {
        let Some((q, reply)) = spec.split_once('@') else {
            return Key::parse(spec)
                .ok_or_else(|| format!("{spec}: not a key (like 23.E or q17@06MEXICO1113)"));
        };
        let number: u32 = q
            .trim()
            .trim_start_matches(['q', 'Q'])
            .parse()
            .map_err(|_| format!("{spec}: not a question number (like q17@06MEXICO1113)"))?;
        let id = crate::parse::canonical_id(reply).unwrap_or_else(|| reply.to_owned());
        let r = self
            .replies
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| format!("{id}: not a reply to {}", self.responders.tasker))?;
        if !r.units.iter().any(|u| u.number == Some(number)) {
            return Err(format!("{id} has no question {number}"));
        }
        r.answers
            .iter()
            .find(|a| a.number == Some(number))
            .and_then(|a| a.key)
            .ok_or_else(|| format!("{id}'s question {number} is aligned to no tasker key"))
    }

    /// The reply `id`.
    #[must_use]
    pub fn reply(&self, id: &str) -> Option<&Studied> {
        self.replies.iter().find(|r| r.id == id)
    }

    /// The aligned answer of reply `id` holding byte `offset` of paragraph `paragraph`
    /// (where the reader's cursor is): from a reply's question to the tasker's key, or to
    /// the section for a heading alignment. The label before a question (`Question 17. `,
    /// `-- E. `, up to [`LABEL_SLACK`] bytes) counts as part of its answer.
    #[must_use]
    pub fn answer_at(&self, id: &str, paragraph: usize, offset: usize) -> Option<&Answer> {
        self.reply(id)?.answers.iter().find(|a| {
            let mut ranges = a
                .passages
                .iter()
                .chain(a.question.as_ref())
                .filter(|p| p.paragraph == paragraph)
                .map(|p| p.range.clone());
            let Some(first) = ranges.next() else {
                return false;
            };
            let (start, end) = ranges.fold((first.start, first.end), |(s, e), r| {
                (s.min(r.start), e.max(r.end))
            });
            start.saturating_sub(LABEL_SLACK) <= offset && offset < end.max(start + 1)
        })
    }

    /// Every reply's answer to `key`, one row per reply (more when a reply answers it in
    /// several places): the answer aligned to the key, else the section-level answer of
    /// its section, else a row saying nothing aligned.
    #[must_use]
    pub fn answers(&self, key: Key) -> Vec<Row> {
        let mut rows = Vec::new();
        for r in &self.replies {
            let chosen = r.answers_to(key);
            if chosen.is_empty() {
                rows.push(Row {
                    post: r.post.clone(),
                    id: r.id.clone(),
                    date: day(r.date),
                    paragraph: None,
                    paragraph_index: None,
                    key: None,
                    section: None,
                    label: None,
                    how: None,
                    confidence: 0.0,
                    text: String::new(),
                });
            }
            for a in chosen {
                rows.push(Row {
                    post: r.post.clone(),
                    id: r.id.clone(),
                    date: day(r.date),
                    paragraph: Some(paragraph_label(&r.cable, a)),
                    paragraph_index: a.passages.first().map(|p| p.paragraph),
                    key: a.key,
                    section: Some(a.section),
                    label: Some(a.label.clone()),
                    how: Some(a.how),
                    confidence: a.confidence,
                    text: answer_text(&r.cable, a),
                });
            }
        }
        rows
    }
}

fn how_or_none<S: serde::Serializer>(how: &Option<How>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(how.map_or("none", How::as_str))
}

fn day(date: Option<DateTime<Utc>>) -> Option<String> {
    date.map(|d| d.format("%Y-%m-%d").to_string())
}

/// `¶18`; `¶24–¶33` for several paragraphs.
#[must_use]
pub fn paragraph_label(cable: &Cable, a: &Answer) -> String {
    let label = |i: usize| {
        cable
            .paragraphs
            .get(i)
            .map_or_else(String::new, |p| p.label())
    };
    match (a.passages.first(), a.passages.last()) {
        (Some(f), Some(l)) if f.paragraph != l.paragraph => {
            format!("{}–{}", label(f.paragraph), label(l.paragraph))
        }
        (Some(f), _) => label(f.paragraph),
        _ => String::new(),
    }
}

/// The answer's text, its passages joined by blank lines.
#[must_use]
pub fn answer_text(cable: &Cable, a: &Answer) -> String {
    a.passages
        .iter()
        .filter_map(|p| cable.paragraphs.get(p.paragraph)?.text.get(p.range.clone()))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n\n")
}
