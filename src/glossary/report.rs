//! `cablescope glossary FILE|DIR [--json]`: one record per acronym, for one cable or for
//! every cable of a folder scoped by sending post ([`super::folder`]), as a table or JSON.

use std::io::{self, Write};

use serde::Serialize;

use super::{Glossary, Source};
use crate::cable::Cable;
use crate::sanitize::sanitize_with;

/// One record of the `glossary` command.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// The acronym or TAGS code.
    pub acronym: String,
    /// What it stands for; `null` when no source explains it.
    pub expansion: Option<String>,
    /// `inline`, `corpus`, `tags` or `abbreviations`; `null` when unknown.
    pub source: Option<Source>,
    /// Number of the paragraph of the first definition (inline and corpus), when numbered.
    pub paragraph: Option<u32>,
    /// How well the letters match the words, 0 to 1 (inline and corpus).
    pub confidence: Option<f32>,
    /// Uses in the cable's (or the post's cables') paragraphs.
    pub uses: usize,
    /// The sending post the record is scoped to (folders only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    /// The cable that defines it (folders, and corpus definitions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cable: Option<String>,
    /// Other meanings given to the same letters, each with where.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
}

/// The records of one cable's glossary.
#[must_use]
pub fn file_records(cable: &Cable, glossary: &Glossary) -> Vec<Record> {
    glossary
        .entries
        .iter()
        .map(|e| Record {
            acronym: e.acronym.clone(),
            expansion: e.expansion.clone(),
            source: e.source,
            paragraph: e
                .paragraph
                .and_then(|i| cable.paragraphs.get(i))
                .and_then(|p| p.number),
            confidence: e.confidence,
            uses: e.uses,
            post: None,
            cable: e.cable.clone(),
            conflicts: e.conflicts.clone(),
        })
        .collect()
}

/// Write `records` as JSON (an array) or as a table, one line each.
///
/// # Errors
/// Only when writing fails.
pub fn write(records: &[Record], json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        crate::sanitize::write_json_pretty(&mut *out, &records)?;
        return writeln!(out);
    }
    for r in records {
        let expansion = r.expansion.as_deref().unwrap_or("(unknown)");
        let source = r.source.map_or("-", Source::label);
        let mut line = format!("{:<10} {expansion}  [{source}", r.acronym);
        if let Some(post) = &r.post {
            line.push_str(&format!(", {post}"));
        }
        if let Some(cable) = &r.cable {
            line.push_str(&format!(", {cable}"));
        }
        if let Some(p) = r.paragraph {
            line.push_str(&format!(" ¶{p}"));
        }
        if let Some(c) = r.confidence {
            line.push_str(&format!(", confidence {c:.2}"));
        }
        line.push_str(&format!("]  {} uses", r.uses));
        if !r.conflicts.is_empty() {
            line.push_str(&format!("  also: {}", r.conflicts.join("; ")));
        }
        writeln!(out, "{}", sanitize_with(&line, false))?;
    }
    Ok(())
}
