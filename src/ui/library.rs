//! Drawing the library screen: the query and fuzzy lines, the list of cables, the facet
//! pane (year histogram, origins, classifications, TAGS), the selected cable's best
//! passage, and the status line (counts, sort, index progress, key hints).
//!
//! It reads the [`Library`] and writes nothing but the frame; the one thing the model
//! must learn from a draw, how many rows the list shows, is returned
//! ([`render_library`]) for the loop to hand back as an action.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::cable::Level;
use crate::library::{FacetItem, LibFocus, Library, Sort, keys};
use crate::sanitize::sanitize;
use crate::ui::MIN_SIZE;
use crate::ui::theme::Theme;

/// Width of the facet pane.
const FACET_WIDTH: u16 = 30;

/// Lines of the passage pane (borders included).
const PASSAGE_HEIGHT: u16 = 6;

/// Draw the library into the frame; returns the number of list rows on screen.
pub fn render_library(lib: &Library, theme: &Theme, frame: &mut Frame) -> usize {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let msg = format!(
            "terminal too small ({}x{}); need {}x{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        frame.render_widget(Paragraph::new(msg), Rect { height: 1, ..area });
        return 1;
    }
    let passage = if area.height >= 20 { PASSAGE_HEIGHT } else { 0 };
    let [lines, body, below, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(passage),
        Constraint::Length(1),
    ])
    .areas(area);
    render_lines(lib, theme, frame, lines);
    if let Some(view) = &lib.tasker {
        // The tasker view takes the list's and the passage's room.
        let room = Rect {
            height: body.height + below.height,
            ..body
        };
        crate::ui::tasker::render_tasker(view, theme, frame, room);
        render_status(lib, theme, frame, status);
        return usize::from(room.height.saturating_sub(2)).max(1);
    }
    if let Some(view) = &lib.tags {
        let room = Rect {
            height: body.height + below.height,
            ..body
        };
        crate::ui::tag_view::render_tags(view, theme, frame, room);
        render_status(lib, theme, frame, status);
        return usize::from(room.height.saturating_sub(2)).max(1);
    }
    let facets_shown = body.width >= 80;
    let (list, facets) = if facets_shown {
        let [l, f] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(FACET_WIDTH)]).areas(body);
        (l, Some(f))
    } else {
        (body, None)
    };
    let rows = render_list(lib, theme, frame, list);
    if let Some(f) = facets {
        render_facets(lib, theme, frame, f);
    }
    if passage > 0 {
        render_passage(lib, theme, frame, below);
    }
    render_status(lib, theme, frame, status);
    rows
}

/// The query line and the fuzzy line.
fn render_lines(lib: &Library, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [q, f] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let line = |label: &str, text: &str, focused: bool, hint: &str| {
        let style = if focused {
            theme.border_focused
        } else {
            theme.dim
        };
        let mut spans = vec![
            Span::styled(label.to_owned(), style),
            Span::raw(sanitize(text).into_owned()),
        ];
        if focused {
            spans.push(Span::styled("▏", theme.border_focused));
        }
        if text.is_empty() && !focused {
            spans.push(Span::styled(hint.to_owned(), theme.dim));
        }
        Line::from(spans)
    };
    let mut query = line(
        " query: ",
        lib.query.text(),
        lib.focus == LibFocus::Query,
        "(/ to search: words, \"phrase\", -word, OR, tag:KTIP, from:mexico, year:2005..2007)",
    );
    if let Some(e) = &lib.query_error {
        query.push_span(Span::styled(
            format!("   ({})", sanitize(e)),
            theme.link_unresolved,
        ));
    }
    frame.render_widget(Paragraph::new(query), q);
    let second = line(
        " jump:  ",
        lib.fuzzy.text(),
        lib.focus == LibFocus::Fuzzy,
        "(f to jump to a cable by id or subject)",
    );
    frame.render_widget(Paragraph::new(second), f);
}

/// A bordered pane titled `title` (sanitised), its border marked when `focused`: every
/// pane of the library and of the tasker views.
pub fn pane<'a>(title: &str, theme: &Theme, focused: bool) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(sanitize(title).into_owned())
}

/// Fit `text` into `width` columns (cut with an ellipsis), padded to it.
fn fit(text: &str, width: usize) -> String {
    let text = sanitize(text);
    if text.width() <= width {
        return format!("{text:<width$}", width = width);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    used += 1;
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// The classification in a few letters (`CONFIDENTIAL//NOFORN` → `CONF/NF`), read by
/// the parser's own level table ([`Level::from_classification`]).
fn short_class(class: &str) -> String {
    let short = match Level::from_classification(class) {
        Some(Level::Unclassified) => "UNCL",
        Some(Level::LimitedOfficialUse) => "LOU",
        Some(Level::Confidential) => "CONF",
        Some(Level::Secret) => "SECR",
        Some(Level::TopSecret) => "TS",
        None => return class.to_owned(),
    };
    if class.contains("NOFORN") {
        format!("{short}/NF")
    } else {
        short.to_owned()
    }
}

/// The list of cables; returns the rows it shows.
fn render_list(lib: &Library, theme: &Theme, frame: &mut Frame, area: Rect) -> usize {
    let focused = lib.focus != LibFocus::Facets;
    let total = lib.total();
    let title = format!(
        " {}: {} of {} cables ",
        lib.root.file_name().map_or_else(
            || lib.root.display().to_string(),
            |n| n.to_string_lossy().into_owned()
        ),
        lib.rows.len(),
        total
    );
    let block = pane(&title, theme, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = usize::from(inner.height.saturating_sub(1));
    let w = usize::from(inner.width);
    let (id_w, date_w, origin_w, class_w, notes_w) = (18, 10, 18, 7, 4);
    let subject_w = w.saturating_sub(id_w + date_w + origin_w + class_w + notes_w + 5);
    // The last column counts annotations; in the cited order, the cables citing each one
    // (counted when that order was chosen).
    let by_cited = lib.sort == Sort::Cited && lib.fuzzy.text().trim().is_empty();
    let header = format!(
        "{} {} {} {} {} {}",
        fit("ID", id_w),
        fit("DATE", date_w),
        fit("ORIGIN", origin_w),
        fit("CLASS", class_w),
        fit("SUBJECT", subject_w),
        fit(if by_cited { "CIT" } else { "✎" }, notes_w)
    );
    let mut lines = vec![Line::from(Span::styled(header, theme.heading))];
    let Some(catalog) = lib.catalog() else {
        let text = match &lib.progress {
            Some(_) => "building the index: the first cables appear when it makes its first commit",
            None => "opening the index…",
        };
        lines.push(Line::from(Span::styled(text, theme.dim)));
        frame.render_widget(Paragraph::new(lines), inner);
        return rows.max(1);
    };
    let entries = catalog.entries();
    let cited = if by_cited {
        catalog.cited_counts()
    } else {
        &[]
    };
    if lib.rows.is_empty() {
        let text = if total == 0 {
            "no cables in this folder (yet)"
        } else {
            "no cable matches"
        };
        lines.push(Line::from(Span::styled(text, theme.dim)));
    }
    for (i, &entry) in lib.rows.iter().enumerate().skip(lib.top).take(rows) {
        let Some(e) = entries.get(entry) else {
            continue;
        };
        let notes = if by_cited {
            cited
                .get(entry)
                .filter(|&&n| n > 0)
                .map_or_else(String::new, ToString::to_string)
        } else {
            lib.annotations
                .get(&*e.cable_path())
                .map_or_else(String::new, ToString::to_string)
        };
        let text = format!(
            "{} {} {} {} {} {:>notes_w$}",
            fit(&e.id, id_w),
            fit(e.date.as_deref().unwrap_or("?"), date_w),
            fit(e.origin.as_deref().unwrap_or("?"), origin_w),
            fit(
                &short_class(e.classification.as_deref().unwrap_or("?")),
                class_w
            ),
            fit(e.subject.as_deref().unwrap_or(""), subject_w),
            notes,
        );
        let style = if i == lib.selected {
            if focused {
                theme.selected
            } else {
                theme.selected_unfocused
            }
        } else {
            theme.text
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    rows.max(1)
}

/// The facet pane: year histogram, then origins, classifications and TAGS.
fn render_facets(lib: &Library, theme: &Theme, frame: &mut Frame, area: Rect) {
    let focused = lib.focus == LibFocus::Facets;
    let block = pane(" facets ", theme, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let items = lib.facet_items();
    let widest = items
        .iter()
        .filter(|(i, _)| matches!(i, FacetItem::Year(_)))
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(1)
        .max(1);
    let width = usize::from(inner.width);
    let mut lines: Vec<(Line, Option<usize>)> = Vec::new();
    let mut section = "";
    for (k, (item, n)) in items.iter().enumerate() {
        let (name, label) = match item {
            FacetItem::Year(y) => ("year", y.to_string()),
            FacetItem::Origin(o) => ("origin", o.clone()),
            FacetItem::Classification(c) => ("class", short_class(c)),
            FacetItem::Tag(t) => ("tags", t.clone()),
        };
        if name != section {
            section = name;
            lines.push((Line::from(Span::styled(name, theme.heading)), None));
        }
        let mark = if lib.is_chosen(item) { "●" } else { " " };
        let count = n.to_string();
        let text = if let FacetItem::Year(_) = item {
            let room = width.saturating_sub(6 + count.len() + 3);
            let bar = (*n as usize * room).div_ceil(widest as usize).min(room);
            format!("{mark}{label:<5}{} {count}", "█".repeat(bar))
        } else {
            let room = width.saturating_sub(count.len() + 2);
            format!("{mark}{} {count}", fit(&label, room))
        };
        let style = if focused && k == lib.facet {
            theme.selected
        } else if lib.is_chosen(item) {
            theme.link
        } else {
            theme.text
        };
        lines.push((Line::from(Span::styled(text, style)), Some(k)));
    }
    // Keep the cursor on screen.
    let height = usize::from(inner.height);
    let at = lines
        .iter()
        .position(|(_, k)| *k == Some(lib.facet))
        .unwrap_or(0);
    let skip = if focused && at >= height {
        at + 1 - height
    } else {
        0
    };
    let shown: Vec<Line> = lines.into_iter().skip(skip).map(|(l, _)| l).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The selected cable's best passage for the query, matched words highlighted.
fn render_passage(lib: &Library, theme: &Theme, frame: &mut Frame, area: Rect) {
    let snippet = lib
        .snippet
        .as_ref()
        .filter(|(e, _)| Some(*e) == lib.selected_entry());
    let Some((_, s)) = snippet else {
        let hint = if lib.current_query().text.trim().is_empty() {
            " type a query (/) to see the passage that matched"
        } else {
            " no passage of this cable's text matches"
        };
        frame.render_widget(
            Paragraph::new(Span::styled(hint, theme.dim)).block(pane(" passage ", theme, false)),
            area,
        );
        return;
    };
    let title = match s.paragraph {
        Some(n) => format!(" ¶{n} · {} hits in this cable ", s.hits),
        None => format!(" {} hits in this cable ", s.hits),
    };
    let mut spans = Vec::new();
    let mut at = 0;
    for r in &s.highlights {
        let (Some(before), Some(word)) = (s.text.get(at..r.start), s.text.get(r.clone())) else {
            continue;
        };
        spans.push(Span::styled(sanitize(before).into_owned(), theme.text));
        spans.push(Span::styled(
            sanitize(word).into_owned(),
            theme.matched.add_modifier(Modifier::BOLD),
        ));
        at = r.end;
    }
    if let Some(rest) = s.text.get(at..) {
        spans.push(Span::styled(sanitize(rest).into_owned(), theme.text));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans))
            .wrap(Wrap { trim: true })
            .block(pane(&title, theme, false)),
        area,
    );
}

/// Counts, sort, filters, index progress or message, key hints.
fn render_status(lib: &Library, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut parts = Vec::new();
    let order = if let Some(view) = &lib.tasker {
        match &view.question {
            Some(q) if q.years.is_some() => "year over year".to_owned(),
            Some(_) => "question view".to_owned(),
            None => "tasker view".to_owned(),
        }
    } else if let Some(view) = &lib.tags {
        match &view.passages {
            Some(p) => format!("tag view: {}", p.report.tag),
            None => "tag view".to_owned(),
        }
    } else if lib.fuzzy.text().trim().is_empty() {
        format!(
            "sort: {}{}",
            lib.sort.name(),
            if lib.descending { " ↓" } else { "" }
        )
    } else {
        "sort: jump match".to_owned()
    };
    parts.push(order);
    if let Some(p) = &lib.progress {
        let pct = (p.done * 100).checked_div(p.total).unwrap_or(0);
        let eta = p.eta().map_or_else(String::new, |s| {
            format!(", ETA {}:{:02}", s as u64 / 60, s as u64 % 60)
        });
        let filled = (p.done * 10).checked_div(p.total).unwrap_or(0).min(10);
        parts.push(format!(
            "indexing [{}{}] {pct}% {}/{} cables, {:.1} MB/s{eta}",
            "█".repeat(filled),
            "░".repeat(10 - filled),
            p.done,
            p.total,
            p.mb_per_s()
        ));
    }
    if let Some(m) = &lib.message {
        parts.push(sanitize(m).into_owned());
    }
    let question = lib.tasker.as_ref().and_then(|v| v.question.as_ref());
    let hints: Vec<String> = if question.is_some_and(|q| q.years.is_some()) {
        ["Esc every answer", "q quit"].map(str::to_owned).to_vec()
    } else if question.is_some() {
        // The question view adds the reader's view of every answer and year over year.
        [
            "j/k move",
            "Enter open",
            "r read all",
            "y other year",
            "Esc back",
            "q quit",
        ]
        .map(str::to_owned)
        .to_vec()
    } else if lib.tasker.is_some() || lib.tags.is_some() {
        // The tasker, question and tag views take only moves, Enter and Esc.
        ["j/k move", "Enter open", "Esc back", "q quit"]
            .map(str::to_owned)
            .to_vec()
    } else {
        keys::bindings()
            .iter()
            .filter_map(|b| b.hint)
            .map(|(k, what)| format!("{k} {what}"))
            .collect()
    };
    let left = format!(" {}", parts.join(" · "));
    let right = format!("{} ", hints.join("  "));
    let width = usize::from(area.width);
    let line = if left.width() + right.width() < width {
        let pad = width - left.width() - right.width();
        Line::from(vec![
            Span::styled(left, theme.status),
            Span::styled(" ".repeat(pad), theme.status),
            Span::styled(right, theme.status.patch(Style::default())),
        ])
    } else {
        Line::from(Span::styled(fit(&left, width), theme.status))
    };
    frame.render_widget(Paragraph::new(line), area);
}
