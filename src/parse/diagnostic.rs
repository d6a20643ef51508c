//! Diagnostics: non-fatal problems the parser met and what it did about them.

use serde::{Deserialize, Serialize};

/// How much a diagnostic matters to a reader of the cable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing (an inferred year, a recovered paragraph number).
    Info,
    /// Something could not be read as expected; the text was kept as plain paragraphs.
    Warning,
}

/// One problem, located by 1-based source line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// 1-based source line.
    pub line: usize,
    /// What was found and what was done.
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
        };
        write!(f, "line {}: {level}: {}", self.line, self.message)
    }
}
