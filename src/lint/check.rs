//! The check job: load every plan (in parallel), run the enabled rules, apply `allow`,
//! and hand back findings with line:column filled in, sorted by place.
//!
//! `allow` is applied once, after every rule has run ([`settle`]): the rules of a plan, the
//! repository-wide rules and the history rules alike. Applied earlier, an `allow` of a history
//! rule would be judged unused before the history pass had found what it silences.

use crate::lint::past::Past;
use crate::lint::rules::duplicate_id::DuplicateId;
use crate::lint::rules::unused_allow::{Allows, Verdict};
use crate::lint::{Context, Rule, RULES};
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
    /// The schema-valid plans, kept for passes after the check (the history rules) so they
    /// need not parse every plan again.
    pub plan_files: Vec<PlanFile>,
    /// Whether the history rules ran on these plans (`check_history`): an `allow` or a
    /// baseline line naming one is judged unused only then.
    pub history: bool,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The check without the history rules: the rules, then `allow` ([`settle`]).
pub fn check(inputs: Vec<Input>, config: &Config, as_of: NaiveDate) -> Outcome {
    let mut outcome = run_rules(inputs, config, as_of, &[]);
    settle(&mut outcome, &Context { as_of, config });
    outcome
}

/// The rules without `allow`: the caller runs the history rules (`check_history`) if any, then
/// [`settle`], once. With `others`: plans that are not checked, by (file, plan id), whose ids
/// the cross-plan rule (`duplicate-id`) compares the checked plans' with (`check --staged`
/// reads them from the history cache rather than parse every plan).
pub fn run_rules(
    inputs: Vec<Input>,
    config: &Config,
    as_of: NaiveDate,
    others: &[(String, String)],
) -> Outcome {
    check_dated(inputs, config, |_| as_of, others)
}

/// `check_among`, judged as of the date `date` works out from the loaded plans (`check --rev`:
/// the revision's position date, what its plans say), so the plans are parsed once.
pub fn check_dated(
    inputs: Vec<Input>,
    config: &Config,
    date: impl FnOnce(&[&PlanFile]) -> NaiveDate,
    others: &[(String, String)],
) -> Outcome {
    let sev = LoadSeverities {
        syntax: config.severity(load::SYNTAX, Severity::Error),
        schema: config.severity(crate::plan::schema::RULE, Severity::Error),
    };
    let loaded: Vec<Result<Loaded, String>> = inputs
        .into_par_iter()
        .map(|input| {
            Ok(match input.bytes {
                Ok(bytes) => load::load_bytes(input.name, bytes, sev),
                // refused before it was read: the usual finding, with the real size
                Err(e) => match load::TooLarge::of(&e) {
                    Some(size) => load::too_large(input.name, size, sev),
                    None => return Err(format!("{}: {e}", input.name)),
                },
            })
        })
        .collect();
    let as_of = date(
        &loaded
            .iter()
            .filter_map(|l| l.as_ref().ok()?.plan.as_ref())
            .collect::<Vec<_>>(),
    );
    let cx = Context { as_of, config };
    let enabled: Vec<&dyn Rule> = RULES
        .iter()
        .copied()
        .filter(|r| cx.severity(r.meta()) != Severity::Off)
        .collect();

    let loaded: Vec<Result<(Loaded, Vec<Finding>), String>> = loaded
        .into_par_iter()
        .map(|loaded| {
            let mut loaded = loaded?;
            let mut found = Vec::new();
            if let Some(file) = &loaded.plan {
                for rule in &enabled {
                    rule.check(file, &cx, &mut found);
                }
            }
            loaded.findings.retain(|f| f.severity != Severity::Off);
            // name and place each finding here, in parallel, rather than after the join
            let plan_id = loaded.plan.as_ref().map(|p| p.plan.id().to_string());
            found.append(&mut loaded.findings);
            for f in &mut found {
                f.file.clone_from(&loaded.source.name);
                f.plan.clone_from(&plan_id);
                place(&loaded.source, f);
            }
            Ok((loaded, found))
        })
        .collect();
    let mut unreadable = Vec::new();
    let mut results = Vec::with_capacity(loaded.len());
    for r in loaded {
        match r {
            Ok(ok) => results.push(ok),
            Err(e) => unreadable.push(e),
        }
    }

    let files = results.len();
    let (results, found): (Vec<Loaded>, Vec<Vec<Finding>>) = results.into_iter().unzip();
    let plans: Vec<&PlanFile> = results.iter().filter_map(|l| l.plan.as_ref()).collect();
    let actions = plans.iter().map(|p| p.plan.actions.len()).sum();
    let mut repo_findings = Vec::new();
    for rule in &enabled {
        rule.check_all(&plans, &cx, &mut repo_findings);
    }
    if !others.is_empty() && cx.severity(DuplicateId.meta()) != Severity::Off {
        crate::lint::rules::duplicate_id::also_used(&plans, others, &cx, &mut repo_findings);
    }

    let mut sources = HashMap::with_capacity(files);
    let mut findings: Vec<Finding> = found.into_iter().flatten().collect();
    for loaded in &results {
        sources.insert(loaded.source.name.clone(), loaded.source.clone());
    }
    for mut f in repo_findings {
        if let Some(source) = sources.get(&f.file) {
            let file = plans.iter().find(|p| p.source.name == f.file);
            f.plan = file.map(|p| p.plan.id().to_string());
            place(source, &mut f);
        }
        findings.push(f);
    }
    findings.par_sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
    });
    unreadable.sort();
    let plan_files = results.into_iter().filter_map(|l| l.plan).collect();
    Outcome {
        as_of,
        files,
        actions,
        findings,
        sources,
        unreadable,
        plan_files,
        history: false,
    }
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
            .get(f.file.as_str())
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
            f.file.clone_from(&p.source.name);
            f.plan = Some(p.plan.id().to_string());
            if let Some(src) = sources.get(&f.file) {
                place(src, &mut f);
            }
            kept.push(f);
        }
    }
    kept.par_sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
    });
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

/// Runs the history-aware rules on the checked plans against their past, after `run_rules`:
/// their findings are placed and merged into the outcome in order; `settle` applies `allow`
/// after this.
pub fn check_history(outcome: &mut Outcome, rules: &[&dyn Rule], past: &Past, cx: &Context<'_>) {
    let mut found = Vec::new();
    for p in &outcome.plan_files {
        let mut here = Vec::new();
        for r in rules {
            r.check_history(p, past, cx, &mut here);
        }
        for mut f in here {
            f.file = p.source.name.clone();
            f.plan = Some(p.plan.id().to_string());
            if let Some(src) = outcome.sources.get(&f.file) {
                place(src, &mut f);
            }
            found.push(f);
        }
    }
    outcome.history = true;
    outcome.findings.extend(found);
    outcome.findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
    });
}
