//! The shipped examples are a contract: `examples/README.md` lists every finding a check of
//! them shows, and this test holds the binary to that table, row by row, so the two cannot drift.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// (plan file stem, action or "-", rule, severity) -> how many times.
type Tally = BTreeMap<(String, String, String, String), usize>;

/// The rows of the README table under "## What a check shows".
fn readme_table() -> Tally {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("examples/README.md")).expect("README");
    let section = readme
        .split("## What a check shows")
        .nth(1)
        .expect("a `What a check shows` section");
    let mut tally = Tally::new();
    for line in section.lines().skip_while(|l| !l.starts_with("| plan |")) {
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells[0] == "plan" || cells[0].starts_with("---") {
            continue;
        }
        let rule = cells[2].trim_matches('`').to_string();
        let severity = cells[3].to_string();
        let actions: Vec<String> = if cells[1].starts_with('—') {
            vec!["-".to_string()]
        } else {
            cells[1].split(',').map(|a| a.trim().to_string()).collect()
        };
        for action in actions {
            *tally
                .entry((cells[0].to_string(), action, rule.clone(), severity.clone()))
                .or_default() += 1;
        }
    }
    assert!(
        tally.len() > 10,
        "the README table was not found: {tally:?}"
    );
    tally
}

#[test]
fn a_check_of_the_examples_shows_exactly_what_the_readme_lists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("planlint")
        .expect("binary")
        .current_dir(root)
        .args([
            "check",
            "examples",
            "--as-of",
            "2015-12-01",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "error findings mean exit 1");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["files"], 4);
    let mut seen = Tally::new();
    for f in report["findings"].as_array().expect("findings") {
        let file = f["file"].as_str().expect("file");
        let stem = file
            .strip_prefix("examples/plans/")
            .and_then(|f| f.strip_suffix(".toml"))
            .unwrap_or(file);
        let key = (
            stem.to_string(),
            f["action"].as_str().unwrap_or("-").to_string(),
            f["rule"].as_str().expect("rule").to_string(),
            f["severity"].as_str().expect("severity").to_string(),
        );
        *seen.entry(key).or_default() += 1;
    }
    let expected = readme_table();
    let missing: Vec<_> = expected.keys().filter(|k| !seen.contains_key(k)).collect();
    let extra: Vec<_> = seen.keys().filter(|k| !expected.contains_key(k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "examples/README.md and the check disagree\nlisted but not found: {missing:#?}\nfound but not listed: {extra:#?}"
    );
    assert_eq!(seen, expected, "counts differ");
}

/// The `planlint-fmt` pre-commit hook runs `fmt --check`: the examples a user copies must pass
/// it, or the hook refuses them on their first commit.
#[test]
fn the_examples_are_in_the_canonical_layout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("planlint")
        .expect("binary")
        .current_dir(root)
        .env("NO_COLOR", "1")
        .args(["fmt", "--check", "examples"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
