//! Pass 2a: the header (layers 1–3 of `CABLE-FORMAT.md`): envelope, classification line,
//! handling and office lines, E.O., TAGS, SUBJECT, REF list and Classified By.
//!
//! The header is read by its own markers wherever they stand: after a mirror's preamble,
//! with the classification line glued to the last routing line, with the envelope
//! repeated or after the classification line. Each line is recognised by a sub-module
//! ([`envelope`], [`classification`], [`preamble`]); this module walks the lines, keeps
//! multi-line fields open, finds where the body starts, and then settles the cable's
//! identity from all the evidence (see [`identity`]).

mod authority;
mod classification;
mod correction;
mod envelope;
mod identity;
mod preamble;
mod refs;

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{LineKind, Lines};
use super::scan::collapse;
use super::vocab::{
    CLASSIFIED_BY_KEYS, DERIVED_FROM_KEYS, EO_KEYS, HANDLING, PARTIAL_NOTICE, REF_KEYS, SBU_CAVEAT,
    SENSITIVE, SUBJECT_KEYS, TAGS_KEYS,
};
use super::{Diagnostic, Hints, structure::para_start};
use crate::cable::{Header, Recipient};
use envelope::Envelope;

/// What the header pass found.
#[derive(Debug, Default)]
pub struct HeaderOut {
    /// The header fields.
    pub header: Header,
    /// Canonical reference id, e.g. `06MEXICO1113`.
    pub id: Option<String>,
    /// Index of the first body line.
    pub body_start: usize,
    /// Where the body begins inside that line when a paragraph is glued after the
    /// `Classified By:` line's reasons (`REASON: 1.4 (b), (d) 1. (C) Summary: …`,
    /// 09TRIPOLI663): the byte offset of the paragraph's number.
    pub body_from: Option<usize>,
}

#[allow(clippy::expect_used)]
fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid built-in regex")
}

/// Field keys inside a line (several fields on one line: 10STATE284, 08TRIPOLI220).
static KEYS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\bSIPDIS\b|\bE\.\s?O\.|\bEO 1\d{4}|\bTAGS\b|\bSUBJECT:|\bSUBJ:|\bREF:|\bREFS:|\bREFTELS?:|(?i:\bclassified by\b))",
    )
});

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    /// Before the classification line: envelope, preambles, print headers.
    Envelope,
    /// After it: handling and office lines.
    Office,
    /// After the first of E.O./TAGS/SUBJECT/REF/Classified By.
    Fields,
}

/// The multi-line field a continuation line would extend.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    None,
    To,
    Info,
    Exempt,
    Tags,
    Subject,
    Ref,
    ClassifiedBy,
    Skip,
    /// A corrected copy's notice, whose reason may go on in the next line.
    Correction,
    /// A sensitive but unclassified caveat without its stop, which may end in the next
    /// line (`… Please protect` / `accordingly.`, 07PARIS306).
    Caveat,
}

/// Everything the walk collects; [`identity`] turns it into the id and date.
#[derive(Default)]
struct Ctx {
    h: Header,
    /// REF blocks, each a list of (source start, source end) line pieces.
    ref_blocks: Vec<Vec<(usize, usize)>>,
    /// The bare letter after the last REF key (`REF A SECSTATE …` → `A`).
    ref_key_letter: Option<char>,
    subject: String,
    classified_by: String,
    /// The classification line, when the text has one.
    class: Option<classification::ClassLine>,
    /// A classification standing alone (`CONFIDENTIAL`, `CLASSIFICATION: SECRET`).
    bare_class: Option<&'static str>,
    /// The envelope's `ZNY` code's classification.
    zn_class: Option<&'static str>,
    /// The date-time group's year.
    dtg_year: Option<i32>,
    /// The DE line's serial (last four digits).
    de_serial: Option<u32>,
    /// A mirror's preamble or record block.
    preamble: Option<preamble::Preamble>,
    /// Index of the last envelope line that dates the envelope (DTG, DE).
    last_envelope: Option<usize>,
    diags: Vec<Diagnostic>,
}

/// Parse the header; `lines` come from [`super::lines::split`].
#[must_use]
pub fn parse(
    src: &str,
    lines: &Lines,
    hints: &Hints<'_>,
    diags: &mut Vec<Diagnostic>,
) -> HeaderOut {
    let mut cx = Ctx::default();
    let mut i = skip_alx_preamble(src, lines, &mut cx);
    let class_at = find_class_line(src, lines, i);
    let mut state = State::Envelope;
    let mut open = Open::None;
    let mut seen_field = false;
    let mut body_start = lines.len();
    let mut body_from = None;
    let mut blank_run = 0usize;
    // Inside a copy of the header printed again under a mirror's date line.
    let mut in_copy = false;
    while i < lines.len() {
        let Some(line) = lines.get(i) else { break };
        let text = line.text(src);
        // Its fields in HTML (`<strong>TAGS </strong>PREL, …`) repeat those read.
        if in_copy && text.contains("</strong>") {
            i += 1;
            continue;
        }
        match line.kind {
            LineKind::Blank => {
                blank_run += 1;
                if matches!(open, Open::To | Open::Info | Open::Exempt | Open::Tags)
                    || open == Open::ClassifiedBy && !authority::dangling(&cx.classified_by)
                {
                    open = Open::None;
                }
                i += 1;
                continue;
            }
            LineKind::Banner if state == State::Envelope => {
                cx.bare_class = cx
                    .bare_class
                    .or_else(|| classification::class_word(text.trim()).map(|w| w.class));
                i += 1;
                continue;
            }
            LineKind::PageMarker | LineKind::Banner | LineKind::Rule
                if state == State::Envelope =>
            {
                i += 1;
                continue;
            }
            LineKind::PageMarker | LineKind::Banner => {
                if !text.is_empty() && lines.rare(i).prefix.is_some() {
                    // text after a PAGE header: continue below
                } else {
                    i += 1;
                    continue;
                }
            }
            LineKind::Sipdis => {
                push_unique(&mut cx.h.handling, "SIPDIS");
                i += 1;
                continue;
            }
            LineKind::Rule => {
                // A boxed note between the classification line and the E.O./TAGS block
                // (66BUENOSAIRES2481) is still header; a rule after them opens the body.
                let field_ahead = state == State::Office
                    && lines
                        .iter()
                        .skip(i + 1)
                        .take(20)
                        .any(|l| l.kind == LineKind::Text && is_field_start(l.text(src)));
                if state != State::Envelope && !field_ahead {
                    body_start = i;
                    break;
                }
                i += 1;
                continue;
            }
            LineKind::Text => {}
        }
        let after_blank = blank_run > 0;
        blank_run = 0;
        if let Some((at, glued)) = class_at
            && at == i
        {
            read_class_line(&mut cx, text, glued);
            state = State::Office;
            open = Open::None;
            i += 1;
            continue;
        }
        if state != State::Envelope && para_start(text, 1, false).is_some() {
            body_start = i;
            break;
        }
        // A database record block (`<<218634>>` …) inside the envelope (09KHARTOUM881).
        if state != State::Fields && text.starts_with("<<") {
            let texts: Vec<&str> = lines
                .iter()
                .skip(i)
                .take(12)
                .map(|l| l.text(src).trim())
                .collect();
            if let Some(p) = preamble::record(&texts) {
                i += p.lines;
                if cx.preamble.is_none() {
                    cx.preamble = Some(p);
                }
                continue;
            }
        }
        // Continuations of open multi-line fields.
        let addr_start = state != State::Fields
            && ["INFO ", "FM ", "TO ", "XMT "]
                .iter()
                .any(|k| text.starts_with(k));
        // A DTG, DE or FM line ends an addressee list (`INFO LOG-00 …` / `R 171512Z JAN 90`).
        let envelope_line = matches!(
            envelope::read(text),
            Some(Envelope::Dtg(_) | Envelope::De(_) | Envelope::Zn(_) | Envelope::Transmission(_))
        );
        // The line's first words went to the open REF list; the rest is a field.
        let mut ref_took = false;
        if !is_field_start(text) && !addr_start && !envelope_line {
            match open {
                Open::To if !after_blank => {
                    push_addressee(&mut cx.h.to, text);
                    i += 1;
                    continue;
                }
                Open::Info if !after_blank => {
                    push_addressee(&mut cx.h.info, text);
                    i += 1;
                    continue;
                }
                Open::Exempt if !after_blank => {
                    push_addressee(&mut cx.h.exempt, text);
                    i += 1;
                    continue;
                }
                Open::Skip if !after_blank => {
                    i += 1;
                    continue;
                }
                Open::Caveat
                    if !after_blank
                        && text.ends_with('.')
                        && text.split_whitespace().count() <= 2 =>
                {
                    i += 1;
                    continue;
                }
                Open::Tags
                    if !after_blank
                        && cx.h.tags.len() < 40
                        && (looks_like_tags(text)
                            || tags_wrap(
                                i.checked_sub(1).map_or("", |k| lines[k].text(src)),
                                text,
                            )) =>
                {
                    push_tags(&mut cx.h.tags, text);
                    i += 1;
                    continue;
                }
                Open::Subject if subject_continues(&cx.subject, text, after_blank) => {
                    cx.subject.push(' ');
                    cx.subject.push_str(text);
                    i += 1;
                    continue;
                }
                Open::Ref if ref_continues(src, &cx.ref_blocks, text, after_blank) => {
                    // Up to a Classified By line glued after the list's last words (`…
                    // 353 CLASSIFIED BY: …`, 09RIODEJANEIRO365), read as a field below.
                    let cut = ref_words_end(text);
                    if let Some(block) = cx.ref_blocks.last_mut() {
                        block.push((line.start(), line.start() + cut));
                    }
                    if cut >= text.len() {
                        i += 1;
                        continue;
                    }
                    ref_took = true;
                }
                // A Classified By line is a few lines at most: past that the text is not
                // one (and each look at the line so far stays short).
                Open::ClassifiedBy
                    if text.len() < 100
                        && cx.classified_by.len() < 600
                        && if after_blank {
                            authority::continues_after_blank(&cx.classified_by, text)
                        } else {
                            authority::continues(&cx.classified_by, text)
                        } =>
                {
                    let prev = i.checked_sub(1).map_or("", |k| lines[k].text(src));
                    if !authority::glued(prev, text) {
                        cx.classified_by.push(' ');
                    }
                    cx.classified_by.push_str(text);
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        let was_open = open;
        open = Open::None;
        // Envelope lines: anywhere before the fields; after the classification line only
        // those that cannot be prose (FM/TO/INFO there need a DTG or DE line just before,
        // since "FM" is also the Foreign Minister).
        if state != State::Fields
            && let Some(env) = envelope::read(text)
        {
            let addressing = matches!(
                env,
                Envelope::From(_) | Envelope::To(_) | Envelope::Info(_) | Envelope::Exempt(_)
            );
            // Never an office line addressed in words (`TO THE SECRETARY FROM AMBASSADOR
            // EDUARDO AGUIRRE; ALSO FOR`, 07MADRID1021).
            let recent = cx.last_envelope.is_some_and(|k| i <= k + 12)
                && !(text.contains(';') || text.contains(" FROM "));
            if state == State::Envelope || !addressing || recent {
                open = take_envelope(&mut cx, env, i);
                i += 1;
                continue;
            }
        }
        // Field lines, possibly several fields on one line (10STATE284, 08TRIPOLI220).
        let mut handled = false;
        for (k, piece) in split_fields(text).into_iter().enumerate() {
            if k == 0 && ref_took {
                handled = true;
                continue;
            }
            let start = line.start() + piece.0;
            let end = line.start() + piece.1;
            let raw = src.get(start..end).unwrap_or("");
            let lead = raw.len() - raw.trim_start().len();
            let p = raw.trim();
            if let Some(o) = field(&mut cx, p, start + lead, state) {
                handled = true;
                seen_field = true;
                open = o;
                if o == Open::ClassifiedBy
                    && let Some(at) = glued_paragraph(p)
                    && cx.classified_by.ends_with(&p[at..])
                {
                    let keep = cx.classified_by.len() - (p.len() - at);
                    cx.classified_by.truncate(keep);
                    body_from = Some(start + lead + at);
                    break;
                }
                // Fields before a classification line further down (a printout's
                // summary block, 03ABUDHABI2641) do not end the envelope.
                let class_later = class_at.is_some_and(|(k, _)| k > i);
                if matches!(
                    o,
                    Open::Tags | Open::Subject | Open::Ref | Open::ClassifiedBy
                ) && !class_later
                {
                    state = State::Fields;
                }
            } else if state != State::Fields
                && class_at.is_none()
                && cx.bare_class.is_none()
                && let Some(w) = classification::class_word(p)
                && w.len == p.len()
            {
                // A classification standing alone on its line.
                cx.bare_class = Some(w.class);
                state = State::Office;
                handled = true;
            } else if k == 0 && state == State::Office && p.len() <= 80 {
                // A corrected copy's notice, its reason maybe on the next line
                // (09ISLAMABAD385: `C O R R E C T E D COPY` / `CLASSIFCATION MISMATCH …`).
                if let Some(why) = correction::reason(p) {
                    cx.h.correction = Some(why.to_owned());
                    // Closed by a bracket or a stop, it is whole (`(ADDRESSEE)` / `DEPT
                    // FOR SCA/CEN`, 08BISHKEK1095).
                    if !p.ends_with([')', '.', '/']) {
                        open = Open::Correction;
                    }
                } else if was_open == Open::Correction
                    && !after_blank
                    && !p.contains(" FOR ")
                    && (cx.h.correction.as_deref() == Some("") || p.split_whitespace().count() <= 2)
                {
                    let why = cx.h.correction.get_or_insert_default();
                    if !why.is_empty() {
                        why.push(' ');
                    }
                    why.push_str(correction::trim(&collapse(p)));
                } else {
                    cx.h.office.push(collapse(p));
                }
                handled = true;
            } else if k > 0 {
                handled = true;
            }
        }
        if body_from.is_some() {
            body_start = i;
            break;
        }
        if !handled && was_open == Open::Ref && text.len() < 100 && field_ahead(src, lines, i) {
            // The rest of a REF entry after a blank, with fields still below (`(B)
            // MCWHIRTER 12/14/07` / blank / `E-MAIL TO DS COMMAND CENTER` / blank /
            // `Classified By: …`, 07BUENOSAIRES2345).
            if let Some(block) = cx.ref_blocks.last_mut() {
                block.push((line.start(), line.end()));
            }
            open = Open::Ref;
            i += 1;
            continue;
        }
        if !handled {
            let class_later = class_at.is_some_and(|(k, _)| k > i);
            if state == State::Envelope && (class_later || header_ahead(src, lines, i)) {
                // Junk before the classification line (print headers, mirrors' notes).
                if text.starts_with(PARTIAL_NOTICE) {
                    cx.h.partial = true;
                }
                i += 1;
                continue;
            }
            // A mirror's date line and the header printed again under it, in HTML
            // (`<strong>EO 12958 </strong>DECL: …`), above the cable's last fields
            // (09ISLAMABAD3037): not the body.
            if state == State::Fields
                && (in_copy || preamble::is_day_stamp(text))
                && field_ahead(src, lines, i)
            {
                in_copy = true;
                i += 1;
                continue;
            }
            if state == State::Office && field_ahead(src, lines, i) {
                // A long office line (`DEPT PASS USAID TO …`) before the E.O./TAGS block.
                cx.h.office.push(collapse(text));
                i += 1;
                continue;
            }
            body_start = i;
            break;
        }
        i += 1;
    }
    if body_start == lines.len() && class_at.is_none() && !seen_field && cx.h.from.is_none() {
        body_start = 0;
    }
    let span_end = body_from
        .unwrap_or_else(|| lines.line_start(src, body_start))
        .min(src.len());
    cx.h.span = 0..span_end;
    let (id, header) = identity::settle(src, cx, hints, diags);
    HeaderOut {
        header,
        id,
        body_start,
        body_from,
    }
}

/// Where a first paragraph glued after a `Classified By:` line's reasons begins in the
/// line `p` (`… REASON: 1.4 (b), (d) 1. (C) Summary: …`, 09TRIPOLI663, 10VATICAN13).
fn glued_paragraph(p: &str) -> Option<usize> {
    let from = authority::reasons_at(p)?;
    p.match_indices(" 1")
        .map(|(k, _)| k + 1)
        .filter(|&k| k > from)
        .find(|&k| para_start(&p[k..], 1, true).is_some_and(|s| s.marking.is_some()))
}

/// Skip the alx mirror's five preamble lines, keeping what they say; returns the index of
/// the first line after them (0 when there is none).
fn skip_alx_preamble(src: &str, lines: &Lines, cx: &mut Ctx) -> usize {
    let firsts: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .take(12)
        .filter(|(_, l)| l.kind != LineKind::Blank)
        .map(|(k, l)| (k, l.text(src).trim()))
        .take(6)
        .collect();
    let texts: Vec<&str> = firsts.iter().map(|(_, t)| *t).collect();
    match preamble::alx(&texts) {
        Some(p) => {
            let next = firsts.get(p.lines - 1).map_or(0, |(k, _)| k + 1);
            cx.preamble = Some(p);
            next
        }
        None => 0,
    }
}

/// The classification line: its index and whether it is glued after other text (the
/// offset where it starts). Searched from `from` up to the first numbered paragraph.
fn find_class_line(src: &str, lines: &Lines, from: usize) -> Option<(usize, Option<usize>)> {
    let limit = lines.len().min(from + 400);
    for (k, l) in lines.iter().enumerate().take(limit).skip(from) {
        if l.kind != LineKind::Text {
            continue;
        }
        let t = l.text(src);
        if t.len() >= 300 {
            continue;
        }
        let tail = after_tab(t);
        if classification::class_line(tail).is_some() {
            let at = t.len() - tail.len();
            return Some((k, (at > 0).then_some(at)));
        }
        if let Some((at, _)) = classification::glued_class_line(t) {
            return Some((k, Some(at)));
        }
        if para_start(t, 1, false).is_some() {
            return None;
        }
    }
    None
}

/// Whether a header line (an envelope line, a field, a classification) comes within the
/// next few lines: then an unknown line before the classification line is junk to skip,
/// not the start of the body.
fn header_ahead(src: &str, lines: &Lines, i: usize) -> bool {
    lines.iter().skip(i + 1).take(12).any(|l| {
        let t = l.text(src);
        l.kind == LineKind::Text
            && (is_field_start(t)
                || envelope::read(t).is_some()
                || classification::class_word(t).is_some())
    })
}

/// Whether a header field starts within the next few lines.
fn field_ahead(src: &str, lines: &Lines, i: usize) -> bool {
    lines
        .iter()
        .skip(i + 1)
        .take(8)
        .take_while(|l| para_start(l.text(src), 1, false).is_none())
        .any(|l| l.kind == LineKind::Text && is_field_start(l.text(src)))
}

/// The part after the last tab: a CSV/TSV record can put the classification line at the
/// end of a header line (07BERN881).
fn after_tab(t: &str) -> &str {
    t.rsplit_once('\t').map_or(t, |(_, r)| r.trim_start())
}

/// Record an envelope line; returns the field it opens.
fn take_envelope(cx: &mut Ctx, env: Envelope, i: usize) -> Open {
    match env {
        Envelope::Transmission(t) => {
            cx.h.transmission_id.get_or_insert(t);
        }
        Envelope::Routing => {}
        Envelope::De(serial) => {
            cx.last_envelope = Some(i);
            if cx.de_serial.is_none() {
                cx.de_serial = serial;
            }
        }
        Envelope::Zn(class) => cx.zn_class = cx.zn_class.or(class),
        Envelope::Dtg(d) => {
            cx.last_envelope = Some(i);
            if cx.h.date.is_none() && cx.h.dtg.is_none() {
                cx.dtg_year = Some(d.year);
                cx.h.date = d.date;
                cx.h.dtg = Some(d.text);
                cx.h.precedence = d.precedence;
            }
        }
        Envelope::From(f) => {
            cx.last_envelope = Some(i);
            cx.h.from.get_or_insert(f);
        }
        Envelope::To(t) => {
            push_addressee(&mut cx.h.to, &t);
            return Open::To;
        }
        Envelope::Info(Some(t)) => {
            push_addressee(&mut cx.h.info, &t);
            return Open::Info;
        }
        Envelope::Info(None) => return Open::Skip,
        Envelope::Exempt(t) => {
            push_addressee(&mut cx.h.exempt, &t);
            return Open::Exempt;
        }
    }
    Open::None
}

/// Record the classification line (`glued`: where it starts after other text).
fn read_class_line(cx: &mut Ctx, text: &str, glued: Option<usize>) {
    if let Some(at) = glued {
        // The routing line it is glued to (`RUEHDT/AMEMBASSY DILI 3432UNCLAS …`).
        if let Some(before) = text.get(..at)
            && !before.contains('\t')
        {
            push_addressee(&mut cx.h.info, before);
        }
    }
    let text = text.get(glued.unwrap_or(0)..).unwrap_or("");
    let Some(c) = classification::class_line(text) else {
        return;
    };
    cx.h.classification = Some(c.word.class.to_owned());
    cx.h.section_count = c.sections;
    cx.h.origin = Some(c.origin.clone());
    cx.h.serial = Some(c.serial);
    for w in &c.caveats {
        push_unique(&mut cx.h.handling, w);
    }
    // Fields glued on (10STATE284): `SIPDIS E.O. 12958: … TAGS: …`.
    if let Some(rest) = text.get(c.rest..) {
        if rest
            .split_whitespace()
            .any(|w| w.trim_matches(|ch: char| !ch.is_ascii_alphabetic()) == "NOFORN")
        {
            push_unique(&mut cx.h.handling, "NOFORN");
        }
        for (s, e) in split_fields(rest) {
            let p = rest.get(s..e).unwrap_or("").trim();
            if !p.is_empty() {
                field(cx, p, 0, State::Office);
            }
        }
    }
    cx.class = Some(c);
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_owned());
    }
}

fn push_addressee(v: &mut Vec<Recipient>, s: &str) {
    let a = envelope::recipient(s);
    // A print page header can interrupt the list (09STATE15113: `TO PAGE 02 STATE …`).
    if !a.name.is_empty() && !a.name.starts_with("PAGE ") && !v.iter().any(|r| r.name == a.name) {
        v.push(a);
    }
}

/// Add the TAGS of `s` (codes in capitals, each once; person tags kept whole).
fn push_tags(tags: &mut Vec<String>, s: &str) {
    let s = s.to_ascii_uppercase();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' | ' ' | '\t' if depth <= 0 => {
                if !cur.is_empty() {
                    tags.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        tags.push(cur);
    }
    // Person tags: `OVIP (STEINBERG, JAMES B.)` stays one tag.
    let mut i = 1;
    while i < tags.len() {
        if tags.get(i).is_some_and(|t| t.starts_with('('))
            && let Some(t) = tags.get(i).cloned()
            && let Some(prev) = tags.get_mut(i - 1)
        {
            prev.push(' ');
            prev.push_str(&t);
            tags.remove(i);
        } else {
            i += 1;
        }
    }
    let mut seen = Vec::with_capacity(tags.len());
    tags.retain(|t| {
        let new = !seen.contains(t);
        seen.push(t.clone());
        new
    });
}

/// A wrapped TAGS line: short upper-case codes, commas, person tags in parentheses.
fn looks_like_tags(t: &str) -> bool {
    let mut depth = 0i32;
    t.split([' ', ',', '\t'])
        .filter(|w| !w.is_empty())
        .all(|w| {
            let inside = depth > 0 || w.starts_with('(');
            depth += i32::try_from(w.matches('(').count()).unwrap_or(0);
            depth -= i32::try_from(w.matches(')').count()).unwrap_or(0);
            inside
                || (w.len() <= 8
                    && w.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
        })
}

/// A TAGS list in small letters wrapped after a comma (`Tags: asec, pins, …, ug,` /
/// `cf`, 09KHARTOUM881: a copy whose header was lowered).
fn tags_wrap(prev: &str, t: &str) -> bool {
    prev.trim_end().ends_with(',') && looks_like_tags(&t.to_ascii_uppercase())
}

fn is_field_start(t: &str) -> bool {
    let t = t.trim_start_matches('¶').trim_start();
    super::vocab::field_keys().any(|k| {
        t.get(..k.len()).is_some_and(|h| h.eq_ignore_ascii_case(k))
            && t.get(k.len()..)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphabetic()))
    })
}

/// Whether line `t` is the caveat of a sensitive but unclassified cable (`SENSITIVE BUT
/// UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY.`, `Sensitive but unclassified -- please
/// protect accordingly.`): the header's `SENSITIVE`, whether it stands after the subject
/// (10PRISTINA84, 09MUNICH25) or after the REF list (07PARIS1791).
fn is_sbu_caveat(t: &str) -> bool {
    t.len() < 80
        && t.get(..SBU_CAVEAT.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(SBU_CAVEAT))
}

fn subject_continues(subject: &str, t: &str, after_blank: bool) -> bool {
    // A subject is a few lines at most; past that the text is body, not subject.
    // A long line continues it only in capitals (09BAKU478's one-line second half).
    let long = t.len() > 90 && (t.len() > 300 || t.bytes().any(|b| b.is_ascii_lowercase()));
    // A mirror's date line starts the header printed again (09ISLAMABAD3037).
    if long
        || subject.len() > 400
        || para_start(t, 1, false).is_some()
        || preamble::is_day_stamp(t)
        || is_sbu_caveat(t)
    {
        return false;
    }
    if !after_blank {
        return true;
    }
    // An OCR blank line inside the subject (seed): continue only with a short all-caps
    // line, and only once; a longer one when the subject stops mid-phrase (`… FLAT-FOOTED
    // BY BROWN'S` / blank / `QUICK MANEUVERS ON FINANCIAL CRISIS, SAYS SENIOR TORY MP`,
    // 08LONDON2765).
    let has_lower = t.bytes().any(|b| b.is_ascii_lowercase());
    let words = if ends_mid_phrase(subject) { 14 } else { 8 };
    !has_lower
        && subject.len() < 160
        && !t.contains("SUMMARY")
        && !subject.trim_end().ends_with('.')
        && t.split_whitespace().count() <= words
}

/// Whether a subject line stops where no title ends: on a possessive (`BROWN'S`) or a
/// word that joins what follows (`OF`, `BY`, `AND`).
fn ends_mid_phrase(subject: &str) -> bool {
    const JOINING: &[&str] = &[
        "A", "AN", "AND", "AT", "BY", "FOR", "FROM", "IN", "OF", "ON", "OR", "THE", "TO", "WITH",
    ];
    let last = subject.split_whitespace().next_back().unwrap_or_default();
    last.ends_with("'S") || last.ends_with("\u{2019}S") || JOINING.contains(&last)
}

/// Whether line `t` continues the open REF block: a wrapped line, or after a blank line
/// the next letter of a lettered list (`¶B.`, `IB.`).
fn ref_continues(src: &str, blocks: &[Vec<(usize, usize)>], t: &str, after_blank: bool) -> bool {
    if para_start(t, 1, false).is_some() {
        return false;
    }
    // What is before a field glued on (`RIO DE JANEIRO 353 … CLASSIFIED BY: …`).
    let t = t.get(..ref_words_end(t)).unwrap_or(t).trim_end();
    let Some(block) = blocks.last() else {
        return false;
    };
    let text: Vec<&str> = block
        .iter()
        .map(|&(s, e)| src.get(s..e).unwrap_or(""))
        .collect();
    let joined = text.join(" ");
    let open_end = {
        let end = joined.trim_end();
        end.ends_with([',', ';', ':', '-', '/'])
            || end
                .get(end.len().saturating_sub(4)..)
                .is_some_and(|w| w.eq_ignore_ascii_case(" AND"))
    };
    if open_end && !after_blank && t.len() < 100 && block.len() < 30 {
        return true;
    }
    // A list ending in a separator goes on after a blank line with a cite
    // (09RIODEJANEIRO365: `REF: RIO DE JANEIRO 329; RIO DE JANEIRO 346;` / blank / `RIO DE
    // JANEIRO 353`).
    if open_end && after_blank && block.len() < 30 && refs::cite(t).is_some() {
        return true;
    }
    if let Some(l) = refs::next_letter(&joined) {
        if refs::starts_with_letter(t, l) {
            return true;
        }
        // The rest of an uncited entry, then the next letter (04MADRID3914: `C) SAINZ
        // E-MAIL` / blank / `OF 10/6 D) STATE 215870`).
        let uncited = refs::entries(&joined)
            .last()
            .is_some_and(|e| e.cite.is_none());
        if uncited
            && t.len() < 100
            && t.match_indices(' ')
                .any(|(k, _)| refs::starts_with_letter(&t[k + 1..], l))
        {
            return true;
        }
    }
    // The serial of the last entry's station, alone after a blank (05MADRID4026: `(C)
    // SECSTATE` / blank / `36633`).
    if t.len() <= 8
        && t.bytes().all(|b| b.is_ascii_digit())
        && refs::entries(&joined).last().is_some_and(|e| {
            e.cite.is_none()
                && joined
                    .get(e.range.clone())
                    .is_some_and(|w| refs::cite(&format!("{} {t}", w.trim())).is_some())
        })
    {
        return true;
    }
    // A key alone on its line (`REFS:`), the list below it.
    if joined.trim().is_empty() {
        return t.len() < 200;
    }
    // A wrapped REF line (06VIENNA515: `… d)` / `05 state 220738`), a second line of a
    // separated list (09BRASILIA905: `… BRASILIA 791,` / `BRASILIA 799`).
    !after_blank
        && t.len() < 100
        && block.len() < 30
        && (refs::cite(t).is_some()
            || refs::entries(&joined)
                .last()
                .is_some_and(|e| e.cite.is_none()))
}

/// Where a REF list's words on line `t` end: before a `Classified By` line glued after
/// them (09RIODEJANEIRO357: `¶B. (B) RIO 346 Classified By: …`), or at the line's end.
/// Other keys stay the entry's words (`(SUBJ: IIR 6 832 0617 08)`, 08PARIS1698).
fn ref_words_end(t: &str) -> usize {
    // Most lines hold no such key: one look at their bytes before the fields are split.
    let b = t.as_bytes();
    if !CLASSIFIED_BY_KEYS.iter().any(|k| {
        b.windows(k.len())
            .any(|w| w.eq_ignore_ascii_case(k.as_bytes()))
    }) {
        return t.len();
    }
    split_fields(t)
        .iter()
        .skip(1)
        .map(|&(start, _)| start)
        .find(|&start| {
            t.get(start..)
                .is_some_and(|rest| after_key(rest, CLASSIFIED_BY_KEYS).is_some())
        })
        .unwrap_or(t.len())
}

/// Split a line at embedded field keywords; returns byte ranges within `t`.
fn split_fields(t: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    let upper_start = t.trim_start();
    let is_subject = upper_start.starts_with("SUBJ");
    let mut after_classified_by = false;
    for m in KEYS.find_iter(t) {
        // A subject keeps its words, but a REF or Classified By glued after it is a field
        // of its own.
        let key = m.as_str();
        let classified_by = key.eq_ignore_ascii_case("classified by");
        let field = key.starts_with("REF") || classified_by;
        // `Classified by CDA Robert Deutsch; E.O. 12958, reasons 1.4 …` (05ANKARA1730).
        let in_reasons = key.starts_with('E')
            && after_classified_by
            && authority::order_in_reasons(&t[m.end()..]);
        after_classified_by |= classified_by;
        if m.start() > 0 && (!is_subject || field) && !in_reasons {
            cuts.push(m.start());
        }
    }
    // `…AS UK PRIMEREF: A. LONDON 1939` (08LONDON1991): a REF glued to the subject's
    // last word.
    if is_subject
        && cuts.len() == 1
        && let Some(k) = t.find("REF: ")
        && k > 0
    {
        cuts.push(k);
    }
    cuts.push(t.len());
    cuts.windows(2)
        .filter_map(|w| match w {
            [a, b] if a < b => Some((*a, *b)),
            _ => None,
        })
        .collect()
}

fn after_key<'a>(p: &'a str, keys: &[&str]) -> Option<&'a str> {
    let p = p.trim_start_matches('¶').trim_start();
    for k in keys {
        if p.len() >= k.len()
            && p.is_char_boundary(k.len())
            && p.get(..k.len()).is_some_and(|h| h.eq_ignore_ascii_case(k))
        {
            let rest = p.get(k.len()..).unwrap_or("");
            // Require a separator after word keys.
            if k.ends_with(|c: char| c.is_ascii_alphabetic())
                && rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '(')
            {
                continue;
            }
            return Some(rest.trim_start_matches([':', ' ', '\t', '.']).trim());
        }
    }
    None
}

/// The capital a REF entry starts with when it stands alone before the entry's text
/// (`A SECRETARY'S LETTER`, `B SECSTATE 76108`).
fn bare_letter(rest: &str) -> Option<char> {
    match rest.trim_start().as_bytes() {
        [l @ b'A'..=b'Z', b' ', ..] => Some(char::from(*l)),
        _ => None,
    }
}

/// Header field lines valid after the classification line (and before it in odd files).
/// `start` is where `p` starts in the source (0 when it does not come from a line).
fn field(cx: &mut Ctx, p: &str, start: usize, state: State) -> Option<Open> {
    if let Some(rest) = after_key(p, EO_KEYS)
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        cx.h.eo = Some(collapse(rest));
        return Some(Open::None);
    }
    if let Some(rest) = after_key(p, TAGS_KEYS) {
        // A repeated header block (a printout's summary, a mirror's second copy): the
        // later TAGS line is the cable's own, and so are the REF lines after it
        // (09KHARTOUM881's record block, then its own lines).
        if !cx.h.tags.is_empty() {
            cx.ref_blocks.clear();
        }
        cx.h.tags.clear();
        push_tags(&mut cx.h.tags, rest);
        return Some(Open::Tags);
    }
    if let Some(rest) = after_key(p, SUBJECT_KEYS) {
        cx.subject = rest.to_owned();
        return Some(Open::Subject);
    }
    if let Some(rest) = after_key(p, REF_KEYS) {
        if start > 0 {
            let off = p.len() - rest.len();
            let piece = (start + off, start + p.len());
            // The key repeated on each entry's line (`REF A …` / `REF B …`,
            // 09ABUDHABI754): the entries are one lettered list.
            let letter = bare_letter(rest);
            let follows = letter
                .zip(cx.ref_key_letter)
                .is_some_and(|(l, last)| u32::from(l) == u32::from(last) + 1);
            match cx.ref_blocks.last_mut() {
                Some(block) if follows => block.push(piece),
                _ => cx.ref_blocks.push(vec![piece]),
            }
            cx.ref_key_letter = letter;
        }
        return Some(Open::Ref);
    }
    if let Some(rest) = after_key(p, CLASSIFIED_BY_KEYS) {
        if cx.classified_by.is_empty() {
            cx.classified_by = rest.to_owned();
        }
        return Some(Open::ClassifiedBy);
    }
    if let Some(rest) = after_key(p, DERIVED_FROM_KEYS) {
        cx.h.derived_from = Some(collapse(rest));
        return Some(Open::None);
    }
    if state != State::Envelope && is_sbu_caveat(p) {
        push_unique(&mut cx.h.handling, SENSITIVE);
        return Some(if p.ends_with('.') {
            Open::None
        } else {
            Open::Caveat
        });
    }
    if state == State::Office
        && cx.class.is_some()
        && let Some(caveats) = classification::banner(p)
    {
        for w in caveats {
            push_unique(&mut cx.h.handling, w);
        }
        return Some(Open::None);
    }
    if state != State::Envelope {
        // `NOFORN`, `SIPDIS SENSITIVE`, `NOFORN, NOT FOR INTERNET DISTRIBUTION`; in a
        // header in small letters `Noforn`, `sipdis` (09NAIROBI2497).
        let handling = |w: &str| HANDLING.iter().copied().find(|h| h.eq_ignore_ascii_case(w));
        let words: Vec<&str> = p
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let all: Option<Vec<&str>> = words.iter().map(|w| handling(w)).collect();
        if let Some(all) = all.filter(|a| !a.is_empty()) {
            for w in all {
                push_unique(&mut cx.h.handling, w);
            }
            return Some(Open::None);
        }
        if let Some(w) = words.first().and_then(|w| handling(w))
            && p.len() < 60
            && let Some((_, rest)) = p.split_once(',')
        {
            push_unique(&mut cx.h.handling, w);
            // Offices after it are kept (`Sipdis, isn/mtr, eur/ags and eur/pra`,
            // 08BERLIN643).
            if rest.contains('/') {
                cx.h.office.push(collapse(rest));
            }
            return Some(Open::None);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_on_commas_and_keep_people() {
        let mut t = Vec::new();
        push_tags(&mut t, "EAID, MOPS, PK, OVIP (STEINBERG, JAMES B.)");
        assert_eq!(t, ["EAID", "MOPS", "PK", "OVIP (STEINBERG, JAMES B.)"]);
    }

    #[test]
    fn wrapped_tags_lines_are_recognised() {
        assert!(looks_like_tags("SMIG, KMCA"));
        assert!(looks_like_tags("OVIP (STEINBERG, JAMES B.)"));
        assert!(!looks_like_tags("The Embassy reports that"));
    }

    #[test]
    fn field_keys_need_a_separator() {
        assert!(is_field_start("REF: STATE 1"));
        assert!(is_field_start("Ref(s): STATE 1"));
        assert!(is_field_start("¶REFS: A. STATE 1"));
        assert!(!is_field_start("Reform of the police"));
        assert!(!is_field_start("Subjects discussed"));
    }
}
