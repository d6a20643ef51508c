//! The vendored real cables (`tests/data/corpus.tar.gz`, the shared corpus's 1,095), read
//! in memory: the one reader of the archive for the benchmarks built on them.

use std::io::Read;

/// Each cable's id (its file name without `.txt`) and bytes, in id order.
pub fn cables() -> Vec<(String, Vec<u8>)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus.tar.gz");
    let file = std::fs::File::open(path).expect("tests/data/corpus.tar.gz is readable");
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut out = Vec::new();
    for entry in archive.entries().expect("a tar archive") {
        let mut entry = entry.expect("an entry");
        let name = entry.path().expect("a path").to_string_lossy().into_owned();
        let Some(id) = name
            .strip_prefix("cables/")
            .and_then(|n| n.strip_suffix(".txt"))
        else {
            continue;
        };
        let id = id.to_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("readable");
        out.push((id, bytes));
    }
    out.sort();
    out
}
