//! What `update`, `set` and `add` share: the mode their flags ask for, and showing what
//! `edit::commit` did (the diff, the one-line summary, or the findings that refused the write).

use super::WriteArgs;
use crate::edit::{self, Change, Checks, CommitError, Mode};
use crate::output::{self, Format};
use crate::workspace::config::Config;
use crate::Error;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

impl WriteArgs {
    pub fn mode(&self) -> Mode {
        if self.diff {
            Mode::Diff
        } else if self.dry_run {
            Mode::DryRun
        } else {
            Mode::Write
        }
    }
}

/// Commits one change and shows the outcome: exit 0, or 2 when the write was refused.
pub fn commit(
    config: &Config,
    change: Change,
    write: &WriteArgs,
    color: bool,
) -> Result<ExitCode, Error> {
    let checks = Checks {
        config,
        as_of: super::as_of(write.as_of).date,
    };
    let mode = write.mode();
    match edit::commit(change, &checks, mode) {
        Ok(done) => {
            let text = match (&done.diff, done.changed, mode) {
                (Some(diff), _, _) => diff.clone(),
                (None, false, _) => format!("{}: nothing to change\n", done.name),
                (None, true, Mode::DryRun) => {
                    format!("{} (dry run: nothing written)\n", done.summary)
                }
                (None, true, _) => format!("{}\n", done.summary),
            };
            super::print(&text)
        }
        Err(CommitError::Refused { name, gained }) => {
            refused(&name, &gained, color);
            Ok(ExitCode::from(2))
        }
        Err(CommitError::Failed(e)) => Err(e),
    }
}

/// Shows the findings a change would add (on stderr: stdout is for the result), and says that
/// nothing was written.
pub fn refused(name: &str, gained: &crate::lint::check::Outcome, color: bool) {
    let mut err = std::io::stderr().lock();
    let format = if err.is_terminal() {
        Format::Human
    } else {
        Format::Concise
    };
    // a closed stderr must not stop the exit code saying what happened
    let _ = output::render(gained, format, color, &mut err).and_then(|()| err.flush());
    drop(err);
    let n = gained.findings.len();
    super::term::error(format_args!(
        "{name}: not written: the change would add {n} problem{} to the plan (shown above)",
        if n == 1 { "" } else { "s" }
    ));
}
