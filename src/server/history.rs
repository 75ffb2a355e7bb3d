//! The server's one call into git: what the history rules (`silent-reschedule`, `amber-drift`)
//! know of the past, gathered when a plan is opened or saved. The working tree is compared
//! with HEAD, as `planlint check` does. Kept to this one function so it follows wherever the
//! check driver's history pass moves.

use crate::git::{Repo, Side};
use crate::lint::check::history_rules;
use crate::lint::past::Past;
use crate::lint::Context;
use crate::plan::load::PlanFile;
use crate::workspace::config::Config;
use chrono::NaiveDate;

/// The past of `plans` (checked from the working tree): `None` outside git or when no history
/// rule runs; an error says why the history rules are skipped.
pub fn gather(
    config: &Config,
    plans: &[PlanFile],
    as_of: NaiveDate,
) -> Result<Option<Past>, String> {
    let cx = Context { as_of, config };
    let rules = history_rules(&cx);
    if rules.is_empty() || plans.is_empty() {
        return Ok(None);
    }
    let Some(repo) = Repo::find(config).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    let base = crate::git::scope::base_of(&repo, &Side::WorkTree);
    let start = repo.resolve("HEAD").ok().map(|r| r.commit);
    let wants_amber = rules.iter().any(|r| r.meta().name == "amber-drift");
    let past = crate::git::past::gather(
        &repo,
        config,
        base.as_ref(),
        start,
        plans,
        wants_amber,
        as_of,
        true,
        &[],
    )
    .map_err(|e| e.to_string())?;
    repo.cache().flush();
    Ok(Some(past))
}
