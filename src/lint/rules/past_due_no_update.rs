//! `past-due-no-update`: an open action is past its due date with no update since.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::Due;

pub struct PastDueNoUpdate;

static META: Meta = Meta {
    name: "past-due-no-update",
    severity: Severity::Error,
    summary: "an open action is past its due date with no update since",
    docs: r#"## What it does
Finds open actions (not complete, not withdrawn) whose due date is before the as-of date (today,
or `--as-of`) and that have no update dated on or after the due date. The due date is the end of
the timescale: 30 April 2015 for `"April 2015"`, 31 March 2016 for `"2015/16"`, the end of a
range; `"June 2015 (& ongoing)"` is due at the end of June 2015. Actions with no due date (`"Ongoing"`, `"From Jan 2015"`, `"By exception"`) are never
overdue, nor is a complete action. A re-planned action is judged by its `due`, not by its
`baseline_due`.

## Why is this bad?
The deadline went by and the plan says nothing about it: nobody knows whether the work was done,
slipped or was dropped. The seed plans show it (Pan-Lancashire 3.4.3, due April 2015, with no
progress recorded at all by the November review).

## Example
```toml
[[actions]]
id = "3.4.3"
title = "Produce a single data source on the use of section 136"
due = "April 2015"
status = "not-started"
```

## Use instead
```toml
[[actions]]
id = "3.4.3"
title = "Produce a single data source on the use of section 136"
due = "March 2016"                  # re-planned...
baseline_due = "April 2015"         # ...keeping the date first agreed
status = "in-progress"

[[actions.updates]]
date = 2015-11-24
text = "Data sharing agreement delayed; re-planned to March 2016 by the partnership group."
```
"#,
    fix: FixKind::None,
};

impl Rule for PastDueNoUpdate {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, a) in file.plan.actions.iter().enumerate() {
            let a = a.get_ref();
            if !a.is_open() {
                continue;
            }
            let (Some(due), Some(written)) = (file.due(i).and_then(|t| t.due), &a.due) else {
                continue;
            };
            if due >= cx.as_of {
                continue;
            }
            if a.updates
                .iter()
                .any(|u| u.get_ref().date.get_ref().0 >= due)
            {
                continue;
            }
            let shown = match written.get_ref() {
                Due::Text(t) => format!("due {due} (\"{}\")", crate::plan::timescale::one_line(t)),
                Due::Date(_) => format!("due {due}"),
            };
            let latest = match a.latest_update() {
                Some(u) => format!("latest update {}", u.date.get_ref().0),
                None => "no update at all".to_string(),
            };
            let id = a.id.get_ref().as_str();
            out.push(
                cx.finding(
                    &META,
                    written.span(),
                    format!("{shown} and no update since"),
                )
                .label(format!("past due; {latest}"))
                .help(
                    "record an update saying where the action stands, close it (`status` \
                         \"complete\" or \"withdrawn\"), or re-plan `due` and keep the first \
                         date in `baseline_due`",
                )
                .action(id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"3.4.3\"\ntitle = \"a\"\n";

    fn update(date: &str) -> String {
        format!("[[actions.updates]]\ndate = {date}\ntext = \"u\"\n")
    }

    #[test]
    fn fires_on_the_seed_case_with_no_update_at_all() {
        let f = run(
            &PastDueNoUpdate,
            &format!("{HEAD}due = \"April 2015\"\nstatus = \"not-started\"\n"),
        );
        assert_eq!(
            lines(&f),
            vec!["8:7 due 2015-04-30 (\"April 2015\") and no update since"]
        );
        assert_eq!(f[0].action.as_deref(), Some("3.4.3"));
        assert_eq!(f[0].label.as_deref(), Some("past due; no update at all"));
        assert!(f[0].help.as_deref().unwrap().contains("baseline_due"));
    }

    #[test]
    fn fires_when_every_update_is_older_than_the_due_date() {
        let f = run(
            &PastDueNoUpdate,
            &format!("{HEAD}due = 2015-06-30\n{}", update("2015-06-29")),
        );
        assert_eq!(lines(&f), vec!["8:7 due 2015-06-30 and no update since"]);
        assert_eq!(
            f[0].label.as_deref(),
            Some("past due; latest update 2015-06-29")
        );
    }

    #[test]
    fn ranges_and_financial_years_are_due_at_their_end() {
        let f = run(
            &PastDueNoUpdate,
            &format!("{HEAD}due = \"From Dec 2014\\nto\\nMarch 2015\"\n"),
        );
        assert_eq!(
            lines(&f),
            vec!["8:7 due 2015-03-31 (\"From Dec 2014 to March 2015\") and no update since"]
        );
        // 2015/16 ends on 31 March 2016: not yet due on 1 December 2015
        assert!(run(&PastDueNoUpdate, &format!("{HEAD}due = \"2015/16\"\n")).is_empty());
    }

    #[test]
    fn quiet_with_an_update_on_or_after_the_due_date() {
        for date in ["2015-04-30", "2015-11-30"] {
            let f = run(
                &PastDueNoUpdate,
                &format!("{HEAD}due = \"April 2015\"\n{}", update(date)),
            );
            assert!(f.is_empty(), "{date}");
        }
    }

    #[test]
    fn quiet_on_closed_actions_and_undated_timescales() {
        for extra in [
            "due = \"April 2015\"\nstatus = \"complete\"\n",
            "due = \"April 2015\"\nstatus = \"withdrawn\"\n",
            "due = \"From Jan 2015\"\n",
            "due = \"Ongoing\"\n",
            "due = \"By exception\"\n",
            "due = \"April\"\n",
            "due = \"March 2016\"\nbaseline_due = \"April 2015\"\n",
            "",
        ] {
            let f = run(&PastDueNoUpdate, &format!("{HEAD}{extra}"));
            assert!(f.is_empty(), "{extra}: {f:?}");
        }
    }

    #[test]
    fn the_due_day_itself_is_not_past() {
        let text = format!("{HEAD}due = 2015-12-01\n");
        assert!(run_with(&PastDueNoUpdate, &text, "2015-12-01", &config()).is_empty());
        assert_eq!(
            run_with(&PastDueNoUpdate, &text, "2015-12-02", &config()).len(),
            1
        );
    }
}
