//! Acronyms explained (issue 16): the seed's inline definitions as exact expectations,
//! parentheses that are not definitions, the shipped vocabularies, and hand-checked
//! samples from the real corpus.
//!
//! See: issue 16.

use cablescope::parse::parse;

/// Every acronym the seed defines inline: paragraph number, acronym, expansion,
/// confidence. Read from `tests/fixtures/06MEXICO1113.txt` by hand: every parenthesis
/// holding an acronym is one of these.
const SEED_DEFINITIONS: &[(u32, &str, &str, f32)] = &[
    (1, "NGO", "non-governmental organizations", 1.0),
    (1, "GOM", "Government of Mexico", 1.0),
    (1, "TIP", "trafficking in persons", 1.0),
    (
        1,
        "DHS-ICE",
        "Department of Homeland Security Immigration and Customs Enforcement",
        1.0,
    ),
    (1, "LOA", "Letter of Agreement", 1.0),
    (1, "USG", "U.S. Government", 1.0),
    (1, "INM", "Mexican National Migration Institute", 0.5),
    (1, "SPP", "Security and Prosperity Partnership", 1.0),
    (1, "SLEP", "Senior Law Enforcement Plenary", 1.0),
    (3, "CRS", "Congressional Research Service", 1.0),
    (3, "BSCC", "Bilateral Safety Corridor Coalition", 1.0),
    (5, "NAS", "Narcotics Affairs Section", 1.0),
    (5, "CISEN", "Center for Research on National Security", 0.3),
    (6, "OAS", "Organization of American States", 1.0),
    (6, "IOM", "International Organization for Migration", 1.0),
    (7, "SSP", "Public Security Police", 0.33),
    (7, "SRE", "Foreign Ministry", 0.0),
    (7, "DIF", "National Family Protection Agency", 0.17),
    (
        7,
        "INMUJERES",
        "National Institute for Women's Issues",
        0.11,
    ),
    (7, "SSA", "Secretariat of Health", 0.17),
    (7, "SECTUR", "Secretariat of Tourism", 0.33),
    (7, "STPS", "Secretariat of Labor", 0.13),
    (
        10,
        "ECPAT",
        "End Child Prostitution, Child Pornography and Trafficking of Children for Sexual Purposes",
        0.44,
    ),
    (10, "CIM-OAS", "Inter-American Commission on Women", 0.25),
    (10, "PCT", "Protect Children in Tourism", 1.0),
    (
        11,
        "GANSEF",
        "Grupo de Alto Nivel de Seguridad Fronteriza",
        0.83,
    ),
    (12, "SFP", "Secretariat for Public Administration", 0.67),
    (18, "AFI", "Federal Investigative Agency", 0.5),
    (
        21,
        "DHS-CIS",
        "DHS Citizenship and Immigration Services",
        1.0,
    ),
    (21, "DOJ-FBI", "DOJ Federal Bureau of Investigations", 1.0),
    (27, "CRC", "Convention on the Rights of the Child", 1.0),
    (28, "CNDH", "National Human Rights Commission", 0.38),
    (30, "TCN", "Third Country Nationals", 1.0),
    (36, "CIAM", "Centro Integral de Atencion a Las Mujeres", 1.0),
    (36, "CATW", "Coalition Against Trafficking in Women", 1.0),
    (36, "CAM", "Casa Alianza Mexico", 1.0),
    (36, "UNODC", "UN Office on Drugs and Crime", 1.0),
];

/// A parsed cable with the acronyms it defines, as the program reads a file.
fn with_definitions(mut cable: cablescope::cable::Cable) -> cablescope::cable::Cable {
    cablescope::parse::find_definitions(&mut cable);
    cable
}

#[test]
fn seed_inline_definitions_exactly() {
    let cable = with_definitions(parse(cablescope::EMBEDDED_CABLE).cable);
    let got: Vec<(u32, &str, &str, f32)> = cable
        .definitions
        .iter()
        .map(|d| {
            let p = &cable.paragraphs[d.paragraph];
            (
                p.number.expect("a numbered paragraph"),
                d.acronym.as_str(),
                d.expansion.as_str(),
                d.confidence,
            )
        })
        .collect();
    assert_eq!(got, SEED_DEFINITIONS);
}

#[test]
fn seed_definitions_point_at_their_text() {
    let cable = with_definitions(parse(cablescope::EMBEDDED_CABLE).cable);
    for d in &cable.definitions {
        let text = &cable.paragraphs[d.paragraph].text[d.range.clone()];
        assert!(text.ends_with(')'), "{text}");
        assert!(text.contains(d.acronym.as_str()), "{text}");
    }
    // Across line breaks in the source: "…the  End  Child  Prostitution,  Child\n
    // Pornography  and … Sexual  Purposes\n(ECPAT)  organization".
    let ecpat = cable
        .definitions
        .iter()
        .find(|d| d.acronym == "ECPAT")
        .expect("ECPAT");
    assert_eq!(
        &cable.paragraphs[ecpat.paragraph].text[ecpat.range.clone()],
        "End Child Prostitution, Child Pornography and Trafficking of Children for Sexual \
         Purposes (ECPAT)"
    );
    let inmujeres = cable.definitions.iter().find(|d| d.acronym == "INMUJERES");
    assert_eq!(
        inmujeres.map(|d| &cable.paragraphs[d.paragraph].text[d.range.clone()]),
        Some("National Institute for Women's Issues (INMUJERES)")
    );
}

#[test]
fn seed_parentheses_that_are_not_definitions() {
    let cable = with_definitions(parse(cablescope::EMBEDDED_CABLE).cable);
    for d in &cable.definitions {
        let text = &cable.paragraphs[d.paragraph].text[d.range.clone()];
        for not in [
            "(SBU)",
            "(Ref ",
            "(see question",
            "(Pimping)",
            "(Casa del Migrante)",
        ] {
            assert!(!text.contains(not), "{text}");
        }
    }
}

fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_cablescope"))
}

#[test]
fn glossary_command_on_the_seed() {
    let path = format!(
        "{}/tests/fixtures/06MEXICO1113.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = bin().args(["glossary", &path]).output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "KCRM       (unknown)  [-]  0 uses");
    assert_eq!(lines[1], "PHUM       Human Rights  [tags]  0 uses");
    assert!(
        lines.contains(&"GOM        Government of Mexico  [inline ¶1, confidence 1.00]  44 uses")
    );
    assert!(lines.contains(&"PGR        (unknown)  [-]  22 uses"));

    let out = bin()
        .args(["glossary", "--json", &path])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let tcn = json
        .as_array()
        .and_then(|a| a.iter().find(|r| r["acronym"] == "TCN"))
        .expect("TCN");
    assert_eq!(tcn["expansion"], "Third Country Nationals");
    assert_eq!(tcn["source"], "inline");
    assert_eq!(tcn["paragraph"], 30);
    assert_eq!(tcn["confidence"], 1.0);
    assert_eq!(tcn["uses"], 1);
}

/// `glossary --json` over a folder holding the real cables `ids`.
fn folder_glossary(ids: &[&str]) -> serde_json::Value {
    let corpus = super::corpus::corpus();
    let dir = tempfile::tempdir().expect("tempdir");
    for id in ids {
        std::fs::write(dir.path().join(format!("{id}.txt")), corpus.text(id)).expect("write");
    }
    let out = bin()
        .args(["glossary", "--json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// GOC is the Government of Colombia in Bogota's cables and the Government of China in
/// 08STATE50524: a folder's glossary keeps each in its post and shows the other.
#[test]
fn glossary_of_a_folder_scopes_by_post_and_shows_conflicts() {
    let json = folder_glossary(&["10BOGOTA227", "08STATE50524"]);
    let goc: Vec<&serde_json::Value> = json
        .as_array()
        .expect("array")
        .iter()
        .filter(|r| r["acronym"] == "GOC")
        .collect();
    assert_eq!(goc.len(), 2);
    assert_eq!(goc[0]["post"], "Embassy Bogota");
    assert_eq!(goc[0]["expansion"], "Government of Colombia");
    assert_eq!(goc[0]["cable"], "10BOGOTA227");
    assert_eq!(
        goc[0]["conflicts"],
        serde_json::json!(["Government of China (08STATE50524, Secretary of State)"])
    );
    assert_eq!(goc[1]["post"], "Secretary of State");
    assert_eq!(goc[1]["expansion"], "Government of China");
    assert_eq!(goc[1]["paragraph"], 2);
    assert_eq!(
        goc[1]["conflicts"],
        serde_json::json!(["Government of Colombia (10BOGOTA227, Embassy Bogota)"])
    );
}

/// A folder's partial extracts, which have no FM line, are their station's post's when
/// the folder's other cables of that station name it, as the library lists them: the
/// PP that 04MADRID527 uses 39 times is explained, as Embassy Madrid's, by 04MADRID974,
/// another extract. 05SOFIA1207, alone of its station, stays under `SOFIA`.
#[test]
fn glossary_of_a_folder_names_the_post_of_a_cable_without_a_sender() {
    let json = folder_glossary(&["04MADRID527", "04MADRID974", "06MADRID2632", "05SOFIA1207"]);
    let records = json.as_array().expect("array");
    let posts: std::collections::BTreeSet<&str> =
        records.iter().filter_map(|r| r["post"].as_str()).collect();
    assert_eq!(posts, ["Embassy Madrid", "SOFIA"].into());
    let pp: Vec<&serde_json::Value> = records.iter().filter(|r| r["acronym"] == "PP").collect();
    assert_eq!(pp.len(), 1, "{pp:?}");
    assert_eq!(pp[0]["expansion"], "Popular Party");
    assert_eq!(pp[0]["cable"], "04MADRID974");
    assert_eq!(pp[0]["source"], "inline");
    assert_eq!(
        pp[0]["conflicts"],
        serde_json::json!(["Partido Popular (06MADRID2632)"])
    );
}

/// A folder is read twice, a batch of 512 cables at a time (definitions, then uses), so
/// that no more than a batch is held parsed: over the 1,095 real cables (three batches)
/// its records are exactly those of every cable parsed at once. A file that cannot be
/// read is reported once and left out; one that goes missing between the passes is
/// reported, its definitions (read in the first) kept.
#[test]
fn a_folder_read_in_two_passes_gives_what_its_cables_give_at_once() {
    use cablescope::glossary::{folder, report::Record, shipped};
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    let corpus = super::corpus::corpus();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut paths: Vec<PathBuf> = corpus
        .texts
        .iter()
        .map(|(id, text)| {
            let path = dir.path().join(format!("{id}.txt"));
            std::fs::write(&path, text).expect("write");
            path
        })
        .collect();
    let parse = |path: &Path| {
        cablescope::source::read(path).map(|s| {
            let cable = s.parse().cable;
            (s.name, cable)
        })
    };
    let at_once: Vec<(String, cablescope::cable::Cable)> =
        paths.iter().map(|p| parse(p).expect("readable")).collect();
    let expected = folder::records(&at_once, shipped());
    let goc = |records: &[Record]| {
        records
            .iter()
            .find(|r| r.acronym == "GOC" && r.post.as_deref() == Some("Embassy Bogota"))
            .cloned()
    };
    let bogota = goc(&expected).expect("Bogota's GOC");
    assert_eq!(bogota.expansion.as_deref(), Some("Government of Colombia"));

    let mut skipped = Vec::new();
    let records = folder::read(&paths, parse, shipped(), |p, e| {
        skipped.push((p.to_path_buf(), e.to_string()));
    });
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(records.len(), expected.len());
    assert!(records == expected, "the two passes differ from one");

    // 10BOGOTA227 defines GOC and is read once only: its definition stays, its uses go.
    let missing = dir.path().join("missing.txt");
    paths.insert(0, missing.clone());
    let vanishing = dir.path().join("10BOGOTA227.txt");
    let reads = AtomicUsize::new(0);
    let mut skipped = Vec::new();
    let records = folder::read(
        &paths,
        |p| {
            if p == vanishing && reads.fetch_add(1, Ordering::Relaxed) > 0 {
                return Err("gone".to_owned());
            }
            parse(p).map_err(|e| e.to_string())
        },
        shipped(),
        |p, e| skipped.push((p.to_path_buf(), e)),
    );
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, missing);
    assert!(skipped[0].1.contains("missing.txt"), "{}", skipped[0].1);
    assert_eq!(skipped[1], (vanishing, "gone".to_owned()));
    let after = goc(&records).expect("Bogota's GOC, defined in the first pass");
    assert_eq!(after.expansion, bogota.expansion);
    assert_eq!(after.cable.as_deref(), Some("10BOGOTA227"));
    assert!(after.uses < bogota.uses, "{} {}", after.uses, bogota.uses);
}

mod reader {
    use cablescope::action::Action;
    use cablescope::app::{App, SidebarContent};

    use super::super::ui::{draw, seed, typed_char};

    fn search(app: &mut App, query: &str) {
        app.update(Action::OpenSearch);
        for c in query.chars() {
            app.update(typed_char(c));
        }
        app.update(Action::PromptSubmit);
    }

    fn paragraph_at_cursor(app: &App) -> Option<u32> {
        let c = app.ann.cursor?;
        app.doc.cable.paragraphs.get(c.para)?.number
    }

    /// `K` on GOM says what it means and where the cable defines it; `K` again goes
    /// there, and Back returns.
    #[test]
    fn k_explains_then_goes_to_the_definition() {
        let mut app = seed();
        search(&mut app, "PGR is");
        let before = paragraph_at_cursor(&app);
        app.update(Action::ExplainTerm);
        assert_eq!(
            app.message.as_deref(),
            Some(
                "PGR: unknown — not defined in this cable, nor in the TAGS or abbreviation \
                 lists, used 22 times"
            )
        );
        search(&mut app, "the GOM has decided");
        app.update(Action::WordForward);
        app.update(Action::ExplainTerm);
        assert_eq!(
            app.message.as_deref(),
            Some("GOM: Government of Mexico — defined in ¶1 (K again: go there), used 44 times")
        );
        app.update(Action::ExplainTerm);
        assert_eq!(
            app.message.as_deref(),
            Some("GOM: Government of Mexico — defined here, ¶1 (Back returns)")
        );
        assert_eq!(paragraph_at_cursor(&app), Some(1));
        let c = app.ann.cursor.expect("cursor");
        assert!(
            app.doc.cable.paragraphs[c.para].text[c.offset..]
                .starts_with("Government of Mexico (GOM)")
        );
        assert!(before.is_some());
    }

    /// The glossary view lists the TAGS and acronyms; Enter on one goes to its definition.
    #[test]
    fn glossary_view_lists_meanings_and_goes_to_definitions() {
        let mut app = seed();
        for _ in 0..4 {
            app.update(Action::CycleSidebar);
        }
        assert_eq!(app.sidebar.content, SidebarContent::Glossary);
        let screen = draw(&mut app, 160, 50);
        assert!(screen.contains(" Glossary "), "{screen}");
        assert!(screen.contains("▸ KCRM unknown"), "{screen}");
        assert!(screen.contains("PHUM Human Rights"), "{screen}");
        assert!(screen.contains("TAGS · 0 uses"), "{screen}");
        app.update(Action::FocusNext);
        app.update(Action::FocusNext);
        // The first acronym after the eight TAGS is NGO, defined in ¶1.
        for _ in 0..8 {
            app.update(Action::SidebarDown);
        }
        let screen = draw(&mut app, 160, 50);
        assert!(screen.contains("▸ NGO non-governmental "), "{screen}");
        assert!(screen.contains("defined ¶1 · 37 uses"), "{screen}");
        app.update(Action::SidebarActivate);
        assert_eq!(
            app.message.as_deref(),
            Some("NGO: non-governmental organizations — defined here, ¶1 (Back returns)")
        );
    }
}

/// The mouse resting on an acronym in the reading pane becomes an action (as keys do)
/// and says what `K` says; resting on other text, or off the pane, takes it away.
#[test]
fn mouse_hover_explains_like_k() {
    use cablescope::action::Action;
    use cablescope::ui::view::View;
    use crossterm::event::MouseEventKind;

    use super::ui::{buffer_text, draw_view, find, mouse, seed};
    let mut app = seed();
    let mut view = View::default();
    let terminal = draw_view(&mut app, &mut view, 160, 50);
    let (x, y) = find(terminal.backend().buffer(), "(GOM)").expect("GOM on screen");
    let screen = buffer_text(terminal.backend().buffer());
    assert!(screen.contains("Government of Mexico (GOM)"), "{screen}");
    let over = mouse(&view, &app, MouseEventKind::Moved, x + 2, y).expect("an action");
    assert!(
        matches!(over, Action::HoverText { at: Some(_) }),
        "{over:?}"
    );
    assert!(app.update(over));
    assert_eq!(
        app.message.as_deref(),
        Some("GOM: Government of Mexico — defined in ¶1 (K again: go there), used 44 times")
    );
    // Another word: the explanation goes; off the reading pane, nothing more to do.
    let off =
        mouse(&view, &app, MouseEventKind::Moved, x.saturating_sub(12), y).expect("an action");
    assert!(app.update(off));
    assert_eq!(app.message, None);
    let outside = mouse(&view, &app, MouseEventKind::Moved, 0, 0).expect("an action");
    assert_eq!(outside, Action::HoverText { at: None });
    assert!(!app.update(outside));
}

/// What a person sees: `K` on an acronym in the reader says what it means and where it
/// is defined, and `K` again takes them there.
#[test]
fn k_in_the_terminal() {
    use super::e2e::Session;
    let home = tempfile::tempdir().expect("tempdir");
    let path = format!(
        "{}/tests/fixtures/06MEXICO1113.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut s = Session::start(&[&path], home.path(), &[]);
    s.wait_text("[reader]");
    s.wait_text("Tags: KCRM (unknown), PHUM (Human Rights)");
    s.send("/the GOM has decided\r");
    s.wait_text("/the GOM has decided 1/1");
    s.send("wK");
    s.wait_text("GOM: Government of Mexico — defined in ¶1 (K again: go there)");
    s.send("K");
    s.wait_text("GOM: Government of Mexico — defined here, ¶1 (Back returns)");
    s.send("q");
    assert!(s.finish(), "exit status 0");
}

/// Rows of a hand-checked sample file: tab-separated fields, `#` comments skipped.
fn sample_rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

/// 100 definitions found in the real corpus, read by hand: precision ≥ 95%. Each row
/// must still be what the parser finds, so the file cannot drift from the code.
#[test]
fn corpus_definitions_sample_precision() {
    let corpus = super::corpus::corpus();
    let rows = sample_rows(include_str!("../data/glossary/definitions-sample.tsv"));
    assert_eq!(rows.len(), 100);
    let mut right = 0;
    for row in &rows {
        let (id, para, acronym, expansion, verdict) = (row[0], row[1], row[2], row[3], row[4]);
        let para: usize = para.parse().expect("paragraph index");
        let cable = with_definitions(
            cablescope::parse::parse_with(
                corpus.text(id),
                &cablescope::parse::Hints { name: Some(id) },
            )
            .cable,
        );
        let found = cable
            .definitions
            .iter()
            .find(|d| d.paragraph == para && d.acronym == acronym)
            .map(|d| d.expansion.as_str());
        assert_eq!(
            found,
            Some(expansion),
            "{id} ¶{para} {acronym}: re-check this row"
        );
        right += usize::from(verdict == "ok");
    }
    eprintln!("definitions: {right} / 100 right");
    assert!(right >= 95, "precision {right}%");
}

/// 100 acronym uses in the real corpus with the meaning the glossary shows, read by
/// hand in context: right ≥ 90%.
#[test]
fn corpus_uses_sample_meanings() {
    let corpus = super::corpus::corpus();
    let rows = sample_rows(include_str!("../data/glossary/uses-sample.tsv"));
    assert_eq!(rows.len(), 100);
    let mut right = 0;
    for row in &rows {
        let (id, acronym, meaning, verdict) = (row[0], row[1], row[2], row[3]);
        let cable = with_definitions(
            cablescope::parse::parse_with(
                corpus.text(id),
                &cablescope::parse::Hints { name: Some(id) },
            )
            .cable,
        );
        let glossary =
            cablescope::glossary::Glossary::build(&cable, None, cablescope::glossary::shipped());
        let entry = glossary
            .get(acronym)
            .expect("the acronym is in the glossary");
        assert!(entry.uses > 0, "{id} {acronym}");
        assert_eq!(
            entry.expansion.as_deref(),
            Some(meaning),
            "{id} {acronym}: re-check"
        );
        right += usize::from(verdict == "ok");
    }
    eprintln!("uses: {right} / 100 right");
    assert!(right >= 90, "{right}%");
}

/// Every TAGS code of the fixtures is explained or explicitly unknown, as listed in
/// `tests/data/glossary/fixture-tags.tsv` (read against the shipped sources).
#[test]
fn every_fixture_tag_explained_or_unknown() {
    let expected = sample_rows(include_str!("../data/glossary/fixture-tags.tsv"));
    let mut got: Vec<(String, String)> = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        let cable = with_definitions(parse(&String::from_utf8_lossy(&bytes)).cable);
        let glossary =
            cablescope::glossary::Glossary::build(&cable, None, cablescope::glossary::shipped());
        for tag in &cable.header.tags {
            let entry = glossary.get(tag).expect("every tag has an entry");
            assert!(entry.is_tag);
            let meaning = entry
                .expansion
                .clone()
                .unwrap_or_else(|| "unknown".to_owned());
            if !got.iter().any(|(t, _)| t == tag) {
                got.push((tag.clone(), meaning));
            }
        }
    }
    got.sort();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|r| (r[0].to_owned(), r[1].to_owned()))
        .collect();
    assert_eq!(got, expected);
}

/// Government forms are scoped by country: a consulate's `GOP` is explained by its
/// embassy's "Government of Pakistan", never by Asuncion's "Government of Paraguay";
/// the Department's `GOC` (China in 08STATE50524, Colombia in 09STATE83014) explains no
/// post's cable, and Bogota's cables keep their own.
#[test]
fn government_forms_are_scoped_by_country() {
    use cablescope::glossary::{CorpusGlossary, Glossary, Source, shipped};
    let corpus = super::corpus::corpus();
    let ids = [
        "09PESHAWAR2",
        "10ISLAMABAD345",
        "06ASUNCION589",
        "09SAOPAULO104",
        "09BRASILIA28",
        "04RANGOON88",
        "08STATE50524",
        "09STATE83014",
        "10BOGOTA227",
        "07BOGOTA8306",
    ];
    let cables: Vec<(&str, cablescope::cable::Cable)> = ids
        .iter()
        .map(|id| (*id, with_definitions(parse(corpus.text(id)).cable)))
        .collect();
    let glossary = CorpusGlossary::of(cables.iter().map(|(id, c)| (*id, c)));
    let explain = |id: &str, acronym: &str| {
        let (_, cable) = cables.iter().find(|(i, _)| *i == id).expect("loaded");
        let g = Glossary::build(cable, Some(&glossary), shipped());
        let e = g.get(acronym).expect("used").clone();
        (e.expansion, e.source, e.cable, e.conflicts)
    };
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        explain("09PESHAWAR2", "GOP"),
        (
            some("Government of Pakistan"),
            Some(Source::Corpus),
            some("10ISLAMABAD345"),
            vec![]
        )
    );
    assert_eq!(
        explain("09SAOPAULO104", "GOB"),
        (
            some("Government of Brazil"),
            Some(Source::Corpus),
            some("09BRASILIA28"),
            vec![]
        )
    );
    assert_eq!(
        explain("07BOGOTA8306", "GOC"),
        (
            some("Government of Colombia"),
            Some(Source::Corpus),
            some("10BOGOTA227"),
            vec![]
        )
    );
    assert_eq!(
        explain("08STATE50524", "GOC").0.as_deref(),
        Some("Government of China")
    );
    assert_eq!(
        explain("06ASUNCION589", "GOP").0.as_deref(),
        Some("Government of Paraguay")
    );
}

/// Every post of the vendored corpus has a country from the one station table, but the
/// Department, missions to organisations and the Iran office in Dubai.
#[test]
fn every_corpus_post_has_a_country() {
    let corpus = super::corpus::corpus();
    let mut without = std::collections::BTreeSet::new();
    for text in corpus.texts.values() {
        let scope = cablescope::glossary::Scope::of(&parse(text).cable);
        if scope.country.is_none() {
            without.insert(scope.post);
        }
    }
    // `unknown post`: cables whose `FM` line is lost.
    let expected = [
        "Iran RPO Dubai",
        "Mission USNATO",
        "Secretary of State",
        "UNVIE",
        "unknown post",
    ];
    assert_eq!(without, expected.map(str::to_owned).into());
}

/// The reader with definitions from other cables (corpus mode): the library delivers
/// [`CorpusGlossary::for_cable`] as an action, and `K`, the mouse and the glossary view
/// explain from it.
mod reader_corpus {
    use cablescope::action::{Action, Carried};
    use cablescope::app::{App, SidebarContent};
    use cablescope::glossary::CorpusGlossary;

    use super::super::ui::{draw, typed_char};
    use super::with_definitions;

    fn search(app: &mut App, query: &str) {
        app.update(Action::OpenSearch);
        for c in query.chars() {
            app.update(typed_char(c));
        }
        app.update(Action::PromptSubmit);
    }

    /// `id` open in the reader, and the glossary of `ids` for it.
    fn open(id: &str, ids: &[&str]) -> (App, CorpusGlossary) {
        let corpus = super::super::corpus::corpus();
        let app = App::from_text(&format!("{id}.txt"), None, corpus.text(id));
        let cables: Vec<(&str, cablescope::cable::Cable)> = ids
            .iter()
            .map(|i| {
                let cable = cablescope::parse::parse(corpus.text(i)).cable;
                (*i, with_definitions(cable))
            })
            .collect();
        let all = CorpusGlossary::of(cables.iter().map(|(i, c)| (*i, c)));
        let mine = all.for_cable(&app.doc.cable);
        (app, mine)
    }

    fn k_on(app: &mut App, query: &str, words: usize) -> Option<String> {
        search(app, query);
        for _ in 0..words {
            app.update(Action::WordForward);
        }
        app.update(Action::ExplainTerm);
        app.message.clone()
    }

    /// Peshawar's FATA is explained by Peshawar's other cable, its GOP by the embassy in
    /// Islamabad (same country), never by Asuncion's "Government of Paraguay".
    #[test]
    fn k_explains_from_other_cables_of_the_post() {
        let (mut app, mine) = open(
            "09PESHAWAR147",
            &[
                "09PESHAWAR2",
                "10ISLAMABAD345",
                "06ASUNCION589",
                "09PESHAWAR147",
            ],
        );
        let before = k_on(&mut app, "its FATA", 1);
        // Too many vowels to pass for an acronym while nothing explains it.
        assert_eq!(before.as_deref(), Some("FATA: unknown"));
        app.update(Action::CorpusGlossary(Carried::new(mine)));
        assert_eq!(
            k_on(&mut app, "its FATA", 1).as_deref(),
            Some(
                "FATA: Federally Administered Tribal Areas — corpus: defined in 09PESHAWAR2 \
                 ¶3, used 2 times"
            )
        );
        // The mouse resting on FATA says the same as `K`; moving off takes it away.
        app.update(Action::ScrollDown);
        assert_eq!(app.message, None);
        let (para, offset) = app
            .doc
            .cable
            .paragraphs
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.text.find("FATA").map(|o| (i, o + 1)))
            .expect("FATA is used");
        app.update(Action::HoverText {
            at: Some((para, offset)),
        });
        assert_eq!(
            app.message.as_deref(),
            Some(
                "FATA: Federally Administered Tribal Areas — corpus: defined in 09PESHAWAR2 \
                 ¶3, used 2 times"
            )
        );
        assert!(!app.update(Action::HoverText {
            at: Some((para, offset + 1)),
        }));
        assert!(app.update(Action::HoverText { at: None }));
        assert_eq!(app.message, None);
    }

    /// A consulate's GOB is its embassy's "Government of Brazil", not Rangoon's
    /// "Goverment of Burma".
    #[test]
    fn government_forms_come_from_the_same_country() {
        let (mut app, mine) = open(
            "09SAOPAULO104",
            &["09BRASILIA28", "04RANGOON88", "09SAOPAULO104"],
        );
        app.update(Action::CorpusGlossary(Carried::new(mine)));
        assert_eq!(
            k_on(&mut app, "GOB ultimately", 0).as_deref(),
            Some("GOB: Government of Brazil — corpus: defined in 09BRASILIA28 ¶1, used 2 times")
        );
    }

    /// The Department gives GOC two meanings (China in 08STATE50524, Colombia in
    /// 09STATE83014): `K` and the glossary view show the other, and Bogota's never.
    #[test]
    fn conflicts_are_shown() {
        let (mut app, mine) = open(
            "08STATE50524",
            &["09STATE83014", "10BOGOTA227", "08STATE50524"],
        );
        app.update(Action::CorpusGlossary(Carried::new(mine)));
        let said = k_on(&mut app, "Government of China (GOC)", 4);
        assert_eq!(
            said.as_deref(),
            Some(
                "GOC: Government of China — defined in ¶2 (K again: go there), used once; \
                 also: Government of Colombia (09STATE83014)"
            )
        );
        for _ in 0..4 {
            app.update(Action::CycleSidebar);
        }
        assert_eq!(app.sidebar.content, SidebarContent::Glossary);
        insta::assert_snapshot!("state_goc_glossary_sidebar_160x50", draw(&mut app, 160, 50));
    }
}

/// What the reader opened from a library borrows (issue 16): the files of the cables that
/// can explain its acronyms, chosen from the index of the whole vendored corpus
/// ([`cablescope::glossary::gather`]), read, and delivered as an action.
mod gathered {
    use std::path::Path;

    use cablescope::action::{Action, Carried};
    use cablescope::app::App;
    use cablescope::glossary::{Scope, gather};
    use cablescope::index::{Catalog, Entry};

    use super::super::corpus::corpus;
    use super::super::library::built;
    use super::super::ui::typed_char;

    /// `id` open as the library opens it, the entries its glossary is read from, and
    /// the post they are read for.
    fn open(id: &str) -> (App, Vec<Entry>, Scope) {
        let b = built();
        let catalog = Catalog::open_in_cache(&b.cache, &b.cables).expect("opens");
        let path = b.cables.join(format!("{id}.txt"));
        let app = App::from_text(&format!("{id}.txt"), Some(path.clone()), corpus().text(id));
        let scope = gather::scope_of(catalog.entries(), &app.doc.cable, Some(&path));
        let paths = gather::definers(catalog.entries(), &scope, &app.doc.cable, Some(&path));
        (app, paths, scope)
    }

    fn ids(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| {
                Path::new(e.path.file_stem().expect("a name"))
                    .display()
                    .to_string()
            })
            .collect()
    }

    /// The ids of `origin`'s cables in the corpus's metadata (WikiLeaks', not the
    /// parser's). A partial extract has no `FM` line (29 of Madrid's 89): the index lists
    /// it under its id's station, and the catalog names the station's post as its other
    /// cables do, so it is the post's, for its definitions as for its uses.
    fn of_post(origin: &str) -> Vec<String> {
        let mut ids: Vec<String> = corpus()
            .meta
            .iter()
            .filter(|m| m.origin == origin)
            .map(|m| m.id.clone())
            .collect();
        ids.sort();
        ids
    }

    fn k_on(app: &mut App, query: &str, words: usize) -> Option<String> {
        app.update(Action::OpenSearch);
        for c in query.chars() {
            app.update(typed_char(c));
        }
        app.update(Action::PromptSubmit);
        for _ in 0..words {
            app.update(Action::WordForward);
        }
        app.update(Action::ExplainTerm);
        app.message.clone()
    }

    /// 09MADRID869 speaks of "Russian OC leadership" nine times and never says what OC
    /// is; of Madrid's other 88 cables (all read, its 29 partial extracts with them, and
    /// no other post's), 10MADRID154 ¶1 says it: "organized crime (OC)". Sofia's
    /// "organized crime (OC)" and Moscow's "DEA Chief of Operations (OC)" are not read.
    #[test]
    fn an_acronym_is_explained_by_another_cable_of_the_post() {
        let (mut app, paths, scope) = open("09MADRID869");
        let mut read = ids(&paths);
        read.sort();
        let mut madrid = of_post("Embassy Madrid");
        madrid.retain(|id| id != "09MADRID869");
        assert_eq!(madrid.len(), 88);
        assert_eq!(read, madrid);
        assert!(
            read.iter().any(|id| id == "05MADRID2653"),
            "a partial extract"
        );
        // Nearest in date first: 09MADRID869 is of 2009-06-19.
        assert_eq!(ids(&paths[..1]), ["09MADRID982"]);
        assert_eq!(
            k_on(&mut app, "Russian OC leadership", 1).as_deref(),
            Some(
                "OC: unknown — not defined in this cable, nor in the TAGS or abbreviation \
                 lists, used 9 times"
            )
        );
        assert_eq!(scope, Scope::of(&app.doc.cable), "the FM line's post");
        let glossary = gather::gather(&paths, &scope);
        app.update(Action::CorpusGlossary(Carried::new(glossary)));
        assert_eq!(
            k_on(&mut app, "Russian OC leadership", 1).as_deref(),
            Some("OC: organized crime — corpus: defined in 10MADRID154 ¶1, used 9 times")
        );
    }

    /// 04MADRID527, a partial extract, has no FM line: the library lists it under the post
    /// Madrid's other cables name, and it borrows as that post's. Its "PP" (39 uses) is
    /// explained by 04MADRID974, another partial extract: "the Popular Party (PP)"; the
    /// other meanings Madrid's cables give it are shown beside it.
    #[test]
    fn a_cable_without_a_sender_borrows_as_its_stations_post() {
        let (mut app, paths, scope) = open("04MADRID527");
        assert_eq!(app.doc.cable.header.from, None);
        assert_eq!(scope, Scope::of_post(Some("Embassy Madrid")));
        assert_eq!(paths.len(), 88, "Madrid's other cables");
        let glossary = gather::gather(&paths, &scope);
        assert_eq!(glossary.scope(), Some(&scope));
        app.update(Action::CorpusGlossary(Carried::new(glossary)));
        assert_eq!(
            k_on(&mut app, "show the PP", 2).as_deref(),
            Some(
                "PP: Popular Party — corpus: defined in 04MADRID974 ¶1, used 39 times; also: \
                 Partido Popular (06MADRID2632); Populist Party (10MADRID174)"
            )
        );
    }

    /// A consulate reads its own cables first, then its embassy's (the same country, for
    /// its government forms): 09PESHAWAR147's FATA is Peshawar's, its GOP Islamabad's.
    #[test]
    fn a_consulate_reads_its_post_then_its_country() {
        let (mut app, paths, scope) = open("09PESHAWAR147");
        let read = ids(&paths);
        assert_eq!(read.first().map(String::as_str), Some("09PESHAWAR2"));
        let mut rest = read[1..].to_vec();
        rest.sort();
        assert_eq!(rest, of_post("Embassy Islamabad"));
        assert_eq!(scope, Scope::of(&app.doc.cable), "the FM line's post");
        let glossary = gather::gather(&paths, &scope);
        // Islamabad's 06ISLAMABAD22174 and 10ISLAMABAD345 both say "Government of
        // Pakistan (GOP)"; the one nearer in date (the cable is of July 2009) is named.
        // (09PESHAWAR147 writes GOP in a heading only, where no use is counted.)
        let gop = glossary.best(&scope, "GOP").expect("GOP is explained");
        assert_eq!(
            (gop.expansion.as_str(), gop.cable.as_str()),
            ("Government of Pakistan", "10ISLAMABAD345")
        );
        app.update(Action::CorpusGlossary(Carried::new(glossary)));
        assert_eq!(
            k_on(&mut app, "its FATA", 1).as_deref(),
            Some(
                "FATA: Federally Administered Tribal Areas — corpus: defined in 09PESHAWAR2 \
                 ¶3, used 2 times"
            )
        );
        // "Swat, Northwest Frontier Province (NWFP)" in 09PESHAWAR2 ¶1.
        assert_eq!(
            k_on(&mut app, "NWFP", 0).as_deref(),
            Some(
                "NWFP: Northwest Frontier Province — corpus: defined in 09PESHAWAR2 ¶1, \
                 used 3 times"
            )
        );
    }
}
