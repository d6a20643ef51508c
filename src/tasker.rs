//! Taskers: the questionnaire cables State sends every post, the replies that answer
//! them, and every reply's answers aligned to the same questions (issue 15).
//!
//! - [`responders`]: who replied to a tasker (any spelling of its id), by post, with
//!   multi-part replies and follow-ups, other years' taskers, and which cables of a
//!   corpus are taskers at all;
//! - [`keys`]: tasker keys (`23.E`) and the one table of how replies write them;
//! - [`reply`]: a reply's answers as it writes them (keys, numbered questions, headings);
//! - [`questionnaire`]: the tasker's questions rebuilt from the replies that quote them;
//! - [`align`]: each reply's answers aligned to it, saying how and how sure;
//! - [`study`]: all of it for one tasker, and the rows of `cablescope answers`;
//! - [`years`]: one post's answer next to its answer to another year's tasker.
//!
//! The tasker and question views read [`study::Study`]; like the rest of the model this
//! knows nothing of the terminal.

pub mod align;
pub mod compile;
pub mod keys;
pub mod questionnaire;
pub mod reply;
pub mod responders;
pub mod similarity;
pub mod study;
pub mod years;

pub use align::{Answer, How, Passage};
pub use keys::Key;
pub use questionnaire::Questionnaire;
pub use responders::{Responders, responders, taskers};
pub use study::{Row, Study};
pub use years::YearPair;
