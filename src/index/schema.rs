//! The index's fields: one tantivy document per cable.
//!
//! `path` (the key), `id` and `refs` (canonical ids, matched whole, case ignored), `tags`
//! (whole, case ignored), `origin`, `classification`, `subject` and `body` (words), `year`
//! (a number, for ranges), `month` (`2006-03`) and `day` (`2006-03-02`) matched whole.
//! The body is the cable's paragraphs joined by blank lines; `starts` and `numbers` keep
//! where each paragraph starts in it and its number (0 when unnumbered), so that a
//! snippet can name the paragraph it comes from.

use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};

/// The tokenizer of whole-value fields (ids, tags): the value as one lower-case token.
pub const WHOLE: &str = "cablescope_whole";

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub id: Field,
    pub refs: Field,
    pub tags: Field,
    pub origin: Field,
    pub classification: Field,
    pub subject: Field,
    pub body: Field,
    pub year: Field,
    pub month: Field,
    pub day: Field,
    pub starts: Field,
    pub numbers: Field,
}

/// The schema and its fields.
#[must_use]
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let whole = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(WHOLE)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored();
    let words = tantivy::schema::TEXT | STORED;
    let fields = Fields {
        path: b.add_text_field("path", STRING | STORED),
        id: b.add_text_field("id", whole.clone()),
        refs: b.add_text_field("refs", whole.clone()),
        tags: b.add_text_field("tags", whole),
        origin: b.add_text_field("origin", words.clone()),
        classification: b.add_text_field("classification", words.clone()),
        subject: b.add_text_field("subject", words.clone()),
        body: b.add_text_field("body", words),
        year: b.add_u64_field("year", INDEXED | STORED),
        month: b.add_text_field("month", STRING),
        day: b.add_text_field("day", STRING | STORED),
        starts: b.add_u64_field("starts", STORED),
        numbers: b.add_u64_field("numbers", STORED),
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
