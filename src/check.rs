//! `cablescope check DIR`: every cable file in a folder, and a summary.
//!
//! [`cable_files`] lists the cable files under a folder, recursively and in name order:
//! `.txt`, `.html`/`.htm` (WikiLeaks pages) and files without an extension; hidden files
//! and folders (a name starting with `.`) are skipped, symbolic links to files are
//! followed and links to folders are not (so a link loop cannot trap the walk).
//! [`check_files`] reads and parses each one, printing its diagnostics as `check FILE`
//! does (`FILE:LINE: LEVEL: MESSAGE`, the path as found under the folder), and tallies a
//! [`Report`]: files read, files that could not be read (listed; one bad file never stops
//! the others) and diagnostics by [`kind`].

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::parse::{Parsed, Severity};
use crate::sanitize::sanitize;
use crate::source::{self, Source};

/// Parts of diagnostic messages that name something in the cable rather than say what
/// happened: the text between `before` and `after` (from the message's start when
/// `before` is empty) is not part of the message's [`kind`].
const FREE_TEXT: &[(&str, &str)] = &[
    // "cross-reference to question 99 does not resolve", "… to reftel (no REF list) …"
    ("cross-reference", "does not resolve"),
    // "cross-reference to ref C taken as entry 3 of the REF list, …"
    ("cross-reference to", "taken as"),
    // "REF B: no year given; …", "PARIS 273: serial 9999 is too high for PARIS by day 40 …"
    ("", ": no year given"),
    ("", ": serial "),
    ("is too high for", "by day"),
];

/// Opening and closing quotation marks whose content is cable text, not message.
const QUOTES: &[(char, char)] = &[('"', '"'), ('“', '”'), ('‘', '’'), ('`', '`'), ('«', '»')];

/// What kind of diagnostic `message` is: the message with what is particular to one
/// cable replaced by `…`, so that the same finding in different cables (or places) is
/// counted together. The particulars are the names in `FREE_TEXT` (what a
/// cross-reference points to, a REF's label), quoted text, and every word holding a digit
/// (numbers, paragraph marks `¶16`, ids `05SANAA923`); "cross-reference to question 99
/// does not resolve" is of the kind "cross-reference … does not resolve".
#[must_use]
pub fn kind(message: &str) -> String {
    let mut text = message.to_owned();
    for &(before, after) in FREE_TEXT {
        let start = if before.is_empty() {
            Some(0)
        } else {
            text.find(before).map(|i| i + before.len())
        };
        let Some(start) = start else { continue };
        let Some(len) = text.get(start..).and_then(|rest| rest.find(after)) else {
            continue;
        };
        let hole = &text[start..start + len];
        let name = hole.trim();
        if !name.is_empty() {
            let from = start + (hole.len() - hole.trim_start().len());
            text.replace_range(from..from + name.len(), "…");
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(&(_, close)) = QUOTES.iter().find(|&&(open, _)| open == c) {
            let rest = &text[i + c.len_utf8()..];
            if let Some(end) = rest.find(close) {
                out.push('…');
                let stop = i + c.len_utf8() + end;
                while chars.next_if(|&(j, _)| j <= stop).is_some() {}
                continue;
            }
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some((j, d)) = chars.next_if(|&(_, d)| is_word_char(d)) {
                end = j + d.len_utf8();
            }
            let word = &text[i..end];
            if word.bytes().any(|b| b.is_ascii_digit()) {
                // A full stop ending the sentence is not part of the number.
                let (_, stop) = word.split_at(word.trim_end_matches('.').len());
                out.push('…');
                out.push_str(stop);
            } else {
                out.push_str(word);
            }
            continue;
        }
        out.push(c);
    }
    while out.contains("… …") {
        out = out.replace("… …", "…");
    }
    out
}

/// Characters of a "word" for [`kind`]: a number with its dots, slashes and marks
/// (`3.A`, `1/2`, `¶16`) is one word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '/' | '-' | '_' | '¶' | '§' | '#')
}

/// Whether a file name is a cable file's: `.txt`, `.html`, `.htm` or no extension.
#[must_use]
pub fn is_cable_file(path: &Path) -> bool {
    path.extension().is_none_or(|e| {
        ["txt", "html", "htm"]
            .iter()
            .any(|ext| e.eq_ignore_ascii_case(ext))
    })
}

/// The cable files found under a folder, and what could not be looked at.
#[derive(Debug, Default)]
pub struct Listing {
    /// Cable files in walk order (entries sorted by name, depth first).
    pub files: Vec<PathBuf>,
    /// Sub-folders that could not be listed and entries that are no regular file, with why.
    pub unreadable: Vec<(PathBuf, String)>,
    /// For [`cable_files_with_stats`], each file's size and modification time
    /// ([`size_and_mtime`]; `(0, 0)` when it could not be looked at), in `files`' order.
    pub stats: Option<Vec<(u64, u128)>>,
}

impl Listing {
    /// Nothing found at all, not even something unreadable.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.unreadable.is_empty()
    }

    /// An empty listing that takes stats if this one does.
    fn like(&self) -> Self {
        Self {
            stats: self.stats.as_ref().map(|_| Vec::new()),
            ..Self::default()
        }
    }

    /// Add a cable file, with its stats when they are taken (`metadata` is only asked then).
    fn push_file(&mut self, path: PathBuf, metadata: impl FnOnce() -> io::Result<Metadata>) {
        if let Some(stats) = &mut self.stats {
            stats.push(metadata().map_or((0, 0), |m| size_and_mtime(&m)));
        }
        self.files.push(path);
    }

    /// Put `other`, a listing of what comes next, after this one.
    fn append(&mut self, other: Self) {
        self.files.extend(other.files);
        self.unreadable.extend(other.unreadable);
        if let (Some(stats), Some(more)) = (&mut self.stats, other.stats) {
            stats.extend(more);
        }
    }
}

/// A file's size and modification time (nanoseconds since the epoch, 0 when unknown):
/// what tells an index that a file changed.
#[must_use]
pub fn size_and_mtime(m: &Metadata) -> (u64, u128) {
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    (m.len(), mtime)
}

/// The cable files under `dir`, recursively (see the module documentation).
///
/// # Errors
/// When `dir` itself cannot be listed.
pub fn cable_files(dir: &Path) -> Result<Listing, Error> {
    listing_of(dir, Listing::default())
}

/// [`cable_files`] with each file's size and time, looked at as the folders are walked
/// (relative to the folder read, on the core that reads it): the index's check of an
/// unchanged corpus needs nothing else of a file.
///
/// # Errors
/// When `dir` itself cannot be listed.
pub fn cable_files_with_stats(dir: &Path) -> Result<Listing, Error> {
    listing_of(
        dir,
        Listing {
            stats: Some(Vec::new()),
            ..Listing::default()
        },
    )
}

fn listing_of(dir: &Path, mut listing: Listing) -> Result<Listing, Error> {
    let entries = list(dir, &mut listing).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    walk(entries, &mut listing, true);
    Ok(listing)
}

/// Why `path` could not be read, as `check FILE` says it (`permission denied`).
fn reason(path: &Path, source: io::Error) -> String {
    Error::Io {
        path: path.to_owned(),
        source,
    }
    .reason()
}

/// The entries of `dir`, sorted by name; an entry that cannot be read is reported
/// against the folder.
fn list(dir: &Path, listing: &mut Listing) -> io::Result<Vec<std::fs::DirEntry>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        match entry {
            Ok(entry) => entries.push(entry),
            Err(e) => listing.unreadable.push((dir.to_owned(), reason(dir, e))),
        }
    }
    entries.sort_by_key(std::fs::DirEntry::file_name);
    Ok(entries)
}

/// Add the cable files among `entries` (and in the folders among them) to `listing`. At
/// the first level with several folders (a Cablegate tree's years or months), when
/// `parallel`, the folders are walked on every core, each into a listing of its own put
/// back in its place, so that reopening a corpus of a quarter million files waits less.
fn walk(entries: Vec<std::fs::DirEntry>, listing: &mut Listing, parallel: bool) {
    let is_folder = |e: &std::fs::DirEntry| {
        !e.file_name().as_encoded_bytes().starts_with(b".")
            && e.file_type().is_ok_and(|t| t.is_dir())
    };
    if !parallel || entries.iter().filter(|e| is_folder(e)).nth(1).is_none() {
        for entry in &entries {
            walk_entry(entry, listing, parallel);
        }
        return;
    }
    let blank = listing.like();
    let walked = crate::corpus::parallel::map_indexed(&entries, |_, e| {
        is_folder(e).then(|| {
            let mut own = blank.like();
            walk_entry(e, &mut own, false);
            own
        })
    });
    for (entry, own) in entries.iter().zip(walked) {
        match own {
            Some(own) => listing.append(own),
            None => walk_entry(entry, listing, false),
        }
    }
}

/// Add `entry` to `listing` if it is a cable file, or the cable files under it if it is
/// a folder ([`walk`], `parallel` or not).
fn walk_entry(entry: &std::fs::DirEntry, listing: &mut Listing, parallel: bool) {
    if entry.file_name().as_encoded_bytes().starts_with(b".") {
        return;
    }
    let path = entry.path();
    let file_type = match entry.file_type() {
        Ok(t) => t,
        Err(e) => {
            let why = reason(&path, e);
            listing.unreadable.push((path, why));
            return;
        }
    };
    if file_type.is_dir() {
        match list(&path, listing) {
            Ok(inner) => walk(inner, listing, parallel),
            Err(e) => {
                let why = reason(&path, e);
                listing.unreadable.push((path, why));
            }
        }
        return;
    }
    if !is_cable_file(&path) {
        return;
    }
    if file_type.is_file() {
        listing.push_file(path, || entry.metadata());
        return;
    }
    // Through a symbolic link: a folder is not followed; a broken link is reported.
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => listing.push_file(path, || Ok(m)),
        Ok(m) if m.is_dir() => {}
        Ok(_) => listing
            .unreadable
            .push((path, "not a regular file".to_owned())),
        Err(e) => {
            let why = reason(&path, e);
            listing.unreadable.push((path, why));
        }
    }
}

/// What checking a set of files found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files read and parsed.
    pub files_read: usize,
    /// Files (and folders) that could not be read, with why, in path order.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Warnings by [`kind`].
    pub warnings: BTreeMap<String, usize>,
    /// Infos by [`kind`].
    pub infos: BTreeMap<String, usize>,
    /// Files with at least one warning.
    pub files_with_warnings: usize,
    /// Files with at least one info.
    pub files_with_infos: usize,
}

impl Report {
    /// Count one parsed file's diagnostics.
    pub fn add(&mut self, parsed: &Parsed) {
        self.files_read += 1;
        let (mut warned, mut informed) = (false, false);
        for d in &parsed.diagnostics {
            let (tally, seen) = match d.severity {
                Severity::Warning => (&mut self.warnings, &mut warned),
                Severity::Info => (&mut self.infos, &mut informed),
            };
            *tally.entry(kind(&d.message)).or_default() += 1;
            *seen = true;
        }
        self.files_with_warnings += usize::from(warned);
        self.files_with_infos += usize::from(informed);
    }

    /// Whether `check` should exit with status 1: a warning, or a file not read.
    #[must_use]
    pub fn failed(&self) -> bool {
        !self.warnings.is_empty() || !self.unreadable.is_empty()
    }

    /// The summary: files read, files not read (each with why), then warnings and infos
    /// by kind, most frequent first (ties in kind order), e.g.
    ///
    /// ```text
    /// files read: 3
    /// files not read: 1
    ///   cables/scan.png: binary data, not a text cable
    /// warnings: 2 in 1 file
    ///   2  paragraph number … out of sequence (expected …); kept as an unnumbered paragraph
    /// infos: 5 in 3 files
    ///   4  text outside numbered paragraphs kept as a plain paragraph
    ///   1  cross-reference … does not resolve
    /// ```
    ///
    /// # Errors
    /// Only when writing fails.
    pub fn write_summary(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "files read: {}", self.files_read)?;
        writeln!(out, "files not read: {}", self.unreadable.len())?;
        for (path, why) in &self.unreadable {
            writeln!(out, "  {}: {}", sanitize(&path.display().to_string()), why)?;
        }
        let width = self
            .warnings
            .values()
            .chain(self.infos.values())
            .max()
            .map_or(1, |n| n.to_string().len());
        for (label, kinds, files) in [
            ("warnings", &self.warnings, self.files_with_warnings),
            ("infos", &self.infos, self.files_with_infos),
        ] {
            let total: usize = kinds.values().sum();
            if total == 0 {
                writeln!(out, "{label}: 0")?;
                continue;
            }
            let plural = if files == 1 { "" } else { "s" };
            writeln!(out, "{label}: {total} in {files} file{plural}")?;
            let mut sorted: Vec<_> = kinds.iter().collect();
            sorted.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            for (kind, n) in sorted {
                writeln!(out, "  {n:>width$}  {}", sanitize(kind))?;
            }
        }
        Ok(())
    }
}

/// Read, parse and tally every file of `listing`; unless `summary_only`, print each
/// file's diagnostics as `check FILE` does. Warnings about how a file was read (lossy
/// UTF-8, an unclosed HTML block) go to `err`, as for one file.
///
/// # Errors
/// Only when writing fails.
pub fn check_files(
    listing: Listing,
    summary_only: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Report> {
    let mut report = Report {
        unreadable: listing.unreadable,
        ..Report::default()
    };
    for path in listing.files {
        match source::read(&path) {
            Ok(source) => {
                let parsed = source.parse_without_definitions();
                check_one(&source, &parsed, summary_only, out, err)?;
                report.add(&parsed);
            }
            Err(e) => report.unreadable.push((path, e.reason())),
        }
    }
    report.unreadable.sort();
    Ok(report)
}

fn check_one(
    source: &Source,
    parsed: &Parsed,
    summary_only: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    for w in &source.warnings {
        writeln!(err, "cablescope: warning: {}", sanitize(w))?;
    }
    if summary_only {
        return Ok(());
    }
    crate::commands::check(source, parsed, out).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_walked_on_every_core_keep_the_walk_order() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        for (path, text) in [
            ("a.txt", "x"),
            ("b/1.txt", "x"),
            ("b/c/2.txt", "x"),
            ("b/c/notes.md", "x"),
            ("d.html", "x"),
            ("e/f/g/3", "x"),
            ("e/4.htm", "x"),
            (".hidden/5.txt", "x"),
            ("h/.6.txt", "x"),
            ("i.txt", "x"),
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().expect("a folder")).expect("folder");
            std::fs::write(p, text).expect("written");
        }
        std::fs::create_dir(root.join("empty")).expect("folder");
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("j.txt")).expect("link");
        let listing = cable_files(root).expect("listed");
        let found: Vec<String> = listing
            .files
            .iter()
            .map(|p| p.strip_prefix(root).expect("under").display().to_string())
            .collect();
        assert_eq!(
            found,
            [
                "a.txt",
                "b/1.txt",
                "b/c/2.txt",
                "d.html",
                "e/4.htm",
                "e/f/g/3",
                "i.txt"
            ]
        );
        // The same as one walk on one core, the broken link reported in its place.
        let mut one = Listing::default();
        let entries = list(root, &mut one).expect("listed");
        walk(entries, &mut one, false);
        assert_eq!(one.files, listing.files);
        assert_eq!(one.unreadable, listing.unreadable);
        #[cfg(unix)]
        assert_eq!(listing.unreadable.len(), 1);
        assert_eq!(listing.stats, None);
        // With stats: the same files, each with its size and time as a stat of its path
        // gives them, a link followed to its file.
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("b/1.txt"), root.join("k.txt")).expect("link");
        let listing = cable_files_with_stats(root).expect("listed");
        let stats = listing.stats.expect("stats");
        assert_eq!(stats.len(), listing.files.len());
        for (path, stat) in listing.files.iter().zip(&stats) {
            let m = std::fs::metadata(path).expect("a file");
            assert_eq!(*stat, size_and_mtime(&m), "{}", path.display());
        }
        assert!(stats.iter().all(|&(size, mtime)| size > 0 && mtime > 0));
    }

    #[test]
    fn kinds_keep_what_happened_and_drop_what_it_happened_to() {
        for (message, expected) in [
            (
                "cross-reference to question 99 does not resolve",
                "cross-reference … does not resolve",
            ),
            (
                "cross-reference to reftel (several REF entries) does not resolve",
                "cross-reference … does not resolve",
            ),
            (
                "REF B: no year given; assumed the cable's year (09)",
                "…: no year given; assumed the cable's year (…)",
            ),
            (
                "RIO DE JANEIRO 273: no year given; assumed the cable's year (09)",
                "…: no year given; assumed the cable's year (…)",
            ),
            (
                "REF A: serial 9999 is too high for SAO PAULO by day 12 of the year; \
                 the cited cable is probably from an earlier year",
                "…: serial … is too high for … by day … of the year; \
                 the cited cable is probably from an earlier year",
            ),
            (
                "paragraph number read as \"1[6 .\": taken as ¶6 from the sequence",
                "paragraph number read as …: taken as … from the sequence",
            ),
            (
                "paragraph number 4 out of sequence (expected 5); kept as an unnumbered paragraph",
                "paragraph number … out of sequence (expected …); kept as an unnumbered paragraph",
            ),
            (
                "the classification line repeats the year 75; WikiLeaks lists this cable as \
                 7575LIBREVILLE1895",
                "the classification line repeats the year …; WikiLeaks lists this cable as …",
            ),
            (
                "no date-time group; year 2006 inferred from the E.O. declassification date",
                "no date-time group; year … inferred from the E.O. declassification date",
            ),
            (
                "no classification line: reference id built from the FM and DE lines",
                "no classification line: reference id built from the FM and DE lines",
            ),
            ("answer 3.A and 3.B are “merged”.", "answer … and … are …."),
            ("", ""),
        ] {
            assert_eq!(kind(message), expected, "{message}");
        }
    }

    #[test]
    fn cable_files_by_name() {
        for (name, yes) in [
            ("09STATE80163.txt", true),
            ("09STATE80163.TXT", true),
            ("09STATE80163.html", true),
            ("page.htm", true),
            ("09STATE80163", true),
            ("09STATE80163.txt.annotations.ron", false),
            ("09STATE80163.txt.annotations.ron.bak", false),
            ("notes.md", false),
        ] {
            assert_eq!(is_cable_file(Path::new(name)), yes, "{name}");
        }
    }
}
