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
