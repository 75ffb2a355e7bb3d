//! Lint: the check pipeline (`check`), the rule trait, the registry (`rules`, one file and one
//! line a rule), the context rules run in, `allow` handling, and the past the history-aware rules
//! read (`past`: plain data that the git layer fills in).
//!
//! A rule is a unit struct in its own file with its name, default severity, documentation and
//! tests together. It reads a `PlanFile` and the `Context` (as-of date, configuration) and
//! emits findings; it does no I/O and reads no clock.
//!
//! May use: `plan`, `workspace` (the configuration). Never `git`: history arrives as `Past`.

mod as_of;
pub mod baseline;
pub mod check;
pub mod past;
pub mod phrases;
pub mod rules;

pub use as_of::{AsOf, Said};
pub use rules::{find, names, RULES};

use crate::plan::finding::{Finding, Severity};
use crate::plan::load::PlanFile;
use crate::workspace::config::Config;
use chrono::NaiveDate;
use std::ops::Range;

/// What every rule declares about itself; `planlint rules` and `explain` print it.
#[derive(Debug)]
pub struct Meta {
    /// Stable kebab-case name: names the problem and reads well in `allow = [...]`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line for `planlint rules`.
    pub summary: &'static str,
    /// Markdown with the headings: What it does, Why is this bad?, Example, Use instead.
    pub docs: &'static str,
    /// Whether the rule's findings carry a fix (`check --fix`), and whether it is safe.
    pub fix: crate::plan::fix::FixKind,
}

/// A plan as the cross-plan rules know it: its file and its `[plan] id`.
#[derive(Debug, Clone, Copy)]
pub struct PlanId<'a> {
    pub file: &'a str,
    pub id: &'a crate::plan::model::Spanned<String>,
}

impl<'a> PlanId<'a> {
    pub fn of(file: &'a PlanFile) -> PlanId<'a> {
        PlanId {
            file: &file.source.name,
            id: &file.plan.plan.get_ref().id,
        }
    }
}

pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static Meta;

    /// Checks one plan.
    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}

    /// Checks across every plan of the repository (duplicate plan ids, say), knowing each plan
    /// by its file and plan id: all a cross-plan rule may ask, so the check need not keep every
    /// plan to run it (`lint::check::check_lean`).
    fn check_all(&self, _plans: &[PlanId<'_>], _cx: &Context<'_>, _out: &mut Vec<Finding>) {}

    /// Checks one plan, as the history rules read it, against its past in git (history-aware
    /// rules only; run by the check command's git pass, skipped without a repository).
    fn check_history(
        &self,
        _file: &past::Tracked,
        _past: &past::Past,
        _cx: &Context<'_>,
        _out: &mut Vec<Finding>,
    ) {
    }

    /// What of the past a rule that reads `check_history` needs (nothing for the others: they
    /// need no git).
    fn past_needs(&self, _cx: &Context<'_>) -> past::Needs {
        past::Needs::default()
    }
}

/// What a rule may know besides the plan: the as-of date and the configuration.
pub struct Context<'a> {
    pub as_of: NaiveDate,
    pub config: &'a Config,
}

impl Context<'_> {
    pub fn severity(&self, meta: &Meta) -> Severity {
        self.config.severity(meta.name, meta.severity)
    }

    /// A finding of `meta`'s rule at its configured severity.
    pub fn finding(
        &self,
        meta: &'static Meta,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(meta.name, self.severity(meta), span, message)
    }
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_with_the_four_headings() {
        for r in RULES {
            let m = r.meta();
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
            ] {
                assert!(m.docs.contains(heading), "{} lacks `{heading}`", m.name);
            }
            assert!(
                !m.summary.is_empty() && !m.summary.ends_with('.'),
                "{}: summary",
                m.name
            );
            assert!(
                m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                m.name
            );
        }
    }

    #[test]
    fn rule_names_are_unique() {
        let mut names = names();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len());
    }
}
