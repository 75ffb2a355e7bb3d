//! GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=rule::message` a
//! finding, shown as annotations on the pull request; and the Markdown job summary that the
//! command line appends to the file `GITHUB_STEP_SUMMARY` names (`step_summary`).

use crate::lint::check::Outcome;
use crate::plan::escape::{line, markdown_cell, markdown_code};
use crate::plan::finding::Severity;
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for f in &outcome.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Off => "notice",
        };
        // control characters are shown, not passed to the log (which acts on ANSI codes);
        // the workflow command's own escaping then keeps `::` and line breaks inert
        let mut message = line(&f.message).into_owned();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(&line(help));
        }
        writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            property(&line(&f.file)),
            f.line,
            f.column,
            property(f.rule),
            data(&message)
        )?;
    }
    writeln!(out, "{}", super::summary_line(outcome))
}

/// The Markdown the job summary shows: counts, then the findings as a table (capped).
pub fn step_summary(outcome: &Outcome) -> String {
    const MAX_ROWS: usize = 200;
    let s = crate::plan::finding::Summary::of(&outcome.findings);
    let mut md = format!(
        "### planlint check\n\n{}; as of {}.\n\n| errors | warnings | notes |\n|---:|---:|---:|\n| {} | {} | {} |\n\n",
        super::summary_line(outcome),
        outcome.as_of,
        s.error,
        s.warning,
        s.info
    );
    if !outcome.findings.is_empty() {
        md.push_str(
            "| severity | rule | where | plan / action | message |\n|---|---|---|---|---|\n",
        );
        for f in outcome.findings.iter().take(MAX_ROWS) {
            md.push_str(&format!(
                "| {} | `{}` | {} | {} / {} | {} |\n",
                f.severity,
                f.rule,
                markdown_code(&format!("{}:{}:{}", f.file, f.line, f.column)),
                markdown_cell(f.plan.as_deref().unwrap_or("–")),
                markdown_cell(f.action.as_deref().unwrap_or("–")),
                markdown_cell(&f.message)
            ));
        }
        if outcome.findings.len() > MAX_ROWS {
            md.push_str(&format!(
                "\n…and {} more; run `planlint check` locally for all.\n",
                outcome.findings.len() - MAX_ROWS
            ));
        }
        md.push('\n');
    }
    md
}

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
