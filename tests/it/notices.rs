//! The header's notices and caveats, read as what they are rather than as office lines,
//! the subject's last words or the body's first paragraph: a corrected copy's notice (`C
//! O R R E C T E D  C O P Y (TEXT)`), the classification guide of a `Derived from:` line,
//! the caveat of a sensitive but unclassified cable, handling caveats in small letters or
//! said again with the classification, and an E.O. line written askew. Exact on every
//! real cable of the vendored corpus that has one; the corrected copies are also counted
//! over the whole corpus, so that a new one is seen.

use cablescope::cable::Cable;
use cablescope::parse::{Hints, parse_with};

use super::corpus::corpus;

fn real(id: &str) -> Cable {
    parse_with(corpus().text(id), &Hints { name: Some(id) }).cable
}

/// Every corrected copy of the corpus, with what its notice says was corrected.
const CORRECTIONS: &[(&str, &str)] = &[
    ("07PARIS159", "PRIMARY TAG"),
    ("08BISHKEK1095", "ADDRESSEE"),
    ("08ISLAMABAD1432", "ADDED NOFORN CAPTION"),
    ("08NAIROBI1363", "NOFORN CAPTION ADDED"),
    ("08OTTAWA918", "SUBJECT LINE"),
    ("08STATE103511", "TEXT"),
    ("09BRASILIA28", "PARAGRAPHS RENUMBERED"),
    ("09BUENOSAIRES1017", "CAPTION"),
    ("09DOHA733", "ADDED NOFORN CAPITION"),
    // The notice says nothing; its next line gives the reason.
    (
        "09ISLAMABAD385",
        "CLASSIFCATION MISMATCH ERROR IN PARAGRAPH 8, 9, 10",
    ),
    ("09KABUL3714", "TEXT"),
    ("09KABUL495", "CAPTION"),
    ("09PARIS1097", "ADDED TAG"),
    ("09PARIS264", "CAPTION"),
    ("09PARIS381", "FOR MISSING NOFORN CAPTION"),
    ("09SANSALVADOR928", "CAPTION"),
    ("09STATE28302", "CAPTION ADDED"),
    ("09STATE81957", "CAPTION AND REMOVING CLASSIFICATION"),
    ("10BEIJING263", "ADDED SECSTATE ADDRESS"),
    // The reason wraps: `… AS ADDITIONAL` / `ADDRESSEE.`
    (
        "10BUENOSAIRES71",
        "ADDED AMEMBASSY LONDON AS ADDITIONAL ADDRESSEE.",
    ),
    ("10KABUL62", "HANDLING INSTRUCTIONS"),
];

#[test]
fn corrected_copies_say_what_was_corrected() {
    for &(id, why) in CORRECTIONS {
        let c = real(id);
        assert_eq!(c.header.correction.as_deref(), Some(why), "{id}");
        assert!(
            !c.header
                .office
                .iter()
                .any(|o| o.contains("C O R R") || o.contains(why)),
            "{id}: the notice is no office line: {:?}",
            c.header.office
        );
    }
    // The office lines after a whole notice stay office lines.
    assert_eq!(
        real("08BISHKEK1095").header.office,
        ["DEPT FOR SCA/CEN (GORKOWSKI)"]
    );
    assert_eq!(
        real("10BUENOSAIRES71").header.office,
        ["DEPT OF ENERGY FOR MANOLIS PRIONIOTAKIS"]
    );
    // `SENSITIVE` under a notice is the handling caveat.
    assert_eq!(
        real("09STATE81957").header.handling,
        ["NOFORN", "SIPDIS", "SENSITIVE"]
    );
    assert_eq!(
        real("09STATE81957").header.correction_label(),
        Some("CAPTION AND REMOVING CLASSIFICATION")
    );
    let silent = cablescope::cable::Header {
        correction: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(
        silent.correction_label(),
        Some("its notice does not say what was corrected")
    );
    assert_eq!(
        cablescope::cable::Header::default().correction_label(),
        None
    );
}

#[test]
fn over_the_corpus_only_those_are_corrected_copies() {
    let corpus = corpus();
    let found: Vec<&str> = corpus
        .texts
        .keys()
        .map(String::as_str)
        .filter(|id| real(id).header.correction.is_some())
        .collect();
    let want: Vec<&str> = CORRECTIONS.iter().map(|c| c.0).collect();
    assert_eq!(found, want);
    // A subject that says so is the subject's (`CORRECTED COPY: PAKISTAN: …`).
    let c = real("07ISLAMABAD5288");
    assert_eq!(c.header.correction, None);
    assert!(
        c.header
            .subject
            .as_deref()
            .is_some_and(|s| s.starts_with("CORRECTED COPY: PAKISTAN"))
    );
}

#[test]
fn a_derived_from_line_is_the_classification_guide() {
    for (id, subject) in [
        (
            "09BUENOSAIRES1311",
            "ARGENTINE GOVERNMENT TAKES UMBRAGE AT WHA A/S VALENZUELA’S REMARK REGARDING \
             BUSINESS COMMUNITY’S CONCERNS",
        ),
        (
            "10MEXICO83",
            "Scenesetter for the Opening of the Defense Bilateral Working Group, Washington, \
             D.C., February 1",
        ),
        (
            "10MEXICO141",
            "Mexico’s Latin American Unity Summit -- Back to the Future?",
        ),
    ] {
        let c = real(id);
        assert_eq!(
            c.header.derived_from.as_deref(),
            Some("DSCG 05-1 B, D"),
            "{id}"
        );
        assert_eq!(c.header.subject.as_deref(), Some(subject), "{id}");
        // The paragraphs from ¶1 on are the body's (10MEXICO83 has `Classified Secret.`
        // above ¶1, an unnumbered paragraph).
        assert_eq!(c.paragraphs.iter().find_map(|p| p.number), Some(1), "{id}");
    }
    // 10MEXICO141's line was read as the heading of ¶1–9; its only section is the
    // comment's now.
    let c = real("10MEXICO141");
    let titles: Vec<&str> = c.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Comment"]);
    assert_eq!(c.header.refs.len(), 3);
    // `Classified By: Derived from Multiple Sources` names no guide line.
    assert_eq!(real("08STATE116943").header.derived_from, None);
}

#[test]
fn the_sbu_caveat_is_the_sensitive_handling() {
    // After the subject: no longer its last words.
    for (id, subject) in [
        (
            "10PRISTINA84",
            "KOSOVO CELEBRATES SECOND ANNIVERSARY WITH SUCCESSES AND CHALLENGES",
        ),
        (
            "09MUNICH25",
            "YOUTHFUL POLITICIANS SHAKE UP GERMAN STATUS QUO",
        ),
    ] {
        let c = real(id);
        assert_eq!(c.header.subject.as_deref(), Some(subject), "{id}");
        assert!(c.header.handling.iter().any(|h| h == "SENSITIVE"), "{id}");
    }
    // 09MUNICH25's REF list below it is still the header's.
    assert_eq!(
        real("09MUNICH25")
            .header
            .refs
            .iter()
            .filter_map(|r| r.id.as_deref())
            .collect::<Vec<_>>(),
        ["09BERLIN169", "08MUNICH355"]
    );
    // Before the first paragraph: no longer a paragraph, or a heading's first words;
    // 07PARIS306's wraps (`… Please protect` / `accordingly.`).
    for id in ["07PARIS306", "09BERLIN1636", "09MOSCOW2366", "10PRISTINA84"] {
        let c = real(id);
        let first = c.paragraphs.first().expect("a paragraph");
        assert_eq!(first.number, Some(1), "{id}");
        assert!(
            !c.paragraphs
                .iter()
                .any(|p| p.text.to_ascii_uppercase().contains("BUT UNCLASSIFIED")
                    || p.text == "accordingly."),
            "{id}"
        );
    }
    for id in ["07PARIS1791", "07PARIS2027"] {
        let c = real(id);
        assert_eq!(
            c.sections.first().map(|s| s.title.as_str()),
            Some("SUMMARY"),
            "{id}"
        );
    }
}

#[test]
fn caveats_in_small_letters_or_said_again_are_handling_not_offices() {
    // In small letters (a header lowered by a mirror).
    let c = real("09NAIROBI2497");
    assert_eq!(c.header.handling, ["NOFORN", "SIPDIS"]);
    assert!(c.header.office.is_empty(), "{:?}", c.header.office);
    for id in ["08STATE15220", "09STATE4134", "09STATE68250", "88BAGHDAD28"] {
        let c = real(id);
        assert!(c.header.handling.iter().any(|h| h == "SIPDIS"), "{id}");
        assert!(c.header.office.is_empty(), "{id}: {:?}", c.header.office);
    }
    // The offices after `Sipdis,` stay offices.
    let c = real("08BERLIN643");
    assert_eq!(c.header.handling, ["SIPDIS"]);
    assert_eq!(c.header.office, ["isn/mtr, eur/ags and eur/pra"]);
    // The classification said again with its caveat under the classification line.
    for (id, office) in [
        ("09STATE119085", &[][..]),
        ("09STATE14577", &[][..]),
        (
            "06CARACAS219",
            &["HQSOUTHCOM ALSO FOR POLAD", "FOR FRC LAMBERT"][..],
        ),
    ] {
        let c = real(id);
        assert!(c.header.handling.iter().any(|h| h == "NOFORN"), "{id}");
        assert_eq!(c.header.office, office, "{id}");
    }
    // The classification line printed again is no office line.
    let c = real("06LAPAZ3400");
    assert!(c.header.office.is_empty(), "{:?}", c.header.office);
    // A banner with a release caveat is left as written (`SECRET//REL SAU`).
    assert_eq!(real("08STATE128877").header.office, ["SECRET//REL SAU"]);
}

#[test]
fn an_eo_line_written_askew_is_the_eo_line() {
    let c = real("10PARIS174");
    assert_eq!(c.header.eo.as_deref(), Some("12958: DECL: 02/08/20"));
    assert_eq!(
        c.header.declassify_on.map(|d| d.to_string()).as_deref(),
        Some("2020-02-08")
    );
    assert!(c.header.office.is_empty(), "{:?}", c.header.office);
    let c = real("09BERLIN1626");
    assert_eq!(c.header.eo.as_deref(), Some("12958: N/A"));
    assert!(!c.header.office.iter().any(|o| o.contains("12958")));
}

#[test]
fn the_outline_names_the_guide_and_the_correction() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut out = String::new();
    for id in ["10MEXICO83", "10BUENOSAIRES71"] {
        let path = dir.path().join(format!("{id}.txt"));
        std::fs::write(&path, corpus().text(id)).expect("write");
        let source = cablescope::source::read(&path).expect("readable");
        let mut buf = Vec::new();
        cablescope::commands::dump(&source, &source.parse(), false, &mut buf).expect("dump");
        out.push_str(&String::from_utf8(buf).expect("UTF-8"));
    }
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("derived from") || l.starts_with("corrected copy"))
        .collect();
    assert_eq!(
        lines,
        [
            "derived from   DSCG 05-1 B, D",
            "corrected copy ADDED AMEMBASSY LONDON AS ADDITIONAL ADDRESSEE.",
        ]
    );
}
