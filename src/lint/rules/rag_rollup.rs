//! `rag-rollup`: a section's declared rating is better than its worst action's.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::Status;

pub struct RagRollup;

static META: Meta = Meta {
    name: "rag-rollup",
    severity: Severity::Warning,
    summary: "a section's declared rating is better than its worst action's",
    docs: r#"## What it does
Compares each section's declared `rag` with the current ratings of its actions (those with
`section` set to the section's id; an action's current rating is its `rag`, or else its latest
update's) in the scale's order, worst first. When the section is rated better than its worst
action, it reports a plan-level finding at the section's rating that names that action.
Withdrawn actions and ratings that are not on the scale are left out.

## Why is this bad?
A board reads the section ratings first. A green or amber section hiding a red action tells the
board all is well where it is not, and the red action is not escalated.

## Example
```toml
[[sections]]
id = "3"
title = "Right care at the right time"
rag = "amber"

[[actions]]
id = "41"
section = "3"
title = "Reduce out-of-area placements"
rag = "red"
```

## Use instead
```toml
[[sections]]
id = "3"
title = "Right care at the right time"
rag = "red"
```

## Configuration
The order of ratings comes from `[ratings] scale` (or `[[ratings.levels]]`, worst first).
"#,
    fix: FixKind::None,
};

impl Rule for RagRollup {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scale = &cx.config.scale;
        for section in &file.plan.sections {
            let s = section.get_ref();
            let Some(declared) = &s.rag else { continue };
            let Some(declared_rated) = scale.resolve(declared.get_ref()) else {
                continue;
            };
            let sid = s.id.get_ref().trim();
            // the first action in the file wins a tie, so the finding is stable
            let worst = file
                .plan
                .actions
                .iter()
                .map(|a| a.get_ref())
                .filter(|a| {
                    a.section
                        .as_ref()
                        .is_some_and(|x| x.get_ref().trim() == sid)
                })
                .filter(|a| a.status() != Some(Status::Withdrawn))
                .filter_map(|a| {
                    let rag = a.rating()?;
                    scale.resolve(rag.get_ref()).map(|r| (r, a, rag))
                })
                .fold(
                    None,
                    |worst: Option<(crate::plan::rating::Rated<'_>, _, _)>, x| match &worst {
                        Some(w) if w.0.rank <= x.0.rank => worst,
                        _ => Some(x),
                    },
                );
            let Some((rated, action, rag)) = worst else {
                continue;
            };
            if declared_rated.rank <= rated.rank {
                continue;
            }
            out.push(
                cx.finding(
                    &META,
                    declared.span(),
                    format!(
                        "section {sid} is rated {} but action {} is rated {}",
                        declared_rated.name,
                        action.id.get_ref(),
                        rated.name
                    ),
                )
                .label(format!("better than {}", rated.name))
                .related(
                    rag.span(),
                    format!("action {}'s rating", action.id.get_ref()),
                )
                .help(format!(
                    "rate the section no better than its worst action ({}), or re-rate action {}",
                    rated.name,
                    action.id.get_ref()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    fn plan(section: &str, actions: &[(&str, &str)]) -> String {
        let mut t = format!(
            "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[sections]]\nid = \"3\"\ntitle = \"s\"\nrag = \"{section}\"\n"
        );
        for (id, rag) in actions {
            t.push_str(&format!(
                "[[actions]]\nid = \"{id}\"\nsection = \"3\"\ntitle = \"a\"\n{rag}\n"
            ));
        }
        t
    }

    #[test]
    fn fires_at_the_section_rating_naming_the_worst_action() {
        let f = run(
            &RagRollup,
            &plan(
                "Amber",
                &[
                    ("40", "rag = \"green\""),
                    ("41", "rag = \"red\""),
                    ("42", "rag = \"red\""),
                ],
            ),
        );
        assert_eq!(
            lines(&f),
            vec!["8:7 section 3 is rated amber but action 41 is rated red"]
        );
        assert_eq!(f[0].action, None);
        assert_eq!(f[0].related[0].label, "action 41's rating");
    }

    #[test]
    fn the_latest_updates_rating_counts() {
        let f = run(
            &RagRollup,
            &plan(
                "green",
                &[(
                    "41",
                    "[[actions.updates]]\ndate = 2015-11-30\ntext = \"x\"\nrag = \"amber\"",
                )],
            ),
        );
        assert_eq!(
            lines(&f),
            vec!["8:7 section 3 is rated green but action 41 is rated amber"]
        );
    }

    #[test]
    fn quiet_when_no_better_than_the_worst() {
        let f = run(
            &RagRollup,
            &plan(
                "amber",
                &[("40", "rag = \"green\""), ("41", "rag = \"amber\"")],
            ),
        );
        assert!(f.is_empty(), "{f:?}");
        let f = run(&RagRollup, &plan("red", &[("41", "rag = \"red\"")]));
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn quiet_on_withdrawn_unrated_and_unknown() {
        let f = run(
            &RagRollup,
            &plan(
                "green",
                &[
                    ("40", "rag = \"red\"\nstatus = \"withdrawn\""),
                    ("41", ""),
                    ("42", "rag = \"yellow\""),
                ],
            ),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn five_point_order() {
        let mut c = config();
        c.scale = crate::plan::rating::Scale::preset("five-point").unwrap();
        let text = plan("amber-green", &[("41", "rag = \"amber\"")]);
        assert_eq!(
            lines(&run_with(&RagRollup, &text, "2015-12-01", &c)),
            vec!["8:7 section 3 is rated amber-green but action 41 is rated amber"]
        );
        let text = plan("amber", &[("41", "rag = \"amber-green\"")]);
        assert!(run_with(&RagRollup, &text, "2015-12-01", &c).is_empty());
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&RagRollup, &fires).len(), 1, "{fires}");
        let f = run(&RagRollup, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
