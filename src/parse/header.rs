//! Pass 2a: the header (layers 1–3 of `CABLE-FORMAT.md`): envelope, classification line,
//! handling and office lines, E.O., TAGS, SUBJECT, REF list and Classified By.
//!
//! The header is a few dozen lines at most, so this pass may use regular expressions
//! freely (each compiled once). It finds where the body starts; everything after that is
//! left to [`super::structure`].

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;

use super::lines::{LineKind, Lines};
use super::{Diagnostic, Severity, structure::para_start};
use crate::cable::{Header, Reference};

/// What the header pass found.
#[derive(Debug, Default)]
pub struct HeaderOut {
    /// The header fields.
    pub header: Header,
    /// Canonical reference id, e.g. `06MEXICO1113`.
    pub id: Option<String>,
    /// Index of the first body line.
    pub body_start: usize,
}

#[allow(clippy::expect_used)]
fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid built-in regex")
}

static CLASS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(UNCLAS(?:SIFIED)?|C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|S ?E ?C ?R ?E ?T|T ?O ?P ?S ?E ?C ?R ?E ?T|LIMITED OFFICIAL USE)(?:\s+(?:SECTION\s+(\d+)\s+OF\s+(\d+)\s+)?(?:(\d{2})\s+)?([A-Z][A-Z .'-]*?)\s+(\d{1,6})\b(.*))$",
    )
});
static DTG: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:([A-Z]{1,2})\s+)?(?:([A-Z])\s+)?(\d{2})(\d{2})(\d{2})Z\s+([A-Za-z]{3})\s+(\d{2})\b")
});
static KEYS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\bSIPDIS\b|\bE\.\s?O\.|\bEO 1\d{4}|\bTAGS\b|\bSUBJECT:|\bSUBJ:|\bREF:|(?i:\bclassified by\b))",
    )
});
static REF_ID: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\([A-Z]\)\s*)?(?:(\d{4}|\d{2})\s+)?([A-Z][A-Z]*(?:\s[A-Z][A-Z]*){0,3}?)\s+0*(\d{1,6})\b",
    )
});
static REF_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\s)(?:¶|I|1)?(?:([A-Z])\.|([A-Za-z])\))(?:\s|$)"));
static PRECEDENCE: &[&str] = &[
    "FLASH",
    "NIACT",
    "IMMEDIATE",
    "PRIORITY",
    "PIORITY",
    "ROUTINE",
];
static HANDLING: &[&str] = &[
    "SIPDIS",
    "SENSITIVE",
    "NOFORN",
    "NODIS",
    "EXDIS",
    "LIMDIS",
    "STADIS",
    "ORCON",
    "PROPIN",
];

/// Collapse runs of whitespace to one space and trim.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn month(m: &str) -> Option<u32> {
    let m = m.to_ascii_uppercase();
    let i = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    .iter()
    .position(|x| *x == m)?;
    u32::try_from(i + 1).ok()
}

fn full_year(yy: u32) -> i32 {
    let yy = i32::try_from(yy).unwrap_or(0);
    if yy >= 50 { 1900 + yy } else { 2000 + yy }
}

/// Canonical station name: spaces removed, known aliases mapped.
pub(crate) fn canonical_origin(origin: &str) -> String {
    let s: String = origin
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    match s.as_str() {
        "MEXICOCITY" => "MEXICO".to_owned(),
        "SECSTATE" => "STATE".to_owned(),
        "RIODEJAN" => "RIODEJANEIRO".to_owned(),
        "HCMC" => "HOCHIMINHCITY".to_owned(),
        _ => s,
    }
}

/// Strip a route (`RUEHC/`) and trailing precedence / serial from an addressee.
fn addressee(s: &str) -> String {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    if let Some(first) = words.first_mut()
        && let Some((route, rest)) = first.split_once('/')
        && (4..=8).contains(&route.len())
        && route.bytes().all(|b| b.is_ascii_uppercase())
    {
        *first = rest;
    }
    while let Some(last) = words.last() {
        if last.bytes().all(|b| b.is_ascii_digit()) || PRECEDENCE.contains(last) {
            words.pop();
        } else {
            break;
        }
    }
    words.retain(|w| !w.is_empty());
    words.join(" ")
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Envelope,
    Office,
    Fields,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    None,
    To,
    Info,
    Tags,
    Subject,
    Ref,
    ClassifiedBy,
    Skip,
}

struct Ctx<'a> {
    src: &'a str,
    h: Header,
    ref_text: Vec<(String, usize, usize)>,
    subject: String,
    classified_by: String,
    year: Option<i32>,
    explicit_year: Option<u32>,
    de_serial: Option<u32>,
    diags: Vec<Diagnostic>,
}

/// Parse the header; `lines` come from [`super::lines::split`].
#[must_use]
pub fn parse(src: &str, lines: &Lines, diags: &mut Vec<Diagnostic>) -> HeaderOut {
    let limit = lines.len().min(400);
    let class_idx = lines.iter().take(limit).position(|l| {
        let t = after_tab(l.text(src));
        l.kind == LineKind::Text && t.len() < 300 && CLASS.is_match(t)
    });
    let mut cx = Ctx {
        src,
        h: Header::default(),
        ref_text: Vec::new(),
        subject: String::new(),
        classified_by: String::new(),
        year: None,
        explicit_year: None,
        de_serial: None,
        diags: Vec::new(),
    };
    let mut state = State::Envelope;
    let mut open = Open::None;
    let mut seen_field = false;
    let mut body_start = lines.len();
    let mut blank_run = 0usize;
    let mut i = 0;
    while i < lines.len() {
        let Some(line) = lines.get(i) else { break };
        let text = line.text(src);
        match line.kind {
            LineKind::Blank => {
                blank_run += 1;
                if matches!(
                    open,
                    Open::To | Open::Info | Open::Tags | Open::ClassifiedBy
                ) {
                    open = Open::None;
                }
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
        if Some(i) == class_idx {
            class_line(&mut cx, after_tab(text));
            state = State::Office;
            open = Open::None;
            i += 1;
            continue;
        }
        if state != State::Envelope && para_start(text, 1, false).is_some() {
            body_start = i;
            break;
        }
        // Continuations of open multi-line fields.
        let addr_start = text.starts_with("INFO ")
            || text.starts_with("FM ")
            || text.starts_with("TO ")
            || text.starts_with("XMT ");
        if !is_field_start(text) && !addr_start {
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
                Open::Skip if !after_blank => {
                    i += 1;
                    continue;
                }
                Open::Tags if !after_blank && cx.h.tags.len() < 40 && looks_like_tags(text) => {
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
                Open::Ref if ref_continues(&cx.ref_text, text, after_blank) => {
                    cx.ref_text
                        .push((text.to_owned(), line.start(), line.end()));
                    i += 1;
                    continue;
                }
                Open::ClassifiedBy
                    if !after_blank
                        && !cx.classified_by.trim_end().ends_with('.')
                        && text.len() < 100 =>
                {
                    cx.classified_by.push(' ');
                    cx.classified_by.push_str(text);
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        open = Open::None;
        // Field lines, possibly several fields on one line (10STATE284, 08TRIPOLI220).
        let mut handled = false;
        for (k, piece) in split_fields(text).into_iter().enumerate() {
            let start = line.start() + piece.0;
            let end = line.start() + piece.1;
            let p = src.get(start..end).unwrap_or("").trim();
            if let Some(o) = field(&mut cx, p, start, end, state) {
                handled = true;
                seen_field = true;
                open = o;
                if matches!(
                    o,
                    Open::Tags | Open::Subject | Open::Ref | Open::ClassifiedBy
                ) {
                    state = State::Fields;
                }
            } else if state == State::Envelope {
                if envelope(&mut cx, p) {
                    handled = true;
                    open = envelope_open(p);
                }
            } else if k == 0 && state == State::Office && p.len() <= 80 {
                cx.h.office.push(collapse(p));
                handled = true;
            } else if k > 0 {
                handled = true;
            }
        }
        if !handled {
            if state == State::Envelope && (class_idx.is_some() || (i < 3 && !seen_field)) {
                // Junk before the classification line (print headers, metadata).
                if class_idx.is_none() && !looks_envelope(text) {
                    body_start = i;
                    break;
                }
                i += 1;
                continue;
            }
            body_start = i;
            break;
        }
        i += 1;
    }
    if body_start == lines.len() && class_idx.is_none() && !seen_field && cx.h.from.is_none() {
        body_start = 0;
    }
    finish(cx, lines, body_start, diags)
}

/// The part after the last tab: a CSV/TSV record can put the classification line at the
/// end of a header line (07BERN881).
fn after_tab(t: &str) -> &str {
    t.rsplit_once('\t').map_or(t, |(_, r)| r.trim_start())
}

fn looks_envelope(t: &str) -> bool {
    t.starts_with("VZCZC") || DTG.is_match(t)
}

fn envelope_open(p: &str) -> Open {
    if p.starts_with("TO ") {
        Open::To
    } else if p.starts_with("INFO ") {
        if is_distribution(p) {
            Open::Skip
        } else {
            Open::Info
        }
    } else {
        Open::None
    }
}

fn is_distribution(p: &str) -> bool {
    p.split_whitespace()
        .filter(|t| {
            t.len() > 3
                && t.as_bytes().get(t.len() - 3) == Some(&b'-')
                && t.bytes().rev().take(2).all(|b| b.is_ascii_digit())
        })
        .count()
        >= 3
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_owned());
    }
}

fn push_addressee(v: &mut Vec<String>, s: &str) {
    let a = addressee(s);
    // A print page header can interrupt the list (09STATE15113: `TO PAGE 02 STATE …`).
    if !a.is_empty() && !a.starts_with("PAGE ") && !v.contains(&a) {
        v.push(a);
    }
}

fn push_tags(tags: &mut Vec<String>, s: &str) {
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

fn is_field_start(t: &str) -> bool {
    let u = t.get(..14.min(t.len())).unwrap_or(t).to_ascii_uppercase();
    u.starts_with("TAG")
        || u.starts_with("SUBJECT")
        || u.starts_with("SUBJ:")
        || u.starts_with("REF")
        || u.starts_with("E.O.")
        || u.starts_with("E. O.")
        || u.starts_with("EO 1")
        || u.starts_with("CLASSIFIED BY")
        || u.starts_with("PROGRAM REF")
}

fn subject_continues(subject: &str, t: &str, after_blank: bool) -> bool {
    // A subject is a few lines at most; past that the text is body, not subject.
    if t.len() > 90 || subject.len() > 400 || para_start(t, 1, false).is_some() {
        return false;
    }
    if !after_blank {
        return true;
    }
    // An OCR blank line inside the subject (seed): continue only with a short all-caps
    // line, and only once.
    let has_lower = t.bytes().any(|b| b.is_ascii_lowercase());
    !has_lower
        && subject.len() < 160
        && !t.contains("SUMMARY")
        && !subject.trim_end().ends_with('.')
        && t.split_whitespace().count() <= 8
}

fn ref_continues(refs: &[(String, usize, usize)], t: &str, after_blank: bool) -> bool {
    if para_start(t, 1, false).is_some() {
        return false;
    }
    // A wrapped REF line (06VIENNA515: `… d)` / `05 state 220738`).
    if !after_blank && t.len() < 100 && refs.len() < 30 {
        return true;
    }
    let Some(next) = next_ref_letter(refs) else {
        return false;
    };
    let b = t.as_bytes();
    let b = b.strip_prefix("¶".as_bytes()).unwrap_or(b);
    let b = match b {
        [b'I' | b'1', l, b'.', ..] if *l == next => b.get(1..).unwrap_or(&[]),
        _ => b,
    };
    matches!(b, [l, b'.', rest @ ..] if *l == next && rest.first().is_none_or(|c| c.is_ascii_whitespace()))
}

fn next_ref_letter(refs: &[(String, usize, usize)]) -> Option<u8> {
    let all: String = refs
        .iter()
        .map(|r| r.0.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let n = REF_ITEM.captures_iter(&all).count();
    (n > 0).then(|| b'A' + u8::try_from(n.min(25)).unwrap_or(25))
}

/// Split a line at embedded field keywords; returns byte ranges within `t`.
fn split_fields(t: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    let upper_start = t.trim_start();
    let is_subject = upper_start.starts_with("SUBJ");
    if !is_subject {
        for m in KEYS.find_iter(t) {
            if m.start() > 0 {
                cuts.push(m.start());
            }
        }
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
    for k in keys {
        if p.len() >= k.len()
            && p.is_char_boundary(k.len())
            && p.get(..k.len()).is_some_and(|h| h.eq_ignore_ascii_case(k))
        {
            let rest = p.get(k.len()..).unwrap_or("");
            // Require a separator after word keys.
            if k.ends_with(|c: char| c.is_ascii_alphabetic())
                && rest.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                continue;
            }
            return Some(rest.trim_start_matches([':', ' ', '\t']).trim());
        }
    }
    None
}

/// Header field lines valid after the classification line (and before it in odd files).
fn field(cx: &mut Ctx<'_>, p: &str, start: usize, end: usize, state: State) -> Option<Open> {
    if let Some(rest) = after_key(p, &["E.O.", "E. O.", "EO"])
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        cx.h.eo = Some(collapse(rest));
        return Some(Open::None);
    }
    if let Some(rest) = after_key(p, &["TAGS", "TAG"]) {
        push_tags(&mut cx.h.tags, rest);
        return Some(Open::Tags);
    }
    if let Some(rest) = after_key(p, &["SUBJECT", "SUBJ"]) {
        cx.subject = rest.to_owned();
        return Some(Open::Subject);
    }
    if let Some(rest) = after_key(
        p,
        &["REFTELS", "REFTEL", "REFS", "REF(S)", "REF", "PROGRAM REF"],
    ) {
        let off = p.len() - rest.len();
        cx.ref_text
            .push((rest.to_owned(), start + off.min(end - start), end));
        return Some(Open::Ref);
    }
    if let Some(rest) = after_key(p, &["CLASSIFIED BY"]) {
        if cx.classified_by.is_empty() {
            cx.classified_by = rest.to_owned();
        }
        return Some(Open::ClassifiedBy);
    }
    if state != State::Envelope {
        let words: Vec<&str> = p.split_whitespace().collect();
        if !words.is_empty() && words.iter().all(|w| HANDLING.contains(w)) {
            for w in words {
                push_unique(&mut cx.h.handling, w);
            }
            return Some(Open::None);
        }
    }
    None
}

fn envelope(cx: &mut Ctx<'_>, p: &str) -> bool {
    if p.starts_with("VZCZC") {
        cx.h.transmission_id = p.split_whitespace().next().map(str::to_owned);
        return true;
    }
    if let Some(rest) = p.strip_prefix("FM ") {
        cx.h.from = Some(addressee(rest));
        return true;
    }
    if let Some(rest) = p.strip_prefix("TO ") {
        push_addressee(&mut cx.h.to, rest);
        return true;
    }
    if let Some(rest) = p.strip_prefix("INFO ") {
        if !is_distribution(p) {
            push_addressee(&mut cx.h.info, rest);
        }
        return true;
    }
    if p.starts_with("DE ") {
        // `DE RUEHLP #0096/01 0231326`: the last four digits of the serial.
        cx.de_serial = p
            .split_once('#')
            .and_then(|(_, r)| r.get(..r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len())))
            .and_then(|d| d.parse().ok());
        return true;
    }
    if p.starts_with("ZNR ") || p.starts_with("ZNY ") {
        return true;
    }
    if cx.h.date.is_none()
        && let Some(c) = DTG.captures(p)
    {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (Some(d), Some(hh), Some(mm), Some(yy)) = (num(3), num(4), num(5), num(7)) else {
            return false;
        };
        let Some(mo) = c.get(6).and_then(|m| month(m.as_str())) else {
            return false;
        };
        let year = full_year(yy);
        cx.year = Some(year);
        cx.h.date = NaiveDate::from_ymd_opt(year, mo, d)
            .and_then(|d| d.and_hms_opt(hh, mm, 0))
            .map(|n| DateTime::<Utc>::from_naive_utc_and_offset(n, Utc));
        let prec: Vec<&str> = [c.get(1), c.get(2)]
            .into_iter()
            .flatten()
            .map(|m| m.as_str())
            .collect();
        if !prec.is_empty() {
            cx.h.precedence = Some(prec.join(" "));
        }
        let dtg_start = c.get(3).map_or(0, |m| m.start());
        cx.h.dtg = c
            .get(0)
            .and_then(|m| p.get(dtg_start..m.end()))
            .map(collapse);
        return true;
    }
    // Routing line after the transmission id (`RR RUEHCD …`).
    let w: Vec<&str> = p.split_whitespace().collect();
    if w.len() >= 2
        && w.first()
            .is_some_and(|f| f.len() <= 2 && f.bytes().all(|b| b.is_ascii_uppercase()))
        && w.iter()
            .skip(1)
            .all(|t| t.starts_with("RU") || t.starts_with("RH"))
    {
        return true;
    }
    false
}

fn class_line(cx: &mut Ctx<'_>, text: &str) {
    let Some(c) = CLASS.captures(text) else {
        return;
    };
    let class: String = c
        .get(1)
        .map(|m| m.as_str().chars().filter(|c| *c != ' ').collect())
        .unwrap_or_default();
    let class = if class == "LIMITEDOFFICIALUSE" {
        "LIMITED OFFICIAL USE".to_owned()
    } else {
        class
    };
    cx.h.classification = Some(class);
    cx.h.section_count = c.get(3).and_then(|m| m.as_str().parse().ok());
    cx.explicit_year = c.get(4).and_then(|m| m.as_str().parse().ok());
    cx.h.origin = c.get(5).map(|m| collapse(m.as_str()));
    cx.h.serial = c.get(6).and_then(|m| m.as_str().parse().ok());
    // Fields glued on (10STATE284): `SIPDIS E.O. 12958: … TAGS: …`.
    if let Some(rest) = c.get(7) {
        let base = rest.start();
        let rest_s = rest.as_str();
        for (s, e) in split_fields(rest_s) {
            let p = rest_s.get(s..e).unwrap_or("").trim();
            if p.is_empty() {
                continue;
            }
            let _ = base;
            field(cx, p, 0, 0, State::Office);
        }
    }
}

fn finish(
    mut cx: Ctx<'_>,
    lines: &Lines,
    body_start: usize,
    diags: &mut Vec<Diagnostic>,
) -> HeaderOut {
    let src = cx.src;
    if cx.year.is_none()
        && let Some(y) = decl_year(cx.h.eo.as_deref().unwrap_or(""))
    {
        // No date-time group (partial extracts): E.O. 12958 declassifies after ten years.
        cx.year = Some(y - 10);
        cx.diags.push(Diagnostic {
            severity: Severity::Info,
            line: 1,
            message: format!(
                "no date-time group; year {} inferred from the E.O. declassification date",
                y - 10
            ),
        });
    }
    let year2 = cx
        .year
        .map(|y| u32::try_from(y.rem_euclid(100)).unwrap_or(0))
        .or(cx.explicit_year);
    let subject = collapse(&cx.subject);
    let subject = strip_marking(&subject);
    if !subject.is_empty() {
        cx.h.subject = Some(subject.to_owned());
    }
    if !cx.classified_by.is_empty() {
        cx.h.classified_by = Some(collapse(&cx.classified_by));
    }
    let mut id = match (&cx.h.origin, cx.h.serial, year2) {
        (Some(o), Some(s), Some(y)) => Some(format!("{y:02}{}{s}", canonical_origin(o))),
        _ => None,
    };
    if id.is_none()
        && let (Some(from), Some(serial), Some(y)) = (&cx.h.from, cx.de_serial, year2)
    {
        // No classification line (09LAPAZ96): origin from FM, serial from the DE line.
        let origin = from
            .trim_start_matches("AMEMBASSY ")
            .trim_start_matches("AMCONSUL ")
            .trim_start_matches("USMISSION ")
            .trim_end_matches(" WASHDC");
        let origin = canonical_origin(origin);
        id = Some(format!("{y:02}{origin}{serial}"));
        cx.diags.push(Diagnostic {
            severity: Severity::Info,
            line: 1,
            message: "no classification line: reference id built from the FM and DE lines"
                .to_owned(),
        });
    }
    if let (Some(e), Some(y), Some(id)) = (cx.explicit_year, year2, &id)
        && e == y
        && cx.h.classification.is_some()
    {
        cx.diags.push(Diagnostic {
            severity: Severity::Info,
            line: 1,
            message: format!(
                "the classification line repeats the year {e:02}; WikiLeaks lists this cable as {e:02}{id}"
            ),
        });
    }
    refs(&mut cx, year2);
    let span_end = lines.line_start(src, body_start).min(src.len());
    cx.h.span = 0..span_end;
    if id.is_none() {
        cx.diags.push(Diagnostic {
            severity: Severity::Warning,
            line: 1,
            message: "no classification line with origin and serial: the cable has no reference id"
                .to_owned(),
        });
    }
    diags.append(&mut cx.diags);
    HeaderOut {
        header: cx.h,
        id,
        body_start,
    }
}

/// The year of `DECL: MM/DD/YYYY` in an E.O. line.
fn decl_year(eo: &str) -> Option<i32> {
    let rest = eo.split_once("DECL:")?.1.trim();
    let date = rest.split_whitespace().next()?;
    let y = date.rsplit('/').next()?;
    let y: i32 = y.parse().ok()?;
    match y {
        1950..=2100 => Some(y),
        0..=49 => Some(2000 + y),
        _ => None,
    }
}

fn strip_marking(s: &str) -> &str {
    if s.starts_with('(')
        && let Some(close) = s.find(')')
        && close <= 12
        && s.get(1..close).is_some_and(|m| {
            !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase() || b == b'/')
        })
    {
        return s.get(close + 1..).unwrap_or("").trim_start();
    }
    s
}

/// Upper bound on a plausible serial for a year-less ref cited on `date`.
fn max_serial(origin: &str, day_of_year: u32) -> u32 {
    let per_day = if origin == "STATE" { 1200 } else { 120 };
    per_day * (day_of_year + 7) + 500
}

fn refs(cx: &mut Ctx<'_>, year2: Option<u32>) {
    let entries = std::mem::take(&mut cx.ref_text);
    if entries.is_empty() {
        return;
    }
    let src = cx.src;
    // Join the block, remembering where each line sits in the source.
    let mut all = String::new();
    let mut map: Vec<(usize, usize)> = Vec::new(); // (offset in all, offset in src)
    for (_, s, e) in &entries {
        if !all.is_empty() {
            all.push(' ');
        }
        map.push((all.len(), *s));
        all.push_str(src.get(*s..*e).unwrap_or(""));
    }
    let to_src = |off: usize| -> usize {
        map.iter()
            .rev()
            .find(|(a, _)| *a <= off)
            .map_or(0, |(a, s)| s + (off - a))
    };
    // Lettered items in sequence A, B, C…
    let mut items: Vec<(Option<char>, usize, usize)> = Vec::new();
    let mut want = b'A';
    let mut last: Option<(char, usize)> = None;
    for c in REF_ITEM.captures_iter(&all) {
        let (Some(m), Some(l)) = (c.get(0), c.get(1).or_else(|| c.get(2))) else {
            continue;
        };
        let letter = l.as_str().bytes().next().unwrap_or(0).to_ascii_uppercase();
        if letter != want {
            continue;
        }
        if let Some((lc, s)) = last {
            items.push((Some(lc), s, m.start()));
        }
        last = Some((char::from(letter), (l.end() + 1).min(all.len())));
        want += 1;
    }
    if let Some((lc, s)) = last {
        items.push((Some(lc), s, all.len()));
    } else {
        let mut s = 0;
        for (i, ch) in all.char_indices() {
            if ch == ';' || ch == ':' {
                items.push((None, s, i));
                s = i + 1;
            }
        }
        items.push((None, s, all.len()));
    }
    let day = cx.h.date.map(|d| chrono::Datelike::ordinal(&d));
    for (letter, s, e) in items {
        let raw = all.get(s..e).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let text = collapse(raw);
        if text.is_empty() {
            continue;
        }
        let text = text.trim_end_matches([',', ';', '.']).to_owned();
        // Doubled letters (09STATE131801: `A. (A) STATE 112368`).
        let text = text
            .strip_prefix(&format!("({}) ", letter.unwrap_or(' ')))
            .map_or(text.clone(), str::to_owned);
        let upper = text.to_ascii_uppercase();
        let body = upper.as_str();
        let mut id = None;
        let mut inferred = false;
        if let Some(c) = REF_ID.captures(body) {
            let origin = c.get(2).map_or("", |m| m.as_str());
            let serial: Option<u32> = c.get(3).and_then(|m| m.as_str().parse().ok());
            let origin_c = canonical_origin(origin);
            let bad = ["IIR", "OSC", "SECDEF MSG", "DTG", "MSG"];
            if let Some(serial) = serial
                && !bad.contains(&origin)
                && origin.len() >= 3
            {
                let yy = c
                    .get(1)
                    .and_then(|m| m.as_str().parse::<u32>().ok())
                    .map(|y| y % 100);
                let yy = match yy {
                    Some(y) => Some(y),
                    None => {
                        inferred = true;
                        year2
                    }
                };
                if let Some(y) = yy {
                    id = Some(format!("{y:02}{origin_c}{serial}"));
                    if inferred {
                        let label = letter.map_or_else(|| text.clone(), |l| format!("REF {l}"));
                        cx.diags.push(Diagnostic {
                            severity: Severity::Info,
                            line: 1,
                            message: format!(
                                "{label}: no year given; assumed the cable's year ({y:02})"
                            ),
                        });
                        if let Some(d) = day
                            && serial > max_serial(&origin_c, d)
                        {
                            cx.diags.push(Diagnostic {
                                severity: Severity::Warning,
                                line: 1,
                                message: format!(
                                    "{label}: serial {serial} is too high for {origin_c} by day {d} of the year; the cited cable is probably from an earlier year"
                                ),
                            });
                        }
                    }
                }
            }
        }
        let ss = to_src(s + lead);
        let se = to_src(e).max(ss);
        cx.h.refs.push(Reference {
            letter,
            text,
            id,
            year_inferred: inferred,
            span: ss..se.min(src.len()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressees_lose_routes_and_serials() {
        assert_eq!(addressee("RUEHC/SECSTATE  WASHDC  9309"), "SECSTATE WASHDC");
        assert_eq!(
            addressee("USMISSION USUN NEWYORK NIACT IMMEDIATE"),
            "USMISSION USUN NEWYORK"
        );
    }

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
    fn origins_are_canonical() {
        assert_eq!(canonical_origin("PORT AU PRINCE"), "PORTAUPRINCE");
        assert_eq!(canonical_origin("MEXICO CITY"), "MEXICO");
        assert_eq!(canonical_origin("SECSTATE"), "STATE");
    }
}
