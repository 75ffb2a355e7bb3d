//! `planlint schema [--output COMMAND]`: the plan format's JSON Schema, or the published JSON
//! Schema of a command's `--format json` output (`docs/schemas/`, documented in `docs/output.md`).

use super::OutputSchema;

pub const CHECK: &str = include_str!("../../docs/schemas/check.schema.json");
pub const DIFF: &str = include_str!("../../docs/schemas/diff.schema.json");
pub const HISTORY: &str = include_str!("../../docs/schemas/history.schema.json");
pub const REPORT: &str = include_str!("../../docs/schemas/report.schema.json");

/// The schema text `planlint schema` prints.
pub fn text(output: Option<OutputSchema>) -> &'static str {
    match output {
        None => crate::plan::schema::SCHEMA_TEXT,
        Some(OutputSchema::Check) => CHECK,
        Some(OutputSchema::Diff) => DIFF,
        Some(OutputSchema::History) => HISTORY,
        Some(OutputSchema::Report) => REPORT,
    }
}
