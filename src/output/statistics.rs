//! `check --statistics`: one line a rule that fired (count, rule, severity, whether the findings
//! can be fixed, summary), most frequent first, as ruff prints its statistics; or the same as JSON.

use crate::lint::check::Outcome;
use crate::plan::finding::Severity;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// One rule's count.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Row {
    pub rule: &'static str,
    pub severity: Severity,
    pub count: usize,
    /// How many of them `check --fix` (or `--fix --unsafe-fixes`) can repair.
    pub fixable: usize,
    pub summary: &'static str,
}

/// The rules that fired, most findings first, then by name.
pub fn rows(outcome: &Outcome) -> Vec<Row> {
    let mut by_rule: BTreeMap<&'static str, Row> = BTreeMap::new();
    for f in &outcome.findings {
        let row = by_rule.entry(f.rule).or_insert_with(|| Row {
            rule: f.rule,
            severity: f.severity,
            count: 0,
            fixable: 0,
            summary: crate::lint::find(f.rule).map_or("", |r| r.meta().summary),
        });
        row.count += 1;
        row.fixable += usize::from(f.fix.is_some());
        // a rule's findings share its severity; keep the worst should that ever change
        row.severity = row.severity.max(f.severity);
    }
    let mut rows: Vec<Row> = by_rule.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    rows
}

/// Text: `count  rule  severity  [*]  summary`, a line a rule (`[*]`: some can be fixed).
pub fn text(outcome: &Outcome, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(outcome);
    let width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    for r in &rows {
        let rule = format!("{:<width$}", r.rule);
        let severity = format!("{:<7}", r.severity.as_str());
        writeln!(
            out,
            "{:>count_width$}  {}  {}  {}  {}",
            r.count,
            super::paint(color, "1", &rule),
            super::paint(color, super::severity_color(r.severity), &severity),
            if r.fixable > 0 { "[*]" } else { "   " },
            r.summary
        )?;
    }
    Ok(())
}

/// JSON: `[{"rule", "severity", "count", "fixable", "summary"}]`.
pub fn json(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &rows(outcome)).map_err(io::Error::from)?;
    writeln!(out)
}
