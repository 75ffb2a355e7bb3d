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
Reports an action whose title is the same as an earlier action's in the same plan, ignoring case,
spacing and punctuation. The finding is on the later action, with a label at the first. A
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
        let mut first = HashMap::new();
        for action in &file.plan.actions {
            let a = action.get_ref();
            if a.status() == Some(Status::Withdrawn) {
                continue;
            }
            let key = normalise(a.title.get_ref());
            if key.is_empty() {
                continue;
            }
            let Some(earlier) = first.get(&key) else {
                first.insert(key, a);
                continue;
            };
            let earlier = *earlier;
            out.push(
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
