//! An action through git history: `planlint history ACTION-ID [--plan ID]`, and the history
//! facts the history-aware rules read (`silent-reschedule`, `amber-drift`).
//!
//! The walk follows first parents from a start commit, newest first, reads a plan's blob only
//! when it differs from the newer commit's, and follows the plan across renames by its plan id
//! (a file that vanished is looked for among the files that changed in that commit).

use crate::git::ObjectId;
use crate::git::Repo;
use crate::plan::load::PlanFile;
use crate::plan::model::Action;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use git2::Sort;
use serde::Serialize;
use std::collections::HashMap;
use std::rc::Rc;

/// A commit as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub commit: ObjectId,
    /// The committer's date (when the change landed), in the committer's time zone.
    pub date: NaiveDate,
    pub author: String,
}

/// What the timeline tracks about an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct State {
    pub rating: Option<String>,
    pub status: Option<String>,
    pub due: Option<String>,
}

impl State {
    pub fn of(a: &Action, config: &Config) -> State {
        State {
            rating: crate::diff::rating(a, &config.scale),
            status: a.status().map(|s| s.as_str().to_string()),
            due: a.due.as_ref().map(|d| d.get_ref().display()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    Added,
    Changed,
    Removed,
}

/// One commit where the action changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    pub commit: String,
    pub date: String,
    pub author: String,
    /// The plan's file in that commit.
    pub file: String,
    pub event: Event,
    pub rating: Option<String>,
    pub status: Option<String>,
    pub due: Option<String>,
}

/// `history --format json`: the action and its timeline, newest first.
#[derive(Debug, Serialize)]
pub struct Timeline {
    pub plan: String,
    pub action: String,
    pub timeline: Vec<Point>,
}

/// A plan's blob at one commit, read once per blob id.
enum Seen {
    Plan(Rc<PlanFile>),
    /// The file is there but is not a readable plan with this id at this commit.
    Unreadable,
    Absent,
}

fn revision(commit: &git2::Commit<'_>) -> Revision {
    let t = commit.time();
    let secs = t
        .seconds()
        .saturating_add(i64::from(t.offset_minutes()) * 60);
    let date = chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default();
    Revision {
        commit: ObjectId::new(commit.id()),
        date,
        author: commit.author().name().unwrap_or("?").to_string(),
    }
}

/// Walks one plan back through first-parent history from `start`, calling `visit` with each
/// commit, the plan's path there and the plan (newest first). Stops when `visit` says so, when
/// the plan is not in a commit (it did not exist yet), or at the root. A shallow clone whose
/// boundary is reached while the plan still exists is an error naming the fix.
pub fn walk_plan(
    repo: &Repo,
    config: &Config,
    start: ObjectId,
    plan_id: &str,
    path: &str,
    mut visit: impl FnMut(&Revision, &str, &PlanFile) -> bool,
) -> Result<(), Error> {
    let git = repo.git();
    let err = |e: git2::Error| Error::Git(format!("cannot walk history: {}", e.message()));
    let mut walk = git.revwalk().map_err(err)?;
    walk.push(start.raw()).map_err(err)?;
    walk.simplify_first_parent().map_err(err)?;
    walk.set_sorting(Sort::TOPOLOGICAL).map_err(err)?;
    let boundary = repo.shallow_boundary();
    let mut path = path.to_string();
    let mut cache: HashMap<ObjectId, Option<Rc<PlanFile>>> = HashMap::new();
    let mut newer: Option<git2::Tree<'_>> = None;
    for oid in walk {
        let oid = ObjectId::new(oid.map_err(|_| repo.missing_history("a parent commit"))?);
        let commit = git
            .find_commit(oid.raw())
            .map_err(|_| repo.missing_history(&format!("commit {oid}")))?;
        let tree = commit
            .tree()
            .map_err(|_| repo.missing_history(&format!("the tree of {oid}")))?;
        let mut seen = match repo.blob_at(&tree, &path) {
            Some(blob) => match cache
                .entry(blob)
                .or_insert_with(|| parse(repo, blob, &path, plan_id))
            {
                Some(p) => Seen::Plan(p.clone()),
                None => Seen::Unreadable,
            },
            None => Seen::Absent,
        };
        if !matches!(seen, Seen::Plan(_)) {
            if let Some(newer) = &newer {
                if let Some((p, file)) = renamed(repo, config, &tree, newer, plan_id)? {
                    path = p;
                    seen = Seen::Plan(Rc::new(file));
                }
            }
        }
        match seen {
            Seen::Plan(p) => {
                if !visit(&revision(&commit), &path, &p) {
                    return Ok(());
                }
                if boundary.contains(&oid) && commit.parent_count() == 0 {
                    return Err(repo.missing_history(&format!(
                        "the history of plan `{plan_id}` before commit {}",
                        &oid.to_string()[..7]
                    )));
                }
            }
            // a commit where the plan could not be read says nothing about the action
            Seen::Unreadable => {}
            Seen::Absent => return Ok(()),
        }
        newer = Some(tree);
    }
    Ok(())
}

fn parse(repo: &Repo, blob: ObjectId, path: &str, plan_id: &str) -> Option<Rc<PlanFile>> {
    let bytes = repo.blob(blob).ok()?;
    let plan = crate::plan::load::read_plan(path, bytes.content()).ok()?;
    (plan.plan.id() == plan_id).then(|| Rc::new(plan))
}

/// The file holding `plan_id` in `tree` among the files that differ from the newer tree's.
pub(in crate::git) fn renamed(
    repo: &Repo,
    config: &Config,
    tree: &git2::Tree<'_>,
    newer: &git2::Tree<'_>,
    plan_id: &str,
) -> Result<Option<(String, PlanFile)>, Error> {
    let here = files_of(repo, config, tree)?;
    let there = files_of(repo, config, newer)?;
    let needle = format!("\"{plan_id}\"");
    for (name, oid) in here {
        if there.get(&name) == Some(&oid) {
            continue;
        }
        let Ok(blob) = repo.blob(oid) else {
            continue;
        };
        // cheap filter before parsing: the id must appear quoted in the text
        if !contains(blob.content(), needle.as_bytes()) {
            continue;
        }
        if let Ok(p) = crate::plan::load::read_plan(&name, blob.content()) {
            if p.plan.id() == plan_id {
                return Ok(Some((name, p)));
            }
        }
    }
    Ok(None)
}

fn files_of(
    repo: &Repo,
    config: &Config,
    tree: &git2::Tree<'_>,
) -> Result<HashMap<String, ObjectId>, Error> {
    Ok(repo
        .tree_files_of(tree, config)?
        .into_iter()
        .map(|(k, v)| (k, v.oid))
        .collect())
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Finds which plan (and file) holds `action` at `start`: with `plan`, that plan; without, the
/// only plan with such an action, or an error listing the plans that have one.
pub fn locate(
    repo: &Repo,
    config: &Config,
    start: ObjectId,
    action: &str,
    plan: Option<&str>,
) -> Result<(String, String), Error> {
    let files = repo.tree_files(start, config)?;
    let needle = format!("\"{}\"", plan.unwrap_or(action));
    let mut hits: Vec<(String, String)> = Vec::new();
    for (name, entry) in &files {
        let Ok(bytes) = repo.bytes(entry) else {
            continue;
        };
        if !contains(&bytes, needle.as_bytes()) {
            continue;
        }
        let Ok(p) = crate::plan::load::read_plan(name, &bytes) else {
            continue;
        };
        if plan.is_some_and(|id| id != p.plan.id()) {
            continue;
        }
        if p.plan
            .actions
            .iter()
            .any(|a| a.get_ref().id.get_ref() == action)
        {
            hits.push((p.plan.id().to_string(), name.clone()));
        }
    }
    hits.sort();
    hits.dedup_by(|a, b| a.0 == b.0);
    match (hits.len(), plan) {
        (1, _) => Ok(hits.remove(0)),
        (0, Some(p)) => Err(Error::Usage(format!(
            "no action `{action}` in plan `{p}` at HEAD"
        ))),
        (0, None) => Err(Error::Usage(format!(
            "no plan has an action `{action}` at HEAD"
        ))),
        _ => {
            // a few by name, then the count: a thousand plans make no readable line
            const NAMED: usize = 5;
            let mut named = hits
                .iter()
                .take(NAMED)
                .map(|(p, f)| format!("{p} ({f})"))
                .collect::<Vec<_>>()
                .join(", ");
            if hits.len() > NAMED {
                named.push_str(&format!(" and {} more", hits.len() - NAMED));
            }
            Err(Error::Usage(format!(
                "action `{action}` is in {} plans: {named}; say which with --plan PLAN-ID",
                hits.len()
            )))
        }
    }
}

/// The timeline of one action from `start` back, newest first: only commits where its rating,
/// status or due changed, where it was added, or where it was removed.
pub fn timeline(
    repo: &Repo,
    config: &Config,
    start: ObjectId,
    action: &str,
    plan: Option<&str>,
) -> Result<Timeline, Error> {
    let (plan_id, path) = locate(repo, config, start, action, plan)?;
    // newest first: (revision, file, state when the action is there)
    let mut states: Vec<(Revision, String, Option<State>)> = Vec::new();
    walk_plan(repo, config, start, &plan_id, &path, |rev, file, p| {
        let state = p
            .plan
            .actions
            .iter()
            .map(|a| a.get_ref())
            .find(|a| a.id.get_ref() == action)
            .map(|a| State::of(a, config));
        states.push((rev.clone(), file.to_string(), state));
        true
    })?;
    let mut points = Vec::new();
    let mut prev: Option<State> = None;
    for (rev, file, state) in states.into_iter().rev() {
        if state == prev {
            continue;
        }
        let (event, shown) = match (&prev, &state) {
            (None, Some(s)) => (Event::Added, s.clone()),
            (Some(_), Some(s)) => (Event::Changed, s.clone()),
            (_, None) => (
                Event::Removed,
                State {
                    rating: None,
                    status: None,
                    due: None,
                },
            ),
        };
        points.push(Point {
            commit: rev.commit.to_string(),
            date: rev.date.to_string(),
            author: rev.author,
            file,
            event,
            rating: shown.rating,
            status: shown.status,
            due: shown.due,
        });
        prev = state;
    }
    points.reverse();
    Ok(Timeline {
        plan: plan_id,
        action: action.to_string(),
        timeline: points,
    })
}
