//! The library's error type: only I/O-level failures are errors; everything about the
//! *content* of a cable is a [`crate::parse::Diagnostic`] instead.

use std::path::PathBuf;

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

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io { path, source } => {
                let reason = match source.kind() {
                    std::io::ErrorKind::NotFound => "no such file".to_owned(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                    _ => source.to_string(),
                };
                write!(f, "{}: {reason}", path.display())
            }
            Self::IsDirectory(p) => write!(f, "{}: is a directory, not a cable file", p.display()),
            Self::Empty(p) => write!(f, "{}: the file is empty", p.display()),
            Self::Binary(p) => write!(f, "{}: binary data, not a text cable", p.display()),
            Self::NoCableText(p) => write!(
                f,
                "{}: no cable text (<pre> block) in this HTML page",
                p.display()
            ),
        }
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
