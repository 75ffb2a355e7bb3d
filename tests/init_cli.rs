//! `planlint init` end to end: what it writes, that the result passes `planlint check`, and that
//! it never overwrites.

use assert_cmd::Command;
use std::path::Path;

fn planlint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("planlint").expect("binary");
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    c
}

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
fn init_refuses_to_overwrite_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ours = "repos: []\n";
    std::fs::write(dir.path().join(".pre-commit-config.yaml"), ours).expect("write");
    std::fs::write(dir.path().join("planlint.toml"), "").expect("write");
    let out = planlint(dir.path()).arg("init").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "planlint: error: not overwriting planlint.toml, .pre-commit-config.yaml in "
        ) && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".pre-commit-config.yaml")).expect("read"),
        ours
    );
    assert!(!dir.path().join("plans").exists());
}
