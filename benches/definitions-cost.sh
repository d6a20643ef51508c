#!/bin/sh
# What the acronym definitions pass adds to a parse, in callgrind instructions (steadier
# than the wall clock on a shared machine). Per parse of the seed, of the fixtures
# (every file of tests/fixtures, sorted, each followed by a newline, the whole three
# times: 1,159,707 bytes, parsed as one text), and of the real corpus (the 1,095 cables
# of tests/data/corpus.tar.gz, each parsed on its own as the program parses a folder's
# cables; one round of all): the total is the difference between runs of N and 2N parses
# (so one-time costs such as compiling regexes cancel out), the pass alone is counted
# with --toggle-collect on `parse::acronyms::find`.
#
#   cargo build --release --example parse_n && sh benches/definitions-cost.sh
set -eu
export LC_ALL=C
cd "$(dirname "$0")/.."
bin=target/release/examples/parse_n
fixtures=$(mktemp)
corpus=$(mktemp -d)
trap 'rm -rf "$fixtures" "$corpus"' EXIT
tar xzf tests/data/corpus.tar.gz -C "$corpus" cables
one=$(mktemp)
for f in $(ls tests/fixtures | sort); do
    [ -f "tests/fixtures/$f" ] && { cat "tests/fixtures/$f"; echo; } >> "$one"
done
cat "$one" "$one" "$one" > "$fixtures"
rm -f "$one"
refs() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*I   refs: *//p' | tr -d ,; }
for case in "seed - 10" "fixtures $fixtures 1" "corpus $corpus/cables 1"; do
    set -- $case
    t1=$(refs "$bin" "$2" "$3")
    t2=$(refs "$bin" "$2" $(($3 * 2)))
    d=$(refs --toggle-collect='cablescope::parse::acronyms::find' "$bin" "$2" "$3")
    total=$(((t2 - t1) / $3))
    defs=$((d / $3))
    parse=$((total - defs))
    echo "$1: parse $parse, definitions $defs instructions a round (+$((defs * 1000 / parse / 10)).$((defs * 1000 / parse % 10))%)"
done
