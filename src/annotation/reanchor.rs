//! Finding annotated passages again after the cable text or the parser changed.
//!
//! The cascade of `ANNOTATIONS.md`: (1) the recorded paragraph and offsets, if the quote
//! is still there; (2) the exact quote elsewhere in the same paragraph(s); (3) the exact
//! quote anywhere in the document (the neighbouring paragraphs first, taken when the
//! context matches well; otherwise every occurrence scored on prefix, suffix and closeness);
//! (4) an approximate search for the quote (Myers, `min(256, len/2)` errors), candidates
//! scored on quote, prefix, suffix and closeness to the recorded position. Whatever is
//! found is [`AnchorStatus::Exact`] (step 1) or [`AnchorStatus::Moved`] (the exact quote
//! elsewhere) and the anchor is updated to the new place; a passage found only with other
//! words (step 4) is [`AnchorStatus::Changed`]: the anchor points at the new place but keeps
//! the quote the user annotated, with the words there now in [`Anchor::current`], so the
//! evidence is never rewritten silently. What is not found is [`AnchorStatus::Orphaned`]
//! and its anchor is left exactly as it was. Short quotes are trusted away from their place only
//! when their context matches, so a note is never silently pinned to a stray word.
//!
//! Whole-document approximate search has a work budget per run; past it, only a window
//! around the expected place is searched ([`ReanchorReport::narrowed`]), so notes opened
//! on the wrong cable cannot stall the reader.

use std::collections::HashMap;
use std::ops::Range;

use crate::cable::Cable;

use super::anchor::{Anchor, FlatText, tail_chars};
use super::fuzzy;
use super::model::AnchorStatus;

/// Which step of the cascade found a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The recorded paragraph and offsets still hold the quote.
    Offsets,
    /// The exact quote, elsewhere in its paragraph(s).
    Paragraph,
    /// The exact quote, elsewhere in the document.
    Document,
    /// An approximate match with this many edits.
    Approximate(usize),
    /// Not found.
    NotFound,
}

/// The outcome for one annotation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReanchorEntry {
    /// The annotation's id.
    pub id: String,
    /// Exact, moved, changed or orphaned.
    pub status: AnchorStatus,
    /// How it was found.
    pub method: Method,
}

/// The outcome for a whole set.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReanchorReport {
    /// One entry per annotation, in set order.
    pub entries: Vec<ReanchorEntry>,
    /// Approximate searches limited to a window near the recorded place because the
    /// run's work budget was spent (their orphans may be found on a closer look).
    pub narrowed: usize,
}

impl ReanchorReport {
    fn count(&self, status: AnchorStatus) -> usize {
        self.entries.iter().filter(|e| e.status == status).count()
    }
    /// Annotations found where recorded.
    #[must_use]
    pub fn exact(&self) -> usize {
        self.count(AnchorStatus::Exact)
    }
    /// Annotations found elsewhere.
    #[must_use]
    pub fn moved(&self) -> usize {
        self.count(AnchorStatus::Moved)
    }
    /// Annotations found with other words.
    #[must_use]
    pub fn changed(&self) -> usize {
        self.count(AnchorStatus::Changed)
    }
    /// Whether anything needs the user's attention (moved, changed or orphaned).
    #[must_use]
    pub fn needs_notice(&self) -> bool {
        self.moved() + self.changed() + self.orphaned() > 0
    }
    /// Annotations not found.
    #[must_use]
    pub fn orphaned(&self) -> usize {
        self.count(AnchorStatus::Orphaned)
    }
    /// The status of annotation `id`.
    #[must_use]
    pub fn status_of(&self, id: &str) -> Option<AnchorStatus> {
        self.entries.iter().find(|e| e.id == id).map(|e| e.status)
    }
}

impl std::fmt::Display for ReanchorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} exact, {} moved, {} changed, {} orphaned",
            self.exact(),
            self.moved(),
            self.changed(),
            self.orphaned()
        )
    }
}

/// Shorter quotes are not searched approximately (too many false matches).
const MIN_APPROXIMATE_CHARS: usize = 4;
/// Quotes shorter than this are only trusted away from their place when their context
/// matches too.
const SHORT_QUOTE_CHARS: usize = 16;
/// Paragraphs on each side searched before the whole document.
const NEARBY: usize = 3;
/// Char steps (text chars × 64-char pattern blocks) of whole-document approximate search
/// per re-anchoring run (a few tenths of a second); after that only a window is searched.
const APPROXIMATE_BUDGET: u64 = 40_000_000;
/// Chars searched on each side of the expected place once the budget is spent.
const APPROXIMATE_WINDOW: usize = 2_000;
/// Most candidates scored per step.
const MAX_CANDIDATES: usize = 64;

/// A cable prepared for re-anchoring many annotations.
pub struct Reanchorer<'a> {
    cable: &'a Cable,
    flat: FlatText,
    numbers: HashMap<u32, usize>,
    chars: Option<(Vec<char>, Vec<usize>)>,
    /// Char steps left for whole-document approximate searches.
    budget: u64,
    /// Approximate searches narrowed to a window because the budget ran out.
    narrowed: usize,
}

impl<'a> Reanchorer<'a> {
    /// Prepare `cable`.
    #[must_use]
    pub fn new(cable: &'a Cable) -> Self {
        let mut numbers = HashMap::new();
        for (i, p) in cable.paragraphs.iter().enumerate() {
            if let Some(n) = p.number {
                numbers.entry(n).or_insert(i);
            }
        }
        Self {
            cable,
            flat: FlatText::new(cable),
            numbers,
            chars: None,
            budget: APPROXIMATE_BUDGET,
            narrowed: 0,
        }
    }

    /// Find `anchor`'s passage: the updated anchor (`None` when it is unchanged or
    /// orphaned), the status and the method.
    pub fn locate(&mut self, anchor: &Anchor) -> (Option<Anchor>, AnchorStatus, Method) {
        let si = self.resolve_start(anchor);
        let ei = si.and_then(|si| self.resolve_end(anchor, si));
        // Where the passage was: its paragraph now, else the recorded index as a hint.
        let hint = si.unwrap_or_else(|| {
            anchor
                .start
                .index
                .min(self.cable.paragraphs.len().saturating_sub(1))
        });
        let expected = self
            .flat
            .to_flat(
                hint,
                anchor
                    .start
                    .offset
                    .min(self.flat.lens.get(hint).copied().unwrap_or(0)),
            )
            .unwrap_or(0)
            .min(self.flat.text.len());
        if let (Some(si), Some(ei)) = (si, ei) {
            // The quote where it was recorded (a changed passage whose words came back
            // is exact again); else the recorded current wording, still changed.
            let status = if self.at_offsets(anchor, si, ei, &anchor.exact) {
                Some(AnchorStatus::Exact)
            } else {
                anchor
                    .current
                    .as_deref()
                    .filter(|now| self.at_offsets(anchor, si, ei, now))
                    .map(|_| AnchorStatus::Changed)
            };
            if let Some(status) = status {
                let unchanged = anchor.start.index == si
                    && anchor.end.index == ei
                    && (status == AnchorStatus::Changed || anchor.current.is_none());
                let found = (!unchanged).then(|| {
                    let mut a = anchor.clone();
                    a.start.index = si;
                    a.end.index = ei;
                    if status == AnchorStatus::Exact {
                        a.current = None;
                    }
                    a
                });
                return (found, status, Method::Offsets);
            }
        }
        if anchor.exact.is_empty() {
            return (None, AnchorStatus::Orphaned, Method::NotFound);
        }
        let moved = |this: &Self, range: Range<usize>, method| {
            (
                Some(this.flat.anchor_at(this.cable, range)),
                AnchorStatus::Moved,
                method,
            )
        };
        if let Some(si) = si
            && let Some(region) = self.flat.paragraphs_range(si, ei.unwrap_or(si))
            && let Some((range, _)) = self.best_exact(anchor, region, expected, true)
        {
            return moved(self, range, Method::Paragraph);
        }
        // The neighbouring paragraphs first (renumbering, an inserted paragraph): taken
        // only when the context matches well, otherwise the whole document decides.
        let last = self.cable.paragraphs.len().saturating_sub(1);
        if let Some(region) = self
            .flat
            .paragraphs_range(hint.saturating_sub(NEARBY), (hint + NEARBY).min(last))
            && let Some((range, context)) = self.best_exact(anchor, region, expected, false)
            && context >= 0.75
        {
            return moved(self, range, Method::Document);
        }
        let whole = 0..self.flat.text.len();
        if let Some((range, context)) = self.best_exact(anchor, whole, expected, false)
            && (context >= 0.5 || anchor.exact.chars().count() >= SHORT_QUOTE_CHARS)
        {
            return moved(self, range, Method::Document);
        }
        if let Some((range, errors)) = self.approximate(anchor, expected) {
            if self.flat.text.get(range.clone()) == Some(anchor.exact.as_str()) {
                return moved(self, range, Method::Approximate(errors));
            }
            // Found with other words: point at the new place, keep the user's quote and
            // its context, and record the words there now beside it.
            let mut a = self.flat.anchor_at(self.cable, range);
            a.current = Some(std::mem::replace(&mut a.exact, anchor.exact.clone()));
            a.prefix.clone_from(&anchor.prefix);
            a.suffix.clone_from(&anchor.suffix);
            return (Some(a), AnchorStatus::Changed, Method::Approximate(errors));
        }
        (None, AnchorStatus::Orphaned, Method::NotFound)
    }

    /// How many approximate searches were narrowed to a window around the expected
    /// place because the run's work budget was spent.
    #[must_use]
    pub fn narrowed(&self) -> usize {
        self.narrowed
    }

    /// The paragraph numbered `n`; of two the drafter numbered alike, the one at the
    /// recorded `index` when it is there.
    fn numbered(&self, n: u32, index: usize) -> Option<usize> {
        if self
            .cable
            .paragraphs
            .get(index)
            .is_some_and(|p| p.number == Some(n))
        {
            return Some(index);
        }
        self.numbers.get(&n).copied()
    }

    fn resolve_start(&self, anchor: &Anchor) -> Option<usize> {
        match anchor.start.paragraph {
            Some(n) => self.numbered(n, anchor.start.index),
            None => {
                (anchor.start.index < self.cable.paragraphs.len()).then_some(anchor.start.index)
            }
        }
    }

    fn resolve_end(&self, anchor: &Anchor, si: usize) -> Option<usize> {
        let ei = match anchor.end.paragraph {
            Some(n) => self.numbered(n, anchor.end.index)?,
            None => si.checked_add(anchor.end.index.checked_sub(anchor.start.index)?)?,
        };
        (ei >= si && ei < self.cable.paragraphs.len()).then_some(ei)
    }

    /// Whether the recorded offsets (in paragraphs `si`..`ei`) hold `text`.
    fn at_offsets(&self, anchor: &Anchor, si: usize, ei: usize, text: &str) -> bool {
        if anchor.start.offset > self.flat.lens[si] || anchor.end.offset > self.flat.lens[ei] {
            return false;
        }
        let (Some(s), Some(e)) = (
            self.flat.to_flat(si, anchor.start.offset),
            self.flat.to_flat(ei, anchor.end.offset),
        ) else {
            return false;
        };
        s <= e && self.flat.text.get(s..e) == Some(text)
    }

    /// The best exact occurrence of the quote inside `region`, with its context
    /// similarity (prefix and suffix averaged). With `trust_single`, a lone occurrence is
    /// taken without scoring (context 1).
    fn best_exact(
        &self,
        anchor: &Anchor,
        region: Range<usize>,
        expected: usize,
        trust_single: bool,
    ) -> Option<(Range<usize>, f64)> {
        let hay = self.flat.text.get(region.clone())?;
        let quote = anchor.exact.as_str();
        // Overlapping occurrences; a match of valid UTF-8 in valid UTF-8 always starts on
        // a char boundary.
        let finder = memchr::memmem::Finder::new(quote.as_bytes());
        let mut starts = Vec::new();
        let mut from = 0;
        while let Some(i) = hay.as_bytes().get(from..).and_then(|h| finder.find(h)) {
            starts.push(region.start + from + i);
            from += i + 1;
            if starts.len() >= 10_000 {
                break;
            }
        }
        if starts.len() == 1 && trust_single {
            let s = starts[0];
            return Some((s..s + quote.len(), 1.0));
        }
        let mut best: Option<(f64, f64, usize)> = None;
        for &s in &starts {
            let e = s + quote.len();
            let (p, q) = self.context_scores(anchor, s, e);
            let score = 20.0 * p + 20.0 * q + 2.0 * self.closeness(s, expected);
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, f64::midpoint(p, q), s));
            }
        }
        let (_, context, s) = best?;
        Some((s..s + quote.len(), context))
    }

    fn context_scores(&self, anchor: &Anchor, s: usize, e: usize) -> (f64, f64) {
        let before = self.flat.text.get(..s).unwrap_or_default();
        let after = self.flat.text.get(e..).unwrap_or_default();
        let p = fuzzy::similarity(
            &anchor.prefix,
            tail_chars(before, anchor.prefix.chars().count()),
        );
        let n = anchor.suffix.chars().count();
        let q = fuzzy::similarity(&anchor.suffix, super::anchor::head_chars(after, n));
        (p, q)
    }

    #[allow(clippy::cast_precision_loss)]
    fn closeness(&self, at: usize, expected: usize) -> f64 {
        let len = self.flat.text.len().max(1) as f64;
        1.0 - (at.abs_diff(expected) as f64 / len).min(1.0)
    }

    /// Approximate search over the whole document.
    #[allow(clippy::cast_precision_loss)]
    fn approximate(&mut self, anchor: &Anchor, expected: usize) -> Option<(Range<usize>, usize)> {
        let pattern: Vec<char> = anchor.exact.chars().collect();
        let m = pattern.len();
        if m < MIN_APPROXIMATE_CHARS {
            return None;
        }
        if self.chars.is_none() {
            let mut chars = Vec::with_capacity(self.flat.text.len());
            let mut bytes = Vec::with_capacity(self.flat.text.len() + 1);
            for (i, c) in self.flat.text.char_indices() {
                chars.push(c);
                bytes.push(i);
            }
            bytes.push(self.flat.text.len());
            self.chars = Some((chars, bytes));
        }
        let (chars, bytes) = self.chars.as_ref()?;
        let k = (m / 2).min(256);
        // The whole document while the work budget lasts, then a window around the
        // expected place (so a set of notes opened on the wrong cable cannot stall).
        let cost = chars.len() as u64 * m.div_ceil(64) as u64;
        let window = if self.budget >= cost {
            self.budget -= cost;
            0..chars.len()
        } else {
            self.narrowed += 1;
            let at = bytes.partition_point(|&b| b < expected);
            let half = APPROXIMATE_WINDOW + m;
            at.saturating_sub(half)..(at + half).min(chars.len())
        };
        let base = window.start;
        let matches = fuzzy::search(&pattern, &chars[window], k, MAX_CANDIDATES);
        let mut best: Option<(f64, Range<usize>, usize, f64, f64)> = None;
        for mt in matches {
            let (s, e) = (bytes[base + mt.start], bytes[base + mt.end]);
            let quote = 1.0 - mt.errors as f64 / m as f64;
            let (p, q) = self.context_scores(anchor, s, e);
            let score =
                (50.0 * quote + 20.0 * p + 20.0 * q + 2.0 * self.closeness(s, expected)) / 92.0;
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, s..e, mt.errors, quote, f64::midpoint(p, q)));
            }
        }
        let (score, range, errors, quote, context) = best?;
        let trusted = if m < SHORT_QUOTE_CHARS {
            context >= 0.5 && score >= 0.7
        } else {
            score >= 0.65 || quote >= 0.85
        };
        (quote >= 0.5 && trusted).then_some((range, errors))
    }
}
