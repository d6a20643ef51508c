//! Property tests: `parse` never panics and keeps its invariants on arbitrary text and on
//! mutated real cables (lines deleted, duplicated, shuffled; characters swapped).
//! The number of cases follows `PROPTEST_CASES` (CI bounds it).

use cablescope::cable::{Cable, XrefTarget};
use cablescope::parse::parse;
use proptest::prelude::*;

const CABLES: &[&str] = &[
    include_str!("../fixtures/00HARARE6677.txt"),
    include_str!("../fixtures/06ASUNCION589.txt"),
    include_str!("../fixtures/06BUENOSAIRES1594.txt"),
    include_str!("../fixtures/06MEXICO1113.txt"),
    include_str!("../fixtures/06VIENNA515.txt"),
    include_str!("../fixtures/07BERN881.txt"),
    include_str!("../fixtures/07ISLAMABAD256.txt"),
    include_str!("../fixtures/07PORTAUPRINCE408.txt"),
    include_str!("../fixtures/08TRIPOLI220.txt"),
    include_str!("../fixtures/09LAPAZ96.txt"),
    include_str!("../fixtures/09STATE131801.txt"),
    include_str!("../fixtures/09STATE15113.txt"),
    include_str!("../fixtures/09STATE80163.txt"),
    include_str!("../fixtures/10NEWDELHI295.txt"),
    include_str!("../fixtures/10STATE284.txt"),
    include_str!("../fixtures/66BUENOSAIRES2481.txt"),
    include_str!("../fixtures/72TEHRAN1164.txt"),
    include_str!("../fixtures/7575LIBREVILLE1895.txt"),
    include_str!("../fixtures/synthetic/tasker-keyed.txt"),
    include_str!("../fixtures/synthetic/tip-2010-sections.txt"),
];

/// Check the invariants every parse must keep; returns the first broken one.
pub fn check_invariants(source: &str, cable: &Cable) -> Result<(), String> {
    let in_source = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= source.len()
            && source.is_char_boundary(r.start)
            && source.is_char_boundary(r.end)
    };
    let mut last = 0;
    for (i, p) in cable.paragraphs.iter().enumerate() {
        // Numbers go up; one behind is the drafter's, printed with a portion marking
        // (a second ¶6, a glued cable's ¶1), never a number read out of running text.
        if let Some(n) = p.number {
            if n <= last && p.marking.is_none() {
                return Err(format!(
                    "paragraph {i}: number {n} after {last} without a marking"
                ));
            }
            last = last.max(n);
        }
        if !in_source(&p.span) {
            return Err(format!("paragraph {i}: span {:?} outside source", p.span));
        }
        let in_text = |r: &std::ops::Range<usize>| {
            r.start <= r.end
                && r.end <= p.text.len()
                && p.text.is_char_boundary(r.start)
                && p.text.is_char_boundary(r.end)
        };
        if let Some(q) = &p.question
            && (!in_text(&q.text) || !in_text(&q.response))
        {
            return Err(format!("paragraph {i}: question ranges outside text"));
        }
        for r in p.all_repairs() {
            if !in_source(&r.source) {
                return Err(format!(
                    "paragraph {i}: repair {:?} outside source",
                    r.source
                ));
            }
        }
        for b in &p.page_breaks {
            if b.offset > p.text.len() || !p.text.is_char_boundary(b.offset) {
                return Err(format!(
                    "paragraph {i}: page break {} outside text",
                    b.offset
                ));
            }
        }
        for s in &p.subparagraphs {
            if !in_text(&s.range) {
                return Err(format!("paragraph {i}: subparagraph outside text"));
            }
            if let Some(q) = &s.question
                && !(in_text(&q.text)
                    && in_text(&q.response)
                    && s.range.start <= q.text.start
                    && q.text.end <= q.response.start
                    && q.response.end <= s.range.end)
            {
                return Err(format!("paragraph {i}: exchange outside its sub-paragraph"));
            }
        }
        for b in &p.blocks {
            if !in_text(&b.range) {
                return Err(format!("paragraph {i}: block outside text"));
            }
        }
        if p.section.is_some_and(|s| s >= cable.sections.len()) {
            return Err(format!("paragraph {i}: section out of range"));
        }
    }
    for s in &cable.sections {
        if s.paragraphs.iter().any(|&i| i >= cable.paragraphs.len()) {
            return Err(format!("section {:?} lists a missing paragraph", s.title));
        }
    }
    for r in &cable.header.refs {
        if !in_source(&r.span) {
            return Err(format!("ref {:?} span outside source", r.text));
        }
    }
    for x in &cable.xrefs {
        let Some(p) = cable.paragraphs.get(x.paragraph) else {
            return Err(format!("xref from missing paragraph {}", x.paragraph));
        };
        for r in [&x.phrase, &x.range] {
            if r.end > p.text.len()
                || !p.text.is_char_boundary(r.start)
                || !p.text.is_char_boundary(r.end)
            {
                return Err(format!("xref range {r:?} outside paragraph text"));
            }
        }
        match &x.target {
            XrefTarget::Paragraph(i) if *i >= cable.paragraphs.len() => {
                return Err(format!("xref to missing paragraph {i}"));
            }
            XrefTarget::Ref(i) if *i >= cable.header.refs.len() => {
                return Err(format!("xref to missing ref {i}"));
            }
            _ => {}
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    SwapChars(usize),
    Insert(usize, String),
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) => {
                if lines.len() > 1 {
                    lines.remove(i % n);
                }
            }
            Mutation::DuplicateLine(i) => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
            Mutation::SwapChars(i) => {
                let line = &mut lines[i % n];
                let mut chars: Vec<char> = line.chars().collect();
                if chars.len() > 1 {
                    let at = i % (chars.len() - 1);
                    chars.swap(at, at + 1);
                    *line = chars.into_iter().collect();
                }
            }
            Mutation::Insert(i, s) => lines.insert(i % n, s.clone()),
        }
    }
    lines.join("\n")
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::SwapChars),
        (
            any::<usize>(),
            prop_oneof![
                Just("¶12. (SBU) Question 3. see questions 9 and 17".to_owned()),
                Just("MEXICO  00001113  Oil  OF  018".to_owned()),
                Just("REF: A. 05 STATE 12 B. (B) RIYADH 1499".to_owned()),
                Just("11_2005.  (Ref Z) reftel see para 999".to_owned()),
                Just("SUBJECT:".to_owned()),
                Just("27.A. (SBU) see paragraphs 29.I. and 30.C.".to_owned()),
                Just(
                    "3 - Investigation\n\n¶B.  / C. (SBU) see section 3(e) and paragraph A above"
                        .to_owned()
                ),
                Just("B. (S/NF) USG Concern: x.\n(S/NF) GOA Response: y".to_owned()),
                "\\PC{0,80}",
            ]
        )
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
    ]
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,2000}") {
        let parsed = parse(&text);
        prop_assert_eq!(check_invariants(&text, &parsed.cable), Ok(()));
    }

    #[test]
    fn cable_like_text_never_panics(
        lines in proptest::collection::vec(
            prop_oneof![
                "[0-9¶IJT_t\\[\\.]{1,6} ?\\((SBU|C|S/NF)\\) [A-Za-z ]{0,40}",
                "(SUBJECT|TAGS|REF|FM|TO|INFO|E\\.O\\.)[: ][A-Z0-9 ,.]{0,40}",
                "[A-Z ]{3,40}",
                "[0-9]{1,3}\\.[A-Z]\\. ?(\\(SBU\\) )?[A-Za-z .]{0,30}(see para\\. [0-9]{1,2}\\.[A-Z]\\.?)?",
                "[A-C]\\. \\(S/NF\\) (USG|U\\.S\\.) Concern: [a-z .]{0,20}",
                "(\\(S/NF\\) )?(GOA|Embassy )?Response: [a-z .:]{0,20}",
                "[a-z ,.;()-]{0,60}",
                Just(String::new()),
            ],
            0..120,
        )
    ) {
        let text = lines.join("\n");
        let parsed = parse(&text);
        prop_assert_eq!(check_invariants(&text, &parsed.cable), Ok(()));
    }

    #[test]
    fn mutated_real_cables_keep_invariants(
        which in 0..CABLES.len(),
        mutations in proptest::collection::vec(mutation(), 1..12),
    ) {
        let text = mutate(CABLES[which], &mutations);
        let parsed = parse(&text);
        prop_assert_eq!(check_invariants(&text, &parsed.cable), Ok(()));
    }
}

#[test]
fn every_fixture_keeps_invariants() {
    for text in CABLES {
        let parsed = parse(text);
        assert_eq!(check_invariants(text, &parsed.cable), Ok(()));
    }
}
