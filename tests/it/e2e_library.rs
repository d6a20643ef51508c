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

/// The binary on a copy of the TIP folder, at the question view of 23.E opened from the
/// seed's Q17 (`f`, Enter, `:q17`, `Q`): the home folder, the copy, the session.
fn seeds_question_view() -> (tempfile::TempDir, std::path::PathBuf, Session) {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("tip");
    std::fs::create_dir_all(&dir).expect("folder");
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/tip2006");
    for f in std::fs::read_dir(&from).expect("tip") {
        let f = f.expect("entry").path();
        if f.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&f, dir.join(f.file_name().expect("name"))).expect("copied");
        }
    }
    let cache = home.path().join("cache");
    let cache_env = cache.to_str().expect("utf-8");
    let mut s = Session::start(
        &[dir.to_str().expect("utf-8")],
        home.path(),
        &[("CABLESCOPE_CACHE_DIR", cache_env)],
    );
    s.wait_text("5 of 5 cables");
    s.send("fmexico1113\r");
    s.wait_text("1 of 5 cables");
    s.send("\r");
    s.wait_text("06MEXICO1113.txt");
    s.send(":q17\r");
    s.wait_text("│ Q17 │");
    s.send("Q");
    s.wait_text("23.E: answer 1 of");
    (home, dir, s)
}

/// Issue 15: open the folder of replies to 06STATE3836, go to the seed's Question 17, ask
/// for every reply's answer (`Q`), step to Dakar's, open it, tag it, quit: the tag is in
/// Dakar's sidecar.
#[test]
fn question_view_from_the_seeds_q17_to_dakars_answer_tagged() {
    let (_home, dir, mut s) = seeds_question_view();
    s.wait_text("Has the Government prosecuted any cases against traffickers?");
    // Step until Dakar's answer is the one shown first.
    let first_answer_is_dakar = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains(" · 06") && l.contains(" · ¶") || l.contains("not aligned"))
            .is_some_and(|l| l.contains("06DAKAR528"))
    };
    for n in 2..=6 {
        if first_answer_is_dakar(&s.screen()) {
            break;
        }
        s.send("j");
        s.wait_text(&format!("answer {n} of"));
    }
    assert!(first_answer_is_dakar(&s.screen()), "{}", s.screen());
    s.send("\r");
    s.wait_text("06DAKAR528.txt");
    s.send("vw");
    s.wait_text("SELECT");
    s.send("t");
    s.wait_text("tags: ");
    s.send("prosecution\r");
    s.wait_text("added prosecution");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    let sidecar = cablescope::store::sidecar_path(&dir.join("06DAKAR528.txt"));
    let saved = std::fs::read_to_string(&sidecar).expect("Dakar's sidecar");
    assert!(saved.contains("\"prosecution\""), "{saved}");
    assert!(
        !cablescope::store::sidecar_path(&dir.join("06MEXICO1113.txt")).exists(),
        "nothing was written for the seed"
    );
}

/// The question view rendered by the reader, in the real binary: from the seed's Q17 to
/// the question view of 23.E, `r` reads every answer in the reader at Dakar's; a tag
/// taken there lands in Dakar's sidecar; `Enter` opens Dakar at its answer and Back
/// returns to the view, which shows the tag.
#[test]
fn every_answer_in_the_reader_tagged_into_dakars_sidecar() {
    let (_home, dir, mut s) = seeds_question_view();
    // Dakar is the fourth reply of the view (after Hong Kong's two and Jerusalem).
    s.send("jjj");
    s.wait_text("answer 4 of 5");
    s.send("r");
    s.wait_text("23.E: every answer");
    s.wait_text("Embassy Dakar — 06DAKAR528");
    s.wait_text("The GOS prosecuted individuals");
    s.send("vw");
    s.wait_text("SELECT");
    s.send("t");
    s.wait_text("tags: ");
    s.send("prosecution\r");
    s.wait_text("added prosecution");
    s.send("\r");
    s.wait_text("06DAKAR528.txt");
    s.send("\x0f");
    s.wait_text("23.E: every answer");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    let sidecar = cablescope::store::sidecar_path(&dir.join("06DAKAR528.txt"));
    let saved = std::fs::read_to_string(&sidecar).expect("Dakar's sidecar");
    assert!(saved.contains("\"prosecution\""), "{saved}");
    assert!(saved.contains("exact: \"The "), "{saved}");
    assert!(saved.contains("paragraph: Some(23)"), "{saved}");
    let others = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".annotations.ron"))
        .count();
    assert_eq!(others, 1, "nothing was written for the other replies");
}

/// The tag view in the real binary: the TIP folder with passages tagged in Dakar's and
/// Mexico's sidecars (`tasker::tagged_folder`); `T` lists the tags, `Enter` the
/// passages of `prosecution`, `G` `Enter` opens Mexico's at its paragraph in the reader,
/// Back (Ctrl-o) returns to the passages as they were.
#[test]
fn tag_view_to_a_passage_in_the_reader_and_back() {
    let (home, root, _broken, _corrupt) = super::tasker::tagged_folder();
    let cache = home.path().join("cache");
    let cache_env = cache.to_str().expect("utf-8");
    let mut s = Session::start(
        &[root.to_str().expect("utf-8")],
        home.path(),
        &[("CABLESCOPE_CACHE_DIR", cache_env)],
    );
    s.wait_text("5 of 5 cables");
    s.send("T");
    s.wait_text(" tags: 3 ");
    s.wait_text("    3 prosecution");
    s.wait_text("skipped 1 sidecar that could not be read");
    s.send("\r");
    s.wait_text("prosecution: 3 passages in 2 cables");
    s.wait_text("by post: Embassy Dakar 2 · Embassy Mexico 1");
    s.send("G");
    s.send("\r");
    s.wait_text("06MEXICO1113.txt");
    s.wait_text("Mexico still lacks a federal anti-trafficking law");
    s.send("\x0f");
    s.wait_text("prosecution: 3 passages in 2 cables");
    s.send("\x1b");
    s.wait_text("Enter: the passages tagged prosecution");
    s.send("\x1b");
    s.wait_text("5 of 5 cables");
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

/// Year over year in the real binary: from the seed's Q17, the question view, step to
/// Dakar's answer, `y`: its answer beside its (derived, see `years`) 2007 answer, the
/// changed words marked; Esc returns to every answer.
#[test]
fn year_over_year_from_the_question_view() {
    let (home, root) = super::years::two_years_folder();
    let cache = home.path().join("cache");
    let cache_env = cache.to_str().expect("utf-8");
    let mut s = Session::start(
        &[root.to_str().expect("utf-8")],
        home.path(),
        &[("CABLESCOPE_CACHE_DIR", cache_env)],
    );
    s.wait_text("7 of 7 cables");
    s.send("fmexico1113\r");
    s.wait_text("1 of 7 cables");
    s.send("\r");
    s.wait_text("06MEXICO1113.txt");
    s.send(":q17\r");
    s.wait_text("│ Q17 │");
    s.send("Q");
    s.wait_text("23.E: answer 1 of");
    let first_answer_is_dakar = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains(" · 06") && l.contains(" · ¶") || l.contains("not aligned"))
            .is_some_and(|l| l.contains("06DAKAR528"))
    };
    for n in 2..=6 {
        if first_answer_is_dakar(&s.screen()) {
            break;
        }
        s.send("j");
        s.wait_text(&format!("answer {n} of"));
    }
    assert!(first_answer_is_dakar(&s.screen()), "{}", s.screen());
    s.send("y");
    s.wait_text("Embassy Dakar: 23.E then 27.E");
    s.wait_text("[-two-]");
    s.wait_text("{+three+}");
    s.wait_text("07DAKAR999 · 2007-03-02 · ¶27");
    s.send("\x1b");
    s.wait_text("23.E: answer");
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

/// A file of 60 concatenated cables opens as a library; Enter reads one cable of it, a
/// tag made there lands in `FILE.cablescope/ID.annotations.ron`, Back returns, and the
/// next open lists the cable with its annotation.
#[test]
fn a_concatenated_file_opens_as_a_library_and_keeps_its_tags_beside_it() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = folder(home.path());
    let file = concatenated(&dir, home.path());
    let cache = home.path().join("cache");
    let cache_env = cache.to_str().expect("utf-8");
    let env = [("CABLESCOPE_CACHE_DIR", cache_env)];
    let arg = file.to_str().expect("utf-8");
    let mut s = Session::start(&[arg], home.path(), &env);
    s.wait_text("60 of 60 cables");
    s.send("fcarac442\r");
    s.wait_text("1 of 60 cables");
    s.send("\r");
    s.wait_for("the reader's panes", |screen| {
        screen.contains("Details") && screen.contains("09CARACAS442")
    });
    s.send("vw");
    s.wait_text("SELECT");
    s.send("t");
    s.wait_text("tags: ");
    s.send("chavez\r");
    s.wait_text("added chavez");
    s.send("\x0f");
    s.wait_text("1 of 60 cables");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    let sidecar = home
        .path()
        .join("all.txt.cablescope")
        .join("09CARACAS442.annotations.ron");
    let saved = std::fs::read_to_string(&sidecar).expect("the cable's sidecar");
    assert!(saved.contains("\"chavez\""), "{saved}");
    // Open again: listed from the index at once, the cable counted as annotated.
    let mut s = Session::start(&[arg], home.path(), &env);
    s.wait_text("60 of 60 cables");
    s.send("fcarac442\r");
    s.wait_for("the annotation count", |screen| {
        screen
            .lines()
            .filter_map(|l| l.split("││").next())
            .any(|row| row.contains("09CARACAS442") && row.trim_end().ends_with(" 1"))
    });
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

/// The cables of `dir` one after another in `home/all.txt`.
fn concatenated(dir: &std::path::Path, home: &std::path::Path) -> std::path::PathBuf {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut all = String::new();
    for p in &names {
        all.push_str(&std::fs::read_to_string(p).expect("cable"));
        all.push('\n');
    }
    let file = home.join("all.txt");
    std::fs::write(&file, all).expect("written");
    file
}

/// Where the annotations of a file of many cannot be written (a plain file stands where
/// the `all.txt.cablescope` folder would go; permissions do not stop root), the tag goes to
/// the data folder, the user is told, and nothing is lost.
#[test]
fn a_tag_in_a_file_of_many_whose_folder_cannot_be_written_goes_to_the_data_folder() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = folder(home.path());
    let file = concatenated(&dir, home.path());
    let blocker = home.path().join("all.txt.cablescope");
    std::fs::write(&blocker, "not a folder").expect("written");
    let cache = home.path().join("cache");
    let cache_env = cache.to_str().expect("utf-8");
    let env = [("CABLESCOPE_CACHE_DIR", cache_env)];
    let mut s = Session::start(&[file.to_str().expect("utf-8")], home.path(), &env);
    s.wait_text("60 of 60 cables");
    s.send("fcarac442\r");
    s.wait_text("1 of 60 cables");
    s.send("\r");
    s.wait_for("the reader's panes", |screen| {
        screen.contains("Details") && screen.contains("09CARACAS442")
    });
    s.send("vw");
    s.wait_text("SELECT");
    s.send("t");
    s.wait_text("tags: ");
    s.send("chavez\r");
    s.wait_text("cannot write beside the cable");
    s.send("q");
    assert!(s.finish(), "exit status 0");
    assert_eq!(
        std::fs::read_to_string(&blocker).expect("still there"),
        "not a folder"
    );
    let saved: Vec<String> = std::fs::read_dir(home.path().join("cablescope/annotations"))
        .expect("the data folder's annotations")
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter(|t| t.contains("\"chavez\""))
        .collect();
    assert_eq!(saved.len(), 1, "the tag is kept once in the data folder");
}

/// Issue 16: a cable opened from the library explains an acronym it never defines from
/// another cable of its post, read in the background. 09MADRID869 writes "Russian OC
/// leadership" and never says what OC is; 10MADRID154 ¶1 says "organized crime (OC)".
#[test]
fn k_explains_from_another_cable_of_the_post() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("madrid");
    std::fs::create_dir_all(&dir).expect("folder");
    let madrid: Vec<_> = corpus()
        .meta
        .iter()
        .filter(|m| m.origin == "Embassy Madrid")
        .collect();
    for m in &madrid {
        std::fs::write(dir.join(format!("{}.txt", m.id)), corpus().text(&m.id)).expect("written");
    }
    let cache = home.path().join("cache");
    let cache_env = cache.to_str().expect("utf-8");
    let mut s = Session::start(
        &[dir.to_str().expect("utf-8")],
        home.path(),
        &[("CABLESCOPE_CACHE_DIR", cache_env)],
    );
    s.wait_text(&format!("{0} of {0} cables", madrid.len()));
    s.send("fmadrid869\r");
    s.wait_text(&format!("1 of {} cables", madrid.len()));
    s.send("\r");
    s.wait_text("09MADRID869.txt");
    s.send("/Russian OC leadership\r");
    s.wait_text("/Russian OC leadership 1/1");
    s.send("w");
    // The definitions are read in the background: until they arrive, K says OC is
    // unknown; then it names the cable that defines it.
    let said = "OC: organized crime — corpus: defined in 10MADRID154 ¶1, used 9 times";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        s.send("K");
        s.read_for(std::time::Duration::from_millis(300));
        if s.screen().contains(said) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{}", s.screen());
    }
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

/// A panic in the thread that builds the index is reported on the status line; the
/// library stays on screen, in the alternate screen, and quits normally.
#[test]
fn a_panic_in_the_background_is_reported_and_the_library_goes_on() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = folder(home.path());
    let cache = home.path().join("cache");
    let env = [
        ("CABLESCOPE_CACHE_DIR", cache.to_str().expect("utf-8")),
        ("CABLESCOPE_DEBUG_PANIC", "index"),
    ];
    let mut s = Session::start(&[dir.to_str().expect("utf-8")], home.path(), &env);
    s.wait_text("indexing stopped: internal error:");
    s.wait_text("panicking as asked");
    assert!(
        s.parser.screen().alternate_screen(),
        "still on the library's screen"
    );
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(
        !raw.contains("\x1b[?1049l"),
        "the alternate screen was not left"
    );
    assert!(
        !raw.contains("panicked at"),
        "no panic printed over the screen"
    );
    s.send("q");
    assert!(s.finish(), "exit status 0");
}
