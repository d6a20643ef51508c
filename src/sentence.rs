//! Where a sentence ends: the one rule shared by the reader's sentence motions and the
//! parser's paragraph-break judgement.
//!
//! Cables are full of abbreviations that end in a full stop without ending a sentence:
//! `U.S.`, `U.N.`, initials (`Scott C. Higgins`), `Mr.`, `No.`, `para.`. A sentence ends
//! at `.`, `?` or `!` followed by whitespace, unless the word before a `.` is a single
//! capital letter (an initial or part of `U.S.`) or one of [`ABBREVIATIONS`]. Leaf module:
//! it depends on nothing in the crate.

/// Words (without their full stop, compared without regard to case) that end in `.`
/// without ending a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "para", "paras", "ref", "refs", "vol", "art",
    "sec", "gen", "col", "lt", "capt", "amb", "sen", "rep", "gov", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "etc", "vs", "cf",
    "approx", "ext",
];

/// Whether `word` (the text before a full stop, without it) is an abbreviation that does
/// not end a sentence: initials (`C`, `U.S`) or one of [`ABBREVIATIONS`], in any case.
#[must_use]
pub fn is_abbreviation(word: &str) -> bool {
    // `U.S` (from `U.S.`) and `C` (an initial): letters each followed by a stop.
    let initials = !word.is_empty()
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    initials || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Whether the `.`, `?` or `!` at byte `i` of `text` ends a sentence.
#[must_use]
pub fn ends_sentence(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    if !matches!(b.get(i), Some(b'.' | b'?' | b'!')) {
        return false;
    }
    if !b.get(i + 1).is_none_or(u8::is_ascii_whitespace) {
        return false;
    }
    if b[i] != b'.' {
        return true;
    }
    // The word before the full stop: back to whitespace or an opening bracket/quote.
    let before = &text[..i];
    let start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
        .map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[start..];
    !is_abbreviation(word)
}

/// Byte offsets where sentences start in `text` (0 included), in order.
#[must_use]
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = vec![0];
    for i in 0..b.len() {
        if ends_sentence(text, i) {
            let mut j = i + 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && out.last() != Some(&j) {
                out.push(j);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_table() {
        // (text, byte of the mark, ends a sentence?)
        let cases: &[(&str, &str, bool)] = &[
            ("Done. Next", "Done.", true),
            ("Really? Yes", "Really?", true),
            ("Stop! Now", "Stop!", true),
            ("the U.S. and Mexico", "U.S.", false),
            ("the U.N. said", "U.N.", false),
            ("Scott C. Higgins", "C.", false),
            ("see para. 28", "para.", false),
            ("Mr. Fox", "Mr.", false),
            ("Question 9. What", "9.", true),
            ("end of text.", "text.", true),
            ("a.b", "a.", false),
            ("(U.S.) policy", "U.S.", false),
            ("in the U.S. Embassy Response", "U.S.", false),
        ];
        for (text, upto, expected) in cases {
            let i = text.find(upto).expect("case") + upto.len() - 1;
            assert_eq!(ends_sentence(text, i), *expected, "{text:?} at {upto:?}");
        }
    }

    #[test]
    fn starts_skip_abbreviations() {
        let t = "The U.S. Embassy met Mr. Ruiz. He agreed. Done";
        let starts: Vec<&str> = sentence_starts(t).iter().map(|&i| &t[i..]).collect();
        assert_eq!(
            starts,
            [t, "He agreed. Done", "Done"],
            "U.S. and Mr. end no sentence"
        );
    }
}
