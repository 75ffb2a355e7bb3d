//! `rag-text-mismatch`: the latest update says complete, withdrawn or slipped, but the action's
//! status or rating says otherwise. The reading of the update's words is `lint::phrases`, which
//! `import` shares.

use crate::lint::phrases::{reading, Says};
use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::{Edit, Fix, FixKind};
use crate::plan::load::PlanFile;
use crate::plan::model::{Action, Status, Update};
use std::ops::Range;

pub struct RagTextMismatch;

static META: Meta = Meta {
    name: "rag-text-mismatch",
    severity: Severity::Warning,
    summary: "the latest update says complete, withdrawn or slipped but status or rating disagree",
    docs: r#"## What it does
Reads the text of each action's latest update and reports when it disagrees with the action:
- it declares the action complete ("Complete: ...", "Achieved.", "This action is now complete")
  but the status is not-started, in-progress or on-hold (or, with no status, the rating is not a
  done rating);
- it declares the action withdrawn ("Withdrawn", "No longer required", "Superseded by 4.1") but
  the status is not-started, in-progress or on-hold;
- it declares the action complete or withdrawn, the action has no status and its due date has
  passed: without a status the action reads as open and overdue, so this rule asks for the status
  the words give (its fix adds `status = "complete"` or `"withdrawn"`), and `rag-green-overdue`
  leaves the action to it;
- it says the work has slipped ("slipped", "delayed", "behind schedule") but the action is open
  and rated green (the best rating; green or blue on BRAG).

Only declarations count: a completion word must open the update or be said of the action, and
a word after "not", "yet", "to be", "will be", "once", "when", "if" and the like in the same
sentence does not count ("not yet complete", "to be completed by March", "once complete", "not
delayed"). An update that opens with "Completed:" but goes on about a next phase or work that
continues is read as closing a part, not the action. "Delayed discharge" and "delayed
transfers of care" are NHS measures, not slips.

## Why is this bad?
The update is what the lead wrote at the review; status and rating are what the board's
summary counts. When they disagree one of them is out of date, and the summary is wrong.

## Example
```toml
[[actions]]
id = "29"
title = "Train custody staff in mental health awareness"
status = "in-progress"
rag = "green"

[[actions.updates]]
date = 2015-11-30
text = "Complete: all custody staff trained."
```

## Use instead
```toml
[[actions]]
id = "29"
title = "Train custody staff in mental health awareness"
status = "complete"
rag = "green"

[[actions.updates]]
date = 2015-11-30
text = "Complete: all custody staff trained."
```
"#,
    fix: FixKind::Unsafe,
};

/// The byte span in the file of `range` within the update's text, when it can be found in the
/// written value (escapes and line continuations may hide it: then the whole value).
fn locate(source: &str, value: Range<usize>, text: &str, range: Range<usize>) -> Range<usize> {
    let phrase = &text[range.clone()];
    let nth = text[..range.start].matches(phrase).count();
    source
        .get(value.clone())
        .and_then(|raw| raw.match_indices(phrase).nth(nth))
        .map_or(value.clone(), |(i, _)| {
            value.start + i..value.start + i + phrase.len()
        })
}

impl Rule for RagTextMismatch {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, action) in file.plan.actions.iter().enumerate() {
            let a = action.get_ref();
            let Some(update) = a.latest_update() else {
                continue;
            };
            let overdue = file
                .due(i)
                .is_some_and(|t| !t.ongoing && t.due.is_some_and(|d| d < cx.as_of));
            let text = update.text.get_ref();
            for (says, range) in reading(text) {
                let Some(m) = mismatch(a, update, says, &text[range.clone()], overdue, cx) else {
                    continue;
                };
                let span = locate(&file.source.text, update.text.span(), text, range);
                let mut f = cx
                    .finding(&META, span, m.message)
                    .label("the update says this")
                    .action(a.id.get_ref().clone())
                    .help(m.help);
                if let Some((range, label)) = m.related {
                    f = f.related(range, label);
                }
                if let Some(status) = m.set_status {
                    f = f.fix(set_status(&file.source.text, a, status));
                }
                out.push(f);
                break;
            }
        }
    }
}

/// The fix that records the status the update declares: `status = "…"` on a line of its own
/// after the action's due date (or its title when it has none).
fn set_status(source: &str, a: &Action, status: Status) -> Fix {
    let after = a.due.as_ref().map_or(a.title.span().end, |d| d.span().end);
    Fix::unsafe_(
        format!("set status = \"{}\"", status.as_str()),
        vec![Edit::insert_line_after(
            source,
            after,
            &format!("status = \"{}\"", status.as_str()),
        )],
    )
}

/// A disagreement between an update and its action, before it is placed.
struct Mismatch {
    message: String,
    help: String,
    related: Option<(Range<usize>, String)>,
    /// The status the fix sets, when the action has none and the update declares one.
    set_status: Option<Status>,
}

/// The mismatch when what the update says disagrees with the action.
fn mismatch(
    a: &Action,
    update: &Update,
    says: Says,
    phrase: &str,
    overdue: bool,
    cx: &Context<'_>,
) -> Option<Mismatch> {
    let scale = &cx.config.scale;
    let rated = a
        .rating()
        .and_then(|r| Some((r, scale.resolve(r.get_ref())?)));
    let open_status = a.status.as_ref().filter(|s| {
        matches!(
            s.get_ref(),
            Status::NotStarted | Status::InProgress | Status::OnHold
        )
    });
    let said = format!(
        "latest update ({}) says \"{}\"",
        update.date.get_ref().0,
        phrase.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let mut set_status = None;
    let (message, help, related) = match says {
        Says::Complete | Says::Withdrawn => {
            let (word, status, fix) = if says == Says::Complete {
                (
                    "complete",
                    Status::Complete,
                    "set `status = \"complete\"` with a done rating",
                )
            } else {
                (
                    "withdrawn",
                    Status::Withdrawn,
                    "set `status = \"withdrawn\"` and remove the rating",
                )
            };
            if let Some(status) = open_status {
                (
                    format!("{said} but status is {}", status.get_ref().as_str()),
                    format!("{fix}, or reword the update if the action is not {word}"),
                    Some((status.span(), "status here".to_string())),
                )
            } else if a.status.is_some() {
                return None;
            } else if let Some((rag, r)) = rated.filter(|(_, r)| says == Says::Complete && !r.done)
            {
                (
                    format!("{said} but the action is rated {}", r.name),
                    format!("{fix}, or reword the update if the action is not complete"),
                    Some((rag.span(), "rating here".to_string())),
                )
            } else if overdue {
                // no status, past its date: without a status the action reads as open and
                // overdue, which `rag-green-overdue` leaves to this rule when the words say
                // the action is finished (one finding, one reading)
                set_status = Some(status);
                (
                    format!("{said} but the action has no status and is past its due date"),
                    format!(
                        "record it: `status = \"{}\"`, or reword the update if the action is not {word}",
                        status.as_str()
                    ),
                    a.due
                        .as_ref()
                        .map(|d| (d.span(), "due date passed".to_string())),
                )
            } else {
                return None;
            }
        }
        Says::Slipped => {
            if !a.is_open() {
                return None;
            }
            let (rag, r) = rated.filter(|(_, r)| scale.is_green(r))?;
            (
                format!("{said} but the action is rated {}", r.name),
                "re-rate the action to show the slip, or reword the update if it is on track"
                    .to_string(),
                Some((rag.span(), "rating here".to_string())),
            )
        }
    };
    Some(Mismatch {
        message,
        help,
        related,
        set_status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"29\"\ntitle = \"a\"\n";

    fn plan(fields: &str, text: &str) -> String {
        format!("{HEAD}{fields}\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"{text}\"\n")
    }

    #[test]
    fn fires_when_the_text_says_complete_and_the_action_is_in_progress() {
        let f = run(
            &RagTextMismatch,
            &plan(
                "status = \"in-progress\"\nrag = \"green\"",
                "Complete: all staff trained.",
            ),
        );
        assert_eq!(
            lines(&f),
            vec!["12:9 latest update (2015-11-30) says \"Complete\" but status is in-progress"]
        );
        assert_eq!(f[0].span.len(), "Complete".len());
        assert_eq!(f[0].action.as_deref(), Some("29"));
    }

    #[test]
    fn fires_when_the_text_says_complete_and_the_rating_is_not_done() {
        let f = run(&RagTextMismatch, &plan("rag = \"amber\"", "Achieved."));
        assert_eq!(
            lines(&f),
            vec!["11:9 latest update (2015-11-30) says \"Achieved\" but the action is rated amber"]
        );
    }

    #[test]
    fn fires_when_the_text_says_withdrawn_and_the_action_is_open() {
        let f = run(
            &RagTextMismatch,
            &plan("status = \"not-started\"", "No longer required: see 15."),
        );
        assert_eq!(
            lines(&f),
            vec!["11:9 latest update (2015-11-30) says \"No longer required\" but status is not-started"]
        );
    }

    #[test]
    fn fires_when_the_text_says_delayed_and_the_action_is_green() {
        let f = run(
            &RagTextMismatch,
            &plan(
                "status = \"in-progress\"\nrag = \"green\"",
                "Procurement was delayed by a month.",
            ),
        );
        assert_eq!(
            lines(&f),
            vec!["12:25 latest update (2015-11-30) says \"delayed\" but the action is rated green"]
        );
    }

    #[test]
    fn on_brag_blue_is_as_green_as_green() {
        let mut c = config();
        c.scale = crate::plan::rating::Scale::preset("brag").unwrap();
        let text = plan(
            "status = \"in-progress\"\nrag = \"blue\"",
            "Behind schedule.",
        );
        assert_eq!(run_with(&RagTextMismatch, &text, "2015-12-01", &c).len(), 1);
    }

    #[test]
    fn quiet_when_status_and_rating_agree() {
        for (fields, text) in [
            (
                "status = \"complete\"\nrag = \"green\"",
                "Complete: all staff trained.",
            ),
            ("status = \"withdrawn\"", "Withdrawn: see action 15."),
            (
                "status = \"in-progress\"\nrag = \"amber\"",
                "The launch has slipped to January.",
            ),
            (
                "status = \"complete\"\nrag = \"green\"",
                "Completed, although delayed by a month.",
            ),
            ("rag = \"green\"", "Completed."),
        ] {
            let f = run(&RagTextMismatch, &plan(fields, text));
            assert!(f.is_empty(), "{fields} / {text}: {f:?}");
        }
    }

    #[test]
    fn quiet_on_negations_with_an_open_status() {
        for text in [
            "Not yet complete.",
            "To be completed by March 2016.",
            "The pathway will be completed by the end of January.",
            "Once complete, the pathway goes to the board.",
        ] {
            let f = run(
                &RagTextMismatch,
                &plan("status = \"in-progress\"\nrag = \"green\"", text),
            );
            assert!(f.is_empty(), "{text}: {f:?}");
        }
    }

    #[test]
    fn no_status_past_due_asks_for_the_status_the_words_give_with_a_fix() {
        for (text, status) in [
            ("Completed in May 2015.", "complete"),
            ("Action complete.", "complete"),
            ("Withdrawn: see action 15.", "withdrawn"),
        ] {
            let src = plan("due = 2015-06-30\nrag = \"green\"", text);
            let f = run(&RagTextMismatch, &src);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert!(
                f[0].message
                    .ends_with("but the action has no status and is past its due date"),
                "{}",
                f[0].message
            );
            let fix = f[0].fix.as_ref().expect("a fix");
            assert_eq!(fix.title, format!("set status = \"{status}\""));
            let e = &fix.edits[0];
            let mut fixed = src.clone();
            fixed.replace_range(e.range.clone(), &e.content);
            assert!(
                fixed.contains(&format!("due = 2015-06-30\nstatus = \"{status}\"\nrag")),
                "{fixed}"
            );
            assert!(run(&RagTextMismatch, &fixed).is_empty(), "{fixed}");
        }
        // not yet due, or no due date: nothing to ask
        for fields in ["due = 2016-06-30\nrag = \"green\"", "rag = \"green\""] {
            let f = run(&RagTextMismatch, &plan(fields, "Completed in May 2015."));
            assert!(f.is_empty(), "{fields}: {f:?}");
        }
    }

    #[test]
    fn only_the_latest_update_counts() {
        let text = format!(
            "{HEAD}status = \"in-progress\"\nrag = \"amber\"\n\
             [[actions.updates]]\ndate = 2015-11-30\ntext = \"Back on track.\"\n\
             [[actions.updates]]\ndate = 2015-06-30\ntext = \"Complete.\"\n"
        );
        assert!(run(&RagTextMismatch, &text).is_empty());
    }

    #[test]
    fn an_escaped_text_falls_back_to_the_whole_value() {
        let f = run(
            &RagTextMismatch,
            &plan("status = \"in-progress\"", "\\u0043omplete."),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].column, 8);
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&RagTextMismatch, &fires).len(), 1, "{fires}");
        let f = run(&RagTextMismatch, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
