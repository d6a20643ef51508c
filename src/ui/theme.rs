//! The reader's styles in one place, so colours can be changed (or dropped) together.
//!
//! [`Theme::from_env`] honours `NO_COLOR` (<https://no-color.org>): when it is set and
//! not empty, the monochrome theme is used, which relies only on bold, underline,
//! italic, dim and reverse video.

use ratatui::style::{Color, Modifier, Style};

/// Styles used by the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Body text.
    pub text: Style,
    /// Section headings and the header title.
    pub heading: Style,
    /// Paragraph labels (`¶9 (SBU) Q9.`).
    pub label: Style,
    /// Question text.
    pub question: Style,
    /// Header fields and REF entries.
    pub header: Style,
    /// Page markers and other quiet text.
    pub dim: Style,
    /// Cross-references.
    pub link: Style,
    /// The selected cross-reference.
    pub link_selected: Style,
    /// Search matches.
    pub matched: Style,
    /// The current search match.
    pub current_match: Style,
    /// Pane borders.
    pub border: Style,
    /// The focused pane's border.
    pub border_focused: Style,
    /// The selected tree row in a focused tree.
    pub selected: Style,
    /// The selected tree row when the tree is not focused.
    pub selected_unfocused: Style,
    /// The status bar.
    pub status: Style,
    /// Messages in the status bar.
    pub message: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self::color()
    }
}

impl Theme {
    /// The colour theme.
    #[must_use]
    pub fn color() -> Self {
        let bold = Modifier::BOLD;
        Self {
            text: Style::new(),
            heading: Style::new().fg(Color::Yellow).add_modifier(bold),
            label: Style::new().fg(Color::Cyan).add_modifier(bold),
            question: Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::ITALIC),
            header: Style::new().fg(Color::Gray),
            dim: Style::new().fg(Color::DarkGray),
            link: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::UNDERLINED),
            link_selected: Style::new()
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(bold),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            message: Style::new().fg(Color::Yellow).bg(Color::DarkGray),
        }
    }

    /// The monochrome theme (for `NO_COLOR`).
    #[must_use]
    pub fn mono() -> Self {
        let m = |m| Style::new().add_modifier(m);
        Self {
            text: Style::new(),
            heading: m(Modifier::BOLD),
            label: m(Modifier::BOLD),
            question: m(Modifier::ITALIC),
            header: Style::new(),
            dim: m(Modifier::DIM),
            link: m(Modifier::UNDERLINED),
            link_selected: m(Modifier::REVERSED | Modifier::UNDERLINED),
            matched: m(Modifier::REVERSED),
            current_match: m(Modifier::REVERSED | Modifier::BOLD),
            border: Style::new(),
            border_focused: m(Modifier::BOLD),
            selected: m(Modifier::REVERSED),
            selected_unfocused: m(Modifier::UNDERLINED),
            status: m(Modifier::REVERSED),
            message: m(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    /// [`Theme::mono`] when `NO_COLOR` is set and not empty, else [`Theme::color`].
    #[must_use]
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Self::mono(),
            _ => Self::color(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_theme_has_no_colours() {
        let t = Theme::mono();
        for s in [
            t.text,
            t.heading,
            t.label,
            t.question,
            t.header,
            t.dim,
            t.link,
            t.link_selected,
            t.matched,
            t.current_match,
            t.border,
            t.border_focused,
            t.selected,
            t.selected_unfocused,
            t.status,
            t.message,
        ] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
    }
}
