//! Parser throughput with the allocator the `cablescope` binary uses (mimalloc, see
//! `src/main.rs`), so the figures are the program's. `parse_system_alloc` runs the same
//! benchmarks with the system allocator.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "common/parse_bench.rs"]
mod parse_bench;
#[path = "support/vendored.rs"]
mod vendored;

fn bench(c: &mut criterion::Criterion) {
    parse_bench::bench_parse(c, "parse");
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
