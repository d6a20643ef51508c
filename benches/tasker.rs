//! The tasker targets of issue 15 at Cablegate's scale: the generated 251,287-cable corpus
//! (`support/generate.rs`) with 75 replies to 06STATE3836 added (`support/replies.rs`:
//! the five real replies copied under other posts' names), indexed.
//!
//! - `question_view_75_replies`: what the library does for the question view of 23.E
//!   (from a reply's answer, or `t` then `Enter`): find the tasker and its replies by the
//!   index's `ref:` field, read, parse and align the 75 replies, open the view. Target
//!   ≤ 100 ms.
//! - `answers_in_reader_75_replies`: the library's `r` on that question view: every
//!   answering reply read again, compiled into one document, its notes routed to and read
//!   from each reply's sidecar, the reader opened on it
//!   ([`cablescope::library::study::answers_for_reader`], as the program does it).
//!   `question_in_reader_75_replies` is the whole way from a reply's answer to the reader:
//!   the study, the question view and `r`. Target ≤ 100 ms.
//! - `answers_one_key_251k`: what `cablescope answers DIR 06STATE3836 23.E` does once the
//!   index is up to date: open the index, find the replies, study them, the rows of the
//!   key. Target ≤ 1 s. `answers_with_index_check_251k` adds the index's freshness check
//!   (every file's size and time looked at), which the command runs first.
//!
//! Run: `cargo bench --bench tasker` (the corpus and index are made once, under
//! `target/tmp/bench-tasker-251287/` and `bench-tasker-cache-251287/`, and kept).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/generate.rs"]
mod generate;
#[path = "support/replies.rs"]
mod replies;
#[path = "support/vendored.rs"]
mod vendored;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use cablescope::app::{App, Document};
use cablescope::index::{self, Catalog};
use cablescope::library::TaskerView;
use cablescope::library::study::{answers_for_reader, study_cited, study_tasker};
use cablescope::tui::Notes;
use criterion::{Criterion, criterion_group, criterion_main};

/// Replies to the tasker.
const REPLIES: usize = 75;

fn noop(_: usize, _: usize, _: u64) {}

fn bench(c: &mut Criterion) {
    let n = std::env::var("CABLESCOPE_BENCH_CABLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(generate::CABLEGATE);
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let root = tmp.join(format!("bench-tasker-{n}"));
    let cache = tmp.join(format!("bench-tasker-cache-{n}"));
    generate::corpus(&root, n);
    let made = replies::replies(&root.join("replies"), REPLIES);
    let root = std::fs::canonicalize(&root).expect("corpus folder");
    let started = std::time::Instant::now();
    let update = index::update_in_cache(&cache, &root, &noop).expect("indexed");
    eprintln!(
        "tasker bench: {} files indexed, {} in the index, in {:.1} s",
        update.indexed,
        n + REPLIES,
        started.elapsed().as_secs_f64()
    );
    let catalog = Catalog::open_in_cache(&cache, &root).expect("opens");
    assert_eq!(catalog.entries().len(), n + REPLIES);
    let (id, path) = made.first().cloned().expect("a reply");
    let path = root.join("replies").join(path.file_name().expect("name"));
    // Once, outside the timing: the study holds every reply, and 23.E is a question.
    let study = study_tasker(&catalog, &path, &id).expect("a tasker");
    assert_eq!(study.replies.len(), REPLIES);
    let key = study.resolve("23.E").expect("23.E");
    let view = TaskerView::at(study, key);
    assert_eq!(
        view.question.as_ref().map(|q| q.rows.len() >= REPLIES),
        Some(true)
    );

    let mut g = c.benchmark_group("tasker");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("question_view_75_replies", |b| {
        b.iter(|| {
            let study = study_tasker(&catalog, &path, &id).expect("a tasker");
            black_box(TaskerView::at(study, key))
        });
    });
    // The `r` of the question view, and the whole way there from a reply.
    let in_reader = |view: &TaskerView| {
        let study = &view.study;
        let (compiled, routed, notices) = answers_for_reader(Some(&catalog), study, key);
        let mut app = App::new(Document::compiled(compiled));
        let notes = Notes::attach_routed(&mut app, Box::new(routed), notices);
        (app, notes)
    };
    let (app, _) = in_reader(&view);
    assert_eq!(app.doc.cable.sections.len(), REPLIES + 1);
    g.bench_function("answers_in_reader_75_replies", |b| {
        b.iter(|| black_box(in_reader(&view)));
    });
    g.bench_function("question_in_reader_75_replies", |b| {
        b.iter(|| {
            let study = study_tasker(&catalog, &path, &id).expect("a tasker");
            black_box(in_reader(&TaskerView::at(study, key)))
        });
    });
    g.sample_size(10);
    g.bench_function("answers_one_key_251k", |b| {
        b.iter(|| {
            let catalog = Catalog::open_in_cache(&cache, &root).expect("opens");
            let study = study_cited(&catalog, "06STATE3836").expect("cited");
            let key = study.resolve("23.E").expect("23.E");
            black_box(study.answers(key))
        });
    });
    g.bench_function("answers_with_index_check_251k", |b| {
        b.iter(|| {
            index::update_in_cache(&cache, &root, &noop).expect("up to date");
            let catalog = Catalog::open_in_cache(&cache, &root).expect("opens");
            let study = study_cited(&catalog, "06STATE3836").expect("cited");
            let key = study.resolve("23.E").expect("23.E");
            black_box(study.answers(key))
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
