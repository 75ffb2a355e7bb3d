//! The plan TOML import writes. `plan_toml` is the one place a plan becomes text: it writes the
//! plan's values with correct TOML escaping, then hands the text to
//! `crate::edit::format::format_text`, so an imported plan is in the same canonical layout as
//! `planlint fmt` writes (and formatting it again changes nothing: the import tests check it).

use super::build::{NewAction, NewPlan};
use crate::plan::model::Due;
use crate::plan::shape;
use std::fmt::Write;

/// Lists longer than this on one line are written one item a line.
const LINE: usize = 100;

/// The plan as TOML text in the canonical layout, with a first comment saying where it came
/// from. Fails only if the formatter refuses the text (it never should: the text is ours).
pub fn plan_toml(plan: &NewPlan, provenance: &str) -> Result<String, String> {
    crate::edit::format::format_text(&raw_toml(plan, provenance)).map_err(|e| e.to_string())
}

/// The plan's values as TOML, in the format's key order, before the canonical layout.
fn raw_toml(plan: &NewPlan, provenance: &str) -> String {
    let mut out = String::new();
    for line in provenance.lines() {
        let _ = writeln!(out, "# {line}");
    }
    if !provenance.is_empty() {
        out.push('\n');
    }
    out.push_str("schema_version = 1\n\n[plan]\n");
    kv(&mut out, "id", &string(&plan.id));
    kv(&mut out, "title", &string(&plan.title));
    if let Some(d) = plan.updated {
        kv(&mut out, "updated", &d.to_string());
    }
    for s in &plan.sections {
        out.push_str("\n[[sections]]\n");
        kv(&mut out, "id", &string(&s.id));
        kv(&mut out, "title", &string(&s.title));
    }
    for a in &plan.actions {
        action(&mut out, a);
    }
    out
}

fn action(out: &mut String, a: &NewAction) {
    out.push_str("\n[[actions]]\n");
    // the action's keys in the format's order (`plan::shape`), those import fills
    for key in shape::ACTION.keys {
        if let Some(v) = action_value(a, key.name) {
            kv(out, key.name, &v);
        }
    }
    for m in &a.milestones {
        out.push_str("\n[[actions.milestones]]\n");
        kv(out, "title", &string(&m.title));
        kv(out, "due", &due(&m.due));
    }
    for u in &a.updates {
        out.push_str("\n[[actions.updates]]\n");
        kv(out, "date", &u.date.to_string());
        kv(out, "text", &string(&u.text));
    }
}

/// The TOML value import writes for an action's `key`; `None` for a key it has no value for
/// (and for the subtables, written after the keys).
fn action_value(a: &NewAction, key: &str) -> Option<String> {
    let text = |t: &Option<String>| t.as_deref().map(string);
    match key {
        "id" => Some(string(&a.id)),
        "section" => text(&a.section),
        "theme" => text(&a.theme),
        "title" => Some(string(&a.title)),
        "scope" => text(&a.scope),
        "leads" => list(key, &a.leads),
        "partners" => list(key, &a.partners),
        "due" => a.due.as_ref().map(due),
        "baseline_due" => a.baseline_due.as_ref().map(due),
        "status" => a.status.map(|s| string(s.as_str())),
        "rag" => text(&a.rag),
        "outcomes" => list(key, &a.outcomes),
        "next_steps" => text(&a.next_steps),
        _ => None,
    }
}

fn kv(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn due(d: &Due) -> String {
    match d {
        Due::Date(d) => d.to_string(),
        Due::Text(t) => string(t),
    }
}

/// A list on one line when `key = [...]` fits, else one item a line; `None` when empty.
fn list(key: &str, items: &[String]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let quoted: Vec<String> = items.iter().map(|i| string(i)).collect();
    let one = format!("[{}]", quoted.join(", "));
    if key.chars().count() + 3 + one.chars().count() <= LINE && !one.contains('\n') {
        Some(one)
    } else {
        let mut s = String::from("[\n");
        for q in quoted {
            let _ = writeln!(s, "  {q},");
        }
        s.push(']');
        Some(s)
    }
}

/// A TOML string: a basic string, or a multi-line basic string when the text has line breaks.
pub fn string(text: &str) -> String {
    let multi = text.contains('\n');
    let mut s = String::with_capacity(text.len() + 8);
    s.push_str(if multi { "\"\"\"\n" } else { "\"" });
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' if multi => s.push('\n'),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(s, "\\u{:04X}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push_str(if multi { "\"\"\"" } else { "\"" });
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of an action import fills is written, under a key of the format.
    #[test]
    fn every_field_of_an_action_is_written_under_a_key_of_the_format() {
        let a = NewAction {
            id: "1.1".into(),
            section: Some("s-1".into()),
            theme: Some("theme-1".into()),
            title: "title-1".into(),
            scope: Some("scope-1".into()),
            leads: vec!["lead-1".into()],
            partners: vec!["partner-1".into()],
            due: Some(Due::Text("due-1".into())),
            baseline_due: Some(Due::Text("baseline-1".into())),
            status: Some(crate::plan::model::Status::OnHold),
            rag: Some("rag-1".into()),
            outcomes: vec!["outcome-1".into()],
            next_steps: Some("next-1".into()),
            milestones: Vec::new(),
            updates: Vec::new(),
        };
        let mut out = String::new();
        action(&mut out, &a);
        let parsed: toml::Table = toml::from_str(&out).expect("TOML");
        let written = parsed["actions"][0].as_table().expect("an action");
        let keys: Vec<&str> = written.keys().map(String::as_str).collect();
        for k in &keys {
            assert!(
                shape::ACTION.key(k).is_some(),
                "{k} is not a key of an action"
            );
        }
        assert_eq!(keys.len(), 13, "{out}");
        for v in [
            "1.1",
            "s-1",
            "theme-1",
            "title-1",
            "scope-1",
            "lead-1",
            "partner-1",
            "due-1",
            "baseline-1",
            "on-hold",
            "rag-1",
            "outcome-1",
            "next-1",
        ] {
            assert!(out.contains(&format!("\"{v}\"")), "{v} missing:\n{out}");
        }
    }

    #[test]
    fn strings_round_trip_through_toml() {
        for text in [
            "plain",
            "quote \" and \\ slash",
            "two\nlines \"\"\" here\n",
            "tab\there \u{1}",
        ] {
            let doc = format!("v = {}", string(text));
            let parsed: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(parsed["v"].as_str(), Some(text), "{doc}");
        }
    }
}
