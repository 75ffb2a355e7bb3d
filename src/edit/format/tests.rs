use super::*;
use proptest::prelude::*;

fn fmt(text: &str) -> String {
    format_text(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The plan as the schema sees it (TOML dates as ISO text).
fn data(text: &str) -> serde_json::Value {
    let root = toml::de::DeTable::parse(text).expect("valid TOML");
    crate::plan::tomljson::to_json(root.get_ref())
}

fn examples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/plans");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("examples")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("read"),
            )
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 4);
    out
}

#[test]
fn every_example_keeps_its_data_and_comments_and_formats_once() {
    for (name, text) in examples() {
        let once = fmt(&text);
        assert_eq!(data(&once), data(&text), "{name}");
        assert_eq!(comments(&once), comments(&text), "{name}");
        assert_eq!(fmt(&once), once, "{name}: not idempotent");
        assert!(once.starts_with("#:schema "), "{name}");
        for line in once.lines() {
            // only an array item (a text is not broken inside an array), a comment, or a word
            // too long to break may be wider
            if line.chars().count() > WIDTH {
                assert!(
                    line.starts_with("  \"")
                        || line.contains('#')
                        || !line.trim_end_matches('\\').trim().contains(' '),
                    "{name}: {line}"
                );
            }
        }
    }
}

#[test]
fn keys_follow_the_schema_order_and_updates_follow_their_action() {
    let text = r#"schema_version = 1
[[actions]]
title = "Do it"
status = "in-progress"
id = "1"

[[actions.updates]]
text = "Started"
date = 2015-11-30

[[actions.milestones]]
due = "June 2015"
title = "Half"

[[sections]]
title = "One"
id = "1"

[plan]
title = "A plan"
id = "p"
"#;
    assert_eq!(
        fmt(text),
        r#"schema_version = 1

[plan]
id = "p"
title = "A plan"

[[sections]]
id = "1"
title = "One"

[[actions]]
id = "1"
title = "Do it"
status = "in-progress"

[[actions.milestones]]
title = "Half"
due = "June 2015"

[[actions.updates]]
date = 2015-11-30
text = "Started"
"#
    );
}

#[test]
fn dates_written_as_text_become_toml_dates_where_the_format_takes_a_date() {
    let text = r#"schema_version = 1
[plan]
id = "p"
title = "2015-11-30"
updated = "2015-11-30"
[[actions]]
id = "1"
title = "t"
due = "2015-06-30"
baseline_due = "June 2015"
next_steps = "2015-07-01"
[[actions.updates]]
date = "2015-11-30"
text = "x"
"#;
    let out = fmt(text);
    for line in [
        "title = \"2015-11-30\"",
        "updated = 2015-11-30",
        "due = 2015-06-30",
        "baseline_due = \"June 2015\"",
        "next_steps = \"2015-07-01\"",
        "date = 2015-11-30",
    ] {
        assert!(out.lines().any(|l| l == line), "{line}\n{out}");
    }
}

#[test]
fn arrays_go_one_item_a_line_only_when_they_do_not_fit() {
    let short = "leads = [\n  \"a\",\n  \"b\",\n]\n";
    assert_eq!(fmt(short), "leads = [\"a\", \"b\"]\n");
    let item = "x".repeat(45);
    let long = format!("leads = [\"{item}\", \"{item}\"]\n");
    assert_eq!(
        fmt(&long),
        format!("leads = [\n  \"{item}\",\n  \"{item}\",\n]\n")
    );
    // exactly 100 columns still fits
    let fits = format!("leads = [\"{}\"]\n", "y".repeat(100 - 12));
    assert_eq!(fits.lines().next().map(|l| l.chars().count()), Some(100));
    assert_eq!(fmt(&fits), fits);
}

#[test]
fn long_texts_become_multi_line_strings_broken_at_spaces() {
    let words = "The programme group has reviewed the plan and its recommendations are built into commissioning plans for 2016/17, to be reviewed early in 2016.";
    let out = fmt(&format!("text = \"{words}\"\n"));
    assert!(out.starts_with("text = \"\"\"\n"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
    assert!(
        out.lines().nth(1).is_some_and(|l| l.ends_with(" \\")),
        "{out}"
    );
    let v: toml::Table = toml::from_str(&out).expect("valid");
    assert_eq!(v["text"].as_str(), Some(words));
    // short again: back on one line
    assert_eq!(fmt("text = \"\"\"\nshort\"\"\"\n"), "text = \"short\"\n");
}

#[test]
fn awkward_texts_survive_the_multi_line_form() {
    let pad = "word ".repeat(25);
    for tail in [
        "ends with a quote\"",
        "\"\"\" three quotes",
        "back\\slash \\ at the end\\",
        "tab\there",
        "new\nline with trailing space \nnext",
        "two  spaces  and a\n\nblank line",
        "\n",
        " ",
    ] {
        let s = format!("{pad}{tail}");
        let text = format!("text = {}\n", crate::plan::fix::toml_string(&s));
        let out = fmt(&text);
        let v: toml::Table = toml::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
        assert_eq!(v["text"].as_str(), Some(s.as_str()), "{out}");
        assert_eq!(fmt(&out), out);
    }
}

#[test]
fn comments_stay_with_what_they_annotate() {
    let text = r#"#:schema ../schema/plan-v1.schema.json
# The plan's preamble.

schema_version = 1

[plan]
# who owns it
title = "A plan" # as published
id = "p"

# -----------
# Section one
# -----------

[[actions]] # the first
id = "1"
title = "Do it"
leads = [
  "Police", # since June
  # the trust joined later
  "Trust",
]
# end of the plan
"#;
    let out = fmt(text);
    assert_eq!(
        out,
        r#"#:schema ../schema/plan-v1.schema.json
# The plan's preamble.

schema_version = 1

[plan]
id = "p"
# who owns it
title = "A plan" # as published

# -----------
# Section one
# -----------

[[actions]] # the first
id = "1"
title = "Do it"
leads = [
  "Police", # since June
  # the trust joined later
  "Trust",
]
# end of the plan
"#
    );
    assert_eq!(fmt(&out), out);
}

#[test]
fn inline_tables_of_the_format_become_tables() {
    let text = "schema_version = 1\nplan = { id = \"p\", title = \"t\" }\nactions = [{ id = \"1\", title = \"a\", updates = [{ date = 2015-01-01, text = \"x\" }] }]\n";
    assert_eq!(
        fmt(text),
        "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"t\"\n\n[[actions]]\nid = \"1\"\ntitle = \"a\"\n\n[[actions.updates]]\ndate = 2015-01-01\ntext = \"x\"\n"
    );
}

#[test]
fn unknown_keys_are_kept_after_the_known_ones() {
    let text = "[plan]\nzeta = 1\nid = \"p\"\nalpha.beta = 2\n[extra]\nx = 1.5\n";
    assert_eq!(
        fmt(text),
        "[plan]\nid = \"p\"\nzeta = 1\nalpha.beta = 2\n\n[extra]\nx = 1.5\n"
    );
}

#[test]
fn invalid_toml_is_an_error_with_its_place() {
    let e = format_text("schema_version = 1\n[plan\nid = 1\n").unwrap_err();
    match e {
        FormatError::Syntax { line, .. } => assert_eq!(line, 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_kept() {
    assert_eq!(
        fmt("\u{feff}schema_version = 1\r\n# c\r\nx = 2\r\n"),
        "\u{feff}schema_version = 1\r\n# c\r\nx = 2\r\n"
    );
    // a long text with a newline: no bare line break inside the string, and the same text
    let text = format!(
        "[plan]\r\ntitle = {}\r\n",
        crate::plan::fix::toml_string(&format!("{}\nsecond paragraph", "word ".repeat(30)))
    );
    let out = fmt(&text);
    assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
    assert_eq!(data(&out), data(&text));
    assert_eq!(fmt(&out), out);
}

#[test]
fn an_empty_file_stays_empty() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("# only a comment\n"), "# only a comment\n");
}

/// The schema lists each table's keys in the order the formatter writes them.
#[test]
fn schema_order_matches_the_schema() {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    // the property names of every `"properties"` object, in the order the file has them
    struct Props(Vec<Vec<String>>);
    struct V<'a>(&'a mut Vec<Vec<String>>, bool);
    impl<'de> serde::de::DeserializeSeed<'de> for V<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for V<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut keys = Vec::new();
            while let Some(k) = map.next_key::<String>()? {
                let props = k == "properties";
                map.next_value_seed(V(self.0, props))?;
                keys.push(k);
            }
            if self.1 {
                self.0.push(keys);
            }
            Ok(())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
            while s.next_element::<IgnoredAny>()?.is_some() {}
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
    }
    let mut found = Props(Vec::new());
    let mut de = serde_json::Deserializer::from_str(crate::plan::schema::SCHEMA_TEXT);
    serde::de::DeserializeSeed::deserialize(V(&mut found.0, false), &mut de).expect("schema");
    for keys in [
        ROOT_KEYS,
        PLAN_KEYS,
        SECTION_KEYS,
        ACTION_KEYS,
        MILESTONE_KEYS,
        UPDATE_KEYS,
    ] {
        assert!(
            found.0.iter().any(|p| p == keys),
            "{keys:?} is not the order of any `properties` in the schema: {:?}",
            found.0
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any text in any text field: the same data after formatting, and formatting is idempotent.
    #[test]
    fn any_text_survives(s in "(\\PC|[\"\\\\\n\t ]){0,300}", key in "(title|text|next_steps|x y)") {
        let text = format!("[plan]\n{} = {}\n", key_repr(&key), crate::plan::fix::toml_string(&s));
        let once = format_text(&text).expect("formats");
        prop_assert_eq!(data(&once), data(&text));
        prop_assert_eq!(format_text(&once).expect("formats"), once);
    }
}

#[test]
fn a_comment_the_layout_cannot_hold_is_refused_not_lost() {
    for text in ["x = [[1, # one\n2]]\n", "x = { a = 1, # one\nb = 2 }\n"] {
        match format_text(text) {
            Err(FormatError::Refused(m)) => assert!(m.contains("`# one`"), "{m}"),
            // TOML 1.0 readers refuse a newline in an inline table: that is fine too
            Err(FormatError::Syntax { .. }) => {}
            Ok(out) => panic!("{out}"),
        }
    }
}

#[test]
fn the_safety_net_refuses_changed_data_and_lost_comments() {
    let input = "# keep me\nx = \"a\" # and me\n";
    let doc: DocumentMut = input.parse().expect("valid");
    let data = canon_table(doc.iter());
    assert_eq!(verify(input, &data, input), Ok(()));
    assert!(matches!(
        verify(input, &data, "# keep me\nx = \"b\" # and me\n"),
        Err(FormatError::Refused(m)) if m.contains("changing its data")
    ));
    assert!(matches!(
        verify(input, &data, "# keep me\nx = \"a\"\n"),
        Err(FormatError::Refused(m)) if m.contains("`# and me`")
    ));
    assert!(matches!(
        verify(input, &data, "x = [\n"),
        Err(FormatError::Refused(m)) if m.contains("invalid TOML")
    ));
}
