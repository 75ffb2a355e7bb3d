//! What a change adds, end to end on real git repositories: `check --new-from-rev`,
//! `--new-from-merge-base`, the hook judging only what a commit adds once the repository has a
//! baseline or `[hook] judge = "new"`, and the fingerprints SARIF and GitLab carry.

use crate::common::{git, git_cmd, planlint_git as planlint, text, DATE};
use serde_json::Value;
use std::path::Path;

/// A legacy plan: `n` actions, each rated "Yellow" (off the rag scale: an error each) and past
/// due without an update (another error each).
fn legacy(n: usize) -> String {
    let mut s = String::from(
        "schema_version = 1\n\n[plan]\nid = \"legacy\"\ntitle = \"Crisis care concordat action plan 2016\"\n",
    );
    for i in 1..=n {
        s.push_str(&action(&i.to_string(), "Yellow"));
    }
    s
}

fn action(id: &str, rag: &str) -> String {
    format!(
        "\n[[actions]]\nid = \"{id}\"\ntitle = \"Action {id}\"\nleads = [\"Public Health\"]\ndue = 2015-03-31\nstatus = \"in-progress\"\nrag = \"{rag}\"\n"
    )
}

/// A repository whose HEAD holds the legacy plan (and `extra` files), with planlint's hook.
fn legacy_repo(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("temp dir");
    let dir = repo.path();
    git(dir, &["init", "--quiet"]);
    std::fs::create_dir_all(dir.join("plans")).expect("mkdir");
    std::fs::write(dir.join("plans/legacy.toml"), legacy(35)).expect("write");
    for (name, text) in extra {
        std::fs::write(dir.join(name), text).expect("write");
    }
    git(dir, &["add", "."]);
    git(
        dir,
        &["commit", "--quiet", "-m", "Import the 2016 plan from Word"],
    );
    planlint(dir).args(["hook", "install"]).assert().code(0);
    repo
}

fn commit(dir: &Path, message: &str) -> (bool, String) {
    git(dir, &["add", "."]);
    let out = git_cmd(dir, DATE)
        .args(["commit", "-m", message])
        .output()
        .expect("run git");
    (out.status.success(), text(&out))
}

fn check_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = planlint(dir)
        .args(["check", "--as-of", "2015-12-01", "--format", "json"])
        .args(args)
        .output()
        .expect("run");
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out)));
    (
        out.status.code().expect("code"),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `(rule, severity, action, line)` of each finding.
fn found(report: &Value) -> Vec<(String, String, String, u64)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["severity"].as_str().unwrap_or("").to_string(),
                f["action"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn with_a_baseline_the_hook_passes_a_clean_update_and_refuses_only_what_a_commit_adds() {
    let repo = legacy_repo(&[(
        "planlint-baseline.toml",
        "# planlint baseline\nversion = 1\nfindings = []\n",
    )]);
    let dir = repo.path();
    // HEAD has 70 errors: a plain check sees them all
    let (code, all, _) = check_json(dir, &[]);
    assert_eq!(code, 1);
    assert!(
        all["summary"]["error"].as_u64().unwrap_or(0) >= 70,
        "{}",
        all["summary"]
    );

    // a clean update of a legacy action adds no error: the hook lets it through, shows the old
    // error on the action it touched as info with a note, and says what it did not count
    planlint(dir)
        .args([
            "update",
            "3",
            "--text",
            "Triage pilot running.",
            "--date",
            "2015-11-30",
        ])
        .assert()
        .code(0);
    let (ok, out) = commit(dir, "Update action 3");
    assert!(ok, "a clean update was refused: {out}");
    assert!(
        out.contains("judged against HEAD:") && out.contains("already there not counted"),
        "{out}"
    );
    assert!(
        out.contains("already at HEAD as an error, on an action this change touched"),
        "{out}"
    );
    assert!(!out.contains("error["), "{out}");

    // a commit that adds a finding fails and shows only it
    let mut plan = std::fs::read_to_string(dir.join("plans/legacy.toml")).expect("read");
    plan.push_str(&action("36", "Purple"));
    std::fs::write(dir.join("plans/legacy.toml"), &plan).expect("write");
    let (ok, out) = commit(dir, "Add action 36");
    assert!(!ok, "a new error passed the hook: {out}");
    let errors: Vec<&str> = out.lines().filter(|l| l.contains("error[")).collect();
    assert_eq!(errors.len(), 2, "{out}");
    assert!(
        errors.iter().any(|l| l.contains("error[rag-unknown]")),
        "{out}"
    );
    assert!(out.contains("`Purple`"), "{out}");
    assert!(!out.contains("`Yellow`"), "{out}");

    // --new-from-rev agrees with the hook: on the index and on the working tree
    for args in [
        &["--staged", "--new-from-rev", "HEAD"][..],
        &["--new-from-rev", "HEAD"][..],
        &["--staged"][..],
    ] {
        let (code, report, stderr) = check_json(dir, args);
        assert_eq!(code, 1, "{args:?} {stderr}");
        let errors: Vec<_> = found(&report)
            .into_iter()
            .filter(|f| f.1 == "error")
            .collect();
        assert_eq!(errors.len(), 2, "{args:?} {report}");
        assert!(errors.iter().all(|f| f.2 == "36"), "{args:?} {report}");
        assert!(stderr.contains("not counted"), "{args:?} {stderr}");
    }
    // --judge all is today's behaviour
    let (_, report, _) = check_json(dir, &["--staged", "--judge", "all"]);
    assert!(
        report["summary"]["error"].as_u64().unwrap_or(0) >= 71,
        "{}",
        report["summary"]
    );
}

#[test]
fn hook_judge_new_in_planlint_toml_does_the_same_and_all_keeps_every_finding() {
    let repo = legacy_repo(&[("planlint.toml", "[hook]\njudge = \"new\"\n")]);
    let dir = repo.path();
    let mut plan = std::fs::read_to_string(dir.join("plans/legacy.toml")).expect("read");
    plan = plan.replace("title = \"Action 7\"", "title = \"Action seven\"");
    std::fs::write(dir.join("plans/legacy.toml"), &plan).expect("write");
    let (ok, out) = commit(dir, "Retitle action 7");
    assert!(ok, "{out}");

    std::fs::write(dir.join("planlint.toml"), "[hook]\njudge = \"all\"\n").expect("write");
    plan = plan.replace("title = \"Action 8\"", "title = \"Action eight\"");
    std::fs::write(dir.join("plans/legacy.toml"), &plan).expect("write");
    let (ok, out) = commit(dir, "Retitle action 8");
    assert!(!ok, "judge = \"all\" let old errors through: {out}");
    assert!(out.contains("`Yellow`"), "{out}");

    std::fs::write(dir.join("planlint.toml"), "[hook]\njudge = \"some\"\n").expect("write");
    planlint(dir)
        .args(["check", "--staged"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("[hook] judge `some`"));
}

#[test]
fn without_a_baseline_the_hook_counts_every_finding_as_before() {
    let repo = legacy_repo(&[]);
    let dir = repo.path();
    let mut plan = std::fs::read_to_string(dir.join("plans/legacy.toml")).expect("read");
    plan = plan.replace("title = \"Action 7\"", "title = \"Action seven\"");
    std::fs::write(dir.join("plans/legacy.toml"), &plan).expect("write");
    let (ok, out) = commit(dir, "Retitle action 7");
    assert!(!ok, "{out}");
    assert!(!out.contains("judged against"), "{out}");
}

#[test]
fn moving_actions_adds_nothing_and_touches_nothing() {
    let repo = legacy_repo(&[]);
    let dir = repo.path();
    // action 35 moved to the top: every line number changes, no finding is new
    let plan = std::fs::read_to_string(dir.join("plans/legacy.toml")).expect("read");
    let last = action("35", "Yellow");
    let moved =
        plan.replace(&last, "")
            .replacen("\n[[actions]]", &format!("{last}\n[[actions]]"), 1);
    assert_ne!(moved, plan);
    std::fs::write(dir.join("plans/legacy.toml"), &moved).expect("write");
    let (code, report, stderr) = check_json(dir, &["--new-from-rev", "HEAD"]);
    assert_eq!(code, 0, "{report} {stderr}");
    assert_eq!(found(&report), vec![], "{stderr}");
    assert!(
        stderr.contains(
            "judged against HEAD: 105 findings already there not counted (70 errors, 35 warnings)"
        ),
        "{stderr}"
    );
}

#[test]
fn new_from_merge_base_judges_a_branch_against_where_it_left_main() {
    let repo = legacy_repo(&[]);
    let dir = repo.path();
    git(dir, &["branch", "-M", "main"]);
    git(dir, &["checkout", "--quiet", "-b", "topic"]);
    let mut plan = std::fs::read_to_string(dir.join("plans/legacy.toml")).expect("read");
    plan.push_str(&action("36", "Purple"));
    std::fs::write(dir.join("plans/legacy.toml"), &plan).expect("write");
    git(
        dir,
        &["commit", "--quiet", "--no-verify", "-am", "Add action 36"],
    );
    // main moves on with a new error of its own: not the branch's
    git(dir, &["checkout", "--quiet", "main"]);
    let main_plan = format!("{}{}", legacy(35), action("40", "Blue"));
    std::fs::write(dir.join("plans/legacy.toml"), main_plan).expect("write");
    git(
        dir,
        &["commit", "--quiet", "--no-verify", "-am", "Add action 40"],
    );
    git(dir, &["checkout", "--quiet", "topic"]);
    let (code, report, stderr) = check_json(dir, &["--new-from-merge-base", "main"]);
    assert_eq!(code, 1, "{stderr}");
    let actions: Vec<String> = found(&report).into_iter().map(|f| f.2).collect();
    assert!(actions.iter().all(|a| a == "36"), "{report}");
    assert!(
        stderr.contains("judged against the merge base of main"),
        "{stderr}"
    );
    // with --rev: the commit on the branch, against the merge base
    let (code, report, _) = check_json(dir, &["--rev", "topic", "--new-from-merge-base", "main"]);
    assert_eq!(code, 1);
    assert!(found(&report).iter().all(|f| f.2 == "36"), "{report}");
    planlint(dir)
        .args(["check", "--new-from-rev", "no-such-rev"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown revision `no-such-rev`"));
}

#[test]
fn sarif_and_gitlab_fingerprints_are_the_identity_and_survive_moved_lines() {
    let repo = legacy_repo(&[]);
    let dir = repo.path();
    let run = |format: &str| -> Value {
        let out = planlint(dir)
            .args(["check", "--as-of", "2015-12-01", "--format", format])
            .output()
            .expect("run");
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let sarif_prints = |v: &Value| -> Vec<String> {
        v["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                r["partialFingerprints"]["planlintIdentity/v1"]
                    .as_str()
                    .expect("fingerprint")
                    .to_string()
            })
            .collect()
    };
    let gitlab_prints = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("issues")
            .iter()
            .map(|i| i["fingerprint"].as_str().expect("fingerprint").to_string())
            .collect()
    };
    let sarif = sarif_prints(&run("sarif"));
    let gitlab = gitlab_prints(&run("gitlab"));
    assert_eq!(sarif, gitlab);
    let unique: std::collections::BTreeSet<_> = sarif.iter().collect();
    assert_eq!(unique.len(), sarif.len(), "fingerprints repeat: {sarif:?}");
    // lines added above every finding change no fingerprint
    let plan = std::fs::read_to_string(dir.join("plans/legacy.toml")).expect("read");
    let moved = plan.replace(
        "[plan]\n",
        "# imported from Word\n# by the plan officer\n\n[plan]\n",
    );
    std::fs::write(dir.join("plans/legacy.toml"), moved).expect("write");
    let mut again = sarif_prints(&run("sarif"));
    let mut before = sarif.clone();
    again.sort();
    before.sort();
    assert_eq!(again, before);
}

/// The pre-commit framework's `planlint-system` hook (`check --staged` on the files it names) on
/// the legacy repository with a baseline: a clean change passes, one that adds an error fails
/// with only that error.
#[test]
fn the_pre_commit_hook_judges_what_a_commit_adds_too() {
    if !crate::hook_cli::pre_commit_installed() {
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let source = tmp.path().join("planlint-src");
    crate::hook_cli::snapshot_of_this_repository(&source);
    let repo = legacy_repo(&[(
        "planlint-baseline.toml",
        "# planlint baseline\nversion = 1\nfindings = []\n",
    )]);
    let dir = repo.path();
    let bin = assert_cmd::cargo::cargo_bin("planlint");
    let path = std::env::join_paths(
        std::iter::once(bin.parent().expect("bin dir").to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .expect("PATH");
    let try_repo = || {
        git(dir, &["add", "--all"]);
        let out = std::process::Command::new("pre-commit")
            .arg("try-repo")
            .arg(&source)
            .arg("planlint-system")
            .arg("--verbose")
            .args(["--files", "plans/legacy.toml"])
            .current_dir(dir)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", tmp.path().join("pre-commit-cache"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("NO_COLOR", "1")
            .output()
            .expect("run pre-commit");
        (out.status.code(), text(&out))
    };
    let plan = std::fs::read_to_string(dir.join("plans/legacy.toml")).expect("read");
    let clean = plan.replace("title = \"Action 7\"", "title = \"Action seven\"");
    std::fs::write(dir.join("plans/legacy.toml"), &clean).expect("write");
    let (code, shown) = try_repo();
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("already there not counted"), "{shown}");
    std::fs::write(
        dir.join("plans/legacy.toml"),
        format!("{plan}{}", action("36", "Purple")),
    )
    .expect("write");
    let (code, shown) = try_repo();
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("error[rag-unknown]"), "{shown}");
    assert!(
        shown.contains("`Purple`") && !shown.contains("`Yellow`"),
        "{shown}"
    );
}

#[test]
fn a_non_waivable_rule_counts_though_it_was_already_at_the_revision() {
    // found by a new user trying the adoption path: `[rules] non_waivable` was silenced by
    // "already at HEAD", although no allow or baseline may silence such a rule
    let repo = legacy_repo(&[(
        "planlint.toml",
        "[rules]\nnon_waivable = [\"rag-unknown\"]\n",
    )]);
    let dir = repo.path();
    let (code, judged, _) = check_json(dir, &["--new-from-rev", "HEAD"]);
    assert_eq!(code, 1, "{judged}");
    let rules: Vec<&str> = judged["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(
        rules.iter().filter(|r| **r == "rag-unknown").count(),
        35,
        "{rules:?}"
    );
    // a waivable rule's old findings stay left out
    assert!(!rules.contains(&"past-due-no-update"), "{rules:?}");
}
