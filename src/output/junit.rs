//! JUnit XML for CI systems that show test reports: one test case per plan file, failing with
//! one `<failure>` per finding at error severity. Warnings and notes go to the test case's
//! `<system-out>`, so the report's red and green match the exit code (1 only for errors).

use crate::lint::check::Outcome;
use crate::plan::escape::line;
use crate::plan::finding::{Finding, Severity};
use quick_xml::escape::escape;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = outcome
        .sources
        .keys()
        .map(|k| (k.as_str(), Vec::new()))
        .collect();
    for f in &outcome.findings {
        by_file.entry(&*f.file).or_default().push(f);
    }
    let failing = |fs: &Vec<&Finding>| fs.iter().any(|f| f.severity == Severity::Error);
    let failures = by_file.values().filter(|fs| failing(fs)).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="planlint" tests="{}" failures="{failures}">"#,
        by_file.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="planlint check" tests="{}" failures="{failures}" errors="0" skipped="0">"#,
        by_file.len()
    )?;
    for (file, findings) in &by_file {
        // XML 1.0 cannot hold most control characters, even as references: show them
        let file = escape(line(file));
        writeln!(
            out,
            r#"    <testcase classname="planlint" name="{file}" file="{file}">"#
        )?;
        for f in findings.iter().filter(|f| f.severity == Severity::Error) {
            let body = format!(
                "{}:{}:{}: {}[{}] {}",
                line(&f.file),
                f.line,
                f.column,
                f.severity,
                f.rule,
                line(&f.message)
            );
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                f.rule,
                escape(line(&f.message)),
                escape(body.as_str())
            )?;
        }
        let notes: Vec<String> = findings
            .iter()
            .filter(|f| f.severity < Severity::Error)
            .map(|f| {
                let level = match f.severity {
                    Severity::Warning => "warning",
                    _ => "note",
                };
                format!(
                    "{}:{}:{}: {level}[{}] {}",
                    line(&f.file),
                    f.line,
                    f.column,
                    f.rule,
                    line(&f.message)
                )
            })
            .collect();
        if !notes.is_empty() {
            writeln!(
                out,
                "      <system-out>{}</system-out>",
                escape(notes.join("\n").as_str())
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>\n</testsuites>")
}
