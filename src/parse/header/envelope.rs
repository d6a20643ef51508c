//! The transmission envelope (layer 1 of `CABLE-FORMAT.md`): transmission id, routing
//! lines, `DE` line, `ZNR`/`ZNY` code, the date-time group and the `FM`/`TO`/`INFO`
//! addressees. Each line is recognised on its own, so the envelope is read wherever it
//! stands (after a preamble, after the classification line, twice).

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;

use crate::cable::Recipient;
use crate::parse::scan::{collapse, full_year, month};
use crate::parse::vocab::{PRECEDENCE, ZN_CODES};

/// One envelope line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Envelope {
    /// `VZCZCXR05300`.
    Transmission(String),
    /// `RR RUEHCD RUEHGD …` or a continuation of routing indicators.
    Routing,
    /// `DE RUEHME #1113/01 0611324`: the last four digits of the serial.
    De(Option<u32>),
    /// `ZNY CCCCC ZZH`: the classification the code stands for.
    Zn(Option<&'static str>),
    /// The date-time group.
    Dtg(Dtg),
    /// `FM AMEMBASSY MEXICO`.
    From(String),
    /// `TO RUEHC/SECSTATE WASHDC 9309`.
    To(String),
    /// `INFO …`; `None` for an old distribution block (`INFO LOG-00 NP-00 …`).
    Info(Option<String>),
    /// `XMT AMCONSUL STRASBOURG`: an addressee the cable is not sent to.
    Exempt(String),
}

/// A date-time group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dtg {
    /// Precedence letters before it (`O`, `P R`).
    pub precedence: Option<String>,
    /// As written, e.g. `021324Z MAR 06`.
    pub text: String,
    /// As a timestamp.
    pub date: Option<DateTime<Utc>>,
    /// The full year.
    pub year: i32,
}

#[allow(clippy::expect_used)]
static DTG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u)^(?:([A-Z]{1,2})\s+)?(?:([A-Z])\s+)?([0-3]\d)([0-2]\d)([0-5]\d)Z\s*([A-Za-z]{3})\s*(\d{2})\b",
    )
    .expect("valid built-in regex")
});

/// Read a date-time group at the start of `p`.
#[must_use]
pub fn dtg(p: &str) -> Option<Dtg> {
    // A DTG has a `Z` after its six digits; most lines are turned away by that before
    // the regex runs, and the groups are read only on a match.
    if p.len() < 11 || !p.as_bytes().contains(&b'Z') {
        return None;
    }
    let m = DTG.find(p)?;
    let c = DTG.captures(p.get(..m.end())?)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (d, hh, mm, yy) = (num(3)?, num(4)?, num(5)?, num(7)?);
    let mo = month(c.get(6)?.as_str())?;
    let year = full_year(yy);
    let date = NaiveDate::from_ymd_opt(year, mo, d)
        .and_then(|d| d.and_hms_opt(hh, mm, 0))
        .map(|n| DateTime::<Utc>::from_naive_utc_and_offset(n, Utc));
    let prec: Vec<&str> = [c.get(1), c.get(2)]
        .into_iter()
        .flatten()
        .map(|m| m.as_str())
        .collect();
    let start = c.get(3)?.start();
    Some(Dtg {
        precedence: (!prec.is_empty()).then(|| prec.join(" ")),
        text: collapse(p.get(start..c.get(0)?.end())?),
        date,
        year,
    })
}

/// Read one addressee (`RUEHC/SECSTATE  WASHDC  PRIORITY 9309`): the route before the
/// `/`, then the name, then its precedence words, then its message control number (or a
/// range of them), each when present.
#[must_use]
pub fn recipient(s: &str) -> Recipient {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    let mut route = None;
    if let Some(first) = words.first_mut()
        && let Some((r, rest)) = first.split_once('/')
        // A routing indicator, or `ZEN` (an addressee served by other means).
        && ((4..=8).contains(&r.len()) || r == "ZEN")
        && r.bytes().all(|b| b.is_ascii_uppercase())
    {
        route = Some(r.to_owned());
        *first = rest;
    }
    // A serial (`9309`) or a range of them, one per section (`2276-2279`).
    let serial = |w: &str| {
        w.split('-').count() <= 2
            && w.split('-')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let (mut precedence, mut mcn) = (Vec::new(), None);
    while let Some(&last) = words.last() {
        if mcn.is_none() && precedence.is_empty() && serial(last) {
            mcn = Some(last.to_owned());
        } else if PRECEDENCE.contains(&last) {
            precedence.push(last);
        } else {
            break;
        }
        words.pop();
    }
    precedence.reverse();
    words.retain(|w| !w.is_empty());
    Recipient {
        name: words.join(" "),
        route,
        precedence: (!precedence.is_empty()).then(|| precedence.join(" ")),
        mcn,
    }
}

/// An old print format's distribution block (`INFO LOG-00 NP-00 …`).
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

/// A line of routing indicators: an optional precedence pair and `RUxxxxx` words.
fn is_routing(p: &str) -> bool {
    let w: Vec<&str> = p.split_whitespace().collect();
    let indicator = |t: &&str| {
        (t.starts_with("RU") || t.starts_with("RH"))
            && (5..=8).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_uppercase())
    };
    match w.first() {
        Some(f) if f.len() <= 2 && f.bytes().all(|b| b.is_ascii_uppercase()) => {
            w.len() >= 2 && w.iter().skip(1).all(indicator)
        }
        Some(_) => w.iter().all(indicator),
        None => false,
    }
}

/// Read `p` as an envelope line.
#[must_use]
pub fn read(p: &str) -> Option<Envelope> {
    if p.starts_with("VZCZC") {
        return p
            .split_whitespace()
            .next()
            .map(|t| Envelope::Transmission(t.to_owned()));
    }
    if let Some(rest) = p.strip_prefix("FM ") {
        return Some(Envelope::From(recipient(rest).name));
    }
    if let Some(rest) = p.strip_prefix("TO ") {
        return Some(Envelope::To(rest.to_owned()));
    }
    if let Some(rest) = p.strip_prefix("INFO ") {
        return Some(Envelope::Info(
            (!is_distribution(p)).then(|| rest.to_owned()),
        ));
    }
    if let Some(rest) = p.strip_prefix("XMT ") {
        return Some(Envelope::Exempt(rest.to_owned()));
    }
    if p.starts_with("DE ") {
        let serial = p
            .split_once('#')
            .and_then(|(_, r)| r.get(..r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len())))
            .and_then(|d| d.parse().ok());
        return Some(Envelope::De(serial));
    }
    if p.starts_with("ZNR ") || p.starts_with("ZNY ") {
        let code = p.split_whitespace().nth(1).unwrap_or("");
        return Some(Envelope::Zn(
            ZN_CODES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l),
        ));
    }
    if let Some(d) = dtg(p) {
        return Some(Envelope::Dtg(d));
    }
    is_routing(p).then_some(Envelope::Routing)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `recipient(s)` as (name, route, precedence, mcn).
    fn parts(s: &str) -> (String, Option<String>, Option<String>, Option<String>) {
        let r = recipient(s);
        (r.name, r.route, r.precedence, r.mcn)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn addressees_keep_route_precedence_and_serial_apart() {
        assert_eq!(
            parts("RUEHC/SECSTATE  WASHDC  9309"),
            ("SECSTATE WASHDC".into(), some("RUEHC"), None, some("9309"))
        );
        assert_eq!(
            parts("RUEHC/SECSTATE WASHDC PRIORITY 5265"),
            (
                "SECSTATE WASHDC".into(),
                some("RUEHC"),
                some("PRIORITY"),
                some("5265")
            )
        );
        assert_eq!(
            parts("USMISSION USUN NEWYORK NIACT IMMEDIATE"),
            (
                "USMISSION USUN NEWYORK".into(),
                None,
                some("NIACT IMMEDIATE"),
                None
            )
        );
        // 08STATE103511's addressees, sent in sections.
        assert_eq!(
            parts("ZEN/AMEMBASSY BELMOPAN NIACT IMMEDIATE 2276-2279"),
            (
                "AMEMBASSY BELMOPAN".into(),
                some("ZEN"),
                some("NIACT IMMEDIATE"),
                some("2276-2279")
            )
        );
        assert_eq!(
            parts("RUEHRN/USMISSION UN ROME 0673"),
            (
                "USMISSION UN ROME".into(),
                some("RUEHRN"),
                None,
                some("0673")
            )
        );
        // An agency's route keeps its office suffix in the name (09STATE80163).
        assert_eq!(
            parts("RHEFDIA/DIA WASHINGTON DC//DHI-1B/CLM//DP//"),
            (
                "DIA WASHINGTON DC//DHI-1B/CLM//DP//".into(),
                some("RHEFDIA"),
                None,
                None
            )
        );
        // A route-less addressee; one serial, the last word.
        assert_eq!(
            parts("AMEMBASSY ANKARA IMMEDIATE 7721-7722"),
            (
                "AMEMBASSY ANKARA".into(),
                None,
                some("IMMEDIATE"),
                some("7721-7722")
            )
        );
    }

    #[test]
    fn envelope_lines() {
        assert_eq!(
            read("DE RUEHME #1113/01 0611324"),
            Some(Envelope::De(Some(1113)))
        );
        assert_eq!(read("ZNY SSSSS ZZH"), Some(Envelope::Zn(Some("SECRET"))));
        assert_eq!(read("RR RUEHCD RUEHGD"), Some(Envelope::Routing));
        assert_eq!(read("RUEHROV RUEHTRO"), Some(Envelope::Routing));
        let Some(Envelope::Dtg(d)) = read("P R 041820Z JAN 10") else {
            panic!("a DTG")
        };
        assert_eq!(
            (d.precedence.as_deref(), d.text.as_str(), d.year),
            (Some("P R"), "041820Z JAN 10", 2010)
        );
        assert_eq!(
            read("INFO LOG-00 ADS-00 INR-05 EUR-00"),
            Some(Envelope::Info(None))
        );
        assert_eq!(
            read("XMT AMCONSUL STRASBOURG"),
            Some(Envelope::Exempt("AMCONSUL STRASBOURG".into()))
        );
        assert_eq!(read("The Ambassador met"), None);
    }
}
