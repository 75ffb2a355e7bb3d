//! What a change adds: `check --new-from-rev REV`, `--new-from-merge-base REV` and the hook's
//! default once a repository has a baseline (`[hook] judge`). The check runs as usual, then the
//! same check at REV; a finding whose identity (`plan::finding::Identity`: plan id, action id,
//! rule, field; never its line) REV already had is old. Old findings are not counted and not
//! shown, except on an action the change touched: those are shown, as `info` with a note that
//! says what they were at REV, so a change cannot carry an old problem forward unseen, yet a
//! clean `planlint update` on a legacy action still passes.
//!
//! Findings are matched as a multiset: REV having one `status-complete` on an action and the
//! change having two means one of them is new.
//!
//! May use: `git`, `lint`, `workspace`, `plan`.

use super::{at_among, base_of, Among, Checked, Dating};
use crate::git::{Repo, Resolved, Side};
use crate::lint::check::{Keep, Outcome};
use crate::plan::finding::{Identity, Severity, Summary};
use crate::workspace::config::Config;
use crate::Error;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// The revision a check is judged against, and what to tell the user to see every finding.
#[derive(Debug, Clone)]
pub struct Against {
    pub rev: Resolved,
    /// How to see the findings left out ("run without --new-from-rev").
    pub see_all: String,
}

/// What judging left out and kept, for the note and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Judged {
    /// Old findings not shown, by severity.
    pub hidden: Summary,
    /// Old findings shown because the change touched their action.
    pub touched: usize,
}

/// Judges `checked` (the check of `side`) against `against.rev`: drops the findings REV
/// already had, keeps those on touched actions as `info` with a note, and adds a note that says
/// how many were left out and how to see them.
pub fn judge(
    repo: &Repo,
    config: &Config,
    against: &Against,
    checked: &mut Checked,
    as_of: NaiveDate,
) -> Result<Judged, Error> {
    if checked.outcome.findings.is_empty() {
        // nothing to judge: REV need not be checked
        return Ok(Judged::default());
    }
    let old = at_rev(repo, config, &against.rev, &checked.outcome, as_of)?;
    let judged = split(&mut checked.outcome, &old, &against.rev.rev, config);
    let h = judged.hidden;
    let hidden = h.error + h.warning + h.info;
    if hidden > 0 {
        let mut parts = Vec::new();
        for (n, what) in [(h.error, "error"), (h.warning, "warning"), (h.info, "info")] {
            if n > 0 {
                parts.push(match what {
                    "info" => format!("{n} info"),
                    _ => crate::plan::words::count(n, what),
                });
            }
        }
        checked.notes.push(format!(
            "judged against {}: {} already there not counted ({}); {}",
            against.rev.rev,
            crate::plan::words::count(hidden, "finding"),
            parts.join(", "),
            against.see_all
        ));
    } else if judged.touched == 0 {
        checked.notes.push(format!(
            "judged against {}: no finding was already there",
            against.rev.rev
        ));
    }
    Ok(judged)
}

/// The check at REV of the plans that correspond to those checked now: the same files, and any
/// file at REV holding one of the same plan ids (a plan renamed since). The other plans at REV
/// take part by their ids only, as `--staged` does, so the cross-plan rule sees them.
fn at_rev(
    repo: &Repo,
    config: &Config,
    rev: &Resolved,
    now: &Outcome,
    as_of: NaiveDate,
) -> Result<Outcome, Error> {
    let names: BTreeSet<&str> = now
        .sources
        .keys()
        .map(String::as_str)
        .chain(now.findings.iter().map(|f| &*f.file))
        .collect();
    let ids: BTreeSet<&str> = now
        .plan_files
        .iter()
        .map(|p| p.plan.plan.get_ref().id.get_ref().as_str())
        .chain(now.findings.iter().filter_map(|f| f.plan.as_deref()))
        .collect();
    let at = Side::Commit(rev.clone());
    let mut snap = repo.snapshot(at.clone(), config)?;
    let wanted: Vec<(_, &str)> = snap
        .files
        .iter()
        .filter(|(name, _)| !names.contains(name.as_str()))
        .map(|(name, e)| (e.oid, name.as_str()))
        .collect();
    let summaries = repo.summaries(&wanted);
    let rest: Vec<String> = wanted.iter().map(|(_, n)| n.to_string()).collect();
    let mut others = Vec::new();
    let mut renamed = BTreeSet::new();
    for (name, s) in rest.iter().zip(&summaries) {
        if s.error.is_some() {
            continue;
        }
        if ids.contains(s.plan.as_str()) {
            renamed.insert(name.clone());
        } else {
            others.push((name.clone(), s.plan.clone()));
        }
    }
    snap.files
        .retain(|name, _| names.contains(name.as_str()) || renamed.contains(name));
    let inputs = repo.inputs(&snap);
    let base = base_of(repo, &at);
    // the history rules at REV compare it with its own first parent, as `check --rev REV` does
    Ok(at_among(
        repo,
        config,
        &at,
        base.as_ref(),
        inputs,
        Dating::Given(as_of),
        Among {
            others: &others,
            same: &others.iter().map(|(n, _)| n.as_str()).collect(),
            kept: None,
            // `split` reads every plan's actions
            keep: Keep::Every,
        },
    )
    .outcome)
}

/// Splits `now`'s findings by `old`'s: new ones stay, old ones go, but those on an action whose
/// text differs between the two sides stay as `info` with a note.
fn split(now: &mut Outcome, old: &Outcome, rev: &str, config: &Config) -> Judged {
    let text = |o: &Outcome, file: &str| -> String {
        o.sources
            .get(file)
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    let mut seen: HashMap<Identity, usize> = HashMap::new();
    for f in &old.findings {
        let t = text(old, &f.file);
        *seen.entry(f.identity(&t)).or_default() += 1;
    }
    let before = actions(old);
    let after = actions(now);
    let mut judged = Judged::default();
    let sources = &now.sources;
    now.findings.retain_mut(|f| {
        let t = sources
            .get(&*f.file)
            .map(|s| s.text.as_str())
            .unwrap_or_default();
        // a rule no allow or baseline may silence (`[rules] non_waivable`, `--strict`) is
        // not silenced by being old either: its findings always count
        if !config.waivable(f.rule) {
            return true;
        }
        match seen.get_mut(&f.identity(t)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => return true,
        }
        let touched = match (&f.plan, &f.action) {
            (Some(p), Some(a)) => {
                let key = (p.to_string(), a.clone());
                before.get(&key) != after.get(&key)
            }
            _ => false,
        };
        if touched {
            let was = f.severity;
            f.severity = Severity::Info;
            // in the message, not the help, so every format (concise too) shows it
            f.message = format!(
                "{} (already at {rev} as {} {was}, on an action this change touched: not counted against it)",
                f.message,
                if was == Severity::Error { "an" } else { "a" }
            );
            judged.touched += 1;
            true
        } else {
            match f.severity {
                Severity::Error => judged.hidden.error += 1,
                Severity::Warning => judged.hidden.warning += 1,
                Severity::Info | Severity::Off => judged.hidden.info += 1,
            }
            false
        }
    });
    judged
}

/// Each action's text by (plan id, action id): from its table's start to the next action's, so
/// its updates are part of it; where it sits in the file is not.
fn actions(o: &Outcome) -> HashMap<(String, String), String> {
    let mut out = HashMap::new();
    for pf in &o.plan_files {
        let text = &pf.source.text;
        let plan = pf.plan.plan.get_ref().id.get_ref().clone();
        let mut starts: Vec<(usize, &str)> = pf
            .plan
            .actions
            .iter()
            .map(|a| (a.span().start, a.get_ref().id.get_ref().as_str()))
            .collect();
        starts.sort_unstable();
        for (i, (start, id)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(text.len(), |n| n.0);
            let body = text.get(*start..end).unwrap_or_default().trim_end();
            let body = body.strip_suffix("[[actions]]").unwrap_or(body).trim();
            out.insert((plan.clone(), (*id).to_string()), body.to_string());
        }
    }
    out
}
