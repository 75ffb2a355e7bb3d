//! `unused-allow`: an `allow` names an unknown rule or silences nothing.
//!
//! Whether an `allow` silenced anything is only known once every other rule has run on the plan
//! (the history rules too), so this rule has no `check` of its own: the check's allow step
//! (`lint::check::settle`, run once after every rule) judges each finding with [`Allows`],
//! which records what each entry silenced, and asks it for the entries left unused.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::model::{Day, Plan, Spanned};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::ops::Range;

pub struct UnusedAllow;

static META: Meta = Meta {
    name: "unused-allow",
    severity: Severity::Warning,
    summary: "an `allow` names an unknown rule or silences nothing",
    docs: r#"## What it does
Reports each entry of an `allow` list (an action's, or the plan's) that names no planlint rule
(suggesting the nearest name), or that silenced no finding in this check. An entry naming a rule
switched off in `planlint.toml` is not reported (the rule did not run), nor one naming a history
rule (`silent-reschedule`, `amber-drift`) when the history rules could not run (outside git),
and neither is `allow = ["unused-allow"]` itself. An entry naming a rule that `[rules]
non_waivable` in `planlint.toml` keeps from being silenced is reported too: it silences nothing.

An `allow` may end: `allow_until = 2016-03-31` beside `allow_reason` is the last day it holds.
After it, the findings it silenced are back, marked "allowance expired", until the exception is
agreed again (a new `allow_until`) or the problem is fixed. `allow` is applied once, after every
rule (the history rules too) has run.

## Why is this bad?
An `allow` is a recorded exception: "this action has no single lead, by agreement of the
board". A misspelt rule name silences nothing while looking as if it does, and an exception that
no longer applies hides the next real problem of that kind on the same action.

## Example
```toml
[[actions]]
id = "6.3"
title = "Share learning from serious incidents"
leads = ["Lancashire Care NHS Foundation Trust"]
allow = ["vague-leads"]
allow_reason = "All partners share this action by agreement of the board"
```

## Use instead
```toml
[[actions]]
id = "6.3"
title = "Share learning from serious incidents"
leads = ["All"]
allow = ["vague-lead"]
allow_reason = "All partners share this action by agreement of the board"
allow_until = 2016-03-31
```
"#,
    fix: FixKind::None,
};

impl Rule for UnusedAllow {
    fn meta(&self) -> &'static Meta {
        &META
    }
}

/// What an `allow` does to one finding.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No `allow` names its rule (or the rule is non-waivable): the finding stays.
    Kept,
    /// An `allow` in force names its rule: the finding is dropped.
    Silenced,
    /// Only `allow`s whose `allow_until` has passed name its rule: the finding stays, marked.
    Expired {
        until: NaiveDate,
        /// The `allow_until` value's span.
        span: Range<usize>,
    },
}

/// The `allow` entries of one plan and whether each has silenced a finding yet.
pub struct Allows<'p> {
    plan: &'p Plan,
    /// Action id -> indices of the actions with that id (several when `duplicate-id` fires).
    by_id: HashMap<&'p str, Vec<usize>>,
    plan_used: Vec<bool>,
    action_used: Vec<Vec<bool>>,
}

impl<'p> Allows<'p> {
    /// `None` when the plan allows nothing, so the common case costs nothing.
    pub fn new(plan: &'p Plan) -> Option<Allows<'p>> {
        if plan.allow.is_empty() && plan.actions.iter().all(|a| a.get_ref().allow.is_empty()) {
            return None;
        }
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, a) in plan.actions.iter().enumerate() {
            by_id
                .entry(a.get_ref().id.get_ref().as_str())
                .or_default()
                .push(i);
        }
        Some(Allows {
            plan,
            by_id,
            plan_used: vec![false; plan.allow.len()],
            action_used: plan
                .actions
                .iter()
                .map(|a| vec![false; a.get_ref().allow.len()])
                .collect(),
        })
    }

    /// What the plan's and the finding's action's `allow` do to `f`; every entry naming its
    /// rule is marked used (an expired one and one of a non-waivable rule too: they are not
    /// "unused", the finding says why it is back).
    pub fn judge(&mut self, f: &Finding, cx: &Context<'_>) -> Verdict {
        if f.rule == crate::plan::load::SYNTAX || f.rule == crate::plan::schema::RULE {
            return Verdict::Kept;
        }
        let mut in_force = false;
        let mut expired: Option<&Spanned<Day>> = None;
        let mut judge = |until: &'p Option<Spanned<Day>>| match until {
            Some(u) if u.get_ref().0 < cx.as_of => {
                if expired.is_none_or(|e| e.get_ref() < u.get_ref()) {
                    expired = Some(u);
                }
            }
            _ => in_force = true,
        };
        if mark(&self.plan.allow, &mut self.plan_used, f.rule) {
            judge(&self.plan.allow_until);
        }
        let actions = f.action.as_deref().and_then(|id| self.by_id.get(id));
        for &i in actions.into_iter().flatten() {
            if let (Some(a), Some(used)) = (self.plan.actions.get(i), self.action_used.get_mut(i)) {
                let a = a.get_ref();
                if mark(&a.allow, used, f.rule) {
                    judge(&a.allow_until);
                }
            }
        }
        if !cx.config.waivable(f.rule) {
            return Verdict::Kept;
        }
        match (in_force, expired) {
            (true, _) => Verdict::Silenced,
            (false, Some(u)) => Verdict::Expired {
                until: u.get_ref().0,
                span: u.span(),
            },
            (false, None) => Verdict::Kept,
        }
    }

    /// Findings for the entries that name no rule or silenced nothing. `history`: whether the
    /// history rules ran (an entry naming one is not judged when they did not).
    pub fn unused(self, cx: &Context<'_>, history: bool) -> Vec<Finding> {
        if cx.severity(&META) == Severity::Off {
            return Vec::new();
        }
        let plan_quiet = self.plan.allow.iter().any(|r| r.get_ref() == META.name);
        let mut out = Vec::new();
        for (entry, used) in self.plan.allow.iter().zip(&self.plan_used) {
            if !plan_quiet {
                out.extend(report(entry, *used, None, cx, history));
            }
        }
        for (action, used) in self.plan.actions.iter().zip(&self.action_used) {
            let a = action.get_ref();
            if plan_quiet || a.allow.iter().any(|r| r.get_ref() == META.name) {
                continue;
            }
            for (entry, used) in a.allow.iter().zip(used) {
                out.extend(report(entry, *used, Some(a.id.get_ref()), cx, history));
            }
        }
        out
    }
}

/// Marks the entries of `allow` naming `rule` as used; whether there was one.
fn mark(allow: &[Spanned<String>], used: &mut [bool], rule: &str) -> bool {
    let mut any = false;
    for (entry, u) in allow.iter().zip(used.iter_mut()) {
        if entry.get_ref() == rule {
            *u = true;
            any = true;
        }
    }
    any
}

/// The finding for one `allow` entry of the plan (`action` = None) or of an action, if any.
fn report(
    entry: &Spanned<String>,
    used: bool,
    action: Option<&String>,
    cx: &Context<'_>,
    history: bool,
) -> Option<Finding> {
    let name = entry.get_ref().as_str();
    let whose = match action {
        Some(id) => format!("action {id}"),
        None => "the plan".to_string(),
    };
    let (message, label, help) = match crate::lint::find(name) {
        None => {
            let hint = crate::plan::words::nearest(name, crate::lint::names())
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            (
                format!("`allow` names `{name}`, which is not a planlint rule"),
                "unknown rule",
                format!("{hint}`planlint rules` lists the rule names"),
            )
        }
        Some(_) if !cx.config.strict && cx.config.non_waivable.contains(name) => (
            format!("`allow` names `{name}`, which planlint.toml makes non-waivable"),
            "cannot be silenced",
            format!("remove it: `[rules] non_waivable` in planlint.toml keeps `{name}`'s findings from being silenced"),
        ),
        Some(_) if used || name == META.name => return None,
        Some(rule) if cx.severity(rule.meta()) == Severity::Off => return None,
        // outside git the history rules do not run: whether it silences anything is unknown
        Some(rule) if !history && rule.past_needs(cx).any() => return None,
        Some(_) if name == crate::plan::load::SYNTAX || name == crate::plan::schema::RULE => (
            format!("`allow` names `{name}`, whose findings an allow cannot silence"),
            "cannot be silenced",
            "remove it: a plan must be valid TOML and match the schema to be read at all"
                .to_string(),
        ),
        Some(_) => (
            format!("`allow` silences `{name}`, but {whose} has no {name} finding"),
            "silences nothing",
            format!("remove `{name}` from `allow` (and `allow_reason` with the last entry)"),
        ),
    };
    let mut f = cx
        .finding(&META, entry.span(), message)
        .label(label)
        .help(help);
    if let Some(id) = action {
        f = f.action(id.clone());
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use crate::lint::check::check;
    use crate::lint::testing::config;
    use crate::plan::load::Input;

    const ACTION: &str = "[[actions]]\nid = \"6.3\"\ntitle = \"a\"\nleads = [\"All\"]\n";

    /// A plan with `plan_allow` at its top level (lines 2-3 when given) and then `rest`.
    fn plan(plan_allow: &str, rest: &str) -> String {
        format!("schema_version = 1\n{plan_allow}[plan]\nid = \"p\"\ntitle = \"t\"\n{rest}")
    }

    fn allow(list: &str) -> String {
        format!("allow = [{list}]\nallow_reason = \"agreed by the board\"\n")
    }

    /// `rule line:col message` of the vague-lead and unused-allow findings of a full check
    /// (other rules are other tests' business).
    fn check_text(text: &str, config: &crate::workspace::config::Config) -> Vec<String> {
        let input = Input {
            name: "plans/p.toml".into(),
            bytes: Ok(text.as_bytes().to_vec()),
        };
        check(vec![input], config, "2015-12-01".parse().unwrap())
            .findings
            .iter()
            .filter(|f| matches!(f.rule, "vague-lead" | "unused-allow" | "schema"))
            .map(|f| format!("{} {}:{} {}", f.rule, f.line, f.column, f.message))
            .collect()
    }

    #[test]
    fn an_allow_that_silences_is_quiet() {
        let text = plan("", &format!("{ACTION}{}", allow("\"vague-lead\"")));
        assert_eq!(check_text(&text, &config()), Vec::<String>::new());
        let text = plan(&allow("\"vague-lead\""), ACTION);
        assert_eq!(check_text(&text, &config()), Vec::<String>::new());
    }

    #[test]
    fn fires_on_an_unknown_rule_with_a_suggestion() {
        let text = plan("", &format!("{ACTION}{}", allow("\"vague-leads\"")));
        assert_eq!(
            check_text(&text, &config()),
            vec![
                "vague-lead 8:10 the only lead, \"All\", names nobody in particular",
                "unused-allow 9:10 `allow` names `vague-leads`, which is not a planlint rule",
            ]
        );
    }

    #[test]
    fn fires_on_an_allow_that_silences_nothing() {
        let text = plan(
            &allow("\"duplicate-action\""),
            &format!(
                "[[actions]]\nid = \"6.3\"\ntitle = \"a\"\nleads = [\"Mind\"]\n{}",
                allow("\"vague-lead\"")
            ),
        );
        assert_eq!(
            check_text(&text, &config()),
            vec![
                "unused-allow 2:10 `allow` silences `duplicate-action`, but the plan has no duplicate-action finding",
                "unused-allow 11:10 `allow` silences `vague-lead`, but action 6.3 has no vague-lead finding",
            ]
        );
    }

    #[test]
    fn fires_on_loading_rules() {
        let text = plan(&allow("\"schema\""), "");
        assert_eq!(
            check_text(&text, &config()),
            vec![
                "unused-allow 2:10 `allow` names `schema`, whose findings an allow cannot silence"
            ]
        );
    }

    #[test]
    fn quiet_on_rules_switched_off_and_when_itself_allowed() {
        let mut c = config();
        c.severities
            .insert("vague-lead".into(), crate::plan::finding::Severity::Off);
        let text = plan("", &format!("{ACTION}{}", allow("\"vague-lead\"")));
        assert_eq!(check_text(&text, &c), Vec::<String>::new());
        let text = plan(
            &allow("\"unused-allow\""),
            &format!("{ACTION}{}", allow("\"vague-lead\", \"duplicate-action\"")),
        );
        assert_eq!(check_text(&text, &config()), Vec::<String>::new());
    }

    #[test]
    fn an_expired_allow_brings_the_finding_back_unless_another_holds() {
        let expired = format!("{}allow_until = 2015-11-30\n", allow("\"vague-lead\""));
        let text = plan(&expired, ACTION);
        assert_eq!(
            check_text(&text, &config()),
            vec![
                "vague-lead 11:10 the only lead, \"All\", names nobody in particular (allowance expired 2015-11-30)"
            ]
        );
        // the action's own allow, with no end, still holds
        let text = plan(&expired, &format!("{ACTION}{}", allow("\"vague-lead\"")));
        assert_eq!(check_text(&text, &config()), Vec::<String>::new());
    }

    #[test]
    fn a_non_waivable_rule_is_not_silenced_and_its_allow_is_reported() {
        let mut c = config();
        c.non_waivable.insert("vague-lead".into());
        let text = plan("", &format!("{ACTION}{}", allow("\"vague-lead\"")));
        assert_eq!(
            check_text(&text, &c),
            vec![
                "vague-lead 8:10 the only lead, \"All\", names nobody in particular",
                "unused-allow 9:10 `allow` names `vague-lead`, which planlint.toml makes non-waivable",
            ]
        );
        // --strict: not silenced, and the allow is not called unused
        let mut c = config();
        c.strict = true;
        assert_eq!(
            check_text(&text, &c),
            vec!["vague-lead 8:10 the only lead, \"All\", names nobody in particular"]
        );
    }

    #[test]
    fn quiet_when_switched_off() {
        let mut c = config();
        c.severities
            .insert("unused-allow".into(), crate::plan::finding::Severity::Off);
        let text = plan(&allow("\"vague-leads\""), "");
        assert_eq!(check_text(&text, &c), Vec::<String>::new());
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&super::META);
        let only = |f: Vec<String>| -> Vec<String> {
            f.into_iter()
                .filter(|f| f.starts_with("unused-allow"))
                .collect()
        };
        assert_eq!(only(check_text(&fires, &config())).len(), 1, "{fires}");
        assert_eq!(only(check_text(&quiet, &config())), Vec::<String>::new());
    }
}
