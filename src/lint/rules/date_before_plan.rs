//! `date-before-plan`: a due or update date is implausibly early or late for the plan.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::{Due, Spanned};
use crate::plan::timescale::Timescale;
use chrono::{Months, NaiveDate};
use std::ops::Range;

pub struct DateBeforePlan;

static META: Meta = Meta {
    name: "date-before-plan",
    severity: Severity::Warning,
    summary: "a due or update date is implausibly early or late for the plan",
    docs: r#"## What it does
Compares the dates in a plan with the plan's own date: `plan.updated`, or the as-of date when the
plan has none. A date more than `years_before` years (3 by default) before it, or more than
`years_after` years (10 by default) after it, is reported. It checks every action's and
milestone's `due` and `baseline_due` (the start of a range or a `From` timescale as well as its
end) and every update's `date`.

## Why is this bad?
Such a date is almost always a typing slip: "Oct 2010" in a plan written in 2015
(Pan-Lancashire 1.1) or an update dated 2105. Left alone it makes an action look overdue for
years, or never due, and it distorts every report built on the plan.

## Example
```toml
[plan]
id = "pan-lancashire-crisis-care"
title = "Pan-Lancashire crisis care concordat action plan"
updated = 2015-11-24

[[actions]]
id = "1.1"
title = "Multiagency day event"
due = "Oct 2010"
```

## Use instead
```toml
[[actions]]
id = "1.1"
title = "Multiagency day event"
due = "Oct 2014"
```

## Configuration
```toml
[dates]
years_before = 3
years_after = 10
```
"#,
    fix: FixKind::None,
};

/// The dates a plan can plausibly name.
struct Window {
    reference: NaiveDate,
    earliest: NaiveDate,
    latest: NaiveDate,
    before: u32,
    after: u32,
}

fn years(n: i64) -> u32 {
    // a configuration with a negative or absurd number of years must not panic
    n.clamp(0, 1000) as u32
}

impl Window {
    fn of(file: &PlanFile, cx: &Context<'_>) -> Window {
        let reference = file.plan.updated().unwrap_or(cx.as_of);
        let before = years(cx.config.years_before);
        let after = years(cx.config.years_after);
        Window {
            reference,
            earliest: reference
                .checked_sub_months(Months::new(12 * before))
                .unwrap_or(NaiveDate::MIN),
            latest: reference
                .checked_add_months(Months::new(12 * after))
                .unwrap_or(NaiveDate::MAX),
            before,
            after,
        }
    }

    /// What is wrong with a date, if anything.
    fn judge(&self, date: NaiveDate) -> Option<String> {
        if date < self.earliest {
            Some(format!(
                "more than {} years before the plan's date {}",
                self.before, self.reference
            ))
        } else if date > self.latest {
            Some(format!(
                "more than {} years after the plan's date {}",
                self.after, self.reference
            ))
        } else {
            None
        }
    }
}

impl Rule for DateBeforePlan {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let window = Window::of(file, cx);
        let mut push = |span: Range<usize>, id: &str, message: String| {
            out.push(
                cx.finding(&META, span, message)
                    .label("implausible date for this plan")
                    .help(
                        "check the year: correct the date, or set `plan.updated` to the plan's \
                         latest review date",
                    )
                    .action(id),
            );
        };
        for (i, a) in file.plan.actions.iter().enumerate() {
            let a = a.get_ref();
            let id = a.id.get_ref().as_str();
            let mut check_due = |due: &Spanned<Due>, key: &str, read: Option<Timescale>| {
                // unreadable: unparsed-timescale reports it
                let Some(t) = read else { return };
                let written = match due.get_ref() {
                    Due::Text(s) => format!(" (\"{}\")", crate::plan::timescale::one_line(s)),
                    Due::Date(_) => String::new(),
                };
                // the date it is due by first; then where it starts ("From Jan 2005")
                if let Some(date) = t.due {
                    if let Some(why) = window.judge(date) {
                        push(due.span(), id, format!("{key} {date}{written} is {why}"));
                        return;
                    }
                }
                if let Some(date) = t.start {
                    if let Some(why) = window.judge(date) {
                        push(
                            due.span(),
                            id,
                            format!("{key}{written} starts {date}, {why}"),
                        );
                    }
                }
            };
            if let Some(due) = &a.due {
                check_due(due, "due", file.due(i).cloned()); // read once by the loader
            }
            if let Some(due) = &a.baseline_due {
                check_due(due, "baseline due", due.get_ref().timescale().ok());
            }
            for m in &a.milestones {
                let due = &m.get_ref().due;
                check_due(due, "milestone due", due.get_ref().timescale().ok());
            }
            for u in &a.updates {
                let date = u.get_ref().date.get_ref().0;
                if let Some(why) = window.judge(date) {
                    push(
                        u.get_ref().date.span(),
                        id,
                        format!("update dated {date} is {why}"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    fn plan(plan_extra: &str, action_extra: &str) -> String {
        format!(
            "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n{plan_extra}\
             [[actions]]\nid = \"1.1\"\ntitle = \"a\"\n{action_extra}"
        )
    }

    const UPDATED: &str = "updated = 2015-11-24\n";

    #[test]
    fn fires_on_the_seed_oct_2010() {
        let f = run(
            &DateBeforePlan,
            &plan(UPDATED, "due = \"Oct 2010\"\nstatus = \"complete\"\n"),
        );
        assert_eq!(
            lines(&f),
            vec!["9:7 due 2010-10-31 (\"Oct 2010\") is more than 3 years before the plan's date 2015-11-24"]
        );
        assert_eq!(f[0].action.as_deref(), Some("1.1"));
    }

    #[test]
    fn fires_on_late_dates_and_update_dates_and_starts() {
        let text = plan(
            UPDATED,
            "due = \"From Jan 2005\"\n[[actions.milestones]]\ntitle = \"m\"\ndue = 2026-01-01\n\
             [[actions.updates]]\ndate = 2105-11-24\ntext = \"u\"\n",
        );
        assert_eq!(
            lines(&run(&DateBeforePlan, &text)),
            vec![
                "9:7 due (\"From Jan 2005\") starts 2005-01-01, more than 3 years before the plan's date 2015-11-24",
                "12:7 milestone due 2026-01-01 is more than 10 years after the plan's date 2015-11-24",
                "14:8 update dated 2105-11-24 is more than 10 years after the plan's date 2015-11-24",
            ]
        );
    }

    #[test]
    fn a_range_that_starts_too_early_is_reported_once() {
        let text = plan(UPDATED, "due = \"From Dec 2004 to March 2015\"\n");
        assert_eq!(
            lines(&run(&DateBeforePlan, &text)),
            vec!["9:7 due (\"From Dec 2004 to March 2015\") starts 2004-12-01, more than 3 years before the plan's date 2015-11-24"]
        );
        let text = plan(UPDATED, "due = \"From Dec 2004 to March 2005\"\n");
        assert_eq!(
            lines(&run(&DateBeforePlan, &text)),
            vec!["9:7 due 2005-03-31 (\"From Dec 2004 to March 2005\") is more than 3 years before the plan's date 2015-11-24"]
        );
    }

    #[test]
    fn without_updated_the_as_of_date_is_the_reference() {
        let f = run(&DateBeforePlan, &plan("", "due = 2012-11-30\n"));
        assert_eq!(
            lines(&f),
            vec!["8:7 due 2012-11-30 is more than 3 years before the plan's date 2015-12-01"]
        );
        assert!(run(&DateBeforePlan, &plan("", "due = 2012-12-01\n")).is_empty());
    }

    #[test]
    fn quiet_within_the_window_and_configurable() {
        for due in [
            "\"Nov 2014\"",
            "\"2015/16\"",
            "\"April 2017\"",
            "2025-11-24",
            "\"Ongoing\"",
            "\"Spring\"",
        ] {
            let f = run(&DateBeforePlan, &plan(UPDATED, &format!("due = {due}\n")));
            assert!(f.is_empty(), "{due}: {f:?}");
        }
        let mut c = config();
        c.years_before = 10;
        let text = plan(UPDATED, "due = \"Oct 2010\"\n");
        assert!(run_with(&DateBeforePlan, &text, "2015-12-01", &c).is_empty());
        c.years_before = -5; // nonsense configuration: no panic, everything before is too early
        assert_eq!(run_with(&DateBeforePlan, &text, "2015-12-01", &c).len(), 1);
    }
}
