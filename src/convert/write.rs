//! The plan TOML import writes. `plan_toml` is the one place a plan becomes text: it writes the
//! plan's values with correct TOML escaping, then hands the text to
//! `crate::edit::format::format_text`, so an imported plan is in the same canonical layout as
//! `planlint fmt` writes (and formatting it again changes nothing: the import tests check it).

use super::build::{NewAction, NewPlan};
use crate::plan::model::Due;
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
    kv(out, "id", &string(&a.id));
    if let Some(s) = &a.section {
        kv(out, "section", &string(s));
    }
    if let Some(t) = &a.theme {
        kv(out, "theme", &string(t));
    }
    kv(out, "title", &string(&a.title));
    if let Some(s) = &a.scope {
        kv(out, "scope", &string(s));
    }
    list(out, "leads", &a.leads);
    list(out, "partners", &a.partners);
    if let Some(d) = &a.due {
        kv(out, "due", &due(d));
    }
    if let Some(s) = a.status {
        kv(out, "status", &string(s.as_str()));
    }
    if let Some(r) = &a.rag {
        kv(out, "rag", &string(r));
    }
    list(out, "outcomes", &a.outcomes);
    if let Some(n) = &a.next_steps {
        kv(out, "next_steps", &string(n));
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

fn kv(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn due(d: &Due) -> String {
    match d {
        Due::Date(d) => d.to_string(),
        Due::Text(t) => string(t),
    }
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let quoted: Vec<String> = items.iter().map(|i| string(i)).collect();
    let one = format!("{key} = [{}]", quoted.join(", "));
    if one.chars().count() <= LINE && !one.contains('\n') {
        out.push_str(&one);
        out.push('\n');
    } else {
        let _ = writeln!(out, "{key} = [");
        for q in quoted {
            let _ = writeln!(out, "  {q},");
        }
        out.push_str("]\n");
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
