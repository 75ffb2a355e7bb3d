//! `rag-unknown`: a rating that is not on the configured scale.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::{toml_string, Edit, Fix, FixKind};
use crate::plan::load::PlanFile;
use crate::plan::model::Spanned;

pub struct RagUnknown;

static META: Meta = Meta {
    name: "rag-unknown",
    severity: Severity::Error,
    summary: "a rating is not on the configured scale",
    docs: r#"## What it does
Checks every rating (action, section, milestone and update `rag`) against the configured scale
(RAG by default; BRAG, the five-point Delivery Confidence scale or a custom scale in
`planlint.toml`), case-insensitively and through aliases, and suggests the nearest rating.

## Why is this bad?
An off-scale rating ("Yellow", or a scope word such as "countywide" typed into the RAG column)
cannot be ordered, so roll-ups, diffs and reports cannot say whether things got better or worse.

## Example
```toml
[[actions]]
id = "1.7"
title = "Agree the section 136 protocol"
rag = "Yellow"
```

## Use instead
```toml
[[actions]]
id = "1.7"
title = "Agree the section 136 protocol"
rag = "amber"
```

`planlint check --fix --unsafe-fixes` writes the suggested rating. The fix is unsafe: it is a
guess at what the plan meant ("Yellow" as amber), so a person should look at it first.

## Configuration
`[ratings] scale = "rag" | "brag" | "five-point"`, or `[[ratings.levels]]` for a custom scale;
`[ratings.aliases] yellow = "amber"` accepts a local word for a rating.
"#,
    fix: FixKind::Unsafe,
};

impl Rule for RagUnknown {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scale = &cx.config.scale;
        let check = |rag: &Option<Spanned<String>>, action: Option<&str>, what: &str| {
            let Some(rag) = rag else { return };
            if scale.resolve(rag.get_ref()).is_some() {
                return;
            }
            let names: Vec<&str> = scale.names().collect();
            let suggested = scale.suggest(rag.get_ref());
            let help = match suggested {
                Some(n) => format!(
                    "did you mean `{n}`? The {} scale is: {}",
                    scale.preset,
                    names.join(", ")
                ),
                None => format!(
                    "use one of: {} (or add an alias in planlint.toml)",
                    names.join(", ")
                ),
            };
            let mut f = cx
                .finding(
                    &META,
                    rag.span(),
                    format!(
                        "{what} rating `{}` is not on the {} scale",
                        rag.get_ref(),
                        scale.preset
                    ),
                )
                .label("unknown rating")
                .help(help);
            // a guess at what was meant changes what the plan says: unsafe
            if let Some(n) = suggested {
                f = f.fix(Fix::unsafe_(
                    format!("write `{n}`"),
                    vec![Edit::replace(rag.span(), toml_string(n))],
                ));
            }
            if let Some(a) = action {
                f = f.action(a);
            }
            out.push(f);
        };
        super::each_rating(file, check);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{config, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"1.7\"\ntitle = \"a\"\n";

    #[test]
    fn fires_on_yellow_and_suggests_amber() {
        let f = run(&RagUnknown, &format!("{HEAD}rag = \"Yellow\"\n"));
        assert_eq!(
            lines(&f),
            vec!["8:7 action rating `Yellow` is not on the rag scale"]
        );
        assert!(f[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `amber`?"));
    }

    #[test]
    fn the_suggestion_is_an_unsafe_fix_and_no_suggestion_no_fix() {
        let text = format!("{HEAD}rag = \"Yellow\"\n");
        let f = run(&RagUnknown, &text);
        let fix = f[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, crate::plan::fix::Applicability::Unsafe);
        assert_eq!(
            crate::lint::testing::fixed(&text, &f),
            format!("{HEAD}rag = \"amber\"\n")
        );
        let f = run(&RagUnknown, &format!("{HEAD}rag = \"countywide\"\n"));
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn quiet_on_any_case_and_on_aliases() {
        assert!(run(&RagUnknown, &format!("{HEAD}rag = \"GREEN\"\n")).is_empty());
        let mut c = config();
        c.scale.aliases.insert("yellow".into(), "amber".into());
        assert!(run_with(
            &RagUnknown,
            &format!("{HEAD}rag = \"Yellow\"\n"),
            "2015-12-01",
            &c
        )
        .is_empty());
    }

    #[test]
    fn blue_is_only_known_on_brag() {
        assert_eq!(
            run(&RagUnknown, &format!("{HEAD}rag = \"blue\"\n")).len(),
            1
        );
        let mut c = config();
        c.scale = crate::plan::rating::Scale::preset("brag").unwrap();
        assert!(run_with(
            &RagUnknown,
            &format!("{HEAD}rag = \"blue\"\n"),
            "2015-12-01",
            &c
        )
        .is_empty());
    }
}
