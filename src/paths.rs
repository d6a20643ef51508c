//! Where cablescope keeps its own files: the user's config and data folders.
//!
//! Both come from `directories::ProjectDirs` (XDG on Linux, the platform's conventions
//! elsewhere) and can be redirected with `CABLESCOPE_CONFIG_DIR` and `CABLESCOPE_DATA_DIR`,
//! which the tests use so they never touch a real home folder.

use std::path::PathBuf;

/// Environment variable that overrides the config folder.
pub const CONFIG_DIR_ENV: &str = "CABLESCOPE_CONFIG_DIR";
/// Environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "CABLESCOPE_DATA_DIR";
/// Environment variable that overrides the cache folder (search indexes).
pub const CACHE_DIR_ENV: &str = "CABLESCOPE_CACHE_DIR";

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "cablescope")
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The folder holding `config.ron`, e.g. `~/.config/cablescope`.
#[must_use]
pub fn config_dir() -> Option<PathBuf> {
    from_env(CONFIG_DIR_ENV).or_else(|| project().map(|p| p.config_dir().to_owned()))
}

/// The folder for reading positions, recent tags, fallback sidecars and recovery files,
/// e.g. `~/.local/share/cablescope`.
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    from_env(DATA_DIR_ENV).or_else(|| project().map(|p| p.data_dir().to_owned()))
}

/// The folder for search indexes of cable folders, e.g. `~/.cache/cablescope`.
#[must_use]
pub fn cache_dir() -> Option<PathBuf> {
    from_env(CACHE_DIR_ENV).or_else(|| project().map(|p| p.cache_dir().to_owned()))
}
