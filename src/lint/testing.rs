//! Helpers for rule tests: load a plan from text and run one rule on it.

use super::*;
use crate::plan::load::{load_text, LoadSeverities};

pub fn config() -> Config {
    Config::defaults(std::path::PathBuf::from("/repo"))
}

pub fn run_with(rule: &dyn Rule, text: &str, as_of: &str, config: &Config) -> Vec<Finding> {
    let loaded = load_text(
        "plans/p.toml".into(),
        text.into(),
        LoadSeverities::default(),
    );
    let file = loaded
        .plan
        .unwrap_or_else(|| panic!("test plan must be schema-valid: {:?}", loaded.findings));
    let cx = Context {
        as_of: as_of.parse().expect("test as-of date"),
        config,
    };
    let mut out = Vec::new();
    rule.check(&file, &cx, &mut out);
    rule.check_all(&[PlanId::of(&file)], &cx, &mut out);
    for f in &mut out {
        let (l, c) = file.source.position(f.span.start);
        f.line = l;
        f.column = c;
    }
    out
}

pub fn run(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    run_with(rule, text, "2015-12-01", &config())
}

/// The first TOML blocks under a rule's `## Example` and `## Use instead`, each made a
/// whole plan (the blocks show only sections and actions).
pub fn doc_plans(meta: &Meta) -> (String, String) {
    let block = |heading: &str| {
        let after = meta.docs.split(heading).nth(1).expect("heading");
        let code = after.split("```toml\n").nth(1).expect("a toml block");
        let code = code.split("```").next().expect("a closed block");
        format!("schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n{code}")
    };
    (block("## Example"), block("## Use instead"))
}

/// `line:col message` for each finding: compact to assert on.
pub fn lines(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
        .collect()
}

/// The text with every fix of `findings` applied (edits must not overlap).
pub fn fixed(text: &str, findings: &[Finding]) -> String {
    let mut edits: Vec<&crate::plan::fix::Edit> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|fix| fix.edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::new();
    let mut at = 0;
    for e in edits {
        assert!(e.range.start >= at, "overlapping edits: {e:?}");
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.content);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}
