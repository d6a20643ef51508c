//! WikiLeaks cable pages (HTML) as input (issue 12): a page reads as the text of its
//! `<pre>` blocks. `tests/fixtures/html/` holds three pages exactly as WikiLeaks published
//! them; their text versions, made from the pages as `../shared/cables/SOURCES.md` says
//! (each `<pre>` block's text, links removed, entities decoded), are the fixtures of the
//! same name in `tests/fixtures/`.

use std::path::{Path, PathBuf};
use std::process::Output;

use super::bad_input::run;

use cablescope::parse::parse;
use cablescope::source;

const PAGES: [&str; 3] = ["06ASUNCION589", "09STATE131801", "10NEWDELHI295"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn page(id: &str) -> PathBuf {
    fixtures().join("html").join(format!("{id}.html"))
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

/// The page's text is its text version byte for byte, so the two give the same model:
/// the same `Cable`, the same diagnostics, the same source offsets and line numbers.
#[test]
fn each_page_reads_as_its_text_version_and_gives_the_same_model() {
    for id in PAGES {
        let from_page = source::read(&page(id)).expect("the page reads");
        let txt = fixtures().join(format!("{id}.txt"));
        let from_txt = source::read(&txt).expect("the text reads");
        assert!(
            from_page.warnings.is_empty(),
            "{id}: {:?}",
            from_page.warnings
        );
        assert_eq!(from_page.text, from_txt.text, "{id}: the page's text");
        let (a, b) = (parse(&from_page.text), parse(&from_txt.text));
        assert_eq!(a.cable, b.cable, "{id}: the model");
        assert_eq!(a.diagnostics, b.diagnostics, "{id}: the diagnostics");
        assert!(
            a.cable
                .id
                .as_deref()
                .is_some_and(|got| got.ends_with(&id[2..])),
            "{id}: read as {:?}",
            a.cable.id
        );
        // And through the binary: the JSON interface, the clean text, the diagnostics.
        for args in [&["dump", "--json"][..], &["text"], &["text", "--raw"]] {
            assert_eq!(
                stdout(&run(args, &page(id))),
                stdout(&run(args, &txt)),
                "{id}: {args:?}"
            );
        }
        let check = |path: &Path| {
            let out = run(&["check"], path);
            let name = format!("{}:", path.display());
            String::from_utf8_lossy(&out.stdout).replace(&name, "FILE:")
        };
        assert_eq!(check(&page(id)), check(&txt), "{id}: check");
    }
}

/// A page is known by its content whatever its name: saved as `.txt` or with no
/// extension it reads the same.
#[test]
fn a_page_is_known_by_its_content_not_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let expected = std::fs::read_to_string(fixtures().join("06ASUNCION589.txt")).expect("txt");
    for name in ["page.txt", "06ASUNCION589", "PAGE.HTM"] {
        let copy = dir.path().join(name);
        std::fs::copy(page("06ASUNCION589"), &copy).expect("copy");
        let read = source::read(&copy).expect("reads");
        assert_eq!(read.text, expected, "{name}");
    }
}

#[test]
fn a_page_without_a_pre_block_is_one_clear_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&str, &[u8]); 4] = [
        (
            "index.html",
            b"<!DOCTYPE html><html><body><p>Cable Viewer</p></body></html>",
        ),
        (
            "blank.html",
            b"<html><body><pre>  &#x000A; </pre></body></html>",
        ),
        ("cut.txt", b"<!DOCTYPE html>\n<html><body><code><pre"),
        ("unclosed.htm", b"<p>no html markers in the first kilobyte"),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        for args in [&["text"][..], &["dump"], &["dump", "--json"], &["check"]] {
            let out = run(args, &path);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}");
            assert!(out.stdout.is_empty());
            assert_eq!(
                String::from_utf8_lossy(&out.stderr),
                format!(
                    "cablescope: {}: no cable text (<pre> block) in this HTML page\n",
                    path.display()
                ),
                "{name} {args:?}"
            );
        }
    }
}

/// A block that never closes runs to the end of the page, with a warning; a tag that
/// never closes inside a block, a `<` that starts none and broken or out-of-range
/// entities are kept as text.
#[test]
fn unterminated_blocks_and_tags_and_bad_entities_keep_their_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cut.html");
    std::fs::write(
        &path,
        "<html><code><pre>UNCLAS ASUNCION 000589&#x000A;&#x000A;SUBJECT: A &amp; B&#x000A;&#x000A;\
         ¶1. (U) x < y, &#x110000; &#99999999999; &#xD800; &#0; &nosuch; &amp <a href='x",
    )
    .expect("write");
    let out = run(&["text", "--raw"], &path);
    assert_eq!(
        stdout(&out),
        "UNCLAS ASUNCION 000589\n\nSUBJECT: A & B\n\n¶1. (U) x < y, &#x110000; &#99999999999; \
         &#xD800; &#0; &nosuch; &amp <a href='x\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "cablescope: warning: {}: a <pre> block is never closed; \
             its text runs to the end of the page\n",
            path.display()
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["dump", "--json"], &path))).expect("JSON");
    assert_eq!(json["header"]["subject"], "A & B");
    assert_eq!(json["paragraphs"][0]["number"], 1);
}

/// Control characters, raw or written as entities (C1 CSI, DEL, bidi overrides; C0
/// references such as `&#x1b;` are not decoded at all), never reach the terminal from
/// any command.
#[test]
fn control_characters_from_a_page_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("evil.html");
    let page = "<html><pre>UNCLAS EVIL 000001\n\nSUBJECT: EVIL \x1b]0;pwned\x07 &#x9b;2J TITLE\n\n\
                ¶1. (U) Clear \x1b[2J &#x1b;[2J &#27;]52 &#155;31m &#x7f; &#x202e;gnp.exe \
                &#8238; <a href='#'>\x1b]8;;http://x\x1b\\link</a>. See para 9.\n</pre></html>";
    std::fs::write(&path, page).expect("write");
    for args in [
        &["text"][..],
        &["text", "--raw"],
        &["dump"],
        &["dump", "--json"],
        &["check"],
    ] {
        let out = run(args, &path);
        let shown = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(!shown.is_empty(), "{args:?} printed nothing");
        assert!(
            !shown
                .chars()
                .any(|c| cablescope::sanitize::is_unsafe(c) && c != '\n'),
            "{args:?} printed a control character: {shown:?}"
        );
    }
    let raw = stdout(&run(&["text", "--raw"], &path));
    assert!(raw.contains("␛]0;pwned␇") && raw.contains("&#x1b;[2J") && raw.contains("&#27;"));
}

/// A big page (8 MB of cable text in 200,000 links and entities) reads in linear time.
#[test]
fn a_big_page_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.html");
    let mut page = String::from("<!DOCTYPE html>\n<html><code><pre>UNCLAS BIG 000001&#x000A;");
    for i in 0..200_000 {
        page.push_str(&format!(
            "<a id='par{i}' href='#par{i}'>¶</a>{}. (U) A &amp; B &#x2014; C.&#x000A;",
            i + 1
        ));
    }
    page.push_str("</pre></code></html>");
    std::fs::write(&path, &page).expect("write");
    let started = std::time::Instant::now();
    let read = source::read(&path).expect("reads");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert_eq!(read.text.lines().count(), 200_001);
    assert!(read.text.ends_with("¶200000. (U) A & B \u{2014} C.\n"));
}

/// The reader opens a page, and a REF link opens the cited cable's page when it sits
/// beside the cable as `ID.html` (06MEXICO1113's "(Ref C)" in ¶4 cites 05MEXICO5224;
/// any page stands in for it here).
#[test]
fn the_reader_opens_a_page_and_a_ref_link_opens_a_page_beside_it() {
    use super::e2e::Session;
    let home = tempfile::tempdir().expect("tempdir");
    let cables = home.path().join("cables");
    std::fs::create_dir(&cables).expect("mkdir");
    let page_path = cables.join("10NEWDELHI295.html");
    std::fs::copy(page("10NEWDELHI295"), &page_path).expect("copy page");
    let mut s = Session::start(&[page_path.to_str().expect("utf-8")], home.path(), &[]);
    s.wait_text("10NEWDELHI295.html ─");
    s.wait_text("Contents");
    s.send("q");
    assert!(s.finish(), "exit status 0");

    let seed = cables.join("06MEXICO1113.txt");
    std::fs::copy(fixtures().join("06MEXICO1113.txt"), &seed).expect("copy seed");
    std::fs::copy(page("06ASUNCION589"), cables.join("05MEXICO5224.html")).expect("copy");
    let mut s = Session::start(&[seed.to_str().expect("utf-8")], home.path(), &[]);
    s.wait_text("Contents");
    s.send(":4\r");
    s.wait_text("│ ¶4 │");
    s.send("\r");
    s.wait_text("05MEXICO5224.html ─");
    s.wait_text("PARAGUAY");
    s.send("\x0f");
    s.wait_text("06MEXICO1113.txt ─");
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

/// Written into a page the way WikiLeaks writes cable text: `&`, `<`, `>` as entities,
/// newlines as `&#x000A;`.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "&#x000A;")
}

proptest::proptest! {
    /// Any text written into a page's `<pre>` blocks comes back as it was.
    #[test]
    fn any_text_written_into_a_page_comes_back(
        header in "[^\r]{0,80}",
        body in "[^\r]{1,300}",
    ) {
        proptest::prop_assume!(!body.trim().is_empty());
        let page = format!(
            "<!DOCTYPE html>\n<html><body><table><tr><td>x</td></tr></table>\n\
             <code><pre>{}</pre></code>\n<code><pre>{}</pre></code></body></html>",
            escape(&header),
            escape(&body)
        );
        let ended = |t: &str| if t.ends_with('\n') { t.to_owned() } else { format!("{t}\n") };
        let (text, warnings) = source::html::extract(&page).expect("cable text");
        proptest::prop_assert_eq!(text, format!("{}\n{}", ended(&header), ended(&body)));
        proptest::prop_assert!(warnings.is_empty());
    }

    /// Any soup of tags, entities and text extracts without panicking, in bounded space.
    #[test]
    fn any_tag_soup_extracts_without_panicking(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "<pre", "<PRE>", ">", "</pre>", "</pre", "<a href='", "'", "\"", "=", "</a>",
                "<!--", "-->", "&", "&#", "&#x", "1b", "110000", ";", "&amp;", "&#x000A;",
                "x", " ", "\n", "<", "/", "¶", "<code>",
            ]),
            0..60,
        ),
    ) {
        let page = parts.concat();
        if let Ok((text, _)) = source::html::extract(&page) {
            proptest::prop_assert!(text.ends_with('\n'));
            proptest::prop_assert!(text.len() <= 2 * page.len() + 2);
        }
    }
}
