//! `check`'s git side: `--rev REV` and `--staged` read the plans from a commit or the index,
//! `--changed-since REV` reports findings only for plan files that differ from REV, and the
//! history-aware rules (`silent-reschedule`, `amber-drift`) run in a separate pass after the
//! normal check, so a check without them costs nothing extra.
//!
//! `--changed-since` still loads every plan, so repository-wide rules (duplicate plan ids) see
//! the whole repository; only the findings are narrowed to the changed files.

use crate::git::{Repo, Side};
use crate::lint::check::Outcome;
use crate::lint::past::{Before, Past};
use crate::lint::{Context, Rule};
use crate::plan::load::Input;
use crate::plan::load::PlanFile;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use git2::Oid;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
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
                None => eprintln!(
                    "planlint: note: {} skipped: not in a git repository",
                    history_rules
                        .iter()
                        .map(|r| r.meta().name)
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
                Some(repo) => {
                    if let Err(e) = self.history_pass(repo, &history_rules, outcome, &cx) {
                        eprintln!("planlint: note: history rules skipped: {e}");
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
        let config = cx.config;
        let plans = std::mem::take(&mut outcome.plan_files);
        // blob ids of the checked texts, to compare with commits without reading them
        let oids: HashMap<&str, Oid> = plans
            .par_iter()
            .filter_map(|p| {
                let oid =
                    Oid::hash_object(git2::ObjectType::Blob, p.source.text.as_bytes()).ok()?;
                Some((p.source.name.as_str(), oid))
            })
            .collect();
        let mut past = Past {
            base: self
                .base
                .as_ref()
                .map_or_else(String::new, |(r, _)| r.clone()),
            ..Past::default()
        };
        if let Some((rev, oid)) = &self.base {
            let base = repo.snapshot(
                Side::Commit(crate::git::Resolved {
                    rev: rev.clone(),
                    commit: *oid,
                }),
                config,
            )?;
            // only files that differ can hold a re-dated action
            let changed: Vec<&str> = base
                .files
                .iter()
                .filter(|(n, e)| oids.get(n.as_str()) != Some(&e.oid))
                .map(|(n, _)| n.as_str())
                .collect();
            let (before, _) = repo.plans(&base, &changed);
            for p in &before {
                for a in &p.plan.actions {
                    let a = a.get_ref();
                    past.before
                        .entry(Past::key(p.plan.id(), a.id.get_ref()))
                        .or_insert(Before {
                            due: a.due.as_ref().map(|d| d.get_ref().clone()),
                            updates: a.updates.len(),
                        });
                }
            }
        }
        let start = match &self.side {
            Side::Commit(c) => Some(c.commit),
            _ => repo.resolve("HEAD").ok().map(|r| r.commit),
        };
        if let Some(start) = start {
            if rules.iter().any(|r| r.meta().name == "amber-drift") {
                past.amber_since = amber_since(repo, config, start, &plans, &oids, cx.as_of)?;
            }
        }
        outcome.plan_files = plans;
        crate::lint::check::check_history(outcome, rules, &past, cx);
        Ok(())
    }
}

/// For every open action rated amber or worse in `plans`: the date of the oldest commit of the
/// unbroken run (first parents from `start`) in which it was rated amber or worse.
///
/// One walk serves every plan: between two commits only the plan files git reports as changed
/// are re-read (a tree diff skips unchanged folders), and a plan whose file vanished is looked
/// for among the changed files by its plan id (a rename). The walk stops once every run has
/// ended, or once it is older than the span (those actions fire whatever came before). At a
/// shallow clone's boundary the runs end there, which can only make the rule quieter.
fn amber_since(
    repo: &Repo,
    config: &Config,
    start: Oid,
    plans: &[PlanFile],
    oids: &HashMap<&str, Oid>,
    as_of: NaiveDate,
) -> Result<HashMap<(String, String), NaiveDate>, Error> {
    let scale = &config.scale;
    let Some(amber) = scale.resolve("amber").map(|r| r.rank) else {
        return Ok(HashMap::new());
    };
    let bad_ids = |p: &PlanFile| -> BTreeSet<String> {
        p.plan
            .actions
            .iter()
            .map(|a| a.get_ref())
            .filter(|a| {
                a.rag
                    .as_ref()
                    .and_then(|r| scale.resolve(r.get_ref()))
                    .is_some_and(|r| r.rank <= amber)
            })
            .map(|a| a.id.get_ref().clone())
            .collect()
    };
    // plan id -> (path in the commit being looked at, ids still in their run)
    let mut open: HashMap<String, (String, BTreeSet<String>)> = HashMap::new();
    for p in plans {
        let ids: BTreeSet<String> = p
            .plan
            .actions
            .iter()
            .map(|a| a.get_ref())
            .filter(|a| a.is_open())
            .map(|a| a.id.get_ref().clone())
            .collect::<BTreeSet<_>>()
            .intersection(&bad_ids(p))
            .cloned()
            .collect();
        if !ids.is_empty() {
            open.insert(p.plan.id().to_string(), (p.source.name.clone(), ids));
        }
    }
    let mut since = HashMap::new();
    let cutoff = as_of - chrono::Duration::days(config.amber_drift_days.max(0));
    let git = repo.git();
    let err = |e: git2::Error| Error::Git(format!("cannot walk history: {}", e.message()));
    let mut walk = git.revwalk().map_err(err)?;
    walk.push(start).map_err(err)?;
    walk.simplify_first_parent().map_err(err)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL).map_err(err)?;
    let read = |tree: &git2::Tree<'_>, path: &str, plan_id: &str| -> Option<PlanFile> {
        let blob = git.find_blob(repo.blob_at(tree, path)?).ok()?;
        crate::git::read_plan(path, blob.content())
            .ok()
            .filter(|p| p.plan.id() == plan_id)
    };
    let mut newer: Option<(git2::Tree<'_>, NaiveDate)> = None;
    let mut start_files = std::collections::BTreeMap::new();
    for oid in walk {
        if open.is_empty() {
            break;
        }
        let Some(tree) = oid
            .ok()
            .and_then(|o| git.find_commit(o).ok())
            .and_then(|c| Some((c.tree().ok()?, c)))
        else {
            break;
        };
        let (tree, commit) = tree;
        let t = commit.time();
        let date =
            chrono::DateTime::from_timestamp(t.seconds() + i64::from(t.offset_minutes()) * 60, 0)
                .map_or(as_of, |d| d.date_naive());
        if newer.is_none() {
            start_files = repo.tree_files_of(&tree, config)?;
        }
        // which plans to re-read here: all at the start, then those whose files changed
        let touched: Vec<String> = match &newer {
            None => open.keys().cloned().collect(),
            Some((n, _)) => {
                let diff = git
                    .diff_tree_to_tree(Some(&tree), Some(n), None)
                    .map_err(err)?;
                let changed: BTreeSet<String> = diff
                    .deltas()
                    .flat_map(|d| [d.old_file().path(), d.new_file().path()])
                    .flatten()
                    .filter_map(|p| repo.name_of(&crate::workspace::discover::slash(p)))
                    .collect();
                open.iter()
                    .filter(|(_, (path, _))| changed.contains(path))
                    .map(|(id, _)| id.clone())
                    .collect()
            }
        };
        for plan_id in touched {
            let Some((path, ids)) = open.get(&plan_id).cloned() else {
                continue;
            };
            // the usual case at the start: the file is as committed, so its parse is reused
            if newer.is_none()
                && start_files
                    .get(&path)
                    .is_some_and(|e| Some(&e.oid) == oids.get(path.as_str()))
            {
                continue;
            }
            let mut found = read(&tree, &path, &plan_id).map(|p| (path.clone(), p));
            if found.is_none() {
                if let Some((n, _)) = &newer {
                    found = crate::history::renamed(repo, config, &tree, n, &plan_id)?;
                }
            }
            let still = found.as_ref().map(|(_, p)| bad_ids(p)).unwrap_or_default();
            let (kept, ended): (BTreeSet<String>, BTreeSet<String>) =
                ids.into_iter().partition(|id| still.contains(id));
            if let Some((_, newer_date)) = &newer {
                for id in ended {
                    since.insert((plan_id.clone(), id), *newer_date);
                }
            }
            match found {
                Some((p, _)) if !kept.is_empty() => {
                    open.insert(plan_id, (p, kept));
                }
                _ => {
                    open.remove(&plan_id);
                }
            }
        }
        newer = Some((tree, date));
        if date < cutoff {
            break;
        }
    }
    if let Some((_, last)) = newer {
        for (plan_id, (_, ids)) in open {
            for id in ids {
                since.insert((plan_id.clone(), id), last);
            }
        }
    }
    Ok(since)
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
