//! Edits that keep a plan's layout: the canonical formatter (`format`), the commands that record
//! progress, re-plan and add actions (`update`, `set`, `add` in `commands`), and `check --fix`
//! (`fix`). They share one edit layer, ruff's model:
//!
//! - a command or a fix produces edits as data (`plan::fix::Edit`: a byte range of the plan's
//!   text and what goes there), so every byte no edit names stays exactly as it was, comments
//!   and layout included; the commands find where to edit with `toml_edit`'s spans (`locate`);
//! - ONE function, `commit`, applies them, checks the plan it would write (refusing one that
//!   would gain an error), and shows, previews or writes the result atomically;
//! - `run` is a whole editing command: it finds the plan, holds it (`target::hold`: a lock, so
//!   two planlints editing one plan never lose an update), builds the edits from the text as
//!   held, and commits them.
//!
//! May use: `plan`, `workspace`, `lint`, `diff`, `git`. Prints nothing: the command line shows
//! what `run` and `commit` hand back (`Committed::said`).

pub mod commands;
pub mod fix;

pub mod format;
pub mod locate;
#[cfg(test)]
mod props;
pub mod target;
pub mod text;

use crate::lint::check::Outcome;
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::Edit;
use crate::plan::load::Input;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::PathBuf;

/// What to do with an edited plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Check it and write it.
    Write,
    /// Check it and say what would change, writing nothing.
    DryRun,
    /// Check it and show the change as a unified diff, writing nothing.
    Diff,
}

/// One plan file and the edits to make to it.
#[derive(Debug, Clone)]
pub struct Change {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// The name it is shown by (repository-relative, `/`).
    pub name: String,
    /// Its text as read.
    pub before: String,
    pub edits: Vec<Edit>,
    /// What the edits do, in a few words ("action 3.2: new update dated 2015-12-01").
    pub summary: String,
}

/// An editing command of the command line, as data.
#[derive(Debug, Clone)]
pub enum Command {
    Update(commands::UpdateOptions),
    Set(commands::SetOptions),
    Add(commands::AddOptions),
}

/// What `commit` did with a change.
#[derive(Debug)]
pub struct Committed {
    pub name: String,
    pub summary: String,
    /// What happened, in words for the terminal: the diff (`Mode::Diff`), else one line (the
    /// summary, "(dry run: nothing written)", or "nothing to change"). Raw plan text: the
    /// command line escapes it.
    pub said: String,
    /// The text with the edits made.
    pub after: String,
    /// The unified diff (with `Mode::Diff`; empty when nothing changed).
    pub diff: Option<String>,
    /// True when the file was written.
    pub written: bool,
    /// False when the edits change nothing.
    pub changed: bool,
}

/// Why `commit` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// The plan would gain an error: the findings it would gain, placed in the edited text.
    #[error("{name}: not written: the change would add {} problem(s) to the plan", gained.findings.len())]
    Refused { name: String, gained: Box<Outcome> },
    #[error(transparent)]
    Failed(#[from] Error),
}

/// What the check before writing judges by.
pub struct Checks<'a> {
    pub config: &'a Config,
    pub as_of: NaiveDate,
}

/// The rules whose findings an edit may never add, whatever their configured severity: the plan
/// must stay TOML, fit the schema, rate on the scale and have timescales planlint can read.
const ALWAYS_REFUSED: &[&str] = &[
    crate::plan::load::SYNTAX,
    crate::plan::schema::RULE,
    "rag-unknown",
    "unparsed-timescale",
];

/// Runs an editing command: finds its plan, holds it while the edits are built from the text
/// as held, checked and written (`commit`), so an edit that succeeds is in the file whatever
/// other planlints do at the same time.
pub fn run(
    config: &Config,
    command: &Command,
    checks: &Checks<'_>,
    mode: Mode,
) -> Result<Committed, CommitError> {
    let found = match command {
        Command::Update(o) => target::action(config, &o.action, o.plan.as_deref())?,
        Command::Set(o) => target::action(config, &o.action, o.plan.as_deref())?,
        Command::Add(o) => target::plan_or_only(config, o.plan.as_deref())?,
    };
    let held = target::hold(&found.path)?;
    let found = target::Found {
        text: held.text.clone(),
        ..found
    };
    let change = match command {
        Command::Update(o) => commands::update(config, o, found)?,
        Command::Set(o) => commands::set(config, o, found)?,
        Command::Add(o) => commands::add(config, o, found)?,
    };
    let done = apply(change, checks, mode);
    // the lock is let go only after the new text has replaced the old
    drop(held);
    done
}

/// The one place edits are applied: applies `change.edits`, checks the plan it would write
/// against the plan as it was (refused when it gains an error finding, or any finding of the
/// rules in `ALWAYS_REFUSED`), then writes it atomically (`Mode::Write`), or only says what
/// would change (`DryRun`), or returns the unified diff (`Diff`). A write holds the file
/// (`target::hold`) and refuses when it no longer holds `change.before` (another program
/// changed it since it was read).
pub fn commit(change: Change, checks: &Checks<'_>, mode: Mode) -> Result<Committed, CommitError> {
    if mode != Mode::Write {
        return apply(change, checks, mode);
    }
    let held = target::hold(&change.path)?;
    if held.text != change.before {
        return Err(Error::Usage(format!(
            "{}: not written: the file changed while planlint was working on it; run the command again",
            change.name
        ))
        .into());
    }
    let done = apply(change, checks, mode);
    drop(held);
    done
}

/// `commit` for many plans at once, all or none: every change is applied and checked (plans in
/// parallel, each checked once) before any is written; then, with `Mode::Write`, every changed
/// file is held (`target::hold`), and written only when none changed since it was read. The
/// first refusal, in the order given, stops the lot.
pub fn commit_all(
    changes: Vec<Change>,
    checks: &Checks<'_>,
    mode: Mode,
) -> Result<Vec<Committed>, CommitError> {
    use rayon::prelude::*;
    let paths: Vec<(PathBuf, String, String)> = changes
        .iter()
        .map(|c| (c.path.clone(), c.name.clone(), c.before.clone()))
        .collect();
    let prepared: Vec<Result<Committed, CommitError>> = changes
        .into_par_iter()
        .map(|c| prepare(c, checks, mode))
        .collect();
    let mut done = Vec::with_capacity(prepared.len());
    for p in prepared {
        done.push(p?);
    }
    if mode != Mode::Write {
        return Ok(done);
    }
    // hold every file to be written, and see that none changed since it was read
    let mut held = Vec::new();
    for ((path, name, before), d) in paths.iter().zip(&done) {
        if !d.changed {
            continue;
        }
        let h = target::hold(path)?;
        if &h.text != before {
            return Err(Error::Usage(format!(
                "{name}: not written: the file changed while planlint was working on it; run the command again"
            ))
            .into());
        }
        held.push(h);
    }
    for ((path, _, _), d) in paths.iter().zip(done.iter_mut()) {
        if d.changed {
            crate::workspace::files::write_atomic(path, d.after.as_bytes())?;
            d.written = true;
        }
    }
    drop(held);
    Ok(done)
}

fn apply(change: Change, checks: &Checks<'_>, mode: Mode) -> Result<Committed, CommitError> {
    let path = change.path.clone();
    let mut done = prepare(change, checks, mode)?;
    if mode == Mode::Write && done.changed {
        crate::workspace::files::write_atomic(&path, done.after.as_bytes())?;
        done.written = true;
    }
    Ok(done)
}

/// A change applied and checked, and what it would do said, nothing written.
fn prepare(change: Change, checks: &Checks<'_>, mode: Mode) -> Result<Committed, CommitError> {
    let edits = text::with_line_ends(&change.before, change.edits);
    let after = text::apply(&change.before, &edits)
        .map_err(|e| Error::Usage(format!("{}: {e}", change.name)))?;
    let changed = after != change.before;
    if changed {
        let gained = gained(&change.name, &change.before, &after, checks);
        if !gained.findings.is_empty() {
            return Err(CommitError::Refused {
                name: change.name,
                gained: Box::new(gained),
            });
        }
    }
    let diff =
        (mode == Mode::Diff).then(|| text::unified_diff(&change.name, &change.before, &after));
    let said = match (&diff, changed, mode) {
        (Some(diff), _, _) => diff.clone(),
        (None, false, _) => format!("{}: nothing to change\n", change.name),
        (None, true, Mode::DryRun) => format!("{} (dry run: nothing written)\n", change.summary),
        (None, true, _) => format!("{}\n", change.summary),
    };
    Ok(Committed {
        name: change.name,
        summary: change.summary,
        said,
        after,
        diff,
        written: false,
        changed,
    })
}

/// The findings `after` has that `before` has not, among those that block a write. Findings are
/// compared by identity (`Identity`: plan, action, rule, field), never by line or count, so
/// that lines moving, or a value changing from one wrong value to another, is not a new
/// problem. A plan that failed to load before (invalid TOML, or outside the schema) was never
/// given to the rules: what they find once an edit repairs it was hidden, not added, so only
/// the loading rules' findings can be gained then.
fn gained(name: &str, before: &str, after: &str, checks: &Checks<'_>) -> Outcome {
    let run = |text: &str| {
        crate::lint::check::check(
            vec![Input {
                name: name.to_string(),
                bytes: Ok(text.as_bytes().to_vec()),
            }],
            checks.config,
            checks.as_of,
        )
    };
    let loading =
        |rule: &str| rule == crate::plan::load::SYNTAX || rule == crate::plan::schema::RULE;
    let blocks = |f: &Finding| f.severity == Severity::Error || ALWAYS_REFUSED.contains(&f.rule);
    // the two checks are independent: one on each core
    let (was, mut outcome) = rayon::join(|| run(before), || run(after));
    let linted = !was
        .findings
        .iter()
        .any(|f| loading(f.rule) && f.severity == Severity::Error);
    let mut seen: HashMap<crate::plan::finding::Identity, usize> = HashMap::new();
    for f in was.findings.iter().filter(|f| blocks(f)) {
        *seen.entry(f.identity(before)).or_default() += 1;
    }
    outcome.findings.retain(|f| {
        if !blocks(f) || !(linted || loading(f.rule)) {
            return false;
        }
        match seen.get_mut(&f.identity(after)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    });
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n\n[[actions]]\nid = \"1\"\ntitle = \"a\"\nleads = [\"Mind\"] # the lead\nstatus = \"in-progress\"\nrag = \"amber\"\n";

    fn change(dir: &std::path::Path, edits: Vec<Edit>) -> Change {
        let path = dir.join("p.toml");
        std::fs::write(&path, PLAN).expect("write");
        Change {
            path,
            name: "plans/p.toml".into(),
            before: PLAN.into(),
            edits,
            summary: "plans/p.toml: a change".into(),
        }
    }

    fn checks(config: &Config) -> Checks<'_> {
        Checks {
            config,
            as_of: "2015-12-01".parse().expect("date"),
        }
    }

    #[test]
    fn a_good_edit_is_written_and_its_diff_shown_only_when_asked() {
        let dir = tempfile::tempdir().expect("dir");
        let config = Config::defaults(dir.path().to_path_buf());
        let rag = PLAN.find("\"amber\"").expect("rag");
        let edit = Edit::replace(rag..rag + 7, "\"red\"");
        let done = commit(
            change(dir.path(), vec![edit.clone()]),
            &checks(&config),
            Mode::Diff,
        )
        .expect("commit");
        assert!(!done.written && done.changed);
        assert!(done
            .diff
            .as_deref()
            .is_some_and(|d| d.contains("-rag = \"amber\"\n+rag = \"red\"\n")));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("p.toml")).expect("read"),
            PLAN
        );
        let done = commit(
            change(dir.path(), vec![edit]),
            &checks(&config),
            Mode::Write,
        )
        .expect("commit");
        assert!(done.written);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("p.toml")).expect("read"),
            PLAN.replace("\"amber\"", "\"red\"")
        );
    }

    #[test]
    fn an_edit_that_adds_an_error_or_an_unknown_rating_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let config = Config::defaults(dir.path().to_path_buf());
        let rag = PLAN.find("\"amber\"").expect("rag");
        let status = PLAN.find("\"in-progress\"").expect("status");
        for edits in [
            // complete but amber: rag-complete-mismatch
            vec![Edit::replace(status..status + 13, "\"complete\"")],
            // not on the scale
            vec![Edit::replace(rag..rag + 7, "\"purple\"")],
            // not TOML
            vec![Edit::insert(0, "[")],
        ] {
            match commit(
                change(dir.path(), edits.clone()),
                &checks(&config),
                Mode::Write,
            ) {
                Err(CommitError::Refused { gained, .. }) => {
                    assert_eq!(gained.findings.len(), 1, "{edits:?}: {:?}", gained.findings)
                }
                other => panic!("{edits:?}: {other:?}"),
            }
            assert_eq!(
                std::fs::read_to_string(dir.path().join("p.toml")).expect("read"),
                PLAN
            );
        }
    }

    #[test]
    fn run_finds_the_plan_edits_writes_and_says_what_it_did() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
        std::fs::write(dir.path().join("planlint.toml"), "").expect("config");
        std::fs::write(dir.path().join("plans/p.toml"), PLAN).expect("write");
        let config = Config::discover(dir.path(), &crate::lint::names()).expect("config");
        let command = Command::Set(commands::SetOptions {
            action: "1".into(),
            rag: Some("red".into()),
            ..Default::default()
        });
        let done = run(&config, &command, &checks(&config), Mode::Write).expect("run");
        assert!(done.written);
        assert_eq!(done.said, "plans/p.toml: action 1: rag amber → red\n");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("plans/p.toml")).expect("read"),
            PLAN.replace("\"amber\"", "\"red\"")
        );
    }

    #[test]
    fn an_error_the_plan_already_had_does_not_block_an_edit() {
        let dir = tempfile::tempdir().expect("dir");
        let config = Config::defaults(dir.path().to_path_buf());
        let mut c = change(dir.path(), Vec::new());
        // no lead already: missing-lead is there before and after
        c.before = PLAN.replace("leads = [\"Mind\"] # the lead\n", "");
        let rag = c.before.find("\"amber\"").expect("rag");
        c.edits = vec![Edit::replace(rag..rag + 7, "\"red\"")];
        let done = commit(c, &checks(&config), Mode::DryRun).expect("not refused");
        assert!(done.changed && !done.written);
    }
}
