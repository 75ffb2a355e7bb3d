//! Review-cycle reports (`planlint report FROM [TO]`): what a board asks between two review
//! points. What got worse or better, what fell overdue, which due dates slipped, who has not
//! updated, what was added, completed or withdrawn, what the linter says now, and (with
//! `--cycles`) how the ratings moved over every review.
//!
//! `build` is pure: two sets of plans, the linter's outcome and the cycle counts in, a `Report`
//! out. `gather` is the git edge that reads them; `markdown`, `html` and `json` are views.

use crate::diff::{self, natural};
use crate::git::{self, Repo, Resolved, Side, Snapshot};
use crate::lint::check::Outcome;
use crate::plan::finding::{Severity, Summary};
use crate::plan::load::PlanFile;
use crate::plan::model::{Action, Status};
use crate::plan::rating::Scale;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use git2::Oid;
use rayon::prelude::*;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub mod html;
pub mod markdown;

/// The key actions without a rating are counted under (always last in `ratings`).
pub const UNRATED: &str = "unrated";

/// How to write the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// For a board paper or a pull-request comment (GitHub-flavoured)
    #[default]
    Markdown,
    /// One self-contained web page (inline CSS and SVG)
    Html,
    /// Everything, for other tools
    Json,
}

/// One end of the report: the revision as given, its commit and the commit's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    pub rev: String,
    pub commit: Option<String>,
    #[serde(serialize_with = "opt_day")]
    pub date: Option<NaiveDate>,
}

/// How many actions carry each rating (every rating of the report, zeros included).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dist {
    pub ratings: BTreeMap<String, usize>,
    pub total: usize,
}

impl Dist {
    fn add(&mut self, rating: &str, n: usize) {
        *self.ratings.entry(rating.to_string()).or_default() += n;
        self.total += n;
    }

    fn merge(&mut self, other: &Dist) {
        for (k, n) in &other.ratings {
            self.add(k, *n);
        }
    }

    /// The count for one rating (0 when absent).
    pub fn get(&self, rating: &str) -> usize {
        self.ratings.get(rating).copied().unwrap_or(0)
    }

    /// A by-plan cell's two counts, then and now, as text: the count of `rating` (the total when
    /// `None`), or "–" where the plan did not exist on that side.
    pub fn then_now(
        then: Option<&Dist>,
        now: Option<&Dist>,
        rating: Option<&str>,
    ) -> (String, String) {
        let n = |d: Option<&Dist>| {
            d.map_or("–".to_string(), |d| {
                rating.map_or(d.total, |k| d.get(k)).to_string()
            })
        };
        (n(then), n(now))
    }

    /// Gives every rating of the report a count, so JSON readers see zeros, not gaps.
    fn fill(&mut self, ratings: &[String]) {
        for r in ratings {
            self.ratings.entry(r.clone()).or_default();
        }
    }
}

/// An action as the lists name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRef {
    pub plan: String,
    pub action: String,
    pub title: String,
    pub file: String,
}

/// A rating change of one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    #[serde(flatten)]
    pub action: ActionRef,
    pub from: String,
    pub to: String,
    /// How many places on the scale it moved.
    pub steps: usize,
}

/// An open action whose due date fell between FROM and the as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    #[serde(flatten)]
    pub action: ActionRef,
    #[serde(serialize_with = "day")]
    pub due: NaiveDate,
    pub due_text: String,
    pub days_overdue: i64,
    pub rating: Option<String>,
}

/// A due date that moved later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slipped {
    #[serde(flatten)]
    pub action: ActionRef,
    #[serde(serialize_with = "day")]
    pub from: NaiveDate,
    #[serde(serialize_with = "day")]
    pub to: NaiveDate,
    pub from_text: String,
    pub to_text: String,
    pub days: i64,
}

/// An open action with no update dated after FROM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stale {
    #[serde(flatten)]
    pub action: ActionRef,
    #[serde(serialize_with = "opt_day")]
    pub last_update: Option<NaiveDate>,
    pub rating: Option<String>,
}

/// One plan's rating counts at both ends (`None` where the plan does not exist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanRow {
    pub plan: String,
    pub title: String,
    pub file: String,
    pub from: Option<Dist>,
    pub to: Option<Dist>,
}

/// How many actions went from one rating to another (the diagonal is "unchanged").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub from: String,
    pub to: String,
    pub count: usize,
}

/// A linter finding at TO, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingRow {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub plan: Option<String>,
    pub action: Option<String>,
    pub message: String,
}

/// The findings of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleGroup {
    pub rule: String,
    pub severity: Severity,
    pub count: usize,
    pub findings: Vec<FindingRow>,
}

/// The rating distribution at one review tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cycle {
    pub tag: String,
    pub commit: String,
    #[serde(serialize_with = "opt_day")]
    pub date: Option<NaiveDate>,
    pub counts: Dist,
}

/// Rating counts at both ends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub from: Dist,
    pub to: Dist,
}

/// The whole report; every view renders this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub from: Point,
    pub to: Point,
    #[serde(serialize_with = "day")]
    pub as_of: NaiveDate,
    /// Every rating the report counts, worst first; off-scale ratings, then `unrated`, last.
    pub ratings: Vec<String>,
    pub totals: Totals,
    pub plans: Vec<PlanRow>,
    pub transitions: Vec<Transition>,
    pub worsened: Vec<Moved>,
    pub improved: Vec<Moved>,
    pub newly_overdue: Vec<Overdue>,
    pub slipped: Vec<Slipped>,
    pub not_updated: Vec<Stale>,
    pub added: Vec<ActionRef>,
    pub completed: Vec<ActionRef>,
    pub withdrawn: Vec<ActionRef>,
    pub removed: Vec<ActionRef>,
    pub findings: Vec<RuleGroup>,
    pub findings_summary: Summary,
    pub cycles: Vec<Cycle>,
    /// Files that could not be read as plans (left out of the counts), with the reason.
    pub unreadable: Vec<String>,
}

fn day<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

fn opt_day<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// What `build` needs: both ends' plans, the linter's outcome at TO, the cycles' counts.
pub struct Input<'a> {
    pub from: Point,
    pub to: Point,
    pub as_of: NaiveDate,
    pub from_plans: &'a [&'a PlanFile],
    pub to_plans: &'a [&'a PlanFile],
    pub scale: &'a Scale,
    pub outcome: Option<&'a Outcome>,
    pub cycles: Vec<Cycle>,
    pub unreadable: Vec<String>,
}

/// The rating key an action is counted under.
fn key(a: &Action, scale: &Scale) -> String {
    diff::rating(a, scale).unwrap_or_else(|| UNRATED.to_string())
}

/// Rating counts of one plan.
pub fn dist(p: &PlanFile, scale: &Scale) -> Dist {
    let mut d = Dist::default();
    for a in &p.plan.actions {
        d.add(&key(a.get_ref(), scale), 1);
    }
    d
}

/// Rating counts straight from a file's bytes, for the trend: only the ratings are kept, which
/// is several times cheaper than the full model when every cycle holds a thousand plans.
/// `None` for a file that is not a plan (as `git::read_plan` would refuse it, near enough).
pub fn quick_dist(bytes: &[u8], scale: &Scale) -> Option<Dist> {
    #[derive(serde::Deserialize)]
    struct Lite {
        #[allow(dead_code)]
        plan: serde::de::IgnoredAny,
        #[serde(default)]
        actions: Vec<LiteAction>,
    }
    #[derive(serde::Deserialize)]
    struct LiteAction {
        rag: Option<String>,
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lite: Lite = toml::from_str(text).ok()?;
    let mut d = Dist::default();
    for a in &lite.actions {
        let k = match &a.rag {
            Some(r) => scale
                .resolve(r)
                .map_or_else(|| crate::plan::rating::normalise(r), |x| x.name.to_string()),
            None => UNRATED.to_string(),
        };
        d.add(&k, 1);
    }
    Some(d)
}

/// Plans by id (the first file wins, as in `diff`), actions by id (the first wins).
type Index<'a> = BTreeMap<&'a str, (&'a PlanFile, HashMap<&'a str, &'a Action>)>;

fn index<'a>(plans: &[&'a PlanFile]) -> Index<'a> {
    let mut m: Index<'a> = BTreeMap::new();
    for p in plans {
        m.entry(p.plan.id()).or_insert_with(|| {
            let mut actions = HashMap::new();
            for a in &p.plan.actions {
                let a = a.get_ref();
                actions.entry(a.id.get_ref().as_str()).or_insert(a);
            }
            (*p, actions)
        });
    }
    m
}

fn action_ref(plan: &str, file: &PlanFile, a: &Action) -> ActionRef {
    ActionRef {
        plan: plan.to_string(),
        action: a.id.get_ref().clone(),
        title: a.title.get_ref().clone(),
        file: file.source.name.clone(),
    }
}

/// The sort key of an action's place: plan id, then action id in natural order.
fn place(a: &ActionRef) -> (String, Vec<(u64, String)>) {
    (a.plan.clone(), natural(&a.action))
}

/// Actions of a plan in natural id order.
fn sorted<'a>(actions: &HashMap<&'a str, &'a Action>) -> Vec<(&'a str, &'a Action)> {
    let mut v: Vec<(&str, &Action)> = actions.iter().map(|(k, a)| (*k, *a)).collect();
    v.sort_by_cached_key(|(k, _)| natural(k));
    v
}

/// Builds the report from both ends' plans. Pure: no git, no clock.
pub fn build(input: Input<'_>) -> Report {
    let scale = input.scale;
    let before = index(input.from_plans);
    let after = index(input.to_plans);
    let from_day = input.from.date;
    let as_of = input.as_of;

    let mut totals = Totals::default();
    let mut plans = Vec::new();
    let ids: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    for id in &ids {
        let a = before.get(id).map(|(p, _)| dist(p, scale));
        let b = after.get(id).map(|(p, _)| dist(p, scale));
        if let Some(d) = &a {
            totals.from.merge(d);
        }
        if let Some(d) = &b {
            totals.to.merge(d);
        }
        let (file, _) = after
            .get(id)
            .or_else(|| before.get(id))
            .expect("the id came from one of the two indexes");
        plans.push(PlanRow {
            plan: id.to_string(),
            title: file.plan.plan.get_ref().title.get_ref().clone(),
            file: file.source.name.clone(),
            from: a,
            to: b,
        });
    }

    let mut matrix: BTreeMap<(String, String), usize> = BTreeMap::new();
    let (mut worsened, mut improved, mut newly_overdue, mut slipped, mut not_updated) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut added, mut completed, mut withdrawn, mut removed) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());

    for (id, (file, actions)) in &after {
        let old = before.get(id);
        for (aid, new) in sorted(actions) {
            let r = || action_ref(id, file, new);
            let prev = old.and_then(|(_, acts)| acts.get(aid).copied());
            let Some(prev) = prev else {
                added.push(r());
                continue;
            };
            let (ka, kb) = (key(prev, scale), key(new, scale));
            *matrix.entry((ka.clone(), kb.clone())).or_default() += 1;
            let rank = |a: &Action| {
                a.rag
                    .as_ref()
                    .and_then(|x| scale.resolve(x.get_ref()))
                    .map(|x| x.rank)
            };
            if let (Some(x), Some(y)) = (rank(prev), rank(new)) {
                let moved = |steps| Moved {
                    action: r(),
                    from: ka.clone(),
                    to: kb.clone(),
                    steps,
                };
                if y < x {
                    worsened.push((y, moved(x - y)));
                } else if y > x {
                    improved.push((y, moved(y - x)));
                }
            }
            if new.status() != prev.status() {
                match new.status() {
                    Some(Status::Complete) => completed.push(r()),
                    Some(Status::Withdrawn) => withdrawn.push(r()),
                    _ => {}
                }
            }
            let due = |a: &Action| {
                a.due
                    .as_ref()
                    .map(|d| d.get_ref())
                    .and_then(|d| diff::due_date(Some(d)).map(|x| (x, d.display())))
            };
            if let (Some((da, ta)), Some((db, tb))) = (due(prev), due(new)) {
                if db > da {
                    slipped.push(Slipped {
                        action: r(),
                        from: da,
                        to: db,
                        from_text: ta,
                        to_text: tb,
                        days: (db - da).num_days(),
                    });
                }
            }
            if !new.is_open() {
                continue;
            }
            if let Some(since) = from_day {
                let last = new.latest_update().map(|u| u.date.get_ref().0);
                if last.map_or(true, |d| d <= since) {
                    not_updated.push(Stale {
                        action: r(),
                        last_update: last,
                        rating: diff::rating(new, scale),
                    });
                }
            }
        }
        // newly overdue counts actions added since FROM as well as old ones
        for (_, new) in sorted(actions) {
            if !new.is_open() {
                continue;
            }
            let Some(d) = new.due.as_ref().map(|d| d.get_ref()) else {
                continue;
            };
            let Some(due) = diff::due_date(Some(d)) else {
                continue;
            };
            let since = from_day.unwrap_or(as_of);
            if since <= due && due < as_of {
                newly_overdue.push(Overdue {
                    action: action_ref(id, file, new),
                    due,
                    due_text: d.display(),
                    days_overdue: (as_of - due).num_days(),
                    rating: diff::rating(new, scale),
                });
            }
        }
    }
    for (id, (file, actions)) in &before {
        let now = after.get(id);
        for (aid, a) in sorted(actions) {
            if now.map_or(true, |(_, acts)| !acts.contains_key(aid)) {
                removed.push(action_ref(id, file, a));
            }
        }
    }

    // worst first: the lowest rating now, then the longest fall (keys are computed once: the
    // lists run to tens of thousands of actions in a large programme)
    use std::cmp::Reverse;
    worsened.sort_by_cached_key(|(y, m)| (*y, Reverse(m.steps), place(&m.action)));
    improved.sort_by_cached_key(|(y, m)| (Reverse(*y), Reverse(m.steps), place(&m.action)));
    newly_overdue.sort_by_cached_key(|o| (Reverse(o.days_overdue), place(&o.action)));
    slipped.sort_by_cached_key(|x| (Reverse(x.days), place(&x.action)));
    not_updated.sort_by_cached_key(|x| (x.last_update, place(&x.action)));
    for list in [&mut added, &mut completed, &mut withdrawn, &mut removed] {
        list.sort_by_cached_key(place);
    }

    let mut ratings: Vec<String> = scale.names().map(str::to_string).collect();
    let mut extra: BTreeSet<String> = BTreeSet::new();
    let seen = totals
        .from
        .ratings
        .keys()
        .chain(totals.to.ratings.keys())
        .chain(input.cycles.iter().flat_map(|c| c.counts.ratings.keys()));
    for k in seen {
        if k != UNRATED && !ratings.contains(k) {
            extra.insert(k.clone());
        }
    }
    ratings.extend(extra);
    ratings.push(UNRATED.to_string());

    let order = |k: &str| ratings.iter().position(|r| r == k).unwrap_or(usize::MAX);
    let mut transitions: Vec<Transition> = matrix
        .into_iter()
        .map(|((from, to), count)| Transition { from, to, count })
        .collect();
    transitions.sort_by_key(|t| (order(&t.from), order(&t.to)));

    totals.from.fill(&ratings);
    totals.to.fill(&ratings);
    for p in &mut plans {
        for d in [&mut p.from, &mut p.to].into_iter().flatten() {
            d.fill(&ratings);
        }
    }
    let mut cycles = input.cycles;
    for c in &mut cycles {
        c.counts.fill(&ratings);
    }

    let (findings, findings_summary) = match input.outcome {
        Some(o) => (group(o), Summary::of(&o.findings)),
        None => (Vec::new(), Summary::default()),
    };

    Report {
        from: input.from,
        to: input.to,
        as_of,
        ratings,
        totals,
        plans,
        transitions,
        worsened: worsened.into_iter().map(|(_, m)| m).collect(),
        improved: improved.into_iter().map(|(_, m)| m).collect(),
        newly_overdue,
        slipped,
        not_updated,
        added,
        completed,
        withdrawn,
        removed,
        findings,
        findings_summary,
        cycles,
        unreadable: input.unreadable,
    }
}

/// Findings grouped by rule: errors first, then by how many, then by name.
fn group(o: &Outcome) -> Vec<RuleGroup> {
    let mut groups: BTreeMap<&str, RuleGroup> = BTreeMap::new();
    for f in &o.findings {
        let g = groups.entry(f.rule).or_insert_with(|| RuleGroup {
            rule: f.rule.to_string(),
            severity: f.severity,
            count: 0,
            findings: Vec::new(),
        });
        g.severity = g.severity.max(f.severity);
        g.count += 1;
        g.findings.push(FindingRow {
            file: f.file.clone(),
            line: f.line,
            column: f.column,
            plan: f.plan.clone(),
            action: f.action.clone(),
            message: f.message.clone(),
        });
    }
    let mut v: Vec<RuleGroup> = groups.into_values().collect();
    v.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.severity),
            std::cmp::Reverse(a.count),
            &a.rule,
        )
            .cmp(&(
                std::cmp::Reverse(b.severity),
                std::cmp::Reverse(b.count),
                &b.rule,
            ))
    });
    v
}

/// The JSON view: the `Report` as it is.
pub fn json(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).expect("a report is plain data");
    s.push('\n');
    s
}

// ---- the git edge ----------------------------------------------------------------------------

/// What the command asked for.
pub struct Options<'a> {
    pub from: &'a str,
    pub to: Option<&'a str>,
    pub as_of: Option<NaiveDate>,
    pub cycles: Option<&'a str>,
    /// The date when neither `--as-of` nor TO's commit gives one.
    pub today: NaiveDate,
}

/// The committer's calendar date of a side's commit (`None` for the index and work tree).
fn point(repo: &Repo, side: &Side) -> Result<Point, Error> {
    let date = match side {
        Side::Commit(r) => Some(commit_date(repo, r.commit)?),
        _ => None,
    };
    Ok(Point {
        rev: side.rev().to_string(),
        commit: side.commit(),
        date,
    })
}

fn commit_date(repo: &Repo, id: Oid) -> Result<NaiveDate, Error> {
    let c = repo
        .git()
        .find_commit(id)
        .map_err(|_| repo.missing_history(&format!("commit {id}")))?;
    let t = c.time();
    let secs = t.seconds() + i64::from(t.offset_minutes()) * 60;
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.date_naive())
        .ok_or_else(|| Error::Git(format!("commit {id} has an impossible date")))
}

/// Tags matching `pattern` (a glob), as sides, in order of commit date (then name).
fn cycle_tags(repo: &Repo, pattern: &str) -> Result<Vec<(Resolved, NaiveDate)>, Error> {
    let glob = globset::Glob::new(pattern)
        .map_err(|e| Error::Usage(format!("--cycles `{pattern}` is not a glob: {e}")))?
        .compile_matcher();
    let names = repo
        .git()
        .tag_names(None)
        .map_err(|e| Error::Git(format!("cannot list tags: {}", e.message())))?;
    let mut tags = Vec::new();
    for name in names
        .iter()
        .filter_map(|n| n.ok().flatten())
        .filter(|n| glob.is_match(n))
    {
        let commit = repo
            .git()
            .revparse_single(&format!("refs/tags/{name}"))
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| Error::Git(format!("tag `{name}`: {}", e.message())))?;
        let secs = commit.time().seconds();
        let resolved = Resolved {
            rev: name.to_string(),
            commit: commit.id(),
        };
        let date = commit_date(repo, commit.id())?;
        tags.push((secs, resolved, date));
    }
    if tags.is_empty() {
        return Err(Error::Usage(format!(
            "no tag matches --cycles `{pattern}` (`git tag --list '{pattern}'` shows the same)"
        )));
    }
    tags.sort_by(|a, b| (a.0, &a.1.rev).cmp(&(b.0, &b.1.rev)));
    Ok(tags.into_iter().map(|(_, r, d)| (r, d)).collect())
}

/// Reads the blobs of a snapshot one by one (git2 is not shared across threads) and parses them
/// in parallel. Unreadable files come back by name with the reason.
fn load(
    repo: &Repo,
    snap: &Snapshot,
    names: &[&str],
) -> Vec<(String, Oid, Result<PlanFile, String>)> {
    let rev = snap.side.rev();
    type Raw = (String, Oid, std::io::Result<std::sync::Arc<Vec<u8>>>);
    let raw: Vec<Raw> = names
        .iter()
        .filter_map(|n| snap.files.get(*n).map(|e| (n.to_string(), e)))
        .map(|(n, e)| (n, e.oid, repo.bytes(e)))
        .collect();
    raw.into_par_iter()
        .map(|(name, oid, bytes)| {
            let parsed = bytes
                .map_err(|e| e.to_string())
                .and_then(|b| git::read_plan(&name, &b))
                .map_err(|e| format!("{name} ({rev}): {e}"));
            (name, oid, parsed)
        })
        .collect()
}

/// Reads both ends, the linter's view of TO and every cycle, and builds the report.
/// `progress` hears one line per step ("reading review-2015-q3 (3/10)").
pub fn gather(
    repo: &Repo,
    config: &Config,
    opts: &Options<'_>,
    progress: &mut dyn FnMut(&str),
) -> Result<Report, Error> {
    let from_side = repo.side(Some(opts.from))?;
    let to_side = repo.side(opts.to)?;
    let tags = match opts.cycles {
        Some(p) => cycle_tags(repo, p)?,
        None => Vec::new(),
    };
    let steps = tags.len() + 3;
    let from = point(repo, &from_side)?;
    let to = point(repo, &to_side)?;
    let as_of = opts.as_of.or(to.date).unwrap_or(opts.today);

    // per-file counts by blob id: a file unchanged between cycles is parsed once
    let mut counts: HashMap<Oid, Option<Dist>> = HashMap::new();
    let mut unreadable = Vec::new();
    let mut read = |snap: &Snapshot, names: &[&str], unreadable: &mut Vec<String>| {
        let mut plans = BTreeMap::new();
        for (name, oid, p) in load(repo, snap, names) {
            match p {
                Ok(p) => {
                    counts.insert(oid, Some(dist(&p, &config.scale)));
                    plans.insert(name, p);
                }
                Err(e) => {
                    counts.insert(oid, None);
                    unreadable.push(e);
                }
            }
        }
        plans
    };
    progress(&format!("reading {} (1/{steps})", from.rev));
    let from_snap = repo.snapshot(from_side, config)?;
    let names: Vec<&str> = from_snap.files.keys().map(String::as_str).collect();
    let from_plans = read(&from_snap, &names, &mut unreadable);
    progress(&format!("reading {} (2/{steps})", to.rev));
    let to_snap = repo.snapshot(to_side, config)?;
    // a file with the same path and blob at both ends is the same plan: parse it once
    let changed: Vec<&str> = to_snap
        .files
        .iter()
        .filter(|(n, e)| from_snap.files.get(*n).map_or(true, |f| f.oid != e.oid))
        .map(|(n, _)| n.as_str())
        .collect();
    let to_changed = read(&to_snap, &changed, &mut unreadable);
    let fp: Vec<&PlanFile> = from_plans.values().collect();
    let tp: Vec<&PlanFile> = to_snap
        .files
        .keys()
        .filter_map(|n| to_changed.get(n).or_else(|| from_plans.get(n)))
        .collect();

    progress(&format!("checking {} (3/{steps})", to.rev));
    let outcome = crate::lint::check::check(repo.inputs(&to_snap), config, as_of);

    let mut cycles = Vec::with_capacity(tags.len());
    for (i, (tag, date)) in tags.into_iter().enumerate() {
        progress(&format!("reading {} ({}/{steps})", tag.rev, i + 4));
        let commit = tag.commit.to_string();
        let name = tag.rev.clone();
        let snap = repo.snapshot(Side::Commit(tag), config)?;
        let fresh: Vec<&str> = snap
            .files
            .iter()
            .filter(|(_, e)| !counts.contains_key(&e.oid))
            .map(|(n, _)| n.as_str())
            .collect();
        let raw: Vec<(Oid, Option<std::sync::Arc<Vec<u8>>>)> = fresh
            .iter()
            .filter_map(|n| snap.files.get(*n))
            .map(|e| (e.oid, repo.bytes(e).ok()))
            .collect();
        let fresh: Vec<(Oid, Option<Dist>)> = raw
            .into_par_iter()
            .map(|(oid, b)| (oid, b.and_then(|b| quick_dist(&b, &config.scale))))
            .collect();
        counts.extend(fresh);
        let mut total = Dist::default();
        for d in snap
            .files
            .values()
            .filter_map(|e| counts.get(&e.oid)?.as_ref())
        {
            total.merge(d);
        }
        cycles.push(Cycle {
            tag: name,
            commit,
            date: Some(date),
            counts: total,
        });
    }

    unreadable.sort();
    unreadable.dedup();
    Ok(build(Input {
        from,
        to,
        as_of,
        from_plans: &fp,
        to_plans: &tp,
        scale: &config.scale,
        outcome: Some(&outcome),
        cycles,
        unreadable,
    }))
}

/// A commit as the renderers show it: its short id, or "working tree".
fn short(commit: &Option<String>) -> String {
    commit.as_deref().map_or_else(
        || "working tree".to_string(),
        |c| c[..c.len().min(7)].to_string(),
    )
}

/// A count's change, signed ("+3", "−2", "0").
fn delta(a: usize, b: usize) -> String {
    match b.cmp(&a) {
        std::cmp::Ordering::Greater => format!("+{}", b - a),
        std::cmp::Ordering::Less => format!("−{}", a - b),
        std::cmp::Ordering::Equal => "0".into(),
    }
}

/// The emoji GitHub shows beside a rating word (the word is always there too).
pub fn symbol(rating: &str) -> &'static str {
    match rating {
        "red" => "🔴",
        "amber-red" | "red-amber" => "🟠",
        "amber" => "🟡",
        "amber-green" | "green-amber" => "🟢",
        "green" => "🟢",
        "blue" => "🔵",
        UNRATED => "⚪",
        _ => "⚫",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::{load_text, LoadSeverities};

    fn plan(text: &str) -> PlanFile {
        load_text(
            "plans/p.toml".into(),
            text.into(),
            LoadSeverities::default(),
        )
        .plan
        .unwrap_or_else(|| panic!("test plan must load: {text}"))
    }

    fn act(id: &str, extra: &str) -> String {
        format!("[[actions]]\nid = \"{id}\"\ntitle = \"Action {id}\"\n{extra}\n")
    }

    fn text(actions: &[String]) -> String {
        format!(
            "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"Plan P\"\n\n{}",
            actions.concat()
        )
    }

    fn at(rev: &str, date: &str) -> Point {
        Point {
            rev: rev.into(),
            commit: None,
            date: date.parse().ok(),
        }
    }

    fn report(a: &PlanFile, b: &PlanFile, as_of: &str) -> Report {
        build(Input {
            from: at("q1", "2015-06-30"),
            to: at("q2", "2015-09-30"),
            as_of: as_of.parse().expect("date"),
            from_plans: &[a],
            to_plans: &[b],
            scale: &Scale::preset("rag").expect("rag"),
            outcome: None,
            cycles: Vec::new(),
            unreadable: Vec::new(),
        })
    }

    fn ids(v: &[ActionRef]) -> Vec<&str> {
        v.iter().map(|a| a.action.as_str()).collect()
    }

    #[test]
    fn counts_transitions_and_the_worst_fall_first() {
        let a = plan(&text(&[
            act("1", "rag = \"green\""),
            act("2", "rag = \"amber\""),
            act("3", "rag = \"green\""),
            act("4", "rag = \"red\""),
            act("5", ""),
        ]));
        let b = plan(&text(&[
            act("1", "rag = \"amber\""),
            act("2", "rag = \"red\""),
            act("3", "rag = \"red\""),
            act("4", "rag = \"green\""),
            act("5", "rag = \"Yellow\""),
        ]));
        let r = report(&a, &b, "2015-10-01");
        assert_eq!(r.ratings, ["red", "amber", "green", "yellow", "unrated"]);
        assert_eq!((r.totals.from.get("green"), r.totals.to.get("red")), (2, 2));
        assert_eq!(r.totals.to.get("unrated"), 0);
        let fell: Vec<String> = r
            .worsened
            .iter()
            .map(|m| format!("{} {}->{} {}", m.action.action, m.from, m.to, m.steps))
            .collect();
        assert_eq!(
            fell,
            ["3 green->red 2", "2 amber->red 1", "1 green->amber 1"]
        );
        assert_eq!(r.improved.len(), 1);
        let t: Vec<String> = r
            .transitions
            .iter()
            .map(|t| format!("{}>{}={}", t.from, t.to, t.count))
            .collect();
        assert_eq!(
            t,
            [
                "red>green=1",
                "amber>red=1",
                "green>red=1",
                "green>amber=1",
                "unrated>yellow=1"
            ]
        );
    }

    #[test]
    fn overdue_slipped_stale_and_status_changes() {
        let a = plan(&text(&[
            act("1", "due = 2015-08-31\nstatus = \"in-progress\""),
            act("2", "due = 2015-07-31\nstatus = \"in-progress\""),
            act("3", "due = 2015-05-31\nstatus = \"in-progress\""),
            act("4", "status = \"in-progress\""),
            act("9", ""),
        ]));
        let b = plan(&text(&[
            act(
                "1",
                "due = 2015-08-31\nstatus = \"in-progress\"\n[[actions.updates]]\ndate = 2015-06-30\ntext = \"x\"",
            ),
            act("2", "due = 2015-12-31\nstatus = \"in-progress\""),
            act("3", "due = 2015-05-31\nstatus = \"complete\""),
            act(
                "4",
                "status = \"withdrawn\"",
            ),
            act("10", "due = 2015-09-15"),
        ]));
        let r = report(&a, &b, "2015-10-01");
        let overdue: Vec<String> = r
            .newly_overdue
            .iter()
            .map(|o| format!("{} {} {}", o.action.action, o.due, o.days_overdue))
            .collect();
        assert_eq!(overdue, ["1 2015-08-31 31", "10 2015-09-15 16"]);
        assert_eq!(r.slipped.len(), 1);
        assert_eq!(
            (r.slipped[0].action.action.as_str(), r.slipped[0].days),
            ("2", 153)
        );
        // 1's only update is on FROM's date, 2 has none; 3 and 4 are closed, 10 is new
        let stale: Vec<(&str, Option<NaiveDate>)> = r
            .not_updated
            .iter()
            .map(|s| (s.action.action.as_str(), s.last_update))
            .collect();
        assert_eq!(stale, [("2", None), ("1", "2015-06-30".parse().ok())]);
        assert_eq!(ids(&r.completed), ["3"]);
        assert_eq!(ids(&r.withdrawn), ["4"]);
        assert_eq!(ids(&r.added), ["10"]);
        assert_eq!(ids(&r.removed), ["9"]);
    }

    #[test]
    fn quick_counts_agree_with_the_model() {
        let scale = Scale::preset("rag").expect("rag");
        for n in 0..5 {
            let text = crate::testgen::plan(n, 40).replace("rag = \"red\"", "rag = \"Yellow\"");
            let full = git::read_plan("p.toml", text.as_bytes()).expect("plan");
            assert_eq!(
                quick_dist(text.as_bytes(), &scale),
                Some(dist(&full, &scale))
            );
        }
        assert_eq!(quick_dist(b"[plan\n", &scale), None);
        assert_eq!(quick_dist(&[0xff], &scale), None);
    }

    #[test]
    fn a_plan_against_itself_has_no_news() {
        let p = plan(&crate::testgen::plan(1, 30));
        let r = report(&p, &p, "2015-06-30");
        assert!(r.worsened.is_empty() && r.slipped.is_empty() && r.added.is_empty());
        assert_eq!(r.totals.from, r.totals.to);
        assert_eq!(r.totals.to.total, 30);
        let diagonal: usize = r.transitions.iter().map(|t| t.count).sum();
        assert_eq!(diagonal, 30);
        assert!(r.transitions.iter().all(|t| t.from == t.to));
    }
}
