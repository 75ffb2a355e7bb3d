//! `rag-withdrawn`: a withdrawn action still carries a live rating.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::Status;

pub struct RagWithdrawn;

static META: Meta = Meta {
    name: "rag-withdrawn",
    severity: Severity::Warning,
    summary: "a withdrawn action still carries a live rating",
    docs: r#"## What it does
Reports an action with `status = "withdrawn"` that still has a current rating: its own `rag`, or
a `rag` on its latest update. Any rating counts, done ones included (withdrawn work was not
delivered). Ratings on earlier updates are history and are not reported; ratings that are not on
the scale are left to `rag-unknown`.

## Why is this bad?
A withdrawn action is no longer delivered, so it has nothing to rate. A rating left on it is
counted in roll-ups and reports as if the work were still live, good or bad.

## Example
```toml
[[actions]]
id = "15a"
title = "Extend the street triage pilot"
status = "withdrawn"
rag = "amber"
```

## Use instead
```toml
[[actions]]
id = "15a"
title = "Extend the street triage pilot"
status = "withdrawn"
next_steps = "Superseded by action 15"
```
"#,
    fix: FixKind::None,
};

impl Rule for RagWithdrawn {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scale = &cx.config.scale;
        for action in &file.plan.actions {
            let a = action.get_ref();
            if a.status() != Some(Status::Withdrawn) {
                continue;
            }
            let Some(rag) = a.rating() else { continue };
            let Some(rated) = scale.resolve(rag.get_ref()) else {
                continue;
            };
            let mut f = cx
                .finding(
                    &META,
                    rag.span(),
                    format!(
                        "action {} is withdrawn but still rated {}",
                        a.id.get_ref(),
                        rated.name
                    ),
                )
                .label("live rating")
                .action(a.id.get_ref().clone())
                .help(
                    "remove the rating (a withdrawn action is not rated), and say why it was \
                     withdrawn in its latest update",
                );
            if let Some(status) = &a.status {
                f = f.related(status.span(), "withdrawn here");
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"15a\"\ntitle = \"a\"\nstatus = \"withdrawn\"\n";

    #[test]
    fn fires_on_any_rating_at_the_rating() {
        for rag in ["red", "amber", "green"] {
            let f = run(&RagWithdrawn, &format!("{HEAD}rag = \"{rag}\"\n"));
            assert_eq!(
                lines(&f),
                vec![format!("9:7 action 15a is withdrawn but still rated {rag}")]
            );
        }
    }

    #[test]
    fn fires_on_a_rating_at_the_latest_update() {
        let text = format!("{HEAD}[[actions.updates]]\ndate = 2015-11-30\ntext = \"Withdrawn.\"\nrag = \"amber\"\n");
        assert_eq!(
            lines(&run(&RagWithdrawn, &text)),
            vec!["12:7 action 15a is withdrawn but still rated amber"]
        );
    }

    #[test]
    fn fires_on_blue_on_brag() {
        let mut c = config();
        c.scale = crate::plan::rating::Scale::preset("brag").unwrap();
        let f = run_with(
            &RagWithdrawn,
            &format!("{HEAD}rag = \"blue\"\n"),
            "2015-12-01",
            &c,
        );
        assert_eq!(
            lines(&f),
            vec!["9:7 action 15a is withdrawn but still rated blue"]
        );
    }

    #[test]
    fn quiet_when_only_an_earlier_update_was_rated() {
        let text = format!(
            "{HEAD}[[actions.updates]]\ndate = 2015-06-30\ntext = \"x\"\nrag = \"amber\"\n\
             [[actions.updates]]\ndate = 2015-11-30\ntext = \"Withdrawn: see 15.\"\n"
        );
        assert!(run(&RagWithdrawn, &text).is_empty());
    }

    #[test]
    fn quiet_without_a_rating_and_on_open_actions() {
        assert!(run(&RagWithdrawn, HEAD).is_empty());
        let open = HEAD.replace("withdrawn", "in-progress");
        assert!(run(&RagWithdrawn, &format!("{open}rag = \"amber\"\n")).is_empty());
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&RagWithdrawn, &fires).len(), 1, "{fires}");
        let f = run(&RagWithdrawn, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
