//! Replies to one tasker for the tasker benchmarks, made from the five real replies to
//! 06STATE3836 (`tests/data/tip2006`): a bench helper, not part of the program.
//!
//! Copy `k` of a source reply is sent by another post: its station (`DAKAR`, `HONG KONG`,
//! `MEXICO`, `JERUSALEM`, in capitals and in title case, wherever the text names it:
//! classification line, FM line, page markers, mirror preamble) is replaced by one of
//! [`STATIONS`], so each copy has its own id (`06ACCRA528`) and post (`Embassy Accra`)
//! and cites the tasker as the source does. Every copy is checked: it must parse to the id
//! it is named for and cite 06STATE3836, else it is not used.
//!
//! Files go under `DIR/ID.txt`; `DIR/.complete` (the count) marks a finished set.

use std::path::{Path, PathBuf};

/// The real replies and the station each names itself by (capitals, title case).
const SOURCES: [(&str, &str, &str); 5] = [
    ("06DAKAR528", "DAKAR", "Dakar"),
    ("06HONGKONG817", "HONG KONG", "Hong Kong"),
    ("06HONGKONG818", "HONG KONG", "Hong Kong"),
    ("06JERUSALEM836", "JERUSALEM", "Jerusalem"),
    ("06MEXICO1113", "MEXICO", "Mexico"),
];

/// Stations the copies are sent from (one word each, none of the sources').
pub const STATIONS: [&str; 90] = [
    "ACCRA",
    "ABUJA",
    "ALGIERS",
    "AMMAN",
    "ANKARA",
    "ASMARA",
    "ASTANA",
    "ASUNCION",
    "ATHENS",
    "BAKU",
    "BAMAKO",
    "BANGKOK",
    "BANJUL",
    "BEIJING",
    "BEIRUT",
    "BELGRADE",
    "BERLIN",
    "BISHKEK",
    "BOGOTA",
    "BRASILIA",
    "BRATISLAVA",
    "BRUSSELS",
    "BUCHAREST",
    "BUDAPEST",
    "CAIRO",
    "CANBERRA",
    "CARACAS",
    "CHISINAU",
    "COLOMBO",
    "CONAKRY",
    "COPENHAGEN",
    "COTONOU",
    "DHAKA",
    "DILI",
    "DJIBOUTI",
    "DOHA",
    "DUBLIN",
    "DUSHANBE",
    "FREETOWN",
    "GABORONE",
    "GEORGETOWN",
    "HANOI",
    "HARARE",
    "HELSINKI",
    "ISLAMABAD",
    "JAKARTA",
    "KABUL",
    "KAMPALA",
    "KATHMANDU",
    "KHARTOUM",
    "KIGALI",
    "KINSHASA",
    "LAGOS",
    "LIMA",
    "LISBON",
    "LJUBLJANA",
    "LOME",
    "LONDON",
    "LUANDA",
    "LUSAKA",
    "MADRID",
    "MANAGUA",
    "MANILA",
    "MAPUTO",
    "MASERU",
    "MINSK",
    "MONROVIA",
    "MOSCOW",
    "MUSCAT",
    "NAIROBI",
    "NIAMEY",
    "NICOSIA",
    "OSLO",
    "OTTAWA",
    "PARIS",
    "PRAGUE",
    "QUITO",
    "RABAT",
    "RIGA",
    "ROME",
    "SANAA",
    "SEOUL",
    "SOFIA",
    "STOCKHOLM",
    "TALLINN",
    "TASHKENT",
    "TBILISI",
    "TOKYO",
    "TUNIS",
    "VIENNA",
];

/// `n` replies to 06STATE3836 under `dir` (made unless already complete): their ids and
/// files, sorted, the real replies' copies in turn.
pub fn replies(dir: &Path, n: usize) -> Vec<(String, PathBuf)> {
    let marker = dir.join(".complete");
    if std::fs::read_to_string(&marker).is_ok_and(|s| s.trim() == n.to_string()) {
        let mut made: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
            .expect("replies")
            .filter_map(|e| {
                let path = e.ok()?.path();
                let id = path.file_stem()?.to_str()?.to_owned();
                (path.extension()? == "txt").then_some((id, path))
            })
            .collect();
        made.sort();
        return made;
    }
    let manifest = env!("CARGO_MANIFEST_DIR");
    let sources: Vec<(String, &str, &str, &str)> = SOURCES
        .iter()
        .map(|&(id, upper, title)| {
            let text = std::fs::read_to_string(format!("{manifest}/tests/data/tip2006/{id}.txt"))
                .expect("a real reply");
            (text, id, upper, title)
        })
        .collect();
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("old replies removed");
    }
    std::fs::create_dir_all(dir).expect("folder");
    let mut made = Vec::with_capacity(n);
    for (k, station) in STATIONS.iter().enumerate() {
        if made.len() == n {
            break;
        }
        let (text, id, upper, title) = &sources[k % sources.len()];
        let number: String = id
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let new_id = format!("06{station}{number}");
        let path = dir.join(format!("{new_id}.txt"));
        let copy = text
            .replace(&id[2..], &format!("{station}{number}"))
            .replace(upper, station)
            .replace(title, &title_case(station));
        let cable = cablescope::parse::parse(&copy).cable;
        let cites = cable
            .header
            .refs
            .iter()
            .any(|r| r.id.as_deref() == Some("06STATE3836"));
        if cable.id.as_deref() != Some(new_id.as_str()) || !cites {
            eprintln!(
                "replies: a copy of {id} as {new_id} parses as {:?} (cites the tasker: {cites}); \
                 not used",
                cable.id
            );
            continue;
        }
        std::fs::write(&path, copy).expect("written");
        made.push((new_id, path));
    }
    assert_eq!(made.len(), n, "not enough stations for {n} replies");
    std::fs::write(&marker, n.to_string()).expect("marker");
    made
}

/// `ACCRA` → `Accra`.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}
