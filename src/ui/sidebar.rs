//! Drawing the sidebar. Each [`SidebarContent`] has its own `render_*` function, so the
//! annotations view can be added as one more variant and one more function.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use ratatui::style::{Modifier, Style};

use crate::annotation::AnchorStatus;
use crate::annotation::wording::{self, Piece};
use crate::app::{App, Document, Focus, Scope, SidebarContent};
use crate::cable::{Reference, XrefTarget};
use crate::glossary::Source;
use crate::sanitize::sanitize;
use crate::ui::theme::Theme;
use crate::ui::view::View;

/// Draw the sidebar into `area` (border included).
pub fn render_sidebar(app: &App, view: &View, frame: &mut Frame, area: Rect) {
    let theme = view.theme;
    let focused = app.focus == Focus::Sidebar;
    let title = match app.sidebar.content {
        SidebarContent::Details => " Details ".to_owned(),
        SidebarContent::Annotations => {
            let what = match app.sidebar.scope {
                Scope::Tag => app
                    .scope_tag()
                    .map_or_else(|| "tag".to_owned(), |t| sanitize(&t).into_owned()),
                other => other.name().to_owned(),
            };
            format!(" Annotations: {what} ")
        }
        SidebarContent::Tags => " Tags ".to_owned(),
        SidebarContent::Review => " Review: orphaned, changed ".to_owned(),
        SidebarContent::Glossary => " Glossary ".to_owned(),
    };
    let block = Block::bordered().title(title).border_style(if focused {
        theme.border_focused
    } else {
        theme.border
    });
    let (lines, selected_line) = match app.sidebar.content {
        SidebarContent::Details => (details_lines(app, view), None),
        SidebarContent::Annotations | SidebarContent::Review => {
            annotation_lines(app, view, area.height.saturating_sub(2))
        }
        SidebarContent::Tags => tag_lines(app, view),
        SidebarContent::Glossary => glossary_lines(app, view),
    };
    // Keep the selected row on screen: scroll so that it is in the upper part.
    let scroll = match selected_line {
        Some(l) => {
            let rows = area.height.saturating_sub(2);
            u16::try_from(l)
                .unwrap_or(u16::MAX)
                .saturating_sub(rows / 3)
        }
        None => app.sidebar.scroll,
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// At most `n` characters of `text` on one line, sanitised.
fn clip(text: &str, n: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(n).collect();
    if one_line.chars().nth(n).is_some() {
        out.push('…');
    }
    sanitize(&out).into_owned()
}

/// The annotation list (or the orphans): per item a heading line (where, tags) and the
/// quote and note below. Returns the lines and the line of the selected item.
fn annotation_lines(app: &App, view: &View, area_rows: u16) -> (Vec<Line<'static>>, Option<usize>) {
    let theme = view.theme;
    let items = app.sidebar_items();
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut selected_line = None;
    let focused = app.focus == Focus::Sidebar;
    if items.is_empty() {
        let hint = match app.sidebar.content {
            SidebarContent::Review => "nothing to review: every passage was found as annotated",
            _ => "no annotations here (v selects, t tags, a notes; c: scope)",
        };
        out.push(Line::from(Span::styled(hint, theme.dim)));
    }
    // Only the items around the selection are laid out: a cable may carry thousands.
    let rows = usize::from(area_rows);
    let first = app.sidebar.selected.saturating_sub(rows / 3);
    if first > 0 {
        out.push(Line::from(Span::styled(
            format!("  … {first} above"),
            theme.dim,
        )));
    }
    let shown = items.len().saturating_sub(first).min(rows + 1);
    for (k, a) in items.iter().enumerate().skip(first).take(shown) {
        let here = k == app.sidebar.selected;
        if here {
            selected_line = Some(out.len());
        }
        let here_label = || {
            app.doc.short_label(
                a.anchor
                    .start
                    .index
                    .min(app.doc.cable.paragraphs.len().saturating_sub(1)),
            )
        };
        let where_ = match a.status {
            AnchorStatus::Orphaned => "orphan".to_owned(),
            AnchorStatus::Changed => format!("{} · changed", here_label()),
            _ => here_label(),
        };
        let tags = if a.tags.is_empty() {
            "(note)".to_owned()
        } else {
            sanitize(&a.tags.join(", ")).into_owned()
        };
        let style = if here {
            if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            }
        } else {
            theme.label
        };
        out.push(Line::from(vec![
            Span::styled(format!("{} ", if here { '▸' } else { ' ' }), style),
            Span::styled(format!("{} · {tags}", sanitize(&where_)), style),
        ]));
        match (&a.anchor.current, a.status) {
            (Some(now), AnchorStatus::Changed) => {
                out.extend(changed_lines(&a.anchor.exact, now, theme));
            }
            _ => out.push(Line::from(Span::styled(
                format!("  “{}”", clip(&a.anchor.exact, 120)),
                theme.dim,
            ))),
        }
        if !a.note.is_empty() {
            for l in a.note.lines().take(6) {
                out.push(Line::from(format!("  {}", sanitize(l))));
            }
        }
    }
    if first + shown < items.len() {
        out.push(Line::from(Span::styled(
            format!("  … {} more", items.len() - first - shown),
            theme.dim,
        )));
    }
    out.push(Line::from(""));
    let keys = match app.sidebar.content {
        SidebarContent::Review => {
            "Enter show · y accept new wording · R re-attach to the selection · d delete · A view"
        }
        _ => "Enter jump · t tags · a note · d delete · u undo · c scope · A view",
    };
    out.push(Line::from(Span::styled(keys, theme.dim)));
    (out, selected_line)
}

/// Most characters of each side of a changed quote shown in the list.
const CHANGED_CHARS: usize = 240;

/// A changed passage as two quotes: `was` (the words the user annotated, those no longer
/// there crossed out) and `now` (the words there now, the new ones in bold and
/// underlined), so the difference shows without colour too.
fn changed_lines(was: &str, now: &str, theme: Theme) -> [Line<'static>; 2] {
    let pieces = wording::diff(was, now);
    let removed = theme
        .dim
        .add_modifier(Modifier::CROSSED_OUT | Modifier::BOLD);
    let added = theme
        .message
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let side = |label: &str, old_side: bool| {
        let mut spans = vec![Span::styled(format!("  {label} “"), theme.dim)];
        let mut left = CHANGED_CHARS;
        for p in &pieces {
            let (text, style) = match (*p, old_side) {
                (Piece::Same(t), _) => (t, theme.dim),
                (Piece::Removed(t), true) => (t, removed),
                (Piece::Added(t), false) => (t, added),
                _ => continue,
            };
            let one_line: String = text
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .take(left)
                .collect();
            left -= one_line.chars().count();
            spans.push(Span::styled(sanitize(&one_line).into_owned(), style));
            if left == 0 {
                spans.push(Span::styled("…", theme.dim));
                break;
            }
        }
        spans.push(Span::styled("”", theme.dim));
        Line::from(spans)
    };
    [side("was", true), side("now", false)]
}

/// The tag view: every tag with its count; the filter's tag is marked.
fn tag_lines(app: &App, view: &View) -> (Vec<Line<'static>>, Option<usize>) {
    let theme = view.theme;
    let counts = app.ann.set.tag_counts();
    let mut out: Vec<Line<'static>> = Vec::new();
    if counts.is_empty() {
        out.push(Line::from(Span::styled(
            "no tags yet (v selects, t tags)",
            theme.dim,
        )));
    }
    let focused = app.focus == Focus::Sidebar;
    for (k, (tag, n)) in counts.iter().enumerate() {
        let here = k == app.sidebar.selected;
        let on = app.ann.filter.as_deref() == Some(tag.as_str());
        let swatch = match view.tags.color(tag) {
            Some(c) => Style::new().bg(c),
            None => Style::new().add_modifier(Modifier::UNDERLINED),
        };
        let style = match (here, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => theme.text,
        };
        out.push(Line::from(vec![
            Span::styled(if here { "▸ " } else { "  " }, style),
            Span::styled("  ", swatch),
            Span::styled(format!(" {} ({n})", sanitize(tag)), style),
            Span::styled(if on { "  filter on" } else { "" }, theme.message),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        "Enter filters the text by the tag (again or Esc: all)",
        theme.dim,
    )));
    (out, None)
}

/// The glossary view: per acronym or TAGS code a line with its meaning, then where it
/// was defined (or where the meaning comes from) and how often the cable uses it.
fn glossary_lines(app: &App, view: &View) -> (Vec<Line<'static>>, Option<usize>) {
    let theme = view.theme;
    let focused = app.focus == Focus::Sidebar;
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut selected_line = None;
    for (k, e) in app.doc.glossary.entries.iter().enumerate() {
        let here = k == app.sidebar.selected;
        if here {
            selected_line = Some(out.len());
        }
        let style = match (here, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => theme.text,
        };
        let meaning = e.expansion.as_deref().unwrap_or("unknown");
        out.push(Line::from(vec![
            Span::styled(if here { "▸ " } else { "  " }, style),
            Span::styled(
                sanitize(&e.acronym).into_owned(),
                style.add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" {}", sanitize(meaning)), style),
        ]));
        let whence = match e.source {
            Some(Source::Inline) => e
                .paragraph
                .map(|p| format!("defined {}", app.doc.short_label(p)))
                .unwrap_or_default(),
            Some(Source::Corpus) => format!("from {}", e.cable.as_deref().unwrap_or("?")),
            Some(Source::Tags) => "TAGS".to_owned(),
            Some(Source::Abbreviations) => "abbreviation".to_owned(),
            None => "no source".to_owned(),
        };
        let uses = match e.uses {
            1 => "1 use".to_owned(),
            n => format!("{n} uses"),
        };
        out.push(Line::from(Span::styled(
            format!("    {whence} · {uses}"),
            theme.dim,
        )));
        // Other meanings the same letters are given: shown, not hidden.
        if !e.conflicts.is_empty() {
            out.push(Line::from(Span::styled(
                format!("    also: {}", sanitize(&e.conflicts.join("; "))),
                theme.dim,
            )));
        }
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        "Enter goes to the definition · K on a word explains it",
        theme.dim,
    )));
    (out, selected_line)
}

fn target_label(doc: &Document, target: &XrefTarget) -> String {
    match target {
        XrefTarget::Paragraph(i) => doc.short_label(*i),
        XrefTarget::Ref(k) => {
            let refs = &doc.cable.header.refs;
            refs.get(*k).map_or_else(
                || "REF ?".to_owned(),
                |r| match Reference::letter_of(refs, *k) {
                    Some((c, false)) => format!("REF {c} ({})", r.text),
                    Some((c, true)) => format!("REF {c}, by place ({})", r.text),
                    None => format!("REF ({})", r.text),
                },
            )
        }
        XrefTarget::Unresolved(s) => format!("unresolved: {s}"),
    }
}

/// The current paragraph's details: number, page, section, links out, backlinks.
/// The Details view: the followed REF (or the stub of a cable not in the corpus), the
/// current paragraph's (or the header's) facts, and the corpus's cables citing this one.
fn details_lines(app: &App, view: &View) -> Vec<Line<'static>> {
    let theme = view.theme;
    let mut out = Vec::new();
    let corpus = &app.sidebar.corpus;
    if let Some((id, citing)) = &corpus.missing {
        out.push(Line::from(Span::styled(
            format!("{} — not in this corpus", sanitize(id)),
            theme.heading,
        )));
        out.push(Line::from(format!(
            "cited by {} of its cables:",
            citing.len()
        )));
        out.extend(citing_lines(citing, view));
        out.push(Line::from(""));
    }
    out.extend(facts_lines(app, view));
    if let Some(citing) = &corpus.cited_by {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            format!("Cited by ({})", citing.len()),
            theme.label,
        )));
        if citing.is_empty() {
            out.push(Line::from(Span::styled(
                "  no cable of the corpus",
                theme.dim,
            )));
        }
        out.extend(citing_lines(citing, view));
    }
    out
}

/// One line per citing cable: id, date, origin, then its subject (and a note when the
/// cite is the corpus's placement of a year its REF did not write).
fn citing_lines(citing: &[crate::index::Citer], view: &View) -> Vec<Line<'static>> {
    let theme = view.theme;
    let mut out = Vec::new();
    for c in citing {
        let e = &c.entry;
        out.push(Line::from(vec![
            Span::raw("  ← "),
            Span::styled(sanitize(&e.id).into_owned(), theme.link),
            Span::styled(
                format!(
                    " {} {}",
                    e.date.as_deref().unwrap_or("?"),
                    sanitize(e.origin.as_deref().unwrap_or(""))
                ),
                theme.dim,
            ),
        ]));
        if let Some(subject) = &e.subject {
            out.push(Line::from(format!("    {}", clip(subject, 60))));
        }
        if c.placed {
            out.push(Line::from(Span::styled(
                format!("    ({})", crate::corpus::PLACED_MARK),
                theme.dim,
            )));
        }
    }
    out
}

fn facts_lines(app: &App, view: &View) -> Vec<Line<'static>> {
    let theme = view.theme;
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
            if r.year_placed {
                out.push(Line::from(Span::styled(
                    format!("({})", crate::corpus::PLACED_MARK),
                    theme.dim,
                )));
            }
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
        let style = if app.is_selected_link(x) {
            theme.link_selected
        } else if matches!(xr.target, XrefTarget::Unresolved(_)) {
            theme.link_unresolved
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
