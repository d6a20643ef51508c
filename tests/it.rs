//! One integration-test binary (as ripgrep does) so the 2-core CI links once.

mod it {
    mod anchor;
    mod annotate;
    mod app;
    mod bad_input;
    mod body;
    mod cli;
    mod config;
    mod corpus;
    mod e2e;
    mod export;
    mod faults;
    mod html;
    mod injection;
    mod parse;
    mod permissions;
    mod props;
    mod real_corpus;
    mod refs;
    mod sidecar_input;
    mod store;
    mod ui;
    mod xref_phrases;
}
