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
    let mut fix_code = None;
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
            if args.fix {
                match fix(&config, &scope, &targets, as_of, &args, color)? {
                    Fixes::Shown(code) => {
                        for n in scope.notes() {
                            super::term::note(n);
                        }
                        return Ok(code);
                    }
                    Fixes::Written(code) => fix_code = code,
                }
            }
            // after --fix the plans are read as the fixes left them: the check shows what is left
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
    let code = if let Some(code) = fix_code {
        code
    } else if !outcome.unreadable.is_empty() {
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

enum Fixes {
    /// `--diff`: the fixes were shown, the check ends here with this code.
    Shown(ExitCode),
    /// The fixes were written; the check runs again (a code when a file could not be fixed).
    Written(Option<ExitCode>),
}

/// `check --fix [--unsafe-fixes] [--diff]`: applies the fixes through `edit::commit`, says how
/// many were made (on stderr, so `--format json` stays JSON), and shows refusals.
fn fix(
    config: &crate::workspace::config::Config,
    scope: &crate::git::scope::Scope,
    targets: &[crate::workspace::discover::Target],
    as_of: chrono::NaiveDate,
    args: &CheckArgs,
    color: bool,
) -> Result<Fixes, Error> {
    use crate::edit::fix::{fix, FixOptions};
    use crate::edit::{Checks, Mode};
    let check = |inputs| scope.recheck(inputs, config, as_of);
    let mode = if args.diff { Mode::Diff } else { Mode::Write };
    let done = fix(
        targets,
        &check,
        &Checks { config, as_of },
        FixOptions {
            unsafe_fixes: args.unsafe_fixes,
            mode,
        },
    )?;
    for (name, gained) in &done.refused {
        super::edit::refused(name, gained, color);
    }
    for e in &done.failed {
        super::term::error(e);
    }
    if mode == Mode::Diff {
        let diffs: String = done
            .committed
            .iter()
            .filter_map(|c| c.diff.as_deref())
            .collect();
        super::print(&diffs)?;
    }
    let n = done.total();
    let rules = done
        .fixed
        .iter()
        .map(|(rule, n)| format!("{rule} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let plans = done.committed.len();
    let fixes = |n: usize| format!("{n} finding{}", if n == 1 { "" } else { "s" });
    let files = format!("{plans} plan{}", if plans == 1 { "" } else { "s" });
    match (mode, n) {
        (_, 0) => super::term::note("nothing to fix"),
        (Mode::Diff, n) => super::term::note(format_args!(
            "would fix {} in {files} ({rules}); nothing written",
            fixes(n)
        )),
        (_, n) => super::term::note(format_args!("fixed {} in {files} ({rules})", fixes(n))),
    }
    if done.unsafe_left > 0 {
        let n = done.unsafe_left;
        super::term::note(format_args!(
            "{n} more finding{} can be fixed with --unsafe-fixes (look at the fixes with --diff first)",
            if n == 1 { "" } else { "s" }
        ));
    }
    let failed = !done.refused.is_empty() || !done.failed.is_empty();
    Ok(match mode {
        Mode::Diff if failed => Fixes::Shown(ExitCode::from(2)),
        Mode::Diff if n > 0 => Fixes::Shown(ExitCode::from(1)),
        Mode::Diff => Fixes::Shown(ExitCode::SUCCESS),
        _ => Fixes::Written(failed.then(|| ExitCode::from(2))),
    })
}
