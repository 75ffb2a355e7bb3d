//! `planlint check`: validate and lint plans, from disk, a commit or the index.

use super::settings::{self, Origin};
use super::{load_config, CheckArgs, Color};
use crate::check::{Job, Judge, Request, Source};
use crate::output::{self, Format};
use crate::workspace::config::{resolve_selectors, Selection};
use crate::Error;
use std::io::IsTerminal;
use std::process::ExitCode;

/// `planlint check`: read the plans (from disk, a commit or the index), lint them, render.
pub fn run(
    config_path: &Option<std::path::PathBuf>,
    config_origin: &Origin,
    color_flag: Color,
    cache: crate::git::cache::Options,
    args: CheckArgs,
) -> Result<ExitCode, Error> {
    let mut config = load_config(config_path, args.paths.first())?;
    let file_deselected = config.deselected.clone();
    let file_severities = config.severities.clone();
    // the command line's selection, applied over the file's
    let rules = crate::lint::names();
    let cli_selection = Selection {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    for (flag, list) in [
        ("--select", args.select.as_deref().unwrap_or_default()),
        ("--extend-select", &args.extend_select[..]),
        ("--ignore", &args.ignore[..]),
    ] {
        resolve_selectors(list, &rules).map_err(|m| Error::Usage(format!("{flag}: {m}")))?;
    }
    config
        .select(&cli_selection, &rules, true)
        .map_err(|(_, m)| Error::Usage(m))?;
    config.strict = args.strict;
    let tty = args.output_file.is_none() && std::io::stdout().is_terminal();
    let (format, format_origin) = settings::check_format(args.format, tty)?;
    let (color, color_origin) = match &args.output_file {
        // a file gets colour only when --color always asks for it
        Some(_) if color_flag != Color::Always => (false, Origin::CommandLine("--output-file")),
        _ => settings::color(color_flag, tty),
    };
    let as_of = super::as_of(args.as_of);
    if args.show_settings {
        let text = settings::show(&settings::Shown {
            config: &config,
            config_origin,
            file_deselected: &file_deselected,
            file_severities: &file_severities,
            format: (format, format_origin),
            color: (color, color_origin),
            as_of: (
                as_of.date,
                if args.as_of.is_some() {
                    Origin::CommandLine("--as-of")
                } else {
                    Origin::Default
                },
            ),
            cli_selection: &cli_selection,
        });
        super::emit(args.output_file.as_deref(), args.force, &config, |out| {
            out.write_all(text.as_bytes())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.show_files {
        let listed = crate::workspace::discover::explain(&config, &args.paths, args.force_exclude)?;
        let width = listed
            .iter()
            .map(|l| l.name.chars().count())
            .max()
            .unwrap_or(0);
        let mut text = String::new();
        for l in &listed {
            text.push_str(&format!(
                "{:<width$}  {:<8}  {}\n",
                crate::plan::escape::line(&l.name),
                if l.plan { "plan" } else { "not plan" },
                l.why
            ));
        }
        let plans = listed.iter().filter(|l| l.plan).count();
        text.push_str(&format!(
            "{} ({} under {})\n",
            crate::plan::words::count(plans, "plan file"),
            config.include.join(", "),
            config.root.display()
        ));
        super::emit(args.output_file.as_deref(), args.force, &config, |out| {
            out.write_all(text.as_bytes())
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    // --quiet and --silent leave out planlint's notes (warnings and errors still show)
    let term = super::term::Notes {
        quiet: args.quiet || args.silent,
    };
    let source = match (&args.rev, args.staged) {
        (Some(_), true) => {
            return Err(Error::Usage(
                "--rev and --staged cannot be used together: check one or the other".into(),
            ))
        }
        (Some(r), false) => Source::Commit(r.clone()),
        (None, true) => Source::Index,
        (None, false) => Source::Disk,
    };
    let judge = match (
        &args.new_from_rev,
        &args.new_from_merge_base,
        args.judge.as_deref(),
    ) {
        (Some(r), _, _) => Judge::NewFromRev(r.clone()),
        (_, Some(r), _) => Judge::NewFromMergeBase(r.clone()),
        (_, _, Some("new")) => Judge::New,
        (_, _, Some(_)) => Judge::All,
        _ => Judge::Default,
    };
    if args.fix && judge != Judge::Default && judge != Judge::All {
        return Err(Error::Usage(
            "--fix repairs every finding it can: it cannot be used with --new-from-rev, --new-from-merge-base or --judge new".into(),
        ));
    }
    let request = Request {
        source,
        changed_since: args.changed_since.as_deref(),
        judge,
        as_of,
        cache,
    };
    let mut job = Job::open(&config, request)?;
    if let Some(b) = super::baseline::read(&config)? {
        job.set_baseline(b);
    }
    let mut fix_code = None;
    let inputs = match job.inputs(&config, &args.paths)? {
        Some(inputs) => inputs,
        None => {
            let mut found = crate::workspace::discover::find(&config, &args.paths)?;
            if args.force_exclude {
                // pre-commit names each staged file: `[plans] exclude` still applies to them
                found.targets.retain(|t| {
                    crate::workspace::discover::excluded_by(&config, &t.path).is_none()
                });
                if found.targets.is_empty() && !args.paths.is_empty() {
                    return Ok(ExitCode::SUCCESS);
                }
            }
            for skipped in &found.skipped {
                term.note(skipped);
            }
            let targets = job.worktree_targets(&config, found.targets, &args.paths);
            if targets.is_empty() {
                for n in job.notes() {
                    term.note(n);
                }
                return Err(Error::Usage(format!(
                    "{}; name files or folders to check, or set [plans] include in planlint.toml",
                    config.none_found()
                )));
            }
            if args.fix {
                match fix(&config, &job, &targets, &args, color, term)? {
                    Fixes::Shown(code) => {
                        for n in job.notes() {
                            term.note(n);
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
    let checked = job.finish(inputs, &config)?;
    for n in &checked.notes {
        term.note(n);
    }
    let outcome = checked.outcome;
    let style = output::Style {
        color,
        summary: !args.quiet,
    };
    if !(args.silent && args.output_file.is_none()) {
        super::emit(
            args.output_file.as_deref(),
            args.force,
            &config,
            |out| match (args.statistics, format) {
                (true, Format::Json) => output::statistics::json(&outcome, out),
                (true, _) => output::statistics::text(&outcome, color, out),
                (false, _) => output::render_styled(&outcome, format, style, out),
            },
        )?;
    }
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
    } else if outcome.has_errors() && !args.exit_zero {
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
    job: &Job,
    targets: &[crate::workspace::discover::Target],
    args: &CheckArgs,
    color: bool,
    term: super::term::Notes,
) -> Result<Fixes, Error> {
    use crate::edit::fix::{fix, FixOptions};
    use crate::edit::{Checks, Mode};
    let check = |inputs| job.recheck(inputs, config).outcome;
    let as_of = job.as_of().date;
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
        super::print(&super::edit::shown(&diffs))?;
    }
    let n = done.total();
    let rules = done
        .fixed
        .iter()
        .map(|(rule, n)| format!("{rule} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let plans = done.committed.len();
    let fixes = |n: usize| crate::plan::words::count(n, "finding");
    let files = crate::plan::words::count(plans, "plan");
    match (mode, n) {
        (_, 0) => term.note("nothing to fix"),
        (Mode::Diff, n) => term.note(format_args!(
            "would fix {} in {files} ({rules}); nothing written",
            fixes(n)
        )),
        (_, n) => term.note(format_args!("fixed {} in {files} ({rules})", fixes(n))),
    }
    if done.unsafe_left > 0 {
        term.note(format_args!(
            "{} can be fixed with --unsafe-fixes (look at the fixes with --diff first)",
            crate::plan::words::count_as(done.unsafe_left, "more finding", "more findings")
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
