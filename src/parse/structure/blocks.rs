//! The parts found inside a paragraph's clean text once it is whole: a `Question N.` and
//! its response, and inline Begin/End blocks (`(Note: … End Note.)`, `Comment: … End
//! Comment.`, `BEGIN SUMMARY … END SUMMARY`).

use crate::cable::{Block, BlockKind, Question, QuestionNumber};
use crate::parse::scan::marking;
use crate::parse::vocab::{INLINE_BLOCKS, RESPONSE_MARKERS, marker_len};

/// Find `Question N.` / `Question A` at the start and the response marker after it.
pub(super) fn question(text: &str) -> Option<Question> {
    let rest = text.strip_prefix("Question ")?;
    let label_len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let label = rest.get(..label_len)?;
    if label.is_empty() || label.len() > 4 {
        return None;
    }
    let number = match label.parse::<u32>() {
        Ok(n) => QuestionNumber::Number(n),
        Err(_) => QuestionNumber::Label(label.to_owned()),
    };
    let mut q_start = "Question ".len() + label_len;
    let tb = text.as_bytes();
    while tb
        .get(q_start)
        .is_some_and(|b| matches!(b, b'.' | b':' | b' '))
    {
        q_start += 1;
    }
    let mut found: Option<(usize, usize)> = None;
    for (i, _) in text.match_indices('\n') {
        let line = text.get(i + 1..).unwrap_or("");
        let line_m = match marking(line, 0) {
            Some((_, k)) if line.starts_with('(') => k,
            _ => 0,
        };
        // A response marker of the table (`Post Response:`), compared in place.
        let l = line.get(line_m..).unwrap_or("").as_bytes();
        if let Some(len) = RESPONSE_MARKERS.iter().find_map(|m| marker_len(l, m)) {
            // The marker's colon, when the table's marker leaves it out.
            let mut end = len;
            while l.get(end) == Some(&b' ') {
                end += 1;
            }
            let end = if l.get(end) == Some(&b':') {
                end + 1
            } else {
                len
            };
            found = Some((i, i + 1 + line_m + end));
            break;
        }
    }
    let (q_end, r_start) = found.unwrap_or((text.len(), text.len()));
    let mut r_start = r_start;
    while tb.get(r_start) == Some(&b' ') {
        r_start += 1;
    }
    Some(Question {
        number,
        text: q_start.min(q_end)..q_end,
        response: r_start.min(text.len())..text.len(),
    })
}

/// The automaton of [`INLINE_BLOCKS`]' openers, leftmost first.
#[allow(clippy::expect_used)]
pub(super) static OPENERS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(INLINE_BLOCKS.iter().map(|(open, _, _)| open))
            .expect("valid built-in patterns")
    });

/// The leftmost block opener starting at or after `from`: its start, end and the index of
/// its row in [`INLINE_BLOCKS`].
pub(super) fn find_opener(text: &str, from: usize) -> Option<(usize, usize, usize)> {
    let m = OPENERS.find(aho_corasick::Input::new(text).span(from..text.len()))?;
    Some((m.start(), m.end(), m.pattern().as_usize()))
}

/// Inline Begin/End blocks.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut from = 0;
    // Per closer, the earliest position from which it was searched for and not found:
    // it cannot be found from any later position either, so a paragraph with many
    // openers and no closers is searched once per closer, not once per opener.
    let mut missing = [usize::MAX; INLINE_BLOCKS.len()];
    while let Some((m_start, m_end, slot)) = find_opener(text, from) {
        let Some(&(_, close, kind)) = INLINE_BLOCKS.get(slot) else {
            break;
        };
        let s = m_start;
        let s = if s > 0 && text.as_bytes().get(s - 1) == Some(&b'(') {
            s - 1
        } else {
            s
        };
        let after = m_end;
        let rest = text.get(after..).unwrap_or("");
        // The close must come before the next opener of the same kind.
        let gone = missing.get(slot).is_some_and(|&m| after >= m);
        let found = if gone {
            None
        } else {
            memchr::memmem::find(rest.as_bytes(), close.as_bytes()).or_else(|| find_ci(rest, close))
        };
        if found.is_none()
            && let Some(m) = missing.get_mut(slot)
        {
            *m = (*m).min(after);
        }
        let end = match found {
            Some(j) => {
                let mut e = after + j + close.len();
                let tb = text.as_bytes();
                while tb.get(e).is_some_and(|b| matches!(b, b'.' | b')' | b']')) {
                    e += 1;
                }
                e
            }
            None if s == 0 && kind == BlockKind::Comment => text.len(),
            None => {
                from = after;
                continue;
            }
        };
        out.push(Block {
            kind,
            range: s..end,
        });
        from = end.max(after);
    }
    out
}

/// Case-insensitive ASCII find. The needle's rarest letter in English (by a fixed
/// frequency order) is located with `memchr2` in either case and the whole needle
/// compared around it: for `End Note` that is every `d` rather than every `e`, a third as
/// many candidates.
pub(super) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    /// Letters from most to least frequent in English text.
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let n = needle.as_bytes();
    let h = hay.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    let rank = |b: u8| {
        BY_FREQUENCY
            .iter()
            .position(|&f| f == b.to_ascii_lowercase())
            .unwrap_or(0)
    };
    let (at, &anchor) = n
        .iter()
        .enumerate()
        .max_by_key(|&(i, &b)| (rank(b), usize::MAX - i))?;
    let (lo, up) = (anchor.to_ascii_lowercase(), anchor.to_ascii_uppercase());
    let last = h.len() - n.len() + at;
    let mut i = at;
    while i <= last {
        let j = i + memchr::memchr2(lo, up, h.get(i..=last)?)?;
        let start = j - at;
        if h.get(start..start + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(start);
        }
        i = j + 1;
    }
    None
}
