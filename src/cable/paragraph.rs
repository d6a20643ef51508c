//! Body paragraphs: number, marking, page, clean text, and the parts inside them
//! (question and response, lettered sub-paragraphs, Note/Comment blocks), plus the record
//! of every repair that turned the raw source into the clean text.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One body paragraph.
///
/// `text` is the clean text without the paragraph number and marking (the reader adds
/// those from the fields). Blocks that were separate paragraphs in the original but sit
/// under one number (lists, "Post Response:" after a question) are separated by `\n`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph number (`¶N`), or `None` for unnumbered text.
    pub number: Option<u32>,
    /// Classification marking without parentheses: `SBU`, `C`, `S/NF`, `U//FOUO`…
    pub marking: Option<String>,
    /// Page (section of transmission) the paragraph starts on, from 1.
    pub page: u32,
    /// 1-based source lines, first and last inclusive.
    pub lines: Range<usize>,
    /// Byte range in the source, from the number to the last character.
    pub span: Range<usize>,
    /// Clean text.
    pub text: String,
    /// For questionnaire answers: the question and the response, kept apart.
    pub question: Option<Question>,
    /// Lettered sub-paragraphs (`A.`, `B.` …) inside this paragraph.
    pub subparagraphs: Vec<SubParagraph>,
    /// Inline `Note: … End Note.`, `Comment: … End Comment.`, summary blocks.
    pub blocks: Vec<Block>,
    /// Where a later page begins inside the clean text.
    pub page_breaks: Vec<PageBreak>,
    /// Index into [`crate::cable::Cable::sections`] of the enclosing section.
    pub section: Option<usize>,
    /// Every change made from the source to the clean text, in source order, *except*
    /// the plain line joins kept compactly in [`Paragraph::line_joins`]. To see every
    /// repair, use [`Paragraph::all_repairs`].
    pub repairs: Vec<Repair>,
    /// The commonest repair, stored compactly: each `[start, end)` is the source byte
    /// range of a line break (with any marker or blank lines inside it) that became one
    /// space, i.e. a [`RepairKind::LineJoin`] with the compact empty replacement. One
    /// occurs on nearly every source line, so a full 48-byte [`Repair`] each would
    /// dominate memory. In source order. [`Paragraph::all_repairs`] yields them as
    /// `Repair` values merged with [`Paragraph::repairs`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line_joins: Vec<[u32; 2]>,
}

impl Paragraph {
    /// The question text, when this paragraph answers a question.
    #[must_use]
    pub fn question_text(&self) -> Option<&str> {
        let q = self.question.as_ref()?;
        self.text.get(q.text.clone())
    }

    /// The response text, when this paragraph answers a question.
    #[must_use]
    pub fn response_text(&self) -> Option<&str> {
        let q = self.question.as_ref()?;
        self.text.get(q.response.clone())
    }

    /// Every repair of this paragraph in source order: [`Paragraph::repairs`] merged
    /// with [`Paragraph::line_joins`], the latter spelled out as
    /// [`RepairKind::LineJoin`] repairs with the compact empty replacement (which
    /// [`Repair::replacement_text`] reads as one space). Ordered by source start, then
    /// end; on a tie a line join comes first.
    pub fn all_repairs(&self) -> impl Iterator<Item = Repair> + '_ {
        let mut repairs = self.repairs.iter().peekable();
        let mut joins = self.line_joins.iter().peekable();
        std::iter::from_fn(move || {
            let join_first = match (repairs.peek(), joins.peek()) {
                (None, None) => return None,
                (Some(_), None) => false,
                (None, Some(_)) => true,
                (Some(r), Some(&&[s, e])) => {
                    (s as usize, e as usize) <= (r.source.start, r.source.end)
                }
            };
            if join_first {
                joins.next().map(|&[s, e]| Repair {
                    kind: RepairKind::LineJoin,
                    source: s as usize..e as usize,
                    replacement: Cow::Borrowed(""),
                })
            } else {
                repairs.next().cloned()
            }
        })
    }

    /// A short label such as `¶17`; `27.A.` for an answer keyed to a tasker's paragraph
    /// (see [`Paragraph::keyed_label`]); `¶` for other unnumbered text.
    #[must_use]
    pub fn label(&self) -> String {
        match (self.number, self.keyed_label()) {
            (Some(n), _) => format!("¶{n}"),
            (None, Some(k)) => format!("{k}."),
            (None, None) => "¶".to_owned(),
        }
    }

    /// For an unnumbered answer keyed to a tasker's paragraph and letter (`27.A. (SBU) …`
    /// in a 2007 TIP response), its key `27.A`.
    #[must_use]
    pub fn keyed_label(&self) -> Option<&str> {
        if self.number.is_some() {
            return None;
        }
        match &self.question.as_ref()?.number {
            QuestionNumber::Label(l) if l.contains('.') => Some(l),
            _ => None,
        }
    }

    /// The question text of sub-paragraph `index`, when it is an exchange.
    #[must_use]
    pub fn sub_question_text(&self, index: usize) -> Option<&str> {
        let q = self.subparagraphs.get(index)?.question.as_ref()?;
        self.text.get(q.text.clone())
    }

    /// The response text of sub-paragraph `index`, when it is an exchange.
    #[must_use]
    pub fn sub_response_text(&self, index: usize) -> Option<&str> {
        let q = self.subparagraphs.get(index)?.question.as_ref()?;
        self.text.get(q.response.clone())
    }
}

/// A questionnaire question inside a paragraph, with its response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// `17` for "Question 17.", `A` for "Question A".
    pub number: QuestionNumber,
    /// Byte range in the paragraph's clean text of the question (after "Question N.").
    pub text: Range<usize>,
    /// Byte range in the paragraph's clean text of the response (after "Post Response:").
    pub response: Range<usize>,
}

/// A question's number: numeric in TIP questionnaires, a letter or label elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum QuestionNumber {
    /// "Question 17."
    Number(u32),
    /// "Question A", "27.A".
    Label(String),
}

impl std::fmt::Display for QuestionNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::Label(s) => f.write_str(s),
        }
    }
}

/// A lettered sub-paragraph (`A.`, `B.`) inside a numbered paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubParagraph {
    /// The letter or label, e.g. `A`.
    pub label: String,
    /// Its marking, when it has one.
    pub marking: Option<String>,
    /// Byte range in the paragraph's clean text.
    pub range: Range<usize>,
    /// When the sub-paragraph is an exchange (`A. (S/NF) USG Concern: … (S/NF) GOA
    /// Response: …`, 06VIENNA515): the point raised and the answer to it, as byte ranges
    /// in the *paragraph's* clean text, numbered `5.A` (paragraph number and letter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Question>,
}

/// An inline block such as `(Note: … End Note.)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What kind of block.
    pub kind: BlockKind,
    /// Byte range in the paragraph's clean text, markers included.
    pub range: Range<usize>,
}

/// Kinds of inline block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// `Note: … End Note.`
    Note,
    /// `Comment: … End Comment.`
    Comment,
    /// `Summary: … End Summary.` / `BEGIN SUMMARY … END SUMMARY`.
    Summary,
    /// Other Begin/End pairs (translations, quoted lists).
    Quoted,
}

/// The start of a new page inside a paragraph's clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageBreak {
    /// Byte offset in the clean text where the page begins.
    pub offset: usize,
    /// The page that begins there.
    pub page: u32,
}

/// One change from the raw source to the clean text.
///
/// Two kinds are recorded compactly because they occur on nearly every line (the parser
/// stores one per source line, so an allocation each would dominate memory):
/// - [`RepairKind::LineJoin`] with an empty `replacement` means the break became one
///   space (a kept block break has `replacement` `"\n"`); use [`Repair::replacement_text`].
///   The parser does not even store these as `Repair`s but as source ranges in
///   [`Paragraph::line_joins`]; [`Paragraph::all_repairs`] yields them in this form;
/// - [`RepairKind::Whitespace`] is recorded once per paragraph, with `source` covering the
///   paragraph: every run of whitespace inside it became one space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// What was repaired.
    pub kind: RepairKind,
    /// Byte range in the source of the text that was replaced or removed.
    pub source: Range<usize>,
    /// What stands in the clean text instead (empty when removed). Borrowed for the
    /// fixed replacements (`"\n"`, `"'"`, nothing), so most repairs allocate nothing.
    pub replacement: Cow<'static, str>,
}

impl Repair {
    /// What stands in the clean text instead, with the compact forms spelled out: an
    /// empty [`RepairKind::LineJoin`] replacement is a single space.
    #[must_use]
    pub fn replacement_text(&self) -> &str {
        if self.kind == RepairKind::LineJoin && self.replacement.is_empty() {
            " "
        } else {
            &self.replacement
        }
    }
}

/// Kinds of repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairKind {
    /// A page marker (`MEXICO 00001113 002 OF 018`) removed; the page number kept.
    PageMarker,
    /// A stray `SIPDIS` line removed.
    Sipdis,
    /// Runs of whitespace collapsed to one space (recorded once per paragraph).
    Whitespace,
    /// A line break or OCR blank line inside a paragraph joined (empty replacement = one
    /// space).
    LineJoin,
    /// A word split across lines or by a stray space rejoined (`b` / `elieved`).
    SplitWord,
    /// A line-end hyphen joined (`non-` / `sexual` → `non-sexual`).
    Hyphen,
    /// Spaced punctuation closed up (`charges . The`, `NGO 1 s`).
    Punctuation,
    /// An OCR-garbled `¶N.` paragraph number recovered from the sequence.
    ParagraphNumber,
    /// A rendering artefact removed (`\` or `<br>` line ends, `¶` on a REF letter).
    Artefact,
    /// A control character replaced by a visible placeholder.
    ControlChar,
}
