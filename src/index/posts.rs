//! The post of a cable whose text names none. A partial extract has no `FM` line, so the
//! index lists it under its id's station ([`crate::corpus::Record::listed_origin`]:
//! `MADRID` for 05MADRID2653); the catalog, which sees the whole corpus, names that
//! station's post as its other cables name it (`Embassy Madrid`), so that the list, the
//! origin facet and its filter count the post's cables together.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::Entry;

/// Give each entry listed under its id's station the post name the other entries of that
/// station carry. An entry keeps the station when no other cable names it, or when
/// two posts send under it (`Embassy Brussels` and `USEU Brussels` are both `BRUSSELS`):
/// which one sent it is not known.
pub(crate) fn name_stations(entries: &mut [Entry]) {
    // The stations entries are listed under for want of a sender. A post's name has a
    // space (`Embassy Madrid`, `Secretary of State`), which rules most out unread.
    let listed_under_station = |e: &Entry| {
        e.origin
            .as_deref()
            .filter(|o| !o.contains(' ') && crate::parse::station_of_id(&e.id) == Some(*o))
            .is_some()
    };
    let mut named: FxHashMap<Arc<str>, Name> = entries
        .iter()
        .filter(|e| listed_under_station(e))
        .filter_map(|e| e.origin.clone())
        .map(|station| (station, Name::None))
        .collect();
    if named.is_empty() {
        return;
    }
    // The other names, each matched to its station once.
    let mut seen: FxHashSet<&Arc<str>> = FxHashSet::default();
    for o in entries.iter().filter_map(|e| e.origin.as_ref()) {
        if named.contains_key(o) || !seen.insert(o) {
            continue;
        }
        let station = crate::cable::station_of_post(o);
        if let Some(name) = named.get_mut(station.as_str()) {
            *name = match name {
                Name::None => Name::One(Arc::clone(o)),
                _ => Name::Several,
            };
        }
    }
    for e in entries.iter_mut() {
        if listed_under_station(e)
            && let Some(Name::One(name)) = e.origin.as_ref().and_then(|o| named.get(o))
        {
            e.origin = Some(Arc::clone(name));
        }
    }
}

/// The post names a station's other entries carry.
enum Name {
    None,
    One(Arc<str>),
    Several,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, origin: &str) -> Entry {
        Entry {
            id: id.to_owned(),
            origin: Some(Arc::from(origin)),
            ..Entry::taken()
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
        name_stations(&mut entries);
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
    }
}
