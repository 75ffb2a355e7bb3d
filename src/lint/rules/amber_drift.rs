//! `amber-drift`: an action rated amber or worse in every revision for longer than the
//! configured span (default 180 days). Needs git: it reads each action's timeline (see
//! `crate::lint::past::Timeline`).

use crate::lint::past::{Follow, Needs, Past, Point, Tracked};
use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::rating::Scale;
use chrono::NaiveDate;

pub struct AmberDrift;

static META: Meta = Meta {
    name: "amber-drift",
    severity: Severity::Warning,
    summary: "an action has been rated amber or worse for longer than the escalation span",
    docs: r#"## What it does
Follows each action that is rated amber or worse (on the configured scale: amber, amber-red, red)
back through the plan's git history, first parents only, and fires when it has been rated amber
or worse in every revision for more than `amber_drift_days` (180 days by default) before the
as-of date. The span starts at the oldest commit of that unbroken run. A plan file renamed within
the span ends the run (the rule stays quiet rather than guess).

The rule needs git history; outside a git repository it is skipped with a note. On a scale with
no `amber` rating the rule does nothing.

## Why is this bad?
Amber means "at risk, being managed". An action that stays amber review after review is not being
managed: practice is to escalate it to the board, re-plan it, or close it. Drift hides in plans
because each review looks like the last one.

## Example
An action rated amber in every commit since January, checked in December:
```toml
[[actions]]
id = "2.4"
title = "Agree a section 136 place of safety protocol"
rag = "amber"
```

## Use instead
Escalate and re-plan, recording it, and rate the action on its new plan:
```toml
[[actions]]
id = "2.4"
title = "Agree a section 136 place of safety protocol"
rag = "red"
due = 2016-03-31
baseline_due = 2015-06-30

[[actions.updates]]
date = 2015-12-01
text = "Escalated to the Concordat board; new date agreed."
```

## Configuration
`[staleness] amber_drift_days = 180`: the days an action may stay amber or worse.
"#,
    fix: FixKind::None,
};

impl Rule for AmberDrift {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn past_needs(&self, cx: &Context<'_>) -> Needs {
        Needs {
            timeline_days: Some(cx.config.amber_drift_days),
            // `amber_since` reads only the newest run of open points rated amber or worse
            follow: Follow::WhileOpenAtOrWorse("amber"),
            ..Needs::default()
        }
    }

    fn check_history(&self, file: &Tracked, past: &Past, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scale = &cx.config.scale;
        let Some(amber) = scale.resolve("amber").map(|r| r.rank) else {
            return;
        };
        let limit = cx.config.amber_drift_days;
        let plan = &file.plan;
        for a in &file.actions {
            if !a.open {
                continue;
            }
            let Some(rag) = &a.rag else { continue };
            if scale.resolve(rag.get_ref()).is_none_or_above(amber) {
                continue;
            }
            let Some(since) = amber_since(past.timeline.of(plan, &a.id), scale, amber) else {
                continue;
            };
            let days = (cx.as_of - since).num_days();
            if days <= limit {
                continue;
            }
            out.push(
                cx.finding(
                    &META,
                    rag.span(),
                    format!(
                        "rated amber or worse in every revision since {since} ({days} days; the limit is {limit})"
                    ),
                )
                .action(a.id.as_str())
                .label("drifting")
                .help("escalate the action to the board and re-plan it, recording why in an update"),
            );
        }
    }
}

/// The start of the unbroken run of points, from the newest, in which the action was open and
/// rated amber or worse: the `since` of the oldest of them (`None`: not so at the newest).
fn amber_since(points: &[Point], scale: &Scale, amber: usize) -> Option<NaiveDate> {
    points
        .iter()
        .take_while(|p| {
            p.open
                && !p
                    .rag
                    .as_deref()
                    .and_then(|r| scale.resolve(r))
                    .is_none_or_above(amber)
        })
        .last()
        .map(|p| p.since)
}

/// `None` (off-scale) or a rating better than amber.
trait AboveAmber {
    fn is_none_or_above(&self, amber: usize) -> bool;
}

impl AboveAmber for Option<crate::plan::rating::Rated<'_>> {
    fn is_none_or_above(&self, amber: usize) -> bool {
        self.is_none_or(|r| r.rank > amber)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::config;
    use crate::plan::load::{load_text, LoadSeverities};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"2.4\"\ntitle = \"a\"\n";

    fn run(text: &str, since: &str, as_of: &str) -> Vec<String> {
        let file = load_text(
            "plans/p.toml".into(),
            text.into(),
            LoadSeverities::default(),
        )
        .plan
        .expect("valid test plan");
        let mut past = Past::default();
        // newest first: red since `since`, then green before it
        let since: NaiveDate = since.parse().expect("date");
        let point = |since: NaiveDate, rag: &str| Point {
            since,
            rag: Some(rag.to_string()),
            open: true,
            due: None,
            updates: 0,
        };
        past.timeline.actions.insert(
            Past::key("p", "2.4"),
            vec![
                point(since + chrono::Days::new(30), "amber"),
                point(since, "Red"),
                point(since - chrono::Days::new(30), "green"),
            ],
        );
        let config = config();
        let cx = Context {
            as_of: as_of.parse().expect("date"),
            config: &config,
        };
        let mut out = Vec::new();
        AmberDrift.check_history(&Tracked::of(&file), &past, &cx, &mut out);
        out.iter()
            .map(|f| {
                let (l, c) = file.source.position(f.span.start);
                format!("{l}:{c} {}", f.message)
            })
            .collect()
    }

    #[test]
    fn fires_after_the_span() {
        assert_eq!(
            run(&format!("{HEAD}rag = \"Amber\"\n"), "2015-01-10", "2015-12-01"),
            vec!["8:7 rated amber or worse in every revision since 2015-01-10 (325 days; the limit is 180)"]
        );
        assert_eq!(
            run(
                &format!("{HEAD}rag = \"red\"\n"),
                "2015-01-10",
                "2015-12-01"
            )
            .len(),
            1
        );
    }

    #[test]
    fn the_run_is_the_points_from_the_newest_while_open_and_amber_or_worse() {
        let config = config();
        let scale = &config.scale;
        let amber = scale.resolve("amber").expect("amber").rank;
        let day = |d: &str| d.parse::<NaiveDate>().expect("date");
        let point = |since: &str, rag: Option<&str>, open: bool| Point {
            since: day(since),
            rag: rag.map(str::to_string),
            open,
            due: None,
            updates: 0,
        };
        let run = [
            point("2015-09-01", Some("amber"), true),
            point("2015-05-01", Some("Red"), true),
            point("2015-03-01", Some("amber"), false),
            point("2015-01-01", Some("red"), true),
        ];
        assert_eq!(amber_since(&run, scale, amber), Some(day("2015-05-01")));
        let unrated = [
            point("2015-09-01", Some("amber"), true),
            point("2015-05-01", None, true),
        ];
        assert_eq!(amber_since(&unrated, scale, amber), Some(day("2015-09-01")));
        // green at the start commit (amber only in the checked text): no run reached a commit
        let green = [
            point("2015-09-01", Some("green"), true),
            point("2015-01-01", Some("red"), true),
        ];
        assert_eq!(amber_since(&green, scale, amber), None);
        assert_eq!(amber_since(&[], scale, amber), None);
    }

    #[test]
    fn quiet_within_the_span_when_green_or_closed() {
        assert!(run(
            &format!("{HEAD}rag = \"amber\"\n"),
            "2015-06-04",
            "2015-12-01"
        )
        .is_empty());
        assert!(run(
            &format!("{HEAD}rag = \"green\"\n"),
            "2015-01-10",
            "2015-12-01"
        )
        .is_empty());
        assert!(run(
            &format!("{HEAD}rag = \"amber\"\nstatus = \"withdrawn\"\n"),
            "2015-01-10",
            "2015-12-01"
        )
        .is_empty());
    }
}
