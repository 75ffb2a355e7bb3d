//! `rag-missing`: an open, started action has no rating.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::Status;

pub struct RagMissing;

static META: Meta = Meta {
    name: "rag-missing",
    severity: Severity::Warning,
    summary: "an open, started action has no rating",
    docs: r#"## What it does
Reports an action that is `in-progress` or `on-hold` and has no current rating. The current
rating is the action's `rag`, or else the `rag` of its latest update (the rating given at the
latest review). Actions that are not started, complete or withdrawn, or have no `status`, are
not reported. A rating that is present but not on the scale is `rag-unknown`'s.

## Why is this bad?
The rating is what a board reads first. An action under way with no rating cannot be rolled up
into its section, compared between reviews or escalated; Bexley's plan left the RAG column empty
for all 30 actions.

## Example
```toml
[[actions]]
id = "1"
title = "Commission a crisis café"
status = "in-progress"
```

## Use instead
```toml
[[actions]]
id = "1"
title = "Commission a crisis café"
status = "in-progress"
rag = "amber"
```

or rate it at the latest update:

```toml
[[actions.updates]]
date = 2015-11-30
text = "Provider chosen; opening in January."
rag = "amber"
```
"#,
    fix: FixKind::None,
};

impl Rule for RagMissing {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scale = &cx.config.scale;
        for action in &file.plan.actions {
            let a = action.get_ref();
            let Some(status @ (Status::InProgress | Status::OnHold)) = a.status() else {
                continue;
            };
            if a.rating().is_some() {
                continue;
            }
            let id = a.id.get_ref();
            let state = status.as_str().replace('-', " ");
            let message = match a.latest_update() {
                Some(u) => format!(
                    "action {id} is {state} and has no rating (its latest update, {}, gives none)",
                    u.date.get_ref().0
                ),
                None => format!("action {id} is {state} and has no rating"),
            };
            out.push(
                cx.finding(&META, a.anchor(), message)
                    .label("not rated")
                    .action(id.clone())
                    .help(format!(
                        "rate the action with `rag` (or a `rag` on its latest update): {}",
                        scale.names().collect::<Vec<_>>().join(", ")
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"1\"\ntitle = \"a\"\n";

    #[test]
    fn fires_on_in_progress_and_on_hold_at_the_id() {
        let f = run(&RagMissing, &format!("{HEAD}status = \"in-progress\"\n"));
        assert_eq!(
            lines(&f),
            vec!["6:6 action 1 is in progress and has no rating"]
        );
        assert_eq!(f[0].action.as_deref(), Some("1"));
        assert_eq!(
            f[0].help.as_deref(),
            Some("rate the action with `rag` (or a `rag` on its latest update): red, amber, green")
        );
        let f = run(&RagMissing, &format!("{HEAD}status = \"on-hold\"\n"));
        assert_eq!(lines(&f), vec!["6:6 action 1 is on hold and has no rating"]);
    }

    #[test]
    fn an_earlier_updates_rating_is_not_current() {
        let text = format!(
            "{HEAD}status = \"in-progress\"\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"x\"\n\
             [[actions.updates]]\ndate = 2015-06-30\ntext = \"y\"\nrag = \"amber\"\n"
        );
        assert_eq!(
            lines(&run(&RagMissing, &text)),
            vec!["6:6 action 1 is in progress and has no rating (its latest update, 2015-11-30, gives none)"]
        );
    }

    #[test]
    fn quiet_when_the_latest_update_is_rated() {
        let text = format!(
            "{HEAD}status = \"in-progress\"\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"x\"\nrag = \"amber\"\n"
        );
        assert!(run(&RagMissing, &text).is_empty());
    }

    #[test]
    fn quiet_when_rated_even_off_scale() {
        let text = format!("{HEAD}status = \"in-progress\"\nrag = \"yellow\"\n");
        assert!(run(&RagMissing, &text).is_empty());
    }

    #[test]
    fn quiet_unless_started_and_open() {
        for status in ["not-started", "complete", "withdrawn"] {
            let f = run(&RagMissing, &format!("{HEAD}status = \"{status}\"\n"));
            assert!(f.is_empty(), "{status}: {f:?}");
        }
        assert!(run(&RagMissing, HEAD).is_empty());
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&RagMissing, &fires).len(), 1, "{fires}");
        let f = run(&RagMissing, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
