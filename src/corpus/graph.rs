//! [`RefGraph`]: which cables of a corpus cite which, from their REF lists.
//!
//! Ids are the parser's canonical ones, so the variants of one cable are one node
//! (`SECSTATE 1234` and `STATE 1234` are both `STATE1234`). A cited id that no record
//! has is *missing*: a stub known only by who cites it.

use std::collections::{BTreeMap, HashMap};

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
    /// Whether the cable is not in the corpus (only cited).
    pub missing: bool,
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
                cited_by.entry(cited.clone()).or_default().push(i);
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
        let citing = self.citing(id);
        if own.is_none() && citing.is_empty() {
            return None;
        }
        Some(Links {
            id: id.to_owned(),
            cites: own.map(|r| r.refs.clone()).unwrap_or_default(),
            placed: own.map(|r| r.placed.clone()).unwrap_or_default(),
            cited_by: citing
                .iter()
                .filter_map(|&i| records.get(i).map(|r| r.id.clone()))
                .collect(),
            missing: own.is_none(),
        })
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
}
