//! Sidecars without permission to read or to write (issue 5). File modes do not stop
//! root, and CI and containers often run as root: the probe below notices that, and the
//! checks then run in a copy of this test binary started as user `nobody` through
//! `setpriv` (util-linux). Without `setpriv` they cannot check anything as root: they fail
//! and say why, unless skipping is allowed (see [`super::skip`]).

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use cablescope::store::{Notice, Store, data_sidecar_path, sidecar_path};

use super::anchor::{cable, note_on};

const P1: &str = "The GOM has shown commendable progress in combating trafficking in persons.";
const CHILD_ENV: &str = "CABLESCOPE_TEST_PERMISSIONS_DIR";

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Whether file modes stop this process (false for root).
fn modes_apply(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    fs::write(&probe, "x").expect("probe");
    chmod(&probe, 0o000);
    let blocked = fs::read(&probe).is_err();
    chmod(&probe, 0o600);
    let _ = fs::remove_file(&probe);
    blocked
}

/// Run `test` (a function of this module taking a folder) here, or as `nobody` in a
/// child process when running as root; returns false when neither is possible.
fn run_unprivileged(name: &str, test: fn(&Path)) -> bool {
    let dir = tempfile::tempdir().expect("tempdir");
    if modes_apply(dir.path()) {
        test(dir.path());
        return true;
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        super::skip(
            "running as root and `setpriv` (util-linux) is not installed, so file modes \
             cannot be tested",
        );
        return false;
    }
    chmod(dir.path(), 0o777);
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(std::env::current_exe().expect("test binary"))
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD_ENV, dir.path())
        .output()
        .expect("run setpriv");
    assert!(
        out.status.success(),
        "as nobody: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// The folder given to a re-executed child, if this process is one.
fn child_dir() -> Option<PathBuf> {
    std::env::var_os(CHILD_ENV).map(PathBuf::from)
}

fn setup(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let folder = dir.join("cables");
    fs::create_dir_all(&folder).expect("mkdir");
    let cable_path = folder.join("06TEST1.txt");
    fs::write(&cable_path, format!("{P1}\n")).expect("cable");
    let sidecar = sidecar_path(&cable_path);
    let mut set = cablescope::annotation::AnnotationSet::new();
    set.insert_new(note_on(
        &cable(&[P1]),
        0,
        "commendable",
        "old",
        &["t"],
        "earlier work",
    ));
    Store::at(sidecar.clone(), None, "06TEST1.txt")
        .save(&mut set)
        .expect("first save");
    let data = data_sidecar_path(&dir.join("data"), Some(&cable_path), "06TEST1.txt");
    (cable_path, sidecar, data)
}

fn unreadable_sidecar(dir: &Path) {
    let (cable_path, sidecar, data) = setup(dir);
    chmod(&sidecar, 0o000);
    let before = fs::metadata(&sidecar).expect("meta");
    let mut store = Store::at(sidecar.clone(), Some(data), "06TEST1.txt");
    let loaded = store.load();
    let text: Vec<String> = loaded.notices.iter().map(ToString::to_string).collect();
    assert!(
        matches!(&loaded.notices[0], Notice::Unreadable { path, reason, .. }
            if *path == sidecar && reason.contains("ermission denied")),
        "{text:?}"
    );
    assert!(text[0].contains("left untouched"), "{text:?}");
    assert!(store.is_recovering());
    let mut set = loaded.set;
    set.insert_new(note_on(
        &cable(&[P1]),
        0,
        "progress",
        "new",
        &[],
        "this run",
    ));
    store.save(&mut set).expect("saved to a recovery file");
    let after = fs::metadata(&sidecar).expect("meta");
    assert_eq!(
        (before.len(), before.modified().ok(), before.permissions()),
        (after.len(), after.modified().ok(), after.permissions()),
        "the unreadable sidecar is never written"
    );
    assert!(store.target().to_string_lossy().contains("recovered-"));
    // The user-facing command says the same in one line.
    let out = Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .arg("notes")
        .arg(&cable_path)
        .env("CABLESCOPE_DATA_DIR", dir.join("data"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let all = String::from_utf8_lossy(&out.stderr);
    // (A line before it names the recovery file written above.)
    let err = all.lines().last().unwrap_or_default();
    assert!(
        err.starts_with(&format!(
            "cablescope: {}: cannot read the annotations (",
            sidecar.display()
        )) && err.contains("ermission denied"),
        "{all}"
    );
    chmod(&sidecar, 0o644);
}

fn unwritable_folder(dir: &Path) {
    let (cable_path, sidecar, data) = setup(dir);
    let folder = cable_path.parent().expect("folder").to_owned();
    let original = fs::read(&sidecar).expect("read");
    chmod(&folder, 0o555);
    let mut store = Store::at(sidecar.clone(), Some(data.clone()), "06TEST1.txt");
    let loaded = store.load();
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    let mut set = loaded.set;
    set.insert_new(note_on(
        &cable(&[P1]),
        0,
        "progress",
        "new",
        &[],
        "this run",
    ));
    let notices = store.save(&mut set);
    chmod(&folder, 0o755);
    let notices = notices.expect("saved in the data folder");
    assert!(
        matches!(&notices[..], [Notice::Fallback { path, reason }]
            if *path == data && reason.contains("ermission denied")),
        "{notices:?}"
    );
    assert_eq!(
        fs::read(&sidecar).expect("read"),
        original,
        "left as it was"
    );
    let next = Store::at(sidecar, Some(data), "06TEST1.txt").load();
    let mut ids: Vec<&str> = next.set.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["new", "old"], "nothing lost: {:?}", next.notices);
}

#[test]
fn a_sidecar_without_read_permission_is_reported_and_never_written() {
    if let Some(dir) = child_dir() {
        return unreadable_sidecar(&dir);
    }
    run_unprivileged(
        "it::permissions::a_sidecar_without_read_permission_is_reported_and_never_written",
        unreadable_sidecar,
    );
}

#[test]
fn a_folder_without_write_permission_falls_back_to_the_data_folder() {
    if let Some(dir) = child_dir() {
        return unwritable_folder(&dir);
    }
    run_unprivileged(
        "it::permissions::a_folder_without_write_permission_falls_back_to_the_data_folder",
        unwritable_folder,
    );
}
