//! What `update`, `set` and `add` share: the mode their flags ask for, and showing what
//! `edit::run` did (the diff, the one-line summary, or the findings that refused the write).

use super::WriteArgs;
use crate::edit::{self, Checks, Command, CommitError, Mode};
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

/// Runs one editing command and shows what it did: exit 0, or 2 when the write was refused.
pub fn run(
    config: &Config,
    command: Command,
    write: &WriteArgs,
    color: bool,
) -> Result<ExitCode, Error> {
    let checks = Checks {
        config,
        as_of: super::as_of(write.as_of).date,
    };
    match edit::run(config, &command, &checks, write.mode()) {
        Ok(done) => super::print(&shown(&done.said)),
        Err(CommitError::Refused { name, gained }) => {
            refused(&name, &gained, color);
            Ok(ExitCode::from(2))
        }
        Err(CommitError::Failed(e)) => Err(e),
    }
}

/// Plan text for the terminal, line by line through `plan::escape::line` (the escaping `diff`
/// and `history` use): a summary's old and new values and a diff's lines are the plan's text,
/// and a control character in them is shown, not obeyed. Line ends are kept as they were.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for l in text.split_inclusive('\n') {
        let body = l.strip_suffix('\n').unwrap_or(l);
        let (body, end) = match body.strip_suffix('\r') {
            Some(b) => (b, &l[b.len()..]),
            None => (body, &l[body.len()..]),
        };
        out.push_str(&crate::plan::escape::line(body));
        out.push_str(end);
    }
    out
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
    super::term::error(format_args!(
        "{name}: not written: the change would add {} to the plan (shown above)",
        crate::plan::words::count(gained.findings.len(), "problem")
    ));
}
