//! The index's fields: one tantivy document per cable.
//!
//! `path` (the key), `id` and `refs` (canonical ids, matched whole, case ignored), `tags`
//! (whole, case ignored), `origin`, `classification`, `subject` and `body` (words), `year`
//! (a number, for ranges), `month` (`2006-03`) and `day` (`2006-03-02`) matched whole;
//! `start` and `end`, the cable's bytes in its file when the file holds many
//! ([`crate::split`]), absent for a file of one cable.
//!
//! Nothing is stored: what the library lists of a cable (path, id, day, year, origin,
//! classification, subject, TAGS in header order as `tag_line`) is kept in fast fields
//! (columns, read for every cable at once by [`super::Catalog::open`]), and snippets come
//! from the file itself ([`super::Catalog::snippet`]), so the index holds the body's
//! words and positions but not its text.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};

/// The tokenizer of whole-value fields (ids, tags): the value as one lower-case token.
pub const WHOLE: &str = "cablescope_whole";

/// The fast-field tokenizer that keeps a value as it is (tantivy's own `raw`).
const RAW: &str = "raw";

/// What separates the TAGS in `tag_line`.
pub const TAG_SEPARATOR: char = '\n';

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub id: Field,
    pub refs: Field,
    pub tags: Field,
    pub tag_line: Field,
    pub origin: Field,
    pub classification: Field,
    pub subject: Field,
    pub body: Field,
    pub year: Field,
    pub month: Field,
    pub day: Field,
    pub start: Field,
    pub end: Field,
}

/// Names of the fast fields, as tantivy's column readers take them.
pub mod columns {
    pub const PATH: &str = "path";
    pub const ID: &str = "id";
    pub const TAG_LINE: &str = "tag_line";
    pub const ORIGIN: &str = "origin";
    pub const CLASSIFICATION: &str = "classification";
    pub const SUBJECT: &str = "subject";
    pub const YEAR: &str = "year";
    pub const DAY: &str = "day";
    pub const START: &str = "start";
    pub const END: &str = "end";
}

/// The schema and its fields.
#[must_use]
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let whole = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WHOLE)
            .set_index_option(IndexRecordOption::Basic),
    );
    let listed_words = tantivy::schema::TEXT.set_fast(RAW);
    let fields = Fields {
        path: b.add_text_field(columns::PATH, STRING.set_fast(RAW)),
        id: b.add_text_field(columns::ID, whole.clone().set_fast(RAW)),
        refs: b.add_text_field("refs", whole.clone()),
        tags: b.add_text_field("tags", whole),
        tag_line: b.add_text_field(columns::TAG_LINE, TextOptions::default().set_fast(RAW)),
        origin: b.add_text_field(columns::ORIGIN, listed_words.clone()),
        classification: b.add_text_field(columns::CLASSIFICATION, listed_words.clone()),
        subject: b.add_text_field(columns::SUBJECT, listed_words),
        body: b.add_text_field("body", tantivy::schema::TEXT),
        year: b.add_u64_field(columns::YEAR, INDEXED | FAST),
        month: b.add_text_field("month", STRING),
        day: b.add_text_field(columns::DAY, STRING.set_fast(RAW)),
        start: b.add_u64_field(columns::START, FAST),
        end: b.add_u64_field(columns::END, FAST),
    };
    (b.build(), fields)
}

/// Register [`WHOLE`] with an index.
pub fn register_tokenizers(index: &tantivy::Index) {
    index.tokenizers().register(
        WHOLE,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}
