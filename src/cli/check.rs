//! `planlint check`: validate and lint plans, from disk, a commit or the index.

use super::{load_config, CheckArgs};
use crate::output::{self, Format};
use crate::Error;
use std::io::IsTerminal;
use std::process::ExitCode;

/// `planlint check`: read the plans (from disk, a commit or the index), lint them, render.
pub fn run(
    config_path: &Option<std::path::PathBuf>,
    args: CheckArgs,
    color: bool,
) -> Result<ExitCode, Error> {
    let config = load_config(config_path, args.paths.first())?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut scope = crate::git::scope::Scope::open(
        &config,
        args.rev.as_deref(),
        args.staged,
        args.changed_since.as_deref(),
    )?;
    let inputs = match scope.inputs(&config, &args.paths)? {
        Some(inputs) => inputs,
        None => {
            let found = crate::workspace::discover::find(&config, &args.paths)?;
            for skipped in &found.skipped {
                super::term::note(skipped);
            }
            let targets = scope.worktree_targets(&config, found.targets, &args.paths);
            if targets.is_empty() {
                for n in scope.notes() {
                    super::term::note(n);
                }
                let globs = config.include.join(", ");
                return Err(Error::Usage(format!(
                    "no plan files found (looked for {globs} under {}); name files or folders to check, or set [plans] include in planlint.toml",
                    config.root.display()
                )));
            }
            crate::workspace::discover::read_targets(&targets)
        }
    };
    let checked = scope.check(inputs, &config, as_of);
    for n in &checked.notes {
        super::term::note(n);
    }
    let outcome = checked.outcome;
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Human
    } else {
        Format::Concise
    });
    super::to_stdout(|out| output::render(&outcome, format, color, out))?;
    if format == Format::Github {
        if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            // the runner's protocol is to append; planlint appends by writing the whole file
            // anew beside it and renaming, like every file it writes
            crate::workspace::files::append_atomic(
                std::path::Path::new(&path),
                output::github::step_summary(&outcome).as_bytes(),
            )?;
        }
    }
    for e in &outcome.unreadable {
        super::term::error(format_args!("cannot read {e}"));
    }
    let code = if !outcome.unreadable.is_empty() {
        ExitCode::from(2)
    } else if outcome.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // the process is about to exit: freeing every plan one allocation at a time costs about 5%
    // of a large check's wall time for nothing (ripgrep and ruff skip it the same way)
    std::mem::forget(outcome);
    Ok(code)
}
