//! The first screen of a 100 MB file of concatenated cables (issue 14, "Measured": ≤ 0.2 s,
//! the rest arriving in the background).
//!
//! `cargo bench --bench many_file`. The file is the vendored real cables
//! (`tests/data/corpus.tar.gz`) one after another, repeated to 100 MB, written once to
//! `target/tmp/many-100mb.txt`. Each run is what `cablescope FILE` does before the list is
//! drawn, on a first open (no index yet): decide that the file holds many cables, split
//! its start and index the first cables up to the first commit (the background thread's
//! share), then open that commit and draw the library (the screen's share). The index
//! goes into a fresh cache folder each run; the update stops after its first commit.
//! Besides criterion's estimate, the median and 95th percentile of every run are printed.

#[path = "support/vendored.rs"]
mod vendored;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cablescope::action::Carried;
use cablescope::index::{self, Catalog};
use cablescope::library::{LibAction, Library};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The file's size.
const SIZE: usize = 100_000_000;

/// The concatenation, made once.
fn file() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("many-100mb.txt");
    if std::fs::metadata(&path).is_ok_and(|m| m.len() >= SIZE as u64) {
        return path;
    }
    let cables = vendored::cables();
    let mut all = Vec::with_capacity(SIZE + 20_000_000);
    while all.len() < SIZE {
        for (_, bytes) in &cables {
            all.extend_from_slice(bytes);
            all.push(b'\n');
        }
    }
    std::fs::write(&path, &all).expect("written");
    path
}

/// One first screen; returns its time.
fn first_screen(file: &Path, cache: &Path) -> Duration {
    let _ = std::fs::remove_dir_all(cache);
    let started = Instant::now();
    assert!(cablescope::split::holds_many(file));
    let first_commit = Mutex::new(None);
    index::update_in_cache_with(cache, file, &|_, _, _| {}, &|| {
        if let Ok(mut at) = first_commit.lock() {
            *at = Some(started.elapsed());
        }
        false
    })
    .expect("indexed");
    let background = first_commit.into_inner().expect("lock").expect("committed");
    let opened = Instant::now();
    let catalog = Catalog::open_in_cache(cache, file).expect("opens");
    let mut lib = Library::new(file);
    lib.update(LibAction::CatalogOpened(Carried::new(catalog)));
    assert!(lib.rows.len() >= index::many::FIRST_BATCH);
    let theme = cablescope::ui::theme::Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("terminal");
    terminal
        .draw(|f| {
            cablescope::ui::library::render_library(&lib, &theme, f);
        })
        .expect("draw");
    background + opened.elapsed()
}

fn benches(c: &mut Criterion) {
    let file = file();
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("many-100mb-cache");
    let mut all = Vec::new();
    c.bench_function("first screen of a 100 MB concatenation", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    let t = first_screen(&file, &cache);
                    all.push(t);
                    t
                })
                .sum()
        });
    });
    all.sort();
    let at = |q: f64| all[((all.len() - 1) as f64 * q).round() as usize];
    println!(
        "first screen over {} runs: median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        all.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&cache);
}

criterion_group! {
    name = many_file;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(many_file);
