//! The documented JSON view of a parsed cable, printed by `cablescope dump --json`.
//!
//! This is an interface other tools rely on, so it is a separate set of types rather than
//! the internal model serialised as is: the model may grow and change, this view only
//! grows. Paragraphs are named by number (not by index), questions carry their text, and
//! cross-reference targets are spelled out (`{"question": 17}`, `{"paragraph": 10}`,
//! `{"ref": "C"}`, `{"unresolved": "question 99"}`); a keyed answer (`27.A.`, which has
//! no paragraph number) is named by its key, `{"question": "27.A"}`.

use serde::Serialize;

use crate::cable::{Cable, QuestionNumber, XrefKind, XrefTarget};
use crate::parse::{Diagnostic, Parsed};

/// Top level of the JSON document.
#[derive(Debug, Serialize)]
pub struct Dump<'a> {
    /// Canonical reference id, e.g. `06MEXICO1113`.
    pub id: Option<&'a str>,
    /// Header fields.
    pub header: DumpHeader<'a>,
    /// Section headings with the numbers of their paragraphs.
    pub sections: Vec<DumpSection<'a>>,
    /// Body paragraphs in order.
    pub paragraphs: Vec<DumpParagraph<'a>>,
    /// Cross-references, one per target.
    pub xrefs: Vec<DumpXref<'a>>,
    /// Signer's surname(s).
    pub signature: Option<&'a str>,
    /// The author's summary (`Summary: … End Summary.`) without its labels, paragraphs
    /// joined by a blank line, or `null`.
    pub summary: Option<String>,
    /// Acronyms defined inline, in text order.
    pub definitions: Vec<DumpDefinition<'a>>,
    /// Parser diagnostics.
    pub diagnostics: &'a [Diagnostic],
}

/// Header fields of the JSON view.
#[derive(Debug, Serialize)]
pub struct DumpHeader<'a> {
    /// ISO 8601 UTC timestamp of the date-time group.
    pub date: Option<String>,
    /// `FM` line.
    pub from: Option<&'a str>,
    /// `TO` addressees' names.
    pub to: Vec<&'a str>,
    /// `INFO` addressees' names.
    pub info: Vec<&'a str>,
    /// Every addressee (`TO`, then `INFO`, then `XMT`) with its route, precedence and
    /// message control number.
    pub recipients: Vec<DumpRecipient<'a>>,
    /// Classification.
    pub classification: Option<&'a str>,
    /// Handling caveats.
    pub handling: &'a [String],
    /// TAGS.
    pub tags: &'a [String],
    /// SUBJECT.
    pub subject: Option<&'a str>,
    /// REF list.
    pub refs: Vec<DumpRef<'a>>,
    /// Transmission id, e.g. `VZCZCXR05300`.
    pub transmission_id: Option<&'a str>,
    /// Precedence as written on the DTG line (`R`, `O`, `P R`…).
    pub precedence: Option<&'a str>,
    /// The date-time group as written, e.g. `021324Z MAR 06`.
    pub dtg: Option<&'a str>,
    /// Originating post as on the classification line, e.g. `MEXICO`.
    pub origin: Option<&'a str>,
    /// Serial number, e.g. 1113.
    pub serial: Option<u32>,
    /// `N` of `SECTION 01 OF N`.
    pub section_count: Option<u32>,
    /// Office lines such as `STATE FOR WHA/PPC AND G/TIP`.
    pub office: &'a [String],
    /// The E.O. line's content, e.g. `12958: DECL: 03/02/2016`.
    pub eo: Option<&'a str>,
    /// The E.O. line's declassification instruction as written (`03/02/2016`, `OADR`).
    pub declassify: Option<&'a str>,
    /// That instruction as an ISO date (`2016-03-02`), when it is one.
    pub declassify_on: Option<String>,
    /// The `Classified By:` line's content as written.
    pub classified_by: Option<&'a str>,
    /// The classifying official named there (`Ambassador Tony Garza`).
    pub classifier: Option<&'a str>,
    /// The E.O. reasons named there (`1.4(b)`, `1.4(d)`).
    pub reasons: &'a [String],
    /// Whether the text is a partial extract (WikiLeaks' notice above it).
    pub partial: bool,
    /// The classification guide of a `Derived from:` line (`DSCG 05-1 B, D`).
    pub derived_from: Option<&'a str>,
    /// What a corrected copy says was corrected (`TEXT`; `""` when it says nothing),
    /// `null` for a cable that is no corrected copy.
    pub correction: Option<&'a str>,
}

/// One REF entry.
#[derive(Debug, Serialize)]
pub struct DumpRef<'a> {
    /// Letter, when lettered.
    pub letter: Option<String>,
    /// Entry as written.
    pub text: &'a str,
    /// Canonical id.
    pub id: Option<&'a str>,
}

/// One section.
#[derive(Debug, Serialize)]
pub struct DumpSection<'a> {
    /// Heading.
    pub title: &'a str,
    /// Paragraph numbers (`null` for unnumbered paragraphs).
    pub paragraphs: Vec<Option<u32>>,
}

/// One paragraph.
#[derive(Debug, Serialize)]
pub struct DumpParagraph<'a> {
    /// Number, or `null`.
    pub number: Option<u32>,
    /// Marking such as `SBU`.
    pub marking: Option<&'a str>,
    /// Page the paragraph starts on.
    pub page: u32,
    /// Clean text.
    pub text: &'a str,
    /// Question and response, or `null`.
    pub question: Option<DumpQuestion<'a>>,
    /// Lettered sub-paragraphs (`A.`, `B.` …), each with its exchange (`USG Concern:` …
    /// `GOA Response:`) as a question numbered `5.A`, or `null`.
    pub subparagraphs: Vec<DumpSubParagraph<'a>>,
}

/// A lettered sub-paragraph.
#[derive(Debug, Serialize)]
pub struct DumpSubParagraph<'a> {
    /// Its letter, e.g. `A`.
    pub label: &'a str,
    /// Its marking such as `S/NF`.
    pub marking: Option<&'a str>,
    /// Its clean text (from the label on).
    pub text: &'a str,
    /// The point raised and the answer to it, or `null`.
    pub question: Option<DumpQuestion<'a>>,
}

/// A question and its response.
#[derive(Debug, Serialize)]
pub struct DumpQuestion<'a> {
    /// Number (or label).
    pub number: &'a QuestionNumber,
    /// Question text.
    pub text: &'a str,
    /// Response text.
    pub response: &'a str,
}

/// One addressee.
#[derive(Debug, Serialize)]
pub struct DumpRecipient<'a> {
    /// `to`, `info` or `exempt` (an `XMT` line: not sent to it).
    pub list: &'static str,
    /// The addressee, e.g. `SECSTATE WASHDC`.
    pub name: &'a str,
    /// Routing indicator, e.g. `RUEHC`.
    pub route: Option<&'a str>,
    /// Precedence, e.g. `PRIORITY`.
    pub precedence: Option<&'a str>,
    /// Message control number as written, e.g. `5265`.
    pub mcn: Option<&'a str>,
}

/// One cross-reference.
#[derive(Debug, Serialize)]
pub struct DumpXref<'a> {
    /// Number of the paragraph holding the phrase (`null` if unnumbered).
    pub paragraph: Option<u32>,
    /// Key of the keyed answer holding the phrase (`29.L`), when it is one.
    pub answer: Option<&'a str>,
    /// `question`, `paragraph`, `ref` or `reftel`.
    pub kind: XrefKind,
    /// The phrase as in the clean text.
    pub text: &'a str,
    /// Resolved target.
    pub target: DumpTarget<'a>,
    /// For a REF target, its index in the header's `refs` (from 0); else `null`.
    pub ref_index: Option<usize>,
    /// For a REF target that names a cable, that cable's id (`08SAOPAULO581`); else `null`.
    pub ref_id: Option<&'a str>,
    /// True when the REF list carries no letters and the phrase's letter was taken as
    /// the entry at its place (`Ref C`, the third).
    pub by_place: bool,
}

/// One acronym defined inline (`Government of Mexico (GOM)`).
#[derive(Debug, Serialize)]
pub struct DumpDefinition<'a> {
    /// The acronym, a plural `s` dropped (`TCN` for `TCNs`).
    pub acronym: &'a str,
    /// What it stands for, as written.
    pub expansion: &'a str,
    /// Number of the paragraph holding it (`null` if unnumbered).
    pub paragraph: Option<u32>,
    /// Index of that paragraph among all paragraphs, from 0 (unnumbered ones included).
    pub paragraph_index: usize,
    /// Byte offset of the definition in that paragraph's clean text.
    pub offset: usize,
    /// How well the letters match the words, 0 to 1.
    pub confidence: f32,
}

/// Where a cross-reference points.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DumpTarget<'a> {
    /// A question by number.
    Question(&'a QuestionNumber),
    /// A paragraph by number.
    Paragraph(Option<u32>),
    /// A REF entry by letter (or its text when unlettered).
    Ref(String),
    /// Not found; what was sought.
    Unresolved(&'a str),
}

impl<'a> Dump<'a> {
    /// Build the view of `parsed`.
    #[must_use]
    pub fn new(parsed: &'a Parsed) -> Self {
        let cable = &parsed.cable;
        let h = &cable.header;
        Self {
            id: cable.id.as_deref(),
            header: DumpHeader {
                date: h
                    .date
                    .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                from: h.from.as_deref(),
                to: h.to.iter().map(|r| r.name.as_str()).collect(),
                info: h.info.iter().map(|r| r.name.as_str()).collect(),
                recipients: [("to", &h.to), ("info", &h.info), ("exempt", &h.exempt)]
                    .into_iter()
                    .flat_map(|(list, rs)| {
                        rs.iter().map(move |r| DumpRecipient {
                            list,
                            name: &r.name,
                            route: r.route.as_deref(),
                            precedence: r.precedence.as_deref(),
                            mcn: r.mcn.as_deref(),
                        })
                    })
                    .collect(),
                classification: h.classification.as_deref(),
                handling: &h.handling,
                tags: &h.tags,
                subject: h.subject.as_deref(),
                refs: h
                    .refs
                    .iter()
                    .map(|r| DumpRef {
                        letter: r.letter.map(String::from),
                        text: &r.text,
                        id: r.id.as_deref(),
                    })
                    .collect(),
                transmission_id: h.transmission_id.as_deref(),
                precedence: h.precedence.as_deref(),
                dtg: h.dtg.as_deref(),
                origin: h.origin.as_deref(),
                serial: h.serial,
                section_count: h.section_count,
                office: &h.office,
                eo: h.eo.as_deref(),
                declassify: h.declassify.as_deref(),
                declassify_on: h.declassify_on.map(|d| d.to_string()),
                classified_by: h.classified_by.as_deref(),
                classifier: h.classifier.as_deref(),
                reasons: &h.reasons,
                partial: h.partial,
                derived_from: h.derived_from.as_deref(),
                correction: h.correction.as_deref(),
            },
            sections: cable
                .sections
                .iter()
                .map(|s| DumpSection {
                    title: &s.title,
                    paragraphs: s
                        .paragraphs
                        .iter()
                        .map(|&i| cable.paragraphs.get(i).and_then(|p| p.number))
                        .collect(),
                })
                .collect(),
            paragraphs: cable
                .paragraphs
                .iter()
                .map(|p| DumpParagraph {
                    number: p.number,
                    marking: p.marking.as_deref(),
                    page: p.page,
                    text: &p.text,
                    question: p.question.as_ref().map(|q| DumpQuestion {
                        number: &q.number,
                        text: p.question_text().unwrap_or_default(),
                        response: p.response_text().unwrap_or_default(),
                    }),
                    subparagraphs: p
                        .subparagraphs
                        .iter()
                        .map(|sp| DumpSubParagraph {
                            label: &sp.label,
                            marking: sp.marking.as_deref(),
                            text: p.text.get(sp.range.clone()).unwrap_or_default().trim_end(),
                            question: sp.question.as_ref().map(|q| DumpQuestion {
                                number: &q.number,
                                text: p.text.get(q.text.clone()).unwrap_or_default(),
                                response: p.text.get(q.response.clone()).unwrap_or_default(),
                            }),
                        })
                        .collect(),
                })
                .collect(),
            xrefs: cable.xrefs.iter().map(|x| xref(cable, x)).collect(),
            signature: cable.signature.as_deref(),
            summary: cable.summary_text(),
            definitions: cable
                .definitions
                .iter()
                .map(|d| DumpDefinition {
                    acronym: &d.acronym,
                    expansion: &d.expansion,
                    paragraph: cable.paragraphs.get(d.paragraph).and_then(|p| p.number),
                    paragraph_index: d.paragraph,
                    offset: d.range.start,
                    confidence: d.confidence,
                })
                .collect(),
            diagnostics: &parsed.diagnostics,
        }
    }
}

fn xref<'a>(cable: &'a Cable, x: &'a crate::cable::CrossRef) -> DumpXref<'a> {
    let source = cable.paragraphs.get(x.paragraph);
    let target = match &x.target {
        XrefTarget::Paragraph(i) => {
            let p = cable.paragraphs.get(*i);
            match (x.kind, p.and_then(|p| p.question.as_ref())) {
                (XrefKind::Question, Some(q)) => DumpTarget::Question(&q.number),
                // A keyed answer (`28.B`) has no paragraph number: name it by its key.
                (_, Some(q)) if p.is_some_and(|p| p.keyed_label().is_some()) => {
                    DumpTarget::Question(&q.number)
                }
                _ => DumpTarget::Paragraph(p.and_then(|p| p.number)),
            }
        }
        XrefTarget::Ref(i) => {
            DumpTarget::Ref(cable.header.refs.get(*i).map_or_else(String::new, |r| {
                r.letter.map_or_else(|| r.text.clone(), String::from)
            }))
        }
        XrefTarget::Unresolved(s) => DumpTarget::Unresolved(s),
    };
    let ref_index = match x.target {
        XrefTarget::Ref(i) => Some(i),
        _ => None,
    };
    DumpXref {
        ref_index,
        ref_id: ref_index
            .and_then(|i| cable.header.refs.get(i))
            .and_then(|r| r.id.as_deref()),
        by_place: x.letter_by_place(&cable.header.refs).is_some(),
        paragraph: source.and_then(|p| p.number),
        answer: source.and_then(crate::cable::Paragraph::keyed_label),
        kind: x.kind,
        text: source
            .and_then(|p| p.text.get(x.phrase.clone()))
            .unwrap_or_default(),
        target,
    }
}
