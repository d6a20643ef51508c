//! One integration-test binary (as ripgrep does) so the 2-core CI links once.

mod it {
    mod anchor;
    mod annotate;
    mod app;
    mod bad_input;
    mod cli;
    mod config;
    mod e2e;
    mod e2e_issue13;
    mod export;
    mod faults;
    mod injection;
    mod parse;
    mod permissions;
    mod props;
    mod sidecar_input;
    mod store;
    mod ui;
}
