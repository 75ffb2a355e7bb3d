//! The git-backed commands end to end: the real binary in real repositories built in temporary
//! folders with the git CLI (commits with fixed dates, tags, a renamed plan file, a staged change
//! the working tree does not have, a shallow clone), asserting exit codes, stderr and JSON.

use crate::common;
use assert_cmd::Command;
use predicates::str::contains;
use serde_json::{json, Value};
use std::path::Path;

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let r = Repo {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        r.git(&["init", "-q", "-b", "main"]);
        r
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        common::git_at(self.path(), args, "2015-01-10T12:00:00Z")
    }

    fn write(&self, name: &str, text: &str) {
        let p = self.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    /// Stages everything and commits as `author` on `date` (YYYY-MM-DD).
    fn commit(&self, msg: &str, author: &str, date: &str) -> String {
        let when = format!("{date}T12:00:00Z");
        common::git_at(self.path(), &["add", "-A"], &when);
        let out = common::git_cmd(self.path(), &when)
            .env("GIT_AUTHOR_NAME", author)
            .args(["commit", "-q", "-m", msg])
            .output()
            .expect("git runs");
        assert!(out.status.success(), "{}", common::text(&out));
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    fn planlint(&self) -> Command {
        common::planlint(self.path())
    }
}

fn json_of(c: &mut Command, code: i32) -> Value {
    let out = c.output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout {stdout}\nstderr {stderr}"
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout} {stderr}"))
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

/// v1 and v2 of a small programme: plan `a` is renamed in v2 and its actions change.
fn programme() -> (Repo, String, String) {
    let r = Repo::new();
    r.write(
        "plans/a.toml",
        &plan(
            "a",
            &[
                (
                    "1",
                    "leads = [\"Trust\"]\nrag = \"amber\"\ndue = 2015-06-30\nstatus = \"in-progress\"",
                ),
                ("2", "leads = [\"Council\"]\nrag = \"Red\"\nstatus = \"in-progress\""),
                ("3", "leads = [\"Police\"]\nrag = \"green\""),
            ],
        ),
    );
    r.write(
        "plans/b.toml",
        &plan("b", &[("10", "leads = [\"Mind\"]\nrag = \"green\"")]),
    );
    let v1 = r.commit("first review", "Ann Analyst", "2015-03-31");
    r.git(&["tag", "review-q1"]);
    std::fs::create_dir_all(r.path().join("plans/crisis")).expect("mkdir");
    r.git(&["mv", "plans/a.toml", "plans/crisis/a.toml"]);
    r.write(
        "plans/crisis/a.toml",
        &plan(
            "a",
            &[
                (
                    "1",
                    "leads = [\"Trust\"]\nrag = \"red\"\ndue = 2015-09-30\nstatus = \"in-progress\"",
                ),
                ("2", "leads = [\"Council\"]\nrag = \"amber\"\nstatus = \"complete\""),
                ("4", "leads = [\"Ambulance\"]\nrag = \"green\""),
            ],
        ),
    );
    r.write(
        "plans/b.toml",
        &plan(
            "b",
            &[("10", "leads = [\"Mind\", \"Council\"]\nrag = \"green\"")],
        ),
    );
    let v2 = r.commit("second review", "Bob Board", "2015-06-30");
    r.git(&["tag", "review-q2"]);
    (r, v1, v2)
}

#[test]
fn diff_json_between_tags_has_designs_shape_and_every_kind() {
    let (r, v1, v2) = programme();
    let got = json_of(
        r.planlint()
            .args(["diff", "review-q1", "review-q2", "--format", "json"]),
        0,
    );
    let c = |action: &str, kind: &str, from: Value, to: Value, dir: Value| json!({"plan": "a", "action": action, "kind": kind, "from": from, "to": to, "direction": dir});
    let expected = json!({
        "from": {"rev": "review-q1", "commit": v1},
        "to": {"rev": "review-q2", "commit": v2},
        "changes": [
            c("1", "rag", json!("amber"), json!("red"), json!("worsened")),
            c("1", "due", json!("2015-06-30"), json!("2015-09-30"), json!("slipped")),
            c("1", "moved", json!("plans/a.toml"), json!("plans/crisis/a.toml"), Value::Null),
            c("2", "rag", json!("red"), json!("amber"), json!("improved")),
            c("2", "status", json!("in-progress"), json!("complete"), Value::Null),
            c("2", "moved", json!("plans/a.toml"), json!("plans/crisis/a.toml"), Value::Null),
            c("3", "removed", Value::Null, Value::Null, Value::Null),
            c("4", "added", Value::Null, Value::Null, Value::Null),
            {"plan": "b", "action": "10", "kind": "leads", "from": "Mind", "to": "Mind; Council", "direction": null},
        ],
        "summary": {"improved": 1, "worsened": 1, "added": 1, "removed": 1},
    });
    assert_eq!(got, expected);
    assert_eq!(v1.len(), 40);

    // FROM..TO is the same diff
    let range = json_of(
        r.planlint()
            .args(["diff", "review-q1..review-q2", "--format", "json"]),
        0,
    );
    assert_eq!(range, expected);
}

#[test]
fn diff_text_and_markdown_put_the_worst_news_first() {
    let (r, _, _) = programme();
    let out = r
        .planlint()
        .args(["diff", "review-q1", "review-q2"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[1], "1 worsened, 1 improved, 1 added, 1 removed");
    assert_eq!(lines[3], "a (plans/crisis/a.toml)");
    assert!(
        lines[4].contains("1") && lines[4].contains("rag amber -> red (worsened)"),
        "{text}"
    );
    assert!(
        lines[5].contains("3") && lines[5].contains("removed"),
        "{text}"
    );
    assert!(
        text.contains("moved plans/a.toml -> plans/crisis/a.toml (2 actions)"),
        "{text}"
    );
    assert!(
        !text.contains("\x1b["),
        "no colour when NO_COLOR / not a terminal"
    );

    let md = r
        .planlint()
        .args(["diff", "review-q1", "review-q2", "--format", "markdown"])
        .output()
        .expect("run");
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("| Action | Title | Change | From | To | Direction |"),
        "{md}"
    );
    assert!(
        md.contains("| 1 | Action 1 | rag | amber | red | **worsened** |"),
        "{md}"
    );
}

#[test]
fn diff_to_the_working_tree_by_default_has_a_null_commit() {
    let (r, _, v2) = programme();
    r.write(
        "plans/b.toml",
        &plan(
            "b",
            &[("10", "leads = [\"Mind\", \"Council\"]\nrag = \"amber\"")],
        ),
    );
    let got = json_of(r.planlint().args(["diff", "HEAD", "--format", "json"]), 0);
    assert_eq!(got["from"], json!({"rev": "HEAD", "commit": v2}));
    assert_eq!(got["to"], json!({"rev": "WORKTREE", "commit": null}));
    assert_eq!(
        got["changes"],
        json!([{"plan": "b", "action": "10", "kind": "rag", "from": "green", "to": "amber", "direction": "worsened"}])
    );
}

#[test]
fn history_follows_the_rename_newest_first_and_only_where_the_action_changed() {
    let (r, v1, v2) = programme();
    // a commit that touches the plan but not action 1
    r.write(
        "plans/crisis/a.toml",
        &plan(
            "a",
            &[
                (
                    "1",
                    "leads = [\"Trust\"]\nrag = \"red\"\ndue = 2015-09-30\nstatus = \"in-progress\"",
                ),
                ("2", "leads = [\"Council\"]\nrag = \"green\"\nstatus = \"complete\""),
                ("4", "leads = [\"Ambulance\"]\nrag = \"green\""),
            ],
        ),
    );
    r.commit("action 2 done", "Cat Clerk", "2015-08-01");
    let got = json_of(r.planlint().args(["history", "1", "--format", "json"]), 0);
    assert_eq!(
        got,
        json!({
            "plan": "a",
            "action": "1",
            "timeline": [
                {"commit": v2, "date": "2015-06-30", "author": "Bob Board", "file": "plans/crisis/a.toml",
                 "event": "changed", "rating": "red", "status": "in-progress", "due": "2015-09-30"},
                {"commit": v1, "date": "2015-03-31", "author": "Ann Analyst", "file": "plans/a.toml",
                 "event": "added", "rating": "amber", "status": "in-progress", "due": "2015-06-30"},
            ]
        })
    );
    r.planlint()
        .args(["history", "1"])
        .assert()
        .code(0)
        .stdout(contains("action 1 of plan a: 2 changes, newest first"))
        .stdout(contains("2015-06-30  "));
}

#[test]
fn history_of_an_ambiguous_action_asks_for_the_plan() {
    let r = Repo::new();
    r.write("plans/a.toml", &plan("a", &[("1", "rag = \"red\"")]));
    r.write("plans/b.toml", &plan("b", &[("1", "rag = \"green\"")]));
    r.commit("plans", "Ann", "2015-03-31");
    r.planlint()
        .args(["history", "1"])
        .assert()
        .code(2)
        .stderr(contains(
            "action `1` is in 2 plans: a (plans/a.toml), b (plans/b.toml); say which with --plan",
        ));
    let got = json_of(
        r.planlint()
            .args(["history", "1", "--plan", "b", "--format", "json"]),
        0,
    );
    assert_eq!(got["timeline"][0]["rating"], "green");
    r.planlint()
        .args(["history", "9"])
        .assert()
        .code(2)
        .stderr(contains("no plan has an action `9` at HEAD"));
}

#[test]
fn check_staged_finds_what_only_the_index_holds() {
    let r = Repo::new();
    let good = plan("a", &[("1", "leads = [\"Trust\"]\nrag = \"amber\"")]);
    r.write("plans/a.toml", &good);
    r.commit("plan", "Ann", "2015-03-31");
    // stage an off-scale rating, then put the good text back in the working tree
    r.write("plans/a.toml", &good.replace("amber", "Yellow"));
    r.git(&["add", "plans/a.toml"]);
    r.write("plans/a.toml", &good);

    let staged = json_of(
        r.planlint().args([
            "check",
            "--staged",
            "--as-of",
            "2015-12-01",
            "--format",
            "json",
        ]),
        1,
    );
    let rules: Vec<(&str, &str, i64)> = staged["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or(""),
                f["file"].as_str().unwrap_or(""),
                f["line"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        rules.contains(&("rag-unknown", "plans/a.toml", 11)),
        "{staged}"
    );
    let worktree = json_of(
        r.planlint()
            .args(["check", "--as-of", "2015-12-01", "--format", "json"]),
        0,
    );
    assert_eq!(worktree["summary"]["error"], 0, "{worktree}");
}

#[test]
fn check_rev_names_paths_as_in_that_revision() {
    let (r, _, _) = programme();
    r.write(
        "plans/crisis/a.toml",
        &plan("a", &[("1", "rag = \"Yellow\"")]),
    );
    r.commit("bad rating", "Ann", "2015-07-01");
    r.write("plans/crisis/a.toml", &plan("a", &[("1", "rag = \"red\"")]));
    let old = json_of(
        r.planlint().args([
            "check",
            "--rev",
            "review-q1",
            // judged at that review, before action 1 fell due: only warnings
            "--as-of",
            "2015-03-01",
            "--format",
            "json",
        ]),
        0,
    );
    let files: Vec<&str> = old["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(
        files
            .iter()
            .all(|f| *f == "plans/a.toml" || *f == "plans/b.toml"),
        "{old}"
    );
    assert_eq!(old["files"], 2);
    let head = json_of(
        r.planlint().args([
            "check",
            "--rev",
            "HEAD",
            "--as-of",
            "2015-12-01",
            "--format",
            "json",
        ]),
        1,
    );
    assert!(
        head["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["rule"] == "rag-unknown" && f["file"] == "plans/crisis/a.toml"),
        "{head}"
    );
}

#[test]
fn changed_since_reports_only_changed_files_but_sees_every_plan() {
    let r = Repo::new();
    r.write("plans/a.toml", &plan("a", &[("1", "rag = \"Yellow\"")]));
    r.write("plans/b.toml", &plan("b", &[("1", "rag = \"green\"")]));
    r.commit("plans", "Ann", "2015-03-31");
    r.git(&["tag", "base"]);
    // a new plan reusing plan a's id: duplicate-id needs the unchanged plan to see it
    r.write("plans/c.toml", &plan("a", &[("7", "rag = \"green\"")]));
    let got = json_of(
        r.planlint().args([
            "check",
            "--changed-since",
            "base",
            "--as-of",
            "2015-12-01",
            "--format",
            "json",
        ]),
        1,
    );
    let found: Vec<String> = got["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| format!("{} {} {}", f["rule"], f["file"], f["message"]))
        .collect();
    assert!(
        found.iter().all(|f| f.contains("plans/c.toml")),
        "only the changed file: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("duplicate-id") && f.contains("also used by plans/a.toml")),
        "{found:?}"
    );
}

#[test]
fn unknown_revision_and_no_repository_exit_2_saying_so() {
    let (r, _, _) = programme();
    r.planlint()
        .args(["diff", "review-q9"])
        .assert()
        .code(2)
        .stderr(contains("unknown revision `review-q9`"));
    r.planlint()
        .args(["check", "--rev", "nope", "--as-of", "2015-12-01"])
        .assert()
        .code(2)
        .stderr(contains("unknown revision `nope`"));

    let plain = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(plain.path().join("plans")).expect("mkdir");
    std::fs::write(
        plain.path().join("plans/a.toml"),
        plan("a", &[("1", "rag = \"red\"\nleads = [\"Trust\"]")]),
    )
    .expect("write");
    for args in [
        vec!["diff", "HEAD"],
        vec!["history", "1"],
        vec!["check", "--staged", "--as-of", "2015-12-01"],
    ] {
        common::planlint(plain.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains("planlint: error: not in a git repository"));
    }
    // a plain check works, and says the history rules were skipped
    common::planlint(plain.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .assert()
        .stderr(contains(
            "planlint: note: silent-reschedule and amber-drift skipped: not in a git repository",
        ));
}

#[test]
fn shallow_clone_missing_history_says_how_to_fetch_it() {
    let (r, _, _) = programme();
    let clone = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", r.path().display());
    common::git_at(
        clone.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
        "2015-07-01T00:00:00Z",
    );
    let dir = clone.path().join("shallow");
    for args in [vec!["diff", "review-q1"], vec!["diff", "HEAD~1"]] {
        common::planlint(&dir)
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains("git fetch --unshallow"))
            .stderr(contains("fetch-depth: 0"));
    }
    common::planlint(&dir)
        .args(["history", "1"])
        .assert()
        .code(2)
        .stderr(contains("shallow clone"))
        .stderr(contains("git fetch --unshallow"));
    // what the clone does have still works
    common::planlint(&dir)
        .args(["diff", "HEAD", "--format", "json"])
        .assert()
        .code(0);
}

#[test]
fn history_rules_fire_on_silent_reschedules_and_long_amber() {
    let r = Repo::new();
    r.write(
        "plans/a.toml",
        &plan(
            "a",
            &[
                (
                    "1",
                    "leads = [\"Trust\"]\nrag = \"amber\"\ndue = 2016-06-30",
                ),
                (
                    "2",
                    "leads = [\"Trust\"]\nrag = \"amber\"\ndue = 2016-06-30",
                ),
            ],
        ),
    );
    r.commit("plan", "Ann", "2015-01-10");
    // renamed on the way: the drift is followed by plan id
    std::fs::remove_file(r.path().join("plans/a.toml")).expect("rm");
    r.write(
        "plans/crisis/a.toml",
        &plan(
            "a",
            &[
                (
                    "1",
                    "leads = [\"Trust\"]\nrag = \"amber\"\ndue = 2016-06-30",
                ),
                (
                    "2",
                    "leads = [\"Trust\"]\nrag = \"green\"\ndue = 2016-06-30",
                ),
            ],
        ),
    );
    r.commit("2 on track", "Ann", "2015-09-01");
    // the change under review re-dates action 1 and records nothing
    r.write(
        "plans/crisis/a.toml",
        &plan(
            "a",
            &[
                (
                    "1",
                    "leads = [\"Trust\"]\nrag = \"amber\"\ndue = 2016-12-31",
                ),
                (
                    "2",
                    "leads = [\"Trust\"]\nrag = \"green\"\ndue = 2016-06-30",
                ),
            ],
        ),
    );
    let got = json_of(
        r.planlint()
            .args(["check", "--as-of", "2015-12-01", "--format", "json"]),
        0,
    );
    let found: Vec<String> = got["findings"]
        .as_array()
        .expect("findings")
        .iter()
        // the plan has no updates, so stale-action fires too; this test is about history
        .filter(|f| f["rule"] != "stale-action")
        .map(|f| {
            format!(
                "{} {}:{} {}",
                f["rule"].as_str().unwrap_or(""),
                f["line"],
                f["column"],
                f["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            "amber-drift 11:7 rated amber or worse in every revision since 2015-01-10 (325 days; the limit is 180)",
            "silent-reschedule 12:7 due moved from 2016-06-30 to 2016-12-31 since HEAD with no baseline_due and no update",
        ]
    );
}

/// Rewrites the action-level `rag` of action `id` in generated plan text.
fn rerate(text: &str, id: &str, to: &str) -> (String, String) {
    let start = text
        .find(&format!("[[actions]]\nid = \"{id}\"\n"))
        .expect("action in plan");
    let at = start + text[start..].find("\nrag = \"").expect("rag") + 8;
    let end = at + text[at..].find('"').expect("closing quote");
    let old = text[at..end].to_string();
    (format!("{}{to}{}", &text[..at], &text[end..]), old)
}

#[test]
fn generated_repository_diff_reports_exactly_the_rating_changes_made() {
    let r = Repo::new();
    r.write("planlint.toml", "");
    let mut texts: Vec<String> = (0..200).map(|n| planlint::testgen::plan(n, 50)).collect();
    for (n, t) in texts.iter().enumerate() {
        r.write(&format!("plans/plan-{n:03}.toml"), t);
    }
    r.commit("review cycle 1", "Ann", "2015-09-30");
    r.git(&["tag", "cycle-1"]);
    let mut expected = Vec::new();
    for n in (0..200).step_by(3) {
        for a in [n % 50, (n * 7 + 3) % 50] {
            let id = format!("{}.{}", a / 10 + 1, a % 10 + 1);
            let current = &texts[n];
            let (_, old) = rerate(current, &id, "x");
            if expected
                .iter()
                .any(|e: &Value| e["plan"] == format!("plan-{n}") && e["action"] == id)
            {
                continue;
            }
            let (to, dir) = if old == "red" {
                ("amber", "improved")
            } else {
                ("red", "worsened")
            };
            let (new, _) = rerate(current, &id, to);
            texts[n] = new;
            expected.push(
                json!({"plan": format!("plan-{n}"), "action": id, "kind": "rag",
                "from": old, "to": to, "direction": dir}),
            );
        }
        r.write(&format!("plans/plan-{n:03}.toml"), &texts[n]);
    }
    r.commit("review cycle 2", "Bob", "2015-12-31");
    r.git(&["tag", "cycle-2"]);
    let got = json_of(
        r.planlint()
            .args(["diff", "cycle-1", "cycle-2", "--format", "json"]),
        0,
    );
    let mut got_changes = got["changes"].as_array().expect("changes").clone();
    let key = |v: &Value| format!("{} {}", v["plan"], v["action"]);
    got_changes.sort_by_key(key);
    expected.sort_by_key(key);
    assert!(expected.len() > 60, "the test must change many ratings");
    assert_eq!(got_changes.len(), expected.len());
    assert_eq!(got_changes, expected);
    let worsened = expected
        .iter()
        .filter(|e| e["direction"] == "worsened")
        .count();
    assert_eq!(got["summary"]["worsened"], worsened);
    assert_eq!(got["summary"]["improved"], expected.len() - worsened);
}

/// Files named to `--staged` and `--rev` (as the pre-commit framework names each staged file):
/// a staged plan that takes a committed plan's id is found; a path neither on disk nor in the
/// revision is said, exit 2; a file named outside the repository is checked, not a crash.
#[test]
fn named_files_in_git_are_compared_with_every_plan_and_never_dropped() {
    let r = Repo::new();
    let a = plan("a", &[("1", "leads = [\"Trust\"]\nrag = \"amber\"")]);
    r.write("plans/a.toml", &a);
    r.commit("plan", "Ann", "2015-03-31");
    r.write("plans/copy.toml", &a.replace("Action 1", "Action one"));
    r.git(&["add", "plans/copy.toml"]);
    let rules = |args: &[&str], code: i32| -> Vec<String> {
        let mut all = vec!["check", "--as-of", "2015-12-01", "--format", "json"];
        all.extend_from_slice(args);
        common::rule_files(&json_of(r.planlint().args(&all), code))
    };
    for args in [&["--staged"][..], &["--staged", "plans/copy.toml"][..]] {
        assert!(
            rules(args, 1).contains(&"duplicate-id plans/copy.toml".to_string()),
            "{args:?}"
        );
    }
    r.commit("copy", "Ann", "2015-04-30");
    assert!(rules(&["--rev", "HEAD", "plans/copy.toml"], 1)
        .contains(&"duplicate-id plans/copy.toml".to_string()));

    for args in [
        &["--rev", "HEAD", "plans/a.toml", "plans/typo.toml"][..],
        &["--staged", "plans/.drafts/typo.toml"][..],
    ] {
        r.planlint()
            .arg("check")
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "typo.toml: no such file or directory, on disk or in",
            ));
    }

    let elsewhere = tempfile::tempdir().expect("temp");
    std::fs::write(
        elsewhere.path().join("b.toml"),
        plan("b", &[("1", "leads = [\"Mind\"]\nrag = \"green\"")]),
    )
    .expect("write");
    let outside = elsewhere.path().join("b.toml");
    let out = r
        .planlint()
        .args(["check", "--as-of", "2015-12-01", "plans/a.toml"])
        .arg(&outside)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out));
}
