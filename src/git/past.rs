//! The past the history-aware rules read (`lint::past::Past`), gathered from git: each action
//! as it was in the base revision, and how long open actions have been amber or worse.

use crate::git::{Repo, Side};
use crate::lint::past::{Before, Past};
use crate::plan::load::PlanFile;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use git2::Oid;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Gathers what the history rules need about `plans` (the checked plans): their actions as in
/// `base` (the revision compared with), and, when `wants_amber`, the start of each open action's
/// run of amber-or-worse ratings, walking first parents from `start`. `worktree`: the plans were
/// read from the working tree (their blob ids are git's, not their bytes', see
/// `Repo::worktree_ids`).
#[allow(clippy::too_many_arguments)]
pub fn gather(
    repo: &Repo,
    config: &Config,
    base: Option<&(String, Oid)>,
    start: Option<Oid>,
    plans: &[PlanFile],
    wants_amber: bool,
    as_of: NaiveDate,
    worktree: bool,
) -> Result<Past, Error> {
    // blob ids of the checked texts, to compare with commits without reading them
    let ids: BTreeMap<String, Oid> = plans
        .par_iter()
        .filter_map(|p| {
            let oid = Oid::hash_object(git2::ObjectType::Blob, p.source.text.as_bytes()).ok()?;
            Some((p.source.name.clone(), oid))
        })
        .collect();
    let ids = if worktree {
        repo.worktree_ids(ids)
    } else {
        ids
    };
    let oids: HashMap<&str, Oid> = ids.iter().map(|(n, o)| (n.as_str(), *o)).collect();
    let mut past = Past {
        base: base.map_or_else(String::new, |(r, _)| r.clone()),
        ..Past::default()
    };
    if let Some((rev, oid)) = base {
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
    if let Some(start) = start.filter(|_| wants_amber) {
        past.amber_since = amber_since(repo, config, start, plans, &oids, as_of)?;
    }
    Ok(past)
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
    // a limit beyond the calendar (100000000 days) reaches back to its start
    let cutoff = chrono::TimeDelta::try_days(config.amber_drift_days.max(0))
        .and_then(|d| as_of.checked_sub_signed(d))
        .unwrap_or(NaiveDate::MIN);
    let git = repo.git();
    let err = |e: git2::Error| Error::Git(format!("cannot walk history: {}", e.message()));
    let mut walk = git.revwalk().map_err(err)?;
    walk.push(start).map_err(err)?;
    walk.simplify_first_parent().map_err(err)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL).map_err(err)?;
    let read = |tree: &git2::Tree<'_>, path: &str, plan_id: &str| -> Option<PlanFile> {
        let blob = repo.blob(repo.blob_at(tree, path)?).ok()?;
        crate::plan::load::read_plan(path, blob.content())
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
        let date = chrono::DateTime::from_timestamp(
            t.seconds()
                .saturating_add(i64::from(t.offset_minutes()) * 60),
            0,
        )
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
                    found = crate::git::history::renamed(repo, config, &tree, n, &plan_id)?;
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
