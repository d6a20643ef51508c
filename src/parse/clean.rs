//! Clean text with provenance: builds a paragraph's clean text token by token from source
//! lines and records every change as a [`Repair`] with its source byte range.
//!
//! Working on whitespace-separated tokens keeps this linear and allocation-light: the
//! clean text is one `String` per paragraph, removals record an empty replacement (no
//! allocation), and whitespace collapsing is recorded once per source line rather than
//! once per run (see [`RepairKind::Whitespace`]).

use std::borrow::Cow;

use crate::cable::{PageBreak, Repair, RepairKind};

/// How a new line attaches to the text before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Same paragraph, same block: joined with a space (or closed up).
    Space,
    /// Same paragraph, new block (list item, "Post Response:"): joined with `\n`.
    Newline,
}

/// Builds one paragraph's clean text.
#[derive(Debug, Default)]
pub struct TextBuilder {
    /// The clean text so far, as bytes: every piece written is a slice of a `&str` cut at
    /// an ASCII byte, or ASCII, so it is UTF-8 throughout, and it is checked once per
    /// paragraph (in [`TextBuilder::finish`]) rather than once per line.
    pub text: Vec<u8>,
    /// Repairs in source order, except plain line joins.
    pub repairs: Vec<Repair>,
    /// Plain line joins (one space) as source `[start, end)`; see
    /// [`crate::cable::Paragraph::line_joins`].
    pub line_joins: Vec<[u32; 2]>,
    /// Page breaks inside the text.
    pub page_breaks: Vec<PageBreak>,
    /// Source end of the last token written.
    last_end: Option<usize>,
    /// A page that begins before the next token.
    pending_page: Option<u32>,
    /// Was the last token a lone lower-case letter other than `a` (`b` / `elieved`)?
    last_single: bool,
    /// Whether any run of whitespace inside a line was collapsed.
    pub collapsed: bool,
    /// Working space for [`push_collapsed`], kept between lines (and paragraphs) so it is
    /// not zeroed for every line.
    scratch: Vec<u8>,
}

/// Word endings that, starting a line in lower case, continue the word before
/// (`confisca` / `ted`, `self-ref er`). When `b` starts with one and no letter follows
/// it, its length. A slice-pattern match (longer endings first): no scan of the word.
fn suffix_len(b: &[u8]) -> Option<usize> {
    let (len, rest) = match b {
        [b't', b'i', b'o', b'n', b's', rest @ ..] | [b'm', b'e', b'n', b't', b's', rest @ ..] => {
            (5, rest)
        }
        [b't', b'i', b'o', b'n', rest @ ..]
        | [b'm', b'e', b'n', b't', rest @ ..]
        | [b'n', b'e', b's', b's', rest @ ..] => (4, rest),
        [b't', b'e', b'd', rest @ ..]
        | [b'i', b'n', b'g', rest @ ..]
        | [b'i', b't', b'y', rest @ ..] => (3, rest),
        [b'e', b'd', rest @ ..] | [b'e', b'r', rest @ ..] | [b'l', b'y', rest @ ..] => (2, rest),
        _ => return None,
    };
    (!rest.first().is_some_and(u8::is_ascii_alphabetic)).then_some(len)
}

/// What a line needs inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Nothing: single spaces, no token an in-line repair looks at.
    Plain,
    /// Only runs of spaces collapsed.
    Collapse,
    /// Anything else (tabs, spaced punctuation, apostrophes, `1` for `'`, `ref er`).
    Complex,
}

/// Closing punctuation (`. , ; : ) ? ! %` and `]`): after a space it is closed up, so
/// the line needs the token path. Returns 0 or 1: `u8` lanes, not `bool`s, keep the loop
/// in [`scan`] 16 bytes wide. Pairs one bit apart share a compare: `:`/`;` are
/// 0x3A/0x3B, `,`/`.` 0x2C/0x2E, `!`/`%` 0x21/0x25.
#[inline]
fn closes(b: u8) -> u8 {
    u8::from(b & 0xFE == b':')
        | u8::from(b & 0xFD == b',')
        | u8::from(b & 0xFB == b'!')
        | u8::from(b == b')')
        | u8::from(b == b'?')
        | u8::from(b == b']')
}

/// [`scan`] result bit: something for the token path.
const COMPLEX: u8 = 1;
/// [`scan`] result bit: two spaces in a row.
const RUN: u8 = 2;
/// [`scan`] result bit: `ef ` (maybe the end of `ref`, see [`splits_ref`]).
const EF_SPACE: u8 = 4;

/// The tests of [`line_shape`] for the neighbours `a`, `b`, `c`, as [`scan`] bits.
#[inline]
fn triple(a: u8, b: u8, c: u8) -> u8 {
    let (a_sp, b_sp, c_sp) = (
        u8::from(a == b' '),
        u8::from(b == b' '),
        u8::from(c == b' '),
    );
    let complex = (b_sp & closes(c))
        | (u8::from(b == b'(') & c_sp)
        | (a_sp & (u8::from(b == b'1') | u8::from(b == b'\'')) & c_sp)
        | (u8::from(a == b'\'') & b_sp & (u8::from(c == b's') | c_sp))
        // Tab, vertical tab, form feed: only the token path treats them as spaces. Any
        // control character is sent there (one compare; they are rare, and the token
        // path keeps the others as it would).
        | u8::from(c & 0xE0 == 0);
    let ef = u8::from(a == b'e') & u8::from(b == b'f') & c_sp;
    complex | ((b_sp & c_sp) << 1) | (ef << 2)
}

/// `s[i..i + L]` as an array, if it is all there.
#[inline]
pub(super) fn block<const L: usize>(s: &[u8], i: usize) -> Option<&[u8; L]> {
    s.get(i..i + L).and_then(|s| <&[u8; L]>::try_from(s).ok())
}

/// [`triple`] over every byte triple of `x`, OR-ed together ([`COMPLEX`], [`RUN`],
/// [`EF_SPACE`]). Blocks of 16 triples go through fixed-size arrays into 16 `u8`
/// accumulator lanes with no branch, which the compiler turns into 16-byte vector
/// compares (a plain loop over the triples ran 4 bytes at a time). The last block
/// overlaps the one before it (OR-ing a triple twice changes nothing), and a line
/// shorter than a block is padded with `x`, which no test looks for, so no triple is
/// left to a scalar loop.
fn scan(x: &[u8]) -> u8 {
    const L: usize = 16;
    let n = x.len();
    if n < 3 {
        return 0;
    }
    if n < L + 2 {
        let mut padded = [b'x'; L + 2];
        if let Some(head) = padded.get_mut(..n) {
            head.copy_from_slice(x);
        }
        return scan_blocks::<L>(&padded, 0).unwrap_or(0);
    }
    let triples = n - 2;
    let mut lanes = [0u8; L];
    let mut i = 0;
    loop {
        let at = i.min(triples - L);
        let (Some(ba), Some(bb), Some(bc)) = (
            block::<L>(x, at),
            block::<L>(x, at + 1),
            block::<L>(x, at + 2),
        ) else {
            break;
        };
        for (((lane, &a), &b), &c) in lanes.iter_mut().zip(ba).zip(bb).zip(bc) {
            *lane |= triple(a, b, c);
        }
        if at + L >= triples {
            break;
        }
        i += L;
    }
    lanes.iter().fold(0, |x, y| x | y)
}

/// The 16 triples of `x` starting at `at`, OR-ed (for the padded short line).
fn scan_blocks<const L: usize>(x: &[u8], at: usize) -> Option<u8> {
    let (ba, bb, bc) = (
        block::<L>(x, at)?,
        block::<L>(x, at + 1)?,
        block::<L>(x, at + 2)?,
    );
    let mut acc = 0;
    for ((&a, &b), &c) in ba.iter().zip(bb).zip(bc) {
        acc |= triple(a, b, c);
    }
    Some(acc)
}

/// Classify `line` for the fast paths of [`TextBuilder::push_line`].
///
/// `line` is trimmed (the line pass cuts leading and trailing whitespace). The token path
/// ([`TextBuilder::push_tokens`]) repairs something inside a line only around:
/// - a space before closing punctuation (`charges . The`);
/// - a lone `(` token before a space (`( SRE`), taken as any `(` before a space;
/// - a lone `1` or `'` token between spaces (`NGO 1 s`, `GOM ' s`);
/// - a token ending in `'` before an `s` token (`Carreto' s`), taken as `'` before a
///   space and then `s` or another space;
/// - a token ending in `ref` before `ed`, `er` or `ly` (`self-ref er`);
/// - a tab, vertical tab or form feed.
///
/// Every condition but the last two is a property of two or three neighbouring bytes, so
/// [`scan`] ORs branch-free comparisons over all byte triples (no per-word branch to
/// mispredict); only a line with `ef ` is then searched for `ref `. Anything looser than
/// the token path's own tests only costs speed, never changes the result:
/// [`TextBuilder::push_tokens`] handles every line alike.
fn line_shape(bytes: &[u8]) -> Shape {
    let n = bytes.len();
    let (Some(&b0), Some(&b1)) = (bytes.first(), bytes.get(1)) else {
        return Shape::Complex;
    };
    if n < 3
        || b0 == b' '
        || bytes.last() == Some(&b' ')
        || (b0 == b'(' && b1 == b' ')
        || matches!(b0, b'\t' | 0x0b | 0x0c)
        || matches!(b1, b'\t' | 0x0b | 0x0c)
    {
        return Shape::Complex;
    }
    // The pair tests look at (b, c), which covers every pair but the first, and the
    // one-byte tests look at c; the first two bytes are checked above.
    let flags = scan(bytes);
    if flags & COMPLEX != 0 || (flags & EF_SPACE != 0 && splits_ref(bytes)) {
        Shape::Complex
    } else if flags & RUN != 0 {
        Shape::Collapse
    } else {
        Shape::Plain
    }
}

/// Does `ref` end a token before a token starting with the suffix `ed`, `er` or `ly` and
/// no further letter (`self-ref er`), the one repair [`TextBuilder::push_tokens`] makes
/// after such a token that no other test in [`line_shape`] catches?
fn splits_ref(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b"ref ").any(|i| {
        let rest = bytes.get(i + 3..).unwrap_or(&[]);
        let j = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
        suffix_len(rest.get(j..).unwrap_or(&[])) == Some(2)
    })
}

/// Append `line` to `out` with every run of spaces collapsed to one and leading and
/// trailing spaces dropped (the same as joining the non-empty pieces of `line.split(' ')`
/// with a space).
///
/// OCR text has a double space after nearly every word, so this works eight bytes at a
/// time in a `u64`: one mask marks each space that follows a space, and the bytes between
/// two such spaces go out as one 8-byte store (the next store overwrites what the last
/// one wrote past its piece). That is a few operations per dropped space instead of
/// several per byte. Only ASCII spaces are dropped, so UTF-8 stays intact.
fn push_collapsed(out: &mut Vec<u8>, scratch: &mut Vec<u8>, line: &[u8]) {
    /// Lines up to this long (nearly all) are compacted in `scratch`, seen as an array;
    /// the store index is masked to it (a no-op: a store starts before the line's end),
    /// so the compiler drops the bounds check from the loop.
    const SHORT: usize = 256;
    if line.len() <= SHORT {
        if scratch.len() < SHORT + 8 {
            scratch.resize(SHORT + 8, 0);
        }
        if let Some(buf) = scratch
            .get_mut(..SHORT + 8)
            .and_then(|b| <&mut [u8; SHORT + 8]>::try_from(b).ok())
        {
            let kept = collapse(line, |w, word| {
                let i = w & (SHORT - 1);
                if let Some(d) = buf
                    .get_mut(i..i + 8)
                    .and_then(|d| <&mut [u8; 8]>::try_from(d).ok())
                {
                    *d = word;
                }
            });
            out.extend_from_slice(buf.get(..kept).unwrap_or(&[]));
            return;
        }
    }
    let base = out.len();
    // Room for the last 8-byte store; cut back to what was kept.
    out.resize(base + line.len() + 8, 0);
    let dst = out.get_mut(base..).unwrap_or(&mut []);
    let kept = collapse(line, |w, word| {
        if let Some(d) = dst
            .get_mut(w..w + 8)
            .and_then(|d| <&mut [u8; 8]>::try_from(d).ok())
        {
            *d = word;
        }
    });
    out.truncate(base + kept);
}

/// The loop of [`push_collapsed`]: calls `store(w, bytes)` to write 8 bytes at output
/// offset `w` (only the first few count; the next store overwrites the rest) and
/// returns how many bytes are kept. Every store starts below `line.len()`.
#[inline(always)]
fn collapse(line: &[u8], mut store: impl FnMut(usize, [u8; 8])) -> usize {
    let mut w = 0usize;
    // A space before the line, so leading spaces are dropped.
    let mut carry = SPACE_FLAG;
    let mut word = |v: u64, n: usize| {
        let spaces = space_lanes(v);
        let mut dropped = spaces & ((spaces << 8) | carry);
        carry = spaces >> 56;
        let mut from = 0usize;
        while dropped != 0 {
            let k = (dropped.trailing_zeros() / 8) as usize;
            store(w, (v >> (8 * from)).to_le_bytes());
            w += k - from;
            from = k + 1;
            dropped &= dropped - 1;
        }
        if from < n {
            store(w, (v >> (8 * from)).to_le_bytes());
            w += n - from;
        }
    };
    let chunks = line.chunks_exact(8);
    let tail = chunks.remainder();
    for chunk in chunks {
        if let Ok(bytes) = <[u8; 8]>::try_from(chunk) {
            word(u64::from_le_bytes(bytes), 8);
        }
    }
    if !tail.is_empty() {
        // Padded with a byte that is not a space; only `tail.len()` bytes are kept.
        let mut bytes = [b'x'; 8];
        if let Some(head) = bytes.get_mut(..tail.len()) {
            head.copy_from_slice(tail);
        }
        word(u64::from_le_bytes(bytes), tail.len());
    }
    // A line ending in spaces keeps the first of them (unless nothing was kept): drop it.
    if w > 0 && line.last() == Some(&b' ') {
        w -= 1;
    }
    w
}

/// The top bit of a byte lane: set in [`space_lanes`] where the byte is a space.
const SPACE_FLAG: u64 = 0x80;

/// `0x80` in every byte lane of `v` that holds exactly `b' '`, `0` elsewhere (the exact
/// zero-byte test on `v ^ spaces`, with no false positives).
#[inline]
fn space_lanes(v: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let x = v ^ SPACES;
    !(((x & !HIGH).wrapping_add(!HIGH)) | x) & HIGH
}

/// ASCII whitespace, with the common case (a space, or a letter) decided by one compare.
#[inline]
fn is_ws(b: u8) -> bool {
    b == b' ' || (b < b' ' && b.is_ascii_whitespace())
}

/// A source offset as `u32` (`parse` cuts input above 4 GiB, so this never saturates).
fn to_u32(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

fn is_closing(tok: &str) -> bool {
    !tok.is_empty()
        && tok.bytes().all(|b| {
            matches!(
                b,
                b'.' | b',' | b';' | b':' | b')' | b'?' | b'!' | b'%' | b']'
            )
        })
}

/// The alphabetic prefix of `tok` when it is at most `max` bytes long, else `None`
/// (the suffix and conjunction lists hold short words only).
fn short_alpha_prefix(tok: &str, max: usize) -> Option<&str> {
    let b = tok.as_bytes();
    let n = b
        .iter()
        .take(max + 1)
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(b.len().min(max + 1));
    if n > max {
        return None;
    }
    tok.get(..n)
}

fn is_s_token(tok: &str) -> bool {
    tok == "s" || (tok.starts_with('s') && tok.get(1..).is_some_and(is_closing))
}

/// The builder's bytes as a `String` of exactly their length. They are always UTF-8 (see
/// [`TextBuilder::text`]); were a bug ever to break that, the text is read lossily rather
/// than lost.
#[must_use]
pub fn to_text(bytes: &[u8]) -> String {
    // `simdutf8` checks 32 bytes at a time where the CPU allows (std's check is scalar).
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

impl TextBuilder {
    /// A builder writing into `text`, `repairs` and `line_joins` (empty buffers, whose
    /// capacity is reused), with `scratch` as the working space of [`push_collapsed`].
    #[must_use]
    pub fn with_buffers(
        text: Vec<u8>,
        repairs: Vec<Repair>,
        line_joins: Vec<[u32; 2]>,
        scratch: Vec<u8>,
    ) -> Self {
        Self {
            text,
            repairs,
            line_joins,
            scratch,
            ..Self::default()
        }
    }

    /// Record the removal of `src[range]` (page marker, SIPDIS line, artefact).
    pub fn remove(&mut self, start: usize, end: usize, kind: RepairKind) {
        self.repairs.push(Repair {
            kind,
            source: start..end,
            replacement: Cow::Borrowed(""),
        });
    }

    /// A new page begins before the next token.
    pub fn page(&mut self, page: u32) {
        self.pending_page = Some(page);
    }

    /// Whether nothing has been written yet.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn separator(&mut self, gap_start: usize, gap_end: usize, sep: &'static str, kind: RepairKind) {
        self.text.extend_from_slice(sep.as_bytes());
        if sep == " " && kind == RepairKind::LineJoin {
            // The compact form (8 bytes, no `Repair`); `parse` caps input below 4 GiB.
            self.line_joins.push([to_u32(gap_start), to_u32(gap_end)]);
            return;
        }
        self.repairs.push(Repair {
            kind,
            source: gap_start..gap_end,
            replacement: Cow::Borrowed(sep),
        });
    }

    /// Append `src[start..end]` (one line's content) attaching with `join`.
    pub fn push_line(&mut self, src: &str, start: usize, end: usize, join: Join) {
        let Some(line) = src.get(start..end) else {
            return;
        };
        let bytes = line.as_bytes();
        let n = bytes.len();
        let shape = line_shape(bytes);
        if shape != Shape::Complex {
            // Fast path (most Cablegate text): single spaces, nothing to repair inside the
            // line, so it is copied whole; only the join to the previous line is decided.
            // `join_line` reads the first token's first byte and short alphabetic prefix
            // (the same on the whole line) and, only when it starts with closing
            // punctuation, the whole token; so the token end is found only then.
            let first = if bytes.first().is_some_and(|&b| closes(b) != 0) {
                let first_end = bytes.iter().position(|&b| b == b' ').unwrap_or(n);
                line.get(..first_end).unwrap_or("")
            } else {
                line
            };
            self.join_line(src, first, start, join);
            self.flush_page();
            if shape == Shape::Plain {
                self.text.extend_from_slice(bytes);
            } else {
                // Only runs of spaces to collapse (OCR double spacing).
                push_collapsed(&mut self.text, &mut self.scratch, bytes);
                self.collapsed = true;
            }
            // The last token is one lower-case letter other than `a`.
            self.last_single = match bytes {
                [c] => c.is_ascii_lowercase() && *c != b'a',
                [.., b' ', c] => c.is_ascii_lowercase() && *c != b'a',
                _ => false,
            };
            self.last_end = Some(end);
            return;
        }
        self.push_tokens(src, start, end, join);
    }

    /// The token-by-token path of [`TextBuilder::push_line`]: every in-line repair.
    /// Correct for any line; the fast paths are taken only where they give the same.
    fn push_tokens(&mut self, src: &str, start: usize, end: usize, join: Join) {
        let Some(line) = src.get(start..end) else {
            return;
        };
        let bytes = line.as_bytes();
        let n = bytes.len();
        let mut collapsed = false;
        let mut i = 0;
        let mut prev: Option<(usize, usize)> = None; // token in line coordinates
        let mut prev_special = false;
        let mut skip_sep = false;
        while i < n {
            i += bytes
                .get(i..)
                .and_then(|r| r.iter().position(|&b| !is_ws(b)))
                .unwrap_or(n - i);
            if i >= n {
                break;
            }
            let s = i;
            i += bytes
                .get(i..)
                .and_then(|r| r.iter().position(|&b| is_ws(b)))
                .unwrap_or(n - i);
            let tok = line.get(s..i).unwrap_or("");
            let first = bytes.get(s).copied().unwrap_or(b' ');
            let abs_s = start + s;
            match prev {
                None => self.join_line(src, tok, abs_s, join),
                Some((ps, pe)) => {
                    let special = prev_special
                        || matches!(
                            first,
                            b'.' | b','
                                | b';'
                                | b':'
                                | b')'
                                | b'?'
                                | b'!'
                                | b'%'
                                | b']'
                                | b'\''
                                | b'1'
                        );
                    if skip_sep {
                        skip_sep = false;
                    } else if !special {
                        if s - pe != 1 || bytes.get(pe) != Some(&b' ') {
                            collapsed = true;
                        }
                        self.text.push(b' ');
                    } else {
                        let ptok = line.get(ps..pe).unwrap_or("");
                        if self
                            .special_join(line, start, ptok, pe, tok, i, &mut collapsed)
                            .is_some()
                        {
                            // `NGO 1 s` → `NGO's`: the OCR read the apostrophe as `1`.
                            self.flush_page();
                            self.text.push(b'\'');
                            skip_sep = true;
                            prev = Some((s, i));
                            prev_special = false;
                            self.last_single = false;
                            self.last_end = Some(abs_s + tok.len());
                            continue;
                        }
                    }
                }
            }
            self.flush_page();
            self.text.extend_from_slice(tok.as_bytes());
            self.last_single = tok.len() == 1 && first.is_ascii_lowercase() && first != b'a';
            self.last_end = Some(abs_s + tok.len());
            prev = Some((s, i));
            prev_special = tok == "(" || tok.ends_with('\'') || tok.ends_with("ref");
        }
        if collapsed {
            self.collapsed = true;
        }
    }

    /// The rare in-line repairs between `ptok` and `tok`; pushes the separator (or not)
    /// and returns `Some` when `tok` was replaced by an apostrophe.
    #[allow(clippy::too_many_arguments)]
    fn special_join(
        &mut self,
        line: &str,
        start: usize,
        ptok: &str,
        pe: usize,
        tok: &str,
        tok_end: usize,
        collapsed: &mut bool,
    ) -> Option<usize> {
        let bytes = line.as_bytes();
        let s = tok_end - tok.len();
        let next_tok = || {
            let rest = bytes.get(tok_end..).unwrap_or(&[]);
            let j = tok_end
                + rest
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .unwrap_or(rest.len());
            let rest = bytes.get(j..).unwrap_or(&[]);
            let k = j + rest
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap_or(rest.len());
            (j, line.get(j..k).unwrap_or(""))
        };
        if is_closing(tok)
            || ptok == "("
            || (tok == "'" && is_s_token(next_tok().1))
            || (ptok.ends_with('\'') && is_s_token(tok))
        {
            self.repairs.push(Repair {
                kind: RepairKind::Punctuation,
                source: start + pe..start + s,
                replacement: Cow::Borrowed(""),
            });
        } else if tok == "1"
            && ptok.ends_with(|c: char| c.is_ascii_alphabetic())
            && is_s_token(next_tok().1)
        {
            let j = next_tok().0;
            self.repairs.push(Repair {
                kind: RepairKind::Punctuation,
                source: start + pe..start + j,
                replacement: Cow::Borrowed("'"),
            });
            return Some(j);
        } else if ptok.ends_with("ref")
            && tok.starts_with(|c: char| c.is_ascii_lowercase())
            && suffix_len(tok.as_bytes()) == Some(2)
        {
            // `self-ref er` → `self-refer`.
            self.repairs.push(Repair {
                kind: RepairKind::SplitWord,
                source: start + pe..start + s,
                replacement: Cow::Borrowed(""),
            });
        } else {
            if s - pe != 1 || bytes.get(pe) != Some(&b' ') {
                *collapsed = true;
            }
            self.text.push(b' ');
        }
        None
    }

    fn flush_page(&mut self) {
        if let Some(page) = self.pending_page.take() {
            self.page_breaks.push(PageBreak {
                offset: self.text.len(),
                page,
            });
        }
    }

    /// Attach the first token of a new line.
    fn join_line(&mut self, src: &str, tok: &str, abs_s: usize, join: Join) {
        let Some(last_end) = self.last_end else {
            return;
        };
        if self.text.is_empty() {
            return;
        }
        let gap = (last_end, abs_s);
        if join == Join::Newline {
            self.separator(gap.0, gap.1, "\n", RepairKind::LineJoin);
            return;
        }
        let first = tok.as_bytes().first().copied().unwrap_or(b' ');
        let starts_lower = first.is_ascii_lowercase();
        let starts_alpha = first.is_ascii_alphabetic();
        let text_bytes = self.text.as_slice();
        let n = text_bytes.len();
        let hyphen_end = n >= 2
            && text_bytes.get(n - 1) == Some(&b'-')
            && text_bytes.get(n - 2).is_some_and(u8::is_ascii_alphabetic);
        let _ = src;
        if hyphen_end
            && starts_alpha
            && !matches!(
                short_alpha_prefix(tok, 3),
                Some("or" | "and" | "nor" | "to" | "OR" | "AND" | "TO")
            )
        {
            self.repairs.push(Repair {
                kind: RepairKind::Hyphen,
                source: gap.0..gap.1,
                replacement: Cow::Borrowed(""),
            });
        } else if (self.last_single && starts_lower)
            || (starts_lower
                && text_bytes.last().is_some_and(u8::is_ascii_lowercase)
                && suffix_len(tok.as_bytes()).is_some_and(|k| k >= 3))
        {
            self.repairs.push(Repair {
                kind: RepairKind::SplitWord,
                source: gap.0..gap.1,
                replacement: Cow::Borrowed(""),
            });
        } else if is_closing(tok) {
            self.repairs.push(Repair {
                kind: RepairKind::Punctuation,
                source: gap.0..gap.1,
                replacement: Cow::Borrowed(""),
            });
        } else {
            self.separator(gap.0, gap.1, " ", RepairKind::LineJoin);
        }
    }

    /// Finish: repairs and line joins put in source order.
    #[must_use]
    pub fn finish(mut self) -> Built {
        if !self.repairs.is_sorted_by_key(|r| r.source.start) {
            self.repairs.sort_by_key(|r| (r.source.start, r.source.end));
        }
        if !self.line_joins.is_sorted() {
            self.line_joins.sort_unstable();
        }
        Built {
            text: self.text,
            repairs: self.repairs,
            line_joins: self.line_joins,
            page_breaks: self.page_breaks,
            collapsed: self.collapsed,
            scratch: self.scratch,
        }
    }
}

/// What a finished [`TextBuilder`] hands over.
#[derive(Debug)]
pub struct Built {
    /// The clean text, UTF-8 bytes (see [`to_text`]).
    pub text: Vec<u8>,
    /// Repairs in source order, except plain line joins.
    pub repairs: Vec<Repair>,
    /// Plain line joins in source order.
    pub line_joins: Vec<[u32; 2]>,
    /// Page breaks inside the text.
    pub page_breaks: Vec<PageBreak>,
    /// Whether any run of whitespace inside a line was collapsed.
    pub collapsed: bool,
    /// The working space of [`push_collapsed`], for the next builder.
    pub scratch: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(lines: &[(&str, Join)]) -> String {
        let src: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
        let mut b = TextBuilder::default();
        let mut off = 0;
        for (l, j) in lines {
            b.push_line(&src, off, off + l.len(), *j);
            off += l.len() + 1;
        }
        to_text(&b.finish().text)
    }

    #[test]
    fn repairs_ocr_text() {
        use Join::Space;
        assert_eq!(
            build(&[("a person  b", Space), ("elieved  to", Space)]),
            "a person believed to"
        );
        assert_eq!(
            build(&[("were  confisca", Space), ("ted  by", Space)]),
            "were confiscated by"
        );
        assert_eq!(build(&[("who  self-ref er.", Space)]), "who self-refer.");
        assert_eq!(
            build(&[("for  non-", Space), ("sexual  work", Space)]),
            "for non-sexual work"
        );
        assert_eq!(
            build(&[("provide  short-  or", Space), ("long-term", Space)]),
            "provide short- or long-term"
        );
        assert_eq!(
            build(&[("charges . The  ( SRE ) ,", Space)]),
            "charges. The (SRE),"
        );
        assert_eq!(build(&[("to  NGO 1 s that", Space)]), "to NGO's that");
        assert_eq!(
            build(&[("Carreto' s  and  GOM ' s", Space)]),
            "Carreto's and GOM's"
        );
        assert_eq!(
            build(&[("include:", Space), ("- In", Join::Newline)]),
            "include:\n- In"
        );
    }

    /// The state a line leaves behind, for comparing the two paths.
    fn state(b: &TextBuilder) -> impl PartialEq + std::fmt::Debug + '_ {
        (
            &b.text,
            &b.repairs,
            &b.line_joins,
            &b.page_breaks,
            b.collapsed,
            b.last_end,
            b.last_single,
        )
    }

    proptest::proptest! {
        /// The fast paths of `push_line` give exactly what the token path gives, for
        /// lines made of the pieces the in-line repairs look at.
        #[test]
        fn fast_paths_match_the_token_path(
            first in proptest::collection::vec(pieces(), 0..6),
            lines in proptest::collection::vec(proptest::collection::vec(pieces(), 1..14), 1..4),
        ) {
            let mut src = first.concat();
            src.push('\n');
            let mut ranges = vec![(0, src.len() - 1)];
            for pieces in &lines {
                let line = pieces.concat();
                // The line pass trims every line before this builder sees it.
                let t = line.trim_matches([' ', '\t', '\x0b', '\x0c']);
                if t.is_empty() {
                    continue;
                }
                let s = src.len();
                src.push_str(t);
                ranges.push((s, src.len()));
                src.push('\n');
            }
            let (mut fast, mut tokens) = (TextBuilder::default(), TextBuilder::default());
            for &(s, e) in &ranges {
                if s == e {
                    continue;
                }
                fast.push_line(&src, s, e, Join::Space);
                tokens.push_tokens(&src, s, e, Join::Space);
                proptest::prop_assert_eq!(state(&fast), state(&tokens), "{:?}", src);
            }
        }
    }

    proptest::proptest! {
        /// The blocked, padded, overlapping `scan` ORs exactly every triple.
        #[test]
        fn scan_sees_every_triple(x in proptest::collection::vec(
            proptest::sample::select(&b" .'1(sef\tx,"[..]), 0..80)
        ) {
            let naive = x.windows(3).fold(0, |acc, w| match w {
                [a, b, c] => acc | triple(*a, *b, *c),
                _ => acc,
            });
            proptest::prop_assert_eq!(scan(&x), naive);
        }
    }

    proptest::proptest! {
        /// The word-at-a-time compaction is `split(' ')`, drop the empty pieces, join
        /// with a space: for short lines (stack buffer) and long ones (in place), with
        /// spaces at either end.
        #[test]
        fn push_collapsed_joins_the_words(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[" ", "  ", "   ", "a", "bc", "é", "defghij", "\t"][..]),
                0..200,
            ),
            before in proptest::collection::vec(0u8..128, 0..3),
        ) {
            let line = pieces.concat();
            let want = line.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            let mut out = before.clone();
            push_collapsed(&mut out, &mut Vec::new(), line.as_bytes());
            let mut expected = before;
            expected.extend_from_slice(want.as_bytes());
            proptest::prop_assert_eq!(out, expected);
        }
    }

    /// Pieces of text around which the token path repairs something.
    fn pieces() -> proptest::sample::Select<&'static str> {
        proptest::sample::select(&[
            " ", "  ", "a", "b", "s", "'", "1", "(", ")", ",", ".", ":", "ref", "er", "ly", "ed",
            "ef", "f", "NGO", "-", "\t", "s.", "Zé", " 1 s", "  1  s.", " ' s", "'  s", "' s",
            " ref er", "ref  ly.", "( ", " ,", " . ", "x'",
        ])
    }
}
