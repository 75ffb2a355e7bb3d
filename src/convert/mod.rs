//! Convert: bring a plan in from the Word table or spreadsheet it lives in today (`import`),
//! and hand a board the spreadsheet it still wants (`export`).
//!
//! Import is a pipeline of small, separately tested steps:
//!
//! ```text
//! bytes ─► sniff (real type by magic bytes) ─► docx | sheet | delimited ─► Document (tables)
//!       ─► header (the header row, each column's field, --map) ─► build (rows to a plan,
//!          with every row skipped or joined) ─► write (TOML) ─► lint::check ─► report
//! ```
//!
//! Readers know their format and nothing of plans; `header` and `build` know plans and nothing
//! of formats. Every cap on hostile input lives in `limits`.
//!
//! May use: `plan`, `workspace`, `lint` (to check the result), `git` (export `--rev`).

mod build;
mod delimited;
mod docx;
pub mod error;
pub mod export;
pub mod header;
pub mod import;
pub mod limits;
pub mod report;
mod sheet;
pub mod sniff;
pub mod table;
mod write;

pub use export::ExportFormat;
