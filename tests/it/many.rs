//! A file that holds many cables opens as a library ([`cablescope::index::many`]): the
//! CSV sample and a concatenation of the vendored corpus are indexed by byte range, Enter
//! opens the right cable's text, a tag made there lands in `FILE.cablescope/ID.annotations.ron`
//! and survives a reopen; an alx-style `dates/YYYY/MM/` tree opens as a folder.
//!
//! See: issue 14.

use std::path::{Path, PathBuf};

use cablescope::action::Carried;
use cablescope::annotation::Anchor;
use cablescope::index::{self, Catalog};
use cablescope::library::{LibAction, LibEffect, LibFocus, Library};
use cablescope::store::Store;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::split::SAMPLE_IDS;

/// A copy of the CSV sample in a temporary folder, indexed in a cache beside it.
fn csv_library() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("cables.csv");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cables-sample.csv"),
        &file,
    )
    .expect("copied");
    let cache = tmp.path().join("cache");
    let update = index::update_in_cache(&cache, &file, &|_, _, _| {}).expect("indexed");
    assert_eq!(update.files, 1);
    assert_eq!(update.indexed, SAMPLE_IDS.len());
    assert!(update.unreadable.is_empty(), "{:?}", update.unreadable);
    (tmp, file, cache)
}

fn open(cache: &Path, root: &Path) -> Library {
    let mut lib = Library::new(root);
    let catalog = Catalog::open_in_cache(cache, root).expect("opens");
    lib.update(LibAction::CatalogOpened(Carried::new(catalog)));
    lib
}

#[test]
fn the_csv_dump_opens_as_a_library_and_enter_opens_the_record() {
    let (_tmp, file, cache) = csv_library();
    let mut lib = open(&cache, &file);
    let catalog = lib.catalog().expect("catalog");
    let ids: Vec<&str> = catalog.entries().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, SAMPLE_IDS, "in file order");
    assert!(
        catalog
            .entries()
            .iter()
            .all(|e| e.range.is_some() && e.path == file.canonicalize().expect("canonical"))
    );
    // Jump to one record and open it.
    lib.update(LibAction::FocusFuzzy);
    for c in "09DOHA644".chars() {
        lib.update(LibAction::Edit(
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE).into(),
        ));
    }
    lib.update(LibAction::Accept);
    assert_eq!(lib.focus, LibFocus::List);
    lib.update(LibAction::Enter);
    let Some(LibEffect::Open { path, range, .. }) = lib.take_effect() else {
        panic!("no open effect");
    };
    let entry = lib
        .catalog()
        .expect("catalog")
        .entries()
        .iter()
        .find(|e| e.path == path && e.range == range)
        .expect("the entry opened");
    assert_eq!(entry.id, "09DOHA644");
    let source = entry.read().expect("reads");
    assert_eq!(source.parse().cable.id.as_deref(), Some("09DOHA644"));
    assert!(source.text.contains("DOHA"), "{}", &source.text[..200]);
    assert_eq!(
        source.path.as_deref(),
        Some(PathBuf::from(format!("{}.cablescope/09DOHA644", path.display())).as_path())
    );
    // The tasker view reads a file of many too (tests/it/library.rs has the TIP replies
    // in one file); here it is asked for, with the cable's id.
    lib.update(LibAction::Tasker);
    assert!(matches!(lib.take_effect(), Some(LibEffect::Study { id, .. }) if id == "09DOHA644"));
    // Reopening an unchanged file reads nothing.
    let again = index::update_in_cache(&cache, &file, &|_, _, _| {}).expect("updated");
    assert_eq!((again.indexed, again.removed), (0, 0));
}

#[test]
fn a_tag_made_in_a_cable_of_the_file_lands_beside_it_and_survives_reopen() {
    let (tmp, file, cache) = csv_library();
    let lib = open(&cache, &file);
    let entry = lib
        .catalog()
        .expect("catalog")
        .entries()
        .iter()
        .find(|e| e.id == "08MADRID795")
        .expect("listed")
        .clone();
    let source = entry.read().expect("reads");
    let cable = source.parse().cable;
    let mut store = Store::for_source(&source).expect("a store");
    let mut set = store.load().set;
    let first = cable
        .paragraphs
        .iter()
        .position(|p| p.text.len() > 10)
        .expect("a paragraph");
    set.add(
        Anchor::from_selection(&cable, first, 0..5).expect("anchors"),
        vec!["KTIP".into()],
        "seen".into(),
    );
    store.save(&mut set).expect("saves");
    let sidecar = tmp
        .path()
        .join("cables.csv.cablescope")
        .join("08MADRID795.annotations.ron");
    assert_eq!(
        store.sidecar(),
        sidecar.canonicalize().expect("written").as_path()
    );
    let counts = cablescope::tui::annotation_counts(&[entry.cable_path().into_owned()]);
    assert_eq!(counts.values().copied().collect::<Vec<_>>(), [1]);
    // Reopen: the index, the entry, the cable; the tag is there.
    let lib = open(&cache, &file);
    let entry = lib
        .catalog()
        .expect("catalog")
        .entries()
        .iter()
        .find(|e| e.id == "08MADRID795")
        .expect("listed")
        .clone();
    let source = entry.read().expect("reads");
    let loaded = Store::for_source(&source).expect("a store").load().set;
    let tags: Vec<String> = loaded.iter().flat_map(|a| a.tags.clone()).collect();
    assert_eq!(tags, ["KTIP"]);
}

#[test]
fn a_concatenation_opens_as_a_library_of_its_cables() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (file, truth) = super::split::concatenation(tmp.path());
    let cache = tmp.path().join("cache");
    let commits = std::sync::atomic::AtomicUsize::new(0);
    let update = index::update_in_cache_with(&cache, &file, &|_, _, _| {}, &|| {
        commits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        true
    })
    .expect("indexed");
    assert_eq!(update.indexed, truth.len());
    // A first small commit for the first screen, then one per COMMIT_EVERY cables.
    assert_eq!(commits.into_inner(), 2);
    let lib = open(&cache, &file);
    let entries = lib.catalog().expect("catalog").entries();
    assert_eq!(entries.len(), truth.len());
    let starts: Vec<u64> = entries
        .iter()
        .map(|e| e.range.as_ref().expect("a range").start)
        .collect();
    let expected: Vec<u64> = truth.iter().map(|(_, at)| *at).collect();
    // All but 03ABUDHABI2641 (see split.rs) start where their cable does.
    let differ: Vec<usize> = (0..starts.len())
        .filter(|&i| starts[i] != expected[i])
        .collect();
    let abu = truth
        .iter()
        .position(|(id, _)| id == "03ABUDHABI2641")
        .expect("there");
    assert_eq!(differ, [abu]);
    let caracas = entries
        .iter()
        .find(|e| e.id == "09CARACAS442")
        .expect("listed");
    assert_eq!(
        caracas.read().expect("reads").text,
        format!("{}\n", super::corpus::corpus().text("09CARACAS442"))
    );
}

#[test]
fn a_build_stopped_after_its_first_commit_opens_and_resumes_without_doubles() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (file, truth) = super::split::concatenation(tmp.path());
    let cache = tmp.path().join("cache");
    let stopped = index::update_in_cache_with(&cache, &file, &|_, _, _| {}, &|| false)
        .expect("stopped after a commit");
    assert_eq!(stopped.indexed, index::many::FIRST_BATCH);
    let first = Catalog::open_in_cache(&cache, &file).expect("the commit opens");
    assert_eq!(first.entries().len(), index::many::FIRST_BATCH);
    // The file is not in the manifest yet: the next update reads it all again.
    let resumed = index::update_in_cache(&cache, &file, &|_, _, _| {}).expect("resumed");
    assert_eq!(resumed.indexed, truth.len());
    let mut catalog = first;
    catalog.reload().expect("reloads");
    let listed = catalog
        .query(&cablescope::index::Query::default())
        .expect("blank query")
        .matches
        .len();
    assert_eq!(listed, truth.len(), "each cable once");
    assert_eq!(catalog.entries().len(), truth.len());
}

/// A file of many whose time changes but whose bytes do not (touched, copied with a new
/// time) is not read again: the manifest keeps its content hash. Changed bytes are.
#[test]
fn a_touched_file_of_many_is_not_read_again_but_an_edited_one_is() {
    let (_tmp, file, cache) = csv_library();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(120);
    let touch = |when| {
        std::fs::File::options()
            .append(true)
            .open(&file)
            .and_then(|f| f.set_modified(when))
            .expect("touched");
    };
    touch(later);
    let touched = index::update_in_cache(&cache, &file, &|_, _, _| {}).expect("updated");
    assert_eq!((touched.indexed, touched.removed), (0, 0));
    // The new time is remembered: the next open does not even hash the file.
    let manifest = index::manifest::Manifest::load(&touched.dir).expect("a manifest");
    let (_, entry) = manifest.files().next().expect("the file");
    assert_eq!(
        index::manifest::stat(&file).map(|(_, t)| t),
        Some(entry.mtime)
    );
    assert_ne!(entry.hash, 0);
    // One byte changed (the size kept): every cable is read again.
    let mut bytes = std::fs::read(&file).expect("read");
    let at = bytes.len() - 2;
    bytes[at] = if bytes[at] == b' ' { b'.' } else { b' ' };
    std::fs::write(&file, &bytes).expect("edited");
    touch(later + std::time::Duration::from_secs(60));
    let edited = index::update_in_cache(&cache, &file, &|_, _, _| {}).expect("updated");
    assert_eq!(edited.indexed, SAMPLE_IDS.len());
}

#[test]
fn an_alx_dates_tree_opens_as_a_folder_library() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("cablegate");
    let month = root.join("dates/2008/05");
    std::fs::create_dir_all(&month).expect("folders");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/alx");
    let ids = ["08DILI134", "08DUBLIN282", "08HELSINKI224", "08KIGALI319"];
    for id in ids {
        std::fs::copy(
            fixtures.join(format!("{id}.txt")),
            month.join(format!("{id}.txt")),
        )
        .expect("copied");
    }
    let cache = tmp.path().join("cache");
    let update = index::update_in_cache(&cache, &root, &|_, _, _| {}).expect("indexed");
    assert_eq!(update.indexed, 4);
    let lib = open(&cache, &root);
    let found: Vec<&str> = lib
        .catalog()
        .expect("catalog")
        .entries()
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(found, ids);
}
