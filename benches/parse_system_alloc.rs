//! Parser throughput with the system allocator, for comparison with `parse` (which uses
//! the binary's allocator, mimalloc).

#[path = "common/parse_bench.rs"]
mod parse_bench;
#[path = "support/vendored.rs"]
mod vendored;

fn bench(c: &mut criterion::Criterion) {
    parse_bench::bench_parse(c, "parse_system_alloc");
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
