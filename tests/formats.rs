//! The CI formats of `check`: exact GitHub annotation lines, the job summary, SARIF (checked by
//! the official SARIF validator when installed; `.ci/run` installs it), JUnit XML and GitLab
//! Code Quality JSON.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const PLAN: &str = r#"schema_version = 1

[plan]
id = "bexley-crisis-care"
title = "Bexley crisis care action plan"

[[actions]]
id = "12"
title = "Street triage pilot"
rag = "Yellow"
refs = ["15"]
status = "complete"
"#;

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::write(dir.path().join("plans/bexley.toml"), PLAN).expect("write");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("write");
    dir
}

fn run(dir: &Path, format: &str) -> (i32, String) {
    let out = Command::cargo_bin("planlint")
        .expect("binary")
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--as-of", "2015-12-01", "--format", format])
        .output()
        .expect("run");
    (
        out.status.code().expect("code"),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

#[test]
fn github_annotations_are_exact() {
    let dir = repo();
    let (code, out) = run(dir.path(), "github");
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=plans/bexley.toml,line=10,col=7,title=rag-unknown::action rating `Yellow` is not on the rag scale%0Ahelp: did you mean `amber`? The rag scale is: red, amber, green",
            "::error file=plans/bexley.toml,line=11,col=9,title=dangling-ref::action 12 refers to action `15`, which does not exist%0Ahelp: point `refs` at an existing action id, or remove it",
            "2 errors in 1 plan (1 action)",
        ]
    );
}

#[test]
fn github_job_summary_is_appended_when_asked() {
    let dir = repo();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    Command::cargo_bin("planlint")
        .expect("binary")
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--as-of", "2015-12-01", "--format", "github"])
        .assert()
        .code(1);
    let md = std::fs::read_to_string(&summary).expect("summary");
    assert!(md.starts_with("earlier step\n### planlint check\n"), "{md}");
    assert!(
        md.contains(
            "| error | `dangling-ref` | `plans/bexley.toml:11:9` | bexley-crisis-care / 12 |"
        ),
        "{md}"
    );
}

#[test]
fn sarif_names_rules_and_locates_results() {
    let dir = repo();
    let (code, out) = run(dir.path(), "sarif");
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), planlint::lint::RULES.len());
    // every rule has a friendly name that is more than its id in another case
    for r in rules {
        let (id, name) = (
            r["id"].as_str().expect("id"),
            r["name"].as_str().expect("name"),
        );
        assert!(!name.eq_ignore_ascii_case(id), "{id}: {name}");
    }
    assert!(rules
        .iter()
        .any(|r| r["id"] == "schema" && r["name"] == "PlanSchema"));
    let rule = rules
        .iter()
        .find(|r| r["id"] == "dangling-ref")
        .expect("dangling-ref");
    assert_eq!(rule["name"], "DanglingRef");
    assert_eq!(
        rule["shortDescription"]["text"],
        "`refs` names an action that does not exist"
    );
    assert_eq!(
        rule["fullDescription"]["text"],
        "Reports each entry of an action's `refs` that is not the id of an action in the same plan."
    );
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert!(rule["help"]["markdown"]
        .as_str()
        .is_some_and(|h| h.contains("## Why is this bad?") && h.contains("## Use instead")));
    let r = &run["results"][0];
    assert_eq!(r["ruleId"], "rag-unknown");
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "plans/bexley.toml");
    assert_eq!(loc["region"]["startLine"], 10);
    assert_eq!(loc["region"]["startColumn"], 7);
    let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[index]["id"], "rag-unknown");

    // the official validator, where installed (CI installs it from npm)
    let Some(validator) = sarif_multitool() else {
        return;
    };
    let file = dir.path().join("out.sarif");
    std::fs::write(&file, &out).expect("write");
    assert_valid_sarif(&validator, &file);
}

/// The SARIF validator, or None (with a message) when it is not installed outside CI.
fn sarif_multitool() -> Option<String> {
    let validator = std::env::var("SARIF_MULTITOOL").unwrap_or_else(|_| "sarif-multitool".into());
    let found = std::process::Command::new(&validator)
        .arg("--help")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "sarif-multitool must be installed in CI (see .ci/run)"
        );
        eprintln!(
            "skipped: sarif-multitool is not installed (npm install -g @microsoft/sarif-multitool)"
        );
        return None;
    }
    Some(validator)
}

/// Zero errors and zero warnings from `sarif-multitool validate`, with its SARIF rules (the
/// default) and with the rules of GitHub code scanning's upload (`--rule-kind Gh`). Its notes
/// are advice (use message ids, give snippets) and are allowed.
fn assert_valid_sarif(validator: &str, file: &Path) {
    let problems = sarif_problems(validator, file);
    assert!(
        problems.is_empty(),
        "SARIF validation errors or warnings:\n{}",
        problems.join("\n")
    );
}

/// The validator's errors and warnings on `file`, as `kind rule: message` lines.
fn sarif_problems(validator: &str, file: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for kind in ["Sarif", "Gh"] {
        let report = file.with_extension(format!("{kind}.validation.sarif"));
        // the npm wrapper runs the tool through a shell: arguments without spaces or `;`
        let v = std::process::Command::new(validator)
            .arg("validate")
            .arg(file)
            .arg("--output")
            .arg(&report)
            .args(["--log", "ForceOverwrite", "--rule-kind", kind])
            .output()
            .expect("run sarif-multitool");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&v.stdout),
            String::from_utf8_lossy(&v.stderr)
        );
        assert!(v.status.success(), "{text}");
        let results: Value = serde_json::from_str(
            &std::fs::read_to_string(&report)
                .unwrap_or_else(|e| panic!("no validation report ({e}): {text}")),
        )
        .expect("JSON");
        found.extend(
            results["runs"][0]["results"]
                .as_array()
                .unwrap_or_else(|| panic!("validation report without results: {results}"))
                .iter()
                .filter(|r| r["level"] != "note")
                .map(|r| format!("{kind} {}: {}", r["ruleId"], r["message"])),
        );
    }
    found
}

/// Every finding the shipped examples produce (all the rules that fire on real plans) makes
/// valid SARIF too; and the validator does fail a log that breaks the rules.
#[test]
fn sarif_of_the_examples_passes_the_official_validator() {
    let Some(validator) = sarif_multitool() else {
        return;
    };
    let out = Command::cargo_bin("planlint")
        .expect("binary")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
        .args(["check", "--as-of", "2015-12-01", "--format", "sarif"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.len() >= 4, "{}", results.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("examples.sarif");
    std::fs::write(&file, &out.stdout).expect("write");
    assert_valid_sarif(&validator, &file);

    // a result without a location: GitHub refuses it, so must the check
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .expect("result")
        .remove("locations");
    let file = dir.path().join("broken.sarif");
    std::fs::write(&file, broken.to_string()).expect("write");
    let problems = sarif_problems(&validator, &file);
    assert!(
        problems.iter().any(|p| p.starts_with("Gh ")),
        "the validator accepted a result without locations: {problems:?}"
    );
}

#[test]
fn junit_has_a_test_case_per_plan_file() {
    let dir = repo();
    std::fs::write(
        dir.path().join("plans/clean.toml"),
        "schema_version = 1\n[plan]\nid = \"clean\"\ntitle = \"t\"\n",
    )
    .expect("write");
    let (code, out) = run(dir.path(), "junit");
    assert_eq!(code, 1);
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures) = (Vec::new(), 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"testcase" => {
                let name = e.try_get_attribute("name").expect("attr").expect("name");
                cases.push(String::from_utf8(name.value.to_vec()).expect("utf-8"));
            }
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"failure" => failures += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(cases, ["plans/bexley.toml", "plans/clean.toml"]);
    assert_eq!(failures, 2);
}

#[test]
fn gitlab_code_quality_has_stable_fingerprints() {
    let dir = repo();
    let (_, first) = run(dir.path(), "gitlab");
    let issues: Value = serde_json::from_str(&first).expect("JSON");
    let issue = &issues[0];
    assert_eq!(issue["check_name"], "rag-unknown");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["location"]["path"], "plans/bexley.toml");
    assert_eq!(issue["location"]["lines"]["begin"], 10);
    // a line added above the finding does not change its fingerprint
    let moved = PLAN.replace("[[actions]]", "# a comment\n[[actions]]");
    std::fs::write(dir.path().join("plans/bexley.toml"), moved).expect("write");
    let (_, second) = run(dir.path(), "gitlab");
    let again: Value = serde_json::from_str(&second).expect("JSON");
    assert_eq!(again[0]["fingerprint"], issue["fingerprint"]);
    assert_eq!(again[0]["location"]["lines"]["begin"], 11);
}
