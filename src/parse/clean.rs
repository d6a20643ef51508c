//! Clean text with provenance: builds a paragraph's clean text token by token from source
//! lines and records every change as a [`Repair`] with its source byte range.
//!
//! Working on whitespace-separated tokens keeps this linear and allocation-light: the
//! clean text is one `String` per paragraph, removals record an empty replacement (no
//! allocation), and whitespace collapsing is recorded once per source line rather than
//! once per run (see [`RepairKind::Whitespace`]).

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
    /// The clean text so far.
    pub text: String,
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
    /// Reused buffer for [`push_collapsed`].
    scratch: Vec<u8>,
}

const SUFFIXES: &[&str] = &[
    "ted", "ed", "er", "ing", "tion", "tions", "ment", "ments", "ly", "ity", "ness",
];

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

/// Closing punctuation, `'` and `1` (OCR for `'`): after a space they need the token path.
#[inline]
fn closes(b: u8) -> bool {
    // Non-short-circuit `|` keeps this branch-free so the loop in `line_shape` vectorises.
    (b == b'.')
        | (b == b',')
        | (b == b';')
        | (b == b':')
        | (b == b')')
        | (b == b'?')
        | (b == b'!')
        | (b == b'%')
        | (b == b']')
        | (b == b'\'')
        | (b == b'1')
}

/// Classify `line` for the fast paths of [`TextBuilder::push_line`].
///
/// Every condition for the token path is a property of two neighbouring bytes (a space
/// before closing punctuation, `'` or `1`; `(`, `'` or the `f` of `ref` before a space),
/// a trailing space (its "next byte" counts as `.`), or a tab / vertical tab / form feed.
/// So instead of walking tokens this ORs branch-free comparisons over all byte pairs,
/// which the compiler vectorises (no per-word branch to mispredict); only a line with an
/// `f ` pair is then searched for `ref ` (`self-ref er`).
fn line_shape(bytes: &[u8]) -> Shape {
    let Some(&last) = bytes.last() else {
        return Shape::Complex;
    };
    let (mut complex, mut run, mut f_space) = (false, false, false);
    // Two equal-length slices zipped (rather than `windows(2)`) so the loop vectorises.
    let firsts = bytes.get(..bytes.len() - 1).unwrap_or(&[]);
    let seconds = bytes.get(1..).unwrap_or(&[]);
    for (&a, &b) in firsts.iter().zip(seconds) {
        let (a_sp, b_sp) = (a == b' ', b == b' ');
        run |= a_sp & b_sp;
        complex |= (a_sp & closes(b)) | (((a == b'(') | (a == b'\'')) & b_sp);
        f_space |= (a == b'f') & b_sp;
    }
    if complex
        || last == b' '
        || memchr::memchr3(b'\t', 0x0b, 0x0c, bytes).is_some()
        || (f_space && memchr::memmem::find(bytes, b"ref ").is_some())
    {
        Shape::Complex
    } else if run {
        Shape::Collapse
    } else {
        Shape::Plain
    }
}

/// Append `line` to `out` with every run of spaces collapsed to one and leading and
/// trailing spaces dropped (the same as joining the non-empty pieces of `line.split(' ')`
/// with a space). The bytes are compacted into `scratch` without a branch per word (a
/// byte is kept unless it is a space after a space), then appended in one copy; only
/// ASCII spaces are dropped, so the result is still UTF-8.
fn push_collapsed(out: &mut String, scratch: &mut Vec<u8>, line: &str) {
    let bytes = line.as_bytes();
    scratch.clear();
    scratch.resize(bytes.len(), 0);
    let mut w = 0usize;
    let mut prev_space = true; // drops leading spaces
    for &b in bytes {
        let space = b == b' ';
        if let Some(slot) = scratch.get_mut(w) {
            *slot = b;
        }
        w += usize::from(!(space && prev_space));
        prev_space = space;
    }
    if prev_space && w > 0 {
        w -= 1; // a trailing space
    }
    if let Some(Ok(kept)) = scratch.get(..w).map(std::str::from_utf8) {
        out.push_str(kept);
    }
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

fn alpha_prefix(tok: &str) -> &str {
    let n = tok
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(tok.len());
    tok.get(..n).unwrap_or("")
}

fn is_s_token(tok: &str) -> bool {
    tok == "s" || (tok.starts_with('s') && tok.get(1..).is_some_and(is_closing))
}

impl TextBuilder {
    /// A builder writing into `text`, `repairs` and `line_joins` (empty buffers, whose
    /// capacity is reused).
    #[must_use]
    pub fn with_buffers(text: String, repairs: Vec<Repair>, line_joins: Vec<[u32; 2]>) -> Self {
        Self {
            text,
            repairs,
            line_joins,
            ..Self::default()
        }
    }

    /// Record the removal of `src[range]` (page marker, SIPDIS line, artefact).
    pub fn remove(&mut self, start: usize, end: usize, kind: RepairKind) {
        self.repairs.push(Repair {
            kind,
            source: start..end,
            replacement: String::new(),
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
        self.text.push_str(sep);
        if sep == " " && kind == RepairKind::LineJoin {
            // The compact form (8 bytes, no `Repair`); `parse` caps input below 4 GiB.
            self.line_joins.push([to_u32(gap_start), to_u32(gap_end)]);
            return;
        }
        self.repairs.push(Repair {
            kind,
            source: gap_start..gap_end,
            replacement: sep.to_owned(),
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
            let first_end = memchr::memchr(b' ', bytes).unwrap_or(n);
            let first = line.get(..first_end).unwrap_or("");
            self.join_line(src, first, start, join);
            self.flush_page();
            if shape == Shape::Plain {
                self.text.push_str(line);
            } else {
                // Only runs of spaces to collapse (OCR double spacing).
                push_collapsed(&mut self.text, &mut self.scratch, line);
                self.collapsed = true;
            }
            let last_start = memchr::memrchr(b' ', bytes).map_or(0, |i| i + 1);
            let last = bytes.get(last_start..).unwrap_or(&[]);
            self.last_single = matches!(last, [c] if c.is_ascii_lowercase() && *c != b'a');
            self.last_end = Some(end);
            return;
        }
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
                        self.text.push(' ');
                    } else {
                        let ptok = line.get(ps..pe).unwrap_or("");
                        if self
                            .special_join(line, start, ptok, pe, tok, i, &mut collapsed)
                            .is_some()
                        {
                            // `NGO 1 s` → `NGO's`: the OCR read the apostrophe as `1`.
                            self.flush_page();
                            self.text.push('\'');
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
            self.text.push_str(tok);
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
                replacement: String::new(),
            });
        } else if tok == "1"
            && ptok.ends_with(|c: char| c.is_ascii_alphabetic())
            && is_s_token(next_tok().1)
        {
            let j = next_tok().0;
            self.repairs.push(Repair {
                kind: RepairKind::Punctuation,
                source: start + pe..start + j,
                replacement: "'".to_owned(),
            });
            return Some(j);
        } else if ptok.ends_with("ref")
            && tok.starts_with(|c: char| c.is_ascii_lowercase())
            && alpha_prefix(tok).len() == 2
            && SUFFIXES.contains(&alpha_prefix(tok))
        {
            // `self-ref er` → `self-refer`.
            self.repairs.push(Repair {
                kind: RepairKind::SplitWord,
                source: start + pe..start + s,
                replacement: String::new(),
            });
        } else {
            if s - pe != 1 || bytes.get(pe) != Some(&b' ') {
                *collapsed = true;
            }
            self.text.push(' ');
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
        let word = alpha_prefix(tok);
        let starts_lower = tok.starts_with(|c: char| c.is_ascii_lowercase());
        let starts_alpha = tok.starts_with(|c: char| c.is_ascii_alphabetic());
        let text_bytes = self.text.as_bytes();
        let n = text_bytes.len();
        let hyphen_end = n >= 2
            && text_bytes.get(n - 1) == Some(&b'-')
            && text_bytes.get(n - 2).is_some_and(u8::is_ascii_alphabetic);
        let suspended = matches!(word, "or" | "and" | "nor" | "to" | "OR" | "AND" | "TO");
        let _ = src;
        if hyphen_end && starts_alpha && !suspended {
            self.repairs.push(Repair {
                kind: RepairKind::Hyphen,
                source: gap.0..gap.1,
                replacement: String::new(),
            });
        } else if (self.last_single && starts_lower)
            || (starts_lower
                && SUFFIXES.contains(&word)
                && word.len() >= 3
                && self.text.ends_with(|c: char| c.is_ascii_lowercase()))
        {
            self.repairs.push(Repair {
                kind: RepairKind::SplitWord,
                source: gap.0..gap.1,
                replacement: String::new(),
            });
        } else if is_closing(tok) {
            self.repairs.push(Repair {
                kind: RepairKind::Punctuation,
                source: gap.0..gap.1,
                replacement: String::new(),
            });
        } else {
            self.separator(gap.0, gap.1, " ", RepairKind::LineJoin);
        }
    }

    /// Finish: the text, repairs in source order, line joins in source order, page
    /// breaks, whether whitespace was collapsed.
    #[must_use]
    pub fn finish(mut self) -> (String, Vec<Repair>, Vec<[u32; 2]>, Vec<PageBreak>, bool) {
        if !self.repairs.is_sorted_by_key(|r| r.source.start) {
            self.repairs.sort_by_key(|r| (r.source.start, r.source.end));
        }
        if !self.line_joins.is_sorted() {
            self.line_joins.sort_unstable();
        }
        (
            self.text,
            self.repairs,
            self.line_joins,
            self.page_breaks,
            self.collapsed,
        )
    }
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
        b.finish().0
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
}
