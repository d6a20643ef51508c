//! Which words of an annotated quote differ from the text now at its place.
//!
//! A changed passage ([`super::AnchorStatus::Changed`]) is shown as two quotes, the one
//! the user annotated and the current one, with the differing words marked, so the
//! analyst sees at a glance what the cable now says. The sidebar, the review list and
//! every export draw from this one diff. It works on words (runs of non-space) with the
//! spaces attached, so marks never split a word, and is a plain longest-common-subsequence
//! over the part between the common head and tail, bounded so a huge quote cannot stall.

/// One run of a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text both quotes share.
    Same(&'a str),
    /// Text only the annotated quote has.
    Removed(&'a str),
    /// Text only the current quote has.
    Added(&'a str),
}

/// Largest table (words × words) compared word by word; past it the whole differing
/// middle is one removal and one addition.
const MAX_CELLS: usize = 1 << 20;

/// Words of `s`, each with the whitespace that follows it (the first may be leading
/// whitespace alone).
fn words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = true;
    for (i, c) in s.char_indices() {
        let space = c.is_whitespace();
        if !space && in_space && i > start {
            out.push(&s[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// The word diff from `old` (the annotated quote) to `new` (the current text), in order;
/// adjacent pieces of one kind are merged.
#[must_use]
pub fn diff<'a>(old: &'a str, new: &'a str) -> Vec<Piece<'a>> {
    let a = words(old);
    let b = words(new);
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out = Vec::new();
    out.extend(a[..head].iter().map(|w| Piece::Same(w)));
    if ma.len().saturating_mul(mb.len()) > MAX_CELLS {
        out.extend(ma.iter().map(|w| Piece::Removed(w)));
        out.extend(mb.iter().map(|w| Piece::Added(w)));
    } else {
        lcs(ma, mb, &mut out);
    }
    out.extend(a[a.len() - tail..].iter().map(|w| Piece::Same(w)));
    merge(old, new, out)
}

/// Word-level LCS of the differing middles, removals before additions at each change.
fn lcs<'a>(a: &[&'a str], b: &[&'a str], out: &mut Vec<Piece<'a>>) {
    let (n, m) = (a.len(), b.len());
    // len[i][j]: LCS length of a[i..] and b[j..].
    let mut len = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[at(i, j)] = if a[i] == b[j] {
                len[at(i + 1, j + 1)] + 1
            } else {
                len[at(i + 1, j)].max(len[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(Piece::Same(a[i]));
            i += 1;
            j += 1;
        } else if j == m || (i < n && len[at(i + 1, j)] >= len[at(i, j + 1)]) {
            out.push(Piece::Removed(a[i]));
            i += 1;
        } else {
            out.push(Piece::Added(b[j]));
            j += 1;
        }
    }
}

/// Adjacent pieces of one kind joined (they are consecutive slices of `old` or `new`).
fn merge<'a>(old: &'a str, new: &'a str, pieces: Vec<Piece<'a>>) -> Vec<Piece<'a>> {
    let offset = |whole: &str, part: &str| part.as_ptr() as usize - whole.as_ptr() as usize;
    let join = |whole: &'a str, x: &str, y: &str| {
        let s = offset(whole, x);
        &whole[s..offset(whole, y) + y.len()]
    };
    let mut out: Vec<Piece<'a>> = Vec::with_capacity(pieces.len());
    for p in pieces {
        let merged = match (out.last(), p) {
            (Some(Piece::Removed(x)), Piece::Removed(y)) => Some(Piece::Removed(join(old, x, y))),
            (Some(Piece::Added(x)), Piece::Added(y)) => Some(Piece::Added(join(new, x, y))),
            // `Same` text comes from `old`, whose words sit side by side there too.
            (Some(Piece::Same(x)), Piece::Same(y)) if is_within(old, x) && is_within(old, y) => {
                Some(Piece::Same(join(old, x, y)))
            }
            _ => None,
        };
        match merged {
            Some(m) => {
                out.pop();
                out.push(m);
            }
            None => out.push(p),
        }
    }
    out
}

fn is_within(whole: &str, part: &str) -> bool {
    let (w, p) = (whole.as_ptr() as usize, part.as_ptr() as usize);
    p >= w && p + part.len() <= w + whole.len()
}

/// The diff written out as plain text, the way `git diff --word-diff` marks it:
/// `[-removed-]{+added+}`.
#[must_use]
pub fn marked(old: &str, new: &str) -> String {
    let mut out = String::with_capacity(old.len() + new.len());
    for p in diff(old, new) {
        match p {
            Piece::Same(s) => out.push_str(s),
            Piece::Removed(s) => push_marked(&mut out, ("[-", "-]"), s),
            Piece::Added(s) => push_marked(&mut out, ("{+", "+}"), s),
        }
    }
    out
}

/// Both quotes written out, each with its own differing words between `marks`
/// (`("~~", "~~")` and `("**", "**")` in Markdown): `(annotated, current)`.
#[must_use]
pub fn sides(old: &str, new: &str, removed: (&str, &str), added: (&str, &str)) -> (String, String) {
    let (mut was, mut now) = (String::new(), String::new());
    for p in diff(old, new) {
        match p {
            Piece::Same(s) => {
                was.push_str(s);
                now.push_str(s);
            }
            Piece::Removed(s) => push_marked(&mut was, removed, s),
            Piece::Added(s) => push_marked(&mut now, added, s),
        }
    }
    (was, now)
}

/// `s` with each line's words between `marks`; whitespace (line breaks included) stays
/// outside, so a mark never spans lines.
fn push_marked(out: &mut String, (open, close): (&str, &str), s: &str) {
    let mut rest = s;
    while !rest.is_empty() {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let (line, after) = rest.split_at(line_end);
        let body = line.trim();
        if body.is_empty() {
            out.push_str(line);
        } else {
            let lead = line.len() - line.trim_start().len();
            out.push_str(&line[..lead]);
            out.push_str(open);
            out.push_str(body);
            out.push_str(close);
            out.push_str(&line[lead + body.len()..]);
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked_and_the_rest_shared() {
        assert_eq!(
            diff("NGOs play a key role", "NGOs play no role"),
            vec![
                Piece::Same("NGOs play "),
                Piece::Removed("a key "),
                Piece::Added("no "),
                Piece::Same("role"),
            ]
        );
        assert_eq!(
            marked("NGOs play a key role", "NGOs play no role"),
            "NGOs play [-a key-] {+no+} role"
        );
        assert_eq!(marked("same words", "same words"), "same words");
        assert_eq!(marked("", "new"), "{+new+}");
        assert_eq!(marked("gone", ""), "[-gone-]");
        assert_eq!(
            marked("one two three four", "one 2 three 4"),
            "one [-two-] {+2+} three [-four-]{+4+}"
        );
    }

    #[test]
    fn both_sides_mark_their_own_words_and_marks_never_span_lines() {
        assert_eq!(
            sides(
                "NGOs play a key role",
                "NGOs play no role",
                ("~~", "~~"),
                ("**", "**")
            ),
            (
                "NGOs play ~~a key~~ role".to_owned(),
                "NGOs play **no** role".to_owned()
            )
        );
        assert_eq!(
            sides("a b.\n\nc d", "a x.\n\ny d", ("~~", "~~"), ("**", "**")),
            (
                "a ~~b.~~\n\n~~c~~ d".to_owned(),
                "a **x.**\n\n**y** d".to_owned()
            )
        );
    }

    #[test]
    fn multibyte_and_line_breaks_are_kept() {
        assert_eq!(
            marked("Año\n\nvíctimas 12", "Año\n\nvíctimas 14"),
            "Año\n\nvíctimas [-12-]{+14+}"
        );
    }
}
