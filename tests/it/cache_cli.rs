//! Issue 14: the history cache (`.git/planlint-cache`), `--no-cache`, `planlint clean`, and
//! `check --staged` checking only the plans being committed. The real binary in real git
//! repositories; `PLANLINT_DEBUG=cache` makes planlint say what it parsed, read and wrote.

use crate::common::git_cmd;
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

struct Repo {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("repo");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let r = Repo { _tmp: tmp, dir };
        r.git(&["init", "-q", "-b", "main"]);
        r
    }

    fn path(&self) -> &Path {
        &self.dir
    }

    fn git(&self, args: &[&str]) -> String {
        let out = git_cmd(&self.dir, "2015-01-10T12:00:00Z")
            .args(args)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn write(&self, name: &str, text: &str) {
        let p = self.dir.join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    /// Stages everything and commits on `date` (YYYY-MM-DD).
    fn commit(&self, date: &str) {
        for args in [vec!["add", "-A"], vec!["commit", "-q", "-m", date]] {
            let out = git_cmd(&self.dir, &format!("{date}T12:00:00Z"))
                .args(&args)
                .output()
                .expect("git");
            assert!(out.status.success(), "git {args:?}: {out:?}");
        }
    }

    fn planlint(&self) -> Command {
        let mut c = Command::cargo_bin("planlint").expect("binary");
        c.current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .env("PLANLINT_DEBUG", "cache")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("HOME", &self.dir)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        c
    }

    /// `check --format json` with `args`: exit code, findings as `rule file:line`, stderr.
    fn check(&self, args: &[&str]) -> (i32, Vec<String>, String) {
        let out = self
            .planlint()
            .args(["check", "--as-of", "2015-12-01", "--format", "json"])
            .args(args)
            .output()
            .expect("planlint runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let v: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {err}"));
        let found = v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| format!("{} {}:{} {}", f["rule"], f["file"], f["line"], f["message"]))
            .collect();
        (out.status.code().unwrap_or(-1), found, err)
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        walk(&self.dir.join(".git/planlint-cache"))
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A plan `id` whose action 1 is rated `rag`, with `note` as its update text (to make a new
/// blob without changing the rating).
fn plan(id: &str, rag: &str, note: &str) -> String {
    format!(
        "schema_version = 1\n\n[plan]\nid = \"{id}\"\ntitle = \"Plan {id}\"\n\n[[actions]]\nid = \"1\"\ntitle = \"Agree a place of safety protocol\"\nleads = [\"Crisis Team Manager\"]\ndue = \"Ongoing\"\nstatus = \"in-progress\"\nrag = \"{rag}\"\n\n[[actions.updates]]\ndate = 2015-11-30\ntext = \"{note}\"\n"
    )
}

/// The number in a `PLANLINT_DEBUG=cache` note: "cache: N blobs parsed, …".
fn parsed(err: &str) -> usize {
    let line = err
        .lines()
        .find(|l| l.contains("note: cache: "))
        .unwrap_or_else(|| panic!("no cache note in: {err}"));
    line.split("cache: ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in: {line}"))
}

/// Amber since October, with a 30-day limit: three commits, each a new blob of the plan. The
/// walk stops at the first commit older than the limit (2015-10-05 for an as-of of 2015-12-01).
fn amber_repo() -> Repo {
    let r = Repo::new();
    r.write("planlint.toml", "[staleness]\namber_drift_days = 30\n");
    for (date, note) in [
        ("2015-10-05", "one"),
        ("2015-11-05", "two"),
        ("2015-11-20", "three"),
    ] {
        r.write("plans/p.toml", &plan("p", "amber", note));
        r.commit(date);
    }
    r
}

const DRIFT: &str = "\"amber-drift\" \"plans/p.toml\":13 \"rated amber or worse in every revision since 2015-10-05 (57 days; the limit is 30)\"";

#[test]
fn a_blob_seen_before_is_not_parsed_again_and_a_changed_plan_is_read() {
    let r = amber_repo();
    let (code, found, err) = r.check(&[]);
    assert_eq!((code, found), (0, vec![DRIFT.to_string()]), "{err}");
    // the two older versions were parsed (HEAD's is the checked file's parse)
    assert_eq!(parsed(&err), 2, "{err}");
    // three versions, one file for all of them (a pack) and one for the amber runs at HEAD
    assert_eq!(r.cache_files().len(), 2, "{:?}", r.cache_files());
    assert!(err.contains("2 files written"), "{err}");

    let (code, found, err) = r.check(&[]);
    assert_eq!((code, found), (0, vec![DRIFT.to_string()]), "{err}");
    assert_eq!(parsed(&err), 0, "{err}");
    assert!(err.contains("0 files written"), "{err}");

    // re-rated green, then amber again: the run starts again on the 28th
    r.write("plans/p.toml", &plan("p", "green", "better"));
    r.commit("2015-11-25");
    r.write("plans/p.toml", &plan("p", "amber", "worse again"));
    r.commit("2015-11-28");
    let (code, found, err) = r.check(&[]);
    assert_eq!((code, found), (0, vec![]), "{err}");
    // the green version (never checked) is the one blob read anew
    assert_eq!(parsed(&err), 1, "{err}");

    // and a check of an older revision reuses what it knows
    let (code, found, err) = r.check(&["--rev", "HEAD~2"]);
    assert_eq!((code, found), (0, vec![DRIFT.to_string()]), "{err}");
    assert_eq!(parsed(&err), 0, "{err}");
}

#[test]
fn no_cache_reads_and_writes_nothing_and_clean_removes_it() {
    let r = amber_repo();
    let (code, found, err) = r.check(&["--no-cache"]);
    assert_eq!((code, found), (0, vec![DRIFT.to_string()]), "{err}");
    assert!(
        err.contains("0 files written, 0 damaged (cache off)"),
        "{err}"
    );
    assert_eq!(r.cache_files(), Vec::<PathBuf>::new());
    assert_eq!(r.git(&["status", "--porcelain"]), "");

    r.check(&[]);
    assert!(!r.cache_files().is_empty());
    let (code, _, err) = r.check(&["--no-cache"]);
    assert_eq!(parsed(&err), 2, "--no-cache must not read the cache: {err}");
    assert_eq!(code, 0);

    r.planlint()
        .arg("clean")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("removed the history cache"));
    assert!(!r.path().join(".git/planlint-cache").exists());
    r.planlint()
        .arg("clean")
        .assert()
        .code(0)
        .stdout("no history cache to remove\n");
    // outside a repository there is nothing to clean: exit 2 and why
    let plain = tempfile::tempdir().expect("temp dir");
    let mut c = Command::cargo_bin("planlint").expect("binary");
    c.current_dir(plain.path())
        .env(
            "GIT_CEILING_DIRECTORIES",
            plain.path().parent().expect("parent"),
        )
        .arg("clean")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not in a git repository"));
}

#[test]
fn a_truncated_or_garbage_cache_is_rebuilt_with_a_note() {
    let r = amber_repo();
    let (_, first, _) = r.check(&[]);
    for garbage in [false, true] {
        let files = r.cache_files();
        assert!(
            files.iter().any(|f| f.to_string_lossy().ends_with(".pack"))
                && files.iter().any(|f| f.to_string_lossy().contains("runs")),
            "{files:?}"
        );
        for f in &files {
            let bytes = std::fs::read(f).expect("entry");
            let damaged = if garbage {
                b"\x00\xffgarbage".to_vec()
            } else {
                bytes[..bytes.len() / 2].to_vec()
            };
            std::fs::write(f, damaged).expect("damage");
        }
        let (code, found, err) = r.check(&[]);
        assert_eq!((code, &found), (0, &first), "{err}");
        if garbage {
            // issue 20: a file without planlint's mark is not planlint's to read, rebuild or
            // remove: the run uses no cache and says so; `planlint clean` is the way out
            assert!(
                err.contains("the history cache was not used")
                    && (err.contains("is not a pack planlint wrote")
                        || err.contains("is not a file planlint wrote"))
                    && !err.contains("rebuilt"),
                "{err}"
            );
            let again = r.cache_files();
            assert_eq!(again, files);
            for f in &again {
                assert_eq!(std::fs::read(f).expect("kept"), b"\x00\xffgarbage");
            }
            r.planlint().arg("clean").assert().success();
            let (code, found, err) = r.check(&[]);
            assert_eq!((code, &found), (0, &first), "{err}");
            assert!(!err.contains("not used"), "{err}");
        } else {
            assert!(
                err.contains("ignored 2 damaged or foreign files") && err.contains("rebuilt"),
                "{err}"
            );
        }
        // rebuilt: the next run trusts it again, quietly
        let (_, found, err) = r.check(&[]);
        assert_eq!(found, first);
        assert!(!err.contains("damaged or foreign"), "{err}");
        assert_eq!(parsed(&err), 0, "{err}");
    }
}

#[test]
fn two_processes_writing_at_once_leave_a_valid_cache() {
    let r = Repo::new();
    r.write("planlint.toml", "");
    for c in 0..8 {
        for n in 0..12 {
            let rag = if n % 2 == 0 { "amber" } else { "red" };
            r.write(
                &format!("plans/p{n:02}.toml"),
                &plan(&format!("p{n:02}"), rag, &format!("cycle {c}")),
            );
        }
        r.commit(&format!("2015-{:02}-10", c + 1));
    }
    let expected = r.check(&["--no-cache"]).1;
    assert_eq!(
        expected
            .iter()
            .filter(|f| f.starts_with("\"amber-drift\""))
            .count(),
        12,
        "{expected:?}"
    );
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(r.path().join(".git/planlint-cache"));
        let runs: Vec<std::process::Child> = (0..2)
            .map(|_| {
                let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("planlint"));
                c.current_dir(r.path())
                    .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
                    .env("GIT_CONFIG_NOSYSTEM", "1")
                    .env("GIT_CONFIG_GLOBAL", "/dev/null")
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null());
                c.spawn().expect("planlint starts")
            })
            .collect();
        for mut c in runs {
            assert_eq!(c.wait().expect("planlint ends").code(), Some(0));
        }
        let (code, found, err) = r.check(&[]);
        assert_eq!((code, &found), (0, &expected), "{err}");
        assert!(!err.contains("damaged or foreign"), "{err}");
        assert_eq!(parsed(&err), 0, "{err}");
        // no temporary file left behind
        assert!(
            r.cache_files()
                .iter()
                .all(|f| !f.to_string_lossy().ends_with(".tmp")),
            "{:?}",
            r.cache_files()
        );
    }
}

#[test]
fn staged_checks_the_plans_being_committed_and_others_by_their_ids() {
    let r = Repo::new();
    r.write("planlint.toml", "");
    // an old problem in a plan nobody touches
    r.write("plans/a.toml", &plan("a", "Yellow", "old"));
    r.write("plans/b.toml", &plan("b", "green", "fine"));
    r.commit("2015-11-01");
    let (code, found, err) = r.check(&["--staged"]);
    assert_eq!((code, found), (0, vec![]), "{err}");
    assert!(err.contains("no staged plan differs from HEAD"), "{err}");

    // b staged under a's plan id: the cross-plan rule sees a without checking it
    r.write("plans/b.toml", &plan("a", "green", "renamed by mistake"));
    r.git(&["add", "plans/b.toml"]);
    let (code, found, err) = r.check(&["--staged"]);
    assert_eq!(
        (code, found),
        (
            1,
            vec![
                "\"duplicate-id\" \"plans/b.toml\":4 \"plan id `a` is also used by plans/a.toml\""
                    .to_string()
            ]
        ),
        "{err}"
    );
    // a plan named on the command line is checked as staged, changed or not
    let (code, found, err) = r.check(&["--staged", "plans/a.toml"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("\"rag-unknown\" \"plans/a.toml\"")),
        "{found:?}"
    );
}
