//! The tasker view and the question view: a questionnaire cable's replies, its rebuilt
//! questions, and every reply's answer to one question, one after another.
//!
//! The library opens the tasker view (`t`) on a [`Study`] the event loop made for the
//! selected cable's tasker; `Enter` on a question opens the question view, whose
//! `Enter` opens that reply in the reader at that answer (where tags and notes go to the
//! reply's own sidecar, as always), and Back returns here.

use crate::tasker::{Key, Row, Study};

/// A tasker's questionnaire and replies, with a cursor on the questions.
#[derive(Debug, Clone)]
pub struct TaskerView {
    /// The tasker studied.
    pub study: Study,
    /// Selected question (an index into the questionnaire's items).
    pub selected: usize,
    /// The question view, when open.
    pub question: Option<QuestionView>,
}

/// Every reply's answer to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionView {
    /// The tasker key.
    pub key: Key,
    /// One row per reply, answered or not ([`Study::answers`]).
    pub rows: Vec<Row>,
    /// Selected row.
    pub selected: usize,
    /// The selected post's answer next to its answer to another year's tasker, when shown.
    pub years: Option<crate::tasker::YearPair>,
}

impl TaskerView {
    /// The view of `study`, on its first question.
    #[must_use]
    pub fn new(study: Study) -> Self {
        Self {
            study,
            selected: 0,
            question: None,
        }
    }

    /// The view of `study` with the question view of `key` open.
    #[must_use]
    pub fn at(study: Study, key: Key) -> Self {
        let mut view = Self::new(study);
        if let Some(i) = view
            .study
            .questionnaire
            .items
            .iter()
            .position(|it| it.key == key)
        {
            view.selected = i;
            view.open_question();
        }
        view
    }

    /// Move the cursor of the open list by `delta` (clamped); returns whether it moved.
    pub fn step(&mut self, delta: isize) -> bool {
        let (at, n) = match &mut self.question {
            Some(q) => (&mut q.selected, q.rows.len()),
            None => (&mut self.selected, self.study.questionnaire.items.len()),
        };
        let to = at.saturating_add_signed(delta).min(n.saturating_sub(1));
        let moved = to != *at;
        *at = to;
        moved
    }

    /// Open the question view of the selected question.
    pub fn open_question(&mut self) -> bool {
        let Some(item) = self.study.questionnaire.items.get(self.selected) else {
            return false;
        };
        let key = item.key;
        // The replies in the study's order (post by post, by date), answered or not.
        let rows = self.study.answers(key);
        self.question = Some(QuestionView {
            key,
            rows,
            selected: 0,
            years: None,
        });
        true
    }

    /// The reply of the selected answer (its id and the path that names it, a cable of a
    /// file of many's `FILE.cablescope/ID`) and the answer's paragraph, when it has one.
    #[must_use]
    pub fn selected_answer(&self) -> Option<(&str, &std::path::Path, Option<usize>)> {
        let q = self.question.as_ref()?;
        let row = q.rows.get(q.selected)?;
        let reply = self.study.reply(&row.id)?;
        Some((&reply.id, &reply.path, row.paragraph_index))
    }
}
