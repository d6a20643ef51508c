//! User configuration: `config.ron` in the config folder, laid over the defaults embedded
//! from `assets/default-config.ron`.
//!
//! The user file names only what it changes: a scalar replaces the default, a map
//! (colours, tag colours) is merged key by key, and a key binding replaces the default row
//! for the same context and key (or is added after them). A file that cannot be read or
//! parsed is reported with line, column and reason, and the defaults are used: a typo in
//! the config must never stop anyone reading a cable. This module knows nothing of the
//! terminal; the keymap and theme turn these names into keys and styles.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The shipped default configuration, also printed by `cablescope config --print-default`.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.ron");

/// The file name looked for in the config folder.
pub const FILE_NAME: &str = "config.ron";

/// Largest config file read (a config is a few kilobytes; anything bigger is a mistake).
const MAX_SIZE: u64 = 1024 * 1024;

/// The effective configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `dark` or `light`.
    pub theme: String,
    /// Theme slot → colour name overrides (`link: "LightBlue"`).
    pub colors: BTreeMap<String, String>,
    /// Tag → colour name, for annotation highlights.
    pub tag_colors: BTreeMap<String, String>,
    /// Width of the section tree, in columns.
    pub tree_width: u16,
    /// Width of the sidebar, in columns.
    pub sidebar_width: u16,
    /// Key bindings in key-list order: (context, key, action), e.g.
    /// `("global", "ctrl-o", "back")`. A user binding replaces the default for the same
    /// context and key; the action `none` unbinds it.
    pub keys: Vec<KeyBinding>,
}

/// One key binding as written in the config: context, key, action name.
pub type KeyBinding = (String, String, String);

/// A config file's content: everything optional, unknown fields refused (a misspelt
/// setting should be reported, not silently ignored).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Patch {
    theme: Option<String>,
    colors: BTreeMap<String, String>,
    tag_colors: BTreeMap<String, String>,
    tree_width: Option<u16>,
    sidebar_width: Option<u16>,
    keys: Vec<KeyBinding>,
}

/// Why a config file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line and column, when the problem is in the content.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub reason: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path.display(), self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        let mut config = Self {
            theme: "dark".to_owned(),
            colors: BTreeMap::new(),
            tag_colors: BTreeMap::new(),
            tree_width: 36,
            sidebar_width: 34,
            keys: Vec::new(),
        };
        // The embedded default is checked by a test; should it ever fail to parse, the
        // built-in values above still give a working program.
        if let Ok(patch) = parse_patch(DEFAULT_CONFIG, Path::new("default-config.ron")) {
            config.apply(patch);
        }
        config
    }
}

impl Config {
    /// The defaults with the user's `config.ron` (in [`crate::paths::config_dir`]) laid
    /// over them. A broken file gives the defaults and the error to show.
    #[must_use]
    pub fn load() -> (Self, Option<ConfigError>) {
        match crate::paths::config_dir() {
            Some(dir) => Self::load_from(&dir.join(FILE_NAME)),
            None => (Self::default(), None),
        }
    }

    /// Like [`Config::load`] for an explicit file; a missing file is not an error.
    #[must_use]
    pub fn load_from(path: &Path) -> (Self, Option<ConfigError>) {
        let mut config = Self::default();
        let error = |position, reason: String| ConfigError {
            path: path.to_owned(),
            position,
            reason,
        };
        let text = match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (config, None),
            Err(e) => return (config, Some(error(None, e.to_string()))),
            Ok(m) if m.is_dir() => {
                return (config, Some(error(None, "is a directory".to_owned())));
            }
            Ok(m) if m.len() > MAX_SIZE => {
                let reason = format!("larger than {MAX_SIZE} bytes; not read");
                return (config, Some(error(None, reason)));
            }
            Ok(_) => match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(e) => return (config, Some(error(None, e.to_string()))),
            },
        };
        match parse_patch(&text, path) {
            Ok(patch) => {
                config.apply(patch);
                (config, None)
            }
            Err(e) => (config, Some(e)),
        }
    }

    fn apply(&mut self, patch: Patch) {
        if let Some(theme) = patch.theme {
            self.theme = theme;
        }
        self.colors.extend(patch.colors);
        self.tag_colors.extend(patch.tag_colors);
        if let Some(w) = patch.tree_width {
            self.tree_width = w;
        }
        if let Some(w) = patch.sidebar_width {
            self.sidebar_width = w;
        }
        for binding in patch.keys {
            let same = |b: &KeyBinding| b.0 == binding.0 && b.1 == binding.1;
            match self.keys.iter_mut().find(|b| same(b)) {
                Some(existing) => *existing = binding,
                None => self.keys.push(binding),
            }
        }
    }
}

/// `; did you mean `x`?` for the known name closest to `name` (case ignored), when one
/// is close enough to be a typo; empty otherwise.
#[must_use]
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let name = name.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&name, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| format!("; did you mean `{k}`?"))
        .unwrap_or_default()
}

fn parse_patch(text: &str, path: &Path) -> Result<Patch, ConfigError> {
    let patch: Patch = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(32)
        .from_str(text)
        .map_err(|e| ConfigError {
            path: path.to_owned(),
            position: Some((e.span.start.line, e.span.start.col)),
            reason: e.code.to_string(),
        })?;
    // An unknown theme name is one problem among the others (see `Theme::from_config`),
    // not a reason to ignore the whole file.
    Ok(patch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_default_parses() {
        let patch = parse_patch(DEFAULT_CONFIG, Path::new("default-config.ron"));
        assert!(patch.is_ok(), "{patch:?}");
    }

    #[test]
    fn user_file_overrides_only_what_it_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "(theme: \"light\", tag_colors: {\"victims\": \"Red\"})",
        )
        .expect("write");
        let (config, error) = Config::load_from(&path);
        assert_eq!(error, None);
        assert_eq!(config.theme, "light");
        assert_eq!(
            config.tag_colors.get("victims").map(String::as_str),
            Some("Red")
        );
        assert_eq!(config.tree_width, Config::default().tree_width);
        assert_eq!(config.keys, Config::default().keys);
    }

    #[test]
    fn bad_file_reports_line_and_column_and_keeps_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "(\n  theme: \"dark\",\n  tree_widht: 3,\n)").expect("write");
        let (config, error) = Config::load_from(&path);
        assert_eq!(config, Config::default());
        let error = error.expect("an error");
        assert_eq!(error.position.map(|p| p.0), Some(3));
        assert!(error.to_string().contains("tree_widht"), "{error}");
    }
}
