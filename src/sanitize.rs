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

/// Write `value` as pretty JSON with every unsafe character escaped as `\uXXXX`.
///
/// `serde_json` escapes only U+0000–U+001F; a C1 control such as U+009B (a one-character
/// CSI) or a bidi override would otherwise reach a terminal that `dump --json` or
/// `notes --format json` prints to. The escaped JSON decodes to the same strings.
///
/// # Errors
/// When writing fails.
pub fn write_json_pretty<T: serde::Serialize + ?Sized>(
    out: &mut dyn std::io::Write,
    value: &T,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter::default());
    value.serialize(&mut ser).map_err(std::io::Error::from)
}

/// A pretty JSON formatter that escapes [`is_unsafe`] characters inside strings.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            writer.write_all(&rest.as_bytes()[..i])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
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

    #[test]
    fn json_escapes_c1_and_bidi_but_means_the_same() {
        let value = vec!["a\u{9b}2J\u{202e}b\x1b\u{7f}é".to_owned()];
        let mut out = Vec::new();
        write_json_pretty(&mut out, &value).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains('é'));
        let back: Vec<String> = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }
}
