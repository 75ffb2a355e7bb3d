//! `path:line:col: severity[rule] message`: for editors, grep and quick reading.

use crate::lint::check::Outcome;
use crate::plan::escape::line;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, style: super::Style, out: &mut dyn Write) -> io::Result<()> {
    let paint = |code: &str, s: &str| super::paint(style.color, code, s);
    super::each_in_order(&outcome.findings, out, |f, buf| {
        writeln!(
            buf,
            "{}:{}:{}: {}[{}] {}",
            paint("1", &line(&f.file)),
            f.line,
            f.column,
            paint(super::severity_color(f.severity), f.severity.as_str()),
            paint("2", f.rule),
            line(&f.message)
        )
    })?;
    if style.summary {
        writeln!(out, "{}", super::summary_line(outcome))?;
    }
    Ok(())
}
