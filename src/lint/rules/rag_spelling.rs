//! `rag-spelling`: a rating written in another case or as a configured alias, not by the name
//! the scale gives it. Safe fix: the canonical name.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::{toml_string, Edit, Fix, FixKind};
use crate::plan::load::PlanFile;
use crate::plan::model::Spanned;

pub struct RagSpelling;

static META: Meta = Meta {
    name: "rag-spelling",
    severity: Severity::Info,
    summary: "a rating is written in another case or as an alias, not by its name on the scale",
    docs: r#"## What it does
Reports a rating (action, section, milestone or update `rag`) that planlint reads as a rating on
the configured scale, but that is not written the way the scale names it: in another case
("Amber", "GREEN") or as an alias from `planlint.toml` (`yellow = "amber"`). Ratings that are
not on the scale at all are `rag-unknown`'s.

`planlint check --fix` writes the scale's name (a safe fix: the rating does not change).

## Why is this bad?
The plan format stores ratings lowercase and by their scale names, so that a search, a spreadsheet
filter or a diff sees one word for one rating. "Amber", "amber" and "yellow" mean the same to
planlint, but not to the next tool, or the next reader, that opens the file.

## Example
```toml
[[actions]]
id = "1.7"
title = "Agree the section 136 protocol"
rag = "Amber"
```

## Use instead
```toml
[[actions]]
id = "1.7"
title = "Agree the section 136 protocol"
rag = "amber"
```

## Configuration
`[ratings.aliases]` in `planlint.toml` names the local words this rule rewrites.
"#,
    fix: FixKind::Safe,
};

impl Rule for RagSpelling {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &PlanFile, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scale = &cx.config.scale;
        let check = |rag: &Option<Spanned<String>>, action: Option<&str>, what: &str| {
            let Some(rag) = rag else { return };
            let written = rag.get_ref();
            let Some(rated) = scale.resolve(written) else {
                return;
            };
            if written == rated.name {
                return;
            }
            let mut f = cx
                .finding(
                    &META,
                    rag.span(),
                    format!(
                        "{what} rating `{written}` is written `{}` on the {} scale",
                        rated.name, scale.preset
                    ),
                )
                .label("write the scale's name")
                .help(format!("write `{}`", rated.name))
                .fix(Fix::safe(
                    format!("write `{}`", rated.name),
                    vec![Edit::replace(rag.span(), toml_string(rated.name))],
                ));
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
    use crate::lint::testing::{config, fixed, lines, run, run_with};

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"1.7\"\ntitle = \"a\"\n";

    #[test]
    fn fires_on_another_case_and_fixes_it() {
        let text = format!("{HEAD}rag = \"Amber\" # at the board\n");
        let f = run(&RagSpelling, &text);
        assert_eq!(
            lines(&f),
            vec!["8:7 action rating `Amber` is written `amber` on the rag scale"]
        );
        assert_eq!(
            fixed(&text, &f),
            format!("{HEAD}rag = \"amber\" # at the board\n")
        );
    }

    #[test]
    fn fires_on_an_alias_and_writes_its_rating() {
        let mut c = config();
        c.scale.aliases.insert("yellow".into(), "amber".into());
        let text = format!(
            "{HEAD}[[actions.updates]]\ndate = 2015-11-30\ntext = \"x\"\nrag = \"yellow\"\n"
        );
        let f = run_with(&RagSpelling, &text, "2015-12-01", &c);
        assert_eq!(f.len(), 1);
        assert!(fixed(&text, &f).ends_with("rag = \"amber\"\n"));
    }

    #[test]
    fn quiet_on_canonical_names_and_on_unknown_ratings() {
        assert!(run(&RagSpelling, &format!("{HEAD}rag = \"green\"\n")).is_empty());
        assert!(run(&RagSpelling, &format!("{HEAD}rag = \"Yellow\"\n")).is_empty());
    }

    #[test]
    fn the_documented_example_fires_and_its_fix_is_quiet() {
        let (fires, quiet) = crate::lint::testing::doc_plans(&META);
        let f = run(&RagSpelling, &fires);
        assert_eq!(f.len(), 1, "{fires}");
        assert_eq!(fixed(&fires, &f), quiet);
        assert!(run(&RagSpelling, &quiet).is_empty());
    }
}
