//! The library's keys: one table from a key (in the list and facets) to a [`LibAction`],
//! and the rule for the two lines (query, fuzzy filter), where keys the table does not
//! name are typed into the line. The same table gives the key hints ([`bindings`]).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{LibAction, LibFocus};

/// A key of the table: a code and whether Ctrl is held.
type Key = (KeyCode, bool);

/// One row of the table: the keys, their action, and the hint (keys as shown, what the
/// action does; rows without a hint are aliases the hint line leaves out).
pub struct Binding {
    /// The keys.
    pub keys: Vec<Key>,
    /// What they do.
    pub action: LibAction,
    /// `(keys, what)` for the hint line.
    pub hint: Option<(&'static str, &'static str)>,
}

const fn plain(code: KeyCode) -> Key {
    (code, false)
}

const fn ctrl(c: char) -> Key {
    (KeyCode::Char(c), true)
}

/// The keys of the list and the facet pane.
#[must_use]
pub fn bindings() -> Vec<Binding> {
    use KeyCode::{
        BackTab, Backspace, Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Right, Tab, Up,
    };
    let row = |keys: &[Key], action, hint| Binding {
        keys: keys.to_vec(),
        action,
        hint,
    };
    vec![
        row(
            &[plain(Char('j')), plain(Down)],
            LibAction::Down,
            Some(("j/k", "move")),
        ),
        row(&[plain(Char('k')), plain(Up)], LibAction::Up, None),
        row(
            &[plain(PageDown), plain(Char(' ')), ctrl('d'), ctrl('f')],
            LibAction::PageDown,
            None,
        ),
        row(
            &[plain(PageUp), ctrl('u'), ctrl('b')],
            LibAction::PageUp,
            None,
        ),
        row(&[plain(Char('g')), plain(Home)], LibAction::Top, None),
        row(&[plain(Char('G')), plain(End)], LibAction::Bottom, None),
        row(
            &[plain(Enter), plain(Char('l')), plain(Right)],
            LibAction::Enter,
            Some(("Enter", "open")),
        ),
        row(
            &[plain(Char('/'))],
            LibAction::FocusQuery,
            Some(("/", "query")),
        ),
        row(
            &[plain(Char('f'))],
            LibAction::FocusFuzzy,
            Some(("f", "jump")),
        ),
        row(
            &[plain(Tab), plain(BackTab)],
            LibAction::NextPane,
            Some(("Tab", "facets")),
        ),
        row(
            &[plain(Char('s'))],
            LibAction::CycleSort,
            Some(("s", "sort")),
        ),
        row(&[plain(Char('S'))], LibAction::ReverseSort, None),
        row(
            &[plain(Char('c'))],
            LibAction::ClearFilters,
            Some(("c", "clear")),
        ),
        row(
            &[plain(Char('t'))],
            LibAction::Tasker,
            Some(("t", "tasker")),
        ),
        row(&[plain(Char('T'))], LibAction::Tags, Some(("T", "tags"))),
        row(&[plain(Char('y'))], LibAction::YearOverYear, None),
        row(&[plain(Char('r'))], LibAction::ReadAnswers, None),
        row(&[plain(Esc), plain(Backspace)], LibAction::Cancel, None),
        row(
            &[plain(Char('q')), ctrl('c')],
            LibAction::Quit,
            Some(("q", "quit")),
        ),
    ]
}

/// The action of `key` in the list or the facet pane.
fn list_action(key: Key) -> Option<LibAction> {
    bindings()
        .into_iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// The action of `event` with `focus`.
#[must_use]
pub fn resolve(focus: LibFocus, event: KeyEvent) -> Option<LibAction> {
    let key = (event.code, event.modifiers.contains(KeyModifiers::CONTROL));
    match focus {
        LibFocus::List | LibFocus::Facets => list_action(key),
        LibFocus::Query | LibFocus::Fuzzy => Some(match key {
            (KeyCode::Enter, _) => LibAction::Accept,
            (KeyCode::Esc, _) => LibAction::Cancel,
            (KeyCode::Down, _) => LibAction::Down,
            (KeyCode::Up, _) => LibAction::Up,
            (KeyCode::PageDown, _) => LibAction::PageDown,
            (KeyCode::PageUp, _) => LibAction::PageUp,
            (KeyCode::Char('c'), true) => LibAction::Quit,
            _ => LibAction::Edit(event.into()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_has_two_meanings() {
        let mut seen = std::collections::HashSet::new();
        for b in bindings() {
            for k in b.keys {
                assert!(seen.insert(k), "{k:?} is bound twice");
            }
        }
        assert_eq!(
            resolve(
                LibFocus::List,
                KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(LibAction::PageDown)
        );
    }

    #[test]
    fn lines_take_typed_keys_and_the_list_does_not() {
        assert_eq!(
            resolve(LibFocus::List, key(KeyCode::Char('q'))),
            Some(LibAction::Quit)
        );
        assert!(matches!(
            resolve(LibFocus::Query, key(KeyCode::Char('q'))),
            Some(LibAction::Edit(_))
        ));
        assert_eq!(
            resolve(LibFocus::Fuzzy, key(KeyCode::Enter)),
            Some(LibAction::Accept)
        );
        assert_eq!(resolve(LibFocus::List, key(KeyCode::F(5))), None);
    }
}
