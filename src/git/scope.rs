//! `check`'s git side: `--rev REV` and `--staged` read the plans from a commit or the index,
//! `--changed-since REV` reports findings only for plan files that differ from REV, and the
//! history-aware rules (`silent-reschedule`, `amber-drift`) run in a separate pass after the
//! normal check, so a check without them costs nothing extra.
//!
//! `--changed-since` still loads every plan, so repository-wide rules (duplicate plan ids) see
//! the whole repository; only the findings are narrowed to the changed files.

use crate::git::{Repo, Side};
use crate::lint::check::Outcome;
use crate::lint::{Context, Rule};
use crate::plan::load::Input;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use git2::Oid;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Where `check` reads plans from, and what it knows of the repository.
pub struct Scope {
    repo: Option<Repo>,
    side: Side,
    /// The revision the history rules compare with, when there is one.
    base: Option<(String, Oid)>,
    /// With `--changed-since`: the files that differ from REV (findings elsewhere are dropped).
    changed: Option<BTreeSet<String>>,
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
        let repo = match Repo::open(config) {
            Ok(r) => r,
            Err(e) if wanted => return Err(e),
            Err(_) => {
                return Ok(Scope {
                    repo: None,
                    side: Side::WorkTree,
                    base: None,
                    changed: None,
                })
            }
        };
        let side = match (rev, staged) {
            (Some(r), _) => Side::Commit(repo.resolve(r)?),
            (None, true) => Side::Index,
            (None, false) => Side::WorkTree,
        };
        let base = match (changed_since, &side) {
            (Some(r), _) => Some((r.to_string(), repo.resolve(r)?.commit)),
            (None, Side::Commit(c)) => repo
                .git()
                .find_commit(c.commit)
                .ok()
                .and_then(|c| c.parent_id(0).ok())
                .map(|p| (format!("{}^", c.rev), p)),
            // a repository without commits has no HEAD: nothing to compare with
            (None, _) => repo
                .resolve("HEAD")
                .ok()
                .map(|r| ("HEAD".to_string(), r.commit)),
        };
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
                Some(
                    a.changed_paths(&b)
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                )
            }
            _ => None,
        };
        Ok(Scope {
            repo: Some(repo),
            side,
            base,
            changed,
        })
    }

    /// The check inputs when they come from git (`--rev`, `--staged`), named as in that
    /// revision; `None` when the working tree is checked (read from disk as usual). Paths named
    /// on the command line narrow the files to those at or under them.
    pub fn inputs(&self, config: &Config, paths: &[PathBuf]) -> Result<Option<Vec<Input>>, Error> {
        let Some(repo) = &self.repo else {
            return Ok(None);
        };
        if self.side == Side::WorkTree {
            return Ok(None);
        }
        let mut snap = repo.snapshot(self.side.clone(), config)?;
        if !paths.is_empty() {
            let wanted: Vec<String> = paths.iter().map(|p| rooted(&config.root, p)).collect();
            snap.files.retain(|name, _| {
                wanted
                    .iter()
                    .any(|w| w.is_empty() || name == w || name.starts_with(&format!("{w}/")))
            });
        }
        if snap.files.is_empty() {
            return Err(Error::Usage(format!(
                "no plan files in {} (looked for {})",
                self.side.rev(),
                config.include.join(", ")
            )));
        }
        Ok(Some(repo.inputs(&snap)))
    }

    /// After the normal check: runs the history rules (or notes why not) and, with
    /// `--changed-since`, keeps only the findings in changed files.
    pub fn finish(&self, outcome: &mut Outcome, config: &Config, as_of: NaiveDate) {
        let cx = Context { as_of, config };
        let history_rules = crate::lint::check::history_rules(&cx);
        if !history_rules.is_empty() {
            match &self.repo {
                // never eprintln!: a closed or full stderr must not panic (issue 15, item 3)
                None => note(format_args!(
                    "{} skipped: not in a git repository",
                    history_rules
                        .iter()
                        .map(|r| r.meta().name)
                        .collect::<Vec<_>>()
                        .join(" and ")
                )),
                Some(repo) => {
                    if let Err(e) = self.history_pass(repo, &history_rules, outcome, &cx) {
                        note(format_args!("history rules skipped: {e}"));
                    }
                }
            }
        }
        if let Some(changed) = &self.changed {
            outcome.findings.retain(|f| changed.contains(&f.file));
        }
    }

    fn history_pass(
        &self,
        repo: &Repo,
        rules: &[&dyn Rule],
        outcome: &mut Outcome,
        cx: &Context<'_>,
    ) -> Result<(), Error> {
        let plans = std::mem::take(&mut outcome.plan_files);
        let start = match &self.side {
            Side::Commit(c) => Some(c.commit),
            _ => repo.resolve("HEAD").ok().map(|r| r.commit),
        };
        let wants_amber = rules.iter().any(|r| r.meta().name == "amber-drift");
        let past = super::past::gather(
            repo,
            cx.config,
            self.base.as_ref(),
            start,
            &plans,
            wants_amber,
            cx.as_of,
        );
        outcome.plan_files = plans;
        let past = past?;
        crate::lint::check::check_history(outcome, rules, &past, cx);
        Ok(())
    }
}

/// A note on stderr, ignoring a closed or full stream.
fn note(message: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "planlint: note: {message}");
}

/// A command-line path as a root-relative name (lexically: it need not exist on disk).
fn rooted(root: &Path, p: &Path) -> String {
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
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let clean = std::fs::canonicalize(&clean).unwrap_or(clean);
    clean
        .strip_prefix(&root)
        .map(crate::workspace::discover::slash)
        .unwrap_or_else(|_| crate::workspace::discover::slash(p))
}
