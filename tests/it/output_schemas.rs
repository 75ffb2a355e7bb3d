//! The published JSON Schemas of `check`, `diff`, `history` and `report` output
//! (`docs/schemas/`, printed by `planlint schema --output …`) describe what the real binary
//! prints: its JSON, from a real git repository, validates in-process with the `jsonschema`
//! crate and with the real check-jsonschema (PyPI; skipped with a message when it is missing,
//! required when CI is set), and a broken document does not.

use crate::common;
use crate::common::git_at;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn plan(rating_1: &str, extra: &str) -> String {
    format!(
        r#"schema_version = 1

[plan]
id = "p"
title = "Crisis care action plan"
updated = 2015-11-30

[[actions]]
id = "1"
title = "Agree the section 136 pathway"
leads = ["Police"]
due = 2015-09-30
status = "in-progress"
rag = "{rating_1}"

[[actions.updates]]
date = 2015-06-30
text = "Draft shared."
{extra}"#
    )
}

/// A repository with two tagged review points: action 1 goes amber to red, action 2 is added.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    git_at(p, &["init", "-q", "-b", "main"], "2015-07-01T12:00:00Z");
    std::fs::create_dir_all(p.join("plans")).expect("mkdir");
    std::fs::write(p.join("plans/p.toml"), plan("amber", "")).expect("write");
    git_at(p, &["add", "-A"], "2015-07-01T12:00:00Z");
    git_at(p, &["commit", "-qm", "first"], "2015-07-01T12:00:00Z");
    git_at(p, &["tag", "review-1"], "2015-07-01T12:00:00Z");
    let added =
        "\n[[actions]]\nid = \"2\"\ntitle = \"Publish one crisis line\"\ndue = \"March 2016\"\n";
    std::fs::write(p.join("plans/p.toml"), plan("red", added)).expect("write");
    git_at(p, &["commit", "-qam", "second"], "2015-11-30T12:00:00Z");
    git_at(p, &["tag", "review-2"], "2015-11-30T12:00:00Z");
    dir
}

fn planlint(dir: &Path, args: &[&str]) -> (i32, Vec<u8>) {
    let out = Command::cargo_bin("planlint")
        .expect("binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("PLANLINT_OUTPUT_FORMAT")
        .env_remove("PLANLINT_CONFIG")
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().expect("code"), out.stdout)
}

/// The four outputs: (schema name, JSON bytes as printed).
fn outputs(dir: &Path) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "check",
            planlint(dir, &["check", "--as-of", "2015-12-01", "--format", "json"]).1,
        ),
        (
            "diff",
            planlint(dir, &["diff", "review-1", "review-2", "--format", "json"]).1,
        ),
        (
            "history",
            planlint(dir, &["history", "1", "--format", "json"]).1,
        ),
        (
            "report",
            planlint(
                dir,
                &[
                    "report",
                    "review-1",
                    "review-2",
                    "--format",
                    "json",
                    "--as-of",
                    "2015-12-01",
                ],
            )
            .1,
        ),
    ]
}

fn schema_file(name: &str) -> PathBuf {
    root().join(format!("docs/schemas/{name}.schema.json"))
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_file(name)).expect("schema file"))
            .expect("schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name}: not a valid schema: {e}"))
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_output_validates_against_its_schema_in_process() {
    let dir = repository();
    for (name, bytes) in outputs(dir.path()) {
        let doc: Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "{name}: not JSON ({e}): {}",
                String::from_utf8_lossy(&bytes)
            )
        });
        let v = validator(name);
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{name}: {doc:#}");
        // the document has substance: the schemas are not checked against empty lists only
        match name {
            "check" => assert!(doc["findings"].as_array().is_some_and(|f| !f.is_empty())),
            "diff" => assert!(
                doc["changes"].as_array().is_some_and(|c| c.len() >= 2),
                "{doc}"
            ),
            "history" => assert_eq!(doc["timeline"].as_array().map(Vec::len), Some(2), "{doc}"),
            _ => assert_eq!(doc["worsened"].as_array().map(Vec::len), Some(1), "{doc}"),
        }
    }
}

#[test]
fn the_schemas_refuse_broken_documents() {
    let dir = repository();
    for (name, bytes) in outputs(dir.path()) {
        let doc: Value = serde_json::from_slice(&bytes).expect("JSON");
        let v = validator(name);
        let mut missing = doc.clone();
        let first_key = match name {
            "check" => "summary",
            "diff" => "changes",
            "history" => "timeline",
            _ => "worsened",
        };
        missing.as_object_mut().expect("object").remove(first_key);
        assert!(
            !errors(&v, &missing).is_empty(),
            "{name} without {first_key} passed"
        );
        let mut wrong = doc.clone();
        wrong[first_key] = Value::String("nonsense".into());
        assert!(
            !errors(&v, &wrong).is_empty(),
            "{name} with a string {first_key} passed"
        );
    }
    // a finding with an unknown severity, a change of an unknown kind
    let (_, bytes) = planlint(
        dir.path(),
        &["check", "--as-of", "2015-12-01", "--format", "json"],
    );
    let mut doc: Value = serde_json::from_slice(&bytes).expect("JSON");
    doc["findings"][0]["severity"] = "fatal".into();
    assert!(!errors(&validator("check"), &doc).is_empty());
    let (_, bytes) = planlint(
        dir.path(),
        &["diff", "review-1", "review-2", "--format", "json"],
    );
    let mut doc: Value = serde_json::from_slice(&bytes).expect("JSON");
    doc["changes"][0]["kind"] = "teleported".into();
    assert!(!errors(&validator("diff"), &doc).is_empty());
}

#[test]
fn planlint_schema_prints_the_published_schemas() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["check", "diff", "history", "report"] {
        let (code, printed) = planlint(dir.path(), &["schema", "--output", name]);
        assert_eq!(code, 0);
        assert_eq!(
            printed,
            std::fs::read(schema_file(name)).expect("schema file"),
            "{name}"
        );
    }
    let (_, plan) = planlint(dir.path(), &["schema"]);
    assert_eq!(
        plan,
        std::fs::read(root().join("schema/plan-v1.schema.json")).expect("plan schema")
    );
    let out = Command::cargo_bin("planlint")
        .expect("binary")
        .args(["schema", "--output", "export"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("check") && err.contains("report"), "{err}");
}

#[test]
fn check_jsonschema_accepts_every_output() {
    if !common::pip_tool("check-jsonschema") {
        return;
    }
    let dir = repository();
    let out_dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in outputs(dir.path()) {
        let file = out_dir.path().join(format!("{name}.json"));
        std::fs::write(&file, &bytes).expect("write");
        let run = |file: &Path| {
            std::process::Command::new("check-jsonschema")
                .arg("--schemafile")
                .arg(schema_file(name))
                .arg(file)
                .output()
                .expect("run check-jsonschema")
        };
        let out = run(&file);
        assert!(
            out.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // and it refuses the output with a key taken out
        let mut doc: Value = serde_json::from_slice(&bytes).expect("JSON");
        let key = doc
            .as_object()
            .and_then(|o| o.keys().next().cloned())
            .expect("a key");
        doc.as_object_mut().expect("object").remove(&key);
        let broken = out_dir.path().join(format!("{name}-broken.json"));
        std::fs::write(&broken, doc.to_string()).expect("write");
        assert!(
            !run(&broken).status.success(),
            "{name} without {key} passed"
        );
    }
}
