//! `silent-reschedule`: a due date moved later since the base revision, with no `baseline_due`
//! recorded and no update added in that change. Needs git: it compares each action with its
//! point in the base revision (`crate::lint::past::Past::before`).

use crate::lint::past::{Needs, Past, Tracked};
use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::{toml_due, Edit, Fix, FixKind};

pub struct SilentReschedule;

static META: Meta = Meta {
    name: "silent-reschedule",
    severity: Severity::Warning,
    summary: "a due date moved later with no baseline_due and no update saying why",
    docs: r#"## What it does
Compares each action's `due` with the same action (same plan id and action id, wherever its file
lives) in the base revision: `HEAD` when checking the working tree or `--staged`, the first parent
with `--rev REV`, and REV with `--changed-since REV`. Fires when the due date moved later, the
action records no `baseline_due`, and the change adds no progress update.

The rule needs git history; outside a git repository it is skipped with a note.

`planlint check --fix` records the date as it was in the base revision as `baseline_due` (a safe
fix: the plan keeps its new date and gains the agreed one). The update saying why is still yours
to write (`planlint update`).

## Why is this bad?
Quietly re-dating an action hides slippage from the board: the plan looks on time in every review
while the work keeps moving to the right. Keeping the first agreed date and saying why it moved
is what makes slippage visible and discussable.

## Example
Before:
```toml
[[actions]]
id = "3.2"
title = "Open the crisis café"
due = "June 2015"
```
After (the change under review):
```toml
[[actions]]
id = "3.2"
title = "Open the crisis café"
due = "December 2015"
```

## Use instead
```toml
[[actions]]
id = "3.2"
title = "Open the crisis café"
due = "December 2015"
baseline_due = "June 2015"

[[actions.updates]]
date = 2015-06-30
text = "Premises fell through; board agreed a new date of December."
```
"#,
    fix: FixKind::Safe,
};

impl Rule for SilentReschedule {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn past_needs(&self, _cx: &Context<'_>) -> Needs {
        Needs {
            before: true,
            ..Needs::default()
        }
    }

    fn check_history(&self, file: &Tracked, past: &Past, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = &file.plan;
        for a in &file.actions {
            let Some(due) = &a.due else { continue };
            if a.baseline_due {
                continue;
            }
            let Some(before) = past.before.get(&Past::key(plan, &a.id)) else {
                continue;
            };
            if a.updates > before.updates {
                continue;
            }
            let Some(old_due) = before.due.as_ref() else {
                continue;
            };
            let old = old_due.due_date();
            let new = due.get_ref().due_date();
            let (Some(old), Some(new)) = (old, new) else {
                continue;
            };
            if new <= old {
                continue;
            }
            let shown = |d: chrono::NaiveDate, text: String| {
                if text == d.to_string() {
                    text
                } else {
                    format!("{d} (\"{text}\")")
                }
            };
            let was = old_due.display();
            out.push(
                cx.finding(
                    &META,
                    due.span(),
                    format!(
                        "due moved from {} to {} since {} with no baseline_due and no update",
                        shown(old, was.clone()),
                        shown(new, due.get_ref().display()),
                        past.base
                    ),
                )
                .action(a.id.as_str())
                .label("re-dated")
                .help(format!(
                    "keep the agreed date as `baseline_due = \"{was}\"` and add an update saying why it moved"
                ))
                .fix(Fix::safe(
                    format!("record the agreed date as baseline_due = {}", toml_due(old_due)),
                    vec![Edit::insert_line_after(
                        &file.source.text,
                        due.span().end,
                        &format!("baseline_due = {}", toml_due(old_due)),
                    )],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::past::Point;
    use crate::lint::testing::config;
    use crate::plan::load::{load_text, LoadSeverities};
    use crate::plan::model::Due;

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"3.2\"\ntitle = \"a\"\n";

    /// The action as in the base revision: open, unrated, no due, no update.
    fn point() -> Point {
        Point {
            since: chrono::NaiveDate::MIN,
            rag: None,
            open: true,
            due: None,
            updates: 0,
        }
    }

    fn run(text: &str, before_due: &str, updates: usize) -> Vec<String> {
        let file = load_text(
            "plans/p.toml".into(),
            text.into(),
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
            Point {
                due: Some(Due::Date(before_due.parse().expect("date"))),
                updates,
                ..point()
            },
        );
        let config = config();
        let cx = Context {
            as_of: "2015-12-01".parse().expect("date"),
            config: &config,
        };
        let mut out = Vec::new();
        SilentReschedule.check_history(&Tracked::of(&file), &past, &cx, &mut out);
        out.iter()
            .map(|f| {
                let (l, c) = file.source.position(f.span.start);
                format!("{l}:{c} {}", f.message)
            })
            .collect()
    }

    #[test]
    fn fires_when_due_moves_later_silently() {
        assert_eq!(
            run(&format!("{HEAD}due = 2015-12-31\n"), "2015-06-30", 0),
            vec!["8:7 due moved from 2015-06-30 to 2015-12-31 since HEAD with no baseline_due and no update"]
        );
    }

    #[test]
    fn quiet_with_baseline_due_or_a_new_update_or_an_earlier_date() {
        assert!(run(
            &format!("{HEAD}due = 2015-12-31\nbaseline_due = 2015-06-30\n"),
            "2015-06-30",
            0
        )
        .is_empty());
        let with_update = format!(
            "{HEAD}due = 2015-12-31\n[[actions.updates]]\ndate = 2015-06-30\ntext = \"premises fell through\"\n"
        );
        assert!(run(&with_update, "2015-06-30", 0).is_empty());
        assert!(run(&format!("{HEAD}due = 2015-03-31\n"), "2015-06-30", 0).is_empty());
        assert!(run(&format!("{HEAD}due = 2015-06-30\n"), "2015-06-30", 0).is_empty());
    }

    #[test]
    fn the_fix_records_the_agreed_date_after_due_as_it_was_written() {
        let text =
            format!("{HEAD}due = \"December 2015\" # re-planned\nstatus = \"in-progress\"\n");
        let file = load_text(
            "plans/p.toml".into(),
            text.clone(),
            LoadSeverities::default(),
        )
        .plan
        .expect("valid test plan");
        let mut past = Past::default();
        past.before.insert(
            Past::key("p", "3.2"),
            Point {
                due: Some(Due::Text("June 2015".into())),
                ..point()
            },
        );
        let config = config();
        let cx = Context {
            as_of: "2015-12-01".parse().expect("date"),
            config: &config,
        };
        let mut out = Vec::new();
        SilentReschedule.check_history(&Tracked::of(&file), &past, &cx, &mut out);
        assert_eq!(
            crate::lint::testing::fixed(&text, &out),
            format!("{HEAD}due = \"December 2015\" # re-planned\nbaseline_due = \"June 2015\"\nstatus = \"in-progress\"\n")
        );
        assert_eq!(
            out[0].fix.as_ref().map(|f| f.applicability),
            Some(crate::plan::fix::Applicability::Safe)
        );
    }

    #[test]
    fn an_old_update_does_not_excuse_the_move() {
        let text = format!(
            "{HEAD}due = 2015-12-31\n[[actions.updates]]\ndate = 2015-03-01\ntext = \"started\"\n"
        );
        assert_eq!(run(&text, "2015-06-30", 1).len(), 1);
    }
}
