//! `planlint report FROM [TO]`: the review-cycle report, written to `--output` or stdout.

use super::ReportArgs;
use crate::git::Repo;
use crate::report::{self, Format};
use crate::workspace::config::Config;
use crate::Error;
use std::io::IsTerminal;
use std::process::ExitCode;

/// The `report` command: gather, render, write to `--output` or stdout. Progress goes to
/// stderr only when stderr is a terminal, so pipes and CI logs stay clean.
pub fn run(config: &Config, args: &ReportArgs) -> Result<ExitCode, Error> {
    let repo = Repo::open(config)?;
    let tty = std::io::stderr().is_terminal();
    let mut progress = |msg: &str| {
        if tty {
            super::term::progress(msg);
        }
    };
    let opts = report::Options {
        from: &args.from,
        to: args.to.as_deref(),
        as_of: args.as_of,
        cycles: args.cycles.as_deref(),
        today: chrono::Local::now().date_naive(),
    };
    let paper = report::gather(&repo, config, &opts, &mut progress);
    if tty {
        super::term::clear_progress();
    }
    let report::Gathered {
        report: paper,
        notes,
    } = paper?;
    let text = match args.format {
        Format::Markdown => report::markdown::render(&paper),
        Format::Html => report::html::render(&paper),
        Format::Json => report::json(&paper),
    };
    for n in &notes {
        super::term::note(n);
    }
    for e in &paper.unreadable {
        super::term::warning(format_args!("left out of the report, cannot read {e}"));
    }
    match &args.output {
        Some(path) => crate::workspace::files::write_atomic(path, text.as_bytes())?,
        None => super::to_stdout(|out| out.write_all(text.as_bytes()))?,
    }
    Ok(ExitCode::SUCCESS)
}
