//! The plan schema's constraints checked on the parsed TOML tree itself, so that a valid plan
//! (nearly every plan, nearly every time) is proved valid without copying it into JSON for the
//! JSON Schema validator. Only a proof: when this says no, `schema::validate` runs as before and
//! stays the one authority for what is wrong and how it is said.
//!
//! Conservative by design: anything it does not recognise with certainty (a float where an
//! integer is wanted, a date written as text, a datetime where text is wanted) counts as "not
//! proved", which costs the JSON pass, never a wrong answer. The property test in this module
//! checks on generated plans, valid and broken, that a proof is never given to a plan the JSON
//! Schema refuses, and that every plan written the plain way is proved.
//!
//! The keys and values it checks are `plan::shape`'s, the description the JSON Schema is
//! generated from, so a key added there is checked here with no second list to keep.
//!
//! May use: nothing else in the crate but `plan`.

use crate::plan::shape::{self, Shared, Table, Value};
use toml::de::{DeArray, DeTable, DeValue};

/// True when the plan's tree certainly satisfies the plan schema.
pub fn proves(root: &DeTable<'_>) -> bool {
    table(root, &shape::ROOT)
}

/// An object of the schema: every key the shape knows with a value it accepts, every required
/// key present, and `allow_reason` wherever `allow` is (`dependentRequired`).
fn table(t: &DeTable<'_>, shape: &Table) -> bool {
    let has = |k: &str| t.get_key_value(k).is_some();
    t.iter().all(|(k, v)| {
        shape
            .key(k.get_ref())
            .is_some_and(|key| value(key.value, v.get_ref()))
    }) && shape.required().all(has)
        && (has("allow_reason") || !has("allow"))
}

/// A value the shape's `kind` accepts, certainly.
fn value(kind: Value, v: &DeValue<'_>) -> bool {
    match kind {
        Value::Version => {
            matches!(v, DeValue::Integer(i) if crate::plan::tomljson::integer(i) == Some(1))
        }
        Value::Text => string(v).is_some(),
        Value::Pattern(p) => string(v).is_some_and(|s| p.matches(s)),
        Value::OneOf(list) => string(v).is_some_and(|s| list.contains(&s)),
        Value::Ref(Shared::NonEmpty | Shared::Rating) => non_empty(v),
        Value::Ref(Shared::Date) => date(v),
        Value::Ref(Shared::Timescale) => timescale(v),
        Value::Ref(Shared::Status) => string(v).is_some_and(|s| shape::STATUSES.contains(&s)),
        Value::Ref(Shared::RuleName) => string(v).is_some_and(|s| shape::RULE_NAME.matches(s)),
        Value::Texts => strings(v),
        Value::RuleNames => rule_names(v),
        Value::Table(shape) => v.as_table().is_some_and(|t| table(t, shape)),
        Value::Tables(shape) => array(v).is_some_and(|a| {
            a.iter()
                .all(|e| e.get_ref().as_table().is_some_and(|t| table(t, shape)))
        }),
    }
}

fn string<'a>(v: &'a DeValue<'_>) -> Option<&'a str> {
    match v {
        DeValue::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

fn non_empty(v: &DeValue<'_>) -> bool {
    string(v).is_some_and(|s| !s.is_empty())
}

fn array<'a, 'i>(v: &'a DeValue<'i>) -> Option<&'a DeArray<'i>> {
    match v {
        DeValue::Array(a) => Some(a),
        _ => None,
    }
}

fn strings(v: &DeValue<'_>) -> bool {
    array(v).is_some_and(|a| a.iter().all(|e| string(e.get_ref()).is_some()))
}

/// `ruleName` items, unique.
fn rule_names(v: &DeValue<'_>) -> bool {
    let Some(a) = array(v) else { return false };
    let mut seen: Vec<&str> = Vec::with_capacity(a.len());
    a.iter().all(|e| {
        let Some(s) = string(e.get_ref()) else {
            return false;
        };
        let ok = shape::RULE_NAME.matches(s) && !seen.contains(&s);
        seen.push(s);
        ok
    })
}

/// A timescale is any text; a TOML date or datetime reaches the schema as text too.
fn timescale(v: &DeValue<'_>) -> bool {
    matches!(v, DeValue::String(_) | DeValue::Datetime(_))
}

/// Only a TOML local date on the calendar is proved a `format: date` (a date written as text is
/// left to the JSON pass).
fn date(v: &DeValue<'_>) -> bool {
    match v {
        DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            dt.date.is_some_and(|d| {
                chrono::NaiveDate::from_ymd_opt(
                    i32::from(d.year),
                    u32::from(d.month),
                    u32::from(d.day),
                )
                .is_some()
            })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::proves;
    use crate::plan::finding::Severity;
    use proptest::prelude::*;
    use toml::de::DeTable;

    /// What the JSON Schema says of a text (None: not TOML).
    fn schema_valid(text: &str) -> Option<bool> {
        let root = DeTable::parse(text).ok()?;
        if !crate::plan::load::scalars::check(text, &root).is_empty() {
            return None;
        }
        let json = crate::plan::tomljson::to_json(root.get_ref());
        Some(crate::plan::schema::validate(&root, &json, Severity::Error).is_empty())
    }

    fn proved(text: &str) -> bool {
        DeTable::parse(text).is_ok_and(|r| proves(r.get_ref()))
    }

    #[test]
    fn the_examples_and_generated_plans_are_proved() {
        // plans in every plain form the format has, and the shipped examples
        let mut texts: Vec<String> = (0..20)
            .map(|n| {
                let mut t = format!(
                    "schema_version = 1\nallow = [\"vague-lead\"]\nallow_reason = \"r\"\n[plan]\nid = \"p-{n}\"\ntitle = \"Plan {n}\"\nowner = \"Board\"\nupdated = 2015-11-30\nreview_cycle = \"quarterly\"\n[[sections]]\nid = \"1\"\ntitle = \"S\"\nrag = \"amber\"\ndescription = \"\"\n"
                );
                for a in 0..n {
                    t.push_str(&format!(
                        "[[actions]]\nid = \"1.{a}\"\nsection = \"1\"\ntheme = \"\"\ntitle = \"Do {a}\"\nscope = \"local\"\nleads = [\"Lead\"]\npartners = []\ndue = \"June 2015\"\nbaseline_due = 2015-03-31\nstatus = \"in-progress\"\nrag = \"green\"\noutcomes = [\"o\"]\nrefs = []\nnext_steps = \"n\"\nallow = [\"stale-action\"]\nallow_reason = \"r\"\n[[actions.milestones]]\ntitle = \"M\"\ndue = 2015-09-30\nstatus = \"complete\"\nrag = \"green\"\n[[actions.updates]]\ndate = 2015-10-0{}\ntext = \"t\"\nrag = \"green\"\nstatus = \"in-progress\"\nby = \"Officer\"\n",
                        a % 9 + 1
                    ));
                }
                t
            })
            .collect();
        for e in
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).expect("examples")
        {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "toml") {
                texts.push(std::fs::read_to_string(&p).expect("read"));
            }
        }
        let mut valid = 0;
        for t in &texts {
            if schema_valid(t) == Some(true) {
                valid += 1;
                assert!(proved(t), "a valid plan was not proved:\n{t}");
            }
        }
        assert!(valid >= 20, "{valid}");
    }

    #[test]
    fn what_it_leaves_to_the_schema() {
        let base = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"T\"\n";
        assert!(proved(base));
        for (extra, schema) in [
            // not proved, though the schema accepts them: left to the JSON pass
            ("updated = \"2015-11-30\"\n", true),
            ("owner = 2015-11-30\n", true),
            // refused by both
            ("updated = 2015-11-30T10:00:00Z\n", false),
            ("review_cycle = \"weekly\"\n", false),
            ("idd = \"x\"\n", false),
        ] {
            let text = format!("{base}{extra}");
            assert!(!proved(&text), "{text}");
            assert_eq!(schema_valid(&text), Some(schema), "{text}");
        }
        for top in [
            "schema_version = 1.0\n[plan]\nid = \"p\"\ntitle = \"T\"\n",
            "schema_version = 2\n[plan]\nid = \"p\"\ntitle = \"T\"\n",
            "schema_version = 1\nallow = [\"vague-lead\"]\n[plan]\nid = \"p\"\ntitle = \"T\"\n",
            "schema_version = 1\n[plan]\nid = \"P\"\ntitle = \"T\"\n",
        ] {
            assert!(!proved(top), "{top}");
        }
        assert!(proved(
            "schema_version = 0x1\n[plan]\nid = \"p\"\ntitle = \"T\"\n"
        ));
    }

    // A valid plan drawn key by key, then up to three of its lines broken: a value swapped for
    // one of the wrong types, empty texts, bad names, dates in other forms; a line removed; an
    // unknown key added.
    fn value_for(key: &'static str) -> BoxedStrategy<String> {
        let text = "[A-Za-z][A-Za-z .]{0,12}".prop_map(|s| format!("{s:?}"));
        match key {
            "schema_version" => prop_oneof![Just("1".to_string()), Just("+1".to_string())].boxed(),
            "id" => "[a-z0-9][a-z0-9-]{0,8}"
                .prop_map(|s| format!("{s:?}"))
                .boxed(),
            "updated" | "date" | "allow_until" => (2000u16..2030, 1u8..13, 1u8..29)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
                .boxed(),
            "review_cycle" => prop::sample::select(vec![
                "monthly",
                "bimonthly",
                "quarterly",
                "six-monthly",
                "annual",
            ])
            .prop_map(|s| format!("{s:?}"))
            .boxed(),
            "status" => {
                prop::sample::select(crate::plan::model::Status::ALL.map(|s| s.as_str()).to_vec())
                    .prop_map(|s| format!("{s:?}"))
                    .boxed()
            }
            "leads" | "partners" | "outcomes" | "refs" => {
                prop::collection::vec("[A-Za-z ]{0,6}", 0..3)
                    .prop_map(|v| format!("{v:?}"))
                    .boxed()
            }
            "allow" => prop::collection::vec(
                prop::sample::select(vec!["vague-lead", "stale-action", "x1"]),
                0..2,
            )
            .prop_map(|mut v| {
                v.dedup();
                format!("{v:?}")
            })
            .boxed(),
            _ => text.boxed(),
        }
    }

    /// Values that break most keys (and suit some: the test learns which from the schema).
    const BREAKING: &[&str] = &[
        "\"\"",
        "3",
        "1.0",
        "true",
        "[\"x\"]",
        "[\"a\", 2]",
        "\"Bad Name\"",
        "\"-x\"",
        "\"done\"",
        "\"Quarterly\"",
        "2015-06-30",
        "2015-11-30T10:00:00Z",
        "2015-11-30T10:00:00",
        "10:30:00",
        "\"2015-11-30\"",
        "\"30/11/2015\"",
        "0000-02-29",
        "[\"vague-lead\", \"vague-lead\"]",
        "[\"Bad\"]",
        "{ a = 1 }",
        "2",
    ];

    /// One table's lines: each of `keys` present or not (the `required` ones always).
    fn table(
        keys: &'static [&'static str],
        required: &'static [&'static str],
    ) -> BoxedStrategy<Vec<(String, String)>> {
        let fields: Vec<BoxedStrategy<Option<(String, String)>>> = keys
            .iter()
            .map(|k| {
                let line = value_for(k).prop_map(move |v| Some((k.to_string(), v)));
                if required.contains(k) || (*k == "allow_reason") {
                    line.boxed()
                } else {
                    prop_oneof![line, Just(None)].boxed()
                }
            })
            .collect();
        fields
            .prop_map(|fs| fs.into_iter().flatten().collect())
            .boxed()
    }

    const TOP: &[&str] = &["schema_version", "allow", "allow_reason", "allow_until"];
    const INFO: &[&str] = &["id", "title", "owner", "updated", "review_cycle"];
    const SECTION: &[&str] = &["id", "title", "rag", "description"];
    const MILESTONE: &[&str] = &["title", "due", "status", "rag"];
    const UPDATE: &[&str] = &["date", "text", "rag", "status", "by"];
    const ACTION: &[&str] = &[
        "id",
        "section",
        "theme",
        "title",
        "scope",
        "leads",
        "partners",
        "due",
        "baseline_due",
        "status",
        "rag",
        "outcomes",
        "refs",
        "next_steps",
        "allow",
        "allow_reason",
        "allow_until",
    ];

    #[test]
    fn the_property_test_draws_every_key_the_schema_knows() {
        let schema = crate::plan::schema::schema_json();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            let mut k: Vec<String> = v["properties"]
                .as_object()
                .expect("properties")
                .keys()
                .cloned()
                .collect();
            k.sort();
            k
        };
        let sorted = |k: &[&str]| -> Vec<String> {
            let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
            k.sort();
            k
        };
        let defs = &schema["$defs"];
        let mut top = sorted(TOP);
        top.extend(["actions", "plan", "sections"].map(String::from));
        top.sort();
        assert_eq!(keys(schema), top);
        assert_eq!(keys(&defs["planInfo"]), sorted(INFO));
        assert_eq!(keys(&defs["section"]), sorted(SECTION));
        let mut action = sorted(ACTION);
        action.extend(["milestones", "updates"].map(String::from));
        action.sort();
        assert_eq!(keys(&defs["action"]), action);
        assert_eq!(keys(&defs["milestone"]), sorted(MILESTONE));
        assert_eq!(keys(&defs["update"]), sorted(UPDATE));
    }

    /// A line of a drawn plan: a table header, or a key and its value.
    #[derive(Debug, Clone)]
    enum Line {
        Header(&'static str),
        Field(String, String),
    }

    fn plan_lines() -> impl Strategy<Value = Vec<Line>> {
        let top = table(TOP, &["schema_version"]);
        let info = table(INFO, &["id", "title"]);
        let section = table(SECTION, &["id", "title"]);
        let milestone = table(MILESTONE, &["title", "due"]);
        let update = table(UPDATE, &["date", "text"]);
        let fields = |h: Option<&'static str>, t: Vec<(String, String)>| {
            h.map(Line::Header)
                .into_iter()
                .chain(t.into_iter().map(|(k, v)| Line::Field(k, v)))
                .collect::<Vec<Line>>()
        };
        let action = (
            table(ACTION, &["id", "title"]),
            prop::collection::vec(milestone, 0..2),
            prop::collection::vec(update, 0..3),
        )
            .prop_map(move |(a, ms, us)| {
                let mut lines = fields(Some("[[actions]]"), a);
                for m in ms {
                    lines.extend(fields(Some("[[actions.milestones]]"), m));
                }
                for u in us {
                    lines.extend(fields(Some("[[actions.updates]]"), u));
                }
                lines
            });
        (
            top,
            info,
            prop::collection::vec(section, 0..3),
            prop::collection::vec(action, 0..4),
        )
            .prop_map(move |(top, info, sections, actions)| {
                let mut lines = fields(None, top);
                lines.extend(fields(Some("[plan]"), info));
                for x in sections {
                    lines.extend(fields(Some("[[sections]]"), x));
                }
                for a in actions {
                    lines.extend(a);
                }
                lines
            })
    }

    /// A drawn plan with up to three of its fields broken: (which field, how).
    fn plan_text() -> impl Strategy<Value = String> {
        let breaks =
            prop::collection::vec((any::<prop::sample::Index>(), 0..BREAKING.len() + 2), 0..4);
        (plan_lines(), breaks).prop_map(|(mut lines, breaks)| {
            for (at, how) in breaks {
                let fields: Vec<usize> = (0..lines.len())
                    .filter(|i| matches!(lines[*i], Line::Field(..)))
                    .collect();
                if fields.is_empty() {
                    break;
                }
                let i = fields[at.index(fields.len())];
                match how {
                    h if h < BREAKING.len() => {
                        if let Line::Field(_, v) = &mut lines[i] {
                            *v = BREAKING[h].to_string();
                        }
                    }
                    h if h == BREAKING.len() => {
                        lines.remove(i);
                    }
                    _ => lines.insert(i, Line::Field("lead".into(), "\"x\"".into())),
                }
            }
            lines
                .iter()
                .map(|l| match l {
                    Line::Header(h) => format!("{h}\n"),
                    Line::Field(k, v) => format!("{k} = {v}\n"),
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        /// The proof and the JSON Schema agree: never a proof for a refused plan, and a proof
        /// for every accepted plan written the plain way (dates as TOML dates, text as text).
        #[test]
        fn the_proof_agrees_with_the_json_schema(text in plan_text()) {
            let Some(valid) = schema_valid(&text) else { return Ok(()) };
            let proof = proved(&text);
            prop_assert!(!proof || valid, "proved but the schema refuses:\n{text}");
            // the forms left to the JSON pass though the schema may accept them
            let plain = !["= \"2015-11-30\"", "= \"30/11/2015\"", "= 1.0\n", "= 2015-06-30\n",
                "= 10:30:00\n", "T10:00:00", "= 0000-02-29\n"]
                .iter()
                .any(|p| text.contains(p));
            if valid && plain {
                prop_assert!(proof, "accepted by the schema but not proved:\n{text}");
            }
        }
    }
}
