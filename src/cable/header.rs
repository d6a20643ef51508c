//! The cable header: transmission envelope, classification and handling, E.O., TAGS,
//! SUBJECT and the REF list (layers 1–3 of `CABLE-FORMAT.md`).

use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Everything above the first body paragraph.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Transmission id, e.g. `VZCZCXR05300`.
    pub transmission_id: Option<String>,
    /// Precedence as written on the DTG line (`R`, `O`, `P R`…).
    pub precedence: Option<String>,
    /// The date-time group as a timestamp (UTC).
    pub date: Option<DateTime<Utc>>,
    /// The date-time group as written, e.g. `021324Z MAR 06`.
    pub dtg: Option<String>,
    /// The `FM` line, e.g. `AMEMBASSY MEXICO`.
    pub from: Option<String>,
    /// `TO` addressees, each with its routing indicator, precedence and serial.
    pub to: Vec<Recipient>,
    /// `INFO` addressees.
    pub info: Vec<Recipient>,
    /// `XMT` addressees: those of a collective the cable is not sent to (5 FAH-2
    /// H-321.9), e.g. `AMCONSUL STRASBOURG`.
    #[serde(default)]
    pub exempt: Vec<Recipient>,
    /// Classification, normalised: `UNCLAS`, `UNCLASSIFIED`, `CONFIDENTIAL`, `SECRET`…
    pub classification: Option<String>,
    /// `N` of `SECTION 01 OF N`, when the cable was sent in sections.
    pub section_count: Option<u32>,
    /// Originating post as on the classification line, e.g. `MEXICO`, `PORT AU PRINCE`.
    pub origin: Option<String>,
    /// Serial number without padding, e.g. 1113.
    pub serial: Option<u32>,
    /// Handling caveats in order of first appearance: `SIPDIS`, `SENSITIVE`, `NOFORN`…
    pub handling: Vec<String>,
    /// Office lines such as `STATE FOR WHA/PPC AND G/TIP`.
    pub office: Vec<String>,
    /// The E.O. line's content, e.g. `12958: N/A`.
    pub eo: Option<String>,
    /// TAGS, one entry each.
    pub tags: Vec<String>,
    /// SUBJECT joined across lines, whitespace collapsed.
    pub subject: Option<String>,
    /// The REF list in order.
    pub refs: Vec<Reference>,
    /// `Classified By:` line's content, when present.
    pub classified_by: Option<String>,
    /// The classifying official named there, without the reasons, e.g. `Ambassador
    /// Tony Garza`.
    #[serde(default)]
    pub classifier: Option<String>,
    /// The E.O. reasons named there, e.g. `1.4(b)`, `1.4(d)`.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// The classification guide the markings are derived from, as its `Derived from:`
    /// line writes it (`DSCG 05-1 B, D`).
    #[serde(default)]
    pub derived_from: Option<String>,
    /// What a corrected copy says was corrected (`TEXT`, `ADDED NOFORN CAPTION`), empty
    /// when its notice says nothing; `None` for a cable that is no corrected copy.
    #[serde(default)]
    pub correction: Option<String>,
    /// The E.O. line's declassification instruction as written, e.g. `03/02/2016`,
    /// `OADR`.
    #[serde(default)]
    pub declassify: Option<String>,
    /// That instruction as a date, when it is one.
    #[serde(default)]
    pub declassify_on: Option<NaiveDate>,
    /// Whether the text is a partial extract of the cable (WikiLeaks' notice above it:
    /// the full text was not available).
    #[serde(default)]
    pub partial: bool,
    /// Byte range of the header in the source.
    pub span: Range<usize>,
}

impl Header {
    /// The date for people: `2006-03-02 13:24 UTC`, or the date-time group as written when
    /// it could not be read as a timestamp.
    #[must_use]
    pub fn date_label(&self) -> Option<String> {
        match self.date {
            Some(d) => Some(d.format("%Y-%m-%d %H:%M UTC").to_string()),
            None => self.dtg.clone(),
        }
    }

    /// Who classified the cable and why, for people: `Ambassador Lino Gutierrez;
    /// reasons 1.4(b), 1.4(d)`, or the line as written when it names no official.
    #[must_use]
    pub fn authority_label(&self) -> Option<String> {
        let who = self
            .classifier
            .as_deref()
            .or(self.classified_by.as_deref())?;
        if self.reasons.is_empty() {
            return Some(who.to_owned());
        }
        Some(format!("{who}; reasons {}", self.reasons.join(", ")))
    }

    /// Until when, for people: the date (`2016-07-19`), or the instruction as written
    /// (`OADR`).
    #[must_use]
    pub fn declassify_label(&self) -> Option<String> {
        match self.declassify_on {
            Some(d) => Some(d.to_string()),
            None => self.declassify.clone(),
        }
    }

    /// What a corrected copy says was corrected, for people (`ADDED NOFORN CAPTION`, or
    /// that its notice does not say); `None` for a cable that is no corrected copy.
    #[must_use]
    pub fn correction_label(&self) -> Option<&str> {
        self.correction.as_deref().map(|c| {
            if c.is_empty() {
                "its notice does not say what was corrected"
            } else {
                c
            }
        })
    }

    /// What a partial extract is, for people; `None` for a whole cable.
    #[must_use]
    pub fn partial_label(&self) -> Option<&'static str> {
        self.partial
            .then_some("a partial extract: the full text is not available")
    }
}

/// One addressee of the `TO`, `INFO` or `XMT` list, read from a line such as
/// `RUEHC/SECSTATE WASHDC PRIORITY 5265`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    /// The addressee, e.g. `SECSTATE WASHDC`.
    pub name: String,
    /// Its routing indicator, e.g. `RUEHC` (`ZEN` for one served by other means).
    pub route: Option<String>,
    /// The precedence written after it, e.g. `PRIORITY`, `NIACT IMMEDIATE`.
    pub precedence: Option<String>,
    /// The message control number as written, e.g. `5265`, `0673`, or one a section,
    /// `2276-2279`.
    pub mcn: Option<String>,
}

impl Recipient {
    /// The names of `list`, joined by `sep`, for people.
    #[must_use]
    pub fn names(list: &[Self], sep: &str) -> String {
        list.iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(sep)
    }
}

/// One entry of the REF list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// Letter (`A`, `B`…) when the list is lettered.
    pub letter: Option<char>,
    /// The entry as written, whitespace collapsed, e.g. `05 MEXICO 5224`.
    pub text: String,
    /// Canonical cable id such as `05MEXICO5224`, when the entry names a cable.
    pub id: Option<String>,
    /// True when the year in `id` was inferred from the cable's own date.
    pub year_inferred: bool,
    /// True when a corpus moved that inferred year, its serials and dates proving the
    /// parser's year wrong ([`crate::corpus::place_refs`]); never set by the parser, so
    /// absent from a single cable's JSON.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_placed: bool,
    /// Byte range of the entry in the source.
    pub span: Range<usize>,
}

impl Reference {
    /// The entry of `refs` that the letter `up` names: the one carrying it, else, in a
    /// list whose entries carry no letters, the one at its place, A the first. WikiLeaks'
    /// 2011 copies print `REF: BRASILIA 1250; RECIFE 66; (08) SAO PAULO 581` where the
    /// cable had `A.`, `B.`, `C.`, and the text still says `Ref C`.
    #[must_use]
    pub fn named_by(refs: &[Self], up: char) -> Option<usize> {
        if let Some(k) = refs.iter().position(|r| r.letter == Some(up)) {
            return Some(k);
        }
        let place = usize::from(u8::try_from(up).ok()?.checked_sub(b'A')?);
        (place < refs.len() && refs.iter().all(|r| r.letter.is_none())).then_some(place)
    }

    /// The letter entry `k` of `refs` is cited by: its own, else, in a list of several
    /// without letters, its place ([`Reference::named_by`]); with whether by place.
    #[must_use]
    pub fn letter_of(refs: &[Self], k: usize) -> Option<(char, bool)> {
        let entry = refs.get(k)?;
        match entry.letter {
            Some(c) => Some((c, false)),
            None if refs.len() > 1 && refs.iter().all(|r| r.letter.is_none()) => {
                Some((Self::place_letter(k)?, true))
            }
            None => None,
        }
    }

    /// The letter of place `k` (0 for A).
    #[must_use]
    pub fn place_letter(k: usize) -> Option<char> {
        let k = u8::try_from(k).ok().filter(|&k| k < 26)?;
        Some(char::from(b'A' + k))
    }
}

/// A classification level, from lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// `UNCLAS`, `UNCLASSIFIED` (with or without `SENSITIVE` / `FOUO`).
    Unclassified,
    /// `LIMITED OFFICIAL USE`.
    LimitedOfficialUse,
    /// `CONFIDENTIAL`.
    Confidential,
    /// `SECRET`.
    Secret,
    /// `TOP SECRET`.
    TopSecret,
}

impl Level {
    /// The level's name as WikiLeaks writes it (`UNCLASSIFIED`, `TOP SECRET`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Unclassified => "UNCLASSIFIED",
            Self::LimitedOfficialUse => "LIMITED OFFICIAL USE",
            Self::Confidential => "CONFIDENTIAL",
            Self::Secret => "SECRET",
            Self::TopSecret => "TOP SECRET",
        }
    }

    /// The level a normalised classification names (`UNCLAS`, `SECRET`, `CONFIDENTIAL`…).
    #[must_use]
    pub fn from_classification(s: &str) -> Option<Self> {
        let s = s.trim_start();
        [
            ("TOP SECRET", Self::TopSecret),
            ("SECRET", Self::Secret),
            ("CONFIDENTIAL", Self::Confidential),
            ("LIMITED OFFICIAL USE", Self::LimitedOfficialUse),
            ("UNCLAS", Self::Unclassified),
        ]
        .into_iter()
        .find(|(word, _)| s.starts_with(word))
        .map(|(_, level)| level)
    }
}

impl Header {
    /// The classification level, when the header has a classification.
    #[must_use]
    pub fn level(&self) -> Option<Level> {
        self.classification
            .as_deref()
            .and_then(Level::from_classification)
    }

    /// Whether the cable is not releasable to foreign nationals (`NOFORN` in its handling
    /// lines or its classification).
    #[must_use]
    pub fn is_noforn(&self) -> bool {
        self.handling.iter().any(|h| h == "NOFORN")
    }

    /// The sending post as WikiLeaks names it (`Embassy Mexico`, `Secretary of State`,
    /// `Mission USNATO`), from the `FM` line.
    #[must_use]
    pub fn post_name(&self) -> Option<String> {
        self.from.as_deref().map(super::post::post_name)
    }
}

#[cfg(test)]
mod tests {
    use super::Reference;

    #[test]
    fn letters_by_place_and_back() {
        let entry = Reference::default();
        let refs = vec![entry.clone(); 3];
        assert_eq!(Reference::named_by(&refs, 'A'), Some(0));
        assert_eq!(Reference::named_by(&refs, 'C'), Some(2));
        assert_eq!(Reference::named_by(&refs, 'D'), None);
        assert_eq!(Reference::named_by(&refs, '7'), None);
        assert_eq!(Reference::letter_of(&refs, 2), Some(('C', true)));
        let all = vec![entry.clone(); 26];
        for place in 0..26 {
            let letter = Reference::place_letter(place).expect("a letter");
            assert_eq!(Reference::named_by(&all, letter), Some(place));
        }
        assert_eq!(Reference::place_letter(26), None);
        // One entry answers `reftel A` but claims no letter of its own.
        assert_eq!(Reference::named_by(&refs[..1], 'A'), Some(0));
        assert_eq!(Reference::letter_of(&refs[..1], 0), None);
        // A list with letters names its entries by them alone.
        let mut lettered = refs;
        lettered[1].letter = Some('B');
        assert_eq!(Reference::named_by(&lettered, 'B'), Some(1));
        assert_eq!(Reference::named_by(&lettered, 'A'), None);
        assert_eq!(Reference::letter_of(&lettered, 1), Some(('B', false)));
        assert_eq!(Reference::letter_of(&lettered, 0), None);
    }
}
