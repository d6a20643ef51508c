//! Keys → [`Action`]s, as a table of data and one pure lookup function.
//!
//! The default bindings are a plain table ([`DEFAULT_BINDINGS`]) of `(context, key,
//! action)` rows, with vim-style keys and arrow keys side by side. Keeping them as data
//! means a later configuration file can replace or extend rows (keys and actions are
//! named by strings), and the `?` key list and the README table are generated from the
//! same rows, so documentation cannot drift from behaviour. [`resolve`] is pure: given
//! the focus, the mode and a key it returns the action, with no access to the app.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use serde::{Deserialize, Serialize};

use crate::action::Action;
use crate::app::{Focus, Mode};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Everywhere in normal mode, after the focused pane's own bindings.
    Global,
    /// The section tree has focus.
    Tree,
    /// The reading pane has focus.
    Reader,
    /// The sidebar has focus.
    Sidebar,
    /// The key list is open.
    Help,
    /// A go-to or search prompt is open.
    Prompt,
}

impl Context {
    /// Heading used in the generated key list.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Tree => "Section tree",
            Self::Reader => "Reading pane",
            Self::Sidebar => "Sidebar",
            Self::Help => "Key list",
            Self::Prompt => "Prompt (: and /)",
        }
    }
}

/// A key with modifiers, written as `ctrl-o`, `shift-tab`, `G`, `pagedown`…
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt (Shift is part of the character for printable keys).
    pub modifiers: KeyModifiers,
}

impl Key {
    /// Normalise a terminal key event: Shift is dropped for characters (`G` already says
    /// it) and for Shift-Tab (reported as `BackTab`).
    #[must_use]
    pub fn from_event(event: KeyEvent) -> Self {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let KeyCode::Char(c) = event.code
            && c.is_ascii_alphabetic()
            && event.modifiers.contains(KeyModifiers::CONTROL)
        {
            modifiers |= KeyModifiers::CONTROL;
            return Self {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                modifiers,
            };
        }
        if !matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers |= event.modifiers & KeyModifiers::SHIFT;
        }
        Self {
            code: event.code,
            modifiers,
        }
    }

    /// Parse `ctrl-o`, `alt-left`, `shift-tab`, `space`, `G`, `?`…
    ///
    /// # Errors
    /// A message naming the key that was not understood.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                modifiers |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                modifiers |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                modifiers |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "backspace" => KeyCode::Backspace,
            "tab" if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            s => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("unknown key `{text}`")),
                }
            }
        };
        Ok(Self { code, modifiers })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The built-in bindings: `(context, key, action)`. Order is the order of the key list.
///
/// `v`, `t` and `a` are deliberately left free for the annotations work.
pub const DEFAULT_BINDINGS: &[(Context, &str, Action)] = &[
    (Context::Global, "q", Action::Quit),
    (Context::Global, "?", Action::ToggleHelp),
    (Context::Global, "tab", Action::FocusNext),
    (Context::Global, "shift-tab", Action::FocusPrev),
    (Context::Global, "j", Action::ScrollDown),
    (Context::Global, "down", Action::ScrollDown),
    (Context::Global, "k", Action::ScrollUp),
    (Context::Global, "up", Action::ScrollUp),
    (Context::Global, "ctrl-d", Action::HalfPageDown),
    (Context::Global, "ctrl-u", Action::HalfPageUp),
    (Context::Global, "space", Action::PageDown),
    (Context::Global, "pagedown", Action::PageDown),
    (Context::Global, "ctrl-b", Action::PageUp),
    (Context::Global, "pageup", Action::PageUp),
    (Context::Global, "g", Action::Top),
    (Context::Global, "home", Action::Top),
    (Context::Global, "G", Action::Bottom),
    (Context::Global, "end", Action::Bottom),
    (Context::Global, "}", Action::NextParagraph),
    (Context::Global, "ctrl-down", Action::NextParagraph),
    (Context::Global, "{", Action::PrevParagraph),
    (Context::Global, "ctrl-up", Action::PrevParagraph),
    (Context::Global, ")", Action::NextQuestion),
    (Context::Global, "(", Action::PrevQuestion),
    (Context::Global, ">", Action::NextSection),
    (Context::Global, "<", Action::PrevSection),
    (Context::Global, ":", Action::OpenGoto),
    (Context::Global, "/", Action::OpenSearch),
    (Context::Global, "n", Action::SearchNext),
    (Context::Global, "N", Action::SearchPrev),
    (Context::Global, "esc", Action::ClearHighlights),
    (Context::Global, "]", Action::NextLink),
    (Context::Global, "[", Action::PrevLink),
    (Context::Global, "enter", Action::FollowLink),
    (Context::Global, "ctrl-o", Action::Back),
    (Context::Global, "backspace", Action::Back),
    (Context::Global, "alt-left", Action::Back),
    (Context::Global, "ctrl-f", Action::Forward),
    (Context::Global, "alt-right", Action::Forward),
    (Context::Global, "r", Action::ToggleRaw),
    (Context::Global, "1", Action::ToggleTree),
    (Context::Global, "3", Action::ToggleSidebar),
    (Context::Global, "+", Action::WidenPane),
    (Context::Global, "-", Action::NarrowPane),
    (Context::Tree, "j", Action::TreeNext),
    (Context::Tree, "down", Action::TreeNext),
    (Context::Tree, "k", Action::TreePrev),
    (Context::Tree, "up", Action::TreePrev),
    (Context::Tree, "l", Action::TreeExpand),
    (Context::Tree, "right", Action::TreeExpand),
    (Context::Tree, "h", Action::TreeCollapse),
    (Context::Tree, "left", Action::TreeCollapse),
    (Context::Tree, "space", Action::TreeToggle),
    (Context::Tree, "enter", Action::TreeActivate),
    (Context::Sidebar, "j", Action::SidebarDown),
    (Context::Sidebar, "down", Action::SidebarDown),
    (Context::Sidebar, "k", Action::SidebarUp),
    (Context::Sidebar, "up", Action::SidebarUp),
    (Context::Help, "j", Action::HelpDown),
    (Context::Help, "down", Action::HelpDown),
    (Context::Help, "k", Action::HelpUp),
    (Context::Help, "up", Action::HelpUp),
    (Context::Help, "?", Action::ToggleHelp),
    (Context::Help, "esc", Action::ToggleHelp),
    (Context::Help, "q", Action::ToggleHelp),
    (Context::Prompt, "enter", Action::PromptSubmit),
    (Context::Prompt, "esc", Action::PromptCancel),
    (Context::Prompt, "backspace", Action::PromptBackspace),
];

/// One binding row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
}

/// One binding as a configuration file would name it, e.g. in JSON
/// `{"context": "reader", "key": "ctrl-n", "action": "next_paragraph"}`; an absent or
/// `null` action unbinds the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BindingSpec {
    /// Where it applies.
    pub context: Context,
    /// The key, as [`Key::parse`] reads it.
    pub key: String,
    /// What it does; `None` removes the key's binding.
    #[serde(default)]
    pub action: Option<Action>,
}

/// A table of bindings; the first row matching a context and key wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// The rows, in key-list order.
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULT_BINDINGS
            .iter()
            .filter_map(|(context, key, action)| {
                Key::parse(key).ok().map(|key| Binding {
                    context: *context,
                    key,
                    action: action.clone(),
                })
            })
            .collect();
        Self { bindings }
    }
}

impl Keymap {
    /// The action bound to `key` in `context`, if any.
    #[must_use]
    pub fn lookup(&self, context: Context, key: Key) -> Option<&Action> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.key == key)
            .map(|b| &b.action)
    }

    /// Override bindings: each spec replaces (or, without an action, removes) what its
    /// key does in its context. Returns one message per spec whose key does not parse;
    /// the other specs still apply.
    pub fn apply(&mut self, specs: &[BindingSpec]) -> Vec<String> {
        let mut errors = Vec::new();
        for spec in specs {
            let key = match Key::parse(&spec.key) {
                Ok(k) => k,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            self.bindings
                .retain(|b| !(b.context == spec.context && b.key == key));
            if let Some(action) = &spec.action {
                self.bindings.push(Binding {
                    context: spec.context,
                    key,
                    action: action.clone(),
                });
            }
        }
        errors
    }

    /// The key list: per context, `(keys, description)` rows with every key of an action
    /// joined, in table order.
    #[must_use]
    pub fn help(&self) -> Vec<(Context, Vec<(String, &'static str)>)> {
        type Rows = Vec<(Action, Vec<String>)>;
        let mut out: Vec<(Context, Rows)> = Vec::new();
        for b in &self.bindings {
            let group = if let Some(i) = out.iter().position(|(c, _)| *c == b.context) {
                &mut out[i].1
            } else {
                out.push((b.context, Vec::new()));
                let last = out.len() - 1;
                &mut out[last].1
            };
            if let Some(row) = group.iter_mut().find(|(a, _)| *a == b.action) {
                row.1.push(b.key.to_string());
            } else {
                group.push((b.action.clone(), vec![b.key.to_string()]));
            }
        }
        out.into_iter()
            .map(|(c, rows)| {
                let rows = rows
                    .into_iter()
                    .map(|(a, keys)| (keys.join(" "), a.describe()))
                    .collect();
                (c, rows)
            })
            .collect()
    }

    /// The key list as a Markdown table (the README's copy is checked against this).
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        for (context, rows) in self.help() {
            s.push_str(&format!(
                "**{}**\n\n| Keys | Action |\n|---|---|\n",
                context.title()
            ));
            for (keys, what) in rows {
                let keys = keys
                    .split(' ')
                    .map(|k| format!("`{}`", k.replace('|', "\\|")))
                    .collect::<Vec<_>>()
                    .join(" ");
                s.push_str(&format!("| {keys} | {what} |\n"));
            }
            s.push('\n');
        }
        s
    }
}

/// Resolve a key press to an action: the mode's own table first (a prompt takes typed
/// characters), then the focused pane's, then the global one.
#[must_use]
pub fn resolve(keymap: &Keymap, focus: Focus, mode: Mode, event: KeyEvent) -> Option<Action> {
    let key = Key::from_event(event);
    match mode {
        Mode::Help => keymap.lookup(Context::Help, key).cloned(),
        Mode::Goto | Mode::Search => {
            keymap
                .lookup(Context::Prompt, key)
                .cloned()
                .or(match key.code {
                    KeyCode::Char(c)
                        if !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                    {
                        Some(Action::PromptInput(c))
                    }
                    _ => None,
                })
        }
        Mode::Normal => {
            let pane = match focus {
                Focus::Tree => Context::Tree,
                Focus::Reader => Context::Reader,
                Focus::Sidebar => Context::Sidebar,
            };
            keymap
                .lookup(pane, key)
                .or_else(|| keymap.lookup(Context::Global, key))
                .cloned()
        }
    }
}

/// Resolve a mouse event: left click and wheel; everything else is ignored.
#[must_use]
pub fn resolve_mouse(event: MouseEvent) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
            Some(Action::Click { column, row })
        }
        MouseEventKind::ScrollDown => Some(Action::WheelDown { column, row }),
        MouseEventKind::ScrollUp => Some(Action::WheelUp { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_default_key_parses() {
        for (_, key, _) in DEFAULT_BINDINGS {
            assert!(Key::parse(key).is_ok(), "{key}");
        }
        assert_eq!(Keymap::default().bindings.len(), DEFAULT_BINDINGS.len());
    }

    #[test]
    fn keys_resolve_per_focus_and_mode() {
        let km = Keymap::default();
        let r = |f, m, code, mods| resolve(&km, f, m, press(code, mods));
        let none = KeyModifiers::NONE;
        assert_eq!(
            r(Focus::Reader, Mode::Normal, KeyCode::Char('j'), none),
            Some(Action::ScrollDown)
        );
        assert_eq!(
            r(Focus::Tree, Mode::Normal, KeyCode::Char('j'), none),
            Some(Action::TreeNext)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Normal, KeyCode::Down, none),
            Some(Action::ScrollDown)
        );
        assert_eq!(
            r(
                Focus::Reader,
                Mode::Normal,
                KeyCode::Char('G'),
                KeyModifiers::SHIFT
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            r(
                Focus::Reader,
                Mode::Normal,
                KeyCode::Char('o'),
                KeyModifiers::CONTROL
            ),
            Some(Action::Back)
        );
        assert_eq!(
            r(
                Focus::Reader,
                Mode::Normal,
                KeyCode::BackTab,
                KeyModifiers::SHIFT
            ),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Search, KeyCode::Char('q'), none),
            Some(Action::PromptInput('q'))
        );
        assert_eq!(
            r(Focus::Reader, Mode::Goto, KeyCode::Enter, none),
            Some(Action::PromptSubmit)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Help, KeyCode::Char('q'), none),
            Some(Action::ToggleHelp)
        );
        for free in ['v', 't', 'a'] {
            assert_eq!(
                r(Focus::Reader, Mode::Normal, KeyCode::Char(free), none),
                None
            );
        }
    }

    #[test]
    fn overrides_rebind_unbind_and_report_bad_keys() {
        let specs: Vec<BindingSpec> = serde_json::from_str(
            r#"[{"context": "reader", "key": "ctrl-n", "action": "next_paragraph"},
                {"context": "global", "key": "q"},
                {"context": "global", "key": "hyper-x", "action": "quit"}]"#,
        )
        .expect("specs parse");
        let mut km = Keymap::default();
        let errors = km.apply(&specs);
        assert_eq!(errors, ["unknown key `hyper-x`"]);
        let r = |code, mods| resolve(&km, Focus::Reader, Mode::Normal, press(code, mods));
        assert_eq!(
            r(KeyCode::Char('n'), KeyModifiers::CONTROL),
            Some(Action::NextParagraph)
        );
        assert_eq!(r(KeyCode::Char('q'), KeyModifiers::NONE), None);
        assert!(km.markdown().contains("`Ctrl-n`"));
    }

    #[test]
    fn help_groups_keys_of_one_action() {
        let help = Keymap::default().help();
        let (ctx, rows) = &help[0];
        assert_eq!(*ctx, Context::Global);
        assert!(rows.contains(&("j Down".to_owned(), "scroll down a line")));
        assert!(rows.contains(&(
            "Ctrl-o Backspace Alt-Left".to_owned(),
            "back (jump history)"
        )));
    }
}
