//! Drawing the tag view: the corpus's tags with their passage counts (left) and the
//! chosen tag's passages grouped by cable, with counts per post and year (right).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::{TagPassages, TagView};
use crate::sanitize::sanitize;
use crate::ui::library::pane;
use crate::ui::theme::Theme;

/// Draw `view` into `area`.
pub fn render_tags(view: &TagView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(30), Constraint::Percentage(70)]).areas(area);
    let choosing = view.passages.is_none();
    let mut lines = Vec::new();
    for (i, (tag, n)) in view.census.tags.iter().enumerate() {
        let style = if i == view.selected {
            if choosing {
                theme.selected
            } else {
                theme.selected_unfocused
            }
        } else {
            theme.text
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{n:>5} "), theme.label),
            Span::styled(sanitize(tag).into_owned(), style),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "no annotation carries a tag",
            theme.dim,
        )));
    }
    let title = format!(" tags: {} ", view.census.tags.len());
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane(&title, theme, choosing))
            .scroll((scroll(view.selected, left), 0)),
        left,
    );
    match &view.passages {
        Some(p) => render_passages(p, theme, frame, right),
        None => {
            let hint = view.selected_tag().map_or_else(String::new, |t| {
                format!("Enter: the passages tagged {}", sanitize(t))
            });
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(hint, theme.dim))).block(pane(
                    " passages ",
                    theme,
                    false,
                )),
                right,
            );
        }
    }
}

/// Counts per post and year, then the passages cable by cable, the selected one marked.
fn render_passages(p: &TagPassages, theme: &Theme, frame: &mut Frame, area: Rect) {
    let report = &p.report;
    let counts = |label: &str, values: Vec<String>| {
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.label),
            Span::raw(sanitize(&values.join(" · ")).into_owned()),
        ])
    };
    let mut lines = vec![
        counts(
            "by post",
            report
                .per_post
                .iter()
                .map(|(post, n)| format!("{post} {n}"))
                .collect(),
        ),
        counts(
            "by year",
            report
                .per_year
                .iter()
                .map(|(y, n)| {
                    let y = y.map_or_else(|| "undated".to_owned(), |y| y.to_string());
                    format!("{y} {n}")
                })
                .collect(),
        ),
    ];
    let mut selected_line = 0;
    let mut cable = None;
    for (i, row) in p.rows.iter().enumerate() {
        if cable != Some(row.cable) {
            cable = Some(row.cable);
            if let Some(t) = report.cables.get(row.cable) {
                let day = t.record.day().unwrap_or_else(|| "?".to_owned());
                let heading = format!(
                    "{} · {} · {day} · {} passage{}",
                    t.record.id,
                    t.post,
                    t.count,
                    if t.count == 1 { "" } else { "s" }
                );
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    sanitize(&heading).into_owned(),
                    theme.heading,
                )));
            }
        }
        if i == p.selected {
            selected_line = lines.len();
        }
        let quote = one_line(&row.quote);
        let mut spans = vec![
            Span::styled(format!("  {:<6} ", sanitize(&row.place)), theme.label),
            Span::styled(
                format!("“{}”", sanitize(&quote)),
                if i == p.selected {
                    theme.selected
                } else {
                    theme.text
                },
            ),
        ];
        let note = one_line(&row.note);
        if !note.is_empty() {
            spans.push(Span::styled(format!(" — {}", sanitize(&note)), theme.dim));
        }
        lines.push(Line::from(spans));
    }
    let title = format!(
        " {}: {} passages in {} cables (Enter: open there, Esc: the tags) ",
        report.tag,
        report.passages(),
        report.cables.len()
    );
    frame.render_widget(
        Paragraph::new(lines)
            .block(pane(&title, theme, true))
            .scroll((scroll(selected_line, area), 0)),
        area,
    );
}

/// The text on one line, runs of white space made one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The scroll that keeps line `at` in the upper third of `area`'s inside.
fn scroll(at: usize, area: Rect) -> u16 {
    let height = usize::from(area.height.saturating_sub(2));
    u16::try_from(at.saturating_sub(height / 3)).unwrap_or(u16::MAX)
}
