//! `planlint history ACTION-ID [--plan ID]`: one action's rating, status and due date through git
//! history, newest first.

use super::HistoryArgs;
use crate::git::Repo;
use crate::output::history as view;
use crate::workspace::config::Config;
use crate::Error;
use std::process::ExitCode;

/// `planlint history ACTION-ID [--plan ID]`.
pub fn run(
    config: &Config,
    cache: crate::git::cache::Options,
    args: HistoryArgs,
    color: bool,
) -> Result<ExitCode, Error> {
    let repo = Repo::open(config, cache)?;
    let start = repo.resolve(&args.rev)?;
    let t = crate::git::history::timeline(
        &repo,
        config,
        start.commit,
        &args.action,
        args.plan.as_deref(),
    )?;
    super::emit(args.output_file.as_deref(), args.force, config, |out| {
        view::render(&t, args.format, color, out)
    })?;
    Ok(ExitCode::SUCCESS)
}
