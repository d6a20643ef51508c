//! The corpus index at Cablegate's scale (issue 14, "Measured"): a bench binary, not
//! criterion, because its figures are one-off builds, percentiles and peak memory.
//!
//! `cargo bench --bench corpus_index -- [STEP…]` with steps `build`, `size`, `reopen`,
//! `reindex`, `open`, `query`, `fuzzy` (all when none). The corpus (251,287 cables, or
//! `CABLESCOPE_BENCH_CABLES`) is generated once from the vendored real cables
//! (`support/generate.rs`) into `target/tmp/bench-corpus-N/` and kept; the index goes into
//! `target/tmp/bench-cache-N/`. Peak memory is the process's high-water mark (`VmHWM`),
//! so run `build` alone to measure the build's.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/generate.rs"]
mod generate;
#[path = "support/vendored.rs"]
mod vendored;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cablescope::action::Carried;
use cablescope::index::{self, Catalog, Filters, FuzzyFilter, Haystacks, Query, fuzzy_filter};
use cablescope::library::{LibAction, Library};

fn main() {
    let steps: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let want = |s: &str| steps.is_empty() || steps.iter().any(|x| x == s);
    let n = std::env::var("CABLESCOPE_BENCH_CABLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(generate::CABLEGATE);
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let root = tmp.join(format!("bench-corpus-{n}"));
    let cache = tmp.join(format!("bench-cache-{n}"));
    let raw = generate::corpus(&root, n);
    let root = std::fs::canonicalize(&root).expect("corpus folder");
    println!("corpus: {n} cables, {:.1} MB of text", raw as f64 / 1e6);

    if want("build") || index::Catalog::open_in_cache(&cache, &root).is_err() {
        build(&cache, &root, raw);
    }
    if want("size") {
        size(&cache, &root, raw);
    }
    if want("reopen") {
        reopen(&cache, &root);
    }
    if want("reindex") {
        reindex(&cache, &root);
    }
    if want("open") {
        first_screen(&cache, &root);
    }
    let catalog = Catalog::open_in_cache(&cache, &root).expect("opens");
    if want("query") {
        queries(&catalog);
    }
    if want("fuzzy") {
        fuzzy(&catalog);
    }
    println!("peak memory of this run (VmHWM): {} MB", peak_mb());
}

fn noop(_: usize, _: usize, _: u64) {}

/// A full build from nothing.
fn build(cache: &Path, root: &Path, raw: u64) {
    let dir = index::index_dir_in(cache, root);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("old index removed");
    }
    let t = Instant::now();
    let u = index::update_in_cache(cache, root, &noop).expect("built");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "build: {} files indexed in {secs:.1} s ({:.0} files/s, {:.1} MB/s); peak memory so far {} MB (target: ≤ 120 s, ≤ 1024 MB)",
        u.indexed,
        u.indexed as f64 / secs,
        raw as f64 / 1e6 / secs,
        peak_mb()
    );
}

/// The index's size against the text's.
fn size(cache: &Path, root: &Path, raw: u64) {
    let dir = index::index_dir_in(cache, root);
    let bytes: u64 = std::fs::read_dir(&dir)
        .expect("index folder")
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "size: index {:.1} MB, text {:.1} MB: {:.1}% (target: ≤ 50%)",
        bytes as f64 / 1e6,
        raw as f64 / 1e6,
        100.0 * bytes as f64 / raw as f64
    );
}

/// `update` of an unchanged folder and `Catalog::open`, together and each.
fn reopen(cache: &Path, root: &Path) {
    let (mut times, mut updates, mut opens) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let t = Instant::now();
        let u = index::update_in_cache(cache, root, &noop).expect("updated");
        assert_eq!(u.indexed, 0);
        let updated = t.elapsed();
        let c = Catalog::open_in_cache(cache, root).expect("opens");
        std::hint::black_box(c.entries().len());
        times.push(t.elapsed());
        updates.push(updated);
        opens.push(t.elapsed() - updated);
    }
    report("reopen unchanged (update + open)", &mut times, 2000.0);
    report(
        "  of which update (list, stat, manifest)",
        &mut updates,
        f64::INFINITY,
    );
    report("  of which Catalog::open", &mut opens, f64::INFINITY);
}

/// 100 files changed, then `update`.
fn reindex(cache: &Path, root: &Path) {
    let files = generate::files(root);
    let step = files.len() / 100;
    let mut times = Vec::new();
    for run in 0..5 {
        for p in files.iter().step_by(step.max(1)).take(100) {
            let mut text = std::fs::read_to_string(p).expect("read");
            text.push_str(&format!("\nBENCH EDIT {run}\n"));
            std::fs::write(p, text).expect("written");
        }
        let t = Instant::now();
        let u = index::update_in_cache(cache, root, &noop).expect("updated");
        times.push(t.elapsed());
        assert_eq!(u.indexed, 100);
    }
    report("re-index 100 changed files", &mut times, 1000.0);
}

/// The library's first screen once the index exists, as `cablescope DIR` draws it: open the
/// index, hand it to the library (the blank query's matches, facet counts, rows sorted by
/// date) and render a 120×30 screen; with the open alone as a sub-figure.
fn first_screen(cache: &Path, root: &Path) {
    let theme = cablescope::ui::theme::Theme::default();
    let (mut times, mut opens) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let t = Instant::now();
        let c = Catalog::open_in_cache(cache, root).expect("opens");
        opens.push(t.elapsed());
        let mut lib = Library::new(root);
        lib.update(LibAction::CatalogOpened(Carried::new(c)));
        let mut term =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).expect("terminal");
        term.draw(|f| {
            std::hint::black_box(cablescope::ui::library::render_library(&lib, &theme, f));
        })
        .expect("drawn");
        times.push(t.elapsed());
    }
    // The first is the one a user waits for: a new process, its memory not yet touched.
    println!(
        "library first screen, the process's first: {:.1} ms (of which Catalog::open {:.1} ms)",
        times[0].as_secs_f64() * 1e3,
        opens[0].as_secs_f64() * 1e3
    );
    report(
        "library first screen (open + query + sort + render)",
        &mut times,
        300.0,
    );
    report("  of which Catalog::open", &mut opens, f64::INFINITY);
}

/// Realistic queries, with facet counts; p95 over all runs.
fn queries(catalog: &Catalog) {
    let entries = catalog.entries();
    let first = entries.first().map_or(String::new(), |e| e.id.clone());
    let middle = entries
        .get(entries.len() / 2)
        .map_or(String::new(), |e| e.id.clone());
    let (cited, one) = (format!("ref:{first}"), format!("id:{middle}"));
    let texts = [
        "",
        "trafficking",
        "trafficking victims",
        "\"trafficking in persons\"",
        "human rights -tag:PHUM",
        "tag:KTIP",
        "tag:PREL from:paris",
        "from:mexico year:2005..2007",
        "class:secret iran",
        "date:2006-03",
        "sarkozy OR chirac",
        "subject:elections",
        cited.as_str(),
        one.as_str(),
        "oil gas pipeline",
        "year:1990..2000 embassy",
    ];
    let mut times = Vec::new();
    let mut counts = Vec::new();
    for round in 0..5 {
        for text in texts {
            let q = Query {
                text: text.to_owned(),
                lenient: true,
                filters: if round % 2 == 1 {
                    Filters {
                        year: Some(2006),
                        ..Filters::default()
                    }
                } else {
                    Filters::default()
                },
            };
            let t = Instant::now();
            let r = catalog.query(&q).expect("runs");
            std::hint::black_box(&r.facets);
            times.push(t.elapsed());
            if round == 0 {
                counts.push(format!("{text:?}: {}", r.matches.len()));
            }
        }
    }
    println!("query matches: {}", counts.join(", "));
    report("query + facet counts", &mut times, 50.0);
    // The snippet of the best match, read from its file.
    let q = Query {
        text: "trafficking victims".to_owned(),
        ..Query::default()
    };
    let r = catalog.query(&q).expect("runs");
    let mut times = Vec::new();
    for m in r.matches.iter().take(20) {
        let t = Instant::now();
        std::hint::black_box(catalog.snippet(m.entry, &q));
        times.push(t.elapsed());
    }
    report("snippet from the file", &mut times, f64::INFINITY);
}

/// Typing an id and subject words, one key at a time: the stateless filter (every entry
/// at each key) and `FuzzyFilter` (a key added narrows the last matches; one for all the
/// words, as the library keeps one, prepared as `f` prepares it).
fn fuzzy(catalog: &Catalog) {
    let entries = catalog.entries();
    let typed = entries
        .get(entries.len() / 2)
        .map_or("08PARIS1568", |e| e.id.as_str());
    let words = [typed, "trafficking", "paris sarkozy"];
    // Made once per catalog, when `f` opens the filter line (as the library does).
    let t = Instant::now();
    let haystacks = Haystacks::new(entries);
    println!(
        "fuzzy haystacks (subjects folded to ASCII, once, at `f`): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut times = Vec::new();
    let mut typing = Vec::new();
    let mut state = FuzzyFilter::default();
    state.prepare(entries);
    for word in words {
        for end in 1..=word.len() {
            let Some(prefix) = word.get(..end) else {
                continue;
            };
            let t = Instant::now();
            let found = fuzzy_filter(entries, &haystacks, prefix);
            times.push(t.elapsed());
            let t = Instant::now();
            let narrowed = state.filter(entries, prefix);
            typing.push(t.elapsed());
            assert_eq!(found, narrowed);
            if end == word.len() {
                println!("fuzzy {word:?}: {} matches", found.len());
            }
        }
    }
    report("fuzzy_filter per keystroke (every entry)", &mut times, 16.0);
    report("FuzzyFilter per keystroke (typing)", &mut typing, 16.0);
}

/// Print min, median, p95 and max of `times` against a target in ms.
fn report(what: &str, times: &mut [Duration], target_ms: f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what}: n={} min {:.1} ms, median {:.1} ms, p95 {:.1} ms, max {:.1} ms (target: ≤ {target_ms} ms)",
        times.len(),
        ms(times[0]),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(times[times.len() - 1]),
    );
}

/// The process's peak resident memory, in MB.
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
