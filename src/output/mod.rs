//! Views of findings: every format renders the same `Finding`s.

pub mod concise;
pub mod human;
pub mod json;

use crate::check::Outcome;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with the source snippet and a label under the offending value
    Human,
    /// `path:line:col: severity[rule] message`, one a line
    Concise,
    /// The JSON shape in DESIGN.md, for CI
    Json,
}

pub fn render(
    outcome: &Outcome,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(outcome, color, out),
        Format::Concise => concise::render(outcome, out),
        Format::Json => json::render(outcome, out),
    }
}

/// "3 errors, 5 warnings in 4 plans" (or "no problems in 4 plans").
pub fn summary_line(outcome: &Outcome) -> String {
    let s = crate::finding::Summary::of(&outcome.findings);
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if s.error > 0 {
        parts.push(plural(s.error, "error"));
    }
    if s.warning > 0 {
        parts.push(plural(s.warning, "warning"));
    }
    if s.info > 0 {
        parts.push(plural(s.info, "note"));
    }
    let files = plural(outcome.files, "plan");
    if parts.is_empty() {
        format!("no problems in {files} ({} actions)", outcome.actions)
    } else {
        format!(
            "{} in {files} ({} actions)",
            parts.join(", "),
            outcome.actions
        )
    }
}
