//! The stretch of a paragraph a snippet shows: the window of at most N characters that
//! holds the most of the query's different words (weighted, rarer words first), starting
//! a few words before the first of them, or backed up so a window near the end is full.

use std::ops::Range;

/// Characters of context shown before the first matched word, at most.
const LEAD_CHARS: usize = 30;

/// One matched word: where it is and its weight; `term` tells the query's words apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub at: Range<usize>,
    pub term: usize,
    pub weight: f32,
}

/// The fragment of `text` (a byte range) and the hits in it, relative to its start.
#[must_use]
pub fn best(text: &str, hits: &[Hit], max_chars: usize) -> (Range<usize>, Vec<Range<usize>>) {
    let end_of = |start: usize| {
        text.get(start..)
            .and_then(|rest| rest.char_indices().nth(max_chars).map(|(i, _)| start + i))
            .unwrap_or(text.len())
    };
    let mut best: Option<(f32, usize)> = None;
    for (i, h) in hits.iter().enumerate() {
        let end = end_of(h.at.start);
        let mut seen: Vec<usize> = Vec::new();
        let mut score = 0.0;
        for later in hits[i..].iter().take_while(|l| l.at.end <= end) {
            if !seen.contains(&later.term) {
                seen.push(later.term);
                score += later.weight;
            }
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, h.at.start));
        }
    }
    let mut start = best.map_or(0, |(_, s)| s);
    let mut end = end_of(start);
    // A little of what leads up to the first word, when the window's words still fit.
    let last = hits
        .iter()
        .filter(|h| h.at.start >= start && h.at.end <= end)
        .map(|h| h.at.end)
        .max()
        .unwrap_or(start);
    let lead = text[..start]
        .char_indices()
        .rev()
        .nth(LEAD_CHARS)
        .map_or(0, |(i, _)| i);
    let lead = text[lead..start]
        .find(char::is_whitespace)
        .filter(|_| lead > 0)
        .map_or(lead, |w| lead + w + 1);
    if lead < start && end_of(lead) >= last {
        start = lead;
        end = end_of(start);
    }
    if end == text.len() {
        // Near the end: back up to a word start so the window is full.
        let chars_before = text[..start].chars().count();
        let room = max_chars.saturating_sub(text[start..].chars().count());
        let back = text[..start]
            .char_indices()
            .nth(chars_before.saturating_sub(room))
            .map_or(start, |(i, _)| i);
        start = text[back..start]
            .find(char::is_whitespace)
            .filter(|_| back > 0)
            .map_or(back, |w| back + w + 1)
            .min(start);
        end = text.len();
    }
    let highlights = hits
        .iter()
        .filter(|h| h.at.start >= start && h.at.end <= end)
        .map(|h| h.at.start - start..h.at.end - start)
        .collect();
    (start..end, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str, words: &[(&str, f32)]) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut at = 0;
        for w in text.split(' ') {
            if let Some(term) = words.iter().position(|(x, _)| *x == w) {
                out.push(Hit {
                    at: at..at + w.len(),
                    term,
                    weight: words[term].1,
                });
            }
            at += w.len() + 1;
        }
        out
    }

    #[test]
    fn the_window_with_most_different_words_wins() {
        let text = "in the end in a way in time the trafficking in persons report came in";
        let h = hits(text, &[("trafficking", 1.0), ("in", 0.1), ("persons", 1.0)]);
        let (range, marks) = best(text, &h, 25);
        assert_eq!(&text[range.clone()], "trafficking in persons re");
        let marked: Vec<&str> = marks
            .iter()
            .map(|r| &text[range.start..][r.clone()])
            .collect();
        assert_eq!(marked, ["trafficking", "in", "persons"]);
    }

    #[test]
    fn a_few_words_lead_up_to_the_first_match() {
        let text =
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
        let h = hits(text, &[("nine", 1.0)]);
        let (range, marks) = best(text, &h, 30);
        assert_eq!(&text[range.clone()], "four five six seven eight nine");
        assert_eq!(&text[range][marks[0].clone()], "nine");
    }

    #[test]
    fn a_window_near_the_end_is_backed_up_to_a_word() {
        let text = "one two three four five six seven";
        let h = hits(text, &[("seven", 1.0)]);
        let (range, marks) = best(text, &h, 14);
        assert_eq!(&text[range.clone()], "six seven");
        assert_eq!(marks, vec![Range { start: 4, end: 9 }]);
        let (range, _) = best(text, &[], 14);
        assert_eq!(&text[range], "one two three ");
    }
}
