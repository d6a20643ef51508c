//! The post of a cable whose text names none. A partial extract has no `FM` line, so the
//! index lists it under its id's station ([`crate::corpus::Record::listed_origin`]:
//! `MADRID` for 05MADRID2653); the catalog, which sees the whole corpus, names that
//! station's post as its other cables name it (`Embassy Madrid`), so that the list, the
//! origin facet and its filter count the post's cables together, and so that
//! `from:"embassy madrid"` finds them too ([`Stations::named_by`]).

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Entry;

/// The stations named after their posts, (station, post), as [`name_stations`] named
/// them: what a `from:` query naming the post must also match in the index.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Stations(Vec<(String, Arc<str>)>);

impl Stations {
    /// The stations whose post `value` names (its words, as the index's tokenizer cuts
    /// them, in a row among the post's) and that `value` does not name itself:
    /// `from:"embassy madrid"` must also match `MADRID`, `from:madrid` already does.
    pub(crate) fn named_by(&self, value: &str) -> Vec<&str> {
        let wanted = index_words(value);
        let holds = |name: &str| {
            let words = index_words(name);
            !wanted.is_empty() && words.windows(wanted.len()).any(|w| w == wanted)
        };
        self.0
            .iter()
            .filter(|(station, post)| holds(post) && !holds(station))
            .map(|(station, _)| station.as_str())
            .collect()
    }
}

/// The words of `text` as the index's default tokenizer makes them: runs of letters and
/// digits, lower case.
fn index_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Give each entry listed under its id's station the post name the other entries of that
/// station carry ([`station_posts`]); one whose station has none keeps it. Returns the
/// stations so named.
pub(crate) fn name_stations(entries: &mut [Entry]) -> Stations {
    let named: FxHashMap<String, Arc<str>> = station_posts(
        entries
            .iter()
            .filter_map(|e| Some((e.id.as_str(), e.origin.as_deref()?))),
    )
    .into_iter()
    .map(|(station, post)| (station.to_owned(), Arc::from(post)))
    .collect();
    if named.is_empty() {
        return Stations::default();
    }
    for e in entries.iter_mut() {
        let post = e
            .origin
            .as_deref()
            .filter(|o| is_station_of(o, &e.id))
            .and_then(|o| named.get(o));
        if let Some(post) = post {
            e.origin = Some(Arc::clone(post));
        }
    }
    let mut stations: Vec<(String, Arc<str>)> = named.into_iter().collect();
    stations.sort();
    Stations(stations)
}

/// For each station some of `cables` (id, where listed: [`crate::corpus::Record::listed_origin`])
/// are listed under for want of a sender, the post name the station's other cables carry.
/// A station that no other cable names, or that two posts send under (`Embassy Brussels`
/// and `USEU Brussels` are both `BRUSSELS`), is left out: which post sent the cable is
/// not known.
pub(crate) fn station_posts<'a, I>(cables: I) -> FxHashMap<&'a str, &'a str>
where
    I: Iterator<Item = (&'a str, &'a str)> + Clone,
{
    let mut named: FxHashMap<&str, Name<'_>> = cables
        .clone()
        .filter(|(id, o)| is_station_of(o, id))
        .map(|(_, station)| (station, Name::None))
        .collect();
    if named.is_empty() {
        return FxHashMap::default();
    }
    // The other names, each matched to its station once.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for (_, o) in cables {
        if named.contains_key(o) || !seen.insert(o) {
            continue;
        }
        if let Some(name) = named.get_mut(crate::cable::station_of_post(o).as_str()) {
            *name = match name {
                Name::None => Name::One(o),
                _ => Name::Several,
            };
        }
    }
    named
        .into_iter()
        .filter_map(|(station, name)| match name {
            Name::One(post) => Some((station, post)),
            Name::None | Name::Several => None,
        })
        .collect()
}

/// Whether `origin` is the station of `id`, as a cable with no sender is listed. A post's
/// name has a space (`Embassy Madrid`, `Secretary of State`), which rules most out
/// unread.
fn is_station_of(origin: &str, id: &str) -> bool {
    !origin.contains(' ') && crate::parse::station_of_id(id) == Some(origin)
}

/// The post names a station's other cables carry.
enum Name<'a> {
    None,
    One(&'a str),
    Several,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, origin: &str) -> Entry {
        Entry {
            id: id.to_owned(),
            origin: Some(Arc::from(origin)),
            ..Entry::default()
        }
    }

    #[test]
    fn a_station_takes_the_one_name_its_other_cables_carry() {
        let mut entries = vec![
            entry("05MADRID2653", "MADRID"),
            entry("06MADRID293", "Embassy Madrid"),
            entry("07MADRID173", "Embassy Madrid"),
            entry("05STATE12", "STATE"),
            entry("06STATE3836", "Secretary of State"),
            // No other cable of Sofia, or two posts under Brussels: the station stays.
            entry("05SOFIA1207", "SOFIA"),
            entry("05BRUSSELS1", "BRUSSELS"),
            entry("06BRUSSELS2", "Embassy Brussels"),
            entry("07BRUSSELS3", "USEU Brussels"),
            // A name without a space that is no station of its id stays as it is.
            entry("09USUN1", "USUN"),
        ];
        let stations = name_stations(&mut entries);
        let origins: Vec<&str> = entries.iter().filter_map(|e| e.origin.as_deref()).collect();
        assert_eq!(
            origins,
            [
                "Embassy Madrid",
                "Embassy Madrid",
                "Embassy Madrid",
                "Secretary of State",
                "Secretary of State",
                "SOFIA",
                "BRUSSELS",
                "Embassy Brussels",
                "USEU Brussels",
                "USUN"
            ]
        );
        assert_eq!(
            stations,
            Stations(vec![
                ("MADRID".to_owned(), Arc::from("Embassy Madrid")),
                ("STATE".to_owned(), Arc::from("Secretary of State")),
            ])
        );
    }

    #[test]
    fn a_from_value_naming_a_post_also_names_its_stations() {
        let stations = Stations(vec![
            ("MADRID".to_owned(), Arc::from("Embassy Madrid")),
            ("STATE".to_owned(), Arc::from("Secretary of State")),
            (
                "RIODEJANEIRO".to_owned(),
                Arc::from("Consulate Rio De Janeiro"),
            ),
        ]);
        assert_eq!(stations.named_by("\"embassy madrid\""), ["MADRID"]);
        assert_eq!(stations.named_by("Embassy"), ["MADRID"]);
        assert_eq!(stations.named_by("rio de janeiro"), ["RIODEJANEIRO"]);
        assert_eq!(stations.named_by("\"secretary of state\""), ["STATE"]);
        // The station's own word already matches it; words out of the post's order,
        // another post, or nothing name none.
        assert!(stations.named_by("madrid").is_empty());
        assert!(stations.named_by("state").is_empty());
        assert!(stations.named_by("\"madrid embassy\"").is_empty());
        assert!(stations.named_by("paris").is_empty());
        assert!(stations.named_by("\"\"").is_empty());
    }
}
