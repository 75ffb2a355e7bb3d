//! The report's git edge: reads both ends, the linter's view of TO and every review cycle from
//! the repository, then hands them to `build`.

use super::build::{build, Input};
use super::{Cycle, Dist, Point, Report};
use crate::git::cache::Summary;
use crate::git::{BlobId, Repo, Side, Snapshot, Tags};
use crate::lint::check::Outcome;
use crate::lint::{AsOf, Said};
use crate::plan::load::PlanFile;
use crate::plan::rating::Scale;
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// What the command asked for.
pub struct Options<'a> {
    pub from: &'a str,
    pub to: Option<&'a str>,
    /// `--as-of`, else today: a date from the clock gives way to TO's position date.
    pub as_of: AsOf,
    /// `--since`: the window's first day instead of FROM's position date.
    pub since: Option<NaiveDate>,
    pub cycles: Option<&'a str>,
    /// False with `--no-findings`: the check at TO is not run and the appendix is left out.
    pub findings: bool,
    /// The paper's title (`--title`, else `[report] title`); `None`: the plan's title when
    /// there is one plan, else a default.
    pub title: Option<String>,
    /// The meeting (`[report] board`).
    pub board: Option<String>,
    /// `[report] purpose` and `[report] asks`.
    pub purpose: Option<String>,
    pub asks: Vec<String>,
}

/// The committer's calendar date of a side's commit (`None` for the index and work tree).
fn point(repo: &Repo, side: &Side) -> Result<Point, Error> {
    let date = match side {
        Side::Commit(r) => Some(repo.commit_date(r.commit)?),
        _ => None,
    };
    Ok(Point {
        rev: side.rev().to_string(),
        commit: side.commit(),
        date,
    })
}

/// Tags matching `pattern` (a glob) that name commits, in order of commit date (then name,
/// numbers as numbers: `review-7` before `review-10`), with their dates; and notes on the
/// matching tags that name a tree or a blob (skipped).
fn cycle_tags(repo: &Repo, pattern: &str) -> Result<Tags, Error> {
    let glob = globset::Glob::new(pattern)
        .map_err(|e| Error::Usage(format!("--cycles `{pattern}` is not a glob: {e}")))?
        .compile_matcher();
    let (tags, notes) = repo.tags(|name| glob.is_match(name))?;
    if tags.is_empty() && notes.is_empty() {
        return Err(Error::Usage(format!(
            "no tag matches --cycles `{pattern}` (`git tag --list '{pattern}'` shows the same)"
        )));
    }
    if tags.is_empty() {
        let mut why = format!("no tag matching --cycles `{pattern}` names a commit");
        for n in notes {
            why.push_str("; ");
            why.push_str(&n);
        }
        return Err(Error::Usage(why));
    }
    Ok((tags, notes))
}

/// The named files of a snapshot as models (`Repo::models`), each with its blob id.
/// Unreadable files come back by name with the reason.
fn load(
    repo: &Repo,
    snap: &Snapshot,
    names: &[&str],
) -> Vec<(String, BlobId, Result<PlanFile, String>)> {
    repo.models(snap, names)
        .into_iter()
        .filter_map(|(name, p)| {
            let oid = snap.files.get(&name)?.oid;
            Some((name, oid, p))
        })
        .collect()
}

/// Rating counts of one plan as the cycles keep them, a blob each: a count for each rating of
/// the scale in its order, then the actions with no rating on the scale (a `Dist` a blob, with
/// its map and names, was a fifth of the memory over 100 cycles of 1,000 plans).
type Tally = Box<[u32]>;

/// The tally of one plan's actions' ratings (each action's own `rag`, as `dist`): each written
/// form is resolved once, a plan's actions share a few.
fn tally<'a>(rags: impl Iterator<Item = Option<&'a str>>, scale: &Scale) -> Tally {
    let levels = scale.names().count();
    let mut t = vec![0u32; levels + 1];
    let mut resolved: Vec<(&str, usize)> = Vec::new();
    for r in rags {
        let slot = match r {
            None => levels,
            Some(r) => match resolved.iter().find(|(written, _)| *written == r) {
                Some((_, slot)) => *slot,
                None => {
                    let slot = scale.resolve(r).map_or(levels, |x| x.rank);
                    resolved.push((r, slot));
                    slot
                }
            },
        };
        t[slot] += 1;
    }
    t.into_boxed_slice()
}

/// A plan file as a cycle counts it: its plan id and its tally (`None`: not a readable plan).
/// The cycle counts a plan once, by id, from its first file, as the paper's columns do.
type Counted = Option<(Box<str>, Tally)>;

/// The tally of a plan at one end (its model), with its id.
fn plan_tally(p: &PlanFile, scale: &Scale) -> (Box<str>, Tally) {
    (
        p.plan.id().into(),
        tally(
            p.plan
                .actions
                .iter()
                .map(|a| a.get_ref().rag.as_ref().map(|r| r.get_ref().as_str())),
            scale,
        ),
    )
}

/// A plan's id and tally from its ratings as the history cache gives them.
fn ratings_tally(r: Option<(&str, &[Option<&str>])>, scale: &Scale) -> Counted {
    r.map(|(plan, rags)| (plan.into(), tally(rags.iter().copied(), scale)))
}

/// A plan's id and tally from its history summary.
fn summary_tally(s: &Summary, scale: &Scale) -> Counted {
    ratings_tally(s.ratings().as_ref().map(|(p, r)| (*p, r.as_slice())), scale)
}

/// A cycle's counts, a tally a blob: those already in `counts`, those the history cache's
/// summaries hold (no `Summary` made of them, on every core), and the rest read, summarised and
/// put in the cache. Every blob's tally is kept in `counts`: a file unchanged between cycles is
/// counted once. A plan is counted once, from its first file (a second file with its id is
/// left out, as the paper's columns leave it out). With them, how many of the snapshot's files
/// are not readable plans (left out of the counts).
fn cycle_counts(
    repo: &Repo,
    snap: &Snapshot,
    scale: &Scale,
    counts: &mut HashMap<BlobId, Counted>,
) -> (Vec<u64>, usize) {
    let fresh: Vec<(BlobId, &str)> = snap
        .files
        .iter()
        .filter(|(_, e)| !counts.contains_key(&e.oid))
        .map(|(n, e)| (e.oid, n.as_str()))
        .collect();
    let cache = repo.cache();
    let held: Vec<Option<Counted>> = fresh
        .par_iter()
        .map(|(oid, _)| cache.ratings(*oid, |r| ratings_tally(r, scale)))
        .collect();
    let mut missing = Vec::new();
    for ((oid, name), t) in fresh.iter().zip(held) {
        match t {
            Some(t) => {
                counts.insert(*oid, t);
            }
            None => missing.push((*oid, *name)),
        }
    }
    let summaries = repo.summaries(&missing);
    // only the counts are kept: the summaries go to the cache's compact form
    for ((oid, _), s) in missing.iter().zip(summaries) {
        cache.set_aside(*oid);
        counts.insert(*oid, summary_tally(&s, scale));
    }
    let mut sum = vec![0u64; scale.names().count() + 1];
    let mut unreadable = 0;
    let mut plans = std::collections::HashSet::new();
    for t in snap.files.values().map(|e| counts.get(&e.oid)) {
        match t {
            Some(Some((plan, t))) => {
                if !plans.insert(plan) {
                    continue;
                }
                for (s, n) in sum.iter_mut().zip(t.iter()) {
                    *s += u64::from(*n);
                }
            }
            _ => unreadable += 1,
        }
    }
    (sum, unreadable)
}

/// Tallies added up as the report's counts: a rating no action has is left out (as when each
/// action was added to a `Dist`), the actions with none count as invalid.
fn dist_of(sum: &[u64], names: &[&str]) -> Dist {
    let mut d = Dist::default();
    for (name, n) in names.iter().zip(sum) {
        if *n > 0 {
            d.add(Some(name), *n as usize);
        }
    }
    d.add(None, sum.get(names.len()).map_or(0, |n| *n as usize));
    d
}

/// Notes on plan files that repeat an earlier file's plan id (`plans`: in the paper's order,
/// by name): the paper and the trend count a plan id once, from its first file, and the check's
/// `duplicate-id` cannot say so when one of them fails the schema.
fn same_ids(plans: &[&PlanFile]) -> Vec<String> {
    let mut first: HashMap<&str, &str> = HashMap::new();
    let mut notes = Vec::new();
    for p in plans {
        let (id, name) = (p.plan.id(), p.source.name.as_str());
        match first.get(id) {
            Some(earlier) => notes.push(format!(
                "{name} has the plan id `{id}` of {earlier}: the paper counts {earlier} only; give one of them another id"
            )),
            None => {
                first.insert(id, name);
            }
        }
    }
    notes
}

/// The check at TO as the paper keeps it: its findings alone, the check's copy of every plan
/// and text at TO let go.
fn findings_alone(mut outcome: Outcome) -> Outcome {
    outcome.plan_files = Vec::new();
    outcome.sources = HashMap::new();
    outcome.valid = Vec::new();
    outcome
}

/// The report, and what to tell the user beside it: what was left out and why (a submodule, a
/// tag that names no commit) and what the history rules could see.
pub struct Gathered {
    pub report: Report,
    pub notes: Vec<String>,
}

/// Reads both ends, the linter's view of TO and every cycle, and builds the report.
/// `progress` hears one line per step ("reading review-2015-q3 (3/10)").
pub fn gather(
    repo: &Repo,
    config: &Config,
    opts: &Options<'_>,
    progress: &mut dyn FnMut(&str),
) -> Result<Gathered, Error> {
    let from_side = repo.side(Some(opts.from))?;
    let to_side = repo.side(opts.to)?;
    let (tags, mut notes) = match opts.cycles {
        Some(p) => cycle_tags(repo, p)?,
        None => (Vec::new(), Vec::new()),
    };
    let steps = tags.len() + 3;
    let from = point(repo, &from_side)?;
    let to = point(repo, &to_side)?;

    // per-file counts by blob id: a file unchanged between cycles is parsed once
    let mut counts: HashMap<BlobId, Counted> = HashMap::new();
    let mut unreadable = Vec::new();
    let mut keep = |read: Vec<(String, BlobId, Result<PlanFile, String>)>,
                    plans: &mut BTreeMap<String, PlanFile>,
                    unreadable: &mut Vec<String>| {
        for (name, oid, p) in read {
            match p {
                Ok(p) => {
                    counts.insert(oid, Some(plan_tally(&p, &config.scale)));
                    plans.insert(name, p);
                }
                Err(e) => {
                    counts.insert(oid, None);
                    unreadable.push(e);
                }
            }
        }
    };
    // TO first, and the check at TO, before FROM is read: the check's own plans (and texts)
    // come and go while one end is held, not both (they were a quarter of the peak)
    progress(&format!("reading {} (1/{steps})", to.rev));
    let to_snap = repo.snapshot(to_side, config)?;
    let names: Vec<&str> = to_snap.files.keys().map(String::as_str).collect();
    let mut to_plans = BTreeMap::new();
    // the findings at TO exactly as `check --rev TO` finds them (history rules included). The
    // check reads TO's plans: their models are the paper's TO, texts let go, and only the files
    // it did not take as plans are read again (leniently, as the paper reads them)
    let mut checked = None;
    if opts.findings {
        progress(&format!("checking {} (2/{steps})", to.rev));
        let c = crate::check::at_position(
            repo,
            config,
            &to_snap.side,
            repo.inputs(&to_snap),
            &opts.as_of,
            to.date,
        );
        let mut outcome = c.outcome;
        let taken: Vec<(String, BlobId, Result<PlanFile, String>)> =
            std::mem::take(&mut outcome.plan_files)
                .into_iter()
                .filter_map(|p| {
                    let oid = to_snap.files.get(&p.source.name)?.oid;
                    Some((p.source.name.clone(), oid, Ok(p.without_text())))
                })
                .collect();
        keep(taken, &mut to_plans, &mut unreadable);
        checked = Some((findings_alone(outcome), c.notes));
    }
    let rest: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !to_plans.contains_key(*n))
        .collect();
    keep(load(repo, &to_snap, &rest), &mut to_plans, &mut unreadable);
    let tp: Vec<&PlanFile> = to_plans.values().collect();
    let as_of = opts.as_of.position(&tp, to.date);
    let (outcome, check_notes) = match checked {
        // the check dated TO by the plans it could take; a file only the paper can read moved
        // the date (rare): the check again, as of the paper's date
        Some((outcome, _)) if outcome.as_of != as_of.date => {
            drop(outcome);
            let c = crate::check::at(repo, config, &to_snap.side, repo.inputs(&to_snap), &as_of);
            (Some(findings_alone(c.outcome)), c.notes)
        }
        Some((outcome, notes)) => (Some(outcome), notes),
        None => (None, Vec::new()),
    };
    // TO's blob ids and notes are what is left to use of its snapshot: the texts it holds (a
    // working tree's, in memory) are let go before FROM is read
    let to_oids: HashMap<String, BlobId> = to_snap
        .files
        .iter()
        .map(|(n, e)| (n.clone(), e.oid))
        .collect();
    let to_notes = to_snap.notes();
    drop(to_snap);

    progress(&format!("reading {} (3/{steps})", from.rev));
    let from_snap = repo.snapshot(from_side, config)?;
    // a file with the same path and blob at both ends is the same plan: parse it once
    let changed: Vec<&str> = from_snap
        .files
        .iter()
        .filter(|(n, e)| to_oids.get(*n).is_none_or(|t| *t != e.oid))
        .map(|(n, _)| n.as_str())
        .collect();
    let mut from_changed = BTreeMap::new();
    keep(
        load(repo, &from_snap, &changed),
        &mut from_changed,
        &mut unreadable,
    );
    let fp: Vec<&PlanFile> = from_snap
        .files
        .keys()
        .filter_map(|n| from_changed.get(n).or_else(|| to_plans.get(n)))
        .collect();

    // no plan file at either end: a paper of nothing would look like a programme with no news
    if fp.is_empty() && tp.is_empty() && unreadable.is_empty() {
        return Err(Error::Usage(format!(
            "no plan files in {} or {} (looked for {}): there is nothing to report",
            from.rev,
            to.rev,
            config.include.join(", ")
        )));
    }
    // the window is what the plans say, not when they were committed: a plan imported today
    // from a 2016 Word file speaks of 2016
    let since = match opts.since {
        Some(date) => AsOf {
            date,
            said: Said::Flag("--since"),
        },
        None => match AsOf::given_or(None, opts.as_of.date).position(&fp, from.date) {
            // a FROM with no plan is dated by its commit: after TO when TO's plans were
            // imported from an older document since; everything at TO is new to the board
            at if fp.is_empty() && at.date > as_of.date => AsOf {
                date: as_of.date,
                said: Said::NoPlans,
            },
            at => at,
        },
    };
    let (since_source, as_of_source) = (since.source(), as_of.source());
    // a window that ends before it starts is two revisions swapped (or a --since past TO): a
    // paper of it would tell the board the opposite of what happened
    if since.date > as_of.date {
        return Err(Error::Usage(format!(
            "the report would run backwards: FROM ({}) is dated {} ({since_source}), after TO ({}) dated {} ({as_of_source}); give the earlier revision first, e.g. `planlint report {} {}`",
            from.rev,
            since.date,
            to.rev,
            as_of.date,
            crate::plan::escape::shell_word(&to.rev),
            crate::plan::escape::shell_word(&from.rev),
        )));
    }
    for n in from_snap
        .notes()
        .into_iter()
        .chain(to_notes)
        .chain(check_notes)
        .chain(same_ids(&tp))
        .chain(same_ids(&fp))
    {
        if !notes.contains(&n) {
            notes.push(n);
        }
    }

    unreadable.sort();
    unreadable.dedup();
    let mut report = build(Input {
        from,
        to,
        since: since.date,
        since_source,
        as_of: as_of.date,
        as_of_source,
        from_plans: &fp,
        to_plans: &tp,
        scale: &config.scale,
        outcome: outcome.as_ref(),
        cycles: Vec::new(),
        unreadable,
        title: opts.title.clone().unwrap_or_else(|| match tp.as_slice() {
            [one] => one.plan.plan.get_ref().title.get_ref().clone(),
            _ => super::DEFAULT_TITLE.to_string(),
        }),
        board: opts.board.clone(),
        purpose: opts.purpose.clone(),
        asks: opts.asks.clone(),
    });
    // the cycles are read with no plan held: the paper has what it needs of both ends, and
    // the cycles' summaries (every plan's, in every cycle) are what this step holds. The plans
    // are freed beside the cycles, not before them (a tenth of the report's time at 1,000 plans)
    drop(fp);
    drop(tp);
    super::let_go((to_plans, from_changed, outcome));
    let names: Vec<&str> = config.scale.names().collect();
    // the cache's notes so far (among the check's): said again as the run ends
    let early = (!tags.is_empty()).then(|| repo.cache().notes());
    let mut cycles = Vec::with_capacity(tags.len());
    for (i, (tag, date)) in tags.into_iter().enumerate() {
        progress(&format!("reading {} ({}/{steps})", tag.rev, i + 4));
        let commit = tag.commit.to_string();
        let name = tag.rev.clone();
        // a cycle's counts are kept whole in the cache, for its plan files and the scale: a
        // report over a hundred cycles reads a hundred small files, not every plan's summary in
        // each (nor each cycle's tree)
        // "plans": a plan counted once, by id (its second file was counted too)
        let what = format!(
            "cycle|plans|{:?}|{}",
            config.scale,
            repo.plan_files_key(tag.commit, config)?
        );
        let cache = repo.cache();
        // the full path counts every cycle again (and keeps what it counts)
        let kept = (!cache.full()).then(|| cache.tally(&what)).flatten();
        let sum = match kept.filter(|t| t.len() == names.len() + 1) {
            Some(sum) => sum,
            None => {
                let snap = repo.snapshot(Side::Commit(tag), config)?;
                let (sum, unreadable) = cycle_counts(repo, &snap, &config.scale, &mut counts);
                // a file that could not be read is said, and the counts are not kept: it may
                // be readable next time (a partial clone that fetches it)
                if unreadable == 0 {
                    cache.keep_tally(&what, &sum);
                } else {
                    let all = snap.files.len();
                    notes.push(format!(
                        "the trend row of {name} counts {} of its {all} plan file{}: {unreadable} could not be read as {} (`{}` says why)",
                        all - unreadable,
                        if all == 1 { "" } else { "s" },
                        if unreadable == 1 { "a plan" } else { "plans" },
                        crate::plan::escape::shell_line(&["planlint", "check", "--rev", &name]),
                    ));
                }
                sum
            }
        };
        cycles.push(Cycle {
            tag: name,
            commit,
            date: Some(date),
            counts: dist_of(&sum, &names),
        });
    }

    super::build::with_cycles(&mut report, cycles);
    // the cache's notes as the run ends, not as the check at TO left it: the cycles read (and
    // may have found damaged) files of it since
    if let Some(early) = early {
        repo.cache().flush();
        notes.retain(|n| !early.contains(n));
        for n in repo.cache().notes() {
            if !notes.contains(&n) {
                notes.push(n);
            }
        }
    }
    Ok(Gathered { report, notes })
}

#[cfg(test)]
mod tests {
    use super::super::build::dist;
    use super::*;

    #[test]
    fn counts_from_a_summary_agree_with_the_model() {
        let scale = Scale::preset("rag").expect("rag");
        for n in 0..5 {
            let text = crate::testgen::plan(n, 40).replace("rag = \"red\"", "rag = \"Yellow\"");
            // written forms of one rating, and actions with none
            let mixed = text
                .replacen("rag = \"green\"", "rag = \"GREEN\"", 2)
                .replacen("rag = \"amber\"", "rag = \" Amber\"", 1)
                .replacen("rag = \"green\"", "", 1);
            for text in [text, mixed] {
                let full = crate::plan::load::read_plan("p.toml", text.as_bytes()).expect("plan");
                let names: Vec<&str> = scale.names().collect();
                let sum = |t: &[u32]| t.iter().map(|n| u64::from(*n)).collect::<Vec<_>>();
                let (plan, from_summary) =
                    summary_tally(&Summary::of(&crate::lint::past::Tracked::of(&full)), &scale)
                        .expect("tally");
                assert_eq!(dist_of(&sum(&from_summary), &names), dist(&full, &scale));
                assert_eq!((plan, from_summary.clone()), plan_tally(&full, &scale));
                // two plans' tallies added up count as their dists merged
                let mut both = dist(&full, &scale);
                both.merge(&dist(&full, &scale));
                let twice: Vec<u64> = sum(&from_summary).iter().map(|n| n * 2).collect();
                assert_eq!(dist_of(&twice, &names), both);
            }
        }
        let bad = crate::plan::load::read_plan("p.toml", b"[plan\n");
        assert!(bad.is_err());
    }
}
