//! Metadata that mirrors put before (or inside) the header: the alx/cablegate text mirror's
//! five lines (id, subject, date, classification, origin) and the `<<218634>>` record
//! blocks of database dumps (record number, date, id, origin, classification, cited ids).
//! They are not the cable's own text, so the header uses them as a cross-check and a
//! fallback only.

use std::sync::LazyLock;

use regex::Regex;

use crate::cable::is_post_name;
use crate::parse::scan::is_cable_id;

/// What a preamble says about the cable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preamble {
    /// The reference id (`08DILI134`).
    pub id: Option<String>,
    /// The subject's first line.
    pub subject: Option<String>,
    /// The year of its date.
    pub year: Option<i32>,
    /// The classification as the mirror wrote it (`UNCLASSIFIED`, `SECRET//NOFORN`).
    pub classification: Option<String>,
    /// The origin as the mirror named it (`Embassy Dili`).
    pub origin: Option<String>,
    /// How many lines it took.
    pub lines: usize,
}

#[allow(clippy::expect_used)]
static RUBY_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // `Mon May 12 00:00:00 +0200 2008`
    Regex::new(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-3]?\d \d\d:\d\d:\d\d [+-]\d{4} (\d{4})$")
        .expect("valid built-in regex")
});
#[allow(clippy::expect_used)]
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // `7/29/2009 14:42`
    Regex::new(r"^\d{1,2}/\d{1,2}/(\d{4})(?: \d{1,2}:\d\d)?$").expect("valid built-in regex")
});

#[allow(clippy::expect_used)]
static DAY_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    // `Friday, 18 December 2009, 11:04`
    Regex::new(
        r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [0-3]?\d [A-Z][a-z]+ \d{4}, \d\d:\d\d$",
    )
    .expect("valid built-in regex")
});

/// Whether `t` is the date line a mirror puts above the classification line (`Friday,
/// 18 December 2009, 11:04`), which no field of the cable continues into.
#[must_use]
pub fn is_day_stamp(t: &str) -> bool {
    DAY_STAMP.is_match(t.trim())
}

/// A mirror's classification line: `SECRET//NOFORN`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`.
fn is_mirror_classification(t: &str) -> bool {
    let head = t.split("//").next().unwrap_or("");
    [
        "UNCLASSIFIED",
        "CONFIDENTIAL",
        "SECRET",
        "TOP SECRET",
        "LIMITED OFFICIAL USE",
    ]
    .contains(&head)
}

fn year_of(t: &str) -> Option<i32> {
    RUBY_DATE
        .captures(t)
        .or_else(|| SLASH_DATE.captures(t))
        .and_then(|c| c.get(1)?.as_str().parse().ok())
}

/// The alx mirror's five lines at the start of `lines` (blank lines already skipped).
#[must_use]
pub fn alx(lines: &[&str]) -> Option<Preamble> {
    let [id, subject, date, class, origin, ..] = lines else {
        return None;
    };
    let year = RUBY_DATE
        .captures(date)
        .and_then(|c| c.get(1)?.as_str().parse().ok())?;
    (looks_like_id(id) && is_mirror_classification(class) && is_post_name(origin)).then(|| {
        Preamble {
            id: Some((*id).to_owned()),
            subject: Some((*subject).to_owned()),
            year: Some(year),
            classification: Some((*class).to_owned()),
            origin: Some((*origin).to_owned()),
            lines: 5,
        }
    })
}

/// An id as mirrors write them, malformed ones included (`7575LIBREVILLE1895`).
fn looks_like_id(t: &str) -> bool {
    is_cable_id(t)
        || (t.len() <= 40
            && t.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && t.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

/// A database record block starting at `lines[0]` (`<<218634>>`), up to the first line
/// that is none of its kinds.
#[must_use]
pub fn record(lines: &[&str]) -> Option<Preamble> {
    let first = lines.first()?;
    let number = first.strip_prefix("<<")?.strip_suffix(">>")?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut p = Preamble {
        lines: 1,
        ..Preamble::default()
    };
    for t in lines.iter().skip(1) {
        if let Some(y) = year_of(t) {
            p.year.get_or_insert(y);
        } else if looks_like_id(t) {
            // The record's own id comes first; the ids it cites follow.
            if p.id.is_none() {
                p.id = Some((*t).to_owned());
            }
        } else if t
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .all(looks_like_id)
            && !t.is_empty()
        {
        } else if is_mirror_classification(t) {
            p.classification = Some((*t).to_owned());
        } else if is_post_name(t) {
            p.origin = Some((*t).to_owned());
        } else {
            break;
        }
        p.lines += 1;
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alx_preamble() {
        let p = alx(&[
            "08DILI134",
            "DEMARCHE TO TIMOR-LESTE ON IRAN SANCTIONS REPORT",
            "Mon May 12 00:00:00 +0200 2008",
            "UNCLASSIFIED",
            "Embassy Dili",
            "VZCZCXRO1070",
        ])
        .expect("a preamble");
        assert_eq!(p.id.as_deref(), Some("08DILI134"));
        assert_eq!((p.year, p.lines), (Some(2008), 5));
        assert!(
            alx(&[
                "VZCZCXRO1070",
                "OO RUEHDT",
                "DE RUEHDT #0134 1330124",
                "x",
                "y"
            ])
            .is_none()
        );
    }

    #[test]
    fn day_stamps() {
        assert!(is_day_stamp("Friday, 18 December 2009, 11:04"));
        assert!(is_day_stamp("Wednesday, 2 July 2008, 07:15 "));
        assert!(!is_day_stamp("BRAHMDAGH BUGTI TO IRELAND"));
        assert!(!is_day_stamp("Friday, the minister said"));
    }

    #[test]
    fn a_record_block() {
        let p = record(&[
            "<<218634>>",
            "7/29/2009 14:42",
            "09KHARTOUM881",
            "Embassy Khartoum",
            "CONFIDENTIAL",
            "09KHARTOUM378",
            "VZCZCXRO9313",
        ])
        .expect("a record");
        assert_eq!(p.id.as_deref(), Some("09KHARTOUM881"));
        assert_eq!((p.year, p.lines), (Some(2009), 6));
        assert_eq!(p.classification.as_deref(), Some("CONFIDENTIAL"));
    }
}
