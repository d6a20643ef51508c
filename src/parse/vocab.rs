//! The cable vocabularies, one table each: every pass that needs to recognise one of these
//! reads it from here, and any fast test built for one (a first-byte table, an
//! Aho-Corasick automaton) is derived from the table, never written out beside it.

use crate::cable::BlockKind;

/// Three-letter month names, January first.
pub const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Classification words as the classification line spells them, and their normal form.
/// Longer spellings first (`UNCLASSIFIED` before `UNCLAS`, `TOP SECRET` before `SECRET`).
pub const CLASSIFICATIONS: &[(&str, &str)] = &[
    ("TOP SECRET", "TOP SECRET"),
    ("LIMITED OFFICIAL USE", "LIMITED OFFICIAL USE"),
    ("UNCLASSIFIED", "UNCLASSIFIED"),
    ("UNCLAS", "UNCLAS"),
    ("CONFIDENTIAL", "CONFIDENTIAL"),
    ("SECRET", "SECRET"),
];

/// The envelope's `ZNR UUUUU` / `ZNY CCCCC` / `ZNY SSSSS` codes and the classification
/// each stands for (the fallback when the text has no classification line).
pub const ZN_CODES: &[(&str, &str)] = &[
    ("UUUUU", "UNCLAS"),
    ("EEEEE", "UNCLAS"),
    ("CCCCC", "CONFIDENTIAL"),
    ("SSSSS", "SECRET"),
    ("TTTTT", "TOP SECRET"),
];

/// The handling caveat of a sensitive but unclassified cable.
pub const SENSITIVE: &str = "SENSITIVE";
/// Handling caveats that may stand alone on a header line.
pub const HANDLING: &[&str] = &[
    "SIPDIS", SENSITIVE, "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "ORCON", "PROPIN", "EFTO",
];

/// Precedence words that may follow an addressee.
pub const PRECEDENCE: &[&str] = &[
    "FLASH",
    "NIACT",
    "IMMEDIATE",
    "PRIORITY",
    "PIORITY",
    "ROUTINE",
];

/// Keys of the E.O. line, with the forms written askew (`E.O 12958`, 10PARIS174; `E.0.`
/// with a zero, 09BERLIN1626).
pub const EO_KEYS: &[&str] = &["E.O.", "E. O.", "EO", "E.O", "E.0."];
/// Keys of the TAGS line.
pub const TAGS_KEYS: &[&str] = &["TAGS", "TAG"];
/// Keys of the SUBJECT line.
pub const SUBJECT_KEYS: &[&str] = &["SUBJECT", "SUBJ"];
/// Keys of a REF list, longest first.
pub const REF_KEYS: &[&str] = &[
    "PROGRAM REF",
    "REFTELS",
    "REFTEL",
    "REFS",
    "REF(S)",
    "REFERENCES",
    "REFERENCE",
    "REF",
];
/// The notice WikiLeaks put above a cable it had only part of.
pub const PARTIAL_NOTICE: &str = "This record is a partial extract of the original cable";
/// Key of the Classified By line.
pub const CLASSIFIED_BY_KEYS: &[&str] = &["CLASSIFIED BY"];
/// Key of the line naming the classification guide a cable's markings are derived from
/// (`DERIVED FROM: DSCG 05-1 B, D`, 10MEXICO83): its colon required, since the words
/// begin prose too (`derived from the results of …`).
pub const DERIVED_FROM_KEYS: &[&str] = &["DERIVED FROM:"];
/// The letters of the notice above a cable sent again with a correction, spaces left out
/// (`C O R R E C T E D  C O P Y (TEXT)`, `C O R R E C T E D COPY CAPTION`).
pub const CORRECTED_COPY: &str = "CORRECTEDCOPY";
/// What a sensitive but unclassified cable may say under its header (`SENSITIVE BUT
/// UNCLASSIFIED - PLEASE PROTECT ACCORDINGLY.`, 10PRISTINA84): the [`SENSITIVE`] caveat
/// in words, not the subject's last words.
pub const SBU_CAVEAT: &str = "SENSITIVE BUT UNCLASSIFIED";

/// Every header field key: a line starting with one of these opens a field.
pub fn field_keys() -> impl Iterator<Item = &'static str> {
    EO_KEYS
        .iter()
        .chain(TAGS_KEYS)
        .chain(SUBJECT_KEYS)
        .chain(REF_KEYS)
        .chain(CLASSIFIED_BY_KEYS)
        .chain(DERIVED_FROM_KEYS)
        .copied()
}

/// Station names as written (spaces and punctuation removed, upper case) that reference
/// ids spell another way.
pub const STATION_ALIASES: &[(&str, &str)] = &[
    ("MEXICOCITY", "MEXICO"),
    ("SECSTATE", "STATE"),
    ("SECSTATEWASHDC", "STATE"),
    ("HCMC", "HOCHIMINHCITY"),
    ("USUN", "USUNNEWYORK"),
    ("USUNNY", "USUNNEWYORK"),
    ("RIO", "RIODEJANEIRO"),
    ("TALLIN", "TALLINN"),
    ("CASA", "CASABLANCA"),
    ("BASRA", "BASRAH"),
    ("DUBAIRPO", "RPODUBAI"),
    ("UNVIE", "UNVIEVIENNA"),
    ("USEU", "BRUSSELS"),
    ("USEUBRUSSELS", "BRUSSELS"),
    ("USUNROME", "UNROME"),
];

/// Stations known to send cables, as reference ids spell them: every station of the
/// shared corpus's ids and of the ids its REF lines cite (tests/data/refs), and the
/// other embassies, consulates and missions of the years the cables cover (a post
/// missing here is still read when written in capitals; listing it lets a REF line name
/// it in any case, `08 Hanoi 123`, or with a word that starts no station, `THE HAGUE`,
/// `PORT OF SPAIN`). A REF entry
/// naming one of these in any case is a cable; an unknown name is accepted only in
/// capitals (as telegrams write stations), so `Grubb-Miller 7` or `August 2008` is not.
/// Each with the country it is in (FIPS 10-4, as the country TAGS write it), so that a
/// consulate and its embassy are known to share a government (`GOP` in Peshawar's cables
/// and Islamabad's). Sorted, for binary search.
pub const STATIONS: &[(&str, Option<&str>)] = &[
    ("ABIDJAN", Some("IV")),
    ("ABUDHABI", Some("AE")),
    ("ABUJA", Some("NI")),
    ("ACCRA", Some("GH")),
    ("ADANA", Some("TU")),
    ("ADDISABABA", Some("ET")),
    ("ALGIERS", Some("AG")),
    ("ALMATY", Some("KZ")),
    ("AMMAN", Some("JO")),
    ("AMSTERDAM", Some("NL")),
    ("ANKARA", Some("TU")),
    ("ANTANANARIVO", Some("MA")),
    ("APIA", Some("WS")),
    ("ASHGABAT", Some("TX")),
    ("ASMARA", Some("ER")),
    ("ASTANA", Some("KZ")),
    ("ASUNCION", Some("PA")),
    ("ATHENS", Some("GR")),
    ("AUCKLAND", Some("NZ")),
    ("BAGHDAD", Some("IZ")),
    ("BAKU", Some("AJ")),
    ("BAMAKO", Some("ML")),
    ("BANDARSERIBEGAWAN", Some("BX")),
    ("BANGKOK", Some("TH")),
    ("BANGUI", Some("CT")),
    ("BANJUL", Some("GA")),
    ("BARCELONA", Some("SP")),
    ("BASRAH", Some("IZ")),
    ("BEIJING", Some("CH")),
    ("BEIRUT", Some("LE")),
    ("BELGRADE", Some("RI")),
    ("BELMOPAN", Some("BH")),
    ("BERLIN", Some("GM")),
    ("BERN", Some("SZ")),
    ("BISHKEK", Some("KG")),
    ("BOGOTA", Some("CO")),
    ("BRASILIA", Some("BR")),
    ("BRATISLAVA", Some("LO")),
    ("BRAZZAVILLE", Some("CF")),
    ("BRIDGETOWN", Some("BB")),
    ("BRUSSELS", Some("BE")),
    ("BUCHAREST", Some("RO")),
    ("BUDAPEST", Some("HU")),
    ("BUENOSAIRES", Some("AR")),
    ("BUJUMBURA", Some("BY")),
    ("CAIRO", Some("EG")),
    ("CALGARY", Some("CA")),
    ("CANBERRA", Some("AS")),
    ("CAPETOWN", Some("SF")),
    ("CARACAS", Some("VE")),
    ("CASABLANCA", Some("MO")),
    ("CHENGDU", Some("CH")),
    ("CHENNAI", Some("IN")),
    ("CHIANGMAI", Some("TH")),
    ("CHISINAU", Some("MD")),
    ("CIUDADJUAREZ", Some("MX")),
    ("COLOMBO", Some("CE")),
    ("CONAKRY", Some("GV")),
    ("COPENHAGEN", Some("DA")),
    ("COTONOU", Some("BN")),
    ("CURACAO", Some("NT")),
    ("DAKAR", Some("SG")),
    ("DAMASCUS", Some("SY")),
    ("DARESSALAAM", Some("TZ")),
    ("DHAHRAN", Some("SA")),
    ("DHAKA", Some("BG")),
    ("DILI", Some("TT")),
    ("DJIBOUTI", Some("DJ")),
    ("DOHA", Some("QA")),
    ("DUBAI", Some("AE")),
    ("DUBLIN", Some("EI")),
    ("DURBAN", Some("SF")),
    ("DUSHANBE", Some("TI")),
    ("DUSSELDORF", Some("GM")),
    ("FLORENCE", Some("IT")),
    ("FRANKFURT", Some("GM")),
    ("FREETOWN", Some("SL")),
    ("FUKUOKA", Some("JA")),
    ("GABORONE", Some("BC")),
    ("GENEVA", None),
    ("GEORGETOWN", Some("GY")),
    ("GUADALAJARA", Some("MX")),
    ("GUANGZHOU", Some("CH")),
    ("GUATEMALA", Some("GT")),
    ("GUAYAQUIL", Some("EC")),
    ("HALIFAX", Some("CA")),
    ("HAMBURG", Some("GM")),
    ("HAMILTON", Some("BD")),
    ("HANOI", Some("VM")),
    ("HARARE", Some("ZI")),
    ("HAVANA", Some("CU")),
    ("HELSINKI", Some("FI")),
    ("HERMOSILLO", Some("MX")),
    ("HILLAH", Some("IZ")),
    ("HOCHIMINHCITY", Some("VM")),
    ("HONGKONG", Some("HK")),
    ("HYDERABAD", Some("IN")),
    ("ISLAMABAD", Some("PK")),
    ("ISTANBUL", Some("TU")),
    ("JAKARTA", Some("ID")),
    ("JEDDAH", Some("SA")),
    ("JERUSALEM", None),
    ("JOHANNESBURG", Some("SF")),
    ("KABUL", Some("AF")),
    ("KAMPALA", Some("UG")),
    ("KARACHI", Some("PK")),
    ("KATHMANDU", Some("NP")),
    ("KHARTOUM", Some("SU")),
    ("KIEV", Some("UP")),
    ("KIGALI", Some("RW")),
    ("KINGSTON", Some("JM")),
    ("KINSHASA", Some("CG")),
    ("KIRKUK", Some("IZ")),
    ("KOLKATA", Some("IN")),
    ("KOLONIA", Some("FM")),
    ("KOROR", Some("PS")),
    ("KRAKOW", Some("PL")),
    ("KUALALUMPUR", Some("MY")),
    ("KUWAIT", Some("KU")),
    ("KYIV", Some("UP")),
    ("LAGOS", Some("NI")),
    ("LAHORE", Some("PK")),
    ("LAPAZ", Some("BL")),
    ("LEIPZIG", Some("GM")),
    ("LIBREVILLE", Some("GB")),
    ("LILONGWE", Some("MI")),
    ("LIMA", Some("PE")),
    ("LISBON", Some("PO")),
    ("LJUBLJANA", Some("SI")),
    ("LOME", Some("TO")),
    ("LONDON", Some("UK")),
    ("LUANDA", Some("AO")),
    ("LUSAKA", Some("ZA")),
    ("LUXEMBOURG", Some("LU")),
    ("MADRID", Some("SP")),
    ("MAJURO", Some("RM")),
    ("MALABO", Some("EK")),
    ("MANAGUA", Some("NU")),
    ("MANAMA", Some("BA")),
    ("MANILA", Some("RP")),
    ("MAPUTO", Some("MZ")),
    ("MARSEILLE", Some("FR")),
    ("MASERU", Some("LT")),
    ("MATAMOROS", Some("MX")),
    ("MBABANE", Some("WZ")),
    ("MELBOURNE", Some("AS")),
    ("MERIDA", Some("MX")),
    ("MEXICO", Some("MX")),
    ("MILAN", Some("IT")),
    ("MINSK", Some("BO")),
    ("MONROVIA", Some("LI")),
    ("MONTERREY", Some("MX")),
    ("MONTEVIDEO", Some("UY")),
    ("MONTREAL", Some("CA")),
    ("MOSCOW", Some("RS")),
    ("MOSUL", Some("IZ")),
    ("MUMBAI", Some("IN")),
    ("MUNICH", Some("GM")),
    ("MUSCAT", Some("MU")),
    ("NAGOYA", Some("JA")),
    ("NAHA", Some("JA")),
    ("NAIROBI", Some("KE")),
    ("NAPLES", Some("IT")),
    ("NASSAU", Some("BF")),
    ("NDJAMENA", Some("CD")),
    ("NEWDELHI", Some("IN")),
    ("NIAMEY", Some("NG")),
    ("NICOSIA", Some("CY")),
    ("NOGALES", Some("MX")),
    ("NOUAKCHOTT", Some("MR")),
    ("NUEVOLAREDO", Some("MX")),
    ("OSAKAKOBE", Some("JA")),
    ("OSLO", Some("NO")),
    ("OTTAWA", Some("CA")),
    ("OUAGADOUGOU", Some("UV")),
    ("PANAMA", Some("PM")),
    ("PARAMARIBO", Some("NS")),
    ("PARIS", Some("FR")),
    ("PERTH", Some("AS")),
    ("PESHAWAR", Some("PK")),
    ("PHNOMPENH", Some("CB")),
    ("PODGORICA", Some("MJ")),
    ("PONTADELGADA", Some("PO")),
    ("PORTAUPRINCE", Some("HA")),
    ("PORTLOUIS", Some("MP")),
    ("PORTMORESBY", Some("PP")),
    ("PORTOFSPAIN", Some("TD")),
    ("PRAGUE", Some("EZ")),
    ("PRAIA", Some("CV")),
    ("PRETORIA", Some("SF")),
    ("PRISTINA", Some("KV")),
    ("QUEBEC", Some("CA")),
    ("QUITO", Some("EC")),
    ("RABAT", Some("MO")),
    ("RANGOON", Some("BM")),
    ("RECIFE", Some("BR")),
    ("REYKJAVIK", Some("IC")),
    ("RIGA", Some("LG")),
    ("RIODEJANEIRO", Some("BR")),
    ("RIYADH", Some("SA")),
    ("ROME", Some("IT")),
    ("RPODUBAI", None),
    ("SANAA", Some("YM")),
    ("SANJOSE", Some("CS")),
    ("SANSALVADOR", Some("ES")),
    ("SANTIAGO", Some("CI")),
    ("SANTODOMINGO", Some("DR")),
    ("SAOPAULO", Some("BR")),
    ("SAPPORO", Some("JA")),
    ("SARAJEVO", Some("BK")),
    ("SEOUL", Some("KS")),
    ("SHANGHAI", Some("CH")),
    ("SHENYANG", Some("CH")),
    ("SINGAPORE", Some("SN")),
    ("SKOPJE", Some("MK")),
    ("SOFIA", Some("BU")),
    ("STATE", None),
    ("STOCKHOLM", Some("SW")),
    ("STPETERSBURG", Some("RS")),
    ("STRASBOURG", Some("FR")),
    ("SURABAYA", Some("ID")),
    ("SUVA", Some("FJ")),
    ("SYDNEY", Some("AS")),
    ("TAIPEI", Some("TW")),
    ("TALLINN", Some("EN")),
    ("TASHKENT", Some("UZ")),
    ("TBILISI", Some("GG")),
    ("TEGUCIGALPA", Some("HO")),
    ("TEHRAN", Some("IR")),
    ("TELAVIV", Some("IS")),
    ("THEHAGUE", Some("NL")),
    ("THESSALONIKI", Some("GR")),
    ("TIJUANA", Some("MX")),
    ("TIRANA", Some("AL")),
    ("TOKYO", Some("JA")),
    ("TORONTO", Some("CA")),
    ("TRIPOLI", Some("LY")),
    ("TUNIS", Some("TS")),
    ("ULAANBAATAR", Some("MG")),
    ("UNROME", None),
    ("UNVIEVIENNA", None),
    ("USNATO", None),
    ("USOSCE", None),
    ("USUNNEWYORK", None),
    ("VALLETTA", Some("MT")),
    ("VANCOUVER", Some("CA")),
    ("VATICAN", Some("VT")),
    ("VIENNA", Some("AU")),
    ("VIENTIANE", Some("LA")),
    ("VILNIUS", Some("LH")),
    ("VLADIVOSTOK", Some("RS")),
    ("WARSAW", Some("PL")),
    ("WELLINGTON", Some("NZ")),
    ("WHITEHOUSE", None),
    ("WINDHOEK", Some("WA")),
    ("YAOUNDE", Some("CM")),
    ("YEKATERINBURG", Some("RS")),
    ("YEREVAN", Some("AM")),
    ("ZAGREB", Some("HR")),
];

/// Whether `name` is one of [`STATIONS`].
#[must_use]
pub fn is_station(name: &str) -> bool {
    STATIONS.binary_search_by_key(&name, |s| s.0).is_ok()
}

/// The country a station of [`STATIONS`] is in, as its FIPS 10-4 TAGS code
/// (`assets/tags-countries.txt`); `None` for the Department, missions to organisations
/// and offices that report on another country (`RPODUBAI`).
#[must_use]
pub fn station_country(name: &str) -> Option<&'static str> {
    STATIONS
        .binary_search_by_key(&name, |s| s.0)
        .ok()
        .and_then(|i| STATIONS.get(i))
        .and_then(|s| s.1)
}

/// Words that may stand before a station in a REF entry: an office (`EMBASSY VIENNA
/// 1450`) or the word for a cable repeated (`REF: REFTEL KABUL 02245`).
pub const OFFICE_WORDS: &[&str] = &[
    "AMEMBASSY",
    "EMBASSY",
    "AMCONSUL",
    "CONSULATE",
    "USMISSION",
    "USINT",
    "USOFFICE",
    "AIT",
    "REFTEL",
    "REFTELS",
];

/// Words that start no station: what precedes a non-cable reference, month names, and
/// cross-reference words.
pub const NOT_STATIONS: &[&str] = &[
    "IIR",
    "OSC",
    "DTG",
    "MSG",
    "EMAIL",
    "E-MAIL",
    "MEMO",
    "FAX",
    "TELCON",
    "LETTER",
    "FROM",
    "DATED",
    "OF",
    "THE",
    "ON",
    "IN",
    "AND",
    "SECDEF",
    "CJCS",
    "CDR",
    "USCENTCOM",
    "DOD",
    "PARA",
    "PARAS",
    "PARAGRAPH",
    "SEE",
    "NOTE",
    "TDX",
    "TD",
    "FBIS",
    "USDAO",
    "CABLE",
    "TELEGRAM",
    "WEB",
    "HTTP",
    "PREVIOUS",
    "ALSO",
    "ETC",
    "REFTEL",
    "REF",
    "REFS",
    "NONE",
    "JAN",
    "JANUARY",
    "FEB",
    "FEBRUARY",
    "MAR",
    "MARCH",
    "APR",
    "APRIL",
    "MAY",
    "JUN",
    "JUNE",
    "JUL",
    "JULY",
    "AUG",
    "AUGUST",
    "SEP",
    "SEPT",
    "SEPTEMBER",
    "OCT",
    "OCTOBER",
    "NOV",
    "NOVEMBER",
    "DEC",
    "DECEMBER",
    "POINTS",
    "DAILY",
    "REPORT",
    "SVTC",
    "NOTAL",
    "EXDIS",
    "NODIS",
    "SIPDIS",
    "USG",
    "GOV",
    "WEEK",
    "WE",
];

/// What OCR made of a `¶` before a paragraph number (`11.` ¶1, `J.2 .` ¶2, `T_8 .` ¶8,
/// `11_2005.` a false ¶ on a year): see `CABLE-FORMAT.md` §8.
pub const GARBLES: &[&str] = &[
    "1", "I", "J", "J.", "T_", "t_", "1[", "11.", "11_", "1I_", "1.", "11", "T", "t", "I_", "1_",
    "l", "I.", "11[", "1]",
];

/// Line openers that mark a response to a question, any case, after an optional marking
/// (`Post Response:`, `(SBU) GOA Response:`); a space stands for any run of whitespace.
pub const RESPONSE_MARKERS: &[&str] = &["post response", "response:", "goa response"];

/// The word that marks a response inside a paragraph's text (`GOA Response:` after a
/// demarche point), as written in mixed case and in capitals.
pub const RESPONSE_WORDS: &[&str] = &["Response:", "RESPONSE:"];

/// The head of a line closing quoted material (`END TALKING POINTS`, `END TEXT OF
/// NON-PAPER`, `END NOTE.`): the last line of what it closes, never a heading.
pub const END_MARK: &str = "END ";

/// Heads of lines that open a block of their own inside a paragraph (a list item, an
/// inline note, a question), exact case; responses (above) open one too.
pub const LINE_OPENERS: &[&str] = &[
    "- ",
    "-- ",
    "* ",
    "(Note",
    "Note:",
    "NOTE:",
    "Comment:",
    "COMMENT:",
    "BEGIN ",
    END_MARK,
    "Question ",
];

/// Inline blocks: the opener, the closer searched for after it (any case), and the kind.
/// Found with one Aho-Corasick automaton built from the openers, leftmost first.
pub const INLINE_BLOCKS: &[(&str, &str, BlockKind)] = &[
    ("Note:", "End Note", BlockKind::Note),
    ("Note.", "End Note", BlockKind::Note),
    ("NOTE:", "END NOTE", BlockKind::Note),
    ("Comment:", "End Comment", BlockKind::Comment),
    ("COMMENT:", "END COMMENT", BlockKind::Comment),
    ("Summary:", "End Summary", BlockKind::Summary),
    ("SUMMARY:", "END SUMMARY", BlockKind::Summary),
    ("BEGIN SUMMARY", "END SUMMARY", BlockKind::Summary),
    ("Begin translation", "End translation", BlockKind::Quoted),
    ("BEGIN TEXT", "END TEXT", BlockKind::Quoted),
];

/// Portion markings, alone or joined by `/` (`(SBU)`, `(S/NF)`): a parenthesis holding
/// only these is a marking, never an acronym being defined.
pub const PORTION_MARKS: &[&str] = &[
    "U", "C", "S", "TS", "SBU", "NF", "NOFORN", "FOUO", "LOU", "LES", "REL", "ORCON",
];

/// Short words inside names that acronyms usually skip, in English, Spanish, French and
/// Portuguese (`Instituto Nacional de Migracion`, `Secretariat of Tourism`).
pub const NAME_CONNECTORS: &[&str] = &[
    "of", "for", "the", "and", "on", "in", "to", "at", "a", "an", "against", "with", "de", "del",
    "la", "las", "los", "el", "y", "e", "da", "do", "das", "dos", "du", "des", "et", "le", "les",
    "pour", "para", "por", "en", "au", "aux",
];

/// Titles and words of a sentence that stand before an institution's name but are not
/// part of it (`Deputy Leader of the Party of Independence and Labor`, `According to
/// the Spanish National Intelligence Service`): a translated name starts after them.
pub const NAME_BREAKERS: &[&str] = &[
    "according",
    "ambassador",
    "chairman",
    "chief",
    "deputy",
    "director",
    "governor",
    "leader",
    "mayor",
    "minister",
    "president",
    "said",
    "senator",
    "spokesman",
    "told",
];

/// The last (head) words of institutions' names. An English name whose letters do not
/// match its acronym (`Foreign Ministry (SRE)`, a translation of `Secretaria de
/// Relaciones Exteriores`) is taken as its definition only when it holds one of these,
/// so that `Senator Juan Perez (PRI)` is not.
pub const NAME_HEADS: &[&str] = &[
    "agency",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "center",
    "centre",
    "chamber",
    "coalition",
    "command",
    "commission",
    "committee",
    "council",
    "court",
    "department",
    "directorate",
    "force",
    "forces",
    "foundation",
    "front",
    "fund",
    "group",
    "institute",
    "league",
    "ministry",
    "movement",
    "network",
    "office",
    "organization",
    "organisation",
    "party",
    "police",
    "program",
    "programme",
    "secretariat",
    "service",
    "services",
    "tribunal",
    "union",
    "unit",
];

/// Words written in capitals inside ordinary prose that are words, not acronyms
/// (`END SUMMARY`, `REF A`), so the glossary does not list them as unknown acronyms.
pub const NOT_ACRONYMS: &[&str] = &[
    "END", "REF", "REFS", "PARA", "PARAS", "TEXT", "SEE", "AND", "THE", "FOR", "NOT", "BUT", "ALL",
    "ONLY", "QUOTE", "BEGIN", "THAT", "MUST", "AS", "BY", "BE", "IS", "TO", "OF", "IN", "ON", "WE",
    "AT", "OR", "IF",
];

/// A set of bytes: the prefilters derived from the tables above (which bytes can start
/// an entry), so a table and its fast test can never disagree.
#[derive(Debug, Clone, Copy)]
pub struct ByteSet([bool; 256]);

impl ByteSet {
    /// The empty set.
    pub const EMPTY: Self = Self([false; 256]);

    /// Add the first byte of every word; with `fold`, in both cases.
    #[must_use]
    pub const fn firsts(mut self, words: &[&str], fold: bool) -> Self {
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            if !w.is_empty() {
                let b = w[0];
                self.0[b as usize] = true;
                if fold {
                    self.0[b.to_ascii_uppercase() as usize] = true;
                    self.0[b.to_ascii_lowercase() as usize] = true;
                }
            }
            i += 1;
        }
        self
    }

    /// Add every byte of every word.
    #[must_use]
    pub const fn bytes(mut self, words: &[&str]) -> Self {
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            let mut j = 0;
            while j < w.len() {
                self.0[w[j] as usize] = true;
                j += 1;
            }
            i += 1;
        }
        self
    }

    /// Add one byte.
    #[must_use]
    pub const fn with(mut self, b: u8) -> Self {
        self.0[b as usize] = true;
        self
    }

    /// Add the ASCII digits.
    #[must_use]
    pub const fn digits(mut self) -> Self {
        let mut d = b'0';
        while d <= b'9' {
            self.0[d as usize] = true;
            d += 1;
        }
        self
    }

    /// Whether `b` is in the set (`None`, an empty line, never is).
    #[inline]
    #[must_use]
    pub fn has(&self, b: Option<&u8>) -> bool {
        b.is_some_and(|&b| self.0[usize::from(b)])
    }
}

/// Bytes that can start a garbled `¶`.
pub const GARBLE_FIRST: ByteSet = ByteSet::EMPTY.firsts(GARBLES, false);
/// Bytes that can start a paragraph number after any `¶`: a digit or a garble.
pub const NUMBER_FIRST: ByteSet = GARBLE_FIRST.digits();
/// Bytes that can start a paragraph number line: those, `¶` (0xC2 0xB6), or the `(` of a
/// marking written before the number (`(C) 6.`).
pub const PARA_FIRST: ByteSet = NUMBER_FIRST.with(0xC2).with(b'(');
/// Bytes a paragraph number with its garble can hold before its `.`: digits, spaces
/// (OCR) and the garbles' bytes.
pub const NUMBER_BYTES: ByteSet = ByteSet::EMPTY.bytes(GARBLES).digits().with(b' ');
/// Bytes that can start a response marker line: a marker's first letter or a marking's `(`.
pub const RESPONSE_FIRST: ByteSet = ByteSet::EMPTY.firsts(RESPONSE_MARKERS, true).with(b'(');
/// Bytes that can start a line that opens a block.
pub const OPENER_FIRST: ByteSet = RESPONSE_FIRST.firsts(LINE_OPENERS, false);

/// Whether `b` starts with `marker`, any case, a space in the marker matching any run of
/// whitespace (OCR doubles spaces).
#[must_use]
pub fn starts_with_marker(b: &[u8], marker: &str) -> bool {
    marker_len(b, marker).is_some()
}

/// The bytes of `b` that `marker` takes at its start (see [`starts_with_marker`]).
#[must_use]
pub fn marker_len(b: &[u8], marker: &str) -> Option<usize> {
    let mut i = 0;
    for &m in marker.as_bytes() {
        if m == b' ' {
            let from = i;
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            if i == from {
                return None;
            }
        } else if b.get(i).is_some_and(|c| c.eq_ignore_ascii_case(&m)) {
            i += 1;
        } else {
            return None;
        }
    }
    Some(i)
}
