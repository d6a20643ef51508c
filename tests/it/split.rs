//! The cables inside one file ([`cablescope::split`]): a concatenation of the vendored
//! real cables splits into exactly those cables; the CSV sample into its records.

use std::path::{Path, PathBuf};

use cablescope::corpus::load::piece_record;
use cablescope::split::{Layout, Pieces, holds_many, read_piece};

/// The vendored cables, in id order, written one after another (`cat` of files that end
/// with a line end) into `dir/all.txt`; returns the path and where each cable starts.
pub fn concatenation(dir: &Path) -> (PathBuf, Vec<(String, u64)>) {
    let corpus = super::corpus::corpus();
    let mut all = String::new();
    let mut starts = Vec::new();
    for (id, text) in &corpus.texts {
        starts.push((id.clone(), all.len() as u64));
        all.push_str(text);
        all.push('\n');
    }
    let path = dir.join("all.txt");
    std::fs::write(&path, all).expect("write the concatenation");
    (path, starts)
}

#[test]
fn a_concatenation_of_the_real_corpus_splits_into_its_cables() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, truth) = concatenation(dir.path());
    let pieces: Vec<_> = Pieces::open(&path)
        .expect("opens")
        .map(|p| p.expect("every piece reads"))
        .collect();
    let found: Vec<u64> = pieces.iter().map(|p| p.range.start).collect();
    let expected: Vec<u64> = truth.iter().map(|(_, at)| *at).collect();
    // The one miss: 03ABUDHABI2641 is a CSV export whose text begins `null` and a TELEGRAM
    // summary (with its TAGS) before its transmission header, so no header block opens it;
    // its summary stays with the cable above and it starts at its `VZCZCADI319`.
    let abu = truth
        .iter()
        .position(|(id, _)| id == "03ABUDHABI2641")
        .expect("in the corpus");
    let at_vzczc = truth[abu].1
        + super::corpus::corpus()
            .text("03ABUDHABI2641")
            .find("\nVZCZCADI319")
            .expect("its transmission id") as u64
        + 1;
    let mut expected_found = expected.clone();
    expected_found[abu] = at_vzczc;
    assert_eq!(found.len(), expected.len());
    let wrong: Vec<(usize, u64, u64)> = found
        .iter()
        .zip(&expected_found)
        .enumerate()
        .filter(|(_, (f, e))| f != e)
        .map(|(i, (f, e))| (i, *f, *e))
        .collect();
    assert!(wrong.is_empty(), "starts that differ: {wrong:?}");
    // Ranges tile the file and every piece parses to the cable it is (ids exact).
    let size = std::fs::metadata(&path).expect("stat").len();
    assert_eq!(pieces.last().map(|p| p.range.end), Some(size));
    assert!(
        pieces
            .windows(2)
            .all(|w| w[0].range.end == w[1].range.start)
    );
    // Each piece is its cable's text (and the line end that followed it).
    let corpus = super::corpus::corpus();
    for (piece, (id, _)) in pieces.iter().zip(&truth) {
        if id != "03ABUDHABI2641" && truth.get(abu - 1).is_none_or(|(p, _)| p != id) {
            assert_eq!(piece.text, format!("{}\n", corpus.text(id)), "{id}");
        }
    }
    // Ids: what each cable's text says, as the reader reads the cable alone without its
    // file name. The text names the cable for all but the partial extracts and old print
    // formats whose id the parser takes from the file name (a piece has none; it is
    // listed as `@OFFSET`), and two whose text is another cable's.
    let ids: Vec<String> = pieces.iter().map(|p| piece_record(&path, p).id).collect();
    let unnamed: Vec<&String> = ids.iter().filter(|id| id.starts_with('@')).collect();
    let other: Vec<(&String, &String)> = ids
        .iter()
        .zip(truth.iter().map(|(id, _)| id))
        .filter(|(found, id)| !found.starts_with('@') && found != id)
        .collect();
    let alone: Vec<String> = truth
        .iter()
        .map(|(id, at)| {
            let hints = cablescope::parse::Hints { name: None };
            let parsed = cablescope::parse::parse_with(corpus.text(id), &hints);
            parsed.cable.id.unwrap_or_else(|| format!("@{at}"))
        })
        .collect();
    let differ: Vec<(usize, &String, &String)> = ids
        .iter()
        .zip(&alone)
        .enumerate()
        .filter(|(i, (a, b))| a != b && *i != abu && *i + 1 != abu)
        .map(|(i, (a, b))| (i, a, b))
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
    assert_eq!(ids[abu], "03ABUDHABI2641");
    assert_eq!(unnamed.len(), 74);
    assert_eq!(
        other,
        [
            (&"09MOSCOW512".to_owned(), &"09HAVANA132".to_owned()),
            (&"88STATE68250".to_owned(), &"88BAGHDAD28".to_owned())
        ]
    );
}

#[test]
fn a_piece_reads_again_by_its_range() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, _) = concatenation(dir.path());
    let tenth = Pieces::open(&path)
        .expect("opens")
        .nth(9)
        .expect("ten cables")
        .expect("reads");
    let again = read_piece(&path, &tenth.range).expect("reads again");
    assert_eq!(again.text, tenth.text);
    assert!(holds_many(&path));
}

#[test]
fn one_real_cable_is_one_piece() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("06MOSCOW5740.txt");
    std::fs::write(&path, super::corpus::corpus().text("06MOSCOW5740")).expect("write");
    assert!(!holds_many(&path));
    // Every vendored cable alone is one piece but 03ABUDHABI2641 (see above: its
    // TELEGRAM summary and its transmission header read as two).
    let many: Vec<&String> = super::corpus::corpus()
        .texts
        .iter()
        .filter(|(_, text)| {
            std::fs::write(&path, text).expect("write");
            holds_many(&path)
        })
        .map(|(id, _)| id)
        .collect();
    assert_eq!(many, ["03ABUDHABI2641"]);
}

#[test]
fn alx_cables_one_after_another_split_with_their_metadata() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/alx");
    let ids = ["08DILI134", "08DUBLIN282", "08HELSINKI224", "08KIGALI319"];
    let mut all = Vec::new();
    let mut starts = Vec::new();
    for id in ids {
        starts.push(all.len() as u64);
        all.extend(std::fs::read(fixtures.join(format!("{id}.txt"))).expect("fixture"));
        all.push(b'\n');
    }
    let path = dir.path().join("alx.txt");
    std::fs::write(&path, &all).expect("write");
    let pieces: Vec<_> = Pieces::open(&path)
        .expect("opens")
        .map(|p| p.expect("reads"))
        .collect();
    let found: Vec<u64> = pieces.iter().map(|p| p.range.start).collect();
    assert_eq!(found, starts, "each cable starts at its id line");
    let found_ids: Vec<String> = pieces.iter().map(|p| piece_record(&path, p).id).collect();
    assert_eq!(found_ids, ids);
}

#[test]
fn the_csv_sample_splits_into_its_records() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cables-sample.csv");
    let pieces = Pieces::open(&path).expect("opens");
    assert_eq!(pieces.layout(), Layout::Csv);
    let pieces: Vec<_> = pieces.map(|p| p.expect("reads")).collect();
    let ids: Vec<String> = pieces.iter().map(|p| piece_record(&path, p).id).collect();
    assert_eq!(ids, SAMPLE_IDS);
    let again = read_piece(&path, &pieces[1].range).expect("reads again");
    assert_eq!(again.text, pieces[1].text);
    assert_eq!(again.name.as_deref(), Some(SAMPLE_IDS[1]));
}

/// The ids of `tests/data/cables-sample.csv`, in file order.
pub const SAMPLE_IDS: &[&str] = &[
    "03ABUDHABI2641",
    "04BRASILIA2263",
    "04MADRID1731",
    "05ANKARA3199",
    "05MADRID2478",
    "05PARIS4760",
    "06LAPAZ417",
    "06MADRID293",
    "06PARIS5975",
    "06PARIS7579",
    "07ANKARA1091",
    "07MOSCOW4599",
    "07PARIS743",
    "08ANKARA1643",
    "08BEIJING4687",
    "08BRASILIA236",
    "08CASABLANCA81",
    "08KUWAIT128",
    "08LAPAZ1667",
    "08LONDON2181",
    "08LONDON2211",
    "08MADRID795",
    "08MOSCOW3343",
    "08MUSCAT174",
    "08RIODEJANEIRO171",
    "08RIYADH1541",
    "08STATE15220",
    "08TBILISI1341",
    "09ABUDHABI347",
    "09ABUDHABI744",
    "09BELGRADE841",
    "09BERLIN1197",
    "09BERLIN406",
    "09BRASILIA1411",
    "09CAIRO746",
    "09DOHA644",
    "09ISLAMABAD2295",
    "09ISLAMABAD284",
    "09ISLAMABAD516",
    "09KABUL1874",
    "09KABUL3423",
    "09KABUL4027",
    "09LUANDA51",
    "09MANAMA642",
    "09NAIROBI1057",
    "09PARIS1039",
    "09PARIS1349",
    "09PRETORIA2245",
    "09RIYADH1667",
    "09RIYADH716",
    "09SANAA2040",
    "09STATE34394",
    "09STATE68250",
    "10ABUDHABI97",
    "10BRASILIA43",
    "10BRUSSELS186",
    "10CARACAS147",
    "10KABUL436",
    "10KABUL467",
    "10WARSAW94",
];
