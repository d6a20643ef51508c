//! Small text helpers shared by every pass (header, body, cross-references). A leaf
//! module: it uses nothing else of the parser but its vocabularies, so no pass has to
//! import another for them.

use std::ops::Range;

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

/// Month number (1–12) of a three-letter English month name, any case.
pub(crate) fn month(m: &str) -> Option<u32> {
    let i = super::vocab::MONTHS
        .iter()
        .position(|x| x.eq_ignore_ascii_case(m))?;
    u32::try_from(i + 1).ok()
}

/// A two-digit year as a full year: 50–99 are the 1900s, 00–49 the 2000s.
pub(crate) fn full_year(yy: u32) -> i32 {
    let yy = i32::try_from(yy % 100).unwrap_or(0);
    if yy >= 50 { 1900 + yy } else { 2000 + yy }
}

/// Canonical station name as reference ids spell it: letters and digits only, upper
/// case, known aliases mapped (`MEXICO CITY` → `MEXICO`, `SECSTATE` → `STATE`), and a
/// name cut short mapped to the one known station it begins ([`truncated_station`]).
pub(crate) fn canonical_origin(origin: &str) -> String {
    let s: String = origin
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    if let Some((_, name)) = super::vocab::STATION_ALIASES
        .iter()
        .find(|(alias, _)| *alias == s)
    {
        return (*name).to_owned();
    }
    truncated_station(&s).map_or(s, str::to_owned)
}

/// Fewest letters of a station name cut short that are read as the station.
const TRUNCATED_LEAST: usize = 8;

/// The known station whose name `s` (canonical) begins, when `s` is not one itself, has
/// at least [`TRUNCATED_LEAST`] letters and begins no other: the ten-character station
/// field of a telegram's page lines and serial (`BUENOS AIR 00001462`, `PORT AU PR`,
/// `RIO DE JAN`, `TEGUCIGALP`), copied into REF lines and headers.
fn truncated_station(s: &str) -> Option<&'static str> {
    use super::vocab::STATIONS;
    if s.len() < TRUNCATED_LEAST || super::vocab::is_station(s) {
        return None;
    }
    let from = STATIONS.partition_point(|(name, _)| *name < s);
    let mut begun = STATIONS
        .get(from..)?
        .iter()
        .take_while(|(name, _)| name.starts_with(s));
    let (name, _) = begun.next()?;
    begun.next().is_none().then_some(*name)
}

/// Whether `s` (trimmed) looks like a reference id: two-digit year, a station of
/// letters, a serial (`06MEXICO1113`).
pub(crate) fn is_cable_id(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let letters = b
        .iter()
        .skip(digits)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let serial = b.len() - digits - letters;
    digits == 2
        && letters >= 3
        && (1..=6).contains(&serial)
        && b.iter().skip(digits + letters).all(u8::is_ascii_digit)
}

/// Split a reference id into (two-digit year, station, serial).
pub(crate) fn split_cable_id(s: &str) -> Option<(u32, &str, u32)> {
    if !is_cable_id(s) {
        return None;
    }
    let year = s.get(..2)?.parse().ok()?;
    let rest = s.get(2..)?;
    let cut = rest.find(|c: char| c.is_ascii_digit())?;
    Some((year, rest.get(..cut)?, rest.get(cut..)?.parse().ok()?))
}

/// Read a marking like `(SBU)`, `(S/NF)`, `(C/REL LIBYA)` or malformed `SBU)` at `s`;
/// returns the inner range and the byte after it.
pub(crate) fn marking(s: &str, from: usize) -> Option<(Range<usize>, usize)> {
    let b = s.as_bytes();
    let mut i = from;
    while b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
        i += 1;
    }
    let open = b.get(i) == Some(&b'(');
    let inner = if open { i + 1 } else { i };
    let mut j = inner;
    // Release markings run longer and have a lower-case `to` and commas:
    // `(S/REL to USA, FVEY)`, `(S/Rel UK)`.
    let rel = open && b.get(inner..).is_some_and(releases);
    let max = if rel { 40 } else { 16 };
    while j < b.len() && j - inner <= max {
        match b.get(j) {
            Some(b')') => break,
            Some(c) if c.is_ascii_uppercase() || matches!(c, b'/' | b' ') => j += 1,
            Some(c) if rel && (c.is_ascii_lowercase() || *c == b',') => j += 1,
            _ => return None,
        }
    }
    if b.get(j) != Some(&b')') || j == inner {
        return None;
    }
    if !open && j - inner > 6 {
        return None;
    }
    let mut k = j + 1;
    while b.get(k).is_some_and(|c| *c == b' ' || *c == b'\t') {
        k += 1;
    }
    Some((inner..j, k))
}

/// Whether `s` is a portion marking proper: [`super::vocab::PORTION_MARKS`] joined by `/`
/// (capitals). Stricter than [`marking`], which takes any capitals at a paragraph's start.
pub(crate) fn is_marking(s: &str) -> bool {
    s.as_bytes()
        .split(|&c| c == b'/')
        .filter(|p| !p.is_empty())
        .all(|p| {
            super::vocab::PORTION_MARKS
                .iter()
                .any(|m| m.as_bytes() == p)
        })
}

/// Whether a marking's first bytes name a release (`/REL`, `/Rel`, any case).
fn releases(hay: &[u8]) -> bool {
    let hay = hay.get(..hay.len().min(48)).unwrap_or(hay);
    memchr::memchr_iter(b'/', hay).any(|i| {
        hay.get(i + 1..i + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"REL"))
    })
}

/// Start of a "see " / "see post's response to " just before `at`, if any.
pub(crate) fn see_before(text: &str, at: usize) -> usize {
    let before = text.get(..at).unwrap_or("");
    for p in ["see post's response to ", "see "] {
        if before.len() >= p.len()
            && let Some(tail) = before.get(before.len() - p.len()..)
            && tail.eq_ignore_ascii_case(p)
        {
            return at - p.len();
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_canonical() {
        assert_eq!(canonical_origin("PORT AU PRINCE"), "PORTAUPRINCE");
        assert_eq!(canonical_origin("MEXICO CITY"), "MEXICO");
        assert_eq!(canonical_origin("SECSTATE"), "STATE");
        assert_eq!(canonical_origin("Rio de Jan"), "RIODEJANEIRO");
        // The ten characters of a telegram's station field.
        assert_eq!(canonical_origin("BUENOS AIR"), "BUENOSAIRES");
        assert_eq!(canonical_origin("TEGUCIGALP"), "TEGUCIGALPA");
        assert_eq!(canonical_origin("ADDIS ABAB"), "ADDISABABA");
        assert_eq!(canonical_origin("HO CHI MINH"), "HOCHIMINHCITY");
        // Too short to tell, or a station itself.
        assert_eq!(canonical_origin("SANTO"), "SANTO");
        assert_eq!(canonical_origin("SANTIAGO"), "SANTIAGO");
    }

    #[test]
    fn markings_in_every_form() {
        for (t, want) in [
            ("(SBU) text", Some("SBU")),
            ("(S/NF) text", Some("S/NF")),
            ("(C/REL LIBYA) text", Some("C/REL LIBYA")),
            ("(S/REL to USA, FVEY) Threats", Some("S/REL to USA, FVEY")),
            ("(S/Rel UK) Begin Text", Some("S/Rel UK")),
            ("(C/Rel Aus) The", Some("C/Rel Aus")),
            ("SBU) malformed", Some("SBU")),
            ("(Note: text)", None),
            ("(see para 3)", None),
        ] {
            assert_eq!(marking(t, 0).and_then(|(r, _)| t.get(r)), want, "{t}");
        }
    }

    #[test]
    fn cable_ids_are_recognised() {
        assert!(is_cable_id("06MEXICO1113"));
        assert_eq!(split_cable_id("09STATE68250"), Some((9, "STATE", 68250)));
        assert!(!is_cable_id("7575LIBREVILLE1895"));
        assert!(!is_cable_id("MEXICO1113"));
        assert!(!is_cable_id("06MEXICO"));
    }
}
