//! `planlint report FROM [TO]`: the review-cycle report, written to `--output` or stdout; with
//! `--format pdf`, the HTML page printed by a headless Chromium found on `PATH`.

use super::ReportArgs;
use crate::git::Repo;
use crate::plan::escape::shell_word;
use crate::report::{self, Format};
use crate::workspace::config::Config;
use crate::Error;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// The `report` command: gather, render, write to `--output` or stdout. Progress goes to
/// stderr only when stderr is a terminal, so pipes and CI logs stay clean.
pub fn run(
    config: &Config,
    cache: crate::git::cache::Options,
    args: &ReportArgs,
    config_file: Option<&Path>,
) -> Result<ExitCode, Error> {
    if args.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::Usage(
            "--title is empty: give the programme's name, e.g. --title 'Crisis Care Concordat'"
                .into(),
        ));
    }
    // a plan or tracked file named by -o is refused before any work is done
    if let Some(path) = &args.output {
        super::guard_output(path, args.force, config)?;
    }
    // a PDF needs a file and a browser: say so before any work is done
    let chromium = match args.format {
        Format::Pdf => {
            if args.output.is_none() {
                return Err(Error::Usage(
                    "--format pdf writes a file: add --output FILE (e.g. -o board-paper.pdf)"
                        .into(),
                ));
            }
            let found = report::pdf::find(std::env::var_os("PATH").as_deref());
            Some(found.ok_or_else(|| {
                Error::Usage(format!(
                    "--format pdf needs Chromium to print the page, and none of {} is on PATH; install Chromium (e.g. `apt install chromium`), or use --format html and print the page from a browser",
                    report::pdf::NAMES.join(", ")
                ))
            })?)
        }
        Format::Docx if args.output.is_none() => {
            return Err(Error::Usage(
                "--format docx writes a file: add --output FILE (e.g. -o board-paper.docx)".into(),
            ))
        }
        _ => None,
    };
    if args.reference_docx.is_some() && args.format != Format::Docx {
        return Err(Error::Usage(
            "--reference-docx styles a Word document: add --format docx".into(),
        ));
    }
    // the template is read before any work, so a wrong path fails fast
    let reference = match &args.reference_docx {
        Some(p) => Some(report::docx::Reference::read(p)?),
        None => None,
    };
    let repo = Repo::open(config, cache)?;
    let tty = std::io::stderr().is_terminal();
    let mut progress = |msg: &str| {
        if tty {
            super::term::progress(msg);
        }
    };
    let title = args.title.clone().or_else(|| config.report_title.clone());
    let opts = report::Options {
        from: &args.from,
        to: args.to.as_deref(),
        as_of: super::as_of(args.as_of),
        since: args.since,
        cycles: args.cycles.as_deref(),
        findings: !args.no_findings,
        title,
        board: config.report_board.clone(),
        purpose: config.report_purpose.clone(),
        asks: config.report_asks.clone(),
    };
    let paper = report::gather(&repo, config, &opts, &mut progress);
    if tty {
        super::term::clear_progress();
    }
    let report::Gathered {
        report: mut paper,
        notes,
    } = paper?;
    paper.command = command(args, (paper.since, paper.as_of), config_file);
    for n in &notes {
        super::term::note(n);
    }
    for e in &paper.unreadable {
        super::term::warning(format_args!("left out of the report, cannot read {e}"));
    }
    if args.format == Format::Json && args.output.is_none() {
        return super::to_stdout(|out| report::write_json(&paper, out)).map(|()| ExitCode::SUCCESS);
    }
    let text = match args.format {
        Format::Markdown => report::markdown::render(&paper),
        Format::Html | Format::Pdf => report::html::render(&paper),
        Format::Json => report::json(&paper),
        Format::Docx => {
            let bytes = report::docx::render(&paper, reference.as_ref())?;
            if let Some(path) = &args.output {
                crate::workspace::files::write_atomic(path, &bytes)?;
            }
            return Ok(ExitCode::SUCCESS);
        }
    };
    match (&args.output, chromium) {
        (Some(path), Some(chromium)) => {
            if tty {
                super::term::progress(format_args!("printing the PDF with {}", chromium.display()));
            }
            let printed = report::pdf::print(&chromium, &text, path, report::pdf::TIMEOUT);
            if tty {
                super::term::clear_progress();
            }
            printed?;
        }
        (Some(path), None) => crate::workspace::files::write_atomic(path, text.as_bytes())?,
        (None, _) => super::to_stdout(|out| out.write_all(text.as_bytes()))?,
    }
    report::let_go((paper, text));
    Ok(ExitCode::SUCCESS)
}

/// The command that makes the same report again: both ends, the window the report used (so a
/// later run judges "overdue" the same way), and every option that shaped it.
fn command(
    args: &ReportArgs,
    (since, as_of): (chrono::NaiveDate, chrono::NaiveDate),
    config_file: Option<&Path>,
) -> String {
    let mut words = vec!["planlint".to_string()];
    if let Some(c) = config_file {
        words.push("--config".into());
        words.push(shell_word(&c.to_string_lossy()));
    }
    words.push("report".into());
    words.push(shell_word(&args.from));
    if let Some(to) = &args.to {
        words.push(shell_word(to));
    }
    // FROM's position date is what FROM's plans say, so it comes back by itself; a --since
    // the user gave is said
    if args.since.is_some() {
        words.push("--since".into());
        words.push(since.to_string());
    }
    words.push("--as-of".into());
    words.push(as_of.to_string());
    if let Some(c) = &args.cycles {
        words.push("--cycles".into());
        words.push(shell_word(c));
    }
    if let Some(t) = &args.title {
        words.push("--title".into());
        words.push(shell_word(t));
    }
    if args.no_findings {
        words.push("--no-findings".into());
    }
    let format = match args.format {
        Format::Markdown => "markdown",
        Format::Html => "html",
        Format::Json => "json",
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    };
    words.push("--format".into());
    words.push(format.into());
    if let Some(o) = &args.output {
        // the file's name, not where this run happened to put it
        let name = o.file_name().map_or_else(
            || o.to_string_lossy().into_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        words.push("-o".into());
        words.push(shell_word(&name));
    }
    if let Some(r) = &args.reference_docx {
        words.push("--reference-docx".into());
        words.push(shell_word(&r.to_string_lossy()));
    }
    words.join(" ")
}
