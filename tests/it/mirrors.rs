//! Cables as the most-copied plain-text mirror of Cablegate (alx/cablegate) stores them:
//! five preamble lines, then the header with the classification line glued to the last
//! routing line (`RUEHDT/AMEMBASSY DILI 3432UNCLAS DILI 000134`). Every header field is
//! read, and the preamble is a cross-check.
//!
//! See: issue 12.

use cablescope::cable::Level;
use cablescope::parse::{Hints, parse, parse_with};

fn alx(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/alx/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("fixture")
}

/// id, date, FM line, level, TAGS, subject, REF ids.
type Expect = (
    &'static str,
    &'static str,
    &'static str,
    Level,
    &'static str,
    &'static str,
    &'static [&'static str],
);

#[test]
fn every_header_field_of_the_alx_layout() {
    let cases: &[Expect] = &[
        (
            "08DILI134",
            "2008-05-12 01:24 UTC",
            "AMEMBASSY DILI",
            Level::Unclassified,
            "EFIN AORC ETRD TRGY KNNP UNSC IR TT",
            "DEMARCHE TO TIMOR-LESTE ON IRAN SANCTIONS REPORT",
            &["08STATE48615"],
        ),
        (
            "08DUBLIN282",
            "2008-05-20 15:45 UTC",
            "AMEMBASSY DUBLIN",
            Level::Confidential,
            "PREL PGOV EI",
            "IRISH POLITICAL PARTIES LAUNCH VIGOROUS CAMPAIGN IN SUPPORT OF LISBON TREATY",
            &["08DUBLIN265"],
        ),
        (
            "08HELSINKI224",
            "2008-05-21 13:09 UTC",
            "AMEMBASSY HELSINKI",
            Level::Unclassified,
            "PHUM KDEM PREL EUN KPAO SOCI CU FI",
            "FINLAND: DAY OF SOLIDARITY WITH CUBAN PEOPLE",
            &["08STATE51536", "08STATE46997", "08STATE45792"],
        ),
        (
            "08KIGALI319",
            "2008-05-05 09:22 UTC",
            "AMEMBASSY KIGALI",
            Level::Unclassified,
            "PREL PGOV RW",
            "RWANDA SUPPORTS US POSITION AT NPT PREPCOM",
            &["08STATE45218", "08KIGALI301"],
        ),
    ];
    for &(id, date, from, level, tags, subject, refs) in cases {
        // From the text alone: the preamble supplies nothing the text lacks here.
        let p = parse(&alx(id));
        let c = &p.cable;
        let h = &c.header;
        assert_eq!(c.id.as_deref(), Some(id));
        assert_eq!(h.date_label().as_deref(), Some(date), "{id}");
        assert_eq!(h.from.as_deref(), Some(from), "{id}");
        assert_eq!(h.level(), Some(level), "{id}");
        assert_eq!(h.tags.join(" "), tags, "{id}");
        assert_eq!(h.subject.as_deref(), Some(subject), "{id}");
        let got: Vec<&str> = h.refs.iter().filter_map(|r| r.id.as_deref()).collect();
        assert_eq!(got, refs, "{id}");
        // The body does not start with the header.
        let first = c.paragraphs.first().map(|p| p.text.as_str()).unwrap_or("");
        assert!(
            !first.contains("VZCZC") && !first.contains("UNCLAS"),
            "{id}: {first}"
        );
        assert!(
            !p.diagnostics.iter().any(|d| d.message.contains("preamble")),
            "{id}: the preamble agrees with the text"
        );
    }
    assert_eq!(
        parse(&alx("08DILI134")).cable.signature.as_deref(),
        Some("KLEMM")
    );
}

#[test]
fn a_preamble_that_disagrees_with_the_text_is_reported() {
    let text = alx("08DILI134").replacen("08DILI134", "08DILI999", 1);
    let p = parse_with(&text, &Hints::default());
    assert_eq!(p.cable.id.as_deref(), Some("08DILI134"), "the text wins");
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.message
                == "the mirror's preamble names this cable 08DILI999, the text 08DILI134"),
        "{:?}",
        p.diagnostics
    );
}
