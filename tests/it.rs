//! One integration-test binary (as ripgrep does) so the 2-core CI links once.

mod it {
    mod bad_input;
    mod cli;
    mod parse;
    mod props;
}
