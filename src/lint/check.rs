//! The check job: load every plan (in parallel), run the enabled rules, apply `allow`,
//! and hand back findings with line:column filled in, sorted by place.

use crate::lint::past::Past;
use crate::lint::rules::duplicate_id::DuplicateId;
use crate::lint::rules::unused_allow::Allows;
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
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

pub fn check(inputs: Vec<Input>, config: &Config, as_of: NaiveDate) -> Outcome {
    check_among(inputs, config, as_of, &[])
}

/// `check`, with `others`: plans that are not checked, by (file, plan id), whose ids the
/// cross-plan rule (`duplicate-id`) compares the checked plans' with (`check --staged` reads
/// them from the history cache rather than parse every plan).
pub fn check_among(
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
                found = apply_allow(file, found, &cx);
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
    }
}

fn place(source: &SourceFile, f: &mut Finding) {
    f.span = source.clamp(&f.span);
    let (line, column) = source.position(f.span.start);
    f.line = line;
    f.column = column;
}

/// Drops findings silenced by the action's or the plan's `allow`, and adds `unused-allow`
/// findings for entries that name no rule or silenced nothing.
fn apply_allow(file: &PlanFile, found: Vec<Finding>, cx: &Context<'_>) -> Vec<Finding> {
    let Some(mut allows) = Allows::new(&file.plan) else {
        return found;
    };
    let mut kept: Vec<Finding> = found.into_iter().filter(|f| !allows.silences(f)).collect();
    kept.extend(allows.unused(cx));
    kept
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

/// Runs the history-aware rules on the checked plans against their past, after `check`: findings
/// an `allow` silences are dropped, the rest are placed and merged into the outcome in order.
pub fn check_history(outcome: &mut Outcome, rules: &[&dyn Rule], past: &Past, cx: &Context<'_>) {
    let mut found = Vec::new();
    for p in &outcome.plan_files {
        let mut here = Vec::new();
        for r in rules {
            r.check_history(p, past, cx, &mut here);
        }
        for mut f in allowed(p, here) {
            f.file = p.source.name.clone();
            f.plan = Some(p.plan.id().to_string());
            if let Some(src) = outcome.sources.get(&f.file) {
                place(src, &mut f);
            }
            found.push(f);
        }
    }
    outcome.findings.extend(found);
    outcome.findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
    });
}

/// Drops findings silenced by the plan's or the action's `allow`.
fn allowed(file: &PlanFile, found: Vec<Finding>) -> Vec<Finding> {
    let plan = &file.plan;
    found
        .into_iter()
        .filter(|f| {
            if plan.allow.iter().any(|a| a.get_ref() == f.rule) {
                return false;
            }
            !plan.actions.iter().any(|a| {
                let a = a.get_ref();
                f.action.as_deref() == Some(a.id.get_ref().as_str())
                    && a.allow.iter().any(|r| r.get_ref() == f.rule)
            })
        })
        .collect()
}
