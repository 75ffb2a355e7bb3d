//! Issue 15, the git half: what a hostile tester found wrong in the git-backed modes, each as the
//! real binary in real repositories built with the git CLI in temporary folders. Every test here
//! failed on 0.1 (the commit that fixed it says how).
//!
//! git and planlint run with no system or global configuration and without the `GIT_DIR`,
//! `GIT_WORK_TREE` and `GIT_INDEX_FILE` of whatever started the tests (a hook, say), except where
//! a test sets them on purpose.

use crate::common::{git, git_cmd, planlint_git as planlint, rule_files as rules, text, GIT_ENV};
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The date of the commits that name none.
const WHEN: &str = "2015-01-10T12:00:00Z";

/// A temporary folder holding a git repository (or several: `sub` makes siblings).
struct Repo {
    tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        Repo::with(&["init", "-q", "-b", "main"])
    }

    /// A repository made by `git ARGS repo`.
    fn with(init: &[&str]) -> Repo {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("repo");
        let mut args = init.to_vec();
        let path = dir.to_str().expect("utf-8 temp path").to_string();
        args.push(&path);
        git(tmp.path(), &args);
        Repo { tmp, dir }
    }

    fn path(&self) -> &Path {
        &self.dir
    }

    /// A sibling folder of the repository (for clones and other repositories).
    fn beside(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn git(&self, args: &[&str]) -> String {
        git(&self.dir, args)
    }

    fn write(&self, name: &str, text: &str) {
        write(&self.dir.join(name), text);
    }

    /// Stages everything and commits on `date` (YYYY-MM-DD).
    fn commit(&self, msg: &str, date: &str) -> String {
        commit_in(&self.dir, msg, date)
    }

    fn planlint(&self) -> Command {
        planlint(&self.dir)
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn commit_in(dir: &Path, msg: &str, date: &str) -> String {
    let when = format!("{date}T12:00:00Z");
    for args in [vec!["add", "-A"], vec!["commit", "-q", "-m", msg]] {
        let out = git_cmd(dir, WHEN)
            .env("GIT_AUTHOR_DATE", &when)
            .env("GIT_COMMITTER_DATE", &when)
            .args(&args)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", text(&out));
    }
    git(dir, &["rev-parse", "HEAD"]).trim().to_string()
}

/// Runs a command; returns (exit code, stdout, stderr). A panic is never an answer.
fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "planlint panicked: {stderr}\n{stdout}"
    );
    let code = out.status.code().expect("exit code");
    (code, stdout, stderr)
}

fn json(stdout: &str, stderr: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\n{stderr}"))
}

/// A plan with actions given as (id, extra TOML lines).
fn plan(id: &str, actions: &[(&str, &str)]) -> String {
    let mut s = format!("schema_version = 1\n\n[plan]\nid = \"{id}\"\ntitle = \"Plan {id}\"\n");
    for (aid, extra) in actions {
        s.push_str(&format!(
            "\n[[actions]]\nid = \"{aid}\"\ntitle = \"Action {aid}\"\n{extra}\n"
        ));
    }
    s
}

/// A plan with no finding whatever the date: one complete, green action with an update.
fn good(id: &str) -> String {
    plan(
        id,
        &[(
            "1",
            "leads = [\"Trust\"]\ndue = 2015-03-31\nstatus = \"complete\"\nrag = \"green\"\n\n[[actions.updates]]\ndate = 2015-03-20\ntext = \"Done.\"\nrag = \"green\"",
        )],
    )
}

/// The same plan rated off the scale: one `rag-unknown` error.
fn yellow(id: &str) -> String {
    good(id).replace("rag = \"green\"\n\n", "rag = \"yellow\"\n\n")
}

fn check_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let (code, out, err) = run(planlint(dir)
        .args(["check", "--as-of", "2015-12-01", "--format", "json"])
        .args(args));
    (code, json(&out, &err), err)
}

// 1. The hook sees what will be committed.

#[test]
fn the_hook_refuses_commit_all_and_commit_of_a_path_with_a_bad_plan() {
    let r = Repo::new();
    r.write("plans/p.toml", &good("p"));
    let before = r.commit("good plan", "2015-01-10");
    run(r.planlint().args(["hook", "install"]));

    r.write("plans/p.toml", &yellow("p"));
    for args in [
        vec!["commit", "-q", "-a", "-m", "bad"],
        vec!["commit", "-q", "-m", "bad", "plans/p.toml"],
        vec!["commit", "-q", "-m", "bad", "--", "plans"],
    ] {
        let out = git_cmd(r.path(), WHEN).args(&args).output().expect("git");
        assert!(!out.status.success(), "git {args:?} let the bad plan in");
        assert!(text(&out).contains("rag-unknown"), "{}", text(&out));
        assert_eq!(r.git(&["rev-parse", "HEAD"]).trim(), before);
    }

    // the bad plan staged, the good one back in the working tree: `-a` commits the good one
    r.git(&["add", "plans/p.toml"]);
    r.write("plans/p.toml", &good("p").replace("Plan p", "Plan P"));
    let out = git_cmd(r.path(), WHEN)
        .args(["commit", "-q", "-a", "-m", "good again"])
        .output()
        .expect("git");
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn git_dir_and_git_work_tree_name_the_repository_as_git_reads_them() {
    let r = Repo::new();
    r.write("plans/p.toml", &good("p"));
    r.commit("good plan", "2015-01-10");
    // move the git directory away from its work tree, as a dotfiles-style setup does
    let store = r.beside("store.git");
    std::fs::rename(r.path().join(".git"), &store).expect("move .git");
    r.write("plans/p.toml", &yellow("p"));
    let git_env = |c: &mut Command| {
        c.env("GIT_DIR", &store).env("GIT_WORK_TREE", r.path());
    };
    let mut c = r.planlint();
    git_env(&mut c);
    let (code, out, err) = run(c.args([
        "check",
        "--changed-since",
        "HEAD",
        "--as-of",
        "2015-12-01",
        "--format",
        "json",
    ]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert_eq!(rules(&json(&out, &err)), ["rag-unknown plans/p.toml"]);

    // a separate index file, as `git commit -a` hands its hook
    let mut add = git_cmd(r.path(), WHEN);
    add.env("GIT_DIR", &store)
        .env("GIT_WORK_TREE", r.path())
        .env("GIT_INDEX_FILE", r.beside("next-index"))
        .args(["add", "plans/p.toml"]);
    assert!(add.output().expect("git").status.success());
    let mut c = r.planlint();
    git_env(&mut c);
    c.env("GIT_INDEX_FILE", r.beside("next-index"));
    let (code, out, err) = run(c.args([
        "check",
        "--staged",
        "--as-of",
        "2015-12-01",
        "--format",
        "json",
    ]));
    assert_eq!(code, 1, "{out}\n{err}");
    assert_eq!(rules(&json(&out, &err)), ["rag-unknown plans/p.toml"]);
    // and the repository's own index still holds the good plan
    let mut c = r.planlint();
    git_env(&mut c);
    let (code, out, err) = run(c.args([
        "check",
        "--staged",
        "--as-of",
        "2015-12-01",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{out}\n{err}");
}

// 5. A bare repository has no working tree.

#[test]
fn a_bare_repository_has_no_working_tree_to_diff_or_report() {
    let r = Repo::new();
    r.write("plans/p.toml", &good("p"));
    r.commit("one", "2015-01-10");
    r.git(&["tag", "v1"]);
    r.write("plans/p.toml", &yellow("p"));
    r.commit("two", "2015-02-10");
    let bare = r.beside("bare.git");
    git(
        r.beside("").as_path(),
        &[
            "clone",
            "-q",
            "--bare",
            r.path().to_str().expect("utf-8"),
            bare.to_str().expect("utf-8"),
        ],
    );
    for args in [
        vec!["diff", "HEAD"],
        vec!["report", "v1"],
        vec!["diff", "v1.."],
    ] {
        let (code, out, err) = run(planlint(&bare).args(&args));
        assert_eq!(code, 2, "{args:?}: {out}\n{err}");
        assert!(
            err.contains("bare") && err.contains("no working tree"),
            "{args:?}: {err}"
        );
        assert!(out.is_empty(), "{args:?}: {out}");
    }
    // both ends named: a bare repository is fine
    let (code, out, err) = run(planlint(&bare).args(["diff", "v1", "HEAD", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        json(&out, &err)["changes"].as_array().map(Vec::len),
        Some(1)
    );
}

// 6. core.autocrlf: a clean file is clean.

#[test]
fn autocrlf_files_as_checked_out_are_not_changed() {
    let r = Repo::new();
    r.write("plans/p.toml", &yellow("p"));
    r.write("plans/q.toml", &good("q"));
    r.commit("plans", "2015-01-10");
    r.git(&["config", "core.autocrlf", "true"]);
    std::fs::remove_file(r.path().join("plans/p.toml")).expect("rm");
    r.git(&["checkout", "--", "plans/p.toml"]);
    let on_disk = std::fs::read(r.path().join("plans/p.toml")).expect("read");
    assert!(on_disk.windows(2).any(|w| w == b"\r\n"), "git wrote LF");
    assert_eq!(r.git(&["status", "--porcelain"]), "");

    let (code, v, err) = check_json(r.path(), &["--changed-since", "HEAD"]);
    assert_eq!((code, rules(&v)), (0, vec![]), "{err}");
    // the same bytes written again: the stat data no longer says "clean", the content does
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(r.path().join("plans/p.toml"), &on_disk).expect("write");
    let (code, v, err) = check_json(r.path(), &["--changed-since", "HEAD"]);
    assert_eq!((code, rules(&v)), (0, vec![]), "{err}");
    let (code, out, err) = run(r.planlint().args(["diff", "HEAD", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out, &err)["changes"], serde_json::json!([]));

    // a real change, written with CRLF as an editor on Windows would
    let changed = String::from_utf8(on_disk)
        .expect("utf-8")
        .replace("title = \"Plan p\"", "title = \"Plan P\"");
    std::fs::write(r.path().join("plans/p.toml"), changed).expect("write");
    let (code, v, err) = check_json(r.path(), &["--changed-since", "HEAD"]);
    assert_eq!(
        (code, rules(&v)),
        (1, vec!["rag-unknown plans/p.toml".to_string()]),
        "{err}"
    );
}

// 7. A merge in progress.

fn conflicted(with_clean_plan: bool) -> Repo {
    let r = Repo::new();
    r.write(
        "plans/p.toml",
        &plan("p", &[("1", "rag = \"amber\""), ("2", "rag = \"amber\"")]),
    );
    if with_clean_plan {
        r.write("plans/q.toml", &good("q"));
    }
    r.commit("base", "2015-01-10");
    r.git(&["checkout", "-q", "-b", "other"]);
    r.write(
        "plans/p.toml",
        &plan("p", &[("1", "rag = \"red\""), ("2", "rag = \"amber\"")]),
    );
    r.commit("red", "2015-01-11");
    r.git(&["checkout", "-q", "main"]);
    r.write(
        "plans/p.toml",
        &plan("p", &[("1", "rag = \"green\""), ("2", "rag = \"amber\"")]),
    );
    r.commit("green", "2015-01-12");
    let out = git_cmd(r.path(), WHEN)
        .args(["merge", "-q", "other"])
        .output()
        .expect("git");
    assert!(!out.status.success(), "the merge should conflict");
    r
}

#[test]
fn a_conflicted_plan_is_named_by_check_staged_and_left_out_of_diff() {
    for with_clean_plan in [true, false] {
        let r = conflicted(with_clean_plan);
        let (code, out, err) = run(r.planlint().args([
            "check",
            "--staged",
            "--as-of",
            "2015-12-01",
            "--format",
            "json",
        ]));
        assert_eq!(code, 2, "{out}\n{err}");
        assert!(
            err.contains("plans/p.toml") && err.contains("merge conflict"),
            "{err}"
        );
        assert!(!err.contains("no plan files"), "{err}");

        // the index, and the working tree (which holds git's conflict markers)
        for to in ["INDEX", "WORKTREE"] {
            let (code, out, err) = run(r.planlint().args(["diff", "HEAD", to, "--format", "json"]));
            assert_eq!(code, 2, "{to}: {out}\n{err}");
            assert_eq!(json(&out, &err)["changes"], serde_json::json!([]), "{err}");
            assert!(
                err.contains("plans/p.toml") && err.contains("merge conflict"),
                "{to}: {err}"
            );
        }
    }
}

// 8. Submodules.

#[test]
fn a_plan_folder_that_is_a_submodule_is_skipped_with_a_note_in_every_mode() {
    let shared = Repo::new();
    shared.write("a.toml", &yellow("shared"));
    shared.commit("shared plan", "2015-01-10");
    let r = Repo::new();
    r.write("plans/p.toml", &good("p"));
    r.commit("plan", "2015-01-10");
    r.git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        shared.path().to_str().expect("utf-8"),
        "plans/shared",
    ]);
    r.commit("shared plans as a submodule", "2015-01-11");
    let says = |err: &str| err.contains("plans/shared") && err.contains("submodule");

    let (code, out, err) = run(r.planlint().args(["diff", "HEAD~1", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out, &err)["changes"], serde_json::json!([]));
    assert!(says(&err), "diff: {err}");
    for args in [
        vec![],
        vec!["--changed-since", "HEAD~1"],
        vec!["--rev", "HEAD"],
        vec!["--staged"],
    ] {
        let (code, v, err) = check_json(r.path(), &args);
        assert_eq!((code, rules(&v)), (0, vec![]), "{args:?}: {err}");
        assert!(says(&err), "{args:?}: {err}");
    }
    // named on the command line, a plan inside it is checked like any file named (as a file
    // of the submodule's own repository)
    let (code, v, err) = check_json(r.path(), &["plans/shared/a.toml"]);
    assert_eq!(
        (code, rules(&v)),
        (1, vec!["rag-unknown a.toml".to_string()]),
        "{err}"
    );
}

// 9. The reason a repository cannot be opened.

#[test]
fn a_sha256_repository_is_not_called_no_repository() {
    let r = Repo::with(&["init", "-q", "-b", "main", "--object-format=sha256"]);
    r.write("plans/p.toml", &good("p"));
    r.commit("plan", "2015-01-10");
    let (code, _, err) = run(r.planlint().args(["diff", "HEAD"]));
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("not in a git repository"), "{err}");
    assert!(err.contains("sha256"), "{err}");
    // a plain check still checks the plans; the history rules' note gives the reason
    let (code, _, err) = check_json(r.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("skipped: cannot open the git repository"),
        "{err}"
    );
    assert!(err.contains("sha256"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_repository_owned_by_another_user_says_so() {
    let r = Repo::new();
    r.write("plans/p.toml", &good("p"));
    r.commit("plan", "2015-01-10");
    let chown = |dir: &Path, uid: u32| {
        walkdir(dir)
            .iter()
            .try_for_each(|p| std::os::unix::fs::lchown(p, Some(uid), None))
    };
    if chown(r.path(), 65534).is_err() {
        eprintln!("skipped: only root can give a repository to another user here");
        return;
    }
    let (code, _, err) = run(r.planlint().args(["diff", "HEAD"]));
    let (check_code, _, check_err) = check_json(r.path(), &[]);
    let _ = chown(r.path(), 0);
    assert_eq!(check_code, 0, "{check_err}");
    assert!(
        check_err.contains("not owned by current user"),
        "{check_err}"
    );
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("not in a git repository"), "{err}");
    assert!(err.contains("not owned by current user"), "{err}");
    assert!(err.contains("safe.directory"), "{err}");
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                out.extend(walkdir(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

// 12. The size cap, on every read.

#[test]
fn a_plan_over_the_size_limit_is_refused_before_it_is_read_with_its_real_size() {
    let r = Repo::new();
    r.write("plans/p.toml", &good("p"));
    r.commit("plan", "2015-01-10");
    // 20 MiB of nothing (a sparse file): big enough to pass the limit, cheap to make
    let big = std::fs::File::create(r.path().join("plans/big.toml")).expect("create");
    big.set_len(20 * 1024 * 1024).expect("grow");
    drop(big);
    let message = "20.0 MiB; the limit is 8 MiB";

    let (code, out, err) = run(r.planlint().args(["diff", "HEAD", "--format", "json"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("plans/big.toml") && err.contains(message),
        "{err}"
    );
    assert_eq!(json(&out, &err)["changes"], serde_json::json!([]));

    let (code, v, err) = check_json(r.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(v.to_string().contains(message), "{v}");

    r.git(&["add", "plans/big.toml"]);
    let (code, v, err) = check_json(r.path(), &["--staged"]);
    assert_eq!(code, 1, "{err}");
    assert!(v.to_string().contains(message), "{v}");

    r.commit("big", "2015-01-11");
    let (code, v, err) = check_json(r.path(), &["--rev", "HEAD"]);
    assert_eq!(code, 1, "{err}");
    assert!(v.to_string().contains(message), "{v}");
    let (code, _, err) = run(r
        .planlint()
        .args(["diff", "HEAD~1", "HEAD", "--format", "json"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(message), "{err}");
}

// 15. A shallow clone says what the history rules saw.

#[test]
fn history_rules_in_a_shallow_clone_say_how_much_history_they_had() {
    let r = Repo::new();
    let amber = plan(
        "a",
        &[(
            "1",
            "leads = [\"Trust\"]\nrag = \"amber\"\ndue = 2016-06-30",
        )],
    );
    r.write("plans/a.toml", &amber);
    r.commit("amber", "2015-01-10");
    r.write("plans/a.toml", &amber.replace("Plan a", "Plan A"));
    r.commit("retitled", "2015-11-10");
    // the whole history: amber since January
    let (_, v, _) = check_json(r.path(), &[]);
    assert!(
        rules(&v).contains(&"amber-drift plans/a.toml".to_string()),
        "{v}"
    );

    let clone = r.beside("shallow");
    let url = format!("file://{}", r.path().display());
    git(
        r.beside("").as_path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &url,
            clone.to_str().expect("utf-8"),
        ],
    );
    let (code, v, err) = check_json(&clone, &[]);
    assert!(code < 2, "{err}");
    assert!(
        !rules(&v).contains(&"amber-drift plans/a.toml".to_string()),
        "{v}"
    );
    assert!(
        err.contains("history rules judged on 1 commit: the clone is shallow; fetch-depth: 0 gives them the whole history"),
        "{err}"
    );
}

// 16. The report's findings at TO are `check --rev TO`'s.

#[test]
fn report_findings_equal_check_rev_findings_with_the_history_rules() {
    let r = Repo::new();
    let act = |rag: &str, due: &str| format!("leads = [\"Trust\"]\nrag = \"{rag}\"\ndue = {due}");
    r.write(
        "plans/a.toml",
        &plan(
            "a",
            &[
                ("1", &act("amber", "2016-06-30")),
                ("2", &act("green", "2016-06-30")),
            ],
        ),
    );
    r.commit("plan", "2015-01-10");
    r.git(&["tag", "v1"]);
    r.write(
        "plans/a.toml",
        &plan(
            "a",
            &[
                ("1", &act("amber", "2016-12-31")),
                ("2", &act("green", "2016-06-30")),
            ],
        ),
    );
    r.commit("re-dated", "2015-09-01");
    r.git(&["tag", "v2"]);
    let as_of = "2015-12-01";
    let (code, check, err) = check_json(r.path(), &["--rev", "v2"]);
    assert!(code < 2, "{err}");
    let mut from_check: Vec<String> = check["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{} {} {}",
                f["rule"], f["file"], f["line"], f["column"], f["action"], f["message"]
            )
        })
        .collect();
    from_check.sort();
    for rule in ["silent-reschedule", "amber-drift"] {
        assert!(
            from_check.iter().any(|f| f.contains(rule)),
            "{rule}: {from_check:?}"
        );
    }
    let (code, out, err) = run(r
        .planlint()
        .args(["report", "v1", "v2", "--format", "json", "--as-of", as_of]));
    assert_eq!(code, 0, "{err}");
    let report = json(&out, &err);
    let mut from_report: Vec<String> = Vec::new();
    for group in report["findings"].as_array().expect("findings") {
        for f in group["findings"].as_array().expect("findings") {
            from_report.push(format!(
                "{} {} {}:{} {} {}",
                group["rule"], f["file"], f["line"], f["column"], f["action"], f["message"]
            ));
        }
    }
    from_report.sort();
    assert_eq!(from_report, from_check);
}

// 18 (part). Tags that are not commits, an empty repository, an ambiguous action.

#[test]
fn report_cycles_skip_a_tag_on_a_tree_or_a_blob_with_a_note() {
    let r = Repo::new();
    r.write("plans/a.toml", &good("a"));
    r.commit("plan", "2015-01-10");
    r.git(&["tag", "review-1"]);
    let tree = r.git(&["rev-parse", "HEAD^{tree}"]);
    r.git(&["tag", "review-tree", tree.trim()]);
    let blob = r.git(&["rev-parse", "HEAD:plans/a.toml"]);
    r.git(&["tag", "-a", "-m", "a blob", "review-blob", blob.trim()]);
    let (code, out, err) = run(r.planlint().args([
        "report",
        "review-1",
        "HEAD",
        "--cycles",
        "review-*",
        "--format",
        "json",
        "--as-of",
        "2015-12-01",
    ]));
    assert_eq!(code, 0, "{err}");
    let report = json(&out, &err);
    let cycles: Vec<&str> = report["cycles"]
        .as_array()
        .expect("cycles")
        .iter()
        .filter_map(|c| c["tag"].as_str())
        .collect();
    assert_eq!(cycles, ["review-1"]);
    for tag in ["review-tree", "review-blob"] {
        assert!(err.contains(&format!("note: tag `{tag}`")), "{err}");
    }
}

#[test]
fn an_empty_repository_has_no_commits_yet_wherever_head_is_read() {
    let r = Repo::new();
    r.write("plans/p.toml", &good("p"));
    for args in [
        vec!["diff", "HEAD"],
        vec!["history", "1"],
        vec!["check", "--changed-since", "HEAD", "--as-of", "2015-12-01"],
        vec!["check", "--rev", "HEAD", "--as-of", "2015-12-01"],
        vec!["report", "HEAD"],
    ] {
        let (code, _, err) = run(r.planlint().args(&args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("no commits yet"), "{args:?}: {err}");
        assert!(!err.contains("revspec"), "{args:?}: {err}");
    }
    // the working tree and the index can still be checked
    let (code, _, err) = check_json(r.path(), &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn history_of_an_action_in_a_thousand_plans_names_a_few_and_asks_for_plan() {
    let r = Repo::new();
    for i in 0..1000 {
        r.write(
            &format!("plans/p{i:04}.toml"),
            &plan(&format!("plan-{i:04}"), &[("1.1", "rag = \"amber\"")]),
        );
    }
    r.commit("a thousand plans", "2015-01-10");
    let (code, _, err) = run(r.planlint().args(["history", "1.1"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.len() < 400, "{} bytes: {err}", err.len());
    assert!(err.contains("1000 plans"), "{err}");
    assert!(err.contains("plan-0000") && err.contains("--plan"), "{err}");
}

// 3 (part). Extreme dates and numbers never panic in the git pass; notes never crash.

#[test]
fn extreme_dates_and_drift_limits_do_not_panic_in_the_history_pass() {
    let r = Repo::new();
    r.write(
        "plans/a.toml",
        &plan(
            "a",
            &[(
                "1",
                "leads = [\"Trust\"]\nrag = \"amber\"\ndue = 2016-06-30",
            )],
        ),
    );
    r.commit("plan", "2015-01-10");
    // dates outside TOML's range are refused at the command line (exit 2, never a panic)
    for as_of in ["-262143-01-01", "+262142-12-31"] {
        let (code, _, err) =
            run(r
                .planlint()
                .args(["check", "--format", "json", &format!("--as-of={as_of}")]));
        assert_eq!(code, 2, "{as_of}: {err}");
        assert!(err.contains("between 0001-01-01 and 9999-12-31"), "{err}");
    }
    for as_of in ["0001-01-01", "9999-12-31", "2015-12-01"] {
        let (code, _, err) =
            run(r
                .planlint()
                .args(["check", "--format", "json", &format!("--as-of={as_of}")]));
        assert!(code < 2, "{as_of}: {err}");
    }
    r.write(
        "planlint.toml",
        "[staleness]\namber_drift_days = 100000000\n",
    );
    let (code, _, err) =
        run(r
            .planlint()
            .args(["check", "--format", "json", "--as-of", "2015-12-01"]));
    assert!(code <= 2, "{err}");
}

#[cfg(unix)]
#[test]
fn a_full_stderr_does_not_crash_the_history_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir.path().join("plans/p.toml"), &good("p"));
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("planlint"));
    c.current_dir(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "json"])
        .env(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().expect("parent"),
        )
        .stderr(full);
    for v in GIT_ENV {
        c.env_remove(v);
    }
    let out = c.output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

// Files from git are named as on disk: relative to the work tree's top, also when
// planlint.toml is in a folder of a larger repository.

#[test]
fn a_plan_folder_inside_a_larger_repository_compares_like_with_like() {
    let r = Repo::new();
    r.write("programme/planlint.toml", "");
    r.write("programme/plans/p.toml", &yellow("p"));
    r.write("plans/elsewhere.toml", &yellow("elsewhere"));
    r.commit("plans in a folder", "2015-01-10");
    let dir = r.path().join("programme");
    let (code, v, err) = check_json(&dir, &["--changed-since", "HEAD"]);
    assert_eq!((code, rules(&v)), (0, vec![]), "{err}");
    let (code, out, err) = run(planlint(&dir).args(["diff", "HEAD", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out, &err)["changes"], serde_json::json!([]));
    let expected = vec!["rag-unknown programme/plans/p.toml".to_string()];
    for args in [vec![], vec!["--rev", "HEAD"]] {
        let (code, v, err) = check_json(&dir, &args);
        assert_eq!((code, rules(&v)), (1, expected.clone()), "{args:?}: {err}");
    }
    // `--staged` checks the plans being committed: nothing until one is staged
    let (code, v, err) = check_json(&dir, &["--staged"]);
    assert_eq!((code, rules(&v)), (0, vec![]), "{err}");
    assert!(err.contains("no staged plan differs from HEAD"), "{err}");
    r.write(
        "programme/plans/p.toml",
        &format!("# staged\n{}", yellow("p")),
    );
    r.git(&["add", "programme/plans/p.toml"]);
    let (code, v, err) = check_json(&dir, &["--staged"]);
    assert_eq!((code, rules(&v)), (1, expected.clone()), "{err}");
    // a path named on the command line, relative to where planlint runs
    let (code, v, err) = check_json(&dir, &["--rev", "HEAD", "plans/p.toml"]);
    assert_eq!((code, rules(&v)), (1, expected.clone()), "{err}");
}
