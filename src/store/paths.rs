//! Where annotation files live: beside the cable, or in the user's data folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::fnv::fnv1a64;

pub use crate::paths::{DATA_DIR_ENV, data_dir};

/// Suffix of a sidecar file: `FILE` + this.
pub const SIDECAR_SUFFIX: &str = ".annotations.ron";

/// `FILE.annotations.ron` beside `cable`.
#[must_use]
pub fn sidecar_path(cable: &Path) -> PathBuf {
    let mut name = cable.file_name().unwrap_or_default().to_os_string();
    name.push(SIDECAR_SUFFIX);
    cable.with_file_name(name)
}

/// The data-folder sidecar for a cable: the embedded one by `name`, a file by its name
/// plus a hash of its absolute path (two `cable.txt` in different folders stay apart).
#[must_use]
pub fn data_sidecar_path(data: &Path, cable: Option<&Path>, name: &str) -> PathBuf {
    let dir = data.join("annotations");
    match cable {
        None => dir.join(format!("{}{SIDECAR_SUFFIX}", safe_name(name))),
        Some(path) => {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
            let hash = fnv1a64(absolute.to_string_lossy().as_bytes());
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            dir.join(format!(
                "{}-{:08x}{SIDECAR_SUFFIX}",
                safe_name(&file),
                hash >> 32
            ))
        }
    }
}

/// `FILE.annotations.recovered-YYYYMMDDTHHMMSSZ.ron` beside `sidecar`.
#[must_use]
pub fn recovery_path(sidecar: &Path, now: DateTime<Utc>) -> PathBuf {
    let name = sidecar.file_name().unwrap_or_default().to_string_lossy();
    let base = name.strip_suffix(".ron").unwrap_or(&name);
    sidecar.with_file_name(format!(
        "{base}.recovered-{}.ron",
        now.format("%Y%m%dT%H%M%SZ")
    ))
}

/// Letters, digits, `.`, `-` and `_` kept; anything else becomes `_`.
fn safe_name(name: &str) -> String {
    let name = name.split_whitespace().next().unwrap_or("cable");
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            sidecar_path(Path::new("/a/b/09STATE1.txt")),
            Path::new("/a/b/09STATE1.txt.annotations.ron")
        );
        assert_eq!(
            data_sidecar_path(Path::new("/d"), None, "06MEXICO1113.txt (embedded)"),
            Path::new("/d/annotations/06MEXICO1113.txt.annotations.ron")
        );
        let t = DateTime::from_timestamp(0, 0).expect("epoch");
        assert_eq!(
            recovery_path(Path::new("/a/x.txt.annotations.ron"), t),
            Path::new("/a/x.txt.annotations.recovered-19700101T000000Z.ron")
        );
    }
}
