//! A corpus: many cables read from one place, as records the library lists and the REF
//! graph links.
//!
//! [`load`] reads a folder (recursively, so an alx-style `dates/YYYY/MM/` tree too) with
//! the same listing as `cablescope check DIR` ([`crate::check::cable_files`]); each file's
//! header is read (the body is not: [`crate::parse::parse_header_with`]) with its file
//! name as a hint and kept as a [`Record`] (id, date, origin, level,
//! TAGS, subject, the canonical ids its REF list cites, path). Given a file, [`load`] reads
//! the cables inside it (a Cablegate CSV dump, a concatenation; [`load::load_csv`]). A file that cannot be read
//! is listed in [`Corpus::unreadable`], never fatal. [`RefGraph`] turns the records' REF
//! lists into `cites` / `cited_by` and the cited cables that are not in the corpus.
//! A REF written without a year is first placed by the corpus's own serials and dates
//! ([`Serials`]), where they prove the parser's year wrong.
//!
//! [`tags`] gathers the passages carrying one tag in every cable's sidecar.
//!
//! Like the parser, this layer knows nothing of the terminal.

mod graph;
pub mod load;
pub mod parallel;
mod record;
pub mod serials;
pub mod tags;

pub use graph::{Chain, Cited, Links, Node, Overview, RefGraph, Way};
pub use load::{Corpus, load};
pub use record::{Body, Record};
pub use serials::{PLACED_MARK, Serials, place_refs, place_undated};
