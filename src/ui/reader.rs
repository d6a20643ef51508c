//! Drawing the reading pane: the wrapped lines of the units on screen, styled, with
//! links and search matches highlighted. Only visible units are wrapped (and those come
//! from the width-keyed cache in [`crate::app::ReaderState`]).

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

use crate::app::reader::{LineKind, LineText, WrappedLine};
use crate::app::{App, Document, Focus};
use crate::cable::XrefTarget;
use crate::sanitize::sanitize;
use crate::ui::theme::Theme;
use crate::ui::view::{LinkHit, TextRow, View};

/// Facts about the reading pane that only drawing can establish, for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReaderFacts {
    /// Page of the top line.
    pub page: u32,
    /// Whether the document's last line is on screen.
    pub at_bottom: bool,
}

fn kind_style(theme: &Theme, kind: LineKind) -> Style {
    match kind {
        LineKind::Blank | LineKind::Body | LineKind::Raw => theme.text,
        LineKind::Heading => theme.heading,
        LineKind::Question => theme.question,
        LineKind::PageMark(_) | LineKind::Hidden => theme.dim,
        LineKind::Header => theme.header,
    }
}

/// Draw the reading pane into `area` (border included).
pub fn render_reader(app: &App, view: &mut View, frame: &mut Frame, area: Rect) -> ReaderFacts {
    let theme = view.theme;
    let focused = app.focus == Focus::Reader;
    let mut title = format!(" {} ", sanitize(&app.doc.name));
    if app.reader.raw {
        title.push_str("— raw original ");
    }
    let block = Block::bordered().title(title).border_style(if focused {
        theme.border_focused
    } else {
        theme.border
    });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    view.areas.reader = inner;
    let mut hits = Vec::new();
    let mut text_rows = Vec::new();
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line<'static>> = Vec::with_capacity(height);
    let mut unit = app.reader.top.unit;
    let mut first_line = app.reader.top.line;
    let mut facts = ReaderFacts::default();
    let units = app.doc.unit_count();
    let mut top_page = None;
    while lines.len() < height && unit < units {
        let wrapped = app.reader.lines(&app.doc, unit);
        let para = Document::paragraph_of(unit);
        let marks = para
            .map(|i| annotation_marks(app, view, i))
            .unwrap_or_default();
        let mut page = para
            .and_then(|i| app.doc.cable.paragraphs.get(i))
            .map_or(1, |p| p.page.max(1));
        for (li, wl) in wrapped.iter().enumerate() {
            if let LineKind::PageMark(p) = wl.kind {
                page = p;
            }
            if li < first_line {
                continue;
            }
            if lines.len() >= height {
                break;
            }
            top_page.get_or_insert(page);
            let row = inner.y + u16::try_from(lines.len()).unwrap_or(u16::MAX);
            if let (Some(i), LineText::Clean(r)) = (para, &wl.text) {
                let prefix = u16::try_from(sanitize(&wl.prefix).width()).unwrap_or(0);
                text_rows.push(TextRow {
                    row,
                    x: inner.x.saturating_add(prefix),
                    para: i,
                    range: r.clone(),
                });
            }
            lines.push(build_line(
                app,
                &theme,
                para,
                wl,
                (width, inner.x, row),
                &marks,
                &mut hits,
            ));
        }
        if unit + 1 == units && lines.len() <= height {
            facts.at_bottom = true;
        }
        unit += 1;
        first_line = 0;
    }
    facts.page = top_page.unwrap_or(1);
    view.link_hits = hits;
    view.text_rows = text_rows;
    // Lines are written straight into the buffer: they are already wrapped, so the
    // Paragraph widget's reflow would be wasted work on every frame.
    let buf = frame.buffer_mut();
    for (y, line) in (inner.y..).zip(&lines) {
        buf.set_line(inner.x, y, line, inner.width);
    }
    facts
}

/// The style of an annotated passage: its first tag's colour as background, or underline
/// (notes without tags, and every tag under `NO_COLOR`).
fn annotation_style(view: &View, tags: &[String]) -> Style {
    match tags.first().and_then(|t| view.tags.color(t)) {
        Some(c) => Style::new().bg(c).fg(Color::Black),
        None => Style::new().add_modifier(Modifier::UNDERLINED),
    }
}

/// Overlays of paragraph `i` from annotations, the selection and the cursor, in the
/// order they are drawn (later on top).
fn annotation_marks(app: &App, view: &View, i: usize) -> Vec<(Range<usize>, Style)> {
    let len = app.doc.cable.paragraphs.get(i).map_or(0, |p| p.text.len());
    let mut out: Vec<(Range<usize>, Style)> = app
        .ann
        .set
        .highlights(i, len)
        .into_iter()
        .map(|(r, a)| (r, annotation_style(view, &a.tags)))
        .collect();
    if let Some((a, b)) = app.selection_span()
        && (a.para..=b.para).contains(&i)
    {
        let from = if a.para == i { a.offset } else { 0 };
        let to = if b.para == i { b.offset } else { len };
        out.push((from..to, Style::new().add_modifier(Modifier::REVERSED)));
    }
    // The cursor is always drawn while the reading pane has focus (it is kept on
    // screen as the view moves), so `v` visibly starts where the reader is looking.
    let c = app.cursor();
    if c.para == i && app.focus == Focus::Reader && !app.reader.raw {
        let text = app
            .doc
            .cable
            .paragraphs
            .get(i)
            .map_or("", |p| p.text.as_str());
        let end = text
            .get(c.offset..)
            .and_then(|r| r.chars().next())
            .map_or(c.offset, |ch| c.offset + ch.len_utf8());
        if end > c.offset {
            out.push((
                c.offset..end,
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ));
        }
    }
    out
}

fn build_line(
    app: &App,
    theme: &Theme,
    para: Option<usize>,
    wl: &WrappedLine,
    (width, x0, row): (usize, u16, u16),
    marks: &[(Range<usize>, Style)],
    hits: &mut Vec<LinkHit>,
) -> Line<'static> {
    let base = kind_style(theme, wl.kind);
    let mut spans = Vec::new();
    let prefix = sanitize(&wl.prefix).into_owned();
    let prefix_width = prefix.width();
    if !prefix.is_empty() {
        spans.push(Span::styled(prefix, theme.label));
    }
    match &wl.text {
        LineText::Owned(s) => {
            let s = sanitize(s).into_owned();
            if let LineKind::PageMark(_) = wl.kind {
                let pad = width.saturating_sub(s.width() + 2);
                spans.push(Span::raw(" ".repeat(pad)));
                spans.push(Span::styled(format!("· {s}"), base));
            } else {
                spans.push(Span::styled(s, base));
            }
        }
        LineText::Clean(r) => {
            let Some(i) = para else {
                return Line::from(spans);
            };
            let Some(text) = app.doc.cable.paragraphs.get(i).map(|p| p.text.as_str()) else {
                return Line::from(spans);
            };
            // Overlays: (range, style, xref) — links first, then matches on top.
            let mut overlays: Vec<(Range<usize>, Style, Option<usize>)> = Vec::new();
            // One overlay per span (`paragraphs 27-30` names four targets): selected,
            // resolved or not.
            let mut spans_seen: Vec<&Range<usize>> = Vec::new();
            for &x in app.doc.links_in(i) {
                let xr = &app.doc.cable.xrefs[x];
                if xr.range.end > r.start
                    && xr.range.start < r.end
                    && !spans_seen.contains(&&xr.range)
                {
                    spans_seen.push(&xr.range);
                    let style = if app.is_selected_link(x) {
                        theme.link_selected
                    } else if matches!(xr.target, XrefTarget::Unresolved(_)) {
                        theme.link_unresolved
                    } else {
                        theme.link
                    };
                    overlays.push((xr.range.clone(), style, Some(x)));
                }
            }
            for (m, mr) in app.search.in_paragraph(i) {
                if mr.end > r.start && mr.start < r.end {
                    let style = if app.search.current == Some(m) {
                        theme.current_match
                    } else {
                        theme.matched
                    };
                    overlays.push((mr.clone(), style, None));
                }
            }
            for (mr, style) in marks {
                if mr.end > r.start && mr.start < r.end {
                    overlays.push((mr.clone(), *style, None));
                }
            }
            let mut cuts = vec![r.start, r.end];
            for (o, _, _) in &overlays {
                cuts.push(o.start.clamp(r.start, r.end));
                cuts.push(o.end.clamp(r.start, r.end));
            }
            cuts.sort_unstable();
            cuts.dedup();
            let mut x = x0 + u16::try_from(prefix_width).unwrap_or(0);
            for w in cuts.windows(2) {
                let (a, b) = (w[0], w[1]);
                let Some(piece) = text.get(a..b) else {
                    continue;
                };
                let mut style = base;
                let mut link = None;
                for (o, s, xref) in &overlays {
                    if o.start <= a && b <= o.end {
                        style = style.patch(*s);
                        if xref.is_some() {
                            link = *xref;
                        }
                    }
                }
                let piece = sanitize(piece).into_owned();
                let w = u16::try_from(piece.width()).unwrap_or(u16::MAX);
                if let Some(xref) = link {
                    hits.push(LinkHit {
                        row,
                        columns: (x, x.saturating_add(w)),
                        xref,
                    });
                }
                x = x.saturating_add(w);
                spans.push(Span::styled(piece, style));
            }
        }
    }
    Line::from(spans)
}
