//! `duplicate-id`: two actions (or sections) of one plan share an id, or two plans share a
//! plan id across the repository.

use crate::lint::{Context, Meta, PlanId, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::Spanned;
use std::collections::HashMap;

pub struct DuplicateId;

static META: Meta = Meta {
    name: "duplicate-id",
    severity: Severity::Error,
    summary: "two actions or sections of a plan, or two plans, share an id",
    docs: r#"## What it does
Reports an action id used twice in one plan, a section id used twice, and a plan id used by two
plan files in the repository. The finding points at the second use and labels the first.

## Why is this bad?
Ids are how updates, cross-references (`refs`), `diff`, `history` and board reports find an
action. Two actions with one id are indistinguishable: a rating change on one shows up as a
change on the other.

## Example
```toml
[[actions]]
id = "22"
title = "Publish the crisis line number"

[[actions]]
id = "22"
title = "Review the crisis line"
```

## Use instead
```toml
[[actions]]
id = "22"
title = "Publish the crisis line number"

[[actions]]
id = "23"
title = "Review the crisis line"
```
"#,
    fix: FixKind::None,
};

impl Rule for DuplicateId {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = &file.plan;
        let sections = plan.sections.iter().map(|s| &s.get_ref().id);
        repeats(sections, |first, dup| {
            out.push(
                cx.finding(
                    &META,
                    dup.span(),
                    format!("section id `{}` is used twice", dup.get_ref()),
                )
                .label("second use")
                .related(first.span(), "first used here")
                .help("give each section its own id"),
            );
        });
        let actions = plan.actions.iter().map(|a| &a.get_ref().id);
        repeats(actions, |first, dup| {
            out.push(
                cx.finding(
                    &META,
                    dup.span(),
                    format!("action id `{}` is used twice", dup.get_ref()),
                )
                .label("second use")
                .related(first.span(), "first used here")
                .action(dup.get_ref().clone())
                .help("give each action its own id; if it is the same action, merge the two"),
            );
        });
    }

    fn check_all(&self, plans: &[PlanId<'_>], cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for plan in plans {
            let id = plan.id;
            match seen.get(id.get_ref().as_str()) {
                Some(first) => {
                    let mut f = cx
                        .finding(
                            &META,
                            id.span(),
                            format!("plan id `{}` is also used by {first}", id.get_ref()),
                        )
                        .help("plan ids must be unique across the repository: rename one");
                    f.file = plan.file.into();
                    out.push(f);
                }
                None => {
                    seen.insert(id.get_ref(), plan.file);
                }
            }
        }
    }
}

/// The plan-id half of the rule against plans that are not being checked (`check --staged`
/// knows the others only by (file, plan id)): each checked plan whose id another file uses.
pub fn also_used(
    plans: &[PlanId<'_>],
    others: &[(String, String)],
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
) {
    let by_id: HashMap<&str, &str> = others
        .iter()
        .rev()
        .map(|(file, id)| (id.as_str(), file.as_str()))
        .collect();
    for plan in plans {
        let id = plan.id;
        if let Some(other) = by_id.get(id.get_ref().as_str()) {
            let mut f = cx
                .finding(
                    &META,
                    id.span(),
                    format!("plan id `{}` is also used by {other}", id.get_ref()),
                )
                .help("plan ids must be unique across the repository: rename one");
            f.file = plan.file.into();
            out.push(f);
        }
    }
}

/// Calls `f(first, repeat)` for every id seen before.
fn repeats<'a>(
    ids: impl Iterator<Item = &'a Spanned<String>>,
    mut f: impl FnMut(&'a Spanned<String>, &'a Spanned<String>),
) {
    let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
    for id in ids {
        match seen.get(id.get_ref().trim()) {
            Some(first) => f(first, id),
            None => {
                seen.insert(id.get_ref().trim(), id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n";

    #[test]
    fn fires_on_a_repeated_action_id() {
        let f = run(&DuplicateId, &format!("{HEAD}[[actions]]\nid = \"22\"\ntitle = \"a\"\n[[actions]]\nid = \"22\"\ntitle = \"b\"\n"));
        assert_eq!(lines(&f), vec!["9:6 action id `22` is used twice"]);
        assert_eq!(f[0].action.as_deref(), Some("22"));
    }

    #[test]
    fn fires_on_a_repeated_section_id() {
        let f = run(&DuplicateId, &format!("{HEAD}[[sections]]\nid = \"1\"\ntitle = \"a\"\n[[sections]]\nid = \"1\"\ntitle = \"b\"\n"));
        assert_eq!(lines(&f), vec!["9:6 section id `1` is used twice"]);
    }

    #[test]
    fn quiet_when_ids_differ() {
        let f = run(&DuplicateId, &format!("{HEAD}[[actions]]\nid = \"22\"\ntitle = \"a\"\n[[actions]]\nid = \"23\"\ntitle = \"a\"\n"));
        assert!(f.is_empty(), "{f:?}");
    }
}
