//! Make text safe to put on a terminal.
//!
//! Cables and sidecars come from strangers. A control character (ESC starting a CSI or
//! OSC sequence, BEL, backspace, C1 controls) written to a terminal can move the cursor,
//! retitle the window or reach the clipboard. Every string from a file goes through
//! [`sanitize`] before it is drawn or printed: controls become visible placeholders from
//! the Unicode "Control Pictures" block, tabs become spaces.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as is.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible stand-in for an unsafe character.
#[must_use]
pub fn placeholder(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// Replace control characters with placeholders; tabs become four spaces and newlines are
/// kept only when `keep_newlines` is set.
#[must_use]
pub fn sanitize_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if bad(c) {
            out.push(placeholder(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`sanitize_with`] for one line of display text: newlines become placeholders too.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    sanitize_with(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\x1b]52;c;ZXZpbA==\x07b"), "a␛]52;c;ZXZpbA==␇b");
        assert_eq!(sanitize("\x1b[2J"), "␛[2J");
        assert_eq!(sanitize("x\u{9b}y"), "x\u{fffd}y");
        assert_eq!(sanitize("a\tb"), "a    b");
        assert_eq!(sanitize_with("a\nb\r", true), "a\nb␍");
        assert!(matches!(sanitize("plain ¶ text"), Cow::Borrowed(_)));
    }
}
