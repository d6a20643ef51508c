//! The reader's styles in one place, so colours can be changed (or dropped) together.
//!
//! Two themes ship, [`Theme::dark`] and [`Theme::light`], both drawn only from the 16
//! named ANSI colours so they look as intended on any colour terminal. The config's
//! `colors` map overrides single slots by name ([`Theme::from_config`]); `#rrggbb`
//! overrides are shown as the nearest of the 16 unless the terminal says it has true
//! colour (`COLORTERM=truecolor|24bit`). `NO_COLOR` (<https://no-color.org>) wins over
//! everything: the monochrome theme relies only on bold, underline, italic, dim and
//! reverse video. Tag colours for annotation highlights come from [`TagColors`].

use std::collections::BTreeMap;

use ratatui::style::{Color, Modifier, Style};

use crate::config::Config;

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
    /// The selected cross-reference (reverse video in every theme).
    pub link_selected: Style,
    /// A cross-reference whose target is not in this cable (or could not be resolved).
    pub link_unresolved: Style,
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
        Self::dark()
    }
}

/// What the terminal can show, decided once from the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSupport {
    /// `NO_COLOR` is set: no colours at all.
    None,
    /// The 16 named ANSI colours (`#rrggbb` is mapped to the nearest).
    Ansi16,
    /// 24-bit colour (`COLORTERM` is `truecolor` or `24bit`).
    TrueColor,
}

impl ColorSupport {
    /// From `NO_COLOR` (set and not empty wins) and `COLORTERM`.
    #[must_use]
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colorterm = std::env::var("COLORTERM").unwrap_or_default();
        Self::detect(no_color, &colorterm)
    }

    /// Pure form of [`ColorSupport::from_env`].
    #[must_use]
    pub fn detect(no_color: bool, colorterm: &str) -> Self {
        if no_color {
            Self::None
        } else if matches!(
            colorterm.to_ascii_lowercase().as_str(),
            "truecolor" | "24bit"
        ) {
            Self::TrueColor
        } else {
            Self::Ansi16
        }
    }
}

/// The theme slots by name, as the config's `colors` map names them.
pub const SLOTS: &[&str] = &[
    "text",
    "heading",
    "label",
    "question",
    "header",
    "dim",
    "link",
    "link_selected",
    "link_unresolved",
    "matched",
    "current_match",
    "border",
    "border_focused",
    "selected",
    "selected_unfocused",
    "status",
    "message",
];

/// The 16 named colours with their usual xterm RGB values (for nearest-colour mapping).
const ANSI16: [(&str, Color, (u8, u8, u8)); 16] = [
    ("black", Color::Black, (0, 0, 0)),
    ("red", Color::Red, (205, 0, 0)),
    ("green", Color::Green, (0, 205, 0)),
    ("yellow", Color::Yellow, (205, 205, 0)),
    ("blue", Color::Blue, (0, 0, 238)),
    ("magenta", Color::Magenta, (205, 0, 205)),
    ("cyan", Color::Cyan, (0, 205, 205)),
    ("gray", Color::Gray, (229, 229, 229)),
    ("darkgray", Color::DarkGray, (127, 127, 127)),
    ("lightred", Color::LightRed, (255, 0, 0)),
    ("lightgreen", Color::LightGreen, (0, 255, 0)),
    ("lightyellow", Color::LightYellow, (255, 255, 0)),
    ("lightblue", Color::LightBlue, (92, 92, 255)),
    ("lightmagenta", Color::LightMagenta, (255, 0, 255)),
    ("lightcyan", Color::LightCyan, (0, 255, 255)),
    ("white", Color::White, (255, 255, 255)),
];

/// Parse a colour name (`LightBlue`, `dark_gray`, `grey`, `reset`) or `#rrggbb`; RGB is
/// mapped to the nearest named colour unless `support` is [`ColorSupport::TrueColor`].
///
/// # Errors
/// A message naming the colour that was not understood.
pub fn parse_color(name: &str, support: ColorSupport) -> Result<Color, String> {
    let trimmed = name.trim();
    if let Some(hex) = trimmed.strip_prefix('#') {
        let channel = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        return match (hex.len(), channel(0), channel(2), channel(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(if support == ColorSupport::TrueColor {
                Color::Rgb(r, g, b)
            } else {
                nearest_ansi16((r, g, b))
            }),
            _ => Err(format!("bad colour `{name}` (expected #rrggbb)")),
        };
    }
    let key: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .collect::<String>()
        .to_ascii_lowercase()
        .replace("grey", "gray");
    if matches!(key.as_str(), "reset" | "default") {
        return Ok(Color::Reset);
    }
    ANSI16
        .iter()
        .find(|(n, _, _)| *n == key)
        .map(|(_, c, _)| *c)
        .ok_or_else(|| {
            format!(
                "unknown colour `{name}`{}",
                crate::config::did_you_mean(&key, ANSI16.iter().map(|(n, _, _)| *n))
            )
        })
}

/// The named colour closest to an RGB value (squared distance in RGB).
#[must_use]
pub fn nearest_ansi16((r, g, b): (u8, u8, u8)) -> Color {
    let d = |(r2, g2, b2): (u8, u8, u8)| {
        let sq = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        sq(r, r2) + sq(g, g2) + sq(b, b2)
    };
    ANSI16
        .iter()
        .min_by_key(|(_, _, rgb)| d(*rgb))
        .map_or(Color::Reset, |(_, c, _)| *c)
}

/// Apply one override (`"FG"`, `"FG on BG"`, `"on BG"`) to a style.
fn apply_override(style: Style, value: &str, support: ColorSupport) -> Result<Style, String> {
    let lower = value.to_ascii_lowercase();
    let (fg, bg) = match lower.find(" on ").map(|i| (i, i + 4)).or_else(|| {
        lower.trim_start().starts_with("on ").then(|| {
            let i = lower.len() - lower.trim_start().len();
            (i, i + 3)
        })
    }) {
        Some((fg_end, bg_start)) => (&value[..fg_end], Some(&value[bg_start..])),
        None => (value, None),
    };
    let mut style = style;
    if !fg.trim().is_empty() {
        style = style.fg(parse_color(fg, support)?);
    }
    if let Some(bg) = bg {
        style = style.bg(parse_color(bg, support)?);
    }
    Ok(style)
}

impl Theme {
    /// The theme for a configuration: `dark` or `light`, the `colors` overrides laid
    /// over it, and [`Theme::mono`] whatever the config says when `support` is
    /// [`ColorSupport::None`]. Unknown slots or colours are skipped and reported.
    #[must_use]
    pub fn from_config(config: &Config, support: ColorSupport) -> (Self, Vec<String>) {
        if support == ColorSupport::None {
            return (Self::mono(), Vec::new());
        }
        let mut problems = Vec::new();
        let mut theme = match config.theme.to_ascii_lowercase().as_str() {
            "light" => Self::light(),
            "dark" => Self::dark(),
            other => {
                problems.push(format!(
                    "theme {other:?} is not \"dark\" or \"light\"; using dark{}",
                    crate::config::did_you_mean(other, ["dark", "light"])
                ));
                Self::dark()
            }
        };
        for (slot, value) in &config.colors {
            let result = theme
                .slot_mut(slot)
                .ok_or_else(|| {
                    format!(
                        "unknown theme slot `{slot}`{}",
                        crate::config::did_you_mean(slot, SLOTS.iter().copied())
                    )
                })
                .and_then(|style| {
                    *style = apply_override(*style, value, support)?;
                    Ok(())
                });
            if let Err(e) = result {
                problems.push(format!("colors {slot:?}: {e}"));
            }
        }
        (theme, problems)
    }

    /// The style of a slot by its name (see [`SLOTS`]).
    pub fn slot_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "heading" => &mut self.heading,
            "label" => &mut self.label,
            "question" => &mut self.question,
            "header" => &mut self.header,
            "dim" => &mut self.dim,
            "link" => &mut self.link,
            "link_selected" => &mut self.link_selected,
            "link_unresolved" => &mut self.link_unresolved,
            "matched" => &mut self.matched,
            "current_match" => &mut self.current_match,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "selected" => &mut self.selected,
            "selected_unfocused" => &mut self.selected_unfocused,
            "status" => &mut self.status,
            "message" => &mut self.message,
            _ => return None,
        })
    }

    /// The dark theme (for terminals with a dark background).
    #[must_use]
    pub fn dark() -> Self {
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
                .fg(Color::LightGreen)
                .add_modifier(Modifier::REVERSED | bold),
            link_unresolved: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
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

    /// The light theme (for terminals with a light background): no pale foregrounds.
    #[must_use]
    pub fn light() -> Self {
        let bold = Modifier::BOLD;
        Self {
            text: Style::new(),
            heading: Style::new().fg(Color::Magenta).add_modifier(bold),
            label: Style::new().fg(Color::Blue).add_modifier(bold),
            question: Style::new().fg(Color::Black).add_modifier(Modifier::ITALIC),
            header: Style::new().fg(Color::DarkGray),
            dim: Style::new().fg(Color::DarkGray),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            link_selected: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::REVERSED | bold),
            link_unresolved: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
            matched: Style::new().fg(Color::Black).bg(Color::LightYellow),
            current_match: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Blue),
            selected: Style::new().fg(Color::White).bg(Color::Blue),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            message: Style::new().fg(Color::Red).bg(Color::Gray),
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
            link_unresolved: m(Modifier::UNDERLINED | Modifier::ITALIC | Modifier::DIM),
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

    /// [`Theme::mono`] when `NO_COLOR` is set and not empty, else [`Theme::dark`].
    #[must_use]
    pub fn from_env() -> Self {
        match ColorSupport::from_env() {
            ColorSupport::None => Self::mono(),
            _ => Self::dark(),
        }
    }

    /// Every slot's style, in [`SLOTS`] order.
    #[must_use]
    pub fn styles(&self) -> [Style; 17] {
        [
            self.text,
            self.heading,
            self.label,
            self.question,
            self.header,
            self.dim,
            self.link,
            self.link_selected,
            self.link_unresolved,
            self.matched,
            self.current_match,
            self.border,
            self.border_focused,
            self.selected,
            self.selected_unfocused,
            self.status,
            self.message,
        ]
    }
}

/// Colours for tags not named in the config, chosen by a stable hash of the tag. All are
/// light enough to carry black text as a highlight background.
pub const TAG_PALETTE: [Color; 10] = [
    Color::LightYellow,
    Color::LightGreen,
    Color::LightCyan,
    Color::LightMagenta,
    Color::LightBlue,
    Color::LightRed,
    Color::Yellow,
    Color::Green,
    Color::Cyan,
    Color::Magenta,
];

/// The palette colour for a tag (the same tag always gets the same colour).
#[must_use]
pub fn palette_color(tag: &str) -> Color {
    let n = u64::try_from(TAG_PALETTE.len()).unwrap_or(1);
    // The stable hash, so a tag keeps its colour across runs and versions.
    let i = usize::try_from(crate::fnv::fnv1a64(tag.as_bytes()) % n).unwrap_or(0);
    TAG_PALETTE[i]
}

/// A tag's colour: the one configured in `tag_colors` (RGB as written), or
/// [`palette_color`]. Pure; ignores `NO_COLOR` (see [`TagColors::color`] for that).
#[must_use]
pub fn tag_color(config: &Config, tag: &str) -> Color {
    config
        .tag_colors
        .get(tag)
        .and_then(|name| parse_color(name, ColorSupport::TrueColor).ok())
        .unwrap_or_else(|| palette_color(tag))
}

/// Tag colours as the running reader uses them (resolved once, terminal support applied).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagColors {
    configured: BTreeMap<String, Color>,
    mono: bool,
}

impl TagColors {
    /// Resolve the config's `tag_colors` for `support`; bad colour names are skipped and
    /// reported (those tags fall back to the palette).
    #[must_use]
    pub fn from_config(config: &Config, support: ColorSupport) -> (Self, Vec<String>) {
        let mut problems = Vec::new();
        let mut configured = BTreeMap::new();
        for (tag, name) in &config.tag_colors {
            match parse_color(name, support) {
                Ok(c) => {
                    configured.insert(tag.clone(), c);
                }
                Err(e) => problems.push(format!("tag_colors {tag:?}: {e}")),
            }
        }
        let mono = support == ColorSupport::None;
        (Self { configured, mono }, problems)
    }

    /// The colour for `tag`, or `None` under `NO_COLOR` (highlight with a modifier then).
    #[must_use]
    pub fn color(&self, tag: &str) -> Option<Color> {
        if self.mono {
            return None;
        }
        Some(
            self.configured
                .get(tag)
                .copied()
                .unwrap_or_else(|| palette_color(tag)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named16(c: Option<Color>) -> bool {
        c.is_none_or(|c| c == Color::Reset || ANSI16.iter().any(|(_, n, _)| *n == c))
    }

    #[test]
    fn mono_theme_has_no_colours() {
        for s in Theme::mono().styles() {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
    }

    #[test]
    fn shipped_themes_use_only_the_16_named_colours() {
        for theme in [Theme::dark(), Theme::light()] {
            for s in theme.styles() {
                assert!(named16(s.fg) && named16(s.bg), "{s:?}");
            }
        }
        assert_ne!(Theme::dark(), Theme::light());
        assert_eq!(SLOTS.len(), Theme::dark().styles().len());
        let mut t = Theme::dark();
        for slot in SLOTS {
            assert!(t.slot_mut(slot).is_some(), "{slot}");
        }
    }

    fn config(theme: &str, colors: &[(&str, &str)]) -> Config {
        Config {
            theme: theme.to_owned(),
            colors: colors
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            ..Config::default()
        }
    }

    #[test]
    fn config_picks_the_theme_and_overrides_slots() {
        let (t, problems) = Theme::from_config(&config("light", &[]), ColorSupport::Ansi16);
        assert_eq!((t, problems.len()), (Theme::light(), 0));
        let c = config(
            "dark",
            &[
                ("link", "LightBlue"),
                ("matched", "black on light_yellow"),
                ("status", "on Blue"),
                ("heading", "#ff8700"),
                ("nope", "Red"),
                ("dim", "Purple"),
            ],
        );
        let (t, problems) = Theme::from_config(&c, ColorSupport::Ansi16);
        assert_eq!(t.link.fg, Some(Color::LightBlue));
        assert_eq!(t.link.add_modifier, Modifier::UNDERLINED, "modifiers kept");
        assert_eq!(
            (t.matched.fg, t.matched.bg),
            (Some(Color::Black), Some(Color::LightYellow))
        );
        assert_eq!(
            (t.status.fg, t.status.bg),
            (Some(Color::White), Some(Color::Blue))
        );
        assert_eq!(
            t.heading.fg,
            Some(Color::Yellow),
            "#ff8700 (orange) → nearest of 16"
        );
        assert_eq!(
            t.dim,
            Theme::dark().dim,
            "a bad override leaves the slot alone"
        );
        assert_eq!(
            problems,
            [
                "colors \"dim\": unknown colour `Purple`",
                "colors \"nope\": unknown theme slot `nope`",
            ]
        );
        let (t, _) = Theme::from_config(&c, ColorSupport::TrueColor);
        assert_eq!(t.heading.fg, Some(Color::Rgb(0xff, 0x87, 0x00)));
    }

    #[test]
    fn no_color_wins_over_everything() {
        let c = config("light", &[("link", "#ff0000"), ("status", "Red on Blue")]);
        let (t, problems) = Theme::from_config(&c, ColorSupport::None);
        assert_eq!((t, problems.len()), (Theme::mono(), 0));
        let (tags, _) = TagColors::from_config(&Config::default(), ColorSupport::None);
        assert_eq!(tags.color("victims"), None);
    }

    #[test]
    fn colour_support_from_environment_values() {
        assert_eq!(ColorSupport::detect(true, "truecolor"), ColorSupport::None);
        assert_eq!(
            ColorSupport::detect(false, "24bit"),
            ColorSupport::TrueColor
        );
        assert_eq!(
            ColorSupport::detect(false, "TrueColor"),
            ColorSupport::TrueColor
        );
        assert_eq!(ColorSupport::detect(false, ""), ColorSupport::Ansi16);
        assert_eq!(ColorSupport::detect(false, "256"), ColorSupport::Ansi16);
    }

    #[test]
    fn nearest_named_colour() {
        assert_eq!(nearest_ansi16((0, 0, 0)), Color::Black);
        assert_eq!(nearest_ansi16((250, 250, 250)), Color::White);
        assert_eq!(nearest_ansi16((0, 0, 200)), Color::Blue);
        assert_eq!(nearest_ansi16((120, 130, 125)), Color::DarkGray);
        assert!(parse_color("#12345", ColorSupport::TrueColor).is_err());
        assert!(parse_color("#gg0000", ColorSupport::TrueColor).is_err());
        assert_eq!(parse_color("Grey", ColorSupport::Ansi16), Ok(Color::Gray));
    }

    #[test]
    fn tag_colours_are_configured_or_stable() {
        let mut c = Config::default();
        c.tag_colors.insert("victims".to_owned(), "Red".to_owned());
        c.tag_colors.insert("odd".to_owned(), "#00ff00".to_owned());
        assert_eq!(tag_color(&c, "victims"), Color::Red);
        assert_eq!(tag_color(&c, "odd"), Color::Rgb(0, 255, 0));
        // The palette choice is fixed forever: a tag must not change colour between runs
        // or versions (the hash is pinned in `fnv.rs`).
        assert_eq!(tag_color(&c, "corruption"), palette_color("corruption"));
        assert_eq!(palette_color("corruption"), palette_color("corruption"));
        let distinct: std::collections::BTreeSet<String> = ["a", "b", "c", "d", "e", "f", "g"]
            .iter()
            .map(|t| format!("{:?}", palette_color(t)))
            .collect();
        assert!(distinct.len() > 2, "the palette spreads tags: {distinct:?}");
        let (tags, problems) = TagColors::from_config(&c, ColorSupport::Ansi16);
        assert!(problems.is_empty());
        assert_eq!(tags.color("victims"), Some(Color::Red));
        assert_eq!(
            tags.color("odd"),
            Some(Color::LightGreen),
            "RGB degraded to 16"
        );
        assert_eq!(tags.color("other"), Some(palette_color("other")));
    }
}
