//! The library's error type: only I/O-level failures are errors; everything about the
//! *content* of a cable is a [`crate::parse::Diagnostic`] instead.

use std::path::{Path, PathBuf};

/// What can go wrong reading or writing the files cablescope works with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The path names a directory, not a file.
    IsDirectory(PathBuf),
    /// The file is empty or holds only whitespace.
    Empty(PathBuf),
    /// The file holds binary data (NUL bytes or mostly control characters).
    Binary(PathBuf),
    /// An HTML page with no cable text (no `<pre>` block, or only blank ones).
    NoCableText(PathBuf),
}

impl Error {
    /// The file concerned.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. } => path,
            Self::IsDirectory(p) | Self::Empty(p) | Self::Binary(p) | Self::NoCableText(p) => p,
        }
    }

    /// What went wrong, without the file name (`permission denied`, `the file is empty`).
    #[must_use]
    pub fn reason(&self) -> String {
        match self {
            Self::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_owned(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                _ => source.to_string(),
            },
            Self::IsDirectory(_) => "is a directory, not a cable file".to_owned(),
            Self::Empty(_) => "the file is empty".to_owned(),
            Self::Binary(_) => "binary data, not a text cable".to_owned(),
            Self::NoCableText(_) => "no cable text (<pre> block) in this HTML page".to_owned(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path().display(), self.reason())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Shorthand for results with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
