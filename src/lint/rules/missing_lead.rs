//! `missing-lead`: an open action has no lead, or only empty strings.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;

pub struct MissingLead;

static META: Meta = Meta {
    name: "missing-lead",
    severity: Severity::Error,
    summary: "an open action has no lead, or only empty strings",
    docs: r#"## What it does
Reports an open action (any status but complete or withdrawn, or no status at all) whose `leads`
is absent, empty, or holds only empty or blank strings.

## Why is this bad?
An action nobody leads is an action nobody delivers, and nobody is asked about it at the next
review. Real plans lose leads when a table cell is left blank (Pan-Lancashire 3.8, 3.11.3, 6.2).
Complete and withdrawn actions are not reported: there is nothing left to deliver.

## Example
```toml
[[actions]]
id = "3.8"
title = "Agree a conveyance protocol with the ambulance service"
leads = [""]
```

## Use instead
```toml
[[actions]]
id = "3.8"
title = "Agree a conveyance protocol with the ambulance service"
leads = ["North West Ambulance Service"]
```
"#,
    fix: FixKind::None,
};

impl Rule for MissingLead {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for action in &file.plan.actions {
            let a = action.get_ref();
            if !a.is_open() || a.lead_names().next().is_some() {
                continue;
            }
            let id = a.id.get_ref();
            // label `leads = [""]` itself when it is there; the action's id when it is missing
            let (span, message, label) = match &a.leads {
                Some(leads) if !leads.get_ref().is_empty() => (
                    leads.span(),
                    format!("action {id} has only empty leads"),
                    "no lead named here",
                ),
                Some(leads) => (
                    leads.span(),
                    format!("action {id} has an empty `leads` list"),
                    "no lead named here",
                ),
                None => (a.anchor(), format!("action {id} has no lead"), "no `leads`"),
            };
            out.push(
                cx.finding(&META, span, message)
                    .label(label)
                    .action(id.clone())
                    .help("name the organisation or role accountable for the action in `leads`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"3.8\"\ntitle = \"a\"\n";

    #[test]
    fn fires_without_leads_at_the_id() {
        let f = run(&MissingLead, &format!("{HEAD}status = \"not-started\"\n"));
        assert_eq!(lines(&f), vec!["6:6 action 3.8 has no lead"]);
        assert_eq!(f[0].action.as_deref(), Some("3.8"));
    }

    #[test]
    fn fires_on_empty_strings_and_empty_lists_at_the_value() {
        let f = run(&MissingLead, &format!("{HEAD}leads = [\"\", \"  \"]\n"));
        assert_eq!(lines(&f), vec!["8:9 action 3.8 has only empty leads"]);
        let f = run(&MissingLead, &format!("{HEAD}leads = []\n"));
        assert_eq!(lines(&f), vec!["8:9 action 3.8 has an empty `leads` list"]);
    }

    #[test]
    fn quiet_with_a_lead() {
        assert!(run(&MissingLead, &format!("{HEAD}leads = [\"\", \"Mind\"]\n")).is_empty());
    }

    #[test]
    fn quiet_on_complete_and_withdrawn_actions() {
        for status in ["complete", "withdrawn"] {
            let f = run(&MissingLead, &format!("{HEAD}status = \"{status}\"\n"));
            assert!(f.is_empty(), "{status}: {f:?}");
        }
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&MissingLead, &fires).len(), 1, "{fires}");
        let f = run(&MissingLead, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
