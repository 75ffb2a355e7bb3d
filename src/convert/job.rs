//! The import job's inputs and outputs, shared by the table importer (`import`) and the
//! lossless round trip (`roundtrip`), so that neither needs the other's code.

use super::header::Mapping;
use super::report::Report;
use crate::workspace::config::Config;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Where the plan goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// `plans/<id>.toml` under the configuration root.
    Default,
    Path(PathBuf),
    Stdout,
}

pub struct Options<'a> {
    pub file: &'a Path,
    pub output: Output,
    pub id: Option<String>,
    pub title: Option<String>,
    pub sheet: Option<String>,
    pub table: Option<usize>,
    /// `--map`s: they win over `[import] map` in planlint.toml, and each must name a column.
    pub maps: Vec<Mapping>,
    /// `--save-map`: write the columns' fields to planlint.toml's `[import] map`.
    pub save_map: bool,
    pub update_date: Option<NaiveDate>,
    /// Read a status from an update that plainly says the action is complete or withdrawn,
    /// when no status cell gives one (`--no-infer-status` turns it off).
    pub infer_status: bool,
    pub force: bool,
    pub as_of: NaiveDate,
    pub config: &'a Config,
}

/// A finished import: the report, the plan's text, and whether its check found errors.
pub struct Imported {
    pub report: Report,
    pub text: String,
    pub has_errors: bool,
}
