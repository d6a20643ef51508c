//! A fast reader for sidecars in exactly the layout [`super::format::encode`] writes.
//!
//! Loading 10,000 annotations through ron's general parser takes most of the 100 ms
//! budget; a file cablescope wrote itself has a fixed layout that can be read in a few
//! milliseconds. This reader accepts only that layout, byte for byte: anything else (a
//! hand edit that changed the spacing, an unknown field, an escape it does not write, a
//! newer version) makes it give up with `None`, and the file is read by ron instead, with
//! ron's error positions. It never reports errors itself, so it cannot change what is
//! accepted or rejected — only how fast the common case is.

use chrono::{DateTime, Utc};

use crate::annotation::{Anchor, AnchorStatus, Annotation, Extra, TextPos, Tombstone};

use super::format::FORMAT_VERSION;

/// The parts of a canonical file, or `None` to fall back to ron.
pub(super) struct Parts {
    pub version: u32,
    pub source_hash: Option<String>,
    pub annotations: Vec<Annotation>,
    pub deleted: Vec<Tombstone>,
}

struct Cursor<'a> {
    s: &'a str,
}

impl<'a> Cursor<'a> {
    fn lit(&mut self, lit: &str) -> Option<()> {
        self.s = self.s.strip_prefix(lit)?;
        Some(())
    }

    fn peek(&self, lit: &str) -> bool {
        self.s.starts_with(lit)
    }

    fn number(&mut self) -> Option<usize> {
        let end = self.s.bytes().position(|b| !b.is_ascii_digit())?;
        // ron reads what fits; very long digit runs are left to it.
        if end == 0 || end > 19 || (end > 1 && self.s.starts_with('0')) {
            return None;
        }
        let n = self.s[..end].parse().ok()?;
        self.s = &self.s[end..];
        Some(n)
    }

    fn string(&mut self) -> Option<String> {
        self.lit("\"")?;
        let bytes = self.s.as_bytes();
        let mut out = String::new();
        let mut clean = 0;
        let mut i = 0;
        loop {
            let b = *bytes.get(i)?;
            match b {
                b'"' => {
                    out.push_str(&self.s[clean..i]);
                    self.s = &self.s[i + 1..];
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(&self.s[clean..i]);
                    match bytes.get(i + 1)? {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'n' => out.push('\n'),
                        b'u' => {
                            let rest = self.s.get(i + 2..)?.strip_prefix('{')?;
                            let close = rest.find('}')?;
                            let hex = &rest[..close];
                            if hex.is_empty()
                                || hex.len() > 6
                                || !hex.bytes().all(|b| b.is_ascii_hexdigit())
                            {
                                return None;
                            }
                            out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                            // `u{` + hex + `}`; the `\` and `u` are counted below.
                            i += 2 + close;
                        }
                        _ => return None,
                    }
                    i += 2;
                    clean = i;
                }
                // Raw control characters are never written by us; ron decides.
                0..0x20 | 0x7f => return None,
                _ => i += 1,
            }
        }
    }

    fn time(&mut self) -> Option<DateTime<Utc>> {
        self.string()?.parse().ok()
    }

    fn pos(&mut self) -> Option<TextPos> {
        self.lit("(paragraph: ")?;
        let paragraph = if self.peek("None") {
            self.lit("None")?;
            None
        } else {
            self.lit("Some(")?;
            let n = u32::try_from(self.number()?).ok()?;
            self.lit(")")?;
            Some(n)
        };
        self.lit(", index: ")?;
        let index = self.number()?;
        self.lit(", offset: ")?;
        let offset = self.number()?;
        self.lit(")")?;
        Some(TextPos {
            paragraph,
            index,
            offset,
        })
    }

    fn field_str(&mut self, name: &str) -> Option<String> {
        self.lit("            ")?;
        self.lit(name)?;
        self.lit(": ")?;
        let v = self.string()?;
        self.lit(",\n")?;
        Some(v)
    }

    fn annotation(&mut self) -> Option<Annotation> {
        self.lit("        (\n")?;
        let id = self.field_str("id")?;
        self.lit("            start: ")?;
        let start = self.pos()?;
        self.lit(",\n            end: ")?;
        let end = self.pos()?;
        self.lit(",\n")?;
        let exact = self.field_str("exact")?;
        let prefix = self.field_str("prefix")?;
        let suffix = self.field_str("suffix")?;
        let paragraph_hash = self.field_str("paragraph_hash")?;
        let current = if self.peek("            current: ") {
            Some(self.field_str("current")?)
        } else {
            None
        };
        self.lit("            tags: [")?;
        let mut tags = Vec::new();
        while !self.peek("]") {
            if !tags.is_empty() {
                self.lit(", ")?;
            }
            tags.push(self.string()?);
        }
        self.lit("],\n")?;
        let note = self.field_str("note")?;
        self.lit("            created: ")?;
        let created = self.time()?;
        self.lit(",\n            updated: ")?;
        let updated = self.time()?;
        self.lit(",\n        ),\n")?;
        Some(Annotation {
            id,
            anchor: Anchor {
                start,
                end,
                exact,
                prefix,
                suffix,
                paragraph_hash,
                current,
            },
            tags,
            note,
            created,
            updated,
            status: AnchorStatus::Unchecked,
            extra: Extra::new(),
        })
    }
}

/// Read `text` if it is in the canonical layout.
pub(super) fn parse(text: &str) -> Option<Parts> {
    let mut c = Cursor { s: text };
    while c.peek("//") {
        let nl = c.s.find('\n')?;
        c.s = &c.s[nl + 1..];
    }
    c.lit("(\n    version: ")?;
    let version = u32::try_from(c.number()?).ok()?;
    if version != FORMAT_VERSION {
        return None;
    }
    c.lit(",\n    source_hash: ")?;
    let source_hash = if c.peek("None") {
        c.lit("None")?;
        None
    } else {
        c.lit("Some(")?;
        let h = c.string()?;
        c.lit(")")?;
        Some(h)
    };
    c.lit(",\n    annotations: [\n")?;
    let mut annotations = Vec::with_capacity(text.len() / 600);
    while !c.peek("    ],\n") {
        annotations.push(c.annotation()?);
    }
    c.lit("    ],\n    deleted: [\n")?;
    let mut deleted = Vec::new();
    while !c.peek("    ],\n") {
        c.lit("        (id: ")?;
        let id = c.string()?;
        c.lit(", deleted: ")?;
        let at = c.time()?;
        c.lit("),\n")?;
        deleted.push(Tombstone {
            id,
            deleted: at,
            extra: Extra::new(),
        });
    }
    c.lit("    ],\n)\n")?;
    if !c.s.trim().is_empty() {
        return None;
    }
    Some(Parts {
        version,
        source_hash,
        annotations,
        deleted,
    })
}
