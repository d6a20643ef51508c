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
