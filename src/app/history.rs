//! The jump history, walked like a browser's: every jump (go-to, search, link, tree)
//! records where it came from; Back and Forward move through the records.

use super::reader::Anchor;

/// Back and forward stacks of reading positions.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct History {
    /// Positions to go back to, most recent last.
    pub back: Vec<Anchor>,
    /// Positions to go forward to, most recent last.
    pub forward: Vec<Anchor>,
}

/// History longer than this forgets its oldest entries.
const LIMIT: usize = 1000;

impl History {
    /// Record a jump away from `from`; clears the forward stack.
    pub fn record(&mut self, from: Anchor) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// Go back from `current`: the position to show, if any.
    pub fn go_back(&mut self, current: Anchor) -> Option<Anchor> {
        let to = self.back.pop()?;
        self.forward.push(current);
        Some(to)
    }

    /// Go forward from `current`: the position to show, if any.
    pub fn go_forward(&mut self, current: Anchor) -> Option<Anchor> {
        let to = self.forward.pop()?;
        self.back.push(current);
        Some(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(unit: usize) -> Anchor {
        Anchor { unit, line: 0 }
    }

    #[test]
    fn walks_like_a_browser() {
        let mut h = History::default();
        h.record(at(0)); // jumped 0 -> 5
        h.record(at(5)); // jumped 5 -> 9
        assert_eq!(h.go_back(at(9)), Some(at(5)));
        assert_eq!(h.go_back(at(5)), Some(at(0)));
        assert_eq!(h.go_back(at(0)), None);
        assert_eq!(h.go_forward(at(0)), Some(at(5)));
        h.record(at(5)); // a new jump drops the forward entries
        assert!(h.forward.is_empty());
        assert_eq!(h.go_forward(at(7)), None);
    }
}
