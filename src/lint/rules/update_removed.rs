//! `update-removed`: an action holds fewer progress updates than in the base revision: a past
//! update was deleted. Needs git (see `crate::lint::past::Past`).

use crate::lint::past::{Needs, Past};
use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;

pub struct UpdateRemoved;

static META: Meta = Meta {
    name: "update-removed",
    severity: Severity::Warning,
    summary: "an action lost a progress update that the base revision recorded",
    docs: r#"## What it does
Compares the number of progress updates of each action with the same action (same plan id and
action id) in the base revision: `HEAD` when checking the working tree or `--staged`, the first
parent with `--rev REV`, and REV with `--changed-since REV`. Fires when the action now has fewer.

The rule needs git history; outside a git repository it is skipped with a note.

## Why is this bad?
Updates are the plan's record of what was reported to the board and when. Deleting one rewrites
that record: a missed milestone or an amber rating quietly disappears from the action's story.

## Example
Before:
```toml
[[actions.updates]]
date = 2015-06-30
text = "Premises fell through."
rag = "red"
```
After (the change under review): the update is gone.

## Use instead
Keep the update and add a new one that corrects or supersedes it:
```toml
[[actions.updates]]
date = 2015-09-30
text = "Correction: the June update named the wrong site; premises now agreed."
```
"#,
    fix: FixKind::None,
};

impl Rule for UpdateRemoved {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn past_needs(&self, _cx: &Context<'_>) -> Needs {
        Needs {
            before: true,
            ..Needs::default()
        }
    }

    fn check_history(
        &self,
        file: &PlanFile,
        past: &Past,
        cx: &Context<'_>,
        out: &mut Vec<Finding>,
    ) {
        let plan = file.plan.id();
        for a in &file.plan.actions {
            let a = a.get_ref();
            let Some(before) = past.before.get(&Past::key(plan, a.id.get_ref())) else {
                continue;
            };
            let now = a.updates.len();
            if now >= before.updates {
                continue;
            }
            out.push(
                cx.finding(
                    &META,
                    a.id.span(),
                    format!(
                        "{} of this action's updates removed since {} ({} then, {now} now)",
                        before.updates - now,
                        past.base,
                        before.updates
                    ),
                )
                .action(a.id.get_ref().as_str())
                .label("record rewritten")
                .help("keep past updates; add a new update that corrects them"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::past::Before;
    use crate::lint::testing::config;
    use crate::plan::load::{load_text, LoadSeverities};

    const PLAN: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"3.2\"\ntitle = \"a\"\n[[actions.updates]]\ndate = 2015-06-30\ntext = \"n\"\n";

    fn run(updates_before: usize) -> Vec<String> {
        let file = load_text(
            "plans/p.toml".into(),
            PLAN.into(),
            LoadSeverities::default(),
        )
        .plan
        .expect("valid test plan");
        let mut past = Past {
            base: "HEAD".into(),
            ..Past::default()
        };
        past.before.insert(
            Past::key("p", "3.2"),
            Before {
                due: None,
                updates: updates_before,
            },
        );
        let config = config();
        let cx = Context {
            as_of: "2015-12-01".parse().expect("date"),
            config: &config,
        };
        let mut out = Vec::new();
        UpdateRemoved.check_history(&file, &past, &cx, &mut out);
        out.iter()
            .map(|f| {
                let (l, c) = file.source.position(f.span.start);
                format!("{l}:{c} {}", f.message)
            })
            .collect()
    }

    #[test]
    fn fires_when_an_update_is_gone() {
        assert_eq!(
            run(3),
            vec!["6:6 2 of this action's updates removed since HEAD (3 then, 1 now)"]
        );
    }

    #[test]
    fn quiet_when_updates_are_kept_or_added() {
        assert!(run(1).is_empty());
        assert!(run(0).is_empty());
    }
}
