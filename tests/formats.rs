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
due = "March 2016"

[[actions.updates]]
date = 2015-11-20
text = "Pilot running"
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
            "2 errors in 1 plan (1 actions)",
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
    assert!(rules.iter().any(|r| r["id"] == "dangling-ref"
        && r["help"]["markdown"]
            .as_str()
            .is_some_and(|h| h.contains("## Why is this bad?"))));
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
        return;
    }
    let file = dir.path().join("out.sarif");
    std::fs::write(&file, &out).expect("write");
    let report = dir.path().join("validation.sarif");
    let v = std::process::Command::new(&validator)
        .arg("validate")
        .arg(&file)
        .arg("--output")
        .arg(&report)
        .args(["--log", "ForceOverwrite"])
        .output()
        .expect("run sarif-multitool");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("validation report"))
            .expect("JSON");
    let errors: Vec<&Value> = results["runs"][0]["results"]
        .as_array()
        .map(|rs| rs.iter().filter(|r| r["level"] != "note").collect())
        .unwrap_or_default();
    assert!(
        errors.is_empty(),
        "SARIF validation errors or warnings: {errors:?}\n{text}"
    );
    assert!(v.status.success(), "{text}");
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
