//! Sending posts: the `FM` line's office (`AMEMBASSY MEXICO`) as people and WikiLeaks name
//! it (`Embassy Mexico`), and as reference ids spell its station (`MEXICO`).

/// One row of [`OFFICES`]: prefix, name, station.
type Office = (&'static str, &'static str, Option<&'static str>);

/// Office prefixes of `FM` lines, longest first: the prefix, what the office is called,
/// and the station of its reference ids when that is not the place after the prefix.
const OFFICES: &[Office] = &[
    ("SECSTATE WASHDC", "Secretary of State", Some("STATE")),
    ("SECSTATE", "Secretary of State", Some("STATE")),
    ("USMISSION UNVIE VIENNA", "UNVIE", Some("UNVIEVIENNA")),
    ("USMISSION UNVIE", "UNVIE", Some("UNVIEVIENNA")),
    (
        "USMISSION USUN NEW YORK",
        "Mission USUN",
        Some("USUNNEWYORK"),
    ),
    (
        "USMISSION USUN NEWYORK",
        "Mission USUN",
        Some("USUNNEWYORK"),
    ),
    ("USMISSION", "Mission", None),
    ("AMEMBASSY", "Embassy", None),
    ("AMCONSUL", "Consulate", None),
    ("USINT", "US Interests Section", None),
    ("IRAN RPO", "Iran RPO", Some("RPODUBAI")),
    ("RPO", "Iran RPO", Some("RPODUBAI")),
    ("USOFFICE", "US Office", None),
    ("AIT", "American Institute Taiwan,", None),
];

/// The table row for `from` (whitespace collapsed, upper case) and the place after it.
fn office(from: &str) -> (Option<&'static Office>, &str) {
    for row in OFFICES {
        if let Some(rest) = from.strip_prefix(row.0)
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return (Some(row), rest.trim());
        }
    }
    (None, from)
}

fn normal(from: &str) -> String {
    from.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

/// `AMEMBASSY PORT AU PRINCE` → `Embassy Port Au Prince`; an office not in the table keeps
/// its words (`USEU BRUSSELS` → `USEU Brussels`).
#[must_use]
pub fn post_name(from: &str) -> String {
    let from = normal(from);
    let (office, place) = match office(&from) {
        (Some(row), place) => (row.1.to_owned(), place),
        (None, _) => {
            let (first, rest) = from.split_once(' ').unwrap_or((&from, ""));
            (first.to_owned(), rest)
        }
    };
    let place = title_case(place);
    if place.is_empty() {
        office
    } else {
        format!("{office} {place}")
    }
}

/// The station that reference ids of cables from `from` carry: `AMEMBASSY PORT AU PRINCE`
/// → `PORTAUPRINCE`, `SECSTATE WASHDC` → `STATE`, `USEU BRUSSELS` → `BRUSSELS`.
#[must_use]
pub fn station(from: &str) -> String {
    let from = normal(from);
    let place = match office(&from) {
        (Some((_, _, Some(station))), _) => return (*station).to_owned(),
        (Some(_), place) => place,
        (None, _) => from.split_once(' ').map_or(from.as_str(), |(_, rest)| rest),
    };
    place.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// The station of the post [`post_name`] named `name`: what [`station`] gives for the `FM`
/// line the name was made from (`Consulate Peshawar` → `PESHAWAR`, `Secretary of State` →
/// `STATE`), so a post known only by its name (a corpus index's origin) finds its station.
#[must_use]
pub fn station_of_post(name: &str) -> String {
    let row = OFFICES.iter().find_map(|row| {
        name.strip_prefix(row.1)
            .filter(|rest| rest.is_empty() || rest.starts_with(' '))
            .map(|rest| (row, rest))
    });
    let place = match row {
        Some(((_, _, Some(station)), _)) => return (*station).to_owned(),
        Some((_, place)) => place,
        None => name.split_once(' ').map_or(name, |(_, rest)| rest),
    };
    place
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether `t` starts with a post's name as [`post_name`] writes it (`Embassy Dili`,
/// `Secretary of State`, `USEU Brussels`): how mirrors name the sending post.
#[must_use]
pub fn is_post_name(t: &str) -> bool {
    OFFICES
        .iter()
        .map(|(_, name, _)| name.trim_end_matches(','))
        .chain(["USEU"])
        .any(|name| {
            t.strip_prefix(name)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
}

/// `PORT AU PRINCE` → `Port Au Prince`; words starting `US` (`USNATO`) stay as they are.
fn title_case(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.starts_with("US") && w.len() > 3 {
                w.to_owned()
            } else {
                let mut cs = w.chars();
                cs.next().map_or_else(String::new, |c| {
                    c.to_uppercase()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect()
                })
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::{post_name, station, station_of_post};

    #[test]
    fn offices_are_named_as_wikileaks_names_them() {
        for (from, name, st) in [
            ("AMEMBASSY MEXICO", "Embassy Mexico", "MEXICO"),
            (
                "AMEMBASSY PORT AU PRINCE",
                "Embassy Port Au Prince",
                "PORTAUPRINCE",
            ),
            ("AMCONSUL SAO PAULO", "Consulate Sao Paulo", "SAOPAULO"),
            ("SECSTATE WASHDC", "Secretary of State", "STATE"),
            ("USMISSION USNATO", "Mission USNATO", "USNATO"),
            ("USMISSION UNVIE VIENNA", "UNVIE", "UNVIEVIENNA"),
            ("USEU BRUSSELS", "USEU Brussels", "BRUSSELS"),
            ("USINT HAVANA", "US Interests Section Havana", "HAVANA"),
            ("RPO DUBAI", "Iran RPO Dubai", "RPODUBAI"),
            ("IRAN RPO DUBAI", "Iran RPO Dubai", "RPODUBAI"),
        ] {
            assert_eq!(post_name(from), name, "{from}");
            assert_eq!(station(from), st, "{from}");
            assert_eq!(station_of_post(name), st, "{name}");
            assert!(super::is_post_name(name), "{name}");
        }
    }
}
