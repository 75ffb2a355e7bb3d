//! `vague-lead`: every lead of an open action is a placeholder that names nobody in particular.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;

pub struct VagueLead;

static META: Meta = Meta {
    name: "vague-lead",
    severity: Severity::Warning,
    summary: "every lead is a placeholder (\"All\", \"TBC\", \"various\", …)",
    docs: r#"## What it does
Reports an open action whose leads are all placeholders: words such as "All", "TBC", "various"
or "ALL MH Service Providers" that name nobody in particular. A lead is compared whole, ignoring
case and surrounding or repeated spaces. A lead list that also names somebody (`["NHS Bexley
CCG", "All Providers"]`) is not vague. Complete and withdrawn actions are not reported, and an
action with no lead at all is `missing-lead`'s.

## Why is this bad?
When everybody leads an action, nobody answers for it at the review: "All" in the lead column
(Nottinghamshire 16 and 19, Bexley 11) is how actions drift without an owner.

## Example
```toml
[[actions]]
id = "16"
title = "Agree a response time for psychiatrists at Mental Health Act assessments"
leads = ["All"]
```

## Use instead
```toml
[[actions]]
id = "16"
title = "Agree a response time for psychiatrists at Mental Health Act assessments"
leads = ["Nottinghamshire Healthcare NHS Foundation Trust"]
```

When the whole partnership truly shares an action, say so once and give the reason:
`allow = ["vague-lead"]` with `allow_reason = "..."`.

## Configuration
`[leads] vague = ["all", "tbc", "various", ...]` replaces the list of placeholder words.
"#,
    fix: FixKind::None,
};

/// Lower case, trimmed, inner runs of whitespace as one space.
fn normalise(lead: &str) -> String {
    let lower = lead.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Rule for VagueLead {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let vague: Vec<String> = cx.config.vague_leads.iter().map(|v| normalise(v)).collect();
        for action in &file.plan.actions {
            let a = action.get_ref();
            let Some(leads) = &a.leads else { continue };
            // blank entries are ignored: missing-lead speaks when nothing else is left
            let named: Vec<_> = leads
                .get_ref()
                .iter()
                .filter(|l| !l.get_ref().trim().is_empty())
                .collect();
            if !a.is_open()
                || named.is_empty()
                || !named
                    .iter()
                    .all(|l| vague.contains(&normalise(l.get_ref())))
            {
                continue;
            }
            let quoted: Vec<String> = named
                .iter()
                .map(|l| format!("\"{}\"", l.get_ref().trim()))
                .collect();
            let (span, message) = match named.as_slice() {
                [only] => (
                    only.span(),
                    format!("the only lead, {}, names nobody in particular", quoted[0]),
                ),
                _ => (
                    leads.span(),
                    format!(
                        "every lead names nobody in particular: {}",
                        quoted.join(", ")
                    ),
                ),
            };
            out.push(
                cx.finding(&META, span, message)
                    .label("placeholder lead")
                    .action(a.id.get_ref().clone())
                    .help(
                        "name the organisation or role accountable for the action; if the whole \
                         partnership shares it by agreement, add `allow = [\"vague-lead\"]` with \
                         an `allow_reason`",
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"16\"\ntitle = \"a\"\n";

    #[test]
    fn fires_on_a_single_placeholder_at_the_lead() {
        let f = run(&VagueLead, &format!("{HEAD}leads = [\"All\"]\n"));
        assert_eq!(
            lines(&f),
            vec!["8:10 the only lead, \"All\", names nobody in particular"]
        );
        assert_eq!(f[0].action.as_deref(), Some("16"));
    }

    #[test]
    fn fires_ignoring_case_and_spaces() {
        let f = run(
            &VagueLead,
            &format!("{HEAD}leads = [\" ALL  MH Service Providers \", \"tbc\"]\n"),
        );
        assert_eq!(
            lines(&f),
            vec![
                "8:9 every lead names nobody in particular: \"ALL  MH Service Providers\", \"tbc\""
            ]
        );
    }

    #[test]
    fn quiet_when_one_lead_names_somebody() {
        let f = run(
            &VagueLead,
            &format!("{HEAD}leads = [\"NHS Bexley CCG\", \"All Providers\"]\n"),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn quiet_on_closed_actions_and_without_leads() {
        let f = run(
            &VagueLead,
            &format!("{HEAD}leads = [\"All\"]\nstatus = \"complete\"\n"),
        );
        assert!(f.is_empty(), "{f:?}");
        assert!(run(&VagueLead, &format!("{HEAD}leads = [\"\"]\n")).is_empty());
        assert!(run(&VagueLead, HEAD).is_empty());
    }

    #[test]
    fn the_word_list_is_configurable() {
        let mut c = config();
        c.vague_leads = vec!["the partnership".into()];
        let text = format!("{HEAD}leads = [\"The Partnership\"]\n");
        assert_eq!(run_with(&VagueLead, &text, "2015-12-01", &c).len(), 1);
        let text = format!("{HEAD}leads = [\"All\"]\n");
        assert!(run_with(&VagueLead, &text, "2015-12-01", &c).is_empty());
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        assert_eq!(run(&VagueLead, &fires).len(), 1, "{fires}");
        let f = run(&VagueLead, &quiet);
        assert!(f.is_empty(), "{quiet}: {f:?}");
    }
}
