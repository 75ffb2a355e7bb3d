//! The JSON shape of `check --format json` (docs/output.md, docs/schemas/check.schema.json),
//! consumed by CI.

use crate::lint::check::Outcome;
use crate::plan::finding::{Severity, Summary};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Report<'a> {
    as_of: String,
    files: usize,
    actions: usize,
    findings: Findings<'a>,
    summary: Summary,
}

/// The findings, each turned into its JSON shape as it is written: a million findings stream
/// out without a second list of them in memory.
struct Findings<'a>(&'a [crate::plan::finding::Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|f| JsonFinding {
            rule: f.rule,
            severity: f.severity,
            file: &f.file,
            line: f.line,
            column: f.column,
            plan: f.plan.as_deref(),
            action: f.action.as_deref(),
            message: &f.message,
            help: f.help.as_deref(),
        }))
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    file: &'a str,
    line: usize,
    column: usize,
    plan: Option<&'a str>,
    action: Option<&'a str>,
    message: &'a str,
    /// What to do, as the human format shows it under the finding; null when there is none.
    help: Option<&'a str>,
}

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let report = Report {
        as_of: outcome.as_of.to_string(),
        files: outcome.files,
        actions: outcome.actions,
        findings: Findings(&outcome.findings),
        summary: Summary::of(&outcome.findings),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
