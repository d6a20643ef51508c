//! What a cable opened from the library waits for its corpus definitions (issue 16), at
//! Cablegate's scale: the generated corpus and index of `corpus_index` (251,287 cables,
//! or `CABLESCOPE_BENCH_CABLES`; made first when missing). For a cable of each of the
//! three posts with the most cables, the files to read are chosen from the index's
//! entries ([`gather::definers`], on the screen's thread) and read into the glossary
//! ([`gather::gather`], in the background), 10 times each.
//!
//!   cargo bench --bench glossary_gather

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/generate.rs"]
mod generate;
#[path = "support/vendored.rs"]
mod vendored;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use cablescope::glossary::gather;
use cablescope::index::{self, Catalog};

fn main() {
    let n = std::env::var("CABLESCOPE_BENCH_CABLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(generate::CABLEGATE);
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let root = tmp.join(format!("bench-corpus-{n}"));
    let cache = tmp.join(format!("bench-cache-{n}"));
    generate::corpus(&root, n);
    let root = std::fs::canonicalize(&root).expect("corpus folder");
    let catalog = Catalog::open_in_cache(&cache, &root).unwrap_or_else(|_| {
        index::update_in_cache(&cache, &root, &|_, _, _| {}).expect("built");
        Catalog::open_in_cache(&cache, &root).expect("opens")
    });
    let entries = catalog.entries();
    let mut posts: HashMap<&str, usize> = HashMap::new();
    for e in entries {
        *posts.entry(e.origin.as_deref().unwrap_or("")).or_default() += 1;
    }
    let mut posts: Vec<_> = posts.into_iter().filter(|p| !p.0.is_empty()).collect();
    posts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("corpus: {} cables, {} posts", entries.len(), posts.len());
    for (post, count) in posts.iter().take(3) {
        let e = entries
            .iter()
            .find(|e| e.origin.as_deref() == Some(post))
            .expect("a cable of the post");
        let source = cablescope::source::read(&e.path).expect("readable");
        let cable = source.parse().cable;
        let (mut choose, mut read) = (Vec::new(), Vec::new());
        let mut n = 0;
        for _ in 0..10 {
            let t = Instant::now();
            let scope = gather::scope_of(entries, &cable, Some(&e.path));
            let chosen = gather::definers(entries, &scope, &cable, Some(&e.path));
            choose.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(gather::gather(&chosen, &scope));
            read.push(t.elapsed());
            n = chosen.len();
        }
        println!("{post} ({count} cables), {n} read:");
        report("  choose the files (screen thread)", &mut choose);
        report("  read them into the glossary (background)", &mut read);
    }
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what}: n={} min {:.1} ms, median {:.1} ms, max {:.1} ms",
        times.len(),
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    );
}
