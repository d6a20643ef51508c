//! `cablescope answers` for one key: the 1,095-cable corpus with the five replies to
//! 06STATE3836 added (tests/data), from a loaded corpus (study the tasker: read and parse
//! its replies, rebuild the questionnaire, align, pick the key) and from the folder (load
//! the corpus first, as the command does).
//!
//! Run: `cargo bench --bench answers` (10 samples each).

#[path = "support/vendored.rs"]
mod vendored;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use cablescope::corpus::{self, RefGraph};
use cablescope::tasker::{Key, Study};
use criterion::{Criterion, criterion_group, criterion_main};

/// The vendored corpus and the TIP replies written into `root`.
fn folder(root: &Path) {
    let manifest = env!("CARGO_MANIFEST_DIR");
    for (id, bytes) in vendored::cables() {
        std::fs::write(root.join(format!("{id}.txt")), bytes).expect("write");
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
