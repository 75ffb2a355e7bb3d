//! Helpers the end-to-end tests share: a folder of plan files, the real binary, its JSON report,
//! git as the tests run it, and the skip (or, in CI, the failure) when an outside tool is missing.
pub mod office;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

/// The real `planlint`, started in `dir`, without colour.
pub fn planlint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("planlint").expect("binary");
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

/// A temporary folder holding each `(path, text)`.
pub fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// The top every small plan of the tests starts with: a schema version and the two keys a plan
/// needs, so only what a test adds after it can speak.
pub const HEAD: &str = "schema_version = 1\n\n[plan]\nid = \"p\"\ntitle = \"Plan\"\n";

/// What `say` makes of every finding of a JSON report, in order.
pub fn each_finding(report: &Value, say: impl Fn(&Value) -> String) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(say)
        .collect()
}

/// `rule line:col` of every finding of a JSON report.
pub fn places(report: &Value) -> Vec<String> {
    each_finding(report, |f| {
        format!(
            "{} {}:{}",
            f["rule"].as_str().unwrap_or("?"),
            f["line"],
            f["column"]
        )
    })
}

/// `rule file` of every finding of a JSON report.
pub fn rule_files(report: &Value) -> Vec<String> {
    each_finding(report, |f| {
        format!(
            "{} {}",
            f["rule"].as_str().unwrap_or(""),
            f["file"].as_str().unwrap_or("")
        )
    })
}

/// Runs `check --as-of 2015-12-01 --format json ARGS…` and returns (exit code, report).
pub fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = planlint(dir)
        .args(["check", "--as-of", "2015-12-01", "--format", "json"])
        .args(args)
        .output()
        .expect("run");
    let code = out.status.code().expect("exit code");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, json)
}

/// The variables of whatever started the tests (a git hook, say) that would point git, and
/// planlint's git, at another repository; the git helpers here run without them.
pub const GIT_ENV: [&str; 4] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
];

/// The date of a test's commits unless it names one.
pub const DATE: &str = "2015-11-30T12:00:00Z";

/// git in `dir` as every test runs it: no system or global configuration of the machine, `HOME`
/// in `dir`, none of [`GIT_ENV`], a fixed author and committer, and commits dated `date`
/// (`2015-11-30T12:00:00Z`), so a history is the same on every machine.
pub fn git_cmd(dir: &Path, date: &str) -> std::process::Command {
    let mut c = std::process::Command::new("git");
    c.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Plan Officer")
        .env("GIT_AUTHOR_EMAIL", "officer@example.org")
        .env("GIT_COMMITTER_NAME", "Plan Officer")
        .env("GIT_COMMITTER_EMAIL", "officer@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date);
    for v in GIT_ENV {
        c.env_remove(v);
    }
    c
}

/// Runs `git ARGS` in `dir` (see [`git_cmd`]) dated `date`, asserts it succeeded, and returns
/// its standard output.
pub fn git_at(dir: &Path, args: &[&str], date: &str) -> String {
    let out = git_cmd(dir, date).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// [`git_at`] dated [`DATE`].
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, args, DATE)
}

/// The real `planlint` in `dir` as [`git_cmd`] runs git: without colour, the machine's git
/// configuration or the caller's [`GIT_ENV`], with `HOME` in `dir`.
pub fn planlint_git(dir: &Path) -> Command {
    let mut c = planlint(dir);
    c.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir);
    for v in GIT_ENV {
        c.env_remove(v);
    }
    c
}

/// A finished command's standard output then standard error, for assertions and their messages.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// An outside tool a test needs (`what`) is missing: on a developer's machine the test says so
/// and how to get it (`how`), and skips; in CI (`CI` set), where `.ci/run` installs every such
/// tool, that is a failure.
pub fn skip_unless_ci(what: &str, how: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} must be installed in CI (see .ci/run)"
    );
    eprintln!("skipped: {what} is not installed ({how})");
}

/// Whether the outside tool `name` (from PyPI; `.ci/run` installs it) answers `--version`.
/// Without it a test skips with a message on a developer's machine; in CI (`CI` set) it fails.
pub fn pip_tool(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        skip_unless_ci(name, &format!("pip install {name}"));
    }
    found
}
