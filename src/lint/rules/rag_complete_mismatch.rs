//! `rag-complete-mismatch`: a complete action's rating is not a done rating.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::Status;

pub struct RagCompleteMismatch;

static META: Meta = Meta {
    name: "rag-complete-mismatch",
    severity: Severity::Error,
    summary: "a complete action's rating is not a done rating",
    docs: r#"## What it does
Reports an action with `status = "complete"` whose current rating (its `rag`, or else its latest
update's `rag`) is not a "done" rating on the configured scale: anything but green on RAG and on
the five-point scale, anything but blue on BRAG. A complete action with no rating is not
reported, and a rating that is not on the scale is left to `rag-unknown`.

## Why is this bad?
Status and rating tell the board two different stories: either the work is finished and the
rating was never brought up to date, or the rating is right and the action was closed too early.

## Example
```toml
[[actions]]
id = "2"
title = "Set up a crisis care partnership board"
status = "complete"
rag = "amber"
```

## Use instead
```toml
[[actions]]
id = "2"
title = "Set up a crisis care partnership board"
status = "complete"
rag = "green"
```

## Configuration
The done ratings come from the scale: `[ratings] scale = "brag"` makes blue the only one, and a
custom `[[ratings.levels]]` entry says `done = true`.
"#,
    fix: FixKind::None,
};

impl Rule for RagCompleteMismatch {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scale = &cx.config.scale;
        let done: Vec<&str> = scale
            .levels
            .iter()
            .filter(|l| l.done)
            .map(|l| l.name.as_str())
            .collect();
        for action in &file.plan.actions {
            let a = action.get_ref();
            if a.status() != Some(Status::Complete) {
                continue;
            }
            let Some(rag) = a.rating() else { continue };
            let Some(rated) = scale.resolve(rag.get_ref()) else {
                continue;
            };
            if rated.done {
                continue;
            }
            let help = match done.as_slice() {
                [] => format!(
                    "the {} scale has no done rating: mark one `done = true` in planlint.toml",
                    scale.preset
                ),
                names => format!(
                    "rate it {} if the work is finished, or set the status back to in-progress",
                    names.join(" or ")
                ),
            };
            let mut f = cx
                .finding(
                    &META,
                    rag.span(),
                    format!(
                        "action {} is complete but rated {}",
                        a.id.get_ref(),
                        rated.name
                    ),
                )
                .label(format!("{} is not a done rating", rated.name))
                .action(a.id.get_ref().clone())
                .help(help);
            if let Some(status) = &a.status {
                f = f.related(status.span(), "complete here");
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"2\"\ntitle = \"a\"\nstatus = \"complete\"\n";

    fn on(scale: &str, text: &str) -> Vec<Finding> {
        let mut c = config();
        c.scale = crate::plan::rating::Scale::preset(scale).unwrap();
        run_with(&RagCompleteMismatch, text, "2015-12-01", &c)
    }

    #[test]
    fn fires_on_amber_at_the_rating() {
        let f = run(&RagCompleteMismatch, &format!("{HEAD}rag = \"Amber\"\n"));
        assert_eq!(lines(&f), vec!["9:7 action 2 is complete but rated amber"]);
        assert_eq!(
            f[0].help.as_deref(),
            Some("rate it green if the work is finished, or set the status back to in-progress")
        );
    }

    #[test]
    fn the_latest_updates_rating_counts_without_an_action_rating() {
        let text =
            format!("{HEAD}[[actions.updates]]\ndate = 2015-11-30\ntext = \"x\"\nrag = \"red\"\n");
        assert_eq!(
            lines(&run(&RagCompleteMismatch, &text)),
            vec!["12:7 action 2 is complete but rated red"]
        );
    }

    #[test]
    fn quiet_on_green_absent_and_unknown_ratings() {
        for rag in ["rag = \"green\"\n", "", "rag = \"yellow\"\n"] {
            let f = run(&RagCompleteMismatch, &format!("{HEAD}{rag}"));
            assert!(f.is_empty(), "{rag}: {f:?}");
        }
    }

    #[test]
    fn on_brag_only_blue_is_done() {
        let f = on("brag", &format!("{HEAD}rag = \"green\"\n"));
        assert_eq!(lines(&f), vec!["9:7 action 2 is complete but rated green"]);
        assert_eq!(
            f[0].help.as_deref(),
            Some("rate it blue if the work is finished, or set the status back to in-progress")
        );
        assert!(on("brag", &format!("{HEAD}rag = \"blue\"\n")).is_empty());
    }

    #[test]
    fn on_five_point_amber_green_is_not_done() {
        let f = on("five-point", &format!("{HEAD}rag = \"Amber/Green\"\n"));
        assert_eq!(
            lines(&f),
            vec!["9:7 action 2 is complete but rated amber-green"]
        );
        assert!(on("five-point", &format!("{HEAD}rag = \"green\"\n")).is_empty());
    }

    #[test]
    fn quiet_on_open_actions() {
        let text = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"2\"\ntitle = \"a\"\nstatus = \"in-progress\"\nrag = \"red\"\n";
        assert!(run(&RagCompleteMismatch, text).is_empty());
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&RagCompleteMismatch, &fires).len(), 1, "{fires}");
        let f = run(&RagCompleteMismatch, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
