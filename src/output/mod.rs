//! Views of findings (every format renders the same `Finding`s), of diffs and of an action's
//! history. They write to any `io::Write`; the command line decides where.
//!
//! May use: `plan`, `lint` (the check's outcome and rule docs), `diff`, and `git` only for the
//! timeline it renders.

pub mod concise;
pub mod diff;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod history;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use crate::lint::check::Outcome;
use crate::plan::finding::Finding;
use rayon::prelude::*;
use std::io::{self, Write};

/// Writes each finding's text, in the findings' order, the texts made on every core a window
/// at a time: the bytes are those of one loop over the findings, and memory holds one window's
/// text, not the whole output's (tens of thousands of findings were a serial tail after the
/// parallel check).
pub(crate) fn each_in_order(
    findings: &[Finding],
    out: &mut dyn Write,
    text: impl Fn(&Finding, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    const CHUNK: usize = 256;
    const WINDOW: usize = CHUNK * 64;
    for window in findings.chunks(WINDOW) {
        let parts: Vec<io::Result<Vec<u8>>> = window
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut buf = Vec::with_capacity(chunk.len() * 128);
                for f in chunk {
                    text(f, &mut buf)?;
                }
                Ok(buf)
            })
            .collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Diagnostics with the source snippet and a label under the offending value
    Human,
    /// `path:line:col: severity[rule] message`, one a line
    Concise,
    /// The JSON shape in docs/output.md, for CI
    Json,
    /// GitHub Actions annotations (and a job summary when GITHUB_STEP_SUMMARY is set)
    Github,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// JUnit XML, one test case per plan file
    Junit,
    /// GitLab Code Quality JSON
    Gitlab,
}

/// How the text formats look: colour (never in JSON, SARIF, JUnit or the CI formats) and the
/// summary line (`check --quiet` leaves it out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub summary: bool,
}

pub fn render(
    outcome: &Outcome,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    render_styled(
        outcome,
        format,
        Style {
            color,
            summary: true,
        },
        out,
    )
}

/// `render`, with the summary line optional.
pub fn render_styled(
    outcome: &Outcome,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(outcome, style, out),
        Format::Concise => concise::render(outcome, style, out),
        Format::Json => json::render(outcome, out),
        Format::Github => github::render(outcome, out),
        Format::Sarif => sarif::render(outcome, out),
        Format::Junit => junit::render(outcome, out),
        Format::Gitlab => gitlab::render(outcome, out),
    }
}

/// "3 errors, 5 warnings in 4 plans" (or "no problems in 4 plans").
pub fn summary_line(outcome: &Outcome) -> String {
    let s = crate::plan::finding::Summary::of(&outcome.findings);
    let plural = crate::plan::words::count;
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
        format!(
            "no problems in {files} ({})",
            plural(outcome.actions, "action")
        )
    } else {
        format!(
            "{} in {files} ({})",
            parts.join(", "),
            plural(outcome.actions, "action")
        )
    }
}

/// `s` in an ANSI colour (`31` red, `33` yellow, `1` bold, `2` dim) when `color` is on.
pub fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The colour of a severity's name.
pub fn severity_color(severity: crate::plan::finding::Severity) -> &'static str {
    use crate::plan::finding::Severity;
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info | Severity::Off => "1;36",
    }
}

/// Text safe inside a Markdown table cell (plan text is untrusted: see `plan::escape`).
pub fn markdown_cell(s: &str) -> String {
    crate::plan::escape::markdown_cell(s)
}
