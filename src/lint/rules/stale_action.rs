//! `stale-action`: an open action has no update within the plan's latest review cycle.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::cycle_days;
use chrono::{Duration, NaiveDate};

pub struct StaleAction;

static META: Meta = Meta {
    name: "stale-action",
    severity: Severity::Warning,
    summary: "an open action has no update within the plan's latest review cycle",
    docs: r#"## What it does
Finds open actions (not complete, not withdrawn; not-started and on-hold actions count) with no
update in the plan's latest review cycle.

The latest review cycle ends on the plan's `updated` date (the date of its latest review), or on
the as-of date when the plan has no `updated` date or it is later than the as-of date. It is as
long as `plan.review_cycle` (monthly 31 days, bimonthly 62, quarterly 92, six-monthly 183,
annual 366), or `[staleness] default_cycle` for a plan that does not name one. An update counts
when it is dated no earlier than the start of that cycle less `grace_days` (14 by default), so
an update written just before the cycle began is not reported.

## Why is this bad?
A review cycle passed and the plan says nothing about the action: the board cannot tell whether
it is moving, stuck or forgotten. The seed plans carry actions with no progress recorded at all
(Pan-Lancashire 3.4.3, 3.8.1, 6.2).

## Example
```toml
[plan]
id = "pan-lancashire-crisis-care"
title = "Pan-Lancashire crisis care concordat action plan"
updated = 2015-11-24
review_cycle = "bimonthly"

[[actions]]
id = "6.2"
title = "Evaluate the action plan"
due = "Sept 2015"
status = "not-started"
```

## Use instead
```toml
[[actions]]
id = "6.2"
title = "Evaluate the action plan"
due = "Sept 2015"
status = "not-started"

[[actions.updates]]
date = 2015-11-24
text = "Evaluation deferred until the unscheduled care review reports."
```

## Configuration
```toml
[staleness]
default_cycle = "quarterly"   # for plans without plan.review_cycle
grace_days = 14
```
"#,
    fix: FixKind::None,
};

/// The latest review cycle of a plan: its name, first and last day, and the earliest update
/// date that still counts (the first day less the grace).
struct Cycle {
    name: String,
    first: NaiveDate,
    last: NaiveDate,
    cutoff: NaiveDate,
}

fn latest_cycle(file: &PlanFile, cx: &Context<'_>) -> Cycle {
    let meta = file.plan.plan.get_ref();
    let declared = meta.review_cycle.as_ref().map(|c| c.get_ref().as_str());
    let (name, days) = declared
        .and_then(|n| Some((n, cycle_days(n)?)))
        .or_else(|| {
            Some((
                cx.config.default_cycle.as_str(),
                cycle_days(&cx.config.default_cycle)?,
            ))
        })
        .unwrap_or(("quarterly", 92));
    let last = file
        .plan
        .updated()
        .filter(|&u| u <= cx.as_of)
        .unwrap_or(cx.as_of);
    // a cycle is a few hundred days and the configuration bounds the grace, so these cannot
    // overflow in practice; checked all the same, so no configuration or date can panic here
    let back = |from: NaiveDate, days: i64| {
        Duration::try_days(days)
            .and_then(|d| from.checked_sub_signed(d))
            .unwrap_or(NaiveDate::MIN)
    };
    let first = back(last, days - 1);
    let cutoff = back(first, cx.config.stale_grace_days.clamp(0, 36_500));
    Cycle {
        name: name.to_string(),
        first,
        last,
        cutoff,
    }
}

impl Rule for StaleAction {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut cycle = None;
        for a in &file.plan.actions {
            let a = a.get_ref();
            if !a.is_open() {
                continue;
            }
            let cycle = cycle.get_or_insert_with(|| latest_cycle(file, cx));
            let latest = a.latest_update().map(|u| u.date.get_ref().0);
            if latest.is_some_and(|d| d >= cycle.cutoff) {
                continue;
            }
            let label = match latest {
                Some(d) => format!("latest update {d}"),
                None => "never updated".to_string(),
            };
            let id = a.id.get_ref().as_str();
            out.push(
                cx.finding(
                    &META,
                    a.anchor(),
                    format!(
                        "no update in the latest review cycle ({}, {} to {})",
                        cycle.name, cycle.first, cycle.last
                    ),
                )
                .label(label)
                .help(
                    "add an `[[actions.updates]]` entry (`date`, `text`, `rag`) saying where the \
                     action stands, or close it (`status` \"complete\" or \"withdrawn\")",
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

    fn plan(plan_extra: &str, action_extra: &str) -> String {
        format!(
            "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n{plan_extra}\
             [[actions]]\nid = \"6.2\"\ntitle = \"a\"\n{action_extra}"
        )
    }

    fn update(date: &str) -> String {
        format!("[[actions.updates]]\ndate = {date}\ntext = \"u\"\n")
    }

    const BIMONTHLY: &str = "updated = 2015-11-24\nreview_cycle = \"bimonthly\"\n";

    #[test]
    fn fires_on_an_action_never_updated() {
        let f = run(&StaleAction, &plan(BIMONTHLY, "status = \"not-started\"\n"));
        assert_eq!(
            lines(&f),
            vec!["8:6 no update in the latest review cycle (bimonthly, 2015-09-24 to 2015-11-24)"]
        );
        assert_eq!(f[0].label.as_deref(), Some("never updated"));
        assert_eq!(f[0].action.as_deref(), Some("6.2"));
    }

    #[test]
    fn the_grace_is_the_edge() {
        // 62-day cycle from 2015-09-24, less 14 days of grace: 2015-09-10 counts, 09-09 does not
        let f = run(&StaleAction, &plan(BIMONTHLY, &update("2015-09-09")));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].label.as_deref(), Some("latest update 2015-09-09"));
        assert!(run(&StaleAction, &plan(BIMONTHLY, &update("2015-09-10"))).is_empty());
        // the latest update counts, whatever the order they are written in
        let both = format!("{}{}", update("2015-11-20"), update("2015-01-01"));
        assert!(run(&StaleAction, &plan(BIMONTHLY, &both)).is_empty());
    }

    #[test]
    fn without_updated_or_cycle_the_as_of_date_and_default_cycle_apply() {
        // quarterly by default: 92 days to 2015-12-01 begin on 2015-09-01
        let f = run(&StaleAction, &plan("", &update("2015-08-17")));
        assert_eq!(
            lines(&f),
            vec!["6:6 no update in the latest review cycle (quarterly, 2015-09-01 to 2015-12-01)"]
        );
        assert!(run(&StaleAction, &plan("", &update("2015-08-18"))).is_empty());
        let mut c = config();
        c.default_cycle = "monthly".into();
        c.stale_grace_days = 0;
        let f = run_with(
            &StaleAction,
            &plan("", &update("2015-10-31")),
            "2015-12-01",
            &c,
        );
        assert_eq!(
            lines(&f),
            vec!["6:6 no update in the latest review cycle (monthly, 2015-11-01 to 2015-12-01)"]
        );
    }

    #[test]
    fn a_plan_updated_after_the_as_of_date_is_judged_at_the_as_of_date() {
        let text = plan("updated = 2016-06-30\n", &update("2015-11-01"));
        assert!(run(&StaleAction, &text).is_empty());
    }

    #[test]
    fn quiet_on_closed_actions() {
        for status in ["complete", "withdrawn"] {
            let f = run(
                &StaleAction,
                &plan(BIMONTHLY, &format!("status = \"{status}\"\n")),
            );
            assert!(f.is_empty(), "{status}");
        }
    }
}
