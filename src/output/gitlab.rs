//! GitLab Code Quality JSON: an array of issues with a stable fingerprint each
//! (`output::fingerprint`: the finding's identity, never its line), so the merge-request widget
//! shows only the problems a change adds.

use crate::lint::check::Outcome;
use crate::plan::finding::Severity;
use serde_json::json;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let prints = super::fingerprint::fingerprints(outcome);
    let issues: Vec<_> = outcome
        .findings
        .iter()
        .zip(prints)
        .map(|(f, print)| {
            json!({
                "description": f.message,
                // what to do (null when nothing to say), as the other formats show it
                "help": f.help,
                "check_name": f.rule,
                "fingerprint": print,
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info | Severity::Off => "info",
                },
                "location": {"path": &*f.file, "lines": {"begin": f.line.max(1)}},
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
