//! The cables inside one file: a Cablegate CSV dump (`cables.csv`), or plain-text cables
//! one after another (`cat *.txt > all.txt`).
//!
//! [`Pieces`] reads a file from its start and yields each cable as soon as the start of
//! the next one is found (or the file ends), so the first cables are known after reading
//! only the start of a file of any size. Each [`Piece`] has its byte range in the file and
//! its text: in a text file the ranges tile the file (a cable runs to where the next one
//! starts, [`starts`] says where); a CSV record's range is the whole record and its text
//! the routing header and body columns. [`read_piece`] reads one piece again by its range
//! (what the reader opens), [`cable_path`] names it for its annotations.
//!
//! Like the parser, this layer knows nothing of the terminal.

mod starts;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Bytes read at a time from a text file (the first read is all the first screen needs).
const CHUNK: usize = 256 * 1024;

/// What kind of file holds the cables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The Cablegate CSV dump: record number, date, id, origin, classification, referrer,
    /// header, body, each in double quotes (a quote escaped with a backslash).
    Csv,
    /// Plain-text cables one after another.
    Text,
}

/// The layout of a file that starts with `head`: a CSV dump when its first record begins
/// `"1","06/03/2003 12:12","03ABUDHABI2641","`, else text.
#[must_use]
pub fn layout(head: &[u8]) -> Layout {
    static CSV: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r#"^(?:\xEF\xBB\xBF)?"\d+","[0-9/: -]+","[0-9A-Z-]+",""#)
            .unwrap_or_else(|e| panic!("CSV pattern: {e}"))
    });
    if CSV.is_match(head) {
        Layout::Csv
    } else {
        Layout::Text
    }
}

/// One cable of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Its place among the file's cables, from 1.
    pub number: usize,
    /// Its bytes in the file.
    pub range: Range<u64>,
    /// Its text (a CSV record's header and body), LF line ends.
    pub text: String,
    /// The id the file gives it besides the text (a CSV record's id column).
    pub name: Option<String>,
}

impl Piece {
    /// Parse the text, with the file's id as the name hint.
    #[must_use]
    pub fn parse(&self) -> crate::parse::Parsed {
        crate::parse::parse_with(&self.text, &self.hints())
    }

    /// The header alone ([`crate::parse::parse_header_with`]), with the same hint.
    #[must_use]
    pub fn parse_header(&self) -> crate::cable::Cable {
        crate::parse::parse_header_with(&self.text, &self.hints())
    }

    /// What the parser may know besides the text: the file's id for the cable.
    fn hints(&self) -> crate::parse::Hints<'_> {
        crate::parse::Hints {
            name: self.name.as_deref(),
        }
    }
}

/// A piece that could not be read: its number and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad {
    /// Its place among the file's cables, from 1.
    pub number: usize,
    /// Why.
    pub why: String,
}

/// The cables of a file, in order, found as the file is read (see the module
/// documentation).
pub struct Pieces {
    inner: Inner,
    number: usize,
}

enum Inner {
    Csv(Box<csv::Reader<std::io::BufReader<File>>>),
    Text(Box<TextPieces>),
}

impl std::fmt::Debug for Pieces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pieces")
            .field("number", &self.number)
            .finish_non_exhaustive()
    }
}

/// The CSV reader of the Cablegate dump's dialect.
fn csv_reader<R: Read>(r: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .double_quote(false)
        .escape(Some(b'\\'))
        .flexible(true)
        .from_reader(r)
}

/// A record's cable text and id: the header column (unless empty or `null`), a blank
/// line, the body column; CRLF made LF.
fn record_text(row: &csv::ByteRecord) -> (String, Option<String>) {
    let field = |i| String::from_utf8_lossy(row.get(i).unwrap_or_default());
    let (id, header, body) = (field(2), field(6), field(7));
    let mut text = String::with_capacity(header.len() + body.len() + 2);
    if !matches!(header.trim(), "" | "null") {
        text.push_str(&header);
        text.push_str("\n\n");
    }
    text.push_str(&body);
    let text = text.replace("\r\n", "\n");
    let id = id.trim();
    (text, (!id.is_empty()).then(|| id.to_owned()))
}

/// The first bytes of `file` (at most 4 KiB), the file left at its start.
fn head(file: &mut File) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(4096);
    file.by_ref().take(4096).read_to_end(&mut head)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(head)
}

impl Pieces {
    /// Start reading the cables of `path`.
    ///
    /// # Errors
    /// When the file cannot be opened or read.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let mut file = File::open(path)?;
        let inner = match layout(&head(&mut file)?) {
            Layout::Csv => Inner::Csv(Box::new(csv_reader(std::io::BufReader::with_capacity(
                CHUNK, file,
            )))),
            Layout::Text => Inner::Text(Box::new(TextPieces::new(file, path))),
        };
        Ok(Self { inner, number: 0 })
    }

    /// The file's layout.
    #[must_use]
    pub fn layout(&self) -> Layout {
        match self.inner {
            Inner::Csv(_) => Layout::Csv,
            Inner::Text(_) => Layout::Text,
        }
    }
}

impl Iterator for Pieces {
    type Item = Result<Piece, Bad>;

    fn next(&mut self) -> Option<Self::Item> {
        let number = self.number + 1;
        let item = match &mut self.inner {
            Inner::Csv(reader) => {
                let start = reader.position().byte();
                let mut row = csv::ByteRecord::new();
                match reader.read_byte_record(&mut row) {
                    Ok(false) => return None,
                    Ok(true) => {
                        let (text, name) = record_text(&row);
                        Ok(Piece {
                            number,
                            range: start..reader.position().byte(),
                            text,
                            name,
                        })
                    }
                    Err(e) => {
                        // A broken record: skip it, or stop when the reader cannot move on.
                        if reader.position().byte() == start {
                            return None;
                        }
                        Err(Bad {
                            number,
                            why: e.to_string(),
                        })
                    }
                }
            }
            Inner::Text(text) => text.next_piece(number)?,
        };
        self.number = number;
        Some(item)
    }
}

/// The cables of a text file (see [`starts`]).
struct TextPieces {
    file: File,
    name: String,
    /// Bytes read and not yet dropped; `buf[0]` is at `base` in the file.
    buf: Vec<u8>,
    base: u64,
    /// Where the next line to scan starts, in `buf`.
    scanned: usize,
    /// Where the current cable starts (absolute).
    start: u64,
    /// Starts found and not yet handed out (absolute).
    found: std::collections::VecDeque<u64>,
    starts: starts::Starts,
    eof: bool,
    done: bool,
}

impl TextPieces {
    fn new(file: File, path: &Path) -> Self {
        Self {
            file,
            name: path.display().to_string(),
            buf: Vec::new(),
            base: 0,
            scanned: 0,
            start: 0,
            found: std::collections::VecDeque::new(),
            starts: starts::Starts::default(),
            eof: false,
            done: false,
        }
    }

    /// The next piece, reading and scanning as far as needed.
    fn next_piece(&mut self, number: usize) -> Option<Result<Piece, Bad>> {
        loop {
            if let Some(end) = self.found.pop_front() {
                return Some(self.piece(number, self.start..end, end));
            }
            if self.done {
                return None;
            }
            if let Err(e) = self.scan() {
                self.done = true;
                return Some(Err(Bad {
                    number,
                    why: e.to_string(),
                }));
            }
            if self.found.is_empty() && self.eof {
                self.done = true;
                let end = self.base + self.buf.len() as u64;
                if end > self.start {
                    return Some(self.piece(number, self.start..end, end));
                }
                return None;
            }
        }
    }

    /// The piece `range` (in the buffer), the current cable then starting at `next`.
    fn piece(&mut self, number: usize, range: Range<u64>, next: u64) -> Result<Piece, Bad> {
        let at = |o: u64| usize::try_from(o - self.base).unwrap_or(usize::MAX);
        let bytes = self.buf.get(at(range.start)..at(range.end)).unwrap_or(&[]);
        let decoded = crate::source::decode(bytes, &self.name);
        self.start = next;
        match decoded {
            Ok((text, _)) => Ok(Piece {
                number,
                range,
                text,
                name: None,
            }),
            Err(e) => Err(Bad {
                number,
                why: match e {
                    crate::source::DecodeError::Empty => "nothing but blank space",
                    crate::source::DecodeError::Binary => "binary data, not text",
                    crate::source::DecodeError::NoCableText => "a web page without cable text",
                }
                .to_owned(),
            }),
        }
    }

    /// Read more and scan every complete line (with the line under it) for starts.
    fn scan(&mut self) -> std::io::Result<()> {
        // Drop what the cables handed out no longer need.
        let keep = usize::try_from(self.start - self.base).unwrap_or(0);
        if keep > 0 && keep <= self.scanned {
            self.buf.drain(..keep);
            self.base = self.start;
            self.scanned -= keep;
        }
        let old = self.buf.len();
        self.buf.resize(old + CHUNK, 0);
        let n = loop {
            match self.file.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(old + n);
        self.eof = n == 0;
        let end_of =
            |from: usize, buf: &[u8]| memchr::memchr(b'\n', &buf[from..]).map(|i| from + i);
        loop {
            let from = self.scanned;
            let Some(line_end) = end_of(from, &self.buf).or(
                // The last line has no line end.
                (self.eof && from < self.buf.len()).then_some(self.buf.len()),
            ) else {
                break;
            };
            let next_start = (line_end + 1).min(self.buf.len());
            let next_end = end_of(next_start, &self.buf);
            if next_end.is_none() && !self.eof {
                break;
            }
            let next_end = next_end.unwrap_or(self.buf.len());
            let (buf, base) = (&self.buf, self.base);
            let line = &buf[from..line_end];
            let next = (next_start < buf.len()).then(|| &buf[next_start..next_end]);
            let at = base + from as u64..base + line_end as u64;
            let bytes = |r: &Range<u64>| {
                let s = usize::try_from(r.start.checked_sub(base)?).ok()?;
                let e = usize::try_from(r.end.checked_sub(base)?).ok()?;
                buf.get(s..e)
            };
            let last = self.found.back().copied().unwrap_or(self.start);
            if let Some(s) = self.starts.line(at, line, next, last, bytes) {
                self.found.push_back(s);
            }
            self.scanned = next_start;
            if next_start >= self.buf.len() {
                break;
            }
        }
        Ok(())
    }
}

/// Read piece `range` of `path` again: its text (a CSV record's header and body).
///
/// # Errors
/// When the file cannot be read, or the bytes there are no cable.
pub fn read_piece(path: &Path, range: &Range<u64>) -> Result<Piece, String> {
    let io = |e: std::io::Error| {
        crate::error::Error::Io {
            path: path.to_owned(),
            source: e,
        }
        .to_string()
    };
    let mut file = File::open(path).map_err(io)?;
    let layout = layout(&head(&mut file).map_err(io)?);
    file.seek(SeekFrom::Start(range.start)).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(range.end.saturating_sub(range.start))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let gone = || {
        format!(
            "{}: the cable is no longer there (the file changed)",
            path.display()
        )
    };
    let (text, name) = match layout {
        Layout::Csv => {
            let mut row = csv::ByteRecord::new();
            match csv_reader(&bytes[..]).read_byte_record(&mut row) {
                Ok(true) => record_text(&row),
                _ => return Err(gone()),
            }
        }
        Layout::Text => {
            let name = path.display().to_string();
            (
                crate::source::decode(&bytes, &name).map_err(|_| gone())?.0,
                None,
            )
        }
    };
    Ok(Piece {
        number: 0,
        range: range.clone(),
        text,
        name,
    })
}

/// Whether `path` holds more than one cable (reads only as far as the second one).
#[must_use]
pub fn holds_many(path: &Path) -> bool {
    Pieces::open(path).is_ok_and(|p| p.take(2).count() == 2)
}

/// The suffix of the folder beside a file of many cables that holds their annotations.
pub const FOLDER_SUFFIX: &str = ".cablescope";

/// The path that names cable `id` of the file `file` for its annotations and reading
/// position: `FILE.cablescope/ID` (its sidecar is `FILE.cablescope/ID.annotations.ron`).
/// It is no file: the cable is read from its range of `file`.
#[must_use]
pub fn cable_path(file: &Path, id: &str) -> PathBuf {
    let mut folder = file.as_os_str().to_owned();
    folder.push(FOLDER_SUFFIX);
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect();
    PathBuf::from(folder).join(safe)
}

/// Where one cable of a corpus is: a file of its own, or a range of a file of many. What
/// the corpus-wide views (tags, taskers) carry so that a cable inside a file of many is
/// read, named and opened like any other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file.
    pub file: PathBuf,
    /// The cable's bytes in `file` when the file holds many.
    pub range: Option<Range<u64>>,
    /// Its canonical id (which names a cable of a file of many, [`cable_path`]).
    pub id: String,
}

impl Place {
    /// The path that names the cable for its annotations and reading position: its file,
    /// or for a cable inside a file of many `FILE.cablescope/ID` ([`cable_path`]).
    #[must_use]
    pub fn cable_path(&self) -> std::borrow::Cow<'_, Path> {
        place_path(&self.file, &self.id, self.range.as_ref())
    }

    /// Read the cable (see [`read_place`]).
    ///
    /// # Errors
    /// When it cannot be read, saying why.
    pub fn read(&self) -> Result<crate::source::Source, String> {
        read_place(&self.file, &self.id, self.range.as_ref())
    }
}

/// [`Place::cable_path`] of cable `id` at `range` of `file` (the whole file when `None`).
#[must_use]
pub fn place_path<'a>(
    file: &'a Path,
    id: &str,
    range: Option<&Range<u64>>,
) -> std::borrow::Cow<'a, Path> {
    match range {
        None => std::borrow::Cow::Borrowed(file),
        Some(_) => std::borrow::Cow::Owned(cable_path(file, id)),
    }
}

/// Read cable `id`: the file `file`, or its `range` of that file of many (then named
/// `FILE#ID`, its path [`cable_path`]).
///
/// # Errors
/// When it cannot be read, saying why.
pub fn read_place(
    file: &Path,
    id: &str,
    range: Option<&Range<u64>>,
) -> Result<crate::source::Source, String> {
    let Some(range) = range else {
        return crate::source::read(file).map_err(|e| e.to_string());
    };
    let piece = read_piece(file, range)?;
    Ok(crate::source::Source {
        name: format!("{}#{id}", file.display()),
        path: Some(cable_path(file, id)),
        text: piece.text,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_layout_is_known_by_its_first_record() {
        let csv = b"\"1\",\"06/03/2003 12:12\",\"03ABUDHABI2641\",\"Embassy Abu Dhabi\",";
        assert_eq!(layout(csv), Layout::Csv);
        assert_eq!(layout(b"VZCZCXYZ0000\nRR RUEHWEB\n"), Layout::Text);
        assert_eq!(layout(b"\"1\",\"x\""), Layout::Text);
    }

    #[test]
    fn a_cable_of_a_file_is_named_in_a_folder_beside_it() {
        assert_eq!(
            cable_path(Path::new("/d/cables.csv"), "09DOHA644"),
            Path::new("/d/cables.csv.cablescope/09DOHA644")
        );
        assert_eq!(
            cable_path(Path::new("all.txt"), "../x y"),
            Path::new("all.txt.cablescope/___x_y")
        );
    }
}
