//! The bridge between TOML and JSON Schema: a spanned TOML tree becomes the JSON value the
//! validator reads, and a validator's instance path leads back to the key or value's span.
//!
//! TOML dates become ISO strings, as check-jsonschema and taplo do, so one schema serves all.

use serde_json::{Map, Number, Value};
use std::ops::Range;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

pub fn to_json(table: &DeTable<'_>) -> Value {
    let mut map = Map::with_capacity(table.len());
    for (k, v) in table.iter() {
        map.insert(k.get_ref().to_string(), value_to_json(v.get_ref()));
    }
    Value::Object(map)
}

fn value_to_json(v: &DeValue<'_>) -> Value {
    match v {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => match integer(i) {
            Some(n) => Value::Number(n.into()),
            // out of range for i64: keep the text so the schema reports a type error
            None => Value::String(i.as_str().to_string()),
        },
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(f.as_str().to_string()), Value::Number),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(dt) => Value::String(dt.to_string()),
        DeValue::Array(a) => Value::Array(a.iter().map(|e| value_to_json(e.get_ref())).collect()),
        DeValue::Table(t) => to_json(t),
    }
}

/// A TOML integer's value, when it fits an i64 (as the schema, `plan::valid` and `fmt` read it).
pub fn integer(i: &toml::de::DeInteger<'_>) -> Option<i64> {
    let digits = i.as_str().replace('_', "");
    let digits = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0o"))
        .or_else(|| digits.strip_prefix("0b"))
        .unwrap_or(&digits);
    i64::from_str_radix(digits, i.radix()).ok()
}

/// One step of a JSON pointer into the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where a path lands: the value's span and, when the last step was a key, the key's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub value: Range<usize>,
    pub key: Option<Range<usize>>,
    /// How many steps were followed; fewer than asked when the path left the tree.
    pub depth: usize,
}

/// Follows `path` from the root as far as it goes. The root's span is the whole document.
pub fn locate(root: &Spanned<DeTable<'_>>, path: &[Step<'_>]) -> Located {
    let mut found = Located {
        value: 0..0,
        key: None,
        depth: 0,
    };
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut array: Option<&DeArray<'_>> = None;
    for step in path {
        let next = match (step, table, array) {
            (Step::Key(k), Some(t), _) => t.get_key_value(*k).map(|(key, v)| (Some(key.span()), v)),
            (Step::Index(i), _, Some(a)) => a.get(*i).map(|v| (None, v)),
            _ => None,
        };
        let Some((key, v)) = next else { break };
        found.value = v.span();
        found.key = key;
        found.depth += 1;
        table = v.get_ref().as_table();
        array = v.get_ref().as_array();
    }
    found
}

/// The key under `path` named `name` (for an unknown key: its own span).
pub fn key_span(
    root: &Spanned<DeTable<'_>>,
    path: &[Step<'_>],
    name: &str,
) -> Option<Range<usize>> {
    let mut full = path.to_vec();
    full.push(Step::Key(name));
    let l = locate(root, &full);
    (l.depth == full.len()).then_some(l.key).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "schema_version = 1\n[plan]\nid = \"x\"\n\n[[actions]]\nid = \"1\"\nleads = [\"a\", 2]\n";

    #[test]
    fn converts_dates_to_iso_strings() {
        let t = DeTable::parse("d = 2015-06-30\nn = 0x10\n").unwrap();
        let j = to_json(t.get_ref());
        assert_eq!(j["d"], "2015-06-30");
        assert_eq!(j["n"], 16);
    }

    #[test]
    fn locates_keys_values_and_array_elements() {
        let t = DeTable::parse(DOC).unwrap();
        let l = locate(
            &t,
            &[
                Step::Key("actions"),
                Step::Index(0),
                Step::Key("leads"),
                Step::Index(1),
            ],
        );
        assert_eq!(l.depth, 4);
        assert_eq!(&DOC[l.value.clone()], "2");
        let l = locate(&t, &[Step::Key("actions"), Step::Index(0)]);
        assert_eq!(&DOC[l.value], "[[actions]]");
        assert_eq!(
            key_span(&t, &[Step::Key("plan")], "id").map(|s| &DOC[s]),
            Some("id")
        );
    }

    #[test]
    fn a_path_that_leaves_the_tree_stops_at_the_last_known_place() {
        let t = DeTable::parse(DOC).unwrap();
        let l = locate(&t, &[Step::Key("plan"), Step::Key("nope")]);
        assert_eq!(l.depth, 1);
        assert_eq!(&DOC[l.value], "[plan]");
    }
}
