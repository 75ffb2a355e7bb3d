//! `planlint report FROM [TO]`: the review-cycle report, written to `--output` or stdout; with
//! `--format pdf`, the HTML page printed by a headless Chromium found on `PATH`.

use super::ReportArgs;
use crate::git::Repo;
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
        _ => None,
    };
    let repo = Repo::open(config, cache)?;
    let tty = std::io::stderr().is_terminal();
    let mut progress = |msg: &str| {
        if tty {
            super::term::progress(msg);
        }
    };
    let title = args
        .title
        .clone()
        .or_else(|| config.report_title.clone())
        .unwrap_or_else(|| report::DEFAULT_TITLE.to_string());
    let opts = report::Options {
        from: &args.from,
        to: args.to.as_deref(),
        as_of: super::as_of(args.as_of),
        cycles: args.cycles.as_deref(),
        findings: !args.no_findings,
        title,
        board: config.report_board.clone(),
    };
    let paper = report::gather(&repo, config, &opts, &mut progress);
    if tty {
        super::term::clear_progress();
    }
    let report::Gathered {
        report: mut paper,
        notes,
    } = paper?;
    paper.command = command(args, paper.as_of, config_file);
    for n in &notes {
        super::term::note(n);
    }
    for e in &paper.unreadable {
        super::term::warning(format_args!("left out of the report, cannot read {e}"));
    }
    let text = match args.format {
        Format::Markdown => report::markdown::render(&paper),
        Format::Html | Format::Pdf => report::html::render(&paper),
        Format::Json => report::json(&paper),
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
    Ok(ExitCode::SUCCESS)
}

/// A word as a POSIX shell reads it back: plain words as they are, anything else in single
/// quotes.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:@=+,".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// The command that makes the same report again: both ends, the as-of date the report used
/// (so a later run judges "overdue" the same way), and every option that shaped it.
fn command(args: &ReportArgs, as_of: chrono::NaiveDate, config_file: Option<&Path>) -> String {
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
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_the_shell() {
        assert_eq!(shell_word("review-2015-12"), "review-2015-12");
        assert_eq!(shell_word("review-*"), "'review-*'");
        assert_eq!(shell_word("Board's paper"), r"'Board'\''s paper'");
        assert_eq!(shell_word(""), "''");
    }
}
