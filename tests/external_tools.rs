//! The schema works outside planlint: the real check-jsonschema (PyPI) accepts the shipped
//! example plans and refuses a broken one. `.ci/run` installs it; on a developer's machine
//! without it the test says so and passes, in CI (CI=true) it fails.

use std::path::Path;
use std::process::Command;

fn tool(name: &str) -> Option<String> {
    let found = Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(name.to_string());
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{name} must be installed in CI (see .ci/run)"
    );
    eprintln!("skipped: {name} is not installed (pip install {name})");
    None
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_jsonschema_accepts_every_example_plan() {
    let Some(bin) = tool("check-jsonschema") else {
        return;
    };
    let plans: Vec<_> = std::fs::read_dir(root().join("examples/plans"))
        .expect("examples/plans")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert!(plans.len() >= 4, "{plans:?}");
    let out = Command::new(&bin)
        .arg("--schemafile")
        .arg(root().join("schema/plan-v1.schema.json"))
        .args(&plans)
        .output()
        .expect("run check-jsonschema");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_jsonschema_refuses_a_misspelt_key_and_a_bad_date() {
    let Some(bin) = tool("check-jsonschema") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        ("laeds.toml", "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"1\"\ntitle = \"x\"\nlaeds = [\"a\"]\n"),
        ("date.toml", "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n[[actions]]\nid = \"1\"\ntitle = \"x\"\n[[actions.updates]]\ndate = \"last week\"\ntext = \"t\"\n"),
    ];
    for (name, text) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        let out = Command::new(&bin)
            .arg("--schemafile")
            .arg(root().join("schema/plan-v1.schema.json"))
            .arg(&path)
            .output()
            .expect("run check-jsonschema");
        assert!(!out.status.success(), "{name} passed check-jsonschema");
    }
}
