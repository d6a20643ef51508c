//! Pass 1: split the source into lines and classify each one.
//!
//! This pass only looks at one line at a time (plus nothing else), so it is cheap and
//! easy to test: blank lines, page markers (`MEXICO 00001113 002 OF 018`, `PAGE 02 HARARE
//! 06677 01 OF 03 291400Z`), stray `SIPDIS` lines, dash rules and plain text. Rendering
//! artefacts at line ends (`\`, `<br>`) are cut off here and remembered so the clean text
//! can record them as repairs. Deciding what a text line *means* (header field, paragraph
//! start, heading) needs context and is left to the later passes.

/// What kind of line this is, as far as one line can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or whitespace only (after removing `\` / `<br>` artefacts).
    Blank,
    /// A page marker; [`Line::page`] holds the page number (0 when unreadable).
    PageMarker,
    /// A lone classification banner (` CONFIDENTIAL`) that old print formats repeat
    /// above each page header.
    Banner,
    /// One or more `SIPDIS` and nothing else.
    Sipdis,
    /// A rule of dashes, equals signs, underscores or stars.
    Rule,
    /// Anything else.
    Text,
}

/// One source line. Offsets are byte offsets into the source text.
///
/// Kept at 16 bytes, since one is stored per source line (a 100 MB file has nearly two
/// million): the two things few lines have, a removed prefix and a line-end artefact,
/// live in [`Lines`]' side table, and the raw line start is found from the text when
/// it is needed (see [`Lines::line_start`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    // Offsets are stored as `u32`; `parse` only accepts inputs below 4 GiB (see
    // `crate::parse::parse`).
    o_start: u32,
    o_end: u32,
    /// Page number for page markers (also for a `PAGE` header before text).
    pub page: u32,
    /// The classification.
    pub kind: LineKind,
    /// Whether [`Lines`] holds a prefix or an artefact for this line.
    rare: bool,
}

fn off(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl Line {
    /// Start of the content: leading whitespace and any removed prefix skipped.
    #[must_use]
    pub fn start(&self) -> usize {
        self.o_start as usize
    }

    /// End of the content: trailing whitespace and artefacts cut off.
    #[must_use]
    pub fn end(&self) -> usize {
        self.o_end as usize
    }

    /// Move the content start forward (a paragraph glued after a header field on its
    /// line).
    pub fn set_start(&mut self, start: usize) {
        self.o_start = off(start).min(self.o_end);
    }

    /// Move the content end (a signature glued to the last line).
    pub fn set_end(&mut self, end: usize) {
        self.o_end = off(end);
    }

    /// Whether the line has a prefix or an artefact (see [`Lines::rare`]).
    #[must_use]
    pub fn has_rare(&self) -> bool {
        self.rare
    }

    /// The content of the line.
    #[must_use]
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start()..self.end()).unwrap_or("")
    }
}

/// What a few lines have besides their content: a removed prefix (`SIPDIS `, an old
/// `PAGE` header) and a removed line-end artefact (`\`, `<br>`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rare {
    /// Start of the removed prefix (it runs to the content start).
    pub prefix: Option<usize>,
    /// The removed line-end artefact, with any whitespace around it.
    pub artefact: Option<(usize, usize)>,
}

/// Every line of a text, in order, with the side table of their [`Rare`] parts. Derefs
/// to the slice of lines.
#[derive(Debug, Default)]
pub struct Lines {
    lines: Vec<Line>,
    /// `(line index, rare parts)` for each line with `rare` set, in line order.
    rare: Vec<(u32, Rare)>,
    /// Where in `rare` the last lookup landed. Lines are read in order, so the next one
    /// asked for is nearly always there or just after: a file with a `<br>` on every line
    /// has a side table as long as itself, where a binary search per line cost a cache
    /// miss per step.
    cursor: std::cell::Cell<usize>,
}

impl std::ops::Deref for Lines {
    type Target = [Line];
    fn deref(&self) -> &[Line] {
        &self.lines
    }
}

impl Lines {
    /// Old print headers number pages within each section (`PAGE 02 HARARE 06677 01 OF
    /// 03`: page 2 of section 1 of 3, then `PAGE 01 … 02 OF 03` starts again): number them
    /// through the whole cable instead, as the reader counts pages.
    fn number_print_pages(&mut self, src: &str) {
        let mut running = 0;
        for i in 0..self.lines.len() {
            let Some(line) = self.lines.get(i) else { break };
            if line.page == 0 {
                continue;
            }
            let start = self.line_start(src, i);
            let raw = src.get(start..).unwrap_or("").trim_start();
            if raw.starts_with("PAGE ") {
                running += 1;
                if let Some(l) = self.lines.get_mut(i) {
                    l.page = running;
                }
            }
        }
    }

    #[inline(always)]
    fn push(&mut self, (mut line, rare): (Line, Rare)) {
        if rare != Rare::default() {
            line.rare = true;
            self.rare.push((off(self.lines.len()), rare));
        }
        self.lines.push(line);
    }

    /// The rare parts of line `i` (none for most lines).
    #[must_use]
    pub fn rare(&self, i: usize) -> Rare {
        if !self.lines.get(i).is_some_and(|l| l.rare) {
            return Rare::default();
        }
        let key = off(i);
        let c = self.cursor.get();
        // A few entries on from the cursor, else a binary search.
        let near = self
            .rare
            .get(c..)
            .unwrap_or(&[])
            .iter()
            .take(8)
            .position(|&(k, _)| k == key);
        let at = match near {
            Some(j) => Some(c + j),
            None => self.rare.binary_search_by_key(&key, |&(k, _)| k).ok(),
        };
        let Some(k) = at else {
            return Rare::default();
        };
        self.cursor.set(k);
        self.rare.get(k).map_or_else(Rare::default, |&(_, r)| r)
    }

    /// Start line `i`'s content at `at`, where the body begins inside it (see
    /// `HeaderOut::body_from`).
    pub fn start_at(&mut self, i: usize, at: usize) {
        if let Some(l) = self.lines.get_mut(i) {
            l.set_start(at);
        }
    }

    /// End line `i`'s content at `at`, where something that is not the cable's text is
    /// glued after its last words (see `trailer`).
    pub fn end_at(&mut self, i: usize, at: usize) {
        if let Some(l) = self.lines.get_mut(i) {
            l.set_end(at.max(l.start()).min(l.end()));
        }
    }

    /// Start of the raw line `i` (before any leading whitespace or prefix): just after
    /// the line break before it.
    #[must_use]
    pub fn line_start(&self, src: &str, i: usize) -> usize {
        let Some(l) = self.lines.get(i) else {
            return src.len();
        };
        let from = self.rare(i).prefix.unwrap_or(l.start()).min(src.len());
        memchr::memrchr2(b'\n', b'\r', src.as_bytes().get(..from).unwrap_or(&[]))
            .map_or(0, |k| k + 1)
    }
}

/// Split `src` on `\n`, `\r\n` and lone `\r` and classify every line.
#[must_use]
pub fn split(src: &str) -> Lines {
    let bytes = src.as_bytes();
    let mut out = Lines {
        lines: Vec::with_capacity(bytes.len() / 48 + 1),
        rare: Vec::new(),
        cursor: std::cell::Cell::new(0),
    };
    let mut pos = 0;
    if memchr::memchr(b'\r', bytes).is_none() {
        // The usual case: `\n` only, so one byte to look for instead of two.
        for i in memchr::memchr_iter(b'\n', bytes) {
            out.push(classify(src, pos, i));
            pos = i + 1;
        }
        out.push(classify(src, pos, bytes.len()));
        out.number_print_pages(src);
        return out;
    }
    loop {
        let rest = bytes.get(pos..).unwrap_or(&[]);
        let (len, term) = match memchr::memchr2(b'\n', b'\r', rest) {
            Some(i) => {
                let crlf = rest.get(i) == Some(&b'\r') && rest.get(i + 1) == Some(&b'\n');
                (i, if crlf { 2 } else { 1 })
            }
            None => (rest.len(), 0),
        };
        out.push(classify(src, pos, pos + len));
        pos += len + term;
        if term == 0 {
            break;
        }
    }
    out.number_print_pages(src);
    out
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0c' | b'\x0b')
}

/// Classify the line `src[start..end]` (without its terminator).
#[must_use]
#[inline(always)]
pub fn classify(src: &str, line_start: usize, raw_end: usize) -> (Line, Rare) {
    let bytes = src.as_bytes();
    let mut start = line_start;
    if line_start == 0 && src.starts_with('\u{feff}') {
        start = 3;
    }
    let mut end = raw_end.max(start);
    while start < end && bytes.get(start).copied().is_some_and(is_space) {
        start += 1;
    }
    while end > start && bytes.get(end - 1).copied().is_some_and(is_space) {
        end -= 1;
    }
    let mut artefact = None;
    let mut artefact_end = end;
    // Line-end rendering artefacts: `\` (07BERN881) and `<br>` (09LAPAZ96).
    loop {
        let content = bytes.get(start..end).unwrap_or(&[]);
        let cut = if content.ends_with(b"\\") {
            1
        } else if content.len() >= 4
            && content
                .get(content.len() - 4..)
                .is_some_and(|t| t.eq_ignore_ascii_case(b"<br>"))
        {
            4
        } else {
            0
        };
        if cut == 0 {
            break;
        }
        if artefact.is_none() {
            artefact_end = end;
        }
        end -= cut;
        artefact = Some(end);
        while end > start && bytes.get(end - 1).copied().is_some_and(is_space) {
            end -= 1;
        }
    }
    let mut line = Line {
        o_start: off(start),
        o_end: off(end),
        kind: LineKind::Text,
        page: 0,
        rare: false,
    };
    let mut rare = Rare {
        prefix: None,
        artefact: artefact.map(|a| (a, artefact_end)),
    };
    let content = bytes.get(start..end).unwrap_or(&[]);
    if content.is_empty() {
        line.kind = LineKind::Blank;
        return (line, rare);
    }
    if is_rule(content) {
        line.kind = LineKind::Rule;
        return (line, rare);
    }
    if content.starts_with(b"SIPDIS") {
        let rest = content.get(6..).unwrap_or(&[]);
        if rest
            .split(|&b| is_space(b))
            .all(|t| t.is_empty() || t == b"SIPDIS")
        {
            line.kind = LineKind::Sipdis;
            return (line, rare);
        }
        if rest.first().copied().is_some_and(is_space) {
            // `SIPDIS SCENARIOS UNDER WHICH…` (00HARARE6677): drop the word, keep the text.
            let mut s = start + 6;
            while s < end && bytes.get(s).copied().is_some_and(is_space) {
                s += 1;
            }
            rare.prefix = Some(start);
            line.o_start = off(s);
            return (line, rare);
        }
    }
    if let Some(page) = page_marker(content) {
        line.kind = LineKind::PageMarker;
        line.page = page;
        return (line, rare);
    }
    if content.starts_with(b"PAGE ")
        && let Some((page, len)) = page_header(content)
    {
        line.page = page;
        if start + len >= end {
            line.kind = LineKind::PageMarker;
        } else {
            let mut s = start + len;
            while s < end && bytes.get(s).copied().is_some_and(is_space) {
                s += 1;
            }
            rare.prefix = Some(start);
            line.o_start = off(s);
        }
        return (line, rare);
    }
    if matches!(
        content,
        b"CONFIDENTIAL" | b"SECRET" | b"UNCLASSIFIED" | b"LIMITED OFFICIAL USE"
    ) {
        line.kind = LineKind::Banner;
    }
    (line, rare)
}

fn is_rule(content: &[u8]) -> bool {
    let mut n = 0;
    for &b in content {
        match b {
            b'-' | b'=' | b'_' | b'*' => n += 1,
            b if is_space(b) => {}
            _ => return false,
        }
    }
    n >= 3
}

/// Read an OCR'd page number: `002`, `Oil` (= 011), `001.2` (= 1).
fn page_number(tok: &[u8]) -> Option<u32> {
    let mut n: u32 = 0;
    let mut digits = 0;
    for &b in tok {
        let d = match b {
            b'0'..=b'9' => b - b'0',
            b'O' | b'o' => 0,
            b'I' | b'l' | b'i' | b'|' => 1,
            b'.' => break,
            _ => return None,
        };
        n = n.checked_mul(10)?.checked_add(u32::from(d))?;
        digits += 1;
    }
    (1..=4).contains(&digits).then_some(n)
}

/// `<ORIGIN ≤10 chars> <serial 8 digits> <page> OF <total 3 digits>`.
fn page_marker(content: &[u8]) -> Option<u32> {
    // Cheap prefilter: short, ends in a digit, contains "OF" (or "of": later renderings
    // write `Ankara 00001643 002 of 002`).
    if content.len() > 48
        || !content.last().is_some_and(u8::is_ascii_digit)
        || !content.windows(2).any(|w| w.eq_ignore_ascii_case(b"OF"))
    {
        return None;
    }
    // At most 24 tokens fit in 48 bytes: collected on the stack.
    let mut buf: [&[u8]; 24] = [&[]; 24];
    let mut n = 0;
    for t in content.split(|&b| is_space(b)).filter(|t| !t.is_empty()) {
        if let Some(slot) = buf.get_mut(n) {
            *slot = t;
            n += 1;
        }
    }
    let toks = buf.get(..n)?;
    let k = toks.iter().position(|t| t.eq_ignore_ascii_case(b"OF"))?;
    if k < 3 || k + 2 != toks.len() {
        return None;
    }
    let total = toks.get(k + 1)?;
    let serial = toks.get(k - 2)?;
    if !(1..=3).contains(&total.len()) || !total.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if serial.len() != 8 || !serial.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let origin = toks.get(..k - 2)?;
    let origin_len: usize = origin.iter().map(|t| t.len() + 1).sum();
    let name = |t: &&[u8]| {
        t.first().is_some_and(u8::is_ascii_uppercase) && t.iter().all(u8::is_ascii_alphabetic)
    };
    if origin_len > 11 || !origin.iter().all(name) {
        return None;
    }
    Some(page_number(toks.get(k - 1)?).unwrap_or(0))
}

/// Old AMS print header `PAGE 02 HARARE 06677 01 OF 03 291400Z`; returns the page and
/// the byte length of the header (text may follow it on the same line).
fn page_header(content: &[u8]) -> Option<(u32, usize)> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < content.len() && toks.len() < 24 {
        while i < content.len() && content.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        let s = i;
        while i < content.len() && !content.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        if s < i {
            toks.push((s, i));
        }
    }
    let tok = |j: usize| toks.get(j).and_then(|&(s, e)| content.get(s..e));
    let page = page_number(tok(1)?)?;
    // Paris' print header `PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440`:
    // the routing id and serial, the classification spelt out, then the station and
    // serial again when they fit.
    if let Some(routing) = tok(2)
        && routing.starts_with(b"RUEH")
        && routing.last().is_some_and(u8::is_ascii_digit)
    {
        let mut j = 3;
        while tok(j).is_some_and(|t| t.len() == 1 && t[0].is_ascii_uppercase()) {
            j += 1;
        }
        if j == 3 {
            return None;
        }
        if tok(j).is_some_and(|t| t.iter().all(u8::is_ascii_uppercase))
            && tok(j + 1).is_some_and(|t| t.len() >= 4 && t.iter().all(u8::is_ascii_digit))
        {
            j += 2;
        }
        return Some((page, toks.get(j - 1)?.1));
    }
    // Find the DTG token ending in Z that closes the header.
    for j in 2..toks.len() {
        let t = tok(j)?;
        if t.len() == 7 && t.ends_with(b"Z") && t.iter().take(6).all(u8::is_ascii_digit) {
            return Some((page, toks.get(j)?.1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> (LineKind, u32) {
        let (l, _) = classify(s, 0, s.len());
        (l.kind, l.page)
    }

    #[test]
    fn classifies_lines() {
        assert_eq!(kind("   "), (LineKind::Blank, 0));
        assert_eq!(
            kind("MEXICO  00001113  002  OF  018 "),
            (LineKind::PageMarker, 2)
        );
        assert_eq!(
            kind("MEXICO  00001113  Oil  OF  018"),
            (LineKind::PageMarker, 11)
        );
        assert_eq!(
            kind("PORT AU PR 00000408 002 OF 007"),
            (LineKind::PageMarker, 2)
        );
        assert_eq!(
            kind("TRIPOLI 00000402 001.2 OF 003"),
            (LineKind::PageMarker, 1)
        );
        assert_eq!(
            kind("Ankara 00001643 002 of 002"),
            (LineKind::PageMarker, 2)
        );
        assert_eq!(
            kind("TRIPOLI 00000402 001.2 OF 003"),
            (LineKind::PageMarker, 1)
        );
        assert_eq!(
            kind("PAGE 02 HARARE 06677 01 OF 03 291400Z"),
            (LineKind::PageMarker, 2)
        );
        assert_eq!(kind("SIPDIS SIPDIS "), (LineKind::Sipdis, 0));
        assert_eq!(kind("-------------- "), (LineKind::Rule, 0));
        assert_eq!(kind("<br>"), (LineKind::Blank, 0));
        assert_eq!(kind(" CONFIDENTIAL"), (LineKind::Banner, 0));
        assert_eq!(kind("The Assessment"), (LineKind::Text, 0));
    }

    #[test]
    fn strips_artefacts_and_prefixes() {
        let s = "SUBJECT: FM CALMY-REY \\";
        let (l, rare) = classify(s, 0, s.len());
        assert_eq!(l.text(s), "SUBJECT: FM CALMY-REY");
        assert_eq!(rare.artefact, Some((s.len() - 1, s.len())));
        let s = "SIPDIS SCENARIOS UNDER";
        let (l, rare) = classify(s, 0, s.len());
        assert_eq!((l.text(s), rare.prefix), ("SCENARIOS UNDER", Some(0)));
        // Paris' print header, alone (07PARIS170) and before text (07PARIS2440).
        assert_eq!(
            kind("PAGE 03 RUEHFRA0170 S E C R E T "),
            (LineKind::PageMarker, 3)
        );
        let s = "PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440 PERSIAN GULF";
        let (l, rare) = classify(s, 0, s.len());
        assert_eq!(
            (l.text(s), l.page, rare.prefix),
            ("PERSIAN GULF", 2, Some(0))
        );
        assert_eq!(kind("PAGE 02 RUEHFRA2440 TODAY"), (LineKind::Text, 0));
        let s = "PAGE 02 HARARE 06677 01 OF 03 291400Z OPPOSITION LEADER";
        let (l, rare) = classify(s, 0, s.len());
        assert_eq!(
            (l.text(s), l.page, rare.prefix),
            ("OPPOSITION LEADER", 2, Some(0))
        );
    }

    #[test]
    fn keeps_rare_parts_aside() {
        let s = "one\n  SIPDIS two\r\nthree \\\nfour";
        let lines = split(s);
        assert_eq!(std::mem::size_of::<Line>(), 16);
        assert_eq!(lines.rare(0), Rare::default());
        assert_eq!(lines.rare(1).prefix, Some(6));
        assert_eq!(
            lines.rare(2).artefact,
            Some((s.find('\\').unwrap_or(0), s.find('\\').unwrap_or(0) + 1))
        );
        assert_eq!(lines.rare(3), Rare::default());
        let starts: Vec<usize> = (0..4).map(|i| lines.line_start(s, i)).collect();
        assert_eq!(starts, [0, 4, 18, 26]);
    }

    #[test]
    fn splits_all_line_ends() {
        let s = "a\r\nb\rc\nd";
        let v: Vec<&str> = split(s).iter().map(|l| l.text(s)).collect();
        assert_eq!(v, ["a", "b", "c", "d"]);
        let s = "\u{feff}x";
        assert_eq!(split(s).first().map(|l| l.text(s)), Some("x"));
    }
}
