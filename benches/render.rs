//! Drawing cost: one frame at 160x50 after a scroll, for the seed cable and for a ~50 MB
//! document (the seed's paragraphs repeated in one in-memory cable), and the time from
//! start to the first complete frame for the seed (parse + build the app + draw), and one
//! incremental-search pass over the 50 MB document; a frame of the seed carrying 10,000
//! annotations (highlights, tree counts, the whole-cable list in the sidebar).
//!
//! Run: `cargo bench --bench render` (short runs: a few seconds per case).

use std::hint::black_box;
use std::time::Duration;

use cablescope::action::{Action, Carried, LoadedAnnotations};
use cablescope::app::{App, Document};
use cablescope::cable::{Cable, CrossRef, Section, XrefTarget};
use cablescope::ui::view::View;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SEED: &str = include_str!("../tests/fixtures/06MEXICO1113.txt");

/// The seed's paragraphs repeated until the clean text reaches `bytes`.
fn big_cable(seed: &Cable, bytes: usize) -> Cable {
    let mut cable = Cable {
        id: seed.id.clone(),
        header: seed.header.clone(),
        page_count: seed.page_count,
        ..Cable::default()
    };
    let per_copy: usize = seed
        .paragraphs
        .iter()
        .map(|p| p.text.len())
        .sum::<usize>()
        .max(1);
    let copies = bytes.div_ceil(per_copy);
    for _ in 0..copies {
        let p0 = cable.paragraphs.len();
        let s0 = cable.sections.len();
        for s in &seed.sections {
            cable.sections.push(Section {
                paragraphs: s.paragraphs.iter().map(|i| i + p0).collect(),
                ..s.clone()
            });
        }
        for p in &seed.paragraphs {
            let mut p = p.clone();
            p.section = p.section.map(|s| s + s0);
            cable.paragraphs.push(p);
        }
        for x in &seed.xrefs {
            let target = match &x.target {
                XrefTarget::Paragraph(i) => XrefTarget::Paragraph(i + p0),
                other => other.clone(),
            };
            cable.xrefs.push(CrossRef {
                paragraph: x.paragraph + p0,
                target,
                ..x.clone()
            });
        }
    }
    cable
}

fn frame_after_scroll(c: &mut Criterion, name: &str, mut app: App) {
    let mut view = View::default();
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("terminal");
    terminal
        .draw(|f| cablescope::ui::render(&app, &mut view, f))
        .expect("draw");
    // What the first draw learnt (the reading pane's size), as the event loop applies it.
    for action in view.feedback(&app) {
        app.update(action);
    }
    c.bench_function(name, |b| {
        b.iter(|| {
            if !app.update(Action::PageDown) {
                app.update(Action::Top);
            }
            terminal
                .draw(|f| cablescope::ui::render(&app, &mut view, f))
                .expect("draw");
            black_box(terminal.backend().buffer().area);
        });
    });
}

fn benches(c: &mut Criterion) {
    let parsed = cablescope::parse::parse(SEED);
    let seed = App::new(Document::new(
        "seed".into(),
        None,
        parsed.cable.clone(),
        SEED.to_owned(),
    ));
    frame_after_scroll(c, "frame_160x50_after_scroll/seed", seed);

    let big = big_cable(&parsed.cable, 50 * 1024 * 1024);
    let paragraphs = big.paragraphs.len();
    let bytes: usize = big.paragraphs.iter().map(|p| p.text.len()).sum();
    eprintln!("big document: {paragraphs} paragraphs, {bytes} bytes of clean text");
    let big = App::new(Document::new("big".into(), None, big, String::new()));
    // One incremental-search keystroke re-runs the query over every paragraph.
    c.bench_function("search_run/50MB", |b| {
        let mut search = cablescope::app::SearchState::default();
        b.iter(|| {
            search.run(&big.doc, black_box("trafficking victims"));
            black_box(search.matches.len());
        });
    });
    frame_after_scroll(c, "frame_160x50_after_scroll/50MB", big);

    // The seed with 10,000 annotations (every paragraph highlighted many times over) and
    // the sidebar listing the whole cable's annotations.
    let mut annotated = App::new(Document::new(
        "seed".into(),
        None,
        parsed.cable.clone(),
        SEED.to_owned(),
    ));
    let flat = cablescope::annotation::FlatText::new(&parsed.cable);
    let mut set = cablescope::annotation::AnnotationSet::new();
    let usable: Vec<usize> = (0..parsed.cable.paragraphs.len())
        .filter(|&i| {
            parsed.cable.paragraphs[i].text.is_ascii() && parsed.cable.paragraphs[i].text.len() > 40
        })
        .collect();
    for k in 0..10_000 {
        let i = usable[k % usable.len()];
        let start = flat.starts[i] + (k * 7) % 30;
        let anchor = flat.anchor_at(&parsed.cable, start..start + 10);
        set.add(anchor, vec![format!("tag{}", k % 12)], String::new());
    }
    annotated.update(Action::AnnotationsLoaded(Carried::new(LoadedAnnotations {
        set,
        recent_tags: Vec::new(),
        notices: Vec::new(),
    })));
    annotated.update(Action::CycleSidebar);
    annotated.update(Action::CycleScope);
    frame_after_scroll(
        c,
        "frame_160x50_after_scroll/seed_10k_annotations",
        annotated,
    );

    c.bench_function("first_frame_160x50/seed", |b| {
        b.iter(|| {
            let mut app = App::from_text("seed", None, black_box(SEED));
            let mut view = View::default();
            let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("terminal");
            // As the event loop does: draw, learn the pane's size, draw at it.
            for _ in 0..2 {
                terminal
                    .draw(|f| cablescope::ui::render(&app, &mut view, f))
                    .expect("draw");
                for action in view.feedback(&app) {
                    app.update(action);
                }
            }
            black_box(terminal.backend().buffer().area);
        });
    });
}

criterion_group! {
    name = render;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(render);
