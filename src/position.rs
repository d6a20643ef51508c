//! Remembered reading positions, one per file, in the user's data folder.
//!
//! The file is `positions.json` in `directories::ProjectDirs`' data folder (on Linux
//! `~/.local/share/cablescope/`), or in `$CABLESCOPE_DATA_DIR` when that is set (tests
//! use it). It maps a file's canonical path (or `embedded:<name>`) to a unit and a line.
//! Writing is atomic (temp file + rename), and every failure is returned, never fatal:
//! a reader that cannot remember its place must still read. No terminal code here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// File name of the positions file inside the data folder.
pub const FILE_NAME: &str = "positions.json";

/// A saved reading position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPosition {
    /// Unit at the top of the reading pane (0 = header, `i + 1` = paragraph `i`).
    pub unit: usize,
    /// Wrapped line inside that unit.
    pub line: usize,
}

/// The positions file's content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct PositionsFile {
    version: u32,
    #[serde(default)]
    files: BTreeMap<String, SavedPosition>,
}

/// Where positions are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionStore {
    /// The positions file.
    pub path: PathBuf,
}

impl PositionStore {
    /// The store in `$CABLESCOPE_DATA_DIR` or the platform data folder (`None` when the
    /// platform has no home folder).
    #[must_use]
    pub fn from_env() -> Option<Self> {
        crate::paths::data_dir().map(|dir| Self::in_dir(&dir))
    }

    /// The store inside `dir`.
    #[must_use]
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(FILE_NAME),
        }
    }

    /// The key for a file: its canonical path, or `embedded:<name>`.
    #[must_use]
    pub fn key(path: Option<&Path>, name: &str) -> String {
        match path {
            Some(p) => std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.to_owned())
                .display()
                .to_string(),
            None => format!("embedded:{name}"),
        }
    }

    fn read(&self) -> PositionsFile {
        std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// The saved position for `key` (missing or unreadable file: `None`).
    #[must_use]
    pub fn load(&self, key: &str) -> Option<SavedPosition> {
        self.read().files.get(key).copied()
    }

    /// Save `position` for `key`, atomically.
    ///
    /// # Errors
    /// Any I/O error creating the folder or writing the file.
    pub fn save(&self, key: &str, position: SavedPosition) -> std::io::Result<()> {
        let mut file = self.read();
        file.version = 1;
        file.files.insert(key.to_owned(), position);
        let dir = self.path.parent().unwrap_or_else(|| Path::new("."));
        std::fs::create_dir_all(dir)?;
        let text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
        crate::store::atomic::replace_atomic(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = PositionStore::in_dir(&dir.path().join("sub"));
        assert_eq!(store.load("k"), None);
        let pos = SavedPosition { unit: 9, line: 2 };
        store.save("k", pos).expect("save");
        store.save("other", SavedPosition::default()).expect("save");
        assert_eq!(store.load("k"), Some(pos));
    }

    #[test]
    fn unwritable_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").expect("write");
        let store = PositionStore::in_dir(&blocker.join("below"));
        assert!(store.save("k", SavedPosition::default()).is_err());
        assert_eq!(store.load("k"), None);
    }
}
