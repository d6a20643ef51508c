//! The documented search syntax, rewritten into tantivy's query language.
//!
//! Words are ANDed (the parser is set to conjunction), `"phrases"`, `-word`, `OR` and
//! parentheses pass through; the field names people type map onto the index's:
//! `tag:KTIP` → `tags`, `from:mexico` → `origin`, `class:secret` → `classification`,
//! `id:` and `ref:` take any spelling of an id (`ref:06 STATE 3836` needs quotes), `year:2005`
//! and `year:2005..2007`, `date:2006` / `date:2006-03` / `date:2006-03-02`, `subject:`.
//! A word holding characters tantivy would read as syntax (`U.S.`, `A/S`) becomes a phrase.

use std::fmt::Write as _;

/// Rewrite `input` into tantivy's query syntax.
#[must_use]
pub fn rewrite(input: &str) -> String {
    rewrite_with(input, &|_| Vec::new())
}

/// [`rewrite`], a `from:` value also matching the origins `also` gives for it: the
/// stations under which the index lists the cables of the post it names that have no
/// sender (`from:"embassy madrid"` also matches `MADRID`).
#[must_use]
pub fn rewrite_with(input: &str, also: &dyn Fn(&str) -> Vec<String>) -> String {
    let mut out = String::new();
    for token in tokens(input) {
        if !out.is_empty() {
            out.push(' ');
        }
        term(&token, also, &mut out);
    }
    out
}

/// Split on white space, keeping a quoted stretch (with what is glued to it) whole.
fn tokens(input: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// One token, rewritten onto `out`.
fn term(token: &str, also: &dyn Fn(&str) -> Vec<String>, out: &mut String) {
    if matches!(token, "OR" | "AND" | "NOT") {
        out.push_str(token);
        return;
    }
    let opens = token.len() - token.trim_start_matches('(').len();
    let token = &token[opens..];
    let body = token.trim_end_matches(')');
    let closes = token.len() - body.len();
    out.push_str(&"(".repeat(opens));
    let (sign, body) = match body.strip_prefix('-') {
        Some(rest) if !rest.is_empty() => ("-", rest),
        _ => ("", body),
    };
    out.push_str(sign);
    match body.split_once(':') {
        Some((field, value)) if !value.is_empty() => fielded(field, value, also, out),
        _ => words(body, out),
    }
    out.push_str(&")".repeat(closes));
}

/// `field:value` in the documented syntax.
fn fielded(field: &str, value: &str, also: &dyn Fn(&str) -> Vec<String>, out: &mut String) {
    let bare = value.trim_matches('"');
    match field.to_ascii_lowercase().as_str() {
        "tag" | "tags" => whole("tags", bare, out),
        "id" => whole(
            "id",
            &crate::parse::canonical_id(bare).unwrap_or_else(|| bare.to_owned()),
            out,
        ),
        "ref" | "refs" => whole(
            "refs",
            &crate::parse::canonical_id(bare).unwrap_or_else(|| bare.to_owned()),
            out,
        ),
        "from" | "origin" => {
            let stations = also(bare);
            if stations.is_empty() {
                field_words("origin", value, out);
            } else {
                out.push('(');
                field_words("origin", value, out);
                for station in stations {
                    out.push_str(" OR ");
                    whole("origin", &station, out);
                }
                out.push(')');
            }
        }
        "class" | "classification" => field_words("classification", value, out),
        "subject" => field_words("subject", value, out),
        "year" => year(bare, out),
        "date" => date(bare, out),
        _ => words(&format!("{field}:{value}"), out),
    }
}

/// A whole-value field: the value quoted (its tokenizer lower-cases it).
fn whole(field: &str, value: &str, out: &mut String) {
    let _ = write!(out, "{field}:\"{}\"", escape(value));
}

/// A words field: a phrase stays a phrase, a word becomes a phrase when it holds syntax.
fn field_words(field: &str, value: &str, out: &mut String) {
    out.push_str(field);
    out.push(':');
    words(value, out);
}

/// Plain words: kept as they are when tantivy would read them as a word, else quoted.
fn words(value: &str, out: &mut String) {
    let phrase = value.len() >= 2 && value.starts_with('"') && value.ends_with('"');
    if phrase {
        let _ = write!(out, "\"{}\"", escape(&value[1..value.len() - 1]));
    } else if value.chars().all(char::is_alphanumeric) {
        out.push_str(value);
    } else {
        let _ = write!(out, "\"{}\"", escape(&value.replace('"', " ")));
    }
}

/// `year:2005` or `year:2005..2007` (an open end allowed: `year:..2005`).
fn year(value: &str, out: &mut String) {
    let number = |s: &str| s.parse::<u64>().ok();
    match value.split_once("..") {
        Some((from, to)) => {
            let from = number(from).map_or("*".to_owned(), |n| n.to_string());
            let to = number(to).map_or("*".to_owned(), |n| n.to_string());
            let _ = write!(out, "year:[{from} TO {to}]");
        }
        None => match number(value) {
            Some(n) => {
                let _ = write!(out, "year:{n}");
            }
            None => words(value, out),
        },
    }
}

/// `date:2006`, `date:2006-03` or `date:2006-03-02`.
fn date(value: &str, out: &mut String) {
    match value.len() {
        4 => year(value, out),
        7 => whole("month", value, out),
        10 => whole("day", value, out),
        _ => words(value, out),
    }
}

/// Escape `"` and `\` inside a quoted value.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The words of `input` a reader should highlight: its plain words and phrases (quotes
/// dropped), without operators, negated words and fielded terms (`tag:KTIP`).
#[must_use]
pub fn plain_words(input: &str) -> Vec<String> {
    let mut kept = Vec::new();
    for token in tokens(input) {
        let token = token.trim_matches(|c| c == '(' || c == ')');
        let phrase = token.starts_with('"');
        let skip = matches!(token, "OR" | "AND" | "NOT")
            || token.starts_with('-')
            || (!phrase && token.contains(':'));
        let word = token.trim_matches('"');
        if !skip && !word.is_empty() {
            kept.push(word.to_owned());
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::{plain_words, rewrite, rewrite_with};

    #[test]
    fn plain_words_drop_operators_negations_and_fields() {
        assert_eq!(
            plain_words("trafficking \"forced labor\" -mexico tag:KTIP OR (victims)"),
            ["trafficking", "forced labor", "victims"]
        );
        assert!(plain_words("from:mexico year:2006").is_empty());
    }

    #[test]
    fn documented_syntax_maps_onto_the_index_fields() {
        for (input, expected) in [
            ("trafficking victims", "trafficking victims"),
            ("\"forced labor\" -mexico", "\"forced labor\" -mexico"),
            ("a OR b", "a OR b"),
            ("tag:KTIP from:mexico", "tags:\"KTIP\" origin:mexico"),
            ("class:secret", "classification:secret"),
            ("year:2005..2007", "year:[2005 TO 2007]"),
            ("year:2005", "year:2005"),
            ("date:2006-03", "month:\"2006-03\""),
            ("date:2006-03-02", "day:\"2006-03-02\""),
            ("id:06mexico1113", "id:\"06MEXICO1113\""),
            ("ref:\"06 SECSTATE 3836\"", "refs:\"06STATE3836\""),
            ("subject:\"human rights\"", "subject:\"human rights\""),
            ("U.S. (a OR b)", "\"U.S.\" (a OR b)"),
            ("from:\"port au prince\"", "origin:\"port au prince\""),
            ("foo:bar", "\"foo:bar\""),
        ] {
            assert_eq!(rewrite(input), expected, "{input}");
        }
    }

    #[test]
    fn a_from_value_also_matches_the_stations_it_is_given() {
        let also = |value: &str| {
            if value == "embassy madrid" {
                vec!["MADRID".to_owned()]
            } else {
                Vec::new()
            }
        };
        for (input, expected) in [
            (
                "from:\"embassy madrid\" tag:PGOV",
                "(origin:\"embassy madrid\" OR origin:\"MADRID\") tags:\"PGOV\"",
            ),
            (
                "-from:\"embassy madrid\"",
                "-(origin:\"embassy madrid\" OR origin:\"MADRID\")",
            ),
            ("from:madrid", "origin:madrid"),
        ] {
            assert_eq!(rewrite_with(input, &also), expected, "{input}");
        }
    }
}
