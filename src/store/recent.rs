//! The user's recently used tags, kept in the data folder for tag completion.

use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::paths::data_dir;

/// Most tags remembered.
pub const MAX_RECENT_TAGS: usize = 200;

/// Largest recent-tags file read.
const MAX_BYTES: u64 = 1024 * 1024;

fn file(data: &Path) -> PathBuf {
    data.join("recent-tags.ron")
}

/// Recent tags, most recent first (empty when there are none or the file is unreadable:
/// it is a cache, not the user's data).
#[must_use]
pub fn recent_tags() -> Vec<String> {
    data_dir().map(|d| recent_tags_in(&d)).unwrap_or_default()
}

/// [`recent_tags`] from a given data folder.
#[must_use]
pub fn recent_tags_in(data: &Path) -> Vec<String> {
    let path = file(data);
    if std::fs::metadata(&path).map_or(true, |m| !m.is_file() || m.len() > MAX_BYTES) {
        return Vec::new();
    }
    std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| {
            ron::Options::default()
                .with_recursion_limit(4)
                .from_str::<Vec<String>>(&t)
                .ok()
        })
        .unwrap_or_default()
}

/// Put `tags` at the front of the recent list.
///
/// # Errors
/// When the data folder cannot be found or written.
pub fn remember_tags(tags: &[String]) -> std::io::Result<()> {
    let data = data_dir().ok_or_else(|| std::io::Error::other("no data folder"))?;
    remember_tags_in(&data, tags)
}

/// [`remember_tags`] in a given data folder.
///
/// # Errors
/// When the folder cannot be written.
pub fn remember_tags_in(data: &Path, tags: &[String]) -> std::io::Result<()> {
    let mut list = recent_tags_in(data);
    for t in tags.iter().rev() {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        list.retain(|x| x.to_lowercase() != t.to_lowercase());
        list.insert(0, t.to_owned());
    }
    list.truncate(MAX_RECENT_TAGS);
    std::fs::create_dir_all(data)?;
    let text = ron::to_string(&list).map_err(std::io::Error::other)?;
    write_atomic(&file(data), format!("{text}\n").as_bytes())
}
