//! Keys → [`Action`]s, as a table of data and one pure lookup function.
//!
//! The bindings are `(context, key, action)` rows of names in the configuration: the
//! defaults live in `assets/default-config.ron` (vim-style keys and arrow keys side by
//! side) and the user's `config.ron` replaces, adds or unbinds rows
//! ([`Keymap::from_config`]). The `?` key list and the README table are generated from
//! the keymap in use, so documentation cannot drift from behaviour and remapped keys show
//! correctly. [`resolve`] is pure: given
//! the focus, the mode and a key it returns the action, with no access to the app.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use crate::action::Action;
use crate::config::{Config, did_you_mean};
use crate::mode::{Focus, Mode};

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
    /// A go-to, search or tag prompt is open.
    Prompt,
    /// A selection is being made in the reading pane (before the reader's bindings).
    Select,
    /// The note editor is open (other keys type into it).
    Editor,
}

impl Context {
    /// Every context, in key-list order.
    pub const ALL: [Self; 8] = [
        Self::Global,
        Self::Tree,
        Self::Reader,
        Self::Sidebar,
        Self::Help,
        Self::Prompt,
        Self::Select,
        Self::Editor,
    ];

    /// The name the configuration uses (`global`, `tree`, …).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Tree => "tree",
            Self::Reader => "reader",
            Self::Sidebar => "sidebar",
            Self::Help => "help",
            Self::Prompt => "prompt",
            Self::Select => "select",
            Self::Editor => "editor",
        }
    }

    /// Heading used in the generated key list.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Tree => "Section tree",
            Self::Reader => "Reading pane",
            Self::Sidebar => "Sidebar",
            Self::Help => "Key list",
            Self::Prompt => "Prompt (: / and tags)",
            Self::Select => "Selecting (after v)",
            Self::Editor => "Note editor",
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
        // Names are read without regard to case (`Ctrl-O`, `F5`, `PageDown`); a single
        // character is itself (`G` is not `g`).
        let strip = |s: &'_ str, prefix: &str| -> Option<usize> {
            s.get(..prefix.len())
                .filter(|p| p.eq_ignore_ascii_case(prefix) && s.len() > prefix.len())
                .map(|_| prefix.len())
        };
        loop {
            if let Some(n) = strip(rest, "ctrl-") {
                modifiers |= KeyModifiers::CONTROL;
                rest = &rest[n..];
            } else if let Some(n) = strip(rest, "alt-") {
                modifiers |= KeyModifiers::ALT;
                rest = &rest[n..];
            } else if let Some(n) = strip(rest, "shift-") {
                modifiers |= KeyModifiers::SHIFT;
                rest = &rest[n..];
            } else {
                break;
            }
        }
        let lower = if rest.chars().count() > 1 {
            rest.to_ascii_lowercase()
        } else {
            rest.to_owned()
        };
        let code = match lower.as_str() {
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
            s if function_key(s).is_some() => KeyCode::F(function_key(s).unwrap_or(1)),
            s => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("unknown key `{text}`")),
                }
            }
        };
        // Written the way a terminal reports it (see `from_event`): `shift-g` is `G`, and
        // with Ctrl a letter is lower case (`ctrl-O` and `ctrl-shift-o` are `ctrl-o`).
        let mut code = code;
        if let KeyCode::Char(c) = code
            && c.is_ascii_alphabetic()
        {
            if modifiers.contains(KeyModifiers::SHIFT) {
                modifiers.remove(KeyModifiers::SHIFT);
                code = KeyCode::Char(c.to_ascii_uppercase());
            }
            if modifiers.contains(KeyModifiers::CONTROL) {
                code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
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
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The names of the actions keys can be bound to: those of the default keymap (every
/// user-facing action has a default key), and `none`.
fn action_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = Vec::new();
        for (_, _, action) in Config::default().keys {
            if !names.contains(&action) {
                names.push(action);
            }
        }
        names.push("none".to_owned());
        names
    })
}

/// `f1`…`f12` → 1…12.
fn function_key(name: &str) -> Option<u8> {
    name.strip_prefix('f')
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=12).contains(n))
}

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

/// Read a unit variant by its serde (`snake_case`) name: `"half_page_down"`, `"tree"`.
fn by_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    T::deserialize(de).ok()
}

/// A table of bindings; the first row matching a context and key wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// The rows, in key-list order.
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The bindings of the shipped `assets/default-config.ron`.
    fn default() -> Self {
        static DEFAULT: std::sync::LazyLock<Keymap> =
            std::sync::LazyLock::new(|| Keymap::from_config(&Config::default()).0);
        DEFAULT.clone()
    }
}

impl Keymap {
    /// Build the keymap from a configuration's `keys` list, in order: a later row for the
    /// same context and key replaces the earlier one in place, and the action `none`
    /// removes it. Rows naming an unknown context, key or action are skipped and reported
    /// (one message each); the rest still apply.
    #[must_use]
    pub fn from_config(config: &Config) -> (Self, Vec<String>) {
        let mut bindings: Vec<Binding> = Vec::new();
        let mut problems = Vec::new();
        for (context_name, key_name, action_name) in &config.keys {
            let row = format!("key ({context_name:?}, {key_name:?}, {action_name:?})");
            let Some(context) = by_name::<Context>(&context_name.to_ascii_lowercase()) else {
                let names = Context::ALL.map(|c| c.name());
                problems.push(format!(
                    "{row}: unknown context `{context_name}`{}",
                    did_you_mean(context_name, names)
                ));
                continue;
            };
            let key = match Key::parse(key_name) {
                Ok(key) => key,
                Err(e) => {
                    problems.push(format!("{row}: {e}"));
                    continue;
                }
            };
            let action = if action_name.eq_ignore_ascii_case("none") {
                None
            } else if let Some(action) = by_name::<Action>(&action_name.to_ascii_lowercase()) {
                Some(action)
            } else {
                problems.push(format!(
                    "{row}: unknown action `{action_name}`{}",
                    did_you_mean(action_name, action_names().iter().map(String::as_str))
                ));
                continue;
            };
            let existing = bindings
                .iter()
                .position(|b| b.context == context && b.key == key);
            match (existing, action) {
                (Some(i), Some(action)) => bindings[i].action = action,
                (Some(i), None) => {
                    bindings.remove(i);
                }
                (None, Some(action)) => bindings.push(Binding {
                    context,
                    key,
                    action,
                }),
                (None, None) => {}
            }
        }
        (Self { bindings }, problems)
    }

    /// The action bound to `key` in `context`, if any.
    #[must_use]
    pub fn lookup(&self, context: Context, key: Key) -> Option<&Action> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.key == key)
            .map(|b| &b.action)
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
        Mode::Note => keymap
            .lookup(Context::Editor, key)
            .cloned()
            .or(Some(Action::EditorInput(event.into()))),
        // Keys the prompt table does not name go to the line editor.
        Mode::Goto | Mode::Search | Mode::Tag => keymap
            .lookup(Context::Prompt, key)
            .cloned()
            .or(Some(Action::PromptEdit(event.into()))),
        Mode::Normal | Mode::Select => {
            let pane = match focus {
                Focus::Tree => Context::Tree,
                Focus::Reader => Context::Reader,
                Focus::Sidebar => Context::Sidebar,
            };
            let selecting = (mode == Mode::Select && focus == Focus::Reader)
                .then(|| keymap.lookup(Context::Select, key))
                .flatten();
            selecting
                .or_else(|| keymap.lookup(pane, key))
                .or_else(|| keymap.lookup(Context::Global, key))
                .cloned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_shipped_default_binding_resolves() {
        let config = Config::default();
        assert!(config.keys.len() > 60, "the default keys were not loaded");
        let (km, problems) = Keymap::from_config(&config);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(km.bindings.len(), config.keys.len(), "no duplicate rows");
        for (context, key, action) in &config.keys {
            assert!(by_name::<Context>(context).is_some(), "{context}");
            assert!(Key::parse(key).is_ok(), "{key}");
            assert!(by_name::<Action>(action).is_some(), "{action}");
        }
    }

    #[test]
    fn keys_are_written_as_terminals_report_them() {
        let event = |code, mods| Key::from_event(press(code, mods));
        assert_eq!(
            Key::parse("shift-g"),
            Ok(event(KeyCode::Char('G'), KeyModifiers::SHIFT))
        );
        assert_eq!(Key::parse("shift-g"), Key::parse("G"));
        assert_eq!(
            Key::parse("ctrl-O"),
            Ok(event(KeyCode::Char('o'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            Key::parse("ctrl-shift-o"),
            Ok(event(
                KeyCode::Char('O'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ))
        );
        assert_eq!(
            Key::parse("shift-tab"),
            Ok(event(KeyCode::BackTab, KeyModifiers::SHIFT))
        );
    }

    #[test]
    fn context_names_are_the_serde_names_and_key_names_ignore_case() {
        for c in Context::ALL {
            assert_eq!(by_name::<Context>(c.name()), Some(c));
        }
        assert_eq!(Key::parse("F5"), Key::parse("f5"));
        assert_eq!(Key::parse("Ctrl-PageDown"), Key::parse("ctrl-pagedown"));
        assert_eq!(Key::parse("ENTER"), Key::parse("enter"));
        assert_ne!(Key::parse("G"), Key::parse("g"), "one character is itself");
    }

    #[test]
    fn function_keys_parse() {
        assert_eq!(
            Key::parse("f5").map(|k| k.code),
            Ok(KeyCode::F(5)),
            "f5 is a function key"
        );
        assert_eq!(Key::parse("f").map(|k| k.code), Ok(KeyCode::Char('f')));
        assert!(Key::parse("f13").is_err());
        assert_eq!(
            Key::parse("f12").map(|k| k.to_string()),
            Ok("F12".to_owned())
        );
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
            Some(Action::PromptEdit(press(KeyCode::Char('q'), none).into()))
        );
        // Editing keys go to the line editor; Up/Down and Ctrl-c are the prompt's own.
        assert_eq!(
            r(
                Focus::Reader,
                Mode::Goto,
                KeyCode::Char('w'),
                KeyModifiers::CONTROL
            ),
            Some(Action::PromptEdit(
                press(KeyCode::Char('w'), KeyModifiers::CONTROL).into()
            ))
        );
        assert_eq!(
            r(Focus::Reader, Mode::Goto, KeyCode::Up, none),
            Some(Action::PromptHistoryPrev)
        );
        assert_eq!(
            r(
                Focus::Reader,
                Mode::Goto,
                KeyCode::Char('c'),
                KeyModifiers::CONTROL
            ),
            Some(Action::PromptCancel)
        );
        assert_eq!(
            r(
                Focus::Tree,
                Mode::Normal,
                KeyCode::Char('c'),
                KeyModifiers::CONTROL
            ),
            Some(Action::Quit),
            "Ctrl-c quits (with the safeguards of q)"
        );
        assert_eq!(
            r(
                Focus::Reader,
                Mode::Normal,
                KeyCode::Char('f'),
                KeyModifiers::CONTROL
            ),
            Some(Action::PageDown),
            "Ctrl-f pages as in vim and less"
        );
        assert_eq!(
            r(
                Focus::Reader,
                Mode::Normal,
                KeyCode::Char('i'),
                KeyModifiers::CONTROL
            ),
            Some(Action::Forward),
            "where the terminal tells Ctrl-i from Tab"
        );
        assert_eq!(
            r(Focus::Reader, Mode::Normal, KeyCode::Tab, none),
            Some(Action::FocusNext)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Goto, KeyCode::Enter, none),
            Some(Action::PromptSubmit)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Help, KeyCode::Char('q'), none),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Normal, KeyCode::Char('v'), none),
            Some(Action::SelectStart)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Select, KeyCode::Char('j'), none),
            Some(Action::CursorDown)
        );
        assert_eq!(
            r(Focus::Sidebar, Mode::Select, KeyCode::Char('j'), none),
            Some(Action::SidebarDown)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Select, KeyCode::Char('t'), none),
            Some(Action::OpenTagPrompt)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Tag, KeyCode::Tab, none),
            Some(Action::PromptComplete)
        );
        assert_eq!(
            r(Focus::Reader, Mode::Note, KeyCode::Char('q'), none),
            Some(Action::EditorInput(press(KeyCode::Char('q'), none).into()))
        );
    }

    fn with_user_keys(rows: &[(&str, &str, &str)]) -> (Keymap, Vec<String>) {
        let mut config = Config::default();
        for (c, k, a) in rows {
            let row = ((*c).to_owned(), (*k).to_owned(), (*a).to_owned());
            match config
                .keys
                .iter_mut()
                .find(|r| r.0 == row.0 && r.1 == row.1)
            {
                Some(existing) => *existing = row,
                None => config.keys.push(row),
            }
        }
        Keymap::from_config(&config)
    }

    #[test]
    fn overrides_rebind_unbind_and_report_bad_names() {
        let (km, problems) = with_user_keys(&[
            ("reader", "ctrl-n", "next_paragraph"),
            ("global", "q", "none"),
            ("global", "hyper-x", "quit"),
            ("panel", "x", "quit"),
            ("global", "z", "explode"),
        ]);
        assert_eq!(
            problems,
            [
                r#"key ("global", "hyper-x", "quit"): unknown key `hyper-x`"#,
                r#"key ("panel", "x", "quit"): unknown context `panel`"#,
                r#"key ("global", "z", "explode"): unknown action `explode`"#,
            ]
        );
        let r = |code, mods| resolve(&km, Focus::Reader, Mode::Normal, press(code, mods));
        assert_eq!(
            r(KeyCode::Char('n'), KeyModifiers::CONTROL),
            Some(Action::NextParagraph)
        );
        assert_eq!(r(KeyCode::Char('q'), KeyModifiers::NONE), None);
        assert_eq!(r(KeyCode::Char('z'), KeyModifiers::NONE), None);
        assert!(km.markdown().contains("`Ctrl-n`"));
    }

    #[test]
    fn a_remap_shows_in_help() {
        let (km, problems) = with_user_keys(&[("global", "x", "quit"), ("global", "q", "none")]);
        assert!(problems.is_empty(), "{problems:?}");
        let help = km.help();
        let global = &help[0].1;
        assert!(
            global.contains(&("Ctrl-c x".to_owned(), "quit")),
            "{global:?}"
        );
        assert!(
            !global
                .iter()
                .any(|(keys, _)| keys.split(' ').any(|k| k == "q"))
        );
        let r = |c| {
            resolve(
                &km,
                Focus::Tree,
                Mode::Normal,
                press(KeyCode::Char(c), KeyModifiers::NONE),
            )
        };
        assert_eq!(r('x'), Some(Action::Quit));
        assert_eq!(r('q'), None);
        // Rebinding a default key keeps its place in the list.
        let (km, _) = with_user_keys(&[("global", "ctrl-o", "forward")]);
        let global = &km.help()[0].1;
        assert!(global.contains(&(
            "Ctrl-o Ctrl-i Alt-Right".to_owned(),
            "forward (jump history)"
        )));
        assert!(global.contains(&("Backspace Alt-Left".to_owned(), "back (jump history)")));
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
