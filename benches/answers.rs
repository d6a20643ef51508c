//! `cablescope answers` for one key: the 1,095-cable corpus with the five replies to
//! 06STATE3836 added (tests/data), from a loaded corpus (study the tasker: read and parse
//! its replies, rebuild the questionnaire, align, pick the key) and from the folder (load
//! the corpus first, as the command does).
//!
//! Run: `cargo bench --bench answers` (10 samples each).

use std::hint::black_box;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use cablescope::corpus::{self, RefGraph};
use cablescope::tasker::{Key, Study};
use criterion::{Criterion, criterion_group, criterion_main};

/// The vendored corpus and the TIP replies written into `root`.
fn folder(root: &Path) {
    let manifest = env!("CARGO_MANIFEST_DIR");
    let file = std::fs::File::open(format!("{manifest}/tests/data/corpus.tar.gz")).expect("corpus");
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    for entry in archive.entries().expect("tar") {
        let mut entry = entry.expect("entry");
        let name = entry.path().expect("path").to_string_lossy().into_owned();
        if let Some(file) = name.strip_prefix("cables/").filter(|f| f.ends_with(".txt")) {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            std::fs::write(root.join(file), bytes).expect("write");
        }
    }
    for entry in std::fs::read_dir(format!("{manifest}/tests/data/tip2006")).expect("tip") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, root.join(path.file_name().expect("name"))).expect("copy");
        }
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    folder(dir.path());
    let key = Key::parse("23.E").expect("key");
    let loaded = corpus::load(dir.path()).expect("load");
    assert_eq!(loaded.records.len(), 1100);
    let graph = RefGraph::new(&loaded.records);
    let mut g = c.benchmark_group("answers");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("study_and_answers_23E", |b| {
        b.iter(|| {
            let study = Study::load(&loaded.records, &graph, "06STATE3836").expect("cited");
            black_box(study.answers(key))
        });
    });
    g.bench_function("load_folder_study_and_answers_23E", |b| {
        b.iter(|| {
            let loaded = corpus::load(dir.path()).expect("load");
            let graph = RefGraph::new(&loaded.records);
            let study = Study::load(&loaded.records, &graph, "06STATE3836").expect("cited");
            black_box(study.answers(key))
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
