//! [`RefGraph`]: which cables of a corpus cite which, from their REF lists.
//!
//! Ids are the parser's canonical ones, so the variants of one cable are one node
//! (`SECSTATE 1234` and `STATE 1234` are both `STATE1234`). A cited id that no record
//! has is *missing*: a stub known only by who cites it. A cable's links followed further
//! make its REF chains ([`RefGraph::chain`]): back through the REF lists to what it stands
//! on, or forward to what followed it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::Record;

/// The REF links among a corpus's records.
#[derive(Debug, Default)]
pub struct RefGraph {
    /// Record index by id (the first record when two files hold one id).
    by_id: HashMap<String, usize>,
    /// For each cited id, the indexes of the records citing it, in record order.
    cited_by: HashMap<String, Vec<usize>>,
}

/// One cable's links, as `cablescope links --json` prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Links {
    /// The cable's canonical id.
    pub id: String,
    /// The ids its REF list cites, in order (empty for a missing cable).
    pub cites: Vec<String>,
    /// Those of `cites` written without a year whose year the corpus placed
    /// ([`super::Serials`]), not the parser.
    pub placed: Vec<String>,
    /// The ids of the cables whose REF list cites it, in corpus order.
    pub cited_by: Vec<String>,
    /// Those of `cited_by` whose REF wrote no year and cite it because the corpus placed
    /// that year ([`super::Serials`]).
    pub placed_by: Vec<String>,
    /// Whether the cable is not in the corpus (only cited).
    pub missing: bool,
    /// Its REF chains, when more than its own links were asked for (`links --depth`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<Chain>,
}

/// A cable's REF chains to a depth: [`Links`] followed link by link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chain {
    /// How many links deep the chains are followed (1: the cable's own links).
    pub depth: usize,
    /// Back through the REF lists: what it cites, what those cite…
    pub cites: Vec<Node>,
    /// Forward: the cables citing it, those citing them…
    pub cited_by: Vec<Node>,
}

/// A corpus's REF links at a glance, as `cablescope links DIR` prints them: how many,
/// and the cables most cited, in the folder or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    /// Cables in the corpus.
    pub cables: usize,
    /// REF links: each cable's cites of distinct cables, summed.
    pub links: usize,
    /// Distinct cables cited.
    pub cited: usize,
    /// Of those, the ones in the corpus.
    pub cited_in_corpus: usize,
    /// The most cited cables, most cited first (ties by id).
    pub top: Vec<Cited>,
}

/// A cable and how many cables of the corpus cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cited {
    /// Canonical id.
    pub id: String,
    /// How many cables of the corpus cite it.
    pub cited_by: usize,
    /// Not in the corpus, only cited.
    pub missing: bool,
}

/// Which way a chain runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// Back through REF lists, to the cables cited.
    Cites,
    /// Forward, to the cables citing.
    CitedBy,
}

/// What a chain's walk carries from one cable to the next.
struct Walk<'a> {
    records: &'a [Record],
    way: Way,
    depth: usize,
    /// The fewest links from the start to each cable reached.
    level: &'a HashMap<String, usize>,
}

/// One cable of a REF chain, with the cables it leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Canonical id.
    pub id: String,
    /// The link to it from the cable before it in the chain is a REF written without a
    /// year that the corpus placed ([`super::Serials`]): the cable before cites it so
    /// (towards the cited), or it cites the cable before so (towards the citing).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub placed: bool,
    /// Not in the corpus, only cited.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
    /// Its links are followed at another place of the chains (where it is nearest to
    /// the start), or it is the start itself, reached by a cycle. Never set on a cable
    /// without links that way.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
    /// It has links past the depth asked for, not followed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub more: bool,
    /// The cables it leads to, one link further.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<Node>,
}

impl RefGraph {
    /// The graph of `records`.
    #[must_use]
    pub fn new(records: &[Record]) -> Self {
        let mut by_id = HashMap::with_capacity(records.len());
        let mut cited_by: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            by_id.entry(r.id.clone()).or_insert(i);
            for cited in &r.refs {
                let citing = cited_by.entry(cited.clone()).or_default();
                // A cable citing one twice (two entries of its list) cites it once.
                if citing.last() != Some(&i) {
                    citing.push(i);
                }
            }
        }
        Self { by_id, cited_by }
    }

    /// The index of the record with this canonical id.
    #[must_use]
    pub fn record(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Indexes of the records citing `id`, in record order.
    #[must_use]
    pub fn citing(&self, id: &str) -> &[usize] {
        self.cited_by.get(id).map_or(&[], Vec::as_slice)
    }

    /// The links of the cable `id` (canonical), or `None` when it is neither in the
    /// corpus nor cited by it.
    #[must_use]
    pub fn links(&self, records: &[Record], id: &str) -> Option<Links> {
        let own = self.record(id).and_then(|i| records.get(i));
        let citing = self.next(records, id, Way::CitedBy);
        if own.is_none() && citing.is_empty() {
            return None;
        }
        let ids = |links: &[(&str, bool)], placed_only: bool| -> Vec<String> {
            links
                .iter()
                .filter(|(_, placed)| *placed || !placed_only)
                .map(|(c, _)| (*c).to_owned())
                .collect()
        };
        Some(Links {
            id: id.to_owned(),
            cites: own.map(|r| r.refs.clone()).unwrap_or_default(),
            placed: own.map(|r| r.placed.clone()).unwrap_or_default(),
            cited_by: ids(&citing, false),
            placed_by: ids(&citing, true),
            missing: own.is_none(),
            chain: None,
        })
    }

    /// The cables one link from `id` the `way` asked: ids, and whether that link's
    /// year was placed by the corpus.
    fn next<'r>(&self, records: &'r [Record], id: &str, way: Way) -> Vec<(&'r str, bool)> {
        match way {
            Way::Cites => self
                .record(id)
                .and_then(|i| records.get(i))
                .map(|r| {
                    r.refs
                        .iter()
                        .map(|c| (c.as_str(), r.placed.contains(c)))
                        .collect()
                })
                .unwrap_or_default(),
            Way::CitedBy => self
                .citing(id)
                .iter()
                .filter_map(|&i| records.get(i))
                .map(|r| (r.id.as_str(), r.placed.iter().any(|p| p == id)))
                .collect(),
        }
    }

    /// The REF chains from `id` (canonical) the `way` asked, `depth` links deep (at
    /// least one). A cable's links are followed once, where it is nearest to `id` (the
    /// first such place, in list order); wherever else it is reached (`id` itself in a
    /// cycle, too) it is marked [`Node::repeated`], so the chains are finite and each
    /// cable's links are written once, at the end of the shortest chain to it.
    #[must_use]
    pub fn chain(&self, records: &[Record], id: &str, way: Way, depth: usize) -> Vec<Node> {
        let depth = depth.max(1);
        // The fewest links from `id` to each cable within the depth, breadth first.
        let mut level = HashMap::from([(id.to_owned(), 0)]);
        let mut frontier = vec![id.to_owned()];
        for at in 1..=depth {
            let mut reached = Vec::new();
            for f in &frontier {
                for (next, _) in self.next(records, f, way) {
                    if !level.contains_key(next) {
                        level.insert(next.to_owned(), at);
                        reached.push(next.to_owned());
                    }
                }
            }
            frontier = reached;
        }
        let mut followed = HashSet::from([id.to_owned()]);
        let walk = Walk {
            records,
            way,
            depth,
            level: &level,
        };
        self.follow(&walk, self.next(records, id, way), 1, &mut followed)
    }

    /// The nodes of `links`, a cable's links ([`RefGraph::next`]), `at` links from the
    /// chain's start.
    fn follow(
        &self,
        walk: &Walk<'_>,
        links: Vec<(&str, bool)>,
        at: usize,
        followed: &mut HashSet<String>,
    ) -> Vec<Node> {
        let mut out = Vec::new();
        for (next, placed) in links {
            // A cable without links of its own (as most missing ones) has nothing to
            // follow, wherever it is reached.
            let its_links = self.next(walk.records, next, walk.way);
            let leads = !its_links.is_empty();
            let nearest = walk.level.get(next) == Some(&at);
            let ahead = leads && nearest && followed.insert(next.to_owned());
            let repeated = leads && !ahead;
            let further = if ahead && at < walk.depth {
                self.follow(walk, its_links, at + 1, followed)
            } else {
                Vec::new()
            };
            out.push(Node {
                id: next.to_owned(),
                placed,
                missing: self.record(next).is_none(),
                repeated,
                more: ahead && at == walk.depth,
                next: further,
            });
        }
        out
    }

    /// The corpus's links counted, with the `top` cables most cited.
    #[must_use]
    pub fn overview(&self, records: &[Record], top: usize) -> Overview {
        let mut cited: Vec<Cited> = self
            .cited_by
            .iter()
            .map(|(id, citing)| Cited {
                id: id.clone(),
                cited_by: citing.len(),
                missing: !self.by_id.contains_key(id),
            })
            .collect();
        let links = cited.iter().map(|c| c.cited_by).sum();
        let in_corpus = cited.iter().filter(|c| !c.missing).count();
        let total = cited.len();
        cited.sort_unstable_by(|a, b| b.cited_by.cmp(&a.cited_by).then_with(|| a.id.cmp(&b.id)));
        cited.truncate(top);
        Overview {
            cables: records.len(),
            links,
            cited: total,
            cited_in_corpus: in_corpus,
            top: cited,
        }
    }

    /// Cited ids that no record has, with how many records cite each, in id order.
    #[must_use]
    pub fn missing(&self) -> BTreeMap<&str, usize> {
        self.cited_by
            .iter()
            .filter(|(id, _)| !self.by_id.contains_key(*id))
            .map(|(id, citing)| (id.as_str(), citing.len()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, refs: &[&str]) -> Record {
        Record {
            id: id.to_owned(),
            path: format!("{id}.txt").into(),
            date: None,
            origin: None,
            level: None,
            classification: None,
            tags: Vec::new(),
            subject: None,
            refs: refs.iter().map(|&r| r.to_owned()).collect(),
            undated: Vec::new(),
            placed: Vec::new(),
        }
    }

    #[test]
    fn cites_cited_by_and_missing() {
        let records = [
            record("10CARACAS187", &["09CARACAS442", "09STATE1"]),
            record("09CARACAS442", &["08CARACAS9"]),
            record("10CARACAS200", &["09CARACAS442"]),
        ];
        let g = RefGraph::new(&records);
        let l = g.links(&records, "09CARACAS442").expect("in the corpus");
        assert_eq!(l.cites, ["08CARACAS9"]);
        assert_eq!(l.cited_by, ["10CARACAS187", "10CARACAS200"]);
        assert!(!l.missing);
        let stub = g.links(&records, "08CARACAS9").expect("cited");
        assert!(stub.missing && stub.cites.is_empty());
        assert_eq!(stub.cited_by, ["09CARACAS442"]);
        assert!(g.links(&records, "01NOWHERE1").is_none());
        assert_eq!(
            g.missing().into_iter().collect::<Vec<_>>(),
            [("08CARACAS9", 1), ("09STATE1", 1)]
        );
    }

    /// A node as `(id, marks)`, its `next` flattened after it with one more indent.
    fn flat(nodes: &[Node], indent: usize, out: &mut Vec<String>) {
        for n in nodes {
            let mut line = format!("{}{}", "  ".repeat(indent), n.id);
            for (set, mark) in [
                (n.missing, "missing"),
                (n.placed, "placed"),
                (n.repeated, "repeated"),
                (n.more, "more"),
            ] {
                if set {
                    line.push_str(&format!(" {mark}"));
                }
            }
            out.push(line);
            flat(&n.next, indent + 1, out);
        }
    }

    fn chain(g: &RefGraph, records: &[Record], id: &str, way: Way, depth: usize) -> Vec<String> {
        let mut out = Vec::new();
        flat(&g.chain(records, id, way, depth), 0, &mut out);
        out
    }

    #[test]
    fn chains_follow_each_cable_once_where_it_is_nearest() {
        let mut a = record("09A1", &["09B1", "09C1"]);
        a.placed = vec!["09C1".to_owned()];
        let records = [
            a,
            record("09B1", &["09A1", "09C1"]),
            record("09C1", &["08D1"]),
        ];
        let g = RefGraph::new(&records);
        // The cycle back to the start and C reached again are not followed again; D,
        // missing, has nothing to follow.
        assert_eq!(
            chain(&g, &records, "09A1", Way::Cites, 3),
            [
                "09B1",
                "  09A1 repeated",
                "  09C1 repeated",
                "09C1 placed",
                "  08D1 missing"
            ]
        );
        // One link deep: what lies past it is flagged, not followed.
        assert_eq!(
            chain(&g, &records, "09A1", Way::Cites, 1),
            ["09B1 more", "09C1 placed more"]
        );
        assert_eq!(
            chain(&g, &records, "09A1", Way::Cites, 0),
            chain(&g, &records, "09A1", Way::Cites, 1)
        );
        // Forward: the citing cables, the mark on the one whose cite of C was placed.
        assert_eq!(
            chain(&g, &records, "09C1", Way::CitedBy, 2),
            ["09A1 placed", "  09B1 repeated", "09B1", "  09A1 repeated"]
        );
        // A missing cable's chains run forward only.
        assert_eq!(
            chain(&g, &records, "08D1", Way::Cites, 4),
            Vec::<String>::new()
        );
        assert_eq!(
            chain(&g, &records, "08D1", Way::CitedBy, 4),
            [
                "09C1",
                "  09A1 placed",
                "    09B1 repeated",
                "  09B1",
                "    09A1 repeated"
            ]
        );
    }
}
