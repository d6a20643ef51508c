//! Approximate string search: Myers' bit-parallel algorithm (blocked, any pattern
//! length) finding where a quote occurs in a text with at most `k` edits, and a small
//! edit-distance similarity for scoring context.
//!
//! This is the last step of the re-anchoring cascade, the one Hypothesis uses for its
//! fuzzy anchoring. It works on `char`s so that accented text counts one edit per letter.

use std::collections::HashMap;

/// One approximate occurrence: char range in the text and the edits it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First char of the occurrence.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// Edit distance between the pattern and `text[start..end]`.
    pub errors: usize,
}

/// Pattern bit masks per 64-char block.
struct Peq {
    blocks: usize,
    ascii: [u32; 128],
    other: HashMap<char, u32>,
    /// Row `r` (blocks words) is the mask of alphabet symbol `r`; the last row is zeros.
    masks: Vec<u64>,
}

impl Peq {
    fn new(pattern: &[char]) -> Self {
        let blocks = pattern.len().div_ceil(64).max(1);
        let mut ascii = [u32::MAX; 128];
        let mut other = HashMap::new();
        let mut symbols: u32 = 0;
        let mut ids = Vec::with_capacity(pattern.len());
        for &c in pattern {
            let slot = if (c as u32) < 128 {
                &mut ascii[c as usize]
            } else {
                other.entry(c).or_insert(u32::MAX)
            };
            if *slot == u32::MAX {
                *slot = symbols;
                symbols += 1;
            }
            ids.push(*slot);
        }
        let mut masks = vec![0u64; (symbols as usize + 1) * blocks];
        for (i, id) in ids.into_iter().enumerate() {
            masks[id as usize * blocks + i / 64] |= 1u64 << (i % 64);
        }
        for v in &mut ascii {
            if *v == u32::MAX {
                *v = symbols;
            }
        }
        Self {
            blocks,
            ascii,
            other,
            masks,
        }
    }

    fn row(&self, c: char) -> &[u64] {
        let id = if (c as u32) < 128 {
            self.ascii[c as usize]
        } else {
            self.other
                .get(&c)
                .copied()
                .unwrap_or((self.masks.len() / self.blocks - 1) as u32)
        } as usize;
        &self.masks[id * self.blocks..(id + 1) * self.blocks]
    }
}

/// Calls `visit(j, d)` with the edit distance `d` of the best occurrence of `pattern`
/// ending just after `text[j]`; with `anchored` the occurrence must start at `text[0]`.
fn end_scores(
    pattern: &[char],
    text: impl Iterator<Item = char>,
    anchored: bool,
    mut visit: impl FnMut(usize, usize),
) {
    let m = pattern.len();
    if m == 0 {
        return;
    }
    if m <= 64 {
        return end_scores_one_block(pattern, text, anchored, visit);
    }
    let peq = Peq::new(pattern);
    let blocks = peq.blocks;
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    let last_bit = 1u64 << ((m - 1) % 64);
    let mut score = m;
    for (j, c) in text.enumerate() {
        let eqs = peq.row(c);
        let mut hin: i32 = i32::from(anchored);
        for b in 0..blocks {
            let mut eq = eqs[b];
            let (p, n) = (pv[b], mv[b]);
            let hin_neg = u64::from(hin < 0);
            let xv = eq | n;
            eq |= hin_neg;
            let xh = (((eq & p).wrapping_add(p)) ^ p) | eq;
            let mut ph = n | !(xh | p);
            let mut mh = p & xh;
            let high = if b + 1 == blocks {
                last_bit
            } else {
                1u64 << 63
            };
            let hout = i32::from(ph & high != 0) - i32::from(mh & high != 0);
            ph <<= 1;
            mh <<= 1;
            mh |= hin_neg;
            ph |= u64::from(hin > 0);
            pv[b] = mh | !(xv | ph);
            mv[b] = ph & xv;
            hin = hout;
        }
        score = score.saturating_add_signed(hin as isize);
        visit(j, score);
    }
}

/// [`end_scores`] for patterns of at most 64 chars: one machine word, no block loop.
fn end_scores_one_block(
    pattern: &[char],
    text: impl Iterator<Item = char>,
    anchored: bool,
    mut visit: impl FnMut(usize, usize),
) {
    let m = pattern.len();
    let mut ascii = [0u64; 128];
    let mut other: HashMap<char, u64> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        if (c as u32) < 128 {
            ascii[c as usize] |= 1 << i;
        } else {
            *other.entry(c).or_insert(0) |= 1 << i;
        }
    }
    let high = 1u64 << (m - 1);
    let hin_neg = 0u64;
    let hin_pos = u64::from(anchored);
    let (mut pv, mut mv) = (u64::MAX, 0u64);
    let mut score = m;
    for (j, c) in text.enumerate() {
        let eq = if (c as u32) < 128 {
            ascii[c as usize]
        } else {
            other.get(&c).copied().unwrap_or(0)
        };
        let xv = eq | mv;
        let eq = eq | hin_neg;
        let xh = (((eq & pv).wrapping_add(pv)) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        // Branch-free: the sign of the bottom cell's change is data-dependent.
        score = score + usize::from(ph & high != 0) - usize::from(mh & high != 0);
        ph = (ph << 1) | hin_pos;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
        visit(j, score);
    }
}

/// Occurrences of `pattern` in `text` with at most `k` edits: the best end in each run of
/// qualifying ends, its start found by searching backwards; at most `limit`, fewest
/// errors first.
#[must_use]
pub fn search(pattern: &[char], text: &[char], k: usize, limit: usize) -> Vec<Match> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return Vec::new();
    }
    let mut ends: Vec<(usize, usize)> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    end_scores(pattern, text.iter().copied(), false, |j, score| {
        if score > k {
            if let Some(r) = run.take() {
                ends.push(r);
            }
        } else if run.is_none_or(|(_, best)| score < best) {
            run = Some((j, score));
        }
    });
    ends.extend(run);
    ends.sort_by_key(|&(j, s)| (s, j));
    ends.truncate(limit);
    let reversed: Vec<char> = pattern.iter().rev().copied().collect();
    ends.into_iter()
        .map(|(j, errors)| {
            let end = j + 1;
            let from = end.saturating_sub(m + k);
            let mut best = (usize::MAX, 0);
            end_scores(
                &reversed,
                text[from..end].iter().rev().copied(),
                true,
                |i, s| {
                    if s < best.0 {
                        best = (s, i);
                    }
                },
            );
            Match {
                start: end - (best.1 + 1),
                end,
                errors,
            }
        })
        .collect()
}

/// Levenshtein distance between two short strings (chars).
#[must_use]
pub fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Similarity in `0.0..=1.0`: one minus the edit distance over the longer length (two
/// empty strings are identical).
#[must_use]
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    #[allow(clippy::cast_precision_loss)]
    let sim = 1.0 - distance(&a, &b) as f64 / longest as f64;
    sim
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_with_errors() {
        let text = chars("the quick brown fox jumps over the lazy dog");
        let m = search(&chars("quikc brown"), &text, 3, 5);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].errors, 2);
        let found: String = text[m[0].start..m[0].end].iter().collect();
        assert!(found.contains("brown"), "{found}");
        assert!(search(&chars("zzzzzz"), &text, 1, 5).is_empty());
    }

    #[test]
    fn long_patterns_use_several_blocks() {
        let base: String = (0..40).map(|i| format!("word{i} ")).collect();
        let pattern = chars(&base[20..200]);
        let mut edited = base.clone();
        edited.replace_range(100..104, "WXYZ");
        let text = chars(&format!("prefix {edited} suffix"));
        let m = search(&pattern, &text, 30, 3);
        assert_eq!(m.len(), 1);
        assert!(m[0].errors <= 4, "{m:?}");
        assert_eq!(m[0].start, 7 + 20);
        assert_eq!(m[0].end, 7 + 200);
    }

    /// Semi-global edit distance by the textbook dynamic programme.
    fn naive(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for (j, &t) in text.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; m + 1];
            for i in 1..=m {
                let sub = col[i - 1] + usize::from(pattern[i - 1] != t);
                next[i] = sub.min(col[i] + 1).min(next[i - 1] + 1);
            }
            out.push(next[m]);
            col = next;
        }
        out
    }

    #[test]
    fn bit_parallel_matches_the_textbook_programme() {
        let mut state = 7u64;
        let mut word = |n: usize| -> Vec<char> {
            (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    ['a', 'b', 'c', 'é', ' '][(state >> 33) as usize % 5]
                })
                .collect()
        };
        for m in [1, 5, 63, 64, 65, 130] {
            let pattern = word(m);
            let text = word(300);
            for anchored in [false, true] {
                let mut got = Vec::new();
                end_scores(&pattern, text.iter().copied(), anchored, |_, s| got.push(s));
                assert_eq!(
                    got,
                    naive(&pattern, &text, anchored),
                    "m={m} anchored={anchored}"
                );
            }
        }
    }

    #[test]
    fn distance_and_similarity() {
        assert_eq!(distance(&chars("kitten"), &chars("sitting")), 3);
        assert!((similarity("", "") - 1.0).abs() < f64::EPSILON);
        assert!(similarity("abcd", "abce") > 0.7);
    }
}
