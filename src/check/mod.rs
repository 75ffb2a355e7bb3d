//! The check as a job, above `lint` and `git`: resolve the source once (the files on disk, the
//! index or a commit), run the rules (`lint::check`), then the history pass (`lint`'s history
//! rules on the past `git::past` gathers). `check`, `check --fix`, the report's findings at TO
//! and `export --rev` all go through here, so `report v1 v2` and `check --rev v2` agree.
//!
//! `--changed-since REV` reports findings only for plan files that differ from REV, but still
//! loads every plan, so repository-wide rules (duplicate plan ids) see the whole repository.
//! The history rules run in a separate pass after the normal check, so a check without them
//! costs nothing extra; each says what of the past it needs (`lint::past::Needs`) and only that
//! is gathered.
//!
//! `--new-from-rev`, `--new-from-merge-base` and the hook's default (`[hook] judge`, or a
//! baseline file) judge the findings against a revision: `new` says how.
//!
//! Nothing here prints: what the user should hear (a skipped submodule, history rules skipped
//! or judged on a shallow history) comes back as notes for the command line to print.
//!
//! May use: `git`, `lint`, `workspace`, `plan`.

pub mod new;

use crate::git::{Repo, Resolved, Side};
use crate::lint::check::{Keep, Outcome};
use crate::lint::{AsOf, Context, Rule};
use crate::plan::load::Input;
use crate::workspace::config::Config;
use crate::workspace::discover::Target;
use crate::Error;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// Where a check reads the plans from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The files on disk (the working tree, or a folder outside git).
    Disk,
    /// The index: what `git commit` would record (`--staged`).
    Index,
    /// A commit, as the user named it (`--rev`).
    Commit(String),
}

/// Which findings a check counts: all, or only those a change adds (see `new`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Judge {
    /// Every finding (`--judge all`).
    All,
    /// What the change adds against HEAD (`--judge new`; for `--rev X`, against X's parent).
    New,
    /// `--new-from-rev REV`.
    NewFromRev(String),
    /// `--new-from-merge-base REV`: against the merge base of REV and the commit checked.
    NewFromMergeBase(String),
    /// Nothing said: every finding, except for `--staged` (the hook), which counts only what
    /// the commit adds once `[hook] judge = "new"` or the repository has a baseline
    /// (`BASELINE` at its root) and `[hook] judge` does not say "all".
    Default,
}

/// The baseline file (`planlint baseline` writes it) whose presence turns the hook to judging
/// only what a commit adds.
pub const BASELINE: &str = "planlint-baseline.toml";

/// What the command asks of a check.
pub struct Request<'a> {
    pub source: Source,
    /// `--changed-since REV`: only the findings in files that differ from REV.
    pub changed_since: Option<&'a str>,
    /// Which findings count.
    pub judge: Judge,
    pub as_of: AsOf,
    /// How the history pass uses the history cache.
    pub cache: crate::git::cache::Options,
}

/// What a check found, and what to tell the user beside the findings.
pub struct Checked {
    pub outcome: Outcome,
    pub notes: Vec<String>,
}

/// A check, its source resolved: the repository when there is one, the side read, what the
/// history rules compare with, and the date it judges as of.
pub struct Job {
    repo: Option<Repo>,
    side: Side,
    /// The revision the history rules compare with, when there is one.
    base: Option<Resolved>,
    /// With `--changed-since`: the files that differ from REV (findings elsewhere are dropped).
    changed: Option<BTreeSet<String>>,
    notes: Vec<String>,
    /// Why there is no repository, when there is none.
    no_repo: String,
    /// With `--staged`: the plan files not being committed (the same as in HEAD), by (file,
    /// blob id); they are not checked themselves. The cross-plan rule compares the checked plans
    /// with those that use their ids (`others`), found when the checked plans are known.
    others: Vec<(String, crate::git::ObjectId)>,
    as_of: AsOf,
    /// The revision the findings are judged against, when only what a change adds counts.
    against: Option<new::Against>,
    /// `--rev` without `--as-of`: the commit's date, and the check judges as of the revision's
    /// position date (what its plans say), as the report of the same revision does.
    position: Option<NaiveDate>,
    /// The baseline (`planlint-baseline.toml`), when the command read one: its findings are
    /// left out (`lint::baseline`).
    baseline: Option<crate::lint::baseline::Baseline>,
}

impl Job {
    /// Resolves the source: opens the repository when there is one. Reading the index or a
    /// commit, or `--changed-since`, needs one; on disk its absence only skips the history
    /// rules.
    pub fn open(config: &Config, request: Request<'_>) -> Result<Job, Error> {
        let Request {
            source,
            changed_since,
            judge,
            as_of,
            cache,
        } = request;
        let wanted = source != Source::Disk
            || changed_since.is_some()
            || !matches!(judge, Judge::All | Judge::Default);
        let repo = match Repo::find(config, cache) {
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
                return Ok(Job {
                    repo: None,
                    side: Side::WorkTree,
                    base: None,
                    changed: None,
                    notes: Vec::new(),
                    no_repo: why,
                    others: Vec::new(),
                    as_of,
                    against: None,
                    position: None,
                    baseline: None,
                });
            }
        };
        let side = match &source {
            Source::Commit(r) => Side::Commit(repo.resolve(r)?),
            Source::Index => Side::Index,
            Source::Disk => Side::WorkTree,
        };
        let base = match changed_since {
            Some(r) => Some(repo.resolve(r)?),
            None => base_of(&repo, &side),
        };
        let mut notes = Vec::new();
        let changed = match (changed_since, &base) {
            (Some(_), Some(base)) => {
                let a = repo.snapshot(Side::Commit(base.clone()), config)?;
                let b = repo.snapshot(side.clone(), config)?;
                add_notes(&mut notes, a.notes().into_iter().chain(b.notes()));
                Some(repo.changed_paths(&a, &b)?.into_iter().collect())
            }
            _ => None,
        };
        let against = against(&repo, config, &source, &side, judge)?;
        let position = match &side {
            Side::Commit(c) if !matches!(as_of.said, crate::lint::Said::Flag(_)) => {
                Some(repo.commit_date(c.commit)?)
            }
            _ => None,
        };
        Ok(Job {
            repo: Some(repo),
            side,
            base,
            changed,
            notes,
            no_repo: String::new(),
            others: Vec::new(),
            as_of,
            against,
            position,
            baseline: None,
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
        let top = repo.top_dir().unwrap_or(&config.root);
        // paths named narrow the files to those at or under them (and are searched as the
        // disk is from them: a named hidden folder is searched)
        let mut snap = if paths.is_empty() {
            repo.snapshot(self.side.clone(), config)?
        } else {
            let wanted: Vec<String> = paths.iter().map(|p| rooted(top, p)).collect();
            let snap = repo.snapshot_at(self.side.clone(), config, &wanted)?;
            // a path named that is neither on disk nor in the revision is a typo: said, as
            // `check` says it of the disk (a named file is never dropped without a word)
            for (p, w) in paths.iter().zip(&wanted) {
                let held = snap.files.keys().any(|n| {
                    w.is_empty()
                        || n == w
                        || n.strip_prefix(w.as_str())
                            .is_some_and(|r| r.starts_with('/'))
                });
                if !held && !p.exists() {
                    return Err(Error::Usage(format!(
                        "{}: no such file or directory, on disk or in {}",
                        p.display(),
                        self.side.rev()
                    )));
                }
            }
            // the other plans of the revision take part by their plan ids, as with no path
            // named (the pre-commit hook names each staged file: a staged plan that takes a
            // committed plan's id is found)
            let all = repo.snapshot(self.side.clone(), config)?;
            self.others = all
                .files
                .into_iter()
                .filter(|(n, e)| !snap.files.contains_key(n) && e.oid != crate::git::ObjectId::ZERO)
                .map(|(n, e)| (n, e.oid))
                .collect();
            snap
        };
        add_notes(&mut self.notes, snap.notes());
        if self.side == Side::Index && paths.is_empty() && !snap.files.is_empty() {
            if let Some(head) = &self.base {
                // the plans being committed are those that differ from HEAD; the others take
                // part by their plan ids only, read from the history cache
                let at_head = repo.tree_files(head.commit, config)?;
                let (same, changed): (BTreeMap<_, _>, BTreeMap<_, _>) =
                    std::mem::take(&mut snap.files)
                        .into_iter()
                        .partition(|(name, e)| at_head.get(name).is_some_and(|h| h.same(e)));
                self.others = same.into_iter().map(|(name, e)| (name, e.oid)).collect();
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

    /// Leaves out the findings `baseline` records (and reports its lines no finding matches).
    pub fn set_baseline(&mut self, baseline: crate::lint::baseline::Baseline) {
        self.baseline = Some(baseline);
    }

    /// The notes gathered so far (for a command that stops before `check`).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The date this check judges as of, and where it came from.
    pub fn as_of(&self) -> &AsOf {
        &self.as_of
    }

    /// The check, repeatable and without the notes gathered when the source was resolved:
    /// `check --fix` checks again after each pass of fixes, and the final `finish` says what
    /// there is to say once.
    pub fn recheck(&self, inputs: Vec<Input>, config: &Config) -> Checked {
        let mut checked = match &self.repo {
            Some(repo) => {
                let (others, notes) = others(repo, &self.others, &inputs);
                let same: BTreeSet<&str> = self.others.iter().map(|(n, _)| n.as_str()).collect();
                let mut checked = at_among(
                    repo,
                    config,
                    &self.side,
                    self.base.as_ref(),
                    inputs,
                    match self.position {
                        Some(commit) => Dating::Position {
                            today: &self.as_of,
                            commit: Some(commit),
                            say: true,
                        },
                        None => Dating::Given(self.as_of.date),
                    },
                    Among {
                        others: &others,
                        same: &same,
                        kept: self.changed.as_ref(),
                        // the baseline and `--new` read the plans after the check
                        keep: if self.baseline.is_some() || self.against.is_some() {
                            Keep::Every
                        } else {
                            Keep::Allowing
                        },
                    },
                );
                let mut all = notes;
                add_notes(&mut all, checked.notes);
                checked.notes = all;
                checked
            }
            None => {
                let as_of = self.as_of.date;
                // only the findings are read after this, unless a baseline asks for the plans
                let outcome = if self.baseline.is_none() {
                    crate::lint::check::check_lean(inputs, config, as_of)
                } else {
                    crate::lint::check::check(inputs, config, as_of)
                };
                let cx = Context { as_of, config };
                let history_rules = crate::lint::check::history_rules(&cx);
                let notes = if history_rules.is_empty() {
                    Vec::new()
                } else {
                    vec![format!(
                        "{} skipped: {}",
                        names(&history_rules),
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
                .retain(|f| changed.contains(&*f.file));
        }
        if let Some(b) = &self.baseline {
            let cx = Context {
                as_of: self.as_of.date,
                config,
            };
            let note = b.apply(&mut checked.outcome, &cx, self.changed.as_ref());
            checked.notes.extend(note);
        }
        checked
    }

    /// Checks the inputs: the normal check, the history rules (or a note on why not), with
    /// `--changed-since` only the findings in changed files, and judged against a revision
    /// when only what a change adds counts; with every note said once.
    pub fn finish(self, inputs: Vec<Input>, config: &Config) -> Result<Checked, Error> {
        let mut checked = self.recheck(inputs, config);
        if let (Some(repo), Some(against)) = (&self.repo, &self.against) {
            new::judge(repo, config, against, &mut checked, self.as_of.date)?;
        }
        let mut notes = self.notes;
        add_notes(&mut notes, checked.notes);
        checked.notes = notes;
        Ok(checked)
    }
}

/// Of the plan files not checked (`--staged`: those the commit leaves as they are), those whose
/// plan id one of `inputs` uses, by (file, plan id): all the cross-plan rule compares the
/// checked plans with (it reports a checked plan whose id another file uses). The checked
/// plans' ids come from their summaries (read without building the plans); when one cannot be
/// read, every file's id is read. With notes on the history cache.
fn others(
    repo: &Repo,
    files: &[(String, crate::git::ObjectId)],
    inputs: &[Input],
) -> (Vec<(String, String)>, Vec<String>) {
    if files.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // an input that could not be read has no plan, so no id
    let ids: Option<BTreeSet<String>> = if repo.cache().full() {
        None
    } else {
        inputs
            .iter()
            .filter_map(|i| Some((&i.name, i.bytes.as_ref().ok()?)))
            .map(|(name, bytes)| crate::git::summary::read(name, bytes).ok().map(|s| s.plan))
            .collect()
    };
    let others = repo.plans_using(files, ids.as_ref());
    repo.cache().flush();
    (others, repo.cache().notes())
}

/// The revision a check's findings are judged against (see `Judge`), with how to see them all.
fn against(
    repo: &Repo,
    config: &Config,
    source: &Source,
    side: &Side,
    judge: Judge,
) -> Result<Option<new::Against>, Error> {
    let against = |rev: Resolved, see_all: &str| {
        Some(new::Against {
            rev,
            see_all: see_all.to_string(),
        })
    };
    let head_or_parent = || match side {
        Side::Commit(_) => base_of(repo, side),
        _ => repo.resolve("HEAD").ok(),
    };
    Ok(match judge {
        Judge::All => None,
        Judge::NewFromRev(r) => against(
            repo.resolve(&r)?,
            "run without --new-from-rev to see every finding",
        ),
        Judge::NewFromMergeBase(r) => {
            let other = repo.resolve(&r)?;
            let with = match side {
                Side::Commit(c) => c.commit,
                _ => repo.resolve("HEAD")?.commit,
            };
            against(
                repo.merge_base(&other, with)?,
                "run without --new-from-merge-base to see every finding",
            )
        }
        // nothing to judge against before the first commit: every finding is new
        Judge::New => {
            head_or_parent().and_then(|rev| against(rev, "`--judge all` shows every finding"))
        }
        Judge::Default if *source == Source::Index && hook_judges_new(repo, config) => {
            head_or_parent().and_then(|rev| {
                against(
                    rev,
                    "`planlint check --staged --judge all` shows every finding",
                )
            })
        }
        Judge::Default => None,
    })
}

/// Whether the hook counts only what a commit adds: `[hook] judge`, else whether the
/// repository has a baseline (at its root, or beside `planlint.toml`).
fn hook_judges_new(repo: &Repo, config: &Config) -> bool {
    config.hook_judge_new.unwrap_or_else(|| {
        repo.top_dir()
            .into_iter()
            .chain([config.root.as_path()])
            .any(|dir| dir.join(BASELINE).is_file())
    })
}

/// The rules' names, as a note lists them ("silent-reschedule and amber-drift").
fn names(rules: &[&dyn Rule]) -> String {
    rules
        .iter()
        .map(|r| r.meta().name)
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The revision a side is compared with when none is named: a commit's first parent; HEAD for
/// the index and the working tree (none in a repository without commits).
fn base_of(repo: &Repo, side: &Side) -> Option<Resolved> {
    match side {
        Side::Commit(c) => repo.first_parent(c.commit).map(|p| Resolved {
            rev: format!("{}^", c.rev),
            commit: p,
        }),
        _ => repo.resolve("HEAD").ok(),
    }
}

/// The findings at one side of a repository the caller has open (the report's TO): the check
/// of `inputs` (that side's plans), then the history rules against the side's base (a commit's
/// first parent, else HEAD) and the first-parent history from the side's commit. The same path
/// as `Job::finish`, so `report v1 v2` and `check --rev v2` agree.
pub fn at(repo: &Repo, config: &Config, side: &Side, inputs: Vec<Input>, as_of: &AsOf) -> Checked {
    at_dated(
        repo,
        config,
        side,
        inputs,
        Dating::Given(as_of.date),
        Keep::Allowing,
    )
}

/// The plans a check is among that it does not check: those whose ids the cross-plan rule
/// compares the checked plans' with, by (file, plan id), and the files known to be as in the
/// base revision (the history rules need not look at them).
#[derive(Clone, Copy)]
struct Among<'a> {
    others: &'a [(String, String)],
    same: &'a BTreeSet<&'a str>,
    /// `--changed-since`: the files whose findings are kept (the history rules need only their
    /// plans' past; the other plans' history findings are dropped unseen).
    kept: Option<&'a BTreeSet<String>>,
    /// Which plans' models the check hands back (`Outcome::plan_files`): every one only for a
    /// caller that reads them after (the history rules read `Ruled::tracked`).
    keep: Keep,
}

/// `at`, judged as of the side's position date worked out from the plans the check loads (as
/// `check --rev` does; `today` when a flag gave the date), and every plan's model kept: the
/// report's TO, which takes its plans from the check instead of parsing them a second time.
/// The date is not said in a note.
pub fn at_position(
    repo: &Repo,
    config: &Config,
    side: &Side,
    inputs: Vec<Input>,
    today: &AsOf,
    commit: Option<NaiveDate>,
) -> Checked {
    let dating = Dating::Position {
        today,
        commit,
        say: false,
    };
    at_dated(repo, config, side, inputs, dating, Keep::Every)
}

/// `at` and `at_position`: the side's plans alone, against the side's base.
fn at_dated(
    repo: &Repo,
    config: &Config,
    side: &Side,
    inputs: Vec<Input>,
    dating: Dating<'_>,
    keep: Keep,
) -> Checked {
    let base = base_of(repo, side);
    at_among(
        repo,
        config,
        side,
        base.as_ref(),
        inputs,
        dating,
        Among {
            others: &[],
            same: &BTreeSet::new(),
            kept: None,
            keep,
        },
    )
}

/// How a check finds the date it judges as of.
#[derive(Clone, Copy)]
enum Dating<'a> {
    /// As given: `--as-of`, today for the working tree, the report's position date.
    Given(NaiveDate),
    /// `check --rev` without `--as-of`: the revision's position date, worked out from its plans
    /// once they are loaded (`AsOf::position`), with the commit's date (none for the index and
    /// the working tree); `say`: the date is said in a note (the report says its dates itself).
    Position {
        today: &'a AsOf,
        commit: Option<NaiveDate>,
        say: bool,
    },
}

/// `at`, with `others`: plans not checked, by (file, plan id), that the cross-plan rule
/// compares the checked plans with (`--staged`).
fn at_among(
    repo: &Repo,
    config: &Config,
    side: &Side,
    base: Option<&Resolved>,
    inputs: Vec<Input>,
    dating: Dating<'_>,
    among: Among<'_>,
) -> Checked {
    let others = among.others;
    let mut said = None;
    let mut ruled = match dating {
        Dating::Given(as_of) => crate::lint::check::run_rules(inputs, config, as_of, among.keep),
        Dating::Position { today, commit, say } => {
            let date = |plans: &[&crate::plan::load::PlanFile]| {
                let p = today.position(plans, commit);
                said = say.then(|| p.source());
                p.date
            };
            crate::lint::check::check_dated(inputs, config, date, among.keep)
        }
    };
    let as_of = ruled.as_of();
    let cx = Context { as_of, config };
    let history_rules = crate::lint::check::history_rules(&cx);
    // the date a revision is judged by is said, as the report says its dates
    let mut notes: Vec<String> = said
        .map(|s| format!("judged as of {}, {s}", as_of.format("%-d %B %Y")))
        .into_iter()
        .collect();
    if !history_rules.is_empty() {
        match history_pass(repo, side, base, &history_rules, &mut ruled, &cx, among) {
            Ok(more) => notes.extend(more),
            Err(e) => notes.push(format!("history rules skipped: {e}")),
        }
    }
    let mut outcome = ruled.gather(others);
    // `allow`, once every rule has run (the history rules too)
    crate::lint::check::settle(&mut outcome, &cx);
    Checked { outcome, notes }
}

/// What the history rules know of the past of `plans`, read from the working tree and compared
/// with HEAD as `planlint check` does: for the language server, which runs the history rules on
/// open and save. `None` outside git or when no history rule is switched on.
pub fn worktree_past(
    config: &Config,
    cache: crate::git::cache::Options,
    plans: &[&crate::lint::past::Tracked],
    as_of: &AsOf,
) -> Result<Option<crate::lint::past::Past>, Error> {
    let cx = Context {
        as_of: as_of.date,
        config,
    };
    let rules = crate::lint::check::history_rules(&cx);
    if rules.is_empty() || plans.is_empty() {
        return Ok(None);
    }
    let Some(repo) = Repo::find(config, cache)? else {
        return Ok(None);
    };
    let base = base_of(&repo, &Side::WorkTree);
    let query = crate::git::past::Query {
        base: base.as_ref(),
        start: repo.resolve("HEAD").ok().map(|r| r.commit),
        plans,
        needs: crate::lint::check::past_needs(&rules, &cx),
        as_of: as_of.date,
        worktree: true,
        same: &BTreeSet::new(),
    };
    let past = crate::git::past::gather(&repo, config, &query)?;
    repo.cache().flush();
    Ok(Some(past))
}

/// The history pass: the past the switched-on history rules need, gathered from git, then the
/// rules on it; notes on the cache and on a shallow clone.
fn history_pass(
    repo: &Repo,
    side: &Side,
    base: Option<&Resolved>,
    rules: &[&dyn Rule],
    ruled: &mut crate::lint::check::Ruled<'_>,
    cx: &Context<'_>,
    among: Among<'_>,
) -> Result<Vec<String>, Error> {
    let start = match side {
        Side::Commit(c) => Some(c.commit),
        _ => repo.resolve("HEAD").ok().map(|r| r.commit),
    };
    let kept = among.kept.filter(|_| !repo.cache().full());
    let mut plans = ruled.tracked();
    plans.retain(|p| kept.is_none_or(|k| k.contains(&p.source.name)));
    let query = crate::git::past::Query {
        base,
        start,
        plans: &plans,
        needs: crate::lint::check::past_needs(rules, cx),
        as_of: cx.as_of,
        worktree: *side == Side::WorkTree,
        same: among.same,
    };
    let past = crate::git::past::gather(repo, cx.config, &query)?;
    drop(plans);
    ruled.check_history(rules, &past);
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
