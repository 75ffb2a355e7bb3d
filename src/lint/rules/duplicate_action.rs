//! `duplicate-action`: two actions of one plan have the same title.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::Status;
use std::collections::HashMap;

pub struct DuplicateAction;

static META: Meta = Meta {
    name: "duplicate-action",
    severity: Severity::Warning,
    summary: "two actions of one plan have the same title",
    docs: r#"## What it does
Reports an action whose title is the same as another action's in the same plan, ignoring case,
spacing and punctuation. The finding is on each copy but the one with the lowest id (3.2 before
3.10), with a label at that one, so moving actions about in the file never moves the finding. A
withdrawn action is left out: withdrawing one of the pair is how a duplicate is resolved.

## Why is this bad?
The same work entered twice (Bexley 22 and 23, once under patient safety and once under staff
safety) gets two leads, two ratings and two updates that drift apart, and the plan counts it
twice.

## Example
```toml
[[actions]]
id = "22"
title = "Reduce violence and aggression on mental health wards"

[[actions]]
id = "23"
title = "Reduce violence and aggression on mental health wards."
```

## Use instead
```toml
[[actions]]
id = "22"
title = "Reduce violence and aggression on mental health wards"

[[actions]]
id = "23"
title = "Train ward staff in de-escalation"
```
"#,
    fix: FixKind::None,
};

/// Lower case, letters and digits only, words separated by one space.
fn normalise(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut key = String::with_capacity(lower.len());
    for word in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

impl Rule for DuplicateAction {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // the first of a group is the one with the lowest id, not the one higher in the file:
        // moving actions about must not move the finding to the other action (its identity,
        // and so a baseline line or the hook's "already at HEAD", hangs on the action)
        let mut groups: HashMap<String, Vec<&crate::plan::model::Action>> = HashMap::new();
        let mut order = Vec::new();
        for action in &file.plan.actions {
            let a = action.get_ref();
            if a.status() == Some(Status::Withdrawn) {
                continue;
            }
            let key = normalise(a.title.get_ref());
            if key.is_empty() {
                continue;
            }
            let group = groups.entry(key.clone()).or_default();
            if group.is_empty() {
                order.push(key);
            }
            group.push(a);
        }
        let mut found = Vec::new();
        for key in order {
            let group = &groups[&key];
            let Some(earlier) = group
                .iter()
                .copied()
                .min_by(|x, y| id_order(x.id.get_ref(), y.id.get_ref()))
            else {
                continue;
            };
            for a in group.iter().copied().filter(|a| !std::ptr::eq(*a, earlier)) {
                found.push(
                    cx.finding(
                        &META,
                        a.title.span(),
                        format!(
                            "action {} has the same title as action {}",
                            a.id.get_ref(),
                            earlier.id.get_ref()
                        ),
                    )
                    .label("same title")
                    .related(
                        earlier.title.span(),
                        format!("action {} has it first", earlier.id.get_ref()),
                    )
                    .action(a.id.get_ref().clone())
                    .help(
                        "merge the two actions (keep one, move its updates across, withdraw the other), \
                         or reword the titles to say how they differ",
                    ),
                );
            }
        }
        found.sort_by_key(|f| f.span.start);
        out.extend(found);
    }
}

/// Ids in the order people number them (`plan::words::natural`), then as text.
fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (
        crate::plan::words::natural(a),
        crate::plan::words::natural(b),
    );
    x.cmp(&y).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"22\"\ntitle = \"Reduce violence on wards\"\n";

    #[test]
    fn fires_once_on_the_second_ignoring_case_space_and_punctuation() {
        let f = run(
            &DuplicateAction,
            &format!("{HEAD}[[actions]]\nid = \"23\"\ntitle = \" reduce  VIOLENCE on wards.\"\n"),
        );
        assert_eq!(
            lines(&f),
            vec!["10:9 action 23 has the same title as action 22"]
        );
        assert_eq!(f[0].action.as_deref(), Some("23"));
        assert_eq!(f[0].related.len(), 1);
        assert_eq!(f[0].related[0].label, "action 22 has it first");
        assert_eq!(f[0].related[0].span.start, HEAD.find("\"Reduce").unwrap());
    }

    #[test]
    fn reordering_the_actions_keeps_the_finding_on_the_same_action() {
        let later = "[[actions]]\nid = \"10\"\ntitle = \"Reduce violence on wards\"\n";
        let head = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n";
        let nine = "[[actions]]\nid = \"9\"\ntitle = \"Reduce violence on wards\"\n";
        for text in [
            format!("{head}{nine}{later}"),
            format!("{head}{later}{nine}"),
        ] {
            let f = run(&DuplicateAction, &text);
            assert_eq!(f.len(), 1, "{text}");
            assert_eq!(f[0].action.as_deref(), Some("10"), "{text}");
            assert_eq!(f[0].related[0].label, "action 9 has it first");
        }
    }

    #[test]
    fn a_third_copy_points_at_the_first() {
        let two = "[[actions]]\nid = \"23\"\ntitle = \"Reduce violence on wards\"\n";
        let three = "[[actions]]\nid = \"24\"\ntitle = \"Reduce violence on wards\"\n";
        let f = run(&DuplicateAction, &format!("{HEAD}{two}{three}"));
        assert_eq!(
            lines(&f),
            vec![
                "10:9 action 23 has the same title as action 22",
                "13:9 action 24 has the same title as action 22"
            ]
        );
    }

    #[test]
    fn quiet_on_different_titles_and_withdrawn_copies() {
        let f = run(
            &DuplicateAction,
            &format!("{HEAD}[[actions]]\nid = \"23\"\ntitle = \"Reduce violence in custody\"\n"),
        );
        assert!(f.is_empty(), "{f:?}");
        let f = run(
            &DuplicateAction,
            &format!("{HEAD}[[actions]]\nid = \"23\"\ntitle = \"Reduce violence on wards\"\nstatus = \"withdrawn\"\n"),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&DuplicateAction, &fires).len(), 1, "{fires}");
        let f = run(&DuplicateAction, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
