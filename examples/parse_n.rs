//! Parse a cable file N times (default: the embedded seed, 200 times), or each cable file
//! of a folder N times, one parse a file (as the program parses a folder's cables): a steady workload
//! for `valgrind --tool=callgrind`, whose instruction counts are a steadier measure of
//! the parser's cost than the wall clock on a shared machine.
//!
//! `cargo build --release --example parse_n && valgrind --tool=callgrind
//! target/release/examples/parse_n [FILE] [N]`, then `callgrind_annotate --inclusive=yes`.
//! `parse_n FILE N parse-only` leaves the definitions pass out, so that `perf stat` can
//! compare the two in cycles. It allocates with mimalloc, as the `cablescope` binary does (`src/main.rs`), so the
//! counts are the program's.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let texts: Vec<String> = match args.next() {
        Some(path) if path != "-" && std::path::Path::new(&path).is_dir() => {
            let mut files: Vec<_> = std::fs::read_dir(&path)
                .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            files
                .iter()
                .filter_map(|p| std::fs::read(p).ok())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .collect()
        }
        Some(path) if path != "-" => vec![std::fs::read_to_string(path).unwrap_or_default()],
        _ => vec![cablescope::EMBEDDED_CABLE.to_owned()],
    };
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    // `parse-only` leaves the definitions pass out, for a comparison in cycles
    // (`perf stat`).
    let definitions_pass = args.next().as_deref() != Some("parse-only");
    let mut definitions = 0;
    for _ in 0..n {
        for text in &texts {
            let mut cable = cablescope::parse::parse(std::hint::black_box(text)).cable;
            if definitions_pass {
                cablescope::parse::find_definitions(&mut cable);
            }
            definitions += cable.definitions.len();
        }
    }
    println!(
        "{definitions} definitions in {n} rounds of {} files",
        texts.len()
    );
}
