//! The past the history-aware rules read (`lint::past::Past`), gathered from git: each action
//! as it was in the base revision, and each action's timeline (`lint::past::Timeline`: its
//! states through first-parent history). What a rule makes of them (how long an action has
//! been amber, whether a date moved) is the rule's own business, in `lint::rules`.
//!
//! Old blobs are read through the history cache (`git::cache`): a blob's summary is parsed
//! once, ever. The timeline at the start commit is kept too (`cache::Runs`, a speed memo keyed
//! by commit), so a check of an unchanged history walks nothing, and a check after a new commit
//! walks one commit.

use crate::git::cache::{ActionSummary, Runs, Summary};
use crate::git::{ObjectId, Repo, Resolved, Side};
use crate::lint::past::{Follow, Needs, Past, Point, Timeline, Tracked};
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// What the history pass asks of git about the checked plans.
pub struct Query<'a> {
    /// The revision the checked plans are compared with.
    pub base: Option<&'a Resolved>,
    /// The commit whose first-parent history the timelines are walked from (HEAD for the index and
    /// the working tree).
    pub start: Option<ObjectId>,
    /// The checked plans (those whose findings are kept: with `--changed-since`, the changed
    /// ones).
    pub plans: &'a [&'a Tracked],
    /// What the switched-on history rules need.
    pub needs: Needs,
    pub as_of: NaiveDate,
    /// The plans were read from the working tree: their blob ids are git's, not their bytes'
    /// (see `Repo::worktree_ids`).
    pub worktree: bool,
    /// Files not checked that are as in `base` (`--staged`), by name.
    pub same: &'a BTreeSet<&'a str>,
}

/// Gathers what the history rules need about the checked plans: their actions as in the base
/// revision, and each action's timeline, walking first parents from the start commit; only
/// what `needs` asks for.
pub fn gather(repo: &Repo, config: &Config, q: &Query<'_>) -> Result<Past, Error> {
    let Query {
        base,
        start,
        plans,
        needs,
        as_of,
        worktree,
        same,
    } = *q;
    // blob ids of the checked texts, to compare with commits without reading them
    let ids: BTreeMap<String, ObjectId> = plans
        .par_iter()
        .filter_map(|p| {
            let oid = ObjectId::of_blob(p.source.text.as_bytes());
            Some((p.source.name.clone(), oid))
        })
        .collect();
    let ids = if worktree {
        repo.worktree_ids(ids)
    } else {
        ids
    };
    let oids: HashMap<&str, ObjectId> = ids.iter().map(|(n, o)| (n.as_str(), *o)).collect();
    let mut past = Past {
        base: base.map_or_else(String::new, |r| r.rev.clone()),
        ..Past::default()
    };
    // the rules read the past of the checked plans' ids only
    let checked: BTreeSet<String> = plans.iter().map(|p| p.plan.clone()).collect();
    if let Some(base) = base.filter(|_| needs.before) {
        let date = repo.commit_date(base.commit).unwrap_or(NaiveDate::MIN);
        let base = repo.snapshot(Side::Commit(base.clone()), config)?;
        // only files that differ can hold a re-dated action (`same`: known to be the same)
        let differ: Vec<(String, ObjectId)> = base
            .files
            .iter()
            .filter(|(n, e)| oids.get(n.as_str()) != Some(&e.oid) && !same.contains(n.as_str()))
            .map(|(n, e)| (n.clone(), e.oid))
            .collect();
        // of those, the files holding a checked plan id (the others' actions are never read):
        // found without reading most of them
        let differ: Vec<(String, ObjectId)> = if repo.cache().full() {
            differ
        } else {
            let using: BTreeSet<String> = repo
                .plans_using(&differ, Some(&checked))
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            differ
                .into_iter()
                .filter(|(n, _)| using.contains(n))
                .collect()
        };
        for (name, oid) in &differ {
            let s = repo.summary(*oid, name);
            if s.error.is_some() {
                continue;
            }
            for a in &s.actions {
                past.before
                    .entry(Past::key(&s.plan, &a.id))
                    .or_insert_with(|| Point {
                        since: date,
                        ..point(a)
                    });
            }
        }
    }
    if let (Some(start), Some(days)) = (start, needs.timeline_days) {
        // a limit beyond the calendar (100000000 days) reaches back to its start
        let cutoff = chrono::TimeDelta::try_days(days.max(0))
            .and_then(|d| as_of.checked_sub_signed(d))
            .unwrap_or(NaiveDate::MIN);
        // the checked plans' parses stand for the blobs they were read from
        let parsed: HashMap<ObjectId, &Tracked> = plans
            .iter()
            .filter_map(|p| Some((*oids.get(p.source.name.as_str())?, *p)))
            .collect();
        past.timeline = timeline_at(
            repo,
            config,
            start,
            &parsed,
            // the reference path reads every timeline whole
            (
                cutoff,
                if repo.cache().full() {
                    Follow::All
                } else {
                    needs.follow
                },
            ),
            Some(&checked),
        )?;
    }
    Ok(past)
}

/// An action's state in a summary, as a point of its timeline (`since` set when its run ends).
fn point(a: &ActionSummary) -> Point {
    Point {
        since: NaiveDate::MIN,
        rag: a.rag.clone(),
        open: a.open,
        due: a.due.as_ref().map(|d| d.due()),
        updates: a.updates,
    }
}

/// The actions of a readable summary, each once (the first of a duplicated id), as points.
fn points(s: &Summary) -> BTreeMap<String, Vec<Point>> {
    let mut out = BTreeMap::new();
    for a in &s.actions {
        out.entry(a.id.clone()).or_insert_with(|| vec![point(a)]);
    }
    out
}

/// Ends the run being followed (the last point) at `date`.
fn end_run(points: &mut [Point], date: NaiveDate) {
    if let Some(last) = points.last_mut() {
        last.since = date;
    }
}

/// What a kept `Runs` depends on besides its commit: the plan globs, where the plans sit in the
/// work tree, the walk's cut-off and whether the clone is shallow.
fn runs_key(repo: &Repo, config: &Config, cutoff: NaiveDate, follow: Follow) -> String {
    let mut what = format!(
        "timeline|{:?}|{:?}|{:?}|{}|{cutoff}|{}",
        config.include,
        config.include_set,
        config.exclude_set,
        repo.prefix,
        repo.is_shallow()
    );
    // a timeline cut where the rules stop reading it: how, and on which scale
    if follow != Follow::All {
        what.push_str(&format!("|{follow:?}|{:?}", config.scale));
    }
    ObjectId::of_blob(what.as_bytes()).to_string()[..16].to_string()
}

/// A timeline as the cache keeps it, and back.
fn to_runs(t: &Timeline) -> Runs {
    let mut runs: Runs = t
        .actions
        .iter()
        .map(|((plan, action), pts)| {
            let pts = pts
                .iter()
                .map(|p| {
                    (
                        p.since,
                        p.rag.clone(),
                        p.open,
                        p.due.as_ref().map(crate::git::cache::DueText::of),
                        p.updates,
                    )
                })
                .collect();
            (plan.clone(), action.clone(), pts)
        })
        .collect();
    runs.sort();
    runs
}

fn from_runs(runs: Runs) -> Timeline {
    let actions = runs
        .into_iter()
        .map(|(plan, action, pts)| {
            let pts = pts
                .into_iter()
                .map(|(since, rag, open, due, updates)| Point {
                    since,
                    rag,
                    open,
                    due: due.map(|d| d.due()),
                    updates,
                })
                .collect();
            ((plan, action), pts)
        })
        .collect();
    Timeline { actions }
}

/// The timeline of every action of the plans at `start` (see `lint::past::Timeline`), from the
/// cache or by walking first parents; with `ids`, at least of every action of the plans at
/// `start` whose plan id is one of them (the rules read no other).
///
/// One walk serves every plan: between two commits only the plan files git reports as changed
/// are looked at (a tree diff skips unchanged folders), through their cached summaries, and a
/// plan whose file vanished is looked for among the changed files by its plan id (a rename).
/// The walk stops once every action's timeline has ended, once it is older than the cut-off,
/// or at a commit whose timeline is kept (the timelines continue from there). At a shallow
/// clone's boundary the timelines end there.
///
/// Narrowed (`ids` given, and the plans at `start` not all theirs): only the files at `start`
/// holding those plans are followed (found by `Repo::plans_using`, which reads few blobs), and
/// at each commit only their paths are looked up, as `git log -- PATH` does; the whole diff is
/// taken only where a followed file vanished (to find where its plan went). Each action's
/// timeline is the one the whole walk gives it: the walk follows each file on its own. Its
/// timeline is not kept (it is not every action's).
fn timeline_at(
    repo: &Repo,
    config: &Config,
    start: ObjectId,
    parsed: &HashMap<ObjectId, &Tracked>,
    (cutoff, follow): (NaiveDate, Follow),
    ids: Option<&BTreeSet<String>>,
) -> Result<Timeline, Error> {
    let key = runs_key(repo, config, cutoff, follow);
    if let Some(runs) = repo.cache().runs(start, &key) {
        return Ok(from_runs(runs));
    }
    let git = repo.git();
    let err = |e: git2::Error| Error::Git(format!("cannot walk history: {}", e.message()));
    // a summary is used once, for its points: then the cache holds it in its compact form
    let summary = |oid: ObjectId, name: &str| -> Arc<Summary> {
        let s = match parsed.get(&oid) {
            Some(p) => {
                repo.cache().remember(oid, p);
                repo.cache().summary(oid, || Err(String::new()))
            }
            None => repo.summary(oid, name),
        };
        repo.cache().set_aside(oid);
        s
    };
    /// A file followed: its path in the newer commit, its blob there, its plan id, and each
    /// action still followed with its points so far (the last is the run being followed).
    struct Followed {
        path: String,
        blob: ObjectId,
        plan: String,
        actions: BTreeMap<String, Vec<Point>>,
    }
    // by the path at `start`
    let mut open: BTreeMap<String, Followed> = BTreeMap::new();
    let mut done: HashMap<(String, String), Vec<Point>> = HashMap::new();
    let mut finish = |plan: &str, id: String, pts: Vec<Point>| {
        done.entry((plan.to_string(), id)).or_insert(pts);
    };
    let at_start = repo.tree_files(start, config)?;
    // the checked plans' parses stand for their blobs, without reading them
    let files: Vec<(String, ObjectId)> = at_start.iter().map(|(p, e)| (p.clone(), e.oid)).collect();
    for (_, o) in &files {
        if let Some(p) = parsed.get(o) {
            repo.cache().remember(*o, p);
        }
    }
    let only: Option<BTreeSet<String>> = ids.filter(|_| !repo.cache().full()).and_then(|ids| {
        let using: BTreeSet<String> = repo
            .plans_using(&files, Some(ids))
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        // narrowed only when some file the whole walk would follow is left out
        let left_out = files.iter().any(|(n, o)| {
            !using.contains(n)
                && (!repo.cache().in_memory(*o) || {
                    let s = repo.summary(*o, n);
                    s.error.is_none() && !s.actions.is_empty()
                })
        });
        left_out.then_some(using)
    });
    let narrow = only.is_some();
    let at_start: Vec<(String, ObjectId)> = files
        .into_iter()
        .filter(|(p, _)| only.as_ref().is_none_or(|o| o.contains(p)))
        .collect();
    prefetch(
        repo,
        parsed,
        at_start.iter().map(|(p, o)| (*o, p.as_str())).collect(),
    );
    for (path, oid) in at_start {
        let s = summary(oid, &path);
        if s.error.is_none() && !s.actions.is_empty() {
            open.insert(
                path.clone(),
                Followed {
                    path,
                    blob: oid,
                    plan: s.plan.clone(),
                    actions: points(&s),
                },
            );
        }
    }
    // an action is followed only while the rules read its points (`Follow`); its timeline
    // then ends at its last point they read. Not when two files hold one plan id: of two
    // timelines of one action the first to end is kept, and cutting one would change which.
    let cut = follow != Follow::All && {
        let mut ids = BTreeSet::new();
        open.values().all(|f| ids.insert(f.plan.as_str()))
    };
    let keeps = |p: &Point| !cut || follow.keeps(p, &config.scale);
    if cut {
        for f in open.values_mut() {
            f.actions
                .retain(|_, pts| pts.first().is_some_and(|p| follow.keeps(p, &config.scale)));
        }
        open.retain(|_, f| !f.actions.is_empty());
    }
    // the plan files that differ between two trees: path -> blob in `older` (zero: gone)
    let changed_between = |older: &git2::Tree<'_>,
                           newer: &git2::Tree<'_>|
     -> Result<BTreeMap<String, ObjectId>, Error> {
        let diff = git
            .diff_tree_to_tree(Some(older), Some(newer), None)
            .map_err(err)?;
        let mut changed: BTreeMap<String, ObjectId> = BTreeMap::new();
        for d in diff.deltas() {
            for (f, here) in [(d.old_file(), true), (d.new_file(), false)] {
                if let Some(p) = f.path() {
                    let p = crate::workspace::discover::slash(p);
                    let id = if here {
                        ObjectId::new(f.id())
                    } else {
                        ObjectId::ZERO
                    };
                    let slot = changed.entry(p).or_insert(ObjectId::ZERO);
                    if !id.is_zero() {
                        *slot = id;
                    }
                }
            }
        }
        Ok(changed)
    };
    let mut walk = git.revwalk().map_err(err)?;
    walk.push(start.raw()).map_err(err)?;
    walk.simplify_first_parent().map_err(err)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL).map_err(err)?;
    let day = |c: &git2::Commit<'_>| {
        let t = c.time();
        chrono::DateTime::from_timestamp(
            t.seconds()
                .saturating_add(i64::from(t.offset_minutes()) * 60),
            0,
        )
        .map_or(cutoff, |d| d.date_naive())
    };
    let mut newer: Option<(git2::Tree<'_>, NaiveDate)> = None;
    // the commits taken from the walk, not looked at yet
    let mut ahead: std::collections::VecDeque<git2::Oid> = Default::default();
    let mut ended = false;
    loop {
        if open.is_empty() {
            break;
        }
        if ahead.is_empty() && !ended {
            // the next commits, up to the first older than the cut-off
            let mut batch = Vec::new();
            while batch.len() < AHEAD {
                match walk.next() {
                    Some(Ok(o)) => {
                        batch.push(o);
                        if git.find_commit(o).is_ok_and(|c| day(&c) < cutoff) {
                            ended = true;
                            break;
                        }
                    }
                    _ => {
                        ended = true;
                        break;
                    }
                }
            }
            if !narrow {
                read_ahead(
                    repo,
                    parsed,
                    &batch,
                    newer.as_ref().map(|(t, _)| t),
                    &open.values().map(|f| f.path.as_str()).collect(),
                    &changed_between,
                );
            }
            ahead.extend(batch);
        }
        let Some(oid) = ahead.pop_front() else {
            break;
        };
        let Some((tree, commit)) = git
            .find_commit(oid)
            .ok()
            .and_then(|c| Some((c.tree().ok()?, c)))
        else {
            break;
        };
        let date = day(&commit);
        if let Some((n, newer_date)) = &newer {
            // every plan file that differs from the newer commit (narrowed: taken only when a
            // followed file vanished or changed plan), and the followed paths' blobs here
            let mut all: Option<BTreeMap<String, ObjectId>> = None;
            let mut here: BTreeMap<String, ObjectId> = BTreeMap::new();
            if narrow {
                // a tree's entry by path: the folders on the way, never the whole tree
                for f in open.values() {
                    let at = repo.blob_at(&tree, &f.path).unwrap_or(ObjectId::ZERO);
                    if at != f.blob {
                        here.insert(f.path.clone(), at);
                    }
                }
            } else {
                let changed = changed_between(&tree, n)?;
                here = open
                    .values()
                    .filter_map(|f| Some((f.path.clone(), *changed.get(&f.path)?)))
                    .collect();
                all = Some(changed);
            }
            let touched: Vec<String> = open
                .iter()
                .filter(|(_, f)| here.contains_key(&f.path))
                .map(|(k, _)| k.clone())
                .collect();
            prefetch(
                repo,
                parsed,
                here.iter()
                    .filter(|(_, o)| !o.is_zero())
                    .map(|(p, o)| (*o, p.as_str()))
                    .collect(),
            );
            for k in touched {
                let Some(f) = open.remove(&k) else {
                    continue;
                };
                let Followed {
                    path,
                    plan: plan_id,
                    actions: followed,
                    ..
                } = f;
                let same = |oid: &ObjectId, p: &str| -> Option<Arc<Summary>> {
                    let s = summary(*oid, p);
                    (s.error.is_none() && s.plan == plan_id).then_some(s)
                };
                let mut found = here
                    .get(&path)
                    .filter(|o| !o.is_zero())
                    .and_then(|o| same(o, &path).map(|s| (path.clone(), *o, s)));
                if found.is_none() {
                    // a rename: the plan id in a file that changed here
                    if all.is_none() {
                        all = Some(changed_between(&tree, n)?);
                    }
                    found = all.iter().flatten().find_map(|(p, o)| {
                        if o.is_zero() || !repo.plan_name(p, config) {
                            return None;
                        }
                        same(o, p).map(|s| (p.clone(), *o, s))
                    });
                }
                let older = found
                    .as_ref()
                    .map(|(_, _, s)| points(s))
                    .unwrap_or_default();
                let mut kept = BTreeMap::new();
                for (id, mut pts) in followed {
                    match older.get(&id).and_then(|o| o.first()) {
                        Some(here) => {
                            if pts.last().is_some_and(|p| !p.same_state(here)) {
                                end_run(&mut pts, *newer_date);
                                if !keeps(here) {
                                    finish(&plan_id, id, pts);
                                    continue;
                                }
                                pts.push(here.clone());
                            }
                            kept.insert(id, pts);
                        }
                        None => {
                            end_run(&mut pts, *newer_date);
                            finish(&plan_id, id, pts);
                        }
                    }
                }
                if let Some((p, blob, _)) = found.filter(|_| !kept.is_empty()) {
                    open.insert(
                        k,
                        Followed {
                            path: p,
                            blob,
                            plan: plan_id,
                            actions: kept,
                        },
                    );
                }
            }
            // the timelines kept at this commit continue those still followed
            if !open.is_empty() {
                if let Some(kept) = repo.cache().runs(ObjectId::new(commit.id()), &key) {
                    let kept = from_runs(kept);
                    for (_, f) in std::mem::take(&mut open) {
                        for (id, mut pts) in f.actions {
                            let older = kept.of(&f.plan, &id);
                            match older.split_first() {
                                Some((first, rest))
                                    if pts.last().is_some_and(|p| p.same_state(first)) =>
                                {
                                    end_run(&mut pts, first.since);
                                    pts.extend(rest.iter().cloned());
                                }
                                _ => {
                                    end_run(&mut pts, date);
                                    pts.extend(older.iter().cloned());
                                }
                            }
                            finish(&f.plan, id, pts);
                        }
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
        for (_, f) in open {
            for (id, mut pts) in f.actions {
                end_run(&mut pts, last);
                finish(&f.plan, id, pts);
            }
        }
    }
    let timeline = Timeline { actions: done };
    if !narrow {
        repo.cache().keep_runs(start, &key, &to_runs(&timeline));
    }
    Ok(timeline)
}

/// The plan files that differ between an older tree and a newer one: path -> blob in the older
/// (zero: gone).
type ChangedBetween<'r, 'f> =
    dyn Fn(&git2::Tree<'r>, &git2::Tree<'r>) -> Result<BTreeMap<String, ObjectId>, Error> + 'f;

/// How many commits a whole walk reads ahead (see `read_ahead`).
const AHEAD: usize = 32;

/// Reads, before a whole walk looks at them, the blobs that the followed files (`paths`) have in
/// the next commits (`batch`, oldest last; `newer`: the tree of the commit before them), file by
/// file, each file's versions newest first: git stores a file's older versions as deltas on its
/// newer ones, so each is then one delta from the last one read, not a chain of them (read commit
/// by commit, every blob of a commit costs its whole chain once a commit's files outgrow
/// libgit2's cache of delta bases). The summaries are kept in their compact form.
fn read_ahead<'r>(
    repo: &'r Repo,
    parsed: &HashMap<ObjectId, &Tracked>,
    batch: &[git2::Oid],
    newer: Option<&git2::Tree<'r>>,
    paths: &BTreeSet<&str>,
    changed_between: &ChangedBetween<'r, '_>,
) {
    let git = repo.git();
    let mut prev = newer.cloned();
    let mut wanted: Vec<(String, usize, ObjectId)> = Vec::new();
    for (i, oid) in batch.iter().enumerate() {
        let Some(tree) = git.find_commit(*oid).ok().and_then(|c| c.tree().ok()) else {
            break;
        };
        if let Some(n) = &prev {
            let Ok(changed) = changed_between(&tree, n) else {
                break;
            };
            wanted.extend(
                changed
                    .into_iter()
                    .filter(|(p, o)| !o.is_zero() && paths.contains(p.as_str()))
                    .map(|(p, o)| (p, i, o)),
            );
        }
        prev = Some(tree);
    }
    wanted.sort();
    let mut seen = std::collections::HashSet::new();
    let cache = repo.cache();
    let wanted: Vec<(ObjectId, &str)> = wanted
        .iter()
        .filter(|(_, _, o)| seen.insert(*o) && !cache.in_memory(*o) && !parsed.contains_key(o))
        .map(|(p, _, o)| (*o, p.as_str()))
        .collect();
    repo.prefetch_aside(&wanted);
}

/// Puts the summaries of `wanted` blobs (id, path) in the cache's memory, on every core: the
/// checked plans' parses are summarised as they are; the other blobs not in the cache are read
/// one by one (a libgit2 repository is not shared across threads) and parsed in parallel.
fn prefetch(repo: &Repo, parsed: &HashMap<ObjectId, &Tracked>, wanted: Vec<(ObjectId, &str)>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan `id` whose actions are (id, rating).
    fn plan(id: &str, actions: &[(&str, &str)]) -> String {
        let mut text = format!("schema_version = 1\n[plan]\nid = \"{id}\"\ntitle = \"t\"\n");
        for (a, rag) in actions {
            text.push_str(&format!(
                "[[actions]]\nid = \"{a}\"\ntitle = \"a\"\nrag = \"{rag}\"\n"
            ));
        }
        text
    }

    /// Commits the work tree as it is now, dated `day`.
    fn commit(repo: &git2::Repository, day: &str) -> ObjectId {
        let mut index = repo.index().expect("index");
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .expect("add");
        index.update_all(["*"], None).expect("update");
        index.write().expect("write index");
        let tree = repo
            .find_tree(index.write_tree().expect("tree"))
            .expect("tree");
        let secs = day
            .parse::<NaiveDate>()
            .expect("date")
            .and_hms_opt(12, 0, 0)
            .expect("time")
            .and_utc()
            .timestamp();
        let sig = git2::Signature::new("t", "t@example.org", &git2::Time::new(secs, 0))
            .expect("signature");
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        ObjectId::new(
            repo.commit(Some("HEAD"), &sig, &sig, day, &tree, &parents)
                .expect("commit"),
        )
    }

    fn since(points: &[Point]) -> Vec<(String, String)> {
        points
            .iter()
            .map(|p| (p.since.to_string(), p.rag.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn the_timeline_follows_each_action_through_changes_and_a_rename() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let git = git2::Repository::init(d).expect("init");
        std::fs::write(d.join("planlint.toml"), "").expect("config");
        std::fs::create_dir(d.join("plans")).expect("plans");
        let write = |name: &str, text: String| {
            std::fs::write(d.join("plans").join(name), text).expect("write")
        };
        write("a.toml", plan("p", &[("1", "amber"), ("2", "green")]));
        commit(&git, "2015-01-10");
        write("a.toml", plan("p", &[("1", "red"), ("2", "green")]));
        commit(&git, "2015-03-10");
        std::fs::remove_file(d.join("plans/a.toml")).expect("rm");
        write(
            "b.toml",
            plan("p", &[("1", "red"), ("2", "green"), ("3", "amber")]),
        );
        commit(&git, "2015-05-10");
        write("q.toml", plan("q", &[("x", "green")]));
        let start = commit(&git, "2015-07-10");

        let config = Config::discover(d, &crate::lint::names()).expect("config");
        let repo = Repo::open(&config, crate::git::cache::Options::default()).expect("repo");
        let parsed = HashMap::new();
        let t = timeline_at(
            &repo,
            &config,
            start,
            &parsed,
            (NaiveDate::MIN, Follow::All),
            None,
        )
        .expect("timeline");
        let day = |d: &str, r: &str| (d.to_string(), r.to_string());
        // newest first; a run's date is its oldest commit's; the rename is followed
        assert_eq!(
            since(t.of("p", "1")),
            vec![day("2015-03-10", "red"), day("2015-01-10", "amber")]
        );
        assert_eq!(since(t.of("p", "2")), vec![day("2015-01-10", "green")]);
        // added at 2015-05-10: its timeline ends there
        assert_eq!(since(t.of("p", "3")), vec![day("2015-05-10", "amber")]);
        assert_eq!(since(t.of("q", "x")), vec![day("2015-07-10", "green")]);
        assert_eq!(t.actions.len(), 4);
        repo.cache().flush();

        // kept per commit: the next run reads it back, the same
        let again = Repo::open(&config, crate::git::cache::Options::default()).expect("repo");
        let kept = timeline_at(
            &again,
            &config,
            start,
            &parsed,
            (NaiveDate::MIN, Follow::All),
            None,
        )
        .expect("kept");
        assert_eq!(kept, t);
        assert_eq!(again.cache().stats().parsed, 0);

        // narrowed to plan p: its actions' timelines are the whole walk's, q's are not walked
        let fresh = Repo::open(
            &config,
            crate::git::cache::Options {
                enabled: false,
                ..Default::default()
            },
        )
        .expect("repo");
        let ids: BTreeSet<String> = ["p".to_string()].into();
        let narrow = timeline_at(
            &fresh,
            &config,
            start,
            &parsed,
            (NaiveDate::MIN, Follow::All),
            Some(&ids),
        )
        .expect("p");
        let mut only_p = t.clone();
        only_p.actions.retain(|(plan, _), _| plan == "p");
        assert_eq!(narrow, only_p);

        // a cut-off: the walk stops at the first commit older than it
        let cut: NaiveDate = "2015-04-01".parse().expect("date");
        let t = timeline_at(&again, &config, start, &parsed, (cut, Follow::All), None)
            .expect("timeline");
        assert_eq!(since(t.of("p", "1")), vec![day("2015-03-10", "red")]);
        assert_eq!(since(t.of("p", "2")), vec![day("2015-03-10", "green")]);
    }
}
