//! The cable vocabularies, one table each: every pass that needs to recognise one of these
//! reads it from here, and any fast test built for one (a first-byte table, an
//! Aho-Corasick automaton) is derived from the table, never written out beside it.

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

/// Handling caveats that may stand alone on a header line.
pub const HANDLING: &[&str] = &[
    "SIPDIS",
    "SENSITIVE",
    "NOFORN",
    "NODIS",
    "EXDIS",
    "LIMDIS",
    "STADIS",
    "ORCON",
    "PROPIN",
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

/// Keys of the E.O. line.
pub const EO_KEYS: &[&str] = &["E.O.", "E. O.", "EO"];
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
/// Key of the Classified By line.
pub const CLASSIFIED_BY_KEYS: &[&str] = &["CLASSIFIED BY"];

/// Every header field key: a line starting with one of these opens a field.
pub fn field_keys() -> impl Iterator<Item = &'static str> {
    EO_KEYS
        .iter()
        .chain(TAGS_KEYS)
        .chain(SUBJECT_KEYS)
        .chain(REF_KEYS)
        .chain(CLASSIFIED_BY_KEYS)
        .copied()
}

/// Station names as written (spaces and punctuation removed, upper case) that reference
/// ids spell another way.
pub const STATION_ALIASES: &[(&str, &str)] = &[
    ("MEXICOCITY", "MEXICO"),
    ("SECSTATE", "STATE"),
    ("RIODEJAN", "RIODEJANEIRO"),
    ("HCMC", "HOCHIMINHCITY"),
    ("HOCHIMINH", "HOCHIMINHCITY"),
    ("USUN", "USUNNEWYORK"),
    ("USUNNY", "USUNNEWYORK"),
    ("BUENOSAIR", "BUENOSAIRES"),
    ("PORTAUPR", "PORTAUPRINCE"),
    ("RIO", "RIODEJANEIRO"),
    ("TALLIN", "TALLINN"),
    ("CASA", "CASABLANCA"),
    ("BASRA", "BASRAH"),
    ("DUBAIRPO", "RPODUBAI"),
    ("UNVIE", "UNVIEVIENNA"),
];

/// Stations known to send cables, as reference ids spell them: every station of the
/// shared corpus's ids and of the ids its REF lines cite (tests/data/refs). A REF entry
/// naming one of these in any case is a cable; an unknown name is accepted only in
/// capitals (as telegrams write stations), so `Grubb-Miller 7` or `August 2008` is not.
/// Sorted, for binary search.
pub const STATIONS: &[&str] = &[
    "ABIDJAN",
    "ABUDHABI",
    "ABUJA",
    "ADDISABABA",
    "ALGIERS",
    "AMMAN",
    "ANKARA",
    "ASHGABAT",
    "ASMARA",
    "ASTANA",
    "ASUNCION",
    "BAGHDAD",
    "BAKU",
    "BAMAKO",
    "BANGKOK",
    "BARCELONA",
    "BASRAH",
    "BEIJING",
    "BEIRUT",
    "BELGRADE",
    "BERLIN",
    "BISHKEK",
    "BOGOTA",
    "BRASILIA",
    "BRAZZAVILLE",
    "BRIDGETOWN",
    "BRUSSELS",
    "BUCHAREST",
    "BUENOSAIRES",
    "CAIRO",
    "CAPETOWN",
    "CARACAS",
    "CASABLANCA",
    "CHISINAU",
    "CIUDADJUAREZ",
    "COLOMBO",
    "DAKAR",
    "DAMASCUS",
    "DJIBOUTI",
    "DOHA",
    "DUBAI",
    "DUBLIN",
    "DUSHANBE",
    "FRANKFURT",
    "FREETOWN",
    "HARARE",
    "HAVANA",
    "ISLAMABAD",
    "ISTANBUL",
    "JEDDAH",
    "KABUL",
    "KAMPALA",
    "KARACHI",
    "KHARTOUM",
    "KIEV",
    "KIGALI",
    "KINSHASA",
    "KUALALUMPUR",
    "KUWAIT",
    "KYIV",
    "LAGOS",
    "LAHORE",
    "LAPAZ",
    "LIMA",
    "LISBON",
    "LJUBLJANA",
    "LOME",
    "LONDON",
    "LUANDA",
    "LUXEMBOURG",
    "MADRID",
    "MANAGUA",
    "MANAMA",
    "MAPUTO",
    "MEXICO",
    "MONTERREY",
    "MOSCOW",
    "MUMBAI",
    "MUNICH",
    "MUSCAT",
    "NAIROBI",
    "NEWDELHI",
    "NIAMEY",
    "NOUAKCHOTT",
    "OSLO",
    "OTTAWA",
    "OUAGADOUGOU",
    "PANAMA",
    "PARIS",
    "PESHAWAR",
    "PORTAUPRINCE",
    "PRAGUE",
    "PRETORIA",
    "PRISTINA",
    "RABAT",
    "RANGOON",
    "RECIFE",
    "RIGA",
    "RIODEJANEIRO",
    "RIYADH",
    "ROME",
    "RPODUBAI",
    "SANAA",
    "SANSALVADOR",
    "SANTIAGO",
    "SANTODOMINGO",
    "SAOPAULO",
    "SARAJEVO",
    "SEOUL",
    "SHENYANG",
    "SINGAPORE",
    "SKOPJE",
    "SOFIA",
    "STATE",
    "STOCKHOLM",
    "STPETERSBURG",
    "TALLINN",
    "TBILISI",
    "TEGUCIGALPA",
    "TEHRAN",
    "TELAVIV",
    "TOKYO",
    "TRIPOLI",
    "TUNIS",
    "ULAANBAATAR",
    "UNVIEVIENNA",
    "USNATO",
    "USOSCE",
    "VATICAN",
    "VIENNA",
    "VILNIUS",
    "VLADIVOSTOK",
    "WARSAW",
    "WHITEHOUSE",
    "YEREVAN",
    "ZAGREB",
];

/// Office words that may stand before a station in a REF entry (`EMBASSY VIENNA 1450`).
pub const OFFICE_WORDS: &[&str] = &["AMEMBASSY", "EMBASSY", "AMCONSUL", "CONSULATE", "USMISSION"];

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
