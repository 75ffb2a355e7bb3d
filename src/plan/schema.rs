//! Validate: the plan format's JSON Schema, embedded in the binary and compiled once, and the
//! mapping of each violation back to the offending key or value with a useful message.

use crate::plan::finding::{Finding, Severity};
use crate::plan::tomljson::{self, Step};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use serde_json::Value;
use std::sync::OnceLock;
use toml::de::DeTable;
use toml::Spanned;

/// The normative JSON Schema of plan format v1 (`planlint schema` prints it): the checked-in
/// file, generated from `plan::shape` (a test there keeps the two byte-for-byte equal). Embedded
/// rather than generated at start-up, so a check pays nothing for it.
pub const SCHEMA_TEXT: &str = include_str!("../../schema/plan-v1.schema.json");

pub const RULE: &str = "schema";

struct Compiled {
    schema: Value,
    validator: jsonschema::Validator,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(SCHEMA_TEXT).expect("the embedded schema is valid JSON (tested)");
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .expect("the embedded schema compiles (tested)");
        Compiled { schema, validator }
    })
}

/// Validates one parsed plan; one finding per violation, at the offending key or value.
pub fn validate(root: &Spanned<DeTable<'_>>, json: &Value, severity: Severity) -> Vec<Finding> {
    let c = compiled();
    if c.validator.is_valid(json) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for err in c.validator.iter_errors(json) {
        // copy the path out of the error so the steps can borrow from it
        let owned: Vec<OwnedStep> = err
            .instance_path()
            .iter()
            .map(|seg| match seg {
                LocationSegment::Property(p) => OwnedStep::Key(p.into_owned()),
                LocationSegment::Index(i) => OwnedStep::Index(i),
            })
            .collect();
        let steps: Vec<Step<'_>> = owned.iter().map(OwnedStep::as_step).collect();
        describe(
            c,
            root,
            &steps,
            err.kind(),
            err.instance(),
            severity,
            &mut out,
        );
    }
    out
}

#[derive(Debug)]
enum OwnedStep {
    Key(String),
    Index(usize),
}

impl OwnedStep {
    fn as_step(&self) -> Step<'_> {
        match self {
            OwnedStep::Key(k) => Step::Key(k),
            OwnedStep::Index(i) => Step::Index(*i),
        }
    }
}

fn describe(
    c: &Compiled,
    root: &Spanned<DeTable<'_>>,
    path: &[Step<'_>],
    kind: &ValidationErrorKind,
    instance: &Value,
    severity: Severity,
    out: &mut Vec<Finding>,
) {
    let at = tomljson::locate(root, path);
    let what = describe_path(path);
    let finding =
        |span: std::ops::Range<usize>, msg: String| Finding::new(RULE, severity, span, msg);
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = known_keys(&c.schema, path);
            for key in unexpected {
                let span = tomljson::key_span(root, path, key).unwrap_or(at.value.clone());
                let mut f =
                    finding(span, format!("unknown key `{key}` in {what}")).label("unknown key");
                f = match crate::plan::words::nearest(key, known.iter().map(String::as_str)) {
                    Some(n) => f.help(format!("did you mean `{n}`?")),
                    None => f.help(format!("known keys here: {}", known.join(", "))),
                };
                out.push(f);
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or("?");
            // a missing key is labelled at its table's header (the root: at the first line)
            let span = if path.is_empty() {
                0..0
            } else {
                at.value.clone()
            };
            let help = required_help(&c.schema, path, name);
            out.push(
                finding(span, format!("missing required key `{name}` in {what}"))
                    .label(format!("`{name}` missing here"))
                    .help(help),
            );
        }
        _ => {
            let span = at.value.clone();
            let (msg, help) = value_message(kind, instance, &what);
            let mut f = finding(span.clone(), msg);
            if let Some(h) = help {
                f = f.help(h);
            }
            if let Some(fix) = enum_fix(kind, instance, span) {
                f = f.fix(fix);
            }
            out.push(f);
        }
    }
}

/// A value outside a list that is one of its values written as people write them ("In
/// progress", "Complete", "Quarterly"): the fix writes the listed value. Safe: the words are
/// the same, only their spelling changes.
fn enum_fix(
    kind: &ValidationErrorKind,
    instance: &Value,
    span: std::ops::Range<usize>,
) -> Option<crate::plan::fix::Fix> {
    let ValidationErrorKind::Enum { options } = kind else {
        return None;
    };
    let written = instance.as_str()?;
    let wanted = crate::plan::model::Status::parse_loose(written)
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|| crate::plan::rating::normalise(written));
    let option = options
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .find(|o| *o == wanted)?;
    Some(crate::plan::fix::Fix::safe(
        format!("write `{option}`"),
        vec![crate::plan::fix::Edit::replace(
            span,
            crate::plan::fix::toml_string(option),
        )],
    ))
}

fn value_message(
    kind: &ValidationErrorKind,
    instance: &Value,
    what: &str,
) -> (String, Option<String>) {
    let found = short(instance);
    match kind {
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => type_name(&t.to_string()),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| type_name(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            (
                format!(
                    "{what} must be {expected}, found {} {found}",
                    json_type(instance)
                ),
                Some(format!("write {what} as {expected}")),
            )
        }
        ValidationErrorKind::Enum { options } => {
            let opts: Vec<String> = options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let hint = instance
                .as_str()
                .and_then(|s| crate::plan::words::nearest(s, opts.iter().map(String::as_str)))
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            (
                format!("{what} must be one of {}, found {found}", opts.join(", ")),
                Some(format!("{hint}use one of: {}", opts.join(", "))),
            )
        }
        ValidationErrorKind::Format { format } if format == "date" => (
            format!("{what} must be a date, found {found}"),
            Some("write a TOML date such as 2015-11-30 (no quotes)".to_string()),
        ),
        ValidationErrorKind::Format { format } => (
            format!("{what} must be a valid {format}, found {found}"),
            None,
        ),
        ValidationErrorKind::Pattern { pattern } => (
            format!("{what} does not match the required pattern `{pattern}`, found {found}"),
            pattern_help(pattern),
        ),
        ValidationErrorKind::Constant { expected_value } => (
            format!("{what} must be {expected_value}, found {found}"),
            Some(format!(
                "this version of planlint reads {what} = {expected_value}"
            )),
        ),
        ValidationErrorKind::MinLength { .. } => (format!("{what} must not be empty"), None),
        ValidationErrorKind::MinItems { limit } => {
            (format!("{what} must have at least {limit} item(s)"), None)
        }
        ValidationErrorKind::UniqueItems => (
            format!("{what} lists the same item twice"),
            Some("remove the repeat".into()),
        ),
        other => (format!("{what}: {}", kind_text(other, instance)), None),
    }
}

fn kind_text(kind: &ValidationErrorKind, instance: &Value) -> String {
    format!("{} is {}", short(instance), keyword_of(kind))
}

fn keyword_of(kind: &ValidationErrorKind) -> &'static str {
    match kind {
        ValidationErrorKind::MaxLength { .. } => "too long",
        ValidationErrorKind::MaxItems { .. } => "too many items",
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::ExclusiveMinimum { .. } => {
            "too small"
        }
        ValidationErrorKind::Maximum { .. } | ValidationErrorKind::ExclusiveMaximum { .. } => {
            "too large"
        }
        _ => "not allowed by the plan schema",
    }
}

fn pattern_help(pattern: &str) -> Option<String> {
    if pattern.contains("a-z0-9") {
        Some("use lowercase letters, digits and hyphens, such as `bexley-crisis-care`".into())
    } else {
        None
    }
}

fn required_help(schema: &Value, path: &[Step<'_>], name: &str) -> String {
    let desc = node_at(schema, path)
        .and_then(|n| n.get("properties"))
        .and_then(|p| p.get(name))
        .and_then(|p| p.get("description"))
        .and_then(Value::as_str)
        .map(|d| format!(": {}", d.trim_end_matches('.')))
        .unwrap_or_default();
    format!("add `{name}`{desc}")
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn type_name(t: &str) -> String {
    match t {
        "string" => "a string".into(),
        "integer" => "an integer".into(),
        "number" => "a number".into(),
        "boolean" => "true or false".into(),
        "array" => "an array".into(),
        "object" => "a table".into(),
        "null" => "empty".into(),
        other => other.into(),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "table",
    }
}

/// "`status` of action 3" style names for an instance path.
pub fn describe_path(path: &[Step<'_>]) -> String {
    match path {
        [] => "the plan file".into(),
        [Step::Key(k)] if *k == "plan" => "[plan]".into(),
        [Step::Key(k)] => format!("`{k}`"),
        [Step::Key(t), Step::Index(i)] => format!("{} {}", singular(t), i + 1),
        [.., Step::Key(parent), Step::Index(i)] => format!("{} {}", singular(parent), i + 1),
        [.., Step::Key(k)] => format!("`{k}`"),
        [.., Step::Index(i)] => format!("item {}", i + 1),
    }
}

fn singular(t: &str) -> String {
    match t {
        "actions" => "[[actions]] entry".into(),
        "sections" => "[[sections]] entry".into(),
        "milestones" => "milestone".into(),
        "updates" => "update".into(),
        other => format!("`{other}` item"),
    }
    .to_string()
}

/// The schema node that describes the instance at `path` (following local `$ref`s).
fn node_at<'s>(schema: &'s Value, path: &[Step<'_>]) -> Option<&'s Value> {
    let mut node = resolve(schema, schema)?;
    for step in path {
        node = match step {
            Step::Key(k) => node.get("properties")?.get(*k)?,
            Step::Index(_) => node.get("items")?,
        };
        node = resolve(schema, node)?;
    }
    Some(node)
}

fn resolve<'s>(schema: &'s Value, mut node: &'s Value) -> Option<&'s Value> {
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => node = schema.pointer(r.strip_prefix('#')?)?,
            None => return Some(node),
        }
    }
    None
}

/// The keys the schema allows in the object at `path`.
pub fn known_keys(schema: &Value, path: &[Step<'_>]) -> Vec<String> {
    node_at(schema, path)
        .and_then(|n| n.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The embedded schema as JSON (for `planlint schema` and tests).
pub fn schema_json() -> &'static Value {
    &compiled().schema
}

#[cfg(test)]
mod tests {
    use crate::plan::load::{load_text, LoadSeverities};

    /// The text with the fixes of every finding applied, and the fixed findings' count.
    fn fix(text: &str) -> (String, usize) {
        let loaded = load_text("p.toml".into(), text.into(), LoadSeverities::default());
        let mut edits: Vec<_> = loaded
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|f| f.edits.iter())
            .collect();
        edits.sort_by_key(|e| e.range.start);
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            out.replace_range(e.range.clone(), &e.content);
        }
        let fixable = loaded.findings.iter().filter(|f| f.fix.is_some()).count();
        (out, fixable)
    }

    #[test]
    fn a_status_or_cycle_as_people_write_it_gets_a_safe_fix() {
        let text = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\nreview_cycle = \"Quarterly\"\n[[actions]]\nid = \"1\"\ntitle = \"a\"\nstatus = \"In progress\"\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"x\"\nstatus = \"Completed\"\n";
        let (out, n) = fix(text);
        assert_eq!(n, 3);
        assert!(out.contains("review_cycle = \"quarterly\"\n"), "{out}");
        assert!(out.contains("status = \"in-progress\"\n"), "{out}");
        assert!(out.contains("status = \"complete\"\n"), "{out}");
        let fixed = load_text("p.toml".into(), out, LoadSeverities::default());
        assert!(fixed.findings.is_empty(), "{:?}", fixed.findings);
    }

    #[test]
    fn a_status_that_is_another_word_gets_no_fix() {
        let text = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"1\"\ntitle = \"a\"\nstatus = \"done\"\n";
        assert_eq!(fix(text).1, 0);
    }
}
