//! `unused-allow`: an `allow` names an unknown rule or silences nothing.
//!
//! Whether an `allow` silenced anything is only known once every other rule has run on the plan,
//! so this rule has no `check` of its own: the check job's allow step (`check::apply_allow`)
//! records what each entry silenced with [`Allows`] and asks it for the entries left unused.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::model::{Plan, Spanned};
use std::collections::HashMap;

pub struct UnusedAllow;

static META: Meta = Meta {
    name: "unused-allow",
    severity: Severity::Warning,
    summary: "an `allow` names an unknown rule or silences nothing",
    docs: r#"## What it does
Reports each entry of an `allow` list (an action's, or the plan's) that names no planlint rule
(suggesting the nearest name), or that silenced no finding in this check. An entry naming a rule
switched off in `planlint.toml` is not reported (the rule did not run), and neither is
`allow = ["unused-allow"]` itself.

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
```
"#,
    fix: FixKind::None,
};

impl Rule for UnusedAllow {
    fn meta(&self) -> &'static Meta {
        &META
    }
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

    /// Whether an `allow` silences `f`; every entry that does is marked used.
    pub fn silences(&mut self, f: &Finding) -> bool {
        let mut silenced = mark(&self.plan.allow, &mut self.plan_used, f.rule);
        let actions = f.action.as_deref().and_then(|id| self.by_id.get(id));
        for &i in actions.into_iter().flatten() {
            if let (Some(a), Some(used)) = (self.plan.actions.get(i), self.action_used.get_mut(i)) {
                silenced |= mark(&a.get_ref().allow, used, f.rule);
            }
        }
        silenced
    }

    /// Findings for the entries that name no rule or silenced nothing.
    pub fn unused(self, cx: &Context<'_>) -> Vec<Finding> {
        if cx.severity(&META) == Severity::Off {
            return Vec::new();
        }
        let plan_quiet = self.plan.allow.iter().any(|r| r.get_ref() == META.name);
        let mut out = Vec::new();
        for (entry, used) in self.plan.allow.iter().zip(&self.plan_used) {
            if !plan_quiet {
                out.extend(report(entry, *used, None, cx));
            }
        }
        for (action, used) in self.plan.actions.iter().zip(&self.action_used) {
            let a = action.get_ref();
            if plan_quiet || a.allow.iter().any(|r| r.get_ref() == META.name) {
                continue;
            }
            for (entry, used) in a.allow.iter().zip(used) {
                out.extend(report(entry, *used, Some(a.id.get_ref()), cx));
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
) -> Option<Finding> {
    let name = entry.get_ref().as_str();
    let whose = match action {
        Some(id) => format!("action {id}"),
        None => "the plan".to_string(),
    };
    let (message, label, help) = match crate::lint::find(name) {
        None => {
            let hint = crate::plan::schema::nearest(name, crate::lint::names())
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            (
                format!("`allow` names `{name}`, which is not a planlint rule"),
                "unknown rule",
                format!("{hint}`planlint rules` lists the rule names"),
            )
        }
        Some(_) if used || name == META.name => return None,
        Some(rule) if cx.severity(rule.meta()) == Severity::Off => return None,
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
