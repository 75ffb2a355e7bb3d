//! GitLab Code Quality JSON: an array of issues with a stable fingerprint each, so GitLab can
//! tell new problems from old ones between pipelines.

use crate::lint::check::Outcome;
use crate::plan::finding::Severity;
use serde_json::json;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let issues: Vec<_> = outcome
        .findings
        .iter()
        .map(|f| {
            // no line number in the fingerprint: an unrelated edit above must not make it "new"
            let key = format!(
                "{}\0{}\0{}\0{}",
                f.rule,
                f.file,
                f.action.as_deref().unwrap_or(""),
                f.message
            );
            json!({
                "description": f.message,
                // what to do (null when nothing to say), as the other formats show it
                "help": f.help,
                "check_name": f.rule,
                "fingerprint": format!("{:016x}", fnv1a(key.as_bytes())),
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info | Severity::Off => "info",
                },
                "location": {"path": f.file, "lines": {"begin": f.line.max(1)}},
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// FNV-1a: small, stable across Rust versions and platforms (std's hasher is neither).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
