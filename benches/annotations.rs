//! Annotation speed on the seed cable (06MEXICO1113) with 10,000 annotations:
//! load + re-anchor when the source is unchanged (target < 100 ms), when every paragraph
//! has moved (target < 1 s), and save (target < 50 ms).
//!
//! Run: `cargo bench --bench annotations` (short runs: 10 samples each).

use std::hint::black_box;
use std::time::Duration;

use cablescope::annotation::{Anchor, Annotation, AnnotationSet, text_hash};
use cablescope::cable::Cable;
use cablescope::store::{Store, format};
use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

const N: usize = 10_000;

/// `N` annotations spread over the seed's paragraphs (a fixed pseudo-random sequence).
fn annotations(cable: &Cable) -> AnnotationSet {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let usable: Vec<usize> = (0..cable.paragraphs.len())
        .filter(|&i| cable.paragraphs[i].text.len() > 40)
        .collect();
    let t0 = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("time");
    let tags = ["victims", "police", "ngo", "prosecution", "corruption"];
    let mut items = Vec::with_capacity(N);
    let mut made = 0;
    while made < N {
        let i = usable[(next() as usize) % usable.len()];
        let text = &cable.paragraphs[i].text;
        let len = 20 + (next() as usize) % 60;
        let mut s = (next() as usize) % (text.len() - len.min(text.len() - 1));
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = (s + len).min(text.len());
        while !text.is_char_boundary(e) {
            e -= 1;
        }
        let Ok(anchor) = Anchor::from_selection(cable, i, s..e) else {
            continue;
        };
        items.push(Annotation::with_id(
            format!("{made:016x}"),
            anchor,
            vec![tags[made % tags.len()].to_owned()],
            format!("note {made}"),
            t0,
        ));
        made += 1;
    }
    AnnotationSet::from_parts(items, Vec::new(), None, Default::default()).0
}

fn bench(c: &mut Criterion) {
    let source = cablescope::EMBEDDED_CABLE;
    let cable = cablescope::parse::parse(source).cable;
    let hash = text_hash(source);
    let mut set = annotations(&cable);
    set.reanchor(&cable, &hash);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("seed.txt.annotations.ron");
    Store::at(path.clone(), None, "seed")
        .save(&mut set)
        .expect("save");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("sidecar with {N} annotations: {size} bytes");

    // Every paragraph moved: text inserted at the start of each, and a new first
    // paragraph that renumbers all the numbered ones.
    let mut moved = cable.clone();
    for p in &mut moved.paragraphs {
        p.text.insert_str(0, "[Moved] ");
        p.number = p.number.map(|n| n + 1);
    }
    let mut first = moved.paragraphs[0].clone();
    first.number = Some(1);
    first.text = "A new first paragraph.".to_owned();
    moved.paragraphs.insert(0, first);

    let mut g = c.benchmark_group("annotations_10k");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("load_reanchor_unchanged", |b| {
        b.iter(|| {
            let mut set = Store::at(path.clone(), None, "seed").load().set;
            let r = set.reanchor(&cable, &hash);
            assert_eq!(r.exact(), N);
            black_box(r)
        });
    });
    g.bench_function("load_reanchor_all_moved", |b| {
        b.iter(|| {
            let mut set = Store::at(path.clone(), None, "seed").load().set;
            let r = set.reanchor(&moved, "changed");
            assert_eq!(r.moved(), N);
            black_box(r)
        });
    });
    // The worst case: the notes of another cable, so every step of the cascade runs,
    // the approximate search included, and (nearly) everything ends orphaned.
    let other = cablescope::parse::parse(include_str!("../tests/fixtures/09STATE80163.txt")).cable;
    g.bench_function("load_reanchor_wrong_cable", |b| {
        b.iter(|| {
            let mut set = Store::at(path.clone(), None, "seed").load().set;
            black_box(set.reanchor(&other, "other"))
        });
    });
    let text = std::fs::read_to_string(&path).expect("read");
    g.bench_function("decode_only", |b| {
        b.iter(|| black_box(format::decode(&text).expect("decode")));
    });
    g.bench_function("encode_only", |b| {
        b.iter(|| black_box(format::encode(&set, "seed")));
    });
    let mut store = Store::at(path.clone(), None, "seed");
    let mut loaded = store.load().set;
    g.bench_function("save", |b| {
        b.iter(|| store.save(&mut loaded).expect("save"));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
