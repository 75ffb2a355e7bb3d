//! `planlint init` end to end: what it writes, that the result passes `planlint check`, that it
//! keeps what exists unless `--force`, adds its hook to an existing pre-commit configuration
//! (comments and layout kept), and maps the plan globs to the schema for editors.

use crate::common;

use crate::common::planlint_git as planlint;
use std::path::Path;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

#[test]
fn a_fresh_init_passes_check_and_says_what_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = planlint(dir.path()).arg("init").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    for line in [
        "  wrote planlint.toml",
        "  wrote plans/example.toml",
        "  wrote schema/plan-v1.schema.json",
        "  wrote .taplo.toml",
        "  wrote tombi.toml",
        "  wrote .pre-commit-config.yaml",
        "next steps:",
        "planlint check",
        "pre-commit install",
        "planlint hook install",
    ] {
        assert!(said.contains(line), "`{line}` missing from:\n{said}");
    }
    for file in [
        "planlint.toml",
        "plans/example.toml",
        ".pre-commit-config.yaml",
        "schema/plan-v1.schema.json",
        ".taplo.toml",
        "tombi.toml",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    // the example is dated from today, so it is a live plan when it is written
    planlint(dir.path())
        .args(["check", "--as-of", &today(), "--format", "concise"])
        .assert()
        .code(0)
        .stdout("no problems in 1 plan (2 actions)\n");
    // and planlint.toml is the one found (a broken one would be exit 2)
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[rules]\nvague-leed = \"off\"\n",
    )
    .expect("write");
    planlint(dir.path())
        .args(["check", "--as-of", &today()])
        .assert()
        .code(2);
}

#[test]
fn init_writes_at_the_root_of_the_enclosing_repository() {
    let dir = tempfile::tempdir().expect("temp dir");
    git2::Repository::init(dir.path()).expect("git init");
    let sub = dir.path().join("docs/board");
    std::fs::create_dir_all(&sub).expect("mkdir");
    planlint(&sub).arg("init").assert().code(0);
    assert!(dir.path().join("planlint.toml").is_file());
    assert!(dir.path().join("plans/example.toml").is_file());
    assert!(!sub.join("planlint.toml").exists());
}

#[test]
fn init_keeps_existing_files_and_names_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = "[rules]\nstale-action = \"off\"\n";
    std::fs::write(dir.path().join("planlint.toml"), config).expect("write");
    let out = planlint(dir.path()).arg("init").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("  kept planlint.toml (it exists; --force replaces it)")
            && said.contains("  wrote plans/example.toml")
            && said.contains("  wrote .pre-commit-config.yaml"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("planlint.toml")).expect("read"),
        config
    );
    // --force replaces it with init's own, in one step (nothing left beside it)
    let out = planlint(dir.path())
        .args(["init", "--force"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("  replaced planlint.toml"), "{said}");
    assert!(
        said.contains("  kept .pre-commit-config.yaml (it already runs planlint)"),
        "{said}"
    );
    let now = std::fs::read_to_string(dir.path().join("planlint.toml")).expect("read");
    assert!(now.starts_with("# planlint configuration."), "{now}");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".pre-commit-config.yaml",
            ".taplo.toml",
            "planlint.toml",
            "plans",
            "schema",
            "tombi.toml"
        ]
    );
}

/// The real pre-commit accepts the configuration (skipped without it, required in CI).
fn pre_commit_accepts(path: &Path) {
    if !common::pip_tool("pre-commit") {
        return;
    }
    let out = std::process::Command::new("pre-commit")
        .arg("validate-config")
        .arg(path)
        .output()
        .expect("run pre-commit");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn init_adds_its_hook_to_an_existing_pre_commit_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let theirs = "\
# our hooks: keep this comment
default_stages: [pre-commit]
repos:
    # whitespace first
    -   repo: https://github.com/pre-commit/pre-commit-hooks
        rev: v5.0.0
        hooks:
        -   id: trailing-whitespace

# after the list
fail_fast: false
";
    let path = dir.path().join(".pre-commit-config.yaml");
    std::fs::write(&path, theirs).expect("write");
    let out = planlint(dir.path()).arg("init").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("  added the planlint hook to .pre-commit-config.yaml"),
        "{said}"
    );
    let now = std::fs::read_to_string(&path).expect("read");
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        now,
        format!(
            "\
# our hooks: keep this comment
default_stages: [pre-commit]
repos:
    # whitespace first
    -   repo: https://github.com/pre-commit/pre-commit-hooks
        rev: v5.0.0
        hooks:
        -   id: trailing-whitespace
    - repo: https://github.com/planlint/planlint
      rev: v{version}
      hooks:
        - id: planlint

# after the list
fail_fast: false
"
        )
    );
    pre_commit_accepts(&path);
    // a second run finds it there and changes nothing
    let out = planlint(dir.path()).arg("init").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("  kept .pre-commit-config.yaml (it already runs planlint)"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), now);
}

#[test]
fn init_fills_an_empty_repos_list_and_refuses_a_flow_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(".pre-commit-config.yaml");
    std::fs::write(&path, "repos: []  # none yet\n").expect("write");
    planlint(dir.path()).arg("init").assert().code(0);
    let now = std::fs::read_to_string(&path).expect("read");
    assert!(
        now.starts_with("repos:\n  - repo: https://github.com/planlint/planlint\n"),
        "{now}"
    );
    pre_commit_accepts(&path);

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(".pre-commit-config.yaml");
    let flow = "repos: [{repo: local, hooks: []}]\n";
    std::fs::write(&path, flow).expect("write");
    let out = planlint(dir.path()).arg("init").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`repos:` is written in flow style") && err.contains("- id: planlint"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), flow);
}

#[test]
fn init_maps_the_configured_plan_globs_to_the_schema_for_editors() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[plans]\ninclude = [\"boards/**/*.toml\", \"plans/*.toml\"]\n",
    )
    .expect("write");
    planlint(dir.path()).arg("init").assert().code(0);
    let taplo: toml::Table = std::fs::read_to_string(dir.path().join(".taplo.toml"))
        .expect("read")
        .parse()
        .expect("TOML");
    let rule = &taplo["rule"][0];
    assert_eq!(
        rule["include"],
        toml::Value::Array(vec!["boards/**/*.toml".into(), "plans/*.toml".into()])
    );
    assert_eq!(
        rule["schema"]["path"].as_str(),
        Some("./schema/plan-v1.schema.json")
    );
    let tombi: toml::Table = std::fs::read_to_string(dir.path().join("tombi.toml"))
        .expect("read")
        .parse()
        .expect("TOML");
    let schema = &tombi["schemas"][0];
    assert_eq!(
        schema["path"].as_str(),
        Some("./schema/plan-v1.schema.json")
    );
    assert_eq!(schema["include"], rule["include"]);
    // the schema written is the one planlint checks with
    let written =
        std::fs::read_to_string(dir.path().join("schema/plan-v1.schema.json")).expect("read");
    let printed = planlint(dir.path()).arg("schema").output().expect("run");
    assert_eq!(written.as_bytes(), printed.stdout.as_slice());
}

/// The real tool, when installed (`pip install taplo tombi`); in CI (`CI` set) it must be.
fn editor_tool(name: &str) -> bool {
    common::pip_tool(name)
}

/// Runs an editor tool in `dir` with nothing but the files init wrote to tell it the schema.
fn lint_with(dir: &Path, tool: &str, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(tool)
        .current_dir(dir)
        .args(args)
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the tool");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

const MISSPELT: &str = "schema_version = 1\n[plan]\nid = \"p\"\ntitle = \"t\"\n\n[[actions]]\nid = \"1\"\ntitle = \"x\"\nlaeds = [\"a\"]\n";

#[test]
fn taplo_checks_plans_against_the_schema_through_init_s_taplo_toml() {
    if !editor_tool("taplo") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    planlint(dir.path()).arg("init").assert().code(0);
    std::fs::write(dir.path().join("plans/misspelt.toml"), MISSPELT).expect("write");
    let (ok, said) = lint_with(dir.path(), "taplo", &["lint", "plans/example.toml"]);
    assert!(ok, "{said}");
    let (ok, said) = lint_with(dir.path(), "taplo", &["lint", "plans/misspelt.toml"]);
    assert!(!ok && said.contains("laeds"), "{said}");
    // without .taplo.toml, taplo knows no schema and lets the typo through: the file is what works
    std::fs::remove_file(dir.path().join(".taplo.toml")).expect("remove");
    let (ok, said) = lint_with(dir.path(), "taplo", &["lint", "plans/misspelt.toml"]);
    assert!(ok, "{said}");
}

#[test]
fn tombi_checks_plans_against_the_schema_through_init_s_tombi_toml() {
    if !editor_tool("tombi") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    planlint(dir.path()).arg("init").assert().code(0);
    std::fs::write(dir.path().join("plans/misspelt.toml"), MISSPELT).expect("write");
    let (ok, said) = lint_with(
        dir.path(),
        "tombi",
        &["lint", "--offline", "plans/misspelt.toml"],
    );
    assert!(!ok && said.contains("\"laeds\" is not allowed"), "{said}");
    std::fs::remove_file(dir.path().join("tombi.toml")).expect("remove");
    let (_, said) = lint_with(
        dir.path(),
        "tombi",
        &["lint", "--offline", "plans/misspelt.toml"],
    );
    assert!(!said.contains("\"laeds\" is not allowed"), "{said}");
}

#[test]
fn init_in_a_repository_with_plans_adds_no_example_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("boards/2015")).expect("mkdir");
    std::fs::write(
        dir.path().join("planlint.toml"),
        "[plans]\ninclude = [\"boards/**/*.toml\"]\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("boards/2015/bexley.toml"),
        "schema_version = 1\n[plan]\nid = \"bexley\"\ntitle = \"Bexley\"\n",
    )
    .expect("write");
    for args in [&["init"][..], &["init", "--force"][..]] {
        let out = planlint(dir.path()).args(args).output().expect("run");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            said.contains(
                "  left out plans/example.toml (there are plans already: boards/2015/bexley.toml)"
            ),
            "{said}"
        );
        assert!(!dir.path().join("plans/example.toml").exists(), "{args:?}");
    }
}
