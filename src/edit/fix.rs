//! `planlint check --fix`: the fixes the rules attach to their findings, applied.
//!
//! As ruff does: fixes whose edits overlap one already taken wait for the next pass, and the check
//! runs again on the fixed text (a status fixed in one pass lets the rules read the plan in the
//! next), up to a few passes. Each file then goes through `edit::commit` once, from the text as
//! it was to the text with every fix made, so it is checked and written like any other edit.

use crate::edit::{commit, text, Change, Checks, CommitError, Committed, Mode};
use crate::lint::check::Outcome;
use crate::plan::finding::Finding;
use crate::plan::fix::{Applicability, Edit};
use crate::plan::load::Input;
use crate::workspace::discover::Target;
use crate::Error;
use std::collections::{BTreeMap, HashMap};

/// Passes of fix-then-check; real plans settle in one or two.
pub const MAX_PASSES: usize = 4;

/// One pass's fixes: `found` in the order of their first edit, each taken unless one of its
/// edits overlaps an edit already taken (it waits for the next pass). The edits taken, and the
/// tag of each fix taken. `check --fix` and the language server's fix-all both pass through
/// here.
pub fn one_pass<T>(mut found: Vec<(&crate::plan::fix::Fix, T)>) -> (Vec<Edit>, Vec<T>) {
    found.sort_by_key(|(fix, _)| {
        fix.edits
            .iter()
            .map(|e| e.range.start)
            .min()
            .unwrap_or(usize::MAX)
    });
    let mut taken: Vec<Edit> = Vec::new();
    let mut tags = Vec::new();
    for (fix, tag) in found {
        if fix.edits.iter().any(|e| text::overlaps(e, &taken)) {
            continue;
        }
        taken.extend(fix.edits.iter().cloned());
        tags.push(tag);
    }
    (taken, tags)
}

#[derive(Debug, Clone, Copy)]
pub struct FixOptions {
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// `Write`, or `Diff` to show the fixes without writing.
    pub mode: Mode,
}

/// What `fix` did.
#[derive(Debug, Default)]
pub struct Fixed {
    /// The files the fixes change, as `commit` handed them back (written, or with their diff).
    pub committed: Vec<Committed>,
    /// Files whose fixes were not written because the plan would gain a problem.
    pub refused: Vec<(String, Outcome)>,
    /// Files that could not be written.
    pub failed: Vec<Error>,
    /// Fixes made, by rule (for the files committed).
    pub fixed: BTreeMap<&'static str, usize>,
    /// Findings left with an unsafe fix that was not applied (no `--unsafe-fixes`).
    pub unsafe_left: usize,
}

impl Fixed {
    pub fn total(&self) -> usize {
        self.fixed.values().sum()
    }
}

fn applies(f: &Finding, options: &FixOptions) -> bool {
    f.fix
        .as_ref()
        .is_some_and(|fix| fix.applicability == Applicability::Safe || options.unsafe_fixes)
}

/// Fixes `targets` (files on disk): `check` runs the whole check (history pass included) on the
/// given inputs, as the command line would.
pub fn fix(
    targets: &[Target],
    check: &dyn Fn(Vec<Input>) -> Outcome,
    checks: &Checks<'_>,
    options: FixOptions,
) -> Result<Fixed, Error> {
    // name -> (target, text as read, text now)
    let mut files: BTreeMap<String, (&Target, String, String)> = BTreeMap::new();
    for t in targets {
        // a file that cannot be read is the check's to report; it has nothing to fix
        if let Ok(text) = crate::edit::target::read(&t.path) {
            files.insert(t.name.clone(), (t, text.clone(), text));
        }
    }
    let mut fixed: HashMap<String, BTreeMap<&'static str, usize>> = HashMap::new();
    let mut unsafe_left = 0;
    for _ in 0..MAX_PASSES {
        let inputs = files
            .iter()
            .map(|(name, (_, _, now))| Input {
                name: name.clone(),
                bytes: Ok(now.as_bytes().to_vec()),
            })
            .collect();
        let outcome = check(inputs);
        unsafe_left = outcome
            .findings
            .iter()
            .filter(|f| f.fix.is_some() && !applies(f, &options))
            .count();
        let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in outcome.findings.iter().filter(|f| applies(f, &options)) {
            by_file.entry(&*f.file).or_default().push(f);
        }
        let mut any = false;
        for (name, found) in by_file {
            let Some((_, _, now)) = files.get_mut(name) else {
                continue;
            };
            let (taken, rules) = one_pass(
                found
                    .iter()
                    .filter_map(|f| Some((f.fix.as_deref()?, f.rule)))
                    .collect(),
            );
            for rule in rules {
                *fixed
                    .entry(name.to_string())
                    .or_default()
                    .entry(rule)
                    .or_default() += 1;
            }
            if taken.is_empty() {
                continue;
            }
            *now = text::apply(now, &taken).map_err(|e| Error::Usage(format!("{name}: {e}")))?;
            any = true;
        }
        if !any {
            break;
        }
    }

    let mut out = Fixed {
        unsafe_left,
        ..Fixed::default()
    };
    for (name, (target, before, now)) in files {
        if before == now {
            continue;
        }
        let counts = fixed.remove(&name).unwrap_or_default();
        let n: usize = counts.values().sum();
        let change = Change {
            path: target.path.clone(),
            name: name.clone(),
            edits: vec![text::between(&before, &now)],
            before,
            summary: format!(
                "{name}: {}",
                crate::plan::words::count_as(n, "fix", "fixes")
            ),
        };
        match commit(change, checks, options.mode) {
            Ok(done) => {
                for (rule, n) in counts {
                    *out.fixed.entry(rule).or_default() += n;
                }
                out.committed.push(done);
            }
            Err(CommitError::Refused { name, gained }) => out.refused.push((name, *gained)),
            Err(CommitError::Failed(e)) => out.failed.push(e),
        }
    }
    Ok(out)
}
