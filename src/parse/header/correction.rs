//! The corrected-copy notice: a cable sent again with a fault mended says so under its
//! classification line, its letters spaced like the classification's (`C O R R E C T E
//! D  C O P Y (TEXT)`, `C O R R E C T E D COPY - ADDED NOFORN CAPTION`). It is not an
//! office line: the header keeps what was corrected.

use super::super::vocab::CORRECTED_COPY;

/// What a corrected-copy notice line says was corrected (`TEXT`, `ADDED NOFORN
/// CAPTION`), empty when it says nothing; `None` when `line` is no such notice.
pub(super) fn reason(line: &str) -> Option<&str> {
    let mut want = CORRECTED_COPY.bytes().peekable();
    let mut end = 0;
    for (k, b) in line.bytes().enumerate() {
        let Some(&w) = want.peek() else { break };
        if b == b' ' {
            continue;
        }
        if !b.eq_ignore_ascii_case(&w) {
            return None;
        }
        want.next();
        end = k + 1;
    }
    if want.peek().is_some() {
        return None;
    }
    let rest = line.get(end..)?;
    // A letter right after `COPY` makes it another word (`COPYRIGHT`).
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(trim(rest))
}

/// A reason without the separators and brackets around it: `- (ADDED SECSTATE
/// ADDRESS)` → `ADDED SECSTATE ADDRESS`, `//SUBJECT LINE/////` → `SUBJECT LINE`.
pub(super) fn trim(s: &str) -> &str {
    let s = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | ':'));
    match s.strip_prefix('(').and_then(|i| i.strip_suffix(')')) {
        Some(inner) if !inner.contains(['(', ')']) => inner.trim(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_of_real_cables() {
        for (line, want) in [
            ("C O R R E C T E D COPY (TEXT)", Some("TEXT")),
            (
                "C O R R E C T E D C O P Y (PRIMARY TAG) ",
                Some("PRIMARY TAG"),
            ),
            ("C O R R E C T E D  C O P Y (ADDRESSEE)", Some("ADDRESSEE")),
            (
                "C O R R E C T E D   C O P Y - ADDED NOFORN CAPTION",
                Some("ADDED NOFORN CAPTION"),
            ),
            (
                "C O R R E C T E D COPY//SUBJECT LINE//////////",
                Some("SUBJECT LINE"),
            ),
            ("C O R R E C T E D C O PY (TEXT)", Some("TEXT")),
            ("C O R R E C T E D COPY CAPTION", Some("CAPTION")),
            (
                "C O R R E C T E D C O P Y - (ADDED SECSTATE ADDRESS)",
                Some("ADDED SECSTATE ADDRESS"),
            ),
            ("C O R R E C T E D COPY", Some("")),
            ("CORRECTED COPY", Some("")),
        ] {
            assert_eq!(reason(line), want, "{line}");
        }
    }

    #[test]
    fn other_lines_are_no_notice() {
        for line in [
            "C O N F I D E N T I A L BOGOTA 001234",
            "CORRECTED COPYRIGHT NOTICE",
            "CORRECTED",
            "STATE FOR WHA/PPC AND G/TIP",
            "",
        ] {
            assert_eq!(reason(line), None, "{line}");
        }
    }
}
