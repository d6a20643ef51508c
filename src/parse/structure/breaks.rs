//! What one line tells about paragraph breaks: whether it opens a block of its own (a
//! response, a list item, an inline note), whether a line ends a sentence, how long a line
//! is with OCR's doubled spaces collapsed, and whether it reads as a heading.

use crate::parse::scan::marking;
use crate::parse::vocab::{
    END_MARK, LINE_OPENERS, OPENER_FIRST, RESPONSE_FIRST, RESPONSE_MARKERS, starts_with_marker,
};

/// The first few words of `t` with whitespace collapsed (OCR doubles every space), in a
/// stack buffer so the per-line checks do not allocate.
pub(super) struct Head {
    buf: [u8; 32],
    len: usize,
}

impl Head {
    pub(super) fn as_str(&self) -> &str {
        self.buf
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

pub(super) fn head(t: &str) -> Head {
    let mut h = Head {
        buf: [0; 32],
        len: 0,
    };
    let mut space = false;
    for &b in t.as_bytes() {
        if h.len >= h.buf.len() || !b.is_ascii() {
            break;
        }
        if b.is_ascii_whitespace() {
            space = h.len > 0;
            continue;
        }
        if space {
            if let Some(slot) = h.buf.get_mut(h.len) {
                *slot = b' ';
            }
            h.len += 1;
            space = false;
            if h.len >= h.buf.len() {
                break;
            }
        }
        if let Some(slot) = h.buf.get_mut(h.len) {
            *slot = b;
        }
        h.len += 1;
    }
    h
}

/// Does `t` open a response (`Post response:`, `(SBU) GOA Response:` …, see
/// [`RESPONSE_MARKERS`])? Called on nearly every continuation line, so the first-byte
/// test derived from the table is inlined at the call and the rest is not.
#[inline]
pub(super) fn is_response(t: &str) -> bool {
    RESPONSE_FIRST.has(t.as_bytes().first()) && is_response_full(t)
}

#[inline(never)]
pub(super) fn is_response_full(t: &str) -> bool {
    let b = t.as_bytes();
    // Only a marking can come before the words.
    let from = if b.first() == Some(&b'(') {
        match marking(t, 0) {
            Some((_, k)) => k,
            None => return false,
        }
    } else {
        0
    };
    let rest = b.get(from..).unwrap_or(&[]);
    RESPONSE_MARKERS.iter().any(|m| starts_with_marker(rest, m))
}

/// Does line `t` open a block of its own (a response, a list item, an inline note; see
/// [`LINE_OPENERS`])? Lines whose first non-space byte starts no opener are turned away
/// before the line's head is built.
pub(super) fn opens_block(t: &str) -> bool {
    let first = t.bytes().find(|b| !b.is_ascii_whitespace());
    OPENER_FIRST.has(first.as_ref()) && opens_block_head(head(t).as_str())
}

/// The opener test on a line's head (see [`head`]).
pub(super) fn opens_block_head(t: &str) -> bool {
    is_response(t) || LINE_OPENERS.iter().any(|o| t.starts_with(o))
}

/// Whether line `t` closes quoted material (`END TALKING POINTS`, `END NONPAPER FOR SAUDI
/// ARABIA`): [`END_MARK`] and a few words, in capitals as cables write it.
pub(super) fn is_end_mark(t: &str) -> bool {
    t.starts_with(END_MARK) && t.split_whitespace().nth(6).is_none()
}

pub(super) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end().trim_end_matches([')', '"', '\'']);
    // The last word, found from the end (lines can be long).
    let last = t
        .rfind(|c: char| c.is_ascii_whitespace())
        .map_or(t, |i| t.get(i + 1..).unwrap_or(""));
    if last.is_empty() {
        return false;
    }
    if !last.ends_with(['.', '?', '!', ':', ';']) {
        return false;
    }
    // An initial (`Scott C.`) or an abbreviation (`U.S.`, `Mr.`) ends no sentence: the
    // rule the reader's sentence motions use (`crate::sentence`).
    let word = last.trim_end_matches(['.', '?', '!', ':', ';']);
    !(last.ends_with('.') && crate::sentence::is_abbreviation(word))
}

/// Length of `t` with whitespace runs collapsed to one space and the ends trimmed: its
/// length less every space or tab that follows one (or starts the line), less a trailing
/// one. This runs on hundreds of lines per cable to judge the layout, so the pairs are
/// counted 16 at a time in `u8` lanes with no branch, which the compiler turns into
/// vector compares (a `u32` sum ran four lanes wide). The last piece is padded with `x`,
/// which is not whitespace.
pub(super) fn collapsed_len(t: &str) -> usize {
    const L: usize = 16;
    let b = t.as_bytes();
    let Some(&first) = b.first() else {
        return 0;
    };
    let mut pairs = 0usize;
    let mut lanes = [0u8; L];
    let mut rest = b;
    let mut blocks = 0u8;
    // Pairs starting in the first `L` bytes, while `L + 1` are there.
    while let (Some(x), Some(y)) = (
        crate::parse::clean::block::<L>(rest, 0),
        crate::parse::clean::block::<L>(rest, 1),
    ) {
        add_ws_pairs(&mut lanes, x, y);
        rest = rest.get(L..).unwrap_or(&[]);
        blocks += 1;
        if blocks == u8::MAX {
            // A lane counts at most one pair per block: empty them before they overflow.
            pairs += lanes.iter().map(|&l| usize::from(l)).sum::<usize>();
            lanes = [0; L];
            blocks = 0;
        }
    }
    // At most `L` bytes are left: pad them.
    let mut padded = [b'x'; L + 1];
    if let Some(head) = padded.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    if let (Some(x), Some(y)) = (
        crate::parse::clean::block::<L>(&padded, 0),
        crate::parse::clean::block::<L>(&padded, 1),
    ) {
        add_ws_pairs(&mut lanes, x, y);
    }
    pairs += lanes.iter().map(|&l| usize::from(l)).sum::<usize>();
    let n = b.len() - usize::from(is_ws(first)) - pairs;
    let trailing = b.last().is_some_and(|&c| is_ws(c) == 1) && n > 0;
    n - usize::from(trailing)
}

/// 1 for a space or tab, else 0.
#[inline]
pub(super) fn is_ws(c: u8) -> u8 {
    u8::from(c == b' ' || c == b'\t')
}

/// Add to each lane 1 where `x` and `y` (the next byte) are both whitespace.
#[inline]
pub(super) fn add_ws_pairs<const L: usize>(lanes: &mut [u8; L], x: &[u8; L], y: &[u8; L]) {
    for ((lane, &x), &y) in lanes.iter_mut().zip(x).zip(y) {
        *lane += is_ws(x) & is_ws(y);
    }
}

pub(super) fn first_word_len(t: &str) -> usize {
    t.split_ascii_whitespace().next().map_or(0, str::len)
}

/// Whether `t` can be a heading in capitals: short, no small letters, not ending as a
/// clause does, and not an item of a list with its own portion marking (`1) (C) BY WHAT
/// CHANNELS? HOW OFTEN?`, `¶F. (SBU) WHO ARE THE KEY LEADERS …?`, a tasker's questions,
/// 09ABUDHABI874).
pub(super) fn is_heading_text(t: &str) -> bool {
    t.len() <= 80
        && !t.bytes().any(|b| b.is_ascii_lowercase())
        && t.bytes().filter(u8::is_ascii_alphabetic).count() >= 3
        && !t.ends_with([',', ';', '.', ':'])
        && !t.starts_with(['(', '-', '"'])
        && !marked_item(t)
}

/// Whether `t` starts with an item's label (`1)`, `B)`, `¶F.`) and a portion marking
/// after it.
fn marked_item(t: &str) -> bool {
    let t = t.strip_prefix('¶').unwrap_or(t);
    let b = t.as_bytes();
    let label = b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    (1..=2).contains(&label)
        && matches!(b.get(label), Some(b')' | b'.'))
        && t.get(label + 1..).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with('(')
                && marking(rest, 0)
                    .and_then(|(r, _)| rest.get(r))
                    .is_some_and(crate::parse::scan::is_marking)
        })
}

#[cfg(test)]
mod tests {
    use super::is_heading_text;

    /// A tasker's question with its item label and marking is no heading; a heading in
    /// capitals, a question among them, is.
    #[test]
    fn marked_items_are_no_headings() {
        for (t, want) in [
            ("PREVENTION", true),
            ("THIRD TERM FOR PRESIDENT LULA?", true),
            ("1) (C) BY WHAT CHANNELS? HOW OFTEN?", false),
            (
                "¶F. (SBU) WHO ARE THE KEY LEADERS WITHIN THESE COMMUNITIES?",
                false,
            ),
            ("B) (C) DESCRIBE CLERICS' POLITICAL ACTIVITIES", false),
            ("A. (INM) REPORT", true),
            ("2) THE NEXT STEPS", true),
        ] {
            assert_eq!(is_heading_text(t), want, "{t}");
        }
    }
}
