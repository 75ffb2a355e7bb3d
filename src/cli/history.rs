//! `planlint history ACTION-ID [--plan ID]`: one action's rating, status and due date through git
//! history, newest first.

use super::HistoryArgs;
use crate::git::Repo;
use crate::output::history as view;
use crate::workspace::config::Config;
use crate::Error;
use std::io::Write;
use std::process::ExitCode;

/// `planlint history ACTION-ID [--plan ID]`.
pub fn run(config: &Config, args: HistoryArgs) -> Result<ExitCode, Error> {
    let repo = Repo::open(config)?;
    let start = repo.resolve(&args.rev)?;
    let t = crate::git::history::timeline(
        &repo,
        config,
        start.commit,
        &args.action,
        args.plan.as_deref(),
    )?;
    let mut out = std::io::stdout().lock();
    view::render(&t, args.format, &mut out)
        .and_then(|()| out.flush())
        .map_err(super::stdout_err)?;
    Ok(ExitCode::SUCCESS)
}
