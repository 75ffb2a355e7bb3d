//! `planlint baseline [--prune]`: writes `planlint-baseline.toml` (the findings the plans have
//! now, which `check` then leaves out), and `read`, the file as `check` reads it. The data and
//! the matching are `lint::baseline`'s; the file is read and written here, at the edge.

use super::BaselineArgs;
use crate::check::{Job, Request, Source};
use crate::lint::baseline::{self, Baseline};
use crate::lint::Context;
use crate::workspace::config::Config;
use crate::Error;
use std::path::PathBuf;
use std::process::ExitCode;

/// The largest baseline planlint reads: far more than any real one (a line is about 100 bytes).
const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Where the baseline is: beside `planlint.toml` (the configuration root).
fn path(config: &Config) -> PathBuf {
    config.root.join(baseline::FILE)
}

/// The baseline, when there is one; a file that cannot be read or is not a baseline stops the
/// check (exit 2): silently checking without it would show every old finding as new.
pub fn read(config: &Config) -> Result<Option<Baseline>, Error> {
    let path = path(config);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let name = crate::workspace::discover::display_name(&config.repo_root, &path);
    let bytes = crate::workspace::files::read_regular(&path, MAX_BYTES + 1).map_err(|source| {
        Error::Io {
            path: path.clone(),
            source,
        }
    })?;
    if bytes.len() > MAX_BYTES {
        return Err(Error::Usage(format!(
            "{}: larger than {} MiB: not a baseline planlint wrote",
            crate::plan::escape::line(&name),
            MAX_BYTES >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::Usage(format!(
            "{}: not UTF-8 text",
            crate::plan::escape::line(&name)
        ))
    })?;
    Baseline::parse(name.clone(), text).map(Some).map_err(|e| {
        Error::Usage(format!(
            "{}:{}; `planlint baseline` writes it anew",
            crate::plan::escape::line(&name),
            crate::plan::escape::line(&e)
        ))
    })
}

/// `planlint baseline`: checks every plan (the history rules too, no baseline, no `--strict`)
/// and writes what it found; `--prune` keeps only the lines that still match a finding.
pub fn run(
    config: &Config,
    cache: crate::git::cache::Options,
    args: BaselineArgs,
) -> Result<ExitCode, Error> {
    let term = super::term::Notes { quiet: false };
    let old = if args.prune {
        Some(read(config)?.ok_or_else(|| {
            Error::Usage(format!(
                "no {} in {} to prune: `planlint baseline` writes one",
                baseline::FILE,
                config.root.display()
            ))
        })?)
    } else {
        None
    };
    let as_of = super::as_of(args.as_of);
    let date = as_of.date;
    let mut job = Job::open(
        config,
        Request {
            source: Source::Disk,
            changed_since: None,
            judge: crate::check::Judge::All,
            as_of,
            cache,
        },
    )?;
    let found = crate::workspace::discover::find(config, &[])?;
    for skipped in &found.skipped {
        term.note(skipped);
    }
    let targets = job.worktree_targets(config, found.targets, &[]);
    if targets.is_empty() {
        return Err(Error::Usage(format!(
            "{}: there is nothing to record",
            config.none_found()
        )));
    }
    let inputs = crate::workspace::discover::read_targets(&targets);
    let checked = job.finish(inputs, config)?;
    for n in &checked.notes {
        term.note(n);
    }
    let outcome = checked.outcome;
    if !outcome.unreadable.is_empty() {
        for e in &outcome.unreadable {
            super::term::error(format_args!("cannot read {e}"));
        }
        // a baseline without an unreadable plan's findings would lose their lines
        super::term::error(format_args!("{} not written", baseline::FILE));
        return Ok(ExitCode::from(2));
    }
    let cx = Context {
        as_of: date,
        config,
    };
    let entries = match &old {
        Some(old) => old.prune(&outcome, &cx),
        None => baseline::entries(&outcome, &cx),
    };
    let path = path(config);
    crate::workspace::files::write_atomic(&path, baseline::render(&entries).as_bytes())?;
    let findings = |n: usize| crate::plan::words::count(n, "finding");
    let plans = entries
        .iter()
        .map(|e| &e.key.plan)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    match &old {
        Some(old) => term.note(format_args!(
            "pruned {} from {}: {} left",
            crate::plan::words::count(
                old.entries.len() - entries.len().min(old.entries.len()),
                "line"
            ),
            baseline::FILE,
            findings(entries.len())
        )),
        None => term.note(format_args!(
            "wrote {}: {} in {}; `planlint check` leaves them out",
            baseline::FILE,
            findings(entries.len()),
            crate::plan::words::count(plans, "plan")
        )),
    }
    Ok(ExitCode::SUCCESS)
}
