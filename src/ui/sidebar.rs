//! Drawing the sidebar. Each [`SidebarContent`] has its own `render_*` function, so the
//! annotations view can be added as one more variant and one more function.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::{App, Document, Focus, SidebarContent};
use crate::cable::XrefTarget;
use crate::sanitize::sanitize;

/// Draw the sidebar into `area` (border included).
pub fn render_sidebar(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let focused = app.focus == Focus::Sidebar;
    let title = match app.sidebar.content {
        SidebarContent::Details => " Details ",
    };
    let block = Block::bordered().title(title).border_style(if focused {
        theme.border_focused
    } else {
        theme.border
    });
    let lines = match app.sidebar.content {
        SidebarContent::Details => details_lines(app),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.sidebar.scroll, 0)),
        area,
    );
}

fn target_label(doc: &Document, target: &XrefTarget) -> String {
    match target {
        XrefTarget::Paragraph(i) => doc.short_label(*i),
        XrefTarget::Ref(k) => doc.cable.header.refs.get(*k).map_or_else(
            || "REF ?".to_owned(),
            |r| match r.letter {
                Some(c) => format!("REF {c} ({})", r.text),
                None => format!("REF ({})", r.text),
            },
        ),
        XrefTarget::Unresolved(s) => format!("unresolved: {s}"),
    }
}

/// The current paragraph's details: number, page, section, links out, backlinks.
fn details_lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let doc = &app.doc;
    let mut out: Vec<Line<'static>> = Vec::new();
    let text = |s: &str| sanitize(s).into_owned();
    if let Some(k) = app.sidebar.shown_ref
        && let Some(r) = doc.cable.header.refs.get(k)
    {
        let letter = r.letter.map(|c| format!(" {c}")).unwrap_or_default();
        out.push(Line::from(Span::styled(
            format!("REF{letter}"),
            theme.heading,
        )));
        out.push(Line::from(text(&r.text)));
        if let Some(id) = &r.id {
            out.push(Line::from(format!("cable {}", text(id))));
        }
        out.push(Line::from(""));
    }
    let Some(i) = app.current_paragraph() else {
        out.push(Line::from(Span::styled("Header", theme.heading)));
        if let Some(id) = &doc.cable.id {
            out.push(Line::from(text(id)));
        }
        out.push(Line::from(format!(
            "{} paragraphs",
            doc.cable.paragraphs.len()
        )));
        out.push(Line::from(format!("{} sections", doc.cable.sections.len())));
        out.push(Line::from(format!(
            "{} REF entries",
            doc.cable.header.refs.len()
        )));
        return out;
    };
    let Some(p) = doc.cable.paragraphs.get(i) else {
        return out;
    };
    let mut title = text(&doc.short_label(i));
    if p.question.is_some() {
        title = format!("{} · {title}", p.label());
    }
    out.push(Line::from(Span::styled(title, theme.heading)));
    let pages = doc
        .cable
        .page_count
        .map(|t| format!(" of {t}"))
        .unwrap_or_default();
    out.push(Line::from(format!("Page {}{pages}", p.page)));
    if let Some(m) = &p.marking {
        out.push(Line::from(format!("Marking: {}", text(m))));
    }
    if let Some(s) = p.section.and_then(|s| doc.cable.sections.get(s)) {
        out.push(Line::from(format!("Section: {}", text(&s.title))));
    }
    out.push(Line::from(format!(
        "Source lines {}–{}",
        p.lines.start, p.lines.end
    )));
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Links out", theme.label)));
    let links = doc.links_in(i);
    if links.is_empty() {
        out.push(Line::from(Span::styled("  none", theme.dim)));
    }
    for &x in links {
        let xr = &doc.cable.xrefs[x];
        let phrase = p.text.get(xr.phrase.clone()).unwrap_or("");
        let style = if app.selected_link == Some(x) {
            theme.link_selected
        } else {
            theme.link
        };
        out.push(Line::from(vec![
            Span::raw("  → "),
            Span::styled(text(&target_label(doc, &xr.target)), style),
            Span::styled(format!(" “{}”", text(phrase)), theme.dim),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Backlinks", theme.label)));
    let back = doc.backlinks_to(i);
    if back.is_empty() {
        out.push(Line::from(Span::styled("  none", theme.dim)));
    }
    let mut last = None;
    for &x in back {
        let from = doc.cable.xrefs[x].paragraph;
        if last != Some(from) {
            out.push(Line::from(format!("  ← {}", text(&doc.short_label(from)))));
        }
        last = Some(from);
    }
    out
}
