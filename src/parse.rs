//! `parse(&str)`: text in, [`Cable`] plus [`Diagnostic`]s out. Never panics, never gives up.
//!
//! PLACEHOLDER: a minimal blank-line splitter so the layers above can be built while the
//! real multi-pass parser is written.

mod diagnostic;

pub use diagnostic::{Diagnostic, Severity};

use serde::{Deserialize, Serialize};

use crate::cable::{Cable, Paragraph};

/// The result of parsing: the model and the problems met on the way.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    /// The document model.
    pub cable: Cable,
    /// Non-fatal problems, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse cable text.
#[must_use]
pub fn parse(text: &str) -> Parsed {
    let mut cable = Cable::default();
    let mut start: Option<(usize, usize)> = None;
    let mut offset = 0;
    let mut lines: Vec<(usize, usize, &str)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        lines.push((i + 1, offset, line));
        offset += line.len() + 1;
    }
    let mut buf: Vec<&str> = Vec::new();
    let mut flush = |buf: &mut Vec<&str>, start: Option<(usize, usize)>, end: (usize, usize)| {
        if let Some((line, byte)) = start {
            let joined = buf.join(" ");
            let text: String = joined.split_whitespace().collect::<Vec<_>>().join(" ");
            cable.paragraphs.push(Paragraph {
                page: 1,
                lines: line..end.0,
                span: byte..end.1,
                text,
                ..Paragraph::default()
            });
        }
        buf.clear();
    };
    let mut last = (0, 0);
    for &(n, off, line) in &lines {
        if line.trim().is_empty() {
            flush(&mut buf, start.take(), last);
        } else {
            if start.is_none() {
                start = Some((n, off));
            }
            buf.push(line);
            last = (n, off + line.len());
        }
    }
    flush(&mut buf, start.take(), last);
    Parsed {
        cable,
        diagnostics: Vec::new(),
    }
}
