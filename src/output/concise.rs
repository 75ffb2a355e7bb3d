//! `path:line:col: severity[rule] message`: for editors, grep and quick reading.

use crate::lint::check::Outcome;
use crate::plan::escape::line;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for f in &outcome.findings {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            line(&f.file),
            f.line,
            f.column,
            f.severity,
            f.rule,
            line(&f.message)
        )?;
    }
    writeln!(out, "{}", super::summary_line(outcome))
}
