//! Where a new cable starts in plain-text cables written one after another (the rules of
//! `../shared/docs/CABLE-FORMAT.md`, read line by line, never a full parse).
//!
//! A cable starts at the start of a line that opens a header block: a transmission id
//! (`VZCZC…`) or a partial extract's notice (`This record is a partial extract…`), or,
//! weaker, an old print format's distribution block (`INFO LOG-00 …`, `ORIGIN DS-00`,
//! `ACTION SCA-00`), a first page (`PAGE 01 … 01 OF 03`) or a DTG line followed by `FM`
//! (`O 231553Z FEB 01`). Such a line starts a new cable only once the current one is past
//! its header (it has had a `SUBJECT`/`TAGS` line, a numbered paragraph, or its
//! `SECTION 01 OF 05` classification line): a header block before that is the current
//! cable's own (a repeated transmission header, a partial extract's print header). A weak
//! line right under a `PAGE` or `ACTION` line belongs to that block, and a DTG line equal
//! to the current cable's is its next section. The start moves back over what belongs to
//! the new cable above its first line: the alx mirror's five metadata lines (id, subject,
//! `Mon May 12 00:00:00 +0200 2008`, classification, origin) and a page-top
//! classification line (`S E C R E T   STATE   00119085`, or `CONFIDENTIAL` over
//! `PAGE 01`).

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

use regex::bytes::Regex;

use crate::parse::vocab::PARTIAL_NOTICE;

/// The line patterns, compiled once.
struct Patterns {
    dtg: Regex,
    distribution: Regex,
    later_section: Regex,
    header_done: Regex,
    numbered: Regex,
    section_line: Regex,
    page_top: Regex,
    alx_id: Regex,
    alx_date: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("pattern {p}: {e}"));
    const CLASS: &str = r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|S E C R E T|C O N F I D E N T I A L)";
    Patterns {
        dtg: re(r"^[OPRZ](?: [OPRZ])? +\d{6}Z +[A-Z]{3} +\d{2}\b"),
        distribution: re(r"^(?:INFO +LOG-|(?:ORIGIN|ACTION) [A-Z]+-\d\d)"),
        later_section: re(r"\b(?:0[2-9]|[1-9]\d) OF \d"),
        header_done: re(r"^(?i:SUBJECT|SUBJ|TAGS)\b"),
        numbered: re(r"^(?:\x{b6}\s*)?\d{1,2}\.\s+\S"),
        section_line: re(&format!(r"^{CLASS}\b.*\bSECTION +\d+ +OF")),
        page_top: re(&format!(r"^\s*{CLASS}(?: +[A-Z]+)*(?: +\d+)?\s*$")),
        alx_id: re(r"^\d{2}[A-Z][A-Z0-9-]*\d+\s*$"),
        alx_date: re(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d [+-]\d{4} \d{4}\s*$"),
    }
});

/// What kind of header line a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Opens a cable wherever the current one is past its header.
    Strong,
    /// Opens a cable unless it continues the block above it.
    Weak,
    /// A DTG line followed by `FM`.
    Dtg,
    /// `PAGE 01` of a first section.
    FirstPage,
}

/// The kind of `line` (`next`: the line under it), if it opens a header block.
fn kind(line: &[u8], next: Option<&[u8]>) -> Option<Kind> {
    let p = &*PATTERNS;
    if line.starts_with(PARTIAL_NOTICE.as_bytes()) {
        return Some(Kind::Strong);
    }
    match line.first()? {
        b'V' if line.starts_with(b"VZCZC") => Some(Kind::Strong),
        b'P' if line.starts_with(b"PAGE 01 ") && !p.later_section.is_match(line) => {
            Some(Kind::FirstPage)
        }
        b'I' | b'O' | b'A' if p.distribution.is_match(line) => Some(Kind::Weak),
        b'O' | b'P' | b'R' | b'Z'
            if next.is_some_and(|n| n.starts_with(b"FM ")) && p.dtg.is_match(line) =>
        {
            Some(Kind::Dtg)
        }
        _ => None,
    }
}

/// Whether `line` shows that its cable is past the header.
fn ends_header(line: &[u8]) -> bool {
    let p = &*PATTERNS;
    let trimmed = line.trim_ascii_start();
    p.header_done.is_match(trimmed)
        || memchr::memmem::find(line, b"TAGS:").is_some()
        || p.numbered.is_match(trimmed)
        || p.section_line.is_match(trimmed)
}

/// A DTG line with its spacing made single, to compare two.
fn normal(line: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(line.len());
    for word in line
        .split(u8::is_ascii_whitespace)
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(word);
    }
    out
}

/// Lines kept for looking back (the alx metadata is five lines above).
const LOOK_BACK: usize = 6;

/// The scanner's state between lines.
#[derive(Debug, Default)]
pub(super) struct Starts {
    /// Whether the current cable is past its header.
    past_header: bool,
    /// The current cable's DTG line (normalised).
    dtg: Option<Vec<u8>>,
    /// The last lines' ranges (absolute), newest last, blank lines too.
    recent: VecDeque<Range<u64>>,
    /// The last non-blank line's range.
    above: Option<Range<u64>>,
    /// Lines seen.
    lines: usize,
}

impl Starts {
    /// Read the line at `at`; returns where a new cable starts when this line opens one
    /// (at or above `at`, never at or before `current`, the current cable's start).
    /// `bytes` gives back a line seen before by its range (`None` once dropped).
    pub(super) fn line<'a>(
        &mut self,
        at: Range<u64>,
        line: &[u8],
        next: Option<&[u8]>,
        current: u64,
        bytes: impl Fn(&Range<u64>) -> Option<&'a [u8]>,
    ) -> Option<u64> {
        let first = self.lines == 0;
        self.lines += 1;
        let found = if first {
            None
        } else {
            self.opens(at.start, line, next, current, &bytes)
        };
        if found.is_some() {
            self.past_header = false;
            self.dtg = None;
        }
        if ends_header(line) {
            self.past_header = true;
        }
        if self.dtg.is_none() && kind(line, next) == Some(Kind::Dtg) {
            self.dtg = Some(normal(line));
        }
        if self.recent.len() == LOOK_BACK {
            self.recent.pop_front();
        }
        self.recent.push_back(at.clone());
        if !line.trim_ascii().is_empty() {
            self.above = Some(at);
        }
        found
    }

    /// Where the cable opened by `line` starts, if it opens one.
    fn opens<'a>(
        &self,
        at: u64,
        line: &[u8],
        next: Option<&[u8]>,
        current: u64,
        bytes: &impl Fn(&Range<u64>) -> Option<&'a [u8]>,
    ) -> Option<u64> {
        let kind = kind(line, next)?;
        if !self.past_header {
            return None;
        }
        let above = self.above.as_ref().and_then(bytes).unwrap_or_default();
        let continues = above.starts_with(b"PAGE ")
            || (above.starts_with(b"ACTION ") && PATTERNS.distribution.is_match(above));
        match kind {
            Kind::Strong => {}
            Kind::Weak | Kind::FirstPage if continues => return None,
            Kind::Dtg if continues || self.dtg.as_deref() == Some(&normal(line)[..]) => {
                return None;
            }
            _ => {}
        }
        let start = self.moved_back(kind, above, bytes);
        Some(start.filter(|&s| s > current).unwrap_or(at))
    }

    /// The start above `at` that belongs to the new cable (see the module documentation).
    fn moved_back<'a>(
        &self,
        kind: Kind,
        above: &[u8],
        bytes: &impl Fn(&Range<u64>) -> Option<&'a [u8]>,
    ) -> Option<u64> {
        let p = &*PATTERNS;
        // The alx metadata: the id five lines up, the date three up.
        if self.recent.len() >= 5 {
            let up = |n: usize| self.recent.get(self.recent.len() - n);
            if let (Some(id), Some(date)) = (up(5), up(3))
                && bytes(id).is_some_and(|l| p.alx_id.is_match(l))
                && bytes(date).is_some_and(|l| p.alx_date.is_match(l))
            {
                return Some(id.start);
            }
        }
        let above_at = self.above.as_ref()?;
        let serial = above
            .trim_ascii_end()
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count()
            >= 5;
        (p.page_top.is_match(above) && (serial || kind == Kind::FirstPage))
            .then_some(above_at.start)
    }
}
