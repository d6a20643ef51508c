//! Drawing the tasker view (the replies by post beside the rebuilt questionnaire) and
//! the question view (every reply's answer to one question, one after another).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::library::{QuestionView, TaskerView};
use crate::sanitize::sanitize;
use crate::tasker::years::{Change, Side, YearPair};
use crate::ui::library::pane;
use crate::ui::theme::Theme;

/// Draw `view` into `area`.
pub fn render_tasker(view: &TaskerView, theme: &Theme, frame: &mut Frame, area: Rect) {
    match &view.question {
        Some(q) => match &q.years {
            Some(pair) => render_years(pair, theme, frame, area),
            None => render_question(view, q, theme, frame, area),
        },
        None => render_overview(view, theme, frame, area),
    }
}

/// Responders by post (left) and the questionnaire (right, the cursor's pane).
fn render_overview(view: &TaskerView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let study = &view.study;
    let r = &study.responders;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let replies: usize = r.posts.iter().map(|p| p.replies.len()).sum();
    let whose = if r.in_corpus {
        ""
    } else {
        " (not in this corpus)"
    };
    let mut lines = Vec::new();
    for p in &r.posts {
        lines.push(Line::from(Span::styled(
            sanitize(&p.post).into_owned(),
            theme.heading,
        )));
        for reply in &p.replies {
            let date = reply
                .date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "?".to_owned());
            let mut text = format!("  {} {date}", reply.id);
            if let Some(part) = &reply.part {
                text.push_str(&format!(" · {}", part.label));
            }
            if reply.follow_up {
                text.push_str(" · follow-up");
            }
            lines.push(Line::from(sanitize(&text).into_owned()));
        }
    }
    for other in &r.other_years {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Answered {} but not this one:", other.tasker),
            theme.label,
        )));
        for p in &other.posts {
            lines.push(Line::from(format!("  {}", sanitize(p))));
        }
    }
    let title = format!(
        " {}{whose}: {replies} replies from {} posts ",
        r.tasker,
        r.posts.len()
    );
    frame.render_widget(
        Paragraph::new(lines).block(pane(&title, theme, false)),
        left,
    );

    let q = &study.questionnaire;
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut section = None;
    for (i, item) in q.items.iter().enumerate() {
        if section != Some(item.key.paragraph) {
            section = Some(item.key.paragraph);
            let title = q
                .section(item.key.paragraph)
                .and_then(|s| s.titles.first())
                .map_or_else(String::new, |t| format!(" {t}"));
            lines.push(Line::from(Span::styled(
                sanitize(&format!("¶{}{title}", item.key.paragraph)).into_owned(),
                theme.heading,
            )));
        }
        if i == view.selected {
            selected_line = lines.len();
        }
        let text = if item.text.is_empty() {
            "(no reply quotes it)".to_owned()
        } else {
            item.text.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let style = if i == view.selected {
            theme.selected
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:>5} ", item.key.to_string()), theme.label),
            Span::styled(sanitize(&text).into_owned(), style),
        ]));
    }
    if q.items.is_empty() {
        lines.push(Line::from(Span::styled(
            "no reply quotes or keys the questions",
            theme.dim,
        )));
    }
    let height = usize::from(right.height.saturating_sub(2));
    let scroll = selected_line.saturating_sub(height / 3);
    let title = format!(
        " questionnaire: {} questions (Enter: every answer, Esc: back) ",
        q.items.len()
    );
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane(&title, theme, true))
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        right,
    );
}

/// Every reply's answer to the question, the selected one highlighted.
fn render_question(
    view: &TaskerView,
    q: &QuestionView,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let item = view.study.questionnaire.item(q.key);
    let question = item
        .map(|i| i.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(Span::styled(
            sanitize(&format!("{} {question}", q.key)).into_owned(),
            theme.question,
        )),
        Line::from(""),
    ];
    // The selected answer first under the question; those before it are scrolled away.
    for (i, row) in q.rows.iter().enumerate().skip(q.selected) {
        let how = match row.how {
            Some(how) => format!("{} ({:.2})", how.as_str(), row.confidence),
            None => "not aligned".to_owned(),
        };
        let heading = format!(
            "{} · {} · {} · {} · {how}",
            row.post,
            row.id,
            row.date.as_deref().unwrap_or("?"),
            row.paragraph.as_deref().unwrap_or("-"),
        );
        let style = if i == q.selected {
            theme.selected
        } else {
            theme.heading
        };
        lines.push(Line::from(Span::styled(
            sanitize(&heading).into_owned(),
            style,
        )));
        let text = if row.how.is_none() {
            "(no answer to this question found in this reply)".to_owned()
        } else {
            row.text.clone()
        };
        for para in text.split("\n\n") {
            let one: String = para.split_whitespace().collect::<Vec<_>>().join(" ");
            lines.push(Line::from(sanitize(&one).into_owned()));
        }
        lines.push(Line::from(""));
    }
    let title = format!(
        " {}: answer {} of {} (j/k: next, Enter: open the reply there, r: all in the reader, Esc: the questions) ",
        q.key,
        q.selected + 1,
        q.rows.len()
    );
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane(&title, theme, true))
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// One post's answers in two years side by side: the earlier on the left with the words
/// the later dropped marked `[-…-]`, the later on the right with the words it added
/// marked `{+…+}` (marked in the text as well as in colour, for any terminal).
fn render_years(pair: &YearPair, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [top, panes] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(panes);
    let side = |s: &Side, shown: Change, open: &str, close: &str, style| {
        let row = &s.row;
        let how = row.how.map_or_else(
            || "not aligned".to_owned(),
            |h| format!("{} ({:.2})", h.as_str(), row.confidence),
        );
        let heading = format!(
            "{} · {} · {} · {how}",
            row.id,
            row.date.as_deref().unwrap_or("?"),
            row.paragraph.as_deref().unwrap_or("-"),
        );
        let mut spans = Vec::new();
        for piece in pair.diff.iter().filter(|p| p.change != other(shown)) {
            let text = sanitize(&piece.text).into_owned();
            if piece.change == Change::Same {
                spans.push(Span::styled(text, theme.text));
            } else {
                let trimmed = text.trim_end();
                let tail = &text[trimmed.len()..];
                spans.push(Span::styled(format!("{open}{trimmed}{close}"), style));
                spans.push(Span::styled(tail.to_owned(), theme.text));
            }
        }
        let lines = vec![
            Line::from(Span::styled(sanitize(&heading).into_owned(), theme.heading)),
            Line::from(""),
            Line::from(spans),
        ];
        let title = format!(" {} {} ", s.tasker, s.key);
        Paragraph::new(lines)
            .block(pane(&title, theme, true))
            .wrap(Wrap { trim: false })
    };
    frame.render_widget(
        side(
            &pair.earlier,
            Change::Removed,
            "[-",
            "-]",
            theme.link_unresolved,
        ),
        left,
    );
    frame.render_widget(
        side(&pair.later, Change::Added, "{+", "+}", theme.matched),
        right,
    );
    let title = format!(
        " {}: {} then {} (questions {:.2} alike; Esc: every answer) ",
        pair.post, pair.earlier.key, pair.later.key, pair.similarity
    );
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            sanitize(&title).into_owned(),
            theme.label,
        ))),
        top,
    );
}

/// The change a side leaves out: the left shows no additions, the right no removals.
fn other(shown: Change) -> Change {
    match shown {
        Change::Removed => Change::Added,
        _ => Change::Removed,
    }
}
