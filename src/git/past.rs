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
use crate::lint::past::{Needs, Past, Point, Timeline};
use crate::plan::load::PlanFile;
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
        others,
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
    if let Some(base) = base.filter(|_| needs.before) {
        let date = repo.commit_date(base.commit).unwrap_or(NaiveDate::MIN);
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
        let parsed: HashMap<ObjectId, &PlanFile> = plans
            .iter()
            .filter_map(|p| Some((*oids.get(p.source.name.as_str())?, p)))
            .collect();
        past.timeline = timeline_at(repo, config, start, &parsed, cutoff)?;
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
fn runs_key(repo: &Repo, config: &Config, cutoff: NaiveDate) -> String {
    let what = format!(
        "timeline|{:?}|{:?}|{:?}|{}|{cutoff}|{}",
        config.include,
        config.include_set,
        config.exclude_set,
        repo.prefix,
        repo.is_shallow()
    );
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
/// cache or by walking first parents.
///
/// One walk serves every plan: between two commits only the plan files git reports as changed
/// are looked at (a tree diff skips unchanged folders), through their cached summaries, and a
/// plan whose file vanished is looked for among the changed files by its plan id (a rename).
/// The walk stops once every action's timeline has ended, once it is older than the cut-off,
/// or at a commit whose timeline is kept (the timelines continue from there). At a shallow
/// clone's boundary the timelines end there.
fn timeline_at(
    repo: &Repo,
    config: &Config,
    start: ObjectId,
    parsed: &HashMap<ObjectId, &PlanFile>,
    cutoff: NaiveDate,
) -> Result<Timeline, Error> {
    let key = runs_key(repo, config, cutoff);
    if let Some(runs) = repo.cache().runs(start, &key) {
        return Ok(from_runs(runs));
    }
    let git = repo.git();
    let err = |e: git2::Error| Error::Git(format!("cannot walk history: {}", e.message()));
    let summary = |oid: ObjectId, name: &str| -> Arc<Summary> {
        match parsed.get(&oid) {
            Some(p) => {
                repo.cache().remember(oid, p);
                repo.cache().summary(oid, || Err(String::new()))
            }
            None => repo.summary(oid, name),
        }
    };
    type Followed = (String, String, BTreeMap<String, Vec<Point>>);
    // the path at `start` -> (the path in the commit being looked at, plan id, each action
    // still followed with its points so far: the last is the run being followed)
    let mut open: BTreeMap<String, Followed> = BTreeMap::new();
    let mut done: HashMap<(String, String), Vec<Point>> = HashMap::new();
    let mut finish = |plan: &str, id: String, pts: Vec<Point>| {
        done.entry((plan.to_string(), id)).or_insert(pts);
    };
    let at_start = repo.tree_files(start, config)?;
    prefetch(
        repo,
        parsed,
        at_start.iter().map(|(p, e)| (e.oid, p.as_str())).collect(),
    );
    for (path, e) in at_start {
        let s = summary(e.oid, &path);
        if s.error.is_none() && !s.actions.is_empty() {
            open.insert(path.clone(), (path, s.plan.clone(), points(&s)));
        }
    }
    let mut walk = git.revwalk().map_err(err)?;
    walk.push(start.raw()).map_err(err)?;
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
                let Some((path, plan_id, followed)) = open.remove(&k) else {
                    continue;
                };
                let same = |oid: &ObjectId, p: &str| -> Option<Arc<Summary>> {
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
                let older = found.as_ref().map(|(_, s)| points(s)).unwrap_or_default();
                let mut kept = BTreeMap::new();
                for (id, mut pts) in followed {
                    match older.get(&id).and_then(|o| o.first()) {
                        Some(here) => {
                            if pts.last().is_some_and(|p| !p.same_state(here)) {
                                end_run(&mut pts, *newer_date);
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
                if let Some((p, _)) = found.filter(|_| !kept.is_empty()) {
                    open.insert(k, (p, plan_id, kept));
                }
            }
            // the timelines kept at this commit continue those still followed
            if !open.is_empty() {
                if let Some(kept) = repo.cache().runs(ObjectId::new(commit.id()), &key) {
                    let kept = from_runs(kept);
                    for (_, (_, plan_id, followed)) in std::mem::take(&mut open) {
                        for (id, mut pts) in followed {
                            let older = kept.of(&plan_id, &id);
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
                            finish(&plan_id, id, pts);
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
        for (_, (_, plan_id, followed)) in open {
            for (id, mut pts) in followed {
                end_run(&mut pts, last);
                finish(&plan_id, id, pts);
            }
        }
    }
    let timeline = Timeline { actions: done };
    repo.cache().keep_runs(start, &key, &to_runs(&timeline));
    Ok(timeline)
}

/// Puts the summaries of `wanted` blobs (id, path) in the cache's memory, on every core: the
/// checked plans' parses are summarised as they are; the other blobs not in the cache are read
/// one by one (a libgit2 repository is not shared across threads) and parsed in parallel.
fn prefetch(repo: &Repo, parsed: &HashMap<ObjectId, &PlanFile>, wanted: Vec<(ObjectId, &str)>) {
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
        let t = timeline_at(&repo, &config, start, &parsed, NaiveDate::MIN).expect("timeline");
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
        let kept = timeline_at(&again, &config, start, &parsed, NaiveDate::MIN).expect("kept");
        assert_eq!(kept, t);
        assert_eq!(again.cache().stats().parsed, 0);

        // a cut-off: the walk stops at the first commit older than it
        let cut: NaiveDate = "2015-04-01".parse().expect("date");
        let t = timeline_at(&again, &config, start, &parsed, cut).expect("timeline");
        assert_eq!(since(t.of("p", "1")), vec![day("2015-03-10", "red")]);
        assert_eq!(since(t.of("p", "2")), vec![day("2015-03-10", "green")]);
    }
}
