//! SARIF 2.1.0 for code scanning: the rules (names, summaries, documentation) and one result a
//! finding, with its location relative to the repository root and its `partialFingerprints`
//! (`output::fingerprint`: the finding's identity), so code scanning shows only new alerts.

use crate::lint::check::Outcome;
use crate::lint::RULES;
use crate::plan::finding::Severity;
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{self, Write};

pub fn render(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document(outcome))?;
    writeln!(out)
}

/// The SARIF log. Its results are made one at a time as they are written, so a million
/// findings stream out without a second copy of them; keys are in the order `serde_json` gives
/// a map (alphabetical), as before.
struct Document<'a>(&'a Outcome);

impl Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut doc = s.serialize_map(Some(3))?;
        doc.serialize_entry("$schema", "https://json.schemastore.org/sarif-2.1.0.json")?;
        doc.serialize_entry("runs", &[Run(self.0)])?;
        doc.serialize_entry("version", "2.1.0")?;
        doc.end()
    }
}

struct Run<'a>(&'a Outcome);

impl Serialize for Run<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut run = s.serialize_map(Some(3))?;
        run.serialize_entry(
            "originalUriBaseIds",
            &json!({"%SRCROOT%": {"description": {"text": "the repository root"}}}),
        )?;
        run.serialize_entry("results", &Results(self.0))?;
        run.serialize_entry(
            "tool",
            &json!({"driver": {
                "informationUri": "https://github.com/planlint/planlint",
                "name": "planlint",
                "rules": rules(),
                "version": env!("CARGO_PKG_VERSION"),
            }}),
        )?;
        run.end()
    }
}

struct Results<'a>(&'a Outcome);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let prints = super::fingerprint::fingerprints(self.0);
        s.collect_seq(
            self.0
                .findings
                .iter()
                .zip(prints)
                .map(|(f, print)| result(f, print)),
        )
    }
}

fn rules() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            let m = r.meta();
            let mut rule = json!({
                "id": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": what_it_does(m.docs).unwrap_or(m.summary)},
                "help": {"text": m.docs, "markdown": m.docs},
                "defaultConfiguration": {"level": level(m.severity)},
            });
            // SARIF1001: the name must differ from the id by more than case, so a one-word
            // rule (`schema`) is named after what it checks (`PlanSchema`)
            let mut name = camel(m.name);
            if name.eq_ignore_ascii_case(m.name) {
                name.insert_str(0, "Plan");
            }
            rule["name"] = json!(name);
            rule
        })
        .collect()
}

fn result(f: &crate::plan::finding::Finding, print: String) -> Value {
    let mut text = f.message.clone();
    if let Some(h) = &f.help {
        text.push_str(". ");
        text.push_str(h);
    }
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": &*f.file, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line.max(1), "startColumn": f.column.max(1)}
            }
        }],
        // the key names the scheme, so a later change of what goes in it starts a new one
        "partialFingerprints": {"planlintIdentity/v1": print},
    });
    if let Some(i) = RULES.iter().position(|r| r.meta().name == f.rule) {
        result["ruleIndex"] = json!(i);
    }
    result
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

/// The "What it does" section of a rule's documentation: the rule's full description.
fn what_it_does(docs: &str) -> Option<&str> {
    let start = docs.find("## What it does")?;
    let body = docs[start..].split_once('\n')?.1;
    let body = body.split("\n## ").next().unwrap_or(body).trim();
    (!body.is_empty()).then_some(body)
}

/// `past-due-no-update` -> `PastDueNoUpdate`, the form SARIF viewers show as a rule name.
fn camel(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_description_is_the_what_it_does_section() {
        let docs = "## What it does\nChecks things.\nTwo lines.\n\n## Why is this bad?\nBecause.\n";
        assert_eq!(what_it_does(docs), Some("Checks things.\nTwo lines."));
        assert_eq!(what_it_does("no headings"), None);
        assert_eq!(camel("past-due-no-update"), "PastDueNoUpdate");
    }
}
