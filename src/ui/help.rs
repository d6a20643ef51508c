//! The `?` key list, generated from the keymap so it always says what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::App;
use crate::ui::view::View;

/// Draw the key list over `area`.
pub fn render_help(app: &App, view: &View, frame: &mut Frame, area: Rect) {
    let theme = view.theme;
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let mut lines = Vec::new();
    for (context, rows) in app.keymap.help() {
        lines.push(Line::from(Span::styled(context.title(), theme.heading)));
        for (keys, what) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<28}"), theme.label),
                Span::raw(what),
            ]));
        }
        lines.push(Line::from(""));
    }
    let block = Block::bordered()
        .title(" Keys (j/k scroll, ? or Esc to close) ")
        .border_style(theme.border_focused);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((app.help_scroll, 0)),
        popup,
    );
}
