//! [`Serials`]: the year of a REF that gives none, placed by the corpus's own cables.
//!
//! A REF written without a year (`BRASILIA 681`) is taken by the parser to be of the
//! citing cable's year, or of the year before when its serial is above what that station
//! could have sent by then ([`crate::parse`] knows only the citing cable's own serial
//! and generic limits). A corpus knows more: each station numbers its cables in order
//! through the year, so a cable of the same station and year, numbered at or below the
//! cited serial and sent well after the citing cable, proves that the cited one did not
//! yet exist when it was cited. It was then sent in an earlier year: 09STATE41025 (April
//! 2009) cites `BRASILIA 681`, and the corpus's 09BRASILIA634 is of May 19, so the cite is
//! 08BRASILIA681. Only a proof moves a year; a cite the corpus says nothing against keeps
//! the parser's.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::Record;
use crate::cable::Cable;

/// What a cite whose year the corpus placed is marked with, wherever it is shown (the
/// reader, `links`).
pub const PLACED_MARK: &str = "year placed by the corpus";

/// How long after the citing cable the proving one must have been sent. Serials and
/// dates are not in perfect step (a cable can be numbered days before its date-time
/// group is given): in the 1,095 real cables of the test corpus a cable is at most 16.5
/// days older than one numbered below it of its station and year.
const MARGIN_DAYS: i64 = 21;

/// A canonical id split into its year (two digits), station and serial.
fn split(id: &str) -> Option<(u32, &str, u32)> {
    let year = id.get(..2)?.parse().ok()?;
    let rest = id.get(2..)?;
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (station, serial) = rest.split_at(rest.len() - digits);
    if station.is_empty() || !station.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some((year, station, serial.parse().ok()?))
}

/// The same cable number a year later (`09BRASILIA681` for `08BRASILIA681`): what a
/// REF of the cable written without its year reads as when cited the year after.
#[must_use]
pub fn year_after(id: &str) -> Option<String> {
    let (year, station, serial) = split(id)?;
    Some(join((year + 1) % 100, station, serial))
}

/// The canonical id of `serial` of `station` in `year` (two digits): [`split`] undone.
fn join(year: u32, station: &str, serial: u32) -> String {
    format!("{year:02}{station}{serial}")
}

/// One station's cables of one year: each serial, in order, with the latest date among
/// the cables numbered at or below it.
type Numbered = Vec<(u32, NaiveDate)>;

/// For each station of a corpus and each year (two digits), its [`Numbered`] cables.
#[derive(Debug, Default)]
pub struct Serials {
    by_station: HashMap<String, HashMap<u32, Numbered>>,
}

impl Serials {
    /// The serials of the cables `(id, day sent)` (canonical ids; undated cables prove
    /// nothing and are left out).
    pub fn new<'a>(cables: impl IntoIterator<Item = (&'a str, Option<NaiveDate>)>) -> Self {
        let mut by_station: HashMap<String, HashMap<u32, Numbered>> = HashMap::new();
        for (id, date) in cables {
            if let (Some((year, station, serial)), Some(date)) = (split(id), date) {
                by_station
                    .entry(station.to_owned())
                    .or_default()
                    .entry(year)
                    .or_default()
                    .push((serial, date));
            }
        }
        for list in by_station.values_mut().flat_map(HashMap::values_mut) {
            list.sort_unstable();
            let mut latest: Option<NaiveDate> = None;
            for (_, date) in list.iter_mut() {
                let max = latest.map_or(*date, |l| l.max(*date));
                *date = max;
                latest = Some(max);
            }
        }
        Self { by_station }
    }

    /// The latest date of a cable of `station` in `year` numbered at or below `serial`.
    fn latest_at_or_below(&self, year: u32, station: &str, serial: u32) -> Option<NaiveDate> {
        let list = self.by_station.get(station)?.get(&year)?;
        let n = list.partition_point(|&(s, _)| s <= serial);
        list.get(n.checked_sub(1)?).map(|&(_, date)| date)
    }

    /// The id of the cable that `id` (canonical, its year inferred by the parser) names
    /// when it is cited on `cited_on`, where the corpus proves the parser's year wrong:
    /// the same serial a year earlier. `None` when the corpus leaves the parser's year
    /// standing.
    #[must_use]
    pub fn place(&self, id: &str, cited_on: NaiveDate) -> Option<String> {
        let (year, station, serial) = split(id)?;
        let sent = self.latest_at_or_below(year, station, serial)?;
        (sent > cited_on + Duration::days(MARGIN_DAYS))
            .then(|| join((year + 99) % 100, station, serial))
    }
}

/// Move each record's undated REFs ([`Record::undated`]) to the year the records prove
/// ([`Serials::place`]); a REF that lands on the record's own id or on one it already
/// cites is dropped, as [`Record::refs`] holds each cite once.
pub fn place_undated(records: &mut [Record]) {
    if records.iter().all(|r| r.undated.is_empty()) {
        return;
    }
    let serials = Serials::new(
        records
            .iter()
            .map(|r| (r.id.as_str(), r.date.map(|d| d.date_naive()))),
    );
    for r in records.iter_mut() {
        let Some(cited_on) = r.date.map(|d| d.date_naive()) else {
            continue;
        };
        for undated in &mut r.undated {
            let Some(placed) = serials.place(undated, cited_on) else {
                continue;
            };
            let known = placed == r.id || r.refs.contains(&placed);
            if let Some(at) = r.refs.iter().position(|c| c == undated) {
                if known {
                    r.refs.remove(at);
                } else if let Some(slot) = r.refs.get_mut(at) {
                    slot.clone_from(&placed);
                    r.placed.push(placed.clone());
                }
            }
            *undated = placed;
        }
    }
}

/// Move the REFs of `cable` written without a year to the year `serials` proves
/// ([`Serials::place`]): a cable opened from a corpus's library.
pub fn place_refs(cable: &mut Cable, serials: &Serials) {
    let Some(cited_on) = cable.header.date.map(|d| d.date_naive()) else {
        return;
    };
    for r in cable
        .header
        .refs
        .iter_mut()
        .filter(|r| r.year_inferred && !r.year_placed)
    {
        if let Some(placed) = r.id.as_deref().and_then(|id| serials.place(id, cited_on)) {
            r.id = Some(placed);
            r.year_placed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn ids_split_into_year_station_and_serial() {
        assert_eq!(split("09BRASILIA681"), Some((9, "BRASILIA", 681)));
        assert_eq!(split("66BUENOSAIRES2481"), Some((66, "BUENOSAIRES", 2481)));
        assert_eq!(split("09BRASILIA"), None);
        assert_eq!(split("BRASILIA681"), None);
        assert_eq!(split("0912"), None);
    }

    #[test]
    fn a_year_moves_only_on_proof() {
        let serials = Serials::new([
            ("09BRASILIA634", Some(day("2009-05-19"))),
            ("09BRASILIA757", Some(day("2009-06-16"))),
            ("09BRASILIA700", None),
            ("08BRASILIA600", Some(day("2008-05-01"))),
        ]);
        let cited_on = day("2009-04-23");
        // 634 was sent 26 days after the cite: 681 did not exist yet.
        assert_eq!(
            serials.place("09BRASILIA681", cited_on).as_deref(),
            Some("08BRASILIA681")
        );
        // Nothing numbered at or below 600 is known: the parser's year stands.
        assert_eq!(serials.place("09BRASILIA600", cited_on), None);
        // 634 within the margin of the cite proves nothing.
        assert_eq!(serials.place("09BRASILIA681", day("2009-05-01")), None);
        // Unknown stations and ids that are no cable's leave the year alone.
        assert_eq!(serials.place("09LIMA681", cited_on), None);
        assert_eq!(serials.place("REFTEL", cited_on), None);
        // An undated cable proves nothing: 700 is known, but not when it was sent.
        assert_eq!(serials.place("09BRASILIA750", day("2009-06-01")), None);
        // Each year is its own: 08BRASILIA600 of May 2008 says nothing of 2009's 650.
        assert_eq!(serials.place("09BRASILIA620", day("2009-05-10")), None);
    }
}
