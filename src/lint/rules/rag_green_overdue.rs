//! `rag-green-overdue`: an action rated green is past its due date and not complete.

use crate::lint::phrases::declared_status;
use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::{Action, Due};

pub struct RagGreenOverdue;

static META: Meta = Meta {
    name: "rag-green-overdue",
    severity: Severity::Error,
    summary: "an action is rated best but is past its due date and not complete",
    docs: r#"## What it does
Reports an open action (not complete, not withdrawn) whose current rating is the best on the
scale, or green where a completion rating sits above it (green or blue on BRAG), while its due
date is before the as-of date. The current rating is the action's `rag`, or else its latest
update's. A timescale with no due date (`Ongoing`, `TBC`) or one that continues past its date
(`June 2015 (& ongoing)`) is never overdue, and neither is a complete or withdrawn action.

An action with no status whose latest update declares it complete or withdrawn ("Action
complete.", "Completed in May 2016") is not reported here: the words say it is finished, and
`rag-text-mismatch` asks for the status they give. The two rules read the words with the same
reader (the one `planlint import` uses to infer a status), so such an action gets one finding,
not two.

## Why is this bad?
Green says "on track". An action that has missed its date and is not finished is not on track,
and a green rating hides it from the board that would otherwise chase it.

## Example
```toml
[[actions]]
id = "12"
title = "Publish the crisis pathway"
due = 2015-03-31
status = "in-progress"
rag = "green"
```

## Use instead
```toml
[[actions]]
id = "12"
title = "Publish the crisis pathway"
baseline_due = 2015-03-31
due = 2016-01-31
status = "in-progress"
rag = "amber"
```

## Configuration
Which rating counts as best comes from `[ratings] scale`.
"#,
    fix: FixKind::None,
};

impl Rule for RagGreenOverdue {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scale = &cx.config.scale;
        for (i, action) in file.plan.actions.iter().enumerate() {
            let a = action.get_ref();
            if !a.is_open() || declared_finished(a) {
                continue;
            }
            let Some(timescale) = file.due(i) else {
                continue;
            };
            let Some(due) = timescale.due else { continue };
            if timescale.ongoing || due >= cx.as_of {
                continue;
            }
            let Some(rag) = a.rating() else { continue };
            let Some(rated) = scale.resolve(rag.get_ref()) else {
                continue;
            };
            if !scale.is_green(&rated) {
                continue;
            }
            let written = match a.due.as_ref().map(|d| d.get_ref()) {
                Some(Due::Text(t)) => format!(
                    " (\"{}\")",
                    t.split_whitespace().collect::<Vec<_>>().join(" ")
                ),
                _ => String::new(),
            };
            let mut f = cx
                .finding(
                    &META,
                    rag.span(),
                    format!(
                        "rated {} but due {due}{written} and not complete",
                        rated.name
                    ),
                )
                .label("rated as on track")
                .action(a.id.get_ref().clone())
                .help("re-rate, or record a new due date (keep the old one as baseline_due)");
            if let Some(d) = &a.due {
                f = f.related(d.span(), "due date passed");
            }
            out.push(f);
        }
    }
}

/// No status, and the latest update declares the action complete or withdrawn: finished by its
/// words, which `rag-text-mismatch` reports (asking for the status) instead of this rule.
fn declared_finished(a: &Action) -> bool {
    a.status.is_none()
        && a.latest_update()
            .is_some_and(|u| declared_status(u.text.get_ref()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"12\"\ntitle = \"a\"\n";

    fn on(scale: &str, text: &str) -> Vec<Finding> {
        let mut c = config();
        c.scale = crate::plan::rating::Scale::preset(scale).unwrap();
        run_with(&RagGreenOverdue, text, "2015-12-01", &c)
    }

    #[test]
    fn fires_on_green_past_due_at_the_rating() {
        let f = run(
            &RagGreenOverdue,
            &format!("{HEAD}due = 2015-11-30\nstatus = \"in-progress\"\nrag = \"Green\"\n"),
        );
        assert_eq!(
            lines(&f),
            vec!["10:7 rated green but due 2015-11-30 and not complete"]
        );
        assert_eq!(f[0].action.as_deref(), Some("12"));
        assert_eq!(
            f[0].help.as_deref(),
            Some("re-rate, or record a new due date (keep the old one as baseline_due)")
        );
    }

    #[test]
    fn the_latest_updates_rating_counts() {
        let text = format!(
            "{HEAD}due = 2015-06-30\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"on track\"\nrag = \"green\"\n"
        );
        assert_eq!(
            lines(&run(&RagGreenOverdue, &text)),
            vec!["12:7 rated green but due 2015-06-30 and not complete"]
        );
    }

    #[test]
    fn quiet_on_the_due_day_itself_and_before() {
        let f = run(
            &RagGreenOverdue,
            &format!("{HEAD}due = 2015-12-01\nrag = \"green\"\n"),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn quiet_on_complete_and_withdrawn_actions_past_due() {
        for status in ["complete", "withdrawn"] {
            let text = format!("{HEAD}due = 2015-06-30\nstatus = \"{status}\"\nrag = \"green\"\n");
            assert!(run(&RagGreenOverdue, &text).is_empty(), "{status}");
        }
    }

    #[test]
    fn quiet_with_no_status_when_the_latest_update_says_complete_and_rag_text_mismatch_speaks() {
        use crate::lint::rules::rag_text_mismatch::RagTextMismatch;
        let text = format!(
            "{HEAD}due = 2015-06-30\nrag = \"green\"\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"Action complete.\"\n"
        );
        assert!(run(&RagGreenOverdue, &text).is_empty());
        let f = run(&RagTextMismatch, &text);
        assert_eq!(
            lines(&f),
            vec!["12:16 latest update (2015-11-30) says \"complete\" but the action has no status and is past its due date"]
        );
        // with an open status the update and the status disagree, and the rating is overdue
        let open = text.replace("rag = ", "status = \"in-progress\"\nrag = ");
        assert_eq!(run(&RagGreenOverdue, &open).len(), 1);
        // an update that only plans completion leaves the action overdue
        let planned = text.replace("Action complete.", "To be completed by March.");
        assert_eq!(run(&RagGreenOverdue, &planned).len(), 1);
        assert!(run(&RagTextMismatch, &planned).is_empty());
    }

    #[test]
    fn quiet_on_amber_and_without_a_due_date() {
        let f = run(
            &RagGreenOverdue,
            &format!("{HEAD}due = 2015-06-30\nrag = \"amber\"\n"),
        );
        assert!(f.is_empty(), "{f:?}");
        assert!(run(&RagGreenOverdue, &format!("{HEAD}rag = \"green\"\n")).is_empty());
    }

    #[test]
    fn on_brag_green_and_blue_are_both_best() {
        for rag in ["green", "blue"] {
            let f = on(
                "brag",
                &format!("{HEAD}due = 2015-06-30\nrag = \"{rag}\"\n"),
            );
            assert_eq!(
                lines(&f),
                vec![format!(
                    "9:7 rated {rag} but due 2015-06-30 and not complete"
                )]
            );
        }
        assert!(on(
            "brag",
            &format!("{HEAD}due = 2015-06-30\nrag = \"amber\"\n")
        )
        .is_empty());
    }

    #[test]
    fn on_five_point_only_green_is_best() {
        let f = on(
            "five-point",
            &format!("{HEAD}due = 2015-06-30\nrag = \"green\"\n"),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        let f = on(
            "five-point",
            &format!("{HEAD}due = 2015-06-30\nrag = \"amber-green\"\n"),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&RagGreenOverdue, &fires).len(), 1, "{fires}");
        let f = run(&RagGreenOverdue, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
