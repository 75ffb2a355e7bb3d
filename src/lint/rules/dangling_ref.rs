//! `dangling-ref`: an action's `refs` names an action that does not exist.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use std::collections::HashSet;

pub struct DanglingRef;

static META: Meta = Meta {
    name: "dangling-ref",
    severity: Severity::Error,
    summary: "`refs` names an action that does not exist",
    docs: r#"## What it does
Reports each entry of an action's `refs` that is not the id of an action in the same plan.

## Why is this bad?
Real plans lean on cross-references ("See Point 15", "Please see update above for action number
9"). When the referenced action is renumbered or deleted, the reader is sent nowhere and the
progress the reference stood for is lost.

## Example
```toml
[[actions]]
id = "16"
title = "Share the crisis pathway with GPs"
refs = ["15"]   # there is no action 15
```

## Use instead
```toml
[[actions]]
id = "16"
title = "Share the crisis pathway with GPs"
refs = ["14"]
```
"#,
    fix: FixKind::None,
};

impl Rule for DanglingRef {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = &file.plan;
        let ids: HashSet<&str> = plan
            .actions
            .iter()
            .map(|a| a.get_ref().id.get_ref().trim())
            .collect();
        for action in &plan.actions {
            let a = action.get_ref();
            for r in &a.refs {
                if ids.contains(r.get_ref().trim()) {
                    continue;
                }
                let hint = crate::plan::words::nearest(r.get_ref(), ids.iter().copied())
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                out.push(
                    cx.finding(
                        &META,
                        r.span(),
                        format!(
                            "action {} refers to action `{}`, which does not exist",
                            a.id.get_ref(),
                            r.get_ref()
                        ),
                    )
                    .label("no such action")
                    .action(a.id.get_ref().clone())
                    .help(format!(
                        "{hint}point `refs` at an existing action id, or remove it"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"14\"\ntitle = \"a\"\n";

    #[test]
    fn fires_on_a_missing_action() {
        let f = run(
            &DanglingRef,
            &format!("{HEAD}[[actions]]\nid = \"16\"\ntitle = \"b\"\nrefs = [\"14\", \"15\"]\n"),
        );
        assert_eq!(
            lines(&f),
            vec!["11:15 action 16 refers to action `15`, which does not exist"]
        );
    }

    #[test]
    fn quiet_when_the_reference_exists() {
        let f = run(
            &DanglingRef,
            &format!("{HEAD}[[actions]]\nid = \"16\"\ntitle = \"b\"\nrefs = [\"14\"]\n"),
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
