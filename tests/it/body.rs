//! The body on real cables of the corpus: signatures in any case, headings that stand
//! alone, paragraph numbers out of the window, false `¶` on dates, numbers without a
//! period, release markings, long paragraphs. Exact expectations, each from a cable read
//! by hand.
//!
//! See: issue 12.

use cablescope::cable::{Cable, Paragraph};
use cablescope::parse::{Hints, Parsed, parse_with};

use super::corpus::corpus;

fn parse_id(id: &str) -> Parsed {
    parse_with(corpus().text(id), &Hints { name: Some(id) })
}

/// A fixture parsed with its name, as the program parses a file.
fn parse_fixture(name: &str) -> Parsed {
    let path = format!("{}/tests/fixtures/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("fixture");
    parse_with(&text, &Hints { name: Some(name) })
}

fn numbers(c: &Cable) -> Vec<u32> {
    c.paragraphs.iter().filter_map(|p| p.number).collect()
}

fn titles(c: &Cable) -> Vec<&str> {
    c.sections.iter().map(|s| s.title.as_str()).collect()
}

/// Paragraph `n` of `c`.
fn paragraph(c: &Cable, n: u32) -> &Paragraph {
    c.paragraphs
        .iter()
        .find(|p| p.number == Some(n))
        .unwrap_or_else(|| panic!("no ¶{n}"))
}

/// The numbers of the paragraphs under the section titled `title`.
fn numbers_under(c: &Cable, title: &str) -> Vec<u32> {
    let s = c
        .sections
        .iter()
        .position(|s| s.title == title)
        .unwrap_or_else(|| panic!("no section {title:?} in {:?}", titles(c)));
    c.paragraphs
        .iter()
        .filter(|p| p.section == Some(s))
        .filter_map(|p| p.number)
        .collect()
}

#[test]
fn signatures_in_mixed_case() {
    for (id, name) in [
        ("05PARIS104", "Leach"),
        ("09BRASILIA905", "KUBISKE"),
        ("09STATE68250", "Clinton"),
        ("09PRAGUE589", "Thompson-Jones"),
        ("09DOHA502", "LeBaron"),
    ] {
        let p = parse_id(id);
        assert_eq!(p.cable.signature.as_deref(), Some(name), "{id}");
        let last = p
            .cable
            .paragraphs
            .last()
            .map(|p| p.text.as_str())
            .unwrap_or("");
        assert!(
            !last.ends_with(name),
            "{id}: the name is not glued to the text"
        );
    }
}

#[test]
fn headings_that_stand_alone() {
    let p = parse_id("09BRASILIA905");
    assert!(titles(&p.cable).contains(&"Third Term for President Lula?"));
    let third = p
        .cable
        .sections
        .iter()
        .find(|s| s.title == "Third Term for President Lula?")
        .expect("the heading");
    let first = third
        .paragraphs
        .first()
        .and_then(|&i| p.cable.paragraphs.get(i));
    assert_eq!(first.and_then(|p| p.number), Some(7));
    // The text before it no longer ends with it.
    let six = paragraph(&p.cable, 6);
    assert!(!six.text.contains("Third Term"));

    let p = parse_id("04MADRID3914");
    assert!(
        titles(&p.cable).contains(&"CUBAN ANTI-EMBARGO RESOLUTION"),
        "{:?}",
        titles(&p.cable)
    );
    let p = parse_id("09RIYADH651");
    assert!(titles(&p.cable).contains(&"Family Business?"));
    // The end of a Classified By line is no heading.
    let p = parse_id("07DUBAI59");
    assert!(!titles(&p.cable).iter().any(|t| t.contains("REASON")));
}

#[test]
fn a_false_pilcrow_on_a_date_continues_the_sentence() {
    // `…in Lyon on November` / `¶16. His aim was…`: ¶11–¶16 all stay numbered.
    let p = parse_id("05PARIS7835");
    assert_eq!(numbers(&p.cable), (1..=16).collect::<Vec<_>>());
    let ten = paragraph(&p.cable, 10);
    assert!(
        ten.text.contains("in Lyon on November 16. His aim"),
        "{}",
        ten.text
    );
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.message.contains("continues the sentence before it"))
    );
}

/// How many of the parse's diagnostics say `words`.
fn diagnostics_saying(p: &Parsed, words: &str) -> usize {
    p.diagnostics
        .iter()
        .filter(|d| d.message.contains(words))
        .count()
}

/// The second paragraph numbered `n`.
fn second_numbered(c: &Cable, n: u32) -> &cablescope::cable::Paragraph {
    c.paragraphs
        .iter()
        .filter(|p| p.number == Some(n))
        .nth(1)
        .expect("a second paragraph of that number")
}

/// A number behind the sequence under a heading's rule is a paragraph as printed, marked
/// or not: 08RIODEJANEIRO171 prints ¶6 before ¶5, each under its own heading.
#[test]
fn a_number_behind_the_sequence_under_a_heading() {
    let p = parse_id("08RIODEJANEIRO171");
    assert_eq!(numbers(&p.cable), [1, 2, 3, 4, 6, 5]);
    let five = p.cable.paragraphs.last().expect("¶5");
    assert!(
        five.text.starts_with("At the Annual Symposium"),
        "{}",
        five.text
    );
    assert_eq!(
        titles(&p.cable).last().copied(),
        Some("Brazil Plans to Enrich Own Uranium by 2014")
    );
    assert!(p.diagnostics.iter().any(|d| d.line == 48
        && d.message == "paragraph number 5 out of sequence (expected 7); kept as printed"));
}

/// A paragraph number with its stop doubled (`3.. (SBU) All elections…`, 05PARIS4760),
/// a comma for it before a marking (`18, (C) Boko offered…`, 06PARIS741), the stop glued
/// to the word after it (`2.In interviews…`, 09RIYADH651, inside a summary that ends in
/// it; `18.This cable was cleared…`, 10STATE13750) or a stray bracket before it (`(11.
/// (C) Comment:`, 06CARACAS2367) is the number expected.
#[test]
fn a_number_with_its_stop_doubled_or_glued_to_the_word() {
    let p = parse_id("05PARIS4760");
    assert_eq!(numbers(&p.cable), [1, 2, 3, 4, 5, 6, 7]);
    let three = &p.cable.paragraphs[2];
    assert_eq!(three.marking.as_deref(), Some("SBU"));
    assert!(
        three.text.starts_with("All elections within Europe"),
        "{}",
        three.text
    );
    let p = parse_id("09RIYADH651");
    assert_eq!(numbers(&p.cable), (1..=24).collect::<Vec<_>>());
    assert!(
        p.cable.paragraphs[1]
            .text
            .starts_with("In interviews with Embassy")
    );
    let summary = p.cable.summary_text().expect("summary");
    assert!(
        summary.ends_with("as an antidote to extremist thinking."),
        "{summary}"
    );
    // A comma for the stop, before a marking: the corpus's four such numbers.
    let p = parse_id("06PARIS741");
    assert_eq!(numbers(&p.cable), (1..=22).collect::<Vec<_>>());
    let eighteen = &p.cable.paragraphs[17];
    assert_eq!(eighteen.marking.as_deref(), Some("C"));
    assert!(
        eighteen.text.starts_with("Boko offered a tour"),
        "{}",
        eighteen.text
    );
    for (id, n) in [("05VIENNA3833", 6), ("07TELAVIV2652", 18)] {
        let p = parse_id(id);
        assert!(
            p.cable
                .paragraphs
                .iter()
                .any(|q| q.number == Some(n) && q.marking.as_deref() == Some("SBU")),
            "{id}"
        );
    }
    // A stray bracket before the number: `(11. (C) Comment: As noted …`.
    let p = parse_id("06CARACAS2367");
    assert_eq!(numbers(&p.cable), (1..=12).collect::<Vec<_>>());
    assert!(p.cable.paragraphs[10].text.starts_with("Comment: As noted"));
    let p = parse_id("10STATE13750");
    let last = p.cable.paragraphs.last().expect("¶18");
    assert_eq!(
        (last.number, last.text.as_str()),
        (
            Some(18),
            "This cable was cleared by U/S Burns and USD(P) Flournoy."
        )
    );
}

/// A paragraph glued after the last sentence of the one before it, on its line (the
/// WikiLeaks text of a few cables joins them): its own paragraph, numbered and marked.
/// Eleven real cables, 17 paragraphs; the seven whose numbers had gaps now run whole.
#[test]
fn a_paragraph_glued_after_a_sentence_is_its_own() {
    let p = parse_id("02BRASILIA4227");
    assert_eq!(numbers(&p.cable), (1..=20).collect::<Vec<_>>());
    let eleven = &p.cable.paragraphs[10];
    assert!(
        eleven.text.ends_with("in order to develop and grow."),
        "{}",
        eleven.text
    );
    let twelve = &p.cable.paragraphs[11];
    assert_eq!(twelve.marking.as_deref(), Some("C"));
    assert!(
        twelve.text.starts_with("Ambassador Reich observed"),
        "{}",
        twelve.text
    );
    for (id, n) in [
        ("09STATE82013", 28),
        ("08ISLAMABAD2802", 13),
        ("09BRASILIA35", 9),
        ("10SEOUL248", 8),
        // `… along those lines. 6.(S) Embassy Comment: …`, no space before the bracket
        ("05BRASILIA1207", 6),
    ] {
        assert_eq!(
            numbers(&parse_id(id).cable),
            (1..=n).collect::<Vec<_>>(),
            "{id}"
        );
    }
    // 07SANTIAGO983's ¶2, ¶4, ¶6 and ¶9 were glued, ¶9's marking with a space inside
    // (`… more vocal. 9. ( C) With regard to …`).
    let p = parse_id("07SANTIAGO983");
    assert_eq!(numbers(&p.cable), (1..=18).collect::<Vec<_>>());
    assert_eq!(p.cable.paragraphs[8].marking.as_deref(), Some("C"));
    assert!(p.cable.paragraphs[8].text.starts_with("With regard to"));
}

/// A tasker's reply whose lettered questions (`¶B. (C) WHAT ARE …?`) carry numbered
/// sub-questions (`1) (C) BY WHAT CHANNELS? HOW OFTEN?`), each with its portion marking:
/// items of ¶3 ("Begin reftel responses:"), none a heading that would end ¶3 early.
#[test]
fn a_taskers_marked_questions_are_items_not_headings() {
    let p = parse_id("09ABUDHABI874");
    assert_eq!(numbers(&p.cable), [1, 2, 3]);
    assert_eq!(p.cable.paragraphs.len(), 3);
    assert_eq!(titles(&p.cable), ["OVERVIEW"]);
    let three = &p.cable.paragraphs[2];
    let labels: Vec<&str> = three
        .subparagraphs
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(
        labels,
        ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"]
    );
    assert!(
        three
            .text
            .contains("\n1) (C) BY WHAT CHANNELS? HOW OFTEN?\n")
    );
    assert_eq!(p.cable.signature.as_deref(), Some("OLSON"));
}

/// A number behind the sequence with a portion marking after it is the drafter's slip
/// (two ¶6, a restart after a memo's heading lines): a paragraph as printed, its
/// marking read and the `¶N. (C)` left out of its text. Of the 1,095 real cables, 38
/// such lines in 31 cables; a number behind without a marking stays an item of a list.
#[test]
fn a_number_printed_twice_is_a_paragraph_as_printed() {
    let p = parse_id("04MADRID4063");
    assert_eq!(numbers(&p.cable), [1, 2, 3, 4, 5, 6, 6, 7]);
    let second = second_numbered(&p.cable, 6);
    assert_eq!(second.marking.as_deref(), Some("C"));
    assert!(
        second.text.starts_with("Cuba: Leon said"),
        "{}",
        second.text
    );
    assert!(p.diagnostics.iter().any(|d| d.line == 118
        && d.message == "paragraph number 6 out of sequence (expected 7); kept as printed"));
    // ¶4–¶6 again after ¶6: the dashed items under the second ¶6 are its own, and ¶7
    // follows without a warning.
    let p = parse_id("06CARACAS958");
    assert_eq!(numbers(&p.cable), [1, 2, 3, 4, 5, 6, 5, 6, 7, 8, 9, 10]);
    let six = second_numbered(&p.cable, 6);
    assert!(six.text.starts_with("Venezuelan threats"), "{}", six.text);
    assert!(
        six.text.contains("-- The ministry report cited"),
        "{}",
        six.text
    );
    assert_eq!(diagnostics_saying(&p, "out of sequence"), 2);
    // The numbering restarts after a memorandum's two numbered heading lines; the
    // summary is the second ¶1's, without its number.
    let p = parse_id("09BEIJING2963");
    assert_eq!(numbers(&p.cable), [1, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    let summary = p.cable.summary_text().unwrap_or_default();
    assert!(
        summary.starts_with("Deputy Secretary Steinberg explained"),
        "{summary}"
    );
    // `… REASON: 1.4(D) 1. (C)` on the classification line, then `¶1. (C) During…`: the
    // empty ¶1 was a stray, the paragraph is the second.
    let p = parse_id("10BRASILIA51");
    assert_eq!(numbers(&p.cable), [1, 2, 3, 4]);
    assert!(
        p.cable.paragraphs[0]
            .text
            .starts_with("During Ambassador Shannon")
    );
    // A list inside ¶9 keeps its items out of the sequence, each read as written (`1.`,
    // without WikiLeaks' `¶`), the numbers past ¶9 too, where the cable's paragraphs carry
    // markings and the items none (`15.UK`, `21.China`, glued to their words, stay text);
    // the second ¶8 is read.
    let p = parse_id("09BEIJING1582");
    assert_eq!(numbers(&p.cable), [1, 2, 3, 4, 5, 6, 7, 8, 8, 9]);
    let items: Vec<String> = p
        .cable
        .paragraphs
        .iter()
        .filter(|p| p.number.is_none())
        .filter_map(|p| p.text.split_once(". ").map(|(n, _)| n.to_owned()))
        .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let want: Vec<String> = (1..=23)
        .filter(|n| ![15, 21].contains(n))
        .map(|n| n.to_string())
        .collect();
    assert_eq!(items, want);
    assert_eq!(diagnostics_saying(&p, "continues the list before it"), 12);
    // A letter quoted in ¶2 numbers its paragraphs 1–7, without the markings of the
    // cable's: ¶3–¶7 are the letter's, and the cable's ¶3 follows in sequence. ¶2's
    // release marking is read in mixed case.
    let p = parse_id("08LONDON1115");
    assert_eq!(numbers(&p.cable), [1, 2, 3]);
    assert_eq!(p.cable.paragraphs[1].marking.as_deref(), Some("S/Rel UK"));
    assert!(
        p.cable
            .paragraphs
            .iter()
            .any(|p| p.number.is_none() && p.text.starts_with("3. However, recent U2 flights"))
    );
    let p = parse_id("07MADRID1952");
    assert_eq!(numbers(&p.cable), [1, 2]);
}

#[test]
fn a_number_past_the_window_starts_its_paragraph_with_a_warning() {
    // 09STATE80163: `¶15. Collection requirements` after ¶3 no longer vanishes into ¶3.
    let p = parse_fixture("09STATE80163");
    assert_eq!(numbers(&p.cable), [1, 2, 3, 15]);
    let three = paragraph(&p.cable, 3);
    assert!(three.text.len() < 4096, "¶3 is {} bytes", three.text.len());
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.message
                == "paragraph number 15 out of sequence (expected 4); kept as printed")
    );
    // Redacted paragraphs: the numbers as printed (08PARIS1698 jumps to ¶36).
    assert_eq!(numbers(&parse_id("08PARIS1698").cable), [1, 2, 36, 37]);
}

#[test]
fn numbers_without_a_period_and_release_markings() {
    let p = parse_id("09BRUSSELS1399");
    assert_eq!(numbers(&p.cable), (1..=19).collect::<Vec<_>>());
    let fifteen = paragraph(&p.cable, 15);
    assert_eq!(fifteen.marking.as_deref(), Some("C"));
    assert!(fifteen.text.starts_with("Sanctions were discussed"));

    let p = parse_id("08BEIJING3067");
    let five = paragraph(&p.cable, 5);
    assert_eq!(five.marking.as_deref(), Some("S/REL to USA, FVEY"));
    assert!(five.text.starts_with("Threats:"));
}

/// 07BAGHDAD3504 writes each paragraph's marking before its number (`(C) 6. As agreed
/// …`): eleven numbered paragraphs under six dashed headings, where the parser found none
/// and kept the body as plain paragraphs; its two `(Ref A)` are in ¶3 and ¶6.
#[test]
fn a_marking_written_before_the_number() {
    let p = parse_id("07BAGHDAD3504");
    assert_eq!(numbers(&p.cable), (1..=11).collect::<Vec<_>>());
    assert!(
        p.cable
            .paragraphs
            .iter()
            .all(|p| p.marking.as_deref() == Some("C"))
    );
    let six = &p.cable.paragraphs[5];
    assert!(
        six.text
            .starts_with("As agreed at the first Joint Commission Meeting on October 7 (Ref A),"),
        "{}",
        six.text
    );
    let titles: Vec<&str> = p.cable.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Summary",
            "GOI Investigation",
            "Embassy Approves Condolence Payments",
            "Preparing for the next Joint Commission Meeting",
            "Investigation and Regional Security Office Update",
            "Media Coverage"
        ]
    );
    let refs: Vec<Option<u32>> = p
        .cable
        .xrefs
        .iter()
        .map(|x| p.cable.paragraphs[x.paragraph].number)
        .collect();
    assert_eq!(refs, [Some(3), Some(6)]);
    assert_eq!(diagnostics_saying(&p, "no numbered paragraphs"), 0);
}

#[test]
fn a_very_long_paragraph_gets_a_diagnostic() {
    let p = parse_fixture("09STATE15113");
    assert!(
        p.diagnostics
            .iter()
            .any(|d| d.message.starts_with("¶15 is 16 KB long")),
        "{:?}",
        p.diagnostics
    );
}

#[test]
fn old_print_pages_are_numbered_through_the_cable() {
    // `PAGE 02 HARARE 06677 01 OF 03`: pages restart in each of the 3 sections; the reader
    // counts the 11 printed pages through the cable (issue 13: ¶3–¶12 were all on p3).
    let p = parse_fixture("00HARARE6677");
    let pages: Vec<(u32, u32)> = p
        .cable
        .paragraphs
        .iter()
        .filter_map(|q| q.number.map(|n| (n, q.page)))
        .collect();
    assert_eq!(
        pages,
        [
            (1, 1),
            (2, 1),
            (3, 3),
            (4, 3),
            (5, 4),
            (6, 6),
            (7, 7),
            (8, 7),
            (9, 8),
            (10, 10),
            (11, 11),
            (12, 11)
        ]
    );
    assert_eq!(p.cable.page_count, Some(11));
    // `:p4` lands on the paragraph that page 4 starts inside (¶4), not on p3/3.
    let four = p
        .cable
        .page_index(4)
        .and_then(|i| p.cable.paragraphs.get(i));
    assert_eq!(four.and_then(|q| q.number), Some(4));
}

/// WikiLeaks' `¶` on any number that began a wrapped line, a year or a resolution's
/// number as much as a paragraph's (`… violations of UNSCRs 1718 and` / `¶1737.`), is
/// dropped where the sentence before it is open: no paragraph of the real corpus keeps a
/// `¶` before four digits (46 lines of 41 cables did).
#[test]
fn a_pilcrow_on_a_wrapped_year_or_number_is_dropped() {
    let corpus = corpus();
    let mut kept = Vec::new();
    for (id, text) in &corpus.texts {
        let p = parse_with(text, &Hints { name: Some(id) });
        for para in &p.cable.paragraphs {
            if let Some(at) = para.text.find('¶')
                && para
                    .text
                    .get(at + '¶'.len_utf8()..)
                    .is_some_and(|r| r.len() >= 4 && r.bytes().take(4).all(|b| b.is_ascii_digit()))
            {
                kept.push(id.clone());
            }
        }
    }
    assert!(kept.is_empty(), "{kept:?}");
    for (id, number, ends) in [
        (
            "07STATE152317",
            Some(3),
            "violations of UNSCRs 1718 and 1737.",
        ),
        (
            "06LAPAZ3449",
            Some(5),
            "begin the study on February 28, 2007.",
        ),
        ("09MOSCOW1111", Some(5), "Resolution 1540."),
    ] {
        let p = parse_id(id);
        let para = p
            .cable
            .paragraphs
            .iter()
            .find(|p| p.number == number && p.text.contains(ends))
            .unwrap_or_else(|| panic!("{id} ¶{number:?} with {ends:?}"));
        assert!(!para.text.contains('¶'), "{id}: {}", para.text);
    }
    let p = parse_id("08TBILISI1341");
    assert!(
        p.cable
            .paragraphs
            .iter()
            .any(|p| p.text.contains("on August 8 at 0200."))
    );
}

/// A numbered list inside a paragraph (10KYIV278's ¶9: `¶1. Pension age increase`,
/// `¶2. Abolish special pensions`, `¶3. Limit pensions…`): each item is a paragraph of
/// its own, kept unnumbered as out of the cable's sequence, the next item never joined to
/// the one before as a wrapped number.
#[test]
fn the_items_of_a_list_inside_a_paragraph_stay_apart() {
    let p = parse_id("10KYIV278");
    let items: Vec<&str> = p
        .cable
        .paragraphs
        .iter()
        .filter(|p| p.number.is_none())
        .map(|p| p.text.as_str())
        .take(5)
        .collect();
    let want = [
        "1. Pension age increase (currently pension age is 55 for women; 60 for men).",
        "2. Abolish special pensions",
        "3. Limit pensions to working pensioners",
        "4. Set pension age for military to age 60.",
        "5. Abolish norm of retirement prior to pension age.",
    ];
    assert_eq!(items, want);
    // The first item under a heading without a colon is an item too, not a number
    // wrapped from the heading (`Other Social Funds` / `¶1. Temporary…`, line 240).
    assert_eq!(diagnostics_saying(&p, "continues the sentence"), 0);
    let heading = p
        .cable
        .paragraphs
        .iter()
        .position(|p| p.text == "Other Social Funds")
        .expect("the heading, a paragraph of its own");
    assert_eq!(
        p.cable.paragraphs[heading + 1].text,
        "1. Temporary subordination to the government."
    );
}

/// A title boxed between rules with blank lines, or a page's marker, between them and it
/// (`-----` / blank / `Working with Neighbors` / blank / `-----`) heads the paragraphs
/// under it, as a title right under or over a rule does; a table's footnote between its
/// closing rule and the next heading's is no title.
#[test]
fn a_title_boxed_between_rules_past_blank_lines() {
    for (id, title, under) in [
        ("10BOGOTA201", "Working with Neighbors", &[10, 11][..]),
        (
            "06MADRID934",
            "Underestimating the Enemy",
            &[10, 11, 12][..],
        ),
        (
            "10SANSALVADOR85",
            "Good Relations with U.S. Essential",
            &[3, 4, 5][..],
        ),
        (
            "10KABUL170",
            "Reintegration: Reassurance from the U.S.",
            &[8, 9, 10, 11, 12][..],
        ),
        ("09BOGOTA3404", "Fraud indicators", &[3][..]),
    ] {
        let c = parse_id(id).cable;
        assert_eq!(numbers_under(&c, title), under, "{id}");
        assert!(!c.paragraphs.iter().any(|p| p.text == title), "{id}");
        assert!(
            !parse_id(id)
                .diagnostics
                .iter()
                .any(|d| d.message.starts_with("text outside")),
            "{id}"
        );
    }
    // 10MAPUTO80's box holds the page's marker: ¶5 under it is on page 2.
    let c = parse_id("10MAPUTO80").cable;
    let p5 = paragraph(&c, 5);
    assert_eq!(p5.page, 2);
    // 09MEXICO193's table footnote stays text.
    let c = parse_id("09MEXICO193").cable;
    assert!(!titles(&c).contains(&"*Source: SEDENA"), "{:?}", titles(&c));
}

/// Right under a rule and over one, a title may end as a sentence does or go on over two
/// or three lines: one section, titled with all its lines, and no line of it left as a
/// paragraph or as a title of its own.
#[test]
fn a_title_boxed_between_rules_over_lines_or_ending_in_a_stop() {
    for (id, title) in [
        ("04SANAA2346", "Saleh Promises No New MANPADS..."),
        ("08NAIROBI2290", "Kenya Claims T-72s..."),
        (
            "07STATE152317",
            "Background: Ballistic Missile Parts Shipped via Beijing Between North Korea and \
             Iran.",
        ),
        (
            "08RABAT727",
            "U.S.-Moroccan Military Relations Strong but Could Be Better",
        ),
        (
            "08BAGHDAD357",
            "Kennedy Recommendation 10 - Vehicle Identification Numbering System",
        ),
        (
            "08PARIS114",
            "NIE: \"The Best Christmas Gift Ahmadinejad Could Have Imagined\"",
        ),
        (
            "09PARIS410",
            "EARLY FOREIGN POLICY GOALS: RETURN TO EUROPEAN LEADERSHIP AND THE ALLIANCE \
             WITH THE U.S.",
        ),
        (
            "10STATE17263",
            "(U) Russian presentation on FSB work to interdict Iranian and North Korean \
             attempts to buy restricted technology, or to transship third party materials \
             through Russia",
        ),
    ] {
        let parsed = parse_id(id);
        let c = &parsed.cable;
        assert!(titles(c).contains(&title), "{id}: {:?}", titles(c));
        let last_words = title.rsplit(' ').next().unwrap_or(title);
        assert!(
            !titles(c).iter().any(|t| *t != title && title.ends_with(t)),
            "{id}: a title's last line is a title of its own"
        );
        assert!(
            !c.paragraphs
                .iter()
                .any(|p| p.number.is_none() && p.text.ends_with(last_words)),
            "{id}"
        );
    }
    // 08BAGHDAD357: ten recommendations, nine of them over two lines, none left as text
    // outside the paragraphs.
    let parsed = parse_id("08BAGHDAD357");
    let recommendations = titles(&parsed.cable)
        .iter()
        .filter(|t| t.contains("Recommendation"))
        .count();
    assert_eq!(recommendations, 10);
    assert!(
        !parsed
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with("text outside"))
    );
}

/// A title wrapped over two or three lines above the rule under it, or written as two
/// lines each underlined, is one section's title: its first lines no longer end the
/// paragraph before it or stand as a paragraph, and its last line is no title alone.
#[test]
fn a_title_wrapped_over_its_rule() {
    for (id, title, under) in [
        (
            "06MANAGUA1003",
            "Sandinistas Look out for Themselves and the Wealthy, While the Poor Suffer",
            &[26, 27, 28, 29][..],
        ),
        (
            "06MANAGUA1003",
            "Rampant FSLN Human Rights Abuses, including Torture, Disappearances, and Murder",
            &[2, 3, 4][..],
        ),
        (
            "06MANAGUA1002",
            "The Murder of Jean-Paul Genie by the bodyguards of Humberto Ortega",
            &[2, 3][..],
        ),
        (
            "09KABUL3068",
            "Putting Private Security Under the Direction of the Provincial Council",
            &[7][..],
        ),
        (
            "09ROME97",
            "Roots of Italian Russophilia: Ideology on the Left, a Long-Standing Market \
             Opportunity on the Right",
            &[3, 4][..],
        ),
        (
            "07PARIS1844",
            "IMMEDIATE MESSAGES: IRAN, IRAQ, AFGHANISTAN, EU/TURKEY, KOSOVO/RUSSIA",
            &[9][..],
        ),
        (
            "07PARIS2027",
            "Minister of Foreign and European Affairs ) Bernard Kouchner",
            &[11, 12, 13, 14][..],
        ),
        (
            "07PARIS2027",
            "Minister of Health, Youth and Sports ) Roselyn Bachelot",
            &[27][..],
        ),
    ] {
        let c = parse_id(id).cable;
        assert_eq!(numbers_under(&c, title), under, "{id}: {title}");
        // No paragraph ends with the title's first words (its first line left behind).
        let words: Vec<_> = title.split(' ').collect();
        for k in 3..words.len() {
            let head = words[..k].join(" ");
            assert!(
                !c.paragraphs
                    .iter()
                    .any(|p| p.text.trim_end().ends_with(&head)),
                "{id}: {head:?} left in a paragraph"
            );
        }
        let last_word = words.last().copied().unwrap_or_default();
        assert!(
            !titles(&c)
                .iter()
                .any(|t| *t != title && t.ends_with(last_word) && t.len() < title.len()),
            "{id}: the title's last line is a title of its own: {:?}",
            titles(&c)
        );
    }
    // The fifteen ministers of 07PARIS2027, eleven over two underlined lines (one with a
    // page's marker between its first line and that line's rule): each title whole,
    // none a line alone over an empty section.
    let c = parse_id("07PARIS2027").cable;
    let ministers: Vec<_> = titles(&c)
        .into_iter()
        .filter(|t| t.starts_with("Minister"))
        .collect();
    assert_eq!(ministers.len(), 15, "{ministers:?}");
    assert!(
        ministers
            .iter()
            .all(|t| t.contains(" ) ") || t.contains(" -- "))
    );
    assert!(titles(&c).contains(
        &"Minister of Interior, Overseas Territories and Local Governments -- Michele \
          Alliot-Marie"
    ));
    assert!(!c.paragraphs.iter().any(|p| p.text.ends_with("Territories")));
    // 09BERLIN1360's cabinet: every minister's title whole, none left as a paragraph.
    let c = parse_id("09BERLIN1360").cable;
    for title in [
        "Chief of the Chancellery and Minister Without Portfolio: Ronald Pofalla (CDU)",
        "Family Affairs, Senior Citizens, Women and Youth: Ursula von der Leyen (CDU)",
        "Environment, Nature Conservation and Nuclear Safety: Norbert Roettgen (CDU)",
        "Transportation, Building, and Urban Development: Peter Ramsauer (CSU)",
    ] {
        assert!(titles(&c).contains(&title), "{title}: {:?}", titles(&c));
    }
    assert!(!c.paragraphs.iter().any(|p| p.text.ends_with("Minister")));
    // A box's title after a redacted line is no second line of it (05MADRID1317).
    let c = parse_id("05MADRID1317").cable;
    assert_eq!(numbers_under(&c, "U.S.-SPAIN RELATIONS"), [23, 24, 25]);
}

/// A title a copy joined onto the paragraph line before it, over a rule as long as the
/// title (`… can win. VAT Exemption on New Embassy Unlikely` / 37 dashes), heads the
/// paragraphs after it; the sentence before it stays the paragraph's last.
#[test]
fn a_title_glued_after_a_sentence_over_its_rule() {
    for (id, title, under, ends) in [
        (
            "09LONDON2225",
            "VAT Exemption on New Embassy Unlikely",
            &[6][..],
            (5, "the confidence of the public that they can win."),
        ),
        (
            "09LONDON2225",
            "Cautious Optimism on Recovery",
            &[3][..],
            (2, "not to do something stupid in the coming months."),
        ),
        (
            "10SEOUL290",
            "China Unlikely to Call New 6PT Round",
            &[3, 4][..],
            (2, "and should not be so interpreted."),
        ),
        (
            "05ANKARA1730",
            "Long Overdue Healthy Debate",
            &[8, 9][..],
            (7, "sense that Erdogan cannot hack it."),
        ),
        (
            "09BAGHDAD2562",
            "TURKEY: BETTER THAN THE REST",
            &[10, 11][..],
            (9, "moving on to other\nneighbors in the region."),
        ),
    ] {
        let c = parse_id(id).cable;
        assert_eq!(numbers_under(&c, title), under, "{id}: {title}");
        let (n, end) = ends;
        let p = paragraph(&c, n);
        assert!(p.text.ends_with(end), "{id} ¶{n}: {:?}", p.text);
    }
    // A label's colon or a paragraph's number before a title is no sentence: the line
    // stays one title, or one heading paragraph.
    let c = parse_id("09PARIS410").cable;
    assert_eq!(
        numbers_under(
            &c,
            "EARLY FOREIGN POLICY GOALS: RETURN TO EUROPEAN LEADERSHIP AND THE ALLIANCE WITH \
             THE U.S."
        ),
        [2]
    );
    let c = parse_id("09LONDON604").cable;
    assert_eq!(
        numbers_under(
            &c,
            "Coalition Calculus: Labour is Competition, Conservatives are Opposition"
        ),
        [3]
    );
}

/// A numbered paragraph over a rule is a heading when it reads as one (`¶5. WMD
/// Proliferation Financing Issues`, `¶7. (S) Where Will Change Come From?`), not when it
/// is a sentence, nor when the rule is the top of the next title's box.
#[test]
fn a_numbered_sentence_over_a_box_is_no_heading() {
    let c = parse_id("09STATE130330").cable;
    assert_eq!(numbers_under(&c, "REPORTING REQUIREMENT"), [6]);
    assert_eq!(numbers_under(&c, "POINTS OF CONTACT"), [7, 8]);
    assert!(!titles(&c).iter().any(|t| t.starts_with("Post is asked")));
    let c = parse_id("09STATE83026").cable;
    assert!(
        !titles(&c)
            .iter()
            .any(|t| t.starts_with("This is an action"))
    );
    assert_eq!(numbers_under(&c, "SUMMARY AND OBJECTIVES"), [2]);
    let c = parse_id("10HARARE93").cable;
    assert_eq!(numbers_under(&c, "COMMENT").first(), Some(&10));
    assert!(!titles(&c).contains(&"XXXXXXXXXXXX"));
    let c = parse_id("09ASMARA80").cable;
    assert_eq!(numbers_under(&c, "Where Will Change Come From?"), [7]);
}

/// The line closing quoted material (`END TALKING POINTS`, `END NONPAPER FOR SAUDI
/// ARABIA`), boxed between rules or not, heads nothing: it ends the paragraph it closes,
/// and the paragraphs after it stay in the section before.
#[test]
fn an_end_mark_heads_nothing() {
    for id in [
        "08BRASILIA1396",
        "08STATE128877",
        "09STATE100153",
        "09STATE130330",
        "09STATE83026",
        "09STATE96222",
        "10STATE15856",
    ] {
        let c = parse_id(id).cable;
        assert!(
            !titles(&c).iter().any(|t| t.starts_with("END ")),
            "{id}: {:?}",
            titles(&c)
        );
    }
    let c = parse_id("09STATE100153").cable;
    let p4 = paragraph(&c, 4);
    assert!(p4.text.ends_with("\nEND TALKING POINTS"), "{:?}", p4.text);
    let c = parse_id("08STATE128877").cable;
    let p5 = paragraph(&c, 5);
    assert!(p5.text.ends_with("END NONPAPER FOR SAUDI ARABIA"));
    assert_eq!(numbers_under(&c, "REPORTING DEADLINE").first(), Some(&6));
}

/// A label of a few words standing alone before a paragraph (`Yemen:`, `KEY POLITICAL
/// CRITERIA:`, `Comment:`) heads the paragraphs after it; it no longer ends the
/// paragraph before it, nor stands as a paragraph of its own.
#[test]
fn a_label_standing_alone_heads_what_follows() {
    for (id, label, first) in [
        ("10RIYADH118", "Yemen:", 5),
        ("06SKOPJE105", "KEY POLITICAL CRITERIA:", 2),
        ("10STATE17263", "Iran:", 5),
        ("10STATE17263", "North Korea:", 10),
        ("09SAOPAULO660", "Comment:", 6),
    ] {
        let c = parse_id(id).cable;
        assert_eq!(
            numbers_under(&c, label).first(),
            Some(&first),
            "{id} {label}"
        );
        assert!(
            !c.paragraphs.iter().any(|p| p.text.ends_with(label)),
            "{id}: {label} ends a paragraph"
        );
    }
    // A summary under a label of its own is still the summary.
    let c = parse_id("10MADRID174").cable;
    assert!(titles(&c).contains(&"SUMMARY:"));
    assert!(c.summary.is_some());
}
