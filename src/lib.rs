//! cablescope: a terminal reader and annotator for US diplomatic cables.
//!
//! The crate is layered so that the lower layers never see a terminal:
//! - [`cable`] is the document model and [`parse`] builds it from text;
//! - [`source`] reads files (lossy UTF-8, binary detection) and [`sanitize`] makes text safe
//!   to print;
//! - [`dump`] is the documented JSON view used by `cablescope dump --json`.
//!
//! The terminal application (reader, keymap, rendering) sits above these and is the only
//! part that imports ratatui or crossterm.

pub mod action;
pub mod annotation;
pub mod app;
pub mod bulk;
pub mod cable;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod dump;
pub mod error;
pub mod export;
pub mod fnv;
pub mod glossary;
pub mod index;
pub mod keymap;
pub mod library;
pub mod loading;
pub mod manpage;
pub mod mode;
pub mod parse;
pub mod paths;
pub mod position;
pub mod sanitize;
pub mod sentence;
pub mod source;
pub mod split;
pub mod store;
pub mod tasker;
pub mod tui;
pub mod ui;

/// The cable shipped inside the binary and opened when no file is given:
/// 06MEXICO1113, the 2006 Trafficking in Persons report from Embassy Mexico (an OCR'd scan).
pub const EMBEDDED_CABLE: &str = include_str!("../assets/06MEXICO1113.txt");

/// The name shown for [`EMBEDDED_CABLE`].
pub const EMBEDDED_NAME: &str = "06MEXICO1113.txt (embedded)";
