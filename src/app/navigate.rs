//! Getting around the document: go-to (`:` questions, paragraphs, pages, keyed and
//! lettered answers), `)` / `(` through questions and exchanges, search stepping, and
//! links (selecting, following). Part of [`App`]'s update; the layout queries come from
//! [`super::ReaderState`].

use crate::action::Action;
use crate::cable::{Reference, XrefTarget};

use super::search::SearchState;
use super::{Anchor, App, Document, Effect, Mode, TextCursor};

/// Whether `s` looks like an answer key: a number, a dot and a letter (`28.h`, `3.b`).
fn is_answer_key(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    s.split_once('.').is_some_and(|(n, l)| {
        !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphabetic() || c == '/')
    })
}

impl App {
    pub(super) fn find_unit(&mut self, forward: bool, pred: impl Fn(&Self, usize) -> bool) -> bool {
        let n = self.doc.cable.paragraphs.len();
        let cur = self.current_paragraph();
        let found = if forward {
            let from = cur.map_or(0, |c| c + 1);
            (from..n).find(|&i| pred(self, i))
        } else {
            let before = match cur {
                Some(c) if self.reader.top.line > 0 => c + 1,
                Some(c) => c,
                None => 0,
            };
            (0..before).rev().find(|&i| pred(self, i))
        };
        match found {
            Some(i) => self.move_to(
                Anchor {
                    unit: Document::unit_of(i),
                    line: 0,
                },
                false,
            ),
            None => {
                self.set_message(if forward { "no further" } else { "none before" });
                true
            }
        }
    }

    /// The reading position of a question stop (see [`Document::question_stops`]).
    pub(super) fn stop_anchor(&mut self, (i, offset): (usize, usize)) -> Anchor {
        let unit = Document::unit_of(i);
        let line = match offset {
            0 => 0,
            o => self.reader.line_of_offset(&self.doc, unit, o),
        };
        Anchor { unit, line }
    }

    /// `)` / `(`: the next / previous question, keyed answer or lettered exchange.
    pub(super) fn step_question(&mut self, forward: bool) -> bool {
        let stops = self.doc.question_stops();
        let top = self.reader.top;
        let found = if forward {
            let from = stops.partition_point(|&(i, _)| Document::unit_of(i) < top.unit);
            stops[from..]
                .iter()
                .map(|&s| self.stop_anchor(s))
                .find(|a| *a > top)
        } else {
            let to = stops.partition_point(|&(i, _)| Document::unit_of(i) <= top.unit);
            stops[..to]
                .iter()
                .rev()
                .map(|&s| self.stop_anchor(s))
                .find(|a| *a < top)
        };
        match found {
            Some(a) => self.move_to(a, false),
            None => {
                self.set_message(if forward {
                    "no further question"
                } else {
                    "no question before"
                });
                true
            }
        }
    }

    pub(super) fn prompt_changed(&mut self) {
        if self.mode != Mode::Search {
            return;
        }
        let query = self.prompt.text().to_owned();
        self.search.run(&self.doc, &query);
        let origin = self.search_origin.unwrap_or_default();
        let from = Document::paragraph_of(origin.unit).unwrap_or(0);
        self.search.current = self.search.first_from(from);
        match self.search.current {
            Some(m) => {
                let to = self.match_anchor(m);
                self.move_to(to, false);
                self.cursor_to_match(m);
            }
            None => {
                self.move_to(origin, false);
            }
        }
    }

    pub(super) fn submit_search(&mut self) {
        let origin = self.search_origin.take().unwrap_or_default();
        if self.search.matches.is_empty() {
            let q = self.search.query.clone();
            self.search = SearchState::default();
            self.move_to(origin, false);
            if !q.is_empty() {
                self.set_message(format!("not found: {q}"));
            }
            return;
        }
        if origin != self.reader.top {
            self.history.record(origin);
        }
    }

    pub(super) fn match_anchor(&mut self, m: usize) -> Anchor {
        let Some((para, range)) = self.search.matches.get(m).cloned() else {
            return self.reader.top;
        };
        let unit = Document::unit_of(para);
        let line = self.reader.line_of_offset(&self.doc, unit, range.start);
        let line = if line + 2 < self.reader.height {
            0
        } else {
            line - 2
        };
        Anchor { unit, line }
    }

    /// Put the cursor at the start of match `m`.
    pub(super) fn cursor_to_match(&mut self, m: usize) {
        if let Some((para, range)) = self.search.matches.get(m) {
            self.ann.cursor = Some(TextCursor::new(*para, range.start));
        }
    }

    pub(super) fn step_search(&mut self, forward: bool) -> bool {
        if self.search.matches.is_empty() {
            self.set_message(if self.search.query.is_empty() {
                "no search (press /)".to_owned()
            } else {
                format!("not found: {}", self.search.query)
            });
            return true;
        }
        let c = self.cursor();
        let (m, wrapped) = self.search.step_from((c.para, c.offset), forward);
        self.search.current = Some(m);
        let to = self.match_anchor(m);
        self.move_to(to, true);
        self.cursor_to_match(m);
        if wrapped {
            self.set_message(if forward {
                "search hit BOTTOM, continuing at TOP"
            } else {
                "search hit TOP, continuing at BOTTOM"
            });
        }
        true
    }

    /// Go to `q17` (question), `17` / `¶17` (paragraph), `p10` (page), or an answer:
    /// `28.H` / `q28.H` (keyed), `3.B` (lettered, in a numbered section), `5.A` (an
    /// exchange); `q28` on a cable whose questions are keyed goes to the first answer
    /// keyed 28.
    pub(super) fn goto(&mut self, input: &str) {
        // `:q` quits as in vim and less, with the same safeguards as `q`.
        if matches!(input.trim(), "q" | "quit" | "wq" | "x") {
            self.apply(Action::Quit);
            return;
        }
        self.ann.quit_pending = false;
        let s = input.trim().to_lowercase();
        let s = s.trim_start_matches('¶');
        let number = |t: &str| t.trim().parse::<u32>().ok();
        // Said once there, when the cable numbers several paragraphs alike.
        let mut note = None;
        // (paragraph index, byte offset) of the target, and what it is called.
        let target: Option<(Option<(usize, usize)>, String)> =
            if let Some(rest) = s.strip_prefix('q') {
                let rest = rest.trim_start_matches("uestion").trim();
                match number(rest) {
                    Some(n) => Some((
                        self.doc
                            .cable
                            .question_index(n)
                            .map(|i| (i, 0))
                            .or_else(|| self.doc.answer_position(rest)),
                        format!("question {n}"),
                    )),
                    None if is_answer_key(rest) => Some((
                        self.doc.answer_position(rest),
                        format!("answer {}", rest.to_uppercase()),
                    )),
                    None => None,
                }
            } else if let Some(rest) = s.strip_prefix('p') {
                number(rest.trim_start_matches("age")).map(|n| {
                    let at = self.doc.cable.page_index(n).map(|i| (i, usize::MAX));
                    (at, format!("page {n}"))
                })
            } else if is_answer_key(s) {
                Some((
                    self.doc.answer_position(s),
                    format!("answer {}", s.to_uppercase()),
                ))
            } else {
                number(s).map(|n| {
                    let (at, said) = self.numbered_target(n);
                    note = said;
                    (at.map(|i| (i, 0)), format!("¶{n}"))
                })
            };
        match target {
            Some((Some((i, offset)), what)) => {
                let unit = Document::unit_of(i);
                let line = if offset == usize::MAX {
                    // A page: the line of its marker inside the paragraph, if there is one.
                    let page = what.trim_start_matches("page ").parse().unwrap_or_default();
                    self.reader.line_of_page(&self.doc, unit, page).unwrap_or(0)
                } else {
                    self.stop_anchor((i, offset)).line
                };
                self.move_to(Anchor { unit, line }, true);
                if let Some(note) = note {
                    self.set_message(note);
                }
            }
            Some((None, what)) => self.set_message(format!("no {what} in this cable")),
            None => self.set_message(
                "go to: q17 (question), 17 (paragraph), p10 (page), 28.H or 5.A (answer)",
            ),
        }
    }

    /// The paragraph `:n` goes to, and what to say there: of a number the drafter printed
    /// twice, the next paragraph of it after the one read, round to the first, so `:6`
    /// again reaches each, saying which of them it is.
    fn numbered_target(&self, n: u32) -> (Option<usize>, Option<String>) {
        let alike: Vec<usize> = self.doc.cable.paragraphs_numbered(n).collect();
        let here = self.current_paragraph();
        let k = alike
            .iter()
            .position(|&i| here.is_some_and(|h| i > h))
            .unwrap_or(0);
        let said = (alike.len() > 1).then(|| {
            let m = alike.len();
            format!(
                "¶{n}, {} of {m}: the cable numbers {m} paragraphs {n} (:{n} again for the next)",
                k + 1
            )
        });
        (alike.get(k).copied(), said)
    }

    /// The link stops of the current paragraph: cross-reference indices, one per span
    /// of text (`paragraphs 27-30` names four targets but is one stop), in text order.
    #[must_use]
    pub fn current_links(&self) -> Vec<usize> {
        let Some(p) = self.current_paragraph() else {
            return Vec::new();
        };
        let xrefs = &self.doc.cable.xrefs;
        let mut out: Vec<usize> = Vec::new();
        for &x in self.doc.links_in(p) {
            if !out.iter().any(|&o| xrefs[o].range == xrefs[x].range) {
                out.push(x);
            }
        }
        out
    }

    /// Whether cross-reference `x` is (on the same span as) the selected link.
    #[must_use]
    pub fn is_selected_link(&self, x: usize) -> bool {
        let xrefs = &self.doc.cable.xrefs;
        self.selected_link.is_some_and(|s| {
            s == x
                || matches!((xrefs.get(s), xrefs.get(x)), (Some(a), Some(b))
                    if a.paragraph == b.paragraph && a.range == b.range)
        })
    }

    pub(super) fn cycle_link(&mut self, forward: bool) -> bool {
        let links = self.current_links();
        if links.is_empty() {
            self.set_message("no links in this paragraph");
            return true;
        }
        let pos = self
            .selected_link
            .and_then(|s| links.iter().position(|&l| l == s));
        let n = links.len();
        let next = match pos {
            None if forward => 0,
            None => n - 1,
            Some(p) if forward => (p + 1) % n,
            Some(p) => (p + n - 1) % n,
        };
        self.selected_link = Some(links[next]);
        self.show_selected_link();
        true
    }

    /// Scroll within the current paragraph so the selected link is on screen.
    pub(super) fn show_selected_link(&mut self) {
        let Some(x) = self.selected_link.and_then(|x| self.doc.cable.xrefs.get(x)) else {
            return;
        };
        let unit = Document::unit_of(x.paragraph);
        let start = x.range.start;
        if unit != self.reader.top.unit {
            return;
        }
        let line = self.reader.line_of_offset(&self.doc, unit, start);
        let top = self.reader.top.line;
        if line < top || line + 1 >= top + self.reader.height {
            self.reader.top.line = line.saturating_sub(2);
        }
    }

    /// In the question view: open the reply whose answer holds the cursor (or the top
    /// paragraph), at that answer.
    fn open_reply(&mut self, compiled: &crate::tasker::compile::Compiled) -> bool {
        let at = self
            .ann
            .cursor
            .map(|c| (c.para, c.offset))
            .or_else(|| self.current_paragraph().map(|p| (p, 0)));
        let found = at.and_then(|(i, o)| {
            let (part, paragraph, offset) = compiled.to_reply(i, o)?;
            Some((compiled.parts.get(part)?, paragraph, offset))
        });
        match found {
            Some((part, paragraph, offset)) => {
                self.effect = Some(Effect::OpenReply {
                    path: part.path.clone(),
                    id: part.id.clone(),
                    paragraph,
                    offset,
                });
            }
            None => self.set_message("no reply's answer here: go to one first"),
        }
        true
    }

    /// Follow link `xref` (or the selected link, or the paragraph's first link).
    pub(super) fn follow_link(&mut self, xref: Option<usize>) -> bool {
        if xref.is_none()
            && self.selected_link.is_none()
            && let Some(compiled) = self.doc.compiled.clone()
        {
            return self.open_reply(&compiled);
        }
        let chosen = xref
            .or(self.selected_link)
            .or_else(|| self.current_links().first().copied());
        let Some(x) = chosen.and_then(|i| self.doc.cable.xrefs.get(i)).cloned() else {
            self.set_message("no links in this paragraph");
            return true;
        };
        self.selected_link = None;
        match x.target {
            XrefTarget::Paragraph(i) => {
                self.move_to(
                    Anchor {
                        unit: Document::unit_of(i),
                        line: 0,
                    },
                    true,
                );
                let label = self.doc.short_label(i);
                self.set_message(format!("→ {label} (back: Ctrl-o)"));
            }
            XrefTarget::Ref(k) => {
                self.sidebar.shown_ref = Some(k);
                let refs = &self.doc.cable.header.refs;
                if let Some(r) = refs.get(k).cloned() {
                    let letter = match Reference::letter_of(refs, k) {
                        Some((c, false)) => format!(" {c}"),
                        // WikiLeaks' copies dropped the letters: say how it was read.
                        Some((c, true)) => format!(" {c} (by place: the REF list has no letters)"),
                        None => String::new(),
                    };
                    self.message = Some(format!("REF{letter}: {}", r.text));
                    if let Some(id) = &r.id {
                        self.effect = Some(Effect::OpenRef(id.clone()));
                    }
                }
            }
            XrefTarget::Unresolved(what) => {
                // Every target of the span: `paragraphs 27-30` names four.
                let others: Vec<String> = self
                    .doc
                    .cable
                    .xrefs
                    .iter()
                    .filter(|o| o.paragraph == x.paragraph && o.range == x.range)
                    .filter_map(|o| match &o.target {
                        XrefTarget::Unresolved(w) if *w != what => Some(w.clone()),
                        _ => None,
                    })
                    .collect();
                let mut text = format!("unresolved link: {what}");
                for o in others {
                    text.push_str("; ");
                    text.push_str(&o);
                }
                self.set_message(text);
            }
        }
        true
    }
}
