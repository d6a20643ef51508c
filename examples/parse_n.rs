//! Parse a cable file N times (default: the embedded seed, 200 times): a steady workload
//! for `valgrind --tool=callgrind`, whose instruction counts are a steadier measure of
//! the parser's cost than the wall clock on a shared machine.
//!
//! `cargo build --release --example parse_n && valgrind --tool=callgrind
//! target/release/examples/parse_n [FILE] [N]`, then `callgrind_annotate --inclusive=yes`.

fn main() {
    let mut args = std::env::args().skip(1);
    let text = match args.next() {
        Some(path) if path != "-" => std::fs::read_to_string(path).unwrap_or_default(),
        _ => cablescope::EMBEDDED_CABLE.to_owned(),
    };
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let mut definitions = 0;
    for _ in 0..n {
        let mut cable = cablescope::parse::parse(std::hint::black_box(&text)).cable;
        cablescope::parse::find_definitions(&mut cable);
        definitions += cable.definitions.len();
    }
    println!("{definitions} definitions in {n} parses");
}
