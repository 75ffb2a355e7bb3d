//! The check job: load every plan (in parallel), run the enabled rules, apply `allow`,
//! and hand back findings with line:column filled in, sorted by place.
//!
//! `allow` is applied once, after every rule has run ([`settle`]): the rules of a plan, the
//! repository-wide rules and the history rules alike. Applied earlier, an `allow` of a history
//! rule would be judged unused before the history pass had found what it silences.

use crate::lint::past::{Past, Tracked};
use crate::lint::rules::duplicate_id::DuplicateId;
use crate::lint::rules::unused_allow::{Allows, Verdict};
use crate::lint::{Context, PlanId, Rule, RULES};
use crate::plan::finding::{Finding, Severity};
use crate::plan::load::{self, Input, LoadSeverities, Loaded, PlanFile};
use crate::plan::source::SourceFile;
use crate::workspace::config::Config;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug)]
pub struct Outcome {
    pub as_of: NaiveDate,
    pub files: usize,
    pub actions: usize,
    pub findings: Vec<Finding>,
    /// Sources by name, for renderers that show snippets.
    pub sources: HashMap<String, Arc<SourceFile>>,
    /// Files that could not be read at all (exit 2, but the run goes on).
    pub unreadable: Vec<String>,
    /// The schema-valid plans, kept for passes after the check (export, the baseline, `--new`,
    /// the server) so they need not parse every plan again; only those that `allow` something
    /// when the check was asked to keep no more (`Keep::Allowing`).
    pub plan_files: Vec<PlanFile>,
    /// The sources of the plans that passed the schema, by name: what a caller that let their
    /// models go (`Keep::Allowing`) loads each of them from again, one at a time
    /// (`load::reload`).
    pub valid: Vec<Arc<SourceFile>>,
    /// Whether the history rules ran on these plans (`Ruled::check_history`): an `allow` or a
    /// baseline line naming one is judged unused only then.
    pub history: bool,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The check without the history rules: the rules, then `allow` ([`settle`]), every plan's
/// model kept.
pub fn check(inputs: Vec<Input>, config: &Config, as_of: NaiveDate) -> Outcome {
    let mut outcome = run(inputs, config, as_of, Keep::Every, false).gather(&[]);
    settle(&mut outcome, &Context { as_of, config });
    outcome
}

/// The check (`check`, with `allow` applied) for a caller that reads only its findings: each
/// plan's model is let go once it is checked unless it `allow`s something (what `settle`
/// reads), so memory holds the plans' texts and findings, not every plan's model.
/// `Outcome::plan_files` holds only the plans that allow something. The findings are exactly
/// `check`'s.
pub fn check_lean(inputs: Vec<Input>, config: &Config, as_of: NaiveDate) -> Outcome {
    let mut outcome = run(inputs, config, as_of, Keep::Allowing, false).gather(&[]);
    settle(&mut outcome, &Context { as_of, config });
    outcome
}

/// Each plan through its own rules, for a caller that runs the history rules next
/// ([`Ruled::check_history`]), then joins the findings ([`Ruled::gather`]) and applies `allow`
/// ([`settle`]), once. Each plan is kept as the history rules read it, and its model as `keep`
/// says.
pub fn run_rules(inputs: Vec<Input>, config: &Config, as_of: NaiveDate, keep: Keep) -> Ruled<'_> {
    run(inputs, config, as_of, keep, true)
}

/// `run_rules`, judged as of the date `date` works out from the loaded plans (`check --rev`:
/// the revision's position date, what its plans say), so the plans are parsed once (every
/// plan is loaded before any is checked).
pub fn check_dated(
    inputs: Vec<Input>,
    config: &Config,
    date: impl FnOnce(&[&PlanFile]) -> NaiveDate,
    keep: Keep,
) -> Ruled<'_> {
    let sev = severities(config);
    let loaded: Vec<Result<Loaded, String>> = inputs
        .into_par_iter()
        .map(|input| load_input(input, sev))
        .collect();
    let as_of = date(
        &loaded
            .iter()
            .filter_map(|l| l.as_ref().ok()?.plan.as_ref())
            .collect::<Vec<_>>(),
    );
    let cx = Context { as_of, config };
    let enabled = enabled(&cx);
    let checked = loaded
        .into_par_iter()
        .map(|loaded| Ok(one_plan(loaded?, &enabled, &cx, keep, true)))
        .collect();
    Ruled::new(checked, enabled, as_of, config)
}

/// Each plan loaded and checked in one parallel step (no plan waits for the others to load),
/// its model kept as `keep` says and, with `track`, as the history rules read it.
fn run(
    inputs: Vec<Input>,
    config: &Config,
    as_of: NaiveDate,
    keep: Keep,
    track: bool,
) -> Ruled<'_> {
    let cx = Context { as_of, config };
    let sev = severities(config);
    let enabled = enabled(&cx);
    let checked = inputs
        .into_par_iter()
        .map(|input| {
            Ok(one_plan(
                load_input(input, sev)?,
                &enabled,
                &cx,
                keep,
                track,
            ))
        })
        .collect();
    Ruled::new(checked, enabled, as_of, config)
}

/// The plans after their own rules, each with its findings, not yet joined: the history rules
/// add theirs to each plan's ([`Ruled::check_history`]) before [`Ruled::gather`] puts every
/// finding in order, once.
pub struct Ruled<'c> {
    checked: Vec<Result<Checked, String>>,
    enabled: Vec<&'static dyn Rule>,
    as_of: NaiveDate,
    config: &'c Config,
    history: bool,
}

impl<'c> Ruled<'c> {
    fn new(
        checked: Vec<Result<Checked, String>>,
        enabled: Vec<&'static dyn Rule>,
        as_of: NaiveDate,
        config: &'c Config,
    ) -> Self {
        Ruled {
            checked,
            enabled,
            as_of,
            config,
            history: false,
        }
    }

    /// The date the plans are judged as of.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The configuration they are checked under.
    pub fn config(&self) -> &'c Config {
        self.config
    }

    /// The schema-valid plans as the history rules read them, in the inputs' order (none when
    /// the check was not run for the history rules).
    pub fn tracked(&self) -> Vec<&Tracked> {
        self.checked
            .iter()
            .filter_map(|c| c.as_ref().ok()?.tracked.as_ref())
            .collect()
    }

    /// Runs the history-aware rules on each plan against its past (on every core): each plan's
    /// findings named, placed and put in order, kept beside its own until `gather` merges them;
    /// `settle` applies `allow` after this.
    pub fn check_history(&mut self, rules: &[&dyn Rule], past: &Past) {
        let cx = Context {
            as_of: self.as_of,
            config: self.config,
        };
        self.checked.par_iter_mut().for_each(|c| {
            let Ok(c) = c else { return };
            let Some(p) = &c.tracked else { return };
            let mut found = Vec::new();
            for r in rules {
                r.check_history(p, past, &cx, &mut found);
            }
            if found.is_empty() {
                return;
            }
            for f in &mut found {
                f.file = c.file.clone();
                f.plan.clone_from(&c.plan);
                place(&c.loaded.source, f);
            }
            found.sort_by(order);
            c.history = found;
        });
        self.history = true;
    }

    /// The checked plans together: the cross-plan rules on their ids, every finding in order.
    /// With `others`: plans that are not checked, by (file, plan id), whose ids the cross-plan
    /// rule (`duplicate-id`) compares the checked plans' with (`check --staged` reads them from
    /// the history cache rather than parse every plan).
    pub fn gather(self, others: &[(String, String)]) -> Outcome {
        let cx = Context {
            as_of: self.as_of,
            config: self.config,
        };
        let mut outcome = gather(self.checked, &self.enabled, &cx, others);
        outcome.history = self.history;
        outcome
    }
}

/// Which plans' models a check keeps (`Outcome::plan_files`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Every,
    /// Only those that `allow` something (what `settle` reads).
    Allowing,
}

/// One plan after its own rules: what was loaded (its model let go unless kept), its findings
/// named and placed, its plan id for the cross-plan rules, its number of actions and, when
/// asked, the plan as the history rules read it.
struct Checked {
    loaded: Loaded,
    found: Vec<Finding>,
    /// The history rules' findings, in order: put among `found` as they are joined (not pushed
    /// onto it, which would move every plan's findings to a larger block first).
    history: Vec<Finding>,
    /// The file's name and the plan id, as every finding of the plan shares them.
    file: Arc<str>,
    plan: Option<Arc<str>>,
    id: Option<crate::plan::model::Spanned<String>>,
    actions: usize,
    tracked: Option<Tracked>,
}

fn severities(config: &Config) -> LoadSeverities {
    LoadSeverities {
        syntax: config.severity(load::SYNTAX, Severity::Error),
        schema: config.severity(crate::plan::schema::RULE, Severity::Error),
    }
}

fn enabled<'c>(cx: &Context<'c>) -> Vec<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .filter(|r| cx.severity(r.meta()) != Severity::Off)
        .collect()
}

/// Loads one input; `Err` when it could not be read at all.
fn load_input(input: Input, sev: LoadSeverities) -> Result<Loaded, String> {
    Ok(match input.bytes {
        Ok(bytes) => load::load_bytes(input.name, bytes, sev),
        // refused before it was read: the usual finding, with the real size
        Err(e) => match load::TooLarge::of(&e) {
            Some(size) => load::too_large(input.name, size, sev),
            None => return Err(format!("{}: {e}", input.name)),
        },
    })
}

/// Runs the plan's own rules, names and places each finding (here, in parallel, rather than
/// after the join).
fn one_plan(
    mut loaded: Loaded,
    enabled: &[&dyn Rule],
    cx: &Context<'_>,
    keep: Keep,
    track: bool,
) -> Checked {
    let mut found = Vec::new();
    if let Some(file) = &loaded.plan {
        for rule in enabled {
            rule.check(file, cx, &mut found);
        }
    }
    loaded.findings.retain(|f| f.severity != Severity::Off);
    let plan: Option<Arc<str>> = loaded.plan.as_ref().map(|p| p.plan.id().into());
    found.append(&mut loaded.findings);
    // one name shared by the plan's findings (a check can hold tens of thousands)
    let file: Arc<str> = loaded.source.name.as_str().into();
    for f in &mut found {
        f.file = file.clone();
        f.plan.clone_from(&plan);
        place(&loaded.source, f);
    }
    // in the findings' order here, in parallel: the plans' runs then only need putting in order
    found.sort_by(order);
    let id = loaded
        .plan
        .as_ref()
        .map(|p| p.plan.plan.get_ref().id.clone());
    let actions = loaded.plan.as_ref().map_or(0, |p| p.plan.actions.len());
    let tracked = loaded.plan.as_ref().filter(|_| track).map(Tracked::of);
    if keep == Keep::Allowing && loaded.plan.as_ref().is_some_and(|p| !allows_any(&p.plan)) {
        loaded.plan = None;
    }
    Checked {
        loaded,
        found,
        history: Vec::new(),
        file,
        plan,
        id,
        actions,
        tracked,
    }
}

fn allows_any(plan: &crate::plan::model::Plan) -> bool {
    !plan.allow.is_empty() || plan.actions.iter().any(|a| !a.get_ref().allow.is_empty())
}

/// The checked plans together: the cross-plan rules on their ids, every finding in order.
fn gather(
    checked: Vec<Result<Checked, String>>,
    enabled: &[&dyn Rule],
    cx: &Context<'_>,
    others: &[(String, String)],
) -> Outcome {
    let mut unreadable = Vec::new();
    let mut results = Vec::with_capacity(checked.len());
    for r in checked {
        match r {
            Ok(ok) => results.push(ok),
            Err(e) => unreadable.push(e),
        }
    }
    let files = results.len();
    let actions = results.iter().map(|c| c.actions).sum();
    let ids: Vec<PlanId<'_>> = results
        .iter()
        .filter_map(|c| {
            Some(PlanId {
                file: &c.loaded.source.name,
                id: c.id.as_ref()?,
            })
        })
        .collect();
    let mut repo_findings = Vec::new();
    for rule in enabled {
        rule.check_all(&ids, cx, &mut repo_findings);
    }
    if !others.is_empty() && cx.severity(DuplicateId.meta()) != Severity::Off {
        crate::lint::rules::duplicate_id::also_used(&ids, others, cx, &mut repo_findings);
    }
    let plan_of: HashMap<&str, &Arc<str>> = results
        .iter()
        .filter_map(|c| Some((&*c.file, c.plan.as_ref()?)))
        .collect();
    let mut sources = HashMap::with_capacity(files);
    for c in &results {
        sources.insert(c.loaded.source.name.clone(), c.loaded.source.clone());
    }
    for f in &mut repo_findings {
        if let Some(source) = sources.get(&*f.file) {
            f.plan = plan_of.get(&*f.file).map(|&id| id.clone());
            place(source, f);
        }
    }
    drop(plan_of);
    drop(ids);
    let mut findings: Vec<Finding> = Vec::with_capacity(
        results
            .iter()
            .map(|c| c.found.len() + c.history.len())
            .sum::<usize>()
            + repo_findings.len(),
    );
    // each plan's findings are in order and all name its file: with the files in order (and
    // each once) the runs joined are the order a sort of them all gives, without moving every
    // finding again
    let in_order = results
        .windows(2)
        .all(|w| w[0].loaded.source.name < w[1].loaded.source.name);
    let mut valid: Vec<Arc<SourceFile>> = results
        .iter()
        .filter(|c| c.id.is_some())
        .map(|c| c.loaded.source.clone())
        .collect();
    if !in_order {
        valid.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut plan_files = Vec::new();
    for c in results {
        merge(&mut findings, c.found, c.history);
        plan_files.extend(c.loaded.plan);
    }
    if !(in_order && repo_findings.is_empty()) {
        findings.append(&mut repo_findings);
        findings.par_sort_by(order);
    }
    unreadable.sort();
    Outcome {
        as_of: cx.as_of,
        files,
        actions,
        findings,
        sources,
        unreadable,
        plan_files,
        valid,
        history: false,
    }
}

/// Appends `a` and `b`, each in order, to `out` in order; `a`'s first where they tie (as a
/// stable sort of the two joined would put them).
fn merge(out: &mut Vec<Finding>, a: Vec<Finding>, b: Vec<Finding>) {
    if b.is_empty() {
        out.extend(a);
        return;
    }
    let mut b = b.into_iter().peekable();
    for f in a {
        while let Some(n) = b.next_if(|n| order(n, &f).is_lt()) {
            out.push(n);
        }
        out.push(f);
    }
    out.extend(b);
}

/// The order findings are handed back in: by file, line, column, then rule.
fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
}

fn place(source: &SourceFile, f: &mut Finding) {
    f.span = source.clamp(&f.span);
    let (line, column) = source.position(f.span.start);
    f.line = line;
    f.column = column;
}

/// Applies `allow`, once every rule has run: drops the findings an `allow` silences, marks
/// those whose allowance has expired (`allow_until`), and adds `unused-allow` findings for the
/// entries that name no rule or silenced nothing. Findings of a non-waivable rule
/// (`[rules] non_waivable`, `check --strict`) are never silenced.
pub fn settle(outcome: &mut Outcome, cx: &Context<'_>) {
    let Outcome {
        findings,
        plan_files,
        sources,
        history,
        ..
    } = outcome;
    let mut allows: Vec<Option<Allows<'_>>> =
        plan_files.iter().map(|p| Allows::new(&p.plan)).collect();
    if allows.iter().all(Option::is_none) {
        return;
    }
    let by_file: HashMap<&str, usize> = plan_files
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.name.as_str(), i))
        .collect();
    let mut kept = Vec::with_capacity(findings.len());
    for mut f in std::mem::take(findings) {
        let allow = by_file
            .get(&*f.file)
            .and_then(|&i| allows.get_mut(i))
            .and_then(Option::as_mut);
        let Some(allow) = allow else {
            kept.push(f);
            continue;
        };
        match allow.judge(&f, cx) {
            Verdict::Silenced => {}
            Verdict::Kept => kept.push(f),
            Verdict::Expired { until, span } => {
                f.message = format!("{} (allowance expired {until})", f.message);
                f.related.push(crate::plan::finding::Related {
                    span,
                    label: format!("the allowance ended on {until}"),
                });
                kept.push(f);
            }
        }
    }
    for (p, allow) in plan_files.iter().zip(allows) {
        let Some(allow) = allow else { continue };
        for mut f in allow.unused(cx, *history) {
            f.file = p.source.name.as_str().into();
            f.plan = Some(p.plan.id().into());
            if let Some(src) = sources.get(&*f.file) {
                place(src, &mut f);
            }
            kept.push(f);
        }
    }
    kept.par_sort_by(order);
    *findings = kept;
}

/// The switched-on rules that read history (they need the past from git).
pub fn history_rules(cx: &Context<'_>) -> Vec<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .filter(|r| r.past_needs(cx).any() && cx.severity(r.meta()) != Severity::Off)
        .collect()
}

/// What the history rules `rules` need of the past, together.
pub fn past_needs(rules: &[&dyn Rule], cx: &Context<'_>) -> crate::lint::past::Needs {
    rules
        .iter()
        .fold(Default::default(), |n, r| n.and(r.past_needs(cx)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A plan text of one of the shapes the lean check must treat as the full one does:
    /// generated plans, some with `allow` (used, unused, expired), a shared plan id, broken
    /// TOML, a schema error.
    fn text(n: usize, shape: u8) -> String {
        let plan = crate::testgen::plan(n, 3 + n % 5);
        match shape % 8 {
            0 | 1 => plan,
            2 => plan.replacen(
                "[plan]",
                "allow = [\"vague-lead\"]\nallow_reason = \"agreed\"\n\n[plan]",
                1,
            ),
            3 => plan.replacen(
                "[plan]",
                "allow = [\"stale-action\", \"rag-missing\"]\nallow_reason = \"agreed\"\nallow_until = 2015-06-30\n\n[plan]",
                1,
            ),
            4 => plan.replacen(
                "outcomes = [",
                "allow = [\"past-due-no-update\", \"rag-green-overdue\"]\nallow_reason = \"r\"\noutcomes = [",
                1,
            ),
            5 => plan.replacen(&format!("id = \"plan-{n}\""), "id = \"plan-shared\"", 1),
            6 => plan.replacen("[plan]", "[plan", 1),
            _ => plan.replacen("status = \"complete\"", "status = \"done\"", 1),
        }
    }

    fn inputs(shapes: &[u8]) -> Vec<Input> {
        shapes
            .iter()
            .enumerate()
            .map(|(n, &s)| Input {
                name: format!("plans/p{n:02}.toml"),
                bytes: Ok(text(n, s).into_bytes()),
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        /// `check_lean` lets go of the plans that allow nothing: its findings, counts and
        /// sources are `check`'s, and it keeps exactly the plans that allow something.
        #[test]
        fn the_lean_check_finds_what_the_full_check_finds(
            shapes in prop::collection::vec(any::<u8>(), 0..12),
        ) {
            let config = Config::defaults(std::path::PathBuf::from("/repo"));
            let as_of = NaiveDate::from_ymd_opt(2015, 12, 1).expect("date");
            let full = check(inputs(&shapes), &config, as_of);
            let lean = check_lean(inputs(&shapes), &config, as_of);
            prop_assert_eq!(&lean.findings, &full.findings);
            prop_assert_eq!(lean.files, full.files);
            prop_assert_eq!(lean.actions, full.actions);
            prop_assert_eq!(&lean.unreadable, &full.unreadable);
            let names = |o: &Outcome| {
                let mut n: Vec<String> = o.sources.keys().cloned().collect();
                n.sort();
                n
            };
            prop_assert_eq!(names(&lean), names(&full));
            let kept: Vec<&str> = lean.plan_files.iter().map(|p| p.source.name.as_str()).collect();
            let allowing: Vec<&str> = full
                .plan_files
                .iter()
                .filter(|p| allows_any(&p.plan))
                .map(|p| p.source.name.as_str())
                .collect();
            prop_assert_eq!(kept, allowing);
        }

        /// The history rules' findings added plan by plan before the join, with the models let
        /// go, are those of the whole way: every model kept, the rules run on each plan after
        /// the join, every finding sorted again; `allow` the same after both.
        #[test]
        fn history_findings_joined_plan_by_plan_are_those_of_the_whole_way(
            shapes in prop::collection::vec(any::<u8>(), 0..10),
            drift in any::<u64>(),
        ) {
            let config = Config::defaults(std::path::PathBuf::from("/repo"));
            let as_of = NaiveDate::from_ymd_opt(2015, 12, 1).expect("date");
            let cx = Context { as_of, config: &config };
            let rules = history_rules(&cx);
            prop_assert!(!rules.is_empty());
            // a past in which some actions drifted and some were due earlier
            let mut past = Past { base: "HEAD".into(), ..Past::default() };
            for (n, text) in shapes.iter().enumerate().map(|(n, &s)| (n, text(n, s))) {
                let Ok(p) = crate::plan::load::read_plan("p.toml", text.as_bytes()) else {
                    continue;
                };
                for (k, a) in p.plan.actions.iter().enumerate() {
                    let bit = (n * 7 + k) % 64;
                    if drift >> bit & 1 == 0 {
                        continue;
                    }
                    let key = Past::key(p.plan.id(), a.get_ref().id.get_ref());
                    let point = crate::lint::past::Point {
                        since: NaiveDate::from_ymd_opt(2014, 1, 1).expect("date"),
                        rag: Some(if k % 2 == 0 { "amber" } else { "red" }.into()),
                        open: true,
                        due: Some(crate::plan::model::Due::Date(
                            NaiveDate::from_ymd_opt(2014, 3, 31).expect("date"),
                        )),
                        updates: 0,
                    };
                    past.timeline.actions.insert(key.clone(), vec![point.clone()]);
                    past.before.insert(key, point);
                }
            }
            let mut ruled = run_rules(inputs(&shapes), &config, as_of, Keep::Allowing);
            ruled.check_history(&rules, &past);
            let mut lean = ruled.gather(&[]);
            settle(&mut lean, &cx);

            let mut whole = run(inputs(&shapes), &config, as_of, Keep::Every, false).gather(&[]);
            let mut found = Vec::new();
            for p in &whole.plan_files {
                let mut here = Vec::new();
                for r in &rules {
                    r.check_history(&Tracked::of(p), &past, &cx, &mut here);
                }
                for mut f in here {
                    f.file = p.source.name.as_str().into();
                    f.plan = Some(p.plan.id().into());
                    place(&whole.sources[&*f.file], &mut f);
                    found.push(f);
                }
            }
            whole.findings.extend(found);
            whole.findings.sort_by(order);
            whole.history = true;
            settle(&mut whole, &cx);
            prop_assert_eq!(&lean.findings, &whole.findings);
            prop_assert_eq!(lean.history, whole.history);
        }
    }
}
