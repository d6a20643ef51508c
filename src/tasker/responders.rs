//! A tasker's responders: the cables whose REF list cites it, grouped by post, with
//! multi-part replies and follow-ups gathered under their post; the posts that answered
//! another year's tasker of the same family but not this one; and which cables of a
//! corpus look like taskers at all.
//!
//! Ids are compared canonically ([`crate::parse::canonical_id`]), so `06STATE3836`,
//! `STATE 003836`, `SECSTATE 003836` and `06 STATE 3836` are one tasker.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use regex::Regex;
use serde::Serialize;

use crate::corpus::{Record, RefGraph};

/// Which part of a reply sent in several cables this one is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// As the subject writes it: `PART 1 OF 2`, `(2 OF 4)`, `PROSECUTION`.
    pub label: String,
    /// Its number, when numbered.
    pub number: Option<u32>,
    /// Of how many, when said.
    pub of: Option<u32>,
}

/// One cable answering the tasker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    /// Index of its record in the corpus.
    pub record: usize,
    /// Its canonical id.
    pub id: String,
    /// Its date-time group.
    pub date: Option<DateTime<Utc>>,
    /// Its subject.
    pub subject: Option<String>,
    /// The part it is of a reply in several cables.
    pub part: Option<Part>,
    /// Whether it follows up an earlier reply of its post (it cites that reply) rather
    /// than answering the tasker first.
    pub follow_up: bool,
}

/// The replies of one post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostReplies {
    /// The post as WikiLeaks names it (`Embassy Dakar`).
    pub post: String,
    /// Its replies: first answers by date (parts in part order), then follow-ups.
    pub replies: Vec<Reply>,
}

/// Another year's tasker of the same family, and the posts that answered it but not
/// this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherYear {
    /// Its canonical id.
    pub tasker: String,
    /// Posts that answered it and not this tasker, sorted.
    pub posts: Vec<String>,
}

/// Everything the tasker view lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Responders {
    /// The tasker's canonical id.
    pub tasker: String,
    /// Whether the tasker itself is in the corpus.
    pub in_corpus: bool,
    /// Posts in order of their first reply's date.
    pub posts: Vec<PostReplies>,
    /// Same-family taskers of other years present in the corpus.
    pub other_years: Vec<OtherYear>,
}

impl Responders {
    /// Every reply, post by post.
    pub fn replies(&self) -> impl Iterator<Item = (&str, &Reply)> {
        self.posts
            .iter()
            .flat_map(|p| p.replies.iter().map(move |r| (p.post.as_str(), r)))
    }
}

/// The rows of how a subject names a part: a pattern with `n` and maybe `of` groups.
const PART_FORMS: &[&str] = &[
    r"(?i)\bPART\s+(?P<n>\d+)\s+OF\s+(?P<of>\d+)\b",
    r"\((?P<n>\d+)\s+OF\s+(?P<of>\d+)\)",
    r"(?i)\bPART\s+(?P<n>\d+)\b",
    r"(?i)\b(?:PREVENTION|PROSECUTION|PROTECTION)\b",
];

/// The part a subject names, when one of [`PART_FORMS`] matches. The pillar form
/// (`PROSECUTION`) counts only when `several` (the post sent more than one reply).
#[must_use]
pub fn part(subject: &str, several: bool) -> Option<Part> {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        PART_FORMS
            .iter()
            .filter_map(|p| Regex::new(p).ok())
            .collect()
    });
    res.iter().find_map(|re| {
        let c = re.captures(subject)?;
        let number = c.name("n").and_then(|m| m.as_str().parse().ok());
        if number.is_none() && !several {
            return None;
        }
        Some(Part {
            label: c.get(0)?.as_str().to_uppercase(),
            number,
            of: c.name("of").and_then(|m| m.as_str().parse().ok()),
        })
    })
}

/// The responders of `tasker` (any spelling of its id), or `None` when the id is not one
/// or no cable of the corpus is or cites it.
#[must_use]
pub fn responders(records: &[Record], graph: &RefGraph, tasker: &str) -> Option<Responders> {
    let tasker = crate::parse::canonical_id(tasker)?;
    let in_corpus = graph.record(&tasker).is_some();
    let citing = graph.citing(&tasker);
    if !in_corpus && citing.is_empty() {
        return None;
    }
    let mut by_post: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in citing {
        if let Some(r) = records.get(i) {
            by_post.entry(r.post()).or_default().push(i);
        }
    }
    // Follow-ups that cite a post's reply but not the tasker.
    let direct: BTreeSet<usize> = citing.iter().copied().collect();
    let mut follow: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in citing {
        let Some(r) = records.get(i) else { continue };
        for &j in graph.citing(&r.id) {
            let Some(f) = records.get(j) else { continue };
            if !direct.contains(&j) && f.post() == r.post() {
                let list = follow.entry(f.post()).or_default();
                if !list.contains(&j) {
                    list.push(j);
                }
            }
        }
    }
    let mut posts: Vec<PostReplies> = by_post
        .into_iter()
        .map(|(post, list)| {
            let several = list.len() > 1;
            let own: BTreeSet<&str> = list
                .iter()
                .filter_map(|&i| records.get(i).map(|r| r.id.as_str()))
                .collect();
            let mut replies: Vec<Reply> = list
                .iter()
                .chain(follow.get(&post).into_iter().flatten())
                .filter_map(|&i| {
                    let r = records.get(i)?;
                    let follow_up =
                        !direct.contains(&i) || r.refs.iter().any(|c| own.contains(c.as_str()));
                    Some(Reply {
                        record: i,
                        id: r.id.clone(),
                        date: r.date,
                        subject: r.subject.clone(),
                        part: r.subject.as_deref().and_then(|s| part(s, several)),
                        follow_up,
                    })
                })
                .collect();
            replies.sort_by(|a, b| {
                (
                    a.follow_up,
                    a.date,
                    a.part.as_ref().and_then(|p| p.number),
                    &a.id,
                )
                    .cmp(&(
                        b.follow_up,
                        b.date,
                        b.part.as_ref().and_then(|p| p.number),
                        &b.id,
                    ))
            });
            PostReplies { post, replies }
        })
        .collect();
    posts.sort_by(|a, b| {
        let first = |p: &PostReplies| p.replies.first().and_then(|r| r.date);
        (first(a), &a.post).cmp(&(first(b), &b.post))
    });
    let other_years = other_years(records, graph, &tasker, &posts);
    Some(Responders {
        tasker,
        in_corpus,
        posts,
        other_years,
    })
}

/// The words (four letters or more, not numbers) in more than half of the subjects of the
/// cables citing `id`: what its replies are about (`TRAFFICKING`, `PERSONS`, `REPORT`).
#[must_use]
pub fn subject_family(records: &[Record], graph: &RefGraph, id: &str) -> BTreeSet<String> {
    family(
        graph
            .citing(id)
            .iter()
            .filter_map(|&i| records.get(i))
            .map(|r| r.subject.as_deref().unwrap_or("")),
    )
}

/// The words (four letters or more, not numbers, in capitals) in more than half of
/// `subjects`.
#[must_use]
pub fn family<'a>(subjects: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut n = 0;
    for subject in subjects {
        n += 1;
        let words: BTreeSet<String> = subject
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_uppercase)
            .collect();
        for w in words {
            *counts.entry(w).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, c)| 2 * c > n)
        .map(|(w, _)| w)
        .collect()
}

/// The (year, station) of a canonical id: `06STATE3836` → (6, `STATE`).
#[must_use]
pub fn year_station(id: &str) -> Option<(&str, &str)> {
    let year = id.get(..2)?;
    let rest = id.get(2..)?;
    Some((year, rest.trim_end_matches(|c: char| c.is_ascii_digit())))
}

/// Same-station taskers of other years, cited by two cables or more, whose replies'
/// subject family shares at least half of this tasker's.
fn other_years(
    records: &[Record],
    graph: &RefGraph,
    tasker: &str,
    posts: &[PostReplies],
) -> Vec<OtherYear> {
    let Some((year, station)) = year_station(tasker) else {
        return Vec::new();
    };
    let family = subject_family(records, graph, tasker);
    if family.is_empty() {
        return Vec::new();
    }
    let answered: BTreeSet<&str> = posts.iter().map(|p| p.post.as_str()).collect();
    let mut out = Vec::new();
    let candidates: BTreeSet<&str> = records
        .iter()
        .flat_map(|r| r.refs.iter().map(String::as_str))
        .filter(|id| {
            year_station(id).is_some_and(|(y, s)| y != year && s == station)
                && graph.citing(id).len() >= 2
        })
        .collect();
    for other in candidates {
        let theirs = subject_family(records, graph, other);
        if 2 * theirs.intersection(&family).count() < family.len() {
            continue;
        }
        let posts: BTreeSet<String> = graph
            .citing(other)
            .iter()
            .filter_map(|&i| records.get(i))
            .map(Record::post)
            .filter(|p| !answered.contains(p.as_str()))
            .collect();
        out.push(OtherYear {
            tasker: other.to_owned(),
            posts: posts.into_iter().collect(),
        });
    }
    out
}

/// A cable that looks like a tasker: cited by replies from several posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// Its canonical id.
    pub id: String,
    /// Whether it is absent from the corpus (known only by who cites it).
    pub missing: bool,
    /// How many cables cite it.
    pub replies: usize,
    /// From how many posts.
    pub posts: usize,
}

/// The cables cited by cables of at least `min_posts` posts, most posts first: the
/// corpus's taskers (a questionnaire every post answers is cited by many posts; a chain
/// of one post's cables is not).
#[must_use]
pub fn taskers(records: &[Record], graph: &RefGraph, min_posts: usize) -> Vec<Candidate> {
    let cited: BTreeSet<&str> = records
        .iter()
        .flat_map(|r| r.refs.iter().map(String::as_str))
        .collect();
    let mut out: Vec<Candidate> = cited
        .into_iter()
        .filter_map(|id| {
            let citing = graph.citing(id);
            let posts: BTreeSet<String> = citing
                .iter()
                .filter_map(|&i| records.get(i))
                .map(Record::post)
                .collect();
            (posts.len() >= min_posts).then(|| Candidate {
                id: id.to_owned(),
                missing: graph.record(id).is_none(),
                replies: citing.len(),
                posts: posts.len(),
            })
        })
        .collect();
    out.sort_by(|a, b| (b.posts, b.replies, &a.id).cmp(&(a.posts, a.replies, &b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, origin: &str, day: u32, subject: &str, refs: &[&str]) -> Record {
        Record {
            id: id.to_owned(),
            path: format!("{id}.txt").into(),
            date: chrono::TimeZone::with_ymd_and_hms(&Utc, 2006, 3, day, 0, 0, 0).single(),
            origin: Some(origin.to_owned()),
            level: None,
            classification: None,
            tags: Vec::new(),
            subject: Some(subject.to_owned()),
            refs: refs.iter().map(|&r| r.to_owned()).collect(),
            undated: Vec::new(),
            placed: Vec::new(),
        }
    }

    #[test]
    fn posts_parts_follow_ups_and_other_years() {
        let records = [
            record(
                "06MEXICO1113",
                "Embassy Mexico",
                2,
                "SIXTH ANNUAL TRAFFICKING IN PERSONS REPORT - MEXICO",
                &["06STATE3836"],
            ),
            record(
                "06DAKAR528",
                "Embassy Dakar",
                2,
                "SENEGAL: ANNUAL TRAFFICKING IN PERSONS REPORT",
                &["06STATE3836"],
            ),
            record(
                "06MEXICO1200",
                "Embassy Mexico",
                9,
                "CORRECTION TO TIP REPORT",
                &["06MEXICO1113"],
            ),
            record(
                "07LIMA20",
                "Embassy Lima",
                3,
                "PERU: TRAFFICKING IN PERSONS REPORT (2 OF 2)",
                &["07STATE202745"],
            ),
            record(
                "07LIMA19",
                "Embassy Lima",
                3,
                "PERU: TRAFFICKING IN PERSONS REPORT (1 OF 2)",
                &["07STATE202745"],
            ),
            record(
                "07MEXICO900",
                "Embassy Mexico",
                1,
                "SEVENTH ANNUAL TRAFFICKING IN PERSONS REPORT",
                &["07STATE202745"],
            ),
            record(
                "07STATE5",
                "Secretary of State",
                1,
                "NATO PLANNING",
                &["07STATE4"],
            ),
            record(
                "07PARIS1",
                "Embassy Paris",
                1,
                "NATO PLANNING",
                &["07STATE4"],
            ),
        ];
        let graph = RefGraph::new(&records);
        let r = responders(&records, &graph, "06 STATE 03836").expect("cited");
        let posts: Vec<(&str, Vec<(&str, bool)>)> = r
            .posts
            .iter()
            .map(|p| {
                (
                    p.post.as_str(),
                    p.replies
                        .iter()
                        .map(|x| (x.id.as_str(), x.follow_up))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            posts,
            [
                ("Embassy Dakar", vec![("06DAKAR528", false)]),
                (
                    "Embassy Mexico",
                    vec![("06MEXICO1113", false), ("06MEXICO1200", true)]
                ),
            ]
        );
        // Lima answered 2007's TIP tasker but not 2006's; NATO planning is no TIP cable.
        assert_eq!(
            r.other_years,
            [OtherYear {
                tasker: "07STATE202745".to_owned(),
                posts: vec!["Embassy Lima".to_owned()]
            }]
        );
        let r = responders(&records, &graph, "07STATE202745").expect("cited");
        let lima = r
            .posts
            .iter()
            .find(|p| p.post == "Embassy Lima")
            .expect("Lima");
        let parts: Vec<(&str, Option<u32>, Option<u32>)> = lima
            .replies
            .iter()
            .map(|x| {
                let p = x.part.as_ref().expect("a part");
                (x.id.as_str(), p.number, p.of)
            })
            .collect();
        assert_eq!(
            parts,
            [
                ("07LIMA19", Some(1), Some(2)),
                ("07LIMA20", Some(2), Some(2))
            ]
        );
        assert!(responders(&records, &graph, "01NOWHERE1").is_none());
        assert!(responders(&records, &graph, "not an id").is_none());
    }

    #[test]
    fn parts_as_subjects_write_them() {
        let label = |s: &str, several| part(s, several).map(|p| (p.label, p.number, p.of));
        assert_eq!(
            label("TIP REPORT PART 1 OF 2", false),
            Some(("PART 1 OF 2".into(), Some(1), Some(2)))
        );
        assert_eq!(
            label("TIP REPORT (2 OF 4)", false),
            Some(("(2 OF 4)".into(), Some(2), Some(4)))
        );
        assert_eq!(
            label("TIP REPORT: PROSECUTION", true),
            Some(("PROSECUTION".into(), None, None))
        );
        assert_eq!(label("TIP REPORT: PROSECUTION", false), None);
        assert_eq!(label("TIP REPORT", true), None);
    }
}
