//! End-to-end: the library of a folder in the real binary, in a pseudo-terminal. Same
//! harness and rules as [`super::e2e`]: open a folder with no index yet (it is built in
//! the background), type a query, open the match, go Back, land where it was.
//!
//! See: issue 14.

use super::corpus::corpus;
use super::e2e::Session;

/// 60 real cables, 09CARACAS442 and the oldest, 66BUENOSAIRES2481, among them.
fn folder(home: &std::path::Path) -> std::path::PathBuf {
    let dir = home.join("cables");
    std::fs::create_dir_all(&dir).expect("folder");
    let texts = &corpus().texts;
    let chosen = texts.iter().take(58).chain(
        texts
            .iter()
            .filter(|(id, _)| *id == "09CARACAS442" || *id == "66BUENOSAIRES2481"),
    );
    for (id, text) in chosen {
        std::fs::write(dir.join(format!("{id}.txt")), text).expect("written");
    }
    dir
}

#[test]
fn query_enter_and_back_return_to_the_same_place() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = folder(home.path());
    let cache = home.path().join("cache");
    let arg = dir.to_str().expect("utf-8");
    let cache_env = cache.to_str().expect("utf-8");
    let env = [("CABLESCOPE_CACHE_DIR", cache_env)];
    let mut s = Session::start(&[arg], home.path(), &env);
    // The index is built in the background; the list fills when it commits.
    s.wait_text("60 of 60 cables");
    s.send("/chavez");
    s.wait_text("query: chavez");
    s.wait_text("09CARACAS442");
    s.wait_text("hits in this cable");
    s.send("\r");
    // Of the cables that mention him, jump to the one whose id is like `carac442`.
    s.send("fcarac442\r");
    s.wait_text("1 of 60 cables");
    s.send("\r");
    // The reader, on the cable, with the words highlighted as search matches.
    s.wait_text("09CARACAS442.txt");
    s.wait_for("the reader's panes", |screen| {
        screen.contains("Details") && !screen.contains("query: chavez")
    });
    // Back (Ctrl-o) at the first place read returns to the library as it was left.
    s.send("\x0f");
    s.wait_text("query: chavez");
    s.wait_text("jump:  carac442");
    s.wait_text("1 of 60 cables");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    // The index is in the cache folder given, not in the user's.
    assert!(
        std::fs::read_dir(&cache)
            .expect("cache folder")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("index-")),
        "no index in {}",
        cache.display()
    );
}

#[test]
fn a_second_open_lists_from_the_index_at_once() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = folder(home.path());
    let cache = home.path().join("cache");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .args(["index", dir.to_str().expect("utf-8")])
        .env("CABLESCOPE_CACHE_DIR", &cache)
        .output()
        .expect("index");
    assert!(built.status.success());
    let cache_env = cache.to_str().expect("utf-8");
    let mut s = Session::start(
        &[dir.to_str().expect("utf-8")],
        home.path(),
        &[("CABLESCOPE_CACHE_DIR", cache_env)],
    );
    s.wait_text("60 of 60 cables");
    assert!(!s.screen().contains("no index"), "{}", s.screen());
    // Every cable is listed at once from the index, oldest first.
    s.wait_text("66BUENOSAIRES2481");
    s.send("q");
    assert!(s.finish(), "exit status 0");
}
