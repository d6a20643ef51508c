//! Reading a cable file into text, with the checks a user needs before parsing starts.
//!
//! Missing files, directories, empty and binary files are errors with one clear message.
//! Text that is not valid UTF-8 (Latin-1, Windows-1252 scans) is read lossily with a
//! warning; a UTF-8 byte-order mark is dropped; a WikiLeaks cable page (HTML, known by its
//! start or its `.html` name) is replaced by the text of its `<pre>` blocks ([`html`]);
//! CRLF and lone CR line ends become LF so every later layer sees one kind of line end.

pub mod html;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// A cable's text and where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// Display name: the path as given, or the embedded cable's name.
    pub name: String,
    /// The file, when the text came from one (`None` for the embedded cable).
    pub path: Option<PathBuf>,
    /// The text, LF line ends, no BOM; for an HTML page, the cable text it shows.
    pub text: String,
    /// Things the user should know about how the text was read (lossy decoding…).
    pub warnings: Vec<String>,
}

impl Source {
    /// The embedded default cable.
    #[must_use]
    pub fn embedded() -> Self {
        Self {
            name: crate::EMBEDDED_NAME.to_owned(),
            path: None,
            text: crate::EMBEDDED_CABLE.to_owned(),
            warnings: Vec::new(),
        }
    }

    /// Read `path`, or the embedded cable when `path` is `None`.
    ///
    /// # Errors
    /// See [`read`].
    pub fn open(path: Option<&Path>) -> Result<Self> {
        path.map_or_else(|| Ok(Self::embedded()), read)
    }

    /// What the parser may know besides the text: the file name (without extension),
    /// which cross-checks the id and dates a partial extract.
    #[must_use]
    pub fn hints(&self) -> crate::parse::Hints<'_> {
        let name = match &self.path {
            Some(p) => p.file_stem().and_then(|s| s.to_str()),
            None => Some("06MEXICO1113"),
        };
        crate::parse::Hints { name }
    }

    /// Parse the text with [`Source::hints`], with the acronyms it defines: what the
    /// reader, `dump` and the glossary show.
    #[must_use]
    pub fn parse(&self) -> crate::parse::Parsed {
        let mut parsed = self.parse_without_definitions();
        crate::parse::find_definitions(&mut parsed.cable);
        parsed
    }

    /// [`Source::parse`] without the acronym definitions pass
    /// ([`crate::parse::find_definitions`]): for what reads a cable's header, structure
    /// and text but not its glossary (`check`, the search index, `export`).
    #[must_use]
    pub fn parse_without_definitions(&self) -> crate::parse::Parsed {
        crate::parse::parse_with(&self.text, &self.hints())
    }

    /// The header alone ([`crate::parse::parse_header_with`]), with [`Source::hints`]:
    /// what a corpus's record of the cable needs.
    #[must_use]
    pub fn parse_header(&self) -> crate::cable::Cable {
        crate::parse::parse_header_with(&self.text, &self.hints())
    }
}

/// Read a cable file.
///
/// # Errors
/// [`Error::Io`] when it cannot be read, [`Error::IsDirectory`], [`Error::Empty`] for an
/// empty or whitespace-only file, [`Error::Binary`] for binary data and
/// [`Error::NoCableText`] for an HTML page without a `<pre>` block.
pub fn read(path: &Path) -> Result<Source> {
    read_counting(path, &AtomicU64::new(0))
}

/// [`read`], adding the number of bytes read so far to `progress` as it goes (another
/// thread can show it while a large file loads).
///
/// # Errors
/// As [`read`].
pub fn read_counting(path: &Path, progress: &AtomicU64) -> Result<Source> {
    if path.is_dir() {
        return Err(Error::IsDirectory(path.to_owned()));
    }
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_or(0, |m| m.len());
    // One more byte than the file holds, so that reading finds its end without growing.
    let mut bytes = Vec::with_capacity(usize::try_from(size).map_or(0, |s| s.saturating_add(1)));
    // A megabyte at a time, straight into `bytes` (no buffer of its own to fill with zeros
    // first: a folder's cables are mostly a few kilobytes each).
    loop {
        match (&mut file).take(1 << 20).read_to_end(&mut bytes) {
            Ok(0) => break,
            Ok(n) => {
                progress.fetch_add(n as u64, Ordering::Relaxed);
            }
            Err(e) => return Err(io(e)),
        }
    }
    from_bytes(path, &bytes)
}

/// The cable of `path` whose bytes were read already ([`read`] without the reading).
///
/// # Errors
/// As [`read`], except [`Error::Io`] and [`Error::IsDirectory`].
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Source> {
    let name = path.display().to_string();
    let (text, warnings) = decode(bytes, &name).map_err(|kind| match kind {
        DecodeError::Empty => Error::Empty(path.to_owned()),
        DecodeError::Binary => Error::Binary(path.to_owned()),
        DecodeError::NoCableText => Error::NoCableText(path.to_owned()),
    })?;
    Ok(Source {
        name,
        path: Some(path.to_owned()),
        text,
        warnings,
    })
}

/// Why bytes are not a text cable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing but whitespace.
    Empty,
    /// NUL bytes or mostly control characters.
    Binary,
    /// An HTML page with no text in a `<pre>` block.
    NoCableText,
}

/// Turn file bytes into cable text: BOM dropped, invalid UTF-8 replaced (with a warning
/// naming `name`), an HTML page (by its content, or `name` ending in `.html`) reduced to
/// the text of its `<pre>` blocks, line ends normalised.
///
/// # Errors
/// [`DecodeError`] for empty and binary input.
pub fn decode(bytes: &[u8], name: &str) -> std::result::Result<(String, Vec<String>), DecodeError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            warnings.push(format!(
                "{name}: not valid UTF-8 (first bad byte at offset {}); \
                 read lossily, unreadable bytes shown as \u{fffd}",
                e.valid_up_to()
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    let text = if html::has_html_extension(name) || html::looks_like_html(&text) {
        let (page_text, page_warnings) =
            html::extract(&text).map_err(|html::NoCableText| DecodeError::NoCableText)?;
        warnings.extend(page_warnings.into_iter().map(|w| format!("{name}: {w}")));
        std::borrow::Cow::Owned(page_text)
    } else {
        text
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.into_owned()
    };
    Ok((text, warnings))
}

/// NUL bytes in the first 64 KiB, or more than 10% control bytes there, mean binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return true;
    }
    // Counted without a branch a byte (`&`, not `&&`), in bytes over runs of 255, so that
    // the loop is vectorised: it runs over every cable a folder command reads.
    let control = |b: u8| {
        u8::from(
            (b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t') & (b != 0x0c) & (b != 0x1b),
        )
    };
    let controls: usize = head
        .chunks(255)
        .map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + control(b))))
        .sum();
    controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_cases() {
        assert_eq!(decode(b"", "f"), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n", "f"), Err(DecodeError::Empty));
        assert_eq!(decode(b"ab\0cd", "f"), Err(DecodeError::Binary));
        assert_eq!(
            decode(b"\xEF\xBB\xBFa\r\nb\rc", "f"),
            Ok(("a\nb\nc".to_owned(), vec![]))
        );
        let (text, warnings) = decode(b"caf\xe9", "f").expect("lossy");
        assert_eq!(text, "caf\u{fffd}");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn html_pages_are_read_as_their_pre_text() {
        let page = b"<!DOCTYPE html>\r\n<html><pre>A&#x000A;B\r\nC</pre></html>";
        assert_eq!(decode(page, "x.txt"), Ok(("A\nB\nC\n".to_owned(), vec![])));
        assert_eq!(
            decode(b"<html><body>gone</body></html>", "x.txt"),
            Err(DecodeError::NoCableText)
        );
        // By name: a page whose first kilobyte says nothing.
        let late = format!("<div>{}</div><pre>UNCLAS</pre>", " ".repeat(2000));
        assert_eq!(
            decode(late.as_bytes(), "dir/09X1.HTML"),
            Ok(("UNCLAS\n".to_owned(), vec![]))
        );
        assert_eq!(
            decode(late.as_bytes(), "09X1").map(|d| d.0),
            Ok(late.clone())
        );
        let (_, warnings) = decode(b"<pre>open", "p.html").expect("text");
        assert_eq!(
            warnings,
            ["p.html: a <pre> block is never closed; its text runs to the end of the page"]
        );
    }
}
