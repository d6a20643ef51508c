//! The cable's identity settled from all the evidence the header walk collected: the
//! classification (line, standalone word, `ZNY` code, mirror preamble), the year (the
//! DTG, else a preamble's or the file name's; never the declassification date), the
//! reference id (the classification line, checked against the envelope's `FM` and `DE`
//! lines, which win when the two disagree, as when a page carries another cable's body),
//! and the REF entries' canonical ids.

use chrono::Datelike;

use super::{Ctx, authority, push_unique, refs};
use crate::cable::{Header, Reference, station};
use crate::parse::scan::{canonical_origin, collapse, is_marking, marking, split_cable_id};
use crate::parse::{Diagnostic, Hints, Severity};

fn info(cx: &mut Ctx, message: String) {
    cx.diags.push(Diagnostic {
        severity: Severity::Info,
        line: 1,
        message,
    });
}

fn warn(cx: &mut Ctx, message: String) {
    cx.diags.push(Diagnostic {
        severity: Severity::Warning,
        line: 1,
        message,
    });
}

/// Settle the id and finish the header.
pub(super) fn settle(
    src: &str,
    mut cx: Ctx,
    hints: &Hints<'_>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, Header) {
    classification(&mut cx);
    let subject = collapse(&cx.subject);
    let subject = strip_marking(&subject);
    if !subject.is_empty() {
        cx.h.subject = Some(subject.to_owned());
    } else if let Some(s) = cx.preamble.as_ref().and_then(|p| p.subject.clone()) {
        cx.h.subject = Some(s);
    }
    if !cx.classified_by.is_empty() {
        let line = collapse(&cx.classified_by);
        (cx.h.classifier, cx.h.reasons) = authority::classified_by(&line);
        cx.h.classified_by = Some(line);
    }
    if let Some(eo) = &cx.h.eo {
        (cx.h.declassify, cx.h.declassify_on) = authority::declassify(eo);
    }
    let hint = hints.name.and_then(split_cable_id);
    let id = reference_id(&mut cx, hint);
    let year2 = id
        .as_deref()
        .and_then(split_cable_id)
        .map(|(y, _, _)| y)
        .or(cx
            .dtg_year
            .map(|y| u32::try_from(y.rem_euclid(100)).unwrap_or(0)));
    let own = id
        .as_deref()
        .and_then(split_cable_id)
        .map(|(_, st, se)| (st.to_owned(), se));
    references(src, &mut cx, year2, own);
    if id.is_none() {
        warn(
            &mut cx,
            "no classification line with origin and serial: the cable has no reference id"
                .to_owned(),
        );
    }
    diags.append(&mut cx.diags);
    (id, cx.h)
}

/// The classification when the text has no classification line: a word standing alone,
/// the envelope's `ZNY` code, or a mirror's preamble.
fn classification(cx: &mut Ctx) {
    if cx.h.classification.is_some() {
        return;
    }
    if let Some(c) = cx.bare_class {
        cx.h.classification = Some(c.to_owned());
    } else if let Some(c) = cx.zn_class {
        cx.h.classification = Some(c.to_owned());
        info(
            cx,
            format!("no classification line: {c} from the envelope's ZNR/ZNY code"),
        );
    } else if let Some(p) = cx.preamble.as_ref().and_then(|p| p.classification.clone()) {
        let mut parts = p.split("//");
        if let Some(level) = parts.next() {
            cx.h.classification = Some(level.to_owned());
        }
        if parts.any(|h| h == "NOFORN") {
            push_unique(&mut cx.h.handling, "NOFORN");
        }
        info(
            cx,
            format!("no classification in the text: {p} from the mirror's preamble"),
        );
    }
}

/// The year of the cable: the DTG's, else a preamble's.
fn year(cx: &Ctx) -> Option<i32> {
    cx.dtg_year.or(cx.preamble.as_ref().and_then(|p| p.year))
}

/// The reference id from the classification line, the envelope, a preamble and the file
/// name, with a diagnostic wherever they disagree.
fn reference_id(cx: &mut Ctx, hint: Option<(u32, &str, u32)>) -> Option<String> {
    let envelope_station = cx.h.from.as_deref().map(station);
    let class = cx
        .class
        .as_ref()
        .map(|c| (canonical_origin(&c.origin), c.serial, c.year));
    // (station, serial, explicit year) as the text has it.
    let mut text: Option<(String, u32, Option<u32>)> = None;
    if let Some((origin, serial, explicit)) = class {
        let serial_differs = cx.de_serial.is_some_and(|d| d != serial % 10_000);
        let station_differs = cx.de_serial.is_none()
            && envelope_station.as_deref().is_some_and(|s| {
                !s.is_empty() && s != origin && !origin.ends_with(s) && !s.ends_with(&origin)
            });
        if (serial_differs || station_differs)
            && let Some(env_station) = envelope_station.clone()
        {
            // The page carries another cable's body under this envelope (10MEXICO614).
            let from_hint = hint.filter(|(_, st, se)| {
                *st == env_station && cx.de_serial.is_none_or(|d| d == se % 10_000)
            });
            let chosen = match (from_hint, cx.de_serial) {
                (Some((_, st, se)), _) => Some((st.to_owned(), se)),
                (None, Some(d)) => Some((env_station.clone(), d)),
                (None, None) => None,
            };
            let (fm, de) = (
                cx.h.from.clone().unwrap_or_default(),
                cx.de_serial.map_or(String::new(), |d| format!(" #{d:04}")),
            );
            if let Some((st, se)) = chosen {
                if let Some(zn) = cx.zn_class {
                    cx.h.classification = Some(zn.to_owned());
                }
                warn(
                    cx,
                    format!(
                        "the classification line names \"{origin} {serial}\" but the envelope is \"{fm}{de}\": the body is another cable's; the id follows the envelope"
                    ),
                );
                text = Some((st, se, None));
            } else {
                warn(
                    cx,
                    format!(
                        "the classification line names \"{origin} {serial}\" but the envelope is from \"{fm}\""
                    ),
                );
                text = Some((origin, serial, explicit));
            }
        } else {
            text = Some((origin, serial, explicit));
        }
    } else if let (Some(st), Some(d)) = (envelope_station.clone(), cx.de_serial) {
        // No classification line (09LAPAZ96): station from FM, serial from the DE line.
        let serial = hint
            .filter(|(_, hs, he)| *hs == st && he % 10_000 == d)
            .map_or(d, |(_, _, he)| he);
        info(
            cx,
            "no classification line: reference id built from the FM and DE lines".to_owned(),
        );
        text = Some((st, serial, None));
    }
    let pre_id = cx.preamble.as_ref().and_then(|p| p.id.clone());
    let Some((st, serial, explicit)) = text else {
        // Nothing in the text: a mirror's preamble, else the file name.
        if let Some(id) = pre_id {
            info(
                cx,
                format!("no id in the text: {id} from the mirror's preamble"),
            );
            return Some(id);
        }
        return hint.map(|(y, st, se)| {
            info(
                cx,
                format!("no id in the text: {y:02}{st}{se} from the file name"),
            );
            format!("{y:02}{st}{se}")
        });
    };
    let matches_hint = |h: &(u32, &str, u32)| h.1 == st && h.2 == serial;
    let yy = if let Some(y) = year(cx) {
        let yy = u32::try_from(y.rem_euclid(100)).unwrap_or(0);
        if let Some(e) = explicit
            && e == yy
            && cx.class.is_some()
        {
            info(
                cx,
                format!(
                    "the classification line repeats the year {e:02}; WikiLeaks lists this cable as {e:02}{e:02}{st}{serial}"
                ),
            );
        }
        Some(yy)
    } else if let Some(h) = hint.filter(matches_hint) {
        Some(h.0)
    } else {
        // Partial extracts carry no date of their own. The declassification date is no
        // guide (ten years on for most cables, 25 for some), and the latest date the text
        // mentions was wrong as often as right on the corpus: no year, no id.
        warn(
            cx,
            format!(
                "no date-time group and no dated source: the year of {st} {serial} is unknown, so the cable has no id"
            ),
        );
        None
    };
    let id = yy.map(|y| format!("{y:02}{st}{serial}"));
    if let (Some(p), Some(id)) = (&pre_id, &id)
        && p != id
    {
        warn(
            cx,
            format!("the mirror's preamble names this cable {p}, the text {id}"),
        );
    }
    id
}

/// The words of a subject without its portion marking, written before them (`(S)
/// REPORTING…` → `REPORTING…`) or after them (`… FROM GERMAN FIRMS (S)`, 09STATE122950).
fn strip_marking(s: &str) -> &str {
    strip_trailing_marking(strip_leading_marking(s))
}

/// A marking after a subject's words: only portion markings proper
/// ([`crate::parse::vocab::PORTION_MARKS`]), as an acronym ending a title (`… REPORT (TIP)`)
/// is written the same way.
fn strip_trailing_marking(s: &str) -> &str {
    let Some(inner) = s.strip_suffix(')') else {
        return s;
    };
    let Some(open) = inner.rfind('(') else {
        return s;
    };
    let words = inner.get(..open).unwrap_or_default().trim_end();
    let marking = inner.get(open + 1..).unwrap_or_default();
    if words.is_empty() || !is_marking(&marking.to_ascii_uppercase()) {
        return s;
    }
    words
}

/// The words of a subject after a leading marking.
fn strip_leading_marking(s: &str) -> &str {
    if !s.starts_with('(') {
        return s;
    }
    // In a subject written in small letters the marking is too (`(s) germany requests …`,
    // 08BERLIN643); capitals have the same byte offsets.
    let upper;
    let probe = if s.bytes().any(|b| b.is_ascii_uppercase()) {
        s
    } else {
        upper = s.to_ascii_uppercase();
        &upper
    };
    match marking(probe, 0) {
        Some((_, after)) => s.get(after..).unwrap_or(s),
        None => s,
    }
}

/// Upper bound on the serial a station can have reached by `day_of_year`: a generous
/// one, as the busiest senders go fast (the Department past 200,000 a year in 2005–06,
/// Islamabad past 22,000).
fn max_serial(station: &str, year2: u32, day_of_year: u32) -> u32 {
    if station == "STATE" {
        // Before the 1990s the Department numbered about 1,000 a day.
        let per_day = if year2 >= 50 { 1000 } else { 700 };
        per_day * (day_of_year + 10) + 2000
    } else {
        70 * (day_of_year + 10) + 500
    }
}

/// The year of a year-less cite: the citing cable's, unless the serial cannot be from it
/// (higher than the citing cable's own serial at the same station, or than the station
/// can have reached by the citing date); then the year before, with the reason.
fn infer_year(
    cite: &refs::Cite,
    year2: u32,
    day: Option<u32>,
    own: Option<(&str, u32)>,
) -> (u32, Option<String>) {
    let before = (year2 + 99) % 100;
    if let Some((station, serial)) = own
        && station == cite.station
    {
        let slack = 50 + serial / 20;
        return if cite.serial > serial + slack {
            (
                before,
                Some(format!(
                    "serial {} is higher than this cable's own ({serial})",
                    cite.serial
                )),
            )
        } else {
            (year2, None)
        };
    }
    match day {
        Some(d) if cite.serial > max_serial(&cite.station, year2, d) => (
            before,
            Some(format!(
                "serial {} is too high for {} by day {d} of the year",
                cite.serial, cite.station
            )),
        ),
        _ => (year2, None),
    }
}

/// The REF blocks as entries with canonical ids.
fn references(src: &str, cx: &mut Ctx, year2: Option<u32>, own: Option<(String, u32)>) {
    let blocks = std::mem::take(&mut cx.ref_blocks);
    let day = cx.h.date.map(|d| d.ordinal());
    let mut seen: Vec<String> = Vec::new();
    for block in blocks {
        // A header printed twice repeats its REF block: read it once.
        let key: String = block
            .iter()
            .map(|&(s, e)| src.get(s..e).unwrap_or(""))
            .collect();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        // Join the block's lines (a line's start can mark a letter), remembering where
        // each sits in the source.
        let mut all = String::new();
        let mut map: Vec<(usize, usize)> = Vec::new(); // (offset in all, offset in src)
        for &(s, e) in &block {
            if !all.is_empty() {
                all.push('\n');
            }
            map.push((all.len(), s));
            all.push_str(src.get(s..e).unwrap_or(""));
        }
        let to_src = |off: usize| -> usize {
            map.iter()
                .rev()
                .find(|(a, _)| *a <= off)
                .map_or(0, |(a, s)| s + (off - a))
        };
        for e in refs::entries(&all) {
            let text = refs::entry_text(&all, &e);
            if e.cite.is_none() && (text.is_empty() || text.eq_ignore_ascii_case("none")) {
                continue;
            }
            let mut inferred = false;
            let id = e.cite.as_ref().and_then(|c| {
                let yy = match c.year {
                    Some(y) => y,
                    None => {
                        inferred = true;
                        let label = e
                            .letter
                            .map_or_else(|| text.clone(), |l| format!("REF {l}"));
                        let (y, why) =
                            infer_year(c, year2?, day, own.as_ref().map(|(s, n)| (s.as_str(), *n)));
                        match why {
                            Some(why) => warn(
                                cx,
                                format!("{label}: no year given, and {why}: taken as {y:02}"),
                            ),
                            None => info(
                                cx,
                                format!(
                                    "{label}: no year given; assumed the cable's year ({y:02})"
                                ),
                            ),
                        }
                        y
                    }
                };
                Some(format!("{yy:02}{}{}", c.station, c.serial))
            });
            let ss = to_src(e.range.start);
            let se = to_src(e.range.end).max(ss);
            cx.h.refs.push(Reference {
                letter: e.letter,
                text,
                id,
                year_inferred: inferred,
                year_placed: false,
                span: ss..se.min(src.len()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strip_marking;

    #[test]
    fn a_subjects_marking_is_left_out() {
        for (subject, want) in [
            (
                "(S) MbZ HOSTS GULF SECURITY DINNER",
                "MbZ HOSTS GULF SECURITY DINNER",
            ),
            (
                "(S/REL UK) ARGENTINE REACTION (C-TN9-01234)",
                "ARGENTINE REACTION (C-TN9-01234)",
            ),
            (
                "(s) germany requests information",
                "germany requests information",
            ),
            ("SIXTH ANNUAL (TIP) REPORT", "SIXTH ANNUAL (TIP) REPORT"),
            (
                "IRAN'S SHIG USING INTERMEDIARIES (S)",
                "IRAN'S SHIG USING INTERMEDIARIES",
            ),
            (
                "spanish metal merchant supplies syrian entities (s)",
                "spanish metal merchant supplies syrian entities",
            ),
            ("(C) TALKING POINTS (S/NF)", "TALKING POINTS"),
            ("2006 ANNUAL REPORT (TIP)", "2006 ANNUAL REPORT (TIP)"),
            ("DEMARCHE (C-AL9-01234)", "DEMARCHE (C-AL9-01234)"),
            ("(S)", ""),
            ("(Pimping) law", "(Pimping) law"),
        ] {
            assert_eq!(strip_marking(subject), want, "{subject}");
        }
    }
}
