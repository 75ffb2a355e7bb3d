//! Lint: the rule trait, the registry (one line a rule) and the context rules run in.
//!
//! A rule is a unit struct in its own file with its name, default severity, documentation and
//! tests together. It reads a `PlanFile` and the `Context` (as-of date, configuration) and
//! emits findings; it does no I/O and reads no clock.

use crate::plan::finding::{Finding, Severity};
use crate::plan::load::PlanFile;
use crate::workspace::config::Config;
use chrono::NaiveDate;
use std::ops::Range;

mod amber_drift;
mod dangling_ref;
mod date_before_plan;
mod duplicate_action;
mod duplicate_id;
mod missing_lead;
mod missing_timescale;
mod past_due_no_update;
mod rag_complete_mismatch;
mod rag_green_overdue;
mod rag_missing;
mod rag_rollup;
mod rag_text_mismatch;
mod rag_unknown;
mod rag_withdrawn;
mod schema;
mod silent_reschedule;
mod stale_action;
mod toml_syntax;
mod unknown_section;
mod unparsed_timescale;
pub(crate) mod unused_allow;
mod vague_lead;

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
}

pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static Meta;

    /// Checks one plan.
    fn check(&self, _file: &PlanFile, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}

    /// Checks across every plan of the repository (duplicate plan ids, say).
    fn check_all(&self, _files: &[&PlanFile], _cx: &Context<'_>, _out: &mut Vec<Finding>) {}

    /// Checks one plan against its past in git (history-aware rules only; run by the check
    /// command's git pass, skipped without a repository).
    fn check_history(
        &self,
        _file: &PlanFile,
        _past: &crate::history::Past,
        _cx: &Context<'_>,
        _out: &mut Vec<Finding>,
    ) {
    }

    /// True for rules that read `check_history` (they need git).
    fn needs_history(&self) -> bool {
        false
    }
}

/// Every rule, in the order `planlint rules` lists them.
pub static RULES: &[&dyn Rule] = &[
    &toml_syntax::TomlSyntax,
    &schema::Schema,
    &duplicate_id::DuplicateId,
    &unknown_section::UnknownSection,
    &dangling_ref::DanglingRef,
    &rag_unknown::RagUnknown,
    &missing_lead::MissingLead,
    &vague_lead::VagueLead,
    &missing_timescale::MissingTimescale,
    &unparsed_timescale::UnparsedTimescale,
    &past_due_no_update::PastDueNoUpdate,
    &stale_action::StaleAction,
    &rag_missing::RagMissing,
    &rag_complete_mismatch::RagCompleteMismatch,
    &rag_green_overdue::RagGreenOverdue,
    &rag_withdrawn::RagWithdrawn,
    &rag_text_mismatch::RagTextMismatch,
    &rag_rollup::RagRollup,
    &duplicate_action::DuplicateAction,
    &date_before_plan::DateBeforePlan,
    &unused_allow::UnusedAllow,
    &silent_reschedule::SilentReschedule,
    &amber_drift::AmberDrift,
];

pub fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().name == name)
}

/// Every rule's name, as `planlint.toml` and `allow` may name them.
pub fn names() -> Vec<&'static str> {
    RULES.iter().map(|r| r.meta().name).collect()
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
pub(crate) mod testing {
    //! Helpers for rule tests: load a plan from text and run one rule on it.
    use super::*;
    use crate::plan::load::{load_text, LoadSeverities};

    pub fn config() -> Config {
        Config::defaults(std::path::PathBuf::from("/repo"))
    }

    pub fn run_with(rule: &dyn Rule, text: &str, as_of: &str, config: &Config) -> Vec<Finding> {
        let loaded = load_text(
            "plans/p.toml".into(),
            text.into(),
            LoadSeverities::default(),
        );
        let file = loaded
            .plan
            .unwrap_or_else(|| panic!("test plan must be schema-valid: {:?}", loaded.findings));
        let cx = Context {
            as_of: as_of.parse().expect("test as-of date"),
            config,
        };
        let mut out = Vec::new();
        rule.check(&file, &cx, &mut out);
        rule.check_all(&[&file], &cx, &mut out);
        for f in &mut out {
            let (l, c) = file.source.position(f.span.start);
            f.line = l;
            f.column = c;
        }
        out
    }

    pub fn run(rule: &dyn Rule, text: &str) -> Vec<Finding> {
        run_with(rule, text, "2015-12-01", &config())
    }

    /// The first TOML blocks under a rule's `## Example` and `## Use instead`, each made a
    /// whole plan (the blocks show only sections and actions).
    pub fn doc_plans(meta: &Meta) -> (String, String) {
        let block = |heading: &str| {
            let after = meta.docs.split(heading).nth(1).expect("heading");
            let code = after.split("```toml\n").nth(1).expect("a toml block");
            let code = code.split("```").next().expect("a closed block");
            format!("schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n{code}")
        };
        (block("## Example"), block("## Use instead"))
    }

    /// `line:col message` for each finding: compact to assert on.
    pub fn lines(findings: &[Finding]) -> Vec<String> {
        findings
            .iter()
            .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
            .collect()
    }
}

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
