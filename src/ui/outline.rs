//! Drawing the section tree: only the rows on screen are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::app::{App, NodeId};
use crate::sanitize::sanitize;
use crate::ui::view::View;

/// Draw the tree into `area` (border included); clamps the tree's scroll offset so the
/// selection stays on screen.
pub fn render_outline(app: &App, view: &mut View, frame: &mut Frame, area: Rect) {
    let theme = view.theme;
    let focused = app.focus == crate::app::Focus::Tree;
    let block = Block::bordered()
        .title(" Contents ")
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    if height == 0 {
        return;
    }
    let o = &app.outline;
    let offset = &mut view.tree_offset;
    if o.selected < *offset {
        *offset = o.selected;
    } else if o.selected >= *offset + height {
        *offset = o.selected + 1 - height;
    }
    *offset = (*offset).min(o.rows.len().saturating_sub(1));
    let end = (*offset + height).min(o.rows.len());
    let lines: Vec<Line<'_>> = (*offset..end)
        .filter_map(|row| {
            let i = *o.rows.get(row)?;
            let node = o.nodes.get(i)?;
            let symbol = if !node.has_children(i) {
                "  "
            } else if o.expanded.contains(&i) {
                "▾ "
            } else {
                "▸ "
            };
            let count = match node.id {
                NodeId::Paragraph(p) => app.ann.counts.get(p).copied().unwrap_or(0),
                NodeId::Section(s) => app.doc.cable.sections.get(s).map_or(0, |s| {
                    s.paragraphs
                        .iter()
                        .map(|&p| app.ann.counts.get(p).copied().unwrap_or(0))
                        .sum()
                }),
                _ => 0,
            };
            let count = if count > 0 {
                format!("[{count}] ")
            } else {
                String::new()
            };
            let text = format!(
                "{}{symbol}{count}{}",
                "  ".repeat(node.depth),
                sanitize(&node.label)
            );
            let style = if row == o.selected {
                if focused {
                    theme.selected
                } else {
                    theme.selected_unfocused
                }
            } else {
                theme.text
            };
            Some(Line::from(Span::styled(text, style)))
        })
        .collect();
    let buf = frame.buffer_mut();
    for (y, line) in (inner.y..).zip(&lines) {
        buf.set_line(inner.x, y, line, inner.width);
    }
}
