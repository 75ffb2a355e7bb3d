//! Convert: bring a plan in from the Word table or spreadsheet it lives in today (`import`),
//! and hand a board the spreadsheet it still wants (`export`).
//!
//! Import is a pipeline of small, separately tested steps:
//!
//! ```text
//! bytes ─► sniff (real type by magic bytes) ─► docx | sheet | delimited ─► Document (tables)
//!       ─► header (the header row, each column's field by `vocabulary`, --map) ─► build (rows to a plan,
//!          with every row skipped or joined) ─► write (TOML) ─► lint::check ─► report
//! ```
//!
//! Readers know their format and nothing of plans; `header` and `build` know plans and nothing
//! of formats. Every cap on hostile input lives in `limits`.
//!
//! `updates` is the cycle by spreadsheet: `export --for-update` writes the workbook leads fill
//! in, `import --updates` merges the returns into the plans through `edit`.
//!
//! May use: `plan`, `workspace`, `lint` (to check the result), `git` (export `--rev`, blob
//! ids), `edit` (the returns' updates).

mod build;
mod cells;
mod colour;
mod delimited;
mod docx;
mod entries;
pub mod error;
pub mod export;
mod fills;
mod formulas;
pub mod header;
pub mod import;
mod job;
pub mod limits;
pub mod report;
pub mod roundtrip;
mod sheet;
pub mod sniff;
pub mod table;
mod tracker;
pub mod updates;
mod vocabulary;
mod words;
mod write;

pub use export::ExportFormat;
