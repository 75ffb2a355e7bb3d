//! `planlint fmt [PATHS…] [--check] [--diff]`: the canonical layout (`edit::format`).

use super::{load_config, FmtArgs};
use crate::edit::format::{format_text, FormatError};
use crate::edit::{self, text, Change, Checks, CommitError, Mode};
use crate::Error;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run(config_path: &Option<std::path::PathBuf>, args: FmtArgs) -> Result<ExitCode, Error> {
    let config = load_config(config_path, args.paths.first())?;
    let targets = crate::workspace::discover::discover(&config, &args.paths)?;
    if targets.is_empty() {
        return Err(Error::Usage(format!(
            "{}; name the files or folders to format",
            config.none_found()
        )));
    }
    let checks = Checks {
        config: &config,
        as_of: super::as_of(None).date,
    };
    // the output is gathered, then written once (a closed pipe is handled by `to_stdout`)
    let mut out = String::new();
    let (mut changed, mut same, mut failed) = (0usize, 0usize, 0usize);
    // formatting is pure: every plan in parallel, then the results in order
    let formatted: Vec<_> = targets
        .par_iter()
        .map(|t| {
            let before = edit::target::read(&t.path)?;
            let after = format_text(&before);
            Ok::<_, Error>((before, after))
        })
        .collect();
    for (t, result) in targets.iter().zip(formatted) {
        let (before, after) = match result {
            Ok(pair) => pair,
            Err(e) => {
                super::term::error(e);
                failed += 1;
                continue;
            }
        };
        let after = match after {
            Ok(a) => a,
            Err(e @ FormatError::Syntax { .. }) => {
                super::term::error(format_args!(
                    "{}: {e}; `planlint fmt` needs valid TOML: fix it first (`{}` shows where)",
                    t.name,
                    crate::plan::escape::shell_line(&["planlint", "check", &t.name])
                ));
                failed += 1;
                continue;
            }
            Err(e) => {
                super::term::error(format_args!("{}: {e}", t.name));
                failed += 1;
                continue;
            }
        };
        if after == before {
            same += 1;
            continue;
        }
        changed += 1;
        if args.check {
            let _ = writeln!(out, "would reformat {}", t.name);
        } else if args.diff {
            out.push_str(&text::unified_diff(&t.name, &before, &after));
        } else {
            let change = Change {
                path: t.path.clone(),
                name: t.name.clone(),
                edits: vec![text::between(&before, &after)],
                before,
                summary: format!("{}: formatted", t.name),
            };
            match edit::commit(change, &checks, Mode::Write) {
                Ok(_) => {}
                Err(CommitError::Refused { name, gained }) => {
                    super::edit::refused(&name, &gained, false);
                    failed += 1;
                    changed -= 1;
                }
                Err(CommitError::Failed(e)) => {
                    super::term::error(e);
                    failed += 1;
                    changed -= 1;
                }
            }
        }
    }
    let plans = |n: usize| crate::plan::words::count(n, "plan");
    let summary = match (args.check || args.diff, changed) {
        (true, 0) => format!("{} already formatted", plans(same)),
        (true, n) => format!(
            "{} would be reformatted, {} already formatted",
            plans(n),
            same
        ),
        (false, n) => format!("{} formatted, {} already formatted", plans(n), same),
    };
    if args.diff {
        // the diff is the output: the count goes to stderr, out of its way
        super::term::note(summary);
    } else {
        let _ = writeln!(out, "{summary}");
    }
    // names and diff lines are the plans' text: shown escaped
    let out = super::edit::shown(&out);
    super::to_stdout(|o| o.write_all(out.as_bytes()))?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else if (args.check || args.diff) && changed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
