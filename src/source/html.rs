//! WikiLeaks cable pages (HTML) as input: the cable text is what the page shows in its
//! `<pre>` blocks.
//!
//! A Cablegate page (CABLE-FORMAT §7) carries a metadata table and the cable in two
//! `<code><pre>` blocks (transmission header, then body) with `&#x000A;` for newlines,
//! `<a>` links on TAGS and on `¶` paragraph anchors, and HTML entities. [`extract`] keeps
//! the text of every `<pre>` block in page order, as the Cablegate text files were made
//! (`SOURCES.md` beside the sample cables): tags inside a block are removed and their text
//! kept, comments dropped, entities decoded; each block ends with a newline and a blank
//! line separates one block from the next, so a page and its text version are the same
//! text, byte for byte.
//!
//! Entities are decoded by `html-escape` (every HTML5 named entity, decimal and hex
//! references ending in `;`). A reference to NUL, to a C0 control other than whitespace,
//! to a surrogate or past U+10FFFF is not a character and stays as written (`&#x1b;`);
//! others (C1 controls, bidi overrides) become characters like the same bytes in a text
//! file would, and are made visible by [`crate::sanitize`] wherever text is shown.
//!
//! The scan is linear and never panics: a `<pre` whose tag never closes ends the search,
//! a block that never closes runs to the end of the page (with a warning), and a tag that
//! never closes inside a block is kept as text.

use memchr::{memchr, memmem};

/// How far into the page [`looks_like_html`] looks for its markers.
const SNIFF_WINDOW: usize = 1024;

/// The page has no `<pre>` block with text in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoCableText;

/// Whether `name` (a file name or path) ends in `.html` or `.htm`, any case.
#[must_use]
pub fn has_html_extension(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Whether `text` is an HTML page, judged by its start: after leading whitespace it opens
/// with `<` and its first kilobyte holds `<!DOCTYPE html`, `<html` or `<pre` (any case).
/// A text cable never starts like that, whatever its file is called.
#[must_use]
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start().as_bytes();
    if head.first() != Some(&b'<') {
        return false;
    }
    let window = head[..head.len().min(SNIFF_WINDOW)].to_ascii_lowercase();
    [&b"<!doctype html"[..], b"<html", b"<pre"]
        .iter()
        .any(|marker| {
            // A whole tag name: `<pre>` or `<pre class=…>`, not `<PRESIDENT`.
            memmem::find_iter(&window, marker).any(|i| {
                window
                    .get(i + marker.len())
                    .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
            })
        })
}

/// The cable text of an HTML page: each `<pre>` block's text in page order, tags removed,
/// entities decoded, each block ending with a newline and blocks separated by a blank
/// line; plus warnings for the user (a block that is never closed).
///
/// # Errors
/// [`NoCableText`] when the page has no `<pre>` block, or only blank ones.
pub fn extract(page: &str) -> Result<(String, Vec<String>), NoCableText> {
    let bytes = page.as_bytes();
    // Where the last comment ends: a `<!--` after it is never closed, and searching the
    // rest of the page for its end again at every such `<!--` would be quadratic.
    let comments_end = memmem::rfind(bytes, b"-->").map_or(0, |i| i + 3);
    let mut text = String::new();
    let mut warnings = Vec::new();
    let mut found = false;
    let mut at = 0;
    while let Some((content_start, _)) = find_tag(bytes, comments_end, at, b"pre", false) {
        let (content_end, next) = match find_tag(bytes, comments_end, content_start, b"pre", true) {
            Some(end) => end,
            None => {
                warnings.push(
                    "a <pre> block is never closed; its text runs to the end of the page"
                        .to_owned(),
                );
                (bytes.len(), bytes.len())
            }
        };
        let mut block = page.get(content_start..content_end).unwrap_or("");
        // As in HTML, a newline right after `<pre>` is not part of the text.
        block = block
            .strip_prefix("\r\n")
            .or_else(|| block.strip_prefix('\n'))
            .unwrap_or(block);
        if found {
            text.push('\n');
        }
        html_escape::decode_html_entities_to_string(strip_tags(block), &mut text);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        found = true;
        at = next;
    }
    if !found || text.trim().is_empty() {
        return Err(NoCableText);
    }
    Ok((text, warnings))
}

/// The next `<NAME …>` (or `</NAME …>` when `closing`) at or after `from`, ASCII case
/// ignored, skipping comments (none ends after `comments_end`): the offsets where the tag
/// starts and just after its `>`. `None` when there is none, or when an opening tag's `>`
/// never comes (a closing tag cut off at the end of the page still ends the block).
fn find_tag(
    bytes: &[u8],
    comments_end: usize,
    from: usize,
    name: &[u8],
    closing: bool,
) -> Option<(usize, usize)> {
    let mut at = from;
    loop {
        let lt = at + memchr(b'<', bytes.get(at..)?)?;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            // A comment that never closes is taken as text, not as the rest of the page.
            at = if lt + 4 < comments_end {
                skip_comment(bytes, lt).unwrap_or(lt + 1)
            } else {
                lt + 1
            };
            continue;
        }
        let rest = if closing {
            match rest.strip_prefix(b"/") {
                Some(r) => r,
                None => {
                    at = lt + 1;
                    continue;
                }
            }
        } else {
            rest
        };
        let is_name = rest.len() >= name.len()
            && rest[..name.len()].eq_ignore_ascii_case(name)
            && rest
                .get(name.len())
                .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace());
        if is_name {
            return if closing {
                Some((lt, tag_end(bytes, lt + 1).unwrap_or(bytes.len())))
            } else {
                tag_end(bytes, lt + 1).map(|end| (end, end))
            };
        }
        at = lt + 1;
    }
}

/// Just after the `-->` closing the comment that opens at `lt`; `None` if it never closes.
fn skip_comment(bytes: &[u8], lt: usize) -> Option<usize> {
    let body = lt + 4;
    memmem::find(bytes.get(body..)?, b"-->").map(|i| body + i + 3)
}

/// Just after the `>` ending the tag whose name starts at `from`; a `>` inside a quoted
/// attribute value does not count. `None` if the tag never ends.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (i, &b) in bytes.get(from..)?.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return Some(from + i + 1),
            None if (b == b'"' || b == b'\'') && after_equals => quote = Some(b),
            None => {}
        }
        if !b.is_ascii_whitespace() {
            after_equals = quote.is_none() && b == b'=';
        }
    }
    None
}

/// The text of a block with its tags and comments removed (a link's text stays). A `<`
/// that does not start a tag (`a < b`), or starts one that never ends, is kept as text.
fn strip_tags(block: &str) -> std::borrow::Cow<'_, str> {
    let bytes = block.as_bytes();
    if memchr(b'<', bytes).is_none() {
        return std::borrow::Cow::Borrowed(block);
    }
    let mut out = String::with_capacity(block.len());
    let (mut kept, mut at) = (0, 0);
    while let Some(i) = bytes.get(at..).and_then(|rest| memchr(b'<', rest)) {
        let lt = at + i;
        let rest = &bytes[lt + 1..];
        let end = if rest.starts_with(b"!--") {
            skip_comment(bytes, lt)
        } else if rest
            .first()
            .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
        {
            tag_end(bytes, lt + 1)
        } else {
            at = lt + 1;
            continue;
        };
        let Some(end) = end else { break };
        out.push_str(block.get(kept..lt).unwrap_or(""));
        kept = end;
        at = end;
    }
    out.push_str(block.get(kept..).unwrap_or(""));
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(page: &str) -> String {
        extract(page).expect("cable text").0
    }

    #[test]
    fn blocks_in_order_with_links_removed_and_entities_decoded() {
        let page = "<html><body><table><tr><td>06X1</td></tr></table>\n\
            <code><pre>VZCZC&#x000A;FM AMEMBASSY X</pre></code>\n\
            <code><PRE class='b'>TAGS: <a href='/tag/PGOV_0.html'>PGOV</a> \
            <a href=\"/tag/PREL_0.html\" title='a>b'>PREL</a>&#x000A;\
            <a id='par1' href='#par1'>¶</a>1. (U) A &amp; B &lt;br&gt; &quot;q&quot; &#39;s&#39; \
            x&nbsp;y &#8217; &#x2014; &mdash;</PRE></code></body></html>";
        assert_eq!(
            text(page),
            "VZCZC\nFM AMEMBASSY X\n\nTAGS: PGOV PREL\n\
             ¶1. (U) A & B <br> \"q\" 's' x\u{a0}y \u{2019} \u{2014} \u{2014}\n"
        );
    }

    #[test]
    fn detection_by_content_and_extension() {
        assert!(looks_like_html(
            "<?xml version='1.0' encoding='utf-8' ?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">"
        ));
        assert!(looks_like_html("\n  <HTML><body>"));
        assert!(looks_like_html("<code><pre>UNCLAS</pre></code>"));
        assert!(!looks_like_html("UNCLAS MEXICO 001113\n<pre>"));
        assert!(!looks_like_html("<br>SIPDIS<br>\nE.O. 12958: N/A"));
        assert!(!looks_like_html("<br><PRESIDENT> <HTMLX>"));
        assert!(looks_like_html("<br>\n<pre class='x'>"));
        assert!(has_html_extension("a/06ASUNCION589.HTML"));
        assert!(has_html_extension("x.htm"));
        assert!(!has_html_extension("x.txt") && !has_html_extension("html"));
    }

    #[test]
    fn a_page_without_pre_text_has_no_cable() {
        assert_eq!(
            extract("<html><body>no cable</body></html>"),
            Err(NoCableText)
        );
        assert_eq!(
            extract("<html><pre>  \n</pre><pre></pre>"),
            Err(NoCableText)
        );
        assert_eq!(
            extract("<html><!-- <pre>x</pre> --></html>"),
            Err(NoCableText)
        );
        assert_eq!(extract("<html><prefix>x</prefix>"), Err(NoCableText));
        // A `<pre` whose tag never ends is not a block.
        assert_eq!(extract("<html><pre class='x"), Err(NoCableText));
        assert_eq!(extract("<html><pre"), Err(NoCableText));
    }

    #[test]
    fn hostile_blocks_never_lose_text_or_panic() {
        // A block never closed runs to the end of the page, with a warning.
        let (t, w) = extract("<pre>A\nB <a href='x'>C</a></code>").expect("text");
        assert_eq!((t.as_str(), w.len()), ("A\nB C\n", 1));
        // A tag never closed inside a block, and `<` that is no tag, are text.
        assert_eq!(text("<pre>a < b <c d='e</pre>"), "a < b <c d='e\n");
        assert_eq!(text("<pre>x<!-- note -->y<!-- open</pre>"), "xy<!-- open\n");
        // Entities out of range, NUL, C0 controls and broken ones stay as written.
        assert_eq!(
            text("<pre>&#x110000; &#0; &#x1b;[2J &#27; &#99999999999; &#xD800; &bogus; &amp</pre>"),
            "&#x110000; &#0; &#x1b;[2J &#27; &#99999999999; &#xD800; &bogus; &amp\n"
        );
        // The newline straight after <pre> is not text; the others are.
        assert_eq!(text("<pre>\nA\n</pre><pre>\r\n\nB</pre>"), "A\n\n\nB\n");
        for page in [
            "<pre>",
            "<pre>&",
            "<pre>&#",
            "<pre>&#x",
            "<pre><",
            "<pre></",
            "<pre>x</pre",
        ] {
            let _ = extract(page);
        }
        assert_eq!(text("<pre>x</pre"), "x\n");
        assert_eq!(
            text("<pre>a<!-- b --></pre><!-- c <pre>d</pre>"),
            "a\n\nd\n"
        );
    }

    /// Openers that never close cost one pass, not one pass each.
    #[test]
    fn unclosed_openers_stay_linear() {
        let started = std::time::Instant::now();
        for unit in ["<!--", "<a href='", "&#x", "&", "<", "<pre"] {
            let page = format!(
                "<pre>{}</pre>{}",
                unit.repeat(200_000),
                unit.repeat(200_000)
            );
            let _ = extract(&page);
        }
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
}
