//! The vendored real corpus: 1,095 Cablegate cables and their WikiLeaks metadata, read
//! once from `tests/data/corpus.tar.gz` (a copy of the shared corpus, so a fresh clone
//! tests it without `../shared`).

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;

/// One row of `metadata.csv`: ground truth from the cable's WikiLeaks page, not its text.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    /// `2006-06-07 17:05`.
    pub created: String,
    /// `CONFIDENTIAL//NOFORN`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY` …
    pub classification: String,
    /// `Embassy Asuncion`.
    pub origin: String,
    /// The TAGS WikiLeaks linked: the first line of the list only; empty when not linked.
    pub tags: Vec<String>,
}

/// The cables (id → text) and their metadata rows, in id order.
pub struct Corpus {
    pub texts: BTreeMap<String, String>,
    pub meta: Vec<Meta>,
}

impl Corpus {
    /// The text of the cable named `id`.
    pub fn text(&self, id: &str) -> &str {
        self.texts
            .get(id)
            .unwrap_or_else(|| panic!("{id} is not in the vendored corpus"))
    }
}

/// The vendored corpus, unpacked once per test process.
pub fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(load)
}

fn load() -> Corpus {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus.tar.gz");
    let file = std::fs::File::open(path).expect("tests/data/corpus.tar.gz is readable");
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut texts = BTreeMap::new();
    let mut metadata = String::new();
    for entry in archive.entries().expect("a tar archive") {
        let mut entry = entry.expect("a readable tar entry");
        let name = entry
            .path()
            .expect("an entry path")
            .to_string_lossy()
            .into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("entry readable");
        if name == "metadata.csv" {
            metadata = String::from_utf8(bytes).expect("metadata is UTF-8");
        } else if let Some(id) = name
            .strip_prefix("cables/")
            .and_then(|n| n.strip_suffix(".txt"))
        {
            texts.insert(id.to_owned(), String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let mut reader = csv::Reader::from_reader(metadata.as_bytes());
    let meta = reader
        .records()
        .map(|r| {
            let r = r.expect("a metadata row");
            let f = |i| r.get(i).unwrap_or("").to_owned();
            Meta {
                id: f(0),
                created: f(1),
                classification: f(3),
                origin: f(4),
                tags: f(5).split_whitespace().map(str::to_owned).collect(),
            }
        })
        .collect();
    Corpus { texts, meta }
}
