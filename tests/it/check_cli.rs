//! `planlint check` end to end: the real binary on plan files in temporary folders, asserting
//! exit codes, messages, line:column and the JSON shape of docs/output.md.

use crate::common::{check_json, places, planlint, repo, HEAD};
use serde_json::Value;

#[test]
fn misspelt_key_is_a_schema_finding_at_the_key_with_a_suggestion() {
    let text =
        format!("{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"Crisis line\"\nlaeds = [\"Trust\"]\n");
    let dir = repo(&[("plans/p.toml", &text)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&r), vec!["schema 10:1"]);
    assert_eq!(
        r["findings"][0]["message"],
        "unknown key `laeds` in [[actions]] entry 1"
    );
    planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "human"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("did you mean `leads`?"));
}

#[test]
fn wrong_type_is_a_schema_finding_at_the_value() {
    let text =
        format!("{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"Crisis line\"\nleads = \"Trust\"\n");
    let dir = repo(&[("plans/p.toml", &text)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&r), vec!["schema 10:9"]);
    assert_eq!(
        r["findings"][0]["message"],
        "`leads` must be an array, found string \"Trust\""
    );
}

#[test]
fn missing_required_field_is_reported_at_its_table() {
    let text = format!("{HEAD}\n[[actions]]\nid = \"1\"\nstatus = \"complete\"\n");
    let dir = repo(&[("plans/p.toml", &text)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&r), vec!["schema 7:1"]);
    assert_eq!(
        r["findings"][0]["message"],
        "missing required key `title` in [[actions]] entry 1"
    );
}

#[test]
fn non_date_update_date_is_reported_at_the_value() {
    let text = format!(
        "{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"Crisis line\"\n\n[[actions.updates]]\ndate = \"end of June\"\ntext = \"Live\"\n"
    );
    let dir = repo(&[("plans/p.toml", &text)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&r), vec!["schema 12:8"]);
    assert_eq!(
        r["findings"][0]["message"],
        "`date` must be a date, found \"end of June\""
    );
}

#[test]
fn broken_toml_is_a_syntax_finding_at_its_position() {
    let text = format!("{HEAD}\n[[actions]]\nid = \"1\"\ntitle = Crisis line\n");
    let dir = repo(&[("plans/p.toml", &text)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&r), vec!["toml-syntax 9:9"]);
    assert_eq!(r["findings"][0]["plan"], Value::Null);
}

#[test]
fn duplicate_action_id_is_reported_at_the_second_id() {
    let text = format!(
        "{HEAD}\n[[actions]]\nid = \"22\"\ntitle = \"Publish the number\"\n\n[[actions]]\nid = \"22\"\ntitle = \"Review the line\"\n"
    );
    let dir = repo(&[("plans/p.toml", &text)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        places(&r).contains(&"duplicate-id 12:6".to_string()),
        "{:?}",
        places(&r)
    );
}

#[test]
fn duplicate_plan_ids_across_files() {
    let dir = repo(&[("plans/a.toml", HEAD), ("plans/b.toml", HEAD)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(places(&r), vec!["duplicate-id 4:6"]);
    assert_eq!(r["findings"][0]["file"], "plans/b.toml");
    assert_eq!(
        r["findings"][0]["message"],
        "plan id `p` is also used by plans/a.toml"
    );
}

#[test]
fn json_has_exactly_the_design_shape() {
    let text =
        format!("{HEAD}\n[[actions]]\nid = \"12\"\ntitle = \"Crisis line\"\nrag = \"Yellow\"\nstatus = \"complete\"\n");
    let dir = repo(&[("plans/bexley.toml", &text)]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let mut keys: Vec<&str> = r
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["actions", "as_of", "files", "findings", "summary"]);
    assert_eq!(r["as_of"], "2015-12-01");
    assert_eq!(r["files"], 1);
    assert_eq!(r["actions"], 1);
    let f = &r["findings"][0];
    let mut keys: Vec<&str> = f
        .as_object()
        .expect("finding")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["action", "column", "file", "help", "line", "message", "plan", "rule", "severity"]
    );
    assert_eq!(f["rule"], "rag-unknown");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "plans/bexley.toml");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(10), Some(7))
    );
    assert_eq!(f["plan"], "p");
    assert_eq!(f["action"], "12");
    let s = &r["summary"];
    assert_eq!(
        (
            s["error"].as_u64(),
            s["warning"].as_u64(),
            s["info"].as_u64()
        ),
        (Some(1), Some(0), Some(0))
    );
}

#[test]
fn json_keys_come_in_the_design_order() {
    let text =
        format!("{HEAD}\n[[actions]]\nid = \"12\"\ntitle = \"Crisis line\"\nrag = \"Yellow\"\nstatus = \"complete\"\n");
    let dir = repo(&[("plans/p.toml", &text)]);
    let out = planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "json"])
        .output()
        .expect("run");
    let raw = String::from_utf8(out.stdout).expect("utf-8");
    let at = |k: &str| {
        raw.find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k} missing in {raw}"))
    };
    let order = [
        "as_of", "files", "actions", "findings", "rule", "severity", "file", "line", "column",
        "plan", "action", "message", "help", "summary",
    ];
    for pair in order.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "{} should come before {}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn a_clean_plan_exits_zero() {
    let text = format!("{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"Crisis line\"\nleads = [\"Trust\"]\ndue = 2016-03-31\nstatus = \"in-progress\"\nrag = \"green\"\n\n[[actions.updates]]\ndate = 2015-11-20\ntext = \"On track\"\n");
    let dir = repo(&[("plans/p.toml", &text)]);
    planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .assert()
        .code(0)
        .stdout("no problems in 1 plan (1 action)\n");
}

#[test]
fn concise_format_is_one_line_a_finding() {
    let text = format!(
        "{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"x\"\nrag = \"purple\"\nstatus = \"complete\"\n"
    );
    let dir = repo(&[("plans/p.toml", &text)]);
    planlint(dir.path())
        .args(["check", "--as-of", "2015-12-01", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicates::str::starts_with(
            "plans/p.toml:10:7: error[rag-unknown] action rating `purple` is not on the rag scale\n",
        ));
}

#[test]
fn cargo_toml_and_other_toml_are_not_plans() {
    let dir = repo(&[
        ("Cargo.toml", "[package]\nname = \"x\"\n"),
        ("config/x.toml", "a = 1\n"),
        ("plans/p.toml", HEAD),
    ]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(r["files"], 1);
}

#[test]
fn a_file_named_explicitly_is_always_checked() {
    let dir = repo(&[("elsewhere/odd-name.toml", "schema_version = 1\n")]);
    let (code, r) = check_json(dir.path(), &["elsewhere/odd-name.toml"]);
    assert_eq!(code, 1);
    assert_eq!(r["findings"][0]["file"], "elsewhere/odd-name.toml");
    assert_eq!(
        r["findings"][0]["message"],
        "missing required key `plan` in the plan file"
    );
}

#[test]
fn bad_bytes_are_findings_not_crashes() {
    let dir = repo(&[("plans/empty.toml", "")]);
    std::fs::write(
        dir.path().join("plans/latin1.toml"),
        b"title = \"caf\xe9\"\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("plans/binary.toml"), b"\x00\x01\x02PNG").expect("write");
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let msgs: Vec<String> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["file"].as_str().unwrap_or(""),
                f["rule"].as_str().unwrap_or(""),
                f["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert!(msgs.contains(&"plans/binary.toml toml-syntax binary file: a plan must be UTF-8 text (found a NUL byte)".to_string()), "{msgs:?}");
    assert!(
        msgs.contains(
            &"plans/latin1.toml toml-syntax file is not valid UTF-8 (invalid byte at offset 12)"
                .to_string()
        ),
        "{msgs:?}"
    );
    assert!(
        msgs.contains(
            &"plans/empty.toml schema missing required key `schema_version` in the plan file"
                .to_string()
        ),
        "{msgs:?}"
    );
}

#[test]
fn a_huge_file_is_refused_with_a_finding() {
    let dir = repo(&[]);
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    let big = format!("{HEAD}# {}\n", "x".repeat(9 * 1024 * 1024));
    std::fs::write(dir.path().join("plans/big.toml"), big).expect("write");
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(r["findings"][0]["message"]
        .as_str()
        .unwrap_or("")
        .starts_with("file is too large to be a plan"));
}

#[test]
fn a_missing_path_exits_2_and_says_which() {
    let dir = repo(&[("plans/p.toml", HEAD)]);
    planlint(dir.path())
        .args(["check", "nope.toml"])
        .assert()
        .code(2)
        .stderr("planlint: error: nope.toml: no such file or directory\n");
}

#[test]
fn no_plans_found_exits_2() {
    let dir = repo(&[("README.md", "hi")]);
    planlint(dir.path())
        .args(["check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no plan files found (looked for plans/**/*.toml",
        ));
}

#[test]
fn a_bad_as_of_date_exits_2() {
    let dir = repo(&[("plans/p.toml", HEAD)]);
    planlint(dir.path())
        .args(["check", "--as-of", "1st December"])
        .assert()
        .code(2);
}

#[test]
fn a_bad_configuration_exits_2_with_its_position() {
    let dir = repo(&[
        ("plans/p.toml", HEAD),
        ("planlint.toml", "[rules]\nvague-leed = \"off\"\n"),
    ]);
    planlint(dir.path())
        .args(["check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("planlint.toml:2:1: invalid configuration: unknown rule `vague-leed` (did you mean `vague-lead`?)"));
}

#[test]
fn configuration_is_found_from_the_path_checked_and_its_globs_apply() {
    let dir = repo(&[
        (
            "sub/planlint.toml",
            "[plans]\ninclude = [\"mine/*.toml\"]\n[rules]\nrag-unknown = \"warning\"\n",
        ),
        (
            "sub/mine/p.toml",
            &format!("{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"x\"\nrag = \"purple\"\nstatus = \"complete\"\n"),
        ),
        ("sub/plans/ignored.toml", "not toml at all"),
    ]);
    let (code, r) = check_json(dir.path(), &["sub"]);
    assert_eq!(code, 0, "a warning is not an error");
    assert_eq!(r["files"], 1);
    assert_eq!(r["findings"][0]["file"], "mine/p.toml");
    assert_eq!(r["findings"][0]["severity"], "warning");
}

#[test]
fn paths_are_shown_from_the_git_work_tree_root() {
    // a configuration in a sub-folder of a repository (like `examples/`): paths must still be
    // repository-relative so CI annotations and editors find the file
    let dir = repo(&[
        ("sub/planlint.toml", ""),
        (
            "sub/plans/p.toml",
            &format!("{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"x\"\nrag = \"purple\"\n"),
        ),
    ]);
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    let (code, r) = check_json(dir.path(), &["sub"]);
    assert_eq!(code, 1);
    assert_eq!(r["findings"][0]["file"], "sub/plans/p.toml");
}

#[test]
fn an_off_rule_is_silent() {
    let dir = repo(&[
        ("planlint.toml", "[rules]\nrag-unknown = \"off\"\n"),
        (
            "plans/p.toml",
            &format!("{HEAD}\n[[actions]]\nid = \"1\"\ntitle = \"x\"\nrag = \"purple\"\nstatus = \"complete\"\n"),
        ),
    ]);
    let (code, r) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(r["findings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn schema_command_prints_a_draft_2020_12_schema() {
    let out = assert_cmd::Command::cargo_bin("planlint")
        .expect("binary")
        .arg("schema")
        .output()
        .expect("run");
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
    assert!(
        jsonschema::meta::is_valid(&schema),
        "schema is not a valid draft 2020-12 schema"
    );
}

#[test]
fn rules_lists_every_rule_and_explain_prints_docs() {
    assert_cmd::Command::cargo_bin("planlint")
        .expect("binary")
        .arg("rules")
        .assert()
        .success()
        .stdout(predicates::str::contains("past-due-no-update       error"));
    assert_cmd::Command::cargo_bin("planlint")
        .expect("binary")
        .args(["explain", "dangling-ref"])
        .assert()
        .success()
        .stdout(predicates::str::starts_with("# dangling-ref\n"))
        .stdout(predicates::str::contains("## Why is this bad?"));
    assert_cmd::Command::cargo_bin("planlint")
        .expect("binary")
        .args(["explain", "dangling-rf"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `dangling-ref`?"));
}

/// `-o` names a plan (a slip for `-o findings.txt`): the plan stays as it is unless --force.
#[test]
fn check_output_file_never_replaces_a_plan_without_force() {
    let plan = "schema_version = 1\n[plan]\nid = \"a\"\ntitle = \"A\"\n";
    let dir = repo(&[("plans/a.toml", plan)]);
    let out = planlint(dir.path())
        .args(["check", "--format", "json", "-o", "plans/a.toml"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("plans/a.toml is a plan file") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plans/a.toml")).expect("plan"),
        plan
    );
    // a file of its own, and one named again, are written as before
    for _ in 0..2 {
        planlint(dir.path())
            .args(["check", "--format", "json", "-o", "findings.json"])
            .assert()
            .code(0);
    }
    planlint(dir.path())
        .args(["check", "--format", "json", "-o", "plans/a.toml", "--force"])
        .assert()
        .code(0);
    assert!(std::fs::read_to_string(dir.path().join("plans/a.toml"))
        .expect("replaced")
        .starts_with('{'));
}

/// `check --rev REV` judges as of REV's position date (what its plans say), as `report` does
/// for its TO, and says which date it used; `--as-of` still wins, and the working tree is
/// judged as of today.
#[test]
fn check_rev_judges_as_of_the_revisions_position_date() {
    use crate::common::{git, git_at, planlint_git};
    // a 2016 plan committed ten years later: green, due March 2017
    let text = format!(
        "{HEAD}updated = 2016-11-30\n\n[[actions]]\nid = \"1\"\ntitle = \"Crisis line\"\nleads = [\"Trust\"]\ndue = 2017-03-31\nstatus = \"in-progress\"\nrag = \"green\"\n\n[[actions.updates]]\ndate = 2016-11-15\ntext = \"Pathway drafted.\"\n"
    );
    let dir = repo(&[("plans/p.toml", &text)]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git_at(
        dir.path(),
        &["commit", "-qm", "the 2016 plan"],
        "2026-12-01T12:00:00Z",
    );
    let run = |args: &[&str]| {
        let out = planlint_git(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .expect("run");
        let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        (
            out.status.code(),
            json["as_of"].clone(),
            places(&json),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, as_of, found, err) = run(&["--rev", "HEAD"]);
    assert_eq!(
        (code, as_of, found),
        (Some(0), Value::from("2016-11-30"), Vec::<String>::new()),
        "{err}"
    );
    assert!(
        err.contains("judged as of 30 November 2016, the plans' update date"),
        "{err}"
    );
    // the flag wins, and then no note is needed
    let overdue = |found: &[String]| found.iter().any(|f| f.starts_with("rag-green-overdue "));
    let (code, as_of, found, err) = run(&["--rev", "HEAD", "--as-of", "2026-12-01"]);
    assert_eq!((code, as_of), (Some(1), Value::from("2026-12-01")), "{err}");
    assert!(overdue(&found), "{found:?}");
    assert!(!err.contains("judged as of"), "{err}");
    // the plans on disk are judged as of today, as before
    let (code, _, found, err) = run(&[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(overdue(&found), "{found:?}");
    assert!(!err.contains("judged as of"), "{err}");
}
