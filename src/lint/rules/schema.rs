//! `schema`: the file breaks the plan format's JSON Schema. Found while loading.

use crate::lint::{Meta, Rule};
use crate::plan::finding::Severity;
use crate::plan::fix::FixKind;

pub struct Schema;

static META: Meta = Meta {
    name: crate::plan::schema::RULE,
    severity: Severity::Error,
    summary: "the file breaks the plan format's JSON Schema",
    docs: r#"## What it does
Validates each plan against the plan format v1 JSON Schema (`planlint schema` prints it) and
reports every violation at the offending key or value: an unknown key (with the nearest known key
suggested), a value of the wrong type, a status outside the list, a date that is not a date, a
missing required key (at its table's header).

## Why is this bad?
A misspelt key such as `laeds` would otherwise pass silently and the action would look as if it
had no lead; a date written as text cannot be compared with the review date.

## Example
```toml
[[actions]]
id = "4"
title = "Street triage pilot"
laeds = ["Police"]
status = "done"
```

## Use instead
```toml
[[actions]]
id = "4"
title = "Street triage pilot"
leads = ["Police"]
status = "complete"
```
"#,
    fix: FixKind::Safe,
};

impl Rule for Schema {
    fn meta(&self) -> &'static Meta {
        &META
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::load::{load_text, LoadSeverities};

    fn findings(text: &str) -> Vec<String> {
        let l = load_text("p.toml".into(), text.into(), LoadSeverities::default());
        l.findings
            .iter()
            .map(|f| {
                let (line, col) = l.source.position(f.span.start);
                format!(
                    "{line}:{col} {} | {}",
                    f.message,
                    f.help.clone().unwrap_or_default()
                )
            })
            .collect()
    }

    const HEAD: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n";

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let f = findings(&format!(
            "{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"x\"\nlaeds = [\"a\"]\n"
        ));
        assert_eq!(
            f,
            vec!["9:1 unknown key `laeds` in [[actions]] entry 1 | did you mean `leads`?"]
        );
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let f = findings(&format!("{HEAD}\n[[actions]]\nid = 1\ntitle = \"x\"\n"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].starts_with("7:6 `id` must be a string, found integer 1"),
            "{f:?}"
        );
    }

    #[test]
    fn missing_required_key_points_at_the_table_header() {
        let f = findings(&format!("{HEAD}\n[[actions]]\nid = \"1\"\n"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].starts_with("6:1 missing required key `title` in [[actions]] entry 1"),
            "{f:?}"
        );
    }

    #[test]
    fn a_non_date_update_date() {
        let f = findings(&format!(
            "{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"x\"\n[[actions.updates]]\ndate = \"last week\"\ntext = \"t\"\n"
        ));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].starts_with("10:8 `date` must be a date, found \"last week\""),
            "{f:?}"
        );
    }

    #[test]
    fn quiet_on_a_valid_plan() {
        assert!(findings(HEAD).is_empty());
    }
}
