//! Helpers the end-to-end tests share: a folder of plan files, the real binary, its JSON report.
#![allow(dead_code)] // each test crate uses its own subset

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

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

/// Whether the outside tool `name` (from PyPI; `.ci/run` installs it) answers `--version`.
/// Without it a test skips with a message on a developer's machine; in CI (`CI` set) it fails.
pub fn pip_tool(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} must be installed in CI (see .ci/run)"
        );
        eprintln!("skipped: {name} is not installed (pip install {name})");
    }
    found
}
