//! `empty-lead`: a lead list holds empty strings beside its real leads (or on a closed action).
//! Safe fix: the list without them.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::{Edit, Fix, FixKind};
use crate::plan::load::PlanFile;

pub struct EmptyLead;

static META: Meta = Meta {
    name: "empty-lead",
    severity: Severity::Warning,
    summary: "a lead list holds empty strings",
    docs: r#"## What it does
Reports the empty (or blank) strings in an action's `leads` when the action has a real lead
besides them, or is complete or withdrawn. An open action whose leads are all empty has no lead
at all, and that is `missing-lead`'s error.

`planlint check --fix` removes the empty strings (a safe fix: no lead is lost), keeping the list's
layout and the leads' order.

## Why is this bad?
An empty lead is a table cell left blank when the plan was copied out of Word or a spreadsheet.
It names nobody, yet every report and export shows it as a lead: a stray comma in the lead
column, or an empty line in the board's spreadsheet.

## Example
```toml
[[actions]]
id = "3.8"
title = "Agree a conveyance protocol with the ambulance service"
leads = ["", "North West Ambulance Service"]
```

## Use instead
```toml
[[actions]]
id = "3.8"
title = "Agree a conveyance protocol with the ambulance service"
leads = ["North West Ambulance Service"]
```
"#,
    fix: FixKind::Safe,
};

impl Rule for EmptyLead {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = &file.source.text;
        for action in &file.plan.actions {
            let a = action.get_ref();
            let Some(leads) = &a.leads else { continue };
            let items = leads.get_ref();
            let empty = items
                .iter()
                .filter(|l| l.get_ref().trim().is_empty())
                .count();
            if empty == 0 || (a.is_open() && a.lead_names().next().is_none()) {
                continue;
            }
            let id = a.id.get_ref();
            let spans: Vec<_> = items.iter().map(|l| l.span()).collect();
            let keep: Vec<bool> = items
                .iter()
                .map(|l| !l.get_ref().trim().is_empty())
                .collect();
            let mut f = cx
                .finding(
                    &META,
                    leads.span(),
                    format!(
                        "action {id} has {empty} empty lead{} in its list",
                        if empty == 1 { "" } else { "s" }
                    ),
                )
                .label("empty lead")
                .action(id.clone())
                .help("remove the empty strings from `leads`");
            if let Some(edits) = removals(text, &spans, &keep) {
                f = f.fix(Fix::safe("remove the empty leads", edits));
            }
            out.push(f);
        }
    }
}

/// Edits that delete the items of a TOML array not kept, with their commas, whatever the
/// array's layout. `None` when a comment sits in the way (a fix never deletes a comment).
fn removals(text: &str, spans: &[std::ops::Range<usize>], keep: &[bool]) -> Option<Vec<Edit>> {
    let mut edits = Vec::new();
    let mut i = 0;
    while i < spans.len() {
        if keep[i] {
            i += 1;
            continue;
        }
        let first = i;
        while i < spans.len() && !keep[i] {
            i += 1;
        }
        let last = i - 1;
        // a run of removed items: up to the next item, else from the end of the one before
        let range = if i < spans.len() {
            spans[first].start..spans[i].start
        } else if first > 0 {
            spans[first - 1].end..spans[last].end
        } else {
            spans[first].start..spans[last].end
        };
        // the removed strings are blank, so a `#` here is a comment
        if text.get(range.clone())?.contains('#') {
            return None;
        }
        edits.push(Edit::delete(range));
    }
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{fixed, lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"3.8\"\ntitle = \"a\"\n";

    #[test]
    fn fires_beside_a_real_lead_and_the_fix_keeps_the_layout() {
        for (leads, want) in [
            (r#"["", "Mind"]"#, r#"["Mind"]"#),
            (r#"["Mind", ""]"#, r#"["Mind"]"#),
            (r#"["Mind", "", " ", "Police"]"#, r#"["Mind", "Police"]"#),
            (r#"["Mind", "",]"#, r#"["Mind",]"#),
            ("[\n  \"\",\n  \"Mind\",\n  \"\",\n]", "[\n  \"Mind\",\n]"),
        ] {
            let text = format!("{HEAD}leads = {leads}\n");
            let f = run(&EmptyLead, &text);
            assert_eq!(f.len(), 1, "{leads}");
            assert_eq!(
                fixed(&text, &f),
                format!("{HEAD}leads = {want}\n"),
                "{leads}"
            );
        }
        let f = run(&EmptyLead, &format!("{HEAD}leads = [\"\", \"Mind\"]\n"));
        assert_eq!(
            lines(&f),
            vec!["8:9 action 3.8 has 1 empty lead in its list"]
        );
    }

    #[test]
    fn a_closed_action_with_only_empty_leads_is_fixed_to_an_empty_list() {
        let text = format!("{HEAD}status = \"complete\"\nleads = [\"\"]\n");
        let f = run(&EmptyLead, &text);
        assert_eq!(
            fixed(&text, &f),
            format!("{HEAD}status = \"complete\"\nleads = []\n")
        );
    }

    #[test]
    fn quiet_when_missing_lead_speaks_or_nothing_is_empty() {
        assert!(run(&EmptyLead, &format!("{HEAD}leads = [\"\"]\n")).is_empty());
        assert!(run(&EmptyLead, &format!("{HEAD}leads = [\"Mind\"]\n")).is_empty());
    }

    #[test]
    fn a_comment_in_the_way_means_no_fix() {
        let text = format!("{HEAD}leads = [\n  \"\", # was the trust\n  \"Mind\",\n]\n");
        let f = run(&EmptyLead, &text);
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        let f = run(&EmptyLead, &fires);
        assert_eq!(f.len(), 1, "{fires}");
        assert_eq!(fixed(&fires, &f), quiet);
        assert!(run(&EmptyLead, &quiet).is_empty());
    }
}
