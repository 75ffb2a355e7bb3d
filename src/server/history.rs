//! The server's one call into history: what the history rules (`silent-reschedule`,
//! `amber-drift`) know of the past, gathered when a plan is opened or saved, through the check
//! driver (`check::worktree_past`: the working tree compared with HEAD, as `planlint check`
//! does).
//!
//! May use: `check`, `git`, `lint`, `plan`, `workspace`.

use crate::lint::past::Past;
use crate::lint::past::Tracked;
use crate::lint::AsOf;
use crate::workspace::config::Config;
use chrono::NaiveDate;

/// The past of `plans` (checked from the working tree): `None` outside git or when no history
/// rule runs; an error says why the history rules are skipped.
pub fn gather(
    config: &Config,
    plans: &[&Tracked],
    as_of: NaiveDate,
) -> Result<Option<Past>, String> {
    let as_of = AsOf::given_or(Some(as_of), as_of);
    crate::check::worktree_past(config, crate::git::cache::Options::default(), plans, &as_of)
        .map_err(|e| e.to_string())
}
