//! `toml-syntax`: the file is not valid TOML (or not text at all). Found while loading.

use crate::lint::{Meta, Rule};
use crate::plan::finding::Severity;
use crate::plan::fix::FixKind;

pub struct TomlSyntax;

static META: Meta = Meta {
    name: crate::plan::load::SYNTAX,
    severity: Severity::Error,
    summary: "the file is not valid TOML, or not UTF-8 text",
    docs: r#"## What it does
Reports a plan file that cannot be read as TOML: a syntax error (an unquoted value, an unclosed
table header, a duplicate key), a file that is not UTF-8 text, a binary file or one too large to
be a plan. The finding points at the first place the parser gave up.

## Why is this bad?
Nothing else can be checked in a file that cannot be read: its actions are invisible to every
other rule, to `diff` and to `report`.

## Example
```toml
schema_version = 1
[plan]
id = "bexley-crisis-care"
title = Bexley crisis care action plan
```

## Use instead
```toml
schema_version = 1
[plan]
id = "bexley-crisis-care"
title = "Bexley crisis care action plan"
```
"#,
    fix: FixKind::None,
};

impl Rule for TomlSyntax {
    fn meta(&self) -> &'static Meta {
        &META
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::load::{load_text, LoadSeverities};

    #[test]
    fn fires_at_the_unquoted_value() {
        let l = load_text(
            "p.toml".into(),
            "schema_version = 1\n[plan]\ntitle = Bexley\n".into(),
            LoadSeverities::default(),
        );
        assert_eq!(l.findings.len(), 1);
        assert_eq!(l.findings[0].rule, "toml-syntax");
        assert_eq!(l.source.position(l.findings[0].span.start).0, 3);
    }

    #[test]
    fn quiet_on_valid_toml() {
        let l = load_text(
            "p.toml".into(),
            "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n".into(),
            LoadSeverities::default(),
        );
        assert!(l.findings.is_empty(), "{:?}", l.findings);
    }
}
