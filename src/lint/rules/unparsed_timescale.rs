//! `unparsed-timescale`: a timescale text cannot be read.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;
use crate::plan::model::{Due, Spanned};
use crate::plan::timescale::{one_line, Unparsed, ACCEPTED_FORMS};

pub struct UnparsedTimescale;

static META: Meta = Meta {
    name: "unparsed-timescale",
    severity: Severity::Warning,
    summary: "a timescale text cannot be read",
    docs: r#"## What it does
Reads every `due` and `baseline_due` (of actions and of milestones) written as text, and reports
the ones that are not a timescale planlint knows: a date, a month (`"March 2016"`, `"Sept 15"`),
a year, a UK financial year (`"2015/16"`, `"15-16"`) or quarter (`"Q4 2015/16"`), a range
(`"January-July 2015"`, `"From Dec 2014 to March 2015"`), `"From Jan 2015"`,
`"Review Sep 2015"`, `"June 2015 (& ongoing)"`, `"Ongoing"`, `"By exception"` or `"TBC"`.
The message says why the text could not be read.

## Why is this bad?
A timescale that cannot be read cannot be checked: the action would silently never be overdue.
planlint reports it rather than guess ("April" with no year, "Spring 2016", commentary such as
"March 2016 subject to funding").

## Example
```toml
[[actions]]
id = "3.4.3"
title = "Produce a single data source on the use of section 136"
due = "April"
```

## Use instead
```toml
[[actions]]
id = "3.4.3"
title = "Produce a single data source on the use of section 136"
due = "April 2015"
```
"#,
    fix: FixKind::None,
};

impl Rule for UnparsedTimescale {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, a) in file.plan.actions.iter().enumerate() {
            let a = a.get_ref();
            let id = a.id.get_ref().as_str();
            let mut report = |due: &Spanned<Due>, key: &str, problem: Option<&Unparsed>| {
                let (Due::Text(text), Some(problem)) = (due.get_ref(), problem) else {
                    return;
                };
                out.push(
                    cx.finding(
                        &META,
                        due.span(),
                        format!("cannot read {key} \"{}\": {problem}", one_line(text)),
                    )
                    .label("not a timescale planlint can read")
                    .help(format!("write {ACCEPTED_FORMS}"))
                    .action(id),
                );
            };
            if let Some(due) = &a.due {
                // the loader already read the action's own `due`
                let problem = file.due.get(i).and_then(Option::as_ref);
                report(due, "timescale", problem.and_then(|r| r.as_ref().err()));
            }
            if let Some(due) = &a.baseline_due {
                report(
                    due,
                    "baseline timescale",
                    due.get_ref().timescale().err().as_ref(),
                );
            }
            for m in &a.milestones {
                let due = &m.get_ref().due;
                report(
                    due,
                    "milestone timescale",
                    due.get_ref().timescale().err().as_ref(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"3.4.3\"\ntitle = \"a\"\n";

    #[test]
    fn fires_on_a_month_without_a_year() {
        let f = run(&UnparsedTimescale, &format!("{HEAD}due = \"April\"\n"));
        assert_eq!(
            lines(&f),
            vec![
                "8:7 cannot read timescale \"April\": \"April\" has no year: write it as \"April 2015\""
            ]
        );
        assert_eq!(f[0].action.as_deref(), Some("3.4.3"));
        let help = f[0].help.as_deref().unwrap();
        assert!(
            help.contains("\"Q4 2015/16\"") && help.contains("\"From Jan 2015\""),
            "{help}"
        );
    }

    #[test]
    fn fires_on_milestones_and_baselines() {
        let text = format!(
            "{HEAD}due = \"March 2016\"\nbaseline_due = \"Spring 2015\"\n\
             [[actions.milestones]]\ntitle = \"m\"\ndue = \"March 2016 subject to funding\"\n"
        );
        assert_eq!(
            lines(&run(&UnparsedTimescale, &text)),
            vec![
                "9:16 cannot read baseline timescale \"Spring 2015\": \"spring\" does not say which month: write a month, as in \"March 2016\"",
                "12:7 cannot read milestone timescale \"March 2016 subject to funding\": did not understand \"subject\"",
            ]
        );
    }

    #[test]
    fn a_text_over_several_lines_is_quoted_on_one() {
        let f = run(
            &UnparsedTimescale,
            &format!("{HEAD}due = \"Spring\\n2016\"\n"),
        );
        assert_eq!(
            lines(&f),
            vec!["8:7 cannot read timescale \"Spring 2016\": \"spring\" does not say which month: write a month, as in \"March 2016\""]
        );
    }

    #[test]
    fn quiet_on_every_accepted_form_and_on_blanks() {
        for due in [
            "\"Sept 15\"",
            "\"15-16\"",
            "\"Q4 2015/16\"",
            "\"From Dec 2014\\nto\\nMarch 2015\"",
            "\"Mar – June 2015\"",
            "\"Ongoing – Plan and timescales to be confirmed\"",
            "\"By exception\"",
            "\".\"",
            "2015-06-30",
        ] {
            let f = run(&UnparsedTimescale, &format!("{HEAD}due = {due}\n"));
            assert!(f.is_empty(), "{due}: {f:?}");
        }
    }
}
