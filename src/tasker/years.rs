//! Year over year: one post's answer to a question of one year's tasker next to its
//! answer to the same question of another year's, with the words that changed marked.
//!
//! The two taskers' keys need not agree (a question can move from ¶23 to ¶27 between
//! years): the other year's question is found by its text
//! ([`Questionnaire::counterpart`]), and the pair records how alike the two questions
//! are. The word diff is the `similar` crate's (Myers over words), from the earlier
//! answer to the later one. Like the rest of the model this knows nothing of the terminal.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use super::keys::Key;
use super::study::{Row, Study};

/// One post's answer to one question, in one year's tasker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The tasker's canonical id.
    pub tasker: String,
    /// The question's key in that tasker.
    pub key: Key,
    /// The answer ([`Study::answers`]' row).
    pub row: Row,
}

/// How a run of words fares from the earlier answer to the later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// In both.
    Same,
    /// Only in the earlier answer.
    Removed,
    /// Only in the later answer.
    Added,
}

/// A run of text (words and the spaces between them) with one [`Change`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// How it fares.
    pub change: Change,
    /// Its text.
    pub text: String,
}

/// One post's answers to one question in two years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPair {
    /// The post.
    pub post: String,
    /// The answer to the earlier tasker (by the replies' dates).
    pub earlier: Side,
    /// The answer to the later tasker.
    pub later: Side,
    /// How alike the two questions' texts are (0–1): how sure the pairing is.
    pub similarity: f64,
    /// The word diff from the earlier answer's text to the later one's.
    pub diff: Vec<Piece>,
}

/// The answer of `post` to `key` of `this` beside its answer to the same question of
/// `other` (another year's tasker). `None` when `other` has no question like it, or the
/// post answered it in only one of the two (a section-level answer counts; "not aligned"
/// does not).
#[must_use]
pub fn compare(this: &Study, key: Key, other: &Study, post: &str) -> Option<YearPair> {
    let (other_key, similarity) = this.questionnaire.counterpart(key, &other.questionnaire)?;
    let here = answer_of(this, key, post)?;
    let there = answer_of(other, other_key, post)?;
    let here = Side {
        tasker: this.responders.tasker.clone(),
        key,
        row: here,
    };
    let there = Side {
        tasker: other.responders.tasker.clone(),
        key: other_key,
        row: there,
    };
    let (earlier, later) = if there.row.date <= here.row.date {
        (there, here)
    } else {
        (here, there)
    };
    let diff = word_diff(&earlier.row.text, &later.row.text);
    Some(YearPair {
        post: post.to_owned(),
        earlier,
        later,
        similarity,
        diff,
    })
}

/// The first aligned answer of `post` to `key` in `study`.
fn answer_of(study: &Study, key: Key, post: &str) -> Option<Row> {
    study
        .answers(key)
        .into_iter()
        .find(|r| r.post == post && r.how.is_some())
}

/// The word diff from `old` to `new`, white space made single spaces first (the same
/// answer wrapped at other columns is the same answer). Each run of changes becomes one
/// removed piece then one added piece, a lone space between two changes included (so
/// `(though not` → `(one of them` reads as one change, not two interleaved).
#[must_use]
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let old = one_line(old);
    let new = one_line(new);
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    let raw: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let mut pieces: Vec<Piece> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    for (i, (tag, value)) in raw.iter().enumerate() {
        match tag {
            ChangeTag::Delete => removed.push_str(value),
            ChangeTag::Insert => added.push_str(value),
            ChangeTag::Equal => {
                let between = value.trim().is_empty()
                    && !(removed.is_empty() && added.is_empty())
                    && raw.get(i + 1).is_some_and(|(t, _)| *t != ChangeTag::Equal);
                if between {
                    removed.push_str(value);
                    added.push_str(value);
                } else {
                    flush(&mut pieces, &mut removed, &mut added);
                    push(&mut pieces, Change::Same, value);
                }
            }
        }
    }
    flush(&mut pieces, &mut removed, &mut added);
    pieces
}

/// Push the pending removed and added text, in that order.
fn flush(pieces: &mut Vec<Piece>, removed: &mut String, added: &mut String) {
    for (change, text) in [(Change::Removed, removed), (Change::Added, added)] {
        if !text.is_empty() {
            push(pieces, change, text);
            text.clear();
        }
    }
}

/// Push `text` as `change`, merged into the last piece when that is of the same kind.
fn push(pieces: &mut Vec<Piece>, change: Change, text: &str) {
    match pieces.last_mut() {
        Some(last) if last.change == change => last.text.push_str(text),
        _ => pieces.push(Piece {
            change,
            text: text.to_owned(),
        }),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_changed_words_and_ignores_wrapping() {
        let pieces = word_diff(
            "Two teachers were\n  arrested in 2005.",
            "Two teachers were arrested and prosecuted in 2006.",
        );
        let shown: Vec<(Change, &str)> =
            pieces.iter().map(|p| (p.change, p.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (Change::Same, "Two teachers were arrested "),
                (Change::Added, "and prosecuted "),
                (Change::Same, "in "),
                (Change::Removed, "2005."),
                (Change::Added, "2006."),
            ]
        );
    }
}
