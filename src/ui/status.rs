//! The status bar (file, position, focus, search count, message) and the prompt line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Mode};
use crate::sanitize::sanitize;
use crate::ui::reader::ReaderFacts;
use crate::ui::view::View;
use unicode_width::UnicodeWidthStr;

/// Draw the status bar (or the open prompt) into the one-row `area`.
pub fn render_status(app: &App, view: &View, facts: ReaderFacts, frame: &mut Frame, area: Rect) {
    let theme = view.theme;
    let line = match app.mode {
        Mode::Goto => prompt_line(app, view, ":", String::new()),
        Mode::Search => {
            let count = app.search.status().unwrap_or_default();
            prompt_line(app, view, "/", format!("   {count}"))
        }
        Mode::Tag => {
            let hint = app
                .message
                .as_deref()
                .filter(|m| m.starts_with("tags: ") || m.starts_with("no tag "))
                .map(|m| format!("   {}", sanitize(m)))
                .unwrap_or_else(|| "   (Tab completes, Enter saves, Esc cancels)".to_owned());
            prompt_line(app, view, "tags: ", hint)
        }
        Mode::Note => match &app.message {
            Some(m) => Line::from(Span::styled(format!(" {} ", sanitize(m)), theme.message)),
            None => Line::from(" note: Ctrl-s saves, Esc closes"),
        },
        Mode::Normal | Mode::Help | Mode::Select => {
            // The file name only: the full path is in the reading pane's title, and the
            // position must stay visible on narrow terminals.
            let name = app
                .doc
                .path
                .as_deref()
                .and_then(std::path::Path::file_name)
                .map_or_else(
                    || app.doc.name.clone(),
                    |n| n.to_string_lossy().into_owned(),
                );
            let mut parts = vec![sanitize(&name).into_owned()];
            if let Some(i) = app.current_paragraph() {
                if let Some(p) = app.doc.cable.paragraphs.get(i) {
                    parts.push(p.label());
                }
                if let Some(q) = app
                    .doc
                    .cable
                    .paragraphs
                    .get(i)
                    .and_then(|p| p.question.as_ref())
                {
                    parts.push(sanitize(&format!("Q{}", q.number)).into_owned());
                }
            } else {
                parts.push("header".to_owned());
            }
            let pages = app
                .doc
                .cable
                .page_count
                .map(|t| format!("/{t}"))
                .unwrap_or_default();
            parts.push(format!("p{}{pages}", facts.page));
            let units = app.doc.unit_count().saturating_sub(1).max(1);
            let pct = if facts.at_bottom {
                100
            } else {
                app.current_unit() * 100 / units
            };
            parts.push(format!("{pct}%"));
            parts.push(format!("[{}]", app.focus.name()));
            if let Some(s) = app.search.status() {
                parts.push(format!("/{} {s}", sanitize(&app.search.query)));
            }
            if app.mode == Mode::Select {
                parts.push("SELECT".to_owned());
            }
            if let Some(tag) = &app.ann.filter {
                parts.push(format!("filter: {}", sanitize(tag)));
            }
            if app.ann.unsaved() && app.ann.save_error.is_some() {
                parts.push("UNSAVED".to_owned());
            }
            let mut hint = "  ? keys";
            let message = app.message.as_deref().map(|m| format!(" {} ", sanitize(m)));
            if let Some(m) = &message {
                // A message must be read: on a narrow terminal the key hint, the file
                // name, the focus, the percentage and the search count give way to it,
                // in that order.
                let width = usize::from(area.width);
                let used = |parts: &[String], hint: &str| {
                    parts.join(" │ ").width() + 2 + m.width() + hint.width()
                };
                if used(&parts, hint) > width {
                    hint = "";
                }
                let name = parts.first().cloned();
                let droppable: [&dyn Fn(&String) -> bool; 4] = [
                    &|p| Some(p) == name.as_ref(),
                    &|p| p.starts_with('['),
                    &|p| p.ends_with('%'),
                    &|p| p.starts_with('/'),
                ];
                for is_it in droppable {
                    if used(&parts, hint) <= width {
                        break;
                    }
                    if let Some(i) = parts.iter().position(is_it) {
                        parts.remove(i);
                    }
                }
            }
            let mut spans = vec![Span::raw(format!(" {} ", parts.join(" │ ")))];
            if let Some(m) = message {
                spans.push(Span::styled(m, theme.message));
            }
            spans.push(Span::raw(hint));
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
}

/// The prompt line: `prefix`, the text with the cursor in reverse video, then `after`.
fn prompt_line(app: &App, view: &View, prefix: &str, after: String) -> Line<'static> {
    let text = app.prompt.text();
    let at = text
        .char_indices()
        .nth(app.prompt.cursor())
        .map_or(text.len(), |(i, _)| i);
    let (before, rest) = text.split_at(at);
    let mut chars = rest.chars();
    let under = chars.next().map_or_else(|| " ".to_owned(), String::from);
    // Reverse video against the bar; on a bar that is itself reverse video (`NO_COLOR`),
    // the cell is turned back and made bold.
    let reversed = ratatui::style::Modifier::REVERSED;
    let cursor = if view.theme.status.add_modifier.contains(reversed) {
        ratatui::style::Style::new()
            .remove_modifier(reversed)
            .add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED)
    } else {
        ratatui::style::Style::new().add_modifier(reversed)
    };
    Line::from(vec![
        Span::raw(format!("{prefix}{}", sanitize(before))),
        Span::styled(sanitize(&under).into_owned(), cursor),
        Span::raw(format!("{}{after}", sanitize(chars.as_str()))),
    ])
}
