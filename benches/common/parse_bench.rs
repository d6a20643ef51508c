//! The parser benchmarks shared by `parse` (with the binary's allocator) and
//! `parse_system_alloc` (with the system allocator): the embedded seed cable, ~100 MB
//! of concatenated fixtures built in memory, and the 1,095 cables of the vendored real
//! corpus each parsed on its own (as the program parses a folder's cables). Kept short
//! (few samples) because the build machine has two shared cores.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};

/// The fixtures concatenated until the text is at least `target` bytes.
fn corpus(target: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let mut out = String::with_capacity(target + 1_000_000);
    while out.len() < target && !texts.is_empty() {
        for t in &texts {
            out.push_str(t);
            out.push('\n');
        }
    }
    out
}

/// A parse followed by the acronym definitions pass.
fn with_definitions(text: &str) -> cablescope::cable::Cable {
    let mut cable = cablescope::parse::parse(text).cable;
    cablescope::parse::find_definitions(&mut cable);
    cable
}

/// The time the definitions pass takes right after each parse of `texts`, `rounds`
/// times over.
fn definitions_after_parse<T: AsRef<str>>(texts: &[T], rounds: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..rounds {
        for text in texts {
            let mut cable = cablescope::parse::parse(black_box(text.as_ref())).cable;
            let start = std::time::Instant::now();
            cablescope::parse::find_definitions(black_box(&mut cable));
            total += start.elapsed();
            drop(black_box(cable));
        }
    }
    total
}

/// The parse benchmarks, in a group named `group`.
pub fn bench_parse(c: &mut Criterion, group: &str) {
    let seed = cablescope::EMBEDDED_CABLE;
    let mut g = c.benchmark_group(group);
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("seed", |b| {
        b.iter(|| cablescope::parse::parse(black_box(seed)))
    });
    // The same with the acronym definitions pass (`Source::parse` runs both): the
    // difference is what the glossary adds to a parse.
    g.bench_function("seed_with_definitions", |b| {
        b.iter(|| with_definitions(black_box(seed)))
    });
    // The pass alone, on the cable parsed once: what it costs, measured directly rather
    // than as the difference of two benchmarks run seconds apart.
    let mut parsed = cablescope::parse::parse(seed).cable;
    g.bench_function("seed_definitions_only", |b| {
        b.iter(|| cablescope::parse::find_definitions(black_box(&mut parsed)))
    });
    // The pass timed right after each parse, as the program runs it (the parse untimed):
    // run again and again on one cable the pass finds its branches predicted and its
    // code in cache, which after a parse it does not. Its iterations last a parse each
    // while reporting the pass only, so its measurement time is short.
    g.warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(300));
    g.bench_function("seed_definitions_after_parse", |b| {
        b.iter_custom(|rounds| definitions_after_parse(&[seed], rounds))
    });
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let big = corpus(100 * 1024 * 1024);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("fixtures_100MB", |b| {
        b.iter(|| cablescope::parse::parse(black_box(&big)))
    });
    g.bench_function("fixtures_100MB_with_definitions", |b| {
        b.iter(|| with_definitions(black_box(&big)))
    });
    let mut parsed = cablescope::parse::parse(&big).cable;
    g.bench_function("fixtures_100MB_definitions_only", |b| {
        b.iter(|| cablescope::parse::find_definitions(black_box(&mut parsed)))
    });
    drop(parsed);
    let cables: Vec<String> = super::vendored::cables()
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    assert_eq!(cables.len(), 1095, "the vendored corpus");
    g.throughput(Throughput::Bytes(
        cables.iter().map(|c| c.len() as u64).sum(),
    ));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("corpus_1095", |b| {
        b.iter(|| {
            for c in &cables {
                black_box(cablescope::parse::parse(black_box(c)));
            }
        })
    });
    g.bench_function("corpus_1095_with_definitions", |b| {
        b.iter(|| {
            for c in &cables {
                black_box(with_definitions(black_box(c)));
            }
        })
    });
    let mut parsed: Vec<_> = cables
        .iter()
        .map(|c| cablescope::parse::parse(c).cable)
        .collect();
    g.bench_function("corpus_1095_definitions_only", |b| {
        b.iter(|| {
            for c in &mut parsed {
                cablescope::parse::find_definitions(black_box(c));
            }
        })
    });
    g.warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(800));
    g.bench_function("corpus_1095_definitions_after_parse", |b| {
        b.iter_custom(|rounds| definitions_after_parse(&cables, rounds))
    });
    g.finish();
}
