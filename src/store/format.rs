//! The sidecar file format: pretty RON, one field per line, written by hand so that the
//! output is stable (git diffs touch only the lines of the annotation that changed) and
//! fields this version does not know are written back as they were read.
//!
//! Reading goes through serde with hand-written visitors: known fields are typed (so a
//! wrong value is reported with its line and column), unknown ones are kept as
//! [`ron::Value`]. Input is bounded: [`MAX_SIDECAR_BYTES`] and a nesting limit.

use std::fmt::{self, Write as _};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::annotation::{
    Anchor, AnchorStatus, Annotation, AnnotationSet, Extra, TextPos, Tombstone,
};

/// The format version this build writes; it reads this one and older ones.
pub const FORMAT_VERSION: u32 = 1;

/// Larger sidecars are refused unread.
pub const MAX_SIDECAR_BYTES: u64 = 64 * 1024 * 1024;

/// Deepest nesting accepted in a sidecar (the format itself needs 4 levels).
pub const RECURSION_LIMIT: usize = 64;

/// Why a sidecar's text could not be read, with the position ron reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.reason),
            _ => f.write_str(&self.reason),
        }
    }
}

/// A sidecar read from text.
#[derive(Debug)]
pub struct Decoded {
    /// The annotations (status [`AnchorStatus::Unchecked`] until re-anchored).
    pub set: AnnotationSet,
    /// The version found in the file.
    pub version: u32,
    /// Things repaired on the way (duplicate ids…).
    pub messages: Vec<String>,
}

/// Parse sidecar text.
///
/// # Errors
/// [`FormatError`] for anything that is not a sidecar this version can read.
pub fn decode(text: &str) -> Result<Decoded, FormatError> {
    match super::fast::parse(text) {
        Some(parts) => Ok(finish(FileRepr {
            version: parts.version,
            source_hash: parts.source_hash,
            annotations: parts.annotations,
            deleted: parts.deleted,
            extra: Extra::new(),
        })),
        None => decode_general(text),
    }
}

/// Whether `text` is in the exact layout [`encode`] writes (read by the fast path).
#[must_use]
pub fn is_canonical(text: &str) -> bool {
    super::fast::parse(text).is_some()
}

/// [`decode`] through ron's general parser only (what any file not in the exact layout
/// [`encode`] writes goes through; public so tests can compare the two paths).
///
/// # Errors
/// [`FormatError`] for anything that is not a sidecar this version can read.
pub fn decode_general(text: &str) -> Result<Decoded, FormatError> {
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let file: FileRepr = options.from_str(text).map_err(|e| FormatError {
        line: Some(e.span.start.line),
        column: Some(e.span.start.col),
        reason: e.code.to_string(),
    })?;
    Ok(finish(file))
}

fn finish(file: FileRepr) -> Decoded {
    let (set, mut messages) =
        AnnotationSet::from_parts(file.annotations, file.deleted, file.source_hash, file.extra);
    if file.version < FORMAT_VERSION {
        messages.push(format!(
            "sidecar format version {} migrated to version {FORMAT_VERSION} (saved on the next change)",
            file.version
        ));
    }
    Decoded {
        set,
        version: file.version,
        messages,
    }
}

/// The sidecar text for `set`; `title` names the cable in the header comment.
#[must_use]
pub fn encode(set: &AnnotationSet, title: &str) -> String {
    let mut out = String::with_capacity(256 + set.len() * 640);
    let title: String = title.chars().filter(|c| !c.is_control()).collect();
    let _ = writeln!(
        out,
        "// cablescope annotations for {title}\n\
         // Offsets are UTF-8 byte offsets into a paragraph's clean text; see the README."
    );
    out.push_str("(\n");
    let _ = writeln!(out, "    version: {FORMAT_VERSION},");
    out.push_str("    source_hash: ");
    match &set.source_hash {
        Some(h) => {
            out.push_str("Some(");
            push_str_lit(&mut out, h);
            out.push(')');
        }
        None => out.push_str("None"),
    }
    out.push_str(",\n    annotations: [\n");
    for a in set.iter() {
        encode_annotation(&mut out, a);
    }
    out.push_str("    ],\n    deleted: [\n");
    for t in set.tombstones() {
        out.push_str("        (id: ");
        push_str_lit(&mut out, &t.id);
        out.push_str(", deleted: ");
        push_str_lit(&mut out, &time(t.deleted));
        for (k, v) in &t.extra {
            push_extra_inline(&mut out, k, v);
        }
        out.push_str("),\n");
    }
    out.push_str("    ],\n");
    for (k, v) in &set.extra {
        push_extra(&mut out, "    ", k, v);
    }
    out.push_str(")\n");
    out
}

fn encode_annotation(out: &mut String, a: &Annotation) {
    const I: &str = "            ";
    out.push_str("        (\n");
    field_str(out, "id", &a.id);
    for (name, pos) in [("start", &a.anchor.start), ("end", &a.anchor.end)] {
        let _ = write!(out, "{I}{name}: (paragraph: ");
        match pos.paragraph {
            Some(n) => {
                let _ = write!(out, "Some({n})");
            }
            None => out.push_str("None"),
        }
        let _ = writeln!(out, ", index: {}, offset: {}),", pos.index, pos.offset);
    }
    field_str(out, "exact", &a.anchor.exact);
    field_str(out, "prefix", &a.anchor.prefix);
    field_str(out, "suffix", &a.anchor.suffix);
    field_str(out, "paragraph_hash", &a.anchor.paragraph_hash);
    if let Some(current) = &a.anchor.current {
        field_str(out, "current", current);
    }
    let _ = write!(out, "{I}tags: [");
    for (i, t) in a.tags.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_str_lit(out, t);
    }
    out.push_str("],\n");
    field_str(out, "note", &a.note);
    field_str(out, "created", &time(a.created));
    field_str(out, "updated", &time(a.updated));
    for (k, v) in &a.extra {
        push_extra(out, I, k, v);
    }
    out.push_str("        ),\n");
}

fn field_str(out: &mut String, name: &str, value: &str) {
    out.push_str("            ");
    out.push_str(name);
    out.push_str(": ");
    push_str_lit(out, value);
    out.push_str(",\n");
}

/// An unknown field written back: compact RON on one line. Keys that are not plain
/// identifiers cannot come from a struct and are skipped.
fn push_extra(out: &mut String, indent: &str, key: &str, value: &ron::Value) {
    if !is_identifier(key) {
        return;
    }
    if let Ok(v) = ron::to_string(value) {
        let _ = writeln!(out, "{indent}{key}: {v},");
    }
}

fn push_extra_inline(out: &mut String, key: &str, value: &ron::Value) {
    if !is_identifier(key) {
        return;
    }
    if let Ok(v) = ron::to_string(value) {
        let _ = write!(out, ", {key}: {v}");
    }
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A RON string literal; control characters are escaped (`\u{1b}`), never written raw.
fn push_str_lit(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut clean = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Only ASCII and the lead bytes of C1 controls (0xC2) and of the bidi/line
        // separators (0xE2) can start something to escape; everything else is copied.
        let (c, len) = match b {
            b'"' | b'\\' | b'\n' | 0..0x20 | 0x7f => (char::from(b), 1),
            0xc2 | 0xe2 => match s[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let escape = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            _ if needs_escape(c) => None,
            _ => {
                i += len;
                continue;
            }
        };
        out.push_str(&s[clean..i]);
        match escape {
            Some(e) => out.push_str(e),
            None => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
        i += len;
        clean = i;
    }
    out.push_str(&s[clean..]);
    out.push('"');
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The whole file as read.
struct FileRepr {
    version: u32,
    source_hash: Option<String>,
    annotations: Vec<Annotation>,
    deleted: Vec<Tombstone>,
    extra: Extra,
}

impl<'de> Deserialize<'de> for FileRepr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct(
            "Sidecar",
            &["version", "source_hash", "annotations", "deleted"],
            FileVisitor,
        )
    }
}

struct FileVisitor;

impl<'de> Visitor<'de> for FileVisitor {
    type Value = FileRepr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a cablescope sidecar: (version: 1, annotations: [..], ..)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileRepr, A::Error> {
        let mut version = None;
        let mut source_hash = None;
        let mut annotations: Option<Annotations> = None;
        let mut deleted: Option<Tombstones> = None;
        let mut extra = Extra::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => {
                    let v: u32 = map.next_value()?;
                    if v > FORMAT_VERSION {
                        return Err(de::Error::custom(format!(
                            "written by a newer cablescope (sidecar format version {v}; \
                             this version reads up to {FORMAT_VERSION}): upgrade cablescope to edit these notes"
                        )));
                    }
                    version = Some(v);
                }
                "source_hash" => source_hash = map.next_value()?,
                "annotations" => annotations = Some(map.next_value()?),
                "deleted" => deleted = Some(map.next_value()?),
                _ => {
                    let v: ron::Value = map.next_value()?;
                    extra.insert(key, v);
                }
            }
        }
        Ok(FileRepr {
            version: version.unwrap_or(0),
            source_hash,
            annotations: annotations.map(|a| a.0).unwrap_or_default(),
            deleted: deleted.map(|t| t.0).unwrap_or_default(),
            extra,
        })
    }
}

struct Annotations(Vec<Annotation>);

impl<'de> Deserialize<'de> for Annotations {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Annotations;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of annotations")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Annotations, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(100_000));
                while let Some(AnnotationRepr(a)) = seq.next_element()? {
                    out.push(a);
                }
                Ok(Annotations(out))
            }
        }
        d.deserialize_seq(V)
    }
}

struct AnnotationRepr(Annotation);

const ANNOTATION_FIELDS: &[&str] = &[
    "id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "paragraph_hash",
    "current",
    "tags",
    "note",
    "created",
    "updated",
];

impl<'de> Deserialize<'de> for AnnotationRepr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("Annotation", ANNOTATION_FIELDS, AnnotationVisitor)
    }
}

struct AnnotationVisitor;

impl<'de> Visitor<'de> for AnnotationVisitor {
    type Value = AnnotationRepr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an annotation: (id: \"..\", start: (..), end: (..), exact: \"..\", ..)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnnotationRepr, A::Error> {
        let mut id: Option<String> = None;
        let mut start: Option<TextPos> = None;
        let mut end: Option<TextPos> = None;
        let (mut exact, mut prefix, mut suffix, mut hash, mut note) =
            (None, None, None, None, None);
        let mut current: Option<String> = None;
        let mut tags: Option<Vec<String>> = None;
        let mut created: Option<DateTime<Utc>> = None;
        let mut updated: Option<DateTime<Utc>> = None;
        let mut extra = Extra::new();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => id = Some(map.next_value()?),
                Key::Start => start = Some(map.next_value()?),
                Key::End => end = Some(map.next_value()?),
                Key::Exact => exact = Some(map.next_value::<String>()?),
                Key::Prefix => prefix = Some(map.next_value::<String>()?),
                Key::Suffix => suffix = Some(map.next_value::<String>()?),
                Key::ParagraphHash => hash = Some(map.next_value::<String>()?),
                Key::Current => current = Some(map.next_value::<String>()?),
                Key::Tags => tags = Some(map.next_value()?),
                Key::Note => note = Some(map.next_value::<String>()?),
                Key::Created => created = Some(map.next_value()?),
                Key::Updated => updated = Some(map.next_value()?),
                Key::Other(key) => {
                    let v: ron::Value = map.next_value()?;
                    extra.insert(key, v);
                }
            }
        }
        let id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        let start = start.ok_or_else(|| de::Error::missing_field("start"))?;
        let end = end.unwrap_or_else(|| start.clone());
        let created = created.or(updated).unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        Ok(AnnotationRepr(Annotation {
            id,
            anchor: Anchor {
                start,
                end,
                exact: exact.unwrap_or_default(),
                prefix: prefix.unwrap_or_default(),
                suffix: suffix.unwrap_or_default(),
                paragraph_hash: hash.unwrap_or_default(),
                current,
            },
            tags: tags.unwrap_or_default(),
            note: note.unwrap_or_default(),
            created,
            updated: updated.unwrap_or(created),
            status: AnchorStatus::Unchecked,
            extra,
        }))
    }
}

/// An annotation's field name, read without allocating for the known ones.
enum Key {
    Id,
    Start,
    End,
    Exact,
    Prefix,
    Suffix,
    ParagraphHash,
    Current,
    Tags,
    Note,
    Created,
    Updated,
    Other(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(match v {
                    "id" => Key::Id,
                    "start" => Key::Start,
                    "end" => Key::End,
                    // `quote` is the pre-release (version 0) name of `exact`.
                    "exact" | "quote" => Key::Exact,
                    "prefix" => Key::Prefix,
                    "suffix" => Key::Suffix,
                    "paragraph_hash" => Key::ParagraphHash,
                    "current" => Key::Current,
                    "tags" => Key::Tags,
                    "note" => Key::Note,
                    "created" => Key::Created,
                    "updated" => Key::Updated,
                    other => Key::Other(other.to_owned()),
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

struct Tombstones(Vec<Tombstone>);

impl<'de> Deserialize<'de> for Tombstones {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tombstones;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of deletions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tombstones, A::Error> {
                let mut out = Vec::new();
                while let Some(TombstoneRepr(t)) = seq.next_element()? {
                    out.push(t);
                }
                Ok(Tombstones(out))
            }
        }
        d.deserialize_seq(V)
    }
}

struct TombstoneRepr(Tombstone);

impl<'de> Deserialize<'de> for TombstoneRepr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TombstoneRepr;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a deletion: (id: \"..\", deleted: \"..\")")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TombstoneRepr, A::Error> {
                let mut id = None;
                let mut deleted = None;
                let mut extra = Extra::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => id = Some(map.next_value::<String>()?),
                        "deleted" => deleted = Some(map.next_value::<DateTime<Utc>>()?),
                        _ => {
                            let v: ron::Value = map.next_value()?;
                            extra.insert(key, v);
                        }
                    }
                }
                Ok(TombstoneRepr(Tombstone {
                    id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                    deleted: deleted.ok_or_else(|| de::Error::missing_field("deleted"))?,
                    extra,
                }))
            }
        }
        d.deserialize_struct("Tombstone", &["id", "deleted"], V)
    }
}
