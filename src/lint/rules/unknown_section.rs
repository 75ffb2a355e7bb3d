//! `unknown-section`: an action names a section that the plan does not have.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;
use crate::plan::load::PlanFile;

pub struct UnknownSection;

static META: Meta = Meta {
    name: "unknown-section",
    severity: Severity::Error,
    summary: "an action names a section that does not exist",
    docs: r#"## What it does
Reports an action whose `section` names no `[[sections]]` entry of its plan (when the plan has
sections), suggesting the nearest section id.

## Why is this bad?
Section roll-ups (`rag-rollup`), reports grouped by section and board papers would silently drop
the action.

## Example
```toml
[[sections]]
id = "2"
title = "Urgent and emergency access"

[[actions]]
id = "2.1"
section = "3"
title = "Extend crisis team hours"
```

## Use instead
```toml
[[actions]]
id = "2.1"
section = "2"
title = "Extend crisis team hours"
```
"#,
    fix: FixKind::None,
};

impl Rule for UnknownSection {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let plan = &file.plan;
        if plan.sections.is_empty() {
            return;
        }
        let ids: Vec<&str> = plan
            .sections
            .iter()
            .map(|s| s.get_ref().id.get_ref().as_str())
            .collect();
        for action in &plan.actions {
            let a = action.get_ref();
            let Some(section) = &a.section else { continue };
            if ids.contains(&section.get_ref().as_str()) {
                continue;
            }
            let help = match crate::plan::words::nearest(section.get_ref(), ids.iter().copied()) {
                Some(n) => format!("did you mean section `{n}`?"),
                None => format!("use one of the plan's sections: {}", ids.join(", ")),
            };
            out.push(
                cx.finding(
                    &META,
                    section.span(),
                    format!(
                        "action {} names section `{}`, which does not exist",
                        a.id.get_ref(),
                        section.get_ref()
                    ),
                )
                .label("no such section")
                .action(a.id.get_ref().clone())
                .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{lines, run};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[sections]]\nid = \"1\"\ntitle = \"s\"\n";

    #[test]
    fn fires_on_a_missing_section() {
        let f = run(
            &UnknownSection,
            &format!("{HEAD}[[actions]]\nid = \"2.1\"\nsection = \"2\"\ntitle = \"a\"\n"),
        );
        assert_eq!(
            lines(&f),
            vec!["10:11 action 2.1 names section `2`, which does not exist"]
        );
    }

    #[test]
    fn quiet_when_the_section_exists() {
        let f = run(
            &UnknownSection,
            &format!("{HEAD}[[actions]]\nid = \"1.1\"\nsection = \"1\"\ntitle = \"a\"\n"),
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
