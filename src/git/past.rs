//! The past the history-aware rules read (`lint::past::Past`), gathered from git: each action
//! as it was in the base revision, and how long open actions have been amber or worse.
//!
//! Old blobs are read through the history cache (`git::cache`): a blob's summary is parsed
//! once, ever. The amber runs at the start commit are kept too (`cache::Runs`), so a check of
//! an unchanged history walks nothing, and a check after a new commit walks one commit.

use crate::git::cache::{Runs, Summary};
use crate::git::{Repo, Resolved, Side};
use crate::lint::past::{Before, Needs, Past};
use crate::plan::load::PlanFile;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use git2::Oid;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// What the history pass asks of git about the checked plans.
pub struct Query<'a> {
    /// The revision the checked plans are compared with.
    pub base: Option<&'a Resolved>,
    /// The commit whose first-parent history the runs are walked from (HEAD for the index and
    /// the working tree).
    pub start: Option<Oid>,
    /// The checked plans.
    pub plans: &'a [PlanFile],
    /// What the switched-on history rules need.
    pub needs: Needs,
    pub as_of: NaiveDate,
    /// The plans were read from the working tree: their blob ids are git's, not their bytes'
    /// (see `Repo::worktree_ids`).
    pub worktree: bool,
    /// Files not checked that are as in `base` (`--staged`), by (file, plan id).
    pub others: &'a [(String, String)],
}

/// Gathers what the history rules need about the checked plans: their actions as in the base
/// revision, and the start of each open action's run of amber-or-worse ratings, walking first
/// parents from the start commit; only what `needs` asks for.
pub fn gather(repo: &Repo, config: &Config, q: &Query<'_>) -> Result<Past, Error> {
    let Query {
        base,
        start,
        plans,
        needs,
        as_of,
        worktree,
        others,
    } = *q;
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
        base: base.map_or_else(String::new, |r| r.rev.clone()),
        ..Past::default()
    };
    if let Some(base) = base.filter(|_| needs.before) {
        let base = repo.snapshot(Side::Commit(base.clone()), config)?;
        // only files that differ can hold a re-dated action (`others`: known to be the same)
        let same: BTreeSet<&str> = others.iter().map(|(n, _)| n.as_str()).collect();
        for (name, e) in base
            .files
            .iter()
            .filter(|(n, e)| oids.get(n.as_str()) != Some(&e.oid) && !same.contains(n.as_str()))
        {
            let s = repo.summary(e.oid, name);
            if s.error.is_some() {
                continue;
            }
            for a in &s.actions {
                past.before
                    .entry(Past::key(&s.plan, &a.id))
                    .or_insert(Before {
                        due: a.due.as_ref().map(|d| d.due()),
                        updates: a.updates,
                    });
            }
        }
    }
    if let (Some(start), Some(days)) = (start, needs.amber_days) {
        // a limit beyond the calendar (100000000 days) reaches back to its start
        let cutoff = chrono::TimeDelta::try_days(days.max(0))
            .and_then(|d| as_of.checked_sub_signed(d))
            .unwrap_or(NaiveDate::MIN);
        past.amber_since = amber_since(repo, config, start, plans, &oids, cutoff)?;
    }
    Ok(past)
}

/// For every open action rated amber or worse in `plans`: the date of the oldest commit of the
/// unbroken run (first parents from `start`) in which it was rated amber or worse. An action
/// whose file differs from `start`'s takes the run of the action at `start` when it is rated
/// amber or worse there too (else its run has not reached a commit yet).
fn amber_since(
    repo: &Repo,
    config: &Config,
    start: Oid,
    plans: &[PlanFile],
    oids: &HashMap<&str, Oid>,
    cutoff: NaiveDate,
) -> Result<HashMap<(String, String), NaiveDate>, Error> {
    let scale = &config.scale;
    let Some(amber) = scale.resolve("amber").map(|r| r.rank) else {
        return Ok(HashMap::new());
    };
    let bad = |rag: Option<&str>| {
        rag.and_then(|r| scale.resolve(r))
            .is_some_and(|r| r.rank <= amber)
    };
    // the checked plans' parses stand for the blobs they were read from
    let parsed: HashMap<Oid, &PlanFile> = plans
        .iter()
        .filter_map(|p| Some((*oids.get(p.source.name.as_str())?, p)))
        .collect();
    let runs = runs_at(repo, config, start, &parsed, cutoff, &bad)?;
    let at_start: HashMap<(&str, &str), &[(String, NaiveDate)]> = runs
        .iter()
        .map(|(path, plan, ids)| ((path.as_str(), plan.as_str()), ids.as_slice()))
        .collect();
    let mut since = HashMap::new();
    for p in plans {
        let Some(ids) = at_start.get(&(p.source.name.as_str(), p.plan.id())) else {
            continue;
        };
        let ids: HashMap<&str, NaiveDate> = ids.iter().map(|(i, d)| (i.as_str(), *d)).collect();
        for a in p.plan.actions.iter().map(|a| a.get_ref()) {
            if !a.is_open() || !bad(a.rag.as_ref().map(|r| r.get_ref().as_str())) {
                continue;
            }
            if let Some(d) = ids.get(a.id.get_ref().as_str()) {
                since.insert(Past::key(p.plan.id(), a.id.get_ref()), *d);
            }
        }
    }
    Ok(since)
}

/// The ids of a summary's open actions rated amber or worse.
fn bad_ids(s: &Summary, bad: &dyn Fn(Option<&str>) -> bool) -> BTreeSet<String> {
    s.actions
        .iter()
        .filter(|a| a.open && bad(a.rag.as_deref()))
        .map(|a| a.id.clone())
        .collect()
}

/// What a kept `Runs` depends on besides its commit: the scale, the plan globs, where the plans
/// sit in the work tree, the walk's cut-off and whether the clone is shallow.
fn runs_key(repo: &Repo, config: &Config, cutoff: NaiveDate) -> String {
    let what = format!(
        "{:?}|{:?}|{:?}|{:?}|{}|{cutoff}|{}",
        config.scale,
        config.include,
        config.include_set,
        config.exclude_set,
        repo.prefix,
        repo.is_shallow()
    );
    Oid::hash_object(git2::ObjectType::Blob, what.as_bytes())
        .map(|o| o.to_string()[..16].to_string())
        .unwrap_or_default()
}

/// The amber runs at `start` (see `cache::Runs`), from the cache or by walking first parents.
///
/// One walk serves every plan: between two commits only the plan files git reports as changed
/// are looked at (a tree diff skips unchanged folders), through their cached summaries, and a
/// plan whose file vanished is looked for among the changed files by its plan id (a rename).
/// The walk stops once every run has ended, once it is older than the cut-off (those actions
/// fire whatever came before), or at a commit whose runs are kept (they continue from there).
/// At a shallow clone's boundary the runs end there, which can only make the rule quieter.
fn runs_at(
    repo: &Repo,
    config: &Config,
    start: Oid,
    parsed: &HashMap<Oid, &PlanFile>,
    cutoff: NaiveDate,
    bad: &dyn Fn(Option<&str>) -> bool,
) -> Result<Runs, Error> {
    let key = runs_key(repo, config, cutoff);
    if let Some(runs) = repo.cache().runs(start, &key) {
        return Ok(runs);
    }
    let git = repo.git();
    let err = |e: git2::Error| Error::Git(format!("cannot walk history: {}", e.message()));
    let summary = |oid: Oid, name: &str| -> Arc<Summary> {
        match parsed.get(&oid) {
            Some(p) => {
                repo.cache().remember(oid, p);
                repo.cache().summary(oid, || Err(String::new()))
            }
            None => repo.summary(oid, name),
        }
    };
    // the path at `start` -> (the path in the commit being looked at, plan id, ids in their run)
    let mut open: BTreeMap<String, (String, String, BTreeSet<String>)> = BTreeMap::new();
    let mut plan_of: HashMap<String, String> = HashMap::new();
    let at_start = repo.tree_files(start, config)?;
    prefetch(
        repo,
        parsed,
        at_start.iter().map(|(p, e)| (e.oid, p.as_str())).collect(),
    );
    for (path, e) in at_start {
        let s = summary(e.oid, &path);
        let ids = bad_ids(&s, bad);
        if s.error.is_none() && !ids.is_empty() {
            plan_of.insert(path.clone(), s.plan.clone());
            open.insert(path.clone(), (path, s.plan.clone(), ids));
        }
    }
    let mut since: BTreeMap<String, Vec<(String, NaiveDate)>> = BTreeMap::new();
    let mut walk = git.revwalk().map_err(err)?;
    walk.push(start).map_err(err)?;
    walk.simplify_first_parent().map_err(err)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL).map_err(err)?;
    let mut newer: Option<(git2::Tree<'_>, NaiveDate)> = None;
    for oid in walk {
        if open.is_empty() {
            break;
        }
        let Some((tree, commit)) = oid
            .ok()
            .and_then(|o| git.find_commit(o).ok())
            .and_then(|c| Some((c.tree().ok()?, c)))
        else {
            break;
        };
        let t = commit.time();
        let date = chrono::DateTime::from_timestamp(
            t.seconds()
                .saturating_add(i64::from(t.offset_minutes()) * 60),
            0,
        )
        .map_or(cutoff, |d| d.date_naive());
        if let Some((n, newer_date)) = &newer {
            // the plan files that differ from the newer commit: path -> blob here (zero: gone)
            let diff = git
                .diff_tree_to_tree(Some(&tree), Some(n), None)
                .map_err(err)?;
            let mut changed: BTreeMap<String, Oid> = BTreeMap::new();
            for d in diff.deltas() {
                for (f, here) in [(d.old_file(), true), (d.new_file(), false)] {
                    if let Some(p) = f.path() {
                        let p = crate::workspace::discover::slash(p);
                        let id = if here { f.id() } else { Oid::ZERO_SHA1 };
                        let slot = changed.entry(p).or_insert(Oid::ZERO_SHA1);
                        if !id.is_zero() {
                            *slot = id;
                        }
                    }
                }
            }
            let touched: Vec<String> = open
                .iter()
                .filter(|(_, (path, _, _))| changed.contains_key(path))
                .map(|(k, _)| k.clone())
                .collect();
            prefetch(
                repo,
                parsed,
                touched
                    .iter()
                    .filter_map(|k| {
                        let path = open.get(k)?.0.as_str();
                        Some((*changed.get(path)?, path))
                    })
                    .filter(|(o, _)| !o.is_zero())
                    .collect(),
            );
            for k in touched {
                let Some((path, plan_id, ids)) = open.remove(&k) else {
                    continue;
                };
                let same = |oid: &Oid, p: &str| -> Option<Arc<Summary>> {
                    let s = summary(*oid, p);
                    (s.error.is_none() && s.plan == plan_id).then_some(s)
                };
                let mut found = changed
                    .get(&path)
                    .filter(|o| !o.is_zero())
                    .and_then(|o| same(o, &path))
                    .map(|s| (path.clone(), s));
                if found.is_none() {
                    // a rename: the plan id in a file that changed here
                    found = changed
                        .iter()
                        .filter(|(p, o)| !o.is_zero() && repo.plan_name(p, config))
                        .find_map(|(p, o)| same(o, p).map(|s| (p.clone(), s)));
                }
                let still = found
                    .as_ref()
                    .map(|(_, s)| bad_ids(s, bad))
                    .unwrap_or_default();
                let (kept, ended): (BTreeSet<String>, BTreeSet<String>) =
                    ids.into_iter().partition(|id| still.contains(id));
                since
                    .entry(k.clone())
                    .or_default()
                    .extend(ended.into_iter().map(|id| (id, *newer_date)));
                if let Some((p, _)) = found.filter(|_| !kept.is_empty()) {
                    open.insert(k, (p, plan_id, kept));
                }
            }
            // the runs kept at this commit continue those still open
            if !open.is_empty() {
                if let Some(kept) = repo.cache().runs(commit.id(), &key) {
                    let kept: HashMap<(&str, &str), HashMap<&str, NaiveDate>> = kept
                        .iter()
                        .map(|(p, plan, ids)| {
                            (
                                (p.as_str(), plan.as_str()),
                                ids.iter().map(|(i, d)| (i.as_str(), *d)).collect(),
                            )
                        })
                        .collect();
                    for (k, (path, plan_id, ids)) in std::mem::take(&mut open) {
                        let dates = kept.get(&(path.as_str(), plan_id.as_str()));
                        since
                            .entry(k)
                            .or_default()
                            .extend(ids.into_iter().map(|id| {
                                let d = dates.and_then(|m| m.get(id.as_str())).copied();
                                (id, d.unwrap_or(date))
                            }));
                    }
                }
            }
        }
        newer = Some((tree, date));
        if date < cutoff {
            break;
        }
    }
    if let Some((_, last)) = newer {
        for (k, (_, _, ids)) in open {
            since
                .entry(k)
                .or_default()
                .extend(ids.into_iter().map(|id| (id, last)));
        }
    }
    let runs: Runs = since
        .into_iter()
        .map(|(path, mut ids)| {
            ids.sort();
            let plan = plan_of.get(&path).cloned().unwrap_or_default();
            (path, plan, ids)
        })
        .collect();
    repo.cache().keep_runs(start, &key, &runs);
    Ok(runs)
}

/// Puts the summaries of `wanted` blobs (id, path) in the cache's memory, on every core: the
/// checked plans' parses are summarised as they are; the other blobs not in the cache are read
/// one by one (a libgit2 repository is not shared across threads) and parsed in parallel.
fn prefetch(repo: &Repo, parsed: &HashMap<Oid, &PlanFile>, wanted: Vec<(Oid, &str)>) {
    let cache = repo.cache();
    let (mine, rest): (Vec<_>, Vec<_>) = wanted
        .into_iter()
        .filter(|(o, _)| !cache.in_memory(*o))
        .partition(|(o, _)| parsed.contains_key(o));
    mine.par_iter().for_each(|(o, _)| {
        if let Some(p) = parsed.get(o) {
            cache.remember(*o, p);
        }
    });
    repo.prefetch(&rest);
}
