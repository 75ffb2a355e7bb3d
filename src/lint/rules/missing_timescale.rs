//! `missing-timescale`: an open action has no due date and is not marked ongoing.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::Due;
use crate::plan::timescale::{is_to_be_confirmed, one_line, TimescaleKind};

pub struct MissingTimescale;

static META: Meta = Meta {
    name: "missing-timescale",
    severity: Severity::Warning,
    summary: "an open action has no due date and is not marked ongoing",
    docs: r#"## What it does
Checks that every open action (not complete, not withdrawn) says when it is due. It fires when
the action has no `due` (and no milestone with a date), when `due` is blank (`""`, `"."`, `"-"`,
`"n/a"`), or when `due` is `"TBC"` / `"to be confirmed"`.

It stays quiet for a timescale that deliberately has no end: `"Ongoing"`,
`"Ongoing – timescales to be confirmed"`, `"From Jan 2015"` (a start, open-ended) and
`"By exception"`. A `due` that cannot be read is `unparsed-timescale`'s business, not this
rule's.

## Why is this bad?
An action without a timescale can never be late, so nobody is ever asked about it: the seed
plans hold actions whose timescale cell is empty or a lone "." (Pan-Lancashire 3.1, 3.4.1,
3.8.1). `past-due-no-update` and `rag-green-overdue` cannot judge such an action either.

## Example
```toml
[[actions]]
id = "3.8.1"
title = "Agree the AMHP rota"
due = "."
```

## Use instead
```toml
[[actions]]
id = "3.8.1"
title = "Agree the AMHP rota"
due = "March 2016"          # or "Ongoing" when the work has no end
```
"#,
    fix: FixKind::None,
};

impl Rule for MissingTimescale {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, a) in file.plan.actions.iter().enumerate() {
            let a = a.get_ref();
            if !a.is_open() {
                continue;
            }
            let id = a.id.get_ref().as_str();
            let (span, message) = match &a.due {
                None => {
                    // the timescale may live in the milestones ("Sep 15 Review / March 2016")
                    let dated_milestone = a.milestones.iter().any(|m| {
                        m.get_ref()
                            .due
                            .get_ref()
                            .timescale()
                            .is_ok_and(|t| t.due.is_some())
                    });
                    if dated_milestone {
                        continue;
                    }
                    (
                        a.anchor(),
                        format!("action {id} has no timescale (`due` is missing)"),
                    )
                }
                Some(due) => {
                    let Some(t) = file.due(i) else { continue }; // unreadable: unparsed-timescale
                    let written = match due.get_ref() {
                        Due::Text(s) => one_line(s),
                        Due::Date(_) => continue,
                    };
                    match t.kind {
                        TimescaleKind::Missing => (
                            due.span(),
                            format!("action {id} has a blank timescale (\"{written}\")"),
                        ),
                        // "TBC": no due date and not by design; "By exception" is by design
                        TimescaleKind::NoDate if is_to_be_confirmed(&written) => (
                            due.span(),
                            format!(
                                "action {id}'s timescale is still to be confirmed (\"{written}\")"
                            ),
                        ),
                        _ => continue,
                    }
                }
            };
            out.push(
                cx.finding(&META, span, message)
                    .label("no due date")
                    .help(
                        "set `due` to when the action should be done (a date such as 2016-03-31 or \
                         a timescale such as \"March 2016\"), or to \"Ongoing\" if it has no end",
                    )
                    .action(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"3.1\"\ntitle = \"a\"\n";

    #[test]
    fn fires_when_due_is_absent_on_the_id() {
        let f = run(&MissingTimescale, HEAD);
        assert_eq!(
            lines(&f),
            vec!["6:6 action 3.1 has no timescale (`due` is missing)"]
        );
        assert_eq!(f[0].action.as_deref(), Some("3.1"));
        assert!(f[0].help.as_deref().unwrap().contains("\"Ongoing\""));
    }

    #[test]
    fn fires_on_a_blank_timescale_at_the_value() {
        for (due, shown) in [("\".\"", "."), ("\"  \"", ""), ("\"-\"", "-")] {
            let f = run(&MissingTimescale, &format!("{HEAD}due = {due}\n"));
            assert_eq!(
                lines(&f),
                vec![format!(
                    "8:7 action 3.1 has a blank timescale (\"{shown}\")"
                )],
                "{due}"
            );
        }
    }

    #[test]
    fn fires_on_tbc() {
        let f = run(&MissingTimescale, &format!("{HEAD}due = \"TBC\"\n"));
        assert_eq!(
            lines(&f),
            vec!["8:7 action 3.1's timescale is still to be confirmed (\"TBC\")"]
        );
    }

    #[test]
    fn quiet_on_open_ended_and_dated_timescales() {
        for due in [
            "\"From Jan 2015\"",
            "\"Ongoing\"",
            "\"Ongoing – timescales to be confirmed\"",
            "\"By exception\"",
            "\"March 2016\"",
            "2016-03-31",
            "\"Spring 2016\"", // unparsed-timescale reports it
        ] {
            let f = run(&MissingTimescale, &format!("{HEAD}due = {due}\n"));
            assert!(f.is_empty(), "{due}: {f:?}");
        }
    }

    #[test]
    fn quiet_on_closed_actions_and_dated_milestones() {
        for status in ["complete", "withdrawn"] {
            let f = run(&MissingTimescale, &format!("{HEAD}status = \"{status}\"\n"));
            assert!(f.is_empty(), "{status}");
        }
        let f = run(
            &MissingTimescale,
            &format!("{HEAD}[[actions.milestones]]\ntitle = \"m\"\ndue = \"Sep 2015\"\n"),
        );
        assert!(f.is_empty());
        let f = run(
            &MissingTimescale,
            &format!("{HEAD}[[actions.milestones]]\ntitle = \"m\"\ndue = \"TBC\"\n"),
        );
        assert_eq!(f.len(), 1);
    }
}
