//! One integration-test binary (as ripgrep does) so the 2-core CI links once.

mod it {
    mod anchor;
    mod cli;
    mod export;
    mod parse;
    mod store;
}
