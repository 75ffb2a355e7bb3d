//! Hooks end to end: `planlint hook install | uninstall` on real git repositories, a commit
//! through the installed hook, and this repository used as a hook source by the real
//! pre-commit framework (PyPI) with the README's configuration. Tools that are missing are
//! skipped with a message, except in CI (CI=true), where `.ci/run` installs them.

use crate::common;

use crate::common::{git, git_cmd, planlint_git as planlint, text, DATE};
use std::path::{Path, PathBuf};

const BROKEN: &str = r#"schema_version = 1

[plan]
id = "bexley-crisis-care"
title = "Bexley crisis care action plan"

[[actions]]
id = "12"
title = "Street triage pilot"
rag = "Yellow"
"#;

const GOOD: &str = r#"schema_version = 1

[plan]
id = "bexley-crisis-care"
title = "Bexley crisis care action plan"

[[actions]]
id = "12"
title = "Street triage pilot"
leads = ["Metropolitan Police"]
due = 2015-03-31
status = "complete"
rag = "green"

[[actions.updates]]
date = 2015-03-20
text = "Pilot running seven days a week."
rag = "green"
"#;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn new_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    git(dir.path(), &["init", "--quiet"]);
    dir
}

fn hook_path(repo: &Path) -> PathBuf {
    repo.join(".git/hooks/pre-commit")
}

#[test]
fn install_writes_an_executable_hook_that_runs_check_staged() {
    let repo = new_repo();
    let out = planlint(repo.path())
        .args(["hook", "install"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("installed the planlint pre-commit hook at")
            && text(&out).contains("planlint check --staged"),
        "{}",
        text(&out)
    );
    let hook = std::fs::read_to_string(hook_path(repo.path())).expect("hook written");
    assert!(
        hook.starts_with("#!/bin/sh\n# planlint-managed-hook"),
        "{hook}"
    );
    assert!(
        hook.contains(r#"exec "$planlint" check --staged"#),
        "{hook}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(hook_path(repo.path()))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111, "hook is not executable: {mode:o}");
    }
    // again: nothing to do, same hook
    planlint(repo.path())
        .args(["hook", "install"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("already installed"));
    planlint(repo.path())
        .args(["hook", "uninstall"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "removed the planlint pre-commit hook",
        ));
    assert!(!hook_path(repo.path()).exists());
    planlint(repo.path())
        .args(["hook", "uninstall"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("nothing to remove"));
}

#[test]
fn install_follows_core_hooks_path_and_works_from_a_subfolder() {
    let repo = new_repo();
    git(repo.path(), &["config", "core.hooksPath", ".githooks"]);
    std::fs::create_dir_all(repo.path().join("plans/2015")).expect("mkdir");
    planlint(&repo.path().join("plans/2015"))
        .args(["hook", "install"])
        .assert()
        .code(0);
    let hook = repo.path().join(".githooks/pre-commit");
    assert!(
        std::fs::read_to_string(&hook)
            .expect("hook in core.hooksPath")
            .contains("check --staged"),
        "{}",
        hook.display()
    );
    assert!(!hook_path(repo.path()).exists());
}

#[test]
fn install_from_a_worktree_writes_the_shared_hook() {
    let repo = new_repo();
    std::fs::write(repo.path().join("README"), "plans\n").expect("write");
    git(repo.path(), &["add", "README"]);
    git(repo.path(), &["commit", "--quiet", "-m", "start"]);
    let wt = repo.path().join("wt");
    git(
        repo.path(),
        &[
            "worktree",
            "add",
            "--quiet",
            wt.to_str().expect("utf-8"),
            "-b",
            "w",
        ],
    );
    planlint(&wt).args(["hook", "install"]).assert().code(0);
    // git runs the hooks of the common git dir from every worktree
    assert!(hook_path(repo.path()).is_file());
}

#[test]
fn a_hook_planlint_did_not_write_is_kept_unless_forced_and_restored_on_uninstall() {
    let repo = new_repo();
    let theirs = "#!/bin/sh\nexec make lint\n";
    std::fs::create_dir_all(repo.path().join(".git/hooks")).expect("mkdir");
    std::fs::write(hook_path(repo.path()), theirs).expect("write");

    let out = planlint(repo.path())
        .args(["hook", "install"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("planlint: error: ")
            && err.contains("already exists and was not written by planlint")
            && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(hook_path(repo.path())).expect("hook"),
        theirs
    );

    planlint(repo.path())
        .args(["hook", "uninstall"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("was not written by planlint"));
    assert_eq!(
        std::fs::read_to_string(hook_path(repo.path())).expect("hook"),
        theirs
    );

    planlint(repo.path())
        .args(["hook", "install", "--force"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("pre-commit.planlint-backup"));
    assert!(std::fs::read_to_string(hook_path(repo.path()))
        .expect("hook")
        .contains("check --staged"));
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".git/hooks/pre-commit.planlint-backup"))
            .expect("backup"),
        theirs
    );

    planlint(repo.path())
        .args(["hook", "uninstall"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("put back the previous one"));
    assert_eq!(
        std::fs::read_to_string(hook_path(repo.path())).expect("hook"),
        theirs
    );
    assert!(!repo
        .path()
        .join(".git/hooks/pre-commit.planlint-backup")
        .exists());
}

#[test]
fn install_outside_a_repository_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    planlint(dir.path())
        .env(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().expect("parent"),
        )
        .args(["hook", "install"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not inside a git repository"));
}

#[test]
fn the_installed_hook_refuses_a_commit_of_a_broken_plan_as_staged() {
    let repo = new_repo();
    let dir = repo.path();
    planlint(dir).args(["hook", "install"]).assert().code(0);
    std::fs::create_dir_all(dir.join("plans")).expect("mkdir");
    std::fs::write(dir.join("plans/bexley.toml"), BROKEN).expect("write");
    git(dir, &["add", "plans/bexley.toml"]);
    // fixed in the work tree but not staged: the commit would still hold the broken plan
    std::fs::write(dir.join("plans/bexley.toml"), GOOD).expect("write");
    let out = git_cmd(dir, DATE)
        .args(["commit", "-m", "broken plan"])
        .output()
        .expect("run git");
    assert!(!out.status.success(), "commit passed: {}", text(&out));
    assert!(
        text(&out).contains("plans/bexley.toml:10:7: error[rag-unknown]"),
        "{}",
        text(&out)
    );
    git(dir, &["add", "plans/bexley.toml"]);
    let out = git_cmd(dir, DATE)
        .args(["commit", "-m", "good plan"])
        .output()
        .expect("run git");
    assert!(out.status.success(), "{}", text(&out));
}

/// The YAML of the README's "Use as a pre-commit hook" section.
fn readme_pre_commit_config() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let section = readme
        .split("\n## Use as a pre-commit hook\n")
        .nth(1)
        .expect("README has a \"Use as a pre-commit hook\" section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let start = section.find("```yaml\n").expect("a yaml snippet") + "```yaml\n".len();
    let len = section[start..].find("```").expect("end of the snippet");
    section[start..start + len].to_string()
}

#[test]
fn the_readme_pre_commit_config_is_what_init_writes() {
    assert_eq!(
        readme_pre_commit_config(),
        planlint::setup::init::pre_commit_config()
    );
}

/// A git repository holding this work tree as it is now (tracked and new files, not ignored
/// ones), so pre-commit installs the hook from the code under test, committed or not.
pub(crate) fn snapshot_of_this_repository(dest: &Path) -> String {
    let files = git(
        root(),
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    for name in files.split('\0').filter(|n| !n.is_empty()) {
        let from = root().join(name);
        if !from.is_file() {
            continue; // deleted in the work tree
        }
        let to = dest.join(name);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&from, &to).expect("copy");
    }
    git(dest, &["init", "--quiet"]);
    git(dest, &["add", "--all"]);
    git(dest, &["commit", "--quiet", "-m", "snapshot"]);
    git(dest, &["rev-parse", "HEAD"]).trim().to_string()
}

/// `.pre-commit-hooks.yaml` is what the framework expects.
#[test]
fn pre_commit_accepts_the_hook_manifest() {
    if !pre_commit_installed() {
        return;
    }
    let out = std::process::Command::new("pre-commit")
        .arg("validate-manifest")
        .arg(root().join(".pre-commit-hooks.yaml"))
        .output()
        .expect("run pre-commit");
    assert!(out.status.success(), "{}", text(&out));
}

pub(crate) fn pre_commit_installed() -> bool {
    common::pip_tool("pre-commit")
}

/// The planlint wheel `.ci/run` builds with maturin (`target/wheels`), when it is there.
fn built_wheel() -> Option<PathBuf> {
    let dir = root().join("target/wheels");
    let prefix = format!("planlint-{}-", env!("CARGO_PKG_VERSION"));
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries.filter_map(|e| e.ok().map(|e| e.path())).find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".whl"))
        })
    });
    if found.is_none() {
        common::skip_unless_ci(
            "the planlint wheel in target/wheels",
            "cd python && maturin build --release -o ../target/wheels",
        );
    }
    found
}

/// The whole story with the real framework: the README's configuration pointing at this
/// repository, `pre-commit install`, a refused commit with the finding shown, a good one.
///
/// The `planlint` hook is `language: python`: pre-commit installs this repository's small
/// pyproject.toml, which depends on the planlint wheel. Until a release is on PyPI the wheel
/// comes from `target/wheels` (`PIP_FIND_LINKS`), as `.ci/run` builds it: nothing is compiled
/// by pre-commit. The time the first run took is printed.
#[test]
fn pre_commit_framework_installs_the_wheel_and_refuses_a_broken_plan() {
    if !pre_commit_installed() {
        return;
    }
    let Some(wheel) = built_wheel() else {
        return;
    };
    let started = std::time::Instant::now();
    let tmp = tempfile::tempdir().expect("temp dir");
    let source = tmp.path().join("planlint-src");
    let rev = snapshot_of_this_repository(&source);

    let config = readme_pre_commit_config();
    let url = "https://github.com/planlint/planlint";
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    assert!(
        config.contains(url) && config.contains(&tag),
        "README snippet: {config}"
    );
    let config = config
        .replace(url, source.to_str().expect("utf-8 path"))
        .replace(&tag, &rev);

    let repo = tmp.path().join("plans-repo");
    std::fs::create_dir_all(repo.join("plans")).expect("mkdir");
    git(&repo, &["init", "--quiet"]);
    std::fs::write(repo.join(".pre-commit-config.yaml"), &config).expect("write");

    let run = |args: &[&str], program: &str| {
        let mut c = if program == "git" {
            git_cmd(&repo, DATE)
        } else {
            let mut c = std::process::Command::new(program);
            c.current_dir(&repo)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_GLOBAL", "/dev/null");
            c
        };
        c.args(args)
            .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-cache"))
            .env("PIP_FIND_LINKS", wheel.parent().expect("wheel folder"))
            // nothing may be compiled: a cargo on PATH would be a sign the rust hook ran
            .env("CARGO", "/nonexistent")
            .env("NO_COLOR", "1")
            .output()
            .expect("run")
    };
    let out = run(&["install"], "pre-commit");
    assert!(out.status.success(), "{}", text(&out));

    std::fs::write(repo.join("plans/bexley.toml"), BROKEN).expect("write");
    git(&repo, &["add", "--all"]);
    let out = run(&["commit", "-m", "broken plan"], "git");
    let shown = text(&out);
    assert!(!out.status.success(), "broken plan committed: {shown}");
    assert!(
        shown.contains("plans/bexley.toml:10:7: error[rag-unknown] action rating `Yellow` is not on the rag scale"),
        "{shown}"
    );
    assert!(
        shown.contains("planlint") && shown.contains("Failed"),
        "{shown}"
    );
    assert!(
        git_cmd(&repo, DATE)
            .args(["rev-parse", "--verify", "--quiet", "HEAD"])
            .output()
            .expect("git")
            .stdout
            .is_empty(),
        "a commit was made"
    );

    // fixed; and TOML outside plans/ that is no plan is not the hook's business
    std::fs::write(repo.join("plans/bexley.toml"), GOOD).expect("write");
    std::fs::write(
        repo.join("pyproject.toml"),
        "[tool.black]\nline-length = 99\n",
    )
    .expect("write");
    git(&repo, &["add", "--all"]);
    let out = run(&["commit", "-m", "good plan"], "git");
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("planlint") && text(&out).contains("Passed"),
        "{}",
        text(&out)
    );
    eprintln!(
        "pre-commit end to end (installing the hook from the wheel, two commits) took {:.0?}",
        started.elapsed()
    );
}

/// The hook as git runs it, with a stand-in `planlint` on PATH (the one without an installing
/// binary to fall back to): its exit status decides the commit, and it is asked for
/// `check --staged`; without any planlint the hook says how to get one.
#[cfg(unix)]
#[test]
fn git_runs_the_hook_and_its_planlint_decides_the_commit() {
    use std::os::unix::fs::PermissionsExt;
    let repo = new_repo();
    let dir = repo.path();
    let hooks = dir.join(".git/hooks");
    std::fs::create_dir_all(&hooks).expect("mkdir");
    std::fs::write(
        hooks.join("pre-commit"),
        planlint::setup::hook::script(None),
    )
    .expect("write");
    std::fs::set_permissions(
        hooks.join("pre-commit"),
        std::fs::Permissions::from_mode(0o755),
    )
    .expect("chmod");
    let bin = tempfile::tempdir().expect("temp dir");
    let fake = |status: i32| {
        let path = bin.path().join("planlint");
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho \"stand-in planlint: $*\"\nexit {status}\n"),
        )
        .expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    };
    let system_path = std::env::var_os("PATH").unwrap_or_default();
    let with_fake = std::env::join_paths(
        std::iter::once(bin.path().to_path_buf()).chain(std::env::split_paths(&system_path)),
    )
    .expect("PATH");
    std::fs::write(dir.join("plan.toml"), "schema_version = 1\n").expect("write");
    git(dir, &["add", "plan.toml"]);

    fake(1);
    let out = git_cmd(dir, DATE)
        .env("PATH", &with_fake)
        .args(["commit", "-m", "refused"])
        .output()
        .expect("git");
    assert!(!out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("stand-in planlint: check --staged"),
        "{}",
        text(&out)
    );

    fake(0);
    let out = git_cmd(dir, DATE)
        .env("PATH", &with_fake)
        .args(["commit", "-m", "accepted"])
        .output()
        .expect("git");
    assert!(out.status.success(), "{}", text(&out));

    // no planlint anywhere: the hook refuses and says what to do
    let out = std::process::Command::new("/bin/sh")
        .arg(hooks.join("pre-commit"))
        .current_dir(dir)
        .env("PATH", "/nonexistent")
        .output()
        .expect("sh");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("planlint is not installed"),
        "{}",
        text(&out)
    );
}

/// The `planlint-system` hook (planlint from PATH, nothing to build) through
/// `pre-commit try-repo`: the broken plan fails with its finding, TOML that is no plan is
/// never handed to planlint, a good plan passes.
#[test]
fn pre_commit_try_repo_with_the_system_hook_checks_plan_files_only() {
    if !pre_commit_installed() {
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let source = tmp.path().join("planlint-src");
    snapshot_of_this_repository(&source);
    let repo = tmp.path().join("plans-repo");
    std::fs::create_dir_all(repo.join("plans")).expect("mkdir");
    git(&repo, &["init", "--quiet"]);
    std::fs::write(repo.join("plans/broken.toml"), BROKEN).expect("write");
    std::fs::write(
        repo.join("plans/good.toml"),
        GOOD.replace("bexley", "bromley"),
    )
    .expect("write");
    std::fs::write(repo.join("notes.toml"), "this is [not toml\n").expect("write");
    git(&repo, &["add", "--all"]);

    let bin = assert_cmd::cargo::cargo_bin("planlint");
    let path = std::env::join_paths(
        std::iter::once(bin.parent().expect("bin dir").to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .expect("PATH");
    let try_repo = |files: &[&str]| {
        let out = std::process::Command::new("pre-commit")
            .arg("try-repo")
            .arg(&source)
            .arg("planlint-system")
            .arg("--files")
            .args(files)
            .current_dir(&repo)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-cache"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("NO_COLOR", "1")
            .output()
            .expect("run pre-commit");
        (out.status.code(), text(&out))
    };
    let (code, shown) = try_repo(&["plans/broken.toml", "notes.toml"]);
    assert_eq!(code, Some(1), "{shown}");
    assert!(
        shown.contains("plans/broken.toml:10:7: error[rag-unknown]"),
        "{shown}"
    );
    assert!(!shown.contains("notes.toml:"), "{shown}");
    let (code, shown) = try_repo(&["plans/good.toml", "notes.toml"]);
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("Passed"), "{shown}");
}

/// One version everywhere: the crate's. The pre-commit shim's version and the planlint wheel it
/// pins, and the tag `init` writes, follow Cargo.toml (the wheel's own version is dynamic).
#[test]
fn the_pre_commit_shim_pins_the_crate_version() {
    let version = env!("CARGO_PKG_VERSION");
    let shim: toml::Table = std::fs::read_to_string(root().join("pyproject.toml"))
        .expect("pyproject.toml")
        .parse()
        .expect("TOML");
    assert_eq!(shim["project"]["version"].as_str(), Some(version));
    let deps = shim["project"]["dependencies"].as_array().expect("deps");
    assert_eq!(
        deps.iter()
            .map(|d| d.as_str().expect("str"))
            .collect::<Vec<_>>(),
        vec![format!("planlint=={version}")]
    );
    let wheel: toml::Table = std::fs::read_to_string(root().join("python/pyproject.toml"))
        .expect("python/pyproject.toml")
        .parse()
        .expect("TOML");
    assert_eq!(wheel["project"]["name"].as_str(), Some("planlint"));
    assert!(
        wheel["project"].get("version").is_none(),
        "the wheel's version comes from Cargo.toml"
    );
    assert!(planlint::setup::init::pre_commit_config().contains(&format!("rev: v{version}\n")));
}

#[test]
fn every_foreign_hook_forced_over_keeps_its_own_backup() {
    let repo = new_repo();
    let hooks = repo.path().join(".git/hooks");
    std::fs::create_dir_all(&hooks).expect("mkdir");
    let first = "#!/bin/sh\nexec make lint\n";
    let second = "#!/bin/sh\nexec ./scripts/check-spelling\n";
    std::fs::write(hook_path(repo.path()), first).expect("write");
    planlint(repo.path())
        .args(["hook", "install", "--force"])
        .assert()
        .code(0);
    // the user puts a hook of their own back, and planlint is forced over it again
    std::fs::write(hook_path(repo.path()), second).expect("write");
    let out = planlint(repo.path())
        .args(["hook", "install", "--force"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("pre-commit.planlint-backup.1"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.planlint-backup")).expect("first backup"),
        first
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.planlint-backup.1")).expect("second backup"),
        second
    );
    // uninstall puts back the newest; the older backup stays where it is
    planlint(repo.path())
        .args(["hook", "uninstall"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(hook_path(repo.path())).expect("hook"),
        second
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.planlint-backup")).expect("first backup"),
        first
    );
}

#[test]
fn a_user_hook_with_planlints_marker_line_is_still_the_users() {
    let repo = new_repo();
    std::fs::create_dir_all(repo.path().join(".git/hooks")).expect("mkdir");
    // copied from planlint's hook and extended: not planlint's any more
    let theirs = "#!/bin/sh\n# planlint-managed-hook (written by `planlint hook install`)\nmake lint || exit 1\nexec planlint check --staged\n";
    std::fs::write(hook_path(repo.path()), theirs).expect("write");
    let out = planlint(repo.path())
        .args(["hook", "install"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--force"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(hook_path(repo.path())).expect("hook"),
        theirs
    );
    planlint(repo.path())
        .args(["hook", "uninstall"])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(hook_path(repo.path())).expect("hook"),
        theirs
    );
    planlint(repo.path())
        .args(["hook", "install", "--force"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".git/hooks/pre-commit.planlint-backup"))
            .expect("backup"),
        theirs
    );
}

#[test]
fn an_empty_core_hooks_path_is_refused_and_nothing_is_written() {
    let repo = new_repo();
    git(repo.path(), &["config", "core.hooksPath", ""]);
    let out = planlint(repo.path())
        .args(["hook", "install"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("core.hooksPath") && err.contains("empty"),
        "{err}"
    );
    assert!(!repo.path().join("pre-commit").exists());
    assert!(!hook_path(repo.path()).exists());
}
