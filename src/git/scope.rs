//! `check`'s git side: `--rev REV` and `--staged` read the plans from a commit or the index,
//! `--changed-since REV` reports findings only for plan files that differ from REV, and the
//! history-aware rules (`silent-reschedule`, `amber-drift`) run in a separate pass after the
//! normal check, so a check without them costs nothing extra.
//!
//! `check_at` is the one way the findings at a side are computed: `check` (through `Scope`) and
//! the report's findings at TO both call it, so `report v1 v2` and `check --rev v2` agree.
//!
//! `--changed-since` still loads every plan, so repository-wide rules (duplicate plan ids) see
//! the whole repository; only the findings are narrowed to the changed files.
//!
//! Nothing here prints: what the user should hear (a skipped submodule, history rules skipped
//! or judged on a shallow history) comes back as notes for the command line to print.

use crate::git::{Repo, Side};
use crate::lint::check::Outcome;
use crate::lint::{Context, Rule};
use crate::plan::load::Input;
use crate::workspace::config::Config;
use crate::workspace::discover::Target;
use crate::Error;
use chrono::NaiveDate;
use git2::Oid;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// The revision the history rules compare with: as the user would say it, and its commit.
pub type Base = (String, Oid);

/// What a check found, and what to tell the user beside the findings.
pub struct Checked {
    pub outcome: Outcome,
    pub notes: Vec<String>,
}

/// Where `check` reads plans from, and what it knows of the repository.
pub struct Scope {
    repo: Option<Repo>,
    side: Side,
    /// The revision the history rules compare with, when there is one.
    base: Option<Base>,
    /// With `--changed-since`: the files that differ from REV (findings elsewhere are dropped).
    changed: Option<BTreeSet<String>>,
    notes: Vec<String>,
    /// Why there is no repository, when there is none.
    no_repo: String,
    /// With `--staged`: the plans not being committed (the same as in HEAD), by (file, plan id),
    /// for the cross-plan rule; they are not checked themselves.
    others: Vec<(String, String)>,
}

impl Scope {
    /// Opens the repository when there is one. With `--rev`, `--staged` or `--changed-since`
    /// there must be one; without them, its absence only skips the history rules.
    pub fn open(
        config: &Config,
        rev: Option<&str>,
        staged: bool,
        changed_since: Option<&str>,
    ) -> Result<Scope, Error> {
        let wanted = rev.is_some() || staged || changed_since.is_some();
        if rev.is_some() && staged {
            return Err(Error::Usage(
                "--rev and --staged cannot be used together: check one or the other".into(),
            ));
        }
        let repo = match Repo::find(config) {
            Ok(Some(r)) => r,
            Ok(None) if wanted => return Err(Error::NotARepository(config.root.clone())),
            Err(e) if wanted => return Err(e),
            // outside git (or in a repository planlint cannot open) only the history rules
            // are skipped, and the note says why
            no_repo => {
                let why = match no_repo {
                    Err(e) => e.to_string(),
                    _ => "not in a git repository".to_string(),
                };
                return Ok(Scope {
                    repo: None,
                    side: Side::WorkTree,
                    base: None,
                    changed: None,
                    notes: Vec::new(),
                    no_repo: why,
                    others: Vec::new(),
                });
            }
        };
        let side = match (rev, staged) {
            (Some(r), _) => Side::Commit(repo.resolve(r)?),
            (None, true) => Side::Index,
            (None, false) => Side::WorkTree,
        };
        let base = match changed_since {
            Some(r) => Some((r.to_string(), repo.resolve(r)?.commit)),
            None => base_of(&repo, &side),
        };
        let mut notes = Vec::new();
        let changed = match (changed_since, &base) {
            (Some(_), Some((rev, oid))) => {
                let a = repo.snapshot(
                    Side::Commit(crate::git::Resolved {
                        rev: rev.clone(),
                        commit: *oid,
                    }),
                    config,
                )?;
                let b = repo.snapshot(side.clone(), config)?;
                add_notes(&mut notes, a.notes().into_iter().chain(b.notes()));
                Some(repo.changed_paths(&a, &b)?.into_iter().collect())
            }
            _ => None,
        };
        Ok(Scope {
            repo: Some(repo),
            side,
            base,
            changed,
            notes,
            no_repo: String::new(),
            others: Vec::new(),
        })
    }

    /// The check inputs when they come from git (`--rev`, `--staged`), named as in that
    /// revision; `None` when the working tree is checked (read from disk as usual). Paths named
    /// on the command line narrow the files to those at or under them.
    pub fn inputs(
        &mut self,
        config: &Config,
        paths: &[PathBuf],
    ) -> Result<Option<Vec<Input>>, Error> {
        let Some(repo) = &self.repo else {
            return Ok(None);
        };
        if self.side == Side::WorkTree {
            return Ok(None);
        }
        let mut snap = repo.snapshot(self.side.clone(), config)?;
        let top = repo.top_dir().unwrap_or(&config.root);
        if !paths.is_empty() {
            let wanted: Vec<String> = paths.iter().map(|p| rooted(top, p)).collect();
            snap.files.retain(|name, _| {
                wanted
                    .iter()
                    .any(|w| w.is_empty() || name == w || name.starts_with(&format!("{w}/")))
            });
        }
        add_notes(&mut self.notes, snap.notes());
        if self.side == Side::Index && paths.is_empty() && !snap.files.is_empty() {
            if let Some((_, head)) = &self.base {
                // the plans being committed are those that differ from HEAD; the others take
                // part by their plan ids only, read from the history cache
                let at_head = repo.tree_files(*head, config)?;
                let (same, changed): (BTreeMap<_, _>, BTreeMap<_, _>) =
                    std::mem::take(&mut snap.files)
                        .into_iter()
                        .partition(|(name, e)| at_head.get(name).is_some_and(|h| h.same(e)));
                {
                    use rayon::prelude::*;
                    let cache = repo.cache();
                    same.par_iter().for_each(|(_, e)| {
                        cache.load_summary(e.oid);
                    });
                }
                self.others = same
                    .iter()
                    .map(|(name, e)| (name.clone(), repo.summary(e.oid, name)))
                    .filter(|(_, s)| s.error.is_none())
                    .map(|(name, s)| (name, s.plan.clone()))
                    .collect();
                repo.cache().flush();
                add_notes(&mut self.notes, repo.cache().notes());
                if changed.is_empty() {
                    add_notes(
                        &mut self.notes,
                        ["no staged plan differs from HEAD: nothing to check".to_string()],
                    );
                }
                snap.files = changed;
                return Ok(Some(repo.inputs(&snap)));
            }
        }
        if snap.files.is_empty() {
            let mut why = format!(
                "no plan files in {} (looked for {})",
                self.side.rev(),
                config.include.join(", ")
            );
            for n in snap.notes() {
                why.push_str("; ");
                why.push_str(&n);
            }
            return Err(Error::Usage(why));
        }
        Ok(Some(repo.inputs(&snap)))
    }

    /// The plan files found on disk for a check of the working tree, without those inside
    /// submodules (as `--staged`, `--rev` and `--changed-since` see the repository), each
    /// submodule noted; a file named on the command line is always kept.
    pub fn worktree_targets(
        &mut self,
        config: &Config,
        targets: Vec<Target>,
        named: &[PathBuf],
    ) -> Vec<Target> {
        let Some(repo) = &self.repo else {
            return targets;
        };
        let submodules = repo.submodules(config);
        if submodules.is_empty() {
            return targets;
        }
        let mut skipped = BTreeSet::new();
        let kept = targets
            .into_iter()
            .filter(|t| {
                let inside = submodules.iter().find(|s| {
                    t.name
                        .strip_prefix(s.as_str())
                        .is_some_and(|r| r.starts_with('/'))
                });
                match inside {
                    Some(s) if !named.contains(&t.path) => {
                        skipped.insert(s.clone());
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        add_notes(
            &mut self.notes,
            skipped.iter().map(|s| crate::git::submodule_note(s)),
        );
        kept
    }

    /// The notes gathered so far (for a command that stops before `check`).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The check `check` makes, repeatable and without its notes: `check --fix` checks again
    /// after each pass of fixes, and the final `check` says what there is to say once.
    pub fn recheck(&self, inputs: Vec<Input>, config: &Config, as_of: NaiveDate) -> Outcome {
        let mut outcome = match &self.repo {
            Some(repo) => {
                check_among(
                    repo,
                    config,
                    &self.side,
                    self.base.as_ref(),
                    inputs,
                    as_of,
                    &self.others,
                )
                .outcome
            }
            None => crate::lint::check::check(inputs, config, as_of),
        };
        if let Some(changed) = &self.changed {
            outcome.findings.retain(|f| changed.contains(&f.file));
        }
        outcome
    }

    /// Checks the inputs: the normal check, the history rules (or a note on why not) and, with
    /// `--changed-since`, only the findings in changed files.
    pub fn check(self, inputs: Vec<Input>, config: &Config, as_of: NaiveDate) -> Checked {
        let mut checked = match &self.repo {
            Some(repo) => check_among(
                repo,
                config,
                &self.side,
                self.base.as_ref(),
                inputs,
                as_of,
                &self.others,
            ),
            None => {
                let outcome = crate::lint::check::check(inputs, config, as_of);
                let cx = Context { as_of, config };
                let history_rules = crate::lint::check::history_rules(&cx);
                let notes = if history_rules.is_empty() {
                    Vec::new()
                } else {
                    vec![format!(
                        "{} skipped: {}",
                        history_rules
                            .iter()
                            .map(|r| r.meta().name)
                            .collect::<Vec<_>>()
                            .join(" and "),
                        self.no_repo
                    )]
                };
                Checked { outcome, notes }
            }
        };
        if let Some(changed) = &self.changed {
            checked
                .outcome
                .findings
                .retain(|f| changed.contains(&f.file));
        }
        let mut notes = self.notes;
        add_notes(&mut notes, checked.notes);
        checked.notes = notes;
        checked
    }
}

/// The revision a side is compared with when none is named: a commit's first parent; HEAD for
/// the index and the working tree (none in a repository without commits).
pub fn base_of(repo: &Repo, side: &Side) -> Option<Base> {
    match side {
        Side::Commit(c) => repo
            .git()
            .find_commit(c.commit)
            .ok()
            .and_then(|c| c.parent_id(0).ok())
            .map(|p| (format!("{}^", c.rev), p)),
        _ => repo
            .resolve("HEAD")
            .ok()
            .map(|r| ("HEAD".to_string(), r.commit)),
    }
}

/// The findings at one side: the check of `inputs` (that side's plans), then the history rules
/// against `base` and the first-parent history from the side's commit (HEAD for the index and
/// the working tree). The one code path for `check` and the report's findings at TO.
pub fn check_at(
    repo: &Repo,
    config: &Config,
    side: &Side,
    base: Option<&Base>,
    inputs: Vec<Input>,
    as_of: NaiveDate,
) -> Checked {
    check_among(repo, config, side, base, inputs, as_of, &[])
}

/// `check_at`, with `others`: plans not checked, by (file, plan id), that the cross-plan rule
/// compares the checked plans with (`--staged`).
fn check_among(
    repo: &Repo,
    config: &Config,
    side: &Side,
    base: Option<&Base>,
    inputs: Vec<Input>,
    as_of: NaiveDate,
    others: &[(String, String)],
) -> Checked {
    let mut outcome = crate::lint::check::check_among(inputs, config, as_of, others);
    let cx = Context { as_of, config };
    let history_rules = crate::lint::check::history_rules(&cx);
    let notes = if history_rules.is_empty() {
        Vec::new()
    } else {
        match history_pass(repo, side, base, &history_rules, &mut outcome, &cx, others) {
            Ok(notes) => notes,
            Err(e) => vec![format!("history rules skipped: {e}")],
        }
    };
    Checked { outcome, notes }
}

fn history_pass(
    repo: &Repo,
    side: &Side,
    base: Option<&Base>,
    rules: &[&dyn Rule],
    outcome: &mut Outcome,
    cx: &Context<'_>,
    others: &[(String, String)],
) -> Result<Vec<String>, Error> {
    let plans = std::mem::take(&mut outcome.plan_files);
    let start = match side {
        Side::Commit(c) => Some(c.commit),
        _ => repo.resolve("HEAD").ok().map(|r| r.commit),
    };
    let wants_amber = rules.iter().any(|r| r.meta().name == "amber-drift");
    let past = super::past::gather(
        repo,
        cx.config,
        base,
        start,
        &plans,
        wants_amber,
        cx.as_of,
        *side == Side::WorkTree,
        others,
    );
    outcome.plan_files = plans;
    let past = past?;
    crate::lint::check::check_history(outcome, rules, &past, cx);
    // the run's end for the history cache: what it worked out is written now (one pack)
    repo.cache().flush();
    let mut notes = repo.cache().notes();
    if let Some(start) = start.filter(|_| repo.is_shallow()) {
        let n = repo.first_parents(start);
        notes.push(format!(
            "history rules judged on {n} commit{}: the clone is shallow; fetch-depth: 0 gives them the whole history",
            if n == 1 { "" } else { "s" }
        ));
    }
    Ok(notes)
}

/// Appends notes not said yet.
fn add_notes(notes: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
    for n in more {
        if !notes.contains(&n) {
            notes.push(n);
        }
    }
}

/// A command-line path as a name relative to `top` (lexically: it need not exist on disk).
fn rooted(top: &Path, p: &Path) -> String {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    let top = std::fs::canonicalize(top).unwrap_or_else(|_| top.to_path_buf());
    let clean = std::fs::canonicalize(&clean).unwrap_or(clean);
    clean
        .strip_prefix(&top)
        .map(crate::workspace::discover::slash)
        .unwrap_or_else(|_| crate::workspace::discover::slash(p))
}
